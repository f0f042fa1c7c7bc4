//! The Segments page as a user meets it: edit a rule and see the counts move, save, reload, check
//! the sizes against `omnirx segments --json` on the exported file, and list a matrix cell's HCPs.

use std::process::Command;

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{number, Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "segment_rule_edit_moves_the_counts_survives_a_reload_and_equals_the_cli",
            language: "en-US",
            run: |b| Box::pin(segment_rule_edit(b)),
        },
        Case {
            name: "a_matrix_cell_lists_exactly_its_hcps",
            language: "zh-CN",
            run: |b| Box::pin(a_matrix_cell_lists_its_hcps(b)),
        },
    ]
}

async fn wait_until_changed(
    browser: &Browser,
    test_id: &str,
    before: &[String],
) -> Result<Vec<String>> {
    let started = std::time::Instant::now();
    loop {
        let now = browser.texts_of_all(test_id).await?;
        if !now.is_empty() && now != before {
            return Ok(now);
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "[data-testid={test_id}] still shows {before:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn segment_rule_edit(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/segments", browser.root_url))
        .await?;
    browser.element("segment-row").await?;
    let sizes_before = browser.texts_of_all("segment-size").await?;
    ensure!(
        sizes_before.len() == 4,
        "tiers A–D expected, got {sizes_before:?}"
    );

    // The first rule sends potential ≥ 60 and top-30 % volume to A; raise its minimum to 100.
    browser.click("segments-tab-rules").await?;
    browser.element("rule").await?;
    let caught_before = browser.texts_of_all("rule-caught").await?;
    browser.replace_text("rule-condition-min", "100").await?;
    let caught_after = wait_until_changed(&browser, "rule-caught", &caught_before).await?;
    ensure!(
        number(&caught_after[0])? < number(&caught_before[0])?,
        "the preview did not drop: {caught_before:?} → {caught_after:?}"
    );
    browser
        .wait_for_text("rules-status", "Unsaved changes (preview updated)")
        .await?;
    // Not saved yet: the overview still shows the old sizes, and the draft waits in the editor.
    browser.click("segments-tab-overview").await?;
    ensure!(
        browser.texts_of_all("segment-size").await? == sizes_before,
        "an unsaved draft changed the segments"
    );
    browser.click("segments-tab-rules").await?;
    browser
        .wait_for_text("rules-status", "Unsaved changes (preview updated)")
        .await?;
    browser.click("rules-save").await?;
    browser.wait_for_text("rules-status", "Saved").await?;
    browser.click("segments-tab-overview").await?;
    let sizes_after = wait_until_changed(&browser, "segment-size", &sizes_before).await?;
    ensure!(
        number(&sizes_after[0])? == number(&caught_after[0])?,
        "tier A has {sizes_after:?}, the preview promised {caught_after:?}"
    );

    // After a reload the rule is still there and the sizes are the same.
    browser.client.refresh().await?;
    browser.element("segment-row").await?;
    let sizes_reloaded = browser.texts_of_all("segment-size").await?;
    ensure!(
        sizes_reloaded == sizes_after,
        "after the reload: {sizes_reloaded:?}, before: {sizes_after:?}"
    );
    browser.click("segments-tab-rules").await?;
    let minimum = browser
        .element("rule-condition-min")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(minimum == "100", "the saved minimum reads {minimum:?}");

    // The command line, on the exported file, counts the same.
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let directory = TempDirectory::new("exported-segments");
    let path = directory.0.join(name);
    std::fs::write(&path, bytes)?;
    let output = Command::new(omnirx_e2e::cli())
        .args([
            "segments",
            path.to_str().unwrap(),
            "--rules",
            "rs-tiers",
            "--json",
        ])
        .output()?;
    ensure!(
        output.status.success(),
        "omnirx segments failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let cli_sizes: Vec<u64> = report[0]["segments"]
        .as_array()
        .context("no segments in the CLI's report")?
        .iter()
        .map(|s| s["size"].as_u64().unwrap_or(u64::MAX))
        .collect();
    let screen: Vec<u64> = sizes_after
        .iter()
        .map(|s| number(s))
        .collect::<Result<_>>()?;
    ensure!(
        cli_sizes == screen,
        "the CLI counts {cli_sizes:?}, the screen {screen:?}"
    );
    Ok(())
}

async fn a_matrix_cell_lists_its_hcps(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/segments", browser.root_url))
        .await?;
    browser.click("segments-tab-matrix").await?;
    browser.element("matrix-cell").await?;
    // Cut-offs chosen by the user: potential < 30, 30–79, ≥ 80; support stays at stages 2 and 4.
    browser
        .replace_text("matrix-potential-cutoffs", "30, 80")
        .await?;
    let cell = "[data-testid=\"matrix-cell\"][data-potential-band=\"2\"][data-support-band=\"2\"]";
    let started = std::time::Instant::now();
    let (count, strategy) = loop {
        let value = browser
            .script(&format!(
                "const c = document.querySelector('{cell}'); \
                 return c && document.querySelector('[data-testid=\"matrix-potential-cutoffs\"]').value === '30, 80' \
                   ? [c.querySelector('[data-testid=\"matrix-count\"]').textContent, c.querySelector('[data-testid=\"matrix-strategy\"]').textContent] : null"
            ))
            .await?;
        if let Some(pair) = value.as_array() {
            break (
                number(pair[0].as_str().unwrap_or_default())?,
                pair[1].as_str().unwrap_or_default().to_string(),
            );
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the matrix never showed the new cut-offs"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    ensure!(
        strategy == "巩固",
        "high potential and high support should be Defend (巩固), not {strategy:?}"
    );
    ensure!(
        count > 0,
        "the demo has HCPs with potential ≥ 80 at trial or adoption"
    );
    let element = browser.client.find(Locator::Css(cell)).await?;
    browser
        .client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&element)?],
        )
        .await?;
    element.click().await?;
    let listed = number(
        browser
            .text_of("matrix-members-count")
            .await?
            .split_whitespace()
            .next()
            .unwrap_or_default(),
    )?;
    ensure!(listed == count, "the cell says {count}, the list {listed}");
    let potentials: Vec<u64> = browser
        .texts_of_all("matrix-member-potential")
        .await?
        .iter()
        .map(|t| number(t))
        .collect::<Result<_>>()?;
    ensure!(
        potentials.len() as u64 == count.min(200),
        "{} rows listed for {count} HCPs",
        potentials.len()
    );
    ensure!(
        potentials.iter().all(|p| *p >= 80),
        "an HCP below the cut-off is listed: {potentials:?}"
    );
    ensure!(
        potentials.windows(2).all(|pair| pair[0] >= pair[1]),
        "the list is not by potential, highest first"
    );
    let stages = browser
        .script("return [...document.querySelectorAll('[data-testid=\"matrix-member-stage\"]')].map(e => Number(e.dataset.stage))")
        .await?;
    let stages: Vec<u64> = stages
        .as_array()
        .context("no stages")?
        .iter()
        .filter_map(|s| s.as_u64())
        .collect();
    ensure!(
        stages.len() == potentials.len() && stages.iter().all(|s| *s >= 4),
        "an HCP below trial is listed: {stages:?}"
    );

    // The clusters' chart exports as an SVG file with its Chinese labels as text.
    browser.click("segments-tab-clusters").await?;
    browser.element("cluster-row").await?;
    browser.click("cluster-chart-svg").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let svg = String::from_utf8(bytes)?;
    ensure!(name.ends_with(".svg"), "downloaded {name:?}");
    ensure!(
        svg.contains("<svg") && svg.contains("聚类 1") && svg.contains("各聚类医生人数"),
        "the exported chart lacks its labels: {}",
        &svg[..svg.len().min(300)]
    );

    // Adoption stage alone takes five values: with k = 6 the view says one cluster stays empty,
    // and with k = 5 it says nothing.
    browser
        .script(
            "document.querySelectorAll('[data-testid=\"cluster-feature\"]')\
             .forEach((box, i) => { if (i !== 2) box.click(); })",
        )
        .await?;
    browser
        .wait_for_text(
            "cluster-distinct-points",
            "所选特征只有 5 种不同的取值组合，少于聚类数 k = 6：多出的聚类分不到医生。请减小 k 或多选几个特征。",
        )
        .await?;
    // The sixth cluster is empty and says so instead of describing a centroid no HCP is near.
    let profiles = browser.texts_of_all("cluster-profile").await?;
    ensure!(
        profiles.last().map(String::as_str) == Some("空聚类（没有医生）"),
        "profiles: {profiles:?}"
    );
    browser.select("cluster-k", "5").await?;
    // Five clusters on five distinct values: every row sits on its centroid, a silhouette of 1.
    browser
        .wait_for_text(
            "cluster-silhouette",
            "轮廓系数: 1.00 · 越接近 1 分得越清楚；超过 2,000 位医生时按均匀抽样计算",
        )
        .await?;
    let notices = browser
        .script(
            "return document.querySelectorAll('[data-testid=\"cluster-distinct-points\"]').length",
        )
        .await?;
    ensure!(notices == 0, "k = 5 on five stages still shows the notice");
    Ok(())
}
