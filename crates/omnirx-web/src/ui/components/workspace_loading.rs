//! "Opening the workspace…" while a stored workspace is read, with how much of it is in: the
//! storage reads it a record per task, so the page draws this line and its bar as it goes.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::{format_percent, Text};

#[component]
pub fn WorkspaceLoading() -> impl IntoView {
    let state = use_app_state();
    let share = move || {
        state
            .session
            .reading
            .get()
            .filter(|(_, total)| *total > 0)
            .map(|(done, total)| (done as f64 / total as f64).clamp(0.0, 1.0))
    };
    view! {
        <div class="muted workspace-loading" role="status" data-testid="workspace-loading">
            <p>
                {state.tr(Text::WorkspaceLoading)}
                {move || {
                    share()
                        .map(|share| format!(" {}", format_percent(share, 0, state.language.get())))
                }}
            </p>
            <Show when=move || share().is_some()>
                <progress
                    max="1"
                    prop:value=move || share().unwrap_or(0.0)
                    data-testid="workspace-loading-bar"
                ></progress>
            </Show>
        </div>
    }
}
