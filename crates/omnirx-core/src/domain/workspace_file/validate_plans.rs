//! Checks the saved plans of a parsed workspace: ids, the reps, HCPs and channels their rows name, one cell per channel, numbers finite and not negative.

use std::collections::HashSet;

use super::checks::{check_ids, check_reference, ValidationReport};
use super::errors::Problem;
use crate::domain::model::Workspace;
use crate::domain::planning::saved_plan::SavedPlan;
use crate::domain::planning::Optimality;

/// A figure of a plan: a finite number that is not negative.
fn check_amount(report: &mut ValidationReport, path: impl FnOnce() -> String, value: f64) {
    if !value.is_finite() {
        report.push(path(), Problem::NumberOutOfRange);
    } else if value < 0.0 {
        report.push(
            path(),
            Problem::Negative {
                value: value.to_string(),
            },
        );
    }
}

/// A list that must have one entry per planned channel: too many, or the first missing one.
fn check_per_channel(
    report: &mut ValidationReport,
    path: &str,
    field: &str,
    found: usize,
    channels: usize,
) {
    if found > channels {
        report.push(
            format!("{path}.{field}"),
            Problem::TooMany {
                limit: channels,
                count: found,
            },
        );
    } else if found < channels {
        report.push(
            path.to_string(),
            Problem::MissingField {
                field: format!("{field}[{found}]"),
            },
        );
    }
}

pub(super) fn validate_plans(
    report: &mut ValidationReport,
    workspace: &Workspace,
    channels: &HashSet<&str>,
    reps: &HashSet<&str>,
    hcps: &HashSet<&str>,
) {
    check_ids(report, "plans", &workspace.plans, |plan| plan.id.as_str());
    for (index, saved) in workspace.plans.iter().enumerate() {
        validate_plan(
            report,
            &format!("plans[{index}]"),
            saved,
            channels,
            reps,
            hcps,
        );
    }
}

fn validate_plan(
    report: &mut ValidationReport,
    path: &str,
    saved: &SavedPlan,
    channels: &HashSet<&str>,
    reps: &HashSet<&str>,
    hcps: &HashSet<&str>,
) {
    if let Some(rep) = &saved.options.rep_id {
        check_reference(
            report,
            || format!("{path}.options.rep_id"),
            reps,
            "rep",
            rep,
        );
    }
    check_amount(report, || format!("{path}.saved_at_ms"), saved.saved_at_ms);
    let plan = &saved.plan;
    let path = format!("{path}.plan");
    let k = plan.channels.len();
    for (index, channel) in plan.channels.iter().enumerate() {
        check_reference(
            report,
            || format!("{path}.channels[{index}].channel_id"),
            channels,
            "channel",
            &channel.channel_id,
        );
        check_amount(
            report,
            || format!("{path}.channels[{index}].visit_slot_cost"),
            channel.visit_slot_cost,
        );
    }
    for (index, rep) in plan.reps.iter().enumerate() {
        let rep_path = format!("{path}.reps[{index}]");
        check_reference(
            report,
            || format!("{rep_path}.rep_id"),
            reps,
            "rep",
            &rep.rep_id,
        );
        for (name, value) in [
            ("visit_slots_per_day", Some(rep.visit_slots_per_day)),
            ("visit_slots", Some(rep.visit_slots)),
            ("visit_slots_planned", Some(rep.visit_slots_planned)),
            ("visit_slot_utilisation", rep.visit_slot_utilisation),
            ("expected_uplift", Some(rep.expected_uplift)),
        ] {
            if let Some(value) = value {
                check_amount(report, || format!("{rep_path}.{name}"), value);
            }
        }
        if let Optimality::WithinOneContact { bound } = rep.optimality {
            check_amount(report, || format!("{rep_path}.optimality.bound"), bound);
        }
        check_per_channel(report, &rep_path, "channels", rep.channels.len(), k);
        for (slot, load) in rep.channels.iter().enumerate() {
            check_reference(
                report,
                || format!("{rep_path}.channels[{slot}].channel_id"),
                channels,
                "channel",
                &load.channel_id,
            );
            if let Some(utilisation) = load.utilisation {
                check_amount(
                    report,
                    || format!("{rep_path}.channels[{slot}].utilisation"),
                    utilisation,
                );
            }
        }
    }
    for (index, row) in plan.rows.iter().enumerate() {
        let row_path = format!("{path}.rows[{index}]");
        check_reference(
            report,
            || format!("{row_path}.hcp_id"),
            hcps,
            "HCP",
            &row.hcp_id,
        );
        check_reference(
            report,
            || format!("{row_path}.rep_id"),
            reps,
            "rep",
            &row.rep_id,
        );
        check_amount(
            report,
            || format!("{row_path}.potential"),
            row.potential as f64,
        );
        check_amount(report, || format!("{row_path}.weight"), row.weight);
        check_amount(
            report,
            || format!("{row_path}.expected_uplift"),
            row.expected_uplift,
        );
        check_per_channel(report, &row_path, "cells", row.cells.len(), k);
        for (slot, cell) in row.cells.iter().enumerate() {
            let cell_path = || format!("{row_path}.cells[{slot}]");
            check_amount(
                report,
                || format!("{}.gain.scale", cell_path()),
                cell.gain.scale,
            );
            check_amount(
                report,
                || format!("{}.gain.rate", cell_path()),
                cell.gain.rate,
            );
            check_amount(
                report,
                || format!("{}.next_gain", cell_path()),
                cell.next_gain,
            );
            if let Some(last_gain) = cell.last_gain {
                check_amount(report, || format!("{}.last_gain", cell_path()), last_gain);
            }
        }
    }
    check_amount(
        report,
        || format!("{path}.expected_uplift"),
        plan.expected_uplift,
    );
}
