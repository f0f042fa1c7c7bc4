//! The numbers a funnel view shows: per step counts, conversions, drop-off, still-converting and times.

use serde::Serialize;

use super::definition::FunnelDefinition;
use super::evaluate::FunnelRun;
use super::index::FunnelIndex;
use crate::domain::time::Timestamp;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepSummary {
    pub name: String,
    /// Entities that reached this step.
    pub count: u64,
    /// `count` ÷ the previous step's count; `None` for the first step or when that is zero.
    pub conversion_from_previous: Option<f64>,
    /// `count` ÷ the first step's count.
    pub conversion_from_first: Option<f64>,
    /// Reached the previous step, not this one, and their window has closed.
    pub dropped: u64,
    /// Reached the previous step, not this one, and can still make it: not counted as dropped.
    pub still_in_window: u64,
    /// Time from the previous step to this one (nearest-rank percentiles), in seconds.
    pub median_seconds_from_previous: Option<i64>,
    pub p75_seconds_from_previous: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelSummary {
    pub funnel_id: String,
    pub funnel_name: String,
    pub steps: Vec<StepSummary>,
    /// The step with the worst conversion (see [`find_bottleneck`]).
    pub bottleneck: Option<usize>,
    /// The end of the data, after which windows still open are "still converting".
    pub data_end: Option<Timestamp>,
    /// False when the workspace's time zone is unknown and days are counted in UTC.
    pub time_zone_known: bool,
    /// True for a workshop funnel whose counts were typed by hand.
    pub manual: bool,
}

impl FunnelSummary {
    pub fn counts(&self) -> Vec<u64> {
        self.steps.iter().map(|step| step.count).collect()
    }

    /// The share of entrants who reached the last step.
    pub fn overall_conversion(&self) -> Option<f64> {
        self.steps.last()?.conversion_from_first
    }
}

/// The value at rank ⌈p·n⌉ of the sorted values (nearest-rank), so it is always an observed value.
pub fn nearest_rank_percentile(sorted: &[i64], percent: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (u64::from(percent) * sorted.len() as u64)
        .div_ceil(100)
        .max(1) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn step_rows(names: &[String], counts: &[u64]) -> Vec<StepSummary> {
    names
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(step, (name, &count))| StepSummary {
            name: name.clone(),
            count,
            conversion_from_previous: if step == 0 {
                None
            } else {
                ratio(count, counts[step - 1])
            },
            conversion_from_first: ratio(count, counts[0]),
            dropped: 0,
            still_in_window: 0,
            median_seconds_from_previous: None,
            p75_seconds_from_previous: None,
        })
        .collect()
}

/// Summarises a run of an event-based funnel.
pub fn summarise_run(
    definition: &FunnelDefinition,
    index: &FunnelIndex,
    run: &FunnelRun,
) -> FunnelSummary {
    let names: Vec<String> = definition.steps[..run.step_count]
        .iter()
        .map(|step| step.name.clone())
        .collect();
    let mut counts = vec![0u64; run.step_count];
    let mut stopped_in_window = vec![0u64; run.step_count + 1];
    let mut durations: Vec<Vec<i64>> = vec![Vec::new(); run.step_count];
    for trace in &run.traces {
        let reached = usize::from(trace.reached);
        for step in 0..reached {
            counts[step] += 1;
            if step > 0 {
                durations[step].push(trace.times[step] - trace.times[step - 1]);
            }
        }
        if run.still_in_window(trace) {
            stopped_in_window[reached] += 1;
        }
    }
    let mut steps = step_rows(&names, &counts);
    for (step, row) in steps.iter_mut().enumerate().skip(1) {
        row.still_in_window = stopped_in_window[step];
        row.dropped = counts[step - 1] - counts[step] - stopped_in_window[step];
        durations[step].sort_unstable();
        row.median_seconds_from_previous = nearest_rank_percentile(&durations[step], 50);
        row.p75_seconds_from_previous = nearest_rank_percentile(&durations[step], 75);
    }
    let mut summary = FunnelSummary {
        funnel_id: definition.id.clone(),
        funnel_name: definition.name.clone(),
        steps,
        bottleneck: None,
        data_end: index.data_end.map(Timestamp),
        time_zone_known: index.time_zone_known,
        manual: false,
    };
    summary.bottleneck = find_bottleneck(&summary, None);
    summary
}

/// Why typed stage counts cannot make a funnel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ManualCountsProblem {
    /// One count per step is needed.
    WrongLength { steps: usize, counts: usize },
    /// A stage cannot hold more people than the one before it.
    Increases { step: usize },
}

pub fn check_manual_counts(step_count: usize, counts: &[u64]) -> Result<(), ManualCountsProblem> {
    if counts.len() != step_count {
        return Err(ManualCountsProblem::WrongLength {
            steps: step_count,
            counts: counts.len(),
        });
    }
    match counts.windows(2).position(|pair| pair[1] > pair[0]) {
        Some(position) => Err(ManualCountsProblem::Increases { step: position + 1 }),
        None => Ok(()),
    }
}

/// Summarises a workshop funnel from its typed counts: everyone who stopped has dropped.
pub fn summarise_manual(
    definition: &FunnelDefinition,
    counts: &[u64],
) -> Result<FunnelSummary, ManualCountsProblem> {
    check_manual_counts(definition.steps.len(), counts)?;
    let names: Vec<String> = definition.steps.iter().map(|s| s.name.clone()).collect();
    let mut steps = step_rows(&names, counts);
    for step in 1..steps.len() {
        steps[step].dropped = counts[step - 1] - counts[step];
    }
    let mut summary = FunnelSummary {
        funnel_id: definition.id.clone(),
        funnel_name: definition.name.clone(),
        steps,
        bottleneck: None,
        data_end: None,
        time_zone_known: true,
        manual: true,
    };
    summary.bottleneck = find_bottleneck(&summary, None);
    Ok(summary)
}

/// An entity that reached a step and went no further.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoppedEntity {
    pub entity: u32,
    pub id: String,
    pub name: String,
    /// When it reached the last step it reached.
    pub reached_at: Timestamp,
    pub still_in_window: bool,
}

/// The entities that reached `step - 1` and not `step` (dropped first, then still converting),
/// each group by id.
pub fn stopped_before(run: &FunnelRun, index: &FunnelIndex, step: usize) -> Vec<StoppedEntity> {
    if step == 0 || step >= run.step_count {
        return Vec::new();
    }
    let mut list: Vec<StoppedEntity> = run
        .traces
        .iter()
        .filter(|trace| usize::from(trace.reached) == step)
        .map(|trace| {
            let facts = &index.entities[trace.entity as usize];
            StoppedEntity {
                entity: trace.entity,
                id: facts.id.clone(),
                name: facts.name.clone(),
                reached_at: Timestamp(trace.times[step - 1]),
                still_in_window: run.still_in_window(trace),
            }
        })
        .collect();
    list.sort_by(|a, b| {
        a.still_in_window
            .cmp(&b.still_in_window)
            .then_with(|| a.id.cmp(&b.id))
    });
    list
}

/// The bottleneck: with a comparison, the step whose conversion from the previous step fell
/// most (or rose least) against it; without one, the step with the lowest conversion from the
/// previous step. Steps whose previous step is empty are skipped; ties go to the earlier step.
pub fn find_bottleneck(summary: &FunnelSummary, comparison: Option<&[u64]>) -> Option<usize> {
    let counts = summary.counts();
    let score = |step: usize| -> Option<f64> {
        let conversion =
            (counts[step - 1] > 0).then(|| counts[step] as f64 / counts[step - 1] as f64)?;
        match comparison {
            None => Some(conversion),
            Some(other) => {
                let before = other.get(step).zip(other.get(step - 1))?;
                (*before.1 > 0).then(|| conversion - *before.0 as f64 / *before.1 as f64)
            }
        }
    };
    let mut best: Option<(usize, f64)> = None;
    for step in 1..counts.len() {
        if let Some(value) = score(step) {
            if best.is_none_or(|(_, lowest)| value < lowest - 1e-12) {
                best = Some((step, value));
            }
        }
    }
    best.map(|(step, _)| step)
}
