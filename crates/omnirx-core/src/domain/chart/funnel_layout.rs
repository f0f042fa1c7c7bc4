//! Where the parts of a funnel chart go: label column, shapes, numbers, title and legend, for a
//! wide screen or projector (960 units) and for a phone (480 units, labels above the shapes).
//!
//! An SVG scales as a whole, so text that is 18 units in a 960-unit drawing shrinks to 7 px on a
//! 390 px phone. The narrow layout keeps its text readable there (about 15 px), and long labels
//! move above their shapes instead of running into them.

use super::funnel_geometry::ChartFrame;
use super::text::estimate_text_width;

/// The logical width of the wide layout.
pub const WIDE_WIDTH: f64 = 960.0;
/// The logical width of the narrow layout.
pub const NARROW_WIDTH: f64 = 480.0;
/// Below this many pixels of room, the narrow layout is used.
pub const NARROW_BELOW_PIXELS: f64 = 640.0;
/// The widest label column of the wide layout, as a share of its width; longer labels go above.
pub const MAX_LABEL_COLUMN_SHARE: f64 = 0.34;

const PADDING: f64 = 8.0;

/// Font sizes of a funnel chart, in logical units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontSizes {
    pub title: f64,
    pub label: f64,
    pub count: f64,
    pub percent: f64,
    /// Bottleneck tag, legend and axis ticks.
    pub small: f64,
}

/// The layout of a funnel chart: its size, the frame of its shapes and where its texts go.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelChartLayout {
    /// The `viewBox` width and height.
    pub width: f64,
    pub height: f64,
    /// Labels above their shapes (narrow screens, long labels) rather than in a column on the left.
    pub stacked: bool,
    /// The frame to pass to the trapezoid or bar geometry, and the gap between its rows.
    pub shapes: ChartFrame,
    pub gap: f64,
    pub row_height: f64,
    pub fonts: FontSizes,
    /// Labels are drawn at `label_x` with `label_anchor` ("end" in a column, "start" when stacked)
    /// and cut to `label_max_width`.
    pub label_x: f64,
    pub label_anchor: &'static str,
    pub label_max_width: f64,
    /// Counts and percentages start here (text-anchor "start").
    pub value_x: f64,
    /// The baseline of the title, and of the legend when there is one.
    pub title_y: f64,
    pub legend_y: Option<f64>,
    /// The baseline of the axis tick labels (bars only).
    pub axis_label_y: Option<f64>,
}

impl FunnelChartLayout {
    /// The top of step `index`'s shape.
    pub fn row_top(&self, index: usize) -> f64 {
        self.shapes.top + index as f64 * (self.row_height + self.gap)
    }

    /// The vertical middle of step `index`'s shape.
    pub fn row_middle(&self, index: usize) -> f64 {
        self.row_top(index) + self.row_height / 2.0
    }

    /// The baseline of step `index`'s label; with a bottleneck tag under it in the column layout,
    /// the label moves up to make room.
    pub fn label_baseline(&self, index: usize, tagged: bool) -> f64 {
        if self.stacked {
            self.row_top(index) - 8.0
        } else if tagged {
            self.row_middle(index) - 2.0
        } else {
            self.row_middle(index) + self.fonts.label * 0.35
        }
    }

    /// Where the bottleneck tag of step `index` goes: (x, baseline, text-anchor).
    pub fn bottleneck_tag_position(&self, index: usize) -> (f64, f64, &'static str) {
        if self.stacked {
            (
                self.width - PADDING,
                self.label_baseline(index, true),
                "end",
            )
        } else {
            (
                self.label_x,
                self.row_middle(index) + self.fonts.small + 2.0,
                "end",
            )
        }
    }

    /// The room left for a stacked label in front of a bottleneck tag `tag_width` wide.
    pub fn label_room_before_tag(&self, tag_width: f64) -> f64 {
        if self.stacked {
            (self.width - PADDING - tag_width - 12.0 - self.label_x).min(self.label_max_width)
        } else {
            self.label_max_width
        }
    }

    /// The baselines of step `index`'s count and percentage.
    pub fn value_baselines(&self, index: usize) -> (f64, f64) {
        let middle = self.row_middle(index);
        (middle - 3.0, middle + self.fonts.percent + 1.0)
    }
}

/// The layout for these step labels. `available_pixels` is the width the chart gets on screen,
/// if known (narrow below [`NARROW_BELOW_PIXELS`]); `has_comparison` adds a legend line and
/// `has_axis` room for the bars' tick labels.
pub fn funnel_chart_layout(
    labels: &[&str],
    has_comparison: bool,
    has_axis: bool,
    available_pixels: Option<f64>,
) -> FunnelChartLayout {
    let narrow =
        available_pixels.is_some_and(|pixels| pixels > 0.0 && pixels < NARROW_BELOW_PIXELS);
    let (width, fonts, value_column, row_height) = if narrow {
        let fonts = FontSizes {
            title: 20.0,
            label: 18.0,
            count: 18.0,
            percent: 16.0,
            small: 16.0,
        };
        (NARROW_WIDTH, fonts, 120.0, 48.0)
    } else {
        let fonts = FontSizes {
            title: 22.0,
            label: 18.0,
            count: 20.0,
            percent: 16.0,
            small: 16.0,
        };
        (WIDE_WIDTH, fonts, 170.0, 56.0)
    };
    let longest_label = labels
        .iter()
        .map(|label| estimate_text_width(label, fonts.label))
        .fold(0.0, f64::max);
    let widest_column = width * MAX_LABEL_COLUMN_SHARE;
    let stacked = narrow || longest_label + 24.0 > widest_column;

    let title_y = fonts.title + 8.0;
    let legend_y = has_comparison.then_some(title_y + fonts.small + 14.0);
    let header = legend_y.unwrap_or(title_y) + 16.0;
    let label_line = fonts.label + 14.0;
    let bottom = if has_axis {
        fonts.small + 18.0
    } else {
        PADDING
    };

    let (left, top, gap, label_x, label_anchor, label_max_width) = if stacked {
        let left = PADDING;
        let label_max_width = width - value_column - left;
        (
            left,
            header + label_line,
            label_line,
            left,
            "start",
            label_max_width,
        )
    } else {
        let column = (longest_label + 24.0).clamp(140.0, widest_column);
        (
            column,
            header,
            10.0,
            column - 12.0,
            "end",
            column - 12.0 - PADDING,
        )
    };
    let count = labels.len();
    let rows = count as f64 * row_height + count.saturating_sub(1) as f64 * gap;
    let height = (top + rows + bottom).ceil();
    let shapes = ChartFrame::new(width, height).with_margins(left, value_column, top, bottom);
    FunnelChartLayout {
        width,
        height,
        stacked,
        shapes,
        gap,
        row_height,
        fonts,
        label_x,
        label_anchor,
        label_max_width,
        value_x: width - value_column + 14.0,
        title_y,
        legend_y,
        axis_label_y: has_axis.then_some(height - 8.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chart::funnel_geometry::{funnel_trapezoids, horizontal_bars};

    const SHORT: [&str; 4] = ["Visit", "Sample", "Rx", "Repeat Rx"];

    #[test]
    fn short_labels_on_a_wide_screen_get_a_column() {
        let layout = funnel_chart_layout(&SHORT, false, false, Some(1200.0));
        assert_eq!(layout.width, 960.0);
        assert!(!layout.stacked);
        assert_eq!(layout.label_anchor, "end");
        // "Repeat Rx" at 18 units is about 110 wide; the column has its minimum of 140.
        assert_eq!(layout.shapes.left, 140.0);
        assert!(layout.label_x < layout.shapes.left);
        assert!(layout.label_x - layout.label_max_width >= 0.0);
        assert_eq!(layout.shapes.inner_height(), 4.0 * 56.0 + 3.0 * 10.0);
        assert!(layout.fonts.count >= 16.0 && layout.fonts.percent >= 16.0);
    }

    #[test]
    fn labels_never_reach_into_the_shapes() {
        for labels in [
            SHORT.to_vec(),
            vec![
                "Prescription written after the second detailing visit",
                "Rx",
            ],
            vec!["第二次专业拜访后开出处方", "处方"],
        ] {
            for pixels in [Some(1200.0), Some(390.0), None] {
                let layout = funnel_chart_layout(&labels, true, true, pixels);
                let rows = funnel_trapezoids(&[100.0, 50.0], &layout.shapes, layout.gap);
                for (index, row) in rows.iter().enumerate() {
                    if layout.stacked {
                        // Above the shape, with room for its descenders.
                        assert!(layout.label_baseline(index, false) + 5.0 <= row.top_left.1);
                        assert!(layout.label_baseline(index, false) - layout.fonts.label >= 0.0);
                    } else {
                        assert!(layout.label_x <= row.top_left.0.min(row.bottom_left.0));
                    }
                }
                let (bars, _) = horizontal_bars(&[100.0, 50.0], &layout.shapes, layout.gap);
                assert!(bars.iter().all(|bar| bar.x + bar.width < layout.value_x));
            }
        }
    }

    #[test]
    fn long_labels_go_above_the_shapes() {
        let layout = funnel_chart_layout(
            &["Prescription written after the second detailing visit"],
            false,
            false,
            Some(1200.0),
        );
        assert!(layout.stacked);
        assert_eq!(layout.width, 960.0);
        assert_eq!(layout.label_anchor, "start");
        assert_eq!(layout.shapes.left, 8.0);
    }

    #[test]
    fn a_phone_gets_the_narrow_layout_with_readable_text() {
        let layout = funnel_chart_layout(&SHORT, false, false, Some(390.0));
        assert_eq!(layout.width, 480.0);
        assert!(layout.stacked);
        // Shrunk to 390 px, the smallest text is still 13 px.
        let smallest = layout.fonts.percent.min(layout.fonts.small);
        assert!(smallest * 390.0 / layout.width >= 13.0);
        // An unknown width (hidden, not laid out yet) keeps the wide layout.
        assert_eq!(
            funnel_chart_layout(&SHORT, false, false, Some(0.0)).width,
            960.0
        );
        assert_eq!(funnel_chart_layout(&SHORT, false, false, None).width, 960.0);
    }

    #[test]
    fn the_height_grows_with_steps_legend_and_axis() {
        let two = funnel_chart_layout(&SHORT[..2], false, false, None);
        let four = funnel_chart_layout(&SHORT, false, false, None);
        assert_eq!(four.height - two.height, 2.0 * (56.0 + 10.0));
        let with_legend = funnel_chart_layout(&SHORT, true, false, None);
        assert!(with_legend.legend_y.is_some() && with_legend.height > four.height);
        let with_axis = funnel_chart_layout(&SHORT, false, true, None);
        assert!(
            with_axis.axis_label_y.unwrap() > with_axis.shapes.height - with_axis.shapes.bottom
        );
        assert!(with_axis.axis_label_y.unwrap() <= with_axis.height);
    }

    #[test]
    fn rows_and_text_positions_line_up() {
        let layout = funnel_chart_layout(&SHORT, false, false, None);
        let rows = funnel_trapezoids(&[4.0, 3.0, 2.0, 1.0], &layout.shapes, layout.gap);
        for (index, row) in rows.iter().enumerate() {
            assert!((layout.row_top(index) - row.top_left.1).abs() < 1e-9);
            assert!((layout.row_middle(index) - row.centre.1).abs() < 1e-9);
            let (count, percent) = layout.value_baselines(index);
            assert!(count - layout.fonts.count >= row.top_left.1 - 1.0);
            assert!(percent <= row.bottom_left.1 + 1.0);
        }
        let (_, tag_y, _) = layout.bottleneck_tag_position(1);
        assert!(tag_y > layout.label_baseline(1, true));
    }

    #[test]
    fn a_stacked_label_leaves_room_for_the_bottleneck_tag() {
        let layout = funnel_chart_layout(&SHORT, false, false, Some(390.0));
        let room = layout.label_room_before_tag(100.0);
        let (tag_x, _, anchor) = layout.bottleneck_tag_position(0);
        assert_eq!(anchor, "end");
        assert!(layout.label_x + room + 100.0 < tag_x);
    }
}
