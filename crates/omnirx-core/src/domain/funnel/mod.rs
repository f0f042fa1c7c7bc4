//! Omnichannel funnels: definitions, the engine that traces each HCP through the steps, and the
//! summaries, breakdowns, comparisons and what-ifs the views and the CLI show.
//!
//! The rules are written for people in `docs/funnels.md`; the code follows them.

pub mod breakdown;
pub mod compare;
pub mod definition;
pub mod editing;
pub mod evaluate;
pub mod index;
pub mod index_builder;
pub mod report;
pub mod summary;
pub mod what_if;

pub use breakdown::{breakdown, Attribution, BreakdownDimension, BreakdownSeries, SeriesLabel};
pub use compare::{previous_period, quarter_containing, step_deltas, StepDelta};
pub use definition::*;
pub use evaluate::{run_funnel, FunnelRun, Trace, WorkspaceIds};
pub use index::FunnelIndex;
pub use index_builder::FunnelIndexBuilder;
pub use report::{funnel_report, BreakdownReport, FunnelReport, ReportOptions};
pub use summary::{
    check_manual_counts, find_bottleneck, stopped_before, summarise_manual, summarise_run,
    FunnelSummary, ManualCountsProblem, StepSummary, StoppedEntity,
};
pub use what_if::{benchmark_series, best_step_for_effort, project_raise, WhatIfProjection};
