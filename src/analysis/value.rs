//! Customer lifetime value and discounting: the formulas everything else builds on.
//!
//! Margin is earned at the end of each year, and only by customers still
//! retained (Gupta & Lehmann's convention): a customer who starts today is still
//! there after year `t` with probability `rᵗ`, and a krone then is worth
//! `(1+d)⁻ᵗ` today. So year `t` contributes `M·(r/(1+d))ᵗ`.

use crate::model::Drivers;

/// Present value of one customer's margin over `horizon` years:
/// `CLV = Σ_{t=1..H} M·(r/(1+d))ᵗ`.
pub fn clv(drivers: &Drivers, horizon: u32, discount_rate: f64) -> f64 {
    drivers.annual_margin() * geometric_sum(retention_factor(drivers, discount_rate), horizon)
}

/// The same without a horizon: `M·r/(1+d−r)`, the limit of [`clv`] as `H → ∞`.
pub fn clv_no_horizon(drivers: &Drivers, discount_rate: f64) -> f64 {
    let r = drivers.retention_rate;
    drivers.annual_margin() * r / (1.0 + discount_rate - r)
}

/// Discounted margin of one customer in year `t` (1-based): `M·(r/(1+d))ᵗ`.
pub fn clv_in_year(drivers: &Drivers, year: u32, discount_rate: f64) -> f64 {
    drivers.annual_margin() * retention_factor(drivers, discount_rate).powi(year_exponent(year))
}

/// `Σ_{t=1..H} (1+d)⁻ᵗ`: today's value of one krone paid at the end of each of `H` years.
pub fn annuity_factor(horizon: u32, discount_rate: f64) -> f64 {
    geometric_sum(1.0 / (1.0 + discount_rate), horizon)
}

/// `(1+d)⁻ᵗ`.
pub fn discount(year: u32, discount_rate: f64) -> f64 {
    (1.0 + discount_rate).powi(-year_exponent(year))
}

fn retention_factor(drivers: &Drivers, discount_rate: f64) -> f64 {
    drivers.retention_rate / (1.0 + discount_rate)
}

/// `Σ_{t=1..n} qᵗ`, summed term by term: `n ≤ 30`, and the loop is exact at `q = 1`.
fn geometric_sum(q: f64, n: u32) -> f64 {
    let mut term = 1.0;
    let mut sum = 0.0;
    for _ in 0..n {
        term *= q;
        sum += term;
    }
    sum
}

fn year_exponent(year: u32) -> i32 {
    i32::try_from(year).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drivers(f: f64, v: f64, m: f64, r: f64) -> Drivers {
        Drivers { retention_rate: r, purchases_per_year: f, average_order_value: v, gross_margin: m }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    /// Worked by hand: M = 12·450·0.72 = 3,888; q = 0.71/1.09 = 0.651376…;
    /// q+q²+q³+q⁴ = 0.651376 + 0.424291 + 0.276373 + 0.180023 = 1.532063…;
    /// CLV = 3,888 × 1.532063 = 5,956.66.
    #[test]
    fn clv_matches_the_hand_worked_example() {
        let d = drivers(12.0, 450.0, 0.72, 0.71);
        let q: f64 = 0.71 / 1.09;
        let by_hand = 3888.0 * (q + q * q + q.powi(3) + q.powi(4));
        assert!(close(clv(&d, 4, 0.09), by_hand));
        assert!((clv(&d, 4, 0.09) - 5956.66).abs() < 0.01);
    }

    /// One year: the margin of a retained customer, discounted once: 1,000·0.8/1.1.
    #[test]
    fn one_year_clv_is_one_discounted_retained_margin() {
        let d = drivers(10.0, 100.0, 1.0, 0.8);
        assert!(close(clv(&d, 1, 0.1), 727.272_727));
    }

    /// No horizon: 1,000·0.8/(1.1−0.8) = 2,666.67, and a 30-year CLV comes close from below.
    #[test]
    fn no_horizon_value_is_the_limit() {
        let d = drivers(10.0, 100.0, 1.0, 0.8);
        assert!(close(clv_no_horizon(&d, 0.1), 2_666.666_667));
        let long = clv(&d, 30, 0.1);
        assert!(long < clv_no_horizon(&d, 0.1) && long > 2666.0);
    }

    #[test]
    fn yearly_values_add_up_to_the_clv() {
        let d = drivers(8.5, 4200.0, 0.32, 0.78);
        let by_year: f64 = (1..=5).map(|t| clv_in_year(&d, t, 0.09)).sum();
        assert!(close(by_year, clv(&d, 5, 0.09)));
    }

    /// Σ 1.1⁻ᵗ for t = 1..3 = 0.909091 + 0.826446 + 0.751315 = 2.486852.
    #[test]
    fn annuity_factor_by_hand() {
        assert!(close(annuity_factor(3, 0.1), 2.486_852));
        assert!(close(annuity_factor(4, 0.0), 4.0));
        assert!(close(discount(2, 0.1), 1.0 / 1.21));
    }
}
