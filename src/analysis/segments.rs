//! Segment economics today and with the programme: CLV, uplift, acquisition.

use serde::Serialize;

use super::order::ratio;
use super::scenario::PerScenario;
use super::value::{clv, clv_no_horizon, projected_clv, projected_clv_no_horizon};
use crate::model::{Drivers, PerDriver, Scenario, Segment, Settings};

/// A segment's economics at one set of drivers.
#[derive(Clone, Debug, Serialize)]
pub struct ValuePoint {
    pub drivers: Drivers,
    /// `M = f·v·m`.
    pub annual_margin: f64,
    /// `Σ_{t=1..H} M·(r/(1+d))ᵗ`.
    pub clv: f64,
    /// `M·r/(1+d−r)`.
    pub clv_no_horizon: f64,
}

impl ValuePoint {
    pub fn new(drivers: Drivers, settings: &Settings) -> Self {
        Self {
            drivers,
            annual_margin: drivers.annual_margin(),
            clv: clv(&drivers, settings.horizon_years, settings.discount_rate.get()),
            clv_no_horizon: clv_no_horizon(&drivers, settings.discount_rate.get()),
        }
    }

    /// `today` with the programme's `levers`: the drivers and margin at full effect, the
    /// values along the project's ramp-up (the same as [`ValuePoint::new`] without one).
    pub fn projected(today: &Drivers, levers: &PerDriver<f64>, settings: &Settings) -> Self {
        let drivers = today.with_levers(levers);
        let (ramp, d) = (&settings.ramp_up, settings.discount_rate);
        Self {
            drivers,
            annual_margin: drivers.annual_margin(),
            clv: projected_clv(today, levers, ramp, settings.horizon_years, d.get()),
            clv_no_horizon: projected_clv_no_horizon(today, levers, ramp, d.get()),
        }
    }
}

/// A segment with the programme's levers at one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Projection {
    #[serde(flatten)]
    pub value: ValuePoint,
    /// `CLV'/CLV − 1`; `None` when today's CLV is zero.
    pub uplift: Option<f64>,
    /// `N·(CLV' − CLV)`.
    pub value_uplift: f64,
}

/// What acquiring a customer costs, against what a customer is worth.
#[derive(Clone, Debug, Serialize)]
pub struct Acquisition {
    pub new_customers_per_year: f64,
    pub spend_per_year: f64,
    /// `spend / new customers`; `None` when no customers are won.
    pub cac: Option<f64>,
    /// `CLV / CAC`: customer value bought per krone of acquisition.
    pub value_per_acquisition_krone: Option<f64>,
}

/// Everything computed for one segment.
#[derive(Clone, Debug, Serialize)]
pub struct SegmentMetrics {
    pub id: String,
    pub name: String,
    pub focus: bool,
    pub customers: f64,
    pub baseline: ValuePoint,
    pub scenarios: PerScenario<Projection>,
    pub acquisition: Acquisition,
    /// Present value of the investment that serves this segment (its own plus its share of
    /// programme-wide items, by customers).
    pub investment_pv: f64,
    /// Likely value uplift per krone of that investment; `None` when nothing is invested.
    pub value_per_loyalty_krone: Option<f64>,
    /// The monthly figures a subscription segment was entered as; absent for others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription: Option<crate::model::Subscription>,
}

/// A segment's projection with the levers at `levers`.
pub fn project(
    segment: &Segment,
    levers: &PerDriver<f64>,
    baseline: &ValuePoint,
    settings: &Settings,
) -> Projection {
    let value = ValuePoint::projected(&segment.drivers, levers, settings);
    Projection {
        uplift: ratio(value.clv, baseline.clv).map(|x| x - 1.0),
        value_uplift: segment.customers.get() * (value.clv - baseline.clv),
        value,
    }
}

pub fn segment_metrics(segment: &Segment, investment_pv: f64, settings: &Settings) -> SegmentMetrics {
    let baseline = ValuePoint::new(*segment.drivers, settings);
    let scenarios = PerScenario::from_fn(|s| project(segment, &segment.levers.at(s), &baseline, settings));
    let cac = ratio(segment.acquisition_spend_per_year.get(), segment.new_customers_per_year.get());
    SegmentMetrics {
        id: segment.id.clone(),
        name: segment.name.clone(),
        focus: segment.focus,
        customers: segment.customers.get(),
        acquisition: Acquisition {
            new_customers_per_year: segment.new_customers_per_year.get(),
            spend_per_year: segment.acquisition_spend_per_year.get(),
            cac,
            value_per_acquisition_krone: cac.and_then(|c| ratio(baseline.clv, c)),
        },
        investment_pv,
        value_per_loyalty_krone: ratio(scenarios.get(Scenario::Likely).value_uplift, investment_pv),
        subscription: segment.subscription,
        baseline,
        scenarios,
    }
}
