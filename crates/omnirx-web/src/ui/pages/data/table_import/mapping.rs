//! The mapping: where the records go, what the sheet holds, which row is the header, and for each
//! column the field it fills (found with a confidence, or chosen), with what a required field
//! still lacks and why the worker refused the mapping.

use leptos::prelude::*;

use crate::ui::components::lists::IndexedRows;
use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::mapping::missing_required;
use omnirx_core::domain::table_import::schema::{Confidence, Field, SheetKind};
use omnirx_core::i18n::table_messages::{describe_mapping_error, field_label, kind_label};
use omnirx_core::i18n::{phrases, Text};

#[component]
pub fn MappingEditor() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let columns = Memo::new(move |_| {
        tables
            .proposal
            .with(|p| p.as_ref().map_or(0, |p| p.headers.len()))
    });
    let missing = move || {
        let language = state.language.get();
        tables.mapping.with(|m| {
            let kind = m.kind?;
            let groups = missing_required(kind, &m.columns);
            (!groups.is_empty()).then(|| {
                describe_mapping_error(
                    language,
                    &omnirx_core::domain::table_import::plan::MappingError::MissingRequired {
                        groups: groups.into_iter().map(<[Field]>::to_vec).collect(),
                    },
                )
            })
        })
    };
    let refused = move || {
        tables
            .mapping_error
            .get()
            .map(|e| describe_mapping_error(state.language.get(), &e))
    };
    view! {
        <div class="mapping" data-testid="table-mapping">
            <MappingHeading />
            <h3>{state.tr(Text::TableColumns)}</h3>
            <p class="muted">{state.tr(Text::TableUnmatched)}</p>
            <div class="table-scroll">
                <table class="table compact" data-testid="table-columns">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{state.tr(Text::ColumnName)}</th>
                            <th scope="col" class="sample">
                                {state.tr(Text::TableColumnSample)}
                            </th>
                            <th scope="col">{state.tr(Text::TableField)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <IndexedRows
                            count=columns
                            row=Callback::new(|column| {
                                view! { <ColumnRow column=column /> }.into_any()
                            })
                        />
                    </tbody>
                </table>
            </div>
            {move || {
                missing()
                    .map(|text| {
                        view! {
                            <p class="error" role="alert" data-testid="table-missing">
                                {text}
                            </p>
                        }
                    })
            }}
            {move || {
                refused()
                    .map(|text| {
                        view! {
                            <p
                                class="alert alert-error"
                                role="alert"
                                data-testid="table-mapping-error"
                            >
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Where the records go, the kind, the header row, and the saved mapping used.
#[component]
fn MappingHeading() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let kind = move || tables.mapping.with(|m| m.kind);
    let header_row = move || tables.mapping.with(|m| m.header_row);
    let header_rows = move || {
        let language = state.language.get();
        tables.proposal.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.top_rows
                        .iter()
                        .enumerate()
                        .map(|(row, cells)| {
                            let text: String = cells
                                .iter()
                                .filter(|c| !c.is_empty())
                                .take(4)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" | ");
                            (
                                row,
                                phrases::header_row_option(
                                    language,
                                    row + 1,
                                    text.chars().take(60).collect::<String>(),
                                ),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let saved = move || {
        tables
            .proposal
            .with(|p| p.as_ref().and_then(|p| p.saved_mapping.clone()))
    };
    view! {
        <div class="control-row">
            <fieldset class="control">
                <legend class="control-label">{state.tr(Text::ImportTitle)}</legend>
                <label class="check">
                    <input
                        type="radio"
                        name="table-into"
                        data-testid="table-into-current"
                        prop:checked=move || tables.into_current.get()
                        on:change=move |_| tables.into_current.set(true)
                    />
                    <span>{state.tr(Text::TableIntoCurrent)}</span>
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="table-into"
                        data-testid="table-into-new"
                        prop:checked=move || !tables.into_current.get()
                        on:change=move |_| tables.into_current.set(false)
                    />
                    <span>{state.tr(Text::TableIntoNew)}</span>
                </label>
            </fieldset>
            <label class="control">
                <span class="control-label">{state.tr(Text::TableKind)}</span>
                <select
                    data-testid="table-kind"
                    prop:value=move || kind().map(SheetKind::key).unwrap_or_default()
                    on:change=move |e| {
                        tables.propose(SheetKind::parse(&event_target_value(&e)), None)
                    }
                >
                    {SheetKind::ALL
                        .map(|k| {
                            view! {
                                <option value=k
                                    .key()>{move || kind_label(state.language.get(), k)}</option>
                            }
                        })}
                </select>
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::TableHeaderRow)}</span>
                <select
                    data-testid="table-header-row"
                    prop:value=move || header_row().to_string()
                    on:change=move |e| {
                        if let Ok(row) = event_target_value(&e).parse::<usize>() {
                            tables.propose(kind(), Some(row))
                        }
                    }
                >
                    {move || {
                        header_rows()
                            .into_iter()
                            .map(|(row, label)| {
                                view! { <option value=row.to_string()>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </div>
        {move || {
            saved()
                .map(|name| {
                    view! {
                        <p class="hint" data-testid="table-saved-mapping">
                            {phrases::saved_mapping_used(state.language.get(), name)}
                        </p>
                    }
                })
        }}
    }
}

/// One column: its header, a few values, and the field it fills.
#[component]
fn ColumnRow(column: usize) -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let header = move || {
        tables.proposal.with(|p| {
            p.as_ref()
                .and_then(|p| p.headers.get(column).cloned())
                .unwrap_or_default()
        })
    };
    let samples = move || {
        tables.proposal.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.samples
                        .iter()
                        .filter_map(|row| row.get(column).cloned())
                        .filter(|v| !v.is_empty())
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default()
        })
    };
    let field = move || {
        tables.mapping.with(|m| {
            m.columns
                .iter()
                .find(|(_, c)| **c == column)
                .map(|(f, _)| *f)
        })
    };
    let fields = move || {
        tables
            .mapping
            .with(|m| m.kind.map(|k| k.fields().to_vec()).unwrap_or_default())
    };
    let confidence = move || {
        let field = field()?;
        let found = tables.proposal.with(|p| {
            p.as_ref().and_then(|p| {
                (p.proposal.mapping.columns.get(&field) == Some(&column))
                    .then(|| p.proposal.confidence.get(&field).copied())
                    .flatten()
            })
        });
        Some(match found {
            Some(Confidence::Exact) => (Text::TableExact, "badge badge-good"),
            Some(Confidence::Likely) => (Text::TableLikely, "badge badge-warn"),
            None => (Text::TableChosen, "badge"),
        })
    };
    view! {
        <tr data-testid="table-column" data-column=column.to_string()>
            <td class="muted">{omnirx_core::i18n::table_messages::column_letters(column)}</td>
            <th scope="row">{header}</th>
            <td class="muted sample">{samples}</td>
            <td>
                <select
                    data-testid="table-column-field"
                    data-column=column.to_string()
                    prop:value=move || field().map(|f| f.key()).unwrap_or_default()
                    on:change=move |e| {
                        let key = event_target_value(&e);
                        let chosen = fields().into_iter().find(|f| f.key() == key);
                        tables.map_column(column, chosen);
                    }
                >
                    <option value="">{state.tr(Text::TableIgnore)}</option>
                    {move || {
                        fields()
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <option value=f
                                        .key()>{field_label(state.language.get(), f)}</option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                " "
                {move || {
                    confidence()
                        .map(|(text, class)| {
                            view! {
                                <span class=class data-testid="table-confidence">
                                    {state.text(text)}
                                </span>
                            }
                        })
                }}
            </td>
        </tr>
    }
}
