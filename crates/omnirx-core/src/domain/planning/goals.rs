//! Goals from segments: each HCP's segment, frequency rules per segment × channel (default, minimum, maximum per month, scaled to the cycle), per-HCP overrides, consent and the preferred channel.
//!
//! Rules 5–8 of `docs/planning.md`. Segments come from the potential × support matrix (the
//! strategy of each HCP's cell, with the Segments page's default cut-offs) or from a rule set;
//! a rule-set segment with no frequency rule of its own takes the defaults of the strategy most
//! of its members have in the matrix.

use serde::{Deserialize, Serialize};

use crate::domain::funnel::{CountingUnit, FunnelIndex};
use crate::domain::model::{Channel, ChannelKind, Hcp, HcpTitle, Specialty, Workspace};
use crate::domain::segmentation::matrix::{cell_of, strategy_for, MatrixCutoffs, Strategy};
use crate::domain::segmentation::report::current_profiles;
use crate::domain::segmentation::{
    classify, CompiledRules, CustomerBase, CustomerProfiles, DimensionIds, UNCLASSIFIED,
};

/// The strategies in the order they are shown.
pub const STRATEGIES: [Strategy; 5] = [
    Strategy::Defend,
    Strategy::Grow,
    Strategy::Develop,
    Strategy::Maintain,
    Strategy::Deprioritise,
];

/// A strategy's key in files and on the command line (`defend` …).
pub fn strategy_key(strategy: Strategy) -> &'static str {
    match strategy {
        Strategy::Defend => "defend",
        Strategy::Grow => "grow",
        Strategy::Develop => "develop",
        Strategy::Maintain => "maintain",
        Strategy::Deprioritise => "deprioritise",
    }
}

/// Where HCPs' segments come from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentSource {
    /// The strategy of the HCP's cell in the potential × support matrix (default cut-offs).
    #[default]
    Strategy,
    /// The segments of a rule set of the workspace.
    RuleSet { rule_set_id: String },
}

/// A segment as planning uses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSegment {
    /// The strategy's key, or the rule set's segment id ("" for unclassified HCPs).
    pub key: String,
    /// The segment's name (a strategy's key for the matrix; the UI words it).
    pub name: String,
    /// The strategy whose default frequencies the segment takes.
    pub strategy: Strategy,
    pub size: u32,
}

/// Every HCP's segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Segmentation {
    pub source: SegmentSource,
    pub segments: Vec<PlanSegment>,
    /// Index into `segments` per HCP, in file order.
    pub hcp_segment: Vec<u16>,
}

/// The rule set asked for is not in the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRuleSet(pub String);

impl std::fmt::Display for UnknownRuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no segment rule set {:?}", self.0)
    }
}

/// Segments from the workspace, building the Segments page's data (funnel index, customer base,
/// today's profiles at the end of the data).
pub fn segment_workspace(
    workspace: &Workspace,
    source: &SegmentSource,
) -> Result<Segmentation, UnknownRuleSet> {
    let index = FunnelIndex::build(workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(workspace);
    let profiles = current_profiles(workspace, &base, &index);
    segment_from(workspace, &base, &profiles, source, None)
}

/// Segments from data the Segments page already built; `cutoffs` default to the page's.
pub fn segment_from(
    workspace: &Workspace,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    source: &SegmentSource,
    cutoffs: Option<&MatrixCutoffs>,
) -> Result<Segmentation, UnknownRuleSet> {
    let cutoffs = cutoffs
        .cloned()
        .unwrap_or_else(|| MatrixCutoffs::default_for(base))
        .normalised();
    let strategies: Vec<Strategy> = (0..base.hcp_count())
        .map(|hcp| {
            let (potential, support) = cell_of(base, profiles, hcp, &cutoffs);
            strategy_for(potential, support, &cutoffs)
        })
        .collect();
    let strategy_index = |strategy: Strategy| STRATEGIES.iter().position(|s| *s == strategy);
    match source {
        SegmentSource::Strategy => {
            let hcp_segment: Vec<u16> = strategies
                .iter()
                .map(|s| strategy_index(*s).unwrap_or(3) as u16)
                .collect();
            let segments = STRATEGIES
                .iter()
                .enumerate()
                .map(|(index, strategy)| PlanSegment {
                    key: strategy_key(*strategy).to_string(),
                    name: strategy_key(*strategy).to_string(),
                    strategy: *strategy,
                    size: hcp_segment
                        .iter()
                        .filter(|s| usize::from(**s) == index)
                        .count() as u32,
                })
                .collect();
            Ok(Segmentation {
                source: source.clone(),
                segments,
                hcp_segment,
            })
        }
        SegmentSource::RuleSet { rule_set_id } => {
            let rule_set = workspace
                .segment_rule_sets
                .iter()
                .find(|r| &r.id == rule_set_id)
                .ok_or_else(|| UnknownRuleSet(rule_set_id.clone()))?;
            let compiled =
                CompiledRules::compile(rule_set, &DimensionIds::of(workspace, &base.city_names));
            let classification = classify(&compiled, base, profiles);
            let unclassified = rule_set.segments.len();
            let hcp_segment: Vec<u16> = classification
                .segments
                .iter()
                .map(|&s| {
                    if s == UNCLASSIFIED || usize::from(s) >= unclassified {
                        unclassified as u16
                    } else {
                        s
                    }
                })
                .collect();
            let mut counts = vec![[0u32; 5]; unclassified + 1];
            for (segment, strategy) in hcp_segment.iter().zip(&strategies) {
                if let Some(index) = strategy_index(*strategy) {
                    counts[usize::from(*segment)][index] += 1;
                }
            }
            // The strategy most members have (ties: the one listed first); Maintain when empty.
            let modal = |counts: &[u32; 5]| {
                let mut best = 3;
                for index in 0..5 {
                    if counts[index] > counts[best]
                        || (counts[index] == counts[best] && index < best)
                    {
                        best = index;
                    }
                }
                if counts.iter().all(|c| *c == 0) {
                    Strategy::Maintain
                } else {
                    STRATEGIES[best]
                }
            };
            let mut segments: Vec<PlanSegment> = rule_set
                .segments
                .iter()
                .enumerate()
                .map(|(index, segment)| PlanSegment {
                    key: segment.id.clone(),
                    name: segment.name.clone(),
                    strategy: modal(&counts[index]),
                    size: counts[index].iter().sum(),
                })
                .collect();
            let unclassified_size: u32 = counts[unclassified].iter().sum();
            if unclassified_size > 0 {
                segments.push(PlanSegment {
                    key: String::new(),
                    name: String::new(),
                    strategy: modal(&counts[unclassified]),
                    size: unclassified_size,
                });
            }
            Ok(Segmentation {
                source: source.clone(),
                segments,
                hcp_segment,
            })
        }
    }
}

/// Contacts per month through a channel: the usual number, the least and the most.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frequency {
    pub default: f64,
    pub min: f64,
    pub max: f64,
}

impl Frequency {
    pub const fn new(default: f64, min: f64, max: f64) -> Frequency {
        Frequency { default, min, max }
    }

    /// Finite, non-negative, `min ≤ default ≤ max`.
    pub fn normalised(self) -> Frequency {
        let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
        let min = clean(self.min);
        let max = clean(self.max).max(min);
        Frequency {
            default: clean(self.default).clamp(min, max),
            min,
            max,
        }
    }
}

/// The built-in frequencies per month of a strategy and channel kind (rule 6), written as a
/// pharma call plan: visits follow the matrix's recommendation (defend 4, grow 3, develop 2,
/// maintain 1, deprioritise 0–1), remote channels keep every HCP in touch without flooding them.
///
/// Every contact on a concave curve adds something, so wherever capacity allows the plan reaches
/// a channel's maximum: the maximums are the most a call plan would schedule, not a ceiling far
/// above it. E-mail at most every other week (2); WeChat at most weekly for defend and grow (4),
/// every other week otherwise (2); calls at most 2 for defend and grow, 1 otherwise; remote
/// detailings at most 2 for defend, grow and develop, 1 otherwise. A deprioritised HCP is kept in
/// touch by e-mail and WeChat.
pub fn default_frequency(strategy: Strategy, kind: ChannelKind) -> Frequency {
    use ChannelKind::*;
    let f = Frequency::new;
    match (strategy, kind) {
        (Strategy::Defend, RepVisit) => f(4.0, 2.0, 6.0),
        (Strategy::Grow, RepVisit) => f(3.0, 1.0, 5.0),
        (Strategy::Develop, RepVisit) => f(2.0, 1.0, 3.0),
        (Strategy::Maintain, RepVisit) => f(1.0, 0.0, 2.0),
        (Strategy::Deprioritise, RepVisit) => f(0.0, 0.0, 1.0),
        (Strategy::Defend | Strategy::Grow | Strategy::Develop, RemoteDetailing) => {
            f(1.0, 0.0, 2.0)
        }
        (_, RemoteDetailing) => f(0.0, 0.0, 1.0),
        (Strategy::Defend | Strategy::Grow, Phone) => f(1.0, 0.0, 2.0),
        (_, Phone) => f(0.0, 0.0, 1.0),
        (Strategy::Defend | Strategy::Grow, Email) => f(2.0, 0.0, 2.0),
        (_, Email) => f(1.0, 0.0, 2.0),
        (Strategy::Defend | Strategy::Grow, Wechat) => f(2.0, 0.0, 4.0),
        (_, Wechat) => f(1.0, 0.0, 2.0),
        (Strategy::Defend | Strategy::Grow | Strategy::Develop, Pharmacy) => f(1.0, 0.0, 2.0),
        (_, Pharmacy) => f(0.0, 0.0, 1.0),
        (_, Webinar) => f(1.0, 0.0, 1.0),
        (_, Other) => f(0.0, 0.0, 2.0),
    }
}

/// A segment's frequency for a channel, set by the team (per month).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrequencyRule {
    /// A [`PlanSegment::key`].
    pub segment: String,
    pub channel_id: String,
    pub default: f64,
    pub min: f64,
    pub max: f64,
}

/// One HCP's own limits for a channel, in contacts per cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HcpFrequency {
    pub hcp_id: String,
    pub channel_id: String,
    pub min: u32,
    pub max: u32,
}

/// How much the preferred channel's gains are raised unless the team says otherwise (+25 %).
pub const DEFAULT_PREFERENCE_BOOST: f64 = 0.25;

/// The team's goals: frequency rules (missing ones take the built-in defaults), per-HCP limits
/// and how much an HCP's preferred channel is favoured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalRules {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<FrequencyRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hcps: Vec<HcpFrequency>,
    /// The preferred channel's expected uplift is multiplied by `1 + preference_boost`.
    #[serde(default = "default_boost")]
    pub preference_boost: f64,
}

fn default_boost() -> f64 {
    DEFAULT_PREFERENCE_BOOST
}

impl Default for GoalRules {
    fn default() -> Self {
        GoalRules {
            rules: Vec::new(),
            hcps: Vec::new(),
            preference_boost: DEFAULT_PREFERENCE_BOOST,
        }
    }
}

/// Whether an HCP may be contacted through a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Open,
    /// The HCP opted out of e-mail, WeChat or phone (rule 7).
    OptedOut,
    /// Pharmacy visits are for pharmacists only.
    NotApplicable,
}

/// Whether consent allows the channel (rule 7): e-mail, WeChat and phone need the HCP's consent;
/// pharmacy visits reach pharmacists only.
pub fn access(hcp: &Hcp, kind: ChannelKind) -> Access {
    let opted_out = match kind {
        ChannelKind::Email => !hcp.consent.email,
        ChannelKind::Wechat => !hcp.consent.wechat,
        ChannelKind::Phone => !hcp.consent.phone,
        _ => false,
    };
    if opted_out {
        return Access::OptedOut;
    }
    let pharmacist = hcp.title == HcpTitle::Pharmacist || hcp.specialty == Specialty::Pharmacy;
    if kind == ChannelKind::Pharmacy && !pharmacist {
        return Access::NotApplicable;
    }
    Access::Open
}

/// An HCP's goal for a channel in a cycle (contacts per cycle).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleGoal {
    pub default: u32,
    pub min: u32,
    pub max: u32,
    pub access: Access,
    /// The HCP's declared preferred channel.
    pub preferred: bool,
}

/// `x` rounded half up to a whole number of contacts, never negative.
fn contacts(x: f64) -> u32 {
    if x.is_finite() && x > 0.0 {
        libm::floor(x + 0.5).min(10_000.0) as u32
    } else {
        0
    }
}

impl GoalRules {
    /// A segment's frequency for a channel, per month: the team's rule, or the default of the
    /// segment's strategy.
    pub fn frequency(&self, segment: &PlanSegment, channel: &Channel) -> Frequency {
        self.rules
            .iter()
            .find(|rule| rule.segment == segment.key && rule.channel_id == channel.id)
            .map(|rule| Frequency::new(rule.default, rule.min, rule.max))
            .unwrap_or_else(|| default_frequency(segment.strategy, channel.kind))
            .normalised()
    }

    /// An HCP's goal for a cycle of `months` months (rule 6): the segment's frequency scaled and
    /// rounded half up, or the HCP's own limits; nothing through a channel it may not receive.
    pub fn goal(
        &self,
        hcp: &Hcp,
        segment: &PlanSegment,
        channel: &Channel,
        months: f64,
    ) -> CycleGoal {
        let frequency = self.frequency(segment, channel);
        let months = if months.is_finite() && months > 0.0 {
            months
        } else {
            0.0
        };
        let mut min = contacts(frequency.min * months);
        let mut max = contacts(frequency.max * months).max(min);
        if let Some(own) = self
            .hcps
            .iter()
            .find(|o| o.hcp_id == hcp.id && o.channel_id == channel.id)
        {
            min = own.min;
            max = own.max.max(own.min);
        }
        let access = access(hcp, channel.kind);
        if access != Access::Open {
            min = 0;
            max = 0;
        }
        CycleGoal {
            default: contacts(frequency.default * months).clamp(min, max),
            min,
            max,
            access,
            preferred: hcp.preferred_channel_id.as_deref() == Some(channel.id.as_str()),
        }
    }

    /// The factor on the preferred channel's gains: `1 + boost`, the boost kept within 0 … 4.
    pub fn preference_factor(&self) -> f64 {
        1.0 + super::capacity::clean(self.preference_boost, 4.0)
    }
}
