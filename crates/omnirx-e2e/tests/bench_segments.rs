//! The Segments page's figures on a large workspace, read from the app's own `performance.measure`
//! entries: profiles (once per data change), all rules, the matrix, k-means k = 6 and movement,
//! and the longest task while the tabs are opened.

use std::time::{Duration, Instant};

use anyhow::{ensure, Result};

use crate::harness::Browser;

/// The Segments page's figures in ms (the latest of each measure).
pub struct SegmentFigures {
    pub rules: f64,
    pub matrix: f64,
    pub kmeans: f64,
    /// The elbow chart: the sample's distances plus every k, and its longest task.
    pub elbow_total: f64,
    pub elbow_longest: f64,
    pub profiles: f64,
    pub rule_edit_to_preview: f64,
    pub longest_task: f64,
}

/// Opens every tab of the Segments page on the open workspace and returns its figures.
pub async fn measure_segments(browser: &Browser, limit: Duration) -> Result<SegmentFigures> {
    browser
        .script(
            "window.__segmentLongTasks = []; \
             new PerformanceObserver(list => { for (const e of list.getEntries()) window.__segmentLongTasks.push(e.duration); }) \
               .observe({type: 'longtask'}); return true;",
        )
        .await?;
    browser.click("nav-segments").await?;
    browser.click("segments-tab-overview").await?;
    super::wait_until(browser, "segment-row", limit).await?;
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
    // Back to the first tab, so that the next visit to the page draws what a first visit draws.
    browser.click("segments-tab-overview").await?;
    let figures = browser
        .script(
            "const m = n => performance.getEntriesByName(n).map(e => e.duration); \
             return {base: m('omnirx:segment-base'), profiles: m('omnirx:segment-profiles'), \
                     rules: m('omnirx:segment-rules'), matrix: m('omnirx:segment-matrix'), \
                     kmeans: m('omnirx:segment-kmeans'), elbow: m('omnirx:segment-elbow-k').concat(m('omnirx:segment-elbow-distances')), movement: m('omnirx:segment-movement'), \
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
    let longest = figures["long"]
        .as_array()
        .map(|values| values.iter().filter_map(|v| v.as_f64()).fold(0.0, f64::max))
        .unwrap_or(f64::NAN);
    // The chart shown once: one distances task and one task per k (2…10).
    let elbow: Vec<f64> = figures["elbow"]
        .as_array()
        .map(|values| values.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    ensure!(
        elbow.len() == 10,
        "the elbow chart ran {} tasks, not 10",
        elbow.len()
    );
    Ok(SegmentFigures {
        elbow_total: elbow.iter().sum(),
        elbow_longest: elbow.iter().copied().fold(0.0, f64::max),
        rules: last("rules"),
        matrix: last("matrix"),
        kmeans: last("kmeans"),
        profiles: last("base") + last("profiles"),
        rule_edit_to_preview: preview_seconds * 1_000.0,
        longest_task: longest,
    })
}
