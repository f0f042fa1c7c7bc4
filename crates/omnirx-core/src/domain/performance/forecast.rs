//! Forecasts of monthly series to the end of the year (rules in `docs/forecast.md`): Holt-Winters
//! with a 12-month season from 24 months of data, a damped trend below, an 80 % interval and the
//! error of a backtest on the last 6 months. Plain arithmetic and `libm`, no clock, no randomness:
//! the same bits natively and in wasm.

use serde::Serialize;

use crate::domain::time::Month;

/// Fewer months than this get no forecast (rule 1).
pub const MIN_MONTHS: usize = 6;
/// The length of the season of Holt-Winters.
pub const SEASON: usize = 12;
/// From this many months on, Holt-Winters is used; below, the damped trend (rule 2).
pub const SEASONAL_MIN_MONTHS: usize = 24;
/// Months held out by the backtest (rule 7).
pub const HELD_OUT: usize = 6;
/// Fewer months than this get no backtest: the model fitted on the rest would have fewer than
/// [`MIN_MONTHS`].
pub const BACKTEST_MIN_MONTHS: usize = MIN_MONTHS + HELD_OUT;
/// The longest horizon asked for (ten years); longer horizons are refused rather than allocated.
pub const MAX_HORIZON: usize = 120;
/// The 90 % quantile of the standard normal: ±Z_80 standard deviations hold 80 %.
pub const Z_80: f64 = 1.281_551_565_544_600_5;
/// A backtest MAPE below this (percent) is [`Trust::Good`].
pub const GOOD_BELOW_PERCENT: f64 = 10.0;
/// A backtest MAPE up to this (percent, inclusive) is [`Trust::Rough`]; above, [`Trust::Poor`].
pub const ROUGH_UP_TO_PERCENT: f64 = 25.0;

/// The smoothing model fitted (rule 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// ETS(A,A,A): additive level, trend and 12-month season; used with 24 months or more.
    HoltWintersAdditive,
    /// ETS(A,Ad,N): additive level and damped trend, no season; used with 6 to 23 months.
    DampedTrend,
}

/// The smoothing parameters chosen (rule 4), in the error-correction form of Hyndman et al.:
/// `beta` is the trend's gain on the one-step error (Holt's β* times α), so `beta ≤ alpha`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Parameters {
    pub alpha: f64,
    pub beta: f64,
    /// The season's gain; `None` for the damped trend.
    pub gamma: Option<f64>,
    /// The damping of the trend; 1.0 (no damping) for Holt-Winters.
    pub phi: f64,
}

/// One forecast month: the point forecast and its 80 % interval, all at least 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ForecastPoint {
    pub month: Month,
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// One held-out month of the backtest.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BacktestPoint {
    pub month: Month,
    pub actual: f64,
    pub forecast: f64,
}

/// The model refitted without the last [`HELD_OUT`] months, and how far its forecast of them
/// missed (rule 7).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backtest {
    /// The method chosen for the shorter series (it can differ from the full forecast's).
    pub method: Method,
    pub held_out: usize,
    /// Mean absolute percentage error over the held-out months whose actual is not 0; `None`
    /// when all of them are 0.
    pub mape_percent: Option<f64>,
    pub points: Vec<BacktestPoint>,
}

/// Why a forecast has no backtest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoBacktest {
    /// Fewer than [`BACKTEST_MIN_MONTHS`] months.
    TooShort { months: usize, needed: usize },
}

/// A fitted series and its forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forecast {
    pub method: Method,
    pub parameters: Parameters,
    /// The first and last months of the data fitted.
    pub fitted_from: Month,
    pub fitted_to: Month,
    /// One point per month after `fitted_to`, as many as the horizon asked.
    pub points: Vec<ForecastPoint>,
    pub backtest: Result<Backtest, NoBacktest>,
    /// The standard deviation of the one-step errors (rule 5), in the series' unit.
    pub residual_sd: f64,
}

/// Why a series gets no forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoForecast {
    /// No values at all.
    Empty,
    /// Fewer than [`MIN_MONTHS`] months.
    TooShort { months: usize, needed: usize },
    /// The value of this month is NaN or infinite.
    NotFinite { month: Month },
    /// The value of this month is below 0.
    NegativeValue { month: Month },
    /// More than [`MAX_HORIZON`] months asked for.
    HorizonTooLong { horizon: usize, max: usize },
}

/// How far to trust a forecast, from its backtest MAPE (rule 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// MAPE under 10 %: plan on it.
    Good,
    /// 10 % to 25 %: a direction, not a number.
    Rough,
    /// Above 25 % (or not a number): do not plan on it.
    Poor,
}

/// The trust band of a backtest MAPE in percent: under 10 good, 10 to 25 rough, above poor.
pub fn trust(mape_percent: f64) -> Trust {
    if mape_percent < GOOD_BELOW_PERCENT {
        Trust::Good
    } else if mape_percent <= ROUGH_UP_TO_PERCENT {
        Trust::Rough
    } else {
        Trust::Poor
    }
}

impl Forecast {
    /// The trust band of the backtest, if there is a backtest with a MAPE.
    pub fn trust(&self) -> Option<Trust> {
        self.backtest
            .as_ref()
            .ok()
            .and_then(|backtest| backtest.mape_percent)
            .map(trust)
    }
}

/// Months from the month after `last` to December of `last`'s year (0 when `last` is December).
pub fn months_to_year_end(last: Month) -> usize {
    usize::from(12u8.saturating_sub(last.month))
}

/// Fits `values` (one per month from `first`, contiguous; months without data are 0) and forecasts
/// `horizon` months after the last (0 allowed: fitted and backtested, no points).
pub fn forecast_monthly(
    first: Month,
    values: &[f64],
    horizon: usize,
) -> Result<Forecast, NoForecast> {
    if values.is_empty() {
        return Err(NoForecast::Empty);
    }
    if horizon > MAX_HORIZON {
        return Err(NoForecast::HorizonTooLong {
            horizon,
            max: MAX_HORIZON,
        });
    }
    for (offset, &value) in values.iter().enumerate() {
        let month = first.plus(offset as i64);
        if !value.is_finite() {
            return Err(NoForecast::NotFinite { month });
        }
        if value < 0.0 {
            return Err(NoForecast::NegativeValue { month });
        }
    }
    let n = values.len();
    if n < MIN_MONTHS {
        return Err(NoForecast::TooShort {
            months: n,
            needed: MIN_MONTHS,
        });
    }
    let full = project(first, values, horizon);
    let backtest = if n < BACKTEST_MIN_MONTHS {
        Err(NoBacktest::TooShort {
            months: n,
            needed: BACKTEST_MIN_MONTHS,
        })
    } else {
        Ok(backtest(first, values))
    };
    Ok(Forecast {
        method: full.method,
        parameters: full.parameters,
        fitted_from: first,
        fitted_to: first.plus(n as i64 - 1),
        points: full.points,
        backtest,
        residual_sd: full.residual_sd,
    })
}

/// A fit and its forecast, on checked values (finite, ≥ 0, at least [`MIN_MONTHS`]).
struct Projection {
    method: Method,
    parameters: Parameters,
    points: Vec<ForecastPoint>,
    residual_sd: f64,
}

fn backtest(first: Month, values: &[f64]) -> Backtest {
    let train = values.len() - HELD_OUT;
    let projection = project(first, &values[..train], HELD_OUT);
    let points: Vec<BacktestPoint> = projection
        .points
        .iter()
        .zip(&values[train..])
        .map(|(point, &actual)| BacktestPoint {
            month: point.month,
            actual,
            forecast: point.value,
        })
        .collect();
    let (mut sum, mut count) = (0.0, 0usize);
    for point in &points {
        if point.actual > 0.0 {
            sum += libm::fabs(point.actual - point.forecast) / point.actual * 100.0;
            count += 1;
        }
    }
    Backtest {
        method: projection.method,
        held_out: HELD_OUT,
        mape_percent: (count > 0).then(|| finite(sum / count as f64)),
        points,
    }
}

fn project(first: Month, values: &[f64], horizon: usize) -> Projection {
    let n = values.len();
    // Fitted on the series divided by its largest value, so that squares never overflow; the
    // forecast is scaled back.
    let largest = values
        .iter()
        .fold(0.0f64, |largest, &value| largest.max(value));
    let scale = if largest > 0.0 { largest } else { 1.0 };
    let y: Vec<f64> = values.iter().map(|value| value / scale).collect();
    let fit = if n >= SEASONAL_MIN_MONTHS {
        fit_holt_winters(&y)
    } else {
        fit_damped_trend(&y)
    };
    // σ² = SSE / (one-step errors − 3 smoothing parameters), never below SSE / errors.
    let degrees = fit.errors.saturating_sub(3).max(1);
    let sigma = libm::sqrt(fit.sse / degrees as f64);
    let last = first.plus(n as i64 - 1);
    let mut points = Vec::with_capacity(horizon);
    let mut sum_c_squared = 0.0;
    let mut phi_power = 1.0;
    let mut phi_sum = 0.0;
    for h in 1..=horizon {
        phi_power *= fit.parameters.phi;
        phi_sum += phi_power;
        let raw = match &fit.state {
            State::Damped { level, trend } => level + phi_sum * trend,
            State::Seasonal {
                level,
                trend,
                seasonals,
            } => level + h as f64 * trend + seasonals[(n + h - 1) % SEASON],
        };
        let half_width = Z_80 * sigma * libm::sqrt(1.0 + sum_c_squared);
        let (value, low, high) = (
            raw * scale,
            (raw - half_width) * scale,
            (raw + half_width) * scale,
        );
        points.push(ForecastPoint {
            month: last.plus(h as i64),
            value: finite(value.max(0.0)),
            low: finite(low.max(0.0)),
            high: finite(high.max(0.0)),
        });
        // c_h, for the variance of the next step (rule 6).
        let p = fit.parameters;
        let c = match p.gamma {
            None => p.alpha + p.beta * phi_sum,
            Some(gamma) => {
                let seasonal = if h % SEASON == 0 { gamma } else { 0.0 };
                p.alpha + p.beta * h as f64 + seasonal
            }
        };
        sum_c_squared += c * c;
    }
    Projection {
        method: fit.method,
        parameters: fit.parameters,
        points,
        residual_sd: finite(sigma * scale),
    }
}

/// NaN → 0, ±∞ → the largest finite value: no output is ever NaN or infinite.
fn finite(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(-f64::MAX, f64::MAX)
    }
}

enum State {
    Damped {
        level: f64,
        trend: f64,
    },
    /// `seasonals[i]` belongs to the months `i` months (mod 12) after the first.
    Seasonal {
        level: f64,
        trend: f64,
        seasonals: [f64; SEASON],
    },
}

struct Fit {
    method: Method,
    parameters: Parameters,
    sse: f64,
    /// How many one-step errors `sse` sums.
    errors: usize,
    state: State,
}

// ---- The damped trend, ETS(A,Ad,N) ----

/// Months whose first differences give the initial trend (rule 3).
const TREND_START_DIFFERENCES: usize = 4;

/// The level and trend after the first month: level = the first value, trend = the mean of the
/// first min(n − 1, 4) first differences.
fn damped_start(y: &[f64]) -> (f64, f64) {
    let k = (y.len() - 1).min(TREND_START_DIFFERENCES);
    (y[0], (y[k] - y[0]) / k as f64)
}

/// Runs the filter from the second month; returns the SSE of the one-step errors (stopping
/// early, with a value ≥ `bound`, once it reaches `bound`) and the final level and trend.
fn run_damped(y: &[f64], [alpha, beta, phi]: [f64; 3], bound: f64) -> (f64, f64, f64) {
    let (mut level, mut trend) = damped_start(y);
    let mut sse = 0.0;
    for &actual in &y[1..] {
        let forecast = level + phi * trend;
        let error = actual - forecast;
        level = forecast + alpha * error;
        trend = phi * trend + beta * error;
        sse += error * error;
        if !(sse < bound) {
            return (f64::INFINITY, level, trend);
        }
    }
    (sse, level, trend)
}

fn fit_damped_trend(y: &[f64]) -> Fit {
    let sse = |p: [f64; 3], bound: f64| run_damped(y, p, bound).0;
    let valid = |[alpha, beta, phi]: [f64; 3]| {
        (0.01..=0.99).contains(&alpha)
            && (0.0..=alpha).contains(&beta)
            && (0.80..=0.98).contains(&phi)
    };
    // The grid: α = 0.05…0.95, β = 0…α, φ = 0.80…0.98, smallest first.
    let mut best = ([0.05, 0.0, 0.80], f64::INFINITY);
    for a in 1..=19 {
        for b in 0..=a {
            for f in 0..=9 {
                let p = [
                    f64::from(a) / 20.0,
                    f64::from(b) / 20.0,
                    f64::from(40 + f) / 50.0,
                ];
                let value = sse(p, best.1);
                if value < best.1 {
                    best = (p, value);
                }
            }
        }
    }
    let (p, _) = refine(best, valid, sse);
    let (sse, level, trend) = run_damped(y, p, f64::INFINITY);
    Fit {
        method: Method::DampedTrend,
        parameters: Parameters {
            alpha: p[0],
            beta: p[1],
            gamma: None,
            phi: p[2],
        },
        sse: finite(sse),
        errors: y.len() - 1,
        state: State::Damped { level, trend },
    }
}

// ---- Holt-Winters, ETS(A,A,A) with m = 12 ----

/// The states before the first month: level = mean of the first year moved back half a year
/// along the trend, trend = (mean of year 2 − mean of year 1) / 12, seasonals = first year −
/// (level + trend × month), which sum to 0.
fn seasonal_start(y: &[f64]) -> (f64, f64, [f64; SEASON]) {
    let season = SEASON as f64;
    let mean_1 = y[..SEASON].iter().sum::<f64>() / season;
    let mean_2 = y[SEASON..2 * SEASON].iter().sum::<f64>() / season;
    let trend = (mean_2 - mean_1) / season;
    let level = mean_1 - (season + 1.0) / 2.0 * trend;
    let mut seasonals = [0.0; SEASON];
    for (i, seasonal) in seasonals.iter_mut().enumerate() {
        *seasonal = y[i] - (level + (i + 1) as f64 * trend);
    }
    (level, trend, seasonals)
}

/// Runs the filter over every month; returns the SSE (stopping early, with a value ≥ `bound`,
/// once it reaches `bound`) and the final states.
fn run_seasonal(
    y: &[f64],
    [alpha, beta, gamma]: [f64; 3],
    bound: f64,
) -> (f64, f64, f64, [f64; SEASON]) {
    let (mut level, mut trend, mut seasonals) = seasonal_start(y);
    let mut sse = 0.0;
    let mut season = 0;
    for &actual in y {
        let forecast = level + trend + seasonals[season];
        let error = actual - forecast;
        level = level + trend + alpha * error;
        trend += beta * error;
        seasonals[season] += gamma * error;
        season = if season + 1 == SEASON { 0 } else { season + 1 };
        sse += error * error;
        if !(sse < bound) {
            return (f64::INFINITY, level, trend, seasonals);
        }
    }
    (sse, level, trend, seasonals)
}

fn fit_holt_winters(y: &[f64]) -> Fit {
    let sse = |p: [f64; 3], bound: f64| run_seasonal(y, p, bound).0;
    let valid = |[alpha, beta, gamma]: [f64; 3]| {
        (0.01..=0.99).contains(&alpha)
            && (0.0..=alpha).contains(&beta)
            && (0.0..=1.0 - alpha).contains(&gamma)
    };
    // The grid: α = 0.05…0.95, β = 0…α, γ = 0…1 − α, smallest first.
    let mut best = ([0.05, 0.0, 0.0], f64::INFINITY);
    for a in 1..=19 {
        for b in 0..=a {
            for g in 0..=(20 - a) {
                let p = [
                    f64::from(a) / 20.0,
                    f64::from(b) / 20.0,
                    f64::from(g) / 20.0,
                ];
                let value = sse(p, best.1);
                if value < best.1 {
                    best = (p, value);
                }
            }
        }
    }
    let (p, _) = refine(best, valid, sse);
    let (sse, level, trend, seasonals) = run_seasonal(y, p, f64::INFINITY);
    Fit {
        method: Method::HoltWintersAdditive,
        parameters: Parameters {
            alpha: p[0],
            beta: p[1],
            gamma: Some(p[2]),
            phi: 1.0,
        },
        sse: finite(sse),
        errors: y.len(),
        state: State::Seasonal {
            level,
            trend,
            seasonals,
        },
    }
}

// ---- The search ----

/// The first step of the refinement (half the grid's), and the last.
const FIRST_STEP: f64 = 0.025;
const LAST_STEP: f64 = 0.001;
/// At most this many moves per step size, so the time is bounded whatever the data.
const MOVES_PER_STEP: usize = 40;

/// Pattern search around the grid's best: each parameter in turn moves one step down, else one
/// step up, when that lowers the SSE strictly (ties keep the current, smaller, values); the step
/// halves when no move helps.
fn refine(
    (mut point, mut best): ([f64; 3], f64),
    valid: impl Fn([f64; 3]) -> bool,
    sse: impl Fn([f64; 3], f64) -> f64,
) -> ([f64; 3], f64) {
    let mut step = FIRST_STEP;
    while step >= LAST_STEP {
        for _ in 0..MOVES_PER_STEP {
            let mut moved = false;
            for i in 0..3 {
                for direction in [-1.0, 1.0] {
                    let mut candidate = point;
                    candidate[i] += direction * step;
                    if !valid(candidate) {
                        continue;
                    }
                    let value = sse(candidate, best);
                    if value < best {
                        (point, best) = (candidate, value);
                        moved = true;
                        break;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        step /= 2.0;
    }
    (point, best)
}
