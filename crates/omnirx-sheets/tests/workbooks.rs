//! Workbooks: XLSX, XLS and ODS with cached formula values, date serials, merged ranges, sheet
//! positions and names; the format decided by the bytes, not the name.

mod common;

use common::{read, texts};
use omnirx_sheets::{sniff, Cell, SheetFormat};
use omnirx_testkit::sheets;

/// What `features_xlsx` and `features_xls` hold, cell by cell.
fn check_features(workbook: &omnirx_sheets::Workbook) {
    let names: Vec<&str> = workbook
        .sheets
        .iter()
        .map(|sheet| sheet.name.as_str())
        .collect();
    assert_eq!(names, vec!["Visits", "备注"]);
    let visits = &workbook.sheets[0];
    assert_eq!(visits.row(0).cell(0), Cell::Text("Visits 2025"));
    assert_eq!(visits.merged, vec![(0, 0, 0, 3)]);
    assert_eq!(visits.row(1).cell(3), Cell::Text("Doctor"));
    assert_eq!(visits.row(2).cell(0), Cell::Date(45_811.0), "2025-06-03");
    assert_eq!(visits.row(2).cell(1), Cell::Number(4.0));
    assert_eq!(visits.row(2).cell(2), Cell::Number(8.0), "the cached value");
    assert_eq!(
        visits.row(2).cell(3),
        Cell::Text("Dr Wang"),
        "a cached text"
    );
    assert_eq!(visits.row(3).cell(0), Cell::Bool(true));
    // Rows keep their sheet positions: F7 is row 6, column 5, after two empty rows.
    assert_eq!(visits.row_count(), 7);
    assert!(visits.row(4).is_empty() && visits.row(5).is_empty());
    assert_eq!(visits.row(6).len(), 6);
    assert_eq!(visits.row(6).cell(5), Cell::Text("far"));
    assert_eq!(texts(&workbook.sheets[1]), vec![vec!["说明".to_string()]]);
}

#[test]
fn xlsx_gives_cached_formula_values_date_serials_and_merged_ranges() {
    let bytes = sheets::features_xlsx();
    assert_eq!(sniff(&bytes), Some(SheetFormat::Xlsx));
    let workbook = read("features.xlsx", &bytes).unwrap();
    assert_eq!(workbook.format, SheetFormat::Xlsx);
    assert_eq!(workbook.text, None);
    check_features(&workbook);
}

#[test]
fn xls_gives_the_same_cells_and_its_errors() {
    let bytes = sheets::features_xls();
    assert_eq!(sniff(&bytes), Some(SheetFormat::Xls));
    let workbook = read("features.xls", &bytes).unwrap();
    assert_eq!(workbook.format, SheetFormat::Xls);
    check_features(&workbook);
    assert_eq!(workbook.sheets[0].row(3).cell(1), Cell::Error("#DIV/0!"));
}

#[test]
fn ods_gives_cached_values_dates_times_and_positions() {
    let bytes = sheets::features_ods();
    assert_eq!(sniff(&bytes), Some(SheetFormat::Ods));
    let workbook = read("features.ods", &bytes).unwrap();
    assert_eq!(workbook.format, SheetFormat::Ods);
    let names: Vec<&str> = workbook
        .sheets
        .iter()
        .map(|sheet| sheet.name.as_str())
        .collect();
    assert_eq!(names, vec!["Visits", "备注"], "workbook order, not sorted");
    let visits = &workbook.sheets[0];
    assert_eq!(visits.row(0).cell(5), Cell::Text("Ratio"));
    assert_eq!(visits.row(1).cell(0), Cell::Date(45_811.0));
    assert_eq!(visits.row(1).cell(1), Cell::Number(4.0));
    assert_eq!(visits.row(1).cell(2), Cell::Number(8.0), "the cached value");
    assert_eq!(visits.row(1).cell(3), Cell::Date(9.5 / 24.0), "09:30");
    assert_eq!(visits.row(1).cell(4), Cell::Bool(true));
    // calamine gives an ODS error cell as the text LibreOffice shows.
    assert_eq!(visits.row(1).cell(5), Cell::Text("#DIV/0!"));
    assert_eq!(visits.row_count(), 6);
    assert_eq!(visits.row(5).cell(2), Cell::Text("瑞金医院"));
    assert!(visits.merged.is_empty(), "calamine reports no ODS merges");
}

#[test]
fn the_bytes_decide_the_format_not_the_name() {
    let xlsx = sheets::features_xlsx();
    for name in ["visits.csv", "visits.txt", "visits", "visits.ods"] {
        assert_eq!(read(name, &xlsx).unwrap().format, SheetFormat::Xlsx);
    }
    assert_eq!(
        read("a.csv", &sheets::features_xls()).unwrap().format,
        SheetFormat::Xls
    );
    assert_eq!(
        read("a.xlsx", &sheets::features_ods()).unwrap().format,
        SheetFormat::Ods
    );
    assert_eq!(read("a.xlsx", b"a,b\n").unwrap().format, SheetFormat::Csv);
}

#[test]
fn crm_dates_and_times_are_date_cells() {
    let workbook = read("crm.xlsx", &sheets::crm_interactions_xlsx(20)).unwrap();
    let table = &workbook.sheets[0];
    let rows = sheets::crm_interactions_rows(20);
    for (index, row) in rows.iter().enumerate().skip(1) {
        let Cell::Date(serial) = table.row(index).cell(0) else {
            panic!("row {index}: not a date");
        };
        // Days since 1899-12-30, as Excel counts them.
        let day: omnirx_core::domain::calendar::CalendarDate = row[0].parse().unwrap();
        let base = omnirx_core::domain::calendar::CalendarDate::new(1899, 12, 30).unwrap();
        assert_eq!(
            serial as i64,
            day.days_since_unix_epoch() - base.days_since_unix_epoch()
        );
        let Cell::Date(time) = table.row(index).cell(1) else {
            panic!("row {index}: not a time");
        };
        let (hours, minutes) = row[1].split_once(':').unwrap();
        let expected =
            (hours.parse::<f64>().unwrap() * 60.0 + minutes.parse::<f64>().unwrap()) / 1_440.0;
        assert!((time - expected).abs() < 1e-9);
    }
}
