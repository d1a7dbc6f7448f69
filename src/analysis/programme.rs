//! The programme as a whole: investment, uplift of the focus segments, NPV, ROI, payback.

use serde::Serialize;

use super::order::{ratio, reaches};
use super::scenario::PerScenario;
use super::segments::SegmentMetrics;
use super::value::{annuity_factor, clv_in_year, discount, projected_margins};
use crate::model::{Project, Scenario, Segment, Settings};

/// The investment in total and as a present value.
#[derive(Clone, Debug, Serialize)]
pub struct InvestmentSummary {
    pub one_off: f64,
    pub annual: f64,
    /// `Σ_{t=1..H} (1+d)⁻ᵗ`.
    pub annuity_factor: f64,
    /// `one_off + annual · annuity_factor`.
    pub pv: f64,
}

/// One period (a year) of the programme's cash flows. Money falls at the period's end, as
/// margins and running costs do in CLV; the one-off investment is period 0.
#[derive(Clone, Debug, Serialize)]
pub struct CashFlow {
    pub period: u32,
    /// Months from the start to the period's end: `12 · period`.
    pub period_months: u32,
    /// What is spent in the period, undiscounted.
    pub investment: f64,
    /// The value uplift earned in the period, undiscounted: `Σ N·(Mₜ′·Sₜ′ − M·rᵗ)`, the
    /// programme's margin of the year (along any ramp-up) earned by those still retained.
    pub value_uplift: f64,
    /// `value_uplift − investment`.
    pub net: f64,
    /// `net · (1+d)⁻ᵗ`.
    pub discounted_net: f64,
    /// The discounted net of this and every earlier period; its last value is the NPV.
    pub cumulative_discounted_net: f64,
}

/// One year of the cumulative, discounted value against investment.
#[derive(Clone, Debug, Serialize)]
pub struct YearPoint {
    pub year: u32,
    pub cumulative_value_uplift: f64,
    pub cumulative_investment: f64,
}

/// The programme's figures in one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeScenario {
    /// `Σ_focus N·CLV' / Σ_focus N·CLV − 1`.
    pub uplift: f64,
    /// `target.min ≤ uplift ≤ target.max`.
    pub within_target: bool,
    /// Value uplift of all segments, `Σ N·(CLV' − CLV)`.
    pub value_uplift: f64,
    /// `value_uplift − PV(investment)`.
    pub npv: f64,
    /// `NPV / PV(investment)`; `None` when nothing is invested.
    pub roi: Option<f64>,
    /// The first year whose cumulative discounted net cash flow is at least zero; `None`
    /// when nothing is invested or the horizon ends first.
    pub payback_year: Option<u32>,
    /// `12 · payback_year`: the end of that year, in months.
    pub payback_months: Option<f64>,
    /// Year 0 (the one-off investment) to year H.
    pub cumulative: Vec<YearPoint>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Programme {
    pub focus_segments: Vec<String>,
    pub investment: InvestmentSummary,
    pub scenarios: PerScenario<ProgrammeScenario>,
    /// The likely scenario's cash flows, period 0 to the horizon: NPV and payback are read
    /// off this table.
    pub cash_flows: Vec<CashFlow>,
}

impl InvestmentSummary {
    /// One investment line's present value: `one_off + annual · annuity_factor`.
    pub fn present_value(&self, one_off: f64, annual: f64) -> f64 {
        one_off + annual * self.annuity_factor
    }
}

pub fn investment_summary(project: &Project) -> InvestmentSummary {
    let s = &project.settings;
    // `+ 0.0`: a sum of no lines is −0.0 in IEEE arithmetic, and "nothing invested" is 0.
    let one_off = project.investments.iter().map(|i| i.one_off.get()).sum::<f64>() + 0.0;
    let annual = project.investments.iter().map(|i| i.annual.get()).sum::<f64>() + 0.0;
    let mut summary = InvestmentSummary {
        one_off,
        annual,
        annuity_factor: annuity_factor(s.horizon_years, s.discount_rate.get()),
        pv: 0.0,
    };
    summary.pv = summary.present_value(one_off, annual);
    summary
}

/// Each segment's share of the investment's present value: its own items plus a share of
/// the programme-wide ones in proportion to customers (equal shares when no segment has any).
pub fn investment_by_segment(project: &Project, investment: &InvestmentSummary) -> Vec<f64> {
    let total_customers: f64 = project.segments.iter().map(|seg| seg.customers.get()).sum();
    #[allow(clippy::cast_precision_loss)]
    let count = project.segments.len() as f64;
    let share = |seg: &Segment| {
        if total_customers > 0.0 { seg.customers.get() / total_customers } else { 1.0 / count }
    };
    project
        .segments
        .iter()
        .map(|seg| {
            project
                .investments
                .iter()
                .map(|i| {
                    let pv = investment.present_value(i.one_off.get(), i.annual.get());
                    match &i.segment {
                        Some(id) if *id == seg.id => pv,
                        Some(_) => 0.0,
                        None => pv * share(seg),
                    }
                })
                .sum()
        })
        .collect()
}

/// The investment and each segment's figures with its share of it: what the programme, the
/// simulation and the tornado are computed from.
pub fn investment_and_segments(project: &Project) -> (InvestmentSummary, Vec<SegmentMetrics>) {
    let investment = investment_summary(project);
    let by_segment = investment_by_segment(project, &investment);
    let segments = project
        .segments
        .iter()
        .zip(&by_segment)
        .map(|(seg, pv)| super::segments::segment_metrics(seg, *pv, &project.settings))
        .collect();
    (investment, segments)
}

/// Customer-weighted uplift of the focus segments for per-segment CLVs (today, projected).
pub fn focus_uplift<'a>(pairs: impl Iterator<Item = (&'a Segment, f64, f64)>) -> f64 {
    let (today, projected) =
        pairs.filter(|(seg, _, _)| seg.focus).fold((0.0, 0.0), |(t, p), (seg, clv, clv2)| {
            (t + seg.customers.get() * clv, p + seg.customers.get() * clv2)
        });
    uplift_of_totals(today, projected)
}

/// `Σ N·CLV′ / Σ N·CLV − 1` from the two sums over the focus segments; 0 when today's is 0.
pub fn uplift_of_totals(today: f64, projected: f64) -> f64 {
    ratio(projected, today).map_or(0.0, |x| x - 1.0)
}

pub fn programme(project: &Project, segments: &[SegmentMetrics], investment: InvestmentSummary) -> Programme {
    let settings = &project.settings;
    let flows = PerScenario::from_fn(|scenario| cash_flows(project, scenario, &investment, settings));
    let scenarios = PerScenario::from_fn(|scenario| {
        let uplift = focus_uplift(
            project
                .segments
                .iter()
                .zip(segments)
                .map(|(seg, m)| (seg, m.baseline.clv, m.scenarios.get(scenario).value.clv)),
        );
        let value_uplift: f64 = segments.iter().map(|m| m.scenarios.get(scenario).value_uplift).sum();
        let npv = value_uplift - investment.pv;
        let flows = flows.get(scenario);
        let cumulative = cumulative(flows, settings.discount_rate.get());
        // Nothing invested, nothing to pay back: no payback figure rather than "year 0".
        let payback_year = if investment.pv > 0.0 { payback_year(flows) } else { None };
        ProgrammeScenario {
            uplift,
            within_target: reaches(uplift, settings.target_min.get())
                && reaches(settings.target_max.get(), uplift),
            value_uplift,
            npv,
            roi: ratio(npv, investment.pv),
            payback_year,
            payback_months: payback_year.map(|year| 12.0 * f64::from(year)),
            cumulative,
        }
    });
    Programme {
        focus_segments: project.segments.iter().filter(|s| s.focus).map(|s| s.id.clone()).collect(),
        cash_flows: flows.get(Scenario::Likely).clone(),
        investment,
        scenarios,
    }
}

/// The scenario's cash flows for periods 0..=H: the one-off investment in period 0, running
/// costs and the value uplift at the end of each year.
fn cash_flows(
    project: &Project,
    scenario: Scenario,
    investment: &InvestmentSummary,
    settings: &Settings,
) -> Vec<CashFlow> {
    let d = settings.discount_rate;
    // One customer's margin in each year with the programme, undiscounted, per segment.
    let margins: Vec<Vec<f64>> = project
        .segments
        .iter()
        .map(|seg| {
            projected_margins(
                &seg.drivers,
                &seg.levers.at(scenario),
                &settings.ramp_up,
                settings.horizon_years,
            )
        })
        .collect();
    let mut cumulative = 0.0;
    (0..=settings.horizon_years)
        .map(|period| {
            let (spent, value) = if period == 0 {
                (investment.one_off, 0.0)
            } else {
                let index = period as usize - 1;
                let value = project
                    .segments
                    .iter()
                    .zip(&margins)
                    .map(|(seg, with)| {
                        seg.customers.get() * (with[index] - clv_in_year(&seg.drivers, period, 0.0))
                    })
                    .sum();
                (investment.annual, value)
            };
            // `+ 0.0` turns a sum of nothing (−0.0 in IEEE arithmetic) into a plain 0.
            let (spent, value) = (spent + 0.0, value + 0.0);
            let net = value - spent;
            let discounted_net = net * discount(period, d.get());
            cumulative += discounted_net;
            CashFlow {
                period,
                period_months: 12 * period,
                investment: spent,
                value_uplift: value,
                net,
                discounted_net,
                cumulative_discounted_net: cumulative,
            }
        })
        .collect()
}

/// Cumulative discounted value uplift and investment for years 0..=H, from the cash flows.
fn cumulative(flows: &[CashFlow], d: f64) -> Vec<YearPoint> {
    let (mut value, mut spent) = (0.0, 0.0);
    flows
        .iter()
        .map(|f| {
            value += f.value_uplift * discount(f.period, d);
            spent += f.investment * discount(f.period, d);
            YearPoint { year: f.period, cumulative_value_uplift: value, cumulative_investment: spent }
        })
        .collect()
}

/// The end of the first year (period ≥ 1) whose cumulative discounted net cash flow is at
/// least zero; `None` if that does not happen within the horizon. Read off the table with
/// no interpolation: money falls at the ends of periods, so nothing is known in between.
pub fn payback_year(flows: &[CashFlow]) -> Option<u32> {
    first_year_paid_back(flows.iter().map(|f| f.cumulative_discounted_net))
}

/// The first period ≥ 1 whose cumulative discounted net (given period by period from 0) is
/// at least zero.
pub fn first_year_paid_back(cumulative: impl IntoIterator<Item = f64>) -> Option<u32> {
    (0_u32..).zip(cumulative).skip(1).find(|(_, c)| *c >= 0.0).map(|(period, _)| period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(period: u32, cumulative: f64) -> CashFlow {
        CashFlow {
            period,
            period_months: 12 * period,
            investment: 0.0,
            value_uplift: 0.0,
            net: 0.0,
            discounted_net: 0.0,
            cumulative_discounted_net: cumulative,
        }
    }

    /// Cumulative −100 after year 1 and +50 after year 2: paid back at the end of year 2,
    /// not "20 months", which would claim knowledge of when inside year 2 the money came.
    #[test]
    fn payback_is_the_end_of_the_first_year_that_covers_the_investment() {
        let flows = [flow(0, -100.0), flow(1, -100.0), flow(2, 50.0)];
        assert_eq!(payback_year(&flows), Some(2));
        assert_eq!(payback_year(&[flow(0, -100.0), flow(1, -10.0)]), None);
        // Without a one-off, period 0 is zero but does not count: year 1 must cover its costs.
        assert_eq!(payback_year(&[flow(0, 0.0), flow(1, -50.0), flow(2, 0.0)]), Some(2));
    }
}

#[cfg(test)]
mod by_hand {
    use super::*;
    use crate::analysis::segments::segment_metrics;
    use crate::model::fixture::{drivers, investment, project, segment};
    use crate::model::{Estimate, PerDriver};

    /// Two segments over 2 years at d = 0 (so sums are plain):
    /// A: 100 customers, M = 1·100·0.5 = 50, r = 0.5 → CLV = 50·(0.5 + 0.25) = 37.5;
    ///    retention lever +0.1 (certain) → r′ = 0.6, CLV′ = 50·(0.6 + 0.36) = 48; focus.
    /// B: 300 customers, M = 50, r = 0.5, no levers → CLV′ = CLV = 37.5; not in focus.
    /// Investment: 1,000 programme-wide one-off, 100 a year for A only.
    #[test]
    fn programme_figures_worked_by_hand() {
        let lever = PerDriver { retention_rate: Estimate::certain(0.1), ..PerDriver::default() };
        let a = segment("a", 100.0, drivers(1.0, 100.0, 0.5, 0.5), lever, true);
        let b = segment("b", 300.0, drivers(1.0, 100.0, 0.5, 0.5), PerDriver::default(), false);
        let p = project(
            vec![a, b],
            vec![investment(1000.0, 0.0, None), investment(0.0, 100.0, Some((0, "a")))],
            2,
            0.0,
        );

        // PV = 1,000 + 100·2 = 1,200; A gets 1,000·100/400 + 200 = 450, B 750.
        let inv = investment_summary(&p);
        assert!((inv.pv - 1200.0).abs() < 1e-9);
        let by_segment = investment_by_segment(&p, &inv);
        assert!((by_segment[0] - 450.0).abs() < 1e-9 && (by_segment[1] - 750.0).abs() < 1e-9);

        let metrics: Vec<_> =
            p.segments.iter().zip(&by_segment).map(|(s, pv)| segment_metrics(s, *pv, &p.settings)).collect();
        assert!((metrics[0].baseline.clv - 37.5).abs() < 1e-9);
        assert!((metrics[0].scenarios.likely.value.clv - 48.0).abs() < 1e-9);
        // Value uplift of A: 100·(48 − 37.5) = 1,050; per loyalty krone 1,050/450.
        assert!((metrics[0].scenarios.likely.value_uplift - 1050.0).abs() < 1e-9);
        assert!((metrics[0].value_per_loyalty_krone.unwrap() - 1050.0 / 450.0).abs() < 1e-12);

        let prog = programme(&p, &metrics, inv);
        let likely = &prog.scenarios.likely;
        // Focus uplift 48/37.5 − 1 = 0.28 (outside 10–20 %); NPV 1,050 − 1,200 = −150; ROI −0.125.
        assert!((likely.uplift - 0.28).abs() < 1e-12);
        assert!(!likely.within_target);
        assert!((likely.npv + 150.0).abs() < 1e-9);
        assert!((likely.roi.unwrap() + 0.125).abs() < 1e-12);
        // Year 1: value 100·50·(0.6 − 0.5) = 500 vs investment 1,100; year 2: 500 + 100·50·(0.36 − 0.25)
        // = 1,050 vs 1,200: never paid back.
        assert!((likely.cumulative[1].cumulative_value_uplift - 500.0).abs() < 1e-9);
        assert!((likely.cumulative[2].cumulative_investment - 1200.0).abs() < 1e-9);
        assert_eq!(likely.payback_months, None);
        // The cash flows: −1,000; 500 − 100 = 400; 550 − 100 = 450. Cumulative −1,000, −600,
        // −150 = the NPV.
        let nets: Vec<f64> = prog.cash_flows.iter().map(|f| f.net).collect();
        assert_eq!(nets, [-1000.0, 400.0, 450.0]);
        assert!((prog.cash_flows[2].cumulative_discounted_net - likely.npv).abs() < 1e-9);
    }

    /// Certain retention (points) and purchases (per cent) levers.
    fn levers(retention: f64, purchases: f64) -> PerDriver<Estimate> {
        PerDriver {
            retention_rate: Estimate::certain(retention),
            purchases_per_year: Estimate::certain(purchases),
            ..PerDriver::default()
        }
    }

    /// The programme of one segment with a programme-wide (one-off, annual) investment.
    fn programme_of(seg: Segment, (one_off, annual): (f64, f64), horizon: u32, d: f64) -> Programme {
        let p = project(vec![seg], vec![investment(one_off, annual, None)], horizon, d);
        let inv = investment_summary(&p);
        let by_segment = investment_by_segment(&p, &inv);
        let metrics: Vec<_> =
            p.segments.iter().zip(&by_segment).map(|(s, pv)| segment_metrics(s, *pv, &p.settings)).collect();
        programme(&p, &metrics, inv)
    }

    /// docs/metrics.md, worked examples 4.2–4.5: the running total after each year, and
    /// payback at the end of year 3.
    #[test]
    fn the_worked_payback_example_of_the_docs() {
        let a = segment("a", 1000.0, drivers(12.0, 450.0, 0.72, 0.71), levers(0.03, 0.05), true);
        let prog = programme_of(a, (400_000.0, 100_000.0), 4, 0.09);
        let running: Vec<f64> = prog.cash_flows.iter().map(|f| f.cumulative_discounted_net).collect();
        for (got, docs) in running.iter().zip([-400_000.0, -252_755.96, -104_972.58, 20_683.67, 117_146.97]) {
            assert!((got - docs).abs() < 0.01, "{running:?}");
        }
        let likely = &prog.scenarios.likely;
        assert_eq!((likely.payback_year, likely.payback_months), (Some(3), Some(36.0)));
        let year3 = &likely.cumulative[3];
        assert!((year3.cumulative_value_uplift - 673_813.14).abs() < 0.01);
        assert!((year3.cumulative_investment - 653_129.47).abs() < 0.01);
    }

    /// At a positive discount rate the discounted nets add up to the NPV, and payback is
    /// the first year whose running total is not negative.
    #[test]
    fn discounted_cash_flows_add_up_to_the_npv() {
        let a = segment("a", 2000.0, drivers(6.0, 400.0, 0.3, 0.75), levers(0.05, 0.1), true);
        let prog = programme_of(a, (300_000.0, 50_000.0), 5, 0.09);
        let likely = &prog.scenarios.likely;
        let total: f64 = prog.cash_flows.iter().map(|f| f.discounted_net).sum();
        assert!((total - likely.npv).abs() < 1e-6 * likely.npv.abs(), "{total} vs {}", likely.npv);
        let first = prog.cash_flows.iter().skip(1).find(|f| f.cumulative_discounted_net >= 0.0).unwrap();
        assert_eq!(likely.payback_year, Some(first.period));
        assert!(prog.cash_flows[first.period as usize - 1].cumulative_discounted_net < 0.0);
        // Year 1 by hand: M = 6·400·0.3 = 720, M′ = 6.6·400·0.3 = 792; 2,000·(792·0.8 − 720·0.75)
        // = 2,000·(633.6 − 540) = 187,200, less 50,000 of running cost.
        assert!((prog.cash_flows[1].value_uplift - 187_200.0).abs() < 1e-6);
        assert!((prog.cash_flows[1].net - 137_200.0).abs() < 1e-6);
    }
}
