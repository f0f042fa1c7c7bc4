//! Sharing through the Data page (docs/sharing.md): a region's last months exported anonymised
//! and sealed with a passphrase, then opened again through the import with a wrong passphrase, the
//! right one, and a damaged copy.

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;

use omnirx_core::domain::sharing::envelope::{open, OpenError};
use omnirx_core::domain::workspace_file::{import_workspace, validate_workspace};

use crate::harness::{Browser, Case, TempDirectory};
use crate::stored::{open_data_page, read_stored};

pub fn cases() -> Vec<Case> {
    vec![Case {
        name: "a_region_exported_anonymised_and_encrypted_opens_again_with_its_passphrase",
        language: "zh-CN",
        run: |b| Box::pin(a_region_exported_anonymised_and_encrypted(b)),
    }]
}

const PASSPHRASE: &str = "拜访 2026 horse";

/// Sets a date input as a user picking a date does (typing depends on the browser's locale).
async fn pick_date(browser: &Browser, test_id: &str, date: &str) -> Result<()> {
    browser
        .client
        .execute(
            "const input = document.querySelector(`[data-testid=${arguments[0]}]`);
             input.value = arguments[1];
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![test_id.into(), date.into()],
        )
        .await?;
    Ok(())
}

async fn a_region_exported_anonymised_and_encrypted(browser: Browser) -> Result<()> {
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    browser.click("export-options").await?;
    let region = browser
        .client
        .find(Locator::Css("[data-testid=export-regions] input"))
        .await?;
    let region_id = region.attr("value").await?.context("a region's id")?;
    region.click().await?;
    pick_date(&browser, "export-from", "2026-05-01").await?;
    pick_date(&browser, "export-to", "2026-10-31").await?;
    browser.click("export-anonymise").await?;
    // Two passphrases that differ: nothing is exported.
    browser.type_into("export-passphrase", PASSPHRASE).await?;
    browser.type_into("export-passphrase-again", "typo").await?;
    browser.click("export-button").await?;
    let problem = browser.text_of("export-problem").await?;
    ensure!(
        problem.contains("口令不一样"),
        "the problem says {problem:?}"
    );
    browser
        .replace_text("export-passphrase-again", PASSPHRASE)
        .await?;
    browser
        .keep_views_around("export-options", Some("export-options"))
        .await?;
    browser.click("export-button").await?;
    let (name, sealed) = browser.downloaded_file().await?;
    ensure!(
        name.ends_with(".encrypted.omnirx.json"),
        "downloaded as {name:?}"
    );

    // The file: sealed, and inside a valid anonymised part with one region.
    ensure!(
        open(&sealed, "wrong") == Err(OpenError::WrongPassphrase),
        "a wrong passphrase opened it"
    );
    let plain = open(&sealed, PASSPHRASE).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let part = import_workspace(&plain)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .workspace;
    ensure!(
        validate_workspace(&part).is_valid(),
        "the part does not validate"
    );
    ensure!(
        part.regions.len() == 1 && part.regions[0].id == region_id,
        "the part holds regions {:?}",
        part.regions.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    ensure!(
        !part.hcps.is_empty() && part.hcps.iter().all(|h| h.id.starts_with("anon-h-")),
        "the HCPs were not re-keyed"
    );
    ensure!(
        part.interactions.iter().all(|i| i.notes.is_empty()),
        "notes survived"
    );
    ensure!(
        part.settings.name == "培训副本（已匿名）",
        "named {:?}",
        part.settings.name
    );

    // Opening it: a wrong passphrase says so, the right one shows the preview.
    let directory = TempDirectory::new("sealed");
    let path = directory.0.join(&name);
    std::fs::write(&path, &sealed)?;
    browser.choose_file("import-file", &path).await?;
    browser.element("import-locked").await?;
    browser.type_into("import-passphrase", "wrong").await?;
    browser.click("import-unlock").await?;
    let said = browser.text_of("import-unlock-error").await?;
    ensure!(said == "口令不对。", "a wrong passphrase gave {said:?}");
    browser
        .keep_views_around("import-locked", Some("import-locked"))
        .await?;
    browser
        .replace_text("import-passphrase", PASSPHRASE)
        .await?;
    browser.click("import-unlock").await?;
    let preview = browser.text_of("preview-name").await?;
    let decrypt_ms = browser
        .script("return performance.getEntriesByName('omnirx:decrypt').map(e => e.duration)")
        .await?;
    println!("    decrypting (Argon2id 19 MiB × 2, then XChaCha20-Poly1305) took {decrypt_ms} ms");
    ensure!(
        preview == "培训副本（已匿名）",
        "the preview names {preview:?}"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "opening stored something"
    );
    browser.click("import-as-new").await?;
    let notice = browser.text_of("notice").await?;
    ensure!(!notice.is_empty(), "no notice after the import");
    let after = read_stored(&browser).await?;
    ensure!(
        after.names().contains(&"培训副本（已匿名）"),
        "the copy was not stored"
    );

    // A copy cut short in transit: damaged, whatever the passphrase.
    let text = String::from_utf8(sealed)?;
    let cut = text.replacen("\"data\": \"", "\"data\": \"AAAA", 1);
    let cut_path = directory.0.join("cut.encrypted.omnirx.json");
    std::fs::write(&cut_path, cut)?;
    browser.choose_file("import-file", &cut_path).await?;
    browser.type_into("import-passphrase", PASSPHRASE).await?;
    browser.click("import-unlock").await?;
    let said = browser.text_of("import-unlock-error").await?;
    ensure!(said.contains("已损坏"), "a damaged file gave {said:?}");
    Ok(())
}
