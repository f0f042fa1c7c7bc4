//! Geometry of the journey swimlane map: stage columns, lane rows, cards, the emotion curve and the patient flow band.
//!
//! Pure and deterministic: the SVG component only maps these numbers to elements, and tests
//! check the rules (no overlapping cards, curve points at stage centres, band heights that follow
//! the number of patients).

use std::sync::OnceLock;

use super::text::{char_width_em, estimate_text_width, truncate_to_width};
use crate::domain::journey::model::{JourneyMap, LaneKind, EMOTION_MAX, EMOTION_MIN};

/// Text size and line spacing: the map is shown on projectors, so nothing smaller.
pub const FONT_SIZE: f64 = 14.0;
pub const LINE_HEIGHT: f64 = 18.0;
/// The column of lane titles; titles are wrapped to it less [`CARD_PADDING`] on each side.
pub const HEADER_WIDTH: f64 = 150.0;
/// Every stage column has this width; columns are [`COLUMN_GAP`] apart, and the first is
/// [`COLUMN_GAP`] right of the lane titles.
pub const COLUMN_WIDTH: f64 = 200.0;
pub const COLUMN_GAP: f64 = 12.0;
/// Room right of the last column and under the last lane.
pub const MARGIN: f64 = 16.0;
/// Padding around a cell's cards and inside a card; the gap between stacked cards.
pub const CARD_PADDING: f64 = 8.0;
pub const CARD_GAP: f64 = 6.0;
/// A card fills its column less the padding on both sides.
pub const CARD_WIDTH: f64 = COLUMN_WIDTH - 2.0 * CARD_PADDING;
pub const CARD_MAX_LINES: usize = 4;
pub const STAGE_TITLE_MAX_LINES: usize = 2;
pub const LANE_TITLE_MAX_LINES: usize = 3;
/// The stage title row: two lines and padding.
pub const STAGE_HEADER_PADDING: f64 = 10.0;
pub const STAGE_HEADER_HEIGHT: f64 =
    STAGE_TITLE_MAX_LINES as f64 * LINE_HEIGHT + 2.0 * STAGE_HEADER_PADDING;
/// The patient flow row; its tallest bar leaves [`FLOW_PADDING`] above and below.
pub const FLOW_ROW_HEIGHT: f64 = 90.0;
pub const FLOW_PADDING: f64 = 10.0;
pub const FLOW_BAR_WIDTH: f64 = 24.0;
/// The lowest lane (also tall enough for its title lines).
pub const MIN_LANE_HEIGHT: f64 = 56.0;
/// The emotion curve's area at the top of the emotions lane, and the inset of the ±2 lines in it.
pub const EMOTION_AREA_HEIGHT: f64 = 110.0;
pub const EMOTION_INSET: f64 = 12.0;

/// What the layout needs besides the map: texts already in the UI's language.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyLayoutInput<'a> {
    pub map: &'a JourneyMap,
    /// Patients entering each stage (same order as `map.stages`); `None` where unknown.
    pub entered: &'a [Option<u64>],
    /// The title of each lane (same order as `map.lanes`).
    pub lane_titles: &'a [String],
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StageColumn {
    pub stage_index: usize,
    pub x: f64,
    pub width: f64,
    pub centre_x: f64,
    /// The stage name wrapped to the column.
    pub title_lines: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LaneRow {
    /// Index in `map.lanes`; hidden lanes get no row.
    pub lane_index: usize,
    pub y: f64,
    pub height: f64,
    pub title_lines: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CardBox {
    /// Index in `map.cards`.
    pub card_index: usize,
    pub rect: Rect,
    /// The text wrapped to the card; the last line ends with "…" when the text was cut.
    pub lines: Vec<String>,
}

/// The flow of patients: one bar per stage whose height follows its entrants, joined by bands.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowBand {
    /// The bar of each stage with known entrants (same order as the stages).
    pub bars: Vec<Option<Rect>>,
    /// Between stage i and i + 1 when both are known: the polygon from bar i to bar i + 1.
    pub links: Vec<Option<[Point; 4]>>,
    /// The row the flow is drawn in.
    pub row: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EmotionCurve {
    /// The area the curve is drawn in (inside the emotions lane).
    pub area: Rect,
    /// The y of scores +2, 0 and −2.
    pub top_y: f64,
    pub zero_y: f64,
    pub bottom_y: f64,
    /// One point per stage with a score, at the stage's centre.
    pub points: Vec<(usize, Point)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JourneyLayout {
    pub width: f64,
    pub height: f64,
    pub font_size: f64,
    pub line_height: f64,
    /// The column of lane titles on the left.
    pub header_width: f64,
    /// The row of stage titles at the top.
    pub stage_header: Rect,
    pub columns: Vec<StageColumn>,
    pub flow: FlowBand,
    pub lanes: Vec<LaneRow>,
    pub cards: Vec<CardBox>,
    /// `None` without a visible emotions lane.
    pub emotion: Option<EmotionCurve>,
}

/// Lays out the whole map.
///
/// Cards are wrapped once each and placed with one cursor per cell, so the work grows with the
/// number of cards and the length of their texts, never with cards × cards.
pub fn journey_layout(input: &JourneyLayoutInput<'_>) -> JourneyLayout {
    let map = input.map;
    let stage_count = map.stages.len();
    let lane_count = map.lanes.len();

    // Columns.
    let columns: Vec<StageColumn> = map
        .stages
        .iter()
        .enumerate()
        .map(|(stage_index, stage)| {
            let x = column_x(stage_index);
            StageColumn {
                stage_index,
                x,
                width: COLUMN_WIDTH,
                centre_x: x + COLUMN_WIDTH / 2.0,
                title_lines: wrap_text(
                    &stage.name,
                    COLUMN_WIDTH - 2.0 * CARD_PADDING,
                    STAGE_TITLE_MAX_LINES,
                ),
            }
        })
        .collect();
    let columns_left = column_x(0);
    let columns_right = if stage_count == 0 {
        columns_left
    } else {
        column_x(stage_count - 1) + COLUMN_WIDTH
    };
    let width = columns_right + MARGIN;

    // The stage header and the flow row.
    let stage_header = Rect {
        x: 0.0,
        y: 0.0,
        width: columns_right,
        height: STAGE_HEADER_HEIGHT,
    };
    let flow_row = Rect {
        x: 0.0,
        y: stage_header.y + stage_header.height,
        width: columns_right,
        height: FLOW_ROW_HEIGHT,
    };
    let flow = flow_band(&columns, input.entered, flow_row);

    // Cards: wrapped once, counted per cell.
    let mut wrapped = Vec::with_capacity(map.cards.len());
    let mut stack_heights = vec![0.0_f64; stage_count * lane_count];
    let mut stack_counts = vec![0_usize; stage_count * lane_count];
    for (card_index, card) in map.cards.iter().enumerate() {
        let Some(stage) = map
            .stages
            .iter()
            .position(|stage| stage.id == card.stage_id)
        else {
            continue;
        };
        let Some(lane) = map.lanes.iter().position(|lane| lane.id == card.lane_id) else {
            continue;
        };
        if map.lanes[lane].hidden {
            continue;
        }
        let lines = wrap_text(&card.text, CARD_WIDTH - 2.0 * CARD_PADDING, CARD_MAX_LINES);
        let height = card_height(lines.len());
        let cell = lane * stage_count + stage;
        stack_heights[cell] += height;
        stack_counts[cell] += 1;
        wrapped.push(WrappedCard {
            card_index,
            stage,
            cell,
            lines,
            height,
        });
    }

    // Lane rows, top to bottom.
    let mut lanes = Vec::with_capacity(lane_count);
    let mut card_tops = vec![0.0_f64; lane_count];
    let mut emotion = None;
    let mut y = flow_row.y + flow_row.height;
    for (lane_index, lane) in map.lanes.iter().enumerate() {
        if lane.hidden {
            continue;
        }
        let title = input.lane_titles.get(lane_index).map_or("", String::as_str);
        let title_lines = wrap_text(
            title,
            HEADER_WIDTH - 2.0 * CARD_PADDING,
            LANE_TITLE_MAX_LINES,
        );
        let tallest_stack = (0..stage_count)
            .map(|stage| {
                let cell = lane_index * stage_count + stage;
                stack_height(stack_heights[cell], stack_counts[cell])
            })
            .fold(stack_height(0.0, 0), f64::max);
        let curve_height = if lane.kind == LaneKind::Emotions && emotion.is_none() {
            let area = Rect {
                x: columns_left,
                y,
                width: columns_right - columns_left,
                height: EMOTION_AREA_HEIGHT,
            };
            let mut curve = EmotionCurve {
                area,
                top_y: area.y + EMOTION_INSET,
                zero_y: area.y + area.height / 2.0,
                bottom_y: area.y + area.height - EMOTION_INSET,
                points: Vec::new(),
            };
            curve.points = map
                .stages
                .iter()
                .zip(&columns)
                .filter_map(|(stage, column)| {
                    stage
                        .emotion
                        .filter(|score| score.is_finite())
                        .map(|score| {
                            (
                                column.stage_index,
                                Point {
                                    x: column.centre_x,
                                    y: emotion_y(&curve, score),
                                },
                            )
                        })
                })
                .collect();
            emotion = Some(curve);
            EMOTION_AREA_HEIGHT
        } else {
            0.0
        };
        let title_height = title_lines.len() as f64 * LINE_HEIGHT + 2.0 * CARD_PADDING;
        let height = (curve_height + tallest_stack)
            .max(title_height)
            .max(MIN_LANE_HEIGHT);
        card_tops[lane_index] = y + curve_height + CARD_PADDING;
        lanes.push(LaneRow {
            lane_index,
            y,
            height,
            title_lines,
        });
        y += height;
    }
    let height = y + MARGIN;

    // Card boxes, in the order of `map.cards`; each cell's cursor moves down its column.
    let mut cursors: Vec<f64> = card_tops
        .iter()
        .flat_map(|top| std::iter::repeat_n(*top, stage_count))
        .collect();
    let mut cards = Vec::with_capacity(wrapped.len());
    for card in wrapped {
        let cursor = &mut cursors[card.cell];
        cards.push(CardBox {
            card_index: card.card_index,
            rect: Rect {
                x: columns[card.stage].x + CARD_PADDING,
                y: *cursor,
                width: CARD_WIDTH,
                height: card.height,
            },
            lines: card.lines,
        });
        *cursor += card.height + CARD_GAP;
    }

    JourneyLayout {
        width,
        height,
        font_size: FONT_SIZE,
        line_height: LINE_HEIGHT,
        header_width: HEADER_WIDTH,
        stage_header,
        columns,
        flow,
        lanes,
        cards,
        emotion,
    }
}

/// A card that is drawn, wrapped but not placed yet; `cell` is `lane × stages + stage`.
struct WrappedCard {
    card_index: usize,
    stage: usize,
    cell: usize,
    lines: Vec<String>,
    height: f64,
}

/// The y of an emotion score inside a curve area: +2 at the top, −2 at the bottom.
///
/// Scores outside −2 … +2 are held at the edge; a score that is not a number sits on the zero line.
pub fn emotion_y(curve: &EmotionCurve, score: f64) -> f64 {
    if !score.is_finite() {
        return curve.zero_y;
    }
    let share = (EMOTION_MAX - score.clamp(EMOTION_MIN, EMOTION_MAX)) / (EMOTION_MAX - EMOTION_MIN);
    curve.top_y + share * (curve.bottom_y - curve.top_y)
}

/// The left edge of stage `index`'s column.
fn column_x(index: usize) -> f64 {
    HEADER_WIDTH + COLUMN_GAP + index as f64 * (COLUMN_WIDTH + COLUMN_GAP)
}

/// The height of a card showing `lines` lines (an empty card still gets one line).
fn card_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE_HEIGHT + 2.0 * CARD_PADDING
}

/// The height a cell needs for `count` cards whose heights add up to `cards`.
fn stack_height(cards: f64, count: usize) -> f64 {
    cards + count.saturating_sub(1) as f64 * CARD_GAP + 2.0 * CARD_PADDING
}

fn flow_band(columns: &[StageColumn], entered: &[Option<u64>], row: Rect) -> FlowBand {
    let known = |index: usize| entered.get(index).copied().flatten();
    let most = (0..columns.len()).filter_map(known).max().unwrap_or(0);
    let tallest = row.height - 2.0 * FLOW_PADDING;
    let middle = row.y + row.height / 2.0;
    let bars: Vec<Option<Rect>> = columns
        .iter()
        .map(|column| {
            known(column.stage_index).map(|count| {
                let height = if most == 0 {
                    0.0
                } else {
                    tallest * count as f64 / most as f64
                };
                Rect {
                    x: column.centre_x - FLOW_BAR_WIDTH / 2.0,
                    y: middle - height / 2.0,
                    width: FLOW_BAR_WIDTH,
                    height,
                }
            })
        })
        .collect();
    let links = bars
        .windows(2)
        .map(|pair| match (pair[0], pair[1]) {
            (Some(from), Some(to)) => Some([
                Point {
                    x: from.x + from.width,
                    y: from.y,
                },
                Point { x: to.x, y: to.y },
                Point {
                    x: to.x,
                    y: to.y + to.height,
                },
                Point {
                    x: from.x + from.width,
                    y: from.y + from.height,
                },
            ]),
            _ => None,
        })
        .collect();
    FlowBand { bars, links, row }
}

/// `text` wrapped to `max_width` at [`FONT_SIZE`] in at most `max_lines` lines, the last ending
/// with "…" when text remains.
///
/// Lines break at spaces and around CJK characters, which may break anywhere except before
/// closing punctuation or after opening punctuation; a word wider than the line is cut by
/// character; a line break in the text starts a new line (blank lines are dropped).
pub fn wrap_text(text: &str, max_width: f64, max_lines: usize) -> Vec<String> {
    if max_lines == 0 {
        return Vec::new();
    }
    let mut wrapper = Wrapper {
        text,
        max_width,
        max_lines,
        lines: Vec::new(),
        last_start: 0,
        line_open: false,
        line_start: 0,
        line_end: 0,
        line_width: 0.0,
        line_plain: true,
        full: false,
    };
    // The token being read: where it starts and its width so far.
    let mut token: Option<(usize, f64)> = None;
    let mut space_before = false;
    // Whether the white space before the token is one plain space (so the line needs no tidying).
    let mut single_space = true;
    // The last character read, when it was not a space, and whether it is wide.
    let mut previous: Option<(char, bool)> = None;
    for (index, character) in text.char_indices() {
        if character.is_whitespace() {
            if let Some((start, width)) = token.take() {
                wrapper.place(start, index, width, space_before, single_space);
                space_before = false;
            }
            if character == '\n' {
                wrapper.end_line();
            } else {
                single_space = !space_before && character == ' ';
                space_before = true;
            }
            previous = None;
        } else {
            let width = char_width(character);
            // Full-width characters (CJK, emoji) may break before and after.
            let wide = width >= FONT_SIZE;
            if let (Some((start, token_width)), Some((before, before_wide))) = (token, previous) {
                if breaks_between(before, before_wide, character, wide) {
                    wrapper.place(start, index, token_width, space_before, single_space);
                    space_before = false;
                    token = None;
                }
            }
            match &mut token {
                Some((_, token_width)) => *token_width += width,
                None => token = Some((index, width)),
            }
            previous = Some((character, wide));
        }
        if wrapper.full {
            break;
        }
    }
    if let (Some((start, width)), false) = (token, wrapper.full) {
        wrapper.place(start, text.len(), width, space_before, single_space);
    }
    if !wrapper.full {
        wrapper.end_line();
        return wrapper.lines;
    }
    // Text remains after the last line: it ends with what fits of the rest and "…".
    let mut lines = wrapper.lines;
    let rest = collapse_spaces(&text[wrapper.last_start..]);
    lines[max_lines - 1] = with_ellipsis(&rest, max_width);
    lines
}

/// `text` with every run of white space (line breaks included) as one space.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The width of a character at [`FONT_SIZE`], as `char_width_em` says, from a table for ASCII
/// (most card text, measured character by character for every card).
fn char_width(character: char) -> f64 {
    static ASCII: OnceLock<[f64; 128]> = OnceLock::new();
    if character.is_ascii() {
        ASCII.get_or_init(|| {
            std::array::from_fn(|code| char_width_em(code as u8 as char) * FONT_SIZE)
        })[character as usize]
    } else {
        char_width_em(character) * FONT_SIZE
    }
}

/// Whether a line may break between two characters with no space between them.
fn breaks_between(before: char, before_wide: bool, after: char, after_wide: bool) -> bool {
    (before_wide || after_wide) && !is_closing(after) && !is_opening(before)
}

/// Punctuation that never starts a line.
fn is_closing(character: char) -> bool {
    matches!(
        character,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
            | '…'
    )
}

/// Punctuation that never ends a line.
fn is_opening(character: char) -> bool {
    matches!(
        character,
        '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// `text` cut to `max_width` and always ended with "…".
fn with_ellipsis(text: &str, max_width: f64) -> String {
    let cut = truncate_to_width(text, FONT_SIZE, max_width);
    if cut.ends_with('…') {
        return cut;
    }
    // The rest fits (the text went on after a line break): the ellipsis still says so.
    let ellipsis = char_width_em('…') * FONT_SIZE;
    let mut kept = cut;
    while !kept.is_empty() && estimate_text_width(&kept, FONT_SIZE) + ellipsis > max_width {
        kept.pop();
    }
    format!("{}…", kept.trim_end())
}

/// Greedy line filling for [`wrap_text`]: lines are kept as byte ranges of the text until they end.
struct Wrapper<'t> {
    text: &'t str,
    max_width: f64,
    max_lines: usize,
    lines: Vec<String>,
    /// The byte where the last allowed line starts in the text.
    last_start: usize,
    /// The line being filled: whether it has anything yet, its bytes and its width.
    line_open: bool,
    line_start: usize,
    line_end: usize,
    line_width: f64,
    /// Whether the words of the line are apart by single plain spaces, so its bytes are its text.
    line_plain: bool,
    /// A line beyond `max_lines` would be needed: the text does not fit.
    full: bool,
}

impl Wrapper<'_> {
    /// Places the token (no spaces inside) in bytes `start..end` of the text, `width` wide.
    fn place(
        &mut self,
        start: usize,
        end: usize,
        width: f64,
        space_before: bool,
        single_space: bool,
    ) {
        if width <= self.max_width {
            self.add(start, end, width, space_before, single_space);
            return;
        }
        // Wider than a line: cut by character.
        let mut space_before = space_before;
        for (offset, character) in self.text[start..end].char_indices() {
            let from = start + offset;
            let to = from + character.len_utf8();
            self.add(from, to, char_width(character), space_before, single_space);
            space_before = false;
            if self.full {
                return;
            }
        }
    }

    fn add(
        &mut self,
        start: usize,
        end: usize,
        width: f64,
        space_before: bool,
        single_space: bool,
    ) {
        if self.line_open {
            let space = if space_before { SPACE_WIDTH } else { 0.0 };
            if self.line_width + space + width <= self.max_width {
                self.line_plain &= !space_before || single_space;
                self.line_end = end;
                self.line_width += space + width;
                return;
            }
            self.end_line();
        }
        if self.lines.len() == self.max_lines {
            self.full = true;
            return;
        }
        self.line_open = true;
        self.line_plain = true;
        self.line_start = start;
        self.line_end = end;
        self.line_width = width;
    }

    fn end_line(&mut self) {
        if self.line_open {
            if self.lines.len() + 1 == self.max_lines {
                self.last_start = self.line_start;
            }
            let line = &self.text[self.line_start..self.line_end];
            self.lines.push(if self.line_plain {
                line.to_string()
            } else {
                collapse_spaces(line)
            });
            self.line_open = false;
        }
    }
}

/// The width of a space at [`FONT_SIZE`] (see `char_width_em`).
const SPACE_WIDTH: f64 = 0.3 * FONT_SIZE;

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(top: f64, bottom: f64) -> EmotionCurve {
        EmotionCurve {
            area: Rect {
                x: 0.0,
                y: top - EMOTION_INSET,
                width: 100.0,
                height: bottom - top + 2.0 * EMOTION_INSET,
            },
            top_y: top,
            zero_y: (top + bottom) / 2.0,
            bottom_y: bottom,
            points: Vec::new(),
        }
    }

    #[test]
    fn emotion_scores_map_linearly_from_top_to_bottom() {
        let curve = curve(100.0, 180.0);
        assert_eq!(emotion_y(&curve, 2.0), 100.0);
        assert_eq!(emotion_y(&curve, 0.0), 140.0);
        assert_eq!(emotion_y(&curve, -2.0), 180.0);
        assert_eq!(emotion_y(&curve, 1.0), 120.0);
        assert_eq!(emotion_y(&curve, -0.5), 150.0);
    }

    #[test]
    fn emotion_scores_out_of_range_stay_in_the_area() {
        let curve = curve(100.0, 180.0);
        assert_eq!(emotion_y(&curve, 7.0), 100.0);
        assert_eq!(emotion_y(&curve, -3.5), 180.0);
        assert_eq!(emotion_y(&curve, f64::NAN), 140.0);
        assert_eq!(emotion_y(&curve, f64::INFINITY), 140.0);
    }

    #[test]
    fn words_wrap_at_spaces_and_fit() {
        let lines = wrap_text("Searches symptoms online before booking a visit", 120.0, 4);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines
            .iter()
            .all(|line| estimate_text_width(line, FONT_SIZE) <= 120.0));
        assert_eq!(
            lines.join(" "),
            "Searches symptoms online before booking a visit"
        );
        assert_eq!(wrap_text("Short", 120.0, 4), vec!["Short"]);
        assert_eq!(
            wrap_text("  two  spaces\tand a tab ", 500.0, 4),
            vec!["two spaces and a tab"]
        );
        assert_eq!(
            wrap_text("一句话　两 个 词", 500.0, 4),
            vec!["一句话 两 个 词"]
        );
        assert!(wrap_text("", 120.0, 4).is_empty());
        assert!(wrap_text("   ", 120.0, 4).is_empty());
    }

    #[test]
    fn cjk_wraps_anywhere_but_not_before_closing_punctuation() {
        // 70 units hold five full-width characters.
        let lines = wrap_text("担心副作用，不敢开始注射治疗", 70.0, 4);
        assert_eq!(lines, vec!["担心副作", "用，不敢开", "始注射治疗"]);
        // Latin inside Chinese text stays whole.
        let lines = wrap_text("医生推荐GLP-1药物", 70.0, 4);
        assert_eq!(lines, vec!["医生推荐", "GLP-1药", "物"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_by_character() {
        let lines = wrap_text(
            "https://example.org/a-very-long-patient-portal-address",
            150.0,
            4,
        );
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|line| estimate_text_width(line, FONT_SIZE) <= 150.0));
        assert_eq!(
            lines.concat(),
            "https://example.org/a-very-long-patient-portal-address"
        );
    }

    #[test]
    fn text_beyond_the_last_line_ends_with_an_ellipsis() {
        let text = "word ".repeat(60);
        let lines = wrap_text(&text, 100.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(estimate_text_width(&lines[2], FONT_SIZE) <= 100.0);
        // Line breaks start new lines; a fifth paragraph still shows as cut.
        let lines = wrap_text("a\nb\n\nc\nd\ne", 100.0, 4);
        assert_eq!(lines, vec!["a", "b", "c", "d e…"]);
        assert_eq!(wrap_text("a\nb", 100.0, 4), vec!["a", "b"]);
    }
}
