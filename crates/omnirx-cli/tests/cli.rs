//! The `omnirx` command-line tool, run as a user would run it.

use std::process::Command;

use omnirx_testkit::bad_files;

mod support;

use support::omnirx;

fn temporary_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("omnirx-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn demo_then_validate_then_stats() {
    let (code, demo, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "5", "--lang", "en"]);
    assert_eq!(code, 0);
    let (_, again, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "5", "--lang", "en"]);
    assert_eq!(demo, again, "the same seed must give the same file");
    let path = temporary_file("demo.json", demo.as_bytes());
    let path_text = path.to_str().unwrap();

    let (code, summary, _) = omnirx(&["validate", path_text]);
    assert_eq!(code, 0);
    assert!(
        summary.contains(&format!(
            "valid OmniRx workspace (file version {})",
            omnirx_core::domain::workspace_file::CURRENT_VERSION
        )),
        "{summary}"
    );
    assert!(summary.contains("40 hcps"), "{summary}");

    let (code, stats, _) = omnirx(&["stats", path_text]);
    assert_eq!(code, 0);
    assert!(
        stats.contains("interactions per channel") && stats.contains("ch-wechat"),
        "{stats}"
    );
    assert!(
        stats.contains("2025-05") && stats.contains("2026-10"),
        "{stats}"
    );
    std::fs::remove_file(path).unwrap();
}

#[test]
fn validate_names_every_error_with_its_path_and_exits_1() {
    let (_, demo, _) = omnirx(&["demo", "--scale", "tiny", "--lang", "en"]);
    let broken = demo.replacen("\"hcp_id\": \"h-", "\"hcp_id\": \"x-", 2);
    let path = temporary_file("broken.json", broken.as_bytes());
    let (code, _, errors) = omnirx(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(errors.contains("2 problem(s)"), "{errors}");
    assert!(errors.contains("].hcp_id: unknown HCP \"x-"), "{errors}");
    std::fs::remove_file(path).unwrap();

    // A version no OmniRx ever wrote: the file is damaged (as when a migration step fails).
    let current = format!(
        "\"version\": {}",
        omnirx_core::domain::workspace_file::CURRENT_VERSION
    );
    let impossible = demo.replacen(&current, "\"version\": 0", 1);
    let path = temporary_file("version-0.json", impossible.as_bytes());
    let (code, _, errors) = omnirx(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(errors.contains("the file is damaged"), "{errors}");
    std::fs::remove_file(path).unwrap();

    let path = temporary_file("not-json.json", b"hello");
    let (code, _, errors) = omnirx(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        errors.contains("not a valid workspace file") && errors.contains("line 1"),
        "{errors}"
    );
    std::fs::remove_file(path).unwrap();
}

/// Every file of the bad-file catalogue: refused with exit code 1 and its own message, or
/// repaired with exit code 0 and each repair named.
#[test]
fn validate_gives_each_bad_file_its_own_message() {
    for file in bad_files::bad_files() {
        let path = temporary_file(&format!("{}.json", file.name), &file.bytes);
        let (code, out, errors) = omnirx(&["validate", path.to_str().unwrap()]);
        std::fs::remove_file(&path).unwrap();
        let said = format!("{out}{errors}").to_lowercase();
        assert_eq!(
            code,
            if file.repaired { 0 } else { 1 },
            "{}: exit code {code}, said {said}",
            file.name
        );
        for fragment in &file.english {
            assert!(
                said.contains(&fragment.to_lowercase()),
                "{}: {fragment:?} not in {said:?}",
                file.name
            );
        }
    }
}

#[test]
fn wrong_usage_explains_itself() {
    let (code, out, errors) = omnirx(&["demo", "--scale", "huge"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        errors.contains("invalid value 'huge' for '--scale <SCALE>'")
            && errors.contains("[possible values: tiny, demo, large, xl]"),
        "{errors}"
    );
    let (code, _, errors) = omnirx(&["validate", "/nonexistent/file.json"]);
    assert_eq!(code, 2);
    assert!(
        errors.contains("cannot read /nonexistent/file.json"),
        "{errors}"
    );
    let (code, _, errors) = omnirx(&[
        "funnel",
        "x.json",
        "--from",
        "2025-13-01",
        "--to",
        "2025-01-01",
    ]);
    assert_eq!(code, 2);
    assert!(errors.contains("expected a date as YYYY-MM-DD"), "{errors}");
    let (code, _, errors) = omnirx(&["funnel", "x.json", "--from", "2025-01-01"]);
    assert_eq!(code, 2);
    assert!(errors.contains("--to <YYYY-MM-DD>"), "{errors}");
    let (code, _, errors) = omnirx(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(
        errors.contains("unrecognized subcommand 'frobnicate'"),
        "{errors}"
    );
}

#[test]
fn unknown_options_get_one_message_in_every_command() {
    for command in [
        "validate", "demo", "stats", "funnel", "segments", "journeys",
    ] {
        let (code, out, errors) = omnirx(&[command, "--bogus"]);
        assert_eq!((code, out.as_str()), (2, ""), "{command}");
        assert!(
            errors.starts_with("error: unexpected argument '--bogus' found")
                && errors.contains(&format!("Usage: omnirx {command}")),
            "{command}: {errors}"
        );
    }
}

#[test]
fn help_goes_to_standard_output_and_exits_0() {
    let (code, out, errors) = omnirx(&["--help"]);
    assert_eq!((code, errors.as_str()), (0, ""));
    for command in [
        "validate", "demo", "stats", "funnel", "segments", "journeys",
    ] {
        assert!(out.contains(command), "{command} not in {out}");
        let (code, out, errors) = omnirx(&[command, "--help"]);
        assert_eq!((code, errors.as_str()), (0, ""), "{command}");
        assert!(out.contains(&format!("Usage: omnirx {command}")), "{out}");
    }
    let (code, out, _) = omnirx(&["--version"]);
    assert_eq!(
        (code, out.trim()),
        (0, concat!("omnirx ", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn options_take_their_value_after_a_space_or_an_equals_sign() {
    let (code, spaced, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "7", "--lang", "en"]);
    assert_eq!(code, 0);
    let (code, joined, _) = omnirx(&["demo", "--scale=tiny", "--seed=7", "--lang=en"]);
    assert_eq!(code, 0);
    assert!(spaced == joined && spaced.contains("\"omnirx-workspace\""));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let (_, demo, _) = omnirx(&["demo", "--scale", "demo", "--lang", "en"]);
    let path = temporary_file("pipe.json", demo.as_bytes());
    for arguments in [
        vec!["demo", "--scale", "demo"],
        vec!["segments", path.to_str().unwrap(), "--json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_omnirx"))
            .args(&arguments)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line's worth, like `| head -1`, then close the pipe.
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let mut errors = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut errors)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{arguments:?}: {status:?}, {errors}");
        assert!(!errors.contains("panicked"), "{arguments:?}: {errors}");
        assert_eq!(errors, "", "{arguments:?}");
    }
    std::fs::remove_file(path).unwrap();
}

#[test]
fn funnel_prints_the_same_numbers_as_the_domain_code_as_a_table_and_as_json() {
    use omnirx_core::domain::funnel::{
        funnel_report, Attribution, BreakdownDimension, ReportOptions,
    };
    use omnirx_core::domain::workspace_file::import_workspace;

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../omnirx-core/tests/fixtures/workspace-v1.omnirx.json");
    let path_text = path.to_str().unwrap();
    let workspace = import_workspace(&std::fs::read(&path).unwrap())
        .unwrap()
        .workspace;
    let expected = funnel_report(
        &workspace,
        &workspace.funnels[0],
        &ReportOptions {
            period: Some(Some(omnirx_core::domain::funnel::Period {
                from: omnirx_core::domain::funnel::parse_iso_date("2025-05-01").unwrap(),
                to: omnirx_core::domain::funnel::parse_iso_date("2025-12-31").unwrap(),
            })),
            breakdown: Some((BreakdownDimension::Region, Attribution::LastTouch)),
        },
    )
    .unwrap();

    let (code, json, errors) = omnirx(&[
        "funnel",
        path_text,
        "--from",
        "2025-05-01",
        "--to",
        "2025-12-31",
        "--by",
        "region",
        "--attribution",
        "last_touch",
        "--json",
    ]);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(
        json.trim(),
        serde_json::to_string_pretty(&expected).unwrap()
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["steps"].as_array().unwrap().len(), 5);
    assert_eq!(parsed["breakdown"]["dimension"], "region");

    let (code, table, _) = omnirx(&["funnel", path_text]);
    assert_eq!(code, 0);
    assert!(
        table.contains("Omnichannel prescribing funnel (f-default)"),
        "{table}"
    );
    let first = funnel_report(&workspace, &workspace.funnels[0], &ReportOptions::default())
        .unwrap()
        .summary;
    let awareness_line = table
        .lines()
        .find(|line| line.contains("Awareness"))
        .unwrap();
    assert!(
        awareness_line.contains(&first.steps[0].count.to_string()),
        "{awareness_line}"
    );

    let (code, _, errors) = omnirx(&["funnel", path_text, "--funnel", "nope"]);
    assert_eq!(code, 1);
    assert!(errors.contains("no funnel \"nope\""), "{errors}");
    let (code, _, errors) = omnirx(&["funnel", path_text, "--by", "weather"]);
    assert_eq!(code, 2);
    assert!(
        errors.contains("invalid value 'weather' for '--by <DIMENSION>'")
            && errors.contains("[possible values: channel, segment, region, product, rep]"),
        "{errors}"
    );
    let (code, _, errors) = omnirx(&[
        "funnel",
        path_text,
        "--from",
        "2026-02-30",
        "--to",
        "2026-03-01",
    ]);
    assert_eq!(code, 2);
    assert!(errors.contains("YYYY-MM-DD"), "{errors}");
}

#[test]
fn segments_prints_the_same_counts_as_the_domain_code() {
    use omnirx_core::domain::segmentation::report::segments_report;
    use omnirx_core::domain::workspace_file::import_workspace;

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../omnirx-core/tests/fixtures/workspace-v1.omnirx.json");
    let path_text = path.to_str().unwrap();
    let workspace = import_workspace(&std::fs::read(&path).unwrap())
        .unwrap()
        .workspace;
    let expected = segments_report(&workspace, &workspace.segment_rule_sets[1]);

    let (code, json, errors) = omnirx(&[
        "segments",
        path_text,
        "--rules",
        "rs-key-accounts",
        "--json",
    ]);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(
        json.trim(),
        serde_json::to_string_pretty(&vec![expected.clone()]).unwrap()
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sizes: u64 = parsed[0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["size"].as_u64().unwrap())
        .sum();
    assert_eq!(sizes as usize, workspace.hcps.len());

    // Without --rules: every rule set, as a table naming each segment and rule.
    let (code, table, _) = omnirx(&["segments", path_text]);
    assert_eq!(code, 0);
    assert!(
        table.contains("Customer tiers A/B/C/D (rs-tiers)"),
        "{table}"
    );
    assert!(
        table.contains("Key-account types (rs-key-accounts)"),
        "{table}"
    );
    for rule in &expected.rules {
        assert!(table.contains(&rule.name), "{table}");
    }

    let (code, _, errors) = omnirx(&["segments", path_text, "--rules", "nope"]);
    assert_eq!(code, 1);
    assert!(errors.contains("no rule set \"nope\""), "{errors}");
}

#[test]
fn journeys_prints_each_maps_stage_figures_as_a_table_and_as_json() {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::journey::editing::new_journey_map;
    use omnirx_core::domain::journey::metrics::journey_metrics;
    use omnirx_core::domain::journey::model::{JourneyState, ReportedOutcomes, StageMonth};
    use omnirx_core::domain::time::Month;
    use omnirx_core::domain::workspace_file::export_workspace;

    let row = |stage: &str, month: &str, entered: u64| StageMonth {
        stage_id: stage.to_string(),
        month: Month::parse(month).unwrap(),
        entered,
        median_days_in_stage: None,
        outcomes: None,
    };
    let survey = |respondents: u64, satisfaction: f64, rest: Option<(f64, f64)>| ReportedOutcomes {
        respondents,
        satisfaction: Some(satisfaction),
        quality_of_life: rest.map(|(quality_of_life, _)| quality_of_life),
        adherence_percent: rest.map(|(_, adherence)| adherence),
    };
    let mut target = new_journey_map("j-cli".to_string(), "Diabetes, target".to_string(), false);
    target.disease_area = "Type 2 diabetes".to_string();
    target.state = JourneyState::Target;
    target.cohort = vec![
        StageMonth {
            median_days_in_stage: Some(30.0),
            ..row("stage-1", "2025-01", 1000)
        },
        StageMonth {
            median_days_in_stage: Some(20.0),
            ..row("stage-1", "2025-02", 800)
        },
        row("stage-2", "2025-01", 600),
        row("stage-2", "2025-02", 500),
        row("stage-3", "2025-01", 150),
        StageMonth {
            outcomes: Some(survey(40, 4.0, Some((70.0, 85.0)))),
            ..row("stage-4", "2025-01", 120)
        },
        StageMonth {
            outcomes: Some(survey(10, 3.0, None)),
            ..row("stage-4", "2025-02", 90)
        },
    ];
    let empty = new_journey_map("j-empty".to_string(), "Not counted yet".to_string(), false);
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        5,
        DataLanguage::English,
    ));
    workspace.journeys = vec![target.clone(), empty.clone()];
    let path = temporary_file("journeys.json", export_workspace(&workspace).as_bytes());
    let path_text = path.to_str().unwrap();

    let (code, table, errors) = omnirx(&["journeys", path_text]);
    assert_eq!(code, 0, "{errors}");
    assert!(table.contains("Diabetes, target (j-cli)"), "{table}");
    assert!(table.contains("disease area: Type 2 diabetes"), "{table}");
    assert!(table.contains("state: target"), "{table}");
    assert!(table.contains("months: 2025-01 … 2025-02"), "{table}");
    let line = |name: &str| {
        table
            .lines()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {table}"))
    };
    // 1000 + 800 entered; 1800 − (600 + 500) = 700 lost (38.9 %); median of 30 d (1000) and 20 d (800).
    let first = line("Symptoms & awareness");
    assert!(
        first.starts_with("  ") && first.contains(" 1800 ") && first.contains("700 (38.9%)"),
        "{first}"
    );
    assert!(first.contains("30.0 d"), "{first}");
    // Only January is shared with the next stage: 600 − 150 = 450 (75.0 %), the largest share.
    let second = line("Diagnosis");
    assert!(
        second.starts_with('*') && second.contains(" 1100 ") && second.contains("450 (75.0%)"),
        "{second}"
    );
    assert!(line("Treatment decision").contains("30 (20.0%)"));
    // (4 × 40 + 3 × 10) ÷ 50 = 3.8; quality of life and adherence from January's 40 only.
    let fourth = line("Initiation");
    assert!(
        fourth.contains(" 210 ")
            && fourth.contains(
                "satisfaction 3.80/5, quality of life 70.0/100, adherence 85.0%, 50 respondents"
            ),
        "{fourth}"
    );
    assert!(
        table.contains("no counts for Treatment decision in 2025-02\n"),
        "{table}"
    );
    assert!(
        table.contains("no counts for Adherence & refill in 2025-01 … 2025-02\n"),
        "{table}"
    );
    assert!(table.contains("Not counted yet (j-empty)"), "{table}");
    assert!(table.contains("months: none"), "{table}");

    let (code, json, errors) = omnirx(&["journeys", path_text, "--json"]);
    assert_eq!(code, 0, "{errors}");
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 2);
    assert_eq!(parsed[0]["id"], "j-cli");
    assert_eq!(parsed[0]["name"], "Diabetes, target");
    let metrics = &parsed[0]["metrics"];
    assert_eq!(metrics["largest_drop_off"], 1);
    assert_eq!(metrics["months"]["from"], "2025-01");
    assert_eq!(metrics["stages"][0]["entered"], 1800);
    assert_eq!(metrics["stages"][1]["drop_off"]["patients"], 450);
    assert_eq!(metrics["stages"][1]["drop_off"]["months_compared"], 1);
    assert_eq!(metrics["stages"][2]["missing_months"][0], "2025-02");
    assert_eq!(metrics["stages"][3]["outcomes"]["respondents"], 50);
    assert_eq!(
        *metrics,
        serde_json::to_value(journey_metrics(&target, None)).unwrap()
    );
    assert!(parsed[1]["metrics"]["months"].is_null());

    let (code, _, errors) = omnirx(&["journeys", path_text, "--by", "stage"]);
    assert_eq!(code, 2);
    assert!(
        errors.contains("unexpected argument '--by' found"),
        "{errors}"
    );
    std::fs::remove_file(path).unwrap();
}

/// `omnirx demo --market china` (docs/compliance.md): the same demo under China's rules, which
/// `validate` names; a file that says China and still names HCPs in prescriptions is warned of;
/// its funnel with prescription steps is counted per account.
#[test]
fn the_china_demo_validates_and_counts_its_funnel_per_account() {
    let (code, china, _) = omnirx(&[
        "demo", "--scale", "tiny", "--seed", "5", "--lang", "en", "--market", "china",
    ]);
    assert_eq!(code, 0);
    assert!(china.contains(r#""market_rules": "china""#));
    let path = temporary_file("china.json", china.as_bytes());
    let (code, summary, _) = omnirx(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{summary}");
    assert!(summary.contains("market rules: china"), "{summary}");
    assert!(!summary.contains("warning"), "{summary}");
    let (code, funnel, _) = omnirx(&["funnel", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{funnel}");
    assert!(funnel.contains("counted per account"), "{funnel}");
    std::fs::remove_file(path).unwrap();

    let (_, standard, _) = omnirx(&["demo", "--scale", "tiny", "--seed", "5", "--lang", "en"]);
    assert!(!standard.contains("market_rules"));
    let breaking = standard.replacen(
        "\"demo\": true",
        "\"demo\": true,\n      \"market_rules\": \"china\"",
        1,
    );
    let path = temporary_file("breaking.json", breaking.as_bytes());
    let (code, summary, _) = omnirx(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{summary}");
    assert!(
        summary.contains("warning:") && summary.contains("prescription records name an HCP"),
        "{summary}"
    );
    std::fs::remove_file(path).unwrap();

    let (code, _, errors) = omnirx(&["demo", "--market", "japan"]);
    assert_eq!(code, 2, "{errors}");
}
