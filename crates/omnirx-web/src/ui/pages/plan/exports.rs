//! The plan's exports: its customers as CSV and Excel (the team's or the chosen rep's), the
//! rep's week calendar as an `.ics` file a phone calendar imports, and print.

use leptos::prelude::*;

use crate::ui::browser::download_text;
use crate::ui::state::use_app_state;
use omnirx_core::domain::planning::calendar::{schedule_events, to_ics};
use omnirx_core::domain::table_import::protocol::TableSheet;
use omnirx_core::domain::time::Timestamp;
use omnirx_core::i18n::Text;
use omnirx_core::view::plan_table::{plan_csv, plan_file_name, plan_table};

#[component]
pub fn Exports() -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let export_csv = move |_| {
        let (Some(shown), rep) = (
            planning.shown.get_untracked(),
            planning.choices.rep.get_untracked(),
        ) else {
            return;
        };
        let language = state.language.get_untracked();
        state.session.workspace.with_untracked(|w| {
            if let Some(w) = w {
                let text = plan_csv(w, &shown.plan, rep.as_deref(), language);
                let name = plan_file_name(&shown.plan, rep.as_deref(), "csv");
                let _ = download_text(&name, &text, "text/csv;charset=utf-8");
            }
        });
    };
    let export_xlsx = move |_| {
        let (Some(shown), rep) = (
            planning.shown.get_untracked(),
            planning.choices.rep.get_untracked(),
        ) else {
            return;
        };
        let language = state.language.get_untracked();
        let table = state.session.workspace.with_untracked(|w| {
            w.as_ref()
                .map(|w| plan_table(w, &shown.plan, rep.as_deref(), language))
        });
        if let Some(table) = table {
            let name = plan_file_name(&shown.plan, rep.as_deref(), "xlsx");
            let sheet = TableSheet {
                name: shown.plan.cycle.key(),
                table,
            };
            state.tables().download_table_xlsx(name, vec![sheet]);
        }
    };
    let export_ics = move |_| {
        let (Some(shown), Some(rep), Some(schedule)) = (
            planning.shown.get_untracked(),
            planning.choices.rep.get_untracked(),
            planning.schedule.get_untracked(),
        ) else {
            return;
        };
        state.session.workspace.with_untracked(|w| {
            if let Some(w) = w {
                let events = schedule_events(w, &shown.plan, &schedule);
                let stamp = Timestamp((js_sys::Date::now() / 1000.0).floor() as i64);
                let name = plan_file_name(&shown.plan, Some(&rep), "ics");
                let _ = download_text(
                    &name,
                    &to_ics(&events, stamp),
                    "text/calendar;charset=utf-8",
                );
            }
        });
    };
    let no_rep = move || planning.choices.rep.with(Option::is_none);
    view! {
        <div class="button-row plan-exports" data-testid="plan-exports">
            <button
                type="button"
                class="button button-secondary"
                data-testid="plan-export-csv"
                on:click=export_csv
            >
                {state.tr(Text::PlanExportCsv)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="plan-export-xlsx"
                on:click=export_xlsx
            >
                {state.tr(Text::PlanExportXlsx)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="plan-export-ics"
                disabled=no_rep
                title=move || no_rep().then(|| state.text(Text::PlanChooseRep))
                on:click=export_ics
            >
                {state.tr(Text::PlanExportIcs)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="plan-print"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                {state.tr(Text::PlanPrint)}
            </button>
        </div>
    }
}
