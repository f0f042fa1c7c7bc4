//! The app as installed: whether the network is there, whether a new version waits, whether the
//! browser offers to install the app, and whether to say once that offline use needs https. The
//! browser's events come through `browser::offline`; the header and the banner read these.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::browser::{self, offline};

/// The `localStorage` key that remembers the https notice was seen.
const HTTPS_NOTICE_SEEN: &str = "omnirx.https-notice-seen";

#[derive(Clone, Copy)]
pub struct Installation {
    /// The browser says the network is there.
    pub online: RwSignal<bool>,
    /// A new version is installed and waits for a reload (or took over from another tab).
    pub update_ready: RwSignal<bool>,
    /// The browser offers to install the app.
    pub can_install: RwSignal<bool>,
    /// This host cannot have a service worker (plain http): said once, until dismissed.
    pub https_needed: RwSignal<bool>,
    /// The kept `beforeinstallprompt` event.
    prompt: StoredValue<Option<wasm_bindgen::JsValue>, LocalStorage>,
    /// This tab asked the new version to take over (so it reloads when it has).
    asked_to_update: StoredValue<bool>,
}

impl Default for Installation {
    fn default() -> Installation {
        Installation {
            online: RwSignal::new(offline::online()),
            update_ready: RwSignal::new(false),
            can_install: RwSignal::new(false),
            https_needed: RwSignal::new(false),
            prompt: StoredValue::new_local(None),
            asked_to_update: StoredValue::new(false),
        }
    }
}

impl Installation {
    /// Registers the service worker and listens to the browser; call once, from the root.
    pub fn start(self) {
        if offline::offline_possible() {
            offline::register(offline::Callbacks {
                update_waiting: Rc::new(move || self.update_ready.set(true)),
                taken_over: Rc::new(move || {
                    if self.asked_to_update.get_value() {
                        let _ = window().location().reload();
                    } else {
                        // Another tab updated: this page's code is the old one.
                        self.update_ready.set(true);
                    }
                }),
            });
        } else if browser::stored_text(HTTPS_NOTICE_SEEN).is_none() {
            self.https_needed.set(true);
        }
        // The listeners stay for the page's life (a dropped handle does not remove them).
        let listen = |name: &'static str, online: bool| {
            let _ = window_event_listener_untyped(name, move |_| {
                self.online.set(online);
                if online {
                    offline::check_for_update();
                }
            });
        };
        listen("online", true);
        listen("offline", false);
        let _ = window_event_listener_untyped("beforeinstallprompt", move |event| {
            // Kept for the header's button instead of the browser's own banner.
            event.prevent_default();
            self.prompt.set_value(Some(event.unchecked_into()));
            self.can_install.set(true);
        });
        let _ = window_event_listener_untyped("appinstalled", move |_| {
            self.prompt.set_value(None);
            self.can_install.set(false);
        });
    }

    /// Reloads into the waiting version.
    pub fn update(self) {
        self.asked_to_update.set_value(true);
        offline::take_over();
    }

    /// Shows the browser's install dialog (once: the browser gives one prompt per event).
    pub fn install(self) {
        if let Some(event) = self.prompt.get_value() {
            offline::prompt_install(&event);
        }
        self.prompt.set_value(None);
        self.can_install.set(false);
    }

    pub fn dismiss_https_notice(self) {
        browser::store_text(HTTPS_NOTICE_SEEN, "1");
        self.https_needed.set(false);
    }
}
