//! Prints how fast a workspace file is imported natively (parse + validate + restore), in MB/s,
//! for the demo and the `large` workspace: `cargo bench --bench workspace_import` (or `./x bench`).

use std::time::Instant;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace};

const RUNS: usize = 5;

#[allow(dead_code)]
#[path = "support/timing.rs"]
mod timing;

use timing::median;

fn main() {
    // `cargo bench` passes --bench; any other argument names the scales to run.
    let wanted = timing::wanted_scales();
    println!(
        "{:<8} {:>12} {:>14} {:>12} {:>14} {:>12}",
        "scale", "file MB", "interactions", "import s", "import MB/s", "export s"
    );
    for (name, scale) in [("demo", DemoScale::Demo), ("large", DemoScale::Large)] {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let workspace =
            generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::Chinese));
        let mut export_seconds = Vec::new();
        let mut text = String::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            text = export_workspace(&workspace);
            export_seconds.push(started.elapsed().as_secs_f64());
        }
        let mut import_seconds = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            let outcome =
                import_workspace(text.as_bytes()).expect("the generated workspace imports");
            import_seconds.push(started.elapsed().as_secs_f64());
            assert_eq!(
                outcome.workspace.interactions.len(),
                workspace.interactions.len()
            );
        }
        let megabytes = text.len() as f64 / 1_000_000.0;
        let import = median(import_seconds);
        println!(
            "{:<8} {:>12.1} {:>14} {:>12.3} {:>14.0} {:>12.3}",
            name,
            megabytes,
            workspace.interactions.len(),
            import,
            megabytes / import,
            median(export_seconds)
        );
    }
    println!("(median of {RUNS} runs; import = parse + check envelope + typed parse + validate + restore)");
}
