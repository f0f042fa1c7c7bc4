//! Response curves: expected prescription uplift against contacts per month, `a·(1 − e^(−b·x))`, per segment × channel, estimated from the workspace's own history, shrunk toward a prior when the data is thin, and editable.
//!
//! Rules 9–13 of `docs/planning.md`. These are associations found in the history (HCPs who were
//! contacted more in a month prescribed more in the months after it, compared with their own
//! average), not proof that the contacts caused the prescriptions.

use serde::{Deserialize, Serialize};

use crate::domain::model::{ChannelKind, Workspace};

use super::capacity::Cycle;
use super::data::PlanningData;
use super::goals::{GoalRules, Segmentation};

/// Months of contacts the estimation reads, ending before the cycle (rule 9).
pub const HISTORY_MONTHS: i64 = 12;
/// The months after a contact month whose units are its response (their mean per month).
pub const OUTCOME_MONTHS: i64 = 2;
/// Contacts in a month from this number on share the last bin.
pub const MAX_BIN: usize = 8;
/// How many HCPs of data weigh as much as the prior (rule 11).
pub const PRIOR_HCPS: f64 = 50.0;
/// At a saturated contact programme, the prior's uplift is this share of the segment's monthly
/// units per HCP, times the channel's weight (rule 12).
pub const PRIOR_UPLIFT_SHARE: f64 = 0.10;
/// The grid of `b` the fit searches: `0.1 × 1.25^k`, k = 0 … 20 (0.1 to about 8.7).
pub const B_GRID: usize = 21;
/// The largest `b` a user may set.
pub const MAX_B: f64 = 50.0;

/// Expected uplift of `x` contacts per month: `a·(1 − e^(−b·x))`.
pub fn uplift(a: f64, b: f64, x: f64) -> f64 {
    if !(a > 0.0) || !(b > 0.0) || !(x > 0.0) {
        return 0.0;
    }
    a * (1.0 - libm::exp(-b * x))
}

/// The two numbers of a curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveParameters {
    pub a: f64,
    pub b: f64,
}

/// Where the curve in use comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveSource {
    /// Fitted to the history, blended with the prior by `data_weight`.
    Estimated,
    /// The prior alone: too little history to fit (fewer than three contact counts observed,
    /// or no HCP whose contacts varied).
    Prior,
    /// Set by the user.
    Edited,
}

/// One bin of the chart: mean contacts in a month, the mean response of those months measured
/// from the fitted curve's zero, and how many HCP-months it holds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub contacts: f64,
    pub uplift: f64,
    pub observations: u32,
}

/// A segment × channel curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseCurve {
    /// A [`super::goals::PlanSegment::key`].
    pub segment: String,
    pub channel_id: String,
    /// The curve in use.
    pub a: f64,
    pub b: f64,
    pub source: CurveSource,
    pub prior: CurveParameters,
    pub fitted: Option<CurveParameters>,
    /// HCPs whose contacts through the channel varied in the history.
    pub hcps: u32,
    /// HCP-months in the bins.
    pub observations: u32,
    /// `hcps ÷ (hcps + PRIOR_HCPS)`: how much the fit counts against the prior.
    pub data_weight: f64,
    pub points: Vec<CurvePoint>,
}

impl ResponseCurve {
    pub fn uplift(&self, contacts_per_month: f64) -> f64 {
        uplift(self.a, self.b, contacts_per_month)
    }
}

/// A curve the user set for a segment and channel (stored with the plan settings later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveEdit {
    pub segment: String,
    pub channel_id: String,
    pub a: f64,
    pub b: f64,
}

/// Why a curve edit was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveRefusal {
    /// `a` must be a finite number ≥ 0.
    BadHeight,
    /// `b` must be a finite number > 0 and ≤ [`MAX_B`].
    BadRate,
}

/// Sets (or replaces) the user's curve for a segment and channel (rule 13). The curve stays
/// concave and rising: `a ≥ 0`, `0 < b ≤ MAX_B`.
pub fn set_curve(
    edits: &mut Vec<CurveEdit>,
    segment: &str,
    channel_id: &str,
    a: f64,
    b: f64,
) -> Result<(), CurveRefusal> {
    if !a.is_finite() || a < 0.0 {
        return Err(CurveRefusal::BadHeight);
    }
    if !b.is_finite() || b <= 0.0 || b > MAX_B {
        return Err(CurveRefusal::BadRate);
    }
    let edit = CurveEdit {
        segment: segment.to_string(),
        channel_id: channel_id.to_string(),
        a,
        b,
    };
    match edits
        .iter_mut()
        .find(|e| e.segment == segment && e.channel_id == channel_id)
    {
        Some(existing) => *existing = edit,
        None => edits.push(edit),
    }
    Ok(())
}

/// Forgets the user's curve: the estimate is used again.
pub fn clear_curve(edits: &mut Vec<CurveEdit>, segment: &str, channel_id: &str) {
    edits.retain(|e| !(e.segment == segment && e.channel_id == channel_id));
}

/// How much a channel's contacts are worth against a visit, in the prior (rule 12).
pub fn channel_weight(kind: ChannelKind) -> f64 {
    match kind {
        ChannelKind::RepVisit => 1.0,
        ChannelKind::RemoteDetailing | ChannelKind::Pharmacy => 0.6,
        ChannelKind::Webinar => 0.5,
        ChannelKind::Phone => 0.4,
        ChannelKind::Wechat | ChannelKind::Other => 0.3,
        ChannelKind::Email => 0.2,
    }
}

/// The months whose contacts the estimation reads for a cycle: the last [`HISTORY_MONTHS`]
/// whose [`OUTCOME_MONTHS`] following months end before the cycle and within the data.
pub fn history_window(data: &PlanningData, cycle: &Cycle) -> Option<(i64, i64)> {
    let (first, last) = (data.first_month?.index(), data.last_month?.index());
    let end = (cycle.first_month().index() - 1).min(last) - OUTCOME_MONTHS;
    let start = (end - HISTORY_MONTHS + 1).max(first);
    (start <= end).then_some((start, end))
}

/// Weighted least squares of `y = c + a·(1 − e^(−b·x))` on the bins, `b` on the grid, `a ≥ 0`
/// (rule 10). Returns `(a, b, c)`, or `None` with fewer than three bins holding data.
pub fn fit_bins(points: &[(f64, f64, f64)]) -> Option<(f64, f64, f64)> {
    if points.iter().filter(|p| p.2 > 0.0).count() < 3 {
        return None;
    }
    let mut best: Option<(f64, f64, f64, f64)> = None;
    let mut b = 0.1;
    for _ in 0..B_GRID {
        let (mut w, mut sg, mut sy, mut sgg, mut sgy) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(x, y, n) in points {
            let g = 1.0 - libm::exp(-b * x);
            w += n;
            sg += n * g;
            sy += n * y;
            sgg += n * g * g;
            sgy += n * g * y;
        }
        let spread = w * sgg - sg * sg;
        if w > 0.0 && spread > 1e-12 * w * w {
            let mut a = (w * sgy - sg * sy) / spread;
            let mut c = (sy - a * sg) / w;
            if a < 0.0 {
                a = 0.0;
                c = sy / w;
            }
            let sse: f64 = points
                .iter()
                .map(|&(x, y, n)| {
                    let e = y - c - a * (1.0 - libm::exp(-b * x));
                    n * e * e
                })
                .sum();
            if best.is_none_or(|(_, _, _, best_sse)| sse < best_sse - 1e-12 * (1.0 + best_sse)) {
                best = Some((a, b, c, sse));
            }
        }
        b *= 1.25;
    }
    best.map(|(a, b, c, _)| (a, b, c))
}

/// The curve closest to `w × fitted + (1 − w) × prior` (rule 11): least squares over 0.5, 1, …,
/// 8 contacts a month, `b` from a fine grid and the two curves' own, `a` in closed form. At
/// `w = 1` it is the fit, at `w = 0` the prior.
pub fn blend(fitted: CurveParameters, prior: CurveParameters, w: f64) -> CurveParameters {
    let w = if w.is_finite() {
        w.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let xs: Vec<f64> = (1..=16).map(|i| f64::from(i) * 0.5).collect();
    let target: Vec<f64> = xs
        .iter()
        .map(|&x| w * uplift(fitted.a, fitted.b, x) + (1.0 - w) * uplift(prior.a, prior.b, x))
        .collect();
    let mut candidates = vec![fitted.b, prior.b];
    let mut b = 0.02;
    while b < MAX_B {
        candidates.push(b);
        b *= 1.05;
    }
    let mut best = CurveParameters { a: 0.0, b: prior.b };
    let mut best_error = f64::INFINITY;
    for &b in candidates.iter().filter(|b| b.is_finite() && **b > 0.0) {
        let (mut gg, mut gt) = (0.0, 0.0);
        for (&x, &t) in xs.iter().zip(&target) {
            let g = 1.0 - libm::exp(-b * x);
            gg += g * g;
            gt += g * t;
        }
        let a = if gg > 0.0 { (gt / gg).max(0.0) } else { 0.0 };
        let error: f64 = xs
            .iter()
            .zip(&target)
            .map(|(&x, &t)| {
                let e = a * (1.0 - libm::exp(-b * x)) - t;
                e * e
            })
            .sum();
        if error < best_error - 1e-15 {
            best = CurveParameters { a, b };
            best_error = error;
        }
    }
    best
}

/// Bins of one segment × channel.
#[derive(Clone, Copy, Default)]
struct Bin {
    n: f64,
    sum_x: f64,
    sum_y: f64,
}

/// The curves for every segment × planned channel (`channels`: indexes into the workspace's
/// channels), segment-major: `curves[segment × channels.len() + k]`.
pub fn fit_curves(
    workspace: &Workspace,
    data: &PlanningData,
    segmentation: &Segmentation,
    goals: &GoalRules,
    channels: &[usize],
    cycle: &Cycle,
    edits: &[CurveEdit],
) -> Vec<ResponseCurve> {
    let segment_count = segmentation.segments.len();
    let k = channels.len();
    let mut bins = vec![[Bin::default(); MAX_BIN + 1]; segment_count * k];
    let mut varied = vec![0u32; segment_count * k];
    // Per segment: the sum of the HCPs' mean monthly units, of potentials, and the count.
    let mut baseline = vec![(0.0f64, 0.0f64, 0u32); segment_count];
    let window = history_window(data, cycle);
    let months = window.map_or(0, |(s, e)| (e - s + 1) as usize);
    let mut x = vec![0u32; months * k];
    let mut y = vec![0.0f64; months];
    let channel_slot: Vec<Option<usize>> = (0..workspace.channels.len())
        .map(|c| channels.iter().position(|p| *p == c))
        .collect();
    for hcp in 0..data.hcp_count().min(segmentation.hcp_segment.len()) {
        let segment = usize::from(segmentation.hcp_segment[hcp]);
        if segment >= segment_count {
            continue;
        }
        let potential = workspace
            .hcps
            .get(hcp)
            .map_or(0.0, |h| h.prescribing_potential.max(0) as f64);
        let Some((start, end)) = window else {
            baseline[segment].1 += potential;
            baseline[segment].2 += 1;
            continue;
        };
        x.iter_mut().for_each(|v| *v = 0);
        y.iter_mut().for_each(|v| *v = 0.0);
        for touch in data.touches_of(hcp) {
            let month = i64::from(touch.month);
            if month < start || month > end {
                continue;
            }
            if let Some(Some(slot)) = channel_slot.get(usize::from(touch.channel)) {
                x[(month - start) as usize * k + slot] += 1;
            }
        }
        for &(month, units) in data.units_of(hcp) {
            // The units of month `month` answer the contact months `month − OUTCOME_MONTHS` …
            // `month − 1`.
            for back in 1..=OUTCOME_MONTHS {
                let m = month - back;
                if m >= start && m <= end {
                    y[(m - start) as usize] += units / OUTCOME_MONTHS as f64;
                }
            }
        }
        let mean_y = y.iter().sum::<f64>() / months as f64;
        baseline[segment].0 += mean_y;
        baseline[segment].1 += potential;
        baseline[segment].2 += 1;
        for slot in 0..k {
            let first = x[slot];
            if (0..months).all(|m| x[m * k + slot] == first) {
                continue;
            }
            varied[segment * k + slot] += 1;
            let cell = &mut bins[segment * k + slot];
            for m in 0..months {
                let contacts = x[m * k + slot];
                let bin = &mut cell[(contacts as usize).min(MAX_BIN)];
                bin.n += 1.0;
                bin.sum_x += f64::from(contacts);
                bin.sum_y += y[m] - mean_y;
            }
        }
    }

    let mut curves = Vec::with_capacity(segment_count * k);
    for (s, segment) in segmentation.segments.iter().enumerate() {
        let (units_sum, potential_sum, count) = baseline[s];
        let per_hcp_units = if count > 0 {
            units_sum / f64::from(count)
        } else {
            0.0
        };
        // Units per HCP a month; else a tenth of the potential (patients a month); else 1.
        let base = if per_hcp_units > 0.0 {
            per_hcp_units
        } else if potential_sum > 0.0 {
            0.1 * potential_sum / f64::from(count.max(1))
        } else {
            1.0
        };
        for (slot, &channel_index) in channels.iter().enumerate() {
            let channel = &workspace.channels[channel_index];
            let default = goals.frequency(segment, channel).default;
            let prior = CurveParameters {
                a: channel_weight(channel.kind) * PRIOR_UPLIFT_SHARE * base,
                b: 1.0 / default.max(1.0),
            };
            let cell = &bins[s * k + slot];
            let points: Vec<(f64, f64, f64)> = cell
                .iter()
                .filter(|bin| bin.n > 0.0)
                .map(|bin| (bin.sum_x / bin.n, bin.sum_y / bin.n, bin.n))
                .collect();
            let hcps = varied[s * k + slot];
            let observations = points.iter().map(|p| p.2).sum::<f64>() as u32;
            let fit = if hcps > 0 { fit_bins(&points) } else { None };
            let zero = fit.map_or_else(|| points.first().map_or(0.0, |p| p.1), |f| f.2);
            let chart: Vec<CurvePoint> = points
                .iter()
                .map(|&(contacts, mean, n)| CurvePoint {
                    contacts,
                    uplift: mean - zero,
                    observations: n as u32,
                })
                .collect();
            let edit = edits
                .iter()
                .find(|e| e.segment == segment.key && e.channel_id == channel.id);
            let (a, b, source, data_weight, fitted) = match (edit, fit) {
                (Some(edit), fit) => (
                    edit.a,
                    edit.b,
                    CurveSource::Edited,
                    0.0,
                    fit.map(|f| CurveParameters { a: f.0, b: f.1 }),
                ),
                (None, Some((fa, fb, _))) => {
                    let w = f64::from(hcps) / (f64::from(hcps) + PRIOR_HCPS);
                    let fitted = CurveParameters { a: fa, b: fb };
                    let blended = blend(fitted, prior, w);
                    (
                        blended.a,
                        blended.b,
                        CurveSource::Estimated,
                        w,
                        Some(fitted),
                    )
                }
                (None, None) => (prior.a, prior.b, CurveSource::Prior, 0.0, None),
            };
            curves.push(ResponseCurve {
                segment: segment.key.clone(),
                channel_id: channel.id.clone(),
                a,
                b,
                source,
                prior,
                fitted,
                hcps,
                observations,
                data_weight,
                points: chart,
            });
        }
    }
    curves
}
