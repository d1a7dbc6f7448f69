//! The value bridge: from today's average focus-segment customer value to the projected one,
//! one lever at a time.
//!
//! Levers interact (more retention makes every extra purchase worth more), so a
//! split by lever depends on the order levers are applied. We apply them in a
//! fixed order — retention, purchases, order value, margin — each step adding
//! its lever to those before it, so the steps add up exactly to the total.

use serde::Serialize;

use super::value::projected_clv;
use crate::model::{Driver, PerDriver, Project, Scenario};

#[derive(Clone, Debug, Serialize)]
pub struct BridgeStep {
    pub lever: Driver,
    /// Change in the average customer value from adding this lever.
    pub change: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ValueBridge {
    /// Customer-weighted average CLV of the focus segments today.
    pub start: f64,
    pub steps: Vec<BridgeStep>,
    /// The same average with every lever at likely.
    pub end: f64,
}

/// The bridge for the likely scenario.
pub fn value_bridge(project: &Project) -> ValueBridge {
    let s = &project.settings;
    let focus: Vec<_> = project.segments.iter().filter(|seg| seg.focus).collect();
    let customers: f64 = focus.iter().map(|seg| seg.customers.get()).sum();
    let average = |applied: &[Driver]| {
        let total: f64 = focus
            .iter()
            .map(|seg| {
                let likely = seg.levers.at(Scenario::Likely);
                let levers = PerDriver::from_fn(|d| if applied.contains(&d) { *likely.get(d) } else { 0.0 });
                seg.customers.get()
                    * projected_clv(&seg.drivers, &levers, &s.ramp_up, s.horizon_years, s.discount_rate.get())
            })
            .sum();
        if customers > 0.0 { total / customers } else { 0.0 }
    };
    let start = average(&[]);
    let mut previous = start;
    let steps = (1..=Driver::ALL.len())
        .map(|n| {
            let value = average(&Driver::ALL[..n]);
            let step = BridgeStep { lever: Driver::ALL[n - 1], change: value - previous };
            previous = value;
            step
        })
        .collect();
    ValueBridge { start, steps, end: previous }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Estimate;
    use crate::model::fixture::{drivers, project, segment};

    /// The steps add up to the projected value, and the end matches the programme uplift.
    #[test]
    fn steps_add_up_and_match_the_programme_uplift() {
        let levers = PerDriver {
            retention_rate: Estimate { low: 0.0, likely: 0.05, high: 0.08 },
            purchases_per_year: Estimate::certain(0.1),
            average_order_value: Estimate::certain(0.02),
            gross_margin: Estimate::certain(0.01),
        };
        let a = segment("a", 100.0, drivers(4.0, 500.0, 0.3, 0.7), levers, true);
        let b = segment("b", 50.0, drivers(2.0, 900.0, 0.4, 0.8), levers, true);
        let p = project(vec![a, b], vec![], 5, 0.08);
        let bridge = value_bridge(&p);
        let sum: f64 = bridge.start + bridge.steps.iter().map(|s| s.change).sum::<f64>();
        assert!((sum - bridge.end).abs() < 1e-9);
        let metrics = crate::analysis::analyse(&p);
        let uplift = bridge.end / bridge.start - 1.0;
        assert!((uplift - metrics.programme.scenarios.likely.uplift).abs() < 1e-12);
        assert!(bridge.steps.iter().all(|s| s.change > 0.0));
    }
}
