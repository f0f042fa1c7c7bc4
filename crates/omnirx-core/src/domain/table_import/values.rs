//! Reading cell values as the model's types: dates in the forms people type them, numbers with
//! separators, full-width digits, 万 and percentages, and texts trimmed of every kind of space.
//!
//! Every reader returns a typed [`ValueProblem`] instead of guessing: an ambiguous day/month
//! order is asked once per column ([`date_order_of_column`]), never decided silently.

use serde::{Deserialize, Serialize};

use super::table::Cell;
use crate::domain::calendar::CalendarDate;
use crate::domain::time::{Month, EARLIEST_YEAR, LATEST_YEAR};

/// Why a cell cannot be read as what its column is mapped to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueProblem {
    /// Nothing in a cell that must hold something.
    Missing,
    NotADate,
    /// A date outside the years a workspace may hold (1900–2199).
    DateOutOfRange {
        year: i32,
    },
    /// `3/4/2025` with no day/month order chosen for the column.
    AmbiguousDayMonth,
    NotATime,
    NotAMonth,
    NotANumber,
    /// A count that must be whole.
    NotWhole,
    /// A count below zero.
    Negative,
    /// A value outside its range (a share above 100 %).
    OutOfRange,
    /// A value of an enumeration that is not mapped to one of the model's values.
    UnknownValue,
    /// A spreadsheet error such as `#DIV/0!`.
    CellError {
        error: String,
    },
    /// No record of that kind has this id or name.
    UnknownReference,
    /// Several records have this name; an id (or the account) tells them apart.
    AmbiguousReference {
        candidates: usize,
    },
}

/// The order of day and month in dates such as `3/4/2025` (slashes or hyphens with the year last).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `3/4/2025` is 3 April (most of the world).
    DayMonth,
    /// `3/4/2025` is 4 March (the United States).
    MonthDay,
}

/// A column whose dates need both day/month orders (`25/4/2025` and `4/25/2025`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MixedDateOrders;

/// A date with perhaps a time of day, as written (local time of the workspace).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDateTime {
    pub date: CalendarDate,
    pub time: Option<(u8, u8, u8)>,
}

/// Every kind of white space trimmed, full-width (U+3000) and no-break spaces included.
pub fn clean_text(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// Full-width ASCII forms (`１２３`, `Ａ`, `．`) as their half-width letters.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' => '.',
            _ => c,
        })
        .collect()
}

/// A cell as a person reads it, for the mapping screen's samples and the problem rows' file: a
/// date cell as its date (`2025-06-03`, `2025-06-03 14:30`, `14:30:15` for a time alone, as Excel
/// shows a time cell), anything else as [`cell_text`]. Never used for reading values.
pub fn cell_shown(cell: &Cell) -> Option<String> {
    let clock = |(hours, minutes, seconds): (u8, u8, u8)| {
        if seconds == 0 {
            format!("{hours:02}:{minutes:02}")
        } else {
            format!("{hours:02}:{minutes:02}:{seconds:02}")
        }
    };
    match cell {
        Cell::Date(serial) if (0.0..1.0).contains(serial) => {
            let seconds = ((serial * 86_400.0).round() as u32).min(86_399);
            Some(clock((
                (seconds / 3_600) as u8,
                (seconds / 60 % 60) as u8,
                (seconds % 60) as u8,
            )))
        }
        Cell::Date(serial) => match from_excel_serial(*serial) {
            Ok(LocalDateTime { date, time: None }) => Some(date.to_string()),
            Ok(LocalDateTime {
                date,
                time: Some(time),
            }) => Some(format!("{date} {}", clock(time))),
            Err(_) => cell_text(cell),
        },
        _ => cell_text(cell),
    }
}

/// A cell as text: numbers written plainly (`12`, `12.5`), booleans as `true`/`false`.
pub fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(text) => {
            let text = clean_text(text);
            (!text.is_empty()).then(|| text.to_string())
        }
        Cell::Number(value) | Cell::Date(value) => Some(number_text(*value)),
        Cell::Bool(value) => Some(value.to_string()),
        Cell::Error(error) => Some(error.to_string()),
    }
}

fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Reads a number: `1,234.5`, `1 234`, `１２３`, `1.2万` (× 10,000), `3亿` (× 10⁸), `12%`
/// (0.12), a currency sign (`¥`, `$`, `€`, `£`, `元`) before or after. `None` for an empty cell.
pub fn read_number(cell: &Cell) -> Result<Option<f64>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(value) => Ok(Some(*value)),
        Cell::Bool(_) | Cell::Date(_) => Err(ValueProblem::NotANumber),
        Cell::Error(error) => Err(ValueProblem::CellError {
            error: error.to_string(),
        }),
        Cell::Text(text) => parse_number_text(text),
    }
}

fn parse_number_text(text: &str) -> Result<Option<f64>, ValueProblem> {
    let text = half_width(clean_text(text));
    if text.is_empty() {
        return Ok(None);
    }
    let mut body: &str = text.trim();
    for sign in ["¥", "￥", "$", "€", "£", "元", "RMB", "CNY"] {
        body = body.trim_start_matches(sign).trim_end_matches(sign).trim();
    }
    let (body, scale) = if let Some(rest) = body.strip_suffix('%') {
        (rest.trim(), 0.01)
    } else if let Some(rest) = body.strip_suffix('万') {
        (rest.trim(), 10_000.0)
    } else if let Some(rest) = body.strip_suffix('亿') {
        (rest.trim(), 100_000_000.0)
    } else {
        (body, 1.0)
    };
    let digits: String = strip_thousands(body).ok_or(ValueProblem::NotANumber)?;
    let value: f64 = digits.parse().map_err(|_| ValueProblem::NotANumber)?;
    if !value.is_finite() {
        return Err(ValueProblem::NotANumber);
    }
    Ok(Some(value * scale))
}

/// `1,234,567.5` or `1 234 567` → `1234567.5`; separators must group three digits.
fn strip_thousands(body: &str) -> Option<String> {
    let (sign, unsigned) = match body.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", body.strip_prefix('+').unwrap_or(body)),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let separator = whole.chars().find(|c| *c == ',' || *c == ' ' || *c == '\'');
    let whole = match separator {
        None => whole.to_string(),
        Some(separator) => {
            let groups: Vec<&str> = whole.split(separator).collect();
            let well_grouped = !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|group| group.len() == 3);
            if !well_grouped {
                return None;
            }
            groups.concat()
        }
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    Some(match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    })
}

/// A whole, non-negative count (units, patients): `12`, `1,200`, `1.2万`.
pub fn read_count(cell: &Cell) -> Result<Option<i64>, ValueProblem> {
    let Some(value) = read_number(cell)? else {
        return Ok(None);
    };
    if value < 0.0 {
        return Err(ValueProblem::Negative);
    }
    if value.fract() != 0.0 || value > 9.0e15 {
        return Err(ValueProblem::NotWhole);
    }
    Ok(Some(value as i64))
}

/// The day/month order a column's dates need, from its values: a first number above 12 means
/// day first, a second above 12 month first; `Ok(None)` when no value decides (all ≤ 12, or no
/// such dates at all), `Err` when the column has both (it mixes orders).
pub fn date_order_of_column<'a>(
    cells: impl Iterator<Item = Cell<'a>>,
) -> Result<Option<DateOrder>, MixedDateOrders> {
    let (mut day_first, mut month_first) = (false, false);
    for cell in cells {
        let Cell::Text(text) = cell else { continue };
        if let Some((first, second, _)) = slash_parts(&half_width(clean_text(text))) {
            day_first |= first > 12 && second <= 12;
            month_first |= second > 12 && first <= 12;
        }
    }
    match (day_first, month_first) {
        (true, true) => Err(MixedDateOrders),
        (true, false) => Ok(Some(DateOrder::DayMonth)),
        (false, true) => Ok(Some(DateOrder::MonthDay)),
        (false, false) => Ok(None),
    }
}

/// Whether a column holds dates whose day/month order cannot be told from the date itself.
pub fn needs_date_order<'a>(cells: impl Iterator<Item = Cell<'a>>) -> bool {
    cells.into_iter().any(|cell| match cell {
        Cell::Text(text) => slash_parts(&half_width(clean_text(text))).is_some(),
        _ => false,
    })
}

/// `a/b/yyyy` or `a-b-yyyy` (year last): the two first numbers and the rest after the year.
fn slash_parts(text: &str) -> Option<(u32, u32, &str)> {
    let (date, _) = split_time(text);
    let separator = if date.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = date.split(separator).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let number = |part: &str| part.parse::<u32>().ok();
    Some((number(parts[0])?, number(parts[1])?, date))
}

/// Splits `2025-06-03 10:30`, `2025-06-03T10:30:00` or `2025年6月3日 10时30分` into date and time.
fn split_time(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    if let Some(position) = text.find(['T', ' ']) {
        let (date, time) = text.split_at(position);
        let time = time[1..].trim();
        if !time.is_empty() {
            return (date.trim(), Some(time));
        }
    }
    // `2025年6月3日10:30`: a time glued to the Chinese date.
    if let Some(position) = text.find('日') {
        let (date, time) = text.split_at(position + '日'.len_utf8());
        if !time.trim().is_empty() {
            return (date, Some(time.trim()));
        }
    }
    (text, None)
}

/// Reads a time of day: `10:30`, `10:30:15`, `10时30分`, `上午 9:05`, `下午3:30`, `3:30 PM`.
pub fn parse_time(text: &str) -> Option<(u8, u8, u8)> {
    let text = half_width(clean_text(text));
    let mut body = text.as_str();
    let mut afternoon = None;
    for (mark, pm) in [
        ("上午", false),
        ("下午", true),
        ("晚上", true),
        ("早上", false),
    ] {
        if let Some(rest) = body.strip_prefix(mark) {
            body = rest.trim();
            afternoon = Some(pm);
        }
    }
    let upper = body.to_ascii_uppercase();
    let mut body = upper.as_str();
    for (mark, pm) in [("AM", false), ("PM", true)] {
        if let Some(rest) = body.strip_suffix(mark) {
            body = rest.trim();
            afternoon = Some(pm);
        }
    }
    let body = body
        .replace(['时', '点'], ":")
        .replace('分', ":")
        .replace('秒', "");
    let parts: Vec<&str> = body.trim_end_matches(':').split(':').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    let mut numbers = [0u8; 3];
    for (slot, part) in numbers.iter_mut().zip(&parts) {
        *slot = part.parse().ok()?;
    }
    if parts.len() == 1 && afternoon.is_none() {
        return None;
    }
    let [mut hour, minute, second] = numbers;
    match afternoon {
        Some(true) if (1..12).contains(&hour) => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        Some(_) if hour > 12 => return None,
        _ => {}
    }
    (hour < 24 && minute < 60 && second < 60).then_some((hour, minute, second))
}

fn checked_date(year: i32, month: u32, day: u32) -> Result<CalendarDate, ValueProblem> {
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        // A real date that a workspace cannot hold, or a plain mistake: both are said as such.
        return match CalendarDate::new(year, month as u8, day as u8) {
            Some(_) if month <= 12 && day <= 31 => Err(ValueProblem::DateOutOfRange { year }),
            _ => Err(ValueProblem::NotADate),
        };
    }
    if month > 12 || day > 31 {
        return Err(ValueProblem::NotADate);
    }
    CalendarDate::new(year, month as u8, day as u8).ok_or(ValueProblem::NotADate)
}

/// An Excel serial number as a date and time (serial 1 is 1900-01-01; Excel's phantom
/// 1900-02-29 is skipped, as every spreadsheet does).
pub fn from_excel_serial(serial: f64) -> Result<LocalDateTime, ValueProblem> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return Err(ValueProblem::NotADate);
    }
    let days = serial.floor() as i64;
    // Serial 60 is the phantom 29 February 1900; after it the count is one day ahead.
    let offset = if days < 60 { 1 } else { 0 };
    let base = CalendarDate::new(1899, 12, 30).expect("a real day");
    let date = base.plus_days(days + offset);
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as u32;
    let seconds = seconds.min(86_399);
    let time = (seconds > 0).then_some((
        (seconds / 3_600) as u8,
        (seconds / 60 % 60) as u8,
        (seconds % 60) as u8,
    ));
    let date = checked_date(date.year, u32::from(date.month), u32::from(date.day))?;
    Ok(LocalDateTime { date, time })
}

/// Reads a date, perhaps with a time: `2025-06-03`, `2025/6/3`, `2025.6.3`, `2025年6月3日`,
/// `03.06.2025` (day.month.year), `6/3/2025` or `6-3-2025` (the column's `order`), each with an
/// optional time; Excel date cells and serial numbers. `None` for an empty cell.
pub fn read_date(
    cell: &Cell,
    order: Option<DateOrder>,
) -> Result<Option<LocalDateTime>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(serial) | Cell::Number(serial) => from_excel_serial(*serial).map(Some),
        Cell::Bool(_) => Err(ValueProblem::NotADate),
        Cell::Error(error) => Err(ValueProblem::CellError {
            error: error.to_string(),
        }),
        Cell::Text(text) => {
            let text = half_width(clean_text(text));
            if text.is_empty() {
                return Ok(None);
            }
            parse_date_text(&text, order).map(Some)
        }
    }
}

fn parse_date_text(text: &str, order: Option<DateOrder>) -> Result<LocalDateTime, ValueProblem> {
    let (date_part, time_part) = split_time(text);
    // The date first: `not a date` is not a date, not a bad time after one.
    let date = parse_date_only(date_part.trim(), order)?;
    let time = match time_part {
        Some(time) => {
            let time = time.trim_end_matches('Z');
            // `+08:00` after a time is dropped: the workspace's zone decides.
            let time = time.split(['+']).next().unwrap_or(time);
            Some(parse_time(time).ok_or(ValueProblem::NotATime)?)
        }
        None => None,
    };
    Ok(LocalDateTime { date, time })
}

fn parse_date_only(text: &str, order: Option<DateOrder>) -> Result<CalendarDate, ValueProblem> {
    let number = |part: &str| -> Result<u32, ValueProblem> {
        let part = part.trim();
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueProblem::NotADate);
        }
        part.parse().map_err(|_| ValueProblem::NotADate)
    };
    // 2025年6月3日 (号 too).
    if let Some((year, rest)) = text.split_once('年') {
        let (month, rest) = rest.split_once('月').ok_or(ValueProblem::NotADate)?;
        let day = rest.trim_end_matches(['日', '号']);
        let year = number(year)?;
        if year < 1000 {
            return Err(ValueProblem::NotADate);
        }
        return checked_date(year as i32, number(month)?, number(day)?);
    }
    let separator = ['-', '/', '.']
        .into_iter()
        .find(|s| text.contains(*s))
        .ok_or(ValueProblem::NotADate)?;
    let parts: Vec<&str> = text.split(separator).collect();
    if parts.len() != 3 {
        return Err(ValueProblem::NotADate);
    }
    if parts[0].trim().len() == 4 {
        return checked_date(
            number(parts[0])? as i32,
            number(parts[1])?,
            number(parts[2])?,
        );
    }
    if parts[2].trim().len() != 4 {
        // Two-digit years are refused: 03/06/25 could be 1925 or 2025.
        return Err(ValueProblem::NotADate);
    }
    let (first, second, year) = (
        number(parts[0])?,
        number(parts[1])?,
        number(parts[2])? as i32,
    );
    if separator == '.' {
        return checked_date(year, second, first);
    }
    let order = match order {
        Some(order) => order,
        None if first > 12 => DateOrder::DayMonth,
        None if second > 12 => DateOrder::MonthDay,
        None if first == second => DateOrder::DayMonth,
        None => return Err(ValueProblem::AmbiguousDayMonth),
    };
    match order {
        DateOrder::DayMonth => checked_date(year, second, first),
        DateOrder::MonthDay => checked_date(year, first, second),
    }
}

/// Reads a month: `2025-06`, `2025/6`, `202506`, `2025年6月`, `Jun 2025`, or any date (its month).
pub fn read_month(cell: &Cell, order: Option<DateOrder>) -> Result<Option<Month>, ValueProblem> {
    let text = match cell {
        Cell::Text(text) => half_width(clean_text(text)),
        Cell::Number(value) if value.fract() == 0.0 && (190_001.0..=219_912.0).contains(value) => {
            number_text(*value)
        }
        other => return Ok(read_date(other, order)?.map(|d| month_of(d.date))),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let month = |year: i32, month: u32| -> Result<Month, ValueProblem> {
        if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
            return Err(ValueProblem::DateOutOfRange { year });
        }
        Month::new(year, month as u8)
            .filter(|_| (1..=12).contains(&month))
            .ok_or(ValueProblem::NotAMonth)
    };
    let digits = |part: &str| {
        part.trim()
            .parse::<u32>()
            .map_err(|_| ValueProblem::NotAMonth)
    };
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        return month(digits(&text[..4])? as i32, digits(&text[4..])?).map(Some);
    }
    if let Some((year, rest)) = text.split_once('年') {
        if let Some(number) = rest.strip_suffix('月') {
            return month(digits(year)? as i32, digits(number)?).map(Some);
        }
    }
    for separator in ['-', '/', '.'] {
        let parts: Vec<&str> = text.split(separator).collect();
        if parts.len() == 2 && parts[0].trim().len() == 4 {
            return month(digits(parts[0])? as i32, digits(parts[1])?).map(Some);
        }
    }
    if let Some(found) = english_month(&text) {
        return Ok(Some(found?));
    }
    match parse_date_text(&text, order) {
        Ok(date) => Ok(Some(month_of(date.date))),
        Err(ValueProblem::NotADate) => Err(ValueProblem::NotAMonth),
        Err(other) => Err(other),
    }
}

/// `Jun 2025`, `June 2025`, `2025 Jun`.
fn english_month(text: &str) -> Option<Result<Month, ValueProblem>> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = text
        .split([' ', '-', '/', ','])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if words.len() != 2 {
        return None;
    }
    let (name, year) = if words[0].chars().all(|c| c.is_ascii_digit()) {
        (&words[1], &words[0])
    } else {
        (&words[0], &words[1])
    };
    let index = NAMES.iter().position(|n| name.starts_with(n))?;
    let year: i32 = year.parse().ok()?;
    if year < 1000 {
        return None;
    }
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Some(Err(ValueProblem::DateOutOfRange { year }));
    }
    Month::new(year, index as u8 + 1).map(Ok)
}

fn month_of(date: CalendarDate) -> Month {
    Month::new(date.year, date.month).expect("a real date has a real month")
}

/// Reads yes/no: `yes`, `y`, `true`, `1`, `on`, `是`, `有`, `√` (and their noes).
pub fn read_bool(cell: &Cell) -> Result<Option<bool>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(value) => Ok(Some(*value)),
        Cell::Number(value) if *value == 1.0 => Ok(Some(true)),
        Cell::Number(value) if *value == 0.0 => Ok(Some(false)),
        Cell::Text(text) => {
            let text = half_width(clean_text(text)).to_lowercase();
            match text.as_str() {
                "" => Ok(None),
                "yes" | "y" | "true" | "t" | "1" | "on" | "是" | "有" | "√" | "✓" | "x" => {
                    Ok(Some(true))
                }
                "no" | "n" | "false" | "f" | "0" | "off" | "否" | "无" | "没有" | "×" | "-" => {
                    Ok(Some(false))
                }
                _ => Err(ValueProblem::UnknownValue),
            }
        }
        _ => Err(ValueProblem::UnknownValue),
    }
}

/// The key under which names are matched: half-width, lower case, without spaces, punctuation
/// or marks such as ®, ™ and © (a GBK file cannot even hold ®), so `Glyvora®`, `ＧＬＹＶＯＲＡ`
/// and `glyvora` are one name, and `北京协和医院（东院）` matches `北京协和医院(东院)`.
pub fn name_key(text: &str) -> String {
    half_width(clean_text(text))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
