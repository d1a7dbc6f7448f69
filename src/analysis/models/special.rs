//! Special functions the customer-base models need: log-gamma, digamma, log-beta and the
//! Gauss hypergeometric function.

/// `ln Γ(x)` for `x > 0` (from `libm`, a port of FreeBSD's msun).
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)`.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The digamma function `ψ(x) = d/dx ln Γ(x)` for `x > 0`: the recurrence
/// `ψ(x) = ψ(x + 1) − 1/x` up to `x ≥ 10`, then the asymptotic series; accurate to
/// about 1e-14.
pub fn digamma(mut x: f64) -> f64 {
    let mut result = 0.0;
    while x < 10.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let series = f
        * (-1.0 / 12.0
            + f * (1.0 / 120.0
                + f * (-1.0 / 252.0 + f * (1.0 / 240.0 + f * (-1.0 / 132.0 + f * (691.0 / 32760.0))))));
    result + x.ln() - 0.5 / x + series
}

/// The Gauss hypergeometric function `₂F₁(a, b; c; z)` for `a, b, c > 0` and `0 ≤ z < 1`,
/// summed as its power series. Every term is positive there, so the sum loses no digits;
/// it stops when a term no longer changes the sum.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    debug_assert!((0.0..1.0).contains(&z) && a > 0.0 && b > 0.0 && c > 0.0);
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut k = 0.0;
    // Terms may grow before they shrink (when a·b/c·z > 1); stop only once they shrink.
    for _ in 0..1_000_000 {
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        term *= ratio;
        sum += term;
        k += 1.0;
        if ratio < 1.0 && term <= sum * 1e-17 {
            break;
        }
    }
    sum
}

/// Terms [`hyp2f1_one_with_derivatives`] sums at most: enough for `z` up to about
/// `1 − 4e-4`.
const MAX_TERMS: u32 = 100_000;

/// `₂F₁(1, b; c; z)` with its derivatives in `b`, `c` and `z`.
#[derive(Clone, Copy, Debug)]
pub struct WithDerivatives {
    pub value: f64,
    pub d_b: f64,
    pub d_c: f64,
    pub d_z: f64,
}

/// What the terms of [`hyp2f1_one_with_derivatives_from`] owe to `b` and `c` alone: per term
/// `(b+k)/(c+k)` and the running sums of `1/(b+j)` and `1/(c+j)`. Pareto/NBD sums the series
/// for one `(b, c)` at hundreds of `z` (one per observation time of a purchase count), so
/// its three divisions per term are made once per `(b, c)` instead of once per `z`; the
/// sums come out bit for bit as without the cache.
pub struct SeriesCoefficients {
    b: f64,
    c: f64,
    /// Per term k: `[(b+k)/(c+k), Σ_{j≤k} 1/(b+j), Σ_{j≤k} 1/(c+j)]`, as far as needed yet.
    per_term: Vec<[f64; 3]>,
}

impl SeriesCoefficients {
    pub fn new(b: f64, c: f64) -> Self {
        Self { b, c, per_term: Vec::new() }
    }

    /// Whether these are the coefficients of `(b, c)`, exactly.
    pub fn are_for(&self, b: f64, c: f64) -> bool {
        self.b.to_bits() == b.to_bits() && self.c.to_bits() == c.to_bits()
    }

    /// At least twice as many terms (64 at first), up to [`MAX_TERMS`].
    fn grow(&mut self) {
        let (b, c) = (self.b, self.c);
        let target = (self.per_term.len() * 2).clamp(64, MAX_TERMS as usize);
        let (mut h_b, mut h_c) = self.per_term.last().map_or((0.0, 0.0), |t| (t[1], t[2]));
        #[allow(clippy::cast_precision_loss)] // k < 100,000
        for k in (self.per_term.len()..target).map(|k| k as f64) {
            h_b += 1.0 / (b + k);
            h_c += 1.0 / (c + k);
            self.per_term.push([(b + k) / (c + k), h_b, h_c]);
        }
    }
}

/// `₂F₁(1, b; c; z)` for `0 < b < c` and `0 ≤ z < 1`, summed as its power series
/// `Σₖ tₖ`, `tₖ = (b)ₖ/(c)ₖ zᵏ`, with its derivatives summed alongside:
/// `∂tₖ/∂b = tₖ Σ_{j<k} 1/(b+j)`, `∂tₖ/∂c = −tₖ Σ_{j<k} 1/(c+j)`, `∂tₖ/∂z = k tₖ/z`.
///
/// Every term is positive and each is less than `z` times the one before, so the sum lies
/// between 1 and `1/(1−z)`: it neither overflows nor loses digits, whatever the size of
/// `b` and `c`. It stops once the rest, at most `tₖ · z/(1−z)` (and for the derivatives a
/// few times that), can no longer change the sums; `None` when that would take more than
/// 100,000 terms, rather than a sum cut short, and outside `0 < b < c`, `0 ≤ z < 1`.
///
/// Pareto/NBD needs `₂F₁(r+s+x, s+1; r+s+x+1; z)`; Euler's transformation
/// `₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z)` turns it into this form with
/// `c − a = 1`, whose terms no longer grow with the number of purchases.
///
/// `coefficients` holds what the terms owe to `b` and `c` (see [`SeriesCoefficients`]),
/// extended here as far as the sum needs.
pub fn hyp2f1_one_with_derivatives_from(
    coefficients: &mut SeriesCoefficients,
    z: f64,
) -> Option<WithDerivatives> {
    let (b, c) = (coefficients.b, coefficients.c);
    // Outside its domain (far-off parameters of a line search, rounded) there is no value.
    if !((0.0..1.0).contains(&z) && b > 0.0 && c > b) {
        return None;
    }
    let rest = z / (1.0 - z);
    let spread = 1.0 / (1.0 - z);
    let mut f = WithDerivatives { value: 1.0, d_b: 0.0, d_c: 0.0, d_z: 0.0 };
    let mut term = 1.0;
    let mut k = 0.0;
    for i in 0..MAX_TERMS as usize {
        if i == coefficients.per_term.len() {
            coefficients.grow();
        }
        let [ratio, h_b, h_c] = coefficients.per_term[i];
        f.d_z += (k + 1.0) * term * ratio;
        term *= ratio * z;
        f.value += term;
        f.d_b += term * h_b;
        f.d_c -= term * h_c;
        k += 1.0;
        if term * rest * (1.0 + k + spread) <= f.value * 1e-17 {
            return Some(f);
        }
    }
    None
}

/// `₂F₁(1, b; c; z)` alone, for predictions: the series of
/// [`hyp2f1_one_with_derivatives_from`] without its derivatives, stopped when its rest (at most
/// `term · z/(1−z)`) can no longer change the sum; `None` in the same cases.
pub fn hyp2f1_one(b: f64, c: f64, z: f64) -> Option<f64> {
    if !((0.0..1.0).contains(&z) && b > 0.0 && c > b) {
        return None;
    }
    let rest = z / (1.0 - z);
    let (mut term, mut sum, mut k) = (1.0, 1.0, 0.0);
    for _ in 0..MAX_TERMS {
        term *= (b + k) / (c + k) * z;
        sum += term;
        k += 1.0;
        if term * rest <= sum * 1e-17 {
            return Some(sum);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The series with coefficients of its own.
    fn hyp2f1_one_with_derivatives(b: f64, c: f64, z: f64) -> Option<WithDerivatives> {
        hyp2f1_one_with_derivatives_from(&mut SeriesCoefficients::new(b, c), z)
    }

    /// The series as it was summed before its coefficients were cached: three divisions
    /// per term.
    fn uncached(b: f64, c: f64, z: f64) -> Option<WithDerivatives> {
        if !((0.0..1.0).contains(&z) && b > 0.0 && c > b) {
            return None;
        }
        let rest = z / (1.0 - z);
        let mut f = WithDerivatives { value: 1.0, d_b: 0.0, d_c: 0.0, d_z: 0.0 };
        let (mut term, mut h_b, mut h_c) = (1.0, 0.0, 0.0);
        let mut k = 0.0;
        for _ in 0..MAX_TERMS {
            let ratio = (b + k) / (c + k);
            h_b += 1.0 / (b + k);
            h_c += 1.0 / (c + k);
            f.d_z += (k + 1.0) * term * ratio;
            term *= ratio * z;
            f.value += term;
            f.d_b += term * h_b;
            f.d_c -= term * h_c;
            k += 1.0;
            if term * rest * (1.0 + k + 1.0 / (1.0 - z)) <= f.value * 1e-17 {
                return Some(f);
            }
        }
        None
    }

    #[test]
    fn cached_coefficients_give_the_same_sums_bit_for_bit() {
        // One cache through arguments that need few terms, then many (it grows), then few
        // again: each sum equals the uncached series' exactly, and a fresh cache's.
        let bits = |f: Option<WithDerivatives>| f.map(|f| [f.value, f.d_b, f.d_c, f.d_z].map(f64::to_bits));
        for (b, c) in [(1.85, 4.3), (7.2, 8.9), (0.4, 31.0)] {
            let mut cache = SeriesCoefficients::new(b, c);
            for z in [0.1, 0.95, 0.999, 0.3, 0.0, 0.9996, 0.7] {
                let cached = bits(hyp2f1_one_with_derivatives_from(&mut cache, z));
                assert_eq!(cached, bits(uncached(b, c, z)), "b = {b}, c = {c}, z = {z}");
                assert_eq!(cached, bits(hyp2f1_one_with_derivatives(b, c, z)), "b = {b}, c = {c}, z = {z}");
            }
            assert!(cache.are_for(b, c) && !cache.are_for(b, c + 1e-12));
        }
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1.0)
    }

    #[test]
    fn digamma_at_known_points() {
        // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(10) = H₉ − γ.
        let euler = 0.577_215_664_901_532_9;
        assert!(close(digamma(1.0), -euler, 1e-14));
        assert!(close(digamma(0.5), -euler - 2.0 * 2f64.ln(), 1e-14));
        let h9: f64 = (1..10).map(|k| 1.0 / f64::from(k)).sum();
        assert!(close(digamma(10.0), h9 - euler, 1e-14));
    }

    #[test]
    fn digamma_is_the_derivative_of_ln_gamma() {
        for x in [0.3, 1.7, 4.2, 25.0, 310.5] {
            let h = 1e-5 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(close(digamma(x), numeric, 1e-8), "x = {x}");
        }
    }

    #[test]
    fn hypergeometric_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; ₂F₁(a, b; b; z) = (1 − z)^−a.
        for z in [0.1, 0.5, 0.9] {
            assert!(close(hyp2f1(1.0, 1.0, 2.0, z), -(1.0 - z).ln() / z, 1e-13));
            assert!(close(hyp2f1(2.5, 3.0, 3.0, z), (1.0 - z).powf(-2.5), 1e-12));
        }
        assert!((hyp2f1(3.0, 4.0, 5.0, 0.0) - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn hypergeometric_with_a_one() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, also close to 1; and the general series agrees.
        for z in [0.0f64, 0.3, 0.9, 0.999] {
            let closed = if z == 0.0 { 1.0 } else { -(1.0 - z).ln() / z };
            let sum = hyp2f1_one(1.0, 2.0, z).unwrap();
            // Near 1 the series takes some 50,000 terms, each rounded.
            let tolerance = if z > 0.99 { 1e-12 } else { 1e-14 };
            assert!(close(sum, closed, tolerance), "z = {z}: {sum} vs {closed}");
        }
        assert!(close(hyp2f1_one(0.7, 3.2, 0.6).unwrap(), hyp2f1(1.0, 0.7, 3.2, 0.6), 1e-14));
        // The value alone is the value of the series with its derivatives.
        for (b, c, z) in [(0.7, 3.2, 0.6), (5000.55, 5001.16, 0.5), (1.61, 5001.16, 0.95)] {
            let with = hyp2f1_one_with_derivatives(b, c, z).unwrap().value;
            assert!(close(hyp2f1_one(b, c, z).unwrap(), with, 1e-15));
        }
        // Large parameters, as for a customer with 5,000 purchases: values from mpmath
        // (`mpmath.hyp2f1(1, b, c, z)` at 30 digits).
        assert!(close(hyp2f1_one(5000.55, 5001.16, 0.5).unwrap(), 1.999_756_135_069_798, 1e-13));
        assert!(close(hyp2f1_one(1.61, 5001.16, 0.95).unwrap(), 1.000_305_980_746_801, 1e-13));
        // Too close to 1 to sum, or outside the domain: no value rather than a wrong one.
        assert_eq!(hyp2f1_one(1.0, 2.0, 1.0 - 1e-9), None);
        assert_eq!(hyp2f1_one(1.0, 2.0, 1.0), None);
        assert_eq!(hyp2f1_one(2.0, 2.0, 0.5), None);
    }

    #[test]
    fn derivatives_of_the_hypergeometric_with_a_one() {
        let (b, c, z) = (2.3, 7.9, 0.83);
        let f = hyp2f1_one_with_derivatives(b, c, z).unwrap();
        let at = |b: f64, c: f64, z: f64| hyp2f1_one(b, c, z).unwrap();
        let h = 1e-6;
        let numeric = [
            (at(b + h, c, z) - at(b - h, c, z)) / (2.0 * h),
            (at(b, c + h, z) - at(b, c - h, z)) / (2.0 * h),
            (at(b, c, z + h) - at(b, c, z - h)) / (2.0 * h),
        ];
        for (analytic, numeric) in [f.d_b, f.d_c, f.d_z].into_iter().zip(numeric) {
            assert!(close(analytic, numeric, 1e-8), "{analytic} vs {numeric}");
        }
        // At z = 0 only the first term's slope is left: ∂/∂z = b/c.
        assert!(close(hyp2f1_one_with_derivatives(b, c, 0.0).unwrap().d_z, b / c, 1e-15));
    }
}
