//! Prints how long customer clustering takes natively on 10,000 customers × 6 features: k-means,
//! the silhouette and the elbow (`cargo bench --bench clusters`, `-- --quick` for 3 runs each).

use std::time::Instant;

use omnirx::domain::demo::Random;
use omnirx::domain::segmentation::clusters::{
    elbow, k_means, silhouette, standardise, suggested_k, FeatureMatrix,
};

const ROWS: usize = 10_000;
const FEATURES: usize = 6;
const BLOBS: usize = 6;
const SILHOUETTE_SAMPLE: usize = 2_000;
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
    let agreeing: usize = counts.iter().map(|per_blob| per_blob.iter().max().unwrap()).sum();

    let standardise_ms = time(runs, || standardise(&matrix));
    let k_means_ms = time(runs, || {
        let (standardised, _) = standardise(&matrix);
        k_means(&standardised, BLOBS, SEED)
    });
    let silhouette_ms = time(runs, || silhouette(&standardised, &clustering, SILHOUETTE_SAMPLE));
    let elbow_ms = time(runs, || elbow(&standardised, 2..=10, SEED, SILHOUETTE_SAMPLE));
    let points = elbow(&standardised, 2..=10, SEED, SILHOUETTE_SAMPLE);

    println!("{ROWS} customers × {FEATURES} features, {BLOBS} blobs");
    println!("{:<42} {:>10}", "step", "median ms");
    println!("{:<42} {:>10.2}", "standardise", standardise_ms);
    println!("{:<42} {:>10.2}", "standardise + k_means k = 6", k_means_ms);
    println!("{:<42} {:>10.2}", "silhouette, sample 2,000", silhouette_ms);
    println!("{:<42} {:>10.2}", "elbow k = 2..=10 (each with silhouette)", elbow_ms);
    println!(
        "k = 6: {} iterations, inertia {:.1}, sizes {:?}, {:.2}% of rows with their blob's cluster",
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
    println!("(median of {runs} runs)");
}
