//! One condition of a rule: a range (min–max) or a list of values to tick, and its remove button.

use leptos::prelude::*;

use super::use_draft;
use crate::ui::components::lists::{pair_keys, pair_of, KeyedRows};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::segmentation::editing::{
    remove_condition, set_condition_bound, set_condition_value, Bound,
};
use omnirx_core::domain::segmentation::rules::{value_key, Condition, Dimension};
use omnirx_core::i18n::Text;
use omnirx_core::view::labels::{
    account_type_text, decision_role_text, dimension_text, influence_text, specialty_text,
    title_text, ACCOUNT_TYPES, DECISION_ROLES, INFLUENCES, SPECIALTIES, TITLES,
};

/// The choices of a list condition: (key in the file, label).
fn options_of(state: AppState, dimension: Dimension) -> Vec<(String, String)> {
    fn labelled<T: serde::Serialize + Copy>(
        state: AppState,
        values: &[T],
        label: fn(T) -> Text,
    ) -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| (value_key(v), state.text(label(*v)).to_string()))
            .collect()
    }
    let named = |pairs: fn(&omnirx_core::domain::model::Workspace) -> Vec<(String, String)>| {
        state
            .session
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| pairs(w)).unwrap_or_default())
    };
    match dimension {
        Dimension::AccountType => labelled(state, &ACCOUNT_TYPES, account_type_text),
        Dimension::Specialty => labelled(state, &SPECIALTIES, specialty_text),
        Dimension::Title => labelled(state, &TITLES, title_text),
        Dimension::Influence => labelled(state, &INFLUENCES, influence_text),
        Dimension::DecisionRole => labelled(state, &DECISION_ROLES, decision_role_text),
        Dimension::Region => named(|w| {
            w.regions
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect()
        }),
        Dimension::DeclaredChannel | Dimension::DerivedChannel => named(|w| {
            w.channels
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect()
        }),
        Dimension::City => state.segments().base.with_untracked(|b| {
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

#[component]
pub fn ConditionItem(rule: usize, position: usize) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let condition: Memo<Option<Condition>> = Memo::new(move |_| {
        draft.shown.with(|r| {
            r.as_ref()?
                .rules
                .get(rule)?
                .conditions
                .get(position)
                .cloned()
        })
    });
    let dimension = Memo::new(move |_| condition.with(|c| c.as_ref().map(Condition::dimension)));
    let editor = move || {
        match dimension.get() {
        Some(dimension) if dimension.is_range() => {
            view! { <RangeEditor condition=condition rule=rule position=position /> }.into_any()
        }
        Some(dimension) => {
            view! { <ChoiceList dimension=dimension condition=condition rule=rule position=position /> }.into_any()
        }
        None => ().into_any(),
    }
    };
    view! {
        <li
            class="rule-condition"
            data-testid="rule-condition"
            data-dimension=move || dimension.get().map(Dimension::key)
        >
            <span class="rule-condition-name">
                {move || dimension.get().map(|d| state.text(dimension_text(d)))}
            </span>
            {editor}
            <button
                type="button"
                class="button-link"
                data-testid="rule-condition-remove"
                aria-label=state.tr(Text::RuleRemoveCondition)
                on:click=move |_| draft.edit(|r| remove_condition(r, rule, position))
            >
                "✕"
            </button>
        </li>
    }
}

/// The min and max of a range condition (empty: open).
#[component]
fn RangeEditor(condition: Memo<Option<Condition>>, rule: usize, position: usize) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let range = move || {
        condition
            .with(|c| c.as_ref().and_then(Condition::range))
            .unwrap_or((None, None))
    };
    let shown = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
    let set = move |bound: Bound, text: String| {
        let value = text.trim().parse::<i64>().ok();
        draft.edit(|r| set_condition_bound(r, rule, position, bound, value));
    };
    view! {
        <span class="range-editor">
            <label>
                <span class="control-label">{state.tr(Text::RuleMin)}</span>
                <input
                    type="number"
                    class="number-input"
                    data-testid="rule-condition-min"
                    prop:value=move || shown(range().0)
                    on:change=move |e| set(Bound::Min, event_target_value(&e))
                />
            </label>
            <label>
                <span class="control-label">{state.tr(Text::RuleMax)}</span>
                <input
                    type="number"
                    class="number-input"
                    data-testid="rule-condition-max"
                    prop:value=move || shown(range().1)
                    on:change=move |e| set(Bound::Max, event_target_value(&e))
                />
            </label>
        </span>
    }
}

/// The values a list condition may list, each a check box.
#[component]
fn ChoiceList(
    dimension: Dimension,
    condition: Memo<Option<Condition>>,
    rule: usize,
    position: usize,
) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let listed = move |key: &str| {
        condition.with(|c| {
            c.as_ref()
                .and_then(Condition::listed_keys)
                .is_some_and(|keys| keys.iter().any(|k| k == key))
        })
    };
    let options = move || {
        state.language.track();
        options_of(state, dimension)
    };
    view! {
        <span class="choice-list">
            <KeyedRows
                keys=Signal::derive(move || pair_keys(options()))
                row=Callback::new(move |key: String| {
                    let (key, label) = pair_of(&key);
                    let checked_key = key.clone();
                    let changed_key = key.clone();
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                data-testid="rule-condition-option"
                                data-key=key
                                prop:checked=move || listed(&checked_key)
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    draft
                                        .edit(|r| set_condition_value(
                                            r,
                                            rule,
                                            position,
                                            &changed_key,
                                            on,
                                        ));
                                }
                            />
                            <span>{label}</span>
                        </label>
                    }
                        .into_any()
                })
            />
        </span>
    }
}
