//! The swimlane journey map written as one SVG document (a string): stage titles, the patient flow band, lanes, cards, the emotion curve and a legend.
//!
//! The map is written as markup rather than built element by element because a 12 × 8 × 5 map
//! has about 4,000 elements: building them one call at a time from wasm took 65 ms in Chromium,
//! while the browser's own parser takes a fraction of that (figures in the README). Every text
//! from the user or a file goes through [`escape_xml`], so a card cannot inject markup.
//! Clickable parts carry `data-select` (`stage`, `card` or `cell`) and their ids; the page
//! listens to clicks on the container and marks the selected part with a CSS class, so a
//! selection redraws nothing and never shows in an exported file.

use std::fmt::Write;

use super::funnel_geometry::svg_number;
use super::journey_layout::{EmotionCurve, JourneyLayout, Point};
use super::palette::{
    GRID_COLOUR, HIGHLIGHT_COLOUR, MUTED_TEXT_COLOUR, PRIMARY_COLOUR, TEXT_COLOUR,
};
use super::text::truncate_to_width;
use crate::domain::journey::metrics::JourneyMetrics;
use crate::domain::journey::model::{JourneyMap, LaneKind, Severity};

/// Room above the layout for the map's title, and below it for the legend.
pub const TITLE_HEIGHT: f64 = 56.0;
pub const LEGEND_HEIGHT: f64 = 64.0;
const CARD_FILL: &str = "#FFFFFF";
const CARD_STROKE: &str = "#B6BEC8";
const LANE_FILL: [&str; 2] = ["#F6F8FA", "#FFFFFF"];
const FLOW_COLOUR: &str = "#56B4E9";
pub const EMOTION_COLOUR: &str = "#CC79A7";
/// The fonts of every chart text: the system UI font, then common Chinese fonts.
const FONT_FAMILY: &str =
    "system-ui, &apos;PingFang SC&apos;, &apos;Microsoft YaHei&apos;, &apos;WenQuanYi Micro Hei&apos;, sans-serif";

/// The words the drawing needs, already in the UI's language.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneySvgTexts {
    pub flow_lane: String,
    pub entered: String,
    pub emotion: String,
    pub severity: String,
    pub severity_high: String,
    pub severity_medium: String,
    pub severity_low: String,
    pub legend_flow: String,
    pub legend_emotion: String,
    pub legend_severity: String,
}

/// Everything the drawing shows besides the map and its layout.
#[derive(Clone)]
pub struct JourneySvgInput<'a> {
    pub map: &'a JourneyMap,
    pub metrics: Option<&'a JourneyMetrics>,
    pub layout: &'a JourneyLayout,
    /// The label of each stage's link ("Funnel step: Trial"), same order as the stages.
    pub link_labels: &'a [Option<String>],
    pub texts: &'a JourneySvgTexts,
    /// Formats a patient count and a share in the UI's language.
    pub format_count: &'a dyn Fn(u64) -> String,
    pub format_share: &'a dyn Fn(f64) -> String,
}

/// Escapes text for XML text and attribute values alike.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0; a file may still carry them.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A smooth path through the points (Catmull–Rom turned into cubic Béziers), so the emotion
/// curve reads as a curve and still passes through every stage's score.
pub fn smooth_path(points: &[Point]) -> String {
    let mut path = String::new();
    for (index, point) in points.iter().enumerate() {
        if index == 0 {
            let _ = write!(path, "M{} {}", svg_number(point.x), svg_number(point.y));
            continue;
        }
        let before = points[index.saturating_sub(2)];
        let start = points[index - 1];
        let after = points.get(index + 1).copied().unwrap_or(*point);
        let control_1 = (
            start.x + (point.x - before.x) / 6.0,
            start.y + (point.y - before.y) / 6.0,
        );
        let control_2 = (
            point.x - (after.x - start.x) / 6.0,
            point.y - (after.y - start.y) / 6.0,
        );
        let _ = write!(
            path,
            " C{} {} {} {} {} {}",
            svg_number(control_1.0),
            svg_number(control_1.1),
            svg_number(control_2.0),
            svg_number(control_2.1),
            svg_number(point.x),
            svg_number(point.y)
        );
    }
    path
}

/// Splits points into runs of consecutive stages, so a stage without a score breaks the line.
pub fn consecutive_runs(points: &[(usize, Point)]) -> Vec<Vec<Point>> {
    let mut runs: Vec<Vec<Point>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (stage, point) in points {
        if previous.is_none_or(|previous| previous + 1 != *stage) {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(*point);
        }
        previous = Some(*stage);
    }
    runs
}

/// The colour of a pain point's severity stripe; the number of dots says it again for every
/// kind of colour vision and in black-and-white print.
pub fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "#D55E00",
        Severity::Medium => "#E69F00",
        Severity::Low => "#56B4E9",
    }
}

fn severity_dots(severity: Severity) -> usize {
    match severity {
        Severity::High => 3,
        Severity::Medium => 2,
        Severity::Low => 1,
    }
}

/// A score as "+1.5", "0" or "−0.5" (a true minus sign, as in the rest of the app).
pub fn signed_score(score: f64) -> String {
    if score > 0.0 {
        format!("+{score:.1}")
    } else if score < 0.0 {
        format!("−{:.1}", -score)
    } else {
        "0".to_string()
    }
}

fn n(value: f64) -> String {
    svg_number(value)
}

fn write_curve(out: &mut String, curve: &EmotionCurve, texts: &JourneySvgTexts) {
    let left = curve.area.x;
    let right = curve.area.x + curve.area.width;
    let _ = write!(
        out,
        r#"<g data-testid="journey-emotion-curve"><line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{GRID_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
        n(left),
        n(right),
        n(curve.zero_y),
        n(curve.zero_y)
    );
    for (y, label) in [
        (curve.top_y, "+2"),
        (curve.zero_y, "0"),
        (curve.bottom_y, "−2"),
    ] {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{MUTED_TEXT_COLOUR}">{label}</text>"#,
            n(left - 6.0),
            n(y + 4.0)
        );
    }
    for run in consecutive_runs(&curve.points) {
        let _ = write!(
            out,
            r#"<path d="{}" fill="none" stroke="{EMOTION_COLOUR}" stroke-width="3.5" stroke-linecap="round"/>"#,
            smooth_path(&run)
        );
    }
    let unit = (curve.zero_y - curve.top_y) / 2.0;
    for (stage, point) in &curve.points {
        let score = if unit > 0.0 {
            (curve.zero_y - point.y) / unit
        } else {
            0.0
        };
        let label = signed_score((score * 2.0).round() / 2.0);
        let _ = write!(
            out,
            r##"<g data-testid="journey-emotion-point" data-stage-index="{stage}"><title>{}: {label}</title><circle cx="{}" cy="{}" r="6" fill="{EMOTION_COLOUR}" stroke="#FFFFFF" stroke-width="2"/><text x="{}" y="{}" font-size="12" fill="{TEXT_COLOUR}">{label}</text></g>"##,
            escape_xml(&texts.emotion),
            n(point.x),
            n(point.y),
            n(point.x + 10.0),
            n(point.y - 8.0)
        );
    }
    out.push_str("</g>");
}

fn write_lanes(out: &mut String, input: &JourneySvgInput<'_>) {
    let layout = input.layout;
    for (row, lane_row) in layout.lanes.iter().enumerate() {
        let lane = &input.map.lanes[lane_row.lane_index];
        let _ = write!(
            out,
            r#"<g data-testid="journey-lane" data-lane-id="{}"><rect x="0" y="{}" width="{}" height="{}" fill="{}"/><line x1="0" x2="{}" y1="{}" y2="{}" stroke="{GRID_COLOUR}" stroke-width="1"/>"#,
            escape_xml(&lane.id),
            n(lane_row.y),
            n(layout.width),
            n(lane_row.height),
            LANE_FILL[row % 2],
            n(layout.width),
            n(lane_row.y),
            n(lane_row.y)
        );
        for (line, title) in lane_row.title_lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="12" y="{}" font-size="{}" font-weight="700" fill="{TEXT_COLOUR}">{}</text>"#,
                n(lane_row.y + 22.0 + line as f64 * layout.line_height),
                n(layout.font_size),
                escape_xml(title)
            );
        }
        out.push_str("</g>");
    }
    // Empty spots of each cell take a click to add a card there.
    for lane_row in &layout.lanes {
        let lane_id = escape_xml(&input.map.lanes[lane_row.lane_index].id);
        for column in &layout.columns {
            let stage = &input.map.stages[column.stage_index];
            let _ = write!(
                out,
                r#"<rect class="journey-cell" data-testid="journey-cell" data-select="cell" data-stage-id="{}" data-lane-id="{lane_id}" x="{}" y="{}" width="{}" height="{}" rx="6" fill="transparent"/>"#,
                escape_xml(&stage.id),
                n(column.x),
                n(lane_row.y + 2.0),
                n(column.width),
                n((lane_row.height - 4.0).max(0.0))
            );
        }
    }
}

fn write_stage_headers(out: &mut String, input: &JourneySvgInput<'_>) {
    let layout = input.layout;
    let header = layout.stage_header;
    for column in &layout.columns {
        let stage = &input.map.stages[column.stage_index];
        let _ = write!(
            out,
            r#"<g class="journey-stage" data-testid="journey-stage" data-select="stage" data-stage-id="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{PRIMARY_COLOUR}"/>"#,
            escape_xml(&stage.id),
            escape_xml(&stage.name),
            n(column.x),
            n(header.y + 4.0),
            n(column.width),
            n((header.height - 8.0).max(0.0))
        );
        for (line, title) in column.title_lines.iter().enumerate() {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="{}" font-weight="700" text-anchor="middle" fill="#FFFFFF">{}</text>"##,
                n(column.centre_x),
                n(header.y + 24.0 + line as f64 * (layout.line_height + 2.0)),
                n(layout.font_size + 2.0),
                escape_xml(title)
            );
        }
        out.push_str("</g>");
    }
}

fn write_flow(out: &mut String, input: &JourneySvgInput<'_>) {
    let layout = input.layout;
    let flow = &layout.flow;
    let stage_figures = |index: usize| input.metrics.and_then(|metrics| metrics.stages.get(index));
    let _ = write!(
        out,
        r#"<g data-testid="journey-flow"><text x="12" y="{}" font-size="{}" font-weight="700" fill="{TEXT_COLOUR}">{}</text>"#,
        n(flow.row.y + 22.0),
        n(layout.font_size),
        escape_xml(&input.texts.flow_lane)
    );
    for (index, link) in flow.links.iter().enumerate() {
        let Some(link) = link else { continue };
        let points = link
            .iter()
            .map(|point| format!("{},{}", n(point.x), n(point.y)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            out,
            r#"<polygon points="{points}" fill="{FLOW_COLOUR}" fill-opacity="0.35"/>"#
        );
        // Written on the band, half way between the two bars, with a white halo so it reads on
        // the band and on the page alike.
        if let Some(drop_off) = stage_figures(index).and_then(|figures| figures.drop_off.as_ref()) {
            let largest = input
                .metrics
                .is_some_and(|m| m.largest_drop_off == Some(index));
            let middle_x = (link[0].x + link[1].x) / 2.0;
            let middle_y = link.iter().map(|point| point.y).sum::<f64>() / 4.0;
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="13" font-weight="{}" text-anchor="middle" fill="{}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke" data-testid="journey-drop-off">−{}</text>"##,
                n(middle_x),
                n(middle_y + 4.5),
                if largest { "700" } else { "400" },
                if largest {
                    HIGHLIGHT_COLOUR
                } else {
                    TEXT_COLOUR
                },
                escape_xml(&(input.format_share)(drop_off.share))
            );
        }
    }
    for (index, bar) in flow.bars.iter().enumerate() {
        let (Some(bar), Some(entered)) = (bar, stage_figures(index).and_then(|f| f.entered)) else {
            continue;
        };
        let count = escape_xml(&(input.format_count)(entered));
        let _ = write!(
            out,
            r#"<g data-testid="journey-flow-bar" data-stage-index="{index}"><title>{}: {count}</title><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{PRIMARY_COLOUR}"/><text x="{}" y="{}" font-size="13" font-weight="700" fill="{TEXT_COLOUR}">{count}</text></g>"#,
            escape_xml(&input.texts.entered),
            n(bar.x),
            n(bar.y),
            n(bar.width),
            n(bar.height.max(1.0)),
            n(bar.x + bar.width + 6.0),
            n(flow.row.y + 16.0)
        );
    }
    // Links to the HCP side sit in the flow row, under the drop-off they may explain.
    for column in &layout.columns {
        let Some(Some(link)) = input.link_labels.get(column.stage_index) else {
            continue;
        };
        let label = truncate_to_width(&format!("↗ {link}"), 12.0, column.width - 8.0);
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{MUTED_TEXT_COLOUR}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke" data-testid="journey-stage-link-label">{}</text>"##,
            n(column.centre_x),
            n(flow.row.y + flow.row.height - 4.0),
            escape_xml(&label)
        );
    }
    out.push_str("</g>");
}

fn write_cards(out: &mut String, input: &JourneySvgInput<'_>) {
    let layout = input.layout;
    let texts = input.texts;
    for card_box in &layout.cards {
        let card = &input.map.cards[card_box.card_index];
        let rect = card_box.rect;
        let tooltip = match card.severity {
            Some(severity) => format!(
                "{} ({}: {})",
                card.text,
                texts.severity,
                match severity {
                    Severity::High => &texts.severity_high,
                    Severity::Medium => &texts.severity_medium,
                    Severity::Low => &texts.severity_low,
                }
            ),
            None => card.text.clone(),
        };
        let _ = write!(
            out,
            r#"<g class="journey-card" data-testid="journey-card" data-select="card" data-card-id="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{CARD_FILL}" stroke="{CARD_STROKE}" stroke-width="1"/>"#,
            escape_xml(&card.id),
            escape_xml(&tooltip),
            n(rect.x),
            n(rect.y),
            n(rect.width),
            n(rect.height)
        );
        if let Some(severity) = card.severity {
            let colour = severity_colour(severity);
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="5" height="{}" rx="2" fill="{colour}"/>"#,
                n(rect.x),
                n(rect.y),
                n(rect.height)
            );
            for dot in 0..severity_dots(severity) {
                let _ = write!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="2.5" fill="{colour}"/>"#,
                    n(rect.x + rect.width - 8.0 - dot as f64 * 8.0),
                    n(rect.y + rect.height - 5.0)
                );
            }
        }
        for (line, content) in card_box.lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" fill="{TEXT_COLOUR}">{}</text>"#,
                n(rect.x + 10.0),
                n(rect.y + 8.0 + layout.font_size + line as f64 * layout.line_height),
                n(layout.font_size),
                escape_xml(content)
            );
        }
        out.push_str("</g>");
    }
}

fn write_legend(out: &mut String, input: &JourneySvgInput<'_>) {
    let layout = input.layout;
    let texts = input.texts;
    let y = layout.height + 24.0;
    let has_emotions = input
        .map
        .lanes
        .iter()
        .any(|lane| lane.kind == LaneKind::Emotions && !lane.hidden);
    let _ = write!(
        out,
        r#"<g data-testid="journey-legend" font-size="13" fill="{TEXT_COLOUR}"><rect x="12" y="{}" width="28" height="14" fill="{FLOW_COLOUR}" fill-opacity="0.6"/><text x="48" y="{}">{}</text>"#,
        n(y - 12.0),
        n(y),
        escape_xml(&texts.legend_flow)
    );
    if has_emotions {
        let _ = write!(
            out,
            r#"<line x1="12" x2="40" y1="{}" y2="{}" stroke="{EMOTION_COLOUR}" stroke-width="3.5"/><text x="48" y="{}">{}</text>"#,
            n(y + 21.0),
            n(y + 21.0),
            n(y + 26.0),
            escape_xml(&texts.legend_emotion)
        );
    }
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="5" height="14" fill="{}"/><text x="{}" y="{}">{}</text></g>"#,
        n(layout.width / 2.0),
        n(y - 12.0),
        severity_colour(Severity::High),
        n(layout.width / 2.0 + 12.0),
        n(y),
        escape_xml(&texts.legend_severity)
    );
}

/// The whole map as a standalone SVG document, drawn at its natural size.
pub fn journey_map_svg(input: &JourneySvgInput<'_>) -> String {
    let layout = input.layout;
    let width = layout.width;
    let height = layout.height + TITLE_HEIGHT + LEGEND_HEIGHT;
    let map = input.map;
    let subtitle = [map.disease_area.as_str(), map.patient_segment.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    // About 400 bytes per card and as much again for the rest.
    let mut out = String::with_capacity(4_096 + layout.cards.len() * 800);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="journey-map-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="journey-map-title" font-family="{FONT_FAMILY}" data-testid="journey-map-svg"><title id="journey-map-title">{name}</title><rect x="0" y="0" width="100%" height="100%" fill="#FFFFFF"/><text x="12" y="28" font-size="22" font-weight="700" fill="{TEXT_COLOUR}" data-testid="journey-map-title">{name}</text><text x="12" y="48" font-size="14" fill="{MUTED_TEXT_COLOUR}">{subtitle}</text><g transform="translate(0 {top})">"##,
        w = n(width),
        h = n(height),
        name = escape_xml(&map.name),
        subtitle = escape_xml(&subtitle),
        top = n(TITLE_HEIGHT)
    );
    write_lanes(&mut out, input);
    write_stage_headers(&mut out, input);
    write_flow(&mut out, input);
    if let Some(curve) = &layout.emotion {
        write_curve(&mut out, curve, input.texts);
    }
    write_cards(&mut out, input);
    write_legend(&mut out, input);
    out.push_str("</g></svg>");
    out
}
