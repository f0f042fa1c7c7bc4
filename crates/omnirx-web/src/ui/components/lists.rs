//! Keyed lists with one compiled copy each. Leptos' `<For>` is compiled once per use (its item,
//! key and row types are generic), about 4.7 KB of wasm each time; these two wrappers fix the
//! types, so every list of the app shares two copies. Rows read their own data reactively.

use leptos::prelude::*;

/// Rows `0..count`, keyed by position: row `i` reads item `i` itself, so an edit redraws only
/// what the row shows, and removing an item redraws the rows after it.
#[component]
pub fn IndexedRows(
    #[prop(into)] count: Signal<usize>,
    row: Callback<usize, AnyView>,
) -> impl IntoView {
    view! {
        <For
            each=move || 0..count.get()
            key=|index: &usize| *index
            children=move |index| row.run(index)
        />
    }
}

/// Rows keyed by text: a row is drawn once per key and kept while its key stays. A key should
/// hold everything the row shows (e.g. `id` and name joined by [`KEY_SEPARATOR`]), so a changed
/// item is a new row.
#[component]
pub fn KeyedRows(
    #[prop(into)] keys: Signal<Vec<String>>,
    row: Callback<String, AnyView>,
) -> impl IntoView {
    view! {
        <For
            each=move || keys.get()
            key=|key: &String| key.clone()
            children=move |key| row.run(key)
        />
    }
}

/// Joins the parts of a key (a character no name holds).
pub const KEY_SEPARATOR: char = '\u{1f}';

/// A key from its parts.
pub fn key_of(parts: &[&str]) -> String {
    parts.join(&KEY_SEPARATOR.to_string())
}

/// The parts of a key.
pub fn parts_of(key: &str) -> Vec<&str> {
    key.split(KEY_SEPARATOR).collect()
}

/// Keys of (value, label) pairs, such as a select's options.
pub fn pair_keys(pairs: Vec<(String, String)>) -> Vec<String> {
    pairs
        .iter()
        .map(|(value, label)| key_of(&[value, label]))
        .collect()
}

/// The (value, label) pair of a key made by [`pair_keys`].
pub fn pair_of(key: &str) -> (String, String) {
    let parts = parts_of(key);
    (
        parts.first().copied().unwrap_or_default().to_string(),
        parts.get(1).copied().unwrap_or_default().to_string(),
    )
}
