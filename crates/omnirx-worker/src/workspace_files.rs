//! Workspace files in the worker: read a `.omnirx.json` file a slice at a time, open it when
//! sealed, check it (parse → envelope → migrate → validate, the core's `import_workspace`), and
//! store it in one IndexedDB transaction. The page sees only progress and the preview; the file
//! and the workspace stay here, so the page never freezes on a big file.

use std::cell::RefCell;

use omnirx_core::domain::compliance::IncomingChoice;
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::sharing::envelope::{is_encrypted, open};
use omnirx_core::domain::table_import::protocol::{Response, Stage};
use omnirx_core::domain::table_import::undo::undo_note_key;
use omnirx_core::domain::table_import::{ReadError, ReadProgress};
use omnirx_core::domain::workspace_file::{
    file_preview, import_workspace, refuse_over_size_cap, workspace_to_store, ImportError,
    ImportOutcome,
};
use omnirx_sheets::Source;
use omnirx_storage::{Database, Expected};

use crate::glue::{now_ms, post, timed, Input};

/// What the worker holds of the workspace file between the page's requests.
enum Held {
    /// A sealed file, kept to try another passphrase.
    Sealed(Vec<u8>),
    /// A checked file, waiting for the user's confirmation.
    Checked(Box<ImportOutcome>),
}

thread_local! {
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
}

/// Drops what is held.
pub fn forget() {
    HELD.with(|held| *held.borrow_mut() = None);
}

/// Takes what is held if `pick` wants it (`Ok`); else it stays held.
fn take_held<T>(pick: impl FnOnce(Held) -> Result<T, Held>) -> Option<T> {
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        match pick(held.take()?) {
            Ok(taken) => Some(taken),
            Err(kept) => {
                *held = Some(kept);
                None
            }
        }
    })
}

/// Reads the whole file (a 1 MB slice at a time in a worker), posting progress at most every
/// 100 ms.
fn read_whole(input: Input) -> Result<Vec<u8>, ImportError> {
    refuse_over_size_cap(input.size())?;
    let mut last_post = 0.0;
    let progress = |done, total| {
        if now_ms() - last_post >= 100.0 {
            last_post = now_ms();
            post(&Response::Progress {
                progress: ReadProgress {
                    bytes_done: done,
                    bytes_total: total,
                    rows: 0,
                },
                stage: Stage::Reading,
            });
        }
    };
    input
        .into_bytes(progress)
        .map_err(|error| ImportError::Unreadable {
            detail: match error {
                ReadError::Unreadable { detail } => detail,
                other => format!("{other:?}"),
            },
        })
}

/// Parses, migrates and validates plain bytes (the core's `import_workspace`), measured as
/// `omnirx:import-parse-validate` in this thread's timeline.
fn import_measured(bytes: &[u8]) -> Result<ImportOutcome, ImportError> {
    timed("omnirx:import-parse-validate", || import_workspace(bytes))
}

/// Says which stage the work is at, for a stage with no steps to count: the page's bar moves
/// without a share.
fn post_stage(stage: Stage) {
    post(&Response::Progress {
        progress: ReadProgress::default(),
        stage,
    });
}

/// Checks plain or opened bytes, keeps the outcome and posts its preview (or the refusal).
fn check(bytes: Vec<u8>) {
    if is_encrypted(&bytes) {
        HELD.with(|held| *held.borrow_mut() = Some(Held::Sealed(bytes)));
        return post(&Response::FileLocked { failed: None });
    }
    post_stage(Stage::Planning);
    let checked = import_measured(&bytes);
    drop(bytes);
    match checked {
        Ok(outcome) => {
            let preview = Box::new(file_preview(&outcome));
            HELD.with(|held| *held.borrow_mut() = Some(Held::Checked(Box::new(outcome))));
            post(&Response::FileChecked { preview });
        }
        Err(error) => post(&Response::FileRefused { error }),
    }
}

/// `CheckFile`: the file the page handed over, read and checked.
pub fn check_file(input: Option<Input>) {
    HELD.with(|held| *held.borrow_mut() = None);
    let Some(input) = input else {
        return post(&Response::Unexpected {
            request: "check_file without a file".into(),
        });
    };
    match read_whole(input) {
        Ok(bytes) => check(bytes),
        Err(error) => post(&Response::FileRefused { error }),
    }
}

/// `CheckForMerge`: a file read and checked, its workspace handed to the page (which merges
/// it), or said to be sealed; nothing is kept here.
pub fn check_for_merge(input: Option<Input>) {
    let Some(input) = input else {
        return post(&Response::Unexpected {
            request: "check_for_merge without a file".into(),
        });
    };
    let bytes = match read_whole(input) {
        Ok(bytes) => bytes,
        Err(error) => return post(&Response::FileRefused { error }),
    };
    // The page opens a sealed file itself, with the passphrase it asks once for all the files.
    if is_encrypted(&bytes) {
        return post(&Response::FileLocked { failed: None });
    }
    match import_measured(&bytes) {
        Ok(outcome) => post(&Response::MergeFileChecked {
            workspace: serde_json::to_string(&outcome.workspace).expect("workspaces serialise"),
        }),
        Err(error) => post(&Response::FileRefused { error }),
    }
}

/// `UnlockFile`: the sealed file opened with the passphrase, then checked; a wrong passphrase
/// or a damaged file asks again.
pub fn unlock_file(passphrase: &str) {
    let sealed = take_held(|held| match held {
        Held::Sealed(bytes) => Ok(bytes),
        other => Err(other),
    });
    let Some(sealed) = sealed else {
        return post(&Response::Unexpected {
            request: "unlock_file".into(),
        });
    };
    match open(&sealed, passphrase) {
        Ok(plain) => check(plain),
        Err(error) => {
            HELD.with(|held| *held.borrow_mut() = Some(Held::Sealed(sealed)));
            post(&Response::FileLocked {
                failed: Some(error),
            });
        }
    }
}

/// `StoreFile`: the checked workspace, under its market rules, written in one transaction.
pub async fn store_file(
    workspace_id: String,
    replaced_rules: Option<MarketRules>,
    choice: IncomingChoice,
    saved_at_ms: f64,
) {
    let outcome = take_held(|held| match held {
        Held::Checked(outcome) => Ok(outcome),
        other => Err(other),
    });
    let Some(outcome) = outcome else {
        return post(&Response::Unexpected {
            request: "store_file".into(),
        });
    };
    post_stage(Stage::Writing);
    let (workspace, settled) = workspace_to_store(*outcome, replaced_rules, choice);
    let saved = match Database::open().await {
        Ok(database) => {
            let saved = database
                .save(
                    &workspace_id,
                    &workspace,
                    saved_at_ms,
                    true,
                    Expected::Anything,
                )
                .await;
            // A workspace replaced whole has no earlier import or merge left to undo.
            if saved.is_ok() {
                let _ = database.set_note(&undo_note_key(&workspace_id), None).await;
            }
            saved
        }
        Err(error) => Err(error),
    };
    match saved {
        Ok(_) => post(&Response::FileStored {
            workspace_id,
            settled,
        }),
        Err(error) => post(&Response::FileNotStored {
            storage_error: serde_json::to_string(&error).expect("storage errors serialise"),
        }),
    }
}
