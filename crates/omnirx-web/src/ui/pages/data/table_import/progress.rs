//! The progress of the worker's reading, checking or writing, with the cancel button that stops
//! it for good.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::protocol::Stage;
use omnirx_core::i18n::{format_integer, format_percent, phrases, Text};

/// What the worker is doing, in words (a table's or a workspace file's import alike).
pub fn stage_text(stage: Stage) -> Text {
    match stage {
        Stage::Reading => Text::TableReading,
        Stage::Planning => Text::TablePlanning,
        Stage::Writing => Text::TableWriting,
    }
}

#[component]
pub fn ImportProgress(stage: Stage) -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let label = stage_text(stage);
    let share = move || tables.progress.get().and_then(|p| p.share());
    let words = move || {
        let language = state.language.get();
        tables.progress.get().map(|p| {
            phrases::table_progress(
                language,
                format_integer(p.rows as i64, language),
                share()
                    .map(|s| format_percent(s, 0, language))
                    .unwrap_or_default(),
            )
        })
    };
    view! {
        <div class="import-progress" role="status" data-testid="table-progress">
            <p>{state.tr(label)}</p>
            <progress
                max="1"
                prop:value=move || share().unwrap_or(0.0)
                data-testid="table-progress-bar"
            ></progress>
            <p class="muted" data-testid="table-progress-text">
                {words}
            </p>
            <button
                type="button"
                class="button button-secondary"
                data-testid="table-cancel"
                on:click=move |_| tables.cancel()
            >
                {state.tr(Text::TableCancel)}
            </button>
        </div>
    }
}
