//! The import worker: a dedicated module worker that holds a table file while the user maps it,
//! plans the import, and writes the result to IndexedDB in one transaction, so the page never
//! freezes on a big file and never holds it. The page talks to it with the core's
//! `table_import::protocol` messages (JSON text; a file's bytes as a transferred buffer).

#[cfg(target_arch = "wasm32")]
mod glue;
#[cfg(target_arch = "wasm32")]
mod service;

fn main() {
    // On a native build this binary does nothing: it only runs as a browser worker.
    #[cfg(target_arch = "wasm32")]
    glue::start();
}
