//! Browser tests (wasm-bindgen-test in headless Chromium) for the UI's browser glue: the
//! remembered language, the document language and the clock.
//!
//! Run with `./x test`, or `cargo test -p omnirx-web --target wasm32-unknown-unknown --test browser`.

#![cfg(target_arch = "wasm32")]

use omnirx_core::i18n::Language;
use omnirx_web::ui::browser;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear_stored_language() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(browser::LANGUAGE_STORAGE_KEY)
        .unwrap();
}

#[wasm_bindgen_test]
fn the_chosen_language_is_remembered_in_local_storage() {
    clear_stored_language();
    assert_eq!(browser::stored_language(), None);
    for language in Language::ALL {
        browser::store_language(language);
        assert_eq!(browser::stored_language(), Some(language));
        assert_eq!(browser::initial_language(), language);
    }
    clear_stored_language();
}

#[wasm_bindgen_test]
fn a_tampered_preference_is_ignored_in_favour_of_the_browser_language() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(browser::LANGUAGE_STORAGE_KEY, "<script>")
        .unwrap();
    assert_eq!(browser::stored_language(), None);
    let tags = browser::browser_language_tags();
    assert!(!tags.is_empty(), "the browser reports no language");
    let expected = Language::from_browser_tags(tags.iter().map(String::as_str));
    assert_eq!(browser::initial_language(), expected);
    clear_stored_language();
}

#[wasm_bindgen_test]
fn the_document_language_follows_the_choice() {
    browser::set_document_language(Language::SimplifiedChinese);
    let root = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("zh-CN"));
    browser::set_document_language(Language::English);
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
fn today_is_a_real_date_from_the_browser_clock() {
    let today = browser::today();
    let now = js_sys::Date::new_0();
    assert_eq!(today.year, now.get_full_year() as i32);
    assert!(today.year >= 2024, "the clock reads {today:?}");
}

/// Waits `ms` milliseconds, letting the browser deliver events meanwhile.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_workspace_written_by_one_tab_is_announced_to_the_others() {
    use std::cell::RefCell;
    use std::rc::Rc;
    // Two ends of the channel in one page stand for two tabs: a channel never hears itself.
    let heard = Rc::new(RefCell::new(Vec::new()));
    let listening = browser::channel::ChangeChannel::join({
        let heard = heard.clone();
        move |id| heard.borrow_mut().push(id)
    })
    .expect("the browser has BroadcastChannel");
    let writing = browser::channel::ChangeChannel::join(|_| {}).unwrap();
    writing.announce("w-1");
    writing.announce("w-2");
    sleep(200).await;
    assert_eq!(*heard.borrow(), ["w-1", "w-2"]);
    listening.announce("w-3");
    sleep(200).await;
    assert_eq!(heard.borrow().len(), 2, "a channel heard its own message");
}
