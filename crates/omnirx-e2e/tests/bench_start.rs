//! Start-up and page figures measured inside the page: cold start to a drawn Overview (the app's
//! `omnirx:overview-drawn` mark, counted from navigation start), and how long each page takes to
//! draw after its link is clicked (until its key element is in the page and a frame is painted).

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use crate::harness::{Browser, Environment};

/// The pages, the link that opens each and the element that shows it is drawn (the last part
/// drawn, where a page draws in two steps).
pub const PAGES: [(&str, &str, &str); 7] = [
    ("funnels", "nav-funnels", "[data-testid=funnel-row]"),
    ("segments", "nav-segments", "[data-testid=segment-row]"),
    ("customers", "nav-customers", "[data-testid=customers-row]"),
    ("journeys", "nav-journeys", "[data-testid=journey-map] svg"),
    ("data", "nav-data", "[data-testid=workspace-row]"),
    (
        "performance",
        "nav-performance",
        "[data-testid=performance-row]",
    ),
    (
        "overview",
        "nav-overview",
        "[data-testid=overview-segment-chart] [data-testid=bar-row]",
    ),
];

/// Waits for the app's cold-start mark and returns its time since navigation start, in ms.
pub async fn overview_drawn_ms(browser: &Browser, limit: Duration) -> Result<f64> {
    let started = Instant::now();
    loop {
        let value = browser
            .script(
                "const e = performance.getEntriesByName('omnirx:overview-drawn')[0]; \
                 return e ? e.startTime : null;",
            )
            .await?;
        if let Some(ms) = value.as_f64() {
            return Ok(ms);
        }
        ensure!(
            started.elapsed() < limit,
            "the Overview was never marked drawn"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Cold start of the demo: `runs` first visits, each in a fresh browser profile (nothing cached,
/// nothing stored: the demo is generated), then `runs` reloads of the last one (the demo stored
/// in IndexedDB, the app in the HTTP cache). Returns (first visits, reloads) in ms.
pub async fn measure_cold_start(
    environment: &Environment,
    runs: usize,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let limit = Duration::from_secs(60);
    let mut first_visits = Vec::new();
    let mut reloads = Vec::new();
    for run in 0..runs {
        let browser = environment.browser("zh-CN").await?;
        browser.open(&browser.root_url).await?;
        first_visits.push(overview_drawn_ms(&browser, limit).await?);
        if run + 1 == runs {
            for _ in 0..runs {
                browser.client.refresh().await?;
                reloads.push(overview_drawn_ms(&browser, limit).await?);
            }
        }
        let _ = browser.client.clone().close().await;
    }
    Ok((first_visits, reloads))
}

/// Like `harness::serve_directory`, compressing as static hosts do (`tools/gzip_server.py`).
pub fn serve_directory_gzip(root: &std::path::Path) -> Result<(crate::harness::Guard, u16)> {
    let port = crate::harness::free_port();
    let child = std::process::Command::new("python3")
        .arg(omnirx_e2e::repository().join("tools/gzip_server.py"))
        .arg(port.to_string())
        .arg(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("starting tools/gzip_server.py")?;
    let guard = crate::harness::Guard(child);
    crate::harness::wait_for_port(port, "the compressing file server")?;
    Ok((guard, port))
}

/// Cold start of the demo on a throttled connection (DevTools network emulation: 10 Mbit/s down,
/// 5 Mbit/s up, 40 ms round trip, as issue 19 asks), from a server that sends the files
/// gzip-compressed as static hosts do: `runs` first visits, each in a fresh profile. Returns the
/// times in ms, navigation start → demo Overview drawn.
pub async fn measure_throttled_cold_start(
    environment: &Environment,
    runs: usize,
) -> Result<Vec<f64>> {
    let limit = Duration::from_secs(120);
    let (_server, port) = serve_directory_gzip(&environment.dist())?;
    let url = format!("http://127.0.0.1:{port}/");
    let mut first_visits = Vec::new();
    for _ in 0..runs {
        let browser = environment.browser("zh-CN").await?;
        browser
            .devtools("Network.enable", serde_json::json!({}))
            .await?;
        browser
            .devtools(
                "Network.emulateNetworkConditions",
                serde_json::json!({
                    "offline": false,
                    "latency": 40,
                    "downloadThroughput": 10_000_000 / 8,
                    "uploadThroughput": 5_000_000 / 8,
                }),
            )
            .await?;
        browser.open(&url).await?;
        first_visits.push(overview_drawn_ms(&browser, limit).await?);
        let _ = browser.client.clone().close().await;
    }
    Ok(first_visits)
}

/// Clicks a link and resolves, in ms, once `selector` matches and the frame after it has been
/// painted (a task queued from the next animation frame runs after that frame's paint).
pub const DRAW_AFTER_CLICK: &str = "
    const [link, selector, done] = arguments;
    const started = performance.now();
    const finish = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - started)));
    const observer = new MutationObserver(() => {
        if (document.querySelector(selector)) { observer.disconnect(); finish(); }
    });
    observer.observe(document.body, {childList: true, subtree: true});
    document.querySelector(`[data-testid=${link}]`).click();
    setTimeout(() => { observer.disconnect(); done(-1); }, 25000);";

/// Opens every page once from the current one and returns each page's draw time in ms, in the
/// order of [`PAGES`].
pub async fn measure_page_draws(browser: &Browser) -> Result<Vec<f64>> {
    let mut times = Vec::new();
    for (page, link, selector) in PAGES {
        let value = browser
            .client
            .execute_async(
                DRAW_AFTER_CLICK,
                vec![serde_json::json!(link), serde_json::json!(selector)],
            )
            .await
            .with_context(|| format!("drawing the {page} page"))?;
        let ms = value.as_f64().unwrap_or(-1.0);
        if ms < 0.0 {
            let shown = browser
                .script("return location.hash + ' ' + [...new Set([...document.querySelectorAll('[data-testid]')].map(e => e.dataset.testid))].join(' ');")
                .await?;
            bail!("the {page} page never showed {selector} within 25 s; the page has {shown}");
        }
        times.push(ms);
    }
    Ok(times)
}
