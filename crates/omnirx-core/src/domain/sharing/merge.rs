//! Several reps' files into one workspace (`docs/sharing.md`): records matched by id, activity
//! unioned by the keys the table import uses, and every record that both sides have with different
//! values listed field by field as a conflict, settled by the rule the user gives (or not).
//! Every record a file adds or replaces remembers the file it came from (its `source`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::model::{
    Account, Channel, Hcp, Interaction, Prescription, Product, Region, Rep, Source, SourceNumber,
    Target, Territory, Workspace,
};
use crate::domain::time::Timestamp;

/// The most the files of one merge may hold together in the browser, where the open workspace,
/// every file read and the merged workspace share the tab's wasm memory (4 GiB at most). Measured
/// in `./x bench merge12` (docs/sharing.md, *Figures*). The command line has no such limit.
pub const MAX_MERGE_BYTES_IN_THE_BROWSER: u64 = 400 << 20;

/// Which side wins a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefer {
    Mine,
    Theirs,
    /// The record changed last (`updated_at`); mine when theirs is not known to be newer (no
    /// time on theirs, or the same time).
    Newer,
}

/// The file a merged workspace comes from: its name as chosen and when it was written (the
/// file's last-modified time, where known). The workspace's name comes from the file itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncomingFile {
    pub file: String,
    pub written_at: Option<Timestamp>,
}

/// What a merge needs of a record besides its content: when it last changed (where the kind
/// carries it) and which merged file it came from.
pub trait MergedRecord: Clone + PartialEq + Serialize {
    fn source(&self) -> Option<SourceNumber>;
    fn set_source(&mut self, source: Option<SourceNumber>);
    fn updated_at(&self) -> Option<Timestamp> {
        None
    }
    fn set_updated_at(&mut self, _: Option<Timestamp>) {}
    /// The same record, whatever the file it came from and its update time.
    fn same_content(&self, other: &Self) -> bool {
        if self.source() == other.source() && self.updated_at() == other.updated_at() {
            return self == other;
        }
        let mut other = other.clone();
        other.set_source(self.source());
        other.set_updated_at(self.updated_at());
        *self == other
    }
}

/// `MergedRecord` for kinds with a `source`, and with `stamped` also an `updated_at`.
macro_rules! merged_record {
    ($($kind:ty),*) => {$(merged_record!(@impl $kind, {});)*};
    (stamped: $($kind:ty),*) => {$(merged_record!(@impl $kind, {
        fn updated_at(&self) -> Option<Timestamp> {
            self.updated_at
        }
        fn set_updated_at(&mut self, at: Option<Timestamp>) {
            self.updated_at = at;
        }
    });)*};
    (@impl $kind:ty, { $($stamp:tt)* }) => {
        impl MergedRecord for $kind {
            fn source(&self) -> Option<SourceNumber> {
                self.source
            }
            fn set_source(&mut self, source: Option<SourceNumber>) {
                self.source = source;
            }
            $($stamp)*
        }
    };
}

merged_record!(Channel, Region, Territory, Interaction, Prescription);
merged_record!(stamped: Product, Rep, Account, Hcp, Target);

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
    /// When each side's record last changed, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine_updated_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs_updated_at: Option<Timestamp>,
}

impl Conflict {
    /// The side "take the newer" gives: theirs only when theirs is known to have changed later.
    pub fn newer(&self) -> Prefer {
        match (self.mine_updated_at, self.theirs_updated_at) {
            (_, None) => Prefer::Mine,
            (None, Some(_)) => Prefer::Theirs,
            (Some(mine), Some(theirs)) if theirs > mine => Prefer::Theirs,
            _ => Prefer::Mine,
        }
    }
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

/// The fields of two records (as they are in the file) that differ, leaving out when they
/// changed and where they came from (those are not what the record says).
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
        .filter(|field| !matches!(field.as_str(), "updated_at" | "source"))
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
    /// Mine's merged files, with those of this merge added as records name them.
    sources: Vec<Source>,
    /// Theirs' merged files, and the file itself (for their own records).
    their_sources: &'a [Source],
    file: Source,
    /// Their source number (none: the file's own records) → mine's.
    numbers: HashMap<Option<SourceNumber>, Option<SourceNumber>>,
}

impl Merger<'_> {
    /// Mine's number for the file a record of theirs came from: the file itself for their own
    /// records, the file it names for a record theirs merged before. One already listed (the same
    /// workspace, file and time) keeps its number; a new one takes the next.
    fn number_for(&mut self, theirs: Option<SourceNumber>) -> Option<SourceNumber> {
        if let Some(&number) = self.numbers.get(&theirs) {
            return number;
        }
        let origin = theirs
            .and_then(|n| self.their_sources.iter().find(|s| s.number == n))
            .unwrap_or(&self.file);
        let same = |s: &&Source| {
            s.workspace == origin.workspace
                && s.file == origin.file
                && s.written_at == origin.written_at
        };
        let number = match self.sources.iter().find(same) {
            Some(known) => Some(known.number),
            None => {
                let next = self
                    .sources
                    .iter()
                    .map(|s| s.number.get())
                    .max()
                    .unwrap_or(0);
                let number = next.checked_add(1).and_then(SourceNumber::new);
                if let Some(number) = number {
                    self.sources.push(Source {
                        number,
                        ..origin.clone()
                    });
                }
                number
            }
        };
        self.numbers.insert(theirs, number);
        number
    }

    /// Their record as mine keeps it: naming mine's number for the file it came from.
    fn taken<T: MergedRecord>(&mut self, record: &T) -> T {
        let mut taken = record.clone();
        taken.set_source(self.number_for(record.source()));
        taken
    }

    /// Merges `theirs` into `mine`, records matched by `key`; new ones are appended in key order
    /// (appended, so that undoing a merge is cutting the lists back).
    fn list<T: MergedRecord>(
        &mut self,
        name: &str,
        mine: &mut Vec<T>,
        theirs: &[T],
        key: impl Fn(&T) -> String,
    ) {
        let mut counts = self.counts.remove(name).unwrap_or_default();
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
                None => added.push(self.taken(record)),
                Some(&position) if mine[position].same_content(record) => counts.unchanged += 1,
                Some(&position) => {
                    let conflict = Conflict {
                        list: name.to_string(),
                        id,
                        fields: differing(&mine[position], record),
                        mine_updated_at: mine[position].updated_at(),
                        theirs_updated_at: record.updated_at(),
                    };
                    let winner = match (self.resolve)(&conflict) {
                        Some(Prefer::Newer) => Some(conflict.newer()),
                        other => other,
                    };
                    self.conflicts.push(conflict);
                    match winner {
                        Some(Prefer::Theirs) => {
                            mine[position] = self.taken(record);
                            counts.updated += 1;
                        }
                        Some(_) => counts.unchanged += 1,
                        None => counts.conflicting += 1,
                    }
                }
            }
        }
        added.sort_by_key(|record| key(record));
        counts.added += added.len();
        mine.extend(added);
        self.counts.insert(name.to_string(), counts);
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

/// `theirs` (read from `file`) merged into `mine`; conflicts are settled by `prefer`, or left as
/// mine and listed. The workspace's settings are mine.
pub fn merge(
    mine: &Workspace,
    theirs: &Workspace,
    file: &IncomingFile,
    prefer: Option<Prefer>,
) -> Merged {
    merge_with(mine, theirs, file, &|_| prefer)
}

/// [`merge`] with each conflict settled by `resolve` (a choice per record).
pub fn merge_with(
    mine: &Workspace,
    theirs: &Workspace,
    file: &IncomingFile,
    resolve: &dyn Fn(&Conflict) -> Option<Prefer>,
) -> Merged {
    merge_into(mine.clone(), theirs, file, resolve)
}

/// [`merge_with`] into `mine` itself rather than a copy: several files merged in turn hold one
/// workspace, not two.
pub fn merge_into(
    mut workspace: Workspace,
    theirs: &Workspace,
    file: &IncomingFile,
    resolve: &dyn Fn(&Conflict) -> Option<Prefer>,
) -> Merged {
    let mut merger = Merger {
        resolve,
        counts: BTreeMap::new(),
        conflicts: Vec::new(),
        sources: std::mem::take(&mut workspace.sources),
        their_sources: &theirs.sources,
        file: Source {
            number: SourceNumber::MIN,
            workspace: theirs.settings.name.clone(),
            file: file.file.clone(),
            written_at: file.written_at,
        },
        numbers: HashMap::new(),
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
    workspace.sources = std::mem::take(&mut merger.sources);
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
