//! Effort against outcome: for each segment (account tier) and channel, contacts per reached
//! customer against the growth of those customers' prescriptions. An association, not a cause.

use serde::Serialize;

use super::attainment::{growth, Measure, Scope, ScopeIndex, Source};
use super::index::{is_contact, PerformanceData, NONE};
use super::period::Period;
use crate::domain::model::{InteractionKind, Workspace};

/// The months compared at most: a quarter.
pub const EFFORT_MONTHS: i64 = 3;

/// One point: a segment and a channel (or no contact at all when `channel` is `None`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EffortPoint {
    /// The accounts' tier ("" for accounts without one).
    pub segment: String,
    /// The channel's id; `None` for customers no channel reached in the period.
    pub channel: Option<String>,
    /// Customers of the segment reached through the channel (or not reached at all).
    pub customers: u32,
    /// Contacts through the channel per customer reached.
    pub contacts_per_customer: f64,
    /// Their actuals in the last quarter of the period (the whole period when shorter) and in
    /// as many months just before.
    pub actual: f64,
    pub actual_before: f64,
    pub growth: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EffortOutcome {
    /// Customers are accounts rather than HCPs (market rules forbid HCP prescriptions, or the
    /// actuals are account-level sales).
    pub by_account: bool,
    pub points: Vec<EffortPoint>,
}

pub fn effort_outcome(
    data: &PerformanceData,
    workspace: &Workspace,
    period: Period,
    measure: Measure,
    source: Source,
    scope: &Scope,
) -> EffortOutcome {
    let index = ScopeIndex::new(data, scope);
    let by_account =
        workspace.settings.market_rules.forbids_hcp_prescriptions() || source == Source::Sales;
    let units = if by_account {
        workspace.accounts.len()
    } else {
        workspace.hcps.len()
    };
    let unit_of_hcp = |hcp: u32| {
        if by_account {
            data.hcp_account.get(hcp as usize).copied().unwrap_or(NONE)
        } else {
            hcp
        }
    };
    let account_of_unit = |unit: usize| {
        if by_account {
            unit as u32
        } else {
            data.hcp_account[unit]
        }
    };
    let in_scope: Vec<bool> = (0..units)
        .map(|unit| {
            let account = account_of_unit(unit);
            let rep = if by_account {
                data.account_rep.get(unit).copied().unwrap_or(NONE)
            } else {
                data.hcp_rep[unit]
            };
            account != NONE
                && index.holds_account(data, account)
                && index.rep.is_none_or(|r| r == rep)
        })
        .collect();
    let channels = workspace.channels.len();
    let mut contacts = vec![0u32; units * channels.max(1)];
    // The last quarter of the period (the whole period when shorter) against as many months
    // just before: a year to date still has its comparison inside 18 months of data.
    let (first, last) = period.months();
    let (first, last) = (
        first.index().max(last.index() - (EFFORT_MONTHS - 1)) as i32,
        last.index() as i32,
    );
    for contact in data.contacts_of_months(i64::from(first), i64::from(last)) {
        if !is_contact(InteractionKind::ALL[contact.kind as usize])
            || contact.channel as usize >= channels
        {
            continue;
        }
        let unit = unit_of_hcp(contact.hcp);
        if unit != NONE && in_scope[unit as usize] {
            contacts[unit as usize * channels + contact.channel as usize] += 1;
        }
    }
    let length = i64::from(last - first + 1);
    let (now, before) = {
        let mut now = vec![0.0; units];
        let mut before = vec![0.0; units];
        for sale in &data.sales {
            let wanted = match source {
                Source::Prescriptions => sale.hcp != NONE,
                Source::Sales => sale.hcp == NONE,
            };
            if !wanted || index.product.is_some_and(|p| p != sale.product) {
                continue;
            }
            let unit = if by_account { sale.account } else { sale.hcp };
            if unit == NONE || !in_scope[unit as usize] {
                continue;
            }
            let amount = match measure {
                Measure::Units => sale.units,
                Measure::Value => sale.value,
            };
            let month = sale.month;
            if (i64::from(first)..=i64::from(last)).contains(&month) {
                now[unit as usize] += amount;
            } else if (i64::from(first) - length..i64::from(first)).contains(&month) {
                before[unit as usize] += amount;
            }
        }
        (now, before)
    };
    let before_known = data
        .first
        .is_some_and(|f| f.index() <= i64::from(first) - length);
    let mut points = Vec::new();
    for (tier_index, tier) in data.tiers.iter().enumerate() {
        let members: Vec<usize> = (0..units)
            .filter(|&u| {
                in_scope[u] && {
                    let account = account_of_unit(u);
                    account != NONE && data.account_tier[account as usize] == tier_index as u32
                }
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut point = |channel: Option<usize>, chosen: &[usize], contact_sum: u32| {
            let actual: f64 = chosen.iter().map(|&u| now[u]).sum();
            let actual_before: f64 = chosen.iter().map(|&u| before[u]).sum();
            points.push(EffortPoint {
                segment: tier.clone(),
                channel: channel.map(|c| workspace.channels[c].id.clone()),
                customers: chosen.len() as u32,
                contacts_per_customer: if chosen.is_empty() {
                    0.0
                } else {
                    f64::from(contact_sum) / chosen.len() as f64
                },
                actual,
                actual_before,
                growth: growth(actual, before_known.then_some(actual_before)),
            });
        };
        for channel in 0..channels {
            let reached: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&u| contacts[u * channels + channel] > 0)
                .collect();
            if reached.is_empty() {
                continue;
            }
            let sum = reached
                .iter()
                .map(|&u| contacts[u * channels + channel])
                .sum();
            point(Some(channel), &reached, sum);
        }
        let untouched: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&u| {
                contacts[u * channels..(u + 1) * channels]
                    .iter()
                    .all(|&c| c == 0)
            })
            .collect();
        point(None, &untouched, 0);
    }
    EffortOutcome { by_account, points }
}
