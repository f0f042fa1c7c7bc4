//! Workspaces as a user meets them: the demo on a first visit, import with preview, export, delete.

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::export_workspace;

use crate::harness::{Browser, Case, TempDirectory};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "first_visit_opens_the_demo_workspace",
            language: "en-US",
            run: |b| Box::pin(first_visit_opens_the_demo_workspace(b)),
        },
        Case {
            name: "import_preview_confirm_reload_export_delete",
            language: "en-US",
            run: |b| Box::pin(import_preview_confirm_reload_export_delete(b)),
        },
        Case {
            name: "duplicate_and_rename_a_workspace",
            language: "en-US",
            run: |b| Box::pin(duplicate_and_rename_a_workspace(b)),
        },
        Case {
            name: "an_edit_survives_an_immediate_reload",
            language: "en-US",
            run: |b| Box::pin(an_edit_survives_an_immediate_reload(b)),
        },
        Case {
            name: "without_storage_the_app_warns_and_still_works_in_memory",
            language: "en-US+no-site-data",
            run: |b| Box::pin(without_storage_the_app_warns_and_still_works_in_memory(b)),
        },
        Case {
            name: "a_full_disk_is_explained_and_the_previous_data_stays",
            language: "en-US+small-disk",
            run: |b| Box::pin(a_full_disk_is_explained_and_the_previous_data_stays(b)),
        },
    ]
}

fn sample_file(name: &str, seed: u64) -> (String, std::path::PathBuf, TempDirectory) {
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        seed,
        DataLanguage::English,
    ));
    workspace.settings.name = name.to_string();
    workspace.settings.demo = false;
    let text = export_workspace(&workspace);
    let directory = TempDirectory::new("upload");
    let path = directory.0.join(format!("{name}.omnirx.json"));
    std::fs::write(&path, &text).expect("the sample file is written");
    (text, path, directory)
}

async fn first_visit_opens_the_demo_workspace(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    browser.element("demo-badge").await?;
    browser.wait_for_text("count-hcps", "1,500").await?;
    let name = browser.text_of("workspace-name").await?;
    ensure!(
        name.contains("Demo workspace"),
        "the demo is named {name:?}"
    );
    let interactions = browser.text_of("count-interactions").await?;
    ensure!(
        interactions.starts_with("60,"),
        "the demo has {interactions:?} interactions"
    );
    ensure!(
        browser.is_displayed("header-demo-badge").await?,
        "no demo badge in the header"
    );
    Ok(())
}

async fn import_preview_confirm_reload_export_delete(browser: Browser) -> Result<()> {
    let (original, path, _directory) = sample_file("East-region-Q3", 11);
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    // The browser refuses to keep the data for sure, as a browser with little engagement may.
    let origin = url::Url::parse(&browser.root_url)?
        .origin()
        .ascii_serialization();
    browser
        .devtools(
            "Browser.setPermission",
            serde_json::json!({
                "permission": { "name": "persistent-storage" },
                "setting": "denied",
                "origin": origin,
            }),
        )
        .await?;
    browser.choose_file("import-file", &path).await?;
    browser.element("import-preview").await?;
    ensure!(
        browser.text_of("preview-name").await? == "East-region-Q3",
        "the preview names another workspace"
    );
    let hcps = browser.text_of("preview-hcps").await?;
    ensure!(hcps.ends_with("40"), "the preview counts {hcps:?} HCPs");
    browser.click("import-as-new").await?;
    browser.element("notice").await?;

    // The first save of the user's own data asks the browser to keep it; the refusal is said,
    // with the way out (export), and can be dismissed.
    let persisted = browser
        .client
        .execute_async("navigator.storage.persisted().then(arguments[0])", vec![])
        .await?;
    ensure!(persisted == false, "persistence was granted though denied");
    let banner = browser.text_of("storage-banner").await?;
    ensure!(
        banner.contains("may clear it") && banner.contains("Export"),
        "persistence was refused, and the banner says {banner:?}"
    );
    browser.click("storage-banner-dismiss").await?;
    ensure!(
        browser
            .client
            .find(fantoccini::Locator::Css("[data-testid=\"storage-banner\"]"))
            .await
            .is_err(),
        "the banner stays after dismissing"
    );

    // The new workspace is open, listed next to the demo, and survives a reload.
    browser.click("nav-overview").await?;
    browser
        .wait_for_text("workspace-name", "East-region-Q3")
        .await?;
    browser.client.refresh().await?;
    browser
        .wait_for_text("workspace-name", "East-region-Q3")
        .await
        .context("the import did not survive a reload")?;
    let hcps = browser.text_of("count-hcps").await?;
    ensure!(
        hcps == "40",
        "after the reload the workspace has {hcps:?} HCPs"
    );

    // Exporting gives back the very file that was imported.
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (file_name, bytes) = browser.downloaded_file().await?;
    ensure!(
        file_name.starts_with("East-region-Q3-") && file_name.ends_with(".omnirx.json"),
        "downloaded as {file_name:?}"
    );
    ensure!(
        bytes == original.as_bytes(),
        "the exported file ({} bytes) differs from the imported one ({} bytes) from byte {}",
        bytes.len(),
        original.len(),
        bytes
            .iter()
            .zip(original.as_bytes())
            .position(|(exported, imported)| exported != imported)
            .unwrap_or(bytes.len().min(original.len()))
    );

    // Deleting asks for confirmation, then the workspace is gone and another one opens.
    let rows = browser
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=\"workspace-row\"]"))
        .await?;
    ensure!(
        rows.len() == 2,
        "{} workspaces listed, expected the demo and the import",
        rows.len()
    );
    click_in_row(&browser, "text()='East-region-Q3'", "workspace-delete").await?;
    click_in_row(
        &browser,
        "text()='East-region-Q3'",
        "workspace-confirm-delete",
    )
    .await?;
    let started = std::time::Instant::now();
    loop {
        let rows = browser
            .client
            .find_all(fantoccini::Locator::Css("[data-testid=\"workspace-row\"]"))
            .await?;
        if rows.len() == 1 {
            break;
        }
        ensure!(
            started.elapsed() < crate::harness::PATIENCE,
            "the deleted workspace is still listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.click("nav-overview").await?;
    browser
        .element("demo-badge")
        .await
        .context("the demo did not open after deleting the current workspace")?;
    browser.client.refresh().await?;
    browser.element("demo-badge").await?;
    Ok(())
}

async fn row_names(browser: &Browser) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for element in browser
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid=\"workspace-row-name\"]",
        ))
        .await?
    {
        names.push(element.text().await?);
    }
    Ok(names)
}

async fn wait_for_row_names(browser: &Browser, expected: &[&str]) -> Result<()> {
    let started = std::time::Instant::now();
    let mut names = Vec::new();
    while started.elapsed() < crate::harness::PATIENCE {
        // A row replaced while it is read (the list refreshed) is read again on the next turn.
        names = row_names(browser).await.unwrap_or_default();
        if names == expected {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!("the workspace list shows {names:?}, expected {expected:?}")
}

async fn duplicate_and_rename_a_workspace(browser: Browser) -> Result<()> {
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    let demo_name = crate::stored::read_stored_settled(&browser)
        .await?
        .workspaces
        .first()
        .map(|workspace| workspace.name.clone())
        .context("no workspace stored on a first visit")?;
    wait_for_row_names(&browser, &[&demo_name]).await?;
    browser.click("workspace-duplicate").await?;
    let copy_name = format!("{demo_name} (copy)");
    wait_for_row_names(&browser, &[&demo_name, &copy_name]).await?;

    click_in_row(&browser, "contains(text(), '(copy)')", "workspace-rename").await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys("Trainer copy <b>Q4</b>").await?;
    browser.click("workspace-rename-save").await?;
    wait_for_row_names(&browser, &[&demo_name, "Trainer copy <b>Q4</b>"]).await?;

    // The copy is open, its name is shown as text (not markup), and both survive a reload.
    browser.click("nav-overview").await?;
    browser
        .wait_for_text("workspace-name", "Trainer copy <b>Q4</b>")
        .await?;
    browser.client.refresh().await?;
    browser
        .wait_for_text("workspace-name", "Trainer copy <b>Q4</b>")
        .await?;
    browser.click("nav-data").await?;
    wait_for_row_names(&browser, &[&demo_name, "Trainer copy <b>Q4</b>"])
        .await
        .context("after a reload")?;
    Ok(())
}

async fn an_edit_survives_an_immediate_reload(browser: Browser) -> Result<()> {
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    browser.click("workspace-rename").await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys("Workshop Shanghai").await?;
    browser.click("workspace-rename-save").await?;
    // Reload at once, well inside the autosave delay: leaving the page must write the edit.
    browser.client.refresh().await?;
    browser.element("workspace-row").await?;
    wait_for_row_names(&browser, &["Workshop Shanghai"])
        .await
        .context("the edit was lost on reload")?;
    browser.click("nav-overview").await?;
    browser
        .wait_for_text("workspace-name", "Workshop Shanghai")
        .await?;
    Ok(())
}

async fn without_storage_the_app_warns_and_still_works_in_memory(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    let banner = browser.text_of("storage-banner").await?;
    ensure!(
        banner.contains("cannot store data") && banner.contains("Export workspace"),
        "the banner says {banner:?}"
    );
    // The demo is there, in memory, and can be exported: the only way to keep it.
    browser.wait_for_text("count-hcps", "1,500").await?;
    browser.click("nav-data").await?;
    browser.click("export-button").await?;
    let (file_name, bytes) = browser.downloaded_file().await?;
    ensure!(
        file_name.ends_with(".omnirx.json") && bytes.len() > 1_000_000,
        "exported {file_name} ({} bytes)",
        bytes.len()
    );
    Ok(())
}

async fn a_full_disk_is_explained_and_the_previous_data_stays(browser: Browser) -> Result<()> {
    // A workspace too big for the 16 MB disk under this browser's profile: 24 MB of notes that
    // no compression can shrink (IndexedDB compresses values).
    let (too_big, _directory) =
        crate::storage_faults::incompressible_file("Too big for the disk", 24)?;

    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    let before = row_names(&browser).await?;
    let message = browser.import_as_new(&too_big).await?;
    ensure!(
        message.starts_with("Not enough storage"),
        "a full disk was reported as {message:?}"
    );
    browser.client.refresh().await?;
    browser.element("workspace-row").await?;
    ensure!(
        row_names(&browser).await? == before,
        "a failed write changed the stored workspaces"
    );
    browser.click("nav-overview").await?;
    browser
        .element("demo-badge")
        .await
        .context("the previous workspace is no longer open")?;
    browser.wait_for_text("count-hcps", "1,500").await?;
    Ok(())
}

/// Clicks the button `test_id` in the workspace row whose name satisfies `name_condition`
/// (an XPath predicate on the name's text, e.g. `text()='East'`).
pub async fn click_in_row(browser: &Browser, name_condition: &str, test_id: &str) -> Result<()> {
    let row = browser
        .client
        .find(fantoccini::Locator::XPath(&format!(
            "//tr[@data-testid='workspace-row'][.//span[@data-testid='workspace-row-name' and {name_condition}]]"
        )))
        .await
        .with_context(|| format!("no workspace row whose name has {name_condition}"))?;
    row.find(fantoccini::Locator::Css(&crate::harness::by_test_id(
        test_id,
    )))
    .await?
    .click()
    .await
    .with_context(|| format!("clicking {test_id} in the row whose name has {name_condition}"))
}
