//! The prescription trend chart: monthly units as SVG bars with a value axis, drawn from `domain::chart::trend` geometry.

use leptos::prelude::*;

use crate::ui::components::charts::{tick_text, use_container_width, FONT_FAMILY};
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::palette::{GRID_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR};
use omnirx_core::domain::chart::trend::{trend_geometry, TrendFrame, TrendGeometry};

/// The chart's height in SVG units; its width follows the container, so text keeps its size.
const HEIGHT: f64 = 240.0;
const FONT_SIZE: f64 = 12.0;
/// Month labels need about this much room each ("2026年10月" is the widest kind).
const MIN_LABEL_SPACING: f64 = 64.0;
const NARROWEST: f64 = 280.0;
const WIDEST: f64 = 960.0;

/// One month of the series: its value and its label ("10月" or "Oct").
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub month: i64,
    pub units: i64,
    pub label: String,
    /// The label with the year ("2026年1月" or "Jan 2026"), for the first label and January's.
    pub long_label: String,
    /// The month and value in words, for the bar's tooltip and for screen readers.
    pub description: String,
}

/// Bars of `points`, oldest first, with a title and a text description for screen readers.
/// The `<svg>` carries `data-testid="customer-trend-chart"`, each bar `customer-trend-bar`.
#[component]
pub fn TrendChart(
    #[prop(into)] points: Signal<Vec<TrendPoint>>,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let container_width = use_container_width(svg_ref);
    let width = move || {
        container_width
            .get()
            .unwrap_or(720.0)
            .clamp(NARROWEST, WIDEST)
    };
    let geometry = Memo::new(move |_| {
        let series: Vec<(i64, i64)> = points.with(|points| {
            points
                .iter()
                .map(|point| (point.month, point.units))
                .collect()
        });
        trend_geometry(
            &series,
            &TrendFrame {
                width: width(),
                height: HEIGHT,
                font_size: FONT_SIZE,
                min_label_spacing: MIN_LABEL_SPACING,
            },
        )
    });
    let description = move || {
        points.with(|points| {
            points
                .iter()
                .map(|point| point.description.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let shapes = move || {
        let geometry = geometry.get();
        let points = points.get();
        let ticks = grid_lines(&geometry);
        let first_labelled = geometry.bars.iter().position(|bar| bar.labelled);
        let bars = geometry
            .bars
            .iter()
            .zip(points)
            .enumerate()
            .map(|(position, (bar, point))| {
                // The first label and each January's say the year, so the axis reads alone.
                let january = point.month.rem_euclid(12) == 0;
                let text = if Some(position) == first_labelled || january {
                    point.long_label.clone()
                } else {
                    point.label.clone()
                };
                let label = bar.labelled.then(|| {
                    view! {
                        <text
                            x=svg_number(bar.centre)
                            y=svg_number(geometry.plot_bottom + FONT_SIZE * 1.4)
                            text-anchor="middle"
                            font-size=svg_number(FONT_SIZE)
                            fill=MUTED_TEXT_COLOUR
                        >
                            {text}
                        </text>
                    }
                });
                view! {
                    <g
                        data-testid="customer-trend-bar"
                        data-month=point.month.to_string()
                        data-units=bar.value.to_string()
                    >
                        <rect
                            x=svg_number(bar.x)
                            y=svg_number(bar.y)
                            width=svg_number(bar.width)
                            height=svg_number(bar.height)
                            fill=PRIMARY_COLOUR
                        >
                            {leptos::svg::title().child(point.description.clone())}
                        </rect>
                        {label}
                    </g>
                }
            })
            .collect_view();
        view! {
            {ticks}
            {bars}
            <line
                x1=svg_number(geometry.plot_left)
                x2=svg_number(geometry.plot_right)
                y1=svg_number(geometry.plot_bottom)
                y2=svg_number(geometry.plot_bottom)
                stroke=MUTED_TEXT_COLOUR
                stroke-width="1"
            />
        }
    };
    view! {
        <svg
            node_ref=svg_ref
            viewBox=move || format!("0 0 {} {}", svg_number(width()), svg_number(HEIGHT))
            width="100%"
            role="img"
            aria-labelledby="customer-trend-title customer-trend-desc"
            font-family=FONT_FAMILY
            data-testid="customer-trend-chart"
        >
            {leptos::svg::title().id("customer-trend-title").child(move || title.get())}
            <desc id="customer-trend-desc">{description}</desc>
            {shapes}
        </svg>
    }
}

/// The horizontal grid lines and their values on the left.
fn grid_lines(geometry: &TrendGeometry) -> impl IntoView {
    geometry
        .ticks
        .iter()
        .map(|tick| {
            let y = svg_number(tick.y);
            view! {
                <line
                    x1=svg_number(geometry.plot_left)
                    x2=svg_number(geometry.plot_right)
                    y1=y.clone()
                    y2=y.clone()
                    stroke=GRID_COLOUR
                    stroke-width="1"
                />
                <text
                    x=svg_number(geometry.plot_left - FONT_SIZE * 0.4)
                    y=svg_number(tick.y + FONT_SIZE * 0.35)
                    text-anchor="end"
                    font-size=svg_number(FONT_SIZE)
                    fill=MUTED_TEXT_COLOUR
                >
                    {tick_text(tick.value)}
                </text>
            }
        })
        .collect_view()
}
