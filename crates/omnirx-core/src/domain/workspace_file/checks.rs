//! The checks every part of validation shares: the report they add to, unique ids, references
//! that resolve, counts that are not negative. `validate` (the workspace's records and analyses)
//! and `validate_journeys` (the journey maps) both use them; neither uses the other's.

use std::collections::{HashMap, HashSet};

use super::errors::{FieldProblem, Problem};
use super::MAX_REPORTED_PROBLEMS;

/// What validation found.
#[derive(Debug, Default, PartialEq)]
pub struct ValidationReport {
    pub problems: Vec<FieldProblem>,
    /// Problems found beyond [`MAX_REPORTED_PROBLEMS`].
    pub more: usize,
    /// Exact copies to drop: (list name, index in the file, id).
    pub exact_copies: Vec<(&'static str, usize, String)>,
}

impl ValidationReport {
    pub(super) fn push(&mut self, path: String, problem: Problem) {
        if self.problems.len() < MAX_REPORTED_PROBLEMS {
            self.problems.push(FieldProblem {
                path,
                problem: problem.with_values_shortened(),
            });
        } else {
            self.more += 1;
        }
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty() && self.more == 0
    }
}

/// Checks the ids of one list; returns the set of ids for reference checks.
pub(super) fn check_ids<'a, T: PartialEq>(
    report: &mut ValidationReport,
    list: &'static str,
    records: &'a [T],
    id_of: impl Fn(&'a T) -> &'a str,
) -> HashSet<&'a str> {
    let mut first_index: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        let id = id_of(record);
        if id.trim().is_empty() {
            report.push(format!("{list}[{index}].id"), Problem::EmptyId);
            continue;
        }
        match first_index.get(id) {
            None => {
                first_index.insert(id, index);
            }
            Some(&first) if records[first] == *record => {
                report.exact_copies.push((list, index, id.to_string()));
            }
            Some(&first) => report.push(
                format!("{list}[{index}].id"),
                Problem::DuplicateId {
                    id: id.to_string(),
                    first_path: format!("{list}[{first}]"),
                },
            ),
        }
    }
    first_index.into_keys().collect()
}

/// Checks the ids of a list inside one record (`segment_rule_sets[0].segments`): present and
/// unique within the list, a duplicate naming the first. Returns the ids for reference checks.
pub(super) fn check_inner_ids<'a, T>(
    report: &mut ValidationReport,
    list_path: &str,
    records: &'a [T],
    id_of: impl Fn(&'a T) -> &'a str,
) -> HashSet<&'a str> {
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        let id = id_of(record);
        if id.trim().is_empty() {
            report.push(format!("{list_path}[{index}].id"), Problem::EmptyId);
        } else if let Some(&first) = first_index.get(id) {
            report.push(
                format!("{list_path}[{index}].id"),
                Problem::DuplicateId {
                    id: id.to_string(),
                    first_path: format!("{list_path}[{first}]"),
                },
            );
        } else {
            first_index.insert(id, index);
        }
    }
    first_index.into_keys().collect()
}

pub(super) fn check_reference(
    report: &mut ValidationReport,
    path: impl FnOnce() -> String,
    known: &HashSet<&str>,
    kind: &'static str,
    id: &str,
) {
    if !known.contains(id) {
        report.push(
            path(),
            Problem::UnknownReference {
                kind,
                id: id.to_string(),
            },
        );
    }
}

pub(super) fn check_not_negative(
    report: &mut ValidationReport,
    path: impl FnOnce() -> String,
    value: f64,
) {
    if value < 0.0 {
        report.push(
            path(),
            Problem::Negative {
                value: value.to_string(),
            },
        );
    }
}
