//! How the import ended: done (with "undo the last import"), undone, or stopped with the reason
//! in the user's language — a file that is not a table, storage that refused, a cancel.

use leptos::prelude::*;

use crate::ui::components::market_rules::settled_text;
use crate::ui::state::table_import::{Failure, Step};
use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::undo::UndoProblem;
use omnirx_core::i18n::table_messages::{describe_read_error, done_summary};
use omnirx_core::i18n::Text;

#[component]
pub fn ImportOutcome() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let message = move || {
        let language = state.language.get();
        match tables.step.get() {
            Step::Done { counts, .. } => Some((
                "alert alert-success",
                "table-done",
                done_summary(language, &counts),
            )),
            Step::Undone => Some((
                "alert alert-success",
                "table-undone",
                state.text(Text::TableUndone).to_string(),
            )),
            Step::Failed(failure) => Some((
                "alert alert-error",
                "table-failed",
                match failure {
                    Failure::Read(error) => describe_read_error(language, &error),
                    Failure::Storage(message) => message,
                    Failure::Undo(UndoProblem::ChangedSince | UndoProblem::WouldBreak) => {
                        state.text(Text::TableUndoChanged).to_string()
                    }
                    Failure::Cancelled => state.text(Text::TableCancelled).to_string(),
                    Failure::WorkerDied => state.text(Text::TableWorkerFailed).to_string(),
                },
            )),
            _ => None,
        }
    };
    let settled = move || match tables.step.get() {
        Step::Done { settled, .. } => settled_text(state.language.get(), &settled),
        _ => None,
    };
    let can_undo =
        move || matches!(tables.step.get(), Step::Done { .. }) && tables.undoable.get().is_some();
    view! {
        {move || {
            message()
                .map(|(class, id, text)| {
                    view! {
                        <p class=class role="status" data-testid=id>
                            {text}
                        </p>
                    }
                })
        }}
        {move || {
            settled()
                .map(|text| {
                    view! {
                        <p
                            class="alert alert-info"
                            role="status"
                            data-testid="table-market-rules-done"
                        >
                            {text}
                        </p>
                    }
                })
        }}
        <div class="actions">
            <Show when=can_undo>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="table-undo"
                    on:click=move |_| tables.undo()
                >
                    {state.tr(Text::TableUndo)}
                </button>
            </Show>
        </div>
    }
}
