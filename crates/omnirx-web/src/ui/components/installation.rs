//! Offline use in the frame: a badge while the network is gone, the install button where the
//! browser offers one, and the notice of a new version (or that offline use needs https here).

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;

/// "Offline" in the header while the network is gone; everything keeps working.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let state = use_app_state();
    let installation = state.installation;
    view! {
        <Show when=move || !installation.online.get()>
            <span
                class="badge badge-offline"
                role="status"
                data-testid="offline-badge"
                title=state.tr(Text::OfflineHint)
            >
                {state.tr(Text::OfflineBadge)}
            </span>
        </Show>
    }
}

/// "Install" where the browser allows it (it says so with `beforeinstallprompt`).
#[component]
pub fn InstallButton() -> impl IntoView {
    let state = use_app_state();
    let installation = state.installation;
    view! {
        <Show when=move || installation.can_install.get()>
            <button
                type="button"
                class="button button-small button-secondary header-install"
                data-testid="install-app"
                on:click=move |_| installation.install()
            >
                {state.tr(Text::InstallApp)}
            </button>
        </Show>
    }
}

/// "A new version is ready — reload", or once on plain http that offline use needs https.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    let installation = state.installation;
    view! {
        <Show when=move || installation.update_ready.get()>
            <div class="alert alert-info" role="status" data-testid="update-banner">
                <span>{state.tr(Text::UpdateReady)}</span>
                " "
                <button
                    type="button"
                    class="button button-small"
                    data-testid="update-reload"
                    on:click=move |_| installation.update()
                >
                    {state.tr(Text::UpdateReload)}
                </button>
            </div>
        </Show>
        <Show when=move || installation.https_needed.get()>
            <div class="alert alert-info" role="status" data-testid="https-notice">
                <span>{state.tr(Text::OfflineNeedsHttps)}</span>
                " "
                <button
                    type="button"
                    class="button button-small button-quiet"
                    data-testid="https-notice-dismiss"
                    on:click=move |_| installation.dismiss_https_notice()
                >
                    {state.tr(Text::Dismiss)}
                </button>
            </div>
        </Show>
    }
}
