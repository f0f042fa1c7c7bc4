//! Prints how long customer clustering takes natively on 10,000 customers × 6 features: k-means
//! (best of `STARTS` starts, and one start for comparison), the silhouette and the elbow (3 starts
//! per k, as the app runs it), and how often k-means finds the best clusters over seeds
//! (`cargo bench --bench clusters`, `-- --quick` for 3 runs each).

use std::time::Instant;

use omnirx_core::domain::demo::Random;
use omnirx_core::domain::segmentation::clusters::{
    elbow, k_means, k_means_with_starts, silhouette, standardise, suggested_k, FeatureMatrix,
    STARTS,
};

const ROWS: usize = 10_000;
const FEATURES: usize = 6;
const BLOBS: usize = 6;
const SILHOUETTE_SAMPLE: usize = 2_000;
const SEED: u64 = 1;
/// The app's elbow runs k-means with this many starts per k.
const ELBOW_STARTS: usize = 3;

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
    let elbow_ms = time(runs, || {
        elbow(&standardised, 2..=10, SEED, SILHOUETTE_SAMPLE, ELBOW_STARTS)
    });
    let single_start_elbow_ms = time(runs, || {
        elbow(&standardised, 2..=10, SEED, SILHOUETTE_SAMPLE, 1)
    });
    let points = elbow(&standardised, 2..=10, SEED, SILHOUETTE_SAMPLE, ELBOW_STARTS);

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
        format!("elbow k = 2..=10, {ELBOW_STARTS} starts (+ silhouette)"),
        elbow_ms
    );
    println!(
        "{:<42} {:>10.2}",
        "elbow k = 2..=10, 1 start (+ silhouette)", single_start_elbow_ms
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
}
