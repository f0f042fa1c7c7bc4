//! Enforces the layer invariants of ARCHITECTURE.md by reading the source tree.

use std::fs;
use std::path::{Path, PathBuf};

/// Crates the domain layer must never reach: the browser and the UI live in other layers.
const BROWSER_AND_UI_CRATES: &[&str] = &[
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "js_sys",
    "gloo",
    "indexed_db_futures",
    "console_error_panic_hook",
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

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Lines that are code, not comments, so that a sentence mentioning a crate is allowed.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.starts_with("//"))
}

/// Finds every place where `files` mention one of `crates` as a path (`krate::` or `use krate`).
fn uses_of_crates(files: &[PathBuf], crates: &[&str]) -> Vec<String> {
    let mut violations = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).expect("source file is readable");
        for (line_number, line) in code_lines(&text) {
            for krate in crates {
                let as_path = format!("{krate}::");
                let as_use = format!("use {krate}");
                let mentions = line.match_indices(&as_path).any(|(start, _)| {
                    // `foo_leptos::` or `my_web_sys::` are other names, not this crate.
                    start == 0
                        || !line[..start]
                            .chars()
                            .last()
                            .is_some_and(|c| c.is_alphanumeric() || c == '_')
                }) || line.starts_with(&as_use);
                if mentions {
                    violations.push(format!("{}:{line_number}: {line}", file.display()));
                }
            }
        }
    }
    violations
}

#[test]
fn the_domain_never_imports_browser_or_ui_crates() {
    let files = rust_files_under(&source_root().join("domain"));
    assert!(!files.is_empty(), "src/domain has no Rust files");
    let violations = uses_of_crates(&files, BROWSER_AND_UI_CRATES);
    assert!(
        violations.is_empty(),
        "the domain layer must stay plain Rust, but it reaches into the browser or UI:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_domain_never_reads_the_clock() {
    // SystemTime::now() panics on wasm32; the clock is passed in by the UI layer.
    let files = rust_files_under(&source_root().join("domain"));
    let mut violations = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (line_number, line) in code_lines(&text) {
            if line.contains("SystemTime::now") || line.contains("Instant::now") {
                violations.push(format!("{}:{line_number}: {line}", file.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the domain reads the clock:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_plain_support_modules_stay_plain_too() {
    // i18n, the route model, the customer list and the value labels are tested natively and must not depend on
    // the browser either.
    let mut files = rust_files_under(&source_root().join("i18n"));
    files.push(source_root().join("ui").join("route.rs"));
    files.push(source_root().join("ui").join("customer_list.rs"));
    files.push(source_root().join("ui").join("labels.rs"));
    let violations = uses_of_crates(&files, BROWSER_AND_UI_CRATES);
    assert!(
        violations.is_empty(),
        "plain modules reach into the browser:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_opens_with_a_line_saying_what_it_is_for() {
    let missing: Vec<String> = rust_files_under(&source_root())
        .into_iter()
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
fn the_checker_itself_catches_a_violation() {
    // Guards against a checker that silently passes everything.
    let directory =
        std::env::temp_dir().join(format!("omnirx-architecture-{}", std::process::id()));
    fs::create_dir_all(&directory).unwrap();
    let file = directory.join("bad.rs");
    fs::write(&file, "//! bad\nuse leptos::prelude::*;\nfn f() { web_sys::window(); }\n// leptos:: in a comment is fine\nfn g() { my_leptos::x(); }\n").unwrap();
    let violations = uses_of_crates(&[file], BROWSER_AND_UI_CRATES);
    fs::remove_dir_all(&directory).unwrap();
    assert_eq!(violations.len(), 2, "{violations:?}");
}
