//! What each lever is worth in a segment: its Shapley value (Shapley 1953) in the segment's
//! likely value uplift.
//!
//! The levers reinforce each other — a customer who stays longer makes every extra purchase
//! worth more — so "what retention adds" depends on which levers are already on. The value
//! bridge answers that with one fixed order; the Shapley value averages a lever's marginal
//! contribution over all 24 orders in which the four levers can be switched on. It does not
//! depend on any order, gives nothing to a lever that is zero, and the four values add up to
//! the segment's value uplift `N·(CLV′ − CLV)` exactly: the attribution marketing uses to
//! split a conversion between channels (Dalessandro et al. 2012; Zhao et al. 2018).

use serde::Serialize;

use super::value::{clv, projected_clv, projected_margins};
use crate::model::{Driver, PerDriver, Scenario, Segment, Settings};

/// One lever's share of one segment's likely value uplift.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverValue {
    pub segment: String,
    pub lever: Driver,
    /// Its Shapley value, in the project currency; the four of a segment sum to its
    /// `scenarios.likely.value_uplift`.
    pub value: f64,
}

/// The Shapley value of each lever in `segment`'s likely value uplift.
pub fn lever_values(segment: &Segment, settings: &Settings) -> PerDriver<f64> {
    let likely = segment.levers.at(Scenario::Likely);
    let (horizon, rate) = (settings.horizon_years, settings.discount_rate.get());
    let today = clv(&segment.drivers, horizon, rate);
    let n = segment.customers.get();
    // v(S): the value uplift with the levers in S at likely and the others off. v(∅) is
    // computed the same way (0 but for rounding), so a lever at zero changes no coalition's
    // worth by a single bit and gets exactly 0.
    let worth: Vec<f64> = (0..16)
        .map(|members| {
            let levers = coalition(&likely, members);
            n * (projected_clv(&segment.drivers, &levers, &settings.ramp_up, horizon, rate) - today)
        })
        .collect();
    shapley(&worth)
}

/// The Shapley value of each lever in `segment`'s likely value uplift of each year
/// `t = 1..=H`, undiscounted: the game of one year's `N·(Mₜ′·Sₜ′ − M·rᵗ)`, the value uplift
/// the programme's cash flows count. The Shapley value is linear in the game, so these
/// discounted and summed are [`lever_values`].
pub fn lever_values_by_year(segment: &Segment, settings: &Settings) -> Vec<PerDriver<f64>> {
    let likely = segment.levers.at(Scenario::Likely);
    let horizon = settings.horizon_years;
    let n = segment.customers.get();
    let margins: Vec<Vec<f64>> = (0..16)
        .map(|members| {
            projected_margins(&segment.drivers, &coalition(&likely, members), &settings.ramp_up, horizon)
        })
        .collect();
    (1..=horizon)
        .map(|year| {
            let index = year as usize - 1;
            let worth: Vec<f64> = margins.iter().map(|m| n * (m[index] - margins[0][index])).collect();
            shapley(&worth)
        })
        .collect()
}

/// The levers of `likely` that are in the coalition `members`, the others at 0.
fn coalition(likely: &PerDriver<f64>, members: u32) -> PerDriver<f64> {
    PerDriver::from_fn(|d| if members & bit(d) != 0 { *likely.get(d) } else { 0.0 })
}

/// Each lever's Shapley value in the game whose coalition `S` (a set of bits) is worth
/// `worth[S]`; the values add up to `worth[all] − worth[∅]`.
fn shapley(worth: &[f64]) -> PerDriver<f64> {
    PerDriver::from_fn(|lever| {
        let own = bit(lever);
        (0..16_u32)
            .filter(|others| others & own == 0)
            .map(|others| {
                weight(others.count_ones()) * (worth[(others | own) as usize] - worth[others as usize])
            })
            .sum()
    })
}

/// The Shapley values of every segment's levers, segment by segment in the order of
/// segments.yaml and the levers in their fixed order.
pub fn all(segments: &[Segment], settings: &Settings) -> Vec<LeverValue> {
    segments
        .iter()
        .flat_map(|s| {
            let values = lever_values(s, settings);
            Driver::ALL.into_iter().map(move |lever| LeverValue {
                segment: s.id.clone(),
                lever,
                value: *values.get(lever),
            })
        })
        .collect()
}

/// A lever's bit in a coalition of levers.
fn bit(lever: Driver) -> u32 {
    match lever {
        Driver::RetentionRate => 1,
        Driver::PurchasesPerYear => 2,
        Driver::AverageOrderValue => 4,
        Driver::GrossMargin => 8,
    }
}

/// The share of the 24 orders in which a lever joins exactly the `before` levers already on:
/// `before! · (3 − before)! / 4!`.
fn weight(before: u32) -> f64 {
    match before {
        0 | 3 => 6.0 / 24.0,
        _ => 2.0 / 24.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Estimate;
    use crate::model::fixture::{drivers, project, segment};

    fn levers(retention: f64, purchases: f64, order: f64, margin: f64) -> PerDriver<Estimate> {
        PerDriver {
            retention_rate: Estimate::certain(retention),
            purchases_per_year: Estimate::certain(purchases),
            average_order_value: Estimate::certain(order),
            gross_margin: Estimate::certain(margin),
        }
    }

    /// docs/metrics.md, worked examples 4.2, 4.16 and 4.17: two levers, worked by hand.
    /// Retention first adds 517.42 a customer, after purchases 543.29; purchases first adds
    /// 297.83, after retention 323.70. Each lever's Shapley value is the mean of its two.
    #[test]
    fn two_levers_match_the_hand_worked_example() {
        let s = segment("a", 1000.0, drivers(12.0, 450.0, 0.72, 0.71), levers(0.03, 0.05, 0.0, 0.0), true);
        let p = project(vec![s], vec![], 4, 0.09);
        let values = lever_values(&p.segments[0], &p.settings);
        assert!((values.retention_rate - 530_355.0).abs() < 10.0, "{}", values.retention_rate);
        assert!((values.purchases_per_year - 310_765.0).abs() < 10.0, "{}", values.purchases_per_year);
        assert_eq!((values.average_order_value, values.gross_margin), (0.0, 0.0), "a lever at 0 gets 0");
        let total = values.retention_rate + values.purchases_per_year;
        assert!((total - 841_118.96).abs() < 0.01, "{total}");
    }

    /// By symmetry: two levers whose effects are interchangeable get the same value.
    #[test]
    fn interchangeable_levers_share_equally() {
        // Purchases +10 % and order value +10 % both scale the margin by 1.1.
        let s = segment("a", 10.0, drivers(4.0, 500.0, 0.3, 0.7), levers(0.0, 0.1, 0.1, 0.0), true);
        let p = project(vec![s], vec![], 5, 0.08);
        let values = lever_values(&p.segments[0], &p.settings);
        assert!((values.purchases_per_year - values.average_order_value).abs() < 1e-6);
    }
}
