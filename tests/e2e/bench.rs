//! Browser figures for a large workspace, through the real app in headless Chromium: import
//! (read + parse + validate + preview, then the IndexedDB write), reopening after a reload, the
//! renderer's peak memory, the funnel, frames per second while the Customers list scrolls
//! from top to bottom, and the Segments page (rules, matrix, k-means, movement). Prints figures;
//! asserts only that the app did the work.
//!
//! `./x bench` runs it; by hand: `cargo test --release --features e2e --test browser_bench [demo|large|xl|journeys]`.

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

#[path = "bench_segments.rs"]
mod bench_segments;

#[path = "bench_journeys.rs"]
mod bench_journeys;

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use harness::{Environment, TempDirectory};
use omnirx::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx::domain::workspace_file::export_workspace;

/// Peak resident memory (VmHWM) of Chromium's renderer processes, in MB: the tab's real peak.
fn renderer_peak_megabytes() -> f64 {
    let mut peak_kb = 0u64;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let path = entry.path();
        let Ok(command_line) = std::fs::read(path.join("cmdline")) else {
            continue;
        };
        let command_line = String::from_utf8_lossy(&command_line);
        if !command_line.contains("chrom") || !command_line.contains("--type=renderer") {
            continue;
        }
        let status = std::fs::read_to_string(path.join("status")).unwrap_or_default();
        if let Some(line) = status.lines().find(|line| line.starts_with("VmHWM:")) {
            let kb: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
    }
    peak_kb as f64 / 1024.0
}

async fn wait_until(browser: &harness::Browser, test_id: &str, limit: Duration) -> Result<()> {
    let started = Instant::now();
    loop {
        if browser
            .client
            .find(fantoccini::Locator::Css(&harness::by_test_id(test_id)))
            .await
            .is_ok()
        {
            return Ok(());
        }
        ensure!(
            started.elapsed() < limit,
            "[data-testid={test_id}] did not appear within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn measure(environment: &Environment, name: &str, scale: DemoScale) -> Result<()> {
    let directory = TempDirectory::new("bench");
    let path = directory.0.join(format!("{name}.omnirx.json"));
    let workspace = generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::English));
    let interactions = workspace.interactions.len();
    let text = export_workspace(&workspace);
    drop(workspace);
    std::fs::write(&path, &text)?;
    let file_megabytes = text.len() as f64 / 1_000_000.0;
    drop(text);

    let browser = environment.browser("en-US").await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    let limit = Duration::from_secs(600);

    let started = Instant::now();
    browser.choose_file("import-file", &path).await?;
    wait_until(&browser, "import-preview", limit)
        .await
        .context("no preview")?;
    let preview_seconds = started.elapsed().as_secs_f64();
    let written = Instant::now();
    browser.click("import-as-new").await?;
    wait_until(&browser, "notice", limit)
        .await
        .context("no notice after the write")?;
    let write_seconds = written.elapsed().as_secs_f64();
    let notice = browser.text_of("notice").await?;
    ensure!(
        notice.contains("Imported"),
        "the import ended with: {notice}"
    );
    let peak_import = renderer_peak_megabytes();

    let reopened = Instant::now();
    browser.client.refresh().await?;
    browser.click("nav-overview").await?;
    loop {
        let shown = browser
            .text_of("count-interactions")
            .await
            .unwrap_or_default()
            .replace(',', "");
        if shown == interactions.to_string() {
            break;
        }
        ensure!(
            reopened.elapsed() < limit,
            "the reopened workspace shows {shown} interactions"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let reopen_seconds = reopened.elapsed().as_secs_f64();

    // The funnel on the reopened workspace: the app measures its own work with
    // performance.measure (omnirx:funnel-index, -run, -breakdown); long tasks are watched
    // while the controls change, to see whether any change freezes the page.
    browser.click("nav-funnels").await?;
    wait_until(&browser, "funnel-row", limit).await?;
    browser
        .script(
            "window.__longTasks = [];              new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })                .observe({type: 'longtask'}); return true;",
        )
        .await?;
    let change_started = Instant::now();
    browser.select("breakdown-dimension", "channel").await?;
    wait_until(&browser, "breakdown-row", limit).await?;
    for order in ["strict", "any", "ordered"] {
        browser.select("funnel-order", order).await?;
    }
    browser.select("funnel-unit", "account").await?;
    browser.select("funnel-unit", "hcp").await?;
    browser.select("compare-mode", "period").await?;
    wait_until(&browser, "comparison-row", limit).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let changes_seconds = change_started.elapsed().as_secs_f64();
    let figures = browser
        .script(
            "const m = n => performance.getEntriesByName(n).map(e => e.duration);              return {index: m('omnirx:funnel-index'), accounts: m('omnirx:funnel-account-index'),                      run: m('omnirx:funnel-run'), breakdown: m('omnirx:funnel-breakdown'),                      long: window.__longTasks};",
        )
        .await?;
    let list = |key: &str| -> Vec<f64> {
        figures[key]
            .as_array()
            .map(|values| values.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default()
    };
    let median = |mut values: Vec<f64>| -> f64 {
        if values.is_empty() {
            return f64::NAN;
        }
        values.sort_by(|a, b| a.total_cmp(b));
        values[values.len() / 2]
    };
    let (index, accounts, run, breakdown, long) = (
        list("index"),
        list("accounts"),
        list("run"),
        list("breakdown"),
        list("long"),
    );
    ensure!(!run.is_empty(), "the app recorded no funnel run");
    let longest = long.iter().copied().fold(0.0, f64::max);
    let customers = measure_customer_list(&browser, limit).await?;
    let segments = bench_segments::measure_segments(&browser, limit).await?;
    let _ = browser.client.clone().close().await;

    println!(
        "{name:<6} {file_megabytes:>9.1} MB {interactions:>10} interactions | read+parse+validate+preview {preview_seconds:>6.2} s | write {write_seconds:>6.2} s | import total {:>6.2} s | reopen {reopen_seconds:>5.2} s | renderer peak {peak_import:>7.0} MB ({:.1}× the file)",
        preview_seconds + write_seconds,
        peak_import / file_megabytes
    );
    println!(
        "{name:<6} funnel in the browser | index {:>6.0} ms (once per data change) | account index {:>5.0} ms | run {:>5.1} ms median of {} | breakdown by channel {:>5.1} ms | run + breakdown {:>5.1} ms | longest task while changing 8 controls {:>5.0} ms ({} long tasks, {changes_seconds:.1} s in all)",
        median(index),
        median(accounts),
        median(run.clone()),
        run.len(),
        median(breakdown.clone()),
        median(run) + median(breakdown),
        longest,
        long.len()
    );
    println!("{name:<6} {customers}");
    println!("{name:<6} {segments}");
    Ok(())
}

/// Scrolls the list from top to bottom in about two seconds, one step per animation frame, and
/// records every frame's length: what a user flinging through the list would see.
const SCROLL_THE_CUSTOMER_LIST: &str = "
    const list = document.querySelector('[data-testid=customers-scroll]');
    window.__customersScroll = null;
    const duration = 2000;
    const frames = [];
    let start = null;
    let last = null;
    let drawn = 0;
    const step = now => {
        if (start === null) { start = now; } else { frames.push(now - last); }
        last = now;
        drawn = Math.max(drawn, list.querySelectorAll('[data-testid=customers-row]').length);
        const progress = Math.min(1, (now - start) / duration);
        list.scrollTop = progress * (list.scrollHeight - list.clientHeight);
        if (progress < 1) {
            requestAnimationFrame(step);
        } else {
            requestAnimationFrame(end => {
                frames.push(end - last);
                window.__customersScroll = {
                    frames: frames.length,
                    seconds: (end - start) / 1000,
                    longest: Math.max(...frames),
                    slow: frames.filter(f => f > 50).length,
                    drawn,
                    last: [...list.querySelectorAll('[data-testid=customers-row]')].pop()?.getAttribute('aria-rowindex'),
                };
            });
        }
    };
    requestAnimationFrame(step);
    return true;";

/// The Customers page on the open workspace: time to the first rows, the row and filter memos'
/// times, a search, and frames per second while the list scrolls from top to bottom.
async fn measure_customer_list(browser: &harness::Browser, limit: Duration) -> Result<String> {
    let opened = Instant::now();
    browser.click("nav-customers").await?;
    wait_until(browser, "customers-row", limit).await?;
    let open_seconds = opened.elapsed().as_secs_f64();
    let total = browser.text_of("customers-count").await?;

    let searched = Instant::now();
    let first_name = browser.texts_of_all("customers-cell-name").await?[0].clone();
    browser.type_into("customers-search", &first_name).await?;
    loop {
        if browser.text_of("customers-count").await? != total {
            break;
        }
        ensure!(
            searched.elapsed() < limit,
            "the search never narrowed the list"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let search_seconds = searched.elapsed().as_secs_f64();
    browser.type_into("customers-search", "").await?;
    loop {
        if browser.text_of("customers-count").await? == total {
            break;
        }
        ensure!(searched.elapsed() < limit, "the search was never cleared");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    browser.script(SCROLL_THE_CUSTOMER_LIST).await?;
    let scrolled = Instant::now();
    let result = loop {
        let result = browser.script("return window.__customersScroll;").await?;
        if !result.is_null() {
            break result;
        }
        ensure!(
            scrolled.elapsed() < Duration::from_secs(60),
            "the scroll never finished"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let figures = browser
        .script(
            "const m = n => performance.getEntriesByName(n).map(e => e.duration);              return {rows: m('omnirx:customers-rows'), filter: m('omnirx:customers-filter')};",
        )
        .await?;
    let last = |key: &str| -> f64 {
        figures[key]
            .as_array()
            .and_then(|values| values.last())
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN)
    };
    let frames = result["frames"].as_f64().unwrap_or(0.0);
    let seconds = result["seconds"].as_f64().unwrap_or(f64::NAN);
    ensure!(frames > 0.0, "no frames were counted: {result}");
    Ok(format!(
        "customers ({total}) | first rows {open_seconds:>5.2} s | rows memo {:>5.0} ms | filter+sort {:>5.1} ms | search typed to count {search_seconds:>5.2} s | scroll top to bottom: {:.0} frames in {seconds:.2} s = {:.1} fps, longest frame {:.0} ms, {} frames over 50 ms, at most {} rows drawn, last row {}",
        last("rows"),
        last("filter"),
        frames,
        frames / seconds,
        result["longest"].as_f64().unwrap_or(f64::NAN),
        result["slow"],
        result["drawn"],
        result["last"],
    ))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .collect();
    let environment = match Environment::start() {
        Ok(environment) => environment,
        Err(error) => {
            eprintln!("browser_bench: cannot start: {error:#}");
            std::process::exit(1);
        }
    };
    let scales = [
        ("demo", DemoScale::Demo),
        ("large", DemoScale::Large),
        ("xl", DemoScale::Xl),
    ];
    let mut failed = false;
    for (name, scale) in scales {
        let default_run = matches!(name, "demo" | "large");
        if (wanted.is_empty() && !default_run)
            || (!wanted.is_empty() && !wanted.iter().any(|w| w == name))
        {
            continue;
        }
        if let Err(error) = measure(&environment, name, scale).await {
            println!("{name}: FAILED: {error:#}");
            failed = true;
        }
    }
    if wanted.is_empty() || wanted.iter().any(|w| w == "journeys") {
        match bench_journeys::measure_journeys(&environment).await {
            Ok(line) => println!("{line}"),
            Err(error) => {
                println!("journeys: FAILED: {error:#}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
