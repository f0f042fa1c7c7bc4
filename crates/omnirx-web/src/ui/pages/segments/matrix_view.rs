//! The potential × support matrix: adjustable cut-offs, a strategy per cell, and the HCPs of the cell clicked.

use leptos::prelude::*;

use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::csv_export::{write_csv, CsvCell, CsvTable};
use omnirx_core::domain::segmentation::matrix::cell_of;
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_integer, format_percent, Text};
use omnirx_core::view::labels::{channel_kind_text, strategy_text};
use omnirx_core::view::route::Route;

use super::file_date;

/// Rows listed under the matrix at once; the count says how many there are.
const SHOWN: usize = 200;

/// "12, 40" → [12, 40]; `None` when any part is not a whole number.
pub fn parse_cutoffs(text: &str) -> Option<Vec<i64>> {
    text.split([',', '，', ' '])
        .filter(|part| !part.trim().is_empty())
        .map(|part| part.trim().parse::<i64>().ok())
        .collect()
}

/// Band labels of an axis: "< 20", "20–49", "≥ 50".
fn band_labels(cutoffs: &[i64]) -> Vec<String> {
    let mut labels = Vec::with_capacity(cutoffs.len() + 1);
    if let Some(first) = cutoffs.first() {
        labels.push(format!("< {first}"));
    }
    for pair in cutoffs.windows(2) {
        if pair[1] - 1 == pair[0] {
            labels.push(pair[0].to_string());
        } else {
            labels.push(format!("{}–{}", pair[0], pair[1] - 1));
        }
    }
    if let Some(last) = cutoffs.last() {
        labels.push(format!("≥ {last}"));
    }
    labels
}

/// The members of the selected cell: (hcp, name, id, potential, stage, volume).
fn cell_members(state: AppState) -> Vec<(String, String, i64, u8, i64)> {
    let Some((potential_band, support_band)) = state.segments.page.selected_cell.get() else {
        return Vec::new();
    };
    let Some(matrix) = state.segments.matrix.get() else {
        return Vec::new();
    };
    let (Some(base), Some(profiles)) = (state.segments.base.get(), state.segments.profiles.get())
    else {
        return Vec::new();
    };
    state.session.workspace.with_untracked(|w| {
        let Some(w) = w.as_ref() else {
            return Vec::new();
        };
        let mut members: Vec<_> = (0..base.hcp_count())
            .filter(|&hcp| {
                cell_of(&base, &profiles, hcp, &matrix.cutoffs) == (potential_band, support_band)
            })
            .map(|hcp| {
                (
                    w.hcps[hcp].name.clone(),
                    w.hcps[hcp].id.clone(),
                    base.attributes[hcp].potential,
                    profiles.figures[hcp].adoption_stage,
                    profiles.figures[hcp].volume,
                )
            })
            .collect();
        // The biggest opportunities first.
        members.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
        members
    })
}

#[component]
pub fn SegmentMatrix() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments;
    let page = analysis.page;
    let stage_names = move || {
        state.funnels.headline.with(|h| {
            h.as_ref()
                .map(|h| h.steps.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
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
    let potential_text = move || {
        cutoffs()
            .map(|c| {
                c.potential
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let support_text = move || {
        cutoffs()
            .map(|c| {
                c.support
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let grid = move || {
        let language = state.language.get();
        let matrix = analysis.matrix.get()?;
        let potential_labels = band_labels(&matrix.cutoffs.potential);
        let support_cutoffs: Vec<i64> = matrix
            .cutoffs
            .support
            .iter()
            .map(|&s| i64::from(s))
            .collect();
        let support_labels = band_labels(&support_cutoffs);
        let columns = matrix.cutoffs.support_bands();
        let selected = page.selected_cell.get();
        let rows = (0..matrix.cutoffs.potential_bands()).rev().map(|potential_band| {
            let cells = (0..columns).map(|support_band| {
                let cell = matrix.cell(potential_band, support_band).clone();
                let strategy = cell.recommendation.strategy;
                let mix = cell
                    .recommendation
                    .channel_mix
                    .iter()
                    .map(|(kind, share)| format!("{} {share}%", state.text(channel_kind_text(*kind))))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let is_selected = selected == Some((potential_band, support_band));
                view! {
                    <td>
                        <button
                            type="button"
                            class=format!("matrix-cell strategy-{}", strategy_key(strategy))
                            class:matrix-cell-selected=is_selected
                            aria-pressed=is_selected.to_string()
                            data-testid="matrix-cell"
                            data-potential-band=potential_band.to_string()
                            data-support-band=support_band.to_string()
                            on:click=move |_| page.selected_cell.set(Some((potential_band, support_band)))
                        >
                            <span class="matrix-count" data-testid="matrix-count">{format_integer(cell.count as i64, language)}</span>
                            <span class="matrix-share">{phrases::matrix_share_of_rx(language, format_percent(cell.volume_share, 0, language))}</span>
                            <strong class="matrix-strategy" data-testid="matrix-strategy">{state.text(strategy_text(strategy))}</strong>
                            <span class="matrix-detail">{phrases::matrix_calls_per_month(language, format_calls(cell.recommendation.calls_per_month))}</span>
                            <span class="matrix-detail muted">{mix}</span>
                        </button>
                    </td>
                }
            }).collect_view();
            view! {
                <tr>
                    <th scope="row" class="matrix-axis">{potential_labels[potential_band].clone()}</th>
                    {cells}
                </tr>
            }
        }).collect_view();
        Some(view! {
            <div class="table-scroll">
                <table class="matrix" data-testid="segment-matrix">
                    <caption class="muted">{state.text(Text::MatrixCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="matrix-corner">{format!("{} ↓ / {} →", state.text(Text::MatrixPotentialAxis), state.text(Text::MatrixSupportAxis))}</th>
                            {support_labels.into_iter().map(|label| view! { <th scope="col" class="matrix-axis">{phrases::matrix_stage(state.language.get(), label)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    let members = Memo::new(move |_| cell_members(state));
    let export_members = move |_| {
        let table = CsvTable {
            headers: [
                Text::ColumnName,
                Text::DimPotential,
                Text::DimAdoptionStage,
                Text::DimVolume,
            ]
            .into_iter()
            .map(|key| state.text(key).to_string())
            .chain(std::iter::once("id".to_string()))
            .collect(),
            rows: members
                .get_untracked()
                .into_iter()
                .map(|(name, id, potential, stage, volume)| {
                    vec![
                        CsvCell::Text(name),
                        CsvCell::Integer(potential),
                        CsvCell::Integer(i64::from(stage)),
                        CsvCell::Integer(volume),
                        CsvCell::Text(id),
                    ]
                })
                .collect(),
        };
        let _ = crate::ui::browser::download_text(
            &format!("omnirx-matrix-cell-{}.csv", file_date(state)),
            &write_csv(&table),
            "text/csv;charset=utf-8",
        );
    };
    let member_list = move || {
        page.selected_cell.get()?;
        let language = state.language.get();
        let names = stage_names();
        let members = members.get();
        let stage_name = move |stage: u8| {
            if stage == 0 {
                state.text(Text::StageNotEntered).to_string()
            } else {
                names
                    .get(usize::from(stage) - 1)
                    .cloned()
                    .unwrap_or_default()
            }
        };
        Some(view! {
            <section class="card" data-testid="matrix-members">
                <h2 class="card-title">{state.text(Text::MatrixMembersTitle)}</h2>
                <p data-testid="matrix-members-count"><strong>{format_integer(members.len() as i64, language)}</strong>" "{state.text(Text::MatrixMembersCount)}</p>
                <div class="table-scroll">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{state.text(Text::ColumnName)}</th>
                            <th scope="col">{state.text(Text::DimPotential)}</th>
                            <th scope="col">{state.text(Text::DimAdoptionStage)}</th>
                            <th scope="col">{state.text(Text::DimVolume)}</th>
                        </tr></thead>
                        <tbody>
                            {members.into_iter().take(SHOWN).map(|(name, id, potential, stage, volume)| view! {
                                <tr data-testid="matrix-member">
                                    <th scope="row"><a href=Route::customer_href(&id)>{name}</a></th>
                                    <td class="number" data-testid="matrix-member-potential">{format_integer(potential, language)}</td>
                                    <td data-testid="matrix-member-stage" data-stage=stage.to_string()>{stage_name(stage)}</td>
                                    <td class="number">{format_integer(volume, language)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="button" class="button button-secondary" data-testid="matrix-members-csv" on:click=export_members>{state.text(Text::ExportCsv)}</button>
                </div>
            </section>
        })
    };
    view! {
        <section class="card" data-testid="segment-matrix-card">
            <h2 class="card-title">{state.tr(Text::MatrixTitle)}</h2>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::MatrixPotentialCutoffs)}</span>
                    <input type="text" inputmode="numeric" data-testid="matrix-potential-cutoffs" prop:value=potential_text
                        on:change=move |e| set_cutoffs(true, event_target_value(&e))/>
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::MatrixSupportCutoffs)}</span>
                    <input type="text" inputmode="numeric" data-testid="matrix-support-cutoffs" prop:value=support_text
                        on:change=move |e| set_cutoffs(false, event_target_value(&e))/>
                </label>
                <button type="button" class="button button-secondary" data-testid="matrix-reset"
                    on:click=move |_| { page.cutoffs.set(None); page.selected_cell.set(None); set_error.set(false); }>
                    {state.tr(Text::MatrixReset)}
                </button>
            </div>
            <Show when=move || error.get()>
                <p class="error" role="alert" data-testid="matrix-cutoff-error">{state.tr(Text::MatrixCutoffError)}</p>
            </Show>
            <p class="muted">
                {state.tr(Text::MatrixStagesAre)}" "
                {move || stage_names().into_iter().enumerate().map(|(i, n)| format!("{} {}", i + 1, n)).collect::<Vec<_>>().join(" · ")}
            </p>
            {grid}
        </section>
        {member_list}
    }
}

fn strategy_key(strategy: omnirx_core::domain::segmentation::matrix::Strategy) -> &'static str {
    use omnirx_core::domain::segmentation::matrix::Strategy;
    match strategy {
        Strategy::Defend => "defend",
        Strategy::Grow => "grow",
        Strategy::Develop => "develop",
        Strategy::Maintain => "maintain",
        Strategy::Deprioritise => "deprioritise",
    }
}

fn format_calls(calls: f64) -> String {
    if calls.fract() == 0.0 {
        format!("{calls:.0}")
    } else {
        format!("{calls:.2}")
    }
}
