//! Resolving a row's references (by id, then by name; created when the user chose so) and
//! applying its record to the planned workspace: added, updated with the changed fields listed,
//! unchanged, or skipped as already present.

use super::rows::*;
use super::*;

/// What a reference resolved to.
enum Resolved {
    Found(usize),
    Created(usize),
    /// Unknown, and not created (the row is skipped).
    Missing,
    /// Several records have the name.
    Ambiguous(usize),
}

impl Planner<'_> {
    /// Applies a row's record; false when the row was skipped (its issues say why).
    pub(super) fn apply(&mut self, record: Record, issues: &mut Vec<Issue>) -> bool {
        match record {
            Record::Hcp(row) => self.apply_hcp(row, issues),
            Record::Account(row) => self.apply_account(row, issues),
            Record::Rep(row) => self.apply_rep(row, issues),
            Record::Product(row) => self.apply_product(row, issues),
            Record::Interaction(row) => self.apply_interaction(row, issues),
            Record::Sale(row) => self.apply_sale(row, issues),
            Record::Target(row) => self.apply_target(row, issues),
        }
    }

    fn creating(&self) -> bool {
        self.mapping.unknown_references == UnknownReferences::Create
    }

    /// Notes an unresolved reference as an issue; the index when resolved.
    fn settle(
        &mut self,
        field: Field,
        value: &str,
        resolved: Resolved,
        issues: &mut Vec<Issue>,
    ) -> Option<usize> {
        match resolved {
            Resolved::Found(index) => Some(index),
            Resolved::Created(index) => {
                issues.push(Issue::UnknownReference {
                    field,
                    value: value.to_string(),
                    created: true,
                });
                Some(index)
            }
            Resolved::Missing => {
                issues.push(Issue::UnknownReference {
                    field,
                    value: value.to_string(),
                    created: false,
                });
                None
            }
            Resolved::Ambiguous(candidates) => {
                issues.push(Issue::AmbiguousReference {
                    field,
                    value: value.to_string(),
                    candidates,
                });
                None
            }
        }
    }

    fn unassigned_region(&mut self) -> String {
        if let Some(id) = &self.unassigned_region {
            return id.clone();
        }
        let name = if self.context.chinese_names {
            "未指定区域"
        } else {
            "Unassigned region"
        };
        let index = match self.regions.find(name) {
            Ok(Some(index)) => index,
            _ => self.add_region(name),
        };
        let id = self.workspace.regions[index].id.clone();
        self.unassigned_region = Some(id.clone());
        id
    }

    fn add_region(&mut self, name: &str) -> usize {
        let id = self.ids.make("r");
        let index = self.workspace.regions.len();
        self.regions.add(index, &id, name);
        self.workspace.regions.push(Region {
            source: None,
            id,
            name: name.to_string(),
        });
        self.count("regions").added += 1;
        index
    }

    fn region(&mut self, text: &str) -> Resolved {
        match self.regions.find(text) {
            Ok(Some(index)) => Resolved::Found(index),
            Err(candidates) => Resolved::Ambiguous(candidates),
            Ok(None) if self.creating() => Resolved::Created(self.add_region(text)),
            Ok(None) => Resolved::Missing,
        }
    }

    fn territory(&mut self, text: &str, region_id: &str) -> Resolved {
        match self.territories.find(text) {
            Ok(Some(index)) => Resolved::Found(index),
            Err(candidates) => Resolved::Ambiguous(candidates),
            Ok(None) if self.creating() => {
                let id = self.ids.make("t");
                let index = self.workspace.territories.len();
                self.territories.add(index, &id, text);
                self.workspace.territories.push(Territory {
                    source: None,
                    id,
                    name: text.to_string(),
                    region_id: region_id.to_string(),
                });
                self.count("territories").added += 1;
                Resolved::Created(index)
            }
            Ok(None) => Resolved::Missing,
        }
    }

    fn product(&mut self, text: &str) -> Resolved {
        match self.products.find(text) {
            Ok(Some(index)) => Resolved::Found(index),
            Err(candidates) => Resolved::Ambiguous(candidates),
            Ok(None) if self.creating() => Resolved::Created(self.add_product(None, text, None)),
            Ok(None) => Resolved::Missing,
        }
    }

    fn add_product(&mut self, id: Option<&str>, name: &str, area: Option<String>) -> usize {
        let id = self.ids.claim(id.unwrap_or(""), "p");
        let index = self.workspace.products.len();
        self.products.add(index, &id, name);
        self.workspace.products.push(Product {
            source: None,
            updated_at: None,
            id,
            name: name.to_string(),
            therapeutic_area: area.unwrap_or_default(),
        });
        self.count("products").added += 1;
        index
    }

    /// A rep by id or name; a new rep works in `region_id`.
    fn rep(&mut self, text: &str, region_id: impl FnOnce(&mut Self) -> String) -> Resolved {
        match self.reps.find(text) {
            Ok(Some(index)) => Resolved::Found(index),
            Err(candidates) => Resolved::Ambiguous(candidates),
            Ok(None) if self.creating() => {
                let region_id = region_id(self);
                Resolved::Created(self.add_rep(None, text, region_id, None))
            }
            Ok(None) => Resolved::Missing,
        }
    }

    fn add_rep(
        &mut self,
        id: Option<&str>,
        name: &str,
        region_id: String,
        territory_id: Option<String>,
    ) -> usize {
        let id = self.ids.claim(id.unwrap_or(""), "rep");
        let index = self.workspace.reps.len();
        self.reps.add(index, &id, name);
        self.workspace.reps.push(Rep {
            source: None,
            updated_at: None,
            id,
            name: name.to_string(),
            region_id,
            territory_id,
        });
        self.count("reps").added += 1;
        index
    }

    /// An account by id, else by name; a new one is of type "other" in the unassigned region.
    fn account(&mut self, id: Option<&str>, name: Option<&str>) -> Resolved {
        if let Some(&index) = id.and_then(|id| self.accounts.by_id.get(id)) {
            return Resolved::Found(index);
        }
        if let Some(name) = name {
            match self.accounts.find(name) {
                Ok(Some(index)) => return Resolved::Found(index),
                Err(candidates) => return Resolved::Ambiguous(candidates),
                Ok(None) => {}
            }
        }
        if !self.creating() {
            return Resolved::Missing;
        }
        let region_id = self.unassigned_region();
        let shown = name.or(id).unwrap_or_default().to_string();
        Resolved::Created(self.add_account(id, &shown, region_id))
    }

    fn add_account(&mut self, id: Option<&str>, name: &str, region_id: String) -> usize {
        let id = self.ids.claim(id.unwrap_or(""), "a");
        let index = self.workspace.accounts.len();
        self.accounts.add(index, &id, name);
        self.workspace.accounts.push(Account {
            source: None,
            updated_at: None,
            id,
            name: name.to_string(),
            account_type: AccountType::Other,
            region_id,
            territory_id: None,
            city: String::new(),
            tier: String::new(),
        });
        self.count("accounts").added += 1;
        index
    }

    fn add_hcp(&mut self, id: Option<&str>, name: &str, account: usize) -> usize {
        let id = self.ids.claim(id.unwrap_or(""), "h");
        let index = self.workspace.hcps.len();
        self.hcps.add(index, &id, name);
        self.hcps_in_account
            .entry((account, name_key(name)))
            .or_default()
            .push(index);
        self.workspace.hcps.push(Hcp {
            source: None,
            updated_at: None,
            id,
            name: name.to_string(),
            account_id: self.workspace.accounts[account].id.clone(),
            specialty: Specialty::Other,
            title: HcpTitle::Other,
            prescribing_potential: 0,
            influence: Influence::None,
            department_head: false,
            committee_member: false,
            preferred_channel_id: None,
            consent: Consent::default(),
        });
        self.count("hcps").added += 1;
        index
    }

    /// The HCP a row names: by id; by name within the named account; by name alone when only
    /// one HCP has it. An unknown HCP is created only when the row names its account.
    fn hcp(&mut self, reference: &HcpRef, issues: &mut Vec<Issue>) -> Option<usize> {
        if let Some(&index) = reference
            .id
            .as_deref()
            .and_then(|id| self.hcps.by_id.get(id))
        {
            return Some(index);
        }
        let shown = reference
            .name
            .clone()
            .or_else(|| reference.id.clone())
            .unwrap_or_default();
        let field = if reference.name.is_some() {
            Field::HcpName
        } else {
            Field::HcpId
        };
        let named_account = reference.account_id.is_some() || reference.account_name.is_some();
        let account = if named_account {
            let resolved = self.account(
                reference.account_id.as_deref(),
                reference.account_name.as_deref(),
            );
            let account_field = if reference.account_name.is_some() {
                Field::AccountName
            } else {
                Field::AccountId
            };
            let account_text = reference
                .account_name
                .clone()
                .or_else(|| reference.account_id.clone())
                .unwrap_or_default();
            Some(self.settle(account_field, &account_text, resolved, issues)?)
        } else {
            None
        };
        if let Some(name) = &reference.name {
            let key = name_key(name);
            let candidates: Vec<usize> = match account {
                Some(account) => self
                    .hcps_in_account
                    .get(&(account, key))
                    .cloned()
                    .unwrap_or_default(),
                None => self.hcps.by_name.get(&key).cloned().unwrap_or_default(),
            };
            match candidates.as_slice() {
                [index] => return Some(*index),
                [] => {}
                many => {
                    return self.settle(field, &shown, Resolved::Ambiguous(many.len()), issues);
                }
            }
        }
        match (account, self.creating(), &reference.name) {
            (Some(account), true, Some(name)) => {
                let index = self.add_hcp(reference.id.as_deref(), name, account);
                self.settle(field, &shown, Resolved::Created(index), issues)
            }
            _ => self.settle(field, &shown, Resolved::Missing, issues),
        }
    }

    /// The channel a row names (its index), created when the workspace has none of its kind
    /// or name.
    fn channel(&mut self, channel: &Result<ChannelKind, String>) -> usize {
        let (kind, name) = match channel {
            Ok(kind) => (*kind, None),
            Err(name) => (ChannelKind::Other, Some(name.clone())),
        };
        let existing = self.workspace.channels.iter().position(|c| match &name {
            Some(name) => name_key(&c.name) == name_key(name),
            None => c.kind == kind,
        });
        if let Some(index) = existing {
            return index;
        }
        let key = Term::Channel(kind).key();
        let id = match &name {
            Some(_) => self.ids.make("ch"),
            None => self
                .ids
                .claim(&format!("ch-{}", key.replace('_', "-")), "ch"),
        };
        let name = name
            .unwrap_or_else(|| standard_channel_name(kind, self.context.chinese_names).to_string());
        self.workspace.channels.push(Channel {
            source: None,
            id,
            name,
            kind,
        });
        self.count("channels").added += 1;
        self.workspace.channels.len() - 1
    }

    fn note_change(
        &mut self,
        list: &str,
        id: &str,
        name: &str,
        field: Field,
        before: String,
        after: String,
    ) {
        if self.changes.len() < LISTED_CHANGES {
            self.changes.push(FieldChange {
                list: list.to_string(),
                id: id.to_string(),
                name: name.to_string(),
                field,
                before,
                after,
            });
        }
    }

    fn apply_hcp(&mut self, row: HcpRow, issues: &mut Vec<Issue>) -> bool {
        let resolved = self.account(row.account_id.as_deref(), row.account_name.as_deref());
        let account_text = row
            .account_name
            .clone()
            .or_else(|| row.account_id.clone())
            .unwrap_or_default();
        let account_field = if row.account_name.is_some() {
            Field::AccountName
        } else {
            Field::AccountId
        };
        let Some(account) = self.settle(account_field, &account_text, resolved, issues) else {
            return false;
        };
        let key = name_key(&row.name);
        let by_id = row
            .id
            .as_deref()
            .and_then(|id| self.hcps.by_id.get(id).copied());
        let same_name = self
            .hcps_in_account
            .get(&(account, key))
            .cloned()
            .unwrap_or_default();
        let existing = by_id.or(match same_name.as_slice() {
            [one] if row.id.is_none() => Some(*one),
            _ => None,
        });
        if by_id.is_some() || row.id.is_some() {
            if let Some(&other) = same_name.iter().find(|&&i| Some(i) != by_id) {
                issues.push(Issue::LikelyDuplicateHcp {
                    name: row.name.clone(),
                    other: self.workspace.hcps[other].id.clone(),
                });
            }
        } else if same_name.len() > 1 {
            return self
                .settle(
                    Field::HcpName,
                    &row.name,
                    Resolved::Ambiguous(same_name.len()),
                    issues,
                )
                .is_some();
        }
        let index = match existing {
            Some(index) => index,
            None => {
                let index = self.add_hcp(row.id.as_deref(), &row.name, account);
                self.fill_hcp(index, &row);
                return true;
            }
        };
        let before = self.workspace.hcps[index].clone();
        self.workspace.hcps[index].account_id = self.workspace.accounts[account].id.clone();
        self.workspace.hcps[index].name = row.name.clone();
        self.fill_hcp(index, &row);
        let after = self.workspace.hcps[index].clone();
        self.count_update(
            "hcps",
            &before.id,
            &after.name,
            hcp_fields(&before),
            hcp_fields(&after),
        );
        true
    }

    fn fill_hcp(&mut self, index: usize, row: &HcpRow) {
        let preferred = row.preferred_channel.as_deref().and_then(|text| {
            self.workspace
                .channels
                .iter()
                .find(|c| c.id == text || name_key(&c.name) == name_key(text))
                .map(|c| c.id.clone())
        });
        let hcp = &mut self.workspace.hcps[index];
        if let Some(v) = row.specialty {
            hcp.specialty = v;
        }
        if let Some(v) = row.title {
            hcp.title = v;
        }
        if let Some(v) = row.potential {
            hcp.prescribing_potential = v;
        }
        if let Some(v) = row.influence {
            hcp.influence = v;
        }
        if let Some(v) = row.department_head {
            hcp.department_head = v;
        }
        if let Some(v) = row.committee_member {
            hcp.committee_member = v;
        }
        if preferred.is_some() {
            hcp.preferred_channel_id = preferred;
        }
        if let Some(v) = row.consent[0] {
            hcp.consent.email = v;
        }
        if let Some(v) = row.consent[1] {
            hcp.consent.wechat = v;
        }
        if let Some(v) = row.consent[2] {
            hcp.consent.phone = v;
        }
    }

    /// Counts an update or an unchanged record, listing the fields that changed.
    fn count_update(
        &mut self,
        list: &str,
        id: &str,
        name: &str,
        before: Vec<(Field, String)>,
        after: Vec<(Field, String)>,
    ) {
        let mut changed = false;
        for ((field, old), (_, new)) in before.into_iter().zip(after) {
            if old != new {
                changed = true;
                self.note_change(list, id, name, field, old, new);
            }
        }
        if changed {
            self.count(list).updated += 1;
        } else {
            self.count(list).unchanged += 1;
        }
    }

    /// A territory by id or name, when the row names one: `Ok(None)` for none, `Err` when the
    /// row must be skipped.
    fn optional_territory(
        &mut self,
        text: &Option<String>,
        region_id: &str,
        issues: &mut Vec<Issue>,
    ) -> Result<Option<String>, ()> {
        let Some(text) = text else {
            return Ok(None);
        };
        let resolved = self.territory(text, region_id);
        match self.settle(Field::Territory, text, resolved, issues) {
            Some(index) => Ok(Some(self.workspace.territories[index].id.clone())),
            None => Err(()),
        }
    }

    fn apply_account(&mut self, row: AccountRow, issues: &mut Vec<Issue>) -> bool {
        let resolved = self.region(&row.region);
        let Some(region) = self.settle(Field::Region, &row.region, resolved, issues) else {
            return false;
        };
        let region_id = self.workspace.regions[region].id.clone();
        let Ok(territory_id) = self.optional_territory(&row.territory, &region_id, issues) else {
            return false;
        };
        let existing = match self.accounts.record_of(row.id.as_deref(), &row.name) {
            Ok(found) => found,
            Err(candidates) => {
                let resolved = Resolved::Ambiguous(candidates);
                return self
                    .settle(Field::AccountName, &row.name, resolved, issues)
                    .is_some();
            }
        };
        let index = match existing {
            Some(index) => index,
            None => self.add_account(row.id.as_deref(), &row.name, region_id.clone()),
        };
        let before = self.workspace.accounts[index].clone();
        let account = &mut self.workspace.accounts[index];
        account.name = row.name.clone();
        account.region_id = region_id;
        if let Some(v) = row.account_type {
            account.account_type = v;
        }
        if territory_id.is_some() {
            account.territory_id = territory_id;
        }
        if let Some(v) = &row.city {
            account.city = v.clone();
        }
        if let Some(v) = &row.tier {
            account.tier = v.clone();
        }
        if existing.is_some() {
            let after = self.workspace.accounts[index].clone();
            self.count_update(
                "accounts",
                &before.id,
                &after.name,
                account_fields(&before),
                account_fields(&after),
            );
        }
        true
    }

    fn apply_rep(&mut self, row: RepRow, issues: &mut Vec<Issue>) -> bool {
        let resolved = self.region(&row.region);
        let Some(region) = self.settle(Field::Region, &row.region, resolved, issues) else {
            return false;
        };
        let region_id = self.workspace.regions[region].id.clone();
        let Ok(territory_id) = self.optional_territory(&row.territory, &region_id, issues) else {
            return false;
        };
        let existing = match self.reps.record_of(row.id.as_deref(), &row.name) {
            Ok(found) => found,
            Err(candidates) => {
                let resolved = Resolved::Ambiguous(candidates);
                return self
                    .settle(Field::RepName, &row.name, resolved, issues)
                    .is_some();
            }
        };
        let Some(index) = existing else {
            self.add_rep(row.id.as_deref(), &row.name, region_id, territory_id);
            return true;
        };
        let before = self.workspace.reps[index].clone();
        let rep = &mut self.workspace.reps[index];
        rep.name = row.name.clone();
        rep.region_id = region_id;
        if territory_id.is_some() {
            rep.territory_id = territory_id;
        }
        let after = self.workspace.reps[index].clone();
        self.count_update(
            "reps",
            &before.id,
            &after.name,
            rep_fields(&before),
            rep_fields(&after),
        );
        true
    }

    fn apply_product(&mut self, row: ProductRow, issues: &mut Vec<Issue>) -> bool {
        let existing = match self.products.record_of(row.id.as_deref(), &row.name) {
            Ok(found) => found,
            Err(candidates) => {
                let resolved = Resolved::Ambiguous(candidates);
                return self
                    .settle(Field::ProductName, &row.name, resolved, issues)
                    .is_some();
            }
        };
        let Some(index) = existing else {
            self.add_product(row.id.as_deref(), &row.name, row.therapeutic_area);
            return true;
        };
        let before = self.workspace.products[index].clone();
        let product = &mut self.workspace.products[index];
        product.name = row.name.clone();
        if let Some(v) = row.therapeutic_area {
            product.therapeutic_area = v;
        }
        let after = self.workspace.products[index].clone();
        self.count_update(
            "products",
            &before.id,
            &after.name,
            product_fields(&before),
            product_fields(&after),
        );
        true
    }

    /// The id of an optional reference (product, rep); `Err` when the row must be skipped.
    fn optional(
        &mut self,
        field: Field,
        text: &Option<String>,
        issues: &mut Vec<Issue>,
        region_id: impl FnOnce(&mut Self) -> String,
    ) -> Result<Option<String>, ()> {
        let Some(text) = text else {
            return Ok(None);
        };
        let resolved = match field {
            Field::Rep => self.rep(text, region_id),
            Field::Region => self.region(text),
            _ => self.product(text),
        };
        let index = self.settle(field, text, resolved, issues).ok_or(())?;
        Ok(Some(match field {
            Field::Rep => self.workspace.reps[index].id.clone(),
            Field::Region => self.workspace.regions[index].id.clone(),
            _ => self.workspace.products[index].id.clone(),
        }))
    }

    fn apply_interaction(&mut self, row: InteractionRow, issues: &mut Vec<Issue>) -> bool {
        let Some(hcp) = self.hcp(&row.hcp, issues) else {
            return false;
        };
        let account_region = |planner: &mut Self| {
            let account_id = planner.workspace.hcps[hcp].account_id.clone();
            planner
                .workspace
                .accounts
                .iter()
                .find(|a| a.id == account_id)
                .map(|a| a.region_id.clone())
                .unwrap_or_default()
        };
        let Ok(rep_id) = self.optional(Field::Rep, &row.rep, issues, account_region) else {
            return false;
        };
        let Ok(product_id) = self.optional(Field::Product, &row.product, issues, |_| String::new())
        else {
            return false;
        };
        let channel_kind = *row.channel.as_ref().unwrap_or(&ChannelKind::Other);
        let channel = self.channel(&row.channel);
        let (hour, minute, second) = row.at.time.unwrap_or((0, 0, 0));
        let at = Timestamp(
            Timestamp::from_date_and_time(row.at.date, hour, minute, second).0 - self.offset,
        );
        let kind = row.kind.unwrap_or_else(|| default_kind_for(channel_kind));
        if !self
            .interaction_keys
            .insert(InteractionKey::new(hcp, at, channel, kind))
        {
            issues.push(Issue::AlreadyPresent);
            return false;
        }
        if self.keep == Keep::Workspace {
            self.workspace.interactions.push(Interaction {
                source: None,
                at,
                hcp_id: self.workspace.hcps[hcp].id.clone(),
                rep_id,
                channel_id: self.workspace.channels[channel].id.clone(),
                kind,
                product_id,
                outcome: row.outcome.unwrap_or(Outcome::Neutral),
                notes: row.notes.unwrap_or_default(),
            });
        }
        self.count("interactions").added += 1;
        true
    }

    fn apply_sale(&mut self, row: SaleRow, issues: &mut Vec<Issue>) -> bool {
        let (hcp, account) = match (&row.hcp, &row.account) {
            (Some(hcp), _) => {
                let Some(index) = self.hcp(hcp, issues) else {
                    return false;
                };
                (Some(index), None)
            }
            (None, Some((id, name))) => {
                let resolved = self.account(id.as_deref(), name.as_deref());
                let field = if name.is_some() {
                    Field::AccountName
                } else {
                    Field::AccountId
                };
                let text = name.clone().or_else(|| id.clone()).unwrap_or_default();
                let Some(index) = self.settle(field, &text, resolved, issues) else {
                    return false;
                };
                (None, Some(index))
            }
            (None, None) => return false,
        };
        let Ok(Some(product_id)) =
            self.optional(Field::Product, &Some(row.product.clone()), issues, |_| {
                String::new()
            })
        else {
            return false;
        };
        let Some(&product) = self.products.by_id.get(&product_id) else {
            return false;
        };
        if !self
            .sale_keys
            .insert(SaleKey::new(hcp, account, row.month, product))
        {
            issues.push(Issue::AlreadyPresent);
            return false;
        }
        if self.keep == Keep::Workspace {
            self.workspace.prescriptions.push(Prescription {
                source: None,
                period: row.month,
                hcp_id: hcp.map(|index| self.workspace.hcps[index].id.clone()),
                account_id: account.map(|index| self.workspace.accounts[index].id.clone()),
                product_id,
                units: row.units.unwrap_or(0),
                value: row.value.unwrap_or(0.0),
            });
        }
        self.count("prescriptions").added += 1;
        if hcp.is_some() {
            self.hcp_prescriptions += 1;
        }
        true
    }

    fn apply_target(&mut self, row: TargetRow, issues: &mut Vec<Issue>) -> bool {
        let Ok(region_id) = self.optional(Field::Region, &row.region, issues, |_| String::new())
        else {
            return false;
        };
        let rep_region = region_id.clone();
        let Ok(rep_id) = self.optional(Field::Rep, &row.rep, issues, move |planner| {
            rep_region.unwrap_or_else(|| planner.unassigned_region())
        }) else {
            return false;
        };
        let territory_id = match &row.territory {
            None => None,
            Some(_) => {
                let region = match &region_id {
                    Some(region) => region.clone(),
                    None => self.unassigned_region(),
                };
                let Ok(territory) = self.optional_territory(&row.territory, &region, issues) else {
                    return false;
                };
                territory
            }
        };
        let account_id = match &row.account {
            None => None,
            Some((id, name)) => {
                let resolved = self.account(id.as_deref(), name.as_deref());
                let field = if name.is_some() {
                    Field::AccountName
                } else {
                    Field::AccountId
                };
                let text = name.clone().or_else(|| id.clone()).unwrap_or_default();
                let index = self.settle(field, &text, resolved, issues);
                let Some(index) = index else {
                    return false;
                };
                Some(self.workspace.accounts[index].id.clone())
            }
        };
        let Ok(Some(product_id)) =
            self.optional(Field::Product, &Some(row.product.clone()), issues, |_| {
                String::new()
            })
        else {
            return false;
        };
        let key = super::TargetKey {
            period: row.month,
            rep: rep_id.clone(),
            region: region_id.clone(),
            territory: territory_id.clone(),
            account: account_id.clone(),
            product: product_id.clone(),
        };
        if let Some(&index) = self.target_index.get(&key) {
            let before = self.workspace.targets[index].clone();
            let target = &mut self.workspace.targets[index];
            if let Some(units) = row.units {
                target.units = units;
            }
            if let Some(value) = row.value {
                target.value = value;
            }
            let after = self.workspace.targets[index].clone();
            let id = format!("{} {}", after.period, after.product_id);
            self.count_update(
                "targets",
                &id,
                &id,
                target_fields(&before),
                target_fields(&after),
            );
            return true;
        }
        self.target_index.insert(key, self.workspace.targets.len());
        self.workspace.targets.push(Target {
            source: None,
            updated_at: None,
            period: row.month,
            rep_id,
            region_id,
            territory_id,
            account_id,
            product_id,
            units: row.units.unwrap_or(0),
            value: row.value.unwrap_or(0.0),
        });
        self.count("targets").added += 1;
        true
    }
}

fn hcp_fields(hcp: &Hcp) -> Vec<(Field, String)> {
    let key = |v: &dyn erased::Key| v.key();
    vec![
        (Field::HcpName, hcp.name.clone()),
        (Field::AccountId, hcp.account_id.clone()),
        (Field::Specialty, key(&hcp.specialty)),
        (Field::Title, key(&hcp.title)),
        (Field::Potential, hcp.prescribing_potential.to_string()),
        (Field::Influence, key(&hcp.influence)),
        (Field::DepartmentHead, hcp.department_head.to_string()),
        (Field::CommitteeMember, hcp.committee_member.to_string()),
        (
            Field::PreferredChannel,
            hcp.preferred_channel_id.clone().unwrap_or_default(),
        ),
        (Field::ConsentEmail, hcp.consent.email.to_string()),
        (Field::ConsentWechat, hcp.consent.wechat.to_string()),
        (Field::ConsentPhone, hcp.consent.phone.to_string()),
    ]
}

fn account_fields(account: &Account) -> Vec<(Field, String)> {
    vec![
        (Field::AccountName, account.name.clone()),
        (Field::AccountType, erased::Key::key(&account.account_type)),
        (Field::Region, account.region_id.clone()),
        (
            Field::Territory,
            account.territory_id.clone().unwrap_or_default(),
        ),
        (Field::City, account.city.clone()),
        (Field::Tier, account.tier.clone()),
    ]
}

fn rep_fields(rep: &Rep) -> Vec<(Field, String)> {
    vec![
        (Field::RepName, rep.name.clone()),
        (Field::Region, rep.region_id.clone()),
        (
            Field::Territory,
            rep.territory_id.clone().unwrap_or_default(),
        ),
    ]
}

fn product_fields(product: &Product) -> Vec<(Field, String)> {
    vec![
        (Field::ProductName, product.name.clone()),
        (Field::TherapeuticArea, product.therapeutic_area.clone()),
    ]
}

fn target_fields(target: &Target) -> Vec<(Field, String)> {
    vec![
        (Field::Units, target.units.to_string()),
        (Field::Value, target.value.to_string()),
    ]
}

/// The file key of an enum value, for listing changes.
mod erased {
    pub trait Key {
        fn key(&self) -> String;
    }

    impl<T: serde::Serialize> Key for T {
        fn key(&self) -> String {
            serde_json::to_value(self)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }
    }
}

/// The name a standard channel gets when an import adds it, in the data's language.
fn standard_channel_name(kind: ChannelKind, chinese: bool) -> &'static str {
    let (zh, en) = match kind {
        ChannelKind::RepVisit => ("面访", "Rep visit"),
        ChannelKind::Phone => ("电话", "Phone"),
        ChannelKind::RemoteDetailing => ("远程拜访", "Remote detailing"),
        ChannelKind::Email => ("邮件", "Email"),
        ChannelKind::Wechat => ("微信", "WeChat"),
        ChannelKind::Webinar => ("会议", "Meetings and webinars"),
        ChannelKind::Pharmacy => ("药店", "Pharmacy"),
        ChannelKind::Other => ("其他", "Other"),
    };
    if chinese {
        zh
    } else {
        en
    }
}
