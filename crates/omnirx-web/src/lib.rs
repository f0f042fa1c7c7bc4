//! OmniRx's web app: the Leptos UI (client-side rendered) over the core and the IndexedDB storage.
//!
//! Layers point one way: `omnirx_core` (plain Rust) ← `omnirx_storage` (IndexedDB) ← [`ui`]
//! (Leptos). The compiler holds it: the core and storage crates do not depend on this one.

pub mod ui;
