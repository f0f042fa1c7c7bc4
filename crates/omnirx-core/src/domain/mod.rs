//! The domain layer: plain Rust data and computations, with no browser or UI types.
//!
//! Nothing under `src/domain` may use leptos, web-sys, wasm-bindgen, js-sys, gloo or
//! indexed_db_futures; `tests/architecture.rs` enforces it. Time and ids are passed in.

pub mod calendar;
pub mod chart;
pub mod compliance;
pub mod csv_export;
pub mod demo;
pub mod funnel;
pub mod ids;
pub mod iso_dates;
pub mod journey;
pub mod model;
pub mod performance;
pub mod planning;
pub mod segmentation;
pub mod sharing;
pub mod stats;
pub mod table_import;
pub mod time;
pub mod time_zone;
pub mod workspace_file;
