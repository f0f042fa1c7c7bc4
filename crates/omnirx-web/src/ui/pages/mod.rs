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

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::{Page, Route};

// Every page but the Overview is its own wasm module, cut from the page's wasm by
// tools/split_wasm.py and loaded the first time the page is shown: the first download holds the
// shell and the Overview only. `fallible`: a module that cannot be fetched (offline before the
// service worker kept it) is an error the page shows, not a panic that would end the app.
macro_rules! split_page {
    ($module:ident, $name:ident, $page:expr) => {
        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok($page.into_any())
        }
    };
}

split_page!(
    performance_page,
    performance_view,
    performance::PerformancePage()
);
split_page!(plan_page, plan_view, plan::PlanPage());
split_page!(data_page, data_view, data::DataPage());
split_page!(funnels_page, funnels_view, funnels::FunnelsPage());
split_page!(segments_page, segments_view, segments::SegmentsPage());
split_page!(journeys_page, journeys_view, journeys::JourneysPage());
split_page!(customers_page, customers_view, customers::CustomersPage());

#[wasm_split(customer_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn customer_view(id: String) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <customer_detail::CustomerPage id=id /> }.into_any())
}

/// Shows the page of the current route.
#[component]
pub fn PageView() -> impl IntoView {
    let state = use_app_state();
    move || match state.route.get() {
        Route::Page(Page::Overview) => overview::OverviewPage().into_any(),
        Route::Page(Page::Performance) => lazily(performance_view),
        Route::Page(Page::Plan) => lazily(plan_view),
        Route::Page(Page::Data) => lazily(data_view),
        Route::Page(Page::Funnels) => lazily(funnels_view),
        Route::Page(Page::Segments) => lazily(segments_view),
        Route::Page(Page::Journeys) => lazily(journeys_view),
        Route::Page(Page::Customers) => lazily(customers_view),
        Route::Customer(id) => lazily(move || customer_view(id.clone())),
        Route::NotFound(path) => view! { <not_found::NotFoundPage path=path /> }.into_any(),
    }
}

/// A page from its own module: "Loading…" while it comes, then the page; if it cannot come, why,
/// with a button that tries again (a failed load is not remembered).
fn lazily<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let state = use_app_state();
    let attempt = RwSignal::new(0u32);
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
                    on:click=move |_| attempt.update(|n| *n += 1)
                >
                    {state.tr(Text::PageLoadRetry)}
                </button>
            </div>
        }
        .into_any()
    };
    view! {
        <Suspense fallback=move || {
            view! {
                <p class="page-loading" data-testid="page-loading">
                    {state.tr(Text::Loading)}
                </p>
            }
        }>
            {move || {
                attempt.track();
                let page = load();
                Suspend::new(async move { page.await.unwrap_or_else(|_| failed()) })
            }}
        </Suspense>
    }
    .into_any()
}
