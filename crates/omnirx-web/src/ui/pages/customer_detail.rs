//! One customer's page: an HCP's profile, segment and its history, prescription trend, funnel position and interaction timeline; an account's facts and its HCPs.

use leptos::prelude::*;

use super::customers::trend_chart::{TrendChart, TrendPoint};
use crate::ui::state::{use_app_state, AppState};
use omnirx_core::domain::chart::trend::monthly_totals;
use omnirx_core::domain::funnel::definition::Period;
use omnirx_core::domain::funnel::index::NONE;
use omnirx_core::domain::model::{Hcp, Workspace};
use omnirx_core::domain::segmentation::{VolumeLevel, UNCLASSIFIED};
use omnirx_core::domain::time::{Month, Timestamp};
use omnirx_core::i18n::phrases;
use omnirx_core::i18n::{format_date, format_integer, text, Language, Text};
use omnirx_core::view::customer_list::stage_label;
use omnirx_core::view::customer_list::ListNames;
use omnirx_core::view::labels::{
    account_type_text, influence_text, kind_text, month_short_text, outcome_text, specialty_text,
    title_text,
};
use omnirx_core::view::route::{Page, Route};

/// Interactions shown before "show all".
const RECENT: usize = 40;
/// Months in the prescription trend, ending with the month of the end of the data.
const TREND_MONTHS: usize = 18;

/// Whether the id names an HCP or an account, and its position in the workspace's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Customer {
    Hcp(usize),
    Account(usize),
}

fn find_customer(workspace: &Workspace, id: &str) -> Option<Customer> {
    if let Some(position) = workspace.hcps.iter().position(|h| h.id == id) {
        return Some(Customer::Hcp(position));
    }
    workspace
        .accounts
        .iter()
        .position(|a| a.id == id)
        .map(Customer::Account)
}

/// "2026年10月" or "Oct 2026".
fn month_year_label(month: Month, language: Language) -> String {
    phrases::month_year(
        language,
        month.year,
        text(language, month_short_text(month.month)),
    )
}

/// "2026年第3季度" or "Q3 2026", from the quarter's last day.
fn quarter_label(period: &Period, language: Language) -> String {
    phrases::quarter(language, period.to.year, (period.to.month - 1) / 3 + 1)
}

/// `2026-10-24`, for the machine-readable `datetime` of a `<time>`.
fn iso_date(date: omnirx_core::domain::calendar::CalendarDate) -> String {
    date.to_string()
}

fn channel_name(workspace: &Workspace, index: u16) -> Option<String> {
    (index != NONE)
        .then(|| workspace.channels.get(usize::from(index)))
        .flatten()
        .map(|c| c.name.clone())
}

/// The names of the chosen rule set's segments and of the default funnel's steps.
fn segment_and_stage_names(state: AppState) -> ListNames {
    let segments = state.segments().rule_set.with(|rule_set| {
        rule_set
            .as_ref()
            .map(|r| r.segments.iter().map(|s| s.name.clone()).collect())
            .unwrap_or_default()
    });
    let stages = state.session.workspace.with(|w| {
        w.as_ref()
            .and_then(|w| w.funnels.first())
            .map(|f| f.steps.iter().map(|s| s.name.clone()).collect())
            .unwrap_or_default()
    });
    ListNames {
        segments,
        stages,
        ..ListNames::default()
    }
}

fn segment_name(names: &ListNames, segment: u16, language: Language) -> String {
    if segment == UNCLASSIFIED {
        return text(language, Text::Unclassified).to_string();
    }
    omnirx_core::view::customer_list::segment_label(segment, names, language)
}

fn fact(label: Text, value: String, testid: &'static str) -> AnyView {
    let state = use_app_state();
    view! {
        <dt>{state.tr(label)}</dt>
        <dd data-testid=testid>{value}</dd>
    }
    .into_any()
}

#[component]
pub fn CustomerPage(id: String) -> impl IntoView {
    let state = use_app_state();
    let id_for_customer = id.clone();
    let customer = Memo::new(move |_| {
        state
            .session
            .workspace
            .with(|w| w.as_ref().and_then(|w| find_customer(w, &id_for_customer)))
    });
    let loaded = move || state.session.workspace.with(|w| w.is_some());
    let heading = move || {
        let customer = customer.get()?;
        state.session.workspace.with(|w| {
            let w = w.as_ref()?;
            Some(match customer {
                Customer::Hcp(index) => w.hcps[index].name.clone(),
                Customer::Account(index) => w.accounts[index].name.clone(),
            })
        })
    };
    let show_all_interactions = RwSignal::new(false);
    view! {
        <article class="page page-customer" data-testid="page-customer">
            {move || match (customer.get(), heading()) {
                _ if !loaded() => {
                    view! { <crate::ui::components::workspace_loading::WorkspaceLoading /> }
                        .into_any()
                }
                (Some(found), Some(name)) => {
                    view! {
                        <div class="page-heading">
                            <h1 data-testid="customer-name">{name}</h1>
                            <a href=Page::Customers.href() data-testid="customer-back">
                                {state.tr(Text::CustomerBack)}
                            </a>
                        </div>
                        {match found {
                            Customer::Hcp(index) => hcp_sections(index).into_any(),
                            Customer::Account(index) => account_sections(index).into_any(),
                        }}
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <h1>{state.text(Text::PageCustomers)}</h1>
                        <p data-testid="customer-not-found">{state.text(Text::CustomerNotFound)}</p>
                        <a class="button button-secondary" href=Page::Customers.href()>
                            {state.text(Text::CustomerBack)}
                        </a>
                    }
                        .into_any()
                }
            }}
            <FunnelPosition id=id.clone() />
            <section class="card">
                <h2 class="card-title">{state.tr(Text::CustomerTimelineTitle)}</h2>
                {move || customer.get().map(|found| timeline(found, show_all_interactions))}
            </section>
        </article>
    }
}

/// Where the customer stands in the open funnel: each step, reached or not, with its date.
#[component]
fn FunnelPosition(id: String) -> impl IntoView {
    let state = use_app_state();
    let analysis = state.funnels();
    let position = move || {
        let language = state.language.get();
        let index = analysis.index.get()?;
        let run = analysis.run.get()?;
        let names = analysis.step_names();
        let Some(entity) = index.entities.iter().position(|e| e.id == id) else {
            // An HCP in a funnel the market rules count per account.
            return analysis.per_account_by_rules.get().then(|| {
                view! {
                    <p class="muted" data-testid="customer-funnel-per-account">
                        {state.text(Text::CustomerFunnelPerAccount)}
                    </p>
                }
                .into_any()
            });
        };
        let entity = entity as u32;
        let trace = run.traces.iter().find(|t| t.entity == entity);
        Some(match trace {
            None => view! {
                <p class="muted" data-testid="customer-not-in-funnel">
                    {state.text(Text::CustomerNotInFunnel)}
                </p>
            }
            .into_any(),
            Some(trace) => {
                let reached = usize::from(trace.reached);
                view! {
                    <ol class="funnel-position" data-testid="customer-funnel-position">
                        {names
                            .into_iter()
                            .enumerate()
                            .map(|(step, name)| {
                                let done = step < reached;
                                let when = done
                                    .then(|| format_date(
                                        Timestamp(trace.times[step] + index.utc_offset).date(),
                                        language,
                                    ));
                                view! {
                                    <li
                                        class:step-done=done
                                        data-testid="customer-step"
                                        data-reached=done.to_string()
                                    >
                                        <span>{name}</span>
                                        {when
                                            .map(|when| {
                                                view! {
                                                    <span class="muted">
                                                        {phrases::reached_on(state.language.get(), when)}
                                                    </span>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }.into_any()
            }
        })
    };
    view! {
        <section class="card">
            <h2 class="card-title">
                {state.tr(Text::CustomerFunnelPosition)}
                {move || {
                    analysis.definition.with(|d| d.as_ref().map(|d| format!(" · {}", d.name)))
                }}
            </h2>
            {position}
            <a href=Page::Funnels.href()>{state.tr(Text::OverviewFunnelLink)}</a>
        </section>
    }
}

/// The HCP's profile, segment with its history, and prescription trend.
fn hcp_sections(index: usize) -> impl IntoView {
    let state = use_app_state();
    let profile = move || {
        let language = state.language.get();
        let account_level = state.segments().volume_at_account_level();
        let figures = state
            .segments()
            .profiles
            .with(|p| p.as_ref().and_then(|p| p.figures.get(index).cloned()));
        state.session.workspace.with(|w| {
            let w = w.as_ref()?;
            let hcp: &Hcp = w.hcps.get(index)?;
            let account = w.accounts.iter().find(|a| a.id == hcp.account_id);
            let region = account
                .and_then(|a| w.regions.iter().find(|r| r.id == a.region_id))
                .map(|r| r.name.clone())
                .unwrap_or_default();
            let label = |key: Text| text(language, key).to_string();
            let mut roles = Vec::new();
            if hcp.department_head {
                roles.push(label(Text::RoleDepartmentHead));
            }
            if hcp.committee_member {
                roles.push(label(Text::RoleCommitteeMember));
            }
            if roles.is_empty() {
                roles.push(label(Text::CustomerNoRole));
            }
            let none = label(Text::CustomersNoValue);
            let declared = hcp
                .preferred_channel_id
                .as_deref()
                .and_then(|id| w.channels.iter().find(|c| c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| none.clone());
            let derived = figures
                .as_ref()
                .and_then(|f| channel_name(w, f.derived_channel))
                .unwrap_or_else(|| none.clone());
            let consent = [
                (Text::CustomerConsentEmail, hcp.consent.email),
                (Text::CustomerConsentWechat, hcp.consent.wechat),
                (Text::CustomerConsentPhone, hcp.consent.phone),
                (Text::CustomerConsentDataSharing, hcp.consent.data_sharing),
            ]
            .into_iter()
            .map(|(key, given)| {
                let answer = if given {
                    Text::CustomerConsentGiven
                } else {
                    Text::CustomerConsentRefused
                };
                view! { <li class:consent-refused=!given>{format!("{}: {}", label(key), label(answer))}</li> }
            })
            .collect_view();
            let account_link = account.map(|a| {
                view! { <a href=Route::customer_href(&a.id)>{a.name.clone()}</a> }
            });
            // Under market rules that forbid HCP-level figures these are the account's.
            let (volume_label, decile_label) = if account_level {
                (Text::DimAccountVolume, Text::DimAccountVolumeDecile)
            } else {
                (Text::DimVolume, Text::DimVolumeDecile)
            };
            let figures_facts = figures.as_ref().map(|f| {
                view! {
                    {fact(volume_label, format_integer(f.volume, language), "customer-volume")}
                    {fact(decile_label, f.volume_decile.to_string(), "customer-decile")}
                    {fact(
                        Text::DimRecencyDays,
                        f
                            .days_since_last_contact
                            .map_or_else(
                                || none.clone(),
                                |d| format_integer(i64::from(d), language),
                            ),
                        "customer-recency",
                    )}
                }
            });
            Some(view! {
                <section class="card" data-testid="customer-profile">
                    <h2 class="card-title">{label(Text::CustomerProfile)}</h2>
                    <dl class="facts customer-facts">
                        {fact(Text::CustomerId, hcp.id.clone(), "customer-id")}
                        {fact(
                            Text::DimSpecialty,
                            label(specialty_text(hcp.specialty)),
                            "customer-specialty",
                        )} {fact(Text::DimTitle, label(title_text(hcp.title)), "customer-title")}
                        {fact(
                            Text::DimInfluence,
                            label(influence_text(hcp.influence)),
                            "customer-influence",
                        )} {fact(Text::DimDecisionRole, roles.join(" · "), "customer-roles")}
                        <dt>{label(Text::CustomerAccount)}</dt>
                        <dd data-testid="customer-account">{account_link}</dd>
                        {fact(
                            Text::DimAccountType,
                            account
                                .map(|a| label(account_type_text(a.account_type)))
                                .unwrap_or_else(|| none.clone()),
                            "customer-account-type",
                        )}
                        {fact(
                            Text::DimCity,
                            account
                                .map(|a| a.city.clone())
                                .filter(|c| !c.is_empty())
                                .unwrap_or_else(|| none.clone()),
                            "customer-city",
                        )} {fact(Text::CustomerRegion, region, "customer-region")}
                        {fact(
                            Text::CustomerPotential,
                            format_integer(hcp.prescribing_potential, language),
                            "customer-potential",
                        )} {figures_facts}
                        {fact(Text::DimDeclaredChannel, declared, "customer-declared-channel")}
                        {fact(Text::DimDerivedChannel, derived, "customer-derived-channel")}
                        <dt>{label(Text::CustomerConsent)}</dt> <dd>
                            <ul class="consent-list" data-testid="customer-consent">
                                {consent}
                            </ul>
                        </dd>
                    </dl>
                </section>
            })
        })
    };
    // Under market rules that forbid HCP-level figures an HCP has no trend of its own.
    let trend = move || {
        if state.segments().volume_at_account_level() {
            view! {
                <section class="card" data-testid="customer-trend">
                    <h2 class="card-title">{state.tr(Text::CustomerTrendTitle)}</h2>
                    <p class="muted" data-testid="customer-trend-market-rules">
                        {state.tr(Text::CustomerTrendMarketRules)}
                    </p>
                </section>
            }
            .into_any()
        } else {
            trend_section(TrendOf::Hcps(vec![index])).into_any()
        }
    };
    view! {
        {profile}
        {segment_section(index)}
        {trend}
    }
}

/// Whose prescriptions a trend sums.
#[derive(Clone)]
enum TrendOf {
    /// These HCPs' (positions in the workspace).
    Hcps(Vec<usize>),
    /// An account's: its HCPs', or, under market rules that forbid HCP-level figures, the
    /// account's own records.
    Account { index: usize, hcps: Vec<usize> },
}

/// The HCP's segment now and at the end of each of the last quarters.
fn segment_section(index: usize) -> impl IntoView {
    let state = use_app_state();
    let segments = state.segments();
    let content = move || {
        let language = state.language.get();
        let rule_set_name = segments
            .rule_set
            .with(|r| r.as_ref().map(|r| r.name.clone()));
        let Some(rule_set_name) = rule_set_name else {
            return view! {
                <p class="muted" data-testid="customer-no-rule-set">
                    {state.text(Text::CustomerNoRuleSet)}
                </p>
            }
            .into_any();
        };
        let names = segment_and_stage_names(state);
        let current = segments
            .classification
            .with(|c| c.as_ref().and_then(|c| c.segments.get(index).copied()));
        let stage = segments.profiles.with(|p| {
            p.as_ref()
                .and_then(|p| p.figures.get(index).map(|f| f.adoption_stage))
        });
        let history: Vec<(String, u16)> = segments.movement.with(|movement| {
            movement
                .as_ref()
                .map(|movement| {
                    movement
                        .iter()
                        .map(|quarter| {
                            (
                                quarter_label(&quarter.period, language),
                                quarter
                                    .classification
                                    .segments
                                    .get(index)
                                    .copied()
                                    .unwrap_or(UNCLASSIFIED),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        let mut previous: Option<u16> = None;
        let history_items = history
            .into_iter()
            .map(|(quarter, segment)| {
                let changed = previous.is_some_and(|before| before != segment);
                previous = Some(segment);
                view! {
                    <li
                        class="segment-history-item"
                        class:segment-changed=changed
                        data-testid="customer-segment-quarter"
                        data-segment=segment.to_string()
                    >
                        <span class="segment-history-quarter">{quarter}</span>
                        <strong class="segment-history-name">
                            {segment_name(&names, segment, language)}
                        </strong>
                        {changed
                            .then(|| {
                                view! {
                                    <span class="badge">
                                        {text(language, Text::CustomerSegmentChanged)}
                                    </span>
                                }
                            })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <dl class="facts">
                <dt>{text(language, Text::CustomerRuleSet)}</dt>
                <dd>{rule_set_name}</dd>
                <dt>{text(language, Text::CustomerCurrentSegment)}</dt>
                <dd data-testid="customer-segment">
                    <strong>{current.map(|s| segment_name(&names, s, language))}</strong>
                </dd>
                <dt>{text(language, Text::DimAdoptionStage)}</dt>
                <dd data-testid="customer-stage">
                    {stage.map(|s| stage_label(s, &names, language))}
                </dd>
            </dl>
            <h3 class="customer-subtitle">{text(language, Text::CustomerSegmentHistory)}</h3>
            <ol class="segment-history" data-testid="customer-segment-history">
                {history_items}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="customer-segment-card">
            <h2 class="card-title">{state.tr(Text::CustomerSegmentTitle)}</h2>
            {content}
        </section>
    }
}

/// Monthly units over the last [`TREND_MONTHS`] months.
fn trend_section(of: TrendOf) -> impl IntoView {
    let state = use_app_state();
    let series = Memo::new(move |_| {
        let base = state.segments().base.get()?;
        let profiles = state.segments().profiles.get()?;
        let index = state.funnels().hcp_index.get()?;
        let last_month = index.month_of(profiles.as_of);
        let records: Vec<(i64, i64)> = match (&of, base.volume_level) {
            (TrendOf::Account { index, .. }, VolumeLevel::Account) => {
                base.account_monthly_units_of(*index).to_vec()
            }
            (TrendOf::Hcps(_), VolumeLevel::Account) => return None,
            (TrendOf::Hcps(hcps) | TrendOf::Account { hcps, .. }, VolumeLevel::Hcp) => hcps
                .iter()
                .filter(|&&hcp| hcp < base.hcp_count())
                .flat_map(|&hcp| base.monthly_units_of(hcp).iter().copied())
                .collect(),
        };
        Some(monthly_totals(&records, last_month, TREND_MONTHS))
    });
    let points = Signal::derive(move || {
        let language = state.language.get();
        series.with(|series| {
            series
                .as_ref()
                .map(|series| {
                    series
                        .iter()
                        .map(|&(month, units)| {
                            let calendar = Month::from_index(month);
                            TrendPoint {
                                month,
                                units,
                                label: text(language, month_short_text(calendar.month)).to_string(),
                                long_label: month_year_label(calendar, language),
                                description: format!(
                                    "{}: {}",
                                    month_year_label(calendar, language),
                                    format_integer(units, language)
                                ),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let empty = move || {
        series.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.iter().all(|&(_, units)| units == 0))
        })
    };
    let title = Signal::derive(move || state.text(Text::CustomerTrendTitle).to_string());
    let trend_box = NodeRef::<leptos::html::Div>::new();
    view! {
        <section class="card" data-testid="customer-trend">
            <h2 class="card-title">{state.tr(Text::CustomerTrendTitle)}</h2>
            <Show when=move || series.with(Option::is_some)>
                <div class="chart-box customer-trend-box" node_ref=trend_box>
                    <TrendChart points=points title=title />
                </div>
                <crate::ui::components::charts::ChartExportButtons
                    chart_box=trend_box
                    file_base=Signal::derive(move || {
                        format!(
                            "omnirx-trend-{:04}-{:02}-{:02}",
                            state.today.year,
                            state.today.month,
                            state.today.day,
                        )
                    })
                    testid_prefix="customer-trend"
                />
                <Show when=empty>
                    <p class="muted" data-testid="customer-trend-empty">
                        {state.tr(Text::CustomerTrendEmpty)}
                    </p>
                </Show>
            </Show>
        </section>
    }
}

/// The account's facts, its HCPs with links, and their summed prescription trend.
fn account_sections(index: usize) -> impl IntoView {
    let state = use_app_state();
    let hcps: Vec<usize> = state.session.workspace.with_untracked(|w| {
        w.as_ref()
            .and_then(|w| {
                let id = &w.accounts.get(index)?.id;
                Some(
                    w.hcps
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| &h.account_id == id)
                        .map(|(position, _)| position)
                        .collect(),
                )
            })
            .unwrap_or_default()
    });
    let hcps_for_facts = hcps.clone();
    let facts = move || {
        let language = state.language.get();
        // The account's own volume under market rules that forbid HCP-level figures.
        let volume: i64 = state.segments().profiles.with(|p| {
            p.as_ref()
                .map_or(0, |p| match p.account_volumes.get(index) {
                    Some(&own) => own,
                    None => hcps_for_facts
                        .iter()
                        .filter_map(|&h| p.figures.get(h))
                        .map(|f| f.volume)
                        .sum(),
                })
        });
        state.session.workspace.with(|w| {
            let w = w.as_ref()?;
            let account = w.accounts.get(index)?;
            let label = |key: Text| text(language, key).to_string();
            let none = label(Text::CustomersNoValue);
            let region = w
                .regions
                .iter()
                .find(|r| r.id == account.region_id)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            Some(view! {
                <section class="card" data-testid="customer-profile">
                    <h2 class="card-title">{label(Text::CustomerProfile)}</h2>
                    <dl class="facts customer-facts">
                        {fact(Text::CustomerId, account.id.clone(), "customer-id")}
                        {fact(
                            Text::DimAccountType,
                            label(account_type_text(account.account_type)),
                            "customer-account-type",
                        )} {fact(Text::CustomerRegion, region, "customer-region")}
                        {fact(
                            Text::DimCity,
                            if account.city.is_empty() {
                                none.clone()
                            } else {
                                account.city.clone()
                            },
                            "customer-city",
                        )}
                        {fact(
                            Text::CustomerTier,
                            if account.tier.is_empty() {
                                none.clone()
                            } else {
                                account.tier.clone()
                            },
                            "customer-tier",
                        )}
                        {fact(
                            Text::CustomerHcpCount,
                            format_integer(hcps_for_facts.len() as i64, language),
                            "customer-hcp-count",
                        )}
                        {fact(Text::DimVolume, format_integer(volume, language), "customer-volume")}
                    </dl>
                </section>
            })
        })
    };
    let hcps_for_list = hcps.clone();
    let list = move || {
        let language = state.language.get();
        let names = segment_and_stage_names(state);
        let segments_of = state.segments().classification.get();
        let profiles = state.segments().profiles.get();
        // No HCP's volume under market rules that forbid HCP-level figures.
        let show_volume = !state.segments().volume_at_account_level();
        state.session.workspace.with(|w| {
            let w = w.as_ref()?;
            let rows = hcps_for_list
                .iter()
                .filter_map(|&position| {
                    let hcp = w.hcps.get(position)?;
                    let volume = profiles
                        .as_ref()
                        .and_then(|p| p.figures.get(position))
                        .map_or(0, |f| f.volume);
                    let segment = segments_of
                        .as_ref()
                        .and_then(|c| c.segments.get(position).copied())
                        .unwrap_or(UNCLASSIFIED);
                    Some(view! {
                        <tr data-testid="customer-account-hcp">
                            <td>
                                <a href=Route::customer_href(&hcp.id)>{hcp.name.clone()}</a>
                            </td>
                            <td>{text(language, specialty_text(hcp.specialty))}</td>
                            <td>{text(language, title_text(hcp.title))}</td>
                            <td class="number">
                                {format_integer(hcp.prescribing_potential, language)}
                            </td>
                            {show_volume
                                .then(|| {
                                    view! {
                                        <td class="number">{format_integer(volume, language)}</td>
                                    }
                                })}
                            <td>{segment_name(&names, segment, language)}</td>
                        </tr>
                    })
                })
                .collect_view();
            Some(view! {
                <div class="table-scroll">
                    <table class="table" data-testid="customer-account-hcps">
                        <thead>
                            <tr>
                                <th scope="col">{text(language, Text::CustomersColumnName)}</th>
                                <th scope="col">{text(language, Text::DimSpecialty)}</th>
                                <th scope="col">{text(language, Text::DimTitle)}</th>
                                <th scope="col" class="number">
                                    {text(language, Text::DimPotential)}
                                </th>
                                {show_volume
                                    .then(|| {
                                        view! {
                                            <th scope="col" class="number">
                                                {text(language, Text::DimVolume)}
                                            </th>
                                        }
                                    })}
                                <th scope="col">{text(language, Text::DimSegment)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        {facts}
        <section class="card">
            <h2 class="card-title">{state.tr(Text::CustomerAccountHcps)}</h2>
            {list}
        </section>
        {trend_section(TrendOf::Account { index, hcps })}
    }
}

/// Interactions newest first, grouped by month; an account's include each HCP's name.
fn timeline(customer: Customer, show_all: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let language = state.language.get();
        let show_all_now = show_all.get();
        state.session.workspace.with(|w| {
            let w = w.as_ref()?;
            let (ids, for_account): (Vec<&str>, bool) = match customer {
                Customer::Hcp(index) => (vec![w.hcps.get(index)?.id.as_str()], false),
                Customer::Account(index) => {
                    let id = &w.accounts.get(index)?.id;
                    (
                        w.hcps
                            .iter()
                            .filter(|h| &h.account_id == id)
                            .map(|h| h.id.as_str())
                            .collect(),
                        true,
                    )
                }
            };
            let mut list: Vec<_> = w
                .interactions
                .iter()
                .filter(|i| ids.contains(&i.hcp_id.as_str()))
                .collect();
            list.sort_by_key(|interaction| std::cmp::Reverse(interaction.at));
            if list.is_empty() {
                return Some(
                    view! {
                        <p class="muted" data-testid="customer-interactions">
                            {text(language, Text::CustomerNoInteractions)}
                        </p>
                    }
                    .into_any(),
                );
            }
            let total = list.len();
            if !show_all_now {
                list.truncate(RECENT);
            }
            let offset =
                omnirx_core::domain::time_zone::fixed_utc_offset_seconds(&w.settings.time_zone)
                    .unwrap_or(0);
            let channel_of = |id: &str| {
                w.channels
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            };
            let hcp_name = |id: &str| {
                w.hcps
                    .iter()
                    .find(|h| h.id == id)
                    .map(|h| h.name.clone())
                    .unwrap_or_default()
            };
            // Consecutive interactions of one month form a group, since the list is sorted.
            let mut groups: Vec<(Month, Vec<AnyView>)> = Vec::new();
            for interaction in list {
                let local = Timestamp(interaction.at.0 + offset);
                let month = local.month();
                let who = for_account.then(|| {
                    view! {
                        <a class="timeline-who" href=Route::customer_href(&interaction.hcp_id)>
                            {hcp_name(&interaction.hcp_id)}
                        </a>
                    }
                });
                let item = view! {
                    <li class="timeline-item" data-testid="customer-interaction">
                        <time class="timeline-date" datetime=iso_date(local.date())>
                            {format_date(local.date(), language)}
                        </time>
                        <span class="timeline-what">
                            {who} <strong>{text(language, kind_text(interaction.kind))}</strong>
                            {format!(
                                " · {} · {}",
                                channel_of(&interaction.channel_id),
                                text(language, outcome_text(interaction.outcome)),
                            )}
                        </span>
                    </li>
                }
                .into_any();
                match groups.last_mut() {
                    Some((last, items)) if *last == month => items.push(item),
                    _ => groups.push((month, vec![item])),
                }
            }
            let more = (!show_all_now && total > RECENT).then(|| {
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        data-testid="customer-interactions-all"
                        on:click=move |_| show_all.set(true)
                    >
                        {phrases::show_all_interactions(
                            language,
                            format_integer(total as i64, language),
                        )}
                    </button>
                }
            });
            Some(
                view! {
                    <div class="timeline" data-testid="customer-interactions">
                        {groups
                            .into_iter()
                            .map(|(month, items)| {
                                view! {
                                    <section class="timeline-month">
                                        <h3 class="timeline-month-title">
                                            {month_year_label(month, language)}
                                        </h3>
                                        <ol class="timeline-list">{items}</ol>
                                    </section>
                                }
                            })
                            .collect_view()}
                    </div>
                    {more}
                }
                .into_any(),
            )
        })
    }
}
