//! Prints how long customer clustering takes natively on 10,000 customers × 6 features: k-means
//! (best of `STARTS` starts, and one start for comparison), the silhouette and the elbow (the
//! clusters view's starts plus the previous k's clusters split once, per k, as the app runs it),
//! and how often k-means finds the best clusters over seeds; then the Clusters tab's work on the
//! `large` demo (10,000 HCPs) as the app runs it: k-means k = 6 on all six features and on
//! adoption stage alone, and the elbow one k at a time
//! (`cargo bench --bench clusters`, `-- --quick` for 3 runs each).

use std::time::Instant;

use omnirx_core::domain::demo::{
    generate_demo_workspace, DataLanguage, DemoOptions, DemoScale, Random,
};
use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
use omnirx_core::domain::segmentation::clusters::{
    elbow, elbow_point, k_means, k_means_screened, k_means_with_starts, silhouette, standardise,
    starts_for, suggested_k, Clustering, FeatureMatrix, SampleDistances, SILHOUETTE_SAMPLE, STARTS,
};
use omnirx_core::domain::segmentation::features::{feature_matrix, ClusterFeature};
use omnirx_core::domain::segmentation::report::current_profiles;
use omnirx_core::domain::segmentation::CustomerBase;

const ROWS: usize = 10_000;
const FEATURES: usize = 6;
const BLOBS: usize = 6;
const SEED: u64 = 1;

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2] * 1_000.0
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed().as_secs_f64()
        })
        .collect();
    median_ms(samples)
}

/// Six gaussian-ish blobs of unequal sizes: blob b sits at 4 on feature b and 0 elsewhere, with
/// noise from a sum of three uniform draws (standard deviation 0.5), so the true k is 6.
fn customers(seed: u64) -> (FeatureMatrix, Vec<usize>) {
    let mut random = Random::new(seed);
    let weights = [0.30, 0.22, 0.18, 0.14, 0.10, 0.06];
    let mut values = Vec::with_capacity(ROWS * FEATURES);
    let mut truth = Vec::with_capacity(ROWS);
    for _ in 0..ROWS {
        let blob = random.weighted(&weights);
        truth.push(blob);
        for feature in 0..FEATURES {
            let centre = if feature == blob { 4.0 } else { 0.0 };
            values.push(centre + random.unit() + random.unit() + random.unit() - 1.5);
        }
    }
    (FeatureMatrix::new(ROWS, FEATURES, values), truth)
}

fn main() {
    let quick = std::env::args().any(|argument| argument == "--quick");
    let runs = if quick { 3 } else { 11 };
    let (matrix, truth) = customers(2026);
    let (standardised, _) = standardise(&matrix);
    let clustering = k_means(&standardised, BLOBS, SEED);

    // How well the clusters recover the blobs: rows whose cluster's most common blob is theirs.
    let mut counts = vec![[0usize; BLOBS]; clustering.k];
    for (row, &cluster) in clustering.assignments.iter().enumerate() {
        counts[cluster as usize][truth[row]] += 1;
    }
    let agreeing: usize = counts
        .iter()
        .map(|per_blob| per_blob.iter().max().unwrap())
        .sum();

    let standardise_ms = time(runs, || standardise(&matrix));
    let k_means_ms = time(runs, || {
        let (standardised, _) = standardise(&matrix);
        k_means(&standardised, BLOBS, SEED)
    });
    let single_start_ms = time(runs, || {
        let (standardised, _) = standardise(&matrix);
        k_means_with_starts(&standardised, BLOBS, SEED, 1)
    });
    let silhouette_ms = time(runs, || {
        silhouette(&standardised, &clustering, SILHOUETTE_SAMPLE)
    });
    let elbow_ms = time(runs, || elbow(&standardised, 2..=10, SEED));
    let points = elbow(&standardised, 2..=10, SEED);

    println!("{ROWS} customers × {FEATURES} features, {BLOBS} blobs");
    println!("{:<42} {:>10}", "step", "median ms");
    println!("{:<42} {:>10.2}", "standardise", standardise_ms);
    println!(
        "{:<42} {:>10.2}",
        format!("standardise + k_means k = 6, {STARTS} starts"),
        k_means_ms
    );
    println!(
        "{:<42} {:>10.2}",
        "standardise + k_means k = 6, 1 start", single_start_ms
    );
    println!("{:<42} {:>10.2}", "silhouette, sample 2,000", silhouette_ms);
    println!(
        "{:<42} {:>10.2}",
        format!("elbow k = 2..=10, {STARTS} + 1 starts (+ silh.)"),
        elbow_ms
    );
    println!(
        "k = 6, {STARTS} starts: {} iterations, inertia {:.1}, sizes {:?}, {:.2}% of rows with their blob's cluster",
        clustering.iterations,
        clustering.inertia,
        clustering.sizes,
        agreeing as f64 * 100.0 / ROWS as f64
    );
    for point in &points {
        println!(
            "  k = {:>2}: inertia {:>9.1}, silhouette {:.4}",
            point.k,
            point.inertia,
            point.silhouette.unwrap_or(f64::NAN)
        );
    }
    println!("suggested k: {:?}", suggested_k(&points));
    // A single k-means++ start can settle in a local optimum (two blobs merged, one split); this
    // shows how often that happens over seeds, with one start and with the best of STARTS.
    let inertias = |starts: usize| -> Vec<f64> {
        (0..20)
            .map(|seed| k_means_with_starts(&standardised, BLOBS, seed, starts).inertia)
            .collect()
    };
    let single = inertias(1);
    let best = inertias(STARTS);
    let lowest = single
        .iter()
        .chain(&best)
        .copied()
        .fold(f64::INFINITY, f64::min);
    for (starts, inertias) in [(1, &single), (STARTS, &best)] {
        let at_lowest = inertias
            .iter()
            .filter(|&&inertia| inertia <= lowest * (1.0 + 1e-9))
            .count();
        println!(
            "k = 6 over seeds 0..20, {starts} start(s): {at_lowest} of 20 reach the lowest inertia {lowest:.1}, worst {:.1}",
            inertias.iter().copied().fold(0.0, f64::max)
        );
    }
    println!("(median of {runs} runs)");
    large_demo(runs);
}

/// The Clusters tab on the `large` demo, as the app runs it (`src/ui/segment_analysis.rs`):
/// k-means k = 6 with the seed and starts of the app, and the elbow chart one k per task, each
/// task handed the previous k's clusters.
fn large_demo(runs: usize) {
    const APP_SEED: u64 = 2026;
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Large,
        2026,
        DataLanguage::Chinese,
    ));
    let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
    let base = CustomerBase::build(&workspace);
    let profiles = current_profiles(&workspace, &base, &index);
    let kinds: Vec<_> = workspace.channels.iter().map(|c| c.kind).collect();
    let features = |chosen: &[ClusterFeature]| {
        standardise(&feature_matrix(&base, &profiles, &kinds, chosen)).0
    };
    let all = features(&ClusterFeature::ALL);
    let stage_only = features(&[ClusterFeature::AdoptionStage]);
    println!();
    println!("large demo: {} HCPs", all.rows);
    println!("{:<42} {:>10}", "step", "median ms");
    for (name, matrix) in [
        ("all six features", &all),
        ("adoption stage only", &stage_only),
    ] {
        let starts = starts_for(matrix.rows);
        let k_means_ms = time(runs, || k_means_screened(matrix, BLOBS, APP_SEED, starts));
        let clustering = k_means_screened(matrix, BLOBS, APP_SEED, starts);
        println!(
            "{:<42} {:>10.2}   ({} iterations, inertia {:.1})",
            format!("k_means k = 6, {name}"),
            k_means_ms,
            clustering.iterations,
            clustering.inertia
        );
    }
    // The app computes one k per task, each from the previous k's clusters: the chart's total
    // and its longest task.
    for (name, matrix) in [
        ("all six features", &all),
        ("adoption stage only", &stage_only),
    ] {
        // The first task measures the silhouette sample's distances, used by every k.
        let mut per_k = vec![time(runs, || {
            SampleDistances::new(matrix, SILHOUETTE_SAMPLE)
        })];
        let distances = SampleDistances::new(matrix, SILHOUETTE_SAMPLE);
        let mut previous: Option<Clustering> = None;
        let mut points = Vec::new();
        for k in 2..=10 {
            per_k.push(time(runs, || {
                elbow_point(matrix, k, APP_SEED, previous.as_ref(), &distances)
            }));
            let (point, clustering) =
                elbow_point(matrix, k, APP_SEED, previous.as_ref(), &distances).expect("k ≤ rows");
            points.push(point);
            previous = Some(clustering);
        }
        println!(
            "{:<42} {:>10.2}   (longest task {:.2}, silhouette sample {SILHOUETTE_SAMPLE})",
            format!("elbow k = 2..=10, {name}"),
            per_k.iter().sum::<f64>(),
            per_k.iter().copied().fold(0.0, f64::max)
        );
        println!("  the sample's distances: {:.2} ms", per_k[0]);
        for (point, ms) in points.iter().zip(&per_k[1..]) {
            println!(
                "  k = {:>2}: {ms:>6.2} ms, inertia {:>9.1}, silhouette {:.4}{}",
                point.k,
                point.inertia,
                point.silhouette.unwrap_or(f64::NAN),
                if point.rise.is_some() { " (rises)" } else { "" }
            );
        }
    }
}
