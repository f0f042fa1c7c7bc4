//! The Plan page: a multichannel call plan for a cycle under each rep's capacity, optimised on
//! response curves fitted to the workspace's history, explained per customer, edited by hand,
//! exported (CSV, Excel, calendar) and followed up as interactions arrive. Numbers come from
//! `omnirx_core::domain::planning` (the same as `omnirx plan`); rules in `docs/planning.md`.

mod capacity;
mod controls;
mod curves;
mod exports;
mod follow_up;
mod goals;
mod labels;
mod limits;
mod rows;
mod summary;
mod week;

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::components::page_frame::PageFrame;

use crate::ui::state::shared::Shared;
use crate::ui::state::use_app_state;
use labels::Names;
use omnirx_core::i18n::Text;

/// The names of the workspace's ids, shared by the page's cards.
#[derive(Clone, Copy)]
pub struct PageNames(pub Memo<Shared<Names>>);

/// The step at which the whole page is drawn.
const LAST_STAGE: u8 = 4;

/// How much of the page is drawn: 0 the controls, 1 the plan's summary, then the other cards
/// up to [`LAST_STAGE`].
#[derive(Clone, Copy)]
pub struct PageStage(pub RwSignal<u8>);

pub fn use_names() -> Memo<Shared<Names>> {
    expect_context::<PageNames>().0
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = use_app_state();
    let names = Memo::new(move |_| {
        state.session.data_revision.track();
        Shared(Arc::new(state.session.workspace.with_untracked(|w| {
            w.as_ref().map(|w| Names::of(w)).unwrap_or_default()
        })))
    });
    provide_context(PageNames(names));
    // Drawn in steps, each after the last has been painted, so that no step holds the page
    // long: the controls (and the history); the plan (fit and optimise) with its summary; then
    // the other cards, a few at a time.
    let stage = RwSignal::new(0u8);
    provide_context(PageStage(stage));
    crate::ui::browser::advance_after_paint(stage, LAST_STAGE);
    let has_people = move || {
        state.session.workspace.with(|w| {
            w.as_ref()
                .is_some_and(|w| !w.reps.is_empty() && !w.hcps.is_empty())
        })
    };
    view! {
        <PageFrame slug="plan" title=Text::PagePlan intro=Text::PlanIntro>
            <Show
                when=has_people
                fallback=move || {
                    view! {
                        <p class="card" data-testid="plan-empty">
                            {state.tr(Text::PlanNoData)}
                        </p>
                    }
                }
            >
                <controls::Controls />
                <Show when=move || stage.get().ge(&1)>
                    <controls::Messages />
                    <summary::Summary />
                </Show>
                <Show when=move || stage.get().ge(&2)>
                    <capacity::CapacityCard />
                    <follow_up::FollowUpCard />
                </Show>
                <Show when=move || stage.get().ge(&3)>
                    <rows::RowsCard />
                    <week::WeekCard />
                </Show>
                <Show when=move || stage.get().ge(&LAST_STAGE)>
                    <curves::CurvesCard />
                    <goals::GoalsCard />
                    <limits::LimitsCard />
                </Show>
            </Show>
        </PageFrame>
    }
}
