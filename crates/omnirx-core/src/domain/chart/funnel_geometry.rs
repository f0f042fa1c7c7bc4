//! Funnel shapes in SVG user units: stacked trapezoids, horizontal bars with an axis, and the grid
//! of small multiples.

use super::scale::{nice_ticks, LinearScale};

/// A non-zero value is drawn at least this share of the full width, so a step never vanishes.
pub const MIN_VISIBLE_FRACTION: f64 = 0.02;

/// How many axis ticks the bars aim for.
pub const BAR_TICK_TARGET: usize = 5;

/// A drawing area and its margins; shapes go inside the margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartFrame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl ChartFrame {
    /// A frame with no margins.
    pub fn new(width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            left: 0.0,
            right: 0.0,
            top: 0.0,
            bottom: 0.0,
        }
    }

    /// The same frame with these margins.
    pub fn with_margins(self, left: f64, right: f64, top: f64, bottom: f64) -> Self {
        Self {
            left,
            right,
            top,
            bottom,
            ..self
        }
    }

    /// The width inside the margins (never negative).
    pub fn inner_width(&self) -> f64 {
        (self.width - self.left - self.right).max(0.0)
    }

    /// The height inside the margins (never negative).
    pub fn inner_height(&self) -> f64 {
        (self.height - self.top - self.bottom).max(0.0)
    }

    /// The horizontal middle of the inner area.
    pub fn centre_x(&self) -> f64 {
        self.left + self.inner_width() / 2.0
    }
}

/// One funnel step drawn as a trapezoid, corners clockwise from the top left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trapezoid {
    pub top_left: (f64, f64),
    pub top_right: (f64, f64),
    pub bottom_right: (f64, f64),
    pub bottom_left: (f64, f64),
    pub centre: (f64, f64),
}

impl Trapezoid {
    pub fn top_width(&self) -> f64 {
        self.top_right.0 - self.top_left.0
    }

    pub fn bottom_width(&self) -> f64 {
        self.bottom_right.0 - self.bottom_left.0
    }

    pub fn height(&self) -> f64 {
        self.bottom_left.1 - self.top_left.1
    }

    /// The corners as an SVG `points` attribute, "x1,y1 x2,y2 x3,y3 x4,y4", to 0.1 unit.
    pub fn points_attribute(&self) -> String {
        [
            self.top_left,
            self.top_right,
            self.bottom_right,
            self.bottom_left,
        ]
        .iter()
        .map(|(x, y)| format!("{},{}", svg_number(*x), svg_number(*y)))
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// A horizontal bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// An axis tick: its value and where it is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub x: f64,
}

/// A number for an SVG attribute, rounded to 0.1 unit without float noise or a trailing ".0":
/// `100.0` → "100", `33.333` → "33.3", `-0.01` → "0".
pub fn svg_number(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let rounded = libm::round(value * 10.0) / 10.0;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded}")
    }
}

/// The width drawn for `value` when `reference` fills `full_width`: proportional, at least
/// [`MIN_VISIBLE_FRACTION`] of the width for any positive value, zero for zero, negative or
/// non-finite values, and never wider than `full_width`.
pub fn scaled_width(value: f64, reference: f64, full_width: f64) -> f64 {
    if !(value > 0.0) || !value.is_finite() || !(reference > 0.0) || full_width <= 0.0 {
        return 0.0;
    }
    let proportional = value / reference * full_width;
    proportional
        .max(full_width * MIN_VISIBLE_FRACTION)
        .min(full_width)
}

/// The largest positive finite value of `values`, or 0.
pub fn max_value(values: &[f64]) -> f64 {
    values
        .iter()
        .copied()
        .filter(|value| value.is_finite())
        .fold(0.0, f64::max)
}

/// Heights of `count` rows with `gap` between them filling `inner_height`.
fn row_height(count: usize, inner_height: f64, gap: f64) -> f64 {
    if count == 0 {
        return 0.0;
    }
    ((inner_height - gap * (count - 1) as f64) / count as f64).max(0.0)
}

/// The funnel as trapezoids, one row per step from the top, `gap` apart, scaled to the largest
/// value. See [`funnel_trapezoids_scaled`].
pub fn funnel_trapezoids(values: &[f64], frame: &ChartFrame, gap: f64) -> Vec<Trapezoid> {
    funnel_trapezoids_scaled(values, max_value(values), frame, gap)
}

/// The funnel as trapezoids with `reference` filling the inner width (pass the largest of the
/// values and any comparison values, so that both share a scale). Each row's top edge is the
/// width of its own value, its bottom edge the width of the next step's value (the last row keeps
/// its top width), and every row is centred in the frame.
pub fn funnel_trapezoids_scaled(
    values: &[f64],
    reference: f64,
    frame: &ChartFrame,
    gap: f64,
) -> Vec<Trapezoid> {
    let height = row_height(values.len(), frame.inner_height(), gap);
    let widths: Vec<f64> = values
        .iter()
        .map(|value| scaled_width(*value, reference, frame.inner_width()))
        .collect();
    let centre_x = frame.centre_x();
    widths
        .iter()
        .enumerate()
        .map(|(index, top_width)| {
            let bottom_width = widths.get(index + 1).copied().unwrap_or(*top_width);
            let top = frame.top + index as f64 * (height + gap);
            let bottom = top + height;
            Trapezoid {
                top_left: (centre_x - top_width / 2.0, top),
                top_right: (centre_x + top_width / 2.0, top),
                bottom_right: (centre_x + bottom_width / 2.0, bottom),
                bottom_left: (centre_x - bottom_width / 2.0, bottom),
                centre: (centre_x, top + height / 2.0),
            }
        })
        .collect()
}

/// The funnel as horizontal bars from the frame's left edge, one row per step, `gap` apart, on an
/// axis of nice ticks from 0 to at least the largest value.
pub fn horizontal_bars(values: &[f64], frame: &ChartFrame, gap: f64) -> (Vec<Bar>, Vec<Tick>) {
    horizontal_bars_to(values, max_value(values), frame, gap)
}

/// Like [`horizontal_bars`] on an axis that reaches at least `axis_max` (pass the largest of the
/// values and any comparison values). Position other values with [`bar_scale`] of the ticks.
pub fn horizontal_bars_to(
    values: &[f64],
    axis_max: f64,
    frame: &ChartFrame,
    gap: f64,
) -> (Vec<Bar>, Vec<Tick>) {
    let axis_max = if axis_max.is_finite() {
        axis_max.max(0.0)
    } else {
        0.0
    };
    let tick_values = nice_ticks(0.0, axis_max, BAR_TICK_TARGET);
    let scale = bar_scale_for(&tick_values, frame);
    let ticks = tick_values
        .iter()
        .map(|value| Tick {
            value: *value,
            x: scale.map(*value),
        })
        .collect();
    let domain_max = scale.domain_max;
    let height = row_height(values.len(), frame.inner_height(), gap);
    let bars = values
        .iter()
        .enumerate()
        .map(|(index, value)| Bar {
            x: frame.left,
            y: frame.top + index as f64 * (height + gap),
            width: scaled_width(*value, domain_max, frame.inner_width()),
            height,
        })
        .collect();
    (bars, ticks)
}

/// The scale of bars drawn by [`horizontal_bars_to`] with these ticks in this frame.
pub fn bar_scale(ticks: &[Tick], frame: &ChartFrame) -> LinearScale {
    let values: Vec<f64> = ticks.iter().map(|tick| tick.value).collect();
    bar_scale_for(&values, frame)
}

fn bar_scale_for(tick_values: &[f64], frame: &ChartFrame) -> LinearScale {
    let domain_max = tick_values.last().copied().unwrap_or(1.0);
    LinearScale::new(
        0.0,
        domain_max,
        frame.left,
        frame.left + frame.inner_width(),
    )
}

/// Where the panels of small multiples go: a grid of as many columns as fit.
#[derive(Clone, Debug, PartialEq)]
pub struct SmallMultiplesLayout {
    /// Columns in the grid, at least 1.
    pub columns: usize,
    /// Each panel's width: the frame width shared by the columns.
    pub panel_width: f64,
    pub panel_height: f64,
    /// The top-left corner of each panel, row by row.
    pub origins: Vec<(f64, f64)>,
    /// The height of all the rows.
    pub total_height: f64,
}

/// Lays out `panel_count` panels in rows of as many columns as fit `frame_width` at
/// `min_panel_width` each (at least one, never more than there are panels); panels share the
/// width equally.
pub fn small_multiples_layout(
    panel_count: usize,
    frame_width: f64,
    min_panel_width: f64,
    panel_height: f64,
) -> SmallMultiplesLayout {
    let fitting = if min_panel_width > 0.0 && frame_width.is_finite() {
        libm::floor(frame_width / min_panel_width).max(1.0) as usize
    } else {
        1
    };
    let columns = fitting.min(panel_count.max(1));
    let panel_width = frame_width / columns as f64;
    let origins = (0..panel_count)
        .map(|index| {
            (
                (index % columns) as f64 * panel_width,
                (index / columns) as f64 * panel_height,
            )
        })
        .collect();
    let rows = panel_count.div_ceil(columns);
    SmallMultiplesLayout {
        columns,
        panel_width,
        panel_height,
        origins,
        total_height: rows as f64 * panel_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(width: f64, height: f64) -> ChartFrame {
        ChartFrame::new(width, height)
    }

    #[test]
    fn a_half_step_is_half_as_wide_and_centred() {
        let rows = funnel_trapezoids(&[100.0, 50.0], &frame(200.0, 100.0), 0.0);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].top_width(), 200.0);
        assert_eq!(rows[1].top_width(), 100.0);
        assert_eq!(rows[0].centre, (100.0, 25.0));
        assert_eq!(rows[1].centre, (100.0, 75.0));
        assert_eq!(rows[1].top_left, (50.0, 50.0));
        assert_eq!(rows[1].top_right, (150.0, 50.0));
        // The first row narrows to the second; the last keeps its width.
        assert_eq!(rows[0].bottom_width(), 100.0);
        assert_eq!(rows[1].bottom_width(), 100.0);
    }

    #[test]
    fn margins_and_gaps_move_the_rows() {
        let frame = ChartFrame::new(300.0, 130.0).with_margins(50.0, 50.0, 10.0, 0.0);
        let rows = funnel_trapezoids(&[10.0, 10.0, 5.0], &frame, 5.0);
        // (120 - 2 × 5) / 3 = 36.67 high, 200 wide at most, centred at x = 150.
        assert_eq!(rows[0].top_left, (50.0, 10.0));
        assert_eq!(rows[0].top_right, (250.0, 10.0));
        assert!((rows[1].top_left.1 - (10.0 + 110.0 / 3.0 + 5.0)).abs() < 1e-9);
        assert_eq!(rows[2].top_width(), 100.0);
        assert!((rows[2].bottom_left.1 - 130.0).abs() < 1e-9);
        assert!(rows.iter().all(|row| row.centre.0 == 150.0));
    }

    #[test]
    fn rows_never_overlap() {
        let values = [900.0, 700.0, 650.0, 120.0, 3.0, 0.0];
        let rows = funnel_trapezoids(&values, &frame(960.0, 600.0), 8.0);
        for pair in rows.windows(2) {
            assert!(pair[0].bottom_left.1 <= pair[1].top_left.1, "{pair:?}");
            assert!((pair[1].top_left.1 - pair[0].bottom_left.1 - 8.0).abs() < 1e-9);
        }
        let (bars, _) = horizontal_bars(&values, &frame(960.0, 600.0), 8.0);
        for pair in bars.windows(2) {
            assert!(pair[0].y + pair[0].height <= pair[1].y);
        }
    }

    #[test]
    fn a_tiny_step_stays_visible_and_zero_vanishes() {
        let rows = funnel_trapezoids(&[1000.0, 1.0, 0.0], &frame(500.0, 90.0), 0.0);
        assert_eq!(rows[1].top_width(), 10.0); // 2 % of 500, not 0.5
        assert_eq!(rows[2].top_width(), 0.0);
        assert_eq!(rows[1].bottom_width(), 0.0);
        assert_eq!(scaled_width(f64::NAN, 10.0, 100.0), 0.0);
        assert_eq!(scaled_width(-5.0, 10.0, 100.0), 0.0);
        assert_eq!(scaled_width(5.0, 0.0, 100.0), 0.0);
        assert_eq!(scaled_width(50.0, 10.0, 100.0), 100.0);
    }

    #[test]
    fn all_zero_or_no_values_draw_nothing_wide() {
        assert!(funnel_trapezoids(&[], &frame(200.0, 100.0), 4.0).is_empty());
        let rows = funnel_trapezoids(&[0.0, 0.0], &frame(200.0, 100.0), 0.0);
        assert!(rows.iter().all(|row| row.top_width() == 0.0));
        let (bars, ticks) = horizontal_bars(&[0.0], &frame(200.0, 100.0), 0.0);
        assert_eq!(bars[0].width, 0.0);
        assert_eq!(ticks.first().map(|tick| tick.value), Some(0.0));
    }

    #[test]
    fn a_comparison_reference_shares_the_scale() {
        let rows = funnel_trapezoids_scaled(&[50.0], 200.0, &frame(400.0, 10.0), 0.0);
        assert_eq!(rows[0].top_width(), 100.0);
        assert_eq!(rows[0].centre.0, 200.0);
    }

    #[test]
    fn points_are_rounded_to_a_tenth() {
        let trapezoid = Trapezoid {
            top_left: (0.0, 0.0),
            top_right: (100.0 / 3.0, 0.04),
            bottom_right: (20.05, 10.0),
            bottom_left: (-0.01, 10.0),
            centre: (0.0, 0.0),
        };
        assert_eq!(trapezoid.points_attribute(), "0,0 33.3,0 20.1,10 0,10");
        assert_eq!(svg_number(0.1 + 0.2), "0.3");
        assert_eq!(svg_number(f64::NAN), "0");
    }

    #[test]
    fn bars_follow_nice_ticks() {
        let frame = ChartFrame::new(300.0, 100.0).with_margins(100.0, 0.0, 0.0, 20.0);
        let (bars, ticks) = horizontal_bars(&[87.0, 40.0], &frame, 10.0);
        let values: Vec<f64> = ticks.iter().map(|tick| tick.value).collect();
        assert_eq!(values, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks[0].x, 100.0);
        assert_eq!(ticks[5].x, 300.0);
        assert_eq!(ticks[1].x, 140.0);
        // The axis ends at 100, so 87 is 87 % of the 200 units, 40 is 40 %.
        assert_eq!(
            bars[0],
            Bar {
                x: 100.0,
                y: 0.0,
                width: 174.0,
                height: 35.0
            }
        );
        assert_eq!(
            bars[1],
            Bar {
                x: 100.0,
                y: 45.0,
                width: 80.0,
                height: 35.0
            }
        );
        assert_eq!(bar_scale(&ticks, &frame).map(50.0), 200.0);
    }

    #[test]
    fn small_multiples_fill_rows_of_fitting_columns() {
        let layout = small_multiples_layout(5, 960.0, 300.0, 200.0);
        assert_eq!(layout.columns, 3);
        assert_eq!(layout.panel_width, 320.0);
        assert_eq!(
            layout.origins,
            vec![
                (0.0, 0.0),
                (320.0, 0.0),
                (640.0, 0.0),
                (0.0, 200.0),
                (320.0, 200.0)
            ]
        );
        assert_eq!(layout.total_height, 400.0);
    }

    #[test]
    fn small_multiples_have_at_least_one_column_and_no_empty_ones() {
        let narrow = small_multiples_layout(3, 200.0, 300.0, 100.0);
        assert_eq!(narrow.columns, 1);
        assert_eq!(narrow.panel_width, 200.0);
        assert_eq!(narrow.total_height, 300.0);
        let few = small_multiples_layout(2, 960.0, 200.0, 100.0);
        assert_eq!(few.columns, 2);
        assert_eq!(few.panel_width, 480.0);
        let none = small_multiples_layout(0, 960.0, 200.0, 100.0);
        assert!(none.origins.is_empty());
        assert_eq!(none.total_height, 0.0);
    }
}
