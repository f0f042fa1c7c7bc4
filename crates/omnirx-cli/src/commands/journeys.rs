//! `journeys`: each journey map's stage figures.

use omnirx_core::domain::journey::metrics::{journey_metrics, JourneyMetrics, StageMetrics};
use omnirx_core::domain::journey::model::{JourneyMap, JourneyState};
use omnirx_core::domain::time::Month;

use super::{percent, read_workspace, write_json, Out};
use crate::args::JourneysArguments;
use crate::Failure;

/// One map in `omnirx journeys --json`.
#[derive(serde::Serialize)]
struct JourneyReport<'a> {
    id: &'a str,
    name: &'a str,
    metrics: JourneyMetrics,
}

pub fn journeys(arguments: &JourneysArguments, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
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
    if arguments.json {
        return write_json(out, &reports);
    }
    if reports.is_empty() {
        writeln!(out, "{}: no journey maps", arguments.file.display())?;
    }
    for (map, report) in outcome.workspace.journeys.iter().zip(&reports) {
        write_journey(out, map, &report.metrics)?;
    }
    Ok(())
}

fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "–".to_string()
    } else {
        text.to_string()
    }
}

fn write_journey(out: &mut Out, map: &JourneyMap, metrics: &JourneyMetrics) -> Result<(), Failure> {
    writeln!(out, "{} ({})", map.name, map.id)?;
    writeln!(out, "  disease area: {}", or_dash(&map.disease_area))?;
    let state = match map.state {
        JourneyState::Current => "current",
        JourneyState::Target => "target",
    };
    writeln!(out, "  state: {state}")?;
    let months = metrics
        .months
        .map_or("none (no cohort counts)".to_string(), |range| {
            format!("{} … {}", range.from, range.to)
        });
    writeln!(out, "  months: {months}")?;
    writeln!(
        out,
        "\n  {:<28} {:>9} {:>20} {:>10}  outcomes",
        "stage", "entered", "drop-off to next", "median"
    )?;
    for (index, (stage, figures)) in map.stages.iter().zip(&metrics.stages).enumerate() {
        let mark = if metrics.largest_drop_off == Some(index) {
            "*"
        } else {
            " "
        };
        writeln!(
            out,
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
        )?;
    }
    if metrics.largest_drop_off.is_some() {
        writeln!(
            out,
            "  * largest drop-off: the largest share lost before the next stage"
        )?;
    }
    for (stage, figures) in map.stages.iter().zip(&metrics.stages) {
        if !figures.missing_months.is_empty() {
            writeln!(
                out,
                "  no counts for {} in {}",
                stage.name,
                month_spans(&figures.missing_months)
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
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
