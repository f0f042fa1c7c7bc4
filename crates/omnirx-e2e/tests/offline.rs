//! Offline and installable (docs/offline.md): after a first visit the app starts, opens the
//! stored workspace, saves an edit and exports a file with its server gone, also under a
//! sub-path; a new build is offered as "a new version is ready — reload", and reloading runs it
//! with the same data.

use std::path::Path;

use fantoccini::wd::WindowHandle;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use crate::harness::{serve_directory, Browser, Case, TempDirectory, PATIENCE};
use crate::stored::{open_data_page_at, read_stored};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "after_a_first_visit_the_app_works_with_its_server_gone_under_a_sub_path",
            language: "zh-CN",
            run: |b| Box::pin(after_a_first_visit_the_app_works_with_its_server_gone(b)),
        },
        Case {
            name: "on_plain_http_the_app_works_online_and_says_once_that_offline_needs_https",
            language: "zh-CN",
            run: |b| {
                Box::pin(on_plain_http_the_app_works_and_says_once_that_offline_needs_https(b))
            },
        },
        Case {
            name: "a_new_build_is_offered_and_reloading_runs_it_with_the_same_data",
            language: "en-US",
            run: |b| Box::pin(a_new_build_is_offered_and_reloading_runs_it_with_the_same_data(b)),
        },
        Case {
            name: "a_build_with_a_newer_schema_opens_the_old_data_and_stops_the_old_tab_writing",
            language: "en-US",
            run: |b| Box::pin(a_newer_schema_opens_the_old_data_and_stops_the_old_tab(b)),
        },
    ]
}

/// A copy of `dist/` (files and folders) at `to`.
fn copy_dist(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dist(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Waits until the page is controlled by the service worker (its files are all cached then).
async fn wait_until_controlled(browser: &Browser) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        let controlled = browser
            .script("return navigator.serviceWorker.controller !== null")
            .await?;
        if controlled == true {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the service worker never took control of the page")
}

/// Opens the Data page at `url` and waits until the demo is stored and the page is controlled.
async fn first_visit(browser: &Browser, url: &str) -> Result<()> {
    open_data_page_at(browser, url).await?;
    wait_until_controlled(browser).await
}

async fn after_a_first_visit_the_app_works_with_its_server_gone(browser: Browser) -> Result<()> {
    let root = TempDirectory::new("offline");
    copy_dist(&browser.dist, &root.0.join("tools/omnirx"))?;
    let (server, port) = serve_directory(&root.0)?;
    let url = format!("http://127.0.0.1:{port}/tools/omnirx/");
    first_visit(&browser, &url).await?;
    let before = read_stored(&browser).await?;

    // The server is gone, and the browser says the network is too.
    drop(server);
    ensure!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the server still answers"
    );
    browser
        .devtools(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await?;
    browser.client.refresh().await?;
    browser.element("offline-badge").await?;
    browser.open(&format!("{url}#/funnels")).await?;
    let name = browser.element("funnel-name").await?;
    // An edit, saved while offline, is there after another reload.
    name.clear().await?;
    name.send_keys(&format!(
        "离线编辑{}",
        char::from(fantoccini::key::Key::Tab)
    ))
    .await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    browser.client.refresh().await?;
    let kept = browser
        .element("funnel-name")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        kept == "离线编辑",
        "after an offline reload the funnel is named {kept:?}"
    );
    let after = read_stored(&browser).await?;
    ensure!(
        after.workspaces.len() == before.workspaces.len() && after.each_workspace_is_whole(),
        "the stored workspaces changed shape offline"
    );
    // Exporting still works.
    browser.open(&format!("{url}#/data")).await?;
    browser.click("export-button").await?;
    let (file, bytes) = browser.downloaded_file().await?;
    ensure!(
        file.ends_with(".json") && bytes.windows(12).any(|w| w == "离线编辑".as_bytes()),
        "the offline export {file} ({} bytes) lacks the offline edit",
        bytes.len()
    );
    let badge = browser.text_of("offline-badge").await?;
    ensure!(badge == "离线", "the offline badge says {badge:?}");
    browser.keep_views("offline").await?;
    Ok(())
}

async fn a_new_build_is_offered_and_reloading_runs_it_with_the_same_data(
    browser: Browser,
) -> Result<()> {
    let root = TempDirectory::new("update");
    copy_dist(&browser.dist, &root.0)?;
    let (_server, port) = serve_directory(&root.0)?;
    let url = format!("http://127.0.0.1:{port}/");
    first_visit(&browser, &url).await?;
    ensure!(
        !browser.is_present("update-banner").await,
        "a first visit was offered an update"
    );
    // Chromium offers installing only for an installable app (manifest, icons, service worker).
    browser
        .element("install-app")
        .await
        .context("the browser never offered to install the app")?;
    let before = read_stored(&browser).await?;

    // The next build is deployed: a changed index.html, and the service worker written for it.
    let index = root.0.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    std::fs::write(
        &index,
        html.replacen(
            "<title>",
            "<meta name=\"omnirx-build\" content=\"next\" />\n    <title>",
            1,
        ),
    )?;
    let tools = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools");
    let status = std::process::Command::new("python3")
        .arg(tools.join("service_worker.py"))
        .arg(&root.0)
        .status()
        .context("running tools/service_worker.py")?;
    ensure!(status.success(), "tools/service_worker.py failed");

    // The browser looks for a new version (on a reload, or when the app asks, as here).
    browser
        .script("navigator.serviceWorker.getRegistration().then(r => r.update()); return true;")
        .await?;
    let banner = browser.element("update-banner").await?;
    let said = banner.text().await?;
    ensure!(
        said.contains("A new version is ready"),
        "the update notice says {said:?}"
    );
    let still_old = browser
        .script("return document.querySelector('meta[name=omnirx-build]') === null")
        .await?;
    ensure!(still_old == true, "the new version ran before the reload");
    browser.keep_views("update-ready").await?;
    browser.click("update-reload").await?;
    let started = Instant::now();
    loop {
        let new = browser
            .script("return document.querySelector('meta[name=omnirx-build]') !== null && document.querySelector('[data-testid=main]') !== null")
            .await
            .unwrap_or(serde_json::Value::Bool(false));
        if new == true {
            break;
        }
        ensure!(
            started.elapsed() < PATIENCE,
            "reloading never ran the new version"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.element("workspace-row").await?;
    ensure!(
        !browser.is_present("update-banner").await,
        "the notice stayed after the update"
    );
    ensure!(
        read_stored(&browser).await? == before,
        "the update changed what is stored"
    );
    let caches = browser.script("return caches.keys()").await?;
    let caches: Vec<String> = serde_json::from_value(caches)?;
    ensure!(
        caches.len() == 1 && caches[0].starts_with("omnirx-"),
        "the caches left are {caches:?}"
    );
    Ok(())
}

async fn on_plain_http_the_app_works_and_says_once_that_offline_needs_https(
    browser: Browser,
) -> Result<()> {
    let port = browser
        .root_url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .context("the root URL's port")?
        .to_string();
    // The same server under a name that is not localhost: not a secure context.
    let url = format!("http://omnirx.test:{port}/");
    browser.open(&format!("{url}#/data")).await?;
    browser.element("workspace-row").await?;
    let notice = browser.text_of("https-notice").await?;
    ensure!(
        notice.contains("https") && notice.contains("离线"),
        "the notice says {notice:?}"
    );
    let registered = browser
        .script("return window.isSecureContext === false && !('serviceWorker' in navigator && navigator.serviceWorker.controller)")
        .await?;
    ensure!(registered == true, "a service worker runs on plain http");
    browser.keep_views("https-needed").await?;
    browser.click("https-notice-dismiss").await?;
    browser.client.refresh().await?;
    browser.element("workspace-row").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ensure!(
        !browser.is_present("https-notice").await,
        "the https notice came back after it was dismissed"
    );
    Ok(())
}

/// The version of the app's IndexedDB database, as the browser has it.
async fn database_version(browser: &Browser) -> Result<u64> {
    let version = browser
        .script(
            "return indexedDB.databases().then(all => (all.find(d => d.name === 'omnirx') || {}).version || 0)",
        )
        .await?;
    version.as_u64().context("the database's version")
}

/// `dist-next/`: the app built with `OMNIRX_DATABASE_VERSION=3` (by `./x test`), standing for a
/// release whose IndexedDB schema is one version newer.
fn next_schema_build(browser: &Browser) -> Result<std::path::PathBuf> {
    let next = browser.dist.with_file_name("dist-next");
    ensure!(
        next.join("sw.js").is_file(),
        "{} is missing: `./x test` builds it (OMNIRX_DATABASE_VERSION=3 trunk build --release --dist dist-next)",
        next.display()
    );
    Ok(next)
}

async fn a_newer_schema_opens_the_old_data_and_stops_the_old_tab(browser: Browser) -> Result<()> {
    let next = next_schema_build(&browser)?;
    let root = TempDirectory::new("schema-update");
    copy_dist(&browser.dist, &root.0)?;
    let (_server, port) = serve_directory(&root.0)?;
    let url = format!("http://127.0.0.1:{port}/");
    first_visit(&browser, &url).await?;
    ensure!(
        database_version(&browser).await? == 2,
        "the app opened a database other than version 2"
    );
    let old_tab: WindowHandle = browser.client.window().await?;
    let new_tab = browser.client.new_window(false).await?.handle;
    browser.client.switch_to_window(new_tab.clone()).await?;
    browser.open(&format!("{url}#/data")).await?;
    browser.element("workspace-row").await?;
    let before = read_stored(&browser).await?;

    // The release with the newer schema is deployed over the old one.
    copy_dist(&next, &root.0)?;
    browser
        .script("navigator.serviceWorker.getRegistration().then(r => r.update()); return true;")
        .await?;
    browser.element("update-banner").await?;
    browser.click("update-reload").await?;
    let started = Instant::now();
    while database_version(&browser).await.unwrap_or(0) != 3 {
        ensure!(
            started.elapsed() < PATIENCE,
            "the new version never upgraded the database"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The new version opens the old data.
    browser.element("workspace-row").await?;
    ensure!(
        read_stored(&browser).await? == before,
        "the upgrade changed what is stored"
    );

    // The old tab, still the old code, has stepped aside: it says so and writes nothing.
    browser.client.switch_to_window(old_tab).await?;
    let banner = browser.text_of("storage-banner").await?;
    ensure!(
        banner.contains("newer version"),
        "the old tab says {banner:?}"
    );
    browser.click("workspace-rename").await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys("Written by the old version").await?;
    browser.click("workspace-rename-save").await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    browser.client.switch_to_window(new_tab).await?;
    ensure!(
        read_stored(&browser).await? == before,
        "the old tab wrote into the upgraded database"
    );
    Ok(())
}
