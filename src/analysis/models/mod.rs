//! Customer-base models fitted to the client's data, per segment: BG/NBD for how often
//! customers buy and whether they are still there, Gamma-Gamma for what they spend, and
//! the shifted-beta-geometric model for retention by tenure. Each is fitted by maximum
//! likelihood; docs/metrics.md gives the formulas and references.

pub mod bg_bb;
pub mod bg_nbd;
pub mod gamma_gamma;
mod optimize;
pub mod pareto_nbd;
pub mod sbg;
mod special;

use serde::Serialize;

use crate::analysis::value;
use crate::model::{CustomerSummary, Drivers, Survival};
use bg_nbd::Rfm;

/// Days in the model's year.
pub const YEAR_DAYS: f64 = 365.0;

/// Bins of the P(alive) histogram, each a tenth wide.
pub const P_ALIVE_BINS: usize = 10;

/// How a fit's search ended: reported with every fit, so a reader can see it converged.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Convergence {
    /// Steps of the minimiser.
    pub iterations: u32,
    /// The largest component of the gradient of the mean log-likelihood (in the logarithms
    /// of the parameters) where the search stopped: close to zero at a maximum.
    pub gradient: f64,
}

impl Convergence {
    /// The convergence of a search that reached a maximum, or why it did not.
    fn of(found: &optimize::Minimum) -> Result<Self, NoFit> {
        let (iterations, gradient) = (found.iterations, found.gradient);
        if found.converged {
            Ok(Self { iterations, gradient })
        } else {
            Err(NoFit::NotConverged { iterations, gradient })
        }
    }
}

/// Why a model was not fitted to a segment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NoFit {
    /// Fewer customers than the model needs to be estimated at all.
    TooFewCustomers { customers: usize, needed: usize },
    /// Fewer customers with a repeat purchase (and a positive average spend) than the spend
    /// model needs: it learns only from them.
    TooFewRepeatBuyers { customers: usize, needed: usize },
    /// Nobody bought twice: there is no purchase rate to learn.
    NoRepeatPurchases,
    /// Nobody was lost: there is no churn to learn.
    NobodyLost,
    /// sBG: the estimate gives every customer the same churn, so retention is constant at
    /// `retention` and does not rise with tenure.
    SameChurn { retention: f64 },
    /// The search stopped without reaching a maximum.
    NotConverged { iterations: u32, gradient: f64 },
}

impl NoFit {
    /// The reason in a sentence, for the terminal.
    pub fn describe(&self) -> String {
        match self {
            NoFit::TooFewCustomers { customers, needed } => {
                format!("{customers} customers, and the model needs at least {needed}")
            }
            NoFit::TooFewRepeatBuyers { customers, needed } => {
                format!("{customers} customers with a repeat purchase, and the model needs at least {needed}")
            }
            NoFit::NoRepeatPurchases => "no customer bought twice".to_owned(),
            NoFit::NobodyLost => "no customer was lost, so there is no churn to learn from".to_owned(),
            NoFit::SameChurn { retention } => format!(
                "the customers do not differ in their churn: retention stays at {:.1} %, as the simple CLV assumes",
                retention * 100.0
            ),
            NoFit::NotConverged { iterations, gradient } => {
                format!("the fit did not converge ({iterations} iterations, gradient {gradient:.1e})")
            }
        }
    }
}

/// A customer-base model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    BgNbd,
    ParetoNbd,
    MbgNbd,
    BgBb,
    GammaGamma,
    /// The shifted-beta-geometric model of retention by tenure.
    Sbg,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::BgNbd => "BG/NBD",
            Model::ParetoNbd => "Pareto/NBD",
            Model::MbgNbd => "MBG/NBD",
            Model::BgBb => "BG/BB",
            Model::GammaGamma => "Gamma-Gamma",
            Model::Sbg => "sBG",
        }
    }
}

/// A model that could not be fitted to a segment, and why.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NotFitted {
    pub model: Model,
    #[serde(flatten)]
    pub why: NoFit,
}

impl NotFitted {
    /// "BG/NBD could not be fitted to segment `x`: why", for the terminal.
    pub fn sentence(&self, segment: &str) -> String {
        format!("{} could not be fitted to segment `{segment}`: {}", self.model.name(), self.why.describe())
    }
}

/// The models of a segment without a fit, and why.
pub fn not_fitted(bg: &Result<bg_nbd::Fit, NoFit>, gg: &Result<gamma_gamma::Fit, NoFit>) -> Vec<NotFitted> {
    not_fitted_of(&[
        (Model::BgNbd, bg.as_ref().err().copied()),
        (Model::GammaGamma, gg.as_ref().err().copied()),
    ])
}

/// The models among `results` (each model with why it has no fit, if it has none) without
/// a fit.
pub fn not_fitted_of(results: &[(Model, Option<NoFit>)]) -> Vec<NotFitted> {
    results.iter().filter_map(|&(model, why)| Some(NotFitted { model, why: why? })).collect()
}

/// Akaike's and Schwarz's information criteria of a fit with `parameters` parameters to
/// `observations` customers: `AIC = 2k − 2ℓ`, `BIC = k ln n − 2ℓ`. Lower is better; BIC
/// charges more for a parameter once there are more than seven customers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Criteria {
    pub aic: f64,
    pub bic: f64,
}

impl Criteria {
    pub fn of(log_likelihood: f64, parameters: u32, observations: f64) -> Self {
        let k = f64::from(parameters);
        Self { aic: 2.0 * k - 2.0 * log_likelihood, bic: k * observations.ln() - 2.0 * log_likelihood }
    }
}

/// What the models say about one segment's customers.
#[derive(Clone, Debug, Serialize)]
pub struct SegmentModels {
    pub bg_nbd: Option<bg_nbd::Fit>,
    pub gamma_gamma: Option<gamma_gamma::Fit>,
    /// Customers by P(alive): `[k]` counts those with P(alive) in `[k/10, (k+1)/10)`, the
    /// last bin including 1.
    pub p_alive: Vec<u64>,
    /// Mean P(alive) over all customers in the data.
    pub mean_p_alive: Option<f64>,
    /// Expected purchases in the next 365 days, summed over every customer in the data.
    pub expected_purchases: Option<f64>,
    /// Mean model-based CLV of an active customer (a purchase in the last 365 days): the
    /// expected purchases in each year of the horizon × expected spend × gross margin,
    /// discounted at the end of each year.
    pub model_clv: Option<f64>,
}

/// Fits BG/NBD and Gamma-Gamma to `customers` (one segment's), and values them with
/// `drivers`' gross margin over `horizon` years at `discount_rate`; the models that could
/// not be fitted, with why, beside.
pub fn segment_models(
    customers: &[&CustomerSummary],
    drivers: &Drivers,
    horizon: u32,
    discount_rate: f64,
) -> (SegmentModels, Vec<NotFitted>) {
    let rfm: Vec<Rfm> = customers.iter().map(|c| rfm_of(c)).collect();
    let spend: Vec<gamma_gamma::Spend> =
        customers.iter().map(|c| gamma_gamma::Spend { x: c.frequency, m: c.monetary }).collect();
    let (bg, gg) = (bg_nbd::fit(&rfm), gamma_gamma::fit(&spend));
    let not_fitted = not_fitted(&bg, &gg);
    let (bg, gg) = (bg.ok(), gg.ok());
    let mut p_alive = vec![0; P_ALIVE_BINS];
    let (mut expected, mut alive_sum) = (Some(0.0), 0.0);
    let (mut value_sum, mut active) = (Some(0.0), 0u32);
    if let Some(fit) = &bg {
        let model = fit.params;
        for (c, r) in customers.iter().zip(&rfm) {
            let alive = model.p_alive(*r);
            alive_sum += alive;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bin = ((alive * 10.0) as usize).min(P_ALIVE_BINS - 1);
            p_alive[bin] += 1;
            expected = expected.zip(model.expected_purchases(*r, YEAR_DAYS)).map(|(a, b)| a + b);
            if f64::from(c.age - c.recency) < YEAR_DAYS {
                active += 1;
                let spend = gg.as_ref().and_then(|g| g.params.expected_spend(c.frequency, c.monetary));
                let clv = spend
                    .and_then(|s| model_clv(&model, *r, s * drivers.gross_margin, horizon, discount_rate));
                value_sum = value_sum.zip(clv).map(|(a, b)| a + b);
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = customers.len() as f64;
    let models = SegmentModels {
        mean_p_alive: bg.as_ref().map(|_| alive_sum / n),
        expected_purchases: bg.as_ref().and(expected),
        model_clv: bg.as_ref().and(value_sum).filter(|_| active > 0).map(|v| v / f64::from(active)),
        p_alive: if bg.is_some() { p_alive } else { Vec::new() },
        bg_nbd: bg,
        gamma_gamma: gg,
    };
    (models, not_fitted)
}

/// The customer as BG/NBD sees them.
pub fn rfm_of(c: &CustomerSummary) -> Rfm {
    Rfm { x: c.frequency, t_x: f64::from(c.recency), t: f64::from(c.age) }
}

/// `Σ_{k=1..H} (E[Y(365k)] − E[Y(365(k−1))]) · margin per purchase · (1+d)⁻ᵏ`.
fn model_clv(
    model: &bg_nbd::BgNbd,
    c: Rfm,
    margin_per_purchase: f64,
    horizon: u32,
    discount_rate: f64,
) -> Option<f64> {
    let mut before = 0.0;
    let mut total = 0.0;
    for year in 1..=horizon {
        let cumulative = model.expected_purchases(c, YEAR_DAYS * f64::from(year))?;
        total += (cumulative - before) * margin_per_purchase * value::discount(year, discount_rate);
        before = cumulative;
    }
    Some(total)
}

/// Retention by tenure from the shifted-beta-geometric model.
#[derive(Clone, Debug, Serialize)]
pub struct RetentionByTenure {
    pub fit: sbg::Fit,
    /// Where the counts came from: `data` or `typed`.
    pub source: &'static str,
    /// Observed share retained at each renewal (1-based), where customers were at risk.
    pub observed: Vec<Option<f64>>,
    /// The model's retention at renewals `1..=max(horizon, observed years)`.
    pub fitted: Vec<f64>,
    /// CLV of a new customer with the model's survival curve: `Σ_{t=1..H} M·S(t)·(1+d)⁻ᵗ`.
    pub clv: f64,
}

/// Fits the shifted-beta-geometric model to `counts` and values a new customer with
/// `drivers`' annual margin; why not when the counts cannot be fitted.
pub fn retention_by_tenure(
    counts: &Survival,
    source: &'static str,
    drivers: &Drivers,
    horizon: u32,
    discount_rate: f64,
) -> Result<RetentionByTenure, NoFit> {
    let fit = sbg::fit(counts)?;
    let years = counts.lost.len().max(counts.alive.len());
    let survival = fit.params.survival(horizon as usize);
    let clv = (1..=horizon)
        .map(|t| drivers.annual_margin() * survival[t as usize] * value::discount(t, discount_rate))
        .sum();
    let renewals = u32::try_from(years.max(horizon as usize)).unwrap_or(u32::MAX);
    Ok(RetentionByTenure {
        fit,
        source,
        observed: observed_retention(counts),
        fitted: (1..=renewals).map(|t| fit.params.retention(t)).collect(),
        clv,
    })
}

/// The share retained at each renewal `t`: of customers who reached `t − 1` renewals and
/// whose renewal `t` was observed, those who renewed.
#[allow(clippy::cast_precision_loss)]
fn observed_retention(counts: &Survival) -> Vec<Option<f64>> {
    let n = counts.lost.len().max(counts.alive.len());
    let at = |v: &Vec<u64>, k: usize| v.get(k).copied().unwrap_or(0);
    // Reached k renewals: lost at a later renewal, or still alive after k or more.
    (1..=n)
        .map(|t| {
            let reached: u64 = (t - 1..n).map(|k| at(&counts.lost, k)).sum::<u64>()
                + (t..n).map(|k| at(&counts.alive, k)).sum::<u64>();
            let lost = at(&counts.lost, t - 1);
            (reached > 0).then(|| 1.0 - lost as f64 / reached as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_criteria_worked_by_hand() {
        // ℓ = −100 with 4 parameters on e² customers: AIC = 8 + 200, BIC = 4·2 + 200.
        let c = Criteria::of(-100.0, 4, 2f64.exp());
        assert!((c.aic - 208.0).abs() < 1e-12 && (c.bic - 208.0).abs() < 1e-12);
        let c = Criteria::of(-100.0, 4, 1000.0);
        assert!((c.bic - (4.0 * 1000f64.ln() + 200.0)).abs() < 1e-12);
    }

    #[test]
    fn observed_retention_from_a_typed_curve() {
        // 100 → 60 → 45: renewal 1 kept 60 of 100, renewal 2 kept 45 of 60.
        let counts = sbg::from_curve(&[100, 60, 45]);
        assert_eq!(observed_retention(&counts), [Some(0.6), Some(0.75), None]);
    }

    #[test]
    fn a_search_that_stops_short_is_no_fit_naming_where_it_stopped() {
        let stopped = optimize::Minimum {
            x: vec![0.0],
            value: 1.0,
            iterations: 2_000,
            gradient: 0.3,
            converged: false,
        };
        assert_eq!(Convergence::of(&stopped), Err(NoFit::NotConverged { iterations: 2_000, gradient: 0.3 }));
        let reached = optimize::Minimum { converged: true, gradient: 1e-10, ..stopped };
        assert_eq!(Convergence::of(&reached), Ok(Convergence { iterations: 2_000, gradient: 1e-10 }));
    }

    #[test]
    fn a_model_without_enough_customers_says_how_many_it_had_and_needs() {
        let few = vec![Rfm { x: 1, t_x: 10.0, t: 100.0 }; 12];
        let why = bg_nbd::fit(&few).err().unwrap();
        assert_eq!(why, NoFit::TooFewCustomers { customers: 12, needed: 30 });
        assert_eq!(why.describe(), "12 customers, and the model needs at least 30");
        let once = vec![Rfm { x: 0, t_x: 0.0, t: 100.0 }; 40];
        assert_eq!(bg_nbd::fit(&once).err(), Some(NoFit::NoRepeatPurchases));
        let json = serde_json::to_value(NotFitted { model: Model::BgNbd, why }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"model": "bg_nbd", "reason": "too_few_customers", "customers": 12, "needed": 30})
        );
    }
}
