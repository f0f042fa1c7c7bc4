//! The Overview page: today's date and, until the workspace arrives, what the page will show.

use leptos::prelude::*;

use super::planned::PlannedSection;
use crate::i18n::{format_weekday_date, Text};
use crate::ui::route::Page;
use crate::ui::state::use_app_state;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <article class="page" data-testid="page-overview">
            <div class="page-heading">
                <h1 data-testid="page-title">{move || state.text(Text::PageOverview)}</h1>
                <p class="today" data-testid="today">
                    <span class="muted">{move || state.text(Text::TodayLabel)}</span>
                    " "
                    <time>{move || format_weekday_date(state.today, state.language.get())}</time>
                </p>
            </div>
            <PlannedSection page=Page::Overview/>
        </article>
    }
}
