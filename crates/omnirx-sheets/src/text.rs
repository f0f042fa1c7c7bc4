//! Delimited text (CSV, TXT): the encoding and the delimiter, detected or chosen, and a streaming
//! read into one table in which every cell is text.
//!
//! * **Encoding.** A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); without one, UTF-16 is
//!   recognised by its NUL bytes, then text that is valid UTF-8 is UTF-8, and anything else is
//!   GB18030 (what Chinese Excel writes; GBK decodes identically). A user's choice overrides the
//!   detection. UTF-8 and UTF-16 are decoded strictly: an invalid byte is
//!   [`ReadError::BadText`] with its offset. GB18030 decoding never fails (a stray byte becomes
//!   U+FFFD).
//! * **Delimiter.** The one of [`DELIMITERS`] that splits the first 50 records into the most
//!   records of one field count above 1; ties go to the one that gives more fields, then to the
//!   earlier in the list (comma first). A user's choice overrides it.
//! * **Reading.** RFC 4180 quoting through the `csv` crate, ragged rows kept as they are, blank
//!   lines skipped, every cell text (numbers included: values are parsed later, formulas never).
//!   The file is read from its [`Source`] and decoded in 64 KB chunks as the parser asks for
//!   them, so neither the file nor its decoded text is ever held whole beside the table. Without
//!   a byte-order mark or a choice, a file whose first 64 KB are UTF-8 is read as UTF-8, and read
//!   again as GB18030 if a later byte is not UTF-8: the result is the detection's above.

use std::io::Read;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use omnirx_core::domain::table_import::{
    Limits, ReadChoices, ReadError, SheetFormat, TableBuilder, TextEncoding, TextLayout, Workbook,
    DELIMITERS,
};

use crate::progress::Progress;
use crate::source::{Source, SourceReader};

/// Bytes the CSV parser reads at a time.
const CHUNK: usize = 64 * 1024;
/// Bytes read from the file at a time (a browser file is read in slices this big).
const INPUT_CHUNK: usize = 1024 * 1024;
/// The bytes looked at to find the delimiter.
const SAMPLE: usize = 64 * 1024;
/// The records looked at to find the delimiter.
const SAMPLE_RECORDS: usize = 50;

/// The encoding of CSV bytes and whether a byte-order mark said so (see the module comment).
pub fn detect_encoding(bytes: &[u8]) -> (TextEncoding, bool) {
    if let Some((encoding, _)) = byte_order_mark(bytes) {
        return (encoding, true);
    }
    let sample = &bytes[..bytes.len().min(8192)];
    match crate::sniff::utf16_without_mark(sample) {
        Some(true) => return (TextEncoding::Utf16Le, false),
        Some(false) => return (TextEncoding::Utf16Be, false),
        None => {}
    }
    if std::str::from_utf8(bytes).is_ok() {
        (TextEncoding::Utf8, false)
    } else {
        (TextEncoding::Gb18030, false)
    }
}

/// The encoding a byte-order mark at the start names, and the mark's length.
fn byte_order_mark(bytes: &[u8]) -> Option<(TextEncoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((TextEncoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((TextEncoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    }
}

fn encoding_rs_of(encoding: TextEncoding) -> &'static Encoding {
    match encoding {
        TextEncoding::Utf8 => UTF_8,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Gb18030 => GB18030,
    }
}

/// The delimiter of a text's first records (see the module comment). `complete` says whether the
/// sample is the whole text; when it is not, its last record may be cut and is not counted.
pub fn detect_delimiter(sample: &str, complete: bool) -> u8 {
    let mut best = (DELIMITERS[0], 0, 0);
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut counts: Vec<usize> = reader
            .byte_records()
            .take(SAMPLE_RECORDS + 1)
            .map_while(Result::ok)
            .map(|record| record.len())
            .collect();
        if !complete || counts.len() > SAMPLE_RECORDS {
            counts.pop();
        }
        // The field count most records share (the larger one on a tie).
        let mut fields = 0;
        let mut records = 0;
        for &count in &counts {
            let same = counts.iter().filter(|&&other| other == count).count();
            if (same, count) > (records, fields) {
                (records, fields) = (same, count);
            }
        }
        if fields > 1 && (records, fields) > (best.1, best.2) {
            best = (delimiter, records, fields);
        }
    }
    best.0
}

/// The encoding the start of a file shows: [`detect_encoding`] on its first bytes, where
/// "valid UTF-8" allows a character cut at the end of an incomplete head.
fn detect_encoding_of_head(head: &[u8], complete: bool) -> (TextEncoding, bool) {
    match detect_encoding(head) {
        (TextEncoding::Gb18030, false) if !complete => match std::str::from_utf8(head) {
            Err(error) if error.error_len().is_none() => (TextEncoding::Utf8, false),
            _ => (TextEncoding::Gb18030, false),
        },
        found => found,
    }
}

/// The first bytes of a text file the reader is given: the sample, and room for a byte-order
/// mark before it.
pub(crate) const HEAD: usize = SAMPLE + 3;

/// Reads delimited text into one table named `name`; `head` is the file's first [`HEAD`] bytes
/// (or all of a shorter file).
pub(crate) fn read_csv(
    name: &str,
    source: &dyn Source,
    head: &[u8],
    choices: &ReadChoices,
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    let complete = head.len() as u64 == source.size();
    let (encoding, byte_order_mark_found, mark_length) = match choices.encoding {
        Some(chosen) => match byte_order_mark(head) {
            Some((found, length)) if found == chosen => (chosen, true, length),
            _ => (chosen, false, 0),
        },
        None => {
            let (detected, marked) = detect_encoding_of_head(head, complete);
            let length = if marked {
                byte_order_mark(head).map_or(0, |(_, length)| length)
            } else {
                0
            };
            (detected, marked, length)
        }
    };
    let text = Text {
        name,
        source,
        head: &head[mark_length..],
        encoding,
        byte_order_mark: byte_order_mark_found,
        mark_length,
    };
    match read_text(&text, choices, limits, progress) {
        // UTF-8 was a guess from the start of the file, and a later byte says otherwise.
        Err(ReadError::BadText { .. })
            if choices.encoding.is_none()
                && !byte_order_mark_found
                && encoding == TextEncoding::Utf8 =>
        {
            let text = Text {
                encoding: TextEncoding::Gb18030,
                ..text
            };
            read_text(&text, choices, limits, progress)
        }
        read => read,
    }
}

/// A text file about to be read: where, and in which encoding.
#[derive(Clone, Copy)]
struct Text<'a> {
    name: &'a str,
    source: &'a dyn Source,
    /// The first bytes after the byte-order mark.
    head: &'a [u8],
    encoding: TextEncoding,
    byte_order_mark: bool,
    mark_length: usize,
}

fn read_text(
    text: &Text<'_>,
    choices: &ReadChoices,
    limits: &Limits,
    progress: &mut Progress<'_>,
) -> Result<Workbook, ReadError> {
    let body_size = text.source.size() - text.mark_length as u64;
    let (sample, complete) = decode_sample(text.encoding, text.head, body_size);
    let delimiter = match choices.delimiter {
        Some(delimiter) => delimiter,
        None => detect_delimiter(&sample, complete),
    };
    let room = Room::guess(&sample, body_size as usize, delimiter);
    let layout = TextLayout {
        encoding: text.encoding,
        byte_order_mark: text.byte_order_mark,
        delimiter,
    };
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(CHUNK);
    let decoding = DecodingReader::new(
        text.encoding,
        SourceReader::new(text.source, text.mark_length as u64),
        text.mark_length,
        text.encoding != TextEncoding::Gb18030,
    );
    let mut reader = builder.from_reader(decoding);
    let result = read_records(text.name, &mut reader, room, limits, progress, |reader| {
        reader.get_ref().position()
    });
    let decoding = reader.get_mut();
    if let Some(error) = decoding.input.error.take() {
        return Err(error);
    }
    let bad_text = decoding.bad_byte.map(|byte| (text.encoding, byte));
    let table = result.map_err(|error| error.into_read_error(bad_text))?;
    progress.finish()?;
    Ok(Workbook {
        format: SheetFormat::Csv,
        text: Some(layout),
        sheets: vec![table],
    })
}

/// The first [`SAMPLE`] bytes of the body decoded, and whether they are the whole body.
fn decode_sample(encoding: TextEncoding, head: &[u8], body_size: u64) -> (String, bool) {
    let complete = body_size <= SAMPLE as u64;
    let bytes = &head[..head.len().min(SAMPLE)];
    let mut decoder = encoding_rs_of(encoding).new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let _ = decoder.decode_to_string(bytes, &mut text, complete);
    (text, complete)
}

/// The room a table needs for a whole text, guessed from its first [`SAMPLE`] bytes decoded:
/// made at once, so that the buffers of a large file are not copied as they grow.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Room {
    text_bytes: usize,
    cells: usize,
}

impl Room {
    fn guess(sample: &str, body_bytes: usize, delimiter: u8) -> Room {
        let sampled = body_bytes.min(SAMPLE);
        if sampled == 0 {
            return Room {
                text_bytes: 0,
                cells: 0,
            };
        }
        let cells: usize = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes())
            .byte_records()
            .map_while(Result::ok)
            .map(|record| record.len())
            .sum();
        // A tenth more than the sample says; a file unlike its start grows as usual.
        let scale =
            |count: usize| (count as f64 * body_bytes as f64 / sampled as f64 * 1.1) as usize;
        Room {
            text_bytes: scale(sample.len()),
            cells: scale(cells),
        }
    }
}

/// Why reading records stopped early.
enum Stop {
    Read(ReadError),
    Csv(csv::Error),
}

impl Stop {
    fn into_read_error(self, bad_text: Option<(TextEncoding, u64)>) -> ReadError {
        match (self, bad_text) {
            (Stop::Read(error), _) => error,
            (Stop::Csv(_), Some((encoding, byte))) => ReadError::BadText { encoding, byte },
            // With byte records and flexible rows the parser fails only when its input does,
            // and reading from memory fails only through the decoder (above).
            (Stop::Csv(error), None) => ReadError::Corrupt {
                detail: error.to_string(),
            },
        }
    }
}

impl From<ReadError> for Stop {
    fn from(error: ReadError) -> Stop {
        Stop::Read(error)
    }
}

/// Reads every record into a table, with the caps and the progress reports.
fn read_records<R: Read>(
    name: &str,
    reader: &mut csv::Reader<R>,
    room: Room,
    limits: &Limits,
    progress: &mut Progress<'_>,
    bytes_done: impl Fn(&csv::Reader<R>) -> u64,
) -> Result<omnirx_core::domain::table_import::Table, Stop> {
    let mut table = TableBuilder::new(name);
    // Never more than the caps allow (a huge file is refused at the row cap, not before).
    table.reserve(
        room.text_bytes.min(limits.max_file_bytes as usize),
        room.cells.min(limits.max_rows.saturating_mul(16)),
    );
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    while reader.read_byte_record(&mut record).map_err(Stop::Csv)? {
        if rows == limits.max_rows {
            return Err(ReadError::TooManyRows {
                sheet: name.to_string(),
                limit: limits.max_rows,
            }
            .into());
        }
        if record.len() > limits.max_columns {
            return Err(ReadError::TooManyColumns {
                sheet: name.to_string(),
                row: rows + 1,
                limit: limits.max_columns,
            }
            .into());
        }
        for field in record.iter() {
            // Valid by construction: UTF-8 input was checked whole, decoded input is UTF-8, and
            // fields are cut at ASCII delimiters.
            table.text(&String::from_utf8_lossy(field));
        }
        table.end_row();
        rows += 1;
        progress.row(|| bytes_done(reader))?;
        progress.bytes(bytes_done(reader))?;
    }
    Ok(table.finish())
}

/// Decodes UTF-8 (checking it), UTF-16 or GB18030 bytes from a [`Read`] into UTF-8 as a
/// [`Read`], a chunk at a time.
struct DecodingReader<R> {
    input: R,
    /// Input read and not yet decoded: `buffer[taken..filled]`.
    buffer: Vec<u8>,
    taken: usize,
    filled: usize,
    /// The input has ended.
    ended: bool,
    /// The file offset of `buffer[taken]`.
    offset: usize,
    decoder: encoding_rs::Decoder,
    strict: bool,
    decoded: Vec<u8>,
    start: usize,
    finished: bool,
    /// The file offset of the first invalid byte, when decoding strictly.
    bad_byte: Option<u64>,
}

impl<R: Read> DecodingReader<R> {
    fn new(encoding: TextEncoding, input: R, offset: usize, strict: bool) -> Self {
        DecodingReader {
            input,
            buffer: vec![0; INPUT_CHUNK],
            taken: 0,
            filled: 0,
            ended: false,
            offset,
            decoder: encoding_rs_of(encoding).new_decoder_without_bom_handling(),
            strict,
            decoded: Vec::new(),
            start: 0,
            finished: false,
            bad_byte: None,
        }
    }

    /// The file offset decoded up to.
    fn position(&self) -> u64 {
        self.offset as u64
    }

    /// Decodes the next chunk into `decoded`, reading more input first when all is decoded.
    fn fill(&mut self) -> std::io::Result<()> {
        if self.taken == self.filled && !self.ended {
            self.taken = 0;
            self.filled = self.input.read(&mut self.buffer)?;
            self.ended = self.filled == 0;
        }
        // A parser's chunk at a time, so that the position moves in steps that small.
        let end = self.filled.min(self.taken + CHUNK);
        let last = self.ended && end == self.filled;
        let source = &self.buffer[self.taken..end];
        let capacity = self
            .decoder
            .max_utf8_buffer_length(source.len())
            .unwrap_or(source.len() * 3 + 16);
        self.decoded.clear();
        self.decoded.resize(capacity, 0);
        self.start = 0;
        let (done, read, written) = if self.strict {
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(source, &mut self.decoded, last);
            if let DecoderResult::Malformed(bad, after) = result {
                let at = self.offset + read - usize::from(bad) - usize::from(after);
                self.bad_byte = Some(at as u64);
                self.decoded.clear();
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "invalid text",
                ));
            }
            (result == DecoderResult::InputEmpty, read, written)
        } else {
            let (result, read, written, _) =
                self.decoder.decode_to_utf8(source, &mut self.decoded, last);
            (
                result == encoding_rs::CoderResult::InputEmpty,
                read,
                written,
            )
        };
        self.decoded.truncate(written);
        self.taken += read;
        self.offset += read;
        // With a buffer of the decoder's own maximum size, all of `source` is decoded at once;
        // the end comes with the call that was told the input ended.
        self.finished = last && done;
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.start < self.decoded.len() {
                let count = out.len().min(self.decoded.len() - self.start);
                out[..count].copy_from_slice(&self.decoded[self.start..self.start + count]);
                self.start += count;
                return Ok(count);
            }
            if self.finished || out.is_empty() {
                return Ok(0);
            }
            self.fill()?;
        }
    }
}
