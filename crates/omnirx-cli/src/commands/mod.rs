//! One function per subcommand. Each reads its file through [`read_workspace`] (the same import
//! as the app) and writes to the writer it is given.

mod analyses;
mod files;
mod import_table;
mod journeys;
mod performance;
mod planning;
mod sharing;

use std::io::Write;
use std::path::Path;

use omnirx_core::domain::workspace_file::{import_workspace, ImportOutcome};

use crate::Failure;

pub use analyses::{funnel, segments};
pub use files::{demo, stats, validate};
pub use import_table::import_table;
pub use journeys::journeys;
pub use performance::{forecast, kpis};
pub use planning::plan;
pub use sharing::{anonymise, decrypt, encrypt, export, merge};

/// Where every command writes.
pub type Out<'a> = dyn Write + 'a;

/// Reads and imports a workspace file: a file that cannot be read exits 2 (like a usage error), an
/// invalid one is refused with every error and its path (exit 1).
fn read_workspace(path: &Path) -> Result<ImportOutcome, Failure> {
    let shown = path.display();
    let bytes = std::fs::read(path)
        .map_err(|error| Failure::Unreadable(format!("cannot read {shown}: {error}")))?;
    import_workspace(&bytes).map_err(|error| Failure::Refused(format!("{shown}: {error}")))
}

/// A ratio as a percentage with one decimal, or a dash.
fn percent(ratio: Option<f64>) -> String {
    ratio.map_or("–".to_string(), |ratio| format!("{:.1}%", ratio * 100.0))
}

/// Pretty JSON of a report, then a line break.
fn write_json(out: &mut Out, value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")?;
    Ok(())
}
