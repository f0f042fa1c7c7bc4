//! The CSV writer for list exports: hand-written expected bytes for every rule, and generated
//! tables read back with a small strict RFC 4180 reader to prove that nothing is lost.

use omnirx_core::domain::csv_export::*;
use proptest::prelude::*;

const BOM: &str = "\u{feff}";

/// Written out here rather than taken from the module, so that a change there fails a test.
const DANGEROUS_FIRST_CHARACTERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

fn text(value: &str) -> CsvCell {
    CsvCell::Text(value.to_string())
}

fn table(headers: &[&str], rows: Vec<Vec<CsvCell>>) -> CsvTable {
    CsvTable {
        headers: headers.iter().map(|header| header.to_string()).collect(),
        rows,
    }
}

/// Writes the cell in a two-column row and returns its field as written. The second column keeps
/// the one-column rule for empty fields (see `an_empty_field_alone_…`) out of the way.
fn written_cell(cell: CsvCell) -> String {
    let csv = write_csv(&table(&["x", "y"], vec![vec![cell, text("end")]]));
    let body = csv
        .strip_prefix("\u{feff}x,y\r\n")
        .expect("the header record comes first");
    body.strip_suffix(",end\r\n")
        .expect("the record ends with the second field and CRLF")
        .to_string()
}

/// A strict RFC 4180 reader: it expects the byte-order mark, CRLF after every record, and no
/// quote, CR or LF in an unquoted field, so that it also catches a writer that is too lax.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix(BOM)
        .expect("the CSV starts with the byte-order mark");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = body.chars().peekable();
    while chars.peek().is_some() {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("a quoted field is closed") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    other => field.push(other),
                }
            }
        } else {
            while let Some(&next) = chars.peek() {
                if next == ',' || next == '\r' {
                    break;
                }
                assert!(
                    next != '"' && next != '\n',
                    "an unquoted field holds {next:?} in {text:?}"
                );
                field.push(next);
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF in {text:?}");
                records.push(std::mem::take(&mut record));
            }
            other => panic!("after a field came {other:?} in {text:?}"),
        }
    }
    assert!(record.is_empty(), "the last record has no CRLF in {text:?}");
    records
}

/// What a text cell reads back as: itself, after an apostrophe if it could start a formula.
fn guarded(value: &str) -> String {
    match value.chars().next() {
        Some(first) if DANGEROUS_FIRST_CHARACTERS.contains(&first) => format!("'{value}"),
        _ => value.to_string(),
    }
}

#[test]
fn the_reader_used_by_these_tests_reads_rfc_4180() {
    assert_eq!(
        read_csv("\u{feff}a,\"b,\"\"c\"\"\",\r\n\"\",\"x\r\ny\",z\r\n"),
        vec![vec!["a", "b,\"c\"", ""], vec!["", "x\r\ny", "z"]]
    );
    assert_eq!(read_csv(BOM), Vec::<Vec<String>>::new());
}

#[test]
fn a_plain_table_is_comma_separated_with_crlf_after_every_record() {
    let csv = write_csv(&table(
        &["name", "units", "value", "note"],
        vec![
            vec![
                text("Wang"),
                CsvCell::Integer(12),
                CsvCell::Decimal(3.5, 2),
                CsvCell::Empty,
            ],
            vec![
                text("Li"),
                CsvCell::Integer(0),
                CsvCell::Decimal(10.0, 0),
                text("ok"),
            ],
        ],
    ));
    assert_eq!(
        csv,
        "\u{feff}name,units,value,note\r\nWang,12,3.50,\r\nLi,0,10,ok\r\n"
    );
}

#[test]
fn commas_quotes_and_line_breaks_inside_a_field_are_quoted() {
    let cases = [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("a\rb", "\"a\rb\""),
        ("a\nb", "\"a\nb\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("line\r\n", "\"line\r\n\""),
        ("in side", "in side"),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("tab\tinside", "tab\tinside"),
        ("it's", "it's"),
    ];
    for (input, expected) in cases {
        assert_eq!(escape_text_field(input), expected, "{input:?}");
        assert_eq!(written_cell(text(input)), expected, "{input:?}");
    }
    let csv = write_csv(&table(
        &["a", "b"],
        vec![vec![text("1,2"), text("x\r\ny \"z\"")]],
    ));
    assert_eq!(csv, "\u{feff}a,b\r\n\"1,2\",\"x\r\ny \"\"z\"\"\"\r\n");
}

#[test]
fn every_dangerous_first_character_gets_an_apostrophe_then_quoting() {
    let cases = [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("-", "'-"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("\r\n=1", "\"'\r\n=1\""),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠cmd", "'＠cmd"),
        ("=1,2", "\"'=1,2\""),
        ("=A1 ", "\"'=A1 \""),
        (
            "=HYPERLINK(\"http://x.test\",\"a,b\")",
            "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"a,b\"\")\"",
        ),
        ("-5", "'-5"),
    ];
    for (input, expected) in cases {
        assert_eq!(escape_text_field(input), expected, "{input:?}");
        assert_eq!(written_cell(text(input)), expected, "{input:?}");
    }
    for first in DANGEROUS_FIRST_CHARACTERS {
        let input = format!("{first}x");
        assert!(
            escape_text_field(&input)
                .trim_start_matches('"')
                .starts_with('\''),
            "{input:?} is not guarded"
        );
    }
    assert_eq!(FORMULA_TRIGGERS, DANGEROUS_FIRST_CHARACTERS);
}

#[test]
fn only_the_first_character_decides_the_guard() {
    let cases = [
        ("a=1", "a=1"),
        ("x-1", "x-1"),
        ("mail@example.test", "mail@example.test"),
        (" =1", "\" =1\""),
        ("'=1", "'=1"),
        ("王=1", "王=1"),
    ];
    for (input, expected) in cases {
        assert_eq!(escape_text_field(input), expected, "{input:?}");
    }
}

#[test]
fn negative_numbers_are_numbers_and_never_get_an_apostrophe() {
    let cases = [
        (CsvCell::Integer(-5), "-5"),
        (CsvCell::Integer(i64::MIN), "-9223372036854775808"),
        (CsvCell::Integer(i64::MAX), "9223372036854775807"),
        (CsvCell::Decimal(-1.25, 2), "-1.25"),
        (CsvCell::Decimal(-1.0, 0), "-1"),
        (CsvCell::Decimal(2.0 / 3.0, 3), "0.667"),
        (CsvCell::Decimal(1e21, 0), "1000000000000000000000"),
        (CsvCell::Decimal(1e-7, 2), "0.00"),
        // A value that rounds to zero loses its sign rather than showing "-0.00".
        (CsvCell::Decimal(-0.001, 2), "0.00"),
        (CsvCell::Decimal(-0.0, 0), "0"),
    ];
    for (cell, expected) in cases {
        assert_eq!(written_cell(cell.clone()), expected, "{cell:?}");
    }
}

#[test]
fn non_finite_decimals_are_written_as_empty_fields() {
    let csv = write_csv(&table(
        &["a", "b", "c", "d"],
        vec![vec![
            CsvCell::Decimal(f64::NAN, 2),
            CsvCell::Decimal(f64::INFINITY, 0),
            CsvCell::Decimal(f64::NEG_INFINITY, 1),
            CsvCell::Decimal(1.5, 1),
        ]],
    ));
    assert_eq!(csv, "\u{feff}a,b,c,d\r\n,,,1.5\r\n");
}

#[test]
fn chinese_text_and_emoji_are_preserved() {
    let csv = write_csv(&table(
        &["医生", "备注"],
        vec![vec![text("王芳"), text("👩‍⚕️ 拜访, 很好")]],
    ));
    assert_eq!(csv, "\u{feff}医生,备注\r\n王芳,\"👩‍⚕️ 拜访, 很好\"\r\n");
    assert_eq!(
        read_csv(&csv),
        vec![vec!["医生", "备注"], vec!["王芳", "👩‍⚕️ 拜访, 很好"]]
    );
}

#[test]
fn the_byte_order_mark_is_written_once_at_the_start() {
    assert_eq!(BYTE_ORDER_MARK, '\u{feff}');
    let tables = [
        table(&["a"], vec![]),
        table(&["a", "b"], vec![vec![text("x"), text("y")]; 3]),
        table(&[], vec![]),
    ];
    for table in tables {
        let csv = write_csv(&table);
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "{csv:?}");
        assert_eq!(csv.matches(BYTE_ORDER_MARK).count(), 1, "{csv:?}");
    }
}

#[test]
fn the_last_record_ends_with_crlf_too() {
    assert_eq!(write_csv(&table(&["a"], vec![])), "\u{feff}a\r\n");
    assert_eq!(
        write_csv(&table(&["a"], vec![vec![text("x")]])),
        "\u{feff}a\r\nx\r\n"
    );
}

#[test]
fn short_rows_are_padded_with_empty_fields() {
    let csv = write_csv(&table(
        &["a", "b", "c"],
        vec![
            vec![text("x")],
            vec![],
            vec![text("1"), CsvCell::Integer(2)],
        ],
    ));
    assert_eq!(csv, "\u{feff}a,b,c\r\nx,,\r\n,,\r\n1,2,\r\n");
}

#[test]
fn an_empty_field_alone_in_its_record_is_quoted_so_the_row_is_not_a_blank_line() {
    let csv = write_csv(&table(
        &["note"],
        vec![
            vec![CsvCell::Empty],
            vec![text("")],
            vec![],
            vec![CsvCell::Decimal(f64::NAN, 1)],
        ],
    ));
    assert_eq!(csv, "\u{feff}note\r\n\"\"\r\n\"\"\r\n\"\"\r\n\"\"\r\n");
    assert_eq!(read_csv(&csv).len(), 5);
}

#[test]
fn a_table_without_columns_is_the_byte_order_mark_alone() {
    assert_eq!(write_csv(&table(&[], vec![])), BOM);
    assert_eq!(write_csv(&CsvTable::default()), BOM);
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "columns")]
fn a_row_longer_than_the_headers_is_a_programming_error() {
    write_csv(&table(&["a"], vec![vec![text("x"), text("y")]]));
}

#[test]
#[cfg(not(debug_assertions))]
fn a_row_longer_than_the_headers_is_truncated_in_release_builds() {
    let csv = write_csv(&table(&["a"], vec![vec![text("x"), text("y")]]));
    assert_eq!(csv, "\u{feff}a\r\nx\r\n");
}

#[test]
fn headers_are_escaped_like_text_cells() {
    let csv = write_csv(&table(
        &["=cmd", "a,b", "say \"x\"", "－1", "@", " pad", "plain"],
        vec![],
    ));
    assert_eq!(
        csv,
        "\u{feff}'=cmd,\"a,b\",\"say \"\"x\"\"\",'－1,'@,\" pad\",plain\r\n"
    );
}

/// Text that tries every rule: the special characters, the triggers, spaces, Chinese, emoji,
/// and arbitrary Unicode.
fn awkward_text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "=+-@\t\r\n,\" 'ab王芳＝＋－＠\u{feff}👩‍⚕️".chars().collect();
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(alphabet), 0..12)
            .prop_map(String::from_iter),
        any::<String>(),
    ]
}

fn any_cell() -> impl Strategy<Value = CsvCell> {
    prop_oneof![
        3 => awkward_text().prop_map(CsvCell::Text),
        1 => any::<i64>().prop_map(CsvCell::Integer),
        1 => (any::<f64>(), 0u8..7).prop_map(|(value, decimals)| CsvCell::Decimal(value, decimals)),
        1 => Just(CsvCell::Empty),
    ]
}

fn any_table() -> impl Strategy<Value = CsvTable> {
    (1usize..5).prop_flat_map(|columns| {
        (
            proptest::collection::vec(awkward_text(), columns),
            proptest::collection::vec(proptest::collection::vec(any_cell(), 0..=columns), 0..6),
        )
            .prop_map(|(headers, rows)| CsvTable { headers, rows })
    })
}

/// Checks one field read back against the cell it came from.
fn check_field(cell: Option<&CsvCell>, field: &str) -> Result<(), TestCaseError> {
    match cell {
        None | Some(CsvCell::Empty) => prop_assert_eq!(field, ""),
        Some(CsvCell::Text(value)) => prop_assert_eq!(field, guarded(value)),
        Some(CsvCell::Integer(value)) => prop_assert_eq!(field.parse::<i64>().ok(), Some(*value)),
        Some(CsvCell::Decimal(value, _)) if !value.is_finite() => prop_assert_eq!(field, ""),
        Some(CsvCell::Decimal(value, decimals)) => {
            let decimals = usize::from(*decimals);
            let fraction = field.split_once('.').map(|(_, fraction)| fraction);
            prop_assert_eq!(fraction.map_or(0, str::len), decimals, "{}", field);
            prop_assert!(
                field
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.'),
                "{}",
                field
            );
            prop_assert!(
                !field.starts_with('-') || field.bytes().any(|b| (b'1'..=b'9').contains(&b)),
                "negative zero in {}",
                field
            );
            let read: f64 = field.parse().expect("a decimal field parses");
            let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + value.abs() * 1e-15;
            prop_assert!((read - value).abs() <= tolerance, "{} for {}", field, value);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_written_text_field_reads_back_as_the_text_guarded_iff_it_could_start_a_formula(
        value in awkward_text(),
    ) {
        let field = escape_text_field(&value);
        let records = read_csv(&format!("{BOM}{field},\r\n"));
        prop_assert_eq!(records, vec![vec![guarded(&value), String::new()]]);
    }

    #[test]
    fn a_written_table_reads_back_field_by_field(table in any_table()) {
        let csv = write_csv(&table);
        prop_assert!(csv.starts_with(BYTE_ORDER_MARK));
        prop_assert!(csv.ends_with("\r\n"));
        let records = read_csv(&csv);
        prop_assert_eq!(records.len(), table.rows.len() + 1);
        let columns = table.headers.len();
        let expected_headers: Vec<String> = table.headers.iter().map(|h| guarded(h)).collect();
        prop_assert_eq!(&records[0], &expected_headers);
        for (row, record) in table.rows.iter().zip(&records[1..]) {
            prop_assert_eq!(record.len(), columns);
            for (index, field) in record.iter().enumerate() {
                check_field(row.get(index), field)?;
            }
        }
    }
}
