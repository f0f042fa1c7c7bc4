//! What reading a table file gives and how it can fail: the types the readers (the
//! `omnirx-sheets` crate: CSV, XLSX, XLS, ODS) return, so that the core words every failure in
//! the user's language and the readers stay out of the core.

use serde::{Deserialize, Serialize};

use super::table::Table;

/// The file formats OmniRx reads tables from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    /// Delimited text: `.csv` or `.txt`.
    Csv,
    Xlsx,
    Xls,
    Ods,
}

/// The text encodings of a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK and GB18030 (GB18030 is a superset): what Chinese Excel writes with "Save as CSV".
    Gb18030,
}

impl TextEncoding {
    pub const ALL: [TextEncoding; 4] = [
        TextEncoding::Utf8,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Gb18030,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }

    pub fn parse(key: &str) -> Option<TextEncoding> {
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "gbk" | "gb2312" => Some(TextEncoding::Gb18030),
            _ => TextEncoding::ALL.into_iter().find(|e| e.key() == key),
        }
    }
}

/// The delimiters a CSV file may use.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How a CSV file was read: the encoding and delimiter found (or chosen), and whether the
/// encoding came from a byte-order mark (certain) or a guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLayout {
    pub encoding: TextEncoding,
    pub byte_order_mark: bool,
    pub delimiter: u8,
}

/// Caps that keep a hostile file from exhausting memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read at all.
    pub max_file_bytes: u64,
    /// The most a spreadsheet (a zip) may inflate to, in all.
    pub max_inflated_bytes: u64,
    /// The highest inflated ÷ compressed ratio of one zip entry over 1 MB.
    pub max_inflation_ratio: u64,
    /// Rows per sheet (Excel's own limit is 1,048,576).
    pub max_rows: usize,
    /// Columns per row.
    pub max_columns: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_inflated_bytes: 1024 * 1024 * 1024,
            max_inflation_ratio: 200,
            max_rows: 1_048_576,
            max_columns: 512,
        }
    }
}

/// What the user chose (or nothing: detect).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadChoices {
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<u8>,
}

/// A file read into tables: one per sheet (a CSV file is one sheet).
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub format: SheetFormat,
    /// For a CSV file, how its text was read.
    pub text: Option<TextLayout>,
    pub sheets: Vec<Table>,
}

/// Why a file could not be read as tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadError {
    /// Neither delimited text nor a spreadsheet; `looks_like` names what it is when known
    /// ("PNG image", "PDF document", "ZIP archive").
    NotASpreadsheet { looks_like: Option<String> },
    /// An encrypted workbook.
    PasswordProtected,
    /// A spreadsheet whose structure is broken; `detail` is the reader's words.
    Corrupt { detail: String },
    /// Bigger than the cap on files.
    FileTooLarge { bytes: u64, limit: u64 },
    /// A spreadsheet that inflates beyond the caps (a zip bomb, or simply too much).
    InflatesTooMuch { inflated: u64, limit: u64 },
    /// More rows than a sheet may have.
    TooManyRows { sheet: String, limit: usize },
    /// More columns than a row may have.
    TooManyColumns {
        sheet: String,
        row: usize,
        limit: usize,
    },
    /// Text that is not valid in the chosen encoding, at a byte offset.
    BadText { encoding: TextEncoding, byte: u64 },
    /// The file has no sheet at all.
    NoSheets,
    /// The reading was stopped by the user.
    Cancelled,
    /// The file could not be read at all (moved, deleted or changed on disk while being read);
    /// `detail` is the system's words.
    Unreadable { detail: String },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotASpreadsheet {
                looks_like: Some(what),
            } => {
                write!(f, "not a spreadsheet or CSV file (it looks like a {what})")
            }
            ReadError::NotASpreadsheet { looks_like: None } => {
                write!(f, "not a spreadsheet or CSV file")
            }
            ReadError::PasswordProtected => write!(f, "the workbook is protected by a password"),
            ReadError::Corrupt { detail } => write!(f, "the spreadsheet is damaged: {detail}"),
            ReadError::FileTooLarge { bytes, limit } => {
                write!(f, "the file has {bytes} bytes; the limit is {limit}")
            }
            ReadError::InflatesTooMuch { inflated, limit } => write!(
                f,
                "the spreadsheet would unpack to {inflated} bytes; the limit is {limit}"
            ),
            ReadError::TooManyRows { sheet, limit } => {
                write!(f, "sheet {sheet:?} has more than {limit} rows")
            }
            ReadError::TooManyColumns { sheet, row, limit } => write!(
                f,
                "sheet {sheet:?}, row {row} has more than {limit} columns"
            ),
            ReadError::BadText { encoding, byte } => {
                write!(f, "the text is not valid {} at byte {byte}", encoding.key())
            }
            ReadError::NoSheets => write!(f, "the file has no sheet"),
            ReadError::Cancelled => write!(f, "stopped"),
            ReadError::Unreadable { detail } => write!(f, "the file could not be read: {detail}"),
        }
    }
}

/// How far a reader got, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadProgress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

impl ReadProgress {
    /// The share done, from 0 to 1; none when the total is unknown (a stage without steps to
    /// count, whose bar moves without a share).
    pub fn share(&self) -> Option<f64> {
        (self.bytes_total > 0)
            .then(|| (self.bytes_done as f64 / self.bytes_total as f64).clamp(0.0, 1.0))
    }
}
