//! A copy of a workspace fit for training: real patterns, no real people (`docs/sharing.md`).
//!
//! HCPs, accounts and reps get pseudonyms in the UI language and new ids (`anon-h-1`,
//! `anon-a-1`, `anon-rep-1`, never an id of the original, in a shuffled order, so an id's
//! position tells nothing); free-text notes go; every
//! date, time and month moves back by the same whole number of months (1 to 6, from the seed), so
//! monthly counts, weekly rhythms and orders of events keep their shape; saved table mappings go
//! (they hold real headers and values). Saved plans follow: their rows and loads take the new
//! ids, their cycles and dates move back with the data, their names become the cycle's. Counts,
//! channels, products, regions, territories, tiers, specialties and the analyses' definitions are
//! kept. The old-to-new mapping is never written
//! anywhere. The same workspace and seed give the same copy.

use std::collections::{HashMap, HashSet};

use crate::domain::calendar::{days_in_month, CalendarDate};
use crate::domain::model::Workspace;
use crate::domain::planning::capacity::Cycle;
use crate::domain::planning::saved::{default_plan_name, plan_id_for, SavedPlan};
use crate::domain::time::{Month, Timestamp};
use crate::domain::time_zone::fixed_utc_offset_seconds;

/// A small deterministic generator (SplitMix64): the same seed, the same copy, everywhere.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `0..n` in a shuffled order.
    fn order(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, self.below(i + 1));
        }
        order
    }
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东",
];
const FIRST: [&str; 24] = [
    "Alex", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hannah", "Ivan", "Julia", "Kevin",
    "Laura", "Marc", "Nina", "Oscar", "Paula", "Quinn", "Rosa", "Sam", "Tina", "Umar", "Vera",
    "Will", "Yara",
];
const LAST: [&str; 24] = [
    "Adler", "Brooks", "Carter", "Dalton", "Ellis", "Fisher", "Garner", "Hayes", "Irwin", "Jensen",
    "Keller", "Lawson", "Mercer", "Norris", "Osborne", "Parker", "Quincy", "Reyes", "Sutton",
    "Turner", "Vance", "Walsh", "Young", "Zimmer",
];
const PLACES_ZH: [&str; 12] = [
    "安和", "博仁", "春晖", "德济", "恒康", "华济", "嘉禾", "康宁", "明德", "瑞安", "仁爱", "同心",
];
const PLACES_EN: [&str; 12] = [
    "Ashford",
    "Brookside",
    "Cedar Hill",
    "Dunmore",
    "Eastwood",
    "Fairview",
    "Glenmoor",
    "Harbor",
    "Ivybridge",
    "Juniper",
    "Kingsley",
    "Lakeshore",
];

/// A person's pseudonym; the `n`th of a language's list (with a number once the list is used up).
fn person(chinese: bool, draw: &mut Draw) -> String {
    if chinese {
        format!(
            "{}{}",
            SURNAMES[draw.below(SURNAMES.len())],
            GIVEN[draw.below(GIVEN.len())]
        )
    } else {
        format!(
            "{} {}",
            FIRST[draw.below(FIRST.len())],
            LAST[draw.below(LAST.len())]
        )
    }
}

fn account_name(chinese: bool, index: usize, draw: &mut Draw) -> String {
    if chinese {
        format!(
            "{}第{}医院",
            PLACES_ZH[draw.below(PLACES_ZH.len())],
            index + 1
        )
    } else {
        format!(
            "{} Hospital {}",
            PLACES_EN[draw.below(PLACES_EN.len())],
            index + 1
        )
    }
}

/// A pseudonym that is none of the workspace's real names.
fn fresh(mut make: impl FnMut() -> String, real: &HashSet<String>) -> String {
    loop {
        let name = make();
        if !real.contains(&name) {
            return name;
        }
    }
}

/// `date` moved back `months` months, the day kept (or the month's last day).
fn shift_date(date: CalendarDate, months: i64) -> CalendarDate {
    let month = Month::new(date.year, date.month)
        .expect("a real date")
        .plus(-months);
    let day = date.day.min(days_in_month(month.year, month.month));
    CalendarDate::new(month.year, month.month, day).expect("a day of the month")
}

/// A time moved back `months` months in the workspace's local calendar, the time of day kept.
fn shift_time(at: Timestamp, months: i64, offset: i64) -> Timestamp {
    let local = at.0 + offset;
    let days = local.div_euclid(86_400);
    let seconds = local.rem_euclid(86_400);
    let date = shift_date(CalendarDate::from_days_since_unix_epoch(days), months);
    Timestamp(date.days_since_unix_epoch() * 86_400 + seconds - offset)
}

/// The months every date moves back for `seed`: 1 to 6.
pub fn months_back(seed: u64) -> i64 {
    1 + (Draw(seed ^ 0xA5A5_5A5A).next() % 6) as i64
}

/// The anonymised copy of `workspace` for `seed`, with names in Chinese when `chinese`.
pub fn anonymise(workspace: &Workspace, seed: u64, chinese: bool) -> Workspace {
    let mut draw = Draw(seed);
    let mut copy = workspace.clone();
    super::provenance::forget_provenance(&mut copy);
    let real: HashSet<String> = workspace
        .hcps
        .iter()
        .map(|h| h.name.clone())
        .chain(workspace.accounts.iter().map(|a| a.name.clone()))
        .chain(workspace.reps.iter().map(|r| r.name.clone()))
        .collect();

    // New ids in a shuffled order, so that `anon-h-1` is nobody in particular.
    let rekey = |ids: Vec<&String>, prefix: &str, draw: &mut Draw| -> HashMap<String, String> {
        let order = draw.order(ids.len());
        ids.iter()
            .zip(order)
            .map(|(id, n)| ((*id).clone(), format!("anon-{prefix}-{}", n + 1)))
            .collect()
    };
    let hcp_ids = rekey(
        workspace.hcps.iter().map(|h| &h.id).collect(),
        "h",
        &mut draw,
    );
    let account_ids = rekey(
        workspace.accounts.iter().map(|a| &a.id).collect(),
        "a",
        &mut draw,
    );
    let rep_ids = rekey(
        workspace.reps.iter().map(|r| &r.id).collect(),
        "rep",
        &mut draw,
    );
    let new = |map: &HashMap<String, String>, id: &str| map.get(id).cloned().unwrap_or_default();

    for (index, account) in copy.accounts.iter_mut().enumerate() {
        account.id = new(&account_ids, &account.id);
        account.name = fresh(|| account_name(chinese, index, &mut draw), &real);
    }
    for hcp in &mut copy.hcps {
        hcp.id = new(&hcp_ids, &hcp.id);
        hcp.account_id = new(&account_ids, &hcp.account_id);
        hcp.name = fresh(|| person(chinese, &mut draw), &real);
    }
    for rep in &mut copy.reps {
        rep.id = new(&rep_ids, &rep.id);
        rep.name = fresh(|| person(chinese, &mut draw), &real);
    }
    // Shuffled ids would otherwise keep the real order in the lists.
    copy.hcps.sort_by_key(|record| natural(&record.id));
    copy.accounts.sort_by_key(|record| natural(&record.id));
    copy.reps.sort_by_key(|record| natural(&record.id));

    let months = months_back(seed);
    let offset = fixed_utc_offset_seconds(&workspace.settings.time_zone).unwrap_or(0);
    for interaction in &mut copy.interactions {
        interaction.hcp_id = new(&hcp_ids, &interaction.hcp_id);
        interaction.rep_id = interaction.rep_id.as_ref().map(|id| new(&rep_ids, id));
        interaction.notes.clear();
        interaction.at = shift_time(interaction.at, months, offset);
    }
    copy.interactions.sort_by_key(|i| i.at);
    for prescription in &mut copy.prescriptions {
        prescription.hcp_id = prescription.hcp_id.as_ref().map(|id| new(&hcp_ids, id));
        prescription.account_id = prescription
            .account_id
            .as_ref()
            .map(|id| new(&account_ids, id));
        prescription.period = prescription.period.plus(-months);
    }
    for target in &mut copy.targets {
        target.rep_id = target.rep_id.as_ref().map(|id| new(&rep_ids, id));
        target.account_id = target.account_id.as_ref().map(|id| new(&account_ids, id));
        target.period = target.period.plus(-months);
    }
    for funnel in &mut copy.funnels {
        if let Some(period) = &mut funnel.period {
            period.from = shift_date(period.from, months);
            period.to = shift_date(period.to, months);
        }
    }
    for journey in &mut copy.journeys {
        for cell in &mut journey.cohort {
            cell.month = cell.month.plus(-months);
        }
    }
    let rep_order: HashMap<&str, usize> = copy
        .reps
        .iter()
        .enumerate()
        .map(|(index, rep)| (rep.id.as_str(), index))
        .collect();
    let mut plan_ids: Vec<String> = Vec::new();
    for saved in &mut copy.plans {
        anonymise_plan(
            saved,
            &hcp_ids,
            &account_ids,
            &rep_ids,
            months,
            offset,
            chinese,
        );
        saved.id =
            crate::domain::ids::unused_id_like(&saved.id, plan_ids.iter().map(String::as_str));
        plan_ids.push(saved.id.clone());
        // Rows by rep, then by HCP in the copy's order: the original order would show through.
        saved
            .plan
            .reps
            .sort_by_key(|rep| rep_order.get(rep.rep_id.as_str()).copied());
        saved.plan.rows.sort_by_key(|row| {
            (
                rep_order.get(row.rep_id.as_str()).copied(),
                natural(&row.hcp_id),
            )
        });
        saved.plan.recompute();
    }
    copy.table_mappings.clear();
    copy.settings.demo = false;
    // The original name may name a person ("王芳的拜访"): a neutral one instead.
    copy.settings.name = if chinese {
        "培训副本（已匿名）".into()
    } else {
        "Training copy (anonymised)".into()
    };
    copy
}

/// A cycle moved back `months` months: a month or a quarter stays one when it can (a quarter
/// moved by other than whole quarters becomes the same days as custom dates).
fn shift_cycle(cycle: Cycle, months: i64) -> Cycle {
    match cycle {
        Cycle::Month { month } => Cycle::Month {
            month: month.plus(-months),
        },
        Cycle::Quarter { year, quarter } if months % 3 == 0 => {
            let first = Month {
                year,
                month: (quarter - 1) * 3 + 1,
            }
            .plus(-months);
            Cycle::Quarter {
                year: first.year,
                quarter: (first.month - 1) / 3 + 1,
            }
        }
        other => Cycle::Custom {
            from: shift_date(other.first_day(), months),
            to: shift_date(other.last_day(), months),
        },
    }
}

/// A saved plan with the new ids of its HCPs, accounts and reps, its cycle, days off and dates
/// moved back, a neutral name and an id from its new cycle and rep.
fn anonymise_plan(
    saved: &mut SavedPlan,
    hcp_ids: &HashMap<String, String>,
    account_ids: &HashMap<String, String>,
    rep_ids: &HashMap<String, String>,
    months: i64,
    offset: i64,
    chinese: bool,
) {
    let new = |map: &HashMap<String, String>, id: &str| map.get(id).cloned().unwrap_or_default();
    let options = &mut saved.options;
    options.rep_id = options.rep_id.as_ref().map(|id| new(rep_ids, id));
    if let Some(capacity) = &mut options.capacity {
        for rep in &mut capacity.reps {
            rep.rep_id = new(rep_ids, &rep.rep_id);
            for day in &mut rep.days_off {
                *day = shift_date(*day, months);
            }
        }
    }
    for own in &mut options.goals.hcps {
        own.hcp_id = new(hcp_ids, &own.hcp_id);
    }
    let plan = &mut saved.plan;
    plan.cycle = shift_cycle(plan.cycle, months);
    for rep in &mut plan.reps {
        rep.rep_id = new(rep_ids, &rep.rep_id);
    }
    for row in &mut plan.rows {
        row.hcp_id = new(hcp_ids, &row.hcp_id);
        row.rep_id = new(rep_ids, &row.rep_id);
        row.account_id = new(account_ids, &row.account_id);
    }
    saved.data_end = saved.data_end.map(|day| shift_date(day, months));
    if saved.saved_at_ms.is_finite() {
        let seconds = (saved.saved_at_ms / 1000.0).floor();
        let moved = shift_time(Timestamp(seconds as i64), months, offset);
        saved.saved_at_ms = moved.0 as f64 * 1000.0 + (saved.saved_at_ms - seconds * 1000.0);
    }
    let rep_id = options.rep_id.as_deref();
    saved.id = plan_id_for(&plan.cycle, rep_id);
    // The name was typed by someone and may name a person: the cycle's (and rep's) instead.
    let scope = default_plan_name(&plan.cycle, rep_id);
    saved.name = if chinese {
        format!("{scope} 计划")
    } else {
        format!("Plan {scope}")
    };
}

/// `anon-h-12` sorts after `anon-h-9`.
fn natural(id: &str) -> (usize, u64, String) {
    let (prefix, number) = id.rsplit_once('-').unwrap_or((id, ""));
    (
        prefix.len(),
        number.parse().unwrap_or(0),
        prefix.to_string(),
    )
}
