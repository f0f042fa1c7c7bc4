//! The tiny demo with a saved plan made by the real optimiser and one cell edited by hand: the golden file of format version 2, the bad files about plans and the storage tests share it.

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::planning::editing::set_planned;
use omnirx_core::domain::planning::goals::Access;
use omnirx_core::domain::planning::{
    plan_for, save_plan, Cycle, PlanOptions, PlanningData, SavedPlan,
};

/// When the golden plan was saved: 2026-11-30 18:00 UTC (the core reads no clock).
pub const SAVED_AT_MS: f64 = 1_796_061_600_000.0;

/// The tiny demo (seed 1, English), as `omnirx demo --scale tiny --seed 1 --lang en` writes it.
pub fn tiny_demo() -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ))
}

/// The plan of `cycle` for the whole team with the default options, as the Plan page saves it,
/// with one contact less by hand in the first cell of the first row that has one above its
/// minimum.
pub fn saved_plan(workspace: &Workspace, cycle: Cycle, name: &str) -> SavedPlan {
    let options = PlanOptions::default();
    let result = plan_for(workspace, cycle, &options).expect("the demo plans");
    let mut plan = result.plan;
    if let Some(row) = plan.rows.first() {
        let hcp_id = row.hcp_id.clone();
        if let Some(slot) = row
            .cells
            .iter()
            .position(|c| c.access == Access::Open && c.planned > c.min)
        {
            let channel_id = plan.channels[slot].channel_id.clone();
            let planned = row.cells[slot].planned;
            set_planned(&mut plan, &hcp_id, &channel_id, planned - 1).expect("an open cell");
        }
    }
    let data_end = PlanningData::build(workspace).data_end;
    SavedPlan::new(name, options, data_end, SAVED_AT_MS, plan)
}

/// The tiny demo with the saved team plan of November 2026 (the month after its data):
/// `tests/fixtures/workspace-v3.omnirx.json` of `omnirx-core` is this workspace exported.
pub fn tiny_with_a_saved_plan() -> Workspace {
    let mut workspace = tiny_demo();
    let plan = saved_plan(
        &workspace,
        Cycle::parse("2026-11").expect("a month"),
        "November plan",
    );
    save_plan(&mut workspace, plan);
    workspace
}
