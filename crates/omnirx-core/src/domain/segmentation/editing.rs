//! Edits of a segment rule set (rules, their conditions, segments), as plain functions the rule
//! editor and the tests share.
//!
//! Every function leaves the rule set valid: each rule names a segment of the set, segment ids
//! stay unique, a condition's range has min ≤ max (typing a min above the max moves the max up,
//! and the other way round), and a list condition lists each value once. An edit of a rule or
//! condition that is not there does nothing. New segment ids are the first free `sN`, from
//! [`crate::domain::ids`].

use super::rules::{Condition, Dimension, Segment, SegmentRule, SegmentRuleSet};
use crate::domain::ids::first_free;

fn rule_mut(rule_set: &mut SegmentRuleSet, rule: usize) -> Option<&mut SegmentRule> {
    rule_set.rules.get_mut(rule)
}

fn condition_mut(
    rule_set: &mut SegmentRuleSet,
    rule: usize,
    position: usize,
) -> Option<&mut Condition> {
    rule_mut(rule_set, rule)?.conditions.get_mut(position)
}

/// Adds a rule at the end that catches everyone into the first segment; returns its index.
/// A set without segments gets one first, so the rule has somewhere to send HCPs.
pub fn add_rule(rule_set: &mut SegmentRuleSet) -> usize {
    if rule_set.segments.is_empty() {
        add_segment(rule_set);
    }
    rule_set.rules.push(SegmentRule {
        name: String::new(),
        segment_id: rule_set.segments[0].id.clone(),
        conditions: Vec::new(),
    });
    rule_set.rules.len() - 1
}

pub fn rename_rule(rule_set: &mut SegmentRuleSet, rule: usize, name: &str) {
    if let Some(rule) = rule_mut(rule_set, rule) {
        rule.name = name.trim().to_string();
    }
}

/// Sends the rule's HCPs to segment `segment_id`; an id that is not a segment of the set is
/// ignored.
pub fn set_rule_segment(rule_set: &mut SegmentRuleSet, rule: usize, segment_id: &str) {
    if !rule_set.segments.iter().any(|s| s.id == segment_id) {
        return;
    }
    if let Some(rule) = rule_mut(rule_set, rule) {
        rule.segment_id = segment_id.to_string();
    }
}

/// Swaps rule `rule` with the one `offset` places away (−1 up, +1 down); false at either end.
/// Rules are tried in order, so this changes who lands where.
pub fn move_rule(rule_set: &mut SegmentRuleSet, rule: usize, offset: isize) -> bool {
    let Some(other) = rule.checked_add_signed(offset) else {
        return false;
    };
    if rule >= rule_set.rules.len() || other >= rule_set.rules.len() {
        return false;
    }
    rule_set.rules.swap(rule, other);
    true
}

pub fn remove_rule(rule_set: &mut SegmentRuleSet, rule: usize) {
    if rule < rule_set.rules.len() {
        rule_set.rules.remove(rule);
    }
}

/// Adds an open condition on `dimension` to rule `rule` (it holds for everyone with a value
/// until it is narrowed).
pub fn add_condition(rule_set: &mut SegmentRuleSet, rule: usize, dimension: Dimension) {
    if let Some(rule) = rule_mut(rule_set, rule) {
        rule.conditions.push(dimension.open_condition());
    }
}

pub fn remove_condition(rule_set: &mut SegmentRuleSet, rule: usize, position: usize) {
    if let Some(rule) = rule_mut(rule_set, rule) {
        if position < rule.conditions.len() {
            rule.conditions.remove(position);
        }
    }
}

/// Which end of a range condition an edit sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Min,
    Max,
}

/// Sets one end of a range condition (`None`: open). The other end follows when the range would
/// run backwards, so the range always holds for someone. Lists are left alone.
pub fn set_condition_bound(
    rule_set: &mut SegmentRuleSet,
    rule: usize,
    position: usize,
    bound: Bound,
    value: Option<i64>,
) {
    let Some(condition) = condition_mut(rule_set, rule, position) else {
        return;
    };
    let Some((min, max)) = condition.range() else {
        return;
    };
    let (min, max) = match (bound, value) {
        (Bound::Min, Some(value)) => (Some(value), max.map(|max| max.max(value))),
        (Bound::Min, None) => (None, max),
        (Bound::Max, Some(value)) => (min.map(|min| min.min(value)), Some(value)),
        (Bound::Max, None) => (min, None),
    };
    *condition = condition.with_range(min, max);
}

/// Lists (`on`) or unlists the value `key` in a list condition (a file key: an id, a city or an
/// enum name); each value is listed once. Ranges are left alone.
pub fn set_condition_value(
    rule_set: &mut SegmentRuleSet,
    rule: usize,
    position: usize,
    key: &str,
    on: bool,
) {
    let Some(condition) = condition_mut(rule_set, rule, position) else {
        return;
    };
    let Some(mut keys) = condition.listed_keys() else {
        return;
    };
    keys.retain(|listed| listed != key);
    if on {
        keys.push(key.to_string());
    }
    *condition = condition.with_listed_keys(&keys);
}

/// Adds a segment named by its number (`s3` is named "3") and returns its id.
pub fn add_segment(rule_set: &mut SegmentRuleSet) -> String {
    let number = rule_set.segments.len() + 1;
    let id = first_free(
        number,
        |n| format!("s{n}"),
        |id| rule_set.segments.iter().any(|s| s.id == id),
    );
    let name = id.trim_start_matches('s').to_string();
    rule_set.segments.push(Segment {
        id: id.clone(),
        name,
        strategy: String::new(),
    });
    id
}

/// Renames segment `index`; a blank name is ignored (a segment is always named in the lists).
pub fn rename_segment(rule_set: &mut SegmentRuleSet, index: usize, name: &str) {
    let name = name.trim();
    if let (Some(segment), false) = (rule_set.segments.get_mut(index), name.is_empty()) {
        segment.name = name.to_string();
    }
}

pub fn set_segment_strategy(rule_set: &mut SegmentRuleSet, index: usize, strategy: &str) {
    if let Some(segment) = rule_set.segments.get_mut(index) {
        segment.strategy = strategy.trim().to_string();
    }
}
