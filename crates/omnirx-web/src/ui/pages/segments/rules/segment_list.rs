//! The rule set's segments: name, strategy and the size the draft gives each.

use crate::ui::components::lists::IndexedRows;
use leptos::prelude::*;

use super::use_draft;
use crate::ui::state::use_app_state;
use omnirx_core::domain::segmentation::editing::{rename_segment, set_segment_strategy};
use omnirx_core::i18n::{format_integer, phrases, Text};

#[component]
pub fn SegmentList() -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let count = Memo::new(move |_| draft.read(|r| r.segments.len()));
    let unclassified = move || {
        draft
            .preview
            .with(|p| p.as_ref().map(|(_, (_, unclassified))| *unclassified))
            .filter(|count| *count > 0)
    };
    view! {
        <ul class="segment-editor">
            <IndexedRows
                count=count
                row=Callback::new(|index| view! { <SegmentItem index=index /> }.into_any())
            />
        </ul>
        {move || {
            unclassified()
                .map(|count| {
                    let language = state.language.get();
                    view! {
                        <p class="muted" data-testid="rules-unclassified">
                            {phrases::unclassified_count(
                                language,
                                format_integer(count as i64, language),
                            )}
                        </p>
                    }
                })
        }}
    }
}

#[component]
fn SegmentItem(index: usize) -> impl IntoView {
    let state = use_app_state();
    let draft = use_draft();
    let segment = Memo::new(move |_| {
        draft
            .shown
            .with(|r| r.as_ref()?.segments.get(index).cloned())
    });
    let size = move || {
        draft
            .preview
            .with(|p| {
                p.as_ref()
                    .and_then(|(_, (sizes, _))| sizes.get(index).copied())
            })
            .unwrap_or(0)
    };
    let is_fallback = move || {
        draft.shown.with(|r| {
            r.as_ref().is_some_and(|r| {
                r.fallback_segment_id.is_some()
                    && r.fallback_segment_id == r.segments.get(index).map(|s| s.id.clone())
            })
        })
    };
    let field = move |read: fn(&omnirx_core::domain::segmentation::rules::Segment) -> String| {
        segment.with(|s| s.as_ref().map(read).unwrap_or_default())
    };
    view! {
        <li class="segment-edit" data-testid="segment-edit">
            <input
                type="text"
                data-testid="segment-edit-name"
                maxlength="80"
                aria-label=state.tr(Text::ColumnName)
                prop:value=move || field(|s| s.name.clone())
                on:change=move |e| {
                    let name = event_target_value(&e);
                    draft.edit(|r| rename_segment(r, index, &name));
                }
            />
            <input
                type="text"
                class="segment-strategy"
                data-testid="segment-edit-strategy"
                maxlength="300"
                aria-label=state.tr(Text::SegmentColumnStrategy)
                placeholder=state.tr(Text::SegmentColumnStrategy)
                prop:value=move || field(|s| s.strategy.clone())
                on:change=move |e| {
                    let strategy = event_target_value(&e);
                    draft.edit(|r| set_segment_strategy(r, index, &strategy));
                }
            />
            <span class="number" data-testid="segment-edit-size">
                {move || format_integer(size() as i64, state.language.get())}
            </span>
            <Show when=is_fallback>
                <span class="badge">{state.tr(Text::RuleFallback)}</span>
            </Show>
        </li>
    }
}
