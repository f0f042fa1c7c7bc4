//! Part of a workspace to share: some regions, territories, reps or products, and a date range
//! ("my territory, the last six months"), with everything the kept records need and nothing that
//! points outside the file (`docs/sharing.md`).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::domain::calendar::CalendarDate;
use crate::domain::model::Workspace;
use crate::domain::time::Month;
use crate::domain::time_zone::fixed_utc_offset_seconds;

/// What to keep; an empty list keeps everything of its kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubsetChoice {
    pub regions: Vec<String>,
    pub territories: Vec<String>,
    pub reps: Vec<String>,
    pub products: Vec<String>,
    /// First and last day kept (both included); monthly figures are kept for the months the
    /// range touches.
    pub from: Option<CalendarDate>,
    pub to: Option<CalendarDate>,
}

impl SubsetChoice {
    /// Whether the choice keeps the whole workspace.
    pub fn is_everything(&self) -> bool {
        self == &SubsetChoice::default()
    }
}

fn set(ids: &[String]) -> HashSet<&str> {
    ids.iter().map(String::as_str).collect()
}

/// The part of `workspace` that `choice` keeps:
///
/// * **Regions** chosen (all when none), **territories** chosen within them (all when none);
///   **accounts** in a kept region and, when territories are chosen, in one of them; with reps
///   chosen, only the accounts they cover (their territory, or their region for a rep without
///   one). **HCPs** at kept accounts. **Reps** in a kept region and territory (and chosen, when
///   reps are chosen).
/// * **Interactions** with a kept HCP, by a kept rep (or by nobody when no rep is chosen), of a
///   kept product or none, on a kept day. **Sales** of a kept HCP or account and product in a kept
///   month. **Targets** of a kept rep or region (the team's own only when nothing geographic is
///   chosen), product and month.
/// * Products, channels, funnels, segment rules, journey maps and saved table mappings are kept
///   whole: the definitions refer to them, and they name no customer.
/// * **Saved plans** keep the rows of kept HCPs and reps and the loads of kept reps (recomputed);
///   a plan of one rep goes when its rep goes, and a plan whose cycle ended before the range
///   goes (its figures describe a time the part leaves out).
pub fn subset(workspace: &Workspace, choice: &SubsetChoice) -> Workspace {
    let chosen_regions = set(&choice.regions);
    let chosen_territories = set(&choice.territories);
    let chosen_reps = set(&choice.reps);
    let chosen_products = set(&choice.products);
    let region_kept = |id: &str| chosen_regions.is_empty() || chosen_regions.contains(id);
    let territory_kept = |id: Option<&String>| {
        chosen_territories.is_empty()
            || id.is_some_and(|id| chosen_territories.contains(id.as_str()))
    };
    let product_kept = |id: &str| chosen_products.is_empty() || chosen_products.contains(id);

    let mut part = workspace.clone();
    part.regions.retain(|r| region_kept(&r.id));
    part.territories.retain(|t| {
        region_kept(&t.region_id)
            && (chosen_territories.is_empty() || chosen_territories.contains(t.id.as_str()))
    });
    part.reps.retain(|r| {
        region_kept(&r.region_id)
            && territory_kept(r.territory_id.as_ref())
            && (chosen_reps.is_empty() || chosen_reps.contains(r.id.as_str()))
    });
    let covered = |region: &str, territory: Option<&String>| {
        chosen_reps.is_empty()
            || part.reps.iter().any(|rep| match &rep.territory_id {
                Some(own) => territory == Some(own),
                None => rep.region_id == region,
            })
    };
    let accounts: Vec<_> = part
        .accounts
        .iter()
        .filter(|a| {
            region_kept(&a.region_id)
                && territory_kept(a.territory_id.as_ref())
                && covered(&a.region_id, a.territory_id.as_ref())
        })
        .cloned()
        .collect();
    part.accounts = accounts;
    let account_ids: HashSet<&str> = part.accounts.iter().map(|a| a.id.as_str()).collect();
    part.hcps
        .retain(|h| account_ids.contains(h.account_id.as_str()));
    let hcp_ids: HashSet<String> = part.hcps.iter().map(|h| h.id.clone()).collect();
    let account_ids: HashSet<String> = account_ids.into_iter().map(str::to_string).collect();
    let rep_ids: HashSet<String> = part.reps.iter().map(|r| r.id.clone()).collect();
    let region_ids: HashSet<String> = part.regions.iter().map(|r| r.id.clone()).collect();

    let offset = fixed_utc_offset_seconds(&workspace.settings.time_zone).unwrap_or(0);
    let day_kept = |date: CalendarDate| {
        choice.from.is_none_or(|from| date >= from) && choice.to.is_none_or(|to| date <= to)
    };
    let month_of = |date: CalendarDate| Month::new(date.year, date.month).expect("a real date");
    let month_kept = |month: Month| {
        choice.from.is_none_or(|from| month >= month_of(from))
            && choice.to.is_none_or(|to| month <= month_of(to))
    };
    part.interactions.retain(|i| {
        hcp_ids.contains(&i.hcp_id)
            && match &i.rep_id {
                Some(rep) => rep_ids.contains(rep),
                None => chosen_reps.is_empty(),
            }
            && i.product_id.as_deref().is_none_or(product_kept)
            && day_kept(crate::domain::time::Timestamp(i.at.0 + offset).date())
    });
    part.prescriptions.retain(|p| {
        let owner = match (&p.hcp_id, &p.account_id) {
            (Some(hcp), _) => hcp_ids.contains(hcp),
            (None, Some(account)) => account_ids.contains(account),
            (None, None) => false,
        };
        owner && product_kept(&p.product_id) && month_kept(p.period)
    });
    let geography_chosen =
        !chosen_regions.is_empty() || !chosen_territories.is_empty() || !chosen_reps.is_empty();
    part.targets.retain(|t| {
        let owner = match (&t.rep_id, &t.region_id) {
            _ if t.account_id.is_some() => t
                .account_id
                .as_ref()
                .is_some_and(|a| account_ids.contains(a)),
            _ if t.territory_id.is_some() => t
                .territory_id
                .as_ref()
                .is_some_and(|id| part.territories.iter().any(|t| &t.id == id)),
            (Some(rep), _) => rep_ids.contains(rep),
            (None, Some(region)) => region_ids.contains(region) && chosen_reps.is_empty(),
            (None, None) => !geography_chosen,
        };
        owner && product_kept(&t.product_id) && month_kept(t.period)
    });
    // Sales kept for a kept HCP may name an account that is not: the account stays with its
    // HCP anyway (HCPs are kept only at kept accounts), so nothing dangles.
    part.plans.retain(|saved| {
        saved
            .options
            .rep_id
            .as_ref()
            .is_none_or(|rep| rep_ids.contains(rep))
            && choice
                .from
                .is_none_or(|from| saved.plan.cycle.last_day() >= from)
    });
    for saved in &mut part.plans {
        let plan = &mut saved.plan;
        plan.rows
            .retain(|row| hcp_ids.contains(&row.hcp_id) && rep_ids.contains(&row.rep_id));
        plan.reps.retain(|rep| rep_ids.contains(&rep.rep_id));
        plan.recompute();
        if let Some(capacity) = &mut saved.options.capacity {
            capacity.reps.retain(|rep| rep_ids.contains(&rep.rep_id));
        }
        saved
            .options
            .goals
            .hcps
            .retain(|own| hcp_ids.contains(&own.hcp_id));
    }
    super::provenance::keep_named_sources(&mut part);
    part.settings.demo = false;
    part
}
