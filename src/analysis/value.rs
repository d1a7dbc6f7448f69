//! Customer lifetime value and discounting: the formulas everything else builds on.
//!
//! Margin is earned at the end of each year, and only by customers still
//! retained (Gupta & Lehmann's convention): a customer who starts today is still
//! there after year `t` with probability `rᵗ`, and a krone then is worth
//! `(1+d)⁻ᵗ` today. So year `t` contributes `M·(r/(1+d))ᵗ`.

use crate::model::{Drivers, PerDriver};

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

/// `aₜ`, the share of the levers' full effect reached in year `t` (1-based): the ramp-up's
/// value for that year, its last value for later years, and 1 without a ramp-up.
pub fn ramp_share(ramp_up: &[f64], year: u32) -> f64 {
    let index = usize::try_from(year.saturating_sub(1)).unwrap_or(usize::MAX);
    ramp_up.get(index).or(ramp_up.last()).copied().unwrap_or(1.0)
}

/// The drivers of year `t` with the programme: every lever at `aₜ` of its effect, so
/// `rₜ = r + aₜ·Δr`, `fₜ = f·(1 + aₜ·Δf)`, `vₜ = v·(1 + aₜ·Δv)`, `mₜ = m + aₜ·Δm`.
pub fn drivers_in_year(today: &Drivers, levers: &PerDriver<f64>, ramp_up: &[f64], year: u32) -> Drivers {
    let share = ramp_share(ramp_up, year);
    today.with_levers(&PerDriver::from_fn(|driver| share * levers.get(driver)))
}

/// Each year `t = 1..=H` with the programme: `(Mₜ, Sₜ)`, the margin of that year's drivers
/// and the share of customers still retained, `Sₜ = Π_{k≤t} rₖ`.
pub fn projected_years(
    today: &Drivers,
    levers: &PerDriver<f64>,
    ramp_up: &[f64],
    horizon: u32,
) -> Vec<(f64, f64)> {
    let mut retained = 1.0;
    (1..=horizon)
        .map(|year| {
            let d = drivers_in_year(today, levers, ramp_up, year);
            retained *= d.retention_rate;
            (d.annual_margin(), retained)
        })
        .collect()
}

/// One customer's margin in each year `t = 1..=H` with the programme, undiscounted:
/// `Mₜ · Sₜ`, the margin of that year's drivers earned by those still retained.
pub fn projected_margins(
    today: &Drivers,
    levers: &PerDriver<f64>,
    ramp_up: &[f64],
    horizon: u32,
) -> Vec<f64> {
    projected_years(today, levers, ramp_up, horizon).into_iter().map(|(m, s)| m * s).collect()
}

/// CLV′ with the levers at `levers` reached along `ramp_up`:
/// `Σ_{t=1..H} Mₜ·(Π_{k≤t} rₖ)·(1+d)⁻ᵗ`. Without a ramp-up every `aₜ` is 1 and this is
/// [`clv`] of the drivers with the levers, computed by that formula.
pub fn projected_clv(
    today: &Drivers,
    levers: &PerDriver<f64>,
    ramp_up: &[f64],
    horizon: u32,
    discount_rate: f64,
) -> f64 {
    if ramp_up.is_empty() {
        return clv(&today.with_levers(levers), horizon, discount_rate);
    }
    let margins = projected_margins(today, levers, ramp_up, horizon);
    (1..=horizon).zip(margins).map(|(year, m)| m * discount(year, discount_rate)).sum()
}

/// CLV′ without a horizon: the ramp-up years as in [`projected_clv`], then the last share's
/// drivers for ever: `Σ_{t≤R} Mₜ·Sₜ·(1+d)⁻ᵗ + M_R·S_R·(1+d)⁻ᴿ · q/(1−q)`, `q = r_R/(1+d)`.
pub fn projected_clv_no_horizon(
    today: &Drivers,
    levers: &PerDriver<f64>,
    ramp_up: &[f64],
    discount_rate: f64,
) -> f64 {
    let full =
        today.with_levers(&PerDriver::from_fn(|driver| ramp_share(ramp_up, u32::MAX) * levers.get(driver)));
    let years = u32::try_from(ramp_up.len()).unwrap_or(u32::MAX);
    if years == 0 {
        return clv_no_horizon(&full, discount_rate);
    }
    let margins = projected_margins(today, levers, ramp_up, years);
    let ramping: f64 = (1..=years).zip(&margins).map(|(year, m)| m * discount(year, discount_rate)).sum();
    let last = margins[margins.len() - 1] * discount(years, discount_rate);
    let q = full.retention_rate / (1.0 + discount_rate);
    ramping + last * q / (1.0 - q)
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

    fn levers(retention: f64, purchases: f64) -> PerDriver<f64> {
        PerDriver { retention_rate: retention, purchases_per_year: purchases, ..PerDriver::default() }
    }

    /// The segment of docs/metrics.md 4.2 (f 12, v 450, m 0.72, r 0.71, d 0.09, H 4; retention
    /// +0.03, purchases +5 %) with half the effect in year 1, all of it from year 2:
    /// year 1: r₁ = 0.725, f₁ = 12.3, M₁ = 3,985.20, 3,985.20·0.725/1.09 = 2,650.71;
    /// year 2: r₂ = 0.74, M₂ = 4,082.40, S₂ = 0.725·0.74 = 0.5365, 4,082.40·0.5365/1.09² = 1,843.45;
    /// years 3 and 4: S₃ = 0.39701 → 1,251.52; S₄ = 0.2937874 → 849.66. CLV′ = 6,595.33,
    /// below the 6,797.78 of the full effect from day one.
    #[test]
    fn a_ramp_up_worked_by_hand() {
        let today = drivers(12.0, 450.0, 0.72, 0.71);
        let l = levers(0.03, 0.05);
        let ramped = projected_clv(&today, &l, &[0.5, 1.0], 4, 0.09);
        assert!((ramped - 6_595.334_7).abs() < 1e-3, "{ramped}");
        assert!((projected_clv(&today, &l, &[], 4, 0.09) - 6_797.78).abs() < 0.01);
        // Without a horizon: the two ramp years, then r = 0.74 for ever:
        // 2,650.71 + 1,843.45 + 1,843.45·q/(1−q), q = 0.74/1.09.
        assert!((projected_clv_no_horizon(&today, &l, &[0.5, 1.0], 0.09) - 8_391.748_6).abs() < 1e-3);
        let margins = projected_margins(&today, &l, &[0.5, 1.0], 2);
        assert!((margins[0] - 3_985.2 * 0.725).abs() < 1e-9 && (margins[1] - 4_082.4 * 0.5365).abs() < 1e-9);
    }

    /// No ramp-up, or one at full effect from year 1, is today's formula.
    #[test]
    #[allow(clippy::float_cmp)] // shares are copied, not computed
    fn full_effect_from_year_one_is_the_closed_form() {
        let today = drivers(6.0, 300.0, 0.4, 0.8);
        let l = levers(0.02, -0.03);
        let closed = clv(&today.with_levers(&l), 7, 0.08);
        assert_eq!(projected_clv(&today, &l, &[], 7, 0.08).to_bits(), closed.to_bits());
        assert!((projected_clv(&today, &l, &[1.0], 7, 0.08) - closed).abs() < 1e-9 * closed);
        let limit = clv_no_horizon(&today.with_levers(&l), 0.08);
        assert!((projected_clv_no_horizon(&today, &l, &[1.0], 0.08) - limit).abs() < 1e-9 * limit);
        assert_eq!(ramp_share(&[0.3, 0.7], 1), 0.3);
        assert_eq!(ramp_share(&[0.3, 0.7], 9), 0.7);
        assert_eq!(ramp_share(&[], 3), 1.0);
    }

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
