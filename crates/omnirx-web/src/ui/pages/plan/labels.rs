//! Names the Plan page shows for the plan's ids: cycles, segments, reps, channels, HCPs, accounts.

use std::collections::HashMap;

use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::planning::goals::PlanSegment;
use omnirx_core::i18n::planning_messages::PlanNames;
use omnirx_core::i18n::{text, Language};
use omnirx_core::view::labels::strategy_text;

pub use crate::ui::pages::performance::labels::{decimal, header_cells, percent};
pub use omnirx_core::i18n::planning_messages::cycle_label;

/// A segment's name: the strategy's words for the matrix's segments, the rule set's name else.
pub fn segment_name(language: Language, key: &str, segments: &[PlanSegment]) -> String {
    let strategy = segments.iter().find(|s| s.key == key);
    match strategy {
        Some(segment) if segment.name == segment.key && !segment.key.is_empty() => {
            text(language, strategy_text(segment.strategy)).to_string()
        }
        Some(segment) if !segment.name.is_empty() => segment.name.clone(),
        _ if key.is_empty() => "—".to_string(),
        _ => key.to_string(),
    }
}

/// The names of the workspace's reps, channels, HCPs and accounts by id.
#[derive(Default)]
pub struct Names {
    reps: HashMap<String, String>,
    channels: HashMap<String, String>,
    hcps: HashMap<String, String>,
    accounts: HashMap<String, String>,
}

impl Names {
    pub fn of(workspace: &Workspace) -> Names {
        let pairs = |items: Vec<(&String, &String)>| {
            items
                .into_iter()
                .map(|(id, name)| (id.clone(), name.clone()))
                .collect()
        };
        Names {
            reps: pairs(workspace.reps.iter().map(|r| (&r.id, &r.name)).collect()),
            channels: pairs(
                workspace
                    .channels
                    .iter()
                    .map(|c| (&c.id, &c.name))
                    .collect(),
            ),
            hcps: pairs(workspace.hcps.iter().map(|h| (&h.id, &h.name)).collect()),
            accounts: pairs(
                workspace
                    .accounts
                    .iter()
                    .map(|a| (&a.id, &a.name))
                    .collect(),
            ),
        }
    }

    fn get(map: &HashMap<String, String>, id: &str) -> String {
        map.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    pub fn rep(&self, id: &str) -> String {
        Names::get(&self.reps, id)
    }

    pub fn channel(&self, id: &str) -> String {
        Names::get(&self.channels, id)
    }

    pub fn hcp(&self, id: &str) -> String {
        Names::get(&self.hcps, id)
    }

    pub fn account(&self, id: &str) -> String {
        Names::get(&self.accounts, id)
    }
}

impl PlanNames for Names {
    fn rep(&self, rep_id: &str) -> String {
        Names::rep(self, rep_id)
    }

    fn channel(&self, channel_id: &str) -> String {
        Names::channel(self, channel_id)
    }
}

/// A number typed in one of the page's inputs (a decimal comma read as a point), if it is one.
pub fn typed_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok()
}
