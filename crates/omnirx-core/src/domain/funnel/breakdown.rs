//! Funnel counts split by channel, segment, region, product or rep, with a choice of touch attribution.

use serde::{Deserialize, Serialize};

use super::evaluate::{FunnelRun, Trace, NO_EVENT};
use super::index::{Event, FunnelIndex, NONE};

/// At most this many series are shown, "other" included: beyond it the smallest are summed as
/// "other".
pub const MAX_SERIES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakdownDimension {
    Channel,
    /// The account's tier as graded by the team (A, B, C…).
    Segment,
    Region,
    Product,
    Rep,
}

impl BreakdownDimension {
    pub const ALL: [BreakdownDimension; 5] = [
        BreakdownDimension::Channel,
        BreakdownDimension::Segment,
        BreakdownDimension::Region,
        BreakdownDimension::Product,
        BreakdownDimension::Rep,
    ];

    pub fn parse(text: &str) -> Option<BreakdownDimension> {
        BreakdownDimension::ALL
            .into_iter()
            .find(|dimension| dimension.key() == text)
    }

    pub fn key(self) -> &'static str {
        match self {
            BreakdownDimension::Channel => "channel",
            BreakdownDimension::Segment => "segment",
            BreakdownDimension::Region => "region",
            BreakdownDimension::Product => "product",
            BreakdownDimension::Rep => "rep",
        }
    }

    /// Channel, product and rep come from interactions and so depend on the attribution.
    pub fn uses_attribution(self) -> bool {
        matches!(
            self,
            BreakdownDimension::Channel | BreakdownDimension::Product | BreakdownDimension::Rep
        )
    }
}

/// Which interaction gives an entity its channel (product, rep).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// The interaction credited with step 1 (the one at step 1's time), for every step.
    #[default]
    FirstTouch,
    /// The last interaction at or before the furthest step reached, for every step.
    LastTouch,
    /// Per step, the interaction credited with that step (the one at the step's time; when a
    /// prescription month set it, the last interaction at or before it), so one entity may count
    /// under different series per step.
    StepEvent,
}

impl Attribution {
    pub const ALL: [Attribution; 3] = [
        Attribution::FirstTouch,
        Attribution::LastTouch,
        Attribution::StepEvent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Attribution::FirstTouch => "first_touch",
            Attribution::LastTouch => "last_touch",
            Attribution::StepEvent => "step_event",
        }
    }

    pub fn parse(text: &str) -> Option<Attribution> {
        Attribution::ALL.into_iter().find(|a| a.key() == text)
    }
}

/// A series' name: from the workspace, missing (no channel, no rep, no tier), or "other".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum SeriesLabel {
    Named(String),
    Missing,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownSeries {
    pub label: SeriesLabel,
    /// Entities per step under this series.
    pub counts: Vec<u64>,
}

impl BreakdownSeries {
    /// Conversion from the previous step, per step (`None` for step 1 or a zero base).
    pub fn conversion_from_previous(&self, step: usize) -> Option<f64> {
        (step > 0 && self.counts[step - 1] > 0)
            .then(|| self.counts[step] as f64 / self.counts[step - 1] as f64)
    }

    pub fn overall_conversion(&self) -> Option<f64> {
        let (first, last) = (*self.counts.first()?, *self.counts.last()?);
        (first > 0).then(|| last as f64 / first as f64)
    }
}

/// The last interaction at or before `at`.
fn last_touch_before(events: &[Event], at: i64) -> Option<&Event> {
    let end = events.partition_point(|event| event.at <= at);
    end.checked_sub(1).map(|position| &events[position])
}

fn value_of(dimension: BreakdownDimension, event: Option<&Event>) -> u16 {
    match (dimension, event) {
        (_, None) => NONE,
        (BreakdownDimension::Channel, Some(event)) => event.channel,
        (BreakdownDimension::Product, Some(event)) => event.product,
        (BreakdownDimension::Rep, Some(event)) => event.rep,
        _ => NONE,
    }
}

/// The interaction that represents a step of a trace under the attribution.
fn touch_for_step<'a>(events: &'a [Event], trace: &Trace, step: usize) -> Option<&'a Event> {
    match trace.events[step] {
        NO_EVENT => last_touch_before(events, trace.times[step]),
        position => events.get(position as usize),
    }
}

/// Splits a run's counts by a dimension. Series are ordered by their step-1 count, then their
/// last-step count (largest first), then by name ("none" after every name); when there are more
/// than [`MAX_SERIES`], the first `MAX_SERIES - 1` are kept and the rest summed into one "other"
/// series, which always comes last.
pub fn breakdown(
    run: &FunnelRun,
    index: &FunnelIndex,
    dimension: BreakdownDimension,
    attribution: Attribution,
) -> Vec<BreakdownSeries> {
    let names: &[String] = match dimension {
        BreakdownDimension::Channel => &index.channel_names,
        BreakdownDimension::Segment => &index.tier_names,
        BreakdownDimension::Region => &index.region_names,
        BreakdownDimension::Product => &index.product_names,
        BreakdownDimension::Rep => &index.rep_names,
    };
    // One row per value plus one for "missing" at the end.
    let missing = names.len();
    let mut counts = vec![vec![0u64; run.step_count]; names.len() + 1];
    let slot = |value: u16| {
        if value == NONE || usize::from(value) >= missing {
            missing
        } else {
            usize::from(value)
        }
    };
    for trace in &run.traces {
        let reached = usize::from(trace.reached);
        let facts = &index.entities[trace.entity as usize];
        let events = index.events_of(trace.entity as usize);
        let fixed = match (dimension, attribution) {
            (BreakdownDimension::Segment, _) => {
                // An ungraded account (empty tier) counts as missing.
                let tier = facts.tier;
                Some(
                    if tier != NONE && index.tier_names[usize::from(tier)].is_empty() {
                        NONE
                    } else {
                        tier
                    },
                )
            }
            (BreakdownDimension::Region, _) => Some(facts.region),
            (_, Attribution::FirstTouch) => {
                Some(value_of(dimension, touch_for_step(events, trace, 0)))
            }
            (_, Attribution::LastTouch) => Some(value_of(
                dimension,
                last_touch_before(events, trace.times[reached - 1]),
            )),
            (_, Attribution::StepEvent) => None,
        };
        for step in 0..reached {
            let value =
                fixed.unwrap_or_else(|| value_of(dimension, touch_for_step(events, trace, step)));
            counts[slot(value)][step] += 1;
        }
    }
    let mut series: Vec<BreakdownSeries> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, counts)| counts.iter().any(|&count| count > 0))
        .map(|(position, counts)| BreakdownSeries {
            label: if position == missing {
                SeriesLabel::Missing
            } else {
                SeriesLabel::Named(names[position].clone())
            },
            counts,
        })
        .collect();
    series.sort_by(|a, b| {
        b.counts[0]
            .cmp(&a.counts[0])
            .then_with(|| b.counts.last().cmp(&a.counts.last()))
            .then_with(|| label_order(&a.label).cmp(&label_order(&b.label)))
    });
    if series.len() > MAX_SERIES {
        let rest = series.split_off(MAX_SERIES - 1);
        let mut other = vec![0u64; run.step_count];
        for series in &rest {
            for (sum, count) in other.iter_mut().zip(&series.counts) {
                *sum += count;
            }
        }
        series.push(BreakdownSeries {
            label: SeriesLabel::Other,
            counts: other,
        });
    }
    series
}

fn label_order(label: &SeriesLabel) -> (u8, &str) {
    match label {
        SeriesLabel::Named(name) => (0, name.as_str()),
        SeriesLabel::Missing => (1, ""),
        SeriesLabel::Other => (2, ""),
    }
}
