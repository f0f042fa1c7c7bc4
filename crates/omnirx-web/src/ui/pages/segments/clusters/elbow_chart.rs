//! The elbow chart: the within-cluster sum of squares by k as a line, the suggested k marked.

use leptos::prelude::*;

use crate::ui::components::charts::{svg_title, tick_text, FONT_FAMILY};
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::palette::{
    GRID_COLOUR, HIGHLIGHT_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::chart::scale::{nice_ticks, LinearScale};
use omnirx_core::domain::segmentation::clusters::ElbowPoint;

const ELBOW_WIDTH: f64 = 640.0;
const ELBOW_HEIGHT: f64 = 300.0;

/// The elbow chart: inertia by k as a line, the suggested k marked.
pub fn elbow_chart(
    points: Vec<ElbowPoint>,
    title: String,
    suggested: Option<usize>,
) -> impl IntoView {
    let (left, right, top, bottom) = (70.0, 20.0, 50.0, 50.0);
    let max_inertia = points.iter().map(|p| p.inertia).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max_inertia.max(1.0), 5);
    let y_max = ticks.last().copied().unwrap_or(1.0);
    let (k_min, k_max) = (
        points.first().map_or(2, |p| p.k) as f64,
        points.last().map_or(10, |p| p.k) as f64,
    );
    let x = LinearScale::new(k_min, k_max.max(k_min + 1.0), left, ELBOW_WIDTH - right);
    let y = LinearScale::new(0.0, y_max, ELBOW_HEIGHT - bottom, top);
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}{} {}",
                if i == 0 { "M" } else { " L" },
                svg_number(x.map(p.k as f64)),
                svg_number(y.map(p.inertia))
            )
        })
        .collect::<String>();
    view! {
        <svg
            viewBox=format!("0 0 {ELBOW_WIDTH} {ELBOW_HEIGHT}")
            width="100%"
            role="img"
            font-family=FONT_FAMILY
            data-testid="cluster-elbow-chart"
        >
            {svg_title(title.clone())}
            <rect x="0" y="0" width="100%" height="100%" fill="#FFFFFF" />
            <text x="8" y="30" font-size="20" font-weight="700" fill=TEXT_COLOUR>
                {title}
            </text>
            {ticks
                .iter()
                .map(|&t| {
                    view! {
                        <line
                            x1=svg_number(left)
                            x2=svg_number(ELBOW_WIDTH - right)
                            y1=svg_number(y.map(t))
                            y2=svg_number(y.map(t))
                            stroke=GRID_COLOUR
                        />
                        <text
                            x=svg_number(left - 8.0)
                            y=svg_number(y.map(t) + 5.0)
                            font-size="14"
                            text-anchor="end"
                            fill=MUTED_TEXT_COLOUR
                        >
                            {tick_text(t)}
                        </text>
                    }
                })
                .collect_view()}
            <path d=path fill="none" stroke=PRIMARY_COLOUR stroke-width="3" />
            {points
                .iter()
                .map(|p| {
                    let marked = suggested == Some(p.k);
                    view! {
                        <circle
                            cx=svg_number(x.map(p.k as f64))
                            cy=svg_number(y.map(p.inertia))
                            r=if marked { "8" } else { "5" }
                            fill=if marked { HIGHLIGHT_COLOUR } else { PRIMARY_COLOUR }
                        >
                            {svg_title(
                                format!(
                                    "k = {}: {:.0}{}",
                                    p.k,
                                    p.inertia,
                                    p
                                        .silhouette
                                        .map(|s| format!(" · silhouette {s:.2}"))
                                        .unwrap_or_default(),
                                ),
                            )}
                        </circle>
                        <text
                            x=svg_number(x.map(p.k as f64))
                            y=svg_number(ELBOW_HEIGHT - bottom + 22.0)
                            font-size="15"
                            text-anchor="middle"
                            fill=TEXT_COLOUR
                        >
                            {p.k.to_string()}
                        </text>
                    }
                })
                .collect_view()}
            <text
                x=svg_number((left + ELBOW_WIDTH - right) / 2.0)
                y=svg_number(ELBOW_HEIGHT - 6.0)
                font-size="15"
                text-anchor="middle"
                fill=MUTED_TEXT_COLOUR
            >
                "k"
            </text>
        </svg>
    }
}
