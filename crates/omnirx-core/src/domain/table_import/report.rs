//! The data-quality report of one sheet, built before anything is written: per column how many
//! cells are filled, valid and invalid (with the first rows and why), per cause how many rows
//! have it, a score, and every problem row for the CSV the user fixes in Excel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::schema::Field;
use super::values::ValueProblem;

/// How many invalid rows each column lists by value (the CSV has them all).
pub const FIRST_ROWS: usize = 5;

/// Whether a problem keeps the row out or only warns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row is imported; the report lists it.
    Warning,
    /// The row is skipped (or, when the user chose so, nothing is imported).
    Error,
}

/// One thing wrong with a row. `row` numbers are the sheet's own (the header row included,
/// from 1), as the user sees them in Excel.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Issue {
    /// A cell that cannot be read as its field.
    Invalid { field: Field, problem: ValueProblem },
    /// A cell of a required field is empty.
    Missing { field: Field },
    /// The same cells as an earlier row.
    DuplicateRow { first_row: usize },
    /// An interaction or sale the workspace already has (same HCP, time, channel and kind /
    /// same HCP or account, month and product).
    AlreadyPresent,
    /// An HCP with the same name in the same account as another one (row or workspace).
    LikelyDuplicateHcp { name: String, other: String },
    /// A date before 1900, after 2199, or outside the workspace's months.
    OutsideWorkspaceRange { field: Field },
    /// A date after today.
    InTheFuture { field: Field },
    /// A reference to a record the workspace does not have; created when the user chose so.
    UnknownReference {
        field: Field,
        value: String,
        created: bool,
    },
    /// A name that several records have.
    AmbiguousReference {
        field: Field,
        value: String,
        candidates: usize,
    },
    /// A row with more cells than the header row has columns.
    RaggedRow { cells: usize, columns: usize },
    /// A formula-like text (`=HYPERLINK(…)`), kept as text and never evaluated.
    FormulaText { field: Field },
}

impl Issue {
    pub fn severity(&self) -> Severity {
        match self {
            Issue::Invalid { .. }
            | Issue::Missing { .. }
            | Issue::DuplicateRow { .. }
            | Issue::AlreadyPresent
            | Issue::AmbiguousReference { .. } => Severity::Error,
            Issue::UnknownReference { created, .. } => {
                if *created {
                    Severity::Warning
                } else {
                    Severity::Error
                }
            }
            Issue::LikelyDuplicateHcp { .. }
            | Issue::OutsideWorkspaceRange { .. }
            | Issue::InTheFuture { .. }
            | Issue::RaggedRow { .. }
            | Issue::FormulaText { .. } => Severity::Warning,
        }
    }

    /// The column an issue is about, when it is about one.
    pub fn field(&self) -> Option<Field> {
        match self {
            Issue::Invalid { field, .. }
            | Issue::Missing { field }
            | Issue::OutsideWorkspaceRange { field }
            | Issue::InTheFuture { field }
            | Issue::UnknownReference { field, .. }
            | Issue::AmbiguousReference { field, .. }
            | Issue::FormulaText { field } => Some(*field),
            _ => None,
        }
    }

    /// The cause without its row-specific values, for grouping (`Invalid date: not a date`).
    pub fn cause(&self) -> Issue {
        match self {
            Issue::DuplicateRow { .. } => Issue::DuplicateRow { first_row: 0 },
            Issue::LikelyDuplicateHcp { .. } => Issue::LikelyDuplicateHcp {
                name: String::new(),
                other: String::new(),
            },
            Issue::UnknownReference { field, created, .. } => Issue::UnknownReference {
                field: *field,
                value: String::new(),
                created: *created,
            },
            Issue::AmbiguousReference { field, .. } => Issue::AmbiguousReference {
                field: *field,
                value: String::new(),
                candidates: 0,
            },
            Issue::RaggedRow { .. } => Issue::RaggedRow {
                cells: 0,
                columns: 0,
            },
            Issue::Invalid {
                field,
                problem: ValueProblem::CellError { .. },
            } => Issue::Invalid {
                field: *field,
                problem: ValueProblem::CellError {
                    error: String::new(),
                },
            },
            Issue::Invalid {
                field,
                problem: ValueProblem::DateOutOfRange { .. },
            } => Issue::Invalid {
                field: *field,
                problem: ValueProblem::DateOutOfRange { year: 0 },
            },
            Issue::Invalid {
                field,
                problem: ValueProblem::AmbiguousReference { .. },
            } => Issue::Invalid {
                field: *field,
                problem: ValueProblem::AmbiguousReference { candidates: 0 },
            },
            other => other.clone(),
        }
    }
}

/// A row's issues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowIssues {
    /// The sheet's row number (from 1, header rows counted).
    pub row: usize,
    pub issues: Vec<Issue>,
}

impl RowIssues {
    pub fn severity(&self) -> Option<Severity> {
        self.issues.iter().map(Issue::severity).max()
    }
}

/// One column's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnReport {
    /// 0-based column.
    pub column: usize,
    pub header: String,
    pub field: Option<Field>,
    pub filled: usize,
    pub valid: usize,
    pub invalid: usize,
    /// The first invalid cells: (row, the cell as text, the problem).
    pub first_invalid: Vec<(usize, String, ValueProblem)>,
}

/// How many rows one cause touches, and the first of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseCount {
    pub cause: Issue,
    pub severity: Severity,
    pub rows: usize,
    pub first_rows: Vec<usize>,
}

/// The report of one sheet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Data rows (below the header, blank rows not counted).
    pub rows: usize,
    pub rows_with_errors: usize,
    pub rows_with_warnings_only: usize,
    /// 100 for a clean sheet: the share of rows without errors, a row with only warnings
    /// counting half.
    pub score: u8,
    pub columns: Vec<ColumnReport>,
    /// Causes, errors first, then by how many rows they touch.
    pub causes: Vec<CauseCount>,
    /// Every row with an issue, in sheet order.
    pub problem_rows: Vec<RowIssues>,
}

impl QualityReport {
    /// Builds the summary figures from the rows' issues.
    pub fn finish(&mut self) {
        self.problem_rows.sort_by_key(|row| row.row);
        self.rows_with_errors = self
            .problem_rows
            .iter()
            .filter(|row| row.severity() == Some(Severity::Error))
            .count();
        self.rows_with_warnings_only = self
            .problem_rows
            .iter()
            .filter(|row| row.severity() == Some(Severity::Warning))
            .count();
        self.score = if self.rows == 0 {
            0
        } else {
            let good = self.rows as f64
                - self.rows_with_errors as f64
                - 0.5 * self.rows_with_warnings_only as f64;
            (100.0 * good / self.rows as f64).round().clamp(0.0, 100.0) as u8
        };
        let mut causes: BTreeMap<Issue, (usize, Vec<usize>)> = BTreeMap::new();
        for row in &self.problem_rows {
            let mut seen = Vec::new();
            for issue in &row.issues {
                let cause = issue.cause();
                if seen.contains(&cause) {
                    continue;
                }
                seen.push(cause.clone());
                let entry = causes.entry(cause).or_default();
                entry.0 += 1;
                if entry.1.len() < FIRST_ROWS {
                    entry.1.push(row.row);
                }
            }
        }
        self.causes = causes
            .into_iter()
            .map(|(cause, (rows, first_rows))| CauseCount {
                severity: cause.severity(),
                cause,
                rows,
                first_rows,
            })
            .collect();
        self.causes
            .sort_by(|a, b| b.severity.cmp(&a.severity).then(b.rows.cmp(&a.rows)));
    }

    /// Whether any row will be skipped.
    pub fn has_errors(&self) -> bool {
        self.rows_with_errors > 0
    }
}
