//! The Funnels page: pick and tune a funnel, read its numbers, break them down, compare, and ask what-if.

mod breakdown_view;
mod comparison_view;
mod controls;
mod drop_off;
mod manual_counts;
mod results;
mod step_editor;
mod what_if_view;

use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;

use crate::ui::components::market_rules::MarketRulesNotice;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::funnel::editing::{add_default_funnel, edit_funnel};
use omnirx_core::domain::funnel::FunnelDefinition;
use omnirx_core::i18n::{Language, Text};

/// Changes the shown funnel in the workspace; saved shortly after, without rewriting the data.
pub fn edit_definition(state: AppState, change: impl FnOnce(&mut FunnelDefinition)) {
    let Some(id) = state
        .funnels()
        .definition
        .with_untracked(|d| d.as_ref().map(|d| d.id.clone()))
    else {
        return;
    };
    state.session.edit_analyses(move |workspace| {
        edit_funnel(workspace, &id, change);
    });
}

/// "12.5 天" or "12.5 d"; a dash when there is no time.
pub fn format_days(seconds: Option<i64>, language: Language) -> String {
    match seconds {
        None => "—".to_string(),
        Some(seconds) => format!(
            "{:.1} {}",
            seconds as f64 / 86_400.0,
            omnirx_core::i18n::text(language, Text::DaysShort)
        ),
    }
}

#[component]
pub fn FunnelsPage() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let has_funnel = move || analysis.definition.with(|d| d.is_some());
    let is_manual = move || {
        analysis
            .definition
            .with(|d| d.as_ref().is_some_and(|d| d.manual_counts.is_some()))
    };
    let add_default = move |_| {
        let chinese = state.session.workspace.with_untracked(|w| {
            w.as_ref()
                .is_some_and(|w| w.settings.data_language.starts_with("zh"))
        });
        state.session.edit_analyses(move |workspace| {
            add_default_funnel(workspace, chinese);
        });
    };
    view! {
        <PageFrame slug="funnels" title=Text::PageFunnels intro=Text::FunnelsIntro>
            <Show
                when=has_funnel
                fallback=move || {
                    view! {
                        <section class="card">
                            <p data-testid="funnel-none">{state.tr(Text::FunnelNone)}</p>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="funnel-add-default"
                                    on:click=add_default
                                >
                                    {state.tr(Text::FunnelAddDefault)}
                                </button>
                                <controls::NewWorkshopFunnelButton />
                            </div>
                        </section>
                    }
                }
            >
                <controls::FunnelPicker />
                <controls::DefinitionControls />
                <MarketRulesNotice
                    when=analysis.per_account_by_rules
                    text=Text::FunnelMarketRules
                    testid="funnel-market-rules"
                />
                <Show when=move || analysis.page.editing_steps.get()>
                    <step_editor::StepEditor />
                </Show>
                <Show when=is_manual>
                    <manual_counts::ManualCounts />
                </Show>
                <results::FunnelResults />
                <Show when=move || !is_manual()>
                    <breakdown_view::BreakdownView />
                </Show>
                <comparison_view::ComparisonView />
                <what_if_view::WhatIfView />
                <Show when=move || !is_manual()>
                    <drop_off::DropOffList />
                </Show>
            </Show>
        </PageFrame>
    }
}
