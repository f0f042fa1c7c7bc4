//! Merging workspace files into the open workspace (`docs/sharing.md`): the files read and
//! checked, the merge previewed with its counts and conflicts, each conflict settled (or all at
//! once), one write, and the merge undone while the page stays open.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::sharing::envelope::is_encrypted;
use omnirx_core::domain::sharing::merge::{merge_with, Conflict, MergeCounts, Prefer};
use omnirx_core::domain::workspace_file::import_workspace;
use omnirx_core::i18n::{describe_import_error, Language};

use super::session::Session;
use crate::ui::browser;

/// A conflict as the page lists it: which file, and a key for its choice.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedConflict {
    pub key: String,
    pub file: String,
    pub conflict: Conflict,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergePreview {
    pub files: Vec<String>,
    incoming: Vec<Arc<Workspace>>,
    pub counts: BTreeMap<String, MergeCounts>,
    pub conflicts: Vec<ListedConflict>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MergeStep {
    Idle,
    Reading,
    Preview(Arc<MergePreview>),
    /// Files that cannot be merged, each with why.
    Refused(Vec<(String, String)>),
    Merged,
    Undone,
}

#[derive(Clone, Copy)]
pub struct Merging {
    pub step: RwSignal<MergeStep>,
    /// The choice for every conflict not chosen one by one.
    pub all: RwSignal<Prefer>,
    /// Choices made one by one, by conflict key.
    pub chosen: RwSignal<HashMap<String, Prefer>>,
    /// The workspace before the last merge, for its undo.
    before: StoredValue<Option<(String, Arc<Workspace>)>>,
    session: Session,
}

/// Merges `incoming` into `current` in order, each conflict settled by `resolve`.
fn merge_all(
    current: &Workspace,
    files: &[String],
    incoming: &[Arc<Workspace>],
    resolve: &dyn Fn(&str) -> Option<Prefer>,
) -> (
    Workspace,
    BTreeMap<String, MergeCounts>,
    Vec<ListedConflict>,
) {
    let mut workspace = current.clone();
    let mut counts: BTreeMap<String, MergeCounts> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for (index, theirs) in incoming.iter().enumerate() {
        let key = |c: &Conflict| format!("{index}/{}/{}", c.list, c.id);
        let merged = merge_with(&workspace, theirs, &|c| resolve(&key(c)));
        for (list, c) in merged.counts {
            let total = counts.entry(list).or_default();
            total.added += c.added;
            total.updated += c.updated;
            total.conflicting += c.conflicting;
            total.unchanged += c.unchanged;
        }
        conflicts.extend(merged.conflicts.into_iter().map(|conflict| ListedConflict {
            key: key(&conflict),
            file: files[index].clone(),
            conflict,
        }));
        workspace = merged.workspace;
    }
    (workspace, counts, conflicts)
}

impl Merging {
    pub fn new(session: Session) -> Merging {
        Merging {
            step: RwSignal::new(MergeStep::Idle),
            all: RwSignal::new(Prefer::Mine),
            chosen: RwSignal::new(HashMap::new()),
            before: StoredValue::new(None),
            session,
        }
    }

    /// Reads and checks the chosen files, then previews their merge.
    pub fn read(self, files: Vec<web_sys::File>, language: Language) {
        self.step.set(MergeStep::Reading);
        self.chosen.set(HashMap::new());
        spawn_local(async move {
            let mut incoming = Vec::new();
            let mut names = Vec::new();
            let mut refused = Vec::new();
            for file in files {
                let name = file.name();
                let bytes = match browser::read_file_bytes(file).await {
                    Ok(bytes) => bytes,
                    Err(detail) => {
                        refused.push((name, detail));
                        continue;
                    }
                };
                if is_encrypted(&bytes) {
                    let key = omnirx_core::i18n::Text::MergeEncrypted;
                    refused.push((name, omnirx_core::i18n::text(language, key).to_string()));
                    continue;
                }
                match import_workspace(&bytes) {
                    Ok(outcome) => {
                        names.push(name);
                        incoming.push(Arc::new(outcome.workspace));
                    }
                    Err(error) => refused.push((name, describe_import_error(language, &error))),
                }
            }
            let Some(current) = self.session.workspace.get_untracked() else {
                return;
            };
            if !refused.is_empty() {
                return self.step.set(MergeStep::Refused(refused));
            }
            let (_, counts, conflicts) = merge_all(&current, &names, &incoming, &|_| None);
            self.step.set(MergeStep::Preview(Arc::new(MergePreview {
                files: names,
                incoming,
                counts,
                conflicts,
            })));
        });
    }

    pub fn choose(self, key: &str, prefer: Prefer) {
        self.chosen.update(|chosen| {
            chosen.insert(key.to_string(), prefer);
        });
    }

    /// The choice that settles conflict `key`.
    pub fn choice(self, key: &str) -> Prefer {
        self.chosen
            .with(|chosen| chosen.get(key).copied())
            .unwrap_or_else(|| self.all.get())
    }

    /// Writes the merge as previewed and chosen, in one save of the open workspace.
    pub fn confirm(self) {
        let MergeStep::Preview(preview) = self.step.get_untracked() else {
            return;
        };
        let (Some(current), Some(id)) = (
            self.session.workspace.get_untracked(),
            self.session.workspace_id.get_untracked(),
        ) else {
            return;
        };
        let chosen = self.chosen.get_untracked();
        let all = self.all.get_untracked();
        let resolve = |key: &str| Some(chosen.get(key).copied().unwrap_or(all));
        let (merged, _, _) = merge_all(&current, &preview.files, &preview.incoming, &resolve);
        self.before.set_value(Some((id.clone(), current)));
        self.session.save_and_show(id, merged, None);
        self.step.set(MergeStep::Merged);
    }

    /// Puts back the workspace as it was before the merge.
    pub fn undo(self) {
        if let Some((id, before)) = self.before.get_value() {
            self.session.save_and_show(id, (*before).clone(), None);
            self.before.set_value(None);
            self.step.set(MergeStep::Undone);
        }
    }
}
