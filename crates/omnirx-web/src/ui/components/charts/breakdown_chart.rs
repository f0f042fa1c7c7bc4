//! The breakdown chart: small multiples, one mini bar funnel per series (up to eight and
//! "other"), in one SVG so that it exports as one file.

use leptos::prelude::*;

use super::{svg_title, use_container_width, FONT_FAMILY};
use omnirx_core::domain::chart::funnel_geometry::{
    max_value, scaled_width, small_multiples_layout, svg_number,
};
use omnirx_core::domain::chart::funnel_layout::{NARROW_BELOW_PIXELS, NARROW_WIDTH, WIDE_WIDTH};
use omnirx_core::domain::chart::palette::{
    series_colour, GRID_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::chart::text::{estimate_text_width, truncate_to_width};

/// At most this many panels are drawn: eight series and "other".
pub const MAX_PANELS: usize = 9;

/// One series of the breakdown (a channel, a segment…), with its texts already formatted.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownSeries {
    pub label: String,
    /// One value per step.
    pub values: Vec<f64>,
    /// One formatted count per step.
    pub value_texts: Vec<String>,
    /// Shown beside the series label, e.g. its overall conversion.
    pub summary_text: String,
}

const MIN_PANEL_WIDTH: f64 = 300.0;
const PANEL_PADDING: f64 = 14.0;
const HEADER_HEIGHT: f64 = 44.0;
const PANEL_TITLE_HEIGHT: f64 = 34.0;
const ROW_LABEL_HEIGHT: f64 = 22.0;
const ROW_BAR_HEIGHT: f64 = 14.0;
const ROW_GAP: f64 = 8.0;
const TITLE_FONT: f64 = 22.0;
const PANEL_TITLE_FONT: f64 = 17.0;
const ROW_FONT: f64 = 16.0;

/// Small multiples of the series: each panel has the series label and summary as its title and
/// one bar per step in the series colour, scaled to the panel's own largest value so that the
/// shapes of funnels of different sizes compare. The `<svg>` carries `data-testid={testid}`, each
/// panel `data-testid="breakdown-panel"` and `data-series-index`.
#[component]
pub fn BreakdownChart(
    #[prop(into)] step_labels: Signal<Vec<String>>,
    #[prop(into)] series: Signal<Vec<BreakdownSeries>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let container_width = use_container_width(svg_ref);
    let width = move || match container_width.get() {
        Some(pixels) if pixels < NARROW_BELOW_PIXELS => NARROW_WIDTH,
        _ => WIDE_WIDTH,
    };
    let panel_height = move || {
        let steps = step_labels.with(Vec::len) as f64;
        PANEL_PADDING * 2.0
            + PANEL_TITLE_HEIGHT
            + steps * (ROW_LABEL_HEIGHT + ROW_BAR_HEIGHT)
            + (steps - 1.0).max(0.0) * ROW_GAP
    };
    let layout = Memo::new(move |_| {
        let panels = series.with(|series| series.len().min(MAX_PANELS));
        small_multiples_layout(panels, width(), MIN_PANEL_WIDTH, panel_height())
    });
    let height = move || HEADER_HEIGHT + layout.with(|layout| layout.total_height);
    let title_id = format!("{testid}-title");
    let desc_id = format!("{testid}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let description = move || {
        series.with(|series| {
            series
                .iter()
                .take(MAX_PANELS)
                .map(|series| format!("{}: {}", series.label, series.summary_text))
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let panels = move || {
        let layout = layout.get();
        let labels = step_labels.get();
        series
            .get()
            .into_iter()
            .take(MAX_PANELS)
            .zip(layout.origins.clone())
            .enumerate()
            .map(|(index, (series, origin))| {
                panel_view(
                    index,
                    &series,
                    &labels,
                    origin,
                    layout.panel_width,
                    layout.panel_height,
                )
            })
            .collect_view()
    };
    view! {
        <svg
            node_ref=svg_ref
            viewBox=move || format!("0 0 {} {}", svg_number(width()), svg_number(height()))
            width="100%"
            role="img"
            aria-labelledby=labelled_by
            font-family=FONT_FAMILY
            data-testid=testid
        >
            {leptos::svg::title().id(title_id).child(move || title.get())}
            <desc id=desc_id>{description}</desc>
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
            <g transform=format!("translate(0 {})", svg_number(HEADER_HEIGHT))>{panels}</g>
        </svg>
    }
}

/// One panel: its title line, then per step a label line with the count and a bar.
fn panel_view(
    index: usize,
    series: &BreakdownSeries,
    step_labels: &[String],
    origin: (f64, f64),
    panel_width: f64,
    panel_height: f64,
) -> AnyView {
    let colour = series_colour(index);
    let left = PANEL_PADDING;
    let inner_width = (panel_width - 2.0 * PANEL_PADDING).max(0.0);
    let right = left + inner_width;
    let summary_width = estimate_text_width(&series.summary_text, PANEL_TITLE_FONT);
    // Bold text runs about a tenth wider than the estimate of regular text.
    let label = truncate_to_width(
        &series.label,
        PANEL_TITLE_FONT * 1.12,
        (inner_width - 12.0 - summary_width - 16.0).max(0.0),
    );
    let reference = max_value(&series.values);
    let title_y = PANEL_PADDING + PANEL_TITLE_FONT;
    let rows = step_labels
        .iter()
        .enumerate()
        .map(|(step, step_label)| {
            let value = series.values.get(step).copied().unwrap_or(0.0);
            let value_text = series.value_texts.get(step).cloned().unwrap_or_default();
            let top = PANEL_PADDING
                + PANEL_TITLE_HEIGHT
                + step as f64 * (ROW_LABEL_HEIGHT + ROW_BAR_HEIGHT + ROW_GAP);
            let text_y = top + ROW_FONT;
            let bar_y = top + ROW_LABEL_HEIGHT;
            let value_width = estimate_text_width(&value_text, ROW_FONT);
            let step_label = truncate_to_width(
                step_label,
                ROW_FONT,
                (inner_width - value_width - 10.0).max(0.0),
            );
            let bar_width = scaled_width(value, reference, inner_width);
            view! {
                <g data-testid="breakdown-step" data-step-index=step.to_string()>
                    {svg_title(format!("{} · {}: {}", series.label, step_label, value_text))}
                    <text
                        x=svg_number(left)
                        y=svg_number(text_y)
                        font-size=svg_number(ROW_FONT)
                        fill=TEXT_COLOUR
                    >
                        {step_label.clone()}
                    </text>
                    <text
                        x=svg_number(right)
                        y=svg_number(text_y)
                        text-anchor="end"
                        font-size=svg_number(ROW_FONT)
                        font-weight="700"
                        fill=TEXT_COLOUR
                    >
                        {value_text.clone()}
                    </text>
                    <rect
                        x=svg_number(left)
                        y=svg_number(bar_y)
                        width=svg_number(inner_width)
                        height=svg_number(ROW_BAR_HEIGHT)
                        fill=GRID_COLOUR
                        fill-opacity="0.45"
                    />
                    <rect
                        x=svg_number(left)
                        y=svg_number(bar_y)
                        width=svg_number(bar_width)
                        height=svg_number(ROW_BAR_HEIGHT)
                        fill=colour
                    />
                </g>
            }
        })
        .collect_view();
    view! {
        <g
            data-testid="breakdown-panel"
            data-series-index=index.to_string()
            transform=format!("translate({} {})", svg_number(origin.0), svg_number(origin.1))
        >
            {svg_title(format!("{}: {}", series.label, series.summary_text))}
            <rect
                x="4"
                y="4"
                width=svg_number((panel_width - 8.0).max(0.0))
                height=svg_number((panel_height - 8.0).max(0.0))
                fill="none"
                stroke=GRID_COLOUR
                stroke-width="1"
                rx="6"
            />
            <rect
                x=svg_number(left)
                y=svg_number(title_y - PANEL_TITLE_FONT + 2.0)
                width="6"
                height=svg_number(PANEL_TITLE_FONT)
                fill=colour
            />
            <text
                x=svg_number(left + 12.0)
                y=svg_number(title_y)
                font-size=svg_number(PANEL_TITLE_FONT)
                font-weight="700"
                fill=TEXT_COLOUR
                data-testid="breakdown-panel-label"
            >
                {label}
            </text>
            <text
                x=svg_number(right)
                y=svg_number(title_y)
                text-anchor="end"
                font-size=svg_number(PANEL_TITLE_FONT)
                fill=MUTED_TEXT_COLOUR
                data-testid="breakdown-panel-summary"
            >
                {series.summary_text.clone()}
            </text>
            {rows}
        </g>
    }
    .into_any()
}
