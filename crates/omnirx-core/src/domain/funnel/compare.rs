//! Comparing funnels: two periods or two series side by side, deltas, and the bottleneck step.

use serde::Serialize;

use super::definition::Period;
use crate::domain::calendar::CalendarDate;

/// How one step differs between the current funnel and the one it is compared with.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepDelta {
    pub count_delta: i64,
    /// Conversion from the previous step, current minus comparison, in percentage points.
    pub conversion_delta_points: Option<f64>,
}

pub fn step_deltas(current: &[u64], comparison: &[u64]) -> Vec<StepDelta> {
    let conversion = |counts: &[u64], step: usize| {
        (step > 0 && counts[step - 1] > 0).then(|| counts[step] as f64 / counts[step - 1] as f64)
    };
    (0..current.len().min(comparison.len()))
        .map(|step| StepDelta {
            // Typed workshop counts have no upper limit: compute wide, then clamp.
            count_delta: (i128::from(current[step]) - i128::from(comparison[step]))
                .clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
            conversion_delta_points: match (conversion(current, step), conversion(comparison, step))
            {
                (Some(now), Some(before)) => Some((now - before) * 100.0),
                _ => None,
            },
        })
        .collect()
}

fn date_plus_days(date: CalendarDate, days: i64) -> CalendarDate {
    CalendarDate::from_days_since_unix_epoch(date.days_since_unix_epoch() + days)
}

/// The calendar quarter containing a date.
pub fn quarter_containing(date: CalendarDate) -> Period {
    let first_month = (date.month - 1) / 3 * 3 + 1;
    let from =
        CalendarDate::new(date.year, first_month, 1).expect("a quarter starts on a real day");
    let next = if first_month == 10 {
        CalendarDate::new(date.year + 1, 1, 1)
    } else {
        CalendarDate::new(date.year, first_month + 3, 1)
    }
    .expect("a quarter ends before a real day");
    Period {
        from,
        to: date_plus_days(next, -1),
    }
}

/// The period just before: the previous calendar quarter or month when the period is one,
/// otherwise the same number of days ending the day before it starts.
pub fn previous_period(period: Period) -> Period {
    let quarter = quarter_containing(period.from);
    if quarter == period {
        return quarter_containing(date_plus_days(period.from, -1));
    }
    let is_whole_month = period.from.day == 1
        && period.to.year == period.from.year
        && period.to.month == period.from.month
        && period.to.day == crate::domain::calendar::days_in_month(period.to.year, period.to.month);
    if is_whole_month {
        let to = date_plus_days(period.from, -1);
        return Period {
            from: CalendarDate::new(to.year, to.month, 1).expect("a month starts on day 1"),
            to,
        };
    }
    let length = period.to.days_since_unix_epoch() - period.from.days_since_unix_epoch() + 1;
    Period {
        from: date_plus_days(period.from, -length),
        to: date_plus_days(period.from, -1),
    }
}
