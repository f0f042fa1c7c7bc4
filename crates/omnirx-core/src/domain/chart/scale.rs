//! Linear scales and "nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ) for the charts.

/// Maps a value from a domain interval onto a range interval, linearly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    pub domain_min: f64,
    pub domain_max: f64,
    pub range_min: f64,
    pub range_max: f64,
}

impl LinearScale {
    pub fn new(domain_min: f64, domain_max: f64, range_min: f64, range_max: f64) -> Self {
        Self {
            domain_min,
            domain_max,
            range_min,
            range_max,
        }
    }

    /// The position of `value`. An empty domain (min == max) maps everything to `range_min`,
    /// and a value that is not a number maps to `range_min` too, so a shape never gets NaN.
    pub fn map(&self, value: f64) -> f64 {
        let span = self.domain_max - self.domain_min;
        if span == 0.0 || !span.is_finite() || !value.is_finite() {
            return self.range_min;
        }
        self.range_min + (value - self.domain_min) / span * (self.range_max - self.range_min)
    }
}

/// The step of nice ticks for `span` split into about `target_count` parts: 1, 2 or 5 × 10ⁿ.
pub fn nice_step(span: f64, target_count: usize) -> f64 {
    let raw = span.abs() / target_count.max(1) as f64;
    if raw == 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let residual = raw / magnitude;
    let factor = if residual <= 1.0 + 1e-9 {
        1.0
    } else if residual <= 2.0 + 1e-9 {
        2.0
    } else if residual <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    factor * magnitude
}

/// How many decimals a tick of `step` needs (0 for steps of 1 and more, 1 for 0.1 or 0.2 or 0.5…).
pub fn step_decimals(step: f64) -> u32 {
    if step <= 0.0 || !step.is_finite() || step >= 1.0 {
        return 0;
    }
    (-libm::floor(libm::log10(step) + 1e-9)).max(0.0) as u32
}

/// Rounds `value` to `decimals` decimals, so that 3 × 0.1 reads 0.3; `-0` becomes `0`.
pub fn round_to_decimals(value: f64, decimals: u32) -> f64 {
    let factor = libm::pow(10.0, decimals as f64);
    let rounded = libm::round(value * factor) / factor;
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

/// Ticks that cover `min..=max` in about `target_count` nice steps, first tick ≤ min and last
/// tick ≥ max. When `min == max` the interval is widened to include zero (0..=1 when both are
/// zero), so a chart of equal or all-zero values still has an axis. Non-finite input gives none.
pub fn nice_ticks(min: f64, max: f64, target_count: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() {
        return Vec::new();
    }
    let (mut low, mut high) = if min <= max { (min, max) } else { (max, min) };
    if low == high {
        if low == 0.0 {
            high = 1.0;
        } else {
            low = low.min(0.0);
            high = high.max(0.0);
        }
    }
    let step = nice_step(high - low, target_count);
    let decimals = step_decimals(step);
    let first = libm::floor(low / step + 1e-9) as i64;
    let last = libm::ceil(high / step - 1e-9) as i64;
    (first..=last)
        .map(|index| round_to_decimals(index as f64 * step, decimals))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_maps_linearly_and_tolerates_an_empty_domain() {
        let scale = LinearScale::new(0.0, 100.0, 10.0, 210.0);
        assert_eq!(scale.map(0.0), 10.0);
        assert_eq!(scale.map(50.0), 110.0);
        assert_eq!(scale.map(100.0), 210.0);
        let inverted = LinearScale::new(0.0, 10.0, 100.0, 0.0);
        assert_eq!(inverted.map(2.5), 75.0);
        let empty = LinearScale::new(5.0, 5.0, 3.0, 9.0);
        assert_eq!(empty.map(5.0), 3.0);
        assert_eq!(scale.map(f64::NAN), 10.0);
    }

    #[test]
    fn ticks_for_0_to_87_are_steps_of_20() {
        assert_eq!(
            nice_ticks(0.0, 87.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
    }

    #[test]
    fn ticks_use_steps_of_1_2_or_5() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        // 1000 / 4 = 250, a residual of 2.5, rounds up to a step of 500.
        assert_eq!(nice_ticks(0.0, 1000.0, 4), vec![0.0, 500.0, 1000.0]);
        assert_eq!(
            nice_ticks(0.0, 45_000.0, 5),
            vec![0.0, 10_000.0, 20_000.0, 30_000.0, 40_000.0, 50_000.0]
        );
        assert_eq!(nice_ticks(0.0, 3.0, 3), vec![0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn ticks_have_no_float_noise() {
        let ticks = nice_ticks(0.0, 0.7, 7);
        assert_eq!(ticks, vec![0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        assert!(ticks.iter().all(|tick| !format!("{tick}").contains("0000")));
        assert_eq!(nice_ticks(0.0, 0.03, 3), vec![0.0, 0.01, 0.02, 0.03]);
    }

    #[test]
    fn ticks_cover_the_data() {
        for (min, max) in [(3.0, 97.0), (-12.0, 40.0), (0.2, 0.9), (1_234.0, 98_765.0)] {
            let ticks = nice_ticks(min, max, 5);
            assert!(ticks[0] <= min, "{min}..{max}: {ticks:?}");
            assert!(*ticks.last().unwrap() >= max, "{min}..{max}: {ticks:?}");
            assert!(ticks.len() >= 3 && ticks.len() <= 11, "{ticks:?}");
        }
        // A span of 52 in 5 parts is 10.4, a residual of 1.04, so the step is 20.
        assert_eq!(nice_ticks(-12.0, 40.0, 5), vec![-20.0, 0.0, 20.0, 40.0]);
    }

    #[test]
    fn equal_and_zero_bounds_still_give_an_axis() {
        assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(
            nice_ticks(50.0, 50.0, 5),
            vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
        );
        assert_eq!(nice_ticks(-4.0, -4.0, 4), vec![-4.0, -3.0, -2.0, -1.0, 0.0]);
        assert_eq!(nice_ticks(9.0, 1.0, 4), nice_ticks(1.0, 9.0, 4));
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
        assert!(nice_ticks(0.0, f64::INFINITY, 5).is_empty());
    }

    #[test]
    fn a_target_of_zero_counts_as_one() {
        assert_eq!(nice_ticks(0.0, 87.0, 0), vec![0.0, 100.0]);
    }

    #[test]
    fn step_decimals_and_rounding() {
        assert_eq!(step_decimals(20.0), 0);
        assert_eq!(step_decimals(1.0), 0);
        assert_eq!(step_decimals(0.5), 1);
        assert_eq!(step_decimals(0.1), 1);
        assert_eq!(step_decimals(0.02), 2);
        assert_eq!(round_to_decimals(0.1 + 0.2, 1), 0.3);
        assert_eq!(round_to_decimals(-0.0001, 2).to_string(), "0");
    }
}
