//! Comparison: the funnel against the previous period, another period, or one breakdown series against another.

use leptos::prelude::*;

use super::breakdown_view::series_name;
use crate::ui::state::funnel_analysis::Comparison;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::editing::period_with_end;
use omnirx_core::domain::funnel::{
    parse_iso_date, previous_period, quarter_containing, step_deltas,
};
use omnirx_core::i18n::{format_integer, phrases, Text};

fn signed(value: i64) -> String {
    match value {
        v if v > 0 => format!(
            "+{}",
            format_integer(v, omnirx_core::i18n::Language::English)
        ),
        v => format_integer(v, omnirx_core::i18n::Language::English),
    }
}

#[component]
pub fn ComparisonView() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let page = analysis.page;
    let is_manual = move || {
        analysis
            .definition
            .with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()))
    };
    let mode = move || match page.comparison.get() {
        Comparison::None => "none",
        Comparison::PreviousPeriod => "previous",
        Comparison::Period(_) => "period",
        Comparison::TwoSeries(..) => "series",
    };
    let set_mode = move |value: String| {
        // Another period starts as the one before the funnel's, or the quarter the data ends in.
        let fallback_period = analysis
            .definition
            .with_untracked(|d| d.as_ref().and_then(|d| d.period))
            .map(previous_period)
            .or_else(|| {
                analysis.index.with_untracked(|index| {
                    let index = index.as_ref()?;
                    Some(quarter_containing(index.local_date(index.data_end?)))
                })
            });
        page.comparison.set(match value.as_str() {
            "previous" => Comparison::PreviousPeriod,
            "period" => fallback_period.map_or(Comparison::None, Comparison::Period),
            "series" => Comparison::TwoSeries(0, 1),
            _ => Comparison::None,
        });
    };
    let needs = move || {
        let has_period = analysis
            .definition
            .with(|d| d.as_ref().is_some_and(|d| d.period.is_some()));
        match page.comparison.get() {
            Comparison::PreviousPeriod if !has_period => Some(Text::CompareNeedsPeriod),
            Comparison::TwoSeries(..) if page.breakdown.get().is_none() => {
                Some(Text::CompareNeedsBreakdown)
            }
            _ => None,
        }
    };
    view! {
        <section
            class="card funnel-comparison"
            data-testid="funnel-comparison"
            class:hidden=is_manual
        >
            <h2 class="card-title">{state.tr(Text::CompareTitle)}</h2>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::CompareTitle)}</span>
                    <select
                        data-testid="compare-mode"
                        prop:value=mode
                        on:change=move |e| set_mode(event_target_value(&e))
                    >
                        <option value="none">{state.tr(Text::CompareNone)}</option>
                        <option value="previous">{state.tr(Text::ComparePrevious)}</option>
                        <option value="period">{state.tr(Text::ComparePeriod)}</option>
                        <option value="series">{state.tr(Text::CompareSeries)}</option>
                    </select>
                </label>
                <Show when=move || matches!(page.comparison.get(), Comparison::Period(_))>
                    <ComparePeriodInputs />
                </Show>
                <Show when=move || matches!(page.comparison.get(), Comparison::TwoSeries(..))>
                    <CompareSeriesPickers />
                </Show>
            </div>
            {move || {
                needs()
                    .map(|key| {
                        view! {
                            <p class="hint" data-testid="compare-needs">
                                {state.text(key)}
                            </p>
                        }
                    })
            }}
            <ComparisonTable />
        </section>
    }
}

/// The two dates of another period to compare with.
#[component]
fn ComparePeriodInputs() -> impl IntoView {
    let state = use_app_state();
    let comparison = state.funnels().page.comparison;
    let period = move || match comparison.get() {
        Comparison::Period(period) => Some(period),
        _ => None,
    };
    let set = move |from_side: bool, text: String| {
        if let (Some(date), Some(period)) = (parse_iso_date(&text), period()) {
            comparison.set(Comparison::Period(period_with_end(
                Some(period),
                from_side,
                date,
            )));
        }
    };
    let end = move |from_side: bool| {
        period()
            .map(|p| if from_side { p.from } else { p.to }.to_string())
            .unwrap_or_default()
    };
    view! {
        <div class="control-pair">
            <input
                type="date"
                data-testid="compare-from"
                aria-label=state.tr(Text::PeriodFrom)
                prop:value=move || end(true)
                on:change=move |e| set(true, event_target_value(&e))
            />
            <span aria-hidden="true">"–"</span>
            <input
                type="date"
                data-testid="compare-to"
                aria-label=state.tr(Text::PeriodTo)
                prop:value=move || end(false)
                on:change=move |e| set(false, event_target_value(&e))
            />
        </div>
    }
}

/// The two breakdown series to compare.
#[component]
fn CompareSeriesPickers() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let comparison = analysis.page.comparison;
    let chosen = move || match comparison.get() {
        Comparison::TwoSeries(first, second) => (first, second),
        _ => (0, 1),
    };
    let names = move || {
        let language = state.language.get();
        analysis.breakdown.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.iter()
                        .map(|s| series_name(&s.label, language))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let options = move |selected: fn((usize, usize)) -> usize| {
        move || {
            names()
                .into_iter()
                .enumerate()
                .map(|(index, name)| {
                    view! {
                        <option value=index.to_string() selected=index == selected(chosen())>
                            {name}
                        </option>
                    }
                })
                .collect_view()
        }
    };
    let parse = |event: &leptos::ev::Event| event_target_value(event).parse::<usize>().unwrap_or(0);
    view! {
        <Show when=move || !names().is_empty()>
            <div class="control-pair">
                <select
                    data-testid="compare-series-a"
                    aria-label=state.tr(Text::CompareCurrent)
                    on:change=move |e| comparison.set(Comparison::TwoSeries(parse(&e), chosen().1))
                >
                    {options(|(first, _)| first)}
                </select>
                <span aria-hidden="true">"vs"</span>
                <select
                    data-testid="compare-series-b"
                    aria-label=state.tr(Text::CompareOther)
                    on:change=move |e| comparison.set(Comparison::TwoSeries(chosen().0, parse(&e)))
                >
                    {options(|(_, second)| second)}
                </select>
            </div>
        </Show>
    }
}

/// Counts side by side, the count change and the conversion change in points, per step.
#[component]
fn ComparisonTable() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let page = analysis.page;
    let table =
        move || {
            let language = state.language.get();
            let current = analysis.current_counts()?;
            let other = analysis.comparison_counts.get()?;
            let names = analysis.step_names();
            let rows = step_deltas(&current, &other).into_iter().enumerate().map(|(index, delta)| {
            let points = delta.conversion_delta_points;
            let (direction, arrow) = match points {
                Some(p) if p > 0.05 => ("delta-up", "▲ "),
                Some(p) if p < -0.05 => ("delta-down", "▼ "),
                _ => ("delta-flat", ""),
            };
            view! {
                <tr data-testid="comparison-row">
                    <th scope="row">{names.get(index).cloned().unwrap_or_default()}</th>
                    <td class="number">{format_integer(current[index] as i64, language)}</td>
                    <td class="number">{format_integer(other[index] as i64, language)}</td>
                    <td class="number">{signed(delta.count_delta)}</td>
                    <td class=format!("number {direction}") data-testid="comparison-points">
                        {points
                            .map(|p| format!("{arrow}{:+.1}", p))
                            .unwrap_or_else(|| "—".into())}
                    </td>
                </tr>
            }
        }).collect_view();
            let headers = [
                Text::ColumnStep,
                Text::CompareCurrent,
                Text::CompareOther,
                Text::ColumnDelta,
                Text::ColumnConversionDelta,
            ];
            Some(view! {
                <div class="table-scroll">
                    <table class="table" data-testid="comparison-table">
                        <thead>
                            <tr>
                                {headers
                                    .iter()
                                    .enumerate()
                                    .map(|(i, key)| {
                                        view! {
                                            <th scope="col" class:number={i > 0}>
                                                {state.text(*key)}
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {move || {
                        let period = match page.comparison.get() {
                            Comparison::PreviousPeriod => {
                                analysis
                                    .definition
                                    .with(|d| d.as_ref().and_then(|d| d.period))
                                    .map(previous_period)
                            }
                            Comparison::Period(period) => Some(period),
                            _ => None,
                        }?;
                        Some(
                            view! {
                                <p class="muted" data-testid="comparison-period">
                                    {phrases::comparison_period(
                                        state.language.get(),
                                        period.from,
                                        period.to,
                                    )}
                                </p>
                            },
                        )
                    }}
                </div>
            })
        };
    view! { {table} }
}
