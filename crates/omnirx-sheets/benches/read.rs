//! Native figures for the table readers (printed, not asserted): time, the table's heap bytes
//! and the process's peak memory against the file size, for a 100,000-row GBK CSV, a
//! 100,000-row XLSX, a 120 MiB UTF-8 CSV and a 1,000,000-row GBK CSV. Run with `cargo bench -p omnirx-sheets --bench read`
//! (`OMNIRX_BENCH_FILES=DIR` keeps the files in `DIR`).

use std::time::Instant;

use omnirx_sheets::{read_workbook, Limits, ReadChoices};
use omnirx_testkit::sheets;

/// A figure of the process's memory in bytes (Linux): `VmRSS` now, or `VmHWM` the peak.
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Resets the peak to the current resident memory and gives that.
fn reset_peak() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    memory("VmRSS:")
}

fn measure(label: &str, file_name: &str, bytes: Vec<u8>) {
    let size = bytes.len() as f64;
    let before = reset_peak();
    let started = Instant::now();
    let mut reports = 0;
    let workbook = read_workbook(
        file_name,
        &bytes,
        &ReadChoices::default(),
        &Limits::default(),
        &mut |_| {
            reports += 1;
            true
        },
    )
    .expect("the file reads");
    let elapsed = started.elapsed().as_secs_f64();
    let after = memory("VmHWM:");
    let table = &workbook.sheets[0];
    let heap = workbook
        .sheets
        .iter()
        .map(|t| t.heap_bytes())
        .sum::<usize>() as f64;
    let peak = match (before, after) {
        (Some(before), Some(after)) => format!(
            "peak RSS +{:.0} MB over the {:.0} MB before, the file included (file + reading = {:.2}x the file)",
            (after - before) as f64 / 1e6,
            before as f64 / 1e6,
            (size + (after - before) as f64) / size
        ),
        _ => "peak RSS not available".to_string(),
    };
    println!(
        "{label}: {:.1} MB, {} rows x {} columns, {:.2} s ({:.0} MB/s), table {:.1} MB ({:.2}x the file), {peak}, {reports} progress calls",
        size / 1e6,
        table.row_count(),
        table.width(),
        elapsed,
        size / 1e6 / elapsed,
        heap / 1e6,
        heap / size,
    );
}

/// A measured file: its label, its name, and its generator.
type Case = (&'static str, &'static str, fn() -> Vec<u8>);

/// Each file is read in a process of its own (this program, started again with the file's
/// path), so that the generators' freed memory does not hide the reader's.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, label, path] = &args[..] {
        let bytes = std::fs::read(path).expect("the file");
        let name = std::path::Path::new(path)
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("file");
        measure(label, name, bytes);
        return;
    }
    let cases: [Case; 4] = [
        ("GBK CSV, 100,000 rows", "visits.csv", || {
            sheets::chinese_interactions_gbk_csv(100_000)
        }),
        ("XLSX, 100,000 rows x 9", "crm.xlsx", || {
            sheets::crm_interactions_xlsx(100_000)
        }),
        ("UTF-8 CSV, 120 MiB", "large.csv", || {
            sheets::large_csv(120 * 1024 * 1024)
        }),
        ("GBK CSV, 1,000,000 rows", "large-gbk.csv", || {
            sheets::chinese_interactions_gbk_csv(1_000_000)
        }),
    ];
    let exe = std::env::current_exe().expect("this program");
    // `OMNIRX_BENCH_FILES=DIR` keeps the files there, e.g. for `omnirx import-table` figures.
    let kept = std::env::var_os("OMNIRX_BENCH_FILES").map(std::path::PathBuf::from);
    for (label, name, generate) in cases {
        let path = match &kept {
            Some(directory) => directory.join(name),
            None => std::env::temp_dir().join(format!("omnirx-bench-{name}")),
        };
        std::fs::write(&path, generate()).expect("written");
        let status = std::process::Command::new(&exe)
            .arg(label)
            .arg(&path)
            .status()
            .expect("the measurement runs");
        assert!(status.success());
        if kept.is_none() {
            let _ = std::fs::remove_file(&path);
        }
    }
}
