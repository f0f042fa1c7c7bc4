//! What a sheet can hold: its kinds (HCPs, accounts, reps, products, interactions, sales,
//! targets), each kind's fields in template order with the names people give their columns in
//! both languages, which fields a kind needs, and the words that name each enumeration's values.
//!
//! This is the one synonym table of the import; `docs/import.md` lists it for people.

use serde::{Deserialize, Serialize};

use super::values::name_key;
use crate::domain::model::{
    AccountType, ChannelKind, HcpTitle, Influence, InteractionKind, Outcome, Specialty,
};

/// What one sheet is imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Hcps,
    Accounts,
    Reps,
    Products,
    Interactions,
    /// Prescriptions or sales per HCP or account and month (a date is read as its month).
    Sales,
    Targets,
}

impl SheetKind {
    pub const ALL: [SheetKind; 7] = [
        SheetKind::Hcps,
        SheetKind::Accounts,
        SheetKind::Reps,
        SheetKind::Products,
        SheetKind::Interactions,
        SheetKind::Sales,
        SheetKind::Targets,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Hcps => "hcps",
            SheetKind::Accounts => "accounts",
            SheetKind::Reps => "reps",
            SheetKind::Products => "products",
            SheetKind::Interactions => "interactions",
            SheetKind::Sales => "sales",
            SheetKind::Targets => "targets",
        }
    }

    pub fn parse(key: &str) -> Option<SheetKind> {
        SheetKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The kind's fields in template order.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            SheetKind::Hcps => &[
                HcpId,
                HcpName,
                AccountId,
                AccountName,
                Specialty,
                Title,
                Potential,
                Influence,
                DepartmentHead,
                CommitteeMember,
                PreferredChannel,
                ConsentEmail,
                ConsentWechat,
                ConsentPhone,
            ],
            SheetKind::Accounts => &[
                AccountId,
                AccountName,
                AccountType,
                Region,
                Territory,
                City,
                Tier,
            ],
            SheetKind::Reps => &[RepId, RepName, Region, Territory],
            SheetKind::Products => &[ProductId, ProductName, TherapeuticArea],
            SheetKind::Interactions => &[
                Date,
                Time,
                HcpId,
                HcpName,
                AccountName,
                Channel,
                InteractionKind,
                Outcome,
                Product,
                Rep,
                Notes,
            ],
            SheetKind::Sales => &[
                Month,
                HcpId,
                HcpName,
                AccountId,
                AccountName,
                Product,
                Units,
                Value,
            ],
            SheetKind::Targets => &[
                Month,
                Rep,
                Region,
                Territory,
                AccountId,
                AccountName,
                Product,
                Units,
                Value,
            ],
        }
    }

    /// Groups of fields of which at least one each must be mapped.
    pub fn required(self) -> &'static [&'static [Field]] {
        use Field::*;
        match self {
            SheetKind::Hcps => &[&[HcpName], &[AccountId, AccountName]],
            SheetKind::Accounts => &[&[AccountName], &[Region]],
            SheetKind::Reps => &[&[RepName], &[Region]],
            SheetKind::Products => &[&[ProductName]],
            SheetKind::Interactions => &[&[Date], &[HcpId, HcpName], &[Channel]],
            SheetKind::Sales => &[
                &[Month],
                &[HcpId, HcpName, AccountId, AccountName],
                &[Product],
                &[Units, Value],
            ],
            SheetKind::Targets => &[&[Month], &[Product], &[Units, Value]],
        }
    }
}

/// A field a column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    HcpId,
    HcpName,
    AccountId,
    AccountName,
    Specialty,
    Title,
    Potential,
    Influence,
    DepartmentHead,
    CommitteeMember,
    PreferredChannel,
    ConsentEmail,
    ConsentWechat,
    ConsentPhone,
    AccountType,
    Region,
    Territory,
    City,
    Tier,
    RepId,
    RepName,
    ProductId,
    ProductName,
    TherapeuticArea,
    Date,
    Time,
    Channel,
    InteractionKind,
    Outcome,
    Product,
    Rep,
    Notes,
    Month,
    Units,
    Value,
}

/// What a field's cells are read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Text,
    /// An id or code, matched exactly.
    Code,
    /// A name, matched by [`name_key`].
    Name,
    /// A reference by id or name to records of a kind (rep, region, product…).
    Reference,
    Count,
    Decimal,
    Date,
    Time,
    Month,
    Bool,
    Enum(Vocabulary),
}

/// The enumerations whose values are mapped value by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vocabulary {
    Channel,
    InteractionKind,
    Outcome,
    Specialty,
    Title,
    AccountType,
    Influence,
}

impl Field {
    /// Every field, each once (the kinds' lists in order, without repeats).
    pub fn iter_all() -> impl Iterator<Item = Field> {
        let mut seen = Vec::new();
        for kind in SheetKind::ALL {
            for field in kind.fields() {
                if !seen.contains(field) {
                    seen.push(*field);
                }
            }
        }
        seen.into_iter()
    }

    /// The key in saved mappings and in the CLI's `--report --json`.
    pub fn key(self) -> &'static str {
        use Field::*;
        match self {
            HcpId => "hcp_id",
            HcpName => "hcp_name",
            AccountId => "account_id",
            AccountName => "account_name",
            Specialty => "specialty",
            Title => "title",
            Potential => "potential",
            Influence => "influence",
            DepartmentHead => "department_head",
            CommitteeMember => "committee_member",
            PreferredChannel => "preferred_channel",
            ConsentEmail => "consent_email",
            ConsentWechat => "consent_wechat",
            ConsentPhone => "consent_phone",
            AccountType => "account_type",
            Region => "region",
            Territory => "territory",
            City => "city",
            Tier => "tier",
            RepId => "rep_id",
            RepName => "rep_name",
            ProductId => "product_id",
            ProductName => "product_name",
            TherapeuticArea => "therapeutic_area",
            Date => "date",
            Time => "time",
            Channel => "channel",
            InteractionKind => "kind",
            Outcome => "outcome",
            Product => "product",
            Rep => "rep",
            Notes => "notes",
            Month => "month",
            Units => "units",
            Value => "value",
        }
    }

    pub fn field_type(self) -> FieldType {
        use Field::*;
        match self {
            HcpId | AccountId | RepId | ProductId => FieldType::Code,
            HcpName | AccountName | RepName | ProductName => FieldType::Name,
            Region | Territory | Rep | Product | PreferredChannel => FieldType::Reference,
            Specialty => FieldType::Enum(Vocabulary::Specialty),
            Title => FieldType::Enum(Vocabulary::Title),
            Influence => FieldType::Enum(Vocabulary::Influence),
            AccountType => FieldType::Enum(Vocabulary::AccountType),
            Channel => FieldType::Enum(Vocabulary::Channel),
            InteractionKind => FieldType::Enum(Vocabulary::InteractionKind),
            Outcome => FieldType::Enum(Vocabulary::Outcome),
            Potential | Units => FieldType::Count,
            Value => FieldType::Decimal,
            DepartmentHead | CommitteeMember | ConsentEmail | ConsentWechat | ConsentPhone => {
                FieldType::Bool
            }
            Date => FieldType::Date,
            Time => FieldType::Time,
            Month => FieldType::Month,
            City | Tier | TherapeuticArea | Notes => FieldType::Text,
        }
    }

    /// The names people give a column of this field, in both languages. The first Chinese and
    /// the first English name are the template's headers.
    pub fn synonyms(self) -> (&'static [&'static str], &'static [&'static str]) {
        use Field::*;
        match self {
            HcpId => (
                &["医生编码", "医生编号", "医生ID", "客户编码"],
                &[
                    "HCP ID",
                    "HCP code",
                    "Physician ID",
                    "Doctor ID",
                    "Customer ID",
                    "Contact ID",
                ],
            ),
            HcpName => (
                &["医生姓名", "姓名", "医生", "客户姓名", "专家"],
                &[
                    "HCP name",
                    "Physician",
                    "Doctor",
                    "HCP",
                    "Name",
                    "Contact",
                    "Physician name",
                ],
            ),
            AccountId => (
                &["医院编码", "机构编码", "医院编号", "终端编码"],
                &[
                    "Account ID",
                    "Account code",
                    "Institution ID",
                    "Hospital code",
                ],
            ),
            AccountName => (
                &["医院", "医院名称", "机构", "机构名称", "终端"],
                &[
                    "Account",
                    "Account name",
                    "Institution",
                    "Hospital",
                    "Organization",
                ],
            ),
            Specialty => (
                &["科室", "专科"],
                &["Specialty", "Department", "Speciality"],
            ),
            Title => (&["职称", "职务"], &["Title", "Professional title"]),
            Potential => (
                &["潜力", "患者潜力", "月患者数"],
                &["Potential", "Patient potential", "Patients per month"],
            ),
            Influence => (&["影响力", "KOL级别"], &["Influence", "KOL tier", "KOL"]),
            DepartmentHead => (
                &["科主任", "是否科主任"],
                &["Department head", "Head of department"],
            ),
            CommitteeMember => (
                &["药事会委员", "药事委员会"],
                &["Committee member", "P&T committee"],
            ),
            PreferredChannel => (&["偏好渠道", "首选渠道"], &["Preferred channel"]),
            ConsentEmail => (
                &["同意邮件", "邮件同意"],
                &["Email consent", "Email opt-in"],
            ),
            ConsentWechat => (
                &["同意微信", "微信同意"],
                &["WeChat consent", "WeChat opt-in"],
            ),
            ConsentPhone => (
                &["同意电话", "电话同意"],
                &["Phone consent", "Phone opt-in"],
            ),
            AccountType => (
                &["机构类型", "医院类型", "医院等级", "终端类型"],
                &["Account type", "Institution type", "Hospital type"],
            ),
            Region => (&["大区", "区域", "地区"], &["Region", "Area"]),
            Territory => (&["辖区", "片区", "城市区域"], &["Territory", "District"]),
            City => (&["城市"], &["City"]),
            Tier => (&["分级", "客户分级", "级别"], &["Tier", "Segment", "Class"]),
            RepId => (
                &["代表编码", "代表工号", "工号"],
                &["Rep ID", "Employee ID", "Owner ID"],
            ),
            RepName => (
                &["代表", "代表姓名", "医药代表", "负责人"],
                &["Rep", "Rep name", "Representative", "Owner", "Sales rep"],
            ),
            ProductId => (
                &["产品编码", "产品代码"],
                &["Product ID", "Product code", "SKU"],
            ),
            ProductName => (
                &["产品", "产品名称", "品种"],
                &["Product", "Product name", "Brand"],
            ),
            TherapeuticArea => (&["治疗领域"], &["Therapeutic area", "TA"]),
            Date => (
                &["拜访日期", "日期", "时间", "拜访时间", "活动日期"],
                &[
                    "Call date",
                    "Date",
                    "Visit date",
                    "Activity date",
                    "Call date time",
                    "Date time",
                ],
            ),
            Time => (
                &["拜访时刻", "时刻", "开始时间"],
                &["Call time", "Time", "Start time"],
            ),
            Channel => (
                &["渠道", "拜访方式", "拜访类型", "方式"],
                &[
                    "Channel",
                    "Call type",
                    "Call channel",
                    "Activity type",
                    "Type",
                ],
            ),
            InteractionKind => (&["互动类型", "活动类型"], &["Interaction type", "Kind"]),
            Outcome => (
                &["结果", "拜访结果", "反馈"],
                &["Outcome", "Result", "Call outcome", "Response"],
            ),
            Product => (
                &["产品", "产品名称", "品种", "讨论产品"],
                &["Product", "Product discussed", "Brand", "Detailed product"],
            ),
            Rep => (
                &["代表", "代表姓名", "医药代表", "负责人"],
                &["Rep", "Owner", "Representative", "Assigned to", "Sales rep"],
            ),
            Notes => (
                &["备注", "拜访记录", "说明"],
                &["Notes", "Comments", "Call notes", "Remarks"],
            ),
            Month => (
                &["月份", "年月", "期间", "日期", "销售月份"],
                &["Month", "Period", "Year month", "Date"],
            ),
            Units => (
                &["数量", "销量", "盒数", "处方量", "指标数量", "目标数量"],
                &["Units", "Quantity", "Qty", "Volume", "Target units"],
            ),
            Value => (
                &["金额", "销售额", "指标金额", "目标金额"],
                &["Value", "Amount", "Sales", "Revenue", "Target value"],
            ),
        }
    }
}

/// How sure an automatic match of a column to a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The header is the field's key or one of its names.
    Exact,
    /// The header contains one of the names (`拜访日期（必填）`, `Call Date / Time`).
    Likely,
}

/// How well `header` names `field`: `None` when it does not.
pub fn header_matches(header: &str, field: Field) -> Option<Confidence> {
    let key = name_key(header);
    if key.is_empty() {
        return None;
    }
    let (chinese, english) = field.synonyms();
    let names = chinese.iter().chain(english).copied().chain([field.key()]);
    let mut best = None;
    for name in names {
        let name = name_key(name);
        if name == key {
            return Some(Confidence::Exact);
        }
        // Only names of two characters or more are looked for inside a header.
        if name.chars().count() >= 2 && key.contains(&name) {
            best = Some(Confidence::Likely);
        }
    }
    best
}

/// A value of one of the enumerations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "vocabulary", content = "value", rename_all = "snake_case")]
pub enum Term {
    Channel(ChannelKind),
    InteractionKind(InteractionKind),
    Outcome(Outcome),
    Specialty(Specialty),
    Title(HcpTitle),
    AccountType(AccountType),
    Influence(Influence),
}

impl Vocabulary {
    /// Every value of the enumeration, in the order the value maps list them.
    pub fn terms(self) -> Vec<Term> {
        match self {
            Vocabulary::Channel => ChannelKind::STANDARD
                .into_iter()
                .chain([ChannelKind::Other])
                .map(Term::Channel)
                .collect(),
            Vocabulary::InteractionKind => InteractionKind::ALL.map(Term::InteractionKind).to_vec(),
            Vocabulary::Outcome => Outcome::ALL.map(Term::Outcome).to_vec(),
            Vocabulary::Specialty => [
                Specialty::Endocrinology,
                Specialty::Cardiology,
                Specialty::GeneralPractice,
                Specialty::Nephrology,
                Specialty::Neurology,
                Specialty::InternalMedicine,
                Specialty::Geriatrics,
                Specialty::Pharmacy,
                Specialty::Other,
            ]
            .map(Term::Specialty)
            .to_vec(),
            Vocabulary::Title => [
                HcpTitle::ChiefPhysician,
                HcpTitle::AssociateChiefPhysician,
                HcpTitle::AttendingPhysician,
                HcpTitle::ResidentPhysician,
                HcpTitle::Pharmacist,
                HcpTitle::Other,
            ]
            .map(Term::Title)
            .to_vec(),
            Vocabulary::AccountType => [
                AccountType::TertiaryHospital,
                AccountType::SecondaryHospital,
                AccountType::CommunityClinic,
                AccountType::PrivateHospital,
                AccountType::RetailPharmacy,
                AccountType::Distributor,
                AccountType::Other,
            ]
            .map(Term::AccountType)
            .to_vec(),
            Vocabulary::Influence => [Influence::Kol, Influence::RegionalExpert, Influence::None]
                .map(Term::Influence)
                .to_vec(),
        }
    }

    /// The value a word names, by the words of [`Term::words`]; `None` when no word fits.
    pub fn term_for(self, value: &str) -> Option<Term> {
        let key = name_key(value);
        if key.is_empty() {
            return None;
        }
        let terms = self.terms();
        terms
            .iter()
            .find(|term| term.words().iter().any(|word| name_key(word) == key))
            .or_else(|| {
                // A longer value that holds exactly one term's word (`面访-科室会`).
                let holding: Vec<&Term> = terms
                    .iter()
                    .filter(|term| {
                        term.words().iter().any(|word| {
                            let word = name_key(word);
                            word.chars().count() >= 2 && key.contains(&word)
                        })
                    })
                    .collect();
                (holding.len() == 1).then(|| holding[0])
            })
            .copied()
    }
}

impl Term {
    /// The key the file writes for the value (`rep_visit`), also the value map's target.
    pub fn key(self) -> String {
        let value = match self {
            Term::Channel(v) => serde_json::to_value(v),
            Term::InteractionKind(v) => serde_json::to_value(v),
            Term::Outcome(v) => serde_json::to_value(v),
            Term::Specialty(v) => serde_json::to_value(v),
            Term::Title(v) => serde_json::to_value(v),
            Term::AccountType(v) => serde_json::to_value(v),
            Term::Influence(v) => serde_json::to_value(v),
        };
        value
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The words that name the value in CRM exports and hand-kept sheets, both languages.
    pub fn words(self) -> &'static [&'static str] {
        use ChannelKind as C;
        match self {
            Term::Channel(C::RepVisit) => &[
                "面访",
                "拜访",
                "面谈",
                "当面拜访",
                "F2F",
                "Face to face",
                "Face-to-face",
                "In person",
                "Visit",
                "Rep visit",
                "Detail",
                "Call",
            ],
            Term::Channel(C::Phone) => &[
                "电话",
                "电话拜访",
                "Phone",
                "Telephone",
                "Phone call",
                "Tele",
            ],
            Term::Channel(C::RemoteDetailing) => &[
                "线上会议",
                "远程拜访",
                "视频拜访",
                "线上拜访",
                "Remote detailing",
                "Remote",
                "Video call",
                "e-Detail",
                "Virtual call",
            ],
            Term::Channel(C::Email) => &["邮件", "电子邮件", "Email", "E-mail", "Mail"],
            Term::Channel(C::Wechat) => &["微信", "企业微信", "WeChat", "Wechat message", "WeCom"],
            Term::Channel(C::Webinar) => &[
                "会议",
                "学术会议",
                "科室会",
                "网络研讨会",
                "Meeting",
                "Webinar",
                "Event",
                "Congress",
            ],
            Term::Channel(C::Pharmacy) => &["药店", "药店拜访", "Pharmacy", "Pharmacy visit"],
            Term::Channel(C::Other) => &["其他", "Other"],
            Term::InteractionKind(kind) => match kind {
                InteractionKind::Visit => &["拜访", "面访", "Visit", "Face to face", "F2F"],
                InteractionKind::Call => &["电话", "Call", "Phone call"],
                InteractionKind::RemoteDetailing => &["远程拜访", "线上会议", "Remote detailing"],
                InteractionKind::EmailSent => &["发送邮件", "邮件", "Email sent", "Email"],
                InteractionKind::EmailOpened => &["打开邮件", "Email opened", "Opened"],
                InteractionKind::EmailClicked => &["点击邮件", "Email clicked", "Clicked"],
                InteractionKind::WechatMessage => &["微信消息", "微信", "WeChat message", "WeChat"],
                InteractionKind::WechatRead => &["微信已读", "WeChat read"],
                InteractionKind::MeetingInvited => &["会议邀请", "Meeting invited", "Invited"],
                InteractionKind::MeetingAttended => &[
                    "参加会议",
                    "会议",
                    "Meeting attended",
                    "Attended",
                    "Meeting",
                ],
                InteractionKind::Sample => &["样品", "赠样", "Sample", "Samples"],
                InteractionKind::PharmacyVisit => &["药店拜访", "Pharmacy visit"],
            },
            Term::Outcome(outcome) => match outcome {
                Outcome::Engaged => &[
                    "有兴趣",
                    "积极",
                    "感兴趣",
                    "正面",
                    "Engaged",
                    "Positive",
                    "Interested",
                ],
                Outcome::Detailed => &[
                    "深入交流",
                    "详细介绍",
                    "已讲解",
                    "Detailed",
                    "Discussed in depth",
                ],
                Outcome::Neutral => &["一般", "中性", "中立", "Neutral", "OK"],
                Outcome::Negative => &[
                    "消极",
                    "拒绝",
                    "负面",
                    "不感兴趣",
                    "Negative",
                    "Declined",
                    "Not interested",
                ],
                Outcome::NoResponse => &[
                    "未回复",
                    "无回应",
                    "未接通",
                    "No response",
                    "No answer",
                    "Unanswered",
                ],
            },
            Term::Specialty(specialty) => match specialty {
                Specialty::Endocrinology => &["内分泌科", "内分泌", "Endocrinology", "Endocrine"],
                Specialty::Cardiology => &["心内科", "心血管内科", "心内", "Cardiology", "Cardio"],
                Specialty::GeneralPractice => &["全科", "全科医学科", "General practice", "GP"],
                Specialty::Nephrology => &["肾内科", "肾脏内科", "Nephrology"],
                Specialty::Neurology => &["神经内科", "神内", "Neurology"],
                Specialty::InternalMedicine => &["普通内科", "内科", "Internal medicine"],
                Specialty::Geriatrics => &["老年科", "老年病科", "Geriatrics"],
                Specialty::Pharmacy => &["药剂科", "药学部", "Pharmacy"],
                Specialty::Other => &["其他科室", "其他", "Other"],
            },
            Term::Title(title) => match title {
                HcpTitle::ChiefPhysician => &["主任医师", "主任", "Chief physician", "Chief"],
                HcpTitle::AssociateChiefPhysician => {
                    &["副主任医师", "副主任", "Associate chief physician"]
                }
                HcpTitle::AttendingPhysician => {
                    &["主治医师", "主治", "Attending physician", "Attending"]
                }
                HcpTitle::ResidentPhysician => {
                    &["住院医师", "住院医", "Resident physician", "Resident"]
                }
                HcpTitle::Pharmacist => &["药师", "Pharmacist"],
                HcpTitle::Other => &["其他", "Other"],
            },
            Term::AccountType(account_type) => match account_type {
                AccountType::TertiaryHospital => &[
                    "三级医院",
                    "三甲",
                    "三级甲等",
                    "三级",
                    "Tertiary hospital",
                    "Tertiary",
                ],
                AccountType::SecondaryHospital => &[
                    "二级医院",
                    "二甲",
                    "二级",
                    "Secondary hospital",
                    "Secondary",
                ],
                AccountType::CommunityClinic => &[
                    "社区卫生服务中心",
                    "社区医院",
                    "社区",
                    "基层",
                    "Community clinic",
                    "Clinic",
                    "CHC",
                ],
                AccountType::PrivateHospital => {
                    &["民营医院", "私立医院", "Private hospital", "Private"]
                }
                AccountType::RetailPharmacy => &["零售药店", "药店", "Retail pharmacy", "Pharmacy"],
                AccountType::Distributor => {
                    &["经销商", "商业公司", "配送商", "Distributor", "Wholesaler"]
                }
                AccountType::Other => &["其他", "Other"],
            },
            Term::Influence(influence) => match influence {
                Influence::Kol => &["KOL", "学术带头人", "关键意见领袖", "National KOL"],
                Influence::RegionalExpert => {
                    &["区域专家", "地区专家", "Regional expert", "Local KOL"]
                }
                Influence::None => &["无", "普通", "None", "No"],
            },
        }
    }
}

/// The kind of interaction a channel's interactions are when the sheet says no kind.
pub fn default_kind_for(channel: ChannelKind) -> InteractionKind {
    match channel {
        ChannelKind::RepVisit => InteractionKind::Visit,
        ChannelKind::Phone => InteractionKind::Call,
        ChannelKind::RemoteDetailing => InteractionKind::RemoteDetailing,
        ChannelKind::Email => InteractionKind::EmailSent,
        ChannelKind::Wechat => InteractionKind::WechatMessage,
        ChannelKind::Webinar => InteractionKind::MeetingAttended,
        ChannelKind::Pharmacy => InteractionKind::PharmacyVisit,
        ChannelKind::Other => InteractionKind::Visit,
    }
}
