//! Storage: workspaces in the browser's IndexedDB, each saved and replaced in one transaction.
//!
//! Layers point one way: storage uses the domain, the UI uses storage, never the reverse.

pub mod columns;
pub mod indexed_db;
pub mod layout;
pub mod messages;

pub use indexed_db::{Database, Expected, StorageError, DATABASE_VERSION};
pub use layout::WorkspaceSummary;
pub use messages::{describe_read_failure, describe_storage_error};
