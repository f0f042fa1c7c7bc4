//! The journey maps the demo workspace ships: type-2 diabetes (current and target state) and hypertension.
//!
//! Each map is written once as a table of bilingual texts (`diabetes.rs`, `hypertension.rs`) and
//! built here in the language asked for, so that both languages always have the same structure.
//! Cohort counts come from a small deterministic formula (growth, a Spring-Festival dip and a
//! sine wiggle), never from a random source or the clock.

mod diabetes;
mod hypertension;

use super::editing::new_journey_map;
use super::model::{
    JourneyCard, JourneyMap, JourneyState, LaneKind, ReportedOutcomes, Severity, StageLink,
    StageMonth,
};
use crate::domain::time::Month;

/// The demo maps in Chinese or English, with cohort counts for the `months` months ending with
/// `last_month`.
pub fn demo_journeys(chinese: bool, last_month: Month, months: i64) -> Vec<JourneyMap> {
    [
        &diabetes::T2D_CURRENT,
        &diabetes::T2D_TARGET,
        &hypertension::HYPERTENSION_CURRENT,
    ]
    .into_iter()
    .map(|spec| build_map(spec, chinese, last_month, months))
    .collect()
}

/// The funnel the demo's stage links point to (see `funnel::default_funnel`).
const DEMO_FUNNEL: &str = "f-default";

/// A text in both languages: (简体中文, English).
type Text = (&'static str, &'static str);

/// What a stage is tied to on the HCP side.
enum LinkSpec {
    /// A step of the demo funnel, counted from 0 (3 = trial, 4 = adoption).
    FunnelStep(usize),
    /// A segment of a demo rule set: (rule set id, segment id).
    Segment(&'static str, &'static str),
}

struct StageSpec {
    name: Text,
    emotion: f64,
    link: Option<LinkSpec>,
}

/// The lane a card sits in, with what only that lane's cards carry.
#[derive(Clone, Copy)]
enum Note {
    /// Patient actions.
    Act,
    /// Touchpoints.
    Touch,
    /// A channel card naming a demo channel id.
    Via(&'static str),
    /// Thoughts and emotions.
    Think,
    Pain(Severity),
    /// Opportunities.
    Idea,
    Kpi,
}

impl Note {
    fn lane(self) -> LaneKind {
        match self {
            Note::Act => LaneKind::PatientActions,
            Note::Touch => LaneKind::Touchpoints,
            Note::Via(_) => LaneKind::Channels,
            Note::Think => LaneKind::Emotions,
            Note::Pain(_) => LaneKind::PainPoints,
            Note::Idea => LaneKind::Opportunities,
            Note::Kpi => LaneKind::Kpis,
        }
    }
}

/// One sticky note: the stage's number (1 … 6), its lane, and its text in both languages.
type CardSpec = (usize, Note, &'static str, &'static str);

/// Levels of the patient-reported outcomes at one stage in the window's first month.
struct OutcomeLevels {
    satisfaction: f64,
    quality_of_life: f64,
    adherence_percent: f64,
}

/// How the cohort counts of a map are drawn.
struct CohortPlan {
    /// Patients entering each stage in the window's first month, before season and wiggle.
    entered: [f64; 6],
    /// Growth per month, the same for every stage so that the conversion stays steady.
    growth: f64,
    /// Extra share of patients in November … January (blood pressure rises in the cold).
    winter: f64,
    median_days: [Option<f64>; 6],
    outcomes: [Option<OutcomeLevels>; 6],
    /// A (stage number, month offset in the window) with no row at all.
    missing: Option<(usize, i64)>,
}

struct MapSpec {
    id: &'static str,
    name: Text,
    disease_area: Text,
    patient_segment: Text,
    state: JourneyState,
    stages: [StageSpec; 6],
    cards: &'static [CardSpec],
    cohort: CohortPlan,
}

fn pick(chinese: bool, (zh, en): Text) -> String {
    if chinese { zh } else { en }.to_string()
}

fn build_map(spec: &MapSpec, chinese: bool, last_month: Month, months: i64) -> JourneyMap {
    let mut map = new_journey_map(spec.id.to_string(), pick(chinese, spec.name), chinese);
    map.disease_area = pick(chinese, spec.disease_area);
    map.patient_segment = pick(chinese, spec.patient_segment);
    map.state = spec.state;
    for (stage, stage_spec) in map.stages.iter_mut().zip(&spec.stages) {
        stage.name = pick(chinese, stage_spec.name);
        stage.emotion = Some(stage_spec.emotion);
        stage.link = stage_spec.link.as_ref().map(|link| match link {
            LinkSpec::FunnelStep(step) => StageLink::FunnelStep {
                funnel_id: DEMO_FUNNEL.to_string(),
                step: *step,
            },
            LinkSpec::Segment(rule_set_id, segment_id) => StageLink::Segment {
                rule_set_id: rule_set_id.to_string(),
                segment_id: segment_id.to_string(),
            },
        });
    }
    map.cards = spec
        .cards
        .iter()
        .enumerate()
        .map(|(index, &(stage, note, zh, en))| JourneyCard {
            id: format!("card-{}", index + 1),
            stage_id: stage_id(stage),
            lane_id: note.lane().as_str().to_string(),
            text: pick(chinese, (zh, en)),
            severity: match note {
                Note::Pain(severity) => Some(severity),
                _ => None,
            },
            channel_id: match note {
                Note::Via(channel_id) => Some(channel_id.to_string()),
                _ => None,
            },
        })
        .collect();
    map.cohort = cohort(&spec.cohort, last_month, months);
    map
}

fn stage_id(number: usize) -> String {
    format!("stage-{number}")
}

/// Rounds to a whole number of `1 / per_unit` (2: halves, 10: tenths), dividing last so that
/// the result is the double nearest the decimal and the file shows `3.4`, not `3.4000000000000004`.
fn round_to(value: f64, per_unit: f64) -> f64 {
    (value * per_unit).round() / per_unit
}

/// Fewer patients see a doctor around the Spring Festival, and some catch up in March.
fn season(month: Month, winter: f64) -> f64 {
    let festival = match month.month {
        1 => 0.97,
        2 => 0.88,
        3 => 1.04,
        _ => 1.0,
    };
    let cold = if matches!(month.month, 11 | 12 | 1) {
        1.0 + winter
    } else {
        1.0
    };
    festival * cold
}

/// The rows of every stage for every month of the window, month by month.
fn cohort(plan: &CohortPlan, last_month: Month, months: i64) -> Vec<StageMonth> {
    let months = months.max(0);
    let first_month = last_month.plus(1 - months);
    let mut rows = Vec::new();
    for offset in 0..months {
        let month = first_month.plus(offset);
        let t = offset as f64;
        for (index, base) in plan.entered.iter().enumerate() {
            let number = index + 1;
            if plan.missing == Some((number, offset)) {
                continue;
            }
            let phase = 0.9 * t + 1.3 * index as f64;
            let wiggle = 1.0 + 0.035 * phase.sin();
            let entered = (base * (1.0 + plan.growth).powf(t) * season(month, plan.winter) * wiggle)
                .round() as u64;
            let median_days_in_stage = plan.median_days[index]
                .map(|days| round_to(days * (1.0 + 0.06 * (0.7 * t + index as f64).sin()), 2.0));
            let outcomes = plan.outcomes[index].as_ref().map(|levels| {
                let drift = (0.8 * t + 2.1 * index as f64).sin();
                ReportedOutcomes {
                    respondents: ((entered as f64 * 0.12).round() as u64).clamp(40, 150),
                    satisfaction: Some(round_to(
                        (levels.satisfaction + 0.012 * t + 0.08 * drift).clamp(1.0, 5.0),
                        10.0,
                    )),
                    quality_of_life: Some(round_to(
                        (levels.quality_of_life + 0.15 * t + 1.2 * drift).clamp(0.0, 100.0),
                        10.0,
                    )),
                    adherence_percent: Some(round_to(
                        (levels.adherence_percent + 0.2 * t + 1.5 * drift).clamp(0.0, 100.0),
                        10.0,
                    )),
                }
            });
            rows.push(StageMonth {
                stage_id: stage_id(number),
                month,
                entered,
                median_days_in_stage,
                outcomes,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::journey::model::{EMOTION_MAX, EMOTION_MIN, MAX_CARD_CHARS};

    const MONTHS: i64 = 18;
    const DEMO_CHANNELS: [&str; 7] = [
        "ch-visit",
        "ch-phone",
        "ch-remote",
        "ch-email",
        "ch-wechat",
        "ch-webinar",
        "ch-pharmacy",
    ];

    fn last_month() -> Month {
        Month::new(2026, 10).unwrap()
    }

    fn journeys(chinese: bool) -> Vec<JourneyMap> {
        demo_journeys(chinese, last_month(), MONTHS)
    }

    fn is_cjk(c: char) -> bool {
        matches!(c,
            '\u{3000}'..='\u{303F}'   // CJK punctuation
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FFEF}') // full-width forms such as （ and ，
    }

    fn has_han(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
    }

    /// Every text of a map a person reads.
    fn texts(map: &JourneyMap) -> Vec<&str> {
        let mut texts = vec![
            map.name.as_str(),
            map.disease_area.as_str(),
            map.patient_segment.as_str(),
        ];
        texts.extend(map.stages.iter().map(|stage| stage.name.as_str()));
        texts.extend(map.cards.iter().map(|card| card.text.as_str()));
        texts
    }

    fn entered_by_stage(map: &JourneyMap) -> Vec<u64> {
        map.stages
            .iter()
            .map(|stage| {
                map.cohort
                    .iter()
                    .filter(|row| row.stage_id == stage.id)
                    .map(|row| row.entered)
                    .sum()
            })
            .collect()
    }

    fn map_by_id<'a>(maps: &'a [JourneyMap], id: &str) -> &'a JourneyMap {
        maps.iter().find(|map| map.id == id).unwrap()
    }

    #[test]
    fn the_demo_has_the_three_maps_with_unique_ids() {
        let maps = journeys(true);
        let ids: Vec<&str> = maps.iter().map(|map| map.id.as_str()).collect();
        assert_eq!(
            ids,
            ["j-t2d-current", "j-t2d-target", "j-hypertension-current"]
        );
        assert_eq!(maps[0].state, JourneyState::Current);
        assert_eq!(maps[1].state, JourneyState::Target);
        assert_eq!(maps[2].state, JourneyState::Current);
        assert_eq!(maps[0].name, "2 型糖尿病患者旅程（现状）");
        assert_eq!(journeys(false)[0].name, "Type 2 diabetes journey (current)");
    }

    #[test]
    fn both_languages_have_the_same_structure() {
        for (zh, en) in journeys(true).iter().zip(&journeys(false)) {
            assert_eq!(zh.id, en.id);
            assert_eq!(zh.state, en.state);
            assert_eq!(zh.stages.len(), en.stages.len());
            for (a, b) in zh.stages.iter().zip(&en.stages) {
                assert_eq!((&a.id, a.emotion, &a.link), (&b.id, b.emotion, &b.link));
            }
            assert_eq!(zh.lanes, en.lanes);
            assert_eq!(zh.cards.len(), en.cards.len());
            for (a, b) in zh.cards.iter().zip(&en.cards) {
                assert_eq!(
                    (&a.id, &a.stage_id, &a.lane_id, a.severity, &a.channel_id),
                    (&b.id, &b.stage_id, &b.lane_id, b.severity, &b.channel_id)
                );
            }
            assert_eq!(zh.cohort, en.cohort);
        }
    }

    #[test]
    fn chinese_texts_are_chinese_and_english_texts_have_no_cjk() {
        for map in journeys(true) {
            for text in texts(&map) {
                assert!(has_han(text), "{}: no Chinese in {text:?}", map.id);
            }
        }
        for map in journeys(false) {
            for text in texts(&map) {
                assert!(!text.trim().is_empty(), "{}: an empty text", map.id);
                assert!(!text.chars().any(is_cjk), "{}: CJK in {text:?}", map.id);
            }
        }
    }

    #[test]
    fn cards_are_short_sticky_notes() {
        for map in journeys(true) {
            for card in &map.cards {
                assert!(card.text.chars().count() <= 40, "{:?}", card.text);
            }
        }
        for map in journeys(false) {
            for card in &map.cards {
                assert!(card.text.chars().count() <= 80, "{:?}", card.text);
                assert!(card.text.chars().count() <= MAX_CARD_CHARS);
            }
        }
    }

    #[test]
    fn maps_have_the_standard_stages_and_lanes_and_cards_point_at_them() {
        for map in journeys(false) {
            let standard = new_journey_map(String::new(), String::new(), false);
            let stage_ids: Vec<&str> = map.stages.iter().map(|s| s.id.as_str()).collect();
            let standard_ids: Vec<&str> = standard.stages.iter().map(|s| s.id.as_str()).collect();
            assert_eq!(stage_ids, standard_ids);
            assert_eq!(map.lanes, standard.lanes);
            let mut card_ids: Vec<&str> = map.cards.iter().map(|c| c.id.as_str()).collect();
            card_ids.sort();
            card_ids.dedup();
            assert_eq!(
                card_ids.len(),
                map.cards.len(),
                "{}: duplicate card ids",
                map.id
            );
            for card in &map.cards {
                assert!(map.stage_index(&card.stage_id).is_some(), "{card:?}");
                let lane = &map.lanes[map.lane_index(&card.lane_id).expect("the lane exists")];
                assert_eq!(
                    card.severity.is_some(),
                    lane.kind == LaneKind::PainPoints,
                    "{card:?}"
                );
                assert_eq!(
                    card.channel_id.is_some(),
                    lane.kind == LaneKind::Channels,
                    "{card:?}"
                );
            }
            // Most cells hold two to four cards, none more than four.
            let mut filled = 0;
            for stage in &map.stages {
                for lane in &map.lanes {
                    let count = map.cards_in(&stage.id, &lane.id).count();
                    assert!(
                        count <= 4,
                        "{} {} {}: {count} cards",
                        map.id,
                        stage.id,
                        lane.id
                    );
                    filled += usize::from(count >= 2);
                }
            }
            let cells = map.stages.len() * map.lanes.len();
            assert!(
                filled * 2 > cells,
                "{}: only {filled} of {cells} cells have 2+ cards",
                map.id
            );
        }
    }

    #[test]
    fn channel_cards_name_demo_channels() {
        for map in journeys(true) {
            for card in &map.cards {
                if let Some(channel_id) = &card.channel_id {
                    assert!(DEMO_CHANNELS.contains(&channel_id.as_str()), "{channel_id}");
                }
            }
        }
    }

    #[test]
    fn emotion_scores_are_set_and_within_the_scale() {
        for map in journeys(false) {
            for stage in &map.stages {
                let score = stage.emotion.expect("every demo stage has a score");
                assert!((EMOTION_MIN..=EMOTION_MAX).contains(&score), "{score}");
                assert_eq!((score * 2.0).fract(), 0.0, "scores are halves");
            }
        }
    }

    #[test]
    fn links_point_at_the_demo_funnel_and_rule_sets() {
        for map in journeys(false) {
            assert!(map.stages.iter().any(|stage| stage.link.is_some()));
            for link in map.stages.iter().filter_map(|stage| stage.link.as_ref()) {
                match link {
                    StageLink::FunnelStep { funnel_id, step } => {
                        assert_eq!(funnel_id, "f-default");
                        assert!(*step <= 4);
                    }
                    StageLink::Segment {
                        rule_set_id,
                        segment_id,
                    } => {
                        let known: &[&str] = match rule_set_id.as_str() {
                            "rs-tiers" => &["A", "B", "C", "D"],
                            "rs-key-accounts" => &["kol", "decision", "core", "rising", "other"],
                            other => panic!("unknown rule set {other}"),
                        };
                        assert!(known.contains(&segment_id.as_str()), "{segment_id}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_current_diabetes_map_has_a_row_for_every_stage_and_month() {
        let maps = journeys(false);
        let map = map_by_id(&maps, "j-t2d-current");
        assert_eq!(map.cohort.len(), MONTHS as usize * map.stages.len());
        let first = last_month().plus(1 - MONTHS);
        for stage in &map.stages {
            let months: Vec<Month> = map
                .cohort
                .iter()
                .filter(|row| row.stage_id == stage.id)
                .map(|row| row.month)
                .collect();
            let expected: Vec<Month> = (0..MONTHS).map(|offset| first.plus(offset)).collect();
            assert_eq!(months, expected, "{}", stage.id);
        }
    }

    #[test]
    fn the_hypertension_outcomes_stage_misses_its_fifth_month() {
        let maps = journeys(false);
        let map = map_by_id(&maps, "j-hypertension-current");
        assert_eq!(map.cohort.len(), MONTHS as usize * map.stages.len() - 1);
        let fifth = last_month().plus(1 - MONTHS).plus(4);
        assert!(!map
            .cohort
            .iter()
            .any(|row| row.stage_id == "stage-6" && row.month == fifth));
        assert!(map
            .cohort
            .iter()
            .any(|row| row.stage_id == "stage-5" && row.month == fifth));
    }

    #[test]
    fn counts_fall_from_stage_to_stage_in_every_month() {
        for map in journeys(false) {
            for month in (0..MONTHS).map(|offset| last_month().plus(-offset)) {
                let entered: Vec<u64> = map
                    .cohort
                    .iter()
                    .filter(|row| row.month == month)
                    .map(|row| row.entered)
                    .collect();
                assert!(
                    entered.windows(2).all(|pair| pair[0] > pair[1]),
                    "{} {month}: {entered:?}",
                    map.id
                );
                assert!(entered.iter().all(|&count| count > 0));
            }
        }
    }

    #[test]
    fn the_current_diabetes_counts_are_in_the_planned_range() {
        let maps = journeys(false);
        let map = map_by_id(&maps, "j-t2d-current");
        let ranges = [
            (1_500, 2_400),
            (1_000, 1_700),
            (700, 1_250),
            (550, 1_000),
            (330, 600),
            (230, 420),
        ];
        for row in &map.cohort {
            let (low, high) = ranges[map.stage_index(&row.stage_id).unwrap()];
            assert!((low..=high).contains(&row.entered), "{row:?}");
        }
    }

    #[test]
    fn the_target_diabetes_map_loses_fewer_patients_at_every_stage() {
        let maps = journeys(false);
        let current = entered_by_stage(map_by_id(&maps, "j-t2d-current"));
        let target = entered_by_stage(map_by_id(&maps, "j-t2d-target"));
        for stage in 1..current.len() {
            let kept_now = current[stage] as f64 / current[stage - 1] as f64;
            let kept_target = target[stage] as f64 / target[stage - 1] as f64;
            assert!(
                kept_target > kept_now,
                "stage {}: target keeps {kept_target:.3}, current {kept_now:.3}",
                stage + 1
            );
        }
    }

    #[test]
    fn the_target_diabetes_map_has_fewer_and_milder_pain_points_and_better_emotions() {
        let maps = journeys(false);
        let current = map_by_id(&maps, "j-t2d-current");
        let target = map_by_id(&maps, "j-t2d-target");
        let pains = |map: &JourneyMap| {
            map.cards
                .iter()
                .filter_map(|c| c.severity)
                .collect::<Vec<_>>()
        };
        assert!(pains(target).len() < pains(current).len());
        assert!(!pains(target).contains(&Severity::High));
        for (now, goal) in current.stages.iter().zip(&target.stages) {
            assert_eq!(now.id, goal.id);
            assert_eq!(now.name, goal.name);
            assert!(goal.emotion > now.emotion, "{}", now.id);
        }
    }

    #[test]
    fn outcomes_are_reported_only_from_initiation_on_and_within_their_scales() {
        for map in journeys(false) {
            for row in &map.cohort {
                let stage = map.stage_index(&row.stage_id).unwrap();
                assert_eq!(row.outcomes.is_some(), stage >= 3, "{} {row:?}", map.id);
                assert!(row.median_days_in_stage.is_none_or(|days| days > 0.0));
                if let Some(outcomes) = &row.outcomes {
                    assert!((40..=150).contains(&outcomes.respondents), "{outcomes:?}");
                    assert!((1.0..=5.0).contains(&outcomes.satisfaction.unwrap()));
                    assert!((0.0..=100.0).contains(&outcomes.quality_of_life.unwrap()));
                    assert!((0.0..=100.0).contains(&outcomes.adherence_percent.unwrap()));
                }
            }
        }
    }

    #[test]
    fn figures_are_short_decimals_so_the_file_stays_readable() {
        for map in journeys(false) {
            for row in &map.cohort {
                let outcomes = row
                    .outcomes
                    .iter()
                    .flat_map(|o| [o.satisfaction, o.quality_of_life, o.adherence_percent]);
                for value in outcomes.chain([row.median_days_in_stage]).flatten() {
                    let shown = value.to_string();
                    assert!(shown.len() <= 5, "{shown}");
                }
            }
        }
    }

    #[test]
    fn the_maps_are_deterministic_and_follow_the_window() {
        assert_eq!(journeys(true), journeys(true));
        let shorter = demo_journeys(false, last_month(), 6);
        assert_eq!(shorter[0].cohort.len(), 6 * 6);
        assert_eq!(shorter[0].cohort.last().unwrap().month, last_month());
        assert!(demo_journeys(false, last_month(), 0)
            .iter()
            .all(|map| map.cohort.is_empty() && !map.cards.is_empty()));
    }
}
