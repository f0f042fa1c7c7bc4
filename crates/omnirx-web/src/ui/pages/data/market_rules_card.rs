//! The market rules card (`docs/compliance.md`): standard or China compliance for the open workspace; turning China's rules on over HCP-level prescriptions asks first, then sums them per account in one edit.

use leptos::prelude::*;

use crate::ui::components::market_rules::settled_text;
use crate::ui::state::use_app_state;
use omnirx_core::domain::compliance::Settled;
use omnirx_core::domain::model::MarketRules;
use omnirx_core::i18n::{format_integer, phrases, Text};

#[component]
pub(super) fn MarketRulesCard() -> impl IntoView {
    let state = use_app_state();
    let rules = state.market_rules;
    let option = move |value: MarketRules, label: Text, key: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="market-rules"
                    data-testid=format!("market-rules-{key}")
                    prop:checked=move || match rules.confirming.get() {
                        Some(_) => value == MarketRules::China,
                        None => rules.rules() == value,
                    }
                    on:change=move |_| rules.choose(value)
                />
                <span>{state.tr(label)}</span>
            </label>
        }
    };
    let confirm_text = move || {
        let language = state.language.get();
        rules.confirming.get().map(|count| {
            phrases::market_rules_confirm(language, format_integer(count as i64, language))
        })
    };
    let done_text = move || {
        let aggregation = rules.last_aggregation.get()?;
        settled_text(
            state.language.get(),
            &Settled {
                aggregation,
                left_out: 0,
            },
        )
    };
    view! {
        <section class="card" data-testid="market-rules-card">
            <h2>{state.tr(Text::MarketRulesTitle)}</h2>
            <p class="muted">{state.tr(Text::MarketRulesHint)}</p>
            <fieldset class="choice-group">
                <legend>{state.tr(Text::MarketRulesTitle)}</legend>
                <div class="choice-list">
                    {option(MarketRules::Standard, Text::MarketRulesStandard, "standard")}
                    {option(MarketRules::China, Text::MarketRulesChina, "china")}
                </div>
            </fieldset>
            {move || {
                confirm_text()
                    .map(|message| {
                        view! {
                            <div
                                class="alert alert-warning"
                                role="alert"
                                data-testid="market-rules-confirm"
                            >
                                <p>{message}</p>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button"
                                        data-testid="market-rules-confirm-yes"
                                        on:click=move |_| rules.confirm()
                                    >
                                        {state.tr(Text::MarketRulesConfirm)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button button-quiet"
                                        data-testid="market-rules-confirm-cancel"
                                        on:click=move |_| rules.cancel()
                                    >
                                        {state.tr(Text::Cancel)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || {
                done_text()
                    .map(|message| {
                        view! {
                            <p
                                class="alert alert-success"
                                role="status"
                                data-testid="market-rules-done"
                            >
                                {message}
                            </p>
                        }
                    })
            }}
            <Show when=move || rules.forbid_hcp_prescriptions()>
                <p class="alert alert-info" data-testid="market-rules-on">
                    {state.tr(Text::MarketRulesOn)}
                </p>
            </Show>
        </section>
    }
}
