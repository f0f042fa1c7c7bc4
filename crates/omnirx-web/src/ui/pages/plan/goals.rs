//! Each segment's frequency goals per channel, per month (rules 5–8 of `docs/planning.md`):
//! the usual number, the least and the most, edited for the team; the plan follows on the next
//! optimisation.

use leptos::prelude::*;

use super::labels::{segment_name, typed_number};
use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::editing::set_frequency;
use omnirx_core::domain::planning::goals::Frequency;
use omnirx_core::i18n::{text, Text};

fn frequency_cell(
    segment: String,
    channel_id: String,
    channel: String,
    f: Frequency,
) -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let input = move |which: usize, value: f64, key: Text| {
        let (segment, channel_id) = (segment.clone(), channel_id.clone());
        view! {
            <label class="frequency-field" title=state.tr(key)>
                <input
                    aria-label=state.tr(key)
                    type="number"
                    min="0"
                    step="0.25"
                    data-testid="plan-frequency-input"
                    prop:value=value.to_string()
                    on:change=move |ev| {
                        let Some(v) = typed_number(&event_target_value(&ev)) else {
                            return;
                        };
                        let mut next = f;
                        match which {
                            0 => next.min = v,
                            1 => next.default = v,
                            _ => next.max = v,
                        }
                        let (segment, channel_id) = (segment.clone(), channel_id.clone());
                        planning
                            .edit_options(move |o| set_frequency(
                                &mut o.goals,
                                &segment,
                                &channel_id,
                                next,
                            ));
                    }
                />
            </label>
        }
    };
    view! {
        <td data-label=channel class="frequency">
            {input(0, f.min, Text::PlanMin)}
            {input(1, f.default, Text::PlanUsual)}
            {input(2, f.max, Text::PlanMax)}
        </td>
    }
}

#[component]
pub fn GoalsCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let table = move || {
        let language = state.language.get();
        let proposal = planning.proposal.get()?;
        let Ok(result) = &*proposal.0 else {
            return None;
        };
        let options = planning.options.get();
        let names = names.get();
        let channels = state.session.workspace.with_untracked(|w| {
            let w = w.as_ref()?;
            Some(
                result
                    .plan
                    .channels
                    .iter()
                    .filter_map(|c| w.channels.iter().find(|x| x.id == c.channel_id).cloned())
                    .collect::<Vec<_>>(),
            )
        })?;
        let heads = channels
            .iter()
            .map(|c| view! { <th scope="col">{names.channel(&c.id)}</th> })
            .collect_view();
        let rows = result
            .segments
            .iter()
            .map(|segment| {
                let cells = channels
                    .iter()
                    .map(|c| {
                        let f = options.goals.frequency(segment, c);
                        frequency_cell(segment.key.clone(), c.id.clone(), names.channel(&c.id), f)
                    })
                    .collect_view();
                view! {
                    <tr data-testid="plan-goal-row">
                        <th scope="row">
                            {segment_name(language, &segment.key, &result.segments)}
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <p class="muted small">
                {format!(
                    "{} – {} – {}",
                    text(language, Text::PlanMin),
                    text(language, Text::PlanUsual),
                    text(language, Text::PlanMax),
                )}
            </p>
            <div class="table-scroll">
                <table class="table cards-on-phone" data-testid="plan-goals">
                    <thead>
                        <tr>
                            <th scope="col">{text(language, Text::PlanSegment)}</th>
                            {heads}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card plan-goals no-print" data-testid="plan-goals-card">
            <h2>{state.tr(Text::PlanGoalsTitle)}</h2>
            {table}
        </section>
    }
}
