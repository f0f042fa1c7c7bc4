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

/// Adds the size figures of every `.wasm` and `.js` in `dist` (sizes do not vary: one run each).
pub fn add_size_figures(report: &mut Report, dist: &Path) -> Result<()> {
    let mut total_gzip = 0usize;
    for extension in ["wasm", "js"] {
        let file = std::fs::read_dir(dist)?
            .flatten()
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|e| e == extension))
            .with_context(|| format!("no .{extension} in {}", dist.display()))?;
        let bytes = std::fs::read(&file)?;
        let gzip = gzip_size(&bytes);
        total_gzip += gzip;
        report.add(
            &format!("size.{extension}.raw"),
            &format!("app .{extension}, raw"),
            "B",
            vec![bytes.len() as f64],
        );
        report.add(
            &format!("size.{extension}.gzip"),
            &format!("app .{extension}, gzip -9"),
            "B",
            vec![gzip as f64],
        );
        report.add(
            &format!("size.{extension}.brotli"),
            &format!("app .{extension}, brotli 11"),
            "B",
            vec![brotli_size(&bytes) as f64],
        );
    }
    report.add_with_budget(
        "size.total.gzip",
        "app .wasm + .js, gzip",
        "B",
        vec![total_gzip as f64],
        GZIP_BUDGET_BYTES,
    );
    Ok(())
}
