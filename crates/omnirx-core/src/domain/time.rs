//! Instants and calendar months as the workspace file writes them (`2025-06-03T09:30:00Z`, `2025-06`).
//!
//! Parsing is hand-written: a large workspace holds millions of timestamps, and a general-purpose
//! date library would cost more than the whole rest of the import.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::calendar::{days_in_month, CalendarDate};

/// The years a workspace may mention. Anything outside is a typo or a damaged file
/// (a year 30000 would otherwise pass as a valid date and wreck every chart's axis).
pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2199;

/// Prefixes of the serde error messages raised here, recognised by the import to give typed errors.
pub const OUT_OF_RANGE_PREFIX: &str = "omnirx:date-out-of-range:";
pub const INVALID_DATE_PREFIX: &str = "omnirx:invalid-date:";

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// A calendar month, e.g. 2025-06.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

/// Why a date text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Not of the expected shape, or a day that does not exist (2025-02-30).
    Invalid,
    /// Well formed, but outside [`EARLIEST_YEAR`]..=[`LATEST_YEAR`].
    OutOfRange,
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0i64, |value, digit| value * 10 + i64::from(digit - b'0')),
    )
}

/// Reads the year of `YYYY-…`, allowing more than four digits so that year 30000 is reported as
/// out of range rather than as a malformed text.
fn split_year(text: &[u8]) -> Option<(i64, &[u8])> {
    let dash = text.iter().position(|&byte| byte == b'-')?;
    if !(4..=9).contains(&dash) {
        return None;
    }
    Some((digits(&text[..dash])?, &text[dash..]))
}

fn check_year(year: i64) -> Result<i32, DateProblem> {
    if (i64::from(EARLIEST_YEAR)..=i64::from(LATEST_YEAR)).contains(&year) {
        Ok(year as i32)
    } else {
        Err(DateProblem::OutOfRange)
    }
}

impl Timestamp {
    pub fn from_date_and_time(date: CalendarDate, hour: u8, minute: u8, second: u8) -> Timestamp {
        Timestamp(
            date.days_since_unix_epoch() * 86_400
                + i64::from(hour) * 3_600
                + i64::from(minute) * 60
                + i64::from(second),
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC; the only form the file writes) or the same with an
    /// offset `±HH:MM`, which is converted to UTC.
    pub fn parse(text: &str) -> Result<Timestamp, DateProblem> {
        let (year, rest) = split_year(text.as_bytes()).ok_or(DateProblem::Invalid)?;
        // rest = "-MM-DDTHH:MM:SS" + zone
        if rest.len() < 15 {
            return Err(DateProblem::Invalid);
        }
        let shape_ok = rest[0] == b'-'
            && rest[3] == b'-'
            && (rest[6] == b'T' || rest[6] == b' ')
            && rest[9] == b':'
            && rest[12] == b':';
        if !shape_ok {
            return Err(DateProblem::Invalid);
        }
        let number =
            |range: std::ops::Range<usize>| digits(&rest[range]).ok_or(DateProblem::Invalid);
        let (month, day) = (number(1..3)?, number(4..6)?);
        let (hour, minute, second) = (number(7..9)?, number(10..12)?, number(13..15)?);
        let offset_seconds = match &rest[15..] {
            b"Z" | b"z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2]).ok_or(DateProblem::Invalid)?;
                let minutes = digits(&[*m1, *m2]).ok_or(DateProblem::Invalid)?;
                if hours > 14 || minutes > 59 {
                    return Err(DateProblem::Invalid);
                }
                let magnitude = hours * 3_600 + minutes * 60;
                if *sign == b'+' {
                    magnitude
                } else {
                    -magnitude
                }
            }
            _ => return Err(DateProblem::Invalid),
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(DateProblem::Invalid);
        }
        let year = check_year(year)?;
        let date = CalendarDate::new(year, month as u8, day as u8)
            .filter(|_| (1..=12).contains(&month) && (1..=31).contains(&day))
            .ok_or(DateProblem::Invalid)?;
        let utc = Timestamp(
            Timestamp::from_date_and_time(date, hour as u8, minute as u8, second as u8).0
                - offset_seconds,
        );
        // Stored and exported in UTC: the range must hold there too, or the exported file
        // (2199-12-31T23:00-04:00 is 2200-01-01T03:00Z) would be refused on the next import.
        check_year(i64::from(utc.date().year))?;
        Ok(utc)
    }

    pub fn date(self) -> CalendarDate {
        CalendarDate::from_days_since_unix_epoch(self.0.div_euclid(86_400))
    }

    pub fn month(self) -> Month {
        let date = self.date();
        Month {
            year: date.year,
            month: date.month,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date();
        let seconds_of_day = self.0.rem_euclid(86_400);
        write!(
            formatter,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            date.year,
            date.month,
            date.day,
            seconds_of_day / 3_600,
            seconds_of_day / 60 % 60,
            seconds_of_day % 60
        )
    }
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, DateProblem> {
        let (year, rest) = split_year(text.as_bytes()).ok_or(DateProblem::Invalid)?;
        if rest.len() != 3 || rest[0] != b'-' {
            return Err(DateProblem::Invalid);
        }
        let month = digits(&rest[1..3]).ok_or(DateProblem::Invalid)?;
        if !(1..=12).contains(&month) {
            return Err(DateProblem::Invalid);
        }
        Ok(Month {
            year: check_year(year)?,
            month: month as u8,
        })
    }

    /// Months since January of year 0, so that months can be subtracted and compared.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn from_index(index: i64) -> Month {
        Month {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    pub fn plus(self, months: i64) -> Month {
        Month::from_index(self.index() + months)
    }

    pub fn first_day(self) -> CalendarDate {
        CalendarDate {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    pub fn day_count(self) -> u8 {
        days_in_month(self.year, self.month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:04}-{:02}", self.year, self.month)
    }
}

fn date_error<E: de::Error>(problem: DateProblem, text: &str) -> E {
    match problem {
        DateProblem::Invalid => E::custom(format!("{INVALID_DATE_PREFIX}{text}")),
        DateProblem::OutOfRange => E::custom(format!("{OUT_OF_RANGE_PREFIX}{text}")),
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;
    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a timestamp like 2025-06-03T09:30:00Z")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
        Timestamp::parse(text).map_err(|problem| date_error(problem, text))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

struct MonthVisitor;

impl Visitor<'_> for MonthVisitor {
    type Value = Month;
    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a month like 2025-06")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Month, E> {
        Month::parse(text).map_err(|problem| date_error(problem, text))
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(MonthVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_their_text() {
        let text = "2025-06-03T09:30:05Z";
        let timestamp = Timestamp::parse(text).unwrap();
        assert_eq!(timestamp.to_string(), text);
        assert_eq!(
            Timestamp::parse("1969-12-31T23:59:59Z").unwrap(),
            Timestamp(-1)
        );
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        let shanghai = Timestamp::parse("2025-06-03T08:00:00+08:00").unwrap();
        assert_eq!(shanghai, Timestamp::parse("2025-06-03T00:00:00Z").unwrap());
        let west = Timestamp::parse("2025-06-02T20:00:00-04:00").unwrap();
        assert_eq!(west, Timestamp::parse("2025-06-03T00:00:00Z").unwrap());
    }

    #[test]
    fn impossible_and_far_dates_are_told_apart() {
        assert_eq!(
            Timestamp::parse("2025-02-30T00:00:00Z"),
            Err(DateProblem::Invalid)
        );
        assert_eq!(
            Timestamp::parse("2025-06-03T24:00:00Z"),
            Err(DateProblem::Invalid)
        );
        assert_eq!(Timestamp::parse("2025-06-03"), Err(DateProblem::Invalid));
        assert_eq!(Timestamp::parse("yesterday"), Err(DateProblem::Invalid));
        assert_eq!(
            Timestamp::parse("30000-01-01T00:00:00Z"),
            Err(DateProblem::OutOfRange)
        );
        assert_eq!(
            Timestamp::parse("1899-12-31T00:00:00Z"),
            Err(DateProblem::OutOfRange)
        );
        // In range where it was written, out of range in UTC, where it is stored (found by
        // fuzzing: the export of such a workspace was refused on import).
        assert_eq!(
            Timestamp::parse("2199-12-31T23:00:00-04:00"),
            Err(DateProblem::OutOfRange)
        );
        assert_eq!(
            Timestamp::parse("1900-01-01T00:00:00+08:00"),
            Err(DateProblem::OutOfRange)
        );
        assert!(Timestamp::parse("2199-12-31T19:59:59-04:00").is_ok());
        assert_eq!(Month::parse("30000-01"), Err(DateProblem::OutOfRange));
        assert_eq!(Month::parse("2025-13"), Err(DateProblem::Invalid));
        assert_eq!(Month::parse("2025-6"), Err(DateProblem::Invalid));
    }

    #[test]
    fn months_count_and_print() {
        let june = Month::parse("2025-06").unwrap();
        assert_eq!(june.to_string(), "2025-06");
        assert_eq!(june.plus(7).to_string(), "2026-01");
        assert_eq!(june.plus(-6).to_string(), "2024-12");
        assert_eq!(Month::parse("2024-02").unwrap().day_count(), 29);
        assert_eq!(
            Timestamp::parse("2026-01-31T23:00:00Z").unwrap().month(),
            june.plus(7)
        );
    }
}
