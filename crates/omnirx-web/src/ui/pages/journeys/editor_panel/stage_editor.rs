//! The editor of the selected stage: its name, emotion score and link, its place among the stages, and new cards in it.

use crate::ui::components::lists::KeyedRows;
use leptos::prelude::*;

use super::selected_stage::SelectedStage;
use super::stage_link_select::StageLinkSelect;
use crate::ui::pages::journeys::{lane_title, StageLinkAnchor};
use crate::ui::state::journey_editor::MapSelection;
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::journey_svg::signed_score;
use omnirx_core::domain::journey::editing::{
    add_card, add_stage, move_stage, remove_stage, rename_stage, set_emotion,
};
use omnirx_core::domain::journey::model::MAX_STAGES;
use omnirx_core::i18n::Text;

/// The scores offered for a stage: −2 to +2 in halves.
const EMOTION_CHOICES: [f64; 9] = [2.0, 1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -1.5, -2.0];

/// The stage's name, emotion score and link.
#[component]
fn StageFields(stage: SelectedStage) -> impl IntoView {
    let state = use_app_state();
    let emotion = move || stage.read().and_then(|(_, stage, _)| stage.emotion);
    view! {
        <div class="control-row">
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysStageName)}</span>
                <input
                    type="text"
                    data-testid="journey-stage-name"
                    prop:value=move || {
                        stage.read().map(|(_, stage, _)| stage.name).unwrap_or_default()
                    }
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        stage.edit(move |map, index| rename_stage(map, index, value));
                    }
                />
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::JourneysEmotion)}</span>
                <select
                    data-testid="journey-stage-emotion"
                    prop:value=move || emotion().map(|s| s.to_string()).unwrap_or_default()
                    on:change=move |event| {
                        let score = event_target_value(&event).parse::<f64>().ok();
                        stage.edit(move |map, index| set_emotion(map, index, score));
                    }
                >
                    <option value="">{state.tr(Text::JourneysEmotionNone)}</option>
                    {EMOTION_CHOICES
                        .into_iter()
                        .map(|score| {
                            let selected = move || emotion() == Some(score);
                            view! {
                                <option value=score.to_string() selected=selected>
                                    {signed_score(score)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <StageLinkSelect stage=stage />
        </div>
    }
}

/// Move the stage left or right, add a stage after it (selected, ready to be named), delete it.
#[component]
fn StageActions(stage: SelectedStage) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let add_after = move |_| {
        let name = state.text(Text::JourneysNewStageName).to_string();
        stage.edit(move |map, index| {
            add_stage(map, Some(index), name);
        });
        // The new stage is selected, ready to be named.
        let added = editor.map.with_untracked(|map| {
            let map = map.as_ref()?;
            let index = map.stage_index(&stage.id.get_value())?;
            map.stages.get(index + 1).map(|stage| stage.id.clone())
        });
        if let Some(id) = added {
            editor.selection.set(MapSelection::Stage(id));
        }
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-stage-left"
                disabled=move || stage.index() == Some(0)
                on:click=move |_| {
                    stage
                        .edit(|map, index| {
                            move_stage(map, index, -1);
                        })
                }
            >
                {state.tr(Text::JourneysMoveLeft)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-stage-right"
                disabled={move || stage.read().is_some_and(|(index, _, count)| index + 1 >= count)}
                on:click=move |_| {
                    stage
                        .edit(|map, index| {
                            move_stage(map, index, 1);
                        })
                }
            >
                {state.tr(Text::JourneysMoveRight)}
            </button>
            <button
                type="button"
                class="button"
                data-testid="journey-add-stage"
                disabled={move || stage.read().is_some_and(|(_, _, count)| count >= MAX_STAGES)}
                on:click=add_after
            >
                {state.tr(Text::JourneysAddStage)}
            </button>
            <button
                type="button"
                class="button button-danger"
                data-testid="journey-delete-stage"
                disabled={move || stage.read().is_some_and(|(_, _, count)| count <= 1)}
                on:click=move |_| {
                    stage
                        .edit(|map, index| {
                            remove_stage(map, index);
                        });
                    editor.selection.set(MapSelection::Nothing);
                }
            >
                {state.tr(Text::JourneysDeleteStage)}
            </button>
        </div>
    }
}

/// A new card in the stage: the lane it goes in (the first one unless chosen) and its text.
#[component]
fn StageCardAdder(
    stage: SelectedStage,
    new_card_text: RwSignal<String>,
    new_card_lane: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let lanes = Memo::new(move |_| {
        let language = state.language.get();
        editor.map.with(|map| {
            map.as_ref()
                .map(|map| {
                    map.lanes
                        .iter()
                        .map(|lane| (lane.id.clone(), lane_title(language, lane)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add_new_card = move || {
        let text_value = new_card_text.get_untracked();
        if text_value.trim().is_empty() {
            return;
        }
        let lane = new_card_lane.get_untracked();
        let lane = if lane.is_empty() {
            lanes
                .with_untracked(|lanes| lanes.first().map(|(id, _)| id.clone()).unwrap_or_default())
        } else {
            lane
        };
        let id = stage.id.get_value();
        editor.edit(|map| {
            add_card(map, &id, &lane, &text_value);
        });
        new_card_text.set(String::new());
    };
    // Keyed by lane id, the title read by id: the option stays (and stays chosen) when its lane is
    // renamed or moved, and shows the new title.
    let lane_title_of = move |id: String| {
        move || {
            lanes.with(|lanes| {
                lanes
                    .iter()
                    .find(|(lane, _)| *lane == id)
                    .map(|(_, title)| title.clone())
            })
        }
    };
    view! {
        <div class="control-row">
            <label class="control">
                <span class="control-label">{state.tr(Text::JourneysAddCardTo)}</span>
                <select
                    data-testid="journey-stage-card-lane"
                    on:change=move |event| new_card_lane.set(event_target_value(&event))
                >
                    <KeyedRows
                        keys=Signal::derive(move || {
                            lanes.get().into_iter().map(|(id, _)| id).collect::<Vec<_>>()
                        })
                        row=Callback::new(move |id: String| {
                            let title = lane_title_of(id.clone());
                            view! { <option value=id>{title}</option> }.into_any()
                        })
                    />
                </select>
            </label>
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                <input
                    type="text"
                    data-testid="journey-stage-card-text"
                    maxlength="200"
                    placeholder=state.tr(Text::JourneysCardPlaceholder)
                    prop:value=move || new_card_text.get()
                    on:input=move |event| new_card_text.set(event_target_value(&event))
                    on:keydown=move |event| {
                        if event.key() == "Enter" {
                            add_new_card();
                        }
                    }
                />
            </label>
            <button
                type="button"
                class="button"
                data-testid="journey-stage-add-card"
                on:click=move |_| add_new_card()
            >
                {state.tr(Text::JourneysAddCard)}
            </button>
        </div>
    }
}

/// The selected stage's editor, while the stage exists.
#[component]
pub(super) fn StageEditor(stage_id: String) -> impl IntoView {
    let state = use_app_state();
    let stage = SelectedStage {
        editor: state.journeys(),
        id: StoredValue::new(stage_id),
    };
    // Kept by the editor rather than by the new-card row, which is drawn again when the stage is
    // undone and redone: what was typed stays.
    let new_card_text = RwSignal::new(String::new());
    let new_card_lane = RwSignal::new(String::new());
    view! {
        <Show when=move || stage.read().is_some()>
            <h2>
                {state.tr(Text::JourneysStage)}" "
                {move || stage.index().map(|i| i + 1).unwrap_or_default()}
            </h2>
            <StageFields stage=stage />
            {move || {
                stage
                    .read()
                    .and_then(|(_, stage, _)| stage.link)
                    .map(|link| {
                        view! {
                            <p>
                                <StageLinkAnchor link=link />
                            </p>
                        }
                    })
            }}
            <StageActions stage=stage />
            <StageCardAdder stage=stage new_card_text=new_card_text new_card_lane=new_card_lane />
        </Show>
    }
}
