//! The periods performance is read over: a month, a quarter, the year to date or a year, with
//! the period before and the same period a year earlier.

use serde::Serialize;

use crate::domain::time::Month;

/// A span of whole months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    Month {
        month: Month,
    },
    /// `quarter` is 1–4.
    Quarter {
        year: i32,
        quarter: u8,
    },
    /// January to `through`, both included.
    YearToDate {
        through: Month,
    },
    Year {
        year: i32,
    },
}

/// Why a period was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAPeriod(pub String);

impl Period {
    /// Reads `YYYY-MM`, `YYYY-Qn`, `YYYY` or `YYYY-MM-ytd` (the year to the end of that month).
    pub fn parse(text: &str) -> Result<Period, NotAPeriod> {
        let text = text.trim();
        let bad = || NotAPeriod(text.to_string());
        if let Some(month) = text
            .strip_suffix("-ytd")
            .or_else(|| text.strip_suffix("-YTD"))
        {
            let through = Month::parse(month).map_err(|_| bad())?;
            return Ok(Period::YearToDate { through });
        }
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Period::Year {
                year: text.parse().map_err(|_| bad())?,
            });
        }
        if let Some((year, quarter)) = text.split_once("-Q").or_else(|| text.split_once("-q")) {
            let year: i32 = year.parse().map_err(|_| bad())?;
            let quarter: u8 = quarter.parse().map_err(|_| bad())?;
            if year.to_string().len() != 4 || !(1..=4).contains(&quarter) {
                return Err(bad());
            }
            return Ok(Period::Quarter { year, quarter });
        }
        Month::parse(text)
            .map(|month| Period::Month { month })
            .map_err(|_| bad())
    }

    /// The first and last month, both included.
    pub fn months(self) -> (Month, Month) {
        match self {
            Period::Month { month } => (month, month),
            Period::Quarter { year, quarter } => {
                let first = Month {
                    year,
                    month: (quarter - 1) * 3 + 1,
                };
                (first, first.plus(2))
            }
            Period::YearToDate { through } => (
                Month {
                    year: through.year,
                    month: 1,
                },
                through,
            ),
            Period::Year { year } => (Month { year, month: 1 }, Month { year, month: 12 }),
        }
    }

    pub fn month_count(self) -> i64 {
        let (first, last) = self.months();
        last.index() - first.index() + 1
    }

    pub fn contains(self, month: Month) -> bool {
        let (first, last) = self.months();
        first <= month && month <= last
    }

    /// The same months a year earlier.
    pub fn year_earlier(self) -> Period {
        match self {
            Period::Month { month } => Period::Month {
                month: month.plus(-12),
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year: year - 1,
                quarter,
            },
            Period::YearToDate { through } => Period::YearToDate {
                through: through.plus(-12),
            },
            Period::Year { year } => Period::Year { year: year - 1 },
        }
    }

    /// The period just before, of the same kind; none for the year to date (its previous
    /// period is the same months a year earlier).
    pub fn previous(self) -> Option<Period> {
        match self {
            Period::Month { month } => Some(Period::Month {
                month: month.plus(-1),
            }),
            Period::Quarter { year, quarter: 1 } => Some(Period::Quarter {
                year: year - 1,
                quarter: 4,
            }),
            Period::Quarter { year, quarter } => Some(Period::Quarter {
                year,
                quarter: quarter - 1,
            }),
            Period::YearToDate { .. } => None,
            Period::Year { year } => Some(Period::Year { year: year - 1 }),
        }
    }

    /// The period of `kind` that holds `month` ("month", "quarter", "ytd", "year").
    pub fn of_kind_holding(kind: PeriodKind, month: Month) -> Period {
        match kind {
            PeriodKind::Month => Period::Month { month },
            PeriodKind::Quarter => Period::Quarter {
                year: month.year,
                quarter: (month.month - 1) / 3 + 1,
            },
            PeriodKind::YearToDate => Period::YearToDate { through: month },
            PeriodKind::Year => Period::Year { year: month.year },
        }
    }

    pub fn kind(self) -> PeriodKind {
        match self {
            Period::Month { .. } => PeriodKind::Month,
            Period::Quarter { .. } => PeriodKind::Quarter,
            Period::YearToDate { .. } => PeriodKind::YearToDate,
            Period::Year { .. } => PeriodKind::Year,
        }
    }

    /// `2026-10`, `2026-Q4`, `2026-10-ytd`, `2026`: the form `parse` reads.
    pub fn key(self) -> String {
        match self {
            Period::Month { month } => month.to_string(),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::YearToDate { through } => format!("{through}-ytd"),
            Period::Year { year } => year.to_string(),
        }
    }
}

/// The kinds of period the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    YearToDate,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::YearToDate,
        PeriodKind::Year,
    ];
}
