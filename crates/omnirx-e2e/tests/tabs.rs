//! Several tabs on one workspace: an edit in one shows in the other, simultaneous edits are both
//! kept, and a newer app version in another tab stops this one writing.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::wd::WindowHandle;

use crate::harness::{Browser, Case, PATIENCE};
use crate::stored::{open_data_page, read_stored};

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "an_edit_in_one_tab_appears_in_the_other_within_a_second",
            language: "en-US",
            run: |b| Box::pin(an_edit_in_one_tab_appears_in_the_other_within_a_second(b)),
        },
        Case {
            name: "simultaneous_edits_in_two_tabs_are_both_kept",
            language: "zh-CN",
            run: |b| Box::pin(simultaneous_edits_in_two_tabs_are_both_kept(b)),
        },
        Case {
            name: "a_newer_version_in_another_tab_stops_this_one_writing",
            language: "en-US",
            run: |b| Box::pin(a_newer_version_in_another_tab_stops_this_one_writing(b)),
        },
    ]
}

/// Opens the app's Data page in a second tab (a separate window, so that both stay visible, as
/// two windows side by side) and returns both handles, the first tab active.
async fn two_tabs(browser: &Browser) -> Result<(WindowHandle, WindowHandle)> {
    // The demo is stored behind the scenes on a first visit: wait for it before the second tab.
    open_data_page(browser).await?;
    let first = browser.client.window().await?;
    let second = browser.client.new_window(false).await?.handle;
    browser.client.switch_to_window(second.clone()).await?;
    browser.open(&format!("{}#/data", browser.root_url)).await?;
    browser.element("workspace-row").await?;
    browser.client.switch_to_window(first.clone()).await?;
    Ok((first, second))
}

/// Opens the rename form of the open workspace and types `name`, without saving yet.
async fn type_new_name(browser: &Browser, name: &str) -> Result<()> {
    browser.click("workspace-rename").await?;
    let input = browser.element("workspace-rename-input").await?;
    input.clear().await?;
    input.send_keys(name).await?;
    Ok(())
}

async fn an_edit_in_one_tab_appears_in_the_other_within_a_second(browser: Browser) -> Result<()> {
    let (first, second) = two_tabs(&browser).await?;
    // The second tab notes, by the page's own clock, when the new name is drawn.
    browser.client.switch_to_window(second.clone()).await?;
    browser.click("nav-overview").await?;
    browser.element("workspace-name").await?;
    browser
        .script(
            "window.__seenAt = null;
             new MutationObserver(() => {
                 const name = document.querySelector('[data-testid=workspace-name]');
                 if (name && name.textContent === 'Renamed in the first tab' && !window.__seenAt) {
                     window.__seenAt = Date.now();
                 }
             }).observe(document.body, { subtree: true, childList: true, characterData: true });",
        )
        .await?;
    browser.client.switch_to_window(first.clone()).await?;
    type_new_name(&browser, "Renamed in the first tab").await?;
    let edited_at = browser.script("return Date.now()").await?;
    browser.click("workspace-rename-save").await?;
    browser.client.switch_to_window(second).await?;
    browser
        .wait_for_text("workspace-name", "Renamed in the first tab")
        .await
        .context("the edit never reached the second tab")?;
    let seen_at = browser.script("return window.__seenAt").await?;
    let (Some(edited_at), Some(seen_at)) = (edited_at.as_f64(), seen_at.as_f64()) else {
        bail!("no times: edited {edited_at}, seen {seen_at}");
    };
    let latency = seen_at - edited_at;
    println!(
        "    an edit reached the other tab in {latency:.0} ms (600 ms of it is the autosave delay)"
    );
    ensure!(
        latency < 1_000.0,
        "the edit took {latency:.0} ms to reach the other tab"
    );
    Ok(())
}

async fn simultaneous_edits_in_two_tabs_are_both_kept(browser: Browser) -> Result<()> {
    let (first, second) = two_tabs(&browser).await?;
    // Both tabs have been left and come back from the back-forward cache (`pagehide` then
    // `pageshow`): a page shown again must check revisions as before, not save over anything.
    for tab in [&second, &first] {
        browser.client.switch_to_window(tab.clone()).await?;
        browser
            .script(
                "window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
                 window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));",
            )
            .await?;
    }
    // Both tabs edit the same workspace before either has saved: the first save wins the
    // workspace, the other tab's edit becomes a copy, and that tab says so.
    type_new_name(&browser, "甲的名称").await?;
    browser.client.switch_to_window(second.clone()).await?;
    type_new_name(&browser, "乙的名称").await?;
    browser.client.switch_to_window(first.clone()).await?;
    browser.click("workspace-rename-save").await?;
    browser.client.switch_to_window(second.clone()).await?;
    browser.click("workspace-rename-save").await?;

    let copy_suffix = "（另一标签页的修改）";
    let started = Instant::now();
    loop {
        let stored = read_stored(&browser).await?;
        let names = stored.names();
        let first_won = names == vec![format!("乙的名称{copy_suffix}").as_str(), "甲的名称"];
        let second_won = names == vec!["乙的名称", format!("甲的名称{copy_suffix}").as_str()];
        if first_won || second_won {
            ensure!(stored.each_workspace_is_whole(), "{:?}", stored.workspaces);
            let (loser, copy_name) = if first_won {
                (second.clone(), format!("乙的名称{copy_suffix}"))
            } else {
                (first.clone(), format!("甲的名称{copy_suffix}"))
            };
            browser.client.switch_to_window(loser).await?;
            let notice = browser.text_of("notice").await?;
            ensure!(
                notice.starts_with("另一个标签页先保存了这个工作区") && notice.contains(&copy_name),
                "the tab whose edit became a copy says {notice:?}"
            );
            browser.keep_views("conflict-notice").await?;
            println!(
                "    the {} tab won; the other's edit is kept as {copy_name:?}",
                if first_won { "first" } else { "second" }
            );
            return Ok(());
        }
        if started.elapsed() > PATIENCE {
            bail!("after simultaneous edits, storage holds {names:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn a_newer_version_in_another_tab_stops_this_one_writing(browser: Browser) -> Result<()> {
    let (first, second) = two_tabs(&browser).await?;
    // The second tab stands for a newer build: it opens the database at the next version.
    browser.client.switch_to_window(second).await?;
    let upgrade = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const started = performance.now();
             const request = indexedDB.open('omnirx', 3);
             request.onupgradeneeded = () => {};
             request.onblocked = () => done({ blocked: true });
             request.onsuccess = () => {
                 window.__newer = request.result;
                 done({ opened_ms: performance.now() - started });
             };
             request.onerror = () => done({ error: String(request.error) });",
            vec![],
        )
        .await?;
    ensure!(
        upgrade.get("opened_ms").is_some(),
        "the newer version did not open the database at once: {upgrade}"
    );
    println!(
        "    the newer version opened the database in {} ms",
        upgrade["opened_ms"]
    );

    browser.client.switch_to_window(first).await?;
    let banner = browser.text_of("storage-banner").await?;
    ensure!(
        banner.contains("A newer version of OmniRx") && banner.contains("Reload"),
        "the old tab's banner says {banner:?}"
    );
    browser.keep_views("outdated-banner").await?;
    // An edit in the old tab is shown but never written, and the failure says why.
    let stored_before = read_stored(&browser).await?;
    type_new_name(&browser, "Edited in the old tab").await?;
    browser.click("workspace-rename-save").await?;
    let notice = browser.text_of("notice").await?;
    ensure!(
        notice.contains("no longer saves anything"),
        "the old tab's failed save says {notice:?}"
    );
    ensure!(
        read_stored(&browser).await?.names() == stored_before.names(),
        "the old tab wrote after the upgrade"
    );
    // Reloaded, this build meets a database newer than it knows: it says so and works in memory.
    browser.click("storage-banner-reload").await?;
    browser.element("main").await?;
    let banner = browser.text_of("storage-banner").await?;
    ensure!(
        banner.contains("A newer version of OmniRx"),
        "after a reload the banner says {banner:?}"
    );
    browser.click("nav-overview").await?;
    browser.wait_for_text("count-hcps", "1,500").await?;
    Ok(())
}
