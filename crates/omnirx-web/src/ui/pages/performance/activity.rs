//! Rep activity KPIs per rep, territory, region or team, and the customers to follow up: key
//! customers longest without contact and targets not contacted in the period.

use leptos::prelude::*;

use super::labels;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::model::InteractionKind;
use omnirx_core::domain::performance::activity::KeyCustomer;
use omnirx_core::domain::performance::{ActivityDimension, ActivityRow};
use omnirx_core::i18n::{format_date, format_integer, phrases, text, Language, Text};
use omnirx_core::view::labels::kind_text;

/// The interactions by channel, largest first ("Visit 1,234 · WeChat 800 · …"), and by kind.
fn mix(row: &ActivityRow, channels: &[String], language: Language) -> (String, String) {
    let top = |counts: Vec<(String, u32)>, take: usize| {
        let mut counts: Vec<(String, u32)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
            .iter()
            .take(take)
            .map(|(name, n)| format!("{name} {}", format_integer(i64::from(*n), language)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let by_channel = row
        .by_channel
        .iter()
        .enumerate()
        .map(|(i, n)| (channels.get(i).cloned().unwrap_or_default(), *n))
        .collect();
    let by_kind = row
        .by_kind
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                text(language, kind_text(InteractionKind::ALL[i])).to_string(),
                *n,
            )
        })
        .collect();
    (top(by_channel, 3), top(by_kind, 4))
}

fn activity_row(
    row: ActivityRow,
    channels: &[String],
    language: Language,
    total: bool,
) -> impl IntoView {
    let label = move |key: Text| text(language, key);
    let whole = move |v: u32| format_integer(i64::from(v), language);
    let (by_channel, by_kind) = mix(&row, channels, language);
    view! {
        <tr data-testid="performance-activity-row" class=if total { "row-total" } else { "" }>
            <th scope="row">{row.name.clone()}</th>
            <td class="number" data-label=label(Text::PerfReps)>
                {whole(row.reps)}
            </td>
            <td class="number" data-label=label(Text::PerfCallsPerDay)>
                {labels::decimal(row.calls_per_field_day)}
            </td>
            <td class="number" data-label=label(Text::PerfReach) data-testid="performance-reach">
                {labels::percent(row.reach, language)}
            </td>
            <td class="number" data-label=label(Text::PerfFrequency)>
                {labels::decimal(row.frequency)}
            </td>
            <td class="number" data-label=label(Text::PerfKeyCoverage)>
                {labels::percent(row.key_coverage, language)}
            </td>
            <td class="number" data-label=label(Text::PerfDigitalShare)>
                {labels::percent(row.digital_share, language)}
            </td>
            <td class="number" data-label=label(Text::PerfTargets)>
                {whole(row.targets)}
            </td>
            <td data-label=label(Text::PerfByChannel) class="mix">
                {by_channel}
                <br />
                <span class="muted">{by_kind}</span>
            </td>
            <td class="number" data-label=label(Text::PerfNeverContacted)>
                {whole(row.never_contacted)}
            </td>
        </tr>
    }
}

#[component]
pub fn ActivityCard() -> impl IntoView {
    let state = use_app_state();
    let choices = state.performance().choices;
    let by_key = |d: ActivityDimension| match d {
        ActivityDimension::Rep => "rep",
        ActivityDimension::Territory => "territory",
        ActivityDimension::Region => "region",
        ActivityDimension::Team => "team",
    };
    let info = move || {
        let table = state.performance().activity.get()?;
        let language = state.language.get();
        Some(if table.no_working_days {
            view! {
                <p class="alert alert-warning" data-testid="performance-no-working-days">
                    {state.text(Text::PerfNoWorkingDays)}
                </p>
            }
            .into_any()
        } else {
            let planned = format!("{:.1}", table.key_planned);
            view! { <p class="muted">{phrases::perf_field_days(language, table.total.field_days, planned)}</p> }.into_any()
        })
    };
    let body = move || {
        let table = state.performance().activity.get()?;
        let language = state.language.get();
        let channels: Vec<String> = state.session.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| w.channels.iter().map(|c| c.name.clone()).collect())
                .unwrap_or_default()
        });
        let mut rows: Vec<_> = table
            .rows
            .iter()
            .cloned()
            .map(|row| activity_row(row, &channels, language, false).into_any())
            .collect();
        if table.rows.len() > 1 {
            rows.push(activity_row(table.total.clone(), &channels, language, true).into_any());
        }
        Some(rows.collect_view())
    };
    view! {
        <section class="card" data-testid="performance-activity">
            <h2 class="card-title">{state.tr(Text::PerfActivityTitle)}</h2>
            <label class="control">
                <span class="control-label">{state.tr(Text::PerfActivityBy)}</span>
                <select
                    data-testid="performance-activity-by"
                    prop:value=move || by_key(choices.activity_by.get())
                    on:change=move |event| {
                        let key = event_target_value(&event);
                        if let Some(d) = ActivityDimension::ALL
                            .into_iter()
                            .find(|d| by_key(*d) == key)
                        {
                            choices.activity_by.set(d);
                        }
                    }
                >
                    {ActivityDimension::ALL
                        .into_iter()
                        .map(|d| {
                            view! {
                                <option value=by_key(
                                    d,
                                )>{state.tr(labels::activity_dimension(d))}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {info}
            <div class="table-scroll">
                <table class="table cards-on-phone" data-testid="performance-activity-table">
                    <thead>
                        <tr>
                            <th scope="col">
                                {move || {
                                    state
                                        .text(labels::activity_dimension(choices.activity_by.get()))
                                }}
                            </th>
                            {labels::header_cells(
                                &[
                                    Text::PerfReps,
                                    Text::PerfCallsPerDay,
                                    Text::PerfReach,
                                    Text::PerfFrequency,
                                    Text::PerfKeyCoverage,
                                    Text::PerfDigitalShare,
                                    Text::PerfTargets,
                                    Text::PerfByChannel,
                                    Text::PerfNeverContacted,
                                ],
                            )}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

fn customer_list(
    state: AppState,
    title: Text,
    count: usize,
    customers: Vec<KeyCustomer>,
    testid: &'static str,
) -> impl IntoView {
    let language = state.language.get();
    view! {
        <div class="follow-up-list" data-testid=testid>
            <h3>{state.text(title)} " (" {format_integer(count as i64, language)} ")"</h3>
            <ul class="plain-list">
                {customers
                    .into_iter()
                    .map(|c| {
                        let when = c
                            .last_contact
                            .map_or(
                                state.text(Text::PerfNever).to_string(),
                                |d| format_date(d, language),
                            );
                        let days = c
                            .days_since
                            .map(|d| format!(" · {} {}", state.text(Text::PerfDaysSince), d));
                        view! {
                            <li>
                                <a href=omnirx_core::view::route::Route::customer_href(
                                    &c.hcp_id,
                                )>{c.name}</a>
                                <span class="muted">
                                    " · " {c.account} " · " {state.text(Text::PerfLastContact)}
                                    " " {when} {days}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn FollowUpCard() -> impl IntoView {
    let state = use_app_state();
    let lists = move || {
        let lists = state.performance().follow_up.get()?;
        Some(view! {
            {customer_list(
                state,
                Text::PerfKeyLongest,
                lists.key_count,
                lists.key_customers.clone(),
                "performance-key-customers",
            )}
            {customer_list(
                state,
                Text::PerfNeverList,
                lists.never_contacted_count,
                lists.never_contacted.clone(),
                "performance-never-contacted",
            )}
        })
    };
    view! {
        <section class="card" data-testid="performance-follow-up">
            <h2 class="card-title">{state.tr(Text::PerfFollowUpTitle)}</h2>
            <div class="follow-up-grid">{lists}</div>
        </section>
    }
}
