//! An XLS workbook (BIFF8 in an OLE compound file) written record by record, since no writer
//! crate produces the old format: just the records calamine needs (MS-XLS), with text in UTF-16.

use std::io::{Cursor, Write};

/// Appends one BIFF record: type, length, data.
fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend(kind.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// `XLUnicodeString`: a 16-bit count, flags (1: UTF-16), the characters.
fn long_string(text: &str) -> Vec<u8> {
    let mut out = (text.encode_utf16().count() as u16).to_le_bytes().to_vec();
    out.push(1);
    out.extend(utf16(text));
    out
}

/// `ShortXLUnicodeString`: an 8-bit count, flags, the characters.
fn short_string(text: &str) -> Vec<u8> {
    let mut out = vec![text.encode_utf16().count() as u8, 1];
    out.extend(utf16(text));
    out
}

fn cell_head(row: u16, column: u16, xf: u16) -> Vec<u8> {
    [row, column, xf]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect()
}

fn bof(out: &mut Vec<u8>, kind: u16) {
    let mut data = vec![0x00, 0x06];
    data.extend(kind.to_le_bytes());
    data.extend(0x0DBBu16.to_le_bytes());
    data.extend(0x07CCu16.to_le_bytes());
    data.extend([0; 8]);
    record(out, 0x0809, &data);
}

fn label(out: &mut Vec<u8>, row: u16, column: u16, text: &str) {
    let mut data = cell_head(row, column, 0);
    data.extend(long_string(text));
    record(out, 0x0204, &data);
}

fn number(out: &mut Vec<u8>, row: u16, column: u16, xf: u16, value: f64) {
    let mut data = cell_head(row, column, xf);
    data.extend(value.to_le_bytes());
    record(out, 0x0203, &data);
}

/// A formula record with its cached result (8 bytes) and the tokens of `=4*2`.
fn formula(out: &mut Vec<u8>, row: u16, column: u16, result: [u8; 8]) {
    let mut data = cell_head(row, column, 0);
    data.extend(result);
    data.extend([0; 6]);
    let tokens = [0x1E, 4, 0, 0x1E, 2, 0, 0x05];
    data.extend((tokens.len() as u16).to_le_bytes());
    data.extend(tokens);
    record(out, 0x0006, &data);
}

fn dimensions(out: &mut Vec<u8>, (first_row, rows, columns): (u32, u32, u16)) {
    let mut data = Vec::new();
    data.extend(first_row.to_le_bytes());
    data.extend(rows.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(columns.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    record(out, 0x0200, &data);
}

/// An XLS workbook with the same features as `features_xlsx`: sheet `Visits` with the merged
/// title `A1:D1`, headers, a date cell (serial 45811 with the built-in date format 14), a number,
/// a formula cached as 8, a formula cached as the text `Dr Wang`, `TRUE`, `#DIV/0!`, and `far` at
/// `F7`; sheet `备注` with `说明`.
pub fn features_xls() -> Vec<u8> {
    xls_with_dimensions((0, 7, 6))
}

/// [`features_xls`] whose first sheet declares 4 billion rows × 255 columns in a few KB:
/// calamine would reserve 40 bytes for each before reading a cell.
pub fn huge_dimensions_xls() -> Vec<u8> {
    xls_with_dimensions((0, u32::MAX, 255))
}

/// [`features_xls`] whose first sheet's `DIMENSIONS` ends (row 2) before it starts (row 5):
/// calamine's arithmetic overflows on it.
pub fn backwards_dimensions_xls() -> Vec<u8> {
    xls_with_dimensions((5, 2, 6))
}

/// The workbook of [`features_xls`], its first sheet declaring (first row, rows end, columns end).
fn xls_with_dimensions(declared: (u32, u32, u16)) -> Vec<u8> {
    let mut stream = Vec::new();
    bof(&mut stream, 0x0005);
    record(&mut stream, 0x0042, &1200u16.to_le_bytes());
    // XF 0: General; XF 1: the built-in date format 14.
    for format in [0u16, 14] {
        let mut xf = 0u16.to_le_bytes().to_vec();
        xf.extend(format.to_le_bytes());
        xf.extend([0; 16]);
        record(&mut stream, 0x00E0, &xf);
    }
    let mut positions = Vec::new();
    for name in ["Visits", "备注"] {
        positions.push(stream.len() + 4);
        let mut data = 0u32.to_le_bytes().to_vec();
        data.extend([0, 0]);
        data.extend(short_string(name));
        record(&mut stream, 0x0085, &data);
    }
    record(&mut stream, 0x000A, &[]);

    let first = stream.len() as u32;
    bof(&mut stream, 0x0010);
    dimensions(&mut stream, declared);
    label(&mut stream, 0, 0, "Visits 2025");
    for (column, header) in ["Date", "Units", "Doubled", "Doctor"].iter().enumerate() {
        label(&mut stream, 1, column as u16, header);
    }
    number(&mut stream, 2, 0, 1, 45_811.0);
    number(&mut stream, 2, 1, 0, 4.0);
    formula(&mut stream, 2, 2, 8.0f64.to_le_bytes());
    formula(&mut stream, 2, 3, [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
    record(&mut stream, 0x0207, &long_string("Dr Wang"));
    let mut boolean = cell_head(3, 0, 0);
    boolean.extend([1, 0]);
    record(&mut stream, 0x0205, &boolean);
    let mut error = cell_head(3, 1, 0);
    error.extend([0x07, 1]);
    record(&mut stream, 0x0205, &error);
    label(&mut stream, 6, 5, "far");
    let mut merged = 1u16.to_le_bytes().to_vec();
    for value in [0u16, 0, 0, 3] {
        merged.extend(value.to_le_bytes());
    }
    record(&mut stream, 0x00E5, &merged);
    record(&mut stream, 0x000A, &[]);

    let second = stream.len() as u32;
    bof(&mut stream, 0x0010);
    dimensions(&mut stream, (0, 1, 1));
    label(&mut stream, 0, 0, "说明");
    record(&mut stream, 0x000A, &[]);

    for (position, offset) in positions.into_iter().zip([first, second]) {
        stream[position..position + 4].copy_from_slice(&offset.to_le_bytes());
    }
    // Excel never writes a Workbook stream under 4096 bytes (the mini-stream cut-off).
    stream.resize(stream.len().max(4096), 0);

    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("an OLE file");
    file.create_stream("/Workbook")
        .expect("a stream")
        .write_all(&stream)
        .expect("written");
    file.flush().expect("flushed");
    file.into_inner().into_inner()
}
