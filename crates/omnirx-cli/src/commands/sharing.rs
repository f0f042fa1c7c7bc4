//! `export`, `anonymise`, `encrypt` and `decrypt`: sharing workspace files as a team
//! (`docs/sharing.md`), with the core's functions.

use std::io::BufRead;

use omnirx_core::domain::demo::DataLanguage;
use omnirx_core::domain::sharing::anonymise::anonymise as anonymised;
use omnirx_core::domain::sharing::envelope::{is_encrypted, open, seal, NONCE_BYTES, SALT_BYTES};
use omnirx_core::domain::sharing::merge::{merge as merged, IncomingFile};
use omnirx_core::domain::sharing::subset::{subset, SubsetChoice};
use omnirx_core::domain::time::Timestamp;
use omnirx_core::domain::workspace_file::validate_workspace;
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace};
use omnirx_core::i18n::sharing_messages::describe_open_error;
use omnirx_core::i18n::Language;

use super::{read_workspace, Out};
use crate::args::{AnonymiseArguments, ExportArguments, FileArgument, MergeArguments};
use crate::Failure;

pub fn export(arguments: &ExportArguments, out: &mut Out) -> Result<(), Failure> {
    let workspace = read_workspace(&arguments.file)?.workspace;
    let choice = SubsetChoice {
        regions: arguments.regions.clone(),
        territories: arguments.territories.clone(),
        reps: arguments.reps.clone(),
        products: arguments.products.clone(),
        from: arguments.from,
        to: arguments.to,
    };
    for (kind, chosen, known) in [
        (
            "region",
            &choice.regions,
            ids(workspace.regions.iter().map(|r| &r.id)),
        ),
        (
            "territory",
            &choice.territories,
            ids(workspace.territories.iter().map(|t| &t.id)),
        ),
        (
            "rep",
            &choice.reps,
            ids(workspace.reps.iter().map(|r| &r.id)),
        ),
        (
            "product",
            &choice.products,
            ids(workspace.products.iter().map(|p| &p.id)),
        ),
    ] {
        if let Some(unknown) = chosen.iter().find(|id| !known.contains(id)) {
            return Err(Failure::Usage(format!(
                "{}: no {kind} has the id {unknown:?}",
                arguments.file.display()
            )));
        }
    }
    if let (Some(from), Some(to)) = (choice.from, choice.to) {
        if from > to {
            return Err(Failure::Usage(format!("--from {from} is after --to {to}")));
        }
    }
    let mut part = subset(&workspace, &choice);
    if arguments.anonymise {
        part = anonymised(
            &part,
            arguments.seed,
            arguments.language == DataLanguage::Chinese,
        );
    }
    out.write_all(export_workspace(&part).as_bytes())?;
    Ok(())
}

fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    ids.cloned().collect()
}

pub fn anonymise(arguments: &AnonymiseArguments, out: &mut Out) -> Result<(), Failure> {
    let workspace = read_workspace(&arguments.file)?.workspace;
    let copy = anonymised(
        &workspace,
        arguments.seed,
        arguments.language == DataLanguage::Chinese,
    );
    out.write_all(export_workspace(&copy).as_bytes())?;
    Ok(())
}

/// The passphrase: `OMNIRX_PASSPHRASE`, else a line typed after a prompt on standard error.
fn passphrase() -> Result<String, Failure> {
    if let Ok(passphrase) = std::env::var("OMNIRX_PASSPHRASE") {
        return Ok(passphrase);
    }
    eprint!("passphrase: ");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| Failure::Usage(format!("cannot read the passphrase: {error}")))?;
    let passphrase = line.trim_end_matches(['\r', '\n']).to_string();
    if passphrase.is_empty() {
        return Err(Failure::Usage("an empty passphrase".into()));
    }
    Ok(passphrase)
}

fn random<const N: usize>() -> Result<[u8; N], Failure> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|error| Failure::Unreadable(format!("no random source: {error}")))?;
    Ok(bytes)
}

pub fn encrypt(arguments: &FileArgument, out: &mut Out) -> Result<(), Failure> {
    // Only a file that imports is sealed: the receiver must be able to open what they get.
    let bytes = read_bytes(arguments)?;
    if is_encrypted(&bytes) {
        return Err(Failure::Refused(format!(
            "{}: already encrypted",
            arguments.file.display()
        )));
    }
    import_workspace(&bytes)
        .map_err(|error| Failure::Refused(format!("{}: {error}", arguments.file.display())))?;
    let passphrase = passphrase()?;
    let sealed = seal(
        &bytes,
        &passphrase,
        &random::<SALT_BYTES>()?,
        &random::<NONCE_BYTES>()?,
    );
    writeln!(out, "{sealed}")?;
    Ok(())
}

pub fn decrypt(arguments: &FileArgument, out: &mut Out) -> Result<(), Failure> {
    let bytes = read_bytes(arguments)?;
    let passphrase = passphrase()?;
    let plain = open(&bytes, &passphrase).map_err(|error| {
        Failure::Refused(format!(
            "{}: {}",
            arguments.file.display(),
            describe_open_error(Language::English, &error)
        ))
    })?;
    out.write_all(&plain)?;
    Ok(())
}

fn read_bytes(arguments: &FileArgument) -> Result<Vec<u8>, Failure> {
    std::fs::read(&arguments.file).map_err(|error| {
        Failure::Unreadable(format!("cannot read {}: {error}", arguments.file.display()))
    })
}

/// A file to merge: opened with the passphrase when it is encrypted (asked once for all).
fn read_to_merge(
    path: &std::path::Path,
    passphrase: &mut Option<String>,
) -> Result<omnirx_core::domain::model::Workspace, Failure> {
    let shown = path.display();
    let bytes = std::fs::read(path)
        .map_err(|error| Failure::Unreadable(format!("cannot read {shown}: {error}")))?;
    if !is_encrypted(&bytes) {
        return read_workspace(path).map(|outcome| outcome.workspace);
    }
    if passphrase.is_none() {
        *passphrase = Some(self::passphrase()?);
    }
    let plain = open(&bytes, passphrase.as_deref().unwrap_or_default()).map_err(|error| {
        Failure::Refused(format!(
            "{shown}: {}",
            describe_open_error(Language::English, &error)
        ))
    })?;
    import_workspace(&plain)
        .map(|outcome| outcome.workspace)
        .map_err(|error| Failure::Refused(format!("{shown}: {error}")))
}

/// The file as a merged source: its name and when it was last written.
fn incoming(path: &std::path::Path) -> IncomingFile {
    let written_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| Timestamp(d.as_secs() as i64));
    IncomingFile {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        ),
        written_at,
    }
}

pub fn merge(arguments: &MergeArguments, out: &mut Out) -> Result<(), Failure> {
    let mut files = arguments.files.iter();
    let first = files.next().expect("clap asks for two files or more");
    let mut passphrase = None;
    let mut workspace = read_to_merge(first, &mut passphrase)?;
    let mut conflicts = Vec::new();
    let mut summary = Vec::new();
    for file in files {
        let theirs = read_to_merge(file, &mut passphrase)?;
        let result = merged(&workspace, &theirs, &incoming(file), arguments.prefer);
        for (list, counts) in &result.counts {
            if counts.added + counts.updated + counts.conflicting > 0 {
                summary.push(format!(
                    "{}: {list}: {} added, {} updated, {} in conflict, {} unchanged",
                    file.display(),
                    counts.added,
                    counts.updated,
                    counts.conflicting,
                    counts.unchanged
                ));
            }
        }
        conflicts.extend(result.conflicts.into_iter().map(|c| (file.clone(), c)));
        workspace = result.workspace;
    }
    if arguments.prefer.is_none() && !conflicts.is_empty() {
        let mut text = format!(
            "{} records differ between the files; choose --prefer mine, theirs or newer:\n",
            conflicts.len()
        );
        for (file, conflict) in conflicts.iter().take(50) {
            for field in &conflict.fields {
                text.push_str(&format!(
                    "  {} {} {}: mine {:?}, theirs {:?} ({})\n",
                    conflict.list,
                    conflict.id,
                    field.field,
                    field.mine,
                    field.theirs,
                    file.display()
                ));
            }
        }
        if conflicts.len() > 50 {
            text.push_str(&format!("  … and {} more\n", conflicts.len() - 50));
        }
        return Err(Failure::Refused(text));
    }
    let report = validate_workspace(&workspace);
    if !report.is_valid() {
        return Err(Failure::Refused(format!(
            "the merged workspace does not validate: {:?}",
            report.problems.first()
        )));
    }
    out.write_all(export_workspace(&workspace).as_bytes())?;
    for line in summary {
        eprintln!("{line}");
    }
    Ok(())
}
