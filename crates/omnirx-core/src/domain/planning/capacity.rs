//! Capacity of a cycle: its dates, each rep's field days, daily capacity per channel (team defaults and per-rep overrides), the visit-slot budget and utilisation.
//!
//! Rules 1–4 of `docs/planning.md`. A rep's field days are the working days of the workspace's
//! calendar in the cycle minus the rep's days off; a channel's capacity is
//! `floor(field days × contacts per field day)`; channels that cost a share of a visit slot (a
//! remote detailing = ½ visit) also draw on the rep's visit slots, `field days × slots per day`.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarDate;
use crate::domain::model::{ChannelKind, WorkCalendar, Workspace};
use crate::domain::performance::calendar::{is_working_day, last_day};
use crate::domain::time::Month;

/// The longest custom cycle, in days.
pub const MAX_CYCLE_DAYS: i64 = 366;
/// Days in an average month (365.2425 ÷ 12): a custom cycle's length in months.
pub const DAYS_PER_MONTH: f64 = 30.436_875;
/// Visit slots per field day unless the team or a rep says otherwise.
pub const DEFAULT_VISIT_SLOTS_PER_DAY: f64 = 8.0;
/// The most a contact may cost in visit slots, and the most contacts per field day.
pub const MAX_VISIT_SLOT_COST: f64 = 4.0;
pub const MAX_PER_FIELD_DAY: f64 = 500.0;

/// The span a plan covers: a month, a quarter or custom dates (both included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cycle {
    Month {
        month: Month,
    },
    /// `quarter` is 1–4.
    Quarter {
        year: i32,
        quarter: u8,
    },
    Custom {
        #[serde(with = "crate::domain::iso_dates::iso_date")]
        from: CalendarDate,
        #[serde(with = "crate::domain::iso_dates::iso_date")]
        to: CalendarDate,
    },
}

/// Why a text or two dates are not a cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotACycle {
    /// Not `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD..YYYY-MM-DD`.
    Unreadable(String),
    /// A custom cycle whose last day is before its first.
    EndsBeforeItStarts,
    /// A custom cycle longer than [`MAX_CYCLE_DAYS`].
    TooLong { days: i64 },
}

impl std::fmt::Display for NotACycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotACycle::Unreadable(text) => write!(
                f,
                "{text:?} is not a cycle: write YYYY-MM, YYYY-Qn or YYYY-MM-DD..YYYY-MM-DD"
            ),
            NotACycle::EndsBeforeItStarts => write!(f, "the cycle ends before it starts"),
            NotACycle::TooLong { days } => write!(
                f,
                "the cycle is {days} days long; a cycle is at most {MAX_CYCLE_DAYS} days"
            ),
        }
    }
}

impl Cycle {
    /// A custom cycle, checked: it ends on or after its first day and is at most a year long.
    pub fn custom(from: CalendarDate, to: CalendarDate) -> Result<Cycle, NotACycle> {
        let days = to.days_since_unix_epoch() - from.days_since_unix_epoch() + 1;
        if days < 1 {
            return Err(NotACycle::EndsBeforeItStarts);
        }
        if days > MAX_CYCLE_DAYS {
            return Err(NotACycle::TooLong { days });
        }
        Ok(Cycle::Custom { from, to })
    }

    /// Reads `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD..YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Cycle, NotACycle> {
        let text = text.trim();
        let bad = || NotACycle::Unreadable(text.to_string());
        if let Some((from, to)) = text.split_once("..") {
            let from = crate::domain::funnel::parse_iso_date(from.trim()).ok_or_else(bad)?;
            let to = crate::domain::funnel::parse_iso_date(to.trim()).ok_or_else(bad)?;
            return Cycle::custom(from, to);
        }
        if let Some((year, quarter)) = text.split_once("-Q").or_else(|| text.split_once("-q")) {
            let year: i32 = year.parse().map_err(|_| bad())?;
            let quarter: u8 = quarter.parse().map_err(|_| bad())?;
            if year.to_string().len() != 4 || !(1..=4).contains(&quarter) {
                return Err(bad());
            }
            return Ok(Cycle::Quarter { year, quarter });
        }
        Month::parse(text)
            .map(|month| Cycle::Month { month })
            .map_err(|_| bad())
    }

    /// `2026-11`, `2026-Q4`, `2026-11-02..2026-12-18`: the form [`Cycle::parse`] reads.
    pub fn key(&self) -> String {
        match self {
            Cycle::Month { month } => month.to_string(),
            Cycle::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Cycle::Custom { from, to } => format!("{from}..{to}"),
        }
    }

    pub fn first_day(&self) -> CalendarDate {
        match *self {
            Cycle::Month { month } => month.first_day(),
            Cycle::Quarter { year, quarter } => Month {
                year,
                month: (quarter - 1) * 3 + 1,
            }
            .first_day(),
            Cycle::Custom { from, .. } => from,
        }
    }

    pub fn last_day(&self) -> CalendarDate {
        match *self {
            Cycle::Month { month } => last_day(month),
            Cycle::Quarter { year, quarter } => last_day(Month {
                year,
                month: quarter * 3,
            }),
            Cycle::Custom { to, .. } => to,
        }
    }

    /// Calendar days, both ends included.
    pub fn day_count(&self) -> i64 {
        self.last_day().days_since_unix_epoch() - self.first_day().days_since_unix_epoch() + 1
    }

    /// The cycle's length in months: 1 for a month, 3 for a quarter, days ÷ [`DAYS_PER_MONTH`]
    /// for custom dates. Frequencies written per month are scaled by it (rule 6).
    pub fn months(&self) -> f64 {
        match self {
            Cycle::Month { .. } => 1.0,
            Cycle::Quarter { .. } => 3.0,
            Cycle::Custom { .. } => self.day_count() as f64 / DAYS_PER_MONTH,
        }
    }

    /// The month of the first day: history for the cycle's curves ends before it.
    pub fn first_month(&self) -> Month {
        let first = self.first_day();
        Month {
            year: first.year,
            month: first.month,
        }
    }

    pub fn contains(&self, date: CalendarDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The cycle just before, of the same kind and length ("last cycle" of the comparison).
    pub fn previous(&self) -> Cycle {
        match *self {
            Cycle::Month { month } => Cycle::Month {
                month: month.plus(-1),
            },
            Cycle::Quarter { year, quarter: 1 } => Cycle::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Cycle::Quarter { year, quarter } => Cycle::Quarter {
                year,
                quarter: quarter - 1,
            },
            Cycle::Custom { from, to } => {
                let days = self.day_count();
                Cycle::Custom {
                    from: from.plus_days(-days),
                    to: to.plus_days(-days),
                }
            }
        }
    }

    /// Every day of the cycle, in order.
    pub fn days(&self) -> impl Iterator<Item = CalendarDate> {
        let first = self.first_day().days_since_unix_epoch();
        let last = self.last_day().days_since_unix_epoch();
        (first..=last).map(CalendarDate::from_days_since_unix_epoch)
    }
}

/// A channel's daily capacity: contacts per field day, and the share of a visit slot one contact
/// costs (0: the channel has only its own capacity; 1: a visit; ½: a remote detailing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelCapacity {
    pub channel_id: String,
    pub per_field_day: f64,
    #[serde(default)]
    pub visit_slot_cost: f64,
}

/// One rep's own numbers: a different slot count or channel capacity, and days off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RepCapacity {
    pub rep_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_slots_per_day: Option<f64>,
    /// Overrides of the team's channels (a channel the team does not plan is not planned).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<ChannelCapacity>,
    /// Days off (leave, training, congresses) as `YYYY-MM-DD`.
    #[serde(
        default,
        with = "crate::domain::iso_dates::iso_date_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub days_off: Vec<CalendarDate>,
}

/// The team's capacity: visit slots per field day, the planned channels with their defaults (in
/// the order given; a channel not listed is not planned), and each rep's overrides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityRules {
    pub visit_slots_per_day: f64,
    pub channels: Vec<ChannelCapacity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reps: Vec<RepCapacity>,
}

/// The default contacts per field day and visit-slot cost of a channel kind, or `None` for kinds
/// reps do not plan contact by contact (webinars, other).
///
/// A rep's remote work fits around 8 visits: about an hour and a half at a desk. Calls of 5–10
/// minutes give 10 a day, approved e-mails chosen and personalised for each HCP 20, short WeChat
/// messages 30 (each channel's capacity is what the rep could do if the remote time went to it).
pub fn default_capacity(kind: ChannelKind) -> Option<(f64, f64)> {
    match kind {
        ChannelKind::RepVisit => Some((8.0, 1.0)),
        ChannelKind::Phone => Some((10.0, 0.0)),
        ChannelKind::RemoteDetailing => Some((6.0, 0.5)),
        ChannelKind::Email => Some((20.0, 0.0)),
        ChannelKind::Wechat => Some((30.0, 0.0)),
        ChannelKind::Pharmacy => Some((4.0, 1.0)),
        ChannelKind::Webinar | ChannelKind::Other => None,
    }
}

impl CapacityRules {
    /// The defaults for a workspace's channels (rule 3): 8 visits, 10 calls, 6 remote
    /// detailings (½ slot each), 20 e-mails and 30 WeChat messages, 4 pharmacy visits per field
    /// day, 8 visit slots; webinars and other channels are not planned.
    pub fn default_for(workspace: &Workspace) -> CapacityRules {
        CapacityRules {
            visit_slots_per_day: DEFAULT_VISIT_SLOTS_PER_DAY,
            channels: workspace
                .channels
                .iter()
                .filter_map(|channel| {
                    default_capacity(channel.kind).map(|(per_field_day, visit_slot_cost)| {
                        ChannelCapacity {
                            channel_id: channel.id.clone(),
                            per_field_day,
                            visit_slot_cost,
                        }
                    })
                })
                .collect(),
            reps: Vec::new(),
        }
    }

    pub fn rep(&self, rep_id: &str) -> Option<&RepCapacity> {
        self.reps.iter().find(|rep| rep.rep_id == rep_id)
    }

    /// A rep's daily numbers: the team's, with the rep's overrides.
    pub fn daily_for(&self, rep_id: &str) -> (f64, Vec<ChannelCapacity>) {
        let own = self.rep(rep_id);
        let slots = own
            .and_then(|rep| rep.visit_slots_per_day)
            .unwrap_or(self.visit_slots_per_day);
        let channels = self
            .channels
            .iter()
            .map(|team| {
                own.and_then(|rep| {
                    rep.channels
                        .iter()
                        .find(|c| c.channel_id == team.channel_id)
                })
                .unwrap_or(team)
                .clone()
            })
            .map(sanitised)
            .collect();
        (clean(slots, MAX_PER_FIELD_DAY), channels)
    }

    pub fn days_off(&self, rep_id: &str) -> &[CalendarDate] {
        self.rep(rep_id).map_or(&[], |rep| rep.days_off.as_slice())
    }
}

/// A finite number in `0..=max` (NaN and negatives are 0).
pub(crate) fn clean(value: f64, max: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value.min(max)
    } else {
        0.0
    }
}

fn sanitised(capacity: ChannelCapacity) -> ChannelCapacity {
    ChannelCapacity {
        per_field_day: clean(capacity.per_field_day, MAX_PER_FIELD_DAY),
        visit_slot_cost: clean(capacity.visit_slot_cost, MAX_VISIT_SLOT_COST),
        ..capacity
    }
}

/// The rep's field days in the cycle (rule 1): working days of the calendar, less days off.
pub fn field_days(
    calendar: &WorkCalendar,
    cycle: &Cycle,
    days_off: &[CalendarDate],
) -> Vec<CalendarDate> {
    cycle
        .days()
        .filter(|day| is_working_day(calendar, *day) && !days_off.contains(day))
        .collect()
}

/// One channel's budget for a rep in a cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelBudget {
    pub channel_id: String,
    pub per_field_day: f64,
    pub visit_slot_cost: f64,
    /// `floor(field days × per field day)` contacts.
    pub capacity: u32,
}

/// A rep's capacity in a cycle (rule 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepBudget {
    pub rep_id: String,
    pub field_days: u32,
    pub visit_slots_per_day: f64,
    /// `field days × visit slots per day`.
    pub visit_slots: f64,
    /// In the order of the team's channels.
    pub channels: Vec<ChannelBudget>,
}

/// Contacts a channel can carry: `floor(field days × per day)`, with a hair of tolerance so that
/// 21 × 0.1 × 10 counts as 21.
pub fn channel_capacity(field_days: u32, per_field_day: f64) -> u32 {
    let contacts = f64::from(field_days) * per_field_day;
    libm::floor(contacts + 1e-9).clamp(0.0, f64::from(u32::MAX)) as u32
}

/// A rep's budget for a cycle.
pub fn capacity(
    calendar: &WorkCalendar,
    rules: &CapacityRules,
    cycle: &Cycle,
    rep_id: &str,
) -> RepBudget {
    let days = field_days(calendar, cycle, rules.days_off(rep_id)).len() as u32;
    let (slots_per_day, channels) = rules.daily_for(rep_id);
    RepBudget {
        rep_id: rep_id.to_string(),
        field_days: days,
        visit_slots_per_day: slots_per_day,
        visit_slots: f64::from(days) * slots_per_day,
        channels: channels
            .into_iter()
            .map(|channel| ChannelBudget {
                capacity: channel_capacity(days, channel.per_field_day),
                channel_id: channel.channel_id,
                per_field_day: channel.per_field_day,
                visit_slot_cost: channel.visit_slot_cost,
            })
            .collect(),
    }
}

/// Planned load ÷ capacity, or `None` when there is no capacity (rule 4).
pub fn utilisation(planned: f64, capacity: f64) -> Option<f64> {
    (capacity > 0.0).then(|| planned / capacity)
}
