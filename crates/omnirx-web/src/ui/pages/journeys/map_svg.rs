//! The swimlane journey map on the page: the SVG written by `domain::chart::journey_svg`, and clicks on it turned into selections.
//!
//! The map is drawn at its natural size (about 200 units per stage) so that text stays readable
//! on a projector; the page scrolls it sideways when it is wider than the screen, and print and
//! export scale it to the page.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{lane_title, stage_link_label};
use crate::ui::state::journey_editor::MapSelection;
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::journey_layout::{journey_layout, JourneyLayoutInput};
use omnirx_core::domain::chart::journey_svg::{journey_map_svg, JourneySvgInput, JourneySvgTexts};
use omnirx_core::domain::model::Workspace;
use omnirx_core::i18n::{format_integer, format_percent, text, Language, Text};

fn svg_texts(language: Language) -> JourneySvgTexts {
    let t = |key| text(language, key).to_string();
    JourneySvgTexts {
        flow_lane: t(Text::JourneysFlowLane),
        entered: t(Text::JourneysEntered),
        emotion: t(Text::JourneysEmotion),
        severity: t(Text::JourneysSeverity),
        severity_high: t(Text::SeverityHigh),
        severity_medium: t(Text::SeverityMedium),
        severity_low: t(Text::SeverityLow),
        legend_flow: t(Text::JourneysLegendFlow),
        legend_emotion: t(Text::JourneysLegendEmotion),
        legend_severity: t(Text::JourneysLegendSeverity),
    }
}

/// What a click on the map selects: the nearest element marked `data-select`.
fn selection_of(event: &web_sys::MouseEvent) -> Option<MapSelection> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let marked = target.closest("[data-select]").ok()??;
    let attribute = |name: &str| marked.get_attribute(name);
    match attribute("data-select")?.as_str() {
        "stage" => Some(MapSelection::Stage(attribute("data-stage-id")?)),
        "card" => Some(MapSelection::Card(attribute("data-card-id")?)),
        "cell" => Some(MapSelection::Cell {
            stage_id: attribute("data-stage-id")?,
            lane_id: attribute("data-lane-id")?,
        }),
        _ => None,
    }
}

/// The open map as SVG markup, redrawn when the map, its figures or the language change (not the
/// selection); timed as `omnirx:journey-map-svg` in the performance timeline.
fn map_markup() -> Memo<String> {
    let state = use_app_state();
    let editor = state.journeys();
    Memo::new(move |_| {
        let language = state.language.get();
        editor.map.with(|map| {
            let Some(map) = map.as_ref() else {
                return String::new();
            };
            editor.metrics.with(|metrics| {
                crate::ui::browser::timed("omnirx:journey-map-svg", || {
                    let metrics = metrics.as_ref();
                    let entered: Vec<Option<u64>> = (0..map.stages.len())
                        .map(|index| metrics.and_then(|m| m.stages.get(index)?.entered))
                        .collect();
                    let lane_titles: Vec<String> = map
                        .lanes
                        .iter()
                        .map(|lane| lane_title(language, lane))
                        .collect();
                    let layout = journey_layout(&JourneyLayoutInput {
                        map,
                        entered: &entered,
                        lane_titles: &lane_titles,
                    });
                    let link_labels: Vec<Option<String>> =
                        state.session.workspace.with(|workspace| {
                            map.stages
                                .iter()
                                .map(|stage| {
                                    let workspace: &Workspace = workspace.as_ref()?;
                                    Some(stage_link_label(
                                        workspace,
                                        stage.link.as_ref()?,
                                        language,
                                    ))
                                })
                                .collect()
                        });
                    let texts = svg_texts(language);
                    let format_count = |count: u64| format_integer(count as i64, language);
                    let format_share = |share: f64| format_percent(share, 0, language);
                    journey_map_svg(&JourneySvgInput {
                        map,
                        metrics,
                        layout: &layout,
                        link_labels: &link_labels,
                        texts: &texts,
                        format_count: &format_count,
                        format_share: &format_share,
                    })
                })
            })
        })
    })
}

/// Whether the marked part of the map is the selection.
fn is_selected(element: &web_sys::Element, selection: &MapSelection) -> bool {
    let attribute = |name: &str| element.get_attribute(name);
    match (attribute("data-select").as_deref(), selection) {
        (Some("stage"), MapSelection::Stage(id)) => attribute("data-stage-id").as_ref() == Some(id),
        (Some("card"), MapSelection::Card(id)) => attribute("data-card-id").as_ref() == Some(id),
        (Some("cell"), MapSelection::Cell { stage_id, lane_id }) => {
            attribute("data-stage-id").as_ref() == Some(stage_id)
                && attribute("data-lane-id").as_ref() == Some(lane_id)
        }
        _ => false,
    }
}

/// Marks the selected part with the class `is-selected` (outlined by the page's CSS). Syncing
/// this outward instead of redrawing keeps a click on a card from rebuilding 4,000 elements,
/// and keeps the outline out of exported files, which carry no page CSS.
fn mark_selection(container: &web_sys::Element, selection: &MapSelection) {
    let Ok(parts) = container.query_selector_all("[data-select]") else {
        return;
    };
    for index in 0..parts.length() {
        let Some(part) = parts
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let classes = part.class_list();
        let wanted = is_selected(&part, selection);
        if wanted != classes.contains("is-selected") {
            let _ = classes.toggle_with_force("is-selected", wanted);
        }
    }
}

/// The map in its scrolling box; `map_box` is the box the export buttons read the SVG from.
#[component]
pub fn JourneyMapSvg(map_box: NodeRef<Div>) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let markup = map_markup();
    Effect::new(move |_| {
        // After every redraw too: the new elements carry no class yet.
        markup.track();
        let selection = editor.selection.get();
        if let Some(container) = map_box.get() {
            mark_selection(&container, &selection);
        }
    });
    view! {
        <div
            class="journey-map-scroll"
            node_ref=map_box
            data-testid="journey-map"
            inner_html=move || markup.get()
            on:click=move |event| {
                if let Some(selection) = selection_of(&event) {
                    editor.selection.set(selection);
                }
            }
        ></div>
    }
}
