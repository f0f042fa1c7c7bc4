//! The "coming next" list of an area that is not complete yet: it says plainly what it will offer, and shows no numbers.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Page;

/// The one-line introduction and the planned features of each area.
pub fn page_plan(page: Page) -> (Text, &'static [Text]) {
    match page {
        Page::Overview => (Text::OverviewIntro, &[]),
        Page::Performance => (Text::PerformanceIntro, &[]),
        Page::Plan => (Text::PlanIntro, &[]),
        // Built: the Funnels page has nothing planned left to announce.
        Page::Funnels => (Text::FunnelsIntro, &[]),
        Page::Segments => (Text::SegmentsIntro, &[]),
        Page::Journeys => (Text::JourneysIntro, &[]),
        Page::Customers => (Text::CustomersIntro, &[]),
        Page::Data => (
            Text::DataIntro,
            &[Text::DataPlanned1, Text::DataPlanned2, Text::DataPlanned3],
        ),
    }
}

/// The "coming next" list shared by every not-yet-built area.
#[component]
pub fn PlannedSection(page: Page) -> impl IntoView {
    let state = use_app_state();
    let (_, planned) = page_plan(page);
    let items = planned
        .iter()
        .map(|&item| view! { <li>{state.tr(item)}</li> })
        .collect_view();
    view! {
        <section class="card planned" data-testid="planned">
            <h2>
                <span class="badge">{state.tr(Text::ComingNext)}</span>
                {state.tr(Text::WhatWillBeHere)}
            </h2>
            <ul class="planned-list">{items}</ul>
        </section>
    }
}
