//! A CSV writer for list exports: RFC 4180 text that spreadsheets open safely and correctly.
//!
//! The rules, in the order they are applied to each field:
//!
//! 1. **Typed cells.** Numbers are [`CsvCell::Integer`] or [`CsvCell::Decimal`] so that they
//!    reach the spreadsheet as numbers; only [`CsvCell::Text`] is ever guarded or quoted, which is
//!    why a negative number is written as `-5` and never as the text `'-5`.
//! 2. **Formula guard** (OWASP "CSV injection"). A text field (headers included) whose first
//!    character is one of [`FORMULA_TRIGGERS`] (`=`, `+`, `-`, `@`, tab, carriage return, or the
//!    full-width `＝ ＋ － ＠`, which some spreadsheet apps normalise to their ASCII forms) gets a
//!    leading apostrophe `'`. A spreadsheet then treats the cell as text instead of running it as
//!    a formula that could fetch URLs or start programs. Only the first character counts, so a
//!    field that starts with a space before `=` is left alone: spreadsheets read that as text.
//! 3. **Quoting** (RFC 4180). A field is wrapped in `"` when it contains a comma, a quote, a
//!    carriage return or a line feed, or when it starts or ends with a space (U+0020 only), since
//!    some readers trim unquoted spaces. Quotes inside are doubled. The check runs on the guarded
//!    text, so the apostrophe sits inside the quotes.
//!
//! Fields are separated by commas and every record, the last one included, ends with CRLF. The
//! text starts with a UTF-8 byte-order mark ([`BYTE_ORDER_MARK`]) because Excel on Windows reads a
//! CSV without one in the system's legacy code page (GBK on Chinese Windows, cp1252 elsewhere),
//! which turns Chinese names into mojibake; with the mark it reads UTF-8. LibreOffice, Numbers and
//! most CSV libraries skip the mark.
//!
//! The output depends only on the table, so the same list exports to the same bytes.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// The character written first so that Excel reads the file as UTF-8 (see the module comment).
pub const BYTE_ORDER_MARK: char = '\u{FEFF}';

/// First characters that make a spreadsheet read a text field as a formula or split it oddly.
///
/// Tab and carriage return are on the list because some apps drop them and then see what follows;
/// the full-width forms are there because some apps normalise them to `=`, `+`, `-` and `@`.
pub const FORMULA_TRIGGERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// One cell of a row. The kind decides how the value is written, so numbers stay numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CsvCell {
    /// Free text: guarded against formulas and quoted when needed.
    Text(String),
    /// A whole number, written in plain decimal digits with a `-` sign when negative.
    Integer(i64),
    /// A number written with exactly the given count of decimals (`Decimal(2.5, 2)` is `2.50`),
    /// never in exponent notation. A NaN or an infinity is written as an empty field, since no
    /// spreadsheet reads them as numbers and a text such as `NaN` would sort among the values.
    Decimal(f64, u8),
    /// No value.
    Empty,
}

/// A whole list to export: one header per column, then the rows.
///
/// The headers decide the column count. A row shorter than the headers is padded with empty
/// fields; a longer row is a programming error, caught by a `debug_assert!` in debug builds and
/// truncated to the header count in release builds so that every record has the same width.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CsvTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<CsvCell>>,
}

/// Writes the table as CSV text: the byte-order mark, the header record, then one record per row.
///
/// A table without headers has no columns, and a record without fields cannot be written in CSV,
/// so it is written as the byte-order mark alone. In a one-column table an empty field is written
/// as `""`, because a blank line is skipped by many readers and the row would be lost.
pub fn write_csv(table: &CsvTable) -> String {
    let columns = table.headers.len();
    let mut out = String::with_capacity(estimated_size(table));
    out.push(BYTE_ORDER_MARK);
    if columns == 0 {
        debug_assert!(
            table.rows.iter().all(Vec::is_empty),
            "a CSV table without headers cannot hold cells"
        );
        return out;
    }

    for (index, header) in table.headers.iter().enumerate() {
        let start = start_field(&mut out, index);
        push_text_field(&mut out, header);
        finish_field(&mut out, start, columns);
    }
    out.push_str("\r\n");

    for row in &table.rows {
        debug_assert!(
            row.len() <= columns,
            "a CSV row has {} cells but the table has {} columns",
            row.len(),
            columns
        );
        for index in 0..columns {
            let start = start_field(&mut out, index);
            if let Some(cell) = row.get(index) {
                push_cell(&mut out, cell);
            }
            finish_field(&mut out, start, columns);
        }
        out.push_str("\r\n");
    }
    out
}

/// Writes one text field by the rules of the module comment: formula guard, then quoting.
///
/// Public so that a fuzz target can check the per-field rule on its own.
pub fn escape_text_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
    push_text_field(&mut out, text);
    out
}

/// Whether a spreadsheet could read this text as a formula, judged by its first character.
fn needs_formula_guard(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|first| FORMULA_TRIGGERS.contains(&first))
}

/// Whether RFC 4180 (or a reader that trims spaces) needs the field to be quoted.
fn needs_quotes(text: &str) -> bool {
    text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ')
}

fn push_text_field(out: &mut String, text: &str) {
    let guard = needs_formula_guard(text);
    // The apostrophe changes neither answer of `needs_quotes`: a guarded text starts with a
    // trigger, not a space, and the apostrophe is not special, so the text can be checked as is.
    let quote = needs_quotes(text);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        for piece in text.split_inclusive('"') {
            out.push_str(piece);
            if piece.ends_with('"') {
                // RFC 4180: a quote inside a quoted field is written twice.
                out.push('"');
            }
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn push_cell(out: &mut String, cell: &CsvCell) {
    match cell {
        CsvCell::Text(text) => push_text_field(out, text),
        CsvCell::Integer(value) => {
            // Writing to a String cannot fail.
            let _ = write!(out, "{value}");
        }
        CsvCell::Decimal(value, decimals) => push_decimal(out, *value, *decimals),
        CsvCell::Empty => {}
    }
}

/// Writes a decimal with a fixed count of decimals; non-finite values are left empty.
fn push_decimal(out: &mut String, value: f64, decimals: u8) {
    if !value.is_finite() {
        return;
    }
    let start = out.len();
    // `{:.N}` rounds the exact binary value in pure Rust, so the digits are the same on every
    // platform, and it never switches to exponent notation, which spreadsheets may misread.
    let _ = write!(out, "{:.*}", usize::from(decimals), value);
    // A small negative value can round to `-0.00`; the sign would only puzzle the reader.
    let written = &out[start..];
    if written.starts_with('-') && written[1..].bytes().all(|b| b == b'0' || b == b'.') {
        out.remove(start);
    }
}

/// Writes the separator before every field but the first and returns where the field starts.
fn start_field(out: &mut String, index: usize) -> usize {
    if index > 0 {
        out.push(',');
    }
    out.len()
}

/// Quotes an empty field that would otherwise leave a blank line (see [`write_csv`]).
fn finish_field(out: &mut String, start: usize, columns: usize) {
    if columns == 1 && out.len() == start {
        out.push_str("\"\"");
    }
}

/// A rough size so that large exports do not reallocate many times; it only needs to be close.
fn estimated_size(table: &CsvTable) -> usize {
    let header_bytes: usize = table.headers.iter().map(|header| header.len() + 1).sum();
    let row_bytes: usize = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    CsvCell::Text(text) => text.len() + 1,
                    CsvCell::Integer(_) => 8,
                    CsvCell::Decimal(_, decimals) => 10 + usize::from(*decimals),
                    CsvCell::Empty => 1,
                })
                .sum::<usize>()
                + 2
        })
        .sum();
    BYTE_ORDER_MARK.len_utf8() + header_bytes + 2 + row_bytes
}
