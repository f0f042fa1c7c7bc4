//! The user interface (Leptos, client-side rendered).
//!
//! [`state`] is the one place UI state lives (stores provided by context); [`components`] and
//! [`pages`] draw it; [`browser`] is the glue to browser APIs outside IndexedDB. Stores never
//! import from pages or components.

/// A function whose code is a wasm module of its own, fetched the first time it is called, and
/// `$fetch`, which fetches that module ahead. With the `split` feature (every Trunk build) it is
/// Leptos' `wasm_split` with `fallible`: a module that cannot be fetched is an `Err`, never a
/// panic. Without it (the browser tests, whose runner loads one unsplit wasm), a plain `async fn`.
macro_rules! lazy_module {
    (
        $(#[$meta:meta])*
        $module:ident, $fetch:ident,
        fn $name:ident($($argument:ident: $type:ty),*) -> Result<$output:ty, SplitLoaderError>
        $body:block
    ) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($fetch)
        )]
        fn $name($($argument: $type),*) -> Result<$output, SplitLoaderError> $body

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        async fn $name($($argument: $type),*) -> Result<$output, SplitLoaderError> $body

        #[cfg(not(feature = "split"))]
        async fn $fetch() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

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
