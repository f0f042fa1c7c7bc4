//! The funnel's numbers: headline figures, the chart (funnel or bars) with the bottleneck, and the table.

use leptos::html::Div;
use leptos::prelude::*;

use super::format_days;
use crate::ui::components::charts::{FunnelChart, FunnelChartStep, FunnelChartStyle};
use crate::ui::state::funnel_analysis::{ChartStyle, Comparison};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::funnel::{find_bottleneck, FunnelSummary, PercentBase};
use omnirx_core::i18n::{format_date, format_integer, format_percent, phrases, Language, Text};

fn percent(ratio: Option<f64>, language: Language) -> String {
    ratio.map_or("—".to_string(), |ratio| {
        format_percent(ratio, 1, language)
    })
}

/// The bottleneck shown: against the comparison when there is one.
fn shown_bottleneck(state: AppState, summary: &FunnelSummary) -> Option<usize> {
    match state.funnels().page.comparison.get() {
        Comparison::None | Comparison::TwoSeries(..) => summary.bottleneck,
        _ => match state.funnels().comparison_counts.get() {
            Some(other) => find_bottleneck(summary, Some(&other)),
            None => summary.bottleneck,
        },
    }
}

/// Saves the chart inside `container` as SVG or PNG, named after the funnel.
fn export_chart(state: AppState, container: NodeRef<Div>, png: bool) {
    let Some(svg) = container
        .get_untracked()
        .and_then(|element| element.query_selector("svg").ok().flatten())
    else {
        return;
    };
    let name = state
        .funnels()
        .definition
        .with_untracked(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let base = omnirx_core::domain::workspace_file::export_file_name(&name, state.today)
        .trim_end_matches(".omnirx.json")
        .to_string();
    if png {
        crate::ui::browser::export::download_png(&svg, &format!("{base}.png"), 2.0);
    } else {
        let _ = crate::ui::browser::export::download_svg(&svg, &format!("{base}.svg"));
    }
}

#[component]
pub fn FunnelResults() -> impl IntoView {
    let state = use_app_state();
    let chart_box = NodeRef::<Div>::new();
    let is_table = move || state.funnels().page.style.get() == ChartStyle::Table;
    view! {
        <section class="card funnel-results" data-testid="funnel-results">
            <FunnelHeadline />
            <ChartToolbar chart_box=chart_box />
            <div class="chart-box" node_ref=chart_box class:hidden=is_table>
                <ResultsChart />
            </div>
            <FunnelTable />
            <DataNotes />
        </section>
    }
}

/// Entered, reached the last step, overall conversion and the bottleneck.
#[component]
fn FunnelHeadline() -> impl IntoView {
    let state = use_app_state();
    let summary = state.funnels().summary;
    let headline =
        move || {
            let language = state.language.get();
            summary.with(|summary| {
            let summary = summary.as_ref()?;
            let entered = summary.steps.first()?.count;
            let last = summary.steps.last()?.count;
            let bottleneck = shown_bottleneck(state, summary)
                .and_then(|step| summary.steps.get(step))
                .map(|step| step.name.clone())
                .unwrap_or_else(|| "—".to_string());
            let tile = |value: String, test_id: &'static str, label: Text| view! {
                <div class="stat-tile">
                    <span class="stat-value" data-testid=test_id>
                        {value}
                    </span>
                    <span class="stat-label">{state.text(label)}</span>
                </div>
            };
            Some(view! {
                <div class="stat-grid funnel-headline" data-testid="funnel-headline">
                    {tile(
                        format_integer(entered as i64, language),
                        "headline-entered",
                        Text::HeadlineEntered,
                    )}
                    {tile(
                        format_integer(last as i64, language),
                        "headline-last",
                        Text::HeadlineReachedLast,
                    )}
                    {tile(
                        percent(summary.overall_conversion(), language),
                        "headline-overall",
                        Text::HeadlineOverall,
                    )}
                    <div class="stat-tile stat-tile-alert">
                        <span class="stat-value stat-value-text" data-testid="headline-bottleneck">
                            {bottleneck}
                        </span>
                        <span class="stat-label">{state.text(Text::HeadlineBottleneck)}</span>
                    </div>
                </div>
            })
        })
        };
    view! { {headline} }
}

/// Funnel, bars or table, and the chart's export as SVG or PNG.
#[component]
fn ChartToolbar(chart_box: NodeRef<Div>) -> impl IntoView {
    let state = use_app_state();
    let style = state.funnels().page.style;
    let is_table = move || style.get() == ChartStyle::Table;
    let style_button = move |choice: ChartStyle, label: Text, testid: &'static str| {
        view! {
            <button
                type="button"
                class="segment-button"
                data-testid=testid
                aria-pressed=move || (style.get() == choice).to_string()
                on:click=move |_| style.set(choice)
            >
                {state.tr(label)}
            </button>
        }
    };
    view! {
        <div class="toolbar">
            <div class="segmented" role="group" aria-label=state.tr(Text::ViewLabel)>
                {style_button(ChartStyle::Funnel, Text::ViewFunnel, "view-funnel")}
                {style_button(ChartStyle::Bars, Text::ViewBars, "view-bars")}
                {style_button(ChartStyle::Table, Text::ViewTable, "view-table")}
            </div>
            <div class="actions actions-compact">
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="export-svg"
                    disabled=is_table
                    on:click=move |_| export_chart(state, chart_box, false)
                >
                    {state.tr(Text::ExportSvg)}
                </button>
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="export-png"
                    disabled=is_table
                    on:click=move |_| export_chart(state, chart_box, true)
                >
                    {state.tr(Text::ExportPng)}
                </button>
            </div>
        </div>
    }
}

/// The funnel chart: each step's count and percentage, the comparison's counts and the bottleneck.
#[component]
fn ResultsChart() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let summary = analysis.summary;
    let chart_steps = Signal::derive(move || {
        let language = state.language.get();
        let comparison = match analysis.page.comparison.get() {
            Comparison::PreviousPeriod | Comparison::Period(_) => analysis.comparison_counts.get(),
            _ => None,
        };
        let percent_of = analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.percent_of).unwrap_or_default());
        summary.with(|summary| {
            let Some(summary) = summary else {
                return Vec::new();
            };
            let bottleneck = shown_bottleneck(state, summary);
            summary
                .steps
                .iter()
                .enumerate()
                .map(|(index, step)| {
                    let shown = match (percent_of, index) {
                        (PercentBase::PreviousStep, 1..) => step.conversion_from_previous,
                        _ => step.conversion_from_first,
                    };
                    let label = |key: Text| omnirx_core::i18n::text(language, key);
                    let tooltip = format!(
                        "{}: {} · {} {} · {} {} · {} {}",
                        step.name,
                        format_integer(step.count as i64, language),
                        label(Text::ColumnFromPrevious),
                        percent(step.conversion_from_previous, language),
                        label(Text::ColumnFromFirst),
                        percent(step.conversion_from_first, language),
                        label(Text::ColumnDropped),
                        format_integer(step.dropped as i64, language),
                    );
                    FunnelChartStep {
                        label: step.name.clone(),
                        count_text: format_integer(step.count as i64, language),
                        percent_text: percent(shown, language),
                        tooltip,
                        value: step.count as f64,
                        comparison_value: comparison
                            .as_ref()
                            .and_then(|counts| counts.get(index))
                            .map(|&count| count as f64),
                        is_bottleneck: bottleneck == Some(index),
                    }
                })
                .collect()
        })
    });
    let chart_style = Signal::derive(move || match analysis.page.style.get() {
        ChartStyle::Bars => FunnelChartStyle::Bars,
        _ => FunnelChartStyle::Funnel,
    });
    let chart_title = Signal::derive(move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default())
    });
    let bottleneck_label = Signal::derive(move || state.text(Text::BottleneckMark).to_string());
    let comparison_label = Signal::derive(move || match analysis.page.comparison.get() {
        Comparison::PreviousPeriod | Comparison::Period(_) => {
            Some(state.text(Text::CompareOther).to_string())
        }
        _ => None,
    });
    view! {
        <FunnelChart
            steps=chart_steps
            style=chart_style
            title=chart_title
            bottleneck_label=bottleneck_label
            comparison_label=comparison_label
            testid="funnel-chart".to_string()
        />
    }
}

/// Until when the data runs, and whether days are counted in a known time zone.
#[component]
fn DataNotes() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let notes = move || {
        let language = state.language.get();
        analysis.summary.with(|summary| {
            let summary = summary.as_ref()?;
            let until = summary.data_end.map(|end| {
                let offset = analysis
                    .index
                    .with(|i| i.as_ref().map(|i| i.utc_offset).unwrap_or(0));
                let day = omnirx_core::domain::time::Timestamp(end.0 + offset).date();
                phrases::data_until(language, format_date(day, language))
            });
            Some(view! {
                <p class="muted" data-testid="funnel-data-until">
                    {until}
                </p>
                {(!summary.time_zone_known)
                    .then(|| {
                        view! {
                            <p class="hint" data-testid="funnel-time-zone-unknown">
                                {omnirx_core::i18n::text(language, Text::TimeZoneUnknown)}
                            </p>
                        }
                    })}
            })
        })
    };
    view! { {notes} }
}

/// The same numbers as the chart, as an accessible table (always present; the table view shows
/// only it).
#[component]
fn FunnelTable() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let rows = move || {
        let language = state.language.get();
        analysis.summary.with(|summary| {
            let Some(summary) = summary else {
                return Vec::new();
            };
            let bottleneck = shown_bottleneck(state, summary);
            summary
                .steps
                .iter()
                .enumerate()
                .map(|(index, step)| {
                    let is_bottleneck = bottleneck == Some(index);
                    view! {
                        <tr data-testid="funnel-row" class:row-alert=is_bottleneck>
                            <th scope="row" data-testid="cell-step">
                                {step.name.clone()}
                                {is_bottleneck
                                    .then(|| {
                                        view! {
                                            <span class="badge badge-alert">
                                                {state.text(Text::BottleneckMark)}
                                            </span>
                                        }
                                    })}
                            </th>
                            <td class="number" data-testid="cell-count">
                                {format_integer(step.count as i64, language)}
                            </td>
                            <td class="number" data-testid="cell-from-previous">
                                {percent(step.conversion_from_previous, language)}
                            </td>
                            <td class="number" data-testid="cell-from-first">
                                {percent(step.conversion_from_first, language)}
                            </td>
                            <td class="number" data-testid="cell-dropped">
                                {if index == 0 {
                                    "—".to_string()
                                } else {
                                    format_integer(step.dropped as i64, language)
                                }}
                            </td>
                            <td class="number" data-testid="cell-in-window">
                                {if index == 0 {
                                    "—".to_string()
                                } else {
                                    format_integer(step.still_in_window as i64, language)
                                }}
                            </td>
                            <td class="number" data-testid="cell-median">
                                {format_days(step.median_seconds_from_previous, language)}
                            </td>
                            <td class="number" data-testid="cell-p75">
                                {format_days(step.p75_seconds_from_previous, language)}
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div
            class="table-scroll"
            class:table-secondary=move || analysis.page.style.get() != ChartStyle::Table
        >
            <table class="table" data-testid="funnel-table">
                <caption>{state.tr(Text::FunnelTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{state.tr(Text::ColumnStep)}</th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnCount)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnFromPrevious)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnFromFirst)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnDropped)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnStillInWindow)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnMedianTime)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::ColumnP75Time)}
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="hint">{state.tr(Text::StillInWindowHint)}</p>
        </div>
    }
}
