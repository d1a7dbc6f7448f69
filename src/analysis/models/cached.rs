//! A segment's model results in the exact form `build/.cache` keeps them (`crate::memo`):
//! fits, the choice, holdout validation and intervals of an unchanged segment are then
//! recalled, not recomputed. Each struct lists all its fields (the covariances too, which
//! the metrics leave out); one left out does not compile.

use super::bg_nbd::{BgNbd, Fit as BgNbdFit, Rfm};
use super::bootstrap::Intervals;
use super::gamma_gamma::{Fit as GammaGammaFit, GammaGamma};
use super::pareto_nbd::{Fit as ParetoNbdFit, ParetoNbd};
use super::validation::{FrequencyBin, Holdout, ModelValidation, TrackingPoint};
use super::{
    Choice, ChoiceReason, Convergence, Model, NoFit, NotFitted, SegmentModels, Validation, bg_bb, bg_nbd,
    gamma_gamma, pareto_nbd,
};
use crate::memo::Codec;

/// The fixed words a result holds as `&'static str`: a fit's time unit and the names of
/// the models' parameters (a `not_identified` reason names one). Any other word does not
/// decode, and the result is computed afresh.
fn word(text: &str) -> Option<&'static str> {
    [bg_nbd::TIME_UNIT]
        .iter()
        .chain(&bg_nbd::PARAMETERS)
        .chain(&pareto_nbd::PARAMETERS)
        .chain(&gamma_gamma::PARAMETERS)
        .chain(&bg_bb::PARAMETERS)
        .copied()
        .find(|w| *w == text)
}

impl Codec for &'static str {
    fn put(&self, out: &mut Vec<u8>) {
        (*self).to_owned().put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        word(&String::take(input)?)
    }
}

crate::codec_struct!(SegmentModels {
    chosen,
    bg_nbd,
    pareto_nbd,
    mbg_nbd,
    gamma_gamma,
    p_alive,
    mean_p_alive,
    customers_without_p_alive,
    expected_purchases,
    model_clv,
    intervals
});
crate::codec_struct!(Choice { model, reason });
// Inputs, named by their exact form.
crate::codec_struct!(Rfm { x, t_x, t });
crate::codec_struct!(Holdout { rfm, purchases });
crate::codec_enum!(ChoiceReason {
    0 => Setting,
    1 => Holdout { root_mean_squared_error, runner_up, candidates },
    2 => Bic { bic, runner_up, candidates },
});
crate::codec_enum!(Model { 0 => BgNbd, 1 => ParetoNbd, 2 => MbgNbd, 3 => BgBb, 4 => GammaGamma, 5 => Sbg });
crate::codec_struct!(BgNbdFit {
    time_unit,
    params,
    standard_errors,
    covariance,
    log_likelihood,
    convergence
});
crate::codec_struct!(BgNbd { r, alpha, a, b });
crate::codec_struct!(ParetoNbdFit {
    time_unit,
    params,
    standard_errors,
    covariance,
    log_likelihood,
    convergence
});
crate::codec_struct!(ParetoNbd { r, alpha, s, beta });
crate::codec_struct!(GammaGammaFit {
    params,
    standard_errors,
    covariance,
    log_likelihood,
    customers,
    convergence
});
crate::codec_struct!(GammaGamma { p, q, v });
crate::codec_struct!(Convergence { iterations, gradient });
crate::codec_struct!(Intervals {
    draws,
    customers,
    expected_purchases,
    expected_purchases_draws,
    model_clv,
    model_clv_draws
});
crate::codec_struct!(Validation {
    calibration_end,
    holdout_days,
    customers,
    first_purchase_in_holdout,
    models,
    not_fitted
});
crate::codec_struct!(ModelValidation {
    model,
    predicted,
    actual,
    error,
    mean_absolute_error,
    root_mean_squared_error,
    by_frequency,
    tracking
});
crate::codec_struct!(FrequencyBin { frequency, customers, predicted_mean, actual_mean });
crate::codec_struct!(TrackingPoint { week, predicted_cumulative, actual_cumulative });
crate::codec_struct!(NotFitted { model, why });
crate::codec_enum!(NoFit {
    0 => TooFewCustomers { customers, needed },
    1 => TooFewRepeatBuyers { customers, needed },
    2 => NoRepeatPurchases,
    3 => NobodyLost,
    4 => SameChurn { retention },
    5 => NotConverged { iterations, gradient },
    6 => NotIdentified { parameter },
    7 => NoPrediction,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::codec::{decode, encode};

    /// Every reason a model is not fitted, with every parameter name a fit can blame,
    /// comes back as it went in.
    #[test]
    fn every_reason_comes_back() {
        let mut reasons = vec![
            NoFit::TooFewCustomers { customers: 3, needed: 30 },
            NoFit::TooFewRepeatBuyers { customers: 2, needed: 10 },
            NoFit::NoRepeatPurchases,
            NoFit::NobodyLost,
            NoFit::SameChurn { retention: 0.8 },
            NoFit::NotConverged { iterations: 500, gradient: 1e-3 },
            NoFit::NotIdentified { parameter: None },
            NoFit::NoPrediction,
        ];
        let names = bg_nbd::PARAMETERS.iter().chain(&pareto_nbd::PARAMETERS).chain(&gamma_gamma::PARAMETERS);
        for name in names.chain(&bg_bb::PARAMETERS) {
            reasons.push(NoFit::NotIdentified { parameter: Some(name) });
        }
        assert_eq!(decode::<&'static str>(&encode(&"gamma ray".to_owned())), None, "not a word of a result");
        for why in reasons {
            let n = NotFitted { model: Model::MbgNbd, why };
            assert_eq!(decode::<NotFitted>(&encode(&n)), Some(n));
        }
    }
}
