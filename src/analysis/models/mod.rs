//! Customer-base models fitted to the client's data, per segment: BG/NBD for how often
//! customers buy and whether they are still there, Gamma-Gamma for what they spend, and
//! the shifted-beta-geometric model for retention by tenure. Each is fitted by maximum
//! likelihood; docs/metrics.md gives the formulas and references.

pub mod bg_bb;
pub mod bg_nbd;
pub mod bootstrap;
mod cached;
pub mod gamma_gamma;
mod histories;
mod optimize;
pub mod pareto_nbd;
pub mod sbg;
mod special;
pub mod validation;

use serde::Serialize;

use crate::analysis::value;
use crate::model::{CustomerSummary, Drivers, ModelChoice, Survival};
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

/// The largest standard error of the logarithm of a parameter (equal to the parameter's
/// relative standard error, `se / value`) with which a fit counts as identified. Beyond it
/// the data cannot place the parameter within a factor of e¹⁰ ≈ 22,000: the likelihood is
/// flat in that direction, as when a parameter runs off towards zero or infinity.
pub const MAX_RELATIVE_STANDARD_ERROR: f64 = 10.0;

/// The standard errors of the parameters and the covariance of their logarithms at a
/// maximum `x` of the likelihood (see [`optimize::uncertainty`]), or why the data cannot
/// identify the parameters there: the observed information is not positive definite (the
/// likelihood is flat, or even rises, in some direction), or a parameter's relative standard
/// error exceeds
/// [`MAX_RELATIVE_STANDARD_ERROR`]. `names` are the parameters', for the reason.
fn identified<const K: usize>(
    gradient: impl Fn(&[f64], &mut [f64]),
    x: &[f64],
    n: f64,
    names: [&'static str; K],
) -> Result<([f64; K], [[f64; K]; K]), NoFit> {
    let (se, covariance) =
        optimize::uncertainty::<K>(gradient, x, n).ok_or(NoFit::NotIdentified { parameter: None })?;
    for (i, name) in names.into_iter().enumerate() {
        if covariance[i][i].sqrt() > MAX_RELATIVE_STANDARD_ERROR {
            return Err(NoFit::NotIdentified { parameter: Some(name) });
        }
    }
    Ok((se, covariance))
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
    /// The search reached a maximum, but the data cannot identify the parameters there (see
    /// [`identified`]): `parameter` is the first whose relative standard error is too large,
    /// `None` when the observed information is singular.
    NotIdentified { parameter: Option<&'static str> },
    /// Fitted, but it gives no prediction for some customer (BG/NBD and MBG/NBD at a = 1,
    /// Pareto/NBD where its series cannot be summed), so it cannot be validated.
    NoPrediction,
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
            NoFit::NotIdentified { parameter: Some(p) } => format!(
                "the data cannot identify the model: {p}'s standard error is more than \
                 {MAX_RELATIVE_STANDARD_ERROR} times its value"
            ),
            NoFit::NotIdentified { parameter: None } => "the data cannot identify the model: the likelihood \
                                                          does not fall away in every direction from its maximum"
                .to_owned(),
            NoFit::NoPrediction => {
                "it gives no prediction for some customers, so it cannot be validated".to_owned()
            }
        }
    }
}

/// A customer-base model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// A fitted purchase model, whichever values the customers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PurchaseModel {
    BgNbd(bg_nbd::BgNbd),
    ParetoNbd(pareto_nbd::ParetoNbd),
    MbgNbd(bg_nbd::BgNbd),
}

impl PurchaseModel {
    pub fn model(&self) -> Model {
        match self {
            PurchaseModel::BgNbd(_) => Model::BgNbd,
            PurchaseModel::ParetoNbd(_) => Model::ParetoNbd,
            PurchaseModel::MbgNbd(_) => Model::MbgNbd,
        }
    }

    /// The probability the customer is still active at the end of observation.
    pub fn p_alive(&self, c: Rfm) -> Option<f64> {
        match self {
            PurchaseModel::BgNbd(p) => Some(p.p_alive(c)),
            PurchaseModel::ParetoNbd(p) => p.p_alive(c),
            PurchaseModel::MbgNbd(p) => Some(p.p_alive_with(bg_nbd::Dropout::AfterAny, c)),
        }
    }

    /// The logarithms of the parameters, in the papers' order.
    pub fn logs(&self) -> [f64; 4] {
        let p = match self {
            PurchaseModel::BgNbd(p) | PurchaseModel::MbgNbd(p) => [p.r, p.alpha, p.a, p.b],
            PurchaseModel::ParetoNbd(p) => [p.r, p.alpha, p.s, p.beta],
        };
        p.map(f64::ln)
    }

    /// The same model with the parameters whose logarithms are `logs`.
    #[must_use]
    pub fn with_logs(&self, logs: [f64; 4]) -> Self {
        let [a, b, c, d] = logs.map(f64::exp);
        match self {
            PurchaseModel::BgNbd(_) => PurchaseModel::BgNbd(bg_nbd::BgNbd { r: a, alpha: b, a: c, b: d }),
            PurchaseModel::MbgNbd(_) => PurchaseModel::MbgNbd(bg_nbd::BgNbd { r: a, alpha: b, a: c, b: d }),
            PurchaseModel::ParetoNbd(_) => {
                PurchaseModel::ParetoNbd(pareto_nbd::ParetoNbd { r: a, alpha: b, s: c, beta: d })
            }
        }
    }

    /// Expected purchases over each of `horizons` days (what is common to them, as
    /// Pareto/NBD's P(alive), computed once); `None` where the model gives no prediction.
    pub fn expected_purchases_over(&self, c: Rfm, horizons: &[f64]) -> Option<Vec<f64>> {
        match self {
            PurchaseModel::ParetoNbd(p) => p.expected_purchases_over(c, horizons),
            _ => horizons.iter().map(|&t| self.expected_purchases(c, t)).collect(),
        }
    }

    /// Expected purchases in the next `t` days.
    pub fn expected_purchases(&self, c: Rfm, t: f64) -> Option<f64> {
        match self {
            PurchaseModel::BgNbd(p) => p.expected_purchases(c, t),
            PurchaseModel::ParetoNbd(p) => p.expected_purchases(c, t),
            PurchaseModel::MbgNbd(p) => p.expected_purchases_with(bg_nbd::Dropout::AfterAny, c, t),
        }
    }
}

/// The purchase models in the order they are tried and listed.
pub const PURCHASE_MODELS: [Model; 3] = [Model::BgNbd, Model::ParetoNbd, Model::MbgNbd];

/// The fits of the purchase models to one set of customers; `None` for a model not tried.
#[derive(Clone, Debug, Default)]
struct PurchaseFits {
    bg: Option<Result<bg_nbd::Fit, NoFit>>,
    pareto: Option<Result<pareto_nbd::Fit, NoFit>>,
    mbg: Option<Result<bg_nbd::Fit, NoFit>>,
}

impl PurchaseFits {
    /// Fits `models` to `rfm`.
    fn of(rfm: &[Rfm], models: &[Model]) -> Self {
        let tried = |m: Model| models.contains(&m);
        Self {
            bg: tried(Model::BgNbd).then(|| bg_nbd::fit(rfm)),
            pareto: tried(Model::ParetoNbd).then(|| pareto_nbd::fit(rfm)),
            mbg: tried(Model::MbgNbd).then(|| bg_nbd::fit_with(rfm, bg_nbd::Dropout::AfterAny)),
        }
    }

    /// The covariance of the logarithms of `m`'s parameters, when it has a fit.
    fn covariance(&self, m: Model) -> Option<[[f64; 4]; 4]> {
        match m {
            Model::BgNbd => Some(self.bg.as_ref()?.as_ref().ok()?.covariance),
            Model::ParetoNbd => Some(self.pareto.as_ref()?.as_ref().ok()?.covariance),
            Model::MbgNbd => Some(self.mbg.as_ref()?.as_ref().ok()?.covariance),
            _ => None,
        }
    }

    /// The fitted model `m` with its log-likelihood, or why it has none; `None` when not tried.
    fn get(&self, m: Model) -> Option<Result<(PurchaseModel, f64), NoFit>> {
        match m {
            Model::BgNbd => {
                self.bg.as_ref().map(|r| r.map(|f| (PurchaseModel::BgNbd(f.params), f.log_likelihood)))
            }
            Model::ParetoNbd => self
                .pareto
                .as_ref()
                .map(|r| r.map(|f| (PurchaseModel::ParetoNbd(f.params), f.log_likelihood))),
            Model::MbgNbd => {
                self.mbg.as_ref().map(|r| r.map(|f| (PurchaseModel::MbgNbd(f.params), f.log_likelihood)))
            }
            _ => None,
        }
    }

    /// The models tried without a fit, and why.
    fn not_fitted(&self) -> Vec<NotFitted> {
        let why = |m: Model| self.get(m).and_then(Result::err);
        not_fitted_of(&PURCHASE_MODELS.map(|m| (m, why(m))))
    }
}

/// Which purchase model values a segment's customers, and why that one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Choice {
    pub model: Model,
    #[serde(flatten)]
    pub reason: ChoiceReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ChoiceReason {
    /// `data: model:` names it.
    Setting,
    /// `auto`: the lowest root mean squared error in the holdout, of `candidates` models
    /// validated; `runner_up` is the next lowest, so a reader sees by how much it won.
    Holdout { root_mean_squared_error: f64, runner_up: Option<f64>, candidates: u32 },
    /// `auto` without a holdout: the lowest BIC (with four parameters each, the highest
    /// likelihood), of `candidates` models fitted, and the next lowest.
    Bic { bic: f64, runner_up: Option<f64>, candidates: u32 },
}

/// What the models say about one segment's customers.
#[derive(Clone, Debug, Serialize)]
pub struct SegmentModels {
    /// The purchase model in use and why; `null` when none could be fitted.
    pub chosen: Option<Choice>,
    pub bg_nbd: Option<bg_nbd::Fit>,
    /// Fitted when `data: model:` is `pareto_nbd` or `auto`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pareto_nbd: Option<pareto_nbd::Fit>,
    /// Fitted when `data: model:` is `mbg_nbd` or `auto`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mbg_nbd: Option<bg_nbd::Fit>,
    pub gamma_gamma: Option<gamma_gamma::Fit>,
    /// Customers by P(alive) under the chosen model: `[k]` counts those with P(alive) in
    /// `[k/10, (k+1)/10)`, the last bin including 1.
    pub p_alive: Vec<u64>,
    /// Mean P(alive) over all customers in the data; `null` when the model gives some of
    /// them none.
    pub mean_p_alive: Option<f64>,
    /// Customers the model in use gives no P(alive) (Pareto/NBD where its series cannot be
    /// summed): not in `p_alive`, and with any, `mean_p_alive`, `expected_purchases` and
    /// `model_clv`, which are over every customer, are `null`. Left out of the JSON at 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub customers_without_p_alive: u64,
    /// Expected purchases in the next 365 days, summed over every customer in the data.
    pub expected_purchases: Option<f64>,
    /// Mean model-based CLV of an active customer (a purchase in the last 365 days): the
    /// expected purchases in each year of the horizon × expected spend × gross margin,
    /// discounted at the end of each year.
    pub model_clv: Option<f64>,
    /// 90 % intervals of `expected_purchases` and `model_clv` from the parameters'
    /// uncertainty (a parametric bootstrap); `null` without a purchase model in use.
    pub intervals: Option<bootstrap::Intervals>,
}

impl SegmentModels {
    /// "Pareto/NBD gives no P(alive) for N customers of segment `x` …", for the terminal;
    /// `None` when the model in use gives every customer one.
    pub fn without_p_alive(&self, segment: &str) -> Option<String> {
        let (n, chosen) = (self.customers_without_p_alive, self.chosen.as_ref()?);
        let customers = if n == 1 { "customer" } else { "customers" };
        (n > 0).then(|| {
            format!(
                "{} gives no P(alive) for {n} {customers} of segment `{segment}` (its series cannot be summed \
                 for them): the segment's mean P(alive), expected purchases and model CLV are left out, and \
                 the P(alive) chart shows the others only",
                chosen.model.name()
            )
        })
    }
}

/// Holdout validation of a segment's purchase models (docs/metrics.md).
#[derive(Clone, Debug, Serialize)]
pub struct Validation {
    /// `null` when validated from a holdout summary, which does not say.
    pub calibration_end: Option<chrono::NaiveDate>,
    pub holdout_days: u32,
    /// Calibration customers of the segment: a first purchase on or before the calibration end.
    pub customers: u64,
    /// The segment's customers whose first purchase fell in the holdout, so not validated;
    /// `null` from a holdout summary, which lists only the others.
    pub first_purchase_in_holdout: Option<u64>,
    /// Per model validated, under its key (`bg_nbd`, `pareto_nbd`, `mbg_nbd`).
    pub models: std::collections::BTreeMap<Model, validation::ModelValidation>,
    /// The models that could not be fitted to the calibration customers, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_fitted: Vec<NotFitted>,
}

/// A segment's calibration customers with their holdout purchases, for validation.
#[derive(Debug)]
pub struct HoldoutData<'a> {
    pub calibration_end: Option<chrono::NaiveDate>,
    pub holdout_days: u32,
    pub customers: &'a [validation::Holdout],
    /// Purchase days per week of the holdout, for the tracking; not in a holdout summary.
    pub weekly: Option<&'a [u64]>,
    pub first_purchase_in_holdout: Option<u64>,
}

/// Fits the purchase models `choice` asks for (and every one on the calibration customers,
/// with `holdout`) and Gamma-Gamma to `customers` (one segment's), chooses the purchase
/// model, and values the customers with `drivers`' gross margin over `horizon` years at
/// `discount_rate`; the models that could not be fitted, with why, beside.
pub fn segment_models(
    customers: &[&CustomerSummary],
    holdout: Option<&HoldoutData>,
    choice: ModelChoice,
    drivers: &Drivers,
    (horizon, discount_rate, seed): (u32, f64, u64),
) -> (SegmentModels, Option<Validation>, Vec<NotFitted>) {
    let rfm: Vec<Rfm> = customers.iter().map(|c| rfm_of(c)).collect();
    let spend: Vec<gamma_gamma::Spend> =
        customers.iter().map(|c| gamma_gamma::Spend { x: c.frequency, m: c.monetary }).collect();
    let wanted: Vec<Model> = match choice {
        ModelChoice::Auto => PURCHASE_MODELS.to_vec(),
        ModelChoice::BgNbd => vec![Model::BgNbd],
        ModelChoice::ParetoNbd => vec![Model::ParetoNbd],
        ModelChoice::MbgNbd => vec![Model::MbgNbd],
    };
    let fits = PurchaseFits::of(&rfm, &wanted);
    let validation = holdout.map(validate_all);
    let chosen = choose(choice, &fits, validation.as_ref(), rfm.len());
    let gg = gamma_gamma::fit(&spend);
    let mut not_fitted = fits.not_fitted();
    not_fitted.extend(not_fitted_of(&[(Model::GammaGamma, gg.as_ref().err().copied())]));
    let gg = gg.ok();
    let model = chosen.and_then(|c| fits.get(c.model)).and_then(Result::ok).map(|(m, _)| m);
    let valued: Vec<bootstrap::Valued> = customers
        .iter()
        .zip(&rfm)
        .map(|(c, r)| bootstrap::Valued {
            rfm: *r,
            monetary: c.monetary,
            active: f64::from(c.age.saturating_sub(c.recency)) < YEAR_DAYS,
        })
        .collect();
    let margin = drivers.gross_margin;
    let figures = move |m: &PurchaseModel, g: Option<&gamma_gamma::GammaGamma>, cs: &[bootstrap::Valued]| {
        segment_figures(m, g, cs, margin, (horizon, discount_rate))
    };
    let mut alive = PAlive::default();
    let (mut expected, mut clv, mut intervals) = (None, None, None);
    if let Some(model) = &model {
        alive = PAlive::of(model, &rfm);
        (expected, clv) = figures(model, gg.as_ref().map(|g| &g.params), &valued);
        let covariance = chosen.and_then(|c| fits.covariance(c.model));
        let spend = gg.as_ref().map(|g| (&g.params, &g.covariance));
        intervals = expected.zip(covariance).and_then(|(e, cov)| {
            bootstrap::intervals((model, &cov), spend, &valued, (e, clv), &figures, seed)
        });
    }
    let fitted = model.is_some();
    let models = SegmentModels {
        chosen: chosen.filter(|_| fitted),
        mean_p_alive: alive.mean,
        customers_without_p_alive: alive.unknown,
        expected_purchases: expected,
        model_clv: clv,
        intervals,
        p_alive: alive.bins,
        bg_nbd: fits.bg.and_then(Result::ok),
        pareto_nbd: fits.pareto.and_then(Result::ok),
        mbg_nbd: fits.mbg.and_then(Result::ok),
        gamma_gamma: gg,
    };
    (models, validation, not_fitted)
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The customers by P(alive) under a fitted model.
#[derive(Debug, Default, PartialEq)]
struct PAlive {
    /// Customers per tenth ([`SegmentModels::p_alive`]); empty without a model.
    bins: Vec<u64>,
    /// Over every customer; `None` when the model gives some of them none.
    mean: Option<f64>,
    /// Customers the model gives no P(alive) (Pareto/NBD where its series cannot be
    /// summed): not in `bins`, and counted so that the report can say so.
    unknown: u64,
}

impl PAlive {
    fn of(model: &PurchaseModel, rfm: &[Rfm]) -> Self {
        let mut bins = vec![0; P_ALIVE_BINS];
        let (mut sum, mut unknown) = (0.0, 0);
        for r in rfm {
            let Some(alive) = model.p_alive(*r) else {
                unknown += 1;
                continue;
            };
            sum += alive;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bin = ((alive * 10.0) as usize).min(P_ALIVE_BINS - 1);
            bins[bin] += 1;
        }
        #[allow(clippy::cast_precision_loss)]
        let mean = (unknown == 0 && !rfm.is_empty()).then(|| sum / rfm.len() as f64);
        Self { bins, mean, unknown }
    }
}

/// The sum of the customers' expected purchases in the next 365 days, and the mean model
/// CLV of the active ones (`None` without any, or without a spend model); `None` where the
/// model gives no prediction.
fn segment_figures(
    model: &PurchaseModel,
    spend: Option<&gamma_gamma::GammaGamma>,
    customers: &[bootstrap::Valued],
    margin: f64,
    (horizon, discount_rate): (u32, f64),
) -> (Option<f64>, Option<f64>) {
    // The cumulative expectation at the end of each year of the horizon (at least one).
    let years: Vec<f64> = (1..=horizon.max(1)).map(|k| YEAR_DAYS * f64::from(k)).collect();
    let mut expected = Some(0.0);
    let (mut value_sum, mut active) = (Some(0.0), 0u32);
    for c in customers {
        let cumulative = model.expected_purchases_over(c.rfm, &years);
        expected = expected.zip(cumulative.as_ref()).map(|(a, e)| a + e[0]);
        if c.active {
            active += 1;
            let per_purchase = spend.and_then(|g| g.expected_spend(c.rfm.x, c.monetary));
            let clv = match (per_purchase, cumulative.as_deref()) {
                (Some(s), Some(e)) => Some(model_clv(&e[..horizon as usize], s * margin, discount_rate)),
                _ => None,
            };
            value_sum = value_sum.zip(clv).map(|(a, b)| a + b);
        }
    }
    (expected, value_sum.filter(|_| active > 0).map(|v| v / f64::from(active)))
}

/// Every purchase model fitted to the calibration customers and validated on the holdout.
pub fn validate_all(holdout: &HoldoutData) -> Validation {
    let rfm: Vec<Rfm> = holdout.customers.iter().map(|c| c.rfm).collect();
    let fits = PurchaseFits::of(&rfm, &PURCHASE_MODELS);
    let mut not_fitted = fits.not_fitted();
    let mut models = std::collections::BTreeMap::new();
    for m in PURCHASE_MODELS {
        let Some(Ok((model, _))) = fits.get(m) else { continue };
        match validation::validate(&model, holdout.customers, holdout.holdout_days, holdout.weekly) {
            Some(v) => {
                models.insert(m, v);
            }
            None => not_fitted.push(NotFitted { model: m, why: NoFit::NoPrediction }),
        }
    }
    Validation {
        calibration_end: holdout.calibration_end,
        holdout_days: holdout.holdout_days,
        customers: holdout.customers.len() as u64,
        first_purchase_in_holdout: holdout.first_purchase_in_holdout,
        models,
        not_fitted,
    }
}

/// The purchase model `choice` names, or for `auto` the one with the lowest holdout error
/// (of those also fitted to all the data), else the lowest BIC; ties go to the earlier in
/// [`PURCHASE_MODELS`]. `None` when no candidate has a fit.
fn choose(
    choice: ModelChoice,
    fits: &PurchaseFits,
    validation: Option<&Validation>,
    customers: usize,
) -> Option<Choice> {
    let fitted = |m: &Model| matches!(fits.get(*m), Some(Ok(_)));
    let named = match choice {
        ModelChoice::Auto => None,
        ModelChoice::BgNbd => Some(Model::BgNbd),
        ModelChoice::ParetoNbd => Some(Model::ParetoNbd),
        ModelChoice::MbgNbd => Some(Model::MbgNbd),
    };
    if let Some(model) = named {
        return fitted(&model).then_some(Choice { model, reason: ChoiceReason::Setting });
    }
    if let Some(v) = validation {
        let scored = v.models.iter().filter(|(m, _)| fitted(m)).map(|(m, r)| (*m, r.root_mean_squared_error));
        if let Some((model, error, runner_up, candidates)) = lowest(scored.collect()) {
            let reason = ChoiceReason::Holdout { root_mean_squared_error: error, runner_up, candidates };
            return Some(Choice { model, reason });
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = customers as f64;
    let scored = PURCHASE_MODELS
        .iter()
        .filter_map(|&m| fits.get(m)?.ok().map(|(_, ll)| (m, Criteria::of(ll, 4, n).bic)))
        .collect();
    lowest(scored).map(|(model, bic, runner_up, candidates)| Choice {
        model,
        reason: ChoiceReason::Bic { bic, runner_up, candidates },
    })
}

/// The model with the lowest finite score (ties to the earlier in [`PURCHASE_MODELS`]),
/// its score, the next lowest score, and how many models were scored.
fn lowest(scored: Vec<(Model, f64)>) -> Option<(Model, f64, Option<f64>, u32)> {
    let mut scored: Vec<(Model, f64)> = order(scored).into_iter().filter(|(_, v)| v.is_finite()).collect();
    let candidates = u32::try_from(scored.len()).unwrap_or(u32::MAX);
    // A stable sort keeps the earlier model first among equal scores.
    scored.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (model, score) = *scored.first()?;
    Some((model, score, scored.get(1).map(|s| s.1), candidates))
}

/// `scored` in the order of [`PURCHASE_MODELS`], so ties are broken the same way.
fn order(mut scored: Vec<(Model, f64)>) -> Vec<(Model, f64)> {
    scored.sort_by_key(|(m, _)| PURCHASE_MODELS.iter().position(|p| p == m));
    scored
}

/// The customer as BG/NBD sees them.
pub fn rfm_of(c: &CustomerSummary) -> Rfm {
    Rfm { x: c.frequency, t_x: f64::from(c.recency), t: f64::from(c.age) }
}

/// `Σ_{k=1..H} (E[Y(365k)] − E[Y(365(k−1))]) · margin per purchase · (1+d)⁻ᵏ`, from
/// `cumulative[k−1] = E[Y(365k)]`.
fn model_clv(cumulative: &[f64], margin_per_purchase: f64, discount_rate: f64) -> f64 {
    let mut before = 0.0;
    let mut total = 0.0;
    for (year, &now) in (1..).zip(cumulative) {
        total += (now - before) * margin_per_purchase * value::discount(year, discount_rate);
        before = now;
    }
    total
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

    /// A customer the model gives no P(alive) is counted apart, not binned, and takes the
    /// segment's mean with them; the others land in the tenth of their own P(alive).
    #[test]
    fn customers_without_a_p_alive_are_counted_apart() {
        // β ten thousand times α: at τ = 0 the series' argument (β−α)/β is within 4e-4 of
        // 1, so Pareto/NBD has no P(alive) for a customer without a repeat purchase (tₓ = 0).
        let p = pareto_nbd::ParetoNbd { r: 0.5, alpha: 1.0, s: 0.5, beta: 10_000.0 };
        let model = PurchaseModel::ParetoNbd(p);
        let rfm = [
            Rfm { x: 0, t_x: 0.0, t: 300.0 },
            Rfm { x: 3, t_x: 200.0, t: 300.0 },
            Rfm { x: 5, t_x: 290.0, t: 300.0 },
            Rfm { x: 0, t_x: 0.0, t: 100.0 },
        ];
        let known: Vec<f64> = rfm[1..3].iter().map(|r| model.p_alive(*r).unwrap()).collect();
        let alive = PAlive::of(&model, &rfm);
        assert_eq!((alive.unknown, alive.mean), (2, None));
        let mut bins = vec![0; P_ALIVE_BINS];
        for p in &known {
            assert!((0.0..=1.0).contains(p), "{p}");
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let tenth = ((p * 10.0) as usize).min(P_ALIVE_BINS - 1);
            bins[tenth] += 1;
        }
        assert_eq!(alive.bins, bins);
        // Without them, nobody is left out and the mean is over all.
        let all_known = PAlive::of(&model, &rfm[1..3]);
        assert_eq!(all_known, PAlive { bins, mean: Some(known.iter().sum::<f64>() / 2.0), unknown: 0 });
    }

    /// `auto` takes the lowest holdout error among the models also fitted to all the data,
    /// else the lowest BIC; a named model is taken as it is, if it fits.
    #[test]
    fn the_model_is_chosen_by_holdout_error_then_bic() {
        let truth = bg_nbd::BgNbd { r: 0.8, alpha: 40.0, a: 0.9, b: 5.0 };
        let rfm = bg_nbd::simulate::customers(truth, 2_000, 90.0, 730.0, 41);
        let fits = PurchaseFits::of(&rfm, &PURCHASE_MODELS);
        let scored = |errors: [f64; 3]| {
            let models = PURCHASE_MODELS
                .iter()
                .zip(errors)
                .map(|(&model, root_mean_squared_error)| {
                    let v = validation::ModelValidation {
                        model,
                        predicted: 0.0,
                        actual: 0,
                        error: None,
                        mean_absolute_error: 0.0,
                        root_mean_squared_error,
                        by_frequency: Vec::new(),
                        tracking: Vec::new(),
                    };
                    (model, v)
                })
                .collect();
            Validation {
                calibration_end: None,
                holdout_days: 7,
                customers: 0,
                first_purchase_in_holdout: None,
                models,
                not_fitted: Vec::new(),
            }
        };
        let holdout = scored([0.52, 0.5, 0.51]);
        let chosen = choose(ModelChoice::Auto, &fits, Some(&holdout), rfm.len()).unwrap();
        assert_eq!(chosen.model, Model::ParetoNbd);
        let reason =
            ChoiceReason::Holdout { root_mean_squared_error: 0.5, runner_up: Some(0.51), candidates: 3 };
        assert_eq!(chosen.reason, reason);
        // A score that is not a number never wins, wherever it comes.
        let broken = scored([0.52, 0.51, f64::NAN]);
        assert_eq!(
            choose(ModelChoice::Auto, &fits, Some(&broken), rfm.len()).unwrap().model,
            Model::ParetoNbd
        );
        // A tie goes to the earlier model.
        let tie = scored([0.5, 0.5, 0.5]);
        assert_eq!(choose(ModelChoice::Auto, &fits, Some(&tie), rfm.len()).unwrap().model, Model::BgNbd);
        // Without a holdout: the lowest BIC, which with four parameters each is the highest likelihood.
        let by_bic = choose(ModelChoice::Auto, &fits, None, rfm.len()).unwrap();
        let best = PURCHASE_MODELS
            .iter()
            .map(|&m| (m, fits.get(m).unwrap().unwrap().1))
            .fold((Model::BgNbd, f64::NEG_INFINITY), |b, (m, ll)| if ll > b.1 { (m, ll) } else { b });
        assert_eq!(by_bic.model, best.0);
        let ChoiceReason::Bic { bic, candidates: 3, .. } = by_bic.reason else { panic!("{by_bic:?}") };
        #[allow(clippy::cast_precision_loss)]
        let n = rfm.len() as f64;
        assert!((bic - (4.0 * n.ln() - 2.0 * best.1)).abs() < 1e-9);
        // Named: taken as set, even where another validates better.
        let named = choose(ModelChoice::MbgNbd, &fits, Some(&holdout), rfm.len()).unwrap();
        assert_eq!((named.model, named.reason), (Model::MbgNbd, ChoiceReason::Setting));
        // Named but not fitted: no model.
        let only_bg = PurchaseFits::of(&rfm, &[Model::BgNbd]);
        assert_eq!(choose(ModelChoice::ParetoNbd, &only_bg, None, rfm.len()), None);
    }

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
    fn a_flat_direction_or_a_loose_parameter_is_not_identified() {
        // −ℓ/n = θ₀² + c·θ₁²: the information is n·diag(2, 2c), so se(θ₁) = 1/√(2cn).
        let objective = |c: f64| {
            move |t: &[f64], g: &mut [f64]| {
                g[0] = 2.0 * t[0];
                g[1] = 2.0 * c * t[1];
            }
        };
        let names = ["r", "b"];
        // c = 0.5, n = 100: se(θ₁) = 0.1, identified, and the standard error of b = e^θ₁ is
        // e^θ₁·0.1 by the delta method.
        let (se, cov) = identified(objective(0.5), &[0.0, 1.0], 100.0, names).unwrap();
        assert!((cov[1][1] - 0.01).abs() < 1e-9 && (se[1] - 0.1 * 1f64.exp()).abs() < 1e-9, "{se:?}");
        // c = 1e-4, n = 20: se(θ₁) = 1/√0.004 ≈ 15.8 > 10: b is not pinned down.
        assert_eq!(
            identified(objective(1e-4), &[0.0, 1.0], 20.0, names).err(),
            Some(NoFit::NotIdentified { parameter: Some("b") })
        );
        // c = 0: the likelihood is flat along θ₁; the information is singular.
        assert_eq!(
            identified(objective(0.0), &[0.0, 1.0], 20.0, names).err(),
            Some(NoFit::NotIdentified { parameter: None })
        );
        // The bound itself, n = 1: se(θ₁) = 9.9 is identified, 10.1 is not.
        let c = |se: f64| 1.0 / (2.0 * se * se);
        assert!(identified(objective(c(9.9)), &[0.0, 0.0], 1.0, names).is_ok());
        assert_eq!(
            identified(objective(c(10.1)), &[0.0, 0.0], 1.0, names).err(),
            Some(NoFit::NotIdentified { parameter: Some("b") })
        );
        // A saddle whose inverse still has a positive diagonal: H = I − (101/3)·J curves down
        // along (1, 1, 1) (eigenvalue −100) and up across it; H⁻¹ = I − (1.01/3)·J has 0.66
        // on its diagonal. Not a maximum, so no fit.
        let saddle = |t: &[f64], g: &mut [f64]| {
            let sum: f64 = t.iter().sum();
            for (gi, ti) in g.iter_mut().zip(t) {
                *gi = ti - 101.0 / 3.0 * sum;
            }
        };
        assert_eq!(
            identified(saddle, &[0.0; 3], 1.0, ["p", "q", "v"]).err(),
            Some(NoFit::NotIdentified { parameter: None })
        );
    }

    #[test]
    fn identical_customers_cannot_identify_the_heterogeneity_the_models_describe() {
        // 200 customers with one and the same history: nothing tells how purchase rates and
        // dropout vary between customers. The searches run off towards the limits (r, α → ∞
        // with r/α fixed) and stop on a flat likelihood; that is reported, not a fit.
        let same = vec![Rfm { x: 2, t_x: 100.0, t: 200.0 }; 200];
        // BG/NBD's search does not even settle there.
        let why = bg_nbd::fit(&same).err();
        assert!(matches!(why, Some(NoFit::NotIdentified { .. } | NoFit::NotConverged { .. })), "{why:?}");
        // MBG/NBD's and Pareto/NBD's settle, on a likelihood flat at its maximum: before
        // this check they were reported as converged fits with r near 10⁸.
        for why in [bg_nbd::fit_with(&same, bg_nbd::Dropout::AfterAny).err(), pareto_nbd::fit(&same).err()] {
            let why = why.expect("no fit");
            assert!(matches!(why, NoFit::NotIdentified { .. }), "{why:?}");
            assert_eq!(serde_json::to_value(why).unwrap()["reason"], "not_identified");
            assert!(why.describe().starts_with("the data cannot identify the model"), "{}", why.describe());
        }
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
