//! Prints how long the default funnel takes natively on the demo and `large` workspaces: the
//! one-time index, then each run with a breakdown by channel (`cargo bench --bench funnel`).

#[path = "support/timing.rs"]
mod timing;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::{
    breakdown, run_funnel, summarise_run, Attribution, BreakdownDimension, FunnelIndex, StepOrder,
    WorkspaceIds,
};

const RUNS: usize = 11;

fn time<T>(work: impl FnMut() -> T) -> f64 {
    timing::median_ms(RUNS, work)
}

fn main() {
    let wanted = timing::wanted_scales();
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
