//! Comparison: the funnel against the previous period, another period, or one breakdown series against another.

use leptos::prelude::*;

use super::breakdown_view::series_name;
use crate::ui::state::funnel_analysis::Comparison;
use crate::ui::state::use_app_state;
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::funnel::{parse_iso_date, previous_period, step_deltas, Period};
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_integer, Text};

fn date_text(date: CalendarDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

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
    let analysis = state.funnels;
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
                    Some(omnirx_core::domain::funnel::quarter_containing(
                        index.local_date(index.data_end?),
                    ))
                })
            });
        page.comparison.set(match value.as_str() {
            "previous" => Comparison::PreviousPeriod,
            "period" => match fallback_period {
                Some(period) => Comparison::Period(period),
                None => Comparison::None,
            },
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
    let period_inputs = move || {
        let Comparison::Period(period) = page.comparison.get() else {
            return None;
        };
        let set = move |from_side: bool, text: String| {
            let Some(date) = parse_iso_date(&text) else {
                return;
            };
            let (mut from, mut to) = (period.from, period.to);
            if from_side {
                from = date;
            } else {
                to = date;
            }
            if to < from {
                std::mem::swap(&mut from, &mut to);
            }
            page.comparison.set(Comparison::Period(Period { from, to }));
        };
        Some(view! {
            <div class="control-pair">
                <input type="date" data-testid="compare-from" aria-label=state.tr(Text::PeriodFrom)
                    prop:value=date_text(period.from) on:change=move |e| set(true, event_target_value(&e))/>
                <span aria-hidden="true">"–"</span>
                <input type="date" data-testid="compare-to" aria-label=state.tr(Text::PeriodTo)
                    prop:value=date_text(period.to) on:change=move |e| set(false, event_target_value(&e))/>
            </div>
        })
    };
    let series_pickers = move || {
        let Comparison::TwoSeries(first, second) = page.comparison.get() else {
            return None;
        };
        let language = state.language.get();
        let names: Vec<String> = analysis.breakdown.with(|s| {
            s.as_ref()
                .map(|s| s.iter().map(|s| series_name(&s.label, language)).collect())
                .unwrap_or_default()
        });
        if names.is_empty() {
            return None;
        }
        let options = move |selected: usize| {
            names
                .iter()
                .enumerate()
                .map(|(index, name)| {
                    view! { <option value=index.to_string() selected=index == selected>{name.clone()}</option> }
                })
                .collect_view()
        };
        let parse =
            |event: &leptos::ev::Event| event_target_value(event).parse::<usize>().unwrap_or(0);
        Some(view! {
            <div class="control-pair">
                <select data-testid="compare-series-a" aria-label=state.tr(Text::CompareCurrent)
                    on:change=move |e| page.comparison.set(Comparison::TwoSeries(parse(&e), second))>
                    {options(first)}
                </select>
                <span aria-hidden="true">"vs"</span>
                <select data-testid="compare-series-b" aria-label=state.tr(Text::CompareOther)
                    on:change=move |e| page.comparison.set(Comparison::TwoSeries(first, parse(&e)))>
                    {options(second)}
                </select>
            </div>
        })
    };
    let table = move || {
        let language = state.language.get();
        let current = analysis.current_counts()?;
        let other = analysis.comparison_counts.get()?;
        let names = analysis.step_names();
        let deltas = step_deltas(&current, &other);
        Some(view! {
            <div class="table-scroll">
                <table class="table" data-testid="comparison-table">
                    <thead>
                        <tr>
                            <th scope="col">{state.text(Text::ColumnStep)}</th>
                            <th scope="col" class="number">{state.text(Text::CompareCurrent)}</th>
                            <th scope="col" class="number">{state.text(Text::CompareOther)}</th>
                            <th scope="col" class="number">{state.text(Text::ColumnDelta)}</th>
                            <th scope="col" class="number">{state.text(Text::ColumnConversionDelta)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {deltas.into_iter().enumerate().map(|(index, delta)| {
                            let points = delta.conversion_delta_points;
                            let direction = match points {
                                Some(p) if p > 0.05 => "delta-up",
                                Some(p) if p < -0.05 => "delta-down",
                                _ => "delta-flat",
                            };
                            let arrow = match direction { "delta-up" => "▲ ", "delta-down" => "▼ ", _ => "" };
                            view! {
                                <tr data-testid="comparison-row">
                                    <th scope="row">{names.get(index).cloned().unwrap_or_default()}</th>
                                    <td class="number">{format_integer(current[index] as i64, language)}</td>
                                    <td class="number">{format_integer(other[index] as i64, language)}</td>
                                    <td class="number">{signed(delta.count_delta)}</td>
                                    <td class=format!("number {direction}") data-testid="comparison-points">
                                        {points.map(|p| format!("{arrow}{:+.1}", p)).unwrap_or_else(|| "—".into())}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {move || {
                    let period = match page.comparison.get() {
                        Comparison::PreviousPeriod => analysis.definition.with(|d| d.as_ref().and_then(|d| d.period)).map(previous_period),
                        Comparison::Period(period) => Some(period),
                        _ => None,
                    }?;
                    Some(view! { <p class="muted" data-testid="comparison-period">
                        {phrases::comparison_period(state.language.get(), period.from, period.to)}
                    </p> })
                }}
            </div>
        })
    };
    view! {
        <section class="card funnel-comparison" data-testid="funnel-comparison" class:hidden=is_manual>
            <h2 class="card-title">{state.tr(Text::CompareTitle)}</h2>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::CompareTitle)}</span>
                    <select data-testid="compare-mode" prop:value=mode on:change=move |e| set_mode(event_target_value(&e))>
                        <option value="none">{state.tr(Text::CompareNone)}</option>
                        <option value="previous">{state.tr(Text::ComparePrevious)}</option>
                        <option value="period">{state.tr(Text::ComparePeriod)}</option>
                        <option value="series">{state.tr(Text::CompareSeries)}</option>
                    </select>
                </label>
                {period_inputs}
                {series_pickers}
            </div>
            {move || needs().map(|key| view! { <p class="hint" data-testid="compare-needs">{state.text(key)}</p> })}
            {table}
        </section>
    }
}
