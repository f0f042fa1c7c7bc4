//! `omnirx plan`, run as a user would run it on the tiny demo: the text, the JSON (the same
//! numbers as the core), one rep's calendar and follow-up, and bad arguments.

use omnirx_core::domain::planning::{plan_for, Cycle, PlanOptions};
use omnirx_core::domain::workspace_file::import_workspace;

mod support;

use support::omnirx;

/// The tiny demo (seed 1, English names) in a file of its own.
fn tiny(name: &str) -> std::path::PathBuf {
    let (code, demo, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "1", "--lang", "en"]);
    assert_eq!(code, 0);
    let path = std::env::temp_dir().join(format!("omnirx-plan-{}-{name}", std::process::id()));
    std::fs::write(&path, demo).unwrap();
    path
}

#[test]
fn plan_prints_the_plan_and_its_summary() {
    let path = tiny("text.json");
    let (code, text, errors) = omnirx(&["plan", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{errors}");
    for expected in [
        // The month after the end of the data.
        "Plan 2026-11 (2026-11-01 … 2026-11-30), segments: strategies of the potential × support matrix",
        "not proof that the contacts caused the prescriptions",
        "note: 37 HCP(s) are aligned to no rep and are not planned",
        "Capacity and load per rep",
        "rep-001",
        "Plan against last cycle (2026-10) and an equal split, the team",
        "expected uplift",
        "effort deprioritise",
        "Response curves: uplift",
        "HCPs of rep-002",
        "consent: email",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(
        !text.contains("Calendar of"),
        "the calendar comes with --rep"
    );
    std::fs::remove_file(path).unwrap();
}

#[test]
fn plan_json_has_the_same_numbers_as_the_core() {
    let path = tiny("json.json");
    let (code, json, errors) = omnirx(&[
        "plan",
        path.to_str().unwrap(),
        "--cycle",
        "2026-Q4",
        "--json",
    ]);
    assert_eq!(code, 0, "{errors}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["cycle"], "2026-Q4");
    assert_eq!(report["first_day"], "2026-10-01");
    assert_eq!(report["last_day"], "2026-12-31");
    assert!(report["note"].as_str().unwrap().contains("associations"));
    assert!(report.get("schedule").is_none());

    let workspace = import_workspace(&std::fs::read(&path).unwrap())
        .unwrap()
        .workspace;
    let result = plan_for(
        &workspace,
        Cycle::parse("2026-Q4").unwrap(),
        &PlanOptions::default(),
    )
    .unwrap();
    let core = serde_json::to_value(&result).unwrap();
    for key in [
        "plan",
        "curves",
        "comparison",
        "follow_up",
        "messages",
        "segments",
    ] {
        assert_eq!(report[key], core[key], "{key}");
    }
    assert_eq!(report["plan"]["reps"].as_array().unwrap().len(), 2);
    assert!(report["follow_up"]["as_of"] == "2026-10-31");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn plan_for_one_rep_has_its_calendar_and_follow_up() {
    let path = tiny("rep.json");
    let file = path.to_str().unwrap();
    let (code, text, errors) = omnirx(&["plan", file, "--rep", "rep-002", "--cycle", "2026-10"]);
    assert_eq!(code, 0, "{errors}");
    for expected in [
        "Plan 2026-10 (2026-10-01 … 2026-10-31)",
        "Plan against last cycle (2026-09) and an equal split, rep-002",
        "Calendar of rep-002",
        "week of 2026-09-28",
        "Follow-up to 2026-10-31",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("HCPs of rep-001"));
    let (code, json, _) = omnirx(&["plan", file, "--rep", "rep-002", "--json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["schedule"]["rep_id"], "rep-002");
    assert_eq!(report["plan"]["reps"].as_array().unwrap().len(), 1);
    // Segments from a rule set.
    let (code, json, errors) = omnirx(&["plan", file, "--rules", "rs-tiers", "--json"]);
    assert_eq!(code, 0, "{errors}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["A", "B", "C", "D"]);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn plan_refuses_bad_arguments_with_a_message() {
    let path = tiny("bad.json");
    let file = path.to_str().unwrap();
    let (code, _, errors) = omnirx(&["plan", file, "--cycle", "2026-13"]);
    assert_eq!(code, 2);
    assert!(errors.contains("is not a cycle"), "{errors}");
    let (code, _, errors) = omnirx(&["plan", file, "--cycle", "2026-12-01..2026-11-01"]);
    assert_eq!(code, 2);
    assert!(errors.contains("ends before it starts"), "{errors}");
    let (code, _, errors) = omnirx(&["plan", file, "--rep", "rep-999"]);
    assert_eq!(code, 1);
    assert!(errors.contains("no rep \"rep-999\""), "{errors}");
    let (code, _, errors) = omnirx(&["plan", file, "--rules", "rs-nope"]);
    assert_eq!(code, 1);
    assert!(errors.contains("no segment rule set"), "{errors}");
    let (code, _, errors) = omnirx(&["plan", "/nonexistent/omnirx.json"]);
    assert_eq!(code, 2);
    assert!(errors.contains("cannot read"), "{errors}");
    // A cycle before the data: planned on the priors, said so.
    let (code, text, errors) = omnirx(&["plan", file, "--cycle", "2019-01"]);
    assert_eq!(code, 0, "{errors}");
    assert!(text.contains("no history before 2019-01"), "{text}");
    // A weekend: no field day.
    let (code, text, _) = omnirx(&["plan", file, "--cycle", "2026-11-07..2026-11-08"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("rep-001 has no field day in the cycle"),
        "{text}"
    );
    std::fs::remove_file(path).unwrap();
}
