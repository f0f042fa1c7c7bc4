//! Checks a parsed workspace: ids unique and non-empty, references resolvable, counts not negative.
//!
//! Problems name the path as it is in the file (`interactions[12].hcp_id`). An exact copy of an
//! earlier record is not a problem: it is safe to drop, and the import reports it as a repair
//! (interactions, which have no id, are compared whole by the import's restore step).

use std::collections::HashSet;

pub use super::checks::ValidationReport;
use super::checks::{check_ids, check_inner_ids, check_not_negative, check_reference};
use super::errors::Problem;
use crate::domain::model::Workspace;

pub fn validate_workspace(workspace: &Workspace) -> ValidationReport {
    let mut report = ValidationReport::default();
    let products = check_ids(&mut report, "products", &workspace.products, |r| {
        r.id.as_str()
    });
    let channels = check_ids(&mut report, "channels", &workspace.channels, |r| {
        r.id.as_str()
    });
    let regions = check_ids(&mut report, "regions", &workspace.regions, |r| {
        r.id.as_str()
    });
    let territories = check_ids(&mut report, "territories", &workspace.territories, |r| {
        r.id.as_str()
    });
    let reps = check_ids(&mut report, "reps", &workspace.reps, |r| r.id.as_str());
    let accounts = check_ids(&mut report, "accounts", &workspace.accounts, |r| {
        r.id.as_str()
    });
    let hcps = check_ids(&mut report, "hcps", &workspace.hcps, |r| r.id.as_str());
    validate_settings(&mut report, &workspace.settings);

    for (index, territory) in workspace.territories.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("territories[{index}].region_id"),
            &regions,
            "region",
            &territory.region_id,
        );
    }
    for (index, rep) in workspace.reps.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("reps[{index}].region_id"),
            &regions,
            "region",
            &rep.region_id,
        );
        if let Some(territory) = &rep.territory_id {
            check_reference(
                &mut report,
                || format!("reps[{index}].territory_id"),
                &territories,
                "territory",
                territory,
            );
        }
    }
    for (index, account) in workspace.accounts.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("accounts[{index}].region_id"),
            &regions,
            "region",
            &account.region_id,
        );
        if let Some(territory) = &account.territory_id {
            check_reference(
                &mut report,
                || format!("accounts[{index}].territory_id"),
                &territories,
                "territory",
                territory,
            );
        }
    }
    for (index, hcp) in workspace.hcps.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("hcps[{index}].account_id"),
            &accounts,
            "account",
            &hcp.account_id,
        );
        if let Some(channel) = &hcp.preferred_channel_id {
            check_reference(
                &mut report,
                || format!("hcps[{index}].preferred_channel_id"),
                &channels,
                "channel",
                channel,
            );
        }
        check_not_negative(
            &mut report,
            || format!("hcps[{index}].prescribing_potential"),
            hcp.prescribing_potential as f64,
        );
    }
    for (index, interaction) in workspace.interactions.iter().enumerate() {
        check_reference(
            &mut report,
            || format!("interactions[{index}].hcp_id"),
            &hcps,
            "HCP",
            &interaction.hcp_id,
        );
        check_reference(
            &mut report,
            || format!("interactions[{index}].channel_id"),
            &channels,
            "channel",
            &interaction.channel_id,
        );
        if let Some(rep) = &interaction.rep_id {
            check_reference(
                &mut report,
                || format!("interactions[{index}].rep_id"),
                &reps,
                "rep",
                rep,
            );
        }
        if let Some(product) = &interaction.product_id {
            check_reference(
                &mut report,
                || format!("interactions[{index}].product_id"),
                &products,
                "product",
                product,
            );
        }
    }
    for (index, prescription) in workspace.prescriptions.iter().enumerate() {
        match (&prescription.hcp_id, &prescription.account_id) {
            (None, None) => report.push(format!("prescriptions[{index}]"), Problem::NoHcpOrAccount),
            (hcp, account) => {
                if let Some(hcp) = hcp {
                    check_reference(
                        &mut report,
                        || format!("prescriptions[{index}].hcp_id"),
                        &hcps,
                        "HCP",
                        hcp,
                    );
                }
                if let Some(account) = account {
                    check_reference(
                        &mut report,
                        || format!("prescriptions[{index}].account_id"),
                        &accounts,
                        "account",
                        account,
                    );
                }
            }
        }
        check_reference(
            &mut report,
            || format!("prescriptions[{index}].product_id"),
            &products,
            "product",
            &prescription.product_id,
        );
        check_not_negative(
            &mut report,
            || format!("prescriptions[{index}].units"),
            prescription.units as f64,
        );
        check_not_negative(
            &mut report,
            || format!("prescriptions[{index}].value"),
            prescription.value,
        );
    }
    for (index, target) in workspace.targets.iter().enumerate() {
        if let Some(rep) = &target.rep_id {
            check_reference(
                &mut report,
                || format!("targets[{index}].rep_id"),
                &reps,
                "rep",
                rep,
            );
        }
        if let Some(region) = &target.region_id {
            check_reference(
                &mut report,
                || format!("targets[{index}].region_id"),
                &regions,
                "region",
                region,
            );
        }
        if let Some(territory) = &target.territory_id {
            check_reference(
                &mut report,
                || format!("targets[{index}].territory_id"),
                &territories,
                "territory",
                territory,
            );
        }
        if let Some(account) = &target.account_id {
            check_reference(
                &mut report,
                || format!("targets[{index}].account_id"),
                &accounts,
                "account",
                account,
            );
        }
        check_reference(
            &mut report,
            || format!("targets[{index}].product_id"),
            &products,
            "product",
            &target.product_id,
        );
        check_not_negative(
            &mut report,
            || format!("targets[{index}].units"),
            target.units as f64,
        );
        check_not_negative(
            &mut report,
            || format!("targets[{index}].value"),
            target.value,
        );
    }
    validate_sources(&mut report, workspace);
    validate_funnels(&mut report, workspace, &channels, &products);
    validate_segment_rule_sets(&mut report, workspace, &channels, &regions);
    super::validate_journeys::validate_journeys(&mut report, workspace, &channels);
    super::validate_plans::validate_plans(&mut report, workspace, &channels, &reps, &hcps);
    report
}

/// Merged files: numbers unique, and every record's `source` one of them.
fn validate_sources(report: &mut ValidationReport, workspace: &Workspace) {
    let mut numbers = HashSet::new();
    for (index, source) in workspace.sources.iter().enumerate() {
        if !numbers.insert(source.number.to_string()) {
            report.push(
                format!("sources[{index}].number"),
                Problem::DuplicateId {
                    id: source.number.to_string(),
                    first_path: format!(
                        "sources[{}]",
                        workspace
                            .sources
                            .iter()
                            .position(|s| s.number == source.number)
                            .unwrap_or(0)
                    ),
                },
            );
        }
    }
    let known: HashSet<&str> = numbers.iter().map(String::as_str).collect();
    macro_rules! check {
        ($list:literal, $field:ident) => {
            for (index, record) in workspace.$field.iter().enumerate() {
                if let Some(number) = record.source {
                    let number = number.to_string();
                    check_reference(
                        report,
                        || format!(concat!($list, "[{}].source"), index),
                        &known,
                        "merged file",
                        &number,
                    );
                }
            }
        };
    }
    crate::domain::model::for_each_record_list!(check);
}

fn validate_segment_rule_sets(
    report: &mut ValidationReport,
    workspace: &Workspace,
    channels: &HashSet<&str>,
    regions: &HashSet<&str>,
) {
    use crate::domain::segmentation::Condition;
    check_ids(
        report,
        "segment_rule_sets",
        &workspace.segment_rule_sets,
        |r| r.id.as_str(),
    );
    for (index, rule_set) in workspace.segment_rule_sets.iter().enumerate() {
        let path = format!("segment_rule_sets[{index}]");
        let segment_ids = check_inner_ids(
            report,
            &format!("{path}.segments"),
            &rule_set.segments,
            |segment| segment.id.as_str(),
        );
        if let Some(fallback) = &rule_set.fallback_segment_id {
            check_reference(
                report,
                || format!("{path}.fallback_segment_id"),
                &segment_ids,
                "segment",
                fallback,
            );
        }
        for (rule_index, rule) in rule_set.rules.iter().enumerate() {
            let rule_path = format!("{path}.rules[{rule_index}]");
            check_reference(
                report,
                || format!("{rule_path}.segment_id"),
                &segment_ids,
                "segment",
                &rule.segment_id,
            );
            for (position, condition) in rule.conditions.iter().enumerate() {
                let condition_path = format!("{rule_path}.conditions[{position}]");
                if let Some((min, max)) = condition.range() {
                    if let (Some(min), Some(max)) = (min, max) {
                        if min > max {
                            report.push(format!("{condition_path}.max"), Problem::NumberOutOfRange);
                        }
                    }
                    if let Condition::VolumeDecile { min, max } = condition {
                        for (name, value) in [("min", min), ("max", max)] {
                            if value.is_some_and(|v| !(1..=10).contains(&v)) {
                                report.push(
                                    format!("{condition_path}.{name}"),
                                    Problem::NumberOutOfRange,
                                );
                            }
                        }
                    }
                }
                let (known, kind, ids): (&HashSet<&str>, &'static str, &[String]) = match condition
                {
                    Condition::Region { any_of } => (regions, "region", any_of),
                    Condition::DeclaredChannel { any_of }
                    | Condition::DerivedChannel { any_of } => (channels, "channel", any_of),
                    _ => continue,
                };
                for (id_position, id) in ids.iter().enumerate() {
                    check_reference(
                        report,
                        || format!("{condition_path}.any_of[{id_position}]"),
                        known,
                        kind,
                        id,
                    );
                }
            }
        }
    }
}

fn validate_funnels(
    report: &mut ValidationReport,
    workspace: &Workspace,
    channels: &HashSet<&str>,
    products: &HashSet<&str>,
) {
    use crate::domain::funnel::{StepCondition, MAX_STEPS, MIN_STEPS};
    check_ids(report, "funnels", &workspace.funnels, |f| f.id.as_str());
    for (index, funnel) in workspace.funnels.iter().enumerate() {
        let count = funnel.steps.len();
        if !(MIN_STEPS..=MAX_STEPS).contains(&count) {
            report.push(
                format!("funnels[{index}].steps"),
                Problem::FunnelStepCount { count },
            );
        }
        if funnel.window.amount == 0 {
            report.push(
                format!("funnels[{index}].window.amount"),
                Problem::NumberOutOfRange,
            );
        }
        if let Some(period) = &funnel.period {
            if period.to < period.from {
                report.push(format!("funnels[{index}].period"), Problem::PeriodReversed);
            }
        }
        if let Some(counts) = &funnel.manual_counts {
            match crate::domain::funnel::check_manual_counts(count, counts) {
                Ok(()) => {}
                Err(crate::domain::funnel::ManualCountsProblem::WrongLength { steps, counts }) => {
                    report.push(
                        format!("funnels[{index}].manual_counts"),
                        Problem::ManualCountLength { steps, counts },
                    )
                }
                Err(crate::domain::funnel::ManualCountsProblem::Increases { step }) => report.push(
                    format!("funnels[{index}].manual_counts[{step}]"),
                    Problem::ManualCountIncreases { step },
                ),
            }
        }
        for (step_index, step) in funnel.steps.iter().enumerate() {
            let path = format!("funnels[{index}].steps[{step_index}].condition");
            let (channel_ids, product_ids): (&[String], &[String]) = match &step.condition {
                StepCondition::Interaction {
                    channel_ids,
                    product_ids,
                    ..
                } => (channel_ids, product_ids),
                StepCondition::FirstPrescription { product_ids } => (&[], product_ids),
                StepCondition::Prescriptions {
                    product_ids,
                    months,
                    within_months,
                } => {
                    if *months == 0 || within_months < months {
                        report.push(format!("{path}.within_months"), Problem::NumberOutOfRange);
                    }
                    (&[], product_ids)
                }
            };
            for (position, id) in channel_ids.iter().enumerate() {
                check_reference(
                    report,
                    || format!("{path}.channel_ids[{position}]"),
                    channels,
                    "channel",
                    id,
                );
            }
            for (position, id) in product_ids.iter().enumerate() {
                check_reference(
                    report,
                    || format!("{path}.product_ids[{position}]"),
                    products,
                    "product",
                    id,
                );
            }
        }
    }
}

/// The working-day calendar and the Performance page's thresholds: weekend days are ISO weekday
/// numbers, percentages are finite and between 0 and 1,000 with "at risk" not above "on track".
fn validate_settings(
    report: &mut ValidationReport,
    settings: &crate::domain::model::WorkspaceSettings,
) {
    for (index, day) in settings.calendar.weekend.iter().enumerate() {
        if !(1..=7).contains(day) {
            report.push(
                format!("settings.calendar.weekend[{index}]"),
                Problem::NumberOutOfRange,
            );
        }
    }
    let performance = &settings.performance;
    let percent = |value: f64| value.is_finite() && (0.0..=1_000.0).contains(&value);
    if !percent(performance.on_track_percent) {
        report.push(
            "settings.performance.on_track_percent".to_string(),
            Problem::NumberOutOfRange,
        );
    }
    if !percent(performance.at_risk_percent)
        || performance.at_risk_percent > performance.on_track_percent
    {
        report.push(
            "settings.performance.at_risk_percent".to_string(),
            Problem::NumberOutOfRange,
        );
    }
    let frequency = performance.key_customer_contacts_per_month;
    if !frequency.is_finite() || !(0.0..=1_000.0).contains(&frequency) {
        report.push(
            "settings.performance.key_customer_contacts_per_month".to_string(),
            Problem::NumberOutOfRange,
        );
    }
}
