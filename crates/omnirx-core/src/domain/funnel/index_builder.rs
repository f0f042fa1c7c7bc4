//! The HCP funnel index built a slice at a time: each [`FunnelIndexBuilder::step`] does about as
//! much work as it is given and returns, so a page can build the index of millions of
//! interactions between frames. The one-call [`FunnelIndex::build`] runs the same steps
//! unbounded, so both give the same index.

use rustc_hash::FxHashMap as HashMap;

use crate::domain::model::Workspace;
use crate::domain::time_zone::fixed_utc_offset_seconds;

use super::definition::CountingUnit;
use super::index::{
    month_start_utc, positions, prefix_sums, EntityFacts, Event, FunnelIndex, PrescriptionMonth,
    NONE,
};

/// Where a build is.
#[derive(Debug)]
enum Phase {
    /// Interactions read and compacted, from this position.
    Interactions(usize),
    /// Compacted events placed per entity (a counting sort), from this position.
    Placing(usize),
    /// Each entity's events sorted by time, from this entity.
    Sorting(usize),
    /// Prescriptions given their owner, from this position.
    Prescriptions(usize),
    /// Everything read: the prescriptions placed and the index put together.
    Finishing,
    Done,
}

/// An HCP funnel index under construction; see the module's text. Every step must be given the
/// workspace the builder was made from, unchanged.
#[derive(Debug)]
pub struct FunnelIndexBuilder {
    phase: Phase,
    interactions: usize,
    prescriptions: usize,
    entities: Vec<EntityFacts>,
    tier_names: Vec<String>,
    compact: Vec<(u32, Event)>,
    event_counts: Vec<u32>,
    event_starts: Vec<u32>,
    next: Vec<u32>,
    events: Vec<Event>,
    data_end: Option<i64>,
    rx_owner: Vec<Option<u32>>,
    rx_counts: Vec<u32>,
    last_month: Option<i64>,
}

/// Each HCP's entity number, by id (the last of equal ids, as a map built in order keeps).
fn entity_of_hcp(workspace: &Workspace) -> HashMap<&str, u32> {
    workspace
        .hcps
        .iter()
        .enumerate()
        .map(|(index, hcp)| (hcp.id.as_str(), index as u32))
        .collect()
}

impl FunnelIndexBuilder {
    /// Starts a build: the entities (one per HCP, in file order) are made here.
    pub fn new(workspace: &Workspace) -> FunnelIndexBuilder {
        let regions = positions(workspace.regions.iter().map(|r| r.id.as_str()));
        let mut tier_names: Vec<String> = workspace
            .accounts
            .iter()
            .map(|a| a.tier.trim().to_string())
            .collect();
        tier_names.sort();
        tier_names.dedup();
        let tier_of = |tier: &str| {
            tier_names
                .binary_search_by(|known| known.as_str().cmp(tier.trim()))
                .map(|index| index as u16)
                .unwrap_or(NONE)
        };
        let account_position: HashMap<&str, usize> = workspace
            .accounts
            .iter()
            .enumerate()
            .map(|(index, account)| (account.id.as_str(), index))
            .collect();
        let entities: Vec<EntityFacts> = workspace
            .hcps
            .iter()
            .map(|hcp| {
                let account = account_position
                    .get(hcp.account_id.as_str())
                    .map(|&index| &workspace.accounts[index]);
                EntityFacts {
                    id: hcp.id.clone(),
                    name: hcp.name.clone(),
                    region: account
                        .and_then(|a| regions.get(a.region_id.as_str()))
                        .unwrap_or(NONE),
                    tier: account.map(|a| tier_of(&a.tier)).unwrap_or(NONE),
                }
            })
            .collect();
        let entity_count = entities.len();
        FunnelIndexBuilder {
            phase: Phase::Interactions(0),
            interactions: workspace.interactions.len(),
            prescriptions: workspace.prescriptions.len(),
            entities,
            tier_names,
            compact: Vec::with_capacity(workspace.interactions.len()),
            event_counts: vec![0; entity_count + 1],
            event_starts: Vec::new(),
            next: Vec::new(),
            events: Vec::new(),
            data_end: None,
            rx_owner: Vec::with_capacity(workspace.prescriptions.len()),
            rx_counts: vec![0; entity_count + 1],
            last_month: None,
        }
    }

    /// How far the build is, in records handled of all it handles (interactions twice: read,
    /// then placed and sorted; prescriptions once).
    pub fn progress(&self) -> (usize, usize) {
        let total = 2 * self.interactions + self.prescriptions;
        let done = match self.phase {
            Phase::Interactions(at) => at,
            Phase::Placing(at) => self.interactions + at / 2,
            Phase::Sorting(entity) => {
                let at = self.event_starts.get(entity).copied().unwrap_or(0) as usize;
                self.interactions + self.compact.len().max(self.events.len()) / 2 + at / 2
            }
            Phase::Prescriptions(at) => 2 * self.interactions + at,
            Phase::Finishing | Phase::Done => total,
        };
        (done.min(total), total)
    }

    /// Does about `work` records' worth of the build (a phase's setup counts for nothing, and
    /// the last step places and sorts the prescriptions whole); the index when it is complete.
    /// Called again after that, it returns `None`.
    pub fn step(&mut self, workspace: &Workspace, work: usize) -> Option<FunnelIndex> {
        debug_assert_eq!(workspace.interactions.len(), self.interactions);
        let work = work.max(1);
        let mut left = work;
        loop {
            match self.phase {
                Phase::Interactions(from) => {
                    let to = from.saturating_add(left).min(self.interactions);
                    self.read_interactions(workspace, from, to);
                    left -= to - from;
                    if to < self.interactions {
                        self.phase = Phase::Interactions(to);
                        return None;
                    }
                    self.event_starts = prefix_sums(&self.event_counts);
                    self.next = self.event_starts.clone();
                    self.events = vec![Event::EMPTY; self.compact.len()];
                    self.phase = Phase::Placing(0);
                }
                Phase::Placing(from) => {
                    let to = from.saturating_add(left).min(self.compact.len());
                    for &(entity, event) in &self.compact[from..to] {
                        let slot = &mut self.next[entity as usize];
                        self.events[*slot as usize] = event;
                        *slot += 1;
                    }
                    left -= to - from;
                    if to < self.compact.len() {
                        self.phase = Phase::Placing(to);
                        return None;
                    }
                    self.compact = Vec::new();
                    self.next = Vec::new();
                    self.phase = Phase::Sorting(0);
                }
                Phase::Sorting(from) => {
                    // A stable sort keeps the file's order among events of the same second.
                    let mut entity = from;
                    while entity < self.entities.len() && left > 0 {
                        let range = self.event_starts[entity] as usize
                            ..self.event_starts[entity + 1] as usize;
                        left = left.saturating_sub(range.len().max(1));
                        let slice = &mut self.events[range];
                        if !slice.windows(2).all(|pair| pair[0].at <= pair[1].at) {
                            slice.sort_by_key(|event| event.at);
                        }
                        entity += 1;
                    }
                    if entity < self.entities.len() {
                        self.phase = Phase::Sorting(entity);
                        return None;
                    }
                    self.phase = Phase::Prescriptions(0);
                }
                Phase::Prescriptions(from) => {
                    let to = from.saturating_add(left).min(self.prescriptions);
                    self.own_prescriptions(workspace, from, to);
                    left -= to - from;
                    if to < self.prescriptions {
                        self.phase = Phase::Prescriptions(to);
                        return None;
                    }
                    self.phase = Phase::Finishing;
                }
                Phase::Finishing => {
                    self.phase = Phase::Done;
                    return Some(self.finish(workspace));
                }
                Phase::Done => return None,
            }
            if left == 0 {
                return None;
            }
        }
    }

    /// Interactions `from..to`, each read once (their ids live in scattered heap strings, so
    /// reading them is the slow part) and compacted. Unknown HCPs and channels are left out.
    fn read_interactions(&mut self, workspace: &Workspace, from: usize, to: usize) {
        if from == to {
            return;
        }
        // The lookups are made again each step (tens of thousands of ids at most: about a
        // millisecond), so the builder borrows nothing from the workspace between steps.
        let channels = positions(workspace.channels.iter().map(|c| c.id.as_str()));
        let products = positions(workspace.products.iter().map(|p| p.id.as_str()));
        let reps = positions(workspace.reps.iter().map(|r| r.id.as_str()));
        let entity_of_hcp = entity_of_hcp(workspace);
        for interaction in &workspace.interactions[from..to] {
            let Some(&entity) = entity_of_hcp.get(interaction.hcp_id.as_str()) else {
                continue;
            };
            let Some(channel) = channels.get(interaction.channel_id.as_str()) else {
                continue;
            };
            self.event_counts[entity as usize] += 1;
            self.compact.push((
                entity,
                Event {
                    at: interaction.at.0,
                    channel,
                    product: interaction
                        .product_id
                        .as_deref()
                        .and_then(|id| products.get(id))
                        .unwrap_or(NONE),
                    rep: interaction
                        .rep_id
                        .as_deref()
                        .and_then(|id| reps.get(id))
                        .unwrap_or(NONE),
                    kind: interaction.kind as u8,
                    outcome: interaction.outcome as u8,
                },
            ));
            let at = interaction.at.0;
            self.data_end = Some(self.data_end.map_or(at, |end| end.max(at)));
        }
    }

    /// Prescriptions `from..to` given their entity: months with units > 0 of a known product.
    /// An account-level record without an HCP belongs to the account and so only to account
    /// funnels; where the market rules forbid HCP-level prescription figures, no HCP is given
    /// any: every record belongs to its account (docs/compliance.md).
    fn own_prescriptions(&mut self, workspace: &Workspace, from: usize, to: usize) {
        if from == to {
            return;
        }
        let products = positions(workspace.products.iter().map(|p| p.id.as_str()));
        let entity_of_hcp = entity_of_hcp(workspace);
        let hcp_level_allowed = !workspace.settings.market_rules.forbids_hcp_prescriptions();
        for prescription in &workspace.prescriptions[from..to] {
            let entity = prescription
                .hcp_id
                .as_deref()
                .filter(|_| hcp_level_allowed)
                .and_then(|hcp| entity_of_hcp.get(hcp).copied());
            let entity = entity
                .filter(|_| prescription.units > 0)
                .filter(|_| products.contains_key(prescription.product_id.as_str()));
            if let Some(entity) = entity {
                self.rx_counts[entity as usize] += 1;
            }
            // The end of the data is a property of the file: account-only months count too, and
            // so do months whose records all have 0 units (reported, with nothing prescribed).
            if products.contains_key(prescription.product_id.as_str()) {
                let month = prescription.period.index();
                self.last_month = Some(self.last_month.map_or(month, |last| last.max(month)));
            }
            self.rx_owner.push(entity);
        }
    }

    /// The prescriptions placed and sorted per entity, and the index put together.
    fn finish(&mut self, workspace: &Workspace) -> FunnelIndex {
        let utc_offset = fixed_utc_offset_seconds(&workspace.settings.time_zone);
        let offset = utc_offset.unwrap_or(0);
        let products = positions(workspace.products.iter().map(|p| p.id.as_str()));
        let entity_count = self.entities.len();
        let prescription_starts = prefix_sums(&self.rx_counts);
        let mut next = prescription_starts.clone();
        let mut prescription_months = vec![
            PrescriptionMonth {
                month: 0,
                product: 0
            };
            *prescription_starts.last().unwrap_or(&0) as usize
        ];
        for (prescription, entity) in workspace.prescriptions.iter().zip(&self.rx_owner) {
            let Some(entity) = entity else { continue };
            let slot = &mut next[*entity as usize];
            prescription_months[*slot as usize] = PrescriptionMonth {
                month: prescription.period.index(),
                product: products.get(&prescription.product_id).unwrap_or(NONE),
            };
            *slot += 1;
        }
        for entity in 0..entity_count {
            let range =
                prescription_starts[entity] as usize..prescription_starts[entity + 1] as usize;
            prescription_months[range].sort_unstable();
        }
        let mut data_end = self.data_end;
        if let Some(month) = self.last_month {
            let end = month_start_utc(month + 1, offset) - 1;
            data_end = Some(data_end.map_or(end, |current| current.max(end)));
        }
        FunnelIndex {
            unit: CountingUnit::Hcp,
            entities: std::mem::take(&mut self.entities),
            event_starts: std::mem::take(&mut self.event_starts),
            events: std::mem::take(&mut self.events),
            prescription_starts,
            prescriptions: prescription_months,
            utc_offset: offset,
            time_zone_known: utc_offset.is_some(),
            data_end,
            channel_names: workspace.channels.iter().map(|c| c.name.clone()).collect(),
            product_names: workspace.products.iter().map(|p| p.name.clone()).collect(),
            rep_names: workspace.reps.iter().map(|r| r.name.clone()).collect(),
            region_names: workspace.regions.iter().map(|r| r.name.clone()).collect(),
            tier_names: std::mem::take(&mut self.tier_names),
        }
    }
}

impl FunnelIndex {
    /// Builds the index for a counting unit. An account index is always derived from the HCP
    /// index ([`FunnelIndex::accounts_from_hcps`]), so the app (which derives it from the HCP
    /// index it already has) and the CLI order ties the same way.
    pub fn build(workspace: &Workspace, unit: CountingUnit) -> FunnelIndex {
        let hcps = build_for_hcps(workspace);
        match unit {
            CountingUnit::Hcp => hcps,
            CountingUnit::Account => hcps.accounts_from_hcps(workspace),
        }
    }
}

/// The HCP index in one call: [`FunnelIndexBuilder`]'s steps, unbounded.
fn build_for_hcps(workspace: &Workspace) -> FunnelIndex {
    let mut builder = FunnelIndexBuilder::new(workspace);
    loop {
        if let Some(index) = builder.step(workspace, usize::MAX) {
            return index;
        }
    }
}
