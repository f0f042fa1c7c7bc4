//! The demo workspace, generated deterministically from a seed: two fictional products, three
//! regions, reps, accounts, HCPs and 18 months of omnichannel activity with realistic response.
//!
//! Each HCP has a hidden responsiveness; touches move them from awareness through interest and
//! consideration to a first prescription, and some adopt. Many stall, as in real life.

mod names;
mod random;

use crate::domain::calendar::CalendarDate;
use crate::domain::model::*;
use crate::domain::time::{Month, Timestamp};
use names::{account_name, person_name, AccountNameKind, CITIES, NOTES, REGIONS};
pub use random::Random;

/// How big the generated workspace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoScale {
    /// 40 HCPs: small enough for property tests and golden files.
    Tiny,
    /// ~1,500 HCPs, ~60,000 interactions: the workspace the app opens on a first visit.
    Demo,
    /// ~10,000 HCPs, ~1,000,000 interactions: for benchmarks.
    Large,
    /// ~25,000 HCPs, ~5,000,000 interactions: for stress benchmarks.
    Xl,
}

impl DemoScale {
    pub fn parse(text: &str) -> Option<DemoScale> {
        match text {
            "tiny" => Some(DemoScale::Tiny),
            "demo" => Some(DemoScale::Demo),
            "large" => Some(DemoScale::Large),
            "xl" => Some(DemoScale::Xl),
            _ => None,
        }
    }

    /// (reps, accounts, HCPs, touch rate per HCP per month).
    fn shape(self) -> (usize, usize, usize, f64) {
        match self {
            DemoScale::Tiny => (2, 8, 40, 1.6),
            DemoScale::Demo => (12, 120, 1_500, 1.6),
            DemoScale::Large => (80, 800, 10_000, 3.9),
            DemoScale::Xl => (200, 2_000, 25_000, 7.6),
        }
    }
}

/// The language the demo's names and notes are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataLanguage {
    Chinese,
    English,
}

#[derive(Clone, Copy, Debug)]
pub struct DemoOptions {
    pub scale: DemoScale,
    pub seed: u64,
    pub language: DataLanguage,
    /// The last month with data; the demo covers the 18 months that end with it.
    pub last_month: Month,
    /// The market's rules. [`MarketRules::China`] gives the "China compliance" variant: the same
    /// seed and activity, prescriptions aggregated to accounts, targets per account, territory
    /// and region instead of per rep (see [`china_compliance`]).
    pub market: MarketRules,
}

/// The last month of the fixed demos that the CLI writes by default and that tests and
/// benchmarks use, so that their files do not change with the calendar.
pub const FIXED_LAST_MONTH: Month = Month {
    year: 2026,
    month: 10,
};

impl DemoOptions {
    /// A demo that ends in [`FIXED_LAST_MONTH`].
    pub fn fixed(scale: DemoScale, seed: u64, language: DataLanguage) -> DemoOptions {
        DemoOptions {
            scale,
            seed,
            language,
            last_month: FIXED_LAST_MONTH,
            market: MarketRules::Standard,
        }
    }

    /// The demo the app opens by default.
    pub fn standard(language: DataLanguage, last_month: Month) -> DemoOptions {
        DemoOptions {
            scale: DemoScale::Demo,
            seed: 2026,
            language,
            last_month,
            market: MarketRules::Standard,
        }
    }

    /// The same demo under other market rules.
    pub fn with_market(self, market: MarketRules) -> DemoOptions {
        DemoOptions { market, ..self }
    }
}

pub const DEMO_MONTHS: i64 = 18;
const GLYVORA: usize = 0;
const CARDEXA: usize = 1;
const PRICE_PER_BOX: [f64; 2] = [128.0, 86.0];

/// How far an HCP has come with a product, as the simulation tracks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Unaware,
    Aware,
    Interested,
    Considering,
    Trying,
    Adopted,
    Lapsed,
}

fn zh(language: DataLanguage) -> bool {
    language == DataLanguage::Chinese
}

fn text(language: DataLanguage, chinese: &str, english: &str) -> String {
    if zh(language) { chinese } else { english }.to_string()
}

pub fn generate_demo_workspace(options: DemoOptions) -> Workspace {
    let language = options.language;
    let mut random = Random::new(options.seed);
    let (rep_count, account_count, hcp_count, touch_rate) = options.scale.shape();

    let settings = WorkspaceSettings {
        name: text(
            language,
            "演示工作区 · 格莱沃与卡德莎",
            "Demo workspace · Glyvora & Cardexa",
        ),
        data_language: if zh(language) { "zh-CN" } else { "en" }.to_string(),
        demo: true,
        ..WorkspaceSettings::default()
    };
    let products = vec![
        Product {
            source: None,
            updated_at: None,
            id: "p-glyvora".into(),
            name: text(
                language,
                "格莱沃®（虚构 SGLT2 抑制剂）",
                "Glyvora® (fictional SGLT2 inhibitor)",
            ),
            therapeutic_area: text(language, "2 型糖尿病", "Type 2 diabetes"),
        },
        Product {
            source: None,
            updated_at: None,
            id: "p-cardexa".into(),
            name: text(
                language,
                "卡德莎®（虚构 ARB 降压药）",
                "Cardexa® (fictional ARB antihypertensive)",
            ),
            therapeutic_area: text(language, "高血压", "Hypertension"),
        },
    ];
    let channel_specs = [
        ("ch-visit", "代表拜访", "Rep visit", ChannelKind::RepVisit),
        ("ch-phone", "电话", "Phone", ChannelKind::Phone),
        (
            "ch-remote",
            "远程拜访",
            "Remote e-detailing",
            ChannelKind::RemoteDetailing,
        ),
        ("ch-email", "邮件", "Email", ChannelKind::Email),
        ("ch-wechat", "微信", "WeChat", ChannelKind::Wechat),
        (
            "ch-webinar",
            "线上学术会",
            "Webinar / academic meeting",
            ChannelKind::Webinar,
        ),
        ("ch-pharmacy", "药房", "Pharmacy", ChannelKind::Pharmacy),
    ];
    let channels: Vec<Channel> = channel_specs
        .iter()
        .map(|(id, chinese, english, kind)| Channel {
            source: None,
            id: id.to_string(),
            name: text(language, chinese, english),
            kind: *kind,
        })
        .collect();
    let regions: Vec<Region> = REGIONS
        .iter()
        .map(|(id, chinese, english)| Region {
            source: None,
            id: id.to_string(),
            name: text(language, chinese, english),
        })
        .collect();
    let territories: Vec<Territory> = CITIES
        .iter()
        .map(|city| Territory {
            source: None,
            id: format!("t-{}", city.id),
            name: text(language, city.chinese, city.english),
            region_id: REGIONS[city.region].0.to_string(),
        })
        .collect();

    let reps: Vec<Rep> = (0..rep_count)
        .map(|index| {
            let city = &CITIES[index % CITIES.len()];
            Rep {
                source: None,
                updated_at: None,
                id: format!("rep-{:03}", index + 1),
                name: person_name(&mut random, language),
                region_id: REGIONS[city.region].0.to_string(),
                territory_id: Some(format!("t-{}", city.id)),
            }
        })
        .collect();

    // Accounts: a realistic mix, spread over the cities; big cities get more.
    let type_mix = [
        (
            AccountType::TertiaryHospital,
            AccountNameKind::Tertiary,
            0.18,
            "A",
        ),
        (
            AccountType::SecondaryHospital,
            AccountNameKind::Secondary,
            0.24,
            "B",
        ),
        (
            AccountType::CommunityClinic,
            AccountNameKind::Community,
            0.30,
            "C",
        ),
        (
            AccountType::PrivateHospital,
            AccountNameKind::Private,
            0.05,
            "C",
        ),
        (
            AccountType::RetailPharmacy,
            AccountNameKind::Pharmacy,
            0.18,
            "B",
        ),
        (
            AccountType::Distributor,
            AccountNameKind::Distributor,
            0.05,
            "B",
        ),
    ];
    let city_weights: Vec<f64> = CITIES
        .iter()
        .map(|city| city.districts.len() as f64)
        .collect();
    let type_weights: Vec<f64> = type_mix.iter().map(|entry| entry.2).collect();
    let mut serials = vec![[0usize; 6]; CITIES.len()];
    let mut accounts = Vec::with_capacity(account_count);
    for index in 0..account_count {
        let city_index = random.weighted(&city_weights);
        let city = &CITIES[city_index];
        let type_index = random.weighted(&type_weights);
        let (account_type, name_kind, _, base_tier) = type_mix[type_index];
        let serial = serials[city_index][type_index];
        serials[city_index][type_index] += 1;
        let tier = if account_type == AccountType::TertiaryHospital && serial >= 3 {
            "B"
        } else {
            base_tier
        };
        accounts.push(Account {
            source: None,
            updated_at: None,
            id: format!("a-{:04}", index + 1),
            name: account_name(name_kind, city, serial, language),
            account_type,
            region_id: REGIONS[city.region].0.to_string(),
            territory_id: Some(format!("t-{}", city.id)),
            city: text(language, city.chinese, city.english),
            tier: tier.to_string(),
        });
    }

    // HCPs sit mostly in hospitals; pharmacies have pharmacists; distributors have none.
    let account_weights: Vec<f64> = accounts
        .iter()
        .map(|account| match account.account_type {
            AccountType::TertiaryHospital => 9.0,
            AccountType::SecondaryHospital => 4.0,
            AccountType::CommunityClinic => 1.6,
            AccountType::PrivateHospital => 2.0,
            AccountType::RetailPharmacy => 0.6,
            _ => 0.0,
        })
        .collect();
    let mut hcps = Vec::with_capacity(hcp_count);
    // Hidden traits used only by the simulation: responsiveness and the product they treat.
    let mut traits: Vec<(f64, usize, usize)> = Vec::with_capacity(hcp_count);
    for index in 0..hcp_count {
        let account_index = random.weighted(&account_weights);
        let account = &accounts[account_index];
        let is_pharmacy = account.account_type == AccountType::RetailPharmacy;
        let hospital_level = match account.account_type {
            AccountType::TertiaryHospital => 3.0,
            AccountType::SecondaryHospital | AccountType::PrivateHospital => 2.0,
            _ => 1.0,
        };
        let specialty = if is_pharmacy {
            Specialty::Pharmacy
        } else if account.account_type == AccountType::CommunityClinic {
            *random.pick(&[
                Specialty::GeneralPractice,
                Specialty::GeneralPractice,
                Specialty::GeneralPractice,
                Specialty::InternalMedicine,
                Specialty::Geriatrics,
            ])
        } else {
            [
                Specialty::Endocrinology,
                Specialty::Cardiology,
                Specialty::GeneralPractice,
                Specialty::Nephrology,
                Specialty::Neurology,
                Specialty::InternalMedicine,
                Specialty::Geriatrics,
                Specialty::Other,
            ][random.weighted(&[0.30, 0.30, 0.06, 0.07, 0.06, 0.11, 0.06, 0.04])]
        };
        let title = if is_pharmacy {
            HcpTitle::Pharmacist
        } else {
            [
                HcpTitle::ChiefPhysician,
                HcpTitle::AssociateChiefPhysician,
                HcpTitle::AttendingPhysician,
                HcpTitle::ResidentPhysician,
            ][random.weighted(&[0.10 * hospital_level, 0.22, 0.42, 0.26])]
        };
        let seniority = match title {
            HcpTitle::ChiefPhysician => 1.8,
            HcpTitle::AssociateChiefPhysician => 1.4,
            HcpTitle::AttendingPhysician => 1.0,
            _ => 0.6,
        };
        let focus = match specialty {
            Specialty::Endocrinology | Specialty::Cardiology => 1.6,
            Specialty::GeneralPractice | Specialty::InternalMedicine | Specialty::Geriatrics => 1.0,
            Specialty::Pharmacy => 0.8,
            _ => 0.5,
        };
        // Log-normal-ish spread of monthly eligible patients.
        // libm, not std: std's exp and powf differ in the last bits between native and wasm,
        // and the demo must be the same workspace everywhere for a given seed.
        let spread = libm::exp(random.unit() * 2.2 - 0.6);
        let potential = (12.0 * hospital_level.sqrt() * seniority * focus * spread).round() as i64;
        let influence =
            if title == HcpTitle::ChiefPhysician && hospital_level >= 3.0 && random.chance(0.35) {
                Influence::Kol
            } else if matches!(
                title,
                HcpTitle::ChiefPhysician | HcpTitle::AssociateChiefPhysician
            ) && random.chance(0.2)
            {
                Influence::RegionalExpert
            } else {
                Influence::None
            };
        let product = match specialty {
            Specialty::Endocrinology => GLYVORA,
            Specialty::Cardiology | Specialty::Neurology => CARDEXA,
            _ => random.below(2),
        };
        let preferred = *random.pick(&[
            "ch-visit",
            "ch-visit",
            "ch-wechat",
            "ch-wechat",
            "ch-remote",
            "ch-email",
            "ch-webinar",
            "ch-phone",
        ]);
        hcps.push(Hcp {
            source: None,
            updated_at: None,
            id: format!("h-{:05}", index + 1),
            name: person_name(&mut random, language),
            account_id: account.id.clone(),
            specialty,
            title,
            prescribing_potential: potential,
            influence,
            department_head: title == HcpTitle::ChiefPhysician && random.chance(0.45),
            committee_member: hospital_level >= 2.0 && seniority >= 1.4 && random.chance(0.25),
            preferred_channel_id: if is_pharmacy {
                Some("ch-pharmacy".into())
            } else if random.chance(0.7) {
                Some(preferred.into())
            } else {
                None
            },
            consent: Consent {
                email: !random.chance(0.06),
                wechat: !random.chance(0.03),
                phone: !random.chance(0.04),
                data_sharing: !random.chance(0.08),
            },
        });
        let responsiveness = libm::pow(random.unit() * 0.6 + random.unit() * 0.4, 1.4);
        traits.push((responsiveness, product, account_index));
    }

    // The rep of each territory: HCPs are covered by a rep in their account's city.
    let reps_by_city: Vec<Vec<usize>> = CITIES
        .iter()
        .map(|city| {
            reps.iter()
                .enumerate()
                .filter(|(_, rep)| rep.territory_id.as_deref() == Some(&format!("t-{}", city.id)))
                .map(|(index, _)| index)
                .collect()
        })
        .collect();

    let first_month = options.last_month.plus(1 - DEMO_MONTHS);
    let mut interactions = Vec::with_capacity((hcp_count as f64 * touch_rate * 20.0) as usize);
    let mut prescriptions = Vec::new();
    // Units per rep, product and month, from which the targets are set.
    let mut rep_units = vec![vec![vec![0.0f64; DEMO_MONTHS as usize]; products.len()]; reps.len()];
    for (hcp_index, hcp) in hcps.iter().enumerate() {
        let (responsiveness, product_index, account_index) = traits[hcp_index];
        let account = &accounts[account_index];
        let city_index = CITIES
            .iter()
            .position(|city| account.territory_id.as_deref() == Some(&format!("t-{}", city.id)))
            .unwrap_or(0);
        let rep_pool = &reps_by_city[city_index];
        let rep_index = (!rep_pool.is_empty()).then(|| rep_pool[hcp_index % rep_pool.len()]);
        let rep_id = rep_index.map(|index| reps[index].id.clone());
        let product_id = products[product_index].id.clone();
        let importance = (hcp.prescribing_potential as f64 / 25.0).clamp(0.3, 2.5);
        let mut stage = Stage::Unaware;
        let mut prescribing_months = 0;
        for month_offset in 0..DEMO_MONTHS {
            let month = first_month.plus(month_offset);
            let touches = random.poisson(
                touch_rate * importance.sqrt() * if stage == Stage::Unaware { 0.7 } else { 1.0 },
            );
            for _ in 0..touches {
                let channel = pick_channel(&mut random, hcp);
                let at = random_working_time(&mut random, month);
                let with_rep = matches!(
                    channel,
                    "ch-visit" | "ch-phone" | "ch-remote" | "ch-pharmacy" | "ch-wechat"
                );
                let base = Interaction {
                    source: None,
                    at,
                    hcp_id: hcp.id.clone(),
                    rep_id: if with_rep { rep_id.clone() } else { None },
                    channel_id: channel.to_string(),
                    kind: InteractionKind::Visit,
                    product_id: Some(product_id.clone()),
                    outcome: Outcome::NoResponse,
                    notes: String::new(),
                };
                if stage == Stage::Unaware {
                    stage = Stage::Aware;
                }
                let warmth = responsiveness
                    * if hcp.preferred_channel_id.as_deref() == Some(channel) {
                        1.3
                    } else {
                        1.0
                    };
                let engaged = random.chance(warmth * 0.75);
                let deep =
                    engaged && stage >= Stage::Interested && random.chance(0.45 + warmth * 0.3);
                match channel {
                    "ch-email" | "ch-wechat" => {
                        let (sent, read, clicked) = if channel == "ch-email" {
                            (
                                InteractionKind::EmailSent,
                                InteractionKind::EmailOpened,
                                Some(InteractionKind::EmailClicked),
                            )
                        } else {
                            (
                                InteractionKind::WechatMessage,
                                InteractionKind::WechatRead,
                                None,
                            )
                        };
                        interactions.push(Interaction {
                            kind: sent,
                            outcome: Outcome::NoResponse,
                            ..base.clone()
                        });
                        if random.chance(0.25 + warmth * 0.5) {
                            let later = Timestamp(at.0 + 3_600 * (1 + random.below(30) as i64));
                            let outcome = if engaged {
                                Outcome::Engaged
                            } else {
                                Outcome::Neutral
                            };
                            interactions.push(Interaction {
                                at: later,
                                kind: read,
                                outcome,
                                ..base.clone()
                            });
                            if let Some(clicked) = clicked.filter(|_| engaged && random.chance(0.5))
                            {
                                interactions.push(Interaction {
                                    at: Timestamp(later.0 + 120),
                                    kind: clicked,
                                    outcome: Outcome::Engaged,
                                    ..base.clone()
                                });
                            }
                        }
                    }
                    "ch-webinar" => {
                        interactions.push(Interaction {
                            kind: InteractionKind::MeetingInvited,
                            ..base.clone()
                        });
                        if random.chance(0.15 + warmth * 0.5) {
                            let outcome = if deep {
                                Outcome::Detailed
                            } else if engaged {
                                Outcome::Engaged
                            } else {
                                Outcome::Neutral
                            };
                            interactions.push(Interaction {
                                at: Timestamp(at.0 + 86_400 * 7),
                                kind: InteractionKind::MeetingAttended,
                                outcome,
                                ..base.clone()
                            });
                        }
                    }
                    _ => {
                        let kind = match channel {
                            "ch-phone" => InteractionKind::Call,
                            "ch-remote" => InteractionKind::RemoteDetailing,
                            "ch-pharmacy" => InteractionKind::PharmacyVisit,
                            _ => InteractionKind::Visit,
                        };
                        let outcome = if deep {
                            Outcome::Detailed
                        } else if engaged {
                            Outcome::Engaged
                        } else if random.chance(0.12) {
                            Outcome::Negative
                        } else {
                            Outcome::Neutral
                        };
                        let notes = if random.chance(0.06) {
                            let (chinese, english) = *random.pick(NOTES);
                            text(language, chinese, english)
                        } else {
                            String::new()
                        };
                        interactions.push(Interaction {
                            kind,
                            outcome,
                            notes,
                            ..base.clone()
                        });
                        if channel == "ch-visit" && deep && random.chance(0.35) {
                            interactions.push(Interaction {
                                at: Timestamp(at.0 + 600),
                                kind: InteractionKind::Sample,
                                outcome: Outcome::Detailed,
                                ..base.clone()
                            });
                        }
                    }
                }
                if engaged && stage == Stage::Aware {
                    stage = Stage::Interested;
                } else if deep && stage == Stage::Interested {
                    stage = Stage::Considering;
                }
            }
            // Prescribing follows consideration for some; adoption follows a good trial.
            let prescribed_units = match stage {
                Stage::Considering if random.chance(0.02 + responsiveness * 0.10) => {
                    stage = Stage::Trying;
                    Some(2 + random.below(6) as i64)
                }
                Stage::Trying => {
                    if random.chance(0.35 + responsiveness * 0.4) {
                        prescribing_months += 1;
                        if prescribing_months >= 2 && random.chance(0.5 + responsiveness * 0.3) {
                            stage = Stage::Adopted;
                        }
                        Some(3 + random.below(8) as i64)
                    } else if random.chance(0.3) {
                        stage = Stage::Lapsed;
                        None
                    } else {
                        None
                    }
                }
                Stage::Adopted if random.chance(0.88) => {
                    let share = 0.15 + responsiveness * 0.4;
                    Some(
                        ((hcp.prescribing_potential as f64) * share * (0.7 + random.unit() * 0.6))
                            .round()
                            .max(1.0) as i64,
                    )
                }
                _ => None,
            };
            if let Some(units) = prescribed_units {
                if let Some(rep) = rep_index {
                    rep_units[rep][product_index][month_offset as usize] += units as f64;
                }
                prescriptions.push(Prescription {
                    source: None,
                    period: month,
                    hcp_id: Some(hcp.id.clone()),
                    account_id: Some(account.id.clone()),
                    product_id: product_id.clone(),
                    units,
                    value: units as f64 * PRICE_PER_BOX[product_index],
                });
            }
        }
    }
    // Follow-ups (an email opened days later, a meeting a week after the invitation) must not
    // spill past the demo's last month.
    let end = Timestamp::from_date_and_time(options.last_month.plus(1).first_day(), 0, 0, 0);
    interactions.retain(|interaction| interaction.at < end);
    interactions.sort_by(|first, second| {
        first
            .at
            .cmp(&second.at)
            .then_with(|| first.hcp_id.cmp(&second.hcp_id))
    });
    // Two touches drawn in the same minute may be identical; the import keeps one of them, and
    // so does the demo, so that it is exactly what its exported file imports as.
    crate::domain::workspace_file::remove_identical_interactions(&mut interactions);

    // Targets: per rep, product and month, set for whole years (through the December of the last
    // month's year) as a manager would: the rep's own level of the time (the average of the month
    // and its neighbours; after the data, the last three months' average growing 2 % a month)
    // times an ambition of 92–122 %, so that some reps are ahead and some behind.
    let target_months = DEMO_MONTHS + 12 - i64::from(options.last_month.month);
    let mut targets = Vec::new();
    for (rep_index, rep) in reps.iter().enumerate() {
        for (product_index, product) in products.iter().enumerate() {
            let ambition = 0.92 + 0.30 * random.unit();
            let history = &rep_units[rep_index][product_index];
            for month_offset in 0..target_months {
                let level = rep_level(history, month_offset);
                let units = (level * ambition).round().max(2.0) as i64;
                targets.push(Target {
                    source: None,
                    updated_at: None,
                    period: first_month.plus(month_offset),
                    rep_id: Some(rep.id.clone()),
                    region_id: Some(rep.region_id.clone()),
                    territory_id: None,
                    account_id: None,
                    product_id: product.id.clone(),
                    units,
                    value: units as f64 * PRICE_PER_BOX[product_index],
                });
            }
        }
    }

    let mut workspace = Workspace {
        sources: Vec::new(),
        settings,
        products,
        channels,
        regions,
        territories,
        reps,
        accounts,
        hcps,
        interactions,
        prescriptions,
        targets,
        funnels: vec![crate::domain::funnel::default_funnel(zh(language))],
        segment_rule_sets: vec![
            crate::domain::segmentation::demo_rules::tier_rules(zh(language)),
            crate::domain::segmentation::demo_rules::key_account_rules(zh(language)),
        ],
        journeys: crate::domain::journey::demo_maps::demo_journeys(
            zh(language),
            options.last_month,
            DEMO_MONTHS,
        ),
        table_mappings: Vec::new(),
        plans: Vec::new(),
    };
    if options.market == MarketRules::China {
        china_compliance(&mut workspace, language);
    }
    workspace
}

/// The "China compliance" variant of a generated demo, made from it without drawing another
/// random number (so the activity is the standard demo's): the rules on, prescriptions summed
/// per account, product and month, and the reps' targets replaced by targets of their
/// territories and regions (the sums of the reps' targets) and of the tier-A accounts (their
/// average month over the demo, growing 3 % a month around its middle).
pub fn china_compliance(workspace: &mut Workspace, language: DataLanguage) {
    use std::collections::BTreeMap;
    workspace.settings.name = format!(
        "{}{}",
        workspace.settings.name,
        text(language, " · 中国合规", " · China compliance")
    );
    crate::domain::compliance::set_market_rules(workspace, MarketRules::China);

    let price = |product: &str| {
        let index = workspace.products.iter().position(|p| p.id == product);
        index.map_or(0.0, |index| {
            PRICE_PER_BOX[index.min(PRICE_PER_BOX.len() - 1)]
        })
    };
    let rep_territory: BTreeMap<&str, (&str, Option<&str>)> = workspace
        .reps
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                (r.region_id.as_str(), r.territory_id.as_deref()),
            )
        })
        .collect();
    // (holder kind, holder id, product, month) → units; BTreeMap keeps the order fixed.
    let mut sums: BTreeMap<(u8, String, String, Month), i64> = BTreeMap::new();
    for target in workspace.targets.iter().filter(|t| t.rep_id.is_some()) {
        let Some((region, territory)) = target
            .rep_id
            .as_deref()
            .and_then(|rep| rep_territory.get(rep))
        else {
            continue;
        };
        let mut add = |kind: u8, id: &str| {
            *sums
                .entry((
                    kind,
                    id.to_string(),
                    target.product_id.clone(),
                    target.period,
                ))
                .or_insert(0) += target.units;
        };
        add(0, region);
        if let Some(territory) = territory {
            add(1, territory);
        }
    }
    let region_of_territory: BTreeMap<&str, &str> = workspace
        .territories
        .iter()
        .map(|t| (t.id.as_str(), t.region_id.as_str()))
        .collect();
    let mut targets: Vec<Target> = sums
        .into_iter()
        .map(|((kind, id, product_id, period), units)| Target {
            source: None,
            updated_at: None,
            period,
            rep_id: None,
            region_id: match kind {
                0 => Some(id.clone()),
                _ => region_of_territory.get(id.as_str()).map(|r| r.to_string()),
            },
            territory_id: (kind == 1).then_some(id),
            account_id: None,
            value: units as f64 * price(&product_id),
            product_id,
            units,
        })
        .collect();

    // Tier-A accounts: their average month per product over the demo, as the target of its
    // middle month, 3 % less or more a month before and after.
    let months: Vec<Month> = {
        let mut months: Vec<Month> = workspace.prescriptions.iter().map(|p| p.period).collect();
        months.sort();
        months.dedup();
        months
    };
    if let (Some(&first), Some(&last)) = (months.first(), months.last()) {
        let span = last.index() - first.index() + 1;
        let mut totals: BTreeMap<(&str, &str), i64> = BTreeMap::new();
        for prescription in &workspace.prescriptions {
            if let Some(account) = prescription.account_id.as_deref() {
                *totals
                    .entry((account, prescription.product_id.as_str()))
                    .or_insert(0) += prescription.units;
            }
        }
        for account in workspace.accounts.iter().filter(|a| a.tier == "A") {
            for product in &workspace.products {
                let total = totals
                    .get(&(account.id.as_str(), product.id.as_str()))
                    .copied()
                    .unwrap_or(0);
                if total == 0 {
                    continue;
                }
                let average = total as f64 / span as f64;
                for offset in 0..span {
                    let growth = libm::pow(1.03, (offset - span / 2) as f64);
                    let units = (average * growth).round().max(1.0) as i64;
                    targets.push(Target {
                        source: None,
                        updated_at: None,
                        period: first.plus(offset),
                        rep_id: None,
                        region_id: Some(account.region_id.clone()),
                        territory_id: account.territory_id.clone(),
                        account_id: Some(account.id.clone()),
                        product_id: product.id.clone(),
                        units,
                        value: units as f64 * price(&product.id),
                    });
                }
            }
        }
    }
    workspace.targets = targets;
}

/// A channel for the next touch: the HCP's preferred one more often, never one they opted out of.
fn pick_channel(random: &mut Random, hcp: &Hcp) -> &'static str {
    const CHANNELS: [&str; 7] = [
        "ch-visit",
        "ch-phone",
        "ch-remote",
        "ch-email",
        "ch-wechat",
        "ch-webinar",
        "ch-pharmacy",
    ];
    let pharmacy = hcp.specialty == Specialty::Pharmacy;
    let weights: Vec<f64> = CHANNELS
        .iter()
        .map(|&channel| {
            let base = match channel {
                "ch-visit" if !pharmacy => 3.0,
                "ch-phone" => 0.8,
                "ch-remote" => 1.0,
                "ch-email" => 1.6,
                "ch-wechat" => 2.2,
                "ch-webinar" if !pharmacy => 0.7,
                "ch-pharmacy" if pharmacy => 3.0,
                _ => 0.0,
            };
            let allowed = match channel {
                "ch-email" => hcp.consent.email,
                "ch-wechat" => hcp.consent.wechat,
                "ch-phone" => hcp.consent.phone,
                _ => true,
            };
            let preferred = if hcp.preferred_channel_id.as_deref() == Some(channel) {
                2.5
            } else {
                1.0
            };
            if allowed {
                base * preferred
            } else {
                0.0
            }
        })
        .collect();
    CHANNELS[random.weighted(&weights)]
}

/// A weekday between 08:00 and 18:00 Beijing time, as a UTC timestamp.
fn random_working_time(random: &mut Random, month: Month) -> Timestamp {
    let day = 1 + random.below(usize::from(month.day_count())) as u8;
    let date = CalendarDate {
        year: month.year,
        month: month.month,
        day,
    };
    // Weekend touches move to the Friday before, or to the Monday after when that would leave the month.
    let day = match date.weekday() {
        crate::domain::calendar::Weekday::Saturday if day > 1 => day - 1,
        crate::domain::calendar::Weekday::Saturday => day + 2,
        crate::domain::calendar::Weekday::Sunday if day > 2 => day - 2,
        crate::domain::calendar::Weekday::Sunday => day + 1,
        _ => day,
    };
    let date = CalendarDate {
        year: month.year,
        month: month.month,
        day,
    };
    let local_hour = 8 + random.below(10) as u8;
    let minute = random.below(60) as u8;
    let local = Timestamp::from_date_and_time(date, local_hour, minute, 0);
    Timestamp(local.0 - 8 * 3_600)
}

/// A rep's level in month `offset` of the demo: the average of the month and its neighbours
/// within the history, or, after it, the last three months' average grown 2 % a month.
fn rep_level(history: &[f64], offset: i64) -> f64 {
    let last = history.len() as i64 - 1;
    let average = |from: i64, to: i64| {
        let (from, to) = (from.max(0), to.min(last));
        let values = &history[from as usize..=to as usize];
        values.iter().sum::<f64>() / values.len() as f64
    };
    if offset <= last {
        average(offset - 1, offset + 1)
    } else {
        average(last - 2, last) * libm::pow(1.02, (offset - last) as f64)
    }
}
