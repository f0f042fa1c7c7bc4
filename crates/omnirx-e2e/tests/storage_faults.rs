//! Storage faults under the real app: a save aborted half way, the page reloaded or closed during
//! an import, site data cleared under the open app, and storage freed after it ran out.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::workspace_file::export_workspace;

use crate::harness::{Browser, Case, TempDirectory};
use crate::stored::{open_data_page, read_stored, Stored};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a_save_aborted_half_way_is_reported_and_stores_nothing",
            language: "zh-CN",
            run: |b| Box::pin(a_save_aborted_half_way_is_reported_and_stores_nothing(b)),
        },
        Case {
            name: "reloading_or_closing_during_an_import_keeps_the_old_or_the_whole_new",
            language: "en-US",
            run: |b| {
                Box::pin(reloading_or_closing_during_an_import_keeps_the_old_or_the_whole_new(b))
            },
        },
        Case {
            name: "reloading_during_a_save_keeps_the_old_or_the_whole_new",
            language: "en-US",
            run: |b| Box::pin(reloading_during_a_save_keeps_the_old_or_the_whole_new(b)),
        },
        Case {
            name: "site_data_cleared_under_the_open_app_is_written_again_whole",
            language: "en-US",
            run: |b| {
                Box::pin(site_data_cleared_under_the_open_app_is_written_again_whole(
                    b,
                ))
            },
        },
        Case {
            name: "a_workspace_unreadable_at_start_is_said_and_kept_as_stored",
            language: "zh-CN",
            run: |b| {
                Box::pin(a_workspace_unreadable_at_start_is_said_and_kept_as_stored(
                    b,
                ))
            },
        },
        Case {
            name: "an_import_refused_for_quota_goes_through_once_space_is_freed",
            language: "en-US+small-disk",
            run: |b| Box::pin(an_import_refused_for_quota_goes_through_once_space_is_freed(b)),
        },
    ]
}

/// A generated workspace as a user's own (named, not marked as the demo).
fn users_workspace(
    scale: DemoScale,
    seed: u64,
    name: &str,
) -> omnirx_core::domain::model::Workspace {
    let mut workspace =
        generate_demo_workspace(DemoOptions::fixed(scale, seed, DataLanguage::English));
    workspace.settings.name = name.to_string();
    workspace.settings.demo = false;
    workspace
}

/// Writes `workspace` as `<name>.omnirx.json` in a temporary directory.
fn workspace_file(
    workspace: &omnirx_core::domain::model::Workspace,
) -> Result<(std::path::PathBuf, TempDirectory)> {
    let directory = TempDirectory::new("upload");
    let path = directory
        .0
        .join(format!("{}.omnirx.json", workspace.settings.name));
    std::fs::write(&path, export_workspace(workspace))?;
    Ok((path, directory))
}

/// A workspace file of `interactions_copies` × the demo's interactions (about 60,000 each):
/// big enough that writing it takes a while.
fn big_file(name: &str, interactions_copies: usize) -> Result<(std::path::PathBuf, TempDirectory)> {
    let mut workspace = users_workspace(DemoScale::Demo, 77, name);
    // Interactions have no id of their own: repeating them is valid data.
    let original = workspace.interactions.clone();
    for _ in 1..interactions_copies {
        workspace.interactions.extend(original.iter().cloned());
    }
    workspace_file(&workspace)
}

async fn a_save_aborted_half_way_is_reported_and_stores_nothing(browser: Browser) -> Result<()> {
    let (path, _directory) = big_file("Aborted import", 1)?;
    open_data_page(&browser).await?;
    let before = read_stored(&browser).await?;
    // Every transaction from now on is aborted after its third write, as when a disk fails: in
    // the page and in the import worker, which stores the file.
    browser
        .patch_page_and_workers(
            "const original = IDBObjectStore.prototype.put;
             const counts = new WeakMap();
             IDBObjectStore.prototype.put = function (...values) {
                 const request = original.apply(this, values);
                 const count = (counts.get(this.transaction) || 0) + 1;
                 counts.set(this.transaction, count);
                 if (count === 3) { this.transaction.abort(); }
                 return request;
             };",
        )
        .await?;
    let message = browser.import_as_new(&path).await?;
    ensure!(
        message.starts_with("保存失败，之前的数据完好无损"),
        "an aborted save was reported as {message:?}"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "an aborted save changed what is stored"
    );
    browser.client.refresh().await?;
    browser.element("workspace-row").await?;
    ensure!(
        read_stored(&browser).await? == before,
        "after a reload, the stored data differs"
    );
    Ok(())
}

async fn reloading_or_closing_during_an_import_keeps_the_old_or_the_whole_new(
    browser: Browser,
) -> Result<()> {
    // About 240,000 interactions, 60 MB: the write takes long enough to be cut.
    let (path, _directory) = big_file("Interrupted import", 4)?;
    open_data_page(&browser).await?;
    let mut stored_before = read_stored(&browser).await?;
    let mut outcomes = Vec::new();
    // `None`: the reload starts in the same task as the click, before any write is issued.
    for delay_ms in [
        None,
        Some(0u64),
        Some(100),
        Some(250),
        Some(500),
        Some(1_000),
    ] {
        browser.choose_file("import-file", &path).await?;
        browser.element("import-preview").await?;
        match delay_ms {
            None => {
                browser
                    .script(
                        "document.querySelector('[data-testid=import-as-new]').click();
                         location.reload();",
                    )
                    .await?;
            }
            Some(delay_ms) => {
                browser.click("import-as-new").await?;
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                browser.client.refresh().await?;
            }
        }
        browser.element("workspace-row").await?;
        let after = read_stored(&browser).await?;
        let delay_ms = delay_ms.map_or("same task".to_string(), |ms| format!("{ms} ms"));
        let imported = after
            .added_since(&stored_before, "Interrupted import")
            .with_context(|| format!("reloaded {delay_ms} into an import"))?;
        stored_before = after;
        outcomes.push(format!("{delay_ms}: {}", interrupted_outcome(imported)));
    }
    // Closing the tab instead of reloading it: a second tab stays open to look afterwards.
    let first = browser.client.window().await?;
    browser.choose_file("import-file", &path).await?;
    browser.element("import-preview").await?;
    let second = browser.client.new_window(false).await?;
    browser.client.switch_to_window(first).await?;
    browser.click("import-as-new").await?;
    tokio::time::sleep(Duration::from_millis(150)).await;
    browser.client.close_window().await?;
    browser.client.switch_to_window(second.handle).await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    let after = read_stored(&browser).await?;
    ensure!(
        after.each_workspace_is_whole(),
        "a tab closed during an import left a half-stored workspace: {:?}",
        after.workspaces
    );
    let added = after.workspaces.len() - stored_before.workspaces.len();
    outcomes.push(format!("closed: {}", interrupted_outcome(added)));
    println!("    interrupted imports: {}", outcomes.join("; "));
    Ok(())
}

/// How an interrupted write ended, from the number of workspaces it added.
fn interrupted_outcome(added: usize) -> &'static str {
    if added == 1 {
        "new stored whole"
    } else {
        "old kept"
    }
}

/// Waits until the workspace `name` is stored whole.
async fn wait_until_stored(browser: &Browser, name: &str) -> Result<Stored> {
    let started = std::time::Instant::now();
    loop {
        let stored = read_stored(browser).await?;
        if stored.names().contains(&name) && stored.each_workspace_is_whole() {
            return Ok(stored);
        }
        ensure!(
            started.elapsed() < crate::harness::PATIENCE,
            "{name:?} was never stored whole: {:?}",
            stored.workspaces
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn reloading_during_a_save_keeps_the_old_or_the_whole_new(browser: Browser) -> Result<()> {
    // A 60 MB workspace: duplicating it writes all its records again, a save long enough to cut.
    let name = "Saved under reload";
    let (path, _directory) = big_file(name, 4)?;
    open_data_page(&browser).await?;
    browser.import_as_new(&path).await?;
    wait_until_stored(&browser, name).await?;
    let copy_name = format!("{name} (copy)");
    let mut outcomes = Vec::new();
    for delay_ms in [0u64, 150, 300, 500, 800] {
        let before = read_stored(&browser).await?;
        crate::workspace::click_in_row(
            &browser,
            &format!("text()='{name}'"),
            "workspace-duplicate",
        )
        .await?;
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        browser.client.refresh().await?;
        browser.element("workspace-row").await?;
        let copies = read_stored(&browser)
            .await?
            .added_since(&before, &copy_name)
            .with_context(|| format!("reloaded {delay_ms} ms into a save"))?;
        outcomes.push(format!("{delay_ms} ms: {}", interrupted_outcome(copies)));
    }
    // An edit of the big workspace saved as the page reloads: the old name or the new one,
    // with every record, never a mix.
    crate::workspace::click_in_row(&browser, &format!("text()='{name}'"), "workspace-open").await?;
    crate::workspace::click_in_row(&browser, &format!("text()='{name}'"), "workspace-rename")
        .await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys("Renamed under reload").await?;
    browser
        .script(
            "document.querySelector('[data-testid=workspace-rename-save]').click();
             location.reload();",
        )
        .await?;
    browser.element("workspace-row").await?;
    let after = read_stored(&browser).await?;
    ensure!(
        after.each_workspace_is_whole(),
        "an edit saved during a reload left a half-stored workspace: {:?}",
        after.workspaces
    );
    let renamed = after.names().contains(&"Renamed under reload");
    ensure!(
        renamed != after.names().contains(&name),
        "after the rename and reload, storage holds {:?}",
        after.names()
    );
    outcomes.push(format!(
        "rename then reload: {}",
        if renamed { "new name" } else { "old name" }
    ));
    println!("    interrupted saves: {}", outcomes.join("; "));
    Ok(())
}

async fn site_data_cleared_under_the_open_app_is_written_again_whole(
    browser: Browser,
) -> Result<()> {
    open_data_page(&browser).await?;
    browser.click("nav-overview").await?;
    browser.wait_for_text("count-hcps", "1,500").await?;
    // What "Clear site data" does: the database is deleted and the app's connection closed.
    browser
        .devtools(
            "Storage.clearDataForOrigin",
            serde_json::json!({ "origin": browser.root_url.trim_end_matches('/'), "storageTypes": "indexeddb" }),
        )
        .await?;
    // The next edit finds the connection closed: it opens it again and writes everything.
    browser.click("nav-data").await?;
    browser.click("workspace-rename").await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys("Kept after clearing").await?;
    browser.click("workspace-rename-save").await?;
    let started = std::time::Instant::now();
    let mut stored = read_stored(&browser).await?;
    while started.elapsed() < crate::harness::PATIENCE
        && stored.names() != vec!["Kept after clearing"]
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
        stored = read_stored(&browser).await?;
    }
    ensure!(
        stored.names() == vec!["Kept after clearing"] && stored.each_workspace_is_whole(),
        "after clearing site data and an edit, storage holds {:?}",
        stored.workspaces
    );
    ensure!(
        stored.workspaces[0].stored_hcps == 1_500,
        "the workspace was written again without its data: {:?}",
        stored.workspaces
    );
    browser.client.refresh().await?;
    browser.click("nav-overview").await?;
    browser
        .wait_for_text("workspace-name", "Kept after clearing")
        .await?;
    browser.wait_for_text("count-hcps", "1,500").await?;
    Ok(())
}

/// Bytes free on the file system that holds `path`.
fn free_bytes(path: &std::path::Path) -> Result<u64> {
    let output = std::process::Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(path)
        .output()
        .context("running df")?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .nth(1)
        .and_then(|line| line.trim().parse().ok())
        .with_context(|| format!("df printed {text:?}"))
}

/// A workspace file whose notes no compression can shrink, of about `megabytes`.
pub fn incompressible_file(
    name: &str,
    megabytes: usize,
) -> Result<(std::path::PathBuf, TempDirectory)> {
    let mut workspace = users_workspace(DemoScale::Tiny, 32, name);
    let mut random = omnirx_core::domain::demo::Random::new(9);
    for interaction in workspace.interactions.iter_mut().take(megabytes * 25) {
        interaction.notes = (0..40_000)
            .map(|_| char::from(b'!' + (random.next_u64() % 90) as u8))
            .collect();
    }
    workspace_file(&workspace)
}

async fn an_import_refused_for_quota_goes_through_once_space_is_freed(
    browser: Browser,
) -> Result<()> {
    let (path, _directory) = incompressible_file("Needs space", 3)?;
    open_data_page(&browser).await?;
    // The service worker's copy of the build is on the same disk: kept before space is measured.
    browser.service_worker_settled().await?;
    let before = crate::stored::read_stored_settled(&browser).await?;
    // The profile is on a 24 MB disk: fill it with another program's file up to 1 MB free.
    let disk = browser.profile.0.clone();
    let ballast = disk.join("another-programs-file");
    let free = free_bytes(&disk)?;
    std::fs::write(&ballast, vec![7u8; free.saturating_sub(1_000_000) as usize])?;
    let message = browser.import_as_new(&path).await?;
    ensure!(
        message.starts_with("Not enough storage"),
        "a full disk was reported as {message:?}"
    );
    let refused = read_stored(&browser).await?;
    ensure!(
        refused == before,
        "a refused import changed what is stored: {before:?} then {refused:?}"
    );
    // Space is freed: the same import now goes through, without restarting anything.
    std::fs::remove_file(&ballast)?;
    browser.client.refresh().await?;
    browser.element("workspace-row").await?;
    let message = browser.import_as_new(&path).await?;
    ensure!(message == "Imported.", "after freeing space: {message:?}");
    let after = read_stored(&browser).await?;
    ensure!(
        after.names().contains(&"Needs space") && after.each_workspace_is_whole(),
        "after freeing space, storage holds {:?}",
        after.workspaces
    );
    Ok(())
}

/// Puts `value` as the stored `part` of workspace `id`, behind the app's back (a damaged disk).
async fn put_part(browser: &Browser, id: &str, part: &str, value: &str) -> Result<()> {
    let outcome = browser
        .client
        .execute_async(
            r#"const [id, part, value, done] = arguments;
            const request = indexedDB.open('omnirx');
            request.onerror = () => done(String(request.error));
            request.onsuccess = () => {
                const database = request.result;
                const transaction = database.transaction('parts', 'readwrite');
                transaction.objectStore('parts').put(value, [id, part]);
                transaction.oncomplete = () => { database.close(); done('written'); };
                transaction.onerror = () => done(String(transaction.error));
            };"#,
            vec![id.into(), part.into(), value.into()],
        )
        .await?;
    ensure!(outcome == "written", "damaging the stored part: {outcome}");
    Ok(())
}

async fn a_workspace_unreadable_at_start_is_said_and_kept_as_stored(
    browser: Browser,
) -> Result<()> {
    open_data_page(&browser).await?;
    let name = read_stored(&browser).await?.names()[0].to_string();
    put_part(&browser, "demo", "hcps", "{ damaged").await?;
    browser.client.refresh().await?;
    let notice = browser.text_of("notice").await?;
    ensure!(
        notice.contains(&format!("工作区“{name}”无法读取，已原样保留"))
            && notice.contains("存储的数据已损坏（"),
        "the unreadable workspace was said as {notice:?}"
    );
    // The demo is shown under another id; the damaged workspace is still there, as it was.
    let started = std::time::Instant::now();
    let mut rows = browser.texts_of_all("workspace-row").await?;
    while rows.len() < 2 && started.elapsed() < crate::harness::PATIENCE {
        tokio::time::sleep(Duration::from_millis(100)).await;
        rows = browser.texts_of_all("workspace-row").await?;
    }
    ensure!(rows.len() == 2, "the workspaces listed are {rows:?}");
    browser
        .keep_views_around("start-unreadable-workspace", Some("notice"))
        .await?;
    let kept = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            const request = indexedDB.open('omnirx');
            request.onsuccess = () => {
                const get = request.result.transaction('parts').objectStore('parts').get(['demo', 'hcps']);
                get.onsuccess = () => { request.result.close(); done(get.result); };
            };"#,
            vec![],
        )
        .await?;
    ensure!(
        kept == "{ damaged",
        "the unreadable workspace was overwritten: {kept}"
    );
    Ok(())
}
