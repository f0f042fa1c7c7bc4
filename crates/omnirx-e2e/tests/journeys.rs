//! The Patient journeys page as a user meets it: add a stage and a card, undo and redo, reload
//! and find the map as it was left, export it as SVG; compare current and target in Chinese.

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{Browser, Case};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "journey_add_stage_and_card_undo_redo_reload_and_export_svg",
            language: "en-US",
            run: |b| Box::pin(edit_undo_reload_export(b)),
        },
        Case {
            name: "chinese_journeys_compare_current_and_target_and_link_to_the_funnel",
            language: "zh-CN",
            run: |b| Box::pin(compare_and_follow_link(b)),
        },
    ]
}

/// Clicks the element matching a CSS selector (SVG shapes have no single test id).
async fn click_css(browser: &Browser, selector: &str) -> Result<()> {
    let element = browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css(selector))
        .await
        .with_context(|| format!("no element {selector} appeared"))?;
    browser
        .client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'center'})",
            vec![serde_json::to_value(&element)?],
        )
        .await?;
    element
        .click()
        .await
        .with_context(|| format!("clicking {selector}"))
}

/// Waits until `count` elements with the test id exist, returning their texts.
async fn wait_for_count(browser: &Browser, test_id: &str, count: usize) -> Result<Vec<String>> {
    let started = std::time::Instant::now();
    loop {
        let texts = browser.texts_of_all(test_id).await?;
        if texts.len() == count {
            return Ok(texts);
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "expected {count} [data-testid={test_id}], found {}: {texts:?}",
            texts.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The names of the open map's stages, read from the SVG's stage titles.
async fn stage_names(browser: &Browser) -> Result<Vec<String>> {
    let value = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=journey-stage] title')]\
             .map(t => t.textContent);",
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn card_texts(browser: &Browser) -> Result<Vec<String>> {
    let value = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=journey-card] title')]\
             .map(t => t.textContent);",
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn edit_undo_reload_export(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/journeys", browser.root_url))
        .await?;
    // The demo's type-2 diabetes map opens first, with its figures.
    browser.element("journey-map-svg").await?;
    let demo_stages = stage_names(&browser).await?;
    ensure!(
        demo_stages.len() == 6,
        "the demo map has stages {demo_stages:?}"
    );
    wait_for_count(&browser, "journey-metrics-row", 6).await?;
    ensure!(
        browser.texts_of_all("journey-flow-bar").await?.len() == 6
            || !browser.texts_of_all("journey-drop-off").await?.is_empty(),
        "the demo map shows no patient flow"
    );

    // A new map with the six standard stages and no cards.
    browser.click("journey-new-map").await?;
    browser
        .wait_for_text("journey-map-title", "New patient journey")
        .await?;
    ensure!(
        stage_names(&browser).await?
            == [
                "Symptoms & awareness",
                "Diagnosis",
                "Treatment decision",
                "Initiation",
                "Adherence & refill",
                "Outcomes"
            ],
        "the new map's stages are {:?}",
        stage_names(&browser).await?
    );
    ensure!(
        card_texts(&browser).await?.is_empty(),
        "a new map has cards"
    );

    // Add a stage after the first and name it.
    click_css(
        &browser,
        "[data-testid=journey-stage][data-stage-id=stage-1]",
    )
    .await?;
    browser.element("journey-stage-name").await?;
    let outlined = browser
        .script("return [...document.querySelectorAll('.is-selected')].map(e => e.getAttribute('data-stage-id'));")
        .await?;
    ensure!(
        outlined == serde_json::json!(["stage-1"]),
        "the selected stage is not outlined: {outlined}"
    );
    browser.click("journey-add-stage").await?;
    browser
        .replace_text("journey-stage-name", "Screening")
        .await?;
    let started = std::time::Instant::now();
    while stage_names(&browser).await?.get(1).map(String::as_str) != Some("Screening") {
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the new stage is not named: {:?}",
            stage_names(&browser).await?
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(
        stage_names(&browser).await?.len() == 7,
        "no stage was added"
    );

    // Add a pain point to the new stage by clicking its empty cell and typing.
    click_css(
        &browser,
        "[data-testid=journey-cell][data-stage-id=stage-7][data-lane-id=pain_points]",
    )
    .await?;
    browser
        .type_into(
            "journey-new-card-text",
            "Long wait for the endocrinologist\u{E007}",
        )
        .await?;
    wait_for_count(&browser, "journey-card", 1).await?;
    let cards = card_texts(&browser).await?;
    ensure!(
        cards[0].starts_with("Long wait for the endocrinologist"),
        "the card reads {cards:?}"
    );

    // Undo takes the card away, redo brings it back.
    browser.click("journey-undo").await?;
    wait_for_count(&browser, "journey-card", 0).await?;
    ensure!(stage_names(&browser).await?.len() == 7, "undo went too far");
    browser.click("journey-redo").await?;
    wait_for_count(&browser, "journey-card", 1).await?;

    // Saved by itself; after a reload the same map is open, as it was left.
    browser
        .wait_for_text("journey-save-status", "Saved")
        .await?;
    browser.client.refresh().await?;
    browser
        .wait_for_text("journey-map-title", "New patient journey")
        .await?;
    wait_for_count(&browser, "journey-card", 1).await?;
    let stages = stage_names(&browser).await?;
    ensure!(
        stages.len() == 7 && stages[1] == "Screening",
        "after the reload the stages are {stages:?}"
    );
    ensure!(
        browser
            .element("journey-undo")
            .await?
            .attr("disabled")
            .await?
            .is_some(),
        "a reload starts a fresh undo history"
    );

    // The exported SVG is a well-formed document with the stage names and the card.
    browser.click("journey-export-svg").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(name.ends_with(".svg"), "saved as {name:?}");
    let svg = String::from_utf8(bytes)?;
    for expected in [
        "Screening",
        "Diagnosis",
        "Outcomes",
        "Long wait for the",
        "Pain points",
    ] {
        ensure!(svg.contains(expected), "the SVG lacks {expected:?}");
    }
    let parsed: serde_json::Value = browser
        .script(&format!(
            "const d = new DOMParser().parseFromString({}, 'image/svg+xml'); \
             return d.getElementsByTagName('parsererror').length === 0 && d.documentElement.nodeName;",
            serde_json::to_string(&svg)?
        ))
        .await?;
    ensure!(parsed == "svg", "the exported SVG does not parse: {parsed}");
    Ok(())
}

async fn compare_and_follow_link(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/journeys", browser.root_url))
        .await?;
    browser.element("journey-map-svg").await?;
    let stages = stage_names(&browser).await?;
    ensure!(
        stages.len() == 6
            && stages
                .iter()
                .all(|name| name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
        "the Chinese demo map's stages are {stages:?}"
    );
    // The emotion curve has a point per rated stage.
    ensure!(
        !browser.texts_of_all("journey-emotion-point").await?.is_empty()
            || browser
                .script("return document.querySelectorAll('[data-testid=journey-emotion-point]').length;")
                .await?
                .as_u64()
                .unwrap_or(0)
                >= 5,
        "no emotion curve"
    );

    // Compare the current map with its target state: fewer patients lost at every stage.
    let target_id = browser
        .script(
            "const o = [...document.querySelectorAll('[data-testid=journey-compare-select] option')]\
             .find(o => o.textContent.includes('目标')); return o ? o.value : null;",
        )
        .await?;
    let target_id = target_id
        .as_str()
        .context("no target map to compare with")?
        .to_string();
    browser.select("journey-compare-select", &target_id).await?;
    let rows = wait_for_count(&browser, "journey-comparison-row", 6).await?;
    let deltas = browser.texts_of_all("journey-comparison-delta").await?;
    ensure!(
        deltas[..5].iter().all(|delta| delta.starts_with('−')),
        "the target map should lose fewer patients at each step: {deltas:?} ({rows:?})"
    );
    browser.element("journey-comparison-chart").await?;

    // A stage linked to the funnel opens the Funnels page.
    click_css(
        &browser,
        "[data-testid=journey-metrics] [data-testid=journey-stage-link][href='#/funnels']",
    )
    .await?;
    let started = std::time::Instant::now();
    while browser.hash().await? != "/funnels" {
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the link went to {}",
            browser.hash().await?
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.wait_for_text("page-title", "漏斗分析").await?;
    Ok(())
}
