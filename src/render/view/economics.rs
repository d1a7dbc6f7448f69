//! Business case and segment economics tables.

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::{BenchmarkSource, Driver, Project};
use crate::render::labels::{lever_name, problem_name};
use crate::render::locale::Localizer;

#[derive(Clone, Debug, Serialize)]
pub struct InvestmentRow {
    pub item: String,
    pub segment: String,
    pub one_off: String,
    pub annual: String,
    pub pv: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskRow {
    pub number: usize,
    pub risk: String,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
    /// `high` (score ≥ 15), `medium` (≥ 8) or `low`: the matrix colour.
    pub level: &'static str,
    pub mitigation: String,
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
pub struct ScenarioRow {
    pub name: String,
    pub focus: bool,
    pub today: String,
    pub low: String,
    pub likely: String,
    pub high: String,
    pub uplift_low: String,
    pub uplift_likely: String,
    pub uplift_high: String,
    pub value_uplift: String,
}

/// One year of the likely scenario's cash flows, as the payback is read off it.
#[derive(Clone, Debug, Serialize)]
pub struct CashFlowRow {
    pub period: u32,
    pub investment: String,
    pub value_uplift: String,
    pub net: String,
    pub discounted_net: String,
    pub cumulative: String,
    /// The year the programme is paid back.
    pub payback: bool,
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

/// A driver's value as the report shows it: rates in per cent, money in the currency.
pub fn driver_value(d: Driver, x: f64, l: &Localizer) -> String {
    match d {
        Driver::RetentionRate | Driver::GrossMargin => l.percent(x, 1),
        Driver::PurchasesPerYear => l.number(x, 1),
        Driver::AverageOrderValue => l.money(x),
    }
}

fn optional(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map_or_else(|| "–".to_owned(), f)
}

pub fn investments(
    project: &Project,
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Vec<InvestmentRow> {
    project
        .investments
        .iter()
        .map(|i| InvestmentRow {
            item: i.item.clone(),
            segment: i.segment.as_deref().map_or_else(|| l.t("investment-programme-wide"), segment_name),
            one_off: l.money(i.one_off),
            annual: l.money(i.annual),
            pv: l.money(m.programme.investment.present_value(i.one_off, i.annual)),
        })
        .collect()
}

pub fn investment_total(m: &Metrics, l: &Localizer) -> InvestmentRow {
    let inv = &m.programme.investment;
    InvestmentRow {
        item: l.t("investment-total"),
        segment: String::new(),
        one_off: l.money(inv.one_off),
        annual: l.money(inv.annual),
        pv: l.money(inv.pv),
    }
}

pub fn risks(project: &Project) -> Vec<RiskRow> {
    project
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let score = r.likelihood * r.impact;
            RiskRow {
                number: i + 1,
                risk: r.risk.clone(),
                likelihood: r.likelihood,
                impact: r.impact,
                score,
                level: risk_level(score),
                mitigation: r.mitigation.clone(),
            }
        })
        .collect()
}

/// `high` (likelihood × impact ≥ 15), `medium` (≥ 8) or `low`: the colour of a risk.
fn risk_level(score: u8) -> &'static str {
    if score >= 15 {
        "high"
    } else if score >= 8 {
        "medium"
    } else {
        "low"
    }
}

/// One cell of the likelihood × impact matrix: the numbers of the risks in it, and its colour.
#[derive(Clone, Debug, Serialize)]
pub struct MatrixCell {
    pub risks: Vec<usize>,
    pub level: &'static str,
}

/// Impact 5 (top row) to 1, likelihood 1 to 5 left to right.
pub fn risk_matrix(project: &Project) -> Vec<Vec<MatrixCell>> {
    (1..=5u8)
        .rev()
        .map(|impact| {
            (1..=5u8)
                .map(|likelihood| MatrixCell {
                    risks: project
                        .risks
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.impact == impact && r.likelihood == likelihood)
                        .map(|(i, _)| i + 1)
                        .collect(),
                    level: risk_level(impact * likelihood),
                })
                .collect()
        })
        .collect()
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

pub fn scenarios(m: &Metrics, l: &Localizer) -> Vec<ScenarioRow> {
    let up = |x: Option<f64>| optional(x, |u| l.percent(u, 1));
    m.segments
        .iter()
        .map(|s| ScenarioRow {
            name: s.name.clone(),
            focus: s.focus,
            today: l.money(s.baseline.clv),
            low: l.money(s.scenarios.low.value.clv),
            likely: l.money(s.scenarios.likely.value.clv),
            high: l.money(s.scenarios.high.value.clv),
            uplift_low: up(s.scenarios.low.uplift),
            uplift_likely: up(s.scenarios.likely.uplift),
            uplift_high: up(s.scenarios.high.uplift),
            value_uplift: l.money_short(s.scenarios.likely.value_uplift),
        })
        .collect()
}

pub fn cash_flows(m: &Metrics, l: &Localizer) -> Vec<CashFlowRow> {
    let payback = m.programme.scenarios.likely.payback_year;
    m.programme
        .cash_flows
        .iter()
        .map(|f| CashFlowRow {
            period: f.period,
            investment: l.money_short(f.investment),
            value_uplift: l.money_short(f.value_uplift),
            net: l.money_short(f.net),
            discounted_net: l.money_short(f.discounted_net),
            cumulative: l.money_short(f.cumulative_discounted_net),
            payback: payback == Some(f.period),
        })
        .collect()
}

pub fn problems(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Vec<ProblemRow> {
    m.problem_areas
        .ranked
        .iter()
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

pub fn not_scored(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Vec<String> {
    m.problem_areas
        .not_scored
        .iter()
        .map(|n| format!("{}: {}", segment_name(&n.segment), problem_name(l, n.driver)))
        .collect()
}
