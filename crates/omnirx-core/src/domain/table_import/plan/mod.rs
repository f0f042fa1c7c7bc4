//! One sheet into a workspace, in memory: every data row read as its kind's record, its
//! references resolved (or created), duplicates skipped, and the result counted per kind with
//! the fields each update changed, next to the data-quality report. Nothing is written here:
//! the caller shows the plan and writes `plan.workspace` in one transaction when the user
//! confirms.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

use serde::{Deserialize, Serialize};

use super::mapping::{
    columns_mapped_twice, headers, missing_required, ProblemRows, SheetMapping, UnknownReferences,
    NEW_CHANNEL,
};
use super::report::{ColumnReport, Issue, QualityReport, RowIssues, Severity, FIRST_ROWS};
use super::schema::{default_kind_for, Field, FieldType, SheetKind, Term, Vocabulary};
use super::table::{Cell, Row, Table};
use super::values::{
    cell_text, date_order_of_column, name_key, needs_date_order, parse_time, read_bool, read_count,
    read_date, read_month, read_number, LocalDateTime, ValueProblem,
};
use crate::domain::calendar::CalendarDate;
use crate::domain::model::{
    Account, AccountType, Channel, ChannelKind, Consent, Hcp, HcpTitle, Influence, Interaction,
    InteractionKind, Outcome, Prescription, Product, Region, Rep, Specialty, Target, Territory,
    Workspace,
};
use crate::domain::time::{Month, Timestamp};
use crate::domain::time_zone::fixed_utc_offset_seconds;

mod apply;
mod rows;

use rows::{read_record, Record, RowReader};

/// What the plan needs from outside the data: today (for dates in the future) and the language
/// names of created records are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportContext {
    pub today: CalendarDate,
    pub chinese_names: bool,
    /// When the import runs: the update time of every product, rep, account, HCP and target it
    /// adds or changes (a merge can take the newer record by it, `docs/sharing.md`).
    pub now: Timestamp,
}

/// Why a sheet cannot be imported with this mapping (nothing is read until it is fixed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MappingError {
    /// No kind was chosen.
    NoKind,
    /// The sheet has no row at all.
    EmptySheet,
    /// The sheet has its header row and nothing below.
    OnlyHeaders,
    HeaderRowBeyondSheet {
        header_row: usize,
        rows: usize,
    },
    /// Required fields with no column: each group needs one of its fields.
    MissingRequired {
        groups: Vec<Vec<Field>>,
    },
    /// One column mapped to several fields.
    ColumnMappedTwice {
        column: usize,
        header: String,
        fields: Vec<Field>,
    },
    /// Dates such as `3/4/2025` whose day/month order the column does not tell: ask.
    DateOrderNeeded {
        field: Field,
        column: usize,
        header: String,
    },
    /// A column with `25/4/2025` and `4/25/2025`: both orders at once.
    MixedDateOrders {
        field: Field,
        column: usize,
        header: String,
    },
}

/// Added, updated, unchanged and skipped records of one kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

/// One field an update changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// `hcps`, `accounts`, `reps`, `products` or `targets`.
    pub list: String,
    pub id: String,
    pub name: String,
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// How many changed fields the plan lists (the counts count them all).
pub const LISTED_CHANGES: usize = 200;

/// The result of planning an import: with the workspace as it would be after the import
/// ([`plan_import`]), or without it ([`ImportPreview`], what the page shows before the user
/// confirms).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan<W = Workspace> {
    pub kind: SheetKind,
    /// The workspace as it would be after the import (`()` in a preview).
    pub workspace: W,
    /// Per list of the workspace (`hcps`, `interactions`, `regions`…), what changes.
    pub counts: BTreeMap<String, KindCounts>,
    pub changes: Vec<FieldChange>,
    pub report: QualityReport,
    /// Data rows imported (added, updated or unchanged).
    pub imported_rows: usize,
    /// The user chose to import nothing while a row has an error, and one has.
    pub stopped: bool,
    /// Prescriptions (sales rows) added that name an HCP: under market rules that forbid them
    /// they are aggregated to accounts or left out before the write (`docs/compliance.md`).
    pub hcp_prescriptions: usize,
}

/// A plan without the workspace after the import: every count, change and problem of
/// [`plan_import`], from a plan that never builds the rows it would add (a million-row sheet
/// adds a million interactions, several times the file in memory).
pub type ImportPreview = ImportPlan<()>;

impl ImportPlan {
    /// The plan's counts, changes and report alone.
    pub fn without_workspace(self) -> ImportPreview {
        ImportPlan {
            kind: self.kind,
            workspace: (),
            counts: self.counts,
            changes: self.changes,
            report: self.report,
            imported_rows: self.imported_rows,
            stopped: self.stopped,
            hcp_prescriptions: self.hcp_prescriptions,
        }
    }
}

impl<W> ImportPlan<W> {
    /// Whether the import would write anything.
    pub fn changes_anything(&self) -> bool {
        !self.stopped
            && self
                .counts
                .values()
                .any(|counts| counts.added + counts.updated > 0)
    }
}

/// Checks a mapping against its sheet before any row is read.
pub fn check_mapping(table: &Table, mapping: &SheetMapping) -> Result<SheetKind, MappingError> {
    check_mapping_with_progress(table, mapping, &mut || {})
}

/// [`check_mapping`], calling `tick()` every [`PROGRESS_EVERY_ROWS`] rows of the date columns'
/// scan (the one part that reads every row).
fn check_mapping_with_progress(
    table: &Table,
    mapping: &SheetMapping,
    tick: &mut dyn FnMut(),
) -> Result<SheetKind, MappingError> {
    let kind = mapping.kind.ok_or(MappingError::NoKind)?;
    if table.row_count() == 0 || table.rows().all(|row| row.is_blank()) {
        return Err(MappingError::EmptySheet);
    }
    if mapping.header_row >= table.row_count() {
        return Err(MappingError::HeaderRowBeyondSheet {
            header_row: mapping.header_row,
            rows: table.row_count(),
        });
    }
    if table
        .rows()
        .skip(mapping.header_row + 1)
        .all(|row| row.is_blank())
    {
        return Err(MappingError::OnlyHeaders);
    }
    let names = headers(table, mapping.header_row);
    let header = |column: usize| names.get(column).cloned().unwrap_or_default();
    if let Some((column, fields)) = columns_mapped_twice(&mapping.columns).into_iter().next() {
        return Err(MappingError::ColumnMappedTwice {
            column,
            header: header(column),
            fields,
        });
    }
    let missing = missing_required(kind, &mapping.columns);
    if !missing.is_empty() {
        return Err(MappingError::MissingRequired {
            groups: missing.into_iter().map(<[Field]>::to_vec).collect(),
        });
    }
    for field in [Field::Date, Field::Month] {
        let Some(&column) = mapping.columns.get(&field) else {
            continue;
        };
        let cells = || {
            table
                .rows()
                .skip(mapping.header_row + 1)
                .map(move |row| row.cell(column))
        };
        // Each pass over the column moves the progress bar.
        match date_order_of_column(ticking(cells(), tick)) {
            Err(_mixed) => {
                return Err(MappingError::MixedDateOrders {
                    field,
                    column,
                    header: header(column),
                })
            }
            Ok(None)
                if mapping.date_order.is_none() && needs_date_order(ticking(cells(), tick)) =>
            {
                // Needed only when some value is ambiguous (both numbers ≤ 12, not equal).
                let ambiguous = ticking(cells(), tick).any(|cell| {
                    matches!(read_date(&cell, None), Err(ValueProblem::AmbiguousDayMonth))
                });
                if ambiguous {
                    return Err(MappingError::DateOrderNeeded {
                        field,
                        column,
                        header: header(column),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(kind)
}

/// `items`, calling `tick()` every [`PROGRESS_EVERY_ROWS`] of them.
fn ticking<'a, T>(
    items: impl Iterator<Item = T> + 'a,
    tick: &'a mut dyn FnMut(),
) -> impl Iterator<Item = T> + 'a {
    items.enumerate().map(move |(index, item)| {
        if index % PROGRESS_EVERY_ROWS == 0 {
            tick();
        }
        item
    })
}

/// Plans the import of `table` into `workspace` (an empty one for a new workspace).
pub fn plan_import(
    workspace: &Workspace,
    table: &Table,
    mapping: &SheetMapping,
    context: ImportContext,
) -> Result<ImportPlan, MappingError> {
    plan_import_with_progress(workspace, table, mapping, context, &mut |_, _| {})
}

/// How many rows are planned between two calls of the progress callback.
pub const PROGRESS_EVERY_ROWS: usize = 5_000;

/// [`plan_import`], calling `progress(rows done, rows in all)` every
/// [`PROGRESS_EVERY_ROWS`] rows, for a progress bar.
pub fn plan_import_with_progress(
    workspace: &Workspace,
    table: &Table,
    mapping: &SheetMapping,
    context: ImportContext,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportPlan, MappingError> {
    plan(
        Keep::Workspace,
        workspace,
        table,
        mapping,
        context,
        progress,
    )
}

/// [`plan_import_with_progress`] without building the workspace after the import: the same
/// counts, changes and report in a fraction of the memory. The workspace is planned again, by
/// [`plan_import_with_progress`], when the user confirms.
pub fn preview_import_with_progress(
    workspace: &Workspace,
    table: &Table,
    mapping: &SheetMapping,
    context: ImportContext,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportPreview, MappingError> {
    Ok(plan(Keep::Summary, workspace, table, mapping, context, progress)?.without_workspace())
}

/// What a plan builds: the whole workspace after the import, or only what the rows refer to
/// (the records other than interactions and sales, which no row looks up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    Workspace,
    Summary,
}

fn plan(
    keep: Keep,
    workspace: &Workspace,
    table: &Table,
    mapping: &SheetMapping,
    context: ImportContext,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportPlan, MappingError> {
    let total = table.row_count();
    let kind =
        check_mapping_with_progress(table, mapping, &mut || progress(mapping.header_row, total))?;
    // Indexing a large workspace takes a while too: the bar moves (at 0) between its steps.
    let mut planner = Planner::new(keep, workspace, table, mapping, context, &mut || {
        progress(mapping.header_row, total)
    });
    for index in mapping.header_row + 1..total {
        if index % PROGRESS_EVERY_ROWS == 0 {
            progress(index, total);
        }
        let row = table.row(index);
        if row.is_blank() {
            continue;
        }
        planner.report.rows += 1;
        planner.plan_row(kind, index, row);
    }
    Ok(planner.finish(kind, workspace))
}

/// An interaction as duplicates are found by: its HCP and channel (indexes into the planned
/// workspace), time and kind. 24 bytes, where the ids would take four allocations.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct InteractionKey {
    at: i64,
    hcp: u32,
    channel: u32,
    kind: InteractionKind,
}

impl InteractionKey {
    fn new(hcp: usize, at: Timestamp, channel: usize, kind: InteractionKind) -> InteractionKey {
        InteractionKey {
            at: at.0,
            hcp: hcp as u32,
            channel: channel as u32,
            kind,
        }
    }
}

/// A sale as duplicates are found by: its HCP (whatever its account) or else its account, month
/// and product (indexes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct SaleKey {
    hcp: Option<u32>,
    account: Option<u32>,
    month: Month,
    product: u32,
}

impl SaleKey {
    fn new(hcp: Option<usize>, account: Option<usize>, month: Month, product: usize) -> SaleKey {
        SaleKey {
            hcp: hcp.map(|index| index as u32),
            account: account.filter(|_| hcp.is_none()).map(|index| index as u32),
            month,
            product: product as u32,
        }
    }
}

/// Ids for new records: `prefix-N` with the first free N, counting up from the last one given.
struct IdMaker {
    taken: HashSet<String>,
    next: HashMap<&'static str, usize>,
}

impl IdMaker {
    fn new(workspace: &Workspace) -> IdMaker {
        let mut taken = HashSet::default();
        let ids = workspace
            .regions
            .iter()
            .map(|r| &r.id)
            .chain(workspace.territories.iter().map(|t| &t.id))
            .chain(workspace.accounts.iter().map(|a| &a.id))
            .chain(workspace.hcps.iter().map(|h| &h.id))
            .chain(workspace.reps.iter().map(|r| &r.id))
            .chain(workspace.products.iter().map(|p| &p.id))
            .chain(workspace.channels.iter().map(|c| &c.id));
        taken.extend(ids.cloned());
        IdMaker {
            taken,
            next: HashMap::default(),
        }
    }

    fn make(&mut self, prefix: &'static str) -> String {
        let next = self.next.entry(prefix).or_insert(1);
        loop {
            let candidate = format!("{prefix}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// `wanted` when it is free, else a numbered id.
    fn claim(&mut self, wanted: &str, prefix: &'static str) -> String {
        if !wanted.is_empty() && self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        self.make(prefix)
    }
}

/// Looks records up by id and by name key.
#[derive(Default)]
struct Lookup {
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Lookup {
    fn of<'a>(records: impl Iterator<Item = (&'a str, &'a str)>) -> Lookup {
        let mut lookup = Lookup::default();
        for (index, (id, name)) in records.enumerate() {
            lookup.add(index, id, name);
        }
        lookup
    }

    fn add(&mut self, index: usize, id: &str, name: &str) {
        self.by_id.insert(id.to_string(), index);
        self.by_name.entry(name_key(name)).or_default().push(index);
    }

    /// The record a row of its own kind describes: by the row's id when it has one (an id not
    /// yet known is a new record), else by its name as [`Lookup::find`] does.
    fn record_of(&self, id: Option<&str>, name: &str) -> Result<Option<usize>, usize> {
        match id {
            Some(id) => Ok(self.by_id.get(id).copied()),
            None => self.find(name),
        }
    }

    /// By id first, then by name: `Ok(Some)` found, `Ok(None)` unknown, `Err(n)` n with the name.
    fn find(&self, text: &str) -> Result<Option<usize>, usize> {
        if let Some(&index) = self.by_id.get(text) {
            return Ok(Some(index));
        }
        match self.by_name.get(&name_key(text)).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([index]) => Ok(Some(*index)),
            Some(many) => Err(many.len()),
        }
    }
}

struct Planner<'a> {
    keep: Keep,
    table: &'a Table,
    mapping: &'a SheetMapping,
    context: ImportContext,
    workspace: Workspace,
    offset: i64,
    ids: IdMaker,
    regions: Lookup,
    territories: Lookup,
    accounts: Lookup,
    hcps: Lookup,
    reps: Lookup,
    products: Lookup,
    /// (account, name key) → HCPs.
    hcps_in_account: HashMap<(usize, String), Vec<usize>>,
    /// The interactions and sales of the workspace and of the rows so far. Records whose ids
    /// resolve to nothing are left out: no row can resolve to them either.
    interaction_keys: HashSet<InteractionKey>,
    sale_keys: HashSet<SaleKey>,
    target_index: HashMap<TargetKey, usize>,
    /// A hash of each row's cell texts → the first row (1-based) with them; a match is checked
    /// against that row's texts, so a collision never skips a row.
    seen_rows: HashMap<u64, usize>,
    /// The columns up to the last named header: a row with text beyond them is ragged.
    header_width: usize,
    /// The months the workspace's data spans before the import, for "outside the range".
    data_months: Option<(Month, Month)>,
    counts: BTreeMap<String, KindCounts>,
    changes: Vec<FieldChange>,
    report: QualityReport,
    imported_rows: usize,
    hcp_prescriptions: usize,
    unassigned_region: Option<String>,
}

/// What makes two targets the same: their month, holders and product.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct TargetKey {
    period: Month,
    rep: Option<String>,
    region: Option<String>,
    territory: Option<String>,
    account: Option<String>,
    product: String,
}

fn names<T>(
    records: &[T],
    id: fn(&T) -> &str,
    name: fn(&T) -> &str,
) -> impl Iterator<Item = (&str, &str)> {
    records.iter().map(move |record| (id(record), name(record)))
}

impl<'a> Planner<'a> {
    fn new(
        keep: Keep,
        workspace: &Workspace,
        table: &'a Table,
        mapping: &'a SheetMapping,
        context: ImportContext,
        step_done: &mut dyn FnMut(),
    ) -> Planner<'a> {
        let w = match keep {
            Keep::Workspace => workspace.clone(),
            Keep::Summary => workspace.without_activity(),
        };
        step_done();
        let mut hcps_in_account: HashMap<(usize, String), Vec<usize>> = HashMap::default();
        let account_lookup = Lookup::of(names(&w.accounts, |a| &a.id, |a| &a.name));
        for (index, hcp) in w.hcps.iter().enumerate() {
            if let Some(&account) = account_lookup.by_id.get(&hcp.account_id) {
                hcps_in_account
                    .entry((account, name_key(&hcp.name)))
                    .or_default()
                    .push(index);
            }
        }
        let hcp_lookup = Lookup::of(names(&w.hcps, |h| &h.id, |h| &h.name));
        let product_lookup = Lookup::of(names(&w.products, |p| &p.id, |p| &p.name));
        step_done();
        let rows = table.row_count().saturating_sub(mapping.header_row + 1);
        let channel_of: HashMap<&str, usize> = w
            .channels
            .iter()
            .enumerate()
            .map(|(index, channel)| (channel.id.as_str(), index))
            .collect();
        let hcp_of = |id: &str| hcp_lookup.by_id.get(id).copied();
        let mut interaction_keys = HashSet::default();
        if mapping.kind == Some(SheetKind::Interactions) {
            interaction_keys.reserve(workspace.interactions.len() + rows);
            interaction_keys.extend(workspace.interactions.iter().filter_map(|i| {
                Some(InteractionKey::new(
                    hcp_of(&i.hcp_id)?,
                    i.at,
                    *channel_of.get(i.channel_id.as_str())?,
                    i.kind,
                ))
            }));
        }
        step_done();
        let mut sale_keys = HashSet::default();
        if mapping.kind == Some(SheetKind::Sales) {
            sale_keys.reserve(workspace.prescriptions.len() + rows);
            sale_keys.extend(workspace.prescriptions.iter().filter_map(|p| {
                let account = match &p.account_id {
                    Some(id) => Some(*account_lookup.by_id.get(id)?),
                    None => None,
                };
                let hcp = match &p.hcp_id {
                    Some(id) => Some(hcp_of(id)?),
                    None => None,
                };
                let product = *product_lookup.by_id.get(&p.product_id)?;
                Some(SaleKey::new(hcp, account, p.period, product))
            }));
        }
        step_done();
        let months = workspace
            .interactions
            .iter()
            .map(|i| i.at.month())
            .chain(workspace.prescriptions.iter().map(|p| p.period));
        let data_months = months.fold(None, |range: Option<(Month, Month)>, month| match range {
            None => Some((month, month)),
            Some((first, last)) => Some((first.min(month), last.max(month))),
        });
        let headers = headers(table, mapping.header_row);
        let field_of: HashMap<usize, Field> =
            mapping.columns.iter().map(|(f, c)| (*c, *f)).collect();
        Planner {
            keep,
            table,
            mapping,
            context,
            offset: fixed_utc_offset_seconds(&w.settings.time_zone).unwrap_or(0),
            ids: IdMaker::new(&w),
            regions: Lookup::of(names(&w.regions, |r| &r.id, |r| &r.name)),
            territories: Lookup::of(names(&w.territories, |t| &t.id, |t| &t.name)),
            hcps: hcp_lookup,
            reps: Lookup::of(names(&w.reps, |r| &r.id, |r| &r.name)),
            products: product_lookup,
            accounts: account_lookup,
            hcps_in_account,
            interaction_keys,
            sale_keys,
            target_index: w
                .targets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        TargetKey {
                            period: t.period,
                            rep: t.rep_id.clone(),
                            region: t.region_id.clone(),
                            territory: t.territory_id.clone(),
                            account: t.account_id.clone(),
                            product: t.product_id.clone(),
                        },
                        i,
                    )
                })
                .collect(),
            seen_rows: HashMap::with_capacity_and_hasher(rows, Default::default()),
            header_width: headers
                .iter()
                .rposition(|h| !h.is_empty())
                .map_or(0, |last| last + 1),
            data_months,
            counts: BTreeMap::new(),
            changes: Vec::new(),
            report: QualityReport {
                columns: (0..table.width().max(headers.len()))
                    .map(|column| ColumnReport {
                        column,
                        header: headers.get(column).cloned().unwrap_or_default(),
                        field: field_of.get(&column).copied(),
                        ..ColumnReport::default()
                    })
                    .collect(),
                ..QualityReport::default()
            },
            imported_rows: 0,
            hcp_prescriptions: 0,
            unassigned_region: None,
            workspace: w,
        }
    }

    fn count(&mut self, list: &str) -> &mut KindCounts {
        self.counts.entry(list.to_string()).or_default()
    }

    fn plan_row(&mut self, kind: SheetKind, index: usize, row: Row) {
        let row_number = index + 1;
        let mut reader = RowReader {
            row,
            mapping: self.mapping,
            issues: Vec::new(),
            columns: &mut self.report.columns,
            row_number,
        };
        let width = self.header_width;
        if row.len() > width && width > 0 {
            let extra = (width..row.len()).any(|c| !row.cell(c).is_blank());
            if extra {
                reader.issues.push(Issue::RaggedRow {
                    cells: row.len(),
                    columns: width,
                });
            }
        }
        let texts = row_texts(row);
        let mut hasher = FxHasher::default();
        texts.hash(&mut hasher);
        match self.seen_rows.get(&hasher.finish()) {
            Some(&first_row) if row_texts(self.table.row(first_row - 1)) == texts => {
                reader.issues.push(Issue::DuplicateRow { first_row });
                let issues = std::mem::take(&mut reader.issues);
                self.skip(kind, row_number, issues);
                return;
            }
            // Another row with the same hash (one chance in 10¹³ for a million rows): kept.
            Some(_) => {}
            None => {
                self.seen_rows.insert(hasher.finish(), row_number);
            }
        }
        let record = read_record(kind, &mut reader);
        let mut issues = reader.issues;
        if let Some(record) = &record {
            self.check_dates(record, &mut issues);
        }
        let record = match record {
            Some(record) if !issues.iter().any(|i| i.severity() == Severity::Error) => record,
            _ => {
                self.skip(kind, row_number, issues);
                return;
            }
        };
        let applied = self.apply(record, &mut issues);
        if applied {
            self.imported_rows += 1;
        } else {
            self.count(kind_list(kind)).skipped += 1;
        }
        if !issues.is_empty() {
            self.problem(row_number, issues);
        }
    }

    fn skip(&mut self, kind: SheetKind, row: usize, issues: Vec<Issue>) {
        self.count(kind_list(kind)).skipped += 1;
        self.problem(row, issues);
    }

    /// Keeps a row's issues for the report: exactly as many as there are (a vector grown by
    /// pushes has room for four, and a sheet may have a million problem rows).
    fn problem(&mut self, row: usize, mut issues: Vec<Issue>) {
        issues.shrink_to_fit();
        self.report.problem_rows.push(RowIssues { row, issues });
    }

    fn check_dates(&self, record: &Record, issues: &mut Vec<Issue>) {
        let (field, date) = match record {
            Record::Interaction(i) => (Field::Date, i.at.date),
            Record::Sale(s) => (Field::Month, s.month.first_day()),
            Record::Target(t) => (Field::Month, t.month.first_day()),
            _ => return,
        };
        if date > self.context.today && !matches!(record, Record::Target(_)) {
            issues.push(Issue::InTheFuture { field });
        }
        if let Some((first, last)) = self.data_months {
            let month = Month::new(date.year, date.month).expect("a real date");
            if month < first.plus(-24) || month > last.plus(24) {
                issues.push(Issue::OutsideWorkspaceRange { field });
            }
        }
    }

    fn finish(mut self, kind: SheetKind, original: &Workspace) -> ImportPlan {
        self.report.finish();
        let stopped = self.mapping.problem_rows == ProblemRows::StopAll && self.report.has_errors();
        if !stopped && self.keep == Keep::Workspace {
            stamp_changes(original, &mut self.workspace, self.context.now);
        }
        ImportPlan {
            kind,
            workspace: if stopped && self.keep == Keep::Workspace {
                original.clone()
            } else {
                self.workspace
            },
            counts: self.counts,
            changes: self.changes,
            report: self.report,
            imported_rows: if stopped { 0 } else { self.imported_rows },
            stopped,
            hcp_prescriptions: if stopped { 0 } else { self.hcp_prescriptions },
        }
    }
}

/// Gives every product, rep, account, HCP and target the import added or changed the time
/// `now` (records are only appended or replaced in place by an import).
fn stamp_changes(original: &Workspace, planned: &mut Workspace, now: Timestamp) {
    fn stamp<T: PartialEq>(before: &[T], after: &mut [T], set: impl Fn(&mut T)) {
        for (index, record) in after.iter_mut().enumerate() {
            if before.get(index) != Some(record) {
                set(record);
            }
        }
    }
    stamp(&original.products, &mut planned.products, |r| {
        r.updated_at = Some(now)
    });
    stamp(&original.reps, &mut planned.reps, |r| {
        r.updated_at = Some(now)
    });
    stamp(&original.accounts, &mut planned.accounts, |r| {
        r.updated_at = Some(now)
    });
    stamp(&original.hcps, &mut planned.hcps, |r| {
        r.updated_at = Some(now)
    });
    stamp(&original.targets, &mut planned.targets, |r| {
        r.updated_at = Some(now)
    });
}

fn kind_list(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Hcps => "hcps",
        SheetKind::Accounts => "accounts",
        SheetKind::Reps => "reps",
        SheetKind::Products => "products",
        SheetKind::Interactions => "interactions",
        SheetKind::Sales => "prescriptions",
        SheetKind::Targets => "targets",
    }
}

/// A row's cells as the texts duplicate rows are compared by.
fn row_texts(row: Row) -> Vec<String> {
    row.cells()
        .map(|c| cell_text(&c).unwrap_or_default())
        .collect()
}
