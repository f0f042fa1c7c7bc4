//! One funnel's full report (summary and optional breakdown), as the CLI prints it and the UI shows it.

use serde::Serialize;

use super::breakdown::{breakdown, Attribution, BreakdownDimension, BreakdownSeries};
use super::definition::{FunnelDefinition, Period};
use super::evaluate::{run_funnel, WorkspaceIds};
use super::index::FunnelIndex;
use super::summary::{summarise_manual, summarise_run, FunnelSummary};
use crate::domain::compliance;
use crate::domain::model::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownReport {
    pub dimension: BreakdownDimension,
    pub attribution: Attribution,
    pub series: Vec<BreakdownSeries>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelReport {
    #[serde(flatten)]
    pub summary: FunnelSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<BreakdownReport>,
    /// The funnel counts HCPs and has prescription steps, but the workspace's market rules forbid
    /// HCP-level prescription figures: it was counted per account (`docs/compliance.md`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub counted_per_account_by_market_rules: bool,
}

/// What to compute beyond the saved definition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportOptions {
    /// Replaces the definition's period (`Some(None)` = all the data).
    pub period: Option<Option<Period>>,
    pub breakdown: Option<(BreakdownDimension, Attribution)>,
}

pub fn funnel_report(
    workspace: &Workspace,
    definition: &FunnelDefinition,
    options: &ReportOptions,
) -> Result<FunnelReport, super::summary::ManualCountsProblem> {
    if let Some(counts) = &definition.manual_counts {
        return Ok(FunnelReport {
            summary: summarise_manual(definition, counts)?,
            breakdown: None,
            counted_per_account_by_market_rules: false,
        });
    }
    let mut definition = definition.clone();
    if let Some(period) = options.period {
        definition.period = period;
    }
    let rules = workspace.settings.market_rules;
    let index = FunnelIndex::build(workspace, compliance::funnel_unit(&definition, rules));
    let run = run_funnel(&definition, &WorkspaceIds::of(workspace), &index);
    Ok(FunnelReport {
        counted_per_account_by_market_rules: compliance::counted_per_account_by_rules(
            &definition,
            rules,
        ),
        summary: summarise_run(&definition, &index, &run),
        breakdown: options
            .breakdown
            .map(|(dimension, attribution)| BreakdownReport {
                dimension,
                attribution,
                series: breakdown(&run, &index, dimension, attribution),
            }),
    })
}
