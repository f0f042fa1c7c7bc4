//! Checks the invariants of ARCHITECTURE.md that the compiler cannot: the core's manifest reaches
//! no browser or UI crate, the core never reads the clock, and every module says what it is for.
//! (That the core's code names no such crate the compiler already holds: it does not depend on one.)

use std::fs;
use std::path::{Path, PathBuf};

/// Crates the core must never depend on: the browser and the UI live in other crates.
const BROWSER_AND_UI_CRATES: &[&str] = &[
    "leptos",
    "web-sys",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "js-sys",
    "gloo",
    "indexed_db_futures",
    "console_error_panic_hook",
    "omnirx-storage",
    "omnirx-web",
];

fn rust_files_under(directory: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).expect("source directory is readable") {
            let path = entry.expect("directory entry is readable").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The repository's crates: `crates/<name>/src` for every crate.
fn crate_sources() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources: Vec<PathBuf> = fs::read_dir(&crates)
        .expect("crates/ is readable")
        .map(|entry| entry.unwrap().path().join("src"))
        .filter(|source| source.is_dir())
        .collect();
    sources.sort();
    sources
}

fn core_source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Lines that are code, not comments, so that a sentence mentioning the clock is allowed.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.starts_with("//"))
}

/// Every place in `files` that reads the clock.
fn clock_reads(files: &[PathBuf]) -> Vec<String> {
    let mut violations = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        for (line_number, line) in code_lines(&text) {
            if line.contains("SystemTime::now") || line.contains("Instant::now") {
                violations.push(format!("{}:{line_number}: {line}", file.display()));
            }
        }
    }
    violations
}

#[test]
fn the_core_depends_on_no_browser_or_ui_crate() {
    // The compiler keeps the core's code from naming a crate it does not depend on; this keeps
    // its manifest from adding one, directly or through another crate (`cargo tree`).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "tree",
            "-p",
            "omnirx-core",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(
        names.contains(&"serde"),
        "cargo tree printed no dependencies:\n{tree}"
    );
    let reached: Vec<&&str> = names
        .iter()
        .filter(|name| BROWSER_AND_UI_CRATES.contains(name))
        .collect();
    assert!(
        reached.is_empty(),
        "the core depends on browser or UI crates: {reached:?}\n{tree}"
    );
}

#[test]
fn the_core_never_reads_the_clock() {
    // SystemTime::now() panics on wasm32; the clock is passed in by the UI layer.
    let files = rust_files_under(&core_source());
    assert!(
        files.len() > 50,
        "the core has only {} Rust files",
        files.len()
    );
    let violations = clock_reads(&files);
    assert!(
        violations.is_empty(),
        "the core reads the clock:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_opens_with_a_line_saying_what_it_is_for() {
    let sources = crate_sources();
    assert!(sources.len() >= 4, "found only {sources:?}");
    let missing: Vec<String> = sources
        .iter()
        .flat_map(|source| rust_files_under(source))
        .filter(|file| !fs::read_to_string(file).unwrap().starts_with("//!"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` opening line:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_clock_checker_itself_catches_a_violation() {
    // Guards against a checker that silently passes everything.
    let directory =
        std::env::temp_dir().join(format!("omnirx-architecture-{}", std::process::id()));
    fs::create_dir_all(&directory).unwrap();
    let file = directory.join("bad.rs");
    fs::write(
        &file,
        "//! bad\nfn f() { std::time::SystemTime::now(); }\n// Instant::now in a comment is fine\nfn g() { Instant::now(); }\n",
    )
    .unwrap();
    let violations = clock_reads(&[file]);
    fs::remove_dir_all(&directory).unwrap();
    assert_eq!(violations.len(), 2, "{violations:?}");
}
