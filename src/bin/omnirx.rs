//! The `omnirx` command-line tool: validate, generate and summarise workspace files natively,
//! with the same domain code as the app.

use std::io::Write;
use std::process::ExitCode;

use omnirx::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx::domain::stats::workspace_stats;
use omnirx::domain::time::Month;
use omnirx::domain::workspace_file::{export_workspace, import_workspace, ImportOutcome};

const USAGE: &str = "\
usage:
  omnirx validate FILE
      exit 0 and a summary, or exit 1 and every error with its path
  omnirx demo [--scale tiny|demo|large|xl] [--seed N] [--lang zh|en] [--last-month YYYY-MM] > FILE
      writes a generated demo workspace (default: demo, seed 2026, zh, 2026-10)
  omnirx stats FILE
      counts per kind, date range, totals per channel
  omnirx --version";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let result = match arguments.first().map(String::as_str) {
        Some("validate") => command_validate(&arguments[1..]),
        Some("demo") => command_demo(&arguments[1..]),
        Some("stats") => command_stats(&arguments[1..]),
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
