//! Market rules (docs/compliance.md) as a user meets them: the "China compliance" demo (its
//! funnel counted per account and saying why, an HCP's page without prescription figures), China's
//! rules switched on over the standard demo (asked first, then summed per account, kept after a
//! reload), and a CSV of HCP-level sales into a China workspace (the warning and the choice).

use anyhow::{ensure, Context, Result};

use crate::harness::{Browser, Case, TempDirectory};
use crate::stored::{open_data_page, read_stored};
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::time::Month;
use omnirx_core::view::route::Route;

/// An HCP of the demo (every scale has it).
const HCP: &str = "h-00001";

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "compliance_the_china_demo_shows_no_prescriptions_of_an_hcp",
            language: "en-US",
            run: |b| Box::pin(the_china_demo_shows_no_prescriptions_of_an_hcp(b)),
        },
        Case {
            name: "compliance_switching_china_on_asks_then_sums_per_account",
            language: "en-US",
            run: |b| Box::pin(switching_china_on_asks_then_sums_per_account(b)),
        },
        Case {
            name: "compliance_hcp_sales_into_a_china_workspace_are_flagged_and_summed",
            language: "en-US",
            run: |b| Box::pin(hcp_sales_into_a_china_workspace_are_flagged_and_summed(b)),
        },
        Case {
            name: "compliance_the_performance_page_shows_no_reps_quota_but_their_activity",
            language: "zh-CN",
            run: |b| Box::pin(the_performance_page_shows_no_reps_quota(b)),
        },
    ]
}

/// Under China's rules a rep's row has no target, attainment or status, and the page says why;
/// territories and regions keep theirs, and activity KPIs stay per rep.
async fn the_performance_page_shows_no_reps_quota(browser: Browser) -> Result<()> {
    open_china_demo(&browser).await?;
    browser.click("nav-performance").await?;
    browser.element("performance-row").await?;
    ensure!(
        !browser.is_present("performance-quota-hidden").await,
        "regions' targets are not quotas"
    );
    let regions = browser.texts_of_all("performance-attainment").await?;
    ensure!(
        regions.iter().all(|text| text.ends_with('%')),
        "regions show {regions:?}"
    );
    browser.select("performance-dimension", "rep").await?;
    let notice = browser.text_of("performance-quota-hidden").await?;
    ensure!(notice.contains("备案"), "the notice says {notice:?}");
    let reps = browser.texts_of_all("performance-attainment").await?;
    ensure!(
        !reps.is_empty() && reps.iter().all(|text| text == "—"),
        "reps show attainments {reps:?}"
    );
    ensure!(
        !browser.is_present("performance-status").await,
        "a rep's row shows a status"
    );
    let reach = browser.texts_of_all("performance-reach").await?;
    ensure!(reach.len() > 2, "activity per rep: {reach:?}");
    browser
        .keep_views_around("performance-china", Some("performance-quota-hidden"))
        .await?;
    Ok(())
}

/// Opens the "China compliance" demo from the Overview, once the first visit's demo is stored.
async fn open_china_demo(browser: &Browser) -> Result<()> {
    open_data_page(browser).await?;
    browser
        .open(&format!("{}#/overview", browser.root_url))
        .await?;
    browser.click("open-china-demo").await?;
    browser.element("header-market-rules-badge").await?;
    Ok(())
}

/// An HCP's page under China's rules: its figures are its account's, it has no trend of its own
/// and no position in a funnel counted per account.
async fn hcp_page_shows_no_prescriptions(browser: &Browser) -> Result<()> {
    browser
        .open(&format!(
            "{}{}",
            browser.root_url,
            Route::customer_href(HCP)
        ))
        .await?;
    // The figures come with the profiles, computed after the page is drawn.
    browser.element("customer-volume").await?;
    let note = browser.text_of("customer-trend-market-rules").await?;
    ensure!(note.contains("per account"), "the trend says {note:?}");
    ensure!(
        !browser.is_present("customer-trend-chart").await,
        "an HCP's prescription trend is drawn"
    );
    let profile = browser.text_of("customer-profile").await?;
    ensure!(
        profile.contains("Account volume") && profile.contains("Account volume decile"),
        "the profile reads {profile:?}"
    );
    browser.element("customer-funnel-per-account").await?;
    Ok(())
}

async fn the_china_demo_shows_no_prescriptions_of_an_hcp(browser: Browser) -> Result<()> {
    open_china_demo(&browser).await?;
    // The default funnel has prescription steps: counted per account, and the page says why.
    browser
        .open(&format!("{}#/funnels", browser.root_url))
        .await?;
    let notice = browser.text_of("funnel-market-rules").await?;
    ensure!(
        notice.contains("counts accounts") && notice.contains("individual HCPs"),
        "the funnel's notice says {notice:?}"
    );
    browser
        .open(&format!("{}#/segments", browser.root_url))
        .await?;
    browser.element("segments-market-rules").await?;
    browser.element("segment-volume-share").await?;
    let shares = browser.texts_of_all("segment-volume-share").await?;
    ensure!(
        !shares.is_empty() && shares.iter().all(|s| s.trim() == "—"),
        "segments' shares of prescriptions: {shares:?}"
    );
    browser
        .open(&format!("{}#/customers", browser.root_url))
        .await?;
    browser.element("customers-market-rules").await?;
    hcp_page_shows_no_prescriptions(&browser).await?;
    // The Data page shows the rules on.
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("market-rules-on").await?;
    let checked = browser
        .script("return document.querySelector('[data-testid=market-rules-china]').checked")
        .await?;
    ensure!(
        checked == true,
        "China compliance is not the chosen rule set"
    );
    Ok(())
}

async fn switching_china_on_asks_then_sums_per_account(browser: Browser) -> Result<()> {
    open_data_page(&browser).await?;
    let stored_before = read_stored(&browser).await?;
    ensure!(
        !browser.is_present("header-market-rules-badge").await,
        "the standard demo shows the China badge"
    );
    browser.click("market-rules-china").await?;
    let question = browser.text_of("market-rules-confirm").await?;
    ensure!(
        question.contains("prescription records of individual HCPs")
            && question.contains("cannot be restored"),
        "the confirmation says {question:?}"
    );
    // Cancelling changes nothing.
    browser.click("market-rules-confirm-cancel").await?;
    ensure!(!browser.is_present("market-rules-confirm").await);
    ensure!(!browser.is_present("header-market-rules-badge").await);
    browser.click("market-rules-china").await?;
    browser.click("market-rules-confirm-yes").await?;
    let done = browser.text_of("market-rules-done").await?;
    ensure!(
        done.contains("were summed per account"),
        "after the switch: {done:?}"
    );
    browser.element("header-market-rules-badge").await?;
    hcp_page_shows_no_prescriptions(&browser).await?;
    // Saved at once (a confirmed rewrite of the data): still on after a reload.
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("market-rules-on").await?;
    let started = std::time::Instant::now();
    while read_stored(&browser).await?.digest == stored_before.digest {
        ensure!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the switch was never saved"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.client.refresh().await?;
    browser
        .element("header-market-rules-badge")
        .await
        .context("China's rules did not survive a reload")?;
    browser.element("market-rules-on").await?;
    // And off again: the badge goes, the accounts' records stay.
    browser.click("market-rules-standard").await?;
    ensure!(
        !browser.is_present("market-rules-confirm").await,
        "turning the rules off asked for a confirmation"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    ensure!(!browser.is_present("header-market-rules-badge").await);
    Ok(())
}

/// A month inside the demo's 18 months: three months before this one.
fn recent_month() -> Month {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64 / 86_400)
        .unwrap_or_default();
    let today = CalendarDate::from_days_since_unix_epoch(days);
    Month {
        year: today.year,
        month: today.month,
    }
    .plus(-3)
}

async fn hcp_sales_into_a_china_workspace_are_flagged_and_summed(browser: Browser) -> Result<()> {
    open_china_demo(&browser).await?;
    let directory = TempDirectory::new("compliance");
    let month = recent_month();
    let path = directory.0.join("hcp-sales.csv");
    std::fs::write(
        &path,
        format!(
            "Month,HCP ID,Product,Units,Value\n{month},{HCP},p-glyvora,5,640\n{month},h-00002,p-glyvora,3,384\n"
        ),
    )?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.choose_file("table-file", &path).await?;
    browser.element("table-column").await?;
    browser.click("table-check").await?;
    browser.element("table-preview").await?;
    let warning = browser.text_of("table-market-rules-message").await?;
    ensure!(
        warning.contains("2 prescription records of individual HCPs")
            && warning.contains("China's market rules"),
        "the preview warns {warning:?}"
    );
    let chosen = browser
        .script(
            "return document.querySelector('[data-testid=table-market-rules-aggregate]').checked",
        )
        .await?;
    ensure!(chosen == true, "summing per account is not the default");
    browser.element("table-market-rules-leave-out").await?;
    browser.click("table-confirm").await?;
    browser.element("table-done").await?;
    let settled = browser.text_of("table-market-rules-done").await?;
    ensure!(
        settled.contains("2 prescription records of individual HCPs were summed per account"),
        "after the import: {settled:?}"
    );
    // Still nothing of an HCP to see.
    hcp_page_shows_no_prescriptions(&browser).await?;
    Ok(())
}
