//! The elbow chart's panel: the points as they arrive, the suggested k, and a note by any point
//! whose sum of squares is above the previous k's.

use leptos::prelude::*;

use super::elbow_chart::elbow_chart;
use crate::ui::components::charts::ChartExportButtons;
use crate::ui::state::use_app_state;
use omnirx_core::domain::segmentation::clusters::suggested_k;
use omnirx_core::i18n::{phrases, Text};

/// The elbow chart for the current features, computed one k per task.
#[component]
pub fn ElbowPanel() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let chart_box = NodeRef::<leptos::html::Div>::new();
    move || {
        let language = state.language.get();
        let Some((points, done)) = analysis.elbow_for_current_features() else {
            return view! {
                <p class="muted" data-testid="cluster-elbow-pending">
                    {state.text(Text::ClusterElbowComputing)}
                </p>
            }
            .into_any();
        };
        let suggested = if done { suggested_k(&points) } else { None };
        let title = state.text(Text::ClusterElbowTitle).to_string();
        let rises = points
            .windows(2)
            .filter_map(|pair| {
                let rise = pair[1].rise?;
                let relative = rise / pair[0].inertia.max(f64::MIN_POSITIVE);
                let text = phrases::elbow_rise(language, pair[1].k, format!("{relative:.0e}"));
                Some(view! {
                    <p class="muted" data-testid="cluster-elbow-rise">
                        {text}
                    </p>
                })
            })
            .collect_view();
        view! {
            <div class="chart-box" node_ref=chart_box>
                {elbow_chart(points, title, suggested)}
            </div>
            <ChartExportButtons
                chart_box=chart_box
                file_base=Signal::derive(move || {
                    format!("omnirx-elbow-{}", super::super::file_date(state))
                })
                testid_prefix="elbow-chart"
            />
            {rises}
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
        }
        .into_any()
    }
}
