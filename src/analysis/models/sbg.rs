//! Shifted-beta-geometric: retention when customers leave for good, as subscribers do
//! (Fader & Hardie 2007, "How to project customer retention", Journal of Interactive
//! Marketing 21(1)).
//!
//! Each customer has a churn probability `θ ~ Beta(a, b)` at every renewal. Across the
//! customer base, retention rises with tenure because those likely to leave leave first:
//! `r(t) = (b + t − 1)/(a + b + t − 1)`.

use super::optimize::{minimize, numeric_gradient};
use super::{Convergence, NoFit};
use crate::model::Survival;

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Sbg {
    pub a: f64,
    pub b: f64,
}

#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Fit {
    pub params: Sbg,
    pub log_likelihood: f64,
    pub convergence: Convergence,
}

impl Sbg {
    /// `P(T = t)` for `t = 1..=n`: `P(1) = a/(a+b)`, `P(t) = P(t−1)·(b+t−2)/(a+b+t−1)`.
    fn churn(&self, n: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(n);
        let mut p = self.a / (self.a + self.b);
        for t in 1..=n {
            #[allow(clippy::cast_precision_loss)]
            let t = t as f64;
            if t > 1.0 {
                p *= (self.b + t - 2.0) / (self.a + self.b + t - 1.0);
            }
            out.push(p);
        }
        out
    }

    /// `S(t)`, the share still active after `t` renewals, for `t = 0..=n`.
    pub fn survival(&self, n: usize) -> Vec<f64> {
        let mut s = vec![1.0];
        for p in self.churn(n) {
            let last = s[s.len() - 1];
            s.push(last - p);
        }
        s
    }

    /// Retention at renewal `t` (1-based): `(b + t − 1)/(a + b + t − 1)`.
    pub fn retention(&self, t: u32) -> f64 {
        let t = f64::from(t);
        (self.b + t - 1.0) / (self.a + self.b + t - 1.0)
    }
}

/// `ℓ = Σₖ lost[k]·ln P(T = k+1) + Σₖ alive[k]·ln S(k)`.
pub fn log_likelihood(p: &Sbg, counts: &Survival) -> f64 {
    let n = counts.lost.len().max(counts.alive.len());
    let churn = p.churn(n);
    let survival = p.survival(n);
    #[allow(clippy::cast_precision_loss)]
    let lost: f64 = counts.lost.iter().zip(&churn).map(|(&k, q)| k as f64 * q.ln()).sum();
    #[allow(clippy::cast_precision_loss)]
    let alive: f64 =
        counts.alive.iter().zip(&survival).map(|(&k, s)| if k == 0 { 0.0 } else { k as f64 * s.ln() }).sum();
    lost + alive
}

/// Customers needed before a fit is attempted, as for the other models.
pub const MIN_CUSTOMERS: usize = 30;

/// `a + b` beyond which the customers' churn probabilities do not differ: their spread
/// (standard deviation below 0.005) is no longer something the data can tell from none.
const SAME_CHURN: f64 = 1e4;

/// Fits by maximum likelihood; why not when there are fewer than [`MIN_CUSTOMERS`], nobody
/// was lost (nothing to learn churn from), the search does not converge, or the estimate
/// says every customer has the same churn (then retention does not rise with tenure, and
/// the simple CLV's constant retention is the model).
pub fn fit(counts: &Survival) -> Result<Fit, NoFit> {
    let total: u64 = counts.lost.iter().chain(&counts.alive).sum();
    let customers = usize::try_from(total).unwrap_or(usize::MAX);
    if customers < MIN_CUSTOMERS {
        return Err(NoFit::TooFewCustomers { customers, needed: MIN_CUSTOMERS });
    }
    if counts.lost.iter().all(|&k| k == 0) {
        return Err(NoFit::NobodyLost);
    }
    #[allow(clippy::cast_precision_loss)]
    let scale = -1.0 / total as f64;
    let objective =
        |theta: &[f64]| scale * log_likelihood(&Sbg { a: theta[0].exp(), b: theta[1].exp() }, counts);
    let with_gradient = |theta: &[f64], gradient: &mut [f64]| {
        numeric_gradient(&objective, theta, gradient);
        objective(theta)
    };
    let found = minimize(with_gradient, &[0.0, 0.0], 1e-8);
    let convergence = Convergence::of(&found)?;
    let params = Sbg { a: found.x[0].exp(), b: found.x[1].exp() };
    if params.a + params.b > SAME_CHURN {
        return Err(NoFit::SameChurn { retention: params.retention(1) });
    }
    Ok(Fit { params, log_likelihood: found.value / scale, convergence })
}

/// Counts from a typed retention curve: `active[t]` customers still active after `t` years.
pub fn from_curve(active: &[u64]) -> Survival {
    let lost = active.windows(2).map(|w| w[0].saturating_sub(w[1])).collect();
    let mut alive = vec![0; active.len()];
    if let (Some(slot), Some(&still)) = (alive.last_mut(), active.last()) {
        *slot = still;
    }
    Survival { lost, alive }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fader & Hardie (2007), table 1, "regular" customers: 1,000 customers at the start,
    /// 631, 468, 382, 326, 289, 262, 241 still active after years 1–7. They report
    /// a = 0.704, b = 1.182 for the first 7 years.
    #[test]
    fn reproduces_the_published_fit() {
        let counts = from_curve(&[1000, 631, 468, 382, 326, 289, 262, 241]);
        let fit = fit(&counts).unwrap();
        assert!((fit.params.a - 0.704).abs() < 0.002, "{:?}", fit.params);
        assert!((fit.params.b - 1.182).abs() < 0.002, "{:?}", fit.params);
    }

    #[test]
    fn survival_and_retention_worked_by_hand() {
        // a = 1, b = 1: P(1) = 1/2, P(2) = 1/2 · 1/3 = 1/6; S = 1, 1/2, 1/3; r(2) = 2/3.
        let p = Sbg { a: 1.0, b: 1.0 };
        let s = p.survival(2);
        assert!((s[1] - 0.5).abs() < 1e-15 && (s[2] - 1.0 / 3.0).abs() < 1e-15);
        assert!((p.retention(2) - 2.0 / 3.0).abs() < 1e-15);
        assert!(p.retention(1) < p.retention(5), "retention rises with tenure");
    }

    #[test]
    fn counts_from_a_curve() {
        assert_eq!(from_curve(&[100, 60, 45]), Survival { lost: vec![40, 15], alive: vec![0, 0, 45] });
        assert_eq!(fit(&from_curve(&[100, 100])).err(), Some(NoFit::NobodyLost), "nothing to fit");
        assert_eq!(
            fit(&from_curve(&[12, 8, 5])).err(),
            Some(NoFit::TooFewCustomers { customers: 12, needed: 30 })
        );
        // Half lost at every renewal, exactly: one churn probability for everybody.
        let same = fit(&from_curve(&[102_400, 51_200, 25_600, 12_800, 6_400, 3_200])).err();
        assert!(
            matches!(same, Some(NoFit::SameChurn { retention }) if (retention - 0.5).abs() < 1e-3),
            "{same:?}"
        );
        let found = fit(&from_curve(&[1000, 631, 468, 382, 326])).expect("Fader & Hardie's regular cohort");
        assert!(
            found.convergence.gradient < 1e-6 && found.convergence.iterations > 0,
            "{:?}",
            found.convergence
        );
    }
}
