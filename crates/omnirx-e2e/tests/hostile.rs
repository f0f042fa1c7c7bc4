//! Hostile text from a shared file: markup and `javascript:` links in every text field the UI
//! shows are displayed as literal text on every page and in the exported charts (funnel, segment
//! sizes, journey map; SVG and PNG), and no script runs (a canary global stays unset and the
//! Content-Security-Policy reports nothing).

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::export_workspace;

use crate::harness::{Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![Case {
        name: "hostile_text_is_shown_as_text_everywhere_and_never_runs",
        language: "en-US",
        run: |b| Box::pin(hostile_text_stays_text(b)),
    }]
}

const SCRIPT: &str = "<script>window.__pwned='script'</script>";
const IMAGE: &str = "<img src=x onerror=\"window.__pwned='img'\">";
const SVG: &str = "<svg onload=\"window.__pwned='svg'\"></svg>";
const LINK: &str = "javascript:window.__pwned='link'";

/// The tiny demo with a payload in every kind of text the pages show.
fn hostile_workspace() -> omnirx_core::domain::model::Workspace {
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        2026,
        DataLanguage::English,
    ));
    workspace.settings.name = format!("Team {SCRIPT}");
    for (index, hcp) in workspace.hcps.iter_mut().take(4).enumerate() {
        hcp.name = format!("Dr {index} {IMAGE}");
    }
    workspace.accounts[0].name = format!("Hospital {SVG}");
    workspace.reps[0].name = LINK.to_string();
    workspace.products[0].name = format!("Drug {SCRIPT}");
    for channel in &mut workspace.channels {
        channel.name = format!("{} {IMAGE}", channel.name);
    }
    workspace.interactions[0].notes = SCRIPT.to_string();
    let funnel = &mut workspace.funnels[0];
    funnel.name = format!("Funnel {SVG}");
    funnel.steps[0].name = format!("Aware {IMAGE}");
    let rule_set = &mut workspace.segment_rule_sets[0];
    rule_set.name = format!("Rules {SCRIPT}");
    rule_set.segments[0].name = format!("Core {IMAGE}");
    rule_set.segments[0].strategy = SVG.to_string();
    let map = &mut workspace.journeys[0];
    map.name = format!("Journey {SCRIPT}");
    map.stages[0].name = format!("Stage {IMAGE}");
    map.cards[0].text = format!("Card {SVG}");
    map.lanes[0].name = LINK.to_string();
    workspace
}

/// Records CSP violations and counts the page's scripts, before any hostile text arrives.
const WATCH: &str = "
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
        e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.__scripts = document.querySelectorAll('script').length;
    return true;";

/// What must hold on every page: nothing ran, nothing was blocked, no script was added.
const CHECK: &str = "
    return {pwned: window.__pwned === undefined ? null : String(window.__pwned),
            violations: window.__violations,
            added_scripts: document.querySelectorAll('script').length - window.__scripts,
            live_markup: document.querySelectorAll('main img, main script, main svg svg, main iframe, main a[href^=javascript]').length};";

async fn check_nothing_ran(browser: &Browser, page: &str) -> Result<()> {
    let state = browser.script(CHECK).await?;
    ensure!(state["pwned"].is_null(), "on {page} a script ran: {state}");
    ensure!(
        state["violations"].as_array().is_some_and(Vec::is_empty),
        "on {page} the Content-Security-Policy blocked something: {state}"
    );
    ensure!(
        state["added_scripts"] == 0,
        "on {page} a script element was added: {state}"
    );
    ensure!(
        state["live_markup"] == 0,
        "on {page} the text became markup: {state}"
    );
    Ok(())
}

async fn contains_all(browser: &Browser, test_id: &str, wanted: &str) -> Result<()> {
    let texts = browser.texts_of_all(test_id).await?;
    ensure!(
        texts.iter().any(|text| text.contains(wanted)),
        "no [data-testid={test_id}] shows {wanted:?} literally: {texts:?}"
    );
    Ok(())
}

async fn wait_for_text_starting(browser: &Browser, test_id: &str, start: &str) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let text = browser.text_of(test_id).await?;
        if text.starts_with(start) {
            return Ok(());
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "[data-testid={test_id}] shows {text:?}, not {start:?}…"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn hostile_text_stays_text(browser: Browser) -> Result<()> {
    let workspace = hostile_workspace();
    let map_id = workspace.journeys[0].id.clone();
    let directory = TempDirectory::new("hostile");
    let path = directory.0.join("hostile.omnirx.json");
    std::fs::write(&path, export_workspace(&workspace))?;

    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    browser.script(WATCH).await?;
    browser.choose_file("import-file", &path).await?;
    browser.element("import-preview").await?;
    check_nothing_ran(&browser, "the import preview").await?;
    browser.click("import-as-new").await?;
    browser.wait_for_text("notice", "Imported.").await?;
    contains_all(&browser, "workspace-row-name", "Team <script>").await?;
    check_nothing_ran(&browser, "the Data page").await?;

    browser.click("nav-overview").await?;
    browser
        .wait_for_text(
            "workspace-name",
            "Team <script>window.__pwned='script'</script>",
        )
        .await?;
    browser.element("overview-journey").await?;
    contains_all(&browser, "overview-journey", "Journey <script>").await?;
    check_nothing_ran(&browser, "the Overview").await?;

    browser.click("nav-funnels").await?;
    browser.element("funnel-row").await?;
    contains_all(&browser, "cell-step", "Aware <img src=x onerror=").await?;
    browser.select("breakdown-dimension", "channel").await?;
    browser.element("breakdown-row").await?;
    let breakdown = browser.text_of("funnel-breakdown").await?;
    ensure!(
        breakdown.contains("<img src=x onerror="),
        "the channel breakdown does not show the channel names literally: {breakdown}"
    );
    check_nothing_ran(&browser, "the Funnels page").await?;
    exported_chart_keeps_text_as_text(&browser, "export", "Aware &lt;img").await?;
    check_nothing_ran(&browser, "the funnel chart's export").await?;

    browser.click("nav-segments").await?;
    browser.element("segment-row").await?;
    contains_all(&browser, "segment-name", "Core <img src=x onerror=").await?;
    check_nothing_ran(&browser, "the Segments page").await?;
    exported_chart_keeps_text_as_text(&browser, "segment-chart", "Core &lt;img").await?;
    check_nothing_ran(&browser, "the segment chart's export").await?;

    browser.click("nav-customers").await?;
    browser.element("customers-row").await?;
    browser.type_into("customers-search", "onerror").await?;
    wait_for_text_starting(&browser, "customers-count", "4 ")
        .await
        .context("searching for the hostile names")?;
    contains_all(&browser, "customers-cell-name", "<img src=x onerror=").await?;
    check_nothing_ran(&browser, "the Customers page").await?;

    browser.click("nav-journeys").await?;
    browser.select("journey-map-select", &map_id).await?;
    browser
        .wait_for_text("journey-map-title", &format!("Journey {SCRIPT}"))
        .await?;
    check_nothing_ran(&browser, "the Patient journeys page").await?;
    exported_chart_keeps_text_as_text(&browser, "journey-export", "Stage &lt;img").await?;
    check_nothing_ran(&browser, "the journey export").await?;
    Ok(())
}

/// Exports the chart of the buttons `{prefix}-svg` and `{prefix}-png`: the SVG holds the hostile
/// text escaped (`escaped`, e.g. `Aware &lt;img`) and no live markup, and the PNG is an image.
async fn exported_chart_keeps_text_as_text(
    browser: &Browser,
    prefix: &str,
    escaped: &str,
) -> Result<()> {
    browser.click(&format!("{prefix}-svg")).await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let svg = String::from_utf8(bytes).context("the exported SVG is not UTF-8")?;
    ensure!(name.ends_with(".svg"), "{prefix}: the export is {name}");
    for markup in [
        "<script",
        "<img",
        "<svg onload",
        "<iframe",
        "href=\"javascript:",
    ] {
        ensure!(
            !svg.contains(markup),
            "{prefix}: the exported SVG contains {markup} as markup"
        );
    }
    ensure!(
        svg.contains(escaped),
        "{prefix}: the exported SVG does not hold {escaped:?}"
    );
    browser.click(&format!("{prefix}-png")).await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(
        name.ends_with(".png") && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 1_000,
        "{prefix}: the PNG export is {name}, {} bytes",
        bytes.len()
    );
    Ok(())
}
