//! Several tabs on one workspace: change notices between tabs, and the rule for simultaneous edits.
//!
//! Every tab that writes a workspace tells the others on a `BroadcastChannel`. A tab that shows
//! that workspace and has no edits of its own reads it again at once, so an edit in one tab
//! appears in the other within a second.
//!
//! The rule for simultaneous edits: **the first save wins the workspace, and the other tab's
//! edits are kept as a copy.** Every save of edits replaces only the revision the tab read or
//! last wrote (checked inside the write's transaction). When another tab has saved since, the
//! write is refused, this tab's version is stored as a new workspace "<name> (edits from
//! another tab)", the winner is shown, and a notice names the copy. No edit is dropped unseen,
//! and nothing needs merging record by record. The save of a hidden (maybe closing) page is the
//! exception: it replaces whatever is stored, because a closing page never finishes a read.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Notice, Session};
use crate::ui::browser::channel::ChangeChannel;
use omnirx_core::domain::model::Workspace;
use omnirx_core::i18n::{text, Text};
use omnirx_storage::{Database, Expected};
use std::sync::Arc;

impl Session {
    pub(super) fn listen_to_other_tabs(self) {
        let channel = ChangeChannel::join(move |id| self.on_change_elsewhere(id));
        self.changes.set_value(channel);
    }

    /// Tells the other tabs that workspace `id` was written (the sender gets no copy).
    pub(super) fn announce(self, id: &str) {
        self.changes.with_value(|channel| {
            if let Some(channel) = channel {
                channel.announce(id);
            }
        });
    }

    /// Another tab wrote workspace `id`.
    fn on_change_elsewhere(self, id: String) {
        spawn_local(async move {
            let Some(database) = self.database.get_untracked() else {
                return;
            };
            self.refresh_list(&database).await;
            if self.workspace_id.get_untracked().as_deref() != Some(id.as_str()) {
                return;
            }
            // With edits pending, save them now: the revision check finds the other tab's save
            // and keeps these edits as a copy. A write under way finds it by itself.
            if self.unsaved.get_untracked() {
                return self.flush();
            }
            if self.saving.get_untracked() {
                return;
            }
            let Ok((workspace, revision)) = database.load_with_revision(&id).await else {
                // Deleted in the other tab: this tab keeps showing what it has.
                return;
            };
            // The user may have edited while the workspace was read: those edits win the
            // screen and go through the revision check like any other.
            if self.unsaved.get_untracked()
                || self.saving.get_untracked()
                || self.workspace_id.get_untracked().as_deref() != Some(id.as_str())
            {
                return self.flush();
            }
            if self.revision.get_value() != Some(revision) {
                self.show(id, workspace, Some(revision));
            }
        });
    }

    /// Another tab saved workspace `id` first: this tab's version of it is stored as a new
    /// workspace, and the stored (winning) version is shown with a notice naming the copy.
    pub(super) async fn keep_conflicting_edits_as_copy(
        self,
        database: Database,
        id: String,
        mine: Arc<Workspace>,
    ) {
        let language = self.language.get_untracked();
        let mut copy = Workspace::clone(&mine);
        copy.settings.name = format!(
            "{}{}",
            copy.settings.name,
            text(language, Text::EditsFromAnotherTabSuffix)
        );
        copy.settings.demo = false;
        let copy_id = format!("w-{}", js_sys::Date::now() as u64);
        if let Err(error) = database
            .save(
                &copy_id,
                &copy,
                js_sys::Date::now(),
                false,
                Expected::Anything,
            )
            .await
        {
            // Nothing could be stored: the edits stay on screen, unsaved, with the reason.
            self.unsaved.set(true);
            self.notice.set(Some(Notice::StorageFailed(error)));
            return;
        }
        self.announce(&copy_id);
        match database.load_with_revision(&id).await {
            Ok((theirs, revision)) => self.show(id, theirs, Some(revision)),
            // The other tab deleted it: the copy is now the only version, so open it.
            Err(_) => self.show(copy_id.clone(), copy.clone(), None),
        }
        self.refresh_list(&database).await;
        self.notice.set(Some(Notice::EditsKeptAsCopy {
            name: copy.settings.name,
        }));
    }
}
