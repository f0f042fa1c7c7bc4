//! The merge card: reps' workspace files (encrypted ones too) merged into the open workspace,
//! previewed with counts and conflicts side by side, written once, undone on request (after a
//! reload too, until the next import), and the files merged so far with what each brought.

use leptos::prelude::*;

use super::passphrase::PassphraseInput;
use wasm_bindgen::JsCast;

use super::merge_preview::MergePreviewView;
use super::merge_sources::MergeSources;
use crate::ui::state::merging::MergeStep;
use crate::ui::state::use_app_state;
use omnirx_core::i18n::{format_integer, phrases, Text};

/// Encrypted files: the passphrase asked for (one for all); a wrong one says so and asks again.
#[component]
fn MergeUnlock(files: Vec<String>, wrong: bool) -> impl IntoView {
    let state = use_app_state();
    let passphrase = RwSignal::new(String::new());
    let unlock = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let language = state.language.get_untracked();
        state.merging().unlock(passphrase.get_untracked(), language);
    };
    let wrong_text = move || {
        let error = omnirx_core::domain::sharing::envelope::OpenError::WrongPassphrase;
        omnirx_core::i18n::sharing_messages::describe_open_error(state.language.get(), &error)
    };
    view! {
        <form class="unlock" data-testid="merge-locked" on:submit=unlock>
            <h3>{state.tr(Text::MergeLockedTitle)}</h3>
            <p class="muted">{files.join(", ")}</p>
            <PassphraseInput
                label=Text::ImportPassphrase
                test_id="merge-passphrase"
                value=passphrase
            />
            <Show when=move || wrong>
                <p class="alert alert-error" role="alert" data-testid="merge-wrong-passphrase">
                    {wrong_text}
                </p>
            </Show>
            <div class="actions">
                <button type="submit" class="button" data-testid="merge-unlock">
                    {state.tr(Text::MergeUnlock)}
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| state.merging().cancel()
                >
                    {state.tr(Text::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// "The last merge can be undone: a.json, b.json [Undo the merge]", read from the stored note,
/// so it is offered after a reload too, until the next import.
#[component]
fn MergeUndoOffer() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging();
    let session = state.session;
    let undoable = LocalResource::new(move || {
        merging.written.track();
        session.workspace.track();
        let id = session.workspace_id.get();
        async move {
            match id {
                Some(id) => merging.undoable(id).await,
                None => None,
            }
        }
    });
    move || {
        let files = undoable.get().flatten()?;
        let busy = matches!(
            merging.step.get(),
            MergeStep::Preview(_)
                | MergeStep::Locked { .. }
                | MergeStep::Reading
                | MergeStep::Merging { .. }
        );
        (!busy).then(|| {
            view! {
                <p class="alert alert-info" role="status" data-testid="merge-undo-offer">
                    {state.tr(Text::MergeUndoOf)}
                    {files.join(", ")}
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
        })
    }
}

/// What the card shows under its file picker.
#[component]
fn MergeStatus() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging();
    move || match merging.step.get() {
        MergeStep::Idle => ().into_any(),
        MergeStep::Reading => {
            view! { <p class="muted">{state.tr(Text::ImportReading)}</p> }.into_any()
        }
        MergeStep::Merging { done, total } => view! {
            <div class="import-progress" role="status" data-testid="merge-merging">
                <p>
                    {move || {
                        let language = state.language.get();
                        phrases::merge_progress(
                            language,
                            format_integer((done + 1) as i64, language),
                            format_integer(total as i64, language),
                        )
                    }}
                </p>
                <progress max=total value=done></progress>
            </div>
        }
        .into_any(),
        MergeStep::Locked { files, wrong } => {
            view! { <MergeUnlock files=files wrong=wrong /> }.into_any()
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
        MergeStep::TooLarge { megabytes, limit } => view! {
            <p class="alert alert-error" role="alert" data-testid="merge-too-large">
                {move || {
                    let language = state.language.get();
                    phrases::merge_too_large(
                        language,
                        format_integer(megabytes as i64, language),
                        format_integer(limit as i64, language),
                    )
                }}
            </p>
        }
        .into_any(),
        MergeStep::Merged => view! {
            <p class="alert alert-success" role="status" data-testid="merge-done">
                {state.tr(Text::MergeDone)}
            </p>
        }
        .into_any(),
        MergeStep::Undone => view! {
            <p class="alert alert-success" role="status" data-testid="merge-undone">
                {state.tr(Text::MergeUndone)}
            </p>
        }
        .into_any(),
        MergeStep::UndoFailed(_) => view! {
            <p class="alert alert-error" role="alert" data-testid="merge-undo-failed">
                {state.tr(Text::MergeUndoFailed)}
            </p>
        }
        .into_any(),
    }
}

#[component]
pub(super) fn MergeCard() -> impl IntoView {
    let state = use_app_state();
    let merging = state.merging();
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
            <MergeUndoOffer />
            <MergeSources />
        </section>
    }
}
