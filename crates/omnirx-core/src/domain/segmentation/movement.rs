//! Movement over time: each HCP's segment at the end of past quarters, and how many moved between two of them.
//!
//! A past quarter is classified as the app would have classified it then: only events and
//! prescription months up to the quarter's last second count, deciles are taken among the HCPs
//! at that moment, and the adoption stage comes from the default funnel run on that data.

use serde::{Deserialize, Serialize};

use crate::domain::funnel::compare::quarter_containing;
use crate::domain::funnel::definition::{FunnelDefinition, Period};
use crate::domain::funnel::evaluate::{run_funnel, WorkspaceIds};
use crate::domain::funnel::index::FunnelIndex;

use super::classify::{adoption_stages, classify, Classification};
use super::profile::{profiles_as_of, CustomerBase, CustomerProfiles};
use super::rules::CompiledRules;

/// The index as it was at `as_of`: later events and prescription months are left out.
pub fn index_as_of(index: &FunnelIndex, as_of: i64) -> FunnelIndex {
    let as_of_month = index.month_of(as_of);
    let mut event_starts = Vec::with_capacity(index.event_starts.len());
    let mut events = Vec::with_capacity(index.events.len());
    let mut prescription_starts = Vec::with_capacity(index.prescription_starts.len());
    let mut prescriptions = Vec::with_capacity(index.prescriptions.len());
    for entity in 0..index.entity_count() {
        event_starts.push(events.len() as u32);
        let own = index.events_of(entity);
        events.extend_from_slice(&own[..own.partition_point(|event| event.at <= as_of)]);
        prescription_starts.push(prescriptions.len() as u32);
        prescriptions.extend(
            index
                .prescriptions_of(entity)
                .iter()
                .filter(|month| month.month <= as_of_month),
        );
    }
    event_starts.push(events.len() as u32);
    prescription_starts.push(prescriptions.len() as u32);
    FunnelIndex {
        unit: index.unit,
        entities: index.entities.clone(),
        event_starts,
        events,
        prescription_starts,
        prescriptions,
        utc_offset: index.utc_offset,
        time_zone_known: index.time_zone_known,
        data_end: index.data_end.map(|end| end.min(as_of)),
        channel_names: index.channel_names.clone(),
        product_names: index.product_names.clone(),
        rep_names: index.rep_names.clone(),
        region_names: index.region_names.clone(),
        tier_names: index.tier_names.clone(),
    }
}

/// The profiles at `as_of`, with adoption stages from `funnel` on the data up to then.
pub fn profiles_at(
    base: &CustomerBase,
    index: &FunnelIndex,
    funnel: Option<&FunnelDefinition>,
    ids: &WorkspaceIds,
    as_of: i64,
) -> CustomerProfiles {
    let stages = match funnel {
        Some(funnel) => {
            let past;
            let index_then = if index.data_end.is_some_and(|end| end <= as_of) {
                index
            } else {
                past = index_as_of(index, as_of);
                &past
            };
            adoption_stages(&run_funnel(funnel, ids, index_then), base.hcp_count())
        }
        None => vec![0; base.hcp_count()],
    };
    profiles_as_of(base, index, &stages, as_of)
}

/// One past quarter and its classification.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodMembership {
    pub period: Period,
    pub classification: Classification,
}

/// The last `count` quarters up to the end of the data (the last one may be unfinished: it is
/// classified at the end of the data), oldest first.
pub fn quarters_up_to(index: &FunnelIndex, count: usize) -> Vec<(Period, i64)> {
    let Some(end) = index.data_end else {
        return Vec::new();
    };
    let mut quarters = Vec::with_capacity(count);
    let mut period = quarter_containing(index.local_date(end));
    for _ in 0..count {
        let next_day = crate::domain::calendar::CalendarDate::from_days_since_unix_epoch(
            period.to.days_since_unix_epoch() + 1,
        );
        let last_second = (index.day_start(next_day) - 1).min(end);
        quarters.push((period, last_second));
        period = crate::domain::funnel::compare::previous_period(period);
    }
    quarters.reverse();
    quarters
}

pub fn membership_by_quarter(
    base: &CustomerBase,
    index: &FunnelIndex,
    funnel: Option<&FunnelDefinition>,
    ids: &WorkspaceIds,
    rules: &CompiledRules,
    quarter_count: usize,
) -> Vec<PeriodMembership> {
    quarters_up_to(index, quarter_count)
        .into_iter()
        .map(|(period, as_of)| PeriodMembership {
            period,
            classification: classify(rules, base, &profiles_at(base, index, funnel, ids, as_of)),
        })
        .collect()
}

/// How many HCPs went from each segment to each segment between two classifications:
/// `counts[from][to]`, where the last row and column are the unclassified HCPs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Transitions {
    pub counts: Vec<Vec<u64>>,
}

impl Transitions {
    /// HCPs whose segment changed.
    pub fn moved(&self) -> u64 {
        self.counts
            .iter()
            .enumerate()
            .flat_map(|(from, row)| row.iter().enumerate().filter(move |(to, _)| *to != from))
            .map(|(_, count)| count)
            .sum()
    }
}

pub fn transitions(before: &Classification, after: &Classification) -> Transitions {
    let size = before.segment_count.max(after.segment_count) + 1;
    let slot = |segment: u16| usize::from(segment).min(size - 1);
    let mut counts = vec![vec![0u64; size]; size];
    for (&from, &to) in before.segments.iter().zip(&after.segments) {
        counts[slot(from)][slot(to)] += 1;
    }
    Transitions { counts }
}
