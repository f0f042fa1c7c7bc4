//! The Overview page: the open workspace at a glance, with the demo's reset and start-over actions.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::stats::{record_counts, WorkspaceStats};
use omnirx_core::i18n::{format_date, format_integer, format_percent, format_weekday_date, Text};
use omnirx_core::view::route::Page;

/// How many records of a kind the open workspace holds (reactive).
fn count_of(stats: Memo<Option<WorkspaceStats>>, kind: &str) -> usize {
    stats.with(|stats| {
        stats
            .as_ref()
            .and_then(|s| {
                s.counts
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, count)| *count)
            })
            .unwrap_or(0)
    })
}

/// The six counts of the workspace as tiles: HCPs, accounts, reps, interactions, prescriptions,
/// products.
#[component]
fn StatTiles(stats: Memo<Option<WorkspaceStats>>) -> impl IntoView {
    let state = use_app_state();
    let tiles = [
        ("hcps", Text::CountHcps),
        ("accounts", Text::CountAccounts),
        ("reps", Text::CountReps),
        ("interactions", Text::CountInteractions),
        ("prescriptions", Text::CountPrescriptions),
        ("products", Text::CountProducts),
    ];
    let tiles_view = tiles
        .into_iter()
        .map(|(kind, label)| {
            view! {
                <div class="stat-tile">
                    <span class="stat-value" data-testid=format!("count-{kind}")>
                        {move || format_integer(count_of(stats, kind) as i64, state.language.get())}
                    </span>
                    <span class="stat-label">{state.tr(label)}</span>
                </div>
            }
        })
        .collect_view();
    view! { <div class="stat-grid">{tiles_view}</div> }
}

/// Reset the demo, open its "China compliance" variant, start an empty workspace, or go and
/// import a file.
#[component]
fn WorkspaceActions() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    let language = move || state.language.get_untracked();
    view! {
        <div class="actions">
            <button
                type="button"
                class="button"
                data-testid="reset-demo"
                on:click=move |_| session.reset_demo(language())
            >
                {state.tr(Text::ResetDemo)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="open-china-demo"
                on:click=move |_| session.open_china_demo(language())
            >
                {state.tr(Text::ResetDemoChina)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid="new-empty"
                on:click=move |_| session.new_empty(language())
            >
                {state.tr(Text::NewEmptyWorkspace)}
            </button>
            <a class="button button-secondary" href=Page::Data.href() data-testid="go-import">
                {state.tr(Text::ImportFile)}
            </a>
        </div>
    }
}

/// The open workspace: its name (and demo badge), counts, the period of its data and its actions.
#[component]
fn WorkspaceSummaryCard() -> impl IntoView {
    let state = use_app_state();
    let session = state.session;
    // The stats that read every interaction are kept per data change; the counts follow
    // every edit (a funnel added).
    let data_stats = state.data_stats;
    let stats = Memo::new(move |_| {
        let mut stats = WorkspaceStats::clone(&*data_stats.get()?);
        stats.counts = session
            .workspace
            .with(|w| w.as_ref().map(|w| record_counts(w)))?;
        Some(stats)
    });
    let name = move || {
        session.workspace.with(|w| {
            w.as_ref()
                .map(|w| w.settings.name.clone())
                .unwrap_or_default()
        })
    };
    let is_demo = move || {
        session
            .workspace
            .with(|w| w.as_ref().is_some_and(|w| w.settings.demo))
    };
    let date_range = move || {
        let language = state.language.get();
        stats.with(|stats| {
            match stats
                .as_ref()
                .and_then(|s| s.first_interaction.zip(s.last_interaction))
            {
                Some((first, last)) => format!(
                    "{} – {}",
                    format_date(first.date(), language),
                    format_date(last.date(), language)
                ),
                None => state.text(Text::NoData).to_string(),
            }
        })
    };
    view! {
        <section class="card workspace-card" data-testid="workspace-summary">
            <div class="workspace-title">
                <span class="muted">{state.tr(Text::WorkspaceLabel)}</span>
                <h2 data-testid="workspace-name">{name}</h2>
                <Show when=is_demo>
                    <span class="badge badge-demo" data-testid="demo-badge">
                        {state.tr(Text::DemoBadge)}
                    </span>
                </Show>
            </div>
            <StatTiles stats=stats />
            <p class="muted" data-testid="data-range">
                {state.tr(Text::DataRange)}
                ": "
                {date_range}
            </p>
            <Show when=move || count_of(stats, "hcps") == 0>
                <p class="hint" data-testid="empty-hint">
                    {state.tr(Text::EmptyWorkspaceHint)}
                </p>
            </Show>
            <WorkspaceActions />
        </section>
    }
}

/// How much of the Overview is drawn: 0 the workspace's counts, then one card more per step.
#[derive(Clone, Copy)]
pub struct OverviewStage(RwSignal<u8>);

impl OverviewStage {
    const IDS: u8 = 1;
    const INDEX: u8 = 2;
    pub const FUNNEL: u8 = 3;
    pub const PERFORMANCE: u8 = 4;
    pub const SEGMENTS: u8 = 5;
    pub const JOURNEYS: u8 = 6;
    const LAST: u8 = 6;
    /// From this many interactions the Overview is drawn in steps; a smaller workspace (the demo's
    /// 60,000) is drawn whole at once, its analyses taking a few milliseconds.
    const STAGED_FROM: usize = crate::ui::state::funnel_analysis::INDEX_IN_SLICES_FROM;

    /// Whether the Overview's card of `step` is drawn yet (always, outside the Overview).
    pub fn reached(step: u8) -> impl Fn() -> bool + Copy {
        let stage = use_context::<OverviewStage>().map(|stage| stage.0);
        move || stage.is_none_or(|stage| stage.get() >= step)
    }
}

/// The Overview page: the workspace card once the workspace is loaded, then the funnel, segment
/// and journey headlines.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = use_app_state();
    crate::ui::browser::mark_when_drawn(
        "omnirx:overview-drawn",
        &[
            "[data-testid=count-interactions]",
            "[data-testid=overview-funnel-step]",
            "[data-testid=overview-segment-chart] [data-testid=bar-row]",
            "[data-testid=overview-journey]",
        ],
    );
    let session = state.session;
    // Drawn in steps when a large workspace comes in (reopened, imported) or its data changes
    // while the Overview is shown, each step after the last has been painted, so that no step
    // holds the page long: the counts; the ids; the funnel index (the heaviest part, alone); the
    // funnel; attainment; segments; journeys. A small workspace, or one whose analyses are
    // computed (the Overview opened again), is drawn whole at once.
    let stage = RwSignal::new(0u8);
    provide_context(OverviewStage(stage));
    Effect::new(move |drawn: Option<Option<u64>>| {
        let data = session
            .workspace
            .with(Option::is_some)
            .then(|| session.data_revision.get());
        let large = session.workspace.with_untracked(|w| {
            w.as_ref()
                .is_some_and(|w| w.interactions.len() >= OverviewStage::STAGED_FROM)
        });
        match (drawn, data) {
            (Some(drawn), Some(_)) if drawn != data && large => {
                stage.set(0);
                crate::ui::browser::advance_after_paint(stage, OverviewStage::LAST);
            }
            (_, Some(_)) => stage.set(OverviewStage::LAST),
            _ => {}
        }
        data
    });
    view! {
        <article class="page" data-testid="page-overview">
            <div class="page-heading">
                <h1 data-testid="page-title">{state.tr(Text::PageOverview)}</h1>
                <p class="today" data-testid="today">
                    <span class="muted">{state.tr(Text::TodayLabel)}</span>
                    " "
                    <time>{move || format_weekday_date(state.today, state.language.get())}</time>
                </p>
            </div>
            <p class="page-intro">{state.tr(Text::OverviewIntro)}</p>
            <Show
                when=move || session.workspace.with(Option::is_some)
                fallback=move || {
                    view! { <crate::ui::components::workspace_loading::WorkspaceLoading /> }
                }
            >
                <WorkspaceSummaryCard />
            </Show>
            {super::overview_analyses()}
        </article>
    }
}

/// The Overview's analyses: the funnel, attainment, segment and journey headlines. They are a
/// wasm module of their own (`super::overview_analyses`), so the first download draws the
/// workspace's card while they come.
#[component]
pub fn OverviewAnalyses() -> impl IntoView {
    let state = use_app_state();
    // The workspace's ids and the funnel index, each built at its own step before anything
    // shows them.
    let funnels = state.funnels();
    let ids_step = OverviewStage::reached(OverviewStage::IDS);
    let index_step = OverviewStage::reached(OverviewStage::INDEX);
    let build_index = move || {
        if ids_step() {
            funnels.ids.track();
        }
        if index_step() {
            funnels.hcp_index.track();
        }
    };
    view! {
        {build_index}
        <OverviewFunnel />
        <super::performance::OverviewPerformanceCard />
        <OverviewSegments />
        <OverviewJourneys />
    }
}

/// The default funnel's headline: each step's count and share of step 1, linked to the Funnels page.
#[component]
fn OverviewFunnel() -> impl IntoView {
    let state = use_app_state();
    let headline = state.funnels().headline;
    // Drawn after the workspace's counts have been painted: on a large workspace the funnel
    // index takes a moment, and the counts should not wait for it.
    let ready = OverviewStage::reached(OverviewStage::FUNNEL);
    move || {
        if !ready() {
            return None;
        }
        let language = state.language.get();
        headline.with(|summary| {
            let summary = summary.as_ref()?;
            let bottleneck = summary.bottleneck;
            Some(view! {
                <section class="card overview-funnel" data-testid="overview-funnel">
                    <h2 class="card-title">
                        {state.text(Text::OverviewFunnelTitle)}" · "{summary.funnel_name.clone()}
                    </h2>
                    <ol class="overview-funnel-steps">
                        {summary
                            .steps
                            .iter()
                            .enumerate()
                            .map(|(index, step)| {
                                view! {
                                    <li
                                        class="overview-funnel-step"
                                        class:row-alert=bottleneck == Some(index)
                                        data-testid="overview-funnel-step"
                                    >
                                        <span class="overview-step-name">{step.name.clone()}</span>
                                        <span class="stat-value" data-testid="overview-step-count">
                                            {format_integer(step.count as i64, language)}
                                        </span>
                                        <span class="muted">
                                            {step
                                                .conversion_from_first
                                                .map(|r| format_percent(r, 1, language))
                                                .unwrap_or_default()}
                                        </span>
                                        {(bottleneck == Some(index))
                                            .then(|| {
                                                view! {
                                                    <span class="badge badge-alert">
                                                        {state.text(Text::BottleneckMark)}
                                                    </span>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <a
                        class="button button-secondary"
                        href=Page::Funnels.href()
                        data-testid="overview-funnel-link"
                    >
                        {state.text(Text::OverviewFunnelLink)}
                    </a>
                </section>
            })
        })
    }
}

/// The first rule set's segment sizes as a bar chart, linked to the Segments page; drawn after the
/// rest, like the funnel headline, because the profiles need the funnel index.
#[component]
fn OverviewSegments() -> impl IntoView {
    let state = use_app_state();
    let analysis = state.segments();
    let ready = OverviewStage::reached(OverviewStage::SEGMENTS);
    let rows = Signal::derive(move || {
        let language = state.language.get();
        let rule_set = analysis.rule_set.get();
        analysis
            .overview
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|row| crate::ui::components::charts::BarRow {
                label: match (row.segment, &rule_set) {
                    (Some(segment), Some(rule_set)) => rule_set
                        .segments
                        .get(segment)
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    _ => state.text(Text::Unclassified).to_string(),
                },
                value: row.size as f64,
                value_text: format!(
                    "{} · {}",
                    format_integer(row.size as i64, language),
                    format_percent(row.size_share, 0, language)
                ),
            })
            .collect::<Vec<_>>()
    });
    let title = Signal::derive(move || {
        analysis
            .rule_set
            .with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default())
    });
    move || {
        if !ready() || analysis.rule_set.with(|r| r.is_none()) {
            return None;
        }
        Some(view! {
            <section class="card" data-testid="overview-segments">
                <h2 class="card-title">{state.text(Text::OverviewSegmentsTitle)}</h2>
                <div class="chart-box">
                    <crate::ui::components::charts::BarListChart
                        rows=rows
                        title=title
                        testid="overview-segment-chart".to_string()
                    />
                </div>
                <a
                    class="button button-secondary"
                    href=Page::Segments.href()
                    data-testid="overview-segments-link"
                >
                    {state.text(Text::OverviewSegmentsLink)}
                </a>
            </section>
        })
    }
}

/// Each journey map's largest drop-off (the stage patients leave most), linked to the Patient
/// journeys page.
#[component]
fn OverviewJourneys() -> impl IntoView {
    let state = use_app_state();
    let ready = OverviewStage::reached(OverviewStage::JOURNEYS);
    let rows = move || {
        if !ready() {
            return None;
        }
        let language = state.language.get();
        state.session.workspace.with(|workspace| {
            let workspace = workspace.as_ref()?;
            let rows: Vec<_> = workspace
                .journeys
                .iter()
                .filter_map(|map| {
                    let metrics = omnirx_core::domain::journey::journey_metrics(map, None);
                    let index = metrics.largest_drop_off?;
                    let drop_off = metrics.stages[index].drop_off.clone()?;
                    let from = map.stages[index].name.clone();
                    let to = map
                        .stages
                        .get(index + 1)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    Some(view! {
                        <li data-testid="overview-journey">
                            <strong>{map.name.clone()}</strong>
                            <span>{format!("{from} → {to}")}</span>
                            <span class="badge badge-alert">
                                {format!("−{}", format_percent(drop_off.share, 1, language))}
                            </span>
                        </li>
                    })
                })
                .collect();
            (!rows.is_empty()).then(|| rows.into_iter().collect_view())
        })
    };
    move || {
        rows().map(|rows| {
            view! {
                <section class="card" data-testid="overview-journeys">
                    <h2 class="card-title">{state.text(Text::OverviewJourneysTitle)}</h2>
                    <ul class="overview-journeys">{rows}</ul>
                    <a
                        class="button button-secondary"
                        href=Page::Journeys.href()
                        data-testid="overview-journeys-link"
                    >
                        {state.text(Text::OverviewJourneysLink)}
                    </a>
                </section>
            }
        })
    }
}
