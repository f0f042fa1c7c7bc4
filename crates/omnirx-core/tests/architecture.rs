//! Checks the invariants of ARCHITECTURE.md that the compiler cannot: the core's manifest reaches
//! no browser or UI crate, the core never reads the clock, and every module says what it is for.
//! (That the core's code names no such crate the compiler already holds: it does not depend on one.)

use std::collections::HashSet;
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

/// A module's path in its crate: `crates/omnirx-core/src/domain/funnel/compare.rs` →
/// `["omnirx_core", "domain", "funnel", "compare"]` (`mod.rs`, `lib.rs`, `main.rs` name their folder).
fn module_of(source: &Path, file: &Path) -> Vec<String> {
    let krate = source
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace('-', "_");
    let relative = file.strip_prefix(source).unwrap().with_extension("");
    let mut path = vec![krate];
    path.extend(
        relative
            .iter()
            .map(|part| part.to_string_lossy().into_owned()),
    );
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// The modules each module of the workspace's crates names in its code (`use super::x`,
/// `crate::a::b`, `omnirx_core::a`), resolved to modules that exist.
fn module_references() -> Vec<(Vec<String>, Vec<String>)> {
    let mut files = Vec::new();
    for source in crate_sources() {
        for file in rust_files_under(&source) {
            files.push((module_of(&source, &file), file));
        }
    }
    let modules: HashSet<Vec<String>> = files.iter().map(|(module, _)| module.clone()).collect();
    let mut references = Vec::new();
    for (module, file) in &files {
        let text = fs::read_to_string(file).unwrap();
        for (_, line) in code_lines(&text) {
            for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                let parts: Vec<&str> = word.split("::").filter(|p| !p.is_empty()).collect();
                let (mut target, rest): (Vec<String>, &[&str]) = match parts.first() {
                    Some(&"crate") => (vec![module[0].clone()], &parts[1..]),
                    Some(&"super") => (module.clone(), &parts[..]),
                    Some(first) if first.starts_with("omnirx_") => {
                        (vec![first.to_string()], &parts[1..])
                    }
                    _ => continue,
                };
                let mut rest = rest.iter().peekable();
                while rest.peek() == Some(&&"super") {
                    target.pop();
                    rest.next();
                }
                target.extend(rest.map(|part| part.to_string()));
                while !target.is_empty() && !modules.contains(&target) {
                    target.pop();
                }
                let nested = target.starts_with(module) || module.starts_with(&target);
                if !target.is_empty() && !nested {
                    references.push((module.clone(), target));
                }
            }
        }
    }
    references
}

#[test]
fn no_two_modules_import_each_other() {
    // A parent and its child (`mod.rs` re-exporting, the child using `super::`) are one unit;
    // any other pair that names each other is a cycle, which makes both harder to change.
    let references: HashSet<(Vec<String>, Vec<String>)> = module_references().into_iter().collect();
    assert!(
        references.len() > 200,
        "only {} references found",
        references.len()
    );
    let mut cycles: Vec<String> = references
        .iter()
        .filter(|(from, to)| from < to && references.contains(&(to.clone(), from.clone())))
        .map(|(from, to)| format!("{} <-> {}", from.join("::"), to.join("::")))
        .collect();
    cycles.sort();
    assert!(
        cycles.is_empty(),
        "modules that import each other:\n{}",
        cycles.join("\n")
    );
}
