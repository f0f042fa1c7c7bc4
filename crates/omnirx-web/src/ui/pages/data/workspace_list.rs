//! The stored workspaces as a table: open, rename, duplicate and a two-step delete for each.

use crate::ui::components::lists::{key_of, parts_of, KeyedRows};
use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::{format_integer, Text};
use omnirx_storage::WorkspaceSummary;

/// Which row is being renamed, with the name typed so far, and which row asks to confirm its
/// delete: one of each for the whole list.
#[derive(Clone, Copy)]
struct RowChoices {
    renaming: RwSignal<Option<String>>,
    draft_name: RwSignal<String>,
    confirming: RwSignal<Option<String>>,
}

/// The new name's field, saved with Enter or the button.
#[component]
fn WorkspaceRenameForm(id: StoredValue<String>, choices: RowChoices) -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        session.rename(id.get_value(), choices.draft_name.get_untracked());
        choices.renaming.set(None);
    };
    view! {
        <form class="rename-form" on:submit=save>
            <input
                type="text"
                class="text-input"
                data-testid="workspace-rename-input"
                aria-label=state.tr(Text::NewNameLabel)
                prop:value=move || choices.draft_name.get()
                on:input=move |event| choices.draft_name.set(event_target_value(&event))
            />
            <button type="submit" class="button button-small" data-testid="workspace-rename-save">
                {state.tr(Text::SaveName)}
            </button>
            <button
                type="button"
                class="button button-small button-quiet"
                on:click=move |_| choices.renaming.set(None)
            >
                {state.tr(Text::Cancel)}
            </button>
        </form>
    }
}

/// Delete, which asks first: the second button deletes.
#[component]
fn WorkspaceDeleteButton(id: StoredValue<String>, choices: RowChoices) -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let is_confirming = move || {
        choices
            .confirming
            .with(|confirming| id.with_value(|id| confirming.as_deref() == Some(id.as_str())))
    };
    view! {
        <Show
            when=is_confirming
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="button button-small button-quiet"
                        data-testid="workspace-delete"
                        on:click=move |_| choices.confirming.set(Some(id.get_value()))
                    >
                        {state.tr(Text::DeleteWorkspace)}
                    </button>
                }
            }
        >
            <button
                type="button"
                class="button button-small button-danger"
                data-testid="workspace-confirm-delete"
                on:click=move |_| {
                    choices.confirming.set(None);
                    session.delete(id.get_value(), state.language.get_untracked())
                }
            >
                {state.tr(Text::ConfirmDelete)}
            </button>
        </Show>
    }
}

/// One stored workspace: its name and badges, its counts and its actions.
#[component]
fn WorkspaceRow(summary: WorkspaceSummary, choices: RowChoices) -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let id = StoredValue::new(summary.id.clone());
    let is_current = move || {
        session
            .workspace_id
            .with(|current| id.with_value(|id| current.as_deref() == Some(id.as_str())))
    };
    let is_renaming = move || {
        choices
            .renaming
            .with(|renaming| id.with_value(|id| renaming.as_deref() == Some(id.as_str())))
    };
    let (hcps, interactions) = (summary.hcps as i64, summary.interactions as i64);
    let current_name = summary.name.clone();
    view! {
        <tr data-testid="workspace-row" data-workspace-id=summary.id.clone()>
            <td>
                <Show when=is_renaming>
                    <WorkspaceRenameForm id=id choices=choices />
                </Show>
                <span data-testid="workspace-row-name">{summary.name.clone()}</span>
                {summary
                    .demo
                    .then(|| {
                        view! {
                            " "
                            <span class="badge badge-demo">{state.tr(Text::DemoBadge)}</span>
                        }
                    })}
                {move || {
                    is_current()
                        .then(|| {
                            view! {
                                " "
                                <span class="badge">{state.tr(Text::CurrentMarker)}</span>
                            }
                        })
                }}
            </td>
            <td class="number">{move || format_integer(hcps, state.language.get())}</td>
            <td class="number">{move || format_integer(interactions, state.language.get())}</td>
            <td class="row-actions">
                <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="workspace-open"
                    disabled=is_current
                    on:click=move |_| session.open(id.get_value())
                >
                    {state.tr(Text::OpenWorkspace)}
                </button>
                <button
                    type="button"
                    class="button button-small button-quiet"
                    data-testid="workspace-rename"
                    on:click=move |_| {
                        choices.draft_name.set(current_name.clone());
                        choices.renaming.set(Some(id.get_value()))
                    }
                >
                    {state.tr(Text::RenameWorkspace)}
                </button>
                <button
                    type="button"
                    class="button button-small button-quiet"
                    data-testid="workspace-duplicate"
                    on:click=move |_| {
                        session.duplicate(id.get_value(), state.text(Text::CopySuffix))
                    }
                >
                    {state.tr(Text::DuplicateWorkspace)}
                </button>
                <WorkspaceDeleteButton id=id choices=choices />
            </td>
        </tr>
    }
}

/// Every stored workspace, with open and a two-step delete.
#[component]
pub(super) fn WorkspaceList() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let choices = RowChoices {
        renaming: RwSignal::new(None),
        draft_name: RwSignal::new(String::new()),
        confirming: RwSignal::new(None),
    };
    // Keyed by id and everything a row shows but its current mark and the counts' language,
    // which the row follows itself.
    let keys = Signal::derive(move || {
        session.workspaces.with(|list| {
            list.iter()
                .map(|s| {
                    key_of(&[
                        &s.id,
                        &s.name,
                        &s.demo.to_string(),
                        &s.hcps.to_string(),
                        &s.interactions.to_string(),
                    ])
                })
                .collect::<Vec<_>>()
        })
    });
    let row = Callback::new(move |key: String| {
        let id = parts_of(&key)[0].to_string();
        let summary = session
            .workspaces
            .with_untracked(|list| list.iter().find(|s| s.id == id).cloned());
        summary
            .map(|summary| view! { <WorkspaceRow summary=summary choices=choices /> }.into_any())
            .unwrap_or_else(|| ().into_any())
    });
    view! {
        <section class="card" data-testid="workspace-list">
            <h2>{state.tr(Text::WorkspacesTitle)}</h2>
            <div class="table-scroll">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(Text::ColumnName)}</th>
                            <th scope="col" class="number">
                                {state.tr(Text::CountHcps)}
                            </th>
                            <th scope="col" class="number">
                                {state.tr(Text::CountInteractions)}
                            </th>
                            <th scope="col">{state.tr(Text::ColumnActions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <KeyedRows keys=keys row=row />
                    </tbody>
                </table>
            </div>
        </section>
    }
}
