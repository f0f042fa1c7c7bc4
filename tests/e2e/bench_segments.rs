//! The Segments page's figures on a large workspace, read from the app's own `performance.measure`
//! entries: profiles (once per data change), all rules, the matrix, k-means k = 6 and movement,
//! and the longest task while the tabs are opened.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use crate::harness::Browser;

/// Opens every tab of the Segments page on the open workspace and returns one line of figures.
pub async fn measure_segments(browser: &Browser, limit: Duration) -> Result<String> {
    browser
        .script(
            "window.__segmentLongTasks = []; \
             new PerformanceObserver(list => { for (const e of list.getEntries()) window.__segmentLongTasks.push(e.duration); }) \
               .observe({type: 'longtask'}); return true;",
        )
        .await?;
    let started = Instant::now();
    browser.click("nav-segments").await?;
    browser.click("segments-tab-overview").await?;
    super::wait_until(browser, "segment-row", limit).await?;
    let overview_seconds = started.elapsed().as_secs_f64();
    browser.click("segments-tab-matrix").await?;
    super::wait_until(browser, "matrix-cell", limit).await?;
    // A rule edit reruns only the classification: time from the typed value to the new preview.
    browser.click("segments-tab-rules").await?;
    super::wait_until(browser, "rule-caught", limit).await?;
    let before = browser.texts_of_all("rule-caught").await?;
    let edited = Instant::now();
    browser.replace_text("rule-condition-min", "100").await?;
    loop {
        let now = browser.texts_of_all("rule-caught").await?;
        if !now.is_empty() && now != before {
            break;
        }
        ensure!(edited.elapsed() < limit, "the rule preview never changed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let preview_seconds = edited.elapsed().as_secs_f64();
    browser.click("rules-discard").await?;
    browser.click("segments-tab-clusters").await?;
    super::wait_until(browser, "cluster-row", limit).await?;
    browser.click("cluster-show-elbow").await?;
    super::wait_until(browser, "cluster-suggested-k", limit).await?;
    browser.click("segments-tab-movement").await?;
    super::wait_until(browser, "movement-transitions", limit).await?;
    let figures = browser
        .script(
            "const m = n => performance.getEntriesByName(n).map(e => e.duration); \
             return {base: m('omnirx:segment-base'), profiles: m('omnirx:segment-profiles'), \
                     rules: m('omnirx:segment-rules'), matrix: m('omnirx:segment-matrix'), \
                     kmeans: m('omnirx:segment-kmeans'), elbow: m('omnirx:segment-elbow-k'), movement: m('omnirx:segment-movement'), \
                     long: window.__segmentLongTasks};",
        )
        .await?;
    let last = |key: &str| {
        figures[key]
            .as_array()
            .and_then(|values| values.last())
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN)
    };
    let all = |key: &str| -> Vec<f64> {
        figures[key]
            .as_array()
            .map(|values| values.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default()
    };
    let longest = figures["long"]
        .as_array()
        .map(|values| values.iter().filter_map(|v| v.as_f64()).fold(0.0, f64::max))
        .unwrap_or(f64::NAN);
    Ok(format!(
        "segments | base {:>5.1} ms + profiles {:>5.1} ms (once per data change) | all rules {:>5.1} ms + matrix {:>5.1} ms = {:>5.1} ms | k-means k=6 {:>6.1} ms | elbow k=2..10 {:>6.1} ms in all, one k per task, longest {:>5.1} ms | movement (4 quarters) {:>6.1} ms | overview drawn {:.2} s after the click | rule edit to new preview {:.3} s | longest task {:.0} ms",
        last("base"),
        last("profiles"),
        last("rules"),
        last("matrix"),
        last("rules") + last("matrix"),
        last("kmeans"),
        all("elbow").iter().sum::<f64>(),
        all("elbow").iter().copied().fold(0.0, f64::max),
        last("movement"),
        overview_seconds,
        preview_seconds,
        longest
    ))
}
