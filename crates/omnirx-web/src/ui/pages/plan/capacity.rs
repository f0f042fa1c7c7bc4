//! Each rep's field days, capacity, planned load and utilisation per channel and in visit slots
//! (rules 1–4 of `docs/planning.md`), and the capacity settings: the team's per channel, or the
//! chosen rep's own numbers and days off.

use leptos::prelude::*;

use super::labels::{percent, typed_number};
use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::planning::editing::{
    add_day_off, remove_day_off, set_rep_capacity, set_team_capacity, set_visit_slots,
};
use omnirx_core::domain::planning::optimise::RepPlan;
use omnirx_core::i18n::{format_integer, Language, Text};

/// "12 / 20 · 60 %", marked when over capacity.
fn load(
    planned: f64,
    capacity: f64,
    utilisation: Option<f64>,
    language: Language,
) -> impl IntoView {
    let over = utilisation.is_some_and(|u| u > 1.0 + 1e-9);
    let whole = |v: f64| format_integer(v.round() as i64, language);
    view! {
        <span class=if over {
            "load over"
        } else {
            "load"
        }>
            {format!("{} / {}", whole(planned), whole(capacity))} <br />
            <span class="muted">{percent(utilisation, language)}</span>
        </span>
    }
}

fn rep_row(rep: &RepPlan, name: String, channels: &[String], language: Language) -> impl IntoView {
    let label = |key: Text| omnirx_core::i18n::text(language, key);
    let cells = rep
        .channels
        .iter()
        .zip(channels)
        .map(|(c, channel)| {
            view! {
                <td class="number" data-label=channel.clone() data-testid="plan-channel-load">
                    {load(f64::from(c.planned), f64::from(c.capacity), c.utilisation, language)}
                </td>
            }
        })
        .collect_view();
    view! {
        <tr data-testid="plan-capacity-row">
            <th scope="row">{name}</th>
            <td class="number" data-label=label(Text::PlanFieldDays)>
                {format_integer(i64::from(rep.field_days), language)}
            </td>
            <td class="number" data-label=label(Text::PlanVisitSlots)>
                {load(
                    rep.visit_slots_planned,
                    rep.visit_slots,
                    rep.visit_slot_utilisation,
                    language,
                )}
            </td>
            {cells}
        </tr>
    }
}

#[component]
pub fn CapacityCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let table = move || {
        let language = state.language.get();
        let shown = planning.shown.get()?;
        let names = names.get();
        let rep = planning.choices.rep.get();
        let channels: Vec<String> = shown
            .plan
            .channels
            .iter()
            .map(|c| names.channel(&c.channel_id))
            .collect();
        let heads = channels
            .iter()
            .map(|c| {
                view! {
                    <th scope="col" class="number">
                        {c.clone()}
                    </th>
                }
            })
            .collect_view();
        let rows = shown
            .plan
            .reps
            .iter()
            .filter(|r| rep.as_ref().is_none_or(|id| &r.rep_id == id))
            .map(|r| rep_row(r, names.rep(&r.rep_id), &channels, language))
            .collect_view();
        let label = |key: Text| omnirx_core::i18n::text(language, key);
        Some(view! {
            <div class="table-scroll">
                <table class="table cards-on-phone" data-testid="plan-capacity-table">
                    <thead>
                        <tr>
                            <th scope="col">{label(Text::PlanRep)}</th>
                            <th scope="col" class="number">
                                {label(Text::PlanFieldDays)}
                            </th>
                            <th scope="col" class="number">
                                {label(Text::PlanVisitSlots)}
                            </th>
                            {heads}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card plan-capacity" data-testid="plan-capacity">
            <h2>{state.tr(Text::PlanCapacityTitle)}</h2>
            {table}
            <CapacitySettings />
            <SlotCosts />
        </section>
    }
}

/// Contacts per field day and visit-slot cost per channel: the team's, or the chosen rep's.
#[component]
fn CapacitySettings() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    move || {
        let shown = planning.shown.get()?;
        let names = names.get();
        let rep = planning.choices.rep.get();
        let rules = shown.capacity.clone();
        let (slots, channels) = match &rep {
            Some(id) => rules.daily_for(id),
            None => (rules.visit_slots_per_day, rules.channels.clone()),
        };
        let rows = channels
            .into_iter()
            .map(|c| {
                let (id, id2, rep) = (c.channel_id.clone(), c.channel_id.clone(), rep.clone());
                let cost = c.visit_slot_cost;
                view! {
                    <label class="control">
                        <span class="control-label">{names.channel(&c.channel_id)}</span>
                        <input
                            type="number"
                            min="0"
                            step="1"
                            data-testid="plan-capacity-input"
                            data-channel=id2
                            prop:value=c.per_field_day.to_string()
                            on:change=move |ev| {
                                let value = typed_number(&event_target_value(&ev));
                                let (id, rep) = (id.clone(), rep.clone());
                                planning
                                    .edit_options(move |o| {
                                        let Some(rules) = o.capacity.as_mut() else { return };
                                        match (&rep, value) {
                                            (Some(rep), value) => {
                                                set_rep_capacity(rules, rep, &id, value)
                                            }
                                            (None, Some(v)) => set_team_capacity(rules, &id, v, cost),
                                            (None, None) => {}
                                        }
                                    });
                            }
                        />
                    </label>
                }
            })
            .collect_view();
        let rep_for_slots = rep.clone();
        let title = if rep.is_some() {
            Text::PlanRepCapacity
        } else {
            Text::PlanTeamCapacity
        };
        Some(view! {
            <fieldset class="plan-settings no-print" data-testid="plan-capacity-settings">
                <legend>{state.text(title)}</legend>
                <label class="control">
                    <span class="control-label">{state.text(Text::PlanSlotsPerDay)}</span>
                    <input
                        type="number"
                        min="0"
                        step="1"
                        data-testid="plan-slots-input"
                        prop:value=slots.to_string()
                        on:change=move |ev| {
                            let value = typed_number(&event_target_value(&ev));
                            let rep = rep_for_slots.clone();
                            planning
                                .edit_options(move |o| {
                                    let Some(rules) = o.capacity.as_mut() else { return };
                                    set_visit_slots(rules, rep.as_deref(), value);
                                });
                        }
                    />
                </label>
                {rows}
                {rep.map(|rep| view! { <DaysOff rep=rep /> })}
            </fieldset>
        })
    }
}

/// A rep's days off the field in the cycle, as dates separated by commas.
#[component]
fn DaysOff(rep: String) -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let current = {
        let rep = rep.clone();
        move || {
            planning.shown.with(|s| {
                s.as_ref()
                    .map(|s| {
                        let days: Vec<String> = s
                            .capacity
                            .days_off(&rep)
                            .iter()
                            .map(|d| d.to_string())
                            .collect();
                        days.join(", ")
                    })
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <label class="control control-wide">
            <span class="control-label">{state.tr(Text::PlanDaysOff)}</span>
            <input
                type="text"
                data-testid="plan-days-off"
                prop:value=current
                on:change=move |ev| {
                    let dates: Vec<CalendarDate> = event_target_value(&ev)
                        .split([',', '，', ' ', ';'])
                        .filter_map(|d| omnirx_core::domain::iso_dates::parse_iso_date(d.trim()))
                        .collect();
                    let rep = rep.clone();
                    planning
                        .edit_options(move |o| {
                            let Some(rules) = o.capacity.as_mut() else { return };
                            for day in rules.days_off(&rep).to_vec() {
                                remove_day_off(rules, &rep, day);
                            }
                            for day in dates {
                                add_day_off(rules, &rep, day);
                            }
                        });
                }
            />
        </label>
    }
}

/// What one contact through each channel costs of a visit slot (a remote detailing ½ by
/// default), for the team.
#[component]
fn SlotCosts() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    move || {
        if planning.choices.rep.with(Option::is_some) {
            return None;
        }
        let shown = planning.shown.get()?;
        let names = names.get();
        let inputs = shown
            .capacity
            .channels
            .iter()
            .map(|c| {
                let (id, per_field_day) = (c.channel_id.clone(), c.per_field_day);
                view! {
                    <label class="control">
                        <span class="control-label">{names.channel(&c.channel_id)}</span>
                        <input
                            type="number"
                            min="0"
                            max="4"
                            step="0.25"
                            data-testid="plan-slot-cost-input"
                            prop:value=c.visit_slot_cost.to_string()
                            on:change=move |ev| {
                                let Some(cost) = typed_number(&event_target_value(&ev)) else {
                                    return;
                                };
                                let id = id.clone();
                                planning
                                    .edit_options(move |o| {
                                        if let Some(rules) = o.capacity.as_mut() {
                                            set_team_capacity(rules, &id, per_field_day, cost);
                                        }
                                    });
                            }
                        />
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="plan-settings no-print" data-testid="plan-slot-costs">
                <legend>{state.text(Text::PlanSlotCost)}</legend>
                {inputs}
            </fieldset>
        })
    }
}
