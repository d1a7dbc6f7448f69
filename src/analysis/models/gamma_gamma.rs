//! Gamma-Gamma: how much customers spend per purchase (Fader, Hardie & Lee 2005, "RFM and
//! CLV: using iso-value curves for customer base analysis", JMR 42(4); the note "The
//! Gamma-Gamma model of monetary value", Fader & Hardie 2013).
//!
//! Each purchase of a customer is `z ~ Gamma(p, ν)`, with `ν ~ Gamma(q, γ)` across
//! customers (`γ` is `v` here, as in lifetimes). Spend is assumed independent of how often
//! a customer buys. Fitted on customers with repeat purchases and a positive average.

use super::optimize::minimize;
use super::special::{digamma, ln_gamma};
use super::{Convergence, NoFit, identified};

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// One customer: `x` repeat purchases averaging `m`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spend {
    pub x: u32,
    pub m: f64,
}

/// The parameters' names, as a reason names one.
pub const PARAMETERS: [&str; 3] = ["p", "q", "v"];

#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    pub params: GammaGamma,
    /// The standard error of each parameter, from the observed information.
    pub standard_errors: GammaGamma,
    /// The covariance of the logarithms of the parameters (the inverse of the observed
    /// information), for the parametric bootstrap; not printed.
    #[serde(skip)]
    pub covariance: [[f64; 3]; 3],
    pub log_likelihood: f64,
    /// Customers the fit used (repeat purchases, positive average spend).
    pub customers: usize,
    pub convergence: Convergence,
}

/// Customers with repeat purchases needed before a fit is attempted.
pub const MIN_CUSTOMERS: usize = 30;

/// The customers prepared for fitting. What depends on `x` alone (the gamma functions, the
/// sum of `ln m`) is computed once per `x`; per customer remains one logarithm.
struct Prepared {
    per_x: Vec<PerX>,
    /// Each customer's `(x, m)`.
    customers: Vec<(f64, f64)>,
}

/// The customers with one number of repeat purchases.
struct PerX {
    x: f64,
    ln_x: f64,
    n: f64,
    sum_ln_m: f64,
}

impl Prepared {
    /// Customers with `x > 0` and `m > 0`, the ones the model describes.
    fn new(customers: &[Spend]) -> Self {
        let mut per_x: std::collections::BTreeMap<u32, PerX> = std::collections::BTreeMap::new();
        let mut kept = Vec::with_capacity(customers.len());
        for c in customers.iter().filter(|c| c.x > 0 && c.m > 0.0) {
            let x = f64::from(c.x);
            let group = per_x.entry(c.x).or_insert(PerX { x, ln_x: x.ln(), n: 0.0, sum_ln_m: 0.0 });
            group.n += 1.0;
            group.sum_ln_m += c.m.ln();
            kept.push((x, c.m));
        }
        Self { per_x: per_x.into_values().collect(), customers: kept }
    }
}

/// Fits by maximum likelihood over customers with `x > 0` and `m > 0`; why not with too
/// few of them or no convergence.
pub fn fit(customers: &[Spend]) -> Result<Fit, NoFit> {
    let data = Prepared::new(customers);
    if data.customers.len() < MIN_CUSTOMERS {
        return Err(NoFit::TooFewRepeatBuyers { customers: data.customers.len(), needed: MIN_CUSTOMERS });
    }
    #[allow(clippy::cast_precision_loss)]
    let n = data.customers.len() as f64;
    let mean_m = data.customers.iter().map(|c| c.1).sum::<f64>() / n;
    // Start with moderate shapes and the scale the average spend suggests: E[z] = p·v/(q−1).
    let start = [1f64.ln(), 3f64.ln(), (2.0 * mean_m).ln()];
    let objective = |theta: &[f64], gradient: &mut [f64]| {
        let params = GammaGamma { p: theta[0].exp(), q: theta[1].exp(), v: theta[2].exp() };
        let mut g = [0.0; 3];
        let ll = log_likelihood(&params, &data, &mut g);
        for (i, value) in [params.p, params.q, params.v].into_iter().enumerate() {
            gradient[i] = -g[i] * value / n;
        }
        -ll / n
    };
    let found = minimize(objective, &start, 1e-9);
    let convergence = Convergence::of(&found)?;
    let x = &found.x;
    let (se, covariance) = identified(|t, g| _ = objective(t, g), x, n, PARAMETERS)?;
    Ok(Fit {
        params: GammaGamma { p: x[0].exp(), q: x[1].exp(), v: x[2].exp() },
        standard_errors: GammaGamma { p: se[0], q: se[1], v: se[2] },
        covariance,
        log_likelihood: -found.value * n,
        customers: data.customers.len(),
        convergence,
    })
}

/// `ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v+mx)`
/// per customer, summed, with the gradient in `(p, q, v)`. The last term, the only one
/// that needs the customer's own `m` and the parameters together, is summed as
/// `p·Σ x ln(v+mx) + q·Σ ln(v+mx)`.
fn log_likelihood(params: &GammaGamma, data: &Prepared, gradient: &mut [f64; 3]) -> f64 {
    let GammaGamma { p, q, v } = *params;
    let (lg_q, psi_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
    let mut ll = 0.0;
    let mut g = [0.0; 3];
    for c in &data.per_x {
        let px = p * c.x;
        let psi_pxq = digamma(px + q);
        ll +=
            c.n * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + px * c.ln_x) + (px - 1.0) * c.sum_ln_m;
        g[0] += c.x * (c.n * (psi_pxq - digamma(px) + c.ln_x) + c.sum_ln_m);
        g[1] += c.n * (psi_pxq - psi_q + ln_v);
        g[2] += c.n * q / v;
    }
    let [x_ln, ln, ratio] = crate::parallel::sum_chunks(&data.customers, |chunk| {
        let mut sums = [0.0; 3];
        for &(x, m) in chunk {
            let ln_vmx = (v + m * x).ln();
            sums[0] += x * ln_vmx;
            sums[1] += ln_vmx;
            sums[2] += (p * x + q) / (v + m * x);
        }
        sums
    });
    ll -= p * x_ln + q * ln;
    gradient[0] = g[0] - x_ln;
    gradient[1] = g[1] - ln;
    gradient[2] = g[2] - ratio;
    ll
}

impl GammaGamma {
    /// The expected average spend per purchase of a customer with `x` repeat purchases
    /// averaging `m`: `p(v + xm)/(px + q − 1)`, a weighted mean of the population mean
    /// `pv/(q−1)` and the customer's own average. Needs `q > 1`; `None` otherwise.
    pub fn expected_spend(&self, x: u32, m: f64) -> Option<f64> {
        let GammaGamma { p, q, v } = *self;
        let x = f64::from(x);
        (q > 1.0).then(|| p * (v + x * m) / (p * x + q - 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::models::optimize::standard_errors;
    use rand_distr::{Distribution, Gamma};
    use rand_xoshiro::Xoshiro256PlusPlus;
    use rand_xoshiro::rand_core::SeedableRng;

    const TRUE: GammaGamma = GammaGamma { p: 6.0, q: 4.0, v: 15.0 };

    /// `n` customers with 1–10 repeat purchases each; the average of `x` draws of
    /// `Gamma(p, ν)` is `Gamma(px, xν)`.
    fn simulate(n: usize, seed: u64) -> Vec<Spend> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let nu = Gamma::new(TRUE.q, 1.0 / TRUE.v).unwrap();
        (0..n)
            .map(|i| {
                let x = u32::try_from(i % 10).unwrap() + 1;
                let rate: f64 = nu.sample(&mut rng);
                let m =
                    Gamma::new(TRUE.p * f64::from(x), 1.0 / (f64::from(x) * rate)).unwrap().sample(&mut rng);
                Spend { x, m }
            })
            .collect()
    }

    #[test]
    fn gradient_matches_the_likelihood() {
        let data = Prepared::new(&simulate(500, 5));
        let at = GammaGamma { p: 4.0, q: 3.0, v: 20.0 };
        let mut g = [0.0; 3];
        log_likelihood(&at, &data, &mut g);
        let ll = |p: GammaGamma| log_likelihood(&p, &data, &mut [0.0; 3]);
        let moved = |i: usize, h: f64| match i {
            0 => GammaGamma { p: at.p + h, ..at },
            1 => GammaGamma { q: at.q + h, ..at },
            _ => GammaGamma { v: at.v + h, ..at },
        };
        for (i, value) in [at.p, at.q, at.v].into_iter().enumerate() {
            let h = 1e-5 * value;
            let numeric = (ll(moved(i, h)) - ll(moved(i, -h))) / (2.0 * h);
            assert!((g[i] - numeric).abs() < 1e-6 * numeric.abs().max(1.0), "{i}: {} vs {numeric}", g[i]);
        }
    }

    #[test]
    fn one_customer_likelihood_worked_by_hand() {
        // p = 1, q = 2, v = 3, x = 2, m = 4: the average of two Exponential(ν) purchases is
        // Gamma(2, 2ν); integrating ν ~ Gamma(2, 3) gives
        // f(m) = Γ(4)/(Γ(2)Γ(2)) · 3² · 2² · m / (3 + 2m)⁴ = 6 · 9 · 4 · 4 / 11⁴.
        let by_hand: f64 = 6.0 * 9.0 * 4.0 * 4.0 / 11f64.powi(4);
        let data = Prepared::new(&[Spend { x: 2, m: 4.0 }]);
        let ll = log_likelihood(&GammaGamma { p: 1.0, q: 2.0, v: 3.0 }, &data, &mut [0.0; 3]);
        assert!((ll - by_hand.ln()).abs() < 1e-12, "{ll} vs {}", by_hand.ln());
    }

    #[test]
    fn recovers_simulated_parameters() {
        for (n, seed) in [(3_000, 21), (30_000, 22)] {
            let customers = simulate(n, seed);
            let fit = fit(&customers).expect("the fit converges");
            let data = Prepared::new(&customers);
            #[allow(clippy::cast_precision_loss)]
            let count = data.customers.len() as f64;
            let gradient = |theta: &[f64], out: &mut [f64]| {
                let p = GammaGamma { p: theta[0].exp(), q: theta[1].exp(), v: theta[2].exp() };
                let mut g = [0.0; 3];
                log_likelihood(&p, &data, &mut g);
                for (i, value) in [p.p, p.q, p.v].into_iter().enumerate() {
                    out[i] = -g[i] * value / count;
                }
            };
            let p = fit.params;
            let theta = [p.p.ln(), p.q.ln(), p.v.ln()];
            let se = standard_errors(gradient, &theta, count).unwrap();
            for (i, truth) in [TRUE.p, TRUE.q, TRUE.v].into_iter().enumerate() {
                let z = (theta[i] - truth.ln()) / se[i];
                assert!(
                    z.abs() < 4.0,
                    "n = {n}, parameter {i}: fitted {} true {truth} (z = {z:.2})",
                    theta[i].exp()
                );
            }
        }
    }

    #[test]
    fn expected_spend_shrinks_towards_the_population_mean() {
        let g = GammaGamma { p: 2.0, q: 3.0, v: 100.0 };
        // Population mean p·v/(q−1) = 100; a one-purchase customer averaging 300:
        // 2·(100 + 300)/(2 + 2) = 200.
        assert_eq!(g.expected_spend(0, 0.0), Some(100.0));
        assert_eq!(g.expected_spend(1, 300.0), Some(200.0));
        assert_eq!(GammaGamma { q: 1.0, ..g }.expected_spend(1, 300.0), None);
    }
}
