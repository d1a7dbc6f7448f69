//! BG/NBD: repeat purchasing when customers leave silently (Fader, Hardie & Lee 2005,
//! "Counting your customers the easy way", Marketing Science 24(2)).
//!
//! While active, a customer buys at rate `λ ~ Gamma(r, α)` per day; after each repeat
//! purchase they leave for good with probability `p ~ Beta(a, b)`. A customer's history
//! enters only as `x` repeat purchases, the day `tₓ` of the last one and their age `T`,
//! all counted from the first purchase.

use super::optimize::{mean_negative_in_logs, minimize};
use super::special::{digamma, hyp2f1, ln_beta, ln_gamma};
use super::{Convergence, NoFit, identified};

/// When a customer may leave: BG/NBD lets them leave only after a repeat purchase; the
/// modified model, MBG/NBD (Batislam, Denizel & Filiztekin 2007), also right after the
/// first, so a one-off buyer need not still be active. Both share every formula but one
/// shift: where BG/NBD has `b + x − 1`, MBG/NBD has `b + x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dropout {
    AfterRepeat,
    AfterAny,
}

impl Dropout {
    /// `d` in `B(a, b+x+d)`, `a/(b+x−1+d)` and `₂F₁(r+x, b+x+d; a+b+x−1+d; ·)`.
    fn shift(self) -> f64 {
        match self {
            Dropout::AfterRepeat => 0.0,
            Dropout::AfterAny => 1.0,
        }
    }

    /// Whether a customer with `x` repeat purchases may have left already.
    fn may_have_left(self, x: usize) -> bool {
        x > 0 || self == Dropout::AfterAny
    }
}

/// Fitted parameters; `alpha` is in days.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// One customer: `x` repeat purchases, the last `t_x` days after the first, observed for `t` days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rfm {
    pub x: u32,
    pub t_x: f64,
    pub t: f64,
}

/// Customers with the same history, counted once; times as indices into `Prepared::times`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    pub x: u32,
    pub t_x: u32,
    pub t: u32,
    pub n: f64,
}

/// The customers prepared for fitting: grouped, with counts per `x`, and the distinct
/// times they were observed at (whole days in practice: a thousand values for a million
/// customers), so the logarithms of `α + t` are computed once per time, not per customer.
pub struct Prepared {
    pub(super) groups: Vec<Group>,
    /// Customers per number of repeat purchases.
    pub(super) per_x: Vec<f64>,
    pub(super) times: Vec<f64>,
    pub(super) customers: f64,
}

impl Prepared {
    pub fn new(customers: &[Rfm]) -> Self {
        let (times, sorted) = super::histories::sorted(customers);
        let mut groups: Vec<Group> = Vec::new();
        for (x, t_x, t) in sorted {
            match groups.last_mut() {
                // Exactly equal histories only: the same times, not times within a tolerance.
                Some(g) if (g.x, g.t_x, g.t) == (x, t_x, t) => g.n += 1.0,
                _ => groups.push(Group { x, t_x, t, n: 1.0 }),
            }
        }
        let max_x = groups.iter().map(|g| g.x as usize).max().unwrap_or(0);
        let mut per_x = vec![0.0; max_x + 1];
        for g in &groups {
            per_x[g.x as usize] += g.n;
        }
        #[allow(clippy::cast_precision_loss)]
        let n = customers.len() as f64;
        Self { groups, per_x, times, customers: n }
    }
}

/// The fit's result.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    /// What `params` are per: `"day"` (docs/metrics.md converts them to weeks, the
    /// literature's unit).
    pub time_unit: &'static str,
    pub params: BgNbd,
    /// The standard error of each parameter, from the observed information (the inverse
    /// Hessian at the optimum).
    pub standard_errors: BgNbd,
    /// The covariance of the logarithms of the parameters (the inverse of the observed
    /// information), for the parametric bootstrap; not printed.
    #[serde(skip)]
    pub covariance: [[f64; 4]; 4],
    pub log_likelihood: f64,
    pub convergence: Convergence,
}

/// The time unit of every fitted rate: days, as the summary counts recency and T.
pub const TIME_UNIT: &str = "day";

/// The parameters' names (MBG/NBD's too), as a reason names one.
pub const PARAMETERS: [&str; 4] = ["r", "alpha", "a", "b"];

/// Customers needed before a fit is attempted.
pub const MIN_CUSTOMERS: usize = 30;

/// Fits by maximum likelihood; why not with too few customers, no repeat purchases at
/// all, or no convergence.
pub fn fit(customers: &[Rfm]) -> Result<Fit, NoFit> {
    fit_with(customers, Dropout::AfterRepeat)
}

/// Fits BG/NBD (`AfterRepeat`) or MBG/NBD (`AfterAny`), as [`fit`].
pub fn fit_with(customers: &[Rfm], dropout: Dropout) -> Result<Fit, NoFit> {
    if customers.len() < MIN_CUSTOMERS {
        return Err(NoFit::TooFewCustomers { customers: customers.len(), needed: MIN_CUSTOMERS });
    }
    if customers.iter().all(|c| c.x == 0) {
        return Err(NoFit::NoRepeatPurchases);
    }
    let data = Prepared::new(customers);
    #[allow(clippy::cast_precision_loss)]
    let (mean_x, mean_t) = (
        customers.iter().map(|c| f64::from(c.x)).sum::<f64>() / data.customers,
        customers.iter().map(|c| c.t).sum::<f64>() / data.customers,
    );
    // Start from the purchase rate the averages suggest, and a moderate dropout.
    let start = [0.0, ((mean_t + 1.0) / (mean_x + 1.0)).ln(), 0.0, 1f64.ln() + 1.0];
    let objective = |theta: &[f64], gradient: &mut [f64]| mean_negative(theta, dropout, &data, gradient);
    let found = minimize(objective, &start, 1e-9);
    let convergence = Convergence::of(&found)?;
    let (se, covariance) = identified(|t, g| _ = objective(t, g), &found.x, data.customers, PARAMETERS)?;
    Ok(Fit {
        time_unit: TIME_UNIT,
        params: from_logs(&found.x),
        standard_errors: BgNbd { r: se[0], alpha: se[1], a: se[2], b: se[3] },
        covariance,
        log_likelihood: -found.value * data.customers,
        convergence,
    })
}

/// The mean negative log-likelihood at the logarithms of the parameters, with its gradient
/// there: what [`fit_with`] minimises, and what the standard errors differentiate.
fn mean_negative(theta: &[f64], dropout: Dropout, data: &Prepared, gradient: &mut [f64]) -> f64 {
    mean_negative_in_logs(theta, data.customers, gradient, |&[r, alpha, a, b]| {
        let mut g = [0.0; 4];
        (log_likelihood(&BgNbd { r, alpha, a, b }, dropout, data, &mut g), g)
    })
}

fn from_logs(theta: &[f64]) -> BgNbd {
    BgNbd { r: theta[0].exp(), alpha: theta[1].exp(), a: theta[2].exp(), b: theta[3].exp() }
}

/// The log-likelihood of all customers, with its gradient in `(r, α, a, b)`.
///
/// Per customer, with `A = ln(α+T)`, `B = ln(α+tₓ)`:
/// `ℓ = C(x) − (r+x)A + [x>0]·ln(1 + eᵘ)`, where
/// `C(x) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)` and
/// `u = ln(a/(b+x−1)) + (r+x)(A−B)`. Everything that depends on `x` alone is computed
/// once per `x`, and `A`, `B` and `1/(α+t)` once per distinct time; per group of equal
/// histories remain, after a repeat purchase, one exponential and one `ln(1+·)`. Groups
/// are summed in fixed chunks over the available cores.
///
/// MBG/NBD (`dropout` = `AfterAny`) is the same with `b+x` for `b+x−1` and `B(a, b+x+1)`
/// for `B(a, b+x)`, and the `ln(1 + eᵘ)` term at `x = 0` too.
pub fn log_likelihood(p: &BgNbd, dropout: Dropout, data: &Prepared, gradient: &mut [f64; 4]) -> f64 {
    let BgNbd { r, alpha, a, b } = *p;
    let d = dropout.shift();
    let (lg_r, lb_ab, psi_r, psi_b, psi_ab) =
        (ln_gamma(r), ln_beta(a, b), digamma(r), digamma(b), digamma(a + b));
    let mut ll = 0.0;
    let mut g = [0.0; 4];
    // Per x: ln(a/(b+x−1+d)) and 1/(b+x−1+d), for the customers who may have left.
    let mut odds = vec![(0.0, 0.0); data.per_x.len()];
    for (i, &n) in data.per_x.iter().enumerate() {
        if n == 0.0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = i as f64;
        ll += n * (ln_gamma(r + x) - lg_r + r * alpha.ln() + ln_beta(a, b + x + d) - lb_ab);
        g[0] += n * (digamma(r + x) - psi_r + alpha.ln());
        g[1] += n * r / alpha;
        let psi_abx = digamma(a + b + x + d);
        g[2] += n * (psi_ab - psi_abx);
        g[3] += n * (digamma(b + x + d) - psi_abx - psi_b + psi_ab);
        if dropout.may_have_left(i) {
            let b_x = b + x - 1.0 + d;
            odds[i] = ((a / b_x).ln(), 1.0 / b_x);
        }
    }
    let ln_at: Vec<f64> = data.times.iter().map(|t| (alpha + t).ln()).collect();
    let inv_at: Vec<f64> = data.times.iter().map(|t| 1.0 / (alpha + t)).collect();
    let [part_ll, g_r, g_alpha, w_sum, w_b] = crate::parallel::sum_chunks(&data.groups, |groups| {
        // ℓ, ∂/∂r, ∂/∂α, Σ n·w (∂/∂a = that / a), Σ n·w/(b+x−1) (∂/∂b = −that).
        let mut sums = [0.0; 5];
        for c in groups {
            let x = f64::from(c.x);
            let (big_a, inv_a) = (ln_at[c.t as usize], inv_at[c.t as usize]);
            let mut term = -(r + x) * big_a;
            sums[1] -= c.n * big_a;
            sums[2] -= c.n * (r + x) * inv_a;
            if dropout.may_have_left(c.x as usize) {
                let (ln_odds, inv_b_x) = odds[c.x as usize];
                let big_b = ln_at[c.t_x as usize];
                let u = ln_odds + (r + x) * (big_a - big_b);
                // ln(1 + eᵘ) = max(u, 0) + ln(1 + e^−|u|), which cannot overflow; `ln` of
                // the rounded 1 + e is off by at most 1e-16, far below what the sum resolves.
                let e = (-u.abs()).exp();
                let one_e = 1.0 + e;
                term += u.max(0.0) + one_e.ln();
                // The share eᵘ/(1+eᵘ), from the same e.
                let share = if u >= 0.0 { 1.0 } else { e } / one_e;
                let w = c.n * share;
                sums[1] += w * (big_a - big_b);
                sums[2] += w * (r + x) * (inv_a - inv_at[c.t_x as usize]);
                sums[3] += w;
                sums[4] += w * inv_b_x;
            }
            sums[0] += c.n * term;
        }
        sums
    });
    gradient[0] = g[0] + g_r;
    gradient[1] = g[1] + g_alpha;
    gradient[2] = g[2] + w_sum / a;
    gradient[3] = g[3] - w_b;
    ll + part_ll
}

impl BgNbd {
    /// `(a/(b+x−1+d))·((α+T)/(α+tₓ))^(r+x)` for a customer who may have left, else 0:
    /// the odds that they have.
    fn odds_left(&self, dropout: Dropout, c: Rfm) -> f64 {
        if !dropout.may_have_left(c.x as usize) {
            return 0.0;
        }
        let x = f64::from(c.x);
        let log = (self.a / (self.b + x - 1.0 + dropout.shift())).ln()
            + (self.r + x) * ((self.alpha + c.t) / (self.alpha + c.t_x)).ln();
        log.exp()
    }

    /// The probability the customer is still active at the end of observation:
    /// `1 / (1 + [x>0]·(a/(b+x−1))·((α+T)/(α+tₓ))^(r+x))`.
    pub fn p_alive(&self, c: Rfm) -> f64 {
        self.p_alive_with(Dropout::AfterRepeat, c)
    }

    /// [`Self::p_alive`] under BG/NBD or MBG/NBD (`1 / (1 + (a/(b+x))·((α+T)/(α+tₓ))^(r+x))`).
    pub fn p_alive_with(&self, dropout: Dropout, c: Rfm) -> f64 {
        1.0 / (1.0 + self.odds_left(dropout, c))
    }

    /// Expected purchases in the next `t` days (Fader, Hardie & Lee 2005, eq. 10):
    /// `(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
    ///  / (1 + [x>0]·(a/(b+x−1))·((α+T)/(α+tₓ))^(r+x))`. For `a < 1` both factors of the
    /// numerator are negative and the product holds; `None` at `a = 1` (where the formula
    /// has a removable singularity) and when `a + b + x − 1 ≤ 0`.
    pub fn expected_purchases(&self, c: Rfm, t: f64) -> Option<f64> {
        self.expected_purchases_with(Dropout::AfterRepeat, c, t)
    }

    /// [`Self::expected_purchases`] under BG/NBD or MBG/NBD (Batislam et al. 2007, eq. 8:
    /// `b+x` for `b+x−1`, `b+x+1` for `b+x`).
    pub fn expected_purchases_with(&self, dropout: Dropout, c: Rfm, t: f64) -> Option<f64> {
        let BgNbd { r, alpha, a, b } = *self;
        let (x, d) = (f64::from(c.x), dropout.shift());
        if (a - 1.0).abs() < 1e-9 || a + b + x - 1.0 + d <= 0.0 {
            return None;
        }
        let z = t / (alpha + c.t + t);
        let hyper = hyp2f1(r + x, b + x + d, a + b + x - 1.0 + d, z);
        let head = (a + b + x - 1.0 + d) / (a - 1.0);
        let tail = 1.0 - ((alpha + c.t) / (alpha + c.t + t)).powf(r + x) * hyper;
        Some(head * tail / (1.0 + self.odds_left(dropout, c)))
    }
}

#[cfg(test)]
pub mod simulate {
    //! Customers drawn from the model itself, to test that fitting recovers the parameters.
    use super::{BgNbd, Dropout, Rfm};
    use rand_distr::{Beta, Distribution, Exp, Gamma};
    use rand_xoshiro::Xoshiro256PlusPlus;
    use rand_xoshiro::rand_core::SeedableRng;

    /// `n` customers observed for between `min_t` and `max_t` days.
    pub fn customers(p: BgNbd, n: usize, min_t: f64, max_t: f64, seed: u64) -> Vec<Rfm> {
        customers_with(p, Dropout::AfterRepeat, n, (min_t, max_t), seed)
    }

    /// As [`customers`], under BG/NBD or MBG/NBD (who may leave at the first purchase).
    pub fn customers_with(
        p: BgNbd,
        dropout: Dropout,
        n: usize,
        (min_t, max_t): (f64, f64),
        seed: u64,
    ) -> Vec<Rfm> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let rate = Gamma::new(p.r, 1.0 / p.alpha).unwrap();
        let churn = Beta::new(p.a, p.b).unwrap();
        #[allow(clippy::cast_precision_loss)]
        (0..n)
            .map(|i| {
                let t = min_t + (max_t - min_t) * (i as f64 + 0.5) / n as f64;
                let lambda: f64 = rate.sample(&mut rng);
                let leave: f64 = churn.sample(&mut rng);
                let gap = Exp::new(lambda).unwrap();
                let (mut x, mut now, mut last) = (0, 0.0, 0.0);
                let uniform = |rng: &mut Xoshiro256PlusPlus| -> f64 {
                    rand_distr::Distribution::<f64>::sample(&rand_distr::StandardUniform, rng)
                };
                if dropout == Dropout::AfterAny && uniform(&mut rng) < leave {
                    return Rfm { x, t_x: last, t };
                }
                loop {
                    now += gap.sample(&mut rng);
                    if now > t {
                        break;
                    }
                    x += 1;
                    last = now;
                    if uniform(&mut rng) < leave {
                        break;
                    }
                }
                Rfm { x, t_x: last, t }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::models::optimize::standard_errors;

    const TRUE: BgNbd = BgNbd { r: 0.8, alpha: 40.0, a: 0.9, b: 5.0 };

    /// The objective `fit` minimises, for the standard errors.
    fn mean_gradient(data: &Prepared, dropout: Dropout) -> impl Fn(&[f64], &mut [f64]) + '_ {
        move |theta, gradient| _ = mean_negative(theta, dropout, data, gradient)
    }

    #[test]
    fn gradient_matches_the_likelihood() {
        for dropout in [Dropout::AfterRepeat, Dropout::AfterAny] {
            let customers = simulate::customers_with(TRUE, dropout, 500, (100.0, 700.0), 3);
            let data = Prepared::new(&customers);
            let p = BgNbd { r: 0.6, alpha: 55.0, a: 1.3, b: 3.5 };
            let mut g = [0.0; 4];
            log_likelihood(&p, dropout, &data, &mut g);
            let at = |q: BgNbd| log_likelihood(&q, dropout, &data, &mut [0.0; 4]);
            let h = 1e-6;
            let numeric = [
                (at(BgNbd { r: p.r + h, ..p }) - at(BgNbd { r: p.r - h, ..p })) / (2.0 * h),
                (at(BgNbd { alpha: p.alpha + h, ..p }) - at(BgNbd { alpha: p.alpha - h, ..p })) / (2.0 * h),
                (at(BgNbd { a: p.a + h, ..p }) - at(BgNbd { a: p.a - h, ..p })) / (2.0 * h),
                (at(BgNbd { b: p.b + h, ..p }) - at(BgNbd { b: p.b - h, ..p })) / (2.0 * h),
            ];
            for i in 0..4 {
                assert!(
                    (g[i] - numeric[i]).abs() < 1e-4 * numeric[i].abs().max(1.0),
                    "{dropout:?} {i}: {} vs {}",
                    g[i],
                    numeric[i]
                );
            }
        }
    }

    #[test]
    fn one_customer_likelihood_worked_by_hand() {
        // x = 2, tₓ = 30, T = 50 with r = 1, α = 10, a = 1, b = 2:
        // term 1 = B(1,4)/B(1,2) · Γ(3)/Γ(1) · 10 / 60³ = (1/4)/(1/2) · 2 · 10/216000
        // term 2 = B(2,3)/B(1,2) · 2 · 10 / 40³ = (1/12)/(1/2) · 2 · 10/64000
        let term1: f64 = 0.5 * 2.0 * 10.0 / 216_000.0;
        let term2 = (1.0 / 6.0) * 2.0 * 10.0 / 64_000.0;
        let data = Prepared::new(&[Rfm { x: 2, t_x: 30.0, t: 50.0 }]);
        let ll = log_likelihood(
            &BgNbd { r: 1.0, alpha: 10.0, a: 1.0, b: 2.0 },
            Dropout::AfterRepeat,
            &data,
            &mut [0.0; 4],
        );
        assert!((ll - (term1 + term2).ln()).abs() < 1e-12, "{ll}");
    }

    #[test]
    fn one_customer_likelihood_worked_by_hand_under_mbg_nbd() {
        // The same customer, MBG/NBD: B(1,5)/B(1,2) · Γ(3)/Γ(1) · 10 · (1/60³ + (1/(2+2))/40³)
        // = 0.4 · 20 · (1/216000 + 1/256000).
        let p = BgNbd { r: 1.0, alpha: 10.0, a: 1.0, b: 2.0 };
        let data = Prepared::new(&[Rfm { x: 2, t_x: 30.0, t: 50.0 }]);
        let ll = log_likelihood(&p, Dropout::AfterAny, &data, &mut [0.0; 4]);
        let by_hand: f64 = 8.0 * (1.0 / 216_000.0 + 1.0 / 256_000.0);
        assert!((ll - by_hand.ln()).abs() < 1e-12, "{ll}");
        // A one-off buyer may have left at once: B(1,3)/B(1,2) · 10 · (1/60 + (1/2)/10) = 4/9.
        let once = Prepared::new(&[Rfm { x: 0, t_x: 0.0, t: 50.0 }]);
        let ll = log_likelihood(&p, Dropout::AfterAny, &once, &mut [0.0; 4]);
        assert!((ll - (4.0f64 / 9.0).ln()).abs() < 1e-12, "{ll}");
        // … so is alive with probability (1/60) / (1/60 + 1/20) = 1/4, where BG/NBD says 1.
        let alive = p.p_alive_with(Dropout::AfterAny, Rfm { x: 0, t_x: 0.0, t: 50.0 });
        assert!((alive - 0.25).abs() < 1e-12, "{alive}");
    }

    /// Fitting customers simulated from known parameters gives them back, within four
    /// standard errors (from the observed information), at several sample sizes.
    #[test]
    fn recovers_simulated_parameters() {
        let runs = [(Dropout::AfterRepeat, 2_000, 11), (Dropout::AfterRepeat, 20_000, 12)];
        let mbg = [(Dropout::AfterAny, 2_000, 14), (Dropout::AfterAny, 20_000, 15)];
        for (dropout, n, seed) in runs.into_iter().chain(mbg) {
            let customers = simulate::customers_with(TRUE, dropout, n, (90.0, 730.0), seed);
            let data = Prepared::new(&customers);
            let fit = fit_with(&customers, dropout).expect("the fit converges");
            let p = fit.params;
            let theta = [p.r.ln(), p.alpha.ln(), p.a.ln(), p.b.ln()];
            let se = standard_errors(mean_gradient(&data, dropout), &theta, data.customers)
                .expect("information is invertible");
            let truth = [TRUE.r, TRUE.alpha, TRUE.a, TRUE.b];
            for i in 0..4 {
                let z = (theta[i] - truth[i].ln()) / se[i];
                assert!(
                    z.abs() < 4.0,
                    "{dropout:?}, n = {n}, parameter {i}: fitted {} true {} (z = {z:.2})",
                    theta[i].exp(),
                    truth[i]
                );
            }
        }
    }

    /// docs/metrics.md's conversion to weeks: the same customers with their times in weeks
    /// fit the same r, a and b, α ÷ 7, and a log-likelihood larger by ln 7 per repeat
    /// purchase.
    #[test]
    fn a_fit_in_weeks_is_the_fit_in_days_rescaled() {
        let days = simulate::customers(TRUE, 2_000, 90.0, 730.0, 13);
        let weeks: Vec<Rfm> = days.iter().map(|c| Rfm { x: c.x, t_x: c.t_x / 7.0, t: c.t / 7.0 }).collect();
        let (d, w) = (fit(&days).unwrap(), fit(&weeks).unwrap());
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs();
        assert!(
            close(w.params.r, d.params.r) && close(w.params.a, d.params.a) && close(w.params.b, d.params.b)
        );
        assert!(
            close(w.params.alpha, d.params.alpha / 7.0),
            "{} vs {}",
            w.params.alpha,
            d.params.alpha / 7.0
        );
        let repeat: f64 = days.iter().map(|c| f64::from(c.x)).sum();
        assert!(close(w.log_likelihood, d.log_likelihood + repeat * 7f64.ln()));
        assert_eq!(d.time_unit, "day");
    }

    #[test]
    fn predictions_at_the_edges() {
        let p = BgNbd { r: 0.5, alpha: 20.0, a: 2.0, b: 4.0 };
        // Without repeat purchases a customer cannot have left.
        assert!((p.p_alive(Rfm { x: 0, t_x: 0.0, t: 100.0 }) - 1.0).abs() < f64::EPSILON);
        // A customer who bought often and long ago is probably gone; one who just bought is not.
        let stale = p.p_alive(Rfm { x: 10, t_x: 20.0, t: 400.0 });
        let fresh = p.p_alive(Rfm { x: 10, t_x: 400.0, t: 400.0 });
        assert!(stale < 0.01 && fresh > 0.5, "{stale} {fresh}");
        // Over no time, no purchases; over more time, more.
        let c = Rfm { x: 3, t_x: 200.0, t: 300.0 };
        assert!(p.expected_purchases(c, 0.0).unwrap().abs() < 1e-12);
        assert!(p.expected_purchases(c, 365.0).unwrap() < p.expected_purchases(c, 730.0).unwrap());
        assert_eq!(BgNbd { a: 1.0, ..p }.expected_purchases(c, 365.0), None);
        // Below a = 1 the expectation is still positive and close to its neighbours.
        let below = BgNbd { a: 0.999, ..p }.expected_purchases(c, 365.0).unwrap();
        let above = BgNbd { a: 1.001, ..p }.expected_purchases(c, 365.0).unwrap();
        assert!(below > 0.0 && (below - above).abs() < 0.01 * above, "{below} {above}");
    }
}
