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

pub fn workspace_stats(workspace: &Workspace) -> WorkspaceStats {
    let counts = vec![
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
    ];
    let mut per_channel: BTreeMap<&str, usize> = BTreeMap::new();
    for interaction in &workspace.interactions {
        *per_channel
            .entry(interaction.channel_id.as_str())
            .or_default() += 1;
    }
    let mut interactions_per_channel: Vec<(String, String, usize)> = workspace
        .channels
        .iter()
        .map(|channel| {
            (
                channel.id.clone(),
                channel.name.clone(),
                per_channel.remove(channel.id.as_str()).unwrap_or(0),
            )
        })
        .collect();
    interactions_per_channel.extend(
        per_channel
            .into_iter()
            .map(|(id, count)| (id.to_string(), id.to_string(), count)),
    );
    WorkspaceStats {
        counts,
        first_interaction: workspace.interactions.iter().map(|i| i.at).min(),
        last_interaction: workspace.interactions.iter().map(|i| i.at).max(),
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
