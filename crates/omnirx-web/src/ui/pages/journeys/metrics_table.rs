//! The stage metrics of the open map as a table: entrants, drop-off, time in stage, reported outcomes, links and missing months.

use leptos::prelude::*;

use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::journey::metrics::{OutcomeAverages, StageMetrics};
use omnirx_core::i18n::{format_integer, format_percent, Language, Text};

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |value| format!("{value:.1}"))
}

fn drop_off_text(stage: &StageMetrics, language: Language) -> String {
    match &stage.drop_off {
        Some(drop_off) => format!(
            "{} ({})",
            format_integer(drop_off.patients, language),
            format_percent(drop_off.share, 1, language)
        ),
        None => "—".to_string(),
    }
}

fn outcome(
    outcomes: Option<&OutcomeAverages>,
    pick: fn(&OutcomeAverages) -> Option<f64>,
) -> Option<f64> {
    outcomes.and_then(pick)
}

#[component]
pub fn JourneyMetricsTable() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let has_data = move || {
        editor
            .metrics
            .with(|metrics| metrics.as_ref().is_some_and(|m| m.months.is_some()))
    };
    let period = move || {
        editor.metrics.with(|metrics| {
            let months = metrics.as_ref()?.months?;
            Some(format!(
                "{} {} {}",
                months.from,
                state.text(Text::JourneysMonthsRange),
                months.to
            ))
        })
    };
    let rows = move || {
        let language = state.language.get();
        let map = editor.map.get()?;
        editor.metrics.with(|metrics| {
            let metrics = metrics.as_ref()?;
            Some(
                map.stages
                    .iter()
                    .zip(&metrics.stages)
                    .enumerate()
                    .map(|(index, (stage, figures))| {
                        let largest = metrics.largest_drop_off == Some(index);
                        let outcomes = figures.outcomes.as_ref();
                        let adherence = outcome(outcomes, |o| o.adherence_percent).map_or_else(
                            || "—".to_string(),
                            |value| format_percent(value / 100.0, 0, language),
                        );
                        let missing = figures
                            .missing_months
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ");
                        let link = stage
                            .link
                            .clone()
                            .map(|link| view! { <super::StageLinkAnchor link=link /> });
                        view! {
                            <tr data-testid="journey-metrics-row" class:row-highlight=largest>
                                <th scope="row">{stage.name.clone()}</th>
                                <td class="number" data-testid="journey-metrics-entered">
                                    {figures
                                        .entered
                                        .map_or_else(
                                            || "—".to_string(),
                                            |n| format_integer(n as i64, language),
                                        )}
                                </td>
                                <td class="number" data-testid="journey-metrics-drop-off">
                                    {drop_off_text(figures, language)}
                                    {largest
                                        .then(|| {
                                            view! {
                                                <span class="badge badge-warning">
                                                    {state.tr(Text::JourneysLargestDropOff)}
                                                </span>
                                            }
                                        })}
                                </td>
                                <td>{link}</td>
                                <td class="number">{one_decimal(figures.median_days_in_stage)}</td>
                                <td class="number">
                                    {one_decimal(outcome(outcomes, |o| o.satisfaction))}
                                </td>
                                <td class="number">
                                    {one_decimal(outcome(outcomes, |o| o.quality_of_life))}
                                </td>
                                <td class="number">{adherence}</td>
                                <td data-testid="journey-metrics-missing">{missing}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <section class="card" data-testid="journey-metrics">
            <h2>{state.tr(Text::JourneysMetrics)}</h2>
            <Show
                when=has_data
                fallback=move || {
                    view! {
                        <p class="muted" data-testid="journey-metrics-none">
                            {state.tr(Text::JourneysMetricsNoData)}
                        </p>
                    }
                }
            >
                <p class="muted">
                    {state.tr(Text::JourneysPeriod)}": "
                    <span data-testid="journey-metrics-period">{period}</span> ". "
                    {state.tr(Text::JourneysMetricsPrivacy)}
                </p>
                <div class="table-scroll">
                    <table class="table journey-metrics-table" data-testid="journey-metrics-table">
                        {metrics_header(state)}
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The metrics table's column headers.
fn metrics_header(state: AppState) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{state.tr(Text::JourneysStage)}</th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysEntered)}
                </th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysDropOff)}
                </th>
                <th scope="col">{state.tr(Text::JourneysLink)}</th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysMedianDays)}
                </th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysSatisfaction)}
                </th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysQualityOfLife)}
                </th>
                <th scope="col" class="number">
                    {state.tr(Text::JourneysAdherence)}
                </th>
                <th scope="col">{state.tr(Text::JourneysMissingMonths)}</th>
            </tr>
        </thead>
    }
}
