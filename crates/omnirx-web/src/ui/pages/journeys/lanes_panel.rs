//! The lanes of the open map: show or hide, rename, reorder, add and delete.

use leptos::prelude::*;

use super::lane_title;
use crate::ui::state::use_app_state;
use omnirx_core::domain::journey::editing::{
    add_lane, move_lane, remove_lane, rename_lane, set_lane_hidden,
};
use omnirx_core::domain::journey::model::MAX_LANES;
use omnirx_core::i18n::Text;

#[component]
pub fn JourneyLanesPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let lanes = move || {
        let language = state.language.get();
        editor.map.with(|map| {
            map.as_ref()
                .map(|map| {
                    map.lanes
                        .iter()
                        .map(|lane| (lane.clone(), lane_title(language, lane)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let count = move || {
        editor
            .map
            .with(|map| map.as_ref().map_or(0, |map| map.lanes.len()))
    };
    view! {
        <section class="card no-print" data-testid="journey-lanes">
            <h2>{state.tr(Text::JourneysLanes)}</h2>
            <ul class="journey-lane-list">
                {move || {
                    let total = count();
                    lanes()
                        .into_iter()
                        .enumerate()
                        .map(|(index, (lane, title))| {
                            view! {
                                <LaneItem
                                    index=index
                                    id=lane.id.clone()
                                    hidden=lane.hidden
                                    title=title
                                    total=total
                                />
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-add-lane"
                disabled={move || count() >= MAX_LANES}
                on:click=move |_| {
                    let name = state.text(Text::JourneysNewLaneName).to_string();
                    editor
                        .edit(|map| {
                            add_lane(map, name);
                        });
                }
            >
                {state.tr(Text::JourneysAddLane)}
            </button>
        </section>
    }
}

/// One lane: shown or hidden, its name, up, down and delete.
#[component]
fn LaneItem(index: usize, id: String, hidden: bool, title: String, total: usize) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let shown = !hidden;
    view! {
        <li class="journey-lane-item" data-testid="journey-lane-item" data-lane-id=id>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=shown
                    data-testid="journey-lane-shown"
                    on:change=move |event| {
                        let hidden = !event_target_checked(&event);
                        editor.edit(|map| set_lane_hidden(map, index, hidden));
                    }
                />
                {state.tr(Text::JourneysLaneShown)}
            </label>
            <input
                type="text"
                aria-label=state.tr(Text::JourneysLaneName)
                prop:value=title
                data-testid="journey-lane-name"
                on:change=move |event| {
                    let value = event_target_value(&event);
                    editor.edit(|map| rename_lane(map, index, value));
                }
            />
            <button
                type="button"
                class="button button-small button-secondary"
                disabled={index == 0}
                on:click=move |_| {
                    editor
                        .edit(|map| {
                            move_lane(map, index, -1);
                        })
                }
            >
                {state.tr(Text::MoveUp)}
            </button>
            <button
                type="button"
                class="button button-small button-secondary"
                disabled={index + 1 >= total}
                on:click=move |_| {
                    editor
                        .edit(|map| {
                            move_lane(map, index, 1);
                        })
                }
            >
                {state.tr(Text::MoveDown)}
            </button>
            <button
                type="button"
                class="button button-small button-danger"
                disabled={total <= 1}
                on:click=move |_| {
                    editor
                        .edit(|map| {
                            remove_lane(map, index);
                        })
                }
            >
                {state.tr(Text::JourneysDeleteLane)}
            </button>
        </li>
    }
}
