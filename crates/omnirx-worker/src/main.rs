//! The import worker: a dedicated module worker that holds a table file while the user maps it,
//! plans the import, and writes the result to IndexedDB in one transaction, and does the same for
//! a workspace file (read, open when sealed, check, store), so the page never freezes on a big
//! file and never holds it. The page talks to it with the core's
//! `table_import::protocol` messages (JSON text; a file as the `File` the user chose, which the
//! worker reads a slice at a time).
//!
//! Where module workers are missing, the page loads this same module on its own thread and
//! calls [`page::serve_page`] and [`page::page_request`]: the page's copy of the app then
//! carries none of the import pipeline (it would be about 225 KB gzip of the first download).

#[cfg(target_arch = "wasm32")]
mod glue;
#[cfg(target_arch = "wasm32")]
mod service;
#[cfg(target_arch = "wasm32")]
mod workspace_files;

fn main() {
    // On a native build this binary does nothing: it only runs in a browser. Loaded by the page
    // (no worker scope), it waits to be called.
    #[cfg(target_arch = "wasm32")]
    if glue::in_worker() {
        listen::start();
    }
}

/// The module's entry points when the page loads it on its own thread.
#[cfg(target_arch = "wasm32")]
pub mod page {
    use js_sys::{Function, Uint8Array};
    use wasm_bindgen::prelude::wasm_bindgen;

    use omnirx_core::domain::table_import::protocol::{Request, Response};

    use crate::glue::{answer_the_page, post, Input};
    use crate::service;

    /// Answers go to `listener` from now on (called with what a worker would post).
    #[wasm_bindgen]
    pub fn serve_page(listener: Function) {
        answer_the_page(listener);
    }

    /// Drops whatever the module holds (a file, a checked workspace, a plan): the page stopped
    /// the work.
    #[wasm_bindgen]
    pub fn page_forget() {
        service::forget();
    }

    /// Serves one request (`text`, as a worker receives it) with the file's `bytes`, if any;
    /// the answers reach the listener. The work starts as soon as this call returns.
    #[wasm_bindgen]
    pub fn page_request(text: String, bytes: Option<Uint8Array>) {
        let Ok(request) = serde_json::from_str::<Request>(&text) else {
            return post(&Response::Unexpected {
                request: "a message that is not a request".into(),
            });
        };
        let input = bytes.map(|bytes| Input::Bytes(bytes.to_vec()));
        wasm_bindgen_futures::spawn_local(service::handle(request, input));
    }
}

/// The message listener: each request the page sends goes to [`service::handle`].
#[cfg(target_arch = "wasm32")]
mod listen {
    use js_sys::Array;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use omnirx_core::domain::table_import::protocol::{Request, Response};

    use crate::glue::{post, BlobSource, Input};
    use crate::service;

    /// Listens for the page's requests and says it is ready (a message posted before the listener
    /// is set would be lost, so the page waits for this).
    pub fn start() {
        console_error_panic_hook_free();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            // A file comes as [request, File]; every other request as JSON text.
            let (text, file) = match data.dyn_ref::<Array>() {
                Some(parts) => (
                    parts.get(0).as_string(),
                    parts.get(1).dyn_into::<web_sys::Blob>().ok(),
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
            let input = file.and_then(BlobSource::new).map(Input::Blob);
            wasm_bindgen_futures::spawn_local(service::handle(request, input));
        });
        js_sys::global()
            .unchecked_into::<DedicatedWorkerGlobalScope>()
            .set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
        post(&Response::Ready);
    }

    /// A panic ends the worker; the page sees its `error` event and says so. Nothing else to set up.
    fn console_error_panic_hook_free() {}
}
