//! The rules of `docs/kpis.md`, each on a small workspace whose answers are computed by hand.

use omnirx_core::domain::model::{MarketRules, PerformanceSettings, Workspace};
use omnirx_core::domain::performance::attainment::{elapsed_share, status};
use omnirx_core::domain::performance::calendar::{is_working_day, working_days_in_month};
use omnirx_core::domain::performance::outlook::outlook;
use omnirx_core::domain::performance::{
    activity_table, attainment_table, effort_outcome, follow_up, ActivityDimension,
    AttainmentQuery, Dimension, Measure, Notice, PerformanceData, Period, Scope, Source, Status,
};
use omnirx_core::domain::time::Month;
use serde_json::json;

/// Two regions; r1 has territories t1 (rep p1, account a1 tier A with h1 and the KOL h2) and t2
/// (rep p2, account a2 tier C with h3); r2 has t3 (rep p3, account a3 tier B with h4 and h5).
/// January 2026: p1 visits h1 twice and h2 once, an e-mail goes to h1 (and is opened), p2 visits
/// h3; p3 visits h4 on 2 February. h5 is never contacted.
fn workspace() -> Workspace {
    let visit = |at: &str, hcp: &str, rep: &str| json!({"at": at, "hcp_id": hcp, "rep_id": rep, "channel_id": "visit", "kind": "visit", "outcome": "engaged"});
    serde_json::from_value(json!({
        "settings": {"name": "Team", "time_zone": "Asia/Shanghai",
            "calendar": {"holidays": ["2026-01-01"], "working_days": ["2026-01-04"]}},
        "products": [{"id": "x", "name": "X"}],
        "channels": [{"id": "visit", "name": "Visit", "kind": "rep_visit"},
                     {"id": "email", "name": "E-mail", "kind": "email"}],
        "regions": [{"id": "r1", "name": "North"}, {"id": "r2", "name": "South"}],
        "territories": [{"id": "t1", "name": "T1", "region_id": "r1"},
                        {"id": "t2", "name": "T2", "region_id": "r1"},
                        {"id": "t3", "name": "T3", "region_id": "r2"}],
        "reps": [{"id": "p1", "name": "P1", "region_id": "r1", "territory_id": "t1"},
                 {"id": "p2", "name": "P2", "region_id": "r1", "territory_id": "t2"},
                 {"id": "p3", "name": "P3", "region_id": "r2", "territory_id": "t3"}],
        "accounts": [
            {"id": "a1", "name": "A1", "account_type": "tertiary_hospital", "region_id": "r1", "territory_id": "t1", "tier": "A"},
            {"id": "a2", "name": "A2", "account_type": "community_clinic", "region_id": "r1", "territory_id": "t2", "tier": "C"},
            {"id": "a3", "name": "A3", "account_type": "secondary_hospital", "region_id": "r2", "territory_id": "t3", "tier": "B"}],
        "hcps": [
            {"id": "h1", "name": "H1", "account_id": "a1", "specialty": "cardiology", "title": "attending_physician"},
            {"id": "h2", "name": "H2", "account_id": "a1", "specialty": "cardiology", "title": "chief_physician", "influence": "kol"},
            {"id": "h3", "name": "H3", "account_id": "a2", "specialty": "general_practice", "title": "attending_physician"},
            {"id": "h4", "name": "H4", "account_id": "a3", "specialty": "cardiology", "title": "attending_physician"},
            {"id": "h5", "name": "H5", "account_id": "a3", "specialty": "cardiology", "title": "resident_physician", "prescribing_potential": 30}],
        "interactions": [
            visit("2026-01-05T02:00:00Z", "h1", "p1"),
            visit("2026-01-06T02:00:00Z", "h1", "p1"),
            visit("2026-01-07T02:00:00Z", "h2", "p1"),
            {"at": "2026-01-08T02:00:00Z", "hcp_id": "h1", "channel_id": "email", "kind": "email_sent", "outcome": "no_response"},
            {"at": "2026-01-08T05:00:00Z", "hcp_id": "h1", "channel_id": "email", "kind": "email_opened", "outcome": "engaged"},
            visit("2026-01-12T02:00:00Z", "h3", "p2"),
            visit("2026-02-02T02:00:00Z", "h4", "p3")],
        "prescriptions": [
            {"period": "2025-01", "hcp_id": "h1", "account_id": "a1", "product_id": "x", "units": 10, "value": 100.0},
            {"period": "2025-12", "hcp_id": "h3", "account_id": "a2", "product_id": "x", "units": 4, "value": 40.0},
            {"period": "2026-01", "hcp_id": "h1", "account_id": "a1", "product_id": "x", "units": 20, "value": 200.0},
            {"period": "2026-01", "hcp_id": "h2", "account_id": "a1", "product_id": "x", "units": 5, "value": 50.0},
            {"period": "2026-01", "hcp_id": "h3", "account_id": "a2", "product_id": "x", "units": 8, "value": 80.0},
            {"period": "2026-02", "hcp_id": "h4", "account_id": "a3", "product_id": "x", "units": 6, "value": 60.0},
            {"period": "2026-01", "account_id": "a3", "product_id": "x", "units": 100, "value": 1000.0}],
        "targets": [
            {"period": "2026-01", "rep_id": "p1", "region_id": "r1", "product_id": "x", "units": 20, "value": 200.0},
            {"period": "2026-01", "rep_id": "p2", "region_id": "r1", "product_id": "x", "units": 10, "value": 100.0},
            {"period": "2026-01", "region_id": "r2", "product_id": "x", "units": 0, "value": 0.0}]
    }))
    .expect("the fixture is a workspace")
}

fn january() -> Period {
    Period::Month {
        month: Month::new(2026, 1).unwrap(),
    }
}

fn query(dimension: Dimension) -> AttainmentQuery {
    AttainmentQuery {
        period: january(),
        measure: Measure::Units,
        source: Source::Prescriptions,
        dimension,
        scope: Scope::default(),
    }
}

#[test]
fn periods_read_and_step() {
    let cases = [
        ("2026-01", "2026-01", "2026-01", Some("2025-12"), "2025-01"),
        ("2026-Q1", "2026-01", "2026-03", Some("2025-Q4"), "2025-Q1"),
        ("2026-Q3", "2026-07", "2026-09", Some("2026-Q2"), "2025-Q3"),
        ("2026-10-ytd", "2026-01", "2026-10", None, "2025-10-ytd"),
        ("2026", "2026-01", "2026-12", Some("2025"), "2025"),
    ];
    for (text, first, last, previous, year) in cases {
        let period = Period::parse(text).unwrap();
        let (from, to) = period.months();
        assert_eq!(
            (from.to_string().as_str(), to.to_string().as_str()),
            (first, last),
            "{text}"
        );
        assert_eq!(
            period.previous().map(Period::key).as_deref(),
            previous,
            "{text}"
        );
        assert_eq!(period.year_earlier().key(), year, "{text}");
        assert_eq!(period.key(), text);
    }
    for bad in ["2026-13", "2026-Q5", "26", "Q1", ""] {
        assert!(Period::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn working_days_follow_the_calendar() {
    let workspace = workspace();
    let calendar = &workspace.settings.calendar;
    // January 2026: 22 weekdays, minus the holiday on Thursday 1 January, plus Sunday 4 January
    // worked in exchange.
    assert_eq!(
        working_days_in_month(calendar, Month::new(2026, 1).unwrap()),
        22
    );
    assert!(!is_working_day(calendar, "2026-01-01".parse().unwrap()));
    assert!(is_working_day(calendar, "2026-01-04".parse().unwrap()));
    assert!(!is_working_day(calendar, "2026-01-03".parse().unwrap()));
    assert!(is_working_day(calendar, "2026-01-05".parse().unwrap()));
}

#[test]
fn status_compares_attainment_with_the_share_of_the_period_elapsed() {
    let settings = PerformanceSettings::default(); // on track from 95 %, at risk from 85 %
    let cases = [
        (1.10, 1.0, Some(Status::OnTrack)),
        (0.95, 1.0, Some(Status::OnTrack)),
        (0.90, 1.0, Some(Status::AtRisk)),
        (0.85, 1.0, Some(Status::AtRisk)),
        (0.50, 1.0, Some(Status::Behind)),
        (0.50, 0.5, Some(Status::OnTrack)),
        (0.30, 0.5, Some(Status::Behind)),
        (0.20, 0.0, None),
    ];
    for (attainment, elapsed, expected) in cases {
        assert_eq!(
            status(attainment, elapsed, &settings),
            expected,
            "{attainment} at {elapsed}"
        );
    }
    let q1 = Period::parse("2026-Q1").unwrap();
    assert!((elapsed_share(q1, Month::new(2026, 2)) - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(elapsed_share(q1, Month::new(2025, 12)), 0.0);
    assert_eq!(elapsed_share(q1, Month::new(2026, 9)), 1.0);
}

#[test]
fn attainment_by_region_adds_up_the_targets_below_and_shows_zero_targets_as_a_dash() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let table = attainment_table(&data, &workspace, &query(Dimension::Region));
    let north = table.rows.iter().find(|r| r.id == "r1").unwrap();
    // Actual: h1 20 + h2 5 + h3 8; target: no region target, so t1 (p1: 20) + t2 (p2: 10).
    assert_eq!(north.actual, 33.0);
    assert_eq!(north.target, Some(30.0));
    assert_eq!(north.attainment, Some(1.1));
    assert_eq!(north.gap, Some(3.0));
    // A year earlier: h1's 10; the month before: h3's 4.
    assert_eq!(north.growth_year, Some(2.3));
    assert_eq!(north.growth_previous, Some(7.25));
    assert_eq!(north.status, Some(Status::OnTrack));
    let south = table.rows.iter().find(|r| r.id == "r2").unwrap();
    assert_eq!(
        (south.target, south.attainment, south.status),
        (Some(0.0), None, None)
    );
    assert_eq!(table.total.actual, 33.0);
    assert_eq!(table.total.target, Some(30.0));
    assert_eq!(table.elapsed, 1.0);
    assert!(table.rows.iter().all(|r| r.actual.is_finite()));
}

#[test]
fn sales_and_value_are_the_other_actuals() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let mut sales = query(Dimension::Region);
    sales.source = Source::Sales;
    let table = attainment_table(&data, &workspace, &sales);
    assert_eq!(
        table.rows.iter().find(|r| r.id == "r2").unwrap().actual,
        100.0
    );
    assert_eq!(table.total.actual, 100.0);
    let mut value = query(Dimension::Region);
    value.measure = Measure::Value;
    let table = attainment_table(&data, &workspace, &value);
    assert_eq!(table.total.actual, 330.0);
    assert_eq!(table.total.target, Some(300.0));
}

#[test]
fn drilling_down_narrows_to_a_region_then_a_territory_then_a_rep() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let mut drill = query(Dimension::Territory);
    drill.scope.region = Some("r1".into());
    let territories = attainment_table(&data, &workspace, &drill);
    let ids: Vec<&str> = territories.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2"]); // t1 25/20 = 125 %, t2 8/10 = 80 %
    assert_eq!(territories.rows[1].status, Some(Status::Behind));
    drill.dimension = Dimension::Rep;
    drill.scope.territory = Some("t1".into());
    let reps = attainment_table(&data, &workspace, &drill);
    assert_eq!(reps.rows.len(), 1);
    assert_eq!(
        (reps.rows[0].id.as_str(), reps.rows[0].actual),
        ("p1", 25.0)
    );
    drill.dimension = Dimension::Account;
    drill.scope.rep = Some("p1".into());
    let accounts = attainment_table(&data, &workspace, &drill);
    assert_eq!(accounts.rows.len(), 1);
    assert_eq!(
        (accounts.rows[0].id.as_str(), accounts.rows[0].target),
        ("a1", None)
    );
    assert_eq!(accounts.total.target, Some(20.0));
}

#[test]
fn tiers_and_products_are_dimensions_too() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let tiers = attainment_table(&data, &workspace, &query(Dimension::Tier));
    let actual = |id: &str| tiers.rows.iter().find(|r| r.id == id).map(|r| r.actual);
    assert_eq!(
        (actual("A"), actual("B"), actual("C")),
        (Some(25.0), Some(0.0), Some(8.0))
    );
    assert!(tiers.rows.iter().all(|r| r.target.is_none())); // no account holds a target
    let products = attainment_table(&data, &workspace, &query(Dimension::Product));
    assert_eq!(products.rows[0].target, Some(30.0));
}

#[test]
fn market_rules_hide_reps_quotas_but_not_their_activity() {
    let mut workspace = workspace();
    workspace.settings.market_rules = MarketRules::China;
    let data = PerformanceData::build(&workspace);
    let reps = attainment_table(&data, &workspace, &query(Dimension::Rep));
    assert!(reps.quota_hidden);
    assert!(reps
        .rows
        .iter()
        .all(|r| r.target.is_none() && r.status.is_none()));
    let regions = attainment_table(&data, &workspace, &query(Dimension::Region));
    assert!(!regions.quota_hidden);
    assert_eq!(regions.total.target, Some(30.0));
    let activity = activity_table(
        &data,
        &workspace,
        january(),
        ActivityDimension::Rep,
        &Scope::default(),
    );
    assert_eq!(activity.rows.len(), 3);
}

#[test]
fn duplicate_overlapping_and_unknown_targets_are_notices() {
    let mut workspace = workspace();
    let mut duplicate = workspace.targets[0].clone();
    duplicate.units = 999;
    workspace.targets.push(duplicate);
    let mut own = workspace.targets[2].clone();
    own.region_id = Some("r1".into());
    own.units = 50;
    workspace.targets.push(own);
    let mut unknown = workspace.targets[0].clone();
    unknown.rep_id = Some("nobody".into());
    workspace.targets.push(unknown);
    let data = PerformanceData::build(&workspace);
    let table = attainment_table(&data, &workspace, &query(Dimension::Region));
    // r1's own target (50) is used; its reps' (20 + 10) overlap it; the duplicate is ignored.
    assert_eq!(
        table.rows.iter().find(|r| r.id == "r1").unwrap().target,
        Some(50.0)
    );
    assert!(table.notices.contains(&Notice::DuplicateTarget {
        path: "targets[3]".into(),
        first_path: "targets[0]".into()
    }));
    assert!(table.notices.contains(&Notice::OverlappingTargets {
        holder: "North".into()
    }));
    assert!(table.notices.contains(&Notice::UnknownReference {
        path: "targets[5].rep_id".into(),
        kind: "rep",
        id: "nobody".into()
    }));
}

#[test]
fn activity_kpis_of_a_rep() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let table = activity_table(
        &data,
        &workspace,
        january(),
        ActivityDimension::Rep,
        &Scope::default(),
    );
    let p1 = table.rows.iter().find(|r| r.id == "p1").unwrap();
    assert_eq!(p1.field_days, 22);
    assert_eq!(p1.calls, 3);
    assert_eq!(p1.calls_per_field_day, Some(3.0 / 22.0));
    // Targets h1 and h2 (aligned by p1's visits), both reached; contacts: h1 two visits and an
    // e-mail sent (the opening is a reply, not a contact), h2 one visit.
    assert_eq!((p1.targets, p1.reached, p1.contacts), (2, 2, 4));
    assert_eq!(p1.reach, Some(1.0));
    assert_eq!(p1.frequency, Some(2.0));
    assert_eq!(p1.digital_share, Some(0.25));
    // Both are key (tier A; h2 is also a KOL); planned 2 contacts in the month: h1 has 3, h2 1.
    assert_eq!((p1.key_targets, p1.key_covered), (2, 1));
    assert_eq!(p1.key_coverage, Some(0.5));
    assert_eq!(p1.by_kind[0], 3); // visits
    assert_eq!(p1.by_channel, vec![3, 2]); // the e-mail sent and its opening
                                           // p3's HCPs: h4 (visited in February) and h5 (never, aligned through its account).
    let p3 = table.rows.iter().find(|r| r.id == "p3").unwrap();
    assert_eq!((p3.targets, p3.reached, p3.never_contacted), (2, 0, 2));
    assert_eq!((p3.reach, p3.frequency), (Some(0.0), None));
    assert_eq!(table.total.targets, 5);
    assert_eq!(table.total.reached, 3);
}

#[test]
fn a_period_without_working_days_has_no_calls_per_day() {
    let mut workspace = workspace();
    workspace.settings.calendar.weekend = vec![1, 2, 3, 4, 5, 6, 7];
    workspace.settings.calendar.working_days.clear();
    let data = PerformanceData::build(&workspace);
    let table = activity_table(
        &data,
        &workspace,
        january(),
        ActivityDimension::Team,
        &Scope::default(),
    );
    assert!(table.no_working_days);
    assert_eq!(table.total.calls_per_field_day, None);
    assert_eq!(table.total.calls, 4);
}

#[test]
fn follow_up_lists_key_customers_by_time_since_contact_and_the_never_contacted() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let lists = follow_up(&data, &workspace, january(), &Scope::default(), 10);
    let key: Vec<(&str, Option<i64>)> = lists
        .key_customers
        .iter()
        .map(|k| (k.hcp_id.as_str(), k.days_since))
        .collect();
    // Never contacted by 31 January first (h4, h5 of tier B), then h2 (7 Jan: 24 days), h1 (8 Jan).
    assert_eq!(
        key,
        [
            ("h4", None),
            ("h5", None),
            ("h2", Some(24)),
            ("h1", Some(23))
        ]
    );
    assert_eq!(lists.never_contacted_count, 2);
    assert_eq!(lists.never_contacted[0].hcp_id, "h5"); // key, with the larger potential
}

#[test]
fn effort_against_outcome_by_tier_and_channel() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    let effort = effort_outcome(
        &data,
        &workspace,
        january(),
        Measure::Units,
        Source::Prescriptions,
        &Scope::default(),
    );
    assert!(!effort.by_account);
    let visit_a = effort
        .points
        .iter()
        .find(|p| p.segment == "A" && p.channel.as_deref() == Some("visit"))
        .unwrap();
    assert_eq!((visit_a.customers, visit_a.contacts_per_customer), (2, 1.5));
    assert_eq!(
        (visit_a.actual, visit_a.actual_before, visit_a.growth),
        (25.0, 0.0, None)
    );
    let visit_c = effort
        .points
        .iter()
        .find(|p| p.segment == "C" && p.channel.as_deref() == Some("visit"))
        .unwrap();
    assert_eq!(visit_c.growth, Some(1.0)); // h3: 8 against 4 in December
    let untouched_b = effort
        .points
        .iter()
        .find(|p| p.segment == "B" && p.channel.is_none())
        .unwrap();
    assert_eq!(untouched_b.customers, 2);
}

#[test]
fn the_outlook_adds_the_forecast_to_the_year_so_far() {
    // Twelve months of 10 units to October 2026, and a team target of 10 a month for 2026.
    let mut workspace = workspace();
    workspace.prescriptions.clear();
    workspace.targets.clear();
    workspace.interactions.clear();
    for offset in 0..12 {
        let month = Month::new(2025, 11).unwrap().plus(offset);
        workspace.prescriptions.push(serde_json::from_value(json!({
            "period": month.to_string(), "hcp_id": "h1", "account_id": "a1", "product_id": "x", "units": 10, "value": 0.0
        })).unwrap());
    }
    for month in 1..=12 {
        workspace.targets.push(
            serde_json::from_value(json!({
                "period": format!("2026-{month:02}"), "product_id": "x", "units": 10
            }))
            .unwrap(),
        );
    }
    let data = PerformanceData::build(&workspace);
    let report = outlook(
        &data,
        &workspace,
        Measure::Units,
        Source::Prescriptions,
        None,
    );
    let all = &report.rows[0];
    assert_eq!(all.region_id, None);
    assert_eq!(all.year_to_date, 100.0);
    assert_eq!(all.year_end, Some(120.0));
    assert_eq!(all.annual_target, Some(120.0));
    assert_eq!(all.year_end_attainment, Some(1.0));
    // Fewer than six months: no forecast, and the reason.
    workspace.prescriptions.drain(..8);
    let data = PerformanceData::build(&workspace);
    let report = outlook(
        &data,
        &workspace,
        Measure::Units,
        Source::Prescriptions,
        None,
    );
    assert!(report.rows[0].forecast.is_err());
    assert_eq!(report.rows[0].year_end, None);
}

#[test]
fn the_index_built_from_the_funnels_hcp_index_is_the_same() {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
    let demo = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        3,
        DataLanguage::English,
    ));
    for workspace in [workspace(), demo] {
        let alone = PerformanceData::build(&workspace);
        let events = FunnelIndex::build(&workspace, CountingUnit::Hcp);
        let from_index = PerformanceData::build_with(&workspace, Some(&events));
        // Rows of one day may come in another order; everything else is the same.
        let key = |rows: &[omnirx_core::domain::performance::index::ContactRow]| {
            let mut rows: Vec<_> = rows
                .iter()
                .map(|r| (r.day, r.hcp, r.rep, r.channel, r.kind, r.digital, r.month))
                .collect();
            rows.sort_unstable();
            rows
        };
        assert_eq!(key(&alone.contacts), key(&from_index.contacts));
        assert!(from_index
            .contacts
            .windows(2)
            .all(|p| p[0].month <= p[1].month));
        assert!(alone.contacts.windows(2).all(|p| p[0].month <= p[1].month));
        assert_eq!(alone.hcp_rep, from_index.hcp_rep);
        assert_eq!(alone.sales, from_index.sales);
        assert_eq!(
            (alone.first, alone.last, alone.data_end),
            (from_index.first, from_index.last, from_index.data_end)
        );
        let aligned = PerformanceData::aligned_only(&workspace, Some(&events));
        assert!(aligned.contacts.is_empty());
        assert_eq!(aligned.hcp_rep, alone.hcp_rep);
        assert_eq!(
            (aligned.first, aligned.data_end, aligned.sales_end),
            (alone.first, alone.data_end, alone.sales_end)
        );
        let by_rep = query(Dimension::Rep);
        assert_eq!(
            attainment_table(&aligned, &workspace, &by_rep).rows,
            attainment_table(&alone, &workspace, &by_rep).rows
        );
        // An index of accounts is not used.
        let accounts = FunnelIndex::build(&workspace, CountingUnit::Account);
        assert_eq!(
            PerformanceData::build_with(&workspace, Some(&accounts)).hcp_rep,
            alone.hcp_rep
        );
    }
}

#[test]
fn the_overviews_sales_only_index_gives_the_same_regions() {
    let workspace = workspace();
    let full = PerformanceData::build(&workspace);
    let light = PerformanceData::sales_only(&workspace);
    assert!(light.contacts.is_empty());
    assert_eq!(light.data_end, full.data_end);
    let query = query(Dimension::Region);
    assert_eq!(
        attainment_table(&light, &workspace, &query).rows,
        attainment_table(&full, &workspace, &query).rows
    );
}

#[test]
fn contacts_after_the_last_sales_do_not_end_the_sales() {
    let mut workspace = workspace();
    workspace.interactions.push(serde_json::from_value(json!({
        "at": "2026-03-01T01:00:00Z", "hcp_id": "h1", "rep_id": "p1", "channel_id": "visit", "kind": "visit", "outcome": "neutral"
    })).unwrap());
    let data = PerformanceData::build(&workspace);
    assert_eq!(data.data_end, Month::new(2026, 3));
    assert_eq!(data.sales_end, Month::new(2026, 2));
    let q1 = AttainmentQuery {
        period: Period::parse("2026-Q1").unwrap(),
        ..query(Dimension::Region)
    };
    assert!((attainment_table(&data, &workspace, &q1).elapsed - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn effort_against_outcome_reads_the_last_quarter_of_a_long_period() {
    let workspace = workspace();
    let data = PerformanceData::build(&workspace);
    // The year 2026 compares October–December with July–September: no contact falls there.
    let year = Period::parse("2026").unwrap();
    let effort = effort_outcome(
        &data,
        &workspace,
        year,
        Measure::Units,
        Source::Prescriptions,
        &Scope::default(),
    );
    assert!(effort.points.iter().all(|p| p.channel.is_none()));
    // January–February 2026 (two months) compares with November–December 2025.
    let two = Period::parse("2026-02-ytd").unwrap();
    let effort = effort_outcome(
        &data,
        &workspace,
        two,
        Measure::Units,
        Source::Prescriptions,
        &Scope::default(),
    );
    let visit_c = effort
        .points
        .iter()
        .find(|p| p.segment == "C" && p.channel.as_deref() == Some("visit"))
        .unwrap();
    assert_eq!(
        (visit_c.actual, visit_c.actual_before, visit_c.growth),
        (8.0, 4.0, Some(1.0))
    );
}
