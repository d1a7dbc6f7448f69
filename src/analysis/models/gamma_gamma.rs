//! Gamma-Gamma: how much customers spend per purchase (Fader, Hardie & Lee 2005, "RFM and
//! CLV: using iso-value curves for customer base analysis", JMR 42(4); the note "The
//! Gamma-Gamma model of monetary value", Fader & Hardie 2013).
//!
//! Each purchase of a customer is `z ~ Gamma(p, ν)`, with `ν ~ Gamma(q, γ)` across
//! customers (`γ` is `v` here, as in lifetimes). Spend is assumed independent of how often
//! a customer buys. Fitted on customers with repeat purchases and a positive average.

use super::bg_nbd::parallel;
use super::optimize::{Minimum, minimize};
use super::special::{digamma, ln_gamma};

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

#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    pub params: GammaGamma,
    pub log_likelihood: f64,
    /// Customers the fit used (repeat purchases, positive average spend).
    pub customers: usize,
    pub iterations: u32,
}

/// Customers with repeat purchases needed before a fit is attempted.
pub const MIN_CUSTOMERS: usize = 30;

/// A customer prepared for fitting: `ln m` and `ln x` computed once.
#[derive(Clone, Copy)]
struct Prepared {
    x: f64,
    m: f64,
    ln_m: f64,
    ln_x: f64,
}

/// Fits by maximum likelihood over customers with `x > 0` and `m > 0`; `None` with too few.
pub fn fit(customers: &[Spend]) -> Option<Fit> {
    let data: Vec<Prepared> = customers
        .iter()
        .filter(|c| c.x > 0 && c.m > 0.0)
        .map(|c| {
            let x = f64::from(c.x);
            Prepared { x, m: c.m, ln_m: c.m.ln(), ln_x: x.ln() }
        })
        .collect();
    if data.len() < MIN_CUSTOMERS {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = data.len() as f64;
    let mean_m = data.iter().map(|c| c.m).sum::<f64>() / n;
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
    let Minimum { x, value, iterations, converged } = minimize(objective, &start, 1e-9);
    converged.then(|| Fit {
        params: GammaGamma { p: x[0].exp(), q: x[1].exp(), v: x[2].exp() },
        log_likelihood: -value * n,
        customers: data.len(),
        iterations,
    })
}

/// `ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v+mx)`
/// per customer, summed, with the gradient in `(p, q, v)`.
fn log_likelihood(params: &GammaGamma, data: &[Prepared], gradient: &mut [f64; 3]) -> f64 {
    let GammaGamma { p, q, v } = *params;
    let (lg_q, psi_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
    let (ll, g) = parallel(data, |chunk| {
        let mut ll = 0.0;
        let mut g = [0.0; 4];
        for c in chunk {
            let px = p * c.x;
            let ln_vmx = (v + c.m * c.x).ln();
            let psi_pxq = digamma(px + q);
            ll += ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + (px - 1.0) * c.ln_m + px * c.ln_x
                - (px + q) * ln_vmx;
            g[0] += c.x * (psi_pxq - digamma(px) + c.ln_m + c.ln_x - ln_vmx);
            g[1] += psi_pxq - psi_q + ln_v - ln_vmx;
            g[2] += q / v - (px + q) / (v + c.m * c.x);
        }
        (ll, g)
    });
    gradient.copy_from_slice(&g[..3]);
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
    fn one_customer_likelihood_worked_by_hand() {
        // p = 1, q = 2, v = 3, x = 2, m = 4: the average of two Exponential(ν) purchases is
        // Gamma(2, 2ν); integrating ν ~ Gamma(2, 3) gives
        // f(m) = Γ(4)/(Γ(2)Γ(2)) · 3² · 2² · m / (3 + 2m)⁴ = 6 · 9 · 4 · 4 / 11⁴.
        let by_hand: f64 = 6.0 * 9.0 * 4.0 * 4.0 / 11f64.powi(4);
        let data = [Prepared { x: 2.0, m: 4.0, ln_m: 4f64.ln(), ln_x: 2f64.ln() }];
        let ll = log_likelihood(&GammaGamma { p: 1.0, q: 2.0, v: 3.0 }, &data, &mut [0.0; 3]);
        assert!((ll - by_hand.ln()).abs() < 1e-12, "{ll} vs {}", by_hand.ln());
    }

    #[test]
    fn recovers_simulated_parameters() {
        for (n, seed) in [(3_000, 21), (30_000, 22)] {
            let customers = simulate(n, seed);
            let fit = fit(&customers).expect("the fit converges");
            let data: Vec<Prepared> = customers
                .iter()
                .map(|c| Prepared { x: f64::from(c.x), m: c.m, ln_m: c.m.ln(), ln_x: f64::from(c.x).ln() })
                .collect();
            #[allow(clippy::cast_precision_loss)]
            let count = data.len() as f64;
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
