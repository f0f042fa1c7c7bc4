//! The user interface (Leptos, client-side rendered).
//!
//! [`state`] is the one place UI state lives (stores provided by context); [`components`] and
//! [`pages`] draw it; [`browser`] is the glue to browser APIs outside IndexedDB. Stores never
//! import from pages or components.

pub mod app;
pub mod browser;
pub mod components;
pub mod pages;
pub mod state;

/// Starts the app in the browser: panics go to the console, the shell mounts on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    browser::remove_boot_placeholder();
    leptos::mount::mount_to_body(app::App);
}
