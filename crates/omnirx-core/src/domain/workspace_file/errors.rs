//! Typed import errors and repairs, each naming the field path; the UI words them per language.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// The names errors hold as `&'static str` (kinds of records, migration steps), read back from a
/// worker's message: a known name is the same static text; another one (never written by this
/// build) is kept as read.
/// Spelled as an alias so that serde's derive does not take the field for text borrowed from the
/// input (which would tie the error's lifetime to the message's).
type StaticName = &'static str;

fn static_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    const KNOWN: [&str; 18] = [
        "HCP",
        "account",
        "channel",
        "product",
        "region",
        "territory",
        "rep",
        "funnel",
        "funnel step",
        "segment rule set",
        "segment",
        "journey stage",
        "journey lane",
        "plan",
        "saved plans",
        "people → hcps",
        "currency",
        "journeys by id",
    ];
    let name = String::deserialize(deserializer)?;
    Ok(KNOWN
        .iter()
        .find(|known| **known == name)
        .copied()
        .unwrap_or_else(|| Box::leak(name.into_boxed_str())))
}

/// Why a file cannot be imported. Each variant maps to one message a person understands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportError {
    /// The file could not be read at all (moved, deleted, or not allowed); `detail` is the
    /// browser's or the system's words.
    Unreadable { detail: String },
    /// Larger than [`super::MAX_FILE_BYTES`].
    TooLarge { bytes: u64, limit: u64 },
    /// Not text: the byte at `offset` does not continue valid UTF-8.
    NotUtf8 { offset: usize },
    /// Not JSON at all, or broken at `line`:`column`.
    NotJson {
        line: usize,
        column: usize,
        problem: SyntaxProblem,
    },
    /// JSON that stops before it ends (a truncated download or copy).
    Truncated { line: usize, column: usize },
    /// Nested deeper than the parser allows (128 levels).
    NestingTooDeep { line: usize, column: usize },
    /// Valid JSON, but not an OmniRx workspace envelope.
    NotOmniRxWorkspace,
    /// Made by a newer OmniRx than this one.
    NewerVersion { version: u64, supported: u64 },
    /// The envelope claims a version that cannot exist, or a migration step failed.
    Damaged { damage: Damage },
    /// The workspace breaks rules; every problem names its field.
    Invalid {
        problems: Vec<FieldProblem>,
        more: usize,
    },
}

/// Why a file that looks like an OmniRx workspace cannot be read as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Damage {
    /// The envelope's version is no whole number from 1 (`found` as written in the file).
    ImpossibleVersion { found: String },
    /// No migration step leads on from this version.
    NoMigration { from: u64 },
    /// The step from `from` to `from + 1` failed on this file; `detail` is the step's own words.
    MigrationStepFailed {
        from: u64,
        #[serde(deserialize_with = "static_name")]
        step: StaticName,
        detail: String,
    },
    /// The file parsed once and then failed to parse the same way again.
    ReadsDifferently,
}

impl fmt::Display for Damage {
    /// The English wording, used by the CLI and the English UI.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::ImpossibleVersion { found } => {
                write!(
                    formatter,
                    "the version is {found}, not a whole number from 1"
                )
            }
            Damage::NoMigration { from } => write!(formatter, "no migration from version {from}"),
            Damage::MigrationStepFailed { from, step, detail } => write!(
                formatter,
                "migration {from} → {} ({step}): {detail}",
                from + 1
            ),
            Damage::ReadsDifferently => {
                write!(formatter, "the file reads differently on a second pass")
            }
        }
    }
}

/// What is wrong with JSON text at the position of [`ImportError::NotJson`], typed so that the UI
/// can say it in its language rather than quote the parser's English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyntaxProblem {
    /// Something that is no JSON value at all, such as a CSV line or a bare word.
    ExpectedValue,
    ExpectedColon,
    /// A list or an object goes on without its comma, or is closed by the wrong bracket.
    ExpectedCommaOrEnd,
    KeyMustBeString,
    TrailingComma,
    /// More text after the one JSON value of the file.
    TrailingCharacters,
    InvalidEscape,
    /// A raw tab, newline or other control character inside a quoted text.
    ControlCharacterInString,
    InvalidNumber,
    /// A `\uD800`-style escape that is half of a UTF-16 pair with no other half: not a character.
    LoneSurrogate,
    /// A `\u` escape naming no character.
    InvalidCodePoint,
    /// Any other message of the parser, kept as it is.
    Other(String),
}

impl SyntaxProblem {
    /// Types serde_json's message (without its position).
    pub fn from_parser_message(message: &str) -> SyntaxProblem {
        match message {
            "expected value" | "expected ident" => SyntaxProblem::ExpectedValue,
            "expected `:`" => SyntaxProblem::ExpectedColon,
            "expected `,` or `]`" | "expected `,` or `}`" => SyntaxProblem::ExpectedCommaOrEnd,
            "key must be a string" => SyntaxProblem::KeyMustBeString,
            "trailing comma" => SyntaxProblem::TrailingComma,
            "trailing characters" => SyntaxProblem::TrailingCharacters,
            "invalid escape" => SyntaxProblem::InvalidEscape,
            "invalid number" => SyntaxProblem::InvalidNumber,
            "invalid unicode code point" => SyntaxProblem::InvalidCodePoint,
            // A leading surrogate with no escape after it is reported as the hex escape ending.
            "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
                SyntaxProblem::LoneSurrogate
            }
            _ if message.starts_with("control character") => {
                SyntaxProblem::ControlCharacterInString
            }
            other => SyntaxProblem::Other(other.to_string()),
        }
    }
}

impl fmt::Display for SyntaxProblem {
    /// The English wording, used by the CLI and the English UI.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SyntaxProblem::ExpectedValue => "a value was expected here; this is not JSON text",
            SyntaxProblem::ExpectedColon => "a \":\" is missing after a property name",
            SyntaxProblem::ExpectedCommaOrEnd => "a comma or a closing bracket is missing",
            SyntaxProblem::KeyMustBeString => "a property name is not in double quotes",
            SyntaxProblem::TrailingComma => "a comma stands before a closing bracket",
            SyntaxProblem::TrailingCharacters => "more text follows the end of the workspace",
            SyntaxProblem::InvalidEscape => "a backslash starts no valid escape",
            SyntaxProblem::ControlCharacterInString => {
                "a text holds a raw control character (tab, line break)"
            }
            SyntaxProblem::InvalidNumber => "a number is written wrongly",
            SyntaxProblem::LoneSurrogate => {
                "a text holds a lone surrogate (\\uD800–\\uDFFF without its pair), which is not a character"
            }
            SyntaxProblem::InvalidCodePoint => "a \\u escape names no character",
            SyntaxProblem::Other(message) => message,
        };
        formatter.write_str(text)
    }
}

/// A problem at one place in the file, e.g. `interactions[12].hcp_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub path: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    MissingField {
        field: String,
    },
    WrongType {
        found: String,
        expected: String,
    },
    UnknownValue {
        value: String,
        expected: String,
    },
    NumberOutOfRange,
    InvalidDate {
        value: String,
    },
    DateOutOfRange {
        value: String,
    },
    Negative {
        value: String,
    },
    EmptyId,
    DuplicateId {
        id: String,
        first_path: String,
    },
    UnknownReference {
        #[serde(deserialize_with = "static_name")]
        kind: StaticName,
        id: String,
    },
    /// A prescription that names neither an HCP nor an account.
    NoHcpOrAccount,
    /// A funnel needs 2 to 12 steps.
    FunnelStepCount {
        count: usize,
    },
    /// A period whose end is before its start.
    PeriodReversed,
    /// A list longer than the app allows (stages of a journey map, lanes).
    TooMany {
        limit: usize,
        count: usize,
    },
    /// Typed stage counts must give one count per step, none larger than the one before.
    ManualCountIncreases {
        step: usize,
    },
    ManualCountLength {
        steps: usize,
        counts: usize,
    },
    Other {
        detail: String,
    },
}

/// At most this many characters of a value from the file are kept in a problem: a 50 MB string
/// is named by its start, not copied into a message that the UI then has to draw.
pub const QUOTED_VALUE_LIMIT: usize = 80;

/// `text` as a problem quotes it: whole when short, else its start and "…".
pub fn quoted_value(text: &str) -> String {
    match text.char_indices().nth(QUOTED_VALUE_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl Problem {
    /// The same problem with every value from the file shortened by [`quoted_value`].
    pub fn with_values_shortened(self) -> Problem {
        let short = |text: String| {
            if text.len() > QUOTED_VALUE_LIMIT {
                quoted_value(&text)
            } else {
                text
            }
        };
        match self {
            Problem::MissingField { field } => Problem::MissingField {
                field: short(field),
            },
            Problem::WrongType { found, expected } => Problem::WrongType {
                found: short(found),
                expected: short(expected),
            },
            Problem::UnknownValue { value, expected } => Problem::UnknownValue {
                value: short(value),
                expected,
            },
            Problem::InvalidDate { value } => Problem::InvalidDate {
                value: short(value),
            },
            Problem::DateOutOfRange { value } => Problem::DateOutOfRange {
                value: short(value),
            },
            Problem::Negative { value } => Problem::Negative {
                value: short(value),
            },
            Problem::DuplicateId { id, first_path } => Problem::DuplicateId {
                id: short(id),
                first_path,
            },
            Problem::UnknownReference { kind, id } => Problem::UnknownReference {
                kind,
                id: short(id),
            },
            Problem::Other { detail } => Problem::Other {
                detail: short(detail),
            },
            other => other,
        }
    }
}

/// Something the import changed to make the file usable, reported in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Repair {
    ByteOrderMarkRemoved,
    /// An exact copy of an earlier record (same id, same content) was dropped.
    DuplicateRecordDropped {
        path: String,
        id: String,
    },
    /// Interactions identical in every field to an earlier one were dropped (interactions have
    /// no id, so a copy can only be told by its content); one repair names the first and counts all.
    DuplicateInteractionsDropped {
        /// The first dropped interaction (`interactions[7]`) and the earlier one it repeats.
        path: String,
        copy_of: String,
        /// How many interactions were dropped, the first included.
        count: usize,
    },
    /// The workspace had no name; a default one was given.
    NameFilled,
    /// The file was in an older schema version and was migrated.
    Migrated {
        from: u64,
        to: u64,
    },
}

impl fmt::Display for Problem {
    /// The English wording, used by the CLI and in test failures; the UI words it in its language.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingField { field } => {
                write!(formatter, "missing required field \"{field}\"")
            }
            Problem::WrongType { found, expected } => {
                write!(formatter, "expected {expected}, found {found}")
            }
            Problem::UnknownValue { value, expected } => {
                write!(
                    formatter,
                    "unknown value \"{value}\"; expected one of {expected}"
                )
            }
            Problem::NumberOutOfRange => write!(formatter, "number out of range"),
            Problem::InvalidDate { value } => write!(formatter, "not a valid date: \"{value}\""),
            Problem::DateOutOfRange { value } => {
                write!(formatter, "date out of range (1900–2199): \"{value}\"")
            }
            Problem::Negative { value } => write!(formatter, "must not be negative, found {value}"),
            Problem::EmptyId => write!(formatter, "empty id"),
            Problem::DuplicateId { id, first_path } => write!(
                formatter,
                "duplicate id \"{id}\" (first used at {first_path})"
            ),
            Problem::UnknownReference { kind, id } => write!(formatter, "unknown {kind} \"{id}\""),
            Problem::NoHcpOrAccount => write!(formatter, "names neither an HCP nor an account"),
            Problem::FunnelStepCount { count } => {
                write!(formatter, "a funnel needs 2 to 12 steps, found {count}")
            }
            Problem::PeriodReversed => write!(formatter, "the period ends before it starts"),
            Problem::TooMany { limit, count } => {
                write!(formatter, "at most {limit} allowed, found {count}")
            }
            Problem::ManualCountIncreases { step } => write!(
                formatter,
                "step {} has more than the step before it",
                step + 1
            ),
            Problem::ManualCountLength { steps, counts } => write!(
                formatter,
                "{counts} counts for {steps} steps; give one count per step"
            ),
            Problem::Other { detail } => write!(formatter, "{detail}"),
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path, self.problem)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Unreadable { detail } => {
                write!(formatter, "the file could not be read: {detail}")
            }
            ImportError::TooLarge { bytes, limit } => {
                write!(formatter, "the file is too large ({bytes} bytes; the limit is {limit})")
            }
            ImportError::NotUtf8 { offset } => {
                write!(formatter, "not a valid workspace file: not UTF-8 text (byte {offset})")
            }
            ImportError::NotJson { line, column, problem } => write!(
                formatter,
                "not a valid workspace file: {problem} at line {line}, column {column}"
            ),
            ImportError::Truncated { line, column } => write!(
                formatter,
                "not a valid workspace file: it ends too early (cut off at line {line}, column {column})"
            ),
            ImportError::NestingTooDeep { line, column } => write!(
                formatter,
                "not a valid workspace file: nested too deeply at line {line}, column {column}"
            ),
            ImportError::NotOmniRxWorkspace => write!(formatter, "not an OmniRx workspace"),
            ImportError::NewerVersion { version, supported } => write!(
                formatter,
                "made by a newer OmniRx (file version {version}; this OmniRx reads up to {supported})"
            ),
            ImportError::Damaged { damage } => write!(formatter, "the file is damaged: {damage}"),
            ImportError::Invalid { problems, more } => {
                write!(formatter, "the workspace has {} problem(s):", problems.len() + more)?;
                for problem in problems {
                    write!(formatter, "\n  {problem}")?;
                }
                if *more > 0 {
                    write!(formatter, "\n  … and {more} more")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl fmt::Display for Repair {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::ByteOrderMarkRemoved => {
                write!(formatter, "removed a byte-order mark at the start")
            }
            Repair::DuplicateRecordDropped { path, id } => {
                write!(formatter, "{path}: dropped an exact copy of \"{id}\"")
            }
            Repair::DuplicateInteractionsDropped {
                path,
                copy_of,
                count,
            } => {
                write!(formatter, "{path}: dropped an exact copy of {copy_of}")?;
                if *count > 1 {
                    write!(
                        formatter,
                        " ({count} identical interactions dropped in all)"
                    )?;
                }
                Ok(())
            }
            Repair::NameFilled => write!(formatter, "the workspace had no name; named it"),
            Repair::Migrated { from, to } => {
                write!(formatter, "migrated from version {from} to {to}")
            }
        }
    }
}
