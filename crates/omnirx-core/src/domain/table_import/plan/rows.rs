//! Reading a data row as its kind's record: each mapped cell read as its field's type, every
//! problem noted with its field, references kept as written until they are resolved.

use super::*;

/// A value read from a cell, or why not.
pub(super) type Read<T> = Result<Option<T>, ValueProblem>;

/// The row being read: its cells, the mapping, and the issues found so far.
pub(super) struct RowReader<'a, 'b> {
    pub(super) row: Row<'a>,
    pub(super) mapping: &'b SheetMapping,
    pub(super) issues: Vec<Issue>,
    pub(super) columns: &'b mut [ColumnReport],
    pub(super) row_number: usize,
}

impl<'a> RowReader<'a, '_> {
    pub(super) fn cell(&self, field: Field) -> Option<(usize, Cell<'a>)> {
        let column = *self.mapping.columns.get(&field)?;
        Some((column, self.row.cell(column)))
    }

    /// Reads `field` with `read`, counting it in its column's figures.
    fn read<T>(&mut self, field: Field, read: impl FnOnce(&Cell) -> Read<T>) -> Option<T> {
        let (column, cell) = self.cell(field)?;
        let outcome = read(&cell);
        let report = &mut self.columns[column];
        if !cell.is_blank() {
            report.filled += 1;
        }
        match outcome {
            Ok(value) => {
                if value.is_some() {
                    report.valid += 1;
                }
                value
            }
            Err(problem) => {
                report.invalid += 1;
                if report.first_invalid.len() < FIRST_ROWS {
                    let shown = cell_text(&cell).unwrap_or_default();
                    report
                        .first_invalid
                        .push((self.row_number, shown, problem.clone()));
                }
                self.issues.push(Issue::Invalid { field, problem });
                None
            }
        }
    }

    pub(super) fn text(&mut self, field: Field) -> Option<String> {
        let value = self.read(field, |cell| Ok(cell_text(cell)));
        if let Some(text) = &value {
            if text.starts_with(['=', '+', '@'])
                && text.len() > 1
                && !text[1..].starts_with(char::is_numeric)
            {
                self.issues.push(Issue::FormulaText { field });
            }
        }
        value
    }

    pub(super) fn term(
        &mut self,
        field: Field,
        vocabulary: Vocabulary,
    ) -> Option<Result<Term, String>> {
        let mapping = self.mapping;
        let value = self.read(field, |cell| {
            let Some(text) = cell_text(cell) else {
                return Ok(None);
            };
            let chosen = mapping.values.get(&field).and_then(|map| map.get(&text));
            match chosen.map(String::as_str) {
                Some(NEW_CHANNEL) if vocabulary == Vocabulary::Channel => Ok(Some(Err(text))),
                Some(key) => vocabulary
                    .terms()
                    .into_iter()
                    .find(|term| term.key() == key)
                    .map(|term| Some(Ok(term)))
                    .ok_or(ValueProblem::UnknownValue),
                None => Err(ValueProblem::UnknownValue),
            }
        });
        value
    }

    pub(super) fn required(&mut self, group: &[Field], present: bool) {
        if !present {
            self.issues.push(Issue::Missing { field: group[0] });
        }
    }

    /// [`Self::required`], unless a field of `group` was already found invalid (a bad value is
    /// reported once, not also as missing).
    fn required_unless_invalid(&mut self, group: &[Field], present: bool) {
        let invalid = self
            .issues
            .iter()
            .any(|issue| issue.field().is_some_and(|field| group.contains(&field)));
        if !invalid {
            self.required(group, present);
        }
    }
}

/// A row read as its kind's record, references still as written.
#[derive(Debug)]
pub(super) enum Record {
    Hcp(HcpRow),
    Account(AccountRow),
    Rep(RepRow),
    Product(ProductRow),
    Interaction(InteractionRow),
    Sale(SaleRow),
    Target(TargetRow),
}

#[derive(Debug, Default)]
pub(super) struct HcpRow {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) account_id: Option<String>,
    pub(super) account_name: Option<String>,
    pub(super) specialty: Option<Specialty>,
    pub(super) title: Option<HcpTitle>,
    pub(super) potential: Option<i64>,
    pub(super) influence: Option<Influence>,
    pub(super) department_head: Option<bool>,
    pub(super) committee_member: Option<bool>,
    pub(super) preferred_channel: Option<String>,
    pub(super) consent: [Option<bool>; 3],
}

#[derive(Debug, Default)]
pub(super) struct AccountRow {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) account_type: Option<AccountType>,
    pub(super) region: String,
    pub(super) territory: Option<String>,
    pub(super) city: Option<String>,
    pub(super) tier: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct RepRow {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) region: String,
    pub(super) territory: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct ProductRow {
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) therapeutic_area: Option<String>,
}

/// An HCP named by a row: id, or name (and the account it works at).
#[derive(Debug, Default, Clone)]
pub(super) struct HcpRef {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) account_id: Option<String>,
    pub(super) account_name: Option<String>,
}

#[derive(Debug)]
pub(super) struct InteractionRow {
    pub(super) at: LocalDateTime,
    pub(super) hcp: HcpRef,
    pub(super) channel: Result<ChannelKind, String>,
    pub(super) kind: Option<InteractionKind>,
    pub(super) outcome: Option<Outcome>,
    pub(super) product: Option<String>,
    pub(super) rep: Option<String>,
    pub(super) notes: Option<String>,
}

#[derive(Debug)]
pub(super) struct SaleRow {
    pub(super) month: Month,
    pub(super) hcp: Option<HcpRef>,
    pub(super) account: Option<(Option<String>, Option<String>)>,
    pub(super) product: String,
    pub(super) units: Option<i64>,
    pub(super) value: Option<f64>,
}

#[derive(Debug)]
pub(super) struct TargetRow {
    pub(super) month: Month,
    pub(super) rep: Option<String>,
    pub(super) region: Option<String>,
    pub(super) territory: Option<String>,
    /// The account's id and name, when the target is an account's.
    pub(super) account: Option<(Option<String>, Option<String>)>,
    pub(super) product: String,
    pub(super) units: Option<i64>,
    pub(super) value: Option<f64>,
}

pub(super) fn read_record(kind: SheetKind, r: &mut RowReader) -> Option<Record> {
    let order = r.mapping.date_order;
    let count = |cell: &Cell| read_count(cell);
    let decimal = |cell: &Cell| -> Read<f64> {
        match read_number(cell)? {
            Some(value) if value < 0.0 => Err(ValueProblem::Negative),
            other => Ok(other),
        }
    };
    let enum_of = |r: &mut RowReader, field: Field| -> Option<Term> {
        let FieldType::Enum(vocabulary) = field.field_type() else {
            return None;
        };
        r.term(field, vocabulary).and_then(Result::ok)
    };
    match kind {
        SheetKind::Hcps => {
            let mut row = HcpRow {
                id: r.text(Field::HcpId),
                name: r.text(Field::HcpName).unwrap_or_default(),
                account_id: r.text(Field::AccountId),
                account_name: r.text(Field::AccountName),
                potential: r.read(Field::Potential, count),
                preferred_channel: r.text(Field::PreferredChannel),
                ..HcpRow::default()
            };
            row.specialty = match enum_of(r, Field::Specialty) {
                Some(Term::Specialty(v)) => Some(v),
                _ => None,
            };
            row.title = match enum_of(r, Field::Title) {
                Some(Term::Title(v)) => Some(v),
                _ => None,
            };
            row.influence = match enum_of(r, Field::Influence) {
                Some(Term::Influence(v)) => Some(v),
                _ => None,
            };
            row.department_head = r.read(Field::DepartmentHead, read_bool);
            row.committee_member = r.read(Field::CommitteeMember, read_bool);
            row.consent = [
                r.read(Field::ConsentEmail, read_bool),
                r.read(Field::ConsentWechat, read_bool),
                r.read(Field::ConsentPhone, read_bool),
            ];
            r.required(&[Field::HcpName], !row.name.is_empty());
            r.required(
                &[Field::AccountId, Field::AccountName],
                row.account_id.is_some() || row.account_name.is_some(),
            );
            Some(Record::Hcp(row))
        }
        SheetKind::Accounts => {
            let mut row = AccountRow {
                id: r.text(Field::AccountId),
                name: r.text(Field::AccountName).unwrap_or_default(),
                region: r.text(Field::Region).unwrap_or_default(),
                territory: r.text(Field::Territory),
                city: r.text(Field::City),
                tier: r.text(Field::Tier),
                ..AccountRow::default()
            };
            row.account_type = match enum_of(r, Field::AccountType) {
                Some(Term::AccountType(v)) => Some(v),
                _ => None,
            };
            r.required(&[Field::AccountName], !row.name.is_empty());
            r.required(&[Field::Region], !row.region.is_empty());
            Some(Record::Account(row))
        }
        SheetKind::Reps => {
            let row = RepRow {
                id: r.text(Field::RepId),
                name: r.text(Field::RepName).unwrap_or_default(),
                region: r.text(Field::Region).unwrap_or_default(),
                territory: r.text(Field::Territory),
            };
            r.required(&[Field::RepName], !row.name.is_empty());
            r.required(&[Field::Region], !row.region.is_empty());
            Some(Record::Rep(row))
        }
        SheetKind::Products => {
            let row = ProductRow {
                id: r.text(Field::ProductId),
                name: r.text(Field::ProductName).unwrap_or_default(),
                therapeutic_area: r.text(Field::TherapeuticArea),
            };
            r.required(&[Field::ProductName], !row.name.is_empty());
            Some(Record::Product(row))
        }
        SheetKind::Interactions => {
            let date = r.read(Field::Date, |cell| read_date(cell, order));
            let time = r.read(Field::Time, |cell| match cell {
                Cell::Empty => Ok(None),
                Cell::Date(serial) | Cell::Number(serial) if *serial < 1.0 && *serial >= 0.0 => {
                    let seconds = (serial * 86_400.0).round() as u32;
                    Ok(Some((
                        (seconds / 3_600) as u8,
                        (seconds / 60 % 60) as u8,
                        (seconds % 60) as u8,
                    )))
                }
                _ => match cell_text(cell) {
                    None => Ok(None),
                    Some(text) => parse_time(&text).map(Some).ok_or(ValueProblem::NotATime),
                },
            });
            let hcp = HcpRef {
                id: r.text(Field::HcpId),
                name: r.text(Field::HcpName),
                account_id: None,
                account_name: r.text(Field::AccountName),
            };
            let channel = r
                .term(Field::Channel, Vocabulary::Channel)
                .map(|term| match term {
                    Ok(Term::Channel(kind)) => Ok(kind),
                    Ok(_) => Ok(ChannelKind::Other),
                    Err(name) => Err(name),
                });
            let kind = match enum_of(r, Field::InteractionKind) {
                Some(Term::InteractionKind(v)) => Some(v),
                _ => None,
            };
            let outcome = match enum_of(r, Field::Outcome) {
                Some(Term::Outcome(v)) => Some(v),
                _ => None,
            };
            let product = r.text(Field::Product);
            let rep = r.text(Field::Rep);
            let notes = r.text(Field::Notes);
            let date_invalid = r.issues.iter().any(|i| i.field() == Some(Field::Date));
            if !date_invalid {
                r.required(&[Field::Date], date.is_some());
            }
            r.required(
                &[Field::HcpId, Field::HcpName],
                hcp.id.is_some() || hcp.name.is_some(),
            );
            let channel_invalid = r.issues.iter().any(|i| i.field() == Some(Field::Channel));
            if !channel_invalid {
                r.required(&[Field::Channel], channel.is_some());
            }
            let mut at = date?;
            if let Some(time) = time {
                at.time = Some(time);
            }
            Some(Record::Interaction(InteractionRow {
                at,
                hcp,
                channel: channel?,
                kind,
                outcome,
                product,
                rep,
                notes,
            }))
        }
        SheetKind::Sales => {
            let month = r.read(Field::Month, |cell| read_month(cell, order));
            let hcp_id = r.text(Field::HcpId);
            let hcp_name = r.text(Field::HcpName);
            let account_id = r.text(Field::AccountId);
            let account_name = r.text(Field::AccountName);
            let product = r.text(Field::Product);
            let units = r.read(Field::Units, count);
            let value = r.read(Field::Value, decimal);
            r.required_unless_invalid(&[Field::Month], month.is_some());
            let has_hcp = hcp_id.is_some() || hcp_name.is_some();
            r.required(
                &[
                    Field::HcpId,
                    Field::HcpName,
                    Field::AccountId,
                    Field::AccountName,
                ],
                has_hcp || account_id.is_some() || account_name.is_some(),
            );
            r.required(&[Field::Product], product.is_some());
            r.required_unless_invalid(
                &[Field::Units, Field::Value],
                units.is_some() || value.is_some(),
            );
            Some(Record::Sale(SaleRow {
                month: month?,
                hcp: has_hcp.then(|| HcpRef {
                    id: hcp_id,
                    name: hcp_name,
                    account_id: account_id.clone(),
                    account_name: account_name.clone(),
                }),
                account: (account_id.is_some() || account_name.is_some())
                    .then_some((account_id, account_name)),
                product: product?,
                units,
                value,
            }))
        }
        SheetKind::Targets => {
            let month = r.read(Field::Month, |cell| read_month(cell, order));
            let rep = r.text(Field::Rep);
            let region = r.text(Field::Region);
            let territory = r.text(Field::Territory);
            let account_id = r.text(Field::AccountId);
            let account_name = r.text(Field::AccountName);
            let product = r.text(Field::Product);
            let units = r.read(Field::Units, count);
            let value = r.read(Field::Value, decimal);
            r.required_unless_invalid(&[Field::Month], month.is_some());
            r.required(&[Field::Product], product.is_some());
            r.required_unless_invalid(
                &[Field::Units, Field::Value],
                units.is_some() || value.is_some(),
            );
            Some(Record::Target(TargetRow {
                month: month?,
                rep,
                region,
                territory,
                account: (account_id.is_some() || account_name.is_some())
                    .then_some((account_id, account_name)),
                product: product?,
                units,
                value,
            }))
        }
    }
}
