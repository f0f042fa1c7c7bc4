//! The plan as a table (the Plan page's export): one row per HCP with its rep, account, segment, planned contacts per channel, last cycle's contacts, expected uplift and why, headed in the UI language; as CSV text, and as the typed table the worker writes to XLSX.
//!
//! Rows are sorted by rep (in the plan's order of reps) and then by expected uplift, the largest
//! first (ties: the HCP's id). Names come from the workspace; an id it does not have is shown as
//! it is. Numbers are typed cells, so they reach a spreadsheet as numbers (`csv_export`).

use std::collections::HashMap;

use crate::domain::csv_export::{write_csv, CsvCell, CsvTable};
use crate::domain::model::Workspace;
use crate::domain::planning::{Cycle, Plan, PlanRow};
use crate::i18n::planning_messages::{column_header, why_text, PlanColumn, PlanNames};
use crate::i18n::Language;

/// The plan's rows as a table: rep (name), HCP id, HCP name, account (name), segment (a strategy in the UI language),
/// potential, one column per planned channel (headed by the channel's name) with its planned
/// contacts, the planned contacts in all, last cycle's contacts through the plan's channels, the
/// expected uplift (2 decimals) and why each channel stopped where it is. `rep_id` keeps one rep's
/// rows.
pub fn plan_table(
    workspace: &Workspace,
    plan: &Plan,
    rep_id: Option<&str>,
    language: Language,
) -> CsvTable {
    let header = |column| column_header(language, column).to_string();
    let channel_names: Vec<String> = plan
        .channels
        .iter()
        .map(|channel| workspace.channel(&channel.channel_id))
        .collect();
    let mut headers: Vec<String> = [
        PlanColumn::Rep,
        PlanColumn::HcpId,
        PlanColumn::HcpName,
        PlanColumn::Account,
        PlanColumn::Segment,
        PlanColumn::Potential,
    ]
    .into_iter()
    .map(header)
    .collect();
    headers.extend(channel_names.iter().cloned());
    headers.extend(
        [
            PlanColumn::PlannedTotal,
            PlanColumn::LastCycleTotal,
            PlanColumn::ExpectedUplift,
            PlanColumn::Why,
        ]
        .into_iter()
        .map(header),
    );

    let hcps: HashMap<&str, &str> = workspace
        .hcps
        .iter()
        .map(|hcp| (hcp.id.as_str(), hcp.name.as_str()))
        .collect();
    let accounts: HashMap<&str, &str> = workspace
        .accounts
        .iter()
        .map(|account| (account.id.as_str(), account.name.as_str()))
        .collect();
    let rep_order: HashMap<&str, usize> = plan
        .reps
        .iter()
        .enumerate()
        .map(|(index, rep)| (rep.rep_id.as_str(), index))
        .collect();
    let mut rep_names: HashMap<&str, String> = HashMap::new();
    let mut rows: Vec<&PlanRow> = plan
        .rows
        .iter()
        .filter(|row| rep_id.is_none_or(|id| row.rep_id == id))
        .collect();
    for row in &rows {
        rep_names
            .entry(row.rep_id.as_str())
            .or_insert_with(|| workspace.rep(&row.rep_id));
    }
    // Rows of a rep the plan does not list come last.
    rows.sort_by(|a, b| {
        let rank = |row: &PlanRow| rep_order.get(row.rep_id.as_str()).copied();
        (rank(a).is_none(), rank(a), &a.rep_id)
            .cmp(&(rank(b).is_none(), rank(b), &b.rep_id))
            .then_with(|| b.expected_uplift.total_cmp(&a.expected_uplift))
            .then_with(|| a.hcp_id.cmp(&b.hcp_id))
    });
    let named = |names: &HashMap<&str, &str>, id: &str| {
        names
            .get(id)
            .filter(|name| !name.trim().is_empty())
            .map_or_else(|| id.to_string(), |name| name.to_string())
    };
    let rows = rows
        .into_iter()
        .map(|row| {
            let channels = channel_names.len();
            let mut cells = vec![
                CsvCell::Text(rep_names[row.rep_id.as_str()].clone()),
                CsvCell::Text(row.hcp_id.clone()),
                CsvCell::Text(named(&hcps, &row.hcp_id)),
                CsvCell::Text(named(&accounts, &row.account_id)),
                CsvCell::Text(segment_words(&row.segment, language)),
                CsvCell::Integer(row.potential),
            ];
            cells.extend(
                (0..channels)
                    .map(|slot| row.cells.get(slot).map_or(0, |cell| cell.planned))
                    .map(|planned| CsvCell::Integer(i64::from(planned))),
            );
            let planned: i64 = row
                .cells
                .iter()
                .take(channels)
                .map(|c| i64::from(c.planned))
                .sum();
            let last: i64 = row
                .cells
                .iter()
                .take(channels)
                .map(|c| i64::from(c.last_cycle))
                .sum();
            let bindings: Vec<_> = row.cells.iter().take(channels).map(|c| c.binding).collect();
            cells.extend([
                CsvCell::Integer(planned),
                CsvCell::Integer(last),
                if row.expected_uplift.is_finite() {
                    CsvCell::Decimal(row.expected_uplift, 2)
                } else {
                    CsvCell::Empty
                },
                CsvCell::Text(why_text(language, &channel_names, &bindings)),
            ]);
            cells
        })
        .collect();
    CsvTable { headers, rows }
}

/// A matrix strategy's segment in the UI language (`defend` → 防守); a rule set's segment id
/// as it is.
fn segment_words(key: &str, language: Language) -> String {
    use crate::domain::planning::goals::strategy_key;
    use crate::domain::segmentation::Strategy;
    [
        Strategy::Defend,
        Strategy::Grow,
        Strategy::Develop,
        Strategy::Maintain,
        Strategy::Deprioritise,
    ]
    .into_iter()
    .find(|s| strategy_key(*s) == key)
    .map_or_else(
        || key.to_string(),
        |s| crate::i18n::text(language, crate::view::labels::strategy_text(s)).to_string(),
    )
}

/// [`plan_table`] as CSV text (byte-order mark, RFC 4180, formula guard: `csv_export`).
pub fn plan_csv(
    workspace: &Workspace,
    plan: &Plan,
    rep_id: Option<&str>,
    language: Language,
) -> String {
    write_csv(&plan_table(workspace, plan, rep_id, language))
}

/// The export's file name: `omnirx-plan-2026-11.csv`, `omnirx-plan-2026-Q4-rep-001.xlsx`,
/// `omnirx-plan-2026-11-02_2026-11-15.csv` (characters other than ASCII letters, digits, `-`
/// and `_` in the rep's id become `_`).
pub fn plan_file_name(plan: &Plan, rep_id: Option<&str>, extension: &str) -> String {
    let cycle = match plan.cycle {
        Cycle::Custom { from, to } => format!("{from}_{to}"),
        other => other.key(),
    };
    let rep = rep_id.map_or_else(String::new, |id| {
        let id: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("-{id}")
    });
    format!("omnirx-plan-{cycle}{rep}.{extension}")
}
