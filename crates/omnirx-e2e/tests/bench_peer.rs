//! The peer: the same default funnel on the same `large` data computed by DuckDB-wasm as one SQL
//! query in the same headless Chromium (`tools/peer/`, loaded from its `node_modules` on
//! localhost). Checks that both give the same count per step and reports both times.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use crate::bench_report::{median, Report};
use crate::harness::{serve_directory, Environment};

fn peer_directory() -> PathBuf {
    omnirx_e2e::repository().join("tools/peer")
}

/// Where the large workspace is kept for the peer (`tools/peer/data/` is not committed).
pub fn workspace_path() -> PathBuf {
    let data = peer_directory().join("data");
    let _ = std::fs::create_dir_all(&data);
    data.join("large.omnirx.json")
}

/// DuckDB's figures and whether its counts equal OmniRx's.
pub struct PeerFigures {
    pub load_ms: f64,
    pub query_ms: Vec<f64>,
    pub counts: Vec<u64>,
    pub omnirx_counts: Option<Vec<u64>>,
    pub duckdb_version: String,
}

impl PeerFigures {
    pub fn add_to(&self, report: &mut Report) {
        report.add(
            "peer.duckdb.load_ms",
            &format!(
                "peer: DuckDB-wasm {} loads the CSV tables",
                self.duckdb_version
            ),
            "ms",
            vec![self.load_ms],
        );
        report.add(
            "peer.duckdb.funnel_ms",
            "peer: DuckDB-wasm default funnel (SQL)",
            "ms",
            self.query_ms.clone(),
        );
        if let Some(omnirx) = report.median_of("large.funnel.run_ms") {
            let duckdb = median(&self.query_ms);
            report.add(
                "peer.duckdb_over_omnirx",
                "peer: DuckDB time ÷ OmniRx funnel run time",
                "×",
                vec![duckdb / omnirx],
            );
        }
        match &self.omnirx_counts {
            Some(omnirx) if *omnirx == self.counts => report.note(format!(
                "peer: DuckDB and OmniRx agree on every step's count: {:?}",
                self.counts
            )),
            Some(omnirx) => report.note(format!(
                "peer: COUNTS DIFFER: DuckDB {:?}, OmniRx {:?}",
                self.counts, omnirx
            )),
            None => report.note(format!(
                "peer: DuckDB counts {:?} (OmniRx's were not measured in this run)",
                self.counts
            )),
        }
    }
}

/// Converts the large workspace to CSV, opens the peer page and reads its result.
pub async fn measure_peer(
    environment: &Environment,
    runs: usize,
    omnirx_counts: Option<&[u64]>,
) -> Result<PeerFigures> {
    let directory = peer_directory();
    ensure!(
        directory.join("node_modules/@duckdb/duckdb-wasm").is_dir(),
        "DuckDB-wasm is not installed: run `npm ci --prefix tools/peer` (./x bench does)"
    );
    let workspace = workspace_path();
    ensure!(
        workspace.is_file(),
        "no large workspace at {}: run the large figures first",
        workspace.display()
    );
    let status = Command::new("python3")
        .arg(directory.join("workspace_to_csv.py"))
        .arg(&workspace)
        .arg(directory.join("data"))
        .status()
        .context("running tools/peer/workspace_to_csv.py")?;
    ensure!(status.success(), "workspace_to_csv.py failed: {status}");

    let (_server, port) = serve_directory(&directory)?;
    let browser = environment.browser("en-US").await?;
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/index.html?runs={runs}"))
        .await?;
    let started = Instant::now();
    let result = loop {
        let result = browser.script("return window.peerResult || null;").await?;
        if !result.is_null() {
            break result;
        }
        ensure!(
            started.elapsed() < Duration::from_secs(600),
            "the peer page never finished"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let _ = browser.client.clone().close().await;
    if let Some(error) = result["error"].as_str() {
        bail!("the peer page failed: {error}");
    }
    let numbers = |key: &str| -> Vec<f64> {
        result[key]
            .as_array()
            .map(|values| values.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default()
    };
    Ok(PeerFigures {
        load_ms: result["load_ms"].as_f64().unwrap_or(f64::NAN),
        query_ms: numbers("query_ms"),
        counts: numbers("counts").into_iter().map(|c| c as u64).collect(),
        omnirx_counts: omnirx_counts.map(<[u64]>::to_vec),
        duckdb_version: result["duckdb_version"].as_str().unwrap_or("?").to_string(),
    })
}
