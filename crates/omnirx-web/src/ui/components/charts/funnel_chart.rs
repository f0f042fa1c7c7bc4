//! The funnel chart: one SVG of stacked trapezoids or horizontal bars, with labels, counts,
//! percentages, the bottleneck marked and an optional comparison.

use leptos::prelude::*;

use super::{svg_title, tick_text, use_container_width, FONT_FAMILY};
use omnirx_core::domain::chart::funnel_geometry::{
    bar_scale, funnel_trapezoids_scaled, horizontal_bars_to, max_value, scaled_width, svg_number,
};
use omnirx_core::domain::chart::funnel_layout::{funnel_chart_layout, FunnelChartLayout};
use omnirx_core::domain::chart::palette::{
    COMPARISON_COLOUR, GRID_COLOUR, HIGHLIGHT_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR,
    TEXT_COLOUR,
};
use omnirx_core::domain::chart::text::{estimate_text_width, truncate_to_width};

/// One step of the chart, with its texts already formatted in the UI language.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelChartStep {
    pub label: String,
    pub count_text: String,
    pub percent_text: String,
    /// Shown on hover (the shape's SVG `<title>`).
    pub tooltip: String,
    pub value: f64,
    /// The same step in the comparison (previous period, other series), drawn as a marker.
    pub comparison_value: Option<f64>,
    pub is_bottleneck: bool,
}

/// How the steps are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunnelChartStyle {
    /// Centred trapezoids narrowing from step to step.
    Funnel,
    /// Horizontal bars from a common baseline, with an axis.
    Bars,
}

/// The funnel chart, scaled to the width of its container. The `<svg>` carries
/// `data-testid={testid}`; each step is a `<g data-testid="funnel-chart-step" data-step-index>`.
#[component]
pub fn FunnelChart(
    #[prop(into)] steps: Signal<Vec<FunnelChartStep>>,
    #[prop(into)] style: Signal<FunnelChartStyle>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bottleneck_label: Signal<String>,
    #[prop(into)] comparison_label: Signal<Option<String>>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let container_width = use_container_width(svg_ref);
    let layout = Memo::new(move |_| {
        steps.with(|steps| {
            let labels: Vec<&str> = steps.iter().map(|step| step.label.as_str()).collect();
            let has_comparison = comparison_label.with(Option::is_some)
                && steps.iter().any(|step| step.comparison_value.is_some());
            funnel_chart_layout(
                &labels,
                has_comparison,
                style.get() == FunnelChartStyle::Bars,
                container_width.get(),
            )
        })
    });
    let title_id = format!("{testid}-title");
    let desc_id = format!("{testid}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let description = move || {
        let bottleneck = bottleneck_label.get();
        steps.with(|steps| {
            steps
                .iter()
                .map(|step| {
                    let mut line = format!(
                        "{}: {} ({})",
                        step.label, step.count_text, step.percent_text
                    );
                    if step.is_bottleneck {
                        line.push_str(&format!(" – {bottleneck}"));
                    }
                    line
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let body = move || {
        let layout = layout.get();
        let steps = steps.get();
        let legend = comparison_label
            .get()
            .filter(|_| layout.legend_y.is_some())
            .map(|label| legend_view(&layout, style.get(), label));
        let shapes = match style.get() {
            FunnelChartStyle::Funnel => funnel_view(&layout, &steps, &bottleneck_label.get()),
            FunnelChartStyle::Bars => bars_view(&layout, &steps, &bottleneck_label.get()),
        };
        view! {
            <text
                x="8"
                y=svg_number(layout.title_y)
                font-size=svg_number(layout.fonts.title)
                font-weight="700"
                fill=TEXT_COLOUR
            >
                {title.get()}
            </text>
            {legend}
            {shapes}
        }
    };
    view! {
        <svg
            node_ref=svg_ref
            viewBox=move || {
                layout.with(|l| format!("0 0 {} {}", svg_number(l.width), svg_number(l.height)))
            }
            width="100%"
            role="img"
            aria-labelledby=labelled_by
            font-family=FONT_FAMILY
            data-testid=testid
            data-layout=move || layout.with(|l| if l.stacked { "stacked" } else { "columns" })
        >
            {leptos::svg::title().id(title_id).child(move || title.get())}
            <desc id=desc_id>{description}</desc>
            <rect x="0" y="0" width="100%" height="100%" fill="#FFFFFF" />
            {body}
        </svg>
    }
}

/// The comparison legend: the marker, then its label.
fn legend_view(layout: &FunnelChartLayout, style: FunnelChartStyle, label: String) -> AnyView {
    let y = layout.legend_y.unwrap_or_default();
    let font = layout.fonts.small;
    let marker = match style {
        FunnelChartStyle::Funnel => view! {
            <rect
                x="8"
                y=svg_number(y - font * 0.8)
                width="28"
                height=svg_number(font * 0.9)
                fill="none"
                stroke=COMPARISON_COLOUR
                stroke-width="2"
                stroke-dasharray="6 4"
            />
        }
        .into_any(),
        FunnelChartStyle::Bars => view! {
            <line
                x1="22"
                x2="22"
                y1=svg_number(y - font)
                y2=svg_number(y + 3.0)
                stroke=COMPARISON_COLOUR
                stroke-width="3"
            />
        }
        .into_any(),
    };
    view! {
        <g data-testid="funnel-chart-legend">
            {marker} <text x="44" y=svg_number(y) font-size=svg_number(font) fill=MUTED_TEXT_COLOUR>
                {label}
            </text>
        </g>
    }
    .into_any()
}

/// The label, bottleneck tag, count and percentage of step `index` (shared by both styles).
fn step_texts(
    layout: &FunnelChartLayout,
    index: usize,
    step: &FunnelChartStep,
    bottleneck_label: &str,
) -> AnyView {
    let fonts = layout.fonts;
    let tagged = step.is_bottleneck && !bottleneck_label.is_empty();
    let tag_width = estimate_text_width(bottleneck_label, fonts.small * 1.12);
    let label_room = if tagged {
        layout.label_room_before_tag(tag_width)
    } else {
        layout.label_max_width
    };
    let label = truncate_to_width(&step.label, fonts.label, label_room);
    let tag = tagged.then(|| {
        let (x, y, anchor) = layout.bottleneck_tag_position(index);
        let text = if layout.stacked {
            bottleneck_label.to_string()
        } else {
            truncate_to_width(bottleneck_label, fonts.small * 1.12, layout.label_max_width)
        };
        view! {
            <text
                x=svg_number(x)
                y=svg_number(y)
                text-anchor=anchor
                font-size=svg_number(fonts.small)
                font-weight="700"
                fill=HIGHLIGHT_COLOUR
                data-testid="funnel-chart-bottleneck"
            >
                {text}
            </text>
        }
    });
    let (count_y, percent_y) = layout.value_baselines(index);
    view! {
        <text
            x=svg_number(layout.label_x)
            y=svg_number(layout.label_baseline(index, tagged))
            text-anchor=layout.label_anchor
            font-size=svg_number(fonts.label)
            fill=TEXT_COLOUR
        >
            {label}
        </text>
        {tag}
        <text
            x=svg_number(layout.value_x)
            y=svg_number(count_y)
            font-size=svg_number(fonts.count)
            font-weight="700"
            fill=TEXT_COLOUR
            data-testid="funnel-chart-count"
        >
            {step.count_text.clone()}
        </text>
        <text
            x=svg_number(layout.value_x)
            y=svg_number(percent_y)
            font-size=svg_number(fonts.percent)
            fill=MUTED_TEXT_COLOUR
            data-testid="funnel-chart-percent"
        >
            {step.percent_text.clone()}
        </text>
    }
    .into_any()
}

fn reference_value(steps: &[FunnelChartStep]) -> f64 {
    let values: Vec<f64> = steps
        .iter()
        .flat_map(|step| std::iter::once(step.value).chain(step.comparison_value))
        .collect();
    max_value(&values)
}

fn stroke_of(step: &FunnelChartStep) -> (&'static str, &'static str) {
    if step.is_bottleneck {
        (HIGHLIGHT_COLOUR, "4")
    } else {
        ("none", "0")
    }
}

/// The trapezoids, each with its ghost comparison outline and texts.
fn funnel_view(layout: &FunnelChartLayout, steps: &[FunnelChartStep], bottleneck: &str) -> AnyView {
    let values: Vec<f64> = steps.iter().map(|step| step.value).collect();
    let reference = reference_value(steps);
    let rows = funnel_trapezoids_scaled(&values, reference, &layout.shapes, layout.gap);
    let full_width = layout.shapes.inner_width();
    steps
        .iter()
        .zip(rows)
        .enumerate()
        .map(|(index, (step, row))| {
            let (stroke, stroke_width) = stroke_of(step);
            let ghost = step.comparison_value.map(|value| {
                let width = scaled_width(value, reference, full_width);
                view! {
                    <rect
                        x=svg_number(row.centre.0 - width / 2.0)
                        y=svg_number(row.top_left.1)
                        width=svg_number(width)
                        height=svg_number(row.height())
                        fill="none"
                        stroke=COMPARISON_COLOUR
                        stroke-width="2"
                        stroke-dasharray="6 4"
                        data-testid="funnel-chart-comparison"
                    />
                }
            });
            view! {
                <g
                    data-testid="funnel-chart-step"
                    data-step-index=index.to_string()
                    data-bottleneck=step.is_bottleneck.to_string()
                >
                    {svg_title(step.tooltip.clone())}
                    <polygon
                        points=row.points_attribute()
                        fill=PRIMARY_COLOUR
                        stroke=stroke
                        stroke-width=stroke_width
                        stroke-linejoin="round"
                    />
                    {ghost}
                    {step_texts(layout, index, step, bottleneck)}
                </g>
            }
        })
        .collect_view()
        .into_any()
}

/// The axis, then the bars, each with its comparison marker and texts.
fn bars_view(layout: &FunnelChartLayout, steps: &[FunnelChartStep], bottleneck: &str) -> AnyView {
    let values: Vec<f64> = steps.iter().map(|step| step.value).collect();
    let (bars, ticks) =
        horizontal_bars_to(&values, reference_value(steps), &layout.shapes, layout.gap);
    let scale = bar_scale(&ticks, &layout.shapes);
    let axis_top = layout.shapes.top;
    let axis_bottom = layout.shapes.height - layout.shapes.bottom;
    let tick_font = layout.fonts.small;
    let axis_label_y = layout.axis_label_y.unwrap_or(axis_bottom + tick_font + 4.0);
    let last_tick = ticks.len().saturating_sub(1);
    let axis = ticks
        .iter()
        .enumerate()
        .map(|(index, tick)| {
            // The end ticks are anchored inwards so that their labels stay inside the drawing.
            let anchor = if index == 0 {
                "start"
            } else if index == last_tick {
                "end"
            } else {
                "middle"
            };
            view! {
                <line
                    x1=svg_number(tick.x)
                    x2=svg_number(tick.x)
                    y1=svg_number(axis_top - 4.0)
                    y2=svg_number(axis_bottom)
                    stroke=GRID_COLOUR
                    stroke-width="1"
                />
                <text
                    x=svg_number(tick.x)
                    y=svg_number(axis_label_y)
                    text-anchor=anchor
                    font-size=svg_number(tick_font)
                    fill=MUTED_TEXT_COLOUR
                >
                    {tick_text(tick.value)}
                </text>
            }
        })
        .collect_view();
    let rows = steps
        .iter()
        .zip(bars)
        .enumerate()
        .map(|(index, (step, bar))| {
            let (stroke, stroke_width) = stroke_of(step);
            let marker = step.comparison_value.map(|value| {
                let x = scale.map(value).max(scale.range_min);
                view! {
                    <line
                        x1=svg_number(x)
                        x2=svg_number(x)
                        y1=svg_number(bar.y - 4.0)
                        y2=svg_number(bar.y + bar.height + 4.0)
                        stroke=COMPARISON_COLOUR
                        stroke-width="3"
                        data-testid="funnel-chart-comparison"
                    />
                }
            });
            view! {
                <g
                    data-testid="funnel-chart-step"
                    data-step-index=index.to_string()
                    data-bottleneck=step.is_bottleneck.to_string()
                >
                    {svg_title(step.tooltip.clone())}
                    <rect
                        x=svg_number(bar.x)
                        y=svg_number(bar.y)
                        width=svg_number(bar.width)
                        height=svg_number(bar.height)
                        fill=PRIMARY_COLOUR
                        stroke=stroke
                        stroke-width=stroke_width
                    />
                    {marker}
                    {step_texts(layout, index, step, bottleneck)}
                </g>
            }
        })
        .collect_view();
    view! {
        <g data-testid="funnel-chart-axis">{axis}</g>
        {rows}
    }
    .into_any()
}
