//! The workspace file: a versioned JSON envelope, its deterministic export, and its import
//! (parse → check envelope and version → migrate → validate → restore), all in memory.
//!
//! Nothing here writes anywhere: the caller stores the returned workspace in one transaction,
//! so a bad file can never touch stored data.

mod checks;
mod errors;
mod export;
mod import;
mod migrate;
mod preview;
mod validate;
mod validate_journeys;
mod validate_plans;

pub use errors::{Damage, FieldProblem, ImportError, Problem, Repair, SyntaxProblem};
pub use export::{export_file_name, export_workspace};
pub use import::{
    import_workspace, import_workspace_through, refuse_over_size_cap,
    remove_identical_interactions, ImportOutcome,
};
pub use migrate::{migrate_to_current, Migration, MIGRATIONS};
pub use preview::{file_preview, workspace_to_store, FilePreview};
pub use validate::validate_workspace;

/// The `type` of every OmniRx workspace file.
pub const FILE_TYPE: &str = "omnirx-workspace";

/// The schema version this build writes. Older versions are migrated on import; newer ones
/// are refused with "made by a newer OmniRx". Version 2 added the saved plans (`plans`); version
/// 3 the records' update times (`updated_at`) and merged files (`sources`, `source`).
pub const CURRENT_VERSION: u64 = 3;

/// The largest file the import accepts: 1.5 GiB, enough for ~6,000,000 interactions (the 5,000,000
/// of the `xl` bench workspace take 1.19 GB). Past that the browser tab would run out of memory:
/// the wasm heap stops at 4 GiB, and an import peaks at about 1.6 times the file in wasm memory
/// (399 MB for the 249 MB `large` file) because it holds the text and the parsed workspace at once.
pub const MAX_FILE_BYTES: usize = 3 << 29;

/// At most this many problems are reported for one file; the rest are counted.
pub const MAX_REPORTED_PROBLEMS: usize = 200;
