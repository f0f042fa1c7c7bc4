//! Cell values as people type them (docs/import.md, "Values"): dates, times, months, numbers,
//! yes/no and names, each case with the answer worked out by hand.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::table_import::values::*;
use omnirx_core::domain::table_import::Cell;
use omnirx_core::domain::time::Month;

fn date(y: i32, m: u8, d: u8) -> CalendarDate {
    CalendarDate::new(y, m, d).unwrap()
}

#[test]
fn dates_in_every_common_form() {
    type Case = (
        &'static str,
        Option<DateOrder>,
        CalendarDate,
        Option<(u8, u8, u8)>,
    );
    let cases: [Case; 16] = [
        ("2025-06-03", None, date(2025, 6, 3), None),
        ("2025/6/3", None, date(2025, 6, 3), None),
        ("2025.6.3", None, date(2025, 6, 3), None),
        ("2025年6月3日", None, date(2025, 6, 3), None),
        ("2025年06月03号", None, date(2025, 6, 3), None),
        ("03.06.2025", None, date(2025, 6, 3), None),
        (
            "6/3/2025",
            Some(DateOrder::MonthDay),
            date(2025, 6, 3),
            None,
        ),
        (
            "6/3/2025",
            Some(DateOrder::DayMonth),
            date(2025, 3, 6),
            None,
        ),
        ("25/12/2025", None, date(2025, 12, 25), None),
        ("12/25/2025", None, date(2025, 12, 25), None),
        ("7/7/2025", None, date(2025, 7, 7), None),
        (
            "2025-06-03 10:30",
            None,
            date(2025, 6, 3),
            Some((10, 30, 0)),
        ),
        (
            "2025-06-03T10:30:15Z",
            None,
            date(2025, 6, 3),
            Some((10, 30, 15)),
        ),
        (
            "2025年6月3日 下午3:05",
            None,
            date(2025, 6, 3),
            Some((15, 5, 0)),
        ),
        ("２０２５－０６－０３", None, date(2025, 6, 3), None),
        ("  2025-06-03\u{3000}", None, date(2025, 6, 3), None),
    ];
    for (text, order, expected, time) in cases {
        let read = read_date(&Cell::Text(text), order).unwrap().unwrap();
        assert_eq!((read.date, read.time), (expected, time), "{text:?}");
    }
}

#[test]
fn excel_serials_are_dates_with_the_1900_leap_year_skipped() {
    // 45811 = 2025-06-03 (Excel shows it so); .5 is noon; 61 = 1900-03-01; 59 = 1900-02-28.
    let cases = [
        (45_811.0, date(2025, 6, 3), None),
        (45_811.5, date(2025, 6, 3), Some((12, 0, 0))),
        (61.0, date(1900, 3, 1), None),
        (59.0, date(1900, 2, 28), None),
        (1.0, date(1900, 1, 1), None),
    ];
    for (serial, expected, time) in cases {
        for cell in [Cell::Date(serial), Cell::Number(serial)] {
            let read = read_date(&cell, None).unwrap().unwrap();
            assert_eq!((read.date, read.time), (expected, time), "{serial}");
        }
    }
}

#[test]
fn bad_dates_say_why() {
    let cases = [
        ("3/4/2025", ValueProblem::AmbiguousDayMonth),
        ("3000-01-01", ValueProblem::DateOutOfRange { year: 3000 }),
        ("1899-12-31", ValueProblem::DateOutOfRange { year: 1899 }),
        ("2025-02-30", ValueProblem::NotADate),
        ("2025-13-01", ValueProblem::NotADate),
        ("03/06/25", ValueProblem::NotADate),
        ("yesterday", ValueProblem::NotADate),
        ("2025-06-03 25:00", ValueProblem::NotATime),
    ];
    for (text, problem) in cases {
        assert_eq!(read_date(&Cell::Text(text), None), Err(problem), "{text:?}");
    }
    // 1900 is inside the range a workspace holds.
    assert!(read_date(&Cell::Text("1900-01-01"), None).is_ok());
    assert_eq!(read_date(&Cell::Empty, None), Ok(None));
    assert_eq!(
        read_date(&Cell::Error("#VALUE!"), None),
        Err(ValueProblem::CellError {
            error: "#VALUE!".into()
        })
    );
}

#[test]
fn a_columns_day_month_order_is_read_from_its_values_or_asked() {
    let column = |texts: &[&'static str]| texts.iter().map(|t| Cell::Text(t)).collect::<Vec<_>>();
    let order = |texts: &[&'static str]| date_order_of_column(column(texts).into_iter());
    assert_eq!(
        order(&["3/4/2025", "25/4/2025"]),
        Ok(Some(DateOrder::DayMonth))
    );
    assert_eq!(
        order(&["3/4/2025", "4/25/2025"]),
        Ok(Some(DateOrder::MonthDay))
    );
    assert_eq!(order(&["3/4/2025", "5/6/2025"]), Ok(None), "all ≤ 12: ask");
    assert_eq!(
        order(&["25/4/2025", "4/25/2025"]),
        Err(MixedDateOrders),
        "mixed orders"
    );
    assert_eq!(order(&["2025-04-03"]), Ok(None));
    assert!(needs_date_order(
        column(&["2025-04-03", "3/4/2025"]).into_iter()
    ));
    assert!(!needs_date_order(
        column(&["2025-04-03", "2025年4月3日"]).into_iter()
    ));
}

#[test]
fn times_in_24_hour_chinese_and_am_pm_forms() {
    let cases = [
        ("10:30", Some((10, 30, 0))),
        ("10:30:15", Some((10, 30, 15))),
        ("10时30分", Some((10, 30, 0))),
        ("上午 9:05", Some((9, 5, 0))),
        ("下午3:30", Some((15, 30, 0))),
        ("3:30 PM", Some((15, 30, 0))),
        ("12:00 AM", Some((0, 0, 0))),
        ("24:00", None),
        ("10:75", None),
        ("ten", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_time(text), expected, "{text:?}");
    }
}

#[test]
fn months_in_every_common_form() {
    let june = Month::new(2025, 6).unwrap();
    for text in [
        "2025-06",
        "2025/6",
        "202506",
        "2025年6月",
        "Jun 2025",
        "June 2025",
        "2025-06-17",
        "２０２５－０６",
    ] {
        assert_eq!(
            read_month(&Cell::Text(text), None),
            Ok(Some(june)),
            "{text:?}"
        );
    }
    assert_eq!(read_month(&Cell::Number(202_506.0), None), Ok(Some(june)));
    assert_eq!(read_month(&Cell::Date(45_811.0), None), Ok(Some(june)));
    assert_eq!(
        read_month(&Cell::Text("2025-13"), None),
        Err(ValueProblem::NotAMonth)
    );
    assert_eq!(
        read_month(&Cell::Text("3000-01"), None),
        Err(ValueProblem::DateOutOfRange { year: 3000 })
    );
}

#[test]
fn numbers_with_separators_units_and_signs() {
    let cases: [(&str, Option<f64>); 14] = [
        ("1,234", Some(1_234.0)),
        ("1,234,567.5", Some(1_234_567.5)),
        ("1 234", Some(1_234.0)),
        ("１２３", Some(123.0)),
        ("1.2万", Some(12_000.0)),
        ("3亿", Some(300_000_000.0)),
        ("12%", Some(0.12)),
        ("¥1,200", Some(1_200.0)),
        ("1200元", Some(1_200.0)),
        ("-5", Some(-5.0)),
        ("", None),
        ("\u{3000}", None),
        ("+7", Some(7.0)),
        ("0.5", Some(0.5)),
    ];
    for (text, expected) in cases {
        let read = read_number(&Cell::Text(text)).unwrap();
        match (read, expected) {
            (Some(read), Some(expected)) => {
                assert!((read - expected).abs() < 1e-9, "{text:?}: {read}")
            }
            (read, expected) => assert_eq!(read, expected, "{text:?}"),
        }
    }
    for bad in ["1,23", "12,34,567", "1.2.3", "many", "1e400", "--3"] {
        assert_eq!(
            read_number(&Cell::Text(bad)),
            Err(ValueProblem::NotANumber),
            "{bad:?}"
        );
    }
}

#[test]
fn counts_are_whole_and_not_negative() {
    assert_eq!(read_count(&Cell::Text("1.2万")), Ok(Some(12_000)));
    assert_eq!(read_count(&Cell::Number(3.0)), Ok(Some(3)));
    assert_eq!(read_count(&Cell::Text("-5")), Err(ValueProblem::Negative));
    assert_eq!(read_count(&Cell::Text("2.5")), Err(ValueProblem::NotWhole));
    assert_eq!(read_count(&Cell::Empty), Ok(None));
}

#[test]
fn yes_and_no_in_both_languages() {
    for yes in ["yes", "Y", "TRUE", "1", "是", "有", "√"] {
        assert_eq!(read_bool(&Cell::Text(yes)), Ok(Some(true)), "{yes}");
    }
    for no in ["no", "N", "false", "0", "否", "无"] {
        assert_eq!(read_bool(&Cell::Text(no)), Ok(Some(false)), "{no}");
    }
    assert_eq!(
        read_bool(&Cell::Text("maybe")),
        Err(ValueProblem::UnknownValue)
    );
}

#[test]
fn names_match_across_widths_cases_spaces_and_marks() {
    let same = [
        ("Glyvora®", "glyvora"),
        ("ＧＬＹＶＯＲＡ", "Glyvora"),
        ("Cardexa™ 10 mg", "cardexa 10mg"),
        ("北京协和医院（东院）", "北京协和医院(东院)"),
        ("王 芳", "王芳"),
        ("\u{3000}李明 ", "李明"),
    ];
    for (a, b) in same {
        assert_eq!(name_key(a), name_key(b), "{a:?} vs {b:?}");
    }
    assert_ne!(name_key("王芳"), name_key("王方"));
    assert_eq!(clean_text("\u{3000} 王芳 \u{feff}"), "王芳");
}

#[test]
fn date_cells_are_shown_as_dates_and_times_on_the_mapping_screen() {
    let cases = [
        (Cell::Date(45_811.0), "2025-06-03"),
        (Cell::Date(45_811.5), "2025-06-03 12:00"),
        // 0.6597222… of a day is 57,000 seconds: a time cell alone, as Excel shows it.
        (Cell::Date(0.659_722_222_222_222_2), "15:50"),
        (Cell::Date(0.5 + 15.0 / 86_400.0), "12:00:15"),
        // A plain number stays a number, even one that could be a serial.
        (Cell::Number(45_811.0), "45811"),
        (Cell::Text("  面访\u{3000}"), "面访"),
    ];
    for (cell, shown) in cases {
        assert_eq!(cell_shown(&cell).as_deref(), Some(shown), "{cell:?}");
    }
    assert_eq!(cell_shown(&Cell::Empty), None);
}
