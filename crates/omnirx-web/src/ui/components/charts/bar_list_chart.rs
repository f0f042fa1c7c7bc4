//! A labelled horizontal bar chart (segment sizes, cluster sizes), one bar per row with its value written beside it.

use leptos::prelude::*;

use super::{svg_title, tick_text, FONT_FAMILY};
use omnirx_core::domain::chart::funnel_geometry::{horizontal_bars, svg_number, ChartFrame};
use omnirx_core::domain::chart::palette::{
    series_colour, GRID_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::chart::text::truncate_to_width;

/// One row: a label, the value drawn and the value written.
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: f64,
    pub value_text: String,
}

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 200.0;
const VALUE_WIDTH: f64 = 120.0;
const ROW_HEIGHT: f64 = 30.0;
const ROW_GAP: f64 = 10.0;
const HEADER_HEIGHT: f64 = 48.0;
const AXIS_HEIGHT: f64 = 30.0;
const TITLE_FONT: f64 = 22.0;
const ROW_FONT: f64 = 17.0;

/// The chart is drawn in a fixed 720-unit-wide view box and scales to its container, so the
/// text stays readable on a projector and at phone width alike (rows are few).
#[component]
pub fn BarListChart(
    #[prop(into)] rows: Signal<Vec<BarRow>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let height = move || {
        let count = rows.with(Vec::len) as f64;
        HEADER_HEIGHT + count * (ROW_HEIGHT + ROW_GAP) + AXIS_HEIGHT
    };
    let title_id = format!("{testid}-title");
    let drawing = move || {
        let rows = rows.get();
        let count = rows.len() as f64;
        let frame = ChartFrame::new(WIDTH, HEADER_HEIGHT + count * (ROW_HEIGHT + ROW_GAP))
            .with_margins(LABEL_WIDTH, VALUE_WIDTH, HEADER_HEIGHT, ROW_GAP);
        let values: Vec<f64> = rows.iter().map(|row| row.value).collect();
        let (bars, ticks) = horizontal_bars(&values, &frame, ROW_GAP);
        let axis_y = frame.top + count * (ROW_HEIGHT + ROW_GAP);
        let grid = ticks
            .iter()
            .map(|tick| {
                view! {
                    <line
                        x1=svg_number(tick.x)
                        x2=svg_number(tick.x)
                        y1=svg_number(frame.top)
                        y2=svg_number(axis_y)
                        stroke=GRID_COLOUR
                        stroke-width="1"
                    />
                    <text
                        x=svg_number(tick.x)
                        y=svg_number(axis_y + 20.0)
                        font-size="14"
                        text-anchor="middle"
                        fill=MUTED_TEXT_COLOUR
                    >
                        {tick_text(tick.value)}
                    </text>
                }
            })
            .collect_view();
        let bars = rows
            .into_iter()
            .zip(bars)
            .enumerate()
            .map(|(index, (row, bar))| {
                let middle = bar.y + bar.height / 2.0 + ROW_FONT * 0.35;
                let label = truncate_to_width(&row.label, ROW_FONT, LABEL_WIDTH - 16.0);
                let tooltip = format!("{}: {}", row.label, row.value_text);
                view! {
                    <g data-testid="bar-row">
                        {svg_title(tooltip)}
                        <text
                            x=svg_number(LABEL_WIDTH - 10.0)
                            y=svg_number(middle)
                            font-size=svg_number(ROW_FONT)
                            text-anchor="end"
                            fill=TEXT_COLOUR
                        >
                            {label}
                        </text>
                        <rect
                            x=svg_number(bar.x)
                            y=svg_number(bar.y)
                            width=svg_number(bar.width)
                            height=svg_number(bar.height)
                            rx="3"
                            fill=series_colour(index)
                        />
                        <text
                            x=svg_number(bar.x + bar.width + 8.0)
                            y=svg_number(middle)
                            font-size=svg_number(ROW_FONT)
                            fill=TEXT_COLOUR
                        >
                            {row.value_text}
                        </text>
                    </g>
                }
            })
            .collect_view();
        view! {
            {grid}
            {bars}
        }
    };
    view! {
        <svg
            viewBox=move || format!("0 0 {} {}", svg_number(WIDTH), svg_number(height()))
            width="100%"
            role="img"
            aria-labelledby=title_id.clone()
            font-family=FONT_FAMILY
            data-testid=testid
        >
            {leptos::svg::title().id(title_id.clone()).child(move || title.get())}
            <rect x="0" y="0" width="100%" height="100%" fill="#FFFFFF" />
            <text
                x="8"
                y=svg_number(TITLE_FONT + 8.0)
                font-size=svg_number(TITLE_FONT)
                font-weight="700"
                fill=TEXT_COLOUR
            >
                {move || title.get()}
            </text>
            {drawing}
        </svg>
    }
}
