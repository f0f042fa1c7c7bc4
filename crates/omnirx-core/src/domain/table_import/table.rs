//! A sheet read from a CSV or spreadsheet file, held compactly: every text in one buffer, every
//! cell 16 bytes, so a 1,000,000-row sheet fits in about twice its file size.
//!
//! Readers (CSV, XLSX, XLS, ODS) live outside the core and build tables with [`TableBuilder`];
//! everything after reading (header row, mapping, values, quality) works on [`Table`].

/// One cell as stored. Texts are spans of the table's text buffer.
#[derive(Clone, Copy, Debug, PartialEq)]
enum StoredCell {
    Empty,
    Text {
        start: u32,
        len: u32,
    },
    Number(f64),
    Bool(bool),
    /// An Excel date-time as its serial number (days since 1899-12-30, time as the fraction).
    Date(f64),
    /// A cell error such as `#DIV/0!`, as a span of the text buffer.
    Error {
        start: u32,
        len: u32,
    },
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
    cells: Vec<StoredCell>,
    /// The end of each row in `cells`.
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

    /// Row `index` (0-based); an empty slice beyond the last row.
    pub fn row(&self, index: usize) -> Row<'_> {
        let end = self.row_ends.get(index).map_or(0, |&end| end as usize);
        let start = match index {
            0 => 0,
            _ if index >= self.row_ends.len() => end,
            _ => self.row_ends[index - 1] as usize,
        };
        Row {
            table: self,
            cells: &self.cells[start.min(end)..end],
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.row_count()).map(|index| self.row(index))
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Bytes held (text and cells), for memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.cells.capacity() * std::mem::size_of::<StoredCell>()
            + self.row_ends.capacity() * 4
    }

    fn cell(&self, stored: StoredCell) -> Cell<'_> {
        let span = |start: u32, len: u32| &self.text[start as usize..(start + len) as usize];
        match stored {
            StoredCell::Empty => Cell::Empty,
            StoredCell::Text { start, len } => Cell::Text(span(start, len)),
            StoredCell::Number(value) => Cell::Number(value),
            StoredCell::Bool(value) => Cell::Bool(value),
            StoredCell::Date(serial) => Cell::Date(serial),
            StoredCell::Error { start, len } => Cell::Error(span(start, len)),
        }
    }
}

/// One row of a table.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [StoredCell],
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cell `column`; empty beyond the row's end.
    pub fn cell(&self, column: usize) -> Cell<'a> {
        self.cells
            .get(column)
            .map_or(Cell::Empty, |&stored| self.table.cell(stored))
    }

    pub fn cells(&self) -> impl Iterator<Item = Cell<'a>> + '_ {
        self.cells.iter().map(|&stored| self.table.cell(stored))
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

    fn span(&mut self, text: &str) -> (u32, u32) {
        let start = self.table.text.len() as u32;
        self.table.text.push_str(text);
        (start, text.len() as u32)
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        let cell = if text.is_empty() {
            StoredCell::Empty
        } else {
            let (start, len) = self.span(text);
            StoredCell::Text { start, len }
        };
        self.table.cells.push(cell);
        self
    }

    pub fn number(&mut self, value: f64) -> &mut Self {
        self.table.cells.push(StoredCell::Number(value));
        self
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.table.cells.push(StoredCell::Bool(value));
        self
    }

    pub fn date(&mut self, serial: f64) -> &mut Self {
        self.table.cells.push(StoredCell::Date(serial));
        self
    }

    pub fn error(&mut self, text: &str) -> &mut Self {
        let (start, len) = self.span(text);
        self.table.cells.push(StoredCell::Error { start, len });
        self
    }

    pub fn empty(&mut self) -> &mut Self {
        self.table.cells.push(StoredCell::Empty);
        self
    }

    /// Ends the current row (trailing empty cells are dropped, so a ragged row is what it says).
    pub fn end_row(&mut self) -> &mut Self {
        let start = self.table.row_ends.last().copied().unwrap_or(0) as usize;
        while self.table.cells.len() > start && self.table.cells.last() == Some(&StoredCell::Empty)
        {
            self.table.cells.pop();
        }
        self.table.row_ends.push(self.table.cells.len() as u32);
        self.table.width = self.table.width.max(self.table.cells.len() - start);
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
        if self.table.cells.len() > start {
            self.end_row();
        }
        self.table.text.shrink_to_fit();
        self.table.cells.shrink_to_fit();
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
        assert_eq!(std::mem::size_of::<StoredCell>(), 16);
    }
}
