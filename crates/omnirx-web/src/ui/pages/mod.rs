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

use super::state::use_app_state;
use omnirx_core::view::route::{Page, Route};

/// Shows the page of the current route.
#[component]
pub fn PageView() -> impl IntoView {
    let state = use_app_state();
    move || match state.route.get() {
        Route::Page(Page::Overview) => overview::OverviewPage().into_any(),
        Route::Page(Page::Performance) => performance::PerformancePage().into_any(),
        Route::Page(Page::Plan) => plan::PlanPage().into_any(),
        Route::Page(Page::Data) => data::DataPage().into_any(),
        Route::Page(Page::Funnels) => funnels::FunnelsPage().into_any(),
        Route::Page(Page::Segments) => segments::SegmentsPage().into_any(),
        Route::Page(Page::Journeys) => journeys::JourneysPage().into_any(),
        Route::Page(Page::Customers) => customers::CustomersPage().into_any(),
        Route::Customer(id) => view! { <customer_detail::CustomerPage id=id /> }.into_any(),
        Route::NotFound(path) => view! { <not_found::NotFoundPage path=path /> }.into_any(),
    }
}
