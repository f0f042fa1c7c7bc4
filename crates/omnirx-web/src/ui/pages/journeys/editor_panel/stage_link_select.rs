//! The chooser of a stage's link: every funnel step and segment of the workspace as an option, by position.

use crate::ui::components::lists::{pair_keys, pair_of, KeyedRows};
use leptos::prelude::*;

use super::selected_stage::SelectedStage;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::journey::editing::set_stage_link;
use omnirx_core::domain::journey::model::StageLink;
use omnirx_core::i18n::{text, Text};

/// A stage link as an option value: positions in the workspace's lists, so that ids with any
/// characters survive.
fn link_value(link: Option<&StageLink>, state: AppState) -> String {
    let Some(link) = link else {
        return String::new();
    };
    state.session.workspace.with_untracked(|workspace| {
        let Some(workspace) = workspace.as_ref() else {
            return String::new();
        };
        match link {
            StageLink::FunnelStep { funnel_id, step } => workspace
                .funnels
                .iter()
                .position(|funnel| &funnel.id == funnel_id)
                .map(|index| format!("f:{index}:{step}"))
                .unwrap_or_default(),
            StageLink::Segment {
                rule_set_id,
                segment_id,
            } => workspace
                .segment_rule_sets
                .iter()
                .enumerate()
                .find(|(_, rule_set)| &rule_set.id == rule_set_id)
                .and_then(|(index, rule_set)| {
                    let position = rule_set.segments.iter().position(|s| &s.id == segment_id)?;
                    Some(format!("s:{index}:{position}"))
                })
                .unwrap_or_default(),
        }
    })
}

fn link_from_value(value: &str, state: AppState) -> Option<StageLink> {
    let mut parts = value.split(':');
    let kind = parts.next()?;
    let first: usize = parts.next()?.parse().ok()?;
    let second: usize = parts.next()?.parse().ok()?;
    state.session.workspace.with_untracked(|workspace| {
        let workspace = workspace.as_ref()?;
        match kind {
            "f" => {
                let funnel = workspace.funnels.get(first)?;
                (second < funnel.steps.len()).then(|| StageLink::FunnelStep {
                    funnel_id: funnel.id.clone(),
                    step: second,
                })
            }
            "s" => {
                let rule_set = workspace.segment_rule_sets.get(first)?;
                Some(StageLink::Segment {
                    rule_set_id: rule_set.id.clone(),
                    segment_id: rule_set.segments.get(second)?.id.clone(),
                })
            }
            _ => None,
        }
    })
}

/// Every funnel step and segment as (value, label) options.
fn link_options(state: AppState) -> Vec<(String, String)> {
    let language = state.language.get();
    state.session.workspace.with(|workspace| {
        let Some(workspace) = workspace.as_ref() else {
            return Vec::new();
        };
        let mut options = Vec::new();
        for (index, funnel) in workspace.funnels.iter().enumerate() {
            for (step, definition) in funnel.steps.iter().enumerate() {
                options.push((
                    format!("f:{index}:{step}"),
                    format!(
                        "{}: {} › {}",
                        text(language, Text::JourneysLinkFunnel),
                        funnel.name,
                        definition.name
                    ),
                ));
            }
        }
        for (index, rule_set) in workspace.segment_rule_sets.iter().enumerate() {
            for (position, segment) in rule_set.segments.iter().enumerate() {
                options.push((
                    format!("s:{index}:{position}"),
                    format!(
                        "{}: {} › {}",
                        text(language, Text::JourneysLinkSegment),
                        rule_set.name,
                        segment.name
                    ),
                ));
            }
        }
        options
    })
}

/// The stage's link as a choice among the workspace's funnel steps and segments, or none.
#[component]
pub(super) fn StageLinkSelect(stage: SelectedStage) -> impl IntoView {
    let state = use_app_state();
    let stage_link = move || stage.read().and_then(|(_, stage, _)| stage.link);
    // The chosen option, read again when the workspace changes too (options are positions).
    let current = Memo::new(move |_| {
        state.session.workspace.track();
        link_value(stage_link().as_ref(), state)
    });
    view! {
        <label class="control control-wide">
            <span class="control-label">{state.tr(Text::JourneysLink)}</span>
            <select
                data-testid="journey-stage-link-select"
                prop:value=move || link_value(stage_link().as_ref(), state)
                on:change=move |event| {
                    let link = link_from_value(&event_target_value(&event), state);
                    stage.edit(move |map, index| set_stage_link(map, index, link));
                }
            >
                <option value="">{state.tr(Text::JourneysLinkNone)}</option>
                // Keyed by value and label: an option is drawn again when its funnel, step or
                // segment is renamed.
                <KeyedRows
                    keys=Signal::derive(move || pair_keys(link_options(state)))
                    row=Callback::new(move |key: String| {
                        let (value, label) = pair_of(&key);
                        let selected = {
                            let value = value.clone();
                            move || current.with(|current| *current == value)
                        };
                        view! {
                            <option value=value selected=selected>
                                {label}
                            </option>
                        }
                            .into_any()
                    })
                />
            </select>
        </label>
    }
}
