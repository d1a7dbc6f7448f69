//! Properties every input must satisfy, checked on random inputs (proptest).

use proptest::prelude::*;

use super::value::{clv, clv_no_horizon};
use crate::model::{Driver, Drivers};

fn drivers() -> impl Strategy<Value = Drivers> {
    (0.0..0.99f64, 0.1..100.0f64, 1.0..100_000.0f64, 0.0..1.0f64).prop_map(|(r, f, v, m)| Drivers {
        retention_rate: r,
        purchases_per_year: f,
        average_order_value: v,
        gross_margin: m,
    })
}

proptest! {
    /// More retention never lowers the value of a customer.
    #[test]
    fn more_retention_never_lowers_clv(d in drivers(), extra in 0.0..0.5f64, h in 1u32..=30, rate in 0.0..0.3f64) {
        let more = Drivers { retention_rate: (d.retention_rate + extra).min(0.999), ..d };
        prop_assert!(clv(&more, h, rate) >= clv(&d, h, rate));
    }

    /// Every positive lever raises the projected CLV (so NPV rises with every lever), and
    /// a negative one lowers it.
    #[test]
    fn every_lever_moves_clv_in_its_direction(d in drivers(), delta in 0.0001..0.01f64, h in 1u32..=30, rate in 0.0..0.3f64) {
        prop_assume!(d.gross_margin > 0.0 && d.retention_rate > 0.0);
        prop_assume!(d.gross_margin + delta <= 1.0 && d.retention_rate + delta < 1.0);
        let today = clv(&d, h, rate);
        for driver in Driver::ALL {
            prop_assert!(clv(&d.with_lever(driver, delta), h, rate) > today, "{driver:?} up");
            prop_assert!(clv(&d.with_lever(driver, -delta), h, rate) < today, "{driver:?} down");
        }
    }

    /// A longer horizon adds value, up to the no-horizon limit.
    #[test]
    fn horizon_value_grows_towards_the_limit(d in drivers(), h in 1u32..30, rate in 0.0..0.3f64) {
        let shorter = clv(&d, h, rate);
        let longer = clv(&d, h + 1, rate);
        prop_assert!(longer >= shorter);
        prop_assert!(longer <= clv_no_horizon(&d, rate) * (1.0 + 1e-12) + 1e-9);
    }

    /// A higher discount rate never raises today's value.
    #[test]
    fn discounting_more_never_raises_clv(d in drivers(), h in 1u32..=30, rate in 0.0..0.3f64, more in 0.0..0.2f64) {
        prop_assert!(clv(&d, h, rate + more) <= clv(&d, h, rate) * (1.0 + 1e-12));
    }
}

proptest! {
    /// The Shapley values of a segment's four levers add up to its likely value uplift, for
    /// any drivers, levers, horizon, discount rate and ramp-up.
    #[test]
    fn lever_values_sum_to_the_segments_value_uplift(
        d in drivers(),
        levers in (-0.05..0.1f64, -0.1..0.3f64, -0.1..0.3f64, -0.05..0.05f64),
        customers in 1.0..100_000.0f64,
        h in 1u32..=15,
        rate in 0.0..0.3f64,
        ramp in proptest::collection::vec(0.0..1.0f64, 0..4),
    ) {
        use crate::model::{Estimate, PerDriver};
        use crate::model::fixture::{project, segment};
        let (r, f, v, m) = levers;
        prop_assume!(d.retention_rate + r < 1.0 && d.retention_rate + r >= 0.0);
        prop_assume!(d.gross_margin + m <= 1.0 && d.gross_margin + m >= 0.0);
        let levers = PerDriver {
            retention_rate: Estimate::certain(r),
            purchases_per_year: Estimate::certain(f),
            average_order_value: Estimate::certain(v),
            gross_margin: Estimate::certain(m),
        };
        let mut p = project(vec![segment("a", customers, d, levers, true)], vec![], h, rate);
        p.settings.ramp_up = ramp;
        let values = super::shapley::lever_values(&p.segments[0], &p.settings);
        let sum: f64 = Driver::ALL.iter().map(|l| *values.get(*l)).sum();
        let metrics = super::segments::segment_metrics(&p.segments[0], 0.0, &p.settings);
        let expected = metrics.scenarios.likely.value_uplift;
        prop_assert!((sum - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{sum} vs {expected}");
        // Year by year (the paybacks of initiatives), discounted and summed: the same values.
        let by_year = super::shapley::lever_values_by_year(&p.segments[0], &p.settings);
        for lever in Driver::ALL {
            let discounted: f64 = (1..=h)
                .zip(&by_year)
                .map(|(year, v)| v.get(lever) * super::value::discount(year, rate))
                .sum();
            let whole = *values.get(lever);
            prop_assert!((discounted - whole).abs() <= 1e-9 * expected.abs().max(1.0), "{lever:?}: {discounted} vs {whole}");
        }
    }
}
