//! An HCP's own minimum and maximum contacts through a channel per cycle (rule 7 of
//! `docs/planning.md`, `set_hcp_frequency`), set for one of the chosen rep's HCPs in place of
//! its segment's frequencies; the plan follows on the next optimisation.

use leptos::prelude::*;

use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::editing::{clear_hcp_frequency, set_hcp_frequency};
use omnirx_core::i18n::Text;

/// A count of contacts typed by the user (a number from 0; anything else reads as 0).
#[component]
fn CountInput(label: Text, testid: &'static str, count: RwSignal<u32>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="control">
            <span class="control-label">{state.tr(label)}</span>
            <input
                type="number"
                min="0"
                step="1"
                data-testid=testid
                prop:value=move || count.get().to_string()
                on:change=move |ev| {
                    count.set(event_target_value(&ev).trim().parse::<u32>().unwrap_or(0))
                }
            />
        </label>
    }
}

/// The limits already set, each with a button that removes it.
#[component]
fn LimitList() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let limits = move || planning.options.with(|o| o.goals.hcps.clone());
    view! {
        <Show
            when=move || !limits().is_empty()
            fallback=move || view! { <p class="muted">{state.tr(Text::PlanNoLimits)}</p> }
        >
            <ul class="plan-limits" data-testid="plan-limits">
                <For
                    each=limits
                    key=|l| (l.hcp_id.clone(), l.channel_id.clone(), l.min, l.max)
                    children=move |l| {
                        let names = names.get_untracked();
                        let text = format!(
                            "{} · {} · {}–{}",
                            names.hcp(&l.hcp_id),
                            names.channel(&l.channel_id),
                            l.min,
                            l.max,
                        );
                        view! {
                            <li data-testid="plan-limit">
                                {text} " "
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| {
                                        let (hcp, channel) = (
                                            l.hcp_id.clone(),
                                            l.channel_id.clone(),
                                        );
                                        planning
                                            .edit_options(move |o| {
                                                clear_hcp_frequency(&mut o.goals, &hcp, &channel)
                                            });
                                    }
                                >
                                    {state.tr(Text::PlanLimitRemove)}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

#[component]
pub fn LimitsCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let (hcp, channel) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (min, max) = (RwSignal::new(0u32), RwSignal::new(2u32));
    // The chosen rep's HCPs by name, and the plan's channels.
    let choices = move || {
        let rep = planning.choices.rep.get()?;
        let shown = planning.shown.get()?;
        let names = names.get();
        let mut hcps: Vec<(String, String)> = shown
            .plan
            .rows
            .iter()
            .filter(|r| r.rep_id == rep)
            .map(|r| (r.hcp_id.clone(), names.hcp(&r.hcp_id)))
            .collect();
        hcps.sort_by(|a, b| a.1.cmp(&b.1));
        let channels: Vec<(String, String)> = shown
            .plan
            .channels
            .iter()
            .map(|c| (c.channel_id.clone(), names.channel(&c.channel_id)))
            .collect();
        Some((hcps, channels))
    };
    let options = |items: Vec<(String, String)>| {
        items
            .into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view()
    };
    let set = move |_| {
        let (h, c) = (hcp.get_untracked(), channel.get_untracked());
        let fallback = choices();
        let h = if h.is_empty() {
            fallback
                .as_ref()
                .and_then(|f| f.0.first().map(|x| x.0.clone()))
                .unwrap_or_default()
        } else {
            h
        };
        let c = if c.is_empty() {
            fallback
                .as_ref()
                .and_then(|f| f.1.first().map(|x| x.0.clone()))
                .unwrap_or_default()
        } else {
            c
        };
        if h.is_empty() || c.is_empty() {
            return;
        }
        let (lo, hi) = (min.get_untracked(), max.get_untracked());
        planning.edit_options(move |o| set_hcp_frequency(&mut o.goals, &h, &c, lo, hi));
    };
    move || {
        let (hcps, channels) = choices()?;
        Some(view! {
            <section class="card plan-limits-card no-print" data-testid="plan-limits-card">
                <h2>{state.tr(Text::PlanLimitsTitle)}</h2>
                <p class="muted small">{state.tr(Text::PlanLimitsHint)}</p>
                <LimitList />
                <div class="control-row">
                    <label class="control">
                        <span class="control-label">{state.tr(Text::PlanHcp)}</span>
                        <select
                            data-testid="plan-limit-hcp"
                            on:change=move |ev| hcp.set(event_target_value(&ev))
                        >
                            {options(hcps)}
                        </select>
                    </label>
                    <label class="control">
                        <span class="control-label">{state.tr(Text::PlanChannel)}</span>
                        <select
                            data-testid="plan-limit-channel"
                            on:change=move |ev| channel.set(event_target_value(&ev))
                        >
                            {options(channels)}
                        </select>
                    </label>
                    <CountInput label=Text::PlanMin testid="plan-limit-min" count=min />
                    <CountInput label=Text::PlanMax testid="plan-limit-max" count=max />
                    <button
                        type="button"
                        class="button button-secondary"
                        data-testid="plan-limit-set"
                        on:click=set
                    >
                        {state.tr(Text::PlanLimitSet)}
                    </button>
                </div>
            </section>
        })
    }
}
