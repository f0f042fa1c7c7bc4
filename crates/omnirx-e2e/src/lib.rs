//! Where the end-to-end tests find what they drive: the repository, the built app (`dist/`) and
//! the native `omnirx` binary, which `./x` builds before the tests run.

use std::path::PathBuf;

/// The repository's root (two levels above this crate).
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository's root exists")
}

/// The `omnirx` command-line tool: `OMNIRX_CLI` if set, otherwise the release or debug build in
/// the workspace's `target/` (whichever is newer). `./x` builds it before the end-to-end tests.
pub fn cli() -> PathBuf {
    if let Some(path) = std::env::var_os("OMNIRX_CLI") {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository().join("target"));
    let candidates = ["release", "debug"].map(|profile| target.join(profile).join("omnirx"));
    candidates
        .iter()
        .filter_map(|path| Some((path.metadata().ok()?.modified().ok()?, path)))
        .max()
        .map(|(_, path)| path.clone())
        .unwrap_or_else(|| {
            panic!(
                "the omnirx binary is not built: run `cargo build -p omnirx-cli` (looked in {})",
                target.display()
            )
        })
}

/// The folder of the pages' modules in a build (`split-<hash>/`, written by tools/split_wasm.py).
pub fn page_modules_directory(dist: &std::path::Path) -> Option<PathBuf> {
    std::fs::read_dir(dist)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.is_dir()
                && path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("split-"))
        })
}
