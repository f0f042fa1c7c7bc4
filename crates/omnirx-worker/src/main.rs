//! The import worker: a dedicated module worker that holds a table file while the user maps it,
//! plans the import, and writes the result to IndexedDB in one transaction, and does the same for
//! a workspace file (read, open when sealed, check, store), so the page never freezes on a big
//! file and never holds it. The page talks to it with the core's
//! `table_import::protocol` messages (JSON text; a file as the `File` the user chose, which the
//! worker reads a slice at a time).

#[cfg(target_arch = "wasm32")]
mod glue;
#[cfg(target_arch = "wasm32")]
mod service;
#[cfg(target_arch = "wasm32")]
mod workspace_files;

fn main() {
    // On a native build this binary does nothing: it only runs as a browser worker.
    #[cfg(target_arch = "wasm32")]
    listen::start();
}

/// The message listener: each request the page sends goes to [`service::handle`].
#[cfg(target_arch = "wasm32")]
mod listen {
    use js_sys::Array;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use omnirx_core::domain::table_import::protocol::{Request, Response};

    use crate::glue::post;
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
            wasm_bindgen_futures::spawn_local(service::handle(request, file));
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
