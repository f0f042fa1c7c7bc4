//! The workspace model: plain data for one team's products, customers, activity and analyses.
//!
//! Ids are strings chosen by whoever made the data (`h-00042`); references between records are by
//! id and are checked by `workspace_file::validate`. Field order here is the order in the file.

use serde::{Deserialize, Serialize};

use super::time::{Month, Timestamp};

/// One team's or one trainer's data; every view reads it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub settings: WorkspaceSettings,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub territories: Vec<Territory>,
    #[serde(default)]
    pub reps: Vec<Rep>,
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub hcps: Vec<Hcp>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub prescriptions: Vec<Prescription>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Funnel definitions (see `docs/funnels.md`).
    #[serde(default)]
    pub funnels: Vec<super::funnel::FunnelDefinition>,
    /// Segment rule sets (see `docs/segmentation.md`).
    #[serde(default)]
    pub segment_rule_sets: Vec<super::segmentation::SegmentRuleSet>,
    /// Patient journey maps (aggregate patient counts only, never a patient's identity).
    #[serde(default)]
    pub journeys: Vec<super::journey::JourneyMap>,
    /// How the team's CSV and Excel sheets are read, saved by name and offered again when a sheet
    /// with the same headers comes (see `docs/import.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub table_mappings: Vec<super::table_import::mapping::SavedMapping>,
    /// Saved cycle plans, one per cycle and scope (team or one rep), each kept as it was made and
    /// then edited by hand (see `docs/planning.md`, rules 31–33). Added in file version 2.
    #[serde(default)]
    pub plans: Vec<super::planning::saved_plan::SavedPlan>,
    /// The files merged into this workspace, which its records name by number (`source`) so a
    /// manager sees which rep's file brought what (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// Calls `$visit!("hcps", hcps)` for each of the ten lists of records (the lists a merge
/// matches, whose records may name a `source`), in file order.
macro_rules! for_each_record_list {
    ($visit:ident) => {{
        $visit!("products", products);
        $visit!("channels", channels);
        $visit!("regions", regions);
        $visit!("territories", territories);
        $visit!("reps", reps);
        $visit!("accounts", accounts);
        $visit!("hcps", hcps);
        $visit!("interactions", interactions);
        $visit!("prescriptions", prescriptions);
        $visit!("targets", targets);
    }};
}
pub(crate) use for_each_record_list;

/// A record's source: the number of one of [`Workspace::sources`], from 1.
pub type SourceNumber = std::num::NonZeroU16;

/// A workspace file merged into this workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub number: SourceNumber,
    /// The name of the workspace the file held (such as "华东 — 李娜").
    pub workspace: String,
    /// The file's name as it was chosen.
    pub file: String,
    /// When the file was written (its last-modified time), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_at: Option<Timestamp>,
}

impl Workspace {
    /// A copy without the activity (interactions and prescriptions): the records the rest refers
    /// to, at a fraction of a large workspace's memory. Every field is named, so a new list has
    /// to say here whether it is copied.
    pub fn without_activity(&self) -> Workspace {
        let Workspace {
            settings,
            products,
            channels,
            regions,
            territories,
            reps,
            accounts,
            hcps,
            interactions: _,
            prescriptions: _,
            targets,
            funnels,
            segment_rule_sets,
            journeys,
            table_mappings,
            plans,
            sources,
        } = self;
        Workspace {
            settings: settings.clone(),
            products: products.clone(),
            channels: channels.clone(),
            regions: regions.clone(),
            territories: territories.clone(),
            reps: reps.clone(),
            accounts: accounts.clone(),
            hcps: hcps.clone(),
            interactions: Vec::new(),
            prescriptions: Vec::new(),
            targets: targets.clone(),
            funnels: funnels.clone(),
            segment_rule_sets: segment_rule_sets.clone(),
            journeys: journeys.clone(),
            table_mappings: table_mappings.clone(),
            plans: plans.clone(),
            sources: sources.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettings {
    pub name: String,
    /// IANA time zone in which periods and days are counted.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// ISO 4217 currency of every `value`.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The language the data's names are written in (`zh-CN` or `en`).
    #[serde(default = "default_data_language")]
    pub data_language: String,
    /// Marks a generated demo workspace, shown with a "demo data" badge.
    #[serde(default, skip_serializing_if = "is_false")]
    pub demo: bool,
    /// Which days are working days (field days), for activity KPIs and plans.
    #[serde(default, skip_serializing_if = "WorkCalendar::is_default")]
    pub calendar: WorkCalendar,
    /// The Performance page's status thresholds and key customers' planned frequency.
    #[serde(default, skip_serializing_if = "PerformanceSettings::is_default")]
    pub performance: PerformanceSettings,
    /// The market's compliance rules (see `docs/compliance.md`).
    #[serde(default, skip_serializing_if = "MarketRules::is_standard")]
    pub market_rules: MarketRules,
}

/// Working days: every day but the weekend days and the holidays, plus the make-up working days
/// (调休: a Saturday or Sunday worked in exchange for a bridge holiday).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// ISO weekday numbers that are not worked (1 = Monday … 7 = Sunday).
    #[serde(default = "default_weekend")]
    pub weekend: Vec<u8>,
    /// Days off that would otherwise be working days, as `YYYY-MM-DD`.
    #[serde(
        default,
        with = "super::iso_dates::iso_date_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub holidays: Vec<super::calendar::CalendarDate>,
    /// Weekend days that are worked, as `YYYY-MM-DD`.
    #[serde(
        default,
        with = "super::iso_dates::iso_date_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub working_days: Vec<super::calendar::CalendarDate>,
}

fn default_weekend() -> Vec<u8> {
    vec![6, 7]
}

impl Default for WorkCalendar {
    fn default() -> Self {
        WorkCalendar {
            weekend: default_weekend(),
            holidays: Vec::new(),
            working_days: Vec::new(),
        }
    }
}

impl WorkCalendar {
    pub fn is_default(&self) -> bool {
        *self == WorkCalendar::default()
    }
}

/// Thresholds of the Performance page and the frequency key customers are planned at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerformanceSettings {
    /// On track when attainment is at least this share (%) of the period elapsed.
    #[serde(default = "default_on_track")]
    pub on_track_percent: f64,
    /// At risk (rather than behind) when attainment is at least this share (%) of the elapsed.
    #[serde(default = "default_at_risk")]
    pub at_risk_percent: f64,
    /// Contacts per month a key customer (tier A/B account or KOL) is planned to receive.
    #[serde(default = "default_key_frequency")]
    pub key_customer_contacts_per_month: f64,
}

fn default_on_track() -> f64 {
    95.0
}

fn default_at_risk() -> f64 {
    85.0
}

fn default_key_frequency() -> f64 {
    2.0
}

impl Default for PerformanceSettings {
    fn default() -> Self {
        PerformanceSettings {
            on_track_percent: default_on_track(),
            at_risk_percent: default_at_risk(),
            key_customer_contacts_per_month: default_key_frequency(),
        }
    }
}

impl PerformanceSettings {
    pub fn is_default(&self) -> bool {
        *self == PerformanceSettings::default()
    }
}

/// A market's rules on what the team may record and show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketRules {
    /// No restriction beyond consent.
    #[default]
    Standard,
    /// As in China's rules for the filing of medical representatives: no prescription counts of
    /// individual doctors, and no sales quotas for medical representatives.
    China,
}

impl MarketRules {
    pub fn is_standard(&self) -> bool {
        *self == MarketRules::Standard
    }

    /// Prescription figures of individual HCPs must not be shown, exported or used.
    pub fn forbids_hcp_prescriptions(self) -> bool {
        self == MarketRules::China
    }

    /// Sales targets must not be shown as a rep's quota.
    pub fn forbids_rep_quotas(self) -> bool {
        self == MarketRules::China
    }
}

pub fn default_time_zone() -> String {
    "Asia/Shanghai".to_string()
}

pub fn default_currency() -> String {
    "CNY".to_string()
}

pub fn default_data_language() -> String {
    "zh-CN".to_string()
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            name: String::new(),
            time_zone: default_time_zone(),
            currency: default_currency(),
            data_language: default_data_language(),
            demo: false,
            calendar: WorkCalendar::default(),
            performance: PerformanceSettings::default(),
            market_rules: MarketRules::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub therapeutic_area: String,
    /// When the record was last changed (by a table import), where known; merging can take the
    /// newer of two versions by it (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

/// The kind of a channel; users may add channels of kind `other` with their own names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    RepVisit,
    Phone,
    RemoteDetailing,
    Email,
    Wechat,
    Webinar,
    Pharmacy,
    Other,
}

impl ChannelKind {
    pub const STANDARD: [ChannelKind; 7] = [
        ChannelKind::RepVisit,
        ChannelKind::Phone,
        ChannelKind::RemoteDetailing,
        ChannelKind::Email,
        ChannelKind::Wechat,
        ChannelKind::Webinar,
        ChannelKind::Pharmacy,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub kind: ChannelKind,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Territory {
    pub id: String,
    pub name: String,
    pub region_id: String,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

/// A medical representative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rep {
    pub id: String,
    pub name: String,
    pub region_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory_id: Option<String>,
    /// When the record was last changed (by a table import), where known; merging can take the
    /// newer of two versions by it (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    TertiaryHospital,
    SecondaryHospital,
    CommunityClinic,
    PrivateHospital,
    RetailPharmacy,
    Distributor,
    Other,
}

/// A hospital, clinic, pharmacy or distributor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub account_type: AccountType,
    pub region_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory_id: Option<String>,
    #[serde(default)]
    pub city: String,
    /// The account's commercial tier as the team grades it (e.g. A, B, C).
    #[serde(default)]
    pub tier: String,
    /// When the record was last changed (by a table import), where known; merging can take the
    /// newer of two versions by it (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Specialty {
    Endocrinology,
    Cardiology,
    GeneralPractice,
    Nephrology,
    Neurology,
    InternalMedicine,
    Geriatrics,
    Pharmacy,
    Other,
}

/// Clinical titles of Chinese hospital physicians, from the most senior.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HcpTitle {
    ChiefPhysician,
    AssociateChiefPhysician,
    AttendingPhysician,
    ResidentPhysician,
    Pharmacist,
    Other,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Influence {
    /// Key opinion leader: national or provincial academic voice.
    Kol,
    RegionalExpert,
    #[default]
    None,
}

/// What an HCP has agreed to; an opt-out means the channel must not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    #[serde(default = "yes")]
    pub email: bool,
    #[serde(default = "yes")]
    pub wechat: bool,
    #[serde(default = "yes")]
    pub phone: bool,
    /// Whether the HCP's data may be shared beyond the team (e.g. with medical affairs).
    #[serde(default = "yes")]
    pub data_sharing: bool,
}

fn yes() -> bool {
    true
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            email: true,
            wechat: true,
            phone: true,
            data_sharing: true,
        }
    }
}

/// A healthcare professional: a physician or pharmacist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hcp {
    pub id: String,
    pub name: String,
    pub account_id: String,
    pub specialty: Specialty,
    pub title: HcpTitle,
    /// Estimated eligible patients per month for the team's products.
    #[serde(default)]
    pub prescribing_potential: i64,
    #[serde(default)]
    pub influence: Influence,
    #[serde(default, skip_serializing_if = "is_false")]
    pub department_head: bool,
    /// Member of the hospital's pharmacy and therapeutics (drug) committee.
    #[serde(default, skip_serializing_if = "is_false")]
    pub committee_member: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_channel_id: Option<String>,
    #[serde(default)]
    pub consent: Consent,
    /// When the record was last changed (by a table import), where known; merging can take the
    /// newer of two versions by it (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Visit,
    Call,
    RemoteDetailing,
    EmailSent,
    EmailOpened,
    EmailClicked,
    WechatMessage,
    WechatRead,
    MeetingInvited,
    MeetingAttended,
    Sample,
    PharmacyVisit,
}

impl InteractionKind {
    /// Every kind, in declaration order: `ALL[kind as usize] == kind`.
    pub const ALL: [InteractionKind; 12] = [
        InteractionKind::Visit,
        InteractionKind::Call,
        InteractionKind::RemoteDetailing,
        InteractionKind::EmailSent,
        InteractionKind::EmailOpened,
        InteractionKind::EmailClicked,
        InteractionKind::WechatMessage,
        InteractionKind::WechatRead,
        InteractionKind::MeetingInvited,
        InteractionKind::MeetingAttended,
        InteractionKind::Sample,
        InteractionKind::PharmacyVisit,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Interest shown, a follow-up agreed, questions asked.
    Engaged,
    /// A detailed discussion of the product's evidence.
    Detailed,
    Neutral,
    Negative,
    NoResponse,
}

impl Outcome {
    /// Every outcome, in declaration order: `ALL[outcome as usize] == outcome`.
    pub const ALL: [Outcome; 5] = [
        Outcome::Engaged,
        Outcome::Detailed,
        Outcome::Neutral,
        Outcome::Negative,
        Outcome::NoResponse,
    ];
}

/// One touch between the team and an HCP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub at: Timestamp,
    pub hcp_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep_id: Option<String>,
    pub channel_id: String,
    pub kind: InteractionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

/// Prescriptions (or sales) of one product in one month, by an HCP or at an account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prescription {
    pub period: Month,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hcp_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    pub product_id: String,
    pub units: i64,
    #[serde(default)]
    pub value: f64,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}

/// A goal for a period: for a rep, an account, a territory or a region (the most specific one
/// given is the target's holder), or for the whole team when none is given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub period: Month,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    pub product_id: String,
    pub units: i64,
    #[serde(default)]
    pub value: f64,
    /// When the record was last changed (by a table import), where known; merging can take the
    /// newer of two versions by it (`docs/sharing.md`). Added in file version 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The merged file this record came from (`Workspace::sources`); none for the workspace's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNumber>,
}
