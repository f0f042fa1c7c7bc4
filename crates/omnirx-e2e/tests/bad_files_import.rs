//! Every file of the bad-file catalogue (`omnirx-testkit`) through the real import,
//! in each UI language: refused with its own message (or repaired, with the repairs listed in the
//! preview), and nothing stored changes.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};

use crate::harness::{Browser, Case, TempDirectory, PATIENCE};
use crate::stored::{open_data_page, read_stored};
use omnirx_testkit::bad_files::bad_files;

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "every_bad_file_is_explained_in_chinese_and_changes_nothing",
            language: "zh-CN",
            run: |b| Box::pin(every_bad_file_is_explained_and_changes_nothing(b, true)),
        },
        Case {
            name: "every_bad_file_is_explained_in_english_and_changes_nothing",
            language: "en-US",
            run: |b| Box::pin(every_bad_file_is_explained_and_changes_nothing(b, false)),
        },
    ]
}

/// Waits until the element `test_id` shows every fragment; the error names what is missing.
async fn wait_for_fragments(
    browser: &Browser,
    test_id: &str,
    fragments: &[&str],
    file: &str,
) -> Result<String> {
    let started = Instant::now();
    let mut shown = String::new();
    while started.elapsed() < PATIENCE {
        shown = browser.text_of(test_id).await.unwrap_or_default();
        let lower = shown.to_lowercase();
        if fragments
            .iter()
            .all(|fragment| lower.contains(&fragment.to_lowercase()))
        {
            return Ok(shown);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let missing: Vec<_> = fragments
        .iter()
        .filter(|fragment| !shown.to_lowercase().contains(&fragment.to_lowercase()))
        .collect();
    bail!("{file}: [data-testid={test_id}] shows {shown:?}, without {missing:?}")
}

async fn every_bad_file_is_explained_and_changes_nothing(
    browser: Browser,
    chinese: bool,
) -> Result<()> {
    let directory = TempDirectory::new("bad-files");
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    let files = bad_files();
    for file in &files {
        let path = directory.0.join(format!("{}.omnirx.json", file.name));
        std::fs::write(&path, &file.bytes)?;
        let fragments = if chinese {
            &file.chinese
        } else {
            &file.english
        };
        browser.choose_file("import-file", &path).await?;
        if file.repaired {
            wait_for_fragments(&browser, "import-repairs", fragments, file.name).await?;
            if !chinese {
                browser
                    .keep_views_around("import-preview-with-repairs", Some("import-repairs"))
                    .await?;
            }
            browser.click("import-cancel").await?;
        } else {
            let shown = wait_for_fragments(&browser, "import-error", fragments, file.name).await?;
            println!("    {}: {}", file.name, shown.replace('\n', " / "));
            if file.name == "a-lone-surrogate" && chinese {
                browser.keep_views("import-error-lone-surrogate").await?;
            }
        }
        ensure!(
            read_stored(&browser).await? == before,
            "{}: the stored data changed",
            file.name
        );
    }
    println!("    {} bad files, nothing stored changed", files.len());
    Ok(())
}
