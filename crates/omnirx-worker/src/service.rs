//! The import worker's work: read a file, propose a mapping, plan, write, undo — each request
//! the page sends, in order, with the core's functions; storage through `omnirx_storage`.

use std::cell::RefCell;
use std::rc::Rc;

use omnirx_core::domain::compliance::{settle_incoming, IncomingChoice};
use omnirx_core::domain::model::{Workspace, WorkspaceSettings};
use omnirx_core::domain::table_import::mapping::{headers, SheetMapping};
use omnirx_core::domain::table_import::plan::{
    plan_import_with_progress, preview_import_with_progress, ImportContext, ImportPreview,
};
use omnirx_core::domain::table_import::protocol::{
    plan_view, proposal_view, save_mapping, sheet_summary, Destination, Request, Response, Stage,
};
use omnirx_core::domain::table_import::undo::{
    undo_note_key, undo_of, undone, ImportUndo, UndoProblem,
};
use omnirx_core::domain::table_import::{Limits, ReadProgress, Workbook};
use omnirx_core::i18n::table_messages::{problem_rows_csv, template_file_name, template_headers};
use omnirx_core::i18n::Language;
use omnirx_storage::{describe_storage_error, Database, Expected, StorageError};

use crate::glue::{now_ms, post, post_file, Input};

/// The time now, for the records an import changes.
fn now() -> omnirx_core::domain::time::Timestamp {
    omnirx_core::domain::time::Timestamp((now_ms() / 1000.0).floor() as i64)
}

/// How often progress is posted at most (the page wants one at least every 250 ms).
const PROGRESS_EVERY_MS: f64 = 100.0;

/// A plan waiting for the user's confirmation: what the page was shown, and what it takes to
/// plan the same import again, this time with the workspace after it, when the user confirms.
struct Planned {
    preview: ImportPreview,
    mapping: SheetMapping,
    sheet: usize,
    destination: Destination,
    context: ImportContext,
    /// The stored workspace's revision the plan was made from (none for a new workspace).
    revision: Option<u64>,
}

#[derive(Default)]
struct State {
    workbook: Option<Workbook>,
    /// The destination workspace as last loaded, with its revision (shared, never copied: a
    /// large workspace is held once).
    loaded: Option<(String, Rc<Workspace>, u64)>,
    planned: Option<Planned>,
    language: Option<Language>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Drops everything held between requests (on the page, where the worker is not ended).
pub fn forget() {
    STATE.with(|state| *state.borrow_mut() = State::default());
    crate::workspace_files::forget();
}

fn language(chinese: bool) -> Language {
    if chinese {
        Language::SimplifiedChinese
    } else {
        Language::English
    }
}

/// Posts progress at most every [`PROGRESS_EVERY_MS`].
fn progress_poster(stage: Stage) -> impl FnMut(ReadProgress) {
    let mut last = 0.0;
    move |progress| {
        let now = now_ms();
        if now - last >= PROGRESS_EVERY_MS {
            last = now;
            post(&Response::Progress { progress, stage });
        }
    }
}

async fn database() -> Result<Database, StorageError> {
    Database::open().await
}

fn storage_failed(error: &StorageError) {
    let language = STATE.with(|state| state.borrow().language.unwrap_or(Language::English));
    post(&Response::StorageFailed {
        message: describe_storage_error(language, error),
    });
}

/// The destination's workspace and revision: loaded from storage (kept for the next request),
/// or a new empty one.
async fn destination_workspace(
    destination: &Destination,
    chinese: bool,
) -> Result<(Rc<Workspace>, Option<u64>), StorageError> {
    match destination {
        Destination::New { name } => Ok((
            Rc::new(Workspace {
                settings: WorkspaceSettings {
                    name: name.clone(),
                    data_language: if chinese { "zh-CN" } else { "en" }.into(),
                    ..WorkspaceSettings::default()
                },
                ..Workspace::default()
            }),
            None,
        )),
        Destination::Current { workspace_id } => {
            let cached = STATE.with(|state| {
                state
                    .borrow()
                    .loaded
                    .as_ref()
                    .filter(|(id, _, _)| id == workspace_id)
                    .map(|(_, workspace, revision)| (Rc::clone(workspace), *revision))
            });
            if let Some((workspace, revision)) = cached {
                return Ok((workspace, Some(revision)));
            }
            let (workspace, revision) = database().await?.load_with_revision(workspace_id).await?;
            let workspace = Rc::new(workspace);
            STATE.with(|state| {
                state.borrow_mut().loaded =
                    Some((workspace_id.clone(), Rc::clone(&workspace), revision))
            });
            Ok((workspace, Some(revision)))
        }
    }
}

pub async fn handle(request: Request, file: Option<Input>) {
    match request {
        Request::Read { file_name, choices } => {
            let Some(source) = file else {
                return post(&Response::Unexpected {
                    request: "read without a file".into(),
                });
            };
            let mut poster = progress_poster(Stage::Reading);
            // The workbook read before, if any, is dropped first: two are never held at once.
            STATE.with(|state| state.borrow_mut().workbook = None);
            let read = omnirx_sheets::read_source(
                &file_name,
                &source,
                &choices,
                &Limits::default(),
                &mut |progress| {
                    poster(progress);
                    true
                },
            );
            match read {
                Ok(workbook) => {
                    let response = Response::Read {
                        format: workbook.format,
                        text: workbook.text,
                        sheets: workbook.sheets.iter().map(sheet_summary).collect(),
                    };
                    STATE.with(|state| {
                        let mut state = state.borrow_mut();
                        state.workbook = Some(workbook);
                        state.planned = None;
                        state.loaded = None;
                    });
                    post(&response);
                }
                Err(error) => post(&Response::ReadFailed { error }),
            }
        }
        Request::Propose {
            sheet,
            kind,
            header_row,
            destination,
        } => {
            let saved = match destination_workspace(&destination, false).await {
                Ok((workspace, _)) => workspace.table_mappings.clone(),
                Err(error) => return storage_failed(&error),
            };
            let view = STATE.with(|state| {
                let state = state.borrow();
                let table = state.workbook.as_ref()?.sheets.get(sheet)?;
                Some(proposal_view(table, kind, header_row, &saved))
            });
            match view {
                Some(view) => post(&Response::Proposal {
                    view: Box::new(view),
                }),
                None => post(&Response::Unexpected {
                    request: "propose".into(),
                }),
            }
        }
        Request::Distinct {
            sheet,
            header_row,
            column,
        } => {
            let values = STATE.with(|state| {
                let state = state.borrow();
                let table = state.workbook.as_ref()?.sheets.get(sheet)?;
                Some(omnirx_core::domain::table_import::mapping::distinct_values(
                    table,
                    header_row,
                    column,
                    omnirx_core::domain::table_import::protocol::DISTINCT_VALUES,
                ))
            });
            match values {
                Some(values) => post(&Response::Distinct { column, values }),
                None => post(&Response::Unexpected {
                    request: "distinct".into(),
                }),
            }
        }
        Request::Plan {
            sheet,
            mapping,
            destination,
            today,
            chinese,
        } => {
            STATE.with(|state| state.borrow_mut().language = Some(language(chinese)));
            // The bar shows at once, before the workspace the sheet goes into is loaded.
            let mut poster = progress_poster(Stage::Planning);
            poster(ReadProgress {
                bytes_done: 0,
                bytes_total: 1,
                rows: 0,
            });
            let (workspace, revision) = match destination_workspace(&destination, chinese).await {
                Ok(found) => found,
                Err(error) => return storage_failed(&error),
            };
            let context = ImportContext {
                today,
                chinese_names: chinese,
                now: now(),
            };
            let outcome = STATE.with(|state| {
                let state = state.borrow();
                let table = state.workbook.as_ref()?.sheets.get(sheet)?;
                let planned = preview_import_with_progress(
                    &workspace,
                    table,
                    &mapping,
                    context,
                    &mut |done, total| {
                        poster(ReadProgress {
                            bytes_done: done as u64,
                            bytes_total: total as u64,
                            rows: done as u64,
                        });
                    },
                );
                Some(planned.map(|preview| {
                    let headers = headers(table, mapping.header_row);
                    let rules = workspace.settings.market_rules;
                    (plan_view(&preview, headers, rules), preview)
                }))
            });
            match outcome {
                None => post(&Response::Unexpected {
                    request: "plan".into(),
                }),
                Some(Err(error)) => post(&Response::MappingFailed { error }),
                Some(Ok((view, preview))) => {
                    STATE.with(|state| {
                        state.borrow_mut().planned = Some(Planned {
                            preview,
                            mapping,
                            sheet,
                            destination,
                            context,
                            revision,
                        })
                    });
                    post(&Response::Planned {
                        view: Box::new(view),
                    });
                }
            }
        }
        Request::ProblemRows { chinese } => {
            let csv = STATE.with(|state| {
                let state = state.borrow();
                let planned = state.planned.as_ref()?;
                let table = state.workbook.as_ref()?.sheets.get(planned.sheet)?;
                Some(problem_rows_csv(
                    language(chinese),
                    table,
                    &planned.mapping,
                    &planned.preview.report,
                ))
            });
            match csv {
                Some(csv) => post(&Response::ProblemRows { csv }),
                None => post(&Response::Unexpected {
                    request: "problem_rows".into(),
                }),
            }
        }
        Request::Commit {
            save_mapping_as,
            saved_at_ms,
            prescriptions,
        } => commit(save_mapping_as, saved_at_ms, prescriptions).await,
        Request::Undo {
            workspace_id,
            saved_at_ms,
        } => undo(workspace_id, saved_at_ms).await,
        Request::CheckFile => crate::workspace_files::check_file(file),
        Request::CheckForMerge => crate::workspace_files::check_for_merge(file),
        Request::UnlockFile { passphrase } => crate::workspace_files::unlock_file(&passphrase),
        Request::StoreFile {
            workspace_id,
            replaced_rules,
            choice,
            saved_at_ms,
        } => {
            crate::workspace_files::store_file(workspace_id, replaced_rules, choice, saved_at_ms)
                .await
        }
        Request::TemplateXlsx { kind, chinese } => {
            let headers = template_headers(language(chinese), kind);
            let bytes = omnirx_sheets::write_xlsx(&[(kind.key(), vec![headers])]);
            post_file(&template_file_name(kind, "xlsx"), &bytes);
        }
        Request::TableXlsx { file_name, sheets } => {
            let sheets: Vec<(&str, &_)> = sheets
                .iter()
                .map(|sheet| (sheet.name.as_str(), &sheet.table))
                .collect();
            let bytes = omnirx_sheets::write_xlsx_tables(&sheets);
            post_file(&file_name, &bytes);
        }
    }
}

async fn commit(save_mapping_as: Option<String>, saved_at_ms: f64, choice: IncomingChoice) {
    let Some(planned) = STATE.with(|state| state.borrow_mut().planned.take()) else {
        return post(&Response::Unexpected {
            request: "commit".into(),
        });
    };
    let mut poster = progress_poster(Stage::Writing);
    poster(ReadProgress {
        bytes_done: 0,
        bytes_total: 1,
        rows: 0,
    });
    let (before, revision) = match destination_workspace(&planned.destination, false).await {
        Ok(found) => found,
        Err(error) => {
            STATE.with(|state| state.borrow_mut().planned = Some(planned));
            return storage_failed(&error);
        }
    };
    // The same workspace revision, table and mapping as the preview: the same plan, now with
    // the workspace after the import. (A workspace changed in between fails the save below.)
    let revision = planned.revision.or(revision);
    let planned_again = STATE.with(|state| {
        let state = state.borrow();
        let table = state.workbook.as_ref()?.sheets.get(planned.sheet)?;
        let plan = plan_import_with_progress(
            &before,
            table,
            &planned.mapping,
            // Records changed now, at the confirmation, not when the preview was made.
            ImportContext {
                now: now(),
                ..planned.context
            },
            &mut |done, total| {
                poster(ReadProgress {
                    bytes_done: done as u64,
                    bytes_total: total as u64,
                    rows: done as u64,
                });
            },
        );
        let mut workspace = plan.ok()?.workspace;
        if let Some(name) = &save_mapping_as {
            save_mapping(&mut workspace, name, table, &planned.mapping);
        }
        // Market rules that forbid HCP-level prescriptions: aggregated or left out as the user
        // chose, in memory, before the one write (docs/compliance.md).
        let rules = workspace.settings.market_rules;
        let settled = settle_incoming(&mut workspace, rules, choice);
        Some((workspace, settled))
    });
    let Some((after, settled)) = planned_again else {
        return post(&Response::Unexpected {
            request: "commit".into(),
        });
    };
    let database = match database().await {
        Ok(database) => database,
        Err(error) => {
            STATE.with(|state| state.borrow_mut().planned = Some(planned));
            return storage_failed(&error);
        }
    };
    let (id, expected, undo) = match &planned.destination {
        Destination::New { .. } => {
            let id = format!("w-{}", saved_at_ms as u64);
            let undo = ImportUndo::Created {
                workspace_id: id.clone(),
            };
            (id, Expected::Anything, undo)
        }
        Destination::Current { workspace_id } => {
            let undo = undo_of(workspace_id, &before, &after);
            let expected = revision.map_or(Expected::Anything, Expected::Revision);
            (workspace_id.clone(), expected, undo)
        }
    };
    // The workspace before is not needed any more (a failed save loads it again).
    STATE.with(|state| state.borrow_mut().loaded = None);
    drop(before);
    match database
        .save(&id, &after, saved_at_ms, true, expected)
        .await
    {
        Ok(revision) => {
            let note = serde_json::to_string(&undo).expect("undo serialises");
            // Without the note the import stands; only its undo is lost, and the page does not
            // offer it.
            let undo_kept = database
                .set_note(&undo_note_key(&id), Some(&note))
                .await
                .is_ok();
            STATE.with(|state| {
                let mut state = state.borrow_mut();
                state.loaded = Some((id.clone(), Rc::new(after), revision));
            });
            post(&Response::Committed {
                workspace_id: id,
                revision,
                undo_kept,
                settled,
            });
        }
        Err(error) => {
            // Nothing was written; the plan stays, so the user can try again.
            STATE.with(|state| state.borrow_mut().planned = Some(planned));
            storage_failed(&error);
        }
    }
}

async fn undo(workspace_id: String, saved_at_ms: f64) {
    let database = match database().await {
        Ok(database) => database,
        Err(error) => return storage_failed(&error),
    };
    let note = match database.note(&undo_note_key(&workspace_id)).await {
        Ok(Some(note)) => note,
        Ok(None) => {
            return post(&Response::UndoFailed {
                problem: UndoProblem::ChangedSince,
            })
        }
        Err(error) => return storage_failed(&error),
    };
    let Ok(undo) = serde_json::from_str::<ImportUndo>(&note) else {
        return post(&Response::UndoFailed {
            problem: UndoProblem::ChangedSince,
        });
    };
    let outcome = match &undo {
        ImportUndo::Created { workspace_id } => database.delete(workspace_id).await.map(|()| 0),
        ImportUndo::Merged { .. } => {
            let (current, revision) = match database.load_with_revision(&workspace_id).await {
                Ok(found) => found,
                Err(error) => return storage_failed(&error),
            };
            let restored = match undone(&current, &undo) {
                Ok(restored) => restored,
                Err(problem) => return post(&Response::UndoFailed { problem }),
            };
            database
                .save(
                    &workspace_id,
                    &restored,
                    saved_at_ms,
                    true,
                    Expected::Revision(revision),
                )
                .await
        }
    };
    match outcome {
        Ok(revision) => {
            let _ = database.set_note(&undo_note_key(&workspace_id), None).await;
            STATE.with(|state| state.borrow_mut().loaded = None);
            post(&Response::Undone {
                workspace_id,
                revision,
            });
        }
        Err(error) => storage_failed(&error),
    }
}
