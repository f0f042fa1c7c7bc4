//! The import card: a file is read and checked (by the worker, off the page's thread, with its
//! progress and a cancel button), previewed with its counts and repairs, then added as a new
//! workspace or put in place of the open one; a refused file is explained.

use leptos::prelude::*;

use super::passphrase::PassphraseInput;
use wasm_bindgen::JsCast;

use crate::ui::components::market_rules::IncomingPrescriptionsChoice;
use crate::ui::state::file_import::{FileFailure, FileStep};
use crate::ui::state::use_app_state;
use omnirx_core::domain::compliance::IncomingChoice;
use omnirx_core::domain::sharing::envelope::OpenError;
use omnirx_core::domain::table_import::protocol::Stage;
use omnirx_core::domain::workspace_file::{FilePreview, ImportError};
use omnirx_core::i18n::sharing_messages::describe_open_error;
use omnirx_core::i18n::{
    describe_field_problem, describe_import_error, describe_repair, format_integer, format_percent,
    Text,
};

pub(super) fn count_label(kind: &str) -> Option<Text> {
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
        "plans" => Text::CountPlans,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::count_label;
    use omnirx_core::domain::demo::{generate_demo_workspace, DemoOptions, DemoScale};
    use omnirx_core::domain::stats::record_counts;

    /// The preview names every kind of record in the UI's words, never by its key.
    #[test]
    fn every_counted_kind_has_a_label() {
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Tiny,
            1,
            omnirx_core::domain::demo::DataLanguage::English,
        ));
        for (kind, _) in record_counts(&workspace) {
            assert!(count_label(kind).is_some(), "{kind} has no label");
        }
    }
}

/// A refused file: the reason, and each problem found with its place in the file; or why the
/// import stopped (cancelled, storage refused, the worker gone).
#[component]
fn ImportFailure(failure: FileFailure) -> impl IntoView {
    let state = use_app_state();
    let failure = StoredValue::new(failure);
    let message = move || {
        let language = state.language.get();
        failure.with_value(|failure| match failure {
            FileFailure::Refused(error) => describe_import_error(language, error),
            FileFailure::Cancelled => state.text(Text::TableCancelled).to_string(),
            FileFailure::WorkerDied => state.text(Text::TableWorkerFailed).to_string(),
        })
    };
    let problems = move || {
        let language = state.language.get();
        failure.with_value(|failure| match failure {
            FileFailure::Refused(ImportError::Invalid { problems, more }) => {
                let mut lines: Vec<String> = problems
                    .iter()
                    .map(|problem| describe_field_problem(language, problem))
                    .collect();
                if *more > 0 {
                    lines.push(format!("… +{}", format_integer(*more as i64, language)));
                }
                lines
            }
            _ => Vec::new(),
        })
    };
    // A cancelled import is the user's choice, not a failure: said plainly, without the title.
    let cancelled = failure.with_value(|failure| *failure == FileFailure::Cancelled);
    let class = if cancelled {
        "alert"
    } else {
        "alert alert-error"
    };
    view! {
        <div class=class role="alert" data-testid="import-error">
            <Show when=move || !cancelled>
                <h3>{state.tr(Text::ImportFailedTitle)}</h3>
            </Show>
            <p data-testid="import-error-message">{message}</p>
            {move || {
                let lines = problems();
                (!lines.is_empty())
                    .then(|| {
                        view! {
                            <ul class="problem-list">
                                {lines
                                    .into_iter()
                                    .map(|line| {
                                        view! {
                                            <li>
                                                <code>{line}</code>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}

/// A checked file before it is stored: its name, the count of each kind of record, the repairs
/// made on the way in, and the choice of adding it, putting it in place of the open workspace or not.
#[component]
fn ImportPreview(preview: FilePreview) -> impl IntoView {
    let state = use_app_state();
    let files = state.files();
    let choice = RwSignal::new(IncomingChoice::default());
    let confirm = move |as_new: bool| {
        // The market rules: the file's, or the replaced workspace's China rules; HCP-level
        // prescriptions they forbid are settled as the user chose, before the one write.
        let replaced = (!as_new).then(|| untrack(|| state.market_rules.rules()));
        files.store(as_new, replaced, choice.get_untracked());
    };
    let FilePreview {
        name,
        counts,
        repairs,
        market_rules,
        hcp_prescriptions,
    } = preview;
    // Each kind with its label and count as shown, which are also its key.
    let rows = move || {
        let language = state.language.get();
        counts
            .iter()
            .filter(|(_, count)| *count > 0)
            .map(|(kind, count)| {
                let label = count_label(kind)
                    .map(|key| state.text(key).to_string())
                    .unwrap_or_else(|| kind.clone());
                (kind.clone(), label, format_integer(*count as i64, language))
            })
            .collect::<Vec<_>>()
    };
    let has_repairs = !repairs.is_empty();
    let repair_lines = move || {
        let language = state.language.get();
        repairs
            .iter()
            .map(|repair| describe_repair(language, repair))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="preview" data-testid="import-preview">
            <h3>
                {state.tr(Text::ImportPreviewTitle)} ": "
                <span data-testid="preview-name">{name}</span>
            </h3>
            <table class="table compact">
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(kind, label, count)| {
                                view! {
                                    <tr data-testid=format!("preview-{kind}")>
                                        <th scope="row">{label}</th>
                                        <td class="number">{count}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=move || has_repairs>
                <p class="muted">{state.tr(Text::ImportRepairs)}</p>
            </Show>
            <IncomingRules
                market_rules=market_rules
                hcp_prescriptions=hcp_prescriptions
                choice=choice
            />
            <ul data-testid="import-repairs">
                {move || {
                    repair_lines().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()
                }}
            </ul>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    data-testid="import-as-new"
                    on:click=move |_| confirm(true)
                >
                    {state.tr(Text::ImportAsNew)}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="import-replace"
                    on:click=move |_| confirm(false)
                >
                    {state.tr(Text::ImportReplace)}
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    data-testid="import-cancel"
                    on:click=move |_| files.dismiss()
                >
                    {state.tr(Text::Cancel)}
                </button>
            </div>
        </div>
    }
}

/// The file's prescriptions of individual HCPs, when the file's market rules (or the China rules
/// of the workspace it would replace) forbid them: the warning and the choice.
#[component]
fn IncomingRules(
    market_rules: omnirx_core::domain::model::MarketRules,
    hcp_prescriptions: usize,
    choice: RwSignal<IncomingChoice>,
) -> impl IntoView {
    let state = use_app_state();
    let current_china = move || state.market_rules.forbid_hcp_prescriptions();
    let count = Signal::derive(move || {
        let concerned = market_rules.forbids_hcp_prescriptions() || current_china();
        if concerned {
            hcp_prescriptions
        } else {
            0
        }
    });
    let replace_keeps = move || {
        current_china() && hcp_prescriptions > 0 && !market_rules.forbids_hcp_prescriptions()
    };
    view! {
        <Show when=move || { count.get() > 0 }>
            <IncomingPrescriptionsChoice count=count choice=choice testid="import-market-rules" />
            <Show when=replace_keeps>
                <p class="muted" data-testid="import-market-rules-replace">
                    {state.tr(Text::MarketRulesReplaceKeeps)}
                </p>
            </Show>
        </Show>
    }
}

/// An encrypted file: its passphrase asked for; a wrong one says so and asks again, a damaged
/// file says so. The passphrase is never kept.
#[component]
fn Unlock(failed: Option<OpenError>, opening: bool) -> impl IntoView {
    let state = use_app_state();
    let passphrase = RwSignal::new(String::new());
    let unlock = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // Read now: the form is drawn anew (and its signal dropped) once the state changes.
        state.files().unlock(passphrase.get_untracked());
    };
    let message = move || {
        failed
            .clone()
            .map(|error| describe_open_error(state.language.get(), &error))
    };
    view! {
        <form class="unlock" data-testid="import-locked" on:submit=unlock>
            <h3>{state.tr(Text::ImportLockedTitle)}</h3>
            <PassphraseInput
                label=Text::ImportPassphrase
                test_id="import-passphrase"
                value=passphrase
            />
            {move || {
                message()
                    .map(|message| {
                        view! {
                            <p
                                class="alert alert-error"
                                role="alert"
                                data-testid="import-unlock-error"
                            >
                                {message}
                            </p>
                        }
                    })
            }}
            <button type="submit" class="button" data-testid="import-unlock" disabled=opening>
                {state.tr(if opening { Text::ImportUnlocking } else { Text::ImportUnlock })}
            </button>
        </form>
    }
}

/// Reading, checking or writing the file: the stage, a bar (its share while reading; moving
/// without one while checking and writing) and the cancel button that stops the worker.
#[component]
fn FileProgress(stage: Stage) -> impl IntoView {
    let state = use_app_state();
    let files = state.files();
    let label = super::table_import::progress::stage_text(stage);
    let share = move || files.progress.get().and_then(|p| p.share());
    view! {
        <div class="import-progress" role="status" data-testid="import-reading">
            <p data-testid="import-progress-text">
                {state.tr(label)}
                {move || {
                    share()
                        .map(|share| format!(" {}", format_percent(share, 0, state.language.get())))
                }}
            </p>
            // No value: the browser draws a bar that moves without a share.
            {move || match share() {
                Some(share) => {
                    view! {
                        <progress max="1" value=share data-testid="import-progress-bar"></progress>
                    }
                        .into_any()
                }
                None => view! { <progress data-testid="import-progress-bar"></progress> }.into_any(),
            }}
            <button
                type="button"
                class="button button-secondary"
                data-testid="import-stop"
                on:click=move |_| files.cancel()
            >
                {state.tr(Text::TableCancel)}
            </button>
        </div>
    }
}

/// What the import shows below the file picker: nothing, the progress, the refusal, the lock or
/// the preview.
#[component]
fn ImportStatus() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.files().step.with(|step| match step {
            FileStep::Idle => ().into_any(),
            FileStep::Working(stage) => view! { <FileProgress stage=*stage /> }.into_any(),
            FileStep::Failed(failure) => {
                view! { <ImportFailure failure=failure.clone() /> }.into_any()
            }
            FileStep::Locked { failed, opening } => {
                view! { <Unlock failed=failed.clone() opening=*opening /> }.into_any()
            }
            FileStep::Preview(preview) => {
                view! { <ImportPreview preview=(**preview).clone() /> }.into_any()
            }
        })
    }
}

/// The import card: the file picker, then the import's status.
#[component]
pub(super) fn ImportCard() -> impl IntoView {
    let state = use_app_state();
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
        state.files().choose(file);
    };
    view! {
        <section class="card">
            <h2>{state.tr(Text::ImportTitle)}</h2>
            <p class="muted">{state.tr(Text::ImportHint)}</p>
            <label class="file-picker">
                <span class="button button-secondary">{state.tr(Text::ImportFile)}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="import-file"
                    on:change=on_file
                />
            </label>
            <ImportStatus />
        </section>
    }
}
