//! Effort against outcome: contacts per reached customer against the growth of their
//! prescriptions, per segment (account tier) and channel, as a chart with the numbers, and the
//! page's plain warning that these are associations, not causes.

use leptos::prelude::*;

use super::labels;
use crate::ui::components::charts::{svg_title, FONT_FAMILY};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::palette::{series_colour, GRID_COLOUR, MUTED_TEXT_COLOUR};
use omnirx_core::domain::performance::EffortPoint;
use omnirx_core::i18n::{format_integer, text, Language, Text};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 40.0;

fn names(state: AppState, point: &EffortPoint) -> (String, String) {
    let segment = if point.segment.is_empty() {
        state.text(Text::PerfNoTier).to_string()
    } else {
        point.segment.clone()
    };
    let channel =
        point
            .channel
            .as_ref()
            .map_or(state.text(Text::PerfNoChannel).to_string(), |id| {
                state.session.workspace.with_untracked(|w| {
                    w.as_ref()
                        .and_then(|w| w.channels.iter().find(|c| &c.id == id))
                        .map_or(id.clone(), |c| c.name.clone())
                })
            });
    (segment, channel)
}

fn scatter(state: AppState, points: &[EffortPoint], language: Language) -> impl IntoView {
    let shown: Vec<&EffortPoint> = points.iter().filter(|p| p.growth.is_some()).collect();
    let max_x = shown
        .iter()
        .map(|p| p.contacts_per_customer)
        .fold(1.0f64, f64::max);
    let (min_y, max_y) = shown
        .iter()
        .filter_map(|p| p.growth)
        .fold((0.0f64, 0.1f64), |(lo, hi), g| (lo.min(g), hi.max(g)));
    let x = move |v: f64| LEFT + v / max_x * (WIDTH - LEFT - 16.0);
    let y = move |v: f64| 16.0 + (max_y - v) / (max_y - min_y) * (HEIGHT - BOTTOM - 16.0);
    let tiers: Vec<String> = {
        let mut t: Vec<String> = points.iter().map(|p| p.segment.clone()).collect();
        t.sort();
        t.dedup();
        t
    };
    let dots = shown
        .iter()
        .map(|p| {
            let (segment, channel) = names(state, p);
            let colour = series_colour(tiers.iter().position(|t| *t == p.segment).unwrap_or(0));
            let words = format!(
                "{segment} · {channel}: {:.2} → {}",
                p.contacts_per_customer,
                labels::signed(p.growth, language)
            );
            view! {
                <circle
                    cx=svg_number(x(p.contacts_per_customer))
                    cy=svg_number(y(p.growth.unwrap_or(0.0)))
                    r="7"
                    fill=colour
                    fill-opacity="0.8"
                    data-testid="performance-effort-dot"
                >
                    {svg_title(words)}
                </circle>
            }
        })
        .collect_view();
    view! {
        <svg
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            class="chart"
            role="img"
            font-family=FONT_FAMILY
            data-testid="performance-effort-chart"
        >
            {svg_title(text(language, Text::PerfEffortTitle).to_string())}
            <line
                x1=svg_number(LEFT)
                x2=svg_number(WIDTH - 16.0)
                y1=svg_number(y(0.0))
                y2=svg_number(y(0.0))
                stroke=GRID_COLOUR
            />
            <line
                x1=svg_number(LEFT)
                x2=svg_number(LEFT)
                y1="16"
                y2=svg_number(HEIGHT - BOTTOM)
                stroke=GRID_COLOUR
            />
            <text
                x=svg_number(WIDTH - 16.0)
                y=svg_number(HEIGHT - 12.0)
                font-size="14"
                text-anchor="end"
                fill=MUTED_TEXT_COLOUR
            >
                {text(language, Text::PerfContactsPerCustomer)}
            </text>
            <text x="8" y="14" font-size="14" fill=MUTED_TEXT_COLOUR>
                {text(language, Text::PerfGrowth)}
            </text>
            {dots}
        </svg>
    }
}

/// The tiers' colours, as the chart's dots use them.
fn legend(state: AppState, points: &[EffortPoint]) -> impl IntoView {
    let mut tiers: Vec<String> = points.iter().map(|p| p.segment.clone()).collect();
    tiers.sort();
    tiers.dedup();
    tiers
        .into_iter()
        .enumerate()
        .map(|(index, tier)| {
            let name = if tier.is_empty() {
                state.text(Text::PerfNoTier).to_string()
            } else {
                tier
            };
            view! {
                <span class="legend-swatch" style:background=series_colour(index)></span>
                " "
                {name}
                " "
            }
        })
        .collect_view()
}

#[component]
pub fn EffortCard() -> impl IntoView {
    let state = use_app_state();
    let content = move || {
        let effort = state.performance().effort.get()?;
        let language = state.language.get();
        let label = move |key: Text| text(language, key);
        let rows = effort
            .points
            .iter()
            .map(|p| {
                let (segment, channel) = names(state, p);
                view! {
                    <tr data-testid="performance-effort-row">
                        <th scope="row">{segment} " · " {channel}</th>
                        <td class="number" data-label=label(Text::PerfCustomers)>
                            {format_integer(i64::from(p.customers), language)}
                        </td>
                        <td class="number" data-label=label(Text::PerfContactsPerCustomer)>
                            {format!("{:.2}", p.contacts_per_customer)}
                        </td>
                        <td class="number" data-label=label(Text::PerfActual)>
                            {labels::amount(Some(p.actual), language)}
                        </td>
                        <td class="number" data-label=label(Text::PerfGrowth)>
                            {labels::signed(p.growth, language)}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            {effort
                .by_account
                .then(|| {
                    view! {
                        <p class="alert alert-warning" data-testid="performance-effort-by-account">
                            {label(Text::PerfEffortByAccount)}
                        </p>
                    }
                })}
            <p class="chart-legend muted">{legend(state, &effort.points)}</p>
            <div class="chart-box">{scatter(state, &effort.points, language)}</div>
            <div class="table-scroll">
                <table class="table cards-on-phone">
                    <thead>
                        <tr>
                            <th scope="col">
                                {label(Text::PerfSegment)} " · " {label(Text::PerfChannel)}
                            </th>
                            {labels::header_cells(
                                &[
                                    Text::PerfCustomers,
                                    Text::PerfContactsPerCustomer,
                                    Text::PerfActual,
                                    Text::PerfGrowth,
                                ],
                            )}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card" data-testid="performance-effort">
            <h2 class="card-title">{state.tr(Text::PerfEffortTitle)}</h2>
            <p class="muted">{state.tr(Text::PerfEffortWindow)}</p>
            <p class="alert alert-warning" data-testid="performance-effort-caveat">
                {state.tr(Text::PerfEffortCaveat)}
            </p>
            {content}
        </section>
    }
}
