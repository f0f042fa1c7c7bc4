//! A workspace summary: record counts per kind, the date range, and totals per channel.

use std::collections::BTreeMap;

use super::model::Workspace;
use super::time::{Month, Timestamp};

#[derive(Clone, Debug, PartialEq)]
pub struct WorkspaceStats {
    /// (kind of record, count), in the order of the file.
    pub counts: Vec<(&'static str, usize)>,
    pub first_interaction: Option<Timestamp>,
    pub last_interaction: Option<Timestamp>,
    pub first_prescription_month: Option<Month>,
    pub last_prescription_month: Option<Month>,
    /// (channel id, channel name, interactions), in the channels' order, then unknown ids.
    pub interactions_per_channel: Vec<(String, String, usize)>,
    pub prescribed_units: i64,
    pub prescribed_value: f64,
}

/// (kind of record, count), in the order of the file: cheap, unlike the rest of the stats,
/// which read every interaction.
pub fn record_counts(workspace: &Workspace) -> Vec<(&'static str, usize)> {
    vec![
        ("products", workspace.products.len()),
        ("channels", workspace.channels.len()),
        ("regions", workspace.regions.len()),
        ("territories", workspace.territories.len()),
        ("reps", workspace.reps.len()),
        ("accounts", workspace.accounts.len()),
        ("hcps", workspace.hcps.len()),
        ("interactions", workspace.interactions.len()),
        ("prescriptions", workspace.prescriptions.len()),
        ("targets", workspace.targets.len()),
        ("funnels", workspace.funnels.len()),
        ("segment_rule_sets", workspace.segment_rule_sets.len()),
        ("journeys", workspace.journeys.len()),
        ("plans", workspace.plans.len()),
    ]
}

pub fn workspace_stats(workspace: &Workspace) -> WorkspaceStats {
    let counts = record_counts(workspace);
    // One pass over the interactions (a million or more: each pass is a walk through memory):
    // the channels' ids are few, so each is found by a scan, and known ones are counted by
    // position; an unknown id is kept by name.
    let channel_ids: Vec<&str> = workspace.channels.iter().map(|c| c.id.as_str()).collect();
    let mut known = vec![0usize; channel_ids.len()];
    let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut first_interaction: Option<Timestamp> = None;
    let mut last_interaction: Option<Timestamp> = None;
    for interaction in &workspace.interactions {
        let id = interaction.channel_id.as_str();
        match channel_ids.iter().position(|known| *known == id) {
            Some(position) => known[position] += 1,
            None => *unknown.entry(id).or_default() += 1,
        }
        let at = interaction.at;
        first_interaction = Some(first_interaction.map_or(at, |first| first.min(at)));
        last_interaction = Some(last_interaction.map_or(at, |last| last.max(at)));
    }
    // A channel listed twice gets its interactions once, under its first listing.
    let mut interactions_per_channel: Vec<(String, String, usize)> = Vec::new();
    for (position, channel) in workspace.channels.iter().enumerate() {
        let first = channel_ids.iter().position(|id| *id == channel.id) == Some(position);
        interactions_per_channel.push((
            channel.id.clone(),
            channel.name.clone(),
            if first { known[position] } else { 0 },
        ));
    }
    interactions_per_channel.extend(
        unknown
            .into_iter()
            .map(|(id, count)| (id.to_string(), id.to_string(), count)),
    );
    WorkspaceStats {
        counts,
        first_interaction,
        last_interaction,
        first_prescription_month: workspace.prescriptions.iter().map(|p| p.period).min(),
        last_prescription_month: workspace.prescriptions.iter().map(|p| p.period).max(),
        interactions_per_channel,
        prescribed_units: workspace.prescriptions.iter().map(|p| p.units).sum(),
        prescribed_value: workspace.prescriptions.iter().map(|p| p.value).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    #[test]
    fn a_channel_listed_twice_counts_once_under_its_first_listing() {
        let mut workspace = Workspace::default();
        for name in ["Email", "Email again"] {
            workspace.channels.push(Channel {
                source: None,
                id: "c1".into(),
                name: name.into(),
                kind: ChannelKind::Email,
            });
        }
        for _ in 0..2 {
            workspace.interactions.push(Interaction {
                source: None,
                at: Timestamp::parse("2025-03-01T00:00:00Z").unwrap(),
                hcp_id: "h".into(),
                rep_id: None,
                channel_id: "c1".into(),
                kind: InteractionKind::EmailSent,
                product_id: None,
                outcome: Outcome::NoResponse,
                notes: String::new(),
            });
        }
        let counts: Vec<usize> = workspace_stats(&workspace)
            .interactions_per_channel
            .iter()
            .map(|(_, _, count)| *count)
            .collect();
        assert_eq!(counts, [2, 0]);
    }

    #[test]
    fn counts_ranges_and_channel_totals() {
        let mut workspace = Workspace::default();
        workspace.channels.push(Channel {
            source: None,
            id: "c1".into(),
            name: "Email".into(),
            kind: ChannelKind::Email,
        });
        workspace.channels.push(Channel {
            source: None,
            id: "c2".into(),
            name: "WeChat".into(),
            kind: ChannelKind::Wechat,
        });
        for (at, channel) in [
            ("2025-03-01T00:00:00Z", "c1"),
            ("2025-01-01T00:00:00Z", "c1"),
            ("2025-02-01T00:00:00Z", "zz"),
        ] {
            workspace.interactions.push(Interaction {
                source: None,
                at: Timestamp::parse(at).unwrap(),
                hcp_id: "h".into(),
                rep_id: None,
                channel_id: channel.into(),
                kind: InteractionKind::EmailSent,
                product_id: None,
                outcome: Outcome::NoResponse,
                notes: String::new(),
            });
        }
        let stats = workspace_stats(&workspace);
        assert_eq!(
            stats
                .counts
                .iter()
                .find(|(kind, _)| *kind == "interactions"),
            Some(&("interactions", 3))
        );
        assert_eq!(
            stats.first_interaction.unwrap().to_string(),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(
            stats.last_interaction.unwrap().to_string(),
            "2025-03-01T00:00:00Z"
        );
        assert_eq!(
            stats.interactions_per_channel,
            vec![
                ("c1".into(), "Email".into(), 2),
                ("c2".into(), "WeChat".into(), 0),
                ("zz".into(), "zz".into(), 1)
            ]
        );
    }
}
