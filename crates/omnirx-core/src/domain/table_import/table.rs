//! A sheet read from a CSV or spreadsheet file, held compactly: every text in one buffer and
//! each cell as the end of its text there (4 bytes), plus one byte of type per cell only in a
//! sheet that has numbers, booleans, dates or errors. A 1,000,000-row, 7-column CSV fits in
//! about 1.7 times its file size.
//!
//! Readers (CSV, XLSX, XLS, ODS) live outside the core and build tables with [`TableBuilder`];
//! everything after reading (header row, mapping, values, quality) works on [`Table`].

/// What a cell's text stands for, in a table that has cells other than text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum CellType {
    /// Text, or empty when its text is.
    Text = 0,
    /// A number, its text written by Rust's `Display` (which reads back exactly).
    Number,
    /// `1` or `0`.
    Bool,
    /// An Excel date-time serial number, written as a number.
    Date,
    /// A cell error such as `#DIV/0!`.
    Error,
}

impl CellType {
    fn of(byte: u8) -> CellType {
        match byte {
            1 => CellType::Number,
            2 => CellType::Bool,
            3 => CellType::Date,
            4 => CellType::Error,
            _ => CellType::Text,
        }
    }
}

/// A cell as read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// An Excel date-time serial number (the cell had a date format).
    Date(f64),
    /// A spreadsheet error value (`#DIV/0!`, `#N/A`…).
    Error(&'a str),
}

impl Cell<'_> {
    /// Empty, or text of only white space (full-width spaces included).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.chars().all(char::is_whitespace),
            _ => false,
        }
    }
}

/// A sheet: rows of cells (rows may differ in length), a name, and what the reader knows of
/// merged cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub name: String,
    text: String,
    /// The end of each cell's text in `text`; a cell's text starts where the previous one's ends.
    ends: Vec<u32>,
    /// Each cell's [`CellType`] as a byte; empty while every cell is text (a CSV file).
    types: Vec<u8>,
    /// The end of each row in `ends`.
    row_ends: Vec<u32>,
    /// The widest row's length, kept as rows end (asked for once per row while planning).
    width: usize,
    /// Merged ranges as (first row, first column, last row, last column), 0-based.
    pub merged: Vec<(u32, u32, u32, u32)>,
}

impl Table {
    pub fn row_count(&self) -> usize {
        self.row_ends.len()
    }

    /// Row `index` (0-based); an empty row beyond the last.
    pub fn row(&self, index: usize) -> Row<'_> {
        let end = self.row_ends.get(index).map_or(0, |&end| end as usize);
        let start = match index {
            0 => 0,
            _ if index >= self.row_ends.len() => end,
            _ => self.row_ends[index - 1] as usize,
        };
        Row {
            table: self,
            start: start.min(end),
            end,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.row_count()).map(|index| self.row(index))
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Bytes held (text, cells and rows), for memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * 4
            + self.types.capacity()
            + self.row_ends.capacity() * 4
    }

    /// Where cell `index`'s text is in `text`: from the previous cell's end to its own.
    fn span(&self, index: usize) -> std::ops::Range<usize> {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] as usize,
        };
        start..self.ends[index] as usize
    }

    /// Cell `index` of the whole table.
    fn cell(&self, index: usize) -> Cell<'_> {
        let text = &self.text[self.span(index)];
        let number = || text.parse::<f64>().unwrap_or(f64::NAN);
        match self
            .types
            .get(index)
            .map_or(CellType::Text, |&byte| CellType::of(byte))
        {
            CellType::Text if text.is_empty() => Cell::Empty,
            CellType::Text => Cell::Text(text),
            CellType::Number => Cell::Number(number()),
            CellType::Bool => Cell::Bool(text == "1"),
            CellType::Date => Cell::Date(number()),
            CellType::Error => Cell::Error(text),
        }
    }

    /// Whether cell `index` is empty text.
    fn is_empty_cell(&self, index: usize) -> bool {
        self.span(index).is_empty()
            && self
                .types
                .get(index)
                .is_none_or(|&byte| byte == CellType::Text as u8)
    }
}

/// One row of a table.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    /// The row's cells in the table: `start..end`.
    start: usize,
    end: usize,
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Cell `column`; empty beyond the row's end.
    pub fn cell(&self, column: usize) -> Cell<'a> {
        if column < self.len() {
            self.table.cell(self.start + column)
        } else {
            Cell::Empty
        }
    }

    pub fn cells(&self) -> impl Iterator<Item = Cell<'a>> + '_ {
        let table = self.table;
        (self.start..self.end).map(move |index| table.cell(index))
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells().all(|cell| cell.is_blank())
    }
}

/// Builds a table row by row, cell by cell.
#[derive(Debug, Default)]
pub struct TableBuilder {
    table: Table,
}

impl TableBuilder {
    pub fn new(name: impl Into<String>) -> TableBuilder {
        TableBuilder {
            table: Table {
                name: name.into(),
                ..Table::default()
            },
        }
    }

    /// Makes room for about `text_bytes` of text and `cells` cells, so that a large sheet's
    /// buffers are not copied as they grow (room never written to costs no memory).
    pub fn reserve(&mut self, text_bytes: usize, cells: usize) -> &mut Self {
        self.table.text.reserve(text_bytes);
        self.table.ends.reserve(cells);
        self
    }

    fn push(&mut self, text: &str, kind: CellType) -> &mut Self {
        let table = &mut self.table;
        table.text.push_str(text);
        table.ends.push(table.text.len() as u32);
        if kind != CellType::Text || !table.types.is_empty() {
            // From the first cell other than text on (every cell before it was text).
            table
                .types
                .resize(table.ends.len() - 1, CellType::Text as u8);
            table.types.push(kind as u8);
        }
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.push(text, CellType::Text)
    }

    pub fn number(&mut self, value: f64) -> &mut Self {
        self.push(&value.to_string(), CellType::Number)
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.push(if value { "1" } else { "0" }, CellType::Bool)
    }

    pub fn date(&mut self, serial: f64) -> &mut Self {
        self.push(&serial.to_string(), CellType::Date)
    }

    pub fn error(&mut self, text: &str) -> &mut Self {
        self.push(text, CellType::Error)
    }

    pub fn empty(&mut self) -> &mut Self {
        self.push("", CellType::Text)
    }

    /// Ends the current row (trailing empty cells are dropped, so a ragged row is what it says).
    pub fn end_row(&mut self) -> &mut Self {
        let table = &mut self.table;
        let start = table.row_ends.last().copied().unwrap_or(0) as usize;
        while table.ends.len() > start && table.is_empty_cell(table.ends.len() - 1) {
            table.ends.pop();
            table.types.truncate(table.ends.len());
        }
        table.row_ends.push(table.ends.len() as u32);
        table.width = table.width.max(table.ends.len() - start);
        self
    }

    pub fn merged(&mut self, range: (u32, u32, u32, u32)) -> &mut Self {
        self.table.merged.push(range);
        self
    }

    /// Bytes held so far, for a reader's cap.
    pub fn heap_bytes(&self) -> usize {
        self.table.heap_bytes()
    }

    pub fn rows_so_far(&self) -> usize {
        self.table.row_ends.len()
    }

    pub fn finish(mut self) -> Table {
        let start = self.table.row_ends.last().copied().unwrap_or(0) as usize;
        if self.table.ends.len() > start {
            self.end_row();
        }
        self.table.text.shrink_to_fit();
        self.table.ends.shrink_to_fit();
        self.table.types.shrink_to_fit();
        self.table.row_ends.shrink_to_fit();
        self.table
    }
}

/// A table from rows of texts (tests, templates).
pub fn table_of_texts(name: &str, rows: &[&[&str]]) -> Table {
    let mut builder = TableBuilder::new(name);
    for row in rows {
        for text in row.iter() {
            builder.text(text);
        }
        builder.end_row();
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_back_as_built_and_rows_may_be_ragged() {
        let mut builder = TableBuilder::new("Sheet1");
        builder.text("医生").text("日期").end_row();
        builder
            .text("王芳")
            .date(45_366.5)
            .number(3.0)
            .boolean(true)
            .end_row();
        builder.text("").error("#DIV/0!").empty().end_row();
        let table = builder.finish();
        assert_eq!(table.row_count(), 3);
        assert_eq!(table.width(), 4);
        assert_eq!(table.row(1).cell(0), Cell::Text("王芳"));
        assert_eq!(table.row(1).cell(1), Cell::Date(45_366.5));
        assert_eq!(table.row(1).cell(3), Cell::Bool(true));
        assert_eq!(table.row(2).len(), 2, "trailing empty cells are dropped");
        assert_eq!(table.row(2).cell(1), Cell::Error("#DIV/0!"));
        assert_eq!(table.row(2).cell(9), Cell::Empty);
        assert_eq!(table.row(7).len(), 0);
        assert!(Cell::Text(" \u{3000}").is_blank());
    }

    #[test]
    fn numbers_and_dates_read_back_exactly() {
        let values = [
            0.1 + 0.2,
            -1e-300,
            1e300,
            45_366.999_988_425_93,
            f64::MAX,
            3.0,
        ];
        let mut builder = TableBuilder::new("Sheet1");
        for value in values {
            builder.number(value).date(value);
        }
        builder.boolean(false).end_row();
        let table = builder.finish();
        for (index, value) in values.iter().enumerate() {
            assert_eq!(table.row(0).cell(2 * index), Cell::Number(*value));
            assert_eq!(table.row(0).cell(2 * index + 1), Cell::Date(*value));
        }
        assert_eq!(table.row(0).cell(12), Cell::Bool(false));
    }

    #[test]
    fn a_text_only_sheet_holds_four_bytes_per_cell_beside_its_text() {
        let mut builder = TableBuilder::new("Sheet1");
        for _ in 0..1000 {
            builder.text("王芳").text("").text("2025-03-04").end_row();
        }
        let table = builder.finish();
        assert_eq!(table.row(999).cell(2), Cell::Text("2025-03-04"));
        assert_eq!(table.row(999).cell(1), Cell::Empty);
        // 16 bytes of text and 3 cells of 4 bytes per row, and 4 bytes for the row's end.
        assert_eq!(table.heap_bytes(), 1000 * (16 + 3 * 4 + 4));
    }
}
