//! The rule sets the demo workspace ships: tiers A/B/C/D and the key-account types.

use crate::domain::model::{HcpTitle, Influence};

use super::rules::{Condition, DecisionRole, Segment, SegmentRule, SegmentRuleSet};

fn pick(chinese: bool, zh: &str, en: &str) -> String {
    if chinese { zh } else { en }.to_string()
}

fn segment(id: &str, name: String, strategy: String) -> Segment {
    Segment {
        id: id.to_string(),
        name,
        strategy,
    }
}

fn rule(name: String, segment_id: &str, conditions: Vec<Condition>) -> SegmentRule {
    SegmentRule {
        name,
        segment_id: segment_id.to_string(),
        conditions,
    }
}

/// Tiers by prescribing potential and volume: A high on both, B high on one, C medium, D the rest.
pub fn tier_rules(chinese: bool) -> SegmentRuleSet {
    let t = |zh: &str, en: &str| pick(chinese, zh, en);
    SegmentRuleSet {
        id: "rs-tiers".to_string(),
        name: t("客户分级 A/B/C/D", "Customer tiers A/B/C/D"),
        segments: vec![
            segment(
                "A",
                t("A 级", "Tier A"),
                t(
                    "每月 4 次面访，学术会议优先邀请",
                    "Four visits a month; first invitations to meetings",
                ),
            ),
            segment(
                "B",
                t("B 级", "Tier B"),
                t(
                    "每月 2–3 次面访加远程拜访",
                    "Two or three visits a month plus remote detailing",
                ),
            ),
            segment(
                "C",
                t("C 级", "Tier C"),
                t(
                    "每月 1 次面访，微信与邮件跟进",
                    "One visit a month; WeChat and email follow-up",
                ),
            ),
            segment(
                "D",
                t("D 级", "Tier D"),
                t("以数字渠道为主", "Mostly digital channels"),
            ),
        ],
        rules: vec![
            rule(
                t("高潜力且处方前 30%", "High potential and top 30 % volume"),
                "A",
                vec![
                    Condition::Potential {
                        min: Some(60),
                        max: None,
                    },
                    Condition::VolumeDecile {
                        min: Some(8),
                        max: None,
                    },
                ],
            ),
            rule(
                t("高潜力", "High potential"),
                "B",
                vec![Condition::Potential {
                    min: Some(60),
                    max: None,
                }],
            ),
            rule(
                t("处方前 30%", "Top 30 % volume"),
                "B",
                vec![Condition::VolumeDecile {
                    min: Some(8),
                    max: None,
                }],
            ),
            rule(
                t("中等潜力", "Medium potential"),
                "C",
                vec![Condition::Potential {
                    min: Some(25),
                    max: None,
                }],
            ),
        ],
        fallback_segment_id: Some("D".to_string()),
    }
}

/// Key-account types: KOLs, the decision chain, core prescribers and rising stars.
pub fn key_account_rules(chinese: bool) -> SegmentRuleSet {
    let t = |zh: &str, en: &str| pick(chinese, zh, en);
    SegmentRuleSet {
        id: "rs-key-accounts".to_string(),
        name: t("重点客户类型", "Key-account types"),
        segments: vec![
            segment(
                "kol",
                t("KOL / 学术带头人", "KOL / academic leader"),
                t(
                    "医学事务合作，讲者与顾问委员会",
                    "Medical-affairs partnership: speakers and advisory boards",
                ),
            ),
            segment(
                "decision",
                t("决策链", "Decision chain"),
                t(
                    "科室主任与药事委员会：准入与证据沟通",
                    "Department heads and drug committee: access and evidence",
                ),
            ),
            segment(
                "core",
                t("核心处方者", "Core prescriber"),
                t(
                    "维护关系，患者管理支持",
                    "Keep the relationship; patient-management support",
                ),
            ),
            segment(
                "rising",
                t("潜力新星", "Rising star"),
                t(
                    "学术培养与线上课程，加快处方转化",
                    "Academic development and online courses to speed up adoption",
                ),
            ),
            segment(
                "other",
                t("其他", "Other"),
                t("常规覆盖", "Routine coverage"),
            ),
        ],
        rules: vec![
            rule(
                t("学术影响力", "Academic influence"),
                "kol",
                vec![Condition::Influence {
                    any_of: vec![Influence::Kol, Influence::RegionalExpert],
                }],
            ),
            rule(
                t("科室主任或药事委员", "Department head or committee member"),
                "decision",
                vec![Condition::DecisionRole {
                    any_of: vec![DecisionRole::DepartmentHead, DecisionRole::CommitteeMember],
                }],
            ),
            rule(
                t("处方前 20%", "Top 20 % volume"),
                "core",
                vec![Condition::VolumeDecile {
                    min: Some(9),
                    max: None,
                }],
            ),
            rule(
                t(
                    "年轻医生，潜力高且已有兴趣",
                    "Younger doctor, high potential, interested",
                ),
                "rising",
                vec![
                    Condition::Title {
                        any_of: vec![HcpTitle::AttendingPhysician, HcpTitle::ResidentPhysician],
                    },
                    Condition::Potential {
                        min: Some(30),
                        max: None,
                    },
                    Condition::AdoptionStage {
                        min: Some(2),
                        max: None,
                    },
                ],
            ),
        ],
        fallback_segment_id: Some("other".to_string()),
    }
}
