//! Native tests of customer clustering: standardisation, k-means, silhouette, the elbow and profiles, against hand-computed answers.

use omnirx_core::domain::demo::Random;
use omnirx_core::domain::segmentation::clusters::*;

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-12,
        "expected {expected}, got {actual}"
    );
}

fn column(values: &[f64]) -> FeatureMatrix {
    FeatureMatrix::new(values.len(), 1, values.to_vec())
}

/// Points spread around `centres` with a spread of about ±0.5, `per_blob` each, blob after blob.
fn blobs(centres: &[&[f64]], per_blob: usize, seed: u64) -> FeatureMatrix {
    let columns = centres[0].len();
    let mut random = Random::new(seed);
    let mut values = Vec::new();
    for centre in centres {
        for _ in 0..per_blob {
            for &coordinate in *centre {
                values.push(coordinate + random.unit() - 0.5);
            }
        }
    }
    FeatureMatrix::new(centres.len() * per_blob, columns, values)
}

fn three_blobs() -> FeatureMatrix {
    blobs(&[&[0.0, 0.0], &[10.0, 0.0], &[0.0, 10.0]], 20, 3)
}

/// The bench's customers (`benches/clusters.rs`): six blobs of unequal sizes, blob b at 4 on
/// feature b and 0 elsewhere, noise a sum of three uniform draws; standardised, with each row's blob.
fn bench_like_customers(rows: usize, seed: u64) -> (FeatureMatrix, Vec<usize>) {
    let mut random = Random::new(seed);
    let weights = [0.30, 0.22, 0.18, 0.14, 0.10, 0.06];
    let mut values = Vec::with_capacity(rows * 6);
    let mut truth = Vec::with_capacity(rows);
    for _ in 0..rows {
        let blob = random.weighted(&weights);
        truth.push(blob);
        for feature in 0..6 {
            let centre = if feature == blob { 4.0 } else { 0.0 };
            values.push(centre + random.unit() + random.unit() + random.unit() - 1.5);
        }
    }
    let (standardised, _) = standardise(&FeatureMatrix::new(rows, 6, values));
    (standardised, truth)
}

/// Whether the clusters are exactly the blobs: every cluster holds the rows of one blob, all of them.
fn finds_the_blobs(clustering: &Clustering, truth: &[usize]) -> bool {
    let mut blob_of_cluster = vec![None; clustering.k];
    let mut cluster_of_blob = [None; 6];
    for (&cluster, &blob) in clustering.assignments.iter().zip(truth) {
        let cluster = cluster as usize;
        if *blob_of_cluster[cluster].get_or_insert(blob) != blob
            || *cluster_of_blob[blob].get_or_insert(cluster) != cluster
        {
            return false;
        }
    }
    true
}

#[test]
fn a_feature_matrix_gives_rows_by_index() {
    let matrix = FeatureMatrix::new(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(matrix.row(0), &[1.0, 2.0, 3.0]);
    assert_eq!(matrix.row(1), &[4.0, 5.0, 6.0]);
}

#[test]
#[should_panic]
fn a_feature_matrix_refuses_a_ragged_value_list() {
    FeatureMatrix::new(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
}

#[test]
fn standardise_uses_means_and_population_deviations_and_zeroes_a_constant_column() {
    // Column 0: 2 4 4 4 5 5 7 9 — mean 40 / 8 = 5; squared differences 9 1 1 1 0 0 4 16 sum to 32,
    //   so the population variance is 32 / 8 = 4 and the deviation 2; z = (x − 5) / 2.
    // Column 1: 0.1 everywhere — constant, deviation 0, z = 0 (and the mean is exactly 0.1 even
    //   though 0.1 × 8 / 8 would round differently).
    // Column 2: four 0 then four 10 — mean 5, every squared difference 25, deviation 5, z = ±1.
    let raw = [
        [2.0, 0.1, 0.0],
        [4.0, 0.1, 0.0],
        [4.0, 0.1, 0.0],
        [4.0, 0.1, 0.0],
        [5.0, 0.1, 10.0],
        [5.0, 0.1, 10.0],
        [7.0, 0.1, 10.0],
        [9.0, 0.1, 10.0],
    ];
    let matrix = FeatureMatrix::new(8, 3, raw.iter().flatten().copied().collect());
    let (standardised, standardisation) = standardise(&matrix);
    assert_eq!(standardisation.means, vec![5.0, 0.1, 5.0]);
    assert_eq!(standardisation.deviations, vec![2.0, 0.0, 5.0]);
    assert_eq!((standardised.rows, standardised.columns), (8, 3));
    let expected_first = [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0];
    let expected_third = [-1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0];
    for row in 0..8 {
        assert_eq!(
            standardised.row(row),
            &[expected_first[row], 0.0, expected_third[row]],
            "row {row}"
        );
    }
    // Mapping back gives the original values.
    assert_eq!(standardisation.original_value(0, -1.5), 2.0);
    assert_eq!(standardisation.original_value(1, 0.0), 0.1);
    assert_eq!(standardisation.original_value(2, 1.0), 10.0);
}

#[test]
fn standardise_of_no_rows_is_empty() {
    let (standardised, standardisation) = standardise(&FeatureMatrix::new(0, 2, vec![]));
    assert_eq!(standardised, FeatureMatrix::new(0, 2, vec![]));
    assert_eq!(standardisation.means, vec![0.0, 0.0]);
    assert_eq!(standardisation.deviations, vec![0.0, 0.0]);
}

#[test]
fn k_means_separates_two_obvious_groups() {
    // Rows 0–3: the corners of the square [0, 2]² — centroid (1, 1), each corner 1² + 1² = 2 away
    // squared, 8 in all. Rows 4–8: the corners of [10, 12]² and its centre — centroid
    // (55 / 5, 55 / 5) = (11, 11), corners 2 each and the centre 0, 8 in all. Inertia 16.
    // The second group is larger, so it is cluster 0.
    let points = [
        [0.0, 0.0],
        [0.0, 2.0],
        [2.0, 0.0],
        [2.0, 2.0],
        [10.0, 10.0],
        [10.0, 12.0],
        [12.0, 10.0],
        [12.0, 12.0],
        [11.0, 11.0],
    ];
    let matrix = FeatureMatrix::new(9, 2, points.iter().flatten().copied().collect());
    let clustering = k_means(&matrix, 2, 0);
    assert_eq!(clustering.k, 2);
    assert_eq!(clustering.assignments, vec![1, 1, 1, 1, 0, 0, 0, 0, 0]);
    assert_eq!(
        clustering.centroids,
        FeatureMatrix::new(2, 2, vec![11.0, 11.0, 1.0, 1.0])
    );
    assert_eq!(clustering.sizes, vec![5, 4]);
    assert_eq!(clustering.inertia, 16.0);
    // With seed 0 one centre starts in each group, so the first pass finds the groups and the
    // second confirms that nothing moves.
    assert_eq!(clustering.iterations, 2);

    // Seed 7's first start draws both starting centres from one group (k-means++ allows it with
    // a probability of about 1%, the within-group share of the squared distances); Lloyd's passes
    // still move a centre across and end at the same clusters, one pass later.
    let unlucky = k_means_with_starts(&matrix, 2, 7, 1);
    assert_eq!(unlucky.iterations, 3);
    assert_eq!(
        Clustering {
            iterations: 2,
            ..unlucky.clone()
        },
        clustering
    );
    // Every later start finds the same partition, so the same inertia: the tie keeps the first
    // start, iterations and all.
    assert_eq!(k_means(&matrix, 2, 7), unlucky);

    // Standardising first changes the units, not the partition.
    let (standardised, _) = standardise(&matrix);
    assert_eq!(
        k_means(&standardised, 2, 0).assignments,
        clustering.assignments
    );
}

#[test]
fn the_same_seed_gives_the_same_clustering_and_other_seeds_the_same_partition() {
    let (standardised, _) = standardise(&three_blobs());
    let first = k_means(&standardised, 3, 42);
    let second = k_means(&standardised, 3, 42);
    assert_eq!(first, second);
    assert_eq!(first.inertia.to_bits(), second.inertia.to_bits());
    let expected: Vec<u32> = [0u32, 1, 2]
        .iter()
        .flat_map(|&cluster| std::iter::repeat_n(cluster, 20))
        .collect();
    // Equal sizes are ordered by first row, so blob after blob gives clusters 0, 1, 2.
    assert_eq!(first.assignments, expected);
    for seed in 0..25 {
        let other = k_means(&standardised, 3, seed);
        assert_eq!(other.assignments, expected, "seed {seed}");
        assert_eq!(other.sizes, vec![20, 20, 20]);
    }
}

#[test]
fn k_is_clamped_to_the_number_of_rows() {
    // Three rows and k = 5: three clusters of one row each, every row on its centroid.
    let matrix = column(&[3.0, 1.0, 2.0]);
    let clustering = k_means(&matrix, 5, 1);
    assert_eq!(clustering.k, 3);
    assert_eq!(clustering.sizes, vec![1, 1, 1]);
    // Equal sizes: numbered by first row.
    assert_eq!(clustering.assignments, vec![0, 1, 2]);
    assert_eq!(clustering.centroids, column(&[3.0, 1.0, 2.0]));
    assert_eq!(clustering.inertia, 0.0);
    // Three distinct points cannot fill the five clusters asked for.
    assert_eq!(clustering.distinct_points, Some(3));
    // Every row is alone in its cluster, and such a row scores 0.
    assert_eq!(silhouette(&matrix, &clustering, 100), Some(0.0));

    // k = 0 means one cluster: the mean of 3, 1 and 2 is 2; squared distances 1 + 1 + 0.
    let one = k_means(&matrix, 0, 1);
    assert_eq!(one.k, 1);
    assert_eq!(one.assignments, vec![0, 0, 0]);
    assert_eq!(one.centroids, column(&[2.0]));
    assert_eq!(one.inertia, 2.0);
    assert_eq!(one.distinct_points, None);
}

#[test]
fn no_rows_give_an_empty_clustering() {
    let matrix = FeatureMatrix::new(0, 4, vec![]);
    let clustering = k_means(&matrix, 3, 9);
    assert_eq!(
        clustering,
        Clustering {
            k: 0,
            assignments: vec![],
            centroids: FeatureMatrix::new(0, 4, vec![]),
            sizes: vec![],
            inertia: 0.0,
            iterations: 0,
            distinct_points: None,
        }
    );
    assert_eq!(silhouette(&matrix, &clustering, 10), None);
    assert!(elbow(&matrix, 1..=5, 9).is_empty());
    assert_eq!(k_means_with_starts(&matrix, 3, 9, 0), clustering);
    let (_, standardisation) = standardise(&matrix);
    assert!(profile_clusters(&clustering, &standardisation).is_empty());
}

#[test]
fn fewer_distinct_rows_than_k_leave_an_empty_cluster_last() {
    // Only two distinct values: the third centre can only repeat one of them, loses the first
    // pass's tie to the lower cluster number, and stays empty; it is numbered last.
    let matrix = column(&[0.0, 0.0, 0.0, 10.0]);
    for seed in 0..10 {
        let clustering = k_means(&matrix, 3, seed);
        assert_eq!(clustering.k, 3);
        assert_eq!(clustering.sizes, vec![3, 1, 0], "seed {seed}");
        assert_eq!(clustering.assignments, vec![0, 0, 0, 1]);
        assert_eq!(clustering.centroids.row(0), &[0.0]);
        assert_eq!(clustering.centroids.row(1), &[10.0]);
        assert_eq!(clustering.inertia, 0.0);
        assert_eq!(clustering.distinct_points, Some(2));
    }
    assert_eq!(k_means(&matrix, 2, 0).distinct_points, None);
}

#[test]
fn silhouette_of_four_points_on_a_line() {
    // Points 0, 1, 4, 5 in clusters {0, 1} and {4, 5}.
    //   point 0: a = |0 − 1| = 1, b = (4 + 5) / 2 = 4.5, s = (4.5 − 1) / 4.5 = 7/9
    //   point 1: a = 1,           b = (3 + 4) / 2 = 3.5, s = (3.5 − 1) / 3.5 = 5/7
    //   points 5 and 4 mirror points 0 and 1.
    // Mean: (7/9 + 5/7 + 5/7 + 7/9) / 4 = (7/9 + 5/7) / 2 = (49 + 45) / 126 = 47/63.
    let matrix = column(&[0.0, 1.0, 4.0, 5.0]);
    let clustering = k_means(&matrix, 2, 5);
    assert_eq!(clustering.assignments, vec![0, 0, 1, 1]);
    assert_close(silhouette(&matrix, &clustering, 4).unwrap(), 47.0 / 63.0);
    assert_close(
        silhouette(&matrix, &clustering, 1_000).unwrap(),
        47.0 / 63.0,
    );
}

#[test]
fn silhouette_over_an_evenly_spaced_sample() {
    // Every value twice: 0 0 1 1 4 4 5 5, clusters {0, 0, 1, 1} and {4, 4, 5, 5}.
    // Exact (8 rows ≤ limit):
    //   a 0: a = (0 + 1 + 1) / 3 = 2/3, b = (4 + 4 + 5 + 5) / 4 = 4.5, s = 1 − (2/3) / 4.5 = 23/27
    //   a 1: a = (1 + 1 + 0) / 3 = 2/3, b = (3 + 3 + 4 + 4) / 4 = 3.5, s = 1 − (2/3) / 3.5 = 17/21
    //   mean (23/27 + 17/21) / 2 = (161 + 153) / 378 = 157/189.
    // Sampled with limit 4: rows ⌊i × 8 / 4⌋ = 0, 2, 4, 6 = values 0, 1, 4, 5, which is the
    // four-point line above: 47/63, with a and b measured within the sample only.
    let matrix = column(&[0.0, 0.0, 1.0, 1.0, 4.0, 4.0, 5.0, 5.0]);
    let clustering = k_means(&matrix, 2, 11);
    assert_eq!(clustering.assignments, vec![0, 0, 0, 0, 1, 1, 1, 1]);
    assert_close(silhouette(&matrix, &clustering, 8).unwrap(), 157.0 / 189.0);
    assert_close(silhouette(&matrix, &clustering, 4).unwrap(), 47.0 / 63.0);
    // Limit 3: rows ⌊i × 8 / 3⌋ = 0, 2, 5 = values 0, 1 | 4.
    //   point 0: a = 1, b = 4, s = 3/4; point 1: a = 1, b = 3, s = 2/3; point 4: alone, s = 0.
    //   mean (3/4 + 2/3 + 0) / 3 = 17/36.
    assert_close(silhouette(&matrix, &clustering, 3).unwrap(), 17.0 / 36.0);
    // Limit 1 leaves too few rows to compare.
    assert_eq!(silhouette(&matrix, &clustering, 1), None);
}

#[test]
fn silhouette_is_undefined_for_a_single_cluster_or_a_single_row() {
    let matrix = column(&[0.0, 1.0, 4.0, 5.0]);
    assert_eq!(silhouette(&matrix, &k_means(&matrix, 1, 0), 100), None);
    let single = column(&[2.0]);
    assert_eq!(silhouette(&single, &k_means(&single, 2, 0), 100), None);
    // Values 0 1 2 3 | 10 11 with limit 2: rows ⌊i × 6 / 2⌋ = 0 and 3 hold values 0 and 3,
    // both in cluster 0, so no row of the sample has another cluster to compare with.
    let matrix = column(&[0.0, 1.0, 2.0, 3.0, 10.0, 11.0]);
    let clustering = k_means(&matrix, 2, 0);
    assert_eq!(clustering.assignments, vec![0, 0, 0, 0, 1, 1]);
    assert_eq!(silhouette(&matrix, &clustering, 2), None);
}

#[test]
fn elbow_inertia_never_rises_and_the_suggested_k_is_the_true_one() {
    let (standardised, _) = standardise(&three_blobs());
    let points = elbow(&standardised, 1..=8, 42);
    assert_eq!(
        points.iter().map(|point| point.k).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    assert_eq!(points[0].silhouette, None);
    assert!(points[1..].iter().all(|point| point.silhouette.is_some()));
    for pair in points.windows(2) {
        assert!(
            pair[1].inertia <= pair[0].inertia,
            "inertia rose from k = {} to k = {}: {points:?}",
            pair[0].k,
            pair[1].k
        );
    }
    // One cluster's inertia is the total sum of squares: 60 rows × 2 standardised features, each
    // with population variance 1.
    assert_close(points[0].inertia, 120.0);
    assert_eq!(suggested_k(&points), Some(3));
    // The range is cut to 1..=rows.
    let small = column(&[0.0, 1.0, 4.0, 5.0]);
    let ks: Vec<usize> = elbow(&small, 0..=9, 1)
        .iter()
        .map(|point| point.k)
        .collect();
    assert_eq!(ks, vec![1, 2, 3, 4]);
}

#[test]
fn suggested_k_takes_the_best_silhouette_and_the_smaller_k_on_a_tie() {
    let point = |k, silhouette| ElbowPoint {
        k,
        inertia: 0.0,
        silhouette,
        rise: None,
    };
    assert_eq!(
        suggested_k(&[
            point(1, None),
            point(2, Some(0.5)),
            point(3, Some(0.7)),
            point(4, Some(0.6))
        ]),
        Some(3)
    );
    // A tie goes to the smaller k, whatever the order of the list.
    assert_eq!(
        suggested_k(&[
            point(5, Some(0.7)),
            point(3, Some(0.7)),
            point(2, Some(0.1))
        ]),
        Some(3)
    );
    assert_eq!(suggested_k(&[point(1, None)]), None);
    assert_eq!(suggested_k(&[]), None);
}

#[test]
fn levels_follow_the_thresholds() {
    let cases = [
        (-3.0, Some(Level::VeryLow)),
        (-1.0, Some(Level::VeryLow)),
        (-0.99, Some(Level::Low)),
        (-0.4, Some(Level::Low)),
        (-0.39, None),
        (0.0, None),
        (0.39, None),
        (0.4, Some(Level::High)),
        (0.99, Some(Level::High)),
        (1.0, Some(Level::VeryHigh)),
        (2.5, Some(Level::VeryHigh)),
    ];
    for (z, level) in cases {
        assert_eq!(Level::of(z), level, "z = {z}");
    }
}

#[test]
fn profiles_list_the_three_most_distinctive_features_in_order() {
    let clustering = Clustering {
        k: 2,
        assignments: [vec![0; 6], vec![1; 4]].concat(),
        centroids: FeatureMatrix::new(
            2,
            6,
            vec![
                0.2, -1.5, 0.7, 1.0, -0.4, 0.39, //
                -0.5, 0.5, 0.0, 0.0, 0.0, -0.1,
            ],
        ),
        sizes: vec![6, 4],
        inertia: 0.0,
        iterations: 1,
        distinct_points: None,
    };
    let standardisation = Standardisation {
        means: vec![10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
        deviations: vec![2.0, 0.0, 1.0, 4.0, 5.0, 10.0],
    };
    let profiles = profile_clusters(&clustering, &standardisation);
    assert_eq!(profiles.len(), 2);

    // Cluster 0: |z| 1.5 (feature 1), 1.0 (3), 0.7 (2), 0.4 (4) qualify; only the first three are
    // kept. 0.39 and 0.2 are too close to average.
    let first = &profiles[0];
    assert_eq!((first.cluster, first.size), (0, 6));
    assert_close(first.share, 0.6);
    assert_eq!(
        first.distinctions,
        vec![
            Distinction {
                feature: 1,
                z: -1.5,
                level: Level::VeryLow
            },
            Distinction {
                feature: 3,
                z: 1.0,
                level: Level::VeryHigh
            },
            Distinction {
                feature: 2,
                z: 0.7,
                level: Level::High
            },
        ]
    );
    // mean + z × deviation: 10 + 0.2 × 2, 20 + (−1.5) × 0, 30 + 0.7, 40 + 4, 50 − 2, 60 + 3.9.
    let expected = [10.4, 20.0, 30.7, 44.0, 48.0, 63.9];
    for (actual, expected) in first.centroid_original_units.iter().zip(expected) {
        assert_close(*actual, expected);
    }

    // Cluster 1: |z| 0.5 on features 0 and 1 — a tie, broken by feature index.
    let second = &profiles[1];
    assert_eq!((second.cluster, second.size), (1, 4));
    assert_close(second.share, 0.4);
    assert_eq!(
        second.distinctions,
        vec![
            Distinction {
                feature: 0,
                z: -0.5,
                level: Level::Low
            },
            Distinction {
                feature: 1,
                z: 0.5,
                level: Level::High
            },
        ]
    );
}

#[test]
fn clusters_are_numbered_largest_first_and_equal_sizes_by_first_row() {
    // Rows 0–1 at 0 (two rows), rows 2–6 at 100 (five), rows 7–9 at 50 (three).
    let matrix = column(&[
        0.0, 0.0, 100.0, 100.0, 100.0, 100.0, 100.0, 50.0, 50.0, 50.0,
    ]);
    let clustering = k_means(&matrix, 3, 2);
    assert_eq!(clustering.assignments, vec![2, 2, 0, 0, 0, 0, 0, 1, 1, 1]);
    assert_eq!(clustering.sizes, vec![5, 3, 2]);
    assert_eq!(clustering.centroids, column(&[100.0, 50.0, 0.0]));

    // Two clusters of two rows: the one holding row 0 is cluster 0, whichever value it has.
    let high_first = k_means(&column(&[10.0, 10.0, 0.0, 0.0]), 2, 2);
    assert_eq!(high_first.assignments, vec![0, 0, 1, 1]);
    assert_eq!(high_first.centroids, column(&[10.0, 0.0]));
    let low_first = k_means(&column(&[0.0, 0.0, 10.0, 10.0]), 2, 2);
    assert_eq!(low_first.assignments, vec![0, 0, 1, 1]);
    assert_eq!(low_first.centroids, column(&[0.0, 10.0]));
}

#[test]
fn ten_thousand_rows_by_six_features_run_to_the_end() {
    let mut random = Random::new(2026);
    let rows = 10_000;
    let mut values = Vec::with_capacity(rows * 6);
    for _ in 0..rows {
        let blob = random.below(6);
        for feature in 0..6 {
            let centre = if feature == blob { 4.0 } else { 0.0 };
            values.push(centre + random.unit() + random.unit() + random.unit() - 1.5);
        }
    }
    let (standardised, standardisation) = standardise(&FeatureMatrix::new(rows, 6, values));
    let clustering = k_means(&standardised, 6, 1);
    assert_eq!(clustering.k, 6);
    assert_eq!(clustering.assignments.len(), rows);
    assert_eq!(clustering.sizes.iter().sum::<usize>(), rows);
    assert!(clustering.sizes.windows(2).all(|pair| pair[0] >= pair[1]));
    assert!((1..=MAXIMUM_ITERATIONS).contains(&clustering.iterations));
    let score = silhouette(&standardised, &clustering, 2_000).unwrap();
    assert!((-1.0..=1.0).contains(&score));
    let points = elbow(&standardised, 2..=10, 1);
    assert_eq!(points.len(), 9);
    assert_eq!(profile_clusters(&clustering, &standardisation).len(), 6);
}

#[test]
fn the_best_of_several_starts_never_has_a_higher_inertia_than_fewer_starts() {
    // The starts come one after another from the one stream seeded with `seed`, so n starts
    // begin with the n − 1 starts of a shorter run: the inertia can only fall or stay as starts
    // are added, and the first start alone is the single-start k-means. (The unit test in
    // clusters.rs also replays each start of the stream on its own.)
    let (standardised, _) = bench_like_customers(1_200, 2026);
    for seed in 0..20 {
        let runs: Vec<Clustering> = (1..=STARTS)
            .map(|starts| k_means_with_starts(&standardised, 6, seed, starts))
            .collect();
        for pair in runs.windows(2) {
            assert!(pair[1].inertia <= pair[0].inertia, "seed {seed}");
            // Unless a later start is strictly better, the earlier best is kept, bit for bit.
            if pair[1].inertia == pair[0].inertia {
                assert_eq!(pair[1], pair[0], "seed {seed}");
            }
        }
        assert_eq!(k_means(&standardised, 6, seed), runs[STARTS - 1]);
        assert_eq!(
            k_means_with_starts(&standardised, 6, seed, 0),
            runs[0],
            "no starts means one"
        );
    }
}

#[test]
fn on_the_bench_data_five_starts_find_the_six_blobs_for_every_seed() {
    let (standardised, truth) = bench_like_customers(10_000, 2026);
    let mut single_start_misses = Vec::new();
    for seed in 0..20 {
        let clustering = k_means(&standardised, 6, seed);
        assert!(
            finds_the_blobs(&clustering, &truth),
            "seed {seed}: sizes {:?}, inertia {}",
            clustering.sizes,
            clustering.inertia
        );
        if !finds_the_blobs(&k_means_with_starts(&standardised, 6, seed, 1), &truth) {
            single_start_misses.push(seed);
        }
    }
    // A single start misses for about a third of the seeds (7 of these 20), the reason for the
    // restarts: with one start the assertion above would fail.
    assert!(
        single_start_misses.len() >= 5,
        "single starts missed only for seeds {single_start_misses:?}"
    );
}

#[test]
fn several_starts_stay_deterministic() {
    let (standardised, _) = bench_like_customers(1_200, 7);
    for starts in [1, 3, STARTS] {
        for seed in [0, 1, 42] {
            let first = k_means_with_starts(&standardised, 6, seed, starts);
            let second = k_means_with_starts(&standardised, 6, seed, starts);
            assert_eq!(first, second);
            assert_eq!(first.inertia.to_bits(), second.inertia.to_bits());
            for (a, b) in first.centroids.values.iter().zip(&second.centroids.values) {
                assert_eq!(a.to_bits(), b.to_bits());
            }
        }
    }
    assert_eq!(
        elbow(&standardised, 2..=8, 3),
        elbow(&standardised, 2..=8, 3)
    );
}

#[test]
fn screened_starts_find_the_six_blobs_and_stay_deterministic() {
    let (standardised, truth) = bench_like_customers(10_000, 2026);
    for seed in 0..20 {
        let screened = k_means_screened(&standardised, 6, seed, STARTS);
        assert!(
            finds_the_blobs(&screened, &truth),
            "seed {seed}: sizes {:?}, inertia {}",
            screened.sizes,
            screened.inertia
        );
        assert_eq!(screened, k_means_screened(&standardised, 6, seed, STARTS));
        // The same partition as running every start to the end.
        assert_eq!(
            screened.assignments,
            k_means(&standardised, 6, seed).assignments
        );
    }
    // One start is exactly the plain single-start k-means.
    assert_eq!(
        k_means_screened(&standardised, 6, 3, 1),
        k_means_with_starts(&standardised, 6, 3, 1)
    );
    // Converged clusterings pass no more than the iteration limit in all.
    let clustering = k_means_screened(&standardised, 6, 1, STARTS);
    assert!(clustering.iterations <= MAXIMUM_ITERATIONS);
}

#[test]
fn the_silhouette_sample_spreads_evenly_over_every_row() {
    // Up to the limit, every row.
    assert!(silhouette_sample(2_000, SILHOUETTE_SAMPLE).eq(0..2_000));
    assert!(silhouette_sample(3, SILHOUETTE_SAMPLE).eq(0..3));
    assert_eq!(silhouette_sample(0, SILHOUETTE_SAMPLE).count(), 0);
    // Beyond it, row ⌊i × n / 2,000⌋: from row 0 to within ⌈n / 2,000⌉ rows of the end, in steps
    // of ⌊n / 2,000⌋ or ⌈n / 2,000⌉. At 5,000 rows the last sampled row is 4,997 (a sample taking
    // every second row stopped at 3,998, leaving the last 1,001 rows unseen). The largest size
    // checks that i × n does not overflow.
    for rows in [
        2_001,
        3_999,
        4_000,
        5_000,
        10_000,
        1_000_003,
        usize::MAX / 3,
    ] {
        let sample: Vec<usize> = silhouette_sample(rows, SILHOUETTE_SAMPLE).collect();
        assert_eq!(sample.len(), SILHOUETTE_SAMPLE, "{rows} rows");
        let (short, long) = (rows / SILHOUETTE_SAMPLE, rows.div_ceil(SILHOUETTE_SAMPLE));
        assert_eq!(sample[0], 0);
        assert_eq!(*sample.last().unwrap(), rows - long, "{rows} rows");
        assert!(
            sample
                .windows(2)
                .all(|pair| (short..=long).contains(&(pair[1] - pair[0]))),
            "{rows} rows"
        );
    }
    assert_eq!(
        silhouette_sample(5_000, SILHOUETTE_SAMPLE).last(),
        Some(4_997)
    );
    let halves: Vec<usize> = silhouette_sample(3_999, SILHOUETTE_SAMPLE).collect();
    // 2,000 rows at the start, 1,999 after: ⌊i × 3,999 / 2,000⌋ ≥ 2,000 from i = 1,001.
    assert_eq!(halves.iter().filter(|&&row| row >= 2_000).count(), 999);
}

#[test]
fn the_silhouette_of_3999_rows_in_two_halves_sees_both() {
    // The issue's case: 2,000 rows at 0 then 1,999 at 1, k = 2. Every row sits on the other rows
    // of its cluster (a = 0) and 1 away from the other cluster (b = 1): each coefficient is
    // (1 − 0) / 1 = 1, over all rows and over any sample that holds both values. The evenly
    // spaced sample holds 1,001 rows of the first half and 999 of the second; the first 2,000
    // rows alone, all at 0, gave no silhouette.
    let values: Vec<f64> = (0..3_999)
        .map(|row| if row < 2_000 { 0.0 } else { 1.0 })
        .collect();
    let matrix = column(&values);
    let clustering = k_means(&matrix, 2, 2026);
    assert_eq!(clustering.sizes, vec![2_000, 1_999]);
    assert_eq!(clustering.inertia, 0.0);
    assert_eq!(
        silhouette(&matrix, &clustering, SILHOUETTE_SAMPLE),
        Some(1.0)
    );
    assert_eq!(silhouette(&matrix, &clustering, 3_999), Some(1.0));
    // The elbow chart's k = 2 uses the same sample and says the same.
    assert_eq!(elbow(&matrix, 2..=2, 2026)[0].silhouette, Some(1.0));
}

#[test]
fn the_elbow_silhouettes_follow_the_clusters_view() {
    // The same clusters give the same silhouette in the chart as in the view: exact up to 2,000
    // rows, the same evenly spaced 2,000 beyond.
    for rows in [1_500, 2_500] {
        let (standardised, _) = bench_like_customers(rows, 11);
        let distances = SampleDistances::new(&standardised, SILHOUETTE_SAMPLE);
        for (point, (_, clustering)) in (2..=4).map(|k| {
            let (point, clustering) = elbow_point(&standardised, k, 5, None, &distances).unwrap();
            (point, (k, clustering))
        }) {
            assert_eq!(
                point.silhouette,
                silhouette(&standardised, &clustering, SILHOUETTE_SAMPLE)
            );
            if rows <= SILHOUETTE_SAMPLE {
                assert_eq!(
                    point.silhouette,
                    silhouette(&standardised, &clustering, rows)
                );
            }
        }
    }
}

/// Every way to give each of the `values` one of `k` clusters, and the lowest within-cluster sum
/// of squares among them (clusters may stay empty). Only for a handful of rows.
fn brute_force_inertia(values: &[f64], k: usize) -> f64 {
    let rows = values.len();
    let mut best = f64::INFINITY;
    for code in 0..k.pow(rows as u32) {
        let mut sums = vec![(0.0, 0.0, 0usize); k];
        let mut rest = code;
        for &value in values {
            let cluster = rest % k;
            rest /= k;
            sums[cluster].0 += value;
            sums[cluster].1 += value * value;
            sums[cluster].2 += 1;
        }
        let inertia: f64 = sums
            .iter()
            .filter(|(_, _, count)| *count > 0)
            .map(|&(sum, squares, count)| squares - sum * sum / count as f64)
            .sum();
        best = best.min(inertia);
    }
    best
}

#[test]
fn duplicate_rows_settle_in_a_few_passes() {
    // The issue's case: 0.1 three times and 0.7 three times, k = 3. The mean of three 0.1s is
    // 0.1 exactly and a row leaves its cluster only for a strictly nearer centroid, so the third
    // centre (a copy of one value) stays empty: pass 1 assigns, pass 2 changes nothing. Before,
    // the mean was one rounding step off, the empty cluster was re-seeded onto a 0.1 row, the
    // three rows moved over, the other cluster emptied, and so on for all 100 passes.
    let raw = column(&[0.1, 0.1, 0.1, 0.7, 0.7, 0.7]);
    let (standardised, _) = standardise(&raw);
    // The best of all 3⁶ assignments: two clusters of equal values, inertia 0.
    assert!(brute_force_inertia(&raw.values, 3).abs() < 1e-15);
    for matrix in [&raw, &standardised] {
        for seed in 0..20 {
            for clustering in [
                k_means_with_starts(matrix, 3, seed, 1),
                k_means(matrix, 3, seed),
                k_means_screened(matrix, 3, seed, starts_for(6)),
            ] {
                assert_eq!(clustering.iterations, 2, "seed {seed}");
                assert_eq!(clustering.sizes, vec![3, 3, 0], "seed {seed}");
                assert_eq!(clustering.assignments, vec![0, 0, 0, 1, 1, 1]);
                assert_eq!(clustering.inertia, 0.0);
                assert_eq!(clustering.distinct_points, Some(2));
            }
        }
    }
    // Two clusters fit two distinct points: nothing to say.
    assert_eq!(k_means(&raw, 2, 0).distinct_points, None);
}

/// Adoption stages of `rows` HCPs, most never entering the funnel, as on the `large` demo: five
/// distinct values.
fn adoption_stages(rows: usize, seed: u64) -> FeatureMatrix {
    let mut random = Random::new(seed);
    let weights = [0.55, 0.2, 0.12, 0.08, 0.05];
    column(
        &(0..rows)
            .map(|_| random.weighted(&weights) as f64)
            .collect::<Vec<_>>(),
    )
}

#[test]
fn one_feature_with_five_values_and_k_six_settles_and_says_so() {
    // A user who picks only adoption stage (five distinct values) with the default k = 6: every
    // run used to reach the 100-pass limit; now each start settles within its first passes,
    // the five values make five clusters (inertia 0) and the sixth stays empty.
    let (standardised, _) = standardise(&adoption_stages(10_000, 4));
    for seed in [0, 1, 2026] {
        let clustering = k_means_screened(&standardised, 6, seed, starts_for(10_000));
        assert!(
            clustering.iterations <= 4,
            "{} passes",
            clustering.iterations
        );
        assert_eq!(clustering.inertia, 0.0);
        assert_eq!(clustering.sizes[5], 0);
        assert_eq!(clustering.distinct_points, Some(5));
        assert!(k_means_with_starts(&standardised, 6, seed, 1).iterations <= 4);
    }
    assert_eq!(
        k_means_screened(&standardised, 5, 0, STARTS).distinct_points,
        None
    );
}

/// The exact best k-means of one feature: the best clusters of values on a line are runs of the
/// sorted distinct values, so trying every way to cut the distinct values into k runs is a
/// search over all assignments that matter.
fn best_inertia_on_a_line(values: &[f64], k: usize) -> f64 {
    let mut distinct: Vec<(f64, f64)> = Vec::new(); // (value, count)
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    for value in sorted {
        match distinct.last_mut() {
            Some((last, count)) if *last == value => *count += 1.0,
            _ => distinct.push((value, 1.0)),
        }
    }
    let runs = distinct.len();
    if k >= runs {
        return 0.0;
    }
    let cost = |from: usize, to: usize| {
        let run = &distinct[from..to];
        let count: f64 = run.iter().map(|(_, count)| count).sum();
        let mean = run.iter().map(|(value, count)| value * count).sum::<f64>() / count;
        run.iter()
            .map(|(value, count)| count * (value - mean) * (value - mean))
            .sum::<f64>()
    };
    // Cut after positions given by the bits of `cuts` (k − 1 of the runs − 1 gaps).
    (0u32..1 << (runs - 1))
        .filter(|cuts| cuts.count_ones() as usize == k - 1)
        .map(|cuts| {
            let mut total = 0.0;
            let mut from = 0;
            for gap in 0..runs - 1 {
                if cuts & (1 << gap) != 0 {
                    total += cost(from, gap + 1);
                    from = gap + 1;
                }
            }
            total + cost(from, runs)
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn the_elbow_reaches_the_best_clusters_of_one_feature() {
    // Adoption stage alone on 10,000 HCPs: the 3-start elbow showed k = 3 at 2.83 times the best
    // reachable inertia on `large`. Every point now sits at the exact best (found by trying every
    // way to cut the five values into k runs), and from k = 5 on at 0.
    let (standardised, _) = standardise(&adoption_stages(10_000, 4));
    let points = elbow(&standardised, 2..=10, 2026);
    assert_eq!(points.len(), 9);
    for point in &points {
        let best = best_inertia_on_a_line(&standardised.values, point.k);
        assert!(
            point.inertia <= best * (1.0 + 1e-9) + 1e-9,
            "k = {}: {} against the best {best}",
            point.k,
            point.inertia
        );
        assert_eq!(point.rise, None);
    }
    assert!(points[3..].iter().all(|point| point.inertia == 0.0));
}

/// The issue's elbow case: 20 rows × 2 uniform values in [0, 1), standardised.
fn twenty_uniform_rows(seed: u64) -> FeatureMatrix {
    let mut random = Random::new(seed);
    standardise(&FeatureMatrix::new(
        20,
        2,
        (0..40).map(|_| random.unit()).collect(),
    ))
    .0
}

#[test]
fn the_elbow_never_rises_on_twenty_uniform_rows() {
    // The issue's case is draw 9: with 3 fresh starts per k the chart showed 1.728 at k = 8 and
    // 1.946 at k = 9 (draws 17, 22 and 25 rose too, 19 of the first 200 in all). Each k now
    // also starts from the previous k's clusters plus one centre, which cannot raise the sum of
    // squares: no point rises and none is marked, and no point is worse than the clusters
    // view's k-means for that k.
    let issue = elbow(&twenty_uniform_rows(9), 2..=10, 2026);
    assert!(issue[6].k == 8 && issue[7].k == 9);
    assert!(issue[7].inertia <= issue[6].inertia);
    assert!(issue[6].inertia <= 1.728);
    for seed in (0..30).chain([9, 17, 22, 25]) {
        let matrix = twenty_uniform_rows(seed);
        let points = elbow(&matrix, 1..=10, 2026);
        assert_eq!(points.len(), 10);
        // k = 1: the total sum of squares, 20 rows × 2 features of variance 1.
        assert!((points[0].inertia - 40.0).abs() < 1e-9);
        for pair in points.windows(2) {
            assert!(
                pair[1].inertia <= pair[0].inertia,
                "draw {seed}: inertia rose from k = {} to k = {}: {points:?}",
                pair[0].k,
                pair[1].k
            );
            assert_eq!(pair[1].rise, None);
        }
        for point in &points {
            let view = k_means_screened(&matrix, point.k, 2026, starts_for(20));
            assert!(
                point.inertia <= view.inertia,
                "draw {seed}, k = {}",
                point.k
            );
        }
    }
}

/// The clusters view's features on the `tiny` demo (40 HCPs) with the app's seed, all six,
/// standardised, as the app builds them; the demo ends in `last_month` (year, month).
fn tiny_demo_features(last_month: (i32, u8)) -> FeatureMatrix {
    use omnirx_core::domain::demo::{
        generate_demo_workspace, DataLanguage, DemoOptions, DemoScale,
    };
    use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
    use omnirx_core::domain::segmentation::features::{feature_matrix, ClusterFeature};
    use omnirx_core::domain::segmentation::report::current_profiles;
    use omnirx_core::domain::segmentation::CustomerBase;
    use omnirx_core::domain::time::Month;
    let mut options = DemoOptions::fixed(DemoScale::Tiny, 2026, DataLanguage::English);
    options.last_month = Month {
        year: last_month.0,
        month: last_month.1,
    };
    let workspace = generate_demo_workspace(options);
    let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(&workspace);
    let profiles = current_profiles(&workspace, &base, &index);
    let kinds: Vec<_> = workspace.channels.iter().map(|c| c.kind).collect();
    standardise(&feature_matrix(
        &base,
        &profiles,
        &kinds,
        &ClusterFeature::ALL,
    ))
    .0
}

#[test]
fn on_the_tiny_demo_k_means_comes_within_one_percent_of_the_best_of_many_starts() {
    // 40 HCPs, k = 6, the app's seed, the demo ending in each month from 2025-10 to 2026-12
    // (the fixed demo of tests and the CLI ends in 2026-10). Up to 100 rows the view runs 200
    // starts; it must land within 1 % of the best of 1,000 single starts (seeds 0 to 999).
    // Five starts (as before) ended more than 2 % above it for several of these months.
    assert_eq!(starts_for(40), MOST_STARTS);
    let mut five_starts_far_off = Vec::new();
    for last_month in
        (1..=12)
            .map(|month| (2026, month))
            .chain([(2025, 10), (2025, 11), (2025, 12)])
    {
        let matrix = tiny_demo_features(last_month);
        assert_eq!(matrix.rows, 40);
        let best = (0..1_000)
            .map(|seed| k_means_with_starts(&matrix, 6, seed, 1).inertia)
            .fold(f64::INFINITY, f64::min);
        let view = k_means_screened(&matrix, 6, 2026, starts_for(matrix.rows));
        assert!(
            view.inertia <= best * 1.01,
            "{last_month:?}: {} against the best {best}",
            view.inertia
        );
        assert!(k_means(&matrix, 6, 2026).inertia <= best * 1.01);
        // The elbow's point for k = 6 is at least as good as the view's.
        let distances = SampleDistances::new(&matrix, SILHOUETTE_SAMPLE);
        let (point, _) = elbow_point(&matrix, 6, 2026, None, &distances).unwrap();
        assert!(point.inertia <= view.inertia);
        if k_means_screened(&matrix, 6, 2026, STARTS).inertia > best * 1.02 {
            five_starts_far_off.push(last_month);
        }
    }
    assert!(
        five_starts_far_off.len() >= 4,
        "five starts were far off only for {five_starts_far_off:?}"
    );
}

#[test]
fn the_sample_distances_give_the_silhouette_to_the_last_bit() {
    // The elbow chart reads its silhouettes from distances measured once; they must be the
    // clusters view's numbers exactly, whole rows or sampled.
    for rows in [300, 2_500] {
        let (standardised, _) = bench_like_customers(rows, 3);
        let distances = SampleDistances::new(&standardised, SILHOUETTE_SAMPLE);
        for k in [2, 4, 6] {
            let clustering = k_means_with_starts(&standardised, k, 9, 1);
            let direct = silhouette(&standardised, &clustering, SILHOUETTE_SAMPLE);
            assert!(direct.is_some());
            assert_eq!(
                distances.silhouette(&clustering).map(f64::to_bits),
                direct.map(f64::to_bits)
            );
        }
    }
}
