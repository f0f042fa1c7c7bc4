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
}

/// Every migration, in order. Version 1 is the first published format, so there is none yet;
/// a new format version adds its step here and a golden file in `tests/fixtures/`.
pub const MIGRATIONS: &[Migration] = &[];

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
        },
        Migration {
            from: 2,
            describe: "currency",
            apply: add_currency,
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
}
