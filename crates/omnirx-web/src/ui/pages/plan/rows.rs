//! The customers of the plan: planned contacts per channel, editable by hand (rule 28), each row
//! saying why (segment, potential, the gain of the last contact, what stopped it), sortable; and
//! the plan's exports (CSV, Excel, the rep's calendar, print).

use std::collections::HashMap;

use leptos::prelude::*;

use super::labels::{cycle_label, decimal, Names};
use super::use_names;
use crate::ui::state::planning::PlanSort;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::goals::{Access, PlanSegment};
use omnirx_core::domain::planning::optimise::{Binding, PlanRow};
use omnirx_core::i18n::planning_messages::why_text;
use omnirx_core::i18n::{format_integer, phrases, Language, Text};
use omnirx_core::view::route::Route;

/// How many rows the team's list shows (a rep's list shows all).
pub const TEAM_ROWS: usize = 100;

/// The gain of the row's last contact (the smallest of its channels' last contacts: the
/// optimiser placed it last) and what stopped each channel it may receive, grouped by reason.
fn why(row: &PlanRow, channels: &[String], language: Language) -> String {
    let (names, bindings): (Vec<String>, Vec<Binding>) = row
        .cells
        .iter()
        .zip(channels)
        .filter(|(cell, _)| cell.binding != Binding::NotApplicable)
        .map(|(cell, channel)| (channel.clone(), cell.binding))
        .unzip();
    let reasons = why_text(language, &names, &bindings);
    let last = row
        .cells
        .iter()
        .filter(|c| c.planned > 0)
        .filter_map(|c| c.last_gain)
        .min_by(f64::total_cmp);
    match last {
        Some(gain) => phrases::plan_last_gain(language, format!("{gain:.2}"), reasons),
        None => reasons,
    }
}

fn cell_input(row: &PlanRow, slot: usize, channel_id: String, channel: String) -> impl IntoView {
    let state = use_app_state();
    let cell = &row.cells[slot];
    let hcp = row.hcp_id.clone();
    let open = cell.access == Access::Open;
    view! {
        <td class="number" data-label=channel>
            <input
                type="number"
                class=if cell.binding == Binding::Edited { "plan-cell edited" } else { "plan-cell" }
                min=cell.min
                max=cell.max.max(cell.min)
                step="1"
                disabled=!open
                data-testid="plan-cell"
                data-hcp=hcp.clone()
                data-channel=channel_id.clone()
                prop:value=cell.planned.to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        let _ = state.planning().set_planned(hcp.clone(), channel_id.clone(), n);
                    }
                }
            />
        </td>
    }
}

fn plan_row(
    row: &PlanRow,
    actual: Option<u32>,
    names: &Names,
    ids: &[String],
    channels: &[String],
    segments: &[PlanSegment],
    language: Language,
) -> impl IntoView {
    let label = |key: Text| omnirx_core::i18n::text(language, key);
    let cells = (0..row.cells.len().min(ids.len()))
        .map(|slot| cell_input(row, slot, ids[slot].clone(), channels[slot].clone()))
        .collect_view();
    let last: u32 = row.cells.iter().map(|c| c.last_cycle).sum();
    view! {
        <tr data-testid="plan-row" data-hcp=row.hcp_id.clone()>
            <th scope="row" class="plan-hcp">
                <a href=Route::customer_href(&row.hcp_id)>{names.hcp(&row.hcp_id)}</a>
                <span class="muted small">{names.account(&row.account_id)}</span>
            </th>
            <td data-label=label(
                Text::PlanSegment,
            )>{super::labels::segment_name(language, &row.segment, segments)}</td>
            <td class="number" data-label=label(Text::PlanPotential)>
                {format_integer(row.potential, language)}
            </td>
            {cells}
            <td class="number" data-label=label(Text::PlanLastCycle)>
                {format_integer(i64::from(last), language)}
            </td>
            {actual
                .map(|n| {
                    view! {
                        <td
                            class="number"
                            data-label=label(Text::PlanActual)
                            data-testid="plan-row-actual"
                        >
                            {format_integer(i64::from(n), language)}
                        </td>
                    }
                })}
            <td
                class="number"
                data-label=label(Text::PlanExpectedUplift)
                data-testid="plan-row-uplift"
            >
                {decimal(Some(row.expected_uplift))}
            </td>
            <td class="why" data-label=label(Text::PlanWhy)>
                {why(row, channels, language)}
            </td>
        </tr>
    }
}

/// One customer row as the list draws it; the key changes whenever what the row shows does.
#[derive(Clone, Debug, PartialEq)]
struct RowItem {
    key: String,
    row: PlanRow,
    actual: Option<u32>,
}

/// The list's columns: the plan's channels (ids and names), whether actuals are shown, the
/// segments (for their names), the language, and whether it is the team's top rows.
#[derive(Clone, Debug, Default, PartialEq)]
struct Columns {
    ids: Vec<String>,
    channels: Vec<String>,
    actual: bool,
    segments: Vec<PlanSegment>,
    language: Option<Language>,
    team: bool,
}

/// The rows to draw, sorted: a rep's all, or the team's [`TEAM_ROWS`] with the largest uplift.
fn row_items(state: crate::ui::state::AppState, names: &Names, language: Language) -> Vec<RowItem> {
    let planning = state.planning();
    let Some(shown) = planning.shown.get() else {
        return Vec::new();
    };
    let rep = planning.choices.rep.get();
    let mut rows: Vec<&PlanRow> = shown
        .plan
        .rows
        .iter()
        .filter(|r| rep.as_ref().is_none_or(|id| &r.rep_id == id))
        .collect();
    let by_uplift = |a: &&PlanRow, b: &&PlanRow| b.expected_uplift.total_cmp(&a.expected_uplift);
    if rep.is_none() {
        rows.sort_by(by_uplift);
        rows.truncate(TEAM_ROWS);
    }
    match planning.choices.sort.get() {
        PlanSort::Uplift => rows.sort_by(by_uplift),
        PlanSort::Potential => {
            rows.sort_by(|a, b| b.potential.cmp(&a.potential).then(by_uplift(a, b)))
        }
        PlanSort::Name => rows.sort_by_cached_key(|r| names.hcp(&r.hcp_id)),
        PlanSort::Account => {
            rows.sort_by_cached_key(|r| (names.account(&r.account_id), names.hcp(&r.hcp_id)))
        }
    }
    // This cycle's contacts so far, per HCP, once the data reaches into the cycle.
    let actual: Option<HashMap<&str, u32>> = shown.follow_up.as_ref().map(|f| {
        let mut sums = HashMap::new();
        for hcp in f.reps.iter().flat_map(|r| &r.hcps) {
            *sums.entry(hcp.hcp_id.as_str()).or_insert(0) += hcp.progress.actual;
        }
        sums
    });
    rows.into_iter()
        .map(|row| {
            let done = actual
                .as_ref()
                .map(|a| a.get(row.hcp_id.as_str()).copied().unwrap_or(0));
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| format!("{}{:?}{:?}", c.planned, c.binding, c.last_gain))
                .collect();
            RowItem {
                key: format!(
                    "{}|{language:?}|{}|{done:?}|{:.4}|{}",
                    row.hcp_id,
                    cells.join(","),
                    row.expected_uplift,
                    row.segment
                ),
                row: row.clone(),
                actual: done,
            }
        })
        .collect()
}

#[component]
pub fn RowsCard() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let names = use_names();
    let columns = Memo::new(move |_| {
        let shown = planning.shown.get()?;
        let names = names.get();
        let ids: Vec<String> = shown
            .plan
            .channels
            .iter()
            .map(|c| c.channel_id.clone())
            .collect();
        Some(Columns {
            channels: ids.iter().map(|id| names.channel(id)).collect(),
            ids,
            actual: shown.follow_up.is_some(),
            segments: planning.segments(),
            language: Some(state.language.get()),
            team: planning.choices.rep.with(Option::is_none),
        })
    });
    let rows = Memo::new(move |_| {
        let language = state.language.get();
        row_items(state, &names.get(), language)
    });
    let head = move || {
        let columns = columns.get()?;
        let language = columns.language?;
        let label = |key: Text| omnirx_core::i18n::text(language, key);
        let heads = columns
            .channels
            .iter()
            .map(|c| {
                view! {
                    <th scope="col" class="number">
                        {c.clone()}
                    </th>
                }
            })
            .collect_view();
        Some(view! {
            <tr>
                <th scope="col">{label(Text::PlanHcp)}</th>
                <th scope="col">{label(Text::PlanSegment)}</th>
                <th scope="col" class="number">
                    {label(Text::PlanPotential)}
                </th>
                {heads}
                <th scope="col" class="number">
                    {label(Text::PlanLastCycle)}
                </th>
                {columns
                    .actual
                    .then(|| {
                        view! {
                            <th scope="col" class="number">
                                {label(Text::PlanActual)}
                            </th>
                        }
                    })}
                <th scope="col" class="number">
                    {label(Text::PlanExpectedUplift)}
                </th>
                <th scope="col">{label(Text::PlanWhy)}</th>
            </tr>
        })
    };
    let caption = move || {
        planning.shown.with(|s| {
            s.as_ref()
                .map(|s| cycle_label(state.language.get(), &s.plan.cycle))
        })
    };
    let team = move || columns.with(|c| c.as_ref().is_some_and(|c| c.team));
    view! {
        <section class="card plan-customers" data-testid="plan-customers">
            <h2>{state.tr(Text::PlanRowsTitle)}</h2>
            <SortChoice />
            <Show when=team>
                <p class="muted">{state.tr(Text::PlanTopRows)}</p>
            </Show>
            <div class="table-scroll">
                <table class="table plan-rows cards-on-phone" data-testid="plan-rows">
                    <caption class="print-only">{caption}</caption>
                    <thead>{head}</thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|item| item.key.clone()
                            children=move |item| {
                                let columns = columns.get_untracked().unwrap_or_default();
                                let names = names.get_untracked();
                                plan_row(
                                    &item.row,
                                    item.actual,
                                    &names,
                                    &columns.ids,
                                    &columns.channels,
                                    &columns.segments,
                                    columns.language.unwrap_or(state.language.get_untracked()),
                                )
                            }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn SortChoice() -> impl IntoView {
    let state = use_app_state();
    let sort = state.planning().choices.sort;
    let option = move |value: PlanSort, key: &'static str, text: Text| {
        view! {
            <option value=key selected=move || sort.get() == value>
                {state.tr(text)}
            </option>
        }
    };
    view! {
        <label class="control control-inline no-print">
            <span class="control-label">{state.tr(Text::PlanSortBy)}</span>
            <select
                data-testid="plan-sort"
                on:change=move |ev| {
                    sort.set(
                        match event_target_value(&ev).as_str() {
                            "potential" => PlanSort::Potential,
                            "name" => PlanSort::Name,
                            "account" => PlanSort::Account,
                            _ => PlanSort::Uplift,
                        },
                    )
                }
            >
                {option(PlanSort::Uplift, "uplift", Text::PlanSortUplift)}
                {option(PlanSort::Potential, "potential", Text::PlanSortPotential)}
                {option(PlanSort::Name, "name", Text::PlanSortName)}
                {option(PlanSort::Account, "account", Text::PlanSortAccount)}
            </select>
        </label>
    }
}
