//! What the import shows of a checked workspace file before it is stored, as plain data: the
//! worker checks the file and sends only this to the page, which never holds the workspace.

use serde::{Deserialize, Serialize};

use super::{ImportOutcome, Repair};
use crate::domain::compliance::{
    hcp_level_prescriptions, incoming_rules, settle_incoming, IncomingChoice, Settled,
};
use crate::domain::model::{MarketRules, Workspace};
use crate::domain::stats::workspace_stats;

/// A checked file's name, its count of each kind of record, the repairs made on the way in,
/// its market rules and how many of its prescriptions name an individual HCP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilePreview {
    pub name: String,
    /// Each kind of record (`"hcps"`, `"interactions"`…) with its count, in the file's order.
    pub counts: Vec<(String, usize)>,
    pub repairs: Vec<Repair>,
    pub market_rules: MarketRules,
    pub hcp_prescriptions: usize,
}

pub fn file_preview(outcome: &ImportOutcome) -> FilePreview {
    let workspace = &outcome.workspace;
    FilePreview {
        name: workspace.settings.name.clone(),
        counts: workspace_stats(workspace)
            .counts
            .into_iter()
            .map(|(kind, count)| (kind.to_string(), count))
            .collect(),
        repairs: outcome.repairs.clone(),
        market_rules: workspace.settings.market_rules,
        hcp_prescriptions: hcp_level_prescriptions(workspace),
    }
}

/// The imported workspace as it is stored: under the file's market rules, or China's when it
/// replaces a workspace under them (`replaced`), with the user's choice for the HCP-level
/// prescriptions those rules forbid. The page and the worker store a file through this alone.
pub fn workspace_to_store(
    outcome: ImportOutcome,
    replaced: Option<MarketRules>,
    choice: IncomingChoice,
) -> (Workspace, Settled) {
    let mut workspace = outcome.workspace;
    let rules = incoming_rules(workspace.settings.market_rules, replaced);
    let settled = settle_incoming(&mut workspace, rules, choice);
    (workspace, settled)
}
