//! The page's words for periods, dimensions, statuses and figures (formatted per language).

use leptos::prelude::*;
use omnirx_core::domain::performance::forecast::{Method, Trust};
use omnirx_core::domain::performance::{ActivityDimension, Dimension, Period, PeriodKind, Status};
use omnirx_core::i18n::{format_integer, format_percent, phrases, Language, Text};
use omnirx_core::view::labels::month_short_text;

pub fn period_kind(kind: PeriodKind) -> Text {
    match kind {
        PeriodKind::Month => Text::PerfPeriodMonth,
        PeriodKind::Quarter => Text::PerfPeriodQuarter,
        PeriodKind::YearToDate => Text::PerfPeriodYtd,
        PeriodKind::Year => Text::PerfPeriodYear,
    }
}

pub fn dimension(dimension: Dimension) -> Text {
    match dimension {
        Dimension::Region => Text::PerfDimRegion,
        Dimension::Territory => Text::PerfDimTerritory,
        Dimension::Rep => Text::PerfDimRep,
        Dimension::Account => Text::PerfDimAccount,
        Dimension::Product => Text::PerfDimProduct,
        Dimension::Tier => Text::PerfDimTier,
    }
}

pub fn activity_dimension(dimension: ActivityDimension) -> Text {
    match dimension {
        ActivityDimension::Rep => Text::PerfDimRep,
        ActivityDimension::Territory => Text::PerfDimTerritory,
        ActivityDimension::Region => Text::PerfDimRegion,
        ActivityDimension::Team => Text::PerfDimTeam,
    }
}

pub fn status(status: Status) -> (Text, &'static str) {
    match status {
        Status::OnTrack => (Text::PerfOnTrack, "on-track"),
        Status::AtRisk => (Text::PerfAtRisk, "at-risk"),
        Status::Behind => (Text::PerfBehind, "behind"),
    }
}

pub fn method(method: Method) -> Text {
    match method {
        Method::HoltWintersAdditive => Text::PerfHoltWinters,
        Method::DampedTrend => Text::PerfDampedTrend,
    }
}

pub fn trust(trust: Trust) -> (Text, &'static str) {
    match trust {
        Trust::Good => (Text::PerfTrustGood, "badge-good"),
        Trust::Rough => (Text::PerfTrustRough, "badge-warn"),
        Trust::Poor => (Text::PerfTrustPoor, "badge-warning"),
    }
}

fn month_name(language: Language, month: u8) -> &'static str {
    omnirx_core::i18n::text(language, month_short_text(month))
}

/// "2026年10月" / "Oct 2026".
pub fn month(language: Language, month: omnirx_core::domain::time::Month) -> String {
    phrases::month_year(language, month.year, month_name(language, month.month))
}

pub fn period(language: Language, period: Period) -> String {
    match period {
        Period::Month { month: m } => month(language, m),
        Period::Quarter { year, quarter } => phrases::quarter(language, year, quarter),
        Period::YearToDate { through } => {
            phrases::year_to_date(language, through.year, month_name(language, through.month))
        }
        Period::Year { year } => phrases::calendar_year(language, year),
    }
}

/// A whole amount, or "—".
pub fn amount(value: Option<f64>, language: Language) -> String {
    value.map_or("—".to_string(), |v| {
        format_integer(v.round() as i64, language)
    })
}

pub fn percent(value: Option<f64>, language: Language) -> String {
    value.map_or("—".to_string(), |v| format_percent(v, 1, language))
}

/// A growth with its sign: "+12.5%".
pub fn signed(value: Option<f64>, language: Language) -> String {
    value.map_or("—".to_string(), |v| {
        let text = format_percent(v.abs(), 1, language);
        if v < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    })
}

/// A signed whole amount: "+120" / "−35".
pub fn signed_amount(value: Option<f64>, language: Language) -> String {
    value.map_or("—".to_string(), |v| {
        let text = format_integer(v.abs().round() as i64, language);
        if v < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    })
}

pub fn decimal(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.2}"))
}

/// Column headers of a table, each a text that follows the language.
pub fn header_cells(columns: &[Text]) -> impl IntoView {
    let state = crate::ui::state::use_app_state();
    columns
        .iter()
        .map(|&column| view! { <th scope="col">{state.tr(column)}</th> })
        .collect_view()
}
