//! What-if: how many more HCPs reach the last step if one step converted better.

use serde::Serialize;

use super::breakdown::{BreakdownSeries, SeriesLabel};

/// The projection for one changed step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIfProjection {
    pub step: usize,
    /// The step's conversion from the previous step, now and assumed.
    pub current_conversion: f64,
    pub assumed_conversion: f64,
    /// Entities projected to reach the last step, and how many more that is than today.
    pub projected_last_step: f64,
    pub extra_at_last_step: f64,
}

/// Projects the counts when step `step` (≥ 1) converts at `assumed` (0–1) from the previous
/// step and every other step keeps its conversion. A later step with nobody before it keeps a
/// conversion of zero: there is no evidence of what it would be.
pub fn project_with_conversion(
    counts: &[u64],
    step: usize,
    assumed: f64,
) -> Option<WhatIfProjection> {
    if step == 0 || step >= counts.len() {
        return None;
    }
    let conversion = |k: usize| {
        if counts[k - 1] == 0 {
            0.0
        } else {
            counts[k] as f64 / counts[k - 1] as f64
        }
    };
    let assumed = assumed.clamp(0.0, 1.0);
    let mut projected = counts[step - 1] as f64 * assumed;
    for later in step + 1..counts.len() {
        projected *= conversion(later);
    }
    let last = *counts.last()? as f64;
    Some(WhatIfProjection {
        step,
        current_conversion: conversion(step),
        assumed_conversion: assumed,
        projected_last_step: projected,
        extra_at_last_step: projected - last,
    })
}

/// Raises one step's conversion by `points` percentage points (capped at 100%).
pub fn project_raise(counts: &[u64], step: usize, points: f64) -> Option<WhatIfProjection> {
    if step == 0 || step >= counts.len() {
        return None;
    }
    let current = if counts[step - 1] == 0 {
        0.0
    } else {
        counts[step] as f64 / counts[step - 1] as f64
    };
    project_with_conversion(counts, step, current + points / 100.0)
}

/// The step where the same effort (+`points`) gains most at the last step; ties go to the
/// earlier step.
pub fn best_step_for_effort(counts: &[u64], points: f64) -> Option<WhatIfProjection> {
    (1..counts.len())
        .filter_map(|step| project_raise(counts, step, points))
        .fold(
            None,
            |best: Option<WhatIfProjection>, candidate| match best {
                Some(best) if best.extra_at_last_step >= candidate.extra_at_last_step - 1e-9 => {
                    Some(best)
                }
                _ => Some(candidate),
            },
        )
}

/// A series to learn from: the one with the best conversion at `step` among those with at least
/// `minimum_base` entities at the previous step (small series are too noisy to copy).
pub fn benchmark_series(
    series: &[BreakdownSeries],
    step: usize,
    minimum_base: u64,
) -> Option<(SeriesLabel, f64)> {
    series
        .iter()
        .filter(|s| s.label != SeriesLabel::Other)
        .filter(|s| {
            step > 0
                && s.counts
                    .get(step - 1)
                    .is_some_and(|&base| base >= minimum_base.max(1))
        })
        .filter_map(|s| Some((s.label.clone(), s.conversion_from_previous(step)?)))
        .fold(
            None,
            |best: Option<(SeriesLabel, f64)>, candidate| match best {
                Some(best) if best.1 >= candidate.1 => Some(best),
                _ => Some(candidate),
            },
        )
}
