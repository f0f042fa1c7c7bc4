//! The page shown for a link that points nowhere: says so, and offers the way back.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Page;

#[component]
pub fn NotFoundPage(path: String) -> impl IntoView {
    let state = use_app_state();
    view! {
        <article class="page" data-testid="page-not-found">
            <h1 data-testid="page-title">{state.tr(Text::NotFoundTitle)}</h1>
            <p class="page-intro">{state.tr(Text::NotFoundBody)}</p>
            // The unknown path is shown as text, never interpreted: it comes from the URL.
            <p>
                <code data-testid="not-found-path">{format!("#/{path}")}</code>
            </p>
            <p>
                <a class="button" href=Page::Overview.href() data-testid="back-to-overview">
                    {state.tr(Text::BackToOverview)}
                </a>
            </p>
        </article>
    }
}
