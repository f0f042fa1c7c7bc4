//! A monthly trend chart's geometry: one bar per month over a fixed span of months, a value axis with nice ticks, and which months get a label.
//!
//! Used for an HCP's or an account's prescriptions per month. Months are indices
//! ([`crate::domain::time::Month::index`]) so that the span can cross a year without calendar
//! arithmetic here.

use super::scale::{nice_ticks, LinearScale};
use super::text::estimate_text_width;

/// The space the chart may use and the type size of its labels, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendFrame {
    pub width: f64,
    pub height: f64,
    pub font_size: f64,
    /// Month labels closer than this are thinned out to every second, third or sixth month.
    pub min_label_spacing: f64,
}

/// One month's bar. `y` is its top; a month without units has a bar of height 0 at the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendBar {
    pub month: i64,
    pub value: i64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The middle of the month's band, where its label is centred.
    pub centre: f64,
    /// Whether the month's label is drawn (the newest month always is).
    pub labelled: bool,
}

/// A tick on the value axis and the height it sits at.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendTick {
    pub value: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrendGeometry {
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    /// The axis line: where a bar of value 0 sits.
    pub plot_bottom: f64,
    pub bars: Vec<TrendBar>,
    pub ticks: Vec<TrendTick>,
}

/// Value ticks aimed at: enough to read a value off, few enough for a small chart.
const TICK_TARGET: usize = 4;
/// The share of a month's band the bar fills; the rest is the gap between bars.
const BAR_SHARE: f64 = 0.7;

/// Units per month for the `month_count` months ending with `last_month`, oldest first; a
/// month without a record is 0 and records outside the span are left out. Several records of
/// one month are added up.
pub fn monthly_totals(
    records: &[(i64, i64)],
    last_month: i64,
    month_count: usize,
) -> Vec<(i64, i64)> {
    let first_month = last_month - month_count as i64 + 1;
    let mut totals: Vec<(i64, i64)> = (first_month..=last_month).map(|month| (month, 0)).collect();
    for &(month, units) in records {
        if (first_month..=last_month).contains(&month) {
            let slot = &mut totals[(month - first_month) as usize].1;
            *slot = slot.saturating_add(units);
        }
    }
    totals
}

/// How many months apart labels are (1, 2, 3 or 6) so that two labels are at least
/// `min_spacing` apart when each month's band is `band` wide.
pub fn label_step(band: f64, min_spacing: f64) -> usize {
    [1, 2, 3, 6]
        .into_iter()
        .find(|&step| band * step as f64 >= min_spacing)
        .unwrap_or(12)
}

/// Lays the bars of `series` (month, units), oldest first, out in `frame`: tick labels on the
/// left (their width estimated from the largest tick), month labels below.
pub fn trend_geometry(series: &[(i64, i64)], frame: &TrendFrame) -> TrendGeometry {
    let largest = series
        .iter()
        .map(|&(_, units)| units.max(0))
        .max()
        .unwrap_or(0);
    // Units are whole: an axis up to at least the tick count never gets a tick such as 0.5.
    let ticks = nice_ticks(0.0, largest.max(TICK_TARGET as i64) as f64, TICK_TARGET);
    let top_tick = ticks.last().copied().unwrap_or(1.0).max(1.0);
    // Ticks are whole units, written with thousands separators: a third of an em each.
    let widest_label = ticks
        .iter()
        .map(|tick| {
            let digits = format!("{:.0}", tick.abs());
            estimate_text_width(&digits, frame.font_size)
                + (digits.len().saturating_sub(1) / 3) as f64 * frame.font_size * 0.35
        })
        .fold(0.0, f64::max);
    let plot_left = widest_label + frame.font_size * 0.8;
    let plot_right = (frame.width - frame.font_size * 0.5).max(plot_left + 1.0);
    let plot_top = frame.font_size * 0.75;
    let plot_bottom = (frame.height - frame.font_size * 2.0).max(plot_top + 1.0);
    let scale = LinearScale::new(0.0, top_tick, plot_bottom, plot_top);
    let band = (plot_right - plot_left) / series.len().max(1) as f64;
    let step = label_step(band, frame.min_label_spacing);
    let count = series.len();
    let bars = series
        .iter()
        .enumerate()
        .map(|(position, &(month, value))| {
            let y = scale.map(value.max(0) as f64);
            let band_left = plot_left + position as f64 * band;
            TrendBar {
                month,
                value,
                x: band_left + band * (1.0 - BAR_SHARE) / 2.0,
                y,
                width: band * BAR_SHARE,
                height: plot_bottom - y,
                centre: band_left + band / 2.0,
                labelled: (count - 1 - position).is_multiple_of(step),
            }
        })
        .collect();
    TrendGeometry {
        plot_left,
        plot_right,
        plot_top,
        plot_bottom,
        bars,
        ticks: ticks
            .into_iter()
            .map(|value| TrendTick {
                value,
                y: scale.map(value),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: TrendFrame = TrendFrame {
        width: 600.0,
        height: 200.0,
        font_size: 12.0,
        min_label_spacing: 60.0,
    };

    #[test]
    fn months_without_records_are_zero_and_records_outside_are_left_out() {
        let records = [(10, 5), (12, 7), (12, 1), (9, 100), (14, 3)];
        assert_eq!(
            monthly_totals(&records, 13, 4),
            vec![(10, 5), (11, 0), (12, 8), (13, 0)]
        );
        assert!(monthly_totals(&records, 13, 0).is_empty());
    }

    #[test]
    fn labels_thin_out_to_every_second_third_or_sixth_month() {
        assert_eq!(label_step(70.0, 60.0), 1);
        assert_eq!(label_step(30.0, 60.0), 2);
        assert_eq!(label_step(25.0, 60.0), 3);
        assert_eq!(label_step(12.0, 60.0), 6);
        assert_eq!(label_step(5.0, 60.0), 12);
    }

    #[test]
    fn bars_share_the_width_and_the_tallest_reaches_its_tick() {
        let series = [(0, 0), (1, 50), (2, 87)];
        let geometry = trend_geometry(&series, &FRAME);
        // 87 in about 4 steps is 21.75 a step, rounded up to a nice 50: ticks 0, 50, 100, and
        // the top tick sits at the top of the plot.
        let values: Vec<f64> = geometry.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, vec![0.0, 50.0, 100.0]);
        assert_eq!(geometry.ticks[0].y, geometry.plot_bottom);
        assert_eq!(geometry.ticks[2].y, geometry.plot_top);
        let band = (geometry.plot_right - geometry.plot_left) / 3.0;
        for (position, bar) in geometry.bars.iter().enumerate() {
            assert!((bar.width - band * 0.7).abs() < 1e-9);
            assert!(
                (bar.centre - (geometry.plot_left + band * (position as f64 + 0.5))).abs() < 1e-9
            );
            assert!((bar.y + bar.height - geometry.plot_bottom).abs() < 1e-9);
        }
        assert_eq!(geometry.bars[0].height, 0.0);
        let plot_height = geometry.plot_bottom - geometry.plot_top;
        assert!((geometry.bars[1].height - plot_height * 0.5).abs() < 1e-9);
        assert!((geometry.bars[2].height - plot_height * 0.87).abs() < 1e-9);
    }

    #[test]
    fn the_newest_month_is_always_labelled() {
        let series: Vec<(i64, i64)> = (0..18).map(|month| (month, month * 3)).collect();
        let geometry = trend_geometry(
            &series,
            &TrendFrame {
                width: 320.0,
                ..FRAME
            },
        );
        let labelled: Vec<i64> = geometry
            .bars
            .iter()
            .filter(|bar| bar.labelled)
            .map(|bar| bar.month)
            .collect();
        assert_eq!(labelled.last(), Some(&17));
        let step = (labelled[1] - labelled[0]) as usize;
        assert!(
            step > 1,
            "18 months in 320 units cannot all be labelled: {labelled:?}"
        );
        assert!(labelled
            .windows(2)
            .all(|pair| (pair[1] - pair[0]) as usize == step));
    }

    #[test]
    fn an_all_zero_or_empty_series_still_has_an_axis_of_whole_units() {
        let geometry = trend_geometry(&[(0, 0), (1, 0)], &FRAME);
        let values: Vec<f64> = geometry.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        let small = trend_geometry(&[(0, 1), (1, 2)], &FRAME);
        assert!(small.ticks.iter().all(|t| t.value.fract() == 0.0));
        assert!(geometry.bars.iter().all(|bar| bar.height == 0.0));
        let empty = trend_geometry(&[], &FRAME);
        assert!(empty.bars.is_empty());
        assert!(empty.plot_right > empty.plot_left);
    }

    #[test]
    fn negative_units_draw_no_bar_below_the_axis() {
        let geometry = trend_geometry(&[(0, -5), (1, 10)], &FRAME);
        assert_eq!(geometry.bars[0].height, 0.0);
    }
}
