//! The import card: a file is read and checked, previewed with its counts and repairs, then added as a new workspace or put in place of the open one; a refused file is explained.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::ui::browser;
use crate::ui::components::market_rules::IncomingPrescriptionsChoice;
use crate::ui::state::use_app_state;
use omnirx_core::domain::compliance::{
    hcp_level_prescriptions, incoming_rules, settle_incoming, IncomingChoice,
};
use omnirx_core::domain::sharing::envelope::{is_encrypted, open, OpenError};
use omnirx_core::domain::stats::workspace_stats;
use omnirx_core::domain::workspace_file::{
    import_workspace, refuse_over_size_cap, ImportError, ImportOutcome, Repair,
};
use omnirx_core::i18n::sharing_messages::describe_open_error;
use omnirx_core::i18n::{
    describe_field_problem, describe_import_error, describe_repair, format_integer, Text,
};

/// Where an import stands on this page.
#[derive(Clone, Debug, PartialEq)]
enum ImportState {
    Idle,
    Reading,
    /// An encrypted file waiting for its passphrase (with why the last try failed).
    Locked {
        bytes: std::sync::Arc<Vec<u8>>,
        failed: Option<OpenError>,
        opening: bool,
    },
    Preview(Box<ImportOutcome>),
    Failed(ImportError),
}

/// The bytes of a workspace file, or its lock.
fn read_or_lock(bytes: Vec<u8>) -> ImportState {
    if is_encrypted(&bytes) {
        return ImportState::Locked {
            bytes: std::sync::Arc::new(bytes),
            failed: None,
            opening: false,
        };
    }
    match browser::timed("omnirx:import-parse-validate", || import_workspace(&bytes)) {
        Ok(outcome) => ImportState::Preview(Box::new(outcome)),
        Err(error) => ImportState::Failed(error),
    }
}

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

/// A refused file: the reason, and each problem found with its place in the file.
#[component]
fn ImportFailure(error: ImportError) -> impl IntoView {
    let state = use_app_state();
    let error = StoredValue::new(error);
    let problems = move || {
        let language = state.language.get();
        error.with_value(|error| match error {
            ImportError::Invalid { problems, more } => {
                let mut lines: Vec<String> = problems
                    .iter()
                    .map(|problem| describe_field_problem(language, problem))
                    .collect();
                if *more > 0 {
                    lines.push(format!("… +{}", format_integer(*more as i64, language)));
                }
                lines.into_iter().enumerate().collect()
            }
            _ => Vec::new(),
        })
    };
    view! {
        <div class="alert alert-error" role="alert" data-testid="import-error">
            <h3>{state.tr(Text::ImportFailedTitle)}</h3>
            <p data-testid="import-error-message">
                {move || {
                    error.with_value(|error| describe_import_error(state.language.get(), error))
                }}
            </p>
            <ul class="problem-list">
                {move || {
                    problems()
                        .into_iter()
                        .map(|(_, line)| {
                            view! {
                                <li>
                                    <code>{line}</code>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// A checked file before it is stored: its name, the count of each kind of record, the repairs
/// made on the way in, and the choice of adding it, putting it in place of the open workspace or not.
#[component]
fn ImportPreview(
    name: String,
    counts: Vec<(&'static str, usize)>,
    repairs: Vec<Repair>,
    import_state: RwSignal<ImportState>,
) -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let choice = RwSignal::new(IncomingChoice::default());
    let confirm = move |as_new: bool| {
        if let ImportState::Preview(mut outcome) = import_state.get_untracked() {
            // The market rules: the file's, or the replaced workspace's China rules; HCP-level
            // prescriptions they forbid are settled as the user chose, before the one write.
            let replaced = (!as_new).then(|| untrack(|| state.market_rules.rules()));
            let rules = incoming_rules(outcome.workspace.settings.market_rules, replaced);
            settle_incoming(&mut outcome.workspace, rules, choice.get_untracked());
            session.commit_import(*outcome, as_new);
            import_state.set(ImportState::Idle);
        }
    };
    // Each kind with its label and count as shown, which are also its key.
    let rows = move || {
        let language = state.language.get();
        counts
            .iter()
            .filter(|(_, count)| *count > 0)
            .map(|(kind, count)| {
                let label = count_label(kind)
                    .map(|key| state.text(key).to_string())
                    .unwrap_or_else(|| kind.to_string());
                (*kind, label, format_integer(*count as i64, language))
            })
            .collect::<Vec<_>>()
    };
    let has_repairs = !repairs.is_empty();
    let repair_lines = move || {
        let language = state.language.get();
        repairs
            .iter()
            .map(|repair| describe_repair(language, repair))
            .enumerate()
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
            <IncomingRules import_state=import_state choice=choice />
            <ul data-testid="import-repairs">
                {move || {
                    repair_lines()
                        .into_iter()
                        .map(|(_, line)| view! { <li>{line}</li> })
                        .collect_view()
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
                    on:click=move |_| import_state.set(ImportState::Idle)
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
    import_state: RwSignal<ImportState>,
    choice: RwSignal<IncomingChoice>,
) -> impl IntoView {
    let state = use_app_state();
    let file = move || {
        import_state.with(|import| match import {
            ImportState::Preview(outcome) => Some((
                outcome.workspace.settings.market_rules,
                hcp_level_prescriptions(&outcome.workspace),
            )),
            _ => None,
        })
    };
    let current_china = move || state.market_rules.forbid_hcp_prescriptions();
    let count = Signal::derive(move || {
        file().map_or(0, |(rules, count)| {
            let concerned = rules.forbids_hcp_prescriptions() || current_china();
            if concerned {
                count
            } else {
                0
            }
        })
    });
    let replace_keeps = move || {
        current_china()
            && file().is_some_and(|(rules, count)| count > 0 && !rules.forbids_hcp_prescriptions())
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
fn Unlock(
    failed: Option<OpenError>,
    opening: bool,
    import_state: RwSignal<ImportState>,
) -> impl IntoView {
    let state = use_app_state();
    let passphrase = RwSignal::new(String::new());
    let unlock = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let ImportState::Locked { bytes, .. } = import_state.get_untracked() else {
            return;
        };
        // Read now: the form is drawn anew (and its signal dropped) once the state changes.
        let passphrase = passphrase.get_untracked();
        import_state.set(ImportState::Locked {
            bytes: bytes.clone(),
            failed: None,
            opening: true,
        });
        // Deriving the key takes a moment: "Decrypting…" is drawn first.
        spawn_local(async move {
            browser::next_frame().await;
            let opened = browser::timed("omnirx:decrypt", || open(&bytes, &passphrase));
            import_state.set(match opened {
                Ok(plain) => read_or_lock(plain),
                Err(error) => ImportState::Locked {
                    bytes,
                    failed: Some(error),
                    opening: false,
                },
            });
        });
    };
    let message = move || {
        failed
            .clone()
            .map(|error| describe_open_error(state.language.get(), &error))
    };
    view! {
        <form class="unlock" data-testid="import-locked" on:submit=unlock>
            <h3>{state.tr(Text::ImportLockedTitle)}</h3>
            <label class="control">
                <span class="control-label">{state.tr(Text::ImportPassphrase)}</span>
                <input
                    type="password"
                    autocomplete="off"
                    data-testid="import-passphrase"
                    on:input=move |event| passphrase.set(event_target_value(&event))
                />
            </label>
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

/// What the import shows below the file picker: nothing, the reading note, the refusal or the preview.
#[component]
fn ImportStatus(import_state: RwSignal<ImportState>) -> impl IntoView {
    let state = use_app_state();
    move || {
        import_state.with(|import| match import {
            ImportState::Idle => ().into_any(),
            ImportState::Reading => view! {
                <p class="muted" data-testid="import-reading">
                    {state.tr(Text::ImportReading)}
                </p>
            }.into_any(),
            ImportState::Failed(error) => view! { <ImportFailure error=error.clone() /> }.into_any(),
            ImportState::Locked { failed, opening, .. } => {
                view! { <Unlock failed=failed.clone() opening=*opening import_state=import_state /> }
                    .into_any()
            }
            ImportState::Preview(outcome) => {
                let counts = workspace_stats(&outcome.workspace).counts;
                let name = outcome.workspace.settings.name.clone();
                let repairs = outcome.repairs.clone();
                view! { <ImportPreview name=name counts=counts repairs=repairs import_state=import_state /> }.into_any()
            }
        })
    }
}

/// The import card: the file picker, then the import's status.
#[component]
pub(super) fn ImportCard() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let import_state = RwSignal::new(ImportState::Idle);
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
            import_state.set(match browser::read_file_bytes(file).await {
                Ok(bytes) => read_or_lock(bytes),
                Err(detail) => ImportState::Failed(ImportError::Unreadable { detail }),
            });
        });
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
            <ImportStatus import_state=import_state />
        </section>
    }
}
