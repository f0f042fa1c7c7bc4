//! Hostile file sizes through the real import: deep nesting, a 50 MB string, ten million array
//! elements, a file over the size cap. Each is refused with its own message, the tab keeps
//! answering clicks, and nothing stored changes.

use std::time::Instant;

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::workspace_file::{CURRENT_VERSION, MAX_FILE_BYTES};

use crate::harness::{Browser, Case, TempDirectory};
use crate::stored::{open_data_page, read_stored};

pub fn cases() -> Vec<Case> {
    vec![Case {
        name: "hostile_sizes_are_refused_quickly_and_the_tab_keeps_answering",
        language: "en-US",
        run: |b| Box::pin(hostile_sizes_are_refused_quickly_and_the_tab_keeps_answering(b)),
    }]
}

/// The current version, so that the workspace is read as it is (a version 1 workspace that is no
/// object is refused earlier, by the migration step).
fn envelope_start() -> String {
    format!(r#"{{"type":"omnirx-workspace","version":{CURRENT_VERSION},"workspace":"#)
}

/// The hostile files, each with the start of the message it must get.
fn hostile_files(
    directory: &TempDirectory,
) -> Result<Vec<(&'static str, std::path::PathBuf, &'static str)>> {
    let mut files = Vec::new();
    let mut write = |name: &'static str, bytes: Vec<u8>, expected: &'static str| -> Result<()> {
        let path = directory.0.join(format!("{name}.omnirx.json"));
        std::fs::write(&path, bytes)?;
        files.push((name, path, expected));
        Ok(())
    };
    write(
        "10,000-deep nesting",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        "Not a valid workspace file: nested too deeply",
    )?;
    write(
        "a 50 MB string where the workspace belongs",
        format!("{}\"{}\"}}", envelope_start(), "x".repeat(50 * 1024 * 1024)).into_bytes(),
        "The workspace has 1 problem(s)",
    )?;
    let mut ten_million = String::with_capacity(20_000_100);
    ten_million.push_str(&envelope_start());
    ten_million.push_str(r#"{"settings":{"name":"x"},"interactions":["#);
    ten_million.push_str(&"0,".repeat(9_999_999));
    ten_million.push_str("0]}}");
    write(
        "an array of 10,000,000 elements",
        ten_million.into_bytes(),
        "The workspace has 1 problem(s)",
    )?;
    // Over the cap without filling the disk: a sparse file, all holes.
    let over_cap = directory.0.join("over the cap.omnirx.json");
    std::fs::File::create(&over_cap)?.set_len(MAX_FILE_BYTES as u64 + 1)?;
    files.push((
        "a file over the size cap",
        over_cap,
        "The file is too large",
    ));
    Ok(files)
}

async fn hostile_sizes_are_refused_quickly_and_the_tab_keeps_answering(
    browser: Browser,
) -> Result<()> {
    let directory = TempDirectory::new("hostile");
    let files = hostile_files(&directory)?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    let mut figures = Vec::new();
    for (name, path, expected) in files {
        browser.open(&format!("{}#/data", browser.root_url)).await?;
        browser.element("workspace-row").await?;
        // Long tasks (over 50 ms) while the file is read and refused: the tab's unresponsive time.
        browser
            .script(
                "window.__longestTask = 0;
                 new PerformanceObserver((list) => {
                     for (const entry of list.getEntries()) {
                         window.__longestTask = Math.max(window.__longestTask, entry.duration);
                     }
                 }).observe({ type: 'longtask' });",
            )
            .await?;
        let chosen = Instant::now();
        browser.choose_file("import-file", &path).await?;
        let message = browser
            .text_of("import-error-message")
            .await
            .with_context(|| format!("{name}: no message"))?;
        let refused_after = chosen.elapsed();
        ensure!(
            message.starts_with(expected),
            "{name}: the message is {message:?}"
        );
        // The tab answers: a click on another page draws it.
        browser.click("nav-overview").await?;
        browser.wait_for_text("count-hcps", "1,500").await?;
        let longest = browser.script("return window.__longestTask").await?;
        figures.push(format!(
            "{name}: refused in {:.2} s, longest task {} ms",
            refused_after.as_secs_f64(),
            longest.as_f64().unwrap_or(0.0).round()
        ));
        ensure!(
            read_stored(&browser).await? == before,
            "{name}: the stored data changed"
        );
    }
    for figure in figures {
        println!("    {figure}");
    }
    Ok(())
}
