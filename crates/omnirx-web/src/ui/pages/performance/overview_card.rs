//! The Overview's attainment card: the team's year to date and each region's, with their status,
//! linked to the Performance page. It fills in at its step of the Overview (after the counts and
//! the funnel), so a large workspace's first screen does not wait for it.

use leptos::prelude::*;

use super::labels;
use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Page;

#[component]
pub fn OverviewPerformanceCard() -> impl IntoView {
    let state = use_app_state();
    let ready = crate::ui::pages::overview::OverviewStage::reached(
        crate::ui::pages::overview::OverviewStage::PERFORMANCE,
    );
    let content = move || {
        if !ready() {
            return None;
        }
        let table = state.performance().overview.get()?;
        let language = state.language.get();
        let row = |name: String,
                   attainment: Option<f64>,
                   status: Option<omnirx_core::domain::performance::Status>| {
            let badge = status.map(|s| {
                let (text, class) = labels::status(s);
                view! { <span class=format!("status status-{class}")>{state.text(text)}</span> }
            });
            view! {
                <li data-testid="overview-performance-row">
                    <strong>{name}</strong>
                    <span>{labels::percent(attainment, language)}</span>
                    {badge}
                </li>
            }
        };
        let total = &table.total;
        let mut rows = vec![row(
            state.text(Text::PerfWholeTeam).to_string(),
            total.attainment,
            total.status,
        )];
        rows.extend(
            table
                .rows
                .iter()
                .filter(|r| !r.id.is_empty())
                .map(|r| row(r.name.clone(), r.attainment, r.status)),
        );
        Some(view! {
            <section class="card" data-testid="overview-performance">
                <h2 class="card-title">
                    {state.text(Text::OverviewPerformanceTitle)} " · "
                    {labels::period(language, table.period)}
                </h2>
                <ul class="overview-journeys">{rows}</ul>
                <a
                    class="button button-secondary"
                    href=Page::Performance.href()
                    data-testid="overview-performance-link"
                >
                    {state.text(Text::OverviewPerformanceLink)}
                </a>
            </section>
        })
    };
    view! { {content} }
}
