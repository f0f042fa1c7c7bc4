//! Writing XLSX: typed tables reach Excel with numbers as numbers and texts as texts (read back with the crate's own reader), and the templates' text cells stay text.
#![cfg(feature = "write")]

mod common;

use common::read;
use omnirx_core::domain::csv_export::{CsvCell, CsvTable};
use omnirx_sheets::{write_xlsx, write_xlsx_tables, Cell};

fn table() -> CsvTable {
    CsvTable {
        headers: vec![
            "代表".into(),
            "HCP id".into(),
            "拜访".into(),
            "Uplift".into(),
        ],
        rows: vec![
            vec![
                CsvCell::Text("王芳".into()),
                CsvCell::Text("00123".into()),
                CsvCell::Integer(4),
                CsvCell::Decimal(12.3456, 2),
            ],
            vec![
                CsvCell::Text("=1+1".into()),
                CsvCell::Text("-5".into()),
                CsvCell::Integer(-7),
                CsvCell::Decimal(f64::NAN, 2),
                // Beyond the headers: cut, as in the CSV.
                CsvCell::Integer(99),
            ],
            vec![
                CsvCell::Empty,
                CsvCell::Integer(i64::MAX),
                CsvCell::Integer(9_007_199_254_740_992),
                CsvCell::Decimal(f64::INFINITY, 1),
            ],
        ],
    }
}

#[test]
fn typed_tables_give_numbers_as_numbers_and_texts_as_texts() {
    let plan = table();
    let other = CsvTable {
        headers: vec!["x".into()],
        rows: vec![vec![CsvCell::Decimal(0.5, 0)]],
    };
    let bytes = write_xlsx_tables(&[("Plan 2026/11", &plan), ("Plan 2026/11", &other)]);
    let workbook = read("plan.xlsx", &bytes).unwrap();
    let names: Vec<&str> = workbook.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Plan 2026_11", "Plan 2026_11 (2)"]);
    let sheet = &workbook.sheets[0];
    assert_eq!(sheet.row(0).cell(0), Cell::Text("代表"));
    assert_eq!(sheet.row(0).cell(3), Cell::Text("Uplift"));
    assert_eq!(sheet.row(1).cell(0), Cell::Text("王芳"));
    assert_eq!(
        sheet.row(1).cell(1),
        Cell::Text("00123"),
        "an id keeps its zeros"
    );
    assert_eq!(sheet.row(1).cell(2), Cell::Number(4.0));
    assert_eq!(
        sheet.row(1).cell(3),
        Cell::Number(12.3456),
        "the value, shown with 2 decimals"
    );
    // A text cell is never a formula: no guard is needed, and none is added.
    assert_eq!(sheet.row(2).cell(0), Cell::Text("=1+1"));
    assert_eq!(sheet.row(2).cell(1), Cell::Text("-5"));
    assert_eq!(sheet.row(2).cell(2), Cell::Number(-7.0));
    assert_eq!(sheet.row(2).cell(3), Cell::Empty, "NaN is left empty");
    assert_eq!(sheet.row(2).len(), 3, "a row is cut to the headers");
    assert_eq!(sheet.row(3).cell(0), Cell::Empty);
    assert_eq!(
        sheet.row(3).cell(1),
        Cell::Text("9223372036854775807"),
        "beyond 2^53 as digits"
    );
    assert_eq!(sheet.row(3).cell(2), Cell::Number(9_007_199_254_740_992.0));
    assert_eq!(
        sheet.row(3).cell(3),
        Cell::Empty,
        "an infinity is left empty"
    );
    assert_eq!(workbook.sheets[1].row(1).cell(0), Cell::Number(0.5));
    // No sheet at all is still a workbook.
    assert_eq!(
        read("empty.xlsx", &write_xlsx_tables(&[]))
            .unwrap()
            .sheets
            .len(),
        1
    );
}

#[test]
fn templates_stay_text() {
    let bytes = write_xlsx(&[("hcps", vec![vec!["12".into(), "医生姓名".into()]])]);
    let workbook = read("template.xlsx", &bytes).unwrap();
    assert_eq!(workbook.sheets[0].row(0).cell(0), Cell::Text("12"));
    assert_eq!(workbook.sheets[0].row(0).cell(1), Cell::Text("医生姓名"));
}
