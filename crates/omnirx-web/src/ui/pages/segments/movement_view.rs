//! Movement over time: segment sizes at the end of each of the last quarters, and how many HCPs moved between two of them.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::Period;
use omnirx_core::domain::segmentation::movement::transitions;
use omnirx_core::i18n::{format_integer, phrases, Language, Text};

/// "2026年第3季度" or "Q3 2026".
fn quarter_label(period: &Period, language: Language) -> String {
    phrases::quarter(language, period.from.year, (period.from.month - 1) / 3 + 1)
}

/// The rule set's segment names, then "unclassified".
fn use_segment_names() -> impl Fn() -> Vec<String> + Copy {
    let state = use_app_state();
    move || {
        let mut names: Vec<String> = state.segments().rule_set.with(|r| {
            r.as_ref()
                .map(|r| r.segments.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default()
        });
        names.push(state.text(Text::Unclassified).to_string());
        names
    }
}

#[component]
pub fn MovementView() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="card" data-testid="movement-view">
            <h2 class="card-title">{state.tr(Text::MovementTitle)}</h2>
            <p class="muted">{state.tr(Text::MovementHowTo)}</p>
            <MovementSizes />
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::MovementFrom)}</span>
                    <QuarterChoice first=true />
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::MovementTo)}</span>
                    <QuarterChoice first=false />
                </label>
            </div>
            <TransitionTable />
        </section>
    }
}

/// Each segment's size at the end of each quarter (unclassified only when someone is).
#[component]
fn MovementSizes() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let names = use_segment_names();
    let sizes = move || {
        let language = state.language.get();
        let movement = analysis.movement.get()?;
        let names = names();
        let per_quarter: Vec<(Vec<u64>, u64)> =
            movement.iter().map(|m| m.classification.sizes()).collect();
        Some(view! {
            <div class="table-scroll">
                <table class="table" data-testid="movement-sizes">
                    <thead>
                        <tr>
                            <th scope="col">{state.text(Text::DimSegment)}</th>
                            {movement
                                .iter()
                                .map(|m| {
                                    view! {
                                        <th scope="col" class="number">
                                            {quarter_label(&m.period, language)}
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {names
                            .iter()
                            .enumerate()
                            .map(|(segment, name)| {
                                let is_unclassified = segment + 1 == names.len();
                                let counts: Vec<u64> = per_quarter
                                    .iter()
                                    .map(|(sizes, unclassified)| {
                                        if is_unclassified {
                                            *unclassified
                                        } else {
                                            sizes.get(segment).copied().unwrap_or(0)
                                        }
                                    })
                                    .collect();
                                (!is_unclassified || counts.iter().any(|c| *c > 0))
                                    .then(|| {
                                        view! {
                                            <tr>
                                                <th scope="row">{name.clone()}</th>
                                                {counts
                                                    .into_iter()
                                                    .map(|c| {
                                                        view! {
                                                            <td class="number">{format_integer(c as i64, language)}</td>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        }
                                    })
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! { {sizes} }
}

/// The quarter to compare from (`first`) or to.
#[component]
fn QuarterChoice(first: bool) -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let pair = analysis.page.movement_pair;
    let current = move || if first { pair.get().0 } else { pair.get().1 };
    let options = move || {
        let language = state.language.get();
        let labels: Vec<String> = analysis.movement.with(|m| {
            m.iter()
                .flat_map(|m| m.iter())
                .map(|p| quarter_label(&p.period, language))
                .collect()
        });
        labels
            .into_iter()
            .enumerate()
            .map(|(index, label)| {
                view! {
                    <option value=index.to_string() selected=move || current() == index>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <select
            data-testid={if first { "movement-from" } else { "movement-to" }}
            on:change=move |e| {
                if let Ok(index) = event_target_value(&e).parse::<usize>() {
                    pair.update(|(a, b)| if first { *a = index } else { *b = index });
                }
            }
        >
            {options}
        </select>
    }
}

/// How many HCPs moved from each segment to each other between the two quarters.
#[component]
fn TransitionTable() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    let names = use_segment_names();
    let transition_table = move || {
        let language = state.language.get();
        let movement = analysis.movement.get()?;
        let (from, to) = page.movement_pair.get();
        let (before, after) = (movement.get(from)?, movement.get(to)?);
        let table = transitions(&before.classification, &after.classification);
        let names = names();
        let size = table.counts.len();
        let shown: Vec<usize> = (0..size)
            .filter(|&i| {
                i + 1 < size
                    || table.counts[i].iter().any(|c| *c > 0)
                    || table.counts.iter().any(|row| row[i] > 0)
            })
            .collect();
        Some(view! {
            <p data-testid="movement-moved">
                <strong>{format_integer(table.moved() as i64, language)}</strong>
                " "
                {state.text(Text::MovementMoved)}
            </p>
            <div class="table-scroll">
                <table class="table transition-table" data-testid="movement-transitions">
                    <caption class="muted">{state.text(Text::MovementCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">
                                {format!(
                                    "{} ↓ / {} →",
                                    quarter_label(&before.period, language),
                                    quarter_label(&after.period, language),
                                )}
                            </th>
                            {shown
                                .iter()
                                .map(|&i| {
                                    view! {
                                        <th scope="col" class="number">
                                            {names.get(i).cloned().unwrap_or_default()}
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {shown
                            .iter()
                            .map(|&row| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {names.get(row).cloned().unwrap_or_default()}
                                        </th>
                                        {shown
                                            .iter()
                                            .map(|&column| {
                                                let count = table.counts[row][column];
                                                let moved = row != column && count > 0;
                                                let stayed = row == column;
                                                view! {
                                                    <td
                                                        class="number"
                                                        class:moved-cell=moved
                                                        class:stayed-cell=stayed
                                                    >
                                                        {format_integer(count as i64, language)}
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! { {transition_table} }
}
