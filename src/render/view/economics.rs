//! The segment economics: each segment's figures, its problem areas, the value of a krone.

use serde::Serialize;

use super::optional;
use crate::analysis::Metrics;
use crate::model::{BenchmarkSource, Driver};
use crate::render::charts::{self, Chart};
use crate::render::labels::{lever_name, problem_name};
use crate::render::locale::{Arg, Localizer};

/// The segment economics section: each segment today, its problem areas in money, and what a
/// krone does in acquisition and in loyalty.
#[derive(Debug, Serialize)]
pub struct EconomicsView {
    pub segments: Vec<SegmentRow>,
    /// The problem areas with value at stake, largest first.
    pub problems: Vec<ProblemRow>,
    /// How many driver figures meet or beat their benchmark (no value at stake, not listed).
    pub at_benchmark: usize,
    pub not_scored: Vec<String>,
    /// The problem areas the transaction data scores directly; `null` when none falls short.
    pub data_problems: Option<DataProblems>,
    pub acquisition: Chart,
}

/// "Low product integration" per segment, from the loyalty path's categories, apart from
/// the ranked problem areas: its value is first-window margin, not a CLV difference.
#[derive(Clone, Debug, Serialize)]
pub struct DataProblems {
    pub rows: Vec<DataProblemRow>,
    /// What integrated means and what the value at stake is (and is not).
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DataProblemRow {
    pub segment: String,
    /// The share of loyal new customers who become integrated, e.g. "18 %".
    pub current: String,
    pub benchmark: String,
    pub best_segment: String,
    /// Loyal customers who would have become integrated at the benchmark.
    pub additional: String,
    /// "–" when it cannot be measured.
    pub value_at_stake: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SegmentRow {
    pub id: String,
    pub name: String,
    pub focus: bool,
    pub customers: String,
    pub purchases: String,
    pub order_value: String,
    pub margin: String,
    pub retention: String,
    pub annual_margin: String,
    pub clv: String,
    pub cac: String,
    pub value_per_acquisition_krone: String,
    pub value_per_loyalty_krone: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProblemRow {
    pub rank: usize,
    pub segment: String,
    pub problem: String,
    pub driver: String,
    pub current: String,
    pub benchmark: String,
    pub source: String,
    pub value_at_stake: String,
}

pub fn build(
    m: &Metrics,
    problems: Vec<ProblemRow>,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> EconomicsView {
    EconomicsView {
        segments: segments(m, l),
        problems,
        at_benchmark: m.problem_areas.ranked.iter().filter(|p| p.value_at_stake <= 0.0).count(),
        not_scored: not_scored(m, segment_name, l),
        data_problems: data_problems(m, segment_name, l),
        acquisition: charts::acquisition(&m.segments, l),
    }
}

/// A driver's value as the report shows it: rates in per cent, money in the currency.
pub fn driver_value(d: Driver, x: f64, l: &Localizer) -> String {
    match d {
        Driver::RetentionRate | Driver::GrossMargin => l.percent(x, 1),
        Driver::PurchasesPerYear => l.number(x, 1),
        Driver::AverageOrderValue => l.money(x),
    }
}

pub fn segments(m: &Metrics, l: &Localizer) -> Vec<SegmentRow> {
    m.segments
        .iter()
        .map(|s| {
            let d = &s.baseline.drivers;
            // A subscription segment shows what was entered, not its converted drivers.
            let (purchases, order_value, retention) = match &s.subscription {
                Some(sub) => (
                    l.t("subscription-payments"),
                    l.t_with("subscription-price", vec![("price", l.money(sub.monthly_price).into())]),
                    l.t_with("subscription-churn", vec![("churn", l.percent(sub.monthly_churn, 1).into())]),
                ),
                None => (
                    l.number(d.purchases_per_year, 1),
                    l.money(d.average_order_value),
                    l.percent(d.retention_rate, 1),
                ),
            };
            SegmentRow {
                id: s.id.clone(),
                name: s.name.clone(),
                focus: s.focus,
                customers: l.number(s.customers, 0),
                purchases,
                order_value,
                margin: l.percent(d.gross_margin, 1),
                retention,
                annual_margin: l.money(s.baseline.annual_margin),
                clv: l.money(s.baseline.clv),
                cac: optional(s.acquisition.cac, |x| l.money(x)),
                value_per_acquisition_krone: optional(s.acquisition.value_per_acquisition_krone, |x| {
                    l.times(x)
                }),
                value_per_loyalty_krone: optional(s.value_per_loyalty_krone, |x| l.times(x)),
            }
        })
        .collect()
}

/// The problem areas with value at stake, ranked (a figure at or above its benchmark is no
/// problem area, and is only counted).
pub fn problems(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Vec<ProblemRow> {
    m.problem_areas
        .ranked
        .iter()
        .filter(|p| p.value_at_stake > 0.0)
        .enumerate()
        .map(|(i, p)| ProblemRow {
            rank: i + 1,
            segment: segment_name(&p.segment),
            problem: problem_name(l, p.driver),
            driver: lever_name(l, p.driver),
            current: driver_value(p.driver, p.current, l),
            benchmark: driver_value(p.driver, p.benchmark, l),
            source: match p.benchmark_source {
                BenchmarkSource::Segment => l.t("benchmark-source-segment"),
                BenchmarkSource::Project => l.t("benchmark-source-project"),
            },
            value_at_stake: l.money_short(p.value_at_stake),
        })
        .collect()
}

/// The data's problem areas, with the integrated stage's definition from the loyalty path.
pub fn data_problems(
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Option<DataProblems> {
    let areas = &m.problem_areas.from_data;
    let path = super::loyalty_path::first_path(m)?;
    let categories = path.integrated.as_ref()?.categories;
    let rows: Vec<DataProblemRow> = areas
        .iter()
        .map(|p| DataProblemRow {
            segment: segment_name(&p.segment),
            current: l.percent(p.current, 0),
            benchmark: l.percent(p.benchmark, 0),
            best_segment: segment_name(&p.benchmark_segment),
            additional: l.number(p.additional_customers, 0),
            value_at_stake: optional(p.value_at_stake, |v| l.money_short(v)),
        })
        .collect();
    let customers: f64 = areas.iter().map(|p| p.additional_customers).sum();
    (!rows.is_empty()).then(|| DataProblems {
        rows,
        note: l.t_with(
            "data-problems-note",
            vec![
                ("categories", f64::from(categories).into()),
                ("window", f64::from(path.window_days).into()),
                ("customers", Arg::rounded(customers)),
            ],
        ),
    })
}

pub fn not_scored(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Vec<String> {
    // The note lists what wants a benchmark; a subscription's purchases and order value do not.
    m.problem_areas
        .not_scored
        .iter()
        .filter(|n| n.reason == crate::analysis::NO_BENCHMARK)
        .map(|n| format!("{}: {}", segment_name(&n.segment), problem_name(l, n.driver)))
        .collect()
}
