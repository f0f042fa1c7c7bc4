//! Actual against planned as interactions arrive (rules 24–27 of `docs/planning.md`): per rep,
//! or per channel of the chosen rep, attainment and the on-track band for the share of the
//! cycle elapsed; the HCPs behind plan, for the rep's next week.

use leptos::prelude::*;

use super::labels::{decimal, percent};
use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::follow_up::{BehindHcp, Progress, Track};
use omnirx_core::i18n::planning_messages::track_label;
use omnirx_core::i18n::{format_date, format_integer, phrases, text, Language, Text};

/// How many behind-plan HCPs are listed.
pub const BEHIND_LIMIT: usize = 15;

fn track_class(track: Track) -> &'static str {
    match track {
        Track::Ahead => "status status-ahead",
        Track::OnTrack => "status status-on-track",
        Track::Behind => "status status-behind",
        Track::NotPlanned => "status",
    }
}

fn progress_row(name: String, p: Progress, language: Language) -> impl IntoView {
    let label = move |key: Text| text(language, key);
    let whole = |v: u32| format_integer(i64::from(v), language);
    view! {
        <tr data-testid="plan-progress-row">
            <th scope="row">{name}</th>
            <td class="number" data-label=label(Text::PlanPlanned)>
                {whole(p.planned)}
            </td>
            <td class="number" data-label=label(Text::PlanActual) data-testid="plan-actual">
                {whole(p.actual)}
            </td>
            <td class="number" data-label=label(Text::PlanAttainment) data-testid="plan-attainment">
                {percent(p.attainment, language)}
            </td>
            <td class="number" data-label=label(Text::PlanExpectedByNow)>
                {format!(
                    "{} ({}–{})",
                    decimal(Some(p.expected)),
                    decimal(Some(p.lower)),
                    decimal(Some(p.upper)),
                )}
            </td>
            <td data-label=label(Text::PlanTrack)>
                <span class=track_class(p.track) data-testid="plan-track">
                    {track_label(language, p.track)}
                </span>
            </td>
        </tr>
    }
}

#[component]
pub fn FollowUpCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let body = move || {
        let language = state.language.get();
        let shown = planning.shown.get()?;
        let Some(follow_up) = shown.follow_up.as_ref() else {
            return Some(
                view! {
                    <p class="muted" data-testid="plan-no-follow-up">
                        {state.text(Text::PlanNoFollowUp)}
                    </p>
                }
                .into_any(),
            );
        };
        let names = names.get();
        let rep = planning.choices.rep.get();
        let label = move |key: Text| text(language, key);
        let (rows, behind): (Vec<_>, Vec<BehindHcp>) = match &rep {
            Some(id) => {
                let f = follow_up.reps.iter().find(|r| &r.rep_id == id)?;
                let mut rows: Vec<_> = f
                    .channels
                    .iter()
                    .filter(|c| c.progress.planned > 0 || c.progress.actual > 0)
                    .map(|c| {
                        progress_row(names.channel(&c.channel_id), c.progress, language).into_any()
                    })
                    .collect();
                rows.push(
                    progress_row(label(Text::PlanTotal).to_string(), f.total, language).into_any(),
                );
                (rows, f.behind.clone())
            }
            None => {
                let rows = follow_up
                    .reps
                    .iter()
                    .map(|r| progress_row(names.rep(&r.rep_id), r.total, language).into_any())
                    .collect();
                let mut behind: Vec<BehindHcp> = follow_up
                    .reps
                    .iter()
                    .flat_map(|r| r.behind.clone())
                    .collect();
                behind.sort_by(|a, b| b.next_gain.total_cmp(&a.next_gain));
                (rows, behind)
            }
        };
        let elapsed = follow_up.reps.first().map_or(0.0, |r| r.elapsed);
        let band = percent(Some(follow_up.bands.under), language);
        let as_of = phrases::plan_as_of(
            language,
            format_date(follow_up.as_of, language),
            percent(Some(elapsed), language),
            band,
        );
        let behind_items = behind
            .iter()
            .take(BEHIND_LIMIT)
            .map(|b| {
                view! {
                    <li data-testid="plan-behind">
                        {format!(
                            "{} · {} · {} {} · {} {}",
                            names.hcp(&b.hcp_id),
                            names.channel(&b.channel_id),
                            label(Text::PlanShortfall),
                            b.shortfall,
                            label(Text::PlanNextWeek),
                            b.next_week,
                        )}
                    </li>
                }
            })
            .collect_view();
        Some(
            view! {
                <div>
                    <p class="muted" data-testid="plan-as-of">
                        {as_of}
                    </p>
                    <div class="table-scroll">
                        <table class="table cards-on-phone" data-testid="plan-progress">
                            <thead>
                                <tr>
                                    <th scope="col">
                                        {label(
                                            if rep.is_some() {
                                                Text::PlanChannel
                                            } else {
                                                Text::PlanRep
                                            },
                                        )}
                                    </th>
                                    {super::labels::header_cells(
                                        &[
                                            Text::PlanPlanned,
                                            Text::PlanActual,
                                            Text::PlanAttainment,
                                            Text::PlanExpectedByNow,
                                            Text::PlanTrack,
                                        ],
                                    )}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <h3>{label(Text::PlanBehindTitle)}</h3>
                    {if behind.is_empty() {
                        view! { <p class="muted">{label(Text::PlanNoneBehind)}</p> }.into_any()
                    } else {
                        view! { <ul class="plan-behind">{behind_items}</ul> }.into_any()
                    }}
                </div>
            }
            .into_any(),
        )
    };
    view! {
        <section class="card plan-follow-up" data-testid="plan-follow-up">
            <h2>{state.tr(Text::PlanFollowUpTitle)}</h2>
            {body}
        </section>
    }
}
