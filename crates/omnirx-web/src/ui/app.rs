//! The root component: creates the app state, keeps it in sync with the URL and the browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::components::installation::UpdateBanner;
use super::components::notices::SessionNotice;
use super::components::shell::{Footer, Header, Navigation, StorageBanner};
use super::pages::PageView;
use super::state::AppState;
use omnirx_core::i18n::Text;
use omnirx_core::view::route::Route;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(
        browser::initial_language(),
        Route::from_hash(&browser::location_hash()),
        browser::today(),
    );
    provide_context(state);
    state.session.start(state.language.get_untracked());
    state.installation.start();

    // The URL is the source of truth for the route: links change the fragment, the browser
    // fires `hashchange`, and the route follows (back/forward buttons work the same way).
    let _hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::from_hash(&browser::location_hash()));
        state.navigation_open.set(false);
        // "Imported." belongs to the Data page; failures and copies stay until dismissed.
        if state.session.notice.get_untracked() == Some(super::state::session::Notice::Imported) {
            state.session.notice.set(None);
        }
    });

    // Pending edits are written as soon as the page is hidden (tab switch, app switch on a
    // tablet) or left (reload, close): the autosave delay must never cost an edit.
    let _pagehide_listener = window_event_listener(leptos::ev::pagehide, move |_| {
        state.session.flush_on_leaving()
    });
    let _pageshow_listener =
        window_event_listener(leptos::ev::pageshow, move |_| state.session.page_shown());
    let _visibility_listener = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            state.session.flush();
        }
    });

    // Effects only sync outward: the chosen language is remembered and told to the document.
    Effect::new(move |_| {
        let language = state.language.get();
        browser::store_language(language);
        browser::set_document_language(language);
        document().set_title(&format!(
            "{} · {}",
            state.text(Text::AppName),
            state.text(Text::AppTagline)
        ));
    });

    // The skip link must not touch the fragment (it holds the route), so it moves focus itself.
    let skip_to_content = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    };

    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=skip_to_content>
            {state.tr(Text::SkipToContent)}
        </a>
        <div class="app-frame">
            <Header />
            <Navigation />
            <main id="main" class="main" tabindex="-1" data-testid="main">
                <StorageBanner />
                <UpdateBanner />
                <SessionNotice />
                <PageView />
            </main>
            <Footer />
        </div>
    }
}
