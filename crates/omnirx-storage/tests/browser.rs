//! Browser tests (wasm-bindgen-test in headless Chromium) for the IndexedDB storage: saves and
//! loads, bad files that never change what is stored, faults and upgrades.
//!
//! Run with `./x test`, or `cargo test -p omnirx-storage --target wasm32-unknown-unknown --test browser`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

use omnirx_testkit::bad_files;

mod storage {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::workspace_file::import_workspace;
    use omnirx_storage::{Database, Expected};

    use crate::bad_files;
    use wasm_bindgen_test::*;

    fn tiny(seed: u64) -> omnirx_core::domain::model::Workspace {
        generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Tiny,
            seed,
            DataLanguage::English,
        ))
    }

    #[wasm_bindgen_test]
    async fn a_saved_workspace_loads_back_equal_and_is_listed() {
        let database = Database::open().await.expect("IndexedDB opens");
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Demo,
            2026,
            DataLanguage::Chinese,
        ));
        database
            .save("test-demo", &workspace, 1.0, true, Expected::Anything)
            .await
            .expect("saved");
        let loaded = database.load("test-demo").await.expect("loaded");
        assert!(
            loaded == workspace,
            "the loaded workspace differs from the saved one"
        );
        assert_eq!(
            database.last_opened().await.unwrap().as_deref(),
            Some("test-demo")
        );
        let summaries = database.list().await.unwrap();
        let summary = summaries
            .iter()
            .find(|summary| summary.id == "test-demo")
            .expect("listed");
        assert_eq!(summary.hcps, 1_500);
        database.delete("test-demo").await.unwrap();
        assert!(database.load("test-demo").await.is_err());
        assert!(!database
            .list()
            .await
            .unwrap()
            .iter()
            .any(|summary| summary.id == "test-demo"));
    }

    /// Reopening reads a record per task: the thread is free between records (a timer set at
    /// the first record runs before the last one is read), and progress counts every record.
    #[wasm_bindgen_test]
    async fn a_workspace_is_read_a_record_per_task_with_progress() {
        use std::cell::RefCell;
        use std::rc::Rc;
        use wasm_bindgen::JsCast;

        let database = Database::open().await.expect("IndexedDB opens");
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Demo,
            7,
            DataLanguage::English,
        ));
        database
            .save("test-slices", &workspace, 1.0, false, Expected::Anything)
            .await
            .expect("saved");
        let records = omnirx_storage::layout::workspace_to_records(&workspace).len();
        let seen: Rc<RefCell<Vec<(usize, usize)>>> = Rc::default();
        // The record count when a timer set at the first record ran (none: it never ran).
        let timer_ran_at: Rc<RefCell<Option<usize>>> = Rc::default();
        let on_progress = {
            let seen = Rc::clone(&seen);
            let timer_ran_at = Rc::clone(&timer_ran_at);
            move |done: usize, total: usize| {
                seen.borrow_mut().push((done, total));
                if done == 1 {
                    let (seen, timer_ran_at) = (Rc::clone(&seen), Rc::clone(&timer_ran_at));
                    let timer = wasm_bindgen::closure::Closure::once_into_js(move || {
                        *timer_ran_at.borrow_mut() = Some(seen.borrow().len());
                    });
                    web_sys::window()
                        .unwrap()
                        .set_timeout_with_callback(timer.unchecked_ref())
                        .unwrap();
                }
            }
        };
        let (loaded, _) = database
            .load_with_progress("test-slices", on_progress)
            .await
            .expect("loaded");
        assert!(loaded == workspace, "the workspace read in slices differs");
        let seen = seen.borrow().clone();
        assert!(records > 20, "the demo is stored in {records} records");
        assert_eq!(seen.len(), records);
        assert_eq!(seen.last(), Some(&(records, records)));
        assert!(seen.iter().enumerate().all(|(i, (done, _))| *done == i + 1));
        let ran_at = timer_ran_at
            .borrow()
            .expect("the timer ran during the read");
        assert!(
            ran_at < records,
            "the timer waited for the whole read ({ran_at} of {records} records)"
        );
        database.delete("test-slices").await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn replacing_a_workspace_leaves_no_trace_of_the_old_one_and_touches_no_other() {
        let database = Database::open().await.unwrap();
        let first = tiny(1);
        let mut bigger = tiny(2);
        bigger.interactions.extend(
            tiny(3)
                .interactions
                .into_iter()
                .filter(|i| bigger.hcps.iter().any(|h| h.id == i.hcp_id)),
        );
        database
            .save("test-other", &first, 1.0, false, Expected::Anything)
            .await
            .unwrap();
        database
            .save("test-replace", &bigger, 1.0, false, Expected::Anything)
            .await
            .unwrap();
        database
            .save("test-replace", &first, 2.0, false, Expected::Anything)
            .await
            .unwrap();
        assert!(database.load("test-replace").await.unwrap() == first);
        assert!(database.load("test-other").await.unwrap() == first);
        database.delete("test-replace").await.unwrap();
        database.delete("test-other").await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn saving_the_analyses_replaces_funnels_and_leaves_the_data_alone() {
        let database = Database::open().await.unwrap();
        let mut workspace = tiny(4);
        database
            .save("test-analyses", &workspace, 1.0, false, Expected::Anything)
            .await
            .unwrap();
        // Two funnels, then one: no chunk of the old list may survive.
        let mut second = workspace.funnels[0].clone();
        second.id = "f-second".into();
        workspace.funnels.push(second);
        database
            .save_analyses("test-analyses", &workspace, 2.0, Expected::Anything)
            .await
            .unwrap();
        assert_eq!(
            database.load("test-analyses").await.unwrap().funnels.len(),
            2
        );
        workspace.funnels.remove(0);
        workspace.funnels[0].window.amount = 90;
        // Data changed in memory but saved as an analysis edit must not reach storage.
        let stored_interactions = workspace.interactions.len();
        let mut with_unsaved_data = workspace.clone();
        with_unsaved_data.interactions.clear();
        database
            .save_analyses("test-analyses", &with_unsaved_data, 3.0, Expected::Anything)
            .await
            .unwrap();
        let loaded = database.load("test-analyses").await.unwrap();
        assert_eq!(loaded.funnels, workspace.funnels);
        assert_eq!(loaded.interactions.len(), stored_interactions);
        database.delete("test-analyses").await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_saved_plan_and_its_hand_edits_are_stored_with_the_analyses() {
        use omnirx_core::domain::planning::{delete_plan, save_plan, set_saved_planned};
        let database = Database::open().await.unwrap();
        let mut workspace = omnirx_testkit::plans::tiny_demo();
        database
            .save("test-plans", &workspace, 1.0, false, Expected::Anything)
            .await
            .unwrap();
        let plan = omnirx_testkit::plans::tiny_with_a_saved_plan().plans[0].clone();
        save_plan(&mut workspace, plan);
        database
            .save_analyses("test-plans", &workspace, 2.0, Expected::Anything)
            .await
            .unwrap();
        assert!(database.load("test-plans").await.unwrap() == workspace);
        // A hand edit after optimising is stored the same way.
        let row = workspace.plans[0].plan.rows[0].clone();
        let slot = row.cells.iter().position(|c| c.planned > c.min).unwrap();
        let channel = workspace.plans[0].plan.channels[slot].channel_id.clone();
        set_saved_planned(
            &mut workspace,
            "plan-2026-11",
            &row.hcp_id,
            &channel,
            row.cells[slot].min,
        )
        .unwrap();
        database
            .save_analyses("test-plans", &workspace, 3.0, Expected::Anything)
            .await
            .unwrap();
        assert_eq!(
            database.load("test-plans").await.unwrap().plans,
            workspace.plans
        );
        assert!(delete_plan(&mut workspace, "plan-2026-11"));
        database
            .save_analyses("test-plans", &workspace, 4.0, Expected::Anything)
            .await
            .unwrap();
        assert!(database.load("test-plans").await.unwrap().plans.is_empty());
        database.delete("test-plans").await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn bad_files_never_change_what_is_stored() {
        let database = Database::open().await.unwrap();
        database
            .save("test-kept", &tiny(4), 1.0, true, Expected::Anything)
            .await
            .unwrap();
        let before = database.digest().await.unwrap();
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let misplaced_string = format!(
            "{{\"type\":\"omnirx-workspace\",\"version\":1,\"workspace\":\"{}\"}}",
            "x".repeat(50 * 1024 * 1024)
        );
        let mut cases: Vec<(&str, Vec<u8>)> = bad_files::bad_files()
            .into_iter()
            .filter(|file| !file.repaired)
            .map(|file| (file.name, file.bytes))
            .collect();
        cases.push(("deep nesting", deep.into_bytes()));
        cases.push((
            "a 50 MB string in the wrong place",
            misplaced_string.into_bytes(),
        ));
        for (name, bytes) in cases {
            // The app imports exactly like this: parse and check in memory, write only on success.
            assert!(
                import_workspace(&bytes).is_err(),
                "{name}: a bad file was accepted"
            );
            assert_eq!(
                database.digest().await.unwrap(),
                before,
                "{name}: the stored data changed"
            );
        }
        database.delete("test-kept").await.unwrap();
    }
}

#[wasm_bindgen_test]
fn the_demo_is_the_same_workspace_in_the_browser_as_natively() {
    use omnirx_core::domain::model::Workspace;
    use omnirx_core::domain::workspace_file::{export_workspace, import_workspace};
    // The golden file was written natively: the tiny demo of the same seed with a saved plan.
    let native = include_str!("../../omnirx-core/tests/fixtures/workspace-v3.omnirx.json");
    let plans = import_workspace(native.as_bytes())
        .expect("the golden file imports")
        .workspace
        .plans;
    let in_browser = export_workspace(&Workspace {
        plans,
        ..omnirx_testkit::plans::tiny_demo()
    });
    assert!(
        in_browser == native,
        "the wasm build generates another demo than the native one"
    );
}

#[path = "browser/storage_faults.rs"]
mod storage_faults;

mod upgrades {
    use omnirx_storage::{Database, StorageError};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn an_old_connection_of_ours_steps_aside_for_an_upgrade() {
        // A fresh name each run: a database left at version 2 would refuse version 1.
        let name = &format!("omnirx-test-upgrade-polite-{}", js_sys::Date::now());
        let old = Database::open_named(name, 1)
            .await
            .expect("version 1 opens");
        let new = Database::open_named(name, 2).await;
        assert!(new.is_ok(), "the upgrade did not go through: {new:?}");
        drop(old);
    }

    #[wasm_bindgen_test]
    async fn an_upgrade_blocked_by_another_tab_says_so_instead_of_hanging() {
        let name = &format!("omnirx-test-upgrade-blocked-{}", js_sys::Date::now());
        // A connection that, like an old tab of another program, never closes when asked.
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let request = factory.open_with_u32(name, 1).unwrap();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .expect("the stubborn connection opens");
        let stubborn: web_sys::IdbDatabase = request.result().unwrap().dyn_into().unwrap();
        let outcome = Database::open_named(name, 2).await;
        assert_eq!(outcome.unwrap_err(), StorageError::Blocked);
        stubborn.close();
    }
}

/// Database version 2 stores interactions by column; what version 1 stored is read as it was.
mod layout_upgrade {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_storage::layout::{summary_of, workspace_to_records};
    use omnirx_storage::{Database, Expected, DATABASE_VERSION};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;
    use web_sys::{IdbDatabase, IdbTransactionMode};

    async fn finished(request: &web_sys::IdbRequest) {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .expect("the request succeeds");
    }

    /// Waits until `transaction` has committed: a connection closed before that still blocks
    /// an upgrade, which the app reports at once instead of waiting.
    async fn completed(transaction: &web_sys::IdbTransaction) {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            transaction.set_oncomplete(Some(&resolve));
            transaction.set_onerror(Some(&reject));
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .expect("the transaction commits");
    }

    /// The value stored under `[id, part, chunk]`, read without the app's code.
    async fn stored_text(name: &str, key: (&str, &str, u32)) -> String {
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let request = factory.open(name).unwrap();
        finished(&request).await;
        let database: IdbDatabase = request.result().unwrap().dyn_into().unwrap();
        let transaction = database.transaction_with_str("parts").unwrap();
        let store = transaction.object_store("parts").unwrap();
        let key = js_sys::Array::of3(&key.0.into(), &key.1.into(), &key.2.into());
        let read = store.get(&key).unwrap();
        finished(&read).await;
        completed(&transaction).await;
        database.close();
        read.result().unwrap().as_string().unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_workspace_stored_by_version_1_is_read_after_the_upgrade_and_saved_by_column() {
        assert_eq!(DATABASE_VERSION, 2);
        let name = format!("omnirx-test-layout-{}", js_sys::Date::now());
        let workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Demo,
            5,
            DataLanguage::Chinese,
        ));
        assert!(workspace.interactions.len() > 5_000, "more than one chunk");
        // Version 1's records, written as version 1 wrote them: interactions as lists of objects.
        let old = Database::open_named(&name, 1).await.unwrap();
        old.close_as_if_from_outside();
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let request = factory.open_with_u32(&name, 1).unwrap();
        finished(&request).await;
        let database: IdbDatabase = request.result().unwrap().dyn_into().unwrap();
        let stores = js_sys::Array::of2(&"parts".into(), &"workspaces".into());
        let transaction = database
            .transaction_with_str_sequence_and_mode(&stores, IdbTransactionMode::Readwrite)
            .unwrap();
        let parts = transaction.object_store("parts").unwrap();
        for record in workspace_to_records(&workspace) {
            let json = if record.part == "interactions" {
                let chunk = record.chunk as usize * omnirx_storage::layout::CHUNK_SIZE;
                let end =
                    (chunk + omnirx_storage::layout::CHUNK_SIZE).min(workspace.interactions.len());
                serde_json::to_string(&workspace.interactions[chunk..end]).unwrap()
            } else {
                record.json
            };
            let key = js_sys::Array::of3(&"old".into(), &record.part.into(), &record.chunk.into());
            parts.put_with_key(&JsValue::from_str(&json), &key).unwrap();
        }
        let summary = serde_json::to_string(&summary_of("old", &workspace, 1.0, 7)).unwrap();
        let last = transaction
            .object_store("workspaces")
            .unwrap()
            .put_with_key(&JsValue::from_str(&summary), &"old".into())
            .unwrap();
        finished(&last).await;
        completed(&transaction).await;
        database.close();
        assert!(stored_text(&name, ("old", "interactions", 0))
            .await
            .starts_with("[{"));

        // Version 2 opens it, reads it whole, and writes it back by column.
        let database = Database::open_named(&name, DATABASE_VERSION).await.unwrap();
        let (loaded, revision) = database.load_with_revision("old").await.unwrap();
        assert_eq!(revision, 7);
        assert!(loaded == workspace, "version 1's records read differently");
        database
            .save("old", &loaded, 2.0, false, Expected::Revision(7))
            .await
            .unwrap();
        assert!(database.load("old").await.unwrap() == workspace);
        database.close_as_if_from_outside();
        let by_column = stored_text(&name, ("old", "interactions", 1)).await;
        assert!(
            by_column.starts_with(r#"{"texts":["#),
            "{}",
            &by_column[..80]
        );
    }
}

mod speed {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_storage::{Database, Expected};
    use wasm_bindgen_test::*;

    fn median(mut times: Vec<f64>) -> f64 {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    }

    /// Not a budget, a figure: the median time of a whole save and a whole load of the `demo`
    /// workspace, and of a small settings save, printed for comparing storage implementations
    /// (`-- --nocapture`). Building the records alone is timed too, to tell the IndexedDB part of a
    /// save from the serialisation.
    #[wasm_bindgen_test]
    async fn saving_and_loading_the_demo_workspace_is_timed() {
        let name = format!("omnirx-test-speed-{}", js_sys::Date::now());
        let database = Database::open_named(&name, 1).await.unwrap();
        let mut workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Demo,
            2026,
            DataLanguage::Chinese,
        ));
        let (mut records, mut saves, mut loads, mut settings) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut revision = 0;
        for _ in 0..9 {
            let start = js_sys::Date::now();
            let built = omnirx_storage::layout::workspace_to_records(&workspace);
            records.push(js_sys::Date::now() - start);
            drop(built);
            let start = js_sys::Date::now();
            revision = database
                .save("w", &workspace, 1.0, true, Expected::Anything)
                .await
                .unwrap();
            saves.push(js_sys::Date::now() - start);
            let start = js_sys::Date::now();
            let loaded = database.load("w").await.unwrap();
            loads.push(js_sys::Date::now() - start);
            assert!(loaded == workspace);
        }
        for round in 0..30 {
            workspace.settings.name = format!("Renamed {round}");
            let start = js_sys::Date::now();
            revision = database
                .save_settings("w", &workspace, 2.0, Expected::Revision(revision))
                .await
                .unwrap();
            settings.push(js_sys::Date::now() - start);
        }
        console_log!(
            "speed of the demo workspace ({} interactions), medians: records built {} ms, saved {} ms, loaded {} ms; a settings save {} ms",
            workspace.interactions.len(),
            median(records),
            median(saves),
            median(loads),
            median(settings)
        );
    }
}
