//! The frame every area's page shares: its heading, its introduction, and a "loading" line until
//! the workspace is open; the page's own content goes inside.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;

/// `page-{slug}` is the page's class and test id (`page-plan`).
#[component]
pub fn PageFrame(
    slug: &'static str,
    title: Text,
    intro: Text,
    /// Printing leaves the heading and the introduction out (a printed map or plan).
    #[prop(optional)]
    no_print: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let state = use_app_state();
    let loaded = move || state.session.workspace.with(Option::is_some);
    let print = if no_print { " no-print" } else { "" };
    view! {
        <article class=format!("page page-{slug}") data-testid=format!("page-{slug}")>
            <div class=format!("page-heading{print}")>
                <h1 data-testid="page-title">{state.tr(title)}</h1>
            </div>
            <p class=format!("page-intro{print}") data-testid="page-intro">
                {state.tr(intro)}
            </p>
            <Show
                when=loaded
                fallback=move || {
                    view! { <crate::ui::components::workspace_loading::WorkspaceLoading /> }
                }
            >
                {children()}
            </Show>
        </article>
    }
}
