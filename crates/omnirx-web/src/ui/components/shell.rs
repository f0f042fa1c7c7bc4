//! The app shell: header with brand, language switch and menu button; navigation; footer.

use leptos::prelude::*;

use super::installation::{InstallButton, OfflineBadge};
use crate::ui::state::session::{Persistence, StorageStatus};
use crate::ui::state::use_app_state;
use omnirx_core::i18n::{Language, Text};
use omnirx_core::view::route::Page;

/// The navigation label of each page.
pub fn page_title(page: Page) -> Text {
    match page {
        Page::Overview => Text::PageOverview,
        Page::Performance => Text::PagePerformance,
        Page::Plan => Text::PagePlan,
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
                <span class="nav-toggle-label">{state.tr(Text::MenuButton)}</span>
            </button>
            <a class="brand" href="#/overview" data-testid="brand">
                <span class="brand-mark" aria-hidden="true">
                    "Rx"
                </span>
                <span class="brand-name">{state.tr(Text::AppName)}</span>
                <span class="brand-tagline">{state.tr(Text::AppTagline)}</span>
            </a>
            <Show when=move || {
                state.session.workspace.with(|w| w.as_ref().is_some_and(|w| w.settings.demo))
            }>
                <a
                    class="badge badge-demo header-badge"
                    href=Page::Overview.href()
                    data-testid="header-demo-badge"
                >
                    {state.tr(Text::DemoBadge)}
                </a>
            </Show>
            <Show when=move || state.market_rules.forbid_hcp_prescriptions()>
                <a
                    class="badge badge-market header-badge"
                    href=Page::Data.href()
                    data-testid="header-market-rules-badge"
                >
                    {state.tr(Text::MarketRulesChina)}
                </a>
            </Show>
            <OfflineBadge />
            <InstallButton />
            <LanguageSwitch />
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
            aria-label=state.tr(Text::LanguageSwitchLabel)
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
                        {state.tr(page_title(page))}
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
            aria-label=state.tr(Text::MainNavigation)
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
            <p>{state.tr(Text::FooterPrivacy)}</p>
        </footer>
    }
}

/// Says plainly when data cannot be kept, and offers the way to keep it anyway: an exported file.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app_state();
    let message = move || match state.session.status.get() {
        StorageStatus::Unavailable => Some(Text::StorageUnavailable),
        StorageStatus::Blocked => Some(Text::StorageBlocked),
        StorageStatus::Outdated => Some(Text::StorageOutdated),
        _ if state.session.persistence.get() == Persistence::Refused => {
            Some(Text::StoragePersistRefused)
        }
        _ => None,
    };
    move || {
        message().map(|key| {
            view! {
                <div class="alert alert-warning" role="alert" data-testid="storage-banner">
                    <span>{state.text(key)}</span>
                    " "
                    <a class="button button-small" href=Page::Data.href()>
                        {state.text(Text::ExportButton)}
                    </a>
                    {(key == Text::StorageOutdated)
                        .then(|| {
                            view! {
                                " "
                                <button
                                    type="button"
                                    class="button button-small button-secondary"
                                    data-testid="storage-banner-reload"
                                    on:click=move |_| {
                                        let _ = window().location().reload();
                                    }
                                >
                                    {state.text(Text::ReloadPage)}
                                </button>
                            }
                        })}
                    {(key == Text::StoragePersistRefused)
                        .then(|| {
                            view! {
                                " "
                                <button
                                    type="button"
                                    class="button button-small button-quiet"
                                    data-testid="storage-banner-dismiss"
                                    on:click=move |_| {
                                        state.session.persistence.set(Persistence::Acknowledged)
                                    }
                                >
                                    {state.text(Text::Dismiss)}
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}
