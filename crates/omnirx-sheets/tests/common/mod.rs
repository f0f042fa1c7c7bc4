//! Helpers the reader's tests share: reading with default choices and caps, and tables as text.

// Each test file uses only some of the helpers.
#![allow(dead_code)]

use omnirx_sheets::{
    read_workbook, Cell, Limits, ReadChoices, ReadError, ReadProgress, Table, Workbook,
};

pub fn read(name: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_with(name, bytes, &ReadChoices::default(), &Limits::default())
}

pub fn read_with(
    name: &str,
    bytes: &[u8],
    choices: &ReadChoices,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    read_workbook(name, bytes, choices, limits, &mut |_: ReadProgress| true)
}

/// The one table of a file that must read.
pub fn only_table(name: &str, bytes: &[u8]) -> Table {
    let workbook = read(name, bytes).expect("the file reads");
    assert_eq!(workbook.sheets.len(), 1);
    workbook.sheets.into_iter().next().unwrap()
}

/// Every cell as text (numbers and dates in Rust's notation), row by row, rows as long as read.
pub fn texts(table: &Table) -> Vec<Vec<String>> {
    table
        .rows()
        .map(|row| row.cells().map(|cell| text_of(&cell)).collect())
        .collect()
}

pub fn text_of(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.to_string(),
        Cell::Number(number) => format!("{number}"),
        Cell::Bool(value) => format!("{value}"),
        Cell::Date(serial) => format!("date {serial}"),
        Cell::Error(text) => format!("error {text}"),
    }
}

pub fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect()
}

pub fn utf16(text: &str, little_endian: bool, byte_order_mark: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if byte_order_mark {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .into_iter()
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}
