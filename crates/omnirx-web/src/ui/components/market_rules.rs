//! What the pages share about the market rules (`docs/compliance.md`): the notice a view shows
//! where the rules change what it counts or shows, and the choice an import offers for a file's
//! prescriptions of individual HCPs.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::compliance::{IncomingChoice, Settled};
use omnirx_core::i18n::{format_integer, phrases, Language, Text};

/// What the market rules made of an import's HCP-level prescriptions, in words (none: nothing).
pub fn settled_text(language: Language, settled: &Settled) -> Option<String> {
    let number = |n: usize| format_integer(n as i64, language);
    let done = &settled.aggregation;
    if !done.is_empty() {
        return Some(phrases::market_rules_aggregated(
            language,
            number(done.hcp_records),
            number(done.new_account_records),
            number(done.added_to_existing),
            number(done.without_account),
        ));
    }
    (settled.left_out > 0)
        .then(|| phrases::market_rules_left_out(language, number(settled.left_out)))
}

/// A note shown while `when` holds, saying how the market rules change the view and why.
#[component]
pub fn MarketRulesNotice(
    #[prop(into)] when: Signal<bool>,
    text: Text,
    testid: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <Show when=move || when.get()>
            <p class="alert alert-info market-rules-notice" role="note" data-testid=testid>
                {state.tr(text)}
            </p>
        </Show>
    }
}

/// An import's warning about `count` prescriptions of individual HCPs coming into a workspace
/// whose rules forbid them, with the choice of summing them per account or leaving them out.
/// `testid` names the box; the options are `{testid}-aggregate` and `{testid}-leave-out`.
#[component]
pub fn IncomingPrescriptionsChoice(
    #[prop(into)] count: Signal<usize>,
    choice: RwSignal<IncomingChoice>,
    testid: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let option = move |value: IncomingChoice, label: Text, suffix: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name=testid
                    data-testid=format!("{testid}-{suffix}")
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value)
                />
                <span>{state.tr(label)}</span>
            </label>
        }
    };
    view! {
        <div class="alert alert-warning" role="alert" data-testid=testid>
            <p data-testid=format!(
                "{testid}-message",
            )>
                {move || {
                    let language = state.language.get();
                    phrases::market_rules_incoming(
                        language,
                        format_integer(count.get() as i64, language),
                    )
                }}
            </p>
            <fieldset class="choice-group">
                <legend>{state.tr(Text::MarketRulesChoiceLegend)}</legend>
                <div class="choice-list">
                    {option(
                        IncomingChoice::AggregateToAccounts,
                        Text::MarketRulesAggregate,
                        "aggregate",
                    )} {option(IncomingChoice::LeaveOut, Text::MarketRulesLeaveOut, "leave-out")}
                </div>
            </fieldset>
        </div>
    }
}
