//! The workspace file import's state (`.omnirx.json`, sealed or not): the worker reads, opens,
//! checks and stores the file, and this store keeps its progress and preview; the page never holds
//! the file or its workspace, so it never freezes on a big one. Where module workers are missing,
//! the worker's module does the same work on the page's thread (`browser::worker`): this store
//! does not know the difference.

use leptos::prelude::*;

use omnirx_core::domain::compliance::IncomingChoice;
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::sharing::envelope::OpenError;
use omnirx_core::domain::table_import::protocol::{Request, Response, Stage};
use omnirx_core::domain::table_import::ReadProgress;
use omnirx_core::domain::workspace_file::{refuse_over_size_cap, FilePreview, ImportError};

use super::session::{Notice, Session};
use crate::ui::browser::mark;
use crate::ui::browser::worker::{ImportWorker, WorkerEvent};

/// Where the import of a workspace file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FileStep {
    Idle,
    /// Reading, checking ("planning") or writing: the progress and the cancel button show.
    Working(Stage),
    /// A sealed file waiting for its passphrase (with why the last try failed).
    Locked {
        failed: Option<OpenError>,
        opening: bool,
    },
    Preview(Box<FilePreview>),
    Failed(FileFailure),
}

/// Why the import stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum FileFailure {
    Refused(ImportError),
    Cancelled,
    WorkerDied,
}

#[derive(Clone, Copy)]
pub struct FileImport {
    pub step: RwSignal<FileStep>,
    pub progress: RwSignal<Option<ReadProgress>>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    session: Session,
}

impl FileImport {
    pub fn new(session: Session) -> FileImport {
        FileImport {
            step: RwSignal::new(FileStep::Idle),
            progress: RwSignal::new(None),
            worker: StoredValue::new_local(None),
            session,
        }
    }

    /// A file the user chose: refused from its size if over the cap, else read and checked.
    pub fn choose(self, file: web_sys::File) {
        self.session.notice.set(None);
        self.stop_worker();
        if let Err(error) = refuse_over_size_cap(file.size() as u64) {
            return self.step.set(FileStep::Failed(FileFailure::Refused(error)));
        }
        self.progress.set(None);
        self.step.set(FileStep::Working(Stage::Reading));
        let worker = ImportWorker::start(move |event| self.on_event(event));
        worker.send(&Request::CheckFile, Some(file));
        self.worker.set_value(Some(worker));
    }

    /// Opens the sealed file with `passphrase`; the passphrase is never kept.
    pub fn unlock(self, passphrase: String) {
        self.step.set(FileStep::Locked {
            failed: None,
            opening: true,
        });
        self.send(Request::UnlockFile { passphrase });
    }

    /// Stores the checked file as a new workspace or in place of the open one, under the market
    /// rules of the workspace it replaces (`replaced_rules`) and the user's choice.
    pub fn store(self, as_new: bool, replaced_rules: Option<MarketRules>, choice: IncomingChoice) {
        let workspace_id = match (as_new, self.session.workspace_id.get_untracked()) {
            (false, Some(current)) => current,
            _ => format!("w-{}", js_sys::Date::now() as u64),
        };
        // Pending edits of the open workspace are written first (their write is issued before
        // the worker's, so it lands first).
        self.session.flush();
        let request = Request::StoreFile {
            workspace_id,
            replaced_rules,
            choice,
            saved_at_ms: js_sys::Date::now(),
        };
        self.send(request);
        self.progress.set(None);
        self.step.set(FileStep::Working(Stage::Writing));
    }

    /// Stops whatever is under way (a write in flight is aborted by the browser, so nothing
    /// stored changes) and says so.
    pub fn cancel(self) {
        self.dismiss();
        self.step.set(FileStep::Failed(FileFailure::Cancelled));
    }

    /// Forgets the file and its preview.
    pub fn dismiss(self) {
        self.stop_worker();
        self.progress.set(None);
        self.step.set(FileStep::Idle);
    }

    fn stop_worker(self) {
        self.worker.update_value(|worker| {
            if let Some(worker) = worker.take() {
                worker.stop();
            }
        });
    }

    /// Sends a request to the running worker (none once it stopped).
    fn send(self, request: Request) {
        self.worker.with_value(|worker| {
            if let Some(worker) = worker {
                worker.send(&request, None);
            }
        });
    }

    fn on_event(self, event: WorkerEvent) {
        match event {
            WorkerEvent::Response(response) => self.on_response(response),
            WorkerEvent::File { .. } => {}
            WorkerEvent::Died => {
                self.stop_worker();
                self.step.set(FileStep::Failed(FileFailure::WorkerDied));
            }
        }
    }

    fn on_response(self, response: Response) {
        match response {
            Response::Progress { progress, stage } => {
                mark("omnirx:file-progress");
                self.progress.set(Some(progress));
                if self.step.get_untracked() != FileStep::Working(stage) {
                    self.step.set(FileStep::Working(stage));
                }
            }
            Response::FileLocked { failed } => {
                self.step.set(FileStep::Locked {
                    failed,
                    opening: false,
                });
            }
            Response::FileChecked { preview } => {
                self.step.set(FileStep::Preview(preview));
            }
            Response::FileRefused { error } => {
                self.stop_worker();
                self.step.set(FileStep::Failed(FileFailure::Refused(error)));
            }
            Response::FileStored { workspace_id, .. } => {
                // The worker's copy of the workspace goes with it before the page reads it back.
                self.stop_worker();
                self.step.set(FileStep::Idle);
                self.session.open_imported(workspace_id);
            }
            // Nothing was written: said like every failed save, the preview gone (as on the page).
            Response::FileNotStored { storage_error } => {
                self.stop_worker();
                self.step.set(FileStep::Idle);
                let error = serde_json::from_str(&storage_error)
                    .unwrap_or(omnirx_storage::StorageError::Other(storage_error));
                self.session.notice.set(Some(Notice::StorageFailed(error)));
            }
            _ => {}
        }
    }
}
