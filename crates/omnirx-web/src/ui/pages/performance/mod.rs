//! The Performance page: targets against actuals with drill-down, the monthly chart and the
//! year-end forecast, rep activity KPIs, customers to follow up, effort against outcome, and the
//! page's settings. Numbers come from `omnirx_core::domain::performance` (the same as the CLI).

mod activity;
mod controls;
mod effort;
mod forecast;
pub(crate) mod labels;
mod monthly_chart;
mod overview_card;
mod ranking;
mod settings;

use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;

pub use overview_card::OverviewPerformanceCard;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;

#[component]
pub fn PerformancePage() -> impl IntoView {
    let state = use_app_state();
    // What is below the chart is drawn just after the top has been painted, so the first
    // screen does not wait for every contact of a large workspace to be read: two frames, the
    // first paints the top, the sections below are computed in the next.
    let below = RwSignal::new(false);
    request_animation_frame(move || request_animation_frame(move || below.set(true)));
    let has_data = move || {
        state
            .performance()
            .data
            .with(|d| d.as_ref().is_some_and(|d| d.data_end.is_some()))
    };
    view! {
        <PageFrame slug="performance" title=Text::PagePerformance intro=Text::PerformanceIntro>
            <Show
                when=has_data
                fallback=move || {
                    view! {
                        <p class="card" data-testid="performance-empty">
                            {state.tr(Text::PerfNoData)}
                        </p>
                    }
                }
            >
                <controls::Controls />
                <ranking::Summary />
                <ranking::Ranking />
                <monthly_chart::MonthlyCard />
                <Show when=move || below.get()>
                    <forecast::ForecastCard />
                    <activity::ActivityCard />
                    <activity::FollowUpCard />
                    <effort::EffortCard />
                    <settings::SettingsCard />
                </Show>
            </Show>
        </PageFrame>
    }
}
