//! The Performance page (docs/kpis.md): the same numbers as `omnirx kpis`, drill-down from the
//! team to an account and back, CSV and chart exports, and settings that change the status.

use std::process::Command;

use anyhow::{ensure, Context, Result};

use crate::harness::{Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "performance_numbers_equal_the_cli_and_drill_down_to_an_account_and_back",
            language: "zh-CN",
            run: |b| Box::pin(numbers_equal_the_cli_and_drill_down(b)),
        },
        Case {
            name: "performance_exports_csv_and_svg_and_its_settings_change_the_status",
            language: "en-US",
            run: |b| Box::pin(exports_and_settings(b)),
        },
    ]
}

/// Exports the open workspace from the Data page and runs `omnirx kpis --json` on it.
async fn cli_kpis_of_exported_workspace(browser: &Browser) -> Result<serde_json::Value> {
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let directory = TempDirectory::new("exported");
    let path = directory.0.join(name);
    std::fs::write(&path, bytes)?;
    let output = Command::new(omnirx_e2e::cli())
        .args(["kpis", "--by", "region", "--json"])
        .arg(&path)
        .output()?;
    ensure!(
        output.status.success(),
        "omnirx kpis failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn percent_text(value: &serde_json::Value) -> String {
    value
        .as_f64()
        .map_or("—".to_string(), |ratio| format!("{:.1}%", ratio * 100.0))
}

async fn wait_for_value(browser: &Browser, test_id: &str, value: &str) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let current = browser.element(test_id).await?.prop("value").await?;
        if current.as_deref() == Some(value) {
            return Ok(());
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "[data-testid={test_id}] is {current:?}, expected {value:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn numbers_equal_the_cli_and_drill_down(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    browser.element("workspace-summary").await?;
    let cli = cli_kpis_of_exported_workspace(&browser).await?;
    let expected = percent_text(&cli["attainment"]["total"]["attainment"]);
    // The Overview's card shows the team's year to date too.
    browser.click("nav-overview").await?;
    browser.element("overview-performance").await?;
    let team = browser.texts_of_all("overview-performance-row").await?;
    ensure!(
        team.first().is_some_and(|row| row.contains(&expected)),
        "the Overview's card shows {team:?}, the CLI {expected}"
    );
    browser.click("overview-performance-link").await?;
    browser
        .wait_for_text("performance-total-attainment", &expected)
        .await?;
    let rows: Vec<String> = cli["attainment"]["rows"]
        .as_array()
        .context("the CLI's rows")?
        .iter()
        .map(|row| percent_text(&row["attainment"]))
        .collect();
    let shown = browser.texts_of_all("performance-attainment").await?;
    ensure!(shown == rows, "the page shows {shown:?}, the CLI {rows:?}");
    // The chart writes each month's attainment above its bar.
    let monthly = browser.texts_of_all("performance-month-attainment").await?;
    ensure!(
        !monthly.is_empty() && monthly.iter().all(|text| text.ends_with('%')),
        "the chart's attainments: {monthly:?}"
    );
    let reach = percent_text(&cli["activity"]["total"]["reach"]);
    ensure!(
        browser.is_present("performance-activity-table").await,
        "no activity table"
    );
    browser
        .keep_views_around("performance", Some("performance-ranking"))
        .await?;

    // Region → territory → rep → account, then back to the whole team.
    for next in ["territory", "rep", "account"] {
        browser.click("performance-drill").await?;
        wait_for_value(&browser, "performance-dimension", next).await?;
    }
    let steps = browser.texts_of_all("performance-trail-step").await?;
    ensure!(steps.len() == 3, "the trail shows {steps:?}");
    ensure!(steps[0] == "全团队", "the trail starts with {:?}", steps[0]);
    ensure!(
        !browser.texts_of_all("performance-row").await?.is_empty(),
        "a rep's accounts are listed"
    );
    browser
        .keep_views_around("performance-drilled", Some("performance-ranking"))
        .await?;
    browser.click("performance-trail-step").await?;
    wait_for_value(&browser, "performance-dimension", "region").await?;
    browser
        .wait_for_text("performance-total-attainment", &expected)
        .await?;
    // The activity table's team reach is the CLI's for the same period.
    browser.select("performance-activity-by", "team").await?;
    let team_reach = browser.texts_of_all("performance-reach").await?;
    ensure!(
        team_reach == [reach.clone()],
        "the team's reach is {team_reach:?}, the CLI's {reach}"
    );
    Ok(())
}

async fn exports_and_settings(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/performance", browser.root_url))
        .await?;
    browser.element("performance-total-attainment").await?;
    for section in [
        "performance-monthly",
        "performance-forecast",
        "performance-activity",
        "performance-follow-up",
        "performance-effort",
    ] {
        browser.keep_views_around(section, Some(section)).await?;
    }
    browser.click("performance-export-csv").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let csv = String::from_utf8(bytes)?;
    ensure!(name.ends_with("-region.csv"), "downloaded as {name:?}");
    ensure!(
        csv.contains("Attainment") && csv.lines().count() >= 4,
        "the CSV is {csv:?}"
    );
    browser.click("performance-chart-svg").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let svg = String::from_utf8(bytes)?;
    ensure!(
        name.ends_with(".svg") && svg.contains("<svg") && svg.contains("Target, actual"),
        "the chart exported as {name:?}"
    );

    // A bad date is refused and named; then a stricter threshold turns the team's status.
    browser.click("performance-settings-open").await?;
    browser
        .replace_text("performance-holidays", "2026-13-01")
        .await?;
    browser.click("performance-save-settings").await?;
    let error = browser.text_of("performance-settings-error").await?;
    ensure!(error.contains("2026-13-01"), "the error says {error:?}");
    browser
        .replace_text("performance-holidays", "2026-10-01")
        .await?;
    browser.replace_text("performance-on-track", "500").await?;
    browser.replace_text("performance-at-risk", "400").await?;
    browser.click("performance-save-settings").await?;
    browser
        .wait_for_text("performance-total-status", "Behind")
        .await?;
    browser
        .keep_views_around("performance-settings", Some("performance-settings"))
        .await?;
    Ok(())
}
