//! Funnel definitions as saved in the workspace: ordered steps, counting unit, order mode, window and period.
//!
//! The exact meaning of every field is written in `docs/funnels.md`; the engine in
//! [`super::evaluate`] follows it.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarDate;
use crate::domain::model::{InteractionKind, Outcome};

/// A funnel has at least two steps (one conversion) and at most twelve (beyond that the chart
/// stops being readable and users are better served by two funnels).
pub const MIN_STEPS: usize = 2;
pub const MAX_STEPS: usize = 12;

/// A saved funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelDefinition {
    pub id: String,
    pub name: String,
    pub steps: Vec<FunnelStep>,
    #[serde(default)]
    pub unit: CountingUnit,
    #[serde(default)]
    pub order: StepOrder,
    #[serde(default)]
    pub window: ConversionWindow,
    /// Only entries inside this period count; `None` means all the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default)]
    pub percent_of: PercentBase,
    /// Stage counts typed by hand (a workshop funnel without event data); when present the step
    /// conditions are not evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_counts: Option<Vec<u64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub name: String,
    #[serde(default)]
    pub condition: StepCondition,
}

/// What makes an HCP (or account) reach a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StepCondition {
    /// An interaction; each list empty means "any".
    Interaction {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kinds: Vec<InteractionKind>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        channel_ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        product_ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        outcomes: Vec<Outcome>,
    },
    /// The first month with a prescription ever (of the listed products, or any): a trial.
    FirstPrescription {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        product_ids: Vec<String>,
    },
    /// At least `months` months with prescriptions within `within_months` consecutive months:
    /// adoption. Only months from the previous step's month on count.
    Prescriptions {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        product_ids: Vec<String>,
        months: u32,
        within_months: u32,
    },
}

impl Default for StepCondition {
    fn default() -> Self {
        StepCondition::any_interaction()
    }
}

impl StepCondition {
    pub fn any_interaction() -> StepCondition {
        StepCondition::Interaction {
            kinds: Vec::new(),
            channel_ids: Vec::new(),
            product_ids: Vec::new(),
            outcomes: Vec::new(),
        }
    }

    pub fn is_prescription(&self) -> bool {
        !matches!(self, StepCondition::Interaction { .. })
    }
}

/// Who moves through the funnel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountingUnit {
    #[default]
    Hcp,
    /// All HCPs of an account together, plus prescriptions recorded for the account only.
    Account,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOrder {
    /// Each step after the previous one; other events may happen between.
    #[default]
    Ordered,
    /// Each step after the previous one with no interaction matching any step in between.
    Strict,
    /// All steps within the window, in any order.
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowUnit {
    Days,
    Weeks,
    Months,
}

/// How long after entering step 1 the later steps may happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConversionWindow {
    pub amount: u32,
    pub unit: WindowUnit,
}

impl Default for ConversionWindow {
    /// Six months: a prescribing decision in hospital practice takes months, not days.
    fn default() -> Self {
        ConversionWindow {
            amount: 6,
            unit: WindowUnit::Months,
        }
    }
}

/// Entry dates, both inclusive, as calendar days in the workspace's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    #[serde(with = "crate::domain::iso_dates::iso_date")]
    pub from: CalendarDate,
    #[serde(with = "crate::domain::iso_dates::iso_date")]
    pub to: CalendarDate,
}

/// Which percentage the views show first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentBase {
    #[default]
    FirstStep,
    PreviousStep,
}

pub use crate::domain::iso_dates::parse_iso_date;

/// The funnel every new and demo workspace starts with, named in the data's language.
pub fn default_funnel(chinese_names: bool) -> FunnelDefinition {
    let name =
        |chinese: &str, english: &str| if chinese_names { chinese } else { english }.to_string();
    let interaction =
        |kinds: Vec<InteractionKind>, outcomes: Vec<Outcome>| StepCondition::Interaction {
            kinds,
            channel_ids: Vec::new(),
            product_ids: Vec::new(),
            outcomes,
        };
    use InteractionKind::*;
    FunnelDefinition {
        id: "f-default".to_string(),
        name: name("全渠道处方漏斗", "Omnichannel prescribing funnel"),
        steps: vec![
            FunnelStep {
                name: name("认知", "Awareness"),
                condition: StepCondition::any_interaction(),
            },
            FunnelStep {
                name: name("兴趣", "Interest"),
                condition: interaction(
                    vec![
                        EmailOpened,
                        EmailClicked,
                        WechatRead,
                        MeetingAttended,
                        Visit,
                        Call,
                        RemoteDetailing,
                    ],
                    vec![Outcome::Engaged, Outcome::Detailed],
                ),
            },
            FunnelStep {
                name: name("考虑", "Consideration"),
                condition: interaction(
                    vec![Visit, Call, RemoteDetailing, MeetingAttended, Sample],
                    vec![Outcome::Detailed],
                ),
            },
            FunnelStep {
                name: name("试用处方", "Trial (first prescription)"),
                condition: StepCondition::FirstPrescription {
                    product_ids: Vec::new(),
                },
            },
            FunnelStep {
                name: name("持续处方", "Adoption"),
                condition: StepCondition::Prescriptions {
                    product_ids: Vec::new(),
                    months: 3,
                    within_months: 6,
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
