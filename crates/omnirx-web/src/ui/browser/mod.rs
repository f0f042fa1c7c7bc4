//! The few browser facts the UI reads and writes outside IndexedDB: language, location, clock.
//!
//! Every call tolerates a missing `window` or a refused `localStorage` (private mode, file://),
//! because the app must still work in memory when the browser withholds them.

pub mod channel;
pub mod export;
pub mod offline;
pub mod worker;

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::i18n::Language;

/// The key of the remembered UI language in `localStorage`.
pub const LANGUAGE_STORAGE_KEY: &str = "omnirx.language";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language remembered from an earlier visit, if any.
pub fn stored_language() -> Option<Language> {
    let stored = local_storage()?
        .get_item(LANGUAGE_STORAGE_KEY)
        .ok()
        .flatten()?;
    Language::from_stored_tag(&stored)
}

/// Remembers the chosen language. Failing to remember is not worth bothering the user with:
/// the choice still holds for this visit.
pub fn store_language(language: Language) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_STORAGE_KEY, language.tag());
    }
}

/// The key of the journey map that was open last, so that a reload reopens it.
pub const OPEN_JOURNEY_STORAGE_KEY: &str = "omnirx.open-journey";

/// A small text remembered in `localStorage` under `key`, if any.
pub fn stored_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Remembers `value` under `key`; like the language, a refusal only costs the convenience.
pub fn store_text(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's preferred language tags, most preferred first.
pub fn browser_language_tags() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}

/// The language for this visit: the remembered choice, else the browser's preference.
pub fn initial_language() -> Language {
    stored_language().unwrap_or_else(|| {
        let tags = browser_language_tags();
        Language::from_browser_tags(tags.iter().map(String::as_str))
    })
}

/// Tells the document which language it is in, for screen readers, fonts and hyphenation.
pub fn set_document_language(language: Language) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", language.tag());
    }
}

/// The current URL fragment, e.g. `#/funnels`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// Today's date in the device's time zone, read from the browser clock.
pub fn today() -> CalendarDate {
    let now = js_sys::Date::new_0();
    CalendarDate::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or(CalendarDate {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Sets a performance mark (the bench reads them: progress messages of the import worker).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Adds a performance measure `name` from the mark `start` to now (read by `./x bench`).
pub fn measure_since(name: &str, start: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.measure_with_start_mark(name, start);
    }
}

/// Runs `work` between two performance marks, so that its duration appears in the browser's
/// performance timeline as a measure named `name` (read by `./x bench`, visible in DevTools).
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|window| window.performance());
    let start_mark = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start_mark);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start_mark);
        mark_wasm_memory();
    }
    result
}

/// Records the size of the wasm linear memory as the detail of an `omnirx:wasm-memory` mark. The
/// memory never shrinks, so the latest mark is the peak so far: `./x bench` reports it after an
/// import without the page having to expose the memory itself.
pub fn mark_wasm_memory() {
    use wasm_bindgen::JsCast;
    let Some(performance) = web_sys::window().and_then(|window| window.performance()) else {
        return;
    };
    let Ok(memory) = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>() else {
        return;
    };
    let bytes = memory
        .buffer()
        .dyn_into::<js_sys::ArrayBuffer>()
        .map(|buffer| buffer.byte_length())
        .unwrap_or_default();
    // `performance.mark(name, {detail})`, called by name: web-sys has no stable binding for the options.
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"detail".into(),
        &wasm_bindgen::JsValue::from_f64(bytes as f64),
    );
    let mark = js_sys::Reflect::get(&performance, &"mark".into())
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok());
    if let Some(mark) = mark {
        let _ = mark.call2(&performance, &"omnirx:wasm-memory".into(), &options);
    }
}

/// Marks `name` in the performance timeline in the first animation frame in which every element
/// matched by `selectors` is in the page, once per page load. `./x bench` measures cold start as
/// navigation start to `omnirx:overview-drawn`; the page is polled rather than told, so that the
/// parts drawn late on purpose (the funnel headline, the segment chart) are waited for as they are.
pub fn mark_when_drawn(name: &'static str, selectors: &'static [&'static str]) {
    fn check(name: &'static str, selectors: &'static [&'static str], frames_left: u32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let (Some(performance), Some(document)) = (window.performance(), window.document()) else {
            return;
        };
        if performance.get_entries_by_name(name).length() > 0 {
            return;
        }
        let all_drawn = selectors
            .iter()
            .all(|selector| matches!(document.query_selector(selector), Ok(Some(_))));
        if all_drawn {
            let _ = performance.mark(name);
        } else if frames_left > 0 {
            leptos::prelude::request_animation_frame(move || {
                check(name, selectors, frames_left - 1)
            });
        }
    }
    // About a minute at 60 frames a second: long enough for a large workspace.
    leptos::prelude::request_animation_frame(move || check(name, selectors, 3_600));
}

/// Moves `stage` one step on once the current step has been painted (a task queued from the next
/// animation frame runs after that frame's paint), until `last`: a page drawn in steps, no step
/// holding the thread long. A chain stops when the stage was moved under it (a newer chain runs,
/// or the page was drawn whole) or its page is gone.
pub fn advance_after_paint(stage: leptos::prelude::RwSignal<u8>, last: u8) {
    use leptos::prelude::*;
    let Some(from) = stage.try_get_untracked() else {
        return;
    };
    request_animation_frame(move || {
        set_timeout(
            move || {
                if stage.try_get_untracked() != Some(from) {
                    return;
                }
                stage.set(from + 1);
                if from + 1 < last {
                    advance_after_paint(stage, last);
                }
            },
            std::time::Duration::ZERO,
        )
    });
}

/// Removes the "Loading…" placeholder that `index.html` shows until the wasm has started.
pub fn remove_boot_placeholder() {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("boot"))
    {
        element.remove();
    }
}

/// Offers `text` to the user as a downloaded file named `file_name`.
pub fn download_text(file_name: &str, text: &str, mime_type: &str) -> Result<(), String> {
    download_blob(
        file_name,
        gloo_file::Blob::new_with_options(text, Some(mime_type)),
    )
}

/// Resolves once the next frame has been painted (an animation frame, then a task), so that a
/// state set before a long computation is on screen while it runs.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                },
                std::time::Duration::ZERO,
            );
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task of its own, queued at once (a message to itself: no timer, so no 4 ms
/// clamp after a few nested waits): long work done a slice per task lets the page draw and
/// answer between slices.
pub async fn next_task() {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.unchecked_ref()));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `N` bytes from the browser's cryptographic random source (`crypto.getRandomValues`).
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Offers `bytes` to the user as a downloaded file named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime_type: &str) -> Result<(), String> {
    download_blob(
        file_name,
        gloo_file::Blob::new_with_options(bytes, Some(mime_type)),
    )
}

fn download_blob(file_name: &str, blob: gloo_file::Blob) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    // Revoked when dropped, after the click has started the download.
    let url = gloo_file::ObjectUrl::from(blob);
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Reads a file the user picked, whole, in 8 MB slices: reading it in one piece would hold a second
/// full copy in JavaScript memory while it is copied into wasm, a quarter of a gigabyte for a
/// large workspace.
pub async fn read_file_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    const SLICE: f64 = 8.0 * 1024.0 * 1024.0;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let slice = file
            .slice_with_f64_and_f64(start, end)
            .map_err(|_| "the browser could not read the file".to_string())?;
        let buffer = wasm_bindgen_futures::JsFuture::from(slice.array_buffer())
            .await
            .map_err(|_| "the browser could not read the file".to_string())?;
        bytes.extend_from_slice(&js_sys::Uint8Array::new(&buffer).to_vec());
        start = end;
    }
    Ok(bytes)
}

/// A `File` named `name` holding `bytes` (copied out of wasm memory), to hand to the worker.
pub fn file_of_bytes(bytes: &[u8], name: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).ok()
}

/// Whether the window is phone-width (the CSS breakpoint of 640 px), followed through resizes and
/// rotations; false where the browser cannot tell.
pub fn use_phone_width() -> leptos::prelude::ReadSignal<bool> {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let query = web_sys::window()
        .and_then(|window| window.match_media("(max-width: 640px)").ok().flatten());
    let (narrow, set_narrow) = signal(query.as_ref().is_some_and(web_sys::MediaQueryList::matches));
    if let Some(query) = query {
        let listener = gloo_events::EventListener::new(&query, "change", move |event| {
            if let Some(query) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::MediaQueryList>().ok())
            {
                set_narrow.set(query.matches());
            }
        });
        // Dropping the listener removes it: that happens with the component.
        let kept = StoredValue::new_local(Some(listener));
        on_cleanup(move || kept.set_value(None));
    }
    narrow
}
