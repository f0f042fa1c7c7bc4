//! Where a workspace's records came from (`docs/sharing.md`, *Provenance*): the merged files a
//! workspace lists (`Workspace::sources`), what each brought, and the list kept honest when a
//! part or an anonymised copy is made.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::model::{for_each_record_list, Source, SourceNumber, Workspace};

/// One merged file and how many records of each list came from it (lists with none left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brought {
    pub source: Source,
    pub counts: BTreeMap<&'static str, usize>,
}

/// Every merged file of the workspace, in its order, with what it brought.
pub fn brought_by(workspace: &Workspace) -> Vec<Brought> {
    if workspace.sources.is_empty() {
        return Vec::new();
    }
    let mut counts: BTreeMap<SourceNumber, BTreeMap<&'static str, usize>> = BTreeMap::new();
    macro_rules! count {
        ($name:literal, $field:ident) => {
            for record in &workspace.$field {
                if let Some(number) = record.source {
                    *counts.entry(number).or_default().entry($name).or_default() += 1;
                }
            }
        };
    }
    for_each_record_list!(count);
    workspace
        .sources
        .iter()
        .map(|source| Brought {
            source: source.clone(),
            counts: counts.remove(&source.number).unwrap_or_default(),
        })
        .collect()
}

/// Keeps only the merged files some record still names (a part of a workspace names no file
/// none of its records came from).
pub fn keep_named_sources(workspace: &mut Workspace) {
    let mut named: BTreeSet<SourceNumber> = BTreeSet::new();
    macro_rules! collect {
        ($name:literal, $field:ident) => {
            named.extend(workspace.$field.iter().filter_map(|record| record.source));
        };
    }
    for_each_record_list!(collect);
    workspace.sources.retain(|s| named.contains(&s.number));
}

/// Forgets where and when the records came from: no merged files (their names are the reps' and
/// workspaces' real ones) and no update times. For the anonymised copy.
pub fn forget_provenance(workspace: &mut Workspace) {
    workspace.sources.clear();
    macro_rules! forget {
        ($name:literal, $field:ident) => {
            workspace
                .$field
                .iter_mut()
                .for_each(|record| record.source = None);
        };
    }
    for_each_record_list!(forget);
    workspace
        .products
        .iter_mut()
        .for_each(|r| r.updated_at = None);
    workspace.reps.iter_mut().for_each(|r| r.updated_at = None);
    workspace
        .accounts
        .iter_mut()
        .for_each(|r| r.updated_at = None);
    workspace.hcps.iter_mut().for_each(|r| r.updated_at = None);
    workspace
        .targets
        .iter_mut()
        .for_each(|r| r.updated_at = None);
}
