//! Reads CSV/TXT, XLSX, XLS and ODS files from bytes into the core's [`Table`]s, with caps that
//! keep a hostile file (a zip bomb, a sparse sheet, a huge CSV) from exhausting memory.
//!
//! The format is decided by the bytes, never by the file name ([`sniff`]): a `.csv` that is really
//! a zip is read as a workbook, and a `.xlsx` that is really a PNG is refused as a PNG. The name
//! only names the table of a CSV file.
//!
//! * **CSV** ([`text`]): the encoding is detected (byte-order mark, then valid UTF-8, else
//!   GB18030) unless the user chose one; the delimiter too (`,` `;` tab `|`). The text is decoded
//!   as a stream, so a 120 MB file is never held twice. Every cell is text: values are parsed
//!   later, by the mapping layer, and formulas are never evaluated.
//! * **Workbooks** ([`workbook`]): calamine's format readers, after the zip's central directory
//!   has been checked against the inflation caps ([`zip_guard`]). Formulas arrive as their cached
//!   values, dates as Excel serials, merged ranges as the table's `merged`.
//!
//! Every failure is a [`ReadError`]; no input makes this crate panic.

mod progress;
pub mod sniff;
pub mod source;
pub mod text;
pub mod workbook;
pub mod write;
pub mod xls_guard;
pub mod zip_guard;

pub use omnirx_core::domain::table_import::{
    Cell, Limits, ReadChoices, ReadError, ReadProgress, SheetFormat, Table, TextEncoding,
    TextLayout, Workbook, DELIMITERS,
};
pub use progress::{PROGRESS_EVERY_BYTES, PROGRESS_EVERY_ROWS};
pub use sniff::{sniff, Content};
pub use source::{FileSource, Source};
pub use text::{detect_delimiter, detect_encoding};
pub use write::write_csv_utf8_bom;
#[cfg(feature = "write")]
pub use write::{write_xlsx, write_xlsx_tables};

/// Reads a file's bytes into tables: one per worksheet, or one for a CSV file.
///
/// `file_name` only names the table of a CSV file (its stem); the format comes from the bytes.
/// `progress` is called about every [`PROGRESS_EVERY_ROWS`] rows or [`PROGRESS_EVERY_BYTES`]
/// bytes, and once at the end; when it returns `false` the reading stops with
/// [`ReadError::Cancelled`]. A file over `limits.max_file_bytes` is refused before any work.
pub fn read_workbook(
    file_name: &str,
    bytes: &[u8],
    choices: &ReadChoices,
    limits: &Limits,
    progress: &mut dyn FnMut(ReadProgress) -> bool,
) -> Result<Workbook, ReadError> {
    read_source(file_name, &bytes, choices, limits, progress)
}

/// [`read_workbook`] from a [`Source`]: a CSV file is read a chunk at a time and never held
/// whole; a workbook is read whole first.
pub fn read_source(
    file_name: &str,
    source: &dyn Source,
    choices: &ReadChoices,
    limits: &Limits,
    progress: &mut dyn FnMut(ReadProgress) -> bool,
) -> Result<Workbook, ReadError> {
    let size = source.size();
    if size > limits.max_file_bytes {
        return Err(ReadError::FileTooLarge {
            bytes: size,
            limit: limits.max_file_bytes,
        });
    }
    let mut progress = progress::Progress::new(progress, size);
    // Signatures, and whether the start reads as text, are in the first bytes; a zip or OLE
    // file is looked into whole.
    let head = source::read_range(source, 0, HEAD)?;
    let whole;
    let bytes = if sniff::is_container(&head) {
        whole = source::read_range(source, 0, size as usize)?;
        &whole[..]
    } else {
        &head[..]
    };
    let forced_text = matches!(
        choices.encoding,
        Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be)
    );
    let content = sniff::content(bytes);
    // A file without a byte-order mark that the user says is UTF-16 holds NUL bytes.
    if matches!(content, Content::Sheet(SheetFormat::Csv))
        || (matches!(content, Content::Binary) && forced_text)
    {
        return text::read_csv(
            table_name(file_name),
            source,
            &head,
            choices,
            limits,
            &mut progress,
        );
    }
    match content {
        Content::Sheet(SheetFormat::Ods) => workbook::read_ods(bytes, limits, &mut progress),
        Content::Sheet(SheetFormat::Xlsx) if !sniff::is_ole(bytes) => {
            workbook::read_xlsx(bytes, limits, &mut progress)
        }
        Content::Sheet(_) => workbook::read_ole(bytes, limits, &mut progress),
        Content::Known(what) => Err(ReadError::NotASpreadsheet {
            looks_like: Some(what.to_string()),
        }),
        Content::Binary => Err(ReadError::NotASpreadsheet { looks_like: None }),
    }
}

/// The bytes the format is told from, unless the file is a zip or OLE container; a CSV file's
/// encoding and delimiter are found in the same bytes.
const HEAD: usize = text::HEAD;

/// The table name of a CSV file: its name without folders and extension.
fn table_name(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    };
    if stem.is_empty() {
        "Sheet1"
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::table_name;

    #[test]
    fn a_csv_table_is_named_after_the_file_stem() {
        assert_eq!(table_name("C:\\data\\拜访记录.csv"), "拜访记录");
        assert_eq!(table_name("exports/sales.2025.txt"), "sales.2025");
        assert_eq!(table_name(".csv"), ".csv");
        assert_eq!(table_name(""), "Sheet1");
    }
}
