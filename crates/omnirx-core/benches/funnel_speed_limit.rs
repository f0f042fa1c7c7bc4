//! The default funnel with a breakdown by channel on the `large` workspace, natively under
//! criterion: the speed limit that the browser's (wasm) figure is compared with in `./x bench`.
//! The index is built once outside the measurement, as the app builds it once per data change.

use criterion::{criterion_group, criterion_main, Criterion};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::{
    breakdown, run_funnel, Attribution, BreakdownDimension, FunnelIndex, WorkspaceIds,
};

fn default_funnel_on_large(criterion: &mut Criterion) {
    // The same workspace the browser bench imports: large, seed 2026, English data.
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Large,
        2026,
        DataLanguage::English,
    ));
    let ids = WorkspaceIds::of(&workspace);
    let definition = workspace.funnels[0].clone();
    let index = FunnelIndex::build(&workspace, definition.unit);
    let mut group = criterion.benchmark_group("funnel_speed_limit");
    group.sample_size(20);
    group.bench_function("large_default_funnel_with_channel_breakdown", |bencher| {
        bencher.iter(|| {
            // What the app times as omnirx:funnel-run plus omnirx:funnel-breakdown.
            let run = run_funnel(&definition, &ids, &index);
            let series = breakdown(
                &run,
                &index,
                BreakdownDimension::Channel,
                Attribution::FirstTouch,
            );
            (run, series)
        })
    });
    group.bench_function("large_default_funnel", |bencher| {
        bencher.iter(|| run_funnel(&definition, &ids, &index))
    });
    group.finish();
}

criterion_group!(benches, default_funnel_on_large);
criterion_main!(benches);
