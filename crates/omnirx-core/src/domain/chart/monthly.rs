//! The Performance page's monthly chart: actual bars, forecast bars with their 80 % interval, and
//! the target as a marker per month, on one value axis.

/// One month of the chart; every figure is optional.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthlyValues {
    pub actual: Option<f64>,
    pub target: Option<f64>,
    /// (value, low, high).
    pub forecast: Option<(f64, f64, f64)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthlyBar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub forecast: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthlyGeometry {
    /// One bar per month with an actual or a forecast (in month order).
    pub bars: Vec<(usize, MonthlyBar)>,
    /// The target's marker: month index, left x, right x, y.
    pub targets: Vec<(usize, f64, f64, f64)>,
    /// The interval's whisker: month index, x, y of the high end, y of the low end.
    pub intervals: Vec<(usize, f64, f64, f64)>,
    /// Value ticks: y and value.
    pub ticks: Vec<(f64, f64)>,
    /// Each month's centre x.
    pub centres: Vec<f64>,
    pub band: f64,
    pub baseline: f64,
}

/// Lays out `values` between `left` and `width − right`, `top` and `height − bottom`.
pub fn monthly_geometry(
    values: &[MonthlyValues],
    (width, height): (f64, f64),
    (left, right, top, bottom): (f64, f64, f64, f64),
) -> MonthlyGeometry {
    let highest = values
        .iter()
        .flat_map(|v| [v.actual, v.target, v.forecast.map(|f| f.2)])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let ticks = super::scale::nice_ticks(0.0, if highest > 0.0 { highest } else { 1.0 }, 5);
    let top_value = ticks.last().copied().unwrap_or(1.0).max(highest).max(1e-9);
    let baseline = height - bottom;
    let y = |value: f64| baseline - (value.max(0.0) / top_value) * (baseline - top);
    let count = values.len().max(1) as f64;
    let band = (width - left - right) / count;
    let bar_width = band * 0.62;
    let mut geometry = MonthlyGeometry {
        ticks: ticks.iter().map(|&t| (y(t), t)).collect(),
        band,
        baseline,
        ..MonthlyGeometry::default()
    };
    for (index, value) in values.iter().enumerate() {
        let centre = left + band * (index as f64 + 0.5);
        geometry.centres.push(centre);
        let bar = |amount: f64, forecast: bool| MonthlyBar {
            x: centre - bar_width / 2.0,
            y: y(amount),
            width: bar_width,
            height: baseline - y(amount),
            forecast,
        };
        if let Some(actual) = value.actual.filter(|v| v.is_finite()) {
            geometry.bars.push((index, bar(actual, false)));
        } else if let Some((forecast, low, high)) = value.forecast {
            geometry.bars.push((index, bar(forecast, true)));
            geometry.intervals.push((index, centre, y(high), y(low)));
        }
        if let Some(target) = value.target.filter(|v| v.is_finite()) {
            let half = band * 0.42;
            geometry
                .targets
                .push((index, centre - half, centre + half, y(target)));
        }
    }
    geometry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_markers_and_whiskers_share_one_axis() {
        let values = [
            MonthlyValues {
                actual: Some(50.0),
                target: Some(100.0),
                forecast: None,
            },
            MonthlyValues {
                actual: None,
                target: Some(100.0),
                forecast: Some((80.0, 60.0, 100.0)),
            },
        ];
        // 200 wide, 100 tall, no margins but 0 at the bottom: y = 100 − value.
        let geometry = monthly_geometry(&values, (200.0, 100.0), (0.0, 0.0, 0.0, 0.0));
        assert_eq!(geometry.band, 100.0);
        assert_eq!(geometry.centres, vec![50.0, 150.0]);
        let (_, actual) = geometry.bars[0];
        assert_eq!(
            (actual.y, actual.height, actual.forecast),
            (50.0, 50.0, false)
        );
        let (_, forecast) = geometry.bars[1];
        assert_eq!((forecast.y, forecast.forecast), (20.0, true));
        assert_eq!(geometry.intervals, vec![(1, 150.0, 0.0, 40.0)]);
        assert_eq!(geometry.targets[0].3, 0.0);
        assert_eq!(geometry.ticks.first(), Some(&(100.0, 0.0)));
    }

    #[test]
    fn nothing_to_draw_is_still_a_frame() {
        let geometry = monthly_geometry(&[], (200.0, 100.0), (10.0, 10.0, 10.0, 10.0));
        assert!(geometry.bars.is_empty() && !geometry.ticks.is_empty());
    }
}
