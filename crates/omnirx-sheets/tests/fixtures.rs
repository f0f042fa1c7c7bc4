//! The testkit's realistic exports read back with their row counts, headers and values.

mod common;

use common::{only_table, read, texts};
use omnirx_sheets::{Cell, SheetFormat, TextEncoding, TextLayout};
use omnirx_testkit::sheets;

fn headers(table: &omnirx_sheets::Table) -> Vec<String> {
    texts(table)[0].clone()
}

#[test]
fn the_crm_export_reads_back() {
    let workbook = read("CRM export.xlsx", &sheets::crm_interactions_xlsx(500)).unwrap();
    assert_eq!(workbook.format, SheetFormat::Xlsx);
    let table = &workbook.sheets[0];
    assert_eq!(table.name, "Interactions");
    assert_eq!(table.row_count(), 501);
    assert_eq!(headers(table), sheets::CRM_HEADERS);
    let channels: Vec<String> = table
        .rows()
        .skip(1)
        .map(|row| common::text_of(&row.cell(4)))
        .collect();
    assert!(channels
        .iter()
        .all(|c| sheets::CRM_CHANNELS.contains(&c.as_str())));
    assert!(sheets::CRM_CHANNELS
        .iter()
        .all(|c| channels.iter().any(|seen| seen == c)));
}

#[test]
fn the_chinese_gbk_visits_read_back() {
    let bytes = sheets::chinese_interactions_gbk_csv(500);
    let workbook = read("拜访.csv", &bytes).unwrap();
    assert_eq!(
        workbook.text,
        Some(TextLayout {
            encoding: TextEncoding::Gb18030,
            byte_order_mark: false,
            delimiter: b','
        })
    );
    let table = &workbook.sheets[0];
    assert_eq!(table.row_count(), 501);
    assert_eq!(headers(table), sheets::CHINESE_HEADERS);
    assert!(matches!(table.row(1).cell(0), Cell::Text(date) if date.ends_with('日')));
    assert!(matches!(table.row(2).cell(0), Cell::Text(date) if date.contains('/')));
    assert!(sheets::CHINESE_CHANNELS.contains(&common::text_of(&table.row(1).cell(3)).as_str()));
}

#[test]
fn the_monthly_sales_read_back() {
    let table = only_table("sales.csv", &sheets::monthly_sales_csv(12));
    let workbook = read("sales.csv", &sheets::monthly_sales_csv(12)).unwrap();
    assert_eq!(
        workbook.text,
        Some(TextLayout {
            encoding: TextEncoding::Utf8,
            byte_order_mark: true,
            delimiter: b','
        })
    );
    assert_eq!(table.row_count(), 1 + 12 * 8 * 2);
    assert_eq!(headers(&table), sheets::SALES_HEADERS);
    assert_eq!(texts(&table), sheets::monthly_sales_rows(12));
    assert!(texts(&table).iter().skip(1).any(|row| row[3].contains(',')));
}

#[test]
fn the_targets_read_back() {
    let workbook = read("targets.xlsx", &sheets::targets_xlsx(12)).unwrap();
    let table = &workbook.sheets[0];
    assert_eq!(table.row_count(), 1 + 12 * 2 * 2);
    assert_eq!(headers(table), sheets::TARGET_HEADERS);
    assert_eq!(table.row(1).cell(2), Cell::Text("2025-01"));
    assert!(matches!(table.row(1).cell(3), Cell::Number(units) if units >= 1_000.0));
}

#[test]
#[ignore = "300 MB: run with -- --ignored (faster with --release)"]
fn a_300_mb_csv_is_over_the_default_row_cap_and_reads_with_a_higher_one() {
    let bytes = sheets::large_csv(300 * 1024 * 1024);
    // About 1.8 million rows: more than Excel's 1,048,576, the default cap.
    let started = std::time::Instant::now();
    let result = read("large.csv", &bytes);
    assert_eq!(
        result,
        Err(omnirx_sheets::ReadError::TooManyRows {
            sheet: "large".into(),
            limit: 1_048_576
        })
    );
    println!(
        "300 MB CSV: refused at the row cap after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let limits = omnirx_sheets::Limits {
        max_rows: 4_000_000,
        ..omnirx_sheets::Limits::default()
    };
    let started = std::time::Instant::now();
    let workbook = common::read_with("large.csv", &bytes, &Default::default(), &limits).unwrap();
    let table = &workbook.sheets[0];
    println!(
        "300 MB CSV: {} rows in {:.1} s, table {} MB",
        table.row_count(),
        started.elapsed().as_secs_f64(),
        table.heap_bytes() / 1_000_000
    );
    assert!(table.row_count() > 1_048_576);
    assert!(table.heap_bytes() < 3 * bytes.len());
}
