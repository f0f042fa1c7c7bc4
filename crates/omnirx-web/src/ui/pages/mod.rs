//! The pages, one per area, and the view that shows the page the route points to.

mod customer_detail;
pub mod customers;
mod data;
pub mod funnels;
mod journeys;
mod not_found;
mod overview;
pub(crate) mod performance;
mod plan;
mod planned;
pub mod segments;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;

use super::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::{Page, Route};

// The pages are wasm modules cut from the page's wasm by tools/split_wasm.py and fetched the
// first time one of them is shown: the first download holds the shell and the Overview's card.
// Pages go in a few modules rather than one each: `wasm-split` puts the code several modules share
// in a chunk per set of modules sharing it, and with a module per page (10 split points, 212
// chunks) the Overview's analyses needed 65 chunks, whose fetching and instantiating cost a first
// visit 200 ms. With five split points (these four and the demo's) they need 11. `fallible`: a module that cannot be fetched (offline before the
// service worker kept it) is an error the page shows, not a panic that would end the app.

/// The pages that analyse the workspace's HCPs: funnels, segments, journeys, customers.
#[derive(Clone)]
enum AnalysisPage {
    Funnels,
    Segments,
    Journeys,
    Customers,
    Customer(String),
}

lazy_module! {
    analysis_pages, analysis_fetch,
    fn analysis_view(page: AnalysisPage) -> Result<AnyView, SplitLoaderError> {
        Ok(match page {
            AnalysisPage::Funnels => funnels::FunnelsPage().into_any(),
            AnalysisPage::Segments => segments::SegmentsPage().into_any(),
            AnalysisPage::Journeys => journeys::JourneysPage().into_any(),
            AnalysisPage::Customers => customers::CustomersPage().into_any(),
            AnalysisPage::Customer(id) => {
                view! { <customer_detail::CustomerPage id=id /> }.into_any()
            }
        })
    }
}

/// The team's pages: performance and the call plan.
#[derive(Clone, Copy)]
enum TeamPage {
    Performance,
    Plan,
}

lazy_module! {
    team_pages, team_fetch,
    fn team_view(page: TeamPage) -> Result<AnyView, SplitLoaderError> {
        Ok(match page {
            TeamPage::Performance => performance::PerformancePage().into_any(),
            TeamPage::Plan => plan::PlanPage().into_any(),
        })
    }
}

lazy_module! {
    data_page, data_fetch,
    fn data_view() -> Result<AnyView, SplitLoaderError> {
        Ok(data::DataPage().into_any())
    }
}

lazy_module! {
    overview_analyses, overview_analyses_fetch,
    fn overview_analyses_view() -> Result<AnyView, SplitLoaderError> {
        Ok(overview::OverviewAnalyses().into_any())
    }
}

/// The Overview's analyses from their own module (the Overview's first part, the workspace's card,
/// is in the first download).
fn overview_analyses() -> AnyView {
    lazily_saying(
        "overview-analyses",
        Text::OverviewAnalysesLoadFailed,
        overview_analyses_fetch,
        overview_analyses_view,
    )
}

/// Shows the page of the current route.
#[component]
pub fn PageView() -> impl IntoView {
    let state = use_app_state();
    let analysis = |page: AnalysisPage| {
        lazily("analysis", analysis_fetch, move || {
            analysis_view(page.clone())
        })
    };
    let team = |page: TeamPage| lazily("team", team_fetch, move || team_view(page));
    move || match state.route.get() {
        Route::Page(Page::Overview) => overview::OverviewPage().into_any(),
        Route::Page(Page::Performance) => team(TeamPage::Performance),
        Route::Page(Page::Plan) => team(TeamPage::Plan),
        Route::Page(Page::Data) => lazily("data", data_fetch, data_view),
        Route::Page(Page::Funnels) => analysis(AnalysisPage::Funnels),
        Route::Page(Page::Segments) => analysis(AnalysisPage::Segments),
        Route::Page(Page::Journeys) => analysis(AnalysisPage::Journeys),
        Route::Page(Page::Customers) => analysis(AnalysisPage::Customers),
        Route::Customer(id) => analysis(AnalysisPage::Customer(id)),
        Route::NotFound(path) => view! { <not_found::NotFoundPage path=path /> }.into_any(),
    }
}

thread_local! {
    /// The pages whose module is here: drawn at once from then on.
    static FETCHED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// The page `name` from its own module: "Loading…" while the module comes, then the page; if it
/// cannot come, why, with a button that tries again (a failed fetch is not remembered). The page
/// is built where the other pages are, in the route's view, never inside a `Suspense` (which
/// would catch the page's own async parts and blank it whenever one of them waits).
fn lazily<F, Fetch, S, Show>(name: &'static str, fetch: F, show: S) -> AnyView
where
    F: Fn() -> Fetch + Copy + Send + Sync + 'static,
    Fetch: Future<Output = Result<(), SplitLoaderError>> + 'static,
    S: Fn() -> Show + Send + Sync + 'static,
    Show: Future<Output = Result<AnyView, SplitLoaderError>>,
{
    lazily_saying(name, Text::PageLoadFailed, fetch, show)
}

/// [`lazily`], saying `unavailable` when the module cannot come.
fn lazily_saying<F, Fetch, S, Show>(
    name: &'static str,
    unavailable: Text,
    fetch: F,
    show: S,
) -> AnyView
where
    F: Fn() -> Fetch + Copy + Send + Sync + 'static,
    Fetch: Future<Output = Result<(), SplitLoaderError>> + 'static,
    S: Fn() -> Show + Send + Sync + 'static,
    Show: Future<Output = Result<AnyView, SplitLoaderError>>,
{
    let state = use_app_state();
    let fetched = RwSignal::new(
        FETCHED
            .with(|pages| pages.borrow().contains(name))
            .then_some(true),
    );
    let start = move || {
        fetched.set(None);
        spawn_local(async move {
            let done = fetch().await.is_ok();
            if done {
                FETCHED.with(|pages| pages.borrow_mut().insert(name));
            }
            fetched.set(Some(done));
        });
    };
    if fetched.get_untracked().is_none() {
        start();
    }
    let failed = move || {
        view! {
            <div
                class="alert alert-error page-load-failed"
                role="alert"
                data-testid="page-load-failed"
            >
                <p>{state.tr(unavailable)}</p>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="page-load-retry"
                    on:click=move |_| start()
                >
                    {state.tr(Text::PageLoadRetry)}
                </button>
            </div>
        }
        .into_any()
    };
    (move || match fetched.get() {
        None => view! {
            <p class="page-loading" data-testid="page-loading">
                {state.tr(Text::Loading)}
            </p>
        }
        .into_any(),
        // The module is here: the call completes at once (its load is already done).
        Some(true) => match at_once(show()) {
            Some(Ok(page)) => page,
            _ => failed(),
        },
        Some(false) => failed(),
    })
    .into_any()
}

/// The output of a future that is already complete, without waiting (none if it is not).
fn at_once<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}
