//! Which row is the header, which column holds which field, and how each enumeration's values
//! map to the model's: found automatically, shown with a confidence, changed by the user, saved
//! in the workspace under a name and offered again when a sheet with the same headers comes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::schema::{header_matches, Confidence, Field, FieldType, SheetKind};
use super::table::{Cell, Table};
use super::values::{cell_text, date_order_of_column, name_key, DateOrder};
use super::ReadChoices;

/// How many rows from the top the header row is looked for in.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// What to do with rows that name a rep, a region, an account, an HCP or a product the
/// workspace does not have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownReferences {
    /// Create the missing records (counted in the preview).
    #[default]
    Create,
    /// Skip the rows (listed in the report).
    Skip,
}

/// What to do with rows that have a problem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemRows {
    /// Import the good rows, skip the others (listed in the report and its CSV).
    #[default]
    Skip,
    /// Import nothing while any row has a problem.
    StopAll,
}

/// Everything needed to read one sheet the same way again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetMapping {
    pub kind: Option<SheetKind>,
    /// The header row, 0-based.
    pub header_row: usize,
    /// Field → column (0-based).
    #[serde(default)]
    pub columns: BTreeMap<Field, usize>,
    /// Per enumeration field: a cell's value (as cleaned) → the key of the model's value, or
    /// [`NEW_CHANNEL`] for a channel the workspace should get.
    #[serde(default)]
    pub values: BTreeMap<Field, BTreeMap<String, String>>,
    /// The day/month order of dates such as `3/4/2025`, asked once per sheet when its values do
    /// not tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    /// The text encoding and delimiter of a CSV file, when the user chose them.
    #[serde(default)]
    pub text: ReadChoices,
    #[serde(default)]
    pub unknown_references: UnknownReferences,
    #[serde(default)]
    pub problem_rows: ProblemRows,
}

/// The value-map target that adds a channel named after the sheet's value.
pub const NEW_CHANNEL: &str = "new_channel";

/// A mapping saved in the workspace, offered for sheets with the same headers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedMapping {
    pub name: String,
    /// The sheet's headers as [`header_signature`] writes them.
    pub headers: String,
    pub mapping: SheetMapping,
}

/// The headers of a row as one comparable text: each header's name key, joined by `|`.
pub fn header_signature(table: &Table, header_row: usize) -> String {
    table
        .row(header_row)
        .cells()
        .map(|cell| cell_text(&cell).map(|t| name_key(&t)).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

/// The saved mapping for a sheet with these headers, if one was saved.
pub fn saved_mapping_for<'a>(saved: &'a [SavedMapping], table: &Table) -> Option<&'a SavedMapping> {
    saved.iter().find(|saved| {
        saved.mapping.header_row < table.row_count()
            && header_signature(table, saved.mapping.header_row) == saved.headers
    })
}

/// The header row: the first of the top 20 rows whose non-empty cells are mostly text and
/// that fills at least half of the sheet's width (a title above the table, or merged header
/// cells spanning a group of columns, fill less). Row 0 when none does.
pub fn find_header_row(table: &Table) -> usize {
    let width = table
        .rows()
        .take(HEADER_SEARCH_ROWS * 2)
        .map(|row| row.cells().filter(|c| !c.is_blank()).count())
        .max()
        .unwrap_or(0);
    (0..table.row_count().min(HEADER_SEARCH_ROWS))
        .find(|&index| {
            let row = table.row(index);
            let filled = row.cells().filter(|c| !c.is_blank()).count();
            let texts = row
                .cells()
                .filter(|c| matches!(c, Cell::Text(t) if !Cell::Text(t).is_blank()))
                .count();
            filled >= 2 && filled * 2 >= width && texts * 10 >= filled * 8
        })
        .unwrap_or(0)
}

/// The header of each column (empty for a column without one).
pub fn headers(table: &Table, header_row: usize) -> Vec<String> {
    let row = table.row(header_row);
    (0..table.width())
        .map(|column| cell_text(&row.cell(column)).unwrap_or_default())
        .collect()
}

/// The automatic mapping of a sheet, with how sure each match is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MappingProposal {
    pub mapping: SheetMapping,
    pub confidence: BTreeMap<Field, Confidence>,
}

/// Matches columns to the fields of `kind` by their headers: exact names first, then headers
/// that contain a name; each column is used once, each field once, in template order.
pub fn propose_columns(
    headers: &[String],
    kind: SheetKind,
) -> (BTreeMap<Field, usize>, BTreeMap<Field, Confidence>) {
    let mut columns = BTreeMap::new();
    let mut confidence = BTreeMap::new();
    let mut used = vec![false; headers.len()];
    for wanted in [Confidence::Exact, Confidence::Likely] {
        for &field in kind.fields() {
            if columns.contains_key(&field) {
                continue;
            }
            let found = headers.iter().enumerate().find(|(column, header)| {
                !used[*column] && header_matches(header, field) == Some(wanted)
            });
            if let Some((column, _)) = found {
                used[column] = true;
                columns.insert(field, column);
                confidence.insert(field, wanted);
            }
        }
    }
    (columns, confidence)
}

/// How well the headers fit each kind: exact matches count 3, likely ones 2, and a kind whose
/// required fields are all found gets 10 more.
pub fn kind_scores(headers: &[String]) -> Vec<(SheetKind, u32)> {
    SheetKind::ALL
        .into_iter()
        .map(|kind| {
            let (columns, confidence) = propose_columns(headers, kind);
            let mut score: u32 = confidence
                .values()
                .map(|c| match c {
                    Confidence::Exact => 3,
                    Confidence::Likely => 2,
                })
                .sum();
            if missing_required(kind, &columns).is_empty() {
                score += 10;
            }
            (kind, score)
        })
        .collect()
}

/// The kind the headers fit best (ties: the earlier kind of [`SheetKind::ALL`]).
pub fn guess_kind(headers: &[String]) -> SheetKind {
    let scores = kind_scores(headers);
    let best = scores.iter().map(|(_, score)| *score).max().unwrap_or(0);
    scores
        .into_iter()
        .find(|(_, score)| *score == best)
        .map(|(kind, _)| kind)
        .unwrap_or(SheetKind::Interactions)
}

/// The required groups of `kind` with no field mapped.
pub fn missing_required(
    kind: SheetKind,
    columns: &BTreeMap<Field, usize>,
) -> Vec<&'static [Field]> {
    kind.required()
        .iter()
        .copied()
        .filter(|group| !group.iter().any(|field| columns.contains_key(field)))
        .collect()
}

/// Columns mapped to more than one field: (column, the fields).
pub fn columns_mapped_twice(columns: &BTreeMap<Field, usize>) -> Vec<(usize, Vec<Field>)> {
    let mut by_column: BTreeMap<usize, Vec<Field>> = BTreeMap::new();
    for (&field, &column) in columns {
        by_column.entry(column).or_default().push(field);
    }
    by_column
        .into_iter()
        .filter(|(_, fields)| fields.len() > 1)
        .collect()
}

/// The distinct values of a column below the header, with how often each occurs, most frequent
/// first (ties by value), at most `limit`.
pub fn distinct_values(
    table: &Table,
    header_row: usize,
    column: usize,
    limit: usize,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in table.rows().skip(header_row + 1) {
        if let Some(text) = cell_text(&row.cell(column)) {
            *counts.entry(text).or_default() += 1;
        }
    }
    let mut values: Vec<(String, usize)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(limit);
    values
}

/// The values each enumeration column holds, mapped by their words ([`super::schema::Term`]);
/// a value no word fits maps to nothing (the user chooses, or — for a channel — adds it).
pub fn propose_values(
    table: &Table,
    header_row: usize,
    columns: &BTreeMap<Field, usize>,
) -> BTreeMap<Field, BTreeMap<String, String>> {
    let mut values = BTreeMap::new();
    for (&field, &column) in columns {
        let FieldType::Enum(vocabulary) = field.field_type() else {
            continue;
        };
        let map: BTreeMap<String, String> = distinct_values(table, header_row, column, usize::MAX)
            .into_iter()
            .filter_map(|(value, _)| Some((value.clone(), vocabulary.term_for(&value)?.key())))
            .collect();
        values.insert(field, map);
    }
    values
}

/// The whole automatic proposal for a sheet: header row, kind (unless given), columns, values
/// and the date order when the dates tell it.
pub fn propose_mapping(table: &Table, kind: Option<SheetKind>) -> MappingProposal {
    let header_row = find_header_row(table);
    let headers = headers(table, header_row);
    let kind = kind.unwrap_or_else(|| guess_kind(&headers));
    let (columns, confidence) = propose_columns(&headers, kind);
    let values = propose_values(table, header_row, &columns);
    let date_order = [Field::Date, Field::Month]
        .iter()
        .filter_map(|field| columns.get(field))
        .find_map(|&column| {
            date_order_of_column(
                table
                    .rows()
                    .skip(header_row + 1)
                    .map(|row| row.cell(column)),
            )
            .ok()
            .flatten()
        });
    MappingProposal {
        mapping: SheetMapping {
            kind: Some(kind),
            header_row,
            columns,
            values,
            date_order,
            ..SheetMapping::default()
        },
        confidence,
    }
}
