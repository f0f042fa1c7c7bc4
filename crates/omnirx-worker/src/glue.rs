//! The worker's side of the browser: the message listener, posting responses, the clock.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use omnirx_core::domain::table_import::protocol::{Request, Response};

use crate::service;

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

/// Listens for the page's requests and says it is ready (a message posted before the listener
/// is set would be lost, so the page waits for this).
pub fn start() {
    console_error_panic_hook_free();
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        // A file comes as [request, buffer]; every other request as JSON text.
        let (text, bytes) = match data.dyn_ref::<Array>() {
            Some(parts) => (
                parts.get(0).as_string(),
                parts
                    .get(1)
                    .dyn_into::<ArrayBuffer>()
                    .ok()
                    .map(|buffer| Uint8Array::new(&buffer).to_vec()),
            ),
            None => (data.as_string(), None),
        };
        let Some(request) = text.and_then(|text| serde_json::from_str::<Request>(&text).ok())
        else {
            post(&Response::Unexpected {
                request: "a message that is not a request".into(),
            });
            return;
        };
        wasm_bindgen_futures::spawn_local(service::handle(request, bytes));
    });
    scope().set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    post(&Response::Ready);
}

/// A panic ends the worker; the page sees its `error` event and says so. Nothing else to set up.
fn console_error_panic_hook_free() {}
