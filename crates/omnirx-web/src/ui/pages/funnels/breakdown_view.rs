//! The breakdown: the funnel split by channel, segment, region, product or rep, as small multiples and a table.

use leptos::prelude::*;

use crate::ui::components::charts::{BreakdownChart, BreakdownSeries as ChartSeries};
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::{Attribution, BreakdownDimension, SeriesLabel};
use omnirx_core::i18n::{format_integer, format_percent, Language, Text};
use omnirx_core::view::labels::{attribution_text, breakdown_dimension_text};

/// A series' name in the UI language.
pub fn series_name(label: &SeriesLabel, language: Language) -> String {
    match label {
        SeriesLabel::Named(name) if name.trim().is_empty() => {
            omnirx_core::i18n::text(language, Text::SeriesMissing).to_string()
        }
        SeriesLabel::Named(name) => name.clone(),
        SeriesLabel::Missing => omnirx_core::i18n::text(language, Text::SeriesMissing).to_string(),
        SeriesLabel::Other => omnirx_core::i18n::text(language, Text::SeriesOther).to_string(),
    }
}

/// The shown funnel's step names.
fn use_step_labels() -> Signal<Vec<String>> {
    let summary = use_app_state().funnels().summary;
    Signal::derive(move || {
        summary.with(|s| {
            s.as_ref()
                .map(|s| s.steps.iter().map(|step| step.name.clone()).collect())
                .unwrap_or_default()
        })
    })
}

#[component]
pub fn BreakdownView() -> impl IntoView {
    let state = use_app_state();
    let page = state.funnels().page;
    view! {
        <section class="card funnel-breakdown" data-testid="funnel-breakdown">
            <h2 class="card-title">{state.tr(Text::BreakdownTitle)}</h2>
            <BreakdownControls />
            <Show when=move || page.breakdown.get().is_some()>
                <BreakdownSmallMultiples />
                <BreakdownTable />
            </Show>
        </section>
    }
}

/// The dimension to break down by, and the attribution where the dimension needs one.
#[component]
fn BreakdownControls() -> impl IntoView {
    let state = use_app_state();
    let page = state.funnels().page;
    view! {
        <div class="control-row">
            <label class="control">
                <span class="control-label">{state.tr(Text::BreakdownTitle)}</span>
                <select
                    data-testid="breakdown-dimension"
                    prop:value=move || page.breakdown.get().map(|d| d.key()).unwrap_or("none")
                    on:change=move |event| {
                        page.breakdown.set(BreakdownDimension::parse(&event_target_value(&event)))
                    }
                >
                    <option value="none">{state.tr(Text::BreakdownNone)}</option>
                    {BreakdownDimension::ALL
                        .into_iter()
                        .map(|d| {
                            view! {
                                <option value=d
                                    .key()>{state.tr(breakdown_dimension_text(d))}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label
                class="control"
                class:hidden=move || !page.breakdown.get().is_some_and(|d| d.uses_attribution())
            >
                <span class="control-label">{state.tr(Text::AttributionLabel)}</span>
                <select
                    data-testid="breakdown-attribution"
                    prop:value=move || page.attribution.get().key()
                    on:change=move |event| {
                        if let Some(a) = Attribution::parse(&event_target_value(&event)) {
                            page.attribution.set(a);
                        }
                    }
                >
                    {Attribution::ALL
                        .into_iter()
                        .map(|a| {
                            view! { <option value=a.key()>{state.tr(attribution_text(a))}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// One small funnel per series.
#[component]
fn BreakdownSmallMultiples() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let conversion = |s: &omnirx_core::domain::funnel::BreakdownSeries, language| {
        s.overall_conversion()
            .map(|r| format_percent(r, 1, language))
            .unwrap_or_else(|| "—".into())
    };
    let chart_series = Signal::derive(move || {
        let language = state.language.get();
        analysis.breakdown.with(|series| {
            series
                .iter()
                .flatten()
                .map(|s| ChartSeries {
                    label: series_name(&s.label, language),
                    values: s.counts.iter().map(|&c| c as f64).collect(),
                    value_texts: s
                        .counts
                        .iter()
                        .map(|&c| format_integer(c as i64, language))
                        .collect(),
                    summary_text: conversion(s, language),
                })
                .collect()
        })
    });
    let title = Signal::derive(move || {
        analysis
            .page
            .breakdown
            .get()
            .map(|d| state.text(breakdown_dimension_text(d)).to_string())
            .unwrap_or_default()
    });
    view! {
        <div class="chart-box">
            <BreakdownChart
                step_labels=use_step_labels()
                series=chart_series
                title=title
                testid="breakdown-chart".to_string()
            />
        </div>
    }
}

/// The series' counts per step and overall conversion, as a table.
#[component]
fn BreakdownTable() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let labels = use_step_labels();
    let table = move || {
        let language = state.language.get();
        analysis.breakdown.with(|series| {
            let series = series.as_ref()?;
            Some(view! {
                <div class="table-scroll">
                    <table class="table" data-testid="breakdown-table">
                        <thead>
                            <tr>
                                <th scope="col">{state.text(Text::ColumnSeries)}</th>
                                {labels
                                    .get()
                                    .into_iter()
                                    .map(|l| {
                                        view! {
                                            <th scope="col" class="number">
                                                {l}
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                                <th scope="col" class="number">
                                    {state.text(Text::ColumnOverall)}
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {series
                                .iter()
                                .map(|s| {
                                    view! {
                                        <tr data-testid="breakdown-row">
                                            <th scope="row" data-testid="breakdown-series">
                                                {series_name(&s.label, language)}
                                            </th>
                                            {s
                                                .counts
                                                .iter()
                                                .map(|&c| {
                                                    view! {
                                                        <td class="number">{format_integer(c as i64, language)}</td>
                                                    }
                                                })
                                                .collect_view()}
                                            <td class="number">
                                                {s
                                                    .overall_conversion()
                                                    .map(|r| format_percent(r, 1, language))
                                                    .unwrap_or_else(|| "—".into())}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        })
    };
    view! { {table} }
}
