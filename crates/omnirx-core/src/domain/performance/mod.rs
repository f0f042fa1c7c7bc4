//! Team performance (rules in `docs/kpis.md`): targets against actuals, rep activity KPIs,
//! effort against outcome, and the forecast of monthly actuals to the end of the year.

pub mod activity;
pub mod attainment;
pub mod calendar;
pub mod effort;
pub mod forecast;
pub mod index;
pub mod outlook;
pub mod period;
pub mod settings;

pub use activity::{
    activity_table, follow_up, ActivityDimension, ActivityRow, ActivityTable, FollowUp,
};
pub use attainment::{
    attainment_table, monthly_attainment, AttainmentQuery, AttainmentRow, AttainmentTable,
    Dimension, Measure, MonthPoint, Scope, Source, Status,
};
pub use effort::{effort_outcome, EffortOutcome, EffortPoint};
pub use index::{Notice, PerformanceData};
pub use period::{Period, PeriodKind};
