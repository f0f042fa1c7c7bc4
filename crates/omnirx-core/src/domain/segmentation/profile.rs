//! What segmentation knows about each HCP at a moment: attributes from the file and figures from the history.
//!
//! [`CustomerBase`] holds what depends only on the data (built once per data change, next to the
//! funnel index); [`profiles_as_of`] turns it into [`CustomerProfiles`] for one moment, so that the
//! same code gives today's segments and the segments at the end of each past quarter.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::domain::funnel::index::{FunnelIndex, NONE};
use crate::domain::model::{AccountType, HcpTitle, Influence, Outcome, Specialty, Workspace};

/// How many months of prescriptions make up an HCP's volume, ending with the month of the moment.
pub const VOLUME_MONTHS: i64 = 12;
/// Contacts within this many days before the moment make up the frequency.
pub const FREQUENCY_DAYS: i64 = 90;
/// A channel needs this many touches before its response rate can make it the preferred one.
pub const MIN_TOUCHES_FOR_PREFERENCE: u32 = 3;

/// The fixed facts of one HCP, from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerAttributes {
    /// Index into `Workspace::accounts`, or `u32::MAX` when the account is unknown.
    pub account: u32,
    pub account_type: Option<AccountType>,
    /// Index into `Workspace::regions` (the account's region), or [`NONE`].
    pub region: u16,
    /// Index into [`CustomerBase::city_names`] (the account's city), or [`NONE`].
    pub city: u16,
    pub specialty: Specialty,
    pub title: HcpTitle,
    pub influence: Influence,
    pub department_head: bool,
    pub committee_member: bool,
    pub potential: i64,
    /// Index into `Workspace::channels`, or [`NONE`].
    pub declared_channel: u16,
}

/// Whose prescriptions make up an HCP's volume and its decile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VolumeLevel {
    /// The HCP's own (HCP-level records).
    #[default]
    Hcp,
    /// The HCP's account's, where the workspace's market rules forbid HCP-level prescription
    /// figures (`docs/compliance.md`): deciles are taken among accounts, and an HCP has its
    /// account's volume and decile.
    Account,
}

/// What depends only on the data: attributes and monthly units per HCP, in file order (the same
/// order as the HCP funnel index's entities).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerBase {
    pub attributes: Vec<CustomerAttributes>,
    /// HCP `h`'s months with units are `monthly_units[unit_starts[h]..unit_starts[h + 1]]`,
    /// sorted by month; several records of one month are added up. Empty for every HCP at
    /// [`VolumeLevel::Account`].
    pub unit_starts: Vec<u32>,
    pub monthly_units: Vec<(i64, i64)>,
    pub volume_level: VolumeLevel,
    /// At [`VolumeLevel::Account`] only: account `a`'s months with units (all its records, and
    /// any HCP-level record folded to its account), like `monthly_units`; else empty.
    pub account_unit_starts: Vec<u32>,
    pub account_monthly_units: Vec<(i64, i64)>,
    /// The cities found, sorted; an account without a city has none.
    pub city_names: Vec<String>,
    pub channel_count: usize,
}

impl CustomerBase {
    pub fn build(workspace: &Workspace) -> CustomerBase {
        let account_position: HashMap<&str, usize> = workspace
            .accounts
            .iter()
            .enumerate()
            .map(|(index, account)| (account.id.as_str(), index))
            .collect();
        let region_position: HashMap<&str, u16> = workspace
            .regions
            .iter()
            .enumerate()
            .map(|(index, region)| (region.id.as_str(), index as u16))
            .collect();
        let mut city_names: Vec<String> = workspace
            .accounts
            .iter()
            .map(|a| a.city.trim().to_string())
            .filter(|city| !city.is_empty())
            .collect();
        city_names.sort();
        city_names.dedup();
        let attributes = workspace
            .hcps
            .iter()
            .map(|hcp| {
                let account_index = account_position.get(hcp.account_id.as_str()).copied();
                let account = account_index.map(|index| &workspace.accounts[index]);
                CustomerAttributes {
                    account: account_index.map_or(u32::MAX, |index| index as u32),
                    account_type: account.map(|a| a.account_type),
                    region: account
                        .and_then(|a| region_position.get(a.region_id.as_str()).copied())
                        .unwrap_or(NONE),
                    city: account
                        .and_then(|a| {
                            city_names
                                .binary_search_by(|known| known.as_str().cmp(a.city.trim()))
                                .ok()
                        })
                        .map_or(NONE, |index| index as u16),
                    specialty: hcp.specialty,
                    title: hcp.title,
                    influence: hcp.influence,
                    department_head: hcp.department_head,
                    committee_member: hcp.committee_member,
                    potential: hcp.prescribing_potential,
                    declared_channel: hcp
                        .preferred_channel_id
                        .as_deref()
                        .and_then(|id| workspace.channels.iter().position(|c| c.id == id))
                        .map_or(NONE, |index| index as u16),
                }
            })
            .collect();

        let hcp_position: HashMap<&str, u32> = workspace
            .hcps
            .iter()
            .enumerate()
            .map(|(index, hcp)| (hcp.id.as_str(), index as u32))
            .collect();
        let volume_level = if workspace.settings.market_rules.forbids_hcp_prescriptions() {
            VolumeLevel::Account
        } else {
            VolumeLevel::Hcp
        };
        let mut per_hcp: Vec<Vec<(i64, i64)>> = vec![Vec::new(); workspace.hcps.len()];
        let mut per_account: Vec<Vec<(i64, i64)>> = Vec::new();
        if volume_level == VolumeLevel::Account {
            per_account = vec![Vec::new(); workspace.accounts.len()];
        }
        for prescription in workspace.prescriptions.iter().filter(|p| p.units > 0) {
            let hcp = prescription
                .hcp_id
                .as_deref()
                .and_then(|id| hcp_position.get(id))
                .map(|&hcp| hcp as usize);
            let entry = (prescription.period.index(), prescription.units);
            match volume_level {
                // Account-level records without an HCP are not any HCP's volume.
                VolumeLevel::Hcp => {
                    if let Some(hcp) = hcp {
                        per_hcp[hcp].push(entry);
                    }
                }
                // The record's account, or else its HCP's.
                VolumeLevel::Account => {
                    let account = prescription
                        .account_id
                        .as_deref()
                        .and_then(|id| account_position.get(id).copied())
                        .or_else(|| {
                            hcp.and_then(|h| workspace.hcps.get(h))
                                .and_then(|h| account_position.get(h.account_id.as_str()))
                                .copied()
                        });
                    if let Some(account) = account {
                        per_account[account].push(entry);
                    }
                }
            }
        }
        let (unit_starts, monthly_units) = monthly_lists(per_hcp);
        let (account_unit_starts, account_monthly_units) = if per_account.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            monthly_lists(per_account)
        };
        CustomerBase {
            attributes,
            unit_starts,
            monthly_units,
            volume_level,
            account_unit_starts,
            account_monthly_units,
            city_names,
            channel_count: workspace.channels.len(),
        }
    }

    pub fn hcp_count(&self) -> usize {
        self.attributes.len()
    }

    pub fn monthly_units_of(&self, hcp: usize) -> &[(i64, i64)] {
        &self.monthly_units[self.unit_starts[hcp] as usize..self.unit_starts[hcp + 1] as usize]
    }

    /// Account `account`'s months with units, at [`VolumeLevel::Account`] (else empty).
    pub fn account_monthly_units_of(&self, account: usize) -> &[(i64, i64)] {
        match (
            self.account_unit_starts.get(account),
            self.account_unit_starts.get(account + 1),
        ) {
            (Some(&start), Some(&end)) => &self.account_monthly_units[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// Each owner's (month, units) sorted by month with the units of one month added up, as one
/// list with its start offsets.
fn monthly_lists(per_owner: Vec<Vec<(i64, i64)>>) -> (Vec<u32>, Vec<(i64, i64)>) {
    let mut starts = Vec::with_capacity(per_owner.len() + 1);
    let mut monthly: Vec<(i64, i64)> = Vec::new();
    for mut months in per_owner {
        starts.push(monthly.len() as u32);
        months.sort_unstable();
        let start = monthly.len();
        for (month, units) in months {
            let has_own = monthly.len() > start;
            match monthly.last_mut() {
                Some((last_month, total)) if has_own && *last_month == month => {
                    *total = total.saturating_add(units)
                }
                _ => monthly.push((month, units)),
            }
        }
    }
    starts.push(monthly.len() as u32);
    (starts, monthly)
}

/// The units of `months` that fall in `first..=last`.
fn units_between(months: &[(i64, i64)], first: i64, last: i64) -> i64 {
    months
        .iter()
        .filter(|(month, _)| (first..=last).contains(month))
        .fold(0i64, |total, (_, units)| total.saturating_add(*units))
}

/// One HCP's figures at a moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerFigures {
    /// Units prescribed in the [`VOLUME_MONTHS`] months ending with the moment's month (the
    /// HCP's account's at [`VolumeLevel::Account`]).
    pub volume: i64,
    /// 1 (lowest) to 10 (highest) within the workspace; ties share the lower decile (the
    /// account's decile among accounts at [`VolumeLevel::Account`]).
    pub volume_decile: u8,
    /// How many steps of the default funnel the HCP has reached (0: never entered).
    pub adoption_stage: u8,
    /// Index into `Workspace::channels` of the channel with the best response, or [`NONE`].
    pub derived_channel: u16,
    /// Whole days since the last contact, or `None` when never contacted.
    pub days_since_last_contact: Option<u32>,
    /// Contacts within the last [`FREQUENCY_DAYS`] days.
    pub recent_contacts: u32,
}

/// Every HCP's figures at one moment, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerProfiles {
    /// The moment (UTC seconds): the end of the data, or the end of a past period.
    pub as_of: i64,
    pub figures: Vec<CustomerFigures>,
    /// Contacts per HCP and channel in the volume months: `channel_contacts[h * channels + c]`.
    pub channel_contacts: Vec<u32>,
    pub channel_count: usize,
    /// At [`VolumeLevel::Account`]: each account's volume (file order); else empty.
    pub account_volumes: Vec<i64>,
}

impl CustomerProfiles {
    pub fn contacts_of(&self, hcp: usize) -> &[u32] {
        &self.channel_contacts[hcp * self.channel_count..(hcp + 1) * self.channel_count]
    }
}

/// Whether an outcome counts as a response when ranking channels.
pub fn is_response(outcome: u8) -> bool {
    outcome == Outcome::Engaged as u8 || outcome == Outcome::Detailed as u8
}

/// Deciles of `values` within the list: `1 + floor(10 × (how many are strictly lower) / n)`, so
/// equal values always share a decile (the lower one) and the largest value is in decile 10 only
/// when it is larger than at least 90 % of the list.
pub fn deciles(values: &[i64]) -> Vec<u8> {
    let count = values.len();
    if count == 0 {
        return Vec::new();
    }
    let mut sorted: Vec<i64> = values.to_vec();
    sorted.sort_unstable();
    values
        .iter()
        .map(|value| {
            let lower = sorted.partition_point(|other| other < value);
            (1 + (lower * 10) / count) as u8
        })
        .collect()
}

/// The channel with the best share of responses among channels with at least
/// [`MIN_TOUCHES_FOR_PREFERENCE`] touches; ties go to more responses, then to the channel listed
/// first. [`NONE`] when no channel has enough touches or none got a response.
pub fn best_responding_channel(touches: &[u32], responses: &[u32]) -> u16 {
    let mut best: Option<(usize, u32, u32)> = None;
    for (channel, (&touched, &responded)) in touches.iter().zip(responses).enumerate() {
        if touched < MIN_TOUCHES_FOR_PREFERENCE || responded == 0 {
            continue;
        }
        let better = match best {
            None => true,
            // responded / touched > best_responded / best_touched, in integers.
            Some((_, best_touched, best_responded)) => {
                let this = u64::from(responded) * u64::from(best_touched);
                let that = u64::from(best_responded) * u64::from(touched);
                this > that || (this == that && responded > best_responded)
            }
        };
        if better {
            best = Some((channel, touched, responded));
        }
    }
    best.map_or(NONE, |(channel, _, _)| channel as u16)
}

/// The figures of every HCP at `as_of`, counting only events and months up to it.
/// `adoption_stages` comes from the default funnel run on data up to the same moment
/// ([`super::adoption_stages`]); `index` is the HCP funnel index of the same workspace.
pub fn profiles_as_of(
    base: &CustomerBase,
    index: &FunnelIndex,
    adoption_stages: &[u8],
    as_of: i64,
) -> CustomerProfiles {
    let hcp_count = base.hcp_count();
    let channel_count = base.channel_count;
    let as_of_month = index.month_of(as_of);
    let first_volume_month = as_of_month - (VOLUME_MONTHS - 1);
    let volume_start = index.month_start(first_volume_month);
    let frequency_start = as_of - FREQUENCY_DAYS * 86_400;
    let mut channel_contacts = vec![0u32; hcp_count * channel_count];
    let mut touches = vec![0u32; channel_count];
    let mut responses = vec![0u32; channel_count];
    let mut figures = Vec::with_capacity(hcp_count);
    let mut volumes = Vec::with_capacity(hcp_count);
    for hcp in 0..hcp_count {
        let events = if hcp < index.entity_count() {
            index.events_of(hcp)
        } else {
            &[]
        };
        let known = &events[..events.partition_point(|event| event.at <= as_of)];
        touches.iter_mut().for_each(|count| *count = 0);
        responses.iter_mut().for_each(|count| *count = 0);
        let contacts = &mut channel_contacts[hcp * channel_count..(hcp + 1) * channel_count];
        let mut recent_contacts = 0u32;
        for event in known {
            let channel = usize::from(event.channel);
            if channel < channel_count {
                touches[channel] += 1;
                if is_response(event.outcome) {
                    responses[channel] += 1;
                }
                if event.at >= volume_start {
                    contacts[channel] += 1;
                }
            }
            if event.at > frequency_start {
                recent_contacts += 1;
            }
        }
        let days_since_last_contact = known
            .last()
            .map(|event| ((as_of - event.at).max(0) / 86_400) as u32);
        let volume = units_between(base.monthly_units_of(hcp), first_volume_month, as_of_month);
        volumes.push(volume);
        figures.push(CustomerFigures {
            volume,
            volume_decile: 0,
            adoption_stage: adoption_stages.get(hcp).copied().unwrap_or(0),
            derived_channel: best_responding_channel(&touches, &responses),
            days_since_last_contact,
            recent_contacts,
        });
    }
    let mut account_volumes = Vec::new();
    match base.volume_level {
        VolumeLevel::Hcp => {
            for (figure, decile) in figures.iter_mut().zip(deciles(&volumes)) {
                figure.volume_decile = decile;
            }
        }
        VolumeLevel::Account => {
            let accounts = base.account_unit_starts.len().saturating_sub(1);
            account_volumes = (0..accounts)
                .map(|a| {
                    units_between(
                        base.account_monthly_units_of(a),
                        first_volume_month,
                        as_of_month,
                    )
                })
                .collect();
            let account_deciles = deciles(&account_volumes);
            for (figure, attributes) in figures.iter_mut().zip(&base.attributes) {
                let account = attributes.account as usize;
                figure.volume = account_volumes.get(account).copied().unwrap_or(0);
                figure.volume_decile = account_deciles.get(account).copied().unwrap_or(1);
            }
        }
    }
    CustomerProfiles {
        as_of,
        figures,
        channel_contacts,
        channel_count,
        account_volumes,
    }
}
