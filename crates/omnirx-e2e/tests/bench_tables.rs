//! The table import's figures in the browser (issue: bring your own data): a 100,000-row GBK CSV
//! and a 100,000-row XLSX read, mapped and checked to the report; a 1,000,000-row GBK CSV with
//! its progress updates, the longest main-thread task, the tab's peak memory against the file,
//! and a cancel in the middle. Each file in a fresh browser on the stored demo.

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use omnirx_testkit::sheets;

use crate::bench_report::Report;
use crate::harness::{Environment, TempDirectory};
use crate::wait_until;

const WATCH: &str = "
    window.__longTasks = [];
    new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({type: 'longtask'});
    for (const stage of ['reading', 'planning', 'writing']) performance.clearMarks('omnirx:table-progress-' + stage);
    return true;";

/// What one import measured.
struct Measured {
    to_mapping_s: f64,
    to_report_s: f64,
    longest_task_ms: f64,
    longest_progress_gap_ms: f64,
    /// The tab's peak memory before the file was chosen (the app with the stored demo open).
    peak_before_mb: f64,
    peak_mb: f64,
}

async fn import_to_report(
    environment: &Environment,
    path: &std::path::Path,
    limit: Duration,
) -> Result<Measured> {
    let browser = environment.browser("zh-CN").await?;
    crate::stored::open_data_page(&browser).await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("table-file").await?;
    browser.script(WATCH).await?;
    let peak_before_mb = crate::bench_scale::renderer_peak_megabytes();
    let started = Instant::now();
    browser.choose_file("table-file", path).await?;
    wait_until(&browser, "table-check", limit).await?;
    let to_mapping_s = started.elapsed().as_secs_f64();
    browser.click("table-check").await?;
    wait_until(&browser, "table-report", limit).await?;
    let to_report_s = started.elapsed().as_secs_f64();
    let longest_task_ms = browser
        .script("return Math.max(0, ...window.__longTasks);")
        .await?
        .as_f64()
        .unwrap_or(0.0);
    let gaps = browser
        .script(
            "let count = 0, gap = 0;
             for (const stage of ['reading', 'planning']) {
               const t = performance.getEntriesByName('omnirx:table-progress-' + stage).map(e => e.startTime);
               count += t.length;
               for (let i = 1; i < t.length; i++) gap = Math.max(gap, t[i] - t[i - 1]);
             }
             return [count, gap];",
        )
        .await?;
    let peak_mb = crate::bench_scale::renderer_peak_megabytes();
    browser.client.clone().close().await?;
    Ok(Measured {
        to_mapping_s,
        to_report_s,
        longest_task_ms,
        longest_progress_gap_ms: gaps[1].as_f64().unwrap_or(0.0),
        peak_before_mb,
        peak_mb,
    })
}

fn file(directory: &TempDirectory, name: &str, bytes: &[u8]) -> Result<std::path::PathBuf> {
    let path = directory.0.join(name);
    std::fs::write(&path, bytes).context("writing the bench file")?;
    Ok(path)
}

pub async fn measure_tables(
    environment: &Environment,
    report: &mut Report,
    runs: usize,
) -> Result<()> {
    let directory = TempDirectory::new("bench-tables");
    let csv_100k = sheets::gbk(&sheets::csv_text(&sheets::chinese_interactions_rows(
        100_000,
    )));
    let csv_100k_mb = csv_100k.len() as f64 / 1e6;
    let csv_100k = file(&directory, "visits-100k.csv", &csv_100k)?;
    let xlsx_100k = file(
        &directory,
        "crm-100k.xlsx",
        &sheets::crm_interactions_xlsx(100_000),
    )?;
    let csv_1m = sheets::gbk(&sheets::csv_text(&sheets::chinese_interactions_rows(
        1_000_000,
    )));
    let csv_1m_mb = csv_1m.len() as f64 / 1e6;
    let csv_1m = file(&directory, "visits-1m.csv", &csv_1m)?;
    let limit = Duration::from_secs(300);
    let (mut csv, mut xlsx, mut million) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        csv.push(
            import_to_report(environment, &csv_100k, limit)
                .await
                .with_context(|| format!("100k CSV, run {}", run + 1))?,
        );
        xlsx.push(
            import_to_report(environment, &xlsx_100k, limit)
                .await
                .with_context(|| format!("100k XLSX, run {}", run + 1))?,
        );
        println!(
            "  tables run {}: 100k GBK CSV {:.2} s, 100k XLSX {:.2} s",
            run + 1,
            csv[run].to_report_s,
            xlsx[run].to_report_s
        );
    }
    // The million rows take long: three runs at most.
    for run in 0..runs.min(3) {
        million.push(
            import_to_report(environment, &csv_1m, limit)
                .await
                .with_context(|| format!("1M CSV, run {}", run + 1))?,
        );
        println!(
            "  tables run {}: 1M GBK CSV {:.2} s",
            run + 1,
            million[run].to_report_s
        );
    }
    let of = |list: &[Measured], f: fn(&Measured) -> f64| list.iter().map(f).collect::<Vec<_>>();
    report.add(
        "tables.csv_100k_mb",
        "table import: 100,000-row GBK CSV, file size",
        "MB",
        vec![csv_100k_mb],
    );
    report.add_with_budget(
        "tables.csv_100k_report_s",
        "table import: 100,000-row GBK CSV → report (read, map, check)",
        "s",
        of(&csv, |m| m.to_report_s),
        2.0,
    );
    report.add(
        "tables.csv_100k_mapping_s",
        "table import: 100,000-row GBK CSV → mapping shown",
        "s",
        of(&csv, |m| m.to_mapping_s),
    );
    report.add_with_budget(
        "tables.xlsx_100k_report_s",
        "table import: 100,000-row XLSX → report",
        "s",
        of(&xlsx, |m| m.to_report_s),
        6.0,
    );
    report.add(
        "tables.csv_1m_mb",
        "table import: 1,000,000-row GBK CSV, file size",
        "MB",
        vec![csv_1m_mb],
    );
    report.add_with_budget(
        "tables.csv_1m_report_s",
        "table import: 1,000,000-row GBK CSV → report",
        "s",
        of(&million, |m| m.to_report_s),
        12.0,
    );
    report.add_with_budget(
        "tables.csv_1m_progress_gap_ms",
        "table import: 1M rows, longest gap between progress updates",
        "ms",
        of(&million, |m| m.longest_progress_gap_ms),
        250.0,
    );
    report.add_with_budget(
        "tables.csv_1m_longest_task_ms",
        "table import: 1M rows, longest main-thread task",
        "ms",
        of(&million, |m| m.longest_task_ms),
        200.0,
    );
    // The renderer's figures are in MiB; the file's in MB.
    const MIB: f64 = 1.048_576;
    report.add(
        "tables.csv_1m_peak_before_mb",
        "table import: 1M rows, tab's peak memory before the file is chosen",
        "MB",
        of(&million, |m| m.peak_before_mb * MIB),
    );
    report.add(
        "tables.csv_1m_peak_mb",
        "table import: 1M rows, tab's peak memory (VmHWM, page + worker)",
        "MB",
        of(&million, |m| m.peak_mb * MIB),
    );
    report.add(
        "tables.csv_1m_peak_total_over_file",
        "table import: 1M rows, tab's peak memory ÷ file size",
        "×",
        million
            .iter()
            .map(|m| m.peak_mb * MIB / csv_1m_mb)
            .collect(),
    );
    report.add_with_budget(
        "tables.csv_1m_peak_over_file",
        "table import: 1M rows, memory the import adds to the tab's peak ÷ file size",
        "×",
        million
            .iter()
            .map(|m| (m.peak_mb - m.peak_before_mb) * MIB / csv_1m_mb)
            .collect(),
        4.0,
    );
    // Cancel half way: the worker stops at once, nothing stored changes.
    let browser = environment.browser("en-US").await?;
    crate::stored::open_data_page(&browser).await?;
    let before = crate::stored::read_stored(&browser).await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.choose_file("table-file", &csv_1m).await?;
    wait_until(&browser, "table-progress-text", limit).await?;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let started = Instant::now();
    browser.click("table-cancel").await?;
    wait_until(&browser, "table-failed", limit).await?;
    let cancelled_ms = started.elapsed().as_secs_f64() * 1000.0;
    ensure!(
        !browser.is_present("table-progress").await,
        "the progress stayed after cancel"
    );
    ensure!(
        crate::stored::read_stored(&browser).await? == before,
        "cancel changed what is stored"
    );
    report.add(
        "tables.cancel_ms",
        "table import: cancel during a 1M-row read → stopped",
        "ms",
        vec![cancelled_ms],
    );
    Ok(())
}
