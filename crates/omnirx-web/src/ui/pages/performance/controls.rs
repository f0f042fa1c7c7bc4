//! The page's choices: period, month, measure, source and breakdown, and the drill-down trail.

use leptos::prelude::*;

use super::labels;
use crate::ui::state::use_app_state;
use omnirx_core::domain::performance::{Dimension, Measure, PeriodKind, Scope, Source};
use omnirx_core::domain::time::Month;
use omnirx_core::i18n::Text;

/// A `<select>` of fixed options: (key, label) pairs, the current key and what a choice does.
fn choice(
    label: Text,
    testid: &'static str,
    options: Vec<(&'static str, Text)>,
    current: impl Fn() -> &'static str + Send + Sync + 'static,
    chosen: impl Fn(String) + 'static,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="control">
            <span class="control-label">{state.tr(label)}</span>
            <select
                data-testid=testid
                prop:value=current
                on:change=move |event| chosen(event_target_value(&event))
            >
                {options
                    .into_iter()
                    .map(|(key, text)| view! { <option value=key>{state.tr(text)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn Controls() -> impl IntoView {
    let state = use_app_state();
    let choices = state.performance().choices;
    let kinds = [
        ("month", PeriodKind::Month),
        ("quarter", PeriodKind::Quarter),
        ("ytd", PeriodKind::YearToDate),
        ("year", PeriodKind::Year),
    ];
    let kind_key = move || {
        let kind = choices.kind.get();
        kinds
            .iter()
            .find(|(_, k)| *k == kind)
            .map_or("ytd", |(key, _)| key)
    };
    let both_sources = move || {
        state.performance().data.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.has_hcp_sales && d.has_account_sales)
        })
    };
    view! {
        <section class="card" data-testid="performance-controls">
            <div class="control-row">
                {choice(
                    Text::PerfPeriodKind,
                    "performance-period-kind",
                    kinds.iter().map(|(key, kind)| (*key, labels::period_kind(*kind))).collect(),
                    kind_key,
                    move |key| {
                        if let Some((_, kind)) = kinds.iter().find(|(k, _)| *k == key) {
                            choices.kind.set(*kind);
                        }
                    },
                )} <MonthChoice />
                {choice(
                    Text::PerfMeasure,
                    "performance-measure",
                    vec![("units", Text::PerfUnits), ("value", Text::PerfValue)],
                    move || if choices.measure.get() == Measure::Value { "value" } else { "units" },
                    move |key| {
                        choices
                            .measure
                            .set(if key == "value" { Measure::Value } else { Measure::Units })
                    },
                )}
                <Show when=both_sources>
                    {choice(
                        Text::PerfSource,
                        "performance-source",
                        vec![
                            ("prescriptions", Text::PerfSourcePrescriptions),
                            ("sales", Text::PerfSourceSales),
                        ],
                        move || {
                            if state.performance().source.get() == Source::Sales {
                                "sales"
                            } else {
                                "prescriptions"
                            }
                        },
                        move |key| {
                            choices
                                .source
                                .set(
                                    Some(
                                        if key == "sales" {
                                            Source::Sales
                                        } else {
                                            Source::Prescriptions
                                        },
                                    ),
                                )
                        },
                    )}
                </Show>
                {choice(
                    Text::PerfBreakdown,
                    "performance-dimension",
                    Dimension::ALL.iter().map(|d| (d.key(), labels::dimension(*d))).collect(),
                    move || choices.dimension.get().key(),
                    move |key| {
                        if let Some(dimension) = Dimension::parse(&key) {
                            choices.dimension.set(dimension);
                        }
                    },
                )}
            </div>
            <Trail />
        </section>
    }
}

/// The months the data covers, newest first.
#[component]
fn MonthChoice() -> impl IntoView {
    let state = use_app_state();
    let choices = state.performance().choices;
    let months = move || {
        state.performance().data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            let (Some(first), Some(end)) = (d.first, d.data_end) else {
                return Vec::new();
            };
            let count = end.index() - first.index() + 1;
            (0..count.max(0))
                .map(|back| end.plus(-back))
                .collect::<Vec<Month>>()
        })
    };
    let current = move || {
        choices
            .month
            .get()
            .or_else(|| {
                state
                    .performance()
                    .data
                    .with(|d| d.as_ref().and_then(|d| d.sales_end.or(d.data_end)))
            })
            .map(|m| m.to_string())
            .unwrap_or_default()
    };
    view! {
        <label class="control">
            <span class="control-label">{state.tr(Text::PerfEndingIn)}</span>
            <select
                data-testid="performance-month"
                prop:value=current
                on:change=move |event| {
                    choices.month.set(Month::parse(&event_target_value(&event)).ok())
                }
            >
                {move || {
                    let language = state.language.get();
                    months()
                        .into_iter()
                        .map(|m| {
                            view! {
                                <option value=m.to_string()>{labels::month(language, m)}</option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Where the table is drilled to: the team, then a region, a territory and a rep; each step
/// goes back up.
#[component]
fn Trail() -> impl IntoView {
    let state = use_app_state();
    let choices = state.performance().choices;
    let name_of = move |kind: Dimension, id: &str| {
        state.session.workspace.with_untracked(|w| {
            let w = w.as_ref()?;
            Some(match kind {
                Dimension::Region => w.regions.iter().find(|r| r.id == id)?.name.clone(),
                Dimension::Territory => w.territories.iter().find(|r| r.id == id)?.name.clone(),
                _ => w.reps.iter().find(|r| r.id == id)?.name.clone(),
            })
        })
    };
    let steps = move || {
        let scope = choices.scope.get();
        let mut steps = vec![(
            state.text(Text::PerfWholeTeam).to_string(),
            Scope::default(),
            Dimension::Region,
        )];
        let mut at = Scope::default();
        for (kind, id, next) in [
            (
                Dimension::Region,
                scope.region.clone(),
                Dimension::Territory,
            ),
            (
                Dimension::Territory,
                scope.territory.clone(),
                Dimension::Rep,
            ),
            (Dimension::Rep, scope.rep.clone(), Dimension::Account),
        ] {
            let Some(id) = id else { continue };
            match kind {
                Dimension::Region => at.region = Some(id.clone()),
                Dimension::Territory => at.territory = Some(id.clone()),
                _ => at.rep = Some(id.clone()),
            }
            steps.push((name_of(kind, &id).unwrap_or(id), at.clone(), next));
        }
        steps
    };
    view! {
        <nav class="trail" aria-label=state.tr(Text::PerfDrillHint) data-testid="performance-trail">
            {move || {
                let steps = steps();
                let last = steps.len() - 1;
                steps
                    .into_iter()
                    .enumerate()
                    .map(|(index, (name, scope, next))| {
                        if index == last {
                            view! { <span aria-current="page">{name}</span> }.into_any()
                        } else {
                            view! {
                                <button
                                    type="button"
                                    class="link-button"
                                    data-testid="performance-trail-step"
                                    on:click=move |_| {
                                        choices.scope.set(scope.clone());
                                        choices.dimension.set(next);
                                    }
                                >
                                    {name}
                                </button>
                                <span aria-hidden="true">" › "</span>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
