//! Sharing (docs/sharing.md): a subset that validates and keeps exactly what it says, an
//! anonymised copy in which no original name, id or note survives, and encrypted files that open
//! with their passphrase only and tell a wrong passphrase from a damaged file.

use std::collections::{BTreeMap, HashSet};

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::Workspace;
use omnirx_core::domain::sharing::anonymise::{anonymise, months_back};
use omnirx_core::domain::sharing::envelope::{is_encrypted, open, seal, OpenError};
use omnirx_core::domain::sharing::subset::{subset, SubsetChoice};
use omnirx_core::domain::time::{Month, Timestamp};
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace, validate_workspace};

fn demo(language: DataLanguage) -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(DemoScale::Tiny, 7, language))
}

/// Every string value of a JSON document.
fn strings(value: &serde_json::Value, into: &mut HashSet<String>) {
    match value {
        serde_json::Value::String(text) => {
            into.insert(text.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                into.insert(key.clone());
                strings(v, into);
            }
        }
        _ => {}
    }
}

fn local_date(workspace: &Workspace, at: Timestamp) -> CalendarDate {
    let offset =
        omnirx_core::domain::time_zone::fixed_utc_offset_seconds(&workspace.settings.time_zone)
            .unwrap_or(0);
    Timestamp(at.0 + offset).date()
}

#[test]
fn a_subset_keeps_what_it_says_and_nothing_dangles() {
    let workspace = demo(DataLanguage::English);
    let region = workspace.regions[0].id.clone();
    let from = CalendarDate::new(2026, 6, 1).unwrap();
    let to = CalendarDate::new(2026, 9, 30).unwrap();
    let choice = SubsetChoice {
        regions: vec![region.clone()],
        from: Some(from),
        to: Some(to),
        ..SubsetChoice::default()
    };
    let part = subset(&workspace, &choice);
    assert!(
        validate_workspace(&part).is_valid(),
        "{:?}",
        validate_workspace(&part).problems
    );
    // Hand-counted from the whole workspace with the rules of docs/sharing.md.
    let accounts: HashSet<&str> = workspace
        .accounts
        .iter()
        .filter(|a| a.region_id == region)
        .map(|a| a.id.as_str())
        .collect();
    let hcps: HashSet<&str> = workspace
        .hcps
        .iter()
        .filter(|h| accounts.contains(h.account_id.as_str()))
        .map(|h| h.id.as_str())
        .collect();
    let reps: HashSet<&str> = workspace
        .reps
        .iter()
        .filter(|r| r.region_id == region)
        .map(|r| r.id.as_str())
        .collect();
    let interactions = workspace
        .interactions
        .iter()
        .filter(|i| {
            let day = local_date(&workspace, i.at);
            hcps.contains(i.hcp_id.as_str())
                && i.rep_id.as_deref().is_none_or(|r| reps.contains(r))
                && day >= from
                && day <= to
        })
        .count();
    let months = Month::new(2026, 6).unwrap()..=Month::new(2026, 9).unwrap();
    let sales = workspace
        .prescriptions
        .iter()
        .filter(|p| {
            p.hcp_id.as_deref().is_some_and(|h| hcps.contains(h)) && months.contains(&p.period)
        })
        .count();
    assert!(interactions > 0 && sales > 0, "the choice keeps something");
    assert_eq!(part.accounts.len(), accounts.len());
    assert_eq!(part.hcps.len(), hcps.len());
    assert_eq!(part.reps.len(), reps.len());
    assert_eq!(part.interactions.len(), interactions);
    assert_eq!(part.prescriptions.len(), sales);
    assert_eq!(part.regions.len(), 1);
    assert_eq!(
        part.products, workspace.products,
        "the catalogue travels whole"
    );
    assert_eq!(part.funnels, workspace.funnels);
    // The file it makes imports back as it is.
    let file = export_workspace(&part);
    assert_eq!(import_workspace(file.as_bytes()).unwrap().workspace, part);
}

#[test]
fn a_rep_s_subset_holds_the_accounts_they_cover_and_their_own_activity() {
    let workspace = demo(DataLanguage::Chinese);
    let rep = workspace.reps[0].clone();
    let part = subset(
        &workspace,
        &SubsetChoice {
            reps: vec![rep.id.clone()],
            ..SubsetChoice::default()
        },
    );
    assert!(
        validate_workspace(&part).is_valid(),
        "{:?}",
        validate_workspace(&part).problems
    );
    assert_eq!(part.reps, vec![rep.clone()]);
    for account in &part.accounts {
        match &rep.territory_id {
            Some(territory) => assert_eq!(account.territory_id.as_ref(), Some(territory)),
            None => assert_eq!(account.region_id, rep.region_id),
        }
    }
    assert!(!part.interactions.is_empty());
    assert!(part
        .interactions
        .iter()
        .all(|i| i.rep_id.as_deref() == Some(rep.id.as_str())));
    assert!(part
        .targets
        .iter()
        .all(|t| t.rep_id.as_deref() == Some(rep.id.as_str())));
    // Nothing chosen: the whole workspace.
    let whole = subset(&workspace, &SubsetChoice::default());
    assert_eq!(
        Workspace {
            settings: workspace.settings.clone(),
            ..whole
        },
        workspace
    );
}

#[test]
fn an_anonymised_copy_keeps_no_original_name_id_or_note_and_keeps_the_counts() {
    for language in [DataLanguage::Chinese, DataLanguage::English] {
        let mut workspace = demo(language);
        // Notes the demo may not have: every one must go.
        for (index, interaction) in workspace.interactions.iter_mut().enumerate().take(50) {
            interaction.notes = format!("私人备注 {index}: 王主任下周出差");
        }
        let chinese = language == DataLanguage::Chinese;
        let copy = anonymise(&workspace, 42, chinese);
        assert!(
            validate_workspace(&copy).is_valid(),
            "{:?}",
            validate_workspace(&copy).problems
        );
        let file = export_workspace(&copy);
        let mut found = HashSet::new();
        strings(&serde_json::from_str(&file).unwrap(), &mut found);
        let originals = workspace
            .hcps
            .iter()
            .flat_map(|h| [&h.id, &h.name])
            .chain(workspace.accounts.iter().flat_map(|a| [&a.id, &a.name]))
            .chain(workspace.reps.iter().flat_map(|r| [&r.id, &r.name]))
            .chain(workspace.interactions.iter().map(|i| &i.notes))
            .filter(|text| !text.is_empty());
        for original in originals {
            assert!(!found.contains(original), "{original:?} survived");
            // Long texts (notes) must not survive inside another text either.
            if original.chars().count() > 6 {
                assert!(!file.contains(original.as_str()), "{original:?} survived");
            }
        }
        assert_eq!(copy.hcps.len(), workspace.hcps.len());
        assert_eq!(copy.accounts.len(), workspace.accounts.len());
        assert_eq!(copy.reps.len(), workspace.reps.len());
        assert_eq!(copy.interactions.len(), workspace.interactions.len());
        assert_eq!(copy.prescriptions.len(), workspace.prescriptions.len());
        assert_eq!(copy.targets.len(), workspace.targets.len());
        // Each month's count moves back whole: the same counts, months earlier.
        let back = months_back(42);
        let per_month = |w: &Workspace, shift: i64| -> BTreeMap<Month, usize> {
            let mut counts = BTreeMap::new();
            for i in &w.interactions {
                let day = local_date(w, i.at);
                *counts
                    .entry(Month::new(day.year, day.month).unwrap().plus(shift))
                    .or_insert(0) += 1;
            }
            counts
        };
        assert_eq!(per_month(&copy, 0), per_month(&workspace, -back));
        let units = |w: &Workspace, shift: i64| -> BTreeMap<Month, i64> {
            let mut units = BTreeMap::new();
            for p in &w.prescriptions {
                *units.entry(p.period.plus(shift)).or_insert(0) += p.units;
            }
            units
        };
        assert_eq!(units(&copy, 0), units(&workspace, -back));
        // The same seed, the same copy; another seed, other names.
        assert_eq!(anonymise(&workspace, 42, chinese), copy);
        assert_ne!(anonymise(&workspace, 43, chinese).hcps, copy.hcps);
        let has_cjk = copy.hcps[0]
            .name
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert_eq!(
            has_cjk, chinese,
            "pseudonyms in the UI language: {}",
            copy.hcps[0].name
        );
    }
}

const SALT: [u8; 16] = *b"0123456789abcdef";
const NONCE: [u8; 24] = *b"nonce-of-twenty-four-b!!";

#[test]
fn an_encrypted_file_opens_with_its_passphrase_only() {
    let workspace = demo(DataLanguage::Chinese);
    let plain = export_workspace(&workspace);
    let sealed = seal(plain.as_bytes(), "正确的口令 correct horse", &SALT, &NONCE);
    assert!(is_encrypted(sealed.as_bytes()) && !is_encrypted(plain.as_bytes()));
    // Nothing readable, nor the passphrase, is in the file; its parameters are.
    assert!(!sealed.contains(&workspace.hcps[0].name) && !sealed.contains("correct horse"));
    let envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
    assert_eq!(envelope["type"], "omnirx-encrypted");
    assert_eq!(envelope["version"], 1);
    assert_eq!(envelope["kdf"]["name"], "argon2id");
    assert_eq!(envelope["kdf"]["memory_kib"], 19456);
    assert_eq!(envelope["cipher"]["name"], "xchacha20-poly1305");
    let opened = open(sealed.as_bytes(), "正确的口令 correct horse").unwrap();
    assert_eq!(opened, plain.as_bytes());
    assert_eq!(
        import_workspace(&opened).unwrap().workspace,
        import_workspace(plain.as_bytes()).unwrap().workspace
    );
    for wrong in ["", "正确的口令", "正确的口令 correct horse "] {
        assert_eq!(
            open(sealed.as_bytes(), wrong),
            Err(OpenError::WrongPassphrase)
        );
    }
    assert_eq!(open(plain.as_bytes(), "x"), Err(OpenError::NotEncrypted));
}

#[test]
fn a_damaged_or_unknown_envelope_says_so_rather_than_blaming_the_passphrase() {
    let sealed = seal(b"{\"format\": \"omnirx-workspace\"}", "pass", &SALT, &NONCE);
    let mut envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
    let data = envelope["data"].as_str().unwrap().to_string();
    let with = |field: &str, value: serde_json::Value| {
        let mut changed = envelope.clone();
        changed[field] = value;
        serde_json::to_vec(&changed).unwrap()
    };
    // Cut short, or one character changed: damaged.
    let cut = with("data", data[..data.len() - 8].into());
    assert_eq!(open(&cut, "pass"), Err(OpenError::Damaged));
    let mut flipped: Vec<char> = data.chars().collect();
    flipped[10] = if flipped[10] == 'A' { 'B' } else { 'A' };
    let flipped = with("data", flipped.into_iter().collect::<String>().into());
    assert_eq!(open(&flipped, "pass"), Err(OpenError::Damaged));
    // The file cut in the middle of its JSON.
    assert_eq!(
        open(&sealed.as_bytes()[..sealed.len() / 2], "pass"),
        Err(OpenError::NotEncrypted)
    );
    // A later version, or another cipher: not supported by this build.
    assert!(matches!(
        open(&with("version", 2.into()), "pass"),
        Err(OpenError::Unsupported { .. })
    ));
    envelope["cipher"]["name"] = "aes-256-gcm".into();
    assert!(matches!(
        open(&serde_json::to_vec(&envelope).unwrap(), "pass"),
        Err(OpenError::Unsupported { .. })
    ));
}

mod merging {
    use super::*;
    use omnirx_core::domain::sharing::merge::{merge, MergeCounts, Prefer};

    fn counts(merged: &omnirx_core::domain::sharing::merge::Merged, list: &str) -> MergeCounts {
        merged.counts.get(list).cloned().unwrap_or_default()
    }

    /// Two reps' files made from one workspace: each keeps its own region's customers and adds
    /// activity of its own.
    fn two_reps() -> (Workspace, Workspace, Workspace) {
        let base = demo(DataLanguage::Chinese);
        let region = |index: usize| SubsetChoice {
            regions: vec![base.regions[index].id.clone()],
            ..SubsetChoice::default()
        };
        let mut a = subset(&base, &region(0));
        let mut b = subset(&base, &region(1));
        a.settings.name = "代表甲".into();
        b.settings.name = "代表乙".into();
        // Each adds a visit a day later than its last one.
        for side in [&mut a, &mut b] {
            let mut visit = side.interactions.last().unwrap().clone();
            visit.at = Timestamp(visit.at.0 + 86_400);
            side.interactions.push(visit);
        }
        (base, a, b)
    }

    /// The same records in a canonical order (merging appends, so orders may differ).
    fn normal(mut w: Workspace) -> Workspace {
        w.hcps.sort_by(|x, y| x.id.cmp(&y.id));
        w.accounts.sort_by(|x, y| x.id.cmp(&y.id));
        w.reps.sort_by(|x, y| x.id.cmp(&y.id));
        w.regions.sort_by(|x, y| x.id.cmp(&y.id));
        w.territories.sort_by(|x, y| x.id.cmp(&y.id));
        w.interactions
            .sort_by_key(|i| (i.at, i.hcp_id.clone(), i.channel_id.clone()));
        w.prescriptions.sort_by_key(|p| {
            (
                p.period,
                p.hcp_id.clone(),
                p.account_id.clone(),
                p.product_id.clone(),
            )
        });
        w.targets.sort_by_key(|t| {
            (
                t.period,
                t.rep_id.clone(),
                t.region_id.clone(),
                t.product_id.clone(),
            )
        });
        w
    }

    #[test]
    fn reps_files_merge_into_one_workspace_in_either_order() {
        let (_, a, b) = two_reps();
        let ab = merge(&a, &b, None);
        let ba = merge(&b, &a, None);
        assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        assert!(validate_workspace(&ab.workspace).is_valid());
        let mut ab_normal = normal(ab.workspace.clone());
        ab_normal.settings = b.settings.clone();
        assert_eq!(ab_normal, normal(ba.workspace.clone()));
        // Hand-counted: b's HCPs are all new to a; the shared catalogue is unchanged.
        assert_eq!(counts(&ab, "hcps").added, b.hcps.len());
        assert_eq!(counts(&ab, "interactions").added, b.interactions.len());
        assert_eq!(counts(&ab, "products").unchanged, a.products.len());
        assert_eq!(
            ab.workspace.interactions.len(),
            a.interactions.len() + b.interactions.len()
        );
        // Merging a file into itself, or again, changes nothing.
        let again = merge(&ab.workspace, &b, None);
        assert_eq!(counts(&again, "interactions").added, 0);
        assert_eq!(counts(&again, "hcps").unchanged, b.hcps.len());
        assert_eq!(normal(again.workspace), normal(ab.workspace));
    }

    #[test]
    fn a_record_both_sides_changed_is_a_conflict_settled_by_the_rule() {
        let base = demo(DataLanguage::Chinese);
        let mut theirs = base.clone();
        theirs.hcps[3].name = "王改名".into();
        theirs.hcps[3].prescribing_potential += 5;
        theirs.prescriptions[0].units += 1;
        let listed = merge(&base, &theirs, None);
        assert_eq!(listed.conflicts.len(), 2);
        let hcp = listed.conflicts.iter().find(|c| c.list == "hcps").unwrap();
        assert_eq!(hcp.id, base.hcps[3].id);
        let fields: Vec<&str> = hcp.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "prescribing_potential"]);
        assert_eq!(hcp.fields[0].mine, base.hcps[3].name);
        assert_eq!(hcp.fields[0].theirs, "王改名");
        assert_eq!(counts(&listed, "hcps").conflicting, 1);
        assert_eq!(listed.workspace, base, "unsettled conflicts keep mine");
        let theirs_win = merge(&base, &theirs, Some(Prefer::Theirs));
        assert_eq!(theirs_win.workspace.hcps[3].name, "王改名");
        assert_eq!(counts(&theirs_win, "hcps").updated, 1);
        assert_eq!(
            theirs_win.workspace.prescriptions[0].units,
            base.prescriptions[0].units + 1
        );
        assert_eq!(merge(&base, &theirs, Some(Prefer::Mine)).workspace, base);
    }

    #[test]
    fn a_definition_with_the_same_id_and_other_content_is_kept_beside_under_a_new_id() {
        let base = demo(DataLanguage::English);
        let mut theirs = base.clone();
        theirs.settings.name = "East team".into();
        theirs.funnels[0].name = "Their funnel".into();
        let merged = merge(&base, &theirs, None);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.workspace.funnels.len(), base.funnels.len() + 1);
        let kept = merged.workspace.funnels.last().unwrap();
        assert_eq!(kept.id, format!("{}-2", base.funnels[0].id));
        assert_eq!(kept.name, "Their funnel (East team)");
        assert_eq!(merged.workspace.funnels[0], base.funnels[0]);
        assert!(validate_workspace(&merged.workspace).is_valid());
        // Merging the same file again keeps the one kept beside, not a second copy.
        let again = merge(&merged.workspace, &theirs, None);
        assert_eq!(again.workspace.funnels, merged.workspace.funnels);
    }
}

/// Saved plans (docs/planning.md, rules 31–33) when a workspace is shared: a part keeps the rows
/// of its HCPs and reps, an anonymised copy re-keys and moves them with the data, a merge takes
/// theirs beside mine.
mod saved_plans {
    use super::*;
    use omnirx_core::domain::planning::{
        plan_for, save_plan, Cycle, PlanOptions, PlanningData, SavedPlan,
    };
    use omnirx_core::domain::sharing::merge::merge;

    fn cycle(text: &str) -> Cycle {
        Cycle::parse(text).unwrap()
    }

    /// A plan of `cycle` made by the optimiser, for the team or one rep, saved in `workspace`.
    fn save(workspace: &mut Workspace, cycle: Cycle, rep_id: Option<&str>, name: &str) {
        let options = PlanOptions {
            rep_id: rep_id.map(str::to_string),
            ..PlanOptions::default()
        };
        let plan = plan_for(workspace, cycle, &options).unwrap().plan;
        let data_end = PlanningData::build(workspace).data_end;
        save_plan(
            workspace,
            SavedPlan::new(name, options, data_end, 1.796e12, plan),
        );
    }

    /// The tiny demo with a team plan of November and of the second quarter, and a plan of each
    /// rep for November, named after people.
    fn with_plans(language: DataLanguage) -> Workspace {
        // Seed 1: both reps have HCPs in November's plan.
        let mut workspace =
            generate_demo_workspace(DemoOptions::fixed(DemoScale::Tiny, 1, language));
        save(&mut workspace, cycle("2026-11"), None, "Team plan");
        save(&mut workspace, cycle("2026-Q2"), None, "Q2");
        for rep in workspace.reps.clone() {
            save(
                &mut workspace,
                cycle("2026-11"),
                Some(&rep.id),
                &format!("{}'s November", rep.name),
            );
        }
        workspace
    }

    /// The rows' planned counts and the reps' loads agree (what `Plan::recompute` keeps).
    fn loads_add_up(saved: &SavedPlan) {
        let plan = &saved.plan;
        for rep in &plan.reps {
            for (slot, load) in rep.channels.iter().enumerate() {
                let planned: u32 = plan
                    .rows_of(&rep.rep_id)
                    .map(|row| row.cells[slot].planned)
                    .sum();
                assert_eq!(load.planned, planned, "{} {}", saved.id, rep.rep_id);
            }
            assert_eq!(rep.hcps as usize, plan.rows_of(&rep.rep_id).count());
        }
    }

    #[test]
    fn a_subset_keeps_the_saved_plans_rows_of_its_hcps_and_reps() {
        let workspace = with_plans(DataLanguage::English);
        assert_eq!(workspace.plans.len(), 2 + workspace.reps.len());
        let kept_rep = workspace.reps[0].id.clone();
        let dropped_rep = workspace.reps[1].id.clone();
        let team = workspace.plans[0].clone();
        assert!(
            team.plan.rows.iter().any(|row| row.rep_id == dropped_rep),
            "the team plan has rows of both reps"
        );
        let part = subset(
            &workspace,
            &SubsetChoice {
                reps: vec![kept_rep.clone()],
                from: Some(CalendarDate::new(2026, 7, 1).unwrap()),
                ..SubsetChoice::default()
            },
        );
        assert!(
            validate_workspace(&part).is_valid(),
            "{:?}",
            validate_workspace(&part).problems
        );
        // The second quarter ended before the range, the other rep's plan went with the rep.
        let ids: Vec<&str> = part.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "plan-2026-11".to_string(),
                format!("plan-2026-11-{kept_rep}")
            ]
        );
        let hcps: HashSet<&str> = part.hcps.iter().map(|h| h.id.as_str()).collect();
        let kept = &part.plans[0];
        let expected: Vec<_> = team
            .plan
            .rows
            .iter()
            .filter(|row| row.rep_id == kept_rep && hcps.contains(row.hcp_id.as_str()))
            .cloned()
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(kept.plan.rows, expected, "the kept rows are as they were");
        assert_eq!(kept.plan.reps.len(), 1);
        assert_eq!(kept.plan.reps[0].rep_id, kept_rep);
        loads_add_up(kept);
        assert_eq!(kept.plan.expected_uplift, kept.plan.reps[0].expected_uplift);
        assert_eq!(
            part.plans[1], workspace.plans[2],
            "the rep's own plan is whole"
        );
        let file = export_workspace(&part);
        assert_eq!(import_workspace(file.as_bytes()).unwrap().workspace, part);
    }

    #[test]
    fn an_anonymised_copy_re_keys_its_saved_plans_and_moves_them_with_the_data() {
        for language in [DataLanguage::Chinese, DataLanguage::English] {
            let workspace = with_plans(language);
            let chinese = language == DataLanguage::Chinese;
            let copy = anonymise(&workspace, 42, chinese);
            assert!(
                validate_workspace(&copy).is_valid(),
                "{:?}",
                validate_workspace(&copy).problems
            );
            let file = export_workspace(&copy);
            let mut found = HashSet::new();
            strings(&serde_json::from_str(&file).unwrap(), &mut found);
            let originals = workspace
                .hcps
                .iter()
                .flat_map(|h| [&h.id, &h.name])
                .chain(workspace.accounts.iter().flat_map(|a| [&a.id, &a.name]))
                .chain(workspace.reps.iter().flat_map(|r| [&r.id, &r.name]))
                .chain(workspace.plans.iter().flat_map(|p| [&p.id, &p.name]));
            for original in originals {
                assert!(!found.contains(original), "{original:?} survived");
            }
            let back = months_back(42);
            assert_eq!(copy.plans.len(), workspace.plans.len());
            for (saved, original) in copy.plans.iter().zip(&workspace.plans) {
                // The cycle moves back with the data: a month stays a month, a quarter stays a
                // quarter when moved by whole quarters, else covers the same days moved back.
                match (saved.plan.cycle, original.plan.cycle) {
                    (Cycle::Month { month }, Cycle::Month { month: was }) => {
                        assert_eq!(month, was.plus(-back))
                    }
                    (moved, was) => {
                        let first = was.first_day();
                        let month = Month::new(first.year, first.month).unwrap().plus(-back);
                        assert_eq!(moved.first_day(), month.first_day());
                        assert_eq!(matches!(moved, Cycle::Quarter { .. }), back % 3 == 0);
                    }
                }
                assert_eq!(
                    saved.id,
                    omnirx_core::domain::planning::plan_id_for(
                        &saved.plan.cycle,
                        saved.options.rep_id.as_deref()
                    )
                );
                let data_end = original.data_end.unwrap();
                let moved = saved.data_end.unwrap();
                assert_eq!(
                    Month::new(moved.year, moved.month).unwrap(),
                    Month::new(data_end.year, data_end.month)
                        .unwrap()
                        .plus(-back)
                );
                // The same figures, under new ids and in the copy's order.
                assert_eq!(saved.plan.rows.len(), original.plan.rows.len());
                let mut planned: Vec<Vec<u32>> = saved
                    .plan
                    .rows
                    .iter()
                    .map(|row| row.cells.iter().map(|c| c.planned).collect())
                    .collect();
                let mut was: Vec<Vec<u32>> = original
                    .plan
                    .rows
                    .iter()
                    .map(|row| row.cells.iter().map(|c| c.planned).collect())
                    .collect();
                planned.sort();
                was.sort();
                assert_eq!(planned, was);
                assert!((saved.plan.expected_uplift - original.plan.expected_uplift).abs() < 1e-9);
                loads_add_up(saved);
                let hcps: HashSet<&str> = copy.hcps.iter().map(|h| h.id.as_str()).collect();
                assert!(saved
                    .plan
                    .rows
                    .iter()
                    .all(|row| hcps.contains(row.hcp_id.as_str())));
            }
            assert_eq!(anonymise(&workspace, 42, chinese), copy);
        }
    }

    #[test]
    fn a_merge_takes_their_saved_plans_and_keeps_mine_as_the_cycles_plan() {
        let mine = with_plans(DataLanguage::English);
        let mut theirs = mine.clone();
        theirs.settings.name = "East team".into();
        // Theirs edited the team plan by hand and made a plan of December.
        let row = &theirs.plans[0].plan.rows[0];
        let hcp = row.hcp_id.clone();
        let slot = row.cells.iter().position(|c| c.planned > c.min).unwrap();
        let channel = theirs.plans[0].plan.channels[slot].channel_id.clone();
        let planned = row.cells[slot].planned;
        assert_eq!(
            omnirx_core::domain::planning::set_saved_planned(
                &mut theirs,
                "plan-2026-11",
                &hcp,
                &channel,
                planned - 1,
            ),
            Ok(planned - 1)
        );
        save(&mut theirs, cycle("2026-12"), None, "December");
        let merged = merge(&mine, &theirs, None);
        assert!(merged.conflicts.is_empty());
        assert!(validate_workspace(&merged.workspace).is_valid());
        let counts = merged.counts.get("plans").cloned().unwrap_or_default();
        assert_eq!(
            (counts.added, counts.unchanged),
            (2, mine.plans.len() - 1),
            "{counts:?}"
        );
        let plans = &merged.workspace.plans;
        assert_eq!(plans[0], mine.plans[0], "mine stays the cycle's plan");
        let beside = plans.iter().find(|p| p.id == "plan-2026-11-2").unwrap();
        assert_eq!(beside.name, "Team plan (East team)");
        assert_eq!(beside.plan, theirs.plans[0].plan);
        assert!(plans.iter().any(|p| p.id == "plan-2026-12"));
        // Merging again adds nothing.
        let again = merge(&merged.workspace, &theirs, None);
        assert_eq!(again.workspace.plans.len(), plans.len());
    }
}
