//! Writes a workspace as a file: the same workspace always gives the same bytes.

use serde::Serialize;

use super::{CURRENT_VERSION, FILE_TYPE};
use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;

/// The envelope as written. Keys come out in this order; there is no export time in it,
/// because a file must be byte-identical for the same workspace.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    #[serde(rename = "type")]
    file_type: &'static str,
    version: u64,
    source: String,
    workspace: &'a Workspace,
}

/// The file's text: pretty-printed (two-space indent), ending with a newline.
pub fn export_workspace(workspace: &Workspace) -> String {
    let envelope = EnvelopeOut {
        file_type: FILE_TYPE,
        version: CURRENT_VERSION,
        source: format!("OmniRx {}", env!("CARGO_PKG_VERSION")),
        workspace,
    };
    // Serialising plain data to a String cannot fail: every map key is a string.
    let mut text = serde_json::to_string_pretty(&envelope).expect("a workspace always serialises");
    text.push('\n');
    text
}

/// `<workspace-name>-<date>.omnirx.json`, with characters that file systems refuse replaced.
pub fn export_file_name(workspace_name: &str, date: CalendarDate) -> String {
    let cleaned: String = workspace_name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c if c.is_whitespace() => '-',
            c => c,
        })
        .take(80)
        .collect();
    let name = if cleaned.trim_matches(['-', '.']).is_empty() {
        "workspace".to_string()
    } else {
        cleaned
    };
    format!("{name}-{date}.omnirx.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_dated() {
        let date = CalendarDate::new(2026, 11, 24).unwrap();
        assert_eq!(
            export_file_name("华东区 Q4", date),
            "华东区-Q4-2026-11-24.omnirx.json"
        );
        assert_eq!(
            export_file_name("a/b:c", date),
            "a-b-c-2026-11-24.omnirx.json"
        );
        assert_eq!(
            export_file_name("  ", date),
            "workspace-2026-11-24.omnirx.json"
        );
        assert_eq!(
            export_file_name("../..", date),
            "workspace-2026-11-24.omnirx.json"
        );
    }
}
