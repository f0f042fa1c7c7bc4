//! Several reps' files into one workspace (`docs/sharing.md`): records matched by id, activity
//! unioned by the keys the table import uses, and every record that both sides have with different
//! values listed field by field as a conflict, settled by the rule the user gives (or not).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::model::{Interaction, Prescription, Target, Workspace};

/// Which side wins a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefer {
    Mine,
    Theirs,
}

/// One field that differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// A record both sides have, with different values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// `hcps`, `accounts`, `interactions`…
    pub list: String,
    /// The record's id, or its key for activity (`h-12 2026-03-04T09:00 ch-visit visit`).
    pub id: String,
    pub fields: Vec<FieldConflict>,
}

/// Per list: records added, updated (a conflict settled for theirs), in conflict, unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeCounts {
    pub added: usize,
    pub updated: usize,
    pub conflicting: usize,
    pub unchanged: usize,
}

/// The result: the merged workspace, what happened per list, and every conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub workspace: Workspace,
    pub counts: BTreeMap<String, MergeCounts>,
    pub conflicts: Vec<Conflict>,
    /// Mine are under market rules that forbid HCP-level prescriptions: theirs were summed per
    /// account (`docs/compliance.md`).
    pub aggregation: crate::domain::compliance::Aggregation,
}

/// The fields of two records (as they are in the file) that differ.
fn differing<T: Serialize>(mine: &T, theirs: &T) -> Vec<FieldConflict> {
    let (serde_json::Value::Object(mine), serde_json::Value::Object(theirs)) = (
        serde_json::to_value(mine).expect("records serialise"),
        serde_json::to_value(theirs).expect("records serialise"),
    ) else {
        return Vec::new();
    };
    let mut fields: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
    fields.sort();
    fields.dedup();
    let shown = |value: Option<&serde_json::Value>| match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    fields
        .into_iter()
        .filter(|field| mine.get(*field) != theirs.get(*field))
        .map(|field| FieldConflict {
            field: field.clone(),
            mine: shown(mine.get(field)),
            theirs: shown(theirs.get(field)),
        })
        .collect()
}

struct Merger<'a> {
    /// Which side wins a conflict (none: mine stays, and the conflict counts as open).
    resolve: &'a dyn Fn(&Conflict) -> Option<Prefer>,
    counts: BTreeMap<String, MergeCounts>,
    conflicts: Vec<Conflict>,
}

impl Merger<'_> {
    /// Merges `theirs` into `mine`, records matched by `key`; new ones are appended in key order
    /// (appended, so that undoing a merge is cutting the lists back).
    fn list<T: Clone + PartialEq + Serialize>(
        &mut self,
        name: &str,
        mine: &mut Vec<T>,
        theirs: &[T],
        key: impl Fn(&T) -> String,
    ) {
        let counts = self.counts.entry(name.to_string()).or_default();
        let index: HashMap<String, usize> = mine
            .iter()
            .enumerate()
            .map(|(position, record)| (key(record), position))
            .collect();
        let mut added: Vec<T> = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        for record in theirs {
            let id = key(record);
            if seen.insert(id.clone(), ()).is_some() {
                continue;
            }
            match index.get(&id) {
                None => added.push(record.clone()),
                Some(&position) if mine[position] == *record => counts.unchanged += 1,
                Some(&position) => {
                    let conflict = Conflict {
                        list: name.to_string(),
                        id,
                        fields: differing(&mine[position], record),
                    };
                    let winner = (self.resolve)(&conflict);
                    self.conflicts.push(conflict);
                    match winner {
                        Some(Prefer::Theirs) => {
                            mine[position] = record.clone();
                            counts.updated += 1;
                        }
                        Some(Prefer::Mine) => counts.unchanged += 1,
                        None => counts.conflicting += 1,
                    }
                }
            }
        }
        added.sort_by_key(|record| key(record));
        counts.added += added.len();
        mine.extend(added);
    }

    /// Definitions (funnels, rules, maps, saved plans): one with the same id and other content is
    /// kept beside the own one, under a new id; `rename` gives it that id and names its source.
    /// One kept beside before (the same file merged again) is not added twice.
    fn definitions<T: Clone + PartialEq>(
        &mut self,
        name: &str,
        mine: &mut Vec<T>,
        theirs: &[T],
        id: impl Fn(&T) -> &str,
        rename: impl Fn(&mut T, String),
    ) {
        let counts = self.counts.entry(name.to_string()).or_default();
        for record in theirs {
            match mine.iter().find(|m| id(m) == id(record)) {
                None => {
                    counts.added += 1;
                    mine.push(record.clone());
                }
                Some(existing) if existing == record => counts.unchanged += 1,
                Some(_)
                    if mine.iter().any(|kept| {
                        let kept_id = id(kept);
                        kept_id
                            .strip_prefix(id(record))
                            .and_then(|rest| rest.strip_prefix('-'))
                            .is_some_and(|n| n.parse::<u32>().is_ok())
                            && {
                                let mut renamed = record.clone();
                                rename(&mut renamed, kept_id.to_string());
                                renamed == *kept
                            }
                    }) =>
                {
                    counts.unchanged += 1
                }
                Some(_) => {
                    let mut n = 2;
                    while mine.iter().any(|m| id(m) == format!("{}-{n}", id(record))) {
                        n += 1;
                    }
                    let mut kept = record.clone();
                    rename(&mut kept, format!("{}-{n}", id(record)));
                    counts.added += 1;
                    mine.push(kept);
                }
            }
        }
    }
}

fn interaction_key(i: &Interaction) -> String {
    format!("{} {} {} {:?}", i.hcp_id, i.at.0, i.channel_id, i.kind)
}

fn sale_key(p: &Prescription) -> String {
    format!(
        "{} {} {} {}",
        p.hcp_id.as_deref().unwrap_or("-"),
        p.account_id.as_deref().unwrap_or("-"),
        p.period,
        p.product_id
    )
}

fn target_key(t: &Target) -> String {
    format!(
        "{} {} {} {} {} {}",
        t.period,
        t.rep_id.as_deref().unwrap_or("-"),
        t.region_id.as_deref().unwrap_or("-"),
        t.territory_id.as_deref().unwrap_or("-"),
        t.account_id.as_deref().unwrap_or("-"),
        t.product_id
    )
}

/// `theirs` merged into `mine`; conflicts are settled by `prefer`, or left as mine and listed.
/// The workspace's settings are mine.
pub fn merge(mine: &Workspace, theirs: &Workspace, prefer: Option<Prefer>) -> Merged {
    merge_with(mine, theirs, &|_| prefer)
}

/// [`merge`] with each conflict settled by `resolve` (a choice per record).
pub fn merge_with(
    mine: &Workspace,
    theirs: &Workspace,
    resolve: &dyn Fn(&Conflict) -> Option<Prefer>,
) -> Merged {
    let mut workspace = mine.clone();
    let mut merger = Merger {
        resolve,
        counts: BTreeMap::new(),
        conflicts: Vec::new(),
    };
    let w = &mut workspace;
    merger.list("products", &mut w.products, &theirs.products, |r| {
        r.id.clone()
    });
    merger.list("channels", &mut w.channels, &theirs.channels, |r| {
        r.id.clone()
    });
    merger.list("regions", &mut w.regions, &theirs.regions, |r| r.id.clone());
    merger.list(
        "territories",
        &mut w.territories,
        &theirs.territories,
        |r| r.id.clone(),
    );
    merger.list("reps", &mut w.reps, &theirs.reps, |r| r.id.clone());
    merger.list("accounts", &mut w.accounts, &theirs.accounts, |r| {
        r.id.clone()
    });
    merger.list("hcps", &mut w.hcps, &theirs.hcps, |r| r.id.clone());
    merger.list(
        "interactions",
        &mut w.interactions,
        &theirs.interactions,
        interaction_key,
    );
    merger.list(
        "prescriptions",
        &mut w.prescriptions,
        &theirs.prescriptions,
        sale_key,
    );
    merger.list("targets", &mut w.targets, &theirs.targets, target_key);
    let source = theirs.settings.name.clone();
    let named = |name: &mut String| *name = format!("{name} ({source})");
    merger.definitions(
        "funnels",
        &mut w.funnels,
        &theirs.funnels,
        |f| &f.id,
        |f, id| {
            f.id = id;
            named(&mut f.name);
        },
    );
    merger.definitions(
        "segment_rule_sets",
        &mut w.segment_rule_sets,
        &theirs.segment_rule_sets,
        |r| &r.id,
        |r, id| {
            r.id = id;
            named(&mut r.name);
        },
    );
    merger.definitions(
        "journeys",
        &mut w.journeys,
        &theirs.journeys,
        |j| &j.id,
        |j, id| {
            j.id = id;
            named(&mut j.name);
        },
    );
    // A saved plan of theirs for the same cycle and scope with other figures is kept beside
    // mine under a new id: mine stays the cycle's plan.
    merger.definitions(
        "plans",
        &mut w.plans,
        &theirs.plans,
        |p| &p.id,
        |p, id| {
            p.id = id;
            named(&mut p.name);
        },
    );
    // A saved mapping is known by its name.
    merger.definitions(
        "table_mappings",
        &mut w.table_mappings,
        &theirs.table_mappings,
        |m| &m.name,
        |m, _| named(&mut m.name),
    );
    // The settings are mine, and so are the market rules: what theirs hold at HCP level is
    // summed per account before anything is stored.
    let aggregation = if workspace.settings.market_rules.forbids_hcp_prescriptions() {
        crate::domain::compliance::aggregate_to_accounts(&mut workspace)
    } else {
        Default::default()
    };
    Merged {
        workspace,
        counts: merger.counts,
        conflicts: merger.conflicts,
        aggregation,
    }
}
