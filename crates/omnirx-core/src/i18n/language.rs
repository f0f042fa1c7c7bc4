//! The UI language and how it is chosen from a browser language tag or a stored preference.

use serde::{Deserialize, Serialize};

/// A language the UI speaks. Simplified Chinese comes first: it is the product's home market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
    #[serde(rename = "en")]
    English,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::SimplifiedChinese, Language::English];

    /// The BCP 47 tag written to `<html lang>` and to the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Language::SimplifiedChinese => "zh-CN",
            Language::English => "en",
        }
    }

    /// The language's own name, shown in the switch so that a user who cannot read
    /// the current language still finds theirs.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::SimplifiedChinese => "简体中文",
            Language::English => "English",
        }
    }

    /// Parses a stored preference written by [`Language::tag`]; anything else is ignored.
    pub fn from_stored_tag(tag: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.tag() == tag)
    }

    /// Chooses the UI language from the browser's preferred tags (`navigator.languages`),
    /// taking the first one we speak: any `zh` tag gives Chinese (a Traditional Chinese reader
    /// still reads Simplified better than English), any `en` tag gives English.
    /// With no match the UI speaks English, the lingua franca of visiting trainers.
    pub fn from_browser_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Language {
        for tag in tags {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Language::SimplifiedChinese,
                "en" => return Language::English,
                _ => {}
            }
        }
        Language::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_first_language_we_speak() {
        assert_eq!(
            Language::from_browser_tags(["zh-CN"]),
            Language::SimplifiedChinese
        );
        assert_eq!(
            Language::from_browser_tags(["zh-TW", "en"]),
            Language::SimplifiedChinese
        );
        assert_eq!(
            Language::from_browser_tags(["en-US", "zh-CN"]),
            Language::English
        );
        assert_eq!(
            Language::from_browser_tags(["de-DE", "zh_CN"]),
            Language::SimplifiedChinese
        );
        assert_eq!(Language::from_browser_tags(["fr", "de"]), Language::English);
        assert_eq!(Language::from_browser_tags([]), Language::English);
    }

    #[test]
    fn stored_tags_round_trip_and_reject_anything_else() {
        for language in Language::ALL {
            assert_eq!(Language::from_stored_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_stored_tag("zh"), None);
        assert_eq!(Language::from_stored_tag(""), None);
    }
}
