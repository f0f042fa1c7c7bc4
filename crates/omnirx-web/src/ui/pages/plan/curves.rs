//! The response curves per segment and channel (rules 10–13 of `docs/planning.md`): the curve in
//! use over the history's binned means, where it comes from, and the user's edit of it; the card
//! says plainly that these are associations, not proof of cause.

use leptos::prelude::*;

use super::labels::{segment_name, typed_number};
use super::use_names;
use crate::ui::state::use_app_state;
use omnirx_core::domain::chart::response_curve::{curve_chart, CurveDatum};
use omnirx_core::domain::planning::editing::{clear_curve, set_curve};
use omnirx_core::domain::planning::response::{CurveSource, ResponseCurve};
use omnirx_core::i18n::{phrases, text, Language, Text};

const WIDTH: f64 = 220.0;
const HEIGHT: f64 = 120.0;

fn chart(curve: &ResponseCurve) -> impl IntoView {
    let data: Vec<CurveDatum> = curve
        .points
        .iter()
        .map(|p| CurveDatum {
            contacts: p.contacts,
            uplift: p.uplift,
            observations: p.observations,
        })
        .collect();
    let geometry = curve_chart(
        curve.a,
        curve.b,
        &data,
        WIDTH,
        HEIGHT,
        (28.0, 8.0, 8.0, 18.0),
    );
    let dots = geometry
        .dots
        .iter()
        .map(|&(x, y, r)| view! { <circle cx=x cy=y r=r class="curve-dot" /> })
        .collect_view();
    let x_ticks = geometry
        .x_ticks
        .iter()
        .map(|&(x, v)| {
            view! {
                <text x=x y=HEIGHT - 4.0 class="tick" text-anchor="middle">
                    {v}
                </text>
            }
        })
        .collect_view();
    let y_ticks = geometry
        .y_ticks
        .iter()
        .map(|&(y, v)| {
            view! {
                <text x=24.0 y=y + 3.0 class="tick" text-anchor="end">
                    {format!("{v}")}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            class="curve-chart"
            role="img"
            data-testid="plan-curve-chart"
        >
            <line
                x1=geometry.left
                x2=geometry.right
                y1=geometry.baseline
                y2=geometry.baseline
                class="axis"
            />
            {dots}
            <path d=geometry.path class="curve-line" />
            {x_ticks}
            {y_ticks}
        </svg>
    }
}

fn source_text(source: CurveSource) -> Text {
    match source {
        CurveSource::Estimated => Text::PlanCurveEstimated,
        CurveSource::Prior => Text::PlanCurvePrior,
        CurveSource::Edited => Text::PlanCurveEdited,
    }
}

fn curve_editor(curve: &ResponseCurve, language: Language) -> impl IntoView {
    let state = use_app_state();
    let planning = state.planning();
    let (segment, channel) = (curve.segment.clone(), curve.channel_id.clone());
    let (a, b) = (curve.a, curve.b);
    let apply = move |new_a: Option<f64>, new_b: Option<f64>| {
        let (segment, channel) = (segment.clone(), channel.clone());
        planning.edit_options(move |o| {
            let _ = set_curve(
                &mut o.curve_edits,
                &segment,
                &channel,
                new_a.unwrap_or(a),
                new_b.unwrap_or(b),
            );
        });
    };
    let apply_b = apply.clone();
    let (segment, channel) = (curve.segment.clone(), curve.channel_id.clone());
    let label = move |key: Text| text(language, key);
    view! {
        <div class="curve-edit no-print">
            <label class="control">
                <span class="control-label">{label(Text::PlanCurveHeight)}</span>
                <input
                    type="number"
                    min="0"
                    step="0.1"
                    data-testid="plan-curve-a"
                    prop:value=format!("{a:.2}")
                    on:change=move |ev| apply(typed_number(&event_target_value(&ev)), None)
                />
            </label>
            <label class="control">
                <span class="control-label">{label(Text::PlanCurveRate)}</span>
                <input
                    type="number"
                    min="0.01"
                    step="0.05"
                    data-testid="plan-curve-b"
                    prop:value=format!("{b:.2}")
                    on:change=move |ev| apply_b(None, typed_number(&event_target_value(&ev)))
                />
            </label>
            {(curve.source == CurveSource::Edited)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| {
                                let (segment, channel) = (segment.clone(), channel.clone());
                                planning
                                    .edit_options(move |o| clear_curve(
                                        &mut o.curve_edits,
                                        &segment,
                                        &channel,
                                    ));
                            }
                        >
                            {label(Text::PlanCurveReset)}
                        </button>
                    }
                })}
        </div>
    }
}

#[component]
pub fn CurvesCard() -> impl IntoView {
    let state = use_app_state();
    let names = use_names();
    let grid = move || {
        let language = state.language.get();
        let proposal = state.planning().proposal.get()?;
        let Ok(result) = &*proposal.0 else {
            return None;
        };
        let names = names.get();
        let items = result
            .curves
            .iter()
            .map(|curve| {
                let caption = phrases::plan_curve_caption(
                    language,
                    segment_name(language, &curve.segment, &result.segments),
                    names.channel(&curve.channel_id),
                    text(language, source_text(curve.source)),
                    curve.hcps,
                );
                view! {
                    <figure
                        class="curve"
                        data-testid="plan-curve"
                        data-source=format!("{:?}", curve.source)
                    >
                        {chart(curve)}
                        <figcaption>{caption}</figcaption>
                        {curve_editor(curve, language)}
                    </figure>
                }
            })
            .collect_view();
        Some(view! { <div class="curve-grid">{items}</div> })
    };
    view! {
        <section class="card plan-curves" data-testid="plan-curves">
            <h2>{state.tr(Text::PlanCurvesTitle)}</h2>
            <p class="muted" data-testid="plan-curves-note">
                {state.tr(Text::PlanCurvesNote)}
            </p>
            {grid}
        </section>
    }
}
