//! One test per rule of `docs/journeys.md` (stage metrics and comparison), on hand-built maps with hand-computed answers.

use omnirx_core::domain::journey::comparison::compare_journeys;
use omnirx_core::domain::journey::editing::new_journey_map;
use omnirx_core::domain::journey::metrics::{
    journey_metrics, DropOff, MonthRange, OutcomeAverages,
};
use omnirx_core::domain::journey::model::{
    JourneyMap, JourneyStage, JourneyState, ReportedOutcomes, StageMonth,
};
use omnirx_core::domain::time::Month;

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

fn months(texts: &[&str]) -> Vec<Month> {
    texts.iter().map(|text| month(text)).collect()
}

fn range(from: &str, to: &str) -> MonthRange {
    MonthRange {
        from: month(from),
        to: month(to),
    }
}

/// A map with stages `a`, `b`, `c`, … (named "Stage A", …) and no lanes or cards.
fn map(stage_ids: &[&str], cohort: Vec<StageMonth>) -> JourneyMap {
    JourneyMap {
        id: "j-test".to_string(),
        name: "Test journey".to_string(),
        disease_area: "Type 2 diabetes".to_string(),
        patient_segment: String::new(),
        state: JourneyState::Current,
        stages: stage_ids
            .iter()
            .map(|id| JourneyStage {
                id: id.to_string(),
                name: format!("Stage {}", id.to_uppercase()),
                emotion: None,
                link: None,
            })
            .collect(),
        lanes: Vec::new(),
        cards: Vec::new(),
        cohort,
    }
}

fn row(stage_id: &str, month_text: &str, entered: u64) -> StageMonth {
    StageMonth {
        stage_id: stage_id.to_string(),
        month: month(month_text),
        entered,
        median_days_in_stage: None,
        outcomes: None,
    }
}

fn row_with_days(stage_id: &str, month_text: &str, entered: u64, days: f64) -> StageMonth {
    StageMonth {
        median_days_in_stage: Some(days),
        ..row(stage_id, month_text, entered)
    }
}

fn row_with_outcomes(
    stage_id: &str,
    month_text: &str,
    respondents: u64,
    figures: [Option<f64>; 3],
) -> StageMonth {
    StageMonth {
        outcomes: Some(ReportedOutcomes {
            respondents,
            satisfaction: figures[0],
            quality_of_life: figures[1],
            adherence_percent: figures[2],
        }),
        ..row(stage_id, month_text, 100)
    }
}

fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

// Covered months

#[test]
fn without_a_period_the_months_run_from_the_first_to_the_last_month_with_data() {
    let journey = map(
        &["a", "b"],
        vec![
            row("b", "2025-03", 40),
            row("a", "2025-01", 100),
            row("a", "2024-11", 90),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.months, Some(range("2024-11", "2025-03")));
    assert_eq!(metrics.stages[0].entered, Some(190));
    assert_eq!(
        metrics.stages[0].missing_months,
        months(&["2024-12", "2025-02", "2025-03"])
    );
    assert_eq!(
        metrics.stages[1].missing_months,
        months(&["2024-11", "2024-12", "2025-01", "2025-02"])
    );
}

#[test]
fn a_map_without_cohort_rows_covers_no_months_and_has_no_figures() {
    let journey = new_journey_map("j-1".to_string(), "New".to_string(), false);
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.months, None);
    assert_eq!(metrics.stages.len(), 6);
    assert_eq!(metrics.largest_drop_off, None);
    for (stage, metric) in journey.stages.iter().zip(&metrics.stages) {
        assert_eq!(metric.stage_id, stage.id);
        assert_eq!(metric.entered, None);
        assert_eq!(metric.months_with_data, 0);
        assert!(metric.missing_months.is_empty());
        assert_eq!(metric.drop_off, None);
        assert_eq!(metric.median_days_in_stage, None);
        assert_eq!(metric.outcomes, None);
    }
}

#[test]
fn a_period_limits_the_months_counted() {
    let journey = map(
        &["a", "b"],
        vec![
            row("a", "2025-01", 1000),
            row("a", "2025-02", 100),
            row("a", "2025-03", 200),
            row("a", "2025-04", 3000),
            row("b", "2025-01", 900),
            row("b", "2025-02", 80),
            row("b", "2025-03", 120),
            row_with_days("b", "2025-04", 10, 99.0),
        ],
    );
    let metrics = journey_metrics(&journey, Some(range("2025-02", "2025-03")));
    assert_eq!(metrics.months, Some(range("2025-02", "2025-03")));
    assert_eq!(metrics.stages[0].entered, Some(300));
    assert_eq!(metrics.stages[0].months_with_data, 2);
    assert_eq!(metrics.stages[1].entered, Some(200));
    assert_eq!(metrics.stages[1].median_days_in_stage, None);
    assert_eq!(
        metrics.stages[0].drop_off,
        Some(DropOff {
            patients: 100,
            share: 100.0 / 300.0,
            months_compared: 2,
        })
    );
}

#[test]
fn a_period_without_any_row_in_it_lists_no_missing_months() {
    let journey = map(&["a", "b"], vec![row("a", "2025-01", 10)]);
    let metrics = journey_metrics(&journey, Some(range("2025-06", "2025-08")));
    assert_eq!(metrics.months, Some(range("2025-06", "2025-08")));
    for stage in &metrics.stages {
        assert_eq!(stage.entered, None);
        assert_eq!(stage.months_with_data, 0);
        assert!(stage.missing_months.is_empty());
        assert_eq!(stage.drop_off, None);
    }
    assert_eq!(metrics.largest_drop_off, None);
}

#[test]
fn rows_of_unknown_stages_are_ignored() {
    let journey = map(
        &["a", "b"],
        vec![
            row("ghost", "2024-06", 5000),
            row("a", "2025-01", 100),
            row("ghost", "2025-01", 7000),
            row("b", "2025-01", 75),
            row("ghost", "2025-09", 1),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    // The unknown stage's months do not widen the range either.
    assert_eq!(metrics.months, Some(range("2025-01", "2025-01")));
    assert_eq!(metrics.stages.len(), 2);
    assert_eq!(metrics.stages[0].entered, Some(100));
    assert_eq!(metrics.stages[1].entered, Some(75));
    assert_eq!(metrics.stages[0].drop_off.as_ref().unwrap().patients, 25);

    let only_unknown = map(&["a"], vec![row("ghost", "2025-01", 10)]);
    assert_eq!(journey_metrics(&only_unknown, None).months, None);
}

#[test]
fn rows_for_the_same_stage_and_month_add_their_entrants() {
    let journey = map(
        &["a", "b"],
        vec![
            row_with_days("a", "2025-01", 100, 10.0),
            row_with_days("a", "2025-01", 300, 40.0),
            row("b", "2025-01", 200),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.stages[0].entered, Some(400));
    assert_eq!(metrics.stages[0].months_with_data, 1);
    assert_eq!(metrics.stages[0].missing_months, Vec::<Month>::new());
    assert_eq!(
        metrics.stages[0].drop_off,
        Some(DropOff {
            patients: 200,
            share: 0.5,
            months_compared: 1,
        })
    );
    // The two rows stay two groups for the median: weights 100 and 300 → the second.
    assert_close(metrics.stages[0].median_days_in_stage, 40.0);
}

// Entrants and missing months

#[test]
fn entrants_are_summed_over_the_covered_months() {
    let journey = map(
        &["a"],
        vec![
            row("a", "2025-01", 120),
            row("a", "2025-02", 0),
            row("a", "2025-03", 35),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.stages[0].entered, Some(155));
    // A row with 0 entrants is data, not a missing month.
    assert_eq!(metrics.stages[0].months_with_data, 3);
    assert!(metrics.stages[0].missing_months.is_empty());
}

#[test]
fn a_missing_month_is_listed_not_counted_as_zero() {
    let journey = map(
        &["a", "b"],
        vec![
            row("a", "2025-01", 100),
            row("a", "2025-02", 100),
            row("a", "2025-03", 100),
            row("b", "2025-01", 50),
            row("b", "2025-03", 70),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    let b = &metrics.stages[1];
    assert_eq!(b.entered, Some(120));
    assert_eq!(b.months_with_data, 2);
    assert_eq!(b.missing_months, months(&["2025-02"]));
    // Drop-off over January and March only: (200 − 120) ÷ 200, not (300 − 120) ÷ 300.
    let drop_off = metrics.stages[0].drop_off.as_ref().unwrap();
    assert_eq!(drop_off.patients, 80);
    assert_close(Some(drop_off.share), 0.4);
}

#[test]
fn a_stage_without_any_row_lists_every_covered_month_as_missing() {
    let journey = map(
        &["a", "b", "c"],
        vec![row("a", "2025-01", 10), row("c", "2025-03", 4)],
    );
    let metrics = journey_metrics(&journey, None);
    let b = &metrics.stages[1];
    assert_eq!(b.entered, None);
    assert_eq!(b.months_with_data, 0);
    assert_eq!(b.missing_months, months(&["2025-01", "2025-02", "2025-03"]));
    assert_eq!(metrics.stages[0].drop_off, None);
    assert_eq!(b.drop_off, None);
}

// Drop-off

#[test]
fn drop_off_skips_months_where_either_stage_has_no_counts() {
    let journey = map(
        &["a", "b"],
        vec![
            row("a", "2025-01", 100),
            row("a", "2025-02", 200),
            row("a", "2025-03", 100),
            row("b", "2025-01", 60),
            row("b", "2025-03", 70),
            row("b", "2025-04", 50),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    // Shared months: January and March. (100 + 100) − (60 + 70) = 70; 70 ÷ 200 = 0.35.
    assert_eq!(
        metrics.stages[0].drop_off,
        Some(DropOff {
            patients: 70,
            share: 0.35,
            months_compared: 2,
        })
    );
    assert_eq!(metrics.stages[0].entered, Some(400));
    assert_eq!(metrics.stages[1].entered, Some(180));
}

#[test]
fn drop_off_is_negative_when_more_patients_enter_the_next_stage() {
    let journey = map(
        &["a", "b"],
        vec![row("a", "2025-01", 50), row("b", "2025-01", 80)],
    );
    let drop_off = journey_metrics(&journey, None).stages[0].drop_off.clone();
    assert_eq!(
        drop_off,
        Some(DropOff {
            patients: -30,
            share: -0.6,
            months_compared: 1,
        })
    );
}

#[test]
fn drop_off_share_is_zero_when_no_one_entered_the_stage() {
    let journey = map(
        &["a", "b"],
        vec![row("a", "2025-01", 0), row("b", "2025-01", 12)],
    );
    assert_eq!(
        journey_metrics(&journey, None).stages[0].drop_off,
        Some(DropOff {
            patients: -12,
            share: 0.0,
            months_compared: 1,
        })
    );
}

#[test]
fn the_last_stage_and_stages_without_a_shared_month_have_no_drop_off() {
    let journey = map(
        &["a", "b", "c"],
        vec![
            row("a", "2025-01", 100),
            row("b", "2025-02", 80),
            row("c", "2025-02", 20),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.stages[0].drop_off, None);
    assert_eq!(
        metrics.stages[1].drop_off,
        Some(DropOff {
            patients: 60,
            share: 0.75,
            months_compared: 1,
        })
    );
    assert_eq!(metrics.stages[2].drop_off, None);
    assert_eq!(metrics.largest_drop_off, Some(1));
}

#[test]
fn the_largest_drop_off_is_the_largest_share_not_the_most_patients() {
    // 1000 → 500 loses 500 (50 %); 500 → 100 loses 400 (80 %).
    let journey = map(
        &["a", "b", "c"],
        vec![
            row("a", "2025-01", 1000),
            row("b", "2025-01", 500),
            row("c", "2025-01", 100),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.stages[0].drop_off.as_ref().unwrap().patients, 500);
    assert_eq!(metrics.stages[1].drop_off.as_ref().unwrap().patients, 400);
    assert_eq!(metrics.largest_drop_off, Some(1));
}

#[test]
fn equal_largest_drop_off_shares_go_to_the_earliest_stage() {
    // 100 → 50 (50 %), 50 → 25 (50 %), 25 → 20 (20 %).
    let journey = map(
        &["a", "b", "c", "d"],
        vec![
            row("a", "2025-01", 100),
            row("b", "2025-01", 50),
            row("c", "2025-01", 25),
            row("d", "2025-01", 20),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_close(metrics.stages[2].drop_off.as_ref().map(|d| d.share), 0.2);
    assert_eq!(metrics.largest_drop_off, Some(0));
}

// Median time in stage

#[test]
fn median_time_in_stage_is_weighted_by_entrants() {
    // Sorted: 10 days (30 patients), 30 days (10), 50 days (5). Half of 45 is 22.5, reached by the
    // first group; the unweighted median of the three months would be 30.
    let journey = map(
        &["a"],
        vec![
            row_with_days("a", "2025-01", 10, 30.0),
            row_with_days("a", "2025-02", 30, 10.0),
            row_with_days("a", "2025-03", 5, 50.0),
        ],
    );
    assert_close(
        journey_metrics(&journey, None).stages[0].median_days_in_stage,
        10.0,
    );
}

#[test]
fn exactly_half_of_the_weight_takes_the_mean_of_that_value_and_the_next() {
    let journey = map(
        &["a"],
        vec![
            row_with_days("a", "2025-02", 20, 16.0),
            row_with_days("a", "2025-01", 20, 10.0),
        ],
    );
    assert_close(
        journey_metrics(&journey, None).stages[0].median_days_in_stage,
        13.0,
    );
}

#[test]
fn one_group_for_the_whole_stage_gives_its_own_median() {
    let journey = map(
        &["a", "b"],
        vec![
            row_with_days("a", "2025-01", 250, 12.5),
            row("a", "2025-02", 40),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_close(metrics.stages[0].median_days_in_stage, 12.5);
    assert_eq!(metrics.stages[1].median_days_in_stage, None);
}

#[test]
fn median_time_skips_rows_without_it_and_is_unweighted_when_every_weight_is_zero() {
    let journey = map(
        &["a", "b"],
        vec![
            row_with_days("a", "2025-01", 0, 100.0),
            row_with_days("a", "2025-02", 0, 4.0),
            row_with_days("a", "2025-03", 0, 8.0),
            row_with_days("a", "2025-04", 0, 6.0),
            row("a", "2025-05", 0),
            // Stage b: a zero-weight row beside weighted rows counts for nothing.
            row_with_days("b", "2025-01", 0, 1.0),
            row_with_days("b", "2025-02", 5, 20.0),
            row_with_days("b", "2025-03", 3, 30.0),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    // Sorted 4, 6, 8, 100: two of four values reach half, so (6 + 8) ÷ 2.
    assert_close(metrics.stages[0].median_days_in_stage, 7.0);
    // Weights 5 and 3: half of 8 is 4, reached by 20 days.
    assert_close(metrics.stages[1].median_days_in_stage, 20.0);
}

// Reported outcomes

#[test]
fn outcomes_average_weighted_by_respondents() {
    let journey = map(
        &["a"],
        vec![
            row_with_outcomes("a", "2025-01", 10, [Some(4.0), Some(60.0), Some(90.0)]),
            row_with_outcomes("a", "2025-02", 30, [Some(3.0), Some(70.0), Some(70.0)]),
            row("a", "2025-03", 100),
        ],
    );
    let outcomes = journey_metrics(&journey, None).stages[0]
        .outcomes
        .clone()
        .unwrap();
    assert_eq!(outcomes.respondents, 40);
    // (4 × 10 + 3 × 30) ÷ 40, (60 × 10 + 70 × 30) ÷ 40, (90 × 10 + 70 × 30) ÷ 40.
    assert_close(outcomes.satisfaction, 3.25);
    assert_close(outcomes.quality_of_life, 67.5);
    assert_close(outcomes.adherence_percent, 75.0);
}

#[test]
fn a_figure_missing_in_a_row_leaves_that_row_out_of_its_average_only() {
    let journey = map(
        &["a"],
        vec![
            row_with_outcomes("a", "2025-01", 10, [Some(5.0), None, Some(80.0)]),
            row_with_outcomes("a", "2025-02", 30, [Some(1.0), Some(50.0), None]),
        ],
    );
    assert_eq!(
        journey_metrics(&journey, None).stages[0].outcomes,
        Some(OutcomeAverages {
            respondents: 40,
            satisfaction: Some(2.0),
            quality_of_life: Some(50.0),
            adherence_percent: Some(80.0),
        })
    );
}

#[test]
fn rows_without_respondents_count_for_nothing_in_the_outcomes() {
    let journey = map(
        &["a", "b", "c"],
        vec![
            row_with_outcomes("a", "2025-01", 0, [Some(1.0), Some(0.0), Some(0.0)]),
            row_with_outcomes("a", "2025-02", 20, [Some(4.5), None, None]),
            row_with_outcomes("b", "2025-01", 0, [Some(2.0), None, None]),
            row("c", "2025-01", 10),
        ],
    );
    let metrics = journey_metrics(&journey, None);
    assert_eq!(
        metrics.stages[0].outcomes,
        Some(OutcomeAverages {
            respondents: 20,
            satisfaction: Some(4.5),
            quality_of_life: None,
            adherence_percent: None,
        })
    );
    assert_eq!(metrics.stages[1].outcomes, None);
    assert_eq!(metrics.stages[2].outcomes, None);
}

#[test]
fn outcomes_outside_the_period_are_not_averaged() {
    let journey = map(
        &["a"],
        vec![
            row_with_outcomes("a", "2025-01", 10, [Some(2.0), None, None]),
            row_with_outcomes("a", "2025-02", 10, [Some(4.0), None, None]),
        ],
    );
    let metrics = journey_metrics(&journey, Some(range("2025-02", "2025-12")));
    let outcomes = metrics.stages[0].outcomes.clone().unwrap();
    assert_eq!(outcomes.respondents, 10);
    assert_close(outcomes.satisfaction, 4.0);
}

// A larger map

#[test]
fn a_twelve_stage_map_over_three_years_sums_every_month() {
    let stage_ids: Vec<String> = (1..=12).map(|n| format!("s{n}")).collect();
    let stage_refs: Vec<&str> = stage_ids.iter().map(String::as_str).collect();
    let mut cohort = Vec::new();
    for (stage, id) in stage_ids.iter().enumerate() {
        for offset in 0..36 {
            let entered = 10_000 - 700 * stage as u64 + offset;
            cohort.push(StageMonth {
                stage_id: id.clone(),
                month: month("2023-01").plus(offset as i64),
                entered,
                median_days_in_stage: Some(10.0 + offset as f64),
                outcomes: Some(ReportedOutcomes {
                    respondents: 50,
                    satisfaction: Some(3.5),
                    quality_of_life: Some(60.0),
                    adherence_percent: Some(80.0),
                }),
            });
        }
    }
    let journey = map(&stage_refs, cohort);
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.months, Some(range("2023-01", "2025-12")));
    // Σ (10 000 + offset) over 36 months = 360 000 + 630.
    assert_eq!(metrics.stages[0].entered, Some(360_630));
    assert_eq!(
        metrics.stages[0].drop_off.as_ref().unwrap().patients,
        700 * 36
    );
    // Its speed is a figure of `cargo bench --bench journeys`, not a timed test.
}

// Comparison

fn with_emotions(mut journey: JourneyMap, emotions: &[Option<f64>]) -> JourneyMap {
    for (stage, emotion) in journey.stages.iter_mut().zip(emotions) {
        stage.emotion = *emotion;
    }
    journey
}

#[test]
fn comparison_matches_stages_by_position_up_to_the_longer_map() {
    let current = map(&["a", "b"], Vec::new());
    let mut target = map(&["x", "y", "z"], Vec::new());
    target.stages[0].name = "Renamed first stage".to_string();
    let comparison = compare_journeys(
        (&current, &journey_metrics(&current, None)),
        (&target, &journey_metrics(&target, None)),
    );
    assert_eq!(comparison.rows.len(), 3);
    let names: Vec<(Option<&str>, Option<&str>)> = comparison
        .rows
        .iter()
        .map(|row| (row.first_name.as_deref(), row.second_name.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            (Some("Stage A"), Some("Renamed first stage")),
            (Some("Stage B"), Some("Stage Y")),
            (None, Some("Stage Z")),
        ]
    );
    assert_eq!(
        comparison
            .rows
            .iter()
            .map(|r| r.position)
            .collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
}

#[test]
fn comparison_takes_emotions_from_the_maps_and_drop_off_shares_from_the_metrics() {
    let current = with_emotions(
        map(
            &["a", "b", "c"],
            vec![
                row("a", "2025-01", 100),
                row("b", "2025-01", 60),
                row("c", "2025-01", 30),
            ],
        ),
        &[Some(-1.0), Some(-2.0), Some(0.5)],
    );
    let target = with_emotions(
        map(
            &["a", "b", "c"],
            vec![
                row("a", "2025-01", 100),
                row("b", "2025-01", 75),
                row("c", "2025-01", 45),
            ],
        ),
        &[Some(0.5), None, Some(1.0)],
    );
    let comparison = compare_journeys(
        (&current, &journey_metrics(&current, None)),
        (&target, &journey_metrics(&target, None)),
    );
    let first = &comparison.rows[0];
    assert_eq!(
        (first.first_emotion, first.second_emotion),
        (Some(-1.0), Some(0.5))
    );
    assert_close(first.emotion_delta, 1.5);
    assert_close(first.first_drop_off, 0.4);
    assert_close(first.second_drop_off, 0.25);
    // 25 % − 40 %: fifteen points less drop-off.
    assert_close(first.drop_off_delta, -0.15);

    let second = &comparison.rows[1];
    assert_eq!(second.second_emotion, None);
    assert_eq!(second.emotion_delta, None);
    assert_close(second.first_drop_off, 0.5);
    assert_close(second.second_drop_off, 0.4);
    assert_close(second.drop_off_delta, -0.1);

    // The last stage has no drop-off on either side, so no delta.
    let third = &comparison.rows[2];
    assert_eq!((third.first_drop_off, third.second_drop_off), (None, None));
    assert_eq!(third.drop_off_delta, None);
    assert_close(third.emotion_delta, 0.5);
}

#[test]
fn comparison_deltas_need_a_value_on_both_sides() {
    let current = with_emotions(
        map(
            &["a", "b"],
            vec![row("a", "2025-01", 100), row("b", "2025-01", 90)],
        ),
        &[Some(1.0), Some(1.0)],
    );
    let target = with_emotions(
        map(&["a", "b", "c"], Vec::new()),
        &[None, Some(2.0), Some(2.0)],
    );
    let comparison = compare_journeys(
        (&current, &journey_metrics(&current, None)),
        (&target, &journey_metrics(&target, None)),
    );
    let first = &comparison.rows[0];
    assert_close(first.first_drop_off, 0.1);
    assert_eq!(first.second_drop_off, None);
    assert_eq!(first.drop_off_delta, None);
    assert_eq!(first.emotion_delta, None);
    assert_close(comparison.rows[1].emotion_delta, 1.0);
    let missing = &comparison.rows[2];
    assert_eq!(missing.first_name, None);
    assert_eq!(missing.first_emotion, None);
    assert_eq!(missing.second_emotion, Some(2.0));
    assert_eq!(missing.emotion_delta, None);
}

// The documentation's example

#[test]
fn the_example_map_of_the_docs_parses_and_gives_the_figures_the_docs_state() {
    let docs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/journeys.md"
    ))
    .unwrap();
    let start = docs.find("```json\n").unwrap() + "```json\n".len();
    let end = start + docs[start..].find("```").unwrap();
    let journey: JourneyMap = serde_json::from_str(&docs[start..end]).unwrap();
    assert_eq!(journey.stages[0].emotion, Some(-1.0));
    let metrics = journey_metrics(&journey, None);
    assert_eq!(metrics.months, Some(range("2025-01", "2025-02")));
    let [diagnosis, initiation, adherence] = &metrics.stages[..] else {
        panic!("three stages");
    };
    assert_eq!(diagnosis.entered, Some(1000));
    assert_eq!(
        diagnosis.drop_off,
        Some(DropOff {
            patients: 280,
            share: 0.28,
            months_compared: 2,
        })
    );
    assert_close(diagnosis.median_days_in_stage, 14.0);
    assert_eq!(initiation.entered, Some(720));
    assert_eq!(
        initiation.drop_off,
        Some(DropOff {
            patients: 90,
            share: 0.3,
            months_compared: 1,
        })
    );
    assert_close(initiation.median_days_in_stage, 9.0);
    assert_eq!(
        initiation.outcomes,
        Some(OutcomeAverages {
            respondents: 60,
            satisfaction: Some(3.5),
            quality_of_life: Some(64.0),
            adherence_percent: None,
        })
    );
    assert_eq!(metrics.largest_drop_off, Some(1));
    assert_eq!(adherence.entered, Some(210));
    assert_eq!(adherence.missing_months, months(&["2025-02"]));
    assert_eq!(
        adherence.outcomes,
        Some(OutcomeAverages {
            respondents: 40,
            satisfaction: Some(3.0),
            quality_of_life: None,
            adherence_percent: Some(72.0),
        })
    );
}
