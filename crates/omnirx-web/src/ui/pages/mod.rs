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
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::{Page, Route};

// Every page but the Overview is its own wasm module, cut from the page's wasm by
// tools/split_wasm.py and fetched the first time the page is shown: the first download holds the
// shell and the Overview only. `fallible`: a module that cannot be fetched (offline before the
// service worker kept it) is an error the page shows, not a panic that would end the app.
macro_rules! split_page {
    ($module:ident, $preload:ident, $name:ident, $page:expr) => {
        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok($page.into_any())
        }
    };
}

split_page!(
    performance_page,
    performance_fetch,
    performance_view,
    performance::PerformancePage()
);
split_page!(plan_page, plan_fetch, plan_view, plan::PlanPage());
split_page!(data_page, data_fetch, data_view, data::DataPage());
split_page!(
    funnels_page,
    funnels_fetch,
    funnels_view,
    funnels::FunnelsPage()
);
split_page!(
    segments_page,
    segments_fetch,
    segments_view,
    segments::SegmentsPage()
);
split_page!(
    journeys_page,
    journeys_fetch,
    journeys_view,
    journeys::JourneysPage()
);
split_page!(
    customers_page,
    customers_fetch,
    customers_view,
    customers::CustomersPage()
);

#[wasm_split(
    customer_page,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(customer_fetch)
)]
fn customer_view(id: String) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <customer_detail::CustomerPage id=id /> }.into_any())
}

/// Shows the page of the current route.
#[component]
pub fn PageView() -> impl IntoView {
    let state = use_app_state();
    move || match state.route.get() {
        Route::Page(Page::Overview) => overview::OverviewPage().into_any(),
        Route::Page(Page::Performance) => {
            lazily("performance", performance_fetch, performance_view)
        }
        Route::Page(Page::Plan) => lazily("plan", plan_fetch, plan_view),
        Route::Page(Page::Data) => lazily("data", data_fetch, data_view),
        Route::Page(Page::Funnels) => lazily("funnels", funnels_fetch, funnels_view),
        Route::Page(Page::Segments) => lazily("segments", segments_fetch, segments_view),
        Route::Page(Page::Journeys) => lazily("journeys", journeys_fetch, journeys_view),
        Route::Page(Page::Customers) => lazily("customers", customers_fetch, customers_view),
        Route::Customer(id) => lazily("customer", customer_fetch, move || {
            customer_view(id.clone())
        }),
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
                <p>{state.tr(Text::PageLoadFailed)}</p>
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
