//! Rep activity KPIs per rep, territory, region or team over a period: interactions by channel
//! and kind, calls per field day, reach, frequency, coverage of key customers, digital share,
//! time since the last contact and targets never contacted (definitions in `docs/kpis.md`).

use serde::{Deserialize, Serialize};

use super::attainment::{ratio, Scope, ScopeIndex};
use super::calendar::{last_day, working_days_between};
use super::index::{is_call, is_contact, PerformanceData, NONE};
use super::period::Period;
use crate::domain::calendar::CalendarDate;
use crate::domain::model::{InteractionKind, Workspace};
use crate::domain::time::Month;

/// What the rows of the activity table are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityDimension {
    #[default]
    Rep,
    Territory,
    Region,
    Team,
}

impl ActivityDimension {
    pub const ALL: [ActivityDimension; 4] = [
        ActivityDimension::Rep,
        ActivityDimension::Territory,
        ActivityDimension::Region,
        ActivityDimension::Team,
    ];
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActivityRow {
    pub id: String,
    pub name: String,
    /// Reps in the group.
    pub reps: u32,
    /// Working days of the period up to the end of the data, per rep.
    pub field_days: u32,
    /// Interactions with the group's target HCPs, by channel (the workspace's channel order).
    pub by_channel: Vec<u32>,
    /// The same interactions by kind (`InteractionKind::ALL` order).
    pub by_kind: Vec<u32>,
    /// The group's reps' own calls (visits, phone calls, remote detailing, pharmacy visits).
    pub calls: u32,
    /// Calls ÷ (field days × reps).
    pub calls_per_field_day: Option<f64>,
    /// Target HCPs: aligned to the rep; for a territory, region or team, HCPs of its accounts.
    pub targets: u32,
    pub reached: u32,
    pub reach: Option<f64>,
    /// Contacts (see `docs/kpis.md`) received by target HCPs, through any channel.
    pub contacts: u32,
    /// Contacts per reached target.
    pub frequency: Option<f64>,
    pub key_targets: u32,
    /// Key targets contacted at least at the planned frequency.
    pub key_covered: u32,
    pub key_coverage: Option<f64>,
    /// Share of the contacts through digital channels.
    pub digital_share: Option<f64>,
    pub never_contacted: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActivityTable {
    pub period: Period,
    pub dimension: ActivityDimension,
    /// The last day counted: the period's end, or the end of the data when that is earlier.
    pub as_of: Option<CalendarDate>,
    /// Months of the period up to the end of the data.
    pub months_elapsed: u32,
    /// Planned contacts of a key customer over the months elapsed.
    pub key_planned: f64,
    pub rows: Vec<ActivityRow>,
    pub total: ActivityRow,
    /// The period has no working day (every day is a weekend day or a holiday).
    pub no_working_days: bool,
}

/// Groups: which row each rep and each HCP belongs to.
struct Groups {
    ids: Vec<String>,
    names: Vec<String>,
    of_rep: Vec<u32>,
    of_hcp: Vec<u32>,
}

fn groups(
    data: &PerformanceData,
    workspace: &Workspace,
    dimension: ActivityDimension,
    scope: ScopeIndex,
) -> Groups {
    let rep_in_scope = |rep: usize| {
        scope.region.is_none_or(|r| data.rep_region[rep] == r)
            && scope.territory.is_none_or(|t| data.rep_territory[rep] == t)
            && scope.rep.is_none_or(|p| p as usize == rep)
    };
    let hcp_in_scope = |hcp: usize| {
        let account = data.hcp_account[hcp];
        match scope.rep {
            Some(rep) => data.hcp_rep[hcp] == rep,
            None => account != NONE && scope.holds_account(data, account),
        }
    };
    let account_of = |hcp: usize, column: &[u32]| {
        let account = data.hcp_account[hcp];
        if account == NONE {
            NONE
        } else {
            column[account as usize]
        }
    };
    let (list, of_rep, of_hcp): (Vec<(String, String)>, Vec<u32>, Vec<u32>) = match dimension {
        ActivityDimension::Rep => {
            let keep: Vec<usize> = (0..workspace.reps.len())
                .filter(|&r| rep_in_scope(r))
                .collect();
            let mut row = vec![NONE; workspace.reps.len()];
            for (index, &rep) in keep.iter().enumerate() {
                row[rep] = index as u32;
            }
            let of_hcp = (0..workspace.hcps.len())
                .map(|h| {
                    let rep = data.hcp_rep[h];
                    if rep == NONE || !hcp_in_scope(h) {
                        NONE
                    } else {
                        row[rep as usize]
                    }
                })
                .collect();
            let list = keep
                .iter()
                .map(|&r| (workspace.reps[r].id.clone(), workspace.reps[r].name.clone()))
                .collect();
            (list, row, of_hcp)
        }
        ActivityDimension::Territory | ActivityDimension::Region => {
            let territory = dimension == ActivityDimension::Territory;
            let count = if territory {
                workspace.territories.len()
            } else {
                workspace.regions.len()
            };
            let keep: Vec<usize> = (0..count)
                .filter(|&g| {
                    if territory {
                        scope.region.is_none_or(|r| data.territory_region[g] == r)
                            && scope.territory.is_none_or(|t| t as usize == g)
                    } else {
                        scope.region.is_none_or(|r| r as usize == g)
                    }
                })
                .collect();
            let mut row = vec![NONE; count];
            for (index, &g) in keep.iter().enumerate() {
                row[g] = index as u32;
            }
            let pick = |g: u32| if g == NONE { NONE } else { row[g as usize] };
            let (rep_column, account_column) = if territory {
                (&data.rep_territory, &data.account_territory)
            } else {
                (&data.rep_region, &data.account_region)
            };
            let of_rep = (0..workspace.reps.len())
                .map(|r| {
                    if rep_in_scope(r) {
                        pick(rep_column[r])
                    } else {
                        NONE
                    }
                })
                .collect();
            let of_hcp = (0..workspace.hcps.len())
                .map(|h| {
                    if hcp_in_scope(h) {
                        pick(account_of(h, account_column))
                    } else {
                        NONE
                    }
                })
                .collect();
            let list = keep
                .iter()
                .map(|&g| {
                    if territory {
                        let t = &workspace.territories[g];
                        (t.id.clone(), t.name.clone())
                    } else {
                        let r = &workspace.regions[g];
                        (r.id.clone(), r.name.clone())
                    }
                })
                .collect();
            (list, of_rep, of_hcp)
        }
        ActivityDimension::Team => (
            vec![(String::new(), workspace.settings.name.clone())],
            (0..workspace.reps.len())
                .map(|r| if rep_in_scope(r) { 0 } else { NONE })
                .collect(),
            (0..workspace.hcps.len())
                .map(|h| if hcp_in_scope(h) { 0 } else { NONE })
                .collect(),
        ),
    };
    let (ids, names) = list.into_iter().unzip();
    Groups {
        ids,
        names,
        of_rep,
        of_hcp,
    }
}

/// The days of a period that count: from its first day to its last, or to the end of the data.
pub fn counted_days(
    period: Period,
    data_end: Option<Month>,
) -> Option<(CalendarDate, CalendarDate)> {
    let (first, last) = period.months();
    let end = data_end?.min(last);
    (end >= first).then(|| (first.first_day(), last_day(end)))
}

/// Per-HCP counts of one period, shared by the table and the detail lists.
pub(crate) struct HcpCounts {
    pub contacts: Vec<u32>,
    pub last_contact: Vec<i32>,
}

pub(crate) fn hcp_counts(
    data: &PerformanceData,
    hcp_count: usize,
    days: Option<(i32, i32)>,
) -> HcpCounts {
    let mut counts = HcpCounts {
        contacts: vec![0; hcp_count],
        last_contact: vec![i32::MIN; hcp_count],
    };
    let Some((from, to)) = days else {
        return counts;
    };
    let to_month = month_of_day(to);
    for contact in data.contacts_of_months(i64::MIN, to_month) {
        if contact.day > to || !is_contact(InteractionKind::ALL[contact.kind as usize]) {
            continue;
        }
        let hcp = contact.hcp as usize;
        counts.last_contact[hcp] = counts.last_contact[hcp].max(contact.day);
        if contact.day >= from {
            counts.contacts[hcp] += 1;
        }
    }
    counts
}

pub fn activity_table(
    data: &PerformanceData,
    workspace: &Workspace,
    period: Period,
    dimension: ActivityDimension,
    scope: &Scope,
) -> ActivityTable {
    let scope = ScopeIndex::new(data, scope);
    let groups = groups(data, workspace, dimension, scope);
    let days = counted_days(period, data.data_end);
    let field_days = days.map_or(0, |(from, to)| {
        working_days_between(&workspace.settings.calendar, from, to)
    });
    let months_elapsed = days.map_or(0, |(from, to)| {
        ((to.year - from.year) * 12 + i32::from(to.month) - i32::from(from.month) + 1) as u32
    });
    let key_planned = workspace
        .settings
        .performance
        .key_customer_contacts_per_month
        * f64::from(months_elapsed);
    let day_range = days.map(|(from, to)| {
        (
            from.days_since_unix_epoch() as i32,
            to.days_since_unix_epoch() as i32,
        )
    });
    let channels = workspace.channels.len();
    let kinds = InteractionKind::ALL.len();
    let mut rows: Vec<ActivityRow> = groups
        .ids
        .iter()
        .zip(&groups.names)
        .map(|(id, name)| ActivityRow {
            id: id.clone(),
            name: name.clone(),
            field_days,
            by_channel: vec![0; channels],
            by_kind: vec![0; kinds],
            ..ActivityRow::default()
        })
        .collect();
    for &group in &groups.of_rep {
        if group != NONE {
            rows[group as usize].reps += 1;
        }
    }
    let mut digital = vec![0u32; rows.len()];
    if let Some((from, to)) = day_range {
        for contact in data.contacts_of_months(month_of_day(from), month_of_day(to)) {
            if contact.day < from || contact.day > to {
                continue;
            }
            let kind = InteractionKind::ALL[contact.kind as usize];
            if contact.rep != NONE && is_call(kind) {
                let group = groups.of_rep[contact.rep as usize];
                if group != NONE {
                    rows[group as usize].calls += 1;
                }
            }
            let group = groups.of_hcp[contact.hcp as usize];
            if group == NONE {
                continue;
            }
            let row = &mut rows[group as usize];
            if let Some(count) = row.by_channel.get_mut(contact.channel as usize) {
                *count += 1;
            }
            row.by_kind[contact.kind as usize] += 1;
            if is_contact(kind) {
                row.contacts += 1;
                digital[group as usize] += u32::from(contact.digital);
            }
        }
    }
    let counts = hcp_counts(data, workspace.hcps.len(), day_range);
    for (hcp, &group) in groups.of_hcp.iter().enumerate() {
        if group == NONE {
            continue;
        }
        let row = &mut rows[group as usize];
        let contacts = counts.contacts[hcp];
        row.targets += 1;
        row.reached += u32::from(contacts > 0);
        row.never_contacted += u32::from(contacts == 0);
        if data.hcp_key[hcp] {
            row.key_targets += 1;
            row.key_covered += u32::from(contacts > 0 && f64::from(contacts) >= key_planned);
        }
    }
    for (row, &digital) in rows.iter_mut().zip(&digital) {
        finish(row, digital);
    }
    let mut total = ActivityRow {
        id: String::new(),
        name: workspace.settings.name.clone(),
        field_days,
        by_channel: vec![0; channels],
        by_kind: vec![0; kinds],
        ..ActivityRow::default()
    };
    for row in &rows {
        total.reps += row.reps;
        total.calls += row.calls;
        total.targets += row.targets;
        total.reached += row.reached;
        total.contacts += row.contacts;
        total.key_targets += row.key_targets;
        total.key_covered += row.key_covered;
        total.never_contacted += row.never_contacted;
        for (sum, value) in total.by_channel.iter_mut().zip(&row.by_channel) {
            *sum += value;
        }
        for (sum, value) in total.by_kind.iter_mut().zip(&row.by_kind) {
            *sum += value;
        }
    }
    finish(&mut total, digital.iter().sum());
    rows.sort_by(|a, b| {
        b.reach
            .unwrap_or(-1.0)
            .total_cmp(&a.reach.unwrap_or(-1.0))
            .then(a.name.cmp(&b.name))
    });
    ActivityTable {
        period,
        dimension,
        as_of: days.map(|(_, to)| to),
        months_elapsed,
        key_planned,
        rows,
        total,
        no_working_days: days.is_some() && field_days == 0,
    }
}

fn finish(row: &mut ActivityRow, digital: u32) {
    row.calls_per_field_day = ratio(f64::from(row.calls), f64::from(row.field_days * row.reps));
    row.reach = ratio(f64::from(row.reached), f64::from(row.targets));
    row.frequency = ratio(f64::from(row.contacts), f64::from(row.reached));
    row.key_coverage = ratio(f64::from(row.key_covered), f64::from(row.key_targets));
    row.digital_share = ratio(f64::from(digital), f64::from(row.contacts));
}

/// A key customer's last contact, for the "time since last contact" list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyCustomer {
    pub hcp_id: String,
    pub name: String,
    pub account: String,
    pub last_contact: Option<CalendarDate>,
    /// Days from the last contact to the day counted up to; none when never contacted.
    pub days_since: Option<i64>,
    pub contacts_in_period: u32,
}

/// The follow-up lists of one scope: key customers by time since their last contact (never
/// contacted first), and targets not contacted in the period. At most `limit` of each; the
/// counts are whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUp {
    pub key_customers: Vec<KeyCustomer>,
    pub key_count: usize,
    pub never_contacted: Vec<KeyCustomer>,
    pub never_contacted_count: usize,
}

pub fn follow_up(
    data: &PerformanceData,
    workspace: &Workspace,
    period: Period,
    scope: &Scope,
    limit: usize,
) -> FollowUp {
    let index = ScopeIndex::new(data, scope);
    let groups = groups(data, workspace, ActivityDimension::Team, index);
    let days = counted_days(period, data.data_end).map(|(from, to)| {
        (
            from.days_since_unix_epoch() as i32,
            to.days_since_unix_epoch() as i32,
        )
    });
    let counts = hcp_counts(data, workspace.hcps.len(), days);
    let as_of = days.map_or(0, |(_, to)| to);
    let customer = |hcp: usize| {
        let last = counts.last_contact[hcp];
        let account = data.hcp_account[hcp];
        KeyCustomer {
            hcp_id: workspace.hcps[hcp].id.clone(),
            name: workspace.hcps[hcp].name.clone(),
            account: workspace
                .accounts
                .get(account as usize)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            last_contact: (last != i32::MIN)
                .then(|| CalendarDate::from_days_since_unix_epoch(i64::from(last))),
            days_since: (last != i32::MIN).then(|| i64::from(as_of - last)),
            contacts_in_period: counts.contacts[hcp],
        }
    };
    let in_scope: Vec<usize> = (0..workspace.hcps.len())
        .filter(|&h| groups.of_hcp[h] != NONE)
        .collect();
    let mut key: Vec<usize> = in_scope
        .iter()
        .copied()
        .filter(|&h| data.hcp_key[h])
        .collect();
    key.sort_by_key(|&h| (counts.last_contact[h], workspace.hcps[h].id.clone()));
    let never: Vec<usize> = in_scope
        .iter()
        .copied()
        .filter(|&h| counts.contacts[h] == 0)
        .collect();
    let mut never_sorted = never.clone();
    never_sorted.sort_by_key(|&h| {
        (
            !data.hcp_key[h],
            std::cmp::Reverse(workspace.hcps[h].prescribing_potential),
            workspace.hcps[h].id.clone(),
        )
    });
    FollowUp {
        key_count: key.len(),
        key_customers: key.iter().take(limit).map(|&h| customer(h)).collect(),
        never_contacted_count: never.len(),
        never_contacted: never_sorted
            .iter()
            .take(limit)
            .map(|&h| customer(h))
            .collect(),
    }
}

/// The month index (`Month::index`) of a day number.
fn month_of_day(day: i32) -> i64 {
    let date = CalendarDate::from_days_since_unix_epoch(i64::from(day));
    i64::from(date.year) * 12 + i64::from(date.month) - 1
}
