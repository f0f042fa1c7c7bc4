//! Journey maps in the workspace file: they round trip, and broken maps are refused with the field path.

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::journey::editing::{add_card, new_journey_map};
use omnirx_core::domain::journey::model::{ReportedOutcomes, StageLink, StageMonth};
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
