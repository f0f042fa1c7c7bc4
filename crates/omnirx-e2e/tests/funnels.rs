//! The Funnels page as a user meets it: tune the funnel, read the numbers, check them against
//! `omnirx funnel --json` on the exported file, break down, follow a drop-off, and export the chart.

use std::process::Command;

use anyhow::{ensure, Context, Result};

use crate::harness::{number, Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "funnel_numbers_on_screen_equal_the_cli_after_changing_order_and_window",
            language: "en-US",
            run: |b| Box::pin(funnel_numbers_on_screen_equal_the_cli(b)),
        },
        Case {
            name: "breakdown_drop_off_what_if_and_a_workshop_funnel",
            language: "en-US",
            run: |b| Box::pin(breakdown_drop_off_what_if_and_a_workshop_funnel(b)),
        },
        Case {
            name: "a_large_workspace_builds_its_funnel_in_slices_and_counts_as_natively",
            language: "en-US",
            run: |b| Box::pin(a_large_workspace_builds_its_funnel_in_slices(b)),
        },
        Case {
            name: "chinese_funnel_exports_as_svg_and_png",
            language: "zh-CN",
            run: |b| Box::pin(chinese_funnel_exports_as_svg_and_png(b)),
        },
    ]
}

/// "54.6%" → Some(54.6); "—" → None.
fn percent(text: &str) -> Option<f64> {
    text.trim().strip_suffix('%')?.parse().ok()
}

/// Exports the open workspace from the Data page and runs `omnirx funnel --json` on it.
async fn cli_report_of_exported_workspace(browser: &Browser) -> Result<serde_json::Value> {
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let directory = TempDirectory::new("exported");
    let path = directory.0.join(name);
    std::fs::write(&path, bytes)?;
    let output = Command::new(omnirx_e2e::cli())
        .arg("funnel")
        .arg(&path)
        .arg("--json")
        .output()?;
    ensure!(
        output.status.success(),
        "omnirx funnel failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout)?)
}

async fn wait_for_rows(browser: &Browser, count: usize) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let rows = browser.texts_of_all("cell-count").await?;
        if rows.len() == count {
            return Ok(());
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the funnel table has {} rows, expected {count}",
            rows.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn funnel_numbers_on_screen_equal_the_cli(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/funnels", browser.root_url))
        .await?;
    wait_for_rows(&browser, 5).await?;
    let ordered = browser.texts_of_all("cell-count").await?;

    // Strict order and a 90-day window: fewer HCPs get through.
    browser.select("funnel-order", "strict").await?;
    browser.select("funnel-window-unit", "days").await?;
    browser.type_into("funnel-window-amount", "90").await?;
    let started = std::time::Instant::now();
    while browser.texts_of_all("cell-count").await? == ordered {
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the numbers did not change with the order and window"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let counts = browser.texts_of_all("cell-count").await?;
    let from_previous = browser.texts_of_all("cell-from-previous").await?;
    let dropped = browser.texts_of_all("cell-dropped").await?;
    let bottleneck = browser.text_of("headline-bottleneck").await?;

    // The choices are saved with the workspace: they survive a reload.
    browser.client.refresh().await?;
    wait_for_rows(&browser, 5).await?;
    let order = browser
        .element("funnel-order")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(order == "strict", "after a reload the order is {order:?}");
    ensure!(
        browser.texts_of_all("cell-count").await? == counts,
        "the numbers changed with a reload"
    );

    let report = cli_report_of_exported_workspace(&browser).await?;
    let steps = report["steps"]
        .as_array()
        .context("no steps in the report")?;
    ensure!(
        steps.len() == counts.len(),
        "{} steps in the CLI",
        steps.len()
    );
    for (index, step) in steps.iter().enumerate() {
        let name = step["name"].as_str().unwrap_or_default();
        let cli_count = step["count"].as_u64().context("a count")?;
        ensure!(
            number(&counts[index])? == cli_count,
            "{name}: the page shows {} HCPs, the CLI {cli_count}",
            counts[index]
        );
        if index > 0 {
            ensure!(
                number(&dropped[index])? == step["dropped"].as_u64().unwrap_or(u64::MAX),
                "{name}: dropped {} on the page, {} in the CLI",
                dropped[index],
                step["dropped"]
            );
            let cli_percent = step["conversion_from_previous"].as_f64().map(|r| r * 100.0);
            let shown = percent(&from_previous[index]);
            match (shown, cli_percent) {
                (Some(shown), Some(cli)) => ensure!(
                    (shown - cli).abs() <= 0.05 + 1e-9,
                    "{name}: {shown}% on the page, {cli}% in the CLI"
                ),
                (None, None) => {}
                other => anyhow::bail!("{name}: conversions differ: {other:?}"),
            }
        }
    }
    let cli_bottleneck = report["bottleneck"]
        .as_u64()
        .and_then(|index| steps.get(index as usize))
        .and_then(|step| step["name"].as_str())
        .unwrap_or("—");
    ensure!(
        bottleneck == cli_bottleneck,
        "the page flags {bottleneck:?}, the CLI {cli_bottleneck:?}"
    );
    Ok(())
}

async fn breakdown_drop_off_what_if_and_a_workshop_funnel(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/funnels", browser.root_url))
        .await?;
    wait_for_rows(&browser, 5).await?;
    let entered = number(&browser.text_of("headline-entered").await?)?;

    // By channel: at most 8 series, and every HCP who entered is in exactly one at step 1.
    browser.select("breakdown-dimension", "channel").await?;
    browser.element("breakdown-chart").await?;
    let rows = browser
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=breakdown-row]"))
        .await?;
    ensure!(
        (2..=8).contains(&rows.len()),
        "{} breakdown series",
        rows.len()
    );
    let mut step_one_total = 0;
    for row in rows {
        let cells = row.find_all(fantoccini::Locator::Css("td")).await?;
        step_one_total += number(&cells[0].text().await?)?;
    }
    ensure!(
        step_one_total == entered,
        "the channels add up to {step_one_total}, {entered} entered"
    );
    let panels = browser
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=breakdown-panel]"))
        .await?;
    ensure!(!panels.is_empty(), "no small multiples drawn");

    // What-if: raising a step projects more HCPs at the last step.
    browser.select("what-if-step", "3").await?;
    browser.type_into("what-if-points", "10").await?;
    let extra = browser.text_of("what-if-extra").await?;
    ensure!(
        extra.starts_with('+') && number(extra.trim_start_matches('+'))? > 0,
        "what-if shows {extra:?}"
    );
    browser.element("what-if-best").await?;

    // The drop-off list leads to the customer's page.
    browser.select("drop-off-step", "2").await?;
    let link = browser.element("drop-off-link").await?;
    let name = link.text().await?;
    link.click().await?;
    browser.wait_for_text("customer-name", &name).await?;
    browser.element("customer-funnel-position").await?;
    let reached = browser
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid=customer-step][data-reached=true]",
        ))
        .await?;
    ensure!(
        reached.len() == 2,
        "{name} dropped before step 3 but the page shows {} steps reached",
        reached.len()
    );

    // A workshop funnel from typed counts: the chart works, and an impossible count is refused.
    browser.client.back().await?;
    browser.click("funnel-new-workshop").await?;
    browser.element("funnel-manual").await?;
    wait_for_rows(&browser, 5).await?;
    ensure!(
        browser.text_of("headline-entered").await? == "1,000",
        "the workshop funnel starts from its typed counts"
    );
    let inputs = browser
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=manual-count]"))
        .await?;
    inputs[1].clear().await?;
    inputs[1]
        .send_keys(&format!("800{}", char::from(fantoccini::key::Key::Tab)))
        .await?;
    browser.wait_for_text("headline-last", "50").await?;
    let second = browser.texts_of_all("cell-count").await?[1].clone();
    ensure!(second == "800", "the second stage shows {second:?}");
    inputs[2].clear().await?;
    inputs[2]
        .send_keys(&format!("900{}", char::from(fantoccini::key::Key::Tab)))
        .await?;
    let problem = browser.text_of("manual-problem").await?;
    ensure!(problem.contains('3'), "the problem says {problem:?}");
    let third = browser.texts_of_all("cell-count").await?[2].clone();
    ensure!(third == "300", "an impossible count was used: {third:?}");
    Ok(())
}

async fn chinese_funnel_exports_as_svg_and_png(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/funnels", browser.root_url))
        .await?;
    wait_for_rows(&browser, 5).await?;
    let first_step = browser.texts_of_all("cell-step").await?[0].clone();
    ensure!(
        first_step.starts_with("认知"),
        "the first step reads {first_step:?}"
    );
    browser.click("view-bars").await?;
    browser.click("export-svg").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(name.ends_with(".svg"), "saved as {name:?}");
    let svg = String::from_utf8(bytes)?;
    ensure!(
        svg.contains("<svg") && svg.contains("认知") && svg.contains("持续处方"),
        "the SVG lacks the step names"
    );
    // The exported SVG is a well-formed document on its own.
    let parsed: serde_json::Value = browser
        .script(&format!(
            "const d = new DOMParser().parseFromString({}, 'image/svg+xml'); \
             return d.getElementsByTagName('parsererror').length === 0 && d.documentElement.nodeName;",
            serde_json::to_string(&svg)?
        ))
        .await?;
    ensure!(parsed == "svg", "the exported SVG does not parse: {parsed}");
    browser.click("export-png").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(
        name.ends_with(".png") && bytes.starts_with(b"\x89PNG"),
        "the PNG export is {name:?} ({} bytes)",
        bytes.len()
    );
    Ok(())
}

/// A workspace over the size from which the page builds the funnel index a slice per task
/// (240,000 interactions: the demo's, three more times a week apart each), imported: the
/// Overview and the Funnels page show the counts the core computes natively in one call.
async fn a_large_workspace_builds_its_funnel_in_slices(browser: Browser) -> Result<()> {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::funnel::{funnel_report, ReportOptions};
    use omnirx_core::domain::time::Timestamp;

    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Demo,
        19,
        DataLanguage::English,
    ));
    workspace.settings.name = "Four times the visits".into();
    workspace.settings.demo = false;
    let original = workspace.interactions.clone();
    for copy in 1..4 {
        workspace
            .interactions
            .extend(original.iter().cloned().map(|mut interaction| {
                interaction.at = Timestamp(interaction.at.0 + copy * 7 * 86_400);
                interaction
            }));
    }
    ensure!(workspace.interactions.len() >= 200_000);
    let definition = workspace.funnels.first().context("the demo has a funnel")?;
    let expected = funnel_report(&workspace, definition, &ReportOptions::default())
        .map_err(|error| anyhow::anyhow!("{error:?}"))?
        .summary
        .counts();
    let directory = TempDirectory::new("large");
    let path = directory.0.join("four-times.omnirx.json");
    std::fs::write(
        &path,
        omnirx_core::domain::workspace_file::export_workspace(&workspace),
    )?;

    crate::stored::open_data_page(&browser).await?;
    browser.import_as_new(&path).await?;
    browser.click("nav-overview").await?;
    browser.element("overview-funnel-step").await?;
    let overview: Vec<u64> = browser
        .texts_of_all("overview-step-count")
        .await?
        .iter()
        .map(|text| number(text))
        .collect::<Result<_>>()?;
    ensure!(
        overview == expected,
        "the Overview shows {overview:?}, the core counts {expected:?}"
    );
    browser.click("nav-funnels").await?;
    wait_for_rows(&browser, expected.len()).await?;
    let shown: Vec<u64> = browser
        .texts_of_all("cell-count")
        .await?
        .iter()
        .map(|text| number(text))
        .collect::<Result<_>>()?;
    ensure!(
        shown == expected,
        "the Funnels page shows {shown:?}, the core counts {expected:?}"
    );
    // Built a slice per task: each slice leaves a mark (240,000 interactions read, then
    // placed and sorted, in slices of 100,000 records: at least five).
    let slices = browser
        .script("return performance.getEntriesByName('omnirx:funnel-index-slice', 'mark').length")
        .await?;
    ensure!(
        slices.as_u64().is_some_and(|count| count >= 5),
        "the index was built in {slices} slices"
    );
    Ok(())
}
