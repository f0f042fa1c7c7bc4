//! `funnel` and `segments`: the analyses' numbers exactly as the app shows them.

use omnirx_core::domain::funnel::{
    funnel_report, CountingUnit, FunnelIndex, FunnelReport, Period, ReportOptions, SeriesLabel,
};
use omnirx_core::domain::segmentation::report::{
    current_profiles, segments_report_from, SegmentsReport,
};
use omnirx_core::domain::segmentation::CustomerBase;

use super::{percent, read_workspace, write_json, Out};
use crate::args::{FunnelArguments, SegmentsArguments};
use crate::Failure;

pub fn funnel(arguments: &FunnelArguments, out: &mut Out) -> Result<(), Failure> {
    let path = arguments.file.display();
    let period = match (arguments.from, arguments.to) {
        (Some(from), Some(to)) if from <= to => Some(Some(Period { from, to })),
        (Some(_), Some(_)) => return Err(Failure::Usage("--to is before --from".to_string())),
        // clap makes --from and --to go together.
        _ => None,
    };
    let outcome = read_workspace(&arguments.file)?;
    let workspace = &outcome.workspace;
    let definition = match &arguments.funnel_id {
        Some(id) => workspace.funnels.iter().find(|f| &f.id == id),
        None => workspace.funnels.first(),
    };
    let Some(definition) = definition else {
        let which = arguments
            .funnel_id
            .as_ref()
            .map_or("in the workspace".to_string(), |id| format!("{id:?}"));
        return Err(Failure::Refused(format!("{path}: no funnel {which}")));
    };
    let options = ReportOptions {
        period,
        breakdown: arguments
            .breakdown
            .map(|dimension| (dimension, arguments.attribution)),
    };
    let report = funnel_report(workspace, definition, &options).map_err(|problem| {
        Failure::Refused(format!(
            "{path}: the funnel's typed counts are unusable: {problem:?}"
        ))
    })?;
    if arguments.json {
        write_json(out, &report)
    } else {
        write_funnel_report(out, &report)
    }
}

fn days(seconds: Option<i64>) -> String {
    seconds.map_or("–".to_string(), |seconds| {
        format!("{:.1} d", seconds as f64 / 86_400.0)
    })
}

fn write_funnel_report(out: &mut Out, report: &FunnelReport) -> Result<(), Failure> {
    let summary = &report.summary;
    writeln!(out, "{} ({})", summary.funnel_name, summary.funnel_id)?;
    if let Some(end) = summary.data_end {
        writeln!(out, "data until {end}")?;
    }
    if report.counted_per_account_by_market_rules {
        writeln!(
            out,
            "counted per account: the workspace's market rules forbid prescription figures of individual HCPs (docs/compliance.md)"
        )?;
    }
    if !summary.time_zone_known {
        writeln!(
            out,
            "the workspace's time zone is not known; days are counted in UTC"
        )?;
    }
    writeln!(
        out,
        "\n  {:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "step", "count", "of prev", "of first", "dropped", "in window", "median", "p75"
    )?;
    for (index, step) in summary.steps.iter().enumerate() {
        let mark = if summary.bottleneck == Some(index) {
            "*"
        } else {
            " "
        };
        writeln!(
            out,
            "{mark} {:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            step.name,
            step.count,
            percent(step.conversion_from_previous),
            percent(step.conversion_from_first),
            step.dropped,
            step.still_in_window,
            days(step.median_seconds_from_previous),
            days(step.p75_seconds_from_previous)
        )?;
    }
    if summary.bottleneck.is_some() {
        writeln!(
            out,
            "  * bottleneck: the lowest conversion from the previous step"
        )?;
    }
    if let Some(breakdown) = &report.breakdown {
        writeln!(
            out,
            "\nby {} ({})",
            breakdown.dimension.key(),
            breakdown.attribution.key()
        )?;
        for series in &breakdown.series {
            let label = match &series.label {
                SeriesLabel::Named(name) => name.clone(),
                SeriesLabel::Missing => "(none)".to_string(),
                SeriesLabel::Other => "(other)".to_string(),
            };
            let counts: Vec<String> = series.counts.iter().map(u64::to_string).collect();
            writeln!(out, "  {label:<28} {}", counts.join(" → "))?;
        }
    }
    Ok(())
}

pub fn segments(arguments: &SegmentsArguments, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
    let workspace = &outcome.workspace;
    let wanted = arguments.rule_set_id.as_ref();
    let rule_sets: Vec<_> = workspace
        .segment_rule_sets
        .iter()
        .filter(|rule_set| wanted.is_none_or(|id| &rule_set.id == id))
        .collect();
    if rule_sets.is_empty() {
        let which = wanted.map_or("in the workspace".to_string(), |id| format!("{id:?}"));
        return Err(Failure::Refused(format!(
            "{}: no rule set {which}",
            arguments.file.display()
        )));
    }
    // The index and profiles depend only on the data: built once for every rule set.
    let index = FunnelIndex::build(workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(workspace);
    let profiles = current_profiles(workspace, &base, &index);
    let reports: Vec<SegmentsReport> = rule_sets
        .into_iter()
        .map(|rule_set| segments_report_from(workspace, rule_set, &base, &profiles))
        .collect();
    if arguments.json {
        return write_json(out, &reports);
    }
    for report in &reports {
        write_segments_report(out, report)?;
    }
    Ok(())
}

fn write_segments_report(out: &mut Out, report: &SegmentsReport) -> Result<(), Failure> {
    writeln!(
        out,
        "{} ({}): {} HCPs",
        report.rule_set_name, report.rule_set_id, report.hcp_count
    )?;
    writeln!(
        out,
        "\n  {:<28} {:>7} {:>8} {:>10} {:>10}",
        "segment", "HCPs", "share", "Rx share", "potential"
    )?;
    for segment in &report.segments {
        let name = if segment.id.is_some() {
            segment.name.clone()
        } else {
            "(unclassified)".to_string()
        };
        writeln!(
            out,
            "  {name:<28} {:>7} {:>8} {:>10} {:>10.1}",
            segment.size,
            percent(Some(segment.size_share)),
            percent(segment.volume_share),
            segment.average_potential
        )?;
    }
    writeln!(
        out,
        "\n  {:<36} {:>10} {:>8} {:>9}",
        "rule", "segment", "caught", "matching"
    )?;
    for rule in &report.rules {
        writeln!(
            out,
            "  {:<36} {:>10} {:>8} {:>9}",
            rule.name, rule.segment_id, rule.caught, rule.matching
        )?;
    }
    writeln!(out)?;
    Ok(())
}
