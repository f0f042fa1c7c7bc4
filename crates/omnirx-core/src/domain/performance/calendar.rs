//! Working days (field days) from the workspace's calendar: weekends, holidays, make-up days.

use crate::domain::calendar::{CalendarDate, Weekday};
use crate::domain::model::WorkCalendar;
use crate::domain::time::Month;

/// ISO weekday number: 1 = Monday … 7 = Sunday.
pub fn iso_weekday(date: CalendarDate) -> u8 {
    match date.weekday() {
        Weekday::Monday => 1,
        Weekday::Tuesday => 2,
        Weekday::Wednesday => 3,
        Weekday::Thursday => 4,
        Weekday::Friday => 5,
        Weekday::Saturday => 6,
        Weekday::Sunday => 7,
    }
}

/// Whether `date` is worked: a make-up working day always is; a holiday never is; otherwise
/// every day but the weekend days.
pub fn is_working_day(calendar: &WorkCalendar, date: CalendarDate) -> bool {
    if calendar.working_days.contains(&date) {
        return true;
    }
    if calendar.holidays.contains(&date) {
        return false;
    }
    !calendar.weekend.contains(&iso_weekday(date))
}

/// Working days from `from` to `to`, both included (0 when `to` is before `from`).
pub fn working_days_between(calendar: &WorkCalendar, from: CalendarDate, to: CalendarDate) -> u32 {
    let (start, end) = (from.days_since_unix_epoch(), to.days_since_unix_epoch());
    (start..=end)
        .filter(|day| is_working_day(calendar, CalendarDate::from_days_since_unix_epoch(*day)))
        .count() as u32
}

/// Working days in a month.
pub fn working_days_in_month(calendar: &WorkCalendar, month: Month) -> u32 {
    let first = month.first_day();
    working_days_between(
        calendar,
        first,
        first.plus_days(i64::from(month.day_count()) - 1),
    )
}

/// The last day of a month.
pub fn last_day(month: Month) -> CalendarDate {
    month
        .first_day()
        .plus_days(i64::from(month.day_count()) - 1)
}
