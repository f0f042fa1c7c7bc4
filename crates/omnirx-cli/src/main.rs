//! The `omnirx` command-line tool: validate, generate and summarise workspace files natively,
//! with the same domain code as the app.

use std::io::Write;
use std::process::ExitCode;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::{
    funnel_report, parse_iso_date, Attribution, BreakdownDimension, FunnelReport, Period,
    ReportOptions, SeriesLabel,
};
use omnirx_core::domain::journey::metrics::{journey_metrics, JourneyMetrics, StageMetrics};
use omnirx_core::domain::journey::model::{JourneyMap, JourneyState};
use omnirx_core::domain::segmentation::report::{segments_report_from, SegmentsReport};
use omnirx_core::domain::stats::workspace_stats;
use omnirx_core::domain::time::Month;
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace, ImportOutcome};

const USAGE: &str = "\
usage:
  omnirx validate FILE
      exit 0 and a summary, or exit 1 and every error with its path
  omnirx demo [--scale tiny|demo|large|xl] [--seed N] [--lang zh|en] [--last-month YYYY-MM] > FILE
      writes a generated demo workspace (default: demo, seed 2026, zh, 2026-10)
  omnirx stats FILE
      counts per kind, date range, totals per channel
  omnirx funnel FILE [--funnel ID] [--from YYYY-MM-DD --to YYYY-MM-DD]
                     [--by channel|segment|region|product|rep]
                     [--attribution first_touch|last_touch|step_event] [--json]
      the funnel's numbers exactly as the app shows them (default: the first funnel)
  omnirx segments FILE [--rules ID] [--json]
      segment sizes and how many HCPs each rule catches, as the app shows them
      (default: every rule set)
  omnirx journeys FILE [--json]
      each journey map's stage figures over all months with cohort counts:
      entrants, drop-off to the next stage, median days in stage, reported outcomes
  omnirx --version";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let result = match arguments.first().map(String::as_str) {
        Some("validate") => command_validate(&arguments[1..]),
        Some("demo") => command_demo(&arguments[1..]),
        Some("stats") => command_stats(&arguments[1..]),
        Some("funnel") => command_funnel(&arguments[1..]),
        Some("segments") => command_segments(&arguments[1..]),
        Some("journeys") => command_journeys(&arguments[1..]),
        Some("--version") | Some("-V") => {
            println!("omnirx {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn read_file(arguments: &[String]) -> Result<(String, Vec<u8>), String> {
    let [path] = arguments else {
        return Err(USAGE.to_string());
    };
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    Ok((path.clone(), bytes))
}

fn import_or_report(path: &str, bytes: &[u8]) -> Result<ImportOutcome, ExitCode> {
    import_workspace(bytes).map_err(|error| {
        eprintln!("{path}: {error}");
        ExitCode::from(1)
    })
}

fn command_validate(arguments: &[String]) -> Result<ExitCode, String> {
    let (path, bytes) = read_file(arguments)?;
    let outcome = match import_or_report(&path, &bytes) {
        Ok(outcome) => outcome,
        Err(code) => return Ok(code),
    };
    println!(
        "{path}: valid OmniRx workspace (file version {})",
        outcome.file_version
    );
    println!("  name: {}", outcome.workspace.settings.name);
    let stats = workspace_stats(&outcome.workspace);
    let counts: Vec<String> = stats
        .counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    println!("  {}", counts.join(", "));
    for repair in &outcome.repairs {
        println!("  repaired: {repair}");
    }
    Ok(ExitCode::SUCCESS)
}

fn command_stats(arguments: &[String]) -> Result<ExitCode, String> {
    let (path, bytes) = read_file(arguments)?;
    let outcome = match import_or_report(&path, &bytes) {
        Ok(outcome) => outcome,
        Err(code) => return Ok(code),
    };
    let stats = workspace_stats(&outcome.workspace);
    println!("{}", outcome.workspace.settings.name);
    println!("\nrecords");
    for (kind, count) in &stats.counts {
        println!("  {kind:<20} {count:>10}");
    }
    let range = |first: Option<String>, last: Option<String>| match (first, last) {
        (Some(first), Some(last)) => format!("{first} … {last}"),
        _ => "none".to_string(),
    };
    println!(
        "\ninteractions    {}",
        range(
            stats.first_interaction.map(|t| t.to_string()),
            stats.last_interaction.map(|t| t.to_string())
        )
    );
    println!(
        "prescriptions   {}",
        range(
            stats.first_prescription_month.map(|m| m.to_string()),
            stats.last_prescription_month.map(|m| m.to_string())
        )
    );
    println!(
        "prescribed      {} units, {:.2} {}",
        stats.prescribed_units, stats.prescribed_value, outcome.workspace.settings.currency
    );
    println!("\ninteractions per channel");
    for (id, name, count) in &stats.interactions_per_channel {
        println!("  {id:<14} {name:<32} {count:>10}");
    }
    Ok(ExitCode::SUCCESS)
}

fn command_demo(arguments: &[String]) -> Result<ExitCode, String> {
    let mut options = DemoOptions::fixed(DemoScale::Demo, 2026, DataLanguage::Chinese);
    let mut rest = arguments.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--scale" => {
                options.scale = DemoScale::parse(value)
                    .ok_or_else(|| format!("unknown scale {value:?}\n{USAGE}"))?
            }
            "--seed" => {
                options.seed = value
                    .parse()
                    .map_err(|_| format!("--seed needs a whole number, not {value:?}"))?
            }
            "--lang" => {
                options.language = match value.as_str() {
                    "zh" | "zh-CN" => DataLanguage::Chinese,
                    "en" => DataLanguage::English,
                    _ => return Err(format!("unknown language {value:?} (zh or en)")),
                }
            }
            "--last-month" => {
                options.last_month = Month::parse(value)
                    .map_err(|_| format!("--last-month needs YYYY-MM, not {value:?}"))?
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    let workspace = generate_demo_workspace(options);
    let text = export_workspace(&workspace);
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|error| format!("cannot write: {error}"))?;
    Ok(ExitCode::SUCCESS)
}

fn command_funnel(arguments: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut funnel_id = None;
    let (mut from, mut to) = (None, None);
    let mut dimension = None;
    let mut attribution = Attribution::FirstTouch;
    let mut json = false;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        let mut value = || {
            rest.next()
                .ok_or_else(|| format!("{argument} needs a value\n{USAGE}"))
        };
        match argument.as_str() {
            "--json" => json = true,
            "--funnel" => funnel_id = Some(value()?.clone()),
            "--from" | "--to" => {
                let text = value()?;
                let date = parse_iso_date(text)
                    .ok_or_else(|| format!("{argument} needs YYYY-MM-DD, not {text:?}"))?;
                if argument == "--from" {
                    from = Some(date);
                } else {
                    to = Some(date);
                }
            }
            "--by" => {
                let text = value()?;
                dimension = Some(
                    BreakdownDimension::parse(text)
                        .ok_or_else(|| format!("unknown breakdown {text:?}\n{USAGE}"))?,
                );
            }
            "--attribution" => {
                let text = value()?;
                attribution = Attribution::parse(text)
                    .ok_or_else(|| format!("unknown attribution {text:?}\n{USAGE}"))?;
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            file if path.is_none() => path = Some(file.to_string()),
            _ => return Err(USAGE.to_string()),
        }
    }
    let (path, bytes) = read_file(&[path.ok_or_else(|| USAGE.to_string())?])?;
    let outcome = match import_or_report(&path, &bytes) {
        Ok(outcome) => outcome,
        Err(code) => return Ok(code),
    };
    let workspace = &outcome.workspace;
    let definition = match &funnel_id {
        Some(id) => workspace.funnels.iter().find(|f| &f.id == id),
        None => workspace.funnels.first(),
    };
    let Some(definition) = definition else {
        eprintln!(
            "{path}: no funnel {}",
            funnel_id.map_or("in the workspace".to_string(), |id| format!("{id:?}"))
        );
        return Ok(ExitCode::from(1));
    };
    let period = match (from, to) {
        (None, None) => None,
        (Some(from), Some(to)) if from <= to => Some(Some(Period { from, to })),
        (Some(_), Some(_)) => return Err("--to is before --from".to_string()),
        _ => return Err("--from and --to go together".to_string()),
    };
    let options = ReportOptions {
        period,
        breakdown: dimension.map(|dimension| (dimension, attribution)),
    };
    let report = funnel_report(workspace, definition, &options).map_err(|problem| {
        format!("{path}: the funnel's typed counts are unusable: {problem:?}")
    })?;
    if json {
        let text = serde_json::to_string_pretty(&report).map_err(|error| error.to_string())?;
        println!("{text}");
    } else {
        print_funnel_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn percent(ratio: Option<f64>) -> String {
    ratio.map_or("–".to_string(), |ratio| format!("{:.1}%", ratio * 100.0))
}

fn days(seconds: Option<i64>) -> String {
    seconds.map_or("–".to_string(), |seconds| {
        format!("{:.1} d", seconds as f64 / 86_400.0)
    })
}

fn print_funnel_report(report: &FunnelReport) {
    let summary = &report.summary;
    println!("{} ({})", summary.funnel_name, summary.funnel_id);
    if let Some(end) = summary.data_end {
        println!("data until {end}");
    }
    if !summary.time_zone_known {
        println!("the workspace's time zone is not known; days are counted in UTC");
    }
    println!(
        "\n  {:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "step", "count", "of prev", "of first", "dropped", "in window", "median", "p75"
    );
    for (index, step) in summary.steps.iter().enumerate() {
        let mark = if summary.bottleneck == Some(index) {
            "*"
        } else {
            " "
        };
        println!(
            "{mark} {:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            step.name,
            step.count,
            percent(step.conversion_from_previous),
            percent(step.conversion_from_first),
            step.dropped,
            step.still_in_window,
            days(step.median_seconds_from_previous),
            days(step.p75_seconds_from_previous)
        );
    }
    if summary.bottleneck.is_some() {
        println!("  * bottleneck: the lowest conversion from the previous step");
    }
    if let Some(breakdown) = &report.breakdown {
        println!(
            "\nby {} ({})",
            breakdown.dimension.key(),
            breakdown.attribution.key()
        );
        for series in &breakdown.series {
            let label = match &series.label {
                SeriesLabel::Named(name) => name.clone(),
                SeriesLabel::Missing => "(none)".to_string(),
                SeriesLabel::Other => "(other)".to_string(),
            };
            let counts: Vec<String> = series.counts.iter().map(u64::to_string).collect();
            println!("  {label:<28} {}", counts.join(" → "));
        }
    }
}

fn command_segments(arguments: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut rule_set_id = None;
    let mut json = false;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match argument.as_str() {
            "--json" => json = true,
            "--rules" => {
                rule_set_id = Some(
                    rest.next()
                        .ok_or_else(|| format!("--rules needs a value\n{USAGE}"))?
                        .clone(),
                )
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            file if path.is_none() => path = Some(file.to_string()),
            _ => return Err(USAGE.to_string()),
        }
    }
    let (path, bytes) = read_file(&[path.ok_or_else(|| USAGE.to_string())?])?;
    let outcome = match import_or_report(&path, &bytes) {
        Ok(outcome) => outcome,
        Err(code) => return Ok(code),
    };
    let workspace = &outcome.workspace;
    let rule_sets: Vec<_> = workspace
        .segment_rule_sets
        .iter()
        .filter(|r| rule_set_id.as_ref().is_none_or(|id| &r.id == id))
        .collect();
    if rule_sets.is_empty() {
        eprintln!(
            "{path}: no rule set {}",
            rule_set_id.map_or("in the workspace".to_string(), |id| format!("{id:?}"))
        );
        return Ok(ExitCode::from(1));
    }
    // The index and profiles depend only on the data: built once for every rule set.
    let index = omnirx_core::domain::funnel::FunnelIndex::build(
        workspace,
        omnirx_core::domain::funnel::CountingUnit::Hcp,
    );
    let base = omnirx_core::domain::segmentation::CustomerBase::build(workspace);
    let profiles =
        omnirx_core::domain::segmentation::report::current_profiles(workspace, &base, &index);
    let reports: Vec<SegmentsReport> = rule_sets
        .into_iter()
        .map(|rule_set| segments_report_from(workspace, rule_set, &base, &profiles))
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&reports).map_err(|error| error.to_string())?;
        println!("{text}");
    } else {
        for report in &reports {
            print_segments_report(report);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_segments_report(report: &SegmentsReport) {
    println!(
        "{} ({}): {} HCPs",
        report.rule_set_name, report.rule_set_id, report.hcp_count
    );
    println!(
        "\n  {:<28} {:>7} {:>8} {:>10} {:>10}",
        "segment", "HCPs", "share", "Rx share", "potential"
    );
    for segment in &report.segments {
        let name = if segment.id.is_some() {
            segment.name.clone()
        } else {
            "(unclassified)".to_string()
        };
        println!(
            "  {name:<28} {:>7} {:>8} {:>10} {:>10.1}",
            segment.size,
            percent(Some(segment.size_share)),
            percent(Some(segment.volume_share)),
            segment.average_potential
        );
    }
    println!(
        "\n  {:<36} {:>10} {:>8} {:>9}",
        "rule", "segment", "caught", "matching"
    );
    for rule in &report.rules {
        println!(
            "  {:<36} {:>10} {:>8} {:>9}",
            rule.name, rule.segment_id, rule.caught, rule.matching
        );
    }
    println!();
}

/// One map in `omnirx journeys --json`.
#[derive(serde::Serialize)]
struct JourneyReport<'a> {
    id: &'a str,
    name: &'a str,
    metrics: JourneyMetrics,
}

fn command_journeys(arguments: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut json = false;
    for argument in arguments {
        match argument.as_str() {
            "--json" => json = true,
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            file if path.is_none() => path = Some(file.to_string()),
            _ => return Err(USAGE.to_string()),
        }
    }
    let (path, bytes) = read_file(&[path.ok_or_else(|| USAGE.to_string())?])?;
    let outcome = match import_or_report(&path, &bytes) {
        Ok(outcome) => outcome,
        Err(code) => return Ok(code),
    };
    let reports: Vec<JourneyReport> = outcome
        .workspace
        .journeys
        .iter()
        .map(|map| JourneyReport {
            id: &map.id,
            name: &map.name,
            metrics: journey_metrics(map, None),
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&reports).map_err(|error| error.to_string())?;
        println!("{text}");
    } else if reports.is_empty() {
        println!("{path}: no journey maps");
    } else {
        for (map, report) in outcome.workspace.journeys.iter().zip(&reports) {
            print_journey(map, &report.metrics);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_journey(map: &JourneyMap, metrics: &JourneyMetrics) {
    println!("{} ({})", map.name, map.id);
    let or_dash = |text: &str| {
        if text.is_empty() {
            "–".to_string()
        } else {
            text.to_string()
        }
    };
    println!("  disease area: {}", or_dash(&map.disease_area));
    println!(
        "  state: {}",
        match map.state {
            JourneyState::Current => "current",
            JourneyState::Target => "target",
        }
    );
    println!(
        "  months: {}",
        metrics
            .months
            .map_or("none (no cohort counts)".to_string(), |range| {
                format!("{} … {}", range.from, range.to)
            })
    );
    println!(
        "\n  {:<28} {:>9} {:>20} {:>10}  outcomes",
        "stage", "entered", "drop-off to next", "median"
    );
    for (index, (stage, figures)) in map.stages.iter().zip(&metrics.stages).enumerate() {
        let mark = if metrics.largest_drop_off == Some(index) {
            "*"
        } else {
            " "
        };
        println!(
            "{mark} {:<28} {:>9} {:>20} {:>10}  {}",
            stage.name,
            figures
                .entered
                .map_or("–".to_string(), |entered| entered.to_string()),
            figures
                .drop_off
                .as_ref()
                .map_or("–".to_string(), |drop_off| {
                    format!("{} ({})", drop_off.patients, percent(Some(drop_off.share)))
                }),
            figures
                .median_days_in_stage
                .map_or("–".to_string(), |days| format!("{days:.1} d")),
            outcomes_text(figures)
        );
    }
    if metrics.largest_drop_off.is_some() {
        println!("  * largest drop-off: the largest share lost before the next stage");
    }
    for (stage, figures) in map.stages.iter().zip(&metrics.stages) {
        if !figures.missing_months.is_empty() {
            println!(
                "  no counts for {} in {}",
                stage.name,
                month_spans(&figures.missing_months)
            );
        }
    }
    println!();
}

/// Sorted months as spans of consecutive months: `2025-01 … 2025-03, 2025-06`.
fn month_spans(months: &[Month]) -> String {
    let mut spans: Vec<(Month, Month)> = Vec::new();
    for &month in months {
        match spans.last_mut() {
            Some((_, last)) if last.plus(1) == month => *last = month,
            _ => spans.push((month, month)),
        }
    }
    spans
        .iter()
        .map(|(first, last)| {
            if first == last {
                first.to_string()
            } else {
                format!("{first} … {last}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcomes_text(figures: &StageMetrics) -> String {
    let Some(outcomes) = &figures.outcomes else {
        return "–".to_string();
    };
    let mut parts = Vec::new();
    if let Some(satisfaction) = outcomes.satisfaction {
        parts.push(format!("satisfaction {satisfaction:.2}/5"));
    }
    if let Some(quality_of_life) = outcomes.quality_of_life {
        parts.push(format!("quality of life {quality_of_life:.1}/100"));
    }
    if let Some(adherence) = outcomes.adherence_percent {
        parts.push(format!("adherence {adherence:.1}%"));
    }
    parts.push(format!("{} respondents", outcomes.respondents));
    parts.join(", ")
}
