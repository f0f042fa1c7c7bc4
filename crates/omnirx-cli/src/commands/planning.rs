//! `omnirx plan`: the optimised cycle plan, its capacity and load per rep, the comparison with last cycle and an equal split, each HCP's row and why, and the follow-up, from the same core as the Plan page.

use omnirx_core::domain::planning::calendar::{schedule, Schedule};
use omnirx_core::domain::planning::follow_up::{Progress, Track};
use omnirx_core::domain::planning::optimise::AllocationSummary;
use omnirx_core::domain::planning::{
    field_days, plan_for, Binding, Cycle, PlanOptions, PlanResult, SegmentSource,
};
use omnirx_core::domain::time::Month;
use serde::Serialize;

use super::{percent, read_workspace, write_json, Out};
use crate::args::PlanArguments;
use crate::Failure;

/// Said with every plan, in the text and in the JSON.
const ASSOCIATIONS: &str = "Response curves are associations found in this workspace's history (HCPs contacted more in a month prescribed more in the months after, against their own average), not proof that the contacts caused the prescriptions.";

#[derive(Serialize)]
struct PlanReport<'a> {
    cycle: String,
    first_day: String,
    last_day: String,
    note: &'static str,
    #[serde(flatten)]
    result: &'a PlanResult,
    /// The rep's visits day by day (with --rep).
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<Schedule>,
}

pub fn plan(arguments: &PlanArguments, out: &mut Out) -> Result<(), Failure> {
    let path = arguments.file.display();
    let outcome = read_workspace(&arguments.file)?;
    let workspace = &outcome.workspace;
    let cycle = match arguments.cycle {
        Some(cycle) => cycle,
        None => {
            let data = omnirx_core::domain::planning::PlanningData::build(workspace);
            let Some(end) = data.data_end else {
                return Err(Failure::Usage(format!(
                    "{path} has no contacts or prescriptions to tell the next cycle: give --cycle"
                )));
            };
            // The month after the end of the data: the next cycle to plan.
            Cycle::Month {
                month: Month {
                    year: end.year,
                    month: end.month,
                }
                .plus(1),
            }
        }
    };
    let options = PlanOptions {
        segment_source: match &arguments.rule_set_id {
            Some(id) => SegmentSource::RuleSet {
                rule_set_id: id.clone(),
            },
            None => SegmentSource::Strategy,
        },
        rep_id: arguments.rep_id.clone(),
        ..PlanOptions::default()
    };
    let result = plan_for(workspace, cycle, &options)
        .map_err(|error| Failure::Refused(format!("{path}: {error}")))?;
    let schedule = arguments.rep_id.as_ref().map(|rep_id| {
        let days = field_days(
            &workspace.settings.calendar,
            &cycle,
            result.capacity.days_off(rep_id),
        );
        schedule(&result.plan, rep_id, &days)
    });
    if arguments.json {
        return write_json(
            out,
            &PlanReport {
                cycle: cycle.key(),
                first_day: cycle.first_day().to_string(),
                last_day: cycle.last_day().to_string(),
                note: ASSOCIATIONS,
                result: &result,
                schedule,
            },
        );
    }
    write_text(out, &result, schedule.as_ref())
}

fn binding_word(binding: Binding) -> &'static str {
    match binding {
        Binding::Capacity => "capacity",
        Binding::VisitSlots => "visit slots",
        Binding::MaxFrequency => "max frequency",
        Binding::Consent => "consent",
        Binding::NotApplicable => "not for this HCP",
        Binding::NoGain => "no gain",
        Binding::Edited => "edited",
    }
}

fn track_word(track: Track) -> &'static str {
    match track {
        Track::Ahead => "ahead",
        Track::OnTrack => "on track",
        Track::Behind => "behind",
        Track::NotPlanned => "not planned",
    }
}

fn write_text(
    out: &mut Out,
    result: &PlanResult,
    schedule: Option<&Schedule>,
) -> Result<(), Failure> {
    let plan = &result.plan;
    let cycle = plan.cycle;
    let segments = match result.segments.first() {
        Some(segment) if segment.key == "defend" => "strategies of the potential × support matrix",
        _ => "the rule set's segments",
    };
    writeln!(
        out,
        "Plan {} ({} … {}), segments: {segments}",
        cycle.key(),
        cycle.first_day(),
        cycle.last_day()
    )?;
    writeln!(out, "{ASSOCIATIONS}")?;
    for message in &result.messages {
        writeln!(out, "note: {message}")?;
    }

    // Capacity and load per rep.
    writeln!(out)?;
    writeln!(
        out,
        "Capacity and load per rep (planned/capacity, utilisation)"
    )?;
    write!(out, "{:<12} {:>5}", "rep", "days")?;
    for channel in &plan.channels {
        write!(out, " {:>19}", channel.channel_id)?;
    }
    writeln!(out, " {:>19} {:>9} {:>6}", "visit slots", "uplift", "HCPs")?;
    for rep in &plan.reps {
        write!(out, "{:<12} {:>5}", rep.rep_id, rep.field_days)?;
        for load in &rep.channels {
            let cell = format!(
                "{}/{} {}",
                load.planned,
                load.capacity,
                percent(load.utilisation)
            );
            write!(out, " {cell:>19}")?;
        }
        let slots = format!(
            "{:.1}/{:.0} {}",
            rep.visit_slots_planned,
            rep.visit_slots,
            percent(rep.visit_slot_utilisation)
        );
        writeln!(
            out,
            " {slots:>19} {:>9.2} {:>6}",
            rep.expected_uplift, rep.hcps
        )?;
    }

    // The comparison.
    for comparison in &result.comparison {
        let scope = comparison
            .rep_id
            .as_deref()
            .map_or("the team".to_string(), |id| id.to_string());
        // The team's without --rep, the rep's with it.
        if comparison.rep_id.is_some() != schedule.is_some() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "Plan against last cycle ({}) and an equal split, {scope}",
            cycle.previous().key()
        )?;
        write_comparison(
            out,
            &comparison.plan,
            &comparison.last_cycle,
            &comparison.equal_split,
        )?;
    }

    // Curves.
    writeln!(out)?;
    writeln!(
        out,
        "Response curves: uplift (units a month) = a·(1 − e^(−b·contacts a month))"
    )?;
    writeln!(
        out,
        "{:<16} {:<14} {:>9} {:>7} {:>10} {:>6} {:>7}",
        "segment", "channel", "a", "b", "source", "HCPs", "data wt"
    )?;
    for curve in &result.curves {
        let source = match curve.source {
            omnirx_core::domain::planning::response::CurveSource::Estimated => "estimated",
            omnirx_core::domain::planning::response::CurveSource::Prior => "prior",
            omnirx_core::domain::planning::response::CurveSource::Edited => "edited",
        };
        writeln!(
            out,
            "{:<16} {:<14} {:>9.4} {:>7.3} {:>10} {:>6} {:>7.2}",
            segment_label(&curve.segment),
            curve.channel_id,
            curve.a,
            curve.b,
            source,
            curve.hcps,
            curve.data_weight
        )?;
    }

    // HCP rows.
    for rep in &plan.reps {
        writeln!(out)?;
        writeln!(
            out,
            "HCPs of {} (planned contacts per channel; what stopped each channel)",
            rep.rep_id
        )?;
        write!(out, "{:<10} {:<14} {:>9}", "hcp", "segment", "potential")?;
        for channel in &plan.channels {
            write!(out, " {:>11}", short(&channel.channel_id))?;
        }
        writeln!(out, " {:>8} {:>9}  stopped by", "uplift", "last gain")?;
        let mut rows: Vec<_> = plan.rows_of(&rep.rep_id).collect();
        rows.sort_by(|a, b| {
            b.expected_uplift
                .total_cmp(&a.expected_uplift)
                .then(a.hcp_id.cmp(&b.hcp_id))
        });
        for row in rows {
            write!(
                out,
                "{:<10} {:<14} {:>9}",
                row.hcp_id,
                segment_label(&row.segment),
                row.potential
            )?;
            for cell in &row.cells {
                write!(out, " {:>11}", cell.planned)?;
            }
            let last_gain = row
                .cells
                .iter()
                .filter_map(|c| c.last_gain)
                .min_by(|a, b| a.total_cmp(b));
            let mut reasons: Vec<(Binding, Vec<&str>)> = Vec::new();
            for (cell, channel) in row.cells.iter().zip(&plan.channels) {
                let name = short(&channel.channel_id);
                match reasons.iter_mut().find(|(b, _)| *b == cell.binding) {
                    Some((_, names)) => names.push(name),
                    None => reasons.push((cell.binding, vec![name])),
                }
            }
            let why: Vec<String> = reasons
                .iter()
                .map(|(binding, names)| format!("{}: {}", binding_word(*binding), names.join(", ")))
                .collect();
            writeln!(
                out,
                " {:>8.3} {:>9}  {}",
                row.expected_uplift,
                last_gain.map_or("–".to_string(), |g| format!("{g:.4}")),
                why.join("; ")
            )?;
        }
    }

    if let Some(schedule) = schedule {
        write_schedule(out, schedule)?;
    }
    if let Some(follow_up) = &result.follow_up {
        writeln!(out)?;
        writeln!(
            out,
            "Follow-up to {} (bands −{:.0}% / +{:.0}% of the elapsed share)",
            follow_up.as_of,
            follow_up.bands.under * 100.0,
            follow_up.bands.over * 100.0
        )?;
        writeln!(
            out,
            "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8}  {:<11} {:>7}",
            "rep", "elapsed", "planned", "actual", "earned", "attain.", "track", "behind"
        )?;
        for rep in &follow_up.reps {
            write_progress(out, &rep.rep_id, rep.elapsed, &rep.total, rep.behind.len())?;
        }
        if schedule.is_some() {
            for rep in &follow_up.reps {
                for channel in &rep.channels {
                    write_progress(
                        out,
                        &format!("  {}", short(&channel.channel_id)),
                        rep.elapsed,
                        &channel.progress,
                        0,
                    )?;
                }
                if !rep.behind.is_empty() {
                    writeln!(out, "Behind plan, for next week:")?;
                    for behind in &rep.behind {
                        writeln!(
                            out,
                            "  {:<10} {:<12} planned {:>3}, done {:>3}, short {:>3}: {} next week",
                            behind.hcp_id,
                            short(&behind.channel_id),
                            behind.planned,
                            behind.earned,
                            behind.shortfall,
                            behind.next_week
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn write_progress(
    out: &mut Out,
    name: &str,
    elapsed: f64,
    progress: &Progress,
    behind: usize,
) -> Result<(), Failure> {
    writeln!(
        out,
        "{:<12} {:>8} {:>8} {:>8} {:>8} {:>8}  {:<11} {:>7}",
        name,
        percent(Some(elapsed)),
        progress.planned,
        progress.actual,
        progress.earned,
        percent(progress.attainment),
        track_word(progress.track),
        behind
    )?;
    Ok(())
}

fn write_comparison(
    out: &mut Out,
    plan: &AllocationSummary,
    last: &AllocationSummary,
    equal: &AllocationSummary,
) -> Result<(), Failure> {
    let all = [plan, last, equal];
    writeln!(
        out,
        "{:<24} {:>12} {:>12} {:>12}",
        "", "plan", "last cycle", "equal split"
    )?;
    let line = |out: &mut Out, name: &str, values: [String; 3]| -> Result<(), Failure> {
        writeln!(
            out,
            "{:<24} {:>12} {:>12} {:>12}",
            name, values[0], values[1], values[2]
        )?;
        Ok(())
    };
    line(
        out,
        "expected uplift",
        all.map(|s| format!("{:.2}", s.expected_uplift)),
    )?;
    line(out, "contacts", all.map(|s| s.contacts.to_string()))?;
    line(out, "reach", all.map(|s| percent(s.reach)))?;
    line(
        out,
        "frequency",
        all.map(|s| s.frequency.map_or("–".to_string(), |f| format!("{f:.2}"))),
    )?;
    for (k, load) in plan.channels.iter().enumerate() {
        line(
            out,
            &format!("utilisation {}", short(&load.channel_id)),
            all.map(|s| percent(s.channels[k].utilisation)),
        )?;
    }
    line(
        out,
        "visit slots",
        all.map(|s| percent(s.visit_slot_utilisation)),
    )?;
    for (k, share) in plan.segments.iter().enumerate() {
        line(
            out,
            &format!("effort {}", segment_label(&share.segment)),
            all.map(|s| percent(s.segments[k].share)),
        )?;
    }
    Ok(())
}

fn write_schedule(out: &mut Out, schedule: &Schedule) -> Result<(), Failure> {
    writeln!(out)?;
    writeln!(
        out,
        "Calendar of {} ({:.0} visit slots a field day; an account's HCPs on the same day)",
        schedule.rep_id, schedule.slots_per_day
    )?;
    for week in &schedule.weeks {
        writeln!(
            out,
            "week of {}: {} field day(s), {} contact(s) at {} account-day(s)",
            week.monday, week.field_days, week.contacts, week.accounts
        )?;
        for &d in &week.days {
            let day = &schedule.days[d];
            let mut groups: Vec<(String, usize)> = Vec::new();
            for contact in &day.contacts {
                match groups.last_mut() {
                    Some((account, count)) if *account == contact.account_id => *count += 1,
                    _ => groups.push((contact.account_id.clone(), 1)),
                }
            }
            let text: Vec<String> = groups
                .iter()
                .map(|(account, count)| format!("{account} ×{count}"))
                .collect();
            let text = if text.is_empty() {
                "free".to_string()
            } else {
                text.join(", ")
            };
            writeln!(out, "  {} {:>4.1} slots  {text}", day.date, day.slots_used)?;
        }
    }
    if !schedule.unplaced.is_empty() {
        writeln!(
            out,
            "note: {} contact(s) found no field day with room",
            schedule.unplaced.len()
        )?;
    }
    Ok(())
}

/// `ch-visit` → `visit`.
fn short(channel_id: &str) -> &str {
    channel_id.strip_prefix("ch-").unwrap_or(channel_id)
}

fn segment_label(key: &str) -> &str {
    if key.is_empty() {
        "(unclassified)"
    } else {
        key
    }
}
