//! How a workspace is cut into IndexedDB records and put back together; plain Rust, tested natively.
//!
//! One record per interaction would take minutes to store at a million interactions, so every list
//! is stored in chunks of [`CHUNK_SIZE`] records, each chunk one JSON string under the key
//! `[workspace id, part, chunk index]`. The settings are one more record. Interactions, by far
//! the most numerous, are stored by column (`crate::columns`, database version 2); every other
//! list as a JSON list of its records, as in the workspace file.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use omnirx_core::domain::model::Workspace;

pub const CHUNK_SIZE: usize = 5_000;

/// One stored record of a workspace: which part, which chunk, and its JSON text.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkspaceRecord {
    pub part: &'static str,
    pub chunk: u32,
    pub json: String,
}

/// What the workspace list shows without loading a workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: String,
    pub name: String,
    pub demo: bool,
    pub hcps: usize,
    pub interactions: usize,
    /// Milliseconds since 1970, from the browser clock at the last save.
    pub saved_at_ms: f64,
    /// Changes with every save of this workspace (a unique number, not a count). A tab saves its
    /// edits only over the revision it last read or wrote, so that two tabs never overwrite each
    /// other's edits unseen (0: stored before revisions existed).
    #[serde(default)]
    pub revision: u64,
}

/// Saved plans per record: one, since a plan of a large workspace holds a row per HCP (10,000
/// rows of six cells are a few megabytes of JSON).
pub const PLANS_PER_CHUNK: usize = 1;

fn chunks<T: Serialize, E>(
    part: &'static str,
    items: &[T],
    visit: &mut impl FnMut(WorkspaceRecord) -> Result<(), E>,
) -> Result<(), E> {
    chunks_of(part, items, CHUNK_SIZE, visit)
}

fn chunks_of<T: Serialize, E>(
    part: &'static str,
    items: &[T],
    size: usize,
    visit: &mut impl FnMut(WorkspaceRecord) -> Result<(), E>,
) -> Result<(), E> {
    // Serialising plain data cannot fail.
    let encode = |slice: &[T]| serde_json::to_string(slice).expect("workspace data serialises");
    encoded_chunks(part, items, size, encode, visit)
}

/// Hands `items` to `visit` as records of `size` items each, written by `encode`.
fn encoded_chunks<T, E>(
    part: &'static str,
    items: &[T],
    size: usize,
    encode: impl Fn(&[T]) -> String,
    visit: &mut impl FnMut(WorkspaceRecord) -> Result<(), E>,
) -> Result<(), E> {
    for (chunk, slice) in items.chunks(size).enumerate() {
        visit(WorkspaceRecord {
            part,
            chunk: chunk as u32,
            json: encode(slice),
        })?;
    }
    Ok(())
}

/// Hands every record of a workspace to `visit`, one at a time and in a fixed order, so that a
/// save never holds more than one chunk's text besides the workspace itself.
pub fn for_each_record<E>(
    workspace: &Workspace,
    mut visit: impl FnMut(WorkspaceRecord) -> Result<(), E>,
) -> Result<(), E> {
    visit(WorkspaceRecord {
        part: "settings",
        chunk: 0,
        json: serde_json::to_string(&workspace.settings).expect("settings serialise"),
    })?;
    chunks("products", &workspace.products, &mut visit)?;
    chunks("channels", &workspace.channels, &mut visit)?;
    chunks("regions", &workspace.regions, &mut visit)?;
    chunks("territories", &workspace.territories, &mut visit)?;
    chunks("reps", &workspace.reps, &mut visit)?;
    chunks("accounts", &workspace.accounts, &mut visit)?;
    chunks("hcps", &workspace.hcps, &mut visit)?;
    encoded_chunks(
        "interactions",
        &workspace.interactions,
        CHUNK_SIZE,
        crate::columns::encode,
        &mut visit,
    )?;
    chunks("prescriptions", &workspace.prescriptions, &mut visit)?;
    chunks("targets", &workspace.targets, &mut visit)?;
    chunks("funnels", &workspace.funnels, &mut visit)?;
    chunks(
        "segment_rule_sets",
        &workspace.segment_rule_sets,
        &mut visit,
    )?;
    chunks("journeys", &workspace.journeys, &mut visit)?;
    chunks("table_mappings", &workspace.table_mappings, &mut visit)?;
    chunks_of("plans", &workspace.plans, PLANS_PER_CHUNK, &mut visit)?;
    chunks("sources", &workspace.sources, &mut visit)
}

/// The parts that hold the team's analyses (funnels, rule sets, journey maps, saved plans) and
/// saved table mappings rather than data; editing them saves only these parts and the settings.
pub const ANALYSIS_PARTS: [&str; 5] = [
    "funnels",
    "segment_rule_sets",
    "journeys",
    "table_mappings",
    "plans",
];

/// Hands the settings and the analysis parts of a workspace to `visit`.
pub fn for_each_analysis_record<E>(
    workspace: &Workspace,
    mut visit: impl FnMut(WorkspaceRecord) -> Result<(), E>,
) -> Result<(), E> {
    visit(WorkspaceRecord {
        part: "settings",
        chunk: 0,
        json: serde_json::to_string(&workspace.settings).expect("settings serialise"),
    })?;
    chunks("funnels", &workspace.funnels, &mut visit)?;
    chunks(
        "segment_rule_sets",
        &workspace.segment_rule_sets,
        &mut visit,
    )?;
    chunks("journeys", &workspace.journeys, &mut visit)?;
    chunks("table_mappings", &workspace.table_mappings, &mut visit)?;
    chunks_of("plans", &workspace.plans, PLANS_PER_CHUNK, &mut visit)
}

/// Every record of a workspace, in a fixed order.
pub fn workspace_to_records(workspace: &Workspace) -> Vec<WorkspaceRecord> {
    let mut records = Vec::new();
    let _ = for_each_record(workspace, |record| {
        records.push(record);
        Ok::<(), ()>(())
    });
    records
}

fn extend<T: DeserializeOwned>(list: &mut Vec<T>, json: &str) -> Result<(), String> {
    let items: Vec<T> = serde_json::from_str(json).map_err(|error| error.to_string())?;
    list.extend(items);
    Ok(())
}

/// A workspace put back together one record at a time, in the order IndexedDB keeps them (by
/// part, then chunk): the page reads a stored workspace a record per task, so that reopening a
/// large one never holds the main thread for long (`Database::load_with_revision`).
#[derive(Default)]
pub struct WorkspaceAssembler {
    workspace: Workspace,
    has_settings: bool,
}

impl WorkspaceAssembler {
    /// Makes room for `count` interactions at once (the count the summary gives), so that the
    /// list is not copied each time it doubles while a large workspace comes in; in wasm a
    /// reallocation copies. A count the memory cannot hold is ignored: the list grows as it comes.
    pub fn make_room_for_interactions(&mut self, count: usize) {
        let _ = self.workspace.interactions.try_reserve_exact(count);
    }

    /// Adds one record; chunks of a part must come in their order.
    pub fn add(&mut self, part: &str, json: &str) -> Result<(), String> {
        let workspace = &mut self.workspace;
        match part {
            "settings" => {
                workspace.settings =
                    serde_json::from_str(json).map_err(|error| error.to_string())?;
                self.has_settings = true;
            }
            "products" => extend(&mut workspace.products, json)?,
            "channels" => extend(&mut workspace.channels, json)?,
            "regions" => extend(&mut workspace.regions, json)?,
            "territories" => extend(&mut workspace.territories, json)?,
            "reps" => extend(&mut workspace.reps, json)?,
            "accounts" => extend(&mut workspace.accounts, json)?,
            "hcps" => extend(&mut workspace.hcps, json)?,
            "interactions" => crate::columns::decode(json, &mut workspace.interactions)?,
            "prescriptions" => extend(&mut workspace.prescriptions, json)?,
            "targets" => extend(&mut workspace.targets, json)?,
            "funnels" => extend(&mut workspace.funnels, json)?,
            "segment_rule_sets" => extend(&mut workspace.segment_rule_sets, json)?,
            "journeys" => extend(&mut workspace.journeys, json)?,
            "table_mappings" => extend(&mut workspace.table_mappings, json)?,
            "plans" => extend(&mut workspace.plans, json)?,
            "sources" => extend(&mut workspace.sources, json)?,
            // A part written by a newer OmniRx is left alone rather than failing the load.
            _ => {}
        }
        Ok(())
    }

    /// The workspace, once every record is in; without a settings record it is refused.
    pub fn finish(self) -> Result<Workspace, String> {
        if !self.has_settings {
            return Err("the stored workspace has no settings record".into());
        }
        Ok(self.workspace)
    }
}

/// Rebuilds a workspace from its records, which may come in any order.
pub fn records_to_workspace(mut records: Vec<(String, u32, String)>) -> Result<Workspace, String> {
    records.sort_by(|first, second| (&first.0, first.1).cmp(&(&second.0, second.1)));
    let mut assembler = WorkspaceAssembler::default();
    for (part, _, json) in &records {
        assembler.add(part, json)?;
    }
    assembler.finish()
}

pub fn summary_of(
    id: &str,
    workspace: &Workspace,
    saved_at_ms: f64,
    revision: u64,
) -> WorkspaceSummary {
    WorkspaceSummary {
        id: id.to_string(),
        name: workspace.settings.name.clone(),
        demo: workspace.settings.demo,
        hcps: workspace.hcps.len(),
        interactions: workspace.interactions.len(),
        saved_at_ms,
        revision,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::planning::{plan_for, save_plan, Cycle, PlanOptions, SavedPlan};

    /// Saves the optimiser's team plans of `cycles` in `workspace`.
    fn save_plans(workspace: &mut Workspace, cycles: &[&str]) {
        for cycle in cycles {
            let cycle = Cycle::parse(cycle).unwrap();
            let options = PlanOptions::default();
            let plan = plan_for(workspace, cycle, &options).unwrap().plan;
            save_plan(workspace, SavedPlan::new("", options, None, 1.0, plan));
        }
    }

    #[test]
    fn a_workspace_survives_being_cut_into_records_in_any_order() {
        let mut workspace = generate_demo_workspace(DemoOptions::fixed(
            DemoScale::Demo,
            2026,
            DataLanguage::Chinese,
        ));
        workspace
            .table_mappings
            .push(omnirx_core::domain::table_import::mapping::SavedMapping {
                name: "CRM 拜访".into(),
                headers: "拜访日期|医生姓名".into(),
                mapping: Default::default(),
            });
        save_plans(&mut workspace, &["2026-11", "2026-Q4"]);
        // A merged file, named by a record (file version 3).
        workspace.sources.push(omnirx_core::domain::model::Source {
            number: std::num::NonZeroU16::MIN,
            workspace: "华东 — 李娜".into(),
            file: "李娜.omnirx.json".into(),
            written_at: None,
        });
        workspace.hcps[0].source = Some(std::num::NonZeroU16::MIN);
        let records = workspace_to_records(&workspace);
        let interaction_chunks = records
            .iter()
            .filter(|record| record.part == "interactions")
            .count();
        assert_eq!(
            interaction_chunks,
            workspace.interactions.len().div_ceil(CHUNK_SIZE)
        );
        // One record per saved plan, in the order of the list.
        let plans: Vec<u32> = records
            .iter()
            .filter(|record| record.part == "plans")
            .map(|record| record.chunk)
            .collect();
        assert_eq!(plans, [0, 1]);
        let mut shuffled: Vec<(String, u32, String)> = records
            .into_iter()
            .map(|record| (record.part.to_string(), record.chunk, record.json))
            .collect();
        shuffled.reverse();
        assert!(records_to_workspace(shuffled).unwrap() == workspace);
    }

    #[test]
    fn saving_the_analyses_writes_settings_and_analysis_parts_only() {
        let mut workspace = omnirx_core::domain::demo::generate_demo_workspace(
            omnirx_core::domain::demo::DemoOptions::fixed(
                omnirx_core::domain::demo::DemoScale::Tiny,
                1,
                omnirx_core::domain::demo::DataLanguage::English,
            ),
        );
        let mut parts = Vec::new();
        let _ = for_each_analysis_record(&workspace, |record| {
            parts.push(record.part);
            Ok::<(), ()>(())
        });
        // Empty lists have no chunk; the demo has a funnel, two rule sets and three journey maps.
        assert_eq!(
            parts,
            vec!["settings", "funnels", "segment_rule_sets", "journeys"]
        );
        // A saved plan (or a hand edit of one) is an analysis: saved with them, data untouched.
        save_plans(&mut workspace, &["2026-11"]);
        let mut records = Vec::new();
        let _ = for_each_analysis_record(&workspace, |record| {
            records.push(record);
            Ok::<(), ()>(())
        });
        let parts: Vec<&str> = records.iter().map(|record| record.part).collect();
        assert_eq!(
            parts,
            vec![
                "settings",
                "funnels",
                "segment_rule_sets",
                "journeys",
                "plans"
            ]
        );
        assert!(parts
            .iter()
            .all(|part| *part == "settings" || ANALYSIS_PARTS.contains(part)));
        // Put back with the data's records, the analyses read as they were saved.
        let mut stored: Vec<(String, u32, String)> = workspace_to_records(&workspace)
            .into_iter()
            .filter(|record| !ANALYSIS_PARTS.contains(&record.part) && record.part != "settings")
            .chain(records)
            .map(|record| (record.part.to_string(), record.chunk, record.json))
            .collect();
        stored.reverse();
        assert!(records_to_workspace(stored).unwrap() == workspace);
    }

    #[test]
    fn a_workspace_without_settings_is_refused() {
        assert!(records_to_workspace(vec![("hcps".into(), 0, "[]".into())]).is_err());
    }
}
