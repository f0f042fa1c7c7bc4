//! The Patient journeys page: choose a map, edit it on the swimlane drawing with undo/redo, read its stage metrics, compare two maps.

mod comparison_view;
mod editor_panel;
mod lanes_panel;
mod map_svg;
mod metrics_table;
mod stage_list;

use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;

use crate::ui::components::charts::ChartExportButtons;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::journey::editing::{
    copy_as_target, new_journey_map, rename_map, set_disease_area, set_map_state,
    set_patient_segment, unused_id,
};
use omnirx_core::domain::journey::model::{JourneyLane, JourneyState, StageLink};
use omnirx_core::domain::model::Workspace;
use omnirx_core::i18n::{text, Language, Text};
use omnirx_core::view::labels::lane_kind_text;
use omnirx_core::view::route::Page;

/// The title of a lane: its own name, or the standard title of its kind.
pub fn lane_title(language: Language, lane: &JourneyLane) -> String {
    if !lane.name.trim().is_empty() {
        return lane.name.clone();
    }
    text(language, lane_kind_text(lane.kind)).to_string()
}

/// "Funnel step: Trial (first prescription)" or "Segment: KOL", with the names from the workspace.
pub fn stage_link_label(workspace: &Workspace, link: &StageLink, language: Language) -> String {
    match link {
        StageLink::FunnelStep { funnel_id, step } => {
            let name = workspace
                .funnels
                .iter()
                .find(|funnel| &funnel.id == funnel_id)
                .and_then(|funnel| funnel.steps.get(*step))
                .map(|step| step.name.clone())
                .unwrap_or_else(|| format!("{funnel_id} #{}", step + 1));
            format!("{}: {name}", text(language, Text::JourneysLinkFunnel))
        }
        StageLink::Segment {
            rule_set_id,
            segment_id,
        } => {
            let name = workspace
                .segment_rule_sets
                .iter()
                .find(|rule_set| &rule_set.id == rule_set_id)
                .and_then(|rule_set| rule_set.segments.iter().find(|s| &s.id == segment_id))
                .map(|segment| segment.name.clone())
                .unwrap_or_else(|| segment_id.clone());
            format!("{}: {name}", text(language, Text::JourneysLinkSegment))
        }
    }
}

/// A link to the funnel step or segment a stage is tied to: it opens that page with the funnel
/// or rule set chosen.
#[component]
pub fn StageLinkAnchor(link: StageLink) -> impl IntoView {
    let state = use_app_state();
    let label = {
        let link = link.clone();
        move || {
            let language = state.language.get();
            state.session.workspace.with(|workspace| {
                workspace
                    .as_ref()
                    .map(|workspace| stage_link_label(workspace, &link, language))
                    .unwrap_or_default()
            })
        }
    };
    let href = match &link {
        StageLink::FunnelStep { .. } => Page::Funnels.href(),
        StageLink::Segment { .. } => Page::Segments.href(),
    };
    let open = move |_| match &link {
        StageLink::FunnelStep { funnel_id, step } => {
            state
                .funnels()
                .page
                .selected_funnel
                .set(Some(funnel_id.clone()));
            state.funnels().page.drop_off_step.set(*step);
        }
        StageLink::Segment { rule_set_id, .. } => {
            state
                .segments()
                .page
                .selected_rule_set
                .set(Some(rule_set_id.clone()));
            state
                .segments()
                .page
                .tab
                .set(crate::ui::state::segment_analysis::SegmentTab::Overview);
        }
    };
    view! {
        <a class="stage-link" href=href data-testid="journey-stage-link" on:click=open>
            "↗ "
            {label}
        </a>
    }
}

fn chinese_data(state: AppState) -> bool {
    state.session.workspace.with_untracked(|workspace| {
        workspace
            .as_ref()
            .is_none_or(|workspace| workspace.settings.data_language.starts_with("zh"))
    })
}

/// The language the workspace's names are written in, for the names of new maps.
fn data_language(state: AppState) -> Language {
    if chinese_data(state) {
        Language::SimplifiedChinese
    } else {
        Language::English
    }
}

/// Adds an empty map with the standard stages and lanes, named in the data's language, and opens it.
fn add_new_map(state: AppState) {
    let name = text(data_language(state), Text::JourneysNewMapName).to_string();
    state.journeys().add_map(new_journey_map(
        new_map_id(state),
        name,
        chinese_data(state),
    ));
}

fn taken_map_ids(state: AppState) -> Vec<String> {
    state.session.workspace.with_untracked(|workspace| {
        workspace
            .as_ref()
            .map(|workspace| {
                workspace
                    .journeys
                    .iter()
                    .map(|map| map.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn new_map_id(state: AppState) -> String {
    let taken = taken_map_ids(state);
    unused_id("j", taken.iter().map(String::as_str))
}

/// The toolbar: the map chooser, new/copy/delete, undo/redo and print.
#[component]
fn JourneyToolbar() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let maps = move || editor.map_choices();
    let open_id = move || {
        editor
            .map
            .with(|map| map.as_ref().map(|map| map.id.clone()).unwrap_or_default())
    };
    let confirming_delete = RwSignal::new(false);
    view! {
        <div class="control-row journey-toolbar">
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysMapChoice)}</span>
                <select
                    data-testid="journey-map-select"
                    prop:value=open_id
                    on:change=move |event| {
                        confirming_delete.set(false);
                        editor.open_map(event_target_value(&event));
                    }
                >
                    {move || {
                        maps()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = id == open_id();
                                view! {
                                    <option value=id.clone() selected=selected>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <JourneyActions confirming_delete=confirming_delete />
        </div>
    }
}

/// The toolbar's actions: save status, undo and redo, new map, copy as target, print, delete.
#[component]
fn JourneyActions(confirming_delete: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let copy_target = move |_| {
        let Some(map) = editor.map.get_untracked() else {
            return;
        };
        let name = format!(
            "{}{}",
            map.name,
            text(data_language(state), Text::JourneysTargetSuffix)
        );
        editor.add_map(copy_as_target(&map, new_map_id(state), name));
    };
    view! {
        <div class="actions">
            <span
                class="muted journey-save-status"
                data-testid="journey-save-status"
                aria-live="polite"
            >
                {move || {
                    if state.session.unsaved.get() || state.session.saving.get() {
                        state.text(Text::JourneysSaving)
                    } else {
                        state.text(Text::JourneysAllSaved)
                    }
                }}
            </span>
            <button
                type="button"
                class="button"
                data-testid="journey-undo"
                title="Ctrl+Z"
                disabled=move || !editor.can_undo()
                on:click=move |_| editor.undo()
            >
                {state.tr(Text::JourneysUndo)}
            </button>
            <button
                type="button"
                class="button"
                data-testid="journey-redo"
                title="Ctrl+Shift+Z"
                disabled=move || !editor.can_redo()
                on:click=move |_| editor.redo()
            >
                {state.tr(Text::JourneysRedo)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-new-map"
                on:click=move |_| add_new_map(state)
            >
                {state.tr(Text::JourneysNewMap)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-copy-target"
                on:click=copy_target
            >
                {state.tr(Text::JourneysCopyAsTarget)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="journey-print"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                {state.tr(Text::JourneysPrint)}
            </button>
            <Show
                when=move || confirming_delete.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="journey-delete-map"
                            on:click=move |_| confirming_delete.set(true)
                        >
                            {state.tr(Text::JourneysDeleteMap)}
                        </button>
                    }
                }
            >
                <button
                    type="button"
                    class="button button-danger"
                    data-testid="journey-delete-confirm"
                    on:click=move |_| {
                        confirming_delete.set(false);
                        editor.delete_open_map();
                    }
                >
                    {state.tr(Text::ConfirmDelete)}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| confirming_delete.set(false)
                >
                    {state.tr(Text::Cancel)}
                </button>
            </Show>
        </div>
    }
}

/// Name, disease area, patient segment and state of the open map.
#[component]
fn JourneyDetails() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let field = move |read: fn(&omnirx_core::domain::journey::JourneyMap) -> String| {
        move || {
            editor
                .map
                .with(|map| map.as_ref().map(read).unwrap_or_default())
        }
    };
    let state_value = move || {
        editor
            .map
            .with(|map| match map.as_ref().map(|map| map.state) {
                Some(JourneyState::Target) => "target",
                _ => "current",
            })
    };
    view! {
        <details class="journey-details">
            <summary data-testid="journey-details-toggle">
                {state.tr(Text::JourneysDetails)}
            </summary>
            <div class="control-row">
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::ColumnName)}</span>
                    <input
                        type="text"
                        data-testid="journey-name"
                        prop:value=field(|map| map.name.clone())
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            editor.edit(|map| rename_map(map, value));
                        }
                    />
                </label>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysDiseaseArea)}</span>
                    <input
                        type="text"
                        data-testid="journey-disease-area"
                        prop:value=field(|map| map.disease_area.clone())
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            editor.edit(|map| set_disease_area(map, value));
                        }
                    />
                </label>
                <label class="control control-wide">
                    <span class="control-label">{state.tr(Text::JourneysPatientSegment)}</span>
                    <input
                        type="text"
                        data-testid="journey-patient-segment"
                        prop:value=field(|map| map.patient_segment.clone())
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            editor.edit(|map| set_patient_segment(map, value));
                        }
                    />
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::JourneysState)}</span>
                    <select
                        data-testid="journey-state"
                        prop:value=state_value
                        on:change=move |event| {
                            let target = event_target_value(&event) == "target";
                            let map_state = if target {
                                JourneyState::Target
                            } else {
                                JourneyState::Current
                            };
                            editor.edit(|map| set_map_state(map, map_state));
                        }
                    >
                        <option value="current" selected=move || state_value() == "current">
                            {state.tr(Text::JourneysStateCurrent)}
                        </option>
                        <option value="target" selected=move || state_value() == "target">
                            {state.tr(Text::JourneysStateTarget)}
                        </option>
                    </select>
                </label>
            </div>
        </details>
    }
}

/// Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes, except while typing in a field, where the
/// browser's own text undo is what the user means.
fn use_undo_shortcuts(state: AppState) {
    let editor = state.journeys();
    let listener = window_event_listener(leptos::ev::keydown, move |event| {
        if !(event.ctrl_key() || event.meta_key()) {
            return;
        }
        let typing = event
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if typing {
            return;
        }
        match event.key().to_lowercase().as_str() {
            "z" if event.shift_key() => editor.redo(),
            "z" => editor.undo(),
            "y" => editor.redo(),
            _ => return,
        }
        event.prevent_default();
    });
    on_cleanup(move || listener.remove());
}

#[component]
pub fn JourneysPage() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    use_undo_shortcuts(state);
    let phone_width = crate::ui::browser::use_phone_width();
    let has_maps = move || editor.map.with(Option::is_some);
    let add_demo_maps = move |_| {
        let chinese = chinese_data(state);
        let last_month = state.session.workspace.with_untracked(|workspace| {
            workspace
                .as_ref()
                .and_then(|workspace| workspace.prescriptions.iter().map(|p| p.period).max())
        });
        let last_month = last_month.unwrap_or(omnirx_core::domain::time::Month {
            year: state.today.year,
            month: state.today.month,
        });
        let maps = omnirx_core::domain::journey::demo_maps::demo_journeys(
            chinese,
            last_month,
            omnirx_core::domain::demo::DEMO_MONTHS,
        );
        state.session.edit_analyses(move |workspace| {
            for map in maps {
                if !workspace.journeys.iter().any(|old| old.id == map.id) {
                    workspace.journeys.push(map);
                }
            }
        });
    };
    let map_box = NodeRef::<Div>::new();
    let file_base = Signal::derive(move || {
        let name = editor
            .map
            .with(|map| map.as_ref().map(|map| map.name.clone()).unwrap_or_default());
        format!("{name} {}", crate::ui::pages::segments::file_date(state))
    });
    view! {
        <PageFrame slug="journeys" title=Text::PageJourneys intro=Text::JourneysIntro no_print=true>
            <Show
                when=has_maps
                fallback=move || {
                    view! {
                        <section class="card">
                            <p data-testid="journeys-none">{state.tr(Text::JourneysNone)}</p>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="journeys-add-demo"
                                    on:click=add_demo_maps
                                >
                                    {state.tr(Text::JourneysAddDemo)}
                                </button>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    data-testid="journey-new-map-empty"
                                    on:click=move |_| add_new_map(state)
                                >
                                    {state.tr(Text::JourneysNewMap)}
                                </button>
                            </div>
                        </section>
                    }
                }
            >
                <section class="card no-print">
                    <JourneyToolbar />
                    <JourneyDetails />
                </section>
                <section class="card journey-map-card">
                    <p class="muted no-print">
                        {state.tr(Text::JourneysEditHint)}" "{state.tr(Text::JourneysSaved)}
                    </p>
                    <map_svg::JourneyMapSvg map_box=map_box />
                    // Only at phone width: the list repeats every card, which would double
                    // the cost of drawing a map on every other screen.
                    <Show when=move || phone_width.get()>
                        <stage_list::JourneyStageList />
                    </Show>
                    <div class="no-print">
                        <ChartExportButtons
                            chart_box=map_box
                            file_base=file_base
                            testid_prefix="journey-export"
                        />
                    </div>
                </section>
                <editor_panel::JourneyEditorPanel />
                <metrics_table::JourneyMetricsTable />
                <lanes_panel::JourneyLanesPanel />
                <comparison_view::JourneyComparisonView />
            </Show>
        </PageFrame>
    }
}
