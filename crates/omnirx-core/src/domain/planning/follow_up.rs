//! Following a plan up: actual against planned contacts per rep, channel and HCP, attainment, on-track bands against the share of the cycle elapsed, and the HCPs behind plan for the rep's next week.
//!
//! Rules 24–27 of `docs/planning.md`. As in Veeva's MCCP, "earned" contacts are capped at the
//! plan (contacting one HCP twice as often does not make up for another never seen) while
//! "actual" is not; attainment is earned ÷ planned; the bands are
//! `upper = elapsed × planned × (1 + over)` and `lower = elapsed × planned × (1 − under)`.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;

use super::capacity::{field_days, CapacityRules};
use super::data::PlanningData;
use super::optimise::Plan;
use crate::domain::iso_dates::iso_date;

/// How far above or below the elapsed share of the plan still counts as on track.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    pub over: f64,
    pub under: f64,
}

impl Default for Bands {
    /// ±10 %.
    fn default() -> Self {
        Bands {
            over: 0.10,
            under: 0.10,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Earned above the upper band.
    Ahead,
    OnTrack,
    /// Earned below the lower band.
    Behind,
    /// Nothing was planned.
    NotPlanned,
}

/// Planned against actual at one level.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub planned: u32,
    pub actual: u32,
    /// Actual capped at the plan, HCP × channel by HCP × channel.
    pub earned: u32,
    /// earned ÷ planned; `None` when nothing was planned.
    pub attainment: Option<f64>,
    /// elapsed × planned.
    pub expected: f64,
    pub lower: f64,
    pub upper: f64,
    pub track: Track,
}

/// The progress of `earned` (and `actual`) against `planned` at `elapsed` (rule 25).
pub fn progress(planned: u32, actual: u32, earned: u32, elapsed: f64, bands: Bands) -> Progress {
    let elapsed = if elapsed.is_finite() {
        elapsed.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let over = if bands.over.is_finite() {
        bands.over.max(0.0)
    } else {
        0.0
    };
    let under = if bands.under.is_finite() {
        bands.under.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let expected = elapsed * f64::from(planned);
    let (lower, upper) = (expected * (1.0 - under), expected * (1.0 + over));
    let earned_f = f64::from(earned);
    let track = if planned == 0 {
        Track::NotPlanned
    } else if earned_f + 1e-9 < lower {
        Track::Behind
    } else if earned_f > upper + 1e-9 {
        Track::Ahead
    } else {
        Track::OnTrack
    };
    Progress {
        planned,
        actual,
        earned,
        attainment: (planned > 0).then(|| earned_f / f64::from(planned)),
        expected,
        lower,
        upper,
        track,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelProgress {
    pub channel_id: String,
    pub progress: Progress,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HcpProgress {
    pub hcp_id: String,
    pub channel_id: String,
    pub progress: Progress,
}

/// An HCP × channel behind plan and what the next week should bring (rule 26).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BehindHcp {
    pub hcp_id: String,
    pub channel_id: String,
    pub planned: u32,
    pub earned: u32,
    /// `⌈elapsed × planned − earned⌉`.
    pub shortfall: u32,
    /// Contacts that bring it back to the expected line by the end of next week (at most what
    /// is left of the plan).
    pub next_week: u32,
    pub next_gain: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepFollowUp {
    pub rep_id: String,
    /// Field days elapsed ÷ field days in the cycle (calendar days when it has no field day).
    pub elapsed: f64,
    pub total: Progress,
    pub channels: Vec<ChannelProgress>,
    /// Every HCP × channel with something planned or done.
    pub hcps: Vec<HcpProgress>,
    /// The largest shortfalls first.
    pub behind: Vec<BehindHcp>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    #[serde(with = "iso_date")]
    pub as_of: CalendarDate,
    pub bands: Bands,
    pub reps: Vec<RepFollowUp>,
}

/// The share of a rep's cycle elapsed at the end of `as_of`.
fn elapsed_share(
    days: &[CalendarDate],
    first: CalendarDate,
    last: CalendarDate,
    as_of: CalendarDate,
) -> f64 {
    if days.is_empty() {
        let total = last.days_since_unix_epoch() - first.days_since_unix_epoch() + 1;
        let done =
            (as_of.days_since_unix_epoch() - first.days_since_unix_epoch() + 1).clamp(0, total);
        return done as f64 / total.max(1) as f64;
    }
    days.iter().filter(|d| **d <= as_of).count() as f64 / days.len() as f64
}

/// Actual against planned up to the end of `as_of` (rule 24): contacts of the plan's channels
/// with the plan's HCPs on the cycle's days to `as_of`, by anyone (digital messages often name
/// no rep).
pub fn follow_up(
    workspace: &Workspace,
    data: &PlanningData,
    rules: &CapacityRules,
    plan: &Plan,
    as_of: CalendarDate,
    bands: Bands,
) -> FollowUp {
    let cycle = plan.cycle;
    let (first, last) = (cycle.first_day(), cycle.last_day());
    let hcp_index: std::collections::HashMap<&str, usize> = workspace
        .hcps
        .iter()
        .enumerate()
        .map(|(i, h)| (h.id.as_str(), i))
        .collect();
    let channel_index: Vec<Option<usize>> = plan
        .channels
        .iter()
        .map(|c| workspace.channels.iter().position(|w| w.id == c.channel_id))
        .collect();
    let to = as_of.min(last).days_since_unix_epoch();
    let mut per_channel = vec![0u32; workspace.channels.len()];
    let mut reps = Vec::with_capacity(plan.reps.len());
    for rep in &plan.reps {
        let days = field_days(
            &workspace.settings.calendar,
            &cycle,
            rules.days_off(&rep.rep_id),
        );
        let elapsed = elapsed_share(&days, first, last, as_of);
        let next_week = elapsed_share(&days, first, last, as_of.plus_days(7));
        let k = plan.channels.len();
        let (mut planned, mut actual, mut earned) = (vec![0u32; k], vec![0u32; k], vec![0u32; k]);
        let mut hcps = Vec::new();
        let mut behind = Vec::new();
        for row in plan.rows.iter().filter(|r| r.rep_id == rep.rep_id) {
            match hcp_index.get(row.hcp_id.as_str()) {
                Some(&h) if as_of >= first => {
                    data.contacts_between(h, first.days_since_unix_epoch(), to, &mut per_channel)
                }
                _ => per_channel.iter_mut().for_each(|c| *c = 0),
            }
            for (slot, cell) in row.cells.iter().enumerate() {
                let done = channel_index[slot].map_or(0, |c| per_channel[c]);
                if cell.planned == 0 && done == 0 {
                    continue;
                }
                let got = done.min(cell.planned);
                planned[slot] += cell.planned;
                actual[slot] += done;
                earned[slot] += got;
                let p = progress(cell.planned, done, got, elapsed, bands);
                if p.track == Track::Behind {
                    let shortfall = libm::ceil(p.expected - f64::from(got) - 1e-9).max(1.0) as u32;
                    let due =
                        libm::ceil(next_week * f64::from(cell.planned) - f64::from(got) - 1e-9)
                            .max(1.0) as u32;
                    behind.push(BehindHcp {
                        hcp_id: row.hcp_id.clone(),
                        channel_id: plan.channels[slot].channel_id.clone(),
                        planned: cell.planned,
                        earned: got,
                        shortfall,
                        next_week: due.min(cell.planned - got),
                        next_gain: cell.gain.marginal(got),
                    });
                }
                hcps.push(HcpProgress {
                    hcp_id: row.hcp_id.clone(),
                    channel_id: plan.channels[slot].channel_id.clone(),
                    progress: p,
                });
            }
        }
        behind.sort_by(|a, b| {
            b.shortfall
                .cmp(&a.shortfall)
                .then(b.next_gain.total_cmp(&a.next_gain))
                .then(a.hcp_id.cmp(&b.hcp_id))
                .then(a.channel_id.cmp(&b.channel_id))
        });
        let sum = |v: &[u32]| v.iter().sum::<u32>();
        reps.push(RepFollowUp {
            rep_id: rep.rep_id.clone(),
            elapsed,
            total: progress(sum(&planned), sum(&actual), sum(&earned), elapsed, bands),
            channels: plan
                .channels
                .iter()
                .enumerate()
                .map(|(slot, c)| ChannelProgress {
                    channel_id: c.channel_id.clone(),
                    progress: progress(planned[slot], actual[slot], earned[slot], elapsed, bands),
                })
                .collect(),
            hcps,
            behind,
        });
    }
    FollowUp { as_of, bands, reps }
}
