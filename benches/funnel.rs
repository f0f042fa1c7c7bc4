//! Prints how long the default funnel takes natively on the demo and `large` workspaces: the
//! one-time index, then each run with a breakdown by channel (`cargo bench --bench funnel`).

use std::time::Instant;

use omnirx::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx::domain::funnel::{
    breakdown, run_funnel, summarise_run, Attribution, BreakdownDimension, FunnelIndex, StepOrder,
    WorkspaceIds,
};

const RUNS: usize = 11;

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2] * 1_000.0
}

fn time<T>(mut work: impl FnMut() -> T) -> f64 {
    let samples = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed().as_secs_f64()
        })
        .collect();
    median_ms(samples)
}

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .collect();
    println!(
        "{:<7} {:>7} {:>10} {:>10} {:>12} {:>12} {:>12} {:>12}",
        "scale", "HCPs", "events", "index ms", "accounts ms", "ordered ms", "strict ms", "any ms"
    );
    for (name, scale) in [("demo", DemoScale::Demo), ("large", DemoScale::Large)] {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let workspace =
            generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::Chinese));
        let ids = WorkspaceIds::of(&workspace);
        let mut definition = workspace.funnels[0].clone();
        let index_ms = time(|| FunnelIndex::build(&workspace, definition.unit));
        let index = FunnelIndex::build(&workspace, definition.unit);
        let accounts_ms = time(|| index.accounts_from_hcps(&workspace));
        let mut per_order = Vec::new();
        for order in [StepOrder::Ordered, StepOrder::Strict, StepOrder::Any] {
            definition.order = order;
            per_order.push(time(|| {
                let run = run_funnel(&definition, &ids, &index);
                let summary = summarise_run(&definition, &index, &run);
                let series = breakdown(
                    &run,
                    &index,
                    BreakdownDimension::Channel,
                    Attribution::FirstTouch,
                );
                (summary, series)
            }));
        }
        println!(
            "{:<7} {:>7} {:>10} {:>10.1} {:>12.1} {:>12.1} {:>12.1} {:>12.1}",
            name,
            workspace.hcps.len(),
            workspace.interactions.len(),
            index_ms,
            accounts_ms,
            per_order[0],
            per_order[1],
            per_order[2]
        );
    }
    println!(
        "(median of {RUNS} runs; each run = trace every HCP + step summary + breakdown by channel)"
    );
}
