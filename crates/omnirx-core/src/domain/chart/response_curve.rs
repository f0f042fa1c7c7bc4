//! The Plan page's small response-curve charts: the curve `a·(1 − e^(−b·x))` in use as a line, the
//! history's binned means as dots sized by how many HCP-months they hold, on shared 0-based axes.

use super::scale::{nice_ticks, LinearScale};

/// One binned mean of the history: contacts per month, response, HCP-months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveDatum {
    pub contacts: f64,
    pub uplift: f64,
    pub observations: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CurveChart {
    /// The curve as an SVG path (`M x y L x y …`).
    pub path: String,
    /// Each datum's centre and radius.
    pub dots: Vec<(f64, f64, f64)>,
    /// Contacts-per-month ticks: x and value.
    pub x_ticks: Vec<(f64, f64)>,
    /// Response ticks: y and value.
    pub y_ticks: Vec<(f64, f64)>,
    /// The y of zero response.
    pub baseline: f64,
    pub left: f64,
    pub right: f64,
}

/// How many straight pieces draw the curve.
pub const CURVE_PIECES: usize = 48;

/// Lays out a curve and its data in a `width × height` box with `margin` (left, top, right,
/// bottom). The x axis reaches the farthest datum, at least 4 contacts a month and at least
/// where the curve has done 95 % of its rise (`3 / b`, capped at 20); the y axis holds the
/// ceiling `a` and every datum, and always 0.
pub fn curve_chart(
    a: f64,
    b: f64,
    data: &[CurveDatum],
    width: f64,
    height: f64,
    margin: (f64, f64, f64, f64),
) -> CurveChart {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (a, b) = (finite(a).max(0.0), finite(b).max(0.0));
    let rise = if b > 0.0 { (3.0 / b).min(20.0) } else { 0.0 };
    let x_max = data
        .iter()
        .map(|d| finite(d.contacts))
        .fold(4.0f64.max(rise), f64::max);
    let (mut y_min, mut y_max) = (0.0f64, a);
    for d in data {
        y_min = y_min.min(finite(d.uplift));
        y_max = y_max.max(finite(d.uplift));
    }
    if y_max - y_min <= 0.0 {
        y_max = 1.0;
    }
    let x_ticks = nice_ticks(0.0, x_max, 4);
    let y_ticks = nice_ticks(y_min, y_max, 3);
    let x_top = x_ticks.last().copied().unwrap_or(x_max).max(x_max);
    let y_bottom = y_ticks.first().copied().unwrap_or(y_min).min(y_min);
    let y_top = y_ticks.last().copied().unwrap_or(y_max).max(y_max);
    let (left, top, right, bottom) = margin;
    let x = LinearScale::new(0.0, x_top, left, width - right);
    let y = LinearScale::new(y_bottom, y_top, height - bottom, top);
    let mut path = String::new();
    for i in 0..=CURVE_PIECES {
        let contacts = x_top * i as f64 / CURVE_PIECES as f64;
        let value = a * (1.0 - (-b * contacts).exp());
        let command = if i == 0 { 'M' } else { 'L' };
        path.push_str(&format!(
            "{command}{:.1} {:.1} ",
            x.map(contacts),
            y.map(value)
        ));
    }
    let most = data
        .iter()
        .map(|d| d.observations)
        .max()
        .unwrap_or(1)
        .max(1);
    let dots = data
        .iter()
        .map(|d| {
            let share = f64::from(d.observations) / f64::from(most);
            (
                x.map(finite(d.contacts)),
                y.map(finite(d.uplift)),
                2.0 + 3.0 * share.sqrt(),
            )
        })
        .collect();
    CurveChart {
        path: path.trim_end().to_string(),
        dots,
        x_ticks: x_ticks.into_iter().map(|v| (x.map(v), v)).collect(),
        y_ticks: y_ticks.into_iter().map(|v| (y.map(v), v)).collect(),
        baseline: y.map(0.0),
        left,
        right: width - right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_starts_at_zero_and_rises_to_its_ceiling() {
        // a = 10, b = 1, box 100 × 60 without margins: x to 4 (ticks 0..4), y to 10.
        let chart = curve_chart(10.0, 1.0, &[], 100.0, 60.0, (0.0, 0.0, 0.0, 0.0));
        assert!(chart.path.starts_with("M0.0 60.0 "), "{}", chart.path);
        // At x = 4 the curve is at 10·(1 − e^−4) = 9.817 → y = 60 − 60·0.9817 = 1.1.
        assert!(chart.path.ends_with("L100.0 1.1"), "{}", chart.path);
        assert_eq!(chart.baseline, 60.0);
        assert_eq!(chart.x_ticks.first(), Some(&(0.0, 0.0)));
    }

    #[test]
    fn data_widen_the_axes_and_size_the_dots() {
        let data = [
            CurveDatum {
                contacts: 8.0,
                uplift: -2.0,
                observations: 4,
            },
            CurveDatum {
                contacts: 1.0,
                uplift: 12.0,
                observations: 1,
            },
        ];
        let chart = curve_chart(10.0, 1.0, &data, 100.0, 70.0, (0.0, 0.0, 0.0, 0.0));
        // x reaches 8 (a tick), y spans −5..15 with ticks of 5 (−5, 0, 5, 10, 15).
        assert_eq!(chart.x_ticks.last().map(|t| t.1), Some(8.0));
        assert_eq!(chart.y_ticks.first().map(|t| t.1), Some(-5.0));
        assert_eq!(chart.y_ticks.last().map(|t| t.1), Some(15.0));
        // −2 sits 3/20 of 70 px above the bottom: y = 70 − 10.5. The largest bin has radius 5,
        // one with a quarter of its observations 2 + 3·0.5 = 3.5.
        assert_eq!(chart.dots[0], (100.0, 59.5, 5.0));
        assert_eq!(chart.dots[1].2, 3.5);
        // Zero response sits a quarter of the way up.
        assert_eq!(chart.baseline, 52.5);
    }
}
