//! A rule set's segment sizes and per-rule counts at the end of the data, as the CLI prints them and the Segments page shows them.

use serde::Serialize;

use crate::domain::funnel::evaluate::WorkspaceIds;
use crate::domain::funnel::index::FunnelIndex;
use crate::domain::funnel::CountingUnit;
use crate::domain::model::Workspace;

use super::classify::{classify, preview_rules};
use super::movement::profiles_at;
use super::overview::segment_overview;
use super::profile::{CustomerBase, CustomerProfiles, VolumeLevel};
use super::rules::{CompiledRules, DimensionIds, SegmentRuleSet};

/// The moment today's segments are taken at: the end of the data in the file (never today's
/// date, so the app and the CLI agree on any day), or the epoch for a file without data.
pub fn analysis_moment(index: &FunnelIndex) -> i64 {
    index.data_end.unwrap_or(0)
}

/// Today's profiles, with adoption stages from the workspace's first (default) funnel.
pub fn current_profiles(
    workspace: &Workspace,
    base: &CustomerBase,
    hcp_index: &FunnelIndex,
) -> CustomerProfiles {
    profiles_at(
        base,
        hcp_index,
        workspace.funnels.first(),
        &WorkspaceIds::of(workspace),
        analysis_moment(hcp_index),
    )
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentLine {
    /// `None` for the unclassified HCPs.
    pub id: Option<String>,
    pub name: String,
    pub size: u64,
    pub size_share: f64,
    /// `None` where the market rules forbid HCP-level prescription figures (an account's units
    /// cannot be split among its HCPs' segments).
    pub volume_share: Option<f64>,
    pub average_potential: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleLine {
    pub name: String,
    pub segment_id: String,
    /// HCPs this rule gives their segment (no earlier rule caught them).
    pub caught: u64,
    /// HCPs whose conditions hold, earlier rules aside.
    pub matching: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentsReport {
    pub rule_set_id: String,
    pub rule_set_name: String,
    pub hcp_count: usize,
    pub segments: Vec<SegmentLine>,
    pub rules: Vec<RuleLine>,
}

pub fn segments_report_from(
    workspace: &Workspace,
    rule_set: &SegmentRuleSet,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
) -> SegmentsReport {
    let compiled = CompiledRules::compile(rule_set, &DimensionIds::of(workspace, &base.city_names));
    let classification = classify(&compiled, base, profiles);
    let previews = preview_rules(&compiled, base, profiles, &classification);
    SegmentsReport {
        rule_set_id: rule_set.id.clone(),
        rule_set_name: rule_set.name.clone(),
        hcp_count: base.hcp_count(),
        segments: segment_overview(base, profiles, &classification)
            .into_iter()
            .map(|row| SegmentLine {
                id: row.segment.map(|s| rule_set.segments[s].id.clone()),
                name: row
                    .segment
                    .map_or_else(String::new, |s| rule_set.segments[s].name.clone()),
                size: row.size,
                size_share: row.size_share,
                volume_share: (base.volume_level == VolumeLevel::Hcp).then_some(row.volume_share),
                average_potential: row.average_potential,
            })
            .collect(),
        rules: rule_set
            .rules
            .iter()
            .zip(previews)
            .map(|(rule, preview)| RuleLine {
                name: rule.name.clone(),
                segment_id: rule.segment_id.clone(),
                caught: preview.caught,
                matching: preview.matching,
            })
            .collect(),
    }
}

/// The report for one rule set, building everything from the workspace (the CLI's path).
pub fn segments_report(workspace: &Workspace, rule_set: &SegmentRuleSet) -> SegmentsReport {
    let index = FunnelIndex::build(workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(workspace);
    let profiles = current_profiles(workspace, &base, &index);
    segments_report_from(workspace, rule_set, &base, &profiles)
}
