//! The workspace file end to end, natively: round trips, determinism, golden files, the JSON
//! Schema, and a table of bad inputs that must each give their own typed error.

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::workspace_file::{
    export_workspace, import_workspace, Damage, ImportError, Problem, Repair, SyntaxProblem,
    CURRENT_VERSION, MAX_FILE_BYTES,
};
use omnirx_testkit::plans::tiny_with_a_saved_plan;
use proptest::prelude::*;

fn demo(scale: DemoScale, seed: u64, language: DataLanguage) -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(scale, seed, language))
}

fn tiny() -> Workspace {
    demo(DemoScale::Tiny, 1, DataLanguage::English)
}

fn problems_of(result: Result<impl std::fmt::Debug, ImportError>) -> Vec<(String, Problem)> {
    match result {
        Err(ImportError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| (p.path, p.problem)).collect()
        }
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn the_demo_workspace_round_trips_byte_for_byte_in_both_languages() {
    for language in [DataLanguage::Chinese, DataLanguage::English] {
        let workspace = demo(DemoScale::Demo, 2026, language);
        let text = export_workspace(&workspace);
        let outcome = import_workspace(text.as_bytes()).expect("the demo imports");
        assert_eq!(outcome.repairs, vec![]);
        assert!(
            outcome.workspace == workspace,
            "import(export(demo)) differs from the demo"
        );
        assert_eq!(
            export_workspace(&outcome.workspace),
            text,
            "exporting twice differs"
        );
    }
}

#[test]
fn the_demo_is_as_rich_as_promised_and_deterministic() {
    let workspace = demo(DemoScale::Demo, 2026, DataLanguage::Chinese);
    assert_eq!(workspace.products.len(), 2);
    assert_eq!(workspace.regions.len(), 3);
    assert_eq!(workspace.reps.len(), 12);
    assert_eq!(workspace.accounts.len(), 120);
    assert_eq!(workspace.hcps.len(), 1_500);
    assert!(
        (50_000..=70_000).contains(&workspace.interactions.len()),
        "{} interactions",
        workspace.interactions.len()
    );
    assert!(workspace.settings.demo);
    let months: std::collections::BTreeSet<_> =
        workspace.prescriptions.iter().map(|p| p.period).collect();
    assert_eq!(months.len(), 18, "prescriptions should span 18 months");
    // Every standard channel is used, and some HCPs prescribe while most do not.
    for channel in &workspace.channels {
        assert!(
            workspace
                .interactions
                .iter()
                .any(|i| i.channel_id == channel.id),
            "{} unused",
            channel.id
        );
    }
    let prescribers: std::collections::HashSet<_> = workspace
        .prescriptions
        .iter()
        .filter_map(|p| p.hcp_id.as_ref())
        .collect();
    assert!(
        prescribers.len() > 150 && prescribers.len() < 1_000,
        "{} prescribers",
        prescribers.len()
    );
    assert!(
        workspace == demo(DemoScale::Demo, 2026, DataLanguage::Chinese),
        "the same seed gave another demo"
    );
    assert!(
        workspace != demo(DemoScale::Demo, 2027, DataLanguage::Chinese),
        "another seed gave the same demo"
    );
    // Names follow the language.
    assert!(
        workspace.hcps[0].name.chars().all(|c| c > '\u{2e80}'),
        "{}",
        workspace.hcps[0].name
    );
    let english = demo(DemoScale::Demo, 2026, DataLanguage::English);
    assert!(english.hcps[0].name.is_ascii(), "{}", english.hcps[0].name);
}

/// Text that a hostile or careless file may carry: markup, scripts, RTL marks, emoji, NULs.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("\u{202e}gnp.exe\u{0000}\u{feff}👩‍⚕️ 王芳 \"quoted\" \\ back".to_string()),
        "[\\p{Han}a-z =+@-]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn import_of_export_is_the_identity_for_generated_workspaces(
        seed in 0u64..10_000,
        names in proptest::collection::vec(odd_text(), 6),
        notes in odd_text(),
        value in 0.0f64..1.0e9,
    ) {
        let mut workspace = Workspace { ..demo(DemoScale::Tiny, seed, if seed % 2 == 0 { DataLanguage::Chinese } else { DataLanguage::English }) };
        workspace.settings.name = format!("x{}", names[0]);
        workspace.products[0].name = names[1].clone();
        workspace.hcps[0].name = names[2].clone();
        workspace.accounts[0].city = names[3].clone();
        workspace.reps[0].name = names[4].clone();
        workspace.channels[0].name = names[5].clone();
        if let Some(interaction) = workspace.interactions.first_mut() {
            interaction.notes = notes.clone();
        }
        if let Some(prescription) = workspace.prescriptions.first_mut() {
            prescription.value = value;
        }
        let text = export_workspace(&workspace);
        let outcome = import_workspace(text.as_bytes()).expect("an exported workspace imports");
        prop_assert!(outcome.workspace == workspace);
        prop_assert_eq!(export_workspace(&outcome.workspace), text);
    }
}

#[test]
fn golden_files_of_every_version_keep_importing() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let current_path = directory.join(format!("workspace-v{CURRENT_VERSION}.omnirx.json"));
    if std::env::var_os("OMNIRX_WRITE_GOLDEN").is_some() {
        std::fs::write(&current_path, export_workspace(&tiny_with_a_saved_plan())).unwrap();
    }
    for version in 1..=CURRENT_VERSION {
        let path = directory.join(format!("workspace-v{version}.omnirx.json"));
        let bytes =
            std::fs::read(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()));
        let outcome =
            import_workspace(&bytes).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(outcome.file_version, version);
        assert_eq!(outcome.workspace.hcps.len(), 40);
        assert!(!outcome.workspace.interactions.is_empty());
    }

    // Version 1 (the tiny demo as version 1 wrote it) goes through the real migration step and
    // comes out as the same demo, with no saved plan.
    let outcome =
        import_workspace(&std::fs::read(directory.join("workspace-v1.omnirx.json")).unwrap())
            .unwrap();
    assert_eq!(
        outcome.repairs,
        vec![Repair::Migrated {
            from: 1,
            to: CURRENT_VERSION
        }]
    );
    assert!(
        outcome.workspace == tiny(),
        "version 1 migrated differs from the tiny demo"
    );
    assert!(outcome.workspace.plans.is_empty());

    // Version 2: the tiny demo and a plan the optimiser made when the file was written, one cell
    // edited by hand. A saved plan is frozen, so the file's plan stays what it was when the
    // optimiser later changes; the demo around it and the format must not change.
    let current = std::fs::read_to_string(&current_path).unwrap();
    let unversioned = |text: &str| text.replace(env!("CARGO_PKG_VERSION"), "X");
    let outcome = import_workspace(current.as_bytes()).unwrap();
    assert_eq!(outcome.repairs, vec![]);
    let plans = outcome.workspace.plans.clone();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].id, "plan-2026-11");
    assert_eq!(plans[0].name, "November plan");
    assert!(!plans[0].plan.rows.is_empty());
    assert!(plans[0].plan.rows[0]
        .cells
        .iter()
        .any(|cell| cell.binding == omnirx_core::domain::planning::Binding::Edited));
    assert!(
        unversioned(&export_workspace(&outcome.workspace)) == unversioned(&current),
        "the golden file of version {CURRENT_VERSION} does not export byte for byte as it is"
    );
    let written = export_workspace(&Workspace { plans, ..tiny() });
    assert!(
        unversioned(&written) == unversioned(&current),
        "the tiny demo with the golden file's saved plan no longer exports as \
         tests/fixtures/workspace-v{CURRENT_VERSION}.omnirx.json: if the demo changed on purpose, \
         regenerate it with `OMNIRX_WRITE_GOLDEN=1 cargo test -p omnirx-core --test workspace_file \
         golden` (the plan is made again by the optimiser); if the format changed, bump \
         CURRENT_VERSION, add a migration and a new golden file"
    );
    // The plan in it is the optimiser's: made again, it plans the same HCPs for the same reps.
    let made = &tiny_with_a_saved_plan().plans[0];
    let shape = |plan: &omnirx_core::domain::planning::SavedPlan| {
        (
            plan.id.clone(),
            plan.plan.cycle,
            plan.plan
                .rows
                .iter()
                .map(|row| (row.hcp_id.clone(), row.rep_id.clone()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(shape(made), shape(&outcome.workspace.plans[0]));
}

#[test]
fn a_file_of_a_newer_version_is_refused() {
    let newer = edited(|f| f["version"] = (CURRENT_VERSION + 1).into());
    assert_eq!(
        import_workspace(&newer),
        Err(ImportError::NewerVersion {
            version: 4,
            supported: 3
        })
    );
}

#[test]
fn version_1_files_are_migrated_and_a_step_that_cannot_apply_says_why() {
    // A version 1 file: no "plans" (version 1 had none).
    let version_1 = |edit: fn(&mut serde_json::Value)| {
        edited(|f| {
            f["version"] = 1.into();
            f["workspace"].as_object_mut().unwrap().remove("plans");
            edit(f);
        })
    };
    let outcome = import_workspace(&version_1(|_| {})).unwrap();
    assert_eq!(outcome.file_version, 1);
    assert!(outcome.workspace == tiny());
    for (edit, detail) in [
        (
            (|f: &mut serde_json::Value| f["workspace"] = "x".into()) as fn(&mut serde_json::Value),
            "the workspace is a text, not an object",
        ),
        (
            |f: &mut serde_json::Value| f["workspace"]["plans"] = serde_json::json!({"a": 1}),
            "\"plans\" is an object, not a list of saved plans",
        ),
    ] {
        assert_eq!(
            import_workspace(&version_1(edit)),
            Err(ImportError::Damaged {
                damage: Damage::MigrationStepFailed {
                    from: 1,
                    step: "saved plans",
                    detail: detail.into()
                }
            })
        );
    }
    // A list of plans already there is migrated as it is and validated like any other.
    let with_plans = version_1(|f| {
        let plans = serde_json::to_value(&tiny_with_a_saved_plan().plans).unwrap();
        f["workspace"]["plans"] = plans;
    });
    assert!(import_workspace(&with_plans).unwrap().workspace == tiny_with_a_saved_plan());
}

#[test]
fn exported_files_satisfy_the_published_json_schema() {
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/omnirx-workspace.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for workspace in [
        demo(DemoScale::Demo, 2026, DataLanguage::Chinese),
        tiny(),
        tiny_with_a_saved_plan(),
    ] {
        let file: serde_json::Value = serde_json::from_str(&export_workspace(&workspace)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&file)
            .take(5)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "the export breaks the schema: {errors:#?}"
        );
    }
    // And the schema is not vacuous: it rejects what the import rejects.
    let mut bad: serde_json::Value = serde_json::from_str(&export_workspace(&tiny())).unwrap();
    bad["workspace"]["prescriptions"][0]["units"] = serde_json::json!(-5);
    bad["workspace"]["interactions"][0]["at"] = serde_json::json!("30000-01-01T00:00:00Z");
    bad["version"] = serde_json::json!(99);
    assert_eq!(validator.iter_errors(&bad).count(), 3);
}

/// The tiny demo as JSON, changed by `edit`, as file bytes.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut file: serde_json::Value = serde_json::from_str(&export_workspace(&tiny())).unwrap();
    edit(&mut file);
    serde_json::to_vec(&file).unwrap()
}

#[test]
fn bad_inputs_each_get_their_own_error() {
    let good = export_workspace(&tiny());

    let truncated = &good.as_bytes()[..good.len() / 2];
    assert!(
        matches!(
            import_workspace(truncated),
            Err(ImportError::Truncated { .. })
        ),
        "{:?}",
        import_workspace(truncated)
    );

    match import_workspace(b"name,units\nWang,3\n") {
        Err(ImportError::NotJson {
            line: 1,
            column,
            problem: SyntaxProblem::ExpectedValue,
        }) => assert!(column >= 1),
        other => panic!("CSV: {other:?}"),
    }
    // Half of a UTF-16 pair is no character: a lone one, or one followed by no escape.
    for escape in [r"\ud800", r"\udc00", r"\ud800\u0041", r"\ud800x"] {
        let text = good.replacen("\"name\": \"", &format!("\"name\": \"{escape}"), 1);
        assert!(
            matches!(
                import_workspace(text.as_bytes()),
                Err(ImportError::NotJson {
                    problem: SyntaxProblem::LoneSurrogate,
                    ..
                })
            ),
            "{escape}: {:?}",
            import_workspace(text.as_bytes())
        );
    }
    // A proper pair is a character (🩺) and imports.
    let pair = good.replacen("\"name\": \"", "\"name\": \"\\ud83e\\ude7a", 1);
    assert!(import_workspace(pair.as_bytes()).is_ok());
    for (text, problem) in [
        (
            r#"{"type": "omnirx-workspace",}"#,
            SyntaxProblem::TrailingComma,
        ),
        (
            r#"{"type" "omnirx-workspace"}"#,
            SyntaxProblem::ExpectedColon,
        ),
        (
            r#"{"type": "omnirx-workspace"} {}"#,
            SyntaxProblem::TrailingCharacters,
        ),
        (r#"{type: 1}"#, SyntaxProblem::KeyMustBeString),
        (r#"{"type": "a\qb"}"#, SyntaxProblem::InvalidEscape),
        (
            "{\"type\": \"a\tb\"}",
            SyntaxProblem::ControlCharacterInString,
        ),
        (r#"{"version": 1.}"#, SyntaxProblem::InvalidNumber),
        (r#"[1 2]"#, SyntaxProblem::ExpectedCommaOrEnd),
    ] {
        match import_workspace(text.as_bytes()) {
            Err(ImportError::NotJson { problem: found, .. }) => {
                assert_eq!(found, problem, "{text}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    assert_eq!(
        import_workspace(b"\xff\xfe{}"),
        Err(ImportError::NotUtf8 { offset: 0 })
    );
    assert_eq!(
        import_workspace(br#"{"hello": "world"}"#),
        Err(ImportError::NotOmniRxWorkspace)
    );
    assert_eq!(
        import_workspace(b"[1, 2, 3]"),
        Err(ImportError::NotOmniRxWorkspace)
    );
    assert_eq!(
        import_workspace(&edited(|f| f["type"] = "excalidraw".into())),
        Err(ImportError::NotOmniRxWorkspace)
    );
    assert_eq!(
        import_workspace(&edited(|f| f["version"] = 7.into())),
        Err(ImportError::NewerVersion {
            version: 7,
            supported: CURRENT_VERSION
        })
    );
    assert_eq!(
        import_workspace(&edited(|f| f["version"] = "one".into())),
        Err(ImportError::Damaged {
            damage: Damage::ImpossibleVersion {
                found: "\"one\"".into()
            }
        })
    );
    assert_eq!(
        import_workspace(&edited(|f| f["version"] = 0.into())),
        Err(ImportError::Damaged {
            damage: Damage::ImpossibleVersion { found: "0".into() }
        })
    );

    let missing = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["hcps"][3]
            .as_object_mut()
            .unwrap()
            .remove("account_id");
    })));
    assert_eq!(
        missing,
        vec![(
            "hcps[3].account_id".to_string(),
            Problem::MissingField {
                field: "account_id".into()
            }
        )]
    );

    let wrong_type = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["prescriptions"][2]["units"] = "many".into()
    })));
    assert_eq!(wrong_type[0].0, "prescriptions[2].units");
    assert!(
        matches!(&wrong_type[0].1, Problem::WrongType { found, .. } if found.contains("many")),
        "{wrong_type:?}"
    );

    let unknown_kind = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["interactions"][5]["kind"] = "telepathy".into()
    })));
    assert_eq!(unknown_kind[0].0, "interactions[5].kind");
    assert!(
        matches!(&unknown_kind[0].1, Problem::UnknownValue { value, .. } if value == "telepathy")
    );

    let dangling = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["interactions"][12]["hcp_id"] = "h-991".into()
    })));
    assert_eq!(
        dangling,
        vec![(
            "interactions[12].hcp_id".to_string(),
            Problem::UnknownReference {
                kind: "HCP",
                id: "h-991".into()
            }
        )]
    );

    let duplicate = problems_of(import_workspace(&edited(|f| {
        let mut copy = f["workspace"]["hcps"][0].clone();
        copy["name"] = "Someone else".into();
        f["workspace"]["hcps"].as_array_mut().unwrap().push(copy);
    })));
    assert_eq!(
        duplicate,
        vec![(
            "hcps[40].id".to_string(),
            Problem::DuplicateId {
                id: "h-00001".into(),
                first_path: "hcps[0]".into()
            }
        )]
    );

    let negative = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["prescriptions"][0]["units"] = (-5).into()
    })));
    assert_eq!(
        negative,
        vec![(
            "prescriptions[0].units".to_string(),
            Problem::Negative { value: "-5".into() }
        )]
    );

    let far_date = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["interactions"][0]["at"] = "30000-01-01T00:00:00Z".into()
    })));
    assert_eq!(
        far_date,
        vec![(
            "interactions[0].at".to_string(),
            Problem::DateOutOfRange {
                value: "30000-01-01T00:00:00Z".into()
            }
        )]
    );

    let impossible = problems_of(import_workspace(&edited(|f| {
        f["workspace"]["prescriptions"][0]["period"] = "2025-13".into()
    })));
    assert_eq!(
        impossible,
        vec![(
            "prescriptions[0].period".to_string(),
            Problem::InvalidDate {
                value: "2025-13".into()
            }
        )]
    );

    let huge_number = String::from_utf8(edited(|_| {})).unwrap().replacen(
        "\"units\":",
        "\"units\":1e400,\"x\":",
        1,
    );
    let huge = problems_of(import_workspace(huge_number.as_bytes()));
    assert_eq!(huge[0].1, Problem::NumberOutOfRange, "{huge:?}");
}

#[test]
fn hostile_sizes_are_refused_quickly_without_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(
        import_workspace(deep.as_bytes()),
        Err(ImportError::NestingTooDeep { .. })
    ));
    // Deep nesting where a record belongs is refused: by the nesting limit, or as soon as the
    // typed parse sees a list where a funnel should be.
    let deep_inside = format!(
        r#"{{"type":"omnirx-workspace","version":{},"workspace":{{"settings":{{"name":"x"}},"funnels":[{}{}]}}}}"#,
        CURRENT_VERSION,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let refused = import_workspace(deep_inside.as_bytes());
    assert!(
        matches!(
            &refused,
            Err(ImportError::NestingTooDeep { .. }) | Err(ImportError::Invalid { .. })
        ),
        "{refused:?}"
    );
    // Deep nesting in a property OmniRx does not know is skipped without a stack overflow.
    let deep_unknown = deep_inside.replace("\"funnels\"", "\"from_a_newer_tool\"");
    assert!(import_workspace(deep_unknown.as_bytes()).is_ok());

    // A 50 MB string where a name belongs is not a reason to fail: it is text. It imports.
    let long_name = "名".repeat(50 * 1024 * 1024 / 3);
    let with_long_name = edited(|f| f["workspace"]["hcps"][0]["name"] = long_name.clone().into());
    let outcome = import_workspace(&with_long_name).expect("a long name is still a name");
    assert_eq!(outcome.workspace.hcps[0].name.len(), long_name.len());

    // A 50 MB string where the workspace belongs is refused, and the problem quotes only its
    // start: the message must stay short enough to draw.
    let misplaced = format!(
        "{{\"type\":\"omnirx-workspace\",\"version\":{CURRENT_VERSION},\"workspace\":\"{}\"}}",
        "x".repeat(50 * 1024 * 1024)
    );
    let problems = problems_of(import_workspace(misplaced.as_bytes()));
    assert_eq!(problems.len(), 1);
    let Problem::WrongType { found, .. } = &problems[0].1 else {
        panic!("{:?}", problems[0]);
    };
    assert!(
        found.starts_with("string \"xxx") && found.ends_with('…'),
        "{found}"
    );
    assert!(
        found.chars().count() <= 81,
        "{} characters",
        found.chars().count()
    );

    let over_cap = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        import_workspace(&over_cap),
        Err(ImportError::TooLarge {
            bytes: MAX_FILE_BYTES as u64 + 1,
            limit: MAX_FILE_BYTES as u64
        })
    );
}

#[test]
fn safe_repairs_are_made_and_reported() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(edited(|f| {
        f["workspace"]["settings"]["name"] = "".into();
        let copy = f["workspace"]["accounts"][2].clone();
        f["workspace"]["accounts"]
            .as_array_mut()
            .unwrap()
            .push(copy);
    }));
    let outcome = import_workspace(&with_bom).expect("repairable");
    assert_eq!(
        outcome.repairs,
        vec![
            Repair::ByteOrderMarkRemoved,
            Repair::DuplicateRecordDropped {
                path: "accounts[8]".into(),
                id: tiny().accounts[2].id.clone()
            },
            Repair::NameFilled,
        ]
    );
    assert_eq!(outcome.workspace.accounts, tiny().accounts);
}

#[test]
fn identical_interactions_are_dropped_and_reported_once() {
    use omnirx_core::domain::model::Interaction;
    use omnirx_core::domain::time::Timestamp;
    use omnirx_core::i18n::{describe_repair, Language};
    let original = tiny();
    let count = original.interactions.len();
    let file = edited(|f| {
        let list = f["workspace"]["interactions"].as_array_mut().unwrap();
        let (three, ten) = (list[3].clone(), list[10].clone());
        let mut other_notes = three.clone();
        other_notes["notes"] = "a different note".into();
        // The same instant as interactions[10], written with an offset.
        let mut ten_with_offset = ten.clone();
        let instant = Timestamp::parse(ten["at"].as_str().unwrap()).unwrap();
        ten_with_offset["at"] = Timestamp(instant.0 + 8 * 3_600)
            .to_string()
            .replace('Z', "+08:00")
            .into();
        list.push(three.clone());
        list.push(other_notes);
        list.push(ten_with_offset);
        list.push(three);
    });
    let outcome = import_workspace(&file).expect("repairable");
    let repair = Repair::DuplicateInteractionsDropped {
        path: format!("interactions[{count}]"),
        copy_of: "interactions[3]".into(),
        count: 3,
    };
    assert_eq!(outcome.repairs, vec![repair.clone()]);
    // Only the copy with other notes stays, as the last interaction.
    let mut expected = original.interactions.clone();
    expected.push(Interaction {
        notes: "a different note".into(),
        ..original.interactions[3].clone()
    });
    assert!(outcome.workspace.interactions == expected);
    assert_eq!(
        describe_repair(Language::English, &repair),
        format!(
            "interactions[{count}]: dropped an exact copy of interactions[3] \
             (3 identical interactions dropped in all)"
        )
    );
    assert_eq!(
        describe_repair(Language::SimplifiedChinese, &repair),
        format!("interactions[{count}]：删除了与 interactions[3] 完全相同的重复互动（共删除 3 条相同的互动）")
    );
    // Exported again, the file has nothing left to repair.
    let again = import_workspace(export_workspace(&outcome.workspace).as_bytes()).unwrap();
    assert_eq!(again.repairs, vec![]);
    // The demo makes no copies either (seed 5831 once drew two identical visits in one minute),
    // so a demo is exactly what its exported file imports as.
    let drawn_twice = demo(DemoScale::Tiny, 5831, DataLanguage::English);
    let outcome = import_workspace(export_workspace(&drawn_twice).as_bytes()).unwrap();
    assert_eq!(outcome.repairs, vec![]);
    assert!(outcome.workspace == drawn_twice);
}

/// The import finds copies in one pass over runs of equal instants when the interactions are in
/// time order, and through hashes otherwise: both must find exactly the copies that comparing
/// every pair finds.
#[test]
fn removing_identical_interactions_matches_comparing_every_pair() {
    use omnirx_core::domain::model::Interaction;
    use omnirx_core::domain::time::Timestamp;
    use omnirx_core::domain::workspace_file::remove_identical_interactions;
    let every_pair = |interactions: &[Interaction]| -> Vec<(usize, usize)> {
        (0..interactions.len())
            .filter_map(|index| {
                (0..index)
                    .find(|&earlier| interactions[earlier] == interactions[index])
                    .map(|earlier| (index, earlier))
            })
            .collect()
    };
    let base = tiny().interactions;
    let mut variants: Vec<Vec<Interaction>> = Vec::new();
    // Copies appended at the end: not in time order.
    let mut appended = base.clone();
    appended.extend(base.iter().step_by(7).cloned());
    variants.push(appended);
    // Every instant rounded to its day (runs of all lengths, many copies), in time order, and
    // to one of three instants (runs far longer than the short-run limit).
    for seconds in [86_400, 200 * 86_400] {
        let mut rounded: Vec<Interaction> = base
            .iter()
            .map(|interaction| Interaction {
                at: Timestamp(interaction.at.0 - interaction.at.0.rem_euclid(seconds)),
                ..interaction.clone()
            })
            .collect();
        rounded.sort_by_key(|interaction| interaction.at);
        variants.push(rounded.clone());
        rounded.reverse();
        variants.push(rounded);
    }
    for mut interactions in variants {
        let expected = every_pair(&interactions);
        assert!(!expected.is_empty());
        let mut kept = interactions.clone();
        for &(index, _) in expected.iter().rev() {
            kept.remove(index);
        }
        assert_eq!(remove_identical_interactions(&mut interactions), expected);
        assert!(interactions == kept);
    }
}

#[test]
fn many_problems_are_all_counted() {
    let result = import_workspace(&edited(|f| {
        for interaction in f["workspace"]["interactions"].as_array_mut().unwrap() {
            interaction["channel_id"] = "ch-fax".into();
        }
    }));
    match result {
        Err(ImportError::Invalid { problems, more }) => {
            assert_eq!(problems.len() + more, tiny().interactions.len());
            assert!(problems.iter().all(|p| p.problem
                == Problem::UnknownReference {
                    kind: "channel",
                    id: "ch-fax".into()
                }));
        }
        other => panic!("{other:?}"),
    }
}

/// The real chain has one step (1 → 2); the import runs the same code with that step and a
/// second one, from a version 3 that does not exist yet, which fails after changing part of the
/// workspace.
#[test]
fn a_migration_step_that_fails_half_way_makes_the_file_damaged_and_nothing_of_it_is_kept() {
    use omnirx_core::domain::workspace_file::import_workspace_through;
    use omnirx_core::domain::workspace_file::{Migration, MIGRATIONS};
    use omnirx_core::i18n::{describe_import_error, Language};

    fn keeps_everything(workspace: serde_json::Value) -> Result<serde_json::Value, String> {
        Ok(workspace)
    }
    fn fails_half_way(mut workspace: serde_json::Value) -> Result<serde_json::Value, String> {
        workspace["settings"]["name"] = serde_json::json!("half migrated");
        let journeys = workspace["journeys"]
            .as_object()
            .ok_or("\"journeys\" is a list, not the map this step expects")?;
        Ok(serde_json::json!(journeys.len()))
    }
    let first = MIGRATIONS[0];
    assert_eq!((first.from, first.describe), (1, "saved plans"));
    // The tiny demo as version 1 wrote it.
    let file = edited(|f| {
        f["version"] = 1.into();
        f["workspace"].as_object_mut().unwrap().remove("plans");
    });

    let chain = [
        first,
        Migration {
            from: 2,
            describe: "journeys by id",
            apply: fails_half_way,
            // It reads inside the journeys: the import gives it the whole JSON tree.
            members_only: false,
        },
    ];
    let error = import_workspace_through(&file, 3, &chain).unwrap_err();
    assert_eq!(
        error,
        ImportError::Damaged {
            damage: Damage::MigrationStepFailed {
                from: 2,
                step: "journeys by id",
                detail: "\"journeys\" is a list, not the map this step expects".into()
            }
        }
    );
    assert!(describe_import_error(Language::SimplifiedChinese, &error)
        .starts_with("文件已损坏：从版本 2 升级到版本 3 的步骤（journeys by id）失败"));
    assert!(describe_import_error(Language::English, &error)
        .starts_with("The file is damaged: migration 2 → 3 (journeys by id)"));

    // The same file through a chain whose steps all succeed opens, and says it was migrated.
    let chain = [
        first,
        Migration {
            from: 2,
            describe: "keep everything",
            apply: keeps_everything,
            members_only: true,
        },
    ];
    let outcome = import_workspace_through(&file, 3, &chain).unwrap();
    assert_eq!(outcome.workspace, tiny());
    assert!(outcome
        .repairs
        .contains(&omnirx_core::domain::workspace_file::Repair::Migrated { from: 1, to: 3 }));
}

/// The real step 1 → 2 reads the workspace's members only, so the import keeps the text of its
/// lists and reads them as it reads a current file: a version 1 file opens exactly as it did
/// before version 2 existed (with the step's repair) or is refused by the step, and opens as
/// migrating the whole JSON tree would open it, at a fraction of the cost (`large`: 1.6 s and
/// 0.75 GB against 8.8 s and 2.6 GB).
#[test]
fn a_version_1_file_opens_as_before_and_as_the_whole_tree_migrated() {
    use omnirx_core::domain::workspace_file::{import_workspace_through, Migration, MIGRATIONS};
    let whole_tree: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|step| Migration {
            members_only: false,
            ..*step
        })
        .collect();
    assert!(MIGRATIONS.iter().all(|step| step.members_only));
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "golden v1".into(),
            std::fs::read(fixtures.join("tests/fixtures/workspace-v1.omnirx.json")).unwrap(),
        ),
        (
            "a version 1 file with a hand-written plan".into(),
            edited(|f| {
                f["version"] = 1.into();
                f["workspace"]["plans"] =
                    serde_json::to_value(&tiny_with_a_saved_plan().plans).unwrap();
                f["workspace"]["settings"]["name"] = "Plans by hand".into();
            }),
        ),
        (
            "a version 1 file with a problem".into(),
            edited(|f| {
                f["version"] = 1.into();
                f["workspace"]["interactions"][12]["hcp_id"] = "h-991".into();
            }),
        ),
        (
            "a version 1 file with a field of the wrong type".into(),
            edited(|f| {
                f["version"] = 1.into();
                f["workspace"]["hcps"][2]["prescribing_potential"] = "many".into();
            }),
        ),
        (
            "a version 1 workspace that is a list".into(),
            br#"{"type":"omnirx-workspace","version":1,"workspace":[1,2]}"#.to_vec(),
        ),
        (
            "a version 1 workspace whose plans are an object".into(),
            br#"{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":"x"},"plans":{}}}"#
                .to_vec(),
        ),
        (
            "a version 1 workspace naming a list twice".into(),
            br#"{"type":"omnirx-workspace","version":1,"workspace":{"settings":{"name":"x"},"hcps":[1],"hcps":[]}}"#
                .to_vec(),
        ),
    ];
    let corpus = fixtures.join("../../fuzz/corpus/import_workspace");
    for entry in std::fs::read_dir(&corpus).expect("fuzz/corpus/import_workspace") {
        let path = entry.unwrap().path();
        files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
    }
    let mut migrated = 0;
    for (name, bytes) in &files {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let version = serde_json::from_slice::<serde_json::Value>(text)
            .ok()
            .and_then(|file| file.get("version").cloned());
        if version != Some(1.into()) {
            continue;
        }
        let members = import_workspace(bytes);
        // A version 1 file reads as it did before version 2 existed (typed straight from its
        // text), with the step's repair...
        let before = import_workspace_through(bytes, 1, &[]);
        match (&members, &before) {
            (Ok(now), Ok(then)) => {
                assert!(now.workspace == then.workspace, "{name}");
                let without_step: Vec<&Repair> = now
                    .repairs
                    .iter()
                    .filter(|repair| !matches!(repair, Repair::Migrated { .. }))
                    .collect();
                assert_eq!(
                    without_step,
                    then.repairs.iter().collect::<Vec<_>>(),
                    "{name}"
                );
            }
            // ...or is refused by the step (a workspace that is no object, plans that are no
            // list), or refused as it was.
            (
                Err(ImportError::Damaged {
                    damage: Damage::MigrationStepFailed { from: 1, .. },
                }),
                _,
            ) => {}
            _ => assert_eq!(members, before, "{name}"),
        }
        // And what the whole JSON tree gives, wherever both open the file.
        let whole = import_workspace_through(bytes, CURRENT_VERSION, &whole_tree);
        if let (Ok(now), Ok(tree)) = (&members, &whole) {
            assert_eq!(now, tree, "{name}");
        }
        migrated += usize::from(matches!(&members, Ok(outcome) if outcome.file_version == 1));
    }
    assert!(migrated >= 4, "only {migrated} files were migrated");
}

/// Inputs that fuzzing found to change on export → import (`fuzz/regressions/`): each now either
/// is refused or survives the round trip unchanged.
#[test]
fn fuzzing_finds_stay_fixed() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions/import_workspace");
    let mut checked = 0;
    for entry in std::fs::read_dir(&directory).expect("fuzz/regressions/import_workspace") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|extension| extension.to_str()) != Some("json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(outcome) = import_workspace(&bytes) {
            let exported = export_workspace(&outcome.workspace);
            let again = import_workspace(exported.as_bytes()).unwrap_or_else(|error| {
                panic!("{}: the export is refused: {error}", path.display())
            });
            assert!(again.repairs.is_empty(), "{}", path.display());
            assert!(
                again.workspace == outcome.workspace,
                "{}: the workspace changed",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} regression files");
}

/// The bad-file catalogue (`omnirx-testkit`) as the UI words it, natively: every fragment the
/// end-to-end test waits for in each language is in the message (or in the repairs).
#[test]
fn the_bad_file_catalogue_is_worded_in_both_languages() {
    use omnirx_core::i18n::{
        describe_field_problem, describe_import_error, describe_repair, Language,
    };
    for file in omnirx_testkit::bad_files::bad_files() {
        for (language, fragments) in [
            (Language::English, &file.english),
            (Language::SimplifiedChinese, &file.chinese),
        ] {
            let said = match import_workspace(&file.bytes) {
                Ok(outcome) => {
                    assert!(file.repaired, "{}: imported", file.name);
                    outcome
                        .repairs
                        .iter()
                        .map(|repair| describe_repair(language, repair))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
                Err(error) => {
                    assert!(!file.repaired, "{}: refused: {error}", file.name);
                    let mut said = describe_import_error(language, &error);
                    if let ImportError::Invalid { problems, .. } = &error {
                        for problem in problems {
                            said.push('\n');
                            said.push_str(&describe_field_problem(language, problem));
                        }
                    }
                    said
                }
            };
            for fragment in fragments.iter() {
                assert!(
                    said.to_lowercase().contains(&fragment.to_lowercase()),
                    "{} ({language:?}): {fragment:?} not in {said:?}",
                    file.name
                );
            }
        }
    }
}

/// Saved plans are checked on import like every other record: each problem named by its place.
#[test]
fn saved_plans_are_checked_place_by_place() {
    use omnirx_core::domain::workspace_file::validate_workspace;
    let good = tiny_with_a_saved_plan();
    let problems = |edit: &dyn Fn(&mut Workspace)| -> Vec<(String, Problem)> {
        let mut workspace = good.clone();
        edit(&mut workspace);
        validate_workspace(&workspace)
            .problems
            .into_iter()
            .map(|p| (p.path, p.problem))
            .collect()
    };
    assert_eq!(problems(&|_| {}), vec![]);
    let unknown = |kind: &'static str, id: &str| Problem::UnknownReference {
        kind,
        id: id.into(),
    };
    /// An edit of the good workspace and the problems it must give, place by place.
    type Case<'a> = (&'a dyn Fn(&mut Workspace), Vec<(&'a str, Problem)>);
    let cases: Vec<Case> = vec![
        (
            &|w| {
                let mut other = w.plans[0].clone();
                other.name = "Another".into();
                w.plans.push(other);
            },
            vec![(
                "plans[1].id",
                Problem::DuplicateId {
                    id: "plan-2026-11".into(),
                    first_path: "plans[0]".into(),
                },
            )],
        ),
        (
            &|w| w.plans[0].id = " ".into(),
            vec![("plans[0].id", Problem::EmptyId)],
        ),
        (
            &|w| w.plans[0].options.rep_id = Some("rep-x".into()),
            vec![("plans[0].options.rep_id", unknown("rep", "rep-x"))],
        ),
        (
            &|w| w.plans[0].plan.rows[1].rep_id = "rep-x".into(),
            vec![("plans[0].plan.rows[1].rep_id", unknown("rep", "rep-x"))],
        ),
        (
            &|w| w.plans[0].plan.reps[0].rep_id = "rep-x".into(),
            vec![("plans[0].plan.reps[0].rep_id", unknown("rep", "rep-x"))],
        ),
        (
            &|w| w.plans[0].plan.channels[2].channel_id = "ch-x".into(),
            vec![(
                "plans[0].plan.channels[2].channel_id",
                unknown("channel", "ch-x"),
            )],
        ),
        (
            &|w| {
                let cell = w.plans[0].plan.rows[0].cells[0].clone();
                w.plans[0].plan.rows[0].cells.push(cell);
            },
            vec![(
                "plans[0].plan.rows[0].cells",
                Problem::TooMany {
                    limit: good.plans[0].plan.channels.len(),
                    count: good.plans[0].plan.channels.len() + 1,
                },
            )],
        ),
        (
            &|w| {
                w.plans[0].plan.reps[1].channels.pop();
            },
            vec![(
                "plans[0].plan.reps[1]",
                Problem::MissingField {
                    field: format!("channels[{}]", good.plans[0].plan.channels.len() - 1),
                },
            )],
        ),
        (
            &|w| w.plans[0].plan.rows[0].cells[1].gain.scale = f64::NAN,
            vec![(
                "plans[0].plan.rows[0].cells[1].gain.scale",
                Problem::NumberOutOfRange,
            )],
        ),
        (
            &|w| w.plans[0].plan.rows[0].potential = -3,
            vec![(
                "plans[0].plan.rows[0].potential",
                Problem::Negative { value: "-3".into() },
            )],
        ),
        (
            &|w| w.plans[0].saved_at_ms = f64::INFINITY,
            vec![("plans[0].saved_at_ms", Problem::NumberOutOfRange)],
        ),
    ];
    for (edit, expected) in cases {
        let expected: Vec<(String, Problem)> = expected
            .into_iter()
            .map(|(path, problem)| (path.to_string(), problem))
            .collect();
        assert_eq!(problems(edit), expected);
    }
    // An exact copy of a saved plan is dropped and reported, like any record's.
    let mut copied = good.clone();
    copied.plans.push(good.plans[0].clone());
    let outcome = import_workspace(export_workspace(&copied).as_bytes()).unwrap();
    assert_eq!(outcome.workspace, good);
    assert_eq!(
        outcome.repairs,
        vec![Repair::DuplicateRecordDropped {
            path: "plans[1]".into(),
            id: "plan-2026-11".into()
        }]
    );
}
