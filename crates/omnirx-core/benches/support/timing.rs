//! What every native benchmark shares: which scales were asked for, and the median time of a piece of work.

use std::time::Instant;

/// The median of some samples (sorted in place).
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

/// The median wall time of `runs` runs of `work`, in milliseconds.
pub fn median_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(work());
            started.elapsed().as_secs_f64()
        })
        .collect();
    median(samples) * 1_000.0
}

/// The scales named on the command line (`cargo bench` adds `--bench`, which is skipped); empty
/// means every scale.
pub fn wanted_scales() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .collect()
}
