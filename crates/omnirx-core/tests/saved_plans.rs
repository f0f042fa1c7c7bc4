//! Plans saved in the workspace (`domain::planning::saved`): one test per rule 31–33 of
//! `docs/planning.md`, on the tiny demo planned by the real optimiser. The file format (version 2,
//! its migration and golden files) is tested in `workspace_file.rs`, sharing in `sharing.rs`.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::model::{Interaction, InteractionKind, Outcome, Workspace};
use omnirx_core::domain::planning::editing::PlanEditRefusal;
use omnirx_core::domain::planning::goals::Access;
use omnirx_core::domain::planning::saved::default_plan_name;
use omnirx_core::domain::planning::*;
use omnirx_core::domain::time::Timestamp;
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace};
use omnirx_testkit::plans::tiny_demo;

fn cycle(text: &str) -> Cycle {
    Cycle::parse(text).unwrap()
}

fn date(text: &str) -> CalendarDate {
    text.parse().unwrap()
}

/// The optimiser's plan of `cycle` (the team, or one rep), ready to save.
fn made(workspace: &Workspace, cycle: Cycle, rep_id: Option<&str>, name: &str) -> SavedPlan {
    let options = PlanOptions {
        rep_id: rep_id.map(str::to_string),
        ..PlanOptions::default()
    };
    let plan = plan_for(workspace, cycle, &options).unwrap().plan;
    let data_end = PlanningData::build(workspace).data_end;
    SavedPlan::new(name, options, data_end, 1_796_061_600_000.0, plan)
}

/// [`made`], saved in the workspace.
fn keep(workspace: &mut Workspace, cycle: Cycle, rep_id: Option<&str>, name: &str) {
    let plan = made(workspace, cycle, rep_id, name);
    save_plan(workspace, plan);
}

/// The first cell of the plan that is open and has a contact above its minimum: (HCP, channel,
/// planned, min).
fn editable(plan: &Plan) -> (String, String, u32, u32) {
    plan.rows
        .iter()
        .find_map(|row| {
            row.cells
                .iter()
                .position(|c| c.access == Access::Open && c.planned > c.min)
                .map(|slot| {
                    let cell = &row.cells[slot];
                    (
                        row.hcp_id.clone(),
                        plan.channels[slot].channel_id.clone(),
                        cell.planned,
                        cell.min,
                    )
                })
        })
        .expect("an editable cell")
}

#[test]
fn rule_31_a_saved_plan_keeps_the_plan_as_it_was_made() {
    let mut workspace = tiny_demo();
    let november = cycle("2026-11");
    let options = PlanOptions::default();
    let result = plan_for(&workspace, november, &options).unwrap();
    let saved = SavedPlan::new(
        "  November  ",
        options.clone(),
        PlanningData::build(&workspace).data_end,
        1_796_061_600_000.0,
        result.plan.clone(),
    );
    // What is stored: the id of its cycle and scope, the trimmed name, the options, the data's
    // last day, the caller's clock, and the plan whole (rows, cells and their reasons).
    assert_eq!(saved.id, "plan-2026-11");
    assert_eq!(saved.name, "November");
    assert_eq!(saved.options, options);
    assert_eq!(saved.data_end, Some(date("2026-10-31")));
    assert_eq!(saved.saved_at_ms, 1_796_061_600_000.0);
    assert_eq!(saved.plan, result.plan);
    let json = serde_json::to_value(&saved).unwrap();
    assert_eq!(json["data_end"], "2026-10-31");
    assert_eq!(json["plan"]["cycle"]["month"], "2026-11");
    assert!(json["plan"]["rows"][0]["cells"][0]["binding"].is_string());
    assert_eq!(serde_json::from_value::<SavedPlan>(json).unwrap(), saved);
    // A workspace without data: no last day (`null` in the file); a blank name is the cycle's.
    let empty = SavedPlan::new(
        " ",
        PlanOptions::default(),
        PlanningData::build(&Workspace::default()).data_end,
        0.0,
        plan_for(&Workspace::default(), november, &PlanOptions::default())
            .unwrap()
            .plan,
    );
    assert_eq!(empty.data_end, None);
    assert_eq!(empty.name, "2026-11");
    assert!(serde_json::to_value(&empty).unwrap()["data_end"].is_null());

    save_plan(&mut workspace, saved.clone());
    // Frozen: the data changes (November's visits come in, an HCP's potential is revised), a
    // fresh plan differs, the saved one does not, and the follow-up compares the new actuals
    // with what was saved.
    let (hcp_id, channel_id, planned, _) = editable(&saved.plan);
    let row = saved.plan.rows.iter().find(|r| r.hcp_id == hcp_id).unwrap();
    for day in ["2026-11-03", "2026-11-05"] {
        workspace.interactions.push(Interaction {
            source: None,
            at: Timestamp::from_date_and_time(date(day), 2, 0, 0),
            hcp_id: hcp_id.clone(),
            rep_id: Some(row.rep_id.clone()),
            channel_id: channel_id.clone(),
            kind: InteractionKind::Visit,
            product_id: None,
            outcome: Outcome::Neutral,
            notes: String::new(),
        });
    }
    workspace
        .hcps
        .iter_mut()
        .find(|h| h.id == hcp_id)
        .unwrap()
        .prescribing_potential += 50;
    let fresh = plan_for(&workspace, november, &options).unwrap().plan;
    assert_ne!(fresh, saved.plan, "the data changed the optimiser's plan");
    let kept = saved_plan_for(&workspace, &november, None).unwrap();
    assert_eq!(kept, &saved, "the saved plan did not change with the data");
    let data = PlanningData::build(&workspace);
    let rules = CapacityRules::default_for(&workspace);
    let follow = follow_up(
        &workspace,
        &data,
        &rules,
        &kept.plan,
        date("2026-11-15"),
        kept.options.bands,
    );
    let progress = follow
        .reps
        .iter()
        .flat_map(|rep| &rep.hcps)
        .find(|p| p.hcp_id == hcp_id && p.channel_id == channel_id)
        .unwrap();
    assert_eq!(progress.progress.planned, planned);
    assert_eq!(progress.progress.actual, 2);
}

#[test]
fn rule_32_one_saved_plan_per_cycle_and_scope() {
    for (text, rep, id) in [
        ("2026-01", None, "plan-2026-01"),
        ("2026-Q1", Some("rep-03"), "plan-2026-Q1-rep-03"),
        (
            "2026-11-02..2026-12-18",
            None,
            "plan-2026-11-02..2026-12-18",
        ),
    ] {
        assert_eq!(plan_id_for(&cycle(text), rep), id);
    }
    assert_eq!(
        default_plan_name(&cycle("2026-Q1"), Some("rep-03")),
        "2026-Q1 rep-03"
    );

    let mut workspace = tiny_demo();
    let rep = workspace.reps[0].id.clone();
    keep(&mut workspace, cycle("2026-11"), None, "First");
    keep(&mut workspace, cycle("2026-11"), Some(&rep), "Mine");
    keep(&mut workspace, cycle("2026-Q4"), None, "");
    let ids: Vec<&str> = workspace.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "plan-2026-11".to_string(),
            format!("plan-2026-11-{rep}"),
            "plan-2026-Q4".to_string()
        ]
    );
    assert_eq!(workspace.plans[2].name, "2026-Q4");
    // Saving the cycle's plan again replaces it, in its place.
    let mut again = made(&workspace, cycle("2026-11"), None, "Second");
    again.saved_at_ms = 2.0;
    save_plan(&mut workspace, again.clone());
    assert_eq!(workspace.plans.len(), 3);
    assert_eq!(workspace.plans[0], again);
    assert_eq!(
        saved_plan_for(&workspace, &cycle("2026-11"), None),
        Some(&again)
    );
    assert_eq!(
        saved_plan_for(&workspace, &cycle("2026-11"), Some(&rep)).map(|p| p.name.as_str()),
        Some("Mine")
    );
    assert_eq!(saved_plan_for(&workspace, &cycle("2026-12"), None), None);
    // Ids stay unique even when a list came with two plans of one id.
    workspace.plans.push(again.clone());
    save_plan(&mut workspace, again.clone());
    assert_eq!(
        workspace
            .plans
            .iter()
            .filter(|p| p.id == "plan-2026-11")
            .count(),
        1
    );
    // Renaming trims and refuses a blank name or an unknown plan; deleting says whether it did.
    assert_eq!(
        rename_plan(&mut workspace, "plan-2026-Q4", "  Q4 push "),
        Ok(())
    );
    assert_eq!(workspace.plans[2].name, "Q4 push");
    assert_eq!(
        rename_plan(&mut workspace, "plan-2026-Q4", " \t"),
        Err(SavedPlanRefusal::EmptyName)
    );
    assert_eq!(
        rename_plan(&mut workspace, "plan-1999-01", "x"),
        Err(SavedPlanRefusal::UnknownPlan)
    );
    assert!(delete_plan(&mut workspace, "plan-2026-Q4"));
    assert!(!delete_plan(&mut workspace, "plan-2026-Q4"));
    assert_eq!(workspace.plans.len(), 2);
}

#[test]
fn rule_33_hand_edits_of_a_saved_plan_are_kept() {
    let mut workspace = tiny_demo();
    keep(&mut workspace, cycle("2026-11"), None, "");
    let id = "plan-2026-11";
    let before = workspace.plans[0].plan.clone();
    let (hcp_id, channel_id, planned, min) = editable(&before);
    // Within the HCP's minimum and maximum (rule 28), marked as edited, loads recomputed.
    assert_eq!(
        set_saved_planned(&mut workspace, id, &hcp_id, &channel_id, planned - 1),
        Ok(planned - 1)
    );
    let slot = before.channel_index(&channel_id).unwrap();
    let max = before
        .rows
        .iter()
        .find(|r| r.hcp_id == hcp_id)
        .unwrap()
        .cells[slot]
        .max;
    assert_eq!(
        set_saved_planned(&mut workspace, id, &hcp_id, &channel_id, 10_000),
        Ok(max)
    );
    assert_eq!(
        set_saved_planned(&mut workspace, id, &hcp_id, &channel_id, min),
        Ok(min)
    );
    let plan = &workspace.plans[0].plan;
    let slot = plan.channel_index(&channel_id).unwrap();
    let row = plan.rows.iter().find(|r| r.hcp_id == hcp_id).unwrap();
    assert_eq!(row.cells[slot].planned, min);
    assert_eq!(row.cells[slot].binding, Binding::Edited);
    let rep = plan.rep(&row.rep_id).unwrap();
    let load: u32 = plan
        .rows_of(&row.rep_id)
        .map(|r| r.cells[slot].planned)
        .sum();
    assert_eq!(rep.channels[slot].planned, load);
    let was = before.rep(&row.rep_id).unwrap().channels[slot].planned;
    assert_eq!(load, was - (planned - min));
    assert!(plan.expected_uplift < before.expected_uplift);
    // Refusals: an unknown plan, HCP or channel, and what rule 28 refuses.
    assert_eq!(
        set_saved_planned(&mut workspace, "plan-1999-01", &hcp_id, &channel_id, 1),
        Err(PlanEditRefusal::UnknownPlan)
    );
    assert_eq!(
        set_saved_planned(&mut workspace, id, "h-none", &channel_id, 1),
        Err(PlanEditRefusal::UnknownHcp)
    );
    assert_eq!(
        set_saved_planned(&mut workspace, id, &hcp_id, "ch-none", 1),
        Err(PlanEditRefusal::UnknownChannel)
    );
    // The edit is stored: the workspace's file keeps it; saving a new optimisation of the
    // cycle replaces the plan, edits included.
    let file = export_workspace(&workspace);
    let back = import_workspace(file.as_bytes()).unwrap().workspace;
    assert_eq!(back.plans, workspace.plans);
    keep(&mut workspace, cycle("2026-11"), None, "");
    assert_eq!(workspace.plans[0].plan, before);
}
