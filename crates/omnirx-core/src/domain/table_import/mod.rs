//! Tables from CSV and spreadsheet files into a workspace: reading results, the header row,
//! mapping columns and values to the model's fields, the data-quality report, and the merge into
//! a new or the open workspace (rules in `docs/import.md`).

pub mod mapping;
pub mod plan;
pub mod protocol;
pub mod read;
pub mod report;
pub mod schema;
pub mod table;
pub mod undo;
pub mod values;

pub use read::{
    Limits, ReadChoices, ReadError, ReadProgress, SheetFormat, TextEncoding, TextLayout, Workbook,
    DELIMITERS,
};
pub use table::{table_of_texts, Cell, Row, Table, TableBuilder};
