//! The Customers page as a user meets it: search, filter, sort, export the list as CSV, scroll 1,500 rows, and open an HCP's and an account's page.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{number, Browser, Case, PATIENCE};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "customers_search_filter_sort_export_and_open_an_hcp",
            language: "en-US",
            run: |b| Box::pin(customers_search_filter_sort_export_and_open_an_hcp(b)),
        },
        Case {
            name: "customers_list_draws_only_the_rows_in_view_while_scrolling",
            language: "en-US",
            run: |b| {
                Box::pin(customers_list_draws_only_the_rows_in_view_while_scrolling(
                    b,
                ))
            },
        },
        Case {
            name: "customers_in_chinese_search_and_an_account_page",
            language: "zh-CN",
            run: |b| Box::pin(customers_in_chinese_search_and_an_account_page(b)),
        },
    ]
}

/// The two numbers of the count: "120 of 1,500" or "显示 120 条，共 1,500 条" → (120, 1500).
fn shown_and_total(text: &str) -> Result<(u64, u64)> {
    let numbers: Vec<u64> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .filter(|part| part.chars().any(|c| c.is_ascii_digit()))
        .map(number)
        .collect::<Result<_>>()?;
    match numbers[..] {
        [shown, total] => Ok((shown, total)),
        _ => bail!("the count reads {text:?}"),
    }
}

async fn count(browser: &Browser) -> Result<(u64, u64)> {
    shown_and_total(&browser.text_of("customers-count").await?)
}

/// Waits until the count satisfies `wanted`, and returns it.
async fn wait_for_count(
    browser: &Browser,
    what: &str,
    wanted: impl Fn(u64, u64) -> bool,
) -> Result<(u64, u64)> {
    let started = Instant::now();
    loop {
        let (shown, total) = count(browser).await?;
        if wanted(shown, total) {
            return Ok((shown, total));
        }
        ensure!(
            started.elapsed() < PATIENCE,
            "the count stayed at {shown} of {total}, waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the Customers page and waits for the first rows.
async fn open_customers(browser: &Browser) -> Result<()> {
    browser
        .open(&format!("{}#/customers", browser.root_url))
        .await?;
    browser.element("customers-row").await?;
    Ok(())
}

/// The records of a CSV text (RFC 4180: quoted fields may hold commas and doubled quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    for line in text.trim_start_matches('\u{FEFF}').split("\r\n") {
        if line.is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut characters = line.chars().peekable();
        while let Some(character) = characters.next() {
            match (character, quoted) {
                ('"', true) if characters.peek() == Some(&'"') => {
                    field.push('"');
                    characters.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (other, _) => field.push(other),
            }
        }
        fields.push(field);
        records.push(fields);
    }
    records
}

async fn customers_search_filter_sort_export_and_open_an_hcp(browser: Browser) -> Result<()> {
    open_customers(&browser).await?;
    let (shown, total) = count(&browser).await?;
    ensure!(
        shown == total && total == 1_500,
        "the demo lists {shown} of {total} HCPs"
    );

    // Search for the name in the first row: the count drops and that row is there.
    let name = browser.texts_of_all("customers-cell-name").await?[0].clone();
    browser.type_into("customers-search", &name).await?;
    let (found, _) = wait_for_count(&browser, "the search", |shown, total| shown < total).await?;
    ensure!(found >= 1, "searching for {name:?} finds nothing");
    let names = browser.texts_of_all("customers-cell-name").await?;
    ensure!(
        names.contains(&name),
        "searching for {name:?} shows {names:?}"
    );
    browser.type_into("customers-search", "").await?;
    wait_for_count(&browser, "the search to be cleared", |shown, total| {
        shown == total
    })
    .await?;

    // Filter by a region: every row drawn is in that region.
    let options = browser
        .script(
            "return [...document.querySelector('[data-testid=customers-filter-region]').options]
                 .filter(o => o.value !== '').map(o => [o.value, o.text]);",
        )
        .await?;
    let region_value = options[0][0]
        .as_str()
        .context("a region option")?
        .to_string();
    let region_name = options[0][1].as_str().context("a region name")?.to_string();
    browser
        .select("customers-filter-region", &region_value)
        .await?;
    let (in_region, _) =
        wait_for_count(&browser, "the region filter", |shown, total| shown < total).await?;
    let regions = browser.texts_of_all("customers-cell-region").await?;
    ensure!(!regions.is_empty(), "no rows in {region_name}");
    ensure!(
        regions.iter().all(|region| *region == region_name),
        "filtered by {region_name:?}, the rows show {regions:?}"
    );

    // Sort by potential, descending: the second click on the heading reverses.
    browser.click("customers-sort-potential").await?;
    browser.click("customers-sort-potential").await?;
    let heading = browser
        .client
        .find(Locator::Css(
            "th:has([data-testid=customers-sort-potential])",
        ))
        .await?;
    let started = Instant::now();
    while heading.attr("aria-sort").await?.as_deref() != Some("descending") {
        ensure!(
            started.elapsed() < PATIENCE,
            "the potential heading never sorts descending"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let potentials: Vec<u64> = browser
        .texts_of_all("customers-cell-potential")
        .await?
        .iter()
        .map(|text| number(text))
        .collect::<Result<_>>()?;
    ensure!(
        potentials.len() >= 10,
        "only {} rows drawn",
        potentials.len()
    );
    ensure!(
        potentials.windows(2).all(|pair| pair[0] >= pair[1]),
        "the potentials are not in descending order: {potentials:?}"
    );

    // The CSV holds every filtered row (not only those drawn), in the same order.
    browser.click("customers-export-csv").await?;
    let (file_name, bytes) = browser.downloaded_file().await?;
    ensure!(
        file_name.starts_with("omnirx-hcps-") && file_name.ends_with(".csv"),
        "saved as {file_name:?}"
    );
    let text = String::from_utf8(bytes)?;
    ensure!(
        text.starts_with('\u{FEFF}'),
        "the CSV has no byte-order mark"
    );
    let records = parse_csv(&text);
    let header = &records[0];
    ensure!(
        header.len() == 15 && header[..3] == ["Id", "Name", "Account"],
        "the CSV header is {header:?}"
    );
    ensure!(
        records.len() as u64 - 1 == in_region,
        "the CSV has {} rows, the page counts {in_region}",
        records.len() - 1
    );
    let region_column = header
        .iter()
        .position(|h| h == "Region")
        .context("no Region column")?;
    let potential_column = header
        .iter()
        .position(|h| h.starts_with("Potential"))
        .context("no Potential column")?;
    ensure!(
        records[1..].iter().all(|r| r[region_column] == region_name),
        "the CSV has rows outside {region_name}"
    );
    let exported: Vec<u64> = records[1..]
        .iter()
        .map(|r| number(&r[potential_column]))
        .collect::<Result<_>>()?;
    ensure!(
        exported[..potentials.len().min(exported.len())] == potentials[..],
        "the CSV's order differs from the page's"
    );

    // Open the first HCP: the profile, segment history and trend chart are there.
    let first_name = browser.texts_of_all("customers-cell-name").await?[0].clone();
    browser
        .client
        .find(Locator::Css(
            "[data-testid=customers-row] [data-testid=customers-cell-name] a",
        ))
        .await?
        .click()
        .await?;
    browser.wait_for_text("customer-name", &first_name).await?;
    ensure!(
        browser.text_of("customer-region").await? == region_name,
        "the HCP's page shows another region"
    );
    browser.element("customer-segment").await?;
    let started = Instant::now();
    loop {
        let quarters = browser.texts_of_all("customer-segment-quarter").await?;
        if quarters.len() == 4 {
            break;
        }
        ensure!(
            started.elapsed() < PATIENCE,
            "the segment history shows {quarters:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.element("customer-trend-chart").await?;
    let bars = browser
        .client
        .find_all(Locator::Css("[data-testid=customer-trend-bar]"))
        .await?;
    ensure!(bars.len() == 18, "the trend has {} months", bars.len());
    browser.element("customer-interactions").await?;

    // Back to the list: it is there again.
    browser.client.back().await?;
    browser.element("customers-row").await?;
    Ok(())
}

async fn customers_list_draws_only_the_rows_in_view_while_scrolling(
    browser: Browser,
) -> Result<()> {
    open_customers(&browser).await?;
    let (_, total) = count(&browser).await?;
    let drawn = browser.texts_of_all("customers-row").await?.len();
    ensure!(
        (10..80).contains(&drawn),
        "{drawn} of {total} rows are drawn at the top"
    );
    let sizes = browser
        .script(
            "const row = document.querySelector('[data-testid=customers-row]');
             const table = document.querySelector('[data-testid=customers-scroll] table');
             return [row.getBoundingClientRect().height, table.querySelector('thead').getBoundingClientRect().height, table.getBoundingClientRect().height];",
        )
        .await?;
    let row_height = sizes[0].as_f64().unwrap_or_default();
    let header_height = sizes[1].as_f64().unwrap_or_default();
    let table_height = sizes[2].as_f64().unwrap_or_default();
    ensure!(row_height == 40.0, "a row is {row_height} px high, not 40");
    ensure!(
        (table_height - header_height - total as f64 * 40.0).abs() < 1.0,
        "the table is {table_height} px high for {total} rows"
    );

    // Scrolled to the bottom, the last row is drawn, at the bottom, and still few rows are.
    browser
        .script(
            "const s = document.querySelector('[data-testid=customers-scroll]'); s.scrollTop = s.scrollHeight; return true;",
        )
        .await?;
    let last = format!(
        "[data-testid=customers-row][aria-rowindex=\"{}\"]",
        total + 1
    );
    browser
        .client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(&last))
        .await
        .context("the last row was never drawn")?;
    let drawn = browser.texts_of_all("customers-row").await?.len();
    ensure!(
        (10..80).contains(&drawn),
        "{drawn} rows drawn at the bottom"
    );
    let gap = browser
        .script(
            "const s = document.querySelector('[data-testid=customers-scroll]');
             const rows = s.querySelectorAll('[data-testid=customers-row]');
             return s.getBoundingClientRect().bottom - rows[rows.length - 1].getBoundingClientRect().bottom;",
        )
        .await?
        .as_f64()
        .unwrap_or(f64::NAN);
    ensure!(
        (0.0..=20.0).contains(&gap),
        "the last row ends {gap} px above the bottom of the list"
    );

    // Halfway down, the rows drawn are the ones in the middle.
    browser
        .script(
            "const s = document.querySelector('[data-testid=customers-scroll]'); s.scrollTop = 750 * 40; return true;",
        )
        .await?;
    let started = Instant::now();
    loop {
        let indices = browser
            .script(
                "return [...document.querySelectorAll('[data-testid=customers-row]')].map(r => +r.getAttribute('aria-rowindex'));",
            )
            .await?;
        let indices: Vec<u64> = indices
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_u64()).collect())
            .unwrap_or_default();
        // Row 750 of the list is aria-rowindex 752 (the header is row 1, positions count from 0).
        if indices.contains(&752) && indices.iter().all(|&i| (700..820).contains(&i)) {
            break;
        }
        ensure!(
            started.elapsed() < PATIENCE,
            "halfway down the rows drawn are {indices:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The accounts list: every account, each with its HCPs counted.
    browser.click("customers-kind-accounts").await?;
    let (accounts, _) = wait_for_count(&browser, "the account list", |shown, total| {
        shown == total && total == 120
    })
    .await?;
    ensure!(accounts == 120, "{accounts} accounts");
    browser.element("customers-cell-hcp-count").await?;
    browser.click("customers-kind-hcps").await?;
    wait_for_count(&browser, "the HCP list", |_, total| total == 1_500).await?;
    Ok(())
}

async fn customers_in_chinese_search_and_an_account_page(browser: Browser) -> Result<()> {
    open_customers(&browser).await?;
    let count_text = browser.text_of("customers-count").await?;
    ensure!(count_text.contains('共'), "the count reads {count_text:?}");
    let name = browser.texts_of_all("customers-cell-name").await?[0].clone();
    let family_name: String = name.chars().take(1).collect();
    browser.type_into("customers-search", &family_name).await?;
    wait_for_count(&browser, "a Chinese search", |shown, total| {
        shown > 0 && shown < total
    })
    .await?;
    let names = browser.texts_of_all("customers-cell-name").await?;
    let accounts = browser.texts_of_all("customers-cell-account").await?;
    ensure!(
        names
            .iter()
            .zip(&accounts)
            .all(|(name, account)| name.contains(&family_name) || account.contains(&family_name)),
        "searching {family_name:?} shows {names:?}"
    );

    // An account's page lists its HCPs, as many as the list counts.
    browser.type_into("customers-search", "").await?;
    browser.click("customers-kind-accounts").await?;
    browser.element("customers-cell-hcp-count").await?;
    let hcp_count = number(&browser.texts_of_all("customers-cell-hcp-count").await?[0])?;
    let account_name = browser.texts_of_all("customers-cell-name").await?[0].clone();
    browser
        .client
        .find(Locator::Css(
            "[data-testid=customers-row] [data-testid=customers-cell-name] a",
        ))
        .await?
        .click()
        .await?;
    browser
        .wait_for_text("customer-name", &account_name)
        .await?;
    browser.element("customer-account-hcps").await?;
    let listed = browser.texts_of_all("customer-account-hcp").await?.len() as u64;
    ensure!(
        listed == hcp_count,
        "{account_name} lists {listed} HCPs, the list counted {hcp_count}"
    );
    browser.element("customer-trend-chart").await?;
    Ok(())
}
