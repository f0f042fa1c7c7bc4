//! The plan against last cycle's actual contacts and an equal split of the same capacity:
//! expected uplift, contacts, reach, frequency, visit-slot utilisation and the share of effort
//! on each segment (rule 19 of `docs/planning.md`), for the team or the chosen rep.

use leptos::prelude::*;

use super::labels::{cycle_label, decimal, header_cells, percent, segment_name};
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::optimise::AllocationSummary;
use omnirx_core::i18n::{format_integer, Language, Text};

fn figures(
    label: String,
    testid: &'static str,
    values: [String; 3],
    language: Language,
) -> impl IntoView {
    let header = |key: Text| omnirx_core::i18n::text(language, key);
    let [plan, last, equal] = values;
    view! {
        <tr data-testid=testid>
            <th scope="row">{label}</th>
            <td class="number" data-label=header(Text::PlanColumnPlan) data-testid="plan-value">
                {plan}
            </td>
            <td class="number" data-label=header(Text::PlanColumnLastCycle)>
                {last}
            </td>
            <td class="number" data-label=header(Text::PlanColumnEqualSplit)>
                {equal}
            </td>
        </tr>
    }
}

fn three(
    all: [&AllocationSummary; 3],
    value: impl Fn(&AllocationSummary) -> String,
) -> [String; 3] {
    all.map(value)
}

#[component]
pub fn Summary() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let body = move || {
        let language = state.language.get();
        let shown = planning.shown.get()?;
        let rep = planning.choices.rep.get();
        let comparison = shown
            .comparison
            .iter()
            .find(|c| c.rep_id == rep)
            .or_else(|| shown.comparison.first())?;
        let all = [
            &comparison.plan,
            &comparison.last_cycle,
            &comparison.equal_split,
        ];
        let label = |key: Text| omnirx_core::i18n::text(language, key).to_string();
        let whole = |v: u32| format_integer(i64::from(v), language);
        let segments = planning.segments();
        let segment_rows = comparison
            .plan
            .segments
            .iter()
            .map(|share| {
                let of = |summary: &AllocationSummary| {
                    percent(
                        summary
                            .segments
                            .iter()
                            .find(|s| s.segment == share.segment)
                            .and_then(|s| s.share),
                        language,
                    )
                };
                let name = segment_name(language, &share.segment, &segments);
                figures(name, "plan-segment-share", three(all, of), language)
            })
            .collect_view();
        Some(view! {
            <table class="table plan-summary-table cards-on-phone">
                <thead>
                    <tr>
                        <th scope="col">{cycle_label(language, &shown.plan.cycle)}</th>
                        {header_cells(
                            &[
                                Text::PlanColumnPlan,
                                Text::PlanColumnLastCycle,
                                Text::PlanColumnEqualSplit,
                            ],
                        )}
                    </tr>
                </thead>
                <tbody>
                    {figures(
                        label(Text::PlanExpectedUplift),
                        "plan-uplift",
                        three(all, |s| decimal(Some(s.expected_uplift))),
                        language,
                    )}
                    {figures(
                        label(Text::PlanContacts),
                        "plan-contacts",
                        three(all, |s| whole(s.contacts)),
                        language,
                    )}
                    {figures(
                        label(Text::PlanReach),
                        "plan-reach",
                        three(all, |s| percent(s.reach, language)),
                        language,
                    )}
                    {figures(
                        label(Text::PlanFrequency),
                        "plan-frequency",
                        three(all, |s| decimal(s.frequency)),
                        language,
                    )}
                    {figures(
                        label(Text::PlanVisitSlotUse),
                        "plan-slot-use",
                        three(all, |s| percent(s.visit_slot_utilisation, language)),
                        language,
                    )} <tr class="row-section">
                        <th scope="rowgroup" colspan="4">
                            {label(Text::PlanSegmentShare)}
                        </th>
                    </tr> {segment_rows}
                </tbody>
            </table>
            <p class="muted small">{label(Text::PlanUpliftNote)}</p>
        })
    };
    view! {
        <section class="card plan-summary" data-testid="plan-summary">
            <h2>{state.tr(Text::PlanSummaryTitle)}</h2>
            {body}
        </section>
    }
}
