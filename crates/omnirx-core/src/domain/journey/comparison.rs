//! Two journeys side by side (current vs target, or two patient segments): emotions and drop-off per stage.
//!
//! Stages are matched by position, so that a target map made by copying the current one lines up
//! even after its stages were renamed; the names of both are kept for the table.

use serde::{Deserialize, Serialize};

use super::metrics::JourneyMetrics;
use super::model::JourneyMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyComparison {
    /// One row per position up to the longer map's stage count.
    pub rows: Vec<ComparedStage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedStage {
    pub position: usize,
    pub first_name: Option<String>,
    pub second_name: Option<String>,
    pub first_emotion: Option<f64>,
    pub second_emotion: Option<f64>,
    /// Drop-off to the next stage as a share 0…1.
    pub first_drop_off: Option<f64>,
    pub second_drop_off: Option<f64>,
    /// `second_drop_off − first_drop_off`, in shares (−0.05 = five points less drop-off).
    pub drop_off_delta: Option<f64>,
    /// `second_emotion − first_emotion`.
    pub emotion_delta: Option<f64>,
}

/// One row per stage position up to the longer map's stage count. Names and emotion scores come
/// from the maps, drop-off shares from each map's metrics; a delta (second − first) only when both
/// sides have the value.
pub fn compare_journeys(
    first: (&JourneyMap, &JourneyMetrics),
    second: (&JourneyMap, &JourneyMetrics),
) -> JourneyComparison {
    let (first_map, first_metrics) = first;
    let (second_map, second_metrics) = second;
    let rows = (0..first_map.stages.len().max(second_map.stages.len()))
        .map(|position| {
            let first_stage = first_map.stages.get(position);
            let second_stage = second_map.stages.get(position);
            let first_emotion = first_stage.and_then(|stage| stage.emotion);
            let second_emotion = second_stage.and_then(|stage| stage.emotion);
            let drop_off = |map: &JourneyMap, metrics: &JourneyMetrics| {
                // Only while the map has the stage: metrics made for another map do not count.
                map.stages.get(position)?;
                metrics
                    .stages
                    .get(position)?
                    .drop_off
                    .as_ref()
                    .map(|d| d.share)
            };
            let first_drop_off = drop_off(first_map, first_metrics);
            let second_drop_off = drop_off(second_map, second_metrics);
            let delta = |first: Option<f64>, second: Option<f64>| Some(second? - first?);
            ComparedStage {
                position,
                first_name: first_stage.map(|stage| stage.name.clone()),
                second_name: second_stage.map(|stage| stage.name.clone()),
                first_emotion,
                second_emotion,
                first_drop_off,
                second_drop_off,
                drop_off_delta: delta(first_drop_off, second_drop_off),
                emotion_delta: delta(first_emotion, second_emotion),
            }
        })
        .collect();
    JourneyComparison { rows }
}
