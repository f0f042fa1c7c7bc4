//! The Data page: export the open workspace, import a file (check, preview, confirm), manage workspaces.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::ui::browser;
use crate::ui::state::use_app_state;
use omnirx_core::domain::stats::workspace_stats;
use omnirx_core::domain::workspace_file::{
    export_file_name, export_workspace, import_workspace, refuse_over_size_cap, ImportError,
    ImportOutcome,
};
use omnirx_core::i18n::{
    describe_field_problem, describe_import_error, describe_repair, format_integer, Text,
};
use omnirx_core::view::route::Page;

/// Where an import stands on this page.
#[derive(Clone, Debug, PartialEq)]
enum ImportState {
    Idle,
    Reading,
    Preview(Box<ImportOutcome>),
    Failed(ImportError),
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let import_state = RwSignal::new(ImportState::Idle);

    let export = move |_| {
        let Some(workspace) = session.workspace.get_untracked() else {
            return;
        };
        let text = export_workspace(&workspace);
        let file_name = export_file_name(&workspace.settings.name, state.today);
        let _ = browser::download_text(&file_name, &text, "application/json");
    };

    let on_file = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        session.notice.set(None);
        // A file over the cap is refused from its size, before a byte of it is read.
        if let Err(error) = refuse_over_size_cap(file.size() as u64) {
            import_state.set(ImportState::Failed(error));
            return;
        }
        import_state.set(ImportState::Reading);
        spawn_local(async move {
            let outcome = match browser::read_file_bytes(file).await {
                Ok(bytes) => {
                    browser::timed("omnirx:import-parse-validate", || import_workspace(&bytes))
                }
                Err(detail) => Err(ImportError::Unreadable { detail }),
            };
            import_state.set(match outcome {
                Ok(outcome) => ImportState::Preview(Box::new(outcome)),
                Err(error) => ImportState::Failed(error),
            });
        });
    };

    let confirm = move |as_new: bool| {
        if let ImportState::Preview(outcome) = import_state.get_untracked() {
            session.commit_import(*outcome, as_new);
            import_state.set(ImportState::Idle);
        }
    };

    let import_panel = move || {
        let language = state.language.get();
        match import_state.get() {
            ImportState::Idle => ().into_any(),
            ImportState::Reading => view! { <p class="muted" data-testid="import-reading">{state.text(Text::ImportReading)}</p> }.into_any(),
            ImportState::Failed(error) => {
                let problems = match &error {
                    ImportError::Invalid { problems, more } => {
                        let mut lines: Vec<String> = problems.iter().map(|problem| describe_field_problem(language, problem)).collect();
                        if *more > 0 {
                            lines.push(format!("… +{}", format_integer(*more as i64, language)));
                        }
                        lines
                    }
                    _ => Vec::new(),
                };
                view! {
                    <div class="alert alert-error" role="alert" data-testid="import-error">
                        <h3>{state.text(Text::ImportFailedTitle)}</h3>
                        <p data-testid="import-error-message">{describe_import_error(language, &error)}</p>
                        <ul class="problem-list">
                            {problems.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any()
            }
            ImportState::Preview(outcome) => {
                let stats = workspace_stats(&outcome.workspace);
                let rows = stats
                    .counts
                    .iter()
                    .filter(|(_, count)| *count > 0)
                    .map(|(kind, count)| {
                        let label = count_label(kind).map(|key| state.text(key).to_string()).unwrap_or_else(|| kind.to_string());
                        view! {
                            <tr data-testid=format!("preview-{kind}")>
                                <th scope="row">{label}</th>
                                <td class="number">{format_integer(*count as i64, language)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let repairs = outcome.repairs.iter().map(|repair| view! { <li>{describe_repair(language, repair)}</li> }).collect_view();
                let has_repairs = !outcome.repairs.is_empty();
                view! {
                    <div class="preview" data-testid="import-preview">
                        <h3>{state.text(Text::ImportPreviewTitle)} ": " <span data-testid="preview-name">{outcome.workspace.settings.name.clone()}</span></h3>
                        <table class="table compact"><tbody>{rows}</tbody></table>
                        <Show when=move || has_repairs>
                            <p class="muted">{state.text(Text::ImportRepairs)}</p>
                        </Show>
                        <ul data-testid="import-repairs">{repairs}</ul>
                        <div class="actions">
                            <button type="button" class="button" data-testid="import-as-new" on:click=move |_| confirm(true)>
                                {state.text(Text::ImportAsNew)}
                            </button>
                            <button type="button" class="button button-secondary" data-testid="import-replace" on:click=move |_| confirm(false)>
                                {state.text(Text::ImportReplace)}
                            </button>
                            <button type="button" class="button button-quiet" data-testid="import-cancel" on:click=move |_| import_state.set(ImportState::Idle)>
                                {state.text(Text::Cancel)}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            }
        }
    };

    view! {
        <article class="page" data-testid="page-data">
            <h1 data-testid="page-title">{state.tr(Text::PageData)}</h1>
            <p class="page-intro">{state.tr(Text::DataIntro)}</p>
            <div class="card-grid">
                <section class="card">
                    <h2>{state.tr(Text::ExportTitle)}</h2>
                    <p class="muted">{state.tr(Text::ExportHint)}</p>
                    <button type="button" class="button" data-testid="export-button" on:click=export>
                        {state.tr(Text::ExportButton)}
                    </button>
                </section>
                <section class="card">
                    <h2>{state.tr(Text::ImportTitle)}</h2>
                    <p class="muted">{state.tr(Text::ImportHint)}</p>
                    <label class="file-picker">
                        <span class="button button-secondary">{state.tr(Text::ImportFile)}</span>
                        <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_file/>
                    </label>
                    {import_panel}
                </section>
            </div>
            <WorkspaceList/>
            <super::planned::PlannedSection page=Page::Data/>
        </article>
    }
}

fn count_label(kind: &str) -> Option<Text> {
    Some(match kind {
        "products" => Text::CountProducts,
        "channels" => Text::CountChannels,
        "regions" => Text::CountRegions,
        "territories" => Text::CountTerritories,
        "reps" => Text::CountReps,
        "accounts" => Text::CountAccounts,
        "hcps" => Text::CountHcps,
        "interactions" => Text::CountInteractions,
        "prescriptions" => Text::CountPrescriptions,
        "targets" => Text::CountTargets,
        "funnels" => Text::CountFunnels,
        "segment_rule_sets" => Text::CountSegmentRuleSets,
        "journeys" => Text::CountJourneyMaps,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::count_label;
    use omnirx_core::domain::demo::{generate_demo_workspace, DemoOptions, DemoScale};
    use omnirx_core::domain::stats::workspace_stats;

    /// The preview names every kind of record in the UI's words, never by its key.
    #[test]
    fn every_counted_kind_has_a_label() {
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Tiny,
            1,
            omnirx_core::domain::demo::DataLanguage::English,
        ));
        for (kind, _) in workspace_stats(&workspace).counts {
            assert!(count_label(kind).is_some(), "{kind} has no label");
        }
    }
}

/// Every stored workspace, with open and a two-step delete.
#[component]
fn WorkspaceList() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let confirming = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    let draft_name = RwSignal::new(String::new());
    let rows = move || {
        let language = state.language.get();
        let current = session.workspace_id.get();
        session
            .workspaces
            .get()
            .into_iter()
            .map(|summary| {
                let id = summary.id.clone();
                let is_current = current.as_deref() == Some(id.as_str());
                let (open_id, delete_id, confirm_id) = (id.clone(), id.clone(), id.clone());
                let (rename_id, save_id, duplicate_id, renaming_id) = (id.clone(), id.clone(), id.clone(), id.clone());
                let current_name = summary.name.clone();
                let is_renaming = move || renaming.get().as_deref() == Some(renaming_id.as_str());
                let save_name = move || {
                    session.rename(save_id.clone(), draft_name.get_untracked());
                    renaming.set(None);
                };
                let save_name_on_enter = save_name.clone();
                let is_confirming = move || confirming.get().as_deref() == Some(confirm_id.as_str());
                view! {
                    <tr data-testid="workspace-row" data-workspace-id=id.clone()>
                        <td>
                            <Show when=is_renaming.clone()>
                                <form class="rename-form" on:submit={
                                    let save = save_name_on_enter.clone();
                                    move |event: leptos::ev::SubmitEvent| { event.prevent_default(); save() }
                                }>
                                    <input type="text" class="text-input" data-testid="workspace-rename-input"
                                        aria-label=state.text(Text::NewNameLabel)
                                        prop:value=move || draft_name.get()
                                        on:input=move |event| draft_name.set(event_target_value(&event))/>
                                    <button type="submit" class="button button-small" data-testid="workspace-rename-save">
                                        {state.text(Text::SaveName)}
                                    </button>
                                    <button type="button" class="button button-small button-quiet" on:click=move |_| renaming.set(None)>
                                        {state.text(Text::Cancel)}
                                    </button>
                                </form>
                            </Show>
                            <span data-testid="workspace-row-name">{summary.name.clone()}</span>
                            {summary.demo.then(|| view! { " " <span class="badge badge-demo">{state.text(Text::DemoBadge)}</span> })}
                            {is_current.then(|| view! { " " <span class="badge">{state.text(Text::CurrentMarker)}</span> })}
                        </td>
                        <td class="number">{format_integer(summary.hcps as i64, language)}</td>
                        <td class="number">{format_integer(summary.interactions as i64, language)}</td>
                        <td class="row-actions">
                            <button type="button" class="button button-small button-secondary" data-testid="workspace-open"
                                disabled=is_current on:click=move |_| session.open(open_id.clone())>
                                {state.text(Text::OpenWorkspace)}
                            </button>
                            <button type="button" class="button button-small button-quiet" data-testid="workspace-rename"
                                on:click=move |_| { draft_name.set(current_name.clone()); renaming.set(Some(rename_id.clone())) }>
                                {state.text(Text::RenameWorkspace)}
                            </button>
                            <button type="button" class="button button-small button-quiet" data-testid="workspace-duplicate"
                                on:click=move |_| session.duplicate(duplicate_id.clone(), state.text(Text::CopySuffix))>
                                {state.text(Text::DuplicateWorkspace)}
                            </button>
                            <Show
                                when=is_confirming.clone()
                                fallback={
                                    let id = id.clone();
                                    move || {
                                        let id = id.clone();
                                        view! {
                                            <button type="button" class="button button-small button-quiet" data-testid="workspace-delete"
                                                on:click=move |_| confirming.set(Some(id.clone()))>
                                                {state.text(Text::DeleteWorkspace)}
                                            </button>
                                        }
                                    }
                                }
                            >
                                {
                                    let id = delete_id.clone();
                                    move || {
                                        let id = id.clone();
                                        view! {
                                            <button type="button" class="button button-small button-danger" data-testid="workspace-confirm-delete"
                                                on:click=move |_| { confirming.set(None); session.delete(id.clone(), state.language.get_untracked()) }>
                                                {state.text(Text::ConfirmDelete)}
                                            </button>
                                        }
                                    }
                                }
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" data-testid="workspace-list">
            <h2>{state.tr(Text::WorkspacesTitle)}</h2>
            <div class="table-scroll">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(Text::ColumnName)}</th>
                            <th scope="col" class="number">{state.tr(Text::CountHcps)}</th>
                            <th scope="col" class="number">{state.tr(Text::CountInteractions)}</th>
                            <th scope="col">{state.tr(Text::ColumnActions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
