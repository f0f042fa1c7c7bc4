//! The data-quality report and the preview: the score, each column's figures, the problems by
//! cause with the problem rows to download, then what the import adds, updates and skips per
//! kind, the fields it changes, and the confirm button.

use leptos::prelude::*;

use crate::ui::components::market_rules::IncomingPrescriptionsChoice;
use crate::ui::state::use_app_state;
use omnirx_core::domain::table_import::report::Severity;
use omnirx_core::i18n::table_messages::{column_letters, describe_cause, field_label, list_label};
use omnirx_core::i18n::{format_integer, Text};

#[component]
pub fn QualityReportView() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let report = move || tables.plan.with(|p| p.as_ref().map(|p| p.report.clone()));
    let tiles = move || {
        let language = state.language.get();
        report().map(|r| {
            let tile = |value: String, label: Text, id: &'static str| {
                view! {
                    <div class="stat-tile">
                        <span class="stat-value" data-testid=id>
                            {value}
                        </span>
                        <span class="stat-label">{state.text(label)}</span>
                    </div>
                }
            };
            view! {
                <div class="stat-grid">
                    {tile(format!("{}/100", r.score), Text::TableScore, "table-score")}
                    {tile(
                        format_integer(r.rows as i64, language),
                        Text::TableRowsChecked,
                        "table-rows",
                    )}
                    {tile(
                        format_integer(r.rows_with_errors as i64, language),
                        Text::TableRowsWithErrors,
                        "table-rows-errors",
                    )}
                    {tile(
                        format_integer(r.rows_with_warnings_only as i64, language),
                        Text::TableRowsWithWarnings,
                        "table-rows-warnings",
                    )}
                </div>
            }
        })
    };
    view! {
        <div class="quality-report" data-testid="table-report">
            <h3>{state.tr(Text::TableReport)}</h3>
            {tiles}
            <ColumnFigures />
            <Causes />
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="table-back"
                    on:click=move |_| tables.step.set(crate::ui::state::table_import::Step::Mapping)
                >
                    {state.tr(Text::TableBack)}
                </button>
                <Show when=move || {
                    report().is_some_and(|r| r.rows_with_errors + r.rows_with_warnings_only > 0)
                }>
                    <button
                        type="button"
                        class="button button-secondary"
                        data-testid="table-download-problems"
                        on:click=move |_| tables.download_problem_rows()
                    >
                        {state.tr(Text::TableDownloadProblems)}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// Filled, valid and invalid cells of each mapped column, with the first invalid values.
#[component]
fn ColumnFigures() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let rows = move || {
        let language = state.language.get();
        let columns = tables.plan.with(|p| {
            p.as_ref()
                .map(|p| p.report.columns.clone())
                .unwrap_or_default()
        });
        columns
            .into_iter()
            .filter(|c| c.field.is_some())
            .map(|c| {
                let number = |n: usize| format_integer(n as i64, language);
                let examples = c
                    .first_invalid
                    .iter()
                    .map(|(row, value, _)| format!("{row}: {value}"))
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! {
                    <tr data-testid="table-report-column">
                        <th scope="row">{format!("{} {}", column_letters(c.column), c.header)}</th>
                        <td>{c.field.map(|f| field_label(language, f))}</td>
                        <td class="number">{number(c.filled)}</td>
                        <td class="number">{number(c.valid)}</td>
                        <td
                            class="number"
                            class:delta-down={c.invalid > 0}
                            data-testid="table-report-invalid"
                        >
                            {number(c.invalid)}
                        </td>
                        <td class="muted sample">{examples}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-scroll">
            <table class="table compact">
                <thead>
                    <tr>
                        <th scope="col">{state.tr(Text::ColumnName)}</th>
                        <th scope="col">{state.tr(Text::TableField)}</th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableFilled)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableValid)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableInvalid)}
                        </th>
                        <th scope="col">{state.tr(Text::TableFirstInvalid)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The problems grouped by cause, errors first.
#[component]
fn Causes() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let causes = move || {
        let language = state.language.get();
        let causes = tables.plan.with(|p| {
            p.as_ref()
                .map(|p| p.report.causes.clone())
                .unwrap_or_default()
        });
        if causes.is_empty() {
            return view! {
                <p class="muted" data-testid="table-no-problems">
                    {state.text(Text::TableNoProblems)}
                </p>
            }
            .into_any();
        }
        view! {
            <ul class="problem-list">
                {causes
                    .into_iter()
                    .map(|cause| {
                        let rows = cause
                            .first_rows
                            .iter()
                            .map(|r| r.to_string())
                            .collect::<Vec<_>>()
                            .join(", ");
                        let class = if cause.severity == Severity::Error {
                            "cause cause-error"
                        } else {
                            "cause cause-warning"
                        };
                        view! {
                            <li class=class data-testid="table-cause">
                                <strong>
                                    {format!(
                                        "{} {}",
                                        format_integer(cause.rows as i64, language),
                                        state.text(Text::TableCauseRows),
                                    )}
                                </strong>
                                " "
                                {describe_cause(language, &cause.cause)}
                                " "
                                <span class="muted">{format!("({rows})")}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h4>{state.tr(Text::TableCauses)}</h4>
        {causes}
    }
}

/// Added, updated, unchanged and skipped per kind, the changed fields, and the confirm button.
#[component]
pub fn PlanPreview() -> impl IntoView {
    let state = use_app_state();
    let tables = state.tables();
    let plan = move || tables.plan.get();
    let counts = move || {
        let language = state.language.get();
        plan().map(|p| {
            p.counts
                .into_iter()
                .map(|(list, c)| {
                    let number = |n: usize| format_integer(n as i64, language);
                    view! {
                        <tr data-testid=format!("table-count-{list}")>
                            <th scope="row">{list_label(language, &list)}</th>
                            <td class="number" data-testid="table-added">
                                {number(c.added)}
                            </td>
                            <td class="number" data-testid="table-updated">
                                {number(c.updated)}
                            </td>
                            <td class="number">{number(c.unchanged)}</td>
                            <td class="number" data-testid="table-skipped">
                                {number(c.skipped)}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let stopped = move || plan().is_some_and(|p| p.stopped);
    // Prescriptions naming an HCP into a workspace whose market rules forbid them.
    let hcp_prescriptions = move || {
        tables
            .plan
            .with(|p| p.as_ref().map_or(0, |p| p.hcp_prescriptions))
    };
    let nothing =
        move || plan().is_some_and(|p| !p.counts.values().any(|c| c.added + c.updated > 0));
    view! {
        <div class="preview" data-testid="table-preview">
            <h3>{state.tr(Text::TablePreview)}</h3>
            <table class="table compact">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableAdded)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableUpdated)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableUnchanged)}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::TableSkipped)}
                        </th>
                    </tr>
                </thead>
                <tbody>{counts}</tbody>
            </table>
            <ChangedFields />
            <Show when=move || { hcp_prescriptions() > 0 }>
                <IncomingPrescriptionsChoice
                    count=Signal::derive(hcp_prescriptions)
                    choice=tables.prescriptions_choice
                    testid="table-market-rules"
                />
            </Show>
            <Show when=stopped>
                <p class="alert alert-warning" data-testid="table-stopped">
                    {state.tr(Text::TableStopped)}
                </p>
            </Show>
            <Show when=move || nothing() && !stopped()>
                <p class="muted" data-testid="table-nothing">
                    {state.tr(Text::TableNothing)}
                </p>
            </Show>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    data-testid="table-confirm"
                    disabled=move || stopped() || nothing()
                    on:click=move |_| tables.commit()
                >
                    {move || {
                        state
                            .text(
                                if tables.into_current.get() {
                                    Text::TableIntoCurrent
                                } else {
                                    Text::TableIntoNew
                                },
                            )
                    }}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="table-cancel-preview"
                    on:click=move |_| tables.reset()
                >
                    {state.tr(Text::Cancel)}
                </button>
            </div>
        </div>
    }
}

/// The fields the import changes in records already there (the first ones; the counts say how
/// many records in all).
#[component]
fn ChangedFields() -> impl IntoView {
    let state = use_app_state();
    let plan = move || state.tables().plan.get();
    let changes = move || {
        let language = state.language.get();
        plan().map(|p| {
            p.changes
                .into_iter()
                .take(20)
                .map(|c| {
                    view! {
                        <tr>
                            <td>{c.name}</td>
                            <td>{field_label(language, c.field)}</td>
                            <td class="muted">{c.before}</td>
                            <td>{c.after}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || plan().is_some_and(|p| !p.changes.is_empty())>
            <h4>{state.tr(Text::TableChanges)}</h4>
            <table class="table compact" data-testid="table-changes">
                <thead>
                    <tr>
                        <th scope="col">{state.tr(Text::ColumnName)}</th>
                        <th scope="col">{state.tr(Text::TableField)}</th>
                        <th scope="col">{state.tr(Text::TableBefore)}</th>
                        <th scope="col">{state.tr(Text::TableAfter)}</th>
                    </tr>
                </thead>
                <tbody>{changes}</tbody>
            </table>
        </Show>
    }
}
