//! The stage the stage editor and its link chooser work on: found in the open map by its id, so
//! it follows the stage when stages are reordered and ends when the stage is removed.

use leptos::prelude::*;

use crate::ui::state::journey_editor::JourneyEditor;
use omnirx_core::domain::journey::model::JourneyStage;
use omnirx_core::domain::journey::JourneyMap;

/// The stage the editor works on, found in the open map by its id.
#[derive(Clone, Copy)]
pub(super) struct SelectedStage {
    pub(super) editor: JourneyEditor,
    pub(super) id: StoredValue<String>,
}

impl SelectedStage {
    /// Its index, itself and the map's stage count; `None` once it is gone (reactive).
    pub(super) fn read(self) -> Option<(usize, JourneyStage, usize)> {
        self.editor.map.with(|map| {
            let map = map.as_ref()?;
            let index = map.stage_index(&self.id.get_value())?;
            Some((index, map.stages[index].clone(), map.stages.len()))
        })
    }

    pub(super) fn index(self) -> Option<usize> {
        self.read().map(|(index, _, _)| index)
    }

    /// Applies an edit to the stage at its current index, if it is still there.
    pub(super) fn edit(self, change: impl FnOnce(&mut JourneyMap, usize)) {
        let id = self.id.get_value();
        self.editor.edit(|map| {
            if let Some(index) = map.stage_index(&id) {
                change(map, index);
            }
        });
    }
}
