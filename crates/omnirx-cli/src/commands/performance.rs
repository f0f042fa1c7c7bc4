//! `omnirx kpis` and `omnirx forecast`: the Performance page's numbers, from the same core.

use omnirx_core::domain::performance::forecast::{Method, NoForecast};
use omnirx_core::domain::performance::outlook::{outlook, Outlook};
use omnirx_core::domain::performance::{
    activity_table, attainment_table, ActivityDimension, ActivityTable, AttainmentQuery,
    AttainmentTable, Dimension, PerformanceData, Period, PeriodKind, Scope, Source,
};
use serde::Serialize;

use super::{percent, read_workspace, write_json, Out};
use crate::args::{ForecastArguments, KpisArguments};
use crate::Failure;

#[derive(Serialize)]
struct KpisReport {
    attainment: AttainmentTable,
    activity: ActivityTable,
    notices: Vec<String>,
}

pub fn kpis(arguments: &KpisArguments, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
    let workspace = &outcome.workspace;
    let data = PerformanceData::build(workspace);
    let Some(end) = data.sales_end.or(data.data_end) else {
        return Err(Failure::Refused(format!(
            "{}: no prescriptions, sales or interactions to measure",
            arguments.file.display()
        )));
    };
    let period = arguments
        .period
        .unwrap_or(Period::of_kind_holding(PeriodKind::YearToDate, end));
    let source = arguments
        .actuals
        .source
        .unwrap_or(Source::default_for(&data));
    let query = AttainmentQuery {
        period,
        measure: arguments.actuals.measure,
        source,
        dimension: arguments.dimension,
        scope: Scope::default(),
    };
    let attainment = attainment_table(&data, workspace, &query);
    let activity_by = match arguments.dimension {
        Dimension::Rep => ActivityDimension::Rep,
        Dimension::Territory => ActivityDimension::Territory,
        Dimension::Region => ActivityDimension::Region,
        _ => ActivityDimension::Team,
    };
    let activity = activity_table(&data, workspace, period, activity_by, &Scope::default());
    let notices: Vec<String> = attainment.notices.iter().map(|n| n.to_string()).collect();
    let report = KpisReport {
        attainment,
        activity,
        notices,
    };
    if arguments.json {
        return write_json(out, &report);
    }
    write_attainment(out, &report.attainment)?;
    writeln!(out)?;
    write_activity(out, &report.activity, workspace.channels.len())?;
    for notice in &report.notices {
        writeln!(out, "note: {notice}")?;
    }
    Ok(())
}

fn amount(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| format!("{v:.0}"))
}

fn signed_percent(ratio: Option<f64>) -> String {
    ratio.map_or("–".to_string(), |r| format!("{:+.1}%", r * 100.0))
}

fn status_word(status: Option<omnirx_core::domain::performance::Status>) -> &'static str {
    use omnirx_core::domain::performance::Status;
    match status {
        Some(Status::OnTrack) => "on track",
        Some(Status::AtRisk) => "at risk",
        Some(Status::Behind) => "behind",
        None => "–",
    }
}

fn write_attainment(out: &mut Out, table: &AttainmentTable) -> Result<(), Failure> {
    writeln!(
        out,
        "Targets vs actual, {} ({:?}, {:?}), by {}: {:.0}% of the period elapsed{}",
        table.period.key(),
        table.source,
        table.measure,
        table.dimension.key(),
        table.elapsed * 100.0,
        if table.quota_hidden {
            "; targets are not shown as reps' quotas (market rules)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "{:<28} {:>12} {:>12} {:>9} {:>12} {:>9} {:>9}  status",
        "", "target", "actual", "attain.", "gap", "vs year", "vs prev."
    )?;
    let total = std::iter::once(&table.total);
    for row in table.rows.iter().chain(total) {
        let name = if row.name.is_empty() {
            "(not assigned)".to_string()
        } else {
            row.name.clone()
        };
        writeln!(
            out,
            "{:<28} {:>12} {:>12.0} {:>9} {:>12} {:>9} {:>9}  {}",
            name,
            amount(row.target),
            row.actual,
            percent(row.attainment),
            amount(row.gap),
            signed_percent(row.growth_year),
            signed_percent(row.growth_previous),
            status_word(row.status)
        )?;
    }
    Ok(())
}

fn write_activity(out: &mut Out, table: &ActivityTable, _channels: usize) -> Result<(), Failure> {
    writeln!(
        out,
        "Activity, {} (to {}), key customers planned at {:.1} contacts",
        table.period.key(),
        table.as_of.map_or("–".to_string(), |date| date.to_string()),
        table.key_planned
    )?;
    if table.no_working_days {
        writeln!(
            out,
            "note: the period has no working day in the workspace's calendar"
        )?;
    }
    writeln!(
        out,
        "{:<28} {:>5} {:>6} {:>7} {:>8} {:>8} {:>7} {:>8} {:>8} {:>6}",
        "", "reps", "calls", "/day", "reach", "freq.", "key cov.", "digital", "targets", "never"
    )?;
    let total = std::iter::once(&table.total);
    for row in table.rows.iter().chain(total) {
        writeln!(
            out,
            "{:<28} {:>5} {:>6} {:>7} {:>8} {:>8} {:>7} {:>8} {:>8} {:>6}",
            row.name,
            row.reps,
            row.calls,
            row.calls_per_field_day
                .map_or("–".into(), |v| format!("{v:.2}")),
            percent(row.reach),
            row.frequency.map_or("–".into(), |v| format!("{v:.2}")),
            percent(row.key_coverage),
            percent(row.digital_share),
            row.targets,
            row.never_contacted
        )?;
    }
    Ok(())
}

pub fn forecast(arguments: &ForecastArguments, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
    let workspace = &outcome.workspace;
    let data = PerformanceData::build(workspace);
    let source = arguments
        .actuals
        .source
        .unwrap_or(Source::default_for(&data));
    if let Some(id) = &arguments.product_id {
        if !workspace.products.iter().any(|p| &p.id == id) {
            return Err(Failure::Refused(format!(
                "{}: no product {id:?}",
                arguments.file.display()
            )));
        }
    }
    let report: Outlook = outlook(
        &data,
        workspace,
        arguments.actuals.measure,
        source,
        arguments.product_id.as_deref(),
    );
    if arguments.json {
        return write_json(out, &report);
    }
    write_outlook(out, &report)
}

fn write_outlook(out: &mut Out, report: &Outlook) -> Result<(), Failure> {
    let (Some(year), Some(first), Some(last)) = (report.year, report.first, report.last) else {
        writeln!(out, "No actuals to forecast.")?;
        return Ok(());
    };
    writeln!(
        out,
        "Forecast to the end of {year}, fitted on {first} to {last}"
    )?;
    writeln!(
        out,
        "{:<16} {:<16} {:<12} {:>10} {:>10} {:>10} {:>9} {:>8}  next month (80% interval)",
        "product", "region", "method", "to date", "year end", "target", "attain.", "MAPE"
    )?;
    for row in &report.rows {
        let region = row
            .region_id
            .as_ref()
            .map_or("(all)".to_string(), |_| row.region.clone());
        match &row.forecast {
            Ok(forecast) => {
                let mape = forecast
                    .backtest
                    .as_ref()
                    .ok()
                    .and_then(|b| b.mape_percent)
                    .map_or("–".to_string(), |m| format!("{m:.1}%"));
                let next = forecast.points.first().map_or("–".to_string(), |p| {
                    format!("{} {:.0} ({:.0}–{:.0})", p.month, p.value, p.low, p.high)
                });
                writeln!(
                    out,
                    "{:<16} {:<16} {:<12} {:>10.0} {:>10} {:>10} {:>9} {:>8}  {}",
                    row.product,
                    region,
                    match forecast.method {
                        Method::HoltWintersAdditive => "holt-winters",
                        Method::DampedTrend => "damped trend",
                    },
                    row.year_to_date,
                    amount(row.year_end),
                    amount(row.annual_target),
                    percent(row.year_end_attainment),
                    mape,
                    next
                )?;
            }
            Err(reason) => writeln!(
                out,
                "{:<16} {:<16} no forecast: {}",
                row.product,
                region,
                match reason {
                    NoForecast::TooShort { months, needed } =>
                        format!("{months} months of data, {needed} needed"),
                    other => format!("{other:?}"),
                }
            )?,
        }
    }
    Ok(())
}
