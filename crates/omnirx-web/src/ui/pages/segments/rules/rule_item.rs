//! One rule of the editor: its name, its segment, its preview, its place in the order and its conditions.

use crate::ui::components::lists::{pair_keys, pair_of, IndexedRows, KeyedRows};
use leptos::prelude::*;

use super::condition::ConditionItem;
use super::use_draft;
use crate::ui::state::use_app_state;
use omnirx_core::domain::segmentation::editing::{
    add_condition, move_rule, remove_rule, rename_rule, set_rule_segment,
};
use omnirx_core::domain::segmentation::rules::Dimension;
use omnirx_core::i18n::{format_integer, phrases, Text};
use omnirx_core::view::labels::dimension_text;

#[component]
pub fn RuleItem(index: usize) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let rule = Memo::new(move |_| draft.shown.with(|r| r.as_ref()?.rules.get(index).cloned()));
    let conditions =
        Memo::new(move |_| rule.with(|r| r.as_ref().map_or(0, |r| r.conditions.len())));
    let segments = move || {
        draft.read(|r| {
            r.segments
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let segment_id =
        move || rule.with(|r| r.as_ref().map(|r| r.segment_id.clone()).unwrap_or_default());
    view! {
        <li class="rule" data-testid="rule">
            <div class="rule-heading">
                <span class="rule-number">{index + 1}</span>
                <input
                    type="text"
                    class="rule-name"
                    data-testid="rule-name"
                    maxlength="120"
                    aria-label=state.tr(Text::RuleName)
                    prop:value=move || {
                        rule.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default())
                    }
                    on:change=move |e| {
                        let name = event_target_value(&e);
                        draft.edit(|r| rename_rule(r, index, &name));
                    }
                />
                <label class="rule-segment">
                    <span>"→ "</span>
                    <select
                        data-testid="rule-segment"
                        aria-label=state.tr(Text::DimSegment)
                        prop:value=segment_id
                        on:change=move |e| {
                            let id = event_target_value(&e);
                            draft.edit(|r| set_rule_segment(r, index, &id));
                        }
                    >
                        <KeyedRows
                            keys=Signal::derive(move || pair_keys(segments()))
                            row=Callback::new(move |key: String| {
                                let (id, name) = pair_of(&key);
                                let selected_id = id.clone();
                                view! {
                                    <option value=id selected=move || segment_id() == selected_id>
                                        {name}
                                    </option>
                                }
                                    .into_any()
                            })
                        />
                    </select>
                </label>
                <RulePreviewText index=index />
                <RuleActions index=index />
            </div>
            <ul class="rule-conditions">
                <IndexedRows
                    count=conditions
                    row=Callback::new(move |position| {
                        view! { <ConditionItem rule=index position=position /> }.into_any()
                    })
                />
                <Show when=move || conditions.get() == 0>
                    <li class="muted">{state.tr(Text::RuleCatchesEveryone)}</li>
                </Show>
            </ul>
            <label class="rule-add-condition">
                <span class="control-label">{state.tr(Text::RuleAddCondition)}</span>
                <select
                    data-testid="rule-add-condition"
                    on:change=move |e| {
                        if let Some(dimension) = Dimension::parse(&event_target_value(&e)) {
                            draft.edit(|r| add_condition(r, index, dimension));
                        }
                    }
                >
                    <option value="" selected=true>
                        "—"
                    </option>
                    {Dimension::ALL
                        .map(|d| {
                            view! { <option value=d.key()>{state.tr(dimension_text(d))}</option> }
                        })}
                </select>
            </label>
        </li>
    }
}

/// How many HCPs the rule catches, and how many match its conditions.
#[component]
fn RulePreviewText(index: usize) -> impl IntoView {
    let state = use_app_state();
    let preview = use_draft().preview;
    let figures = move || preview.with(|p| p.as_ref()?.0.get(index).cloned());
    view! {
        <span class="rule-preview" data-testid="rule-preview">
            <strong data-testid="rule-caught">
                {move || {
                    figures()
                        .map(|p| format_integer(p.caught as i64, state.language.get()))
                        .unwrap_or_default()
                }}
            </strong>
            " "
            {state.tr(Text::RuleCaught)}
            <span class="muted">
                {move || {
                    figures()
                        .map(|p| {
                            let language = state.language.get();
                            phrases::rule_matching(
                                language,
                                format_integer(p.matching as i64, language),
                            )
                        })
                        .unwrap_or_default()
                }}
            </span>
        </span>
    }
}

/// Up, down and delete for rule `index`.
#[component]
fn RuleActions(index: usize) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let count = move || draft.read(|r| r.rules.len());
    view! {
        <span class="rule-actions">
            <button
                type="button"
                class="button-link"
                data-testid="rule-up"
                disabled={index == 0}
                aria-label=state.tr(Text::RuleMoveUp)
                on:click=move |_| {
                    draft
                        .edit(|r| {
                            move_rule(r, index, -1);
                        })
                }
            >
                "↑"
            </button>
            <button
                type="button"
                class="button-link"
                data-testid="rule-down"
                disabled={move || index + 1 >= count()}
                aria-label=state.tr(Text::RuleMoveDown)
                on:click=move |_| {
                    draft
                        .edit(|r| {
                            move_rule(r, index, 1);
                        })
                }
            >
                "↓"
            </button>
            <button
                type="button"
                class="button-link"
                data-testid="rule-delete"
                aria-label=state.tr(Text::RuleDelete)
                on:click=move |_| draft.edit(|r| remove_rule(r, index))
            >
                "✕"
            </button>
        </span>
    }
}
