//! One customer's page: who they are, where they stand in the funnel, and their latest interactions.

use leptos::prelude::*;

use super::funnels::{kind_text, outcome_text};
use crate::i18n::{format_date, format_integer, Text};
use crate::ui::route::Page;
use crate::ui::state::use_app_state;

/// Interactions listed, newest first.
const RECENT: usize = 30;

#[component]
pub fn CustomerPage(id: String) -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels;
    let id_for_facts = id.clone();
    let facts = move || {
        let id = id_for_facts.clone();
        state.session.workspace.with(move |w| {
            let w = w.as_ref()?;
            let account_name = |account_id: &str| {
                w.accounts
                    .iter()
                    .find(|a| a.id == account_id)
                    .map(|a| (a.name.clone(), a.region_id.clone()))
            };
            let region_name = |region_id: &str| {
                w.regions
                    .iter()
                    .find(|r| r.id == region_id)
                    .map(|r| r.name.clone())
                    .unwrap_or_default()
            };
            if let Some(hcp) = w.hcps.iter().find(|h| h.id == id) {
                let (account, region) = account_name(&hcp.account_id).unwrap_or_default();
                return Some((
                    hcp.name.clone(),
                    account,
                    region_name(&region),
                    Some(hcp.prescribing_potential),
                    None,
                ));
            }
            let account = w.accounts.iter().find(|a| a.id == id)?;
            let hcps = w.hcps.iter().filter(|h| h.account_id == id).count();
            Some((
                account.name.clone(),
                String::new(),
                region_name(&account.region_id),
                None,
                Some(hcps),
            ))
        })
    };
    let id_for_position = id.clone();
    let position = move || {
        let language = state.language.get();
        let index = analysis.index.get()?;
        let run = analysis.run.get()?;
        let names: Vec<String> = analysis.summary.with(|s| {
            s.as_ref()
                .map(|s| s.steps.iter().map(|step| step.name.clone()).collect())
                .unwrap_or_default()
        });
        let entity = index
            .entities
            .iter()
            .position(|e| e.id == id_for_position)? as u32;
        let trace = run.traces.iter().find(|t| t.entity == entity);
        Some(match trace {
            None => view! { <p class="muted" data-testid="customer-not-in-funnel">{state.text(Text::CustomerNotInFunnel)}</p> }.into_any(),
            Some(trace) => {
                let reached = usize::from(trace.reached);
                view! {
                    <ol class="funnel-position" data-testid="customer-funnel-position">
                        {names.into_iter().enumerate().map(|(step, name)| {
                            let done = step < reached;
                            let when = done.then(|| format_date(crate::domain::time::Timestamp(trace.times[step] + index.utc_offset).date(), language));
                            view! {
                                <li class:step-done=done data-testid="customer-step" data-reached=done.to_string()>
                                    <span>{name}</span>
                                    {when.map(|when| view! { <span class="muted">{format!(" · {} {}", state.text(Text::CustomerReached), when)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }
        })
    };
    let id_for_interactions = id.clone();
    let interactions = move || {
        let language = state.language.get();
        let id = id_for_interactions.clone();
        state.session.workspace.with(move |w| {
            let w = w.as_ref()?;
            let account_hcps: Vec<&str> = w.hcps.iter().filter(|h| h.account_id == id).map(|h| h.id.as_str()).collect();
            let mut list: Vec<_> = w.interactions.iter()
                .filter(|i| i.hcp_id == id || account_hcps.contains(&i.hcp_id.as_str()))
                .collect();
            list.sort_by(|a, b| b.at.cmp(&a.at));
            let channel_name = |channel_id: &str| w.channels.iter().find(|c| c.id == channel_id).map(|c| c.name.clone()).unwrap_or_default();
            let offset = crate::domain::time_zone::fixed_utc_offset_seconds(&w.settings.time_zone).unwrap_or(0);
            Some(view! {
                <div class="table-scroll">
                    <table class="table" data-testid="customer-interactions">
                        <thead><tr>
                            <th scope="col">{state.text(Text::ColumnDate)}</th>
                            <th scope="col">{state.text(Text::ColumnChannel)}</th>
                            <th scope="col">{state.text(Text::ColumnKind)}</th>
                            <th scope="col">{state.text(Text::ColumnOutcome)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().take(RECENT).map(|i| view! {
                                <tr>
                                    <td>{format_date(crate::domain::time::Timestamp(i.at.0 + offset).date(), language)}</td>
                                    <td>{channel_name(&i.channel_id)}</td>
                                    <td>{state.text(kind_text(i.kind))}</td>
                                    <td>{state.text(outcome_text(i.outcome))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <article class="page" data-testid="page-customer">
            {move || match facts() {
                None => view! {
                    <h1>{state.text(Text::PageCustomers)}</h1>
                    <p data-testid="customer-not-found">{state.text(Text::CustomerNotFound)}</p>
                    <a class="button button-secondary" href=Page::Customers.href()>{state.text(Text::CustomerBack)}</a>
                }.into_any(),
                Some((name, account, region, potential, hcp_count)) => {
                    let language = state.language.get();
                    view! {
                        <div class="page-heading"><h1 data-testid="customer-name">{name}</h1></div>
                        <section class="card">
                            <dl class="facts">
                                {(!account.is_empty()).then(|| view! { <dt>{state.text(Text::CustomerAccount)}</dt><dd data-testid="customer-account">{account.clone()}</dd> })}
                                <dt>{state.text(Text::CustomerRegion)}</dt><dd>{region.clone()}</dd>
                                {potential.map(|p| view! { <dt>{state.text(Text::CustomerPotential)}</dt><dd>{format_integer(p, language)}</dd> })}
                                {hcp_count.map(|c| view! { <dt>{state.text(Text::CustomerHcpCount)}</dt><dd>{format_integer(c as i64, language)}</dd> })}
                            </dl>
                        </section>
                    }.into_any()
                }
            }}
            <section class="card">
                <h2 class="card-title">
                    {state.tr(Text::CustomerFunnelPosition)}
                    {move || analysis.definition.with(|d| d.as_ref().map(|d| format!(" · {}", d.name)))}
                </h2>
                {position}
                <a href=Page::Funnels.href()>{state.tr(Text::OverviewFunnelLink)}</a>
            </section>
            <section class="card">
                <h2 class="card-title">{state.tr(Text::CustomerInteractions)}</h2>
                {interactions}
            </section>
        </article>
    }
}
