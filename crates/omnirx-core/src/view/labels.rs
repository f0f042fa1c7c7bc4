//! The text keys that name the model's values (specialties, titles, account types, dimensions, strategies) in the UI's language.

use crate::domain::model::{AccountType, HcpTitle, Influence, Specialty};
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
