//! The year-end forecast per product and region: year to date, the forecast year end, the annual
//! target and its forecast attainment, with the method and the backtest error to trust it by.

use leptos::prelude::*;

use super::labels;
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::performance::forecast::NoForecast;
use omnirx_core::domain::performance::outlook::OutlookRow;
use omnirx_core::i18n::{phrases, text, Language, Text};

fn forecast_cells(state: AppState, row: &OutlookRow, language: Language) -> AnyView {
    let label = move |key: Text| text(language, key);
    match &row.forecast {
        Ok(forecast) => {
            let mape = forecast.backtest.as_ref().ok().and_then(|b| b.mape_percent);
            let trust = forecast.trust().map(|t| {
                let (words, class) = labels::trust(t);
                view! { <span class=format!("badge {class}")>{state.text(words)}</span> }
            });
            view! {
                <td data-label=label(Text::PerfMethod)>{label(labels::method(forecast.method))}</td>
                <td class="number" data-label=label(Text::PerfMape)>
                    {mape.map_or("—".to_string(), |m| format!("{m:.1}%"))}
                    " "
                    {trust}
                </td>
            }
            .into_any()
        }
        Err(reason) => {
            let why = match reason {
                NoForecast::TooShort { months, needed } => {
                    phrases::perf_too_short(language, months, needed)
                }
                NoForecast::Empty => phrases::perf_too_short(language, 0, 6),
                other => format!("{other:?}"),
            };
            view! {
                <td colspan="2" data-testid="performance-no-forecast">
                    {why}
                </td>
            }
            .into_any()
        }
    }
}

fn outlook_row(state: AppState, row: OutlookRow, language: Language) -> impl IntoView {
    let label = move |key: Text| text(language, key);
    let region = if row.region_id.is_some() {
        row.region.clone()
    } else {
        label(Text::PerfAllRegions).to_string()
    };
    let cells = forecast_cells(state, &row, language);
    view! {
        <tr
            data-testid="performance-forecast-row"
            class=if row.region_id.is_none() { "row-total" } else { "" }
        >
            <th scope="row">{row.product.clone()} " · " {region}</th>
            <td class="number" data-label=label(Text::PerfYearToDate)>
                {labels::amount(Some(row.year_to_date), language)}
            </td>
            <td
                class="number"
                data-label=label(Text::PerfYearEnd)
                data-testid="performance-year-end"
            >
                {labels::amount(row.year_end, language)}
            </td>
            <td class="number" data-label=label(Text::PerfAnnualTarget)>
                {labels::amount(row.annual_target, language)}
            </td>
            <td class="number" data-label=label(Text::PerfYearEndAttainment)>
                {labels::percent(row.year_end_attainment, language)}
            </td>
            {cells}
        </tr>
    }
}

#[component]
pub fn ForecastCard() -> impl IntoView {
    let state = use_app_state();
    let body = move || {
        let outlook = state.performance().outlook.get()?;
        let language = state.language.get();
        Some(
            outlook
                .rows
                .iter()
                .cloned()
                .map(|row| outlook_row(state, row, language))
                .collect_view(),
        )
    };
    view! {
        <section class="card" data-testid="performance-forecast">
            <h2 class="card-title">{state.tr(Text::PerfForecastTitle)}</h2>
            <p class="muted">{state.tr(Text::PerfForecastIntro)}</p>
            <div class="table-scroll">
                <table class="table cards-on-phone">
                    <thead>
                        <tr>
                            {labels::header_cells(
                                &[
                                    Text::PerfDimProduct,
                                    Text::PerfYearToDate,
                                    Text::PerfYearEnd,
                                    Text::PerfAnnualTarget,
                                    Text::PerfYearEndAttainment,
                                    Text::PerfMethod,
                                    Text::PerfMape,
                                ],
                            )}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
