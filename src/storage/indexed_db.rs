//! The IndexedDB database: opening and upgrading it, and reading and writing whole workspaces.
//!
//! Stores: `workspaces` (id → summary JSON), `parts` ([id, part, chunk] → JSON text, see
//! `layout`), `preferences` (name → text, e.g. the last opened workspace). A save first builds
//! every record in memory, then deletes the old records and writes the new ones in one
//! read-write transaction with no await inside it: the browser commits all or nothing.

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::layout::{
    for_each_analysis_record, for_each_record, records_to_workspace, summary_of, WorkspaceSummary,
    ANALYSIS_PARTS,
};
use crate::domain::model::Workspace;

pub const DATABASE_NAME: &str = "omnirx";
/// Version 1: stores `workspaces`, `parts`, `preferences`.
pub const DATABASE_VERSION: u32 = 1;
const WORKSPACES: &str = "workspaces";
const PARTS: &str = "parts";
const PREFERENCES: &str = "preferences";
const LAST_OPENED: &str = "last_opened";

/// Why storage failed, in terms the UI can explain.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// No IndexedDB (private mode in some browsers, or disabled by policy).
    Unavailable,
    /// Another tab holds an older version of the database open.
    Blocked,
    /// The browser refused to store more.
    QuotaExceeded,
    /// The stored data could not be read back.
    Corrupt(String),
    Other(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable => write!(formatter, "IndexedDB is unavailable"),
            StorageError::Blocked => {
                write!(formatter, "the database upgrade is blocked by another tab")
            }
            StorageError::QuotaExceeded => write!(formatter, "not enough storage"),
            StorageError::Corrupt(detail) => write!(formatter, "stored data is damaged: {detail}"),
            StorageError::Other(detail) => write!(formatter, "{detail}"),
        }
    }
}

fn error_from_dom(error: Option<web_sys::DomException>) -> StorageError {
    match error {
        Some(exception) if exception.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        Some(exception) => {
            StorageError::Other(format!("{}: {}", exception.name(), exception.message()))
        }
        None => StorageError::Other("the transaction was aborted".into()),
    }
}

fn error_from_js(value: JsValue) -> StorageError {
    match value.dyn_into::<web_sys::DomException>() {
        Ok(exception) => error_from_dom(Some(exception)),
        Err(value) => {
            StorageError::Other(value.as_string().unwrap_or_else(|| format!("{value:?}")))
        }
    }
}

/// Waits for a request to succeed and returns its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, StorageError> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(error_from_js),
        Err(_) => Err(error_from_dom(request.error().ok().flatten())),
    }
}

/// Waits for a transaction to commit; an abort (quota, an error in a request) is an error.
async fn committed(transaction: &IdbTransaction) -> Result<(), StorageError> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(error_from_dom(transaction.error())),
    }
}

/// Commits a transaction whose requests are all issued, instead of waiting for the browser to
/// notice it is idle. web-sys marks `IDBTransaction.commit()` deprecated only because its IDL is
/// newer than its bindings' baseline; every browser OmniRx targets has it (Chrome 76, Firefox 74,
/// Safari 15), and where it is missing the transaction still auto-commits.
#[allow(deprecated)]
fn commit_now(transaction: &IdbTransaction) {
    let _ = transaction.commit();
}

fn workspace_key_range(id: &str) -> Result<IdbKeyRange, StorageError> {
    // Array keys sort element by element, and any array sorts after any string, so
    // [id] ≤ [id, part, chunk] < [id, []] for every part and chunk of this workspace only.
    let lower = Array::of1(&JsValue::from_str(id));
    let upper = Array::of2(&JsValue::from_str(id), &Array::new());
    IdbKeyRange::bound(&lower, &upper).map_err(error_from_js)
}

/// An open connection to the app's database.
#[derive(Clone, Debug)]
pub struct Database {
    database: IdbDatabase,
}

impl Database {
    /// Opens (and creates or upgrades) the app's database.
    pub async fn open() -> Result<Database, StorageError> {
        Database::open_named(DATABASE_NAME, DATABASE_VERSION).await
    }

    /// Opens a database by name and version; tests use other names to stay apart from the app's.
    pub async fn open_named(name: &str, version: u32) -> Result<Database, StorageError> {
        let factory = web_sys::window()
            .and_then(|window| window.indexed_db().ok().flatten())
            .ok_or(StorageError::Unavailable)?;
        let request = factory
            .open_with_u32(name, version)
            .map_err(|_| StorageError::Unavailable)?;
        let request_for_upgrade = request.clone();
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let Ok(database) = request_for_upgrade
                    .result()
                    .and_then(|result| result.dyn_into::<IdbDatabase>().map_err(Into::into))
                else {
                    return;
                };
                // Upgrade steps run in order from the version found; version 0 means a new database.
                if event.old_version() < 1.0 {
                    for store in [WORKSPACES, PARTS, PREFERENCES] {
                        let _ = database.create_object_store(store);
                    }
                }
            },
        );
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let promise = Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
            // A blocked upgrade would otherwise wait forever; tell the user instead.
            let blocked = reject.clone();
            let on_blocked = Closure::once_into_js(move || {
                let _ = blocked.call1(&JsValue::NULL, &JsValue::from_str("blocked"));
            });
            request.set_onblocked(Some(on_blocked.unchecked_ref()));
        });
        let outcome = JsFuture::from(promise).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        match outcome {
            Ok(_) => {}
            Err(value) if value.as_string().as_deref() == Some("blocked") => {
                return Err(StorageError::Blocked)
            }
            Err(_) => return Err(error_from_dom(request.error().ok().flatten())),
        }
        let database: IdbDatabase = request
            .result()
            .map_err(error_from_js)?
            .dyn_into()
            .map_err(error_from_js)?;
        // When a newer version of the app needs to upgrade, this old connection steps aside.
        let on_version_change = Closure::<dyn FnMut(JsValue)>::new({
            let database = database.clone();
            move |_| database.close()
        });
        database.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Database { database })
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StorageError> {
        let names = Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        self.database
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(error_from_js)
    }

    fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StorageError> {
        transaction.object_store(name).map_err(error_from_js)
    }

    /// The summaries of every stored workspace, by name.
    pub async fn list(&self) -> Result<Vec<WorkspaceSummary>, StorageError> {
        let transaction = self.transaction(&[WORKSPACES], IdbTransactionMode::Readonly)?;
        let values = finished(
            &Self::store(&transaction, WORKSPACES)?
                .get_all()
                .map_err(error_from_js)?,
        )
        .await?;
        let mut summaries: Vec<WorkspaceSummary> = Array::from(&values)
            .iter()
            .filter_map(|value| value.as_string())
            .filter_map(|json| serde_json::from_str(&json).ok())
            .collect();
        summaries
            .sort_by(|first, second| first.name.cmp(&second.name).then(first.id.cmp(&second.id)));
        Ok(summaries)
    }

    /// Reads a whole workspace.
    pub async fn load(&self, id: &str) -> Result<Workspace, StorageError> {
        let transaction = self.transaction(&[PARTS], IdbTransactionMode::Readonly)?;
        let parts = Self::store(&transaction, PARTS)?;
        let range = workspace_key_range(id)?;
        // Both requests are made before awaiting either, inside one transaction.
        let keys_request = parts.get_all_keys_with_key(&range).map_err(error_from_js)?;
        let values_request = parts.get_all_with_key(&range).map_err(error_from_js)?;
        let keys = Array::from(&finished(&keys_request).await?);
        let values = Array::from(&finished(&values_request).await?);
        if keys.length() == 0 {
            return Err(StorageError::Corrupt(format!("no stored workspace {id}")));
        }
        let records: Vec<(String, u32, String)> = keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| {
                let key = Array::from(&key);
                Some((
                    key.get(1).as_string()?,
                    key.get(2).as_f64()? as u32,
                    value.as_string()?,
                ))
            })
            .collect();
        records_to_workspace(records).map_err(StorageError::Corrupt)
    }

    /// Runs `write` in one read-write transaction over `stores`: every request is issued with no
    /// await in between, then the transaction is committed. If issuing fails half way the
    /// transaction is aborted, so nothing of it lands.
    async fn write_atomically(
        &self,
        stores: &[&str],
        write: impl FnOnce(&IdbTransaction) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let transaction = self.transaction(stores, IdbTransactionMode::Readwrite)?;
        if let Err(error) = write(&transaction) {
            let _ = transaction.abort();
            return Err(error);
        }
        // Every write is issued: commit now rather than when the browser notices we are idle.
        commit_now(&transaction);
        committed(&transaction).await
    }

    fn put_summary(
        transaction: &IdbTransaction,
        id: &str,
        summary: &str,
    ) -> Result<(), StorageError> {
        Self::store(transaction, WORKSPACES)?
            .put_with_key(&JsValue::from_str(summary), &JsValue::from_str(id))
            .map(drop)
            .map_err(error_from_js)
    }

    fn put_last_opened(transaction: &IdbTransaction, id: &str) -> Result<(), StorageError> {
        Self::store(transaction, PREFERENCES)?
            .put_with_key(&JsValue::from_str(id), &JsValue::from_str(LAST_OPENED))
            .map(drop)
            .map_err(error_from_js)
    }

    /// Replaces the stored workspace `id` (or creates it) in one transaction, and optionally
    /// marks it as the one to reopen next time.
    pub async fn save(
        &self,
        id: &str,
        workspace: &Workspace,
        saved_at_ms: f64,
        remember_as_last: bool,
    ) -> Result<(), StorageError> {
        let summary = serde_json::to_string(&summary_of(id, workspace, saved_at_ms))
            .expect("a summary serialises");
        self.write_atomically(&[WORKSPACES, PARTS, PREFERENCES], |transaction| {
            let parts = Self::store(transaction, PARTS)?;
            parts
                .delete(&workspace_key_range(id)?.into())
                .map_err(error_from_js)?;
            // Each chunk's text is built, handed to IndexedDB and dropped before the next one,
            // so a save holds one chunk's text at a time besides the workspace.
            for_each_record(workspace, |record| {
                let key = Array::of3(
                    &JsValue::from_str(id),
                    &JsValue::from_str(record.part),
                    &JsValue::from(record.chunk),
                );
                parts
                    .put_with_key(&JsValue::from_str(&record.json), &key)
                    .map(drop)
                    .map_err(error_from_js)
            })?;
            Self::put_summary(transaction, id, &summary)?;
            if remember_as_last {
                Self::put_last_opened(transaction, id)?;
            }
            Ok(())
        })
        .await
    }

    /// Writes only the settings record and the summary of a stored workspace: a small, fast
    /// transaction for edits such as a rename, which must land even when the page is closing.
    pub async fn save_settings(
        &self,
        id: &str,
        workspace: &Workspace,
        saved_at_ms: f64,
    ) -> Result<(), StorageError> {
        let summary = serde_json::to_string(&summary_of(id, workspace, saved_at_ms))
            .expect("a summary serialises");
        let settings = serde_json::to_string(&workspace.settings).expect("settings serialise");
        self.write_atomically(&[WORKSPACES, PARTS], |transaction| {
            let key = Array::of3(
                &JsValue::from_str(id),
                &JsValue::from_str("settings"),
                &JsValue::from(0),
            );
            Self::store(transaction, PARTS)?
                .put_with_key(&JsValue::from_str(&settings), &key)
                .map_err(error_from_js)?;
            Self::put_summary(transaction, id, &summary)
        })
        .await
    }

    /// Writes the settings, the analysis parts (funnels, rule sets, journey maps) and the summary
    /// of a stored workspace, leaving its data untouched: editing a funnel of a million-event
    /// workspace stays a small transaction.
    pub async fn save_analyses(
        &self,
        id: &str,
        workspace: &Workspace,
        saved_at_ms: f64,
    ) -> Result<(), StorageError> {
        let summary = serde_json::to_string(&summary_of(id, workspace, saved_at_ms))
            .expect("a summary serialises");
        self.write_atomically(&[WORKSPACES, PARTS], |transaction| {
            let parts = Self::store(transaction, PARTS)?;
            for part in ANALYSIS_PARTS {
                // [id, part] ≤ [id, part, chunk] < [id, part, []]: every chunk of this part.
                let lower = Array::of2(&JsValue::from_str(id), &JsValue::from_str(part));
                let upper = Array::of3(
                    &JsValue::from_str(id),
                    &JsValue::from_str(part),
                    &Array::new(),
                );
                let range = IdbKeyRange::bound(&lower, &upper).map_err(error_from_js)?;
                parts.delete(&range.into()).map_err(error_from_js)?;
            }
            for_each_analysis_record(workspace, |record| {
                let key = Array::of3(
                    &JsValue::from_str(id),
                    &JsValue::from_str(record.part),
                    &JsValue::from(record.chunk),
                );
                parts
                    .put_with_key(&JsValue::from_str(&record.json), &key)
                    .map(drop)
                    .map_err(error_from_js)
            })?;
            Self::put_summary(transaction, id, &summary)
        })
        .await
    }

    /// Deletes a workspace and everything stored for it.
    pub async fn delete(&self, id: &str) -> Result<(), StorageError> {
        self.write_atomically(&[WORKSPACES, PARTS], |transaction| {
            Self::store(transaction, PARTS)?
                .delete(&workspace_key_range(id)?.into())
                .map_err(error_from_js)?;
            Self::store(transaction, WORKSPACES)?
                .delete(&JsValue::from_str(id))
                .map(drop)
                .map_err(error_from_js)
        })
        .await
    }

    pub async fn last_opened(&self) -> Result<Option<String>, StorageError> {
        let transaction = self.transaction(&[PREFERENCES], IdbTransactionMode::Readonly)?;
        let request = Self::store(&transaction, PREFERENCES)?
            .get(&JsValue::from_str(LAST_OPENED))
            .map_err(error_from_js)?;
        Ok(finished(&request).await?.as_string())
    }

    pub async fn set_last_opened(&self, id: &str) -> Result<(), StorageError> {
        self.write_atomically(&[PREFERENCES], |transaction| {
            Self::put_last_opened(transaction, id)
        })
        .await
    }

    /// A digest of everything stored, to prove in tests that a failed action changed nothing.
    pub async fn digest(&self) -> Result<u64, StorageError> {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |text: &str| {
            for byte in text.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x100_0000_01b3);
            }
        };
        for store in [WORKSPACES, PARTS, PREFERENCES] {
            let transaction = self.transaction(&[store], IdbTransactionMode::Readonly)?;
            let object_store = Self::store(&transaction, store)?;
            let keys_request = object_store.get_all_keys().map_err(error_from_js)?;
            let values_request = object_store.get_all().map_err(error_from_js)?;
            let keys = Array::from(&finished(&keys_request).await?);
            let values = Array::from(&finished(&values_request).await?);
            feed(store);
            for (key, value) in keys.iter().zip(values.iter()) {
                feed(
                    &js_sys::JSON::stringify(&key)
                        .map(String::from)
                        .unwrap_or_default(),
                );
                feed(&value.as_string().unwrap_or_default());
            }
        }
        Ok(hash)
    }
}
