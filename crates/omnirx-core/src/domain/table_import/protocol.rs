//! The messages between the page and the import worker, as plain serde types: the page sends a
//! file and the user's choices, the worker answers with what it read, a proposal, the plan's
//! preview and report, and progress. A workspace file (`.omnirx.json`, sealed or not) goes the
//! same way: the worker reads, opens, checks and stores it, and the page sees its preview. Big things (the file, the workspace) never cross as JSON:
//! the file is a transferred buffer and the workspace goes through IndexedDB.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::mapping::{MappingProposal, SheetMapping};
use super::plan::{FieldChange, KindCounts, MappingError};
use super::read::{ReadChoices, ReadError, ReadProgress, SheetFormat, TextLayout};
use super::report::QualityReport;
use super::schema::{Field, SheetKind};
use crate::domain::calendar::CalendarDate;
use crate::domain::compliance::{IncomingChoice, Settled};
use crate::domain::csv_export::CsvTable;
use crate::domain::model::MarketRules;

/// How many rows of a sheet the mapping screen shows as samples.
pub const SAMPLE_ROWS: usize = 5;
/// How many distinct values of an enumeration column the value map lists.
pub const DISTINCT_VALUES: usize = 200;

/// Where the imported records go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Destination {
    /// The stored workspace with this id (the page saved its edits first).
    Current { workspace_id: String },
    /// A new workspace with this name.
    New { name: String },
}

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Read and check a workspace file (the `File` follows the message): answered with
    /// `FileLocked`, `FileChecked` or `FileRefused`.
    CheckFile,
    /// Open the sealed file read last with this passphrase, then check it.
    UnlockFile { passphrase: String },
    /// Read and check a workspace file for a merge (the `File` follows): answered with
    /// `MergeFileChecked`, `FileLocked` (the page opens sealed files itself) or `FileRefused`.
    /// Nothing is kept.
    CheckForMerge,
    /// Store the file checked last under `workspace_id` (a new id, or the open workspace's to
    /// replace it), with the market rules of the workspace it replaces and the user's choice.
    StoreFile {
        workspace_id: String,
        replaced_rules: Option<MarketRules>,
        choice: IncomingChoice,
        saved_at_ms: f64,
    },
    /// Read a file (its bytes follow as the message's transferred buffer).
    Read {
        file_name: String,
        choices: ReadChoices,
    },
    /// Propose a mapping for a sheet (the saved mappings of `destination` first).
    Propose {
        sheet: usize,
        kind: Option<SheetKind>,
        header_row: Option<usize>,
        destination: Destination,
    },
    /// The distinct values of a column, for a value map the user just made necessary.
    Distinct {
        sheet: usize,
        header_row: usize,
        column: usize,
    },
    /// Plan the import with this mapping (nothing is written).
    Plan {
        sheet: usize,
        mapping: SheetMapping,
        destination: Destination,
        today: CalendarDate,
        chinese: bool,
    },
    /// The plan's problem rows as CSV text, in the UI language.
    ProblemRows { chinese: bool },
    /// Write the planned workspace in one transaction, keeping the previous one for undo; save
    /// the mapping under `save_mapping_as` when given.
    Commit {
        save_mapping_as: Option<String>,
        saved_at_ms: f64,
        /// What to do with prescriptions naming an HCP when the workspace's market rules forbid
        /// them (`docs/compliance.md`); ignored otherwise.
        #[serde(default)]
        prescriptions: IncomingChoice,
    },
    /// Put back the workspace as it was before its last import.
    Undo {
        workspace_id: String,
        saved_at_ms: f64,
    },
    /// A blank XLSX template (the file comes back as [name, buffer], not as a response).
    TemplateXlsx { kind: SheetKind, chinese: bool },
    /// Typed tables as an XLSX file named `file_name`, one worksheet each (the plan's table, a
    /// list): numbers arrive in Excel as numbers. The file comes back as [name, buffer], like a
    /// template.
    TableXlsx {
        file_name: String,
        sheets: Vec<TableSheet>,
    },
}

/// One worksheet of [`Request::TableXlsx`]: its name (made valid for Excel by the worker) and
/// its table, as the CSV export builds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableSheet {
    pub name: String,
    pub table: CsvTable,
}

/// One sheet of the file, as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetSummary {
    pub name: String,
    pub rows: usize,
    pub columns: usize,
}

/// The mapping screen's data for one sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub proposal: MappingProposal,
    /// The header row's texts.
    pub headers: Vec<String>,
    /// The first rows below the header, as texts.
    pub samples: Vec<Vec<String>>,
    /// The sheet's first rows (up to 20), for choosing another header row.
    pub top_rows: Vec<Vec<String>>,
    /// Distinct values (with counts) of each enumeration column mapped.
    pub distinct: BTreeMap<Field, Vec<(String, usize)>>,
    /// The name of the saved mapping used, when one matched the headers.
    pub saved_mapping: Option<String>,
}

/// The preview the page shows before the user confirms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub kind: SheetKind,
    pub counts: BTreeMap<String, KindCounts>,
    pub changes: Vec<FieldChange>,
    pub report: QualityReport,
    pub imported_rows: usize,
    pub stopped: bool,
    /// The sheet's headers (the report names columns by them).
    pub headers: Vec<String>,
    /// Prescriptions naming an HCP that the import adds to a workspace whose market rules
    /// forbid them (0 when the rules allow them): the page warns and offers the choice.
    #[serde(default)]
    pub hcp_prescriptions: usize,
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and listens.
    Ready,
    Progress {
        progress: ReadProgress,
        stage: Stage,
    },
    Read {
        format: SheetFormat,
        text: Option<TextLayout>,
        sheets: Vec<SheetSummary>,
    },
    ReadFailed {
        error: ReadError,
    },
    Proposal {
        view: Box<ProposalView>,
    },
    Distinct {
        column: usize,
        values: Vec<(String, usize)>,
    },
    Planned {
        view: Box<PlanView>,
    },
    MappingFailed {
        error: MappingError,
    },
    ProblemRows {
        csv: String,
    },
    Committed {
        workspace_id: String,
        revision: u64,
        /// Whether the note that undoes this import was stored (written just after the import;
        /// without it the import stands and "undo" is not offered).
        undo_kept: bool,
        /// What the market rules made of prescriptions naming an HCP.
        #[serde(default)]
        settled: Settled,
    },
    Undone {
        workspace_id: String,
        revision: u64,
    },
    UndoFailed {
        problem: super::undo::UndoProblem,
    },
    /// Storage refused (full disk, another tab's newer save…), in words for the page.
    StorageFailed {
        message: String,
    },
    /// The workspace file is sealed: its passphrase is asked (again, with why it failed).
    FileLocked {
        failed: Option<crate::domain::sharing::envelope::OpenError>,
    },
    FileChecked {
        preview: Box<crate::domain::workspace_file::FilePreview>,
    },
    FileRefused {
        error: crate::domain::workspace_file::ImportError,
    },
    /// A file for a merge, checked and brought to the current version: its workspace as JSON
    /// (a `Workspace` as serde writes it). Text rather than the typed workspace: the page parses
    /// it with the same deserialisers it reads stored records with, where the typed one would
    /// add a second copy of them to its download (messages are read through serde's buffered
    /// `tag` form).
    MergeFileChecked {
        workspace: String,
    },
    FileStored {
        workspace_id: String,
        settled: Settled,
    },
    /// Storing the file failed and nothing was written: the storage's error as its JSON
    /// (`omnirx_storage::StorageError`, which the core does not know), for the page to word.
    FileNotStored {
        storage_error: String,
    },
    /// A request the worker could not serve in its state (no file read yet…).
    Unexpected {
        request: String,
    },
}

/// What the worker is doing, for the progress bar's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Planning,
    Writing,
}

/// The mapping screen's data for `table`: a saved mapping whose headers match comes first, then
/// the automatic proposal (with the kind and header row the user chose, when they did).
pub fn proposal_view(
    table: &super::Table,
    kind: Option<SheetKind>,
    header_row: Option<usize>,
    saved: &[super::mapping::SavedMapping],
) -> ProposalView {
    use super::mapping::{distinct_values, headers, propose_mapping, saved_mapping_for};
    use super::schema::FieldType;
    use super::values::cell_shown;
    let saved_match = (kind.is_none() && header_row.is_none())
        .then(|| saved_mapping_for(saved, table))
        .flatten();
    let proposal = match saved_match {
        Some(saved) => MappingProposal {
            mapping: saved.mapping.clone(),
            confidence: BTreeMap::new(),
        },
        None => {
            let mut proposal = propose_mapping(table, kind);
            if let Some(row) = header_row.filter(|row| *row < table.row_count()) {
                let headers = headers(table, row);
                let kind = proposal.mapping.kind.unwrap_or(SheetKind::Interactions);
                let (columns, confidence) = super::mapping::propose_columns(&headers, kind);
                proposal.mapping.header_row = row;
                proposal.mapping.values = super::mapping::propose_values(table, row, &columns);
                proposal.mapping.columns = columns;
                proposal.confidence = confidence;
            }
            proposal
        }
    };
    let header_row = proposal.mapping.header_row;
    let texts = |row: usize| -> Vec<String> {
        table
            .row(row)
            .cells()
            .map(|c| cell_shown(&c).unwrap_or_default())
            .collect()
    };
    let distinct = proposal
        .mapping
        .columns
        .iter()
        .filter(|(field, _)| matches!(field.field_type(), FieldType::Enum(_)))
        .map(|(&field, &column)| {
            (
                field,
                distinct_values(table, header_row, column, DISTINCT_VALUES),
            )
        })
        .collect();
    ProposalView {
        headers: headers(table, header_row),
        samples: (header_row + 1..table.row_count())
            .filter(|&row| !table.row(row).is_blank())
            .take(SAMPLE_ROWS)
            .map(texts)
            .collect(),
        top_rows: (0..table.row_count().min(super::mapping::HEADER_SEARCH_ROWS))
            .map(texts)
            .collect(),
        distinct,
        saved_mapping: saved_match.map(|saved| saved.name.clone()),
        proposal,
    }
}

/// How many changed fields the preview lists (the counts give the rest).
pub const CHANGES_SHOWN: usize = 20;

/// The page's preview of a plan. It carries the report's figures and causes but not its list of
/// problem rows, and the first [`CHANGES_SHOWN`] changed fields: a million-row sheet can have a
/// problem on every row, and the page would spend a second parsing what it never shows (the
/// problem rows' file is made by the worker from its own plan).
pub fn plan_view<W>(
    plan: &super::plan::ImportPlan<W>,
    headers: Vec<String>,
    rules: MarketRules,
) -> PlanView {
    let report = &plan.report;
    PlanView {
        kind: plan.kind,
        counts: plan.counts.clone(),
        changes: plan.changes.iter().take(CHANGES_SHOWN).cloned().collect(),
        report: super::report::QualityReport {
            rows: report.rows,
            rows_with_errors: report.rows_with_errors,
            rows_with_warnings_only: report.rows_with_warnings_only,
            score: report.score,
            columns: report.columns.clone(),
            causes: report.causes.clone(),
            problem_rows: Vec::new(),
        },
        imported_rows: plan.imported_rows,
        stopped: plan.stopped,
        headers,
        hcp_prescriptions: if rules.forbids_hcp_prescriptions() {
            plan.hcp_prescriptions
        } else {
            0
        },
    }
}

/// A sheet as the page lists it.
pub fn sheet_summary(table: &super::Table) -> SheetSummary {
    SheetSummary {
        name: table.name.clone(),
        rows: table.row_count(),
        columns: table.width(),
    }
}

/// Saves `mapping` in the workspace under `name`, for sheets with the headers of `table`
/// (replacing a saved mapping of the same name).
pub fn save_mapping(
    workspace: &mut crate::domain::model::Workspace,
    name: &str,
    table: &super::Table,
    mapping: &SheetMapping,
) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    let saved = super::mapping::SavedMapping {
        name: name.to_string(),
        headers: super::mapping::header_signature(table, mapping.header_row),
        mapping: mapping.clone(),
    };
    match workspace.table_mappings.iter_mut().find(|m| m.name == name) {
        Some(existing) => *existing = saved,
        None => workspace.table_mappings.push(saved),
    }
}
