//! Workbooks (XLSX, XLS, ODS) through calamine's format readers, one table per worksheet.
//!
//! * Cells keep their sheet positions: row 0 of a table is the sheet's row 1 and column 0 its
//!   column A, so merged ranges and the rows a user sees line up with the table.
//! * Formulas arrive as the values the spreadsheet saved with them (never evaluated); date cells
//!   as Excel serials (1904-based workbooks are moved to the 1900 base); ODS dates and times (ISO
//!   8601) are turned into serials too, or kept as text when they cannot be read.
//! * XLSX sheets are streamed cell by cell, with the row and column caps checked as they come, so
//!   a sheet that declares `A1:XFD1048576` costs nothing before it is refused. XLS and ODS are
//!   parsed whole by calamine (its ODS reader caps a sheet at 100,000,000 cells), then the same
//!   caps are checked cell by cell.
//! * Zipped workbooks pass the inflation caps ([`crate::zip_guard`]) before calamine opens them,
//!   XLS workbooks the checks of their records ([`crate::xls_guard`]).

use std::io::Cursor;

use calamine::{
    Data, DataRef, Dimensions, Ods, OdsError, Reader, SheetType, Xls, XlsError, Xlsx, XlsxError,
};
use omnirx_core::domain::table_import::{
    Limits, ReadError, SheetFormat, Table, TableBuilder, Workbook,
};

use crate::progress::Progress;
use crate::xls_guard::check_xls;
use crate::zip_guard::check_inflation;

/// Days from 1899-12-30 (the 1900 base) to 1904-01-01 (the 1904 base).
const DAYS_1900_TO_1904: f64 = 1462.0;

/// A cell value, whichever calamine type it came in.
enum Value<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    Date(f64),
    Error(String),
}

impl<'a> Value<'a> {
    fn of_ref(data: &'a DataRef<'_>, is_1904: bool) -> Value<'a> {
        match data {
            DataRef::Int(value) => Value::Number(*value as f64),
            DataRef::Float(value) => Value::Number(*value),
            DataRef::String(text) => Value::Text(text),
            DataRef::SharedString(text) => Value::Text(text),
            DataRef::Bool(value) => Value::Bool(*value),
            DataRef::DateTime(date) if date.is_duration() => Value::Number(date.as_f64()),
            DataRef::DateTime(date) => Value::Date(serial_1900(date.as_f64(), is_1904)),
            DataRef::DateTimeIso(text) => iso_date(text),
            DataRef::DurationIso(text) => iso_duration(text),
            DataRef::Error(error) => Value::Error(error.to_string()),
            DataRef::Empty => Value::Empty,
        }
    }

    fn of_data(data: &'a Data, is_1904: bool) -> Value<'a> {
        match data {
            Data::Int(value) => Value::Number(*value as f64),
            Data::Float(value) => Value::Number(*value),
            Data::String(text) => Value::Text(text),
            Data::Bool(value) => Value::Bool(*value),
            Data::DateTime(date) if date.is_duration() => Value::Number(date.as_f64()),
            Data::DateTime(date) => Value::Date(serial_1900(date.as_f64(), is_1904)),
            Data::DateTimeIso(text) => iso_date(text),
            Data::DurationIso(text) => iso_duration(text),
            Data::Error(error) => Value::Error(error.to_string()),
            Data::Empty => Value::Empty,
        }
    }
}

fn serial_1900(serial: f64, is_1904: bool) -> f64 {
    if is_1904 {
        serial + DAYS_1900_TO_1904
    } else {
        serial
    }
}

/// An ISO 8601 date or date-time (`2025-06-03`, `2025-06-03T09:30:00`) as a serial; text when it
/// is something else.
fn iso_date(text: &str) -> Value<'_> {
    iso_date_serial(text).map_or(Value::Text(text), Value::Date)
}

fn iso_date_serial(text: &str) -> Option<f64> {
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day) - days_from_civil(1899, 12, 30);
    let fraction = match time {
        Some(time) => clock_fraction(time)?,
        None => 0.0,
    };
    Some(days as f64 + fraction)
}

/// `hh:mm[:ss[.fff]]` (a zone suffix is ignored) as a fraction of a day.
fn clock_fraction(time: &str) -> Option<f64> {
    let time = time.trim_end_matches('Z');
    let time = time.split(['+']).next()?;
    let mut parts = time.splitn(3, ':');
    let hours: f64 = parts.next()?.parse().ok()?;
    let minutes: f64 = parts.next().unwrap_or("0").parse().ok()?;
    let seconds: f64 = parts.next().unwrap_or("0").parse().ok()?;
    Some((hours * 3600.0 + minutes * 60.0 + seconds) / 86_400.0)
}

/// An ISO 8601 duration (`PT09H30M00S`, how ODS saves a time) as days, the way Excel keeps a
/// time; text when it is something else.
fn iso_duration(text: &str) -> Value<'_> {
    iso_duration_days(text).map_or(Value::Text(text), Value::Date)
}

fn iso_duration_days(text: &str) -> Option<f64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (days_part, time_part) = rest.split_once('T').unwrap_or((rest, ""));
    let mut days = 0.0;
    if !days_part.is_empty() {
        days += days_part.strip_suffix('D')?.parse::<f64>().ok()?;
    }
    let mut number = String::new();
    for character in time_part.chars() {
        let unit = match character {
            'H' => 24.0,
            'M' => 1_440.0,
            'S' => 86_400.0,
            _ => {
                number.push(character);
                continue;
            }
        };
        days += number.parse::<f64>().ok()? / unit;
        number.clear();
    }
    if !number.is_empty() {
        return None;
    }
    Some(if negative { -days } else { days })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Builds one sheet's table from cells in row order, with the caps.
struct SheetSink<'l> {
    name: String,
    builder: TableBuilder,
    limits: &'l Limits,
    row: u32,
    column: u32,
}

impl<'l> SheetSink<'l> {
    fn new(name: &str, limits: &'l Limits) -> SheetSink<'l> {
        SheetSink {
            name: name.to_string(),
            builder: TableBuilder::new(name),
            limits,
            row: 0,
            column: 0,
        }
    }

    /// Places a cell at its sheet position; `bytes_done` estimates progress from a row.
    fn put(
        &mut self,
        (row, column): (u32, u32),
        value: Value<'_>,
        progress: &mut Progress<'_>,
        bytes_done: &dyn Fn(u32) -> u64,
    ) -> Result<(), ReadError> {
        if matches!(value, Value::Empty) {
            return Ok(());
        }
        if row as usize >= self.limits.max_rows {
            return Err(ReadError::TooManyRows {
                sheet: self.name.clone(),
                limit: self.limits.max_rows,
            });
        }
        if column as usize >= self.limits.max_columns {
            return Err(ReadError::TooManyColumns {
                sheet: self.name.clone(),
                row: row as usize + 1,
                limit: self.limits.max_columns,
            });
        }
        if row < self.row || (row == self.row && column < self.column) {
            return Err(ReadError::Corrupt {
                detail: format!(
                    "sheet {:?}: the cells are not in order at row {}, column {}",
                    self.name,
                    row + 1,
                    column + 1
                ),
            });
        }
        while self.row < row {
            self.builder.end_row();
            self.row += 1;
            self.column = 0;
            progress.row(|| bytes_done(self.row))?;
        }
        while self.column < column {
            self.builder.empty();
            self.column += 1;
        }
        match value {
            Value::Empty => self.builder.empty(),
            Value::Text(text) => self.builder.text(text),
            Value::Number(number) => self.builder.number(number),
            Value::Bool(value) => self.builder.boolean(value),
            Value::Date(serial) => self.builder.date(serial),
            Value::Error(text) => self.builder.error(&text),
        };
        self.column += 1;
        Ok(())
    }

    fn finish(self, merged: &[Dimensions]) -> Table {
        let mut table = self.builder.finish();
        table.merged = merged
            .iter()
            .map(|range| (range.start.0, range.start.1, range.end.0, range.end.1))
            .collect();
        table
    }
}

/// Where the reading is, as bytes of the file: sheets done plus the part of this sheet done.
fn estimate(total: u64, sheet: usize, sheets: usize, row: u32, rows: u32) -> u64 {
    let part = f64::from(row) / f64::from(rows.max(1));
    let done = (sheet as f64 + part.min(1.0)) / sheets.max(1) as f64;
    (total as f64 * done) as u64
}

fn xlsx_error(error: XlsxError) -> ReadError {
    match error {
        XlsxError::Password => ReadError::PasswordProtected,
        other => ReadError::Corrupt {
            detail: other.to_string(),
        },
    }
}

fn xls_error(error: XlsError) -> ReadError {
    match error {
        XlsError::Password => ReadError::PasswordProtected,
        other => ReadError::Corrupt {
            detail: other.to_string(),
        },
    }
}

fn ods_error(error: OdsError) -> ReadError {
    match error {
        OdsError::Password => ReadError::PasswordProtected,
        other => ReadError::Corrupt {
            detail: other.to_string(),
        },
    }
}

fn finish_workbook(
    format: SheetFormat,
    sheets: Vec<Table>,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    if sheets.is_empty() {
        return Err(ReadError::NoSheets);
    }
    progress.finish()?;
    Ok(Workbook {
        format,
        text: None,
        sheets,
    })
}

/// The names of a workbook's worksheets (not chart or macro sheets), in workbook order.
fn worksheet_names<R: std::io::Read + std::io::Seek, W: Reader<R>>(book: &W) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect()
}

/// An XLSX file (a zip), streamed sheet by sheet.
pub(crate) fn read_xlsx(
    bytes: &[u8],
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    check_inflation(bytes, limits)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let is_1904 = book.has_1904_epoch();
    let names = worksheet_names(&book);
    let total = progress.bytes_total();
    let mut sheets = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let merged = book.merge_cells_by_sheet_name(name).map_err(xlsx_error)?;
        let mut cells = match book.worksheet_cells_reader(name) {
            Ok(cells) => cells,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(error) => return Err(xlsx_error(error)),
        };
        let declared_rows = cells.dimensions().end.0.saturating_add(1);
        let bytes_done = |row: u32| estimate(total, index, names.len(), row, declared_rows);
        let mut sink = SheetSink::new(name, limits);
        while let Some(cell) = cells.next_cell().map_err(xlsx_error)? {
            let value = Value::of_ref(cell.get_value(), is_1904);
            sink.put(cell.get_position(), value, progress, &bytes_done)?;
        }
        sheets.push(sink.finish(&merged));
    }
    finish_workbook(SheetFormat::Xlsx, sheets, progress)
}

/// An OLE compound file: an encrypted XLSX (refused as protected) or an XLS workbook.
pub(crate) fn read_ole(
    bytes: &[u8],
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
        return Err(ReadError::PasswordProtected);
    }
    let checked = check_xls(bytes, limits)?;
    let source = checked.as_deref().unwrap_or(bytes);
    let mut book = Xls::new(Cursor::new(source)).map_err(xls_error)?;
    let is_1904 = book.has_1904_epoch();
    let names = worksheet_names(&book);
    let mut sheets = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let merged = book.merge_cells_by_sheet_name(name).map_err(xls_error)?;
        let range = book.worksheet_range(name).map_err(xls_error)?;
        sheets.push(range_table(
            name,
            &range,
            &merged,
            is_1904,
            index,
            names.len(),
            limits,
            progress,
        )?);
    }
    finish_workbook(SheetFormat::Xls, sheets, progress)
}

/// An ODS file (a zip). calamine reports no merged ranges for ODS.
pub(crate) fn read_ods(
    bytes: &[u8],
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    check_inflation(bytes, limits)?;
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
    let names = worksheet_names(&book);
    let mut sheets = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let range = book.worksheet_range(name).map_err(ods_error)?;
        sheets.push(range_table(
            name,
            &range,
            &[],
            false,
            index,
            names.len(),
            limits,
            progress,
        )?);
    }
    finish_workbook(SheetFormat::Ods, sheets, progress)
}

/// A sheet calamine read whole, as a table, after checking its size against the caps.
#[allow(clippy::too_many_arguments)]
fn range_table(
    name: &str,
    range: &calamine::Range<Data>,
    merged: &[Dimensions],
    is_1904: bool,
    index: usize,
    sheets: usize,
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Table, ReadError> {
    let mut sink = SheetSink::new(name, limits);
    if let (Some(start), Some(end)) = (range.start(), range.end()) {
        let total = progress.bytes_total();
        let bytes_done = |row: u32| estimate(total, index, sheets, row, end.0.saturating_add(1));
        for (row, column, data) in range.used_cells() {
            let position = (start.0 + row as u32, start.1 + column as u32);
            sink.put(
                position,
                Value::of_data(data, is_1904),
                progress,
                &bytes_done,
            )?;
        }
    }
    Ok(sink.finish(merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_times_become_serials() {
        assert_eq!(iso_date_serial("2025-06-03"), Some(45_811.0));
        assert_eq!(iso_date_serial("1899-12-30"), Some(0.0));
        assert_eq!(iso_date_serial("2025-06-03T12:00:00"), Some(45_811.5));
        assert_eq!(iso_date_serial("2025-13-03"), None);
        assert_eq!(iso_date_serial("next week"), None);
        assert_eq!(iso_duration_days("PT12H00M00S"), Some(0.5));
        assert_eq!(iso_duration_days("PT09H30M00S"), Some(9.5 / 24.0));
        assert_eq!(iso_duration_days("P1DT6H"), Some(1.25));
        assert_eq!(iso_duration_days("9:30"), None);
    }

    #[test]
    fn progress_estimates_stay_within_the_file() {
        assert_eq!(estimate(1_000, 0, 2, 50, 100), 250);
        assert_eq!(estimate(1_000, 1, 2, 500, 100), 1_000);
        assert_eq!(estimate(1_000, 0, 1, 0, 0), 0);
    }
}
