//! The passphrase field of the Data page's cards: export (typed twice), import and merge.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;

/// A passphrase field that writes into `value`; `autocomplete` is "new-password" where one is
/// chosen, "off" where one is typed to open a file.
#[component]
pub(super) fn PassphraseInput(
    label: Text,
    test_id: &'static str,
    value: RwSignal<String>,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="control">
            <span class="control-label">{state.tr(label)}</span>
            <input
                type="password"
                autocomplete=autocomplete
                data-testid=test_id
                on:input=move |event| value.set(event_target_value(&event))
            />
        </label>
    }
}
