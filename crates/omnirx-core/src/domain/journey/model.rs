//! The journey map as saved in the workspace: stages (columns), lanes (rows), cards, links and cohort counts.
//!
//! Cards are one flat list naming their stage and lane, so that moving or renaming a stage never
//! moves card text around; the order of the list is the order inside a cell. Cohort counts are
//! aggregates per stage and month, never a patient's identity.

use serde::{Deserialize, Serialize};

use crate::domain::time::Month;

/// The lowest and highest emotion score: −2 (very negative) … +2 (very positive).
pub const EMOTION_MIN: f64 = -2.0;
pub const EMOTION_MAX: f64 = 2.0;
/// The most stages a map may have; a longer journey is better split into two maps.
pub const MAX_STAGES: usize = 16;
/// The most lanes a map may have.
pub const MAX_LANES: usize = 12;
/// The longest card text, in characters: cards are sticky notes, not documents.
pub const MAX_CARD_CHARS: usize = 200;

/// One patient journey for one disease area and patient segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyMap {
    pub id: String,
    pub name: String,
    /// E.g. "Type 2 diabetes" / "2 型糖尿病".
    #[serde(default)]
    pub disease_area: String,
    /// The patients the map is about, e.g. "Newly diagnosed adults, 40–65".
    #[serde(default)]
    pub patient_segment: String,
    /// The journey as it is today, or as the team wants it to be.
    #[serde(default)]
    pub state: JourneyState,
    /// Columns, left to right.
    pub stages: Vec<JourneyStage>,
    /// Rows, top to bottom.
    pub lanes: Vec<JourneyLane>,
    #[serde(default)]
    pub cards: Vec<JourneyCard>,
    /// Aggregate patient counts per stage and month (see `docs/journeys.md`).
    #[serde(default)]
    pub cohort: Vec<StageMonth>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    #[default]
    Current,
    Target,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyStage {
    pub id: String,
    pub name: String,
    /// How patients feel at this stage, −2 … +2; drawn as the emotion curve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<f64>,
    /// A funnel step or segment of the HCP side this stage is tied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<StageLink>,
}

/// What a stage points to on the HCP side, so that a pain point sits next to the number it explains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StageLink {
    /// `step` counts from 0 in the funnel's steps.
    FunnelStep { funnel_id: String, step: usize },
    Segment {
        rule_set_id: String,
        segment_id: String,
    },
}

/// The kinds of lanes mapping tools use; `other` lanes carry the user's own name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    PatientActions,
    Touchpoints,
    Channels,
    /// Thoughts and emotions: cards hold what patients think, the stage's score draws the curve.
    Emotions,
    PainPoints,
    Opportunities,
    Kpis,
    Other,
}

impl LaneKind {
    /// The lanes of a new map, in their usual order.
    pub const STANDARD: [LaneKind; 7] = [
        LaneKind::PatientActions,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Kpis,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::PatientActions => "patient_actions",
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::Channels => "channels",
            LaneKind::Emotions => "emotions",
            LaneKind::PainPoints => "pain_points",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Kpis => "kpis",
            LaneKind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyLane {
    pub id: String,
    pub kind: LaneKind,
    /// The lane's title; empty means the standard title of its kind in the UI's language.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Hidden lanes keep their cards but are not drawn.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// How much a pain point hurts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A sticky note in one cell (stage × lane).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JourneyCard {
    pub id: String,
    pub stage_id: String,
    pub lane_id: String,
    pub text: String,
    /// Pain points only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Channel cards name one of the workspace's channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
}

/// Aggregate figures of one stage in one month. Every figure but `entered` is optional: a month
/// without outcome surveys simply has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageMonth {
    pub stage_id: String,
    pub month: Month,
    /// Patients who entered the stage in this month.
    pub entered: u64,
    /// The median days those patients spent in the stage before moving on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days_in_stage: Option<f64>,
    /// Patient-reported outcomes of the month's survey at this stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<ReportedOutcomes>,
}

/// Patient-reported outcomes, averaged over the month's respondents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedOutcomes {
    /// How many patients answered; averages over months are weighted by it.
    pub respondents: u64,
    /// 1 … 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<f64>,
    /// 0 … 100 (a visual-analogue scale such as EQ VAS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_of_life: Option<f64>,
    /// 0 … 100: the share of days covered by medication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adherence_percent: Option<f64>,
}

impl JourneyMap {
    pub fn stage_index(&self, stage_id: &str) -> Option<usize> {
        self.stages.iter().position(|stage| stage.id == stage_id)
    }

    pub fn lane_index(&self, lane_id: &str) -> Option<usize> {
        self.lanes.iter().position(|lane| lane.id == lane_id)
    }

    /// The cards of one cell, in their order.
    pub fn cards_in<'a>(
        &'a self,
        stage_id: &'a str,
        lane_id: &'a str,
    ) -> impl Iterator<Item = &'a JourneyCard> + 'a {
        self.cards
            .iter()
            .filter(move |card| card.stage_id == stage_id && card.lane_id == lane_id)
    }
}
