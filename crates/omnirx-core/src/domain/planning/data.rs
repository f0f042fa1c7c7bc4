//! The history planning reads, built once per data change: each HCP's rep and account, its contacts by day and channel, and its monthly units.
//!
//! Built from the Performance page's index ([`PerformanceData`]), so the alignment of HCPs to reps
//! is the same everywhere. Where the market's rules forbid HCP-level prescription figures, or the
//! data has only account-level sales, an HCP's units are an even share of its account's (rule 9).

use crate::domain::calendar::CalendarDate;
use crate::domain::model::{InteractionKind, Workspace};
use crate::domain::performance::index::{is_contact, PerformanceData, NONE};
use crate::domain::time::Month;

/// One contact of an HCP: its local day (days since 1970-01-01), month index and channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Touch {
    pub day: i32,
    pub month: i32,
    pub channel: u16,
}

/// Where an HCP's units come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitsLevel {
    /// The HCP's own prescriptions.
    Hcp,
    /// An even share of the account's sales (market rules, or only account-level data).
    AccountShare,
    /// No prescriptions or sales at all.
    None,
}

/// The history, by HCP in file order.
#[derive(Clone, Debug)]
pub struct PlanningData {
    /// The rep each HCP is aligned to (index into `Workspace::reps`), or [`NONE`].
    pub hcp_rep: Vec<u32>,
    /// Index into `Workspace::accounts`, or [`NONE`].
    pub hcp_account: Vec<u32>,
    /// HCP `h`'s contacts are `touches[touch_starts[h]..touch_starts[h + 1]]`, by day.
    pub touch_starts: Vec<u32>,
    pub touches: Vec<Touch>,
    /// HCP `h`'s units by month are `units[unit_starts[h]..unit_starts[h + 1]]`, by month index.
    pub unit_starts: Vec<u32>,
    pub units: Vec<(i64, f64)>,
    pub units_level: UnitsLevel,
    /// The first and last month with contacts or units.
    pub first_month: Option<Month>,
    pub last_month: Option<Month>,
    /// The last day with a contact, or the last day of the last month with units.
    pub data_end: Option<CalendarDate>,
    pub channel_count: usize,
}

impl PlanningData {
    pub fn build(workspace: &Workspace) -> PlanningData {
        PlanningData::from_performance(workspace, &PerformanceData::build(workspace))
    }

    /// From the Performance page's index of the same workspace.
    pub fn from_performance(workspace: &Workspace, data: &PerformanceData) -> PlanningData {
        let hcp_count = workspace.hcps.len();
        let channel_count = workspace.channels.len();

        // Contacts per HCP, by day (the index keeps each HCP's rows in day order).
        let mut counts = vec![0u32; hcp_count + 1];
        let kept = |row: &crate::domain::performance::index::ContactRow| {
            (row.hcp as usize) < hcp_count
                && usize::from(row.channel) < channel_count
                && InteractionKind::ALL
                    .get(usize::from(row.kind))
                    .is_some_and(|kind| is_contact(*kind))
        };
        for row in data.contacts.iter().filter(|row| kept(row)) {
            counts[row.hcp as usize + 1] += 1;
        }
        let mut touch_starts = counts;
        for h in 0..hcp_count {
            touch_starts[h + 1] += touch_starts[h];
        }
        let mut next = touch_starts.clone();
        let mut touches = vec![
            Touch {
                day: 0,
                month: 0,
                channel: 0
            };
            touch_starts[hcp_count] as usize
        ];
        for row in data.contacts.iter().filter(|row| kept(row)) {
            let slot = &mut next[row.hcp as usize];
            touches[*slot as usize] = Touch {
                day: row.day,
                month: row.month,
                channel: row.channel,
            };
            *slot += 1;
        }

        // Units per HCP and month.
        let forbidden = workspace.settings.market_rules.forbids_hcp_prescriptions();
        let units_level = if data.sales.is_empty() {
            UnitsLevel::None
        } else if data.has_hcp_sales && !forbidden {
            UnitsLevel::Hcp
        } else {
            UnitsLevel::AccountShare
        };
        let mut per_hcp: Vec<Vec<(i64, f64)>> = vec![Vec::new(); hcp_count];
        match units_level {
            UnitsLevel::Hcp => {
                for sale in data.sales.iter().filter(|s| s.hcp != NONE) {
                    if let Some(list) = per_hcp.get_mut(sale.hcp as usize) {
                        list.push((sale.month, sale.units));
                    }
                }
            }
            UnitsLevel::AccountShare => {
                let mut members = vec![0u32; workspace.accounts.len()];
                for &account in &data.hcp_account {
                    if let Some(count) = members.get_mut(account as usize) {
                        *count += 1;
                    }
                }
                let mut per_account: Vec<Vec<(i64, f64)>> =
                    vec![Vec::new(); workspace.accounts.len()];
                for sale in &data.sales {
                    if let Some(list) = per_account.get_mut(sale.account as usize) {
                        list.push((sale.month, sale.units));
                    }
                }
                for (h, &account) in data.hcp_account.iter().enumerate() {
                    let Some(list) = per_account.get(account as usize) else {
                        continue;
                    };
                    let share = 1.0 / f64::from(members[account as usize].max(1));
                    per_hcp[h] = list.iter().map(|&(m, u)| (m, u * share)).collect();
                }
            }
            UnitsLevel::None => {}
        }
        let mut unit_starts = Vec::with_capacity(hcp_count + 1);
        let mut units: Vec<(i64, f64)> = Vec::new();
        for mut list in per_hcp {
            unit_starts.push(units.len() as u32);
            list.sort_by_key(|entry| entry.0);
            let start = units.len();
            for (month, amount) in list {
                let has_own = units.len() > start;
                match units.last_mut() {
                    Some(last) if has_own && last.0 == month => last.1 += amount,
                    _ => units.push((month, amount)),
                }
            }
        }
        unit_starts.push(units.len() as u32);

        let contact_months = touches.iter().map(|t| i64::from(t.month));
        let unit_months = units.iter().map(|u| u.0);
        let first = contact_months.clone().chain(unit_months.clone()).min();
        let last = contact_months.chain(unit_months.clone()).max();
        let last_touch = touches.iter().map(|t| t.day).max();
        let last_unit_day = unit_months
            .max()
            .map(|m| crate::domain::performance::calendar::last_day(Month::from_index(m)));
        let data_end = match (last_touch, last_unit_day) {
            (Some(day), Some(unit_day)) => {
                Some(CalendarDate::from_days_since_unix_epoch(i64::from(day)).max(unit_day))
            }
            (Some(day), None) => Some(CalendarDate::from_days_since_unix_epoch(i64::from(day))),
            (None, unit_day) => unit_day,
        };
        PlanningData {
            hcp_rep: data.hcp_rep.clone(),
            hcp_account: data.hcp_account.clone(),
            touch_starts,
            touches,
            unit_starts,
            units,
            units_level,
            first_month: first.map(Month::from_index),
            last_month: last.map(Month::from_index),
            data_end,
            channel_count,
        }
    }

    pub fn hcp_count(&self) -> usize {
        self.hcp_rep.len()
    }

    pub fn touches_of(&self, hcp: usize) -> &[Touch] {
        match (self.touch_starts.get(hcp), self.touch_starts.get(hcp + 1)) {
            (Some(&start), Some(&end)) => &self.touches[start as usize..end as usize],
            _ => &[],
        }
    }

    pub fn units_of(&self, hcp: usize) -> &[(i64, f64)] {
        match (self.unit_starts.get(hcp), self.unit_starts.get(hcp + 1)) {
            (Some(&start), Some(&end)) => &self.units[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Contacts of HCP `hcp` per channel on days `from..=to` (days since 1970-01-01).
    pub fn contacts_between(&self, hcp: usize, from: i64, to: i64, out: &mut [u32]) {
        out.iter_mut().for_each(|count| *count = 0);
        let touches = self.touches_of(hcp);
        let start = touches.partition_point(|t| i64::from(t.day) < from);
        for touch in touches[start..]
            .iter()
            .take_while(|t| i64::from(t.day) <= to)
        {
            if let Some(count) = out.get_mut(usize::from(touch.channel)) {
                *count += 1;
            }
        }
    }

    /// Whether the HCP has no contact and no units at all.
    pub fn has_no_history(&self, hcp: usize) -> bool {
        self.touches_of(hcp).is_empty() && self.units_of(hcp).is_empty()
    }
}
