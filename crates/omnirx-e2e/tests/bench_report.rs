//! The benchmark report: each figure with all its runs, the median, the budget it is held to and
//! PASS/FAIL, printed as one table and written as JSON so that two runs can be compared.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

/// What a figure may not exceed (every budget in the issue is an upper limit).
#[derive(Clone, Copy)]
pub struct Budget {
    pub at_most: f64,
}

/// One measured figure: a stable key for comparing runs, a label for people, and every sample.
pub struct Figure {
    pub key: String,
    pub label: String,
    pub unit: &'static str,
    pub runs: Vec<f64>,
    pub budget: Option<Budget>,
}

impl Figure {
    /// The median, by nearest rank from below for an even count: always an observed value.
    pub fn median(&self) -> f64 {
        median(&self.runs)
    }

    /// `Some(true)` when within the budget, `None` when there is no budget or no value.
    pub fn passes(&self) -> Option<bool> {
        let budget = self.budget?;
        let value = self.median();
        (!value.is_nan()).then_some(value <= budget.at_most)
    }
}

/// The median of some samples; NaN when there are none.
pub fn median(samples: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(|a, b| a.total_cmp(b));
    sorted[(sorted.len() - 1) / 2]
}

/// Every figure of one `./x bench` run, in the order they are shown.
#[derive(Default)]
pub struct Report {
    pub figures: Vec<Figure>,
    /// Things the reader must know that are not numbers: a count mismatch, a failed scale.
    pub notes: Vec<String>,
}

impl Report {
    /// Adds a figure without a budget.
    pub fn add(&mut self, key: &str, label: &str, unit: &'static str, runs: Vec<f64>) {
        self.figures.push(Figure {
            key: key.to_string(),
            label: label.to_string(),
            unit,
            runs,
            budget: None,
        });
    }

    /// Adds a figure held to `at_most`.
    pub fn add_with_budget(
        &mut self,
        key: &str,
        label: &str,
        unit: &'static str,
        runs: Vec<f64>,
        at_most: f64,
    ) {
        self.figures.push(Figure {
            key: key.to_string(),
            label: label.to_string(),
            unit,
            runs,
            budget: Some(Budget { at_most }),
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The median of a figure already added, for figures derived from others.
    pub fn median_of(&self, key: &str) -> Option<f64> {
        self.figures
            .iter()
            .find(|figure| figure.key == key)
            .map(Figure::median)
    }

    pub fn failed_budgets(&self) -> usize {
        self.figures
            .iter()
            .filter(|figure| figure.passes() == Some(false))
            .count()
    }

    /// The table, with the previous run's median next to each figure when there is one.
    pub fn table(&self, machine: &str, previous: &BTreeMap<String, f64>) -> String {
        let mut lines = vec![
            format!("OmniRx benchmark · {machine}"),
            format!(
                "{:<58} {:>12} {:<3} {:>5} {:>12} {:<7} {:>12} {:>8}",
                "figure", "median", "", "runs", "budget", "verdict", "previous", "change"
            ),
        ];
        for figure in &self.figures {
            let median = figure.median();
            let budget = figure
                .budget
                .map(|budget| format!("≤ {}", format_value(budget.at_most)))
                .unwrap_or_default();
            let verdict = match figure.passes() {
                Some(true) => "PASS",
                Some(false) => "FAIL",
                None => "",
            };
            let (before, change) = match previous.get(&figure.key) {
                Some(before) if *before != 0.0 && !median.is_nan() => (
                    format_value(*before),
                    format!("{:+.0}%", (median / before - 1.0) * 100.0),
                ),
                Some(before) => (format_value(*before), String::new()),
                None => (String::new(), String::new()),
            };
            lines.push(format!(
                "{:<58} {:>12} {:<3} {:>5} {:>12} {:<7} {:>12} {:>8}",
                figure.label,
                format_value(median),
                figure.unit,
                figure.runs.len(),
                budget,
                verdict,
                before,
                change
            ));
        }
        let budgets = self.figures.iter().filter(|f| f.budget.is_some()).count();
        lines.push(format!(
            "{} of {budgets} budgets pass; medians of every run listed in the JSON report",
            budgets - self.failed_budgets()
        ));
        lines.extend(self.notes.iter().map(|note| format!("note: {note}")));
        lines.join("\n")
    }

    pub fn to_json(&self, machine: &str, date: &str) -> Value {
        json!({
            "date": date,
            "machine": machine,
            "figures": self.figures.iter().map(|figure| json!({
                "key": figure.key,
                "label": figure.label,
                "unit": figure.unit,
                "median": finite_or_null(figure.median()),
                "runs": figure.runs.iter().map(|v| finite_or_null(*v)).collect::<Vec<_>>(),
                "budget_at_most": figure.budget.map(|b| b.at_most),
                "verdict": figure.passes().map(|pass| if pass { "PASS" } else { "FAIL" }),
            })).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }
}

fn finite_or_null(value: f64) -> Value {
    if value.is_finite() {
        json!(value)
    } else {
        Value::Null
    }
}

/// Medians by key from an earlier JSON report; empty when there is none or it cannot be read.
pub fn previous_medians(path: &Path) -> BTreeMap<String, f64> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    let Ok(report) = serde_json::from_str::<Value>(&text) else {
        return BTreeMap::new();
    };
    report["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|figure| {
            Some((
                figure["key"].as_str()?.to_string(),
                figure["median"].as_f64()?,
            ))
        })
        .collect()
}

/// Three significant digits at most, without a long tail of decimals: 0.123, 12.3, 1234, 2572255.
pub fn format_value(value: f64) -> String {
    if value.is_nan() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    if magnitude >= 100.0 || value == value.trunc() {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

/// The machine the figures come from: CPU model, cores, memory and the browser's version.
pub fn describe_machine() -> String {
    let cpu_info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu_info
        .lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let memory_gb = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with("MemTotal:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0 / 1024.0)
        .unwrap_or(f64::NAN);
    let browser = std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown browser".to_string());
    format!("{model}, {cores} cores, {memory_gb:.0} GB, {browser}, headless")
}

/// Today's date in UTC as YYYY-MM-DD.
pub fn today_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let date = omnirx_core::domain::calendar::CalendarDate::from_days_since_unix_epoch(
        seconds.div_euclid(86_400),
    );
    date.to_string()
}
