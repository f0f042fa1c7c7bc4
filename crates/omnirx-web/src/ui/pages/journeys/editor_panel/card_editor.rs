//! The editor of the selected card: its text, its severity (pain points) or channel (channels), its place in the cell.

use crate::ui::components::lists::{pair_keys, pair_of, KeyedRows};
use leptos::prelude::*;

use crate::ui::pages::journeys::lane_title;
use crate::ui::state::journey_editor::{JourneyEditor, MapSelection};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::journey::editing::{
    edit_card_text, move_card_in_cell, remove_card, set_card_channel, set_card_severity,
};
use omnirx_core::domain::journey::model::{JourneyCard, LaneKind, Severity};
use omnirx_core::domain::journey::JourneyMap;
use omnirx_core::i18n::Text;

/// The card the editor works on, found in the open map by its id.
#[derive(Clone, Copy)]
struct SelectedCard {
    state: AppState,
    editor: JourneyEditor,
    id: StoredValue<String>,
}

impl SelectedCard {
    /// The card, its lane's kind and where it is ("stage · lane"); `None` once it is gone
    /// (reactive).
    fn read(self) -> Option<(JourneyCard, LaneKind, String)> {
        let language = self.state.language.get();
        self.editor.map.with(|map| {
            let map = map.as_ref()?;
            let index = map
                .cards
                .iter()
                .position(|card| card.id == self.id.get_value())?;
            let card = map.cards[index].clone();
            let lane = map.lanes.get(map.lane_index(&card.lane_id)?)?;
            let stage = map.stages.get(map.stage_index(&card.stage_id)?)?;
            Some((
                card,
                lane.kind,
                format!("{} · {}", stage.name, lane_title(language, lane)),
            ))
        })
    }

    fn in_lane_of_kind(self, kind: LaneKind) -> bool {
        self.read()
            .is_some_and(|(_, lane_kind, _)| lane_kind == kind)
    }

    /// Applies an edit to the card at its current index, if it is still there.
    fn edit(self, change: impl FnOnce(&mut JourneyMap, usize)) {
        let id = self.id.get_value();
        self.editor.edit(|map| {
            if let Some(index) = map.cards.iter().position(|card| card.id == id) {
                change(map, index);
            }
        });
    }
}

/// A pain point's severity: high, medium or low.
#[component]
fn CardSeverityField(card: SelectedCard) -> impl IntoView {
    let state = use_app_state();
    let severity_value = move || match card.read().and_then(|(card, _, _)| card.severity) {
        Some(Severity::High) => "high",
        Some(Severity::Medium) => "medium",
        Some(Severity::Low) => "low",
        None => "",
    };
    view! {
        <Show when=move || card.in_lane_of_kind(LaneKind::PainPoints)>
            <label class="control">
                <span class="control-label">{state.tr(Text::JourneysSeverity)}</span>
                <select
                    data-testid="journey-card-severity"
                    prop:value=severity_value
                    on:change=move |event| {
                        let severity = match event_target_value(&event).as_str() {
                            "high" => Some(Severity::High),
                            "medium" => Some(Severity::Medium),
                            "low" => Some(Severity::Low),
                            _ => None,
                        };
                        card.edit(move |map, index| set_card_severity(map, index, severity));
                    }
                >
                    <option value="high" selected=move || severity_value() == "high">
                        {state.tr(Text::SeverityHigh)}
                    </option>
                    <option value="medium" selected=move || severity_value() == "medium">
                        {state.tr(Text::SeverityMedium)}
                    </option>
                    <option value="low" selected=move || severity_value() == "low">
                        {state.tr(Text::SeverityLow)}
                    </option>
                </select>
            </label>
        </Show>
    }
}

/// A channel card's channel: one of the workspace's channels, or none.
#[component]
fn CardChannelField(card: SelectedCard) -> impl IntoView {
    let state = use_app_state();
    let channel = move || {
        card.read()
            .and_then(|(card, _, _)| card.channel_id)
            .unwrap_or_default()
    };
    let current = Memo::new(move |_| channel());
    let channels = move || {
        state.session.workspace.with(|workspace| {
            workspace
                .as_ref()
                .map(|workspace| {
                    workspace
                        .channels
                        .iter()
                        .map(|channel| (channel.id.clone(), channel.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || card.in_lane_of_kind(LaneKind::Channels)>
            <label class="control">
                <span class="control-label">{state.tr(Text::JourneysCardChannel)}</span>
                <select
                    data-testid="journey-card-channel"
                    prop:value=channel
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        let channel = (!value.is_empty()).then_some(value);
                        card.edit(move |map, index| set_card_channel(map, index, channel));
                    }
                >
                    <option value="">{state.tr(Text::JourneysNoChannel)}</option>
                    // Keyed by id and name: a renamed channel's option is drawn again.
                    <KeyedRows
                        keys=Signal::derive(move || pair_keys(channels()))
                        row=Callback::new(move |key: String| {
                            let (id, name) = pair_of(&key);
                            let selected = {
                                let id = id.clone();
                                move || current.with(|current| *current == id)
                            };
                            view! {
                                <option value=id selected=selected>
                                    {name}
                                </option>
                            }
                                .into_any()
                        })
                    />
                </select>
            </label>
        </Show>
    }
}

/// Move the card up or down within its cell, or delete it.
#[component]
fn CardActions(card: SelectedCard) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    view! {
        <div class="actions">
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-card-up"
                on:click=move |_| {
                    card.edit(|map, index| {
                        move_card_in_cell(map, index, -1);
                    })
                }
            >
                {state.tr(Text::MoveUp)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-card-down"
                on:click=move |_| {
                    card.edit(|map, index| {
                        move_card_in_cell(map, index, 1);
                    })
                }
            >
                {state.tr(Text::MoveDown)}
            </button>
            <button
                type="button"
                class="button button-danger"
                data-testid="journey-card-delete"
                on:click=move |_| {
                    card.edit(remove_card);
                    editor.selection.set(MapSelection::Nothing);
                }
            >
                {state.tr(Text::JourneysDeleteCard)}
            </button>
        </div>
    }
}

/// The selected card's editor, while the card exists.
#[component]
pub(super) fn CardEditor(card_id: String) -> impl IntoView {
    let state = use_app_state();
    let card = SelectedCard {
        state,
        editor: state.journeys(),
        id: StoredValue::new(card_id),
    };
    view! {
        <Show when=move || card.read().is_some()>
            <h2>{state.tr(Text::JourneysCard)}</h2>
            <p class="muted" data-testid="journey-card-place">
                {move || card.read().map(|(_, _, place)| place)}
            </p>
            <div class="control-row">
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                    <textarea
                        data-testid="journey-card-text"
                        rows="3"
                        maxlength="200"
                        prop:value=move || {
                            card.read().map(|(card, _, _)| card.text).unwrap_or_default()
                        }
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            card.edit(move |map, index| edit_card_text(map, index, &value));
                        }
                    ></textarea>
                </label>
                <CardSeverityField card=card />
                <CardChannelField card=card />
            </div>
            <CardActions card=card />
        </Show>
    }
}
