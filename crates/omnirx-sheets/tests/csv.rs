//! Delimited text: encodings (detected and chosen), delimiters, RFC 4180 quoting, ragged rows,
//! formulas kept as text, bad text with its offset, the caps, and progress with cancellation.

mod common;

use common::{only_table, read, read_with, strings, texts, utf16};
use omnirx_sheets::{
    detect_delimiter, detect_encoding, read_workbook, sniff, Limits, ReadChoices, ReadError,
    ReadProgress, SheetFormat, TextEncoding, TextLayout,
};
use omnirx_testkit::sheets;

const CHINESE: &str =
    "医院,医生姓名,备注\r\n瑞金医院,王芳,\"关注数据，下月再访\"\r\n华山医院,李娜,\r\n";

fn chinese_rows() -> Vec<Vec<String>> {
    strings(&[
        &["医院", "医生姓名", "备注"],
        &["瑞金医院", "王芳", "关注数据，下月再访"],
        &["华山医院", "李娜"],
    ])
}

fn layout(bytes: &[u8]) -> TextLayout {
    read("visits.csv", bytes).unwrap().text.unwrap()
}

#[test]
fn utf8_without_a_byte_order_mark_is_detected() {
    let bytes = CHINESE.as_bytes();
    assert_eq!(detect_encoding(bytes), (TextEncoding::Utf8, false));
    let workbook = read("visits.csv", bytes).unwrap();
    assert_eq!(workbook.format, SheetFormat::Csv);
    assert_eq!(
        workbook.text,
        Some(TextLayout {
            encoding: TextEncoding::Utf8,
            byte_order_mark: false,
            delimiter: b','
        })
    );
    assert_eq!(workbook.sheets[0].name, "visits");
    assert_eq!(texts(&workbook.sheets[0]), chinese_rows());
}

#[test]
fn a_utf8_byte_order_mark_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(CHINESE.as_bytes());
    assert_eq!(detect_encoding(&bytes), (TextEncoding::Utf8, true));
    assert!(layout(&bytes).byte_order_mark);
    let table = only_table("visits.csv", &bytes);
    assert_eq!(texts(&table), chinese_rows(), "no U+FEFF before 医院");
}

#[test]
fn utf16_with_a_byte_order_mark_reads_in_both_byte_orders() {
    for (little_endian, encoding) in [
        (true, TextEncoding::Utf16Le),
        (false, TextEncoding::Utf16Be),
    ] {
        let bytes = utf16(CHINESE, little_endian, true);
        assert_eq!(detect_encoding(&bytes), (encoding, true));
        assert_eq!(layout(&bytes).encoding, encoding);
        assert_eq!(texts(&only_table("v.csv", &bytes)), chinese_rows());
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_told_by_its_nul_bytes() {
    let bytes = utf16(CHINESE, true, false);
    assert_eq!(detect_encoding(&bytes), (TextEncoding::Utf16Le, false));
    assert_eq!(texts(&only_table("v.csv", &bytes)), chinese_rows());
    let bytes = utf16("Account\tUnits\r\nRuijin\t12\r\n", false, false);
    assert_eq!(layout(&bytes).encoding, TextEncoding::Utf16Be);
    assert_eq!(layout(&bytes).delimiter, b'\t');
}

#[test]
fn gbk_without_a_byte_order_mark_reads_back_exactly() {
    let bytes = sheets::chinese_interactions_gbk_csv(300);
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_eq!(detect_encoding(&bytes), (TextEncoding::Gb18030, false));
    let workbook = read("拜访记录.csv", &bytes).unwrap();
    assert_eq!(
        workbook.text,
        Some(TextLayout {
            encoding: TextEncoding::Gb18030,
            byte_order_mark: false,
            delimiter: b','
        })
    );
    let expected: Vec<Vec<String>> = sheets::chinese_interactions_rows(300)
        .into_iter()
        .map(|mut row| {
            // Trailing empty cells are not kept.
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
            row
        })
        .collect();
    assert_eq!(texts(&workbook.sheets[0]), expected);
    assert_eq!(workbook.sheets[0].name, "拜访记录");
}

#[test]
fn each_delimiter_is_detected() {
    for delimiter in [",", ";", "\t", "|"] {
        let text = ["Account", "Physician", "Units"].join(delimiter)
            + "\r\n"
            + &["Ruijin", "Wang Fang", "12"].join(delimiter)
            + "\r\n"
            + &["Huashan", "Li Na", "7"].join(delimiter)
            + "\r\n";
        let table = only_table("a.csv", text.as_bytes());
        assert_eq!(layout(text.as_bytes()).delimiter, delimiter.as_bytes()[0]);
        assert_eq!(
            texts(&table)[1],
            strings(&[&["Ruijin", "Wang Fang", "12"]])[0]
        );
    }
}

#[test]
fn delimiter_detection_prefers_consistent_counts_then_more_fields_then_comma() {
    // Decimal commas in a semicolon file: the header has no comma, so `;` is more consistent.
    assert_eq!(
        detect_delimiter(
            "Monat;Umsatz;Notiz\n2025-01;1,5;gut\n2025-02;2,5;ok\n",
            true
        ),
        b';'
    );
    // One comma in every line of a tab file: both consistent, tab gives more fields.
    assert_eq!(
        detect_delimiter("Smith, John\t12\tA\nDoe, Jane\t7\tB\n", true),
        b'\t'
    );
    // A comma and a semicolon in every line, both splitting in two: comma first.
    assert_eq!(detect_delimiter("a,b;c\nd,e;f\n", true), b',');
    // A quoted delimiter does not count.
    assert_eq!(detect_delimiter("\"a;b\",c\n\"d;e\",f\n", true), b',');
    // One column: comma.
    assert_eq!(detect_delimiter("Account\nRuijin\n", true), b',');
    // A cut-off last record of a sample is left out.
    assert_eq!(detect_delimiter("a|b\nc|d\ne;f;g;h;i", false), b'|');
}

#[test]
fn choices_override_the_detection() {
    let choices = ReadChoices {
        encoding: None,
        delimiter: Some(b';'),
    };
    let workbook = read_with("a.csv", b"a;b,c\n1;2,3\n", &choices, &Limits::default()).unwrap();
    assert_eq!(
        texts(&workbook.sheets[0]),
        strings(&[&["a", "b,c"], &["1", "2,3"]])
    );
    assert_eq!(workbook.text.unwrap().delimiter, b';');

    // UTF-8 text read as GB18030 because the user said so: no error, other characters.
    let choices = ReadChoices {
        encoding: Some(TextEncoding::Gb18030),
        delimiter: None,
    };
    let workbook = read_with("a.csv", CHINESE.as_bytes(), &choices, &Limits::default()).unwrap();
    assert_eq!(workbook.text.unwrap().encoding, TextEncoding::Gb18030);
    assert_ne!(texts(&workbook.sheets[0]), chinese_rows());

    // GBK bytes read as UTF-8 because the user said so: the first invalid byte is named.
    let choices = ReadChoices {
        encoding: Some(TextEncoding::Utf8),
        delimiter: None,
    };
    let bytes = sheets::gbk("Account,王芳\r\n");
    assert_eq!(
        read_with("a.csv", &bytes, &choices, &Limits::default()),
        Err(ReadError::BadText {
            encoding: TextEncoding::Utf8,
            byte: 8
        })
    );

    // A chosen UTF-16 file without a byte-order mark that the sniffer takes for binary.
    let choices = ReadChoices {
        encoding: Some(TextEncoding::Utf16Le),
        delimiter: None,
    };
    let bytes = utf16("医院\r\n瑞金\r\n", true, false);
    let workbook = read_with("a.csv", &bytes, &choices, &Limits::default()).unwrap();
    assert_eq!(texts(&workbook.sheets[0]), strings(&[&["医院"], &["瑞金"]]));
}

#[test]
fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
    let text = "Name,Notes,Units\r\n\"Wang, Fang\",\"said \"\"call me\"\"\r\nnext week\",3\r\n\"\",\"\",\r\nLi,\"a\nb\",\"1,234\"\r\n";
    let table = only_table("a.csv", text.as_bytes());
    assert_eq!(
        texts(&table),
        strings(&[
            &["Name", "Notes", "Units"],
            &["Wang, Fang", "said \"call me\"\r\nnext week", "3"],
            &[],
            &["Li", "a\nb", "1,234"],
        ])
    );
}

#[test]
fn ragged_rows_are_kept_and_blank_lines_skipped() {
    let table = only_table("ragged.csv", &sheets::ragged_csv());
    let lengths: Vec<usize> = table.rows().map(|row| row.len()).collect();
    assert_eq!(lengths, vec![3, 2, 4]);
    assert_eq!(table.row(2).cell(3), omnirx_sheets::Cell::Text("extra"));
    let table = only_table("a.csv", b"a,b\n\n\nc,d\n");
    assert_eq!(texts(&table), strings(&[&["a", "b"], &["c", "d"]]));
}

#[test]
fn formulas_and_markup_stay_the_text_they_are() {
    let table = only_table("injection.csv", &sheets::injection_csv());
    assert_eq!(texts(&table), sheets::injection_rows());
    for row in table.rows() {
        for cell in row.cells() {
            assert!(matches!(cell, omnirx_sheets::Cell::Text(_)));
        }
    }
}

#[test]
fn numbers_in_csv_are_text() {
    let table = only_table("a.csv", b"Units,Value\n12,\"1,234.50\"\n");
    assert_eq!(table.row(1).cell(0), omnirx_sheets::Cell::Text("12"));
    assert_eq!(table.row(1).cell(1), omnirx_sheets::Cell::Text("1,234.50"));
}

#[test]
fn mixed_encodings_read_as_gb18030_or_fail_at_the_first_gbk_byte_when_utf8_is_chosen() {
    let (bytes, offset) = sheets::mixed_encoding_csv();
    let workbook = read("mixed.csv", &bytes).unwrap();
    assert_eq!(workbook.text.unwrap().encoding, TextEncoding::Gb18030);
    let rows = texts(&workbook.sheets[0]);
    assert_eq!(rows[2], strings(&[&["华山医院", "李娜"]])[0]);
    assert_ne!(
        rows[1],
        strings(&[&["瑞金医院", "王芳"]])[0],
        "UTF-8 read as GBK"
    );
    let choices = ReadChoices {
        encoding: Some(TextEncoding::Utf8),
        delimiter: None,
    };
    assert_eq!(
        read_with("mixed.csv", &bytes, &choices, &Limits::default()),
        Err(ReadError::BadText {
            encoding: TextEncoding::Utf8,
            byte: offset
        })
    );
}

#[test]
fn invalid_utf16_is_bad_text_at_its_offset() {
    let mut bytes = utf16("a,b\r\n", true, true);
    let offset = bytes.len() as u64;
    bytes.extend([0x00, 0xD8, b'c', 0]); // an unpaired high surrogate, then "c"
    assert_eq!(
        read("a.csv", &bytes),
        Err(ReadError::BadText {
            encoding: TextEncoding::Utf16Le,
            byte: offset
        })
    );
    // After a UTF-8 byte-order mark, invalid UTF-8 is bad text too (the mark is certain).
    assert_eq!(
        read("a.csv", b"\xEF\xBB\xBFa,b\n\xFF\n"),
        Err(ReadError::BadText {
            encoding: TextEncoding::Utf8,
            byte: 7
        })
    );
}

#[test]
fn the_caps_on_rows_columns_and_size_hold() {
    let limits = Limits {
        max_rows: 2,
        ..Limits::default()
    };
    assert_eq!(
        read_with("a.csv", b"a\nb\nc\n", &ReadChoices::default(), &limits),
        Err(ReadError::TooManyRows {
            sheet: "a".into(),
            limit: 2
        })
    );
    assert!(read_with("a.csv", b"a\nb\n", &ReadChoices::default(), &limits).is_ok());
    let limits = Limits {
        max_columns: 3,
        ..Limits::default()
    };
    assert_eq!(
        read_with("a.csv", b"a,b\nc,d,e,f\n", &ReadChoices::default(), &limits),
        Err(ReadError::TooManyColumns {
            sheet: "a".into(),
            row: 2,
            limit: 3
        })
    );
    let limits = Limits {
        max_file_bytes: 5,
        ..Limits::default()
    };
    assert_eq!(
        read_with("a.csv", b"a,b\nc,d\n", &ReadChoices::default(), &limits),
        Err(ReadError::FileTooLarge { bytes: 8, limit: 5 })
    );
}

#[test]
fn progress_is_reported_every_20000_rows_and_false_cancels() {
    // Short rows, so that 20,000 of them come before 2 MB.
    let text: String = std::iter::once("编号,医生\r\n".to_string())
        .chain((0..50_000).map(|index| format!("{index},王芳\r\n")))
        .collect();
    for bytes in [text.clone().into_bytes(), sheets::gbk(&text)] {
        let mut reports: Vec<ReadProgress> = Vec::new();
        let workbook = read_workbook(
            "a.csv",
            &bytes,
            &ReadChoices::default(),
            &Limits::default(),
            &mut |progress| {
                reports.push(progress);
                true
            },
        )
        .unwrap();
        assert_eq!(workbook.sheets[0].row_count(), 50_001);
        let counted: Vec<u64> = reports.iter().map(|report| report.rows).collect();
        assert_eq!(counted, vec![20_000, 40_000, 50_001]);
        assert!(reports
            .windows(2)
            .all(|pair| pair[0].bytes_done <= pair[1].bytes_done));
        let last = reports.last().unwrap();
        assert_eq!(last.bytes_done, bytes.len() as u64);
        assert_eq!(last.bytes_total, bytes.len() as u64);
        assert!(reports[0].bytes_done > 0 && reports[0].bytes_done < last.bytes_done);

        let mut calls = 0;
        let result = read_workbook(
            "a.csv",
            &bytes,
            &ReadChoices::default(),
            &Limits::default(),
            &mut |_| {
                calls += 1;
                false
            },
        );
        assert_eq!(result, Err(ReadError::Cancelled));
        assert_eq!(calls, 1, "stops at the first report");
    }
}

#[test]
fn wide_rows_are_reported_every_2_mb() {
    let row = "x".repeat(1_000) + "\n";
    let bytes = row.repeat(5_000).into_bytes();
    let mut reports = 0;
    read_workbook(
        "a.csv",
        &bytes,
        &ReadChoices::default(),
        &Limits::default(),
        &mut |_| {
            reports += 1;
            true
        },
    )
    .unwrap();
    assert_eq!(reports, 2 + 1, "5 MB: at 2 and 4 MB, then the end");
}

#[test]
fn an_empty_file_is_one_empty_table() {
    assert_eq!(sniff(b""), Some(SheetFormat::Csv));
    let table = only_table("empty.csv", b"");
    assert_eq!(table.row_count(), 0);
    let table = only_table("bom.csv", b"\xEF\xBB\xBF");
    assert_eq!(table.row_count(), 0);
}

#[test]
fn gbk_after_the_first_64_kb_of_ascii_is_read_as_gb18030_from_the_start() {
    // 100 KB of ASCII rows, then Chinese names in GBK: the start looks like UTF-8.
    let mut text = String::from("code,name\r\n");
    let mut index = 0;
    while text.len() < 100 * 1024 {
        text.push_str(&format!("{index},Wang Fang\r\n"));
        index += 1;
    }
    text.push_str("99999,王芳\r\n");
    let bytes = sheets::gbk(&text);
    assert!(std::str::from_utf8(&bytes[..64 * 1024]).is_ok());
    let workbook = read("late.csv", &bytes).unwrap();
    assert_eq!(workbook.text.unwrap().encoding, TextEncoding::Gb18030);
    let rows = texts(&workbook.sheets[0]);
    assert_eq!(rows.last().unwrap(), &strings(&[&["99999", "王芳"]])[0]);
    assert_eq!(rows.len(), index + 2);
}

/// A file that fails to read after its first `good` bytes, as a browser file deleted or changed
/// on disk while being read does.
struct FailingSource {
    bytes: Vec<u8>,
    good: u64,
}

impl omnirx_sheets::Source for FailingSource {
    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError> {
        if start + out.len() as u64 > self.good {
            return Err(ReadError::Unreadable {
                detail: "NotReadableError".into(),
            });
        }
        (&self.bytes[..]).read_at(start, out)
    }
}

#[test]
fn a_file_that_stops_being_readable_is_unreadable_not_damaged() {
    let bytes = sheets::chinese_interactions_gbk_csv(50_000);
    for good in [0, 70 * 1024, bytes.len() as u64 / 2] {
        let source = FailingSource {
            bytes: bytes.clone(),
            good,
        };
        let read = omnirx_sheets::read_source(
            "visits.csv",
            &source,
            &ReadChoices::default(),
            &Limits::default(),
            &mut |_| true,
        );
        assert_eq!(
            read.unwrap_err(),
            ReadError::Unreadable {
                detail: "NotReadableError".into()
            },
            "failing after {good} bytes"
        );
    }
}
