//! The Performance page's choices and its numbers as memos: the performance index is built once
//! per data change; a choice (period, breakdown, drill-down) reruns only the query it changes.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::browser::timed;
use crate::ui::state::funnel_analysis::FunnelAnalysis;
use crate::ui::state::session::Session;
use crate::ui::state::shared::Shared;
use omnirx_core::domain::model::WorkspaceSettings;
use omnirx_core::domain::performance::outlook::{outlook, scope_outlook, Outlook, ScopeOutlook};
use omnirx_core::domain::performance::{
    activity_table, attainment_table, effort_outcome, follow_up, ActivityDimension, ActivityTable,
    AttainmentQuery, AttainmentTable, Dimension, EffortOutcome, FollowUp, Measure, PerformanceData,
    Period, PeriodKind, Scope, Source,
};
use omnirx_core::domain::time::Month;

/// How many customers each follow-up list shows.
pub const FOLLOW_UP_LIMIT: usize = 10;

#[derive(Clone, Copy)]
pub struct PerformanceChoices {
    pub kind: RwSignal<PeriodKind>,
    /// The month the period holds; `None`: the end of the data.
    pub month: RwSignal<Option<Month>>,
    pub measure: RwSignal<Measure>,
    /// `None`: prescriptions when the workspace has any, else sales.
    pub source: RwSignal<Option<Source>>,
    pub dimension: RwSignal<Dimension>,
    pub scope: RwSignal<Scope>,
    pub activity_by: RwSignal<ActivityDimension>,
}

#[derive(Clone, Copy)]
pub struct PerformanceAnalysis {
    pub choices: PerformanceChoices,
    /// Sales, targets and the alignment of HCPs to reps: what targets against actuals need.
    pub data: Memo<Option<Shared<PerformanceData>>>,
    /// The same with every contact as a row: what activity, follow-up and effort need.
    pub activity_data: Memo<Option<Shared<PerformanceData>>>,
    pub settings: Memo<Option<WorkspaceSettings>>,
    pub period: Memo<Option<Period>>,
    pub source: Memo<Source>,
    pub table: Memo<Option<Shared<AttainmentTable>>>,
    pub monthly: Memo<Option<Shared<ScopeOutlook>>>,
    pub activity: Memo<Option<Shared<ActivityTable>>>,
    pub follow_up: Memo<Option<Shared<FollowUp>>>,
    pub effort: Memo<Option<Shared<EffortOutcome>>>,
    pub outlook: Memo<Option<Shared<Outlook>>>,
    /// The Overview's card: the team's year to date by region, from sales and targets only.
    pub overview: Memo<Option<Shared<AttainmentTable>>>,
}

impl PerformanceAnalysis {
    pub fn new(session: Session, funnels: FunnelAnalysis) -> PerformanceAnalysis {
        let choices = PerformanceChoices {
            kind: RwSignal::new(PeriodKind::YearToDate),
            month: RwSignal::new(None),
            measure: RwSignal::new(Measure::Units),
            source: RwSignal::new(None),
            dimension: RwSignal::new(Dimension::Region),
            scope: RwSignal::new(Scope::default()),
            activity_by: RwSignal::new(ActivityDimension::Rep),
        };
        // Both built from the funnel's HCP index (kept per data revision, and built by the
        // Overview already; on a large workspace they wait for its slices): its events are
        // compact where the workspace's interactions are strings. The first skips the contact
        // rows, so the page's top draws sooner.
        let data = Memo::new(move |_| {
            let events = funnels.hcp_index.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:performance-index", || {
                    PerformanceData::aligned_only(workspace, Some(&events))
                }))))
            })
        });
        let activity_data = Memo::new(move |_| {
            let events = funnels.hcp_index.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed(
                    "omnirx:performance-contacts",
                    || PerformanceData::build_with(workspace, Some(&events)),
                ))))
            })
        });
        let settings = Memo::new(move |_| {
            session
                .workspace
                .with(|w| w.as_ref().map(|w| w.settings.clone()))
        });
        let period = Memo::new(move |_| {
            let end = data.with(|d| d.as_ref().and_then(|d| d.sales_end.or(d.data_end)))?;
            let month = choices.month.get().unwrap_or(end);
            Some(Period::of_kind_holding(choices.kind.get(), month))
        });
        let source = Memo::new(move |_| {
            choices.source.get().unwrap_or_else(|| {
                data.with(|d| {
                    d.as_ref()
                        .map_or(Source::Prescriptions, |d| Source::default_for(d))
                })
            })
        });
        let table = Memo::new(move |_| {
            let data = data.get()?;
            settings.track();
            let query = AttainmentQuery {
                period: period.get()?,
                measure: choices.measure.get(),
                source: source.get(),
                dimension: choices.dimension.get(),
                scope: choices.scope.get(),
            };
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:performance-table", || {
                    attainment_table(&data, workspace, &query)
                }))))
            })
        });
        let monthly = Memo::new(move |_| {
            let data = data.get()?;
            settings.track();
            let (scope, measure, source) =
                (choices.scope.get(), choices.measure.get(), source.get());
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                timed("omnirx:performance-monthly", || {
                    scope_outlook(&data, workspace, &scope, measure, source)
                })
                .map(|o| Shared(Arc::new(o)))
            })
        });
        let activity = Memo::new(move |_| {
            let data = activity_data.get()?;
            settings.track();
            let (period, by, scope) = (
                period.get()?,
                choices.activity_by.get(),
                choices.scope.get(),
            );
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed(
                    "omnirx:performance-activity",
                    || activity_table(&data, workspace, period, by, &scope),
                ))))
            })
        });
        let follow_up = Memo::new(move |_| {
            let data = activity_data.get()?;
            settings.track();
            let (period, scope) = (period.get()?, choices.scope.get());
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(follow_up(
                    &data,
                    workspace,
                    period,
                    &scope,
                    FOLLOW_UP_LIMIT,
                ))))
            })
        });
        let effort = Memo::new(move |_| {
            let data = activity_data.get()?;
            settings.track();
            let (period, scope) = (period.get()?, choices.scope.get());
            let (measure, source) = (choices.measure.get(), source.get());
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:performance-effort", || {
                    effort_outcome(&data, workspace, period, measure, source, &scope)
                }))))
            })
        });
        let outlook = Memo::new(move |_| {
            let data = data.get()?;
            settings.track();
            let (measure, source) = (choices.measure.get(), source.get());
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed(
                    "omnirx:performance-forecast",
                    || outlook(&data, workspace, measure, source, None),
                ))))
            })
        });
        let overview = Memo::new(move |_| {
            session.data_revision.track();
            settings.track();
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                timed("omnirx:performance-overview", || {
                    let data = PerformanceData::sales_only(workspace);
                    let end = data.sales_end.or(data.data_end)?;
                    let query = AttainmentQuery {
                        period: Period::of_kind_holding(PeriodKind::YearToDate, end),
                        measure: Measure::Units,
                        source: Source::default_for(&data),
                        dimension: Dimension::Region,
                        scope: Scope::default(),
                    };
                    Some(Shared(Arc::new(attainment_table(&data, workspace, &query))))
                })
            })
        });
        PerformanceAnalysis {
            overview,
            choices,
            data,
            activity_data,
            settings,
            period,
            source,
            table,
            monthly,
            activity,
            follow_up,
            effort,
            outlook,
        }
    }
}
