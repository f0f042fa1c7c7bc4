//! The journey map layout's rules, checked on computed geometry: cards never overlap and stay in
//! their cell, the emotion curve sits at stage centres, flow bars follow the entrants, hidden lanes
//! take no room, long and Chinese texts wrap and cut, and the drawing contains everything.

use omnirx_core::domain::chart::journey_layout::*;
use omnirx_core::domain::chart::text::estimate_text_width;
use omnirx_core::domain::journey::editing::{
    add_card, add_lane, add_stage, new_journey_map, set_emotion, set_lane_hidden,
};
use omnirx_core::domain::journey::model::{JourneyCard, JourneyMap, LaneKind};

const TEXTS: [&str; 10] = [
    "Visits GP",
    "Searches symptoms online before booking a visit with the family doctor",
    "担心低血糖，不敢按时注射胰岛素",
    "HbA1c 8.2%",
    "Worried about needles and about what colleagues will think when they see the pen at lunch; \
     asks the pharmacist twice how to store it while travelling for work",
    "药房缺货时患者需要跑三家药店才能买到处方药，往返时间超过两个小时，很多人因此中断治疗",
    "Nurse call",
    "Leaflet from the rep: dosing, side effects and the patient support hotline number",
    "医生推荐GLP-1药物",
    "Refill reminder by WeChat",
];

const EPSILON: f64 = 1e-9;

/// 12 stages × 8 lanes (7 standard + 1 added) × 5 cards per cell, with varied texts.
fn big_map() -> JourneyMap {
    let mut map = new_journey_map("j-1".into(), "Type 2 diabetes".into(), false);
    for number in 0..6 {
        let after = map.stages.len() - 1;
        add_stage(
            &mut map,
            Some(after),
            format!("Follow-up visit {}", number + 1),
        )
        .unwrap();
    }
    add_lane(&mut map, "Caregiver".into()).unwrap();
    let stage_ids: Vec<String> = map.stages.iter().map(|stage| stage.id.clone()).collect();
    let lane_ids: Vec<String> = map.lanes.iter().map(|lane| lane.id.clone()).collect();
    // Cards added cell by cell in a shuffled order, so a cell's cards are spread over the list.
    for round in 0..5 {
        for (lane_number, lane_id) in lane_ids.iter().enumerate() {
            for (stage_number, stage_id) in stage_ids.iter().enumerate() {
                let text = TEXTS[(stage_number * 7 + lane_number * 3 + round * 5) % TEXTS.len()];
                add_card(&mut map, stage_id, lane_id, text).unwrap();
            }
        }
    }
    map
}

fn titles(map: &JourneyMap) -> Vec<String> {
    map.lanes
        .iter()
        .map(|lane| match lane.kind {
            LaneKind::Other => lane.name.clone(),
            LaneKind::PainPoints => "Pain points and barriers to starting treatment".into(),
            kind => kind.as_str().replace('_', " "),
        })
        .collect()
}

fn layout_of(map: &JourneyMap, entered: &[Option<u64>]) -> JourneyLayout {
    let lane_titles = titles(map);
    journey_layout(&JourneyLayoutInput {
        map,
        entered,
        lane_titles: &lane_titles,
    })
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.width - EPSILON
        && b.x < a.x + a.width - EPSILON
        && a.y < b.y + b.height - EPSILON
        && b.y < a.y + a.height - EPSILON
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x - EPSILON
        && inner.y >= outer.y - EPSILON
        && inner.x + inner.width <= outer.x + outer.width + EPSILON
        && inner.y + inner.height <= outer.y + outer.height + EPSILON
}

fn row_of(layout: &JourneyLayout, lane_index: usize) -> &LaneRow {
    layout
        .lanes
        .iter()
        .find(|row| row.lane_index == lane_index)
        .expect("a row for the lane")
}

fn box_of(layout: &JourneyLayout, card_index: usize) -> Option<&CardBox> {
    layout
        .cards
        .iter()
        .find(|card| card.card_index == card_index)
}

#[test]
fn cards_never_overlap_and_stay_inside_their_column_and_lane() {
    let map = big_map();
    assert_eq!(map.stages.len(), 12);
    assert_eq!(map.lanes.len(), 8);
    assert_eq!(map.cards.len(), 480);
    let layout = layout_of(&map, &[]);
    assert_eq!(layout.cards.len(), 480);
    let emotion = layout.emotion.as_ref().expect("an emotions lane");
    for card in &layout.cards {
        let source = &map.cards[card.card_index];
        let stage = map.stage_index(&source.stage_id).unwrap();
        let lane = map.lane_index(&source.lane_id).unwrap();
        let column = &layout.columns[stage];
        let row = row_of(&layout, lane);
        let cell = Rect {
            x: column.x,
            y: row.y,
            width: column.width,
            height: row.height,
        };
        assert!(
            contains(&cell, &card.rect),
            "card {} out of its cell",
            card.card_index
        );
        assert_eq!(card.rect.x, column.x + 8.0);
        assert_eq!(card.rect.width, column.width - 16.0);
        assert_eq!(
            card.rect.height,
            card.lines.len() as f64 * layout.line_height + 16.0
        );
        assert!(!card.lines.is_empty() && card.lines.len() <= 4);
        for line in &card.lines {
            assert!(estimate_text_width(line, layout.font_size) <= card.rect.width - 16.0);
        }
        if map.lanes[lane].kind == LaneKind::Emotions {
            assert!(card.rect.y >= emotion.area.y + emotion.area.height);
        }
    }
    for (position, a) in layout.cards.iter().enumerate() {
        for b in &layout.cards[position + 1..] {
            assert!(
                !overlaps(&a.rect, &b.rect),
                "cards {} and {} overlap",
                a.card_index,
                b.card_index
            );
        }
    }
}

#[test]
fn cards_stack_in_list_order_with_padding_and_gaps() {
    let map = big_map();
    let layout = layout_of(&map, &[]);
    let stage_id = &map.stages[2].id;
    let lane_id = &map.lanes[0].id;
    let cell: Vec<&CardBox> = layout
        .cards
        .iter()
        .filter(|card| {
            map.cards[card.card_index].stage_id == *stage_id
                && map.cards[card.card_index].lane_id == *lane_id
        })
        .collect();
    assert_eq!(cell.len(), 5);
    assert_eq!(cell[0].rect.y, row_of(&layout, 0).y + 8.0);
    for pair in cell.windows(2) {
        assert!(pair[0].card_index < pair[1].card_index);
        assert_eq!(pair[1].rect.y, pair[0].rect.y + pair[0].rect.height + 6.0);
    }
    // The lane is as tall as its tallest stack plus the bottom padding.
    let row = row_of(&layout, 0);
    let lowest = layout
        .cards
        .iter()
        .filter(|card| map.cards[card.card_index].lane_id == *lane_id)
        .map(|card| card.rect.y + card.rect.height)
        .fold(0.0, f64::max);
    assert!((row.y + row.height - (lowest + 8.0)).abs() < EPSILON);
}

#[test]
fn an_empty_lane_keeps_its_minimum_height() {
    let map = new_journey_map("j-1".into(), "Empty".into(), false);
    let layout = layout_of(&map, &[]);
    let row = row_of(&layout, 0);
    assert_eq!(row.height, 56.0);
    let emotions = row_of(&layout, 3);
    assert!(emotions.height >= 110.0 + 16.0);
    assert!(layout.cards.is_empty());
}

#[test]
fn the_emotion_curve_sits_at_stage_centres_on_the_score_scale() {
    let mut map = new_journey_map("j-1".into(), "Curve".into(), false);
    set_emotion(&mut map, 0, Some(2.0));
    set_emotion(&mut map, 1, Some(0.0));
    set_emotion(&mut map, 2, Some(-2.0));
    set_emotion(&mut map, 4, Some(1.0));
    add_card(
        &mut map,
        "stage-1",
        "emotions",
        "Relieved to have a name for it",
    )
    .unwrap();
    let layout = layout_of(&map, &[]);
    let curve = layout.emotion.as_ref().expect("a curve");
    let row = row_of(&layout, 3);
    assert_eq!(curve.area.y, row.y);
    assert_eq!(curve.area.height, 110.0);
    assert_eq!(curve.area.x, layout.columns[0].x);
    let last = layout.columns.last().unwrap();
    assert_eq!(curve.area.x + curve.area.width, last.x + last.width);
    assert_eq!(curve.top_y, curve.area.y + 12.0);
    assert_eq!(curve.bottom_y, curve.area.y + 110.0 - 12.0);
    assert_eq!(curve.zero_y, curve.area.y + 55.0);

    let stages: Vec<usize> = curve.points.iter().map(|(stage, _)| *stage).collect();
    assert_eq!(stages, vec![0, 1, 2, 4], "stages 3 and 5 have no score");
    for (stage, point) in &curve.points {
        assert_eq!(point.x, layout.columns[*stage].centre_x);
    }
    assert_eq!(curve.points[0].1.y, curve.top_y);
    assert_eq!(curve.points[1].1.y, curve.zero_y);
    assert_eq!(curve.points[2].1.y, curve.bottom_y);
    assert_eq!(curve.points[3].1.y, (curve.top_y + curve.zero_y) / 2.0);
    assert_eq!(emotion_y(curve, 2.0), curve.top_y);
    assert_eq!(emotion_y(curve, -2.0), curve.bottom_y);

    // The emotions lane's card sits under the curve.
    let card = box_of(&layout, 0).unwrap();
    assert_eq!(card.rect.y, curve.area.y + curve.area.height + 8.0);
}

#[test]
fn no_curve_without_a_visible_emotions_lane() {
    let mut map = new_journey_map("j-1".into(), "Curve".into(), false);
    set_emotion(&mut map, 0, Some(1.5));
    set_lane_hidden(&mut map, 3, true);
    assert_eq!(layout_of(&map, &[]).emotion, None);
    map.lanes.remove(3);
    assert_eq!(layout_of(&map, &[]).emotion, None);
}

#[test]
fn flow_bars_follow_the_entrants_and_unknown_stages_break_the_band() {
    let map = new_journey_map("j-1".into(), "Flow".into(), false);
    let entered = [Some(1000), Some(400), None, Some(0), Some(500), Some(250)];
    let layout = layout_of(&map, &entered);
    let flow = &layout.flow;
    assert_eq!(flow.bars.len(), 6);
    assert_eq!(flow.links.len(), 5);
    let bar = |index: usize| flow.bars[index].expect("a bar");
    let tallest = flow.row.height - 20.0;
    assert_eq!(bar(0).height, tallest);
    assert!((bar(1).height / bar(0).height - 0.4).abs() < EPSILON);
    assert!((bar(4).height / bar(0).height - 0.5).abs() < EPSILON);
    assert!((bar(5).height / bar(0).height - 0.25).abs() < EPSILON);
    assert_eq!(bar(3).height, 0.0, "no entrants: a bar of height 0");
    assert_eq!(flow.bars[2], None);
    assert_eq!(flow.links[1], None);
    assert_eq!(flow.links[2], None);
    assert!(flow.links[0].is_some() && flow.links[3].is_some() && flow.links[4].is_some());

    let middle = flow.row.y + flow.row.height / 2.0;
    for (index, rect) in flow.bars.iter().enumerate() {
        let Some(rect) = rect else { continue };
        assert_eq!(rect.width, 24.0);
        assert!((rect.x + rect.width / 2.0 - layout.columns[index].centre_x).abs() < EPSILON);
        assert!((rect.y + rect.height / 2.0 - middle).abs() < EPSILON);
        assert!(contains(&flow.row, rect));
    }
    // The band from stage 0 to 1 narrows from bar 0's right edge to bar 1's left edge.
    let [from_top, to_top, to_bottom, from_bottom] = flow.links[0].unwrap();
    let (a, b) = (bar(0), bar(1));
    assert_eq!((from_top.x, from_top.y), (a.x + a.width, a.y));
    assert_eq!((to_top.x, to_top.y), (b.x, b.y));
    assert_eq!((to_bottom.x, to_bottom.y), (b.x, b.y + b.height));
    assert_eq!(
        (from_bottom.x, from_bottom.y),
        (a.x + a.width, a.y + a.height)
    );
    // The flow row sits under the stage titles.
    assert_eq!(
        flow.row.y,
        layout.stage_header.y + layout.stage_header.height
    );
}

#[test]
fn without_any_entrants_there_are_no_bars_and_no_links() {
    let map = new_journey_map("j-1".into(), "Flow".into(), false);
    let layout = layout_of(&map, &[]);
    assert!(layout.flow.bars.iter().all(Option::is_none));
    assert!(layout.flow.links.iter().all(Option::is_none));
    let zeros = layout_of(&map, &[Some(0); 6]);
    assert!(zeros.flow.bars.iter().all(|bar| bar.unwrap().height == 0.0));
    assert!(zeros.flow.links.iter().all(Option::is_some));
}

#[test]
fn hidden_lanes_take_no_room_and_rows_follow_lane_order() {
    let mut map = big_map();
    set_lane_hidden(&mut map, 1, true);
    set_lane_hidden(&mut map, 5, true);
    let layout = layout_of(&map, &[]);
    let indices: Vec<usize> = layout.lanes.iter().map(|row| row.lane_index).collect();
    assert_eq!(indices, vec![0, 2, 3, 4, 6, 7]);
    let first = &layout.lanes[0];
    assert!(first.y >= layout.flow.row.y + layout.flow.row.height - EPSILON);
    for pair in layout.lanes.windows(2) {
        assert!(pair[0].y + pair[0].height <= pair[1].y + EPSILON);
    }
    let hidden_ids = [map.lanes[1].id.clone(), map.lanes[5].id.clone()];
    let hidden_cards = map
        .cards
        .iter()
        .filter(|card| hidden_ids.contains(&card.lane_id))
        .count();
    assert_eq!(hidden_cards, 120);
    assert_eq!(layout.cards.len(), 480 - 120);
    assert!(layout
        .cards
        .iter()
        .all(|card| !hidden_ids.contains(&map.cards[card.card_index].lane_id)));
    // Hiding lanes makes the drawing shorter.
    assert!(layout.height < layout_of(&big_map(), &[]).height);
}

#[test]
fn cards_of_missing_stages_or_lanes_get_no_box() {
    let mut map = new_journey_map("j-1".into(), "Broken".into(), false);
    add_card(&mut map, "stage-1", "touchpoints", "Fine").unwrap();
    for (stage_id, lane_id) in [("stage-99", "touchpoints"), ("stage-1", "nowhere")] {
        map.cards.push(JourneyCard {
            id: format!("card-{stage_id}-{lane_id}"),
            stage_id: stage_id.into(),
            lane_id: lane_id.into(),
            text: "Orphan".into(),
            severity: None,
            channel_id: None,
        });
    }
    let layout = layout_of(&map, &[]);
    assert_eq!(layout.cards.len(), 1);
    assert_eq!(layout.cards[0].card_index, 0);
}

#[test]
fn long_text_is_cut_to_four_lines_ending_with_an_ellipsis() {
    let mut map = new_journey_map("j-1".into(), "Long".into(), false);
    let long = "Patients describe the first weeks on injectable therapy as confusing, \
                because the pen, the dose steps and the follow-up visits are explained \
                by three different people who do not talk to each other";
    add_card(&mut map, "stage-2", "pain_points", long).unwrap();
    add_card(
        &mut map,
        "stage-2",
        "pain_points",
        &"很长的中文文本".repeat(20),
    )
    .unwrap();
    let layout = layout_of(&map, &[]);
    for card in &layout.cards {
        assert_eq!(card.lines.len(), 4, "{:?}", card.lines);
        assert!(card.lines[3].ends_with('…'), "{:?}", card.lines);
        assert!(card.lines[..3].iter().all(|line| !line.ends_with('…')));
        assert_eq!(card.rect.height, 4.0 * 18.0 + 16.0);
        for line in &card.lines {
            assert!(estimate_text_width(line, 14.0) <= card.rect.width - 16.0);
        }
    }
    let english = box_of(&layout, 0).unwrap();
    assert!(english.lines[0].starts_with("Patients describe"));
    assert!(english.lines.iter().all(|line| !line.starts_with(' ')));
}

#[test]
fn chinese_text_wraps_without_spaces() {
    let mut map = new_journey_map("j-1".into(), "中文".into(), true);
    let text = "药房缺货时患者需要跑三家药店才能买到处方药";
    add_card(&mut map, "stage-3", "pain_points", text).unwrap();
    let layout = layout_of(&map, &[]);
    let card = &layout.cards[0];
    // 21 full-width characters at 14 units do not fit in 168: two lines, nothing lost.
    assert_eq!(card.lines.len(), 2, "{:?}", card.lines);
    assert_eq!(card.lines.concat(), text);
    assert_eq!(card.lines[0].chars().count(), 12);
    assert_eq!(card.rect.height, 2.0 * 18.0 + 16.0);
    // Chinese stage names wrap in the header too.
    for column in &layout.columns {
        assert!(!column.title_lines.is_empty() && column.title_lines.len() <= 2);
    }
}

#[test]
fn titles_wrap_to_their_column_and_are_cut() {
    let mut map = new_journey_map("j-1".into(), "Titles".into(), false);
    map.stages[0].name =
        "Symptoms, awareness and the long search for someone who takes them seriously".into();
    let lane_titles: Vec<String> = map
        .lanes
        .iter()
        .map(|_| "A very long lane title that needs more than three lines to say it".into())
        .collect();
    let layout = journey_layout(&JourneyLayoutInput {
        map: &map,
        entered: &[],
        lane_titles: &lane_titles,
    });
    let stage = &layout.columns[0].title_lines;
    assert_eq!(stage.len(), 2);
    assert!(stage[1].ends_with('…'));
    assert!(stage
        .iter()
        .all(|line| estimate_text_width(line, 14.0) <= 200.0 - 16.0));
    for row in &layout.lanes {
        assert_eq!(row.title_lines.len(), 3);
        assert!(row.title_lines[2].ends_with('…'));
        assert!(row
            .title_lines
            .iter()
            .all(|line| estimate_text_width(line, 14.0) <= layout.header_width - 16.0));
        assert!(row.height >= 3.0 * 18.0 + 16.0);
    }
    assert_eq!(layout.stage_header.height, 2.0 * 18.0 + 20.0);
}

#[test]
fn columns_have_equal_widths_and_gaps() {
    let layout = layout_of(&big_map(), &[]);
    assert_eq!(layout.columns.len(), 12);
    assert!(layout.columns[0].x >= layout.header_width);
    for (index, column) in layout.columns.iter().enumerate() {
        assert_eq!(column.stage_index, index);
        assert_eq!(column.width, 200.0);
        assert_eq!(column.centre_x, column.x + 100.0);
    }
    for pair in layout.columns.windows(2) {
        assert_eq!(pair[1].x - (pair[0].x + pair[0].width), 12.0);
    }
}

#[test]
fn the_drawing_contains_every_element() {
    let mut map = big_map();
    for stage in 0..map.stages.len() {
        set_emotion(&mut map, stage, Some(stage as f64 / 3.0 - 2.0));
    }
    let entered: Vec<Option<u64>> = (0..12)
        .map(|stage| (stage != 7).then_some(5000 - stage * 350))
        .collect();
    let layout = layout_of(&map, &entered);
    let whole = Rect {
        x: 0.0,
        y: 0.0,
        width: layout.width,
        height: layout.height,
    };
    assert!(contains(&whole, &layout.stage_header));
    assert!(contains(&whole, &layout.flow.row));
    for column in &layout.columns {
        let rect = Rect {
            x: column.x,
            y: 0.0,
            width: column.width,
            height: layout.height,
        };
        assert!(contains(&whole, &rect));
    }
    for row in &layout.lanes {
        assert!(row.y >= 0.0 && row.y + row.height <= layout.height);
    }
    for card in &layout.cards {
        assert!(contains(&whole, &card.rect));
    }
    for bar in layout.flow.bars.iter().flatten() {
        assert!(contains(&whole, bar));
    }
    for link in layout.flow.links.iter().flatten() {
        for point in link {
            assert!(point.x >= 0.0 && point.x <= layout.width);
            assert!(point.y >= 0.0 && point.y <= layout.height);
        }
    }
    let curve = layout.emotion.as_ref().unwrap();
    assert!(contains(&whole, &curve.area));
    assert_eq!(curve.points.len(), 12);
    for (_, point) in &curve.points {
        assert!(point.y >= curve.top_y && point.y <= curve.bottom_y);
    }
    // Right and bottom margins of 16.
    let last = layout.columns.last().unwrap();
    assert_eq!(layout.width, last.x + last.width + 16.0);
    let bottom = layout.lanes.last().unwrap();
    assert_eq!(layout.height, bottom.y + bottom.height + 16.0);
}
