//! Storage failures worded for people, in each UI language (the page and the import worker say
//! the same).

use omnirx_core::i18n::{phrases, text, Language, Text};

use crate::StorageError;

/// The message for a storage failure, in the UI language.
pub fn describe_storage_error(language: Language, error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => text(language, Text::StorageQuota).to_string(),
        StorageError::Blocked => text(language, Text::StorageBlocked).to_string(),
        StorageError::Unavailable => text(language, Text::StorageUnavailable).to_string(),
        StorageError::Outdated => text(language, Text::StorageOutdated).to_string(),
        other => phrases::storage_failed(language, other),
    }
}

/// Why a stored workspace could not be read, in the UI language (the reader's detail as it is).
pub fn describe_read_failure(language: Language, error: &StorageError) -> String {
    match error {
        StorageError::Corrupt(detail) => phrases::stored_data_damaged(language, detail),
        StorageError::Other(detail) => detail.clone(),
        other => describe_storage_error(language, other),
    }
}
