//! Targets against actuals: attainment (达成率), gap, growth and status per region, territory,
//! rep, account, product or account tier, within a drill-down scope (rules in `docs/kpis.md`).

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use super::index::{Holder, Notice, PerformanceData, NONE};
use super::period::Period;
use crate::domain::model::{MarketRules, PerformanceSettings, Workspace};
use crate::domain::time::Month;

/// Which figure of a sale is added up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    #[default]
    Units,
    Value,
}

/// Which records are the actuals: prescriptions of HCPs, or sales to accounts (records
/// without an HCP).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    #[default]
    Prescriptions,
    Sales,
}

impl Source {
    /// The source a workspace's data offers first: prescriptions when it has any.
    pub fn default_for(data: &PerformanceData) -> Source {
        if data.has_hcp_sales || !data.has_account_sales {
            Source::Prescriptions
        } else {
            Source::Sales
        }
    }
}

/// What the rows of a table are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    #[default]
    Region,
    Territory,
    Rep,
    Account,
    Product,
    Tier,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Region,
        Dimension::Territory,
        Dimension::Rep,
        Dimension::Account,
        Dimension::Product,
        Dimension::Tier,
    ];

    /// The next level of the drill-down (region → territory → rep → account).
    pub fn drill(self) -> Option<Dimension> {
        match self {
            Dimension::Region => Some(Dimension::Territory),
            Dimension::Territory => Some(Dimension::Rep),
            Dimension::Rep => Some(Dimension::Account),
            _ => None,
        }
    }

    pub fn parse(text: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == text)
    }

    pub fn key(self) -> &'static str {
        match self {
            Dimension::Region => "region",
            Dimension::Territory => "territory",
            Dimension::Rep => "rep",
            Dimension::Account => "account",
            Dimension::Product => "product",
            Dimension::Tier => "tier",
        }
    }
}

/// Where a table is drilled to: ids of a region, a territory, a rep, and a product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scope {
    pub region: Option<String>,
    pub territory: Option<String>,
    pub rep: Option<String>,
    pub product: Option<String>,
}

/// On track, at risk or behind against the share of the period elapsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    Behind,
}

/// The status of an attainment when `elapsed` (0–1) of the period has passed: the pace is
/// attainment ÷ elapsed; on track from `on_track_percent` of the pace, at risk from
/// `at_risk_percent`, behind below. No status before the period starts.
pub fn status(attainment: f64, elapsed: f64, settings: &PerformanceSettings) -> Option<Status> {
    if elapsed <= 0.0 || !attainment.is_finite() {
        return None;
    }
    let pace = attainment / elapsed * 100.0;
    Some(if pace >= settings.on_track_percent {
        Status::OnTrack
    } else if pace >= settings.at_risk_percent {
        Status::AtRisk
    } else {
        Status::Behind
    })
}

/// `part ÷ whole`, or none when the whole is zero (shown as "—", never ∞ or NaN).
pub fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0 && part.is_finite()).then(|| part / whole)
}

/// Growth from `before` to `now`, or none without a base.
pub fn growth(now: f64, before: Option<f64>) -> Option<f64> {
    before.and_then(|before| ratio(now - before, before))
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttainmentRow {
    /// The id of the region, territory, rep, account, product or tier; empty for records
    /// that belong to none (a sale whose HCP no rep covers).
    pub id: String,
    pub name: String,
    pub target: Option<f64>,
    pub actual: f64,
    /// Actual ÷ target.
    pub attainment: Option<f64>,
    /// Actual − target.
    pub gap: Option<f64>,
    /// Growth on the same months a year earlier.
    pub growth_year: Option<f64>,
    /// Growth on the period before (none for the year to date).
    pub growth_previous: Option<f64>,
    pub status: Option<Status>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttainmentTable {
    pub period: Period,
    pub dimension: Dimension,
    pub measure: Measure,
    pub source: Source,
    /// Share of the period's months up to the end of the data (0–1).
    pub elapsed: f64,
    /// Rows by attainment, best first (rows without a target last, by actual).
    pub rows: Vec<AttainmentRow>,
    pub total: AttainmentRow,
    /// Targets are not shown as reps' quotas (market rules).
    pub quota_hidden: bool,
    #[serde(skip)]
    pub notices: Vec<Notice>,
}

/// What a table is asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct AttainmentQuery {
    pub period: Period,
    pub measure: Measure,
    pub source: Source,
    pub dimension: Dimension,
    pub scope: Scope,
}

/// The scope as indexes; `None` inside means "not narrowed"; an unknown id narrows to nothing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScopeIndex {
    pub region: Option<u32>,
    pub territory: Option<u32>,
    pub rep: Option<u32>,
    pub product: Option<u32>,
}

impl ScopeIndex {
    pub fn new(data: &PerformanceData, scope: &Scope) -> ScopeIndex {
        let find = |map: &HashMap<String, u32>, id: &Option<String>| {
            id.as_ref().map(|id| map.get(id).copied().unwrap_or(NONE))
        };
        ScopeIndex {
            region: find(&data.lookup.regions, &scope.region),
            territory: find(&data.lookup.territories, &scope.territory),
            rep: find(&data.lookup.reps, &scope.rep),
            product: find(&data.lookup.products, &scope.product),
        }
    }

    /// The holder a scope's total target is read from.
    pub fn holder(self) -> Holder {
        if let Some(rep) = self.rep {
            Holder::Rep(rep)
        } else if let Some(territory) = self.territory {
            Holder::Territory(territory)
        } else if let Some(region) = self.region {
            Holder::Region(region)
        } else {
            Holder::Team
        }
    }

    pub fn holds_account(self, data: &PerformanceData, account: u32) -> bool {
        let at = |column: &[u32]| column.get(account as usize).copied().unwrap_or(NONE);
        self.region.is_none_or(|r| at(&data.account_region) == r)
            && self
                .territory
                .is_none_or(|t| at(&data.account_territory) == t)
    }
}

/// Sums of targets by holder for some months and products, read as a tree: a holder's target
/// is its own when it has one, else the sum of its children's (region → territories, reps and
/// accounts without a territory; territory → its reps, or its accounts when no rep has one).
pub(crate) struct TargetTree<'a> {
    data: &'a PerformanceData,
    own: HashMap<Holder, f64>,
    overlaps: std::cell::RefCell<Vec<Holder>>,
}

impl<'a> TargetTree<'a> {
    pub fn new(
        data: &'a PerformanceData,
        months: (Month, Month),
        product: Option<u32>,
        measure: Measure,
    ) -> TargetTree<'a> {
        let (first, last) = (months.0.index(), months.1.index());
        let mut own: HashMap<Holder, f64> = HashMap::default();
        for row in &data.targets {
            if row.month < first || row.month > last || product.is_some_and(|p| p != row.product) {
                continue;
            }
            let amount = match measure {
                Measure::Units => row.units,
                Measure::Value => row.value,
            };
            *own.entry(row.holder).or_insert(0.0) += amount;
        }
        TargetTree {
            data,
            own,
            overlaps: Default::default(),
        }
    }

    fn children(&self, holder: Holder) -> (Vec<Holder>, Vec<Holder>) {
        let data = self.data;
        let indexes = |column: &[u32], wanted: u32| -> Vec<u32> {
            (0..column.len() as u32)
                .filter(|&i| column[i as usize] == wanted)
                .collect()
        };
        match holder {
            Holder::Team => (
                (0..data.region_count as u32).map(Holder::Region).collect(),
                Vec::new(),
            ),
            Holder::Region(region) => {
                let mut first: Vec<Holder> = indexes(&data.territory_region, region)
                    .into_iter()
                    .map(Holder::Territory)
                    .collect();
                first.extend(
                    indexes(&data.rep_region, region)
                        .into_iter()
                        .filter(|&rep| data.rep_territory[rep as usize] == NONE)
                        .map(Holder::Rep),
                );
                first.extend(
                    indexes(&data.account_region, region)
                        .into_iter()
                        .filter(|&a| data.account_territory[a as usize] == NONE)
                        .map(Holder::Account),
                );
                (first, Vec::new())
            }
            Holder::Territory(territory) => (
                indexes(&data.rep_territory, territory)
                    .into_iter()
                    .map(Holder::Rep)
                    .collect(),
                indexes(&data.account_territory, territory)
                    .into_iter()
                    .map(Holder::Account)
                    .collect(),
            ),
            Holder::Rep(_) | Holder::Account(_) => (Vec::new(), Vec::new()),
        }
    }

    /// The holder's target, or none when neither it nor anything below it has one.
    pub fn total(&self, holder: Holder) -> Option<f64> {
        let (first, second) = self.children(holder);
        let sum = |children: &[Holder]| {
            children
                .iter()
                .filter_map(|&child| self.total(child))
                .fold(None, |sum: Option<f64>, v| Some(sum.unwrap_or(0.0) + v))
        };
        let below_first = sum(&first);
        let below_second = sum(&second);
        if let Some(&own) = self.own.get(&holder) {
            if below_first.is_some() || below_second.is_some() {
                self.overlaps.borrow_mut().push(holder);
            }
            return Some(own);
        }
        match (below_first, below_second) {
            (Some(reps), Some(_)) => {
                self.overlaps.borrow_mut().push(holder);
                Some(reps)
            }
            (Some(total), None) | (None, Some(total)) => Some(total),
            (None, None) => None,
        }
    }

    pub fn overlaps(&self) -> Vec<Holder> {
        let mut overlaps = self.overlaps.borrow().clone();
        overlaps.sort_by_key(|h| format!("{h:?}"));
        overlaps.dedup();
        overlaps
    }
}

/// Share of a period's months that are at or before the end of the data (0–1).
pub fn elapsed_share(period: Period, data_end: Option<Month>) -> f64 {
    let Some(end) = data_end else { return 0.0 };
    let (first, last) = period.months();
    if end < first {
        return 0.0;
    }
    let done = end.min(last).index() - first.index() + 1;
    done as f64 / period.month_count() as f64
}

/// The name of a holder as the workspace writes it.
pub fn holder_name(workspace: &Workspace, holder: Holder) -> String {
    let name = |list: Option<&String>| list.cloned().unwrap_or_default();
    match holder {
        Holder::Team => workspace.settings.name.clone(),
        Holder::Region(i) => name(workspace.regions.get(i as usize).map(|r| &r.name)),
        Holder::Territory(i) => name(workspace.territories.get(i as usize).map(|r| &r.name)),
        Holder::Rep(i) => name(workspace.reps.get(i as usize).map(|r| &r.name)),
        Holder::Account(i) => name(workspace.accounts.get(i as usize).map(|r| &r.name)),
    }
}

struct Sums {
    now: Vec<f64>,
    year: Vec<f64>,
    previous: Vec<f64>,
}

/// The table: one pass over the sales for the period, the year before and the period before.
pub fn attainment_table(
    data: &PerformanceData,
    workspace: &Workspace,
    query: &AttainmentQuery,
) -> AttainmentTable {
    let scope = ScopeIndex::new(data, &query.scope);
    let rules: MarketRules = workspace.settings.market_rules;
    let settings = &workspace.settings.performance;
    let (keys, ids, names) = row_keys(data, workspace, query.dimension, scope);
    let row_of: HashMap<u32, usize> = keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let unassigned = keys.len();
    let mut sums = Sums {
        now: vec![0.0; keys.len() + 1],
        year: vec![0.0; keys.len() + 1],
        previous: vec![0.0; keys.len() + 1],
    };
    let contains = |period: Period, month: i64| {
        let (first, last) = period.months();
        first.index() <= month && month <= last.index()
    };
    let year = query.period.year_earlier();
    let previous = query.period.previous();
    for sale in &data.sales {
        let wanted_source = match query.source {
            Source::Prescriptions => sale.hcp != NONE,
            Source::Sales => sale.hcp == NONE,
        };
        if !wanted_source
            || scope.product.is_some_and(|p| p != sale.product)
            || scope.rep.is_some_and(|r| r != sale.rep)
            || !scope.holds_account(data, sale.account)
        {
            continue;
        }
        let amount = match query.measure {
            Measure::Units => sale.units,
            Measure::Value => sale.value,
        };
        let key = match query.dimension {
            Dimension::Region => column(&data.account_region, sale.account),
            Dimension::Territory => column(&data.account_territory, sale.account),
            Dimension::Rep => sale.rep,
            Dimension::Account => sale.account,
            Dimension::Product => sale.product,
            Dimension::Tier => column(&data.account_tier, sale.account),
        };
        let row = row_of.get(&key).copied().unwrap_or(unassigned);
        if contains(query.period, sale.month) {
            sums.now[row] += amount;
        }
        if contains(year, sale.month) {
            sums.year[row] += amount;
        }
        if previous.is_some_and(|p| contains(p, sale.month)) {
            sums.previous[row] += amount;
        }
    }

    let elapsed = elapsed_share(query.period, data.sales_end);
    let covered = |period: Period| data.first.is_some_and(|first| period.months().0 >= first);
    let year_known = covered(year);
    let previous_known = previous.is_some_and(covered);
    let quota_hidden =
        rules.forbids_rep_quotas() && (query.dimension == Dimension::Rep || scope.rep.is_some());
    let months = query.period.months();
    let tree = TargetTree::new(data, months, scope.product, query.measure);
    let product_trees: Vec<TargetTree> = if query.dimension == Dimension::Product {
        keys.iter()
            .map(|&p| TargetTree::new(data, months, Some(p), query.measure))
            .collect()
    } else {
        Vec::new()
    };
    let target_of = |row: usize| -> Option<f64> {
        if quota_hidden {
            return None;
        }
        let key = keys[row];
        match query.dimension {
            Dimension::Region => tree.total(Holder::Region(key)),
            Dimension::Territory => tree.total(Holder::Territory(key)),
            Dimension::Rep => tree.total(Holder::Rep(key)),
            Dimension::Account => tree.total(Holder::Account(key)),
            Dimension::Product => product_trees[row].total(scope.holder()),
            Dimension::Tier => (0..data.account_tier.len() as u32)
                .filter(|&a| data.account_tier[a as usize] == key && scope.holds_account(data, a))
                .filter_map(|a| tree.total(Holder::Account(a)))
                .fold(None, |sum: Option<f64>, v| Some(sum.unwrap_or(0.0) + v)),
        }
    };
    let make_row = |id: String, name: String, target: Option<f64>, row: usize| {
        let actual = sums.now[row];
        let attainment = target.and_then(|t| ratio(actual, t));
        AttainmentRow {
            id,
            name,
            target,
            actual,
            attainment,
            gap: target.map(|t| actual - t),
            growth_year: growth(actual, year_known.then_some(sums.year[row])),
            growth_previous: growth(actual, previous_known.then_some(sums.previous[row])),
            status: attainment.and_then(|a| status(a, elapsed, settings)),
        }
    };
    let mut rows: Vec<AttainmentRow> = (0..keys.len())
        .map(|row| make_row(ids[row].clone(), names[row].clone(), target_of(row), row))
        .collect();
    if sums.now[unassigned] != 0.0 || sums.year[unassigned] != 0.0 {
        rows.push(make_row(String::new(), String::new(), None, unassigned));
    }
    rows.sort_by(|a, b| {
        let key = |r: &AttainmentRow| r.attainment.unwrap_or(f64::NEG_INFINITY);
        key(b)
            .total_cmp(&key(a))
            .then(b.actual.total_cmp(&a.actual))
            .then(a.name.cmp(&b.name))
    });
    // The scope's own total is a rep's quota only when the scope is a rep.
    let total_target = if rules.forbids_rep_quotas() && scope.rep.is_some() {
        None
    } else {
        tree.total(scope.holder())
    };
    let all = |values: &[f64]| values.iter().sum::<f64>();
    let total_sums = (all(&sums.now), all(&sums.year), all(&sums.previous));
    let total_attainment = total_target.and_then(|t| ratio(total_sums.0, t));
    let total = AttainmentRow {
        id: String::new(),
        name: holder_name(workspace, scope.holder()),
        target: total_target,
        actual: total_sums.0,
        attainment: total_attainment,
        gap: total_target.map(|t| total_sums.0 - t),
        growth_year: growth(total_sums.0, year_known.then_some(total_sums.1)),
        growth_previous: growth(total_sums.0, previous_known.then_some(total_sums.2)),
        status: total_attainment.and_then(|a| status(a, elapsed, settings)),
    };
    let mut notices = data.notices.clone();
    for holder in tree.overlaps() {
        notices.push(Notice::OverlappingTargets {
            holder: holder_name(workspace, holder),
        });
    }
    AttainmentTable {
        period: query.period,
        dimension: query.dimension,
        measure: query.measure,
        source: query.source,
        elapsed,
        rows,
        total,
        quota_hidden,
        notices,
    }
}

fn column(values: &[u32], index: u32) -> u32 {
    values.get(index as usize).copied().unwrap_or(NONE)
}

/// The rows a dimension has within a scope: index keys, ids and names.
fn row_keys(
    data: &PerformanceData,
    workspace: &Workspace,
    dimension: Dimension,
    scope: ScopeIndex,
) -> (Vec<u32>, Vec<String>, Vec<String>) {
    let mut keys: Vec<u32> = match dimension {
        Dimension::Region => (0..workspace.regions.len() as u32)
            .filter(|&r| scope.region.is_none_or(|s| s == r))
            .collect(),
        Dimension::Territory => (0..workspace.territories.len() as u32)
            .filter(|&t| {
                scope
                    .region
                    .is_none_or(|r| data.territory_region[t as usize] == r)
                    && scope.territory.is_none_or(|s| s == t)
            })
            .collect(),
        Dimension::Rep => (0..workspace.reps.len() as u32)
            .filter(|&p| {
                scope
                    .region
                    .is_none_or(|r| data.rep_region[p as usize] == r)
                    && scope
                        .territory
                        .is_none_or(|t| data.rep_territory[p as usize] == t)
                    && scope.rep.is_none_or(|s| s == p)
            })
            .collect(),
        Dimension::Account => {
            let mut of_rep = vec![false; workspace.accounts.len()];
            if let Some(rep) = scope.rep {
                for (hcp, &r) in data.hcp_rep.iter().enumerate() {
                    let account = data.hcp_account[hcp];
                    if r == rep && account != NONE {
                        of_rep[account as usize] = true;
                    }
                }
                for (account, &r) in data.account_rep.iter().enumerate() {
                    of_rep[account] |= r == rep;
                }
            }
            (0..workspace.accounts.len() as u32)
                .filter(|&a| {
                    scope.holds_account(data, a) && (scope.rep.is_none() || of_rep[a as usize])
                })
                .collect()
        }
        Dimension::Product => (0..workspace.products.len() as u32)
            .filter(|&p| scope.product.is_none_or(|s| s == p))
            .collect(),
        Dimension::Tier => (0..data.tiers.len() as u32).collect(),
    };
    keys.sort_unstable();
    let (ids, names) = keys
        .iter()
        .map(|&k| {
            let i = k as usize;
            match dimension {
                Dimension::Region => (
                    workspace.regions[i].id.clone(),
                    workspace.regions[i].name.clone(),
                ),
                Dimension::Territory => (
                    workspace.territories[i].id.clone(),
                    workspace.territories[i].name.clone(),
                ),
                Dimension::Rep => (workspace.reps[i].id.clone(), workspace.reps[i].name.clone()),
                Dimension::Account => (
                    workspace.accounts[i].id.clone(),
                    workspace.accounts[i].name.clone(),
                ),
                Dimension::Product => (
                    workspace.products[i].id.clone(),
                    workspace.products[i].name.clone(),
                ),
                Dimension::Tier => (data.tiers[i].clone(), data.tiers[i].clone()),
            }
        })
        .unzip();
    (keys, ids, names)
}

/// One month of a scope's attainment chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthPoint {
    pub month: Month,
    pub target: Option<f64>,
    pub actual: f64,
    pub attainment: Option<f64>,
}

/// A scope's target, actual and attainment month by month from `first` to `last`.
pub fn monthly_attainment(
    data: &PerformanceData,
    workspace: &Workspace,
    scope: &Scope,
    measure: Measure,
    source: Source,
    (first, last): (Month, Month),
) -> Vec<MonthPoint> {
    let index = ScopeIndex::new(data, scope);
    let count = (last.index() - first.index() + 1).max(0) as usize;
    let mut actual = vec![0.0; count];
    for sale in &data.sales {
        let offset = sale.month - first.index();
        if offset < 0 || offset >= count as i64 {
            continue;
        }
        let wanted = match source {
            Source::Prescriptions => sale.hcp != NONE,
            Source::Sales => sale.hcp == NONE,
        };
        if wanted
            && index.product.is_none_or(|p| p == sale.product)
            && index.rep.is_none_or(|r| r == sale.rep)
            && index.holds_account(data, sale.account)
        {
            actual[offset as usize] += match measure {
                Measure::Units => sale.units,
                Measure::Value => sale.value,
            };
        }
    }
    let hidden = workspace.settings.market_rules.forbids_rep_quotas() && index.rep.is_some();
    (0..count)
        .map(|offset| {
            let month = first.plus(offset as i64);
            let target = (!hidden)
                .then(|| {
                    TargetTree::new(data, (month, month), index.product, measure)
                        .total(index.holder())
                })
                .flatten();
            MonthPoint {
                month,
                target,
                actual: actual[offset],
                attainment: target.and_then(|t| ratio(actual[offset], t)),
            }
        })
        .collect()
}
