//! The rule editor: rules in order with their conditions, a live preview of how many HCPs each rule catches, then save or discard.
//!
//! Edits go to a draft; the preview runs the draft on the current profiles (milliseconds), and
//! only "Save" writes the rule set into the workspace, so a half-edited rule never reclassifies
//! anyone elsewhere in the app.

use leptos::prelude::*;

use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::segmentation::classify::{classify, preview_rules, RulePreview};
use omnirx_core::domain::segmentation::rules::{
    value_key, CompiledRules, Condition, Dimension, DimensionIds, Segment, SegmentRule,
    SegmentRuleSet,
};
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_integer, Text};
use omnirx_core::view::labels::{
    account_type_text, decision_role_text, dimension_text, influence_text, specialty_text,
    title_text, ACCOUNT_TYPES, DECISION_ROLES, INFLUENCES, SPECIALTIES, TITLES,
};

/// The choices of a list condition: (key in the file, label).
fn options_of(state: AppState, dimension: Dimension) -> Vec<(String, String)> {
    let enum_options = |keys: Vec<(String, Text)>| {
        keys.into_iter()
            .map(|(key, label)| (key, state.text(label).to_string()))
            .collect::<Vec<_>>()
    };
    match dimension {
        Dimension::AccountType => enum_options(
            ACCOUNT_TYPES
                .iter()
                .map(|v| (value_key(v), account_type_text(*v)))
                .collect(),
        ),
        Dimension::Specialty => enum_options(
            SPECIALTIES
                .iter()
                .map(|v| (value_key(v), specialty_text(*v)))
                .collect(),
        ),
        Dimension::Title => enum_options(
            TITLES
                .iter()
                .map(|v| (value_key(v), title_text(*v)))
                .collect(),
        ),
        Dimension::Influence => enum_options(
            INFLUENCES
                .iter()
                .map(|v| (value_key(v), influence_text(*v)))
                .collect(),
        ),
        Dimension::DecisionRole => enum_options(
            DECISION_ROLES
                .iter()
                .map(|v| (value_key(v), decision_role_text(*v)))
                .collect(),
        ),
        Dimension::Region => state.session.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| {
                    w.regions
                        .iter()
                        .map(|r| (r.id.clone(), r.name.clone()))
                        .collect()
                })
                .unwrap_or_default()
        }),
        Dimension::DeclaredChannel | Dimension::DerivedChannel => {
            state.session.workspace.with_untracked(|w| {
                w.as_ref()
                    .map(|w| {
                        w.channels
                            .iter()
                            .map(|c| (c.id.clone(), c.name.clone()))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        }
        Dimension::City => state.segments.base.with_untracked(|b| {
            b.as_ref()
                .map(|b| {
                    b.city_names
                        .iter()
                        .map(|c| (c.clone(), c.clone()))
                        .collect()
                })
                .unwrap_or_default()
        }),
        _ => Vec::new(),
    }
}

fn parse_bound(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

#[component]
pub fn RuleEditor() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments;
    // `None` while nothing is edited; a draft of another rule set than the chosen one is ignored.
    let draft = analysis.page.rule_draft;
    let shown = Memo::new(move |_| {
        let saved = analysis.rule_set.get()?;
        Some(match draft.get() {
            Some(draft) if draft.id == saved.id => draft,
            _ => saved,
        })
    });
    let dirty = move || draft.with(|d| d.is_some()) && shown.get() != analysis.rule_set.get();
    let edit = move |change: Box<dyn FnOnce(&mut SegmentRuleSet)>| {
        let Some(mut rule_set) = shown.get_untracked() else {
            return;
        };
        change(&mut rule_set);
        draft.set(Some(rule_set));
    };
    let preview = Memo::new(move |_| {
        let rule_set = shown.get()?;
        // The saved rules are already classified by the shared memos; only a draft runs here.
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
            let w = w.as_ref()?;
            let compiled =
                CompiledRules::compile(&rule_set, &DimensionIds::of(w, &base.city_names));
            let classification = classify(&compiled, &base, &profiles);
            let previews = preview_rules(&compiled, &base, &profiles, &classification);
            Some((previews, classification.sizes()))
        })
    });
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
    let segment_options = move || {
        shown.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.segments
                        .iter()
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };

    let condition_view = move |rule: usize, position: usize, condition: Condition| {
        let dimension = condition.dimension();
        let editor = if let Some((min, max)) = condition.range() {
            let set = move |is_min: bool, text: String| {
                edit(Box::new(move |r| {
                    if let Some(c) = r
                        .rules
                        .get_mut(rule)
                        .and_then(|rule| rule.conditions.get_mut(position))
                    {
                        let (old_min, old_max) = c.range().unwrap_or((None, None));
                        let value = parse_bound(&text);
                        *c = if is_min {
                            c.with_range(value, old_max)
                        } else {
                            c.with_range(old_min, value)
                        };
                    }
                }))
            };
            view! {
                <span class="range-editor">
                    <label>
                        <span class="control-label">{state.tr(Text::RuleMin)}</span>
                        <input type="number" class="number-input" data-testid="rule-condition-min"
                            prop:value=min.map(|v| v.to_string()).unwrap_or_default()
                            on:change=move |e| set(true, event_target_value(&e))/>
                    </label>
                    <label>
                        <span class="control-label">{state.tr(Text::RuleMax)}</span>
                        <input type="number" class="number-input" data-testid="rule-condition-max"
                            prop:value=max.map(|v| v.to_string()).unwrap_or_default()
                            on:change=move |e| set(false, event_target_value(&e))/>
                    </label>
                </span>
            }
            .into_any()
        } else {
            let chosen = condition.listed_keys().unwrap_or_default();
            let options = options_of(state, dimension);
            view! {
                <span class="choice-list">
                    {options.into_iter().map(|(key, label)| {
                        let checked = chosen.contains(&key);
                        let key_for_change = key.clone();
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=checked data-testid="rule-condition-option" data-key=key.clone()
                                    on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        let key = key_for_change.clone();
                                        edit(Box::new(move |r| {
                                            if let Some(c) = r.rules.get_mut(rule).and_then(|rule| rule.conditions.get_mut(position)) {
                                                let mut keys = c.listed_keys().unwrap_or_default();
                                                keys.retain(|k| *k != key);
                                                if on { keys.push(key); }
                                                *c = c.with_listed_keys(&keys);
                                            }
                                        }))
                                    }/>
                                <span>{label}</span>
                            </label>
                        }
                    }).collect_view()}
                </span>
            }
            .into_any()
        };
        view! {
            <li class="rule-condition" data-testid="rule-condition" data-dimension=dimension.key()>
                <span class="rule-condition-name">{state.text(dimension_text(dimension))}</span>
                {editor}
                <button type="button" class="button-link" data-testid="rule-condition-remove"
                    aria-label=state.text(Text::RuleRemoveCondition)
                    on:click=move |_| edit(Box::new(move |r| {
                        if let Some(rule) = r.rules.get_mut(rule) {
                            if position < rule.conditions.len() { rule.conditions.remove(position); }
                        }
                    }))>"✕"</button>
            </li>
        }
    };

    let rule_view = move |index: usize,
                          rule: SegmentRule,
                          count: usize,
                          preview: Option<RulePreview>| {
        let language = state.language.get();
        let segment_id = rule.segment_id.clone();
        let conditions = rule
            .conditions
            .iter()
            .cloned()
            .enumerate()
            .map(|(position, condition)| condition_view(index, position, condition))
            .collect_view();
        view! {
            <li class="rule" data-testid="rule">
                <div class="rule-heading">
                    <span class="rule-number">{index + 1}</span>
                    <input type="text" class="rule-name" data-testid="rule-name" maxlength="120"
                        aria-label=state.text(Text::RuleName)
                        prop:value=rule.name.clone()
                        on:change=move |e| {
                            let name = event_target_value(&e);
                            edit(Box::new(move |r| if let Some(rule) = r.rules.get_mut(index) { rule.name = name }))
                        }/>
                    <label class="rule-segment">
                        <span>"→ "</span>
                        <select data-testid="rule-segment" aria-label=state.text(Text::DimSegment)
                            on:change=move |e| {
                                let id = event_target_value(&e);
                                edit(Box::new(move |r| if let Some(rule) = r.rules.get_mut(index) { rule.segment_id = id }))
                            }>
                            {segment_options().into_iter().map(|(id, name)| {
                                let selected = id == segment_id;
                                view! { <option value=id selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <span class="rule-preview" data-testid="rule-preview">
                        <strong data-testid="rule-caught">{preview.as_ref().map(|p| format_integer(p.caught as i64, language)).unwrap_or_default()}</strong>
                        " " {state.text(Text::RuleCaught)}
                        <span class="muted">{preview.as_ref().map(|p| phrases::rule_matching(language, format_integer(p.matching as i64, language))).unwrap_or_default()}</span>
                    </span>
                    <span class="rule-actions">
                        <button type="button" class="button-link" data-testid="rule-up" disabled={index == 0}
                            aria-label=state.text(Text::RuleMoveUp)
                            on:click=move |_| edit(Box::new(move |r| if index > 0 { r.rules.swap(index, index - 1) }))>"↑"</button>
                        <button type="button" class="button-link" data-testid="rule-down" disabled={index + 1 >= count}
                            aria-label=state.text(Text::RuleMoveDown)
                            on:click=move |_| edit(Box::new(move |r| if index + 1 < r.rules.len() { r.rules.swap(index, index + 1) }))>"↓"</button>
                        <button type="button" class="button-link" data-testid="rule-delete"
                            aria-label=state.text(Text::RuleDelete)
                            on:click=move |_| edit(Box::new(move |r| if index < r.rules.len() { r.rules.remove(index); }))>"✕"</button>
                    </span>
                </div>
                <ul class="rule-conditions">
                    {conditions}
                    {(rule.conditions.is_empty()).then(|| view! { <li class="muted">{state.text(Text::RuleCatchesEveryone)}</li> })}
                </ul>
                <label class="rule-add-condition">
                    <span class="control-label">{state.text(Text::RuleAddCondition)}</span>
                    <select data-testid="rule-add-condition" on:change=move |e| {
                        let key = event_target_value(&e);
                        if let Some(dimension) = Dimension::parse(&key) {
                            edit(Box::new(move |r| if let Some(rule) = r.rules.get_mut(index) { rule.conditions.push(dimension.open_condition()) }));
                        }
                    }>
                        <option value="" selected=true>"—"</option>
                        {Dimension::ALL.into_iter().map(|d| view! { <option value=d.key()>{state.text(dimension_text(d))}</option> }).collect_view()}
                    </select>
                </label>
            </li>
        }
    };

    let rules = move || {
        let rule_set = shown.get()?;
        let previews = preview.with(|p| p.as_ref().map(|(previews, _)| previews.clone()));
        let count = rule_set.rules.len();
        Some(
            rule_set
                .rules
                .into_iter()
                .enumerate()
                .map(|(index, rule)| {
                    let preview = previews.as_ref().and_then(|p| p.get(index).cloned());
                    rule_view(index, rule, count, preview)
                })
                .collect_view(),
        )
    };
    let segments = move || {
        let language = state.language.get();
        let rule_set = shown.get()?;
        let sizes = preview.with(|p| p.as_ref().map(|(_, sizes)| sizes.clone()));
        let fallback = rule_set.fallback_segment_id.clone();
        Some(view! {
            <ul class="segment-editor">
                {rule_set.segments.into_iter().enumerate().map(|(index, segment)| {
                    let size = sizes.as_ref().and_then(|(sizes, _)| sizes.get(index).copied()).unwrap_or(0);
                    let is_fallback = fallback.as_deref() == Some(segment.id.as_str());
                    view! {
                        <li class="segment-edit" data-testid="segment-edit">
                            <input type="text" data-testid="segment-edit-name" maxlength="80" aria-label=state.text(Text::ColumnName)
                                prop:value=segment.name.clone()
                                on:change=move |e| { let name = event_target_value(&e); edit(Box::new(move |r| if let Some(s) = r.segments.get_mut(index) { s.name = name })) }/>
                            <input type="text" class="segment-strategy" data-testid="segment-edit-strategy" maxlength="300" aria-label=state.text(Text::SegmentColumnStrategy)
                                placeholder=state.text(Text::SegmentColumnStrategy)
                                prop:value=segment.strategy.clone()
                                on:change=move |e| { let strategy = event_target_value(&e); edit(Box::new(move |r| if let Some(s) = r.segments.get_mut(index) { s.strategy = strategy })) }/>
                            <span class="number" data-testid="segment-edit-size">{format_integer(size as i64, language)}</span>
                            {is_fallback.then(|| view! { <span class="badge">{state.text(Text::RuleFallback)}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {sizes.filter(|(_, unclassified)| *unclassified > 0).map(|(_, unclassified)| view! {
                <p class="muted" data-testid="rules-unclassified">{format!("{}: {}", state.text(Text::Unclassified), format_integer(unclassified as i64, language))}</p>
            })}
        })
    };
    let add_rule = move |_| {
        edit(Box::new(move |r| {
            let segment_id = r.segments.first().map(|s| s.id.clone()).unwrap_or_default();
            r.rules.push(SegmentRule {
                name: String::new(),
                segment_id,
                conditions: Vec::new(),
            });
        }))
    };
    let add_segment = move |_| {
        edit(Box::new(move |r| {
            let mut number = r.segments.len() + 1;
            while r.segments.iter().any(|s| s.id == format!("s{number}")) {
                number += 1;
            }
            r.segments.push(Segment {
                id: format!("s{number}"),
                name: format!("{number}"),
                strategy: String::new(),
            });
        }))
    };
    view! {
        <section class="card" data-testid="rule-editor">
            <h2 class="card-title">{state.tr(Text::RulesTitle)}</h2>
            <p class="muted">{state.tr(Text::RulesHowTo)}</p>
            <ol class="rule-list" data-testid="rule-list">{rules}</ol>
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="rule-add" on:click=add_rule>{state.tr(Text::RuleAdd)}</button>
            </div>
            <h3>{state.tr(Text::RulesSegments)}</h3>
            {segments}
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="segment-add" on:click=add_segment>{state.tr(Text::SegmentAdd)}</button>
            </div>
            <div class="actions sticky-actions">
                <span class="muted" data-testid="rules-status">{move || state.text(if dirty() { Text::RulesUnsaved } else { Text::RulesSaved })}</span>
                <button type="button" class="button" data-testid="rules-save" disabled=move || !dirty() on:click=save>{state.tr(Text::RulesSave)}</button>
                <button type="button" class="button button-secondary" data-testid="rules-discard" disabled=move || !dirty()
                    on:click=move |_| draft.set(None)>{state.tr(Text::RulesDiscard)}</button>
            </div>
        </section>
    }
}
