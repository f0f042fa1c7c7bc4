//! "Undo the last import" (or merge): what an import changed, kept small enough to store beside
//! the workspace until the next import. A merge (`sharing::merge`) also only appends and replaces
//! in place, and adds definitions and merged files at the end, so the same note undoes it. An import only appends records to the lists and replaces
//! some records in place (HCPs, accounts, reps, products, targets it updated), so the lists'
//! lengths before and the replaced records' old values are enough to put the workspace back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::mapping::SavedMapping;
use crate::domain::model::Workspace;
use crate::domain::workspace_file::validate_workspace;

/// The key of the note, kept beside the stored workspaces, that undoes the last import or merge
/// into workspace `workspace_id`.
pub fn undo_note_key(workspace_id: &str) -> String {
    format!("undo-import:{workspace_id}")
}

/// One record the import replaced, as it was (JSON of the model's record).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplacedRecord {
    pub list: String,
    pub index: usize,
    pub json: String,
}

/// How to put a workspace back as it was before its last import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportUndo {
    /// The import made this workspace: undoing deletes it.
    Created { workspace_id: String },
    /// The import added to this workspace.
    Merged {
        workspace_id: String,
        /// Each list's length before the import.
        lengths: BTreeMap<String, usize>,
        replaced: Vec<ReplacedRecord>,
        table_mappings: Vec<SavedMapping>,
        /// The files merged, when the change was a merge of workspace files (none for a table
        /// import): the Data page offers to undo the merge of these, after a reload too.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        merged_files: Vec<String>,
        /// The ids of the funnels, rule sets, journey maps and saved plans the merge added, by
        /// list: undoing removes those and leaves the ones made since.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        added_definitions: BTreeMap<String, Vec<String>>,
    },
}

/// Why an import cannot be undone any more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UndoProblem {
    /// A list is shorter than before the import: records were removed since.
    ChangedSince,
    /// Putting the records back would leave a reference dangling (an edit since uses a record
    /// the import made).
    WouldBreak,
}

/// The lists an import or a merge appends to and replaces in: the ten lists of records and the
/// merged files.
macro_rules! each_list {
    ($workspace:expr, $visit:ident) => {{
        crate::domain::model::for_each_record_list!($visit);
        $visit!("sources", sources);
    }};
}

/// What undoing the import from `before` to `after` of workspace `id` takes.
pub fn undo_of(id: &str, before: &Workspace, after: &Workspace) -> ImportUndo {
    let mut lengths = BTreeMap::new();
    let mut replaced = Vec::new();
    macro_rules! visit {
        ($name:literal, $field:ident) => {
            lengths.insert($name.to_string(), before.$field.len());
            for (index, (old, new)) in before.$field.iter().zip(&after.$field).enumerate() {
                if old != new {
                    replaced.push(ReplacedRecord {
                        list: $name.to_string(),
                        index,
                        json: serde_json::to_string(old).expect("records serialise"),
                    });
                }
            }
        };
    }
    each_list!(before, visit);
    ImportUndo::Merged {
        workspace_id: id.to_string(),
        lengths,
        replaced,
        table_mappings: before.table_mappings.clone(),
        merged_files: Vec::new(),
        added_definitions: BTreeMap::new(),
    }
}

macro_rules! each_definition {
    ($visit:ident) => {{
        $visit!("funnels", funnels);
        $visit!("segment_rule_sets", segment_rule_sets);
        $visit!("journeys", journeys);
        $visit!("plans", plans);
    }};
}

/// What undoing the merge of `files` from `before` to `after` takes.
pub fn undo_of_merge(
    id: &str,
    before: &Workspace,
    after: &Workspace,
    files: &[String],
) -> ImportUndo {
    match undo_of(id, before, after) {
        ImportUndo::Merged {
            workspace_id,
            lengths,
            replaced,
            table_mappings,
            ..
        } => {
            let mut added_definitions = BTreeMap::new();
            macro_rules! visit {
                ($name:literal, $field:ident) => {
                    let ids: Vec<String> = after
                        .$field
                        .iter()
                        .filter(|new| !before.$field.iter().any(|old| old.id == new.id))
                        .map(|new| new.id.clone())
                        .collect();
                    if !ids.is_empty() {
                        added_definitions.insert($name.to_string(), ids);
                    }
                };
            }
            each_definition!(visit);
            ImportUndo::Merged {
                workspace_id,
                lengths,
                replaced,
                table_mappings,
                merged_files: files.to_vec(),
                added_definitions,
            }
        }
        created => created,
    }
}

/// The workspace with the import undone: lists cut back to their lengths, replaced records put
/// back, the saved mappings as they were; refused when it would not be a valid workspace.
pub fn undone(current: &Workspace, undo: &ImportUndo) -> Result<Workspace, UndoProblem> {
    let ImportUndo::Merged {
        lengths,
        replaced,
        table_mappings,
        added_definitions,
        ..
    } = undo
    else {
        return Err(UndoProblem::ChangedSince);
    };
    let mut workspace = current.clone();
    macro_rules! visit {
        ($name:literal, $field:ident) => {
            // A list the note does not name (a note written before it was noted) stays as is.
            let length = lengths
                .get($name)
                .copied()
                .unwrap_or(workspace.$field.len());
            if workspace.$field.len() < length {
                return Err(UndoProblem::ChangedSince);
            }
            workspace.$field.truncate(length);
            for record in replaced.iter().filter(|r| r.list == $name) {
                let old =
                    serde_json::from_str(&record.json).map_err(|_| UndoProblem::ChangedSince)?;
                match workspace.$field.get_mut(record.index) {
                    Some(slot) => *slot = old,
                    None => return Err(UndoProblem::ChangedSince),
                }
            }
        };
    }
    each_list!(workspace, visit);
    workspace.table_mappings = table_mappings.clone();
    macro_rules! remove_added {
        ($name:literal, $field:ident) => {
            if let Some(ids) = added_definitions.get($name) {
                workspace.$field.retain(|d| !ids.contains(&d.id));
            }
        };
    }
    each_definition!(remove_added);
    if !validate_workspace(&workspace).is_valid() {
        return Err(UndoProblem::WouldBreak);
    }
    Ok(workspace)
}
