//! The features k-means runs on, as check boxes in a fixed order.

use leptos::prelude::*;

use super::feature_text;
use crate::ui::state::use_app_state;
use omnirx_core::domain::segmentation::features::ClusterFeature;
use omnirx_core::i18n::Text;

/// One check box per feature; a change recomputes the elbow chart when it is shown.
#[component]
pub fn FeatureChoices(show_elbow: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    let choice = move |feature: ClusterFeature| {
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
    };
    view! {
        <fieldset class="choice-list">
            <legend class="control-label">{state.tr(Text::ClusterFeatures)}</legend>
            {ClusterFeature::ALL.into_iter().map(choice).collect_view()}
        </fieldset>
    }
}
