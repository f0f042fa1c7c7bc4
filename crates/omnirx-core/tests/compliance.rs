//! Every rule of docs/compliance.md (market rules), on hand-built workspaces with hand-computed
//! answers, and on the "China compliance" demo.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::compliance::*;
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::*;
use omnirx_core::domain::model::*;
use omnirx_core::domain::segmentation::{profiles_as_of, CustomerBase, VolumeLevel};
use omnirx_core::domain::sharing::merge::merge;
use omnirx_core::domain::table_import::mapping::propose_mapping;
use omnirx_core::domain::table_import::plan::{plan_import, ImportContext};
use omnirx_core::domain::table_import::protocol::plan_view;
use omnirx_core::domain::table_import::schema::SheetKind;
use omnirx_core::domain::table_import::table_of_texts;
use omnirx_core::domain::table_import::undo::{undo_of, undone};
use omnirx_core::domain::time::{Month, Timestamp};
use omnirx_core::domain::workspace_file::{export_workspace, import_workspace};
use omnirx_core::i18n::Language;
use omnirx_core::view::customer_list::{account_rows, hcp_csv, hcp_rows, list_names};

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

/// A local time in Asia/Shanghai (UTC+8), e.g. "2026-01-05 10:00".
fn at(local: &str) -> Timestamp {
    Timestamp::parse(&format!("{}:00+08:00", local.replace(' ', "T"))).expect("a test time")
}

fn hcp(id: &str, account: &str) -> Hcp {
    Hcp {
        source: None,
        updated_at: None,
        id: id.into(),
        name: format!("Dr {id}"),
        account_id: account.into(),
        specialty: Specialty::Endocrinology,
        title: HcpTitle::AttendingPhysician,
        prescribing_potential: 10,
        influence: Influence::None,
        department_head: false,
        committee_member: false,
        preferred_channel_id: None,
        consent: Consent::default(),
    }
}

/// Accounts a1 (north, territory t1: HCPs h1 and h2) and a2 (south: h3); products p1 and p2;
/// rep r1 in t1, rep r2 in the south without a territory.
fn workspace(rules: MarketRules) -> Workspace {
    let account = |id: &str, region: &str, territory: Option<&str>| Account {
        source: None,
        updated_at: None,
        id: id.into(),
        name: format!("Hospital {id}"),
        account_type: AccountType::TertiaryHospital,
        region_id: region.into(),
        territory_id: territory.map(str::to_string),
        city: String::new(),
        tier: "A".into(),
    };
    let product = |id: &str| Product {
        source: None,
        updated_at: None,
        id: id.into(),
        name: format!("Product {id}"),
        therapeutic_area: String::new(),
    };
    let region = |id: &str| Region {
        source: None,
        id: id.into(),
        name: id.into(),
    };
    Workspace {
        settings: WorkspaceSettings {
            name: "compliance".into(),
            market_rules: rules,
            ..WorkspaceSettings::default()
        },
        products: vec![product("p1"), product("p2")],
        channels: vec![Channel {
            source: None,
            id: "visit".into(),
            name: "Visit".into(),
            kind: ChannelKind::RepVisit,
        }],
        regions: vec![region("north"), region("south")],
        territories: vec![Territory {
            source: None,
            id: "t1".into(),
            name: "Territory one".into(),
            region_id: "north".into(),
        }],
        reps: vec![
            Rep {
                source: None,
                updated_at: None,
                id: "r1".into(),
                name: "Rep one".into(),
                region_id: "north".into(),
                territory_id: Some("t1".into()),
            },
            Rep {
                source: None,
                updated_at: None,
                id: "r2".into(),
                name: "Rep two".into(),
                region_id: "south".into(),
                territory_id: None,
            },
        ],
        accounts: vec![
            account("a1", "north", Some("t1")),
            account("a2", "south", None),
        ],
        hcps: vec![hcp("h1", "a1"), hcp("h2", "a1"), hcp("h3", "a2")],
        ..Workspace::default()
    }
}

/// A record of `units` boxes at 10 each: by an HCP (`who` = h…) or for an account (a…).
fn rx(period: &str, who: &str, product: &str, units: i64) -> Prescription {
    let hcp = who.starts_with('h');
    Prescription {
        source: None,
        period: month(period),
        hcp_id: hcp.then(|| who.to_string()),
        account_id: (!hcp).then(|| who.to_string()),
        product_id: product.into(),
        units,
        value: units as f64 * 10.0,
    }
}

fn account_rx(period: &str, account: &str, product: &str, units: i64) -> Prescription {
    rx(period, account, product, units)
}

fn tiny(market: MarketRules) -> Workspace {
    generate_demo_workspace(
        DemoOptions::fixed(DemoScale::Tiny, 1, DataLanguage::English).with_market(market),
    )
}

fn units(workspace: &Workspace) -> i64 {
    workspace.prescriptions.iter().map(|p| p.units).sum()
}

#[test]
fn rule_01_the_setting_is_in_the_file_only_when_on() {
    let standard = export_workspace(&workspace(MarketRules::Standard));
    assert!(!standard.contains("market_rules"));
    let china = export_workspace(&workspace(MarketRules::China));
    assert!(china.contains(r#""market_rules": "china""#));
    let back = import_workspace(china.as_bytes()).expect("a valid file");
    assert_eq!(back.workspace.settings.market_rules, MarketRules::China);
    assert!(MarketRules::China.forbids_hcp_prescriptions());
    assert!(MarketRules::China.forbids_rep_quotas());
    assert!(!MarketRules::Standard.forbids_hcp_prescriptions());
}

#[test]
fn rule_02_switching_china_on_aggregates_in_the_same_step_and_off_keeps_the_accounts() {
    let mut w = workspace(MarketRules::Standard);
    w.prescriptions = vec![rx("2026-01", "h1", "p1", 5), rx("2026-01", "h2", "p1", 3)];
    assert_eq!(hcp_level_prescriptions(&w), 2);
    assert!(check(&w).obeys(), "standard rules allow HCP-level records");

    let done = set_market_rules(&mut w, MarketRules::China);
    assert_eq!(w.settings.market_rules, MarketRules::China);
    assert_eq!(done.hcp_records, 2);
    assert_eq!(w.prescriptions, vec![account_rx("2026-01", "a1", "p1", 8)]);
    assert!(check(&w).obeys());

    // Off again: the rules change, the account-level records stay (the HCP figures are gone).
    let done = set_market_rules(&mut w, MarketRules::Standard);
    assert!(done.is_empty());
    assert_eq!(w.prescriptions, vec![account_rx("2026-01", "a1", "p1", 8)]);
}

#[test]
fn rule_03_aggregation_sums_units_and_value_per_account_product_and_month() {
    let mut w = workspace(MarketRules::Standard);
    w.prescriptions = vec![
        rx("2026-01", "h1", "p1", 5),
        rx("2026-01", "h2", "p1", 3),
        rx("2026-01", "h1", "p2", 2),
        rx("2026-02", "h1", "p1", 4),
        rx("2026-01", "h3", "p1", 7),
    ];
    let done = aggregate_to_accounts(&mut w);
    assert_eq!(
        done,
        Aggregation {
            hcp_records: 5,
            new_account_records: 4,
            added_to_existing: 0,
            without_account: 0,
        }
    );
    // In the order of each key's first record.
    assert_eq!(
        w.prescriptions,
        vec![
            account_rx("2026-01", "a1", "p1", 8),
            account_rx("2026-01", "a1", "p2", 2),
            account_rx("2026-02", "a1", "p1", 4),
            account_rx("2026-01", "a2", "p1", 7),
        ]
    );
    assert_eq!(w.prescriptions[0].value, 80.0);
}

#[test]
fn rule_04_an_existing_account_record_is_added_to_never_doubled_nor_lost() {
    let mut w = workspace(MarketRules::Standard);
    w.prescriptions = vec![
        account_rx("2026-01", "a1", "p1", 10),
        rx("2026-01", "h1", "p1", 5),
        account_rx("2026-01", "a2", "p1", 1),
        rx("2026-01", "h2", "p1", 3),
        rx("2026-02", "h3", "p1", 2),
    ];
    let before_units = units(&w);
    let done = aggregate_to_accounts(&mut w);
    assert_eq!(
        done,
        Aggregation {
            hcp_records: 3,
            new_account_records: 1,
            added_to_existing: 1,
            without_account: 0,
        }
    );
    // The account-level records keep their places; the new one follows them.
    assert_eq!(
        w.prescriptions,
        vec![
            account_rx("2026-01", "a1", "p1", 18),
            account_rx("2026-01", "a2", "p1", 1),
            account_rx("2026-02", "a2", "p1", 2),
        ]
    );
    assert_eq!(w.prescriptions[0].value, 180.0);
    assert_eq!(units(&w), before_units);
}

#[test]
fn rule_04_the_records_own_account_comes_before_the_hcps() {
    let mut w = workspace(MarketRules::Standard);
    // h1 works at a1 but this record was filled at a2.
    w.prescriptions = vec![Prescription {
        account_id: Some("a2".into()),
        ..rx("2026-01", "h1", "p1", 5)
    }];
    aggregate_to_accounts(&mut w);
    assert_eq!(w.prescriptions, vec![account_rx("2026-01", "a2", "p1", 5)]);
}

#[test]
fn rule_05_records_without_a_known_account_are_counted_not_hidden() {
    let mut w = workspace(MarketRules::Standard);
    w.prescriptions = vec![
        rx("2026-01", "h-ghost", "p1", 5),
        Prescription {
            account_id: Some("a2".into()),
            ..rx("2026-01", "h-ghost", "p1", 4)
        },
        // The record's account is unknown, but its HCP's is not.
        Prescription {
            account_id: Some("nowhere".into()),
            ..rx("2026-01", "h1", "p1", 3)
        },
    ];
    let done = aggregate_to_accounts(&mut w);
    assert_eq!(done.without_account, 1);
    assert_eq!(done.hcp_records, 2);
    assert_eq!(
        w.prescriptions,
        vec![
            account_rx("2026-01", "a2", "p1", 4),
            account_rx("2026-01", "a1", "p1", 3),
        ]
    );
}

fn prescribing_funnel() -> FunnelDefinition {
    FunnelDefinition {
        id: "rx".into(),
        name: "rx".into(),
        steps: vec![
            FunnelStep {
                name: "detailed".into(),
                condition: StepCondition::Interaction {
                    kinds: vec![InteractionKind::Visit],
                    channel_ids: vec![],
                    product_ids: vec![],
                    outcomes: vec![Outcome::Detailed],
                },
            },
            FunnelStep {
                name: "trial".into(),
                condition: StepCondition::FirstPrescription {
                    product_ids: vec![],
                },
            },
        ],
        unit: CountingUnit::Hcp,
        order: StepOrder::Ordered,
        window: ConversionWindow {
            amount: 6,
            unit: WindowUnit::Months,
        },
        period: None,
        percent_of: PercentBase::FirstStep,
        manual_counts: None,
    }
}

fn visit(when: &str, hcp: &str) -> Interaction {
    Interaction {
        source: None,
        at: at(when),
        hcp_id: hcp.into(),
        rep_id: Some("r1".into()),
        channel_id: "visit".into(),
        kind: InteractionKind::Visit,
        product_id: None,
        outcome: Outcome::Detailed,
        notes: String::new(),
    }
}

fn counts(w: &Workspace, funnel: &FunnelDefinition) -> (Vec<u64>, bool) {
    let report = funnel_report(w, funnel, &ReportOptions::default()).unwrap();
    (
        report.summary.counts(),
        report.counted_per_account_by_market_rules,
    )
}

#[test]
fn rule_06_funnels_of_hcps_with_prescription_steps_count_accounts() {
    let mut w = workspace(MarketRules::Standard);
    w.interactions = vec![
        visit("2026-01-10 09:00", "h1"),
        visit("2026-01-12 09:00", "h2"),
    ];
    w.prescriptions = vec![account_rx("2026-02", "a1", "p1", 5)];
    let funnel = prescribing_funnel();
    // Standard: two HCPs detailed; an account-level record is no HCP's trial.
    assert_eq!(counts(&w, &funnel), (vec![2, 0], false));
    // China: the funnel counts accounts: a1 (its HCPs detailed) tried in February.
    w.settings.market_rules = MarketRules::China;
    assert_eq!(
        funnel_unit(&funnel, MarketRules::China),
        CountingUnit::Account
    );
    assert_eq!(counts(&w, &funnel), (vec![1, 1], true));
    // A funnel of interactions only keeps counting HCPs.
    let mut interactions_only = funnel.clone();
    interactions_only.steps[1] = FunnelStep {
        name: "any".into(),
        condition: StepCondition::any_interaction(),
    };
    assert_eq!(
        funnel_unit(&interactions_only, MarketRules::China),
        CountingUnit::Hcp
    );
    assert!(!counts(&w, &interactions_only).1);
}

#[test]
fn rule_06_the_account_funnel_counts_the_same_before_and_after_aggregation() {
    let standard = tiny(MarketRules::Standard);
    let mut funnel = default_funnel(false);
    funnel.unit = CountingUnit::Account;
    let mut aggregated = standard.clone();
    set_market_rules(&mut aggregated, MarketRules::China);
    assert_eq!(counts(&standard, &funnel).0, counts(&aggregated, &funnel).0);
    // The default funnel (of HCPs, with prescription steps) is counted per account under China.
    let (china_counts, per_account) = counts(&aggregated, &default_funnel(false));
    assert!(per_account);
    assert_eq!(china_counts, counts(&standard, &funnel).0);
}

#[test]
fn rule_07_a_file_that_breaks_the_rules_still_shows_no_hcp_figures() {
    let mut w = workspace(MarketRules::China);
    w.prescriptions = vec![rx("2026-01", "h1", "p1", 5), rx("2026-02", "h3", "p1", 2)];
    assert!(!check(&w).obeys());
    assert_eq!(check(&w).hcp_prescriptions, 2);
    // The HCP index gives no HCP a prescription; the account index has them at the accounts.
    let hcps = FunnelIndex::build(&w, CountingUnit::Hcp);
    assert!(hcps.prescriptions.is_empty());
    let accounts = hcps.accounts_from_hcps(&w);
    assert_eq!(accounts.prescriptions_of(0).len(), 1);
    assert_eq!(accounts.prescriptions_of(1).len(), 1);
    assert_eq!(accounts, FunnelIndex::build(&w, CountingUnit::Account));
    // The segmentation base holds no HCP's units.
    let base = CustomerBase::build(&w);
    assert_eq!(base.volume_level, VolumeLevel::Account);
    assert!(base.monthly_units.is_empty());
    assert_eq!(
        base.account_monthly_units_of(0),
        &[(month("2026-01").index(), 5)]
    );
}

#[test]
fn rule_08_volume_and_deciles_are_the_accounts_under_china_rules() {
    let mut w = workspace(MarketRules::China);
    w.prescriptions = vec![
        account_rx("2026-01", "a1", "p1", 20),
        account_rx("2026-03", "a1", "p2", 10),
        account_rx("2026-02", "a2", "p1", 10),
    ];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let end = index.data_end.expect("the data ends in March");
    let profiles = profiles_as_of(&base, &index, &[0, 0, 0], end);
    // a1: 30 units, a2: 10. Among 2 accounts: a1 has 1 lower → decile 1 + 10·1/2 = 6; a2: 1.
    assert_eq!(profiles.account_volumes, vec![30, 10]);
    let figures: Vec<(i64, u8)> = profiles
        .figures
        .iter()
        .map(|f| (f.volume, f.volume_decile))
        .collect();
    assert_eq!(figures, vec![(30, 6), (30, 6), (10, 1)]);

    // The same records under standard rules give no HCP any volume (they are account-level).
    w.settings.market_rules = MarketRules::Standard;
    let base = CustomerBase::build(&w);
    let profiles = profiles_as_of(&base, &index, &[0, 0, 0], end);
    assert!(profiles.figures.iter().all(|f| f.volume == 0));
    assert!(profiles.account_volumes.is_empty());
}

#[test]
fn rule_09_the_customer_lists_say_account_volume_and_never_sum_it_per_hcp() {
    let mut w = workspace(MarketRules::China);
    w.prescriptions = vec![
        account_rx("2026-01", "a1", "p1", 30),
        account_rx("2026-02", "a2", "p1", 10),
    ];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let base = CustomerBase::build(&w);
    let profiles = profiles_as_of(&base, &index, &[0, 0, 0], index.data_end.unwrap());
    // a1 has two HCPs: its row shows its own 30, not 2 × 30.
    let accounts: Vec<i64> = account_rows(&w, &base, &profiles)
        .iter()
        .map(|r| r.volume)
        .collect();
    assert_eq!(accounts, vec![30, 10]);
    let rows = hcp_rows(&w, &base, &profiles, None);
    let names = list_names(&w, &base, Vec::new());
    let csv = hcp_csv(&rows, &[0, 1, 2], &names, Language::English);
    assert!(csv.headers.contains(&"Account volume".to_string()));
    assert!(csv.headers.contains(&"Account volume decile".to_string()));
    assert!(!csv.headers.contains(&"Volume".to_string()));
    let zh = hcp_csv(&rows, &[0], &names, Language::SimplifiedChinese);
    assert!(zh.headers.contains(&"所在医院处方量".to_string()));
}

#[test]
fn rule_10_rep_targets_are_shown_under_their_territory_or_region_never_as_quotas() {
    let target = |rep: Option<&str>, territory: Option<&str>| Target {
        source: None,
        updated_at: None,
        period: month("2026-01"),
        rep_id: rep.map(str::to_string),
        region_id: None,
        territory_id: territory.map(str::to_string),
        account_id: None,
        product_id: "p1".into(),
        units: 100,
        value: 0.0,
    };
    let mut w = workspace(MarketRules::China);
    w.targets = vec![
        target(Some("r1"), None),
        target(Some("r2"), None),
        target(None, Some("t1")),
        Target {
            account_id: Some("a2".into()),
            ..target(Some("r2"), None)
        },
    ];
    assert_eq!(target_holder(&w.targets[0]), TargetHolder::Rep("r1"));
    let shown: Vec<TargetHolder> = w.targets.iter().map(|t| shown_holder(&w, t)).collect();
    assert_eq!(
        shown,
        vec![
            TargetHolder::Territory("t1"),
            TargetHolder::Region("south"),
            TargetHolder::Territory("t1"),
            TargetHolder::Account("a2"),
        ]
    );
    // Stored rep targets are counted, and do not break the rules: showing them would.
    let found = check(&w);
    assert_eq!(found.rep_targets, 3);
    assert!(found.obeys());
    w.settings.market_rules = MarketRules::Standard;
    assert_eq!(shown_holder(&w, &w.targets[0]), TargetHolder::Rep("r1"));
    assert_eq!(check(&w).rep_targets, 0);
}

#[test]
fn rule_11_an_imported_file_is_settled_before_it_is_written() {
    use MarketRules::*;
    assert_eq!(incoming_rules(Standard, None), Standard);
    assert_eq!(incoming_rules(China, None), China);
    assert_eq!(incoming_rules(Standard, Some(China)), China);
    assert_eq!(incoming_rules(China, Some(Standard)), China);
    assert_eq!(incoming_rules(Standard, Some(Standard)), Standard);

    let mut file = workspace(Standard);
    file.prescriptions = vec![
        rx("2026-01", "h1", "p1", 5),
        account_rx("2026-01", "a2", "p1", 1),
    ];
    assert_eq!(incoming_hcp_prescriptions(&file, Standard), 0);
    assert_eq!(incoming_hcp_prescriptions(&file, China), 1);

    let mut aggregated = file.clone();
    let settled = settle_incoming(&mut aggregated, China, IncomingChoice::AggregateToAccounts);
    assert_eq!(settled.aggregation.hcp_records, 1);
    assert_eq!(aggregated.settings.market_rules, China);
    assert_eq!(
        aggregated.prescriptions,
        vec![
            account_rx("2026-01", "a2", "p1", 1),
            account_rx("2026-01", "a1", "p1", 5),
        ]
    );
    let mut left = file.clone();
    let settled = settle_incoming(&mut left, China, IncomingChoice::LeaveOut);
    assert_eq!(settled.left_out, 1);
    assert_eq!(
        left.prescriptions,
        vec![account_rx("2026-01", "a2", "p1", 1)]
    );
    // Under standard rules nothing changes.
    let mut kept = file.clone();
    assert_eq!(
        settle_incoming(&mut kept, Standard, IncomingChoice::LeaveOut),
        Settled::default()
    );
    assert_eq!(kept, file);
}

fn context() -> ImportContext {
    ImportContext {
        today: CalendarDate::new(2026, 11, 30).unwrap(),
        chinese_names: false,
        now: omnirx_core::domain::time::Timestamp(1_796_000_000),
    }
}

#[test]
fn rule_12_a_sales_table_into_a_china_workspace_is_flagged_aggregated_and_undoable() {
    let mut before = workspace(MarketRules::China);
    before.prescriptions = vec![account_rx("2026-01", "a1", "p1", 10)];
    let table = table_of_texts(
        "Sales",
        &[
            &["Month", "HCP ID", "Product", "Units", "Value"],
            &["2026-01", "h1", "p1", "5", "50"],
            &["2026-01", "h2", "p1", "3", "30"],
            &["2026-02", "h3", "p1", "2", "20"],
        ],
    );
    let mapping = propose_mapping(&table, Some(SheetKind::Sales)).mapping;
    let plan = plan_import(&before, &table, &mapping, context()).expect("a complete mapping");
    assert_eq!(plan.hcp_prescriptions, 3);
    assert_eq!(
        plan_view(&plan, vec![], MarketRules::China).hcp_prescriptions,
        3
    );
    assert_eq!(
        plan_view(&plan, vec![], MarketRules::Standard).hcp_prescriptions,
        0
    );
    let mut after = plan.workspace;
    let settled = settle_incoming(&mut after, MarketRules::China, IncomingChoice::default());
    assert_eq!(settled.aggregation.added_to_existing, 1);
    assert_eq!(
        after.prescriptions,
        vec![
            account_rx("2026-01", "a1", "p1", 18),
            account_rx("2026-02", "a2", "p1", 2),
        ]
    );
    // The import's undo puts the workspace back as it was.
    let undo = undo_of("w", &before, &after);
    assert_eq!(undone(&after, &undo).expect("undoable"), before);
}

/// A target's rep, territory and account, and its units.
type Holders<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, i64);

#[test]
fn rule_13_the_targets_sheet_takes_territory_and_account_columns() {
    let w = workspace(MarketRules::China);
    let table = table_of_texts(
        "Targets",
        &[
            &["Month", "Territory", "Account ID", "Product", "Units"],
            &["2026-01", "Territory one", "", "p1", "100"],
            &["2026-01", "", "a2", "p1", "40"],
        ],
    );
    let mapping = propose_mapping(&table, Some(SheetKind::Targets)).mapping;
    let plan = plan_import(&w, &table, &mapping, context()).expect("a complete mapping");
    let holders: Vec<Holders> = plan
        .workspace
        .targets
        .iter()
        .map(|t| {
            (
                t.rep_id.as_deref(),
                t.territory_id.as_deref(),
                t.account_id.as_deref(),
                t.units,
            )
        })
        .collect();
    assert_eq!(
        holders,
        vec![(None, Some("t1"), None, 100), (None, None, Some("a2"), 40)]
    );
    // The same month, holder and product again is an update, not a second target.
    let again = table_of_texts(
        "Targets",
        &[
            &["Month", "Territory", "Account ID", "Product", "Units"],
            &["2026-01", "Territory one", "", "p1", "120"],
        ],
    );
    let second = plan_import(&plan.workspace, &again, &mapping, context()).unwrap();
    assert_eq!(second.workspace.targets.len(), 2);
    assert_eq!(second.workspace.targets[0].units, 120);
    assert_eq!(second.counts["targets"].updated, 1);
}

#[test]
fn rule_14_merging_into_a_china_workspace_aggregates_theirs() {
    let mine = workspace(MarketRules::China);
    let mut theirs = workspace(MarketRules::Standard);
    theirs.prescriptions = vec![rx("2026-01", "h1", "p1", 5), rx("2026-01", "h2", "p1", 3)];
    let merged = merge(&mine, &theirs, &Default::default(), None);
    assert_eq!(merged.aggregation.hcp_records, 2);
    // The account's record is theirs: it remembers their file.
    assert_eq!(
        merged.workspace.prescriptions,
        vec![omnirx_core::domain::model::Prescription {
            source: std::num::NonZeroU16::new(1),
            ..account_rx("2026-01", "a1", "p1", 8)
        }]
    );
    assert!(check(&merged.workspace).obeys());
}

#[test]
fn rule_15_the_china_demo_is_the_standard_demo_under_china_rules() {
    let standard = tiny(MarketRules::Standard);
    let china = tiny(MarketRules::China);
    assert_eq!(china, tiny(MarketRules::China), "deterministic");
    assert_eq!(china.settings.market_rules, MarketRules::China);
    assert!(china.settings.name.ends_with("China compliance"));
    assert_eq!(china.interactions, standard.interactions);
    assert_eq!(china.hcps, standard.hcps);
    assert!(check(&china).obeys());
    assert_eq!(hcp_level_prescriptions(&china), 0);
    assert_eq!(units(&china), units(&standard));
    // Targets per account, territory and region; never a rep's.
    assert!(china.targets.iter().all(|t| t.rep_id.is_none()));
    assert!(china.targets.iter().any(|t| t.account_id.is_some()));
    assert!(china
        .targets
        .iter()
        .any(|t| t.territory_id.is_some() && t.account_id.is_none()));
    let region_total: i64 = china
        .targets
        .iter()
        .filter(|t| t.territory_id.is_none() && t.account_id.is_none())
        .map(|t| t.units)
        .sum();
    let rep_total: i64 = standard.targets.iter().map(|t| t.units).sum();
    assert_eq!(
        region_total, rep_total,
        "regions hold the sum of the reps' targets"
    );
    // Its file names no HCP in a prescription, and says China.
    let file = export_workspace(&china);
    let back = import_workspace(file.as_bytes()).expect("a valid file");
    assert_eq!(back.workspace, china);
    let prescriptions = file
        .split("\"prescriptions\"")
        .nth(1)
        .and_then(|rest| rest.split("\"targets\"").next())
        .unwrap();
    assert!(!prescriptions.contains("hcp_id"));
    // The file satisfies the published JSON Schema.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/omnirx-workspace.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let value: serde_json::Value = serde_json::from_str(&file).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The standard demo keeps its HCP-level prescriptions and rep targets.
    assert!(hcp_level_prescriptions(&standard) > 0);
    assert!(standard.targets.iter().all(|t| t.rep_id.is_some()));
    assert_eq!(standard.settings.market_rules, MarketRules::Standard);
}

#[test]
fn rule_08_no_segment_or_matrix_cell_gets_a_share_of_prescriptions_under_china_rules() {
    use omnirx_core::domain::segmentation::matrix::{build_matrix, MatrixCutoffs};
    use omnirx_core::domain::segmentation::report::{current_profiles, segments_report};
    let standard = tiny(MarketRules::Standard);
    let china = tiny(MarketRules::China);
    let report = segments_report(&standard, &standard.segment_rule_sets[0]);
    assert!(report.segments.iter().all(|s| s.volume_share.is_some()));
    let report = segments_report(&china, &china.segment_rule_sets[0]);
    assert!(report.segments.iter().all(|s| s.volume_share.is_none()));
    // The same HCPs in the same segments' sizes: only the shares are gone.
    assert_eq!(report.hcp_count, standard.hcps.len());
    let index = FunnelIndex::build(&china, CountingUnit::Hcp);
    let base = CustomerBase::build(&china);
    let profiles = current_profiles(&china, &base, &index);
    let matrix = build_matrix(&base, &profiles, &MatrixCutoffs::default_for(&base));
    assert!(matrix.cells.iter().all(|c| c.volume_share == 0.0));
    assert_eq!(
        matrix.cells.iter().map(|c| c.count).sum::<u64>(),
        china.hcps.len() as u64
    );
}
