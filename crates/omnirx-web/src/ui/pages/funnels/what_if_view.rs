//! What-if: the extra HCPs at the last step if one step converted better, and where effort pays most.

use leptos::prelude::*;

use super::breakdown_view::series_name;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::{
    benchmark_series, best_step_for_effort, breakdown, project_raise,
    what_if::project_with_conversion, Attribution, BreakdownDimension, SeriesLabel,
};
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_integer, format_percent, Text};
use omnirx_core::view::labels::breakdown_dimension_text;

/// The smallest previous-step base a benchmark series needs (smaller series are noise).
const BENCHMARK_MINIMUM_BASE: u64 = 30;

#[component]
pub fn WhatIfView() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let page = analysis.page;
    let to_benchmark = RwSignal::new(false);
    let counts = move || analysis.summary.with(|s| s.as_ref().map(|s| s.counts()));
    let step_names = move || analysis.step_names();
    // The best region or segment at the chosen step, among series large enough to learn from.
    let benchmark = Memo::new(move |_| {
        let step = page.what_if_step.get();
        let index = analysis.index.get()?;
        let run = analysis.run.get()?;
        [BreakdownDimension::Region, BreakdownDimension::Segment]
            .into_iter()
            .filter_map(|dimension| {
                let series = breakdown(&run, &index, dimension, Attribution::FirstTouch);
                benchmark_series(&series, step, BENCHMARK_MINIMUM_BASE)
                    .map(|(label, conversion)| (dimension, label, conversion))
            })
            .max_by(|a, b| a.2.total_cmp(&b.2))
    });
    let projection = move || {
        let counts = counts()?;
        let step = page.what_if_step.get();
        if to_benchmark.get() {
            let (_, _, conversion): (BreakdownDimension, SeriesLabel, f64) = benchmark.get()?;
            project_with_conversion(&counts, step, conversion)
        } else {
            project_raise(&counts, step, page.what_if_points.get())
        }
    };
    let result =
        move || {
            let language = state.language.get();
            let Some(projection) = projection() else {
                return to_benchmark.get().then(|| {
                    view! {
                        <p class="hint" data-testid="what-if-no-benchmark">
                            {state.text(Text::WhatIfNoBenchmark)}
                        </p>
                    }
                    .into_any()
                });
            };
            let benchmark_note = to_benchmark.get().then(|| {
                benchmark.get().map(|(dimension, label, _)| {
                    format!(
                        "{} ({}): {}",
                        state.text(Text::WhatIfBenchmarkFrom),
                        state.text(breakdown_dimension_text(dimension)),
                        series_name(&label, language)
                    )
                })
            });
            Some(view! {
                <div class="what-if-result" data-testid="what-if-result">
                    <p class="stat-value" data-testid="what-if-extra">
                        {format!(
                            "+{}",
                            format_integer(projection.extra_at_last_step.round() as i64, language),
                        )}
                    </p>
                    <p class="stat-label">{state.text(Text::WhatIfResult)}</p>
                    <p class="muted">
                        {format!(
                            "{} {} {} {}",
                            state.text(Text::WhatIfFrom),
                            format_percent(projection.current_conversion, 1, language),
                            state.text(Text::WhatIfTo),
                            format_percent(projection.assumed_conversion, 1, language),
                        )}
                    </p>
                    {benchmark_note
                        .flatten()
                        .map(|note| {
                            view! {
                                <p class="muted" data-testid="what-if-benchmark">
                                    {note}
                                </p>
                            }
                        })}
                </div>
            }.into_any())
        };
    let best = move || {
        let language = state.language.get();
        let counts = counts()?;
        let best = best_step_for_effort(&counts, page.what_if_points.get())?;
        let name = step_names().get(best.step).cloned().unwrap_or_default();
        Some(view! {
            <p data-testid="what-if-best">
                {phrases::what_if_best(
                    language,
                    name,
                    format_integer(best.extra_at_last_step.round() as i64, language),
                )}
            </p>
        })
    };
    view! {
        <section class="card funnel-what-if" data-testid="funnel-what-if">
            <h2 class="card-title">{state.tr(Text::WhatIfTitle)}</h2>
            <WhatIfControls to_benchmark=to_benchmark />
            {result}
            {best}
        </section>
    }
}

/// The what-if's choices: the step, the points to raise it by, or the best region's or
/// segment's conversion instead.
#[component]
fn WhatIfControls(to_benchmark: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let page = analysis.page;
    let step_names = move || analysis.step_names();
    view! {
        <div class="control-row">
            <label class="control">
                <span class="control-label">{state.tr(Text::WhatIfStep)}</span>
                <select
                    data-testid="what-if-step"
                    prop:value=move || page.what_if_step.get().to_string()
                    on:change=move |e| {
                        page.what_if_step.set(event_target_value(&e).parse().unwrap_or(1))
                    }
                >
                    {move || {
                        step_names()
                            .into_iter()
                            .enumerate()
                            .skip(1)
                            .map(|(index, name)| {
                                view! {
                                    <option
                                        value=index.to_string()
                                        selected=index == page.what_if_step.get_untracked()
                                    >
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="control">
                <span class="control-label">{state.tr(Text::WhatIfPoints)}</span>
                <input
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    data-testid="what-if-points"
                    prop:disabled=move || to_benchmark.get()
                    prop:value=move || page.what_if_points.get().to_string()
                    on:change=move |e| {
                        if let Ok(points) = event_target_value(&e).trim().parse::<f64>() {
                            if points.is_finite() {
                                page.what_if_points.set(points.clamp(0.0, 100.0));
                            }
                        }
                    }
                />
            </label>
            <label
                class="control control-check"
                class:hidden=move || analysis.run.with(|r| r.is_none())
            >
                <input
                    type="checkbox"
                    data-testid="what-if-benchmark-toggle"
                    prop:checked=move || to_benchmark.get()
                    on:change=move |e| to_benchmark.set(event_target_checked(&e))
                />
                <span>{state.tr(Text::WhatIfToBenchmark)}</span>
            </label>
        </div>
    }
}
