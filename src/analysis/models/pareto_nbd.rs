//! Pareto/NBD: repeat purchasing when customers leave silently at any time (Schmittlein,
//! Morrison & Colombo 1987, "Counting your customers", Management Science 33(1); the
//! likelihood as derived in Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD
//! model and related expressions").
//!
//! While active, a customer buys at rate `λ ~ Gamma(r, α)` per day; they leave after an
//! exponential lifetime of rate `μ ~ Gamma(s, β)`, whether they buy or not (BG/NBD lets
//! them leave only at a purchase). A history enters as in BG/NBD: `x` repeat purchases,
//! the last at `tₓ`, observed for `T` days from the first purchase.

use super::bg_nbd::{self, Rfm};
use super::optimize::{mean_negative_in_logs, minimize};
use super::special::{SeriesCoefficients, digamma, hyp2f1_one, hyp2f1_one_with_derivatives_from, ln_gamma};
use super::{Convergence, NoFit, identified};

/// Fitted parameters; `alpha` and `beta` are in days.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ParetoNbd {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

/// The parameters' names, as a reason names one.
pub const PARAMETERS: [&str; 4] = ["r", "alpha", "s", "beta"];

/// The fit's result.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    /// What `alpha` and `beta` are per: `"day"`.
    pub time_unit: &'static str,
    pub params: ParetoNbd,
    /// The standard error of each parameter, from the observed information.
    pub standard_errors: ParetoNbd,
    /// The covariance of the logarithms of the parameters (the inverse of the observed
    /// information), for the parametric bootstrap; not printed.
    #[serde(skip)]
    pub covariance: [[f64; 4]; 4],
    pub log_likelihood: f64,
    pub convergence: Convergence,
}

/// Fits by maximum likelihood, as BG/NBD: why not with too few customers, no repeat
/// purchases at all, or no convergence.
pub fn fit(customers: &[Rfm]) -> Result<Fit, NoFit> {
    if customers.len() < super::bg_nbd::MIN_CUSTOMERS {
        return Err(NoFit::TooFewCustomers {
            customers: customers.len(),
            needed: super::bg_nbd::MIN_CUSTOMERS,
        });
    }
    if customers.iter().all(|c| c.x == 0) {
        return Err(NoFit::NoRepeatPurchases);
    }
    let data = Prepared::new(customers);
    let n = data.base.customers;
    #[allow(clippy::cast_precision_loss)]
    let (mean_x, mean_t) = (
        customers.iter().map(|c| f64::from(c.x)).sum::<f64>() / n,
        customers.iter().map(|c| c.t).sum::<f64>() / n,
    );
    // The purchase rate the averages suggest, and customers who stay about as long as they
    // have been observed.
    let start = [0.0, ((mean_t + 1.0) / (mean_x + 1.0)).ln(), 0.0, (mean_t + 1.0).ln()];
    let found = minimize(|theta, gradient| mean_negative(theta, &data, gradient), &start, 1e-9);
    let convergence = Convergence::of(&found)?;
    let (se, covariance) = identified(|t, g| _ = mean_negative(t, &data, g), &found.x, n, PARAMETERS)?;
    Ok(Fit {
        time_unit: super::bg_nbd::TIME_UNIT,
        params: from_logs(&found.x),
        standard_errors: ParetoNbd { r: se[0], alpha: se[1], s: se[2], beta: se[3] },
        covariance,
        log_likelihood: -found.value * n,
        convergence,
    })
}

/// The mean negative log-likelihood at the logarithms of the parameters, with its gradient
/// there: what [`fit`] minimises, and what the standard errors differentiate.
pub(super) fn mean_negative(theta: &[f64], data: &Prepared, gradient: &mut [f64]) -> f64 {
    mean_negative_in_logs(theta, data.base.customers, gradient, |&[r, alpha, s, beta]| {
        let mut g = [0.0; 4];
        (log_likelihood(&ParetoNbd { r, alpha, s, beta }, data, &mut g), g)
    })
}

pub(super) fn from_logs(theta: &[f64]) -> ParetoNbd {
    ParetoNbd { r: theta[0].exp(), alpha: theta[1].exp(), s: theta[2].exp(), beta: theta[3].exp() }
}

/// A value with its gradient in `(r, α, s, β)`.
#[derive(Clone, Copy, Debug)]
struct WithGradient {
    value: f64,
    gradient: [f64; 4],
}

/// `ln P(τ)`, where `s·∫_{tₓ}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = s/(r+s+x) · (P(tₓ) − P(T))`.
///
/// The note writes `P(τ) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+τ)) / (α+τ)^(r+s+x)` for
/// `α ≥ β`, and with `β` and `α`, `s+1` and `r+x` exchanged otherwise, so that the argument
/// lies in `[0, 1)`. Euler's transformation turns both into a series whose terms do not grow
/// with `x` (see [`hyp2f1_one_with_derivatives_from`]):
/// - `α ≥ β`: `P(τ) = (α+τ)^−(r+x) (β+τ)^−s ₂F₁(1, r+x; r+s+x+1; (α−β)/(α+τ))`,
/// - `α < β`: `P(τ) = (α+τ)^(1−r−x) (β+τ)^−(s+1) ₂F₁(1, s+1; r+s+x+1; (β−α)/(β+τ))`.
///
/// `None` where the series cannot be summed (its argument within about 4e-4 of 1).
/// `cache` keeps the series' coefficients from one call to the next: the same for every `τ`
/// of one `x`.
fn ln_p(
    p: &ParetoNbd,
    x: f64,
    tau: f64,
    logs: (f64, f64),
    cache: &mut Option<SeriesCoefficients>,
) -> Option<WithGradient> {
    let ParetoNbd { r, alpha, s, beta } = *p;
    let (at, bt) = (alpha + tau, beta + tau);
    let (ln_a, ln_b) = logs;
    let series = Series::of(p, x, tau, logs);
    let coefficients = match cache {
        Some(c) if c.are_for(series.b, series.c) => c,
        _ => cache.insert(SeriesCoefficients::new(series.b, series.c)),
    };
    let g = hyp2f1_one_with_derivatives_from(coefficients, series.z)?;
    let (gb, gc, gz) = (g.d_b / g.value, g.d_c / g.value, g.d_z / g.value);
    let gradient = if alpha >= beta {
        [-ln_a + gb + gc, -(r + x) / at + gz * bt / (at * at), -ln_b + gc, -s / bt - gz / at]
    } else {
        [-ln_a + gc, (1.0 - r - x) / at - gz / bt, -ln_b + gb + gc, -(s + 1.0) / bt + gz * at / (bt * bt)]
    };
    Some(WithGradient { value: series.head + g.value.ln(), gradient })
}

/// `ln P(τ)` alone, for predictions: the same series without its derivatives.
fn ln_p_value(p: &ParetoNbd, x: f64, tau: f64) -> Option<WithGradient> {
    let series = Series::of(p, x, tau, ((p.alpha + tau).ln(), (p.beta + tau).ln()));
    let value = series.head + hyp2f1_one(series.b, series.c, series.z)?.ln();
    Some(WithGradient { value, gradient: [0.0; 4] })
}

/// `ln P(τ) = head + ln ₂F₁(1, b; c; z)`, in the form for whichever of `α`, `β` is larger.
struct Series {
    head: f64,
    b: f64,
    c: f64,
    z: f64,
}

impl Series {
    fn of(p: &ParetoNbd, x: f64, tau: f64, (ln_a, ln_b): (f64, f64)) -> Self {
        let ParetoNbd { r, alpha, s, beta } = *p;
        let c = r + s + x + 1.0;
        if alpha >= beta {
            Self { head: -(r + x) * ln_a - s * ln_b, b: r + x, c, z: (alpha - beta) / (alpha + tau) }
        } else {
            Self {
                head: (1.0 - r - x) * ln_a - (s + 1.0) * ln_b,
                b: s + 1.0,
                c,
                z: (beta - alpha) / (beta + tau),
            }
        }
    }
}

/// One history's likelihood in parts: `ln L = C(x) + ln(E + k·(P(tₓ) − P(T)))`, with
/// `C(x) = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β`, `E = (α+T)^−(r+x) (β+T)^−s` (the
/// customer alive throughout) and `k = s/(r+s+x)`.
struct History {
    /// `ln(E + k·(P(tₓ) − P(T)))` with its gradient.
    ln_total: WithGradient,
    /// `ln E` (the part of the likelihood where the customer is still alive).
    ln_alive: f64,
}

/// One history from its `ln P(tₓ)` and `ln P(T)`, and `T` with its logarithms.
fn history(
    p: &ParetoNbd,
    x: f64,
    (at_x, at_t): (WithGradient, WithGradient),
    t: f64,
    logs_t: (f64, f64),
) -> History {
    let ParetoNbd { r, s, .. } = *p;
    let ln_e = -(r + x) * logs_t.0 - s * logs_t.1;
    let d_e = [-logs_t.0, -(r + x) / (p.alpha + t), -logs_t.1, -s / (p.beta + t)];
    let rsx = r + s + x;
    let k = s / rsx;
    let d_k = [-s / (rsx * rsx), 0.0, (r + x) / (rsx * rsx), 0.0];
    // Everything relative to P(tₓ): P(T) ≤ P(tₓ), so the difference is computed as
    // −expm1 and never cancels; E may exceed P(tₓ) (when α < β), which exp handles.
    let lost = -(at_t.value - at_x.value).exp_m1();
    let w_t = 1.0 - lost;
    let w_e = (ln_e - at_x.value).exp();
    let d = k * lost + w_e;
    let mut gradient = [0.0; 4];
    for i in 0..4 {
        gradient[i] = (w_e * d_e[i] + k * (at_x.gradient[i] - w_t * at_t.gradient[i]) + d_k[i] * lost) / d;
    }
    History { ln_total: WithGradient { value: at_x.value + d.ln(), gradient }, ln_alive: ln_e }
}

/// The customers prepared for the Pareto/NBD: BG/NBD's groups of equal histories, and the
/// distinct `(x, τ)` at which `P(τ)` is needed — a few thousand for a million customers, so
/// each series is summed once per evaluation rather than twice per group.
pub struct Prepared {
    base: bg_nbd::Prepared,
    /// `(x, index into the times)`, sorted.
    points: Vec<(u32, u32)>,
    /// Per group, the indices into `points` of `(x, tₓ)` and `(x, T)`.
    at: Vec<(u32, u32)>,
}

impl Prepared {
    pub fn new(customers: &[Rfm]) -> Self {
        let base = bg_nbd::Prepared::new(customers);
        let mut points: Vec<(u32, u32)> =
            base.groups.iter().flat_map(|g| [(g.x, g.t_x), (g.x, g.t)]).collect();
        points.sort_unstable();
        points.dedup();
        let index =
            |point: (u32, u32)| u32::try_from(points.partition_point(|q| *q < point)).unwrap_or(u32::MAX);
        let at = base.groups.iter().map(|g| (index((g.x, g.t_x)), index((g.x, g.t)))).collect();
        Self { base, points, at }
    }
}

/// The log-likelihood of all customers, with its gradient in `(r, α, s, β)`; not finite
/// where a history's series cannot be summed, which the minimiser treats as a step too far.
/// Groups of equal histories are summed in fixed chunks over the cores, as in BG/NBD.
pub fn log_likelihood(p: &ParetoNbd, data: &Prepared, gradient: &mut [f64; 4]) -> f64 {
    let ParetoNbd { r, alpha, s, beta } = *p;
    let times = &data.base.times;
    let logs: Vec<(f64, f64)> = times.iter().map(|t| ((alpha + t).ln(), (beta + t).ln())).collect();
    // The points are sorted by x, so one cache of series coefficients serves a run of them.
    let values: Vec<Option<WithGradient>> = crate::parallel::map_runs(&data.points, |points| {
        let mut cache = None;
        points
            .iter()
            .map(|&(x, t)| ln_p(p, f64::from(x), times[t as usize], logs[t as usize], &mut cache))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let groups: Vec<(&bg_nbd::Group, &(u32, u32))> = data.base.groups.iter().zip(&data.at).collect();
    let [ll, g_r, g_alpha, g_s, g_beta] = crate::parallel::sum_chunks(&groups, |groups| {
        let mut sums = [0.0; 5];
        for &(c, &(at_x, at_t)) in groups {
            let (Some(at_x), Some(at_t)) = (values[at_x as usize], values[at_t as usize]) else {
                return [f64::NAN; 5];
            };
            let t = c.t as usize;
            let h = history(p, f64::from(c.x), (at_x, at_t), times[t], logs[t]);
            sums[0] += c.n * h.ln_total.value;
            for i in 0..4 {
                sums[i + 1] += c.n * h.ln_total.gradient[i];
            }
        }
        sums
    });
    let (mut constant, mut g) = (0.0, [g_r, g_alpha, g_s, g_beta]);
    let (lg_r, psi_r) = (ln_gamma(r), digamma(r));
    for (i, &n) in data.base.per_x.iter().enumerate() {
        if n == 0.0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = i as f64;
        constant += n * (ln_gamma(r + x) - lg_r + r * alpha.ln() + s * beta.ln());
        g[0] += n * (digamma(r + x) - psi_r + alpha.ln());
        g[1] += n * r / alpha;
        g[2] += n * beta.ln();
        g[3] += n * s / beta;
    }
    *gradient = g;
    constant + ll
}

impl ParetoNbd {
    /// The probability the customer is still active at the end of observation: the share
    /// of the likelihood in which they are, `E / (E + k·(P(tₓ) − P(T)))`.
    pub fn p_alive(&self, c: Rfm) -> Option<f64> {
        let x = f64::from(c.x);
        let logs = |t: f64| ((self.alpha + t).ln(), (self.beta + t).ln());
        let at = (ln_p_value(self, x, c.t_x)?, ln_p_value(self, x, c.t)?);
        let h = history(self, x, at, c.t, logs(c.t));
        Some((h.ln_alive - h.ln_total.value).exp())
    }

    /// Expected purchases in the next `t` days (Schmittlein et al. 1987; the note's eq. 27):
    /// `(r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)`, the bracket
    /// over `s − 1` computed as `−expm1(−(s−1)·L)/(s−1)` with `L = ln(1 + t/(β+T))`, which
    /// is `L` itself at `s = 1`.
    pub fn expected_purchases(&self, c: Rfm, t: f64) -> Option<f64> {
        Some(self.expected_purchases_over(c, &[t])?[0])
    }

    /// [`Self::expected_purchases`] over each of `horizons` days, P(alive) (the series)
    /// computed once.
    pub fn expected_purchases_over(&self, c: Rfm, horizons: &[f64]) -> Option<Vec<f64>> {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let front = (r + f64::from(c.x)) * (beta + c.t) / (alpha + c.t) * self.p_alive(c)?;
        let growth = |t: f64| {
            let l = (t / (beta + c.t)).ln_1p();
            if (s - 1.0).abs() < 1e-12 { l } else { -(-(s - 1.0) * l).exp_m1() / (s - 1.0) }
        };
        Some(horizons.iter().map(|&t| front * growth(t)).collect())
    }
}

#[cfg(test)]
pub mod simulate {
    //! Customers drawn from the Pareto/NBD itself.
    use super::ParetoNbd;
    use crate::analysis::models::bg_nbd::Rfm;
    use rand_distr::{Distribution, Exp, Gamma};
    use rand_xoshiro::Xoshiro256PlusPlus;
    use rand_xoshiro::rand_core::SeedableRng;

    /// `n` customers observed for between `min_t` and `max_t` days.
    pub fn customers(p: ParetoNbd, n: usize, (min_t, max_t): (f64, f64), seed: u64) -> Vec<Rfm> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let rate = Gamma::new(p.r, 1.0 / p.alpha).unwrap();
        let churn = Gamma::new(p.s, 1.0 / p.beta).unwrap();
        #[allow(clippy::cast_precision_loss)]
        (0..n)
            .map(|i| {
                let t = min_t + (max_t - min_t) * (i as f64 + 0.5) / n as f64;
                let lambda: f64 = rate.sample(&mut rng);
                let mu: f64 = churn.sample(&mut rng);
                let lifetime = Exp::new(mu).unwrap().sample(&mut rng).min(t);
                let gap = Exp::new(lambda).unwrap();
                let (mut x, mut now, mut last) = (0, 0.0, 0.0);
                loop {
                    now += gap.sample(&mut rng);
                    if now > lifetime {
                        break;
                    }
                    x += 1;
                    last = now;
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

    const TRUE: ParetoNbd = ParetoNbd { r: 0.6, alpha: 70.0, s: 0.7, beta: 300.0 };

    /// `∫_{tₓ}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ` by Simpson's rule on 20,000 panels: the
    /// definition the series form must equal.
    fn integral(p: &ParetoNbd, c: Rfm) -> f64 {
        let x = f64::from(c.x);
        let f = |tau: f64| (p.alpha + tau).powf(-(p.r + x)) * (p.beta + tau).powf(-(p.s + 1.0));
        let n = 20_000;
        let h = (c.t - c.t_x) / f64::from(n);
        let inner: f64 =
            (1..n).map(|i| f(c.t_x + f64::from(i) * h) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
        h / 3.0 * (f(c.t_x) + inner + f(c.t))
    }

    /// The likelihood from its definition: `Γ(r+x)α^r β^s / Γ(r) · (E + s·∫…)`.
    fn by_definition(p: &ParetoNbd, c: Rfm) -> f64 {
        let x = f64::from(c.x);
        let front = ln_gamma(p.r + x) - ln_gamma(p.r) + p.r * p.alpha.ln() + p.s * p.beta.ln();
        let alive = (p.alpha + c.t).powf(-(p.r + x)) * (p.beta + c.t).powf(-p.s);
        front + (alive + p.s * integral(p, c)).ln()
    }

    #[test]
    fn likelihood_equals_its_definition_whichever_rate_is_larger() {
        let customers = [
            Rfm { x: 0, t_x: 0.0, t: 300.0 },
            Rfm { x: 3, t_x: 120.0, t: 400.0 },
            Rfm { x: 12, t_x: 390.0, t: 400.0 },
        ];
        for p in [TRUE, ParetoNbd { r: 1.3, alpha: 400.0, s: 0.4, beta: 25.0 }] {
            for c in customers {
                let ll = log_likelihood(&p, &Prepared::new(&[c]), &mut [0.0; 4]);
                let want = by_definition(&p, c);
                assert!((ll - want).abs() < 1e-9, "{p:?} {c:?}: {ll} vs {want}");
            }
        }
    }

    #[test]
    fn gradient_matches_the_likelihood() {
        let customers = simulate::customers(TRUE, 500, (100.0, 700.0), 3);
        let data = Prepared::new(&customers);
        // Both sides of α = β, and α = β itself, where the two forms meet.
        for p in [
            ParetoNbd { r: 0.5, alpha: 60.0, s: 0.9, beta: 200.0 },
            ParetoNbd { r: 0.5, alpha: 260.0, s: 0.9, beta: 200.0 },
            ParetoNbd { r: 0.5, alpha: 200.0, s: 0.9, beta: 200.0 },
        ] {
            let mut g = [0.0; 4];
            log_likelihood(&p, &data, &mut g);
            let at = |q: ParetoNbd| log_likelihood(&q, &data, &mut [0.0; 4]);
            let h = 1e-5;
            let numeric = [
                (at(ParetoNbd { r: p.r + h, ..p }) - at(ParetoNbd { r: p.r - h, ..p })) / (2.0 * h),
                (at(ParetoNbd { alpha: p.alpha + h, ..p }) - at(ParetoNbd { alpha: p.alpha - h, ..p }))
                    / (2.0 * h),
                (at(ParetoNbd { s: p.s + h, ..p }) - at(ParetoNbd { s: p.s - h, ..p })) / (2.0 * h),
                (at(ParetoNbd { beta: p.beta + h, ..p }) - at(ParetoNbd { beta: p.beta - h, ..p }))
                    / (2.0 * h),
            ];
            for i in 0..4 {
                assert!(
                    (g[i] - numeric[i]).abs() < 1e-4 * numeric[i].abs().max(1.0),
                    "{p:?} {i}: {} vs {}",
                    g[i],
                    numeric[i]
                );
            }
        }
    }

    /// Customers simulated from known parameters fit back within four standard errors.
    #[test]
    fn recovers_simulated_parameters() {
        for (n, seed) in [(2_000, 21), (20_000, 22)] {
            let customers = simulate::customers(TRUE, n, (90.0, 730.0), seed);
            let data = Prepared::new(&customers);
            let fit = fit(&customers).expect("the fit converges");
            let p = fit.params;
            let theta = [p.r.ln(), p.alpha.ln(), p.s.ln(), p.beta.ln()];
            let se = standard_errors(|t, g| _ = mean_negative(t, &data, g), &theta, data.base.customers)
                .expect("information is invertible");
            let truth = [TRUE.r, TRUE.alpha, TRUE.s, TRUE.beta];
            for i in 0..4 {
                let z = (theta[i] - truth[i].ln()) / se[i];
                assert!(
                    z.abs() < 4.0,
                    "n = {n}, parameter {i}: fitted {} true {} (z = {z:.2})",
                    theta[i].exp(),
                    truth[i]
                );
            }
        }
    }

    #[test]
    fn predictions_worked_by_hand() {
        // Without repeat purchases and with α = β = 10, r = s = 1, T = 10: E = 20⁻¹·20⁻¹,
        // P(0) − P(T) = 10⁻² − 20⁻², k = 1/2: P(alive) = (1/400) / (1/400 + (1/2)(3/400)) = 0.4.
        let p = ParetoNbd { r: 1.0, alpha: 10.0, s: 1.0, beta: 10.0 };
        let c = Rfm { x: 0, t_x: 0.0, t: 10.0 };
        assert!((p.p_alive(c).unwrap() - 0.4).abs() < 1e-12);
        // At s = 1: (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) · P(alive) = 1 · ln 2 · 0.4 for t = 20.
        assert!((p.expected_purchases(c, 20.0).unwrap() - 0.4 * 2f64.ln()).abs() < 1e-12);
        // Close to s = 1 the general form is continuous.
        let near = ParetoNbd { s: 1.0 + 1e-7, ..p }.expected_purchases(c, 20.0).unwrap();
        assert!((near - 0.4 * 2f64.ln()).abs() < 1e-6);
        // Someone who just bought is more likely alive than someone silent for long.
        let fresh = TRUE.p_alive(Rfm { x: 5, t_x: 399.0, t: 400.0 }).unwrap();
        let stale = TRUE.p_alive(Rfm { x: 5, t_x: 40.0, t: 400.0 }).unwrap();
        assert!(fresh > 0.9 && stale < 0.2, "{fresh} {stale}");
    }
}
