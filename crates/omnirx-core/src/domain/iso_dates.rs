//! Dates as files write them, `YYYY-MM-DD`, for serde (`#[serde(with = "…::iso_date")]`) and
//! for inputs, within the years a workspace may mention.

use crate::domain::calendar::CalendarDate;

/// Parses `YYYY-MM-DD` within the years a workspace may mention.
pub fn parse_iso_date(text: &str) -> Option<CalendarDate> {
    let date: CalendarDate = text.parse().ok()?;
    (crate::domain::time::EARLIEST_YEAR..=crate::domain::time::LATEST_YEAR)
        .contains(&date.year)
        .then_some(date)
}

/// `YYYY-MM-DD` in files, a [`CalendarDate`] in memory (`#[serde(with = "…::iso_date")]`).
pub mod iso_date {
    use crate::domain::calendar::CalendarDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &CalendarDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<CalendarDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text)
    }

    /// A date of the years a workspace may mention, or the import's "invalid date" error.
    pub(super) fn parse<E: serde::de::Error>(text: &str) -> Result<CalendarDate, E> {
        super::parse_iso_date(text).ok_or_else(|| {
            E::custom(format!(
                "{}{text}",
                crate::domain::time::INVALID_DATE_PREFIX
            ))
        })
    }
}

/// Lists of `YYYY-MM-DD` in files (`#[serde(with = "…::iso_date_list")]`).
pub mod iso_date_list {
    use crate::domain::calendar::CalendarDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        dates: &[CalendarDate],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(dates.iter().map(|date| date.to_string()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<CalendarDate>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|text| super::iso_date::parse(text))
            .collect()
    }
}

/// A date that may be absent: `YYYY-MM-DD` or `null` in files
/// (`#[serde(default, with = "…::iso_date_option")]`).
pub mod iso_date_option {
    use crate::domain::calendar::CalendarDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        date: &Option<CalendarDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<CalendarDate>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| super::iso_date::parse(&text))
            .transpose()
    }
}
