//! Prints how long the Performance page's work takes natively on the demo and `large`
//! workspaces (`cargo bench --bench performance`): the index (once per data change; alone, and
//! from the funnel's HCP index, which the app has built by then), then what
//! the page draws on opening (the table by region, the monthly chart with its forecast, activity
//! by rep, the follow-up lists, effort against outcome), a drill-down (the same for one region by
//! territory), and the forecast of every product × region.

#[path = "support/timing.rs"]
mod timing;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::performance::outlook::{outlook, scope_outlook};
use omnirx_core::domain::performance::{
    activity_table, attainment_table, effort_outcome, follow_up, ActivityDimension,
    AttainmentQuery, Dimension, Measure, PerformanceData, Period, PeriodKind, Scope, Source,
};

const RUNS: usize = 11;

/// Everything the page computes for one scope, as `ui/state/performance.rs` asks for it.
fn page(data: &PerformanceData, workspace: &Workspace, dimension: Dimension, scope: &Scope) {
    let period = Period::of_kind_holding(PeriodKind::YearToDate, data.sales_end.unwrap());
    let query = AttainmentQuery {
        period,
        measure: Measure::Units,
        source: Source::Prescriptions,
        dimension,
        scope: scope.clone(),
    };
    std::hint::black_box(attainment_table(data, workspace, &query));
    std::hint::black_box(scope_outlook(
        data,
        workspace,
        scope,
        Measure::Units,
        Source::Prescriptions,
    ));
    std::hint::black_box(activity_table(
        data,
        workspace,
        period,
        ActivityDimension::Rep,
        scope,
    ));
    std::hint::black_box(follow_up(data, workspace, period, scope, 10));
    std::hint::black_box(effort_outcome(
        data,
        workspace,
        period,
        Measure::Units,
        Source::Prescriptions,
        scope,
    ));
}

fn main() {
    let wanted = timing::wanted_scales();
    println!(
        "{:<7} {:>7} {:>10} {:>12} {:>10} {:>10} {:>12} {:>12}",
        "scale", "HCPs", "events", "alone ms", "index ms", "page ms", "drill ms", "forecast ms"
    );
    for (name, scale) in [("demo", DemoScale::Demo), ("large", DemoScale::Large)] {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let workspace =
            generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::Chinese));
        let strings_ms = timing::median_ms(RUNS, || PerformanceData::build(&workspace));
        let funnel_index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
        let index_ms = timing::median_ms(RUNS, || {
            PerformanceData::build_with(&workspace, Some(&funnel_index))
        });
        let data = PerformanceData::build_with(&workspace, Some(&funnel_index));
        let page_ms = timing::median_ms(RUNS, || {
            page(&data, &workspace, Dimension::Region, &Scope::default())
        });
        let region = Scope {
            region: Some(workspace.regions[0].id.clone()),
            ..Scope::default()
        };
        let drill_ms = timing::median_ms(RUNS, || {
            page(&data, &workspace, Dimension::Territory, &region)
        });
        let forecast_ms = timing::median_ms(RUNS, || {
            outlook(
                &data,
                &workspace,
                Measure::Units,
                Source::Prescriptions,
                None,
            )
        });
        println!(
            "{:<7} {:>7} {:>10} {:>12.1} {:>10.1} {:>10.1} {:>12.1} {:>12.1}",
            name,
            workspace.hcps.len(),
            workspace.interactions.len(),
            strings_ms,
            index_ms,
            page_ms,
            drill_ms,
            forecast_ms
        );
    }
    println!("(median of {RUNS} runs)");
}
