//! Stage metrics of a journey map from its aggregate cohort counts: entrants, drop-off, time in stage, reported outcomes.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::model::{JourneyMap, ReportedOutcomes};
use crate::domain::time::Month;

/// An inclusive range of months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub from: Month,
    pub to: Month,
}

/// The figures of every stage of one map, in stage order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyMetrics {
    /// The months the figures cover: the given range, or the first and last month with data.
    pub months: Option<MonthRange>,
    pub stages: Vec<StageMetrics>,
    /// The stage whose drop-off to the next stage is the largest share (the bottleneck).
    pub largest_drop_off: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageMetrics {
    pub stage_id: String,
    /// Patients who entered the stage in the months covered; `None` without any data.
    pub entered: Option<u64>,
    pub months_with_data: usize,
    /// Months of the covered range in which this stage has no counts.
    pub missing_months: Vec<Month>,
    /// Loss between this stage and the next; `None` for the last stage or without data.
    pub drop_off: Option<DropOff>,
    pub median_days_in_stage: Option<f64>,
    pub outcomes: Option<OutcomeAverages>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropOff {
    /// Entrants of this stage minus entrants of the next, over the months both have counts for;
    /// negative when more patients entered the next stage.
    pub patients: i64,
    /// `patients` as a share (0…1) of this stage's entrants in those months.
    pub share: f64,
    /// How many months both stages have counts for.
    pub months_compared: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeAverages {
    pub respondents: u64,
    pub satisfaction: Option<f64>,
    pub quality_of_life: Option<f64>,
    pub adherence_percent: Option<f64>,
}

/// Computes the figures of every stage over `period` (all months with data when `None`).
///
/// The rules (also in `docs/journeys.md`):
///
/// - **Covered months** are `period` (inclusive), or with `None` the first to the last month that
///   has a cohort row of one of the map's stages; `months` is `None` when there is no such row.
///   Rows outside the covered months, and rows naming a stage the map does not have, are ignored.
///   Several rows for the same stage and month add their `entered`; their other figures are
///   treated as separate groups.
/// - **`entered`** is the sum over the covered months, `None` when the stage has no row in them;
///   **`months_with_data`** counts the distinct covered months with a row; **`missing_months`**
///   lists the covered months without one (only when the map has any row in the covered months;
///   a stage without any row then lists them all).
/// - **Drop-off** from a stage to the next is taken only over the months where *both* have a row
///   (a missing month is left out, never read as zero): `patients` = Σ entered here − Σ entered
///   next (negative when more entered the next stage), `share` = `patients` ÷ Σ entered here
///   (0 when that is 0). `None` for the last stage or when no month is shared.
/// - **`largest_drop_off`** is the stage with the largest drop-off share; ties go to the earliest.
/// - **`median_days_in_stage`** is the median of the rows' medians weighted by their `entered`
///   (values sorted; the first whose cumulative weight reaches half the total, or the mean of it
///   and the next value when the cumulative weight is exactly half). Rows without the figure are
///   skipped; when every weight is 0 the median is unweighted. It is the exact median when one row
///   is the whole stage; otherwise it is the weighted median of monthly medians, which is as close
///   as aggregate counts allow.
/// - **`outcomes`** average each figure over the rows that have it, weighted by `respondents`;
///   `respondents` is the sum over rows with outcomes. Rows with 0 respondents count for nothing;
///   `None` when no row has outcomes from at least one respondent.
pub fn journey_metrics(map: &JourneyMap, period: Option<MonthRange>) -> JourneyMetrics {
    let stage_count = map.stages.len();
    // The first stage with an id wins, as `JourneyMap::stage_index` does.
    let mut stage_of: HashMap<&str, usize> = HashMap::with_capacity(stage_count);
    for (index, stage) in map.stages.iter().enumerate() {
        stage_of.entry(stage.id.as_str()).or_insert(index);
    }
    let known_rows = || {
        map.cohort
            .iter()
            .filter_map(|row| Some((*stage_of.get(row.stage_id.as_str())?, row)))
    };

    let months = match period {
        Some(range) => Some(range),
        None => {
            known_rows()
                .map(|(_, row)| row.month)
                .fold(None, |range: Option<MonthRange>, month| {
                    Some(match range {
                        None => MonthRange {
                            from: month,
                            to: month,
                        },
                        Some(range) => MonthRange {
                            from: range.from.min(month),
                            to: range.to.max(month),
                        },
                    })
                })
        }
    };
    let Some(range) = months else {
        return JourneyMetrics {
            months: None,
            stages: map
                .stages
                .iter()
                .map(|stage| empty_stage(&stage.id))
                .collect(),
            largest_drop_off: None,
        };
    };
    // Month indexes `first..end`; a range whose end is before its start covers nothing.
    let first = range.from.index();
    let end = range.to.index().max(first - 1) + 1;

    // Entrants per (stage, month), and each stage's median and outcome groups.
    let mut entered: BTreeMap<(usize, i64), u64> = BTreeMap::new();
    let mut medians: Vec<Vec<(f64, u64)>> = vec![Vec::new(); stage_count];
    let mut outcomes: Vec<OutcomeSums> = vec![OutcomeSums::default(); stage_count];
    for (stage, row) in known_rows() {
        let month = row.month.index();
        if month < first || month >= end {
            continue;
        }
        let count = entered.entry((stage, month)).or_insert(0);
        *count = count.saturating_add(row.entered);
        if let Some(days) = row.median_days_in_stage {
            medians[stage].push((days, row.entered));
        }
        if let Some(reported) = &row.outcomes {
            outcomes[stage].add(reported);
        }
    }
    let any_data = !entered.is_empty();

    let stages: Vec<StageMetrics> = map
        .stages
        .iter()
        .enumerate()
        .map(|(index, stage)| {
            let rows = entered.range((index, first)..(index, end));
            let (mut total, mut months_with_data) = (0u64, 0usize);
            for (_, count) in rows {
                total = total.saturating_add(*count);
                months_with_data += 1;
            }
            let missing_months = if any_data {
                (first..end)
                    .filter(|month| !entered.contains_key(&(index, *month)))
                    .map(Month::from_index)
                    .collect()
            } else {
                Vec::new()
            };
            StageMetrics {
                stage_id: stage.id.clone(),
                entered: (months_with_data > 0).then_some(total),
                months_with_data,
                missing_months,
                drop_off: (index + 1 < stage_count)
                    .then(|| drop_off(&entered, index, first, end))
                    .flatten(),
                median_days_in_stage: weighted_median(&mut medians[index]),
                outcomes: outcomes[index].averages(),
            }
        })
        .collect();

    let mut largest_drop_off: Option<(usize, f64)> = None;
    for (index, stage) in stages.iter().enumerate() {
        if let Some(drop_off) = &stage.drop_off {
            if largest_drop_off.is_none_or(|(_, share)| drop_off.share > share) {
                largest_drop_off = Some((index, drop_off.share));
            }
        }
    }

    JourneyMetrics {
        months: Some(range),
        stages,
        largest_drop_off: largest_drop_off.map(|(index, _)| index),
    }
}

/// The drop-off from stage `index` to the next over the months `first..end` both have counts for.
fn drop_off(
    entered: &BTreeMap<(usize, i64), u64>,
    index: usize,
    first: i64,
    end: i64,
) -> Option<DropOff> {
    let (mut here, mut next, mut months_compared) = (0u64, 0u64, 0usize);
    for (&(_, month), &count) in entered.range((index, first)..(index, end)) {
        if let Some(&next_count) = entered.get(&(index + 1, month)) {
            here = here.saturating_add(count);
            next = next.saturating_add(next_count);
            months_compared += 1;
        }
    }
    if months_compared == 0 {
        return None;
    }
    let patients = (i128::from(here) - i128::from(next))
        .clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    Some(DropOff {
        patients,
        share: if here == 0 {
            0.0
        } else {
            patients as f64 / here as f64
        },
        months_compared,
    })
}

fn empty_stage(stage_id: &str) -> StageMetrics {
    StageMetrics {
        stage_id: stage_id.to_string(),
        entered: None,
        months_with_data: 0,
        missing_months: Vec::new(),
        drop_off: None,
        median_days_in_stage: None,
        outcomes: None,
    }
}

/// The median of `(value, weight)` pairs: values sorted, the first whose cumulative weight reaches
/// half the total (the mean of it and the next value when exactly half); unweighted when every
/// weight is 0. Sorts `groups` in place.
fn weighted_median(groups: &mut Vec<(f64, u64)>) -> Option<f64> {
    if groups.iter().any(|(_, weight)| *weight > 0) {
        groups.retain(|(_, weight)| *weight > 0);
    } else {
        for group in groups.iter_mut() {
            group.1 = 1;
        }
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Compared as 2 × cumulative against the total, so that "exactly half" needs no division.
    let total: u128 = groups.iter().map(|(_, weight)| u128::from(*weight)).sum();
    let mut cumulative: u128 = 0;
    for (position, (value, weight)) in groups.iter().enumerate() {
        cumulative += u128::from(*weight);
        if 2 * cumulative >= total {
            if 2 * cumulative == total {
                if let Some((next, _)) = groups.get(position + 1) {
                    return Some((value + next) / 2.0);
                }
            }
            return Some(*value);
        }
    }
    None
}

/// Running sums of one stage's reported outcomes.
#[derive(Clone, Default)]
struct OutcomeSums {
    respondents: u64,
    /// (Σ value × respondents, Σ respondents) per figure.
    satisfaction: (f64, u64),
    quality_of_life: (f64, u64),
    adherence_percent: (f64, u64),
}

impl OutcomeSums {
    fn add(&mut self, reported: &ReportedOutcomes) {
        let respondents = reported.respondents;
        if respondents == 0 {
            return;
        }
        self.respondents += respondents;
        let weight = respondents as f64;
        for (sum, value) in [
            (&mut self.satisfaction, reported.satisfaction),
            (&mut self.quality_of_life, reported.quality_of_life),
            (&mut self.adherence_percent, reported.adherence_percent),
        ] {
            if let Some(value) = value {
                sum.0 += value * weight;
                sum.1 += respondents;
            }
        }
    }

    fn averages(&self) -> Option<OutcomeAverages> {
        let average = |(sum, weight): (f64, u64)| (weight > 0).then(|| sum / weight as f64);
        (self.respondents > 0).then(|| OutcomeAverages {
            respondents: self.respondents,
            satisfaction: average(self.satisfaction),
            quality_of_life: average(self.quality_of_life),
            adherence_percent: average(self.adherence_percent),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::journey::model::{JourneyStage, JourneyState, StageMonth};

    #[test]
    fn weighted_median_of_groups() {
        assert_eq!(weighted_median(&mut Vec::new()), None);
        assert_eq!(weighted_median(&mut vec![(7.0, 3)]), Some(7.0));
        // 1 (w 1), 2 (w 1), 3 (w 2): half of 4 is 2, reached exactly at 2 → (2 + 3) ÷ 2.
        assert_eq!(
            weighted_median(&mut vec![(3.0, 2), (1.0, 1), (2.0, 1)]),
            Some(2.5)
        );
        // A zero-weight value between them is not "the next value".
        assert_eq!(
            weighted_median(&mut vec![(1.0, 5), (2.0, 0), (9.0, 5)]),
            Some(5.0)
        );
        // All weights 0: the plain median.
        assert_eq!(
            weighted_median(&mut vec![(5.0, 0), (1.0, 0), (3.0, 0)]),
            Some(3.0)
        );
    }

    #[test]
    fn a_range_ending_before_it_starts_covers_nothing() {
        let month = |text| Month::parse(text).unwrap();
        let map = JourneyMap {
            id: "j".to_string(),
            name: "j".to_string(),
            disease_area: String::new(),
            patient_segment: String::new(),
            state: JourneyState::Current,
            stages: vec![JourneyStage {
                id: "a".to_string(),
                name: "A".to_string(),
                emotion: None,
                link: None,
            }],
            lanes: Vec::new(),
            cards: Vec::new(),
            cohort: vec![StageMonth {
                stage_id: "a".to_string(),
                month: month("2025-02"),
                entered: 5,
                median_days_in_stage: None,
                outcomes: None,
            }],
        };
        let period = MonthRange {
            from: month("2025-03"),
            to: month("2025-01"),
        };
        let metrics = journey_metrics(&map, Some(period));
        assert_eq!(metrics.months, Some(period));
        assert_eq!(metrics.stages[0].entered, None);
        assert!(metrics.stages[0].missing_months.is_empty());
    }
}
