//! The journey map written as SVG text: well-formed, hostile text kept as text, every stage and card drawn and clickable.

use omnirx_core::domain::chart::journey_layout::{journey_layout, JourneyLayoutInput};
use omnirx_core::domain::chart::journey_svg::{
    escape_xml, journey_map_svg, JourneySvgInput, JourneySvgTexts,
};
use omnirx_core::domain::journey::editing::{add_card, new_journey_map};
use omnirx_core::domain::journey::model::JourneyMap;
use omnirx_core::domain::journey::{journey_metrics, JourneyMetrics};

fn texts() -> JourneySvgTexts {
    let t = |s: &str| s.to_string();
    JourneySvgTexts {
        flow_lane: t("Patient flow"),
        entered: t("Patients entering"),
        emotion: t("Emotion"),
        severity: t("Severity"),
        severity_high: t("High"),
        severity_medium: t("Medium"),
        severity_low: t("Low"),
        legend_flow: t("Band width = patients"),
        legend_emotion: t("Emotion curve"),
        legend_severity: t("Pain point severity"),
    }
}

fn draw(map: &JourneyMap, metrics: Option<&JourneyMetrics>) -> String {
    let entered: Vec<Option<u64>> = (0..map.stages.len())
        .map(|index| metrics.and_then(|m| m.stages.get(index)?.entered))
        .collect();
    let lane_titles: Vec<String> = map.lanes.iter().map(|lane| lane.id.clone()).collect();
    let layout = journey_layout(&JourneyLayoutInput {
        map,
        entered: &entered,
        lane_titles: &lane_titles,
    });
    let link_labels = vec![None; map.stages.len()];
    journey_map_svg(&JourneySvgInput {
        map,
        metrics,
        layout: &layout,
        link_labels: &link_labels,
        texts: &texts(),
        format_count: &|count| count.to_string(),
        format_share: &|share| format!("{:.0}%", share * 100.0),
    })
}

fn demo_map() -> JourneyMap {
    omnirx_core::domain::journey::demo_maps::demo_journeys(
        false,
        omnirx_core::domain::time::Month::new(2026, 10).unwrap(),
        18,
    )
    .into_iter()
    .next()
    .unwrap()
}

#[test]
fn the_demo_map_is_well_formed_svg_with_every_stage_and_card() {
    let map = demo_map();
    let metrics = journey_metrics(&map, None);
    let svg = draw(&map, Some(&metrics));
    let document = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let with_test_id = |id: &str| {
        document
            .descendants()
            .filter(|node| node.attribute("data-testid") == Some(id))
            .count()
    };
    assert_eq!(with_test_id("journey-stage"), map.stages.len());
    assert_eq!(with_test_id("journey-card"), map.cards.len());
    assert_eq!(with_test_id("journey-flow-bar"), map.stages.len());
    assert_eq!(with_test_id("journey-drop-off"), map.stages.len() - 1);
    assert_eq!(
        with_test_id("journey-emotion-point"),
        map.stages
            .iter()
            .filter(|stage| stage.emotion.is_some())
            .count()
    );
    for stage in &map.stages {
        assert!(
            svg.contains(&escape_xml(&stage.name))
                || svg.contains(&stage.name[..stage.name.len().min(10)])
        );
    }
}

#[test]
fn hostile_card_text_stays_text() {
    let mut map = new_journey_map("j".into(), "<b>Map</b> & \"co\"".into(), false);
    add_card(
        &mut map,
        "stage-1",
        "touchpoints",
        "<script>alert(1)</script> & 'x' \u{1}",
    )
    .unwrap();
    let svg = draw(&map, None);
    let document = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(
        !document
            .descendants()
            .any(|node| matches!(node.tag_name().name(), "script" | "b")),
        "text became markup"
    );
    let card_title = document
        .descendants()
        .find(|node| node.attribute("data-testid") == Some("journey-card"))
        .and_then(|card| {
            card.children()
                .find(|child| child.tag_name().name() == "title")
        })
        .and_then(|title| title.text())
        .unwrap();
    // The control character, which XML cannot carry, is drawn as a space.
    assert_eq!(card_title, "<script>alert(1)</script> & 'x'  ");
    assert_eq!(escape_xml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
}

#[test]
fn clickable_parts_name_what_they_select() {
    let mut map = new_journey_map("j".into(), "Map".into(), false);
    add_card(&mut map, "stage-1", "kpis", "x").unwrap();
    let svg = draw(&map, None);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let count = |kind: &str| {
        document
            .descendants()
            .filter(|node| node.attribute("data-select") == Some(kind))
            .count()
    };
    assert_eq!(count("stage"), 6);
    assert_eq!(count("card"), 1);
    assert_eq!(count("cell"), 6 * 7);
}
