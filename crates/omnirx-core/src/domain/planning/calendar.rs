//! A rep's plan as a calendar: planned visits spread over the cycle's field days, the HCPs of one account on the same day, week by week, and the `.ics` text (RFC 5545) to take it into any calendar.
//!
//! Rules 21–23 of `docs/planning.md`. Only channels that cost visit slots are put on days (they
//! fill a day's slots); e-mails, WeChat messages and calls are left to the rep's days.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;
use crate::domain::performance::calendar::iso_weekday;
use crate::domain::time::Timestamp;

use super::optimise::Plan;
use crate::domain::iso_dates::iso_date;

const SLOT_EPSILON: f64 = 1e-9;

/// One planned contact on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledContact {
    pub hcp_id: String,
    pub account_id: String,
    pub channel_id: String,
}

/// A field day and its contacts, grouped by account (accounts in the order they were placed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduledDay {
    #[serde(with = "iso_date")]
    pub date: CalendarDate,
    pub slots_used: f64,
    pub contacts: Vec<ScheduledContact>,
}

/// A week (Monday to Sunday) of the schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleWeek {
    #[serde(with = "iso_date")]
    pub monday: CalendarDate,
    pub field_days: u32,
    pub contacts: u32,
    pub accounts: u32,
    /// Indexes into [`Schedule::days`].
    pub days: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub rep_id: String,
    pub slots_per_day: f64,
    /// Every field day of the cycle, in order.
    pub days: Vec<ScheduledDay>,
    pub weeks: Vec<ScheduleWeek>,
    /// Contacts no field day had room for (a plan edited beyond capacity, or no field day).
    pub unplaced: Vec<ScheduledContact>,
}

/// The Monday of a date's week.
pub fn monday_of(date: CalendarDate) -> CalendarDate {
    date.plus_days(-(i64::from(iso_weekday(date)) - 1))
}

/// One account's visits of one round.
struct Group {
    ideal: usize,
    account: usize,
    round: usize,
    /// (row, channel) per contact.
    contacts: Vec<(usize, usize)>,
}

/// Each account's rounds of the rep's contacts through `channels`: an account has as many rounds
/// as its most contacted HCP needs, an HCP's contacts spread evenly over them, its channels
/// interleaved by position `(i + ½) ÷ count`.
fn account_groups(
    plan: &Plan,
    rows: &[usize],
    accounts: &[&str],
    channels: &[usize],
    n_days: usize,
) -> Vec<Group> {
    let mut groups = Vec::new();
    for (rank, account) in accounts.iter().enumerate() {
        let mut sequences: Vec<Vec<(usize, usize)>> = Vec::new();
        for &r in rows
            .iter()
            .filter(|&&r| plan.rows[r].account_id == *account)
        {
            let mut contacts: Vec<(f64, usize, usize)> = Vec::new();
            for &k in channels {
                let count = plan.rows[r].cells[k].planned;
                for i in 0..count {
                    contacts.push(((f64::from(i) + 0.5) / f64::from(count), k, r));
                }
            }
            contacts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if !contacts.is_empty() {
                sequences.push(contacts.into_iter().map(|(_, k, r)| (r, k)).collect());
            }
        }
        let rounds = sequences.iter().map(Vec::len).max().unwrap_or(0);
        let mut by_round: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rounds];
        for sequence in &sequences {
            let v = sequence.len();
            for (j, &contact) in sequence.iter().enumerate() {
                by_round[j * rounds / v].push(contact);
            }
        }
        let phase = (rank as f64 + 0.5) / accounts.len() as f64;
        for (round, contacts) in by_round.into_iter().enumerate() {
            let position = (round as f64 + phase) / rounds as f64;
            let ideal = libm::floor(position * n_days as f64) as usize;
            groups.push(Group {
                ideal: ideal.min(n_days.saturating_sub(1)),
                account: rank,
                round,
                contacts,
            });
        }
    }
    groups
}

/// Spreads the rep's planned slot contacts over `field_days` (rule 21): an account's HCPs are
/// visited together in rounds (as many as its most visited HCP needs), an HCP's contacts spread
/// evenly over the rounds and its channels interleaved; round `r` of `R` of the account with rank
/// `i` of `A` aims at field day `⌊(r + (i + ½)/A) ÷ R × days⌋`, and goes to the nearest day with
/// enough free slots that holds no other round of the same account. The dearest contacts
/// (visits) are placed first, the cheaper ones (remote detailing) then, preferring a day the
/// account is already visited.
pub fn schedule(plan: &Plan, rep_id: &str, field_days: &[CalendarDate]) -> Schedule {
    let slots_per_day = plan.rep(rep_id).map_or(0.0, |r| r.visit_slots_per_day);
    let rows: Vec<usize> = (0..plan.rows.len())
        .filter(|&r| plan.rows[r].rep_id == rep_id)
        .collect();
    let slot_channels: Vec<usize> = (0..plan.channels.len())
        .filter(|&k| plan.channels[k].visit_slot_cost > 0.0)
        .collect();
    // Accounts in the order their first HCP comes.
    let mut accounts: Vec<&str> = Vec::new();
    for &r in &rows {
        let account = plan.rows[r].account_id.as_str();
        let has_visits = slot_channels
            .iter()
            .any(|&k| plan.rows[r].cells[k].planned > 0);
        if has_visits && !accounts.contains(&account) {
            accounts.push(account);
        }
    }
    let n_days = field_days.len();
    let mut days: Vec<ScheduledDay> = field_days
        .iter()
        .map(|&date| ScheduledDay {
            date,
            slots_used: 0.0,
            contacts: Vec::new(),
        })
        .collect();
    let mut account_days: Vec<Vec<usize>> = vec![Vec::new(); accounts.len()];
    let mut unplaced = Vec::new();
    let cost = |k: usize| plan.channels[k].visit_slot_cost;
    let contact = |(r, k): (usize, usize)| ScheduledContact {
        hcp_id: plan.rows[r].hcp_id.clone(),
        account_id: plan.rows[r].account_id.clone(),
        channel_id: plan.channels[k].channel_id.clone(),
    };
    // Days by distance from the ideal one (later first on ties).
    let nearest = |ideal: usize| {
        let mut order = Vec::with_capacity(n_days);
        for distance in 0..n_days {
            if ideal + distance < n_days {
                order.push(ideal + distance);
            }
            if distance > 0 && distance <= ideal {
                order.push(ideal - distance);
            }
        }
        order
    };
    // The dearest contacts first (visits), then the cheaper ones (remote detailing) into what is
    // left, on a day the account is already visited when one has room: whole slots are filled
    // before half slots, so a plan within the slots always fits when costs are 1 and ½.
    let mut classes: Vec<f64> = slot_channels.iter().map(|&k| cost(k)).collect();
    classes.sort_by(|a, b| b.total_cmp(a));
    classes.dedup_by(|a, b| (*a - *b).abs() <= SLOT_EPSILON);
    for (pass, class) in classes.iter().enumerate() {
        let channels: Vec<usize> = slot_channels
            .iter()
            .copied()
            .filter(|&k| (cost(k) - class).abs() <= SLOT_EPSILON)
            .collect();
        let mut groups = account_groups(plan, &rows, &accounts, &channels, n_days);
        groups.sort_by_key(|g| (g.ideal, g.account, g.round));
        for group in groups {
            let need: f64 = group.contacts.iter().map(|&(_, k)| cost(k)).sum();
            let order = nearest(group.ideal);
            let free = |d: usize, days: &[ScheduledDay]| slots_per_day - days[d].slots_used;
            let room = |d: &usize| free(*d, &days) + SLOT_EPSILON >= need;
            let seen = &account_days[group.account];
            let whole = if pass == 0 {
                order
                    .iter()
                    .copied()
                    .filter(room)
                    .find(|d| !seen.contains(d))
            } else {
                order
                    .iter()
                    .copied()
                    .filter(room)
                    .find(|d| seen.contains(d))
            }
            .or_else(|| order.iter().copied().find(room));
            match whole {
                Some(d) => {
                    days[d].slots_used += need;
                    days[d]
                        .contacts
                        .extend(group.contacts.iter().map(|&c| contact(c)));
                    account_days[group.account].push(d);
                }
                None => {
                    // Split: each contact to the nearest day with room.
                    for &(r, k) in &group.contacts {
                        match order
                            .iter()
                            .copied()
                            .find(|&d| free(d, &days) + SLOT_EPSILON >= cost(k))
                        {
                            Some(d) => {
                                days[d].slots_used += cost(k);
                                days[d].contacts.push(contact((r, k)));
                                account_days[group.account].push(d);
                            }
                            None => unplaced.push(contact((r, k))),
                        }
                    }
                }
            }
        }
    }
    for day in &mut days {
        // The same account's HCPs next to each other, in the order accounts arrived.
        let mut order: Vec<String> = Vec::new();
        for c in &day.contacts {
            if !order.contains(&c.account_id) {
                order.push(c.account_id.clone());
            }
        }
        day.contacts
            .sort_by_key(|c| order.iter().position(|a| *a == c.account_id));
    }
    let mut weeks: Vec<ScheduleWeek> = Vec::new();
    for (index, day) in days.iter().enumerate() {
        let monday = monday_of(day.date);
        if weeks.last().is_none_or(|w| w.monday != monday) {
            weeks.push(ScheduleWeek {
                monday,
                field_days: 0,
                contacts: 0,
                accounts: 0,
                days: Vec::new(),
            });
        }
        let week = weeks.last_mut().expect("a week was just pushed");
        week.field_days += 1;
        week.contacts += day.contacts.len() as u32;
        let mut accounts: Vec<&str> = day.contacts.iter().map(|c| c.account_id.as_str()).collect();
        accounts.dedup();
        week.accounts += accounts.len() as u32;
        week.days.push(index);
    }
    Schedule {
        rep_id: rep_id.to_string(),
        slots_per_day,
        days,
        weeks,
        unplaced,
    }
}

/// One all-day event of the `.ics` file: a day's visits at one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcsEvent {
    pub uid: String,
    #[serde(with = "iso_date")]
    pub date: CalendarDate,
    pub summary: String,
    pub location: String,
    pub description: String,
}

/// The schedule's events (rule 22): one per day and account, named after the account, at its
/// city, listing its HCPs and channels; the UID is built from the cycle, rep, day and account,
/// so exporting again updates the same events.
pub fn schedule_events(workspace: &Workspace, plan: &Plan, schedule: &Schedule) -> Vec<IcsEvent> {
    let account = |id: &str| workspace.accounts.iter().find(|a| a.id == id);
    let hcp_name = |id: &str| {
        workspace
            .hcps
            .iter()
            .find(|h| h.id == id)
            .map_or(id.to_string(), |h| h.name.clone())
    };
    let channel_name = |id: &str| {
        workspace
            .channels
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let mut events = Vec::new();
    for day in &schedule.days {
        let mut start = 0;
        while start < day.contacts.len() {
            let account_id = &day.contacts[start].account_id;
            let end = start
                + day.contacts[start..]
                    .iter()
                    .take_while(|c| &c.account_id == account_id)
                    .count();
            let known = account(account_id);
            events.push(IcsEvent {
                uid: format!(
                    "{}-{}-{}-{}@omnirx",
                    plan.cycle.key(),
                    schedule.rep_id,
                    compact_date(day.date),
                    account_id
                ),
                date: day.date,
                summary: known.map_or(account_id.clone(), |a| a.name.clone()),
                location: known.map_or(String::new(), |a| a.city.clone()),
                description: day.contacts[start..end]
                    .iter()
                    .map(|c| format!("{} · {}", hcp_name(&c.hcp_id), channel_name(&c.channel_id)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
            start = end;
        }
    }
    events
}

/// `YYYYMMDD`, the form of an all-day date in iCalendar.
pub fn compact_date(date: CalendarDate) -> String {
    format!("{:04}{:02}{:02}", date.year, date.month, date.day)
}

/// A TEXT value escaped (RFC 5545 §3.3.11): `\` `;` `,` and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A content line folded (RFC 5545 §3.1): at most 75 octets a line, continued after CRLF and
/// one space, never inside a UTF-8 character; the result ends with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            folded.push_str("\r\n ");
            used = 1;
        }
        folded.push(c);
        used += width;
    }
    folded.push_str("\r\n");
    folded
}

/// The `.ics` text of events (rule 23): VCALENDAR 2.0, one all-day VEVENT per event (DTSTART and
/// DTEND as dates), `stamp` as every DTSTAMP (the caller's clock: the core reads none).
pub fn to_ics(events: &[IcsEvent], stamp: Timestamp) -> String {
    let date = stamp.date();
    let seconds = stamp.0.rem_euclid(86_400);
    let dtstamp = format!(
        "{}T{:02}{:02}{:02}Z",
        compact_date(date),
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    );
    let mut text = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//OmniRx//Cycle plan//EN",
        "CALSCALE:GREGORIAN",
    ] {
        text.push_str(&fold_line(line));
    }
    for event in events {
        let lines = [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape_text(&event.uid)),
            format!("DTSTAMP:{dtstamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact_date(event.date)),
            format!("DTEND;VALUE=DATE:{}", compact_date(event.date.plus_days(1))),
            format!("SUMMARY:{}", escape_text(&event.summary)),
            format!("LOCATION:{}", escape_text(&event.location)),
            format!("DESCRIPTION:{}", escape_text(&event.description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ];
        for line in &lines {
            text.push_str(&fold_line(line));
        }
    }
    text.push_str(&fold_line("END:VCALENDAR"));
    text
}
