//! Running a rule set over every HCP: each HCP's segment, and how many HCPs each rule catches.

use serde::{Deserialize, Serialize};

use super::profile::{CustomerBase, CustomerProfiles};
use super::rules::{CompiledRules, UNCLASSIFIED};

/// Every HCP's segment and the rule that gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    /// Segment number per HCP (file order), or [`UNCLASSIFIED`].
    pub segments: Vec<u16>,
    /// The rule that caught each HCP, or `None` when no rule did (fallback or unclassified).
    pub rules: Vec<Option<u16>>,
    pub segment_count: usize,
}

impl Classification {
    /// HCPs per segment, in segment order, then the unclassified count.
    pub fn sizes(&self) -> (Vec<u64>, u64) {
        let mut sizes = vec![0u64; self.segment_count];
        let mut unclassified = 0;
        for &segment in &self.segments {
            match sizes.get_mut(usize::from(segment)) {
                Some(size) if segment != UNCLASSIFIED => *size += 1,
                _ => unclassified += 1,
            }
        }
        (sizes, unclassified)
    }

    /// The HCPs (file order) in a segment.
    pub fn members(&self, segment: u16) -> Vec<usize> {
        self.segments
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == segment)
            .map(|(hcp, _)| hcp)
            .collect()
    }
}

/// For the rule editor's preview: per rule, the HCPs it catches (it is the first rule that holds)
/// and the HCPs whose conditions hold at all (some of them caught by an earlier rule).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RulePreview {
    pub caught: u64,
    pub matching: u64,
}

pub fn classify(
    rules: &CompiledRules,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
) -> Classification {
    let mut segments = Vec::with_capacity(base.hcp_count());
    let mut caught_by = Vec::with_capacity(base.hcp_count());
    for (attributes, figures) in base.attributes.iter().zip(&profiles.figures) {
        let rule = rules.first_matching_rule(attributes, figures);
        segments.push(rules.segment_of(attributes, figures));
        caught_by.push(rule.map(|r| r as u16));
    }
    Classification {
        segments,
        rules: caught_by,
        segment_count: rules.segment_count,
    }
}

pub fn preview_rules(
    rules: &CompiledRules,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    classification: &Classification,
) -> Vec<RulePreview> {
    let mut previews = vec![
        RulePreview {
            caught: 0,
            matching: 0
        };
        rules.rule_count()
    ];
    for (hcp, (attributes, figures)) in base.attributes.iter().zip(&profiles.figures).enumerate() {
        if let Some(rule) = classification.rules[hcp] {
            previews[usize::from(rule)].caught += 1;
        }
        for (rule, preview) in previews.iter_mut().enumerate() {
            if rules.rule_holds(rule, attributes, figures) {
                preview.matching += 1;
            }
        }
    }
    previews
}

/// Each HCP's adoption stage: how many steps of the funnel it reached (0 when it never entered).
/// `run` must come from an HCP index of the same workspace.
pub fn adoption_stages(run: &crate::domain::funnel::FunnelRun, hcp_count: usize) -> Vec<u8> {
    let mut stages = vec![0u8; hcp_count];
    for trace in &run.traces {
        if let Some(stage) = stages.get_mut(trace.entity as usize) {
            *stage = trace.reached;
        }
    }
    stages
}
