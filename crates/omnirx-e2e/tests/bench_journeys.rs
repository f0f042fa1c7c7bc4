//! The Patient journeys page's figures: how long a 12 stages × 8 lanes × 5 cards map takes to
//! draw when it is opened, when a card is selected and when a card is edited, measured in the
//! page with `performance.now()` around the user's action.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::journey::editing::{
    add_card, add_lane, add_stage, new_journey_map, set_emotion,
};
use omnirx_core::domain::journey::model::{JourneyMap, StageMonth};
use omnirx_core::domain::time::Month;
use omnirx_core::domain::workspace_file::export_workspace;

use crate::bench_report::Report;
use crate::harness::{Environment, TempDirectory};

pub const BENCH_MAP_ID: &str = "j-bench";

/// Card texts of the lengths people write: a word, a phrase, a sentence, Chinese and English.
const TEXTS: [&str; 5] = [
    "HbA1c test",
    "Waits three weeks for the endocrinologist appointment",
    "担心长期用药的副作用，希望医生解释清楚",
    "Pharmacist explains how to take the tablets with meals and what to do about stomach upset",
    "微信提醒续方",
];

/// The map the issue names: 12 stages, 8 lanes (the 7 standard ones and one of the user's), 5
/// cards in every cell, an emotion score per stage and a year of cohort counts.
pub fn bench_map() -> JourneyMap {
    let mut map = new_journey_map(BENCH_MAP_ID.into(), "Bench 12 × 8 × 5".into(), false);
    while map.stages.len() < 12 {
        let last = map.stages.len() - 1;
        add_stage(&mut map, Some(last), format!("Stage {}", last + 2)).expect("room for 12 stages");
    }
    add_lane(&mut map, "Backstage".into()).expect("room for an eighth lane");
    let cells: Vec<(String, String)> = map
        .stages
        .iter()
        .flat_map(|stage| {
            map.lanes
                .iter()
                .map(move |lane| (stage.id.clone(), lane.id.clone()))
        })
        .collect();
    for (cell, (stage_id, lane_id)) in cells.iter().enumerate() {
        for card in 0..5 {
            add_card(
                &mut map,
                stage_id,
                lane_id,
                TEXTS[(cell + card) % TEXTS.len()],
            )
            .expect("the cell exists");
        }
    }
    for index in 0..map.stages.len() {
        set_emotion(&mut map, index, Some(((index as f64) * 0.9).sin() * 2.0));
    }
    let mut entered = 5_000.0;
    for stage in &map.stages {
        for month in 1..=12 {
            map.cohort.push(StageMonth {
                stage_id: stage.id.clone(),
                month: Month::new(2026, month).expect("a month"),
                entered: entered as u64,
                median_days_in_stage: Some(30.0),
                outcomes: None,
            });
        }
        entered *= 0.85;
    }
    map
}

/// Opens the map, selects cards and edits cards ten times each, in the page.
const MEASURE: &str = "
    window.__journeyBench = null;
    const tick = () => new Promise(r => setTimeout(r, 0));
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const select = document.querySelector('[data-testid=journey-map-select]');
    const other = [...select.options].map(o => o.value).find(v => v !== arguments[0]);
    const cards = () => document.querySelectorAll('[data-testid=journey-card]');
    (async () => {
        const out = {open: [], openFrame: [], select: [], edit: [], cards: 0};
        for (let i = 0; i < 10; i++) {
            select.value = other; select.dispatchEvent(new Event('change', {bubbles: true})); await frame();
            const t0 = performance.now();
            select.value = arguments[0]; select.dispatchEvent(new Event('change', {bubbles: true}));
            await tick(); out.open.push(performance.now() - t0);
            await frame(); out.openFrame.push(performance.now() - t0);
        }
        out.cards = cards().length;
        for (let i = 0; i < 10; i++) {
            const card = cards()[i * 37];
            const t0 = performance.now();
            card.dispatchEvent(new MouseEvent('click', {bubbles: true}));
            await tick(); out.select.push(performance.now() - t0);
            await frame();
            const text = document.querySelector('[data-testid=journey-card-text]');
            text.value = 'Edited card ' + i;
            const t1 = performance.now();
            text.dispatchEvent(new Event('change', {bubbles: true}));
            await tick(); out.edit.push(performance.now() - t1);
            await frame();
        }
        out.markup = performance.getEntriesByName('omnirx:journey-map-svg').map(e => e.duration);
        window.__journeyBench = out;
    })();
    return true;";

/// Imports the tiny demo with the bench map, opens it and adds its figures to the report.
pub async fn measure_journeys(environment: &Environment, report: &mut Report) -> Result<()> {
    let directory = TempDirectory::new("bench-journeys");
    let path = directory.0.join("journeys.omnirx.json");
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        2026,
        DataLanguage::English,
    ));
    workspace.journeys.insert(0, bench_map());
    std::fs::write(&path, export_workspace(&workspace))?;

    let browser = environment.browser("en-US").await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    browser.choose_file("import-file", &path).await?;
    browser.element("import-preview").await?;
    browser.click("import-as-new").await?;
    browser.element("notice").await?;
    browser.click("nav-journeys").await?;
    browser.select("journey-map-select", BENCH_MAP_ID).await?;
    browser
        .wait_for_text("journey-map-title", "Bench 12 × 8 × 5")
        .await?;
    browser
        .client
        .execute(MEASURE, vec![serde_json::json!(BENCH_MAP_ID)])
        .await?;
    let started = std::time::Instant::now();
    let figures = loop {
        let figures = browser.script("return window.__journeyBench;").await?;
        if !figures.is_null() {
            break figures;
        }
        ensure!(
            started.elapsed() < Duration::from_secs(120),
            "the journey measurement never ended"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let list = |key: &str| -> Result<Vec<f64>> {
        Ok(figures[key]
            .as_array()
            .with_context(|| format!("no {key} figures"))?
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect())
    };
    let (open, open_frame, select, edit) = (
        list("open")?,
        list("openFrame")?,
        list("select")?,
        list("edit")?,
    );
    let markup = list("markup")?;
    let cards = figures["cards"].as_u64().unwrap_or(0);
    ensure!(cards == 480, "the bench map shows {cards} cards, not 480");
    let _ = browser.client.clone().close().await;
    report.add(
        "journeys.map.layout_svg_ms",
        "journey map 12×8×5: layout + SVG text (wasm)",
        "ms",
        markup,
    );
    report.add(
        "journeys.map.open_script_ms",
        "journey map 12×8×5: open, script",
        "ms",
        open,
    );
    report.add_with_budget(
        "journeys.map.open_painted_ms",
        "journey map 12×8×5: open, painted",
        "ms",
        open_frame,
        100.0,
    );
    report.add(
        "journeys.map.select_ms",
        "journey map 12×8×5: select a card",
        "ms",
        select,
    );
    report.add(
        "journeys.map.edit_ms",
        "journey map 12×8×5: edit a card",
        "ms",
        edit,
    );
    Ok(())
}
