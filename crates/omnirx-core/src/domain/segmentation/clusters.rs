//! Clustering of customers by numeric features: standardisation, k-means, silhouette, the elbow and cluster profiles.
//!
//! Everything here is deterministic: the same features and seed give the same clusters, bit for
//! bit, natively and in wasm32. That holds because the only floating-point operations used are
//! `+`, `-`, `*`, `/` and `sqrt`, which IEEE 754 rounds exactly the same way everywhere, every sum
//! runs in a fixed order, and the only randomness is the seeded [`Random`].
//!
//! Feature values must be finite numbers; the caller decides how to fill gaps before clustering.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::domain::demo::Random;

/// Lloyd's iterations stop here even if some assignments still change, so a run always ends.
pub const MAXIMUM_ITERATIONS: usize = 100;

/// How many k-means++ starts [`k_means`] tries on more than [`SMALL_DATA_ROWS`] rows, keeping the
/// one with the lowest inertia. A single start settles in a poor local optimum (two groups merged,
/// another split) for about a third of seeds on six well-separated groups; the best of five
/// rarely does.
pub const STARTS: usize = 5;

/// Up to this many rows, k-means tries more starts than [`STARTS`]: see [`starts_for`].
pub const SMALL_DATA_ROWS: usize = 500;

/// The starts on small data share this much work, counted in rows × starts: about what five
/// screened starts cost on 2,500 rows, a few milliseconds at most.
pub const SMALL_DATA_WORK: usize = 20_000;

/// The most starts k-means tries, on the smallest data.
pub const MOST_STARTS: usize = 200;

/// The k-means++ starts for `rows` rows: ⌊[`SMALL_DATA_WORK`] / rows⌋ up to [`SMALL_DATA_ROWS`]
/// rows, at most [`MOST_STARTS`] (200 up to 100 rows, 40 at 500), and [`STARTS`] beyond. The
/// clusters view and every point of the elbow chart use this many.
///
/// On a few dozen rows Lloyd's passes from k-means++ starts end in many different local optima:
/// on the 40 HCPs of the `tiny` demo with k = 6, five starts, and twenty, ended up to 2.7 % above
/// the best of 5,000 starts for a third of the last months tried, where 200 reach it.
pub fn starts_for(rows: usize) -> usize {
    if rows <= SMALL_DATA_ROWS {
        (SMALL_DATA_WORK / rows.max(1)).min(MOST_STARTS)
    } else {
        STARTS
    }
}

/// The silhouette is exact up to this many rows and taken on an evenly spaced sample of this many
/// beyond (see [`silhouette_sample`]), in the clusters view and the elbow chart alike.
pub const SILHOUETTE_SAMPLE: usize = 2_000;

/// A profile lists at most this many distinctive features, so the words stay short.
pub const MAXIMUM_DISTINCTIONS: usize = 3;

/// Row-major numeric features: `rows` customers × `columns` features.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeatureMatrix {
    pub rows: usize,
    pub columns: usize,
    /// Row after row: the value of feature `c` for customer `r` is at `r * columns + c`.
    pub values: Vec<f64>,
}

impl FeatureMatrix {
    /// Panics when `values` does not hold exactly `rows × columns` numbers, because a matrix with
    /// a ragged end would silently shift every feature of every later customer.
    pub fn new(rows: usize, columns: usize, values: Vec<f64>) -> Self {
        assert_eq!(
            values.len(),
            rows * columns,
            "a {rows} × {columns} feature matrix needs {} values",
            rows * columns
        );
        FeatureMatrix {
            rows,
            columns,
            values,
        }
    }

    /// The features of one customer.
    pub fn row(&self, row: usize) -> &[f64] {
        &self.values[row * self.columns..(row + 1) * self.columns]
    }
}

/// How each feature was standardised, so results can be mapped back to the original units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standardisation {
    pub means: Vec<f64>,
    /// Population standard deviations (dividing by the number of rows, not one less). A constant
    /// column has deviation 0 and all its standardised values are 0.
    pub deviations: Vec<f64>,
}

impl Standardisation {
    /// Maps a standardised value of `column` back to the column's original units.
    pub fn original_value(&self, column: usize, z: f64) -> f64 {
        self.means[column] + z * self.deviations[column]
    }
}

/// Rescales every column to mean 0 and population standard deviation 1, so that no feature
/// dominates the distances just because of its units.
///
/// A constant column has nothing to tell clusters apart; it becomes all zeros (deviation 0)
/// instead of a division by zero. It is detected by comparing values, not by a tiny computed
/// variance, because rounding in the mean can make a constant column look slightly spread.
/// With no rows, every mean and deviation is 0.
pub fn standardise(matrix: &FeatureMatrix) -> (FeatureMatrix, Standardisation) {
    let rows = matrix.rows;
    let columns = matrix.columns;
    let mut means = vec![0.0; columns];
    let mut deviations = vec![0.0; columns];
    let mut values = vec![0.0; rows * columns];
    if rows == 0 {
        return (
            FeatureMatrix::new(0, columns, values),
            Standardisation { means, deviations },
        );
    }
    for column in 0..columns {
        let first = matrix.values[column];
        let constant = (1..rows).all(|row| matrix.values[row * columns + column] == first);
        if constant {
            // The mean of a constant column is its value, exactly; its standardised values
            // stay at the zeros they were initialised with.
            means[column] = first;
            continue;
        }
        let mut sum = 0.0;
        for row in 0..rows {
            sum += matrix.values[row * columns + column];
        }
        let mean = sum / rows as f64;
        // Two passes (mean first, then squared differences) rather than the sum of squares minus
        // the squared sum, which loses precision when the mean is large against the spread.
        let mut squares = 0.0;
        for row in 0..rows {
            let difference = matrix.values[row * columns + column] - mean;
            squares += difference * difference;
        }
        let deviation = (squares / rows as f64).sqrt();
        means[column] = mean;
        deviations[column] = deviation;
        for row in 0..rows {
            values[row * columns + column] =
                (matrix.values[row * columns + column] - mean) / deviation;
        }
    }
    (
        FeatureMatrix::new(rows, columns, values),
        Standardisation { means, deviations },
    )
}

/// The result of [`k_means`] and [`k_means_with_starts`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    /// The number of clusters actually used: the requested k clamped to `1..=rows`, or 0 for no rows.
    pub k: usize,
    /// The cluster of each row, in `0..k`. Cluster 0 is the largest.
    pub assignments: Vec<u32>,
    /// One row per cluster, in the units of the matrix that was clustered (standardised units).
    pub centroids: FeatureMatrix,
    /// The number of rows in each cluster, non-increasing.
    pub sizes: Vec<usize>,
    /// The within-cluster sum of squared distances from each row to its centroid.
    pub inertia: f64,
    /// The number of assignment passes of Lloyd's algorithm in the start that was kept. The last
    /// pass changed nothing, unless the run stopped at [`MAXIMUM_ITERATIONS`].
    pub iterations: usize,
    /// `Some(n)` when the rows hold only `n` distinct points, fewer than the k asked for: then no
    /// k-means can fill k clusters with different points, and the clusters beyond those points
    /// stay empty (numbered last). `None` when there are at least k distinct points.
    pub distinct_points: Option<usize>,
}

/// One row's features as a set key: equal when the values are equal (`0.0` and `-0.0` too).
struct PointKey<'a>(&'a [f64]);

impl PartialEq for PointKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for PointKey<'_> {}

impl Hash for PointKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for value in self.0 {
            // Adding 0.0 turns -0.0 into 0.0, so equal values hash alike. Values are finite.
            (value + 0.0).to_bits().hash(state);
        }
    }
}

/// `Some(n)` when the matrix holds only `n < k` distinct rows, else `None`. Stops counting at k,
/// so on ordinary data it looks at little more than the first k rows.
pub fn distinct_points_below(matrix: &FeatureMatrix, k: usize) -> Option<usize> {
    let mut seen = FxHashSet::default();
    for row in 0..matrix.rows {
        seen.insert(PointKey(matrix.row(row)));
        if seen.len() >= k {
            return None;
        }
    }
    Some(seen.len()).filter(|&distinct| distinct < k)
}

/// Squared Euclidean distance; kept as a plain sequential loop so the sum's order is fixed.
#[inline(always)]
fn squared_distance(first: &[f64], second: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (a, b) in first.iter().zip(second) {
        let difference = a - b;
        sum += difference * difference;
    }
    sum
}

/// Groups the rows into `k` clusters with k-means: the best of [`starts_for`] the number of rows
/// k-means++ starts, each followed by Lloyd's iterations. See [`k_means_with_starts`], which this
/// calls.
pub fn k_means(standardised: &FeatureMatrix, k: usize, seed: u64) -> Clustering {
    k_means_with_starts(standardised, k, seed, starts_for(standardised.rows))
}

/// Groups the rows into `k` clusters with k-means (Lloyd's algorithm, k-means++ initialisation),
/// run from `starts` starting points (clamped to at least 1), keeping the run with the lowest
/// inertia.
///
/// * k is clamped to `1..=rows`; with no rows the result is empty with k 0.
/// * Starts: one [`Random`] seeded by `seed` serves every start, one after another, so start 1
///   continues the stream where start 0's initialisation left it. Start 0 is therefore the same
///   whatever `starts` is, and `starts = 1` is the classic single-start k-means.
/// * Initialisation (k-means++): the first centre is a row drawn uniformly; each next centre is
///   drawn with probability proportional to the squared distance to its nearest centre so far, by
///   walking the cumulative sum of those distances up to one `unit()` draw times their total. If
///   every row already sits on a centre (fewer distinct rows than k), the centre is drawn
///   uniformly instead.
/// * Lloyd's iterations alternate assigning each row to its nearest centroid and moving each
///   centroid to the mean of its rows, until no assignment changes or after
///   [`MAXIMUM_ITERATIONS`] passes. A row changes cluster only when another centroid is strictly
///   nearer (then the nearest, ties to the lowest cluster number); on the first pass ties go to
///   the lowest number. The mean of identical rows is that row exactly, so duplicate rows settle
///   in a few passes.
/// * A cluster left empty is re-seeded with the row farthest from its own centroid (ties: the
///   lowest row), so no randomness is needed there. A cluster can only stay empty when the data
///   has fewer distinct rows than k, which `distinct_points` then says.
/// * The kept run is the one with the lowest inertia (within-cluster sum of squares); on a tie,
///   the earliest start. The inertia depends only on the partition, so every start that finds
///   the same partition ties and the earliest one is kept, with its own `iterations`.
/// * At the end the clusters are renumbered so that cluster 0 is the largest; clusters of equal
///   size are ordered by their first row. Labels are then the same for the same partition,
///   whatever the seed, which keeps colours and names stable in the UI.
pub fn k_means_with_starts(
    standardised: &FeatureMatrix,
    k: usize,
    seed: u64,
    starts: usize,
) -> Clustering {
    let rows = standardised.rows;
    let columns = standardised.columns;
    if rows == 0 {
        return Clustering {
            k: 0,
            assignments: Vec::new(),
            centroids: FeatureMatrix::new(0, columns, Vec::new()),
            sizes: Vec::new(),
            inertia: 0.0,
            iterations: 0,
            distinct_points: None,
        };
    }
    let distinct_points = distinct_points_below(standardised, k.max(1));
    let k = k.clamp(1, rows);
    let mut random = Random::new(seed);
    let centres = initial_centres(standardised, k, &mut random);
    let mut best = lloyd(standardised, k, centres);
    for _ in 1..starts {
        let centres = initial_centres(standardised, k, &mut random);
        let candidate = lloyd(standardised, k, centres);
        // Strictly lower: on a tie the earlier start, found first, is kept.
        if candidate.inertia < best.inertia {
            best = candidate;
        }
    }
    best.distinct_points = distinct_points;
    best
}

/// Passes each start gets in [`k_means_screened`] before the best one is run to convergence.
pub const SCREENING_ITERATIONS: usize = 8;

/// Passes each start of an elbow point gets in [`elbow_point`] before the best one is run on.
pub const ELBOW_SCREENING_ITERATIONS: usize = 3;

/// Like [`k_means_with_starts`] for less time: every start runs only [`SCREENING_ITERATIONS`]
/// passes, then only the start with the lowest inertia at that point is run on until nothing
/// moves (at most [`MAXIMUM_ITERATIONS`] passes in all). Starts that are still far apart after a
/// few passes rarely swap places later, so this keeps most of the benefit of several starts at
/// about a third of the cost; the app uses it so that k-means on 10,000 HCPs stays well under a
/// frame budget of 150 ms in the browser. Deterministic like every function here: the starts
/// come from one PRNG stream seeded with `seed`; ties go to the earliest start. `iterations` counts
/// the kept start's screening passes plus its continuation.
pub fn k_means_screened(
    standardised: &FeatureMatrix,
    k: usize,
    seed: u64,
    starts: usize,
) -> Clustering {
    let rows = standardised.rows;
    if rows == 0 || starts <= 1 {
        return k_means_with_starts(standardised, k, seed, 1);
    }
    let distinct_points = distinct_points_below(standardised, k.max(1));
    let k = k.clamp(1, rows);
    let mut random = Random::new(seed);
    let starts = (0..starts).map(|_| initial_centres(standardised, k, &mut random));
    Clustering {
        distinct_points,
        ..screen_then_finish(standardised, k, starts, SCREENING_ITERATIONS)
    }
}

/// Runs every start for `screening` passes, then only the one with the lowest inertia at that
/// point (the earliest on a tie) on until nothing moves, at most [`MAXIMUM_ITERATIONS`] passes in
/// all; `iterations` counts its screening passes plus its continuation.
fn screen_then_finish(
    standardised: &FeatureMatrix,
    k: usize,
    starts: impl IntoIterator<Item = Vec<f64>>,
    screening: usize,
) -> Clustering {
    let mut best: Option<Clustering> = None;
    for centres in starts {
        let candidate = lloyd_at_most(standardised, k, centres, screening);
        if best
            .as_ref()
            .is_none_or(|best| candidate.inertia < best.inertia)
        {
            best = Some(candidate);
        }
    }
    let screened = best.expect("at least one start");
    if screened.iterations < screening {
        // It converged while being screened: nothing left to run.
        return screened;
    }
    let mut finished = lloyd_at_most(
        standardised,
        k,
        screened.centroids.values.clone(),
        MAXIMUM_ITERATIONS - screening,
    );
    finished.iterations += screened.iterations;
    finished
}

/// Lloyd's iterations from the given `k × columns` starting centroids, then the renumbering.
fn lloyd(standardised: &FeatureMatrix, k: usize, centroids: Vec<f64>) -> Clustering {
    lloyd_at_most(standardised, k, centroids, MAXIMUM_ITERATIONS)
}

/// [`lloyd`] stopping after at most `limit` passes.
fn lloyd_at_most(
    standardised: &FeatureMatrix,
    k: usize,
    mut centroids: Vec<f64>,
    limit: usize,
) -> Clustering {
    let rows = standardised.rows;
    let columns = standardised.columns;
    let data = &standardised.values;

    // Every buffer is allocated once here, so the passes below allocate nothing.
    let mut assignments = vec![u32::MAX; rows];
    let mut distances = vec![0.0f64; rows];
    let mut sums = vec![0.0f64; k * columns];
    let mut counts = vec![0usize; k];
    let mut iterations = 0;
    loop {
        let changed = assign_to_nearest(data, columns, &centroids, &mut assignments);
        iterations += 1;
        if changed == 0 || iterations >= limit {
            break;
        }
        move_centroids_to_means(
            data,
            columns,
            &assignments,
            &mut centroids,
            &mut sums,
            &mut counts,
        );
        if counts.contains(&0) {
            reseed_empty_clusters(
                data,
                columns,
                &assignments,
                &counts,
                &mut centroids,
                &mut distances,
            );
        }
    }
    // The centroids are the means of the final assignments. After convergence this repeats the
    // last update exactly (same rows, same order, same bits); after the iteration limit it makes
    // the centroids and the inertia agree with the assignments that are returned.
    move_centroids_to_means(
        data,
        columns,
        &assignments,
        &mut centroids,
        &mut sums,
        &mut counts,
    );

    let mut inertia = 0.0;
    for row in 0..rows {
        let cluster = assignments[row] as usize;
        inertia += squared_distance(
            &data[row * columns..(row + 1) * columns],
            &centroids[cluster * columns..(cluster + 1) * columns],
        );
    }

    // Renumber: largest first, then by first row, with empty clusters last in their old order.
    let mut first_rows = vec![usize::MAX; k];
    for (row, &cluster) in assignments.iter().enumerate().rev() {
        first_rows[cluster as usize] = row;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        counts[b]
            .cmp(&counts[a])
            .then(first_rows[a].cmp(&first_rows[b]))
            .then(a.cmp(&b))
    });
    let mut new_label = vec![0u32; k];
    for (position, &old) in order.iter().enumerate() {
        new_label[old] = position as u32;
    }
    for assignment in &mut assignments {
        *assignment = new_label[*assignment as usize];
    }
    let mut sorted_centroids = Vec::with_capacity(k * columns);
    for &old in &order {
        sorted_centroids.extend_from_slice(&centroids[old * columns..(old + 1) * columns]);
    }
    let sizes = order.iter().map(|&old| counts[old]).collect();

    Clustering {
        k,
        assignments,
        centroids: FeatureMatrix::new(k, columns, sorted_centroids),
        sizes,
        inertia,
        iterations,
        distinct_points: None,
    }
}

/// k-means++ seeding with draws from `random`, which is left where the last draw took it, ready
/// for the next start; returns `k × columns` centre coordinates, flat.
fn initial_centres(matrix: &FeatureMatrix, k: usize, random: &mut Random) -> Vec<f64> {
    let rows = matrix.rows;
    let columns = matrix.columns;
    let mut centres = Vec::with_capacity(k * columns);
    let first = random.below(rows);
    centres.extend_from_slice(matrix.row(first));
    // The squared distance from each row to its nearest centre chosen so far.
    let mut nearest: Vec<f64> = (0..rows)
        .map(|row| squared_distance(matrix.row(row), matrix.row(first)))
        .collect();
    for _ in 1..k {
        let centre = matrix.row(draw_in_proportion(&nearest, random));
        centres.extend_from_slice(centre);
        for (row, distance) in nearest.iter_mut().enumerate() {
            let to_new = squared_distance(matrix.row(row), centre);
            if to_new < *distance {
                *distance = to_new;
            }
        }
    }
    centres
}

/// A row drawn with probability proportional to `nearest` (each row's squared distance to its
/// nearest centre so far), by walking the cumulative sum up to one `unit()` draw times the total;
/// uniformly when every row already sits on a centre.
fn draw_in_proportion(nearest: &[f64], random: &mut Random) -> usize {
    let mut total = 0.0;
    for &distance in nearest {
        total += distance;
    }
    if total > 0.0 {
        let threshold = random.unit() * total;
        let mut cumulative = 0.0;
        let mut last_positive = 0;
        for (row, &distance) in nearest.iter().enumerate() {
            if distance > 0.0 {
                last_positive = row;
            }
            cumulative += distance;
            if cumulative > threshold {
                return row;
            }
        }
        // Rounding can leave the threshold at the very end of the cumulative sum; the last row
        // with a positive distance is then the one the draw meant.
        last_positive
    } else {
        random.below(nearest.len())
    }
}

/// Assigns every row to its nearest centroid and returns how many rows changed cluster. A row
/// keeps its cluster unless another centroid is strictly nearer; then it goes to the nearest,
/// ties to the lowest cluster number (also on the first pass, when no row has a cluster yet).
fn assign_to_nearest(
    data: &[f64],
    columns: usize,
    centroids: &[f64],
    assignments: &mut [u32],
) -> usize {
    let k = centroids.len() / columns.max(1);
    let mut changed = 0;
    for (row, assignment) in assignments.iter_mut().enumerate() {
        let point = &data[row * columns..(row + 1) * columns];
        // The nearest centroid, ties to the lowest number, as on the first pass.
        let mut best_cluster = 0u32;
        let mut best_distance = squared_distance(point, &centroids[..columns]);
        for cluster in 1..k {
            let candidate = squared_distance(
                point,
                &centroids[cluster * columns..(cluster + 1) * columns],
            );
            if candidate < best_distance {
                best_distance = candidate;
                best_cluster = cluster as u32;
            }
        }
        if *assignment == best_cluster {
            continue;
        }
        // The row stays in its own cluster unless that one is strictly farther.
        let own = *assignment as usize;
        if own < k
            && squared_distance(point, &centroids[own * columns..(own + 1) * columns])
                == best_distance
        {
            continue;
        }
        *assignment = best_cluster;
        changed += 1;
    }
    changed
}

/// Moves each non-empty cluster's centroid to the mean of its rows; an empty cluster keeps its
/// centroid. Leaves the cluster sizes in `counts`.
///
/// A cluster whose rows are all equal gets that row itself as its centroid: their sum divided by
/// their number can be a rounding step off ((0.1 + 0.1 + 0.1) / 3 is one step above 0.1), which
/// would leave such rows a hair away from their own centroid and let a re-seeded empty cluster
/// take them over, pass after pass. Only a cluster whose mean lies within rounding of its first
/// row is checked row by row, so ordinary clusters cost nothing more.
fn move_centroids_to_means(
    data: &[f64],
    columns: usize,
    assignments: &[u32],
    centroids: &mut [f64],
    sums: &mut [f64],
    counts: &mut [usize],
) {
    sums.fill(0.0);
    counts.fill(0);
    for (row, &cluster) in assignments.iter().enumerate() {
        let cluster = cluster as usize;
        counts[cluster] += 1;
        let point = &data[row * columns..(row + 1) * columns];
        let sum = &mut sums[cluster * columns..(cluster + 1) * columns];
        for (total, value) in sum.iter_mut().zip(point) {
            *total += value;
        }
    }
    for (cluster, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let divisor = count as f64;
        let range = cluster * columns..(cluster + 1) * columns;
        for (centre, total) in centroids[range.clone()].iter_mut().zip(&sums[range]) {
            *centre = total / divisor;
        }
    }
    snap_uniform_clusters(data, columns, assignments, centroids, counts);
}

/// Puts the centroid of every cluster of more than one row, all equal, exactly on that row (see
/// [`move_centroids_to_means`]).
fn snap_uniform_clusters(
    data: &[f64],
    columns: usize,
    assignments: &[u32],
    centroids: &mut [f64],
    counts: &[usize],
) {
    let k = counts.len();
    // Each cluster's first row, found from the top (a few rows on ordinary data).
    let mut firsts = vec![usize::MAX; k];
    let mut missing = counts.iter().filter(|&&count| count > 0).count();
    for (row, &cluster) in assignments.iter().enumerate() {
        if missing == 0 {
            break;
        }
        if firsts[cluster as usize] == usize::MAX {
            firsts[cluster as usize] = row;
            missing -= 1;
        }
    }
    let row = |row: usize| &data[row * columns..(row + 1) * columns];
    let centroid = |centroids: &[f64], cluster: usize| {
        centroids[cluster * columns..(cluster + 1) * columns].to_vec()
    };
    // A cluster may be uniform only if its mean is within rounding of its first row.
    let mut suspects: Vec<bool> = (0..k)
        .map(|cluster| {
            counts[cluster] > 1
                && centroid(centroids, cluster)
                    .iter()
                    .zip(row(firsts[cluster]))
                    .all(|(mean, first)| (mean - first).abs() <= 1e-12 * first.abs().max(1.0))
        })
        .collect();
    if !suspects.contains(&true) {
        return;
    }
    for (index, &cluster) in assignments.iter().enumerate() {
        let cluster = cluster as usize;
        if suspects[cluster] && row(index) != row(firsts[cluster]) {
            suspects[cluster] = false;
        }
    }
    for (cluster, &uniform) in suspects.iter().enumerate() {
        if uniform {
            centroids[cluster * columns..(cluster + 1) * columns]
                .copy_from_slice(row(firsts[cluster]));
        }
    }
}

/// Moves the centroid of each empty cluster onto the row farthest from its own (just updated)
/// centroid, so the next assignment pass gives that cluster at least this row and the inertia drops.
fn reseed_empty_clusters(
    data: &[f64],
    columns: usize,
    assignments: &[u32],
    counts: &[usize],
    centroids: &mut [f64],
    distances: &mut [f64],
) {
    // Measured against the moved centroids; this is rare enough that it costs nothing that matters.
    for (row, (distance, &cluster)) in distances.iter_mut().zip(assignments).enumerate() {
        let cluster = cluster as usize;
        *distance = squared_distance(
            &data[row * columns..(row + 1) * columns],
            &centroids[cluster * columns..(cluster + 1) * columns],
        );
    }
    for (cluster, &count) in counts.iter().enumerate() {
        if count > 0 {
            continue;
        }
        let mut farthest = 0;
        let mut farthest_distance = 0.0;
        for (row, &distance) in distances.iter().enumerate() {
            if distance > farthest_distance {
                farthest_distance = distance;
                farthest = row;
            }
        }
        // Every row sits on its centroid: there is no spread left to give this cluster.
        if farthest_distance == 0.0 {
            return;
        }
        centroids[cluster * columns..(cluster + 1) * columns]
            .copy_from_slice(&data[farthest * columns..(farthest + 1) * columns]);
        // The row is now spoken for, so a second empty cluster takes the next farthest row.
        distances[farthest] = 0.0;
    }
}

/// The rows [`silhouette`] uses out of `rows`: all of them when `rows` is at most `sample_limit`,
/// otherwise `sample_limit` rows spread evenly over the whole range, row ⌊i × rows / sample_limit⌋
/// for i = 0, 1, …, sample_limit − 1. The first is row 0, consecutive ones are ⌊rows / sample_limit⌋
/// or ⌈rows / sample_limit⌉ apart, and the last is the ⌈rows / sample_limit⌉-th row from the end.
pub fn silhouette_sample(rows: usize, sample_limit: usize) -> impl Iterator<Item = usize> {
    let used = rows.min(sample_limit);
    // In 128 bits: i × rows overflows a 32-bit usize (wasm32) from about 2 million rows.
    (0..used).map(move |i| (i as u128 * rows as u128 / used as u128) as usize)
}

/// The mean silhouette coefficient (Rousseeuw, 1987) of a clustering, in `-1..=1`; higher means
/// tighter, better separated clusters.
///
/// For each row, `a` is its mean Euclidean distance to the other rows of its own cluster and `b`
/// the smallest mean distance to the rows of another cluster; its coefficient is
/// `(b - a) / max(a, b)`, 0 for a row alone in its cluster (and 0 when both are 0).
///
/// Sampling: the exact coefficient costs one distance per pair of rows. When `rows` is at most
/// `sample_limit` every row is used. Otherwise the evenly spaced rows of [`silhouette_sample`]
/// are used, `sample_limit` of them — and both `a` and `b` are computed against the sample only,
/// so "alone in its cluster" means alone among the sampled rows. No randomness is involved: the
/// same input gives the same number.
///
/// `None` when the clustering has fewer than 2 clusters, fewer than 2 rows are used, or the rows
/// used all fall in one cluster (`b` would be undefined).
pub fn silhouette(
    standardised: &FeatureMatrix,
    clustering: &Clustering,
    sample_limit: usize,
) -> Option<f64> {
    let rows = standardised.rows;
    assert_eq!(
        clustering.assignments.len(),
        rows,
        "the clustering must have one assignment per row"
    );
    let used_rows: Vec<usize> = silhouette_sample(rows, sample_limit).collect();
    // Gather the rows used into one contiguous block so the pair loop reads memory in order.
    let columns = standardised.columns;
    let mut points = Vec::with_capacity(used_rows.len() * columns);
    for &row in &used_rows {
        points.extend_from_slice(standardised.row(row));
    }
    let point = |i: usize| &points[i * columns..(i + 1) * columns];
    mean_silhouette(clustering, &used_rows, |i, j| {
        squared_distance(point(i), point(j)).sqrt()
    })
}

/// The distances between the rows of [`silhouette_sample`], measured once so that the silhouette
/// of several clusterings of the same rows (the elbow chart's, one per k) costs one pass over
/// them each instead of every square root again. Holds `n (n − 1) / 2` numbers for `n` rows used:
/// 16 MB at 2,000.
#[derive(Clone, Debug)]
pub struct SampleDistances {
    rows: Vec<usize>,
    /// For i = 0, 1, …: the distances from used row i to every later one, in order.
    distances: Vec<f64>,
}

impl SampleDistances {
    /// Measures the distances between the rows [`silhouette`] uses with this `sample_limit`.
    pub fn new(standardised: &FeatureMatrix, sample_limit: usize) -> SampleDistances {
        let rows: Vec<usize> = silhouette_sample(standardised.rows, sample_limit).collect();
        let columns = standardised.columns;
        let mut points = Vec::with_capacity(rows.len() * columns);
        for &row in &rows {
            points.extend_from_slice(standardised.row(row));
        }
        let used = rows.len();
        let mut distances = Vec::with_capacity(used * used.saturating_sub(1) / 2);
        for i in 0..used {
            let point = &points[i * columns..(i + 1) * columns];
            for j in i + 1..used {
                let other = &points[j * columns..(j + 1) * columns];
                distances.push(squared_distance(point, other).sqrt());
            }
        }
        SampleDistances { rows, distances }
    }

    /// [`silhouette`] of `clustering` with the sample limit these distances were measured for:
    /// the same number, to the last bit, since the sums are taken in the same order.
    pub fn silhouette(&self, clustering: &Clustering) -> Option<f64> {
        let mut distances = self.distances.iter();
        mean_silhouette(clustering, &self.rows, |_, _| {
            *distances.next().expect("one distance per pair")
        })
    }
}

/// The mean silhouette over `used_rows`, with `distance(i, j)` the distance between used rows i
/// and j, asked for each pair once in the order i = 0, 1, …, j = i + 1, i + 2, … and added to
/// both ends (halving the square roots).
fn mean_silhouette(
    clustering: &Clustering,
    used_rows: &[usize],
    mut distance: impl FnMut(usize, usize) -> f64,
) -> Option<f64> {
    let k = clustering.k;
    let used = used_rows.len();
    if k < 2 || used < 2 {
        return None;
    }
    let labels: Vec<usize> = used_rows
        .iter()
        .map(|&row| clustering.assignments[row] as usize)
        .collect();
    let mut members = vec![0usize; k];
    for &label in &labels {
        members[label] += 1;
    }
    if members.iter().filter(|&&count| count > 0).count() < 2 {
        return None;
    }
    // distance_sums[i * k + c]: the sum of distances from used row i to the used rows of cluster c.
    let mut distance_sums = vec![0.0f64; used * k];
    for i in 0..used {
        let label_i = labels[i];
        for j in i + 1..used {
            let distance = distance(i, j);
            distance_sums[i * k + labels[j]] += distance;
            distance_sums[j * k + label_i] += distance;
        }
    }
    let mut total = 0.0;
    for i in 0..used {
        let own = labels[i];
        if members[own] < 2 {
            // Rousseeuw's convention: a row alone in its cluster scores 0.
            continue;
        }
        let sums = &distance_sums[i * k..(i + 1) * k];
        let a = sums[own] / (members[own] - 1) as f64;
        let mut b = f64::INFINITY;
        for (cluster, &count) in members.iter().enumerate() {
            if cluster != own && count > 0 {
                let mean = sums[cluster] / count as f64;
                if mean < b {
                    b = mean;
                }
            }
        }
        let larger = if a > b { a } else { b };
        if larger > 0.0 {
            total += (b - a) / larger;
        }
    }
    Some(total / used as f64)
}

/// One point of the elbow chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElbowPoint {
    pub k: usize,
    pub inertia: f64,
    /// `None` for k = 1, where the silhouette is undefined.
    pub silhouette: Option<f64>,
    /// How far this point's inertia is above the previous k's, when it is; `None` otherwise and
    /// for the first point. Each k also starts from the previous k's clusters split once, from
    /// which the sum of squares cannot grow (see [`elbow_point`]), so a rise can only be rounding
    /// in the centroids' means, a few parts in 10¹⁵; the chart says so next to any such point.
    pub rise: Option<f64>,
}

/// The elbow chart's point for `k`, with the clustering it was read from (the next k starts from
/// it); `None` when k is outside `1..=rows`.
///
/// * The starts are those of the clusters view ([`starts_for`] the rows, k-means++ from the same
///   `seed`) and, when `previous` holds the clusters for k − 1, one more: its centroids plus one
///   more centre, a row drawn k-means++-style (with probability proportional to its squared
///   distance to the nearest previous centroid, from a [`Random`] seeded with `seed` and k).
///   They are screened as in [`k_means_screened`] on the rows of [`silhouette_sample`] (every row
///   up to [`SILHOUETTE_SAMPLE`], so there the first candidates are exactly the view's), and the
///   best is run on over every row until nothing moves. Should that end above `previous`, the
///   split start is run over every row as well and kept if lower.
/// * The second start makes the curve non-increasing: assigning each row to the nearest of the
///   previous centroids and the new centre cannot lengthen any row's distance, and no Lloyd's pass
///   after that raises the sum of squares (up to rounding, see [`ElbowPoint::rise`]).
/// * The silhouette is [`silhouette`] over [`SILHOUETTE_SAMPLE`] rows, as in the clusters view,
///   read from `distances` (which must be [`SampleDistances::new`] of the same rows with
///   [`SILHOUETTE_SAMPLE`]), so each k costs one pass over them, not every square root again.
pub fn elbow_point(
    standardised: &FeatureMatrix,
    k: usize,
    seed: u64,
    previous: Option<&Clustering>,
    distances: &SampleDistances,
) -> Option<(ElbowPoint, Clustering)> {
    let rows = standardised.rows;
    if k < 1 || k > rows {
        return None;
    }
    let previous = previous.filter(|previous| {
        previous.k + 1 == k
            && previous.assignments.len() == rows
            && previous.centroids.columns == standardised.columns
    });
    // The starts are screened and run to the end on the evenly spaced sample of the silhouette
    // (every row up to 2,000 rows), then the best goes on over every row.
    let sample_rows: Vec<usize> = silhouette_sample(rows, SILHOUETTE_SAMPLE).collect();
    let mut sample_values = Vec::with_capacity(sample_rows.len() * standardised.columns);
    for &row in &sample_rows {
        sample_values.extend_from_slice(standardised.row(row));
    }
    let sample = FeatureMatrix::new(sample_rows.len(), standardised.columns, sample_values);
    let split = previous.map(|previous| {
        split_start(
            &sample,
            previous,
            &mut Random::new(seed ^ ((k as u64) << 32)),
        )
    });
    let mut random = Random::new(seed);
    let fresh = (0..starts_for(rows)).map(|_| initial_centres(&sample, k, &mut random));
    let on_sample = screen_then_finish(&sample, k, fresh.chain(split), SCREENING_ITERATIONS);
    let mut clustering = if sample.rows == rows {
        on_sample
    } else {
        let mut finished = lloyd(standardised, k, on_sample.centroids.values);
        finished.iterations += on_sample.iterations;
        finished
    };
    if let Some(previous) = previous {
        if clustering.inertia > previous.inertia {
            // The sample led elsewhere: the previous clusters split once, over every row, cannot
            // end above them.
            let split = split_start(
                standardised,
                previous,
                &mut Random::new(seed ^ ((k as u64) << 32)),
            );
            let split = lloyd(standardised, k, split);
            if split.inertia < clustering.inertia {
                clustering = split;
            }
        }
    }
    clustering.distinct_points = distinct_points_below(standardised, k);
    let rise = previous
        .filter(|previous| clustering.inertia > previous.inertia)
        .map(|previous| clustering.inertia - previous.inertia);
    let point = ElbowPoint {
        k,
        inertia: clustering.inertia,
        silhouette: distances.silhouette(&clustering),
        rise,
    };
    Some((point, clustering))
}

/// The centroids of `previous` (k − 1 clusters) plus one row drawn k-means++-style, flat.
fn split_start(matrix: &FeatureMatrix, previous: &Clustering, random: &mut Random) -> Vec<f64> {
    let columns = matrix.columns;
    let centroids = &previous.centroids.values;
    let nearest: Vec<f64> = (0..matrix.rows)
        .map(|row| {
            let point = matrix.row(row);
            let mut nearest = f64::INFINITY;
            for centroid in centroids.chunks_exact(columns.max(1)) {
                let distance = squared_distance(point, centroid);
                if distance < nearest {
                    nearest = distance;
                }
            }
            nearest
        })
        .collect();
    let chosen = draw_in_proportion(&nearest, random);
    let mut centres = Vec::with_capacity(centroids.len() + columns);
    centres.extend_from_slice(centroids);
    centres.extend_from_slice(matrix.row(chosen));
    centres
}

/// The elbow chart: [`elbow_point`] for each k in `k_values` in turn, each k started from the
/// clusters of the one before. Values of k outside `1..=rows` are skipped, since k-means would
/// clamp them to a k already listed; with no rows the result is empty.
pub fn elbow(
    standardised: &FeatureMatrix,
    k_values: std::ops::RangeInclusive<usize>,
    seed: u64,
) -> Vec<ElbowPoint> {
    let distances = SampleDistances::new(standardised, SILHOUETTE_SAMPLE);
    let mut previous: Option<Clustering> = None;
    let mut points = Vec::new();
    for k in k_values {
        if let Some((point, clustering)) =
            elbow_point(standardised, k, seed, previous.as_ref(), &distances)
        {
            points.push(point);
            previous = Some(clustering);
        }
    }
    points
}

/// The k with the highest silhouette; on a tie the smaller k, which is the simpler story to tell.
/// `None` when no point has a silhouette.
pub fn suggested_k(points: &[ElbowPoint]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for point in points {
        let Some(score) = point.silhouette else {
            continue;
        };
        let better = match best {
            None => true,
            Some((best_k, best_score)) => {
                score > best_score || (score == best_score && point.k < best_k)
            }
        };
        if better {
            best = Some((point.k, score));
        }
    }
    best.map(|(k, _)| k)
}

/// How far a cluster's centroid stands from the average customer on one feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// z ≤ -1.
    VeryLow,
    /// -1 < z ≤ -0.4.
    Low,
    /// 0.4 ≤ z < 1.
    High,
    /// z ≥ 1.
    VeryHigh,
}

impl Level {
    /// The level of a standardised value; `None` when |z| < 0.4, too close to average to
    /// describe a cluster by.
    pub fn of(z: f64) -> Option<Level> {
        if z <= -1.0 {
            Some(Level::VeryLow)
        } else if z <= -0.4 {
            Some(Level::Low)
        } else if z >= 1.0 {
            Some(Level::VeryHigh)
        } else if z >= 0.4 {
            Some(Level::High)
        } else {
            None
        }
    }
}

/// A feature on which a cluster differs from the average customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distinction {
    /// The feature's column in the matrix.
    pub feature: usize,
    /// The centroid's standardised value on that feature.
    pub z: f64,
    pub level: Level,
}

/// The facts the UI words into a sentence about one cluster, in either language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterProfile {
    pub cluster: usize,
    pub size: usize,
    /// The cluster's share of all rows, in `0..=1`.
    pub share: f64,
    /// At most [`MAXIMUM_DISTINCTIONS`], by |z| descending, ties by feature index.
    pub distinctions: Vec<Distinction>,
    /// The centroid mapped back through the standardisation (mean + z × deviation per feature).
    pub centroid_original_units: Vec<f64>,
}

/// Describes every cluster by its most distinctive features, from the centroids in standardised
/// units, plus its size, share and centroid in the original units.
pub fn profile_clusters(
    clustering: &Clustering,
    standardisation: &Standardisation,
) -> Vec<ClusterProfile> {
    let columns = clustering.centroids.columns;
    assert_eq!(
        standardisation.means.len(),
        columns,
        "the standardisation must describe the clustered features"
    );
    let total: usize = clustering.sizes.iter().sum();
    (0..clustering.k)
        .map(|cluster| {
            let centroid = clustering.centroids.row(cluster);
            let mut distinctions: Vec<Distinction> = centroid
                .iter()
                .enumerate()
                .filter_map(|(feature, &z)| {
                    Level::of(z).map(|level| Distinction { feature, z, level })
                })
                .collect();
            // A stable sort keeps equal |z| in feature order, as listed above.
            distinctions.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
            distinctions.truncate(MAXIMUM_DISTINCTIONS);
            let size = clustering.sizes[cluster];
            ClusterProfile {
                cluster,
                size,
                share: if total == 0 {
                    0.0
                } else {
                    size as f64 / total as f64
                },
                distinctions,
                centroid_original_units: centroid
                    .iter()
                    .enumerate()
                    .map(|(feature, &z)| standardisation.original_value(feature, z))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_cluster_is_reseeded_with_the_farthest_row() {
        // Values 0 1 9 10 from centres 0, 1 and 100. Pass 1: {0}, {1, 9, 10}, {} — the third
        // centre is empty; the second moves to 20/3, and the row farthest from its centroid is
        // 1 (squared distance 289/9, against 49/9 for 9 and 100/9 for 10), so the empty centre
        // moves onto 1. Pass 2: {0}, {9, 10}, {1}. Pass 3 changes nothing. Renumbered largest
        // first: {9, 10} mean 9.5, then {0} (first row 0), then {1}; inertia 0.5² × 2 = 0.5.
        let matrix = FeatureMatrix::new(4, 1, vec![0.0, 1.0, 9.0, 10.0]);
        let clustering = lloyd(&matrix, 3, vec![0.0, 1.0, 100.0]);
        assert_eq!(clustering.assignments, vec![1, 2, 0, 0]);
        assert_eq!(clustering.centroids.values, vec![9.5, 0.0, 1.0]);
        assert_eq!(clustering.sizes, vec![2, 1, 1]);
        assert_eq!(clustering.inertia, 0.5);
        assert_eq!(clustering.iterations, 3);
    }

    #[test]
    fn the_best_start_is_the_earliest_lowest_of_the_replayed_stream() {
        // Replays the starts by hand from one stream and checks that k_means_with_starts keeps
        // exactly the earliest of those with the lowest inertia, bit for bit, and that no start
        // of the stream beats it. Six blobs at 4 on their own feature, so some starts merge two.
        let mut data = Random::new(2026);
        let rows = 600;
        let mut values = Vec::with_capacity(rows * 6);
        for row in 0..rows {
            let blob = row % 6;
            for feature in 0..6 {
                let centre = if feature == blob { 4.0 } else { 0.0 };
                values.push(centre + data.unit() + data.unit() + data.unit() - 1.5);
            }
        }
        let (matrix, _) = standardise(&FeatureMatrix::new(rows, 6, values));
        let mut kept_a_later_start = false;
        for seed in 0..20 {
            let mut random = Random::new(seed);
            let singles: Vec<Clustering> = (0..STARTS)
                .map(|_| lloyd(&matrix, 6, initial_centres(&matrix, 6, &mut random)))
                .collect();
            let best = k_means(&matrix, 6, seed);
            let lowest = singles
                .iter()
                .map(|single| single.inertia)
                .fold(f64::INFINITY, f64::min);
            let earliest = singles
                .iter()
                .position(|single| single.inertia == lowest)
                .unwrap();
            assert_eq!(best, singles[earliest], "seed {seed}");
            assert!(
                singles.iter().all(|single| best.inertia <= single.inertia),
                "seed {seed}"
            );
            kept_a_later_start |= earliest > 0;
        }
        // Otherwise the data would not tell several starts from one.
        assert!(kept_a_later_start);
    }

    #[test]
    fn a_row_changes_cluster_only_for_a_strictly_nearer_centroid() {
        // Rows 0 and 2; centroids 1, 1 and 5. Row 0 sits in cluster 1 and row 2 in cluster 0:
        // both are 1 away from clusters 0 and 1 alike, so each keeps its own.
        let data = [0.0, 2.0];
        let mut assignments = vec![1, 0];
        let changed = assign_to_nearest(&data, 1, &[1.0, 1.0, 5.0], &mut assignments);
        assert_eq!((changed, assignments.clone()), (0, vec![1, 0]));
        // Centroids 0.5, 1 and 0.5: row 0 (own distance 1) has clusters 0 and 2 strictly nearer,
        // both at 0.25, and takes the lower number; row 2 (own distance 2.25) has cluster 1 at 1
        // strictly nearer, and cluster 2 only as near as its own.
        let changed = assign_to_nearest(&data, 1, &[0.5, 1.0, 0.5], &mut assignments);
        assert_eq!((changed, assignments), (2, vec![0, 1]));
        // On the first pass no row has a cluster yet: ties go to the lowest number.
        let mut assignments = vec![u32::MAX; 2];
        let changed = assign_to_nearest(&data, 1, &[1.0, 1.0, 5.0], &mut assignments);
        assert_eq!((changed, assignments), (2, vec![0, 0]));
    }

    #[test]
    fn the_mean_of_identical_rows_is_that_row() {
        // The plain mean is one rounding step off: 0.1 + 0.1 + 0.1 = 0.30000000000000004.
        assert_ne!((0.1 + 0.1 + 0.1) / 3.0, 0.1);
        let data = [0.1, 0.1, 0.1, 0.7, 0.7, 0.7];
        let mut centroids = vec![0.0, 0.0];
        let mut counts = vec![0; 2];
        move_centroids_to_means(
            &data,
            1,
            &[0, 0, 0, 1, 1, 1],
            &mut centroids,
            &mut [0.0; 2],
            &mut counts,
        );
        assert_eq!(centroids, vec![0.1, 0.7]);
        assert_eq!(counts, vec![3, 3]);
    }
}
