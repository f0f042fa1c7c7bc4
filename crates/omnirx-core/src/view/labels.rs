//! The text keys that name the model's values in the UI's language: specialties, titles, account
//! types, interaction kinds and outcomes, channel kinds, dimensions, strategies, lanes, months.
//! The one home of such labels: pages look them up here.

use crate::domain::funnel::editing::ConditionKind;
use crate::domain::funnel::{
    Attribution, BreakdownDimension, CountingUnit, PercentBase, StepOrder, WindowUnit,
};
use crate::domain::journey::model::{LaneKind, Severity};
use crate::domain::model::{
    AccountType, ChannelKind, HcpTitle, Influence, InteractionKind, Outcome, Specialty,
};
use crate::domain::segmentation::matrix::Strategy;
use crate::domain::segmentation::rules::{DecisionRole, Dimension};
use crate::i18n::Text;

pub fn specialty_text(specialty: Specialty) -> Text {
    match specialty {
        Specialty::Endocrinology => Text::SpecialtyEndocrinology,
        Specialty::Cardiology => Text::SpecialtyCardiology,
        Specialty::GeneralPractice => Text::SpecialtyGeneralPractice,
        Specialty::Nephrology => Text::SpecialtyNephrology,
        Specialty::Neurology => Text::SpecialtyNeurology,
        Specialty::InternalMedicine => Text::SpecialtyInternalMedicine,
        Specialty::Geriatrics => Text::SpecialtyGeriatrics,
        Specialty::Pharmacy => Text::SpecialtyPharmacy,
        Specialty::Other => Text::SpecialtyOther,
    }
}

pub const SPECIALTIES: [Specialty; 9] = [
    Specialty::Endocrinology,
    Specialty::Cardiology,
    Specialty::GeneralPractice,
    Specialty::Nephrology,
    Specialty::Neurology,
    Specialty::InternalMedicine,
    Specialty::Geriatrics,
    Specialty::Pharmacy,
    Specialty::Other,
];

pub fn title_text(title: HcpTitle) -> Text {
    match title {
        HcpTitle::ChiefPhysician => Text::TitleChiefPhysician,
        HcpTitle::AssociateChiefPhysician => Text::TitleAssociateChiefPhysician,
        HcpTitle::AttendingPhysician => Text::TitleAttendingPhysician,
        HcpTitle::ResidentPhysician => Text::TitleResidentPhysician,
        HcpTitle::Pharmacist => Text::TitlePharmacist,
        HcpTitle::Other => Text::TitleOther,
    }
}

pub const TITLES: [HcpTitle; 6] = [
    HcpTitle::ChiefPhysician,
    HcpTitle::AssociateChiefPhysician,
    HcpTitle::AttendingPhysician,
    HcpTitle::ResidentPhysician,
    HcpTitle::Pharmacist,
    HcpTitle::Other,
];

pub fn account_type_text(account_type: AccountType) -> Text {
    match account_type {
        AccountType::TertiaryHospital => Text::AccountTertiaryHospital,
        AccountType::SecondaryHospital => Text::AccountSecondaryHospital,
        AccountType::CommunityClinic => Text::AccountCommunityClinic,
        AccountType::PrivateHospital => Text::AccountPrivateHospital,
        AccountType::RetailPharmacy => Text::AccountRetailPharmacy,
        AccountType::Distributor => Text::AccountDistributor,
        AccountType::Other => Text::AccountOther,
    }
}

pub const ACCOUNT_TYPES: [AccountType; 7] = [
    AccountType::TertiaryHospital,
    AccountType::SecondaryHospital,
    AccountType::CommunityClinic,
    AccountType::PrivateHospital,
    AccountType::RetailPharmacy,
    AccountType::Distributor,
    AccountType::Other,
];

pub fn influence_text(influence: Influence) -> Text {
    match influence {
        Influence::Kol => Text::InfluenceKol,
        Influence::RegionalExpert => Text::InfluenceRegionalExpert,
        Influence::None => Text::InfluenceNone,
    }
}

pub const INFLUENCES: [Influence; 3] = [Influence::Kol, Influence::RegionalExpert, Influence::None];

pub fn decision_role_text(role: DecisionRole) -> Text {
    match role {
        DecisionRole::DepartmentHead => Text::RoleDepartmentHead,
        DecisionRole::CommitteeMember => Text::RoleCommitteeMember,
    }
}

pub const DECISION_ROLES: [DecisionRole; 2] =
    [DecisionRole::DepartmentHead, DecisionRole::CommitteeMember];

pub fn dimension_text(dimension: Dimension) -> Text {
    match dimension {
        Dimension::AccountType => Text::DimAccountType,
        Dimension::Region => Text::DimRegion,
        Dimension::City => Text::DimCity,
        Dimension::Specialty => Text::DimSpecialty,
        Dimension::Title => Text::DimTitle,
        Dimension::Influence => Text::DimInfluence,
        Dimension::DecisionRole => Text::DimDecisionRole,
        Dimension::VolumeDecile => Text::DimVolumeDecile,
        Dimension::Potential => Text::DimPotential,
        Dimension::AdoptionStage => Text::DimAdoptionStage,
        Dimension::DeclaredChannel => Text::DimDeclaredChannel,
        Dimension::DerivedChannel => Text::DimDerivedChannel,
        Dimension::RecencyDays => Text::DimRecencyDays,
        Dimension::Frequency => Text::DimFrequency,
    }
}

pub fn strategy_text(strategy: Strategy) -> Text {
    match strategy {
        Strategy::Defend => Text::StrategyDefend,
        Strategy::Grow => Text::StrategyGrow,
        Strategy::Develop => Text::StrategyDevelop,
        Strategy::Maintain => Text::StrategyMaintain,
        Strategy::Deprioritise => Text::StrategyDeprioritise,
    }
}

pub fn kind_text(kind: InteractionKind) -> Text {
    match kind {
        InteractionKind::Visit => Text::KindVisit,
        InteractionKind::Call => Text::KindCall,
        InteractionKind::RemoteDetailing => Text::KindRemoteDetailing,
        InteractionKind::EmailSent => Text::KindEmailSent,
        InteractionKind::EmailOpened => Text::KindEmailOpened,
        InteractionKind::EmailClicked => Text::KindEmailClicked,
        InteractionKind::WechatMessage => Text::KindWechatMessage,
        InteractionKind::WechatRead => Text::KindWechatRead,
        InteractionKind::MeetingInvited => Text::KindMeetingInvited,
        InteractionKind::MeetingAttended => Text::KindMeetingAttended,
        InteractionKind::Sample => Text::KindSample,
        InteractionKind::PharmacyVisit => Text::KindPharmacyVisit,
    }
}

pub fn outcome_text(outcome: Outcome) -> Text {
    match outcome {
        Outcome::Engaged => Text::OutcomeEngaged,
        Outcome::Detailed => Text::OutcomeDetailed,
        Outcome::Neutral => Text::OutcomeNeutral,
        Outcome::Negative => Text::OutcomeNegative,
        Outcome::NoResponse => Text::OutcomeNoResponse,
    }
}

pub fn breakdown_dimension_text(dimension: BreakdownDimension) -> Text {
    match dimension {
        BreakdownDimension::Channel => Text::DimensionChannel,
        BreakdownDimension::Segment => Text::DimensionSegment,
        BreakdownDimension::Region => Text::DimensionRegion,
        BreakdownDimension::Product => Text::DimensionProduct,
        BreakdownDimension::Rep => Text::DimensionRep,
    }
}

pub fn attribution_text(attribution: Attribution) -> Text {
    match attribution {
        Attribution::FirstTouch => Text::AttributionFirst,
        Attribution::LastTouch => Text::AttributionLast,
        Attribution::StepEvent => Text::AttributionStep,
    }
}

pub fn channel_kind_text(kind: ChannelKind) -> Text {
    match kind {
        ChannelKind::RepVisit => Text::ChannelKindRepVisit,
        ChannelKind::Phone => Text::ChannelKindPhone,
        ChannelKind::RemoteDetailing => Text::ChannelKindRemote,
        ChannelKind::Email => Text::ChannelKindEmail,
        ChannelKind::Wechat => Text::ChannelKindWechat,
        ChannelKind::Webinar => Text::ChannelKindWebinar,
        ChannelKind::Pharmacy => Text::ChannelKindPharmacy,
        ChannelKind::Other => Text::ChannelKindOther,
    }
}

pub fn month_short_text(month: u8) -> Text {
    match month {
        1 => Text::CustomersMonth1,
        2 => Text::CustomersMonth2,
        3 => Text::CustomersMonth3,
        4 => Text::CustomersMonth4,
        5 => Text::CustomersMonth5,
        6 => Text::CustomersMonth6,
        7 => Text::CustomersMonth7,
        8 => Text::CustomersMonth8,
        9 => Text::CustomersMonth9,
        10 => Text::CustomersMonth10,
        11 => Text::CustomersMonth11,
        _ => Text::CustomersMonth12,
    }
}

pub fn severity_text(severity: Severity) -> Text {
    match severity {
        Severity::High => Text::SeverityHigh,
        Severity::Medium => Text::SeverityMedium,
        Severity::Low => Text::SeverityLow,
    }
}

/// The standard title of a lane kind.
pub fn lane_kind_text(kind: LaneKind) -> Text {
    match kind {
        LaneKind::PatientActions => Text::LanePatientActions,
        LaneKind::Touchpoints => Text::LaneTouchpoints,
        LaneKind::Channels => Text::LaneChannels,
        LaneKind::Emotions => Text::LaneEmotions,
        LaneKind::PainPoints => Text::LanePainPoints,
        LaneKind::Opportunities => Text::LaneOpportunities,
        LaneKind::Kpis => Text::LaneKpis,
        LaneKind::Other => Text::LaneOther,
    }
}

pub fn condition_kind_text(kind: ConditionKind) -> Text {
    match kind {
        ConditionKind::Interaction => Text::ConditionInteraction,
        ConditionKind::FirstPrescription => Text::ConditionFirstPrescription,
        ConditionKind::Prescriptions => Text::ConditionPrescriptions,
    }
}

pub fn order_text(order: StepOrder) -> Text {
    match order {
        StepOrder::Ordered => Text::OrderOrdered,
        StepOrder::Strict => Text::OrderStrict,
        StepOrder::Any => Text::OrderAny,
    }
}

pub fn window_unit_text(unit: WindowUnit) -> Text {
    match unit {
        WindowUnit::Days => Text::WindowDays,
        WindowUnit::Weeks => Text::WindowWeeks,
        WindowUnit::Months => Text::WindowMonths,
    }
}

pub fn percent_base_text(base: PercentBase) -> Text {
    match base {
        PercentBase::FirstStep => Text::PercentFirst,
        PercentBase::PreviousStep => Text::PercentPrevious,
    }
}

pub fn counting_unit_text(unit: CountingUnit) -> Text {
    match unit {
        CountingUnit::Hcp => Text::UnitHcp,
        CountingUnit::Account => Text::UnitAccount,
    }
}

/// The label of a value of the table import's enumerations.
pub fn term_text(term: crate::domain::table_import::schema::Term) -> Text {
    use crate::domain::table_import::schema::Term;
    match term {
        Term::Channel(kind) => channel_kind_text(kind),
        Term::InteractionKind(kind) => kind_text(kind),
        Term::Outcome(outcome) => outcome_text(outcome),
        Term::Specialty(specialty) => specialty_text(specialty),
        Term::Title(title) => title_text(title),
        Term::AccountType(account_type) => account_type_text(account_type),
        Term::Influence(influence) => influence_text(influence),
    }
}
