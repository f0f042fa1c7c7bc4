//! Every rule of docs/funnels.md, on a few hand-written events with hand-computed answers.

use omnirx_core::domain::funnel::*;
use omnirx_core::domain::model::*;
use omnirx_core::domain::time::{Month, Timestamp};

/// A local time in Asia/Shanghai (UTC+8), e.g. "2026-01-05 10:00".
fn at(local: &str) -> Timestamp {
    Timestamp::parse(&format!("{}:00+08:00", local.replace(' ', "T"))).expect("a test time")
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

/// A workspace with one account (tier A, region North) and the given HCPs.
fn workspace(hcp_ids: &[&str]) -> Workspace {
    let channel = |id: &str, name: &str, kind| Channel {
        source: None,
        id: id.into(),
        name: name.into(),
        kind,
    };
    Workspace {
        settings: WorkspaceSettings {
            name: "rules".into(),
            ..WorkspaceSettings::default()
        },
        products: vec![
            Product {
                source: None,
                updated_at: None,
                id: "p1".into(),
                name: "Product one".into(),
                therapeutic_area: String::new(),
            },
            Product {
                source: None,
                updated_at: None,
                id: "p2".into(),
                name: "Product two".into(),
                therapeutic_area: String::new(),
            },
        ],
        channels: vec![
            channel("visit", "Visit", ChannelKind::RepVisit),
            channel("email", "Email", ChannelKind::Email),
            channel("wechat", "WeChat", ChannelKind::Wechat),
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
        reps: vec![Rep {
            source: None,
            updated_at: None,
            id: "r1".into(),
            name: "Rep one".into(),
            region_id: "north".into(),
            territory_id: None,
        }],
        accounts: vec![
            Account {
                source: None,
                updated_at: None,
                id: "a1".into(),
                name: "Hospital one".into(),
                account_type: AccountType::TertiaryHospital,
                region_id: "north".into(),
                territory_id: None,
                city: String::new(),
                tier: "A".into(),
            },
            Account {
                source: None,
                updated_at: None,
                id: "a2".into(),
                name: "Clinic two".into(),
                account_type: AccountType::CommunityClinic,
                region_id: "south".into(),
                territory_id: None,
                city: String::new(),
                tier: String::new(),
            },
        ],
        hcps: hcp_ids
            .iter()
            .map(|id| Hcp {
                source: None,
                updated_at: None,
                id: id.to_string(),
                name: format!("Dr {id}"),
                account_id: "a1".into(),
                specialty: Specialty::Endocrinology,
                title: HcpTitle::AttendingPhysician,
                prescribing_potential: 10,
                influence: Influence::None,
                department_head: false,
                committee_member: false,
                preferred_channel_id: None,
                consent: Consent::default(),
            })
            .collect(),
        ..Workspace::default()
    }
}

fn touch(
    when: &str,
    hcp: &str,
    channel: &str,
    kind: InteractionKind,
    outcome: Outcome,
) -> Interaction {
    Interaction {
        source: None,
        at: at(when),
        hcp_id: hcp.into(),
        rep_id: (channel == "visit").then(|| "r1".to_string()),
        channel_id: channel.into(),
        kind,
        product_id: Some("p1".into()),
        outcome,
        notes: String::new(),
    }
}

fn email_opened(when: &str, hcp: &str) -> Interaction {
    touch(
        when,
        hcp,
        "email",
        InteractionKind::EmailOpened,
        Outcome::Engaged,
    )
}

fn visit(when: &str, hcp: &str, outcome: Outcome) -> Interaction {
    touch(when, hcp, "visit", InteractionKind::Visit, outcome)
}

fn prescribed(period: &str, hcp: &str) -> Prescription {
    Prescription {
        source: None,
        period: month(period),
        hcp_id: Some(hcp.into()),
        account_id: Some("a1".into()),
        product_id: "p1".into(),
        units: 5,
        value: 0.0,
    }
}

fn step(name: &str, condition: StepCondition) -> FunnelStep {
    FunnelStep {
        name: name.into(),
        condition,
    }
}

fn interaction_step(name: &str, kinds: &[InteractionKind], outcomes: &[Outcome]) -> FunnelStep {
    step(
        name,
        StepCondition::Interaction {
            kinds: kinds.to_vec(),
            channel_ids: vec![],
            product_ids: vec![],
            outcomes: outcomes.to_vec(),
        },
    )
}

/// Opened an email → engaged visit → sample; window 30 days.
fn three_step_funnel(order: StepOrder) -> FunnelDefinition {
    FunnelDefinition {
        id: "f".into(),
        name: "test".into(),
        steps: vec![
            interaction_step("opened", &[InteractionKind::EmailOpened], &[]),
            interaction_step("visit", &[InteractionKind::Visit], &[Outcome::Engaged]),
            interaction_step("sample", &[InteractionKind::Sample], &[]),
        ],
        unit: CountingUnit::Hcp,
        order,
        window: ConversionWindow {
            amount: 30,
            unit: WindowUnit::Days,
        },
        period: None,
        percent_of: PercentBase::FirstStep,
        manual_counts: None,
    }
}

fn counts(workspace: &Workspace, definition: &FunnelDefinition) -> Vec<u64> {
    summarise_funnel(workspace, definition).counts()
}

fn summarise_funnel(workspace: &Workspace, definition: &FunnelDefinition) -> FunnelSummary {
    funnel_report(workspace, definition, &ReportOptions::default())
        .unwrap()
        .summary
}

fn period(from: &str, to: &str) -> Period {
    Period {
        from: parse_iso_date(from).unwrap(),
        to: parse_iso_date(to).unwrap(),
    }
}

#[test]
fn ordered_allows_other_events_between_steps_and_strict_does_not() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    w.interactions = vec![
        // h1: opened, a neutral visit (matches no step), engaged visit, sample.
        email_opened("2026-01-05 09:00", "h1"),
        visit("2026-01-06 09:00", "h1", Outcome::Neutral),
        visit("2026-01-07 09:00", "h1", Outcome::Engaged),
        touch(
            "2026-01-08 09:00",
            "h1",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        // h2: opened, opened again (a step-1 event between), engaged visit, sample.
        email_opened("2026-01-05 09:00", "h2"),
        email_opened("2026-01-06 09:00", "h2"),
        visit("2026-01-07 09:00", "h2", Outcome::Engaged),
        touch(
            "2026-01-08 09:00",
            "h2",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        // h3: opened, sample (a step-3 event) before the engaged visit.
        email_opened("2026-01-05 09:00", "h3"),
        touch(
            "2026-01-06 09:00",
            "h3",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        visit("2026-01-07 09:00", "h3", Outcome::Engaged),
    ];
    // Ordered: h1 and h2 finish; h3's only sample is before its visit.
    assert_eq!(
        counts(&w, &three_step_funnel(StepOrder::Ordered)),
        vec![3, 3, 2]
    );
    // Strict: h1 finishes (a neutral visit matches no step); h2 breaks at the repeated opening;
    // h3 breaks at the sample between opening and visit.
    assert_eq!(
        counts(&w, &three_step_funnel(StepOrder::Strict)),
        vec![3, 1, 1]
    );
    // Any order: h3's sample before its visit counts.
    assert_eq!(
        counts(&w, &three_step_funnel(StepOrder::Any)),
        vec![3, 3, 3]
    );
}

#[test]
fn any_order_needs_all_steps_inside_the_window_from_the_first_step_event() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        // h1 does the steps backwards within 3 days.
        touch(
            "2026-01-01 09:00",
            "h1",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        visit("2026-01-02 09:00", "h1", Outcome::Engaged),
        email_opened("2026-01-03 09:00", "h1"),
        // h2's window opens with the visit; the opening comes 40 days later, outside 30 days.
        visit("2026-01-01 09:00", "h2", Outcome::Engaged),
        email_opened("2026-02-10 09:00", "h2"),
    ];
    let summary = summarise_funnel(&w, &three_step_funnel(StepOrder::Any));
    // h2 never does step 1 inside its window, so it is not in the funnel at all.
    assert_eq!(summary.counts(), vec![1, 1, 1]);
    // In any order, step k happens when the first k steps are all done: all at the third day.
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(0));
    // In order, both enter with their opening and neither has a visit after it.
    assert_eq!(ordered_counts(&w), vec![2, 0, 0]);
}

fn ordered_counts(w: &Workspace) -> Vec<u64> {
    counts(w, &three_step_funnel(StepOrder::Ordered))
}

#[test]
fn one_event_never_satisfies_two_steps_even_when_it_matches_both() {
    let mut w = workspace(&["h1", "h2"]);
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    // Step 1 = any interaction, step 2 = engaged visit: one engaged visit matches both.
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    w.interactions = vec![
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        visit("2026-01-05 09:00", "h2", Outcome::Engaged),
        visit("2026-01-09 09:00", "h2", Outcome::Engaged),
    ];
    assert_eq!(counts(&w, &funnel), vec![2, 1, 0]);
    funnel.order = StepOrder::Any;
    assert_eq!(counts(&w, &funnel), vec![2, 1, 0]);

    // In any order, a step gives up an event another step needs: the engaged visit first serves
    // "aware", then moves to "engaged visit" while the later email takes over "aware".
    w.interactions = vec![
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        touch(
            "2026-01-06 09:00",
            "h1",
            "email",
            InteractionKind::EmailSent,
            Outcome::NoResponse,
        ),
    ];
    assert_eq!(counts(&w, &funnel), vec![1, 1, 0]);
    funnel.order = StepOrder::Ordered;
    assert_eq!(counts(&w, &funnel), vec![1, 0, 0]);
}

#[test]
fn events_in_the_same_second_count_as_simultaneous() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        // h1: all three steps in the same second, in reverse file order.
        touch(
            "2026-01-05 09:00",
            "h1",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        email_opened("2026-01-05 09:00", "h1"),
        // h2 in strict order: a second opening in the same second as the visit does not break.
        email_opened("2026-01-05 09:00", "h2"),
        email_opened("2026-01-06 09:00", "h2"),
        visit("2026-01-06 09:00", "h2", Outcome::Engaged),
    ];
    assert_eq!(ordered_counts(&w), vec![2, 2, 1]);
    let summary = summarise_funnel(&w, &three_step_funnel(StepOrder::Ordered));
    // h1 converts in 0 s, h2 in 1 day: nearest-rank median of [0, 86400] is 0, p75 is 86400.
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(0));
    assert_eq!(summary.steps[1].p75_seconds_from_previous, Some(86_400));
    assert_eq!(
        counts(&w, &three_step_funnel(StepOrder::Strict)),
        vec![2, 2, 1]
    );
}

#[test]
fn the_window_is_inclusive_and_months_are_calendar_months() {
    let mut w = workspace(&["h1", "h2", "h3", "h4"]);
    w.interactions = vec![
        // Exactly 30 days: counts.
        email_opened("2026-01-01 09:00", "h1"),
        visit("2026-01-31 09:00", "h1", Outcome::Engaged),
        // 30 days and one minute: too late.
        email_opened("2026-01-01 09:00", "h2"),
        visit("2026-01-31 09:01", "h2", Outcome::Engaged),
        // 31 January + 1 month = 28 February, same time.
        email_opened("2026-01-31 09:00", "h3"),
        visit("2026-02-28 09:00", "h3", Outcome::Engaged),
        email_opened("2026-01-31 09:00", "h4"),
        visit("2026-03-01 09:00", "h4", Outcome::Engaged),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps.truncate(2);
    funnel.period = Some(period("2026-01-01", "2026-01-01"));
    assert_eq!(counts(&w, &funnel), vec![2, 1]);
    funnel.period = Some(period("2026-01-31", "2026-01-31"));
    funnel.window = ConversionWindow {
        amount: 1,
        unit: WindowUnit::Months,
    };
    assert_eq!(counts(&w, &funnel), vec![2, 1]);
    funnel.window = ConversionWindow {
        amount: 4,
        unit: WindowUnit::Weeks,
    };
    // 4 weeks from 31 January 09:00 is 28 February 09:00: h3 counts, h4 does not.
    assert_eq!(counts(&w, &funnel), vec![2, 1]);
}

#[test]
fn the_first_entry_counts_and_later_entries_do_not_restart_the_window() {
    let mut w = workspace(&["h1"]);
    w.interactions = vec![
        email_opened("2026-01-01 09:00", "h1"),
        email_opened("2026-03-01 09:00", "h1"),
        // 45 days after the second opening, 104 days after the first.
        visit("2026-04-15 09:00", "h1", Outcome::Engaged),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.window = ConversionWindow {
        amount: 60,
        unit: WindowUnit::Days,
    };
    assert_eq!(counts(&w, &funnel), vec![1, 0, 0]);
}

#[test]
fn events_before_the_period_are_ignored_and_later_steps_may_follow_after_it() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        email_opened("2025-12-20 09:00", "h1"),
        email_opened("2026-02-10 09:00", "h1"),
        visit("2026-02-20 09:00", "h1", Outcome::Engaged),
        // h2 enters on the period's last day and converts after the period.
        email_opened("2026-03-31 23:30", "h2"),
        visit("2026-04-02 09:00", "h2", Outcome::Engaged),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.period = Some(period("2026-01-01", "2026-03-31"));
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![2, 2, 0]);
    // h1 entered on 10 February (not in December): 10 days to the visit; h2 took 1 day 9.5 h.
    let times = [10 * 86_400, 86_400 + 9 * 3_600 + 1_800];
    assert_eq!(
        summary.steps[1].median_seconds_from_previous,
        Some(times[1])
    );
    assert_eq!(summary.steps[1].p75_seconds_from_previous, Some(times[0]));
}

#[test]
fn period_boundaries_are_local_days_in_the_workspace_time_zone() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    w.interactions = vec![
        // 00:10 on 1 January in Shanghai is still 31 December in UTC: inside.
        email_opened("2026-01-01 00:10", "h1"),
        // 23:50 on 31 March in Shanghai: inside.
        email_opened("2026-03-31 23:50", "h2"),
        // 00:10 on 1 April in Shanghai (16:10 UTC on 31 March): outside.
        email_opened("2026-04-01 00:10", "h3"),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.period = Some(period("2026-01-01", "2026-03-31"));
    assert_eq!(counts(&w, &funnel)[0], 2);
    // An unknown zone counts in UTC: h1 falls out (31 December UTC), h3 comes in.
    w.settings.time_zone = "Mars/Olympus_Mons".into();
    let summary = summarise_funnel(&w, &funnel);
    assert!(!summary.time_zone_known);
    assert_eq!(summary.counts()[0], 2);
    let report = funnel_report(&w, &funnel, &ReportOptions::default()).unwrap();
    assert_eq!(report.summary.counts()[0], 2);
}

#[test]
fn recent_entrants_are_still_in_the_window_and_not_dropped() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    w.interactions = vec![
        // h1 entered long ago and never converted: dropped.
        email_opened("2026-01-01 09:00", "h1"),
        // h2 converted.
        email_opened("2026-02-01 09:00", "h2"),
        visit("2026-02-03 09:00", "h2", Outcome::Engaged),
        // h3 entered 10 days before the end of the data; its 30-day window is still open.
        email_opened("2026-03-01 09:00", "h3"),
        // The last event of the data.
        visit("2026-03-11 09:00", "h1", Outcome::Neutral),
    ];
    let summary = summarise_funnel(&w, &three_step_funnel(StepOrder::Ordered));
    assert_eq!(summary.counts(), vec![3, 1, 0]);
    assert_eq!(summary.steps[1].dropped, 1);
    assert_eq!(summary.steps[1].still_in_window, 1);
    // h2 reached step 2 on 3 February; its window closed on 3 March, before the data's end.
    assert_eq!(summary.steps[2].dropped, 1);
    assert_eq!(summary.steps[2].still_in_window, 0);
    assert_eq!(summary.data_end, Some(at("2026-03-11 09:00")));
}

fn prescribing_funnel() -> FunnelDefinition {
    FunnelDefinition {
        id: "rx".into(),
        name: "rx".into(),
        steps: vec![
            interaction_step("detailed", &[InteractionKind::Visit], &[Outcome::Detailed]),
            step(
                "trial",
                StepCondition::FirstPrescription {
                    product_ids: vec![],
                },
            ),
            step(
                "adoption",
                StepCondition::Prescriptions {
                    product_ids: vec![],
                    months: 3,
                    within_months: 6,
                },
            ),
        ],
        window: ConversionWindow {
            amount: 12,
            unit: WindowUnit::Months,
        },
        ..three_step_funnel(StepOrder::Ordered)
    }
}

#[test]
fn prescription_months_count_from_the_previous_step_within_their_month() {
    let mut w = workspace(&["h1", "h2", "h3", "h4"]);
    w.interactions = vec![
        visit("2026-01-20 09:00", "h1", Outcome::Detailed),
        visit("2026-01-20 09:00", "h2", Outcome::Detailed),
        visit("2026-01-20 09:00", "h3", Outcome::Detailed),
        visit("2026-01-20 09:00", "h4", Outcome::Detailed),
    ];
    w.prescriptions = vec![
        // h1: trial in the visit's month (time 0), then months 3 and 6 of 2026: three months
        // (Jan, Mar, Jun) within 6 → adoption in June.
        prescribed("2026-01", "h1"),
        prescribed("2026-03", "h1"),
        prescribed("2026-06", "h1"),
        // h2 prescribed before the visit: its first prescription is in the past, no trial.
        prescribed("2025-11", "h2"),
        prescribed("2026-02", "h2"),
        // h3: trial in February, then April and September: never 3 in 6 months.
        prescribed("2026-02", "h3"),
        prescribed("2026-04", "h3"),
        prescribed("2026-09", "h3"),
        // h4: a month with zero units is not a prescription month.
        Prescription {
            units: 0,
            ..prescribed("2026-02", "h4")
        },
    ];
    let summary = summarise_funnel(&w, &prescribing_funnel());
    assert_eq!(summary.counts(), vec![4, 2, 1]);
    // h1's trial is at the visit itself (0 s); h3's at 1 February 00:00 local.
    let to_february = at("2026-02-01 00:00").0 - at("2026-01-20 09:00").0;
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(0));
    assert_eq!(
        summary.steps[1].p75_seconds_from_previous,
        Some(to_february)
    );
    // h1 adopts at the start of June.
    assert_eq!(
        summary.steps[2].median_seconds_from_previous,
        Some(at("2026-06-01 00:00").0 - at("2026-01-20 09:00").0)
    );
}

#[test]
fn a_prescription_month_does_not_break_strict_order_but_an_interaction_does() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        visit("2026-01-10 09:00", "h1", Outcome::Detailed),
        visit("2026-01-10 09:00", "h2", Outcome::Detailed),
        // h2 has another detailed visit (a step-1 event) before its February prescription.
        visit("2026-01-25 09:00", "h2", Outcome::Detailed),
    ];
    w.prescriptions = vec![prescribed("2026-02", "h1"), prescribed("2026-02", "h2")];
    let mut funnel = prescribing_funnel();
    funnel.order = StepOrder::Strict;
    assert_eq!(counts(&w, &funnel), vec![2, 1, 0]);
    funnel.order = StepOrder::Ordered;
    assert_eq!(counts(&w, &funnel), vec![2, 2, 0]);
}

#[test]
fn accounts_combine_the_history_of_their_hcps() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        email_opened("2026-01-05 09:00", "h1"),
        visit("2026-01-07 09:00", "h2", Outcome::Engaged),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    assert_eq!(counts(&w, &funnel), vec![1, 0, 0]);
    funnel.unit = CountingUnit::Account;
    assert_eq!(counts(&w, &funnel), vec![1, 1, 0]);

    // A prescription recorded for the account without an HCP counts for the account only.
    let mut rx_funnel = prescribing_funnel();
    w.interactions = vec![visit("2026-01-10 09:00", "h1", Outcome::Detailed)];
    w.prescriptions = vec![Prescription {
        hcp_id: None,
        ..prescribed("2026-02", "h1")
    }];
    assert_eq!(counts(&w, &rx_funnel), vec![1, 0, 0]);
    rx_funnel.unit = CountingUnit::Account;
    assert_eq!(counts(&w, &rx_funnel), vec![1, 1, 0]);
    // Deriving the account index from the HCP index gives the same index as building it.
    let hcps = FunnelIndex::build(&w, CountingUnit::Hcp);
    assert_eq!(
        hcps.accounts_from_hcps(&w),
        FunnelIndex::build(&w, CountingUnit::Account)
    );
    assert_eq!(hcps.accounts_from_hcps(&w).entities[0].id, "a1");
}

#[test]
fn breakdown_attribution_picks_first_touch_last_touch_or_the_step_event() {
    let mut w = workspace(&["h1", "h2"]);
    let wechat_read = |when: &str, hcp: &str| {
        touch(
            when,
            hcp,
            "wechat",
            InteractionKind::WechatRead,
            Outcome::Engaged,
        )
    };
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    w.interactions = vec![
        // h1: aware by email, engaged visit, then a WeChat read, then a sample by visit.
        email_opened("2026-01-05 09:00", "h1"),
        visit("2026-01-06 09:00", "h1", Outcome::Engaged),
        wechat_read("2026-01-07 09:00", "h1"),
        touch(
            "2026-01-08 09:00",
            "h1",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        // h2: aware by WeChat, then a WeChat read, never visited.
        wechat_read("2026-01-05 09:00", "h2"),
        wechat_read("2026-01-09 09:00", "h2"),
    ];
    let report = |attribution| {
        funnel_report(
            &w,
            &funnel,
            &ReportOptions {
                period: None,
                breakdown: Some((BreakdownDimension::Channel, attribution)),
            },
        )
        .unwrap()
        .breakdown
        .unwrap()
        .series
        .into_iter()
        .map(|series| match series.label {
            SeriesLabel::Named(name) => (name, series.counts),
            other => (format!("{other:?}"), series.counts),
        })
        .collect::<Vec<_>>()
    };
    let named = |name: &str, counts: &[u64]| (name.to_string(), counts.to_vec());
    assert_eq!(
        report(Attribution::FirstTouch),
        vec![named("Email", &[1, 1, 1]), named("WeChat", &[1, 0, 0])]
    );
    // Last touch: h1's furthest step is the sample (a visit); h2's only step is its first WeChat.
    assert_eq!(
        report(Attribution::LastTouch),
        vec![named("Visit", &[1, 1, 1]), named("WeChat", &[1, 0, 0])]
    );
    // Step event: h1 is email at step 1 and visit at steps 2 and 3.
    assert_eq!(
        report(Attribution::StepEvent),
        vec![
            named("Email", &[1, 0, 0]),
            named("WeChat", &[1, 0, 0]),
            named("Visit", &[0, 1, 1]),
        ]
    );
}

#[test]
fn breakdowns_by_region_segment_and_rep_name_missing_values() {
    let mut w = workspace(&["h1", "h2"]);
    w.hcps[1].account_id = "a2".into();
    w.interactions = vec![
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        email_opened("2026-01-05 09:00", "h2"),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    let labels = |dimension| {
        funnel_report(
            &w,
            &funnel,
            &ReportOptions {
                period: None,
                breakdown: Some((dimension, Attribution::FirstTouch)),
            },
        )
        .unwrap()
        .breakdown
        .unwrap()
        .series
        .into_iter()
        .map(|series| series.label)
        .collect::<Vec<_>>()
    };
    let named = |name: &str| SeriesLabel::Named(name.into());
    assert_eq!(
        labels(BreakdownDimension::Region),
        vec![named("North"), named("South")]
    );
    // The clinic has no tier: "none".
    assert_eq!(
        labels(BreakdownDimension::Segment),
        vec![named("A"), SeriesLabel::Missing]
    );
    // An email has no rep.
    assert_eq!(
        labels(BreakdownDimension::Rep),
        vec![named("Rep one"), SeriesLabel::Missing]
    );
}

#[test]
fn more_than_eight_series_keep_the_seven_largest_and_sum_the_rest_as_other() {
    let mut w = workspace(&[]);
    w.channels = (0..10)
        .map(|index| Channel {
            source: None,
            id: format!("c{index}"),
            name: format!("Channel {index}"),
            kind: ChannelKind::Other,
        })
        .collect();
    // Channel k reaches k + 1 HCPs.
    for channel in 0..10 {
        for copy in 0..=channel {
            let id = format!("h{channel}-{copy}");
            w.hcps.push(Hcp {
                id: id.clone(),
                ..workspace(&["x"]).hcps[0].clone()
            });
            w.interactions.push(touch(
                "2026-01-05 09:00",
                &id,
                &format!("c{channel}"),
                InteractionKind::Call,
                Outcome::Neutral,
            ));
        }
    }
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    let series = funnel_report(
        &w,
        &funnel,
        &ReportOptions {
            period: None,
            breakdown: Some((BreakdownDimension::Channel, Attribution::FirstTouch)),
        },
    )
    .unwrap()
    .breakdown
    .unwrap()
    .series;
    assert_eq!(series.len(), 8);
    assert_eq!(series[0].label, SeriesLabel::Named("Channel 9".into()));
    assert_eq!(series[0].counts[0], 10);
    // Channels 0, 1 and 2 reach 1 + 2 + 3 HCPs.
    assert_eq!(series[7].label, SeriesLabel::Other);
    assert_eq!(series[7].counts[0], 6);
}

#[test]
fn the_drop_off_list_names_who_stopped_with_recent_entrants_last() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    w.interactions = vec![
        email_opened("2026-01-01 09:00", "h2"),
        email_opened("2026-01-02 09:00", "h1"),
        email_opened("2026-03-01 09:00", "h3"),
        visit("2026-03-02 09:00", "h3", Outcome::Neutral),
    ];
    let funnel = three_step_funnel(StepOrder::Ordered);
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let run = run_funnel(&funnel, &WorkspaceIds::of(&w), &index);
    let stopped = stopped_before(&run, &index, 1);
    let described: Vec<(&str, bool)> = stopped
        .iter()
        .map(|entity| (entity.id.as_str(), entity.still_in_window))
        .collect();
    assert_eq!(described, vec![("h1", false), ("h2", false), ("h3", true)]);
    assert_eq!(stopped[0].name, "Dr h1");
    assert_eq!(stopped[0].reached_at, at("2026-01-02 09:00"));
}

#[test]
fn the_bottleneck_is_the_lowest_conversion_or_the_largest_fall_against_a_comparison() {
    let definition = FunnelDefinition {
        manual_counts: Some(vec![1000, 500, 400, 100]),
        steps: (0..4)
            .map(|i| step(&format!("s{i}"), StepCondition::default()))
            .collect(),
        ..three_step_funnel(StepOrder::Ordered)
    };
    let summary = summarise_manual(&definition, &[1000, 500, 400, 100]).unwrap();
    // Conversions 50%, 80%, 25%: step 3 (index 3) is lowest.
    assert_eq!(summary.bottleneck, Some(3));
    // Against 1000 → 800 → 640 → 150 (80%, 80%, 23.4%): step 1 fell 30 points, step 3 rose.
    assert_eq!(
        find_bottleneck(&summary, Some(&[1000, 800, 640, 150])),
        Some(1)
    );
    let deltas = step_deltas(&summary.counts(), &[1000, 800, 640, 150]);
    assert_eq!(deltas[1].count_delta, -300);
    assert!((deltas[1].conversion_delta_points.unwrap() - -30.0).abs() < 1e-9);
    assert_eq!(deltas[0].conversion_delta_points, None);
    // A tie goes to the earlier step.
    let tied = summarise_manual(&definition, &[100, 50, 25, 25]).unwrap();
    assert_eq!(tied.bottleneck, Some(1));
}

#[test]
fn workshop_counts_are_checked_and_everyone_who_stopped_has_dropped() {
    let mut definition = three_step_funnel(StepOrder::Ordered);
    definition.manual_counts = Some(vec![200, 120, 30]);
    let summary = summarise_funnel(&workspace(&[]), &definition);
    assert!(summary.manual);
    assert_eq!(summary.counts(), vec![200, 120, 30]);
    assert_eq!(summary.steps[1].dropped, 80);
    assert_eq!(summary.steps[2].dropped, 90);
    assert_eq!(summary.steps[2].conversion_from_previous, Some(0.25));
    assert_eq!(summary.steps[2].conversion_from_first, Some(0.15));
    assert_eq!(
        check_manual_counts(3, &[200, 220, 30]),
        Err(ManualCountsProblem::Increases { step: 1 })
    );
    assert_eq!(
        check_manual_counts(3, &[200, 30]),
        Err(ManualCountsProblem::WrongLength {
            steps: 3,
            counts: 2
        })
    );
}

#[test]
fn what_if_projects_the_last_step_and_finds_where_effort_gains_most() {
    // 1000 → 500 → 100 → 50: conversions 50%, 20%, 50%.
    let counts = [1000, 500, 100, 50];
    // +10 points at step 2: 500 × 30% × 50% = 75, 25 more.
    let raised = project_raise(&counts, 2, 10.0).unwrap();
    assert!((raised.projected_last_step - 75.0).abs() < 1e-9);
    assert!((raised.extra_at_last_step - 25.0).abs() < 1e-9);
    // +10 points at step 1: 1000 × 60% × 20% × 50% = 60 (+10); at step 3: 100 × 60% = 60 (+10).
    // Step 2 gains most.
    assert_eq!(best_step_for_effort(&counts, 10.0).unwrap().step, 2);
    // Capped at 100%.
    let capped = project_raise(&counts, 3, 80.0).unwrap();
    assert!((capped.assumed_conversion - 1.0).abs() < 1e-9);
    assert!((capped.projected_last_step - 100.0).abs() < 1e-9);
    // The benchmark is the best series with a base of at least 30.
    let series = vec![
        BreakdownSeries {
            label: SeriesLabel::Named("big".into()),
            counts: vec![100, 40, 10, 5],
        },
        BreakdownSeries {
            label: SeriesLabel::Named("tiny".into()),
            counts: vec![10, 9, 9, 9],
        },
        BreakdownSeries {
            label: SeriesLabel::Named("good".into()),
            counts: vec![200, 100, 40, 20],
        },
    ];
    assert_eq!(
        benchmark_series(&series, 2, 30),
        Some((SeriesLabel::Named("good".into()), 0.4))
    );
}

#[test]
fn the_previous_period_is_the_previous_quarter_month_or_same_length_range() {
    assert_eq!(
        previous_period(period("2026-01-01", "2026-03-31")),
        period("2025-10-01", "2025-12-31")
    );
    assert_eq!(
        previous_period(period("2026-03-01", "2026-03-31")),
        period("2026-02-01", "2026-02-28")
    );
    assert_eq!(
        previous_period(period("2026-03-10", "2026-03-19")),
        period("2026-02-28", "2026-03-09")
    );
    assert_eq!(
        quarter_containing(parse_iso_date("2026-11-24").unwrap()),
        period("2026-10-01", "2026-12-31")
    );
}

#[test]
fn funnel_definitions_survive_the_file_and_bad_ones_are_refused_with_paths() {
    use omnirx_core::domain::workspace_file::{export_workspace, import_workspace, ImportError};
    let mut w = workspace(&["h1"]);
    let mut funnel = prescribing_funnel();
    funnel.period = Some(period("2026-01-01", "2026-06-30"));
    w.funnels = vec![funnel.clone(), default_funnel(true)];
    let text = export_workspace(&w);
    assert!(text.contains("\"from\": \"2026-01-01\""));
    let back = import_workspace(text.as_bytes()).unwrap().workspace;
    assert_eq!(back.funnels, w.funnels);

    let mut bad = w.clone();
    bad.funnels[0].steps.truncate(1);
    bad.funnels[1].window.amount = 0;
    bad.funnels[1].steps[0].condition = StepCondition::Interaction {
        kinds: vec![],
        channel_ids: vec!["fax".into()],
        product_ids: vec![],
        outcomes: vec![],
    };
    let Err(ImportError::Invalid { problems, .. }) =
        import_workspace(export_workspace(&bad).as_bytes())
    else {
        panic!("a funnel with one step must be refused");
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "funnels[0].steps",
            "funnels[1].window.amount",
            "funnels[1].steps[0].condition.channel_ids[0]"
        ]
    );
}

/// In `any` order, "the time of step k is when the first k steps were all done".
/// Step 1 = any interaction, step 2 = engaged visit. h1: engaged visit on day 1, email on day 2.
/// Steps 1 and 2 need two distinct events, so both are done only on day 2: 1 day from step 1
/// (done on day 1 with the visit) to step 2. (Kuhn's augmenting path moves step 1 to the email after
/// the visit was first given to it.)
#[test]
fn any_order_time_of_step_k_is_when_the_first_k_steps_are_all_done() {
    let mut w = workspace(&["h1"]);
    let mut funnel = three_step_funnel(StepOrder::Any);
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    w.interactions = vec![
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        touch(
            "2026-01-06 09:00",
            "h1",
            "email",
            InteractionKind::EmailSent,
            Outcome::NoResponse,
        ),
    ];
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![1, 1, 0]);
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(86_400));
}

/// "The end of the data is the latest interaction or the last second of the latest
/// prescription month ... a property of the file". An account-only prescription month is a
/// prescription month of the file, but the HCP index ignores it, so the same file gives two ends
/// of the data (and different dropped / still-in-window splits) per counting unit.
#[test]
fn the_end_of_the_data_is_the_same_for_both_counting_units() {
    let mut w = workspace(&["h1"]);
    w.interactions = vec![email_opened("2026-01-05 09:00", "h1")];
    w.prescriptions = vec![Prescription {
        hcp_id: None,
        ..prescribed("2026-06", "h1")
    }];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    let hcp = summarise_funnel(&w, &funnel);
    funnel.unit = CountingUnit::Account;
    let account = summarise_funnel(&w, &funnel);
    assert_eq!(
        account.data_end,
        Some(Timestamp(at("2026-07-01 00:00").0 - 1))
    );
    assert_eq!(hcp.data_end, account.data_end);
    // h1's 30-day window closed long before the end of June: dropped, not still converting.
    assert_eq!(hcp.steps[1].dropped, 1);
}

/// Robustness: nothing here may panic.
#[test]
fn edge_cases_do_not_panic() {
    let mut w = workspace(&["h1"]);
    w.interactions = vec![
        email_opened("2026-01-05 09:00", "h1"),
        visit("2026-01-06 09:00", "h1", Outcome::Engaged),
    ];
    w.prescriptions = vec![prescribed("2026-01", "h1")];
    let mut funnel = prescribing_like();
    // Huge windows.
    for unit in [WindowUnit::Days, WindowUnit::Weeks, WindowUnit::Months] {
        funnel.window = ConversionWindow {
            amount: u32::MAX,
            unit,
        };
        let _ = summarise_funnel(&w, &funnel);
        funnel.order = StepOrder::Any;
        let _ = summarise_funnel(&w, &funnel);
        funnel.order = StepOrder::Strict;
        let _ = summarise_funnel(&w, &funnel);
        funnel.order = StepOrder::Ordered;
    }
    // 20 steps.
    let mut many = funnel.clone();
    many.steps = (0..20)
        .map(|i| step(&format!("s{i}"), StepCondition::any_interaction()))
        .collect();
    for order in [StepOrder::Ordered, StepOrder::Strict, StepOrder::Any] {
        many.order = order;
        let summary = summarise_funnel(&w, &many);
        assert_eq!(summary.steps.len(), 12);
        for attribution in Attribution::ALL {
            let _ = funnel_report(
                &w,
                &many,
                &ReportOptions {
                    period: None,
                    breakdown: Some((BreakdownDimension::Channel, attribution)),
                },
            )
            .unwrap();
        }
    }
    // 0 and 1 step.
    let mut none = funnel.clone();
    none.steps.clear();
    let _ = summarise_funnel(&w, &none);
    none.steps.truncate(0);
    none.steps
        .push(step("one", StepCondition::any_interaction()));
    let _ = summarise_funnel(&w, &none);
    // Manual counts of the wrong length.
    let mut manual = funnel.clone();
    manual.manual_counts = Some(vec![5]);
    assert!(funnel_report(&w, &manual, &ReportOptions::default()).is_err());
    manual.manual_counts = Some(vec![u64::MAX, u64::MAX - 1, 1, 0]);
    let _ = funnel_report(&w, &manual, &ReportOptions::default()).unwrap();
    // Zero-length and inverted periods.
    funnel.period = Some(period("2026-01-05", "2026-01-05"));
    assert_eq!(counts(&w, &funnel)[0], 1);
    funnel.period = Some(period("2026-01-06", "2026-01-05"));
    assert_eq!(counts(&w, &funnel)[0], 0);
    let _ = previous_period(period("2026-01-06", "2026-01-05"));
    // Empty workspace.
    let empty = workspace(&[]);
    for order in [StepOrder::Ordered, StepOrder::Strict, StepOrder::Any] {
        funnel.order = order;
        for unit in [CountingUnit::Hcp, CountingUnit::Account] {
            funnel.unit = unit;
            let _ = summarise_funnel(&empty, &funnel);
            let _ = summarise_funnel(&Workspace::default(), &funnel);
        }
    }
    // What-if on odd inputs.
    assert!(project_raise(&[], 1, 10.0).is_none());
    assert!(best_step_for_effort(&[5], 10.0).is_none());
    let _ = project_raise(&[0, 0, 0], 1, 10.0);
}

#[test]
fn step_deltas_of_huge_counts() {
    let deltas = step_deltas(&[i64::MAX as u64], &[u64::MAX]);
    assert!(deltas[0].count_delta < 0);
}

fn prescribing_like() -> FunnelDefinition {
    FunnelDefinition {
        steps: vec![
            interaction_step("opened", &[InteractionKind::EmailOpened], &[]),
            step(
                "trial",
                StepCondition::FirstPrescription {
                    product_ids: vec![],
                },
            ),
            step(
                "adoption",
                StepCondition::Prescriptions {
                    product_ids: vec![],
                    months: u32::MAX,
                    within_months: u32::MAX,
                },
            ),
            interaction_step("visit", &[InteractionKind::Visit], &[]),
        ],
        ..three_step_funnel(StepOrder::Ordered)
    }
}

/// Any order against a brute force (subset DP over events in time order, no candidate limit):
/// reached steps and "the time of step k" (the earliest moment the first k steps all have their
/// own event).
#[test]
fn any_order_matches_a_brute_force() {
    let kinds = [
        InteractionKind::EmailOpened,
        InteractionKind::Visit,
        InteractionKind::Sample,
        InteractionKind::Call,
    ];
    let mut seed: u64 = 12345;
    let mut next = |bound: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % bound
    };
    let (mut reach_bad, mut time_bad) = (0, 0);
    for case in 0..400 {
        let step_count = 2 + next(11) as usize;
        let step_kinds: Vec<Vec<InteractionKind>> = (0..step_count)
            .map(|_| {
                let mut chosen: Vec<InteractionKind> =
                    kinds.iter().copied().filter(|_| next(2) == 0).collect();
                if chosen.is_empty() {
                    chosen.push(kinds[next(4) as usize]);
                }
                chosen
            })
            .collect();
        let event_count = 1 + next(40) as usize;
        let mut w = workspace(&["h1"]);
        let mut evs: Vec<(i64, InteractionKind)> = (0..event_count)
            .map(|_| (next(20) as i64, kinds[next(4) as usize]))
            .collect();
        evs.sort_by_key(|e| e.0);
        w.interactions = evs
            .iter()
            .map(|(day, kind)| {
                let mut i = touch("2026-01-01 09:00", "h1", "visit", *kind, Outcome::Detailed);
                i.at = Timestamp(i.at.0 + day * 86_400);
                i
            })
            .collect();
        let funnel = FunnelDefinition {
            steps: step_kinds
                .iter()
                .enumerate()
                .map(|(i, k)| interaction_step(&format!("s{i}"), k, &[]))
                .collect(),
            window: ConversionWindow {
                amount: 365,
                unit: WindowUnit::Days,
            },
            ..three_step_funnel(StepOrder::Any)
        };
        let index = FunnelIndex::build(&w, CountingUnit::Hcp);
        let run = run_funnel(&funnel, &WorkspaceIds::of(&w), &index);
        // Brute force.
        let times: Vec<i64> = w.interactions.iter().map(|i| i.at.0).collect();
        let matches = |e: usize, s: usize| step_kinds[s].contains(&w.interactions[e].kind);
        let mut reachable = vec![false; 1 << step_count];
        reachable[0] = true;
        let mut done_at: Vec<Option<i64>> = vec![None; step_count];
        for e in 0..times.len() {
            for mask in (0..reachable.len()).rev() {
                if !reachable[mask] {
                    continue;
                }
                for s in 0..step_count {
                    if mask & (1 << s) == 0 && matches(e, s) {
                        reachable[mask | 1 << s] = true;
                    }
                }
            }
            for k in 0..step_count {
                if done_at[k].is_none() && reachable[(1 << (k + 1)) - 1] {
                    done_at[k] = Some(times[e]);
                }
            }
        }
        let expected_reached = done_at.iter().take_while(|d| d.is_some()).count();
        let trace = run.traces.first();
        let got_reached = trace.map_or(0, |t| usize::from(t.reached));
        if got_reached != expected_reached {
            reach_bad += 1;
            eprintln!("case {case}: reached {got_reached}, expected {expected_reached}");
            continue;
        }
        if let Some(trace) = trace {
            // The interaction credited with each step is the one at the step's time.
            let events = index.events_of(trace.entity as usize);
            for k in 0..got_reached {
                assert_eq!(events[trace.events[k] as usize].at, trace.times[k]);
            }
            for k in 0..got_reached {
                if Some(trace.times[k]) != done_at[k] {
                    time_bad += 1;
                    eprintln!(
                        "case {case}: step {k} at {}, expected {:?}",
                        trace.times[k], done_at[k]
                    );
                    break;
                }
            }
        }
    }
    assert_eq!((reach_bad, time_bad), (0, 0));
}

// The cases issue 22 found open, each settled by one sentence of docs/funnels.md.

/// A funnel of two steps in the given order, window `days` days, over all the data.
fn two_steps(
    first: FunnelStep,
    second: FunnelStep,
    order: StepOrder,
    days: u32,
) -> FunnelDefinition {
    FunnelDefinition {
        steps: vec![first, second],
        window: ConversionWindow {
            amount: days,
            unit: WindowUnit::Days,
        },
        ..three_step_funnel(order)
    }
}

fn months_within(months: u32, within_months: u32) -> FunnelStep {
    step(
        "adoption",
        StepCondition::Prescriptions {
            product_ids: vec![],
            months,
            within_months,
        },
    )
}

fn units(period: &str, hcp: &str, units: i64) -> Prescription {
    Prescription {
        units,
        ..prescribed(period, hcp)
    }
}

fn utc(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a test time")
}

/// The traces of a funnel, to read each entity's step times.
fn traces(w: &Workspace, funnel: &FunnelDefinition) -> Vec<Trace> {
    let index = FunnelIndex::build(w, funnel.unit);
    run_funnel(funnel, &WorkspaceIds::of(w), &index).traces
}

/// The wrong count of issue 22, in UTC: one visit on 2025-11-20 10:00, prescriptions in October
/// (5 units) and November (6 units), any order, window 25 days. Two months within three are
/// reached in November, so the window opens on 1 November 00:00 and ends on 26 November; the
/// visit is inside it, and October counts towards the two months (it was engine's count [1, 0]).
#[test]
fn issue_22_any_order_two_months_within_three_count_the_month_before_the_window() {
    let mut w = workspace(&["h1"]);
    w.settings.time_zone = "UTC".into();
    w.interactions = vec![Interaction {
        at: utc("2025-11-20T10:00:00Z"),
        ..visit("2025-11-20 18:00", "h1", Outcome::Neutral)
    }];
    w.prescriptions = vec![units("2025-10", "h1", 5), units("2025-11", "h1", 6)];
    let aware = step("aware", StepCondition::any_interaction());

    // Step 2 is the prescription step: step 2 is done with the visit, 0 s after step 1.
    let funnel = two_steps(aware.clone(), months_within(2, 3), StepOrder::Any, 25);
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![1, 1]);
    assert_eq!(summary.steps[1].dropped, 0);
    assert_eq!(summary.steps[1].still_in_window, 0);
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(0));

    // Step 1 is the prescription step: done at the window's opening, 1 November 00:00; the
    // visit follows 19 days 10 hours later.
    let funnel = two_steps(months_within(2, 3), aware, StepOrder::Any, 25);
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![1, 1]);
    assert_eq!(summary.steps[1].dropped, 0);
    let trace = traces(&w, &funnel)[0];
    assert_eq!(trace.times[0], utc("2025-11-01T00:00:00Z").0);
    assert_eq!(
        summary.steps[1].median_seconds_from_previous,
        Some(19 * 86_400 + 10 * 3_600)
    );
}

/// Rule: in any order an N-in-M step counts every prescription month of the history, the months
/// before the window that opened it included, and happens in the first month overlapping the
/// window that makes N within M.
#[test]
fn any_order_counts_every_prescription_month_of_the_history() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        email_opened("2025-11-05 10:00", "h1"),
        email_opened("2025-12-10 10:00", "h2"),
    ];
    w.prescriptions = vec![
        // h1: September and October before the window, November inside it: 3 within 4 in
        // November. Counting only months in the window, or from its opening month, gives 1.
        prescribed("2025-09", "h1"),
        prescribed("2025-10", "h1"),
        prescribed("2025-11", "h1"),
        // h2: every month from September; with a period from 1 December, 3 within 4 is made in
        // December, the first month inside the period, from the months before it.
        prescribed("2025-09", "h2"),
        prescribed("2025-10", "h2"),
        prescribed("2025-11", "h2"),
        prescribed("2025-12", "h2"),
    ];
    let opened = interaction_step("opened", &[InteractionKind::EmailOpened], &[]);
    let mut funnel = two_steps(opened, months_within(3, 4), StepOrder::Any, 20);
    funnel.period = Some(period("2025-11-01", "2025-11-30"));
    // h1: the window opens on 1 November 00:00 (the adoption month) and ends on 21 November;
    // the opening on 5 November completes both steps at once. h2 adopts in November too, but
    // opens no email in its window, so it is not counted.
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![1, 1]);
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(0));
    assert_eq!(traces(&w, &funnel)[0].window_end, at("2025-11-21 00:00").0);
    funnel.period = Some(period("2025-12-01", "2025-12-31"));
    // h2 only: its window opens on 1 December 00:00 (adoption in December) and ends on 21
    // December; the opening on 10 December is inside it. h1's adoption month is November.
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![1, 1]);
    assert_eq!(traces(&w, &funnel)[0].entity, 1);
    assert_eq!(traces(&w, &funnel)[0].window_end, at("2025-12-21 00:00").0);

    // In order, the months count from the previous step's month on: h1 has only November
    // after its opening, so it does not adopt.
    funnel.order = StepOrder::Ordered;
    funnel.period = Some(period("2025-11-01", "2025-11-30"));
    assert_eq!(counts(&w, &funnel), vec![1, 0]);
}

/// Rule: an N-in-M step 1 counts the prescription months before the period too, so the entity
/// enters in the first month overlapping the period that makes N within M.
#[test]
fn an_n_in_m_first_step_counts_the_months_before_the_period() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    w.interactions = vec![
        visit("2026-01-20 09:00", "h1", Outcome::Engaged),
        visit("2026-01-20 09:00", "h2", Outcome::Engaged),
        visit("2026-03-05 09:00", "h3", Outcome::Engaged),
    ];
    w.prescriptions = vec![
        // h1 prescribes every month from November: November, December and January make 3 within
        // 6 in January, the period's first month (counting only months inside the period, it
        // would enter in March, after its visit).
        prescribed("2025-11", "h1"),
        prescribed("2025-12", "h1"),
        prescribed("2026-01", "h1"),
        prescribed("2026-02", "h1"),
        prescribed("2026-03", "h1"),
        // h2 adopted in 2025 and stopped: no month inside the period makes 3 within 6.
        prescribed("2025-08", "h2"),
        prescribed("2025-09", "h2"),
        prescribed("2025-10", "h2"),
        // h3: December, February and March make 3 within 6 in March.
        prescribed("2025-12", "h3"),
        prescribed("2026-02", "h3"),
        prescribed("2026-03", "h3"),
    ];
    let visit_step = interaction_step("visit", &[InteractionKind::Visit], &[Outcome::Engaged]);
    let mut funnel = two_steps(months_within(3, 6), visit_step, StepOrder::Ordered, 60);
    funnel.period = Some(period("2026-01-01", "2026-03-31"));
    let entered: Vec<(u32, i64)> = traces(&w, &funnel)
        .iter()
        .map(|trace| (trace.entity, trace.times[0]))
        .collect();
    assert_eq!(
        entered,
        vec![(0, at("2026-01-01 00:00").0), (2, at("2026-03-01 00:00").0)]
    );
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![2, 2]);
    // h3 took 4 days 9 hours to its visit, h1 19 days 9 hours.
    let (h3, h1) = (4 * 86_400 + 9 * 3_600, 19 * 86_400 + 9 * 3_600);
    assert_eq!(summary.steps[1].median_seconds_from_previous, Some(h3));
    assert_eq!(summary.steps[1].p75_seconds_from_previous, Some(h1));
}

/// Rule: a prescription month that overlaps the period's first or last day is inside the
/// period, and step 1 then happens at the month's earliest moment inside the period.
#[test]
fn a_prescription_month_overlapping_the_period_is_inside_it() {
    let mut w = workspace(&["h1", "h2", "h3", "h4"]);
    w.interactions = vec![
        visit("2026-01-20 09:00", "h1", Outcome::Engaged),
        visit("2026-03-20 09:00", "h2", Outcome::Engaged),
        visit("2026-01-20 09:00", "h3", Outcome::Engaged),
        visit("2026-04-20 09:00", "h4", Outcome::Engaged),
    ];
    w.prescriptions = vec![
        // h1's first month is January: it overlaps 15 January, the period's first day.
        prescribed("2026-01", "h1"),
        // h2's is March: it overlaps 15 March, the period's last day.
        prescribed("2026-03", "h2"),
        // h3's is December (before the period) and h4's April (after it): neither enters.
        prescribed("2025-12", "h3"),
        prescribed("2026-01", "h3"),
        prescribed("2026-04", "h4"),
    ];
    let trial = step(
        "trial",
        StepCondition::FirstPrescription {
            product_ids: vec![],
        },
    );
    let visit_step = interaction_step("visit", &[InteractionKind::Visit], &[Outcome::Engaged]);
    let mut funnel = two_steps(trial, visit_step, StepOrder::Ordered, 30);
    funnel.period = Some(period("2026-01-15", "2026-03-15"));
    let entered: Vec<(u32, i64)> = traces(&w, &funnel)
        .iter()
        .map(|trace| (trace.entity, trace.times[0]))
        .collect();
    assert_eq!(
        entered,
        vec![(0, at("2026-01-15 00:00").0), (1, at("2026-03-01 00:00").0)]
    );
    let summary = summarise_funnel(&w, &funnel);
    assert_eq!(summary.counts(), vec![2, 2]);
    // h1: 5 days 9 hours from 15 January; h2: 19 days 9 hours from 1 March.
    assert_eq!(
        summary.steps[1].median_seconds_from_previous,
        Some(5 * 86_400 + 9 * 3_600)
    );
    assert_eq!(
        summary.steps[1].p75_seconds_from_previous,
        Some(19 * 86_400 + 9 * 3_600)
    );
}

/// Rule: at most 8 series, "other" included and always last; ties by last-step count, then by
/// name with "none" after every name, and that order decides which tied series goes into
/// "other".
#[test]
fn at_most_eight_series_with_other_last_and_ties_by_last_step_then_name() {
    let mut w = workspace(&[]);
    let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
    w.reps = names
        .iter()
        .map(|name| Rep {
            source: None,
            updated_at: None,
            id: format!("r{name}"),
            name: format!("Rep {name}"),
            region_id: "north".into(),
            territory_id: None,
        })
        .collect();
    // (rep, HCPs whose first touch is theirs, of which converted); None: an email, no rep.
    let spec: [(Option<&str>, usize, usize); 10] = [
        (Some("A"), 4, 1),
        (Some("B"), 4, 3),
        (Some("C"), 3, 0),
        (Some("D"), 3, 0),
        (None, 3, 0),
        (Some("E"), 2, 2),
        (Some("F"), 2, 0),
        (Some("G"), 2, 0),
        (Some("H"), 1, 1),
        (Some("I"), 1, 0),
    ];
    for (rep, hcps, converted) in spec {
        for copy in 0..hcps {
            let id = format!("h{}-{copy}", rep.unwrap_or("none"));
            w.hcps.push(Hcp {
                id: id.clone(),
                ..workspace(&["x"]).hcps[0].clone()
            });
            let first = match rep {
                Some(rep) => Interaction {
                    rep_id: Some(format!("r{rep}")),
                    ..visit("2026-01-05 09:00", &id, Outcome::Neutral)
                },
                None => touch(
                    "2026-01-05 09:00",
                    &id,
                    "email",
                    InteractionKind::EmailSent,
                    Outcome::NoResponse,
                ),
            };
            w.interactions.push(first);
            if copy < converted {
                w.interactions
                    .push(visit("2026-01-06 09:00", &id, Outcome::Engaged));
            }
        }
    }
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps = vec![
        step("aware", StepCondition::any_interaction()),
        interaction_step("visit", &[InteractionKind::Visit], &[Outcome::Engaged]),
    ];
    let series: Vec<(SeriesLabel, Vec<u64>)> = funnel_report(
        &w,
        &funnel,
        &ReportOptions {
            period: None,
            breakdown: Some((BreakdownDimension::Rep, Attribution::FirstTouch)),
        },
    )
    .unwrap()
    .breakdown
    .unwrap()
    .series
    .into_iter()
    .map(|series| (series.label, series.counts))
    .collect();
    let named =
        |name: &str, counts: [u64; 2]| (SeriesLabel::Named(format!("Rep {name}")), counts.to_vec());
    assert_eq!(
        series,
        vec![
            // 4 each: B converted more.
            named("B", [4, 3]),
            named("A", [4, 1]),
            // 3 each, none converted: by name, "none" last.
            named("C", [3, 0]),
            named("D", [3, 0]),
            (SeriesLabel::Missing, vec![3, 0]),
            named("E", [2, 2]),
            // F and G tie; F comes first by name and stays, G goes into "other".
            named("F", [2, 0]),
            // G [2, 0] + H [1, 1] + I [1, 0]: larger than several series shown, still last.
            (SeriesLabel::Other, vec![4, 1]),
        ]
    );
}

/// Rule: a month counts for the end of the data when the file has any prescription record for
/// it, even with 0 units, though such a month is never a prescription month for a step.
#[test]
fn a_month_with_only_zero_unit_records_still_ends_the_data() {
    let mut w = workspace(&["h1"]);
    w.interactions = vec![email_opened("2026-01-05 09:00", "h1")];
    w.prescriptions = vec![units("2026-03", "h1", 0)];
    let summary = summarise_funnel(&w, &three_step_funnel(StepOrder::Ordered));
    // The data ends on 31 March 23:59:59, not at the opening on 5 January.
    assert_eq!(
        summary.data_end,
        Some(Timestamp(at("2026-04-01 00:00").0 - 1))
    );
    // h1's 30-day window closed on 4 February, before the end of the data: dropped.
    assert_eq!(summary.steps[1].dropped, 1);
    assert_eq!(summary.steps[1].still_in_window, 0);
    // March is no trial.
    let opened = interaction_step("opened", &[InteractionKind::EmailOpened], &[]);
    let trial = step(
        "trial",
        StepCondition::FirstPrescription {
            product_ids: vec![],
        },
    );
    let funnel = two_steps(opened, trial, StepOrder::Ordered, 120);
    assert_eq!(counts(&w, &funnel), vec![1, 0]);
}

/// Rule: two interactions identical in every field are never both in a workspace, because the
/// import keeps the first and reports the others as a repair; interactions that differ in
/// anything, even only the notes, are two events.
#[test]
fn identical_interactions_are_one_event_because_the_import_drops_copies() {
    use omnirx_core::domain::workspace_file::{export_workspace, import_workspace, Repair};
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        // h1: the same engaged visit twice.
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        // h2: two engaged visits in the same second that differ in their notes.
        visit("2026-01-05 09:00", "h2", Outcome::Engaged),
        Interaction {
            notes: "second call about dosing".into(),
            ..visit("2026-01-05 09:00", "h2", Outcome::Engaged)
        },
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps[0] = step("aware", StepCondition::any_interaction());
    funnel.steps.truncate(2);
    // Handed to the engine as they are, the copy would be an event of its own.
    assert_eq!(counts(&w, &funnel), vec![2, 2]);
    let outcome = import_workspace(export_workspace(&w).as_bytes()).unwrap();
    assert_eq!(
        outcome.repairs,
        vec![Repair::DuplicateInteractionsDropped {
            path: "interactions[1]".into(),
            copy_of: "interactions[0]".into(),
            count: 1
        }]
    );
    assert_eq!(outcome.workspace.interactions.len(), 3);
    // One visit cannot be both "aware" and "engaged visit": h1 stops at step 1.
    assert_eq!(counts(&outcome.workspace, &funnel), vec![2, 1]);
    for order in [StepOrder::Strict, StepOrder::Any] {
        funnel.order = order;
        assert_eq!(counts(&outcome.workspace, &funnel), vec![2, 1]);
    }
}

/// Rule: a window in months ends at the same local time of day on the same day of the month
/// `amount` months later, or on that month's last day when the day does not exist.
#[test]
fn a_month_window_ends_at_the_same_time_of_day_on_the_clamped_day() {
    let mut w = workspace(&["h1", "h2", "h3", "h4", "h5"]);
    let second_later = |when: &str, hcp: &str, seconds: i64| Interaction {
        at: Timestamp(at(when).0 + seconds),
        ..visit(when, hcp, Outcome::Engaged)
    };
    w.interactions = vec![
        // 31 January 09:00 + 1 month = 28 February 09:00: at it counts, a second later not, and
        // the last second of 28 February is not the end either.
        email_opened("2026-01-31 09:00", "h1"),
        visit("2026-02-28 09:00", "h1", Outcome::Engaged),
        email_opened("2026-01-31 09:00", "h2"),
        second_later("2026-02-28 09:00", "h2", 1),
        email_opened("2026-01-31 09:00", "h3"),
        second_later("2026-02-28 23:59", "h3", 59),
        // In a leap year, 29 February 09:00.
        email_opened("2028-01-31 09:00", "h4"),
        visit("2028-02-29 09:00", "h4", Outcome::Engaged),
        email_opened("2028-01-31 09:00", "h5"),
        second_later("2028-02-29 09:00", "h5", 1),
    ];
    let mut funnel = three_step_funnel(StepOrder::Ordered);
    funnel.steps.truncate(2);
    funnel.window = ConversionWindow {
        amount: 1,
        unit: WindowUnit::Months,
    };
    assert_eq!(counts(&w, &funnel), vec![5, 2]);
    let ends: Vec<i64> = traces(&w, &funnel).iter().map(|t| t.window_end).collect();
    assert_eq!(ends[0], at("2026-02-28 09:00").0);
    assert_eq!(ends[3], at("2028-02-29 09:00").0);
}

/// Rule: a step that lists products is never met by an interaction without a product, and a
/// step that lists none (any product) is met by it.
#[test]
fn a_step_listing_products_never_matches_an_interaction_without_a_product() {
    let mut w = workspace(&["h1", "h2", "h3"]);
    let with_product = |hcp: &str, product: Option<&str>| Interaction {
        product_id: product.map(str::to_string),
        ..visit("2026-01-06 09:00", hcp, Outcome::Engaged)
    };
    w.interactions = vec![
        email_opened("2026-01-05 09:00", "h1"),
        with_product("h1", None),
        email_opened("2026-01-05 09:00", "h2"),
        with_product("h2", Some("p1")),
        email_opened("2026-01-05 09:00", "h3"),
        with_product("h3", Some("p2")),
    ];
    let opened = interaction_step("opened", &[InteractionKind::EmailOpened], &[]);
    let visit_of = |products: &[&str]| {
        step(
            "visit",
            StepCondition::Interaction {
                kinds: vec![InteractionKind::Visit],
                channel_ids: vec![],
                product_ids: products.iter().map(|p| p.to_string()).collect(),
                outcomes: vec![],
            },
        )
    };
    for order in [StepOrder::Ordered, StepOrder::Strict, StepOrder::Any] {
        // Product one: only h2's visit; h1's visit names no product.
        let funnel = two_steps(opened.clone(), visit_of(&["p1"]), order, 30);
        assert_eq!(counts(&w, &funnel), vec![3, 1]);
        let funnel = two_steps(opened.clone(), visit_of(&["p1", "p2"]), order, 30);
        assert_eq!(counts(&w, &funnel), vec![3, 2]);
        // Any product: all three, h1's visit without a product included.
        let funnel = two_steps(opened.clone(), visit_of(&[]), order, 30);
        assert_eq!(counts(&w, &funnel), vec![3, 3]);
    }
}

/// Rule: the interaction credited with a step is the one at the time the step reports; in any
/// order, the interaction that completed the first k steps.
#[test]
fn the_credited_interaction_is_the_one_at_the_time_the_step_reports() {
    let mut w = workspace(&["h1", "h2"]);
    w.interactions = vec![
        // h1: an engaged visit on the 5th, an email sent on the 6th. "aware" is done on the 5th
        // by the visit; both steps only on the 6th, by the email (the visit then serves
        // "engaged visit"). So the visit is step 1's touch and the email step 2's.
        visit("2026-01-05 09:00", "h1", Outcome::Engaged),
        touch(
            "2026-01-06 09:00",
            "h1",
            "email",
            InteractionKind::EmailSent,
            Outcome::NoResponse,
        ),
        // h2: a WeChat message on the 5th, then an engaged visit on the 7th.
        touch(
            "2026-01-05 09:00",
            "h2",
            "wechat",
            InteractionKind::WechatMessage,
            Outcome::NoResponse,
        ),
        visit("2026-01-07 09:00", "h2", Outcome::Engaged),
    ];
    let funnel = two_steps(
        step("aware", StepCondition::any_interaction()),
        interaction_step("visit", &[InteractionKind::Visit], &[Outcome::Engaged]),
        StepOrder::Any,
        30,
    );
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let run = run_funnel(&funnel, &WorkspaceIds::of(&w), &index);
    for trace in &run.traces {
        let events = index.events_of(trace.entity as usize);
        for step in 0..usize::from(trace.reached) {
            assert_eq!(events[trace.events[step] as usize].at, trace.times[step]);
        }
    }
    let series = |attribution| {
        breakdown(&run, &index, BreakdownDimension::Channel, attribution)
            .into_iter()
            .map(|series| match series.label {
                SeriesLabel::Named(name) => (name, series.counts),
                other => (format!("{other:?}"), series.counts),
            })
            .collect::<Vec<_>>()
    };
    let named = |name: &str, counts: &[u64]| (name.to_string(), counts.to_vec());
    // First touch: h1's visit (not the email the matching finally gives "aware"), h2's WeChat.
    assert_eq!(
        series(Attribution::FirstTouch),
        vec![named("Visit", &[1, 1]), named("WeChat", &[1, 1])]
    );
    // Step event: h1 is the visit at step 1 and the email at step 2; h2 WeChat, then visit.
    assert_eq!(
        series(Attribution::StepEvent),
        vec![
            named("Visit", &[1, 1]),
            named("WeChat", &[1, 0]),
            named("Email", &[0, 1]),
        ]
    );
    // Backwards in any order (sample, engaged visit, then the opening that completes all three
    // at once): every step is credited to the opening email, at whose time all three are done.
    w.interactions = vec![
        touch(
            "2026-01-05 09:00",
            "h1",
            "visit",
            InteractionKind::Sample,
            Outcome::Detailed,
        ),
        visit("2026-01-06 09:00", "h1", Outcome::Engaged),
        email_opened("2026-01-07 09:00", "h1"),
    ];
    let index = FunnelIndex::build(&w, CountingUnit::Hcp);
    let run = run_funnel(
        &three_step_funnel(StepOrder::Any),
        &WorkspaceIds::of(&w),
        &index,
    );
    assert_eq!(
        breakdown(
            &run,
            &index,
            BreakdownDimension::Channel,
            Attribution::StepEvent
        )
        .into_iter()
        .map(|series| (series.label, series.counts))
        .collect::<Vec<_>>(),
        vec![(SeriesLabel::Named("Email".into()), vec![1, 1, 1])]
    );
}

/// The index built a slice at a time (as the page builds it between frames) is the index built
/// in one call, whatever the slices: demo data with its events shuffled out of time order, an
/// interaction and a prescription naming an unknown HCP, a channel nobody knows, and the China
/// rules (no HCP-level prescriptions). Progress only grows and ends at its total.
#[test]
fn the_index_built_in_slices_is_the_index_built_at_once() {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };

    let mut demo = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        11,
        DataLanguage::English,
    ));
    demo.interactions.reverse();
    let mut stray = demo.interactions[0].clone();
    stray.hcp_id = "nobody".into();
    demo.interactions.insert(3, stray);
    let mut unknown_channel = demo.interactions[1].clone();
    unknown_channel.channel_id = "carrier-pigeon".into();
    demo.interactions.push(unknown_channel);
    let mut stray = demo.prescriptions[0].clone();
    stray.hcp_id = Some("nobody".into());
    demo.prescriptions.push(stray);
    let mut china = demo.clone();
    china.settings.market_rules = MarketRules::China;
    let empty = Workspace::default();

    for workspace in [&demo, &china, &empty] {
        let whole = FunnelIndex::build(workspace, CountingUnit::Hcp);
        assert!(workspace.interactions.is_empty() || !whole.events.is_empty());
        for slice in [1, 2, 7, 100, 1_000, usize::MAX] {
            let mut builder = FunnelIndexBuilder::new(workspace);
            let mut steps = 0;
            let mut last_done = 0;
            let built = loop {
                steps += 1;
                let index = builder.step(workspace, slice);
                let (done, total) = builder.progress();
                assert!(
                    done >= last_done && done <= total,
                    "progress {done} of {total}"
                );
                last_done = done;
                if let Some(index) = index {
                    assert_eq!(done, total);
                    break index;
                }
                assert!(steps < 1_000_000, "the build never ends");
            };
            assert_eq!(built, whole, "built in slices of {slice}");
            assert!(builder.step(workspace, slice).is_none());
            if slice == 7 && !workspace.interactions.is_empty() {
                assert!(steps > workspace.interactions.len() / 7, "{steps} steps");
            }
        }
    }
    // Hand-checked on the hand-written workspace: one HCP's two events, out of order in the
    // file, come back in time order whatever the slice.
    let mut small = workspace(&["h1"]);
    small.interactions = vec![
        visit("2026-01-05 10:00", "h1", Outcome::Detailed),
        email_opened("2026-01-02 09:00", "h1"),
    ];
    let mut builder = FunnelIndexBuilder::new(&small);
    let index = loop {
        if let Some(index) = builder.step(&small, 1) {
            break index;
        }
    };
    assert_eq!(index.events_of(0).len(), 2);
    assert_eq!(index.events_of(0)[0].at, at("2026-01-02 09:00").0);
    assert_eq!(index.events_of(0)[1].at, at("2026-01-05 10:00").0);
}
