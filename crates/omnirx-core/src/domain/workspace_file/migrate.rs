//! Step-by-step migration of older file versions, on the parsed JSON, before typed validation.

use serde_json::Value;

use super::errors::Damage;

/// One step from `from` to `from + 1`. A step may fail on a file that claims its version but
/// does not have its shape; the import then reports the file as damaged and writes nothing.
#[derive(Clone, Copy)]
pub struct Migration {
    pub from: u64,
    pub describe: &'static str,
    pub apply: fn(Value) -> Result<Value, String>,
    /// The step reads only which members the workspace object has and of what JSON kind, and
    /// adds, removes or replaces members; it never reads what is inside a list or an object.
    /// When every step of a chain says so, the import hands the steps a stand-in for each list
    /// and object (a list or object of one marker) and keeps their text as it is, so migrating a
    /// million-interaction file costs little more than reading it (building the whole JSON tree
    /// takes about five times the file in memory).
    pub members_only: bool,
}

/// What a step that reads members only is given for a list or an object member: a list or an
/// object of one marker, so that its JSON kind is right and reading inside it shows the marker.
pub(super) fn members_only_stand_in(is_list: bool) -> Value {
    const MARKER: &str = "\u{0}omnirx: not read by a members-only migration step";
    if is_list {
        Value::Array(vec![Value::String(MARKER.into())])
    } else {
        Value::Object(serde_json::Map::from_iter([(
            MARKER.to_string(),
            Value::Null,
        )]))
    }
}

/// Every migration, in order. A new format version adds its step here and a golden file in
/// `tests/fixtures/` (`workspace-v<N>.omnirx.json`; the older ones stay and keep importing).
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        describe: "saved plans",
        apply: add_saved_plans,
        members_only: true,
    },
    Migration {
        from: 2,
        describe: "update times and sources",
        apply: no_update_times_yet,
        members_only: true,
    },
];

/// 1 → 2: version 2 keeps saved cycle plans in the workspace (`plans`); a version 1 workspace
/// has none, so it gets an empty list. A list already there (written by hand) is kept for
/// validation to check; anything else under that name is not what the step expects.
fn add_saved_plans(mut workspace: Value) -> Result<Value, String> {
    let kind = json_kind(&workspace);
    let object = workspace
        .as_object_mut()
        .ok_or_else(|| format!("the workspace is {kind}, not an object"))?;
    match object.get("plans") {
        None => {
            object.insert("plans".into(), Value::Array(Vec::new()));
        }
        Some(Value::Array(_)) => {}
        Some(other) => {
            return Err(format!(
                "\"plans\" is {}, not a list of saved plans",
                json_kind(other)
            ))
        }
    }
    Ok(workspace)
}

/// 2 → 3: version 3 lets records carry when they were last changed (`updated_at`) and which
/// merged file they came from (`source`, one of the workspace's `sources`). Both are optional
/// and a version 2 file has neither: its records' update times are not known, so a merge that
/// takes the newer record keeps mine for them, and none of its records came from a merge. The
/// step only checks that the workspace is an object and that it does not already hold `sources`
/// of another kind than a list.
fn no_update_times_yet(workspace: Value) -> Result<Value, String> {
    let object = workspace
        .as_object()
        .ok_or_else(|| format!("the workspace is {}, not an object", json_kind(&workspace)))?;
    match object.get("sources") {
        None | Some(Value::Array(_)) => Ok(workspace),
        Some(other) => Err(format!(
            "\"sources\" is {}, not a list of merged files",
            json_kind(other)
        )),
    }
}

/// What a JSON value is, in the words of a step's detail.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Runs the steps from `version` up to `target`, stopping at the first failure.
pub fn migrate_to_current(
    mut workspace: Value,
    version: u64,
    target: u64,
    migrations: &[Migration],
) -> Result<Value, Damage> {
    for from in version..target {
        let step = migrations
            .iter()
            .find(|migration| migration.from == from)
            .ok_or(Damage::NoMigration { from })?;
        workspace = (step.apply)(workspace).map_err(|detail| Damage::MigrationStepFailed {
            from,
            step: step.describe,
            detail,
        })?;
    }
    Ok(workspace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_people_to_hcps(mut workspace: Value) -> Result<Value, String> {
        let object = workspace
            .as_object_mut()
            .ok_or("the workspace is not an object")?;
        let people = object.remove("people").ok_or("no \"people\" list")?;
        object.insert("hcps".into(), people);
        Ok(workspace)
    }

    fn add_currency(mut workspace: Value) -> Result<Value, String> {
        workspace["settings"]["currency"] = json!("CNY");
        Ok(workspace)
    }

    const CHAIN: &[Migration] = &[
        Migration {
            from: 1,
            describe: "people → hcps",
            apply: rename_people_to_hcps,
            members_only: true,
        },
        Migration {
            from: 2,
            describe: "currency",
            apply: add_currency,
            members_only: false,
        },
    ];

    #[test]
    fn steps_run_in_order() {
        let old = json!({"settings": {"name": "x"}, "people": [1]});
        let migrated = migrate_to_current(old, 1, 3, CHAIN).unwrap();
        assert_eq!(
            migrated,
            json!({"settings": {"name": "x", "currency": "CNY"}, "hcps": [1]})
        );
        let untouched = migrate_to_current(json!({"a": 1}), 3, 3, CHAIN).unwrap();
        assert_eq!(untouched, json!({"a": 1}));
    }

    #[test]
    fn a_failing_step_names_itself() {
        let error = migrate_to_current(json!({"settings": {}}), 1, 3, CHAIN).unwrap_err();
        assert_eq!(
            error,
            Damage::MigrationStepFailed {
                from: 1,
                step: "people → hcps",
                detail: "no \"people\" list".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "migration 1 → 2 (people → hcps): no \"people\" list"
        );
        let error = migrate_to_current(json!({}), 0, 3, CHAIN).unwrap_err();
        assert_eq!(error, Damage::NoMigration { from: 0 });
    }

    #[test]
    fn version_2_has_no_update_times_nor_sources() {
        let old = json!({"settings": {"name": "x"}, "hcps": [{"id": "h-1"}], "plans": []});
        assert_eq!(migrate_to_current(old.clone(), 2, 3, MIGRATIONS), Ok(old));
        for (workspace, detail) in [
            (json!(7), "the workspace is a number, not an object"),
            (
                json!({"sources": "east.json"}),
                "\"sources\" is a text, not a list of merged files",
            ),
        ] {
            assert_eq!(
                migrate_to_current(workspace, 2, 3, MIGRATIONS),
                Err(Damage::MigrationStepFailed {
                    from: 2,
                    step: "update times and sources",
                    detail: detail.into()
                })
            );
        }
    }

    #[test]
    fn version_1_gets_an_empty_list_of_saved_plans() {
        let current = crate::domain::workspace_file::CURRENT_VERSION;
        let migrated =
            migrate_to_current(json!({"settings": {"name": "x"}}), 1, current, MIGRATIONS).unwrap();
        assert_eq!(migrated, json!({"settings": {"name": "x"}, "plans": []}));
        // A list already there is kept for validation to check.
        let kept = json!({"settings": {"name": "x"}, "plans": [{"id": "p"}]});
        assert_eq!(
            migrate_to_current(kept.clone(), 1, 2, MIGRATIONS).unwrap(),
            kept
        );
        for (workspace, detail) in [
            (json!("x"), "the workspace is a text, not an object"),
            (json!([1]), "the workspace is a list, not an object"),
            (
                json!({"plans": {"p": 1}}),
                "\"plans\" is an object, not a list of saved plans",
            ),
            (
                json!({"plans": null}),
                "\"plans\" is null, not a list of saved plans",
            ),
        ] {
            assert_eq!(
                migrate_to_current(workspace, 1, 2, MIGRATIONS),
                Err(Damage::MigrationStepFailed {
                    from: 1,
                    step: "saved plans",
                    detail: detail.into()
                })
            );
        }
    }
}
