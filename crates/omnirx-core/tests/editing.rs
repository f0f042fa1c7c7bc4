//! The edits of funnel definitions and segment rule sets (`domain::funnel::editing`,
//! `domain::segmentation::editing`) and the shared vocabulary they use: each edit keeps its
//! definition valid, checked case by case on hand-built definitions.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::funnel::editing::*;
use omnirx_core::domain::funnel::{
    default_funnel, FunnelDefinition, ManualCountsProblem, Period, StepCondition, MAX_STEPS,
};
use omnirx_core::domain::model::{InteractionKind, Outcome, Workspace};
use omnirx_core::domain::segmentation::demo_rules::tier_rules;
use omnirx_core::domain::segmentation::editing::*;
use omnirx_core::domain::segmentation::rules::{Condition, Dimension, SegmentRuleSet};

fn date(text: &str) -> CalendarDate {
    text.parse().unwrap()
}

fn funnel() -> FunnelDefinition {
    default_funnel(false)
}

fn workshop() -> FunnelDefinition {
    let mut workspace = Workspace::default();
    add_workshop_funnel(&mut workspace, "Workshop".into(), &["A", "B", "C"]);
    workspace.funnels.remove(0)
}

#[test]
fn dates_are_written_and_read_as_yyyy_mm_dd_only() {
    assert_eq!(date("2026-02-28").to_string(), "2026-02-28");
    assert_eq!(
        CalendarDate::new(987, 3, 4).unwrap().to_string(),
        "0987-03-04"
    );
    for bad in [
        "2026-02-29",
        "2026-2-28",
        "26-02-28",
        "2026/02/28",
        "2026-02-28 ",
        "２０２６-02-28",
        "",
    ] {
        assert!(bad.parse::<CalendarDate>().is_err(), "{bad:?}");
    }
    assert_eq!(date("2024-02-28").plus_days(1), date("2024-02-29"));
    assert_eq!(date("2025-01-01").plus_days(-1), date("2024-12-31"));
}

#[test]
fn every_kind_and_outcome_is_listed_once_in_declaration_order() {
    for (index, kind) in InteractionKind::ALL.iter().enumerate() {
        assert_eq!(*kind as usize, index);
    }
    for (index, outcome) in Outcome::ALL.iter().enumerate() {
        assert_eq!(*outcome as usize, index);
    }
}

#[test]
fn new_funnels_get_the_first_free_id_and_copies_keep_their_original() {
    let mut workspace = Workspace::default();
    assert_eq!(add_default_funnel(&mut workspace, false), "f-default");
    assert_eq!(add_default_funnel(&mut workspace, true), "f-default-2");
    assert_eq!(workspace.funnels[1].name, "全渠道处方漏斗");
    assert_eq!(
        duplicate_funnel(&mut workspace, "f-default", " (copy)").as_deref(),
        Some("f-default-3")
    );
    assert_eq!(
        workspace.funnels[2].name,
        "Omnichannel prescribing funnel (copy)"
    );
    assert_eq!(workspace.funnels[2].steps, workspace.funnels[0].steps);
    assert_eq!(duplicate_funnel(&mut workspace, "nope", " (copy)"), None);
    delete_funnel(&mut workspace, "f-default-2");
    let ids: Vec<&str> = workspace.funnels.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["f-default", "f-default-3"]);
    assert_eq!(add_default_funnel(&mut workspace, false), "f-default-2");
    let id = add_workshop_funnel(&mut workspace, "  ".into(), &["A", "B", "C"]);
    assert_eq!(id, "f-workshop");
    let made = workspace.funnels.last().unwrap();
    assert_eq!(made.name, "f-workshop", "a blank name falls back to the id");
    assert_eq!(made.manual_counts, Some(vec![1000, 600, 300]));
}

#[test]
fn steps_stay_between_two_and_twelve_and_workshop_counts_follow_them() {
    let mut definition = funnel();
    while add_step(&mut definition, "More") {}
    assert_eq!(definition.steps.len(), MAX_STEPS);
    assert!(!add_step(&mut definition, "One too many"));
    while remove_step(&mut definition, 0) {}
    assert_eq!(definition.steps.len(), 2);
    assert!(!remove_step(&mut definition, 0));

    let mut definition = workshop();
    assert!(add_step(&mut definition, " D "));
    assert_eq!(definition.steps[3].name, "D");
    assert_eq!(definition.manual_counts, Some(vec![1000, 600, 300, 0]));
    assert!(remove_step(&mut definition, 1));
    assert_eq!(definition.manual_counts, Some(vec![1000, 300, 0]));
    assert!(!remove_step(&mut definition, 7), "no such step");
    // Moving a stage keeps the counts with their positions: they stay a funnel.
    assert!(move_step(&mut definition, 0, 1));
    let names: Vec<&str> = definition.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["C", "A", "D"]);
    assert_eq!(definition.manual_counts, Some(vec![1000, 300, 0]));
    assert!(!move_step(&mut definition, 0, -1));
    assert!(!move_step(&mut definition, 2, 1));
}

#[test]
fn names_are_trimmed_and_never_blank() {
    let mut definition = funnel();
    rename_funnel(&mut definition, "  Trial path ");
    rename_funnel(&mut definition, "   ");
    assert_eq!(definition.name, "Trial path");
    rename_step(&mut definition, 0, " Aware ");
    rename_step(&mut definition, 0, "");
    rename_step(&mut definition, 99, "nothing");
    assert_eq!(definition.steps[0].name, "Aware");
}

#[test]
fn conditions_change_kind_and_lists_hold_each_value_once() {
    let mut definition = funnel();
    set_condition_kind(&mut definition, 0, ConditionKind::Prescriptions);
    assert_eq!(
        definition.steps[0].condition,
        StepCondition::Prescriptions {
            product_ids: vec![],
            months: 3,
            within_months: 6
        }
    );
    // The kind it already has: the details stay.
    set_prescription_months(&mut definition, 0, 4);
    set_condition_kind(&mut definition, 0, ConditionKind::Prescriptions);
    assert!(matches!(
        definition.steps[0].condition,
        StepCondition::Prescriptions { months: 4, .. }
    ));
    set_condition_kind(&mut definition, 0, ConditionKind::Interaction);
    for _ in 0..2 {
        toggle_step_kind(&mut definition, 0, InteractionKind::Visit, true);
        toggle_step_outcome(&mut definition, 0, Outcome::Engaged, true);
        toggle_step_channel(&mut definition, 0, "ch-visit", true);
    }
    toggle_step_kind(&mut definition, 0, InteractionKind::Call, true);
    toggle_step_kind(&mut definition, 0, InteractionKind::Visit, false);
    assert_eq!(
        definition.steps[0].condition,
        StepCondition::Interaction {
            kinds: vec![InteractionKind::Call],
            channel_ids: vec!["ch-visit".into()],
            product_ids: vec![],
            outcomes: vec![Outcome::Engaged],
        }
    );
    for kind in ConditionKind::ALL {
        assert_eq!(ConditionKind::parse(kind.key()), Some(kind));
    }
}

#[test]
fn n_months_within_m_keeps_one_to_n_to_m_to_thirty_six() {
    // (edit, value, months after, within after), starting from 3 within 6 each time.
    let cases: [(&str, u32, u32, u32); 7] = [
        ("months", 4, 4, 6),
        ("months", 9, 9, 9),
        ("months", 0, 1, 6),
        ("months", 99, 36, 36),
        ("within", 12, 3, 12),
        ("within", 2, 3, 3),
        ("within", 99, 3, 36),
    ];
    for (edit, value, months, within) in cases {
        let mut definition = funnel();
        let adoption = 4;
        if edit == "months" {
            set_prescription_months(&mut definition, adoption, value);
        } else {
            set_prescription_within(&mut definition, adoption, value);
        }
        assert_eq!(
            definition.steps[adoption].condition,
            StepCondition::Prescriptions {
                product_ids: vec![],
                months,
                within_months: within
            },
            "{edit} {value}"
        );
    }
}

#[test]
fn windows_periods_and_typed_counts_are_refused_when_out_of_bounds() {
    let mut definition = funnel();
    assert!(set_window_amount(&mut definition, 30));
    assert!(!set_window_amount(&mut definition, 0));
    assert!(!set_window_amount(&mut definition, 3_651));
    assert_eq!(definition.window.amount, 30);

    set_period_end(&mut definition, false, date("2026-03-31"));
    assert_eq!(
        definition.period,
        Some(Period {
            from: date("2026-03-31"),
            to: date("2026-03-31")
        })
    );
    set_period_end(&mut definition, true, date("2026-01-01"));
    set_period_end(&mut definition, false, date("2025-12-01"));
    assert_eq!(
        definition.period,
        Some(Period {
            from: date("2025-12-01"),
            to: date("2026-01-01")
        }),
        "a reversed range is read the way it was meant"
    );

    let mut definition = workshop();
    assert_eq!(
        set_manual_counts(&mut definition, vec![100, 120, 10]),
        Err(ManualCountsProblem::Increases { step: 1 })
    );
    assert!(set_manual_counts(&mut definition, vec![100, 50]).is_err());
    assert_eq!(definition.manual_counts, Some(vec![1000, 600, 300]));
    assert_eq!(
        set_manual_counts(&mut definition, vec![100, 100, 10]),
        Ok(())
    );
}

#[test]
fn the_quick_periods_end_on_the_data() {
    // (data end, last full quarter, last six months)
    let cases = [
        (
            "2026-10-31",
            ("2026-07-01", "2026-09-30"),
            ("2026-05-01", "2026-10-31"),
        ),
        (
            "2026-09-30",
            ("2026-07-01", "2026-09-30"),
            ("2026-04-01", "2026-09-30"),
        ),
        (
            "2026-08-31",
            ("2026-04-01", "2026-06-30"),
            ("2026-03-01", "2026-08-31"),
        ),
        (
            "2026-01-15",
            ("2025-10-01", "2025-12-31"),
            ("2025-07-16", "2026-01-15"),
        ),
    ];
    for (end, quarter, six) in cases {
        let period = |(from, to): (&str, &str)| Period {
            from: date(from),
            to: date(to),
        };
        assert_eq!(last_full_quarter(date(end)), period(quarter), "{end}");
        assert_eq!(last_six_months(date(end)), period(six), "{end}");
    }
}

fn rules() -> SegmentRuleSet {
    tier_rules(false)
}

#[test]
fn rules_always_name_a_segment_of_their_set() {
    let mut rule_set = rules();
    let first = rule_set.segments[0].id.clone();
    let added = add_rule(&mut rule_set);
    assert_eq!(rule_set.rules[added].segment_id, first);
    set_rule_segment(&mut rule_set, added, "no-such-segment");
    assert_eq!(rule_set.rules[added].segment_id, first);
    let last = rule_set.segments.last().unwrap().id.clone();
    set_rule_segment(&mut rule_set, added, &last);
    assert_eq!(rule_set.rules[added].segment_id, last);

    let mut empty = SegmentRuleSet {
        segments: vec![],
        rules: vec![],
        ..rules()
    };
    add_rule(&mut empty);
    assert_eq!(empty.segments.len(), 1);
    assert_eq!(empty.rules[0].segment_id, empty.segments[0].id);
}

#[test]
fn rules_move_within_the_list_and_disappear_only_when_there() {
    let mut rule_set = rules();
    let names: Vec<String> = rule_set.rules.iter().map(|r| r.name.clone()).collect();
    assert!(move_rule(&mut rule_set, 0, 1));
    assert_eq!(rule_set.rules[0].name, names[1]);
    assert_eq!(rule_set.rules[1].name, names[0]);
    assert!(!move_rule(&mut rule_set, 0, -1));
    assert!(!move_rule(&mut rule_set, names.len() - 1, 1));
    remove_rule(&mut rule_set, 99);
    assert_eq!(rule_set.rules.len(), names.len());
    remove_rule(&mut rule_set, 0);
    assert_eq!(rule_set.rules.len(), names.len() - 1);
    rename_rule(&mut rule_set, 0, "  Key KOLs ");
    assert_eq!(rule_set.rules[0].name, "Key KOLs");
}

#[test]
fn ranges_never_run_backwards() {
    // (edit, value, range after) from an open range: each edit applied in turn.
    type Range = (Option<i64>, Option<i64>);
    let steps: [(Bound, Option<i64>, Range); 5] = [
        (Bound::Min, Some(20), (Some(20), None)),
        (Bound::Max, Some(50), (Some(20), Some(50))),
        (Bound::Min, Some(80), (Some(80), Some(80))),
        (Bound::Max, Some(10), (Some(10), Some(10))),
        (Bound::Min, None, (None, Some(10))),
    ];
    let mut rule_set = rules();
    let rule = add_rule(&mut rule_set);
    add_condition(&mut rule_set, rule, Dimension::Potential);
    for (bound, value, expected) in steps {
        set_condition_bound(&mut rule_set, rule, 0, bound, value);
        assert_eq!(
            rule_set.rules[rule].conditions[0].range(),
            Some(expected),
            "{bound:?} {value:?}"
        );
    }
    // A decile is 0–255 in the file: values beyond are clamped, not wrapped.
    add_condition(&mut rule_set, rule, Dimension::VolumeDecile);
    set_condition_bound(&mut rule_set, rule, 1, Bound::Max, Some(300));
    assert_eq!(
        rule_set.rules[rule].conditions[1],
        Condition::VolumeDecile {
            min: None,
            max: Some(255)
        }
    );
}

#[test]
fn lists_hold_each_value_once_and_ranges_ignore_list_edits() {
    let mut rule_set = rules();
    let rule = add_rule(&mut rule_set);
    add_condition(&mut rule_set, rule, Dimension::Specialty);
    add_condition(&mut rule_set, rule, Dimension::Region);
    add_condition(&mut rule_set, rule, Dimension::Frequency);
    for _ in 0..2 {
        set_condition_value(&mut rule_set, rule, 0, "cardiology", true);
        set_condition_value(&mut rule_set, rule, 1, "r-east", true);
    }
    set_condition_value(&mut rule_set, rule, 0, "endocrinology", true);
    set_condition_value(&mut rule_set, rule, 0, "cardiology", false);
    set_condition_value(&mut rule_set, rule, 0, "not-a-specialty", true);
    set_condition_value(&mut rule_set, rule, 2, "cardiology", true);
    let conditions = &rule_set.rules[rule].conditions;
    assert_eq!(
        conditions[0].listed_keys(),
        Some(vec!["endocrinology".to_string()])
    );
    assert_eq!(
        conditions[1].listed_keys(),
        Some(vec!["r-east".to_string()])
    );
    assert_eq!(
        conditions[2],
        Condition::Frequency {
            min: None,
            max: None
        }
    );
    remove_condition(&mut rule_set, rule, 1);
    remove_condition(&mut rule_set, rule, 5);
    assert_eq!(rule_set.rules[rule].conditions.len(), 2);
}

#[test]
fn new_segments_take_the_first_free_number() {
    let mut rule_set = SegmentRuleSet {
        segments: vec![],
        rules: vec![],
        ..rules()
    };
    assert_eq!(add_segment(&mut rule_set), "s1");
    assert_eq!(add_segment(&mut rule_set), "s2");
    rule_set.segments[0].id = "s3".into();
    assert_eq!(
        add_segment(&mut rule_set),
        "s4",
        "s3 is taken: the next free number"
    );
    assert_eq!(rule_set.segments[2].name, "4");
    rename_segment(&mut rule_set, 0, " Defend ");
    rename_segment(&mut rule_set, 0, " ");
    set_segment_strategy(&mut rule_set, 0, " Two visits a month ");
    assert_eq!(
        (
            rule_set.segments[0].name.as_str(),
            rule_set.segments[0].strategy.as_str()
        ),
        ("Defend", "Two visits a month")
    );
}

#[test]
fn each_choice_is_named_as_the_file_names_it() {
    use omnirx_core::domain::funnel::{CountingUnit, PercentBase, StepOrder, WindowUnit};
    fn check<T: Copy + PartialEq + std::fmt::Debug + serde::Serialize>(
        all: &[T],
        key: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        for choice in all {
            assert_eq!(serde_json::to_value(choice).unwrap(), key(*choice));
            assert_eq!(parse(key(*choice)), Some(*choice));
        }
        assert_eq!(parse("nonsense"), None);
    }
    check(StepOrder::ALL, StepOrder::key, StepOrder::parse);
    check(WindowUnit::ALL, WindowUnit::key, WindowUnit::parse);
    check(PercentBase::ALL, PercentBase::key, PercentBase::parse);
    check(CountingUnit::ALL, CountingUnit::key, CountingUnit::parse);
}
