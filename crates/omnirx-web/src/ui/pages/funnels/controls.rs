//! The funnel picker and the definition's settings: order, window, entry period, percentages, unit.

use leptos::prelude::*;

use super::edit_definition;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::funnel::{
    parse_iso_date, quarter_containing, ConversionWindow, CountingUnit, FunnelDefinition,
    FunnelStep, PercentBase, Period, StepCondition, StepOrder, WindowUnit,
};
use omnirx_core::domain::model::Workspace;
use omnirx_core::i18n::Text;

/// `base`, or `base-2`, `base-3`… whichever no funnel of the workspace uses yet.
pub fn unused_funnel_id(workspace: &Workspace, base: &str) -> String {
    let taken = |id: &str| workspace.funnels.iter().any(|f| f.id == id);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

fn date_text(date: CalendarDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

fn plus_days(date: CalendarDate, days: i64) -> CalendarDate {
    CalendarDate::from_days_since_unix_epoch(date.days_since_unix_epoch() + days)
}

/// The last local day of the data, from the funnel index.
fn data_end_date(state: AppState) -> Option<CalendarDate> {
    state.funnels.index.with_untracked(|index| {
        let index = index.as_ref()?;
        Some(index.local_date(index.data_end?))
    })
}

#[component]
pub fn NewWorkshopFunnelButton() -> impl IntoView {
    let state = use_app_state();
    let create = move |_| {
        let language = state.language.get_untracked();
        let names = match language {
            omnirx_core::i18n::Language::SimplifiedChinese => {
                ["认知", "兴趣", "考虑", "试用处方", "持续处方"]
            }
            omnirx_core::i18n::Language::English => [
                "Awareness",
                "Interest",
                "Consideration",
                "Trial",
                "Adoption",
            ],
        };
        let name = omnirx_core::i18n::text(language, Text::WorkshopFunnelName).to_string();
        let mut new_id = String::new();
        state.session.edit_analyses(|workspace| {
            let id = unused_funnel_id(workspace, "f-workshop");
            new_id = id.clone();
            workspace.funnels.push(FunnelDefinition {
                id,
                name,
                steps: names
                    .iter()
                    .map(|name| FunnelStep {
                        name: name.to_string(),
                        condition: StepCondition::any_interaction(),
                    })
                    .collect(),
                unit: CountingUnit::Hcp,
                order: StepOrder::Ordered,
                window: ConversionWindow::default(),
                period: None,
                percent_of: PercentBase::FirstStep,
                manual_counts: Some(vec![1000, 600, 300, 120, 50]),
            });
        });
        if !new_id.is_empty() {
            state.funnels.page.selected_funnel.set(Some(new_id));
        }
    };
    view! {
        <button type="button" class="button button-secondary" data-testid="funnel-new-workshop" on:click=create>
            {state.tr(Text::FunnelNewWorkshop)}
        </button>
    }
}

#[component]
pub fn FunnelPicker() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels;
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
    let duplicate = move |_| {
        let Some(mut copy) = analysis.definition.get_untracked() else {
            return;
        };
        let suffix = omnirx_core::i18n::text(state.language.get_untracked(), Text::CopySuffix);
        let mut new_id = String::new();
        state.session.edit_analyses(|workspace| {
            copy.id = unused_funnel_id(workspace, &copy.id);
            copy.name.push_str(suffix);
            new_id = copy.id.clone();
            workspace.funnels.push(copy);
        });
        analysis.page.selected_funnel.set(Some(new_id));
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
            .edit_analyses(move |workspace| workspace.funnels.retain(|f| f.id != id));
        analysis.page.selected_funnel.set(None);
    };
    view! {
        <section class="card funnel-picker" data-testid="funnel-picker">
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::FunnelChoose)}</span>
                    <select
                        data-testid="funnel-select"
                        prop:value=current_id
                        on:change=move |event| analysis.page.selected_funnel.set(Some(event_target_value(&event)))
                    >
                        {move || funnels().into_iter().map(|(id, name)| {
                            let selected = id == current_id();
                            view! { <option value=id.clone() selected=selected>{name}</option> }
                        }).collect_view()}
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
                            let name = event_target_value(&event).trim().to_string();
                            if !name.is_empty() {
                                edit_definition(state, |d| d.name = name);
                            }
                        }
                    />
                </label>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="funnel-edit-steps"
                    aria-pressed=move || analysis.page.editing_steps.get().to_string()
                    on:click=move |_| analysis.page.editing_steps.update(|open| *open = !*open)
                >
                    {move || state.text(if analysis.page.editing_steps.get() { Text::DoneEditing } else { Text::EditSteps })}
                </button>
                <button type="button" class="button button-secondary" data-testid="funnel-duplicate" on:click=duplicate>
                    {state.tr(Text::FunnelDuplicate)}
                </button>
                <NewWorkshopFunnelButton/>
                <button type="button" class="button button-danger" data-testid="funnel-delete" on:click=delete>
                    {move || state.text(if confirming_delete.get() { Text::ConfirmDelete } else { Text::FunnelDelete })}
                </button>
            </div>
        </section>
    }
}

fn order_key(order: StepOrder) -> &'static str {
    match order {
        StepOrder::Ordered => "ordered",
        StepOrder::Strict => "strict",
        StepOrder::Any => "any",
    }
}

fn window_unit_key(unit: WindowUnit) -> &'static str {
    match unit {
        WindowUnit::Days => "days",
        WindowUnit::Weeks => "weeks",
        WindowUnit::Months => "months",
    }
}

#[component]
pub fn DefinitionControls() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels;
    let definition = analysis.definition;
    let read = move |f: fn(&FunnelDefinition) -> String| {
        definition.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let is_manual =
        move || definition.with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()));
    let set_period = move |period: Option<Period>| edit_definition(state, |d| d.period = period);
    let set_period_side = move |from_side: bool, text: String| {
        let Some(date) = parse_iso_date(&text) else {
            return;
        };
        let (mut from, mut to) = definition
            .with_untracked(|d| d.as_ref().and_then(|d| d.period))
            .map(|p| (p.from, p.to))
            .unwrap_or((date, date));
        if from_side {
            from = date;
        } else {
            to = date;
        }
        // A reversed range is read the way it was meant.
        if to < from {
            std::mem::swap(&mut from, &mut to);
        }
        set_period(Some(Period { from, to }));
    };
    let last_quarter = move |_| {
        let Some(end) = data_end_date(state) else {
            return;
        };
        let quarter = quarter_containing(end);
        let period = if quarter.to == end {
            quarter
        } else {
            quarter_containing(plus_days(quarter.from, -1))
        };
        set_period(Some(period));
    };
    let last_six_months = move |_| {
        let Some(end) = data_end_date(state) else {
            return;
        };
        let month = omnirx_core::domain::time::Month::new(end.year, end.month)
            .expect("a real date")
            .plus(-6);
        let start = CalendarDate::new(month.year, month.month, end.day.min(month.day_count()))
            .expect("a clamped day exists");
        set_period(Some(Period {
            from: plus_days(start, 1),
            to: end,
        }));
    };
    view! {
        <section class="card funnel-definition" data-testid="funnel-definition" class:hidden=is_manual>
            <h2 class="card-title">{state.tr(Text::FunnelDefinitionTitle)}</h2>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::FunnelOrder)}</span>
                    <select
                        data-testid="funnel-order"
                        prop:value=move || read(|d| order_key(d.order).to_string())
                        on:change=move |event| {
                            let order = match event_target_value(&event).as_str() {
                                "strict" => StepOrder::Strict,
                                "any" => StepOrder::Any,
                                _ => StepOrder::Ordered,
                            };
                            edit_definition(state, |d| d.order = order);
                        }
                    >
                        <option value="ordered">{state.tr(Text::OrderOrdered)}</option>
                        <option value="strict">{state.tr(Text::OrderStrict)}</option>
                        <option value="any">{state.tr(Text::OrderAny)}</option>
                    </select>
                </label>
                <div class="control">
                    <span class="control-label" id="funnel-window-label">{state.tr(Text::FunnelWindow)}</span>
                    <div class="control-pair">
                        <input
                            type="number"
                            min="1"
                            max="3650"
                            step="1"
                            aria-labelledby="funnel-window-label"
                            data-testid="funnel-window-amount"
                            prop:value=move || read(|d| d.window.amount.to_string())
                            on:change=move |event| {
                                if let Ok(amount) = event_target_value(&event).trim().parse::<u32>() {
                                    if (1..=3650).contains(&amount) {
                                        edit_definition(state, |d| d.window.amount = amount);
                                    }
                                }
                            }
                        />
                        <select
                            aria-labelledby="funnel-window-label"
                            data-testid="funnel-window-unit"
                            prop:value=move || read(|d| window_unit_key(d.window.unit).to_string())
                            on:change=move |event| {
                                let unit = match event_target_value(&event).as_str() {
                                    "days" => WindowUnit::Days,
                                    "weeks" => WindowUnit::Weeks,
                                    _ => WindowUnit::Months,
                                };
                                edit_definition(state, |d| d.window.unit = unit);
                            }
                        >
                            <option value="days">{state.tr(Text::WindowDays)}</option>
                            <option value="weeks">{state.tr(Text::WindowWeeks)}</option>
                            <option value="months">{state.tr(Text::WindowMonths)}</option>
                        </select>
                    </div>
                </div>
                <label class="control">
                    <span class="control-label">{state.tr(Text::FunnelPercentOf)}</span>
                    <select
                        data-testid="funnel-percent-of"
                        prop:value=move || read(|d| match d.percent_of { PercentBase::FirstStep => "first", PercentBase::PreviousStep => "previous" }.to_string())
                        on:change=move |event| {
                            let base = if event_target_value(&event) == "previous" { PercentBase::PreviousStep } else { PercentBase::FirstStep };
                            edit_definition(state, |d| d.percent_of = base);
                        }
                    >
                        <option value="first">{state.tr(Text::PercentFirst)}</option>
                        <option value="previous">{state.tr(Text::PercentPrevious)}</option>
                    </select>
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::FunnelUnit)}</span>
                    <select
                        data-testid="funnel-unit"
                        prop:value=move || read(|d| match d.unit { CountingUnit::Hcp => "hcp", CountingUnit::Account => "account" }.to_string())
                        on:change=move |event| {
                            let unit = if event_target_value(&event) == "account" { CountingUnit::Account } else { CountingUnit::Hcp };
                            edit_definition(state, |d| d.unit = unit);
                        }
                    >
                        <option value="hcp">{state.tr(Text::UnitHcp)}</option>
                        <option value="account">{state.tr(Text::UnitAccount)}</option>
                    </select>
                </label>
            </div>
            <div class="control-row">
                <div class="control">
                    <span class="control-label">{state.tr(Text::FunnelPeriod)}</span>
                    <div class="control-pair">
                        <label class="sr-only" for="funnel-period-from">{state.tr(Text::PeriodFrom)}</label>
                        <input
                            type="date"
                            id="funnel-period-from"
                            data-testid="funnel-period-from"
                            prop:value=move || definition.with(|d| d.as_ref().and_then(|d| d.period).map(|p| date_text(p.from)).unwrap_or_default())
                            on:change=move |event| set_period_side(true, event_target_value(&event))
                        />
                        <span aria-hidden="true">"–"</span>
                        <label class="sr-only" for="funnel-period-to">{state.tr(Text::PeriodTo)}</label>
                        <input
                            type="date"
                            id="funnel-period-to"
                            data-testid="funnel-period-to"
                            prop:value=move || definition.with(|d| d.as_ref().and_then(|d| d.period).map(|p| date_text(p.to)).unwrap_or_default())
                            on:change=move |event| set_period_side(false, event_target_value(&event))
                        />
                    </div>
                </div>
                <div class="actions actions-compact">
                    <button type="button" class="button button-small button-secondary" data-testid="period-all" on:click=move |_| set_period(None)>
                        {state.tr(Text::PeriodAll)}
                    </button>
                    <button type="button" class="button button-small button-secondary" data-testid="period-last-quarter" on:click=last_quarter>
                        {state.tr(Text::PeriodLastQuarter)}
                    </button>
                    <button type="button" class="button button-small button-secondary" data-testid="period-last-six-months" on:click=last_six_months>
                        {state.tr(Text::PeriodLastSixMonths)}
                    </button>
                </div>
            </div>
        </section>
    }
}
