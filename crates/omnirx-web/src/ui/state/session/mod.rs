//! The open workspace and what can be done with it: start-up, open, reset, import, export, delete.
//!
//! Every action computes in memory first and writes to IndexedDB in one transaction; the
//! signals change only after the write succeeded, so the screen never shows unsaved data as saved.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions};
use omnirx_core::domain::model::{MarketRules, Workspace, WorkspaceSettings};
use omnirx_core::domain::time::Month;
use omnirx_core::i18n::{text, Language, Text};
use omnirx_storage::{Database, Expected, StorageError, WorkspaceSummary};

use crate::ui::browser::channel::ChangeChannel;

mod other_tabs;

/// The id of the demo workspace in storage.
pub const DEMO_WORKSPACE_ID: &str = "demo";
/// The id of the "China compliance" demo (docs/compliance.md), stored beside the standard one.
pub const CHINA_DEMO_WORKSPACE_ID: &str = "demo-china";

#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    Opening,
    Ready,
    /// No IndexedDB: the app works in memory only.
    Unavailable,
    /// An older tab blocks the database upgrade.
    Blocked,
    /// A newer version of the app, opened in another tab, has upgraded the database: this tab
    /// writes nothing more and asks to be reloaded.
    Outdated,
}

/// A message for the user about the last action.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Imported,
    StorageFailed(StorageError),
    /// Another tab saved the open workspace while this tab had edits of it: the other tab's
    /// version is shown, and this tab's edits were stored as a new workspace with this name.
    EditsKeptAsCopy {
        name: String,
    },
    /// The workspace named could not be read when the app started: it stays as stored, and
    /// another workspace (or the demo) is shown.
    Unreadable {
        name: String,
        error: StorageError,
    },
    /// The demo's module could not be fetched (the network dropped before the service worker
    /// kept it): nothing was made or stored.
    DemoUnavailable,
}

/// Whether the browser promised to keep our data under storage pressure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Persistence {
    NotAsked,
    Granted,
    Refused,
    /// The user read the warning and closed it.
    Acknowledged,
}

/// Which parts of the workspace pending edits touch, from the smallest save to the largest;
/// pending edits together need the largest of their saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum EditedParts {
    SettingsOnly,
    /// Settings plus funnels, rule sets and journey maps: not the data.
    Analyses,
    Everything,
}

/// How long edits wait before they are saved together; a page hide saves at once.
pub const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(600);

#[derive(Clone, Copy)]
pub struct Session {
    pub persistence: RwSignal<Persistence>,
    /// Whether the open workspace has edits not yet written.
    pub unsaved: RwSignal<bool>,
    /// Whether a write of edits is under way (from the flush until IndexedDB answers).
    pub saving: RwSignal<bool>,
    /// Which parts those edits touch (the smaller, the faster the write).
    unsaved_parts: StoredValue<EditedParts>,
    /// Changes whenever the workspace's data (not its settings or analyses) may have changed:
    /// what is computed from the data alone, such as the funnel index, is keyed on it.
    pub data_revision: RwSignal<u64>,
    autosave_timer: StoredValue<Option<leptos::leptos_dom::helpers::TimeoutHandle>, LocalStorage>,
    pub database: RwSignal<Option<Database>, LocalStorage>,
    pub workspace: RwSignal<Option<Arc<Workspace>>>,
    pub workspace_id: RwSignal<Option<String>>,
    pub workspaces: RwSignal<Vec<WorkspaceSummary>>,
    pub status: RwSignal<StorageStatus>,
    /// While a stored workspace is being read to be shown: records read, of how many.
    pub reading: RwSignal<Option<(usize, usize)>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The stored revision the open workspace was read or last written as: saves of edits
    /// replace only that revision (see `tabs` for the rule between tabs).
    pub(super) revision: StoredValue<Option<u64>>,
    /// `Database::times_reopened` at the last full save: if the connection was opened again
    /// since, what is stored may be gone and the next save writes everything.
    pub(super) reopened_at_full_save: StoredValue<u32>,
    /// Notices to and from the app's other tabs.
    pub(super) changes: StoredValue<Option<ChangeChannel>, LocalStorage>,
    /// The UI language, for names the app gives (a copy of conflicting edits).
    pub(super) language: RwSignal<Language>,
    /// Set when the page is being left (`pagehide`): a reload keeps the page visible to the
    /// end, so `document.hidden` alone does not tell.
    page_leaving: StoredValue<bool>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The last complete month before today: the demo always ends there.
fn last_complete_month() -> Month {
    let today = crate::ui::browser::today();
    Month {
        year: today.year,
        month: today.month,
    }
    .plus(-1)
}

// The demo generator and its lists of names (57 KB of the gzipped first download) are a module of
// their own, cut by tools/split_wasm.py like the pages: a visit that opens stored data never
// downloads them. `fallible`: a module that cannot be fetched is `DemoUnavailable`, not a panic.
lazy_module! {
    demo, demo_fetch,
    fn generate_demo(options: DemoOptions) -> Result<Workspace, SplitLoaderError> {
        Ok(generate_demo_workspace(options))
    }
}

/// Starts fetching the demo's module, so that a first visit has it when storage says there is
/// nothing to open. Fetching twice is fetching once.
fn prefetch_demo() {
    spawn_local(async {
        let _ = demo_fetch().await;
    });
}

/// The demo in `language`, ending with the last complete month; under China's market rules
/// (prescriptions per account, no rep quotas) with `MarketRules::China`.
pub async fn demo_workspace(
    language: Language,
    market: MarketRules,
) -> Result<Workspace, SplitLoaderError> {
    let data_language = match language {
        Language::SimplifiedChinese => DataLanguage::Chinese,
        Language::English => DataLanguage::English,
    };
    generate_demo(DemoOptions::standard(data_language, last_complete_month()).with_market(market))
        .await
}

/// A workspace with nothing in it, named in `language`.
fn empty_workspace(language: Language) -> Workspace {
    Workspace {
        settings: WorkspaceSettings {
            name: text(language, Text::EmptyWorkspaceName).to_string(),
            data_language: language.tag().to_string(),
            ..WorkspaceSettings::default()
        },
        ..Workspace::default()
    }
}

/// Asks the browser not to evict our data (`navigator.storage.persist()`); false when refused.
async fn ask_for_persistent_storage() -> bool {
    let Some(promise) =
        web_sys::window().and_then(|window| window.navigator().storage().persist().ok())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

pub use omnirx_storage::{describe_read_failure, describe_storage_error};

impl Session {
    pub fn new(language: RwSignal<Language>) -> Session {
        Session {
            persistence: RwSignal::new(Persistence::NotAsked),
            unsaved: RwSignal::new(false),
            saving: RwSignal::new(false),
            unsaved_parts: StoredValue::new(EditedParts::SettingsOnly),
            data_revision: RwSignal::new(0),
            autosave_timer: StoredValue::new_local(None),
            database: RwSignal::new_local(None),
            workspace: RwSignal::new(None),
            workspace_id: RwSignal::new(None),
            workspaces: RwSignal::new(Vec::new()),
            status: RwSignal::new(StorageStatus::Opening),
            reading: RwSignal::new(None),
            notice: RwSignal::new(None),
            revision: StoredValue::new(None),
            reopened_at_full_save: StoredValue::new(0),
            changes: StoredValue::new_local(None),
            language,
            page_leaving: StoredValue::new(false),
        }
    }

    /// Shows a workspace as stored at `revision` (`None`: not stored).
    pub(super) fn show(&self, id: String, workspace: Workspace, revision: Option<u64>) {
        self.revision.set_value(revision);
        self.workspace_id.set(Some(id));
        self.workspace.set(Some(Arc::new(workspace)));
        self.data_revision.update(|revision| *revision += 1);
    }

    /// Reads a stored workspace to show it, a record per task (the page keeps drawing), with
    /// its progress in `reading`.
    pub(super) async fn read_to_show(
        &self,
        database: &Database,
        id: &str,
    ) -> Result<(Workspace, u64), StorageError> {
        let reading = self.reading;
        reading.set(Some((0, 0)));
        crate::ui::browser::mark("omnirx:workspace-read:start");
        let read = database
            .load_with_progress(id, move |done, total| reading.set(Some((done, total))))
            .await;
        // The read's time, for the bench (a measure from the mark above).
        crate::ui::browser::measure_since("omnirx:workspace-read", "omnirx:workspace-read:start");
        reading.set(None);
        read
    }

    pub(super) async fn refresh_list(&self, database: &Database) {
        if let Ok(list) = database.list().await {
            self.workspaces.set(list);
        }
    }

    /// Opens storage and the last workspace; on a first visit, creates the demo in `language`.
    pub fn start(self, language: Language) {
        // A browser with no language choice stored has never run the app (the app stores the
        // choice at once): its visit will want the demo, so the demo's module comes while
        // storage opens rather than after.
        if crate::ui::browser::stored_language().is_none() {
            prefetch_demo();
        }
        spawn_local(async move {
            let database = match Database::open().await {
                Ok(database) => database,
                Err(error) => {
                    self.status.set(match error {
                        StorageError::Blocked => StorageStatus::Blocked,
                        StorageError::Outdated => StorageStatus::Outdated,
                        _ => StorageStatus::Unavailable,
                    });
                    match demo_workspace(language, MarketRules::Standard).await {
                        Ok(demo) => self.show(DEMO_WORKSPACE_ID.into(), demo, None),
                        Err(_) => self.show_empty_for_want_of_the_demo(language),
                    }
                    return;
                }
            };
            database.when_outdated(move || self.status.set(StorageStatus::Outdated));
            self.database.set(Some(database.clone()));
            self.status.set(StorageStatus::Ready);
            self.listen_to_other_tabs();
            let last = database.last_opened().await.ok().flatten();
            let loaded = match &last {
                Some(id) => match self.read_to_show(&database, id).await {
                    Ok((workspace, revision)) => Ok((id.clone(), workspace, revision)),
                    Err(error) => Err(Some(error)),
                },
                None => Err(None),
            };
            match loaded {
                Ok((id, workspace, revision)) => self.show(id, workspace, Some(revision)),
                Err(failed) => {
                    self.show_another_or_the_demo(&database, last, failed, language)
                        .await
                }
            }
            self.refresh_list(&database).await;
        });
    }

    /// When the last workspace is gone or unreadable: the first other stored one that reads,
    /// else the demo. Whatever is stored stays as it is: a workspace that could not be read is
    /// said, and the demo goes under a new id when `demo` is taken.
    async fn show_another_or_the_demo(
        &self,
        database: &Database,
        last: Option<String>,
        failed: Option<StorageError>,
        language: Language,
    ) {
        // Read once: which workspaces to try instead, and whether `demo` is taken.
        let mut stored = None;
        if let Some(last) = &last {
            let stored = stored.insert(database.list().await.unwrap_or_default());
            if let (Some(summary), Some(error)) = (stored.iter().find(|s| &s.id == last), failed) {
                self.notice.set(Some(Notice::Unreadable {
                    name: summary.name.clone(),
                    error,
                }));
            }
            for summary in stored.iter().filter(|s| &s.id != last) {
                if let Ok((workspace, revision)) = self.read_to_show(database, &summary.id).await {
                    let _ = database.set_last_opened(&summary.id).await;
                    self.show(summary.id.clone(), workspace, Some(revision));
                    return;
                }
            }
        }
        // The demo is generated, not the user's data: show it at once (a first visit waits for
        // nothing stored) and store it behind the scenes.
        let Ok(workspace) = demo_workspace(language, MarketRules::Standard).await else {
            return self.show_empty_for_want_of_the_demo(language);
        };
        self.show(DEMO_WORKSPACE_ID.into(), workspace.clone(), None);
        let stored = match stored {
            Some(stored) => stored,
            None => database.list().await.unwrap_or_default(),
        };
        let id = if stored.iter().any(|s| s.id == DEMO_WORKSPACE_ID) {
            let id = format!("{DEMO_WORKSPACE_ID}-{}", now_ms() as u64);
            if self.workspace_id.get_untracked().as_deref() == Some(DEMO_WORKSPACE_ID) {
                self.workspace_id.set(Some(id.clone()));
            }
            id
        } else {
            DEMO_WORKSPACE_ID.to_string()
        };
        match database
            .save(&id, &workspace, now_ms(), true, Expected::Anything)
            .await
        {
            Ok(revision) => {
                // Edits made during the write are saved over this revision.
                if self.workspace_id.get_untracked().as_deref() == Some(id.as_str()) {
                    self.revision.set_value(Some(revision));
                }
                self.announce(&id);
            }
            Err(error) => self.notice.set(Some(Notice::StorageFailed(error))),
        }
    }

    /// Saves `workspace` under `id` and shows it; on failure nothing changes on screen or on disk.
    pub fn save_and_show(self, id: String, workspace: Workspace, notice: Option<Notice>) {
        // Pending edits of the workspace being left are written first.
        self.flush();
        spawn_local(async move {
            self.save_then_show(id, workspace, notice, None).await;
        });
    }

    /// [`Session::save_and_show`], then keeps `undo_note` as what undoes this change (none:
    /// a workspace replaced whole has no earlier import or merge left to undo). False when the
    /// save failed (and said so).
    pub async fn save_then_show(
        self,
        id: String,
        workspace: Workspace,
        notice: Option<Notice>,
        undo_note: Option<String>,
    ) -> bool {
        // Pending edits of the workspace being left are written first (when not already).
        self.flush();
        let mut revision = None;
        if let Some(database) = self.database.get_untracked() {
            // Replacing is what the user asked for (a reset, an import in place): whatever
            // is stored is overwritten.
            match database
                .save(&id, &workspace, now_ms(), true, Expected::Anything)
                .await
            {
                Ok(saved) => revision = Some(saved),
                Err(error) => {
                    self.notice.set(Some(Notice::StorageFailed(error)));
                    return false;
                }
            }
            // Without the note the change stands; only its undo is lost.
            let key = omnirx_core::domain::table_import::undo::undo_note_key(&id);
            let _ = database.set_note(&key, undo_note.as_deref()).await;
            self.reopened_at_full_save
                .set_value(database.times_reopened());
            self.announce(&id);
            // Writing a large workspace is when memory peaks: let the bench see it.
            crate::ui::browser::mark_wasm_memory();
            self.refresh_list(&database).await;
            self.ask_to_keep(&id).await;
        }
        self.show(id, workspace, revision);
        self.notice.set(notice);
        true
    }

    /// The first save of the user's own data is the moment to ask the browser to keep it.
    async fn ask_to_keep(&self, id: &str) {
        if id != DEMO_WORKSPACE_ID
            && id != CHINA_DEMO_WORKSPACE_ID
            && self.persistence.get_untracked() == Persistence::NotAsked
        {
            self.persistence.set(if ask_for_persistent_storage().await {
                Persistence::Granted
            } else {
                Persistence::Refused
            });
        }
    }

    /// Shows workspace `id` as the worker stored it from a file, says it was imported, and tells
    /// the other tabs. Read a record per task: the page keeps drawing.
    pub fn open_imported(self, id: String) {
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            self.announce(&id);
            self.refresh_list(&database).await;
            match self.read_to_show(&database, &id).await {
                Ok((workspace, revision)) => {
                    self.show(id.clone(), workspace, Some(revision));
                    self.notice.set(Some(Notice::Imported));
                    crate::ui::browser::mark_wasm_memory();
                    self.ask_to_keep(&id).await;
                }
                Err(error) => self.notice.set(Some(Notice::StorageFailed(error))),
            }
        });
    }

    pub fn reset_demo(self, language: Language) {
        self.make_demo_and_show(DEMO_WORKSPACE_ID, MarketRules::Standard, language);
    }

    /// Opens the "China compliance" demo, made afresh, beside the standard demo.
    pub fn open_china_demo(self, language: Language) {
        self.make_demo_and_show(CHINA_DEMO_WORKSPACE_ID, MarketRules::China, language);
    }

    fn make_demo_and_show(self, id: &'static str, market: MarketRules, language: Language) {
        spawn_local(async move {
            match demo_workspace(language, market).await {
                Ok(demo) => self.save_and_show(id.into(), demo, None),
                Err(_) => self.notice.set(Some(Notice::DemoUnavailable)),
            }
        });
    }

    /// When the demo's module cannot be fetched and there is nothing stored to show: an empty
    /// workspace (stored once edited, like any other) and the reason, so that the Data page's
    /// imports still work.
    fn show_empty_for_want_of_the_demo(&self, language: Language) {
        self.notice.set(Some(Notice::DemoUnavailable));
        self.show(
            format!("w-{}", now_ms() as u64),
            empty_workspace(language),
            None,
        );
    }

    pub fn new_empty(self, language: Language) {
        let id = format!("w-{}", now_ms() as u64);
        self.save_and_show(id, empty_workspace(language), None);
    }

    /// Shows workspace `id` as the import worker wrote it (or, when an undo deleted it, the first
    /// stored workspace), and tells the other tabs. Done when the new data is on screen, so the
    /// import says "done" only once the pages show what it stored.
    pub async fn reload_after_import(self, id: String) {
        {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            self.announce(&id);
            self.refresh_list(&database).await;
            let shown = match self.read_to_show(&database, &id).await {
                Ok((workspace, revision)) => Some((id, workspace, revision)),
                Err(_) => {
                    let first = self
                        .workspaces
                        .get_untracked()
                        .first()
                        .map(|s| s.id.clone());
                    match first {
                        Some(first) => self
                            .read_to_show(&database, &first)
                            .await
                            .ok()
                            .map(|(w, r)| (first, w, r)),
                        None => None,
                    }
                }
            };
            match shown {
                Some((id, workspace, revision)) => {
                    let _ = database.set_last_opened(&id).await;
                    self.show(id, workspace, Some(revision));
                }
                None => self.new_empty(self.language.get_untracked()),
            }
        }
    }

    pub fn open(self, id: String) {
        self.flush();
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            match self.read_to_show(&database, &id).await {
                Ok((workspace, revision)) => {
                    let _ = database.set_last_opened(&id).await;
                    self.show(id, workspace, Some(revision));
                    self.notice.set(None);
                }
                Err(error) => self.notice.set(Some(Notice::StorageFailed(error))),
            }
        });
    }

    /// Changes the open workspace at once on screen, and saves it shortly after (edits that
    /// come close together are saved together). `flush` saves without waiting.
    pub fn edit(self, change: impl FnOnce(&mut Workspace)) {
        self.edit_parts(EditedParts::Everything, change)
    }

    /// Like [`Session::edit`], for a change of funnels, segment rules or journey maps only: the
    /// data is not rewritten and analyses computed from it (the funnel index) are kept.
    pub fn edit_analyses(self, change: impl FnOnce(&mut Workspace)) {
        self.edit_parts(EditedParts::Analyses, change)
    }

    /// Like [`Session::edit`], for a change of the settings only (name, time zone, currency).
    pub fn edit_settings(self, change: impl FnOnce(&mut Workspace)) {
        self.edit_parts(EditedParts::SettingsOnly, change)
    }

    fn edit_parts(self, parts: EditedParts, change: impl FnOnce(&mut Workspace)) {
        let mut changed = false;
        self.workspace.update(|workspace| {
            if let Some(workspace) = workspace {
                change(Arc::make_mut(workspace));
                changed = true;
            }
        });
        if !changed {
            return;
        }
        let pending = if self.unsaved.get_untracked() {
            self.unsaved_parts.get_value().max(parts)
        } else {
            parts
        };
        self.unsaved_parts.set_value(pending);
        if parts == EditedParts::Everything {
            self.data_revision.update(|revision| *revision += 1);
        }
        self.unsaved.set(true);
        if let Some(timer) = self.autosave_timer.get_value() {
            timer.clear();
        }
        let timer = leptos::leptos_dom::helpers::set_timeout_with_handle(
            move || self.flush(),
            AUTOSAVE_DELAY,
        )
        .ok();
        self.autosave_timer.set_value(timer);
    }

    /// Writes pending edits now because the page is being left (reload, close, navigation).
    pub fn flush_on_leaving(self) {
        self.page_leaving.set_value(true);
        self.flush();
    }

    /// The page is shown again after `pagehide` (restored from the back-forward cache): it is
    /// not leaving any more, so its edits are again saved only over the revision it knows.
    pub fn page_shown(self) {
        self.page_leaving.set_value(false);
    }

    /// Writes pending edits now: called by the autosave timer and when the page is hidden or left.
    /// The whole write is issued before the first await, so it is in IndexedDB's hands even if
    /// the page goes away right after.
    pub fn flush(self) {
        if !self.unsaved.get_untracked() {
            return;
        }
        if let Some(timer) = self.autosave_timer.get_value() {
            timer.clear();
        }
        self.autosave_timer.set_value(None);
        let (Some(database), Some(id), Some(workspace)) = (
            self.database.get_untracked(),
            self.workspace_id.get_untracked(),
            self.workspace.get_untracked(),
        ) else {
            return;
        };
        self.unsaved.set(false);
        self.saving.set(true);
        let parts = self.unsaved_parts.get_value();
        spawn_local(async move {
            let saved = self.write_edits(&database, &id, &workspace, parts).await;
            self.saving.set(false);
            match saved {
                Ok(revision) => {
                    // Edits made while this write was under way are saved over it next.
                    if self.workspace_id.get_untracked().as_deref() == Some(id.as_str()) {
                        self.revision.set_value(Some(revision));
                    }
                    self.announce(&id);
                    self.refresh_list(&database).await;
                }
                Err(StorageError::Conflict) => {
                    self.keep_conflicting_edits_as_copy(database, id, workspace)
                        .await
                }
                Err(error) => {
                    // Keep the edits marked unsaved so the next edit or page hide tries again.
                    self.unsaved.set(true);
                    self.notice.set(Some(Notice::StorageFailed(error)));
                }
            }
        });
    }

    /// Writes the parts that edits touched, over the revision this tab knows.
    async fn write_edits(
        self,
        database: &Database,
        id: &str,
        workspace: &Workspace,
        parts: EditedParts,
    ) -> Result<u64, StorageError> {
        // A hidden page may be closing: its save must be issued at once, with no read before
        // it, or the edits would be lost. It then replaces whatever is stored (see `tabs`).
        let page_hidden = self.page_leaving.get_value()
            || web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| document.hidden());
        let expected = match self.revision.get_value() {
            Some(revision) if !page_hidden => Expected::Revision(revision),
            _ => Expected::Anything,
        };
        let trusted = self.reopened_at_full_save.get_value();
        let saved = if parts == EditedParts::Everything || database.times_reopened() != trusted {
            database.save(id, workspace, now_ms(), true, expected).await
        } else if parts == EditedParts::Analyses {
            database
                .save_analyses(id, workspace, now_ms(), expected)
                .await
        } else {
            database
                .save_settings(id, workspace, now_ms(), expected)
                .await
        };
        if database.times_reopened() == trusted {
            return saved;
        }
        // The connection was closed from outside (site data cleared) and opened again, so what
        // is stored may be gone or partial; the workspace on screen is whole: write all of it.
        let revision = database
            .save(id, workspace, now_ms(), true, Expected::Anything)
            .await?;
        self.reopened_at_full_save
            .set_value(database.times_reopened());
        Ok(revision)
    }

    /// Renames a stored workspace (the open one, or any other) without opening it.
    pub fn rename(self, id: String, new_name: String) {
        let new_name = new_name.trim().to_string();
        if new_name.is_empty() {
            return;
        }
        // Renaming the open workspace is an edit like any other: shown at once, saved shortly.
        if self.workspace_id.get_untracked().as_deref() == Some(id.as_str()) {
            self.edit_settings(|workspace| workspace.settings.name = new_name);
            return;
        }
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            let stored = database.load_with_revision(&id).await;
            let (mut workspace, revision) = match stored {
                Ok(stored) => stored,
                Err(error) => return self.notice.set(Some(Notice::StorageFailed(error))),
            };
            workspace.settings.name = new_name;
            let saved = database
                .save_settings(&id, &workspace, now_ms(), Expected::Revision(revision))
                .await;
            if let Err(error) = saved {
                return self.notice.set(Some(Notice::StorageFailed(error)));
            }
            self.announce(&id);
            self.refresh_list(&database).await;
        });
    }

    /// Stores a copy of a workspace under a new id, named "<name> (copy)", and opens it.
    pub fn duplicate(self, id: String, copy_suffix: &'static str) {
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            let mut workspace = match database.load(&id).await {
                Ok(workspace) => workspace,
                Err(error) => return self.notice.set(Some(Notice::StorageFailed(error))),
            };
            workspace.settings.name = format!("{}{copy_suffix}", workspace.settings.name);
            self.save_and_show(format!("w-{}", now_ms() as u64), workspace, None);
        });
    }

    /// Deletes a stored workspace; deleting the open one opens another (or a fresh demo).
    pub fn delete(self, id: String, language: Language) {
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            if let Err(error) = database.delete(&id).await {
                self.notice.set(Some(Notice::StorageFailed(error)));
                return;
            }
            self.announce(&id);
            self.refresh_list(&database).await;
            if self.workspace_id.get_untracked().as_deref() == Some(id.as_str()) {
                match self.workspaces.get_untracked().first() {
                    Some(next) => self.open(next.id.clone()),
                    None => self.reset_demo(language),
                }
            }
        });
    }
}
