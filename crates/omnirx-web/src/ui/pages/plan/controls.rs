//! The plan's cycle and rep, optimise and save, the saved plan's status, its exports, and what
//! the plan could not do as asked.

use leptos::prelude::*;

use super::labels::cycle_label;
use super::use_names;
use crate::ui::state::planning::cycle_choices;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::capacity::NotACycle;
use omnirx_core::domain::planning::Cycle;
use omnirx_core::i18n::planning_messages::not_a_cycle;
use omnirx_core::i18n::{format_date, phrases, Text};

#[component]
pub fn Controls() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let cycles = move || {
        let last = planning
            .data
            .with(|d| d.as_ref().and_then(|d| d.last_month));
        let mut cycles = last.map(cycle_choices).unwrap_or_default();
        if let Some(cycle) = planning.cycle.get() {
            if !cycles.contains(&cycle) {
                cycles.push(cycle);
            }
        }
        cycles
    };
    let custom = RwSignal::new(false);
    let cycle_options = move || {
        let language = state.language.get();
        let chosen = planning.cycle.get();
        cycles()
            .into_iter()
            .map(|cycle| {
                let key = cycle.key();
                view! {
                    <option value=key selected=chosen == Some(cycle)>
                        {cycle_label(language, &cycle)}
                    </option>
                }
            })
            .collect_view()
    };
    let rep_options = move || {
        let chosen = planning.choices.rep.get();
        state.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.reps
                        .iter()
                        .map(|rep| {
                            let selected = chosen.as_deref() == Some(rep.id.as_str());
                            view! {
                                <option value=rep.id.clone() selected=selected>
                                    {rep.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                })
                .unwrap_or_default()
        })
    };
    let saved = move || planning.saved.with(Option::is_some);
    let stage = expect_context::<super::PageStage>().0;
    view! {
        <section class="card plan-controls no-print" data-testid="plan-controls">
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::PlanCycle)}</span>
                    <select
                        data-testid="plan-cycle"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            custom.set(value == "custom");
                            if let Ok(cycle) = Cycle::parse(&value) {
                                planning.choices.cycle.set(Some(cycle));
                                planning.choices.draft.set(None);
                            }
                        }
                    >
                        {cycle_options}
                        <option value="custom" selected=move || custom.get()>
                            {state.tr(Text::PlanCustomCycle)}
                        </option>
                    </select>
                </label>
                <Show when=move || custom.get()>
                    <CustomCycle />
                </Show>
                <label class="control">
                    <span class="control-label">{state.tr(Text::PlanRep)}</span>
                    <select
                        data-testid="plan-rep"
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            planning.choices.rep.set((!id.is_empty()).then_some(id));
                        }
                    >
                        <option value="">{state.tr(Text::PlanWholeTeam)}</option>
                        {rep_options}
                    </select>
                </label>
                <button
                    type="button"
                    class="button"
                    data-testid="plan-optimise"
                    on:click=move |_| planning.optimise_and_save()
                >
                    {move || {
                        state.text(if saved() { Text::PlanReoptimise } else { Text::PlanOptimise })
                    }}
                </button>
            </div>
            <Show when=move || stage.get().ge(&1)>
                <Status />
            </Show>
            <super::exports::Exports />
        </section>
    }
}

/// A cycle of the user's own dates; refused dates say why in the page's language.
#[component]
fn CustomCycle() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<NotACycle>);
    let apply = move || {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        if f.is_empty() || t.is_empty() {
            return;
        }
        match Cycle::parse(&format!("{f}..{t}")) {
            Ok(cycle) => {
                problem.set(None);
                planning.choices.cycle.set(Some(cycle));
                planning.choices.draft.set(None);
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let date = move |signal: RwSignal<String>, key: Text, testid: &'static str| {
        view! {
            <label class="control">
                <span class="control-label">{state.tr(key)}</span>
                <input
                    type="date"
                    data-testid=testid
                    on:change=move |ev| {
                        signal.set(event_target_value(&ev));
                        apply();
                    }
                />
            </label>
        }
    };
    view! {
        {date(from, Text::PlanFrom, "plan-cycle-from")}
        {date(to, Text::PlanTo, "plan-cycle-to")}
        {move || {
            problem
                .get()
                .map(|p| {
                    view! {
                        <p class="alert alert-warning" data-testid="plan-cycle-problem">
                            {not_a_cycle(state.language.get(), &p)}
                        </p>
                    }
                })
        }}
    }
}

/// Whether the plan on screen is saved (and when its data ended), or a proposal.
#[component]
fn Status() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    move || {
        let language = state.language.get();
        let shown = planning.shown.get()?;
        let saved = planning.saved.get();
        Some(match saved.filter(|_| shown.saved) {
            Some(saved) => {
                let date = saved
                    .data_end
                    .map_or("—".to_string(), |d| format_date(d, language));
                view! {
                    <p class="plan-status" data-testid="plan-status" data-saved="true">
                        {phrases::plan_saved(language, date, shown.edits)}
                        " · "
                        <span class="muted">{state.text(Text::PlanReoptimiseNote)}</span>
                        " "
                        <button
                            type="button"
                            class="link-button"
                            data-testid="plan-delete"
                            on:click=move |_| planning.delete_saved()
                        >
                            {state.text(Text::PlanDelete)}
                        </button>
                    </p>
                }
                .into_any()
            }
            None => {
                let changed = planning.saved.with(Option::is_some);
                view! {
                    <p
                        class="plan-status alert alert-info"
                        data-testid="plan-status"
                        data-saved="false"
                    >
                        {state
                            .text(
                                if changed { Text::PlanSettingsChanged } else { Text::PlanProposal },
                            )}
                    </p>
                }
                .into_any()
            }
        })
    }
}

/// What the plan could not do as asked, in the page's language.
#[component]
pub fn Messages() -> impl IntoView {
    let state = use_app_state();
    let names = use_names();
    move || {
        let language = state.language.get();
        let proposal = state.planning().proposal.get()?;
        let names = names.get();
        let items = match &*proposal.0 {
            Err(error) => vec![omnirx_core::i18n::planning_messages::plan_error(
                language, error,
            )],
            Ok(result) => result
                .messages
                .iter()
                .map(|message| {
                    omnirx_core::i18n::planning_messages::plan_message(language, message, &*names.0)
                })
                .collect(),
        };
        (!items.is_empty()).then(|| {
            view! {
                <section class="card plan-messages" data-testid="plan-messages">
                    <h2>{state.text(Text::PlanMessagesTitle)}</h2>
                    <ul>
                        {items
                            .into_iter()
                            .map(|item| view! { <li data-testid="plan-message">{item}</li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
