//! The table import card: choose a CSV or Excel file (or download a blank template), then the
//! steps the worker answers — reading with a progress bar and a cancel button, the sheet and
//! its mapping, the data-quality report and preview, and the outcome with "undo".

mod mapping;
mod outcome;
pub(super) mod progress;
mod report;
mod sheet;
mod values;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::table_import::Step;
use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::schema::SheetKind;
use omnirx_core::i18n::table_messages::{kind_label, template_csv, template_file_name};
use omnirx_core::i18n::Text;

/// Accepted file types, by extension and by the types browsers report.
const ACCEPT: &str = ".csv,.txt,.xlsx,.xls,.ods,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet";

#[component]
pub fn TableImportCard() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let on_file = move |event: leptos::ev::Event| {
        let input = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        let file = input
            .as_ref()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            tables.read(Some(file));
        }
        // The same file can be chosen again (next month's file often has the same name).
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let step = move || match tables.step.get() {
        Step::Idle => ().into_any(),
        Step::Working(stage) => view! { <progress::ImportProgress stage=stage /> }.into_any(),
        Step::Mapping => view! {
            <sheet::SheetChoices />
            <mapping::MappingEditor />
            <values::MappingOptions />
        }
        .into_any(),
        Step::Preview => view! {
            <report::QualityReportView />
            <report::PlanPreview />
        }
        .into_any(),
        _ => view! { <outcome::ImportOutcome /> }.into_any(),
    };
    view! {
        <section class="card table-import" data-testid="table-import">
            <h2>{state.tr(Text::TableTitle)}</h2>
            <p class="muted">{state.tr(Text::TableHint)}</p>
            <label class="button file-button">
                <span>{state.tr(Text::TableChooseFile)}</span>
                <input
                    type="file"
                    class="sr-only"
                    data-testid="table-file"
                    accept=ACCEPT
                    on:change=on_file
                />
            </label>
            <Templates />
            {step}
        </section>
    }
}

/// Blank templates per kind, with headers in the UI language, as CSV and XLSX.
#[component]
fn Templates() -> impl IntoView {
    let state = use_app_state();
    let kind = RwSignal::new(SheetKind::Interactions);
    let csv = move |_| {
        let language = state.language.get_untracked();
        let kind = kind.get_untracked();
        let _ = crate::ui::browser::download_text(
            &template_file_name(kind, "csv"),
            &template_csv(language, kind),
            "text/csv;charset=utf-8",
        );
    };
    let xlsx = move |_| state.tables().download_template_xlsx(kind.get_untracked());
    view! {
        <details class="templates">
            <summary>{state.tr(Text::TableTemplates)}</summary>
            <div class="control-row">
                <label class="control">
                    <span class="control-label">{state.tr(Text::TableTemplateKind)}</span>
                    <select
                        data-testid="table-template-kind"
                        on:change=move |e| {
                            if let Some(k) = SheetKind::parse(&event_target_value(&e)) {
                                kind.set(k)
                            }
                        }
                    >
                        {SheetKind::ALL
                            .map(|k| {
                                view! {
                                    <option value=k.key() selected=k == SheetKind::Interactions>
                                        {move || kind_label(state.language.get(), k)}
                                    </option>
                                }
                            })}
                    </select>
                </label>
                <div class="actions actions-compact">
                    <button
                        type="button"
                        class="button button-small button-secondary"
                        data-testid="table-template-csv"
                        on:click=csv
                    >
                        "CSV"
                    </button>
                    <button
                        type="button"
                        class="button button-small button-secondary"
                        data-testid="table-template-xlsx"
                        on:click=xlsx
                    >
                        "XLSX"
                    </button>
                </div>
            </div>
        </details>
    }
}
