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

#[cfg(test)]
mod tests {
    use super::*;

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
}
