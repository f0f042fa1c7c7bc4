//! Multichannel cycle planning (rules in `docs/planning.md`): capacity, goals from segments, response curves, the optimiser, the calendar and the follow-up.
//!
//! [`plan_for`] runs every step on a workspace, as the CLI does; the page will keep the data
//! steps ([`PlanningData`], [`goals::Segmentation`]) per data change and rerun only the fit and
//! the optimiser when a setting changes.

pub mod calendar;
pub mod capacity;
pub mod data;
pub mod editing;
pub mod follow_up;
pub mod goals;
pub mod optimise;
pub mod response;
pub mod saved;
pub mod saved_plan;

use serde::{Deserialize, Serialize};

use crate::domain::model::Workspace;
use crate::domain::performance::index::NONE;
use crate::domain::time::Month;

pub use capacity::{capacity, field_days, CapacityRules, ChannelCapacity, Cycle, RepCapacity};
pub use data::PlanningData;
pub use follow_up::{follow_up, Bands, FollowUp};
pub use goals::{GoalRules, SegmentSource, Segmentation};
pub use optimise::{allocate, Binding, Comparison, Optimality, Plan, PlanRow};
pub use response::{fit_curves, CurveEdit, ResponseCurve};
pub use saved::{
    delete_plan, plan_id_for, rename_plan, save_plan, saved_plan_for, set_saved_planned,
    SavedPlanRefusal,
};
pub use saved_plan::SavedPlan;

use optimise::{compare, rep_problem, CellGain, ChannelLoad, PlanCell, PlanChannel, RepPlan};

/// Everything the user can set for a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanOptions {
    pub segment_source: SegmentSource,
    /// `None`: [`CapacityRules::default_for`] the workspace.
    pub capacity: Option<CapacityRules>,
    pub goals: GoalRules,
    pub curve_edits: Vec<CurveEdit>,
    pub bands: Bands,
    /// Plan one rep only (the others are left out).
    pub rep_id: Option<String>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            segment_source: SegmentSource::Strategy,
            capacity: None,
            goals: GoalRules::default(),
            curve_edits: Vec::new(),
            bands: Bands::default(),
            rep_id: None,
        }
    }
}

/// Something the plan could not do as asked, said as data (rule 29); `Display` gives the English
/// the CLI prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanMessage {
    /// The workspace has no reps: nothing to plan.
    NoReps,
    /// No channel of the workspace is planned (the capacity rules name none that exists).
    NoPlannedChannels,
    /// The capacity rules name a channel the workspace does not have.
    UnknownChannel { channel_id: String },
    /// The rep has no field day in the cycle: nothing is planned for its HCPs.
    NoFieldDays { rep_id: String },
    /// Minimum frequencies that do not fit: of `wanted` minimum contacts, `available` fit;
    /// `hcps` HCPs stay `contacts_short` contacts short.
    MinimumsNotMet {
        rep_id: String,
        channel_id: String,
        constraint: Binding,
        wanted: u32,
        available: u32,
        hcps: u32,
        contacts_short: u32,
    },
    /// Every planned HCP opted out of the channel (or it reaches none of them).
    ChannelClosed { channel_id: String },
    /// HCPs without any contact or prescription: planned on their segment's curves alone.
    HcpsWithoutHistory { count: u32 },
    /// HCPs aligned to no rep (no contact by a rep, no rep in their account's territory).
    UnassignedHcps { count: u32 },
    /// No month of history before the cycle: every curve is its prior.
    NoHistoryBeforeCycle { cycle: String },
    /// The cycle starts long after the data ends: the curves describe an old history.
    OldHistory { cycle: String, last_month: Month },
    /// Curves too thin to fit, using their priors.
    CurvesFromPriors { count: u32, total: u32 },
    /// The greedy fallback was used: within one contact's gain of the best.
    NotProvenBest { rep_id: String, bound: f64 },
}

impl std::fmt::Display for PlanMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanMessage::NoReps => write!(f, "the workspace has no reps: nothing to plan"),
            PlanMessage::NoPlannedChannels => {
                write!(f, "no channel is planned: the capacity names none of the workspace's channels")
            }
            PlanMessage::UnknownChannel { channel_id } => {
                write!(f, "the capacity names channel {channel_id:?}, which the workspace does not have; it is left out")
            }
            PlanMessage::NoFieldDays { rep_id } => write!(
                f,
                "{rep_id} has no field day in the cycle (weekends, holidays, days off): nothing is planned for the rep's HCPs"
            ),
            PlanMessage::MinimumsNotMet {
                rep_id,
                channel_id,
                constraint,
                wanted,
                available,
                hcps,
                contacts_short,
            } => write!(
                f,
                "{rep_id}, {channel_id}: the minimum frequencies ask for {wanted} contacts but the {} allows {available}; {hcps} HCP(s) stay {contacts_short} contact(s) short, the rest is planned",
                match constraint {
                    Binding::VisitSlots => "visit slots' budget",
                    _ => "channel's capacity",
                }
            ),
            PlanMessage::ChannelClosed { channel_id } => write!(
                f,
                "{channel_id}: every HCP opted out of this channel (or it reaches none of them): nothing is planned through it"
            ),
            PlanMessage::HcpsWithoutHistory { count } => write!(
                f,
                "{count} HCP(s) have no contact or prescription yet: they are planned on their segment's curves"
            ),
            PlanMessage::UnassignedHcps { count } => write!(
                f,
                "{count} HCP(s) are aligned to no rep and are not planned"
            ),
            PlanMessage::NoHistoryBeforeCycle { cycle } => write!(
                f,
                "no history before {cycle}: every response curve is its prior"
            ),
            PlanMessage::OldHistory { cycle, last_month } => write!(
                f,
                "{cycle} starts long after the data ends ({last_month}): the curves describe an old history"
            ),
            PlanMessage::CurvesFromPriors { count, total } => write!(
                f,
                "{count} of {total} response curves have too little history and use their priors"
            ),
            PlanMessage::NotProvenBest { rep_id, bound } => write!(
                f,
                "{rep_id}: too many ways to share the visit slots to try them all; the plan is within {bound:.3} units of the best"
            ),
        }
    }
}

/// Why no plan could be made at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    UnknownRep(String),
    UnknownRuleSet(String),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::UnknownRep(id) => write!(f, "no rep {id:?} in the workspace"),
            PlanError::UnknownRuleSet(id) => {
                write!(f, "no segment rule set {id:?} in the workspace")
            }
        }
    }
}

/// A plan with everything that explains it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanResult {
    pub plan: Plan,
    pub segments: Vec<goals::PlanSegment>,
    pub curves: Vec<ResponseCurve>,
    /// The team first, then each rep.
    pub comparison: Vec<Comparison>,
    /// When the data reaches into the cycle: actual against planned up to the end of the data.
    pub follow_up: Option<FollowUp>,
    pub messages: Vec<PlanMessage>,
    /// The capacity used (the defaults when none was given).
    pub capacity: CapacityRules,
}

/// The capacity rules with the channels the workspace has, their workspace indexes, and a
/// message per unknown channel.
pub fn planned_channels(
    workspace: &Workspace,
    rules: &CapacityRules,
) -> (CapacityRules, Vec<usize>, Vec<PlanMessage>) {
    let mut kept = rules.clone();
    let mut indexes = Vec::new();
    let mut messages = Vec::new();
    kept.channels.retain(|channel| {
        match workspace
            .channels
            .iter()
            .position(|c| c.id == channel.channel_id)
        {
            Some(index) if !indexes.contains(&index) => {
                indexes.push(index);
                true
            }
            Some(_) => false,
            None => {
                messages.push(PlanMessage::UnknownChannel {
                    channel_id: channel.channel_id.clone(),
                });
                false
            }
        }
    });
    if indexes.is_empty() {
        messages.push(PlanMessage::NoPlannedChannels);
    }
    (kept, indexes, messages)
}

/// What the optimiser reads.
pub struct PlanInputs<'a> {
    pub workspace: &'a Workspace,
    pub data: &'a PlanningData,
    pub segmentation: &'a Segmentation,
    /// From [`fit_curves`] with the same channels, segment-major.
    pub curves: &'a [ResponseCurve],
    /// From [`planned_channels`].
    pub capacity: &'a CapacityRules,
    pub channels: &'a [usize],
    pub goals: &'a GoalRules,
    pub cycle: Cycle,
    /// Indexes into `Workspace::reps` of the reps to plan.
    pub reps: &'a [usize],
}

/// The optimised plan (rules 14–18) and what it could not do.
pub fn optimise_plan(inputs: &PlanInputs) -> (Plan, Vec<PlanMessage>) {
    let PlanInputs {
        workspace,
        data,
        segmentation,
        curves,
        capacity: rules,
        channels,
        goals,
        cycle,
        reps,
    } = inputs;
    let months = cycle.months();
    let k = channels.len();
    let factor = goals.preference_factor();
    let mut messages = Vec::new();

    // Each segment's mean potential: an HCP's curves are scaled by its potential against it.
    let segment_count = segmentation.segments.len();
    let mut potential_sum = vec![(0.0f64, 0u32); segment_count];
    for (hcp, &segment) in workspace.hcps.iter().zip(&segmentation.hcp_segment) {
        if let Some(entry) = potential_sum.get_mut(usize::from(segment)) {
            entry.0 += hcp.prescribing_potential.max(0) as f64;
            entry.1 += 1;
        }
    }
    let previous = cycle.previous();
    let (from, to) = (
        previous.first_day().days_since_unix_epoch(),
        previous.last_day().days_since_unix_epoch(),
    );
    let mut last_counts = vec![0u32; workspace.channels.len()];

    let mut plan = Plan {
        cycle: *cycle,
        channels: rules
            .channels
            .iter()
            .map(|c| PlanChannel {
                channel_id: c.channel_id.clone(),
                visit_slot_cost: capacity::clean(c.visit_slot_cost, capacity::MAX_VISIT_SLOT_COST),
            })
            .collect(),
        reps: Vec::new(),
        rows: Vec::new(),
        expected_uplift: 0.0,
    };
    let mut by_rep: Vec<Vec<usize>> = vec![Vec::new(); workspace.reps.len()];
    for (hcp, &rep) in data.hcp_rep.iter().enumerate() {
        if rep != NONE && (rep as usize) < by_rep.len() {
            by_rep[rep as usize].push(hcp);
        }
    }
    for &rep_index in reps.iter() {
        let Some(rep) = workspace.reps.get(rep_index) else {
            continue;
        };
        let budget = capacity(&workspace.settings.calendar, rules, cycle, &rep.id);
        if budget.field_days == 0 {
            messages.push(PlanMessage::NoFieldDays {
                rep_id: rep.id.clone(),
            });
        }
        let first_row = plan.rows.len();
        for &hcp_index in by_rep.get(rep_index).map_or(&[][..], Vec::as_slice) {
            let Some(hcp) = workspace.hcps.get(hcp_index) else {
                continue;
            };
            let s = usize::from(
                segmentation
                    .hcp_segment
                    .get(hcp_index)
                    .copied()
                    .unwrap_or(0),
            )
            .min(segment_count.saturating_sub(1));
            let Some(segment) = segmentation.segments.get(s) else {
                continue;
            };
            let (sum, count) = potential_sum[s];
            let mean = if count > 0 {
                sum / f64::from(count)
            } else {
                0.0
            };
            let weight = if mean > 0.0 {
                hcp.prescribing_potential.max(0) as f64 / mean
            } else {
                1.0
            };
            data.contacts_between(hcp_index, from, to, &mut last_counts);
            let cells = channels
                .iter()
                .enumerate()
                .map(|(slot, &channel_index)| {
                    let channel = &workspace.channels[channel_index];
                    let goal = goals.goal(hcp, segment, channel, months);
                    let curve = curves.get(s * k + slot);
                    let (a, b) = curve.map_or((0.0, 1.0), |c| (c.a, c.b));
                    let preference = if goal.preferred { factor } else { 1.0 };
                    PlanCell {
                        planned: 0,
                        min: goal.min,
                        max: goal.max,
                        access: goal.access,
                        preferred: goal.preferred,
                        gain: CellGain {
                            scale: a * weight * preference * months,
                            rate: if months > 0.0 { b / months } else { 0.0 },
                        },
                        last_cycle: last_counts[channel_index],
                        last_gain: None,
                        next_gain: 0.0,
                        binding: Binding::NoGain,
                    }
                })
                .collect();
            plan.rows.push(PlanRow {
                hcp_id: hcp.id.clone(),
                rep_id: rep.id.clone(),
                account_id: hcp.account_id.clone(),
                segment: segment.key.clone(),
                potential: hcp.prescribing_potential,
                weight,
                cells,
                expected_uplift: 0.0,
            });
        }
        let rows: Vec<&PlanRow> = plan.rows[first_row..].iter().collect();
        let problem = rep_problem(&budget, &rows);
        let solution = allocate(&problem);
        for shortfall_channel in 0..k {
            let short: Vec<_> = solution
                .shortfalls
                .iter()
                .filter(|s| problem.cells[s.cell].channel == shortfall_channel)
                .collect();
            if let Some(first) = short.first() {
                let wanted: u32 = problem
                    .cells
                    .iter()
                    .filter(|c| c.channel == shortfall_channel && c.access == goals::Access::Open)
                    .map(|c| c.min)
                    .sum();
                let contacts_short: u32 = short.iter().map(|s| s.wanted - s.planned).sum();
                messages.push(PlanMessage::MinimumsNotMet {
                    rep_id: rep.id.clone(),
                    channel_id: plan.channels[shortfall_channel].channel_id.clone(),
                    constraint: first.constraint,
                    wanted,
                    available: wanted.saturating_sub(contacts_short),
                    hcps: short.len() as u32,
                    contacts_short,
                });
            }
        }
        if let Optimality::WithinOneContact { bound } = solution.optimality {
            messages.push(PlanMessage::NotProvenBest {
                rep_id: rep.id.clone(),
                bound,
            });
        }
        for (index, row) in plan.rows[first_row..].iter_mut().enumerate() {
            for (slot, cell) in row.cells.iter_mut().enumerate() {
                cell.planned = solution.counts[index * k + slot];
                cell.binding = solution.bindings[index * k + slot];
            }
        }
        plan.reps.push(RepPlan {
            rep_id: rep.id.clone(),
            field_days: budget.field_days,
            visit_slots_per_day: budget.visit_slots_per_day,
            visit_slots: budget.visit_slots,
            visit_slots_planned: 0.0,
            visit_slot_utilisation: None,
            channels: budget
                .channels
                .iter()
                .map(|c| ChannelLoad {
                    channel_id: c.channel_id.clone(),
                    capacity: c.capacity,
                    planned: 0,
                    utilisation: None,
                })
                .collect(),
            hcps: 0,
            expected_uplift: 0.0,
            optimality: solution.optimality,
        });
    }
    plan.recompute();
    for (slot, channel) in plan.channels.iter().enumerate() {
        if !plan.rows.is_empty()
            && plan
                .rows
                .iter()
                .all(|row| row.cells[slot].access != goals::Access::Open)
        {
            messages.push(PlanMessage::ChannelClosed {
                channel_id: channel.channel_id.clone(),
            });
        }
    }
    (plan, messages)
}

/// Builds, fits, optimises, compares and follows up a plan for `cycle` (the CLI's path).
pub fn plan_for(
    workspace: &Workspace,
    cycle: Cycle,
    options: &PlanOptions,
) -> Result<PlanResult, PlanError> {
    plan_with(workspace, &PlanningData::build(workspace), cycle, options)
}

/// [`plan_for`] on history already built.
pub fn plan_with(
    workspace: &Workspace,
    data: &PlanningData,
    cycle: Cycle,
    options: &PlanOptions,
) -> Result<PlanResult, PlanError> {
    let segmentation = goals::segment_workspace(workspace, &options.segment_source)
        .map_err(|e| PlanError::UnknownRuleSet(e.0))?;
    plan_segmented(workspace, data, &segmentation, cycle, options)
}

/// [`plan_with`] on segments already made (the page keeps the history per data change and the
/// segments per data or source change, from the Segments page's customer base and profiles:
/// [`goals::segment_from`]). `options.segment_source` is not read again.
pub fn plan_segmented(
    workspace: &Workspace,
    data: &PlanningData,
    segmentation: &Segmentation,
    cycle: Cycle,
    options: &PlanOptions,
) -> Result<PlanResult, PlanError> {
    let reps: Vec<usize> = match &options.rep_id {
        Some(id) => vec![workspace
            .reps
            .iter()
            .position(|r| &r.id == id)
            .ok_or_else(|| PlanError::UnknownRep(id.clone()))?],
        None => (0..workspace.reps.len()).collect(),
    };
    let rules = options
        .capacity
        .clone()
        .unwrap_or_else(|| CapacityRules::default_for(workspace));
    let (rules, channels, mut messages) = planned_channels(workspace, &rules);
    if workspace.reps.is_empty() {
        messages.push(PlanMessage::NoReps);
    }
    let curves = fit_curves(
        workspace,
        data,
        segmentation,
        &options.goals,
        &channels,
        &cycle,
        &options.curve_edits,
    );
    match (response::history_window(data, &cycle), data.last_month) {
        (None, _) => messages.push(PlanMessage::NoHistoryBeforeCycle { cycle: cycle.key() }),
        (Some(_), Some(last)) if cycle.first_month().index() - last.index() > 12 => {
            messages.push(PlanMessage::OldHistory {
                cycle: cycle.key(),
                last_month: last,
            })
        }
        _ => {}
    }
    let thin = curves
        .iter()
        .filter(|c| c.source == response::CurveSource::Prior)
        .count() as u32;
    if thin > 0 && response::history_window(data, &cycle).is_some() {
        messages.push(PlanMessage::CurvesFromPriors {
            count: thin,
            total: curves.len() as u32,
        });
    }
    let (plan, plan_messages) = optimise_plan(&PlanInputs {
        workspace,
        data,
        segmentation,
        curves: &curves,
        capacity: &rules,
        channels: &channels,
        goals: &options.goals,
        cycle,
        reps: &reps,
    });
    messages.extend(plan_messages);
    let mut planned_rep = vec![false; workspace.reps.len()];
    for &r in &reps {
        planned_rep[r] = true;
    }
    let without_history = (0..workspace.hcps.len().min(data.hcp_count()))
        .filter(|&h| {
            let rep = data.hcp_rep[h];
            rep != NONE && planned_rep.get(rep as usize) == Some(&true) && data.has_no_history(h)
        })
        .count() as u32;
    if without_history > 0 {
        messages.push(PlanMessage::HcpsWithoutHistory {
            count: without_history,
        });
    }
    if options.rep_id.is_none() {
        let unassigned = data.hcp_rep.iter().filter(|&&r| r == NONE).count() as u32;
        if unassigned > 0 {
            messages.push(PlanMessage::UnassignedHcps { count: unassigned });
        }
    }
    let segment_keys: Vec<String> = segmentation
        .segments
        .iter()
        .map(|s| s.key.clone())
        .collect();
    let (comparison, follow_up) =
        review(workspace, data, &plan, &rules, options.bands, &segment_keys);
    Ok(PlanResult {
        plan,
        segments: segmentation.segments.clone(),
        curves,
        comparison,
        follow_up,
        messages,
        capacity: rules,
    })
}

/// A plan's comparison with the last cycle and an equal split (team first, then each rep), and,
/// when the data reaches into its cycle, its follow-up as of the data's last day: what the page
/// shows for a saved plan, whose counts are frozen while the data moves on.
pub fn review(
    workspace: &Workspace,
    data: &PlanningData,
    plan: &Plan,
    capacity: &CapacityRules,
    bands: Bands,
    segment_keys: &[String],
) -> (Vec<Comparison>, Option<FollowUp>) {
    let cycle = plan.cycle;
    let follow_up = data
        .data_end
        .filter(|end| *end >= cycle.first_day())
        .map(|end| {
            follow_up::follow_up(
                workspace,
                data,
                capacity,
                plan,
                end.min(cycle.last_day()),
                bands,
            )
        });
    (compare(plan, segment_keys), follow_up)
}
