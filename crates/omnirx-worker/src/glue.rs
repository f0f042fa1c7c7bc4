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
