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
    use omnirx_core::domain::model::{Source, SourceNumber};
    use omnirx_core::domain::sharing::merge::{merge, IncomingFile, MergeCounts, Prefer};

    pub(super) fn file(name: &str) -> IncomingFile {
        IncomingFile {
            file: name.into(),
            written_at: Some(Timestamp(1_796_000_000)),
        }
    }

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

    /// The same records in a canonical order (merging appends, so orders may differ), and the
    /// merged files numbered in the order of their names (merging numbers them as they come).
    fn normal(mut w: Workspace) -> Workspace {
        let mut sources = std::mem::take(&mut w.sources);
        sources.sort_by(|x, y| (&x.workspace, &x.file).cmp(&(&y.workspace, &y.file)));
        let renumbered: BTreeMap<SourceNumber, SourceNumber> = sources
            .iter()
            .enumerate()
            .map(|(n, s)| (s.number, SourceNumber::new(n as u16 + 1).unwrap()))
            .collect();
        w.sources = sources
            .into_iter()
            .map(|s| Source {
                number: renumbered[&s.number],
                ..s
            })
            .collect();
        let renumber = |n: &mut Option<SourceNumber>| *n = n.map(|n| renumbered[&n]);
        w.hcps.iter_mut().for_each(|r| renumber(&mut r.source));
        w.accounts.iter_mut().for_each(|r| renumber(&mut r.source));
        w.reps.iter_mut().for_each(|r| renumber(&mut r.source));
        w.regions.iter_mut().for_each(|r| renumber(&mut r.source));
        w.territories
            .iter_mut()
            .for_each(|r| renumber(&mut r.source));
        w.products.iter_mut().for_each(|r| renumber(&mut r.source));
        w.channels.iter_mut().for_each(|r| renumber(&mut r.source));
        w.interactions
            .iter_mut()
            .for_each(|r| renumber(&mut r.source));
        w.prescriptions
            .iter_mut()
            .for_each(|r| renumber(&mut r.source));
        w.targets.iter_mut().for_each(|r| renumber(&mut r.source));
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
        let ab = merge(&a, &b, &file("b.json"), None);
        assert!(ab.conflicts.is_empty());
        assert!(validate_workspace(&ab.workspace).is_valid());
        // Hand-counted: b's HCPs are all new to a; the shared catalogue is unchanged.
        assert_eq!(counts(&ab, "hcps").added, b.hcps.len());
        assert_eq!(counts(&ab, "interactions").added, b.interactions.len());
        assert_eq!(counts(&ab, "products").unchanged, a.products.len());
        assert_eq!(
            ab.workspace.interactions.len(),
            a.interactions.len() + b.interactions.len()
        );
        // Merging a file into itself, or again, changes nothing.
        let again = merge(&ab.workspace, &b, &file("b.json"), None);
        assert_eq!(counts(&again, "interactions").added, 0);
        assert_eq!(counts(&again, "hcps").unchanged, b.hcps.len());
        assert_eq!(normal(again.workspace), normal(ab.workspace.clone()));
        // Into the team's workspace, a then b is b then a.
        let (base, _, _) = two_reps();
        let then = |first: (&Workspace, &str), second: (&Workspace, &str)| {
            let one = merge(&base, first.0, &file(first.1), None).workspace;
            normal(merge(&one, second.0, &file(second.1), None).workspace)
        };
        assert_eq!(
            then((&a, "a.json"), (&b, "b.json")),
            then((&b, "b.json"), (&a, "a.json"))
        );
    }

    /// The workspace without where its records came from.
    fn without_sources(mut w: Workspace) -> Workspace {
        w.sources.clear();
        w.hcps.iter_mut().for_each(|r| r.source = None);
        w.accounts.iter_mut().for_each(|r| r.source = None);
        w.interactions.iter_mut().for_each(|r| r.source = None);
        w.prescriptions.iter_mut().for_each(|r| r.source = None);
        w
    }

    /// A rep's file made from the team's workspace by `seed`: some of its HCPs, visits and sales
    /// left out, a few HCPs and visits of its own added (their content a function of their key,
    /// so two files never disagree on a record both have).
    fn a_reps_file(base: &Workspace, seed: u64, name: &str) -> Workspace {
        let mut next = seed | 1;
        let mut roll = move |n: u64| {
            next ^= next << 13;
            next ^= next >> 7;
            next ^= next << 17;
            next % n
        };
        let mut file = base.clone();
        file.settings.name = name.into();
        file.interactions.retain(|_| roll(4) != 0);
        file.prescriptions.retain(|_| roll(3) != 0);
        for _ in 0..roll(4) {
            let n = roll(6);
            let mut hcp = base.hcps[n as usize].clone();
            hcp.id = format!("h-new-{n}");
            hcp.name = format!("新医生{n}");
            file.hcps.push(hcp);
        }
        let last = base.interactions.iter().map(|i| i.at).max().unwrap();
        for _ in 0..roll(6) {
            let index = roll(base.interactions.len() as u64) as i64;
            let template = &base.interactions[index as usize];
            let day = roll(20) as i64;
            let mut visit = template.clone();
            visit.at = Timestamp(last.0 + 86_400 * (day + 1) + index);
            visit.notes = format!("{} {}", visit.hcp_id, day);
            file.interactions.push(visit);
        }
        file
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 24, ..proptest::prelude::ProptestConfig::default()
        })]
        /// Merging A then B gives the same workspace as B then A when there are no conflicts.
        /// Only a record both files bring may name another file in each order (the first that
        /// brought it); every record's file holds that record.
        #[test]
        fn merging_is_associative_without_conflicts(seed_a in 1u64.., seed_b in 1u64..) {
            let base = demo(DataLanguage::English);
            let a = a_reps_file(&base, seed_a, "Rep A");
            let b = a_reps_file(&base, seed_b, "Rep B");
            let then = |first: (&Workspace, &str), second: (&Workspace, &str)| {
                let one = merge(&base, first.0, &file(first.1), None);
                let two = merge(&one.workspace, second.0, &file(second.1), None);
                proptest::prop_assert!(one.conflicts.is_empty() && two.conflicts.is_empty());
                proptest::prop_assert!(validate_workspace(&two.workspace).is_valid());
                for visit in &two.workspace.interactions {
                    let Some(number) = visit.source else { continue };
                    let named = two.workspace.sources.iter().find(|s| s.number == number);
                    let holder = if named.unwrap().file == "a.json" { &a } else { &b };
                    let mut own = visit.clone();
                    own.source = None;
                    proptest::prop_assert!(holder.interactions.contains(&own));
                }
                Ok(without_sources(normal(two.workspace)))
            };
            let ab = then((&a, "a.json"), (&b, "b.json"))?;
            let ba = then((&b, "b.json"), (&a, "a.json"))?;
            proptest::prop_assert!(ab == ba, "A then B differs from B then A");
        }
    }

    #[test]
    fn each_record_a_file_brings_remembers_the_file() {
        let (base, a, b) = two_reps();
        let with_a = merge(&base, &a, &file("代表甲.omnirx.json"), None).workspace;
        let merged = merge(&with_a, &b, &file("代表乙.omnirx.json"), None).workspace;
        assert_eq!(
            merged.sources,
            [
                Source {
                    number: SourceNumber::new(1).unwrap(),
                    workspace: "代表甲".into(),
                    file: "代表甲.omnirx.json".into(),
                    written_at: Some(Timestamp(1_796_000_000)),
                },
                Source {
                    number: SourceNumber::new(2).unwrap(),
                    workspace: "代表乙".into(),
                    file: "代表乙.omnirx.json".into(),
                    written_at: Some(Timestamp(1_796_000_000)),
                },
            ]
        );
        // Each file added exactly its new visit; everything else was the team's already.
        let from = |n: u16| {
            merged
                .interactions
                .iter()
                .filter(|i| i.source == SourceNumber::new(n))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            from(1),
            [a.interactions.last().unwrap()]
                .map(|i| {
                    let mut i = i.clone();
                    i.source = SourceNumber::new(1);
                    i
                })
                .iter()
                .collect::<Vec<_>>()
        );
        assert_eq!(from(2).len(), 1);
        assert_eq!(from(2)[0].at, b.interactions.last().unwrap().at);
        assert!(
            merged.hcps.iter().all(|h| h.source.is_none()),
            "no HCP was new"
        );
        assert!(validate_workspace(&merged).is_valid());
        // What each file brought, as the Data page lists it.
        use omnirx_core::domain::sharing::provenance::brought_by;
        let brought: Vec<(String, Vec<(&str, usize)>)> = brought_by(&merged)
            .into_iter()
            .map(|b| (b.source.file, b.counts.into_iter().collect()))
            .collect();
        assert_eq!(
            brought,
            [
                ("代表甲.omnirx.json".to_string(), vec![("interactions", 1)]),
                ("代表乙.omnirx.json".to_string(), vec![("interactions", 1)]),
            ]
        );
        // A part keeps only the files its records came from; an anonymised copy none, and no
        // update time.
        let visit_a = merged
            .interactions
            .iter()
            .find(|i| i.source == SourceNumber::new(1));
        let hcp_a = merged
            .hcps
            .iter()
            .find(|h| h.id == visit_a.unwrap().hcp_id)
            .unwrap();
        let account_a = merged
            .accounts
            .iter()
            .find(|a| a.id == hcp_a.account_id)
            .unwrap();
        let part = subset(
            &merged,
            &SubsetChoice {
                regions: vec![account_a.region_id.clone()],
                ..SubsetChoice::default()
            },
        );
        assert_eq!(part.sources, merged.sources[..1]);
        assert!(validate_workspace(&part).is_valid());
        let mut stamped = merged.clone();
        stamped.hcps[0].updated_at = Some(Timestamp(1_796_000_000));
        let copy = omnirx_core::domain::sharing::anonymise::anonymise(&stamped, 3, true);
        assert!(copy.sources.is_empty() && copy.hcps.iter().all(|h| h.updated_at.is_none()));
        assert!(copy.interactions.iter().all(|i| i.source.is_none()));
        assert!(!export_workspace(&copy).contains("代表甲"));
        // A file that is itself a merge brings its records' files along, under new numbers.
        let mut fresh = base.clone();
        fresh.settings.name = "经理".into();
        let again = merge(&fresh, &merged, &file("华东合并.omnirx.json"), None).workspace;
        let mut files: Vec<&str> = again.sources.iter().map(|s| s.file.as_str()).collect();
        files.sort();
        assert_eq!(
            files,
            ["代表乙.omnirx.json", "代表甲.omnirx.json"],
            "only the two visits were new to the manager, each from its rep's file"
        );
        let mut other = base.clone();
        other.interactions.clear();
        let onto_empty = merge(&other, &merged, &file("华东合并.omnirx.json"), None).workspace;
        let mut files: Vec<&str> = onto_empty.sources.iter().map(|s| s.file.as_str()).collect();
        files.sort();
        assert_eq!(
            files,
            [
                "代表乙.omnirx.json",
                "代表甲.omnirx.json",
                "华东合并.omnirx.json"
            ]
        );
        let by_file = |name: &str| {
            let number = onto_empty
                .sources
                .iter()
                .find(|s| s.file == name)
                .unwrap()
                .number;
            onto_empty
                .interactions
                .iter()
                .filter(|i| i.source == Some(number))
                .count()
        };
        assert_eq!(by_file("代表甲.omnirx.json"), 1);
        assert_eq!(by_file("代表乙.omnirx.json"), 1);
        assert_eq!(by_file("华东合并.omnirx.json"), base.interactions.len());
        assert!(validate_workspace(&onto_empty).is_valid());
        // A source number no merged file has is a problem with its place.
        let mut dangling = merged.clone();
        dangling.hcps[4].source = SourceNumber::new(9);
        let report = validate_workspace(&dangling);
        assert!(!report.is_valid());
        assert_eq!(report.problems[0].path, "hcps[4].source");
    }

    #[test]
    fn a_merge_is_undone_from_its_stored_note_keeping_what_was_made_since() {
        use omnirx_core::domain::table_import::undo::{undo_of_merge, undone, ImportUndo};
        let (base, a, _) = two_reps();
        let mut theirs = a.clone();
        theirs.hcps[0].name = "改了名".into();
        theirs.funnels[0].name = "他们的漏斗".into();
        let merged = merge(
            &base,
            &theirs,
            &file("代表甲.omnirx.json"),
            Some(Prefer::Theirs),
        );
        let after = merged.workspace;
        assert_eq!(after.sources.len(), 1);
        assert_eq!(after.funnels.len(), base.funnels.len() + 1);
        let files = vec!["代表甲.omnirx.json".to_string()];
        let undo = undo_of_merge("w-1", &base, &after, &files);
        // The note is stored as JSON beside the workspace, and read back after a reload.
        let stored: ImportUndo =
            serde_json::from_str(&serde_json::to_string(&undo).unwrap()).unwrap();
        let ImportUndo::Merged {
            merged_files,
            added_definitions,
            ..
        } = &stored
        else {
            panic!("a merge's note")
        };
        assert_eq!(merged_files, &files);
        assert_eq!(
            added_definitions["funnels"],
            [format!("{}-2", base.funnels[0].id)]
        );
        assert_eq!(undone(&after, &stored).unwrap(), base);
        // A funnel made after the merge stays when the merge is undone.
        let mut edited = after.clone();
        let mut mine = base.funnels[0].clone();
        mine.id = "f-mine-later".into();
        edited.funnels.push(mine.clone());
        let mut expected = base.clone();
        expected.funnels.push(mine);
        assert_eq!(undone(&edited, &stored).unwrap(), expected);
    }

    #[test]
    fn a_file_with_another_product_catalogue_adds_its_products_and_lists_the_renamed_one() {
        let base = demo(DataLanguage::Chinese);
        let mut theirs = base.clone();
        theirs.products[0].name = "另一个名字".into();
        let mut new_product = base.products[1].clone();
        new_product.id = "p-new".into();
        new_product.name = "新产品".into();
        theirs.products.push(new_product);
        let merged = merge(&base, &theirs, &file("theirs.json"), None);
        assert_eq!(counts(&merged, "products").added, 1);
        assert_eq!(counts(&merged, "products").conflicting, 1);
        assert_eq!(merged.conflicts[0].fields[0].field, "name");
        assert_eq!(
            merged.workspace.products[0], base.products[0],
            "mine stays unsettled"
        );
        assert_eq!(merged.workspace.products.last().unwrap().id, "p-new");
        assert!(validate_workspace(&merged.workspace).is_valid());
    }

    #[test]
    fn take_the_newer_goes_by_each_record_s_update_time() {
        let base = demo(DataLanguage::English);
        let mut mine = base.clone();
        let mut theirs = base.clone();
        let at = |s: i64| Some(Timestamp(1_790_000_000 + s));
        // HCP 0: theirs changed later. HCP 1: mine changed later. HCP 2: theirs has no time.
        // HCP 3: mine has no time, theirs has one. HCP 4: the same time on both.
        for (index, mine_at, theirs_at) in [
            (0, at(0), at(60)),
            (1, at(60), at(0)),
            (2, at(0), None),
            (3, None, at(0)),
            (4, at(5), at(5)),
        ] {
            mine.hcps[index].name = format!("mine {index}");
            mine.hcps[index].updated_at = mine_at;
            theirs.hcps[index].name = format!("theirs {index}");
            theirs.hcps[index].updated_at = theirs_at;
        }
        // HCP 5: only the update time differs: the same record, no conflict.
        theirs.hcps[5].updated_at = at(99);
        let merged = merge(&mine, &theirs, &file("t.json"), Some(Prefer::Newer));
        let names: Vec<&str> = merged.workspace.hcps[..5]
            .iter()
            .map(|h| h.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["theirs 0", "mine 1", "mine 2", "theirs 3", "mine 4"]
        );
        assert_eq!(
            merged.workspace.hcps[0].updated_at,
            at(60),
            "theirs comes with its time"
        );
        assert_eq!(merged.workspace.hcps[5], mine.hcps[5]);
        assert_eq!(counts(&merged, "hcps").updated, 2);
        assert_eq!(counts(&merged, "hcps").conflicting, 0);
        assert_eq!(merged.conflicts.len(), 5);
        let first = &merged.conflicts[0];
        assert_eq!(
            (first.mine_updated_at, first.theirs_updated_at),
            (at(0), at(60))
        );
        let fields: Vec<&str> = first.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name"],
            "times and sources are not listed as fields"
        );
        // Interactions carry no update time: the newer rule keeps mine.
        let mut changed = base.clone();
        changed.interactions[0].outcome = omnirx_core::domain::model::Outcome::Negative;
        let kept = merge(&base, &changed, &file("t.json"), Some(Prefer::Newer));
        assert_eq!(kept.workspace.interactions[0], base.interactions[0]);
        assert_eq!(
            counts(&kept, "interactions").unchanged,
            base.interactions.len()
        );
    }

    #[test]
    fn a_record_both_sides_changed_is_a_conflict_settled_by_the_rule() {
        let base = demo(DataLanguage::Chinese);
        let mut theirs = base.clone();
        theirs.hcps[3].name = "王改名".into();
        theirs.hcps[3].prescribing_potential += 5;
        theirs.prescriptions[0].units += 1;
        let listed = merge(&base, &theirs, &file("theirs.json"), None);
        assert_eq!(listed.conflicts.len(), 2);
        let hcp = listed.conflicts.iter().find(|c| c.list == "hcps").unwrap();
        assert_eq!(hcp.id, base.hcps[3].id);
        let fields: Vec<&str> = hcp.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "prescribing_potential"]);
        assert_eq!(hcp.fields[0].mine, base.hcps[3].name);
        assert_eq!(hcp.fields[0].theirs, "王改名");
        assert_eq!(counts(&listed, "hcps").conflicting, 1);
        assert_eq!(listed.workspace, base, "unsettled conflicts keep mine");
        let theirs_win = merge(&base, &theirs, &file("theirs.json"), Some(Prefer::Theirs));
        assert_eq!(theirs_win.workspace.hcps[3].name, "王改名");
        assert_eq!(counts(&theirs_win, "hcps").updated, 1);
        assert_eq!(
            theirs_win.workspace.prescriptions[0].units,
            base.prescriptions[0].units + 1
        );
        assert_eq!(
            merge(&base, &theirs, &file("theirs.json"), Some(Prefer::Mine)).workspace,
            base
        );
    }

    #[test]
    fn a_definition_with_the_same_id_and_other_content_is_kept_beside_under_a_new_id() {
        let base = demo(DataLanguage::English);
        let mut theirs = base.clone();
        theirs.settings.name = "East team".into();
        theirs.funnels[0].name = "Their funnel".into();
        let merged = merge(&base, &theirs, &file("theirs.json"), None);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.workspace.funnels.len(), base.funnels.len() + 1);
        let kept = merged.workspace.funnels.last().unwrap();
        assert_eq!(kept.id, format!("{}-2", base.funnels[0].id));
        assert_eq!(kept.name, "Their funnel (East team)");
        assert_eq!(merged.workspace.funnels[0], base.funnels[0]);
        assert!(validate_workspace(&merged.workspace).is_valid());
        // Merging the same file again keeps the one kept beside, not a second copy.
        let again = merge(&merged.workspace, &theirs, &file("theirs.json"), None);
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
        let merged = merge(&mine, &theirs, &super::merging::file("east.json"), None);
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
        let again = merge(
            &merged.workspace,
            &theirs,
            &super::merging::file("east.json"),
            None,
        );
        assert_eq!(again.workspace.plans.len(), plans.len());
    }
}
