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
    // What the app times as omnirx:funnel-run plus omnirx:funnel-breakdown.
    let run_and_break_down = || {
        let run = run_funnel(&definition, &ids, &index);
        let series = breakdown(
            &run,
            &index,
            BreakdownDimension::Channel,
            Attribution::FirstTouch,
        );
        (run, series)
    };
    group.bench_function("large_default_funnel_with_channel_breakdown", |bencher| {
        bencher.iter(run_and_break_down)
    });
    group.bench_function("large_default_funnel", |bencher| {
        bencher.iter(|| run_funnel(&definition, &ids, &index))
    });
    // The same, with the processor's caches emptied before each run, as they are in the page:
    // between two runs the page draws, lays out and runs the other memos, and the index's
    // 16 MB of events are no longer in the cache. Run back to back (above), the funnel reads
    // them from the cache and takes half the time; in the browser the same wasm run back to back
    // is as fast as native (README, performance section).
    let mut other_work = vec![0u64; 16 << 20];
    group.bench_function(
        "large_default_funnel_with_channel_breakdown_cold_cache",
        |bencher| {
            bencher.iter_batched(
                || {
                    // 128 MB written: more than any cache of the machines this runs on.
                    for (place, value) in other_work.iter_mut().enumerate() {
                        *value = value.wrapping_add(place as u64);
                    }
                    std::hint::black_box(&other_work);
                },
                |()| run_and_break_down(),
                criterion::BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, default_funnel_on_large);
criterion_main!(benches);
