//! The words for sharing's failures (`docs/sharing.md`), in each UI language.

use super::Language;
use crate::domain::sharing::envelope::OpenError;

/// Why an encrypted file did not open. A wrong passphrase says so and nothing else.
pub fn describe_open_error(language: Language, error: &OpenError) -> String {
    let chinese = language == Language::SimplifiedChinese;
    match error {
        OpenError::WrongPassphrase if chinese => "口令不对。".into(),
        OpenError::WrongPassphrase => "The passphrase is wrong.".into(),
        OpenError::Damaged if chinese => {
            "这个加密文件已损坏或不完整（可能传输时被截断），无法打开。请让对方重新发送。".into()
        }
        OpenError::Damaged => "This encrypted file is damaged or incomplete (perhaps cut short in transit) and cannot be opened. Ask for it again.".into(),
        OpenError::NotEncrypted if chinese => "这不是 OmniRx 加密文件。".into(),
        OpenError::NotEncrypted => "This is not an encrypted OmniRx file.".into(),
        OpenError::Unsupported { what } if chinese => {
            format!("这个加密文件来自更新版本的 OmniRx（{what}），请先更新 OmniRx。")
        }
        OpenError::Unsupported { what } => format!(
            "This encrypted file comes from a newer version of OmniRx ({what}): update OmniRx first."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_is_worded_in_both_languages() {
        for error in [
            OpenError::WrongPassphrase,
            OpenError::Damaged,
            OpenError::NotEncrypted,
            OpenError::Unsupported {
                what: "version 2".into(),
            },
        ] {
            let zh = describe_open_error(Language::SimplifiedChinese, &error);
            let en = describe_open_error(Language::English, &error);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii(), "{en}");
        }
    }
}
