//! Clustering of customers by numeric features: standardisation, k-means, silhouette, the elbow and cluster profiles.
//!
//! Everything here is deterministic: the same features and seed give the same clusters, bit for
//! bit, natively and in wasm32. That holds because the only floating-point operations used are
//! `+`, `-`, `*`, `/` and `sqrt`, which IEEE 754 rounds exactly the same way everywhere, every sum
//! runs in a fixed order, and the only randomness is the seeded [`Random`].
//!
//! Feature values must be finite numbers; the caller decides how to fill gaps before clustering.

use serde::{Deserialize, Serialize};

use crate::domain::demo::Random;

/// Lloyd's iterations stop here even if some assignments still change, so a run always ends.
pub const MAXIMUM_ITERATIONS: usize = 100;

/// How many k-means++ starts [`k_means`] tries, keeping the one with the lowest inertia. A single
/// start settles in a poor local optimum (two groups merged, another split) for about a third of
/// seeds on six well-separated groups; the best of five rarely does.
pub const STARTS: usize = 5;

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
}

/// Squared Euclidean distance; kept as a plain sequential loop so the sum's order is fixed.
#[inline]
fn squared_distance(first: &[f64], second: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (a, b) in first.iter().zip(second) {
        let difference = a - b;
        sum += difference * difference;
    }
    sum
}

/// Groups the rows into `k` clusters with k-means: the best of [`STARTS`] k-means++ starts, each
/// followed by Lloyd's iterations. See [`k_means_with_starts`], which this calls.
pub fn k_means(standardised: &FeatureMatrix, k: usize, seed: u64) -> Clustering {
    k_means_with_starts(standardised, k, seed, STARTS)
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
/// * Lloyd's iterations alternate assigning each row to its nearest centroid (ties go to the
///   lowest cluster number) and moving each centroid to the mean of its rows, until no assignment
///   changes or after [`MAXIMUM_ITERATIONS`] passes.
/// * A cluster left empty is re-seeded with the row farthest from its own centroid (ties: the
///   lowest row), so no randomness is needed there. A cluster can only stay empty when the data
///   has fewer distinct rows than k.
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
        };
    }
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
    best
}

/// Passes each start gets in [`k_means_screened`] before the best one is run to convergence.
pub const SCREENING_ITERATIONS: usize = 8;

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
    let k = k.clamp(1, rows);
    let mut random = Random::new(seed);
    let mut best: Option<Clustering> = None;
    for _ in 0..starts {
        let centres = initial_centres(standardised, k, &mut random);
        let candidate = lloyd_at_most(standardised, k, centres, SCREENING_ITERATIONS);
        if best
            .as_ref()
            .is_none_or(|best| candidate.inertia < best.inertia)
        {
            best = Some(candidate);
        }
    }
    let screened = best.expect("at least one start");
    if screened.iterations < SCREENING_ITERATIONS {
        // It converged while being screened: nothing left to run.
        return screened;
    }
    let mut finished = lloyd_at_most(
        standardised,
        k,
        screened.centroids.values.clone(),
        MAXIMUM_ITERATIONS - SCREENING_ITERATIONS,
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
        let changed = assign_to_nearest(
            data,
            columns,
            &centroids,
            k,
            &mut assignments,
            &mut distances,
        );
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
        let mut total = 0.0;
        for &distance in &nearest {
            total += distance;
        }
        let chosen = if total > 0.0 {
            let threshold = random.unit() * total;
            let mut cumulative = 0.0;
            let mut chosen = None;
            let mut last_positive = 0;
            for (row, &distance) in nearest.iter().enumerate() {
                if distance > 0.0 {
                    last_positive = row;
                }
                cumulative += distance;
                if cumulative > threshold {
                    chosen = Some(row);
                    break;
                }
            }
            // Rounding can leave the threshold at the very end of the cumulative sum; the last
            // row with a positive distance is then the one the draw meant.
            chosen.unwrap_or(last_positive)
        } else {
            random.below(rows)
        };
        let centre = matrix.row(chosen);
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

/// Assigns every row to its nearest centroid (ties to the lowest cluster), records that squared
/// distance, and returns how many rows changed cluster.
fn assign_to_nearest(
    data: &[f64],
    columns: usize,
    centroids: &[f64],
    k: usize,
    assignments: &mut [u32],
    distances: &mut [f64],
) -> usize {
    let mut changed = 0;
    for (row, (assignment, distance)) in
        assignments.iter_mut().zip(distances.iter_mut()).enumerate()
    {
        let point = &data[row * columns..(row + 1) * columns];
        let mut best_cluster = 0u32;
        let mut best_distance = squared_distance(point, &centroids[..columns]);
        for cluster in 1..k {
            let candidate = squared_distance(
                point,
                &centroids[cluster * columns..(cluster + 1) * columns],
            );
            // Strictly less: on a tie the lower cluster number, found first, keeps the row.
            if candidate < best_distance {
                best_distance = candidate;
                best_cluster = cluster as u32;
            }
        }
        if *assignment != best_cluster {
            *assignment = best_cluster;
            changed += 1;
        }
        *distance = best_distance;
    }
    changed
}

/// Moves each non-empty cluster's centroid to the mean of its rows; an empty cluster keeps its
/// centroid. Leaves the cluster sizes in `counts`.
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
    // The distances from the assignment pass were to the old centroids; this is rare enough that
    // measuring again against the moved ones costs nothing that matters.
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

/// The mean silhouette coefficient (Rousseeuw, 1987) of a clustering, in `-1..=1`; higher means
/// tighter, better separated clusters.
///
/// For each row, `a` is its mean Euclidean distance to the other rows of its own cluster and `b`
/// the smallest mean distance to the rows of another cluster; its coefficient is
/// `(b - a) / max(a, b)`, 0 for a row alone in its cluster (and 0 when both are 0).
///
/// Sampling: the exact coefficient costs one distance per pair of rows. When `rows` is at most
/// `sample_limit` every row is used. Otherwise a deterministic, evenly spaced sample is used:
/// rows `0, s, 2s, …` with step `s = rows / sample_limit` (integer division), `sample_limit` rows
/// in all — and both `a` and `b` are computed against the sample only, so "alone in its cluster"
/// means alone among the sampled rows. No randomness is involved: the same input gives the same
/// number.
///
/// `None` when the clustering has fewer than 2 clusters, fewer than 2 rows are used, or the rows
/// used all fall in one cluster (`b` would be undefined).
pub fn silhouette(
    standardised: &FeatureMatrix,
    clustering: &Clustering,
    sample_limit: usize,
) -> Option<f64> {
    let rows = standardised.rows;
    let columns = standardised.columns;
    assert_eq!(
        clustering.assignments.len(),
        rows,
        "the clustering must have one assignment per row"
    );
    let k = clustering.k;
    if k < 2 || rows < 2 {
        return None;
    }
    let (step, used) = if rows <= sample_limit {
        (1, rows)
    } else {
        (rows / sample_limit.max(1), sample_limit)
    };
    if used < 2 {
        return None;
    }
    // Gather the rows used into one contiguous block so the pair loop reads memory in order.
    let mut points = Vec::with_capacity(used * columns);
    let mut labels = Vec::with_capacity(used);
    let mut members = vec![0usize; k];
    for index in 0..used {
        let row = index * step;
        points.extend_from_slice(standardised.row(row));
        let label = clustering.assignments[row] as usize;
        labels.push(label);
        members[label] += 1;
    }
    if members.iter().filter(|&&count| count > 0).count() < 2 {
        return None;
    }
    // distance_sums[i * k + c]: the sum of distances from used row i to the used rows of cluster c.
    // Each pair is measured once and added to both ends, halving the square roots.
    let mut distance_sums = vec![0.0f64; used * k];
    for i in 0..used {
        let point = &points[i * columns..(i + 1) * columns];
        let label_i = labels[i];
        for j in i + 1..used {
            let distance = squared_distance(point, &points[j * columns..(j + 1) * columns]).sqrt();
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
}

/// Runs [`k_means_screened`] for each k in `k_values` (same seed and `starts` each time) and
/// reports its inertia and [`silhouette`] (with `silhouette_sample` as the sample limit), for the
/// elbow chart. Fewer starts than [`STARTS`] keep the chart quick, since it runs k-means once per
/// k; a k that lands in a poor optimum shows as a bump in the inertia curve.
///
/// Values of k outside `1..=rows` are skipped, since k-means would clamp them to a k already
/// listed; with no rows the result is empty.
pub fn elbow(
    standardised: &FeatureMatrix,
    k_values: std::ops::RangeInclusive<usize>,
    seed: u64,
    silhouette_sample: usize,
    starts: usize,
) -> Vec<ElbowPoint> {
    let rows = standardised.rows;
    k_values
        .filter(|&k| k >= 1 && k <= rows)
        .map(|k| {
            let clustering = k_means_screened(standardised, k, seed, starts);
            ElbowPoint {
                k,
                inertia: clustering.inertia,
                silhouette: silhouette(standardised, &clustering, silhouette_sample),
            }
        })
        .collect()
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
}
