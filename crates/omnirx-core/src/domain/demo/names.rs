//! Plausible Chinese names and places for the demo, in Chinese characters and in pinyin/English.

use super::random::Random;
use super::DataLanguage;

/// Common surnames: (characters, pinyin).
const SURNAMES: &[(&str, &str)] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("胡", "Hu"),
    ("朱", "Zhu"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("何", "He"),
    ("郭", "Guo"),
    ("马", "Ma"),
    ("罗", "Luo"),
    ("梁", "Liang"),
    ("宋", "Song"),
    ("郑", "Zheng"),
    ("谢", "Xie"),
    ("韩", "Han"),
    ("唐", "Tang"),
    ("冯", "Feng"),
    ("于", "Yu"),
    ("董", "Dong"),
    ("萧", "Xiao"),
];

/// Given-name syllables: (character, pinyin).
const GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂", "gui"),
    ("华", "hua"),
    ("建", "jian"),
    ("文", "wen"),
    ("辉", "hui"),
    ("宁", "ning"),
    ("晨", "chen"),
    ("欣", "xin"),
    ("宇", "yu"),
];

/// A person's name: "王芳" or "Wang Fang" (surname first, as Chinese names are written).
pub fn person_name(random: &mut Random, language: DataLanguage) -> String {
    let (surname_zh, surname_en) = *random.pick(SURNAMES);
    let two_syllables = random.chance(0.6);
    let (first_zh, first_en) = *random.pick(GIVEN);
    let (second_zh, second_en) = if two_syllables {
        *random.pick(GIVEN)
    } else {
        ("", "")
    };
    match language {
        DataLanguage::Chinese => format!("{surname_zh}{first_zh}{second_zh}"),
        DataLanguage::English => {
            let mut given = format!("{first_en}{second_en}");
            if let Some(first) = given.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{surname_en} {given}")
        }
    }
}

/// A city of the demo: (id, Chinese, English, region index, district names as (zh, en)).
pub struct City {
    pub id: &'static str,
    pub chinese: &'static str,
    pub english: &'static str,
    pub region: usize,
    pub districts: &'static [(&'static str, &'static str)],
}

pub const REGIONS: [(&str, &str, &str); 3] = [
    ("r-east", "华东区", "East China"),
    ("r-north", "华北区", "North China"),
    ("r-south", "华南区", "South China"),
];

pub const CITIES: &[City] = &[
    City {
        id: "shanghai",
        chinese: "上海",
        english: "Shanghai",
        region: 0,
        districts: &[
            ("徐汇", "Xuhui"),
            ("浦东", "Pudong"),
            ("静安", "Jing'an"),
            ("闵行", "Minhang"),
        ],
    },
    City {
        id: "hangzhou",
        chinese: "杭州",
        english: "Hangzhou",
        region: 0,
        districts: &[("西湖", "Xihu"), ("拱墅", "Gongshu"), ("滨江", "Binjiang")],
    },
    City {
        id: "nanjing",
        chinese: "南京",
        english: "Nanjing",
        region: 0,
        districts: &[("鼓楼", "Gulou"), ("玄武", "Xuanwu"), ("江宁", "Jiangning")],
    },
    City {
        id: "suzhou",
        chinese: "苏州",
        english: "Suzhou",
        region: 0,
        districts: &[("姑苏", "Gusu"), ("吴中", "Wuzhong")],
    },
    City {
        id: "beijing",
        chinese: "北京",
        english: "Beijing",
        region: 1,
        districts: &[
            ("海淀", "Haidian"),
            ("朝阳", "Chaoyang"),
            ("东城", "Dongcheng"),
            ("丰台", "Fengtai"),
        ],
    },
    City {
        id: "tianjin",
        chinese: "天津",
        english: "Tianjin",
        region: 1,
        districts: &[("和平", "Heping"), ("南开", "Nankai"), ("河西", "Hexi")],
    },
    City {
        id: "jinan",
        chinese: "济南",
        english: "Jinan",
        region: 1,
        districts: &[("历下", "Lixia"), ("市中", "Shizhong")],
    },
    City {
        id: "shijiazhuang",
        chinese: "石家庄",
        english: "Shijiazhuang",
        region: 1,
        districts: &[("长安", "Chang'an"), ("桥西", "Qiaoxi")],
    },
    City {
        id: "guangzhou",
        chinese: "广州",
        english: "Guangzhou",
        region: 2,
        districts: &[
            ("越秀", "Yuexiu"),
            ("天河", "Tianhe"),
            ("海珠", "Haizhu"),
            ("番禺", "Panyu"),
        ],
    },
    City {
        id: "shenzhen",
        chinese: "深圳",
        english: "Shenzhen",
        region: 2,
        districts: &[("福田", "Futian"), ("南山", "Nanshan"), ("罗湖", "Luohu")],
    },
    City {
        id: "fuzhou",
        chinese: "福州",
        english: "Fuzhou",
        region: 2,
        districts: &[("鼓楼", "Gulou"), ("台江", "Taijiang")],
    },
    City {
        id: "nanning",
        chinese: "南宁",
        english: "Nanning",
        region: 2,
        districts: &[("青秀", "Qingxiu"), ("兴宁", "Xingning")],
    },
];

fn ordinal_chinese(number: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match number {
        0..=9 => DIGITS[number].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[number - 10]),
        _ => number.to_string(),
    }
}

fn ordinal_english(number: usize) -> String {
    let suffix = match (number % 10, number % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

/// The name of the `serial`-th account of a kind in a city, unique within the city.
pub fn account_name(
    kind: AccountNameKind,
    city: &City,
    serial: usize,
    language: DataLanguage,
) -> String {
    let (district_zh, district_en) = city.districts[serial % city.districts.len()];
    let round = serial / city.districts.len() + 1;
    let zh = language == DataLanguage::Chinese;
    match kind {
        AccountNameKind::Tertiary => match (serial % 3, zh) {
            (0, true) => format!(
                "{}市第{}人民医院",
                city.chinese,
                ordinal_chinese(serial / 3 + 1)
            ),
            (0, false) => format!(
                "{} {} People's Hospital",
                city.english,
                ordinal_english(serial / 3 + 1)
            ),
            (1, true) => format!(
                "{}医科大学附属第{}医院",
                city.chinese,
                ordinal_chinese(serial / 3 + 1)
            ),
            (1, false) => format!(
                "{} Medical University {} Affiliated Hospital",
                city.english,
                ordinal_english(serial / 3 + 1)
            ),
            (_, true) => format!(
                "{}市中医院（{}院区）",
                city.chinese,
                ordinal_chinese(serial / 3 + 1)
            ),
            (_, false) => format!(
                "{} Hospital of Traditional Chinese Medicine, Campus {}",
                city.english,
                serial / 3 + 1
            ),
        },
        AccountNameKind::Secondary if zh => format!(
            "{}市{}区人民医院{}",
            city.chinese,
            district_zh,
            suffix_zh(round)
        ),
        AccountNameKind::Secondary => format!(
            "{district_en} District People's Hospital{}, {}",
            suffix_en(round),
            city.english
        ),
        AccountNameKind::Community if zh => format!(
            "{}区第{}社区卫生服务中心",
            district_zh,
            ordinal_chinese(round)
        ),
        AccountNameKind::Community => format!(
            "{district_en} {} Community Health Center, {}",
            ordinal_english(round),
            city.english
        ),
        AccountNameKind::Private if zh => {
            format!("{}仁和医院{}", city.chinese, suffix_zh(serial + 1))
        }
        AccountNameKind::Private => {
            format!("{} Renhe Hospital{}", city.english, suffix_en(serial + 1))
        }
        AccountNameKind::Pharmacy if zh => {
            format!("康源大药房（{}{}店）", district_zh, ordinal_chinese(round))
        }
        AccountNameKind::Pharmacy => format!(
            "Kangyuan Pharmacy ({district_en} {})",
            ordinal_english(round)
        ),
        AccountNameKind::Distributor if zh => {
            format!("{}华康医药有限公司{}", city.chinese, suffix_zh(serial + 1))
        }
        AccountNameKind::Distributor => format!(
            "{} Huakang Pharmaceutical Co., Ltd.{}",
            city.english,
            suffix_en(serial + 1)
        ),
    }
}

fn suffix_zh(round: usize) -> String {
    if round <= 1 {
        String::new()
    } else {
        format!("（{}分院）", ordinal_chinese(round))
    }
}

fn suffix_en(round: usize) -> String {
    if round <= 1 {
        String::new()
    } else {
        format!(" (branch {round})")
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AccountNameKind {
    Tertiary,
    Secondary,
    Community,
    Private,
    Pharmacy,
    Distributor,
}

/// Short call notes a rep might write, (Chinese, English).
pub const NOTES: &[(&str, &str)] = &[
    (
        "关注低血糖风险，需补充安全性数据",
        "Asked about hypoglycaemia risk; send safety data",
    ),
    (
        "对医保报销政策有疑问",
        "Questions about reimbursement under the national insurance list",
    ),
    (
        "科室会已约在下周三",
        "Department meeting booked for next Wednesday",
    ),
    ("希望获得真实世界研究资料", "Wants real-world evidence"),
    (
        "患者依从性是主要顾虑",
        "Patient adherence is the main concern",
    ),
    (
        "已试用于两名新诊断患者",
        "Tried it with two newly diagnosed patients",
    ),
    (
        "药剂科尚未进药，需跟进药事会",
        "Not yet listed by the pharmacy; follow up with the drug committee",
    ),
    (
        "对每日一次给药方案反馈积极",
        "Positive about once-daily dosing",
    ),
    (
        "担心与现有降压方案的联合使用",
        "Concerned about combining with the current antihypertensive regimen",
    ),
    (
        "请求提供患者教育手册",
        "Requested patient education leaflets",
    ),
];
