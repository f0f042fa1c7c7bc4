//! The Customers page's lists as plain data: HCP and account rows, search, filters, sorting, the CSV export and the virtual-scroll window.
//!
//! Nothing here touches the browser, so the rules of the list (what a search matches, where
//! missing values sort, which rows a scroll position shows) are tested natively in
//! `tests/customer_list.rs`; the page only wires these functions to signals and the DOM.

use std::cmp::Ordering;

use crate::domain::calendar::CalendarDate;
use crate::domain::csv_export::{CsvCell, CsvTable};
use crate::domain::funnel::index::NONE;
use crate::domain::model::{AccountType, HcpTitle, Influence, Specialty, Workspace};
use crate::domain::segmentation::{
    Classification, CustomerBase, CustomerProfiles, VolumeLevel, UNCLASSIFIED,
};
use crate::i18n::{format_integer, text, Language, Text};
use crate::view::labels::{account_type_text, specialty_text, title_text};

/// One HCP as the list shows it. Small numbers (region, city, channel, segment, stage) index
/// into [`ListNames`], so that a change of rule set or language needs no new rows.
#[derive(Clone, Debug, PartialEq)]
pub struct HcpRow {
    /// Position in `Workspace::hcps`, which is also the position in the profiles.
    pub index: u32,
    pub id: String,
    pub name: String,
    pub account_id: String,
    pub account_name: String,
    pub account_type: Option<AccountType>,
    /// Index into [`ListNames::regions`], or [`NONE`].
    pub region: u16,
    /// Index into [`ListNames::cities`], or [`NONE`].
    pub city: u16,
    pub specialty: Specialty,
    pub title: HcpTitle,
    pub influence: Influence,
    pub potential: i64,
    pub volume: i64,
    pub volume_decile: u8,
    /// Index into [`ListNames::segments`], or [`UNCLASSIFIED`].
    pub segment: u16,
    /// Steps reached in the default funnel; 0 when never entered.
    pub adoption_stage: u8,
    /// Index into [`ListNames::channels`], or [`NONE`].
    pub derived_channel: u16,
    pub days_since_last_contact: Option<u32>,
    /// The merged files (indexes into [`ListNames::sources`]) the HCP or its activity came from.
    pub sources: Vec<u16>,
    /// The name, id and account name in lower case, for the search.
    pub search_text: String,
}

/// One account as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountRow {
    /// Position in `Workspace::accounts`.
    pub index: u32,
    pub id: String,
    pub name: String,
    pub account_type: AccountType,
    pub region: u16,
    pub city: u16,
    pub tier: String,
    pub hcp_count: u32,
    /// The sum of its HCPs' 12-month volumes; at [`VolumeLevel::Account`] (market rules) the
    /// account's own 12-month volume, from all its records.
    pub volume: i64,
    /// The merged files the account, its HCPs or their activity came from.
    pub sources: Vec<u16>,
    /// The name and id in lower case, for the search.
    pub search_text: String,
}

/// The names behind the rows' small numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListNames {
    pub regions: Vec<String>,
    pub cities: Vec<String>,
    pub channels: Vec<String>,
    /// The segments of the chosen rule set, in its order.
    pub segments: Vec<String>,
    /// The default funnel's step names: stage `n` is the name of step `n`.
    pub stages: Vec<String>,
    /// The account tiers found, sorted; accounts without a tier have none.
    pub tiers: Vec<String>,
    /// The merged files, as "workspace · file" (`Workspace::sources`, in order).
    pub sources: Vec<String>,
    /// Whose volume an HCP row shows: its own, or its account's under market rules that forbid
    /// HCP-level prescription figures (the headers say so).
    pub volume_level: VolumeLevel,
}

/// The text the search looks in: the parts in lower case, separated by a line feed so that a
/// search term never matches across two parts.
pub fn search_key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| part.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The search's terms: the query in lower case, split at white space. A row matches when it
/// contains every term, so "王 人民医院" finds Dr Wang of the People's Hospital.
pub fn search_terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

fn matches_terms(search_text: &str, terms: &[String]) -> bool {
    terms.iter().all(|term| search_text.contains(term.as_str()))
}

/// The names of the list for a workspace, the chosen rule set's segments and the default funnel.
pub fn list_names(
    workspace: &Workspace,
    base: &CustomerBase,
    segment_names: Vec<String>,
) -> ListNames {
    let mut tiers: Vec<String> = workspace
        .accounts
        .iter()
        .map(|account| account.tier.trim().to_string())
        .filter(|tier| !tier.is_empty())
        .collect();
    tiers.sort();
    tiers.dedup();
    ListNames {
        regions: workspace.regions.iter().map(|r| r.name.clone()).collect(),
        cities: base.city_names.clone(),
        channels: workspace.channels.iter().map(|c| c.name.clone()).collect(),
        segments: segment_names,
        stages: workspace
            .funnels
            .first()
            .map(|funnel| funnel.steps.iter().map(|step| step.name.clone()).collect())
            .unwrap_or_default(),
        tiers,
        sources: workspace
            .sources
            .iter()
            .map(|s| format!("{} · {}", s.workspace, s.file))
            .collect(),
        volume_level: base.volume_level,
    }
}

/// For each HCP, the merged files (indexes into `Workspace::sources`) its record, its
/// interactions or its prescriptions came from, sorted. Empty lists when nothing was merged.
pub fn hcp_sources(workspace: &Workspace) -> Vec<Vec<u16>> {
    let mut sources = vec![Vec::new(); workspace.hcps.len()];
    if workspace.sources.is_empty() {
        return sources;
    }
    let position: std::collections::HashMap<u16, u16> = workspace
        .sources
        .iter()
        .enumerate()
        .map(|(index, s)| (s.number.get(), index as u16))
        .collect();
    let hcp_index: std::collections::HashMap<&str, usize> = workspace
        .hcps
        .iter()
        .enumerate()
        .map(|(index, h)| (h.id.as_str(), index))
        .collect();
    let mut add = |hcp: usize, number: Option<crate::domain::model::SourceNumber>| {
        if let Some(&index) = number.and_then(|n| position.get(&n.get())) {
            if !sources[hcp].contains(&index) {
                sources[hcp].push(index);
            }
        }
    };
    for (index, hcp) in workspace.hcps.iter().enumerate() {
        add(index, hcp.source);
    }
    for interaction in &workspace.interactions {
        if let Some(&hcp) = hcp_index.get(interaction.hcp_id.as_str()) {
            add(hcp, interaction.source);
        }
    }
    for sale in &workspace.prescriptions {
        if let Some(&hcp) = sale.hcp_id.as_deref().and_then(|id| hcp_index.get(id)) {
            add(hcp, sale.source);
        }
    }
    sources.iter_mut().for_each(|list| list.sort_unstable());
    sources
}

/// Every HCP's row, in file order. Without a classification (no rule set) every HCP is
/// unclassified.
pub fn hcp_rows(
    workspace: &Workspace,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    classification: Option<&Classification>,
) -> Vec<HcpRow> {
    let mut sources = hcp_sources(workspace);
    workspace
        .hcps
        .iter()
        .enumerate()
        .map(|(index, hcp)| {
            let attributes = base.attributes.get(index);
            let figures = profiles.figures.get(index);
            let account_name = attributes
                .and_then(|a| workspace.accounts.get(a.account as usize))
                .map(|account| account.name.clone())
                .unwrap_or_default();
            HcpRow {
                index: index as u32,
                search_text: search_key(&[&hcp.name, &hcp.id, &account_name]),
                id: hcp.id.clone(),
                name: hcp.name.clone(),
                account_id: hcp.account_id.clone(),
                account_name,
                account_type: attributes.and_then(|a| a.account_type),
                region: attributes.map_or(NONE, |a| a.region),
                city: attributes.map_or(NONE, |a| a.city),
                specialty: hcp.specialty,
                title: hcp.title,
                influence: hcp.influence,
                potential: hcp.prescribing_potential,
                volume: figures.map_or(0, |f| f.volume),
                volume_decile: figures.map_or(1, |f| f.volume_decile),
                segment: classification
                    .and_then(|c| c.segments.get(index).copied())
                    .unwrap_or(UNCLASSIFIED),
                adoption_stage: figures.map_or(0, |f| f.adoption_stage),
                derived_channel: figures.map_or(NONE, |f| f.derived_channel),
                days_since_last_contact: figures.and_then(|f| f.days_since_last_contact),
                sources: std::mem::take(&mut sources[index]),
            }
        })
        .collect()
}

/// Every account's row, in file order, with its HCP count and their summed volume (its own
/// volume at [`VolumeLevel::Account`]).
pub fn account_rows(
    workspace: &Workspace,
    base: &CustomerBase,
    profiles: &CustomerProfiles,
) -> Vec<AccountRow> {
    let mut hcp_counts = vec![0u32; workspace.accounts.len()];
    let mut volumes = vec![0i64; workspace.accounts.len()];
    for (attributes, figures) in base.attributes.iter().zip(&profiles.figures) {
        let account = attributes.account as usize;
        if account < hcp_counts.len() {
            hcp_counts[account] += 1;
            volumes[account] = volumes[account].saturating_add(figures.volume);
        }
    }
    let mut sources = vec![Vec::new(); workspace.accounts.len()];
    if !workspace.sources.is_empty() {
        let position = |number: Option<crate::domain::model::SourceNumber>| {
            number.and_then(|n| workspace.sources.iter().position(|s| s.number == n))
        };
        for (index, account) in workspace.accounts.iter().enumerate() {
            sources[index].extend(position(account.source).map(|p| p as u16));
        }
        for (attributes, hcp) in base.attributes.iter().zip(hcp_sources(workspace)) {
            if let Some(list) = sources.get_mut(attributes.account as usize) {
                list.extend(hcp);
            }
        }
        for list in &mut sources {
            list.sort_unstable();
            list.dedup();
        }
    }
    workspace
        .accounts
        .iter()
        .enumerate()
        .map(|(index, account)| (index, account, volumes[index]))
        .map(|(index, account, summed)| AccountRow {
            index: index as u32,
            search_text: search_key(&[&account.name, &account.id]),
            id: account.id.clone(),
            name: account.name.clone(),
            account_type: account.account_type,
            region: workspace
                .regions
                .iter()
                .position(|r| r.id == account.region_id)
                .map_or(NONE, |position| position as u16),
            city: base
                .city_names
                .binary_search_by(|known| known.as_str().cmp(account.city.trim()))
                .map_or(NONE, |position| position as u16),
            tier: account.tier.trim().to_string(),
            hcp_count: hcp_counts[index],
            sources: std::mem::take(&mut sources[index]),
            volume: match base.volume_level {
                VolumeLevel::Hcp => summed,
                VolumeLevel::Account => profiles.account_volumes.get(index).copied().unwrap_or(0),
            },
        })
        .collect()
}

/// What the list is narrowed to. `None` means "all"; a range end of `None` is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListFilter {
    pub search: String,
    pub account_type: Option<AccountType>,
    pub region: Option<u16>,
    pub city: Option<u16>,
    /// HCPs only.
    pub specialty: Option<Specialty>,
    /// HCPs only.
    pub title: Option<HcpTitle>,
    /// HCPs only.
    pub influence: Option<Influence>,
    /// HCPs only; [`UNCLASSIFIED`] picks the unclassified.
    pub segment: Option<u16>,
    /// HCPs only: the lowest volume decile shown.
    pub decile_min: Option<u8>,
    /// HCPs only: the highest volume decile shown.
    pub decile_max: Option<u8>,
    /// HCPs only: the exact stage, 0 for "not entered".
    pub adoption_stage: Option<u8>,
    /// HCPs only; [`NONE`] picks the HCPs without a derived channel.
    pub derived_channel: Option<u16>,
    /// Accounts only.
    pub tier: Option<String>,
    /// The merged file (index into [`ListNames::sources`]) that brought the record or some of
    /// its activity.
    pub source: Option<u16>,
}

impl ListFilter {
    /// Whether any filter or a search is set.
    pub fn is_active(&self) -> bool {
        *self != ListFilter::default() || !self.search.trim().is_empty()
    }

    /// Whether the HCP passes every filter; `terms` are the search's ([`search_terms`]).
    pub fn matches_hcp(&self, row: &HcpRow, terms: &[String]) -> bool {
        fn holds<T: PartialEq>(wanted: &Option<T>, value: T) -> bool {
            wanted.as_ref().is_none_or(|wanted| *wanted == value)
        }
        holds(&self.account_type.map(Some), row.account_type)
            && holds(&self.region, row.region)
            && holds(&self.city, row.city)
            && holds(&self.specialty, row.specialty)
            && holds(&self.title, row.title)
            && holds(&self.influence, row.influence)
            && holds(&self.segment, row.segment)
            && self.decile_min.is_none_or(|min| row.volume_decile >= min)
            && self.decile_max.is_none_or(|max| row.volume_decile <= max)
            && holds(&self.adoption_stage, row.adoption_stage)
            && holds(&self.derived_channel, row.derived_channel)
            && self
                .source
                .is_none_or(|wanted| row.sources.contains(&wanted))
            && matches_terms(&row.search_text, terms)
    }

    /// Whether the account passes the filters that apply to accounts.
    pub fn matches_account(&self, row: &AccountRow, terms: &[String]) -> bool {
        self.account_type
            .is_none_or(|wanted| wanted == row.account_type)
            && self.region.is_none_or(|wanted| wanted == row.region)
            && self.city.is_none_or(|wanted| wanted == row.city)
            && self.tier.as_ref().is_none_or(|wanted| *wanted == row.tier)
            && self
                .source
                .is_none_or(|wanted| row.sources.contains(&wanted))
            && matches_terms(&row.search_text, terms)
    }
}

/// The HCP list's columns, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HcpColumn {
    Name,
    Account,
    AccountType,
    Region,
    City,
    Specialty,
    Title,
    Potential,
    Volume,
    VolumeDecile,
    Segment,
    AdoptionStage,
    DerivedChannel,
    DaysSinceLastContact,
}

impl HcpColumn {
    pub const ALL: [HcpColumn; 14] = [
        HcpColumn::Name,
        HcpColumn::Account,
        HcpColumn::AccountType,
        HcpColumn::Region,
        HcpColumn::City,
        HcpColumn::Specialty,
        HcpColumn::Title,
        HcpColumn::Potential,
        HcpColumn::Volume,
        HcpColumn::VolumeDecile,
        HcpColumn::Segment,
        HcpColumn::AdoptionStage,
        HcpColumn::DerivedChannel,
        HcpColumn::DaysSinceLastContact,
    ];

    /// The column's name in `data-testid`s (`customers-sort-potential`) and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            HcpColumn::Name => "name",
            HcpColumn::Account => "account",
            HcpColumn::AccountType => "account-type",
            HcpColumn::Region => "region",
            HcpColumn::City => "city",
            HcpColumn::Specialty => "specialty",
            HcpColumn::Title => "title",
            HcpColumn::Potential => "potential",
            HcpColumn::Volume => "volume",
            HcpColumn::VolumeDecile => "decile",
            HcpColumn::Segment => "segment",
            HcpColumn::AdoptionStage => "stage",
            HcpColumn::DerivedChannel => "channel",
            HcpColumn::DaysSinceLastContact => "last-contact",
        }
    }

    pub fn header(self) -> Text {
        match self {
            HcpColumn::Name => Text::CustomersColumnName,
            HcpColumn::Account => Text::CustomersColumnAccount,
            HcpColumn::AccountType => Text::DimAccountType,
            HcpColumn::Region => Text::DimRegion,
            HcpColumn::City => Text::DimCity,
            HcpColumn::Specialty => Text::DimSpecialty,
            HcpColumn::Title => Text::DimTitle,
            HcpColumn::Potential => Text::DimPotential,
            HcpColumn::Volume => Text::DimVolume,
            HcpColumn::VolumeDecile => Text::DimVolumeDecile,
            HcpColumn::Segment => Text::DimSegment,
            HcpColumn::AdoptionStage => Text::DimAdoptionStage,
            HcpColumn::DerivedChannel => Text::DimDerivedChannel,
            HcpColumn::DaysSinceLastContact => Text::DimRecencyDays,
        }
    }

    /// Numbers are right-aligned and written with thousands separators.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            HcpColumn::Potential
                | HcpColumn::Volume
                | HcpColumn::VolumeDecile
                | HcpColumn::DaysSinceLastContact
        )
    }

    pub fn parse(key: &str) -> Option<HcpColumn> {
        HcpColumn::ALL
            .into_iter()
            .find(|column| column.key() == key)
    }
}

/// The account list's columns, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountColumn {
    Name,
    AccountType,
    Region,
    City,
    Tier,
    HcpCount,
    Volume,
}

impl AccountColumn {
    pub const ALL: [AccountColumn; 7] = [
        AccountColumn::Name,
        AccountColumn::AccountType,
        AccountColumn::Region,
        AccountColumn::City,
        AccountColumn::Tier,
        AccountColumn::HcpCount,
        AccountColumn::Volume,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AccountColumn::Name => "name",
            AccountColumn::AccountType => "account-type",
            AccountColumn::Region => "region",
            AccountColumn::City => "city",
            AccountColumn::Tier => "tier",
            AccountColumn::HcpCount => "hcp-count",
            AccountColumn::Volume => "volume",
        }
    }

    pub fn header(self) -> Text {
        match self {
            AccountColumn::Name => Text::CustomersColumnAccountName,
            AccountColumn::AccountType => Text::DimAccountType,
            AccountColumn::Region => Text::DimRegion,
            AccountColumn::City => Text::DimCity,
            AccountColumn::Tier => Text::CustomersColumnTier,
            AccountColumn::HcpCount => Text::CustomersColumnHcpCount,
            AccountColumn::Volume => Text::DimVolume,
        }
    }

    pub fn is_number(self) -> bool {
        matches!(self, AccountColumn::HcpCount | AccountColumn::Volume)
    }

    pub fn parse(key: &str) -> Option<AccountColumn> {
        AccountColumn::ALL
            .into_iter()
            .find(|column| column.key() == key)
    }
}

/// What the HCP and the account tables share about their columns, so that one piece of code
/// draws, sorts and exports both.
pub trait ListColumn: Copy + PartialEq + Send + Sync + 'static {
    /// Every column, in the order shown.
    const COLUMNS: &'static [Self];
    fn key(self) -> &'static str;
    fn header(self) -> Text;
    /// The header when volumes are taken at `level` (an HCP's volume columns say "account").
    fn header_at(self, level: VolumeLevel) -> Text {
        let _ = level;
        self.header()
    }
    fn is_number(self) -> bool;
    fn parse(key: &str) -> Option<Self> {
        Self::COLUMNS
            .iter()
            .copied()
            .find(|column| column.key() == key)
    }
}

impl ListColumn for HcpColumn {
    const COLUMNS: &'static [Self] = &HcpColumn::ALL;
    fn key(self) -> &'static str {
        HcpColumn::key(self)
    }
    fn header(self) -> Text {
        HcpColumn::header(self)
    }
    fn header_at(self, level: VolumeLevel) -> Text {
        match (self, level) {
            (HcpColumn::Volume, VolumeLevel::Account) => Text::DimAccountVolume,
            (HcpColumn::VolumeDecile, VolumeLevel::Account) => Text::DimAccountVolumeDecile,
            _ => HcpColumn::header(self),
        }
    }
    fn is_number(self) -> bool {
        HcpColumn::is_number(self)
    }
}

impl ListColumn for AccountColumn {
    const COLUMNS: &'static [Self] = &AccountColumn::ALL;
    fn key(self) -> &'static str {
        AccountColumn::key(self)
    }
    fn header(self) -> Text {
        AccountColumn::header(self)
    }
    fn is_number(self) -> bool {
        AccountColumn::is_number(self)
    }
}

/// A column to sort by and the direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort<Column> {
    pub column: Column,
    pub descending: bool,
}

impl<Column: PartialEq + Copy> Sort<Column> {
    /// The sort after a click on `column`'s heading: the same column turns around, another
    /// column starts ascending.
    pub fn clicked(self, column: Column) -> Sort<Column> {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: false,
            }
        }
    }

    /// The `aria-sort` value of `column`'s heading.
    pub fn aria_sort(self, column: Column) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Compares two values where a missing one (`None`) always sorts last, in either direction,
/// because a blank is never the "smallest" or "largest" a user is looking for.
fn compare_present<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
    }
}

fn name_of(names: &[String], index: u16) -> Option<&str> {
    names.get(usize::from(index)).map(String::as_str)
}

fn non_empty(value: &str) -> Option<&str> {
    (!value.is_empty()).then_some(value)
}

fn compare_hcps(a: &HcpRow, b: &HcpRow, sort: Sort<HcpColumn>, names: &ListNames) -> Ordering {
    let descending = sort.descending;
    let ordering = match sort.column {
        HcpColumn::Name => compare_present(Some(&a.name), Some(&b.name), descending),
        HcpColumn::Account => compare_present(
            non_empty(&a.account_name),
            non_empty(&b.account_name),
            descending,
        ),
        HcpColumn::AccountType => compare_present(
            a.account_type.map(|t| t as u8),
            b.account_type.map(|t| t as u8),
            descending,
        ),
        HcpColumn::Region => compare_present(
            name_of(&names.regions, a.region),
            name_of(&names.regions, b.region),
            descending,
        ),
        HcpColumn::City => compare_present(
            name_of(&names.cities, a.city),
            name_of(&names.cities, b.city),
            descending,
        ),
        HcpColumn::Specialty => {
            compare_present(Some(a.specialty as u8), Some(b.specialty as u8), descending)
        }
        HcpColumn::Title => compare_present(Some(a.title as u8), Some(b.title as u8), descending),
        HcpColumn::Potential => compare_present(Some(a.potential), Some(b.potential), descending),
        HcpColumn::Volume => compare_present(Some(a.volume), Some(b.volume), descending),
        HcpColumn::VolumeDecile => {
            compare_present(Some(a.volume_decile), Some(b.volume_decile), descending)
        }
        HcpColumn::Segment => compare_present(
            (a.segment != UNCLASSIFIED).then_some(a.segment),
            (b.segment != UNCLASSIFIED).then_some(b.segment),
            descending,
        ),
        HcpColumn::AdoptionStage => {
            compare_present(Some(a.adoption_stage), Some(b.adoption_stage), descending)
        }
        HcpColumn::DerivedChannel => compare_present(
            name_of(&names.channels, a.derived_channel),
            name_of(&names.channels, b.derived_channel),
            descending,
        ),
        HcpColumn::DaysSinceLastContact => compare_present(
            a.days_since_last_contact,
            b.days_since_last_contact,
            descending,
        ),
    };
    // Equal values keep file order, so the same list always shows in the same order.
    ordering.then(a.index.cmp(&b.index))
}

fn compare_accounts(
    a: &AccountRow,
    b: &AccountRow,
    sort: Sort<AccountColumn>,
    names: &ListNames,
) -> Ordering {
    let descending = sort.descending;
    let ordering = match sort.column {
        AccountColumn::Name => compare_present(Some(&a.name), Some(&b.name), descending),
        AccountColumn::AccountType => compare_present(
            Some(a.account_type as u8),
            Some(b.account_type as u8),
            descending,
        ),
        AccountColumn::Region => compare_present(
            name_of(&names.regions, a.region),
            name_of(&names.regions, b.region),
            descending,
        ),
        AccountColumn::City => compare_present(
            name_of(&names.cities, a.city),
            name_of(&names.cities, b.city),
            descending,
        ),
        AccountColumn::Tier => compare_present(non_empty(&a.tier), non_empty(&b.tier), descending),
        AccountColumn::HcpCount => {
            compare_present(Some(a.hcp_count), Some(b.hcp_count), descending)
        }
        AccountColumn::Volume => compare_present(Some(a.volume), Some(b.volume), descending),
    };
    ordering.then(a.index.cmp(&b.index))
}

/// The positions (into `rows`) of the HCPs that pass the filter, in the sort's order.
pub fn filter_and_sort_hcps(
    rows: &[HcpRow],
    filter: &ListFilter,
    sort: Sort<HcpColumn>,
    names: &ListNames,
) -> Vec<u32> {
    let terms = search_terms(&filter.search);
    let mut order: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| filter.matches_hcp(row, &terms))
        .map(|(position, _)| position as u32)
        .collect();
    order
        .sort_unstable_by(|&a, &b| compare_hcps(&rows[a as usize], &rows[b as usize], sort, names));
    order
}

/// The positions (into `rows`) of the accounts that pass the filter, in the sort's order.
pub fn filter_and_sort_accounts(
    rows: &[AccountRow],
    filter: &ListFilter,
    sort: Sort<AccountColumn>,
    names: &ListNames,
) -> Vec<u32> {
    let terms = search_terms(&filter.search);
    let mut order: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| filter.matches_account(row, &terms))
        .map(|(position, _)| position as u32)
        .collect();
    order.sort_unstable_by(|&a, &b| {
        compare_accounts(&rows[a as usize], &rows[b as usize], sort, names)
    });
    order
}

/// The name of adoption stage `stage`: the default funnel's step reached, or "not entered".
pub fn stage_label(stage: u8, names: &ListNames, language: Language) -> String {
    if stage == 0 {
        return text(language, Text::StageNotEntered).to_string();
    }
    names
        .stages
        .get(usize::from(stage) - 1)
        .cloned()
        .unwrap_or_else(|| stage.to_string())
}

/// The name of segment `segment` of the chosen rule set, or "unclassified".
pub fn segment_label(segment: u16, names: &ListNames, language: Language) -> String {
    name_of(&names.segments, segment)
        .map(str::to_string)
        .unwrap_or_else(|| text(language, Text::Unclassified).to_string())
}

/// A name looked up by its small number, or "(none)" when there is none.
pub fn name_or_none(names: &[String], index: u16, language: Language) -> String {
    name_of(names, index)
        .map(str::to_string)
        .unwrap_or_else(|| text(language, Text::CustomersNoValue).to_string())
}

/// One HCP cell as a typed value: numbers stay numbers in the CSV; the page formats them.
pub fn hcp_cell(row: &HcpRow, column: HcpColumn, names: &ListNames, language: Language) -> CsvCell {
    let label = |key: Text| CsvCell::Text(text(language, key).to_string());
    match column {
        HcpColumn::Name => CsvCell::Text(row.name.clone()),
        HcpColumn::Account => CsvCell::Text(row.account_name.clone()),
        HcpColumn::AccountType => match row.account_type {
            Some(account_type) => label(account_type_text(account_type)),
            None => CsvCell::Empty,
        },
        HcpColumn::Region => optional_name(&names.regions, row.region),
        HcpColumn::City => optional_name(&names.cities, row.city),
        HcpColumn::Specialty => label(specialty_text(row.specialty)),
        HcpColumn::Title => label(title_text(row.title)),
        HcpColumn::Potential => CsvCell::Integer(row.potential),
        HcpColumn::Volume => CsvCell::Integer(row.volume),
        HcpColumn::VolumeDecile => CsvCell::Integer(i64::from(row.volume_decile)),
        HcpColumn::Segment => CsvCell::Text(segment_label(row.segment, names, language)),
        HcpColumn::AdoptionStage => CsvCell::Text(stage_label(row.adoption_stage, names, language)),
        HcpColumn::DerivedChannel => optional_name(&names.channels, row.derived_channel),
        HcpColumn::DaysSinceLastContact => row
            .days_since_last_contact
            .map_or(CsvCell::Empty, |days| CsvCell::Integer(i64::from(days))),
    }
}

/// One account cell as a typed value.
pub fn account_cell(
    row: &AccountRow,
    column: AccountColumn,
    names: &ListNames,
    language: Language,
) -> CsvCell {
    match column {
        AccountColumn::Name => CsvCell::Text(row.name.clone()),
        AccountColumn::AccountType => {
            CsvCell::Text(text(language, account_type_text(row.account_type)).to_string())
        }
        AccountColumn::Region => optional_name(&names.regions, row.region),
        AccountColumn::City => optional_name(&names.cities, row.city),
        AccountColumn::Tier => {
            if row.tier.is_empty() {
                CsvCell::Empty
            } else {
                CsvCell::Text(row.tier.clone())
            }
        }
        AccountColumn::HcpCount => CsvCell::Integer(i64::from(row.hcp_count)),
        AccountColumn::Volume => CsvCell::Integer(row.volume),
    }
}

fn optional_name(names: &[String], index: u16) -> CsvCell {
    name_of(names, index).map_or(CsvCell::Empty, |name| CsvCell::Text(name.to_string()))
}

/// A cell as the page shows it: numbers with thousands separators, a blank as a dash.
pub fn cell_display_text(cell: &CsvCell, language: Language) -> String {
    match cell {
        CsvCell::Text(text) => text.clone(),
        CsvCell::Integer(value) => format_integer(*value, language),
        CsvCell::Decimal(value, decimals) => format!("{value:.*}", usize::from(*decimals)),
        CsvCell::Empty => "—".to_string(),
    }
}

/// A list as a CSV table: the id first (so that a file can be matched back to the workspace),
/// then the columns as shown, headers in the UI language, rows in `order`.
fn list_csv<Row, Column: ListColumn>(
    rows: &[Row],
    order: &[u32],
    id: impl Fn(&Row) -> &str,
    cell: impl Fn(&Row, Column) -> CsvCell,
    names: &ListNames,
    language: Language,
) -> CsvTable {
    let mut headers = vec![text(language, Text::CustomersColumnId).to_string()];
    headers.extend(
        Column::COLUMNS
            .iter()
            .map(|column| text(language, column.header_at(names.volume_level)).to_string()),
    );
    let rows = order
        .iter()
        .filter_map(|&position| rows.get(position as usize))
        .map(|row| {
            let mut cells = vec![CsvCell::Text(id(row).to_string())];
            cells.extend(Column::COLUMNS.iter().map(|&column| cell(row, column)));
            cells
        })
        .collect();
    CsvTable { headers, rows }
}

/// The HCP list as a CSV table ([`list_csv`]).
pub fn hcp_csv(rows: &[HcpRow], order: &[u32], names: &ListNames, language: Language) -> CsvTable {
    list_csv(
        rows,
        order,
        |row: &HcpRow| row.id.as_str(),
        |row, column| hcp_cell(row, column, names, language),
        names,
        language,
    )
}

/// The account list as a CSV table ([`list_csv`]).
pub fn account_csv(
    rows: &[AccountRow],
    order: &[u32],
    names: &ListNames,
    language: Language,
) -> CsvTable {
    list_csv(
        rows,
        order,
        |row: &AccountRow| row.id.as_str(),
        |row, column| account_cell(row, column, names, language),
        names,
        language,
    )
}

/// `omnirx-hcps-2026-11-24.csv` or `omnirx-accounts-2026-11-24.csv`.
pub fn export_file_name(accounts: bool, today: CalendarDate) -> String {
    let kind = if accounts { "accounts" } else { "hcps" };
    format!("omnirx-{kind}-{today}.csv")
}

/// "120 of 1,500" or "显示 120 条，共 1,500 条".
pub fn count_text(shown: usize, total: usize, language: Language) -> String {
    crate::i18n::phrases::customers_count(
        language,
        format_integer(shown as i64, language),
        format_integer(total as i64, language),
    )
}

/// The rows a scroll position needs: `first..end` are drawn, and spacers of `space_above` and
/// `space_below` pixels stand in for the rest so that the scroll bar keeps its length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VisibleWindow {
    pub first: usize,
    pub end: usize,
    pub space_above: f64,
    pub space_below: f64,
}

impl VisibleWindow {
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.first == self.end
    }
}

/// Which of `total_rows` rows of `row_height` pixels a viewport of `viewport_height` pixels,
/// scrolled `scroll_top` pixels down, shows, widened by `overscan` rows on each side so that a
/// quick scroll never shows a blank before the next frame draws the rows.
///
/// A scroll position past the end (the list just got shorter) counts as the end; a negative or
/// non-finite one as the top. A row height that is not positive counts as one pixel, so a
/// wrong measurement draws too many rows rather than none.
pub fn visible_window(
    scroll_top: f64,
    viewport_height: f64,
    row_height: f64,
    total_rows: usize,
    overscan: usize,
) -> VisibleWindow {
    let row_height = if row_height.is_finite() && row_height > 0.0 {
        row_height
    } else {
        1.0
    };
    let viewport_height = if viewport_height.is_finite() {
        viewport_height.max(0.0)
    } else {
        0.0
    };
    let content_height = total_rows as f64 * row_height;
    let last_scroll_top = (content_height - viewport_height).max(0.0);
    let scroll_top = if scroll_top.is_finite() {
        scroll_top.clamp(0.0, last_scroll_top)
    } else {
        0.0
    };
    let first_seen = ((scroll_top / row_height).floor() as usize).min(total_rows);
    let end_seen = (((scroll_top + viewport_height) / row_height).ceil() as usize).min(total_rows);
    let first = first_seen.saturating_sub(overscan);
    let end = end_seen.saturating_add(overscan).min(total_rows);
    VisibleWindow {
        first,
        end,
        space_above: first as f64 * row_height,
        space_below: (total_rows - end) as f64 * row_height,
    }
}
