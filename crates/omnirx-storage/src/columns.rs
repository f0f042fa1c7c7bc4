//! Interactions stored by column (database version 2): a chunk of interactions as one JSON
//! object of parallel lists of numbers, with every text of the chunk written once.
//!
//! A million interactions written as objects (`{"at":"2025-06-03T09:30:00Z","hcp_id":…}`) are
//! about 220 bytes each, and reopening a large workspace was mostly parsing them (1.2–1.7 s for
//! `large` in the page). By column an interaction is about 30 bytes of small numbers: the time in
//! UTC seconds, and each id, kind, outcome or note as its place in the chunk's list of texts.
//! Chunks written before (a JSON list of objects) are still read: [`decode`] takes both.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Serialize};

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::model::{Interaction, InteractionKind, Outcome, SourceNumber};
use omnirx_core::domain::time::{Timestamp, EARLIEST_YEAR, LATEST_YEAR};

/// One chunk of interactions by column; every list but `texts`, `notes` and `sources` has one
/// entry per interaction, in the chunk's order.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Columns {
    /// Every distinct text of the chunk (ids, kinds, outcomes, notes), each once.
    texts: Vec<String>,
    /// UTC seconds.
    at: Vec<i64>,
    /// Places in `texts`.
    hcp: Vec<u32>,
    channel: Vec<u32>,
    kind: Vec<u32>,
    outcome: Vec<u32>,
    /// Place in `texts` plus one; 0 for none.
    rep: Vec<u32>,
    product: Vec<u32>,
    /// `[interaction, place in texts]` for the interactions that have notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<(u32, u32)>,
    /// `[interaction, source number]` for the interactions that came from a merged file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<(u32, u16)>,
}

/// The texts of a chunk being written, each given its place once.
#[derive(Default)]
struct Texts<'a> {
    places: std::collections::HashMap<&'a str, u32>,
    texts: Vec<String>,
}

impl<'a> Texts<'a> {
    fn place(&mut self, text: &'a str) -> u32 {
        let next = self.texts.len() as u32;
        *self.places.entry(text).or_insert_with(|| {
            self.texts.push(text.to_string());
            next
        })
    }

    /// A text that does not live as long as the chunk (a kind's name), given its own place.
    fn place_owned(&mut self, text: String) -> u32 {
        self.texts.push(text);
        self.texts.len() as u32 - 1
    }
}

/// The place of a kind's or outcome's name (`"visit"`, `"positive"`), named through serde once
/// per chunk and value.
fn place_of_name<'a, T: Serialize + Copy + Eq + std::hash::Hash>(
    value: T,
    known: &mut std::collections::HashMap<T, u32>,
    texts: &mut Texts<'a>,
) -> u32 {
    *known.entry(value).or_insert_with(|| {
        let name = match serde_json::to_value(value) {
            Ok(serde_json::Value::String(name)) => name,
            _ => unreachable!("kinds and outcomes are named by a text"),
        };
        texts.place_owned(name)
    })
}

/// Writes a chunk of interactions by column.
pub fn encode(interactions: &[Interaction]) -> String {
    let mut texts = Texts::default();
    let mut columns = Columns::default();
    let (mut kinds, mut outcomes) = Default::default();
    for (row, interaction) in interactions.iter().enumerate() {
        columns.at.push(interaction.at.0);
        columns.hcp.push(texts.place(&interaction.hcp_id));
        columns.channel.push(texts.place(&interaction.channel_id));
        columns
            .kind
            .push(place_of_name(interaction.kind, &mut kinds, &mut texts));
        columns.outcome.push(place_of_name(
            interaction.outcome,
            &mut outcomes,
            &mut texts,
        ));
        columns.rep.push(
            interaction
                .rep_id
                .as_deref()
                .map_or(0, |rep| texts.place(rep) + 1),
        );
        columns.product.push(
            interaction
                .product_id
                .as_deref()
                .map_or(0, |product| texts.place(product) + 1),
        );
        if !interaction.notes.is_empty() {
            columns
                .notes
                .push((row as u32, texts.place(&interaction.notes)));
        }
        if let Some(source) = interaction.source {
            columns.sources.push((row as u32, source.get()));
        }
    }
    columns.texts = texts.texts;
    serde_json::to_string(&columns).expect("columns serialise")
}

/// The first and last second a stored time may have: the years a workspace may mention.
fn time_bounds() -> (i64, i64) {
    let day = |year| {
        CalendarDate {
            year,
            month: 1,
            day: 1,
        }
        .days_since_unix_epoch()
            * 86_400
    };
    (day(EARLIEST_YEAR), day(LATEST_YEAR + 1) - 1)
}

/// The kinds (or outcomes) the texts at `places` name, read once per distinct place; only
/// those texts are tried, since a failed try costs an error message.
fn parse_names<'de, T: Deserialize<'de> + Copy>(
    texts: &'de [String],
    places: &[u32],
) -> Vec<Option<T>> {
    let mut names: Vec<Option<T>> = vec![None; texts.len()];
    let mut tried = vec![false; texts.len()];
    for &place in places {
        let place = place as usize;
        if place < texts.len() && !tried[place] {
            tried[place] = true;
            names[place] = T::deserialize(StrDeserializer::<ValueError>::new(&texts[place])).ok();
        }
    }
    names
}

/// Reads a chunk of interactions, by column or (written before database version 2) as a list of
/// objects, onto the end of `list`. A damaged chunk is refused whole, saying what is wrong.
pub fn decode(json: &str, list: &mut Vec<Interaction>) -> Result<(), String> {
    if json.trim_start().starts_with('[') {
        let items: Vec<Interaction> =
            serde_json::from_str(json).map_err(|error| error.to_string())?;
        list.extend(items);
        return Ok(());
    }
    let columns: Columns = serde_json::from_str(json).map_err(|error| error.to_string())?;
    let start = list.len();
    let read = decode_columns(&columns, list);
    if read.is_err() {
        list.truncate(start);
    }
    read
}

fn decode_columns(columns: &Columns, list: &mut Vec<Interaction>) -> Result<(), String> {
    let count = columns.at.len();
    for (name, length) in [
        ("hcp", columns.hcp.len()),
        ("channel", columns.channel.len()),
        ("kind", columns.kind.len()),
        ("outcome", columns.outcome.len()),
        ("rep", columns.rep.len()),
        ("product", columns.product.len()),
    ] {
        if length != count {
            return Err(format!(
                "interaction columns: {name} has {length} entries for {count} times"
            ));
        }
    }
    let texts = &columns.texts;
    let text = |column: &str, place: u32| -> Result<&String, String> {
        texts.get(place as usize).ok_or_else(|| {
            format!(
                "interaction columns: {column} names text {place} of {}",
                texts.len()
            )
        })
    };
    let optional = |column: &str, place: u32| -> Result<Option<String>, String> {
        match place {
            0 => Ok(None),
            place => text(column, place - 1).map(|text| Some(text.clone())),
        }
    };
    let kinds: Vec<Option<InteractionKind>> = parse_names(texts, &columns.kind);
    let outcomes: Vec<Option<Outcome>> = parse_names(texts, &columns.outcome);
    let (earliest, latest) = time_bounds();
    list.reserve(count);
    let start = list.len();
    for row in 0..count {
        let at = columns.at[row];
        if !(earliest..=latest).contains(&at) {
            return Err(format!("interaction columns: time {at} is out of range"));
        }
        let kind = kinds
            .get(columns.kind[row] as usize)
            .copied()
            .flatten()
            .ok_or_else(|| format!("interaction columns: kind {} is unknown", columns.kind[row]))?;
        let outcome = outcomes
            .get(columns.outcome[row] as usize)
            .copied()
            .flatten()
            .ok_or_else(|| {
                format!(
                    "interaction columns: outcome {} is unknown",
                    columns.outcome[row]
                )
            })?;
        list.push(Interaction {
            at: Timestamp(at),
            hcp_id: text("hcp", columns.hcp[row])?.clone(),
            rep_id: optional("rep", columns.rep[row])?,
            channel_id: text("channel", columns.channel[row])?.clone(),
            kind,
            product_id: optional("product", columns.product[row])?,
            outcome,
            notes: String::new(),
            source: None,
        });
    }
    for &(row, place) in &columns.notes {
        let notes = text("notes", place)?.clone();
        list.get_mut(start + row as usize)
            .filter(|_| (row as usize) < count)
            .ok_or_else(|| format!("interaction columns: notes for interaction {row} of {count}"))?
            .notes = notes;
    }
    for &(row, source) in &columns.sources {
        let source =
            SourceNumber::new(source).ok_or_else(|| "interaction columns: source 0".to_string())?;
        list.get_mut(start + row as usize)
            .filter(|_| (row as usize) < count)
            .ok_or_else(|| format!("interaction columns: source for interaction {row} of {count}"))?
            .source = Some(source);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };

    fn interaction(at: &str, hcp: &str) -> Interaction {
        Interaction {
            at: Timestamp::parse(at).unwrap(),
            hcp_id: hcp.into(),
            rep_id: None,
            channel_id: "ch-f2f".into(),
            kind: InteractionKind::Visit,
            product_id: None,
            outcome: Outcome::Neutral,
            notes: String::new(),
            source: None,
        }
    }

    #[test]
    fn a_chunk_by_column_is_read_back_as_written() {
        let mut with_everything = interaction("2025-06-03T09:30:00Z", "医生-1");
        with_everything.rep_id = Some("rep-1".into());
        with_everything.product_id = Some("prd-1".into());
        with_everything.notes = "谈到了 \"新适应症\"\n第二行".into();
        with_everything.source = SourceNumber::new(3);
        let cases: Vec<Vec<Interaction>> = vec![
            vec![],
            vec![interaction("1900-01-01T00:00:00Z", "h")],
            vec![
                with_everything.clone(),
                interaction("2199-12-31T23:59:59Z", "医生-1"),
                with_everything,
            ],
            generate_demo_workspace(DemoOptions::fixed(
                DemoScale::Demo,
                7,
                DataLanguage::Chinese,
            ))
            .interactions,
        ];
        for written in cases {
            let text = encode(&written);
            let mut read = vec![interaction("2020-01-01T00:00:00Z", "already there")];
            decode(&text, &mut read).unwrap();
            assert_eq!(read.remove(0).hcp_id, "already there");
            assert!(read == written, "{text}");
        }
    }

    #[test]
    fn a_chunk_by_column_writes_each_text_once_and_a_time_as_a_number() {
        let mut first = interaction("2025-06-03T09:30:00Z", "h-1");
        first.rep_id = Some("r".into());
        let second = interaction("1970-01-01T00:01:00Z", "h-1");
        let text = encode(&[first, second]);
        assert_eq!(
            text,
            r#"{"texts":["h-1","ch-f2f","visit","neutral","r"],"at":[1748943000,60],"hcp":[0,0],"channel":[1,1],"kind":[2,2],"outcome":[3,3],"rep":[5,0],"product":[0,0]}"#
        );
    }

    #[test]
    fn a_chunk_written_before_columns_is_still_read() {
        let written = vec![interaction("2025-06-03T09:30:00Z", "h-1")];
        let mut read = Vec::new();
        decode(&serde_json::to_string(&written).unwrap(), &mut read).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn a_damaged_chunk_is_refused_saying_what_is_wrong() {
        let good = encode(&[interaction("2025-06-03T09:30:00Z", "h-1")]);
        let cases = [
            (
                good.replace(r#""hcp":[0]"#, r#""hcp":[9]"#),
                "hcp names text 9 of 4",
            ),
            (
                good.replace(r#""hcp":[0]"#, r#""hcp":[]"#),
                "hcp has 0 entries for 1",
            ),
            (
                good.replace(r#""kind":[2]"#, r#""kind":[0]"#),
                "kind 0 is unknown",
            ),
            (
                good.replace(r#""outcome":[3]"#, r#""outcome":[7]"#),
                "outcome 7 is unknown",
            ),
            (
                good.replace(r#""rep":[0]"#, r#""rep":[5]"#),
                "rep names text 4 of 4",
            ),
            (
                good.replace("1748943000", "99999999999"),
                "time 99999999999 is out of range",
            ),
            (
                good.replace('}', r#","notes":[[1,0]]}"#),
                "notes for interaction 1 of 1",
            ),
            (good.replace('}', r#","sources":[[0,0]]}"#), "source 0"),
            (
                good.replace(r#""texts""#, r#""words""#),
                "missing field `texts`",
            ),
            ("{".to_string(), "EOF"),
        ];
        for (text, expected) in cases {
            let mut read = vec![interaction("2020-01-01T00:00:00Z", "already there")];
            let error = decode(&text, &mut read).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
            // Nothing of a refused chunk is kept, even what was read before the fault.
            assert_eq!(read.len(), 1, "{text}");
        }
    }
}
