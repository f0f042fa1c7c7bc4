//! Who dropped: the HCPs (or accounts) who reached a step and not the next, each linked to its page.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::stopped_before;
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_date, format_integer, Text};
use omnirx_core::view::route::Route;

/// Rows shown at once; the count above says how many there are in all.
const SHOWN: usize = 200;

#[component]
pub fn DropOffList() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let page = analysis.page;
    let stopped = Memo::new(move |_| {
        let step = page.drop_off_step.get();
        let run = analysis.run.get()?;
        let index = analysis.index.get()?;
        Some(stopped_before(&run, &index, step))
    });
    let step_names = move || analysis.step_names();
    let list = move || {
        let language = state.language.get();
        let offset = analysis
            .index
            .with(|i| i.as_ref().map(|i| i.utc_offset).unwrap_or(0));
        stopped.with(|stopped| {
            let stopped = stopped.as_ref()?;
            let dropped = stopped.iter().filter(|s| !s.still_in_window).count();
            if stopped.is_empty() {
                return Some(
                    view! {
                        <p class="muted" data-testid="drop-off-empty">
                            {state.text(Text::DropOffEmpty)}
                        </p>
                    }
                    .into_any(),
                );
            }
            let more = (stopped.len() > SHOWN).then(|| {
                phrases::drop_off_showing(
                    language,
                    SHOWN,
                    format_integer(stopped.len() as i64, language),
                )
            });
            Some(view! {
                <p data-testid="drop-off-count">
                    <strong>{format_integer(dropped as i64, language)}</strong>
                    " "
                    {state.text(Text::DropOffCount)}
                </p>
                {more.map(|more| view! { <p class="muted">{more}</p> })}
                <ul class="drop-off-list" data-testid="drop-off-list">
                    {stopped
                        .iter()
                        .take(SHOWN)
                        .map(|entity| {
                            let reached = format_date(
                                omnirx_core::domain::time::Timestamp(entity.reached_at.0 + offset)
                                    .date(),
                                language,
                            );
                            view! {
                                <li data-testid="drop-off-item">
                                    <a
                                        href=Route::customer_href(&entity.id)
                                        data-testid="drop-off-link"
                                    >
                                        {entity.name.clone()}
                                    </a>
                                    <span class="muted">
                                        {phrases::drop_off_item(language, &entity.id, reached)}
                                    </span>
                                    {entity
                                        .still_in_window
                                        .then(|| {
                                            view! {
                                                <span class="badge">
                                                    {state.text(Text::DropOffInWindow)}
                                                </span>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }.into_any())
        })
    };
    view! {
        <section class="card funnel-drop-off" data-testid="funnel-drop-off">
            <h2 class="card-title">{state.tr(Text::DropOffTitle)}</h2>
            <label class="control">
                <span class="control-label">{state.tr(Text::DropOffStep)}</span>
                <select
                    data-testid="drop-off-step"
                    prop:value=move || page.drop_off_step.get().to_string()
                    on:change=move |e| {
                        page.drop_off_step.set(event_target_value(&e).parse().unwrap_or(1))
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
                                        selected=index == page.drop_off_step.get_untracked()
                                    >
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            {list}
        </section>
    }
}
