//! Numbers and dates written the way each UI language writes them.

use super::Language;
pub use crate::domain::calendar::CalendarDate;
use crate::domain::calendar::Weekday;

/// Groups thousands with commas, which both Chinese business documents and English use.
pub fn format_integer(value: i64, _language: Language) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        grouped.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Writes a ratio (0.1234) as a percentage with the given decimals ("12.3%").
/// A ratio that is not a number (0 ÷ 0) is shown as an em dash, never as "NaN%".
pub fn format_percent(ratio: f64, decimals: usize, _language: Language) -> String {
    if !ratio.is_finite() {
        return "—".to_string();
    }
    format!("{:.*}%", decimals, ratio * 100.0)
}

pub(super) const ENGLISH_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2026年11月24日" or "24 Nov 2026".
pub fn format_date(date: CalendarDate, language: Language) -> String {
    match language {
        Language::SimplifiedChinese => format!("{}年{}月{}日", date.year, date.month, date.day),
        Language::English => format!(
            "{} {} {}",
            date.day,
            ENGLISH_MONTHS[usize::from(date.month - 1)],
            date.year
        ),
    }
}

/// "2026年11月24日 星期二" or "Tuesday, 24 Nov 2026".
pub fn format_weekday_date(date: CalendarDate, language: Language) -> String {
    let weekday = date.weekday();
    match language {
        Language::SimplifiedChinese => {
            let name = match weekday {
                Weekday::Monday => "星期一",
                Weekday::Tuesday => "星期二",
                Weekday::Wednesday => "星期三",
                Weekday::Thursday => "星期四",
                Weekday::Friday => "星期五",
                Weekday::Saturday => "星期六",
                Weekday::Sunday => "星期日",
            };
            format!("{} {}", format_date(date, language), name)
        }
        Language::English => {
            let name = match weekday {
                Weekday::Monday => "Monday",
                Weekday::Tuesday => "Tuesday",
                Weekday::Wednesday => "Wednesday",
                Weekday::Thursday => "Thursday",
                Weekday::Friday => "Friday",
                Weekday::Saturday => "Saturday",
                Weekday::Sunday => "Sunday",
            };
            format!("{}, {}", name, format_date(date, language))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const ZH: Language = Language::SimplifiedChinese;
    const EN: Language = Language::English;

    #[test]
    fn integers_group_thousands() {
        assert_eq!(format_integer(0, EN), "0");
        assert_eq!(format_integer(999, ZH), "999");
        assert_eq!(format_integer(1_000, EN), "1,000");
        assert_eq!(format_integer(1_234_567, ZH), "1,234,567");
        assert_eq!(format_integer(-61_500, EN), "-61,500");
        assert_eq!(format_integer(i64::MIN, EN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn percentages_round_and_never_show_nan() {
        assert_eq!(format_percent(0.1234, 1, EN), "12.3%");
        assert_eq!(format_percent(1.0, 0, ZH), "100%");
        assert_eq!(format_percent(f64::NAN, 1, EN), "—");
    }

    #[test]
    fn dates_follow_the_language() {
        let date = CalendarDate::new(2026, 11, 24).unwrap();
        assert_eq!(format_date(date, ZH), "2026年11月24日");
        assert_eq!(format_date(date, EN), "24 Nov 2026");
        assert_eq!(format_weekday_date(date, ZH), "2026年11月24日 星期二");
        assert_eq!(format_weekday_date(date, EN), "Tuesday, 24 Nov 2026");
    }
}
