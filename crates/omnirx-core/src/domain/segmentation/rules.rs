//! Segment rule sets: an ordered list of rules (conditions on the dimensions → a segment), the first rule that holds wins.
//!
//! The rules for people are in `docs/segmentation.md`: all conditions of a rule must hold (an
//! empty rule catches everyone), a condition on a value the HCP does not have does not hold, and
//! an HCP no rule catches goes to the rule set's fallback segment, or stays unclassified.

use serde::{Deserialize, Serialize};

use crate::domain::funnel::index::NONE;
use crate::domain::model::{AccountType, HcpTitle, Influence, Specialty};

use super::profile::{CustomerAttributes, CustomerFigures};

/// A named way of cutting the HCPs into segments, saved in the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRuleSet {
    pub id: String,
    pub name: String,
    /// The segments, in the order they are shown.
    pub segments: Vec<Segment>,
    /// Tried in order; the first rule whose conditions all hold gives the HCP its segment.
    pub rules: Vec<SegmentRule>,
    /// The segment of HCPs no rule catches; without one they are unclassified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_segment_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub id: String,
    pub name: String,
    /// What the team does with this segment, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strategy: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRule {
    pub name: String,
    pub segment_id: String,
    /// All must hold; none means the rule catches everyone who reaches it.
    #[serde(default)]
    pub conditions: Vec<Condition>,
}

/// A role in the hospital's decision chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionRole {
    DepartmentHead,
    CommitteeMember,
}

/// One condition on one dimension. Lists hold when the HCP's value is one of them; ranges are
/// inclusive and an open end is unbounded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dimension", rename_all = "snake_case")]
pub enum Condition {
    AccountType {
        any_of: Vec<AccountType>,
    },
    /// Region ids.
    Region {
        any_of: Vec<String>,
    },
    City {
        any_of: Vec<String>,
    },
    Specialty {
        any_of: Vec<Specialty>,
    },
    Title {
        any_of: Vec<HcpTitle>,
    },
    Influence {
        any_of: Vec<Influence>,
    },
    /// Holds when the HCP has any of the roles.
    DecisionRole {
        any_of: Vec<DecisionRole>,
    },
    /// Prescribing volume decile, 1 (lowest) to 10.
    VolumeDecile {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u8>,
    },
    /// Estimated eligible patients per month.
    Potential {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    /// Steps reached in the default funnel (0: never entered).
    AdoptionStage {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u8>,
    },
    /// The channel the HCP says they prefer (channel ids).
    DeclaredChannel {
        any_of: Vec<String>,
    },
    /// The channel with the best response in the history (channel ids).
    DerivedChannel {
        any_of: Vec<String>,
    },
    /// Days since the last contact; never contacted does not hold.
    RecencyDays {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Contacts in the last 90 days.
    Frequency {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
}

/// The dimensions a condition can use, in the order the editor lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    AccountType,
    Region,
    City,
    Specialty,
    Title,
    Influence,
    DecisionRole,
    VolumeDecile,
    Potential,
    AdoptionStage,
    DeclaredChannel,
    DerivedChannel,
    RecencyDays,
    Frequency,
}

impl Dimension {
    pub const ALL: [Dimension; 14] = [
        Dimension::AccountType,
        Dimension::Region,
        Dimension::City,
        Dimension::Specialty,
        Dimension::Title,
        Dimension::Influence,
        Dimension::DecisionRole,
        Dimension::VolumeDecile,
        Dimension::Potential,
        Dimension::AdoptionStage,
        Dimension::DeclaredChannel,
        Dimension::DerivedChannel,
        Dimension::RecencyDays,
        Dimension::Frequency,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::AccountType => "account_type",
            Dimension::Region => "region",
            Dimension::City => "city",
            Dimension::Specialty => "specialty",
            Dimension::Title => "title",
            Dimension::Influence => "influence",
            Dimension::DecisionRole => "decision_role",
            Dimension::VolumeDecile => "volume_decile",
            Dimension::Potential => "potential",
            Dimension::AdoptionStage => "adoption_stage",
            Dimension::DeclaredChannel => "declared_channel",
            Dimension::DerivedChannel => "derived_channel",
            Dimension::RecencyDays => "recency_days",
            Dimension::Frequency => "frequency",
        }
    }

    pub fn parse(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == key)
    }

    /// Whether conditions on it are a range of numbers rather than a list of values.
    pub fn is_range(self) -> bool {
        matches!(
            self,
            Dimension::VolumeDecile
                | Dimension::Potential
                | Dimension::AdoptionStage
                | Dimension::RecencyDays
                | Dimension::Frequency
        )
    }

    /// A condition on this dimension that holds for everyone who has a value, to start editing.
    pub fn open_condition(self) -> Condition {
        match self {
            Dimension::AccountType => Condition::AccountType { any_of: Vec::new() },
            Dimension::Region => Condition::Region { any_of: Vec::new() },
            Dimension::City => Condition::City { any_of: Vec::new() },
            Dimension::Specialty => Condition::Specialty { any_of: Vec::new() },
            Dimension::Title => Condition::Title { any_of: Vec::new() },
            Dimension::Influence => Condition::Influence { any_of: Vec::new() },
            Dimension::DecisionRole => Condition::DecisionRole { any_of: Vec::new() },
            Dimension::VolumeDecile => Condition::VolumeDecile {
                min: None,
                max: None,
            },
            Dimension::Potential => Condition::Potential {
                min: None,
                max: None,
            },
            Dimension::AdoptionStage => Condition::AdoptionStage {
                min: None,
                max: None,
            },
            Dimension::DeclaredChannel => Condition::DeclaredChannel { any_of: Vec::new() },
            Dimension::DerivedChannel => Condition::DerivedChannel { any_of: Vec::new() },
            Dimension::RecencyDays => Condition::RecencyDays {
                min: None,
                max: None,
            },
            Dimension::Frequency => Condition::Frequency {
                min: None,
                max: None,
            },
        }
    }
}

impl Condition {
    pub fn dimension(&self) -> Dimension {
        match self {
            Condition::AccountType { .. } => Dimension::AccountType,
            Condition::Region { .. } => Dimension::Region,
            Condition::City { .. } => Dimension::City,
            Condition::Specialty { .. } => Dimension::Specialty,
            Condition::Title { .. } => Dimension::Title,
            Condition::Influence { .. } => Dimension::Influence,
            Condition::DecisionRole { .. } => Dimension::DecisionRole,
            Condition::VolumeDecile { .. } => Dimension::VolumeDecile,
            Condition::Potential { .. } => Dimension::Potential,
            Condition::AdoptionStage { .. } => Dimension::AdoptionStage,
            Condition::DeclaredChannel { .. } => Dimension::DeclaredChannel,
            Condition::DerivedChannel { .. } => Dimension::DerivedChannel,
            Condition::RecencyDays { .. } => Dimension::RecencyDays,
            Condition::Frequency { .. } => Dimension::Frequency,
        }
    }

    /// The inclusive range of a range condition, as i64 for editing (`None` for a list).
    pub fn range(&self) -> Option<(Option<i64>, Option<i64>)> {
        let wide = |value: Option<u32>| value.map(i64::from);
        let small = |value: Option<u8>| value.map(i64::from);
        match self {
            Condition::VolumeDecile { min, max } => Some((small(*min), small(*max))),
            Condition::Potential { min, max } => Some((*min, *max)),
            Condition::AdoptionStage { min, max } => Some((small(*min), small(*max))),
            Condition::RecencyDays { min, max } => Some((wide(*min), wide(*max))),
            Condition::Frequency { min, max } => Some((wide(*min), wide(*max))),
            _ => None,
        }
    }

    /// The same condition with a new range (values out of the type's range are clamped).
    pub fn with_range(&self, min: Option<i64>, max: Option<i64>) -> Condition {
        let small = |value: Option<i64>| value.map(|v| v.clamp(0, 255) as u8);
        let wide = |value: Option<i64>| value.map(|v| v.clamp(0, i64::from(u32::MAX)) as u32);
        match self {
            Condition::VolumeDecile { .. } => Condition::VolumeDecile {
                min: small(min),
                max: small(max),
            },
            Condition::Potential { .. } => Condition::Potential { min, max },
            Condition::AdoptionStage { .. } => Condition::AdoptionStage {
                min: small(min),
                max: small(max),
            },
            Condition::RecencyDays { .. } => Condition::RecencyDays {
                min: wide(min),
                max: wide(max),
            },
            Condition::Frequency { .. } => Condition::Frequency {
                min: wide(min),
                max: wide(max),
            },
            other => other.clone(),
        }
    }
}

/// A rule set with ids turned into the small numbers of the profiles, ready to run many times.
#[derive(Clone, Debug)]
pub struct CompiledRules {
    rules: Vec<CompiledRule>,
    /// Segment number given when no rule holds, or [`UNCLASSIFIED`].
    fallback: u16,
    pub segment_count: usize,
}

/// The segment number of an HCP no rule catches when the rule set has no fallback.
pub const UNCLASSIFIED: u16 = u16::MAX;

#[derive(Clone, Debug)]
struct CompiledRule {
    /// Index into `SegmentRuleSet::segments`, or [`UNCLASSIFIED`] when the id is unknown.
    segment: u16,
    conditions: Vec<CompiledCondition>,
}

#[derive(Clone, Debug)]
enum CompiledCondition {
    AccountType(Vec<AccountType>),
    Region(Vec<u16>),
    City(Vec<u16>),
    Specialty(Vec<Specialty>),
    Title(Vec<HcpTitle>),
    Influence(Vec<Influence>),
    DecisionRole { head: bool, committee: bool },
    VolumeDecile(i64, i64),
    Potential(i64, i64),
    AdoptionStage(i64, i64),
    DeclaredChannel(Vec<u16>),
    DerivedChannel(Vec<u16>),
    RecencyDays(i64, i64),
    Frequency(i64, i64),
}

/// The ids behind the profiles' small numbers.
pub struct DimensionIds<'a> {
    pub region_ids: Vec<&'a str>,
    pub channel_ids: Vec<&'a str>,
    pub city_names: &'a [String],
}

impl<'a> DimensionIds<'a> {
    pub fn of(
        workspace: &'a crate::domain::model::Workspace,
        city_names: &'a [String],
    ) -> DimensionIds<'a> {
        DimensionIds {
            region_ids: workspace.regions.iter().map(|r| r.id.as_str()).collect(),
            channel_ids: workspace.channels.iter().map(|c| c.id.as_str()).collect(),
            city_names,
        }
    }
}

fn positions_of(wanted: &[String], known: &[&str]) -> Vec<u16> {
    wanted
        .iter()
        .filter_map(|id| known.iter().position(|k| *k == id.trim()))
        .map(|index| index as u16)
        .collect()
}

fn bounds<T: Into<i64> + Copy>(min: Option<T>, max: Option<T>) -> (i64, i64) {
    (
        min.map_or(i64::MIN, Into::into),
        max.map_or(i64::MAX, Into::into),
    )
}

impl CompiledRules {
    pub fn compile(rule_set: &SegmentRuleSet, ids: &DimensionIds) -> CompiledRules {
        let segment_of = |id: &str| {
            rule_set
                .segments
                .iter()
                .position(|segment| segment.id == id)
                .map_or(UNCLASSIFIED, |index| index as u16)
        };
        let cities: Vec<&str> = ids.city_names.iter().map(String::as_str).collect();
        let rules = rule_set
            .rules
            .iter()
            .map(|rule| CompiledRule {
                segment: segment_of(&rule.segment_id),
                conditions: rule
                    .conditions
                    .iter()
                    .map(|condition| match condition {
                        Condition::AccountType { any_of } => {
                            CompiledCondition::AccountType(any_of.clone())
                        }
                        Condition::Region { any_of } => {
                            CompiledCondition::Region(positions_of(any_of, &ids.region_ids))
                        }
                        Condition::City { any_of } => {
                            CompiledCondition::City(positions_of(any_of, &cities))
                        }
                        Condition::Specialty { any_of } => {
                            CompiledCondition::Specialty(any_of.clone())
                        }
                        Condition::Title { any_of } => CompiledCondition::Title(any_of.clone()),
                        Condition::Influence { any_of } => {
                            CompiledCondition::Influence(any_of.clone())
                        }
                        Condition::DecisionRole { any_of } => CompiledCondition::DecisionRole {
                            head: any_of.contains(&DecisionRole::DepartmentHead),
                            committee: any_of.contains(&DecisionRole::CommitteeMember),
                        },
                        Condition::VolumeDecile { min, max } => {
                            let (low, high) = bounds(*min, *max);
                            CompiledCondition::VolumeDecile(low, high)
                        }
                        Condition::Potential { min, max } => {
                            let (low, high) = bounds(*min, *max);
                            CompiledCondition::Potential(low, high)
                        }
                        Condition::AdoptionStage { min, max } => {
                            let (low, high) = bounds(*min, *max);
                            CompiledCondition::AdoptionStage(low, high)
                        }
                        Condition::DeclaredChannel { any_of } => {
                            CompiledCondition::DeclaredChannel(positions_of(
                                any_of,
                                &ids.channel_ids,
                            ))
                        }
                        Condition::DerivedChannel { any_of } => CompiledCondition::DerivedChannel(
                            positions_of(any_of, &ids.channel_ids),
                        ),
                        Condition::RecencyDays { min, max } => {
                            let (low, high) = bounds(*min, *max);
                            CompiledCondition::RecencyDays(low, high)
                        }
                        Condition::Frequency { min, max } => {
                            let (low, high) = bounds(*min, *max);
                            CompiledCondition::Frequency(low, high)
                        }
                    })
                    .collect(),
            })
            .collect();
        CompiledRules {
            rules,
            fallback: rule_set
                .fallback_segment_id
                .as_deref()
                .map_or(UNCLASSIFIED, segment_of),
            segment_count: rule_set.segments.len(),
        }
    }

    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The first rule that holds for the HCP, if any.
    pub fn first_matching_rule(
        &self,
        attributes: &CustomerAttributes,
        figures: &CustomerFigures,
    ) -> Option<usize> {
        self.rules.iter().position(|rule| {
            rule.conditions
                .iter()
                .all(|condition| condition_holds(condition, attributes, figures))
        })
    }

    /// Whether rule `rule` holds, regardless of the rules before it.
    pub fn rule_holds(
        &self,
        rule: usize,
        attributes: &CustomerAttributes,
        figures: &CustomerFigures,
    ) -> bool {
        self.rules[rule]
            .conditions
            .iter()
            .all(|condition| condition_holds(condition, attributes, figures))
    }

    /// The segment number an HCP gets from the first rule that holds.
    pub fn segment_of(&self, attributes: &CustomerAttributes, figures: &CustomerFigures) -> u16 {
        match self.first_matching_rule(attributes, figures) {
            Some(rule) => self.rules[rule].segment,
            None => self.fallback,
        }
    }
}

fn in_range(value: i64, (low, high): (i64, i64)) -> bool {
    low <= value && value <= high
}

fn condition_holds(
    condition: &CompiledCondition,
    attributes: &CustomerAttributes,
    figures: &CustomerFigures,
) -> bool {
    // A condition on a value the HCP does not have never holds (written in the docs).
    let listed = |list: &[u16], value: u16| value != NONE && list.contains(&value);
    match condition {
        CompiledCondition::AccountType(list) => attributes
            .account_type
            .is_some_and(|account_type| list.contains(&account_type)),
        CompiledCondition::Region(list) => listed(list, attributes.region),
        CompiledCondition::City(list) => listed(list, attributes.city),
        CompiledCondition::Specialty(list) => list.contains(&attributes.specialty),
        CompiledCondition::Title(list) => list.contains(&attributes.title),
        CompiledCondition::Influence(list) => list.contains(&attributes.influence),
        CompiledCondition::DecisionRole { head, committee } => {
            (*head && attributes.department_head) || (*committee && attributes.committee_member)
        }
        CompiledCondition::VolumeDecile(low, high) => {
            in_range(i64::from(figures.volume_decile), (*low, *high))
        }
        CompiledCondition::Potential(low, high) => in_range(attributes.potential, (*low, *high)),
        CompiledCondition::AdoptionStage(low, high) => {
            in_range(i64::from(figures.adoption_stage), (*low, *high))
        }
        CompiledCondition::DeclaredChannel(list) => listed(list, attributes.declared_channel),
        CompiledCondition::DerivedChannel(list) => listed(list, figures.derived_channel),
        CompiledCondition::RecencyDays(low, high) => figures
            .days_since_last_contact
            .is_some_and(|days| in_range(i64::from(days), (*low, *high))),
        CompiledCondition::Frequency(low, high) => {
            in_range(i64::from(figures.recent_contacts), (*low, *high))
        }
    }
}

/// The file's name of an enum value (`"tertiary_hospital"`), as list conditions store it.
pub fn value_key<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Condition {
    /// The listed values of a list condition as the file writes them (ids, cities or enum
    /// names); `None` for a range condition.
    pub fn listed_keys(&self) -> Option<Vec<String>> {
        fn keys<T: Serialize>(values: &[T]) -> Option<Vec<String>> {
            Some(values.iter().map(value_key).collect())
        }
        match self {
            Condition::AccountType { any_of } => keys(any_of),
            Condition::Specialty { any_of } => keys(any_of),
            Condition::Title { any_of } => keys(any_of),
            Condition::Influence { any_of } => keys(any_of),
            Condition::DecisionRole { any_of } => keys(any_of),
            Condition::Region { any_of }
            | Condition::City { any_of }
            | Condition::DeclaredChannel { any_of }
            | Condition::DerivedChannel { any_of } => Some(any_of.clone()),
            _ => None,
        }
    }

    /// The same list condition listing `keys` instead; unknown enum names are left out.
    pub fn with_listed_keys(&self, keys: &[String]) -> Condition {
        fn parse<T: for<'de> Deserialize<'de>>(keys: &[String]) -> Vec<T> {
            keys.iter()
                .filter_map(|key| {
                    serde_json::from_value(serde_json::Value::String(key.clone())).ok()
                })
                .collect()
        }
        let strings = keys.to_vec();
        match self {
            Condition::AccountType { .. } => Condition::AccountType {
                any_of: parse(keys),
            },
            Condition::Specialty { .. } => Condition::Specialty {
                any_of: parse(keys),
            },
            Condition::Title { .. } => Condition::Title {
                any_of: parse(keys),
            },
            Condition::Influence { .. } => Condition::Influence {
                any_of: parse(keys),
            },
            Condition::DecisionRole { .. } => Condition::DecisionRole {
                any_of: parse(keys),
            },
            Condition::Region { .. } => Condition::Region { any_of: strings },
            Condition::City { .. } => Condition::City { any_of: strings },
            Condition::DeclaredChannel { .. } => Condition::DeclaredChannel { any_of: strings },
            Condition::DerivedChannel { .. } => Condition::DerivedChannel { any_of: strings },
            other => other.clone(),
        }
    }
}
