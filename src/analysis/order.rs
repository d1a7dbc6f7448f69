//! Small rules every analysis shares: comparing at a threshold, ranking, dividing.

use std::cmp::Ordering;

/// Inputs are typed with a decimal or two; in binary floating point a value that equals a
/// threshold in decimals can land a hair below it (8.2 + (8.2 − 1.4) = 14.999999999999998,
/// a mean of 1.6s = 1.6000000000000003). Comparisons at a threshold allow this much.
pub const TOLERANCE: f64 = 1e-9;

/// `x ≥ threshold`, counting a value equal to it in decimals as reaching it.
pub fn reaches(x: f64, threshold: f64) -> bool {
    x >= threshold - TOLERANCE
}

/// Orders by a descending score, then by ascending id: every ranking's tie rule.
pub fn by_score_then_id(score_a: f64, id_a: &str, score_b: f64, id_b: &str) -> Ordering {
    score_b.total_cmp(&score_a).then_with(|| id_a.cmp(id_b))
}

/// `a / b`, or `None` when `b` is zero.
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_met_in_decimals_is_reached() {
        assert!(reaches(8.2 + (8.2 - 1.4), 15.0));
        assert!(!reaches(14.99, 15.0));
        assert_eq!(ratio(1.0, 0.0), None);
    }
}
