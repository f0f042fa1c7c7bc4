//! The table import's state: which step the user is at, what the worker read and proposed, the
//! mapping as the user edits it, the plan's preview, and the actions that move between steps.
//! The worker does the work; this store only sends requests and keeps the answers.

use leptos::prelude::*;
use leptos::task::spawn_local;

use omnirx_core::domain::compliance::{IncomingChoice, Settled};
use omnirx_core::domain::table_import::mapping::SheetMapping;
use omnirx_core::domain::table_import::plan::{KindCounts, MappingError};
use omnirx_core::domain::table_import::protocol::{
    Destination, PlanView, ProposalView, Request, Response, SheetSummary, Stage, TableSheet,
};
use omnirx_core::domain::table_import::schema::{Field, SheetKind};
use omnirx_core::domain::table_import::undo::UndoProblem;
use omnirx_core::domain::table_import::{
    ReadChoices, ReadError, ReadProgress, SheetFormat, TextLayout,
};
use omnirx_core::i18n::{text, Language, Text};

use super::session::Session;
use crate::ui::browser::worker::{ImportWorker, WorkerEvent};
use crate::ui::browser::{download_bytes, download_text, today};

/// Where the user is in the import.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Idle,
    /// The worker is reading, planning or writing; the progress bar and cancel show.
    Working(Stage),
    /// The file is read: choose the sheet, then map it.
    Mapping,
    /// The plan is ready: the report and the preview, then confirm.
    Preview,
    Done {
        workspace_id: String,
        /// What the import added and updated, worded when shown.
        counts: std::collections::BTreeMap<String, KindCounts>,
        /// What the market rules made of prescriptions naming an HCP.
        settled: Settled,
    },
    Undone,
    Failed(Failure),
}

/// Why the import stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Read(ReadError),
    Storage(String),
    Undo(UndoProblem),
    Cancelled,
    WorkerDied,
}

/// What the worker read from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRead {
    pub file_name: String,
    pub format: SheetFormat,
    pub text: Option<TextLayout>,
    pub sheets: Vec<SheetSummary>,
}

#[derive(Clone, Copy)]
pub struct TableImport {
    pub step: RwSignal<Step>,
    pub progress: RwSignal<Option<ReadProgress>>,
    pub file: RwSignal<Option<FileRead>>,
    pub sheet: RwSignal<usize>,
    pub choices: RwSignal<ReadChoices>,
    pub proposal: RwSignal<Option<ProposalView>>,
    /// The mapping as the user edits it.
    pub mapping: RwSignal<SheetMapping>,
    pub mapping_error: RwSignal<Option<MappingError>>,
    pub plan: RwSignal<Option<PlanView>>,
    /// Import into the open workspace (else into a new one).
    pub into_current: RwSignal<bool>,
    /// What to do with prescriptions naming an HCP when the workspace's market rules forbid
    /// them (the preview warns and asks).
    pub prescriptions_choice: RwSignal<IncomingChoice>,
    pub save_mapping_as: RwSignal<String>,
    /// The workspace whose last import can be undone.
    pub undoable: RwSignal<Option<String>>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    /// The chosen file, kept until the worker has it (and to read it again with other choices).
    file_handle: StoredValue<Option<web_sys::File>, LocalStorage>,
    session: Session,
    language: RwSignal<Language>,
}

impl TableImport {
    pub fn new(session: Session, language: RwSignal<Language>) -> TableImport {
        TableImport {
            step: RwSignal::new(Step::Idle),
            progress: RwSignal::new(None),
            file: RwSignal::new(None),
            sheet: RwSignal::new(0),
            choices: RwSignal::new(ReadChoices::default()),
            proposal: RwSignal::new(None),
            mapping: RwSignal::new(SheetMapping::default()),
            mapping_error: RwSignal::new(None),
            plan: RwSignal::new(None),
            into_current: RwSignal::new(true),
            prescriptions_choice: RwSignal::new(IncomingChoice::default()),
            save_mapping_as: RwSignal::new(String::new()),
            undoable: RwSignal::new(None),
            worker: StoredValue::new_local(None),
            file_handle: StoredValue::new_local(None),
            session,
            language,
        }
    }

    fn chinese(self) -> bool {
        self.language.get_untracked() == Language::SimplifiedChinese
    }

    /// Sends a request to the worker, started on first use.
    fn send(self, request: Request, file: Option<web_sys::File>) {
        if self.worker.with_value(Option::is_none) {
            let worker = ImportWorker::start(move |event| self.on_event(event));
            self.worker.set_value(Some(worker));
        }
        self.worker.with_value(|worker| {
            if let Some(worker) = worker {
                worker.send(&request, file);
            }
        });
    }

    fn destination(self) -> Destination {
        match (
            self.into_current.get_untracked(),
            self.session.workspace_id.get_untracked(),
        ) {
            (true, Some(workspace_id)) => Destination::Current { workspace_id },
            _ => Destination::New {
                name: self
                    .file
                    .with_untracked(|f| f.as_ref().map(|f| f.file_name.clone()))
                    .unwrap_or_else(|| {
                        text(self.language.get_untracked(), Text::TableNewWorkspaceName).into()
                    }),
            },
        }
    }

    /// Reads a chosen file (or reads the chosen one again with other choices).
    pub fn read(self, file: Option<web_sys::File>) {
        if let Some(file) = file {
            self.file_handle.set_value(Some(file));
            self.choices.set(ReadChoices::default());
        }
        let Some(file) = self.file_handle.get_value() else {
            return;
        };
        // Edits of the open workspace are saved first: the worker reads it from storage.
        self.session.flush();
        self.proposal.set(None);
        self.plan.set(None);
        self.step.set(Step::Working(Stage::Reading));
        self.progress.set(None);
        self.send(
            Request::Read {
                file_name: file.name(),
                choices: self.choices.get_untracked(),
            },
            Some(file),
        );
    }

    /// Asks for a mapping of the chosen sheet (with a kind or header row the user chose).
    pub fn propose(self, kind: Option<SheetKind>, header_row: Option<usize>) {
        if self.step.get_untracked() != Step::Mapping {
            self.step.set(Step::Working(Stage::Reading));
        }
        self.plan.set(None);
        self.mapping_error.set(None);
        self.send(
            Request::Propose {
                sheet: self.sheet.get_untracked(),
                kind,
                header_row,
                destination: self.destination(),
            },
            None,
        );
    }

    /// Maps `column` to `field` (or unmaps the field with `None`); a column holds one field.
    pub fn map_column(self, column: usize, field: Option<Field>) {
        self.mapping.update(|mapping| {
            mapping.columns.retain(|_, c| *c != column);
            if let Some(field) = field {
                mapping.columns.insert(field, column);
            }
        });
        if let Some(field) = field {
            if matches!(
                field.field_type(),
                omnirx_core::domain::table_import::schema::FieldType::Enum(_)
            ) {
                let header_row = self.mapping.with_untracked(|m| m.header_row);
                self.send(
                    Request::Distinct {
                        sheet: self.sheet.get_untracked(),
                        header_row,
                        column,
                    },
                    None,
                );
            }
        }
        self.mapping_error.set(None);
    }

    /// Checks the data with the mapping: the worker plans and answers with the report.
    pub fn check(self) {
        self.step.set(Step::Working(Stage::Planning));
        self.progress.set(None);
        self.send(
            Request::Plan {
                sheet: self.sheet.get_untracked(),
                mapping: self.mapping.get_untracked(),
                destination: self.destination(),
                today: today(),
                chinese: self.chinese(),
            },
            None,
        );
    }

    pub fn download_problem_rows(self) {
        self.send(
            Request::ProblemRows {
                chinese: self.chinese(),
            },
            None,
        );
    }

    pub fn download_template_xlsx(self, kind: SheetKind) {
        self.send(
            Request::TemplateXlsx {
                kind,
                chinese: self.chinese(),
            },
            None,
        );
    }

    /// Typed tables as an XLSX file, written by the worker (the file comes back as a download).
    pub fn download_table_xlsx(self, file_name: String, sheets: Vec<TableSheet>) {
        self.send(Request::TableXlsx { file_name, sheets }, None);
    }

    /// Writes the planned import.
    pub fn commit(self) {
        let name = self.save_mapping_as.get_untracked();
        self.step.set(Step::Working(Stage::Writing));
        self.send(
            Request::Commit {
                save_mapping_as: (!name.trim().is_empty()).then_some(name),
                saved_at_ms: js_sys::Date::now(),
                prescriptions: self.prescriptions_choice.get_untracked(),
            },
            None,
        );
    }

    pub fn undo(self) {
        let Some(workspace_id) = self.undoable.get_untracked() else {
            return;
        };
        self.step.set(Step::Working(Stage::Writing));
        self.send(
            Request::Undo {
                workspace_id,
                saved_at_ms: js_sys::Date::now(),
            },
            None,
        );
    }

    /// Stops the worker at once (a write in flight is aborted by the browser, so nothing stored
    /// changes) and forgets the file.
    pub fn cancel(self) {
        self.worker.update_value(|worker| {
            if let Some(worker) = worker.take() {
                worker.stop();
            }
        });
        self.reset();
        self.step.set(Step::Failed(Failure::Cancelled));
    }

    /// Back to the start (the worker stays, empty-handed until the next file).
    pub fn reset(self) {
        self.file.set(None);
        self.proposal.set(None);
        self.plan.set(None);
        self.mapping_error.set(None);
        self.progress.set(None);
        self.save_mapping_as.set(String::new());
        self.file_handle.set_value(None);
        self.step.set(Step::Idle);
    }

    fn on_event(self, event: WorkerEvent) {
        match event {
            WorkerEvent::Response(response) => self.on_response(response),
            WorkerEvent::File { name, bytes } => {
                let _ = download_bytes(
                    &name,
                    &bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                );
            }
            WorkerEvent::Died => {
                self.worker.set_value(None);
                self.step.set(Step::Failed(Failure::WorkerDied));
            }
        }
    }

    fn on_response(self, response: Response) {
        match response {
            // The workspace file's answers go to its own worker (`file_import`).
            Response::Ready
            | Response::Unexpected { .. }
            | Response::FileLocked { .. }
            | Response::FileChecked { .. }
            | Response::FileRefused { .. }
            | Response::MergeFileChecked { .. }
            | Response::FileStored { .. }
            | Response::FileNotStored { .. } => {}
            Response::Progress { progress, stage } => {
                // One mark name per stage, so the bench measures the gaps within each stage.
                crate::ui::browser::mark(match stage {
                    Stage::Reading => "omnirx:table-progress-reading",
                    Stage::Planning => "omnirx:table-progress-planning",
                    Stage::Writing => "omnirx:table-progress-writing",
                });
                self.progress.set(Some(progress));
                if !matches!(self.step.get_untracked(), Step::Working(_)) {
                    self.step.set(Step::Working(stage));
                }
            }
            Response::Read {
                format,
                text,
                sheets,
            } => {
                let file_name = self
                    .file_handle
                    .with_value(|f| f.as_ref().map(|f| f.name()))
                    .unwrap_or_default();
                let first_with_rows = sheets.iter().position(|s| s.rows > 0).unwrap_or(0);
                self.file.set(Some(FileRead {
                    file_name,
                    format,
                    text,
                    sheets,
                }));
                self.sheet.set(first_with_rows);
                // The mapping step shows once its proposal is here.
                self.propose(None, None);
            }
            Response::ReadFailed { error } => self.step.set(Step::Failed(Failure::Read(error))),
            Response::Proposal { view } => {
                self.mapping.set(view.proposal.mapping.clone());
                if let Some(name) = &view.saved_mapping {
                    self.save_mapping_as.set(name.clone());
                }
                self.proposal.set(Some(*view));
                self.step.set(Step::Mapping);
            }
            Response::Distinct { column, values } => {
                self.proposal.update(|proposal| {
                    let Some(proposal) = proposal else { return };
                    let field = self.mapping.with_untracked(|m| {
                        m.columns
                            .iter()
                            .find(|(_, c)| **c == column)
                            .map(|(f, _)| *f)
                    });
                    if let Some(field) = field {
                        proposal.distinct.insert(field, values);
                    }
                });
            }
            Response::Planned { view } => {
                self.prescriptions_choice.set(IncomingChoice::default());
                self.plan.set(Some(*view));
                self.step.set(Step::Preview);
            }
            Response::MappingFailed { error } => {
                self.mapping_error.set(Some(error));
                self.step.set(Step::Mapping);
            }
            Response::ProblemRows { csv } => {
                let name = self
                    .file
                    .with_untracked(|f| f.as_ref().map(|f| f.file_name.clone()))
                    .unwrap_or_default();
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_str(), |(stem, _)| stem)
                    .to_string();
                let _ = download_text(
                    &format!("{stem}-problems.csv"),
                    &csv,
                    "text/csv;charset=utf-8",
                );
            }
            Response::Committed {
                workspace_id,
                undo_kept,
                settled,
                ..
            } => {
                let counts = self
                    .plan
                    .with_untracked(|plan| plan.as_ref().map(|plan| plan.counts.clone()))
                    .unwrap_or_default();
                // "Done" once the pages show what was stored (the step stays "writing" until then).
                spawn_local(async move {
                    self.session.reload_after_import(workspace_id.clone()).await;
                    self.undoable.set(undo_kept.then(|| workspace_id.clone()));
                    self.file.set(None);
                    self.proposal.set(None);
                    self.plan.set(None);
                    self.file_handle.set_value(None);
                    self.step.set(Step::Done {
                        workspace_id,
                        counts,
                        settled,
                    });
                });
            }
            Response::Undone { workspace_id, .. } => {
                spawn_local(async move {
                    self.session.reload_after_import(workspace_id).await;
                    self.undoable.set(None);
                    self.reset();
                    self.step.set(Step::Undone);
                });
            }
            Response::UndoFailed { problem } => self.step.set(Step::Failed(Failure::Undo(problem))),
            Response::StorageFailed { message } => {
                self.step.set(Step::Failed(Failure::Storage(message)))
            }
        }
    }
}
