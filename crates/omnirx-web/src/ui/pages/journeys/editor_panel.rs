//! The panel that edits what is selected on the map: a stage (name, emotion, link, order), a card (text, severity, channel, order) or an empty cell (a new card).

use leptos::prelude::*;

use super::lane_title;
use crate::ui::state::journey_editor::MapSelection;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::chart::journey_svg::signed_score;
use omnirx_core::domain::journey::editing::{
    add_card, add_stage, edit_card_text, move_card_in_cell, move_stage, remove_card, remove_stage,
    rename_stage, set_card_channel, set_card_severity, set_emotion, set_stage_link,
};
use omnirx_core::domain::journey::model::{LaneKind, Severity, StageLink};
use omnirx_core::i18n::{text, Text};

/// The scores offered for a stage: −2 to +2 in halves.
const EMOTION_CHOICES: [f64; 9] = [2.0, 1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -1.5, -2.0];

/// A stage link as an option value: positions in the workspace's lists, so that ids with any
/// characters survive.
fn link_value(link: Option<&StageLink>, state: AppState) -> String {
    let Some(link) = link else {
        return String::new();
    };
    state.session.workspace.with_untracked(|workspace| {
        let Some(workspace) = workspace.as_ref() else {
            return String::new();
        };
        match link {
            StageLink::FunnelStep { funnel_id, step } => workspace
                .funnels
                .iter()
                .position(|funnel| &funnel.id == funnel_id)
                .map(|index| format!("f:{index}:{step}"))
                .unwrap_or_default(),
            StageLink::Segment {
                rule_set_id,
                segment_id,
            } => workspace
                .segment_rule_sets
                .iter()
                .enumerate()
                .find(|(_, rule_set)| &rule_set.id == rule_set_id)
                .and_then(|(index, rule_set)| {
                    let position = rule_set.segments.iter().position(|s| &s.id == segment_id)?;
                    Some(format!("s:{index}:{position}"))
                })
                .unwrap_or_default(),
        }
    })
}

fn link_from_value(value: &str, state: AppState) -> Option<StageLink> {
    let mut parts = value.split(':');
    let kind = parts.next()?;
    let first: usize = parts.next()?.parse().ok()?;
    let second: usize = parts.next()?.parse().ok()?;
    state.session.workspace.with_untracked(|workspace| {
        let workspace = workspace.as_ref()?;
        match kind {
            "f" => {
                let funnel = workspace.funnels.get(first)?;
                (second < funnel.steps.len()).then(|| StageLink::FunnelStep {
                    funnel_id: funnel.id.clone(),
                    step: second,
                })
            }
            "s" => {
                let rule_set = workspace.segment_rule_sets.get(first)?;
                Some(StageLink::Segment {
                    rule_set_id: rule_set.id.clone(),
                    segment_id: rule_set.segments.get(second)?.id.clone(),
                })
            }
            _ => None,
        }
    })
}

/// Every funnel step and segment as (value, label) options.
fn link_options(state: AppState) -> Vec<(String, String)> {
    let language = state.language.get();
    state.session.workspace.with(|workspace| {
        let Some(workspace) = workspace.as_ref() else {
            return Vec::new();
        };
        let mut options = Vec::new();
        for (index, funnel) in workspace.funnels.iter().enumerate() {
            for (step, definition) in funnel.steps.iter().enumerate() {
                options.push((
                    format!("f:{index}:{step}"),
                    format!(
                        "{}: {} › {}",
                        text(language, Text::JourneysLinkFunnel),
                        funnel.name,
                        definition.name
                    ),
                ));
            }
        }
        for (index, rule_set) in workspace.segment_rule_sets.iter().enumerate() {
            for (position, segment) in rule_set.segments.iter().enumerate() {
                options.push((
                    format!("s:{index}:{position}"),
                    format!(
                        "{}: {} › {}",
                        text(language, Text::JourneysLinkSegment),
                        rule_set.name,
                        segment.name
                    ),
                ));
            }
        }
        options
    })
}

#[component]
fn StageEditor(stage_id: String) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys;
    let stage_id = StoredValue::new(stage_id);
    let stage = move || {
        editor.map.with(|map| {
            let map = map.as_ref()?;
            let index = map.stage_index(&stage_id.get_value())?;
            Some((index, map.stages[index].clone(), map.stages.len()))
        })
    };
    let index = move || stage().map(|(index, _, _)| index);
    let on_index = move |change: &dyn Fn(&mut omnirx_core::domain::journey::JourneyMap, usize)| {
        let id = stage_id.get_value();
        editor.edit(|map| {
            if let Some(index) = map.stage_index(&id) {
                change(map, index);
            }
        });
    };
    let new_card_text = RwSignal::new(String::new());
    let new_card_lane = RwSignal::new(String::new());
    let lanes = move || {
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
    };
    let add_new_card = move || {
        let text_value = new_card_text.get_untracked();
        if text_value.trim().is_empty() {
            return;
        }
        let lane = new_card_lane.get_untracked();
        let lane = if lane.is_empty() {
            lanes()
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        } else {
            lane
        };
        let id = stage_id.get_value();
        editor.edit(|map| {
            add_card(map, &id, &lane, &text_value);
        });
        new_card_text.set(String::new());
    };
    view! {
        <Show when=move || stage().is_some()>
            <h2>{state.tr(Text::JourneysStage)}" "{move || index().map(|i| i + 1).unwrap_or_default()}</h2>
            <div class="control-row">
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysStageName)}</span>
                    <input type="text" data-testid="journey-stage-name"
                        prop:value=move || stage().map(|(_, stage, _)| stage.name).unwrap_or_default()
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            on_index(&move |map, index| rename_stage(map, index, value.clone()));
                        }/>
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::JourneysEmotion)}</span>
                    <select data-testid="journey-stage-emotion"
                        prop:value=move || stage().and_then(|(_, stage, _)| stage.emotion).map(|s| s.to_string()).unwrap_or_default()
                        on:change=move |event| {
                            let score = event_target_value(&event).parse::<f64>().ok();
                            on_index(&move |map, index| set_emotion(map, index, score));
                        }>
                        <option value="">{state.tr(Text::JourneysEmotionNone)}</option>
                        {EMOTION_CHOICES.into_iter().map(|score| {
                            let selected = move || stage().and_then(|(_, stage, _)| stage.emotion) == Some(score);
                            view! { <option value=score.to_string() selected=selected>{signed_score(score)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysLink)}</span>
                    <select data-testid="journey-stage-link-select"
                        prop:value=move || link_value(stage().and_then(|(_, stage, _)| stage.link).as_ref(), state)
                        on:change=move |event| {
                            let link = link_from_value(&event_target_value(&event), state);
                            on_index(&move |map, index| set_stage_link(map, index, link.clone()));
                        }>
                        <option value="">{state.tr(Text::JourneysLinkNone)}</option>
                        {move || {
                            let current = link_value(stage().and_then(|(_, stage, _)| stage.link).as_ref(), state);
                            link_options(state).into_iter().map(|(value, label)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
            </div>
            {move || stage().and_then(|(_, stage, _)| stage.link).map(|link| view! {
                <p><super::StageLinkAnchor link=link/></p>
            })}
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="journey-stage-left"
                    disabled=move || index() == Some(0)
                    on:click=move |_| on_index(&|map, index| { move_stage(map, index, -1); })>{state.tr(Text::JourneysMoveLeft)}</button>
                <button type="button" class="button button-secondary" data-testid="journey-stage-right"
                    disabled={move || stage().is_some_and(|(index, _, count)| index + 1 >= count)}
                    on:click=move |_| on_index(&|map, index| { move_stage(map, index, 1); })>{state.tr(Text::JourneysMoveRight)}</button>
                <button type="button" class="button" data-testid="journey-add-stage"
                    disabled={move || stage().is_some_and(|(_, _, count)| count >= omnirx_core::domain::journey::model::MAX_STAGES)}
                    on:click=move |_| {
                        let name = state.text(Text::JourneysNewStageName).to_string();
                        on_index(&move |map, index| { add_stage(map, Some(index), name.clone()); });
                        // The new stage is selected, ready to be named.
                        let added = editor.map.with_untracked(|map| {
                            let map = map.as_ref()?;
                            let index = map.stage_index(&stage_id.get_value())?;
                            map.stages.get(index + 1).map(|stage| stage.id.clone())
                        });
                        if let Some(id) = added {
                            editor.selection.set(MapSelection::Stage(id));
                        }
                    }>{state.tr(Text::JourneysAddStage)}</button>
                <button type="button" class="button button-danger" data-testid="journey-delete-stage"
                    disabled={move || stage().is_some_and(|(_, _, count)| count <= 1)}
                    on:click=move |_| {
                        on_index(&|map, index| { remove_stage(map, index); });
                        editor.selection.set(MapSelection::Nothing);
                    }>{state.tr(Text::JourneysDeleteStage)}</button>
            </div>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::JourneysAddCardTo)}</span>
                    <select data-testid="journey-stage-card-lane" on:change=move |event| new_card_lane.set(event_target_value(&event))>
                        {move || lanes().into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                    </select>
                </label>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                    <input type="text" data-testid="journey-stage-card-text" maxlength="200"
                        placeholder=state.tr(Text::JourneysCardPlaceholder)
                        prop:value=move || new_card_text.get()
                        on:input=move |event| new_card_text.set(event_target_value(&event))
                        on:keydown=move |event| if event.key() == "Enter" { add_new_card(); }/>
                </label>
                <button type="button" class="button" data-testid="journey-stage-add-card"
                    on:click=move |_| add_new_card()>{state.tr(Text::JourneysAddCard)}</button>
            </div>
        </Show>
    }
}

#[component]
fn CardEditor(card_id: String) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys;
    let card_id = StoredValue::new(card_id);
    let card = move || {
        let language = state.language.get();
        editor.map.with(|map| {
            let map = map.as_ref()?;
            let index = map
                .cards
                .iter()
                .position(|card| card.id == card_id.get_value())?;
            let card = map.cards[index].clone();
            let lane = map.lanes.get(map.lane_index(&card.lane_id)?)?;
            let stage = map.stages.get(map.stage_index(&card.stage_id)?)?;
            Some((
                card,
                lane.kind,
                format!("{} · {}", stage.name, lane_title(language, lane)),
            ))
        })
    };
    let on_card = move |change: &dyn Fn(&mut omnirx_core::domain::journey::JourneyMap, usize)| {
        let id = card_id.get_value();
        editor.edit(|map| {
            if let Some(index) = map.cards.iter().position(|card| card.id == id) {
                change(map, index);
            }
        });
    };
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
    let severity_value = move || match card().and_then(|(card, _, _)| card.severity) {
        Some(Severity::High) => "high",
        Some(Severity::Medium) => "medium",
        Some(Severity::Low) => "low",
        None => "",
    };
    view! {
        <Show when=move || card().is_some()>
            <h2>{state.tr(Text::JourneysCard)}</h2>
            <p class="muted" data-testid="journey-card-place">{move || card().map(|(_, _, place)| place)}</p>
            <div class="control-row">
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                    <textarea data-testid="journey-card-text" rows="3" maxlength="200"
                        prop:value=move || card().map(|(card, _, _)| card.text).unwrap_or_default()
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            on_card(&move |map, index| edit_card_text(map, index, &value));
                        }></textarea>
                </label>
                <Show when=move || card().is_some_and(|(_, kind, _)| kind == LaneKind::PainPoints)>
                    <label class="control">
                        <span class="control-label">{state.tr(Text::JourneysSeverity)}</span>
                        <select data-testid="journey-card-severity" prop:value=severity_value
                            on:change=move |event| {
                                let severity = match event_target_value(&event).as_str() {
                                    "high" => Some(Severity::High),
                                    "medium" => Some(Severity::Medium),
                                    "low" => Some(Severity::Low),
                                    _ => None,
                                };
                                on_card(&move |map, index| set_card_severity(map, index, severity));
                            }>
                            <option value="high" selected=move || severity_value() == "high">{state.tr(Text::SeverityHigh)}</option>
                            <option value="medium" selected=move || severity_value() == "medium">{state.tr(Text::SeverityMedium)}</option>
                            <option value="low" selected=move || severity_value() == "low">{state.tr(Text::SeverityLow)}</option>
                        </select>
                    </label>
                </Show>
                <Show when=move || card().is_some_and(|(_, kind, _)| kind == LaneKind::Channels)>
                    <label class="control">
                        <span class="control-label">{state.tr(Text::JourneysCardChannel)}</span>
                        <select data-testid="journey-card-channel"
                            prop:value=move || card().and_then(|(card, _, _)| card.channel_id).unwrap_or_default()
                            on:change=move |event| {
                                let value = event_target_value(&event);
                                let channel = (!value.is_empty()).then_some(value);
                                on_card(&move |map, index| set_card_channel(map, index, channel.clone()));
                            }>
                            <option value="">{state.tr(Text::JourneysNoChannel)}</option>
                            {move || {
                                let current = card().and_then(|(card, _, _)| card.channel_id).unwrap_or_default();
                                channels().into_iter().map(|(id, name)| {
                                    let selected = id == current;
                                    view! { <option value=id selected=selected>{name}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </label>
                </Show>
            </div>
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="journey-card-up"
                    on:click=move |_| on_card(&|map, index| { move_card_in_cell(map, index, -1); })>{state.tr(Text::MoveUp)}</button>
                <button type="button" class="button button-secondary" data-testid="journey-card-down"
                    on:click=move |_| on_card(&|map, index| { move_card_in_cell(map, index, 1); })>{state.tr(Text::MoveDown)}</button>
                <button type="button" class="button button-danger" data-testid="journey-card-delete"
                    on:click=move |_| {
                        on_card(&|map, index| remove_card(map, index));
                        editor.selection.set(MapSelection::Nothing);
                    }>{state.tr(Text::JourneysDeleteCard)}</button>
            </div>
        </Show>
    }
}

#[component]
fn CellEditor(stage_id: String, lane_id: String) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys;
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
        <p class="muted" data-testid="journey-cell-place">{state.tr(Text::JourneysAddCardTo)}": "{place}</p>
        <div class="control-row">
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysCardText)}</span>
                <input type="text" node_ref=input data-testid="journey-new-card-text" maxlength="200"
                    placeholder=state.tr(Text::JourneysCardPlaceholder)
                    prop:value=move || new_text.get()
                    on:input=move |event| new_text.set(event_target_value(&event))
                    on:keydown=move |event| if event.key() == "Enter" { add(); }/>
            </label>
            <button type="button" class="button" data-testid="journey-add-card" on:click=move |_| add()>
                {state.tr(Text::JourneysAddCard)}</button>
        </div>
    }
}

#[component]
pub fn JourneyEditorPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys;
    view! {
        <section class="card journey-editor no-print" data-testid="journey-editor">
            {move || match editor.selection.get() {
                MapSelection::Nothing => view! {
                    <p class="muted" data-testid="journey-editor-hint">{state.tr(Text::JourneysEditHint)}</p>
                }.into_any(),
                MapSelection::Stage(id) => view! { <StageEditor stage_id=id/> }.into_any(),
                MapSelection::Card(id) => view! { <CardEditor card_id=id/> }.into_any(),
                MapSelection::Cell { stage_id, lane_id } => view! { <CellEditor stage_id=stage_id lane_id=lane_id/> }.into_any(),
            }}
        </section>
    }
}
