//! The app as installed: the service worker (`sw.js`, written at build time by
//! `tools/service_worker.py`), its updates, the browser's install prompt and the network's status.
//! Only events come in here; what they mean for the page is `state::installation`'s business.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the service worker's events are told to.
pub struct Callbacks {
    /// A new version is installed and waits to take over.
    pub update_waiting: Rc<dyn Fn()>,
    /// Another version took control of this page (this tab asked, or another one did).
    pub taken_over: Rc<dyn Fn()>,
}

/// Whether a service worker can run here: https, or `localhost`/`127.0.0.1` (plain http elsewhere
/// cannot have one; the app then works online only, as before).
pub fn offline_possible() -> bool {
    web_sys::window().is_some_and(|window| {
        window.is_secure_context()
            && js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false)
    })
}

fn container() -> Option<ServiceWorkerContainer> {
    offline_possible().then(|| web_sys::window().map(|w| w.navigator().service_worker()))?
}

/// Registers `sw.js` (beside `index.html`, so any sub-path works) and reports its updates.
pub fn register(callbacks: Callbacks) {
    let Some(container) = container() else {
        return;
    };
    let taken_over = callbacks.taken_over.clone();
    // On a first visit the new service worker claims the page: that is no new version.
    let mut controlled = container.controller().is_some();
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if controlled {
            taken_over();
        }
        controlled = true;
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();
    let promise = container.register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch(&registration, &container, callbacks.update_waiting);
    });
}

/// Calls `update_waiting` now if a new version already waits, and whenever one finishes
/// installing while this page is controlled by an older one.
fn watch(
    registration: &ServiceWorkerRegistration,
    container: &ServiceWorkerContainer,
    update_waiting: Rc<dyn Fn()>,
) {
    if registration.waiting().is_some() && container.controller().is_some() {
        update_waiting();
    }
    let found = registration.clone();
    let container = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = found.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container.clone();
        let update_waiting = update_waiting.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                update_waiting();
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// The app's service worker registration, if any.
async fn registration(container: &ServiceWorkerContainer) -> Option<ServiceWorkerRegistration> {
    wasm_bindgen_futures::JsFuture::from(container.get_registration())
        .await
        .ok()?
        .dyn_into::<ServiceWorkerRegistration>()
        .ok()
}

/// Asks the browser to look for a new version now (it also looks on every reload).
pub fn check_for_update() {
    let Some(container) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(registration) = registration(&container).await {
            let _ = registration.update();
        }
    });
}

/// Tells the waiting version to take over (the page reloads when it has: see
/// [`Callbacks::taken_over`]); reloads at once when none waits.
pub fn take_over() {
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    let Some(container) = container() else {
        return reload();
    };
    wasm_bindgen_futures::spawn_local(async move {
        match registration(&container).await.and_then(|r| r.waiting()) {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str("omnirx:take-over"));
            }
            None => reload(),
        }
    });
}

/// Shows the browser's install dialog for a kept `beforeinstallprompt` event.
pub fn prompt_install(event: &JsValue) {
    if let Ok(prompt) = js_sys::Reflect::get(event, &"prompt".into()) {
        if let Some(prompt) = prompt.dyn_ref::<js_sys::Function>() {
            let _ = prompt.call0(event);
        }
    }
}

/// Whether the browser believes the network is there.
pub fn online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}
