//! The scope's headline figures and the ranking table (达成率 by region, territory, rep, account,
//! product or tier), with drill-down and CSV export; rows become cards on phones.

use leptos::prelude::*;

use super::labels;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::csv_export::{write_csv, CsvCell, CsvTable};
use omnirx_core::domain::performance::{AttainmentRow, Dimension};
use omnirx_core::i18n::{phrases, Language, Text};
use omnirx_core::view::route::Route;

fn row_name(state: AppState, row: &AttainmentRow, dimension: Dimension) -> String {
    if row.id.is_empty() && row.name.is_empty() {
        return state.text(Text::PerfNotAssigned).to_string();
    }
    if dimension == Dimension::Tier && row.name.is_empty() {
        return state.text(Text::PerfNoTier).to_string();
    }
    row.name.clone()
}

fn status_badge(state: AppState, row: &AttainmentRow, testid: &'static str) -> impl IntoView {
    row.status.map(|status| {
        let (text, class) = labels::status(status);
        view! {
            <span class=format!("status status-{class}") data-testid=testid>
                {state.text(text)}
            </span>
        }
    })
}

#[component]
pub fn Summary() -> impl IntoView {
    let state = use_app_state();
    let tiles = move || {
        let table = state.performance().table.get()?;
        let language = state.language.get();
        let total = &table.total;
        Some(view! {
            <div class="stat-grid performance-tiles" data-testid="performance-summary">
                <div class="stat-tile">
                    <span class="stat-value" data-testid="performance-total-attainment">
                        {labels::percent(total.attainment, language)}
                    </span>
                    <span class="stat-label">
                        {state.text(Text::PerfAttainment)} " "
                        {status_badge(state, total, "performance-total-status")}
                    </span>
                </div>
                <div class="stat-tile">
                    <span class="stat-value" data-testid="performance-total-actual">
                        {labels::amount(Some(total.actual), language)}
                    </span>
                    <span class="stat-label">{state.text(Text::PerfActual)}</span>
                </div>
                <div class="stat-tile">
                    <span class="stat-value">{labels::amount(total.target, language)}</span>
                    <span class="stat-label">{state.text(Text::PerfTarget)}</span>
                </div>
                <div class="stat-tile">
                    <span class="stat-value">{labels::signed(total.growth_year, language)}</span>
                    <span class="stat-label">{state.text(Text::PerfGrowthYear)}</span>
                </div>
                <div class="stat-tile">
                    <span class="stat-value">
                        {omnirx_core::i18n::format_percent(table.elapsed, 0, language)}
                    </span>
                    <span class="stat-label">{state.text(Text::PerfElapsed)}</span>
                </div>
            </div>
            {table
                .quota_hidden
                .then(|| {
                    view! {
                        <p class="alert alert-warning" data-testid="performance-quota-hidden">
                            {state.text(Text::PerfQuotaHidden)}
                        </p>
                    }
                })}
        })
    };
    view! { <section class="card">{tiles}</section> }
}

/// Drills into a row: region → territory → rep → account; an account opens its page.
fn drill(state: AppState, dimension: Dimension, id: String) {
    let choices = state.performance().choices;
    match dimension {
        Dimension::Region => choices.scope.update(|s| s.region = Some(id)),
        Dimension::Territory => choices.scope.update(|s| s.territory = Some(id)),
        Dimension::Rep => choices.scope.update(|s| s.rep = Some(id)),
        Dimension::Product => {
            choices.scope.update(|s| s.product = Some(id));
            choices.dimension.set(Dimension::Region);
        }
        _ => return,
    }
    if let Some(next) = dimension.drill() {
        choices.dimension.set(next);
    }
}

fn export_csv(state: AppState) {
    let Some(table) = state.performance().table.get_untracked() else {
        return;
    };
    let language = state.language.get_untracked();
    let headers = [
        labels::dimension(table.dimension),
        Text::PerfTarget,
        Text::PerfActual,
        Text::PerfAttainment,
        Text::PerfGap,
        Text::PerfGrowthYear,
        Text::PerfGrowthPrevious,
        Text::PerfStatus,
    ]
    .into_iter()
    .map(|key| omnirx_core::i18n::text(language, key).to_string())
    .collect();
    let percent = |v: Option<f64>| v.map_or(CsvCell::Empty, |v| CsvCell::Decimal(v * 100.0, 1));
    let amount = |v: Option<f64>| v.map_or(CsvCell::Empty, |v| CsvCell::Decimal(v, 0));
    let rows = table
        .rows
        .iter()
        .chain(std::iter::once(&table.total))
        .map(|row| {
            vec![
                CsvCell::Text(row_name(state, row, table.dimension)),
                amount(row.target),
                CsvCell::Decimal(row.actual, 0),
                percent(row.attainment),
                amount(row.gap),
                percent(row.growth_year),
                percent(row.growth_previous),
                CsvCell::Text(row.status.map_or(String::new(), |s| {
                    omnirx_core::i18n::text(language, labels::status(s).0).to_string()
                })),
            ]
        })
        .collect();
    let name = format!(
        "omnirx-attainment-{}-{}.csv",
        table.period.key(),
        table.dimension.key()
    );
    let _ = crate::ui::browser::download_text(
        &name,
        &write_csv(&CsvTable { headers, rows }),
        "text/csv;charset=utf-8",
    );
}

fn table_row(
    state: AppState,
    row: AttainmentRow,
    dimension: Dimension,
    language: Language,
) -> impl IntoView {
    let name = row_name(state, &row, dimension);
    let drillable = !row.id.is_empty()
        && matches!(
            dimension,
            Dimension::Region | Dimension::Territory | Dimension::Rep | Dimension::Product
        );
    let id = row.id.clone();
    let label = move |key: Text| omnirx_core::i18n::text(language, key);
    let name_cell = if drillable {
        view! {
            <button
                type="button"
                class="link-button"
                data-testid="performance-drill"
                on:click=move |_| drill(state, dimension, id.clone())
            >
                {name}
            </button>
        }
        .into_any()
    } else if dimension == Dimension::Account {
        view! { <a href=Route::customer_href(&row.id)>{name}</a> }.into_any()
    } else {
        view! { <span>{name}</span> }.into_any()
    };
    view! {
        <tr data-testid="performance-row">
            <th scope="row">{name_cell}</th>
            <td class="number" data-label=label(Text::PerfTarget)>
                {labels::amount(row.target, language)}
            </td>
            <td class="number" data-label=label(Text::PerfActual)>
                {labels::amount(Some(row.actual), language)}
            </td>
            <td
                class="number"
                data-label=label(Text::PerfAttainment)
                data-testid="performance-attainment"
            >
                {labels::percent(row.attainment, language)}
            </td>
            <td class="number" data-label=label(Text::PerfGap)>
                {labels::signed_amount(row.gap, language)}
            </td>
            <td class="number" data-label=label(Text::PerfGrowthYear)>
                {labels::signed(row.growth_year, language)}
            </td>
            <td class="number" data-label=label(Text::PerfGrowthPrevious)>
                {labels::signed(row.growth_previous, language)}
            </td>
            <td data-label=label(
                Text::PerfStatus,
            )>{status_badge(state, &row, "performance-status")}</td>
        </tr>
    }
}

#[component]
pub fn Ranking() -> impl IntoView {
    let state = use_app_state();
    let title = move || {
        let language = state.language.get();
        let period = state
            .performance()
            .period
            .get()
            .map(|p| labels::period(language, p))
            .unwrap_or_default();
        format!("{} · {period}", state.text(Text::PerfRankingTitle))
    };
    let body = move || {
        let table = state.performance().table.get()?;
        let language = state.language.get();
        let dimension = table.dimension;
        Some(
            table
                .rows
                .iter()
                .cloned()
                .map(|row| table_row(state, row, dimension, language))
                .collect_view(),
        )
    };
    let notices = move || {
        let table = state.performance().table.get()?;
        let language = state.language.get();
        (!table.notices.is_empty()).then(|| {
            view! {
                <details class="alert alert-warning" data-testid="performance-notices">
                    <summary>
                        {state.text(Text::PerfNotices)} " (" {table.notices.len()} ")"
                    </summary>
                    <ul>
                        {table
                            .notices
                            .iter()
                            .take(20)
                            .map(|n| view! { <li>{notice_text(language, n)}</li> })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    };
    view! {
        <section class="card" data-testid="performance-ranking">
            <h2 class="card-title">{title}</h2>
            <p class="muted">{state.tr(Text::PerfDrillHint)}</p>
            <div class="table-scroll">
                <table class="table cards-on-phone" data-testid="performance-table">
                    <thead>
                        <tr>
                            <th scope="col">
                                {move || {
                                    state
                                        .text(
                                            labels::dimension(
                                                state.performance().choices.dimension.get(),
                                            ),
                                        )
                                }}
                            </th>
                            {labels::header_cells(
                                &[
                                    Text::PerfTarget,
                                    Text::PerfActual,
                                    Text::PerfAttainment,
                                    Text::PerfGap,
                                    Text::PerfGrowthYear,
                                    Text::PerfGrowthPrevious,
                                    Text::PerfStatus,
                                ],
                            )}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="performance-export-csv"
                    on:click=move |_| export_csv(state)
                >
                    {state.tr(Text::PerfExportCsv)}
                </button>
            </div>
            {notices}
        </section>
    }
}

fn notice_text(language: Language, notice: &omnirx_core::domain::performance::Notice) -> String {
    use omnirx_core::domain::performance::Notice;
    match notice {
        Notice::UnknownReference { path, kind, id } => {
            let kind = match *kind {
                "region" => Text::PerfDimRegion,
                "territory" => Text::PerfDimTerritory,
                "rep" => Text::PerfDimRep,
                "account" => Text::PerfDimAccount,
                "product" => Text::PerfDimProduct,
                _ => Text::PerfTargets,
            };
            let kind = omnirx_core::i18n::text(language, kind);
            phrases::perf_unknown_reference(language, path, kind, id)
        }
        Notice::DuplicateTarget { path, first_path } => {
            phrases::perf_duplicate_target(language, path, first_path)
        }
        Notice::OverlappingTargets { holder } => {
            phrases::perf_overlapping_targets(language, holder)
        }
    }
}
