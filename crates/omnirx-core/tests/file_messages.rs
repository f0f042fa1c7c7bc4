//! A workspace file through the worker's messages (docs/bench: the import in a worker): what the
//! page is shown of a checked file, what is stored, and every refusal of the bad-file catalogue
//! arriving at the page as the same typed error it would have made itself.

use omnirx_core::domain::compliance::{hcp_level_prescriptions, IncomingChoice};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::table_import::protocol::{Request, Response};
use omnirx_core::domain::workspace_file::{
    export_workspace, file_preview, import_workspace, workspace_to_store, Repair,
};

fn tiny() -> omnirx_core::domain::model::Workspace {
    let mut workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        3,
        DataLanguage::Chinese,
    ));
    workspace.settings.name = "华东 区域".into();
    workspace
}

/// A response as the worker posts it and the page reads it.
fn across(response: &Response) -> Response {
    serde_json::from_str(&serde_json::to_string(response).unwrap()).unwrap()
}

#[test]
fn the_preview_counts_each_kind_and_names_the_file() {
    let workspace = tiny();
    let outcome = import_workspace(export_workspace(&workspace).as_bytes()).unwrap();
    let preview = file_preview(&outcome);
    assert_eq!(preview.name, "华东 区域");
    let count = |kind: &str| {
        preview
            .counts
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, n)| *n)
    };
    assert_eq!(count("hcps"), Some(workspace.hcps.len()));
    assert_eq!(count("interactions"), Some(workspace.interactions.len()));
    assert_eq!(count("prescriptions"), Some(workspace.prescriptions.len()));
    assert_eq!(preview.market_rules, MarketRules::Standard);
    assert_eq!(
        preview.hcp_prescriptions,
        hcp_level_prescriptions(&workspace)
    );
    assert!(
        preview.hcp_prescriptions > 0,
        "the tiny demo has HCP-level prescriptions"
    );
    // A file written with a byte-order mark says it was repaired.
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(export_workspace(&workspace).as_bytes());
    let repaired = file_preview(&import_workspace(&with_bom).unwrap());
    assert_eq!(repaired.repairs, vec![Repair::ByteOrderMarkRemoved]);
    let response = Response::FileChecked {
        preview: Box::new(repaired),
    };
    assert_eq!(across(&response), response);
}

#[test]
fn a_file_is_stored_under_the_rules_of_the_workspace_it_replaces() {
    let workspace = tiny();
    let outcome = || import_workspace(export_workspace(&workspace).as_bytes()).unwrap();
    let hcp_level = hcp_level_prescriptions(&workspace);
    // As a new workspace under its own (standard) rules: stored as it is.
    let (stored, settled) = workspace_to_store(outcome(), None, IncomingChoice::LeaveOut);
    assert!(stored == workspace);
    assert_eq!(settled.left_out, 0);
    // In place of a workspace under China's rules, leaving HCP-level prescriptions out.
    let (stored, settled) = workspace_to_store(
        outcome(),
        Some(MarketRules::China),
        IncomingChoice::LeaveOut,
    );
    assert_eq!(stored.settings.market_rules, MarketRules::China);
    assert_eq!(settled.left_out, hcp_level);
    assert_eq!(hcp_level_prescriptions(&stored), 0);
    assert_eq!(
        stored.prescriptions.len(),
        workspace.prescriptions.len() - hcp_level
    );
    // … or summing them per account: none names an HCP afterwards.
    let (stored, settled) = workspace_to_store(
        outcome(),
        Some(MarketRules::China),
        IncomingChoice::AggregateToAccounts,
    );
    assert_eq!(hcp_level_prescriptions(&stored), 0);
    assert_eq!(settled.left_out, 0);
}

#[test]
fn every_refusal_reaches_the_page_as_the_same_typed_error() {
    let files = omnirx_testkit::bad_files::bad_files();
    let mut refused = 0;
    for file in &files {
        let Err(error) = import_workspace(&file.bytes) else {
            assert!(file.repaired, "{} was not refused", file.name);
            continue;
        };
        refused += 1;
        let response = Response::FileRefused { error };
        assert_eq!(across(&response), response, "{}", file.name);
    }
    assert_eq!(refused, files.iter().filter(|file| !file.repaired).count());
}

#[test]
fn the_pages_requests_cross_as_they_were_sent() {
    for request in [
        Request::CheckFile,
        Request::UnlockFile {
            passphrase: "口令 with \"quotes\"".into(),
        },
        Request::StoreFile {
            workspace_id: "w-1".into(),
            replaced_rules: Some(MarketRules::China),
            choice: IncomingChoice::LeaveOut,
            saved_at_ms: 1.5e12,
        },
    ] {
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
    }
}

#[test]
fn the_progress_bar_shows_a_share_only_when_the_total_is_known() {
    use omnirx_core::domain::table_import::ReadProgress;
    let progress = |bytes_done, bytes_total| ReadProgress {
        bytes_done,
        bytes_total,
        rows: 0,
    };
    for (done, total, share) in [
        (0, 0, None),
        (5, 0, None),
        (0, 4, Some(0.0)),
        (1, 4, Some(0.25)),
        (4, 4, Some(1.0)),
        // A reader that overshoots its estimate never shows more than all.
        (6, 4, Some(1.0)),
    ] {
        assert_eq!(progress(done, total).share(), share, "{done} of {total}");
    }
}
