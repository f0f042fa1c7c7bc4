//! The Data page: export the open workspace (whole or a part, anonymised, encrypted), import a
//! file (unlock, check, preview, confirm), the market rules, manage workspaces.

mod export_card;
mod import_card;
mod market_rules_card;
mod merge_card;
mod merge_preview;
mod merge_sources;
mod passphrase;
mod table_import;
mod workspace_list;

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use export_card::ExportCard;
use import_card::ImportCard;
use market_rules_card::MarketRulesCard;
use merge_card::MergeCard;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Page;
use workspace_list::WorkspaceList;

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
            <MergeCard />
            <table_import::TableImportCard />
            <MarketRulesCard />
            <WorkspaceList />
            <super::planned::PlannedSection page=Page::Data />
        </article>
    }
}
