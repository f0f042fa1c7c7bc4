//! The segments overview: per segment its size, share of prescriptions, average potential and channel mix.

use serde::{Deserialize, Serialize};

use super::classify::Classification;
use super::profile::{CustomerBase, CustomerProfiles, VolumeLevel};
use super::rules::UNCLASSIFIED;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRow {
    /// Index into the rule set's segments, or `None` for the unclassified HCPs.
    pub segment: Option<usize>,
    pub size: u64,
    /// Size ÷ all HCPs.
    pub size_share: f64,
    /// Units in the last 12 months ÷ all HCPs' units (0 when nobody prescribed, and at
    /// [`VolumeLevel::Account`], where an account's units cannot be split among its HCPs).
    pub volume_share: f64,
    pub volume: i64,
    /// Mean patients per month (0 for an empty segment).
    pub average_potential: f64,
    /// Contacts per channel (workspace order) in the last 12 months.
    pub channel_contacts: Vec<u64>,
}

impl SegmentRow {
    /// Each channel's share of the segment's contacts (all 0 when there are none).
    pub fn channel_mix(&self) -> Vec<f64> {
        let total: u64 = self.channel_contacts.iter().sum();
        self.channel_contacts
            .iter()
            .map(|&count| {
                if total == 0 {
                    0.0
                } else {
                    count as f64 / total as f64
                }
            })
            .collect()
    }
}

/// One row per segment in the rule set's order, then one for the unclassified HCPs when any.
pub fn segment_overview(
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    classification: &Classification,
) -> Vec<SegmentRow> {
    let rows = classification.segment_count + 1;
    let channels = profiles.channel_count;
    let mut sizes = vec![0u64; rows];
    let mut volumes = vec![0i64; rows];
    let mut potentials = vec![0i64; rows];
    let mut contacts = vec![0u64; rows * channels];
    let mut total_volume = 0i64;
    for (hcp, &segment) in classification.segments.iter().enumerate() {
        let row = if segment == UNCLASSIFIED || usize::from(segment) >= classification.segment_count
        {
            rows - 1
        } else {
            usize::from(segment)
        };
        sizes[row] += 1;
        let volume = match base.volume_level {
            VolumeLevel::Hcp => profiles.figures[hcp].volume,
            VolumeLevel::Account => 0,
        };
        volumes[row] = volumes[row].saturating_add(volume);
        total_volume = total_volume.saturating_add(volume);
        potentials[row] = potentials[row].saturating_add(base.attributes[hcp].potential);
        for (channel, &count) in profiles.contacts_of(hcp).iter().enumerate() {
            contacts[row * channels + channel] += u64::from(count);
        }
    }
    let hcp_count = classification.segments.len().max(1) as f64;
    (0..rows)
        .filter(|&row| row < rows - 1 || sizes[row] > 0)
        .map(|row| SegmentRow {
            segment: (row < rows - 1).then_some(row),
            size: sizes[row],
            size_share: sizes[row] as f64 / hcp_count,
            volume_share: if total_volume > 0 {
                volumes[row] as f64 / total_volume as f64
            } else {
                0.0
            },
            volume: volumes[row],
            average_potential: if sizes[row] > 0 {
                potentials[row] as f64 / sizes[row] as f64
            } else {
                0.0
            },
            channel_contacts: contacts[row * channels..(row + 1) * channels].to_vec(),
        })
        .collect()
}
