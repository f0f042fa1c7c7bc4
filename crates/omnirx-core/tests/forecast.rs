//! Every rule of docs/forecast.md, on hand-built monthly series with hand-computed answers where
//! the rule allows one (constant, linear and purely seasonal series, a backtest off by known
//! percentages), and generated series that must never panic nor give NaN.

use omnirx_core::domain::performance::forecast::*;
use omnirx_core::domain::time::Month;
use proptest::prelude::*;

fn month(year: i32, month: u8) -> Month {
    Month::new(year, month).expect("a test month")
}

/// A season of 12 months around 100 that sums to 0 around its mean.
const PATTERN: [f64; 12] = [
    80.0, 85.0, 110.0, 120.0, 105.0, 95.0, 90.0, 100.0, 115.0, 125.0, 95.0, 80.0,
];

fn seasonal(months: usize) -> Vec<f64> {
    (0..months).map(|t| PATTERN[t % 12]).collect()
}

/// A series with noise, so that the residual standard deviation is not 0.
const NOISY: [f64; 18] = [
    100.0, 112.0, 95.0, 108.0, 120.0, 104.0, 118.0, 99.0, 125.0, 111.0, 130.0, 116.0, 109.0, 134.0,
    121.0, 140.0, 118.0, 137.0,
];

fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} is not within {tolerance} of {expected}"
    );
}

/// Rule 1: fewer than 6 months get no forecast, with the count; no months at all is `Empty`.
#[test]
fn short_series_get_no_forecast_with_the_count() {
    let first = month(2025, 1);
    assert_eq!(forecast_monthly(first, &[], 3), Err(NoForecast::Empty));
    for months in 1..MIN_MONTHS {
        let values = vec![10.0; months];
        assert_eq!(
            forecast_monthly(first, &values, 3),
            Err(NoForecast::TooShort { months, needed: 6 }),
            "{months} months"
        );
    }
    assert!(forecast_monthly(first, &[10.0; 6], 3).is_ok());
}

/// Rule 1: a value that is not a number or below 0 is refused, naming its month (even in a
/// series too short to forecast: the data problem comes first).
#[test]
fn bad_values_name_their_month() {
    let first = month(2024, 11);
    let cases: [(usize, f64, usize, NoForecast); 5] = [
        (
            12,
            f64::NAN,
            3,
            NoForecast::NotFinite {
                month: month(2025, 2),
            },
        ),
        (
            12,
            f64::INFINITY,
            0,
            NoForecast::NotFinite {
                month: month(2024, 11),
            },
        ),
        (
            12,
            f64::NEG_INFINITY,
            11,
            NoForecast::NotFinite {
                month: month(2025, 10),
            },
        ),
        (
            12,
            -1.0,
            2,
            NoForecast::NegativeValue {
                month: month(2025, 1),
            },
        ),
        (
            3,
            -0.5,
            1,
            NoForecast::NegativeValue {
                month: month(2024, 12),
            },
        ),
    ];
    for (months, bad, at, expected) in cases {
        let mut values = vec![50.0; months];
        values[at] = bad;
        assert_eq!(
            forecast_monthly(first, &values, 2),
            Err(expected),
            "{bad} at {at}"
        );
    }
    // -0.0 is a zero, not a negative value.
    let mut values = vec![50.0; 8];
    values[4] = -0.0;
    assert!(forecast_monthly(first, &values, 2).is_ok());
}

/// Rule 1: a horizon beyond ten years is refused rather than allocated.
#[test]
fn absurd_horizons_are_refused() {
    assert_eq!(
        forecast_monthly(month(2025, 1), &[1.0; 12], usize::MAX),
        Err(NoForecast::HorizonTooLong {
            horizon: usize::MAX,
            max: 120
        })
    );
    let longest = forecast_monthly(month(2025, 1), &[1.0; 12], MAX_HORIZON).unwrap();
    assert_eq!(longest.points.len(), 120);
    assert_eq!(longest.points[119].month, month(2035, 12));
}

/// Rule 2: 24 months or more use Holt-Winters, fewer the damped trend (the backtest, fitted on 6
/// months fewer, chooses by its own length).
#[test]
fn the_method_follows_the_length() {
    let first = month(2023, 1);
    let cases = [
        (6, Method::DampedTrend, None),
        (12, Method::DampedTrend, Some(Method::DampedTrend)),
        (23, Method::DampedTrend, Some(Method::DampedTrend)),
        (24, Method::HoltWintersAdditive, Some(Method::DampedTrend)),
        (29, Method::HoltWintersAdditive, Some(Method::DampedTrend)),
        (
            30,
            Method::HoltWintersAdditive,
            Some(Method::HoltWintersAdditive),
        ),
    ];
    for (months, method, backtest_method) in cases {
        let forecast = forecast_monthly(first, &seasonal(months), 1).unwrap();
        assert_eq!(forecast.method, method, "{months} months");
        assert_eq!(
            forecast
                .backtest
                .as_ref()
                .ok()
                .map(|backtest| backtest.method),
            backtest_method,
            "{months} months"
        );
        match method {
            Method::DampedTrend => {
                assert_eq!(forecast.parameters.gamma, None);
                assert!((0.80..=0.98).contains(&forecast.parameters.phi));
            }
            Method::HoltWintersAdditive => {
                assert_eq!(forecast.parameters.phi, 1.0);
                let gamma = forecast.parameters.gamma.expect("a season gain");
                assert!((0.0..=1.0 - forecast.parameters.alpha).contains(&gamma));
            }
        }
        let p = forecast.parameters;
        assert!((0.01..=0.99).contains(&p.alpha) && (0.0..=p.alpha).contains(&p.beta));
    }
}

/// Rules 3, 4 and 5: a constant series (and an all-zero one) forecasts the constant, with an
/// interval of width 0 and a backtest MAPE of 0 (none for zeros: nothing to divide by).
#[test]
fn a_constant_series_forecasts_the_constant() {
    for (months, level) in [(6, 40.0), (12, 250.0), (23, 7.5), (24, 250.0), (36, 1.0e6)] {
        let forecast = forecast_monthly(month(2024, 1), &vec![level; months], 5).unwrap();
        assert_eq!(forecast.residual_sd, 0.0, "{months} months");
        assert_eq!(forecast.points.len(), 5);
        for point in &forecast.points {
            assert_close(point.value, level, level * 1e-12, "the forecast");
            assert_eq!(point.low, point.value, "{months} months");
            assert_eq!(point.high, point.value, "{months} months");
        }
        match forecast.backtest {
            Ok(backtest) => assert_close(backtest.mape_percent.unwrap(), 0.0, 1e-9, "MAPE"),
            Err(NoBacktest::TooShort { months: m, needed }) => {
                assert_eq!((m, needed, months < 12), (months, 12, true));
            }
        }
    }
    let zeros = forecast_monthly(month(2024, 1), &[0.0; 30], 4).unwrap();
    assert!(zeros
        .points
        .iter()
        .all(|point| (point.value, point.low, point.high) == (0.0, 0.0, 0.0)));
    assert_eq!(zeros.backtest.unwrap().mape_percent, None);
    // Ties (every parameter fits a constant exactly) go to the smallest parameters of the grid.
    let p = forecast_monthly(month(2024, 1), &[3.0; 8], 1)
        .unwrap()
        .parameters;
    assert_eq!((p.alpha, p.beta, p.gamma, p.phi), (0.05, 0.0, None, 0.8));
}

/// Rules 2 and 3: an exact linear series over 12 months (damped trend) goes on rising, but each
/// month's increase is strictly smaller than the one before.
#[test]
fn a_linear_series_continues_upward_and_flattens() {
    for (start, slope) in [(100.0, 10.0), (5.0, 0.5), (1000.0, 37.0)] {
        let values: Vec<f64> = (0..12).map(|t| start + slope * f64::from(t)).collect();
        let forecast = forecast_monthly(month(2025, 1), &values, 12).unwrap();
        assert_eq!(forecast.method, Method::DampedTrend);
        let last = values[11];
        assert!(forecast.points[0].value > last, "{start} + {slope} t");
        let mut previous_step = f64::INFINITY;
        let mut previous_value = last;
        for point in &forecast.points {
            let step = point.value - previous_value;
            assert!(step > 0.0, "rises at {}", point.month);
            if previous_value != last {
                assert!(step < previous_step, "flattens at {}", point.month);
            }
            (previous_step, previous_value) = (step, point.value);
        }
        // Damped: twelve months on, it falls short of the straight line.
        assert!(forecast.points[11].value < last + 12.0 * slope);
    }
}

/// Rules 2 and 3: a pure 12-month season over 36 months (Holt-Winters) is reproduced within 1 %,
/// and its backtest MAPE is under 1 %.
#[test]
fn a_pure_season_is_reproduced() {
    let forecast = forecast_monthly(month(2023, 1), &seasonal(36), 12).unwrap();
    assert_eq!(forecast.method, Method::HoltWintersAdditive);
    assert_eq!(forecast.points[0].month, month(2026, 1));
    for (h, point) in forecast.points.iter().enumerate() {
        assert_close(point.value, PATTERN[h], PATTERN[h] * 0.01, "the season");
    }
    let backtest = forecast.backtest.as_ref().unwrap();
    assert_eq!(backtest.held_out, 6);
    assert!(backtest.mape_percent.unwrap() < 1.0);
    assert_eq!(forecast.trust(), Some(Trust::Good));
}

/// Rule 3: the initial level is moved back along the trend, so a straight line plus a season is
/// continued exactly whatever the parameters.
#[test]
fn a_trend_plus_a_season_is_continued_exactly() {
    let line = |t: usize| 200.0 + 3.0 * t as f64 + (PATTERN[t % 12] - 100.0);
    let values: Vec<f64> = (0..30).map(line).collect();
    let forecast = forecast_monthly(month(2023, 4), &values, 9).unwrap();
    assert_eq!(forecast.method, Method::HoltWintersAdditive);
    assert_eq!(forecast.fitted_to, month(2025, 9));
    for (h, point) in forecast.points.iter().enumerate() {
        assert_close(point.value, line(30 + h), 1e-6, "trend plus season");
    }
    assert!(forecast.residual_sd < 1e-9);
}

/// Rule 4: the same input gives the same bits.
#[test]
fn forecasts_are_deterministic() {
    for values in [
        NOISY.to_vec(),
        seasonal(27),
        vec![4.0, 0.0, 9.0, 1.0, 0.0, 7.0, 3.0],
    ] {
        let one = forecast_monthly(month(2024, 6), &values, 7).unwrap();
        let two = forecast_monthly(month(2024, 6), &values, 7).unwrap();
        assert_eq!(format!("{one:?}"), format!("{two:?}"));
        let bits = |forecast: &Forecast| -> Vec<u64> {
            let p = forecast.parameters;
            let mut bits = vec![p.alpha.to_bits(), p.beta.to_bits(), p.phi.to_bits()];
            bits.push(forecast.residual_sd.to_bits());
            for point in &forecast.points {
                bits.extend([point.value, point.low, point.high].map(f64::to_bits));
            }
            bits
        };
        assert_eq!(bits(&one), bits(&two));
    }
}

/// Rules 5 and 6: the interval contains the point, widens with every month of the horizon, and
/// its half-width is 1.2816 σ √(1 + Σ c_j²) with the c_j of the method.
#[test]
fn the_interval_contains_the_point_and_widens() {
    let cases = [(NOISY.to_vec(), 6), {
        let noisy_season: Vec<f64> = (0..30)
            .map(|t| PATTERN[t % 12] + NOISY[t % 18] - 100.0 + 50.0)
            .collect();
        (noisy_season, 14)
    }];
    for (values, horizon) in cases {
        let forecast = forecast_monthly(month(2024, 1), &values, horizon).unwrap();
        let sigma = forecast.residual_sd;
        assert!(sigma > 0.0);
        let p = forecast.parameters;
        let mut previous_width = 0.0;
        let mut sum_c_squared = 0.0f64;
        for (index, point) in forecast.points.iter().enumerate() {
            let h = index + 1;
            assert!(point.low <= point.value && point.value <= point.high);
            assert!(point.low > 0.0, "far above 0, nothing clamped");
            let width = point.high - point.low;
            assert!(width > previous_width, "widens at h = {h}");
            previous_width = width;
            let expected = 2.0 * 1.2816 * sigma * (1.0 + sum_c_squared).sqrt();
            assert_close(width, expected, expected * 1e-4, "the half-width formula");
            let c = match p.gamma {
                None => p.alpha + p.beta * (1..=h).map(|j| p.phi.powi(j as i32)).sum::<f64>(),
                Some(gamma) => p.alpha + p.beta * h as f64 + if h % 12 == 0 { gamma } else { 0.0 },
            };
            sum_c_squared += c * c;
        }
    }
}

/// Rule 5: a forecast below 0 is shown as 0, and so is the low end of its interval.
#[test]
fn falling_series_are_clamped_at_zero() {
    let values: Vec<f64> = (0..12).map(|t| 110.0 - 10.0 * f64::from(t)).collect();
    let forecast = forecast_monthly(month(2025, 1), &values, 24).unwrap();
    let last = forecast.points.last().unwrap();
    assert_eq!((last.value, last.low), (0.0, 0.0));
    assert!(forecast
        .points
        .iter()
        .all(|p| p.low <= p.value && p.value <= p.high));
}

/// Rule 7: a constant training half forecasts the constant exactly, so the MAPE of the held-out
/// months is known by hand; zeros are left out of the mean; all zeros give no MAPE.
#[test]
fn the_backtest_mape_is_computed_by_hand() {
    let cases: [([f64; 6], Option<f64>); 5] = [
        // 125 is |125 − 100| / 125 = 20 % off, the other five are exact: 20 / 6 %.
        ([100.0, 100.0, 100.0, 100.0, 125.0, 100.0], Some(20.0 / 6.0)),
        // 125 (20 %) and 80 (25 %): 45 / 6 = 7.5.
        ([125.0, 100.0, 80.0, 100.0, 100.0, 100.0], Some(7.5)),
        // A month at 0 is left out: 20 % over 5 months = 4 %.
        ([100.0, 0.0, 100.0, 100.0, 125.0, 100.0], Some(4.0)),
        // 50 is 100 % off, 200 is 50 % off: 150 / 6 = 25 → still rough.
        ([50.0, 200.0, 100.0, 100.0, 100.0, 100.0], Some(25.0)),
        ([0.0; 6], None),
    ];
    for (held_out, mape) in cases {
        let mut values = vec![100.0; 6];
        values.extend(held_out);
        let forecast = forecast_monthly(month(2025, 1), &values, 0).unwrap();
        let backtest = forecast.backtest.as_ref().unwrap();
        assert_eq!(backtest.method, Method::DampedTrend);
        assert_eq!(backtest.points.len(), 6);
        assert_eq!(backtest.points[0].month, month(2025, 7));
        for (point, actual) in backtest.points.iter().zip(held_out) {
            assert_eq!((point.actual, point.forecast), (actual, 100.0));
        }
        match (backtest.mape_percent, mape) {
            (Some(got), Some(expected)) => assert_close(got, expected, 1e-9, "MAPE"),
            (got, expected) => assert_eq!(got, expected),
        }
        assert_eq!(forecast.trust(), mape.map(trust));
    }
}

/// Rule 7: fewer than 12 months get no backtest, and say why.
#[test]
fn short_series_get_no_backtest() {
    for months in 6..12 {
        let forecast = forecast_monthly(month(2025, 1), &NOISY[..months], 2).unwrap();
        assert_eq!(
            forecast.backtest,
            Err(NoBacktest::TooShort { months, needed: 12 })
        );
        assert_eq!(forecast.trust(), None);
    }
    assert!(forecast_monthly(month(2025, 1), &NOISY[..12], 2)
        .unwrap()
        .backtest
        .is_ok());
}

/// Horizon 0: fitted and backtested, no points.
#[test]
fn horizon_zero_fits_without_points() {
    let forecast = forecast_monthly(month(2024, 1), &NOISY, 0).unwrap();
    assert!(forecast.points.is_empty());
    assert!(forecast.residual_sd > 0.0);
    assert_eq!(forecast.fitted_from, month(2024, 1));
    assert_eq!(forecast.fitted_to, month(2025, 6));
    assert!(forecast.backtest.unwrap().mape_percent.is_some());
}

/// The months left after the last month of data, to December.
#[test]
fn months_to_the_end_of_the_year() {
    for (last, months) in [(10, 2), (12, 0), (1, 11), (6, 6), (11, 1)] {
        assert_eq!(
            months_to_year_end(month(2025, last)),
            months,
            "month {last}"
        );
    }
    // The forecast to the year's end stops at December.
    let last = month(2025, 10);
    let forecast =
        forecast_monthly(month(2025, 1), &NOISY[..10], months_to_year_end(last)).unwrap();
    let months: Vec<String> = forecast
        .points
        .iter()
        .map(|p| p.month.to_string())
        .collect();
    assert_eq!(months, ["2025-11", "2025-12"]);
}

/// Rule 8: the trust bands of the backtest MAPE.
#[test]
fn trust_bands() {
    let cases = [
        (0.0, Trust::Good),
        (9.999, Trust::Good),
        (10.0, Trust::Rough),
        (25.0, Trust::Rough),
        (25.001, Trust::Poor),
        (400.0, Trust::Poor),
        (f64::INFINITY, Trust::Poor),
        (f64::NAN, Trust::Poor),
    ];
    for (mape, expected) in cases {
        assert_eq!(trust(mape), expected, "{mape}");
    }
}

/// The result prints as JSON for the CLI.
#[test]
fn results_print_as_json() {
    let forecast = forecast_monthly(month(2025, 1), &NOISY[..12], 1).unwrap();
    let json = serde_json::to_value(&forecast).unwrap();
    assert_eq!(json["method"], "damped_trend");
    assert_eq!(json["fitted_from"], "2025-01");
    assert_eq!(json["points"][0]["month"], "2026-01");
    assert!(json["backtest"]["Ok"]["mape_percent"].is_number());
    let short = serde_json::to_value(NoForecast::TooShort {
        months: 4,
        needed: 6,
    })
    .unwrap();
    assert_eq!(
        short,
        serde_json::json!({"reason": "too_short", "months": 4, "needed": 6})
    );
}

/// Extreme but valid values never give NaN or infinity.
#[test]
fn extreme_values_stay_finite() {
    let cases: Vec<Vec<f64>> = vec![
        vec![f64::MAX; 30],
        (0..14)
            .map(|t| if t % 2 == 0 { f64::MAX } else { 0.0 })
            .collect(),
        (0..26)
            .map(|t| if t % 3 == 0 { 1e300 } else { 1e-300 })
            .collect(),
        vec![5e-324; 12],
        (0..8).map(|t| if t == 7 { 1e308 } else { 0.0 }).collect(),
    ];
    for values in cases {
        let forecast = forecast_monthly(month(2020, 1), &values, 24).unwrap();
        assert_sane(&forecast);
    }
}

fn assert_sane(forecast: &Forecast) {
    assert!(forecast.residual_sd.is_finite() && forecast.residual_sd >= 0.0);
    for point in &forecast.points {
        assert!(point.value.is_finite() && point.low.is_finite() && point.high.is_finite());
        assert!(0.0 <= point.low && point.low <= point.value && point.value <= point.high);
    }
    if let Ok(backtest) = &forecast.backtest {
        assert!(backtest
            .mape_percent
            .is_none_or(|mape| mape.is_finite() && mape >= 0.0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Never a panic, never NaN: any non-negative series of 0 to 40 months.
    #[test]
    fn any_series_gives_a_sane_answer(
        values in prop::collection::vec(prop_oneof![Just(0.0), 0.0..1e9f64], 0..40),
        horizon in 0usize..30,
    ) {
        match forecast_monthly(month(2024, 3), &values, horizon) {
            Ok(forecast) => {
                prop_assert!(values.len() >= 6);
                prop_assert_eq!(forecast.points.len(), horizon);
                assert_sane(&forecast);
            }
            Err(NoForecast::Empty) => prop_assert!(values.is_empty()),
            Err(NoForecast::TooShort { months, .. }) => prop_assert_eq!(months, values.len()),
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }
}
