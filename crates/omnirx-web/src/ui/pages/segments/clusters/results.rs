//! The clusters k-means found: the silhouette, a notice when k exceeds the distinct points, each
//! cluster's size and profile in words, and the sizes as a chart.

use leptos::prelude::*;

use super::{feature_text, level_text};
use crate::ui::components::charts::{BarListChart, BarRow, ChartExportButtons};
use crate::ui::state::segment_analysis::ClusterResult;
use crate::ui::state::shared::Shared;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::segmentation::clusters::ClusterProfile;
use omnirx_core::i18n::{format_integer, format_percent, phrases, Text};

/// The current clustering, once there are features to run it on.
#[component]
pub fn ClusterResults() -> impl IntoView {
    let state = use_app_state();
    let chart_box = NodeRef::<leptos::html::Div>::new();
    move || {
        let language = state.language.get();
        let result = state.segments().clusters.get()?;
        let rows: Vec<BarRow> = result
            .profiles
            .iter()
            .map(|p| BarRow {
                label: phrases::cluster_name(language, p.cluster + 1),
                value: p.size as f64,
                value_text: format!(
                    "{} · {}",
                    format_integer(p.size as i64, language),
                    format_percent(p.share, 0, language)
                ),
            })
            .collect();
        let title = state.text(Text::ClusterSizesTitle).to_string();
        let distinct = result.clustering.distinct_points.map(|distinct| {
            let k = result.clustering.k;
            view! {
                <p class="hint" role="status" data-testid="cluster-distinct-points">
                    {phrases::cluster_distinct_points(language, k, distinct)}
                </p>
            }
        });
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
            {distinct}
            <ClusterTable result=result />
            <div class="chart-box" node_ref=chart_box>
                <BarListChart
                    rows=Signal::derive(move || rows.clone())
                    title=Signal::derive(move || title.clone())
                    testid="cluster-size-chart".to_string()
                />
            </div>
            <ChartExportButtons
                chart_box=chart_box
                file_base=Signal::derive(move || {
                    format!("omnirx-clusters-{}", super::super::file_date(state))
                })
                testid_prefix="cluster-chart"
            />
        })
    }
}

/// A profile in words: its distinctive features and their levels, "about average", or "empty"
/// for a cluster no HCP is in (its centroid means nothing).
fn describe(state: AppState, result: &ClusterResult, profile: &ClusterProfile) -> String {
    let distinctions = &profile.distinctions;
    if profile.size == 0 {
        return state.text(Text::ClusterEmpty).to_string();
    }
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
}

/// One row per cluster: its number, size, share, profile and centroid in the features' units.
#[component]
fn ClusterTable(result: Shared<ClusterResult>) -> impl IntoView {
    let state = use_app_state();
    let language = state.language.get_untracked();
    let headers = result
        .features
        .iter()
        .map(|f| view! { <th scope="col">{state.text(feature_text(*f))}</th> })
        .collect_view();
    let rows = result
        .profiles
        .iter()
        .map(|p| {
            view! {
                <tr data-testid="cluster-row">
                    <th scope="row">{p.cluster + 1}</th>
                    <td class="number" data-testid="cluster-size">
                        {format_integer(p.size as i64, language)}
                    </td>
                    <td class="number">{format_percent(p.share, 1, language)}</td>
                    <td data-testid="cluster-profile">{describe(state, &result, p)}</td>
                    {p
                        .centroid_original_units
                        .iter()
                        .map(|v| {
                            let shown = if p.size == 0 {
                                "—".to_string()
                            } else {
                                format!("{v:.1}")
                            };
                            view! { <td class="number">{shown}</td> }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table" data-testid="cluster-table">
                <thead>
                    <tr>
                        <th scope="col">{state.text(Text::ClusterName)}</th>
                        <th scope="col">{state.text(Text::SegmentColumnSize)}</th>
                        <th scope="col">{state.text(Text::SegmentColumnShare)}</th>
                        <th scope="col">{state.text(Text::ClusterProfile)}</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
