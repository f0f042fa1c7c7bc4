//! `validate`, `demo` and `stats`: the workspace file itself.

use omnirx_core::domain::compliance::check;
use omnirx_core::domain::demo::{generate_demo_workspace, DemoOptions};
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::stats::workspace_stats;
use omnirx_core::domain::workspace_file::export_workspace;

use super::{read_workspace, Out};
use crate::args::{DemoArguments, FileArgument};
use crate::Failure;

pub fn validate(arguments: &FileArgument, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
    writeln!(
        out,
        "{}: valid OmniRx workspace (file version {})",
        arguments.file.display(),
        outcome.file_version
    )?;
    writeln!(out, "  name: {}", outcome.workspace.settings.name)?;
    let stats = workspace_stats(&outcome.workspace);
    let counts: Vec<String> = stats
        .counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    writeln!(out, "  {}", counts.join(", "))?;
    for repair in &outcome.repairs {
        writeln!(out, "  repaired: {repair}")?;
    }
    let compliance = check(&outcome.workspace);
    if compliance.rules == MarketRules::China {
        writeln!(out, "  market rules: china (docs/compliance.md)")?;
    }
    if !compliance.obeys() {
        writeln!(
            out,
            "  warning: {} prescription records name an HCP, which the market rules forbid; turning the rules on in the app sums them per account",
            compliance.hcp_prescriptions
        )?;
    }
    Ok(())
}

pub fn demo(arguments: &DemoArguments, out: &mut Out) -> Result<(), Failure> {
    let workspace = generate_demo_workspace(DemoOptions {
        scale: arguments.scale,
        seed: arguments.seed,
        language: arguments.language,
        last_month: arguments.last_month,
        market: arguments.market,
    });
    out.write_all(export_workspace(&workspace).as_bytes())?;
    Ok(())
}

pub fn stats(arguments: &FileArgument, out: &mut Out) -> Result<(), Failure> {
    let outcome = read_workspace(&arguments.file)?;
    let stats = workspace_stats(&outcome.workspace);
    writeln!(out, "{}", outcome.workspace.settings.name)?;
    writeln!(out, "\nrecords")?;
    for (kind, count) in &stats.counts {
        writeln!(out, "  {kind:<20} {count:>10}")?;
    }
    let range = |first: Option<String>, last: Option<String>| match (first, last) {
        (Some(first), Some(last)) => format!("{first} … {last}"),
        _ => "none".to_string(),
    };
    writeln!(
        out,
        "\ninteractions    {}",
        range(
            stats.first_interaction.map(|t| t.to_string()),
            stats.last_interaction.map(|t| t.to_string())
        )
    )?;
    writeln!(
        out,
        "prescriptions   {}",
        range(
            stats.first_prescription_month.map(|m| m.to_string()),
            stats.last_prescription_month.map(|m| m.to_string())
        )
    )?;
    writeln!(
        out,
        "prescribed      {} units, {:.2} {}",
        stats.prescribed_units, stats.prescribed_value, outcome.workspace.settings.currency
    )?;
    writeln!(out, "\ninteractions per channel")?;
    for (id, name, count) in &stats.interactions_per_channel {
        writeln!(out, "  {id:<14} {name:<32} {count:>10}")?;
    }
    Ok(())
}
