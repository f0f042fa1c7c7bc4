//! Merging workspace files into the open workspace (`docs/sharing.md`): the files read and
//! checked (encrypted ones opened with their passphrase), the merge previewed with its counts and
//! conflicts, each conflict settled (or all at once), one write with the note that undoes it, and
//! the merge undone from that note, after a reload too, until the next import.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use omnirx_core::domain::compliance::Aggregation;
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::sharing::envelope::{open, OpenError};
use omnirx_core::domain::sharing::merge::{
    merge_into, Conflict, IncomingFile, MergeCounts, Prefer, MAX_MERGE_BYTES_IN_THE_BROWSER,
};
use omnirx_core::domain::table_import::protocol::{Request, Response};
use omnirx_core::domain::table_import::undo::{
    undo_note_key, undo_of_merge, undone, ImportUndo, UndoProblem,
};
use omnirx_core::domain::time::Timestamp;
use omnirx_core::i18n::sharing_messages::describe_open_error;
use omnirx_core::i18n::{describe_import_error, text, Language, Text};

use super::session::Session;
use crate::ui::browser;
use crate::ui::browser::worker::{ImportWorker, WorkerEvent};

/// A conflict as the page lists it: which file, and a key for its choice.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedConflict {
    pub key: String,
    pub file: String,
    pub conflict: Conflict,
}

/// A file read for the merge: its workspace, or its sealed bytes until the passphrase comes.
#[derive(Clone, Debug, PartialEq)]
enum Content {
    Open(Arc<Workspace>),
    Sealed(Arc<Vec<u8>>),
}

#[derive(Clone, Debug, PartialEq)]
struct Incoming {
    file: IncomingFile,
    content: Content,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergePreview {
    pub files: Vec<String>,
    incoming: Vec<(IncomingFile, Arc<Workspace>)>,
    pub counts: BTreeMap<String, MergeCounts>,
    pub conflicts: Vec<ListedConflict>,
    /// Mine are under market rules that forbid HCP-level prescriptions: theirs summed per account.
    pub aggregation: Aggregation,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MergeStep {
    Idle,
    Reading,
    /// Encrypted files wait for their passphrase; `wrong` when the last one did not open them.
    Locked {
        files: Vec<String>,
        wrong: bool,
    },
    /// Merging the files in turn: `done` of `total` merged (the page is drawn between two).
    Merging {
        done: usize,
        total: usize,
    },
    Preview(Arc<MergePreview>),
    /// Files that cannot be merged, each with why.
    Refused(Vec<(String, String)>),
    /// The files hold more than a merge in the browser can take (MB, and the limit in MB).
    TooLarge {
        megabytes: u64,
        limit: u64,
    },
    Merged,
    Undone,
    UndoFailed(UndoProblem),
}

#[derive(Clone, Copy)]
pub struct Merging {
    pub step: RwSignal<MergeStep>,
    /// The choice for every conflict not chosen one by one.
    pub all: RwSignal<Prefer>,
    /// Choices made one by one, by conflict key.
    pub chosen: RwSignal<HashMap<String, Prefer>>,
    /// The files read and waiting for a passphrase or the preview.
    pending: StoredValue<Vec<Incoming>>,
    /// Bumped when a merge is written or undone, so that the stored undo note is read again.
    pub written: RwSignal<u32>,
    session: Session,
}

/// Merges `incoming` into `current` in order, each conflict settled by `resolve`; the page is
/// drawn again between two files, with `progress(done, total)` on screen.
async fn merge_all(
    current: &Workspace,
    incoming: &[(IncomingFile, Arc<Workspace>)],
    resolve: &dyn Fn(&str) -> Option<Prefer>,
    progress: impl Fn(usize, usize),
) -> (Workspace, MergePreview) {
    let mut workspace = current.clone();
    let mut preview = MergePreview {
        files: incoming.iter().map(|(file, _)| file.file.clone()).collect(),
        incoming: incoming.to_vec(),
        counts: BTreeMap::new(),
        conflicts: Vec::new(),
        aggregation: Aggregation::default(),
    };
    for (index, (file, theirs)) in incoming.iter().enumerate() {
        progress(index, incoming.len());
        browser::next_frame().await;
        let key = |c: &Conflict| format!("{index}/{}/{}", c.list, c.id);
        let merged = merge_into(workspace, theirs, file, &|c| resolve(&key(c)));
        for (list, c) in merged.counts {
            let total = preview.counts.entry(list).or_default();
            total.added += c.added;
            total.updated += c.updated;
            total.conflicting += c.conflicting;
            total.unchanged += c.unchanged;
        }
        preview.aggregation.add(&merged.aggregation);
        let listed = merged.conflicts.into_iter().map(|conflict| ListedConflict {
            key: key(&conflict),
            file: file.file.clone(),
            conflict,
        });
        preview.conflicts.extend(listed);
        workspace = merged.workspace;
    }
    (workspace, preview)
}

/// Checks `files` in the import worker, in order (parse → migrate → validate there: the page's
/// wasm carries none of it): each one's workspace, `None` for a sealed one, or why it is
/// refused, in `language`.
async fn check_in_worker(
    files: Vec<web_sys::File>,
    language: Language,
) -> Vec<Result<Option<Arc<Workspace>>, String>> {
    if files.is_empty() {
        return Vec::new();
    }
    let (worker, answers) = ImportWorker::start_answering();
    for file in &files {
        worker.send(&Request::CheckForMerge, Some(file.clone()));
    }
    let mut checked = Vec::with_capacity(files.len());
    while checked.len() < files.len() {
        let answer = match answers.next().await {
            WorkerEvent::Response(Response::MergeFileChecked { workspace }) => {
                serde_json::from_str::<Workspace>(&workspace)
                    .map(|workspace| Some(Arc::new(workspace)))
                    .map_err(|_| text(language, Text::TableWorkerFailed).to_string())
            }
            WorkerEvent::Response(Response::FileLocked { .. }) => Ok(None),
            WorkerEvent::Response(Response::FileRefused { error }) => {
                Err(describe_import_error(language, &error))
            }
            // No more answers come: every file left is refused with why.
            WorkerEvent::Died => {
                let why = text(language, Text::TableWorkerFailed).to_string();
                checked.resize(files.len(), Err(why));
                break;
            }
            WorkerEvent::Response(_) | WorkerEvent::File { .. } => continue,
        };
        checked.push(answer);
    }
    worker.stop();
    checked
}

/// The file's name and last-modified time (when the browser gives one).
fn incoming_file(file: &web_sys::File) -> IncomingFile {
    let modified = file.last_modified();
    IncomingFile {
        file: file.name(),
        written_at: (modified > 0.0).then(|| Timestamp((modified / 1000.0).floor() as i64)),
    }
}

impl Merging {
    pub fn new(session: Session) -> Merging {
        Merging {
            step: RwSignal::new(MergeStep::Idle),
            all: RwSignal::new(Prefer::Mine),
            chosen: RwSignal::new(HashMap::new()),
            pending: StoredValue::new(Vec::new()),
            written: RwSignal::new(0),
            session,
        }
    }

    /// Reads and checks the chosen files; asks for the passphrase of encrypted ones; then
    /// previews their merge.
    pub fn read(self, files: Vec<web_sys::File>, language: Language) {
        self.chosen.set(HashMap::new());
        // Refused before anything is read: the tab would run out of memory half way.
        let bytes: f64 = files.iter().map(|file| file.size()).sum();
        if bytes as u64 > MAX_MERGE_BYTES_IN_THE_BROWSER {
            return self.step.set(MergeStep::TooLarge {
                megabytes: (bytes / 1_048_576.0).ceil() as u64,
                limit: MAX_MERGE_BYTES_IN_THE_BROWSER >> 20,
            });
        }
        self.step.set(MergeStep::Reading);
        spawn_local(async move {
            let mut pending = Vec::new();
            let mut refused = Vec::new();
            let checked = check_in_worker(files.clone(), language).await;
            for (file, checked) in files.into_iter().zip(checked) {
                let incoming = incoming_file(&file);
                let content = match checked {
                    Ok(Some(workspace)) => Content::Open(workspace),
                    // A sealed file is read here, to be opened with the passphrase.
                    Ok(None) => match browser::read_file_bytes(file).await {
                        Ok(bytes) => Content::Sealed(Arc::new(bytes)),
                        Err(detail) => {
                            refused.push((incoming.file, detail));
                            continue;
                        }
                    },
                    Err(why) => {
                        refused.push((incoming.file, why));
                        continue;
                    }
                };
                pending.push(Incoming {
                    file: incoming,
                    content,
                });
            }
            if !refused.is_empty() {
                return self.step.set(MergeStep::Refused(refused));
            }
            self.pending.set_value(pending);
            self.go_on(false);
        });
    }

    /// Asks for the passphrase while a file is sealed, else previews the merge.
    fn go_on(self, wrong: bool) {
        let sealed: Vec<String> = self.pending.with_value(|pending| {
            pending
                .iter()
                .filter(|p| matches!(p.content, Content::Sealed(_)))
                .map(|p| p.file.file.clone())
                .collect()
        });
        if !sealed.is_empty() {
            return self.step.set(MergeStep::Locked {
                files: sealed,
                wrong,
            });
        }
        let Some(current) = self.session.workspace.get_untracked() else {
            return;
        };
        let incoming: Vec<(IncomingFile, Arc<Workspace>)> = self.pending.with_value(|pending| {
            pending
                .iter()
                .filter_map(|p| match &p.content {
                    Content::Open(workspace) => Some((p.file.clone(), workspace.clone())),
                    Content::Sealed(_) => None,
                })
                .collect()
        });
        self.pending.set_value(Vec::new());
        spawn_local(async move {
            let step = self.step;
            let progress = move |done, total| step.set(MergeStep::Merging { done, total });
            let (_, preview) = merge_all(&current, &incoming, &|_| None, progress).await;
            self.step.set(MergeStep::Preview(Arc::new(preview)));
        });
    }

    /// Opens the encrypted files with `passphrase` (the team's one: the same for all). A wrong
    /// one asks again; a damaged file is refused. The passphrase is not kept.
    pub fn unlock(self, passphrase: String, language: Language) {
        self.step.set(MergeStep::Reading);
        spawn_local(async move {
            // The key derivation takes a moment: "Reading…" is on screen first.
            browser::next_frame().await;
            let mut pending = self.pending.get_value();
            let mut wrong = false;
            let mut refused = Vec::new();
            // Opened here (key derivation and decryption, timed for the bench as
            // `omnirx:unlock`), then checked in the worker.
            let mut opened = Vec::new();
            for (index, incoming) in pending.iter().enumerate() {
                let Content::Sealed(bytes) = &incoming.content else {
                    continue;
                };
                match browser::timed("omnirx:unlock", || open(bytes, &passphrase)) {
                    Ok(plain) => match browser::file_of_bytes(&plain, &incoming.file.file) {
                        Some(file) => opened.push((index, file)),
                        None => refused.push((
                            incoming.file.file.clone(),
                            text(language, Text::TableWorkerFailed).to_string(),
                        )),
                    },
                    Err(OpenError::WrongPassphrase) => wrong = true,
                    Err(other) => refused.push((
                        incoming.file.file.clone(),
                        describe_open_error(language, &other),
                    )),
                }
            }
            let (indices, files): (Vec<usize>, Vec<web_sys::File>) = opened.into_iter().unzip();
            let checked = check_in_worker(files, language).await;
            for (index, checked) in indices.into_iter().zip(checked) {
                let incoming = &mut pending[index];
                match checked {
                    Ok(Some(workspace)) => incoming.content = Content::Open(workspace),
                    // Sealed twice over: not a file OmniRx writes.
                    Ok(None) => refused.push((
                        incoming.file.file.clone(),
                        describe_open_error(language, &OpenError::Damaged),
                    )),
                    Err(why) => refused.push((incoming.file.file.clone(), why)),
                }
            }
            if !refused.is_empty() {
                self.pending.set_value(Vec::new());
                return self.step.set(MergeStep::Refused(refused));
            }
            self.pending.set_value(pending);
            self.go_on(wrong);
        });
    }

    pub fn cancel(self) {
        self.pending.set_value(Vec::new());
        self.step.set(MergeStep::Idle);
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

    /// Writes the merge as previewed and chosen, in one save of the open workspace, with the
    /// note that undoes it.
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
        spawn_local(async move {
            let resolve = |key: &str| Some(chosen.get(key).copied().unwrap_or(all));
            let step = self.step;
            let progress = move |done, total| step.set(MergeStep::Merging { done, total });
            let (merged, _) = merge_all(&current, &preview.incoming, &resolve, progress).await;
            let undo = undo_of_merge(&id, &current, &merged, &preview.files);
            drop(preview);
            let note = serde_json::to_string(&undo).expect("undo notes serialise");
            drop(current);
            if self
                .session
                .save_then_show(id, merged, None, Some(note))
                .await
            {
                self.step.set(MergeStep::Merged);
                self.written.update(|n| *n += 1);
            }
        });
    }

    /// The files of the last merge into the open workspace that its stored note can undo.
    pub async fn undoable(self, workspace_id: String) -> Option<Vec<String>> {
        let database = self.session.database.get_untracked()?;
        let note = database.note(&undo_note_key(&workspace_id)).await.ok()??;
        match serde_json::from_str::<ImportUndo>(&note).ok()? {
            ImportUndo::Merged { merged_files, .. } if !merged_files.is_empty() => {
                Some(merged_files)
            }
            _ => None,
        }
    }

    /// Puts back the workspace as it was before the last merge, from the stored note (the same
    /// after a reload); the note goes with it.
    pub fn undo(self) {
        let (Some(current), Some(id), Some(database)) = (
            self.session.workspace.get_untracked(),
            self.session.workspace_id.get_untracked(),
            self.session.database.get_untracked(),
        ) else {
            return;
        };
        spawn_local(async move {
            let note = database.note(&undo_note_key(&id)).await.ok().flatten();
            let undo = note.and_then(|note| serde_json::from_str::<ImportUndo>(&note).ok());
            let restored = match undo.as_ref().map(|undo| undone(&current, undo)) {
                Some(Ok(restored)) => restored,
                Some(Err(problem)) => return self.step.set(MergeStep::UndoFailed(problem)),
                None => {
                    return self
                        .step
                        .set(MergeStep::UndoFailed(UndoProblem::ChangedSince))
                }
            };
            drop(current);
            if self.session.save_then_show(id, restored, None, None).await {
                self.step.set(MergeStep::Undone);
                self.written.update(|n| *n += 1);
            }
        });
    }
}
