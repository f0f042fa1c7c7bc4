//! The chosen rep's cycle week by week: each field day's contacts grouped by account (the same
//! hospital on the same day, rules 20–21 of `docs/planning.md`); on a phone, a rep's week.

use leptos::prelude::*;

use super::labels::Names;
use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::calendar::{ScheduledContact, ScheduledDay};
use omnirx_core::i18n::{format_date, format_weekday_date, phrases, Language, Text};

/// An HCP's id and the channels it is seen through on a day.
type HcpChannels = (String, Vec<String>);

/// "仁和医院：王医生（拜访）、李医生（拜访、远程）" per account, in the day's order.
fn accounts(
    contacts: &[ScheduledContact],
    names: &Names,
    language: Language,
) -> Vec<(String, String)> {
    let (open, close, and) = match language {
        Language::SimplifiedChinese => ("（", "）", "、"),
        Language::English => (" (", ")", ", "),
    };
    let mut groups: Vec<(String, Vec<HcpChannels>)> = Vec::new();
    for contact in contacts {
        if groups
            .last()
            .is_none_or(|(account, _)| account != &contact.account_id)
        {
            groups.push((contact.account_id.clone(), Vec::new()));
        }
        let hcps = &mut groups.last_mut().expect("just pushed").1;
        let channel = names.channel(&contact.channel_id);
        match hcps.iter_mut().find(|(id, _)| id == &contact.hcp_id) {
            Some((_, channels)) => channels.push(channel),
            None => hcps.push((contact.hcp_id.clone(), vec![channel])),
        }
    }
    groups
        .into_iter()
        .map(|(account, hcps)| {
            let hcps = hcps
                .iter()
                .map(|(hcp, channels)| {
                    format!("{}{open}{}{close}", names.hcp(hcp), channels.join(and))
                })
                .collect::<Vec<_>>()
                .join(and);
            (names.account(&account), hcps)
        })
        .collect()
}

fn day_view(day: &ScheduledDay, names: &Names, language: Language) -> impl IntoView {
    let items = accounts(&day.contacts, names, language)
        .into_iter()
        .map(|(account, hcps)| {
            view! {
                <li>
                    <strong>{account}</strong>
                    " "
                    {hcps}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="plan-day" data-testid="plan-day">
            <h4>{format_weekday_date(day.date, language)}</h4>
            <ul>{items}</ul>
        </div>
    }
}

#[component]
pub fn WeekCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let body = move || {
        let language = state.language.get();
        let Some(schedule) = planning.schedule.get() else {
            return view! { <p class="muted">{state.text(Text::PlanChooseRep)}</p> }.into_any();
        };
        let names = names.get();
        let weeks = schedule
            .weeks
            .iter()
            .map(|week| {
                let days = week
                    .days
                    .iter()
                    .filter_map(|&d| schedule.days.get(d))
                    .filter(|d| !d.contacts.is_empty())
                    .map(|d| day_view(d, &names, language))
                    .collect_view();
                let title = phrases::plan_week(
                    language,
                    format_date(week.monday, language),
                    week.contacts,
                    week.accounts,
                );
                view! {
                    <section class="plan-week" data-testid="plan-week">
                        <h3>{title}</h3>
                        <div class="plan-days">{days}</div>
                    </section>
                }
            })
            .collect_view();
        let unplaced = (!schedule.unplaced.is_empty()).then(|| {
            let list = accounts(&schedule.unplaced, &names, language)
                .into_iter()
                .map(|(account, hcps)| format!("{account}: {hcps}"))
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <p class="alert alert-warning" data-testid="plan-unplaced">
                    {state.text(Text::PlanUnplaced)}
                    ": "
                    {list}
                </p>
            }
        });
        view! { <div>{weeks} {unplaced}</div> }.into_any()
    };
    view! {
        <section class="card plan-weeks" data-testid="plan-weeks">
            <h2>{state.tr(Text::PlanWeekTitle)}</h2>
            {body}
        </section>
    }
}
