//! Edits of the Performance page's settings and the working-day calendar, each keeping them
//! valid (the rules `workspace_file::validate` checks).

use crate::domain::calendar::CalendarDate;
use crate::domain::funnel::parse_iso_date;
use crate::domain::model::{PerformanceSettings, WorkCalendar};

const LIMIT: f64 = 1_000.0;

fn clamp(value: f64, fallback: f64) -> f64 {
    if value.is_finite() {
        value.clamp(0.0, LIMIT)
    } else {
        fallback
    }
}

/// Sets the status thresholds: each between 0 and 1,000 %, "at risk" never above "on track".
pub fn set_thresholds(settings: &mut PerformanceSettings, on_track: f64, at_risk: f64) {
    settings.on_track_percent = clamp(on_track, settings.on_track_percent);
    settings.at_risk_percent =
        clamp(at_risk, settings.at_risk_percent).min(settings.on_track_percent);
}

/// Sets the planned contacts per key customer per month (0 to 1,000).
pub fn set_key_frequency(settings: &mut PerformanceSettings, contacts: f64) {
    settings.key_customer_contacts_per_month =
        clamp(contacts, settings.key_customer_contacts_per_month);
}

/// Dates written one per line (or separated by commas or spaces), sorted without repeats; the
/// pieces that are not `YYYY-MM-DD` dates are returned instead.
pub fn parse_dates(text: &str) -> Result<Vec<CalendarDate>, Vec<String>> {
    let mut dates = Vec::new();
    let mut bad = Vec::new();
    for piece in text.split(|c: char| c.is_whitespace() || c == ',' || c == '，') {
        if piece.is_empty() {
            continue;
        }
        match parse_iso_date(piece) {
            Some(date) => dates.push(date),
            None => bad.push(piece.to_string()),
        }
    }
    if !bad.is_empty() {
        return Err(bad);
    }
    dates.sort();
    dates.dedup();
    Ok(dates)
}

/// Replaces the holidays and make-up working days; a day in both lists is a working day.
pub fn set_days_off(
    calendar: &mut WorkCalendar,
    holidays: Vec<CalendarDate>,
    working: Vec<CalendarDate>,
) {
    calendar.holidays = holidays
        .into_iter()
        .filter(|date| !working.contains(date))
        .collect();
    calendar.working_days = working;
}

/// The dates as the settings form shows them, one per line.
pub fn dates_text(dates: &[CalendarDate]) -> String {
    dates
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_stay_ordered_and_in_range() {
        let mut settings = PerformanceSettings::default();
        let cases = [
            ((90.0, 80.0), (90.0, 80.0)),
            ((80.0, 90.0), (80.0, 80.0)),
            ((-5.0, -1.0), (0.0, 0.0)),
            ((5_000.0, 95.0), (1_000.0, 95.0)),
            ((f64::NAN, f64::INFINITY), (1_000.0, 95.0)),
        ];
        for ((on_track, at_risk), expected) in cases {
            set_thresholds(&mut settings, on_track, at_risk);
            assert_eq!(
                (settings.on_track_percent, settings.at_risk_percent),
                expected
            );
        }
        set_key_frequency(&mut settings, -3.0);
        assert_eq!(settings.key_customer_contacts_per_month, 0.0);
    }

    #[test]
    fn dates_are_read_sorted_and_bad_ones_named() {
        let dates = parse_dates("2026-10-08\n2026-10-01, 2026-10-01 ").unwrap();
        assert_eq!(dates_text(&dates), "2026-10-01\n2026-10-08");
        assert_eq!(
            parse_dates("2026-10-01\n2026-02-30\n10/1"),
            Err(vec!["2026-02-30".to_string(), "10/1".to_string()])
        );
        let mut calendar = WorkCalendar::default();
        set_days_off(&mut calendar, dates.clone(), vec![dates[1]]);
        assert_eq!(calendar.holidays, vec![dates[0]]);
        assert_eq!(calendar.working_days, vec![dates[1]]);
    }
}
