//! The scope's target, actual and forecast month by month to the end of the year, as SVG bars
//! (forecast bars lighter, with their 80 % interval) and a target marker per month.

use leptos::html::Div;
use leptos::prelude::*;

use super::labels;
use crate::ui::components::charts::{svg_title, tick_text, ChartExportButtons, FONT_FAMILY};
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::monthly::{monthly_geometry, MonthlyValues};
use omnirx_core::domain::chart::palette::{
    GRID_COLOUR, HIGHLIGHT_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::performance::attainment::ratio;
use omnirx_core::domain::time::Month;
use omnirx_core::i18n::{Language, Text};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 320.0;
/// At most this many months are drawn: the last two years of actuals and the forecast.
const MONTHS_SHOWN: usize = 24;

struct Drawn {
    months: Vec<Month>,
    values: Vec<MonthlyValues>,
}

fn drawn() -> Option<Drawn> {
    let state = use_app_state();
    let outlook = state.performance().monthly.get()?;
    let forecast = outlook.forecast.as_ref().ok();
    let skip = outlook.points.len().saturating_sub(MONTHS_SHOWN);
    let mut months = Vec::new();
    let mut values = Vec::new();
    for (index, point) in outlook.points.iter().enumerate().skip(skip) {
        let future = index >= outlook.actual_months;
        months.push(point.month);
        values.push(MonthlyValues {
            actual: (!future).then_some(point.actual),
            target: point.target,
            forecast: forecast
                .filter(|_| future)
                .and_then(|f| f.points.iter().find(|p| p.month == point.month))
                .map(|p| (p.value, p.low, p.high)),
        });
    }
    Some(Drawn { months, values })
}

fn chart(language: Language, drawn: Drawn) -> impl IntoView {
    let geometry = monthly_geometry(&drawn.values, (WIDTH, HEIGHT), (64.0, 12.0, 24.0, 40.0));
    let step = if drawn.months.len() > 12 { 2 } else { 1 };
    let grid = geometry.ticks.iter().map(|&(y, value)| view! {
        <line
            x1="64"
            x2=svg_number(WIDTH - 12.0)
            y1=svg_number(y)
            y2=svg_number(y)
            stroke=GRID_COLOUR
        />
        <text x="58" y=svg_number(y + 5.0) font-size="14" text-anchor="end" fill=MUTED_TEXT_COLOUR>
            {tick_text(value)}
        </text>
    }).collect_view();
    let bars = geometry
        .bars
        .iter()
        .map(|&(index, bar)| {
            let month = labels::month(language, drawn.months[index]);
            let value = drawn.values[index];
            let amount = value.actual.or(value.forecast.map(|f| f.0));
            let attainment = amount
                .zip(value.target)
                .and_then(|(amount, target)| ratio(amount, target));
            let words = format!(
                "{month}: {} · {} {}",
                labels::amount(amount, language),
                omnirx_core::i18n::text(language, Text::PerfAttainment),
                labels::percent(attainment, language)
            );
            // Each month's attainment written above it: the chart is the attainment over the months.
            let top = geometry
                .targets
                .iter()
                .find(|t| t.0 == index)
                .map_or(bar.y, |t| t.3.min(bar.y))
                .min(
                    geometry
                        .intervals
                        .iter()
                        .find(|i| i.0 == index)
                        .map_or(f64::INFINITY, |i| i.2),
                );
            let written = attainment.map(|a| {
                view! {
                    <text
                        x=svg_number(bar.x + bar.width / 2.0)
                        y=svg_number(top - 6.0)
                        font-size="11"
                        text-anchor="middle"
                        fill=MUTED_TEXT_COLOUR
                        data-testid="performance-month-attainment"
                    >
                        {format!("{:.0}%", a * 100.0)}
                    </text>
                }
            });
            view! {
                {written}
                <rect
                    x=svg_number(bar.x)
                    y=svg_number(bar.y)
                    width=svg_number(bar.width)
                    height=svg_number(bar.height)
                    fill=PRIMARY_COLOUR
                    fill-opacity=if bar.forecast { "0.35" } else { "1" }
                    data-testid=if bar.forecast {
                        "performance-forecast-bar"
                    } else {
                        "performance-actual-bar"
                    }
                >
                    {svg_title(words)}
                </rect>
            }
        })
        .collect_view();
    let whiskers = geometry
        .intervals
        .iter()
        .map(|&(_, x, high, low)| {
            view! {
                <line
                    x1=svg_number(x)
                    x2=svg_number(x)
                    y1=svg_number(high)
                    y2=svg_number(low)
                    stroke=TEXT_COLOUR
                    stroke-width="2"
                />
            }
        })
        .collect_view();
    let targets = geometry
        .targets
        .iter()
        .map(|&(_, left, right, y)| {
            view! {
                <line
                    x1=svg_number(left)
                    x2=svg_number(right)
                    y1=svg_number(y)
                    y2=svg_number(y)
                    stroke=HIGHLIGHT_COLOUR
                    stroke-width="3"
                    data-testid="performance-target-mark"
                />
            }
        })
        .collect_view();
    let month_labels = geometry
        .centres
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, &x)| {
            let month = drawn.months[i];
            let label = omnirx_core::i18n::text(
                language,
                omnirx_core::view::labels::month_short_text(month.month),
            );
            let label = if month.month == 1 || i == 0 {
                format!("{label} {}", month.year % 100)
            } else {
                label.to_string()
            };
            view! {
                <text
                    x=svg_number(x)
                    y=svg_number(HEIGHT - 16.0)
                    font-size="13"
                    text-anchor="middle"
                    fill=MUTED_TEXT_COLOUR
                >
                    {label}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            class="chart"
            role="img"
            font-family=FONT_FAMILY
            data-testid="performance-monthly-chart"
        >
            {svg_title(omnirx_core::i18n::text(language, Text::PerfMonthlyTitle).to_string())}
            {grid}
            {bars}
            {whiskers}
            {targets}
            {month_labels}
        </svg>
    }
}

#[component]
pub fn MonthlyCard() -> impl IntoView {
    let state = use_app_state();
    let chart_box = NodeRef::<Div>::new();
    let file_base = Signal::derive(move || {
        let period = state
            .performance()
            .period
            .get()
            .map(|p| p.key())
            .unwrap_or_default();
        format!("omnirx-attainment-{period}")
    });
    view! {
        <section class="card" data-testid="performance-monthly">
            <h2 class="card-title">{state.tr(Text::PerfMonthlyTitle)}</h2>
            <p class="chart-legend muted">
                <span class="legend-swatch legend-actual"></span>
                {state.tr(Text::PerfLegendActual)}
                " "
                <span class="legend-swatch legend-target"></span>
                {state.tr(Text::PerfLegendTarget)}
                " "
                <span class="legend-swatch legend-forecast"></span>
                {state.tr(Text::PerfLegendForecast)}
            </p>
            <div class="chart-box" node_ref=chart_box>
                {move || {
                    let language = state.language.get();
                    drawn().map(|d| chart(language, d))
                }}
            </div>
            <ChartExportButtons
                chart_box=chart_box
                file_base=file_base
                testid_prefix="performance-chart"
            />
        </section>
    }
}
