//! Writing tables for people to fill in, for exports or for tests: CSV through the core's export rules, and XLSX with plain text cells or typed cells (feature `write`, which brings rust_xlsxwriter).

use omnirx_core::domain::csv_export::{write_csv, CsvCell, CsvTable};

/// Rows as CSV that Excel opens as UTF-8: the first row is the header. The core's export rules
/// apply ([`omnirx_core::domain::csv_export`]): a byte-order mark, RFC 4180 quoting, CRLF, and
/// the formula guard (a text starting with `=`, `+`, `-` or `@` gets a leading apostrophe).
/// Rows longer than the header are cut to it.
pub fn write_csv_utf8_bom(rows: &[Vec<String>]) -> Vec<u8> {
    let Some((headers, rows)) = rows.split_first() else {
        return write_csv(&CsvTable::default()).into_bytes();
    };
    let columns = headers.len();
    let table = CsvTable {
        headers: headers.clone(),
        rows: rows
            .iter()
            .map(|row| {
                row.iter()
                    .take(columns)
                    .map(|text| CsvCell::Text(text.clone()))
                    .collect()
            })
            .collect(),
    };
    write_csv(&table).into_bytes()
}

/// Sheets of text cells as an XLSX file. Sheet names are made valid for Excel (at most 31
/// characters, none of `[]:*?/\`, unique, not empty); texts longer than Excel's 32,767
/// characters are cut, and rows or columns beyond Excel's limits are left out.
#[cfg(feature = "write")]
pub fn write_xlsx(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;

    let mut workbook = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for (index, (name, rows)) in sheets.iter().enumerate() {
        let name = sheet_name(name, index, &names);
        names.push(name.clone());
        let worksheet = workbook.add_worksheet();
        // A valid, unique name cannot be refused.
        let _ = worksheet.set_name(&name);
        for (row_index, row) in rows.iter().take(MAX_ROWS).enumerate() {
            for (column_index, text) in row.iter().take(MAX_COLUMNS).enumerate() {
                if text.is_empty() {
                    continue;
                }
                let text: String = text.chars().take(MAX_TEXT).collect();
                // Within Excel's limits (above), writing a string cannot fail.
                let _ = worksheet.write_string(row_index as u32, column_index as u16, text);
            }
        }
    }
    if sheets.is_empty() {
        workbook.add_worksheet();
    }
    // Writing to memory fails only on a bug in the writer; an empty file then reads as damaged.
    workbook.save_to_buffer().unwrap_or_default()
}

/// Excel's limits: rows and columns of a worksheet, characters of a text cell.
#[cfg(feature = "write")]
const MAX_ROWS: usize = 1_048_576;
#[cfg(feature = "write")]
const MAX_COLUMNS: usize = 16_384;
#[cfg(feature = "write")]
const MAX_TEXT: usize = 32_767;
/// The largest whole number an Excel cell (a double) holds exactly: 2^53.
#[cfg(feature = "write")]
const MAX_EXACT_INTEGER: i64 = 1 << 53;

/// Typed tables (the core's [`CsvTable`], as the CSV exports build them) as an XLSX file: one
/// worksheet per table, its headers in bold on the first row (kept in view when scrolling), then
/// its rows.
///
/// Numbers reach Excel as numbers, so they sum and sort: a [`CsvCell::Integer`] as it is, a
/// [`CsvCell::Decimal`] with its count of decimals as the cell's number format (the value itself
/// is not rounded). Texts are written as text cells, which Excel never runs as formulas (no guard
/// is needed, and none is added) and never reads as numbers (an id such as `00123` keeps its
/// zeros). A NaN or an infinity is left empty, as in the CSV; a whole number beyond ±2^53, which
/// a double cannot hold exactly, is written as its digits in a text cell. Sheet names, long texts
/// and Excel's row and column limits are handled as in [`write_xlsx`]; as in the CSV, a row is cut
/// to its table's headers.
#[cfg(feature = "write")]
pub fn write_xlsx_tables(sheets: &[(&str, &CsvTable)]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};

    fn text_cell(
        worksheet: &mut Worksheet,
        row: u32,
        column: u16,
        text: &str,
        format: Option<&Format>,
    ) {
        if text.is_empty() {
            return;
        }
        let text: String = text.chars().take(MAX_TEXT).collect();
        // Within Excel's limits, writing a string cannot fail.
        let _ = match format {
            Some(format) => worksheet.write_string_with_format(row, column, text, format),
            None => worksheet.write_string(row, column, text),
        };
    }

    let bold = Format::new().set_bold();
    // One number format per count of decimals: `0`, `0.0`, `0.00` …
    let decimals: Vec<Format> = (0..=15)
        .map(|places| {
            let pattern = if places == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(places))
            };
            Format::new().set_num_format(pattern)
        })
        .collect();
    let mut workbook = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for (index, (name, table)) in sheets.iter().enumerate() {
        let name = sheet_name(name, index, &names);
        names.push(name.clone());
        let worksheet = workbook.add_worksheet();
        let _ = worksheet.set_name(&name);
        for (column, header) in table.headers.iter().take(MAX_COLUMNS).enumerate() {
            text_cell(worksheet, 0, column as u16, header, Some(&bold));
        }
        if !table.headers.is_empty() {
            let _ = worksheet.set_freeze_panes(1, 0);
        }
        for (row_index, row) in table.rows.iter().take(MAX_ROWS - 1).enumerate() {
            let row_number = row_index as u32 + 1;
            let width = table.headers.len().min(MAX_COLUMNS);
            for (column, cell) in row.iter().take(width).enumerate() {
                let column = column as u16;
                // Within Excel's limits, writing a number cannot fail.
                match cell {
                    CsvCell::Text(text) => text_cell(worksheet, row_number, column, text, None),
                    CsvCell::Integer(value) if value.unsigned_abs() > MAX_EXACT_INTEGER as u64 => {
                        text_cell(worksheet, row_number, column, &value.to_string(), None)
                    }
                    CsvCell::Integer(value) => {
                        let _ = worksheet.write_number(row_number, column, *value as f64);
                    }
                    CsvCell::Decimal(value, places) if value.is_finite() => {
                        let format = &decimals[usize::from(*places).min(decimals.len() - 1)];
                        let _ =
                            worksheet.write_number_with_format(row_number, column, *value, format);
                    }
                    CsvCell::Decimal(..) | CsvCell::Empty => {}
                }
            }
        }
    }
    if sheets.is_empty() {
        workbook.add_worksheet();
    }
    // Writing to memory fails only on a bug in the writer; an empty file then reads as damaged.
    workbook.save_to_buffer().unwrap_or_default()
}

/// A sheet name Excel accepts and no earlier sheet has.
#[cfg(feature = "write")]
fn sheet_name(wanted: &str, index: usize, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|character| match character {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            other => other,
        })
        .collect();
    let cleaned = cleaned.trim_matches('\'').to_string();
    let base: String = if cleaned.is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        cleaned.chars().take(31).collect()
    };
    let is_taken = |name: &str| taken.iter().any(|other| other.eq_ignore_ascii_case(name));
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|number| {
            let suffix = format!(" ({number})");
            let kept: String = base.chars().take(31 - suffix.chars().count()).collect();
            kept + &suffix
        })
        .find(|name| !is_taken(name))
        .unwrap_or(base)
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_made_valid_and_unique() {
        assert_eq!(sheet_name("Q1/Q2 [draft]", 0, &[]), "Q1_Q2 _draft_");
        assert_eq!(sheet_name("", 2, &[]), "Sheet3");
        assert_eq!(sheet_name("Data", 1, &["data".into()]), "Data (2)");
        assert_eq!(sheet_name(&"长".repeat(40), 0, &[]).chars().count(), 31);
    }
}
