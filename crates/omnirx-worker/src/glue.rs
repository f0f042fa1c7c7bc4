//! The worker's side of the browser: posting responses and files to the page, the clock, and
//! where a file's bytes come from. The same code runs on the page where module workers are
//! missing (`main.rs`, `serve_page`): its answers then go to the page's listener instead of
//! `postMessage`, and its files come as bytes the page read.

use std::cell::RefCell;

use js_sys::{Array, Function, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DedicatedWorkerGlobalScope;

use omnirx_core::domain::table_import::protocol::Response;
use omnirx_core::domain::table_import::ReadError;

thread_local! {
    /// The page's listener, when this module runs on the page rather than in a worker.
    static PAGE_LISTENER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Whether this module runs in a dedicated worker (else it was loaded by the page).
pub fn in_worker() -> bool {
    js_sys::global().has_type::<DedicatedWorkerGlobalScope>()
}

/// From now on, answers go to `listener` (called with what a worker would post).
pub fn answer_the_page(listener: Function) {
    PAGE_LISTENER.with(|page| *page.borrow_mut() = Some(listener));
}

/// Hands a message to the page: through the page's listener, or posted from the worker.
fn deliver(message: &JsValue, transfer: Option<&Array>) {
    let listener = PAGE_LISTENER.with(|page| page.borrow().clone());
    if let Some(listener) = listener {
        let _ = listener.call1(&JsValue::NULL, message);
        return;
    }
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = match transfer {
        Some(transfer) => scope.post_message_with_transfer(message, transfer),
        None => scope.post_message(message),
    };
}

/// Posts a response to the page as JSON text.
pub fn post(response: &Response) {
    let text = serde_json::to_string(response).expect("responses serialise");
    deliver(&JsValue::from_str(&text), None);
}

/// Posts a file for the page to save: its name and bytes (the buffer is transferred).
pub fn post_file(name: &str, bytes: &[u8]) {
    let buffer = Uint8Array::from(bytes).buffer();
    let message = Array::of2(&JsValue::from_str(name), &buffer);
    deliver(&message, Some(&Array::of1(&buffer)));
}

/// Runs `work` between two performance marks, so that its duration is a measure named `name` in
/// this thread's timeline (the page's when this module runs on the page, where `./x bench` and
/// the tests read it), as the page's own `browser::timed` does.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance: Option<web_sys::Performance> =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .map(JsCast::unchecked_into);
    let start_mark = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start_mark);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start_mark);
    }
    result
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A file the page sent: the `File` itself in a worker, read a slice at a time; its bytes on the
/// page, which has no `FileReaderSync`.
pub enum Input {
    Blob(BlobSource),
    Bytes(Vec<u8>),
}

impl Input {
    /// The whole file (the bytes as they are, or read a 1 MB slice at a time with `progress`
    /// after each slice).
    pub fn into_bytes(self, mut progress: impl FnMut(u64, u64)) -> Result<Vec<u8>, ReadError> {
        use omnirx_sheets::Source;
        let source = match self {
            Input::Bytes(bytes) => return Ok(bytes),
            Input::Blob(source) => source,
        };
        let total = source.size();
        let mut bytes = vec![0u8; total as usize];
        let mut done = 0usize;
        while done < bytes.len() {
            let end = (done + (1 << 20)).min(bytes.len());
            let read = source.read_at(done as u64, &mut bytes[done..end])?;
            if read == 0 {
                return Err(ReadError::Unreadable {
                    detail: "the file ended early".into(),
                });
            }
            done += read;
            progress(done as u64, total);
        }
        Ok(bytes)
    }
}

impl omnirx_sheets::Source for Input {
    fn size(&self) -> u64 {
        match self {
            Input::Blob(source) => source.size(),
            Input::Bytes(bytes) => bytes.len() as u64,
        }
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError> {
        match self {
            Input::Blob(source) => source.read_at(start, out),
            Input::Bytes(bytes) => bytes.as_slice().read_at(start, out),
        }
    }
}

/// A file the page sent (a `File`, which is a `Blob`), read a slice at a time with
/// `FileReaderSync`: the worker never holds a CSV file whole, and the page never reads it.
pub struct BlobSource {
    blob: web_sys::Blob,
    reader: web_sys::FileReaderSync,
}

impl BlobSource {
    pub fn new(blob: web_sys::Blob) -> Option<BlobSource> {
        Some(BlobSource {
            blob,
            reader: web_sys::FileReaderSync::new().ok()?,
        })
    }
}

impl omnirx_sheets::Source for BlobSource {
    fn size(&self) -> u64 {
        self.blob.size() as u64
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError> {
        let unreadable = |error: JsValue| ReadError::Unreadable {
            detail: error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.name()))
                .or_else(|| error.as_string())
                .unwrap_or_else(|| "error".into()),
        };
        let end = (start + out.len() as u64).min(self.size());
        if start >= end {
            return Ok(0);
        }
        let slice = self
            .blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(unreadable)?;
        let buffer = self
            .reader
            .read_as_array_buffer(&slice)
            .map_err(unreadable)?;
        let bytes = Uint8Array::new(&buffer);
        let count = bytes.length() as usize;
        bytes.copy_to(&mut out[..count]);
        Ok(count)
    }
}
