//! The user interface (Leptos, client-side rendered): app shell, pages and browser glue.

pub mod app;
pub mod browser;
pub mod charts;
pub mod funnel_analysis;
pub mod journey_editor;
pub mod notices;
pub mod pages;
pub mod segment_analysis;
pub mod session;
pub mod shell;
pub mod state;
pub mod tabs;

/// Starts the app in the browser: panics go to the console, the shell mounts on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    browser::remove_boot_placeholder();
    leptos::mount::mount_to_body(app::App);
}
