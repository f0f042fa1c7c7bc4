//! Two journeys compared: both emotion curves on one chart and the drop-off change per stage.

use crate::ui::components::lists::{key_of, pair_keys, pair_of, parts_of, KeyedRows};
use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::components::charts::{ChartExportButtons, FONT_FAMILY};
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::funnel_geometry::svg_number;
use omnirx_core::domain::chart::journey_comparison::{
    comparison_chart_layout, COMPARISON_HEIGHT, COMPARISON_WIDTH,
};
use omnirx_core::domain::chart::journey_layout::Point;
use omnirx_core::domain::chart::journey_svg::{consecutive_runs, signed_score, smooth_path};
use omnirx_core::domain::chart::palette::{
    series_colour, GRID_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR,
};
use omnirx_core::domain::chart::text::truncate_to_width;
use omnirx_core::domain::journey::compare_journeys;
use omnirx_core::domain::journey::comparison::{ComparedStage, JourneyComparison};
use omnirx_core::i18n::{format_percent, Language, Text};

/// The open map's name, the other map's name and the two compared stage by stage.
type ComparedMaps = Option<(String, String, JourneyComparison)>;

fn signed_points(delta: f64) -> String {
    let points = delta * 100.0;
    if points > 0.0 {
        format!("+{points:.1}")
    } else if points < 0.0 {
        format!("−{:.1}", -points)
    } else {
        "0.0".to_string()
    }
}

fn curve(
    points: &[(usize, Point)],
    colour: &'static str,
    dashed: bool,
    testid: &'static str,
) -> impl IntoView {
    // Positions without a score break the line.
    let runs = consecutive_runs(points);
    let paths = runs
        .iter()
        .map(|run| {
            view! {
                <path
                    d=smooth_path(run)
                    fill="none"
                    stroke=colour
                    stroke-width="4"
                    stroke-dasharray=if dashed { "10 6" } else { "none" }
                />
            }
        })
        .collect_view();
    let dots = points
        .iter()
        .map(|(_, point)| view! { <circle cx=svg_number(point.x) cy=svg_number(point.y) r="6" fill=colour /> })
        .collect_view();
    view! { <g data-testid=testid>{paths}{dots}</g> }
}

/// The grid of the emotion scale (−2 … +2), with its scores at the left.
fn emotion_grid(grid: &[(f64, f64)], plot_left: f64, plot_right: f64) -> impl IntoView {
    grid.iter()
        .map(|(score, y)| {
            let label = if *score > 0.0 {
                format!("+{score}")
            } else if *score < 0.0 {
                format!("−{}", -score)
            } else {
                "0".into()
            };
            view! {
                <line
                    x1=svg_number(plot_left)
                    x2=svg_number(plot_right)
                    y1=svg_number(*y)
                    y2=svg_number(*y)
                    stroke=GRID_COLOUR
                    stroke-width=if *score == 0.0 { "2" } else { "1" }
                />
                <text
                    x=svg_number(plot_left - 8.0)
                    y=svg_number(y + 5.0)
                    font-size="15"
                    text-anchor="end"
                    fill=MUTED_TEXT_COLOUR
                >
                    {label}
                </text>
            }
        })
        .collect_view()
}

/// Each position's stage name below the plot, cut to its slot.
fn stage_labels(
    rows: &[ComparedStage],
    positions: &[f64],
    label_y: f64,
    slot: f64,
) -> impl IntoView {
    rows.iter()
        .zip(positions)
        .map(|(row, x)| {
            let name = row
                .first_name
                .clone()
                .or_else(|| row.second_name.clone())
                .unwrap_or_default();
            view! {
                <text
                    x=svg_number(*x)
                    y=svg_number(label_y)
                    font-size="15"
                    text-anchor="middle"
                    fill=TEXT_COLOUR
                >
                    {truncate_to_width(&name, 15.0, slot - 8.0)}
                </text>
            }
        })
        .collect_view()
}

/// The two maps' names under the chart, each beside its line style.
fn legend(first_name: &str, second_name: &str) -> impl IntoView {
    let legend_y = COMPARISON_HEIGHT - 16.0;
    view! {
        <line
            x1="8"
            x2="40"
            y1=svg_number(legend_y - 5.0)
            y2=svg_number(legend_y - 5.0)
            stroke=series_colour(0)
            stroke-width="4"
        />
        <text x="48" y=svg_number(legend_y) font-size="15" fill=TEXT_COLOUR>
            {truncate_to_width(first_name, 15.0, 380.0)}
        </text>
        <line
            x1="480"
            x2="512"
            y1=svg_number(legend_y - 5.0)
            y2=svg_number(legend_y - 5.0)
            stroke=series_colour(1)
            stroke-width="4"
            stroke-dasharray="10 6"
        />
        <text x="520" y=svg_number(legend_y) font-size="15" fill=TEXT_COLOUR>
            {truncate_to_width(second_name, 15.0, 400.0)}
        </text>
    }
}

/// Both maps' emotion curves on one chart, drawn whole from the comparison (an SVG the export
/// buttons save as it is).
#[component]
fn ComparisonChart(comparison: Memo<ComparedMaps>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let (first_name, second_name, comparison) = comparison.get()?;
        let title = state.text(Text::JourneysCompareEmotionTitle).to_string();
        let first: Vec<Option<f64>> = comparison
            .rows
            .iter()
            .map(|row| row.first_emotion)
            .collect();
        let second: Vec<Option<f64>> = comparison
            .rows
            .iter()
            .map(|row| row.second_emotion)
            .collect();
        let layout = comparison_chart_layout(comparison.rows.len(), &first, &second);
        let slot = (layout.plot_right - layout.plot_left) / comparison.rows.len().max(1) as f64;
        Some(view! {
            <svg
                viewBox=format!(
                    "0 0 {} {}",
                    svg_number(COMPARISON_WIDTH),
                    svg_number(COMPARISON_HEIGHT),
                )
                width="100%"
                role="img"
                font-family=FONT_FAMILY
                data-testid="journey-comparison-chart"
            >
                {leptos::svg::title().child(title.clone())}
                <rect x="0" y="0" width="100%" height="100%" fill="#FFFFFF" />
                <text x="8" y="30" font-size="22" font-weight="700" fill=TEXT_COLOUR>
                    {title}
                </text>
                {emotion_grid(&layout.grid, layout.plot_left, layout.plot_right)}
                {stage_labels(&comparison.rows, &layout.positions, layout.label_y, slot)}
                {curve(&layout.first, series_colour(0), false, "journey-comparison-first")}
                {curve(&layout.second, series_colour(1), true, "journey-comparison-second")}
                {legend(&first_name, &second_name)}
            </svg>
        })
    }
}

/// What one row of the comparison table shows, in the UI language; with its position, the row's
/// key, so a row is drawn again exactly when something it shows changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ComparisonRowText {
    position: usize,
    name: String,
    first_emotion: String,
    second_emotion: String,
    first_drop_off: String,
    second_drop_off: String,
    delta: String,
    delta_class: &'static str,
}

impl ComparisonRowText {
    /// The row's key: its position and every text it shows, in cell order.
    fn key(&self) -> String {
        key_of(&[
            &self.position.to_string(),
            &self.name,
            &self.first_emotion,
            &self.second_emotion,
            &self.first_drop_off,
            &self.second_drop_off,
            &self.delta,
            self.delta_class,
        ])
    }

    fn new(row: &ComparedStage, language: Language, points: &str) -> ComparisonRowText {
        let name = match (&row.first_name, &row.second_name) {
            (Some(first), Some(second)) if first != second => format!("{first} / {second}"),
            (Some(name), _) | (None, Some(name)) => name.clone(),
            (None, None) => String::new(),
        };
        let share = |value: Option<f64>| {
            value.map_or_else(|| "—".to_string(), |v| format_percent(v, 1, language))
        };
        let score = |value: Option<f64>| value.map(signed_score).unwrap_or_else(|| "—".into());
        let delta_class = match row.drop_off_delta {
            Some(delta) if delta < 0.0 => "delta-better",
            Some(delta) if delta > 0.0 => "delta-worse",
            _ => "",
        };
        ComparisonRowText {
            position: row.position,
            name,
            first_emotion: score(row.first_emotion),
            second_emotion: score(row.second_emotion),
            first_drop_off: share(row.first_drop_off),
            second_drop_off: share(row.second_drop_off),
            delta: row
                .drop_off_delta
                .map(|d| format!("{}{}", signed_points(d), points))
                .unwrap_or_else(|| "—".into()),
            delta_class,
        }
    }
}

/// The comparison as a table: per position, both maps' emotion and drop-off and the change.
#[component]
fn ComparisonTable(comparison: Memo<ComparedMaps>) -> impl IntoView {
    let state = use_app_state();
    let names = move || {
        comparison.with(|c| {
            c.as_ref()
                .map(|(a, b, _)| (a.clone(), b.clone()))
                .unwrap_or_default()
        })
    };
    let rows = move || {
        let language = state.language.get();
        let points = state.text(Text::JourneysPoints);
        comparison.with(|c| {
            c.as_ref()
                .map(|(_, _, comparison)| {
                    comparison
                        .rows
                        .iter()
                        .map(|row| ComparisonRowText::new(row, language, points))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="table-scroll">
            <table class="table journey-metrics-table" data-testid="journey-comparison-table">
                <thead>
                    <tr>
                        <th scope="col">{state.tr(Text::JourneysStage)}</th>
                        <th scope="col" class="number">
                            {move || {
                                format!("{} · {}", state.text(Text::JourneysEmotion), names().0)
                            }}
                        </th>
                        <th scope="col" class="number">
                            {move || {
                                format!("{} · {}", state.text(Text::JourneysEmotion), names().1)
                            }}
                        </th>
                        <th scope="col" class="number">
                            {move || {
                                format!("{} · {}", state.text(Text::JourneysDropOff), names().0)
                            }}
                        </th>
                        <th scope="col" class="number">
                            {move || {
                                format!("{} · {}", state.text(Text::JourneysDropOff), names().1)
                            }}
                        </th>
                        <th scope="col" class="number">
                            {state.tr(Text::JourneysDropOffChange)}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <KeyedRows
                        keys=Signal::derive(move || {
                            rows().iter().map(ComparisonRowText::key).collect::<Vec<_>>()
                        })
                        row=Callback::new(|key: String| {
                            let cells = parts_of(&key);
                            let cell = |i: usize| {
                                cells.get(i).copied().unwrap_or_default().to_string()
                            };
                            view! {
                                <tr data-testid="journey-comparison-row">
                                    <th scope="row">{cell(1)}</th>
                                    <td class="number">{cell(2)}</td>
                                    <td class="number">{cell(3)}</td>
                                    <td class="number">{cell(4)}</td>
                                    <td class="number">{cell(5)}</td>
                                    <td
                                        class=format!("number {}", cell(7))
                                        data-testid="journey-comparison-delta"
                                    >
                                        {cell(6)}
                                    </td>
                                </tr>
                            }
                                .into_any()
                        })
                    />
                </tbody>
            </table>
        </div>
    }
}

/// The chooser of the map to compare with: every other map of the workspace, or none.
#[component]
fn CompareWithSelect() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let others = move || {
        let open = editor
            .map
            .with(|map| map.as_ref().map(|map| map.id.clone()));
        let mut choices = editor.map_choices();
        choices.retain(|(id, _)| Some(id) != open.as_ref());
        choices
    };
    view! {
        <div class="control-row no-print">
            <label class="control control-wide">
                <span class="control-label">{state.tr(Text::JourneysCompareWith)}</span>
                <select
                    data-testid="journey-compare-select"
                    prop:value=move || editor.compare_with.get().unwrap_or_default()
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        editor.compare_with.set((!value.is_empty()).then_some(value));
                    }
                >
                    <option value="">{state.tr(Text::JourneysCompareNone)}</option>
                    // Keyed by id and name: a renamed map's option is drawn again.
                    <KeyedRows
                        keys=Signal::derive(move || pair_keys(others()))
                        row=Callback::new(move |key: String| {
                            let (id, name) = pair_of(&key);
                            let selected = {
                                let id = id.clone();
                                move || {
                                    editor
                                        .compare_with
                                        .with(|current| current.as_deref() == Some(id.as_str()))
                                }
                            };
                            view! {
                                <option value=id selected=selected>
                                    {name}
                                </option>
                            }
                                .into_any()
                        })
                    />
                </select>
            </label>
        </div>
    }
}

/// The open map compared with another one the user chooses: chart, export and table.
#[component]
pub fn JourneyComparisonView() -> impl IntoView {
    let state = use_app_state();
    let editor = state.journeys();
    let comparison = Memo::new(move |_| {
        let (other, other_metrics) = editor.compared.get()?;
        editor.map.with(|map| {
            let map = map.as_ref()?;
            editor.metrics.with(|metrics| {
                let metrics = metrics.as_ref()?;
                Some((
                    map.name.clone(),
                    other.name.clone(),
                    compare_journeys((map, metrics), (&other, &other_metrics)),
                ))
            })
        })
    });
    let chart_box = NodeRef::<Div>::new();
    let file_base = Signal::derive(move || {
        comparison.with(|c| {
            c.as_ref()
                .map(|(a, b, _)| format!("{a} vs {b}"))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card" data-testid="journey-comparison">
            <h2>{state.tr(Text::JourneysCompare)}</h2>
            <CompareWithSelect />
            <Show when=move || comparison.with(Option::is_some)>
                <p class="muted">{state.tr(Text::JourneysCompareHowTo)}</p>
                <div class="chart-box" node_ref=chart_box>
                    <ComparisonChart comparison=comparison />
                </div>
                <ChartExportButtons
                    chart_box=chart_box
                    file_base=file_base
                    testid_prefix="journey-comparison-export"
                />
                <ComparisonTable comparison=comparison />
            </Show>
        </section>
    }
}
