//! The step editor: rename, reorder, add and remove steps, and set what each step counts.

use leptos::prelude::*;

use super::edit_definition;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::funnel::{
    FunnelDefinition, FunnelStep, StepCondition, MAX_STEPS, MIN_STEPS,
};
use omnirx_core::domain::model::{InteractionKind, Outcome};
use omnirx_core::i18n::Text;
use omnirx_core::view::labels::{kind_text, outcome_text};

const KINDS: [InteractionKind; 12] = [
    InteractionKind::Visit,
    InteractionKind::Call,
    InteractionKind::RemoteDetailing,
    InteractionKind::EmailSent,
    InteractionKind::EmailOpened,
    InteractionKind::EmailClicked,
    InteractionKind::WechatMessage,
    InteractionKind::WechatRead,
    InteractionKind::MeetingInvited,
    InteractionKind::MeetingAttended,
    InteractionKind::Sample,
    InteractionKind::PharmacyVisit,
];

const OUTCOMES: [Outcome; 5] = [
    Outcome::Engaged,
    Outcome::Detailed,
    Outcome::Neutral,
    Outcome::Negative,
    Outcome::NoResponse,
];

fn edit_step(state: AppState, index: usize, change: impl FnOnce(&mut FunnelStep)) {
    edit_definition(state, |d| {
        if let Some(step) = d.steps.get_mut(index) {
            change(step);
        }
    });
}

/// Adds `value` to the list when `on`, removes it otherwise.
fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T, on: bool) {
    list.retain(|item| item != value);
    if on {
        list.push(value.clone());
    }
}

fn move_step(definition: &mut FunnelDefinition, from: usize, to: usize) {
    if from < definition.steps.len() && to < definition.steps.len() {
        // A workshop funnel's counts stay with their stage position: only the names move.
        definition.steps.swap(from, to);
    }
}

#[component]
pub fn StepEditor() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels;
    let steps = move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.steps.clone()).unwrap_or_default())
    };
    let is_manual = move || {
        analysis
            .definition
            .with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()))
    };
    let channels = move || {
        state.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.channels
                        .iter()
                        .map(|c| (c.id.clone(), c.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let add_step = move |_: leptos::ev::MouseEvent| {
        let name = state.text(Text::NewStepName).to_string();
        edit_definition(state, |d| {
            if d.steps.len() < MAX_STEPS {
                d.steps.push(FunnelStep {
                    name,
                    condition: StepCondition::any_interaction(),
                });
                if let Some(counts) = &mut d.manual_counts {
                    counts.push(0);
                }
            }
        });
    };
    let row = move |index: usize, step: FunnelStep, count: usize| {
        let condition_key = match &step.condition {
            StepCondition::Interaction { .. } => "interaction",
            StepCondition::FirstPrescription { .. } => "first_prescription",
            StepCondition::Prescriptions { .. } => "prescriptions",
        };
        let details = match step.condition.clone() {
            StepCondition::Interaction { kinds, channel_ids, outcomes, .. } => {
                let kind_boxes = KINDS.iter().map(|kind| {
                    let kind = *kind;
                    let checked = kinds.contains(&kind);
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="step-kind" prop:checked=checked
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    edit_step(state, index, |s| if let StepCondition::Interaction { kinds, .. } = &mut s.condition { toggle(kinds, &kind, on) });
                                }/>
                            <span>{state.tr(kind_text(kind))}</span>
                        </label>
                    }
                }).collect_view();
                let outcome_boxes = OUTCOMES.iter().map(|outcome| {
                    let outcome = *outcome;
                    let checked = outcomes.contains(&outcome);
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="step-outcome" prop:checked=checked
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    edit_step(state, index, |s| if let StepCondition::Interaction { outcomes, .. } = &mut s.condition { toggle(outcomes, &outcome, on) });
                                }/>
                            <span>{state.tr(outcome_text(outcome))}</span>
                        </label>
                    }
                }).collect_view();
                let channel_boxes = channels().into_iter().map(|(id, name)| {
                    let checked = channel_ids.contains(&id);
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="step-channel" prop:checked=checked
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    let id = id.clone();
                                    edit_step(state, index, move |s| if let StepCondition::Interaction { channel_ids, .. } = &mut s.condition { toggle(channel_ids, &id, on) });
                                }/>
                            <span>{name}</span>
                        </label>
                    }
                }).collect_view();
                view! {
                    <fieldset class="checks"><legend>{state.tr(Text::ConditionKinds)}</legend>{kind_boxes}</fieldset>
                    <fieldset class="checks"><legend>{state.tr(Text::ConditionOutcomes)}</legend>{outcome_boxes}</fieldset>
                    <fieldset class="checks"><legend>{state.tr(Text::ConditionChannels)}</legend>{channel_boxes}</fieldset>
                }.into_any()
            }
            StepCondition::FirstPrescription { .. } => ().into_any(),
            StepCondition::Prescriptions { months, within_months, .. } => view! {
                <div class="control-pair">
                    <label class="control">
                        <span class="control-label">{state.tr(Text::ConditionMonths)}</span>
                        <input type="number" min="1" max="36" data-testid="step-months" prop:value=months.to_string()
                            on:change=move |e| {
                                if let Ok(value) = event_target_value(&e).parse::<u32>() {
                                    edit_step(state, index, |s| if let StepCondition::Prescriptions { months, within_months, .. } = &mut s.condition {
                                        *months = value.clamp(1, 36);
                                        *within_months = (*within_months).max(*months);
                                    });
                                }
                            }/>
                    </label>
                    <label class="control">
                        <span class="control-label">{state.tr(Text::ConditionWithin)}</span>
                        <input type="number" min="1" max="36" data-testid="step-within" prop:value=within_months.to_string()
                            on:change=move |e| {
                                if let Ok(value) = event_target_value(&e).parse::<u32>() {
                                    edit_step(state, index, |s| if let StepCondition::Prescriptions { months, within_months, .. } = &mut s.condition {
                                        *within_months = value.clamp(1, 36).max(*months);
                                    });
                                }
                            }/>
                    </label>
                </div>
            }.into_any(),
        };
        view! {
            <li class="step-editor-row" data-testid="step-editor-row">
                <div class="control-row">
                    <span class="step-number" aria-hidden="true">{index + 1}</span>
                    <label class="control control-wide">
                        <span class="control-label">{state.tr(Text::StepName)}</span>
                        <input type="text" maxlength="80" data-testid="step-name" prop:value=step.name.clone()
                            on:change=move |e| {
                                let name = event_target_value(&e).trim().to_string();
                                if !name.is_empty() {
                                    edit_step(state, index, |s| s.name = name);
                                }
                            }/>
                    </label>
                    <label class="control" class:hidden=is_manual>
                        <span class="control-label">{state.tr(Text::StepCondition)}</span>
                        <select data-testid="step-condition" prop:value=condition_key
                            on:change=move |e| {
                                let condition = match event_target_value(&e).as_str() {
                                    "first_prescription" => StepCondition::FirstPrescription { product_ids: Vec::new() },
                                    "prescriptions" => StepCondition::Prescriptions { product_ids: Vec::new(), months: 3, within_months: 6 },
                                    _ => StepCondition::any_interaction(),
                                };
                                edit_step(state, index, |s| s.condition = condition);
                            }>
                            <option value="interaction">{state.tr(Text::ConditionInteraction)}</option>
                            <option value="first_prescription">{state.tr(Text::ConditionFirstPrescription)}</option>
                            <option value="prescriptions">{state.tr(Text::ConditionPrescriptions)}</option>
                        </select>
                    </label>
                    <div class="actions actions-compact">
                        <button type="button" class="button button-small button-secondary" data-testid="step-up"
                            disabled=index == 0
                            on:click=move |_| edit_definition(state, |d| move_step(d, index, index - 1))>
                            "↑"<span class="sr-only">{state.tr(Text::MoveUp)}</span>
                        </button>
                        <button type="button" class="button button-small button-secondary" data-testid="step-down"
                            disabled={index + 1 >= count}
                            on:click=move |_| edit_definition(state, |d| move_step(d, index, index + 1))>
                            "↓"<span class="sr-only">{state.tr(Text::MoveDown)}</span>
                        </button>
                        <button type="button" class="button button-small button-danger" data-testid="step-remove"
                            disabled={count <= MIN_STEPS}
                            on:click=move |_| edit_definition(state, |d| {
                                if d.steps.len() > MIN_STEPS && index < d.steps.len() {
                                    d.steps.remove(index);
                                    if let Some(counts) = &mut d.manual_counts {
                                        if index < counts.len() {
                                            counts.remove(index);
                                        }
                                    }
                                }
                            })>
                            "×"<span class="sr-only">{state.tr(Text::RemoveStep)}</span>
                        </button>
                    </div>
                </div>
                <div class="step-condition-details" class:hidden=is_manual>{details}</div>
            </li>
        }
    };
    view! {
        <section class="card step-editor" data-testid="step-editor">
            <h2 class="card-title">{state.tr(Text::EditSteps)}</h2>
            <ol class="step-editor-list">
                {move || {
                    let steps = steps();
                    let count = steps.len();
                    steps.into_iter().enumerate().map(|(index, step)| row(index, step, count)).collect_view()
                }}
            </ol>
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="step-add"
                    disabled={move || steps().len() >= MAX_STEPS} on:click=add_step>
                    {state.tr(Text::AddStep)}
                </button>
                <span class="muted">{state.tr(Text::StepsLimit)}</span>
            </div>
        </section>
    }
}
