//! The rule editor: rules in order with their conditions, a live preview of how many HCPs each rule catches, then save or discard.
//!
//! Edits go to a draft; the preview runs the draft on the current profiles (milliseconds), and
//! only "Save" writes the rule set into the workspace, so a half-edited rule never reclassifies
//! anyone elsewhere in the app. Every edit is a function of `domain::segmentation::editing`.

mod condition;
mod rule_item;
mod segment_list;

use crate::ui::components::lists::IndexedRows;
use leptos::prelude::*;

use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::segmentation::classify::{classify, preview_rules, RulePreview};
use omnirx_core::domain::segmentation::editing::{add_rule, add_segment};
use omnirx_core::domain::segmentation::rules::{CompiledRules, DimensionIds, SegmentRuleSet};
use omnirx_core::i18n::Text;

/// Each rule's preview, and the segments' sizes with the unclassified count.
type Preview = (Vec<RulePreview>, (Vec<u64>, u64));

/// The rule set being edited (the draft, or the saved set while nothing is edited) and its
/// preview, shared by the editor's parts through context.
#[derive(Clone, Copy)]
struct Draft {
    shown: Memo<Option<SegmentRuleSet>>,
    preview: Memo<Option<Preview>>,
    state: AppState,
}

impl Draft {
    fn new(state: AppState) -> Draft {
        let analysis = state.segments();
        let draft = analysis.page.rule_draft;
        // A draft of another rule set than the chosen one is ignored.
        let shown = Memo::new(move |_| {
            let saved = analysis.rule_set.get()?;
            Some(match draft.get() {
                Some(draft) if draft.id == saved.id => draft,
                _ => saved,
            })
        });
        let preview = Memo::new(move |_| preview_of(state, shown.get()?));
        Draft {
            shown,
            preview,
            state,
        }
    }

    /// Applies an edit to the draft (made from the saved set on the first edit).
    fn edit(self, change: impl FnOnce(&mut SegmentRuleSet)) {
        let Some(mut rule_set) = self.shown.get_untracked() else {
            return;
        };
        change(&mut rule_set);
        self.state.segments().page.rule_draft.set(Some(rule_set));
    }

    fn read<T: Default>(self, read: impl FnOnce(&SegmentRuleSet) -> T) -> T {
        self.shown
            .with(|r| r.as_ref().map(read).unwrap_or_default())
    }
}

/// The saved rules are already classified by the shared memos; only a draft runs here.
fn preview_of(state: AppState, rule_set: SegmentRuleSet) -> Option<Preview> {
    let analysis = state.segments();
    if analysis
        .rule_set
        .with(|saved| saved.as_ref() == Some(&rule_set))
    {
        let previews = analysis.previews.get()?;
        let sizes = analysis
            .classification
            .with(|c| c.as_ref().map(|c| c.sizes()))?;
        return Some((previews, sizes));
    }
    let base = analysis.base.get()?;
    let profiles = analysis.profiles.get()?;
    state.session.workspace.with_untracked(|w| {
        let compiled =
            CompiledRules::compile(&rule_set, &DimensionIds::of(w.as_ref()?, &base.city_names));
        let classification = classify(&compiled, &base, &profiles);
        let previews = preview_rules(&compiled, &base, &profiles, &classification);
        Some((previews, classification.sizes()))
    })
}

fn use_draft() -> Draft {
    expect_context::<Draft>()
}

#[component]
pub fn RuleEditor() -> impl IntoView {
    let state = use_app_state();
    let draft = Draft::new(state);
    provide_context(draft);
    let count = Memo::new(move |_| draft.read(|r| r.rules.len()));
    view! {
        <section class="card" data-testid="rule-editor">
            <h2 class="card-title">{state.tr(Text::RulesTitle)}</h2>
            <p class="muted">{state.tr(Text::RulesHowTo)}</p>
            <ol class="rule-list" data-testid="rule-list">
                <IndexedRows
                    count=count
                    row=Callback::new(|index| {
                        view! { <rule_item::RuleItem index=index /> }.into_any()
                    })
                />
            </ol>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="rule-add"
                    on:click=move |_| {
                        draft
                            .edit(|r| {
                                add_rule(r);
                            })
                    }
                >
                    {state.tr(Text::RuleAdd)}
                </button>
            </div>
            <h3>{state.tr(Text::RulesSegments)}</h3>
            <segment_list::SegmentList />
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="segment-add"
                    on:click=move |_| {
                        draft
                            .edit(|r| {
                                add_segment(r);
                            })
                    }
                >
                    {state.tr(Text::SegmentAdd)}
                </button>
            </div>
            <SaveBar />
        </section>
    }
}

/// Whether the draft differs from the saved set, with save and discard.
#[component]
fn SaveBar() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let draft = analysis.page.rule_draft;
    let shown = use_draft().shown;
    let dirty = move || draft.with(|d| d.is_some()) && shown.get() != analysis.rule_set.get();
    let save = move |_| {
        let Some(rule_set) = draft.get_untracked() else {
            return;
        };
        state.session.edit_analyses(move |workspace| {
            if let Some(saved) = workspace
                .segment_rule_sets
                .iter_mut()
                .find(|r| r.id == rule_set.id)
            {
                *saved = rule_set;
            }
        });
        draft.set(None);
    };
    view! {
        <div class="actions sticky-actions">
            <span class="muted" data-testid="rules-status">
                {move || state.text(if dirty() { Text::RulesUnsaved } else { Text::RulesSaved })}
            </span>
            <button
                type="button"
                class="button"
                data-testid="rules-save"
                disabled=move || !dirty()
                on:click=save
            >
                {state.tr(Text::RulesSave)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="rules-discard"
                disabled=move || !dirty()
                on:click=move |_| draft.set(None)
            >
                {state.tr(Text::RulesDiscard)}
            </button>
        </div>
    }
}
