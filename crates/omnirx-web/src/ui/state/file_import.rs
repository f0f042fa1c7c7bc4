//! The workspace file import's state (`.omnirx.json`, sealed or not): the worker reads, opens,
//! checks and stores the file, and this store keeps its progress and preview; the page never holds
//! the file or its workspace, so it never freezes on a big one. Where module workers are missing
//! (the worker cannot start, or dies before it is ready), the page does the same work itself.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use omnirx_core::domain::compliance::IncomingChoice;
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::sharing::envelope::{is_encrypted, open, OpenError};
use omnirx_core::domain::table_import::protocol::{Request, Response, Stage};
use omnirx_core::domain::table_import::ReadProgress;
use omnirx_core::domain::workspace_file::{
    file_preview, import_workspace, refuse_over_size_cap, workspace_to_store, FilePreview,
    ImportError, ImportOutcome,
};

use super::session::{Notice, Session};
use crate::ui::browser::worker::{ImportWorker, WorkerEvent};
use crate::ui::browser::{self, mark};

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

/// What the page holds itself when it works without the worker.
enum OnPage {
    Sealed(Arc<Vec<u8>>),
    Checked(Box<ImportOutcome>),
}

#[derive(Clone, Copy)]
pub struct FileImport {
    pub step: RwSignal<FileStep>,
    pub progress: RwSignal<Option<ReadProgress>>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    on_page: StoredValue<Option<OnPage>, LocalStorage>,
    /// The file being imported, kept until the worker is ready (to be read on the page if the
    /// worker cannot run).
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
    session: Session,
}

impl FileImport {
    pub fn new(session: Session) -> FileImport {
        FileImport {
            step: RwSignal::new(FileStep::Idle),
            progress: RwSignal::new(None),
            worker: StoredValue::new_local(None),
            on_page: StoredValue::new_local(None),
            file: StoredValue::new_local(None),
            session,
        }
    }

    /// A file the user chose: refused from its size if over the cap, else read and checked.
    pub fn choose(self, file: web_sys::File) {
        self.session.notice.set(None);
        self.stop_worker();
        self.on_page.set_value(None);
        if let Err(error) = refuse_over_size_cap(file.size() as u64) {
            return self.step.set(FileStep::Failed(FileFailure::Refused(error)));
        }
        self.progress.set(None);
        self.step.set(FileStep::Working(Stage::Reading));
        self.file.set_value(Some(file.clone()));
        match ImportWorker::start(move |event| self.on_event(event)) {
            Ok(worker) => {
                worker.send(&Request::CheckFile, Some(file));
                self.worker.set_value(Some(worker));
            }
            Err(_) => self.check_on_page(),
        }
    }

    /// Opens the sealed file with `passphrase`; the passphrase is never kept.
    pub fn unlock(self, passphrase: String) {
        self.step.set(FileStep::Locked {
            failed: None,
            opening: true,
        });
        if self.send(Request::UnlockFile {
            passphrase: passphrase.clone(),
        }) {
            return;
        }
        let Some(bytes) = self.on_page.with_value(|held| match held {
            Some(OnPage::Sealed(bytes)) => Some(Arc::clone(bytes)),
            _ => None,
        }) else {
            return;
        };
        // Deriving the key takes a moment: "Decrypting…" is drawn first.
        spawn_local(async move {
            browser::next_frame().await;
            match browser::timed("omnirx:decrypt", || open(&bytes, &passphrase)) {
                Ok(plain) => self.check_bytes_on_page(plain),
                Err(error) => self.step.set(FileStep::Locked {
                    failed: Some(error),
                    opening: false,
                }),
            }
        });
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
            workspace_id: workspace_id.clone(),
            replaced_rules,
            choice,
            saved_at_ms: js_sys::Date::now(),
        };
        if self.send(request) {
            self.progress.set(None);
            return self.step.set(FileStep::Working(Stage::Writing));
        }
        // Taken, not copied: a large workspace is held once.
        let outcome = match self.on_page.try_update_value(Option::take).flatten() {
            Some(OnPage::Checked(outcome)) => Some(outcome),
            _ => None,
        };
        self.step.set(FileStep::Idle);
        if let Some(outcome) = outcome {
            let (workspace, _) = workspace_to_store(*outcome, replaced_rules, choice);
            self.session
                .save_and_show(workspace_id, workspace, Some(Notice::Imported));
        }
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
        self.on_page.set_value(None);
        self.file.set_value(None);
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

    /// Sends a request to the running worker; false when the page works without one.
    fn send(self, request: Request) -> bool {
        self.worker.with_value(|worker| match worker {
            Some(worker) => {
                worker.send(&request, None);
                true
            }
            None => false,
        })
    }

    /// The main-thread path, for browsers without module workers: the file read and checked here.
    fn check_on_page(self) {
        self.stop_worker();
        let Some(file) = self.file.get_value() else {
            return;
        };
        spawn_local(async move {
            match browser::read_file_bytes(file).await {
                Ok(bytes) => self.check_bytes_on_page(bytes),
                Err(detail) => self.step.set(FileStep::Failed(FileFailure::Refused(
                    ImportError::Unreadable { detail },
                ))),
            }
        });
    }

    fn check_bytes_on_page(self, bytes: Vec<u8>) {
        if is_encrypted(&bytes) {
            self.on_page
                .set_value(Some(OnPage::Sealed(Arc::new(bytes))));
            return self.step.set(FileStep::Locked {
                failed: None,
                opening: false,
            });
        }
        match browser::timed("omnirx:import-parse-validate", || import_workspace(&bytes)) {
            Ok(outcome) => {
                let preview = Box::new(file_preview(&outcome));
                self.on_page
                    .set_value(Some(OnPage::Checked(Box::new(outcome))));
                self.step.set(FileStep::Preview(preview));
            }
            Err(error) => self.step.set(FileStep::Failed(FileFailure::Refused(error))),
        }
    }

    fn on_event(self, event: WorkerEvent) {
        match event {
            WorkerEvent::Response(response) => self.on_response(response),
            WorkerEvent::File { .. } => {}
            WorkerEvent::Died => {
                // A worker that dies before it is ready could not run here: the page does the work.
                let ready = self
                    .worker
                    .with_value(|w| w.as_ref().is_some_and(ImportWorker::is_ready));
                self.stop_worker();
                if !ready && self.step.get_untracked() == FileStep::Working(Stage::Reading) {
                    return self.check_on_page();
                }
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
                self.file.set_value(None);
                self.step.set(FileStep::Locked {
                    failed,
                    opening: false,
                });
            }
            Response::FileChecked { preview } => {
                self.file.set_value(None);
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
