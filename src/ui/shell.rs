//! The app shell: header with brand, language switch and menu button; navigation; footer.

use leptos::prelude::*;

use super::route::Page;
use super::state::use_app_state;
use crate::i18n::{Language, Text};

/// The navigation label of each page.
pub fn page_title(page: Page) -> Text {
    match page {
        Page::Overview => Text::PageOverview,
        Page::Funnels => Text::PageFunnels,
        Page::Segments => Text::PageSegments,
        Page::Journeys => Text::PageJourneys,
        Page::Customers => Text::PageCustomers,
        Page::Data => Text::PageData,
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    view! {
        <header class="header" data-testid="header">
            <button
                type="button"
                class="nav-toggle"
                data-testid="nav-toggle"
                aria-controls="main-navigation"
                aria-expanded=move || state.navigation_open.get().to_string()
                on:click=move |_| state.navigation_open.update(|open| *open = !*open)
            >
                <span class="nav-toggle-bars" aria-hidden="true"></span>
                <span>{move || state.text(Text::MenuButton)}</span>
            </button>
            <a class="brand" href="#/overview" data-testid="brand">
                <span class="brand-mark" aria-hidden="true">"Rx"</span>
                <span class="brand-name">{move || state.text(Text::AppName)}</span>
                <span class="brand-tagline">{move || state.text(Text::AppTagline)}</span>
            </a>
            <LanguageSwitch/>
        </header>
    }
}

/// Two buttons, each labelled in its own language, so anyone can find theirs.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let state = use_app_state();
    let buttons = Language::ALL
        .into_iter()
        .map(|language| {
            view! {
                <button
                    type="button"
                    class="language-option"
                    lang=language.tag()
                    data-testid=format!("language-{}", language.tag())
                    aria-pressed=move || (state.language.get() == language).to_string()
                    on:click=move |_| state.language.set(language)
                >
                    {language.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="language-switch"
            role="group"
            data-testid="language-switch"
            aria-label=move || state.text(Text::LanguageSwitchLabel)
        >
            {buttons}
        </div>
    }
}

#[component]
pub fn Navigation() -> impl IntoView {
    let state = use_app_state();
    let links = Page::ALL
        .into_iter()
        .map(|page| {
            let is_current = move || state.route.with(|route| route.page() == Some(page));
            view! {
                <li>
                    <a
                        class="nav-link"
                        href=page.href()
                        data-testid=format!("nav-{}", page.slug())
                        aria-current=move || is_current().then_some("page")
                    >
                        {move || state.text(page_title(page))}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav
            id="main-navigation"
            class="navigation"
            class:is-open=move || state.navigation_open.get()
            data-testid="navigation"
            aria-label=move || state.text(Text::MainNavigation)
        >
            <ul class="nav-list">{links}</ul>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let state = use_app_state();
    view! {
        <footer class="footer" data-testid="footer">
            <p>{move || state.text(Text::FooterPrivacy)}</p>
        </footer>
    }
}
