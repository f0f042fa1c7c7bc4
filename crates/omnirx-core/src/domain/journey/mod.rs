//! Patient journey maps: the saved model, editing with undo, stage metrics, comparison and the demo maps.
//!
//! The rules for people are in `docs/journeys.md`; the code follows them.

pub mod comparison;
pub mod demo_maps;
pub mod editing;
pub mod history;
pub mod metrics;
pub mod model;

pub use comparison::{compare_journeys, JourneyComparison};
pub use metrics::{journey_metrics, JourneyMetrics, MonthRange};
pub use model::{JourneyCard, JourneyLane, JourneyMap, JourneyStage, LaneKind, StageLink};
