//! Runs a funnel definition over the indexed events: for each HCP (or account), how far it got and when.
//!
//! The rules are those of `docs/funnels.md`; each paragraph there has a test in
//! `tests/funnel_rules.rs`. Every entity is traced independently, so the work is linear in the
//! number of events.

use super::definition::{
    ConversionWindow, FunnelDefinition, Period, StepCondition, StepOrder, WindowUnit, MAX_STEPS,
};
use super::index::{Event, FunnelIndex, PrescriptionMonth, NONE};
use crate::domain::model::{InteractionKind, Outcome};

/// "No interaction" in [`Trace::events`]: the step was reached by a prescription month.
pub const NO_EVENT: u32 = u32::MAX;

/// "Count every prescription month": a step with no previous step looks at the whole history.
const ALL_MONTHS: i64 = i64::MIN;

/// How far one entity went through the funnel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trace {
    /// Index into [`FunnelIndex::entities`].
    pub entity: u32,
    /// How many steps were reached (steps `0..reached`); at least 1.
    pub reached: u8,
    /// When each reached step happened (UTC seconds); in `any` order, when the first `k + 1`
    /// steps were all done.
    pub times: [i64; MAX_STEPS],
    /// The interaction credited with each reached step (index into the entity's events): the
    /// one at the step's time. In `ordered` and `strict` order that is the step's own; in `any`
    /// order the one that completed the first `k + 1` steps. [`NO_EVENT`] when a prescription
    /// month set the step's time.
    pub events: [u32; MAX_STEPS],
    /// The last second at which a later step still counts.
    pub window_end: i64,
}

/// The traces of every entity that entered the funnel, in entity order.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelRun {
    pub step_count: usize,
    pub traces: Vec<Trace>,
    /// Whether an entity that has not finished can still convert: its window ends after the data.
    pub data_end: Option<i64>,
}

impl FunnelRun {
    /// True when the entity stopped before the last step but its window is still open.
    pub fn still_in_window(&self, trace: &Trace) -> bool {
        usize::from(trace.reached) < self.step_count
            && self.data_end.is_none_or(|end| trace.window_end > end)
    }
}

/// A step condition with ids turned into masks over the index's small numbers.
#[derive(Clone, Debug)]
enum Matcher {
    Interaction {
        /// Bit `kind as u8`; 0 means any.
        kinds: u32,
        /// Bit `outcome as u8`; 0 means any.
        outcomes: u32,
        channels: Option<Vec<bool>>,
        products: Option<Vec<bool>>,
    },
    FirstPrescription {
        products: Option<Vec<bool>>,
    },
    Prescriptions {
        products: Option<Vec<bool>>,
        months: u32,
        within_months: u32,
    },
}

fn id_mask(ids: &[String], known: &[String]) -> Option<Vec<bool>> {
    if ids.is_empty() {
        return None;
    }
    Some(known.iter().map(|id| ids.contains(id)).collect())
}

fn in_mask(mask: &Option<Vec<bool>>, value: u16) -> bool {
    match mask {
        None => true,
        Some(mask) => value != NONE && mask.get(usize::from(value)).copied().unwrap_or(false),
    }
}

impl Matcher {
    fn compile(
        condition: &StepCondition,
        channel_ids: &[String],
        product_ids: &[String],
    ) -> Matcher {
        match condition {
            StepCondition::Interaction {
                kinds,
                channel_ids: channels,
                product_ids: products,
                outcomes,
            } => Matcher::Interaction {
                kinds: kinds.iter().fold(0, |bits, kind| bits | 1 << (*kind as u8)),
                outcomes: outcomes
                    .iter()
                    .fold(0, |bits, outcome| bits | 1 << (*outcome as u8)),
                channels: id_mask(channels, channel_ids),
                products: id_mask(products, product_ids),
            },
            StepCondition::FirstPrescription {
                product_ids: products,
            } => Matcher::FirstPrescription {
                products: id_mask(products, product_ids),
            },
            StepCondition::Prescriptions {
                product_ids: products,
                months,
                within_months,
            } => Matcher::Prescriptions {
                products: id_mask(products, product_ids),
                months: (*months).max(1),
                within_months: (*within_months).max((*months).max(1)),
            },
        }
    }

    fn matches(&self, event: &Event) -> bool {
        match self {
            Matcher::Interaction {
                kinds,
                outcomes,
                channels,
                products,
            } => {
                (*kinds == 0 || kinds & (1 << event.kind) != 0)
                    && (*outcomes == 0 || outcomes & (1 << event.outcome) != 0)
                    && in_mask(channels, event.channel)
                    && in_mask(products, event.product)
            }
            _ => false,
        }
    }

    fn is_interaction(&self) -> bool {
        matches!(self, Matcher::Interaction { .. })
    }
}

/// The ids behind the index's small numbers, needed to compile conditions.
pub struct WorkspaceIds {
    pub channel_ids: Vec<String>,
    pub product_ids: Vec<String>,
}

impl WorkspaceIds {
    pub fn of(workspace: &crate::domain::model::Workspace) -> WorkspaceIds {
        WorkspaceIds {
            channel_ids: workspace.channels.iter().map(|c| c.id.clone()).collect(),
            product_ids: workspace.products.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// Everything one entity's trace needs, computed once per run.
struct Plan<'a> {
    index: &'a FunnelIndex,
    steps: Vec<Matcher>,
    order: StepOrder,
    window: ConversionWindow,
    period_start: i64,
    period_end: i64,
}

/// Runs the funnel. `definition.manual_counts` is ignored here (see [`super::summary`]).
pub fn run_funnel(
    definition: &FunnelDefinition,
    ids: &WorkspaceIds,
    index: &FunnelIndex,
) -> FunnelRun {
    let step_count = definition.steps.len().min(MAX_STEPS);
    let (period_start, period_end) = period_bounds(index, definition.period.as_ref());
    let plan = Plan {
        index,
        steps: definition.steps[..step_count]
            .iter()
            .map(|step| Matcher::compile(&step.condition, &ids.channel_ids, &ids.product_ids))
            .collect(),
        order: definition.order,
        window: definition.window,
        period_start,
        period_end,
    };
    let mut traces = Vec::new();
    if step_count > 0 {
        for entity in 0..index.entity_count() {
            let trace = match plan.order {
                StepOrder::Any => plan.trace_any_order(entity),
                _ => plan.trace_in_order(entity),
            };
            if let Some(trace) = trace {
                traces.push(trace);
            }
        }
    }
    FunnelRun {
        step_count,
        traces,
        data_end: index.data_end,
    }
}

/// The first of `events` (sorted by time) at or after `time`. When `time` is the time of the
/// event at `known` (the previous step's), it is found by stepping back from there over events
/// of the same second, reading memory the run is about to read anyway, instead of a binary
/// search whose jumps miss the processor's cache once per step and entity: the funnel in the
/// page runs with the index out of the cache (README, performance section).
fn first_at_or_after(events: &[Event], time: i64, known: u32) -> usize {
    match events.get(known as usize) {
        Some(event) if known != NO_EVENT && event.at == time => {
            let mut first = known as usize;
            while first > 0 && events[first - 1].at >= time {
                first -= 1;
            }
            first
        }
        _ => events.partition_point(|event| event.at < time),
    }
}

/// The first and last second of a period in UTC; no period means all time.
pub fn period_bounds(index: &FunnelIndex, period: Option<&Period>) -> (i64, i64) {
    match period {
        None => (i64::MIN, i64::MAX),
        Some(period) => {
            let next_day = crate::domain::calendar::CalendarDate::from_days_since_unix_epoch(
                period.to.days_since_unix_epoch() + 1,
            );
            (index.day_start(period.from), index.day_start(next_day) - 1)
        }
    }
}

/// The last second at which a later step still counts, for an entry at `entry`.
pub fn window_end(index: &FunnelIndex, window: ConversionWindow, entry: i64) -> i64 {
    let amount = i64::from(window.amount);
    match window.unit {
        WindowUnit::Days => entry.saturating_add(amount * 86_400),
        WindowUnit::Weeks => entry.saturating_add(amount * 7 * 86_400),
        WindowUnit::Months => {
            // The same local day and time `amount` months later, or the month's last day when
            // that day does not exist (31 January + 1 month = 28 or 29 February).
            let local = entry + index.utc_offset;
            let date = index.local_date(entry);
            let seconds_of_day = local.rem_euclid(86_400);
            let month = crate::domain::time::Month::new(date.year, date.month)
                .expect("a real date has a real month")
                .plus(amount);
            let day = date.day.min(month.day_count());
            let target = crate::domain::calendar::CalendarDate {
                year: month.year,
                month: month.month,
                day,
            };
            index.day_start(target) + seconds_of_day
        }
    }
}

impl Plan<'_> {
    /// When a prescription step happens: at the earliest moment, not before `not_before` and
    /// not after `not_after`, of the first month that satisfies it. An N-in-M step counts only
    /// prescription months from `count_from` (a month index) on: the previous step's month in
    /// `ordered` and `strict` order, every month ([`ALL_MONTHS`]) for step 1 and in `any` order.
    fn prescription_occurrence(
        &self,
        matcher: &Matcher,
        months: &[PrescriptionMonth],
        count_from: i64,
        not_before: i64,
        not_after: i64,
    ) -> Option<i64> {
        let index = self.index;
        match matcher {
            Matcher::FirstPrescription { products } => {
                let first = months.iter().find(|m| in_mask(products, m.product))?;
                let start = index.month_start(first.month);
                let end = index.month_start(first.month + 1) - 1;
                if end < not_before {
                    return None;
                }
                let at = start.max(not_before);
                (at <= not_after).then_some(at)
            }
            Matcher::Prescriptions {
                products,
                months: needed,
                within_months,
            } => {
                // A month that ended before `not_before` may still count towards N (history),
                // but the step cannot happen in it.
                let first_month = if not_before == i64::MIN {
                    i64::MIN
                } else {
                    index.month_of(not_before)
                };
                let mut distinct: Vec<i64> = Vec::new();
                for month in months.iter().filter(|m| in_mask(products, m.product)) {
                    if month.month >= count_from && distinct.last() != Some(&month.month) {
                        distinct.push(month.month);
                    }
                }
                let mut oldest = 0;
                for (newest, &month) in distinct.iter().enumerate() {
                    while distinct[oldest] <= month - i64::from(*within_months) {
                        oldest += 1;
                    }
                    if (newest - oldest + 1) as u32 >= *needed && month >= first_month {
                        let at = index.month_start(month).max(not_before);
                        return (at <= not_after).then_some(at);
                    }
                }
                None
            }
            Matcher::Interaction { .. } => None,
        }
    }

    fn matches_any_interaction_step(&self, event: &Event) -> bool {
        self.steps.iter().any(|step| step.matches(event))
    }

    /// `ordered` and `strict`: the first entry in the period, then each step as early as possible.
    fn trace_in_order(&self, entity: usize) -> Option<Trace> {
        let events = self.index.events_of(entity);
        let months = self.index.prescriptions_of(entity);
        let strict = self.order == StepOrder::Strict;
        let (entry_time, entry_event) = self.entry(&self.steps[0], events, months)?;
        let window_end = window_end(self.index, self.window, entry_time);
        let mut trace = Trace {
            entity: entity as u32,
            reached: 1,
            times: [0; MAX_STEPS],
            events: [NO_EVENT; MAX_STEPS],
            window_end,
        };
        trace.times[0] = entry_time;
        trace.events[0] = entry_event;
        let mut time = entry_time;
        for step in 1..self.steps.len() {
            let matcher = &self.steps[step];
            let used = &trace.events[..step];
            let found = if matcher.is_interaction() {
                let previous = trace.events[step - 1];
                let start = first_at_or_after(events, time, previous);
                self.next_interaction(matcher, events, used, start, time, window_end, strict)
            } else {
                let count_from = self.index.month_of(time);
                let at =
                    self.prescription_occurrence(matcher, months, count_from, time, window_end);
                match at {
                    Some(at) if strict && self.step_event_between(events, used, time, at) => None,
                    Some(at) => Some((at, NO_EVENT)),
                    None => None,
                }
            };
            let Some((at, event)) = found else { break };
            trace.times[step] = at;
            trace.events[step] = event;
            trace.reached = step as u8 + 1;
            time = at;
        }
        Some(trace)
    }

    /// The first occurrence of step 1 inside the period.
    fn entry(
        &self,
        matcher: &Matcher,
        events: &[Event],
        months: &[PrescriptionMonth],
    ) -> Option<(i64, u32)> {
        if matcher.is_interaction() {
            // No period: every event is in it, and a binary search would only cost cache misses.
            let start = if self.period_start == i64::MIN {
                0
            } else {
                events.partition_point(|event| event.at < self.period_start)
            };
            events[start..]
                .iter()
                .enumerate()
                .take_while(|(_, event)| event.at <= self.period_end)
                .find(|(_, event)| matcher.matches(event))
                .map(|(offset, event)| (event.at, (start + offset) as u32))
        } else {
            self.prescription_occurrence(
                matcher,
                months,
                ALL_MONTHS,
                self.period_start,
                self.period_end,
            )
            .map(|at| (at, NO_EVENT))
        }
    }

    /// The earliest unused interaction at or after `time` (from `start`, the first event at or
    /// after it) matching the step, within the window. In strict order, an interaction matching
    /// any step strictly after `time` ends the search unless an interaction of the same second
    /// matches the step itself.
    #[allow(clippy::too_many_arguments)]
    fn next_interaction(
        &self,
        matcher: &Matcher,
        events: &[Event],
        used: &[u32],
        start: usize,
        time: i64,
        window_end: i64,
        strict: bool,
    ) -> Option<(i64, u32)> {
        for position in start..events.len() {
            let event = &events[position];
            if event.at > window_end {
                return None;
            }
            if used.contains(&(position as u32)) {
                continue;
            }
            if matcher.matches(event) {
                return Some((event.at, position as u32));
            }
            if strict && event.at > time && self.matches_any_interaction_step(event) {
                return events[position..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, later)| later.at == event.at)
                    .find(|(offset, later)| {
                        !used.contains(&((position + offset) as u32)) && matcher.matches(later)
                    })
                    .map(|(offset, later)| (later.at, (position + offset) as u32));
            }
        }
        None
    }

    /// Whether an unused interaction matching any step lies strictly between two instants.
    fn step_event_between(&self, events: &[Event], used: &[u32], after: i64, before: i64) -> bool {
        let start = events.partition_point(|event| event.at <= after);
        events[start..]
            .iter()
            .enumerate()
            .take_while(|(_, event)| event.at < before)
            .any(|(offset, event)| {
                !used.contains(&((start + offset) as u32))
                    && self.matches_any_interaction_step(event)
            })
    }

    /// `any` order: the window opens at the first event of any step in the period; step k is
    /// reached when steps 1..=k all have their own event (or prescription month) inside it.
    fn trace_any_order(&self, entity: usize) -> Option<Trace> {
        let events = self.index.events_of(entity);
        let months = self.index.prescriptions_of(entity);
        let opening = self
            .steps
            .iter()
            .filter_map(|step| self.entry(step, events, months).map(|(at, _)| at))
            .min()?;
        let window_end = window_end(self.index, self.window, opening);
        let first = events.partition_point(|event| event.at < opening);
        let in_window = |position: &usize| events[*position].at <= window_end;

        // Candidates per step: the first MAX_STEPS matching interactions suffice, since at most
        // MAX_STEPS - 1 of them can be taken by other steps.
        let mut assigned: [u32; MAX_STEPS] = [NO_EVENT; MAX_STEPS];
        let mut candidates: Vec<Vec<u32>> = Vec::with_capacity(self.steps.len());
        let mut trace = Trace {
            entity: entity as u32,
            reached: 0,
            times: [0; MAX_STEPS],
            events: [NO_EVENT; MAX_STEPS],
            window_end,
        };
        let mut needs_event: Vec<bool> = Vec::with_capacity(self.steps.len());
        let mut latest_prescription = opening;
        // The earliest moment at which the interaction steps so far all have their own event.
        let mut matched_at = opening;
        for (step, matcher) in self.steps.iter().enumerate() {
            if matcher.is_interaction() {
                let list: Vec<u32> = (first..events.len())
                    .take_while(in_window)
                    .filter(|&position| matcher.matches(&events[position]))
                    .take(MAX_STEPS)
                    .map(|position| position as u32)
                    .collect();
                candidates.push(list);
                needs_event.push(true);
                let mut tried = Vec::with_capacity(MAX_STEPS);
                if !augment(step, &candidates, &mut assigned, &mut tried) {
                    break;
                }
            } else {
                candidates.push(Vec::new());
                needs_event.push(false);
                match self.prescription_occurrence(matcher, months, ALL_MONTHS, opening, window_end)
                {
                    Some(at) => latest_prescription = latest_prescription.max(at),
                    None => break,
                }
            }
            // Steps 1..=step are all done at the earliest cutoff that still lets every
            // interaction step have its own interaction at or before it. That cutoff is at
            // least the previous one and at least this step's first candidate; when the
            // matching at hand already reaches no further, it is the answer, and the search
            // (a binary search over cutoffs) is needed only otherwise.
            let current = (0..=step)
                .filter(|&s| needs_event[s])
                .map(|s| events[assigned[s] as usize].at)
                .max()
                .unwrap_or(opening)
                .max(opening);
            let lower = candidates[step].first().map_or(matched_at, |&first| {
                events[first as usize].at.max(matched_at)
            });
            if current > lower {
                let (earliest, matching) =
                    earliest_matching(events, &candidates, &needs_event, opening)
                        .expect("a matching exists, so one exists at the latest cutoff");
                assigned = matching;
                matched_at = earliest;
            } else {
                matched_at = current;
            }
            let at = latest_prescription.max(matched_at);
            trace.times[step] = at;
            // The credited interaction is the one at the step's time, which completed the first
            // `step + 1` steps: the step's own when it is then, else the last in the file among
            // the earlier steps' interactions then. A time set by a prescription month has none.
            let at_moment = |s: usize| needs_event[s] && events[assigned[s] as usize].at == at;
            trace.events[step] = if at_moment(step) {
                assigned[step]
            } else {
                (0..step)
                    .filter(|&s| at_moment(s))
                    .map(|s| assigned[s])
                    .max()
                    .unwrap_or(NO_EVENT)
            };
            trace.reached = step as u8 + 1;
        }
        if trace.reached == 0 {
            return None;
        }
        Some(trace)
    }
}

/// The earliest cutoff at which every interaction step has its own candidate at or before it,
/// with such a matching. Having a matching is monotone in the cutoff: binary search.
fn earliest_matching(
    events: &[Event],
    candidates: &[Vec<u32>],
    needs_event: &[bool],
    opening: i64,
) -> Option<(i64, [u32; MAX_STEPS])> {
    let mut cutoffs: Vec<i64> = candidates
        .iter()
        .flatten()
        .map(|&position| events[position as usize].at)
        .collect();
    cutoffs.push(opening);
    cutoffs.sort_unstable();
    cutoffs.dedup();
    let matching_until = |cutoff: i64| -> Option<[u32; MAX_STEPS]> {
        let limited: Vec<Vec<u32>> = candidates
            .iter()
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&position| events[position as usize].at <= cutoff)
                    .collect()
            })
            .collect();
        let mut assigned = [NO_EVENT; MAX_STEPS];
        for step in 0..candidates.len() {
            let mut tried = Vec::with_capacity(MAX_STEPS);
            if needs_event[step] && !augment(step, &limited, &mut assigned, &mut tried) {
                return None;
            }
        }
        Some(assigned)
    };
    let (mut low, mut high) = (0, cutoffs.len());
    let mut found = None;
    while low < high {
        let middle = (low + high) / 2;
        match matching_until(cutoffs[middle]) {
            Some(matching) => {
                found = Some((cutoffs[middle], matching));
                high = middle;
            }
            None => low = middle + 1,
        }
    }
    found
}

/// Kuhn's augmenting path: gives `step` an interaction of its own, moving earlier steps to
/// other candidates when needed. `tried` holds the interactions already tried in this search.
fn augment(
    step: usize,
    candidates: &[Vec<u32>],
    assigned: &mut [u32; MAX_STEPS],
    tried: &mut Vec<u32>,
) -> bool {
    for &candidate in &candidates[step] {
        if tried.contains(&candidate) {
            continue;
        }
        tried.push(candidate);
        let holder = (0..candidates.len()).find(|&other| assigned[other] == candidate);
        let free = match holder {
            None => true,
            Some(other) => augment(other, candidates, assigned, tried),
        };
        if free {
            assigned[step] = candidate;
            return true;
        }
    }
    false
}

/// Kinds and outcomes by their `as u8` number, for the breakdown and the views.
pub fn interaction_kind_of(number: u8) -> Option<InteractionKind> {
    InteractionKind::ALL.get(usize::from(number)).copied()
}

pub fn outcome_of(number: u8) -> Option<Outcome> {
    Outcome::ALL.get(usize::from(number)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stepping back from a known event finds what the binary search finds, for every event
    /// whose time is the one searched, with runs of events in the same second.
    #[test]
    fn the_first_event_at_or_after_a_known_one_is_the_binary_searchs() {
        let times = [5, 7, 7, 7, 9, 12, 12, 20];
        let events: Vec<Event> = times
            .iter()
            .map(|&at| Event { at, ..Event::EMPTY })
            .collect();
        for (known, &time) in times.iter().enumerate() {
            let expected = events.partition_point(|event| event.at < time);
            assert_eq!(first_at_or_after(&events, time, known as u32), expected);
        }
        // A time not the known event's (a prescription month's), or no event: the search.
        for (time, known, expected) in [(8, 2, 4), (8, NO_EVENT, 4), (0, NO_EVENT, 0), (21, 7, 8)] {
            assert_eq!(first_at_or_after(&events, time, known), expected);
        }
    }
}
