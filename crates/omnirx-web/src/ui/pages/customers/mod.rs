//! The Customers page: every HCP or account in one searchable, filterable, sortable list that scrolls smoothly at 10,000 rows and exports as CSV.
//!
//! The list's rules live in [`omnirx_core::view::customer_list`] (plain Rust, tested natively); this
//! module keeps the choices in signals, derives the rows and their order in memos, and draws.

mod filters;
mod table;
pub mod trend_chart;

use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;
use std::sync::Arc;

use crate::ui::browser::{download_text, timed};
use crate::ui::components::market_rules::MarketRulesNotice;
use crate::ui::state::customer_list::CustomerListChoices;
use crate::ui::state::shared::Shared;
use crate::ui::state::use_app_state;
use omnirx_core::domain::csv_export::write_csv;
use omnirx_core::i18n::{Language, Text};
use omnirx_core::view::customer_list::{
    account_cell, account_csv, account_rows, cell_display_text, count_text, export_file_name,
    filter_and_sort_accounts, filter_and_sort_hcps, hcp_cell, hcp_csv, hcp_rows, list_names,
    AccountColumn, AccountRow, HcpColumn, HcpRow, ListColumn, ListFilter, ListNames, Sort,
};
use omnirx_core::view::route::Route;
use table::{virtual_table, ColumnSpec, TableShape};

/// The rows and names the page draws, derived from the workspace and the segmentation memos.
#[derive(Clone, Copy)]
struct ListData {
    names: Memo<Option<Shared<ListNames>>>,
    hcps: Memo<Option<Shared<Vec<HcpRow>>>>,
    accounts: Memo<Option<Shared<Vec<AccountRow>>>>,
    /// Positions into the rows of the list shown, filtered and sorted.
    order: Memo<Option<Shared<Vec<u32>>>>,
    /// How many rows the list shown has before filtering.
    total: Memo<usize>,
}

fn list_data(choices: CustomerListChoices) -> ListData {
    let state = use_app_state();
    let segments = state.segments();
    let names = Memo::new(move |_| {
        let base = segments.base.get()?;
        let segment_names: Vec<String> = segments.rule_set.with(|rule_set| {
            rule_set
                .as_ref()
                .map(|r| r.segments.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default()
        });
        state.session.workspace.with(|workspace| {
            let workspace = workspace.as_ref()?;
            Some(Shared(Arc::new(list_names(
                workspace,
                &base,
                segment_names,
            ))))
        })
    });
    let hcps = Memo::new(move |_| {
        let base = segments.base.get()?;
        let profiles = segments.profiles.get()?;
        let classification = segments.classification.get();
        state.session.workspace.with_untracked(|workspace| {
            let workspace = workspace.as_ref()?;
            Some(Shared(Arc::new(timed("omnirx:customers-rows", || {
                hcp_rows(workspace, &base, &profiles, classification.as_deref())
            }))))
        })
    });
    let accounts = Memo::new(move |_| {
        if !choices.show_accounts.get() {
            return None;
        }
        let base = segments.base.get()?;
        let profiles = segments.profiles.get()?;
        state.session.workspace.with_untracked(|workspace| {
            let workspace = workspace.as_ref()?;
            Some(Shared(Arc::new(account_rows(workspace, &base, &profiles))))
        })
    });
    let order = Memo::new(move |_| {
        let names = names.get()?;
        let filter = choices.filter.get();
        Some(Shared(Arc::new(timed("omnirx:customers-filter", || {
            if choices.show_accounts.get() {
                let rows = accounts.get()?;
                Some(filter_and_sort_accounts(
                    &rows,
                    &filter,
                    choices.account_sort.get(),
                    &names,
                ))
            } else {
                let rows = hcps.get()?;
                Some(filter_and_sort_hcps(
                    &rows,
                    &filter,
                    choices.hcp_sort.get(),
                    &names,
                ))
            }
        })?)))
    });
    let total = Memo::new(move |_| {
        if choices.show_accounts.get() {
            accounts.with(|rows| rows.as_ref().map_or(0, |rows| rows.len()))
        } else {
            hcps.with(|rows| rows.as_ref().map_or(0, |rows| rows.len()))
        }
    });
    ListData {
        names,
        hcps,
        accounts,
        order,
        total,
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = use_app_state();
    let choices = state.customer_list;
    let data = list_data(choices);
    let ready = move || data.order.with(Option::is_some);
    let show_accounts = choices.show_accounts;
    let kind_button = move |accounts: bool, testid: &'static str, label: Text| {
        view! {
            <button
                type="button"
                class="segment-button"
                data-testid=testid
                aria-pressed=move || (show_accounts.get() == accounts).to_string()
                on:click=move |_| show_accounts.set(accounts)
            >
                {state.tr(label)}
            </button>
        }
    };
    view! {
        <PageFrame slug="customers" title=Text::PageCustomers intro=Text::CustomersIntro>
            <MarketRulesNotice
                when=Signal::derive(move || state.segments().volume_at_account_level())
                text=Text::CustomersMarketRules
                testid="customers-market-rules"
            />
            <section class="card customers-controls">
                <div class="customers-top-row">
                    <div
                        class="segmented"
                        role="group"
                        aria-label=state.tr(Text::CustomersKindLabel)
                    >
                        {kind_button(false, "customers-kind-hcps", Text::CustomersKindHcps)}
                        {kind_button(true, "customers-kind-accounts", Text::CustomersKindAccounts)}
                    </div>
                    <label class="control customers-search">
                        <span class="control-label">{state.tr(Text::CustomersSearchLabel)}</span>
                        <input
                            type="search"
                            data-testid="customers-search"
                            placeholder=state.tr(Text::CustomersSearchPlaceholder)
                            prop:value=move || choices.filter.with(|f| f.search.clone())
                            on:input=move |event| {
                                let search = event_target_value(&event);
                                choices.filter.update(|f| f.search = search);
                            }
                            on:change=move |event| {
                                let search = event_target_value(&event);
                                if choices.filter.with_untracked(|f| f.search != search) {
                                    choices.filter.update(|f| f.search = search);
                                }
                            }
                        />
                    </label>
                </div>
                {move || filters::filter_controls(choices, data.names)}
            </section>
            <section class="card customers-list">
                <Show
                    when=ready
                    fallback=move || {
                        view! {
                            <p class="muted" data-testid="customers-loading">
                                {state.tr(Text::Loading)}
                            </p>
                        }
                    }
                >
                    <ListToolbar choices=choices data=data />
                    {move || {
                        if show_accounts.get() {
                            account_table(choices, data)
                        } else {
                            hcp_table(choices, data)
                        }
                    }}
                    <Show when=move || {
                        data.order.with(|o| o.as_ref().is_some_and(|o| o.is_empty()))
                    }>
                        <p class="muted" data-testid="customers-empty">
                            {state.tr(Text::CustomersEmpty)}
                        </p>
                    </Show>
                    <p class="hint">{state.tr(Text::CustomersSortHint)}</p>
                </Show>
            </section>
        </PageFrame>
    }
}

/// The count, "clear filters" and the CSV export of the current list.
#[component]
fn ListToolbar(choices: CustomerListChoices, data: ListData) -> impl IntoView {
    let state = use_app_state();
    let count = move || {
        let shown = data.order.with(|o| o.as_ref().map_or(0, |o| o.len()));
        count_text(shown, data.total.get(), state.language.get())
    };
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let language = state.language.get_untracked();
        let (Some(order), Some(names)) = (data.order.get_untracked(), data.names.get_untracked())
        else {
            return;
        };
        let accounts = choices.show_accounts.get_untracked();
        let table = if accounts {
            let Some(rows) = data.accounts.get_untracked() else {
                return;
            };
            account_csv(&rows, &order, &names, language)
        } else {
            let Some(rows) = data.hcps.get_untracked() else {
                return;
            };
            hcp_csv(&rows, &order, &names, language)
        };
        let text = timed("omnirx:customers-csv", || write_csv(&table));
        let result = download_text(
            &export_file_name(accounts, state.today),
            &text,
            "text/csv;charset=utf-8",
        );
        export_error.set(result.err());
    };
    view! {
        <div class="toolbar customers-toolbar">
            <p class="customers-count" data-testid="customers-count" aria-live="polite">
                {count}
            </p>
            <div class="actions actions-compact">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="customers-clear-filters"
                    disabled=move || !choices.filter.with(ListFilter::is_active)
                    on:click=move |_| choices.filter.set(ListFilter::default())
                >
                    {state.tr(Text::CustomersClearFilters)}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="customers-export-csv"
                    on:click=export
                >
                    {state.tr(Text::ExportCsv)}
                </button>
            </div>
        </div>
        {move || {
            export_error
                .get()
                .map(|error| {
                    view! {
                        <p class="error" role="alert">
                            {state.text(Text::CustomersExportFailed)}
                            " "
                            {error}
                        </p>
                    }
                })
        }}
    }
}

/// Tracks what every drawn row depends on besides its position: the language, the rows and
/// the names behind their numbers.
fn redraw_signal(data: ListData, accounts: bool) -> Signal<()> {
    let state = use_app_state();
    Signal::derive(move || {
        state.language.track();
        data.names.track();
        if accounts {
            data.accounts.track();
        } else {
            data.hcps.track();
        }
    })
}

/// A virtual-scrolled table of `Column`s sorted by `sort`; `render_row` draws one row.
fn sortable_table<Column: ListColumn>(
    caption: Text,
    class: &'static str,
    sort: RwSignal<Sort<Column>>,
    data: ListData,
    accounts: bool,
    render_row: impl Fn(usize, u32) -> AnyView + Clone + Send + Sync + 'static,
) -> AnyView {
    // Under market rules that forbid HCP-level figures an HCP's volume is its account's.
    let state = use_app_state();
    let level = untrack(|| {
        state
            .segments()
            .base
            .with(|base| base.as_ref().map(|base| base.volume_level))
            .unwrap_or_default()
    });
    let columns = Column::COLUMNS
        .iter()
        .map(|column| ColumnSpec {
            key: column.key(),
            header: column.header_at(level),
            is_number: column.is_number(),
        })
        .collect();
    let sorted_by = Signal::derive(move || {
        let sort = sort.get();
        (sort.column.key(), sort.descending)
    });
    let on_sort = move |key: &'static str| {
        if let Some(column) = Column::parse(key) {
            sort.update(|sort| *sort = sort.clicked(column));
        }
    };
    virtual_table(
        TableShape {
            caption,
            class,
            columns,
        },
        data.order,
        sorted_by,
        on_sort,
        redraw_signal(data, accounts),
        render_row,
    )
}

fn hcp_table(choices: CustomerListChoices, data: ListData) -> AnyView {
    let state = use_app_state();
    let render_row = move |position: usize, row: u32| -> AnyView {
        let language = state.language.get_untracked();
        let (Some(rows), Some(names)) = (data.hcps.get_untracked(), data.names.get_untracked())
        else {
            return ().into_any();
        };
        let Some(row) = rows.get(row as usize) else {
            return ().into_any();
        };
        hcp_row_view(row, position, &names, language)
    };
    sortable_table(
        Text::CustomersTableCaptionHcps,
        "customers-table-hcps",
        choices.hcp_sort,
        data,
        false,
        render_row,
    )
}

fn hcp_row_view(row: &HcpRow, position: usize, names: &ListNames, language: Language) -> AnyView {
    let cells = HcpColumn::ALL
        .iter()
        .map(|&column| {
            let testid = format!("customers-cell-{}", column.key());
            let content = match column {
                HcpColumn::Name => {
                    view! {
                        <a
                            href=Route::customer_href(&row.id)
                            title=format!("{} · {}", row.name, row.id)
                        >
                            {row.name.clone()}
                        </a>
                    }
                        .into_any()
                }
                HcpColumn::Account if !row.account_id.is_empty() => {
                    view! { <a href=Route::customer_href(&row.account_id)>{row.account_name.clone()}</a> }
                        .into_any()
                }
                _ => cell_display_text(&hcp_cell(row, column, names, language), language).into_any(),
            };
            view! {
                <td class:number=column.is_number() data-testid=testid>
                    {content}
                </td>
            }
        })
        .collect_view();
    list_row_view(&row.id, position, cells)
}

fn account_table(choices: CustomerListChoices, data: ListData) -> AnyView {
    let state = use_app_state();
    let render_row = move |position: usize, row: u32| -> AnyView {
        let language = state.language.get_untracked();
        let (Some(rows), Some(names)) = (data.accounts.get_untracked(), data.names.get_untracked())
        else {
            return ().into_any();
        };
        let Some(row) = rows.get(row as usize) else {
            return ().into_any();
        };
        account_row_view(row, position, &names, language)
    };
    sortable_table(
        Text::CustomersTableCaptionAccounts,
        "customers-table-accounts",
        choices.account_sort,
        data,
        true,
        render_row,
    )
}

/// One drawn row: its cells, and the row index screen readers announce (after the header).
fn list_row_view(id: &str, position: usize, cells: impl IntoView) -> AnyView {
    view! {
        <tr
            class="customers-row"
            data-testid="customers-row"
            data-id=id.to_string()
            aria-rowindex=(position + 2).to_string()
        >
            {cells}
        </tr>
    }
    .into_any()
}

fn account_row_view(
    row: &AccountRow,
    position: usize,
    names: &ListNames,
    language: Language,
) -> AnyView {
    let cells = AccountColumn::ALL
        .iter()
        .map(|&column| {
            let testid = format!("customers-cell-{}", column.key());
            let content = match column {
                AccountColumn::Name => view! {
                    <a
                        href=Route::customer_href(&row.id)
                        title=format!("{} · {}", row.name, row.id)
                    >
                        {row.name.clone()}
                    </a>
                }
                .into_any(),
                _ => cell_display_text(&account_cell(row, column, names, language), language)
                    .into_any(),
            };
            view! {
                <td class:number=column.is_number() data-testid=testid>
                    {content}
                </td>
            }
        })
        .collect_view();
    list_row_view(&row.id, position, cells)
}
