//! Prints how long journey maps take natively on a big map, 12 stages × 8 lanes (7 standard + 1
//! added) × 5 cards per cell = 480 cards with mixed English and Chinese texts and two years of
//! cohort counts: the swimlane layout, median and slowest of many runs
//! (`cargo bench --bench journeys`). Each figure has its own function returning a [`Figure`].

use std::time::Instant;

use omnirx_core::domain::chart::journey_layout::{journey_layout, JourneyLayoutInput};
use omnirx_core::domain::journey::editing::{
    add_card, add_lane, add_stage, new_journey_map, set_emotion,
};
use omnirx_core::domain::journey::model::{JourneyMap, StageMonth};
use omnirx_core::domain::time::Month;

#[allow(dead_code)]
#[path = "support/timing.rs"]
mod timing;

use timing::median;

/// Layout takes well under a millisecond, so many runs give a steady median and an honest maximum.
const RUNS: usize = 501;
const WARM_UP: usize = 20;

const STAGES: usize = 12;
const CARDS_PER_CELL: usize = 5;
const COHORT_MONTHS: i64 = 24;

/// Card texts of the kinds teams write: short labels, sentences, long notes, Chinese and mixed.
const TEXTS: [&str; 12] = [
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
    "复诊",
    "Specialist referral takes six to eight weeks in most provinces, longer outside the big cities",
];

/// One printed figure: the median and slowest of its runs.
struct Figure {
    name: &'static str,
    median_ms: f64,
    max_ms: f64,
}

/// Wall times of `runs` runs of `work` (after a few unmeasured ones), in milliseconds.
fn samples_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> Vec<f64> {
    for _ in 0..WARM_UP {
        std::hint::black_box(work());
    }
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed().as_secs_f64() * 1_000.0
        })
        .collect()
}

fn figure<T>(name: &'static str, work: impl FnMut() -> T) -> Figure {
    let samples = samples_ms(RUNS, work);
    let max_ms = samples.iter().copied().fold(0.0, f64::max);
    Figure {
        name,
        median_ms: median(samples),
        max_ms,
    }
}

/// 12 stages × 8 lanes × 5 cards, emotion scores on most stages, and 24 months of cohort counts
/// that shrink along the journey.
fn big_map() -> JourneyMap {
    let mut map = new_journey_map("j-bench".into(), "Type 2 diabetes".into(), false);
    while map.stages.len() < STAGES {
        let after = map.stages.len() - 1;
        let name = format!("Follow-up visit {}", map.stages.len() - 5);
        add_stage(&mut map, Some(after), name).unwrap();
    }
    add_lane(&mut map, "Caregiver".into()).unwrap();
    for stage in 0..STAGES {
        let score = (stage % 3 != 2).then_some(((stage * 5) % 9) as f64 / 2.0 - 2.0);
        set_emotion(&mut map, stage, score);
    }
    let stage_ids: Vec<String> = map.stages.iter().map(|stage| stage.id.clone()).collect();
    let lane_ids: Vec<String> = map.lanes.iter().map(|lane| lane.id.clone()).collect();
    for round in 0..CARDS_PER_CELL {
        for (lane_number, lane_id) in lane_ids.iter().enumerate() {
            for (stage_number, stage_id) in stage_ids.iter().enumerate() {
                let text = TEXTS[(stage_number * 7 + lane_number * 3 + round * 5) % TEXTS.len()];
                add_card(&mut map, stage_id, lane_id, text).unwrap();
            }
        }
    }
    let first = Month::new(2024, 1).unwrap().index();
    for (stage_number, stage_id) in stage_ids.iter().enumerate() {
        for offset in 0..COHORT_MONTHS {
            map.cohort.push(StageMonth {
                stage_id: stage_id.clone(),
                month: Month::from_index(first + offset),
                entered: 2_000 - stage_number as u64 * 140 + (offset as u64 * 37) % 90,
                median_days_in_stage: Some(10.0 + stage_number as f64 * 3.0),
                outcomes: None,
            });
        }
    }
    map
}

/// Patients entering each stage over all months (what the UI passes to the layout).
fn entered_per_stage(map: &JourneyMap) -> Vec<Option<u64>> {
    map.stages
        .iter()
        .map(|stage| {
            let rows = map.cohort.iter().filter(|row| row.stage_id == stage.id);
            rows.clone()
                .next()
                .map(|_| rows.map(|row| row.entered).sum())
        })
        .collect()
}

fn lane_titles(map: &JourneyMap) -> Vec<String> {
    map.lanes
        .iter()
        .map(|lane| match lane.name.as_str() {
            "" => lane.kind.as_str().replace('_', " "),
            name => name.to_string(),
        })
        .collect()
}

/// The swimlane layout of the whole map (columns, flow band, lanes, 480 cards, emotion curve).
fn layout_figure(map: &JourneyMap) -> Figure {
    let entered = entered_per_stage(map);
    let titles = lane_titles(map);
    let input = JourneyLayoutInput {
        map,
        entered: &entered,
        lane_titles: &titles,
    };
    figure("layout", || journey_layout(&input))
}

/// The stage metrics of the whole map (entrants, drop-off, median days over every cohort row).
fn metrics_figure(map: &JourneyMap) -> Figure {
    figure("metrics", || {
        omnirx_core::domain::journey::journey_metrics(map, None)
    })
}

/// The layout and the SVG text the page hands to the browser, together: the wasm side of a redraw.
fn svg_figure(map: &JourneyMap) -> Figure {
    use omnirx_core::domain::chart::journey_svg::{
        journey_map_svg, JourneySvgInput, JourneySvgTexts,
    };
    let entered = entered_per_stage(map);
    let titles = lane_titles(map);
    let metrics = omnirx_core::domain::journey::journey_metrics(map, None);
    let words = |text: &str| text.to_string();
    let texts = JourneySvgTexts {
        flow_lane: words("Patient flow"),
        entered: words("Patients entering"),
        emotion: words("Emotion"),
        severity: words("Severity"),
        severity_high: words("High"),
        severity_medium: words("Medium"),
        severity_low: words("Low"),
        legend_flow: words("Band width = patients entering the stage"),
        legend_emotion: words("Emotion curve"),
        legend_severity: words("Pain point severity"),
    };
    let link_labels = vec![None; map.stages.len()];
    figure("layout+svg", || {
        let layout = journey_layout(&JourneyLayoutInput {
            map,
            entered: &entered,
            lane_titles: &titles,
        });
        journey_map_svg(&JourneySvgInput {
            map,
            metrics: Some(&metrics),
            layout: &layout,
            link_labels: &link_labels,
            texts: &texts,
            format_count: &|count| count.to_string(),
            format_share: &|share| format!("{:.0}%", share * 100.0),
        })
        .len()
    })
}

fn main() {
    let map = big_map();
    println!(
        "map: {} stages × {} lanes, {} cards, {} cohort rows",
        map.stages.len(),
        map.lanes.len(),
        map.cards.len(),
        map.cohort.len()
    );
    let figures = [layout_figure(&map), metrics_figure(&map), svg_figure(&map)];
    println!("{:<10} {:>12} {:>12}", "figure", "median ms", "max ms");
    for figure in &figures {
        println!(
            "{:<10} {:>12.3} {:>12.3}",
            figure.name, figure.median_ms, figure.max_ms
        );
    }
    println!("(median and slowest of {RUNS} runs after {WARM_UP} unmeasured ones)");
}
