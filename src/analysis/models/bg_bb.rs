//! BG/BB: repeat transactions at discrete opportunities — a yearly donation, a renewal, an
//! annual event (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
//! noncontractual setting", Marketing Science 29(6), 1086–1108).
//!
//! While active, a customer transacts at each opportunity with probability
//! `p ~ Beta(α, β)`; before each opportunity an active customer leaves for good with
//! probability `θ ~ Beta(γ, δ)`. A history is `x` transactions in `n` opportunities after
//! the first, the last at opportunity `tₓ` (0 without any).

use super::optimize::minimize;
use super::special::{digamma, ln_beta, ln_gamma};
use super::{Convergence, NoFit, identified};

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BgBb {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
    pub delta: f64,
}

/// `count` customers with `x` transactions in `n` opportunities, the last at `t_x`:
/// `x ≤ t_x ≤ n`, and `t_x = 0` exactly when `x = 0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pattern {
    pub x: u32,
    pub t_x: u32,
    pub n: u32,
    pub count: f64,
}

/// The parameters' names, as a reason names one.
pub const PARAMETERS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    /// What one step of `n` is: `"opportunity"`.
    pub time_unit: &'static str,
    pub params: BgBb,
    /// The standard error of each parameter, from the observed information.
    pub standard_errors: BgBb,
    /// The covariance of the logarithms of the parameters (the inverse of the observed
    /// information), for the parametric bootstrap; not printed.
    #[serde(skip)]
    pub covariance: [[f64; 4]; 4],
    pub log_likelihood: f64,
    pub convergence: Convergence,
}

/// Customers needed before a fit is attempted.
pub const MIN_CUSTOMERS: f64 = 30.0;

/// Fits by maximum likelihood (BFGS on the logarithms of the parameters, with the analytic
/// gradient). Why not with fewer than 30 customers, nobody transacting again, or no
/// convergence.
pub fn fit(patterns: &[Pattern]) -> Result<Fit, NoFit> {
    let customers: f64 = patterns.iter().map(|p| p.count).sum();
    if customers < MIN_CUSTOMERS {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let customers = customers as usize;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Err(NoFit::TooFewCustomers { customers, needed: MIN_CUSTOMERS as usize });
    }
    if patterns.iter().all(|p| p.x == 0 || p.count == 0.0) {
        return Err(NoFit::NoRepeatPurchases);
    }
    let patterns = grouped(patterns);
    let found =
        minimize(|theta, gradient| mean_negative(theta, &patterns, customers, gradient), &[0.0; 4], 1e-9);
    let convergence = Convergence::of(&found)?;
    let (se, covariance) =
        identified(|t, g| _ = mean_negative(t, &patterns, customers, g), &found.x, customers, PARAMETERS)?;
    Ok(Fit {
        time_unit: "opportunity",
        params: from_logs(&found.x),
        standard_errors: BgBb { alpha: se[0], beta: se[1], gamma: se[2], delta: se[3] },
        covariance,
        log_likelihood: -found.value * customers,
        convergence,
    })
}

/// The mean negative log-likelihood at the logarithms of the parameters, with its gradient.
pub(super) fn mean_negative(
    theta: &[f64],
    patterns: &[Pattern],
    customers: f64,
    gradient: &mut [f64],
) -> f64 {
    let p = from_logs(theta);
    let mut g = [0.0; 4];
    let ll = log_likelihood(&p, patterns, &mut g);
    for (i, v) in [p.alpha, p.beta, p.gamma, p.delta].into_iter().enumerate() {
        gradient[i] = -g[i] * v / customers;
    }
    -ll / customers
}

/// Equal histories counted once, in a fixed order.
pub(super) fn grouped(patterns: &[Pattern]) -> Vec<Pattern> {
    let mut sorted: Vec<Pattern> = patterns.iter().copied().filter(|p| p.count > 0.0).collect();
    sorted.sort_by_key(|p| (p.n, p.x, p.t_x));
    let mut groups: Vec<Pattern> = Vec::new();
    for p in sorted {
        match groups.last_mut() {
            Some(g) if (g.x, g.t_x, g.n) == (p.x, p.t_x, p.n) => g.count += p.count,
            _ => groups.push(p),
        }
    }
    groups
}

pub(super) fn from_logs(theta: &[f64]) -> BgBb {
    BgBb { alpha: theta[0].exp(), beta: theta[1].exp(), gamma: theta[2].exp(), delta: theta[3].exp() }
}

/// `Σ count · ln L(x, tₓ, n)` (their eq. 5), where
///
/// ```text
/// L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
///   + Σ_{i=0}^{n−tₓ−1} B(α+x, β+tₓ−x+i)/B(α,β) · B(γ+1, δ+tₓ+i)/B(γ,δ):
/// ```
///
/// alive at the end, or gone after opportunity `tₓ + i` having made no transaction since
/// `tₓ`. The terms are added as logarithms, relative to the largest, so none underflows.
/// The gradient in `(α, β, γ, δ)` goes to `gradient`: each term's, from
/// `∂ ln B(a, b)/∂a = ψ(a) − ψ(a+b)`, weighted by the term's share of `L`.
pub fn log_likelihood(p: &BgBb, patterns: &[Pattern], gradient: &mut [f64; 4]) -> f64 {
    let mut ll = 0.0;
    *gradient = [0.0; 4];
    for h in patterns {
        let (value, g) = p.ln_likelihood_with_gradient(h);
        ll += h.count * value;
        for i in 0..4 {
            gradient[i] += h.count * g[i];
        }
    }
    ll
}

/// `(∂/∂a, ∂/∂b) ln B(a, b)`.
fn d_ln_beta(a: f64, b: f64) -> [f64; 2] {
    let psi_ab = digamma(a + b);
    [digamma(a) - psi_ab, digamma(b) - psi_ab]
}

impl BgBb {
    /// `ln B(α+x, β+n−x)/B(α,β) + ln B(γ, δ+n+m)/B(γ,δ)`: transacting `x` times in `n` and
    /// being alive at opportunity `n + m`.
    fn ln_alive_at(&self, h: &Pattern, m: u32) -> f64 {
        let BgBb { alpha, beta, gamma, delta } = *self;
        let (x, n) = (f64::from(h.x), f64::from(h.n));
        ln_beta(alpha + x, beta + n - x) - ln_beta(alpha, beta) + ln_beta(gamma, delta + n + f64::from(m))
            - ln_beta(gamma, delta)
    }

    /// `ln L(x, tₓ, n)` of one history.
    fn ln_likelihood(&self, h: &Pattern) -> f64 {
        self.ln_likelihood_with_gradient(h).0
    }

    /// `ln L(x, tₓ, n)` of one history, with its gradient in `(α, β, γ, δ)`.
    fn ln_likelihood_with_gradient(&self, h: &Pattern) -> (f64, [f64; 4]) {
        let BgBb { alpha, beta, gamma, delta } = *self;
        let (x, t_x, n) = (f64::from(h.x), f64::from(h.t_x), f64::from(h.n));
        let (lb_ab, lb_gd) = (ln_beta(alpha, beta), ln_beta(gamma, delta));
        let ([a0, b0], [g0, d0]) = (d_ln_beta(alpha, beta), d_ln_beta(gamma, delta));
        let term = |(purchase, stay): ((f64, f64), (f64, f64))| {
            let value = ln_beta(purchase.0, purchase.1) - lb_ab + ln_beta(stay.0, stay.1) - lb_gd;
            let ([a, b], [g, d]) = (d_ln_beta(purchase.0, purchase.1), d_ln_beta(stay.0, stay.1));
            (value, [a - a0, b - b0, g - g0, d - d0])
        };
        // Gone after opportunity tₓ + i, for i < n − tₓ; then alive throughout.
        let mut terms: Vec<(f64, [f64; 4])> = (0..h.n.saturating_sub(h.t_x))
            .map(|i| {
                let i = f64::from(i);
                term(((alpha + x, beta + t_x - x + i), (gamma + 1.0, delta + t_x + i)))
            })
            .collect();
        terms.push(term(((alpha + x, beta + n - x), (gamma, delta + n))));
        let top = terms.iter().map(|t| t.0).fold(f64::NEG_INFINITY, f64::max);
        let (mut sum, mut gradient) = (0.0, [0.0; 4]);
        for (value, g) in &terms {
            let w = (value - top).exp();
            sum += w;
            for i in 0..4 {
                gradient[i] += w * g[i];
            }
        }
        (top + sum.ln(), gradient.map(|g| g / sum))
    }

    /// The probability the customer is alive at the next opportunity, `n + 1` (their eq. 11):
    /// `B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(x, tₓ, n)`.
    pub fn p_alive(&self, h: &Pattern) -> f64 {
        (self.ln_alive_at(h, 1) - self.ln_likelihood(h)).exp()
    }

    /// Expected transactions in the next `m` opportunities (their eq. 13):
    /// `B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
    ///  · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)] / L(x, tₓ, n)`;
    /// `None` at `γ = 1`, where the formula has a removable singularity.
    pub fn expected_transactions(&self, h: &Pattern, m: u32) -> Option<f64> {
        let BgBb { alpha, beta, gamma, delta } = *self;
        if (gamma - 1.0).abs() < 1e-9 {
            return None;
        }
        let (x, n, m) = (f64::from(h.x), f64::from(h.n), f64::from(m));
        let ratio = |k: f64| (ln_gamma(1.0 + delta + k) - ln_gamma(gamma + delta + k)).exp();
        let ln_front = ln_beta(alpha + x + 1.0, beta + n - x) - ln_beta(alpha, beta)
            + ln_gamma(gamma + delta)
            - ln_gamma(1.0 + delta)
            - self.ln_likelihood(h);
        Some(ln_front.exp() * delta / (gamma - 1.0) * (ratio(n) - ratio(n + m)))
    }
}

#[cfg(test)]
pub mod simulate {
    //! Customers drawn from the BG/BB itself.
    use super::{BgBb, Pattern};
    use rand_distr::{Beta, Distribution, StandardUniform};
    use rand_xoshiro::Xoshiro256PlusPlus;
    use rand_xoshiro::rand_core::SeedableRng;

    /// `customers` customers, each observed over `n` opportunities.
    pub fn patterns(p: BgBb, customers: usize, n: u32, seed: u64) -> Vec<Pattern> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let (buy, leave) = (Beta::new(p.alpha, p.beta).unwrap(), Beta::new(p.gamma, p.delta).unwrap());
        (0..customers)
            .map(|_| {
                let (chance, churn): (f64, f64) = (buy.sample(&mut rng), leave.sample(&mut rng));
                let (mut x, mut t_x) = (0, 0);
                for t in 1..=n {
                    let u: f64 = StandardUniform.sample(&mut rng);
                    if u < churn {
                        break;
                    }
                    let u: f64 = StandardUniform.sample(&mut rng);
                    if u < chance {
                        x += 1;
                        t_x = t;
                    }
                }
                Pattern { x, t_x, n, count: 1.0 }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::models::optimize::standard_errors;

    #[test]
    fn gradient_matches_the_likelihood() {
        let patterns =
            grouped(&simulate::patterns(BgBb { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, 500, 6, 3));
        let p = BgBb { alpha: 0.9, beta: 1.3, gamma: 0.5, delta: 3.5 };
        let mut g = [0.0; 4];
        log_likelihood(&p, &patterns, &mut g);
        let at = |q: BgBb| log_likelihood(&q, &patterns, &mut [0.0; 4]);
        let h = 1e-6;
        let numeric = [
            (at(BgBb { alpha: p.alpha + h, ..p }) - at(BgBb { alpha: p.alpha - h, ..p })) / (2.0 * h),
            (at(BgBb { beta: p.beta + h, ..p }) - at(BgBb { beta: p.beta - h, ..p })) / (2.0 * h),
            (at(BgBb { gamma: p.gamma + h, ..p }) - at(BgBb { gamma: p.gamma - h, ..p })) / (2.0 * h),
            (at(BgBb { delta: p.delta + h, ..p }) - at(BgBb { delta: p.delta - h, ..p })) / (2.0 * h),
        ];
        for i in 0..4 {
            assert!(
                (g[i] - numeric[i]).abs() < 1e-4 * numeric[i].abs().max(1.0),
                "{i}: {} vs {}",
                g[i],
                numeric[i]
            );
        }
    }

    #[test]
    fn one_history_worked_by_hand() {
        // α = β = γ = δ = 1 (every p and θ uniform), x = 1, tₓ = 1, n = 2:
        // alive throughout: B(2,2)/B(1,1) · B(1,3)/B(1,1) = 1/6 · 1/3 = 1/18;
        // gone after opportunity 1: B(2,1)/B(1,1) · B(2,2)/B(1,1) = 1/2 · 1/6 = 1/12.
        let p = BgBb { alpha: 1.0, beta: 1.0, gamma: 1.0, delta: 1.0 };
        let h = Pattern { x: 1, t_x: 1, n: 2, count: 1.0 };
        let want = 1.0f64 / 18.0 + 1.0 / 12.0;
        assert!((log_likelihood(&p, &[h], &mut [0.0; 4]) - want.ln()).abs() < 1e-13);
        // Alive at opportunity 3: B(2,2) · B(1,4) / L = (1/6 · 1/4) / (5/36) = 0.3.
        assert!((p.p_alive(&h) - 0.3).abs() < 1e-13, "{}", p.p_alive(&h));
        // Over no further opportunities, no transactions; at γ = 1 no formula.
        let q = BgBb { gamma: 2.0, ..p };
        assert!(q.expected_transactions(&h, 0).unwrap().abs() < 1e-15);
        assert_eq!(p.expected_transactions(&h, 3), None);
    }

    /// Simulated customers: the expected transactions in the next opportunities agree with
    /// what the same customers then do, and the parameters fit back within four standard
    /// errors at two sizes.
    #[test]
    fn recovers_simulated_parameters() {
        let truth = BgBb { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
        for (customers, seed) in [(3_000, 31), (30_000, 32)] {
            let patterns = grouped(&simulate::patterns(truth, customers, 6, seed));
            let fit = fit(&patterns).expect("the fit converges");
            let p = fit.params;
            let theta = [p.alpha.ln(), p.beta.ln(), p.gamma.ln(), p.delta.ln()];
            #[allow(clippy::cast_precision_loss)]
            let n = customers as f64;
            let se = standard_errors(|t, g| _ = mean_negative(t, &patterns, n, g), &theta, n).unwrap();
            let want = [truth.alpha, truth.beta, truth.gamma, truth.delta];
            for i in 0..4 {
                let z = (theta[i] - want[i].ln()) / se[i];
                assert!(
                    z.abs() < 4.0,
                    "{customers}: parameter {i} fitted {} true {} z {z:.2}",
                    theta[i].exp(),
                    want[i]
                );
            }
        }
    }
}
