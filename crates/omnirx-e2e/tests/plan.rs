//! The Plan page (docs/planning.md) as a user meets it: optimise and save a plan with the same
//! numbers as `omnirx plan`, edit a customer's contacts by hand, export the plan as CSV, Excel and
//! a rep's calendar, import a month of interactions and see attainment move, reload and find
//! the plan and its edit kept; and settings that cannot be met said in the page's language.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use omnirx_testkit::sheets;

use crate::harness::{number, Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "plan_optimise_edit_export_and_follow_up_an_imported_month",
            language: "en-US",
            run: |b| Box::pin(optimise_edit_export_and_follow_up(b)),
        },
        Case {
            name: "plan_capacity_below_the_minimums_an_hcps_limits_and_custom_dates_in_chinese",
            language: "zh-CN",
            run: |b| Box::pin(capacity_below_the_minimums(b)),
        },
    ]
}

/// Waits until `source` (a JS expression) is true.
async fn wait_until(browser: &Browser, what: &str, source: &str) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if browser.script(&format!("return !!({source})")).await? == serde_json::json!(true) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("{what}: `{source}` never became true")
}

async fn saved(browser: &Browser) -> Result<()> {
    wait_until(
        browser,
        "the plan is saved",
        "document.querySelector('[data-testid=plan-status]')?.dataset.saved === 'true'",
    )
    .await
}

/// The page's cycle and the first rep's id.
async fn cycle_and_first_rep(browser: &Browser) -> Result<(String, String, String)> {
    let value = browser
        .script(
            "const c = document.querySelector('[data-testid=plan-cycle]');
             const r = document.querySelector('[data-testid=plan-rep] option:nth-child(2)');
             return [c.value, r.value, r.textContent.trim()];",
        )
        .await?;
    let text = |i: usize| value[i].as_str().unwrap_or_default().to_string();
    Ok((text(0), text(1), text(2)))
}

/// Exports the open workspace and runs `omnirx plan FILE --cycle CYCLE --json`.
async fn cli_plan(browser: &Browser, cycle: &str) -> Result<serde_json::Value> {
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let directory = TempDirectory::new("plan");
    let path = directory.0.join(name);
    std::fs::write(&path, bytes)?;
    let output = Command::new(omnirx_e2e::cli())
        .args(["plan", "--cycle", cycle, "--json"])
        .arg(&path)
        .output()?;
    ensure!(
        output.status.success(),
        "omnirx plan failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(serde_json::from_slice(&output.stdout)?)
}

/// The rep's total actual contacts in the follow-up (0 before the data reaches the cycle).
async fn rep_actual(browser: &Browser) -> Result<u64> {
    browser.element("plan-follow-up").await?;
    if browser.is_present("plan-no-follow-up").await {
        return Ok(0);
    }
    let actual = browser.texts_of_all("plan-actual").await?;
    number(actual.last().context("no follow-up row")?)
}

async fn optimise_edit_export_and_follow_up(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    browser.element("workspace-summary").await?;
    browser.click("nav-plan").await?;
    browser.element("plan-summary").await?;
    wait_until(
        &browser,
        "a proposal first",
        "document.querySelector('[data-testid=plan-status]')?.dataset.saved === 'false'",
    )
    .await?;
    browser.click("plan-optimise").await?;
    saved(&browser).await?;
    let (cycle, rep, rep_name) = cycle_and_first_rep(&browser).await?;

    // The page's plan is the CLI's: the same expected uplift for the team.
    let page_uplift = browser.texts_of_all("plan-value").await?;
    let cli = cli_plan(&browser, &cycle).await?;
    let cli_uplift = format!(
        "{:.2}",
        cli["plan"]["expected_uplift"]
            .as_f64()
            .context("no uplift")?
    );
    ensure!(
        page_uplift.first() == Some(&cli_uplift),
        "the page's expected uplift {page_uplift:?}, the CLI's {cli_uplift}"
    );

    // A rep's customers: one visit more for the first customer that can take one.
    browser.click("nav-plan").await?;
    browser.select("plan-rep", &rep).await?;
    browser.element("plan-row").await?;
    let picked = browser
        .script(
            "const input = [...document.querySelectorAll('[data-testid=plan-cell]')]
               .find(i => !i.disabled && Number(i.value) < Number(i.max));
             input.setAttribute('data-testid', 'plan-cell-under-test');
             return [input.dataset.hcp, input.dataset.channel, Number(input.value)];",
        )
        .await?;
    let (hcp, channel) = (
        picked[0].as_str().unwrap_or_default(),
        picked[1].as_str().unwrap_or_default(),
    );
    let planned = picked[2].as_u64().context("no planned count")?;
    browser
        .replace_text("plan-cell-under-test", &(planned + 1).to_string())
        .await?;
    let cell = format!(
        "document.querySelector('[data-testid=plan-cell][data-hcp=\"{hcp}\"][data-channel=\"{channel}\"]')"
    );
    wait_until(
        &browser,
        "the edit is kept",
        &format!(
            "{cell}?.value === '{}' && {cell}.classList.contains('edited')",
            planned + 1
        ),
    )
    .await?;
    let status = browser.text_of("plan-status").await?;
    ensure!(status.contains("1 hand edit"), "the status says {status:?}");

    // Exports: CSV and Excel of the rep's customers, and the rep's calendar.
    browser.click("plan-export-csv").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(
        name == format!("omnirx-plan-{cycle}-{rep}.csv"),
        "CSV named {name}"
    );
    let csv = String::from_utf8(bytes)?;
    ensure!(
        csv.starts_with('\u{feff}') && csv.contains(hcp),
        "the CSV lacks {hcp}: {csv:.300}"
    );
    browser.click("plan-export-xlsx").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    ensure!(
        name.ends_with(".xlsx") && bytes.starts_with(b"PK"),
        "Excel file {name}"
    );
    browser.click("plan-export-ics").await?;
    let (name, bytes) = browser.downloaded_file().await?;
    let ics = String::from_utf8(bytes)?;
    ensure!(
        name.ends_with(".ics")
            && ics.starts_with("BEGIN:VCALENDAR")
            && ics.contains("BEGIN:VEVENT"),
        "calendar {name}: {ics:.200}"
    );
    // Print opens the browser's print dialog (stubbed here: headless Chromium has none).
    browser
        .script("window.__printed = false; window.print = () => { window.__printed = true; }; return true;")
        .await?;
    browser.click("plan-print").await?;
    wait_until(&browser, "print was asked for", "window.__printed === true").await?;
    browser.element("plan-week").await?;
    browser.keep_views("plan-rep").await?;

    // A month of interactions comes in: five visits to the rep's planned customers.
    let before = rep_actual(&browser).await?;
    let customers = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=plan-row]')].slice(0, 5)
               .map(r => [r.querySelector('th a').textContent, r.querySelector('th .muted').textContent]);",
        )
        .await?;
    let first_day = format!("{cycle}-02");
    let mut rows = vec![sheets::CRM_HEADERS
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()];
    for pair in customers.as_array().context("no customers")? {
        rows.push(vec![
            first_day.clone(),
            "10:00".into(),
            pair[1].as_str().unwrap_or_default().into(),
            pair[0].as_str().unwrap_or_default().into(),
            "Face to face".into(),
            "Engaged".into(),
            String::new(),
            rep_name.clone(),
            String::new(),
        ]);
    }
    let directory = TempDirectory::new("plan-month");
    let file = directory.0.join("visits.csv");
    std::fs::write(&file, sheets::csv_text(&rows))?;
    browser.click("nav-data").await?;
    browser.choose_file("table-file", &file).await?;
    browser.element("table-column").await?;
    browser.click("table-check").await?;
    browser.element("table-report").await?;
    browser.click("table-confirm").await?;
    browser.element("table-done").await?;
    browser.click("nav-plan").await?;
    browser.select("plan-rep", &rep).await?;
    let started = Instant::now();
    let mut after = rep_actual(&browser).await?;
    while after <= before && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        after = rep_actual(&browser).await?;
    }
    ensure!(
        after >= before + 5,
        "actual contacts went from {before} to {after}"
    );
    let attainment = browser.texts_of_all("plan-attainment").await?;
    ensure!(
        attainment
            .last()
            .is_some_and(|a| a.ends_with('%') && a != "0.0%"),
        "attainment shows {attainment:?}"
    );
    browser
        .keep_views_around("plan-follow-up", Some("plan-follow-up"))
        .await?;

    // After a reload the plan is still the saved one, with its edit.
    browser.open(&format!("{}#/plan", browser.root_url)).await?;
    saved(&browser).await?;
    browser.select("plan-rep", &rep).await?;
    wait_until(
        &browser,
        "the edit survived a reload",
        &format!("{cell}?.value === '{}'", planned + 1),
    )
    .await?;
    Ok(())
}

/// No visit capacity at all: the page says which minimums cannot be met, in Chinese, and the
/// other channels are still planned; an HCP's own limits are listed; custom dates that end
/// before they start are refused, a fortnight is planned.
async fn capacity_below_the_minimums(browser: Browser) -> Result<()> {
    browser.open(&format!("{}#/plan", browser.root_url)).await?;
    browser.element("plan-summary").await?;
    browser.keep_views("plan-team").await?;
    let visits = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=plan-capacity-input]')][0].dataset.channel",
        )
        .await?;
    let visits = visits.as_str().unwrap_or_default().to_string();
    browser
        .script(&format!(
            "document.querySelector('[data-testid=plan-capacity-input][data-channel=\"{visits}\"]')
               .setAttribute('data-testid', 'plan-capacity-under-test'); return true;"
        ))
        .await?;
    browser
        .replace_text("plan-capacity-under-test", "0")
        .await?;
    wait_until(
        &browser,
        "the settings changed",
        "document.querySelector('[data-testid=plan-status]')?.dataset.saved === 'false'",
    )
    .await?;
    let started = Instant::now();
    loop {
        let messages = browser
            .texts_of_all("plan-message")
            .await
            .unwrap_or_default();
        if messages
            .iter()
            .any(|m| m.contains("最少频次") || m.contains("最低频次"))
        {
            break;
        }
        ensure!(
            started.elapsed() < Duration::from_secs(20),
            "no message about the minimums: {messages:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let contacts = browser.texts_of_all("plan-value").await?;
    ensure!(
        contacts.get(1).is_some_and(|c| number(c).unwrap_or(0) > 0),
        "the other channels are planned: {contacts:?}"
    );
    browser
        .keep_views_around("plan-messages", Some("plan-messages"))
        .await?;

    // An HCP's own limits, for one rep's customer: listed, and the plan waits for an optimisation.
    let rep = browser
        .script("return document.querySelector('[data-testid=plan-rep] option:nth-child(2)').value")
        .await?;
    browser
        .select("plan-rep", rep.as_str().unwrap_or_default())
        .await?;
    browser.element("plan-limits-card").await?;
    browser.type_into("plan-limit-min", "3").await?;
    browser.type_into("plan-limit-max", "3").await?;
    browser.click("plan-limit-set").await?;
    let limits = browser.texts_of_all("plan-limit").await?;
    ensure!(
        limits.len() == 1 && limits[0].contains("3–3"),
        "the limits listed: {limits:?}"
    );
    browser
        .keep_views_around("plan-limits", Some("plan-limits-card"))
        .await?;

    // Custom dates: a cycle that ends before it starts is refused in Chinese, then a fortnight.
    browser.select("plan-cycle", "custom").await?;
    let set_date = |id: &str, date: &str| {
        format!(
            "const i = document.querySelector('[data-testid={id}]'); i.value = '{date}';
             i.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
        )
    };
    browser
        .script(&set_date("plan-cycle-from", "2026-12-20"))
        .await?;
    browser
        .script(&set_date("plan-cycle-to", "2026-12-01"))
        .await?;
    let problem = browser.text_of("plan-cycle-problem").await?;
    ensure!(problem.contains("早于"), "the refusal says {problem:?}");
    browser
        .script(&set_date("plan-cycle-from", "2026-12-01"))
        .await?;
    browser
        .script(&set_date("plan-cycle-to", "2026-12-15"))
        .await?;
    wait_until(
        &browser,
        "the fortnight is the cycle",
        "document.querySelector('[data-testid=plan-summary] thead th')?.textContent.includes('2026年12月15日')",
    )
    .await?;
    Ok(())
}
