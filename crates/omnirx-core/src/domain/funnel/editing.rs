//! Edits of funnel definitions, as plain functions the Funnels page and the tests share.
//!
//! Every function leaves the definition valid: 2–12 steps; a workshop funnel's typed counts keep
//! one count per step and never increase from one step to the next; "N months within M" keeps
//! 1 ≤ N ≤ M ≤ 36; a window is 1–3,650 units; a period runs forwards; names are never blank.
//! An edit that would break a rule does nothing (and says so by its return value where the
//! view needs to know). New ids come from [`crate::domain::ids`].

use super::compare::quarter_containing;
use super::definition::{
    default_funnel, ConversionWindow, CountingUnit, FunnelDefinition, FunnelStep, PercentBase,
    Period, StepCondition, StepOrder, WindowUnit, MAX_STEPS, MIN_STEPS,
};
use super::summary::{check_manual_counts, ManualCountsProblem};
use crate::domain::calendar::CalendarDate;
use crate::domain::ids::unused_id_like;
use crate::domain::model::{InteractionKind, Outcome, Workspace};
use crate::domain::time::Month;

/// The longest window, in any unit (ten years of days).
pub const MAX_WINDOW: u32 = 3_650;
/// The longest "N months within M".
pub const MAX_PRESCRIPTION_MONTHS: u32 = 36;
/// The typed counts a new workshop funnel starts with.
pub const WORKSHOP_COUNTS: [u64; 5] = [1000, 600, 300, 120, 50];

/// `base`, or `base-2`, `base-3`… whichever no funnel of the workspace uses yet.
pub fn unused_funnel_id(workspace: &Workspace, base: &str) -> String {
    unused_id_like(base, workspace.funnels.iter().map(|f| f.id.as_str()))
}

/// Adds the default funnel (names in the data's language) and returns its id.
pub fn add_default_funnel(workspace: &mut Workspace, chinese_names: bool) -> String {
    let mut funnel = default_funnel(chinese_names);
    funnel.id = unused_funnel_id(workspace, "f-default");
    let id = funnel.id.clone();
    workspace.funnels.push(funnel);
    id
}

/// The stages a new workshop funnel starts with, in the UI's language.
pub fn workshop_stage_names(chinese: bool) -> [&'static str; 5] {
    if chinese {
        ["认知", "兴趣", "考虑", "试用处方", "持续处方"]
    } else {
        [
            "Awareness",
            "Interest",
            "Consideration",
            "Trial",
            "Adoption",
        ]
    }
}

/// Adds a workshop funnel (typed counts, no conditions) with these stage names; returns its id.
pub fn add_workshop_funnel(workspace: &mut Workspace, name: String, stages: &[&str]) -> String {
    let id = unused_funnel_id(workspace, "f-workshop");
    let stages: Vec<&str> = stages.iter().copied().take(MAX_STEPS).collect();
    let counts = (0..stages.len())
        .map(|index| WORKSHOP_COUNTS.get(index).copied().unwrap_or(0))
        .collect();
    workspace.funnels.push(FunnelDefinition {
        id: id.clone(),
        name: clean_name(&name).unwrap_or_else(|| id.clone()),
        steps: stages
            .iter()
            .map(|stage| FunnelStep {
                name: stage.to_string(),
                condition: StepCondition::any_interaction(),
            })
            .collect(),
        unit: CountingUnit::Hcp,
        order: StepOrder::Ordered,
        window: ConversionWindow::default(),
        period: None,
        percent_of: PercentBase::FirstStep,
        manual_counts: Some(counts),
    });
    id
}

/// Adds a copy of funnel `id` named with `suffix`; returns the copy's id.
pub fn duplicate_funnel(workspace: &mut Workspace, id: &str, suffix: &str) -> Option<String> {
    let mut copy = workspace.funnels.iter().find(|f| f.id == id)?.clone();
    copy.id = unused_funnel_id(workspace, &copy.id);
    copy.name.push_str(suffix);
    let new_id = copy.id.clone();
    workspace.funnels.push(copy);
    Some(new_id)
}

/// Removes funnel `id`.
pub fn delete_funnel(workspace: &mut Workspace, id: &str) {
    workspace.funnels.retain(|f| f.id != id);
}

/// Applies `change` to funnel `id` of the workspace; false when there is no such funnel.
pub fn edit_funnel(
    workspace: &mut Workspace,
    id: &str,
    change: impl FnOnce(&mut FunnelDefinition),
) -> bool {
    match workspace.funnels.iter_mut().find(|f| f.id == id) {
        Some(funnel) => {
            change(funnel);
            true
        }
        None => false,
    }
}

/// A name trimmed, or `None` when nothing is left.
fn clean_name(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Renames the funnel; a blank name is ignored.
pub fn rename_funnel(definition: &mut FunnelDefinition, name: &str) {
    if let Some(name) = clean_name(name) {
        definition.name = name;
    }
}

/// Adds a step at the end ("any interaction"; a workshop funnel's count 0). False at 12 steps.
pub fn add_step(definition: &mut FunnelDefinition, name: &str) -> bool {
    if definition.steps.len() >= MAX_STEPS {
        return false;
    }
    definition.steps.push(FunnelStep {
        name: clean_name(name).unwrap_or_else(|| format!("{}", definition.steps.len() + 1)),
        condition: StepCondition::any_interaction(),
    });
    if let Some(counts) = &mut definition.manual_counts {
        counts.resize(definition.steps.len() - 1, 0);
        counts.push(0);
    }
    true
}

/// Removes step `index` (and its typed count). False at 2 steps or for a step that is not there.
pub fn remove_step(definition: &mut FunnelDefinition, index: usize) -> bool {
    if definition.steps.len() <= MIN_STEPS || index >= definition.steps.len() {
        return false;
    }
    definition.steps.remove(index);
    if let Some(counts) = &mut definition.manual_counts {
        if index < counts.len() {
            counts.remove(index);
        }
    }
    true
}

/// Swaps step `index` with the one `offset` places away (−1 up, +1 down). A workshop funnel's
/// counts stay with their stage position: only the steps move, so the counts stay decreasing.
pub fn move_step(definition: &mut FunnelDefinition, index: usize, offset: isize) -> bool {
    let Some(other) = index.checked_add_signed(offset) else {
        return false;
    };
    if index >= definition.steps.len() || other >= definition.steps.len() {
        return false;
    }
    definition.steps.swap(index, other);
    true
}

/// Renames step `index`; a blank name is ignored.
pub fn rename_step(definition: &mut FunnelDefinition, index: usize, name: &str) {
    if let (Some(step), Some(name)) = (definition.steps.get_mut(index), clean_name(name)) {
        step.name = name;
    }
}

/// The three kinds of step condition, as the step editor offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionKind {
    Interaction,
    FirstPrescription,
    Prescriptions,
}

impl ConditionKind {
    pub const ALL: [ConditionKind; 3] = [
        ConditionKind::Interaction,
        ConditionKind::FirstPrescription,
        ConditionKind::Prescriptions,
    ];

    pub fn of(condition: &StepCondition) -> ConditionKind {
        match condition {
            StepCondition::Interaction { .. } => ConditionKind::Interaction,
            StepCondition::FirstPrescription { .. } => ConditionKind::FirstPrescription,
            StepCondition::Prescriptions { .. } => ConditionKind::Prescriptions,
        }
    }

    /// The key in the file (`type`) and in the page's select.
    pub fn key(self) -> &'static str {
        match self {
            ConditionKind::Interaction => "interaction",
            ConditionKind::FirstPrescription => "first_prescription",
            ConditionKind::Prescriptions => "prescriptions",
        }
    }

    pub fn parse(key: &str) -> Option<ConditionKind> {
        ConditionKind::ALL
            .into_iter()
            .find(|kind| kind.key() == key)
    }
}

/// Gives step `index` a fresh condition of `kind` (any interaction; a first prescription of any
/// product; 3 prescription months within 6). Choosing the kind it already has changes nothing.
pub fn set_condition_kind(definition: &mut FunnelDefinition, index: usize, kind: ConditionKind) {
    let Some(step) = definition.steps.get_mut(index) else {
        return;
    };
    if ConditionKind::of(&step.condition) == kind {
        return;
    }
    step.condition = match kind {
        ConditionKind::Interaction => StepCondition::any_interaction(),
        ConditionKind::FirstPrescription => StepCondition::FirstPrescription {
            product_ids: Vec::new(),
        },
        ConditionKind::Prescriptions => StepCondition::Prescriptions {
            product_ids: Vec::new(),
            months: 3,
            within_months: 6,
        },
    };
}

/// Adds `value` to the list when `on` (once), removes it otherwise.
fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T, on: bool) {
    list.retain(|item| item != value);
    if on {
        list.push(value.clone());
    }
}

/// Lists or unlists an interaction kind in step `index`'s condition (an empty list is "any").
pub fn toggle_step_kind(
    definition: &mut FunnelDefinition,
    index: usize,
    kind: InteractionKind,
    on: bool,
) {
    if let Some(StepCondition::Interaction { kinds, .. }) =
        definition.steps.get_mut(index).map(|s| &mut s.condition)
    {
        toggle(kinds, &kind, on);
    }
}

/// Lists or unlists an outcome in step `index`'s condition.
pub fn toggle_step_outcome(
    definition: &mut FunnelDefinition,
    index: usize,
    outcome: Outcome,
    on: bool,
) {
    if let Some(StepCondition::Interaction { outcomes, .. }) =
        definition.steps.get_mut(index).map(|s| &mut s.condition)
    {
        toggle(outcomes, &outcome, on);
    }
}

/// Lists or unlists a channel in step `index`'s condition.
pub fn toggle_step_channel(
    definition: &mut FunnelDefinition,
    index: usize,
    channel_id: &str,
    on: bool,
) {
    if let Some(StepCondition::Interaction { channel_ids, .. }) =
        definition.steps.get_mut(index).map(|s| &mut s.condition)
    {
        toggle(channel_ids, &channel_id.to_string(), on);
    }
}

/// Sets N of "N months within M" (1–36); M grows with it when needed.
pub fn set_prescription_months(definition: &mut FunnelDefinition, index: usize, value: u32) {
    if let Some(StepCondition::Prescriptions {
        months,
        within_months,
        ..
    }) = definition.steps.get_mut(index).map(|s| &mut s.condition)
    {
        *months = value.clamp(1, MAX_PRESCRIPTION_MONTHS);
        *within_months = (*within_months).max(*months);
    }
}

/// Sets M of "N months within M" (1–36, never below N).
pub fn set_prescription_within(definition: &mut FunnelDefinition, index: usize, value: u32) {
    if let Some(StepCondition::Prescriptions {
        months,
        within_months,
        ..
    }) = definition.steps.get_mut(index).map(|s| &mut s.condition)
    {
        *within_months = value.clamp(1, MAX_PRESCRIPTION_MONTHS).max(*months);
    }
}

pub fn set_order(definition: &mut FunnelDefinition, order: StepOrder) {
    definition.order = order;
}

/// Sets the window's length; outside 1–3,650 it is ignored (false).
pub fn set_window_amount(definition: &mut FunnelDefinition, amount: u32) -> bool {
    let valid = (1..=MAX_WINDOW).contains(&amount);
    if valid {
        definition.window.amount = amount;
    }
    valid
}

pub fn set_window_unit(definition: &mut FunnelDefinition, unit: WindowUnit) {
    definition.window.unit = unit;
}

pub fn set_percent_base(definition: &mut FunnelDefinition, base: PercentBase) {
    definition.percent_of = base;
}

pub fn set_unit(definition: &mut FunnelDefinition, unit: CountingUnit) {
    definition.unit = unit;
}

/// Sets the entry period (`None`: all the data).
pub fn set_period(definition: &mut FunnelDefinition, period: Option<Period>) {
    definition.period = period;
}

/// `period` with one end set to `date` (the other end kept, or the same day when there was no
/// period). A reversed range is read the way it was meant: the ends swap.
pub fn period_with_end(period: Option<Period>, from_side: bool, date: CalendarDate) -> Period {
    let (mut from, mut to) = period
        .map(|period| (period.from, period.to))
        .unwrap_or((date, date));
    if from_side {
        from = date;
    } else {
        to = date;
    }
    if to < from {
        std::mem::swap(&mut from, &mut to);
    }
    Period { from, to }
}

/// Sets one end of the entry period, as [`period_with_end`] does.
pub fn set_period_end(definition: &mut FunnelDefinition, from_side: bool, date: CalendarDate) {
    definition.period = Some(period_with_end(definition.period, from_side, date));
}

/// The last full calendar quarter of data ending on `data_end` (its own quarter when it ends on
/// the quarter's last day).
pub fn last_full_quarter(data_end: CalendarDate) -> Period {
    let quarter = quarter_containing(data_end);
    if quarter.to == data_end {
        quarter
    } else {
        quarter_containing(quarter.from.plus_days(-1))
    }
}

/// The six months that end on `data_end`: from the day after the same day six months before,
/// or six whole months when the data ends on a month's last day (30 September gives
/// 1 April – 30 September, not 31 March).
pub fn last_six_months(data_end: CalendarDate) -> Period {
    let end_month = Month::new(data_end.year, data_end.month).expect("a real date");
    if data_end.day == end_month.day_count() {
        let first = end_month.plus(-5);
        return Period {
            from: CalendarDate::new(first.year, first.month, 1).expect("day 1 exists"),
            to: data_end,
        };
    }
    let month = end_month.plus(-6);
    let start = CalendarDate::new(month.year, month.month, data_end.day.min(month.day_count()))
        .expect("a clamped day exists");
    Period {
        from: start.plus_days(1),
        to: data_end,
    }
}

/// Sets a workshop funnel's typed counts when they make a funnel (one per step, never
/// increasing); otherwise says which rule they break and changes nothing.
pub fn set_manual_counts(
    definition: &mut FunnelDefinition,
    counts: Vec<u64>,
) -> Result<(), ManualCountsProblem> {
    check_manual_counts(definition.steps.len(), &counts)?;
    definition.manual_counts = Some(counts);
    Ok(())
}

/// The file's name of each choice, which the page's selects use as option values.
macro_rules! keyed_choices {
    ($($kind:ident { $($variant:ident => $key:literal),* $(,)? })*) => {
        $(impl $kind {
            pub const ALL: &'static [$kind] = &[$($kind::$variant),*];

            pub fn key(self) -> &'static str {
                match self {
                    $($kind::$variant => $key,)*
                }
            }

            pub fn parse(key: &str) -> Option<$kind> {
                Self::ALL.iter().copied().find(|choice| choice.key() == key)
            }
        })*
    };
}

keyed_choices! {
    StepOrder { Ordered => "ordered", Strict => "strict", Any => "any" }
    WindowUnit { Days => "days", Weeks => "weeks", Months => "months" }
    PercentBase { FirstStep => "first_step", PreviousStep => "previous_step" }
    CountingUnit { Hcp => "hcp", Account => "account" }
}
