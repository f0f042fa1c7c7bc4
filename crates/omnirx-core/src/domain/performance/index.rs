//! The workspace read once for performance: records as small numbers, HCPs aligned to reps,
//! sales and contacts as compact rows. Built once per data change; every query reads it.

use rustc_hash::FxHashMap as HashMap;

use crate::domain::compliance::{shown_holder, TargetHolder};
use crate::domain::funnel::{CountingUnit, FunnelIndex};
use crate::domain::model::{ChannelKind, Influence, InteractionKind, Workspace};
use crate::domain::time::{Month, Timestamp};
use crate::domain::time_zone::fixed_utc_offset_seconds;

/// "No record" in an index column.
pub const NONE: u32 = u32::MAX;

/// Who holds a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holder {
    Team,
    Region(u32),
    Territory(u32),
    Rep(u32),
    Account(u32),
}

/// One prescription or sales record: `hcp` is [`NONE`] for account-level sales.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SaleRow {
    pub month: i64,
    pub product: u32,
    pub account: u32,
    pub hcp: u32,
    pub rep: u32,
    pub units: f64,
    pub value: f64,
}

/// One interaction: its local day (days since 1970-01-01 in the workspace's zone) and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactRow {
    pub day: i32,
    pub month: i32,
    pub hcp: u32,
    pub rep: u32,
    pub channel: u16,
    pub kind: u8,
    /// Whether the interaction is a contact (see [`is_contact`]) through a digital channel.
    pub digital: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetRow {
    pub month: i64,
    pub product: u32,
    pub holder: Holder,
    pub units: f64,
    pub value: f64,
}

/// Something in the data the Performance page cannot use as it is, said as a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A record names a rep, product, region, territory or account that does not exist.
    UnknownReference {
        path: String,
        kind: &'static str,
        id: String,
    },
    /// Two targets for the same holder, product and month: the first is used.
    DuplicateTarget { path: String, first_path: String },
    /// A holder has its own target and targets below it for the same months: its own is used.
    OverlappingTargets { holder: String },
}

/// The interaction kinds that count as a contact: a rep's visit, call, remote detailing or
/// pharmacy visit, an e-mail or WeChat message sent, a meeting attended. Replies (opened, read,
/// clicked), invitations and samples (given during a visit) are not contacts of their own.
pub fn is_contact(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Visit
            | InteractionKind::Call
            | InteractionKind::RemoteDetailing
            | InteractionKind::PharmacyVisit
            | InteractionKind::EmailSent
            | InteractionKind::WechatMessage
            | InteractionKind::MeetingAttended
    )
}

/// The kinds that are a rep's calls, counted per field day: visits, phone calls, remote
/// detailing, pharmacy visits.
pub fn is_call(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Visit
            | InteractionKind::Call
            | InteractionKind::RemoteDetailing
            | InteractionKind::PharmacyVisit
    )
}

/// Digital channels: e-mail, WeChat, webinars and remote detailing.
pub fn is_digital(kind: ChannelKind) -> bool {
    matches!(
        kind,
        ChannelKind::Email
            | ChannelKind::Wechat
            | ChannelKind::Webinar
            | ChannelKind::RemoteDetailing
    )
}

/// Ids to indexes, for the queries' scopes.
#[derive(Clone, Debug, Default)]
pub struct Lookup {
    pub regions: HashMap<String, u32>,
    pub territories: HashMap<String, u32>,
    pub reps: HashMap<String, u32>,
    pub accounts: HashMap<String, u32>,
    pub hcps: HashMap<String, u32>,
    pub products: HashMap<String, u32>,
    pub channels: HashMap<String, u32>,
}

fn lookup<T>(records: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, u32> {
    let mut map = HashMap::with_capacity_and_hasher(records.len(), Default::default());
    for (index, record) in records.iter().enumerate() {
        map.entry(id(record).to_string()).or_insert(index as u32);
    }
    map
}

/// The workspace as the Performance page reads it.
#[derive(Clone, Debug, Default)]
pub struct PerformanceData {
    /// The first month with a sale or a target, and the last with a sale, a contact or a target.
    pub first: Option<Month>,
    pub last: Option<Month>,
    /// The last month with sales or contacts: the "end of the data", up to which activity is
    /// counted.
    pub data_end: Option<Month>,
    /// The last month with a sales or prescription record: how much of a period has elapsed for
    /// its targets, and where the forecast starts (a few contacts spilling into a month with no
    /// sales yet do not end the sales).
    pub sales_end: Option<Month>,
    pub lookup: Lookup,
    pub region_count: usize,
    pub hcp_account: Vec<u32>,
    /// The rep each HCP is aligned to (see `docs/kpis.md`, alignment), or [`NONE`].
    pub hcp_rep: Vec<u32>,
    /// Key customers: HCPs of tier A or B accounts, and KOLs.
    pub hcp_key: Vec<bool>,
    pub account_territory: Vec<u32>,
    pub account_region: Vec<u32>,
    /// Index into `tiers`.
    pub account_tier: Vec<u32>,
    pub account_rep: Vec<u32>,
    /// The accounts' tiers, sorted; "" is an account without a tier.
    pub tiers: Vec<String>,
    pub rep_territory: Vec<u32>,
    pub rep_region: Vec<u32>,
    pub territory_region: Vec<u32>,
    pub channel_digital: Vec<bool>,
    pub sales: Vec<SaleRow>,
    /// Every interaction, sorted by month; within a month, each HCP's rows are in day order.
    pub contacts: Vec<ContactRow>,
    pub targets: Vec<TargetRow>,
    pub has_hcp_sales: bool,
    pub has_account_sales: bool,
    pub notices: Vec<Notice>,
}

impl PerformanceData {
    pub fn build(workspace: &Workspace) -> PerformanceData {
        PerformanceData::build_with(workspace, None)
    }

    /// Like [`PerformanceData::build`], taking the contacts from the funnel's HCP index when it
    /// is given (the app has built it already): the index's events are compact and in order,
    /// where the workspace's interactions are strings scattered in memory (8 × faster on `large`).
    pub fn build_with(workspace: &Workspace, events: Option<&FunnelIndex>) -> PerformanceData {
        PerformanceData::assemble(workspace, Contacts::From(events))
    }

    /// Sales and targets only, for attainment by region, territory, account, product or tier
    /// (the Overview's card): no contacts are read, so no HCP is aligned to a rep.
    pub fn sales_only(workspace: &Workspace) -> PerformanceData {
        PerformanceData::assemble(workspace, Contacts::Skipped)
    }

    /// Everything but the contact rows: the reps' contacts are counted to align HCPs, but not
    /// kept, so targets against actuals (by rep too) come at a fraction of the cost; activity,
    /// follow-up and effort need [`PerformanceData::build_with`].
    pub fn aligned_only(workspace: &Workspace, events: Option<&FunnelIndex>) -> PerformanceData {
        PerformanceData::assemble(workspace, Contacts::AlignOnly(events))
    }

    fn assemble(workspace: &Workspace, source: Contacts) -> PerformanceData {
        let mut notices = Vec::new();
        let lookup = Lookup {
            regions: lookup(&workspace.regions, |r| &r.id),
            territories: lookup(&workspace.territories, |r| &r.id),
            reps: lookup(&workspace.reps, |r| &r.id),
            accounts: lookup(&workspace.accounts, |r| &r.id),
            hcps: lookup(&workspace.hcps, |r| &r.id),
            products: lookup(&workspace.products, |r| &r.id),
            channels: lookup(&workspace.channels, |r| &r.id),
        };
        let find = |map: &HashMap<String, u32>, id: Option<&String>| {
            id.and_then(|id| map.get(id).copied()).unwrap_or(NONE)
        };
        // Each record's region or territory as an index ([`NONE`] when it names none).
        let column = |ids: Vec<Option<&String>>, map: &HashMap<String, u32>| -> Vec<u32> {
            ids.into_iter().map(|id| find(map, id)).collect()
        };
        let territory_region = column(
            workspace
                .territories
                .iter()
                .map(|t| Some(&t.region_id))
                .collect(),
            &lookup.regions,
        );
        let rep_territory = column(
            workspace
                .reps
                .iter()
                .map(|r| r.territory_id.as_ref())
                .collect(),
            &lookup.territories,
        );
        let rep_region = column(
            workspace.reps.iter().map(|r| Some(&r.region_id)).collect(),
            &lookup.regions,
        );
        let account_territory = column(
            workspace
                .accounts
                .iter()
                .map(|a| a.territory_id.as_ref())
                .collect(),
            &lookup.territories,
        );
        let account_region = column(
            workspace
                .accounts
                .iter()
                .map(|a| Some(&a.region_id))
                .collect(),
            &lookup.regions,
        );
        let mut tiers: Vec<String> = workspace
            .accounts
            .iter()
            .map(|a| a.tier.trim().to_string())
            .collect();
        tiers.sort();
        tiers.dedup();
        let account_tier: Vec<u32> = workspace
            .accounts
            .iter()
            .map(|a| tiers.binary_search(&a.tier.trim().to_string()).unwrap_or(0) as u32)
            .collect();
        let hcp_account: Vec<u32> = workspace
            .hcps
            .iter()
            .map(|h| find(&lookup.accounts, Some(&h.account_id)))
            .collect();
        let hcp_key: Vec<bool> = workspace
            .hcps
            .iter()
            .zip(&hcp_account)
            .map(|(hcp, &account)| {
                let tier = workspace
                    .accounts
                    .get(account as usize)
                    .map(|a| a.tier.trim().to_ascii_uppercase())
                    .unwrap_or_default();
                hcp.influence == Influence::Kol || tier == "A" || tier == "B"
            })
            .collect();
        let channel_digital: Vec<bool> = workspace
            .channels
            .iter()
            .map(|c| is_digital(c.kind))
            .collect();

        // Contacts, and the reps' contacts per HCP for the alignment.
        let offset = fixed_utc_offset_seconds(&workspace.settings.time_zone).unwrap_or(0);
        let month_of = |at: i64| Timestamp(at + offset).month().index();
        let last_month = |rows: &[ContactRow]| rows.iter().map(|r| i64::from(r.month)).max();
        // The contact rows kept, the reps' contacts per HCP, and the last month with a contact.
        let (contacts, rep_counts, contact_end) = match source {
            Contacts::Skipped => (
                Vec::new(),
                vec![Vec::new(); workspace.hcps.len()],
                workspace
                    .interactions
                    .iter()
                    .map(|i| i.at.0)
                    .max()
                    .map(month_of),
            ),
            Contacts::AlignOnly(Some(index)) if same_hcps(index, workspace) => (
                Vec::new(),
                rep_counts_from_index(index),
                index.data_end.map(month_of),
            ),
            Contacts::AlignOnly(_) => {
                let (rows, counts) =
                    contacts_from_interactions(workspace, &lookup, &channel_digital, &mut notices);
                (Vec::new(), counts, last_month(&rows))
            }
            Contacts::From(Some(index)) if same_hcps(index, workspace) => {
                let (rows, counts) = contacts_from_index(index, &channel_digital);
                let end = last_month(&rows);
                (rows, counts, end)
            }
            Contacts::From(_) => {
                let (rows, counts) =
                    contacts_from_interactions(workspace, &lookup, &channel_digital, &mut notices);
                let end = last_month(&rows);
                (rows, counts, end)
            }
        };

        // Alignment: the rep with the most contacts (ties: the rep listed first).
        let mut hcp_rep: Vec<u32> = rep_counts
            .iter()
            .map(|counts| {
                counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map_or(NONE, |(rep, _)| *rep)
            })
            .collect();
        let account_rep = accounts_rep(
            workspace,
            &hcp_account,
            &hcp_rep,
            &rep_territory,
            &account_territory,
        );
        for (hcp, rep) in hcp_rep.iter_mut().enumerate() {
            if *rep == NONE {
                if let Some(&account) = hcp_account.get(hcp) {
                    if account != NONE {
                        *rep = account_rep[account as usize];
                    }
                }
            }
        }

        let mut sales = Vec::with_capacity(workspace.prescriptions.len());
        for (index, record) in workspace.prescriptions.iter().enumerate() {
            let product = find(&lookup.products, Some(&record.product_id));
            let hcp = find(&lookup.hcps, record.hcp_id.as_ref());
            let account = match record.account_id.as_ref() {
                Some(id) => find(&lookup.accounts, Some(id)),
                None if hcp != NONE => hcp_account[hcp as usize],
                None => NONE,
            };
            if product == NONE || (hcp == NONE && account == NONE) {
                let (path, kind, id) = if product == NONE {
                    ("product_id", "product", record.product_id.clone())
                } else {
                    (
                        "hcp_id",
                        "hcp",
                        record
                            .hcp_id
                            .clone()
                            .or(record.account_id.clone())
                            .unwrap_or_default(),
                    )
                };
                notices.push(Notice::UnknownReference {
                    path: format!("prescriptions[{index}].{path}"),
                    kind,
                    id,
                });
                continue;
            }
            let rep = if hcp != NONE {
                hcp_rep[hcp as usize]
            } else if account != NONE {
                account_rep[account as usize]
            } else {
                NONE
            };
            sales.push(SaleRow {
                month: record.period.index(),
                product,
                account,
                hcp,
                rep,
                units: record.units as f64,
                value: record.value,
            });
        }

        let targets = target_rows(workspace, &lookup, &mut notices);
        let sale_months = sales.iter().map(|s| s.month);
        let data_end = sale_months.clone().chain(contact_end).max();
        let months = sale_months
            .chain(contact_end)
            .chain(targets.iter().map(|t| t.month));
        let (mut first, mut last) = (None::<i64>, None::<i64>);
        for month in months {
            first = Some(first.map_or(month, |f| f.min(month)));
            last = Some(last.map_or(month, |l| l.max(month)));
        }
        PerformanceData {
            first: first.map(Month::from_index),
            last: last.map(Month::from_index),
            data_end: data_end.map(Month::from_index),
            sales_end: sales.iter().map(|s| s.month).max().map(Month::from_index),
            has_hcp_sales: sales.iter().any(|s| s.hcp != NONE),
            has_account_sales: sales.iter().any(|s| s.hcp == NONE),
            lookup,
            region_count: workspace.regions.len(),
            hcp_account,
            hcp_rep,
            hcp_key,
            account_territory,
            account_region,
            account_tier,
            account_rep,
            tiers,
            rep_territory,
            rep_region,
            territory_region,
            channel_digital,
            sales,
            contacts,
            targets,
            notices,
        }
    }
}

/// Each account's rep: the rep most of its HCPs are aligned to (ties: the rep listed first),
/// else the first rep of the account's territory, else none.
fn accounts_rep(
    workspace: &Workspace,
    hcp_account: &[u32],
    hcp_rep: &[u32],
    rep_territory: &[u32],
    account_territory: &[u32],
) -> Vec<u32> {
    let mut counts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); workspace.accounts.len()];
    for (&account, &rep) in hcp_account.iter().zip(hcp_rep) {
        if account == NONE || rep == NONE {
            continue;
        }
        let counts = &mut counts[account as usize];
        match counts.iter_mut().find(|(r, _)| *r == rep) {
            Some((_, count)) => *count += 1,
            None => counts.push((rep, 1)),
        }
    }
    counts
        .iter()
        .zip(account_territory)
        .map(|(counts, &territory)| {
            counts
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(rep, _)| *rep)
                .or_else(|| {
                    (territory != NONE)
                        .then(|| rep_territory.iter().position(|&t| t == territory))
                        .flatten()
                        .map(|rep| rep as u32)
                })
                .unwrap_or(NONE)
        })
        .collect()
}

/// Targets as rows held by their most specific holder; unknown references and duplicates are
/// notices, never a panic.
fn target_rows(
    workspace: &Workspace,
    lookup: &Lookup,
    notices: &mut Vec<Notice>,
) -> Vec<TargetRow> {
    let mut rows = Vec::with_capacity(workspace.targets.len());
    let mut seen: HashMap<(i64, u32, Holder), usize> = HashMap::default();
    for (index, target) in workspace.targets.iter().enumerate() {
        let mut unknown = |field: &str, kind: &'static str, id: &str| {
            notices.push(Notice::UnknownReference {
                path: format!("targets[{index}].{field}"),
                kind,
                id: id.to_string(),
            });
        };
        let Some(&product) = lookup.products.get(&target.product_id) else {
            unknown("product_id", "product", &target.product_id);
            continue;
        };
        // Under rules that forbid rep quotas, a rep's target is held by its territory or region.
        let holder = match shown_holder(workspace, target) {
            TargetHolder::Rep(id) => lookup
                .reps
                .get(id)
                .map(|&i| Holder::Rep(i))
                .ok_or(("rep_id", "rep", id)),
            TargetHolder::Account(id) => lookup
                .accounts
                .get(id)
                .map(|&i| Holder::Account(i))
                .ok_or(("account_id", "account", id)),
            TargetHolder::Territory(id) => lookup
                .territories
                .get(id)
                .map(|&i| Holder::Territory(i))
                .ok_or(("territory_id", "territory", id)),
            TargetHolder::Region(id) => lookup.regions.get(id).map(|&i| Holder::Region(i)).ok_or((
                "region_id",
                "region",
                id,
            )),
            TargetHolder::Team => Ok(Holder::Team),
        };
        let holder = match holder {
            Ok(holder) => holder,
            Err((field, kind, id)) => {
                unknown(field, kind, id);
                continue;
            }
        };
        let month = target.period.index();
        if let Some(first) = seen.get(&(month, product, holder)) {
            notices.push(Notice::DuplicateTarget {
                path: format!("targets[{index}]"),
                first_path: format!("targets[{first}]"),
            });
            continue;
        }
        seen.insert((month, product, holder), index);
        rows.push(TargetRow {
            month,
            product,
            holder,
            units: target.units as f64,
            value: target.value,
        });
    }
    rows
}

/// The English the CLI prints; the page words each notice per language
/// (`i18n::performance_messages`).
impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::UnknownReference { path, kind, id } => {
                write!(f, "{path}: no {kind} {id:?}; the record is left out")
            }
            Notice::DuplicateTarget { path, first_path } => write!(
                f,
                "{path}: the same holder, product and month as {first_path}; the first is used"
            ),
            Notice::OverlappingTargets { holder } => write!(
                f,
                "{holder} has its own target and targets below it for the same months; its own is used"
            ),
        }
    }
}

/// Whether the index's entities are the workspace's HCPs, in order.
fn same_hcps(index: &FunnelIndex, workspace: &Workspace) -> bool {
    index.unit == CountingUnit::Hcp
        && index.entities.len() == workspace.hcps.len()
        && index
            .entities
            .iter()
            .zip(&workspace.hcps)
            .all(|(entity, hcp)| entity.id == hcp.id)
        && index.event_starts.len() == workspace.hcps.len() + 1
}

/// A rep's contact of an HCP, counted for the alignment.
fn count_rep(counts: &mut Vec<(u32, u32)>, rep: u32) {
    match counts.iter_mut().find(|(r, _)| *r == rep) {
        Some((_, count)) => *count += 1,
        None => counts.push((rep, 1)),
    }
}

/// Where the contacts come from.
enum Contacts<'a> {
    /// The funnel's HCP index when given, else the workspace's interactions.
    From(Option<&'a FunnelIndex>),
    /// Only the reps' contacts per HCP, for the alignment.
    AlignOnly(Option<&'a FunnelIndex>),
    Skipped,
}

type ContactRows = (Vec<ContactRow>, Vec<Vec<(u32, u32)>>);

/// Rows sorted by month with a counting sort that keeps their order within a month (a month's
/// rows are few streams of writes, where sorting a million rows by day scatters them).
fn sorted_by_month(rows: Vec<ContactRow>) -> Vec<ContactRow> {
    let Some(first) = rows.iter().map(|r| r.month).min() else {
        return rows;
    };
    if rows.windows(2).all(|pair| pair[0].month <= pair[1].month) {
        return rows;
    }
    let last = rows.iter().map(|r| r.month).max().unwrap_or(first);
    let mut starts = vec![0usize; (last - first) as usize + 2];
    for row in &rows {
        starts[(row.month - first) as usize + 1] += 1;
    }
    for month in 1..starts.len() {
        starts[month] += starts[month - 1];
    }
    let mut sorted = rows.clone();
    for row in rows {
        let slot = &mut starts[(row.month - first) as usize];
        sorted[*slot] = row;
        *slot += 1;
    }
    sorted
}

fn contacts_from_interactions(
    workspace: &Workspace,
    lookup: &Lookup,
    channel_digital: &[bool],
    notices: &mut Vec<Notice>,
) -> ContactRows {
    let offset = fixed_utc_offset_seconds(&workspace.settings.time_zone).unwrap_or(0);
    let find = |map: &HashMap<String, u32>, id: Option<&String>| {
        id.and_then(|id| map.get(id).copied()).unwrap_or(NONE)
    };
    let mut contacts = Vec::with_capacity(workspace.interactions.len());
    let mut rep_counts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); workspace.hcps.len()];
    for (index, interaction) in workspace.interactions.iter().enumerate() {
        let hcp = find(&lookup.hcps, Some(&interaction.hcp_id));
        if hcp == NONE {
            notices.push(Notice::UnknownReference {
                path: format!("interactions[{index}].hcp_id"),
                kind: "hcp",
                id: interaction.hcp_id.clone(),
            });
            continue;
        }
        let rep = find(&lookup.reps, interaction.rep_id.as_ref());
        let channel = find(&lookup.channels, Some(&interaction.channel_id));
        let contact = is_contact(interaction.kind);
        if rep != NONE && contact {
            count_rep(&mut rep_counts[hcp as usize], rep);
        }
        contacts.push(contact_row(
            interaction.at.0 + offset,
            hcp,
            rep,
            channel,
            interaction.kind,
            channel_digital,
        ));
    }
    contacts.sort_by_key(|c| c.day);
    (sorted_by_month(contacts), rep_counts)
}

fn rep_counts_from_index(index: &FunnelIndex) -> Vec<Vec<(u32, u32)>> {
    (0..index.entities.len())
        .map(|hcp| {
            let mut counts = Vec::new();
            let events = &index.events
                [index.event_starts[hcp] as usize..index.event_starts[hcp + 1] as usize];
            for event in events {
                if event.rep != crate::domain::funnel::index::NONE
                    && is_contact(InteractionKind::ALL[usize::from(event.kind)])
                {
                    count_rep(&mut counts, u32::from(event.rep));
                }
            }
            counts
        })
        .collect()
}

fn contacts_from_index(index: &FunnelIndex, channel_digital: &[bool]) -> ContactRows {
    let wide = |value: u16| {
        if value == crate::domain::funnel::index::NONE {
            NONE
        } else {
            u32::from(value)
        }
    };
    let mut contacts = Vec::with_capacity(index.events.len());
    let mut rep_counts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); index.entities.len()];
    for hcp in 0..index.entities.len() {
        let events =
            &index.events[index.event_starts[hcp] as usize..index.event_starts[hcp + 1] as usize];
        for event in events {
            let kind = InteractionKind::ALL[usize::from(event.kind)];
            let rep = wide(event.rep);
            if rep != NONE && is_contact(kind) {
                count_rep(&mut rep_counts[hcp], rep);
            }
            contacts.push(contact_row(
                event.at + index.utc_offset,
                hcp as u32,
                rep,
                wide(event.channel),
                kind,
                channel_digital,
            ));
        }
    }
    (sorted_by_month(contacts), rep_counts)
}

/// One compact row from an interaction at `local` seconds (the workspace's zone).
fn contact_row(
    local: i64,
    hcp: u32,
    rep: u32,
    channel: u32,
    kind: InteractionKind,
    channel_digital: &[bool],
) -> ContactRow {
    let day = local.div_euclid(86_400);
    let date = crate::domain::calendar::CalendarDate::from_days_since_unix_epoch(day);
    let contact = is_contact(kind);
    ContactRow {
        day: day as i32,
        month: (i64::from(date.year) * 12 + i64::from(date.month) - 1) as i32,
        hcp,
        rep,
        channel: channel.min(u32::from(u16::MAX)) as u16,
        kind: kind as u8,
        digital: contact
            && channel_digital
                .get(channel as usize)
                .copied()
                .unwrap_or(false),
    }
}

impl PerformanceData {
    /// The contacts of the months `from..=to` (month indexes, as `Month::index`).
    pub fn contacts_of_months(&self, from: i64, to: i64) -> &[ContactRow] {
        let start = self.contacts.partition_point(|c| i64::from(c.month) < from);
        let end = self.contacts.partition_point(|c| i64::from(c.month) <= to);
        &self.contacts[start..end.max(start)]
    }
}
