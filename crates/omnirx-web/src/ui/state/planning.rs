//! The Plan page's choices and numbers as memos: the history is read once per data change (from
//! the Performance page's index), the proposal is refitted and reoptimised when the cycle or a
//! setting changes, and a saved plan is shown as it was saved, followed up against the data now.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::browser::timed;
use crate::ui::state::performance::PerformanceAnalysis;
use crate::ui::state::segment_analysis::SegmentAnalysis;
use crate::ui::state::session::Session;
use crate::ui::state::shared::Shared;
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::planning::calendar::{schedule, Schedule};
use omnirx_core::domain::planning::editing::PlanEditRefusal;
use omnirx_core::domain::planning::goals::{segment_from, PlanSegment};
use omnirx_core::domain::planning::saved::{
    delete_plan, plan_id_for, save_plan, set_saved_planned, SavedPlan,
};
use omnirx_core::domain::planning::{
    field_days, plan_segmented, review, CapacityRules, Comparison, Cycle, FollowUp, Plan,
    PlanError, PlanOptions, PlanResult, PlanningData,
};
use omnirx_core::domain::time::Month;

/// How the customers of the plan are sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanSort {
    Uplift,
    Potential,
    Name,
    Account,
}

#[derive(Clone, Copy)]
pub struct PlanChoices {
    /// `None`: the month after the data's last month.
    pub cycle: RwSignal<Option<Cycle>>,
    /// `None`: the whole team.
    pub rep: RwSignal<Option<String>>,
    pub sort: RwSignal<PlanSort>,
    /// Settings changed on the page and not yet used by a saved plan.
    pub draft: RwSignal<Option<PlanOptions>>,
}

/// The plan on screen: the saved one, or the proposal when none is saved (or settings changed).
#[derive(Debug)]
pub struct ShownPlan {
    pub plan: Plan,
    pub saved: bool,
    /// Cells set by hand.
    pub edits: usize,
    pub comparison: Vec<Comparison>,
    pub follow_up: Option<FollowUp>,
    pub capacity: CapacityRules,
}

#[derive(Clone, Copy)]
pub struct Planning {
    pub choices: PlanChoices,
    pub data: Memo<Option<Shared<PlanningData>>>,
    pub cycle: Memo<Option<Cycle>>,
    pub saved: Memo<Option<Shared<SavedPlan>>>,
    /// The settings in use: the draft, else the saved plan's, else the last saved plan's.
    pub options: Memo<PlanOptions>,
    pub proposal: Memo<Option<Shared<Result<PlanResult, PlanError>>>>,
    pub shown: Memo<Option<Shared<ShownPlan>>>,
    /// The chosen rep's field days with the plan's contacts placed on them.
    pub schedule: Memo<Option<Shared<Schedule>>>,
    session: Session,
}

/// The cycles offered: the data's last two months, the next three, and the quarters of both.
pub fn cycle_choices(last: Month) -> Vec<Cycle> {
    let mut cycles: Vec<Cycle> = (-1..=3)
        .map(|offset| Cycle::Month {
            month: last.plus(offset),
        })
        .collect();
    for month in [last, last.plus(3)] {
        cycles.push(Cycle::Quarter {
            year: month.year,
            quarter: (month.month - 1) / 3 + 1,
        });
    }
    cycles
}

/// The cycle the page opens on: the latest saved plan's while the data has not passed its end
/// (a plan being followed up), else the month after the data's last month.
pub fn default_cycle(
    plans: &[SavedPlan],
    last_month: Option<Month>,
    data_end: Option<CalendarDate>,
) -> Option<Cycle> {
    let running = plans
        .iter()
        .filter(|p| data_end.is_none_or(|end| p.plan.cycle.last_day() >= end))
        .max_by_key(|p| p.plan.cycle.first_day());
    running.map(|p| p.plan.cycle).or_else(|| {
        last_month.map(|last| Cycle::Month {
            month: last.plus(1),
        })
    })
}

fn edits_of(plan: &Plan) -> usize {
    use omnirx_core::domain::planning::Binding;
    plan.rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|cell| cell.binding == Binding::Edited)
        .count()
}

impl Planning {
    pub fn new(
        session: Session,
        performance: PerformanceAnalysis,
        segments: SegmentAnalysis,
    ) -> Planning {
        let choices = PlanChoices {
            cycle: RwSignal::new(None),
            rep: RwSignal::new(None),
            sort: RwSignal::new(PlanSort::Uplift),
            draft: RwSignal::new(None),
        };
        let data = Memo::new(move |_| {
            let index = performance.activity_data.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:plan-history", || {
                    PlanningData::from_performance(workspace, &index)
                }))))
            })
        });
        let cycle = Memo::new(move |_| {
            choices.cycle.get().or_else(|| {
                let (last, end) = data.with(|d| d.as_ref().map(|d| (d.last_month, d.data_end)))?;
                session
                    .workspace
                    .with(|w| default_cycle(w.as_ref().map_or(&[][..], |w| &w.plans), last, end))
            })
        });
        let saved = Memo::new(move |_| {
            let id = plan_id_for(&cycle.get()?, None);
            session.workspace.with(|workspace| {
                let plan = workspace.as_ref()?.plans.iter().find(|p| p.id == id)?;
                Some(Shared(Arc::new(plan.clone())))
            })
        });
        let options = Memo::new(move |_| {
            if let Some(draft) = choices.draft.get() {
                return draft;
            }
            if let Some(saved) = saved.get() {
                return saved.options.clone();
            }
            session.workspace.with(|workspace| {
                workspace
                    .as_ref()
                    .and_then(|w| w.plans.last())
                    .map(|p| p.options.clone())
                    .unwrap_or_default()
            })
        });
        let source = Memo::new(move |_| options.with(|o| o.segment_source.clone()));
        // The Segments page's customer base and profiles (built once per data change, shared).
        let segmentation = Memo::new(move |_| {
            let (base, profiles, source) =
                (segments.base.get()?, segments.profiles.get()?, source.get());
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:plan-segments", || {
                    segment_from(workspace, &base, &profiles, &source, None)
                }))))
            })
        });
        let proposal = Memo::new(move |_| {
            let (data, cycle, options) = (data.get()?, cycle.get()?, options.get());
            let segmentation = segmentation.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed(
                    "omnirx:plan-optimise",
                    || match segmentation.as_ref() {
                        Ok(segmentation) => {
                            plan_segmented(workspace, &data, segmentation, cycle, &options)
                        }
                        Err(unknown) => Err(PlanError::UnknownRuleSet(unknown.0.clone())),
                    },
                ))))
            })
        });
        let shown = Memo::new(move |_| {
            let data = data.get()?;
            let use_saved = choices.draft.with(Option::is_none);
            let saved = saved.get().filter(|_| use_saved);
            let proposal = proposal.get();
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                let result: Option<&PlanResult> =
                    proposal.as_ref().and_then(|p| p.0.as_ref().as_ref().ok());
                let shown = match (&saved, result) {
                    (Some(saved), _) => {
                        let capacity = saved
                            .options
                            .capacity
                            .clone()
                            .unwrap_or_else(|| CapacityRules::default_for(workspace));
                        review_saved(workspace, &data, saved, capacity, result)
                    }
                    (None, Some(result)) => ShownPlan {
                        plan: result.plan.clone(),
                        saved: false,
                        edits: 0,
                        comparison: result.comparison.clone(),
                        follow_up: result.follow_up.clone(),
                        capacity: result.capacity.clone(),
                    },
                    (None, None) => return None,
                };
                Some(Shared(Arc::new(shown)))
            })
        });
        let schedule = Memo::new(move |_| {
            let (rep, shown) = (choices.rep.get()?, shown.get()?);
            session.workspace.with_untracked(|workspace| {
                let calendar = &workspace.as_ref()?.settings.calendar;
                let days = field_days(calendar, &shown.plan.cycle, shown.capacity.days_off(&rep));
                Some(Shared(Arc::new(timed("omnirx:plan-schedule", || {
                    schedule(&shown.plan, &rep, &days)
                }))))
            })
        });
        Planning {
            schedule,
            choices,
            data,
            cycle,
            saved,
            options,
            proposal,
            shown,
            session,
        }
    }

    /// The segments of the proposal (their names and strategies), for wording a plan's rows.
    pub fn segments(self) -> Vec<PlanSegment> {
        self.proposal
            .with(|p| {
                p.as_ref()
                    .and_then(|p| p.0.as_ref().as_ref().ok().map(|r| r.segments.clone()))
            })
            .unwrap_or_default()
    }

    /// Saves the proposal as the cycle's plan (replacing a saved one) and forgets the draft.
    pub fn optimise_and_save(self) {
        let Some(saved) = self.proposal_as_saved() else {
            return;
        };
        self.session
            .edit_analyses(move |workspace| save_plan(workspace, saved));
        self.choices.draft.set(None);
    }

    fn proposal_as_saved(self) -> Option<SavedPlan> {
        let cycle = self.cycle.get_untracked()?;
        let proposal = self.proposal.get_untracked()?;
        let Ok(result) = &*proposal.0 else {
            return None;
        };
        Some(SavedPlan {
            id: plan_id_for(&cycle, None),
            name: cycle.key(),
            options: self.options.get_untracked(),
            data_end: self.data.get_untracked().and_then(|d| d.data_end),
            saved_at_ms: js_sys::Date::now(),
            plan: result.plan.clone(),
        })
    }

    /// Sets an HCP's planned contacts through a channel by hand; an unsaved proposal is saved
    /// first, so the edit is kept. Returns the count kept (within the HCP's limits).
    pub fn set_planned(
        self,
        hcp_id: String,
        channel_id: String,
        planned: u32,
    ) -> Result<u32, PlanEditRefusal> {
        let Some(cycle) = self.cycle.get_untracked() else {
            return Err(PlanEditRefusal::UnknownHcp);
        };
        if self.saved.get_untracked().is_none() || self.choices.draft.get_untracked().is_some() {
            self.optimise_and_save();
        }
        let id = plan_id_for(&cycle, None);
        let mut outcome = Err(PlanEditRefusal::UnknownHcp);
        self.session.edit_analyses(|workspace: &mut Workspace| {
            outcome = set_saved_planned(workspace, &id, &hcp_id, &channel_id, planned);
        });
        outcome
    }

    pub fn delete_saved(self) {
        let Some(cycle) = self.cycle.get_untracked() else {
            return;
        };
        let id = plan_id_for(&cycle, None);
        self.session.edit_analyses(move |workspace| {
            delete_plan(workspace, &id);
        });
    }

    /// Changes the page's settings (capacity, goals, curves): the proposal follows at once, a
    /// saved plan only when optimised again.
    pub fn edit_options(self, change: impl FnOnce(&mut PlanOptions)) {
        let mut options = self.options.get_untracked();
        if options.capacity.is_none() {
            options.capacity = self
                .shown
                .with_untracked(|shown| shown.as_ref().map(|shown| shown.capacity.clone()));
        }
        change(&mut options);
        self.choices.draft.set(Some(options));
    }
}

/// A saved plan with its comparison and follow-up against the data now.
fn review_saved(
    workspace: &Workspace,
    data: &PlanningData,
    saved: &SavedPlan,
    capacity: CapacityRules,
    proposal: Option<&PlanResult>,
) -> ShownPlan {
    let mut segments: Vec<String> = proposal
        .map(|p| p.segments.iter().map(|s| s.key.clone()).collect())
        .unwrap_or_default();
    for row in &saved.plan.rows {
        if !segments.contains(&row.segment) {
            segments.push(row.segment.clone());
        }
    }
    let (comparison, follow_up) = timed("omnirx:plan-review", || {
        review(
            workspace,
            data,
            &saved.plan,
            &capacity,
            saved.options.bands,
            &segments,
        )
    });
    ShownPlan {
        plan: saved.plan.clone(),
        saved: true,
        edits: edits_of(&saved.plan),
        comparison,
        follow_up,
        capacity,
    }
}
