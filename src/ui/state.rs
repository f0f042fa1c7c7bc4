//! The one place where UI state lives; provided to every component through context.

use leptos::prelude::*;

use super::route::Route;
use super::session::Session;
use crate::domain::calendar::CalendarDate;
use crate::i18n::{text, Language, Text};

/// The app's state. Signals are `Copy`, so the whole struct is too.
#[derive(Clone, Copy)]
pub struct AppState {
    pub language: RwSignal<Language>,
    pub route: RwSignal<Route>,
    /// Whether the collapsed (phone-width) navigation is open.
    pub navigation_open: RwSignal<bool>,
    /// The date the app was opened, read once from the browser clock.
    pub today: CalendarDate,
    /// The open workspace and storage.
    pub session: Session,
}

impl AppState {
    pub fn new(language: Language, route: Route, today: CalendarDate) -> AppState {
        AppState {
            language: RwSignal::new(language),
            route: RwSignal::new(route),
            navigation_open: RwSignal::new(false),
            today,
            session: Session::new(),
        }
    }

    /// Looks a text up in the current language; reactive when called inside a closure.
    pub fn text(&self, key: Text) -> &'static str {
        text(self.language.get(), key)
    }
}

/// The state provided by [`super::app::App`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
