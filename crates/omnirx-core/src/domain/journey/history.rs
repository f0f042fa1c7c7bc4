//! Undo and redo for an editor: a bounded list of earlier and later states of plain data.

/// How many steps back an editor keeps; older states are forgotten.
pub const HISTORY_LIMIT: usize = 100;

/// The states before and after the present one. The present state itself lives with the caller
/// (in the workspace), so an undo hands back the state to put in its place.
#[derive(Clone, Debug, PartialEq)]
pub struct EditHistory<T> {
    undo: Vec<T>,
    redo: Vec<T>,
}

impl<T> Default for EditHistory<T> {
    fn default() -> Self {
        EditHistory {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<T: PartialEq> EditHistory<T> {
    /// Records `before`, the state an edit is about to replace. A new edit forgets what could be
    /// redone, as in every editor; an edit that changed nothing is not recorded.
    pub fn record(&mut self, before: T, after: &T) {
        if before == *after {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The state to show instead of `present`, if there is one; `present` becomes redoable.
    pub fn undo(&mut self, present: T) -> Option<T> {
        let earlier = self.undo.pop()?;
        self.redo.push(present);
        Some(earlier)
    }

    /// The state to show instead of `present` after an undo; `present` becomes undoable again.
    pub fn redo(&mut self, present: T) -> Option<T> {
        let later = self.redo.pop()?;
        self.undo.push(present);
        Some(later)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut history = EditHistory::default();
        history.record(1, &2);
        history.record(2, &3);
        assert_eq!(history.undo(3), Some(2));
        assert_eq!(history.undo(2), Some(1));
        assert_eq!(history.undo(1), None);
        assert_eq!(history.redo(1), Some(2));
        assert_eq!(history.redo(2), Some(3));
        assert_eq!(history.redo(3), None);
    }

    #[test]
    fn a_new_edit_after_an_undo_forgets_the_redo() {
        let mut history = EditHistory::default();
        history.record(1, &2);
        assert_eq!(history.undo(2), Some(1));
        history.record(1, &5);
        assert!(!history.can_redo());
        assert_eq!(history.undo(5), Some(1));
    }

    #[test]
    fn an_edit_that_changes_nothing_is_not_recorded() {
        let mut history = EditHistory::default();
        history.record(4, &4);
        assert!(!history.can_undo());
    }

    #[test]
    fn only_the_last_hundred_states_are_kept() {
        let mut history = EditHistory::default();
        for value in 0..(HISTORY_LIMIT + 20) {
            history.record(value, &(value + 1));
        }
        let mut present = HISTORY_LIMIT + 20;
        let mut steps = 0;
        while let Some(earlier) = history.undo(present) {
            present = earlier;
            steps += 1;
        }
        assert_eq!(steps, HISTORY_LIMIT);
        assert_eq!(present, 20);
    }
}
