//! The workspace's time zone as a fixed UTC offset, for counting days, months and periods locally.
//!
//! A full time-zone database would cost more download than the whole analytics layer; the teams
//! OmniRx serves work in zones without daylight saving time, listed here. Any other name (and any
//! zone with daylight saving time) falls back to UTC, and the views say so.

/// Zones without daylight saving time, with their offsets in minutes east of UTC.
const FIXED_ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("Etc/UTC", 0),
    ("Asia/Shanghai", 480),
    ("Asia/Chongqing", 480),
    ("Asia/Harbin", 480),
    ("Asia/Hong_Kong", 480),
    ("Asia/Macau", 480),
    ("Asia/Taipei", 480),
    ("Asia/Singapore", 480),
    ("Asia/Kuala_Lumpur", 480),
    ("Asia/Manila", 480),
    ("Asia/Urumqi", 360),
    ("Asia/Tokyo", 540),
    ("Asia/Seoul", 540),
    ("Asia/Bangkok", 420),
    ("Asia/Jakarta", 420),
    ("Asia/Ho_Chi_Minh", 420),
    ("Asia/Kolkata", 330),
    ("Asia/Dubai", 240),
];

/// The offset of a zone in seconds east of UTC, or `None` when the zone is not one we know to
/// have a fixed offset. `UTC+08:00` and `UTC-05:30` name fixed offsets directly.
pub fn fixed_utc_offset_seconds(zone: &str) -> Option<i64> {
    if let Some(&(_, minutes)) = FIXED_ZONES.iter().find(|(name, _)| *name == zone) {
        return Some(i64::from(minutes) * 60);
    }
    let rest = zone.strip_prefix("UTC")?;
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = digits.split_once(':').unwrap_or((digits, "0"));
    let hours: i64 = hours.parse().ok().filter(|h| (0..=14).contains(h))?;
    let minutes: i64 = minutes.parse().ok().filter(|m| (0..60).contains(m))?;
    Some(sign * (hours * 3_600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_and_written_offsets_are_understood() {
        assert_eq!(fixed_utc_offset_seconds("Asia/Shanghai"), Some(8 * 3_600));
        assert_eq!(
            fixed_utc_offset_seconds("Asia/Kolkata"),
            Some(5 * 3_600 + 1_800)
        );
        assert_eq!(fixed_utc_offset_seconds("UTC+08:00"), Some(8 * 3_600));
        assert_eq!(
            fixed_utc_offset_seconds("UTC-05:30"),
            Some(-(5 * 3_600 + 1_800))
        );
        assert_eq!(fixed_utc_offset_seconds("UTC+3"), Some(3 * 3_600));
    }

    #[test]
    fn zones_with_daylight_saving_time_and_nonsense_are_not_guessed() {
        assert_eq!(fixed_utc_offset_seconds("Europe/Berlin"), None);
        assert_eq!(fixed_utc_offset_seconds("UTC+15:00"), None);
        assert_eq!(fixed_utc_offset_seconds(""), None);
    }
}
