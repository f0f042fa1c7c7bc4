//! What IndexedDB holds, read through the page (every workspace's summary and records), and the
//! Data page opened once the demo is stored: shared by the end-to-end cases and the bench.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use serde::Deserialize;

use crate::harness::Browser;

/// One stored workspace as the database holds it: its summary's counts next to the counts of
/// the records actually stored under its id.
#[derive(Debug, Deserialize, PartialEq)]
pub struct StoredWorkspace {
    pub id: String,
    pub name: String,
    pub hcps: u64,
    pub interactions: u64,
    pub stored_hcps: u64,
    pub stored_interactions: u64,
}

/// Everything stored: a digest of all three stores, and each workspace's counts.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Stored {
    pub digest: u64,
    pub workspaces: Vec<StoredWorkspace>,
}

// The bench reads only what it needs; the end-to-end cases use the rest.
#[allow(dead_code)]
impl Stored {
    /// Whether every workspace's records are all there: a half-written save would show a summary
    /// whose counts differ from the records, or records with no summary.
    pub fn each_workspace_is_whole(&self) -> bool {
        self.workspaces.iter().all(|workspace| {
            workspace.hcps == workspace.stored_hcps
                && workspace.interactions == workspace.stored_interactions
        })
    }

    /// The workspaces stored since `before`, after an interrupted write that may have added
    /// `name`: none or one, and nothing else. Refuses a half-stored workspace.
    pub fn added_since(&self, before: &Stored, name: &str) -> Result<usize> {
        ensure!(
            self.each_workspace_is_whole(),
            "a workspace is half stored: {:?}",
            self.workspaces
        );
        let added = self.workspaces.len() - before.workspaces.len();
        ensure!(added <= 1, "one write stored {added} workspaces");
        ensure!(
            self.names()
                .iter()
                .all(|stored| *stored == name || before.names().contains(stored)),
            "unexpected workspaces: {:?}",
            self.names()
        );
        Ok(added)
    }

    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .workspaces
            .iter()
            .map(|workspace| workspace.name.as_str())
            .collect();
        names.sort();
        names
    }
}

/// Reads the app's database from the page, as a second, independent reader.
pub async fn read_stored(browser: &Browser) -> Result<Stored> {
    let value = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            const request = indexedDB.open('omnirx');
            // No database (site data cleared): report nothing stored, and create nothing.
            request.onupgradeneeded = (event) => {
                if (event.oldVersion === 0) request.transaction.abort();
            };
            request.onerror = () => request.error && request.error.name === 'AbortError'
                ? done({ digest: 0, workspaces: [] })
                : done({ error: String(request.error) });
            request.onsuccess = () => {
                const database = request.result;
                const names = ['workspaces', 'parts', 'preferences'];
                const transaction = database.transaction(names, 'readonly');
                const read = {};
                let pending = names.length * 2;
                const finish = () => {
                    database.close();
                    const text = JSON.stringify(read);
                    let hash = 2166136261;
                    for (let index = 0; index < text.length; index += 1) {
                        hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0;
                    }
                    const counts = {};
                    read.parts.keys.forEach((key, index) => {
                        const [id, part] = key;
                        counts[id] = counts[id] || { hcps: 0, interactions: 0, ids: new Set() };
                        if (part === 'hcps' || part === 'interactions') {
                            // A list of records, or interactions by column (database version 2).
                            const value = JSON.parse(read.parts.values[index]);
                            counts[id][part] += Array.isArray(value) ? value.length : value.at.length;
                        }
                    });
                    const summaries = read.workspaces.values.map((text) => JSON.parse(text));
                    const orphans = Object.keys(counts).filter((id) => !summaries.some((s) => s.id === id));
                    const workspaces = summaries.map((summary) => ({
                        id: summary.id,
                        name: summary.name,
                        hcps: summary.hcps,
                        interactions: summary.interactions,
                        stored_hcps: (counts[summary.id] || {}).hcps || 0,
                        stored_interactions: (counts[summary.id] || {}).interactions || 0,
                    }));
                    // Records without a summary are a half-written save too: count them as a
                    // workspace with no counts of its own.
                    orphans.forEach((id) => workspaces.push({
                        id, name: '(records without a summary)', hcps: 0, interactions: 0,
                        stored_hcps: counts[id].hcps, stored_interactions: counts[id].interactions,
                    }));
                    done({ digest: hash, workspaces });
                };
                for (const name of names) {
                    read[name] = {};
                    const store = transaction.objectStore(name);
                    store.getAllKeys().onsuccess = (event) => {
                        read[name].keys = event.target.result;
                        if (--pending === 0) finish();
                    };
                    store.getAll().onsuccess = (event) => {
                        read[name].values = event.target.result;
                        if (--pending === 0) finish();
                    };
                }
            };"#,
            vec![],
        )
        .await
        .context("reading the database from the page")?;
    ensure!(
        value.get("error").is_none(),
        "reading the database: {value}"
    );
    Ok(serde_json::from_value(value)?)
}

/// Opens the Data page and waits until the demo shown on a first visit is stored whole.
/// What is stored once nothing writes any more: the same two reads 300 ms apart (a first
/// visit's last writes may still be landing when the demo is whole).
#[allow(dead_code)] // used by the end-to-end cases, not the bench
pub async fn read_stored_settled(browser: &Browser) -> Result<Stored> {
    let started = std::time::Instant::now();
    let mut last = read_stored(browser).await?;
    while started.elapsed() < crate::harness::PATIENCE {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = read_stored(browser).await?;
        if now == last {
            return Ok(now);
        }
        last = now;
    }
    anyhow::bail!("what is stored kept changing")
}

pub async fn open_data_page(browser: &Browser) -> Result<()> {
    open_data_page_at(browser, &browser.root_url).await
}

/// [`open_data_page`] of the app served at `url` (another server, a sub-path).
pub async fn open_data_page_at(browser: &Browser, url: &str) -> Result<()> {
    browser.open(&format!("{url}#/data")).await?;
    browser.element("workspace-row").await?;
    // The demo is shown before it is stored: wait until it is.
    let started = std::time::Instant::now();
    while started.elapsed() < crate::harness::PATIENCE {
        if let Ok(stored) = read_stored(browser).await {
            if !stored.workspaces.is_empty() && stored.each_workspace_is_whole() {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("the demo was never stored")
}
