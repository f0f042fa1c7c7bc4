//! The segments overview: a sortable table of size, share of prescriptions, average potential and channel mix, a chart of sizes, and exports.

use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::components::charts::{BarListChart, BarRow, ChartExportButtons};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::csv_export::{write_csv, CsvCell, CsvTable};
use omnirx_core::domain::segmentation::overview::SegmentRow;
use omnirx_core::i18n::{format_integer, format_percent, Text};

use super::file_date;

/// A row ready to show: the segment's name and its figures.
#[derive(Clone, Debug, PartialEq)]
struct NamedRow {
    order: usize,
    name: String,
    strategy: String,
    row: SegmentRow,
    /// The top channels with their share, e.g. "Visit 42 % · WeChat 30 %".
    mix: String,
}

const SORTABLE: [(&str, Text); 5] = [
    ("order", Text::DimSegment),
    ("size", Text::SegmentColumnSize),
    ("volume_share", Text::SegmentColumnVolumeShare),
    ("potential", Text::SegmentColumnPotential),
    ("mix", Text::SegmentColumnMix),
];

fn named_rows(state: AppState) -> Vec<NamedRow> {
    let language = state.language.get();
    let channel_names: Vec<String> = state.session.workspace.with(|w| {
        w.as_ref()
            .map(|w| w.channels.iter().map(|c| c.name.clone()).collect())
            .unwrap_or_default()
    });
    let rule_set = state.segments().rule_set.get();
    let rows = state.segments().overview.get().unwrap_or_default();
    let mut named: Vec<NamedRow> = rows
        .into_iter()
        .enumerate()
        .map(|(order, row)| {
            let (name, strategy) = match (row.segment, &rule_set) {
                (Some(segment), Some(rule_set)) => rule_set
                    .segments
                    .get(segment)
                    .map(|s| (s.name.clone(), s.strategy.clone()))
                    .unwrap_or_default(),
                _ => (state.text(Text::Unclassified).to_string(), String::new()),
            };
            let mut shares: Vec<(usize, f64)> = row.channel_mix().into_iter().enumerate().collect();
            shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mix = shares
                .iter()
                .filter(|(_, share)| *share > 0.0)
                .take(3)
                .map(|(channel, share)| {
                    format!(
                        "{} {}",
                        channel_names.get(*channel).cloned().unwrap_or_default(),
                        format_percent(*share, 0, language)
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ");
            NamedRow {
                order,
                name,
                strategy,
                row,
                mix,
            }
        })
        .collect();
    let (column, descending) = state.segments().page.sort.get();
    named.sort_by(|a, b| {
        let ordering = match column {
            "size" => a.row.size.cmp(&b.row.size),
            "volume_share" => a.row.volume_share.total_cmp(&b.row.volume_share),
            "potential" => a.row.average_potential.total_cmp(&b.row.average_potential),
            "mix" => a.mix.cmp(&b.mix),
            _ => a.order.cmp(&b.order),
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    named
}

fn export_csv(state: AppState) {
    let rows = named_rows(state);
    // Under market rules that forbid HCP-level figures a segment has no share of prescriptions.
    let account_level = untrack(|| state.segments().volume_at_account_level());
    let headers = [
        Text::DimSegment,
        Text::SegmentColumnSize,
        Text::SegmentColumnShare,
        Text::SegmentColumnVolumeShare,
        Text::SegmentColumnPotential,
        Text::SegmentColumnMix,
        Text::SegmentColumnStrategy,
    ]
    .into_iter()
    .map(|key| state.text(key).to_string())
    .collect();
    let table = CsvTable {
        headers,
        rows: rows
            .into_iter()
            .map(|named| {
                vec![
                    CsvCell::Text(named.name),
                    CsvCell::Integer(named.row.size as i64),
                    CsvCell::Decimal(named.row.size_share * 100.0, 1),
                    if account_level {
                        CsvCell::Empty
                    } else {
                        CsvCell::Decimal(named.row.volume_share * 100.0, 1)
                    },
                    CsvCell::Decimal(named.row.average_potential, 1),
                    CsvCell::Text(named.mix),
                    CsvCell::Text(named.strategy),
                ]
            })
            .collect(),
    };
    let _ = crate::ui::browser::download_text(
        &format!("omnirx-segments-{}.csv", file_date(state)),
        &write_csv(&table),
        "text/csv;charset=utf-8",
    );
}

#[component]
pub fn SegmentOverview() -> impl IntoView {
    let state = use_app_state();
    let page = state.segments().page;
    let rows = Memo::new(move |_| named_rows(state));
    let header = move |(key, label): (&'static str, Text)| {
        let sorted = move || page.sort.get().0 == key;
        let aria = move || match page.sort.get() {
            (column, true) if column == key => "descending",
            (column, false) if column == key => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort-button"
                    data-testid=format!("segment-sort-{key}")
                    on:click=move |_| {
                        page.sort
                            .update(|(column, descending)| {
                                if *column == key {
                                    *descending = !*descending
                                } else {
                                    *column = key;
                                    *descending = key != "order";
                                }
                            })
                    }
                >
                    {state.tr(label)}
                    <span aria-hidden="true">
                        {move || {
                            if !sorted() { "" } else if page.sort.get().1 { " ▼" } else { " ▲" }
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <section class="card" data-testid="segment-overview">
            <h2 class="card-title">{state.tr(Text::SegmentOverviewTitle)}</h2>
            <div class="table-scroll">
                <table class="table" data-testid="segment-table">
                    <thead>
                        <tr>
                            {header(SORTABLE[0])} {header(SORTABLE[1])}
                            <th scope="col">{state.tr(Text::SegmentColumnShare)}</th>
                            {header(SORTABLE[2])} {header(SORTABLE[3])} {header(SORTABLE[4])}
                            <th scope="col">{state.tr(Text::SegmentColumnStrategy)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let language = state.language.get();
                            rows.get()
                                .into_iter()
                                .map(|named| {
                                    view! {
                                        <tr data-testid="segment-row">
                                            <th scope="row" data-testid="segment-name">
                                                {named.name}
                                            </th>
                                            <td class="number" data-testid="segment-size">
                                                {format_integer(named.row.size as i64, language)}
                                            </td>
                                            <td class="number">
                                                {format_percent(named.row.size_share, 1, language)}
                                            </td>
                                            <td class="number" data-testid="segment-volume-share">
                                                {if state.segments().volume_at_account_level() {
                                                    "—".to_string()
                                                } else {
                                                    format_percent(named.row.volume_share, 1, language)
                                                }}
                                            </td>
                                            <td class="number">
                                                {format!("{:.1}", named.row.average_potential)}
                                            </td>
                                            <td>{named.mix}</td>
                                            <td class="muted">{named.strategy}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="segment-export-csv"
                    on:click=move |_| export_csv(state)
                >
                    {state.tr(Text::ExportCsv)}
                </button>
            </div>
        </section>
        <SegmentSizesChart rows=rows />
    }
}

/// The segments' sizes as a bar chart, in rule order, exportable.
#[component]
fn SegmentSizesChart(rows: Memo<Vec<NamedRow>>) -> impl IntoView {
    let state = use_app_state();
    let chart_box = NodeRef::<Div>::new();
    let chart_rows = Signal::derive(move || {
        let language = state.language.get();
        let mut rows = rows.get();
        rows.sort_by_key(|r| r.order);
        rows.into_iter()
            .map(|named| BarRow {
                label: named.name,
                value: named.row.size as f64,
                value_text: format!(
                    "{} · {}",
                    format_integer(named.row.size as i64, language),
                    format_percent(named.row.size_share, 0, language)
                ),
            })
            .collect::<Vec<_>>()
    });
    let chart_title = Signal::derive(move || {
        let name = state
            .segments()
            .rule_set
            .with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
        format!("{} · {}", name, state.text(Text::SegmentSizesTitle))
    });
    view! {
        <section class="card">
            <div class="chart-box" node_ref=chart_box>
                <BarListChart
                    rows=chart_rows
                    title=chart_title
                    testid="segment-size-chart".to_string()
                />
            </div>
            <ChartExportButtons
                chart_box=chart_box
                file_base=Signal::derive(move || format!("omnirx-segments-{}", file_date(state)))
                testid_prefix="segment-chart"
            />
        </section>
    }
}
