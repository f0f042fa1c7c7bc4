//! Takes a screenshot of every page, in both languages, at desktop, tablet and phone widths, into
//! `e2e-artifacts/screenshots/`: for looking at the app, not a test (`./x screenshots`).

#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

use harness::Environment;

const PAGES: [&str; 8] = [
    "overview",
    "performance",
    "plan",
    "funnels",
    "segments",
    "journeys",
    "customers",
    "data",
];
const WIDTHS: [(u32, u32); 4] = [(1440, 1000), (1024, 768), (768, 1024), (390, 844)];

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let environment = Environment::start()?;
    let directory = omnirx_e2e::repository().join("e2e-artifacts/screenshots");
    std::fs::create_dir_all(&directory)?;
    for language in ["zh-CN", "en-US"] {
        let browser = environment.browser(language).await?;
        browser.open(&browser.root_url).await?;
        browser.element("workspace-summary").await?;
        // `OMNIRX_SCREENSHOTS=customers ./x screenshots` takes only the Customers pages.
        let only = std::env::var("OMNIRX_SCREENSHOTS").unwrap_or_default();
        if only.is_empty() || only == "journeys" {
            journey_screenshots(&browser, &directory, language).await?;
        }
        if only == "journeys" {
            continue;
        }
        if only != "segments" {
            customer_screenshots(&browser, &directory, language).await?;
        }
        if only == "customers" {
            continue;
        }
        if only.is_empty() || only == "tables" {
            table_import_screenshots(&browser, &directory, language).await?;
        }
        if only == "tables" {
            continue;
        }
        segment_screenshots(&browser, &directory, language).await?;
        // `OMNIRX_SCREENSHOTS=segments ./x screenshots` takes only the Segments tabs.
        if std::env::var("OMNIRX_SCREENSHOTS").as_deref() == Ok("segments") {
            continue;
        }
        for (width, height) in WIDTHS {
            browser.client.set_window_size(width, height).await?;
            for page in PAGES {
                browser
                    .client
                    .goto(&format!("{}#/{page}", browser.root_url))
                    .await?;
                browser.element(&format!("page-{page}")).await?;
                if page == "data" {
                    browser.element("workspace-row").await?;
                }
                if page == "funnels" {
                    browser.element("funnel-chart").await?;
                }
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                // The whole page, not only the first screen: grow the window to the page.
                let page_height = browser
                    .script("return document.documentElement.scrollHeight")
                    .await?
                    .as_u64()
                    .unwrap_or(u64::from(height)) as u32;
                browser
                    .client
                    .set_window_size(width, page_height.clamp(height, 8_000))
                    .await?;
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                let png = browser.client.screenshot().await?;
                browser.client.set_window_size(width, height).await?;
                let path = directory.join(format!("{page}-{language}-{width}.png"));
                std::fs::write(&path, png)?;
                println!("{}", path.display());
            }
        }
        // The Funnels page with a breakdown and a comparison, a customer reached from the
        // drop-off list, and a workshop funnel.
        browser.client.set_window_size(1024, 768).await?;
        browser
            .client
            .goto(&format!("{}#/funnels", browser.root_url))
            .await?;
        browser.element("funnel-row").await?;
        browser.click("period-last-quarter").await?;
        browser.select("breakdown-dimension", "channel").await?;
        browser.select("compare-mode", "previous").await?;
        browser.element("comparison-row").await?;
        full_page_screenshot(
            &browser,
            &directory,
            &format!("funnels-analysis-{language}-1024"),
        )
        .await?;
        browser.click("drop-off-link").await?;
        browser.element("customer-funnel-position").await?;
        full_page_screenshot(&browser, &directory, &format!("customer-{language}-1024")).await?;
        browser
            .client
            .goto(&format!("{}#/funnels", browser.root_url))
            .await?;
        browser.click("funnel-new-workshop").await?;
        browser.element("funnel-manual").await?;
        browser.click("view-bars").await?;
        browser.click("funnel-edit-steps").await?;
        full_page_screenshot(
            &browser,
            &directory,
            &format!("funnels-workshop-{language}-1024"),
        )
        .await?;

        // The import panel in its two outcomes: a preview, and an error with field paths.
        let files = harness::TempDirectory::new("screenshot-files");
        let good = omnirx_core::domain::workspace_file::export_workspace(
            &omnirx_core::domain::demo::generate_demo_workspace(
                omnirx_core::domain::demo::DemoOptions::fixed(
                    omnirx_core::domain::demo::DemoScale::Tiny,
                    3,
                    omnirx_core::domain::demo::DataLanguage::English,
                ),
            ),
        );
        let bad = good
            .replacen("\"hcp_id\": \"h-00001\"", "\"hcp_id\": \"h-991\"", 2)
            .replacen("\"units\": ", "\"units\": -", 1);
        for (name, text, wait_for) in [
            ("preview", &good, "import-preview"),
            ("error", &bad, "import-error"),
        ] {
            let path = files.0.join(format!("{name}.omnirx.json"));
            std::fs::write(&path, text)?;
            browser.client.set_window_size(1024, 1100).await?;
            browser
                .client
                .goto(&format!("{}#/data", browser.root_url))
                .await?;
            browser.choose_file("import-file", &path).await?;
            browser.element(wait_for).await?;
            let png = browser.client.screenshot().await?;
            let path = directory.join(format!("import-{name}-{language}-1024.png"));
            std::fs::write(&path, png)?;
            println!("{}", path.display());
        }
        let _ = browser.client.clone().close().await;
    }
    Ok(())
}

/// The table import at desktop and phone width: a sheet with two broken rows (a GBK CSV in
/// Chinese, an XLSX CRM export in English) at its mapping, its data-quality report and after the
/// import, which is then undone so the demo stays as it was.
async fn table_import_screenshots(
    browser: &harness::Browser,
    directory: &std::path::Path,
    language: &str,
) -> anyhow::Result<()> {
    use omnirx_testkit::sheets;
    let files = harness::TempDirectory::new("screenshot-tables");
    let (name, bytes) = if language == "zh-CN" {
        let mut rows = sheets::chinese_interactions_rows(40);
        rows[5][0] = "2025年13月45日".into();
        rows[9][3] = "抖音直播".into();
        ("拜访记录.csv", sheets::gbk(&sheets::csv_text(&rows)))
    } else {
        ("crm-export.xlsx", sheets::crm_interactions_xlsx(50))
    };
    let file = files.0.join(name);
    std::fs::write(&file, bytes)?;
    for (width, height) in [(1440, 1000), (1024, 768), (390, 844)] {
        browser.client.set_window_size(width, height).await?;
        browser
            .client
            .goto(&format!("{}#/data", browser.root_url))
            .await?;
        browser.element("workspace-row").await?;
        browser.choose_file("table-file", &file).await?;
        browser.element("table-column").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("table-mapping-{language}-{width}"),
        )
        .await?;
        browser.click("table-check").await?;
        browser.element("table-report").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("table-report-{language}-{width}"),
        )
        .await?;
        browser.click("table-confirm").await?;
        browser.element("table-done").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("table-done-{language}-{width}"),
        )
        .await?;
        browser.click("table-undo").await?;
        browser.element("table-undone").await?;
    }
    Ok(())
}

/// Grows the window to the page's height, saves a screenshot, and restores the window.
async fn full_page_screenshot(
    browser: &harness::Browser,
    directory: &std::path::Path,
    name: &str,
) -> anyhow::Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let size = browser.client.get_window_size().await?;
    let height = browser
        .script("return document.documentElement.scrollHeight")
        .await?
        .as_u64()
        .unwrap_or(size.1) as u32;
    browser
        .client
        .set_window_size(size.0 as u32, height.clamp(size.1 as u32, 8_000))
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let path = directory.join(format!("{name}.png"));
    std::fs::write(&path, browser.client.screenshot().await?)?;
    println!("{}", path.display());
    browser
        .client
        .set_window_size(size.0 as u32, size.1 as u32)
        .await?;
    Ok(())
}

/// Every tab of the Segments page at tablet and phone width: the matrix with a cell chosen,
/// the rule editor, clusters with the elbow chart, and movement.
async fn segment_screenshots(
    browser: &harness::Browser,
    directory: &std::path::Path,
    language: &str,
) -> anyhow::Result<()> {
    for width in [1440u32, 1024, 390] {
        browser.client.set_window_size(width, 900).await?;
        browser
            .client
            .goto(&format!("{}#/segments", browser.root_url))
            .await?;
        browser.click("segments-tab-overview").await?;
        browser.element("segment-row").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-overview-{language}-{width}"),
        )
        .await?;
        browser.click("segments-tab-matrix").await?;
        browser.click("matrix-cell").await?;
        browser.element("matrix-member").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-matrix-{language}-{width}"),
        )
        .await?;
        browser.click("segments-tab-rules").await?;
        browser.element("rule").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-rules-{language}-{width}"),
        )
        .await?;
        browser.click("segments-tab-clusters").await?;
        browser.element("cluster-row").await?;
        browser.click("cluster-show-elbow").await?;
        browser.element("cluster-elbow-chart").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-clusters-{language}-{width}"),
        )
        .await?;
        // Adoption stage alone (five values) with k = 6: the notice that one cluster stays empty.
        let toggle_others = "document.querySelectorAll('[data-testid=\"cluster-feature\"]')\
             .forEach((box, i) => { if (i !== 2) box.click(); }); return true;";
        browser.script(toggle_others).await?;
        browser.element("cluster-distinct-points").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-clusters-notice-{language}-{width}"),
        )
        .await?;
        browser.script(toggle_others).await?;
        browser.click("segments-tab-movement").await?;
        browser.element("movement-transitions").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("segments-movement-{language}-{width}"),
        )
        .await?;
    }
    Ok(())
}

/// The Customers list, an HCP's page and an account's page at desktop, tablet and phone width.
async fn customer_screenshots(
    browser: &harness::Browser,
    directory: &std::path::Path,
    language: &str,
) -> anyhow::Result<()> {
    for width in [1440u32, 768, 390] {
        browser.client.set_window_size(width, 900).await?;
        browser
            .client
            .goto(&format!("{}#/customers", browser.root_url))
            .await?;
        browser.element("customers-row").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("customers-list-{language}-{width}"),
        )
        .await?;
        browser
            .client
            .goto(&format!("{}#/customers/h-00001", browser.root_url))
            .await?;
        browser.element("customer-trend-chart").await?;
        browser.element("customer-segment-quarter").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("customers-hcp-{language}-{width}"),
        )
        .await?;
        browser
            .client
            .goto(&format!("{}#/customers/a-0001", browser.root_url))
            .await?;
        browser.element("customer-account-hcp").await?;
        full_page_screenshot(
            browser,
            directory,
            &format!("customers-account-{language}-{width}"),
        )
        .await?;
    }
    Ok(())
}

/// The Patient journeys page at every width, then with a card selected and a comparison.
async fn journey_screenshots(
    browser: &harness::Browser,
    directory: &std::path::Path,
    language: &str,
) -> anyhow::Result<()> {
    for (width, height) in WIDTHS {
        browser.client.set_window_size(width, height).await?;
        browser
            .client
            .goto(&format!("{}#/journeys", browser.root_url))
            .await?;
        browser.element("journey-metrics").await?;
        full_page_screenshot(browser, directory, &format!("journeys-{language}-{width}")).await?;
    }
    browser.client.set_window_size(1440, 1000).await?;
    browser
        .client
        .goto(&format!("{}#/journeys", browser.root_url))
        .await?;
    browser.element("journey-map-svg").await?;
    browser
        .script("document.querySelectorAll('[data-testid=journey-card]')[3].dispatchEvent(new MouseEvent('click', {bubbles: true})); return true;")
        .await?;
    browser.element("journey-card-text").await?;
    let target = browser
        .script("const o = [...document.querySelectorAll('[data-testid=journey-compare-select] option')].find(o => o.value.includes('target')); return o ? o.value : '';")
        .await?;
    if let Some(target) = target.as_str().filter(|t| !t.is_empty()) {
        browser.select("journey-compare-select", target).await?;
        browser.element("journey-comparison-chart").await?;
    }
    full_page_screenshot(
        browser,
        directory,
        &format!("journeys-editing-{language}-1440"),
    )
    .await?;
    // What Print gives: the page through the print stylesheet, landscape.
    let pdf = browser
        .client
        .print(
            fantoccini::wd::PrintConfiguration::builder()
                .orientation(fantoccini::wd::PrintOrientation::Landscape)
                .background(true)
                .build()
                .map_err(|error| anyhow::anyhow!("print settings: {error:?}"))?,
        )
        .await?;
    let path = directory.join(format!("journeys-print-{language}.pdf"));
    std::fs::write(&path, pdf)?;
    println!("{}", path.display());
    Ok(())
}
