//! The Segments page: pick a rule set, then read its segments, the potential × support matrix, edit the rules, find clusters and follow movement.

mod clusters;
mod matrix_view;
mod movement_view;
mod overview_view;
mod rules;

use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;

use crate::ui::components::market_rules::MarketRulesNotice;
use crate::ui::state::segment_analysis::SegmentTab;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::i18n::Text;

/// "2026-11-24" for file names.
pub fn file_date(state: AppState) -> String {
    state.today.to_string()
}

const TABS: [(SegmentTab, Text, &str); 5] = [
    (SegmentTab::Overview, Text::SegmentTabOverview, "overview"),
    (SegmentTab::Matrix, Text::SegmentTabMatrix, "matrix"),
    (SegmentTab::Rules, Text::SegmentTabRules, "rules"),
    (SegmentTab::Clusters, Text::SegmentTabClusters, "clusters"),
    (SegmentTab::Movement, Text::SegmentTabMovement, "movement"),
];

#[component]
pub fn SegmentsPage() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    view! {
        <PageFrame slug="segments" title=Text::PageSegments intro=Text::SegmentsIntro>
            <SegmentsHeader />
            <MarketRulesNotice
                when=Signal::derive(move || analysis.volume_at_account_level())
                text=Text::SegmentsMarketRules
                testid="segments-market-rules"
            />
            {move || match page.tab.get() {
                SegmentTab::Overview => overview_view::SegmentOverview().into_any(),
                SegmentTab::Matrix => matrix_view::SegmentMatrix().into_any(),
                SegmentTab::Rules => rules::RuleEditor().into_any(),
                SegmentTab::Clusters => clusters::ClusterView().into_any(),
                SegmentTab::Movement => movement_view::MovementView().into_any(),
            }}
        </PageFrame>
    }
}

/// The rule set chooser (or the offer of the demo's rule sets) and the tabs.
#[component]
fn SegmentsHeader() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let page = analysis.page;
    let rule_sets = move || {
        state.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.segment_rule_sets
                        .iter()
                        .map(|r| (r.id.clone(), r.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let current_id = move || {
        analysis
            .rule_set
            .with(|r| r.as_ref().map(|r| r.id.clone()).unwrap_or_default())
    };
    let add_demo_rules = move |_| {
        let chinese = state.session.workspace.with_untracked(|w| {
            w.as_ref()
                .is_some_and(|w| w.settings.data_language.starts_with("zh"))
        });
        state.session.edit_analyses(move |workspace| {
            for rule_set in [
                omnirx_core::domain::segmentation::demo_rules::tier_rules(chinese),
                omnirx_core::domain::segmentation::demo_rules::key_account_rules(chinese),
            ] {
                if !workspace
                    .segment_rule_sets
                    .iter()
                    .any(|r| r.id == rule_set.id)
                {
                    workspace.segment_rule_sets.push(rule_set);
                }
            }
        });
    };
    let has_rules = move || analysis.rule_set.with(|r| r.is_some());
    view! {
        <section class="card">
            <div class="control-row">
                <Show
                    when=has_rules
                    fallback=move || {
                        view! {
                            <p data-testid="segments-none">{state.tr(Text::SegmentsNone)}</p>
                            <button
                                type="button"
                                class="button"
                                data-testid="segments-add-demo-rules"
                                on:click=add_demo_rules
                            >
                                {state.tr(Text::SegmentsAddDemoRules)}
                            </button>
                        }
                    }
                >
                    <label class="control control-wide">
                        <span class="control-label">{state.tr(Text::SegmentsRuleSet)}</span>
                        <select
                            data-testid="segments-rule-set"
                            prop:value=current_id
                            on:change=move |event| {
                                page.selected_cell.set(None);
                                state.customer_list.filter.update(|f| f.segment = None);
                                page.selected_rule_set.set(Some(event_target_value(&event)));
                            }
                        >
                            {move || {
                                rule_sets()
                                    .into_iter()
                                    .map(|(id, name)| {
                                        let selected = id == current_id();
                                        view! {
                                            <option value=id.clone() selected=selected>
                                                {name}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
            </div>
            <div class="tab-row" role="tablist" aria-label=state.tr(Text::PageSegments)>
                {TABS
                    .into_iter()
                    .map(|(tab, label, key)| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                class="tab"
                                class:tab-active=move || page.tab.get() == tab
                                aria-selected=move || (page.tab.get() == tab).to_string()
                                data-testid=format!("segments-tab-{key}")
                                on:click=move |_| page.tab.set(tab)
                            >
                                {state.tr(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}
