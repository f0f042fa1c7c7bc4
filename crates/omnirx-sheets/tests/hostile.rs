//! Hostile and broken files: each one ends in its own `ReadError`, fast and without a panic.

mod common;

use common::{read, read_with};
use omnirx_sheets::{sniff, Limits, ReadChoices, ReadError, SheetFormat};
use omnirx_testkit::sheets;

fn not_a_spreadsheet(what: Option<&str>) -> Result<omnirx_sheets::Workbook, ReadError> {
    Err(ReadError::NotASpreadsheet {
        looks_like: what.map(str::to_string),
    })
}

#[test]
fn a_png_named_xlsx_is_a_png() {
    let bytes = sheets::png_image();
    assert_eq!(sniff(&bytes), None);
    assert_eq!(
        read("report.xlsx", &bytes),
        not_a_spreadsheet(Some("PNG image"))
    );
}

#[test]
fn other_known_files_are_named() {
    let cases: [(&[u8], &str); 4] = [
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "PDF document"),
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\x1F\x8B\x08\x00\x00\x00", "gzip archive"),
    ];
    for (bytes, what) in cases {
        assert_eq!(read("data.csv", bytes), not_a_spreadsheet(Some(what)));
    }
    let zip = sheets::zip_of(&[("readme.txt", b"hello")]);
    assert_eq!(
        read("data.xlsx", &zip),
        not_a_spreadsheet(Some("ZIP archive"))
    );
    let docx = sheets::zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w/>"),
    ]);
    assert_eq!(
        read("data.xlsx", &docx),
        not_a_spreadsheet(Some("Word document"))
    );
    assert_eq!(
        read("data.xls", &sheets::word_ole()),
        not_a_spreadsheet(Some("Office document"))
    );
}

#[test]
fn binary_garbage_is_not_a_spreadsheet() {
    let mut random = omnirx_core::domain::demo::Random::new(3);
    let garbage: Vec<u8> = (0..4_096).map(|_| random.next_u64() as u8).collect();
    assert_eq!(sniff(&garbage), None);
    assert_eq!(read("data.csv", &garbage), not_a_spreadsheet(None));
    // NUL bytes that are not UTF-16's pattern.
    assert_eq!(
        read("data.csv", b"a,b\n\x00\x00\x00\x00c,d\x00\n"),
        not_a_spreadsheet(None)
    );
}

#[test]
fn truncated_and_corrupt_workbooks_are_damaged() {
    for bytes in [sheets::truncated_xlsx(), sheets::corrupt_xlsx()] {
        assert_eq!(sniff(&bytes), Some(SheetFormat::Xlsx));
        let result = read("visits.xlsx", &bytes);
        assert!(
            matches!(result, Err(ReadError::Corrupt { .. })),
            "{result:?}"
        );
    }
    let mut xls = sheets::features_xls();
    xls.truncate(xls.len() / 3);
    assert!(matches!(
        read("a.xls", &xls),
        Err(ReadError::Corrupt { .. })
    ));
}

#[test]
fn an_encrypted_xlsx_is_password_protected() {
    let bytes = sheets::encrypted_xlsx();
    assert_eq!(sniff(&bytes), Some(SheetFormat::Xlsx));
    assert_eq!(
        read("secret.xlsx", &bytes),
        Err(ReadError::PasswordProtected)
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    let bytes = sheets::zip_bomb_xlsx();
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    let started = std::time::Instant::now();
    let result = read("bomb.xlsx", &bytes);
    let Err(ReadError::InflatesTooMuch { inflated, limit }) = result else {
        panic!("{result:?}");
    };
    assert!(inflated > limit, "{inflated} > {limit}");
    assert!(started.elapsed().as_secs() < 2);
    // Honest sizes, but inflating about 1,000 times: over the ratio cap.
    let result = read("ratio.xlsx", &sheets::high_ratio_xlsx());
    assert!(
        matches!(result, Err(ReadError::InflatesTooMuch { .. })),
        "{result:?}"
    );
    // The same file passes with caps that allow it, and then is simply not a worksheet.
    let limits = Limits {
        max_inflation_ratio: 10_000,
        ..Limits::default()
    };
    let result = read_with(
        "ratio.xlsx",
        &sheets::high_ratio_xlsx(),
        &ReadChoices::default(),
        &limits,
    );
    assert!(
        matches!(result, Err(ReadError::Corrupt { .. })),
        "{result:?}"
    );
}

#[test]
fn a_sparse_sheet_is_refused_by_the_caps_without_allocating_its_range() {
    let bytes = sheets::sparse_xlsx();
    assert!(bytes.len() < 16 * 1024);
    assert_eq!(
        read("sparse.xlsx", &bytes),
        Err(ReadError::TooManyColumns {
            sheet: "Sheet1".into(),
            row: 1_048_576,
            limit: 512
        })
    );
    let limits = Limits {
        max_rows: 1_000,
        max_columns: 16_384,
        ..Limits::default()
    };
    assert_eq!(
        read_with("sparse.xlsx", &bytes, &ReadChoices::default(), &limits),
        Err(ReadError::TooManyRows {
            sheet: "Sheet1".into(),
            limit: 1_000
        })
    );
}

#[test]
fn xls_records_that_would_exhaust_or_crash_calamine_are_refused() {
    let result = read("huge.xls", &sheets::huge_dimensions_xls());
    let Err(ReadError::InflatesTooMuch { inflated, limit }) = result else {
        panic!("{result:?}");
    };
    assert_eq!(limit, Limits::default().max_inflated_bytes);
    assert!(inflated > 40 * u64::from(u32::MAX), "{inflated}");
    let result = read("backwards.xls", &sheets::backwards_dimensions_xls());
    assert!(
        matches!(result, Err(ReadError::Corrupt { ref detail }) if detail.contains("DIMENSIONS")),
        "{result:?}"
    );
}

#[test]
fn the_caps_hold_for_xls_and_ods_too() {
    let limits = Limits {
        max_columns: 4,
        ..Limits::default()
    };
    for bytes in [sheets::features_xls(), sheets::features_ods()] {
        let result = read_with("a", &bytes, &ReadChoices::default(), &limits);
        assert!(
            matches!(result, Err(ReadError::TooManyColumns { ref sheet, limit: 4, .. }) if sheet == "Visits"),
            "{result:?}"
        );
    }
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let result = read_with(
        "a.xlsx",
        &sheets::features_xlsx(),
        &ReadChoices::default(),
        &limits,
    );
    assert!(matches!(
        result,
        Err(ReadError::FileTooLarge { limit: 100, .. })
    ));
}

#[test]
fn no_cut_or_flipped_byte_makes_the_reader_panic() {
    let mut random = omnirx_core::domain::demo::Random::new(5);
    for bytes in [
        sheets::features_xlsx(),
        sheets::features_xls(),
        sheets::features_ods(),
        sheets::chinese_interactions_gbk_csv(20),
    ] {
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let _ = read("a", &bytes[..cut]);
        }
        for _ in 0..400 {
            let mut damaged = bytes.clone();
            for _ in 0..3 {
                let at = random.below(damaged.len());
                damaged[at] = random.next_u64() as u8;
            }
            let _ = read("a", &damaged);
        }
    }
}
