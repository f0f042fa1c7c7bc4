//! The list's filters: one drop-down per dimension, "all" by default; accounts get only the dimensions an account has.

use leptos::prelude::*;

use crate::ui::state::shared::Shared;
use crate::ui::state::use_app_state;
use omnirx_core::domain::funnel::index::NONE;
use omnirx_core::domain::segmentation::UNCLASSIFIED;
use omnirx_core::i18n::{text, Language, Text};
use omnirx_core::view::customer_list::{stage_label, ListFilter, ListNames};
use omnirx_core::view::labels::{
    account_type_text, influence_text, specialty_text, title_text, ACCOUNT_TYPES, INFLUENCES,
    SPECIALTIES, TITLES,
};

use super::CustomerListChoices;

/// The value of a segment or channel option that picks the HCPs without one.
const NONE_VALUE: &str = "none";

/// One drop-down: `options` are (value, label); the empty value means "all".
fn select_control(
    language: Language,
    label: Text,
    dimension: &'static str,
    options: Vec<(String, String)>,
    filter: RwSignal<ListFilter>,
    read: fn(&ListFilter) -> String,
    write: fn(&mut ListFilter, &str),
) -> AnyView {
    let current = move || filter.with(read);
    let chosen = filter.with_untracked(read);
    let all = text(language, Text::CustomersFilterAll);
    view! {
        <label class="control customers-filter">
            <span class="control-label">{text(language, label)}</span>
            <select
                data-testid=format!("customers-filter-{dimension}")
                prop:value=current
                on:change=move |event| {
                    let value = event_target_value(&event);
                    filter.update(|filter| write(filter, &value));
                }
            >
                <option value="" selected=chosen.is_empty()>
                    {all}
                </option>
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        let selected = value == chosen;
                        view! {
                            <option value=value selected=selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// An index option list: `0..count` labelled by `label`.
fn indexed<T: Copy>(values: &[T], label: impl Fn(T) -> String) -> Vec<(String, String)> {
    values
        .iter()
        .enumerate()
        .map(|(index, &value)| (index.to_string(), label(value)))
        .collect()
}

fn names_list(names: &[String]) -> Vec<(String, String)> {
    names
        .iter()
        .enumerate()
        .map(|(index, name)| (index.to_string(), name.clone()))
        .collect()
}

fn position_of<T: PartialEq>(values: &[T], wanted: Option<T>) -> String {
    wanted
        .and_then(|wanted| values.iter().position(|value| *value == wanted))
        .map(|index| index.to_string())
        .unwrap_or_default()
}

fn parsed<T: Copy>(values: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|index| values.get(index).copied())
}

fn small_number(value: Option<u16>) -> String {
    match value {
        None => String::new(),
        Some(NONE) => NONE_VALUE.to_string(),
        Some(number) => number.to_string(),
    }
}

fn parse_small_number(value: &str) -> Option<u16> {
    if value == NONE_VALUE {
        Some(NONE)
    } else {
        value.parse().ok()
    }
}

/// The filters for the list shown. Redrawn when the language, the names or the kind of list
/// change, never when a filter does, so that a drop-down keeps its focus.
pub fn filter_controls(
    choices: CustomerListChoices,
    names: Memo<Option<Shared<ListNames>>>,
) -> AnyView {
    let state = use_app_state();
    let language = state.language.get();
    let accounts = choices.show_accounts.get();
    let Some(names) = names.get() else {
        return ().into_any();
    };
    let filter = choices.filter;
    let label = move |key: Text| text(language, key).to_string();
    let mut controls: Vec<AnyView> = vec![
        select_control(
            language,
            Text::DimAccountType,
            "account-type",
            indexed(&ACCOUNT_TYPES, |t| label(account_type_text(t))),
            filter,
            |f| position_of(&ACCOUNT_TYPES, f.account_type),
            |f, v| f.account_type = parsed(&ACCOUNT_TYPES, v),
        ),
        select_control(
            language,
            Text::DimRegion,
            "region",
            names_list(&names.regions),
            filter,
            |f| small_number(f.region),
            |f, v| f.region = v.parse().ok(),
        ),
        select_control(
            language,
            Text::DimCity,
            "city",
            names_list(&names.cities),
            filter,
            |f| small_number(f.city),
            |f, v| f.city = v.parse().ok(),
        ),
    ];
    if !names.sources.is_empty() {
        controls.push(select_control(
            language,
            Text::CustomersFilterSource,
            "source",
            names_list(&names.sources),
            filter,
            |f| f.source.map(|s| s.to_string()).unwrap_or_default(),
            |f, v| f.source = v.parse().ok(),
        ));
    }
    if accounts {
        controls.push(select_control(
            language,
            Text::CustomersColumnTier,
            "tier",
            names
                .tiers
                .iter()
                .map(|tier| (tier.clone(), tier.clone()))
                .collect(),
            filter,
            |f| f.tier.clone().unwrap_or_default(),
            |f, v| f.tier = (!v.is_empty()).then(|| v.to_string()),
        ));
    } else {
        let mut segments = names_list(&names.segments);
        segments.push((NONE_VALUE.to_string(), label(Text::Unclassified)));
        let mut channels = names_list(&names.channels);
        channels.push((NONE_VALUE.to_string(), label(Text::CustomersNoValue)));
        let deciles: Vec<(String, String)> =
            (1..=10).map(|d| (d.to_string(), d.to_string())).collect();
        let stages: Vec<(String, String)> = (0..=names.stages.len())
            .map(|stage| {
                (
                    stage.to_string(),
                    stage_label(stage as u8, &names, language),
                )
            })
            .collect();
        controls.extend([
            select_control(
                language,
                Text::DimSpecialty,
                "specialty",
                indexed(&SPECIALTIES, |s| label(specialty_text(s))),
                filter,
                |f| position_of(&SPECIALTIES, f.specialty),
                |f, v| f.specialty = parsed(&SPECIALTIES, v),
            ),
            select_control(
                language,
                Text::DimTitle,
                "title",
                indexed(&TITLES, |t| label(title_text(t))),
                filter,
                |f| position_of(&TITLES, f.title),
                |f, v| f.title = parsed(&TITLES, v),
            ),
            select_control(
                language,
                Text::DimInfluence,
                "influence",
                indexed(&INFLUENCES, |i| label(influence_text(i))),
                filter,
                |f| position_of(&INFLUENCES, f.influence),
                |f, v| f.influence = parsed(&INFLUENCES, v),
            ),
            select_control(
                language,
                Text::DimSegment,
                "segment",
                segments,
                filter,
                |f| match f.segment {
                    Some(UNCLASSIFIED) => NONE_VALUE.to_string(),
                    other => small_number(other),
                },
                |f, v| {
                    f.segment = if v == NONE_VALUE {
                        Some(UNCLASSIFIED)
                    } else {
                        v.parse().ok()
                    }
                },
            ),
            select_control(
                language,
                Text::CustomersDecileFrom,
                "decile-min",
                deciles.clone(),
                filter,
                |f| f.decile_min.map(|d| d.to_string()).unwrap_or_default(),
                |f, v| f.decile_min = v.parse().ok(),
            ),
            select_control(
                language,
                Text::CustomersDecileTo,
                "decile-max",
                deciles,
                filter,
                |f| f.decile_max.map(|d| d.to_string()).unwrap_or_default(),
                |f, v| f.decile_max = v.parse().ok(),
            ),
            select_control(
                language,
                Text::DimAdoptionStage,
                "stage",
                stages,
                filter,
                |f| f.adoption_stage.map(|s| s.to_string()).unwrap_or_default(),
                |f, v| f.adoption_stage = v.parse().ok(),
            ),
            select_control(
                language,
                Text::DimDerivedChannel,
                "channel",
                channels,
                filter,
                |f| small_number(f.derived_channel),
                |f, v| f.derived_channel = parse_small_number(v),
            ),
        ]);
    }
    view! { <div class="customers-filters">{controls}</div> }.into_any()
}
