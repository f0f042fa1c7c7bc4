//! What else the mapping says: each enumeration column's values mapped to the model's (with
//! "add as a new channel"), the day/month order when the dates do not tell, what to do with
//! unknown references and with problem rows, the name to save the mapping under, and "check".

use leptos::prelude::*;

use crate::ui::components::lists::{key_of, parts_of, KeyedRows};
use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::mapping::{ProblemRows, UnknownReferences, NEW_CHANNEL};
use omnirx_core::domain::table_import::schema::{Field, FieldType, Vocabulary};
use omnirx_core::domain::table_import::values::DateOrder;
use omnirx_core::i18n::table_messages::{date_order_label, field_label};
use omnirx_core::i18n::{format_integer, Text};
use omnirx_core::view::labels::term_text;

#[component]
pub fn MappingOptions() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let enum_fields = Signal::derive(move || {
        tables.mapping.with(|m| {
            m.columns
                .keys()
                .filter(|f| matches!(f.field_type(), FieldType::Enum(_)))
                .map(|f| f.key().to_string())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !enum_fields.get().is_empty()>
            <h3>{state.tr(Text::TableValues)}</h3>
            <KeyedRows
                keys=enum_fields
                row=Callback::new(|key: String| view! { <ValueMap field_key=key /> }.into_any())
            />
        </Show>
        <DateOrderQuestion />
        <Policies />
        <div class="actions">
            <label class="control">
                <span class="control-label">{state.tr(Text::TableSaveMappingAs)}</span>
                <input
                    type="text"
                    maxlength="80"
                    data-testid="table-save-as"
                    prop:value=move || tables.save_mapping_as.get()
                    on:input=move |e| tables.save_mapping_as.set(event_target_value(&e))
                />
            </label>
            <button
                type="button"
                class="button"
                data-testid="table-check"
                on:click=move |_| tables.check()
            >
                {state.tr(Text::TableCheck)}
            </button>
        </div>
    }
}

/// One enumeration column's distinct values, each with the model's value it maps to.
#[component]
fn ValueMap(field_key: String) -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let Some(field) = Field::iter_all().find(|f| f.key() == field_key) else {
        return ().into_any();
    };
    let FieldType::Enum(vocabulary) = field.field_type() else {
        return ().into_any();
    };
    let values = Signal::derive(move || {
        tables.proposal.with(|p| {
            p.as_ref()
                .and_then(|p| p.distinct.get(&field))
                .map(|values| {
                    values
                        .iter()
                        .map(|(v, n)| key_of(&[v, &n.to_string()]))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let row = Callback::new(move |key: String| {
        let parts = parts_of(&key);
        let (value, count) = (
            parts[0].to_string(),
            parts
                .get(1)
                .and_then(|n| n.parse::<i64>().ok())
                .unwrap_or(0),
        );
        view! { <ValueChoice field=field vocabulary=vocabulary value=value count=count /> }
            .into_any()
    });
    view! {
        <fieldset class="value-map" data-testid="table-value-map" data-field=field.key()>
            <legend>{move || field_label(state.language.get(), field)}</legend>
            <KeyedRows keys=values row=row />
        </fieldset>
    }
    .into_any()
}

#[component]
fn ValueChoice(field: Field, vocabulary: Vocabulary, value: String, count: i64) -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let stored = value.clone();
    let chosen = move || {
        tables.mapping.with(|m| {
            m.values
                .get(&field)
                .and_then(|map| map.get(&stored))
                .cloned()
                .unwrap_or_default()
        })
    };
    let set = {
        let value = value.clone();
        move |key: String| {
            tables.mapping.update(|m| {
                let map = m.values.entry(field).or_default();
                if key.is_empty() {
                    map.remove(&value);
                } else {
                    map.insert(value.clone(), key);
                }
            })
        }
    };
    view! {
        <label class="value-choice">
            <span class="value-source">{value.clone()}</span>
            <span class="muted">
                {move || format!("× {}", format_integer(count, state.language.get()))}
            </span>
            <select
                data-testid="table-value"
                data-value=value.clone()
                prop:value=chosen
                on:change=move |e| set(event_target_value(&e))
            >
                <option value="">{state.tr(Text::TableValueUnknown)}</option>
                {vocabulary
                    .terms()
                    .into_iter()
                    .map(|term| {
                        view! { <option value=term.key()>{state.tr(term_text(term))}</option> }
                    })
                    .collect_view()}
                {(vocabulary == Vocabulary::Channel)
                    .then(|| {
                        view! {
                            <option value=NEW_CHANNEL>{state.tr(Text::TableNewChannel)}</option>
                        }
                    })}
            </select>
        </label>
    }
}

/// The day/month order, asked when the dates leave it open (or shown when they told it).
#[component]
fn DateOrderQuestion() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let asked = move || {
        tables.mapping_error.with(|e| {
            matches!(
                e,
                Some(omnirx_core::domain::table_import::plan::MappingError::DateOrderNeeded { .. })
            )
        }) || tables.mapping.with(|m| m.date_order.is_some())
    };
    let order = move || tables.mapping.with(|m| m.date_order);
    view! {
        <Show when=asked>
            <fieldset class="control" data-testid="table-date-order">
                <legend class="control-label">{state.tr(Text::TableDateOrderQuestion)}</legend>
                {[DateOrder::DayMonth, DateOrder::MonthDay]
                    .map(|choice| {
                        view! {
                            <label class="check">
                                <input
                                    type="radio"
                                    name="table-date-order"
                                    data-testid="table-date-order-choice"
                                    data-order=if choice == DateOrder::DayMonth {
                                        "dmy"
                                    } else {
                                        "mdy"
                                    }
                                    prop:checked=move || order() == Some(choice)
                                    on:change=move |_| {
                                        tables.mapping.update(|m| m.date_order = Some(choice));
                                        tables.mapping_error.set(None);
                                    }
                                />
                                <span>
                                    {move || date_order_label(state.language.get(), choice)}
                                </span>
                            </label>
                        }
                    })}
            </fieldset>
        </Show>
    }
}

/// Unknown references (create or skip) and problem rows (skip them or import nothing).
#[component]
fn Policies() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let unknown = move || tables.mapping.with(|m| m.unknown_references);
    let problems = move || tables.mapping.with(|m| m.problem_rows);
    view! {
        <div class="control-row">
            <label class="control">
                <span class="control-label">{state.tr(Text::TableUnknownReferences)}</span>
                <select
                    data-testid="table-unknown"
                    prop:value=move || {
                        if unknown() == UnknownReferences::Skip { "skip" } else { "create" }
                    }
                    on:change=move |e| {
                        let skip = event_target_value(&e) == "skip";
                        tables
                            .mapping
                            .update(|m| {
                                m.unknown_references = if skip {
                                    UnknownReferences::Skip
                                } else {
                                    UnknownReferences::Create
                                };
                            });
                    }
                >
                    <option value="create">{state.tr(Text::TableUnknownCreate)}</option>
                    <option value="skip">{state.tr(Text::TableUnknownSkip)}</option>
                </select>
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::TableProblemRows)}</span>
                <select
                    data-testid="table-problem-rows"
                    prop:value=move || {
                        if problems() == ProblemRows::StopAll { "stop" } else { "skip" }
                    }
                    on:change=move |e| {
                        let stop = event_target_value(&e) == "stop";
                        tables
                            .mapping
                            .update(|m| {
                                m.problem_rows = if stop {
                                    ProblemRows::StopAll
                                } else {
                                    ProblemRows::Skip
                                };
                            });
                    }
                >
                    <option value="skip">{state.tr(Text::TableProblemSkip)}</option>
                    <option value="stop">{state.tr(Text::TableProblemStop)}</option>
                </select>
            </label>
        </div>
    }
}
