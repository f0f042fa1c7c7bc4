//! The map as a vertical list of stages, shown instead of the swimlane drawing at phone width.

use leptos::prelude::*;

use super::lane_title;
use crate::ui::state::journey_editor::MapSelection;
use crate::ui::state::use_app_state;
use omnirx_core::i18n::{format_integer, format_percent, Text};
use omnirx_core::view::labels::severity_text;

#[component]
pub fn JourneyStageList() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let stages = move || {
        let language = state.language.get();
        let map = editor.map.get()?;
        let metrics = editor.metrics.get();
        Some(
            map.stages
                .iter()
                .enumerate()
                .map(|(index, stage)| {
                    let figures = metrics.as_ref().and_then(|metrics| metrics.stages.get(index).cloned());
                    let entered = figures
                        .as_ref()
                        .and_then(|figures| figures.entered)
                        .map(|entered| format!("{}: {}", state.text(Text::JourneysEntered), format_integer(entered as i64, language)));
                    let drop_off = figures.as_ref().and_then(|figures| figures.drop_off.clone()).map(|drop_off| {
                        format!("{}: {}", state.text(Text::JourneysDropOff), format_percent(drop_off.share, 1, language))
                    });
                    let emotion = stage.emotion.map(|score| format!("{}: {}", state.text(Text::JourneysEmotion), omnirx_core::domain::chart::journey_svg::signed_score(score)));
                    let lanes = map
                        .lanes
                        .iter()
                        .filter(|lane| !lane.hidden)
                        .filter_map(|lane| {
                            let cards: Vec<_> = map.cards_in(&stage.id, &lane.id).cloned().collect();
                            if cards.is_empty() {
                                return None;
                            }
                            let items = cards
                                .into_iter()
                                .map(|card| {
                                    let severity = card.severity.map(|severity| {
                                        view! {
                                            <span class="badge">
                                                {omnirx_core::i18n::text(language, severity_text(severity))}
                                            </span>
                                            " "
                                        }
                                    });
                                    let id = card.id.clone();
                                    view! {
                                        <li
                                            data-testid="journey-list-card"
                                            on:click=move |_| {
                                                editor.selection.set(MapSelection::Card(id.clone()))
                                            }
                                        >
                                            {severity}
                                            {card.text}
                                        </li>
                                    }
                                })
                                .collect_view();
                            Some(view! {
                                <div class="journey-list-lane">
                                    <h4>{lane_title(language, lane)}</h4>
                                    <ul>{items}</ul>
                                </div>
                            })
                        })
                        .collect_view();
                    let link = stage.link.clone().map(|link| view! {
                        <p>
                            <super::StageLinkAnchor link=link />
                        </p>
                    });
                    let stage_id = stage.id.clone();
                    view! {
                        <li class="journey-list-stage" data-testid="journey-list-stage">
                            <h3 on:click=move |_| {
                                editor.selection.set(MapSelection::Stage(stage_id.clone()))
                            }>{format!("{}. {}", index + 1, stage.name)}</h3>
                            <p class="journey-list-figures">
                                {[entered, drop_off, emotion]
                                    .into_iter()
                                    .flatten()
                                    .collect::<Vec<_>>()
                                    .join(" · ")}
                            </p>
                            {link}
                            {lanes}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <ol class="journey-stage-list" data-testid="journey-stage-list">
            {stages}
        </ol>
    }
}
