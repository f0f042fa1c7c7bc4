//! Edits of a journey map (its details, stages, lanes, cards, emotion scores, links), as plain functions the editor and tests share.
//!
//! Every function leaves the map valid: ids stay unique, cards and cohort rows never point at a
//! stage or lane that is gone, emotion scores stay within −2 … +2. New ids are the first free
//! `prefix-N`, so no clock or random source is needed.

use super::model::{
    JourneyCard, JourneyLane, JourneyMap, JourneyStage, JourneyState, LaneKind, Severity,
    StageLink, EMOTION_MAX, EMOTION_MIN, MAX_CARD_CHARS, MAX_LANES, MAX_STAGES,
};

pub use crate::domain::ids::unused_id;

/// The standard stage names, symptoms/awareness to outcomes.
pub fn standard_stage_names(chinese: bool) -> [&'static str; 6] {
    if chinese {
        [
            "症状与认知",
            "诊断",
            "治疗决策",
            "起始治疗",
            "坚持与续方",
            "治疗结局",
        ]
    } else {
        [
            "Symptoms & awareness",
            "Diagnosis",
            "Treatment decision",
            "Initiation",
            "Adherence & refill",
            "Outcomes",
        ]
    }
}

/// A new map with the standard stages and lanes and no cards.
pub fn new_journey_map(id: String, name: String, chinese: bool) -> JourneyMap {
    JourneyMap {
        id,
        name,
        disease_area: String::new(),
        patient_segment: String::new(),
        state: JourneyState::Current,
        stages: standard_stage_names(chinese)
            .iter()
            .enumerate()
            .map(|(index, name)| JourneyStage {
                id: format!("stage-{}", index + 1),
                name: name.to_string(),
                emotion: None,
                link: None,
            })
            .collect(),
        lanes: LaneKind::STANDARD
            .iter()
            .map(|kind| JourneyLane {
                id: kind.as_str().to_string(),
                kind: *kind,
                name: String::new(),
                hidden: false,
            })
            .collect(),
        cards: Vec::new(),
        cohort: Vec::new(),
    }
}

/// A copy to edit into the target state: same stages, lanes, cards and counts, a new id.
pub fn copy_as_target(map: &JourneyMap, id: String, name: String) -> JourneyMap {
    JourneyMap {
        id,
        name,
        state: JourneyState::Target,
        ..map.clone()
    }
}

/// Renames the map; the name is kept as typed (an empty name is allowed, as in the file).
pub fn rename_map(map: &mut JourneyMap, name: String) {
    map.name = name;
}

pub fn set_disease_area(map: &mut JourneyMap, disease_area: String) {
    map.disease_area = disease_area;
}

pub fn set_patient_segment(map: &mut JourneyMap, patient_segment: String) {
    map.patient_segment = patient_segment;
}

/// Marks the map as the current state of the journey or as the target one.
pub fn set_map_state(map: &mut JourneyMap, state: JourneyState) {
    map.state = state;
}

/// Adds a stage after `after` (at the start when `None`); returns its index, or `None` when the
/// map already has [`MAX_STAGES`].
pub fn add_stage(map: &mut JourneyMap, after: Option<usize>, name: String) -> Option<usize> {
    if map.stages.len() >= MAX_STAGES {
        return None;
    }
    let id = unused_id("stage", map.stages.iter().map(|stage| stage.id.as_str()));
    let index = after.map_or(0, |after| (after + 1).min(map.stages.len()));
    map.stages.insert(
        index,
        JourneyStage {
            id,
            name,
            emotion: None,
            link: None,
        },
    );
    Some(index)
}

pub fn rename_stage(map: &mut JourneyMap, index: usize, name: String) {
    if let Some(stage) = map.stages.get_mut(index) {
        stage.name = name;
    }
}

/// Swaps a stage with its neighbour (`offset` −1 or +1); false when there is none.
pub fn move_stage(map: &mut JourneyMap, index: usize, offset: isize) -> bool {
    move_item(&mut map.stages, index, offset)
}

/// Removes a stage with its cards and counts; a map keeps at least one stage.
pub fn remove_stage(map: &mut JourneyMap, index: usize) -> bool {
    if map.stages.len() <= 1 || index >= map.stages.len() {
        return false;
    }
    let stage = map.stages.remove(index);
    map.cards.retain(|card| card.stage_id != stage.id);
    map.cohort.retain(|row| row.stage_id != stage.id);
    true
}

/// Sets a stage's emotion score, kept within −2 … +2 and rounded to halves (the scale people
/// rate on); `None` clears it.
pub fn set_emotion(map: &mut JourneyMap, index: usize, score: Option<f64>) {
    if let Some(stage) = map.stages.get_mut(index) {
        stage.emotion = score
            .filter(|score| score.is_finite())
            .map(|score| (score.clamp(EMOTION_MIN, EMOTION_MAX) * 2.0).round() / 2.0);
    }
}

pub fn set_stage_link(map: &mut JourneyMap, index: usize, link: Option<StageLink>) {
    if let Some(stage) = map.stages.get_mut(index) {
        stage.link = link;
    }
}

/// Adds a lane of kind `other` at the end; `None` when the map already has [`MAX_LANES`].
pub fn add_lane(map: &mut JourneyMap, name: String) -> Option<usize> {
    if map.lanes.len() >= MAX_LANES {
        return None;
    }
    let id = unused_id("lane", map.lanes.iter().map(|lane| lane.id.as_str()));
    map.lanes.push(JourneyLane {
        id,
        kind: LaneKind::Other,
        name,
        hidden: false,
    });
    Some(map.lanes.len() - 1)
}

pub fn rename_lane(map: &mut JourneyMap, index: usize, name: String) {
    if let Some(lane) = map.lanes.get_mut(index) {
        lane.name = name;
    }
}

pub fn set_lane_hidden(map: &mut JourneyMap, index: usize, hidden: bool) {
    if let Some(lane) = map.lanes.get_mut(index) {
        lane.hidden = hidden;
    }
}

pub fn move_lane(map: &mut JourneyMap, index: usize, offset: isize) -> bool {
    move_item(&mut map.lanes, index, offset)
}

/// Removes a lane with its cards; a map keeps at least one lane.
pub fn remove_lane(map: &mut JourneyMap, index: usize) -> bool {
    if map.lanes.len() <= 1 || index >= map.lanes.len() {
        return false;
    }
    let lane = map.lanes.remove(index);
    map.cards.retain(|card| card.lane_id != lane.id);
    true
}

/// Cuts a card text to [`MAX_CARD_CHARS`] characters.
pub fn card_text(text: &str) -> String {
    text.trim().chars().take(MAX_CARD_CHARS).collect()
}

/// Adds a card at the end of a cell; returns its index in `map.cards`, or `None` when the stage
/// or lane does not exist.
pub fn add_card(map: &mut JourneyMap, stage_id: &str, lane_id: &str, text: &str) -> Option<usize> {
    map.stage_index(stage_id)?;
    let lane = &map.lanes[map.lane_index(lane_id)?];
    let severity = (lane.kind == LaneKind::PainPoints).then_some(Severity::Medium);
    let id = unused_id("card", map.cards.iter().map(|card| card.id.as_str()));
    map.cards.push(JourneyCard {
        id,
        stage_id: stage_id.to_string(),
        lane_id: lane_id.to_string(),
        text: card_text(text),
        severity,
        channel_id: None,
    });
    Some(map.cards.len() - 1)
}

pub fn edit_card_text(map: &mut JourneyMap, card_index: usize, text: &str) {
    if let Some(card) = map.cards.get_mut(card_index) {
        card.text = card_text(text);
    }
}

pub fn set_card_severity(map: &mut JourneyMap, card_index: usize, severity: Option<Severity>) {
    if let Some(card) = map.cards.get_mut(card_index) {
        card.severity = severity;
    }
}

pub fn set_card_channel(map: &mut JourneyMap, card_index: usize, channel_id: Option<String>) {
    if let Some(card) = map.cards.get_mut(card_index) {
        card.channel_id = channel_id;
    }
}

pub fn remove_card(map: &mut JourneyMap, card_index: usize) {
    if card_index < map.cards.len() {
        map.cards.remove(card_index);
    }
}

/// Moves a card before or after its neighbour in the same cell (`offset` −1 or +1).
pub fn move_card_in_cell(map: &mut JourneyMap, card_index: usize, offset: isize) -> bool {
    let Some(card) = map.cards.get(card_index) else {
        return false;
    };
    let same_cell =
        |other: &JourneyCard| other.stage_id == card.stage_id && other.lane_id == card.lane_id;
    let neighbour = if offset < 0 {
        map.cards[..card_index].iter().rposition(same_cell)
    } else {
        map.cards[card_index + 1..]
            .iter()
            .position(same_cell)
            .map(|position| card_index + 1 + position)
    };
    match neighbour {
        Some(neighbour) => {
            map.cards.swap(card_index, neighbour);
            true
        }
        None => false,
    }
}

fn move_item<T>(items: &mut [T], index: usize, offset: isize) -> bool {
    let Some(target) = index.checked_add_signed(offset) else {
        return false;
    };
    if index >= items.len() || target >= items.len() {
        return false;
    }
    items.swap(index, target);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> JourneyMap {
        new_journey_map("j-1".into(), "Test".into(), false)
    }

    #[test]
    fn a_new_map_has_the_six_standard_stages_and_seven_lanes() {
        let map = map();
        assert_eq!(map.stages.len(), 6);
        assert_eq!(map.stages[0].name, "Symptoms & awareness");
        assert_eq!(map.lanes.len(), 7);
        assert_eq!(map.lanes[3].kind, LaneKind::Emotions);
    }

    #[test]
    fn an_added_stage_gets_a_free_id_and_sits_after_the_given_one() {
        let mut map = map();
        let index = add_stage(&mut map, Some(1), "Screening".into()).unwrap();
        assert_eq!(index, 2);
        assert_eq!(map.stages[2].id, "stage-7");
        assert_eq!(map.stages[2].name, "Screening");
        assert_eq!(add_stage(&mut map, None, "First".into()), Some(0));
        assert_eq!(map.stages[0].id, "stage-8");
    }

    #[test]
    fn no_more_than_the_maximum_of_stages() {
        let mut map = map();
        while map.stages.len() < MAX_STAGES {
            add_stage(&mut map, Some(0), "x".into()).unwrap();
        }
        assert_eq!(add_stage(&mut map, Some(0), "x".into()), None);
    }

    #[test]
    fn removing_a_stage_removes_its_cards_and_counts_and_the_last_stage_stays() {
        let mut map = map();
        add_card(&mut map, "stage-2", "touchpoints", "GP visit").unwrap();
        add_card(&mut map, "stage-3", "touchpoints", "Specialist").unwrap();
        map.cohort.push(super::super::model::StageMonth {
            stage_id: "stage-2".into(),
            month: crate::domain::time::Month::new(2025, 1).unwrap(),
            entered: 10,
            median_days_in_stage: None,
            outcomes: None,
        });
        assert!(remove_stage(&mut map, 1));
        assert_eq!(map.cards.len(), 1);
        assert_eq!(map.cards[0].stage_id, "stage-3");
        assert!(map.cohort.is_empty());
        while map.stages.len() > 1 {
            remove_stage(&mut map, 0);
        }
        assert!(!remove_stage(&mut map, 0));
    }

    #[test]
    fn stages_and_lanes_move_one_place_within_bounds() {
        let mut map = map();
        assert!(move_stage(&mut map, 0, 1));
        assert_eq!(map.stages[1].id, "stage-1");
        assert!(!move_stage(&mut map, 0, -1));
        assert!(!move_stage(&mut map, 5, 1));
        assert!(move_lane(&mut map, 6, -1));
        assert_eq!(map.lanes[5].kind, LaneKind::Kpis);
    }

    #[test]
    fn emotion_scores_are_clamped_and_rounded_to_halves() {
        let mut map = map();
        set_emotion(&mut map, 0, Some(3.7));
        assert_eq!(map.stages[0].emotion, Some(2.0));
        set_emotion(&mut map, 0, Some(-0.8));
        assert_eq!(map.stages[0].emotion, Some(-1.0));
        set_emotion(&mut map, 0, Some(f64::NAN));
        assert_eq!(map.stages[0].emotion, None);
    }

    #[test]
    fn a_pain_point_card_starts_at_medium_severity_and_text_is_cut_to_the_limit() {
        let mut map = map();
        let long = "x".repeat(MAX_CARD_CHARS + 50);
        let index = add_card(&mut map, "stage-1", "pain_points", &long).unwrap();
        assert_eq!(map.cards[index].severity, Some(Severity::Medium));
        assert_eq!(map.cards[index].text.chars().count(), MAX_CARD_CHARS);
        assert_eq!(add_card(&mut map, "stage-99", "pain_points", "x"), None);
        assert_eq!(add_card(&mut map, "stage-1", "lane-99", "x"), None);
    }

    #[test]
    fn cards_move_only_among_cards_of_the_same_cell() {
        let mut map = map();
        add_card(&mut map, "stage-1", "touchpoints", "a").unwrap();
        add_card(&mut map, "stage-2", "touchpoints", "other cell").unwrap();
        add_card(&mut map, "stage-1", "touchpoints", "b").unwrap();
        assert!(move_card_in_cell(&mut map, 2, -1));
        let texts: Vec<&str> = map
            .cards_in("stage-1", "touchpoints")
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(texts, ["b", "a"]);
        assert!(!move_card_in_cell(&mut map, 1, 1));
    }

    #[test]
    fn removing_a_lane_removes_its_cards() {
        let mut map = map();
        add_card(&mut map, "stage-1", "kpis", "HbA1c tested").unwrap();
        let lane = add_lane(&mut map, "Backstage".into()).unwrap();
        assert_eq!(map.lanes[lane].id, "lane-1");
        assert!(remove_lane(&mut map, 6));
        assert!(map.cards.is_empty());
    }

    #[test]
    fn a_target_copy_keeps_everything_but_id_name_and_state() {
        let mut map = map();
        add_card(&mut map, "stage-1", "kpis", "x").unwrap();
        let target = copy_as_target(&map, "j-2".into(), "Target".into());
        assert_eq!(target.state, JourneyState::Target);
        assert_eq!(target.cards, map.cards);
        assert_eq!(target.stages, map.stages);
    }
}
