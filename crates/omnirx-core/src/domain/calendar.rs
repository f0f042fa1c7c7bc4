//! Calendar dates without time zones: conversion to and from day numbers, and weekdays.
//!
//! The browser's clock is read by the UI layer and handed in as a [`CalendarDate`];
//! `std::time::SystemTime::now()` panics on wasm32, so the domain never asks for the time.

use serde::{Deserialize, Serialize};

/// A date in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// `YYYY-MM-DD` (ISO 8601), the one way dates are written in files, file names and inputs.
impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text is not a `YYYY-MM-DD` date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotADate;

/// Reads exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) of a day that exists.
impl std::str::FromStr for CalendarDate {
    type Err = NotADate;

    fn from_str(text: &str) -> Result<CalendarDate, NotADate> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(NotADate);
        }
        let number = |range: std::ops::Range<usize>| -> Result<i32, NotADate> {
            let part = &text[range];
            if !part.bytes().all(|byte| byte.is_ascii_digit()) {
                return Err(NotADate);
            }
            part.parse().map_err(|_| NotADate)
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        CalendarDate::new(year, month as u8, day as u8).ok_or(NotADate)
    }
}

/// Days of the week, Monday first as in ISO 8601 and in Chinese calendars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl CalendarDate {
    /// Builds a date, or `None` when the month or day does not exist (e.g. 2023-02-29).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CalendarDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CalendarDate { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it), by Howard Hinnant's civil-days algorithm.
    pub fn days_since_unix_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`CalendarDate::days_since_unix_epoch`].
    pub fn from_days_since_unix_epoch(days: i64) -> CalendarDate {
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u8;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        } as u8;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        CalendarDate {
            year: year as i32,
            month,
            day,
        }
    }

    /// The date `days` days later (earlier when negative).
    pub fn plus_days(self, days: i64) -> CalendarDate {
        CalendarDate::from_days_since_unix_epoch(self.days_since_unix_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days_since_unix_epoch() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_day_numbers() {
        assert_eq!(
            CalendarDate::new(1970, 1, 1)
                .unwrap()
                .days_since_unix_epoch(),
            0
        );
        assert_eq!(
            CalendarDate::new(2000, 3, 1)
                .unwrap()
                .days_since_unix_epoch(),
            11_017
        );
        assert_eq!(
            CalendarDate::new(1969, 12, 31)
                .unwrap()
                .days_since_unix_epoch(),
            -1
        );
        assert_eq!(
            CalendarDate::new(2026, 11, 24)
                .unwrap()
                .days_since_unix_epoch(),
            20_781
        );
    }

    #[test]
    fn day_numbers_round_trip_over_four_centuries() {
        for days in (-200_000..200_000).step_by(7) {
            let date = CalendarDate::from_days_since_unix_epoch(days);
            assert_eq!(
                CalendarDate::new(date.year, date.month, date.day),
                Some(date)
            );
            assert_eq!(date.days_since_unix_epoch(), days);
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(CalendarDate::new(2023, 2, 29), None);
        assert!(CalendarDate::new(2024, 2, 29).is_some());
        assert_eq!(CalendarDate::new(1900, 2, 29), None);
        assert!(CalendarDate::new(2000, 2, 29).is_some());
        assert_eq!(CalendarDate::new(2026, 13, 1), None);
        assert_eq!(CalendarDate::new(2026, 4, 31), None);
        assert_eq!(CalendarDate::new(2026, 4, 0), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            CalendarDate::new(2026, 11, 24).unwrap().weekday(),
            Weekday::Tuesday
        );
        assert_eq!(
            CalendarDate::new(1970, 1, 1).unwrap().weekday(),
            Weekday::Thursday
        );
        assert_eq!(
            CalendarDate::new(2024, 2, 29).unwrap().weekday(),
            Weekday::Thursday
        );
    }
}
