//! The files merged into the open workspace, with what each brought (`docs/sharing.md`,
//! *Provenance*): a manager sees which rep's file brought what.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::sharing::provenance::{brought_by, Brought};
use omnirx_core::i18n::{format_integer, Text};

/// "32 HCPs, 1,204 interactions" in the UI's words.
fn brought_text(state: crate::ui::state::AppState, brought: &Brought) -> impl Fn() -> String {
    let counts: Vec<(&'static str, usize)> = brought.counts.iter().map(|(k, v)| (*k, *v)).collect();
    move || {
        let language = state.language.get();
        counts
            .iter()
            .map(|(list, count)| {
                let label = super::import_card::count_label(list)
                    .map_or_else(|| list.to_string(), |key| state.text(key).to_string());
                format!("{label} {}", format_integer(*count as i64, language))
            })
            .collect::<Vec<_>>()
            .join(if language == omnirx_core::i18n::Language::English {
                ", "
            } else {
                "，"
            })
    }
}

#[component]
pub(super) fn MergeSources() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let brought = Memo::new(move |_| {
        session.workspace.with(|workspace| {
            workspace
                .as_ref()
                .map(|w| brought_by(w))
                .unwrap_or_default()
        })
    });
    move || {
        let list = brought.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .iter()
                .map(|b| {
                    let written = b
                        .source
                        .written_at
                        .map(|at| {
                            let shown = at.to_string().replacen('T', " ", 1);
                            format!("{} UTC", shown.chars().take(16).collect::<String>())
                        })
                        .unwrap_or_default();
                    view! {
                        <tr data-testid="merge-source">
                            <td>{b.source.workspace.clone()}</td>
                            <td>{b.source.file.clone()}</td>
                            <td>{written}</td>
                            <td data-testid="merge-source-brought">{brought_text(state, b)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="merge-sources" data-testid="merge-sources">
                    <h3>{state.tr(Text::MergeSourcesTitle)}</h3>
                    <p class="muted">{state.tr(Text::MergeSourcesHint)}</p>
                    <div class="table-scroll">
                        <table class="table compact">
                            <thead>
                                <tr>
                                    <th>{state.tr(Text::MergeSourceWorkspace)}</th>
                                    <th>{state.tr(Text::MergeFile)}</th>
                                    <th>{state.tr(Text::MergeSourceWritten)}</th>
                                    <th>{state.tr(Text::MergeSourceBrought)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </div>
            }
        })
    }
}
