//! Edits of a plan and of its settings (capacity, frequencies, curves), as plain functions the Plan page and tests share.
//!
//! Rule 28 of `docs/planning.md`. Every function leaves its value valid: a planned count stays
//! within the HCP's minimum and maximum and is 0 through a channel it may not receive, and the
//! plan's loads, utilisation and uplift are recomputed; capacities and frequencies stay finite
//! and non-negative with `min ≤ default ≤ max`.

use crate::domain::calendar::CalendarDate;

use super::capacity::{
    clean, CapacityRules, ChannelCapacity, RepCapacity, MAX_PER_FIELD_DAY, MAX_VISIT_SLOT_COST,
};
use super::goals::{Access, Frequency, FrequencyRule, GoalRules, HcpFrequency};
use super::optimise::{Binding, Plan};

pub use super::response::{clear_curve, set_curve};

/// Why an edit of a plan was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanEditRefusal {
    UnknownHcp,
    UnknownChannel,
    /// The HCP opted out of the channel.
    OptedOut,
    /// The channel does not reach this HCP.
    NotApplicable,
    /// No saved plan has this id (`saved::set_saved_planned`).
    UnknownPlan,
}

/// Sets an HCP's planned contacts through a channel by hand; the count is kept within the HCP's
/// minimum and maximum (the kept count is returned), the cell is marked as edited, and the rep's
/// load, utilisation and uplift are recomputed. Capacity is not a limit for a hand edit: a
/// utilisation above 100 % shows it.
pub fn set_planned(
    plan: &mut Plan,
    hcp_id: &str,
    channel_id: &str,
    planned: u32,
) -> Result<u32, PlanEditRefusal> {
    let channel = plan
        .channel_index(channel_id)
        .ok_or(PlanEditRefusal::UnknownChannel)?;
    let row = plan
        .rows
        .iter_mut()
        .find(|row| row.hcp_id == hcp_id)
        .ok_or(PlanEditRefusal::UnknownHcp)?;
    let cell = row
        .cells
        .get_mut(channel)
        .ok_or(PlanEditRefusal::UnknownChannel)?;
    match cell.access {
        Access::OptedOut => return Err(PlanEditRefusal::OptedOut),
        Access::NotApplicable => return Err(PlanEditRefusal::NotApplicable),
        Access::Open => {}
    }
    let kept = planned.clamp(cell.min, cell.max.max(cell.min));
    cell.planned = kept;
    cell.binding = Binding::Edited;
    plan.recompute();
    Ok(kept)
}

fn team_channel<'a>(rules: &'a mut CapacityRules, channel_id: &str) -> &'a mut ChannelCapacity {
    if let Some(index) = rules
        .channels
        .iter()
        .position(|c| c.channel_id == channel_id)
    {
        return &mut rules.channels[index];
    }
    rules.channels.push(ChannelCapacity {
        channel_id: channel_id.to_string(),
        per_field_day: 0.0,
        visit_slot_cost: 0.0,
    });
    rules.channels.last_mut().expect("just pushed")
}

fn rep_entry<'a>(rules: &'a mut CapacityRules, rep_id: &str) -> &'a mut RepCapacity {
    if let Some(index) = rules.reps.iter().position(|r| r.rep_id == rep_id) {
        return &mut rules.reps[index];
    }
    rules.reps.push(RepCapacity {
        rep_id: rep_id.to_string(),
        ..RepCapacity::default()
    });
    rules.reps.last_mut().expect("just pushed")
}

/// Sets the team's contacts per field day and visit-slot cost of a channel (adding the channel
/// to the planned ones when it was not).
pub fn set_team_capacity(
    rules: &mut CapacityRules,
    channel_id: &str,
    per_field_day: f64,
    visit_slot_cost: f64,
) {
    let channel = team_channel(rules, channel_id);
    channel.per_field_day = clean(per_field_day, MAX_PER_FIELD_DAY);
    channel.visit_slot_cost = clean(visit_slot_cost, MAX_VISIT_SLOT_COST);
}

/// Stops planning a channel.
pub fn remove_team_channel(rules: &mut CapacityRules, channel_id: &str) {
    rules.channels.retain(|c| c.channel_id != channel_id);
    for rep in &mut rules.reps {
        rep.channels.retain(|c| c.channel_id != channel_id);
    }
}

/// Sets a rep's own contacts per field day for a channel the team plans (its visit-slot cost
/// stays the team's), or goes back to the team's with `None`. A channel the team does not plan
/// is left alone.
pub fn set_rep_capacity(
    rules: &mut CapacityRules,
    rep_id: &str,
    channel_id: &str,
    per_field_day: Option<f64>,
) {
    let Some(team) = rules
        .channels
        .iter()
        .find(|c| c.channel_id == channel_id)
        .cloned()
    else {
        return;
    };
    let rep = rep_entry(rules, rep_id);
    rep.channels.retain(|c| c.channel_id != channel_id);
    if let Some(per_field_day) = per_field_day {
        rep.channels.push(ChannelCapacity {
            per_field_day: clean(per_field_day, MAX_PER_FIELD_DAY),
            ..team
        });
    }
}

/// Sets the visit slots per field day of the team (`rep_id` `None`) or of one rep (`slots`
/// `None` goes back to the team's).
pub fn set_visit_slots(rules: &mut CapacityRules, rep_id: Option<&str>, slots: Option<f64>) {
    match rep_id {
        None => rules.visit_slots_per_day = clean(slots.unwrap_or(0.0), MAX_PER_FIELD_DAY),
        Some(rep_id) => {
            rep_entry(rules, rep_id).visit_slots_per_day =
                slots.map(|s| clean(s, MAX_PER_FIELD_DAY))
        }
    }
}

/// Adds a day off for a rep (once; kept sorted).
pub fn add_day_off(rules: &mut CapacityRules, rep_id: &str, date: CalendarDate) {
    let rep = rep_entry(rules, rep_id);
    if let Err(at) = rep.days_off.binary_search(&date) {
        rep.days_off.insert(at, date);
    }
}

pub fn remove_day_off(rules: &mut CapacityRules, rep_id: &str, date: CalendarDate) {
    if let Some(rep) = rules.reps.iter_mut().find(|r| r.rep_id == rep_id) {
        rep.days_off.retain(|d| *d != date);
    }
}

/// Sets a segment's frequency for a channel (per month), normalised: finite, non-negative,
/// `min ≤ default ≤ max`.
pub fn set_frequency(goals: &mut GoalRules, segment: &str, channel_id: &str, frequency: Frequency) {
    let Frequency { default, min, max } = frequency.normalised();
    let rule = FrequencyRule {
        segment: segment.to_string(),
        channel_id: channel_id.to_string(),
        default,
        min,
        max,
    };
    match goals
        .rules
        .iter_mut()
        .find(|r| r.segment == segment && r.channel_id == channel_id)
    {
        Some(existing) => *existing = rule,
        None => goals.rules.push(rule),
    }
}

/// Goes back to the built-in frequency of the segment's strategy.
pub fn clear_frequency(goals: &mut GoalRules, segment: &str, channel_id: &str) {
    goals
        .rules
        .retain(|r| !(r.segment == segment && r.channel_id == channel_id));
}

/// Sets an HCP's own minimum and maximum for a channel per cycle (`max` raised to `min`).
pub fn set_hcp_frequency(
    goals: &mut GoalRules,
    hcp_id: &str,
    channel_id: &str,
    min: u32,
    max: u32,
) {
    let entry = HcpFrequency {
        hcp_id: hcp_id.to_string(),
        channel_id: channel_id.to_string(),
        min,
        max: max.max(min),
    };
    match goals
        .hcps
        .iter_mut()
        .find(|o| o.hcp_id == hcp_id && o.channel_id == channel_id)
    {
        Some(existing) => *existing = entry,
        None => goals.hcps.push(entry),
    }
}

pub fn clear_hcp_frequency(goals: &mut GoalRules, hcp_id: &str, channel_id: &str) {
    goals
        .hcps
        .retain(|o| !(o.hcp_id == hcp_id && o.channel_id == channel_id));
}

/// Sets how much the preferred channel is favoured (kept within 0 … 4, i.e. up to ×5).
pub fn set_preference_boost(goals: &mut GoalRules, boost: f64) {
    goals.preference_boost = clean(boost, 4.0);
}
