//! 90 % intervals for a segment's model predictions by a parametric bootstrap: parameter
//! sets drawn from the fitted models' sampling distribution (normal in the logarithms of
//! the parameters, with the covariance of the observed information), each valuing the
//! customers again (docs/metrics.md, "Uncertainty of the predictions").

use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::Serialize;

use super::gamma_gamma::GammaGamma;
use super::{PurchaseModel, Rfm};

/// Parameter sets drawn per segment.
pub const DRAWS: usize = 200;

/// The customers each draw values: every customer up to this many, else an even sample by
/// id. Each draw's figure is taken relative to the same sample's figure at the estimate, and
/// that ratio applied to the full figure: the sample measures how the parameters move the
/// figure, not the figure itself.
pub const MAX_CUSTOMERS: usize = 500;

/// The share of draws outside each end of an interval: 5 % below, 5 % above.
const TAIL: f64 = 0.05;

/// The 90 % intervals of one segment's predictions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Intervals {
    /// Parameter sets drawn.
    pub draws: u32,
    /// Customers each draw valued.
    pub customers: u32,
    /// Of `SegmentModels::expected_purchases`: `[low, high]`.
    pub expected_purchases: [f64; 2],
    /// The draws that gave a figure for it (a draw far out may give none, as BG/NBD at
    /// a = 1); an interval needs at least half of them.
    pub expected_purchases_draws: u32,
    /// Of `SegmentModels::model_clv`, when there is one.
    pub model_clv: Option<[f64; 2]>,
    /// The draws that gave a model CLV: Gamma-Gamma gives no mean spend for q ≤ 1, so
    /// fewer here means a heavy spend tail the interval cannot show.
    pub model_clv_draws: u32,
}

/// One customer as the figures need them: their history, their expected spend per purchase
/// (from Gamma-Gamma's `x` and `m`), and whether they bought in the last year.
#[derive(Clone, Copy, Debug)]
pub struct Valued {
    pub rfm: Rfm,
    pub monetary: f64,
    pub active: bool,
}

/// What a draw computes: the sum of expected purchases in a year, and the mean model CLV of
/// the active customers; `None` where a model gives no prediction.
pub type Figures<'a> =
    dyn Fn(&PurchaseModel, Option<&GammaGamma>, &[Valued]) -> (Option<f64>, Option<f64>) + Sync + 'a;

/// The intervals around `point` (the full segment's expected purchases and model CLV) from
/// `DRAWS` parameter sets of `purchase` (with its log-parameter covariance) and `spend`,
/// drawn with `seed`. `None` without a covariance, or when no draw gives a figure.
pub fn intervals(
    purchase: (&PurchaseModel, &[[f64; 4]; 4]),
    spend: Option<(&GammaGamma, &[[f64; 3]; 3])>,
    customers: &[Valued],
    point: (f64, Option<f64>),
    figures: &Figures,
    seed: u64,
) -> Option<Intervals> {
    let (model, cov) = purchase;
    let sample: Vec<Valued> = if customers.len() <= MAX_CUSTOMERS {
        customers.to_vec()
    } else {
        let step = customers.len().div_ceil(MAX_CUSTOMERS);
        customers.iter().step_by(step).copied().collect()
    };
    let purchase_chol = cholesky(cov)?;
    // Without a usable spend covariance there is no CLV interval, but still the purchases'.
    let spend = spend.and_then(|(g, c)| Some((g, cholesky(c)?)));
    // All draws first, in order from one stream: the result does not depend on the cores.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let base = model.logs();
    let draws: Vec<(PurchaseModel, Option<GammaGamma>)> = (0..DRAWS)
        .map(|_| {
            let p = model.with_logs(correlated(&base, &purchase_chol, &mut rng));
            let g = spend.as_ref().map(|(g, chol)| {
                let logs = correlated(&[g.p.ln(), g.q.ln(), g.v.ln()], chol, &mut rng);
                GammaGamma { p: logs[0].exp(), q: logs[1].exp(), v: logs[2].exp() }
            });
            (p, g)
        })
        .collect();
    let at_estimate = figures(model, spend.as_ref().map(|(g, _)| *g), &sample);
    let results: Vec<(Option<f64>, Option<f64>)> = crate::parallel::map_runs(&draws, |run| {
        run.iter().map(|(p, g)| figures(p, g.as_ref(), &sample)).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    // Figure `which` (0: expected purchases, 1: model CLV) of each draw that gives a
    // finite one, relative to the sample's at the estimate, in order.
    let ratios = |estimate: Option<f64>, which: usize| -> Vec<f64> {
        let Some(estimate) = estimate.filter(|e| *e != 0.0 && e.is_finite()) else { return Vec::new() };
        let pick = |r: &(Option<f64>, Option<f64>)| if which == 0 { r.0 } else { r.1 };
        let mut ratios: Vec<f64> =
            results.iter().filter_map(pick).map(|v| v / estimate).filter(|r| r.is_finite()).collect();
        ratios.sort_by(f64::total_cmp);
        ratios
    };
    // An interval needs at least half the draws.
    let interval = |ratios: &[f64], full: f64| {
        (ratios.len() >= DRAWS / 2)
            .then(|| [full * quantile(ratios, TAIL), full * quantile(ratios, 1.0 - TAIL)])
    };
    let (purchases, clv) = (ratios(at_estimate.0, 0), ratios(at_estimate.1, 1));
    let count = |r: &[f64]| u32::try_from(r.len()).unwrap_or(u32::MAX);
    Some(Intervals {
        draws: u32::try_from(DRAWS).unwrap_or(u32::MAX),
        customers: u32::try_from(sample.len()).unwrap_or(u32::MAX),
        expected_purchases: interval(&purchases, point.0)?,
        expected_purchases_draws: count(&purchases),
        model_clv: point.1.and_then(|full| interval(&clv, full)),
        model_clv_draws: count(&clv),
    })
}

/// `mean + L z` for standard normal `z`: a draw with covariance `L Lᵀ`.
fn correlated<const K: usize>(
    mean: &[f64; K],
    chol: &[[f64; K]; K],
    rng: &mut Xoshiro256PlusPlus,
) -> [f64; K] {
    let z: [f64; K] = std::array::from_fn(|_| StandardNormal.sample(rng));
    std::array::from_fn(|i| mean[i] + (0..=i).map(|j| chol[i][j] * z[j]).sum::<f64>())
}

/// The lower-triangular `L` with `L Lᵀ = c`; `None` when `c` is not positive definite.
fn cholesky<const K: usize>(c: &[[f64; K]; K]) -> Option<[[f64; K]; K]> {
    let mut l = [[0.0; K]; K];
    for i in 0..K {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = c[i][i] - sum;
                if d.is_nan() || d <= 0.0 {
                    return None;
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (c[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

/// The `q` quantile of sorted values, interpolated between the two nearest.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let at = q * (sorted.len() - 1) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = at.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    #[allow(clippy::cast_precision_loss)]
    let share = at - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_and_quantile_worked_by_hand() {
        // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]].
        let l = cholesky(&[[4.0, 2.0], [2.0, 3.0]]).unwrap();
        assert!((l[0][0] - 2.0).abs() < 1e-15 && (l[1][0] - 1.0).abs() < 1e-15);
        assert!((l[1][1] - 2f64.sqrt()).abs() < 1e-15);
        assert_eq!(cholesky(&[[1.0, 2.0], [2.0, 1.0]]), None, "not positive definite");
        // The 5 % quantile of 0, 1, …, 100 is 5; of 0, 10 it is 0.5.
        let hundred: Vec<f64> = (0..=100).map(f64::from).collect();
        assert!((quantile(&hundred, 0.05) - 5.0).abs() < 1e-12);
        assert!((quantile(&[0.0, 10.0], 0.05) - 0.5).abs() < 1e-12);
    }

    /// On customers simulated from a BG/NBD: the interval holds the estimate, is the same for
    /// the same seed, and widens about in proportion when the parameters are twice as
    /// uncertain.
    #[test]
    fn intervals_hold_the_estimate_and_widen_with_the_uncertainty() {
        use crate::analysis::models::bg_nbd;
        let truth = bg_nbd::BgNbd { r: 0.8, alpha: 40.0, a: 0.9, b: 5.0 };
        let rfm = bg_nbd::simulate::customers(truth, 3_000, 90.0, 730.0, 51);
        let fit = bg_nbd::fit(&rfm).unwrap();
        let model = PurchaseModel::BgNbd(fit.params);
        let cov = fit.covariance;
        let customers: Vec<Valued> =
            rfm.iter().map(|r| Valued { rfm: *r, monetary: 0.0, active: true }).collect();
        let figures = |m: &PurchaseModel, _: Option<&GammaGamma>, cs: &[Valued]| {
            (cs.iter().map(|c| m.expected_purchases(c.rfm, 365.0)).sum::<Option<f64>>(), None)
        };
        let full = figures(&model, None, &customers).0.unwrap();
        let once = intervals((&model, &cov), None, &customers, (full, None), &figures, 7).unwrap();
        let [low, high] = once.expected_purchases;
        assert!(low < full && full < high, "{low} {full} {high}");
        assert_eq!(once.customers, 500, "an even sample of at most 500");
        assert_eq!((once.expected_purchases_draws, once.model_clv, once.model_clv_draws), (200, None, 0));
        assert_eq!(intervals((&model, &cov), None, &customers, (full, None), &figures, 7), Some(once));
        let wider = cov.map(|row| row.map(|v| v * 4.0));
        let twice = intervals((&model, &wider), None, &customers, (full, None), &figures, 7).unwrap();
        let ratio = (twice.expected_purchases[1] - twice.expected_purchases[0]) / (high - low);
        assert!((1.6..2.4).contains(&ratio), "{ratio}");
    }

    /// Draws from a known covariance have that covariance.
    #[test]
    fn draws_have_the_covariance_they_are_drawn_with() {
        let c = [[0.04, 0.01], [0.01, 0.09]];
        let l = cholesky(&c).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let n = 200_000;
        let draws: Vec<[f64; 2]> = (0..n).map(|_| correlated(&[1.0, -1.0], &l, &mut rng)).collect();
        let mean = |i: usize| draws.iter().map(|d| d[i]).sum::<f64>() / f64::from(n);
        let (m0, m1) = (mean(0), mean(1));
        let cov = |i: usize, j: usize, mi: f64, mj: f64| {
            draws.iter().map(|d| (d[i] - mi) * (d[j] - mj)).sum::<f64>() / f64::from(n)
        };
        assert!((m0 - 1.0).abs() < 0.002 && (m1 + 1.0).abs() < 0.002);
        assert!((cov(0, 0, m0, m0) - 0.04).abs() < 0.001);
        assert!((cov(0, 1, m0, m1) - 0.01).abs() < 0.001);
        assert!((cov(1, 1, m1, m1) - 0.09).abs() < 0.001);
    }
}
