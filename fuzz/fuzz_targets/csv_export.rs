//! Arbitrary tables → `write_csv`: it must not panic, and its text must be strict RFC 4180 that
//! reads back to what the writer meant.
//!
//! Read back with the strict reader below (byte-order mark first, CRLF after every record, no
//! quote, CR or LF in an unquoted field, nothing between a closing quote and the separator):
//! - one record for the headers and one per row, each with exactly one field per header, and no
//!   record an empty line (a one-column table writes an empty field as `""`);
//! - a text field (header or text cell) reads back as the text, with an apostrophe in front when
//!   it starts with a formula trigger (`= + - @`, tab, CR or their full-width forms); so no text
//!   field ever starts with a trigger, while a number may start with `-`;
//! - each text field is written exactly as `escape_text_field` writes it, and quoted only when it
//!   must be (comma, quote, CR, LF, or a space at either end);
//! - integers read back as the same integer; decimals have exactly the asked count of decimals,
//!   no exponent, no negative zero, and read back within half a unit of the last decimal;
//!   NaN and infinities are empty fields.
//!
//! Rows are cut to the header count first: a longer row is a caller's bug that `write_csv`
//! catches with a `debug_assert!` (fuzz builds have debug assertions on).

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use omnirx_core::domain::csv_export::{
    escape_text_field, write_csv, CsvCell, CsvTable, BYTE_ORDER_MARK, FORMULA_TRIGGERS,
};

/// Written out here rather than taken from the module, so that a change there is noticed.
const DANGEROUS_FIRST_CHARACTERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

#[derive(Arbitrary, Debug)]
struct Input {
    headers: Vec<Text>,
    rows: Vec<Vec<Cell>>,
}

/// Text with a bias towards what matters here: formula triggers first and spaces at the ends.
#[derive(Arbitrary, Debug)]
enum Text {
    Plain(String),
    Triggered(u8, String),
    Spaced(String),
}

#[derive(Arbitrary, Debug)]
enum Cell {
    Text(Text),
    Integer(i64),
    Decimal(f64, u8),
    Empty,
}

impl Text {
    fn build(self) -> String {
        match self {
            Text::Plain(text) => text,
            Text::Triggered(which, text) => {
                let trigger = DANGEROUS_FIRST_CHARACTERS[usize::from(which) % 10];
                format!("{trigger}{text}")
            }
            Text::Spaced(text) => format!(" {text} "),
        }
    }
}

impl Cell {
    fn build(self) -> CsvCell {
        match self {
            Cell::Text(text) => CsvCell::Text(text.build()),
            Cell::Integer(value) => CsvCell::Integer(value),
            Cell::Decimal(value, decimals) => CsvCell::Decimal(value, decimals),
            Cell::Empty => CsvCell::Empty,
        }
    }
}

fuzz_target!(|input: Input| {
    let headers: Vec<String> = input.headers.into_iter().map(Text::build).collect();
    let columns = headers.len();
    let rows: Vec<Vec<CsvCell>> = input
        .rows
        .into_iter()
        .map(|row| row.into_iter().take(columns).map(Cell::build).collect())
        .collect();
    check(&CsvTable { headers, rows });
});

fn check(table: &CsvTable) {
    assert_eq!(FORMULA_TRIGGERS, DANGEROUS_FIRST_CHARACTERS);
    let csv = write_csv(table);
    assert_eq!(write_csv(table), csv, "the same table wrote different text");
    let body = csv
        .strip_prefix(BYTE_ORDER_MARK)
        .expect("the CSV starts with the byte-order mark");
    let columns = table.headers.len();
    if columns == 0 {
        assert_eq!(
            body, "",
            "a table without columns is the byte-order mark alone"
        );
        return;
    }

    let records = read_csv(body);
    assert_eq!(
        records.len(),
        table.rows.len() + 1,
        "record count in {csv:?}"
    );
    for record in &records {
        assert_eq!(record.len(), columns, "field count in {csv:?}");
        assert!(
            record.len() > 1 || !record[0].raw.is_empty(),
            "a blank line in {csv:?}"
        );
        for field in record {
            check_quoting(field, columns);
        }
    }
    for (header, field) in table.headers.iter().zip(&records[0]) {
        check_text(header, field, columns);
    }
    for (row, record) in table.rows.iter().zip(&records[1..]) {
        for (index, field) in record.iter().enumerate() {
            check_cell(row.get(index), field, columns);
        }
    }
}

/// A field as read: its value, whether it was quoted, and its text as written.
#[derive(Debug)]
struct Field<'a> {
    value: String,
    quoted: bool,
    raw: &'a str,
}

/// A strict RFC 4180 reader: CRLF after every record, no quote, CR or LF in an unquoted field,
/// a quoted field followed directly by a comma or CRLF. It panics on anything else.
fn read_csv(body: &str) -> Vec<Vec<Field<'_>>> {
    let bytes = body.as_bytes();
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let mut value = Vec::new();
        let quoted = bytes[at] == b'"';
        if quoted {
            at += 1;
            loop {
                match bytes.get(at) {
                    None => panic!("a quoted field is not closed in {body:?}"),
                    Some(b'"') if bytes.get(at + 1) == Some(&b'"') => {
                        value.push(b'"');
                        at += 2;
                    }
                    Some(b'"') => {
                        at += 1;
                        break;
                    }
                    Some(&byte) => {
                        value.push(byte);
                        at += 1;
                    }
                }
            }
        } else {
            while let Some(&byte) = bytes.get(at) {
                if byte == b',' || byte == b'\r' {
                    break;
                }
                assert!(
                    byte != b'"' && byte != b'\n',
                    "an unquoted field holds {:?} in {body:?}",
                    byte as char
                );
                value.push(byte);
                at += 1;
            }
        }
        // Splitting at ASCII bytes keeps the UTF-8 whole.
        let value = String::from_utf8(value).expect("fields are split at ASCII bytes");
        record.push(Field {
            value,
            quoted,
            raw: &body[start..at],
        });
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => {
                at += 2;
                records.push(std::mem::take(&mut record));
            }
            other => panic!(
                "after a field came {:?} in {body:?}",
                other.map(|&byte| byte as char)
            ),
        }
    }
    assert!(record.is_empty(), "the last record has no CRLF in {body:?}");
    records
}

fn needs_quotes(value: &str) -> bool {
    value.contains([',', '"', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ')
}

/// Quoted when it must be, and only then (or for the empty field alone in its record).
fn check_quoting(field: &Field, columns: usize) {
    if field.quoted {
        assert!(
            needs_quotes(&field.value) || (field.value.is_empty() && columns == 1),
            "quoted without need: {field:?}"
        );
    } else {
        assert!(
            !needs_quotes(&field.value),
            "not quoted but must be: {field:?}"
        );
    }
}

fn guarded(text: &str) -> String {
    match text.chars().next() {
        Some(first) if DANGEROUS_FIRST_CHARACTERS.contains(&first) => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn check_text(text: &str, field: &Field, columns: usize) {
    assert_eq!(field.value, guarded(text), "text field for {text:?}");
    // The one exception to `escape_text_field`: an empty field alone in its record is `""`.
    let raw = if text.is_empty() && columns == 1 {
        String::from("\"\"")
    } else {
        escape_text_field(text)
    };
    assert_eq!(field.raw, raw, "raw field for {text:?}");
    assert!(
        !field
            .value
            .starts_with(|first| DANGEROUS_FIRST_CHARACTERS.contains(&first)),
        "a text field starts with a formula trigger: {field:?}"
    );
}

fn check_cell(cell: Option<&CsvCell>, field: &Field, columns: usize) {
    match cell {
        None | Some(CsvCell::Empty) => assert_eq!(field.value, "", "an empty cell"),
        Some(CsvCell::Text(text)) => check_text(text, field, columns),
        Some(CsvCell::Integer(value)) => {
            assert!(!field.quoted, "a number is quoted: {field:?}");
            assert_eq!(field.value, value.to_string(), "integer {value}");
        }
        Some(CsvCell::Decimal(value, _)) if !value.is_finite() => {
            assert_eq!(field.value, "", "a non-finite decimal {value}")
        }
        Some(CsvCell::Decimal(value, decimals)) => check_decimal(*value, *decimals, field),
    }
}

fn check_decimal(value: f64, decimals: u8, field: &Field) {
    let text = field.value.as_str();
    assert!(!field.quoted, "a number is quoted: {field:?}");
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    assert!(
        !whole.is_empty() && whole.bytes().all(|byte| byte.is_ascii_digit()),
        "decimal {value} with {decimals} decimals written as {text:?}"
    );
    match fraction {
        None => assert_eq!(decimals, 0, "no decimals in {text:?}"),
        Some(fraction) => {
            assert_eq!(
                fraction.len(),
                usize::from(decimals),
                "decimals in {text:?}"
            );
            assert!(
                fraction.bytes().all(|byte| byte.is_ascii_digit()),
                "decimal {value} written as {text:?}"
            );
        }
    }
    assert!(
        !text.starts_with('-') || unsigned.bytes().any(|byte| (b'1'..=b'9').contains(&byte)),
        "negative zero: {text:?} for {value}"
    );
    let read: f64 = text.parse().expect("a decimal field parses");
    let tolerance = 0.5 * 10f64.powi(-i32::from(decimals)) + value.abs() * 1e-15;
    assert!(
        (read - value).abs() <= tolerance,
        "{text:?} for {value} with {decimals} decimals"
    );
}
