//! Journey maps in the workspace file: they round trip, and broken maps are refused with the field path.

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::journey::editing::{
    add_card, new_journey_map, rename_map, set_disease_area, set_map_state, set_patient_segment,
};
use omnirx_core::domain::journey::model::{JourneyState, ReportedOutcomes, StageLink, StageMonth};
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::time::Month;
use omnirx_core::domain::workspace_file::{
    export_workspace, import_workspace, ImportError, Problem,
};

fn tiny() -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ))
}

fn row(stage: &str, month: u8, entered: u64) -> StageMonth {
    StageMonth {
        stage_id: stage.into(),
        month: Month::new(2025, month).unwrap(),
        entered,
        median_days_in_stage: Some(12.0),
        outcomes: None,
    }
}

fn problems(workspace: &Workspace) -> Vec<(String, Problem)> {
    match import_workspace(export_workspace(workspace).as_bytes()) {
        Err(ImportError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| (p.path, p.problem)).collect()
        }
        other => panic!("a broken journey map was not refused: {other:?}"),
    }
}

#[test]
fn a_journey_map_with_cards_links_and_counts_round_trips() {
    let mut workspace = tiny();
    let mut map = new_journey_map("j-test".into(), "Test".into(), false);
    add_card(
        &mut map,
        "stage-2",
        "pain_points",
        "Long wait for the specialist",
    )
    .unwrap();
    let channel = add_card(&mut map, "stage-3", "channels", "Rep visit").unwrap();
    map.cards[channel].channel_id = Some("ch-visit".into());
    map.stages[3].emotion = Some(-1.5);
    map.stages[3].link = Some(StageLink::FunnelStep {
        funnel_id: "f-default".into(),
        step: 3,
    });
    map.cohort = vec![row("stage-1", 1, 100), row("stage-2", 1, 60)];
    map.cohort[1].outcomes = Some(ReportedOutcomes {
        respondents: 20,
        satisfaction: Some(3.5),
        quality_of_life: None,
        adherence_percent: Some(71.0),
    });
    workspace.journeys.push(map);
    let outcome = import_workspace(export_workspace(&workspace).as_bytes()).expect("it imports");
    assert!(
        outcome.workspace == workspace,
        "the map changed on the way through the file"
    );
}

/// The details form's edits (name, disease area, patient segment, state) change their field only,
/// keep the text as typed, even empty, and the map still round trips.
#[test]
fn the_details_edits_change_only_their_field_and_round_trip() {
    let mut workspace = tiny();
    let mut map = new_journey_map("j-test".into(), "Test".into(), false);
    add_card(&mut map, "stage-1", "touchpoints", "GP visit").unwrap();
    let before = map.clone();
    rename_map(&mut map, " T2D, newly diagnosed ".into());
    set_disease_area(&mut map, "Type 2 diabetes".into());
    set_patient_segment(&mut map, "Adults <65 & \"new\"".into());
    set_map_state(&mut map, JourneyState::Target);
    assert_eq!(map.name, " T2D, newly diagnosed ");
    assert_eq!(map.disease_area, "Type 2 diabetes");
    assert_eq!(map.patient_segment, "Adults <65 & \"new\"");
    assert_eq!(map.state, JourneyState::Target);
    assert_eq!(
        (&map.id, &map.stages, &map.lanes, &map.cards, &map.cohort),
        (
            &before.id,
            &before.stages,
            &before.lanes,
            &before.cards,
            &before.cohort
        )
    );
    set_map_state(&mut map, JourneyState::Current);
    assert_eq!(map.state, JourneyState::Current);
    set_disease_area(&mut map, String::new());
    assert_eq!(map.disease_area, "");
    rename_map(&mut map, String::new());
    assert_eq!(map.name, "");
    workspace.journeys.push(map);
    let outcome = import_workspace(export_workspace(&workspace).as_bytes()).expect("it imports");
    assert!(
        outcome.workspace == workspace,
        "the edited map changed on the way through the file"
    );
}

#[test]
fn a_broken_journey_map_is_refused_with_every_path() {
    let mut workspace = tiny();
    let mut map = new_journey_map("j-test".into(), "Test".into(), false);
    add_card(&mut map, "stage-1", "channels", "x").unwrap();
    map.cards[0].stage_id = "stage-99".into();
    map.cards[0].channel_id = Some("ch-fax".into());
    map.stages[1].id = "stage-1".into();
    map.stages[2].emotion = Some(3.0);
    map.stages[3].link = Some(StageLink::FunnelStep {
        funnel_id: "f-default".into(),
        step: 9,
    });
    map.stages[4].link = Some(StageLink::Segment {
        rule_set_id: "rs-tiers".into(),
        segment_id: "Z".into(),
    });
    map.cohort = vec![
        row("stage-1", 1, 10),
        row("stage-1", 1, 12),
        row("stage-42", 2, 5),
    ];
    map.cohort[0].median_days_in_stage = Some(-3.0);
    map.cohort[0].outcomes = Some(ReportedOutcomes {
        respondents: 5,
        satisfaction: Some(7.0),
        quality_of_life: Some(101.0),
        adherence_percent: None,
    });
    workspace.journeys = vec![map];
    let found = problems(&workspace);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "journeys[0].stages[1].id",
        "journeys[0].stages[2].emotion",
        "journeys[0].stages[3].link.step",
        "journeys[0].stages[4].link.segment_id",
        "journeys[0].cards[0].stage_id",
        "journeys[0].cards[0].channel_id",
        "journeys[0].cohort[0].median_days_in_stage",
        "journeys[0].cohort[0].outcomes.satisfaction",
        "journeys[0].cohort[0].outcomes.quality_of_life",
        "journeys[0].cohort[1].month",
        "journeys[0].cohort[2].stage_id",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert!(found.contains(&(
        "journeys[0].cards[0].channel_id".to_string(),
        Problem::UnknownReference {
            kind: "channel",
            id: "ch-fax".into()
        }
    )));
}

#[test]
fn a_map_with_too_many_stages_is_refused() {
    let mut workspace = tiny();
    let mut map = new_journey_map("j-test".into(), "Test".into(), false);
    let template = map.stages[0].clone();
    map.stages = (0..20)
        .map(|index| {
            let mut stage = template.clone();
            stage.id = format!("s{index}");
            stage
        })
        .collect();
    workspace.journeys = vec![map];
    assert!(problems(&workspace).contains(&(
        "journeys[0].stages".to_string(),
        Problem::TooMany {
            limit: 16,
            count: 20
        }
    )));
}

#[test]
fn an_unknown_lane_kind_names_its_field() {
    let mut file: serde_json::Value = serde_json::from_str(&export_workspace(&tiny())).unwrap();
    let mut map =
        serde_json::to_value(new_journey_map("j-test".into(), "Test".into(), true)).unwrap();
    map["lanes"][2]["kind"] = serde_json::json!("telepathy");
    file["workspace"]["journeys"] = serde_json::json!([map]);
    let text = serde_json::to_vec(&file).unwrap();
    match import_workspace(&text) {
        Err(ImportError::Invalid { problems, .. }) => {
            assert_eq!(problems[0].path, "journeys[0].lanes[2].kind");
            assert!(matches!(problems[0].problem, Problem::UnknownValue { .. }));
        }
        other => panic!("an unknown lane kind was not refused: {other:?}"),
    }
}
