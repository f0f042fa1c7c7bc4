//! `omnirx kpis` and `omnirx forecast` run as a user runs them: the same numbers as the core,
//! periods and breakdowns checked before anything runs, bad input refused with a message.

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::performance::outlook::outlook;
use omnirx_core::domain::performance::{
    attainment_table, AttainmentQuery, Dimension, Measure, PerformanceData, Period, Scope, Source,
};
use omnirx_core::domain::workspace_file::export_workspace;

mod support;

use support::omnirx;

fn demo_file(name: &str) -> (std::path::PathBuf, omnirx_core::domain::model::Workspace) {
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Demo,
        7,
        DataLanguage::English,
    ));
    let path =
        std::env::temp_dir().join(format!("omnirx-performance-{}-{name}", std::process::id()));
    std::fs::write(&path, export_workspace(&workspace)).unwrap();
    (path, workspace)
}

#[test]
fn kpis_print_the_cores_numbers() {
    let (path, workspace) = demo_file("kpis.json");
    let (code, json, _) = omnirx(&[
        "kpis",
        path.to_str().unwrap(),
        "--by",
        "territory",
        "--period",
        "2026-Q3",
        "--measure",
        "value",
        "--json",
    ]);
    assert_eq!(code, 0);
    let printed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let data = PerformanceData::build(&workspace);
    let table = attainment_table(
        &data,
        &workspace,
        &AttainmentQuery {
            period: Period::parse("2026-Q3").unwrap(),
            measure: Measure::Value,
            source: Source::Prescriptions,
            dimension: Dimension::Territory,
            scope: Scope::default(),
        },
    );
    assert_eq!(printed["attainment"], serde_json::to_value(&table).unwrap());
    assert_eq!(printed["activity"]["dimension"], "territory");
    let (code, text, _) = omnirx(&["kpis", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        text.contains("Targets vs actual, 2026-10-ytd") && text.contains("Activity"),
        "{text}"
    );
}

#[test]
fn forecast_prints_the_cores_outlook() {
    let (path, workspace) = demo_file("forecast.json");
    let product = workspace.products[0].id.clone();
    let (code, json, _) = omnirx(&[
        "forecast",
        path.to_str().unwrap(),
        "--product",
        &product,
        "--json",
    ]);
    assert_eq!(code, 0);
    let printed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let data = PerformanceData::build(&workspace);
    let expected = outlook(
        &data,
        &workspace,
        Measure::Units,
        Source::Prescriptions,
        Some(&product),
    );
    assert_eq!(printed, serde_json::to_value(&expected).unwrap());
    assert_eq!(expected.rows.len(), 1 + workspace.regions.len());
    let (code, text, _) = omnirx(&["forecast", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        text.contains("Forecast to the end of 2026") && text.contains("damped trend"),
        "{text}"
    );
}

#[test]
fn bad_arguments_are_refused_with_a_message() {
    let (path, _) = demo_file("bad.json");
    let file = path.to_str().unwrap();
    for (arguments, code, words) in [
        (
            vec!["kpis", file, "--period", "2026-Q5"],
            2,
            "is not a period",
        ),
        (vec!["kpis", file, "--by", "city"], 2, "invalid value"),
        (
            vec!["forecast", file, "--product", "nothing"],
            1,
            "no product \"nothing\"",
        ),
    ] {
        let (actual, _, error) = omnirx(&arguments);
        assert_eq!(actual, code, "{arguments:?}: {error}");
        assert!(error.contains(words), "{arguments:?}: {error}");
    }
    // A workspace with nothing to measure says so.
    let empty = std::env::temp_dir().join(format!(
        "omnirx-performance-{}-empty.json",
        std::process::id()
    ));
    std::fs::write(&empty, export_workspace(&Default::default())).unwrap();
    let (code, _, error) = omnirx(&["kpis", empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        error.contains("no prescriptions, sales or interactions"),
        "{error}"
    );
}
