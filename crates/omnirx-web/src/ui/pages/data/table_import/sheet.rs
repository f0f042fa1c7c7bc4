//! The file as read: which sheet, and for a CSV file the text encoding and the delimiter, each
//! shown as detected and changeable (changing one reads the file again).

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::{TextEncoding, DELIMITERS};
use omnirx_core::i18n::table_messages::{delimiter_label, encoding_label};
use omnirx_core::i18n::{format_integer, phrases, Text};

#[component]
pub fn SheetChoices() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let sheets = move || {
        tables
            .file
            .with(|f| f.as_ref().map(|f| f.sheets.clone()).unwrap_or_default())
    };
    let text = move || tables.file.with(|f| f.as_ref().and_then(|f| f.text));
    view! {
        <div class="control-row" data-testid="table-sheet-choices">
            <Show when={move || sheets().len() > 1}>
                <label class="control">
                    <span class="control-label">{state.tr(Text::TableSheet)}</span>
                    <select
                        data-testid="table-sheet"
                        on:change=move |e| {
                            if let Ok(index) = event_target_value(&e).parse::<usize>() {
                                tables.sheet.set(index);
                                tables.propose(None, None);
                            }
                        }
                    >
                        {move || {
                            let language = state.language.get();
                            sheets()
                                .into_iter()
                                .enumerate()
                                .map(|(index, sheet)| {
                                    let label = phrases::sheet_option(
                                        language,
                                        &sheet.name,
                                        format_integer(sheet.rows as i64, language),
                                    );
                                    view! {
                                        <option
                                            value=index.to_string()
                                            selected=move || tables.sheet.get() == index
                                        >
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <Show when=move || text().is_some()>
                <label class="control">
                    <span class="control-label">{state.tr(Text::TableEncoding)}</span>
                    <select
                        data-testid="table-encoding"
                        prop:value=move || text().map(|t| t.encoding.key()).unwrap_or_default()
                        on:change=move |e| {
                            let encoding = TextEncoding::parse(&event_target_value(&e));
                            tables.choices.update(|c| c.encoding = encoding);
                            tables.read(None);
                        }
                    >
                        {TextEncoding::ALL
                            .map(|e| {
                                view! {
                                    <option value=e
                                        .key()>
                                        {move || encoding_label(state.language.get(), e)}
                                    </option>
                                }
                            })}
                    </select>
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::TableDelimiter)}</span>
                    <select
                        data-testid="table-delimiter"
                        prop:value=move || {
                            text().map(|t| (t.delimiter as char).to_string()).unwrap_or_default()
                        }
                        on:change=move |e| {
                            let delimiter = event_target_value(&e).bytes().next();
                            tables.choices.update(|c| c.delimiter = delimiter);
                            tables.read(None);
                        }
                    >
                        {DELIMITERS
                            .map(|d| {
                                view! {
                                    <option value=(d as char)
                                        .to_string()>
                                        {move || delimiter_label(state.language.get(), d)}
                                    </option>
                                }
                            })}
                    </select>
                </label>
            </Show>
        </div>
    }
}
