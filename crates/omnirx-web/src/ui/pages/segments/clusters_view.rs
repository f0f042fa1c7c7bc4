//! Clusters: k-means on the features the user picks, each cluster described in words from its centroid, the silhouette score and an elbow chart for choosing k.

use leptos::prelude::*;

use crate::ui::components::charts::{
    svg_title, tick_text, BarListChart, BarRow, ChartExportButtons, FONT_FAMILY,
};
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::palette::{
    GRID_COLOUR, HIGHLIGHT_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::chart::scale::{nice_ticks, LinearScale};
use omnirx_core::domain::segmentation::clusters::{suggested_k, ElbowPoint, Level};
use omnirx_core::domain::segmentation::features::ClusterFeature;
use omnirx_core::i18n::{format_integer, format_percent, Text};

pub fn feature_text(feature: ClusterFeature) -> Text {
    match feature {
        ClusterFeature::Potential => Text::DimPotential,
        ClusterFeature::Volume => Text::DimVolume,
        ClusterFeature::AdoptionStage => Text::DimAdoptionStage,
        ClusterFeature::RecentContacts => Text::DimFrequency,
        ClusterFeature::DaysSinceContact => Text::DimRecencyDays,
        ClusterFeature::DigitalShare => Text::FeatureDigitalShare,
    }
}

fn level_text(level: Level) -> Text {
    match level {
        Level::VeryLow => Text::LevelVeryLow,
        Level::Low => Text::LevelLow,
        Level::High => Text::LevelHigh,
        Level::VeryHigh => Text::LevelVeryHigh,
    }
}

const ELBOW_WIDTH: f64 = 640.0;
const ELBOW_HEIGHT: f64 = 300.0;

/// The elbow chart: inertia by k as a line, the suggested k marked.
fn elbow_chart(points: Vec<ElbowPoint>, title: String, suggested: Option<usize>) -> impl IntoView {
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

#[component]
pub fn ClusterView() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments;
    let page = analysis.page;
    let (show_elbow, set_show_elbow) = signal(false);
    let cluster_chart_box = NodeRef::<leptos::html::Div>::new();
    let elbow_chart_box = NodeRef::<leptos::html::Div>::new();
    let features = move || {
        ClusterFeature::ALL
            .into_iter()
            .map(|feature| {
                let checked = move || page.cluster_features.with(|f| f.contains(&feature));
                view! {
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=checked
                            data-testid="cluster-feature"
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                page.cluster_features
                                    .update(|chosen| {
                                        chosen.retain(|f| *f != feature);
                                        if on {
                                            chosen.push(feature);
                                            chosen
                                                .sort_by_key(|f| {
                                                    ClusterFeature::ALL.iter().position(|g| g == f)
                                                });
                                        }
                                    });
                                if show_elbow.get_untracked() {
                                    analysis.compute_elbow();
                                }
                            }
                        />
                        <span>{state.tr(feature_text(feature))}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let results = move || {
        let language = state.language.get();
        let result = analysis.clusters.get()?;
        let describe =
            |distinctions: &[omnirx_core::domain::segmentation::clusters::Distinction]| {
                if distinctions.is_empty() {
                    return state.text(Text::ClusterAverage).to_string();
                }
                distinctions
                    .iter()
                    .map(|d| {
                        format!(
                            "{}{}",
                            state.text(feature_text(result.features[d.feature])),
                            state.text(level_text(d.level))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
        let rows: Vec<BarRow> = result
            .profiles
            .iter()
            .map(|p| BarRow {
                label: format!("{} {}", state.text(Text::ClusterName), p.cluster + 1),
                value: p.size as f64,
                value_text: format!(
                    "{} · {}",
                    format_integer(p.size as i64, language),
                    format_percent(p.share, 0, language)
                ),
            })
            .collect();
        let title = state.text(Text::ClusterSizesTitle).to_string();
        Some(view! {
            <p data-testid="cluster-silhouette">
                {state.text(Text::ClusterSilhouette)}": "
                <strong>
                    {result
                        .silhouette
                        .map(|s| format!("{s:.2}"))
                        .unwrap_or_else(|| "—".to_string())}
                </strong>
                <span class="muted">
                    {format!(" · {}", state.text(Text::ClusterSilhouetteHelp))}
                </span>
            </p>
            <div class="table-scroll">
                <table class="table" data-testid="cluster-table">
                    <thead>
                        <tr>
                            <th scope="col">{state.text(Text::ClusterName)}</th>
                            <th scope="col">{state.text(Text::SegmentColumnSize)}</th>
                            <th scope="col">{state.text(Text::SegmentColumnShare)}</th>
                            <th scope="col">{state.text(Text::ClusterProfile)}</th>
                            {result
                                .features
                                .iter()
                                .map(|f| {
                                    view! { <th scope="col">{state.text(feature_text(*f))}</th> }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {result
                            .profiles
                            .iter()
                            .map(|p| {
                                view! {
                                    <tr data-testid="cluster-row">
                                        <th scope="row">{p.cluster + 1}</th>
                                        <td class="number" data-testid="cluster-size">
                                            {format_integer(p.size as i64, language)}
                                        </td>
                                        <td class="number">
                                            {format_percent(p.share, 1, language)}
                                        </td>
                                        <td data-testid="cluster-profile">
                                            {describe(&p.distinctions)}
                                        </td>
                                        {p
                                            .centroid_original_units
                                            .iter()
                                            .map(|v| {
                                                view! { <td class="number">{format!("{v:.1}")}</td> }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="chart-box" node_ref=cluster_chart_box>
                <BarListChart
                    rows=Signal::derive(move || rows.clone())
                    title=Signal::derive(move || title.clone())
                    testid="cluster-size-chart".to_string()
                />
            </div>
            <ChartExportButtons
                chart_box=cluster_chart_box
                file_base=Signal::derive(move || {
                    format!("omnirx-clusters-{}", super::file_date(state))
                })
                testid_prefix="cluster-chart"
            />
        })
    };
    let elbow = move || {
        if !show_elbow.get() {
            return None;
        }
        let Some((points, done)) = analysis.elbow_for_current_features() else {
            return Some(
                view! {
                    <p class="muted" data-testid="cluster-elbow-pending">
                        {state.text(Text::ClusterElbowComputing)}
                    </p>
                }
                .into_any(),
            );
        };
        let suggested = if done { suggested_k(&points) } else { None };
        let title = state.text(Text::ClusterElbowTitle).to_string();
        Some(view! {
            <div class="chart-box" node_ref=elbow_chart_box>
                {elbow_chart(points, title, suggested)}
            </div>
            <ChartExportButtons
                chart_box=elbow_chart_box
                file_base=Signal::derive(move || {
                    format!("omnirx-elbow-{}", super::file_date(state))
                })
                testid_prefix="elbow-chart"
            />
            {if done {
                view! {
                    <p data-testid="cluster-suggested-k">
                        {state.text(Text::ClusterSuggestedK)}": "
                        <strong>
                            {suggested.map(|k| k.to_string()).unwrap_or_else(|| "—".into())}
                        </strong>
                    </p>
                }
                    .into_any()
            } else {
                view! { <p class="muted">{state.text(Text::ClusterElbowComputing)}</p> }.into_any()
            }}
        }.into_any())
    };
    view! {
        <section class="card" data-testid="cluster-view">
            <h2 class="card-title">{state.tr(Text::ClustersTitle)}</h2>
            <p class="muted">{state.tr(Text::ClustersHowTo)}</p>
            <fieldset class="choice-list">
                <legend class="control-label">{state.tr(Text::ClusterFeatures)}</legend>
                {features}
            </fieldset>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::ClusterCount)}</span>
                    <select
                        data-testid="cluster-k"
                        prop:value=move || page.cluster_count.get().to_string()
                        on:change=move |e| {
                            if let Ok(k) = event_target_value(&e).parse::<usize>() {
                                page.cluster_count.set(k)
                            }
                        }
                    >
                        {(2..=10)
                            .map(|k| {
                                view! {
                                    <option
                                        value=k.to_string()
                                        selected=move || page.cluster_count.get() == k
                                    >
                                        {k}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="cluster-show-elbow"
                    on:click=move |_| {
                        let showing = !show_elbow.get_untracked();
                        set_show_elbow.set(showing);
                        if showing && analysis.elbow_for_current_features_untracked().is_none() {
                            analysis.compute_elbow();
                        }
                    }
                >
                    {state.tr(Text::ClusterShowElbow)}
                </button>
            </div>
            <Show when=move || page.cluster_features.with(Vec::is_empty)>
                <p class="error" role="alert">
                    {state.tr(Text::ClusterPickFeature)}
                </p>
            </Show>
            {results}
            {elbow}
        </section>
    }
}
