//! Multichannel cycle planning (`domain::planning`): one test per rule of `docs/planning.md`, with
//! hand-computed answers on hand-built workspaces and problems, the optimiser against brute force
//! on small random cases, and bad input that gives messages, never a panic.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::*;
use omnirx_core::domain::planning::calendar::{
    fold_line, schedule, schedule_events, to_ics, IcsEvent,
};
use omnirx_core::domain::planning::capacity::{channel_capacity, utilisation, NotACycle};
use omnirx_core::domain::planning::editing::*;
use omnirx_core::domain::planning::follow_up::{progress, Bands, Track};
use omnirx_core::domain::planning::goals::{
    default_frequency, segment_workspace, Access, Frequency, PlanSegment, STRATEGIES,
};
use omnirx_core::domain::planning::optimise::{
    allocate_with, equal_split, summarise, Cell, CellGain, ChannelLimit, ChannelLoad, PlanCell,
    PlanChannel, RepPlan, RepProblem,
};
use omnirx_core::domain::planning::response::{
    blend, channel_weight, fit_bins, history_window, uplift, CurveParameters, CurveRefusal,
    CurveSource, PRIOR_HCPS,
};
use omnirx_core::domain::planning::*;
use omnirx_core::domain::segmentation::matrix::Strategy;
use omnirx_core::domain::time::{Month, Timestamp};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

fn date(text: &str) -> CalendarDate {
    text.parse().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

fn month(text: &str) -> Cycle {
    Cycle::parse(text).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The hand-built workspace: two reps, two accounts, four HCPs.
//
// h1 (a1, potential 60, prefers visits) and h2 (a1, potential 20, opted out of e-mail) are
// rep-a's; h3 (a2, a pharmacist, potential 40) is rep-b's; h4 (a2, potential 10) has no history
// and is rep-b's through its account. No funnel: every adoption stage is 0, so the matrix puts
// h1, h2, h3 in "develop" and h4 in "deprioritise".
// ---------------------------------------------------------------------------------------------

fn channel(id: &str, kind: ChannelKind) -> Channel {
    Channel {
        source: None,
        id: id.into(),
        name: id.trim_start_matches("ch-").to_uppercase(),
        kind,
    }
}

fn hcp(id: &str, account: &str, potential: i64) -> Hcp {
    Hcp {
        source: None,
        updated_at: None,
        id: id.into(),
        name: format!("Dr {id}"),
        account_id: account.into(),
        specialty: Specialty::Cardiology,
        title: HcpTitle::AttendingPhysician,
        prescribing_potential: potential,
        influence: Influence::None,
        department_head: false,
        committee_member: false,
        preferred_channel_id: None,
        consent: Consent::default(),
    }
}

fn touch(
    day: &str,
    hcp: &str,
    rep: Option<&str>,
    channel: &str,
    kind: InteractionKind,
) -> Interaction {
    Interaction {
        source: None,
        at: Timestamp::from_date_and_time(date(day), 2, 0, 0),
        hcp_id: hcp.into(),
        rep_id: rep.map(str::to_string),
        channel_id: channel.into(),
        kind,
        product_id: Some("p1".into()),
        outcome: Outcome::Engaged,
        notes: String::new(),
    }
}

fn workspace() -> Workspace {
    let mut h1 = hcp("h1", "a1", 60);
    h1.preferred_channel_id = Some("ch-visit".into());
    let mut h2 = hcp("h2", "a1", 20);
    h2.consent.email = false;
    let mut h3 = hcp("h3", "a2", 40);
    h3.title = HcpTitle::Pharmacist;
    h3.specialty = Specialty::Pharmacy;
    let h4 = hcp("h4", "a2", 10);
    let account = |id: &str, name: &str, city: &str| Account {
        source: None,
        updated_at: None,
        id: id.into(),
        name: name.into(),
        account_type: AccountType::TertiaryHospital,
        region_id: "r1".into(),
        territory_id: Some("t1".into()),
        city: city.into(),
        tier: "A".into(),
    };
    let mut interactions = Vec::new();
    for day in [
        "2026-01-12",
        "2026-02-10",
        "2026-03-10",
        "2026-03-11",
        "2026-05-12",
        "2026-06-09",
        "2026-07-07",
        "2026-07-08",
        "2026-07-09",
        "2026-08-11",
        "2026-09-02",
        "2026-10-05",
        "2026-10-06",
    ] {
        interactions.push(touch(
            day,
            "h1",
            Some("rep-a"),
            "ch-visit",
            InteractionKind::Visit,
        ));
    }
    interactions.push(touch(
        "2026-10-09",
        "h1",
        None,
        "ch-email",
        InteractionKind::EmailSent,
    ));
    // An opened e-mail is a reply, not a contact of its own.
    interactions.push(touch(
        "2026-10-09",
        "h1",
        None,
        "ch-email",
        InteractionKind::EmailOpened,
    ));
    for day in ["2026-04-08", "2026-10-07"] {
        interactions.push(touch(
            day,
            "h2",
            Some("rep-a"),
            "ch-phone",
            InteractionKind::Call,
        ));
    }
    for day in ["2026-06-03", "2026-10-08"] {
        interactions.push(touch(
            day,
            "h3",
            Some("rep-b"),
            "ch-pharmacy",
            InteractionKind::PharmacyVisit,
        ));
    }
    let mut prescriptions = Vec::new();
    for (index, units) in [5, 6, 8, 8, 9, 10, 12, 12, 11, 12].iter().enumerate() {
        prescriptions.push(Prescription {
            source: None,
            period: Month {
                year: 2026,
                month: index as u8 + 1,
            },
            hcp_id: Some("h1".into()),
            account_id: Some("a1".into()),
            product_id: "p1".into(),
            units: *units,
            value: 0.0,
        });
    }
    for (index, units) in [3, 4, 4, 5].iter().enumerate() {
        prescriptions.push(Prescription {
            source: None,
            period: Month {
                year: 2026,
                month: index as u8 + 7,
            },
            hcp_id: Some("h3".into()),
            account_id: Some("a2".into()),
            product_id: "p1".into(),
            units: *units,
            value: 0.0,
        });
    }
    Workspace {
        settings: WorkspaceSettings {
            name: "Planning fixture".into(),
            ..WorkspaceSettings::default()
        },
        products: vec![Product {
            source: None,
            updated_at: None,
            id: "p1".into(),
            name: "P1".into(),
            therapeutic_area: String::new(),
        }],
        channels: vec![
            channel("ch-visit", ChannelKind::RepVisit),
            channel("ch-phone", ChannelKind::Phone),
            channel("ch-remote", ChannelKind::RemoteDetailing),
            channel("ch-email", ChannelKind::Email),
            channel("ch-wechat", ChannelKind::Wechat),
            channel("ch-pharmacy", ChannelKind::Pharmacy),
            channel("ch-webinar", ChannelKind::Webinar),
        ],
        regions: vec![Region {
            source: None,
            id: "r1".into(),
            name: "East".into(),
        }],
        territories: vec![Territory {
            source: None,
            id: "t1".into(),
            name: "Shanghai".into(),
            region_id: "r1".into(),
        }],
        reps: ["rep-a", "rep-b"]
            .iter()
            .map(|id| Rep {
                source: None,
                updated_at: None,
                id: id.to_string(),
                name: id.to_uppercase(),
                region_id: "r1".into(),
                territory_id: Some("t1".into()),
            })
            .collect(),
        accounts: vec![
            account("a1", "Ruijin Hospital", "Shanghai"),
            account("a2", "Huashan, Jing'an; East\\", "Shanghai"),
        ],
        hcps: vec![h1, h2, h3, h4],
        interactions,
        prescriptions,
        ..Workspace::default()
    }
}

fn row_of<'a>(plan: &'a Plan, hcp_id: &str) -> &'a PlanRow {
    plan.rows.iter().find(|r| r.hcp_id == hcp_id).unwrap()
}

fn slot(plan: &Plan, channel_id: &str) -> usize {
    plan.channel_index(channel_id).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Rules 1–4: cycles, field days, capacity, utilisation.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_01_cycles_are_months_quarters_or_custom_dates() {
    let november = month("2026-11");
    assert_eq!(november.first_day(), date("2026-11-01"));
    assert_eq!(november.last_day(), date("2026-11-30"));
    assert_eq!(november.months(), 1.0);
    assert_eq!(november.previous(), month("2026-10"));
    let quarter = month("2026-Q4");
    assert_eq!(
        (quarter.first_day(), quarter.last_day(), quarter.day_count()),
        (date("2026-10-01"), date("2026-12-31"), 92)
    );
    assert_eq!(quarter.months(), 3.0);
    assert_eq!(month("2027-q1").previous(), quarter);
    let custom = month("2026-11-02..2026-11-15");
    assert_eq!(custom.day_count(), 14);
    assert!(close(custom.months(), 14.0 / 30.436875));
    assert_eq!(custom.previous(), month("2026-10-19..2026-11-01"));
    for cycle in [november, quarter, custom] {
        assert_eq!(Cycle::parse(&cycle.key()).unwrap(), cycle);
        let json = serde_json::to_string(&cycle).unwrap();
        assert_eq!(serde_json::from_str::<Cycle>(&json).unwrap(), cycle);
    }
    assert_eq!(
        serde_json::to_string(&custom).unwrap(),
        r#"{"kind":"custom","from":"2026-11-02","to":"2026-11-15"}"#
    );
    for bad in [
        "2026-13",
        "2026-Q5",
        "26-Q1",
        "2026",
        "",
        "2026-11-31..2026-12-01",
    ] {
        assert!(
            matches!(Cycle::parse(bad), Err(NotACycle::Unreadable(_))),
            "{bad:?}"
        );
    }
    assert_eq!(
        Cycle::parse("2026-11-15..2026-11-02"),
        Err(NotACycle::EndsBeforeItStarts)
    );
    assert_eq!(
        Cycle::parse("2026-01-01..2027-06-01"),
        Err(NotACycle::TooLong { days: 517 })
    );
}

#[test]
fn rule_02_field_days_are_working_days_less_days_off() {
    let mut calendar = WorkCalendar::default();
    let november = month("2026-11");
    // 2026-11-01 is a Sunday: 21 weekdays.
    assert_eq!(field_days(&calendar, &november, &[]).len(), 21);
    // A holiday on a Wednesday, a make-up Saturday.
    calendar.holidays.push(date("2026-11-11"));
    assert_eq!(field_days(&calendar, &november, &[]).len(), 20);
    calendar.working_days.push(date("2026-11-14"));
    assert_eq!(field_days(&calendar, &november, &[]).len(), 21);
    // Days off: a Thursday counts, a Sunday and the holiday do not.
    let off = [date("2026-11-12"), date("2026-11-15"), date("2026-11-11")];
    let days = field_days(&calendar, &november, &off);
    assert_eq!(days.len(), 20);
    assert!(days.contains(&date("2026-11-14")) && !days.contains(&date("2026-11-12")));
    assert_eq!(days.first(), Some(&date("2026-11-02")));
}

#[test]
fn rule_03_capacity_is_field_days_times_daily_capacity() {
    let workspace = workspace();
    let mut rules = CapacityRules::default_for(&workspace);
    let listed: Vec<(&str, f64, f64)> = rules
        .channels
        .iter()
        .map(|c| (c.channel_id.as_str(), c.per_field_day, c.visit_slot_cost))
        .collect();
    assert_eq!(
        listed,
        [
            ("ch-visit", 8.0, 1.0),
            ("ch-phone", 10.0, 0.0),
            ("ch-remote", 6.0, 0.5),
            ("ch-email", 20.0, 0.0),
            ("ch-wechat", 30.0, 0.0),
            ("ch-pharmacy", 4.0, 1.0),
        ],
        "webinars are not planned contact by contact"
    );
    assert_eq!(rules.visit_slots_per_day, 8.0);
    let november = month("2026-11");
    let team = capacity(&workspace.settings.calendar, &rules, &november, "rep-b");
    assert_eq!(team.field_days, 21);
    assert_eq!(team.visit_slots, 168.0);
    let capacities: Vec<u32> = team.channels.iter().map(|c| c.capacity).collect();
    assert_eq!(capacities, [168, 210, 126, 420, 630, 84]);

    set_rep_capacity(&mut rules, "rep-a", "ch-visit", Some(6.0));
    set_visit_slots(&mut rules, Some("rep-a"), Some(7.0));
    add_day_off(&mut rules, "rep-a", date("2026-11-20"));
    let own = capacity(&workspace.settings.calendar, &rules, &november, "rep-a");
    assert_eq!(own.field_days, 20);
    assert_eq!(own.visit_slots, 140.0);
    assert_eq!(own.channels[0].capacity, 120);
    assert_eq!(own.channels[0].visit_slot_cost, 1.0, "the team's slot cost");
    assert_eq!(own.channels[1].capacity, 200);
    // The other rep keeps the team's numbers.
    assert_eq!(
        capacity(&workspace.settings.calendar, &rules, &november, "rep-b"),
        team
    );
    // Floor with a hair of tolerance; nonsense is no capacity.
    assert_eq!(channel_capacity(21, 8.0 / 3.0), 56);
    assert_eq!(channel_capacity(21, 0.1), 2);
    assert_eq!(channel_capacity(0, 8.0), 0);
    rules.channels[1].per_field_day = f64::NAN;
    rules.channels[2].per_field_day = -3.0;
    let sanitised = capacity(&workspace.settings.calendar, &rules, &november, "rep-b");
    assert_eq!(
        (
            sanitised.channels[1].capacity,
            sanitised.channels[2].capacity
        ),
        (0, 0)
    );
}

#[test]
fn rule_04_utilisation_is_planned_over_capacity() {
    assert_eq!(utilisation(84.0, 168.0), Some(0.5));
    assert_eq!(utilisation(200.0, 100.0), Some(2.0));
    assert_eq!(utilisation(1.0, 0.0), None);
    let result = plan_for(&workspace(), month("2026-11"), &PlanOptions::default()).unwrap();
    for rep in &result.plan.reps {
        for load in &rep.channels {
            let planned: u32 = result
                .plan
                .rows_of(&rep.rep_id)
                .map(|row| row.cells[slot(&result.plan, &load.channel_id)].planned)
                .sum();
            assert_eq!(load.planned, planned);
            assert_eq!(
                load.utilisation,
                utilisation(f64::from(planned), f64::from(load.capacity))
            );
        }
        assert!(rep.visit_slots_planned <= rep.visit_slots + 1e-9);
    }
}

// ---------------------------------------------------------------------------------------------
// Rules 5–8: segments, frequencies, consent, preference.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_05_segments_come_from_the_matrix_or_a_rule_set() {
    let fixture = segment_workspace(&workspace(), &SegmentSource::Strategy).unwrap();
    let keys: Vec<&str> = fixture.segments.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        ["defend", "grow", "develop", "maintain", "deprioritise"]
    );
    let of = |h: usize| {
        fixture.segments[usize::from(fixture.hcp_segment[h])]
            .key
            .as_str()
    };
    assert_eq!(
        (of(0), of(1), of(2), of(3)),
        ("develop", "develop", "develop", "deprioritise")
    );
    assert_eq!(fixture.segments[2].size, 3);

    let demo = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ));
    let strategies = segment_workspace(&demo, &SegmentSource::Strategy).unwrap();
    let tiers = segment_workspace(
        &demo,
        &SegmentSource::RuleSet {
            rule_set_id: "rs-tiers".into(),
        },
    )
    .unwrap();
    assert_eq!(
        tiers
            .segments
            .iter()
            .map(|s| s.key.as_str())
            .collect::<Vec<_>>(),
        ["A", "B", "C", "D"]
    );
    assert_eq!(tiers.segments.iter().map(|s| s.size).sum::<u32>(), 40);
    // A rule-set segment takes the strategy most of its members have (ties: listed first).
    for (index, segment) in tiers.segments.iter().enumerate() {
        let mut counts = [0usize; 5];
        for (h, &s) in tiers.hcp_segment.iter().enumerate() {
            if usize::from(s) == index {
                counts[usize::from(strategies.hcp_segment[h])] += 1;
            }
        }
        let most = *counts.iter().max().unwrap();
        let expected = if most == 0 {
            Strategy::Maintain
        } else {
            STRATEGIES[counts.iter().position(|c| *c == most).unwrap()]
        };
        assert_eq!(segment.strategy, expected, "{}", segment.key);
    }
    assert!(segment_workspace(
        &demo,
        &SegmentSource::RuleSet {
            rule_set_id: "nope".into()
        }
    )
    .is_err());
}

fn segment(key: &str, strategy: Strategy) -> PlanSegment {
    PlanSegment {
        key: key.into(),
        name: key.into(),
        strategy,
        size: 1,
    }
}

#[test]
fn rule_06_frequencies_are_per_month_scaled_to_the_cycle() {
    let workspace = workspace();
    let (visit, h1) = (&workspace.channels[0], &workspace.hcps[0]);
    let mut goals = GoalRules::default();
    let defend = segment("defend", Strategy::Defend);
    assert_eq!(
        default_frequency(Strategy::Defend, ChannelKind::RepVisit),
        Frequency::new(4.0, 2.0, 6.0)
    );
    // The built-in table reads as a call plan (default, minimum, maximum a month): visits 4, 3,
    // 2, 1, 0; remote channels capped where a plan that reaches them is still not a flood.
    let kinds = [
        ChannelKind::RepVisit,
        ChannelKind::RemoteDetailing,
        ChannelKind::Phone,
        ChannelKind::Email,
        ChannelKind::Wechat,
    ];
    let table: Vec<Vec<(f64, f64, f64)>> = STRATEGIES
        .iter()
        .map(|strategy| {
            kinds
                .iter()
                .map(|kind| {
                    let f = default_frequency(*strategy, *kind);
                    (f.default, f.min, f.max)
                })
                .collect()
        })
        .collect();
    #[rustfmt::skip]
    let expected = [
        // visit           remote detailing  phone             e-mail            WeChat
        [(4.0, 2.0, 6.0), (1.0, 0.0, 2.0), (1.0, 0.0, 2.0), (2.0, 0.0, 2.0), (2.0, 0.0, 4.0)], // defend
        [(3.0, 1.0, 5.0), (1.0, 0.0, 2.0), (1.0, 0.0, 2.0), (2.0, 0.0, 2.0), (2.0, 0.0, 4.0)], // grow
        [(2.0, 1.0, 3.0), (1.0, 0.0, 2.0), (0.0, 0.0, 1.0), (1.0, 0.0, 2.0), (1.0, 0.0, 2.0)], // develop
        [(1.0, 0.0, 2.0), (0.0, 0.0, 1.0), (0.0, 0.0, 1.0), (1.0, 0.0, 2.0), (1.0, 0.0, 2.0)], // maintain
        [(0.0, 0.0, 1.0), (0.0, 0.0, 1.0), (0.0, 0.0, 1.0), (1.0, 0.0, 2.0), (1.0, 0.0, 2.0)], // deprioritise
    ];
    assert_eq!(table, expected);
    let goal = |goals: &GoalRules, s: &PlanSegment, months: f64| {
        let g = goals.goal(h1, s, visit, months);
        (g.default, g.min, g.max)
    };
    assert_eq!(goal(&goals, &defend, 1.0), (4, 2, 6));
    assert_eq!(goal(&goals, &defend, 3.0), (12, 6, 18));
    // 14 days: 0.46 months → 1.84, 0.92, 2.76 rounded half up.
    assert_eq!(goal(&goals, &defend, 14.0 / 30.436875), (2, 1, 3));
    let deprioritise = segment("deprioritise", Strategy::Deprioritise);
    assert_eq!(goal(&goals, &deprioritise, 3.0), (0, 0, 3));
    // A team rule, normalised: the minimum wins over a smaller maximum.
    set_frequency(
        &mut goals,
        "defend",
        "ch-visit",
        Frequency::new(5.0, 7.0, 3.0),
    );
    assert_eq!(goal(&goals, &defend, 1.0), (7, 7, 7));
    set_frequency(
        &mut goals,
        "defend",
        "ch-visit",
        Frequency::new(3.0, 1.0, 5.0),
    );
    assert_eq!(goals.rules.len(), 1, "replaced, not added");
    assert_eq!(goal(&goals, &defend, 2.0), (6, 2, 10));
    // The HCP's own limits are per cycle, not scaled.
    set_hcp_frequency(&mut goals, "h1", "ch-visit", 1, 2);
    assert_eq!(goal(&goals, &defend, 3.0), (2, 1, 2));
    clear_hcp_frequency(&mut goals, "h1", "ch-visit");
    clear_frequency(&mut goals, "defend", "ch-visit");
    assert_eq!(goal(&goals, &defend, 1.0), (4, 2, 6));
}

#[test]
fn rule_07_consent_and_reach_are_respected() {
    let workspace = workspace();
    let goals = GoalRules::default();
    let develop = segment("develop", Strategy::Develop);
    let email = &workspace.channels[3];
    let pharmacy = &workspace.channels[5];
    let h2 = goals.goal(&workspace.hcps[1], &develop, email, 1.0);
    assert_eq!((h2.access, h2.min, h2.max), (Access::OptedOut, 0, 0));
    let h1 = goals.goal(&workspace.hcps[0], &develop, email, 1.0);
    assert_eq!((h1.access, h1.max), (Access::Open, 2));
    assert_eq!(
        goals
            .goal(&workspace.hcps[0], &develop, pharmacy, 1.0)
            .access,
        Access::NotApplicable
    );
    assert_eq!(
        goals
            .goal(&workspace.hcps[2], &develop, pharmacy, 1.0)
            .access,
        Access::Open
    );
    // Not even a minimum set for the HCP reaches through a channel it opted out of.
    let mut own = GoalRules::default();
    set_hcp_frequency(&mut own, "h2", "ch-email", 3, 5);
    assert_eq!(own.goal(&workspace.hcps[1], &develop, email, 1.0).max, 0);

    let result = plan_for(&workspace, month("2026-11"), &PlanOptions::default()).unwrap();
    let plan = &result.plan;
    let cell = &row_of(plan, "h2").cells[slot(plan, "ch-email")];
    assert_eq!((cell.planned, cell.binding), (0, Binding::Consent));
    let cell = &row_of(plan, "h1").cells[slot(plan, "ch-pharmacy")];
    assert_eq!((cell.planned, cell.binding), (0, Binding::NotApplicable));
    assert!(row_of(plan, "h3").cells[slot(plan, "ch-pharmacy")].planned > 0);
}

#[test]
fn rule_08_the_preferred_channel_is_favoured() {
    let workspace = workspace();
    let result = plan_for(&workspace, month("2026-11"), &PlanOptions::default()).unwrap();
    let plan = &result.plan;
    let curve = |channel: &str| {
        result
            .curves
            .iter()
            .find(|c| c.segment == "develop" && c.channel_id == channel)
            .unwrap()
    };
    let h1 = row_of(plan, "h1");
    let visit = &h1.cells[slot(plan, "ch-visit")];
    assert!(visit.preferred);
    assert!(close(
        visit.gain.scale,
        curve("ch-visit").a * h1.weight * 1.25
    ));
    let phone = &h1.cells[slot(plan, "ch-phone")];
    assert!(!phone.preferred);
    assert!(close(phone.gain.scale, curve("ch-phone").a * h1.weight));

    let mut goals = GoalRules::default();
    set_preference_boost(&mut goals, 1.0);
    assert_eq!(goals.preference_factor(), 2.0);
    set_preference_boost(&mut goals, 99.0);
    assert_eq!(goals.preference_factor(), 5.0);
    set_preference_boost(&mut goals, f64::NAN);
    assert_eq!(goals.preference_factor(), 1.0);
}

// ---------------------------------------------------------------------------------------------
// Rules 9–14: history, fit, shrinkage, priors, user curves, gains.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_09_the_history_ends_before_the_cycle_and_respects_market_rules() {
    let workspace = workspace();
    let data = PlanningData::build(&workspace);
    assert_eq!(data.units_level, data::UnitsLevel::Hcp);
    assert_eq!(data.first_month, Month::new(2026, 1));
    assert_eq!(data.data_end, Some(date("2026-10-31")));
    // Contact months up to 2026-08 answer with 2026-09 and 2026-10.
    let index = |text: &str| Month::parse(text).unwrap().index();
    assert_eq!(
        history_window(&data, &month("2026-11")),
        Some((index("2026-01"), index("2026-08")))
    );
    assert_eq!(
        history_window(&data, &month("2026-08")),
        Some((index("2026-01"), index("2026-05")))
    );
    assert_eq!(history_window(&data, &month("2026-02")), None);
    // 13 visits and one e-mail sent (the opened e-mail is no contact).
    assert_eq!(data.touches_of(0).len(), 14);
    assert_eq!(data.units_of(0)[0], (index("2026-01"), 5.0));

    // Under China's rules an HCP's units are an even share of its account's.
    let mut china = workspace.clone();
    china.settings.market_rules = MarketRules::China;
    let shared = PlanningData::build(&china);
    assert_eq!(shared.units_level, data::UnitsLevel::AccountShare);
    assert_eq!(shared.units_of(0)[0], (index("2026-01"), 2.5));
    assert_eq!(shared.units_of(1)[0], (index("2026-01"), 2.5));
    assert_eq!(shared.units_of(3).last(), Some(&(index("2026-10"), 2.5)));
}

#[test]
fn rule_10_the_fit_finds_a_known_curve() {
    // y = 0.3 + 2·(1 − e^(−b·x)) with b on the grid (0.1 × 1.25⁷).
    let b = 0.1 * 1.25f64.powi(7);
    let points: Vec<(f64, f64, f64)> = (0..=8)
        .map(|x| {
            let x = f64::from(x);
            (x, 0.3 + 2.0 * (1.0 - (-b * x).exp()), 10.0)
        })
        .collect();
    let (a, fitted_b, c) = fit_bins(&points).unwrap();
    assert!((a - 2.0).abs() < 1e-6 && (fitted_b - b).abs() < 1e-9 && (c - 0.3).abs() < 1e-6);
    // Falling responses give no rise: a = 0.
    let falling: Vec<(f64, f64, f64)> = (0..=4)
        .map(|x| (f64::from(x), -f64::from(x), 5.0))
        .collect();
    assert_eq!(fit_bins(&falling).unwrap().0, 0.0);
    // Fewer than three bins with data: no fit.
    assert_eq!(
        fit_bins(&[(0.0, 1.0, 3.0), (1.0, 2.0, 3.0), (2.0, 5.0, 0.0)]),
        None
    );
    assert_eq!(uplift(2.0, 0.5, 0.0), 0.0);
    assert!(close(uplift(2.0, 2f64.ln(), 1.0), 1.0));
}

#[test]
fn rule_11_thin_data_is_shrunk_toward_the_prior() {
    let fitted = CurveParameters { a: 4.0, b: 0.2 };
    let prior = CurveParameters { a: 1.0, b: 1.0 };
    assert_eq!(blend(fitted, prior, 1.0), fitted);
    assert_eq!(blend(fitted, prior, 0.0), prior);
    let half = blend(fitted, prior, 0.5);
    for x in [1.0, 2.0, 4.0, 8.0] {
        let target = 0.5 * uplift(4.0, 0.2, x) + 0.5 * uplift(1.0, 1.0, x);
        let got = uplift(half.a, half.b, x);
        assert!(
            (got - target).abs() < 0.08 * target,
            "x = {x}: {got} vs {target}"
        );
    }
    // The data weight is hcps ÷ (hcps + 50) on the demo.
    let demo = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Demo,
        1,
        DataLanguage::English,
    ));
    let result = plan_for(&demo, month("2026-11"), &PlanOptions::default()).unwrap();
    let estimated: Vec<_> = result
        .curves
        .iter()
        .filter(|c| c.source == CurveSource::Estimated)
        .collect();
    assert!(estimated.len() > 20);
    for curve in estimated {
        let hcps = f64::from(curve.hcps);
        assert!(close(curve.data_weight, hcps / (hcps + PRIOR_HCPS)));
        let fitted = curve.fitted.unwrap();
        assert_eq!(
            CurveParameters {
                a: curve.a,
                b: curve.b
            },
            blend(fitted, curve.prior, curve.data_weight)
        );
        assert!(curve.a >= 0.0 && curve.b > 0.0);
        assert!(!curve.points.is_empty());
    }
}

#[test]
fn rule_12_priors_stand_in_without_history() {
    let workspace = Workspace {
        interactions: Vec::new(),
        prescriptions: Vec::new(),
        ..workspace()
    };
    let result = plan_for(&workspace, month("2026-11"), &PlanOptions::default()).unwrap();
    assert!(result
        .messages
        .contains(&PlanMessage::NoHistoryBeforeCycle {
            cycle: "2026-11".into()
        }));
    // develop: h1, h2, h3 (mean potential 40); deprioritise: h4 (10). Base = a tenth of it.
    for curve in &result.curves {
        assert_eq!(curve.source, CurveSource::Prior);
        let kind = workspace
            .channels
            .iter()
            .find(|c| c.id == curve.channel_id)
            .unwrap()
            .kind;
        let (strategy, potential) = match curve.segment.as_str() {
            "develop" => (Strategy::Develop, 40.0),
            "deprioritise" => (Strategy::Deprioritise, 10.0),
            _ => continue,
        };
        assert!(close(curve.a, channel_weight(kind) * 0.1 * 0.1 * potential));
        let default = default_frequency(strategy, kind).default;
        assert!(close(curve.b, 1.0 / default.max(1.0)));
    }
    // Without any potential either, the base is one unit.
    let mut bare = workspace.clone();
    bare.hcps
        .iter_mut()
        .for_each(|h| h.prescribing_potential = 0);
    let result = plan_for(&bare, month("2026-11"), &PlanOptions::default()).unwrap();
    let visit = result
        .curves
        .iter()
        .find(|c| c.segment == "develop" && c.channel_id == "ch-visit")
        .unwrap();
    assert!(close(visit.a, 0.1));
}

#[test]
fn rule_13_users_set_curves_that_stay_concave() {
    let mut edits = Vec::new();
    assert_eq!(
        set_curve(&mut edits, "develop", "ch-visit", 1.5, 0.4),
        Ok(())
    );
    assert_eq!(
        set_curve(&mut edits, "develop", "ch-visit", 2.0, 0.5),
        Ok(())
    );
    assert_eq!(edits.len(), 1);
    assert_eq!(
        set_curve(&mut edits, "develop", "ch-visit", -1.0, 0.5),
        Err(CurveRefusal::BadHeight)
    );
    assert_eq!(
        set_curve(&mut edits, "develop", "ch-visit", f64::NAN, 0.5),
        Err(CurveRefusal::BadHeight)
    );
    for b in [0.0, -1.0, 60.0, f64::INFINITY] {
        assert_eq!(
            set_curve(&mut edits, "develop", "ch-visit", 1.0, b),
            Err(CurveRefusal::BadRate)
        );
    }
    assert_eq!(
        (edits[0].a, edits[0].b),
        (2.0, 0.5),
        "refusals change nothing"
    );
    let options = PlanOptions {
        curve_edits: edits.clone(),
        ..PlanOptions::default()
    };
    let result = plan_for(&workspace(), month("2026-11"), &options).unwrap();
    let curve = result
        .curves
        .iter()
        .find(|c| c.segment == "develop" && c.channel_id == "ch-visit")
        .unwrap();
    assert_eq!(
        (curve.a, curve.b, curve.source),
        (2.0, 0.5, CurveSource::Edited)
    );
    clear_curve(&mut edits, "develop", "ch-visit");
    assert!(edits.is_empty());
}

#[test]
fn rule_14_an_hcps_gain_scales_its_segments_curve() {
    // scale 2, rate ln 2: 1, 1.5, 1.75 … with marginal gains 1, ½, ¼.
    let gain = CellGain {
        scale: 2.0,
        rate: 2f64.ln(),
    };
    assert!(close(gain.value(1), 1.0) && close(gain.value(2), 1.5) && close(gain.value(3), 1.75));
    assert!(close(gain.marginal(0), 1.0) && close(gain.marginal(1), 0.5));
    assert_eq!(gain.value(0), 0.0);
    let none = CellGain {
        scale: 0.0,
        rate: 1.0,
    };
    assert_eq!((none.value(3), none.marginal(3)), (0.0, 0.0));
    // A quarter: three months at x/3 contacts a month.
    let options = PlanOptions {
        curve_edits: vec![CurveEdit {
            segment: "develop".into(),
            channel_id: "ch-phone".into(),
            a: 1.0,
            b: 1.0,
        }],
        ..PlanOptions::default()
    };
    let result = plan_for(&workspace(), month("2026-Q4"), &options).unwrap();
    let plan = &result.plan;
    let h2 = row_of(plan, "h2");
    assert!(
        close(h2.weight, 0.5),
        "potential 20 against the segment's 40"
    );
    let phone = h2.cells[slot(plan, "ch-phone")].gain;
    assert!(close(phone.scale, 1.0 * 0.5 * 3.0) && close(phone.rate, 1.0 / 3.0));
    assert!(close(phone.value(3), 3.0 * 0.5 * uplift(1.0, 1.0, 1.0)));
}

// ---------------------------------------------------------------------------------------------
// Rules 15–20: the optimiser, its explanations and the comparison.
// ---------------------------------------------------------------------------------------------

fn gain(scale: f64, rate: f64) -> CellGain {
    CellGain { scale, rate }
}

fn open(channel: usize, min: u32, max: u32, gain: CellGain) -> Cell {
    Cell {
        channel,
        min,
        max,
        access: Access::Open,
        gain,
    }
}

fn limit(capacity: u32, visit_slot_cost: f64) -> ChannelLimit {
    ChannelLimit {
        capacity,
        visit_slot_cost,
    }
}

#[test]
fn rule_15_minimums_come_first_and_the_unmet_ones_are_named() {
    // Capacity 3 for minimums of 2 + 2: A's gains (6.32, 2.33) beat B's (0.63): B is one short.
    let problem = RepProblem {
        channels: vec![limit(3, 0.0)],
        visit_slots: 0.0,
        cells: vec![
            open(0, 2, 2, gain(10.0, 1.0)),
            open(0, 2, 4, gain(1.0, 1.0)),
        ],
    };
    let solution = allocate(&problem);
    assert_eq!(solution.counts, [2, 1]);
    assert_eq!(solution.shortfalls.len(), 1);
    let short = solution.shortfalls[0];
    assert_eq!(
        (short.cell, short.wanted, short.planned, short.constraint),
        (1, 2, 1, Binding::Capacity)
    );
    assert_eq!(
        solution.bindings,
        [Binding::MaxFrequency, Binding::Capacity]
    );
    // Slots: 2½ slots for two visits each: A takes 2, half a slot is left, B none.
    let problem = RepProblem {
        channels: vec![limit(10, 1.0)],
        visit_slots: 2.5,
        cells: vec![
            open(0, 2, 2, gain(10.0, 1.0)),
            open(0, 2, 4, gain(1.0, 1.0)),
        ],
    };
    let solution = allocate(&problem);
    assert_eq!(solution.counts, [2, 0]);
    assert_eq!(solution.shortfalls[0].constraint, Binding::VisitSlots);

    // In a plan: rep-a's h1 and h2 both need 3 visits; 21 days × 0.2 = 4 visits.
    let workspace = workspace();
    let mut capacity_rules = CapacityRules::default_for(&workspace);
    set_team_capacity(&mut capacity_rules, "ch-visit", 0.2, 1.0);
    let mut goals = GoalRules::default();
    set_hcp_frequency(&mut goals, "h1", "ch-visit", 3, 3);
    set_hcp_frequency(&mut goals, "h2", "ch-visit", 3, 3);
    let options = PlanOptions {
        capacity: Some(capacity_rules),
        goals,
        curve_edits: vec![CurveEdit {
            segment: "develop".into(),
            channel_id: "ch-visit".into(),
            a: 1.0,
            b: 0.1,
        }],
        ..PlanOptions::default()
    };
    let result = plan_for(&workspace, month("2026-11"), &options).unwrap();
    assert!(
        result.messages.contains(&PlanMessage::MinimumsNotMet {
            rep_id: "rep-a".into(),
            channel_id: "ch-visit".into(),
            constraint: Binding::Capacity,
            wanted: 6,
            available: 4,
            hcps: 1,
            contacts_short: 2,
        }),
        "{:?}",
        result.messages
    );
    let plan = &result.plan;
    let visit = slot(plan, "ch-visit");
    assert_eq!(row_of(plan, "h1").cells[visit].planned, 3);
    assert_eq!(row_of(plan, "h2").cells[visit].planned, 1);
    assert!(
        row_of(plan, "h2").cells[slot(plan, "ch-phone")].planned > 0,
        "the rest is planned"
    );
    let message = result
        .messages
        .iter()
        .find(|m| matches!(m, PlanMessage::MinimumsNotMet { .. }))
        .unwrap()
        .to_string();
    assert!(
        message.contains("ask for 6") && message.contains("allows 4"),
        "{message}"
    );
}

/// Every allocation within the cells' bounds that keeps capacity, slots and minimums: the best
/// total, or `None` when the minimums cannot all be met.
fn brute_force(problem: &RepProblem) -> Option<f64> {
    let upper: Vec<u32> = problem
        .cells
        .iter()
        .map(|c| {
            if c.access == Access::Open {
                c.max.max(c.min)
            } else {
                0
            }
        })
        .collect();
    let lower: Vec<u32> = problem
        .cells
        .iter()
        .map(|c| if c.access == Access::Open { c.min } else { 0 })
        .collect();
    let mut counts = lower.clone();
    let mut best: Option<f64> = None;
    loop {
        let mut used = vec![0u32; problem.channels.len()];
        let mut slots = 0.0;
        for (cell, &n) in problem.cells.iter().zip(&counts) {
            used[cell.channel] += n;
            slots += problem.channels[cell.channel].visit_slot_cost * f64::from(n);
        }
        let fits = used
            .iter()
            .zip(&problem.channels)
            .all(|(&u, c)| u <= c.capacity)
            && slots <= problem.visit_slots + 1e-9;
        if fits {
            let value: f64 = problem
                .cells
                .iter()
                .zip(&counts)
                .map(|(c, &n)| c.gain.value(n))
                .sum();
            best = Some(best.map_or(value, |b: f64| b.max(value)));
        }
        // Next vector.
        let mut i = 0;
        loop {
            if i == counts.len() {
                return best;
            }
            if counts[i] < upper[i] {
                counts[i] += 1;
                break;
            }
            counts[i] = lower[i];
            i += 1;
        }
    }
}

fn problems(costs: &'static [f64]) -> impl proptest::strategy::Strategy<Value = RepProblem> {
    let channels = proptest::collection::vec(
        (0u32..6, proptest::sample::select(costs)).prop_map(|(c, s)| limit(c, s)),
        1..=3,
    );
    channels.prop_flat_map(|channels| {
        let count = channels.len();
        let cell = (
            0..count,
            0u32..=1,
            0u32..=3,
            0.0f64..5.0,
            0.05f64..2.0,
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(channel, min, max, scale, rate, opted_out)| Cell {
                channel,
                min: min.min(max),
                max,
                access: if opted_out {
                    Access::OptedOut
                } else {
                    Access::Open
                },
                gain: CellGain { scale, rate },
            });
        (
            Just(channels),
            (0u32..=12).prop_map(|halves| f64::from(halves) / 2.0),
            proptest::collection::vec(cell, 1..=5),
        )
            .prop_map(|(channels, visit_slots, cells)| RepProblem {
                channels,
                visit_slots,
                cells,
            })
    })
}

fn feasible(problem: &RepProblem) -> bool {
    let mut demand = vec![0u32; problem.channels.len()];
    let mut slots = 0.0;
    for cell in problem.cells.iter().filter(|c| c.access == Access::Open) {
        demand[cell.channel] += cell.min;
        slots += problem.channels[cell.channel].visit_slot_cost * f64::from(cell.min);
    }
    demand
        .iter()
        .zip(&problem.channels)
        .all(|(&d, c)| d <= c.capacity)
        && slots <= problem.visit_slots + 1e-9
}

#[test]
fn rule_16_greedy_marginal_allocation_by_hand() {
    // A: marginals 2, 1, ½, ¼; B: 2, ⅔, 2/9. Three contacts: A, B (tie: A first), A.
    let problem = RepProblem {
        channels: vec![limit(3, 0.0)],
        visit_slots: 0.0,
        cells: vec![
            open(0, 0, 4, gain(4.0, 2f64.ln())),
            open(0, 0, 4, gain(3.0, 3f64.ln())),
        ],
    };
    let solution = allocate(&problem);
    assert_eq!(solution.counts, [2, 1]);
    assert!(close(solution.value, 3.0 + 2.0));
    assert_eq!(solution.optimality, Optimality::Exact);
    assert_eq!(brute_force(&problem), Some(solution.value));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Rule 16: without visit-slot costs (or with equal ones) greedy is the best allocation.
    #[test]
    fn rule_16_greedy_equals_brute_force(problem in problems(&[0.0, 1.0])) {
        prop_assume!(feasible(&problem));
        let solution = allocate(&problem);
        let best = brute_force(&problem).unwrap();
        prop_assert!(close(solution.value, best), "{} vs {} for {:?}", solution.value, best, problem);
        prop_assert_eq!(solution.optimality, Optimality::Exact);
        prop_assert!(solution.shortfalls.is_empty());
    }

    /// Rule 17: with unequal slot costs the split of the slots is enumerated: still the best.
    #[test]
    fn rule_17_slot_costs_are_shared_exactly(problem in problems(&[0.0, 0.5, 1.0])) {
        prop_assume!(feasible(&problem));
        let solution = allocate(&problem);
        let best = brute_force(&problem).unwrap();
        prop_assert!(close(solution.value, best), "{} vs {} for {:?}", solution.value, best, problem);
        prop_assert_eq!(solution.optimality, Optimality::Exact);
    }

    /// Rule 18: greedy by gain per slot, when enumeration is too large, is within one contact.
    #[test]
    fn rule_18_the_fallback_is_within_one_contact(problem in problems(&[0.5, 1.0])) {
        prop_assume!(feasible(&problem));
        let solution = allocate_with(&problem, 0);
        let best = brute_force(&problem).unwrap();
        let bound = match solution.optimality {
            Optimality::Exact => 0.0,
            Optimality::WithinOneContact { bound } => bound,
        };
        prop_assert!(solution.value <= best + 1e-9);
        prop_assert!(solution.value + bound + 1e-9 >= best, "{} + {} vs {}", solution.value, bound, best);
    }
}

#[test]
fn rule_17_neither_greedy_alone_is_exact_with_visit_slot_costs() {
    // One slot. A visit worth 1.0; remote detailings (½ slot) worth 0.6 then 0.3.
    let problem = RepProblem {
        channels: vec![limit(10, 1.0), limit(10, 0.5)],
        visit_slots: 1.0,
        cells: vec![
            open(0, 0, 1, gain(2.0, 2f64.ln())),
            open(1, 0, 2, gain(1.2, 2f64.ln())),
        ],
    };
    // Greedy by gain per slot takes a remote (1.2 a slot), then the visit does not fit: 0.9.
    let greedy = allocate_with(&problem, 0);
    assert!(close(greedy.value, 0.9));
    assert_eq!(
        greedy.optimality,
        Optimality::WithinOneContact { bound: 1.0 }
    );
    let exact = allocate(&problem);
    assert_eq!(exact.counts, [1, 0]);
    assert!(close(exact.value, 1.0));
    assert_eq!(exact.optimality, Optimality::Exact);
    assert_eq!(exact.bindings, [Binding::MaxFrequency, Binding::VisitSlots]);
    // Remote detailings worth 0.9 then 0.8: greedy by gain would take the visit (1.0); two
    // remotes (1.7) are better.
    let problem = RepProblem {
        cells: vec![
            open(0, 0, 1, gain(2.0, 2f64.ln())),
            open(1, 0, 2, gain(8.1, (9.0f64 / 8.0).ln())),
        ],
        ..problem
    };
    let exact = allocate(&problem);
    assert_eq!(exact.counts, [0, 2]);
    assert!(close(exact.value, 1.7));
    assert_eq!(brute_force(&problem), Some(exact.value));
}

#[test]
fn rule_19_every_cell_says_what_stopped_it() {
    let problem = RepProblem {
        channels: vec![limit(2, 0.0), limit(100, 0.0), limit(100, 1.0)],
        visit_slots: 1.0,
        cells: vec![
            open(0, 0, 5, gain(10.0, 0.5)), // x, visit: the channel fills up
            open(1, 0, 2, gain(10.0, 0.5)), // x, e-mail: its maximum
            open(0, 0, 5, gain(1.0, 0.5)),  // y, visit: capacity
            Cell {
                access: Access::OptedOut,
                ..open(1, 0, 4, gain(10.0, 0.5))
            }, // y, e-mail: consent
            open(1, 0, 4, gain(0.0, 0.5)),  // z, e-mail: no gain
            open(2, 0, 4, gain(1.0, 0.5)),  // z, remote: the slots ran out
            Cell {
                access: Access::NotApplicable,
                ..open(2, 0, 4, gain(1.0, 0.5))
            },
        ],
    };
    let solution = allocate(&problem);
    assert_eq!(solution.counts, [2, 2, 0, 0, 0, 1, 0]);
    assert_eq!(
        solution.bindings,
        [
            Binding::Capacity,
            Binding::MaxFrequency,
            Binding::Capacity,
            Binding::Consent,
            Binding::NoGain,
            Binding::VisitSlots,
            Binding::NotApplicable,
        ]
    );
    // In a plan, every row carries its segment, potential and the gains of its last contact.
    let result = plan_for(&workspace(), month("2026-11"), &PlanOptions::default()).unwrap();
    for row in &result.plan.rows {
        assert!(!row.segment.is_empty());
        for cell in &row.cells {
            assert_eq!(cell.last_gain.is_some(), cell.planned > 0);
            if let Some(last) = cell.last_gain {
                assert!(close(
                    last,
                    cell.gain.value(cell.planned) - cell.gain.value(cell.planned - 1)
                ));
                assert!(last + 1e-12 >= cell.next_gain, "concave");
            }
        }
    }
}

fn plan_cell(planned: u32, max: u32, last_cycle: u32, access: Access) -> PlanCell {
    PlanCell {
        planned,
        min: 0,
        max,
        access,
        preferred: false,
        gain: gain(2.0, 2f64.ln()),
        last_cycle,
        last_gain: None,
        next_gain: 0.0,
        binding: Binding::NoGain,
    }
}

fn plan_row(hcp: &str, account: &str, segment: &str, cells: Vec<PlanCell>) -> PlanRow {
    PlanRow {
        hcp_id: hcp.into(),
        rep_id: "r1".into(),
        account_id: account.into(),
        segment: segment.into(),
        potential: 10,
        weight: 1.0,
        cells,
        expected_uplift: 0.0,
    }
}

fn hand_plan(
    channels: &[(&str, u32, f64)],
    slots_per_day: f64,
    days: u32,
    rows: Vec<PlanRow>,
) -> Plan {
    let mut plan = Plan {
        cycle: month("2026-11"),
        channels: channels
            .iter()
            .map(|(id, _, cost)| PlanChannel {
                channel_id: id.to_string(),
                visit_slot_cost: *cost,
            })
            .collect(),
        reps: vec![RepPlan {
            rep_id: "r1".into(),
            field_days: days,
            visit_slots_per_day: slots_per_day,
            visit_slots: slots_per_day * f64::from(days),
            visit_slots_planned: 0.0,
            visit_slot_utilisation: None,
            channels: channels
                .iter()
                .map(|(id, capacity, _)| ChannelLoad {
                    channel_id: id.to_string(),
                    capacity: *capacity,
                    planned: 0,
                    utilisation: None,
                })
                .collect(),
            hcps: 0,
            expected_uplift: 0.0,
            optimality: Optimality::Exact,
        }],
        rows,
        expected_uplift: 0.0,
    };
    plan.recompute();
    plan
}

#[test]
fn rule_20_the_plan_is_compared_with_last_cycle_and_an_equal_split() {
    let rows = vec![
        plan_row("A", "a1", "s1", vec![plan_cell(2, 2, 1, Access::Open)]),
        plan_row("B", "a1", "s2", vec![plan_cell(3, 5, 0, Access::Open)]),
        plan_row("C", "a1", "s2", vec![plan_cell(0, 5, 0, Access::Open)]),
        plan_row("D", "a1", "s2", vec![plan_cell(0, 5, 0, Access::OptedOut)]),
    ];
    let plan = hand_plan(&[("ch-visit", 10, 0.0)], 8.0, 20, rows);
    // Level 4 for everyone up to their maximum: 2 + 4 + 4 = 10; D opted out.
    assert_eq!(equal_split(&plan), [[2], [4], [4], [0]]);
    let mut eleven = plan.clone();
    eleven.reps[0].channels[0].capacity = 11;
    assert_eq!(
        equal_split(&eleven),
        [[2], [5], [4], [0]],
        "the remainder to the first"
    );
    let segments = ["s1".to_string(), "s2".to_string()];
    let planned: Vec<Vec<u32>> = plan.rows.iter().map(|r| vec![r.cells[0].planned]).collect();
    let summary = summarise(&plan, &planned, None, &segments);
    assert_eq!((summary.contacts, summary.hcps, summary.reached), (5, 4, 2));
    assert_eq!((summary.reach, summary.frequency), (Some(0.5), Some(2.5)));
    assert_eq!(summary.channels[0].utilisation, Some(0.5));
    assert!(close(summary.expected_uplift, 1.5 + 1.75));
    assert_eq!(summary.segments[0].share, Some(0.4));
    assert_eq!(summary.segments[1].share, Some(0.6));
    let comparison = omnirx_core::domain::planning::optimise::compare(&plan, &segments);
    assert_eq!(comparison.len(), 2, "the team, then the rep");
    let team = &comparison[0];
    assert_eq!(team.rep_id, None);
    assert_eq!((team.last_cycle.contacts, team.last_cycle.reached), (1, 1));
    assert_eq!(team.equal_split.contacts, 10);
    assert!(close(team.equal_split.expected_uplift, 1.5 + 1.875 * 2.0));
    assert_eq!(comparison[1].plan, team.plan);
}

// ---------------------------------------------------------------------------------------------
// Rules 21–23: the calendar and its .ics text.
// ---------------------------------------------------------------------------------------------

fn week() -> Vec<CalendarDate> {
    (2..=6).map(|d| date(&format!("2026-11-0{d}"))).collect()
}

fn calendar_plan() -> Plan {
    let channels = [
        ("ch-visit", 40, 1.0),
        ("ch-remote", 40, 0.5),
        ("ch-email", 100, 0.0),
    ];
    let cells = |visits: u32, remotes: u32, emails: u32| {
        vec![
            plan_cell(visits, 9, 0, Access::Open),
            plan_cell(remotes, 9, 0, Access::Open),
            plan_cell(emails, 9, 0, Access::Open),
        ]
    };
    hand_plan(
        &channels,
        4.0,
        5,
        vec![
            plan_row("h1", "a1", "s", cells(2, 0, 3)),
            plan_row("h2", "a1", "s", cells(1, 0, 0)),
            plan_row("h3", "a2", "s", cells(2, 2, 0)),
            plan_row("h4", "a2", "s", cells(0, 0, 4)),
        ],
    )
}

#[test]
fn rule_21_visits_are_spread_over_field_days_by_account() {
    let plan = calendar_plan();
    let spread = schedule(&plan, "r1", &week());
    assert!(spread.unplaced.is_empty());
    assert_eq!(spread.days.len(), 5);
    // Every slot contact once; e-mails are not put on days.
    let count = |hcp: &str, channel: &str| {
        spread
            .days
            .iter()
            .flat_map(|d| &d.contacts)
            .filter(|c| c.hcp_id == hcp && c.channel_id == channel)
            .count()
    };
    assert_eq!(
        (
            count("h1", "ch-visit"),
            count("h2", "ch-visit"),
            count("h3", "ch-visit")
        ),
        (2, 1, 2)
    );
    assert_eq!((count("h3", "ch-remote"), count("h1", "ch-email")), (2, 0));
    for day in &spread.days {
        assert!(day.slots_used <= 4.0 + 1e-9);
        let slots: f64 = day
            .contacts
            .iter()
            .map(|c| if c.channel_id == "ch-visit" { 1.0 } else { 0.5 })
            .sum();
        assert!(close(day.slots_used, slots));
        // An HCP is visited at most once a day; an account's contacts sit together.
        let visits: Vec<&str> = day
            .contacts
            .iter()
            .filter(|c| c.channel_id == "ch-visit")
            .map(|c| c.hcp_id.as_str())
            .collect();
        let mut unique = visits.clone();
        unique.dedup();
        assert_eq!(unique.len(), visits.len());
        let accounts: Vec<&str> = day.contacts.iter().map(|c| c.account_id.as_str()).collect();
        let mut runs = accounts.clone();
        runs.dedup();
        let mut distinct = runs.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(runs.len(), distinct.len(), "{accounts:?}");
    }
    // h1 and h2 (same account) share their first round's day.
    let day_of = |hcp: &str| {
        spread
            .days
            .iter()
            .position(|d| d.contacts.iter().any(|c| c.hcp_id == hcp))
            .unwrap()
    };
    assert_eq!(day_of("h1"), day_of("h2"));
    assert_eq!(spread.weeks.len(), 1);
    assert_eq!(spread.weeks[0].monday, date("2026-11-02"));
    assert_eq!(
        (spread.weeks[0].field_days, spread.weeks[0].contacts),
        (5, 7)
    );
    // More than the days hold: the rest is unplaced, never lost.
    let mut full = calendar_plan();
    full.rows[0].cells[0].planned = 30;
    let crowded = schedule(&full, "r1", &week());
    let placed: usize = crowded.days.iter().map(|d| d.contacts.len()).sum();
    assert_eq!(placed + crowded.unplaced.len(), 30 + 1 + 2 + 2);
    assert!(!crowded.unplaced.is_empty());
    assert!(crowded.days.iter().all(|d| d.slots_used <= 4.0 + 1e-9));
    // No field day: everything unplaced.
    assert_eq!(schedule(&calendar_plan(), "r1", &[]).unplaced.len(), 7);
}

#[test]
fn rule_22_events_are_one_per_day_and_account() {
    let workspace = workspace();
    let mut plan = calendar_plan();
    for (row, hcp) in plan.rows.iter_mut().zip(["h1", "h2", "h3", "h4"]) {
        row.hcp_id = hcp.into();
    }
    let schedule = schedule(&plan, "r1", &week());
    let events = schedule_events(&workspace, &plan, &schedule);
    let account_days: usize = schedule
        .days
        .iter()
        .map(|d| {
            let mut accounts: Vec<&str> =
                d.contacts.iter().map(|c| c.account_id.as_str()).collect();
            accounts.dedup();
            accounts.len()
        })
        .sum();
    assert_eq!(events.len(), account_days);
    let first = &events[0];
    assert_eq!(
        first.uid,
        format!(
            "2026-11-r1-{}-{}@omnirx",
            first.date.to_string().replace('-', ""),
            "a1"
        )
    );
    assert_eq!(first.summary, "Ruijin Hospital");
    assert_eq!(first.location, "Shanghai");
    assert!(
        first.description.contains("Dr h1 · VISIT"),
        "{}",
        first.description
    );
    let mut uids: Vec<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
}

#[test]
fn rule_23_ics_text_follows_rfc_5545() {
    assert_eq!(fold_line("SUMMARY:x"), "SUMMARY:x\r\n");
    let long = "a".repeat(80);
    assert_eq!(
        fold_line(&long),
        format!("{}\r\n {}\r\n", "a".repeat(75), "a".repeat(5))
    );
    let events = vec![
        IcsEvent {
            uid: "2026-11-r1-20261102-a2@omnirx".into(),
            date: date("2026-11-02"),
            summary: "Huashan, Jing'an; East\\".into(),
            location: "Shanghai".into(),
            description: "Dr h3 · VISIT\nDr h4 · REMOTE".into(),
        },
        IcsEvent {
            uid: "2026-11-r1-20261130-a1@omnirx".into(),
            date: date("2026-11-30"),
            summary: "瑞金医院".into(),
            location: String::new(),
            description: "心内科主任医师王宁杰 · 面访\n".repeat(6),
        },
    ];
    let stamp = Timestamp::from_date_and_time(date("2026-12-01"), 8, 30, 0);
    let text = to_ics(&events, stamp);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "no bare line feed"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    assert!(lines.contains(&"SUMMARY:Huashan\\, Jing'an\\; East\\\\"));
    assert!(lines.contains(&"DESCRIPTION:Dr h3 · VISIT\\nDr h4 · REMOTE"));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20261102"));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20261103"));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20261201"));
    assert!(lines.contains(&"DTSTAMP:20261201T083000Z"));
    assert!(lines.contains(&"UID:2026-11-r1-20261102-a2@omnirx"));
    let expected = format!("DESCRIPTION:{}", "心内科主任医师王宁杰 · 面访\\n".repeat(6));
    assert!(
        lines.contains(&expected.as_str()),
        "folded inside no character"
    );
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 2);
    assert_eq!(lines.iter().filter(|l| **l == "END:VEVENT").count(), 2);
}

// ---------------------------------------------------------------------------------------------
// Rules 24–27: the follow-up.
// ---------------------------------------------------------------------------------------------

/// The October plan of the fixture with everything at 0 but h1's 4 visits and h2's 4 calls.
fn october_plan(workspace: &Workspace) -> (Plan, CapacityRules) {
    let result = plan_for(workspace, month("2026-10"), &PlanOptions::default()).unwrap();
    let mut plan = result.plan;
    for row in &mut plan.rows {
        for cell in &mut row.cells {
            cell.planned = 0;
        }
    }
    let (visit, phone) = (slot(&plan, "ch-visit"), slot(&plan, "ch-phone"));
    plan.rows
        .iter_mut()
        .find(|r| r.hcp_id == "h1")
        .unwrap()
        .cells[visit]
        .planned = 4;
    plan.rows
        .iter_mut()
        .find(|r| r.hcp_id == "h2")
        .unwrap()
        .cells[phone]
        .planned = 4;
    plan.recompute();
    (plan, result.capacity)
}

#[test]
fn rule_24_actual_earned_and_attainment() {
    let workspace = workspace();
    let data = PlanningData::build(&workspace);
    let (plan, rules) = october_plan(&workspace);
    let report = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-10-15"),
        Bands::default(),
    );
    let rep_a = report.reps.iter().find(|r| r.rep_id == "rep-a").unwrap();
    // October 2026 has 22 working days, 11 of them by the 15th.
    assert!(close(rep_a.elapsed, 0.5));
    let find = |hcp: &str, channel: &str| {
        rep_a
            .hcps
            .iter()
            .find(|h| h.hcp_id == hcp && h.channel_id == channel)
            .unwrap()
            .progress
    };
    let visits = find("h1", "ch-visit");
    assert_eq!((visits.planned, visits.actual, visits.earned), (4, 2, 2));
    assert_eq!(
        (visits.attainment, visits.track),
        (Some(0.5), Track::OnTrack)
    );
    // An e-mail nobody planned: counted, not earned.
    let email = find("h1", "ch-email");
    assert_eq!(
        (email.planned, email.actual, email.earned, email.track),
        (0, 1, 0, Track::NotPlanned)
    );
    assert_eq!(rep_a.total.planned, 8);
    assert_eq!((rep_a.total.actual, rep_a.total.earned), (4, 3));
    assert_eq!(rep_a.total.attainment, Some(3.0 / 8.0));
    // Actual is not capped; earned is.
    let late = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-10-31"),
        Bands::default(),
    );
    let rep_b = late.reps.iter().find(|r| r.rep_id == "rep-b").unwrap();
    let pharmacy = rep_b
        .channels
        .iter()
        .find(|c| c.channel_id == "ch-pharmacy")
        .unwrap();
    assert_eq!(
        (pharmacy.progress.planned, pharmacy.progress.actual),
        (0, 1)
    );
}

#[test]
fn rule_25_on_track_bands() {
    let bands = Bands::default();
    // planned 10 at half the cycle: expected 5, band 4.5 … 5.5.
    let cases = [
        (10, 5, 0.5, Track::OnTrack),
        (10, 4, 0.5, Track::Behind),
        (10, 6, 0.5, Track::Ahead),
        (10, 0, 0.0, Track::OnTrack),
        (10, 10, 1.0, Track::OnTrack),
        (10, 9, 1.0, Track::OnTrack),
        (10, 8, 1.0, Track::Behind),
        (0, 3, 0.5, Track::NotPlanned),
    ];
    for (planned, earned, elapsed, track) in cases {
        let p = progress(planned, earned, earned, elapsed, bands);
        assert_eq!(p.track, track, "{planned} {earned} {elapsed}");
    }
    let p = progress(10, 5, 5, 0.5, bands);
    assert!(close(p.lower, 4.5) && close(p.upper, 5.5) && close(p.expected, 5.0));
    let wide = Bands {
        over: 0.2,
        under: 0.3,
    };
    let p = progress(20, 8, 7, 0.5, wide);
    assert!(close(p.lower, 7.0) && close(p.upper, 12.0));
    assert_eq!((p.track, p.attainment), (Track::OnTrack, Some(0.35)));
    assert_eq!(progress(0, 0, 0, 0.5, bands).attainment, None);
}

#[test]
fn rule_26_hcps_behind_plan_are_listed_for_next_week() {
    let workspace = workspace();
    let data = PlanningData::build(&workspace);
    let (plan, rules) = october_plan(&workspace);
    let report = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-10-15"),
        Bands::default(),
    );
    let rep_a = report.reps.iter().find(|r| r.rep_id == "rep-a").unwrap();
    // h2: 4 calls planned, 1 made, 2 expected (lower band 1.8): behind by 1. By the end of next
    // week (the 22nd, 16 of 22 days) 2.9 are due: 2 more calls.
    assert_eq!(rep_a.behind.len(), 1);
    let behind = &rep_a.behind[0];
    assert_eq!(
        (behind.hcp_id.as_str(), behind.channel_id.as_str()),
        ("h2", "ch-phone")
    );
    assert_eq!(
        (
            behind.planned,
            behind.earned,
            behind.shortfall,
            behind.next_week
        ),
        (4, 1, 1, 2)
    );
}

#[test]
fn rule_27_elapsed_share_counts_the_reps_field_days() {
    let workspace = workspace();
    let data = PlanningData::build(&workspace);
    let (plan, mut rules) = october_plan(&workspace);
    add_day_off(&mut rules, "rep-a", date("2026-10-02"));
    add_day_off(&mut rules, "rep-a", date("2026-10-05"));
    let report = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-10-15"),
        Bands::default(),
    );
    let share = |rep: &str| {
        report
            .reps
            .iter()
            .find(|r| r.rep_id == rep)
            .unwrap()
            .elapsed
    };
    assert!(close(share("rep-a"), 9.0 / 20.0));
    assert!(close(share("rep-b"), 11.0 / 22.0));
    let before = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-09-20"),
        Bands::default(),
    );
    assert!(before
        .reps
        .iter()
        .all(|r| r.elapsed == 0.0 && r.total.actual == 0));
    let after = follow_up(
        &workspace,
        &data,
        &rules,
        &plan,
        date("2026-12-01"),
        Bands::default(),
    );
    assert!(after.reps.iter().all(|r| r.elapsed == 1.0));
}

// ---------------------------------------------------------------------------------------------
// Rule 28: edits by hand.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_28_edits_keep_the_plan_valid() {
    let workspace = workspace();
    let mut goals = GoalRules::default();
    set_hcp_frequency(&mut goals, "h1", "ch-visit", 1, 3);
    let options = PlanOptions {
        goals,
        ..PlanOptions::default()
    };
    let mut plan = plan_for(&workspace, month("2026-11"), &options)
        .unwrap()
        .plan;
    let visit = slot(&plan, "ch-visit");
    assert_eq!(
        set_planned(&mut plan, "h1", "ch-visit", 10),
        Ok(3),
        "kept at the maximum"
    );
    assert_eq!(
        set_planned(&mut plan, "h1", "ch-visit", 0),
        Ok(1),
        "kept at the minimum"
    );
    assert_eq!(set_planned(&mut plan, "h1", "ch-visit", 2), Ok(2));
    let cell = &row_of(&plan, "h1").cells[visit];
    assert_eq!((cell.planned, cell.binding), (2, Binding::Edited));
    assert!(close(cell.last_gain.unwrap(), cell.gain.marginal(1)));
    assert_eq!(
        set_planned(&mut plan, "h2", "ch-email", 1),
        Err(PlanEditRefusal::OptedOut)
    );
    assert_eq!(
        set_planned(&mut plan, "h1", "ch-pharmacy", 1),
        Err(PlanEditRefusal::NotApplicable)
    );
    assert_eq!(
        set_planned(&mut plan, "h9", "ch-visit", 1),
        Err(PlanEditRefusal::UnknownHcp)
    );
    assert_eq!(
        set_planned(&mut plan, "h1", "ch-webinar", 1),
        Err(PlanEditRefusal::UnknownChannel)
    );
    // The rep's load and uplift follow.
    let rep_a = plan.rep("rep-a").unwrap();
    let visits: u32 = plan.rows_of("rep-a").map(|r| r.cells[visit].planned).sum();
    assert_eq!(rep_a.channels[visit].planned, visits);
    let uplift: f64 = plan.rows_of("rep-a").map(|r| r.expected_uplift).sum();
    assert!(close(rep_a.expected_uplift, uplift));
    let row_uplift: f64 = row_of(&plan, "h1")
        .cells
        .iter()
        .map(|c| c.gain.value(c.planned))
        .sum();
    assert!(close(row_of(&plan, "h1").expected_uplift, row_uplift));
    assert!(close(
        plan.expected_uplift,
        plan.reps.iter().map(|r| r.expected_uplift).sum()
    ));

    // Capacity edits stay finite and non-negative.
    let mut rules = CapacityRules::default_for(&workspace);
    set_team_capacity(&mut rules, "ch-visit", -5.0, f64::NAN);
    assert_eq!(
        (
            rules.channels[0].per_field_day,
            rules.channels[0].visit_slot_cost
        ),
        (0.0, 0.0)
    );
    set_team_capacity(&mut rules, "ch-webinar", 2.0, 9.0);
    assert_eq!(rules.channels.last().unwrap().visit_slot_cost, 4.0);
    remove_team_channel(&mut rules, "ch-webinar");
    assert!(rules.channels.iter().all(|c| c.channel_id != "ch-webinar"));
    set_rep_capacity(&mut rules, "rep-a", "ch-webinar", Some(3.0));
    assert!(
        rules.reps.is_empty(),
        "a channel the team does not plan is left alone"
    );
    set_rep_capacity(&mut rules, "rep-a", "ch-phone", Some(1e9));
    assert_eq!(rules.reps[0].channels[0].per_field_day, 500.0);
    set_rep_capacity(&mut rules, "rep-a", "ch-phone", None);
    assert!(rules.reps[0].channels.is_empty());
    add_day_off(&mut rules, "rep-a", date("2026-11-20"));
    add_day_off(&mut rules, "rep-a", date("2026-11-03"));
    add_day_off(&mut rules, "rep-a", date("2026-11-20"));
    assert_eq!(
        rules.reps[0].days_off,
        [date("2026-11-03"), date("2026-11-20")]
    );
    remove_day_off(&mut rules, "rep-a", date("2026-11-03"));
    assert_eq!(rules.reps[0].days_off, [date("2026-11-20")]);
    set_visit_slots(&mut rules, None, Some(-1.0));
    assert_eq!(rules.visit_slots_per_day, 0.0);
    set_visit_slots(&mut rules, Some("rep-a"), Some(6.0));
    set_visit_slots(&mut rules, Some("rep-a"), None);
    assert_eq!(rules.reps[0].visit_slots_per_day, None);

    // A plan read from elsewhere with a row short of cells and a rep short of loads is given
    // closed cells and empty loads, never a panic.
    let mut damaged = plan.clone();
    damaged.rows[0].cells.truncate(2);
    damaged.reps[0].channels.clear();
    assert_eq!(
        set_planned(&mut damaged, &plan.rows[0].hcp_id, "ch-wechat", 1),
        Err(PlanEditRefusal::UnknownChannel)
    );
    damaged.recompute();
    assert_eq!(damaged.rows[0].cells.len(), plan.channels.len());
    assert_eq!(damaged.rows[0].cells[5].access, Access::NotApplicable);
    assert_eq!(damaged.reps[0].channels.len(), plan.channels.len());

    // Plans and settings are plain data: JSON and back.
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
    let json = serde_json::to_string(&rules).unwrap();
    assert!(json.contains("\"2026-11-20\""), "{json}");
    assert_eq!(serde_json::from_str::<CapacityRules>(&json).unwrap(), rules);
    let goals = options.goals.clone();
    let json = serde_json::to_string(&goals).unwrap();
    assert_eq!(serde_json::from_str::<GoalRules>(&json).unwrap(), goals);
    let json = serde_json::to_string(&options).unwrap();
    assert_eq!(serde_json::from_str::<PlanOptions>(&json).unwrap(), options);
}

// ---------------------------------------------------------------------------------------------
// Rule 29: bad input gives messages, never a panic.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_29_bad_input_gives_messages_never_a_panic() {
    let workspace = workspace();
    let defaults = PlanOptions::default();

    // A weekend: no field day for anyone.
    let weekend = month("2026-11-07..2026-11-08");
    let result = plan_for(&workspace, weekend, &defaults).unwrap();
    for rep in ["rep-a", "rep-b"] {
        assert!(result
            .messages
            .contains(&PlanMessage::NoFieldDays { rep_id: rep.into() }));
    }
    assert!(result
        .plan
        .rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.planned == 0)));
    assert_eq!(result.plan.expected_uplift, 0.0);
    assert!(result
        .plan
        .reps
        .iter()
        .all(|r| r.channels.iter().all(|c| c.utilisation.is_none())));

    // An HCP with no history is planned on its segment's curves.
    let result = plan_for(&workspace, month("2026-11"), &defaults).unwrap();
    assert!(result
        .messages
        .contains(&PlanMessage::HcpsWithoutHistory { count: 1 }));
    assert!(row_of(&result.plan, "h4")
        .cells
        .iter()
        .any(|c| c.planned > 0));

    // Everyone opted out of e-mail.
    let mut closed = workspace.clone();
    closed.hcps.iter_mut().for_each(|h| h.consent.email = false);
    let result = plan_for(&closed, month("2026-11"), &defaults).unwrap();
    assert!(result.messages.contains(&PlanMessage::ChannelClosed {
        channel_id: "ch-email".into()
    }));
    let email = slot(&result.plan, "ch-email");
    assert!(result.plan.rows.iter().all(|r| r.cells[email].planned == 0));

    // Cycles outside the data: before it, long after it.
    let early = plan_for(&workspace, month("2020-01"), &defaults).unwrap();
    assert!(early.messages.contains(&PlanMessage::NoHistoryBeforeCycle {
        cycle: "2020-01".into()
    }));
    assert!(early.curves.iter().all(|c| c.source == CurveSource::Prior));
    assert!(early.plan.expected_uplift > 0.0, "planned on the priors");
    assert!(early.comparison[0].last_cycle.contacts == 0);
    let late = plan_for(&workspace, month("2030-01"), &defaults).unwrap();
    assert!(late.messages.contains(&PlanMessage::OldHistory {
        cycle: "2030-01".into(),
        last_month: Month::new(2026, 10).unwrap()
    }));
    assert!(late.follow_up.is_none());

    // Unknown names are refused.
    let unknown_rep = PlanOptions {
        rep_id: Some("rep-z".into()),
        ..PlanOptions::default()
    };
    assert_eq!(
        plan_for(&workspace, month("2026-11"), &unknown_rep),
        Err(PlanError::UnknownRep("rep-z".into()))
    );
    let unknown_rules = PlanOptions {
        segment_source: SegmentSource::RuleSet {
            rule_set_id: "rs-none".into(),
        },
        ..PlanOptions::default()
    };
    assert_eq!(
        plan_for(&workspace, month("2026-11"), &unknown_rules),
        Err(PlanError::UnknownRuleSet("rs-none".into()))
    );
    let mut rules = CapacityRules::default_for(&workspace);
    set_team_capacity(&mut rules, "ch-gone", 3.0, 0.0);
    let result = plan_for(
        &workspace,
        month("2026-11"),
        &PlanOptions {
            capacity: Some(rules),
            ..PlanOptions::default()
        },
    )
    .unwrap();
    assert!(result.messages.contains(&PlanMessage::UnknownChannel {
        channel_id: "ch-gone".into()
    }));

    // One rep only.
    let one = plan_for(
        &workspace,
        month("2026-11"),
        &PlanOptions {
            rep_id: Some("rep-b".into()),
            ..PlanOptions::default()
        },
    )
    .unwrap();
    assert_eq!(one.plan.reps.len(), 1);
    assert!(one.plan.rows.iter().all(|r| r.rep_id == "rep-b"));

    // An empty workspace, and one whose capacity names nothing.
    let empty = plan_for(&Workspace::default(), month("2026-11"), &defaults).unwrap();
    assert!(empty.messages.contains(&PlanMessage::NoReps));
    assert!(empty.messages.contains(&PlanMessage::NoPlannedChannels));
    assert!(empty.plan.rows.is_empty());
    let nothing = plan_for(
        &workspace,
        month("2026-11"),
        &PlanOptions {
            capacity: Some(CapacityRules {
                visit_slots_per_day: 8.0,
                channels: Vec::new(),
                reps: Vec::new(),
            }),
            ..PlanOptions::default()
        },
    )
    .unwrap();
    assert!(nothing.messages.contains(&PlanMessage::NoPlannedChannels));
    assert_eq!(nothing.plan.expected_uplift, 0.0);
    // Every message words itself.
    for message in early
        .messages
        .iter()
        .chain(&late.messages)
        .chain(&empty.messages)
    {
        assert!(!message.to_string().is_empty());
    }
}

#[test]
fn rule_29_demo_workspaces_plan_without_a_panic() {
    for (scale, market) in [
        (DemoScale::Tiny, MarketRules::Standard),
        (DemoScale::Tiny, MarketRules::China),
        (DemoScale::Demo, MarketRules::China),
    ] {
        let workspace = generate_demo_workspace(DemoOptions {
            market,
            ..DemoOptions::fixed(scale, 1, DataLanguage::Chinese)
        });
        for cycle in ["2026-11", "2026-Q4", "2026-10-12..2026-11-20", "2019-03"] {
            let result = plan_for(&workspace, month(cycle), &PlanOptions::default()).unwrap();
            for rep in &result.plan.reps {
                assert!(rep.visit_slots_planned <= rep.visit_slots + 1e-9);
                for load in &rep.channels {
                    assert!(load.planned <= load.capacity, "{cycle} {}", rep.rep_id);
                }
            }
            for row in &result.plan.rows {
                for cell in &row.cells {
                    assert!(cell.planned <= cell.max.max(cell.min));
                    if cell.access != Access::Open {
                        assert_eq!(cell.planned, 0);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rule 30: speed on `large` (run by hand: cargo test --release -p omnirx-core --test planning
// -- --ignored --nocapture).
// ---------------------------------------------------------------------------------------------

/// The page's path (history from the Performance page's index, segments from the Segments page's
/// customer base and profiles) gives the same plan as the CLI's `plan_for`.
#[test]
fn the_pages_path_gives_the_clis_plan() {
    use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
    use omnirx_core::domain::performance::PerformanceData;
    use omnirx_core::domain::planning::goals::segment_from;
    use omnirx_core::domain::segmentation::report::current_profiles;
    use omnirx_core::domain::segmentation::CustomerBase;
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Demo,
        7,
        DataLanguage::English,
    ));
    let last = PlanningData::build(&workspace).last_month.unwrap();
    // The next cycle, and one inside the data (with its follow-up).
    for cycle in [last.plus(1), last] {
        let cycle = Cycle::Month { month: cycle };
        let cli = plan_for(&workspace, cycle, &PlanOptions::default()).unwrap();
        let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
        let base = CustomerBase::build(&workspace);
        let profiles = current_profiles(&workspace, &base, &index);
        let segments =
            segment_from(&workspace, &base, &profiles, &SegmentSource::Strategy, None).unwrap();
        let data = PlanningData::from_performance(
            &workspace,
            &PerformanceData::build_with(&workspace, Some(&index)),
        );
        let page =
            plan_segmented(&workspace, &data, &segments, cycle, &PlanOptions::default()).unwrap();
        assert_eq!(page, cli, "{}", cycle.key());
        assert!(page.plan.expected_uplift > 0.0);
    }
}

#[test]
#[ignore]
fn rule_30_speed_on_large() {
    use std::time::Instant;
    // `OMNIRX_PLAN_SCALE=xl` times the `xl` workspace instead.
    let scale = match std::env::var("OMNIRX_PLAN_SCALE").as_deref() {
        Ok("xl") => DemoScale::Xl,
        _ => DemoScale::Large,
    };
    let workspace = generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::Chinese));
    let cycle = month("2026-11");
    let time = |label: &str, runs: usize, work: &mut dyn FnMut()| {
        let mut samples: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        samples.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{label:<40} {:>9.1} ms (median of {runs})",
            samples[runs / 2]
        );
    };
    let mut data = None;
    time("history (PlanningData::build)", 3, &mut || {
        data = Some(PlanningData::build(&workspace))
    });
    let data = data.unwrap();
    let performance = omnirx_core::domain::performance::PerformanceData::build(&workspace);
    time("history from the Performance index", 3, &mut || {
        PlanningData::from_performance(&workspace, &performance);
    });
    let mut segmentation = None;
    time("segments (funnel index, profiles)", 3, &mut || {
        segmentation = Some(segment_workspace(&workspace, &SegmentSource::Strategy).unwrap())
    });
    let segmentation = segmentation.unwrap();
    let goals = GoalRules::default();
    let (rules, channels, _) =
        planned_channels(&workspace, &CapacityRules::default_for(&workspace));
    let mut curves = Vec::new();
    time("fit (30 curves)", 11, &mut || {
        curves = fit_curves(
            &workspace,
            &data,
            &segmentation,
            &goals,
            &channels,
            &cycle,
            &[],
        )
    });
    let reps: Vec<usize> = (0..workspace.reps.len()).collect();
    for (label, cycle) in [
        ("optimise a month", cycle),
        ("optimise a quarter", month("2026-Q4")),
    ] {
        let inputs = PlanInputs {
            workspace: &workspace,
            data: &data,
            segmentation: &segmentation,
            curves: &curves,
            capacity: &rules,
            channels: &channels,
            goals: &goals,
            cycle,
            reps: &reps,
        };
        let mut plan = None;
        time(label, 11, &mut || plan = Some(optimise_plan(&inputs)));
        let (plan, _) = plan.unwrap();
        let keys: Vec<String> = segmentation
            .segments
            .iter()
            .map(|s| s.key.clone())
            .collect();
        time("  compare (the team and each rep)", 11, &mut || {
            omnirx_core::domain::planning::optimise::compare(&plan, &keys);
        });
        assert_eq!(
            plan.rows.len(),
            workspace.hcps.len() - data.hcp_rep.iter().filter(|r| **r == u32::MAX).count()
        );
        assert!(plan.reps.iter().all(|r| r.optimality == Optimality::Exact));
    }
    let mut result = None;
    time("plan_for (everything)", 3, &mut || {
        result = Some(plan_for(&workspace, cycle, &PlanOptions::default()).unwrap());
    });
    let plan = result.unwrap().plan;
    time("the plan as a table and its CSV", 3, &mut || {
        omnirx_core::view::plan_table::plan_csv(
            &workspace,
            &plan,
            None,
            omnirx_core::i18n::Language::SimplifiedChinese,
        );
    });
}

// ---------------------------------------------------------------------------------------------
// The plan as a table (`view::plan_table`), its CSV, and the XLSX request the page sends.
// ---------------------------------------------------------------------------------------------

fn rep_plan(rep_id: &str) -> RepPlan {
    RepPlan {
        rep_id: rep_id.into(),
        field_days: 21,
        visit_slots_per_day: 8.0,
        visit_slots: 168.0,
        visit_slots_planned: 0.0,
        visit_slot_utilisation: None,
        channels: Vec::new(),
        hcps: 0,
        expected_uplift: 0.0,
        optimality: Optimality::Exact,
    }
}

/// Visits and e-mails of four HCPs of the fixture and one the workspace does not know, every
/// cell on the curve 2·(1 − 2^−x): 1, 1.5, 1.75, 1.875 for 1–4 contacts.
fn table_plan() -> Plan {
    let cell = |planned: u32, last_cycle: u32, binding: Binding, access: Access| PlanCell {
        binding,
        ..plan_cell(planned, 6, last_cycle, access)
    };
    let row = |hcp: &str, rep: &str, account: &str, potential: i64, cells: Vec<PlanCell>| PlanRow {
        rep_id: rep.into(),
        potential,
        ..plan_row(hcp, account, "develop", cells)
    };
    let open = Access::Open;
    let mut plan = Plan {
        cycle: month("2026-11"),
        channels: vec![
            PlanChannel {
                channel_id: "ch-visit".into(),
                visit_slot_cost: 1.0,
            },
            PlanChannel {
                channel_id: "ch-email".into(),
                visit_slot_cost: 0.0,
            },
        ],
        reps: vec![rep_plan("rep-a"), rep_plan("rep-b")],
        rows: vec![
            row(
                "h3",
                "rep-b",
                "a2",
                40,
                vec![
                    cell(1, 2, Binding::MaxFrequency, open),
                    cell(2, 0, Binding::MaxFrequency, open),
                ],
            ),
            row(
                "h9",
                "rep-x",
                "a9",
                5,
                vec![
                    cell(4, 0, Binding::Capacity, open),
                    cell(0, 0, Binding::NoGain, open),
                ],
            ),
            row(
                "h2",
                "rep-a",
                "a1",
                20,
                vec![
                    cell(4, 0, Binding::Capacity, open),
                    cell(0, 0, Binding::Consent, Access::OptedOut),
                ],
            ),
            row(
                "h1",
                "rep-a",
                "a1",
                60,
                vec![
                    cell(3, 2, Binding::VisitSlots, open),
                    cell(1, 1, Binding::MaxFrequency, open),
                ],
            ),
            row(
                "h4",
                "rep-b",
                "a2",
                10,
                vec![
                    cell(0, 0, Binding::NoGain, open),
                    cell(0, 1, Binding::Edited, open),
                ],
            ),
        ],
        expected_uplift: 0.0,
    };
    plan.recompute();
    plan
}

#[test]
fn the_plan_table_has_one_row_per_hcp_by_rep_then_uplift() {
    use omnirx_core::domain::csv_export::CsvCell::{Decimal, Integer, Text};
    use omnirx_core::i18n::Language;
    use omnirx_core::view::plan_table::{plan_csv, plan_file_name, plan_table};
    let workspace = workspace();
    let plan = table_plan();
    let table = plan_table(&workspace, &plan, None, Language::English);
    assert_eq!(
        table.headers,
        [
            "Rep",
            "HCP id",
            "HCP name",
            "Account",
            "Segment",
            "Potential",
            "VISIT",
            "EMAIL",
            "Planned contacts",
            "Last cycle's contacts",
            "Expected uplift",
            "Why"
        ]
    );
    let ids: Vec<&omnirx_core::domain::csv_export::CsvCell> =
        table.rows.iter().map(|row| &row[1]).collect();
    // rep-a (h1 2.75 before h2 1.875), rep-b (h3 2.5 before h4 0), then a rep the plan does not
    // list, whatever its uplift.
    assert_eq!(
        ids,
        [
            &Text("h1".into()),
            &Text("h2".into()),
            &Text("h3".into()),
            &Text("h4".into()),
            &Text("h9".into())
        ]
    );
    assert_eq!(
        table.rows[0],
        [
            Text("REP-A".into()),
            Text("h1".into()),
            Text("Dr h1".into()),
            Text("Ruijin Hospital".into()),
            Text("Develop".into()),
            Integer(60),
            Integer(3),
            Integer(1),
            Integer(4),
            Integer(3),
            Decimal(2.75, 2),
            Text("visit slots went to larger gains: VISIT; max frequency: EMAIL".into()),
        ]
    );
    // Ids the workspace does not have are shown as they are.
    assert_eq!(
        &table.rows[4][..4],
        [
            Text("rep-x".into()),
            Text("h9".into()),
            Text("h9".into()),
            Text("a9".into())
        ]
    );
    let csv = plan_csv(&workspace, &plan, None, Language::English);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "\u{feff}Rep,HCP id,HCP name,Account,Segment,Potential,VISIT,EMAIL,Planned contacts,Last cycle's contacts,Expected uplift,Why",
            "REP-A,h1,Dr h1,Ruijin Hospital,Develop,60,3,1,4,3,2.75,visit slots went to larger gains: VISIT; max frequency: EMAIL",
            "REP-A,h2,Dr h2,Ruijin Hospital,Develop,20,4,0,4,0,1.88,capacity used up: VISIT; opted out: EMAIL",
            "REP-B,h3,Dr h3,\"Huashan, Jing'an; East\\\",Develop,40,1,2,3,2,2.50,\"max frequency: VISIT, EMAIL\"",
            "REP-B,h4,Dr h4,\"Huashan, Jing'an; East\\\",Develop,10,0,0,0,1,0.00,no more gain: VISIT; set by hand: EMAIL",
            "rep-x,h9,h9,a9,Develop,5,4,0,4,0,1.88,capacity used up: VISIT; no more gain: EMAIL",
            "",
        ]
    );
    // One rep, in Chinese.
    let one = plan_table(
        &workspace,
        &plan,
        Some("rep-b"),
        Language::SimplifiedChinese,
    );
    assert_eq!(
        one.headers[..6],
        ["代表", "医生编号", "医生姓名", "机构", "细分", "潜力"]
    );
    assert_eq!(
        one.headers[8..],
        ["计划接触合计", "上周期接触合计", "预期增量", "原因"]
    );
    assert_eq!(one.rows.len(), 2);
    assert_eq!(one.rows[0][11], Text("已达最高频次：VISIT、EMAIL".into()));
    assert_eq!(
        one.rows[1][11],
        Text("再多也无增益：VISIT；手动设置：EMAIL".into())
    );
    assert_eq!(
        plan_file_name(&plan, None, "csv"),
        "omnirx-plan-2026-11.csv"
    );
    assert_eq!(
        plan_file_name(&plan, Some("rep b/1"), "xlsx"),
        "omnirx-plan-2026-11-rep_b_1.xlsx"
    );
    let custom = Plan {
        cycle: month("2026-11-02..2026-11-15"),
        ..plan.clone()
    };
    assert_eq!(
        plan_file_name(&custom, None, "csv"),
        "omnirx-plan-2026-11-02_2026-11-15.csv"
    );

    // The page sends the typed table to the worker as JSON; numbers stay numbers.
    use omnirx_core::domain::table_import::protocol::{Request, TableSheet};
    let request = Request::TableXlsx {
        file_name: plan_file_name(&plan, None, "xlsx"),
        sheets: vec![TableSheet {
            name: plan.cycle.key(),
            table,
        }],
    };
    let json = serde_json::to_string(&request).unwrap();
    assert!(json.starts_with(r#"{"type":"table_xlsx","file_name":"omnirx-plan-2026-11.xlsx""#));
    assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
}

#[test]
fn the_demo_plan_exports_every_row() {
    use omnirx_core::i18n::Language;
    use omnirx_core::view::plan_table::{plan_csv, plan_table};
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::Chinese,
    ));
    let result = plan_for(&workspace, month("2026-11"), &PlanOptions::default()).unwrap();
    let table = plan_table(&workspace, &result.plan, None, Language::SimplifiedChinese);
    assert_eq!(table.rows.len(), result.plan.rows.len());
    assert_eq!(table.headers.len(), 10 + result.plan.channels.len());
    assert!(table
        .rows
        .iter()
        .all(|row| row.len() == table.headers.len()));
    let csv = plan_csv(&workspace, &result.plan, None, Language::English);
    assert_eq!(csv.matches("\r\n").count(), table.rows.len() + 1);
}
