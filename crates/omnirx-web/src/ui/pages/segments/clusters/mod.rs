//! Clusters: k-means on the features the user picks, each cluster described in words from its centroid, the silhouette score and an elbow chart for choosing k.

mod elbow;
mod elbow_chart;
mod features;
mod results;

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::segmentation::clusters::Level;
use omnirx_core::domain::segmentation::features::ClusterFeature;
use omnirx_core::i18n::Text;

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

/// The Clusters tab: the features, k, the button for the elbow chart, the clusters and the chart.
#[component]
pub fn ClusterView() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    let show_elbow = RwSignal::new(false);
    view! {
        <section class="card" data-testid="cluster-view">
            <h2 class="card-title">{state.tr(Text::ClustersTitle)}</h2>
            <p class="muted">{state.tr(Text::ClustersHowTo)}</p>
            <features::FeatureChoices show_elbow=show_elbow />
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
                        show_elbow.set(showing);
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
            <results::ClusterResults />
            <Show when=move || show_elbow.get()>
                <elbow::ElbowPanel />
            </Show>
        </section>
    }
}
