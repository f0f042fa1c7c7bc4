//! `./x bench`: every performance figure of the release app in one table, each the median of
//! several runs and held to its budget (PASS/FAIL), also written as JSON to compare two runs.
//! Browser figures come from the real app in headless Chromium; the native funnel figure from
//! criterion; the peer figures from DuckDB-wasm in the same browser. Asserts only that the work
//! was done: figures are printed, never timed assertions.
//!
//! By hand: `cargo test --release --features e2e --test browser_bench [start] [large] [xl] [journeys] [peer] [unlock] [merge12]`
//! (no argument: all of them). `OMNIRX_BENCH_RUNS` sets the runs per figure (default 5);
//! `OMNIRX_BENCH_JSON` the report's path (default `target/bench/report.json`; the report
//! found there before is shown as "previous" and kept as `report.previous.json`);
//! `OMNIRX_BENCH_COMPARE` another report to show as "previous" (e.g. `docs/bench/2026-11-25.json`).

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

#[path = "bench_report.rs"]
mod bench_report;

#[path = "bench_sizes.rs"]
mod bench_sizes;

#[path = "bench_start.rs"]
mod bench_start;

#[path = "bench_scale.rs"]
mod bench_scale;

#[path = "bench_segments.rs"]
mod bench_segments;

#[path = "bench_journeys.rs"]
mod bench_journeys;

#[path = "bench_peer.rs"]
mod bench_peer;

#[path = "bench_tables.rs"]
mod bench_tables;

#[path = "bench_sharing.rs"]
mod bench_sharing;

#[path = "stored.rs"]
mod stored;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{ensure, Result};
use bench_report::Report;
use harness::Environment;
use omnirx_core::domain::demo::DemoScale;

/// Waits until an element with `data-testid` is in the page.
async fn wait_until(browser: &harness::Browser, test_id: &str, limit: Duration) -> Result<()> {
    let started = Instant::now();
    while !browser.is_present(test_id).await {
        ensure!(
            started.elapsed() < limit,
            "[data-testid={test_id}] did not appear within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// The native funnel's median from criterion's estimates (ms), if `cargo bench --bench
/// funnel_speed_limit` has run.
fn criterion_median_ms(manifest: &std::path::Path, benchmark: &str) -> Option<f64> {
    let path = manifest
        .join("target/criterion/funnel_speed_limit")
        .join(benchmark)
        .join("new/estimates.json");
    let estimates: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    Some(estimates["median"]["point_estimate"].as_f64()? / 1_000_000.0)
}

fn runs_per_figure() -> usize {
    std::env::var("OMNIRX_BENCH_RUNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|runs| *runs > 0)
        .unwrap_or(5)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .collect();
    let wants = |part: &str| wanted.is_empty() || wanted.iter().any(|w| w == part);
    let runs = runs_per_figure();
    let manifest = omnirx_e2e::repository();
    let environment = match Environment::start() {
        Ok(environment) => environment,
        Err(error) => {
            eprintln!("browser_bench: cannot start: {error:#}");
            std::process::exit(1);
        }
    };
    let mut report = Report::default();
    let mut failed = false;
    let mut fail = |report: &mut Report, part: &str, error: anyhow::Error| {
        println!("{part}: FAILED: {error:#}");
        report.note(format!("{part} failed: {error:#}"));
        failed = true;
    };

    if let Err(error) = bench_sizes::add_size_figures(&mut report, &environment.dist()) {
        fail(&mut report, "sizes", error);
    }
    if wants("start") {
        println!("measuring cold start ({runs} runs)…");
        match bench_start::measure_cold_start(&environment, runs).await {
            Ok((first_visits, reloads)) => {
                report.add_with_budget(
                    "start.first_visit_ms",
                    "cold start, first visit: navigation → demo Overview drawn",
                    "ms",
                    first_visits,
                    700.0,
                );
                report.add_with_budget(
                    "start.reload_ms",
                    "start with the demo stored (reload) → Overview drawn",
                    "ms",
                    reloads,
                    700.0,
                );
            }
            Err(error) => fail(&mut report, "cold start", error),
        }
        match bench_start::measure_throttled_cold_start(&environment, runs).await {
            Ok(first_visits) => report.add_with_budget(
                "start.throttled_first_visit_ms",
                "cold start on 10 Mbit/s, 40 ms RTT: navigation → demo Overview drawn",
                "ms",
                first_visits,
                1_500.0,
            ),
            Err(error) => fail(&mut report, "throttled cold start", error),
        }
    }
    let mut large_counts = None;
    // `demo` only when asked for: a quick check of the bench itself.
    let scales = [
        ("demo", DemoScale::Demo),
        ("large", DemoScale::Large),
        ("xl", DemoScale::Xl),
    ];
    for (name, scale) in scales {
        let asked = wanted.iter().any(|w| w == name);
        if !(asked || (name != "demo" && wants(name)) || (name == "large" && wants("peer"))) {
            continue;
        }
        println!("measuring {name} ({runs} runs, a fresh browser each)…");
        match bench_scale::measure_scale(&environment, name, scale, runs).await {
            Ok(figures) => {
                if name == "large" {
                    large_counts = Some(figures.funnel_counts.clone());
                }
                figures.add_to(&mut report, name);
            }
            Err(error) => fail(&mut report, name, error),
        }
    }
    let native = criterion_median_ms(&manifest, "large_default_funnel_with_channel_breakdown");
    // The page runs the funnel after drawing and the other memos have emptied the processor's
    // caches of the index: the native run to compare it with is the one with cold caches too
    // (run back to back, warm, the same wasm is as fast as native: README, performance section).
    let native_cold = criterion_median_ms(
        &manifest,
        "large_default_funnel_with_channel_breakdown_cold_cache",
    );
    if let (Some(native), Some(native_cold)) = (native, native_cold) {
        report.add(
            "large.funnel.native_ms",
            "large: same funnel natively, back to back (criterion, speed limit)",
            "ms",
            vec![native],
        );
        report.add(
            "large.funnel.native_cold_ms",
            "large: same funnel natively, caches emptied before each run (criterion)",
            "ms",
            vec![native_cold],
        );
        if let Some(wasm) = report.median_of("large.funnel.run_breakdown_ms") {
            report.add(
                "large.funnel.wasm_over_native_warm",
                "large: funnel in the page ÷ native back to back",
                "×",
                vec![wasm / native],
            );
            report.add_with_budget(
                "large.funnel.wasm_over_native",
                "large: funnel in the page ÷ native, caches alike (cold)",
                "×",
                vec![wasm / native_cold],
                2.0,
            );
        }
    } else if wants("large") {
        report.note("no criterion figure: run `cargo bench --bench funnel_speed_limit` first (./x bench does)");
    }
    if wants("peer") {
        println!("measuring the DuckDB-wasm peer…");
        match bench_peer::measure_peer(&environment, runs, large_counts.as_deref()).await {
            Ok(peer) => peer.add_to(&mut report),
            Err(error) => fail(&mut report, "peer", error),
        }
    }
    if wants("tables") {
        println!("measuring the table import (100k CSV and XLSX, 1M CSV, cancel)…");
        if let Err(error) = bench_tables::measure_tables(&environment, &mut report, runs).await {
            fail(&mut report, "tables", error);
        }
    }
    if wants("unlock") {
        println!("measuring an encrypted file opened on a phone-like CPU…");
        if let Err(error) = bench_sharing::measure_unlock(&environment, &mut report, runs).await {
            fail(&mut report, "unlock", error);
        }
    }
    if wants("merge12") {
        println!("measuring twelve reps' files of ~60 MB merged in the tab…");
        if let Err(error) = bench_sharing::measure_twelve_files(&environment, &mut report).await {
            fail(&mut report, "merge12", error);
        }
    }
    if wants("journeys") {
        println!("measuring the journey map…");
        if let Err(error) = bench_journeys::measure_journeys(&environment, &mut report).await {
            fail(&mut report, "journeys", error);
        }
    }

    let json_path = std::env::var_os("OMNIRX_BENCH_JSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target/bench/report.json"));
    // The run to compare with: OMNIRX_BENCH_COMPARE (e.g. the reference run in docs/bench/),
    // otherwise the report this run replaces.
    let compare_with = std::env::var_os("OMNIRX_BENCH_COMPARE")
        .map(PathBuf::from)
        .unwrap_or_else(|| json_path.clone());
    let previous = bench_report::previous_medians(&compare_with);
    let machine = bench_report::describe_machine();
    let date = bench_report::today_utc();
    println!("\n{date} · {}", report.table(&machine, &previous));
    if let Some(directory) = json_path.parent() {
        let _ = std::fs::create_dir_all(directory);
    }
    if json_path.is_file() {
        let _ = std::fs::rename(&json_path, json_path.with_extension("previous.json"));
    }
    let json = report.to_json(&machine, &date);
    match std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    ) {
        Ok(()) => println!("JSON report: {}", json_path.display()),
        Err(error) => println!("cannot write {}: {error}", json_path.display()),
    }
    if failed {
        std::process::exit(1);
    }
}
