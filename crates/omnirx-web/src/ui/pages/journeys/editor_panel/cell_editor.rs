//! The editor of an empty spot of a cell: a new card's text, typed as soon as the cell is clicked.

use leptos::prelude::*;

use crate::ui::pages::journeys::lane_title;
use crate::ui::state::use_app_state;
use omnirx_core::domain::journey::editing::add_card;
use omnirx_core::i18n::Text;

/// A new card for the clicked cell, its field focused.
#[component]
pub(super) fn CellEditor(stage_id: String, lane_id: String) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let place = {
        let (stage_id, lane_id) = (stage_id.clone(), lane_id.clone());
        move || {
            let language = state.language.get();
            editor.map.with(|map| {
                let map = map.as_ref()?;
                let stage = map.stages.get(map.stage_index(&stage_id)?)?;
                let lane = map.lanes.get(map.lane_index(&lane_id)?)?;
                Some(format!("{} · {}", stage.name, lane_title(language, lane)))
            })
        }
    };
    let new_text = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    // The field takes the focus, so a click on a cell and typing is all it takes.
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });
    let ids = StoredValue::new((stage_id, lane_id));
    let add = move || {
        let value = new_text.get_untracked();
        if value.trim().is_empty() {
            return;
        }
        let (stage_id, lane_id) = ids.get_value();
        editor.edit(|map| {
            add_card(map, &stage_id, &lane_id, &value);
        });
        new_text.set(String::new());
    };
    view! {
        <h2>{state.tr(Text::JourneysAddCard)}</h2>
        <p class="muted" data-testid="journey-cell-place">
            {state.tr(Text::JourneysAddCardTo)}
            ": "
            {place}
        </p>
        <div class="control-row">
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                <input
                    type="text"
                    node_ref=input
                    data-testid="journey-new-card-text"
                    maxlength="200"
                    placeholder=state.tr(Text::JourneysCardPlaceholder)
                    prop:value=move || new_text.get()
                    on:input=move |event| new_text.set(event_target_value(&event))
                    on:keydown=move |event| {
                        if event.key() == "Enter" {
                            add();
                        }
                    }
                />
            </label>
            <button
                type="button"
                class="button"
                data-testid="journey-add-card"
                on:click=move |_| add()
            >
                {state.tr(Text::JourneysAddCard)}
            </button>
        </div>
    }
}
