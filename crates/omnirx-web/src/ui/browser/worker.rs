//! The page's end of the import worker: starts it (a module worker, loaded only when a file is
//! first imported), sends requests (a file as the `File` the user chose, which the worker reads a
//! slice at a time: the page never reads it), passes responses on, and stops it for good when the
//! user cancels.
//!
//! Where module workers are missing (no `Worker` at all, or a worker that fails before it says it
//! is ready, as in a browser that cannot load a module worker), the same module is loaded on the
//! page's own thread and served the same requests, one at a time, with the file's bytes. The page
//! waits while it works, but the import works, and the page's own wasm carries none of the import
//! pipeline: it is only in the worker's module. That module is one per page: what it holds and
//! whom it answers are those of the last request, so two imports at once (a table and a
//! workspace file) are not served on the page, where each would have had a worker of its own.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::task::{Poll, Waker};

use js_sys::{Array, ArrayBuffer, Function, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use omnirx_core::domain::table_import::protocol::{Request, Response};

/// What the worker says: a response, a file to save (name and bytes), or that it died.
pub enum WorkerEvent {
    Response(Response),
    File { name: String, bytes: Vec<u8> },
    Died,
}

/// A request waiting to go out, with the file it carries.
type Pending = (String, Option<web_sys::File>);

/// The message and error listeners of the worker thread, kept as long as the worker.
type Listeners = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

/// What the module on the page calls with each answer.
type PageListener = Closure<dyn FnMut(JsValue)>;

/// The worker's loader, next to `index.html` (Trunk does not hash worker file names), so the app
/// works at any sub-path.
const WORKER_URL: &str = "./omnirx-worker_loader.js";
/// The worker's own module, loaded by the page where module workers are missing.
const MODULE_URL: &str = "./omnirx-worker.js";

#[wasm_bindgen(inline_js = "export function import_module(path) { \
    return import(new URL(path, document.baseURI).href); }")]
extern "C" {
    /// `import()` of a module next to `index.html`: a promise of its namespace.
    fn import_module(path: &str) -> js_sys::Promise;
}

/// What the page and the worker (or the module on the page) share.
struct Shared {
    on_event: Box<dyn Fn(WorkerEvent)>,
    /// The worker thread, while there is one.
    thread: RefCell<Option<Worker>>,
    /// The worker thread has said it listens.
    ready: Cell<bool>,
    /// Requests waiting for the thread to be ready, or for the module on the page.
    queue: RefCell<VecDeque<Pending>>,
    /// The module on the page is being handed the queue.
    draining: Cell<bool>,
    stopped: Cell<bool>,
    /// The listener the module on the page answers, kept while it serves this worker: set when
    /// the work moved to the page's thread.
    page_listener: RefCell<Option<PageListener>>,
}

/// The running import worker.
pub struct ImportWorker {
    shared: Rc<Shared>,
    // Kept alive as long as the worker.
    _listeners: Option<Listeners>,
}

impl ImportWorker {
    /// Starts the worker (or its module on the page where module workers are missing);
    /// `on_event` hears every response.
    pub fn start(on_event: impl Fn(WorkerEvent) + 'static) -> ImportWorker {
        let shared = Rc::new(Shared {
            on_event: Box::new(on_event),
            thread: RefCell::new(None),
            ready: Cell::new(false),
            queue: RefCell::new(VecDeque::new()),
            draining: Cell::new(false),
            stopped: Cell::new(false),
            page_listener: RefCell::new(None),
        });
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let Ok(worker) = Worker::new_with_options(WORKER_URL, &options) else {
            shared.move_to_page();
            return ImportWorker {
                shared,
                _listeners: None,
            };
        };
        let on_message = {
            let shared = Rc::clone(&shared);
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                shared.receive(event.data());
            })
        };
        let on_error = {
            let shared = Rc::clone(&shared);
            Closure::<dyn FnMut(ErrorEvent)>::new(move |_event: ErrorEvent| {
                shared.thread_failed();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *shared.thread.borrow_mut() = Some(worker);
        ImportWorker {
            shared,
            _listeners: Some((on_message, on_error)),
        }
    }

    /// Starts the worker, its events to be awaited one at a time with [`Answers::next`].
    pub fn start_answering() -> (ImportWorker, Answers) {
        let answers = Answers::default();
        let queue = answers.clone();
        (ImportWorker::start(move |event| queue.push(event)), answers)
    }

    /// Sends a request (with the file it reads, if any).
    pub fn send(&self, request: &Request, file: Option<web_sys::File>) {
        let text = serde_json::to_string(request).expect("requests serialise");
        self.shared.queue.borrow_mut().push_back((text, file));
        if self.shared.on_page() {
            Rc::clone(&self.shared).drain_on_page();
        } else if self.shared.ready.get() {
            self.shared.flush_to_thread();
        }
    }

    /// Stops the worker at once, whatever it is doing: a read is dropped, a write's transaction
    /// is aborted by the browser, so storage stays as it was. On the page, what the module holds
    /// is dropped and its later answers are not heard.
    pub fn stop(&self) {
        let shared = &self.shared;
        shared.stopped.set(true);
        shared.queue.borrow_mut().clear();
        if let Some(worker) = shared.thread.borrow_mut().take() {
            worker.terminate();
        }
        if shared.on_page() {
            if let Some(module) = PAGE_MODULE.with(|module| module.borrow().clone()) {
                let _ = module
                    .function("page_forget")
                    .and_then(|forget| forget.call0(&JsValue::NULL));
            }
        }
    }
}

impl Shared {
    /// Whether the work moved to the page's thread.
    fn on_page(&self) -> bool {
        self.page_listener.borrow().is_some()
    }

    /// A message from the worker (or the module on the page).
    fn receive(&self, data: JsValue) {
        if self.stopped.get() {
            return;
        }
        if let Some(parts) = data.dyn_ref::<Array>() {
            let name = parts.get(0).as_string().unwrap_or_default();
            let bytes = parts
                .get(1)
                .dyn_into::<ArrayBuffer>()
                .map(|buffer| Uint8Array::new(&buffer).to_vec())
                .unwrap_or_default();
            return (self.on_event)(WorkerEvent::File { name, bytes });
        }
        let Some(response) = data
            .as_string()
            .and_then(|text| serde_json::from_str::<Response>(&text).ok())
        else {
            return;
        };
        if response == Response::Ready {
            self.ready.set(true);
            return self.flush_to_thread();
        }
        (self.on_event)(WorkerEvent::Response(response));
    }

    /// The worker thread failed: before it was ready, it could not run here, and the page does
    /// the work; after, it died (out of memory…), and the page is told.
    fn thread_failed(self: &Rc<Self>) {
        if self.stopped.get() {
            return;
        }
        if let Some(worker) = self.thread.borrow_mut().take() {
            worker.terminate();
        }
        if self.ready.get() {
            self.stopped.set(true);
            return (self.on_event)(WorkerEvent::Died);
        }
        self.move_to_page();
    }

    fn flush_to_thread(&self) {
        let Some(worker) = self.thread.borrow().clone() else {
            return;
        };
        let pending: Vec<Pending> = self.queue.borrow_mut().drain(..).collect();
        for (text, file) in pending {
            let _ = match file {
                // A `File` is passed by reference to its bytes on disk: nothing is copied.
                Some(file) => worker.post_message(&Array::of2(&JsValue::from_str(&text), &file)),
                None => worker.post_message(&JsValue::from_str(&text)),
            };
        }
    }

    fn move_to_page(self: &Rc<Self>) {
        let weak: Weak<Shared> = Rc::downgrade(self);
        let listener = PageListener::new(move |data: JsValue| {
            if let Some(shared) = weak.upgrade() {
                shared.receive(data);
            }
        });
        *self.page_listener.borrow_mut() = Some(listener);
        Rc::clone(self).drain_on_page();
    }

    /// Hands the waiting requests to the module on the page, in order, each with its file's bytes.
    fn drain_on_page(self: Rc<Self>) {
        if self.draining.replace(true) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            while !self.stopped.get() {
                let Some((text, file)) = self.queue.borrow_mut().pop_front() else {
                    break;
                };
                let served = self.serve_on_page(text, file).await;
                if served.is_err() && !self.stopped.get() {
                    self.stopped.set(true);
                    (self.on_event)(WorkerEvent::Died);
                }
            }
            self.draining.set(false);
        });
    }

    async fn serve_on_page(
        &self,
        text: String,
        file: Option<web_sys::File>,
    ) -> Result<(), JsValue> {
        let module = page_module().await?;
        let bytes = match file {
            Some(file) => Some(Uint8Array::new(&JsFuture::from(file.array_buffer()).await?)),
            None => None,
        };
        if self.stopped.get() {
            return Ok(());
        }
        if let Some(listener) = self.page_listener.borrow().as_ref() {
            module
                .function("serve_page")?
                .call1(&JsValue::NULL, listener.as_ref())?;
        }
        let bytes = bytes.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        module.function("page_request")?.call2(
            &JsValue::NULL,
            &JsValue::from_str(&text),
            &bytes,
        )?;
        Ok(())
    }
}

/// The worker's module on the page: loaded and started once, then kept.
#[derive(Clone)]
struct PageModule(JsValue);

impl PageModule {
    /// One of the module's exports (an error if it has no such function).
    fn function(&self, name: &str) -> Result<Function, JsValue> {
        Reflect::get(&self.0, &JsValue::from_str(name))?.dyn_into::<Function>()
    }
}

thread_local! {
    static PAGE_MODULE: RefCell<Option<PageModule>> = const { RefCell::new(None) };
}

async fn page_module() -> Result<PageModule, JsValue> {
    if let Some(module) = PAGE_MODULE.with(|module| module.borrow().clone()) {
        return Ok(module);
    }
    let module = PageModule(JsFuture::from(import_module(MODULE_URL)).await?);
    let init = module.function("default")?.call0(&JsValue::NULL)?;
    JsFuture::from(js_sys::Promise::resolve(&init)).await?;
    PAGE_MODULE.with(|slot| *slot.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// A worker's events, awaited one at a time by a flow that asks and waits (the merge).
#[derive(Clone, Default)]
pub struct Answers(Rc<RefCell<(VecDeque<WorkerEvent>, Option<Waker>)>>);

impl Answers {
    fn push(&self, event: WorkerEvent) {
        let mut inner = self.0.borrow_mut();
        inner.0.push_back(event);
        if let Some(waker) = inner.1.take() {
            waker.wake();
        }
    }

    /// The next event, when it comes.
    pub async fn next(&self) -> WorkerEvent {
        std::future::poll_fn(|context| {
            let mut inner = self.0.borrow_mut();
            match inner.0.pop_front() {
                Some(event) => Poll::Ready(event),
                None => {
                    inner.1 = Some(context.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }
}
