//! The panel that edits what is selected on the map: a stage (name, emotion, link, order), a card (text, severity, channel, order) or an empty cell (a new card).

mod card_editor;
mod cell_editor;
mod selected_stage;
mod stage_editor;
mod stage_link_select;

use leptos::prelude::*;

use crate::ui::state::journey_editor::MapSelection;
use crate::ui::state::use_app_state;
use card_editor::CardEditor;
use cell_editor::CellEditor;
use omnirx_core::i18n::Text;
use stage_editor::StageEditor;

/// The editor of the selection, or a hint when nothing is selected.
#[component]
pub fn JourneyEditorPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    view! {
        <section class="card journey-editor no-print" data-testid="journey-editor">
            {move || match editor.selection.get() {
                MapSelection::Nothing => {
                    view! {
                        <p class="muted" data-testid="journey-editor-hint">
                            {state.tr(Text::JourneysEditHint)}
                        </p>
                    }
                        .into_any()
                }
                MapSelection::Stage(id) => view! { <StageEditor stage_id=id /> }.into_any(),
                MapSelection::Card(id) => view! { <CardEditor card_id=id /> }.into_any(),
                MapSelection::Cell { stage_id, lane_id } => {
                    view! { <CellEditor stage_id=stage_id lane_id=lane_id /> }.into_any()
                }
            }}
        </section>
    }
}
