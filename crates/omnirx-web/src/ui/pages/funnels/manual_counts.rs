//! The workshop funnel's typed stage counts: edited here, checked, and saved only when they make a funnel.

use leptos::prelude::*;

use super::edit_definition;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::{check_manual_counts, ManualCountsProblem};
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::Text;

#[component]
pub fn ManualCounts() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    // Counts as typed but not saved (they make no funnel yet), for the funnel they were typed in.
    let unsaved = RwSignal::new(None::<(String, Vec<u64>, usize)>);
    let current_id = move || {
        analysis
            .definition
            .with(|d| d.as_ref().map(|d| d.id.clone()))
    };
    let shown = move || {
        let id = current_id();
        match unsaved.get() {
            Some((typed_for, counts, _)) if Some(&typed_for) == id.as_ref() => counts,
            _ => analysis
                .definition
                .with(|d| d.as_ref().and_then(|d| d.manual_counts.clone()))
                .unwrap_or_default(),
        }
    };
    let problem = move || {
        let id = current_id();
        unsaved
            .get()
            .filter(|(typed_for, _, _)| Some(typed_for) == id.as_ref())
            .map(|(_, _, step)| step)
    };
    let names = move || {
        analysis.definition.with(|d| {
            d.as_ref()
                .map(|d| d.steps.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let set_count = move |index: usize, text: String| {
        let Ok(value) = text.trim().parse::<u64>() else {
            return;
        };
        let Some(id) = current_id() else { return };
        let steps = names().len();
        let mut counts = shown();
        counts.resize(steps, 0);
        counts[index] = value;
        match check_manual_counts(steps, &counts) {
            Ok(()) => {
                unsaved.set(None);
                edit_definition(state, |d| d.manual_counts = Some(counts));
            }
            Err(ManualCountsProblem::Increases { step }) => unsaved.set(Some((id, counts, step))),
            Err(ManualCountsProblem::WrongLength { .. }) => {}
        }
    };
    view! {
        <section class="card funnel-manual" data-testid="funnel-manual">
            <h2 class="card-title">{state.tr(Text::ManualTitle)}</h2>
            <p class="hint">{state.tr(Text::ManualHint)}</p>
            <div class="control-row">
                {move || {
                    names()
                        .into_iter()
                        .enumerate()
                        .map(|(index, name)| {
                            view! {
                                <label class="control">
                                    <span class="control-label">{name}</span>
                                    <input
                                        type="number"
                                        min="0"
                                        step="1"
                                        data-testid="manual-count"
                                        prop:value=move || {
                                            shown().get(index).copied().unwrap_or(0).to_string()
                                        }
                                        on:change=move |e| set_count(index, event_target_value(&e))
                                    />
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
            {move || {
                problem()
                    .map(|step| {
                        view! {
                            <p class="error" role="alert" data-testid="manual-problem">
                                {phrases::manual_counts_increase(state.language.get(), step + 1)}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
