//! The built app's download: the `.wasm` and `.js` in `dist/`, raw and compressed with gzip (-9)
//! and brotli (quality 11), as a static host would serve them.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::bench_report::Report;

/// The app's download may be at most this many bytes, gzip, `.wasm` and `.js` together.
pub const GZIP_BUDGET_BYTES: f64 = 350_000.0;

fn gzip_size(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory").len()
}

fn brotli_size(bytes: &[u8]) -> usize {
    let mut compressed = Vec::new();
    let parameters = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &parameters)
        .expect("brotli into memory");
    compressed.len()
}

/// The `.wasm` or `.js` of `dist` whose name starts with `prefix` (`omnirx-web-` for the page,
/// `omnirx-worker` for the import worker; the worker's loader shim is not counted).
fn built_file(dist: &Path, prefix: &str, extension: &str) -> Result<std::path::PathBuf> {
    std::fs::read_dir(dist)?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            name.starts_with(prefix)
                && !name.contains("_loader")
                && path.extension().is_some_and(|e| e == extension)
        })
        .with_context(|| format!("no {prefix}….{extension} in {}", dist.display()))
}

/// The loader and the modules of the pages cut from the page's wasm (`dist/split-<hash>/`, written
/// by tools/split_wasm.py).
fn page_modules(dist: &Path) -> Result<(std::path::PathBuf, Vec<std::path::PathBuf>)> {
    let directory = omnirx_e2e::page_modules_directory(dist)
        .with_context(|| format!("no split-* folder of page modules in {}", dist.display()))?;
    let modules = std::fs::read_dir(&directory)?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .collect();
    Ok((directory.join("__wasm_split.js"), modules))
}

/// Adds the size figures of the page's `.wasm` and `.js` (the first download, with its budget)
/// and of the import worker's (loaded on demand, no budget); sizes do not vary: one run each.
pub fn add_size_figures(report: &mut Report, dist: &Path) -> Result<()> {
    for (prefix, key, label) in [
        ("omnirx-web-", "size", "app"),
        ("omnirx-worker", "size.worker", "import worker"),
    ] {
        let mut total_gzip = 0usize;
        for extension in ["wasm", "js"] {
            let bytes = std::fs::read(built_file(dist, prefix, extension)?)?;
            let gzip = gzip_size(&bytes);
            total_gzip += gzip;
            report.add(
                &format!("{key}.{extension}.raw"),
                &format!("{label} .{extension}, raw"),
                "B",
                vec![bytes.len() as f64],
            );
            report.add(
                &format!("{key}.{extension}.gzip"),
                &format!("{label} .{extension}, gzip -9"),
                "B",
                vec![gzip as f64],
            );
            report.add(
                &format!("{key}.{extension}.brotli"),
                &format!("{label} .{extension}, brotli 11"),
                "B",
                vec![brotli_size(&bytes) as f64],
            );
        }
        let total_key = format!("{key}.total.gzip");
        let total_label = match prefix {
            "omnirx-web-" => format!("{label} .wasm + .js + the modules' loader, gzip"),
            _ => format!("{label} .wasm + .js, gzip"),
        };
        if prefix == "omnirx-web-" {
            // The loader of the pages' modules is imported by the page's .js: part of the first
            // download. The modules themselves load when their page is first shown.
            let (loader, modules) = page_modules(dist)?;
            let loader_gzip = gzip_size(&std::fs::read(loader)?);
            total_gzip += loader_gzip;
            report.add(
                "size.split.loader.gzip",
                "the pages' modules' loader .js, gzip -9",
                "B",
                vec![loader_gzip as f64],
            );
            let mut modules_gzip = 0usize;
            for module in &modules {
                modules_gzip += gzip_size(&std::fs::read(module)?);
            }
            report.add(
                "size.split.modules.count",
                "the pages' modules (a page's own, and code some pages share)",
                "files",
                vec![modules.len() as f64],
            );
            report.add(
                "size.split.modules.gzip",
                "the pages' modules, all of them, gzip -9 (each loads when first needed)",
                "B",
                vec![modules_gzip as f64],
            );
            report.add_with_budget(
                &total_key,
                &total_label,
                "B",
                vec![total_gzip as f64],
                GZIP_BUDGET_BYTES,
            );
        } else {
            report.add(&total_key, &total_label, "B", vec![total_gzip as f64]);
        }
    }
    Ok(())
}
