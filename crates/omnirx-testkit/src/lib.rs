//! Test data shared by every way into OmniRx: `omnirx validate` (the CLI's tests), the storage
//! layer (its browser tests) and the real import in Chromium (the end-to-end tests) all read the
//! same catalogue, so each way in is held to the same list; a workspace with a saved plan made
//! by the real optimiser. With the feature `sheets`, also the generated spreadsheet and CSV files
//! of the table import.

pub mod bad_files;
pub mod plans;
#[cfg(feature = "sheets")]
pub mod sheets;
