//! The IndexedDB database: opening and upgrading it, and reading and writing whole workspaces.
//!
//! Stores: `workspaces` (id → summary JSON), `parts` ([id, part, chunk] → JSON text, see
//! `layout`), `preferences` (name → text, e.g. the last opened workspace). A save first builds
//! every record in memory, then deletes the old records and writes the new ones in one
//! read-write transaction with no await inside it: the browser commits all or nothing.
//!
//! The connection outlives faults: closed from outside (the user clears site data), it is opened
//! again once and the write retried; asked to step aside for a newer app version, it closes for
//! good and every later write fails with [`StorageError::Outdated`], so an old tab never writes
//! data in an old shape over a new one.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbCursorWithValue, IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

use crate::layout::{
    for_each_analysis_record, for_each_record, summary_of, WorkspaceAssembler, WorkspaceSummary,
    ANALYSIS_PARTS,
};
use omnirx_core::domain::model::Workspace;

pub const DATABASE_NAME: &str = "omnirx";
/// The schema version this build opens. Version 1: stores `workspaces`, `parts`, `preferences`.
/// Version 2: interactions are written by column (`crate::columns`); chunks written as lists of
/// objects by version 1 are still read, so the upgrade rewrites nothing, and a build of version 1
/// can no longer open the database and misread the new chunks.
///
/// A build can be made to stand for the next schema version with `OMNIRX_DATABASE_VERSION=3`
/// at build time (`./x test` builds `dist-next` so): the end-to-end tests update a running app to
/// it through the service worker. A release build never sets it.
pub const DATABASE_VERSION: u32 = match option_env!("OMNIRX_DATABASE_VERSION") {
    Some(text) => version_from_text(text),
    None => 2,
};

/// A version number written in decimal digits (at compile time: a bad one fails the build).
const fn version_from_text(text: &str) -> u32 {
    let bytes = text.as_bytes();
    assert!(!bytes.is_empty(), "OMNIRX_DATABASE_VERSION is empty");
    let mut version = 0u32;
    let mut index = 0;
    while index < bytes.len() {
        assert!(
            bytes[index].is_ascii_digit(),
            "OMNIRX_DATABASE_VERSION is not a number"
        );
        version = version * 10 + (bytes[index] - b'0') as u32;
        index += 1;
    }
    assert!(version >= 1, "OMNIRX_DATABASE_VERSION must be at least 1");
    version
}
const WORKSPACES: &str = "workspaces";
const PARTS: &str = "parts";
const PREFERENCES: &str = "preferences";
const LAST_OPENED: &str = "last_opened";
/// Notes live in the preferences store under keys with this prefix.
const NOTE_PREFIX: &str = "note:";

/// Why storage failed, in terms the UI can explain. It crosses from the import worker to the
/// page as JSON, so that the page words it in its language of the moment.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum StorageError {
    /// No IndexedDB (private mode in some browsers, or disabled by policy).
    Unavailable,
    /// Another tab holds an older version of the database open.
    Blocked,
    /// A newer version of the app has upgraded the database: this tab must reload.
    Outdated,
    /// Another tab saved the workspace since this tab read it; nothing was written.
    Conflict,
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
            StorageError::Outdated => {
                write!(
                    formatter,
                    "a newer OmniRx has upgraded the database; reload"
                )
            }
            StorageError::Conflict => write!(formatter, "another tab saved this workspace first"),
            StorageError::QuotaExceeded => write!(formatter, "not enough storage"),
            StorageError::Corrupt(detail) => write!(formatter, "stored data is damaged: {detail}"),
            StorageError::Other(detail) => write!(formatter, "{detail}"),
        }
    }
}

fn error_from_dom(error: Option<web_sys::DomException>) -> StorageError {
    match error {
        Some(exception) if exception.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        // A full disk, below the quota: Chromium fails to write the values' files ("Failed to
        // write blobs (IOError)"). Freeing space is the remedy for both, so both say so.
        Some(exception) if exception.message().contains("IOError") => StorageError::QuotaExceeded,
        // Opening with a lower version than the stored one: a newer app has been here.
        Some(exception) if exception.name() == "VersionError" => StorageError::Outdated,
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
    // A request that answered while another was awaited has its result already.
    if request.ready_state() == web_sys::IdbRequestReadyState::Done {
        return match request.error() {
            Ok(Some(error)) => Err(error_from_dom(Some(error))),
            _ => request.result().map_err(error_from_js),
        };
    }
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

/// A stored workspace being read through a cursor: what is assembled so far, and why it stopped.
struct CursorRead {
    assembler: WorkspaceAssembler,
    records: usize,
    /// How many records the workspace has (known once the count request has answered).
    total: Option<usize>,
    count_request: IdbRequest,
    /// The workspace's summary, answered before the first record: how many interactions to
    /// make room for at once.
    summary_request: IdbRequest,
    progress: Box<dyn FnMut(usize, usize)>,
    failure: Option<StorageError>,
}

impl CursorRead {
    /// Parses the record under the cursor into the workspace.
    fn add(&mut self, cursor: &IdbCursorWithValue) -> Result<(), ()> {
        let key = cursor.key().map(|key| Array::from(&key)).ok();
        let part = key.as_ref().and_then(|key| key.get(1).as_string());
        let json = cursor.value().ok().and_then(|value| value.as_string());
        let (Some(part), Some(json)) = (part, json) else {
            self.failure = Some(StorageError::Corrupt("a stored record is not text".into()));
            return Err(());
        };
        if self.records == 0 {
            let summary = self.summary_request.result().ok().and_then(|summary| {
                serde_json::from_str::<WorkspaceSummary>(&summary.as_string()?).ok()
            });
            // No more than the stored chunks can hold, whatever a damaged summary says.
            let records = self
                .count_request
                .result()
                .ok()
                .and_then(|count| count.as_f64());
            if let (Some(summary), Some(records)) = (summary, records) {
                self.assembler.make_room_for_interactions(
                    summary
                        .interactions
                        .min(records as usize * crate::layout::CHUNK_SIZE),
                );
            }
        }
        if let Err(detail) = self.assembler.add(&part, &json) {
            self.failure = Some(StorageError::Corrupt(format!("{part}: {detail}")));
            return Err(());
        }
        self.records += 1;
        if self.total.is_none() {
            self.total = self
                .count_request
                .result()
                .ok()
                .and_then(|count| count.as_f64())
                .map(|count| count as usize);
        }
        let total = self.total.unwrap_or(self.records).max(self.records);
        (self.progress)(self.records, total);
        Ok(())
    }
}

/// Which stored revision a write may replace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expected {
    /// Whatever is stored, or nothing: a new workspace, or an overwrite the user asked for.
    Anything,
    /// Only this revision: the one the tab read or wrote last.
    Revision(u64),
}

/// A revision no other save will have: the clock in milliseconds, with random low bits for saves
/// in the same millisecond (from several tabs).
fn unique_revision() -> u64 {
    ((js_sys::Date::now() as u64) << 12) | (js_sys::Math::random() * 4096.0) as u64
}

/// The revision in a stored summary; `None` when nothing is stored under the id.
fn revision_of(summary: &JsValue) -> Option<u64> {
    let json = summary.as_string()?;
    Some(
        serde_json::from_str::<WorkspaceSummary>(&json)
            .map(|summary| summary.revision)
            .unwrap_or(0),
    )
}

fn workspace_key_range(id: &str) -> Result<IdbKeyRange, StorageError> {
    // Array keys sort element by element, and any array sorts after any string, so
    // [id] ≤ [id, part, chunk] < [id, []] for every part and chunk of this workspace only.
    let lower = Array::of1(&JsValue::from_str(id));
    let upper = Array::of2(&JsValue::from_str(id), &Array::new());
    IdbKeyRange::bound(&lower, &upper).map_err(error_from_js)
}

/// Whether a failed `transaction()` call means the connection was closed (by the browser, e.g.
/// when the user clears site data), as opposed to a bad argument.
fn is_closed_connection(error: &JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|exception| exception.name() == "InvalidStateError")
}

/// The browser's IndexedDB, from the page's window or a worker's global scope (the import
/// worker reads and writes workspaces too).
fn indexed_db_factory() -> Option<web_sys::IdbFactory> {
    if let Some(window) = web_sys::window() {
        return window.indexed_db().ok().flatten();
    }
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    scope.indexed_db().ok().flatten()
}

/// Opens (and creates or upgrades) a database by name and version.
async fn open_connection(name: &str, version: u32) -> Result<IdbDatabase, StorageError> {
    let factory = indexed_db_factory().ok_or(StorageError::Unavailable)?;
    let request = factory
        .open_with_u32(name, version)
        .map_err(|_| StorageError::Unavailable)?;
    let request_for_upgrade = request.clone();
    let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let Ok(database) = request_for_upgrade
                .result()
                .and_then(|result| result.dyn_into::<IdbDatabase>())
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
    request
        .result()
        .map_err(error_from_js)?
        .dyn_into()
        .map_err(error_from_js)
}

/// The connection and what happened to it; shared by every clone of a [`Database`].
struct Connection {
    name: String,
    version: u32,
    database: RefCell<IdbDatabase>,
    /// How many times the connection was opened again after being closed from outside.
    reopened: Cell<u32>,
    /// Set for good when a newer version of the app upgrades the database.
    outdated: Cell<bool>,
    when_outdated: RefCell<Option<Rc<dyn Fn()>>>,
}

impl Connection {
    /// When a newer version of the app needs to upgrade, this old connection steps aside at once
    /// (so the new tab never waits) and the tab is told to stop writing and reload.
    fn step_aside_for_upgrades(connection: &Rc<Connection>) {
        let weak: Weak<Connection> = Rc::downgrade(connection);
        let database = connection.database.borrow().clone();
        let on_version_change = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            database.close();
            let Some(connection) = weak.upgrade() else {
                return;
            };
            connection.outdated.set(true);
            let listener = connection.when_outdated.borrow().clone();
            if let Some(listener) = listener {
                listener();
            }
        });
        connection
            .database
            .borrow()
            .set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        // It lives as long as the connection, which the browser holds, not Rust.
        on_version_change.forget();
    }
}

/// An open connection to the app's database.
#[derive(Clone)]
pub struct Database {
    connection: Rc<Connection>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Database")
            .field("name", &self.connection.name)
            .field("version", &self.connection.version)
            .field("reopened", &self.connection.reopened.get())
            .field("outdated", &self.connection.outdated.get())
            .finish()
    }
}

impl Database {
    /// Opens (and creates or upgrades) the app's database.
    pub async fn open() -> Result<Database, StorageError> {
        Database::open_named(DATABASE_NAME, DATABASE_VERSION).await
    }

    /// Opens a database by name and version; tests use other names to stay apart from the app's.
    pub async fn open_named(name: &str, version: u32) -> Result<Database, StorageError> {
        let database = open_connection(name, version).await?;
        let connection = Rc::new(Connection {
            name: name.to_string(),
            version,
            database: RefCell::new(database),
            reopened: Cell::new(0),
            outdated: Cell::new(false),
            when_outdated: RefCell::new(None),
        });
        Connection::step_aside_for_upgrades(&connection);
        Ok(Database { connection })
    }

    /// Calls `listener` once a newer version of the app has taken the database over.
    pub fn when_outdated(&self, listener: impl Fn() + 'static) {
        *self.connection.when_outdated.borrow_mut() = Some(Rc::new(listener));
    }

    /// Whether a newer version of the app has taken the database over.
    pub fn is_outdated(&self) -> bool {
        self.connection.outdated.get()
    }

    /// How many times the connection was opened again after being closed from outside. What is
    /// stored may then be gone (cleared site data), so the next save must write everything.
    pub fn times_reopened(&self) -> u32 {
        self.connection.reopened.get()
    }

    /// Closes the connection as the browser does when the user clears site data; for tests.
    pub fn close_as_if_from_outside(&self) {
        self.connection.database.borrow().close();
    }

    /// Starts a transaction; if the connection was closed from outside, opens it again once.
    async fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StorageError> {
        if self.connection.outdated.get() {
            return Err(StorageError::Outdated);
        }
        let names = Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        let start = || {
            self.connection
                .database
                .borrow()
                .transaction_with_str_sequence_and_mode(&names, mode)
        };
        match start() {
            Ok(transaction) => Ok(transaction),
            Err(error) if is_closed_connection(&error) => {
                let database =
                    open_connection(&self.connection.name, self.connection.version).await?;
                *self.connection.database.borrow_mut() = database;
                self.connection
                    .reopened
                    .set(self.connection.reopened.get() + 1);
                Connection::step_aside_for_upgrades(&self.connection);
                start().map_err(error_from_js)
            }
            Err(error) => Err(error_from_js(error)),
        }
    }

    fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StorageError> {
        transaction.object_store(name).map_err(error_from_js)
    }

    /// The summaries of every stored workspace, by name.
    pub async fn list(&self) -> Result<Vec<WorkspaceSummary>, StorageError> {
        let transaction = self
            .transaction(&[WORKSPACES], IdbTransactionMode::Readonly)
            .await?;
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
        Ok(self.load_with_revision(id).await?.0)
    }

    /// Reads a whole workspace and the revision it was stored as, in one transaction, so that
    /// the revision belongs to exactly these records.
    pub async fn load_with_revision(&self, id: &str) -> Result<(Workspace, u64), StorageError> {
        self.load_with_progress(id, |_, _| {}).await
    }

    /// Like [`Database::load_with_revision`], telling `progress` how many records of how many
    /// are read. The records come through a cursor, one per task, and each is parsed as it
    /// comes: a stored workspace is never held whole as text, and reading a large one never
    /// holds the thread for more than one record (5,000 interactions) at a time, so the page
    /// keeps drawing and answering while it reopens (docs/bench: the longest task on reopen).
    pub async fn load_with_progress(
        &self,
        id: &str,
        progress: impl FnMut(usize, usize) + 'static,
    ) -> Result<(Workspace, u64), StorageError> {
        let transaction = self
            .transaction(&[PARTS, WORKSPACES], IdbTransactionMode::Readonly)
            .await?;
        let parts = Self::store(&transaction, PARTS)?;
        let range = workspace_key_range(id)?;
        // Every request is made before awaiting any, inside one transaction.
        let count_request = parts
            .count_with_key(&range.clone().into())
            .map_err(error_from_js)?;
        let summary_request = Self::store(&transaction, WORKSPACES)?
            .get(&JsValue::from_str(id))
            .map_err(error_from_js)?;
        let cursor_request = parts
            .open_cursor_with_range(&range)
            .map_err(error_from_js)?;
        let reading = Rc::new(RefCell::new(CursorRead {
            assembler: WorkspaceAssembler::default(),
            records: 0,
            total: None,
            count_request: count_request.clone(),
            summary_request: summary_request.clone(),
            progress: Box::new(progress),
            failure: None,
        }));
        let mut on_success = None;
        let promise = Promise::new(&mut |resolve, reject| {
            let request = cursor_request.clone();
            let reading = Rc::clone(&reading);
            cursor_request.set_onerror(Some(&reject));
            on_success = Some(Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let cursor = request
                    .result()
                    .ok()
                    .and_then(|result| result.dyn_into::<IdbCursorWithValue>().ok());
                let Some(cursor) = cursor else {
                    let _ = resolve.call0(&JsValue::NULL);
                    return;
                };
                let added = reading.borrow_mut().add(&cursor);
                match added {
                    // Not continued: the transaction ends with the records read so far.
                    Err(()) => {
                        let _ = reject.call0(&JsValue::NULL);
                    }
                    Ok(()) => {
                        if let Err(error) = cursor.continue_() {
                            reading.borrow_mut().failure = Some(error_from_js(error));
                            let _ = reject.call0(&JsValue::NULL);
                        }
                    }
                }
            }));
            if let Some(on_success) = &on_success {
                cursor_request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
            }
        });
        let outcome = JsFuture::from(promise).await;
        cursor_request.set_onsuccess(None);
        cursor_request.set_onerror(None);
        drop(on_success);
        let revision = revision_of(&finished(&summary_request).await?).unwrap_or(0);
        let reading = Rc::try_unwrap(reading)
            .map_err(|_| StorageError::Other("the stored workspace is still being read".into()))?
            .into_inner();
        if outcome.is_err() {
            return Err(reading
                .failure
                .unwrap_or_else(|| error_from_dom(cursor_request.error().ok().flatten())));
        }
        if reading.records == 0 {
            return Err(StorageError::Corrupt(format!("no stored workspace {id}")));
        }
        let workspace = reading.assembler.finish().map_err(StorageError::Corrupt)?;
        Ok((workspace, revision))
    }

    /// Runs `write` in one read-write transaction over `stores`: every request is issued with no
    /// await in between, then the transaction is committed. If issuing fails half way the
    /// transaction is aborted, so nothing of it lands.
    async fn write_atomically(
        &self,
        stores: &[&str],
        write: impl FnOnce(&IdbTransaction) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let transaction = self
            .transaction(stores, IdbTransactionMode::Readwrite)
            .await?;
        Self::issue_and_commit(transaction, write).await
    }

    async fn issue_and_commit(
        transaction: IdbTransaction,
        write: impl FnOnce(&IdbTransaction) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        if let Err(error) = write(&transaction) {
            let _ = transaction.abort();
            return Err(error);
        }
        // Every write is issued: commit now rather than when the browser notices we are idle.
        commit_now(&transaction);
        committed(&transaction).await
    }

    /// Like `write_atomically`, for a write of workspace `id` that must not overwrite a save it
    /// has not seen. With [`Expected::Revision`], it reads the stored revision first, in the same
    /// transaction, and aborts with [`StorageError::Conflict`] if it is another one (awaiting an
    /// IndexedDB request keeps the transaction alive). With [`Expected::Anything`] nothing is read,
    /// so the writes are issued at once and reach IndexedDB even when the page is closing. `write`
    /// gets the new revision, which is unique rather than counted, so it needs no read.
    async fn write_revision(
        &self,
        stores: &[&str],
        id: &str,
        expected: Expected,
        write: impl FnOnce(&IdbTransaction, u64) -> Result<(), StorageError>,
    ) -> Result<u64, StorageError> {
        let transaction = self
            .transaction(stores, IdbTransactionMode::Readwrite)
            .await?;
        if let Expected::Revision(expected) = expected {
            let request = Self::store(&transaction, WORKSPACES)?
                .get(&JsValue::from_str(id))
                .map_err(error_from_js)?;
            if revision_of(&finished(&request).await?) != Some(expected) {
                let _ = transaction.abort();
                return Err(StorageError::Conflict);
            }
        }
        let revision = unique_revision();
        Self::issue_and_commit(transaction, |transaction| write(transaction, revision)).await?;
        Ok(revision)
    }

    fn put_summary(
        transaction: &IdbTransaction,
        summary: &WorkspaceSummary,
    ) -> Result<(), StorageError> {
        let json = serde_json::to_string(summary).expect("a summary serialises");
        Self::store(transaction, WORKSPACES)?
            .put_with_key(&JsValue::from_str(&json), &JsValue::from_str(&summary.id))
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
    /// marks it as the one to reopen next time. Returns the revision it was stored as.
    pub async fn save(
        &self,
        id: &str,
        workspace: &Workspace,
        saved_at_ms: f64,
        remember_as_last: bool,
        expected: Expected,
    ) -> Result<u64, StorageError> {
        let stores = [WORKSPACES, PARTS, PREFERENCES];
        self.write_revision(&stores, id, expected, |transaction, revision| {
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
            Self::put_summary(
                transaction,
                &summary_of(id, workspace, saved_at_ms, revision),
            )?;
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
        expected: Expected,
    ) -> Result<u64, StorageError> {
        let settings = serde_json::to_string(&workspace.settings).expect("settings serialise");
        let stores = [WORKSPACES, PARTS];
        self.write_revision(&stores, id, expected, |transaction, revision| {
            let key = Array::of3(
                &JsValue::from_str(id),
                &JsValue::from_str("settings"),
                &JsValue::from(0),
            );
            Self::store(transaction, PARTS)?
                .put_with_key(&JsValue::from_str(&settings), &key)
                .map_err(error_from_js)?;
            Self::put_summary(
                transaction,
                &summary_of(id, workspace, saved_at_ms, revision),
            )
        })
        .await
    }

    /// Writes the settings, the analysis parts (funnels, rule sets, journey maps, table mappings,
    /// saved plans) and the summary of a stored workspace, leaving its data untouched: editing a
    /// funnel or saving a plan of a million-event workspace stays a small transaction.
    pub async fn save_analyses(
        &self,
        id: &str,
        workspace: &Workspace,
        saved_at_ms: f64,
        expected: Expected,
    ) -> Result<u64, StorageError> {
        let stores = [WORKSPACES, PARTS];
        self.write_revision(&stores, id, expected, |transaction, revision| {
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
            Self::put_summary(
                transaction,
                &summary_of(id, workspace, saved_at_ms, revision),
            )
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
        let transaction = self
            .transaction(&[PREFERENCES], IdbTransactionMode::Readonly)
            .await?;
        let request = Self::store(&transaction, PREFERENCES)?
            .get(&JsValue::from_str(LAST_OPENED))
            .map_err(error_from_js)?;
        Ok(finished(&request).await?.as_string())
    }

    /// A note kept beside the workspaces (such as what undoes the last import), by key.
    pub async fn note(&self, key: &str) -> Result<Option<String>, StorageError> {
        let transaction = self
            .transaction(&[PREFERENCES], IdbTransactionMode::Readonly)
            .await?;
        let request = Self::store(&transaction, PREFERENCES)?
            .get(&JsValue::from_str(&format!("{NOTE_PREFIX}{key}")))
            .map_err(error_from_js)?;
        Ok(finished(&request).await?.as_string())
    }

    /// Keeps a note (replacing the one under the same key), or removes it with `None`.
    pub async fn set_note(&self, key: &str, text: Option<&str>) -> Result<(), StorageError> {
        let key = JsValue::from_str(&format!("{NOTE_PREFIX}{key}"));
        self.write_atomically(&[PREFERENCES], |transaction| {
            let store = Self::store(transaction, PREFERENCES)?;
            match text {
                Some(text) => store.put_with_key(&JsValue::from_str(text), &key),
                None => store.delete(&key),
            }
            .map(drop)
            .map_err(error_from_js)
        })
        .await
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
            let transaction = self
                .transaction(&[store], IdbTransactionMode::Readonly)
                .await?;
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
