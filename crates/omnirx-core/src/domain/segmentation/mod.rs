//! Customer segmentation: features per HCP, rules, the potential × support matrix, clusters and movement.
//!
//! The rules for people are in `docs/segmentation.md`; the code follows them.

pub mod classify;
pub mod clusters;
pub mod demo_rules;
pub mod editing;
pub mod features;
pub mod matrix;
pub mod movement;
pub mod overview;
pub mod profile;
pub mod report;
pub mod rules;

pub use classify::{adoption_stages, classify, preview_rules, Classification, RulePreview};
pub use matrix::{build_matrix, MatrixCutoffs, Strategy};
pub use profile::{profiles_as_of, CustomerBase, CustomerProfiles, VolumeLevel};
pub use rules::{CompiledRules, Condition, Dimension, DimensionIds, SegmentRuleSet, UNCLASSIFIED};
