//! A workspace file imported through the worker, as a user sees it: progress while the worker
//! reads, a cancel that really stops it and stores nothing, the page never parsing the file; and,
//! in a browser without workers, or whose module worker cannot load, the same work done on the
//! page by the worker's own module (the page's wasm carries none of the import pipeline).

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::export_workspace;

use crate::harness::{Browser, Case, TempDirectory, PATIENCE};
use crate::stored::{open_data_page, read_stored};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name:
                "a_workspace_file_is_read_checked_and_stored_by_the_worker_with_progress_and_cancel",
            language: "zh-CN",
            run: |b| Box::pin(read_checked_and_stored_by_the_worker(b)),
        },
        Case {
            name: "a_worker_that_dies_during_an_import_is_said_and_stores_nothing",
            language: "en-US",
            run: |b| Box::pin(a_worker_that_dies_is_said(b)),
        },
        Case {
            name: "without_workers_the_page_imports_a_workspace_file_itself",
            language: "en-US",
            run: |b| Box::pin(without_workers_the_page_imports_it_itself(b)),
        },
        Case {
            name: "a_worker_that_cannot_load_leaves_the_page_to_open_import_and_merge_files",
            language: "en-US",
            run: |b| Box::pin(a_worker_that_cannot_load(b)),
        },
    ]
}

/// A user's workspace of `copies` × the demo's interactions (about 60,000 each), as a file.
fn file_of(name: &str, copies: usize) -> Result<(std::path::PathBuf, TempDirectory)> {
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Demo,
        41,
        DataLanguage::Chinese,
    ));
    workspace.settings.name = name.to_string();
    workspace.settings.demo = false;
    let original = workspace.interactions.clone();
    for _ in 1..copies {
        workspace.interactions.extend(original.iter().cloned());
    }
    let directory = TempDirectory::new("worker-file");
    let path = directory.0.join(format!("{name}.omnirx.json"));
    std::fs::write(&path, export_workspace(&workspace))?;
    Ok((path, directory))
}

/// Performance entries the page made under `name`.
async fn entries(browser: &Browser, name: &str) -> Result<u64> {
    let count = browser
        .script(&format!(
            "return performance.getEntriesByName('{name}').length"
        ))
        .await?;
    count.as_u64().context("no count of entries")
}

async fn read_checked_and_stored_by_the_worker(browser: Browser) -> Result<()> {
    let (path, _directory) = file_of("工作线程导入", 2)?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    // The worker reads the file slowly (200 ms a megabyte), so that its progress can be seen and
    // the reading cancelled: a user's slow disk or phone.
    browser
        .patch_page_and_workers(
            "if (typeof FileReaderSync !== 'undefined') {
                 const read = FileReaderSync.prototype.readAsArrayBuffer;
                 FileReaderSync.prototype.readAsArrayBuffer = function (blob) {
                     const until = performance.now() + 200;
                     while (performance.now() < until) {}
                     return read.call(this, blob);
                 };
             }",
        )
        .await?;
    browser.choose_file("import-file", &path).await?;
    // The share read grows on the page while the worker reads.
    let mut shares = Vec::new();
    let started = Instant::now();
    while shares.len() < 2 && started.elapsed() < PATIENCE {
        let text = browser
            .script(
                "const p = document.querySelector('[data-testid=import-progress-text]'); \
                 return p ? p.innerText : ''",
            )
            .await?;
        let text = text.as_str().unwrap_or_default();
        if let Some(share) = text.split_whitespace().last().filter(|s| s.ends_with('%')) {
            if shares.last().map(String::as_str) != Some(share) {
                shares.push(share.to_string());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(
        shares.len() == 2,
        "the reading's share never grew: {shares:?}"
    );
    browser
        .keep_views_around("file-import-reading", Some("import-reading"))
        .await?;
    browser.click("import-stop").await?;
    let said = browser.text_of("import-error-message").await?;
    ensure!(
        said == "已取消导入，没有写入任何数据。",
        "cancelling said {said:?}"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "a cancelled import changed what is stored"
    );

    // The same file to the end: checked and stored by the worker, shown by the page.
    browser.choose_file("import-file", &path).await?;
    let preview = browser.text_of("preview-name").await?;
    ensure!(preview == "工作线程导入", "the preview names {preview:?}");
    browser.click("import-as-new").await?;
    let notice = browser.text_of("notice").await?;
    ensure!(notice == "导入完成。", "the import ended with {notice:?}");
    let after = read_stored(&browser).await?;
    ensure!(
        after.added_since(&before, "工作线程导入")? == 1,
        "the file was not stored whole"
    );
    ensure!(
        entries(&browser, "omnirx:file-progress").await? > 0,
        "the worker posted no progress"
    );
    ensure!(
        entries(&browser, "omnirx:import-parse-validate").await? == 0,
        "the page parsed the file itself"
    );
    Ok(())
}

async fn a_worker_that_dies_is_said(browser: Browser) -> Result<()> {
    let (path, _directory) = file_of("Never stored", 1)?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    // The worker fails as when it runs out of memory: an uncaught error when the file comes in.
    browser
        .patch_page_and_workers(
            // (The event handler attributes of a worker's global live on the global itself.)
            "if (typeof DedicatedWorkerGlobalScope !== 'undefined') {
                 const handler = Object.getOwnPropertyDescriptor(self, 'onmessage');
                 Object.defineProperty(self, 'onmessage', {
                     get() { return handler.get.call(this); },
                     set(listener) {
                         handler.set.call(this, event => {
                             if (Array.isArray(event.data)) {
                                 throw new RangeError('Out of memory (a test)');
                             }
                             return listener(event);
                         });
                     },
                 });
             }",
        )
        .await?;
    browser.choose_file("import-file", &path).await?;
    let said = browser.text_of("import-error-message").await?;
    ensure!(
        said.starts_with("The import stopped unexpectedly"),
        "a dead worker was reported as {said:?}"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "a dead worker changed what is stored"
    );
    // The page goes on as before.
    browser.click("nav-overview").await?;
    browser.element("count-interactions").await?;
    Ok(())
}

async fn without_workers_the_page_imports_it_itself(browser: Browser) -> Result<()> {
    let (path, _directory) = file_of("Imported by the page", 1)?;
    // A browser without (module) workers: the app's worker cannot start.
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "delete window.Worker; window.Worker = undefined;" }),
        )
        .await?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    browser.choose_file("import-file", &path).await?;
    let preview = browser.text_of("preview-name").await?;
    ensure!(
        preview == "Imported by the page",
        "the preview names {preview:?}"
    );
    browser.click("import-as-new").await?;
    let notice = browser.text_of("notice").await?;
    ensure!(notice == "Imported.", "the import ended with {notice:?}");
    ensure!(
        read_stored(&browser)
            .await?
            .added_since(&before, "Imported by the page")?
            == 1,
        "the file was not stored whole"
    );
    ensure!(
        entries(&browser, "omnirx:import-parse-validate").await? == 1,
        "the page did not check the file itself"
    );
    Ok(())
}

/// A browser whose module workers fail to load (as one that runs a worker's script as a classic
/// script): the worker fails before it says it is ready, and its module does the work on the
/// page. A sealed file is opened, checked and stored; then a plain and a sealed file are merged.
async fn a_worker_that_cannot_load(browser: Browser) -> Result<()> {
    use omnirx_core::domain::sharing::envelope::seal;
    const PASSPHRASE: &str = "page 2026 walks";
    let directory = TempDirectory::new("worker-cannot-load");
    let mut base = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        17,
        DataLanguage::English,
    ));
    base.settings.name = "Opened by the page".into();
    base.settings.demo = false;
    let sealed = |workspace: &omnirx_core::domain::model::Workspace| {
        seal(
            export_workspace(workspace).as_bytes(),
            PASSPHRASE,
            &[3; 16],
            &[5; 24],
        )
    };
    let base_path = directory.0.join("team.encrypted.omnirx.json");
    std::fs::write(&base_path, sealed(&base))?;
    // Two reps' files, each with one visit the team does not have: one plain, one sealed.
    let mut files = Vec::new();
    for (index, days) in [1i64, 2].into_iter().enumerate() {
        let mut theirs = base.clone();
        let mut visit = theirs.interactions.last().context("a visit")?.clone();
        visit.at.0 += days * 86_400;
        theirs.interactions.push(visit);
        let path = directory.0.join(format!("rep-{index}.omnirx.json"));
        let text = match index {
            0 => export_workspace(&theirs),
            _ => sealed(&theirs),
        };
        std::fs::write(&path, text)?;
        files.push(path.display().to_string());
    }
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "const RealWorker = window.Worker; \
                window.Worker = function (url, options) { \
                    return new RealWorker('./no-such-worker.js', options); };" }),
        )
        .await?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;

    browser.choose_file("import-file", &base_path).await?;
    browser.element("import-locked").await?;
    browser.type_into("import-passphrase", "not it").await?;
    browser.click("import-unlock").await?;
    let said = browser.text_of("import-unlock-error").await?;
    ensure!(
        said.contains("passphrase"),
        "a wrong passphrase gave {said:?}"
    );
    browser
        .replace_text("import-passphrase", PASSPHRASE)
        .await?;
    browser.click("import-unlock").await?;
    let preview = browser.text_of("preview-name").await?;
    ensure!(
        preview == "Opened by the page",
        "the preview names {preview:?}"
    );
    browser.click("import-as-new").await?;
    let notice = browser.text_of("notice").await?;
    ensure!(notice == "Imported.", "the import ended with {notice:?}");
    let imported = read_stored(&browser).await?;
    ensure!(
        imported.added_since(&before, "Opened by the page")? == 1,
        "the file was not stored whole"
    );

    browser
        .element("merge-files")
        .await?
        .send_keys(&files.join("\n"))
        .await?;
    browser.element("merge-locked").await?;
    browser.type_into("merge-passphrase", PASSPHRASE).await?;
    browser.click("merge-unlock").await?;
    browser.element("merge-preview").await?;
    browser.click("merge-confirm").await?;
    browser.element("merge-done").await?;
    let merged = read_stored(&browser).await?;
    let count = |stored: &crate::stored::Stored| {
        stored
            .workspaces
            .iter()
            .find(|workspace| workspace.name == "Opened by the page")
            .map(|workspace| workspace.interactions)
    };
    ensure!(
        count(&merged) == count(&imported).map(|n| n + 2),
        "the merge stored {:?} interactions, from {:?}",
        count(&merged),
        count(&imported)
    );
    // The page checked all three files itself (the module's measure is in the page's timeline).
    ensure!(
        entries(&browser, "omnirx:import-parse-validate").await? == 3,
        "the page did not check the files itself"
    );
    Ok(())
}
