//! Reads a workspace file: parse → check envelope and version → migrate → validate → restore.
//!
//! The current version is parsed straight into typed data (fast: no intermediate JSON tree);
//! only when that fails is the file parsed again with path tracking, to name the field. An older
//! version whose steps read the workspace's members only (1 → 2) is migrated on those members and
//! then read the same way; other steps get the whole JSON tree.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::errors::{Damage, FieldProblem, ImportError, Problem, Repair, SyntaxProblem};
use super::migrate::{members_only_stand_in, migrate_to_current, Migration, MIGRATIONS};
use super::validate::validate_workspace;
use super::{CURRENT_VERSION, FILE_TYPE, MAX_FILE_BYTES};
use crate::domain::model::{Interaction, Workspace};
use crate::domain::time::{INVALID_DATE_PREFIX, OUT_OF_RANGE_PREFIX};

/// A file that can be opened: the workspace, and what was done to it on the way in.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    pub workspace: Workspace,
    pub file_version: u64,
    pub repairs: Vec<Repair>,
}

/// Only the envelope's identity; the workspace is skipped without being built.
#[derive(Deserialize)]
struct EnvelopeHeader {
    #[serde(rename = "type")]
    file_type: Option<Value>,
    version: Option<Value>,
    workspace: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    workspace: Workspace,
}

const UTF8_BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

pub fn import_workspace(bytes: &[u8]) -> Result<ImportOutcome, ImportError> {
    import_workspace_through(bytes, CURRENT_VERSION, MIGRATIONS)
}

/// Refuses a file over [`MAX_FILE_BYTES`]; the app asks before reading the file's bytes, so that
/// a file too large for memory is refused at once instead of read.
pub fn refuse_over_size_cap(file_bytes: u64) -> Result<(), ImportError> {
    if file_bytes > MAX_FILE_BYTES as u64 {
        return Err(ImportError::TooLarge {
            bytes: file_bytes,
            limit: MAX_FILE_BYTES as u64,
        });
    }
    Ok(())
}

/// [`import_workspace`] with another current version and chain of migrations: tests use it to
/// prove what a failing step does before the format has one.
pub fn import_workspace_through(
    bytes: &[u8],
    current_version: u64,
    migrations: &[Migration],
) -> Result<ImportOutcome, ImportError> {
    refuse_over_size_cap(bytes.len() as u64)?;
    let mut repairs = Vec::new();
    let bytes = match bytes.strip_prefix(UTF8_BYTE_ORDER_MARK) {
        Some(rest) => {
            // Windows editors add one; it carries no meaning, so it is dropped, not refused.
            repairs.push(Repair::ByteOrderMarkRemoved);
            rest
        }
        None => bytes,
    };
    let text = std::str::from_utf8(bytes).map_err(|error| ImportError::NotUtf8 {
        offset: error.valid_up_to(),
    })?;

    let header: EnvelopeHeader =
        serde_json::from_str(text).map_err(|error| match error.classify() {
            serde_json::error::Category::Data => ImportError::NotOmniRxWorkspace,
            // A number too large for a double (1e400) is valid JSON text: find where it is.
            _ if is_number_out_of_range(&error) => typed_parse_error(text),
            _ => syntax_error(&error),
        })?;
    if header.file_type.as_ref().and_then(Value::as_str) != Some(FILE_TYPE) {
        return Err(ImportError::NotOmniRxWorkspace);
    }
    let version = match header.version.as_ref().and_then(Value::as_u64) {
        Some(version) if version >= 1 => version,
        _ => {
            return Err(ImportError::Damaged {
                damage: Damage::ImpossibleVersion {
                    found: header.version.unwrap_or(Value::Null).to_string(),
                },
            })
        }
    };
    if version > current_version {
        return Err(ImportError::NewerVersion {
            version,
            supported: current_version,
        });
    }
    if header.workspace.is_none() {
        return Err(invalid_one(
            String::from("workspace"),
            Problem::MissingField {
                field: "workspace".into(),
            },
        ));
    }

    let mut workspace = if version == current_version {
        match serde_json::from_str::<EnvelopeIn>(text) {
            Ok(envelope) => envelope.workspace,
            Err(_) => return Err(typed_parse_error(text)),
        }
    } else {
        let members_only = (version..current_version).all(|from| {
            migrations
                .iter()
                .find(|migration| migration.from == from)
                .is_some_and(|migration| migration.members_only)
        });
        let workspace = if members_only {
            migrate_members(text, version, current_version, migrations)?
        } else {
            let mut envelope: Value =
                serde_json::from_str(text).map_err(|error| syntax_error(&error))?;
            let old_workspace = envelope
                .get_mut("workspace")
                .map(Value::take)
                .unwrap_or(Value::Null);
            let migrated = migrate_to_current(old_workspace, version, current_version, migrations)
                .map_err(|damage| ImportError::Damaged { damage })?;
            let wrapped = serde_json::json!({ "workspace": migrated });
            serde_path_to_error::deserialize::<_, EnvelopeIn>(wrapped)
                .map_err(field_error)?
                .workspace
        };
        repairs.push(Repair::Migrated {
            from: version,
            to: current_version,
        });
        workspace
    };

    let report = validate_workspace(&workspace);
    if !report.is_valid() {
        return Err(ImportError::Invalid {
            problems: report.problems,
            more: report.more,
        });
    }
    repairs.extend(drop_exact_copies(&mut workspace, &report.exact_copies));
    let copies = remove_identical_interactions(&mut workspace.interactions);
    if let Some(&(first, copy_of)) = copies.first() {
        repairs.push(Repair::DuplicateInteractionsDropped {
            path: format!("interactions[{first}]"),
            copy_of: format!("interactions[{copy_of}]"),
            count: copies.len(),
        });
    }
    if workspace.settings.name.trim().is_empty() {
        workspace.settings.name = String::from("OmniRx workspace");
        repairs.push(Repair::NameFilled);
    }
    Ok(ImportOutcome {
        workspace,
        file_version: version,
        repairs,
    })
}

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow)]
    workspace: &'a RawValue,
}

/// An object's members as written: every one, in order, each value's text unread.
struct RawMembers<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for RawMembers<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawMembers<'de>;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(RawMembers(members))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// Migrates with steps that read the workspace's members only (`Migration::members_only`): each
/// list and object member is handed to the steps as a stand-in and keeps its text, and the
/// result is parsed straight into typed data as a file of the current version is. The outcome is
/// the one of migrating the whole JSON tree, at a fraction of the time and memory (the text of
/// the workspace is copied once).
fn migrate_members(
    text: &str,
    version: u64,
    current_version: u64,
    migrations: &[Migration],
) -> Result<Workspace, ImportError> {
    let whole = |workspace: Value| -> Result<Workspace, ImportError> {
        let migrated = migrate_to_current(workspace, version, current_version, migrations)
            .map_err(|damage| ImportError::Damaged { damage })?;
        let wrapped = serde_json::json!({ "workspace": migrated });
        Ok(serde_path_to_error::deserialize::<_, EnvelopeIn>(wrapped)
            .map_err(field_error)?
            .workspace)
    };
    // Text the typed parse cannot read is named where the file has it, as for a current file.
    let unreadable = |_| typed_parse_error(text);
    let raw: RawEnvelope = serde_json::from_str(text).map_err(unreadable)?;
    let kind_of = |raw: &RawValue| raw.get().trim_start().as_bytes().first().copied();
    if kind_of(raw.workspace) != Some(b'{') {
        // Not an object: small enough (or refused by the first step) to migrate whole.
        return whole(serde_json::from_str(raw.workspace.get()).map_err(unreadable)?);
    }
    let RawMembers(members) = serde_json::from_str(raw.workspace.get()).map_err(unreadable)?;
    let stand_in = |raw: &RawValue| -> Result<Value, ImportError> {
        match kind_of(raw) {
            Some(b'[') => Ok(members_only_stand_in(true)),
            Some(b'{') => Ok(members_only_stand_in(false)),
            _ => serde_json::from_str(raw.get()).map_err(unreadable),
        }
    };
    // As a JSON tree would hold them: a member written twice is its last value.
    let mut shallow = serde_json::Map::new();
    for (key, raw) in &members {
        shallow.insert(key.clone(), stand_in(raw)?);
    }
    let before = shallow.clone();
    let migrated = migrate_to_current(Value::Object(shallow), version, current_version, migrations)
        .map_err(|damage| ImportError::Damaged { damage })?;
    let Value::Object(migrated) = migrated else {
        // A step made the workspace something else: read as such, it is refused.
        let wrapped = serde_json::json!({ "workspace": migrated });
        return Ok(serde_path_to_error::deserialize::<_, EnvelopeIn>(wrapped)
            .map_err(field_error)?
            .workspace);
    };
    // The migrated workspace as text: the members the steps left alone as the file writes them
    // (every time it writes them, in its order), then the ones they changed or added.
    let mut rebuilt = String::with_capacity(raw.workspace.get().len() + 64);
    rebuilt.push_str("{\"workspace\":{");
    let mut first = true;
    let mut push = |rebuilt: &mut String, key: &str, value: &str| {
        if !std::mem::take(&mut first) {
            rebuilt.push(',');
        }
        rebuilt.push_str(&Value::String(key.to_string()).to_string());
        rebuilt.push(':');
        rebuilt.push_str(value);
    };
    for (key, raw) in &members {
        if migrated
            .get(key)
            .is_some_and(|value| before.get(key) == Some(value))
        {
            push(&mut rebuilt, key, raw.get());
        }
    }
    for (key, value) in &migrated {
        if before.get(key) != Some(value) {
            push(&mut rebuilt, key, &value.to_string());
        }
    }
    rebuilt.push_str("}}");
    match serde_json::from_str::<EnvelopeIn>(&rebuilt) {
        Ok(envelope) => Ok(envelope.workspace),
        Err(_) => Err(match typed_parse_error(&rebuilt) {
            // The members the steps left alone come first and as written: the file's own parse
            // meets the same text first, and names its line and column in the file.
            ImportError::NotJson { .. }
            | ImportError::Truncated { .. }
            | ImportError::NestingTooDeep { .. } => typed_parse_error(text),
            named => named,
        }),
    }
}

/// Parses again, tracking the path, to name the field where the typed parse failed.
fn typed_parse_error(text: &str) -> ImportError {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, EnvelopeIn>(&mut deserializer) {
        Ok(_) => ImportError::Damaged {
            damage: Damage::ReadsDifferently,
        },
        Err(error) => field_error(error),
    }
}

fn is_number_out_of_range(error: &serde_json::Error) -> bool {
    message_without_position(error).starts_with("number out of range")
}

fn invalid_one(path: String, problem: Problem) -> ImportError {
    ImportError::Invalid {
        problems: vec![FieldProblem { path, problem }],
        more: 0,
    }
}

/// Removes records that validation found to be exact copies of earlier ones.
fn drop_exact_copies(
    workspace: &mut Workspace,
    copies: &[(&'static str, usize, String)],
) -> Vec<Repair> {
    fn drop_indices<T>(records: &mut Vec<T>, list: &str, copies: &[(&'static str, usize, String)]) {
        let doomed: std::collections::HashSet<usize> = copies
            .iter()
            .filter(|(name, _, _)| *name == list)
            .map(|(_, index, _)| *index)
            .collect();
        if doomed.is_empty() {
            return;
        }
        let mut index = 0;
        records.retain(|_| {
            let keep = !doomed.contains(&index);
            index += 1;
            keep
        });
    }
    drop_indices(&mut workspace.products, "products", copies);
    drop_indices(&mut workspace.channels, "channels", copies);
    drop_indices(&mut workspace.regions, "regions", copies);
    drop_indices(&mut workspace.territories, "territories", copies);
    drop_indices(&mut workspace.reps, "reps", copies);
    drop_indices(&mut workspace.accounts, "accounts", copies);
    drop_indices(&mut workspace.funnels, "funnels", copies);
    drop_indices(
        &mut workspace.segment_rule_sets,
        "segment_rule_sets",
        copies,
    );
    drop_indices(&mut workspace.hcps, "hcps", copies);
    drop_indices(&mut workspace.journeys, "journeys", copies);
    drop_indices(&mut workspace.plans, "plans", copies);
    copies
        .iter()
        .map(|(list, index, id)| Repair::DuplicateRecordDropped {
            path: format!("{list}[{index}]"),
            id: id.clone(),
        })
        .collect()
}

/// Removes every interaction equal in every field (notes included) to an earlier one, and says
/// which: (index, index of the first identical one), by index. Interactions have no id, so only
/// their content tells a copy, and a kept copy would count twice in every funnel and frequency.
/// The demo generator uses it too, so that a demo is exactly what its exported file imports as.
///
/// Copies share their instant. In a file in time order (OmniRx's demo, most exports) they sit in
/// one run of equal instants, compared pairwise when the run is short: one pass, no sorting.
/// Longer runs, and files in any other order, are grouped by a hash of the fields that usually
/// differ (sorted, 16 bytes per interaction), and only records of the same hash are compared.
pub fn remove_identical_interactions(interactions: &mut Vec<Interaction>) -> Vec<(usize, usize)> {
    const SHORT_RUN: usize = 16;
    let mut copies = Vec::new();
    let mut scratch = Vec::new();
    let mut run = Vec::new();
    if interactions.windows(2).all(|pair| pair[0].at <= pair[1].at) {
        let mut start = 0;
        while start < interactions.len() {
            let at = interactions[start].at;
            let end = start
                + interactions[start..]
                    .iter()
                    .take_while(|interaction| interaction.at == at)
                    .count();
            match end - start {
                1 => {}
                length if length <= SHORT_RUN => {
                    run.clear();
                    run.extend(start as u32..end as u32);
                    copies_within(interactions, &run, &mut scratch, &mut copies);
                }
                _ => copies_by_hash(interactions, start..end, &mut scratch, &mut copies),
            }
            start = end;
        }
    } else {
        copies_by_hash(
            interactions,
            0..interactions.len(),
            &mut scratch,
            &mut copies,
        );
    }
    if copies.is_empty() {
        return copies;
    }
    copies.sort_unstable();
    let mut doomed = copies.iter().map(|(index, _)| *index).peekable();
    let mut index = 0;
    interactions.retain(|_| {
        let keep = doomed.next_if_eq(&index).is_none();
        index += 1;
        keep
    });
    copies
}

/// The copies among the interactions of `range`, found through groups of equal hashes.
fn copies_by_hash(
    interactions: &[Interaction],
    range: std::ops::Range<usize>,
    scratch: &mut Vec<u32>,
    copies: &mut Vec<(usize, usize)>,
) {
    use std::hash::{Hash, Hasher};
    let mut keyed: Vec<(u64, u32)> = range
        .map(|index| {
            let interaction = &interactions[index];
            let mut hasher = rustc_hash::FxHasher::default();
            interaction.at.0.hash(&mut hasher);
            interaction.hcp_id.hash(&mut hasher);
            (interaction.kind as u8).hash(&mut hasher);
            (interaction.outcome as u8).hash(&mut hasher);
            (hasher.finish(), index as u32)
        })
        .collect();
    keyed.sort_unstable();
    let mut group = Vec::new();
    for same_hash in keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        group.clear();
        group.extend(same_hash.iter().map(|(_, index)| *index));
        copies_within(interactions, &group, scratch, copies);
    }
}

/// The copies among `group` (indices in file order): each record equal to an earlier one of the
/// group, with the first of those. `originals` is scratch space.
fn copies_within(
    interactions: &[Interaction],
    group: &[u32],
    originals: &mut Vec<u32>,
    copies: &mut Vec<(usize, usize)>,
) {
    originals.clear();
    for &index in group {
        let record = &interactions[index as usize];
        match originals
            .iter()
            .find(|&&original| interactions[original as usize] == *record)
        {
            Some(&original) => copies.push((index as usize, original as usize)),
            None => originals.push(index),
        }
    }
}

/// A parse failure before any field could be read: not JSON, cut off, or nested too deep.
fn syntax_error(error: &serde_json::Error) -> ImportError {
    let (line, column) = (error.line(), error.column());
    let detail = message_without_position(error);
    match error.classify() {
        serde_json::error::Category::Eof => ImportError::Truncated { line, column },
        _ if detail.contains("recursion limit exceeded") => {
            ImportError::NestingTooDeep { line, column }
        }
        _ => ImportError::NotJson {
            line,
            column,
            problem: SyntaxProblem::from_parser_message(&detail),
        },
    }
}

fn message_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(end) => message[..end].to_string(),
        None => message,
    }
}

/// A failure while building typed data, with the path of the field that failed.
fn field_error(error: serde_path_to_error::Error<serde_json::Error>) -> ImportError {
    let path = error.path().to_string();
    let path = path.strip_prefix("workspace.").unwrap_or(&path).to_string();
    let inner = error.into_inner();
    if !matches!(inner.classify(), serde_json::error::Category::Data)
        && !is_number_out_of_range(&inner)
    {
        return syntax_error(&inner);
    }
    let message = message_without_position(&inner);
    let problem = classify_data_message(&message);
    // serde reports a missing field at its parent; name the field itself in the path.
    let path = match &problem {
        Problem::MissingField { field } if path == "." || path.is_empty() => field.clone(),
        Problem::MissingField { field } => format!("{path}.{field}"),
        _ => path,
    };
    invalid_one(path, problem)
}

/// Turns serde's English messages into typed problems, so the UI can word them in its language.
fn classify_data_message(message: &str) -> Problem {
    classify_whole_data_message(message).with_values_shortened()
}

fn classify_whole_data_message(message: &str) -> Problem {
    let between = |text: &str, open: char, close: char| -> Option<String> {
        let start = text.find(open)? + open.len_utf8();
        let end = start + text[start..].find(close)?;
        Some(text[start..end].to_string())
    };
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Problem::MissingField {
            field: between(rest, '`', '`').unwrap_or_else(|| rest.to_string()),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return Problem::WrongType {
            found: found.to_string(),
            expected: expected.to_string(),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = between(rest, '`', '`').unwrap_or_default();
        let expected = rest
            .split_once("expected ")
            .map(|(_, list)| list.replace("one of ", ""))
            .unwrap_or_default();
        return Problem::UnknownValue { value, expected };
    }
    if let Some(value) = message.strip_prefix(INVALID_DATE_PREFIX) {
        return Problem::InvalidDate {
            value: value.to_string(),
        };
    }
    if let Some(value) = message.strip_prefix(OUT_OF_RANGE_PREFIX) {
        return Problem::DateOutOfRange {
            value: value.to_string(),
        };
    }
    if message.starts_with("number out of range") {
        return Problem::NumberOutOfRange;
    }
    if let Some(rest) = message.strip_prefix("invalid value: integer `") {
        if let Some(value) = rest
            .split('`')
            .next()
            .filter(|value| value.starts_with('-'))
        {
            return Problem::Negative {
                value: value.to_string(),
            };
        }
    }
    Problem::Other {
        detail: message.to_string(),
    }
}
