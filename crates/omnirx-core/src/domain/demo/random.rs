//! A small deterministic random number generator (SplitMix64), so a seed always gives the same demo.

/// SplitMix64: tiny, fast, and good enough for plausible fake data; not for anything secret.
#[derive(Clone, Debug)]
pub struct Random {
    state: u64,
}

impl Random {
    pub fn new(seed: u64) -> Random {
        Random {
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in [0, bound).
    pub fn below(&mut self, bound: usize) -> usize {
        (((self.next_u64() >> 32) * bound as u64) >> 32) as usize
    }

    pub fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks an index with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut threshold = self.unit() * total;
        for (index, weight) in weights.iter().enumerate() {
            if threshold < *weight {
                return index;
            }
            threshold -= weight;
        }
        weights.len() - 1
    }

    /// A Poisson-distributed count (Knuth's method; fine for the small means used here).
    pub fn poisson(&mut self, mean: f64) -> usize {
        let limit = libm::exp(-mean);
        let mut product = self.unit();
        let mut count = 0;
        while product > limit && count < 1_000 {
            product *= self.unit();
            count += 1;
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let mut first = Random::new(7);
        let mut second = Random::new(7);
        for _ in 0..100 {
            assert_eq!(first.next_u64(), second.next_u64());
        }
        assert_ne!(Random::new(7).next_u64(), Random::new(8).next_u64());
    }

    #[test]
    fn ranges_are_respected_and_means_are_plausible() {
        let mut random = Random::new(1);
        let draws = 20_000;
        let mut below_sum = 0;
        let mut poisson_sum = 0;
        for _ in 0..draws {
            let value = random.below(10);
            assert!(value < 10);
            below_sum += value;
            poisson_sum += random.poisson(3.0);
            let unit = random.unit();
            assert!((0.0..1.0).contains(&unit));
        }
        let below_mean = below_sum as f64 / draws as f64;
        let poisson_mean = poisson_sum as f64 / draws as f64;
        assert!((below_mean - 4.5).abs() < 0.1, "{below_mean}");
        assert!((poisson_mean - 3.0).abs() < 0.1, "{poisson_mean}");
    }
}
