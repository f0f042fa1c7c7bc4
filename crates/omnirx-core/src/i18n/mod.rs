//! The two UI languages (简体中文 and English): the language type, every visible text, and number/date formatting.
//!
//! This module is plain Rust so that it is tested natively; the UI layer only looks texts up.

mod format;
mod import_messages;
mod language;
pub mod phrases;
pub mod planning_messages;
pub mod sharing_messages;
pub mod table_messages;
mod texts;

pub use format::{format_date, format_integer, format_percent, format_weekday_date, CalendarDate};
pub use import_messages::{
    describe_field_problem, describe_import_error, describe_problem, describe_repair,
};
pub use language::Language;
pub use texts::{text, Text};
