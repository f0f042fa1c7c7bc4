//! The Data page's export choices (`docs/sharing.md`): which part of the open workspace, whether
//! to anonymise it, and the passphrase that seals it. Making the file is the core's work.

use std::borrow::Cow;

use leptos::prelude::*;

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::sharing::anonymise::anonymise;
use omnirx_core::domain::sharing::envelope::{seal, NONCE_BYTES, SALT_BYTES};
use omnirx_core::domain::sharing::subset::{subset, SubsetChoice};
use omnirx_core::domain::workspace_file::{export_file_name, export_workspace};
use omnirx_core::i18n::Language;

use super::session::Session;
use crate::ui::browser;

/// Why the export could not be made as chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportProblem {
    PassphrasesDiffer,
    NothingKept,
    NoRandomSource,
}

#[derive(Clone, Copy)]
pub struct ExportChoices {
    pub choice: RwSignal<SubsetChoice>,
    pub anonymise: RwSignal<bool>,
    pub passphrase: RwSignal<String>,
    pub passphrase_again: RwSignal<String>,
    pub problem: RwSignal<Option<ExportProblem>>,
    session: Session,
}

/// A list with `id` added, or taken out when it is there.
fn toggled(list: &mut Vec<String>, id: &str) {
    match list.iter().position(|item| item == id) {
        Some(position) => {
            list.remove(position);
        }
        None => list.push(id.to_string()),
    }
}

impl ExportChoices {
    pub fn new(session: Session) -> ExportChoices {
        ExportChoices {
            choice: RwSignal::new(SubsetChoice::default()),
            anonymise: RwSignal::new(false),
            passphrase: RwSignal::new(String::new()),
            passphrase_again: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
            session,
        }
    }

    pub fn toggle(self, list: fn(&mut SubsetChoice) -> &mut Vec<String>, id: &str) {
        self.choice.update(|choice| toggled(list(choice), id));
    }

    pub fn set_dates(self, from: Option<CalendarDate>, to: Option<CalendarDate>) {
        self.choice.update(|choice| {
            choice.from = from;
            choice.to = to;
        });
    }

    /// Makes the file as chosen and offers it for download.
    pub fn export(self, language: Language, today: CalendarDate) {
        let Some(workspace) = self.session.workspace.get_untracked() else {
            return;
        };
        let passphrase = self.passphrase.get_untracked();
        if passphrase != self.passphrase_again.get_untracked() {
            return self.problem.set(Some(ExportProblem::PassphrasesDiffer));
        }
        let choice = self.choice.get_untracked();
        // The whole workspace is written as it is, never copied (a large one is hundreds of MB).
        let mut part = if choice.is_everything() {
            Cow::Borrowed(&*workspace)
        } else {
            Cow::Owned(subset(&workspace, &choice))
        };
        if part.hcps.is_empty() && !workspace.hcps.is_empty() {
            return self.problem.set(Some(ExportProblem::NothingKept));
        }
        if self.anonymise.get_untracked() {
            // A new copy each time: the seed comes from the clock, never stored.
            let seed = js_sys::Date::now() as u64;
            part = Cow::Owned(anonymise(
                &part,
                seed,
                language == Language::SimplifiedChinese,
            ));
        }
        let mut file_name = export_file_name(&part.settings.name, today);
        let mut text = export_workspace(&part);
        if !passphrase.is_empty() {
            let (Some(salt), Some(nonce)) = (
                browser::random_bytes::<SALT_BYTES>(),
                browser::random_bytes::<NONCE_BYTES>(),
            ) else {
                return self.problem.set(Some(ExportProblem::NoRandomSource));
            };
            text = seal(text.as_bytes(), &passphrase, &salt, &nonce);
            file_name = file_name.replace(".omnirx.json", ".encrypted.omnirx.json");
        }
        self.problem.set(None);
        let _ = browser::download_text(&file_name, &text, "application/json");
    }
}
