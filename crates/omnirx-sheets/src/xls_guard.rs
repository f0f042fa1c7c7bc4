//! The caps on an XLS workbook, checked on its BIFF records before calamine parses it: calamine
//! reserves memory for every sheet's declared `DIMENSIONS` (rows × columns × 40 bytes, up front)
//! and then a dense range over the cells' bounding box (× 32 bytes), for all sheets at once. A
//! few KB can declare billions of cells, and a `DIMENSIONS` record whose last row comes before
//! its first makes calamine's arithmetic overflow (a panic, an abort in the app).
//!
//! calamine also slices several records without checking their lengths (formula tokens, defined
//! names, merged cells, the shared strings), so a damaged file can panic it. OmniRx needs no
//! formula text (cells keep their cached values), so formula tokens, defined names and
//! external-sheet lists are neutralised, and the other records are checked for the lengths
//! calamine assumes.
//!
//! So the workbook stream is walked the way calamine walks it (the sheets' `BoundSheet8`
//! positions, nested substreams skipped): broken records are [`ReadError::Corrupt`], the memory
//! calamine would take beyond `limits.max_inflated_bytes` is [`ReadError::InflatesTooMuch`], and
//! when a record was neutralised the stream is written into a new OLE file for calamine.

use std::io::{Cursor, Read, Write};

use omnirx_core::domain::table_import::{Limits, ReadError};

/// Bytes calamine reserves per declared cell (`Cell<Data>`) and holds per cell of a dense range
/// (`Data`).
const DECLARED_CELL_BYTES: u64 = 40;
const RANGE_CELL_BYTES: u64 = 32;

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::Corrupt {
        detail: detail.into(),
    }
}

/// The workbook stream of an OLE file, found as calamine finds it (`Workbook`, else `Book`,
/// by name in any storage, ignoring case).
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|error| corrupt(format!("OLE: {error}")))?;
    let streams: Vec<(String, std::path::PathBuf)> = file
        .walk()
        .filter(|entry| entry.is_stream())
        .map(|entry| (entry.name().to_string(), entry.path().to_path_buf()))
        .collect();
    let path = ["Workbook", "Book"]
        .iter()
        .find_map(|wanted| {
            streams
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
        })
        .map(|(_, path)| path.clone())
        .ok_or(ReadError::NotASpreadsheet {
            looks_like: Some("Office document".to_string()),
        })?;
    let mut stream = Vec::new();
    file.open_stream(&path)
        .and_then(|mut reader| reader.read_to_end(&mut stream))
        .map_err(|error| corrupt(format!("OLE: {error}")))?;
    Ok(stream)
}

/// BIFF records from `start`: (offset, type, data length). Stops at the end or at a record cut
/// short (which calamine reports as an error of its own).
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (usize, u16, usize)> + '_ {
    let mut at = start;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let length = usize::from(u16::from_le_bytes([head[2], head[3]]));
        stream.get(at + 4..at + 4 + length)?;
        let record = (at, kind, length);
        at += 4 + length;
        Some(record)
    })
}

/// The data of the record at `at` and of the CONTINUE records after it, as calamine joins them.
fn with_continues(stream: &[u8], at: usize, length: usize) -> Vec<&[u8]> {
    let mut parts = vec![&stream[at + 4..at + 4 + length]];
    for (next, kind, next_length) in records(stream, at + 4 + length) {
        if kind != 0x003C {
            break;
        }
        parts.push(&stream[next + 4..next + 4 + next_length]);
    }
    parts
}

/// Whether calamine's reading of the shared-string table (`SST`) would slice past its data.
fn shared_strings_overrun(parts: &[&[u8]]) -> bool {
    let mut data = parts[0];
    let mut rest = parts[1..].iter();
    if data.len() < 8 {
        return false; // calamine refuses it
    }
    data = &data[8..];
    loop {
        if data.is_empty() {
            match rest.next() {
                Some(next) => data = next,
                None => return false,
            }
            continue;
        }
        if data.len() < 3 {
            return false; // calamine refuses it
        }
        let mut characters = usize::from(u16::from_le_bytes([data[0], data[1]]));
        let flags = data[2];
        data = &data[3..];
        if flags & 0x8 != 0 {
            if data.len() < 2 {
                return true;
            }
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            if data.len() < 4 {
                return true;
            }
            data = &data[4..];
        }
        let mut wide = flags & 0x1 != 0;
        while characters > 0 {
            let taken = if wide {
                (data.len() / 2).min(characters)
            } else {
                data.len().min(characters)
            };
            data = &data[if wide { 2 * taken } else { taken }..];
            characters -= taken;
            if characters > 0 {
                match rest.next() {
                    Some(&[]) => return true,
                    Some(next) => {
                        wide = next[0] & 0x1 != 0;
                        data = &next[1..];
                    }
                    None => return false, // calamine refuses it
                }
            }
        }
        // What follows (formatting runs, phonetic data) is skipped with checks; the rest of this
        // string's data cannot make calamine panic, and the next string starts where calamine
        // would be in all but files it refuses, so the check stops here for safety's sake.
        if flags & 0xC != 0 {
            return false;
        }
    }
}

fn u16_at(data: &[u8], at: usize) -> u32 {
    u32::from(u16::from_le_bytes([data[at], data[at + 1]]))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

/// The cells a sheet's `DIMENSIONS` record makes calamine reserve, as calamine reads it.
fn declared_cells(data: &[u8]) -> Result<u64, ReadError> {
    let (first_row, rows_end, mut first_column, columns_end) = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        // calamine refuses other lengths.
        _ => return Ok(0),
    };
    if first_column > 0xFF || columns_end < first_column {
        first_column = 0;
    }
    if rows_end == 0 || columns_end == 0 {
        return Ok(1);
    }
    let (last_row, last_column) = (rows_end - 1, columns_end - 1);
    if last_row < first_row || last_column < first_column {
        return Err(corrupt(format!(
            "a DIMENSIONS record ends (row {rows_end}, column {columns_end}) before it starts \
             (row {first_row}, column {first_column})"
        )));
    }
    Ok(u64::from(last_row - first_row + 1) * u64::from(last_column - first_column + 1))
}

/// The bounding box of a sheet's cells, as (first row, last row, first column, last column).
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, column: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, column, column),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(column), c1.max(column)),
        });
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

/// Checks an XLS workbook's records before calamine reads it (see the module comment); gives
/// the bytes calamine should read instead when records were neutralised.
pub fn check_xls(bytes: &[u8], limits: &Limits) -> Result<Option<Vec<u8>>, ReadError> {
    let mut stream = workbook_stream(bytes)?;
    let mut changed = false;
    let mut sheets = Vec::new();
    let mut neutralise = Vec::new();
    let mut formulas = Vec::new();
    for (at, kind, length) in records(&stream, 0) {
        let data = &stream[at + 4..at + 4 + length];
        match kind {
            // BOF, CodePage, DateMode, FilePass: a 16-bit value calamine reads unchecked.
            0x0809 | 0x0042 | 0x0022 | 0x002F if length < 2 => {
                return Err(corrupt(format!("record {kind:#06x} is too short")));
            }
            // BoundSheet8: where the sheet's substream starts.
            0x0085 if length < 6 => return Err(corrupt("a BOUNDSHEET record is too short")),
            0x0085 => sheets.push(u32_at(data, 0) as usize),
            0x00FC if shared_strings_overrun(&with_continues(&stream, at, length)) => {
                return Err(corrupt("the shared strings overrun their records"));
            }
            // Lbl (defined names) and ExternSheet: only formulas use them.
            0x0018 | 0x0017 => neutralise.push(at),
            0x000A => break,
            _ => {}
        }
    }
    let mut memory: u64 = 0;
    for start in sheets {
        if start > stream.len() {
            return Err(corrupt(format!(
                "a sheet starts at byte {start} of a {}-byte workbook stream",
                stream.len()
            )));
        }
        let mut bounds = Bounds::default();
        let mut seen_start = false;
        let mut depth = 0usize;
        for (at, kind, length) in records(&stream, start) {
            let data = &stream[at + 4..at + 4 + length];
            if depth > 0 {
                match kind {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match kind {
                0x0809 if seen_start => depth += 1,
                0x0809 => seen_start = true,
                0x000A => break,
                0x0200 => {
                    memory = memory.saturating_add(declared_cells(data)? * DECLARED_CELL_BYTES);
                }
                // Formula: its tokens start at byte 20 with their length; set it to none.
                0x0006 if (20..22).contains(&length) => {
                    return Err(corrupt("a FORMULA record is too short"));
                }
                0x0006 if length >= 22 => {
                    bounds.add(u16_at(data, 0), u16_at(data, 2));
                    formulas.push(at + 4 + 20);
                }
                // MergeCells: a count, then 8 bytes per range.
                0x00E5 if length < 2 || 2 + 8 * u16_at(data, 0) as usize > length => {
                    return Err(corrupt("a MERGECELLS record is too short"));
                }
                // MulRk: one row, columns first..=last.
                0x00BD if length >= 6 => {
                    let (first, last) = (u16_at(data, 2), u16_at(data, length - 2));
                    if last < first {
                        return Err(corrupt("a MULRK record ends before it starts"));
                    }
                    bounds.add(u16_at(data, 0), first);
                    bounds.add(u16_at(data, 0), last);
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if length >= 4 => {
                    bounds.add(u16_at(data, 0), u16_at(data, 2));
                }
                _ => {}
            }
        }
        memory = memory.saturating_add(bounds.cells() * RANGE_CELL_BYTES);
        if memory > limits.max_inflated_bytes {
            return Err(ReadError::InflatesTooMuch {
                inflated: memory,
                limit: limits.max_inflated_bytes,
            });
        }
    }
    for at in formulas {
        stream[at] = 0;
        stream[at + 1] = 0;
        changed = true;
    }
    for at in neutralise {
        // A record type calamine does not read.
        stream[at] = 0;
        stream[at + 1] = 0;
        changed = true;
    }
    if !changed {
        return Ok(None);
    }
    rebuilt(&stream).map(Some)
}

/// The workbook stream alone in a new OLE file.
fn rebuilt(stream: &[u8]) -> Result<Vec<u8>, ReadError> {
    let write = || -> std::io::Result<Vec<u8>> {
        let mut file = cfb::CompoundFile::create_with_version(
            cfb::Version::V3,
            Cursor::new(Vec::with_capacity(stream.len() + stream.len() / 8 + 4096)),
        )?;
        file.create_stream("/Workbook")?.write_all(stream)?;
        file.flush()?;
        Ok(file.into_inner().into_inner())
    };
    write().map_err(|error| corrupt(format!("OLE: {error}")))
}
