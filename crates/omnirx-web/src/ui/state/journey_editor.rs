//! The Patient journeys page's state: which map is open, what is selected, undo/redo, and the figures derived from the map.
//!
//! Every edit goes through [`JourneyEditor::edit`], which records the map as it was (for undo)
//! and hands the change to the session, which shows it at once and saves it shortly after. The
//! history lives only as long as the page is open, like in every editor.

use std::collections::HashMap;

use leptos::prelude::*;

use super::session::Session;
use omnirx_core::domain::journey::history::EditHistory;
use omnirx_core::domain::journey::{journey_metrics, JourneyMap, JourneyMetrics};

/// What the editor panel is working on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapSelection {
    Nothing,
    Stage(String),
    Card(String),
    /// An empty spot of a cell: the place a new card goes.
    Cell {
        stage_id: String,
        lane_id: String,
    },
}

#[derive(Clone, Copy)]
pub struct JourneyEditor {
    session: Session,
    /// The open map's id; `None` opens the first map.
    pub selected_map: RwSignal<Option<String>>,
    pub selection: RwSignal<MapSelection>,
    /// The map drawn beside the open one in the comparison.
    pub compare_with: RwSignal<Option<String>>,
    /// Per map id, with the session's data revision they belong to: when another workspace is
    /// opened (or the demo reset) the revision moves on and the old histories are dropped.
    histories: StoredValue<(u64, HashMap<String, EditHistory<JourneyMap>>)>,
    /// Bumped whenever a history changes, so the Undo and Redo buttons follow.
    history_revision: RwSignal<u64>,
    /// The open map, as it is in the workspace.
    pub map: Memo<Option<JourneyMap>>,
    pub metrics: Memo<Option<JourneyMetrics>>,
    /// The compared map and its figures.
    pub compared: Memo<Option<(JourneyMap, JourneyMetrics)>>,
}

impl JourneyEditor {
    /// Every map's id and name in the workspace's order: the map chooser and the comparison's list.
    pub fn map_choices(self) -> Vec<(String, String)> {
        self.session.workspace.with(|workspace| {
            workspace
                .as_ref()
                .map(|workspace| {
                    workspace
                        .journeys
                        .iter()
                        .map(|map| (map.id.clone(), map.name.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    pub fn new(session: Session) -> JourneyEditor {
        // A reload reopens the map that was open (a map id is not worth a place in the URL).
        let selected_map = RwSignal::new(crate::ui::browser::stored_text(
            crate::ui::browser::OPEN_JOURNEY_STORAGE_KEY,
        ));
        let compare_with = RwSignal::new(None::<String>);
        let map = Memo::new(move |_| {
            let wanted = selected_map.get();
            session.workspace.with(|workspace| {
                let maps = &workspace.as_ref()?.journeys;
                wanted
                    .and_then(|id| maps.iter().find(|map| map.id == id))
                    .or_else(|| maps.first())
                    .cloned()
            })
        });
        let metrics =
            Memo::new(move |_| map.with(|map| map.as_ref().map(|map| journey_metrics(map, None))));
        let compared = Memo::new(move |_| {
            let wanted = compare_with.get()?;
            let open = map.with(|map| map.as_ref().map(|map| map.id.clone()))?;
            if wanted == open {
                return None;
            }
            session.workspace.with(|workspace| {
                let other = workspace
                    .as_ref()?
                    .journeys
                    .iter()
                    .find(|map| map.id == wanted)?;
                Some((other.clone(), journey_metrics(other, None)))
            })
        });
        JourneyEditor {
            session,
            selected_map,
            selection: RwSignal::new(MapSelection::Nothing),
            compare_with,
            histories: StoredValue::new((0, HashMap::new())),
            history_revision: RwSignal::new(0),
            map,
            metrics,
            compared,
        }
    }

    /// Opens the map with `id` and remembers it for the next visit.
    pub fn open_map(self, id: String) {
        crate::ui::browser::store_text(crate::ui::browser::OPEN_JOURNEY_STORAGE_KEY, &id);
        self.selection.set(MapSelection::Nothing);
        self.selected_map.set(Some(id));
    }

    /// The open map's id, not tracked.
    fn open_id(&self) -> Option<String> {
        self.map
            .with_untracked(|map| map.as_ref().map(|map| map.id.clone()))
    }

    /// Changes the open map, recording the state before for undo.
    pub fn edit(self, change: impl FnOnce(&mut JourneyMap)) {
        let Some(before) = self.map.get_untracked() else {
            return;
        };
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        let id = before.id.clone();
        self.with_histories(|histories| {
            histories.entry(id).or_default().record(before, &after);
        });
        self.history_revision.update(|revision| *revision += 1);
        self.replace(after);
    }

    /// Puts `map` in the workspace in place of the map with its id.
    fn replace(self, map: JourneyMap) {
        self.session.edit_analyses(move |workspace| {
            if let Some(slot) = workspace.journeys.iter_mut().find(|old| old.id == map.id) {
                *slot = map;
            }
        });
    }

    pub fn undo(self) {
        self.step(true);
    }

    pub fn redo(self) {
        self.step(false);
    }

    fn step(self, back: bool) {
        let Some(present) = self.map.get_untracked() else {
            return;
        };
        let id = present.id.clone();
        let other = self.with_histories(|histories| {
            let history = histories.entry(id).or_default();
            if back {
                history.undo(present)
            } else {
                history.redo(present)
            }
        });
        if let Some(other) = other {
            self.history_revision.update(|revision| *revision += 1);
            // A selected card or stage may be gone in the other state.
            self.selection.set(MapSelection::Nothing);
            self.replace(other);
        }
    }

    pub fn can_undo(self) -> bool {
        self.history_revision.track();
        self.session.data_revision.track();
        self.can(true)
    }

    pub fn can_redo(self) -> bool {
        self.history_revision.track();
        self.session.data_revision.track();
        self.can(false)
    }

    fn can(self, back: bool) -> bool {
        let Some(id) = self.open_id() else {
            return false;
        };
        self.with_histories(|histories| {
            histories.get(&id).is_some_and(|history| {
                if back {
                    history.can_undo()
                } else {
                    history.can_redo()
                }
            })
        })
    }

    /// Adds a whole map (new, copied or from the demo) and opens it. Adding or deleting maps is
    /// not part of a map's undo history; deleting asks for confirmation instead.
    pub fn add_map(self, map: JourneyMap) {
        let id = map.id.clone();
        self.session
            .edit_analyses(move |workspace| workspace.journeys.push(map));
        self.open_map(id);
    }

    pub fn delete_open_map(self) {
        let Some(id) = self.open_id() else {
            return;
        };
        self.with_histories(|histories| {
            histories.remove(&id);
        });
        self.session
            .edit_analyses(move |workspace| workspace.journeys.retain(|map| map.id != id));
        self.selection.set(MapSelection::Nothing);
        self.selected_map.set(None);
        self.compare_with.set(None);
    }

    /// Runs `work` on the histories of the workspace on screen, dropping those of an earlier one.
    fn with_histories<R>(
        self,
        work: impl FnOnce(&mut HashMap<String, EditHistory<JourneyMap>>) -> R,
    ) -> R {
        let revision = self.session.data_revision.get_untracked();
        self.histories
            .try_update_value(|(kept_revision, histories)| {
                if *kept_revision != revision {
                    histories.clear();
                    *kept_revision = revision;
                }
                work(histories)
            })
            .expect("the histories live as long as the app")
    }
}
