//! The export card: the open workspace as a file, whole or in part, anonymised for training or
//! sealed with a passphrase (`docs/sharing.md`).

use leptos::prelude::*;

use super::passphrase::PassphraseInput;

use crate::ui::components::lists::{pair_keys, pair_of, KeyedRows};
use crate::ui::state::sharing::ExportProblem;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::parse_iso_date;
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::sharing::subset::SubsetChoice;
use omnirx_core::i18n::Text;

/// Which list of the choice a group of boxes edits.
#[derive(Clone, Copy, PartialEq)]
enum Group {
    Regions,
    Territories,
    Reps,
    Products,
}

impl Group {
    fn list(self) -> fn(&mut SubsetChoice) -> &mut Vec<String> {
        match self {
            Group::Regions => |c| &mut c.regions,
            Group::Territories => |c| &mut c.territories,
            Group::Reps => |c| &mut c.reps,
            Group::Products => |c| &mut c.products,
        }
    }

    fn ids(self, choice: &SubsetChoice) -> &[String] {
        match self {
            Group::Regions => &choice.regions,
            Group::Territories => &choice.territories,
            Group::Reps => &choice.reps,
            Group::Products => &choice.products,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Group::Regions => "regions",
            Group::Territories => "territories",
            Group::Reps => "reps",
            Group::Products => "products",
        }
    }

    fn label(self) -> Text {
        match self {
            Group::Regions => Text::CountRegions,
            Group::Territories => Text::CountTerritories,
            Group::Reps => Text::CountReps,
            Group::Products => Text::CountProducts,
        }
    }

    /// (id, name) of the workspace's records of this kind.
    fn items(self, workspace: &Workspace) -> Vec<(String, String)> {
        let pairs = |records: Vec<(&String, &String)>| {
            records
                .into_iter()
                .map(|(id, name)| (id.clone(), name.clone()))
                .collect()
        };
        match self {
            Group::Regions => pairs(workspace.regions.iter().map(|r| (&r.id, &r.name)).collect()),
            Group::Territories => pairs(
                workspace
                    .territories
                    .iter()
                    .map(|t| (&t.id, &t.name))
                    .collect(),
            ),
            Group::Reps => pairs(workspace.reps.iter().map(|r| (&r.id, &r.name)).collect()),
            Group::Products => pairs(
                workspace
                    .products
                    .iter()
                    .map(|p| (&p.id, &p.name))
                    .collect(),
            ),
        }
    }
}

/// A group of boxes, one per record of a kind; none ticked keeps them all.
#[component]
fn ChoiceGroup(group: Group) -> impl IntoView {
    let state = use_app_state();
    let export = state.export();
    let keys = Signal::derive(move || {
        state.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| pair_keys(group.items(w)))
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="choice-group" data-testid=format!("export-{}", group.key())>
            <legend>{state.tr(group.label())}</legend>
            <div class="choice-list">
                <KeyedRows
                    keys=keys
                    row=Callback::new(move |key: String| {
                        let (id, name) = pair_of(&key);
                        let checked = {
                            let id = id.clone();
                            move || export.choice.with(|c| group.ids(c).contains(&id))
                        };
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    value=id.clone()
                                    prop:checked=checked
                                    on:change=move |_| export.toggle(group.list(), &id)
                                />
                                {name}
                            </label>
                        }
                            .into_any()
                    })
                />
            </div>
        </fieldset>
    }
}

/// The part to export, anonymising, and the passphrase.
#[component]
fn ExportOptions() -> impl IntoView {
    let state = use_app_state();
    let export = state.export();
    let date = move |event: leptos::ev::Event| parse_iso_date(&event_target_value(&event));
    view! {
        <details class="export-options" data-testid="export-options">
            <summary>{state.tr(Text::ExportOptions)}</summary>
            <p class="muted">{state.tr(Text::ExportPartHint)}</p>
            <div class="choice-groups">
                <ChoiceGroup group=Group::Regions />
                <ChoiceGroup group=Group::Territories />
                <ChoiceGroup group=Group::Reps />
                <ChoiceGroup group=Group::Products />
            </div>
            <div class="controls">
                <label class="control">
                    <span class="control-label">{state.tr(Text::ExportFrom)}</span>
                    <input
                        type="date"
                        data-testid="export-from"
                        on:change=move |event| {
                            export.set_dates(date(event), export.choice.get_untracked().to)
                        }
                    />
                </label>
                <label class="control">
                    <span class="control-label">{state.tr(Text::ExportTo)}</span>
                    <input
                        type="date"
                        data-testid="export-to"
                        on:change=move |event| {
                            export.set_dates(export.choice.get_untracked().from, date(event))
                        }
                    />
                </label>
            </div>
            <label class="choice choice-wide">
                <input
                    type="checkbox"
                    data-testid="export-anonymise"
                    prop:checked=move || export.anonymise.get()
                    on:change=move |event| export.anonymise.set(event_target_checked(&event))
                />
                {state.tr(Text::ExportAnonymise)}
            </label>
            <PassphraseFields />
        </details>
    }
}

/// The passphrase, twice; empty exports the file in clear.
#[component]
fn PassphraseFields() -> impl IntoView {
    let state = use_app_state();
    let export = state.export();
    view! {
        <div class="controls">
            <PassphraseInput
                label=Text::ExportPassphrase
                test_id="export-passphrase"
                value=export.passphrase
                autocomplete="new-password"
            />
            <PassphraseInput
                label=Text::ExportPassphraseAgain
                test_id="export-passphrase-again"
                value=export.passphrase_again
                autocomplete="new-password"
            />
        </div>
        <p class="muted">{state.tr(Text::ExportPassphraseHint)}</p>
    }
}

#[component]
pub(super) fn ExportCard() -> impl IntoView {
    let state = use_app_state();
    let export = state.export();
    let problem = move || {
        export.problem.get().map(|problem| match problem {
            ExportProblem::PassphrasesDiffer => Text::ExportPassphrasesDiffer,
            ExportProblem::NothingKept => Text::ExportNothingKept,
            ExportProblem::NoRandomSource => Text::ExportNoRandomSource,
        })
    };
    view! {
        <section class="card">
            <h2>{state.tr(Text::ExportTitle)}</h2>
            <p class="muted">{state.tr(Text::ExportHint)}</p>
            <ExportOptions />
            {move || {
                problem()
                    .map(|key| {
                        view! {
                            <p class="alert alert-error" role="alert" data-testid="export-problem">
                                {state.text(key)}
                            </p>
                        }
                    })
            }}
            <button
                type="button"
                class="button"
                data-testid="export-button"
                on:click=move |_| export.export(state.language.get_untracked(), state.today)
            >
                {state.tr(Text::ExportButton)}
            </button>
        </section>
    }
}
