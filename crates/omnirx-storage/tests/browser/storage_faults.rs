//! Storage faults in the real browser: a connection closed from outside, a transaction aborted
//! half way, a save over a revision another tab wrote, an upgrade by a newer app version.

use std::cell::Cell;
use std::rc::Rc;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::Workspace;
use omnirx_storage::{Database, Expected, StorageError};
use wasm_bindgen_test::*;

fn tiny(seed: u64) -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        seed,
        DataLanguage::English,
    ))
}

/// A database of its own for each test, so that tests never see each other's records.
async fn fresh_database(label: &str) -> Database {
    let name = format!("omnirx-test-{label}-{}", js_sys::Date::now());
    Database::open_named(&name, 1)
        .await
        .expect("IndexedDB opens")
}

fn run_script(source: &str) {
    js_sys::Function::new_no_args(source)
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("the script runs");
}

/// From now on, every transaction is aborted right after its `writes`-th `put` is issued, as a
/// browser does when a write fails (quota, I/O error) part way through a save.
fn abort_transactions_after_puts(writes: usize) {
    run_script(&format!(
        "const original = window.__omnirxOriginalPut || IDBObjectStore.prototype.put;
         window.__omnirxOriginalPut = original;
         const counts = new WeakMap();
         IDBObjectStore.prototype.put = function (...values) {{
             const request = original.apply(this, values);
             const count = (counts.get(this.transaction) || 0) + 1;
             counts.set(this.transaction, count);
             if (count === {writes}) {{ this.transaction.abort(); }}
             return request;
         }};"
    ));
}

fn restore_puts() {
    run_script(
        "if (window.__omnirxOriginalPut) {
             IDBObjectStore.prototype.put = window.__omnirxOriginalPut;
         }",
    );
}

#[wasm_bindgen_test]
async fn a_transaction_aborted_after_n_writes_leaves_no_partial_records() {
    let database = fresh_database("abort").await;
    let stored = tiny(11);
    let stored_revision = database
        .save("w", &stored, 1.0, true, Expected::Anything)
        .await
        .unwrap();
    let before = database.digest().await.unwrap();
    let mut replacement = tiny(12);
    replacement.settings.name = "Replacement".into();
    // A whole save puts every record, then the summary, then the last-opened preference.
    let whole_puts = omnirx_storage::layout::workspace_to_records(&replacement).len() + 2;
    assert!(whole_puts > 10, "only {whole_puts} writes");
    let mut analysis_puts = 1;
    let _ = omnirx_storage::layout::for_each_analysis_record(&replacement, |_| {
        analysis_puts += 1;
        Ok::<(), ()>(())
    });
    let mut cases: Vec<(&str, usize)> = [1, 2, whole_puts / 2, whole_puts - 1, whole_puts]
        .into_iter()
        .map(|writes| ("whole", writes))
        .collect();
    cases.extend((1..=analysis_puts).map(|writes| ("analyses", writes)));
    for (save, writes) in cases {
        abort_transactions_after_puts(writes);
        let outcomes = if save == "whole" {
            vec![
                database
                    .save(
                        "w",
                        &replacement,
                        2.0,
                        true,
                        Expected::Revision(stored_revision),
                    )
                    .await,
                database
                    .save("w-new", &replacement, 2.0, true, Expected::Anything)
                    .await,
            ]
        } else {
            vec![
                database
                    .save_analyses("w", &replacement, 2.0, Expected::Revision(stored_revision))
                    .await,
            ]
        };
        restore_puts();
        for outcome in outcomes {
            assert!(
                matches!(outcome, Err(StorageError::Other(_))),
                "a {save} save aborted after {writes} writes gave {outcome:?}"
            );
        }
        assert_eq!(
            database.digest().await.unwrap(),
            before,
            "a {save} save aborted after {writes} writes left records behind"
        );
    }
    let (loaded, revision) = database.load_with_revision("w").await.unwrap();
    assert!(loaded == stored, "the stored workspace changed");
    assert_eq!(revision, stored_revision);
    // And once the fault is gone, saving works again, as a new revision.
    let saved = database
        .save(
            "w",
            &replacement,
            3.0,
            true,
            Expected::Revision(stored_revision),
        )
        .await;
    assert!(
        matches!(saved, Ok(new) if new != stored_revision),
        "{saved:?}"
    );
}

#[wasm_bindgen_test]
async fn a_connection_closed_from_outside_is_opened_again_once_and_the_save_lands() {
    let database = fresh_database("closed").await;
    let first = tiny(21);
    let first_revision = database
        .save("w", &first, 1.0, true, Expected::Anything)
        .await
        .unwrap();
    database.close_as_if_from_outside();
    let mut second = first.clone();
    second.settings.name = "Saved after the connection was closed".into();
    let revision = database
        .save_settings("w", &second, 2.0, Expected::Revision(first_revision))
        .await
        .expect("the save after a close from outside");
    assert_ne!(revision, first_revision);
    assert_eq!(database.times_reopened(), 1);
    assert!(database.load("w").await.unwrap() == second);
    // Reads reopen too.
    database.close_as_if_from_outside();
    assert!(database
        .list()
        .await
        .unwrap()
        .iter()
        .any(|summary| summary.id == "w"));
    assert_eq!(database.times_reopened(), 2);
}

#[wasm_bindgen_test]
async fn a_save_over_a_revision_another_tab_wrote_is_refused_and_changes_nothing() {
    let name = format!("omnirx-test-tabs-{}", js_sys::Date::now());
    let first_tab = Database::open_named(&name, 1).await.unwrap();
    let second_tab = Database::open_named(&name, 1).await.unwrap();
    let workspace = tiny(31);
    let first_revision = first_tab
        .save("w", &workspace, 1.0, true, Expected::Anything)
        .await
        .unwrap();
    let (mut seen_by_second, revision) = second_tab.load_with_revision("w").await.unwrap();
    assert_eq!(revision, first_revision);

    let mut edited_by_first = workspace.clone();
    edited_by_first.settings.name = "Edited in the first tab".into();
    assert!(first_tab
        .save_settings(
            "w",
            &edited_by_first,
            2.0,
            Expected::Revision(first_revision)
        )
        .await
        .is_ok());
    let after_first = first_tab.digest().await.unwrap();

    seen_by_second.settings.name = "Edited in the second tab".into();
    for outcome in [
        second_tab
            .save_settings(
                "w",
                &seen_by_second,
                3.0,
                Expected::Revision(first_revision),
            )
            .await,
        second_tab
            .save_analyses(
                "w",
                &seen_by_second,
                3.0,
                Expected::Revision(first_revision),
            )
            .await,
        second_tab
            .save(
                "w",
                &seen_by_second,
                3.0,
                true,
                Expected::Revision(first_revision),
            )
            .await,
    ] {
        assert_eq!(outcome, Err(StorageError::Conflict));
    }
    assert_eq!(second_tab.digest().await.unwrap(), after_first);
    assert!(second_tab.load("w").await.unwrap() == edited_by_first);
}

#[wasm_bindgen_test]
async fn an_upgrade_by_a_newer_app_stops_this_tab_writing_and_never_hangs_the_new_one() {
    let name = format!("omnirx-test-outdated-{}", js_sys::Date::now());
    let old_tab = Database::open_named(&name, 1).await.unwrap();
    old_tab
        .save("w", &tiny(41), 1.0, true, Expected::Anything)
        .await
        .unwrap();
    let told = Rc::new(Cell::new(false));
    old_tab.when_outdated({
        let told = told.clone();
        move || told.set(true)
    });
    let new_tab = Database::open_named(&name, 2).await;
    assert!(
        new_tab.is_ok(),
        "the newer version waited or failed: {new_tab:?}"
    );
    assert!(told.get(), "the old tab was not told");
    assert!(old_tab.is_outdated());
    assert_eq!(
        old_tab
            .save("w", &tiny(42), 2.0, true, Expected::Anything)
            .await,
        Err(StorageError::Outdated)
    );
    // Reloaded, an old build meets a database newer than it knows: it says so.
    assert_eq!(
        Database::open_named(&name, 1).await.unwrap_err(),
        StorageError::Outdated
    );
    // The newer tab has the data the old one wrote.
    assert!(new_tab.unwrap().load("w").await.unwrap() == tiny(41));
}
