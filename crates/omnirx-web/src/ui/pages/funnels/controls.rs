//! The funnel picker and the definition's settings: order, window, entry period, percentages, unit.
//!
//! Every change is a function of `domain::funnel::editing`, applied through `edit_definition`.

use leptos::prelude::*;

use super::edit_definition;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::funnel::editing::{
    add_workshop_funnel, delete_funnel, duplicate_funnel, last_full_quarter, last_six_months,
    rename_funnel, set_order, set_percent_base, set_period, set_period_end, set_unit,
    set_window_amount, set_window_unit, workshop_stage_names, MAX_WINDOW,
};
use omnirx_core::domain::funnel::{
    parse_iso_date, CountingUnit, FunnelDefinition, PercentBase, Period, StepOrder, WindowUnit,
};
use omnirx_core::i18n::{Language, Text};
use omnirx_core::view::labels::{
    counting_unit_text, order_text, percent_base_text, window_unit_text,
};

/// The last local day of the data, from the funnel index.
fn data_end_date(state: AppState) -> Option<CalendarDate> {
    state.funnels().index.with_untracked(|index| {
        let index = index.as_ref()?;
        Some(index.local_date(index.data_end?))
    })
}

#[component]
pub fn NewWorkshopFunnelButton() -> impl IntoView {
    let state = use_app_state();
    let create = move |_| {
        let language = state.language.get_untracked();
        let stages = workshop_stage_names(language == Language::SimplifiedChinese);
        let name = state.text(Text::WorkshopFunnelName).to_string();
        let mut new_id = None;
        state.session.edit_analyses(|workspace| {
            new_id = Some(add_workshop_funnel(workspace, name, &stages));
        });
        if new_id.is_some() {
            state.funnels().page.selected_funnel.set(new_id);
        }
    };
    view! {
        <button
            type="button"
            class="button button-secondary"
            data-testid="funnel-new-workshop"
            on:click=create
        >
            {state.tr(Text::FunnelNewWorkshop)}
        </button>
    }
}

#[component]
pub fn FunnelPicker() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let funnels = move || {
        state.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.funnels
                        .iter()
                        .map(|f| (f.id.clone(), f.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let current_id = move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.id.clone()).unwrap_or_default())
    };
    let current_name = move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default())
    };
    view! {
        <section class="card funnel-picker" data-testid="funnel-picker">
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::FunnelChoose)}</span>
                    <select
                        data-testid="funnel-select"
                        prop:value=current_id
                        on:change=move |event| {
                            analysis.page.selected_funnel.set(Some(event_target_value(&event)))
                        }
                    >
                        {move || {
                            funnels()
                                .into_iter()
                                .map(|(id, name)| {
                                    let selected = id == current_id();
                                    view! {
                                        <option value=id.clone() selected=selected>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::FunnelNameLabel)}</span>
                    <input
                        type="text"
                        data-testid="funnel-name"
                        maxlength="120"
                        prop:value=current_name
                        on:change=move |event| {
                            let name = event_target_value(&event);
                            edit_definition(state, |d| rename_funnel(d, &name));
                        }
                    />
                </label>
            </div>
            <FunnelActions />
        </section>
    }
}

/// The funnel's actions: edit its steps, duplicate it, a new workshop funnel, delete it (two
/// clicks).
#[component]
fn FunnelActions() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let current_id = move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.id.clone()).unwrap_or_default())
    };
    let duplicate = move |_| {
        let Some(id) = analysis
            .definition
            .with_untracked(|d| d.as_ref().map(|d| d.id.clone()))
        else {
            return;
        };
        let suffix = state.text(Text::CopySuffix);
        let mut new_id = None;
        state.session.edit_analyses(|workspace| {
            new_id = duplicate_funnel(workspace, &id, suffix);
        });
        analysis.page.selected_funnel.set(new_id);
    };
    // Deleting takes two clicks, like deleting a workspace: a funnel is someone's work.
    let confirming_delete = RwSignal::new(false);
    let delete = move |_| {
        if !confirming_delete.get_untracked() {
            confirming_delete.set(true);
            return;
        }
        confirming_delete.set(false);
        let id = current_id();
        state
            .session
            .edit_analyses(move |workspace| delete_funnel(workspace, &id));
        analysis.page.selected_funnel.set(None);
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class="button button-secondary"
                data-testid="funnel-edit-steps"
                aria-pressed=move || analysis.page.editing_steps.get().to_string()
                on:click=move |_| analysis.page.editing_steps.update(|open| *open = !*open)
            >
                {move || {
                    state
                        .text(
                            if analysis.page.editing_steps.get() {
                                Text::DoneEditing
                            } else {
                                Text::EditSteps
                            },
                        )
                }}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="funnel-duplicate"
                on:click=duplicate
            >
                {state.tr(Text::FunnelDuplicate)}
            </button>
            <NewWorkshopFunnelButton />
            <button
                type="button"
                class="button button-danger"
                data-testid="funnel-delete"
                on:click=delete
            >
                {move || {
                    state
                        .text(
                            if confirming_delete.get() {
                                Text::ConfirmDelete
                            } else {
                                Text::FunnelDelete
                            },
                        )
                }}
            </button>
        </div>
    }
}

/// A select of one of the definition's choices: options are (file key, label); the definition
/// is read and written by key, so one compiled select serves every choice.
#[component]
fn ChoiceSelect(
    test_id: &'static str,
    label: Text,
    options: Vec<(&'static str, Text)>,
    read: fn(&FunnelDefinition) -> &'static str,
    write: fn(&mut FunnelDefinition, &str),
) -> impl IntoView {
    let state = use_app_state();
    let definition = state.funnels().definition;
    view! {
        <label class="control">
            <span class="control-label">{state.tr(label)}</span>
            <select
                data-testid=test_id
                prop:value=move || definition.with(|d| d.as_ref().map(read).unwrap_or_default())
                on:change=move |event| {
                    let key = event_target_value(&event);
                    edit_definition(state, |d| write(d, &key));
                }
            >
                {options
                    .into_iter()
                    .map(|(key, text)| view! { <option value=key>{state.tr(text)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The options of a choice: its keys with their labels.
fn options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    text: fn(T) -> Text,
) -> Vec<(&'static str, Text)> {
    all.iter()
        .map(|choice| (key(*choice), text(*choice)))
        .collect()
}

#[component]
pub fn DefinitionControls() -> impl IntoView {
    let state = use_app_state();
    let definition = state.funnels().definition;
    let is_manual =
        move || definition.with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()));
    view! {
        <section
            class="card funnel-definition"
            data-testid="funnel-definition"
            class:hidden=is_manual
        >
            <h2 class="card-title">{state.tr(Text::FunnelDefinitionTitle)}</h2>
            <div class="control-row">
                <ChoiceSelect
                    test_id="funnel-order"
                    label=Text::FunnelOrder
                    options=options(StepOrder::ALL, StepOrder::key, order_text)
                    read=|d| d.order.key()
                    write=|d, key| {
                        if let Some(order) = StepOrder::parse(key) {
                            set_order(d, order)
                        }
                    }
                />
                <WindowControl />
                <ChoiceSelect
                    test_id="funnel-percent-of"
                    label=Text::FunnelPercentOf
                    options=options(PercentBase::ALL, PercentBase::key, percent_base_text)
                    read=|d| d.percent_of.key()
                    write=|d, key| {
                        if let Some(base) = PercentBase::parse(key) {
                            set_percent_base(d, base)
                        }
                    }
                />
                <ChoiceSelect
                    test_id="funnel-unit"
                    label=Text::FunnelUnit
                    options=options(CountingUnit::ALL, CountingUnit::key, counting_unit_text)
                    read=|d| d.unit.key()
                    write=|d, key| {
                        if let Some(unit) = CountingUnit::parse(key) {
                            set_unit(d, unit)
                        }
                    }
                />
            </div>
            <PeriodControls />
        </section>
    }
}

/// The conversion window: an amount and a unit.
#[component]
fn WindowControl() -> impl IntoView {
    let state = use_app_state();
    let definition = state.funnels().definition;
    let window = move || definition.with(|d| d.as_ref().map(|d| d.window));
    view! {
        <div class="control">
            <span class="control-label" id="funnel-window-label">
                {state.tr(Text::FunnelWindow)}
            </span>
            <div class="control-pair">
                <input
                    type="number"
                    min="1"
                    max=MAX_WINDOW
                    step="1"
                    aria-labelledby="funnel-window-label"
                    data-testid="funnel-window-amount"
                    prop:value=move || window().map(|w| w.amount.to_string()).unwrap_or_default()
                    on:change=move |event| {
                        if let Ok(amount) = event_target_value(&event).trim().parse::<u32>() {
                            edit_definition(
                                state,
                                |d| {
                                    set_window_amount(d, amount);
                                },
                            );
                        }
                    }
                />
                <select
                    aria-labelledby="funnel-window-label"
                    data-testid="funnel-window-unit"
                    prop:value=move || window().map(|w| w.unit.key()).unwrap_or_default()
                    on:change=move |event| {
                        if let Some(unit) = WindowUnit::parse(&event_target_value(&event)) {
                            edit_definition(state, |d| set_window_unit(d, unit));
                        }
                    }
                >
                    {WindowUnit::ALL
                        .iter()
                        .map(|unit| {
                            view! {
                                <option value=unit
                                    .key()>{state.tr(window_unit_text(*unit))}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// The entry period: two dates and the quick periods that end on the data.
#[component]
fn PeriodControls() -> impl IntoView {
    let state = use_app_state();
    let definition = state.funnels().definition;
    let end_of_period = move |from_side: bool| {
        definition.with(|d| {
            d.as_ref()
                .and_then(|d| d.period)
                .map(|p| if from_side { p.from } else { p.to }.to_string())
                .unwrap_or_default()
        })
    };
    let set_end = move |from_side: bool, text: String| {
        if let Some(date) = parse_iso_date(&text) {
            edit_definition(state, |d| set_period_end(d, from_side, date));
        }
    };
    let quick = move |period: fn(CalendarDate) -> Period| {
        if let Some(end) = data_end_date(state) {
            edit_definition(state, |d| set_period(d, Some(period(end))));
        }
    };
    view! {
        <div class="control-row">
            <div class="control">
                <span class="control-label">{state.tr(Text::FunnelPeriod)}</span>
                <div class="control-pair">
                    <label class="sr-only" for="funnel-period-from">
                        {state.tr(Text::PeriodFrom)}
                    </label>
                    <input
                        type="date"
                        id="funnel-period-from"
                        data-testid="funnel-period-from"
                        prop:value=move || end_of_period(true)
                        on:change=move |event| set_end(true, event_target_value(&event))
                    />
                    <span aria-hidden="true">"–"</span>
                    <label class="sr-only" for="funnel-period-to">
                        {state.tr(Text::PeriodTo)}
                    </label>
                    <input
                        type="date"
                        id="funnel-period-to"
                        data-testid="funnel-period-to"
                        prop:value=move || end_of_period(false)
                        on:change=move |event| set_end(false, event_target_value(&event))
                    />
                </div>
            </div>
            <div class="actions actions-compact">
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="period-all"
                    on:click=move |_| edit_definition(state, |d| set_period(d, None))
                >
                    {state.tr(Text::PeriodAll)}
                </button>
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="period-last-quarter"
                    on:click=move |_| quick(last_full_quarter)
                >
                    {state.tr(Text::PeriodLastQuarter)}
                </button>
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="period-last-six-months"
                    on:click=move |_| quick(last_six_months)
                >
                    {state.tr(Text::PeriodLastSixMonths)}
                </button>
            </div>
        </div>
    }
}
