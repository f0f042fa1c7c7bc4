//! Market rules (`docs/compliance.md`): what a workspace under China's rules may hold and show,
//! and the aggregation of HCP-level prescriptions to accounts that keeps it so.
//!
//! The guarantee is kept in storage: a workspace under rules that forbid HCP-level prescription
//! figures holds none. Every way in goes through this module: switching the rules on
//! ([`set_market_rules`]), the JSON and table imports ([`settle_incoming`]), the merge and the
//! "China compliance" demo. The analyses follow the rules too ([`funnel_unit`], the segmentation
//! base), so a file that breaks them still shows no HCP-level figure.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::funnel::{CountingUnit, FunnelDefinition};
use crate::domain::model::{MarketRules, Prescription, Target, Workspace};
use crate::domain::time::Month;

/// Whether a prescription record is an individual HCP's (it names an HCP).
pub fn is_hcp_level(prescription: &Prescription) -> bool {
    prescription.hcp_id.is_some()
}

/// How many prescription records name an HCP.
pub fn hcp_level_prescriptions(workspace: &Workspace) -> usize {
    workspace
        .prescriptions
        .iter()
        .filter(|p| is_hcp_level(p))
        .count()
}

/// What [`aggregate_to_accounts`] did. Units and value are never lost: every HCP-level record
/// ends up in exactly one account-level record, except those whose account is unknown, which are
/// counted in `without_account`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregation {
    /// HCP-level records folded into account-level records.
    pub hcp_records: usize,
    /// Account-level records written for them (one per account, product and month).
    pub new_account_records: usize,
    /// Account-level records that were already there (same account, product and month) and that
    /// HCP-level records were added to.
    pub added_to_existing: usize,
    /// HCP-level records left out because neither they nor their HCP name a known account.
    pub without_account: usize,
}

impl Aggregation {
    /// Adds another aggregation's counts (several files merged in turn).
    pub fn add(&mut self, other: &Aggregation) {
        self.hcp_records += other.hcp_records;
        self.new_account_records += other.new_account_records;
        self.added_to_existing += other.added_to_existing;
        self.without_account += other.without_account;
    }

    pub fn is_empty(&self) -> bool {
        self.hcp_records == 0 && self.without_account == 0
    }
}

type SaleKey = (String, String, Month);

/// Replaces every HCP-level prescription with account-level records: units and value summed per
/// account × product × month. The account is the record's own `account_id` when it names a known
/// account, else the HCP's account.
///
/// An account-level record already present for the same account, product and month is
/// **added to**, not doubled and not replaced: in OmniRx an account-level record holds what was
/// recorded for the account without an HCP (the account funnel already counts it beside its HCPs'
/// records), so the account's total after the aggregation is the same as before. Records that were
/// account-level keep their positions; the new records follow them in the order of their first
/// HCP-level record, so an import that only appended keeps its undo.
pub fn aggregate_to_accounts(workspace: &mut Workspace) -> Aggregation {
    let mut summary = Aggregation::default();
    if !workspace.prescriptions.iter().any(is_hcp_level) {
        return summary;
    }
    let accounts: HashSet<&str> = workspace.accounts.iter().map(|a| a.id.as_str()).collect();
    let account_of_hcp: HashMap<&str, &str> = workspace
        .hcps
        .iter()
        .map(|h| (h.id.as_str(), h.account_id.as_str()))
        .collect();
    let account_of = |p: &Prescription| -> Option<String> {
        p.account_id
            .as_deref()
            .filter(|id| accounts.contains(id))
            .or_else(|| {
                p.hcp_id
                    .as_deref()
                    .and_then(|hcp| account_of_hcp.get(hcp).copied())
                    .filter(|id| accounts.contains(id))
            })
            .map(str::to_string)
    };
    let records = std::mem::take(&mut workspace.prescriptions);
    let (hcp_level, account_level): (Vec<Prescription>, Vec<Prescription>) =
        records.into_iter().partition(is_hcp_level);
    let mut kept = account_level;
    let existing = kept.len();
    // The first account-level record of each key takes the HCP-level records of that key.
    let mut slots: HashMap<SaleKey, (usize, bool)> = HashMap::new();
    for (index, record) in kept.iter().enumerate() {
        if let Some(account) = &record.account_id {
            slots
                .entry((account.clone(), record.product_id.clone(), record.period))
                .or_insert((index, false));
        }
    }
    for record in hcp_level {
        let Some(account) = account_of(&record) else {
            summary.without_account += 1;
            continue;
        };
        summary.hcp_records += 1;
        let key = (account.clone(), record.product_id.clone(), record.period);
        match slots.get_mut(&key) {
            Some((index, touched)) => {
                if *index < existing && !*touched {
                    summary.added_to_existing += 1;
                }
                *touched = true;
                let target = &mut kept[*index];
                target.units = target.units.saturating_add(record.units);
                target.value += record.value;
            }
            None => {
                slots.insert(key, (kept.len(), true));
                summary.new_account_records += 1;
                kept.push(Prescription {
                    source: record.source,
                    period: record.period,
                    hcp_id: None,
                    account_id: Some(account),
                    product_id: record.product_id,
                    units: record.units,
                    value: record.value,
                });
            }
        }
    }
    workspace.prescriptions = kept;
    summary
}

/// Removes every HCP-level prescription; the count removed.
pub fn leave_out_hcp_prescriptions(workspace: &mut Workspace) -> usize {
    let before = workspace.prescriptions.len();
    workspace.prescriptions.retain(|p| !is_hcp_level(p));
    before - workspace.prescriptions.len()
}

/// Sets the workspace's market rules; rules that forbid HCP-level prescriptions aggregate them
/// to accounts in the same step, so the workspace is never stored breaking its rules.
pub fn set_market_rules(workspace: &mut Workspace, rules: MarketRules) -> Aggregation {
    workspace.settings.market_rules = rules;
    if rules.forbids_hcp_prescriptions() {
        aggregate_to_accounts(workspace)
    } else {
        Aggregation::default()
    }
}

/// Where a workspace stands against its rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ComplianceCheck {
    pub rules: MarketRules,
    /// HCP-level prescription records, when the rules forbid them (else 0).
    pub hcp_prescriptions: usize,
    /// Targets held by a rep, when the rules forbid rep quotas (else 0). They may be stored (a
    /// file from elsewhere, or kept from before): the rules forbid *showing* them as a rep's
    /// quota, so views roll them up to the rep's territory or region ([`shown_holder`]).
    pub rep_targets: usize,
}

impl ComplianceCheck {
    /// Whether the workspace obeys its rules: no HCP-level prescription is stored where they
    /// are forbidden. Rep targets do not break the rules; showing them as quotas would.
    pub fn obeys(&self) -> bool {
        self.hcp_prescriptions == 0
    }
}

pub fn check(workspace: &Workspace) -> ComplianceCheck {
    let rules = workspace.settings.market_rules;
    ComplianceCheck {
        rules,
        hcp_prescriptions: if rules.forbids_hcp_prescriptions() {
            hcp_level_prescriptions(workspace)
        } else {
            0
        },
        rep_targets: if rules.forbids_rep_quotas() {
            workspace
                .targets
                .iter()
                .filter(|t| t.rep_id.is_some())
                .count()
        } else {
            0
        },
    }
}

/// Who holds a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetHolder<'a> {
    Rep(&'a str),
    Account(&'a str),
    Territory(&'a str),
    Region(&'a str),
    Team,
}

/// The target's holder as stored: the most specific of rep, account, territory and region given.
pub fn target_holder(target: &Target) -> TargetHolder<'_> {
    if let Some(rep) = &target.rep_id {
        TargetHolder::Rep(rep)
    } else if let Some(account) = &target.account_id {
        TargetHolder::Account(account)
    } else if let Some(territory) = &target.territory_id {
        TargetHolder::Territory(territory)
    } else if let Some(region) = &target.region_id {
        TargetHolder::Region(region)
    } else {
        TargetHolder::Team
    }
}

/// The holder a target is shown under. Where the rules forbid rep quotas a rep's target is
/// shown as part of the account or territory it names, else of the rep's own territory, else of
/// the region it names or the rep's region, else of the team: never as the rep's.
pub fn shown_holder<'a>(workspace: &'a Workspace, target: &'a Target) -> TargetHolder<'a> {
    let holder = target_holder(target);
    let TargetHolder::Rep(rep_id) = holder else {
        return holder;
    };
    if !workspace.settings.market_rules.forbids_rep_quotas() {
        return holder;
    }
    if let Some(account) = &target.account_id {
        return TargetHolder::Account(account);
    }
    if let Some(territory) = &target.territory_id {
        return TargetHolder::Territory(territory);
    }
    let rep = workspace.reps.iter().find(|r| r.id == rep_id);
    if let Some(territory) = rep.and_then(|rep| rep.territory_id.as_ref()) {
        return TargetHolder::Territory(territory);
    }
    if let Some(region) = &target.region_id {
        return TargetHolder::Region(region);
    }
    match rep {
        Some(rep) => TargetHolder::Region(&rep.region_id),
        None => TargetHolder::Team,
    }
}

/// What to do with the HCP-level prescriptions of a file coming into a workspace whose rules
/// forbid them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomingChoice {
    /// Sum them per account, product and month ([`aggregate_to_accounts`]).
    #[default]
    AggregateToAccounts,
    /// Import the rest of the file without them.
    LeaveOut,
}

/// What [`settle_incoming`] did with the file's HCP-level prescriptions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    pub aggregation: Aggregation,
    pub left_out: usize,
}

/// The rules of a workspace file once opened: the file's own, or China's when it replaces a
/// workspace under China's rules (replacing a workspace's data does not lift its market rules).
pub fn incoming_rules(file: MarketRules, replaced: Option<MarketRules>) -> MarketRules {
    if replaced == Some(MarketRules::China) {
        MarketRules::China
    } else {
        file
    }
}

/// How many HCP-level prescriptions of `incoming` need the user's choice before it may become a
/// workspace under `rules` (0: none, nothing to ask).
pub fn incoming_hcp_prescriptions(incoming: &Workspace, rules: MarketRules) -> usize {
    if rules.forbids_hcp_prescriptions() {
        hcp_level_prescriptions(incoming)
    } else {
        0
    }
}

/// Puts `workspace` (an imported file, or a workspace after a table import) under `rules` with
/// the user's choice for its HCP-level prescriptions. Done in memory, before the one write.
pub fn settle_incoming(
    workspace: &mut Workspace,
    rules: MarketRules,
    choice: IncomingChoice,
) -> Settled {
    workspace.settings.market_rules = rules;
    if !rules.forbids_hcp_prescriptions() {
        return Settled::default();
    }
    match choice {
        IncomingChoice::AggregateToAccounts => Settled {
            aggregation: aggregate_to_accounts(workspace),
            left_out: 0,
        },
        IncomingChoice::LeaveOut => Settled {
            aggregation: Aggregation::default(),
            left_out: leave_out_hcp_prescriptions(workspace),
        },
    }
}

/// The unit a funnel is counted in under the rules: a funnel of HCPs with a prescription step
/// counts accounts where the rules forbid HCP-level prescription figures (its prescription steps
/// work at the account level); any other funnel keeps its own unit.
pub fn funnel_unit(definition: &FunnelDefinition, rules: MarketRules) -> CountingUnit {
    if counted_per_account_by_rules(definition, rules) {
        CountingUnit::Account
    } else {
        definition.unit
    }
}

/// Whether the rules make a funnel of HCPs count accounts (see [`funnel_unit`]).
pub fn counted_per_account_by_rules(definition: &FunnelDefinition, rules: MarketRules) -> bool {
    rules.forbids_hcp_prescriptions()
        && definition.unit == CountingUnit::Hcp
        && definition.manual_counts.is_none()
        && definition
            .steps
            .iter()
            .any(|s| s.condition.is_prescription())
}
