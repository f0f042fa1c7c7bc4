//! The words of cycle planning (`docs/planning.md`) in each UI language: the plan's messages, why each HCP × channel stopped where it is, follow-up statuses, refused edits, cycles that cannot be read, and plans that cannot be made.
//!
//! A message names reps and channels through [`PlanNames`]: the workspace gives their names (the
//! page), [`Ids`] passes the ids through as given (tests, logs). Counts are grouped as every
//! other message groups them ([`format_integer`]); a cycle is worded by [`cycle_label`].

use super::format::ENGLISH_MONTHS;
use super::{format_date, format_integer, phrases, Language};
use crate::domain::model::Workspace;
use crate::domain::planning::capacity::NotACycle;
use crate::domain::planning::editing::PlanEditRefusal;
use crate::domain::planning::follow_up::Track;
use crate::domain::planning::{Binding, Cycle, PlanError, PlanMessage};
use crate::domain::time::Month;

fn zh(language: Language) -> bool {
    language == Language::SimplifiedChinese
}

/// How messages name reps and channels.
pub trait PlanNames {
    /// The rep's name, or its id when it has none.
    fn rep(&self, rep_id: &str) -> String;
    /// The channel's name, or its id when it has none.
    fn channel(&self, channel_id: &str) -> String;
}

/// The names in the workspace; an id the workspace does not have (an unknown channel of the
/// capacity rules) is shown as it was written.
impl PlanNames for Workspace {
    fn rep(&self, rep_id: &str) -> String {
        self.reps
            .iter()
            .find(|rep| rep.id == rep_id && !rep.name.trim().is_empty())
            .map_or_else(|| rep_id.to_string(), |rep| rep.name.clone())
    }

    fn channel(&self, channel_id: &str) -> String {
        self.channels
            .iter()
            .find(|channel| channel.id == channel_id && !channel.name.trim().is_empty())
            .map_or_else(|| channel_id.to_string(), |channel| channel.name.clone())
    }
}

/// Names reps and channels by their ids, as given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ids;

impl PlanNames for Ids {
    fn rep(&self, rep_id: &str) -> String {
        rep_id.to_string()
    }

    fn channel(&self, channel_id: &str) -> String {
        channel_id.to_string()
    }
}

/// A month: "2026年11月" / "Nov 2026".
pub fn month_label(language: Language, month: Month) -> String {
    let index = usize::from(month.month.clamp(1, 12) - 1);
    if zh(language) {
        format!("{}年{}月", month.year, month.month)
    } else {
        format!("{} {}", ENGLISH_MONTHS[index], month.year)
    }
}

/// A cycle: "2026年11月" / "Nov 2026", "2026年第4季度" / "Q4 2026", or its first and last days
/// ("2026年11月2日 – 2026年11月15日" / "2 Nov 2026 – 15 Nov 2026").
pub fn cycle_label(language: Language, cycle: &Cycle) -> String {
    match *cycle {
        Cycle::Month { month } => month_label(language, month),
        Cycle::Quarter { year, quarter } => phrases::quarter(language, year, quarter),
        Cycle::Custom { from, to } => format!(
            "{} – {}",
            format_date(from, language),
            format_date(to, language)
        ),
    }
}

/// A cycle's key as messages carry it ([`Cycle::key`]), worded; a key that does not read as a
/// cycle is shown as it is.
fn cycle_key_label(language: Language, key: &str) -> String {
    Cycle::parse(key).map_or_else(|_| key.to_string(), |cycle| cycle_label(language, &cycle))
}

/// "1 HCP" / "3 HCPs": English counts with their noun.
fn counted(count: u32, one: &str, many: &str) -> String {
    let number = format_integer(i64::from(count), Language::English);
    if count == 1 {
        format!("{number} {one}")
    } else {
        format!("{number} {many}")
    }
}

/// A message of the plan ([`PlanMessage`]) as a sentence, reps and channels named by `names`.
pub fn plan_message(language: Language, message: &PlanMessage, names: &dyn PlanNames) -> String {
    let chinese = zh(language);
    let number = |n: u32| format_integer(i64::from(n), language);
    match message {
        PlanMessage::NoReps if chinese => "工作区里没有代表：没有可以计划的内容。".into(),
        PlanMessage::NoReps => "The workspace has no reps: there is nothing to plan.".into(),
        PlanMessage::NoPlannedChannels if chinese => {
            "没有要计划的渠道：容量设置中没有工作区里的任何渠道。".into()
        }
        PlanMessage::NoPlannedChannels => {
            "No channel is planned: the capacity names none of the workspace's channels.".into()
        }
        PlanMessage::UnknownChannel { channel_id } => {
            let channel = names.channel(channel_id);
            if chinese {
                format!("容量设置中的渠道“{channel}”在工作区里不存在，已忽略。")
            } else {
                format!("The capacity names channel \"{channel}\", which the workspace does not have; it is left out.")
            }
        }
        PlanMessage::NoFieldDays { rep_id } => {
            let rep = names.rep(rep_id);
            if chinese {
                format!("{rep} 在本周期没有工作日（周末、节假日、休假）：其负责的医生都没有计划。")
            } else {
                format!("{rep} has no field day in the cycle (weekends, holidays, days off): nothing is planned for the rep's HCPs.")
            }
        }
        PlanMessage::MinimumsNotMet {
            rep_id,
            channel_id,
            constraint,
            wanted,
            available,
            hcps,
            contacts_short,
        } => {
            let (rep, channel) = (names.rep(rep_id), names.channel(channel_id));
            let slots = *constraint == Binding::VisitSlots;
            if chinese {
                let limit = if slots {
                    "拜访名额"
                } else {
                    "该渠道的容量"
                };
                format!(
                    "{rep}，{channel}：最低频次需要 {} 次接触，但{limit}只够 {} 次；{} 位医生仍差 {} 次接触，其余已计划。",
                    number(*wanted),
                    number(*available),
                    number(*hcps),
                    number(*contacts_short)
                )
            } else {
                let limit = if slots {
                    "the visit slots allow"
                } else {
                    "the channel's capacity allows"
                };
                format!(
                    "{rep}, {channel}: the minimum frequencies ask for {} but {limit} {}; {} {} {} short, the rest is planned.",
                    counted(*wanted, "contact", "contacts"),
                    number(*available),
                    counted(*hcps, "HCP", "HCPs"),
                    if *hcps == 1 { "stays" } else { "stay" },
                    counted(*contacts_short, "contact", "contacts"),
                )
            }
        }
        PlanMessage::ChannelClosed { channel_id } => {
            let channel = names.channel(channel_id);
            if chinese {
                format!("{channel}：所有医生都已退订这个渠道（或该渠道触达不到他们），不会通过它计划任何接触。")
            } else {
                format!("{channel}: every HCP opted out of this channel (or it reaches none of them): nothing is planned through it.")
            }
        }
        PlanMessage::HcpsWithoutHistory { count } if chinese => format!(
            "{} 位医生还没有任何接触或处方记录：按其细分的响应曲线计划。",
            number(*count)
        ),
        PlanMessage::HcpsWithoutHistory { count } => format!(
            "{} {} no contact or prescription yet: planned on {} segment's curves.",
            counted(*count, "HCP", "HCPs"),
            if *count == 1 { "has" } else { "have" },
            if *count == 1 { "its" } else { "their" },
        ),
        PlanMessage::UnassignedHcps { count } if chinese => {
            format!("{} 位医生没有对应的代表，未纳入计划。", number(*count))
        }
        PlanMessage::UnassignedHcps { count } => format!(
            "{} {} aligned to no rep and {} not planned.",
            counted(*count, "HCP", "HCPs"),
            if *count == 1 { "is" } else { "are" },
            if *count == 1 { "is" } else { "are" },
        ),
        PlanMessage::NoHistoryBeforeCycle { cycle } => {
            let cycle = cycle_key_label(language, cycle);
            if chinese {
                format!("{cycle}之前没有历史数据：所有响应曲线都使用先验值。")
            } else {
                format!("No history before {cycle}: every response curve is its prior.")
            }
        }
        PlanMessage::OldHistory { cycle, last_month } => {
            let cycle = cycle_key_label(language, cycle);
            let last = month_label(language, *last_month);
            if chinese {
                format!("{cycle}比数据的最后一个月（{last}）晚很多：响应曲线反映的是较早的情况。")
            } else {
                format!("{cycle} starts long after the data ends ({last}): the curves describe an old history.")
            }
        }
        PlanMessage::CurvesFromPriors { count, total } if chinese => format!(
            "{} 条响应曲线中有 {} 条的历史数据太少，使用先验值。",
            number(*total),
            number(*count)
        ),
        PlanMessage::CurvesFromPriors { count, total } => format!(
            "{} of {} response curves {} too little history and {} {} prior.",
            number(*count),
            number(*total),
            if *count == 1 { "has" } else { "have" },
            if *count == 1 { "uses" } else { "use" },
            if *count == 1 { "its" } else { "their" },
        ),
        PlanMessage::NotProvenBest { rep_id, bound } => {
            let rep = names.rep(rep_id);
            if chinese {
                format!("{rep}：拜访名额的分配方式太多，无法逐一比较；本计划与最优方案的差距不超过 {bound:.3} 个单位。")
            } else {
                format!("{rep}: too many ways to share the visit slots to try them all; the plan is within {bound:.3} units of the best.")
            }
        }
    }
}

/// What stopped an HCP × channel where it is, in a few words.
pub fn binding_label(language: Language, binding: Binding) -> &'static str {
    let (chinese, english) = match binding {
        Binding::Capacity => ("容量已用完", "capacity used up"),
        Binding::VisitSlots => (
            "拜访名额给了收益更大的接触",
            "visit slots went to larger gains",
        ),
        Binding::MaxFrequency => ("已达最高频次", "max frequency"),
        Binding::Consent => ("已退订", "opted out"),
        Binding::NotApplicable => ("渠道触达不到", "channel does not reach"),
        Binding::NoGain => ("再多也无增益", "no more gain"),
        Binding::Edited => ("手动设置", "set by hand"),
    };
    if zh(language) {
        chinese
    } else {
        english
    }
}

/// A column of the plan's table (`view::plan_table`) other than the channels, which are headed
/// by their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanColumn {
    Rep,
    HcpId,
    HcpName,
    Account,
    Segment,
    Potential,
    /// The planned contacts through every channel.
    PlannedTotal,
    /// The contacts of the cycle before, through the plan's channels.
    LastCycleTotal,
    ExpectedUplift,
    /// What stopped each channel where it is ([`binding_label`]).
    Why,
}

impl PlanColumn {
    pub const ALL: [PlanColumn; 10] = [
        PlanColumn::Rep,
        PlanColumn::HcpId,
        PlanColumn::HcpName,
        PlanColumn::Account,
        PlanColumn::Segment,
        PlanColumn::Potential,
        PlanColumn::PlannedTotal,
        PlanColumn::LastCycleTotal,
        PlanColumn::ExpectedUplift,
        PlanColumn::Why,
    ];
}

/// A column's header in the plan's table.
pub fn column_header(language: Language, column: PlanColumn) -> &'static str {
    let (chinese, english) = match column {
        PlanColumn::Rep => ("代表", "Rep"),
        PlanColumn::HcpId => ("医生编号", "HCP id"),
        PlanColumn::HcpName => ("医生姓名", "HCP name"),
        PlanColumn::Account => ("机构", "Account"),
        PlanColumn::Segment => ("细分", "Segment"),
        PlanColumn::Potential => ("潜力", "Potential"),
        PlanColumn::PlannedTotal => ("计划接触合计", "Planned contacts"),
        PlanColumn::LastCycleTotal => ("上周期接触合计", "Last cycle's contacts"),
        PlanColumn::ExpectedUplift => ("预期增量", "Expected uplift"),
        PlanColumn::Why => ("原因", "Why"),
    };
    if zh(language) {
        chinese
    } else {
        english
    }
}

/// Why each channel of a row stopped where it is, grouped by reason in the order the channels
/// first give it: "容量已用完：拜访、远程；已退订：邮件" / "capacity used up: Visit, Remote; opted
/// out: E-mail". `channels` are the channels' names, in the order of `bindings`.
pub fn why_text(language: Language, channels: &[String], bindings: &[Binding]) -> String {
    let mut groups: Vec<(Binding, Vec<&str>)> = Vec::new();
    for (binding, channel) in bindings.iter().zip(channels) {
        match groups.iter_mut().find(|(b, _)| b == binding) {
            Some((_, names)) => names.push(channel),
            None => groups.push((*binding, vec![channel])),
        }
    }
    let (colon, comma, semicolon) = if zh(language) {
        ("：", "、", "；")
    } else {
        (": ", ", ", "; ")
    };
    groups
        .iter()
        .map(|(binding, names)| {
            format!(
                "{}{colon}{}",
                binding_label(language, *binding),
                names.join(comma)
            )
        })
        .collect::<Vec<_>>()
        .join(semicolon)
}

/// Where a rep, channel or HCP stands against the plan's bands.
pub fn track_label(language: Language, track: Track) -> &'static str {
    let (chinese, english) = match track {
        Track::Ahead => ("超前", "ahead"),
        Track::OnTrack => ("符合进度", "on track"),
        Track::Behind => ("落后", "behind"),
        Track::NotPlanned => ("未计划", "not planned"),
    };
    if zh(language) {
        chinese
    } else {
        english
    }
}

/// Why an edit of the plan was refused.
pub fn refusal(language: Language, refusal: PlanEditRefusal) -> &'static str {
    let (chinese, english) = match refusal {
        PlanEditRefusal::UnknownHcp => ("计划中没有这位医生。", "This HCP is not in the plan."),
        PlanEditRefusal::UnknownChannel => ("这个渠道不在计划中。", "This channel is not planned."),
        PlanEditRefusal::OptedOut => (
            "这位医生已退订该渠道，不能计划接触。",
            "The HCP opted out of this channel: no contact can be planned.",
        ),
        PlanEditRefusal::NotApplicable => (
            "该渠道触达不到这位医生（药房拜访只面向药师）。",
            "This channel does not reach the HCP (pharmacy visits are for pharmacists).",
        ),
        PlanEditRefusal::UnknownPlan => (
            "找不到这份计划（可能已被删除）。",
            "This plan cannot be found (it may have been deleted).",
        ),
    };
    if zh(language) {
        chinese
    } else {
        english
    }
}

/// Why a text or two dates are not a cycle.
pub fn not_a_cycle(language: Language, error: &NotACycle) -> String {
    let chinese = zh(language);
    match error {
        NotACycle::Unreadable(text) if chinese => format!(
            "“{text}”不是周期：请写成 YYYY-MM（月）、YYYY-Qn（季度）或 YYYY-MM-DD..YYYY-MM-DD（起止日期）。"
        ),
        NotACycle::Unreadable(text) => format!(
            "\"{text}\" is not a cycle: write YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY-MM-DD..YYYY-MM-DD (dates)."
        ),
        NotACycle::EndsBeforeItStarts if chinese => "周期的结束日期早于开始日期。".into(),
        NotACycle::EndsBeforeItStarts => "The cycle ends before it starts.".into(),
        NotACycle::TooLong { days } => {
            let days = format_integer(*days, language);
            let most = format_integer(
                crate::domain::planning::capacity::MAX_CYCLE_DAYS,
                language,
            );
            if chinese {
                format!("这个周期长 {days} 天；一个周期最长 {most} 天。")
            } else {
                format!("The cycle is {days} days long; a cycle is at most {most} days.")
            }
        }
    }
}

/// Why no plan could be made at all.
pub fn plan_error(language: Language, error: &PlanError) -> String {
    let chinese = zh(language);
    match error {
        PlanError::UnknownRep(id) if chinese => format!("工作区里没有代表“{id}”。"),
        PlanError::UnknownRep(id) => format!("There is no rep \"{id}\" in the workspace."),
        PlanError::UnknownRuleSet(id) if chinese => {
            format!("工作区里没有细分规则集“{id}”。")
        }
        PlanError::UnknownRuleSet(id) => {
            format!("There is no segment rule set \"{id}\" in the workspace.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Channel, ChannelKind, Rep};

    fn chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    fn both(zh: &str, en: &str) {
        assert!(chinese(zh), "{zh}");
        assert!(en.is_ascii(), "{en}");
        assert!(!en.is_empty() && !zh.is_empty());
    }

    fn every_message() -> Vec<PlanMessage> {
        vec![
            PlanMessage::NoReps,
            PlanMessage::NoPlannedChannels,
            PlanMessage::UnknownChannel {
                channel_id: "ch-fax".into(),
            },
            PlanMessage::NoFieldDays {
                rep_id: "rep-1".into(),
            },
            PlanMessage::MinimumsNotMet {
                rep_id: "rep-1".into(),
                channel_id: "ch-visit".into(),
                constraint: Binding::Capacity,
                wanted: 1_690,
                available: 1_680,
                hcps: 3,
                contacts_short: 10,
            },
            PlanMessage::MinimumsNotMet {
                rep_id: "rep-1".into(),
                channel_id: "ch-remote".into(),
                constraint: Binding::VisitSlots,
                wanted: 12,
                available: 11,
                hcps: 1,
                contacts_short: 1,
            },
            PlanMessage::ChannelClosed {
                channel_id: "ch-email".into(),
            },
            PlanMessage::HcpsWithoutHistory { count: 12 },
            PlanMessage::UnassignedHcps { count: 1 },
            PlanMessage::NoHistoryBeforeCycle {
                cycle: "2019-03".into(),
            },
            PlanMessage::OldHistory {
                cycle: "2028-Q1".into(),
                last_month: Month {
                    year: 2026,
                    month: 10,
                },
            },
            PlanMessage::CurvesFromPriors {
                count: 1,
                total: 30,
            },
            PlanMessage::NotProvenBest {
                rep_id: "rep-1".into(),
                bound: 0.01234,
            },
        ]
    }

    #[test]
    fn every_message_is_worded_in_both_languages() {
        // A new variant fails to compile here until it is added to `every_message`.
        let variant = |message: &PlanMessage| match message {
            PlanMessage::NoReps => 0,
            PlanMessage::NoPlannedChannels => 1,
            PlanMessage::UnknownChannel { .. } => 2,
            PlanMessage::NoFieldDays { .. } => 3,
            PlanMessage::MinimumsNotMet { .. } => 4,
            PlanMessage::ChannelClosed { .. } => 5,
            PlanMessage::HcpsWithoutHistory { .. } => 6,
            PlanMessage::UnassignedHcps { .. } => 7,
            PlanMessage::NoHistoryBeforeCycle { .. } => 8,
            PlanMessage::OldHistory { .. } => 9,
            PlanMessage::CurvesFromPriors { .. } => 10,
            PlanMessage::NotProvenBest { .. } => 11,
        };
        let mut seen: Vec<usize> = every_message().iter().map(variant).collect();
        seen.dedup();
        assert_eq!(seen, (0..12).collect::<Vec<_>>());
        for message in every_message() {
            both(
                &plan_message(Language::SimplifiedChinese, &message, &Ids),
                &plan_message(Language::English, &message, &Ids),
            );
        }
    }

    #[test]
    fn messages_name_reps_and_channels_and_group_numbers() {
        let workspace = Workspace {
            reps: vec![Rep {
                source: None,
                updated_at: None,
                id: "rep-1".into(),
                name: "王芳".into(),
                region_id: "r1".into(),
                territory_id: None,
            }],
            channels: vec![Channel {
                source: None,
                id: "ch-visit".into(),
                name: "拜访".into(),
                kind: ChannelKind::RepVisit,
            }],
            ..Workspace::default()
        };
        let messages = every_message();
        assert_eq!(
            plan_message(Language::SimplifiedChinese, &messages[4], &workspace),
            "王芳，拜访：最低频次需要 1,690 次接触，但该渠道的容量只够 1,680 次；3 位医生仍差 10 次接触，其余已计划。"
        );
        assert_eq!(
            plan_message(Language::English, &messages[4], &Ids),
            "rep-1, ch-visit: the minimum frequencies ask for 1,690 contacts but the channel's capacity allows 1,680; 3 HCPs stay 10 contacts short, the rest is planned."
        );
        assert_eq!(
            plan_message(Language::English, &messages[5], &Ids),
            "rep-1, ch-remote: the minimum frequencies ask for 12 contacts but the visit slots allow 11; 1 HCP stays 1 contact short, the rest is planned."
        );
        // An id the workspace does not have is shown as written.
        assert_eq!(
            plan_message(Language::English, &messages[2], &workspace),
            "The capacity names channel \"ch-fax\", which the workspace does not have; it is left out."
        );
        assert_eq!(
            plan_message(Language::English, &messages[10], &Ids),
            "Q1 2028 starts long after the data ends (Oct 2026): the curves describe an old history."
        );
        assert_eq!(
            plan_message(Language::SimplifiedChinese, &messages[9], &Ids),
            "2019年3月之前没有历史数据：所有响应曲线都使用先验值。"
        );
        assert_eq!(
            plan_message(Language::English, &messages[12], &workspace),
            "王芳: too many ways to share the visit slots to try them all; the plan is within 0.012 units of the best."
        );
    }

    #[test]
    fn cycles_are_worded_per_language() {
        let custom = Cycle::parse("2026-11-02..2026-11-15").unwrap();
        assert_eq!(
            cycle_label(Language::SimplifiedChinese, &custom),
            "2026年11月2日 – 2026年11月15日"
        );
        assert_eq!(
            cycle_label(Language::English, &custom),
            "2 Nov 2026 – 15 Nov 2026"
        );
        let quarter = Cycle::parse("2026-Q4").unwrap();
        assert_eq!(
            cycle_label(Language::SimplifiedChinese, &quarter),
            "2026年第4季度"
        );
        assert_eq!(cycle_label(Language::English, &quarter), "Q4 2026");
        let month = Cycle::parse("2026-11").unwrap();
        assert_eq!(cycle_label(Language::English, &month), "Nov 2026");
    }

    #[test]
    fn every_binding_status_refusal_and_error_is_worded_in_both_languages() {
        for binding in [
            Binding::Capacity,
            Binding::VisitSlots,
            Binding::MaxFrequency,
            Binding::Consent,
            Binding::NotApplicable,
            Binding::NoGain,
            Binding::Edited,
        ] {
            both(
                binding_label(Language::SimplifiedChinese, binding),
                binding_label(Language::English, binding),
            );
        }
        for column in PlanColumn::ALL {
            both(
                column_header(Language::SimplifiedChinese, column),
                column_header(Language::English, column),
            );
        }
        for track in [
            Track::Ahead,
            Track::OnTrack,
            Track::Behind,
            Track::NotPlanned,
        ] {
            both(
                track_label(Language::SimplifiedChinese, track),
                track_label(Language::English, track),
            );
        }
        for edit in [
            PlanEditRefusal::UnknownHcp,
            PlanEditRefusal::UnknownChannel,
            PlanEditRefusal::OptedOut,
            PlanEditRefusal::NotApplicable,
            PlanEditRefusal::UnknownPlan,
        ] {
            both(
                refusal(Language::SimplifiedChinese, edit),
                refusal(Language::English, edit),
            );
        }
        for error in [
            NotACycle::Unreadable("2026-13".into()),
            NotACycle::EndsBeforeItStarts,
            NotACycle::TooLong { days: 1_517 },
        ] {
            both(
                &not_a_cycle(Language::SimplifiedChinese, &error),
                &not_a_cycle(Language::English, &error),
            );
        }
        assert_eq!(
            not_a_cycle(Language::English, &NotACycle::TooLong { days: 1_517 }),
            "The cycle is 1,517 days long; a cycle is at most 366 days."
        );
        for error in [
            PlanError::UnknownRep("rep-9".into()),
            PlanError::UnknownRuleSet("rs-x".into()),
        ] {
            both(
                &plan_error(Language::SimplifiedChinese, &error),
                &plan_error(Language::English, &error),
            );
        }
    }
}
