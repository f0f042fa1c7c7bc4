//! The page's end of the import worker: starts it (a module worker, loaded only when a table is
//! first imported), sends requests (a file as the `File` the user chose, which the worker reads a
//! slice at a time: the page never reads it), passes responses on, and stops it for good when the
//! user cancels.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use omnirx_core::domain::table_import::protocol::{Request, Response};

/// What the worker says: a response, a file to save (name and bytes), or that it died.
pub enum WorkerEvent {
    Response(Response),
    File { name: String, bytes: Vec<u8> },
    Died,
}

/// A request waiting for the worker to be ready, with the file it carries.
type Pending = (String, Option<web_sys::File>);

/// The message and error listeners, kept as long as the worker runs.
type Listeners = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

/// The running import worker.
pub struct ImportWorker {
    worker: Worker,
    ready: Rc<RefCell<bool>>,
    pending: Rc<RefCell<Vec<Pending>>>,
    // Kept alive as long as the worker.
    _listeners: Listeners,
}

/// The worker's loader, next to `index.html` (Trunk does not hash worker file names), so the app
/// works at any sub-path.
const WORKER_URL: &str = "./omnirx-worker_loader.js";

impl ImportWorker {
    /// Starts the worker; `on_event` hears every response.
    pub fn start(on_event: impl Fn(WorkerEvent) + 'static) -> Result<ImportWorker, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker =
            Worker::new_with_options(WORKER_URL, &options).map_err(|error| format!("{error:?}"))?;
        let ready = Rc::new(RefCell::new(false));
        let pending: Rc<RefCell<Vec<Pending>>> = Rc::new(RefCell::new(Vec::new()));
        let on_event = Rc::new(on_event);
        let on_message = {
            let (ready, pending, worker, on_event) = (
                ready.clone(),
                pending.clone(),
                worker.clone(),
                on_event.clone(),
            );
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if let Some(parts) = data.dyn_ref::<Array>() {
                    let name = parts.get(0).as_string().unwrap_or_default();
                    let bytes = parts
                        .get(1)
                        .dyn_into::<ArrayBuffer>()
                        .map(|buffer| Uint8Array::new(&buffer).to_vec())
                        .unwrap_or_default();
                    on_event(WorkerEvent::File { name, bytes });
                    return;
                }
                let Some(response) = data
                    .as_string()
                    .and_then(|text| serde_json::from_str::<Response>(&text).ok())
                else {
                    return;
                };
                if response == Response::Ready {
                    *ready.borrow_mut() = true;
                    for (text, buffer) in pending.borrow_mut().drain(..) {
                        post(&worker, text, buffer);
                    }
                    return;
                }
                on_event(WorkerEvent::Response(response));
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |_event: ErrorEvent| {
            on_event(WorkerEvent::Died);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            ready,
            pending,
            _listeners: (on_message, on_error),
        })
    }

    /// Whether the worker has started and said it listens.
    pub fn is_ready(&self) -> bool {
        *self.ready.borrow()
    }

    /// Sends a request (with the file it reads, if any).
    pub fn send(&self, request: &Request, file: Option<web_sys::File>) {
        let text = serde_json::to_string(request).expect("requests serialise");
        if *self.ready.borrow() {
            post(&self.worker, text, file);
        } else {
            self.pending.borrow_mut().push((text, file));
        }
    }

    /// Stops the worker at once, whatever it is doing: a read is dropped, a write's transaction
    /// is aborted by the browser, so storage stays as it was.
    pub fn stop(&self) {
        self.worker.terminate();
    }
}

fn post(worker: &Worker, text: String, file: Option<web_sys::File>) {
    let _ = match file {
        // A `File` is passed by reference to its bytes on disk: nothing is copied.
        Some(file) => worker.post_message(&Array::of2(&JsValue::from_str(&text), &file)),
        None => worker.post_message(&JsValue::from_str(&text)),
    };
}
