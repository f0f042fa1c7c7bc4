//! Typed import errors and repairs, each naming the field path; the UI words them per language.

use std::fmt;

/// Why a file cannot be imported. Each variant maps to one message a person understands.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Larger than [`super::MAX_FILE_BYTES`].
    TooLarge { bytes: u64, limit: u64 },
    /// Not text: the byte at `offset` does not continue valid UTF-8.
    NotUtf8 { offset: usize },
    /// Not JSON at all, or broken at `line`:`column`.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
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
    Damaged { detail: String },
    /// The workspace breaks rules; every problem names its field.
    Invalid {
        problems: Vec<FieldProblem>,
        more: usize,
    },
}

/// A problem at one place in the file, e.g. `interactions[12].hcp_id`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldProblem {
    pub path: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq)]
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
        kind: &'static str,
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
#[derive(Clone, Debug, PartialEq)]
pub enum Repair {
    ByteOrderMarkRemoved,
    /// An exact copy of an earlier record (same id, same content) was dropped.
    DuplicateRecordDropped {
        path: String,
        id: String,
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
            ImportError::TooLarge { bytes, limit } => {
                write!(formatter, "the file is too large ({bytes} bytes; the limit is {limit})")
            }
            ImportError::NotUtf8 { offset } => {
                write!(formatter, "not a valid workspace file: not UTF-8 text (byte {offset})")
            }
            ImportError::NotJson { line, column, detail } => write!(
                formatter,
                "not a valid workspace file: {detail} at line {line}, column {column}"
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
            ImportError::Damaged { detail } => write!(formatter, "the file is damaged: {detail}"),
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
            Repair::NameFilled => write!(formatter, "the workspace had no name; named it"),
            Repair::Migrated { from, to } => {
                write!(formatter, "migrated from version {from} to {to}")
            }
        }
    }
}
