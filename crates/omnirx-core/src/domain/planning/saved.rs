//! Plans saved in the workspace: one per cycle and scope, stored frozen, edited by hand after optimising; plain functions the Plan page and tests share.
//!
//! Rules 31–33 of `docs/planning.md`. A saved plan's id is made from its cycle and its rep
//! ([`plan_id_for`]), so saving the plan of a cycle again replaces the one saved before; every
//! function keeps the ids of `Workspace::plans` unique and the names trimmed and non-empty.

use super::capacity::Cycle;
use super::editing::{set_planned, PlanEditRefusal};
use super::optimise::Plan;
use super::PlanOptions;
use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;

pub use super::saved_plan::SavedPlan;

/// Why a saved plan was not changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedPlanRefusal {
    /// No saved plan has this id.
    UnknownPlan,
    /// A name must have a character other than spaces.
    EmptyName,
}

/// The id of the saved plan of `cycle`, for the team (`plan-2026-01`, `plan-2026-Q1`,
/// `plan-2026-11-02..2026-12-18`) or for one rep (`plan-2026-Q1-rep-03`).
pub fn plan_id_for(cycle: &Cycle, rep_id: Option<&str>) -> String {
    match rep_id {
        Some(rep_id) => format!("plan-{}-{rep_id}", cycle.key()),
        None => format!("plan-{}", cycle.key()),
    }
}

/// The name a plan gets when none is given: its cycle, and its rep when it plans one.
pub fn default_plan_name(cycle: &Cycle, rep_id: Option<&str>) -> String {
    match rep_id {
        Some(rep_id) => format!("{} {rep_id}", cycle.key()),
        None => cycle.key(),
    }
}

impl SavedPlan {
    /// A plan to save, under the id of its cycle and rep ([`plan_id_for`]); a blank `name` gives
    /// [`default_plan_name`].
    pub fn new(
        name: &str,
        options: PlanOptions,
        data_end: Option<CalendarDate>,
        saved_at_ms: f64,
        plan: Plan,
    ) -> SavedPlan {
        let rep_id = options.rep_id.as_deref();
        SavedPlan {
            id: plan_id_for(&plan.cycle, rep_id),
            name: match name.trim() {
                "" => default_plan_name(&plan.cycle, rep_id),
                name => name.to_string(),
            },
            data_end,
            saved_at_ms,
            options,
            plan,
        }
    }
}

/// Saves `plan` in the workspace: it replaces the saved plan with the same id (the cycle's plan
/// saved before), or is added after the others. A blank id or name is filled in from the
/// plan's cycle and rep, and no other saved plan keeps the id.
pub fn save_plan(workspace: &mut Workspace, mut plan: SavedPlan) {
    let rep_id = plan.options.rep_id.clone();
    if plan.id.trim().is_empty() {
        plan.id = plan_id_for(&plan.plan.cycle, rep_id.as_deref());
    }
    plan.name = match plan.name.trim() {
        "" => default_plan_name(&plan.plan.cycle, rep_id.as_deref()),
        name => name.to_string(),
    };
    match workspace.plans.iter().position(|p| p.id == plan.id) {
        Some(index) => {
            let id = plan.id.clone();
            workspace.plans[index] = plan;
            let mut position = 0;
            workspace.plans.retain(|p| {
                let keep = position <= index || p.id != id;
                position += 1;
                keep
            });
        }
        None => workspace.plans.push(plan),
    }
}

/// Deletes the saved plan `id`; `false` when there is none.
pub fn delete_plan(workspace: &mut Workspace, id: &str) -> bool {
    let before = workspace.plans.len();
    workspace.plans.retain(|p| p.id != id);
    workspace.plans.len() != before
}

/// Renames the saved plan `id` (the name trimmed).
pub fn rename_plan(
    workspace: &mut Workspace,
    id: &str,
    name: &str,
) -> Result<(), SavedPlanRefusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SavedPlanRefusal::EmptyName);
    }
    let plan = workspace
        .plans
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or(SavedPlanRefusal::UnknownPlan)?;
    plan.name = name.to_string();
    Ok(())
}

/// The saved plan of `cycle` for the team (`rep_id` `None`) or for one rep.
pub fn saved_plan_for<'a>(
    workspace: &'a Workspace,
    cycle: &Cycle,
    rep_id: Option<&str>,
) -> Option<&'a SavedPlan> {
    let id = plan_id_for(cycle, rep_id);
    workspace.plans.iter().find(|p| p.id == id)
}

/// Sets an HCP's planned contacts through a channel in the saved plan `plan_id`, by hand (rule 28:
/// kept within the HCP's minimum and maximum, the cell marked as edited, the loads recomputed);
/// the kept count is returned.
pub fn set_saved_planned(
    workspace: &mut Workspace,
    plan_id: &str,
    hcp_id: &str,
    channel_id: &str,
    planned: u32,
) -> Result<u32, PlanEditRefusal> {
    let saved = workspace
        .plans
        .iter_mut()
        .find(|p| p.id == plan_id)
        .ok_or(PlanEditRefusal::UnknownPlan)?;
    set_planned(&mut saved.plan, hcp_id, channel_id, planned)
}
