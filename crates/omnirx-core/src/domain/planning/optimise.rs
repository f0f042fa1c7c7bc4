//! The optimiser: contacts allocated to HCPs and channels for each rep to maximise the total expected uplift within capacity, visit slots, minimum and maximum frequencies and consent; each HCP row's explanation; the comparison with last cycle and an equal split.
//!
//! Rules 14–20 of `docs/planning.md`. Minimums first (the ones with the largest gains when they
//! do not all fit, the rest named). Then, channel by channel, a max-heap of next marginal gains
//! gives every extra contact in the order of its gain: with separable concave curves the first
//! `n` of them are the best `n` contacts of that channel. Channels that cost visit slots share
//! the rep's slots; with equal costs one merged greedy is exact, with unequal costs (a visit = 1,
//! a remote detailing = ½) greedy is not, so the split of slots between those channels is
//! enumerated exactly, falling back to greedy by gain per slot (within one contact's gain of the
//! best) only when the enumeration would be too large.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

use super::capacity::{utilisation, Cycle, RepBudget};
use super::goals::Access;

/// Marginal gains at or below this are no gain.
pub const GAIN_EPSILON: f64 = 1e-9;
/// Slot arithmetic tolerance.
const SLOT_EPSILON: f64 = 1e-9;
/// The most combinations of slot-channel counts enumerated for one rep before greedy by gain per
/// slot is used instead.
pub const ENUMERATION_LIMIT: u64 = 4_000_000;

/// The expected uplift of an HCP × channel over the cycle: `scale·(1 − e^(−rate·x))` for `x`
/// contacts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellGain {
    pub scale: f64,
    pub rate: f64,
}

impl CellGain {
    pub fn value(&self, contacts: u32) -> f64 {
        if !(self.scale > 0.0) || !(self.rate > 0.0) || contacts == 0 {
            return 0.0;
        }
        self.scale * (1.0 - libm::exp(-self.rate * f64::from(contacts)))
    }

    /// The gain of contact number `contacts + 1`: `scale·e^(−rate·x)·(1 − e^(−rate))`.
    pub fn marginal(&self, contacts: u32) -> f64 {
        if !(self.scale > 0.0) || !(self.rate > 0.0) {
            return 0.0;
        }
        self.scale * libm::exp(-self.rate * f64::from(contacts)) * -libm::expm1(-self.rate)
    }
}

/// One HCP × channel of a rep's problem.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Index into [`RepProblem::channels`].
    pub channel: usize,
    pub min: u32,
    pub max: u32,
    pub access: Access,
    pub gain: CellGain,
}

/// A channel's limit for the rep: its own capacity and the visit slots one contact costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelLimit {
    pub capacity: u32,
    pub visit_slot_cost: f64,
}

/// One rep's allocation problem.
#[derive(Clone, Debug, PartialEq)]
pub struct RepProblem {
    pub channels: Vec<ChannelLimit>,
    /// The visit slots channels with a slot cost share.
    pub visit_slots: f64,
    pub cells: Vec<Cell>,
}

/// What stopped an HCP × channel where it is (rule 18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// The rep's capacity for the channel is used up.
    Capacity,
    /// The rep's visit slots went to contacts with larger gains (or ran out).
    VisitSlots,
    /// The segment's (or the HCP's own) maximum frequency.
    MaxFrequency,
    /// The HCP opted out of the channel.
    Consent,
    /// The channel does not reach this HCP (pharmacy visits are for pharmacists).
    NotApplicable,
    /// One more contact would add no expected uplift.
    NoGain,
    /// Set by hand.
    Edited,
}

/// A minimum frequency that could not be met.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortfall {
    pub cell: usize,
    pub wanted: u32,
    pub planned: u32,
    /// [`Binding::Capacity`] or [`Binding::VisitSlots`].
    pub constraint: Binding,
}

/// How good the allocation is known to be.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Optimality {
    /// The largest total expected uplift of all allocations that keep the same minimums.
    Exact,
    /// Greedy by gain per visit slot: within `bound` (one contact's gain) of the best.
    WithinOneContact { bound: f64 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct RepSolution {
    pub counts: Vec<u32>,
    pub bindings: Vec<Binding>,
    pub shortfalls: Vec<Shortfall>,
    pub value: f64,
    pub optimality: Optimality,
}

/// A heap entry: a cell's next contact and its gain (ties: the cell listed first).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Next {
    gain: f64,
    cell: usize,
}

impl Eq for Next {}

impl Ord for Next {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then_with(|| other.cell.cmp(&self.cell))
    }
}

impl PartialOrd for Next {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn upper(cell: &Cell) -> u32 {
    if cell.access == Access::Open {
        cell.max.max(cell.min)
    } else {
        0
    }
}

fn lower(cell: &Cell) -> u32 {
    if cell.access == Access::Open {
        cell.min
    } else {
        0
    }
}

/// Allocates one rep's contacts (rules 15–18).
pub fn allocate(problem: &RepProblem) -> RepSolution {
    allocate_with(problem, ENUMERATION_LIMIT)
}

/// [`allocate`] with another limit on the combinations of slot-channel counts tried (0: always
/// greedy by gain per slot when slot costs differ).
pub fn allocate_with(problem: &RepProblem, enumeration_limit: u64) -> RepSolution {
    let cells = &problem.cells;
    let channel_count = problem.channels.len();
    let cost: Vec<f64> = problem
        .channels
        .iter()
        .map(|c| {
            if c.visit_slot_cost.is_finite() && c.visit_slot_cost > 0.0 {
                c.visit_slot_cost
            } else {
                0.0
            }
        })
        .collect();
    let mut room: Vec<u32> = problem.channels.iter().map(|c| c.capacity).collect();
    let mut slots = if problem.visit_slots.is_finite() && problem.visit_slots > 0.0 {
        problem.visit_slots
    } else {
        0.0
    };
    let mut counts = vec![0u32; cells.len()];
    let mut shortfalls = Vec::new();
    let fits = |channel: usize, room: &[u32], slots: f64| {
        room[channel] > 0 && (cost[channel] == 0.0 || slots + SLOT_EPSILON >= cost[channel])
    };

    // 1. Minimums, the largest gains first.
    let mut heap: BinaryHeap<Next> = cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| lower(cell) > 0 && cell.channel < channel_count)
        .map(|(index, cell)| Next {
            gain: cell.gain.marginal(0),
            cell: index,
        })
        .collect();
    while let Some(Next { cell: index, .. }) = heap.pop() {
        let cell = &cells[index];
        let channel = cell.channel;
        if fits(channel, &room, slots) {
            counts[index] += 1;
            room[channel] -= 1;
            slots -= cost[channel];
            if counts[index] < lower(cell) {
                heap.push(Next {
                    gain: cell.gain.marginal(counts[index]),
                    cell: index,
                });
            }
        } else {
            shortfalls.push(Shortfall {
                cell: index,
                wanted: lower(cell),
                planned: counts[index],
                constraint: if room[channel] == 0 {
                    Binding::Capacity
                } else {
                    Binding::VisitSlots
                },
            });
        }
    }
    shortfalls.sort_by_key(|s| s.cell);

    // 2. Each channel's extra contacts in the order of their gains, up to its room.
    let mut sequences: Vec<Vec<(usize, f64)>> = vec![Vec::new(); channel_count];
    let mut by_channel: Vec<Vec<usize>> = vec![Vec::new(); channel_count];
    for (index, cell) in cells.iter().enumerate() {
        if cell.channel < channel_count {
            by_channel[cell.channel].push(index);
        }
    }
    let mut added = vec![0u32; cells.len()];
    for channel in 0..channel_count {
        let mut limit = room[channel] as usize;
        if cost[channel] > 0.0 {
            limit = limit.min(libm::floor(slots / cost[channel] + SLOT_EPSILON) as usize);
        }
        let mut heap: BinaryHeap<Next> = BinaryHeap::new();
        for &index in &by_channel[channel] {
            let cell = &cells[index];
            if counts[index] < upper(cell) {
                let gain = cell.gain.marginal(counts[index]);
                if gain > GAIN_EPSILON {
                    heap.push(Next { gain, cell: index });
                }
            }
        }
        let sequence = &mut sequences[channel];
        while sequence.len() < limit {
            let Some(Next { gain, cell: index }) = heap.pop() else {
                break;
            };
            sequence.push((index, gain));
            added[index] += 1;
            let next = counts[index] + added[index];
            let cell = &cells[index];
            if next < upper(cell) {
                let gain = cell.gain.marginal(next);
                if gain > GAIN_EPSILON {
                    heap.push(Next { gain, cell: index });
                }
            }
        }
    }

    // 3. How many of each channel's sequence to take.
    let mut take: Vec<usize> = sequences.iter().map(Vec::len).collect();
    let slot_channels: Vec<usize> = (0..channel_count)
        .filter(|&c| cost[c] > 0.0 && !sequences[c].is_empty())
        .collect();
    let mut optimality = Optimality::Exact;
    if !slot_channels.is_empty() {
        let first_cost = cost[slot_channels[0]];
        let equal = slot_channels
            .iter()
            .all(|&c| (cost[c] - first_cost).abs() <= SLOT_EPSILON);
        if equal {
            // One budget of whole contacts: merged greedy is exact.
            let budget = libm::floor(slots / first_cost + SLOT_EPSILON) as usize;
            let chosen = merge_take(&sequences, &slot_channels, budget, |_, gain| gain);
            for (&c, n) in slot_channels.iter().zip(chosen) {
                take[c] = n;
            }
        } else {
            let mut order = slot_channels.clone();
            order.sort_by_key(|&c| (sequences[c].len(), c));
            let combinations = order[..order.len() - 1]
                .iter()
                .try_fold(1u64, |product, &c| {
                    product.checked_mul(sequences[c].len() as u64 + 1)
                })
                .unwrap_or(u64::MAX);
            if combinations <= enumeration_limit {
                let prefix: Vec<Vec<f64>> = (0..channel_count)
                    .map(|c| {
                        let mut sums = Vec::with_capacity(sequences[c].len() + 1);
                        sums.push(0.0);
                        for &(_, gain) in &sequences[c] {
                            sums.push(sums.last().copied().unwrap_or(0.0) + gain);
                        }
                        sums
                    })
                    .collect();
                let mut best = (f64::NEG_INFINITY, vec![0usize; order.len()]);
                let mut current = vec![0usize; order.len()];
                enumerate(
                    &order,
                    &cost,
                    &prefix,
                    0,
                    slots,
                    0.0,
                    &mut current,
                    &mut best,
                );
                for (&c, &n) in order.iter().zip(&best.1) {
                    take[c] = n;
                }
            } else {
                let (chosen, bound) = ratio_take(&sequences, &slot_channels, &cost, slots);
                for (&c, n) in slot_channels.iter().zip(chosen) {
                    take[c] = n;
                }
                if let Some(bound) = bound {
                    optimality = Optimality::WithinOneContact { bound };
                }
            }
        }
    }
    for channel in 0..channel_count {
        for &(index, _) in &sequences[channel][..take[channel]] {
            counts[index] += 1;
        }
        room[channel] -= take[channel] as u32;
    }

    // 4. Why each cell stopped where it is.
    let bindings = cells
        .iter()
        .enumerate()
        .map(|(index, cell)| {
            let channel = cell.channel;
            match cell.access {
                Access::OptedOut => return Binding::Consent,
                Access::NotApplicable => return Binding::NotApplicable,
                Access::Open => {}
            }
            if let Some(shortfall) = shortfalls.iter().find(|s| s.cell == index) {
                return shortfall.constraint;
            }
            if counts[index] >= upper(cell) {
                return Binding::MaxFrequency;
            }
            if cell.gain.marginal(counts[index]) <= GAIN_EPSILON {
                return Binding::NoGain;
            }
            if channel >= channel_count || room[channel] == 0 {
                return Binding::Capacity;
            }
            if cost[channel] > 0.0 {
                return Binding::VisitSlots;
            }
            Binding::NoGain
        })
        .collect();
    let value = cells
        .iter()
        .zip(&counts)
        .map(|(cell, &n)| cell.gain.value(n))
        .sum();
    RepSolution {
        counts,
        bindings,
        shortfalls,
        value,
        optimality,
    }
}

/// The first `budget` contacts of several sorted sequences, merged by `key`; how many of each.
fn merge_take(
    sequences: &[Vec<(usize, f64)>],
    channels: &[usize],
    budget: usize,
    key: impl Fn(usize, f64) -> f64,
) -> Vec<usize> {
    let mut taken = vec![0usize; channels.len()];
    for _ in 0..budget {
        let mut best: Option<(usize, f64)> = None;
        for (slot, &c) in channels.iter().enumerate() {
            if let Some(&(_, gain)) = sequences[c].get(taken[slot]) {
                let k = key(c, gain);
                if best.is_none_or(|(_, b)| k > b) {
                    best = Some((slot, k));
                }
            }
        }
        match best {
            Some((slot, _)) => taken[slot] += 1,
            None => break,
        }
    }
    taken
}

/// Greedy by gain per slot, skipping contacts that no longer fit; how many of each, and the gain
/// of the first contact that did not fit (the distance to the best is at most that).
fn ratio_take(
    sequences: &[Vec<(usize, f64)>],
    channels: &[usize],
    cost: &[f64],
    mut slots: f64,
) -> (Vec<usize>, Option<f64>) {
    let mut taken = vec![0usize; channels.len()];
    let mut closed = vec![false; channels.len()];
    let mut bound = None;
    loop {
        let mut best: Option<(usize, f64, f64)> = None;
        for (slot, &c) in channels.iter().enumerate() {
            if closed[slot] {
                continue;
            }
            if let Some(&(_, gain)) = sequences[c].get(taken[slot]) {
                let ratio = gain / cost[c];
                if best.is_none_or(|(_, r, _)| ratio > r) {
                    best = Some((slot, ratio, gain));
                }
            }
        }
        let Some((slot, _, gain)) = best else {
            break;
        };
        let c = channels[slot];
        if slots + SLOT_EPSILON >= cost[c] {
            taken[slot] += 1;
            slots -= cost[c];
        } else {
            closed[slot] = true;
            bound.get_or_insert(gain);
        }
    }
    (taken, bound)
}

/// Every split of the slots between the slot channels (the last one in `order` takes what its
/// share allows), keeping the best total.
#[allow(clippy::too_many_arguments)]
fn enumerate(
    order: &[usize],
    cost: &[f64],
    prefix: &[Vec<f64>],
    level: usize,
    slots: f64,
    value: f64,
    current: &mut Vec<usize>,
    best: &mut (f64, Vec<usize>),
) {
    let c = order[level];
    let available = prefix[c].len() - 1;
    let affordable = libm::floor(slots / cost[c] + SLOT_EPSILON).max(0.0) as usize;
    let most = available.min(affordable);
    if level + 1 == order.len() {
        let total = value + prefix[c][most];
        if total > best.0 + 1e-12 * (1.0 + best.0.abs()) || best.0 == f64::NEG_INFINITY {
            current[level] = most;
            best.0 = total;
            best.1.clone_from(current);
        }
        return;
    }
    for n in 0..=most {
        current[level] = n;
        enumerate(
            order,
            cost,
            prefix,
            level + 1,
            slots - cost[c] * n as f64,
            value + prefix[c][n],
            current,
            best,
        );
    }
}

/// A planned channel and what one contact costs in visit slots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanChannel {
    pub channel_id: String,
    pub visit_slot_cost: f64,
}

/// A rep's load on one channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelLoad {
    pub channel_id: String,
    pub capacity: u32,
    pub planned: u32,
    /// planned ÷ capacity; `None` without capacity.
    pub utilisation: Option<f64>,
}

/// One rep's plan in figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepPlan {
    pub rep_id: String,
    pub field_days: u32,
    pub visit_slots_per_day: f64,
    pub visit_slots: f64,
    pub visit_slots_planned: f64,
    pub visit_slot_utilisation: Option<f64>,
    /// In the order of [`Plan::channels`].
    pub channels: Vec<ChannelLoad>,
    pub hcps: u32,
    pub expected_uplift: f64,
    pub optimality: Optimality,
}

/// One HCP × channel of the plan, with what explains it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanCell {
    pub planned: u32,
    pub min: u32,
    pub max: u32,
    pub access: Access,
    pub preferred: bool,
    pub gain: CellGain,
    /// Contacts through the channel in the cycle before.
    pub last_cycle: u32,
    /// The marginal gain of the last planned contact (`None` when none is planned).
    pub last_gain: Option<f64>,
    /// The gain one more contact would add.
    pub next_gain: f64,
    pub binding: Binding,
}

/// One HCP's row: who, why (segment, potential) and the cells in the order of
/// [`Plan::channels`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanRow {
    pub hcp_id: String,
    pub rep_id: String,
    pub account_id: String,
    /// A [`super::goals::PlanSegment::key`].
    pub segment: String,
    pub potential: i64,
    /// The HCP's potential against its segment's average: the factor on the segment's curves.
    pub weight: f64,
    pub cells: Vec<PlanCell>,
    pub expected_uplift: f64,
}

/// The plan of a cycle (plain data; the UI will store it once the file format has room).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub cycle: Cycle,
    pub channels: Vec<PlanChannel>,
    pub reps: Vec<RepPlan>,
    /// By rep (in the order of `reps`), then by HCP in file order.
    pub rows: Vec<PlanRow>,
    pub expected_uplift: f64,
}

impl PlanCell {
    /// Recomputes the gains of the last and the next contact.
    pub fn refresh(&mut self) {
        self.last_gain = (self.planned > 0).then(|| self.gain.marginal(self.planned - 1));
        self.next_gain = self.gain.marginal(self.planned);
    }
}

impl Plan {
    pub fn rep(&self, rep_id: &str) -> Option<&RepPlan> {
        self.reps.iter().find(|rep| rep.rep_id == rep_id)
    }

    pub fn rows_of<'a>(&'a self, rep_id: &'a str) -> impl Iterator<Item = &'a PlanRow> + 'a {
        self.rows.iter().filter(move |row| row.rep_id == rep_id)
    }

    pub fn channel_index(&self, channel_id: &str) -> Option<usize> {
        self.channels
            .iter()
            .position(|c| c.channel_id == channel_id)
    }

    /// Recomputes every row's uplift and every rep's load, utilisation and uplift from the cells.
    /// A plan read from elsewhere is first given one cell per channel in every row and one load
    /// per channel for every rep (missing ones closed, extra ones dropped).
    pub fn recompute(&mut self) {
        let k = self.channels.len();
        for row in &mut self.rows {
            row.cells.resize_with(k, || PlanCell {
                planned: 0,
                min: 0,
                max: 0,
                access: Access::NotApplicable,
                preferred: false,
                gain: CellGain {
                    scale: 0.0,
                    rate: 0.0,
                },
                last_cycle: 0,
                last_gain: None,
                next_gain: 0.0,
                binding: Binding::NotApplicable,
            });
        }
        for rep in &mut self.reps {
            rep.channels.truncate(k);
            for channel in &self.channels[rep.channels.len()..] {
                rep.channels.push(ChannelLoad {
                    channel_id: channel.channel_id.clone(),
                    capacity: 0,
                    planned: 0,
                    utilisation: None,
                });
            }
        }
        for row in &mut self.rows {
            for cell in &mut row.cells {
                cell.refresh();
            }
            row.expected_uplift = row.cells.iter().map(|c| c.gain.value(c.planned)).sum();
        }
        // Sums per rep in one pass over the rows.
        let index: std::collections::HashMap<&str, usize> = self
            .reps
            .iter()
            .enumerate()
            .map(|(i, rep)| (rep.rep_id.as_str(), i))
            .collect();
        let mut planned = vec![0u32; self.reps.len() * k];
        let mut totals = vec![(0u32, 0.0f64); self.reps.len()];
        for row in &self.rows {
            let Some(&i) = index.get(row.rep_id.as_str()) else {
                continue;
            };
            totals[i].0 += 1;
            totals[i].1 += row.expected_uplift;
            for (slot, cell) in row.cells.iter().enumerate().take(k) {
                planned[i * k + slot] += cell.planned;
            }
        }
        for (i, rep) in self.reps.iter_mut().enumerate() {
            let planned = &planned[i * k..(i + 1) * k];
            for (load, &n) in rep.channels.iter_mut().zip(planned) {
                load.planned = n;
                load.utilisation = utilisation(f64::from(n), f64::from(load.capacity));
            }
            rep.visit_slots_planned = self
                .channels
                .iter()
                .zip(planned)
                .map(|(c, &n)| c.visit_slot_cost * f64::from(n))
                .sum();
            rep.visit_slot_utilisation = utilisation(rep.visit_slots_planned, rep.visit_slots);
            (rep.hcps, rep.expected_uplift) = totals[i];
        }
        self.expected_uplift = self.reps.iter().map(|r| r.expected_uplift).sum();
    }
}

/// A rep's problem from its budget and its rows' cells (the cells' planned counts are ignored).
pub fn rep_problem(budget: &RepBudget, rows: &[&PlanRow]) -> RepProblem {
    RepProblem {
        channels: budget
            .channels
            .iter()
            .map(|c| ChannelLimit {
                capacity: c.capacity,
                visit_slot_cost: c.visit_slot_cost,
            })
            .collect(),
        visit_slots: budget.visit_slots,
        cells: rows
            .iter()
            .flat_map(|row| {
                row.cells.iter().enumerate().map(|(channel, cell)| Cell {
                    channel,
                    min: cell.min,
                    max: cell.max,
                    access: cell.access,
                    gain: cell.gain,
                })
            })
            .collect(),
    }
}

/// One allocation in figures (rule 19).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllocationSummary {
    pub expected_uplift: f64,
    pub contacts: u32,
    pub hcps: u32,
    /// HCPs with at least one contact.
    pub reached: u32,
    pub reach: Option<f64>,
    /// Contacts per reached HCP.
    pub frequency: Option<f64>,
    pub channels: Vec<ChannelLoad>,
    pub visit_slots_used: f64,
    pub visit_slot_utilisation: Option<f64>,
    /// Share of contacts per segment, in the order segments were given.
    pub segments: Vec<SegmentShare>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentShare {
    pub segment: String,
    pub contacts: u32,
    pub share: Option<f64>,
}

/// The plan against last cycle's actual contacts and an equal split, for one rep or the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// `None` for the team.
    pub rep_id: Option<String>,
    pub plan: AllocationSummary,
    pub last_cycle: AllocationSummary,
    pub equal_split: AllocationSummary,
}

/// The equal split (rule 19): each rep's capacity of a channel shared evenly by the HCPs who may
/// receive it, ignoring segments, curves and minimums but not the HCPs' maximums — the same
/// level for everyone up to their maximum, the remainder one each to the first ones in file
/// order; channels that cost visit slots are scaled down together to fit the slots.
pub fn equal_split(plan: &Plan) -> Vec<Vec<u32>> {
    let mut counts: Vec<Vec<u32>> = plan
        .rows
        .iter()
        .map(|row| vec![0; row.cells.len()])
        .collect();
    for (rep, rows) in plan.reps.iter().zip(rows_by_rep(plan)) {
        let ceiling = |k: usize| -> u32 {
            rows.iter()
                .map(|&r| {
                    let cell = &plan.rows[r].cells[k];
                    if cell.access == Access::Open {
                        cell.max.max(cell.min)
                    } else {
                        0
                    }
                })
                .sum()
        };
        let demand: f64 = plan
            .channels
            .iter()
            .zip(&rep.channels)
            .enumerate()
            .map(|(k, (c, load))| c.visit_slot_cost * f64::from(load.capacity.min(ceiling(k))))
            .sum();
        let factor = if demand > rep.visit_slots && demand > 0.0 {
            rep.visit_slots / demand
        } else {
            1.0
        };
        for (k, (channel, load)) in plan.channels.iter().zip(&rep.channels).enumerate() {
            let mut budget = load.capacity.min(ceiling(k));
            if channel.visit_slot_cost > 0.0 {
                budget = libm::floor(f64::from(budget) * factor + SLOT_EPSILON) as u32;
            }
            let tops: Vec<(usize, u32)> = rows
                .iter()
                .map(|&r| {
                    let cell = &plan.rows[r].cells[k];
                    let top = if cell.access == Access::Open {
                        cell.max.max(cell.min)
                    } else {
                        0
                    };
                    (r, top)
                })
                .filter(|&(_, top)| top > 0)
                .collect();
            // The highest level everyone can be raised to within the budget.
            let given = |level: u32| tops.iter().map(|&(_, top)| top.min(level)).sum::<u32>();
            let (mut level, mut high) = (0, tops.iter().map(|&(_, top)| top).max().unwrap_or(0));
            while level < high {
                let middle = level + (high - level).div_ceil(2);
                if given(middle) <= budget {
                    level = middle;
                } else {
                    high = middle - 1;
                }
            }
            let mut left = budget - given(level);
            for &(r, top) in &tops {
                let mut n = top.min(level);
                if left > 0 && top > level {
                    n += 1;
                    left -= 1;
                }
                counts[r][k] = n;
            }
        }
    }
    counts
}

/// The figures of an allocation (`counts[row][channel]`) over the rows of `rep_id`, or all rows.
pub fn summarise(
    plan: &Plan,
    counts: &[Vec<u32>],
    rep_id: Option<&str>,
    segments: &[String],
) -> AllocationSummary {
    let rows: Vec<usize> = (0..plan.rows.len())
        .filter(|&r| rep_id.is_none_or(|id| id == plan.rows[r].rep_id))
        .collect();
    let reps: Vec<&RepPlan> = plan
        .reps
        .iter()
        .filter(|r| rep_id.is_none_or(|id| id == r.rep_id))
        .collect();
    summarise_rows(plan, counts, &rows, &reps, segments)
}

/// Each rep's rows (indexes into `plan.rows`), in the order of `plan.reps`.
fn rows_by_rep(plan: &Plan) -> Vec<Vec<usize>> {
    let index: std::collections::HashMap<&str, usize> = plan
        .reps
        .iter()
        .enumerate()
        .map(|(i, rep)| (rep.rep_id.as_str(), i))
        .collect();
    let mut rows = vec![Vec::new(); plan.reps.len()];
    for (r, row) in plan.rows.iter().enumerate() {
        if let Some(&i) = index.get(row.rep_id.as_str()) {
            rows[i].push(r);
        }
    }
    rows
}

fn summarise_rows(
    plan: &Plan,
    counts: &[Vec<u32>],
    rows: &[usize],
    reps: &[&RepPlan],
    segments: &[String],
) -> AllocationSummary {
    let mut per_channel = vec![0u32; plan.channels.len()];
    let mut per_segment = vec![0u32; segments.len()];
    let (mut uplift, mut hcps, mut reached, mut contacts) = (0.0, 0u32, 0u32, 0u32);
    for &r in rows {
        let (row, row_counts) = (&plan.rows[r], &counts[r]);
        hcps += 1;
        let total: u32 = row_counts.iter().sum();
        contacts += total;
        if total > 0 {
            reached += 1;
        }
        for (k, (&n, cell)) in row_counts.iter().zip(&row.cells).enumerate() {
            per_channel[k] += n;
            uplift += cell.gain.value(n);
        }
        if let Some(s) = segments.iter().position(|s| *s == row.segment) {
            per_segment[s] += total;
        }
    }
    let channels = plan
        .channels
        .iter()
        .enumerate()
        .map(|(k, channel)| {
            let capacity: u32 = reps.iter().map(|r| r.channels[k].capacity).sum();
            ChannelLoad {
                channel_id: channel.channel_id.clone(),
                capacity,
                planned: per_channel[k],
                utilisation: utilisation(f64::from(per_channel[k]), f64::from(capacity)),
            }
        })
        .collect();
    let visit_slots_used: f64 = plan
        .channels
        .iter()
        .zip(&per_channel)
        .map(|(c, &n)| c.visit_slot_cost * f64::from(n))
        .sum();
    let visit_slots: f64 = reps.iter().map(|r| r.visit_slots).sum();
    AllocationSummary {
        expected_uplift: uplift,
        contacts,
        hcps,
        reached,
        reach: (hcps > 0).then(|| f64::from(reached) / f64::from(hcps)),
        frequency: (reached > 0).then(|| f64::from(contacts) / f64::from(reached)),
        channels,
        visit_slots_used,
        visit_slot_utilisation: utilisation(visit_slots_used, visit_slots),
        segments: segments
            .iter()
            .zip(&per_segment)
            .map(|(segment, &n)| SegmentShare {
                segment: segment.clone(),
                contacts: n,
                share: (contacts > 0).then(|| f64::from(n) / f64::from(contacts)),
            })
            .collect(),
    }
}

/// The plan against last cycle and an equal split, for the team and each rep.
pub fn compare(plan: &Plan, segments: &[String]) -> Vec<Comparison> {
    let planned: Vec<Vec<u32>> = plan
        .rows
        .iter()
        .map(|row| row.cells.iter().map(|c| c.planned).collect())
        .collect();
    let last: Vec<Vec<u32>> = plan
        .rows
        .iter()
        .map(|row| row.cells.iter().map(|c| c.last_cycle).collect())
        .collect();
    let equal = equal_split(plan);
    let all_rows: Vec<usize> = (0..plan.rows.len()).collect();
    let all_reps: Vec<&RepPlan> = plan.reps.iter().collect();
    let by_rep = rows_by_rep(plan);
    let scopes = std::iter::once((None, all_rows.as_slice(), all_reps)).chain(
        plan.reps
            .iter()
            .zip(&by_rep)
            .map(|(rep, rows)| (Some(rep.rep_id.clone()), rows.as_slice(), vec![rep])),
    );
    scopes
        .map(|(rep_id, rows, reps)| Comparison {
            rep_id,
            plan: summarise_rows(plan, &planned, rows, &reps, segments),
            last_cycle: summarise_rows(plan, &last, rows, &reps, segments),
            equal_split: summarise_rows(plan, &equal, rows, &reps, segments),
        })
        .collect()
}
