//! OmniRx: a multichannel pharma sales workbench that runs entirely in the browser.
//!
//! Layers point one way: [`domain`] (plain Rust) ← storage (IndexedDB) ← [`ui`] (Leptos).
//! [`i18n`] holds the texts and formats of both UI languages and is plain Rust too.

pub mod domain;
pub mod i18n;
pub mod storage;
pub mod ui;
