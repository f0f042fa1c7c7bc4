//! Every rule of docs/segmentation.md, on hand-built HCPs with hand-computed answers.

use omnirx_core::domain::funnel::index::NONE;
use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
use omnirx_core::domain::model::*;
use omnirx_core::domain::segmentation::matrix::{
    band_of, build_matrix, strategy_for, MatrixCutoffs,
};
use omnirx_core::domain::segmentation::movement::{
    membership_by_quarter, quarters_up_to, transitions,
};
use omnirx_core::domain::segmentation::profile::{
    best_responding_channel, deciles, profiles_as_of,
};
use omnirx_core::domain::segmentation::report::{current_profiles, segments_report};
use omnirx_core::domain::segmentation::rules::{DecisionRole, Segment, SegmentRule};
use omnirx_core::domain::segmentation::*;
use omnirx_core::domain::time::{Month, Timestamp};

/// A local time in Asia/Shanghai (UTC+8), e.g. "2026-01-05 10:00".
fn at(local: &str) -> Timestamp {
    Timestamp::parse(&format!("{}:00+08:00", local.replace(' ', "T"))).expect("a test time")
}

fn hcp(id: &str, account: &str, potential: i64) -> Hcp {
    Hcp {
        source: None,
        updated_at: None,
        id: id.into(),
        name: format!("Dr {id}"),
        account_id: account.into(),
        specialty: Specialty::Endocrinology,
        title: HcpTitle::AttendingPhysician,
        prescribing_potential: potential,
        influence: Influence::None,
        department_head: false,
        committee_member: false,
        preferred_channel_id: None,
        consent: Consent::default(),
    }
}

/// Two accounts (a1: tertiary, north, Shanghai; a2: clinic, south, no city), three channels.
fn workspace(hcps: Vec<Hcp>) -> Workspace {
    let channel = |id: &str, kind| Channel {
        source: None,
        id: id.into(),
        name: id.into(),
        kind,
    };
    let account = |id: &str, account_type, region: &str, city: &str| Account {
        source: None,
        updated_at: None,
        id: id.into(),
        name: id.into(),
        account_type,
        region_id: region.into(),
        territory_id: None,
        city: city.into(),
        tier: String::new(),
    };
    Workspace {
        settings: WorkspaceSettings {
            name: "segments".into(),
            ..WorkspaceSettings::default()
        },
        products: vec![Product {
            source: None,
            updated_at: None,
            id: "p1".into(),
            name: "Product one".into(),
            therapeutic_area: String::new(),
        }],
        channels: vec![
            channel("visit", ChannelKind::RepVisit),
            channel("email", ChannelKind::Email),
            channel("wechat", ChannelKind::Wechat),
        ],
        regions: vec![
            Region {
                source: None,
                id: "north".into(),
                name: "North".into(),
            },
            Region {
                source: None,
                id: "south".into(),
                name: "South".into(),
            },
        ],
        accounts: vec![
            account("a1", AccountType::TertiaryHospital, "north", "Shanghai"),
            account("a2", AccountType::CommunityClinic, "south", ""),
        ],
        hcps,
        ..Workspace::default()
    }
}

fn touch(when: &str, hcp: &str, channel: &str, outcome: Outcome) -> Interaction {
    Interaction {
        source: None,
        at: at(when),
        hcp_id: hcp.into(),
        rep_id: None,
        channel_id: channel.into(),
        kind: InteractionKind::Visit,
        product_id: None,
        outcome,
        notes: String::new(),
    }
}

fn units(month: &str, hcp: &str, units: i64) -> Prescription {
    Prescription {
        source: None,
        period: Month::parse(month).unwrap(),
        hcp_id: Some(hcp.into()),
        account_id: None,
        product_id: "p1".into(),
        units,
        value: 0.0,
    }
}

fn rule_set(rules: Vec<SegmentRule>, fallback: Option<&str>) -> SegmentRuleSet {
    SegmentRuleSet {
        id: "rs".into(),
        name: "test".into(),
        segments: ["A", "B", "C"]
            .iter()
            .map(|id| Segment {
                id: id.to_string(),
                name: format!("Segment {id}"),
                strategy: String::new(),
            })
            .collect(),
        rules,
        fallback_segment_id: fallback.map(str::to_string),
    }
}

fn rule(segment: &str, conditions: Vec<Condition>) -> SegmentRule {
    SegmentRule {
        name: format!("to {segment}"),
        segment_id: segment.into(),
        conditions,
    }
}

/// Everything the app computes, for a workspace: base, profiles, classification.
fn classify_all(
    workspace: &Workspace,
    rules: &SegmentRuleSet,
) -> (Classification, Vec<RulePreview>) {
    let index = FunnelIndex::build(workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(workspace);
    let profiles = current_profiles(workspace, &base, &index);
    let compiled = CompiledRules::compile(rules, &DimensionIds::of(workspace, &base.city_names));
    let classification = classify(&compiled, &base, &profiles);
    let previews = preview_rules(&compiled, &base, &profiles, &classification);
    (classification, previews)
}

#[test]
fn deciles_share_the_lower_decile_on_ties() {
    // Ten distinct values: one per decile.
    assert_eq!(
        deciles(&[5, 1, 2, 3, 4, 6, 7, 8, 9, 10]),
        vec![5, 1, 2, 3, 4, 6, 7, 8, 9, 10]
    );
    // Twenty values, six zeros: all zeros are in decile 1 (none lower); the 7th value has 6
    // lower → 1 + 60/20 = 4; the largest has 19 lower → 1 + 190/20 = 10.
    let mut values = vec![0; 6];
    values.extend(1..=14);
    let found = deciles(&values);
    assert!(found[..6].iter().all(|&d| d == 1));
    assert_eq!(found[6], 4);
    assert_eq!(found[19], 10);
    // Everyone equal: everyone in decile 1.
    assert_eq!(deciles(&[7, 7, 7]), vec![1, 1, 1]);
    // Three values: 1 + floor(10·0/3) = 1, 1 + floor(10/3) = 4, 1 + floor(20/3) = 7.
    assert_eq!(deciles(&[30, 10, 20]), vec![7, 1, 4]);
    assert!(deciles(&[]).is_empty());
}

#[test]
fn derived_channel_is_the_best_response_rate_with_enough_touches() {
    // visit 2/4 = 50 %, email 2/3 = 67 %, wechat 2/2 (too few touches).
    assert_eq!(best_responding_channel(&[4, 3, 2], &[2, 2, 2]), 1);
    // Equal rates (1/3 and 2/6): more responses wins → channel 1.
    assert_eq!(best_responding_channel(&[3, 6, 0], &[1, 2, 0]), 1);
    // Equal rates and responses: the channel listed first.
    assert_eq!(best_responding_channel(&[3, 3, 0], &[1, 1, 0]), 0);
    // Enough touches but no response anywhere: missing.
    assert_eq!(best_responding_channel(&[5, 5, 5], &[0, 0, 0]), NONE);
    assert_eq!(best_responding_channel(&[], &[]), NONE);
}

#[test]
fn profiles_count_volume_recency_frequency_and_channel_up_to_the_moment() {
    let mut w = workspace(vec![hcp("h1", "a1", 10), hcp("h2", "a2", 20)]);
    w.interactions = vec![
        touch("2025-06-01 09:00", "h1", "visit", Outcome::NoResponse),
        touch("2026-03-01 09:00", "h1", "email", Outcome::Engaged),
        touch("2026-03-02 09:00", "h1", "email", Outcome::Detailed),
        touch("2026-03-03 09:00", "h1", "email", Outcome::Neutral),
        // After the moment used below: ignored.
        touch("2026-05-01 09:00", "h1", "visit", Outcome::Engaged),
    ];
    w.prescriptions = vec![
        units("2025-03", "h1", 100), // 13 months before 2026-03: outside the 12-month volume
        units("2025-04", "h1", 5),
        units("2026-03", "h1", 7),
        units("2026-03", "h1", 3),  // two records of one month add up
        units("2026-04", "h1", 50), // after the moment's month
    ];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let moment = at("2026-03-31 12:00").0;
    let profiles = profiles_as_of(&base, &index, &[3, 0], moment);
    let h1 = &profiles.figures[0];
    assert_eq!(h1.volume, 15); // 2025-04 … 2026-03: 5 + 7 + 3
    assert_eq!(h1.days_since_last_contact, Some(28)); // 3 March 09:00 → 31 March 12:00
    assert_eq!(h1.recent_contacts, 3); // the three March emails; June 2025 is > 90 days back
    assert_eq!(h1.derived_channel, 1); // email: 2 responses of 3
    assert_eq!(h1.adoption_stage, 3);
    // Contacts per channel in the volume months: visit 1 (June 2025), email 3.
    assert_eq!(profiles.contacts_of(0), &[1, 3, 0]);
    let h2 = &profiles.figures[1];
    assert_eq!((h2.volume, h2.days_since_last_contact), (0, None));
    assert_eq!(h2.derived_channel, NONE);
    // h1 has more volume than h2: of two, 1 lower → 1 + 10/2 = 6; h2 → 1.
    assert_eq!((h1.volume_decile, h2.volume_decile), (6, 1));
    assert_eq!(base.attributes[1].city, NONE, "a2 has no city");
}

#[test]
fn the_first_rule_that_holds_wins_and_later_rules_do_not_see_the_hcp() {
    let w = workspace(vec![
        hcp("h1", "a1", 80),
        hcp("h2", "a1", 30),
        hcp("h3", "a2", 5),
    ]);
    // Overlapping rules: potential ≥ 50 → A, potential ≥ 20 → B, everyone → C.
    let rules = rule_set(
        vec![
            rule(
                "A",
                vec![Condition::Potential {
                    min: Some(50),
                    max: None,
                }],
            ),
            rule(
                "B",
                vec![Condition::Potential {
                    min: Some(20),
                    max: None,
                }],
            ),
            rule("C", vec![]),
        ],
        None,
    );
    let (classification, previews) = classify_all(&w, &rules);
    assert_eq!(classification.segments, vec![0, 1, 2]);
    assert_eq!(classification.sizes(), (vec![1, 1, 1], 0));
    // Rule B matches h1 and h2 but catches only h2; the empty rule matches all three.
    let counts: Vec<(u64, u64)> = previews.iter().map(|p| (p.caught, p.matching)).collect();
    assert_eq!(counts, vec![(1, 1), (1, 2), (1, 3)]);

    // Swapping the first two rules moves h1 to B: order decides.
    let mut swapped = rules.clone();
    swapped.rules.swap(0, 1);
    let (classification, _) = classify_all(&w, &swapped);
    assert_eq!(classification.segments, vec![1, 1, 2]);
}

#[test]
fn all_conditions_of_a_rule_must_hold_and_ranges_are_inclusive() {
    let w = workspace(vec![
        hcp("h1", "a1", 50),
        hcp("h2", "a2", 50),
        hcp("h3", "a1", 51),
    ]);
    let rules = rule_set(
        vec![rule(
            "A",
            vec![
                Condition::Region {
                    any_of: vec!["north".into()],
                },
                Condition::Potential {
                    min: Some(40),
                    max: Some(50),
                },
            ],
        )],
        Some("C"),
    );
    let (classification, _) = classify_all(&w, &rules);
    // h1: north and 50 (inclusive) → A; h2 south → fallback C; h3 51 > 50 → C.
    assert_eq!(classification.segments, vec![0, 2, 2]);
}

#[test]
fn a_condition_on_a_missing_value_never_holds() {
    let mut w = workspace(vec![
        hcp("h1", "a1", 10),
        hcp("h2", "a2", 10),
        hcp("h3", "nowhere", 10),
    ]);
    w.interactions = vec![touch("2026-03-01 09:00", "h1", "visit", Outcome::Neutral)];
    // Recency ≥ 0 days holds for anyone ever contacted, so only h1.
    let recency = rule_set(
        vec![rule(
            "A",
            vec![Condition::RecencyDays {
                min: Some(0),
                max: None,
            }],
        )],
        None,
    );
    let (classification, _) = classify_all(&w, &recency);
    assert_eq!(
        classification.segments,
        vec![0, UNCLASSIFIED, UNCLASSIFIED],
        "never contacted is not 'recent'"
    );
    assert_eq!(classification.sizes(), (vec![1, 0, 0], 2));
    // h3's account is unknown: no region, no account type, no city.
    for condition in [
        Condition::Region {
            any_of: vec!["north".into(), "south".into()],
        },
        Condition::AccountType {
            any_of: vec![AccountType::TertiaryHospital, AccountType::CommunityClinic],
        },
        Condition::DeclaredChannel {
            any_of: vec!["visit".into(), "email".into(), "wechat".into()],
        },
    ] {
        let is_channel = matches!(condition, Condition::DeclaredChannel { .. });
        let (classification, _) =
            classify_all(&w, &rule_set(vec![rule("A", vec![condition])], None));
        if is_channel {
            assert_eq!(classification.sizes().0[0], 0, "nobody declared a channel");
        } else {
            assert_eq!(classification.segments[2], UNCLASSIFIED);
            assert_eq!(classification.segments[..2], [0, 0]);
        }
    }
    // h2's account has no city: a city rule does not catch it.
    let (classification, _) = classify_all(
        &w,
        &rule_set(
            vec![rule(
                "A",
                vec![Condition::City {
                    any_of: vec!["Shanghai".into()],
                }],
            )],
            None,
        ),
    );
    assert_eq!(classification.segments, vec![0, UNCLASSIFIED, UNCLASSIFIED]);
}

#[test]
fn decision_role_holds_for_either_role() {
    let mut head = hcp("h1", "a1", 10);
    head.department_head = true;
    let mut member = hcp("h2", "a1", 10);
    member.committee_member = true;
    let w = workspace(vec![head, member, hcp("h3", "a1", 10)]);
    let rules = rule_set(
        vec![rule(
            "B",
            vec![Condition::DecisionRole {
                any_of: vec![DecisionRole::DepartmentHead, DecisionRole::CommitteeMember],
            }],
        )],
        Some("C"),
    );
    assert_eq!(classify_all(&w, &rules).0.segments, vec![1, 1, 2]);
    let heads_only = rule_set(
        vec![rule(
            "B",
            vec![Condition::DecisionRole {
                any_of: vec![DecisionRole::DepartmentHead],
            }],
        )],
        Some("C"),
    );
    assert_eq!(classify_all(&w, &heads_only).0.segments, vec![1, 2, 2]);
}

#[test]
fn matrix_bands_follow_the_cutoffs_and_cells_get_strategies() {
    // Cut-offs [20, 50]: 19 → band 0, 20 → band 1, 49 → 1, 50 → 2.
    assert_eq!(
        [19, 20, 49, 50].map(|p| band_of(p, &[20i64, 50])),
        [0, 1, 1, 2]
    );
    let three = MatrixCutoffs {
        potential: vec![20, 50],
        support: vec![2, 4],
    };
    assert_eq!(strategy_for(2, 2, &three), Strategy::Defend);
    assert_eq!(strategy_for(2, 1, &three), Strategy::Grow);
    assert_eq!(strategy_for(1, 1, &three), Strategy::Grow);
    assert_eq!(strategy_for(2, 0, &three), Strategy::Develop);
    assert_eq!(strategy_for(1, 0, &three), Strategy::Develop);
    assert_eq!(strategy_for(0, 2, &three), Strategy::Maintain);
    assert_eq!(strategy_for(1, 2, &three), Strategy::Maintain);
    assert_eq!(strategy_for(0, 1, &three), Strategy::Maintain);
    assert_eq!(strategy_for(0, 0, &three), Strategy::Deprioritise);
    // 2 × 2: the ends are low and high.
    let two = MatrixCutoffs {
        potential: vec![30],
        support: vec![3],
    };
    assert_eq!(strategy_for(1, 1, &two), Strategy::Defend);
    assert_eq!(strategy_for(0, 0, &two), Strategy::Deprioritise);

    // Three HCPs: potential 10 / 30 / 80, volumes 0 / 10 / 30, stages 0 / 2 / 5.
    let mut w = workspace(vec![
        hcp("h1", "a1", 10),
        hcp("h2", "a1", 30),
        hcp("h3", "a1", 80),
    ]);
    w.prescriptions = vec![units("2026-03", "h2", 10), units("2026-03", "h3", 30)];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let profiles = profiles_as_of(&base, &index, &[0, 2, 5], index.data_end.unwrap());
    let matrix = build_matrix(&base, &profiles, &three);
    assert_eq!(matrix.cells.len(), 9);
    let cell = |p, s| matrix.cell(p, s);
    assert_eq!(cell(0, 0).count, 1);
    assert_eq!(cell(1, 1).count, 1);
    assert_eq!(cell(2, 2).count, 1);
    assert_eq!(cell(2, 2).volume_share, 0.75); // 30 of 40 units
    assert_eq!(cell(1, 1).volume_share, 0.25);
    assert_eq!(cell(2, 2).recommendation.strategy, Strategy::Defend);
    let mix: u32 = cell(2, 2)
        .recommendation
        .channel_mix
        .iter()
        .map(|(_, share)| u32::from(*share))
        .sum();
    assert_eq!(mix, 100);
    // Unsorted and repeated cut-offs are cleaned up.
    let messy = MatrixCutoffs {
        potential: vec![50, 20, 20],
        support: vec![],
    }
    .normalised();
    assert_eq!(messy.potential, vec![20, 50]);
    assert_eq!(messy.support, vec![1]);
}

#[test]
fn movement_classifies_past_quarters_on_the_data_known_then() {
    let mut w = workspace(vec![hcp("h1", "a1", 10), hcp("h2", "a1", 10)]);
    // h1 prescribes from 2026-01, h2 only in 2025-11; data ends in 2026-03 (Q1 2026).
    w.prescriptions = vec![
        units("2025-11", "h2", 20),
        units("2026-01", "h1", 5),
        units("2026-03", "h1", 30),
    ];
    // Volume decile 6 or more (of two HCPs: the larger volume) → A, else B.
    let rules = rule_set(
        vec![rule(
            "A",
            vec![Condition::VolumeDecile {
                min: Some(6),
                max: None,
            }],
        )],
        Some("B"),
    );
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let quarters = quarters_up_to(&index, 2);
    assert_eq!(quarters.len(), 2);
    assert_eq!(
        quarters[0].0.from,
        omnirx_core::domain::funnel::parse_iso_date("2025-10-01").unwrap()
    );
    assert_eq!(
        quarters[1].0.to,
        omnirx_core::domain::funnel::parse_iso_date("2026-03-31").unwrap()
    );
    let compiled = CompiledRules::compile(&rules, &DimensionIds::of(&w, &base.city_names));
    let ids = omnirx_core::domain::funnel::WorkspaceIds::of(&w);
    let membership = membership_by_quarter(&base, &index, None, &ids, &compiled, 2);
    // End of Q4 2025: only h2 has volume (20) → h2 A, h1 B.
    assert_eq!(membership[0].classification.segments, vec![1, 0]);
    // End of Q1 2026: h1 35, h2 20 → h1 A, h2 B.
    assert_eq!(membership[1].classification.segments, vec![0, 1]);
    let moved = transitions(&membership[0].classification, &membership[1].classification);
    // From B to A: h1; from A to B: h2.
    assert_eq!(moved.counts[1][0], 1);
    assert_eq!(moved.counts[0][1], 1);
    assert_eq!(moved.moved(), 2);
}

#[test]
fn the_demo_rule_sets_catch_everyone_and_the_report_adds_up() {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    let w = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ));
    assert_eq!(w.segment_rule_sets.len(), 2);
    for rule_set in &w.segment_rule_sets {
        let report = segments_report(&w, rule_set);
        let total: u64 = report.segments.iter().map(|s| s.size).sum();
        assert_eq!(total as usize, w.hcps.len());
        let caught: u64 = report.rules.iter().map(|r| r.caught).sum();
        let fallback = report
            .segments
            .iter()
            .find(|s| s.id == rule_set.fallback_segment_id)
            .map_or(0, |s| s.size);
        // Everyone is caught by a rule or lands in the fallback (which no rule names).
        assert_eq!(caught + fallback, total);
        assert!(
            report.segments.iter().all(|s| s.id.is_some()),
            "nobody unclassified"
        );
        let shares: f64 = report.segments.iter().filter_map(|s| s.volume_share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }
}

#[test]
fn a_file_with_broken_rules_is_refused_with_the_path() {
    use omnirx_core::domain::workspace_file::{export_workspace, import_workspace, ImportError};
    let mut w = workspace(vec![hcp("h1", "a1", 10)]);
    let mut broken = rule_set(
        vec![rule(
            "Z",
            vec![
                Condition::Potential {
                    min: Some(50),
                    max: Some(20),
                },
                Condition::Region {
                    any_of: vec!["west".into()],
                },
                Condition::VolumeDecile {
                    min: Some(0),
                    max: None,
                },
            ],
        )],
        Some("Y"),
    );
    broken.segments.push(broken.segments[0].clone());
    w.segment_rule_sets = vec![broken];
    let Err(ImportError::Invalid { problems, .. }) =
        import_workspace(export_workspace(&w).as_bytes())
    else {
        panic!("a file with broken rules was accepted");
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "segment_rule_sets[0].segments[3].id",
        "segment_rule_sets[0].fallback_segment_id",
        "segment_rule_sets[0].rules[0].segment_id",
        "segment_rule_sets[0].rules[0].conditions[0].max",
        "segment_rule_sets[0].rules[0].conditions[1].any_of[0]",
        "segment_rule_sets[0].rules[0].conditions[2].min",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
}

#[test]
fn list_conditions_round_trip_through_their_keys() {
    let condition = Condition::AccountType {
        any_of: vec![AccountType::TertiaryHospital, AccountType::RetailPharmacy],
    };
    let keys = condition.listed_keys().unwrap();
    assert_eq!(keys, vec!["tertiary_hospital", "retail_pharmacy"]);
    assert_eq!(condition.with_listed_keys(&keys), condition);
    // Unknown names are left out rather than failing.
    let fewer = condition.with_listed_keys(&["distributor".to_string(), "castle".to_string()]);
    assert_eq!(
        fewer,
        Condition::AccountType {
            any_of: vec![AccountType::Distributor]
        }
    );
    let region = Condition::Region {
        any_of: vec!["north".into()],
    };
    assert_eq!(region.listed_keys().unwrap(), vec!["north"]);
    assert_eq!(
        Condition::Potential {
            min: Some(1),
            max: None
        }
        .listed_keys(),
        None
    );
    assert_eq!(
        Condition::Potential {
            min: None,
            max: None
        }
        .with_range(Some(5), Some(9)),
        Condition::Potential {
            min: Some(5),
            max: Some(9)
        }
    );
}

#[test]
fn a_cells_members_are_listed_by_potential_then_id() {
    use omnirx_core::domain::segmentation::matrix::cell_members;
    // Four HCPs in the low-support, high-potential cell (stage 0, potential ≥ 50), one outside.
    let mut w = workspace(vec![
        hcp("h4", "a1", 60),
        hcp("h2", "a1", 90),
        hcp("h3", "a1", 60),
        hcp("h1", "a1", 55),
        hcp("h5", "a1", 10),
    ]);
    w.prescriptions = vec![units("2026-03", "h5", 10)];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let profiles = profiles_as_of(&base, &index, &[0, 0, 0, 0, 3], index.data_end.unwrap());
    let cutoffs = MatrixCutoffs {
        potential: vec![20, 50],
        support: vec![2, 4],
    };
    let members = cell_members(&w.hcps, &base, &profiles, &cutoffs, (2, 0));
    let ids: Vec<&str> = members.iter().map(|m| w.hcps[m.hcp].id.as_str()).collect();
    assert_eq!(ids, ["h2", "h3", "h4", "h1"]);
    assert_eq!(members[0].potential, 90);
    assert!(cell_members(&w.hcps, &base, &profiles, &cutoffs, (2, 2)).is_empty());
}
