//! The worker's side of the browser: posting responses and files to the page, the clock.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DedicatedWorkerGlobalScope;

use omnirx_core::domain::table_import::protocol::Response;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a response to the page as JSON text.
pub fn post(response: &Response) {
    let text = serde_json::to_string(response).expect("responses serialise");
    let _ = scope().post_message(&JsValue::from_str(&text));
}

/// Posts a file for the page to save: its name and bytes (the buffer is transferred).
pub fn post_file(name: &str, bytes: &[u8]) {
    let buffer = Uint8Array::from(bytes).buffer();
    let message = Array::of2(&JsValue::from_str(name), &buffer);
    let _ = scope().post_message_with_transfer(&message, &Array::of1(&buffer));
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
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

    fn read_at(
        &self,
        start: u64,
        out: &mut [u8],
    ) -> Result<usize, omnirx_core::domain::table_import::ReadError> {
        let unreadable =
            |error: JsValue| omnirx_core::domain::table_import::ReadError::Unreadable {
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
