//! The step editor: rename, reorder, add and remove steps, and set what each step counts.
//!
//! Every edit is a function of `domain::funnel::editing`. Rows are keyed by position and read
//! their step from the definition, so an edit redraws only what it changed.

use crate::ui::components::lists::{pair_keys, pair_of, IndexedRows, KeyedRows};
use leptos::prelude::*;

use super::edit_definition;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::editing::{
    add_step, move_step, remove_step, rename_step, set_condition_kind, set_prescription_months,
    set_prescription_within, toggle_step_channel, toggle_step_kind, toggle_step_outcome,
    ConditionKind,
};
use omnirx_core::domain::funnel::{FunnelStep, StepCondition, MAX_STEPS, MIN_STEPS};
use omnirx_core::domain::model::{InteractionKind, Outcome};
use omnirx_core::i18n::Text;
use omnirx_core::view::labels::{condition_kind_text, kind_text, outcome_text};

/// Step `index` of the shown funnel, followed as it changes.
fn use_step(index: usize) -> Memo<Option<FunnelStep>> {
    let definition = use_app_state().funnels().definition;
    Memo::new(move |_| definition.with(|d| d.as_ref()?.steps.get(index).cloned()))
}

fn use_step_count() -> Memo<usize> {
    let definition = use_app_state().funnels().definition;
    Memo::new(move |_| definition.with(|d| d.as_ref().map_or(0, |d| d.steps.len())))
}

#[component]
pub fn StepEditor() -> impl IntoView {
    let state = use_app_state();
    let count = use_step_count();
    let add = move |_: leptos::ev::MouseEvent| {
        let name = state.text(Text::NewStepName).to_string();
        edit_definition(state, move |d| {
            add_step(d, &name);
        });
    };
    view! {
        <section class="card step-editor" data-testid="step-editor">
            <h2 class="card-title">{state.tr(Text::EditSteps)}</h2>
            <ol class="step-editor-list">
                <IndexedRows
                    count=count
                    row=Callback::new(|index| view! { <StepRow index=index /> }.into_any())
                />
            </ol>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="step-add"
                    disabled={move || count.get() >= MAX_STEPS}
                    on:click=add
                >
                    {state.tr(Text::AddStep)}
                </button>
                <span class="muted">{state.tr(Text::StepsLimit)}</span>
            </div>
        </section>
    }
}

#[component]
fn StepRow(index: usize) -> impl IntoView {
    let state = use_app_state();
    let definition = state.funnels().definition;
    let step = use_step(index);
    let is_manual =
        move || definition.with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()));
    let kind =
        Memo::new(move |_| step.with(|s| s.as_ref().map(|s| ConditionKind::of(&s.condition))));
    let details = move || match kind.get() {
        Some(ConditionKind::Interaction) => view! { <InteractionChecks index=index /> }.into_any(),
        Some(ConditionKind::Prescriptions) => {
            view! { <PrescriptionMonths index=index /> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <li class="step-editor-row" data-testid="step-editor-row">
            <div class="control-row">
                <span class="step-number" aria-hidden="true">
                    {index + 1}
                </span>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::StepName)}</span>
                    <input
                        type="text"
                        maxlength="80"
                        data-testid="step-name"
                        prop:value=move || {
                            step.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default())
                        }
                        on:change=move |e| {
                            let name = event_target_value(&e);
                            edit_definition(state, |d| rename_step(d, index, &name));
                        }
                    />
                </label>
                <label class="control" class:hidden=is_manual>
                    <span class="control-label">{state.tr(Text::StepCondition)}</span>
                    <select
                        data-testid="step-condition"
                        prop:value=move || kind.get().map(ConditionKind::key).unwrap_or_default()
                        on:change=move |e| {
                            if let Some(kind) = ConditionKind::parse(&event_target_value(&e)) {
                                edit_definition(state, |d| set_condition_kind(d, index, kind));
                            }
                        }
                    >
                        {ConditionKind::ALL
                            .map(|kind| {
                                view! {
                                    <option value=kind
                                        .key()>{state.tr(condition_kind_text(kind))}</option>
                                }
                            })}
                    </select>
                </label>
                <StepButtons index=index />
            </div>
            <div class="step-condition-details" class:hidden=is_manual>
                {details}
            </div>
        </li>
    }
}

/// Up, down and remove for step `index`.
#[component]
fn StepButtons(index: usize) -> impl IntoView {
    let state = use_app_state();
    let count = use_step_count();
    view! {
        <div class="actions actions-compact">
            <button
                type="button"
                class="button button-small button-secondary"
                data-testid="step-up"
                disabled=index == 0
                on:click=move |_| edit_definition(
                    state,
                    |d| {
                        move_step(d, index, -1);
                    },
                )
            >
                "↑"
                <span class="sr-only">{state.tr(Text::MoveUp)}</span>
            </button>
            <button
                type="button"
                class="button button-small button-secondary"
                data-testid="step-down"
                disabled={move || index + 1 >= count.get()}
                on:click=move |_| edit_definition(
                    state,
                    |d| {
                        move_step(d, index, 1);
                    },
                )
            >
                "↓"
                <span class="sr-only">{state.tr(Text::MoveDown)}</span>
            </button>
            <button
                type="button"
                class="button button-small button-danger"
                data-testid="step-remove"
                disabled={move || count.get() <= MIN_STEPS}
                on:click=move |_| edit_definition(
                    state,
                    |d| {
                        remove_step(d, index);
                    },
                )
            >
                "×"
                <span class="sr-only">{state.tr(Text::RemoveStep)}</span>
            </button>
        </div>
    }
}

/// The kinds, outcomes and channels an interaction step lists (none listed: any).
#[component]
fn InteractionChecks(index: usize) -> impl IntoView {
    let state = use_app_state();
    let step = use_step(index);
    let listed_kind = move |kind: InteractionKind| {
        step.with(|s| matches!(s.as_ref().map(|s| &s.condition), Some(StepCondition::Interaction { kinds, .. }) if kinds.contains(&kind)))
    };
    let listed_outcome = move |outcome: Outcome| {
        step.with(|s| matches!(s.as_ref().map(|s| &s.condition), Some(StepCondition::Interaction { outcomes, .. }) if outcomes.contains(&outcome)))
    };
    let kinds = InteractionKind::ALL.map(|kind| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="step-kind"
                    prop:checked=move || listed_kind(kind)
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        edit_definition(state, |d| toggle_step_kind(d, index, kind, on));
                    }
                />
                <span>{state.tr(kind_text(kind))}</span>
            </label>
        }
    });
    let outcomes = Outcome::ALL.map(|outcome| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="step-outcome"
                    prop:checked=move || listed_outcome(outcome)
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        edit_definition(state, |d| toggle_step_outcome(d, index, outcome, on));
                    }
                />
                <span>{state.tr(outcome_text(outcome))}</span>
            </label>
        }
    });
    view! {
        <fieldset class="checks">
            <legend>{state.tr(Text::ConditionKinds)}</legend>
            {kinds}
        </fieldset>
        <fieldset class="checks">
            <legend>{state.tr(Text::ConditionOutcomes)}</legend>
            {outcomes}
        </fieldset>
        <ChannelChecks index=index />
    }
}

/// The workspace's channels an interaction step lists, keyed by channel id.
#[component]
fn ChannelChecks(index: usize) -> impl IntoView {
    let state = use_app_state();
    let step = use_step(index);
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
    let listed = move |id: &str| {
        step.with(|s| matches!(s.as_ref().map(|s| &s.condition), Some(StepCondition::Interaction { channel_ids, .. }) if channel_ids.iter().any(|c| c == id)))
    };
    view! {
        <fieldset class="checks">
            <legend>{state.tr(Text::ConditionChannels)}</legend>
            <KeyedRows
                keys=Signal::derive(move || pair_keys(channels()))
                row=Callback::new(move |key: String| {
                    let (id, name) = pair_of(&key);
                    let checked_id = id.clone();
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid="step-channel"
                                prop:checked=move || listed(&checked_id)
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    edit_definition(
                                        state,
                                        |d| toggle_step_channel(d, index, &id, on),
                                    );
                                }
                            />
                            <span>{name}</span>
                        </label>
                    }
                        .into_any()
                })
            />
        </fieldset>
    }
}

/// "N months within M" of a prescription step.
#[component]
fn PrescriptionMonths(index: usize) -> impl IntoView {
    let state = use_app_state();
    let step = use_step(index);
    let months = move || match step.get().map(|s| s.condition) {
        Some(StepCondition::Prescriptions {
            months,
            within_months,
            ..
        }) => (months, within_months),
        _ => (0, 0),
    };
    let number = |e: &leptos::ev::Event| event_target_value(e).parse::<u32>().ok();
    view! {
        <div class="control-pair">
            <label class="control">
                <span class="control-label">{state.tr(Text::ConditionMonths)}</span>
                <input
                    type="number"
                    min="1"
                    max="36"
                    data-testid="step-months"
                    prop:value=move || months().0.to_string()
                    on:change=move |e| {
                        if let Some(value) = number(&e) {
                            edit_definition(state, |d| set_prescription_months(d, index, value));
                        }
                    }
                />
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::ConditionWithin)}</span>
                <input
                    type="number"
                    min="1"
                    max="36"
                    data-testid="step-within"
                    prop:value=move || months().1.to_string()
                    on:change=move |e| {
                        if let Some(value) = number(&e) {
                            edit_definition(state, |d| set_prescription_within(d, index, value));
                        }
                    }
                />
            </label>
        </div>
    }
}
