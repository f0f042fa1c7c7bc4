//! The outcome of the last storage action, shown above every page: saved elsewhere, failed, or
//! kept as a copy because another tab saved first.

use leptos::prelude::*;

use crate::ui::state::session::{describe_read_failure, describe_storage_error, Notice};
use crate::ui::state::use_app_state;
use omnirx_core::i18n::{phrases, Text};

/// The session's notice. A failure is shown wherever the user is when it happens (an edit on
/// any page may fail to save), so this sits in the shell rather than on the Data page.
#[component]
pub fn SessionNotice() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let dismiss = move || {
        view! {
            <button
                type="button"
                class="button button-small button-quiet"
                data-testid="notice-dismiss"
                on:click=move |_| session.notice.set(None)
            >
                {state.text(Text::Dismiss)}
            </button>
        }
    };
    let failure = move |message: String| {
        view! {
            <p class="alert alert-error" role="alert" data-testid="notice">
                <span>{message}</span>
                " "
                {dismiss()}
            </p>
        }
        .into_any()
    };
    move || {
        let language = state.language.get();
        session.notice.get().map(|notice| match notice {
            Notice::Imported => view! {
                <p class="alert alert-success" role="status" data-testid="notice">
                    {state.text(Text::ImportDone)}
                </p>
            }
            .into_any(),
            Notice::StorageFailed(error) => failure(describe_storage_error(language, &error)),
            Notice::DemoUnavailable => failure(state.text(Text::DemoUnavailable).to_string()),
            Notice::Unreadable { name, error } => failure(phrases::workspace_unreadable(
                language,
                &name,
                describe_read_failure(language, &error),
            )),
            Notice::EditsKeptAsCopy { name } => view! {
                <p class="alert alert-warning" role="alert" data-testid="notice">
                    <span>{state.text(Text::EditsKeptAsCopy)}</span>
                    "“"
                    <strong data-testid="notice-copy-name">{name}</strong>
                    "”"
                    {state.text(Text::SentenceEnd)}
                    " "
                    {dismiss()}
                </p>
            }
            .into_any(),
        })
    }
}
