//! The merge card: reps' workspace files merged into the open workspace, previewed with counts
//! and conflicts side by side, each settled (or all at once), written once, undone on request.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::merging::{MergePreview, MergeStep};
use crate::ui::state::use_app_state;
use omnirx_core::domain::sharing::merge::Prefer;
use omnirx_core::i18n::{format_integer, Text};

fn prefer_value(prefer: Prefer) -> &'static str {
    match prefer {
        Prefer::Mine => "mine",
        Prefer::Theirs => "theirs",
    }
}

fn prefer_of(value: &str) -> Prefer {
    if value == "theirs" {
        Prefer::Theirs
    } else {
        Prefer::Mine
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
        </select>
    }
}

/// The counts per kind, then every conflict with its choice.
#[component]
fn MergePreviewView(preview: Arc<MergePreview>) -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging;
    let language = state.language;
    let rows = preview
        .counts
        .iter()
        .filter(|(_, c)| c.added + c.updated + c.conflicting + c.unchanged > 0)
        .map(|(list, c)| {
            let number = move |n: usize| move || format_integer(n as i64, language.get());
            view! {
                <tr data-testid=format!("merge-count-{list}")>
                    <th scope="row">{kind_label(state, list)}</th>
                    <td class="number">{number(c.added)}</td>
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
                    view! {
                        <tr data-testid="merge-conflict">
                            <td>{listed.file.clone()}</td>
                            <td>
                                {kind_label(state, &listed.conflict.list)} " "
                                {listed.conflict.id.clone()}
                            </td>
                            <td>{field.field.clone()}</td>
                            <td data-testid="merge-mine">{field.mine.clone()}</td>
                            <td data-testid="merge-theirs">{field.theirs.clone()}</td>
                            <td>{choice}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect_view();
    let has_conflicts = !preview.conflicts.is_empty();
    view! {
        <div class="preview" data-testid="merge-preview">
            <h3>{state.tr(Text::MergePreviewTitle)}</h3>
            <div class="table-scroll">
                <table class="table compact">
                    <thead>
                        <tr>
                            <th></th>
                            <th class="number">{state.tr(Text::MergeAdded)}</th>
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
                    on:click=move |_| merging.confirm()
                >
                    {state.tr(Text::MergeConfirm)}
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    data-testid="merge-cancel"
                    on:click=move |_| merging.step.set(MergeStep::Idle)
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
    let merging = state.merging;
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

/// What the card shows under its file picker.
#[component]
fn MergeStatus() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging;
    move || match merging.step.get() {
        MergeStep::Idle => ().into_any(),
        MergeStep::Reading => {
            view! { <p class="muted">{state.tr(Text::ImportReading)}</p> }.into_any()
        }
        MergeStep::Preview(preview) => view! { <MergePreviewView preview=preview /> }.into_any(),
        MergeStep::Refused(files) => view! {
            <div class="alert alert-error" role="alert" data-testid="merge-refused">
                {files
                    .into_iter()
                    .map(|(file, why)| view! { <p>{format!("{file}: {why}")}</p> })
                    .collect_view()}
            </div>
        }
        .into_any(),
        MergeStep::Merged => view! {
            <p class="alert alert-success" role="status" data-testid="merge-done">
                {state.tr(Text::MergeDone)}
                " "
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="merge-undo"
                    on:click=move |_| merging.undo()
                >
                    {state.tr(Text::MergeUndo)}
                </button>
            </p>
        }
        .into_any(),
        MergeStep::Undone => view! {
            <p class="alert alert-success" role="status" data-testid="merge-undone">
                {state.tr(Text::MergeUndone)}
            </p>
        }
        .into_any(),
    }
}

#[component]
pub(super) fn MergeCard() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging;
    let on_files = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = input.files().map_or_else(Vec::new, |list| {
            (0..list.length())
                .filter_map(|index| list.get(index))
                .collect()
        });
        input.set_value("");
        if !files.is_empty() {
            merging.read(files, state.language.get_untracked());
        }
    };
    view! {
        <section class="card" data-testid="merge-card">
            <h2>{state.tr(Text::MergeTitle)}</h2>
            <p class="muted">{state.tr(Text::MergeHint)}</p>
            <label class="file-picker">
                <span class="button button-secondary">{state.tr(Text::MergeFiles)}</span>
                <input
                    type="file"
                    multiple
                    accept=".json,application/json"
                    data-testid="merge-files"
                    on:change=on_files
                />
            </label>
            <MergeStatus />
        </section>
    }
}
