//! The year-end outlook: each product's monthly actuals, per region and in all, forecast to
//! December (see `forecast`), with the forecast's year-end total against the annual target.

use serde::Serialize;

use super::attainment::{ratio, Measure, Source, TargetTree};
use super::forecast::{forecast_monthly, months_to_year_end, Forecast, NoForecast};
use super::index::{Holder, PerformanceData, NONE};
use crate::domain::model::Workspace;
use crate::domain::time::Month;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutlookRow {
    pub product_id: String,
    pub product: String,
    /// `None`: every region together.
    pub region_id: Option<String>,
    pub region: String,
    /// Actuals month by month from the outlook's first month to the end of the data.
    pub actuals: Vec<f64>,
    pub forecast: Result<Forecast, NoForecast>,
    /// Actuals of the year so far.
    pub year_to_date: f64,
    /// Year to date plus the forecast of the months left (none without a forecast).
    pub year_end: Option<f64>,
    pub annual_target: Option<f64>,
    pub year_end_attainment: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlook {
    /// The year forecast to its end: the year of the end of the data.
    pub year: Option<i32>,
    /// The months the actuals cover.
    pub first: Option<Month>,
    pub last: Option<Month>,
    pub rows: Vec<OutlookRow>,
}

/// Every product (or the one asked for), in all and per region.
pub fn outlook(
    data: &PerformanceData,
    workspace: &Workspace,
    measure: Measure,
    source: Source,
    product_id: Option<&str>,
) -> Outlook {
    let wanted = |sale_hcp: u32| match source {
        Source::Prescriptions => sale_hcp != NONE,
        Source::Sales => sale_hcp == NONE,
    };
    let first = data
        .sales
        .iter()
        .filter(|s| wanted(s.hcp))
        .map(|s| s.month)
        .min();
    let last = data
        .sales
        .iter()
        .filter(|s| wanted(s.hcp))
        .map(|s| s.month)
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return Outlook {
            year: None,
            first: None,
            last: None,
            rows: Vec::new(),
        };
    };
    let last = last.max(first);
    let months = (last - first + 1) as usize;
    let regions = workspace.regions.len();
    let products = workspace.products.len();
    // series[product][region or `regions` for all]
    let mut series = vec![vec![vec![0.0; months]; regions + 1]; products];
    for sale in data.sales.iter().filter(|s| wanted(s.hcp)) {
        if sale.month < first || sale.month > last {
            continue;
        }
        let amount = match measure {
            Measure::Units => sale.units,
            Measure::Value => sale.value,
        };
        let offset = (sale.month - first) as usize;
        let per_product = &mut series[sale.product as usize];
        per_product[regions][offset] += amount;
        let region = data
            .account_region
            .get(sale.account as usize)
            .copied()
            .unwrap_or(NONE);
        if region != NONE {
            per_product[region as usize][offset] += amount;
        }
    }
    let last_month = Month::from_index(last);
    let year = last_month.year;
    let horizon = months_to_year_end(last_month);
    let year_months = (Month { year, month: 1 }, Month { year, month: 12 });
    let year_start = year_months.0.index();
    let mut rows = Vec::new();
    for (product, per_product) in series.iter().enumerate() {
        let record = &workspace.products[product];
        if product_id.is_some_and(|id| id != record.id) {
            continue;
        }
        let tree = TargetTree::new(data, year_months, Some(product as u32), measure);
        for region in std::iter::once(regions).chain(0..regions) {
            let actuals = per_product[region].clone();
            let forecast = forecast_monthly(Month::from_index(first), &actuals, horizon);
            let year_to_date: f64 = actuals
                .iter()
                .enumerate()
                .filter(|(offset, _)| first + *offset as i64 >= year_start)
                .map(|(_, value)| value)
                .sum();
            let year_end = forecast.as_ref().ok().map(|forecast| {
                year_to_date
                    + forecast
                        .points
                        .iter()
                        .filter(|p| p.month.year == year)
                        .map(|p| p.value)
                        .sum::<f64>()
            });
            let holder = if region == regions {
                Holder::Team
            } else {
                Holder::Region(region as u32)
            };
            let annual_target = tree.total(holder);
            rows.push(OutlookRow {
                product_id: record.id.clone(),
                product: record.name.clone(),
                region_id: (region < regions).then(|| workspace.regions[region].id.clone()),
                region: if region < regions {
                    workspace.regions[region].name.clone()
                } else {
                    String::new()
                },
                actuals,
                year_end_attainment: year_end
                    .zip(annual_target)
                    .and_then(|(end, target)| ratio(end, target)),
                forecast,
                year_to_date,
                year_end,
                annual_target,
            });
        }
    }
    Outlook {
        year: Some(year),
        first: Some(Month::from_index(first)),
        last: Some(last_month),
        rows,
    }
}

/// A drill-down scope month by month to the end of the year: targets and actuals, and the
/// forecast of its actuals for the months left.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopeOutlook {
    /// From the first month with actuals to December of the end of the data's year.
    pub points: Vec<super::attainment::MonthPoint>,
    /// How many of `points` are actuals (the rest are forecast).
    pub actual_months: usize,
    pub forecast: Result<Forecast, NoForecast>,
}

pub fn scope_outlook(
    data: &PerformanceData,
    workspace: &Workspace,
    scope: &super::attainment::Scope,
    measure: Measure,
    source: Source,
) -> Option<ScopeOutlook> {
    let wanted = |hcp: u32| match source {
        Source::Prescriptions => hcp != NONE,
        Source::Sales => hcp == NONE,
    };
    let first = data
        .sales
        .iter()
        .filter(|s| wanted(s.hcp))
        .map(|s| s.month)
        .min()?;
    let end = data
        .sales
        .iter()
        .filter(|s| wanted(s.hcp))
        .map(|s| s.month)
        .max()?;
    let last = Month::from_index(end);
    let horizon = months_to_year_end(last);
    let points = super::attainment::monthly_attainment(
        data,
        workspace,
        scope,
        measure,
        source,
        (Month::from_index(first), last.plus(horizon as i64)),
    );
    let actual_months = (end - first + 1) as usize;
    let actuals: Vec<f64> = points[..actual_months].iter().map(|p| p.actual).collect();
    Some(ScopeOutlook {
        forecast: forecast_monthly(Month::from_index(first), &actuals, horizon),
        points,
        actual_months,
    })
}
