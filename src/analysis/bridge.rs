//! The value bridge: from today's average focus-segment customer value to the projected one,
//! one lever at a time.
//!
//! Levers interact (more retention makes every extra purchase worth more), so a
//! split by lever depends on the order levers are applied. We apply them in a
//! fixed order — retention, purchases, order value, margin — each step adding
//! its lever to those before it, so the steps add up exactly to the total.

use serde::Serialize;

use super::value::clv;
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
    let customers: f64 = focus.iter().map(|seg| seg.customers).sum();
    let average = |applied: &[Driver]| {
        let total: f64 = focus
            .iter()
            .map(|seg| {
                let likely = seg.levers.at(Scenario::Likely);
                let levers = PerDriver::from_fn(|d| if applied.contains(&d) { *likely.get(d) } else { 0.0 });
                seg.customers * clv(&seg.drivers.with_levers(&levers), s.horizon_years, s.discount_rate)
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
