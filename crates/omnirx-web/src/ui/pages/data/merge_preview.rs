//! The merge preview: counts per kind, every conflict side by side (with when each side changed,
//! where known) and its choice, the choice for all, and a word when market rules summed theirs.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::components::market_rules::settled_text;
use crate::ui::state::merging::MergePreview;
use crate::ui::state::use_app_state;
use omnirx_core::domain::compliance::Settled;
use omnirx_core::domain::sharing::merge::Prefer;
use omnirx_core::domain::time::Timestamp;
use omnirx_core::i18n::{format_integer, Text};

fn prefer_value(prefer: Prefer) -> &'static str {
    match prefer {
        Prefer::Mine => "mine",
        Prefer::Theirs => "theirs",
        Prefer::Newer => "newer",
    }
}

fn prefer_of(value: &str) -> Prefer {
    match value {
        "theirs" => Prefer::Theirs,
        "newer" => Prefer::Newer,
        _ => Prefer::Mine,
    }
}

/// When a side's record last changed, as "changed 2026-12-01 09:00 UTC", or that it is unknown.
fn changed_text(state: crate::ui::state::AppState, at: Option<Timestamp>) -> impl Fn() -> String {
    move || match at {
        Some(at) => {
            // "2026-12-01T09:00:00Z" → "2026-12-01 09:00"
            let shown: String = at
                .to_string()
                .replacen('T', " ", 1)
                .chars()
                .take(16)
                .collect();
            format!("{} {shown} UTC", state.text(Text::MergeChangedAt))
        }
        None => state.text(Text::MergeTimeUnknown).to_string(),
    }
}

/// Keep mine / take theirs, as a select.
#[component]
fn PreferSelect(
    test_id: String,
    value: Signal<Prefer>,
    on_choose: Callback<Prefer>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <select
            data-testid=test_id
            prop:value=move || prefer_value(value.get())
            on:change=move |event| on_choose.run(prefer_of(&event_target_value(&event)))
        >
            <option value="mine">{state.tr(Text::MergeKeepMine)}</option>
            <option value="theirs">{state.tr(Text::MergeTakeTheirs)}</option>
            <option value="newer">{state.tr(Text::MergeTakeNewer)}</option>
        </select>
    }
}

/// The counts per kind, then every conflict with its choice.
#[component]
pub(super) fn MergePreviewView(preview: Arc<MergePreview>) -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging();
    let language = state.language;
    let rows = preview
        .counts
        .iter()
        .filter(|(_, c)| c.added + c.updated + c.conflicting + c.unchanged > 0)
        .map(|(list, c)| {
            let number = move |n: usize| move || format_integer(n as i64, language.get());
            // Of this kind's conflicts, those the choices made so far settle for theirs.
            let listed: Vec<(String, Prefer)> = preview
                .conflicts
                .iter()
                .filter(|listed| listed.conflict.list == *list)
                .map(|listed| (listed.key.clone(), listed.conflict.newer()))
                .collect();
            let updated = move || {
                let taken = listed
                    .iter()
                    .filter(|(key, newer)| match merging.choice(key) {
                        Prefer::Theirs => true,
                        Prefer::Newer => *newer == Prefer::Theirs,
                        Prefer::Mine => false,
                    })
                    .count();
                format_integer(taken as i64, language.get())
            };
            view! {
                <tr data-testid=format!("merge-count-{list}")>
                    <th scope="row">{kind_label(state, list)}</th>
                    <td class="number">{number(c.added)}</td>
                    <td class="number">{updated}</td>
                    <td class="number">{number(c.conflicting)}</td>
                    <td class="number">{number(c.unchanged)}</td>
                </tr>
            }
        })
        .collect_view();
    let conflicts = preview
        .conflicts
        .iter()
        .flat_map(|listed| {
            let key = listed.key.clone();
            listed
                .conflict
                .fields
                .iter()
                .enumerate()
                .map(move |(position, field)| {
                    let key = key.clone();
                    let choice = (position == 0).then(|| {
                        let key_for_choice = key.clone();
                        view! {
                            <PreferSelect
                                test_id="merge-conflict-choice".into()
                                value=Signal::derive(move || merging.choice(&key_for_choice))
                                on_choose=Callback::new(move |prefer| merging.choose(&key, prefer))
                            />
                        }
                    });
                    let times = (position == 0).then(|| {
                        let conflict = &listed.conflict;
                        (
                            changed_text(state, conflict.mine_updated_at),
                            changed_text(state, conflict.theirs_updated_at),
                        )
                    });
                    let (mine_time, theirs_time) = times.unzip();
                    view! {
                        <tr data-testid="merge-conflict">
                            <td>{listed.file.clone()}</td>
                            <td>
                                {kind_label(state, &listed.conflict.list)} " "
                                {listed.conflict.id.clone()}
                            </td>
                            <td>{field.field.clone()}</td>
                            <td>
                                <span data-testid="merge-mine">{field.mine.clone()}</span>
                                <small class="muted merge-time" data-testid="merge-mine-time">
                                    {mine_time}
                                </small>
                            </td>
                            <td>
                                <span data-testid="merge-theirs">{field.theirs.clone()}</span>
                                <small class="muted merge-time" data-testid="merge-theirs-time">
                                    {theirs_time}
                                </small>
                            </td>
                            <td>{choice}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect_view();
    let has_conflicts = !preview.conflicts.is_empty();
    let aggregation = preview.aggregation;
    let aggregated = move || {
        let settled = Settled {
            aggregation,
            left_out: 0,
        };
        settled_text(language.get(), &settled).map(|text| {
            view! {
                <p class="alert alert-info" role="note" data-testid="merge-aggregated">
                    {text}
                </p>
            }
        })
    };
    view! {
        <div class="preview" data-testid="merge-preview">
            <h3>{state.tr(Text::MergePreviewTitle)}</h3>
            {aggregated}
            <div class="table-scroll">
                <table class="table compact">
                    <thead>
                        <tr>
                            <th></th>
                            <th class="number">{state.tr(Text::MergeAdded)}</th>
                            <th class="number">{state.tr(Text::MergeUpdated)}</th>
                            <th class="number">{state.tr(Text::MergeConflicting)}</th>
                            <th class="number">{state.tr(Text::MergeUnchanged)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || has_conflicts>
                <MergeConflictsHeader />
            </Show>
            <div class="table-scroll">
                <table class="table compact merge-conflicts">
                    <Show when=move || has_conflicts>
                        <MergeConflictsColumns />
                    </Show>
                    <tbody>{conflicts}</tbody>
                </table>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    data-testid="merge-confirm"
                    on:click=move |_| {
                        merging.confirm();
                        state.tables().undoable.set(None);
                    }
                >
                    {state.tr(Text::MergeConfirm)}
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    data-testid="merge-cancel"
                    on:click=move |_| merging.cancel()
                >
                    {state.tr(Text::Cancel)}
                </button>
            </div>
        </div>
    }
}

/// A kind of record in the UI's words (a table mapping keeps its key).
fn kind_label(
    state: crate::ui::state::AppState,
    list: &str,
) -> impl Fn() -> String + Send + Sync + 'static {
    let list = list.to_string();
    move || match super::import_card::count_label(&list) {
        Some(key) => state.text(key).to_string(),
        None => list.clone(),
    }
}

/// The conflicts table's column heads.
#[component]
fn MergeConflictsColumns() -> impl IntoView {
    let state = use_app_state();
    view! {
        <thead>
            <tr>
                <th>{state.tr(Text::MergeFile)}</th>
                <th>{state.tr(Text::MergeRecord)}</th>
                <th>{state.tr(Text::MergeField)}</th>
                <th>{state.tr(Text::MergeMine)}</th>
                <th>{state.tr(Text::MergeTheirs)}</th>
                <th>{state.tr(Text::MergeChoice)}</th>
            </tr>
        </thead>
    }
}

/// The conflicts' title and the choice for all of them.
#[component]
fn MergeConflictsHeader() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging();
    view! {
        <h4>{state.tr(Text::MergeConflictsTitle)}</h4>
        <div class="controls">
            <label class="control">
                <span class="control-label">{state.tr(Text::MergeAllConflicts)}</span>
                <PreferSelect
                    test_id="merge-all".into()
                    value=Signal::derive(move || merging.all.get())
                    on_choose=Callback::new(move |prefer| merging.all.set(prefer))
                />
            </label>
        </div>
    }
}
