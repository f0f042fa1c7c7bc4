//! The Funnels page's state and the funnel numbers derived from the open workspace, as memos.
//!
//! The funnel index depends on the data only, so it is keyed on the session's data revision and
//! the counting unit: editing a funnel's window or order reruns the funnel (milliseconds), never
//! the index. Everything here lives in [`crate::ui::state::AppState`], so choices survive
//! navigation between pages.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::browser::timed;
use crate::ui::state::session::Session;
use omnirx_core::domain::compliance;
use omnirx_core::domain::funnel::{
    breakdown, previous_period, run_funnel, summarise_manual, summarise_run, Attribution,
    BreakdownDimension, BreakdownSeries, CountingUnit, FunnelDefinition, FunnelIndex,
    FunnelIndexBuilder, FunnelRun, FunnelSummary, Period, WorkspaceIds,
};

use super::shared::Shared;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartStyle {
    #[default]
    Funnel,
    Bars,
    Table,
}

/// What the funnel is compared with.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Comparison {
    #[default]
    None,
    /// The period just before the funnel's period (the previous quarter for a quarter).
    PreviousPeriod,
    /// Any other period.
    Period(Period),
    /// Two series of the current breakdown, by their position in the breakdown.
    TwoSeries(usize, usize),
}

/// The page's choices that are views rather than parts of the saved definition.
#[derive(Clone, Copy)]
pub struct FunnelPageState {
    pub selected_funnel: RwSignal<Option<String>>,
    pub style: RwSignal<ChartStyle>,
    pub breakdown: RwSignal<Option<BreakdownDimension>>,
    pub attribution: RwSignal<Attribution>,
    pub comparison: RwSignal<Comparison>,
    pub drop_off_step: RwSignal<usize>,
    pub what_if_step: RwSignal<usize>,
    pub what_if_points: RwSignal<f64>,
    pub editing_steps: RwSignal<bool>,
}

/// The memos the Funnels and Overview pages read.
#[derive(Clone, Copy)]
pub struct FunnelAnalysis {
    pub page: FunnelPageState,
    pub definition: Memo<Option<FunnelDefinition>>,
    /// The HCP index, built once per data change; segmentation reads it too.
    pub hcp_index: Memo<Option<Shared<FunnelIndex>>>,
    pub ids: Memo<Option<Shared<WorkspaceIds>>>,
    pub index: Memo<Option<Shared<FunnelIndex>>>,
    pub run: Memo<Option<Shared<FunnelRun>>>,
    pub summary: Memo<Option<FunnelSummary>>,
    pub breakdown: Memo<Option<Vec<BreakdownSeries>>>,
    /// The comparison's step counts and what they are (a period or a series).
    pub comparison_counts: Memo<Option<Vec<u64>>>,
    /// The workspace's first (default) funnel, for the Overview's headline.
    pub headline: Memo<Option<FunnelSummary>>,
    /// The shown funnel counts HCPs and has prescription steps, but the market rules forbid
    /// HCP-level prescription figures: it is counted per account (`docs/compliance.md`).
    pub per_account_by_rules: Memo<bool>,
}

impl FunnelAnalysis {
    pub fn new(session: Session) -> FunnelAnalysis {
        let page = FunnelPageState {
            selected_funnel: RwSignal::new(None),
            style: RwSignal::new(ChartStyle::Funnel),
            breakdown: RwSignal::new(None),
            attribution: RwSignal::new(Attribution::FirstTouch),
            comparison: RwSignal::new(Comparison::None),
            drop_off_step: RwSignal::new(1),
            what_if_step: RwSignal::new(1),
            what_if_points: RwSignal::new(5.0),
            editing_steps: RwSignal::new(false),
        };
        let definition = Memo::new(move |_| {
            let wanted = page.selected_funnel.get();
            session.workspace.with(|workspace| {
                let funnels = &workspace.as_ref()?.funnels;
                wanted
                    .and_then(|id| funnels.iter().find(|f| f.id == id))
                    .or_else(|| funnels.first())
                    .cloned()
            })
        });
        let rules = Memo::new(move |_| {
            session.workspace.with(|w| {
                w.as_ref()
                    .map(|w| w.settings.market_rules)
                    .unwrap_or_default()
            })
        });
        // The unit the funnel is counted in: its own, or accounts under the market rules.
        let unit = Memo::new(move |_| {
            let rules = rules.get();
            definition.with(|d| d.as_ref().map(|d| compliance::funnel_unit(d, rules)))
        });
        let per_account_by_rules = Memo::new(move |_| {
            let rules = rules.get();
            definition.with(|d| {
                d.as_ref()
                    .is_some_and(|d| compliance::counted_per_account_by_rules(d, rules))
            })
        });
        let ids = Memo::new(move |_| {
            session.data_revision.track();
            session.workspace.with_untracked(|workspace| {
                workspace
                    .as_ref()
                    .map(|w| Shared(Arc::new(WorkspaceIds::of(w))))
            })
        });
        // The HCP index is built once per data change; the account index is derived from it.
        // A large workspace's is built a slice per task (`None` until it is complete), so the
        // page keeps drawing; a smaller one's at once, so the demo's pages draw whole.
        let sliced: RwSignal<Option<(u64, Shared<FunnelIndex>)>> = RwSignal::new(None);
        let slicing: StoredValue<Option<u64>> = StoredValue::new(None);
        let hcp_index = Memo::new(move |_| {
            let revision = session.data_revision.get();
            let workspace = session.workspace.get_untracked()?;
            if workspace.interactions.len() < INDEX_IN_SLICES_FROM {
                return Some(Shared(Arc::new(timed("omnirx:funnel-index", || {
                    FunnelIndex::build(&workspace, CountingUnit::Hcp)
                }))));
            }
            if let Some((built_for, index)) = sliced.get() {
                if built_for == revision {
                    return Some(index);
                }
            }
            if slicing.get_value() != Some(revision) {
                slicing.set_value(Some(revision));
                leptos::task::spawn_local(build_index_in_slices(session, revision, sliced));
            }
            None
        });
        let index = Memo::new(move |_| {
            let hcp_index = hcp_index.get()?;
            match unit.get()? {
                CountingUnit::Hcp => Some(hcp_index),
                CountingUnit::Account => session.workspace.with_untracked(|workspace| {
                    let workspace = workspace.as_ref()?;
                    Some(Shared(Arc::new(timed(
                        "omnirx:funnel-account-index",
                        || hcp_index.accounts_from_hcps(workspace),
                    ))))
                }),
            }
        });
        let run = Memo::new(move |_| {
            let definition = definition.get()?;
            if definition.manual_counts.is_some() {
                return None;
            }
            let index = index.get()?;
            let ids = ids.get()?;
            Some(Shared(Arc::new(timed("omnirx:funnel-run", || {
                run_funnel(&definition, &ids, &index)
            }))))
        });
        let summary = Memo::new(move |_| {
            let definition = definition.get()?;
            if let Some(counts) = &definition.manual_counts {
                return summarise_manual(&definition, counts).ok();
            }
            let index = index.get()?;
            let run = run.get()?;
            Some(summarise_run(&definition, &index, &run))
        });
        let breakdown_memo = Memo::new(move |_| {
            let dimension = page.breakdown.get()?;
            let attribution = page.attribution.get();
            let index = index.get()?;
            let run = run.get()?;
            Some(timed("omnirx:funnel-breakdown", || {
                breakdown(&run, &index, dimension, attribution)
            }))
        });
        let comparison_counts = Memo::new(move |_| match page.comparison.get() {
            Comparison::None => None,
            Comparison::TwoSeries(_, second) => {
                breakdown_memo.with(|series| series.as_ref()?.get(second).map(|s| s.counts.clone()))
            }
            Comparison::PreviousPeriod | Comparison::Period(_) => {
                let mut definition = definition.get()?;
                if definition.manual_counts.is_some() {
                    return None;
                }
                definition.period = Some(match page.comparison.get() {
                    Comparison::Period(period) => period,
                    _ => previous_period(definition.period?),
                });
                let index = index.get()?;
                let ids = ids.get()?;
                let run = run_funnel(&definition, &ids, &index);
                Some(summarise_run(&definition, &index, &run).counts())
            }
        });
        let headline = Memo::new(move |_| {
            let first = session
                .workspace
                .with(|w| w.as_ref().and_then(|w| w.funnels.first().cloned()))?;
            if definition.with(|d| d.as_ref().map(|d| &d.id) == Some(&first.id)) {
                return summary.get();
            }
            if let Some(counts) = &first.manual_counts {
                return summarise_manual(&first, counts).ok();
            }
            // The page shows another funnel: reuse its index when it counts the same unit.
            let first_unit = compliance::funnel_unit(&first, rules.get());
            let shared = index.get().filter(|index| index.unit == first_unit);
            let ids = ids.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                let own;
                let index: &FunnelIndex = match &shared {
                    Some(index) => index,
                    None => {
                        own = FunnelIndex::build(workspace, first_unit);
                        &own
                    }
                };
                let run = run_funnel(&first, &ids, index);
                Some(summarise_run(&first, index, &run))
            })
        });
        FunnelAnalysis {
            headline,
            per_account_by_rules,
            page,
            hcp_index,
            ids,
            definition,
            index,
            run,
            summary,
            breakdown: breakdown_memo,
            comparison_counts,
        }
    }

    /// The shown funnel's step names (empty before it is computed); reactive.
    pub fn step_names(&self) -> Vec<String> {
        self.summary.with(|s| {
            s.as_ref()
                .map(|s| s.steps.iter().map(|step| step.name.clone()).collect())
                .unwrap_or_default()
        })
    }

    /// The counts shown as "current" when comparing: the funnel's, or the first chosen series.
    pub fn current_counts(&self) -> Option<Vec<u64>> {
        match self.page.comparison.get() {
            Comparison::TwoSeries(first, _) => self
                .breakdown
                .with(|series| series.as_ref()?.get(first).map(|s| s.counts.clone())),
            _ => self.summary.with(|s| s.as_ref().map(|s| s.counts())),
        }
    }
}

/// From this many interactions the HCP index is built a slice per task (the Overview's staged
/// drawing starts at the same size).
pub const INDEX_IN_SLICES_FROM: usize = 200_000;
/// Records per slice: about 10 ms of work in the browser.
const INDEX_SLICE: usize = 100_000;

/// Builds the HCP index of data revision `revision` a slice per task into `sliced`; stops
/// when the data changes under it (a newer build runs).
async fn build_index_in_slices(
    session: Session,
    revision: u64,
    sliced: RwSignal<Option<(u64, Shared<FunnelIndex>)>>,
) {
    // The previous revision's index goes now, not when the new one is complete.
    sliced.set(None);
    let Some(workspace) = session.workspace.get_untracked() else {
        return;
    };
    crate::ui::browser::mark("omnirx:funnel-index:start");
    let mut builder = FunnelIndexBuilder::new(&workspace);
    loop {
        crate::ui::browser::next_task().await;
        if session.data_revision.try_get_untracked() != Some(revision) {
            return;
        }
        let built = builder.step(&workspace, INDEX_SLICE);
        crate::ui::browser::mark("omnirx:funnel-index-slice");
        if let Some(index) = built {
            crate::ui::browser::measure_since("omnirx:funnel-index", "omnirx:funnel-index:start");
            sliced.set(Some((revision, Shared(Arc::new(index)))));
            return;
        }
    }
}
