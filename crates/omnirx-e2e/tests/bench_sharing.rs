//! Sharing in the bench (`docs/sharing.md`): opening an encrypted file with its passphrase on a
//! phone-like CPU (the key derivation's budget, 1.5 s), and twelve reps' files of about 60 MB
//! merged into one workspace in the tab (time and memory, no budget).

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::sharing::envelope::seal;
use omnirx_core::domain::sharing::subset::{subset, SubsetChoice};
use omnirx_core::domain::workspace_file::export_workspace;

use crate::bench_report::Report;
use crate::bench_scale::renderer_peak_megabytes;
use crate::harness::{Environment, TempDirectory};

const PASSPHRASE: &str = "拜访 2026 horse";

/// Waits for `test_id`, failing early when the merge is refused.
async fn wait_for(
    browser: &crate::harness::Browser,
    test_id: &str,
    limit: Duration,
) -> Result<Duration> {
    let started = Instant::now();
    loop {
        if browser.is_present(test_id).await {
            return Ok(started.elapsed());
        }
        if browser.is_present("merge-refused").await {
            let why = browser.text_of("merge-refused").await?;
            anyhow::bail!("the merge was refused: {why}");
        }
        ensure!(started.elapsed() < limit, "no {test_id} within {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Passphrase typed → merge preview of a tiny sealed file, with the CPU slowed `rate` times
/// (DevTools; 4 is Lighthouse's mid-range phone). Almost all of it is Argon2id (19 MiB, 2
/// passes), run on the page.
/// Returns (to the preview, key derivation and decryption alone), in ms.
async fn unlock_once(
    environment: &Environment,
    path: &std::path::Path,
    rate: f64,
) -> Result<(f64, f64)> {
    let browser = environment.browser("en-US").await?;
    crate::stored::open_data_page(&browser).await?;
    browser.choose_file("merge-files", path).await?;
    browser.element("merge-locked").await?;
    browser.type_into("merge-passphrase", PASSPHRASE).await?;
    browser
        .devtools(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": rate }),
        )
        .await?;
    browser.click("merge-unlock").await?;
    let took = wait_for(&browser, "merge-preview", Duration::from_secs(60)).await?;
    let unlock = browser
        .script(
            "const m = performance.getEntriesByName('omnirx:unlock'); \
             return m.length ? m[m.length - 1].duration : null;",
        )
        .await?
        .as_f64()
        .context("no omnirx:unlock measure")?;
    Ok((took.as_secs_f64() * 1000.0, unlock))
}

pub async fn measure_unlock(
    environment: &Environment,
    report: &mut Report,
    runs: usize,
) -> Result<()> {
    let directory = TempDirectory::new("bench-unlock");
    let tiny = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        5,
        DataLanguage::Chinese,
    ));
    let sealed = seal(
        export_workspace(&tiny).as_bytes(),
        PASSPHRASE,
        &[3; 16],
        &[4; 24],
    );
    let path = directory.0.join("sealed.omnirx.json");
    std::fs::write(&path, sealed)?;
    let (mut phone, mut desk, mut phone_kdf, mut desk_kdf) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (preview, kdf) = unlock_once(environment, &path, 1.0).await?;
        desk.push(preview);
        desk_kdf.push(kdf);
        let (preview, kdf) = unlock_once(environment, &path, 4.0).await?;
        phone.push(preview);
        phone_kdf.push(kdf);
    }
    report.add(
        "sharing.unlock_ms",
        "encrypted file: passphrase → merge preview (tiny file)",
        "ms",
        desk,
    );
    report.add(
        "sharing.key_derivation_ms",
        "key derivation + decryption (Argon2id 19 MiB, 2 passes)",
        "ms",
        desk_kdf,
    );
    report.add(
        "sharing.unlock_phone_ms",
        "passphrase → merge preview, CPU slowed 4× (a mid-range phone)",
        "ms",
        phone,
    );
    report.add_with_budget(
        "sharing.key_derivation_phone_ms",
        "key derivation + decryption, CPU slowed 4× (a mid-range phone)",
        "ms",
        phone_kdf,
        1_500.0,
    );
    Ok(())
}

/// Twelve reps' files: the `large` demo of three seeds, each cut into four parts of three
/// territories (about 60 MB each), as `omnirx export --territories` does.
fn twelve_files(directory: &TempDirectory) -> Result<(Vec<std::path::PathBuf>, u64)> {
    let mut paths = Vec::new();
    let mut bytes = 0u64;
    for seed in [1, 2, 3] {
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Large,
            seed,
            DataLanguage::Chinese,
        ));
        let territories: Vec<String> = workspace.territories.iter().map(|t| t.id.clone()).collect();
        for (group, ids) in territories.chunks(3).enumerate() {
            let mut part = subset(
                &workspace,
                &SubsetChoice {
                    territories: ids.to_vec(),
                    ..SubsetChoice::default()
                },
            );
            part.settings.name = format!("代表 {seed}-{}", group + 1);
            let text = export_workspace(&part);
            bytes += text.len() as u64;
            let path = directory
                .0
                .join(format!("rep-{seed}-{}.omnirx.json", group + 1));
            std::fs::write(&path, text)?;
            paths.push(path);
        }
    }
    Ok((paths, bytes))
}

/// Twelve files are more than the tab can merge: refused at once. The first `OMNIRX_MERGE_FILES`
/// of them (default 6, under the limit) are merged in the tab, timed and their memory measured.
pub async fn measure_twelve_files(environment: &Environment, report: &mut Report) -> Result<()> {
    let directory = TempDirectory::new("bench-merge12");
    let (paths, bytes) = twelve_files(&directory).context("writing the twelve files")?;
    report.add(
        "merge12.files_mb",
        "twelve reps' files (large demo of 3 seeds, 4 parts each)",
        "MB",
        vec![bytes as f64 / 1_048_576.0],
    );
    let chosen: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let browser = environment.browser("en-US").await?;
    crate::stored::open_data_page(&browser).await?;
    let started = Instant::now();
    let input = browser.element("merge-files").await?;
    input.send_keys(&chosen.join("\n")).await?;
    if wait_for(&browser, "merge-too-large", Duration::from_secs(30))
        .await
        .is_ok()
    {
        report.add(
            "merge12.refused_ms",
            "twelve files chosen → refused as too large for the tab (nothing read)",
            "ms",
            vec![started.elapsed().as_secs_f64() * 1000.0],
        );
    } else {
        report.note("twelve files were not refused as too large");
    }
    drop(browser);

    let count: usize = std::env::var("OMNIRX_MERGE_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let some = &paths[..count.min(paths.len())];
    let some_bytes: u64 = some
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let browser = environment.browser("en-US").await?;
    crate::stored::open_data_page(&browser).await?;
    let limit = Duration::from_secs(1_800);
    let input = browser.element("merge-files").await?;
    let chosen: Vec<String> = some.iter().map(|p| p.display().to_string()).collect();
    input.send_keys(&chosen.join("\n")).await?;
    let preview = wait_for(&browser, "merge-preview", limit).await?;
    let label = |what: &str| format!("{count} files, {} MB: {what}", some_bytes >> 20);
    report.add(
        "merge_some.preview_s",
        &label("chosen → merge preview (read, parse, merge, in the tab)"),
        "s",
        vec![preview.as_secs_f64()],
    );
    let written = Instant::now();
    browser.click("merge-confirm").await?;
    wait_for(&browser, "merge-done", limit).await?;
    report.add(
        "merge_some.write_s",
        &label("Merge → stored (merged again with the choices, one write)"),
        "s",
        vec![written.elapsed().as_secs_f64()],
    );
    report.add(
        "merge_some.renderer_peak_mb",
        &label("renderer peak memory (VmHWM)"),
        "MB",
        vec![renderer_peak_megabytes()],
    );
    Ok(())
}
