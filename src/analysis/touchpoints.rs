//! Touchpoint gap analysis: importance against performance, and effort against value.
//!
//! Importance–performance analysis (Martilla & James 1977): the cross-hairs sit
//! at the mean importance and the mean performance of all touchpoints, and a
//! touchpoint on a cross-hair counts as high. The ranking puts the largest
//! weighted shortfall first, then the most over-invested.

use std::collections::BTreeMap;

use serde::Serialize;

use super::order::{by_score_then_id, reaches};
use crate::model::Journey;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Important, delivered below par.
    ConcentrateHere,
    /// Important, delivered well.
    KeepUpTheGoodWork,
    /// Less important, delivered below par.
    LowPriority,
    /// Less important, delivered well: effort that may be better spent elsewhere.
    PossibleOverkill,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Invest,
    Keep,
    Reduce,
    /// An important touchpoint where we are not present today.
    Add,
}

#[derive(Clone, Debug, Serialize)]
pub struct TouchpointGap {
    pub id: String,
    pub name: String,
    pub phase: String,
    pub channel: String,
    pub present: bool,
    pub importance: f64,
    pub performance: f64,
    /// `importance − performance`.
    pub gap: f64,
    /// `importance · max(gap, 0)`.
    pub priority: f64,
    /// `budget + hours · hourly_rate`.
    pub cost: f64,
    /// This touchpoint's share of all touchpoint cost.
    pub resource_share: f64,
    /// This touchpoint's share of all importance.
    pub importance_share: f64,
    /// `resource_share − importance_share`: above 0 is over-invested, below 0 under-invested.
    pub investment_balance: f64,
    pub quadrant: Quadrant,
    pub action: Action,
}

#[derive(Clone, Debug, Serialize)]
pub struct TouchpointAnalysis {
    pub mean_importance: f64,
    pub mean_performance: f64,
    pub total_cost: f64,
    /// Highest priority first, then most over-invested, then id.
    pub ranked: Vec<TouchpointGap>,
    /// The same analysis with each market's scores and effort, by market name; empty (and
    /// left out of the JSON) when the journey lists no markets.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_market: BTreeMap<String, TouchpointAnalysis>,
}

/// The gap analysis of the journey's own scores, and of each market's.
pub fn analyse(journey: &Journey, hourly_rate: f64) -> TouchpointAnalysis {
    let mut overall = analyse_scores(journey, hourly_rate);
    overall.by_market = journey
        .markets
        .iter()
        .map(|m| (m.clone(), analyse_scores(&journey.in_market(m), hourly_rate)))
        .collect();
    overall
}

fn analyse_scores(journey: &Journey, hourly_rate: f64) -> TouchpointAnalysis {
    let tps = &journey.touchpoints;
    #[allow(clippy::cast_precision_loss)]
    let n = tps.len().max(1) as f64;
    let mean_importance = tps.iter().map(|t| t.importance.get()).sum::<f64>() / n;
    let mean_performance = tps.iter().map(|t| t.performance.get()).sum::<f64>() / n;
    let cost = |t: &crate::model::Touchpoint| t.budget_per_year.get() + t.hours_per_year.get() * hourly_rate;
    let total_cost: f64 = tps.iter().map(cost).sum();
    let total_importance: f64 = tps.iter().map(|t| t.importance.get()).sum();
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let mut ranked: Vec<TouchpointGap> = tps
        .iter()
        .map(|t| {
            let (importance, performance) = (t.importance.get(), t.performance.get());
            let gap = importance - performance;
            let resource_share = share(cost(t), total_cost);
            let importance_share = share(importance, total_importance);
            let quadrant =
                quadrant(reaches(importance, mean_importance), reaches(performance, mean_performance));
            let investment_balance = resource_share - importance_share;
            TouchpointGap {
                id: t.id.clone(),
                name: t.name.clone(),
                phase: t.phase.id().to_owned(),
                channel: t.channel.clone(),
                present: t.present,
                importance,
                performance,
                gap,
                priority: importance * gap.max(0.0),
                cost: cost(t),
                resource_share,
                importance_share,
                investment_balance,
                quadrant,
                action: action(t.present, quadrant, investment_balance),
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| by_score_then_id(a.investment_balance, &a.id, b.investment_balance, &b.id))
    });
    TouchpointAnalysis { mean_importance, mean_performance, total_cost, ranked, by_market: BTreeMap::new() }
}

fn quadrant(high_importance: bool, high_performance: bool) -> Quadrant {
    match (high_importance, high_performance) {
        (true, false) => Quadrant::ConcentrateHere,
        (true, true) => Quadrant::KeepUpTheGoodWork,
        (false, false) => Quadrant::LowPriority,
        (false, true) => Quadrant::PossibleOverkill,
    }
}

/// Add what matters and is missing; invest where important and weak; reduce effort on
/// what matters less but is over-served or over-funded; otherwise keep.
fn action(present: bool, quadrant: Quadrant, investment_balance: f64) -> Action {
    let important = matches!(quadrant, Quadrant::ConcentrateHere | Quadrant::KeepUpTheGoodWork);
    match (present, quadrant) {
        (false, _) if important => Action::Add,
        (true, Quadrant::ConcentrateHere) => Action::Invest,
        (true, Quadrant::PossibleOverkill) => Action::Reduce,
        (true, Quadrant::LowPriority) if investment_balance > 0.0 => Action::Reduce,
        _ => Action::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FivePoint, Money, Phase, Quantity, Touchpoint};

    fn tp(id: &str, importance: f64, performance: f64, present: bool, budget: f64, hours: f64) -> Touchpoint {
        Touchpoint {
            id: id.into(),
            phase: crate::model::fixture::reference(0, "p"),
            channel: "web".into(),
            name: id.into(),
            importance: FivePoint::new(importance).unwrap(),
            performance: FivePoint::new(performance).unwrap(),
            present,
            hours_per_year: Quantity::new(hours).unwrap(),
            budget_per_year: Money::new(budget).unwrap(),
            by_market: BTreeMap::new(),
        }
    }

    /// Three touchpoints, hourly rate 100:
    /// a: imp 5, perf 2, cost 1,000;  b: imp 2, perf 4, cost 8,000 + 20·100 = 10,000;
    /// c: imp 5, perf 1, absent, cost 0.  Means: importance 4, performance 7/3.
    /// a: gap 3, priority 15, concentrate here, invest.
    /// c: gap 4, priority 20, concentrate here, add.
    /// b: gap −2, priority 0, possible overkill, reduce; resource share 10/11,
    ///    importance share 2/12, balance 10/11 − 1/6.
    #[test]
    fn ranks_and_classifies_by_hand() {
        let journey = Journey {
            phases: vec![Phase {
                id: "p".into(),
                name: "P".into(),
                goal: String::new(),
                customer_needs: String::new(),
            }],
            touchpoints: vec![
                tp("a", 5.0, 2.0, true, 1000.0, 0.0),
                tp("b", 2.0, 4.0, true, 8000.0, 20.0),
                tp("c", 5.0, 1.0, false, 0.0, 0.0),
            ],
            markets: vec![],
            initiatives: vec![],
        };
        let result = analyse(&journey, 100.0);
        let ids: Vec<_> = result.ranked.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
        let [c, a, b] = &result.ranked[..] else { panic!("three touchpoints") };
        assert_eq!((c.priority, c.quadrant, c.action), (20.0, Quadrant::ConcentrateHere, Action::Add));
        assert_eq!((a.priority, a.quadrant, a.action), (15.0, Quadrant::ConcentrateHere, Action::Invest));
        assert_eq!((b.priority, b.quadrant, b.action), (0.0, Quadrant::PossibleOverkill, Action::Reduce));
        assert!((b.cost - 10_000.0).abs() < 1e-9);
        assert!((b.investment_balance - (10.0 / 11.0 - 2.0 / 12.0)).abs() < 1e-12);
        assert!((result.mean_performance - 7.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_point_on_the_cross_hair_counts_as_high() {
        assert_eq!(quadrant(true, true), Quadrant::KeepUpTheGoodWork);
        let journey = Journey {
            phases: vec![],
            touchpoints: vec![tp("x", 3.0, 3.0, true, 0.0, 0.0), tp("y", 3.0, 3.0, true, 0.0, 0.0)],
            markets: vec![],
            initiatives: vec![],
        };
        assert!(analyse(&journey, 0.0).ranked.iter().all(|t| t.quadrant == Quadrant::KeepUpTheGoodWork));
        let decimals = Journey {
            phases: vec![],
            touchpoints: vec![
                tp("a", 1.6, 1.6, true, 0.0, 0.0),
                tp("b", 1.6, 1.6, true, 0.0, 0.0),
                tp("c", 1.6, 1.6, true, 0.0, 0.0),
            ],
            markets: vec![],
            initiatives: vec![],
        };
        assert!(analyse(&decimals, 0.0).ranked.iter().all(|t| t.quadrant == Quadrant::KeepUpTheGoodWork));
    }

    /// Two touchpoints; market "N" rates `b` 5 and is not present at `a` (performance 1,
    /// no cost there). Overall: means 3 and 3, both on the cross-hairs. In N: importance
    /// means (3 + 5)/2 = 4, so `a` (3) is low and `b` (5) high; `a` is absent and unimportant
    /// there, so it is kept, not added; `b` is important and at par (3 ≥ mean (1 + 3)/2 = 2).
    #[test]
    fn each_market_is_analysed_with_its_own_scores() {
        use crate::model::MarketScores;
        let mut a = tp("a", 3.0, 3.0, true, 1000.0, 0.0);
        let mut b = tp("b", 3.0, 3.0, true, 1000.0, 0.0);
        a.by_market.insert(
            "N".into(),
            MarketScores {
                importance: a.importance,
                performance: FivePoint::new(1.0).unwrap(),
                present: false,
                hours_per_year: Quantity::new(0.0).unwrap(),
                budget_per_year: Money::new(0.0).unwrap(),
            },
        );
        let b_in_n = MarketScores {
            importance: FivePoint::new(5.0).unwrap(),
            performance: b.performance,
            present: true,
            hours_per_year: b.hours_per_year,
            budget_per_year: b.budget_per_year,
        };
        b.by_market.insert("N".into(), b_in_n);
        let journey = Journey {
            phases: vec![],
            touchpoints: vec![a, b],
            markets: vec!["N".into()],
            initiatives: vec![],
        };
        let result = analyse(&journey, 0.0);
        assert_eq!((result.mean_importance, result.mean_performance), (3.0, 3.0));
        let n = &result.by_market["N"];
        assert_eq!((n.mean_importance, n.mean_performance), (4.0, 2.0));
        let by_id = |id: &str| n.ranked.iter().find(|g| g.id == id).unwrap();
        assert_eq!((by_id("a").quadrant, by_id("a").action), (Quadrant::LowPriority, Action::Keep));
        assert_eq!((by_id("b").quadrant, by_id("b").action), (Quadrant::KeepUpTheGoodWork, Action::Keep));
        assert_eq!((by_id("a").cost, by_id("b").resource_share), (0.0, 1.0), "nothing spent where absent");
        assert!(
            n.by_market.is_empty() && result.ranked.iter().all(|g| g.quadrant == Quadrant::KeepUpTheGoodWork)
        );
    }
}
