//! The potential × support matrix: HCPs placed by prescribing potential and by adoption stage, with a strategy per cell.
//!
//! Cut-offs split each axis into bands: with cut-offs `[a, b]`, the bands are `< a`, `a..b` and
//! `≥ b`. The strategy of a cell follows from where its bands sit on each axis (low, middle or
//! high third), so grids other than 3 × 3 get strategies too.

use serde::{Deserialize, Serialize};

use super::profile::{CustomerBase, CustomerProfiles, VolumeLevel};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixCutoffs {
    /// Patients per month at which each higher potential band starts; ascending.
    pub potential: Vec<i64>,
    /// Adoption stage at which each higher support band starts; ascending.
    pub support: Vec<u8>,
}

impl MatrixCutoffs {
    /// Potential cut at the workspace's tertiles, support at interest (stage 2) and trial
    /// (stage 4) of the default funnel: 3 × 3.
    pub fn default_for(base: &CustomerBase) -> MatrixCutoffs {
        let mut potentials: Vec<i64> = base.attributes.iter().map(|a| a.potential).collect();
        potentials.sort_unstable();
        let at = |fraction_times_three: usize| {
            potentials
                .get(potentials.len() * fraction_times_three / 3)
                .copied()
                .unwrap_or(0)
        };
        let mut potential = vec![at(1), at(2)];
        potential.dedup();
        if potential.len() < 2 {
            potential = vec![potential[0], potential[0] + 1];
        }
        MatrixCutoffs {
            potential,
            support: vec![2, 4],
        }
    }

    /// Sorted, without repeats, at most 4 cut-offs per axis (5 bands), at least 1.
    pub fn normalised(&self) -> MatrixCutoffs {
        let mut potential = self.potential.clone();
        potential.sort_unstable();
        potential.dedup();
        potential.truncate(4);
        let mut support = self.support.clone();
        support.sort_unstable();
        support.dedup();
        support.truncate(4);
        if potential.is_empty() {
            potential.push(1);
        }
        if support.is_empty() {
            support.push(1);
        }
        MatrixCutoffs { potential, support }
    }

    pub fn potential_bands(&self) -> usize {
        self.potential.len() + 1
    }

    pub fn support_bands(&self) -> usize {
        self.support.len() + 1
    }
}

/// What the team should do with the HCPs of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// High potential, already supportive: keep them, with the most personal attention.
    Defend,
    /// High or medium potential, part of the way: move them to regular prescribing.
    Grow,
    /// High potential, little support yet: build awareness and evidence.
    Develop,
    /// Low or medium potential but supportive: keep the relationship at low cost.
    Maintain,
    /// Low potential and low support: digital only.
    Deprioritise,
}

/// A channel mix and a call frequency that go with a strategy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub strategy: Strategy,
    /// Channel kinds with their share of contacts, in percent, adding up to 100.
    pub channel_mix: Vec<(crate::domain::model::ChannelKind, u8)>,
    /// Rep visits or calls per month.
    pub calls_per_month: f64,
}

/// Where a band sits on its axis: 0 low, 1 middle, 2 high.
fn third(band: usize, bands: usize) -> usize {
    if bands <= 1 {
        return 1;
    }
    // Map band 0..bands onto 0..=2 by position; the ends are always low and high.
    (band * 2 + (bands - 1) / 2) / (bands - 1)
}

pub fn strategy_for(
    potential_band: usize,
    support_band: usize,
    cutoffs: &MatrixCutoffs,
) -> Strategy {
    let potential = third(potential_band, cutoffs.potential_bands());
    let support = third(support_band, cutoffs.support_bands());
    match (potential, support) {
        (2, 2) => Strategy::Defend,
        (2, 1) | (1, 1) => Strategy::Grow,
        (2, 0) | (1, 0) => Strategy::Develop,
        (1, 2) | (0, 2) | (0, 1) => Strategy::Maintain,
        _ => Strategy::Deprioritise,
    }
}

pub fn recommendation(strategy: Strategy) -> Recommendation {
    use crate::domain::model::ChannelKind::*;
    let (channel_mix, calls_per_month) = match strategy {
        Strategy::Defend => (
            vec![
                (RepVisit, 45),
                (Webinar, 20),
                (RemoteDetailing, 15),
                (Wechat, 20),
            ],
            4.0,
        ),
        Strategy::Grow => (
            vec![
                (RepVisit, 40),
                (RemoteDetailing, 25),
                (Wechat, 20),
                (Email, 15),
            ],
            3.0,
        ),
        Strategy::Develop => (
            vec![
                (RepVisit, 30),
                (Webinar, 30),
                (RemoteDetailing, 20),
                (Email, 20),
            ],
            2.0,
        ),
        Strategy::Maintain => (
            vec![
                (RemoteDetailing, 30),
                (Wechat, 35),
                (Email, 25),
                (Phone, 10),
            ],
            1.0,
        ),
        Strategy::Deprioritise => (vec![(Email, 60), (Wechat, 40)], 0.25),
    };
    Recommendation {
        strategy,
        channel_mix,
        calls_per_month,
    }
}

/// One cell: its HCPs and their share of the workspace's prescription volume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixCell {
    pub potential_band: usize,
    pub support_band: usize,
    pub count: u64,
    /// Units of the cell's HCPs ÷ units of all HCPs (0 when there are none, and at
    /// [`VolumeLevel::Account`], where an account's units cannot be split among its HCPs).
    pub volume_share: f64,
    pub recommendation: Recommendation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub cutoffs: MatrixCutoffs,
    /// Row-major by potential band (lowest first), then support band (lowest first).
    pub cells: Vec<MatrixCell>,
}

impl Matrix {
    pub fn cell(&self, potential_band: usize, support_band: usize) -> &MatrixCell {
        &self.cells[potential_band * self.cutoffs.support_bands() + support_band]
    }
}

/// The band of a value: how many cut-offs it reaches.
pub fn band_of<T: PartialOrd>(value: T, cutoffs: &[T]) -> usize {
    cutoffs
        .iter()
        .take_while(|cutoff| value >= **cutoff)
        .count()
}

/// Each HCP's cell as `(potential band, support band)`.
pub fn cell_of(
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    hcp: usize,
    cutoffs: &MatrixCutoffs,
) -> (usize, usize) {
    (
        band_of(base.attributes[hcp].potential, &cutoffs.potential),
        band_of(profiles.figures[hcp].adoption_stage, &cutoffs.support),
    )
}

/// One HCP of a matrix cell, as the member list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellMember {
    pub hcp: usize,
    pub potential: i64,
    pub adoption_stage: u8,
    pub volume: i64,
}

/// The HCPs in cell (potential band, support band), the biggest potential first (ties by id).
pub fn cell_members(
    hcps: &[crate::domain::model::Hcp],
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    cutoffs: &MatrixCutoffs,
    cell: (usize, usize),
) -> Vec<CellMember> {
    let mut members: Vec<CellMember> = (0..base.hcp_count())
        .filter(|&hcp| cell_of(base, profiles, hcp, cutoffs) == cell)
        .map(|hcp| CellMember {
            hcp,
            potential: base.attributes[hcp].potential,
            adoption_stage: profiles.figures[hcp].adoption_stage,
            volume: profiles.figures[hcp].volume,
        })
        .collect();
    members.sort_by(|a, b| {
        b.potential
            .cmp(&a.potential)
            .then_with(|| hcps[a.hcp].id.cmp(&hcps[b.hcp].id))
    });
    members
}

pub fn build_matrix(
    base: &CustomerBase,
    profiles: &CustomerProfiles,
    cutoffs: &MatrixCutoffs,
) -> Matrix {
    let cutoffs = cutoffs.normalised();
    let columns = cutoffs.support_bands();
    let mut counts = vec![0u64; cutoffs.potential_bands() * columns];
    let mut volumes = vec![0i64; counts.len()];
    let mut total_volume = 0i64;
    for hcp in 0..base.hcp_count() {
        let (potential, support) = cell_of(base, profiles, hcp, &cutoffs);
        let slot = potential * columns + support;
        counts[slot] += 1;
        let volume = match base.volume_level {
            VolumeLevel::Hcp => profiles.figures[hcp].volume,
            VolumeLevel::Account => 0,
        };
        volumes[slot] = volumes[slot].saturating_add(volume);
        total_volume = total_volume.saturating_add(volume);
    }
    let cells = counts
        .iter()
        .zip(&volumes)
        .enumerate()
        .map(|(slot, (&count, &volume))| {
            let (potential_band, support_band) = (slot / columns, slot % columns);
            MatrixCell {
                potential_band,
                support_band,
                count,
                volume_share: if total_volume > 0 {
                    volume as f64 / total_volume as f64
                } else {
                    0.0
                },
                recommendation: recommendation(strategy_for(
                    potential_band,
                    support_band,
                    &cutoffs,
                )),
            }
        })
        .collect();
    Matrix { cutoffs, cells }
}
