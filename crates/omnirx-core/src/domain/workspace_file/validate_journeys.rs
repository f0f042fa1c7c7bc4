//! Checks the journey maps of a parsed workspace: ids, card and count references, links to funnels and segments, score ranges.

use std::collections::HashSet;

use super::checks::{
    check_ids, check_inner_ids, check_not_negative, check_reference, ValidationReport,
};
use super::errors::Problem;
use crate::domain::journey::model::{
    JourneyMap, StageLink, EMOTION_MAX, EMOTION_MIN, MAX_LANES, MAX_STAGES,
};
use crate::domain::model::Workspace;

fn check_range(
    report: &mut ValidationReport,
    path: impl FnOnce() -> String,
    value: f64,
    min: f64,
    max: f64,
) {
    if !(min..=max).contains(&value) {
        report.push(path(), Problem::NumberOutOfRange);
    }
}

pub(super) fn validate_journeys(
    report: &mut ValidationReport,
    workspace: &Workspace,
    channels: &HashSet<&str>,
) {
    check_ids(report, "journeys", &workspace.journeys, |map| {
        map.id.as_str()
    });
    for (index, map) in workspace.journeys.iter().enumerate() {
        validate_journey(
            report,
            workspace,
            channels,
            &format!("journeys[{index}]"),
            map,
        );
    }
}

fn validate_journey(
    report: &mut ValidationReport,
    workspace: &Workspace,
    channels: &HashSet<&str>,
    path: &str,
    map: &JourneyMap,
) {
    if map.stages.is_empty() || map.stages.len() > MAX_STAGES {
        report.push(
            format!("{path}.stages"),
            Problem::TooMany {
                limit: MAX_STAGES,
                count: map.stages.len(),
            },
        );
    }
    if map.lanes.is_empty() || map.lanes.len() > MAX_LANES {
        report.push(
            format!("{path}.lanes"),
            Problem::TooMany {
                limit: MAX_LANES,
                count: map.lanes.len(),
            },
        );
    }
    let stages = check_inner_ids(report, &format!("{path}.stages"), &map.stages, |s| {
        s.id.as_str()
    });
    let lanes = check_inner_ids(report, &format!("{path}.lanes"), &map.lanes, |l| {
        l.id.as_str()
    });
    check_inner_ids(report, &format!("{path}.cards"), &map.cards, |c| {
        c.id.as_str()
    });

    for (position, stage) in map.stages.iter().enumerate() {
        let stage_path = format!("{path}.stages[{position}]");
        if let Some(score) = stage.emotion {
            check_range(
                report,
                || format!("{stage_path}.emotion"),
                score,
                EMOTION_MIN,
                EMOTION_MAX,
            );
        }
        match &stage.link {
            None => {}
            Some(StageLink::FunnelStep { funnel_id, step }) => {
                match workspace
                    .funnels
                    .iter()
                    .find(|funnel| &funnel.id == funnel_id)
                {
                    None => report.push(
                        format!("{stage_path}.link.funnel_id"),
                        Problem::UnknownReference {
                            kind: "funnel",
                            id: funnel_id.clone(),
                        },
                    ),
                    Some(funnel) if *step >= funnel.steps.len() => report.push(
                        format!("{stage_path}.link.step"),
                        Problem::UnknownReference {
                            kind: "funnel step",
                            id: step.to_string(),
                        },
                    ),
                    Some(_) => {}
                }
            }
            Some(StageLink::Segment {
                rule_set_id,
                segment_id,
            }) => match workspace
                .segment_rule_sets
                .iter()
                .find(|rule_set| &rule_set.id == rule_set_id)
            {
                None => report.push(
                    format!("{stage_path}.link.rule_set_id"),
                    Problem::UnknownReference {
                        kind: "segment rule set",
                        id: rule_set_id.clone(),
                    },
                ),
                Some(rule_set) if !rule_set.segments.iter().any(|s| &s.id == segment_id) => report
                    .push(
                        format!("{stage_path}.link.segment_id"),
                        Problem::UnknownReference {
                            kind: "segment",
                            id: segment_id.clone(),
                        },
                    ),
                Some(_) => {}
            },
        }
    }

    for (position, card) in map.cards.iter().enumerate() {
        let card_path = format!("{path}.cards[{position}]");
        check_reference(
            report,
            || format!("{card_path}.stage_id"),
            &stages,
            "journey stage",
            &card.stage_id,
        );
        check_reference(
            report,
            || format!("{card_path}.lane_id"),
            &lanes,
            "journey lane",
            &card.lane_id,
        );
        if let Some(channel_id) = &card.channel_id {
            check_reference(
                report,
                || format!("{card_path}.channel_id"),
                channels,
                "channel",
                channel_id,
            );
        }
    }

    let mut seen_rows: HashSet<(&str, crate::domain::time::Month)> = HashSet::new();
    for (position, row) in map.cohort.iter().enumerate() {
        let row_path = format!("{path}.cohort[{position}]");
        check_reference(
            report,
            || format!("{row_path}.stage_id"),
            &stages,
            "journey stage",
            &row.stage_id,
        );
        if !seen_rows.insert((row.stage_id.as_str(), row.month)) {
            // Two rows for the same stage and month would be added together by the metrics;
            // in a file that is almost always a pasted duplicate, so it is refused.
            report.push(
                format!("{row_path}.month"),
                Problem::DuplicateId {
                    id: format!("{} {}", row.stage_id, row.month),
                    first_path: format!("{path}.cohort"),
                },
            );
        }
        if let Some(days) = row.median_days_in_stage {
            check_not_negative(report, || format!("{row_path}.median_days_in_stage"), days);
        }
        if let Some(outcomes) = &row.outcomes {
            let outcome_path = format!("{row_path}.outcomes");
            if let Some(value) = outcomes.satisfaction {
                check_range(
                    report,
                    || format!("{outcome_path}.satisfaction"),
                    value,
                    1.0,
                    5.0,
                );
            }
            if let Some(value) = outcomes.quality_of_life {
                check_range(
                    report,
                    || format!("{outcome_path}.quality_of_life"),
                    value,
                    0.0,
                    100.0,
                );
            }
            if let Some(value) = outcomes.adherence_percent {
                check_range(
                    report,
                    || format!("{outcome_path}.adherence_percent"),
                    value,
                    0.0,
                    100.0,
                );
            }
        }
    }
}
