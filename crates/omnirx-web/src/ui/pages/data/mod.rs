//! The Data page: export the open workspace, import a file (check, preview, confirm), manage workspaces.

mod import_card;
mod table_import;
mod workspace_list;

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::state::use_app_state;
use import_card::ImportCard;
use omnirx_core::domain::workspace_file::{export_file_name, export_workspace};
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Page;
use workspace_list::WorkspaceList;

/// The export card: the open workspace saved as a JSON file.
#[component]
fn ExportCard() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let export = move |_| {
        let Some(workspace) = session.workspace.get_untracked() else {
            return;
        };
        let text = export_workspace(&workspace);
        let file_name = export_file_name(&workspace.settings.name, state.today);
        let _ = browser::download_text(&file_name, &text, "application/json");
    };
    view! {
        <section class="card">
            <h2>{state.tr(Text::ExportTitle)}</h2>
            <p class="muted">{state.tr(Text::ExportHint)}</p>
            <button type="button" class="button" data-testid="export-button" on:click=export>
                {state.tr(Text::ExportButton)}
            </button>
        </section>
    }
}

/// The Data page: the export and import cards side by side, then the stored workspaces.
#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <article class="page" data-testid="page-data">
            <h1 data-testid="page-title">{state.tr(Text::PageData)}</h1>
            <p class="page-intro">{state.tr(Text::DataIntro)}</p>
            <div class="card-grid">
                <ExportCard />
                <ImportCard />
            </div>
            <table_import::TableImportCard />
            <WorkspaceList />
            <super::planned::PlannedSection page=Page::Data />
        </article>
    }
}
