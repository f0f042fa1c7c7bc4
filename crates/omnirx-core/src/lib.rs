//! OmniRx's core: everything that is plain Rust, tested and benchmarked natively.
//!
//! [`domain`] is the model, the file format and the analytics; [`i18n`] the texts and formats of
//! both UI languages; [`view`] the view models the pages draw (routes, customer lists, labels).
//! This crate depends on no browser or UI crate, and it never reads the clock: time and ids are
//! passed in. The storage, web and CLI crates build on it; it builds on none of them.

pub mod domain;
pub mod i18n;
pub mod view;
