//! The workspace's events rearranged for funnels: per HCP (or account), interactions sorted by time and prescription months.
//!
//! Built once per workspace and counting unit, then every funnel, breakdown and comparison runs on
//! it without touching strings: ids become small numbers and each entity's events sit together.

use rustc_hash::FxHashMap as HashMap;

use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;
use crate::domain::time::Timestamp;

use super::definition::CountingUnit;

/// "No such value" in the small-number columns.
pub const NONE: u16 = u16::MAX;

/// One interaction, compacted to 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Seconds since the Unix epoch (UTC).
    pub at: i64,
    /// Index into `Workspace::channels`.
    pub channel: u16,
    /// Index into `Workspace::products`, or [`NONE`].
    pub product: u16,
    /// Index into `Workspace::reps`, or [`NONE`].
    pub rep: u16,
    /// `InteractionKind as u8`.
    pub kind: u8,
    /// `Outcome as u8`.
    pub outcome: u8,
}

impl Event {
    /// A placeholder, written over before anything reads it (slots of a counting sort).
    pub const EMPTY: Event = Event {
        at: 0,
        channel: 0,
        product: NONE,
        rep: NONE,
        kind: 0,
        outcome: 0,
    };
}

/// A month with prescriptions (units > 0) of one product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrescriptionMonth {
    /// [`crate::domain::time::Month::index`].
    pub month: i64,
    pub product: u16,
}

/// What a breakdown needs to know about an entity besides its events.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityFacts {
    /// The id in the workspace (`h-00042` or `a-0007`).
    pub id: String,
    pub name: String,
    /// Index into `Workspace::regions`, or [`NONE`].
    pub region: u16,
    /// Index into [`FunnelIndex::tier_names`]: the account's tier as the team grades it.
    pub tier: u16,
}

/// Events grouped by entity. Entity `e`'s interactions are `events[starts[e]..starts[e + 1]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelIndex {
    pub unit: CountingUnit,
    pub entities: Vec<EntityFacts>,
    pub event_starts: Vec<u32>,
    pub events: Vec<Event>,
    pub prescription_starts: Vec<u32>,
    pub prescriptions: Vec<PrescriptionMonth>,
    /// Seconds east of UTC in which days, months and periods are counted.
    pub utc_offset: i64,
    /// False when the workspace's zone is not one with a known fixed offset (UTC is used).
    pub time_zone_known: bool,
    /// The end of the data: the last interaction or the last second of the last month with a
    /// prescription record (whatever its units).
    pub data_end: Option<i64>,
    /// Names to show for channel, product, rep and region numbers, in workspace order.
    pub channel_names: Vec<String>,
    pub product_names: Vec<String>,
    pub rep_names: Vec<String>,
    pub region_names: Vec<String>,
    /// The account tiers found, sorted; an ungraded account has the empty tier.
    pub tier_names: Vec<String>,
}

/// Finds the position of an id in a list: by scanning when the list is short (channels,
/// products: a scan of a few short strings beats hashing), by hashing otherwise.
pub(super) struct Positions<'a> {
    ids: Vec<&'a str>,
    hashed: HashMap<&'a str, u16>,
}

impl<'a> Positions<'a> {
    const SCAN_LIMIT: usize = 16;

    pub(super) fn get(&self, id: &str) -> Option<u16> {
        if self.ids.len() <= Self::SCAN_LIMIT {
            self.ids
                .iter()
                .position(|known| *known == id)
                .map(|index| index as u16)
        } else {
            self.hashed.get(id).copied()
        }
    }

    pub(super) fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

pub(super) fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> Positions<'a> {
    let ids: Vec<&str> = ids.collect();
    let hashed = if ids.len() > Positions::SCAN_LIMIT {
        ids.iter()
            .enumerate()
            .map(|(index, id)| (*id, index.min(usize::from(NONE) - 1) as u16))
            .collect()
    } else {
        HashMap::default()
    };
    Positions { ids, hashed }
}

impl FunnelIndex {
    /// The account index from an HCP index: each account's history is its HCPs' histories
    /// merged (ties in the same second: HCPs in file order, then file order), plus the
    /// prescriptions recorded for the account without an HCP. No interaction is read again,
    /// so switching the counting unit stays quick.
    pub fn accounts_from_hcps(&self, workspace: &Workspace) -> FunnelIndex {
        debug_assert_eq!(self.unit, CountingUnit::Hcp);
        let regions = positions(workspace.regions.iter().map(|r| r.id.as_str()));
        let account_position: HashMap<&str, u32> = workspace
            .accounts
            .iter()
            .enumerate()
            .map(|(index, account)| (account.id.as_str(), index as u32))
            .collect();
        let tier_of = |tier: &str| {
            self.tier_names
                .binary_search_by(|known| known.as_str().cmp(tier.trim()))
                .map(|index| index as u16)
                .unwrap_or(NONE)
        };
        let entities: Vec<EntityFacts> = workspace
            .accounts
            .iter()
            .map(|account| EntityFacts {
                id: account.id.clone(),
                name: account.name.clone(),
                region: regions.get(account.region_id.as_str()).unwrap_or(NONE),
                tier: tier_of(&account.tier),
            })
            .collect();
        let account_count = entities.len();
        let account_of_hcp: Vec<Option<u32>> = workspace
            .hcps
            .iter()
            .map(|hcp| account_position.get(hcp.account_id.as_str()).copied())
            .collect();

        let mut event_counts = vec![0u32; account_count + 1];
        let mut rx_counts = vec![0u32; account_count + 1];
        for (hcp, account) in account_of_hcp.iter().enumerate() {
            if let Some(account) = account {
                event_counts[*account as usize] += self.events_of(hcp).len() as u32;
                rx_counts[*account as usize] += self.prescriptions_of(hcp).len() as u32;
            }
        }
        let products = positions(workspace.products.iter().map(|p| p.id.as_str()));
        let offset = self.utc_offset;
        let mut data_end = self.data_end;
        let mut account_only: Vec<(u32, PrescriptionMonth)> = Vec::new();
        // Under market rules that forbid HCP-level figures the HCP index holds no prescriptions:
        // an HCP's records count here, for the record's account or else the HCP's.
        let fold_hcp_level = workspace.settings.market_rules.forbids_hcp_prescriptions();
        let hcp_position: HashMap<&str, usize> = if fold_hcp_level {
            workspace
                .hcps
                .iter()
                .enumerate()
                .map(|(index, hcp)| (hcp.id.as_str(), index))
                .collect()
        } else {
            HashMap::default()
        };
        for prescription in workspace
            .prescriptions
            .iter()
            .filter(|p| fold_hcp_level || p.hcp_id.is_none())
        {
            let account = prescription
                .account_id
                .as_deref()
                .and_then(|id| account_position.get(id).copied())
                .or_else(|| {
                    let hcp = *hcp_position.get(prescription.hcp_id.as_deref()?)?;
                    account_of_hcp[hcp]
                });
            let product = products.get(&prescription.product_id);
            if let (Some(account), Some(product), true) = (account, product, prescription.units > 0)
            {
                let month = prescription.period.index();
                rx_counts[account as usize] += 1;
                account_only.push((account, PrescriptionMonth { month, product }));
                let end = month_start_utc(month + 1, offset) - 1;
                data_end = Some(data_end.map_or(end, |current| current.max(end)));
            }
        }

        let event_starts = prefix_sums(&event_counts);
        let prescription_starts = prefix_sums(&rx_counts);
        let mut events =
            vec![self.events.first().copied().unwrap_or(Event::EMPTY); self.events.len()];
        let mut prescriptions = vec![
            PrescriptionMonth {
                month: 0,
                product: 0
            };
            *prescription_starts.last().unwrap_or(&0) as usize
        ];
        let mut next_event = event_starts.clone();
        let mut next_rx = prescription_starts.clone();
        for (hcp, account) in account_of_hcp.iter().enumerate() {
            let Some(account) = account else { continue };
            let account = *account as usize;
            let source = self.events_of(hcp);
            let start = next_event[account] as usize;
            events[start..start + source.len()].copy_from_slice(source);
            next_event[account] += source.len() as u32;
            let source = self.prescriptions_of(hcp);
            let start = next_rx[account] as usize;
            prescriptions[start..start + source.len()].copy_from_slice(source);
            next_rx[account] += source.len() as u32;
        }
        for (account, month) in account_only {
            let slot = &mut next_rx[account as usize];
            prescriptions[*slot as usize] = month;
            *slot += 1;
        }
        events.truncate(*event_starts.last().unwrap_or(&0) as usize);
        for account in 0..account_count {
            let range = event_starts[account] as usize..event_starts[account + 1] as usize;
            events[range].sort_by_key(|event| event.at);
            let range =
                prescription_starts[account] as usize..prescription_starts[account + 1] as usize;
            prescriptions[range].sort_unstable();
        }
        FunnelIndex {
            unit: CountingUnit::Account,
            entities,
            event_starts,
            events,
            prescription_starts,
            prescriptions,
            utc_offset: self.utc_offset,
            time_zone_known: self.time_zone_known,
            data_end,
            channel_names: self.channel_names.clone(),
            product_names: self.product_names.clone(),
            rep_names: self.rep_names.clone(),
            region_names: self.region_names.clone(),
            tier_names: self.tier_names.clone(),
        }
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    pub fn events_of(&self, entity: usize) -> &[Event] {
        &self.events[self.event_starts[entity] as usize..self.event_starts[entity + 1] as usize]
    }

    pub fn prescriptions_of(&self, entity: usize) -> &[PrescriptionMonth] {
        &self.prescriptions[self.prescription_starts[entity] as usize
            ..self.prescription_starts[entity + 1] as usize]
    }

    /// The first second of a local calendar day, in UTC.
    pub fn day_start(&self, date: CalendarDate) -> i64 {
        date.days_since_unix_epoch() * 86_400 - self.utc_offset
    }

    /// The first second of a local month (by [`crate::domain::time::Month::index`]), in UTC.
    pub fn month_start(&self, month: i64) -> i64 {
        month_start_utc(month, self.utc_offset)
    }

    /// The local month an instant falls in.
    pub fn month_of(&self, at: i64) -> i64 {
        Timestamp(at + self.utc_offset).month().index()
    }

    /// The local date of an instant.
    pub fn local_date(&self, at: i64) -> CalendarDate {
        Timestamp(at + self.utc_offset).date()
    }
}

pub(super) fn month_start_utc(month: i64, offset: i64) -> i64 {
    crate::domain::time::Month::from_index(month)
        .first_day()
        .days_since_unix_epoch()
        * 86_400
        - offset
}

pub(super) fn prefix_sums(counts: &[u32]) -> Vec<u32> {
    // counts has one spare slot at the end; starts[e] = sum of counts before e.
    let mut starts = Vec::with_capacity(counts.len());
    let mut total = 0u32;
    for &count in counts {
        starts.push(total);
        total += count;
    }
    starts
}
