//! Holdout validation: each purchase model fitted on the customers as of the calibration
//! end, its predictions for the holdout set against what the customers then did
//! (docs/metrics.md, "Holdout validation").

use serde::Serialize;

use super::bg_nbd::Rfm;
use super::{Model, PurchaseModel};

/// The calibration frequencies shown one by one; the last bin holds this many and more.
pub const FREQUENCY_BINS: u32 = 8;

/// One calibration customer: their history as of the calibration end, and their purchase
/// days in the holdout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Holdout {
    pub rfm: Rfm,
    pub purchases: u32,
}

/// The calibration customers of each of `segments` segments, as validation reads them.
pub fn by_segment(customers: &[crate::model::CalibrationCustomer], segments: usize) -> Vec<Vec<Holdout>> {
    let mut holdouts: Vec<Vec<Holdout>> = vec![Vec::new(); segments];
    for c in customers {
        if let Some(list) = c.segment.and_then(|i| holdouts.get_mut(i)) {
            list.push(Holdout::from(c));
        }
    }
    holdouts
}

impl From<&crate::model::CalibrationCustomer> for Holdout {
    fn from(c: &crate::model::CalibrationCustomer) -> Self {
        let rfm = Rfm { x: c.frequency, t_x: f64::from(c.recency), t: f64::from(c.age) };
        Holdout { rfm, purchases: c.holdout_frequency }
    }
}

/// One model's predictions for the holdout against what happened.
#[derive(Clone, Debug, Serialize)]
pub struct ModelValidation {
    pub model: Model,
    /// Expected repeat purchase days in the holdout, summed over the calibration customers.
    pub predicted: f64,
    /// Purchase days they made in the holdout.
    pub actual: u64,
    /// `predicted / actual − 1`; `null` when nobody bought in the holdout.
    pub error: Option<f64>,
    /// The mean over customers of |predicted − actual|.
    pub mean_absolute_error: f64,
    /// The square root of the mean over customers of (predicted − actual)²: the error that
    /// decides `auto`. The models value customers by their expectation, which squared
    /// error rewards; absolute error rewards the median, near zero for most customers.
    pub root_mean_squared_error: f64,
    /// Customers by calibration frequency 0, 1, …, 7+ (the last bin "and more"): the
    /// conditional expectations of the literature.
    pub by_frequency: Vec<FrequencyBin>,
    /// Cumulative predicted and actual purchases at the end of each week of the holdout (the
    /// last week may be shorter): the tracking plot.
    pub tracking: Vec<TrackingPoint>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct FrequencyBin {
    /// 0..=7; 7 stands for 7 or more.
    pub frequency: u32,
    pub customers: u64,
    pub predicted_mean: f64,
    pub actual_mean: f64,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct TrackingPoint {
    pub week: u32,
    pub predicted_cumulative: f64,
    pub actual_cumulative: u64,
}

/// Validates `model` on `customers` over `holdout_days`, with `weekly` the purchase days
/// made in each week of the holdout (without them, as from a holdout summary, there is no
/// tracking). `None` when the model gives no prediction for some customer (BG/NBD and
/// MBG/NBD at a = 1, Pareto/NBD where its series cannot be summed).
pub fn validate(
    model: &PurchaseModel,
    customers: &[Holdout],
    holdout_days: u32,
    weekly: Option<&[u64]>,
) -> Option<ModelValidation> {
    let days = f64::from(holdout_days);
    let weeks = holdout_days.div_ceil(7);
    // Where each customer's expectation is needed: at the end of every week for the
    // tracking, else at the end of the holdout only.
    let points: Vec<f64> = match weekly {
        Some(_) => (1..=weeks).map(|w| f64::from(w * 7).min(days)).collect(),
        None => vec![days],
    };
    // Equal histories predict alike: each distinct one is computed once.
    let mut distinct: Vec<(u32, u64, u64)> =
        customers.iter().map(|c| (c.rfm.x, c.rfm.t_x.to_bits(), c.rfm.t.to_bits())).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let at = |c: &Holdout| distinct.binary_search(&(c.rfm.x, c.rfm.t_x.to_bits(), c.rfm.t.to_bits())).ok();
    // Per distinct history: the cumulative expectation at the end of each week.
    let per_week: Vec<Option<Vec<f64>>> = crate::parallel::map_runs(&distinct, |run| {
        run.iter()
            .map(|&(x, t_x, t)| {
                let rfm = Rfm { x, t_x: f64::from_bits(t_x), t: f64::from_bits(t) };
                model.expected_purchases_over(rfm, &points)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut tracking_predicted = vec![0.0; points.len()];
    let mut bins = vec![(0u64, 0.0, 0u64); FREQUENCY_BINS as usize];
    let (mut predicted, mut actual, mut absolute, mut squared) = (0.0, 0u64, 0.0, 0.0);
    for c in customers {
        let expected = per_week[at(c)?].as_ref()?;
        for (sum, e) in tracking_predicted.iter_mut().zip(expected) {
            *sum += e;
        }
        let total = *expected.last()?;
        predicted += total;
        actual += u64::from(c.purchases);
        absolute += (total - f64::from(c.purchases)).abs();
        squared += (total - f64::from(c.purchases)).powi(2);
        let bin = &mut bins[c.rfm.x.min(FREQUENCY_BINS - 1) as usize];
        bin.0 += 1;
        bin.1 += total;
        bin.2 += u64::from(c.purchases);
    }
    let mut cumulative = 0;
    let tracking = weekly.map_or_else(Vec::new, |weekly| {
        (1..=weeks)
            .zip(tracking_predicted)
            .map(|(week, predicted_cumulative)| {
                cumulative += weekly.get(week as usize - 1).copied().unwrap_or(0);
                TrackingPoint { week, predicted_cumulative, actual_cumulative: cumulative }
            })
            .collect()
    });
    #[allow(clippy::cast_precision_loss)]
    let mean = |sum: f64, n: u64| if n == 0 { 0.0 } else { sum / n as f64 };
    #[allow(clippy::cast_precision_loss)]
    Some(ModelValidation {
        model: model.model(),
        predicted,
        actual,
        error: (actual > 0).then(|| predicted / actual as f64 - 1.0),
        mean_absolute_error: mean(absolute, customers.len() as u64),
        root_mean_squared_error: mean(squared, customers.len() as u64).sqrt(),
        by_frequency: (0..FREQUENCY_BINS)
            .zip(bins)
            .map(|(frequency, (n, p, a))| FrequencyBin {
                frequency,
                customers: n,
                predicted_mean: mean(p, n),
                actual_mean: mean(a as f64, n),
            })
            .collect(),
        tracking,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::models::bg_nbd::BgNbd;

    #[test]
    fn sums_and_bins_worked_by_hand() {
        let model = PurchaseModel::BgNbd(BgNbd { r: 0.5, alpha: 20.0, a: 2.0, b: 4.0 });
        let one = Rfm { x: 0, t_x: 0.0, t: 100.0 };
        let nine = Rfm { x: 9, t_x: 90.0, t: 100.0 };
        let customers = [
            Holdout { rfm: one, purchases: 1 },
            Holdout { rfm: one, purchases: 0 },
            Holdout { rfm: nine, purchases: 4 },
        ];
        // A holdout of 10 days: weeks of 7 and 3 days; purchases 3 in the first, 2 in the second.
        let v = validate(&model, &customers, 10, Some(&[3, 2])).unwrap();
        let (e1, e9) =
            (model.expected_purchases(one, 10.0).unwrap(), model.expected_purchases(nine, 10.0).unwrap());
        assert!((v.predicted - (2.0 * e1 + e9)).abs() < 1e-12);
        assert_eq!(v.actual, 5);
        assert!((v.error.unwrap() - ((2.0 * e1 + e9) / 5.0 - 1.0)).abs() < 1e-12);
        let mae = ((e1 - 1.0).abs() + e1 + (e9 - 4.0).abs()) / 3.0;
        assert!((v.mean_absolute_error - mae).abs() < 1e-12);
        let rmse = (((e1 - 1.0).powi(2) + e1 * e1 + (e9 - 4.0).powi(2)) / 3.0).sqrt();
        assert!((v.root_mean_squared_error - rmse).abs() < 1e-12);
        // Frequency 0 holds two customers, 7+ the one with nine.
        assert_eq!(v.by_frequency[0].customers, 2);
        assert!((v.by_frequency[0].actual_mean - 0.5).abs() < 1e-12);
        assert_eq!(v.by_frequency[7].customers, 1);
        assert!((v.by_frequency[7].predicted_mean - e9).abs() < 1e-12);
        // Tracking: after week 1 the expectation over 7 days, after week 2 over all 10.
        let week1 =
            2.0 * model.expected_purchases(one, 7.0).unwrap() + model.expected_purchases(nine, 7.0).unwrap();
        assert!((v.tracking[0].predicted_cumulative - week1).abs() < 1e-12);
        assert_eq!((v.tracking[0].actual_cumulative, v.tracking[1].actual_cumulative), (3, 5));
        assert!((v.tracking[1].predicted_cumulative - v.predicted).abs() < 1e-12);
        // Without the weekly purchases (a holdout summary), the same totals and no tracking.
        let from_summary = validate(&model, &customers, 10, None).unwrap();
        assert!((from_summary.predicted - v.predicted).abs() < 1e-12 && from_summary.tracking.is_empty());
    }
}
