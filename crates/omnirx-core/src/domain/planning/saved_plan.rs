//! A plan kept in the workspace: the options it was made with, the data's last day then, when it was saved, and the plan itself, frozen.
//!
//! Rule 31 of `docs/planning.md`. The type lives apart from the functions that keep the
//! workspace's list ([`super::saved`]) because the workspace model names it: this module names no
//! workspace, so the model and the planning code do not import each other.

use serde::{Deserialize, Serialize};

use super::optimise::Plan;
use super::PlanOptions;
use crate::domain::calendar::CalendarDate;

/// A plan as it was made (and then edited by hand), kept in `Workspace::plans`.
///
/// The plan is stored whole, with its rows, cells and the reasons of every cell: the follow-up
/// compares later actuals with what was planned, even after the data (and so a fresh plan)
/// changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedPlan {
    /// `plan-<cycle>` or `plan-<cycle>-<rep id>` ([`super::saved::plan_id_for`]): one saved plan
    /// per cycle and scope.
    pub id: String,
    pub name: String,
    /// What the plan was made with (segments, capacity, goals, curves, bands, the rep).
    pub options: PlanOptions,
    /// The data's last day when the plan was made (`None` when the workspace had no data).
    #[serde(default, with = "crate::domain::iso_dates::iso_date_option")]
    pub data_end: Option<CalendarDate>,
    /// Milliseconds since 1970 when it was saved; the caller passes its clock (the core reads
    /// none).
    pub saved_at_ms: f64,
    pub plan: Plan,
}
