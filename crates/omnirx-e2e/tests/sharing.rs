//! Sharing through the Data page (docs/sharing.md): a region's last months exported anonymised
//! and sealed with a passphrase, then opened again through the import with a wrong passphrase, the
//! right one, and a damaged copy; three reps' files (one encrypted) merged with a conflict settled
//! by "take the newer", the Customers list filtered by the file that brought a record, and the
//! merge undone after a reload.

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;

use omnirx_core::domain::sharing::envelope::{open, OpenError};
use omnirx_core::domain::workspace_file::{import_workspace, validate_workspace};

use crate::harness::{Browser, Case, TempDirectory};
use crate::stored::{open_data_page, read_stored};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a_region_exported_anonymised_and_encrypted_opens_again_with_its_passphrase",
            language: "zh-CN",
            run: |b| Box::pin(a_region_exported_anonymised_and_encrypted(b)),
        },
        Case {
            name:
                "three_reps_files_merge_with_a_conflict_settled_and_the_merge_undone_after_a_reload",
            language: "zh-CN",
            run: |b| Box::pin(three_reps_files_merge_with_a_conflict_and_undo(b)),
        },
        Case {
            name: "files_too_large_to_merge_in_the_browser_are_refused_before_reading",
            language: "en",
            run: |b| Box::pin(files_too_large_to_merge(b)),
        },
    ]
}

/// Twelve files of 60 MB (sparse on disk: only their size is read) are more than a merge in the
/// tab can take: refused at once, in the UI's language, nothing read and nothing stored changed.
async fn files_too_large_to_merge(browser: Browser) -> Result<()> {
    use omnirx_core::domain::sharing::merge::MAX_MERGE_BYTES_IN_THE_BROWSER;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    let directory = TempDirectory::new("merge-too-large");
    let mut paths = Vec::new();
    for index in 1..=12 {
        let path = directory.0.join(format!("rep-{index}.omnirx.json"));
        std::fs::File::create(&path)?.set_len(60 << 20)?;
        paths.push(path.display().to_string());
    }
    ensure!(12 * (60 << 20) > MAX_MERGE_BYTES_IN_THE_BROWSER);
    browser
        .element("merge-files")
        .await?
        .send_keys(&paths.join("\n"))
        .await?;
    let message = browser.text_of("merge-too-large").await?;
    ensure!(
        message.contains("720 MB") && message.contains("omnirx merge"),
        "the refusal reads {message:?}"
    );
    browser.click("language-zh-CN").await?;
    let message = browser.text_of("merge-too-large").await?;
    ensure!(
        message.contains("720 MB") && message.contains("上限"),
        "{message:?}"
    );
    browser.keep_views("merge-too-large").await?;
    // A file from a newer OmniRx, beside a good one: refused with its reason, nothing merged.
    let newer = directory.0.join("newer.omnirx.json");
    std::fs::write(
        &newer,
        r#"{"type": "omnirx-workspace", "version": 99, "workspace": {"settings": {"name": "x"}}}"#,
    )?;
    let good = directory.0.join("good.omnirx.json");
    let tiny = omnirx_core::domain::demo::generate_demo_workspace(
        omnirx_core::domain::demo::DemoOptions::fixed(
            omnirx_core::domain::demo::DemoScale::Tiny,
            3,
            omnirx_core::domain::demo::DataLanguage::Chinese,
        ),
    );
    std::fs::write(
        &good,
        omnirx_core::domain::workspace_file::export_workspace(&tiny),
    )?;
    let both = format!("{}\n{}", good.display(), newer.display());
    browser
        .element("merge-files")
        .await?
        .send_keys(&both)
        .await?;
    let refused = browser.text_of("merge-refused").await?;
    ensure!(
        refused.contains("newer.omnirx.json") && refused.contains("更新版本的 OmniRx"),
        "the newer file was refused with {refused:?}"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "refusing the merge changed what is stored"
    );
    Ok(())
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
    // (The key derivation runs in the import worker here; its time on a phone-like CPU is
    // `./x bench unlock`.)
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

/// Three reps' files: each one region of `base`, one with an HCP renamed, two with a new visit.
fn three_reps_files(
    base: &omnirx_core::domain::model::Workspace,
    directory: &TempDirectory,
) -> Result<(Vec<std::path::PathBuf>, String, usize)> {
    use omnirx_core::domain::sharing::subset::{subset, SubsetChoice};
    use omnirx_core::domain::time::Timestamp;
    use omnirx_core::domain::workspace_file::export_workspace;
    let mut paths = Vec::new();
    let mut renamed = String::new();
    let mut known_interactions = 0;
    for (index, region) in base.regions.iter().enumerate().take(3) {
        let mut part = subset(
            base,
            &SubsetChoice {
                regions: vec![region.id.clone()],
                ..SubsetChoice::default()
            },
        );
        part.settings.name = format!("代表{}", index + 1);
        known_interactions += part.interactions.len();
        if index == 0 {
            part.hcps[0].name = "王新名".into();
            // Renamed after the team's own last change of that HCP: "take the newer" takes it.
            part.hcps[0].updated_at = Some(Timestamp(1_796_115_600)); // 2026-12-01 09:00 UTC
            renamed = part.hcps[0].id.clone();
        } else {
            let mut visit = part.interactions.last().context("a visit")?.clone();
            visit.at = Timestamp(visit.at.0 + 86_400);
            part.interactions.push(visit);
        }
        let path = directory.0.join(format!("rep-{}.omnirx.json", index + 1));
        let text = export_workspace(&part);
        // The third rep sends their file encrypted.
        let text = if index == 2 {
            omnirx_core::domain::sharing::envelope::seal(
                text.as_bytes(),
                PASSPHRASE,
                &[7; 16],
                &[9; 24],
            )
        } else {
            text
        };
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    Ok((paths, renamed, known_interactions))
}

async fn exported(browser: &Browser) -> Result<omnirx_core::domain::model::Workspace> {
    browser.click("export-button").await?;
    let (_, bytes) = browser.downloaded_file().await?;
    Ok(import_workspace(&bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .workspace)
}

async fn three_reps_files_merge_with_a_conflict_and_undo(browser: Browser) -> Result<()> {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::workspace_file::export_workspace;
    open_data_page(&browser).await?;
    let mut base = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        11,
        DataLanguage::Chinese,
    ));
    base.settings.name = "华东团队".into();
    base.settings.demo = false;
    // The team last changed its HCPs on 2026-11-01.
    for hcp in &mut base.hcps {
        hcp.updated_at = Some(omnirx_core::domain::time::Timestamp(1_793_520_000));
    }
    let directory = TempDirectory::new("merge");
    let base_path = directory.0.join("team.omnirx.json");
    std::fs::write(&base_path, export_workspace(&base))?;
    browser.import_as_new(&base_path).await?;
    let before = exported(&browser).await?;
    let (files, renamed, known_interactions) = three_reps_files(&base, &directory)?;
    let input = browser.element("merge-files").await?;
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    input.send_keys(&paths.join("\n")).await?;
    // The encrypted file asks for its passphrase; a wrong one says so and asks again.
    browser.element("merge-locked").await?;
    browser.type_into("merge-passphrase", "not it").await?;
    browser.click("merge-unlock").await?;
    browser.element("merge-wrong-passphrase").await?;
    browser
        .keep_views_around("merge-wrong-passphrase", Some("merge-locked"))
        .await?;
    browser.type_into("merge-passphrase", PASSPHRASE).await?;
    browser.click("merge-unlock").await?;
    browser.element("merge-preview").await?;
    let mine = browser.texts_of_all("merge-mine").await?;
    let theirs = browser.texts_of_all("merge-theirs").await?;
    let old_name = base
        .hcps
        .iter()
        .find(|h| h.id == renamed)
        .context("the HCP")?
        .name
        .clone();
    ensure!(
        mine == [old_name.clone()] && theirs == ["王新名"],
        "the conflict shows mine {mine:?} and theirs {theirs:?}"
    );
    let cells = browser
        .script("return [...document.querySelectorAll('[data-testid=merge-count-interactions] td')].map(e => e.textContent)")
        .await?;
    let unchanged = omnirx_core::i18n::format_integer(
        known_interactions as i64,
        omnirx_core::i18n::Language::SimplifiedChinese,
    );
    ensure!(
        cells == serde_json::json!(["2", "0", "0", unchanged]),
        "the interactions row says {cells}"
    );
    browser
        .keep_views_around("merge-preview", Some("merge-preview"))
        .await?;
    // Each side's change time is beside its value; "take the newer" for all takes theirs.
    let times = [
        browser.text_of("merge-mine-time").await?,
        browser.text_of("merge-theirs-time").await?,
    ];
    ensure!(
        times[0].contains("2026-11-01 08:00") && times[1].contains("2026-12-01 09:00"),
        "the change times read {times:?}"
    );
    browser.select("merge-all", "newer").await?;
    // The HCPs' row now counts the one taken from theirs.
    let hcps = browser
        .script("return [...document.querySelectorAll('[data-testid=merge-count-hcps] td')].map(e => e.textContent)")
        .await?;
    ensure!(hcps[1] == "1" && hcps[2] == "1", "the HCPs row says {hcps}");
    browser.click("merge-confirm").await?;
    browser.element("merge-done").await?;
    // Which file brought what: the renamed HCP from rep 1, a visit each from reps 2 and 3.
    let brought = browser.texts_of_all("merge-source-brought").await?;
    ensure!(
        brought.len() == 3 && brought[0].contains("医生") && brought[1].contains("1"),
        "the merged files brought {brought:?}"
    );
    browser
        .keep_views_around("merge-sources", Some("merge-sources"))
        .await?;
    let merged = exported(&browser).await?;
    ensure!(
        merged.interactions.len() == before.interactions.len() + 2,
        "{} interactions after merging into {}",
        merged.interactions.len(),
        before.interactions.len()
    );
    let hcp = merged
        .hcps
        .iter()
        .find(|h| h.id == renamed)
        .context("the HCP")?;
    ensure!(
        hcp.name == "王新名",
        "their name was not taken: {}",
        hcp.name
    );
    ensure!(
        validate_workspace(&merged).is_valid(),
        "the merge does not validate"
    );
    let files: Vec<&str> = merged.sources.iter().map(|s| s.file.as_str()).collect();
    ensure!(
        files
            == [
                "rep-1.omnirx.json",
                "rep-2.omnirx.json",
                "rep-3.omnirx.json"
            ]
            && merged.sources[0].workspace == "代表1"
            && hcp.source == Some(merged.sources[0].number),
        "the merged files are {:?}, the HCP's {:?}",
        merged.sources,
        hcp.source
    );
    // The Customers list (the app opened anew) filtered by rep 1's file shows the renamed HCP.
    browser
        .open(&format!("{}#/customers", browser.root_url))
        .await?;
    browser.element("customers-row").await?;
    browser.select("customers-filter-source", "0").await?;
    let started = std::time::Instant::now();
    loop {
        let names = browser.texts_of_all("customers-cell-name").await?;
        if names == ["王新名"] {
            break;
        }
        ensure!(
            started.elapsed() < crate::harness::PATIENCE,
            "filtered by rep 1's file, the list shows {names:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.keep_views("customers-filtered-by-source").await?;
    // After the reload the merge can still be undone, from the note stored with it.
    open_data_page(&browser).await?;
    let offer = browser.text_of("merge-undo-offer").await?;
    ensure!(
        offer.contains("rep-1.omnirx.json") && offer.contains("rep-3.omnirx.json"),
        "the undo offer reads {offer:?}"
    );
    browser.click("merge-undo").await?;
    browser.element("merge-undone").await?;
    let undone = exported(&browser).await?;
    ensure!(
        undone == before,
        "undoing the merge did not give the workspace back"
    );
    Ok(())
}
