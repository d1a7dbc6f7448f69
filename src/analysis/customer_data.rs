//! "What the data says": the client's data beside the figures typed by hand, and the
//! customer-base models, per segment.

use serde::Serialize;

use crate::memo::{self, Memo};

use super::models::validation::Holdout;
use super::models::{
    self, HoldoutData, Model, NoFit, NotFitted, RetentionByTenure, SegmentModels, Validation,
};
use super::value;
use crate::model::{Calibration, Coverage, CustomerSummary, Project, RetentionCurve, SegmentData};

#[derive(Clone, Debug, Serialize)]
pub struct DataMetrics {
    /// `null` when no data was read (only typed retention curves).
    pub coverage: Option<Coverage>,
    /// Segments with customers in the data or a retention curve, in segments.yaml's order.
    pub segments: Vec<SegmentDataMetrics>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SegmentDataMetrics {
    pub id: String,
    pub name: String,
    /// What the data gives; `null` without data for this segment.
    pub data: Option<SegmentData>,
    /// Each figure the data can give, beside the figure the analysis uses.
    pub figures: Vec<Figure>,
    pub models: Option<SegmentModels>,
    /// The purchase models validated on a holdout (`data: calibration_end:`); `null` without.
    pub validation: Option<Validation>,
    /// The retention-based CLV the rest of the report uses: `Σ M·(r/(1+d))ᵗ`.
    pub simple_clv: f64,
    pub retention_by_tenure: Option<RetentionByTenure>,
    /// The models that could not be fitted to this segment, and why: the report and the
    /// terminal say so rather than leaving a figure out unexplained.
    pub not_fitted: Vec<NotFitted>,
    /// The path from first purchase to a loyal customer; `null` without a transaction log.
    pub loyalty_path: Option<super::LoyaltyPath>,
}

#[cfg(test)]
impl SegmentDataMetrics {
    /// A segment with nothing but models (none fitted but, when given, the one `chosen`):
    /// customers by P(alive), and how many have none.
    pub fn with_p_alive(
        name: &str,
        chosen: Option<models::Choice>,
        p_alive: Vec<u64>,
        customers_without_p_alive: u64,
    ) -> Self {
        SegmentDataMetrics {
            id: name.to_lowercase(),
            name: name.to_owned(),
            data: None,
            figures: Vec::new(),
            models: Some(SegmentModels {
                chosen,
                bg_nbd: None,
                pareto_nbd: None,
                mbg_nbd: None,
                gamma_gamma: None,
                p_alive,
                mean_p_alive: None,
                customers_without_p_alive,
                expected_purchases: None,
                model_clv: None,
                intervals: None,
            }),
            validation: None,
            simple_clv: 0.0,
            retention_by_tenure: None,
            not_fitted: Vec::new(),
            loyalty_path: None,
        }
    }
}

/// One figure from the data beside the one in use.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// `customers`, `purchases_per_year`, `average_order_value`, `gross_margin`, `retention_rate`.
    pub field: &'static str,
    pub derived: Option<f64>,
    pub used: f64,
    /// Whether `used` is the derived figure (`from_data`) or typed by hand.
    pub from_data: bool,
}

/// The calibration customers of each of `segments` segments, as validation reads them.
fn holdouts(calibration: &Calibration, segments: usize) -> Vec<Vec<Holdout>> {
    models::validation::by_segment(&calibration.customers, segments)
}

/// The name of [`models::segment_models`]' result on exactly these inputs: the customers
/// and holdout customers in their exact binary form, the rest as `{:?}`.
fn segment_models_key(
    customers: &[&CustomerSummary],
    holdout: Option<&HoldoutData>,
    choice: crate::model::ModelChoice,
    drivers: &crate::model::Drivers,
    money: (u32, f64, u64),
) -> memo::Key {
    use memo::Codec;
    let mut bulk = Vec::new();
    for c in customers {
        c.put(&mut bulk);
    }
    // Every field named, so one added is not left out of the key.
    let held = holdout.map(|h| {
        let HoldoutData { calibration_end, holdout_days, customers, weekly, first_purchase_in_holdout } = h;
        for c in *customers {
            c.put(&mut bulk);
        }
        (calibration_end, holdout_days, customers.len(), weekly, first_purchase_in_holdout)
    });
    memo::key_with("segment models", &(customers.len(), held, choice, drivers, money), &bulk)
}

/// A segment's models, holdout validation and the models not fitted; `None` for a segment
/// without customers in the data.
type Fitted = Option<(SegmentModels, Option<Validation>, Vec<NotFitted>)>;

/// What the data says of segment `i`; `None` when it has no customers there.
fn segment_data(project: &Project, i: usize) -> Option<&SegmentData> {
    project.data.as_ref()?.segments.get(i).filter(|d| d.customers > 0)
}

/// The models of each segment, from `memo` when its inputs are unchanged. The segments are
/// shared among the cores: each is fitted to its own customers and draws from its own
/// stream, so the order they are fitted in does not show.
fn fit_segments(project: &Project, by_segment: &[Vec<&CustomerSummary>], memo: &dyn Memo) -> Vec<Fitted> {
    let (set, s) = (project.data.as_ref(), &project.settings);
    let calibration = set.and_then(|d| d.calibration.as_ref());
    let holdouts = calibration.map(|c| holdouts(c, project.segments.len())).unwrap_or_default();
    let choice = set.map(|d| d.model).unwrap_or_default();
    let indices: Vec<usize> = (0..project.segments.len()).collect();
    crate::parallel::map_each(&indices, |&i| {
        segment_data(project, i)?;
        let d = &project.segments[i].drivers;
        let holdout = calibration.map(|c| HoldoutData {
            calibration_end: Some(c.end),
            holdout_days: c.holdout_days,
            customers: holdouts.get(i).map_or(&[], Vec::as_slice),
            weekly: Some(c.weekly_purchases.get(i).map_or(&[], Vec::as_slice)),
            first_purchase_in_holdout: Some(c.first_purchase_in_holdout.get(i).copied().unwrap_or(0)),
        });
        // Each segment draws its own stream, from the project's seed.
        let money = (s.horizon_years, s.discount_rate.get(), s.seed.wrapping_add(i as u64));
        let customers = &by_segment[i];
        let key = || segment_models_key(customers, holdout.as_ref(), choice, d, money);
        Some(memo::memoised(memo, key, || {
            models::segment_models(customers, holdout.as_ref(), choice, d, money)
        }))
    })
}

/// The data section's figures; `None` without data and without retention curves. Each
/// segment's model results are recalled from `memo` when its inputs are unchanged.
pub fn analyse(project: &Project, memo: &dyn Memo) -> Option<DataMetrics> {
    let set = project.data.as_ref();
    if set.is_none() && project.segments.iter().all(|s| s.retention_curve.is_none()) {
        return None;
    }
    let mut by_segment: Vec<Vec<&CustomerSummary>> = vec![Vec::new(); project.segments.len()];
    for c in set.map(|s| s.customers.as_slice()).unwrap_or_default() {
        if let Some(list) = c.segment.and_then(|i| by_segment.get_mut(i)) {
            list.push(c);
        }
    }
    let s = &project.settings;
    let mut paths = super::loyalty_path::analyse(project);
    let mut fitted = fit_segments(project, &by_segment, memo);
    let segments = project
        .segments
        .iter()
        .enumerate()
        .filter_map(|(i, segment)| {
            let data = segment_data(project, i);
            if data.is_none() && segment.retention_curve.is_none() {
                return None;
            }
            let d = &segment.drivers;
            #[allow(clippy::cast_precision_loss)]
            let figures = data.map_or_else(Vec::new, |data| {
                [
                    ("customers", Some(data.active_customers as f64), segment.customers.get()),
                    ("purchases_per_year", data.purchases_per_year, d.purchases_per_year),
                    ("average_order_value", data.average_order_value, d.average_order_value),
                    ("gross_margin", data.gross_margin, d.gross_margin),
                    ("retention_rate", data.retention_rate, d.retention_rate),
                ]
                .into_iter()
                .map(|(field, derived, used)| Figure {
                    field,
                    derived,
                    used,
                    from_data: segment.from_data.contains(&field),
                })
                .collect()
            });
            // `None` when no retention curve was asked for; the reason when it could not be fitted.
            let tenure = segment.retention_curve.as_ref().map(|curve| match curve {
                RetentionCurve::Typed(counts) => models::retention_by_tenure(
                    &models::sbg::from_curve(counts),
                    "typed",
                    d,
                    s.horizon_years,
                    s.discount_rate.get(),
                ),
                RetentionCurve::FromData => match data {
                    Some(data) => models::retention_by_tenure(
                        &data.survival,
                        "data",
                        d,
                        s.horizon_years,
                        s.discount_rate.get(),
                    ),
                    None => Err(NoFit::TooFewCustomers { customers: 0, needed: models::sbg::MIN_CUSTOMERS }),
                },
            });
            let (models, validation, mut not_fitted) = match fitted[i].take() {
                Some((m, v, n)) => (Some(m), v, n),
                None => (None, None, Vec::new()),
            };
            if let Some(Err(why)) = &tenure {
                not_fitted.push(NotFitted { model: Model::Sbg, why: *why });
            }
            Some(SegmentDataMetrics {
                id: segment.id.clone(),
                name: segment.name.clone(),
                figures,
                models,
                validation,
                simple_clv: value::clv(d, s.horizon_years, s.discount_rate.get()),
                retention_by_tenure: tenure.and_then(Result::ok),
                not_fitted,
                loyalty_path: paths.get_mut(i).and_then(Option::take),
                data: data.cloned(),
            })
        })
        .collect();
    Some(DataMetrics { coverage: set.map(|d| d.coverage.clone()), segments })
}
