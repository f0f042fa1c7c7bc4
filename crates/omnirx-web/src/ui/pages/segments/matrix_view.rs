//! The potential × support matrix: adjustable cut-offs, a strategy per cell, and the HCPs of the cell clicked.

use leptos::prelude::*;

use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::csv_export::{write_csv, CsvCell, CsvTable};
use omnirx_core::domain::segmentation::matrix::{cell_members, CellMember, MatrixCell, Strategy};
use omnirx_core::i18n::{format_integer, format_percent, phrases, Text};
use omnirx_core::view::labels::{channel_kind_text, strategy_text};
use omnirx_core::view::matrix::{band_labels, cutoffs_text, format_calls, parse_cutoffs};
use omnirx_core::view::route::Route;

use super::file_date;

/// Rows listed under the matrix at once; the count says how many there are.
const SHOWN: usize = 200;

/// The names of the default funnel's steps, which are the support axis's adoption stages.
fn use_stage_names() -> impl Fn() -> Vec<String> + Copy {
    let headline = use_app_state().funnels().headline;
    move || {
        headline.with(|h| {
            h.as_ref()
                .map(|h| h.steps.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default()
        })
    }
}

#[component]
pub fn SegmentMatrix() -> impl IntoView {
    let state = use_app_state();
    let stage_names = use_stage_names();
    view! {
        <section class="card" data-testid="segment-matrix-card">
            <h2 class="card-title">{state.tr(Text::MatrixTitle)}</h2>
            <CutoffControls />
            <p class="muted">
                {state.tr(Text::MatrixStagesAre)}" "
                {move || {
                    stage_names()
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| format!("{} {}", i + 1, n))
                        .collect::<Vec<_>>()
                        .join(" · ")
                }}
            </p>
            <MatrixGrid />
        </section>
        <Show when=move || state.segments().page.selected_cell.get().is_some()>
            <MatrixMembers />
        </Show>
    }
}

/// The cut-offs of both axes as text, with a reset and the message for a cut-off that is not a number.
#[component]
fn CutoffControls() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    let cutoffs = move || {
        analysis
            .matrix
            .with(|m| m.as_ref().map(|m| m.cutoffs.clone()))
    };
    let (error, set_error) = signal(false);
    let set_cutoffs = move |potential_side: bool, text: String| {
        let Some(values) = parse_cutoffs(&text) else {
            set_error.set(true);
            return;
        };
        let Some(mut current) = cutoffs() else { return };
        if potential_side {
            current.potential = values;
        } else {
            current.support = values.into_iter().map(|v| v.clamp(0, 12) as u8).collect();
        }
        set_error.set(false);
        page.selected_cell.set(None);
        page.cutoffs.set(Some(current.normalised()));
    };
    view! {
        <div class="control-row">
            <label class="control">
                <span class="control-label">{state.tr(Text::MatrixPotentialCutoffs)}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    data-testid="matrix-potential-cutoffs"
                    prop:value=move || {
                        cutoffs().map(|c| cutoffs_text(&c.potential)).unwrap_or_default()
                    }
                    on:change=move |e| set_cutoffs(true, event_target_value(&e))
                />
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::MatrixSupportCutoffs)}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    data-testid="matrix-support-cutoffs"
                    prop:value=move || {
                        cutoffs().map(|c| cutoffs_text(&c.support)).unwrap_or_default()
                    }
                    on:change=move |e| set_cutoffs(false, event_target_value(&e))
                />
            </label>
            <button
                type="button"
                class="button button-secondary"
                data-testid="matrix-reset"
                on:click=move |_| {
                    page.cutoffs.set(None);
                    page.selected_cell.set(None);
                    set_error.set(false);
                }
            >
                {state.tr(Text::MatrixReset)}
            </button>
        </div>
        <Show when=move || error.get()>
            <p class="error" role="alert" data-testid="matrix-cutoff-error">
                {state.tr(Text::MatrixCutoffError)}
            </p>
        </Show>
    }
}

/// The grid: potential bands as rows (highest first), support bands as columns.
#[component]
fn MatrixGrid() -> impl IntoView {
    let state = use_app_state();
    let matrix = state.segments().matrix;
    let grid = move || {
        let matrix = matrix.get()?;
        let potential_labels = band_labels(&matrix.cutoffs.potential);
        let support: Vec<i64> = matrix
            .cutoffs
            .support
            .iter()
            .map(|&s| i64::from(s))
            .collect();
        let columns = matrix.cutoffs.support_bands();
        let rows = (0..matrix.cutoffs.potential_bands())
            .rev()
            .map(|potential_band| {
                let cells = (0..columns)
                    .map(|support_band| {
                        let cell = matrix.cell(potential_band, support_band).clone();
                        view! {
                            <td>
                                <MatrixCellButton cell=cell band=(potential_band, support_band) />
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row" class="matrix-axis">
                            {potential_labels[potential_band].clone()}
                        </th>
                        {cells}
                    </tr>
                }
            });
        let support_headers = band_labels(&support).into_iter().map(|label| {
            view! {
                <th scope="col" class="matrix-axis">
                    {move || phrases::matrix_stage(state.language.get(), &label)}
                </th>
            }
        });
        Some(view! {
            <div class="table-scroll">
                <table class="matrix" data-testid="segment-matrix">
                    <caption class="muted">{state.tr(Text::MatrixCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="matrix-corner">
                                {move || {
                                    format!(
                                        "{} ↓ / {} →",
                                        state.text(Text::MatrixPotentialAxis),
                                        state.text(Text::MatrixSupportAxis),
                                    )
                                }}
                            </th>
                            {support_headers.collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows.collect_view()}</tbody>
                </table>
            </div>
        })
    };
    view! { {grid} }
}

/// One cell: its HCPs, share of prescriptions, strategy, calls a month and channel mix.
#[component]
fn MatrixCellButton(cell: MatrixCell, band: (usize, usize)) -> impl IntoView {
    let state = use_app_state();
    let selected_cell = state.segments().page.selected_cell;
    let strategy = cell.recommendation.strategy;
    let is_selected = move || selected_cell.get() == Some(band);
    let figures = move || {
        let language = state.language.get();
        let mix = cell
            .recommendation
            .channel_mix
            .iter()
            .map(|(kind, share)| {
                phrases::channel_share(language, state.text(channel_kind_text(*kind)), share)
            })
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <span class="matrix-count" data-testid="matrix-count">
                {format_integer(cell.count as i64, language)}
            </span>
            <Show when=move || !state.segments().volume_at_account_level()>
                <span class="matrix-share">
                    {phrases::matrix_share_of_rx(
                        language,
                        format_percent(cell.volume_share, 0, language),
                    )}
                </span>
            </Show>
            <strong class="matrix-strategy" data-testid="matrix-strategy">
                {state.text(strategy_text(strategy))}
            </strong>
            <span class="matrix-detail">
                {phrases::matrix_calls_per_month(
                    language,
                    format_calls(cell.recommendation.calls_per_month),
                )}
            </span>
            <span class="matrix-detail muted">{mix}</span>
        }
    };
    view! {
        <button
            type="button"
            class=format!("matrix-cell strategy-{}", strategy_key(strategy))
            class:matrix-cell-selected=is_selected
            aria-pressed=move || is_selected().to_string()
            data-testid="matrix-cell"
            data-potential-band=band.0.to_string()
            data-support-band=band.1.to_string()
            on:click=move |_| selected_cell.set(Some(band))
        >
            {figures}
        </button>
    }
}

/// The HCPs of the selected cell (one row per HCP: name, potential, stage, volume), as a CSV too.
#[component]
fn MatrixMembers() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let stage_names = use_stage_names();
    let members = Memo::new(move |_| {
        let cell = analysis.page.selected_cell.get()?;
        let matrix = analysis.matrix.get()?;
        let (base, profiles) = (analysis.base.get()?, analysis.profiles.get()?);
        state.session.workspace.with_untracked(|w| {
            Some(cell_members(
                &w.as_ref()?.hcps,
                &base,
                &profiles,
                &matrix.cutoffs,
                cell,
            ))
        })
    });
    let hcp = move |member: &CellMember| member_hcp(state, member);
    let stage_name = move |stage: u8| match stage {
        0 => state.text(Text::StageNotEntered).to_string(),
        _ => stage_names()
            .get(usize::from(stage) - 1)
            .cloned()
            .unwrap_or_default(),
    };
    // Under market rules that forbid HCP-level figures the volume is the HCP's account's.
    let volume_header = if untrack(|| state.segments().volume_at_account_level()) {
        Text::DimAccountVolume
    } else {
        Text::DimVolume
    };
    let headers = [
        Text::ColumnName,
        Text::DimPotential,
        Text::DimAdoptionStage,
        volume_header,
    ];
    let export =
        move |_| export_members(state, members.get_untracked().unwrap_or_default(), &headers);
    let rows = move || {
        let language = state.language.get();
        members
            .get()
            .unwrap_or_default()
            .into_iter()
            .take(SHOWN)
            .map(|member| {
                let (name, id) = hcp(&member);
                view! {
                    <tr data-testid="matrix-member">
                        <th scope="row">
                            <a href=Route::customer_href(&id)>{name}</a>
                        </th>
                        <td class="number" data-testid="matrix-member-potential">
                            {format_integer(member.potential, language)}
                        </td>
                        <td
                            data-testid="matrix-member-stage"
                            data-stage=member.adoption_stage.to_string()
                        >
                            {stage_name(member.adoption_stage)}
                        </td>
                        <td class="number">{format_integer(member.volume, language)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let count = move || {
        format_integer(
            members.with(|m| m.as_ref().map_or(0, Vec::len)) as i64,
            state.language.get(),
        )
    };
    view! {
        <section class="card" data-testid="matrix-members">
            <h2 class="card-title">{state.tr(Text::MatrixMembersTitle)}</h2>
            <p data-testid="matrix-members-count">
                <strong>{count}</strong>
                " "
                {state.tr(Text::MatrixMembersCount)}
            </p>
            <div class="table-scroll">
                <table class="table">
                    <thead>
                        <tr>{headers.map(|key| view! { <th scope="col">{state.tr(key)}</th> })}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="matrix-members-csv"
                    on:click=export
                >
                    {state.tr(Text::ExportCsv)}
                </button>
            </div>
        </section>
    }
}

/// A member's HCP: its name and id.
fn member_hcp(state: AppState, member: &CellMember) -> (String, String) {
    state.session.workspace.with_untracked(|w| {
        w.as_ref()
            .and_then(|w| w.hcps.get(member.hcp))
            .map(|h| (h.name.clone(), h.id.clone()))
            .unwrap_or_default()
    })
}

/// Downloads a cell's members as CSV: name, potential, adoption stage, volume and id.
fn export_members(state: AppState, members: Vec<CellMember>, headers: &[Text]) {
    let rows = members.into_iter().map(|member| {
        let (name, id) = member_hcp(state, &member);
        vec![
            CsvCell::Text(name),
            CsvCell::Integer(member.potential),
            CsvCell::Integer(i64::from(member.adoption_stage)),
            CsvCell::Integer(member.volume),
            CsvCell::Text(id),
        ]
    });
    let table = CsvTable {
        headers: headers
            .iter()
            .map(|key| state.text(*key).to_string())
            .chain(["id".to_string()])
            .collect(),
        rows: rows.collect(),
    };
    let name = format!("omnirx-matrix-cell-{}.csv", file_date(state));
    let _ = crate::ui::browser::download_text(&name, &write_csv(&table), "text/csv;charset=utf-8");
}

fn strategy_key(strategy: Strategy) -> &'static str {
    match strategy {
        Strategy::Defend => "defend",
        Strategy::Grow => "grow",
        Strategy::Develop => "develop",
        Strategy::Maintain => "maintain",
        Strategy::Deprioritise => "deprioritise",
    }
}
