//! The numeric features clusters can be built on, taken from the profiles.

use serde::{Deserialize, Serialize};

use super::clusters::FeatureMatrix;
use super::profile::{CustomerBase, CustomerProfiles};
use crate::domain::model::ChannelKind;

/// Days used for an HCP never contacted, so that "never" sorts as "longest ago".
pub const NEVER_CONTACTED_DAYS: f64 = 730.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterFeature {
    Potential,
    Volume,
    AdoptionStage,
    RecentContacts,
    DaysSinceContact,
    /// Share of the last 12 months' contacts through digital channels (not visits or phone).
    DigitalShare,
}

impl ClusterFeature {
    pub const ALL: [ClusterFeature; 6] = [
        ClusterFeature::Potential,
        ClusterFeature::Volume,
        ClusterFeature::AdoptionStage,
        ClusterFeature::RecentContacts,
        ClusterFeature::DaysSinceContact,
        ClusterFeature::DigitalShare,
    ];
}

/// One row per HCP (file order), one column per feature in the order given.
pub fn feature_matrix(
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    channel_kinds: &[ChannelKind],
    features: &[ClusterFeature],
) -> FeatureMatrix {
    let rows = base.hcp_count();
    let mut values = Vec::with_capacity(rows * features.len());
    for hcp in 0..rows {
        let figures = &profiles.figures[hcp];
        for feature in features {
            values.push(match feature {
                ClusterFeature::Potential => base.attributes[hcp].potential as f64,
                ClusterFeature::Volume => figures.volume as f64,
                ClusterFeature::AdoptionStage => f64::from(figures.adoption_stage),
                ClusterFeature::RecentContacts => f64::from(figures.recent_contacts),
                ClusterFeature::DaysSinceContact => figures
                    .days_since_last_contact
                    .map_or(NEVER_CONTACTED_DAYS, |days| {
                        f64::from(days).min(NEVER_CONTACTED_DAYS)
                    }),
                ClusterFeature::DigitalShare => {
                    let contacts = profiles.contacts_of(hcp);
                    let total: u32 = contacts.iter().sum();
                    let digital: u32 = contacts
                        .iter()
                        .zip(channel_kinds)
                        .filter(|(_, kind)| {
                            !matches!(kind, ChannelKind::RepVisit | ChannelKind::Phone)
                        })
                        .map(|(count, _)| count)
                        .sum();
                    if total == 0 {
                        0.0
                    } else {
                        f64::from(digital) / f64::from(total)
                    }
                }
            });
        }
    }
    FeatureMatrix::new(rows, features.len(), values)
}
