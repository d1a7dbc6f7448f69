//! The programme as a whole: investment, uplift of the focus segments, NPV, ROI, payback.

use serde::Serialize;

use super::order::{ratio, reaches};
use super::scenario::PerScenario;
use super::segments::SegmentMetrics;
use super::value::{annuity_factor, clv_in_year, discount};
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
    /// Months until cumulative discounted value reaches cumulative discounted investment.
    pub payback_months: Option<f64>,
    /// Year 0 (the one-off investment) to year H.
    pub cumulative: Vec<YearPoint>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Programme {
    pub focus_segments: Vec<String>,
    pub investment: InvestmentSummary,
    pub scenarios: PerScenario<ProgrammeScenario>,
}

impl InvestmentSummary {
    /// One investment line's present value: `one_off + annual · annuity_factor`.
    pub fn present_value(&self, one_off: f64, annual: f64) -> f64 {
        one_off + annual * self.annuity_factor
    }
}

pub fn investment_summary(project: &Project) -> InvestmentSummary {
    let s = &project.settings;
    let one_off = project.investments.iter().map(|i| i.one_off).sum();
    let annual = project.investments.iter().map(|i| i.annual).sum();
    let mut summary = InvestmentSummary {
        one_off,
        annual,
        annuity_factor: annuity_factor(s.horizon_years, s.discount_rate),
        pv: 0.0,
    };
    summary.pv = summary.present_value(one_off, annual);
    summary
}

/// Each segment's share of the investment's present value: its own items plus a share of
/// the programme-wide ones in proportion to customers (equal shares when no segment has any).
pub fn investment_by_segment(project: &Project, investment: &InvestmentSummary) -> Vec<f64> {
    let total_customers: f64 = project.segments.iter().map(|seg| seg.customers).sum();
    #[allow(clippy::cast_precision_loss)]
    let count = project.segments.len() as f64;
    let share = |seg: &Segment| {
        if total_customers > 0.0 { seg.customers / total_customers } else { 1.0 / count }
    };
    project
        .segments
        .iter()
        .map(|seg| {
            project
                .investments
                .iter()
                .map(|i| {
                    let pv = investment.present_value(i.one_off, i.annual);
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

/// Customer-weighted uplift of the focus segments for per-segment CLVs (today, projected).
pub fn focus_uplift<'a>(pairs: impl Iterator<Item = (&'a Segment, f64, f64)>) -> f64 {
    let (today, projected) = pairs
        .filter(|(seg, _, _)| seg.focus)
        .fold((0.0, 0.0), |(t, p), (seg, clv, clv2)| (t + seg.customers * clv, p + seg.customers * clv2));
    ratio(projected, today).map_or(0.0, |x| x - 1.0)
}

pub fn programme(project: &Project, segments: &[SegmentMetrics], investment: InvestmentSummary) -> Programme {
    let settings = &project.settings;
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
        let cumulative = cumulative(project, scenario, &investment, settings);
        ProgrammeScenario {
            uplift,
            within_target: reaches(uplift, settings.target_min) && reaches(settings.target_max, uplift),
            value_uplift,
            npv,
            roi: ratio(npv, investment.pv),
            // Nothing invested, nothing to pay back: no payback figure rather than "0 months".
            payback_months: if investment.pv > 0.0 { payback_months(&cumulative) } else { None },
            cumulative,
        }
    });
    Programme {
        focus_segments: project.segments.iter().filter(|s| s.focus).map(|s| s.id.clone()).collect(),
        investment,
        scenarios,
    }
}

/// Cumulative discounted value uplift and investment for years 0..=H.
/// The one-off investment falls at year 0; annual costs and margins at each year's end.
fn cumulative(
    project: &Project,
    scenario: Scenario,
    investment: &InvestmentSummary,
    settings: &Settings,
) -> Vec<YearPoint> {
    let d = settings.discount_rate;
    let mut value = 0.0;
    let mut spent = investment.one_off;
    let mut points = vec![YearPoint { year: 0, cumulative_value_uplift: 0.0, cumulative_investment: spent }];
    for year in 1..=settings.horizon_years {
        value += project
            .segments
            .iter()
            .map(|seg| {
                let projected = seg.drivers.with_levers(&seg.levers.at(scenario));
                seg.customers * (clv_in_year(&projected, year, d) - clv_in_year(&seg.drivers, year, d))
            })
            .sum::<f64>();
        spent += investment.annual * discount(year, d);
        points.push(YearPoint { year, cumulative_value_uplift: value, cumulative_investment: spent });
    }
    points
}

/// The first point where cumulative value catches up with cumulative investment, in
/// months, interpolating linearly within the year; `None` if it does not happen within the
/// horizon. Without a one-off investment both start at zero: the programme pays back at
/// once only if value stays ahead through the first year, otherwise at the later crossing.
pub fn payback_months(points: &[YearPoint]) -> Option<f64> {
    let gap = |p: &YearPoint| p.cumulative_value_uplift - p.cumulative_investment;
    if gap(points.first()?) >= 0.0 && points.get(1).is_none_or(|p| gap(p) >= 0.0) {
        return Some(0.0);
    }
    points.windows(2).find_map(|w| {
        let (before, after) = (gap(&w[0]), gap(&w[1]));
        (before < 0.0 && after >= 0.0).then(|| {
            let fraction = before / (before - after);
            12.0 * (f64::from(w[0].year) + fraction)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: u32, value: f64, investment: f64) -> YearPoint {
        YearPoint { year, cumulative_value_uplift: value, cumulative_investment: investment }
    }

    /// Gap −100 at the end of year 1, +50 at the end of year 2: the gap closes 2/3 into
    /// year 2, so payback is 12·(1 + 2/3) = 20 months.
    #[test]
    fn payback_interpolates_within_the_year() {
        let points = [point(0, 0.0, 100.0), point(1, 50.0, 150.0), point(2, 250.0, 200.0)];
        assert!((payback_months(&points).unwrap() - 20.0).abs() < 1e-9);
    }

    /// No one-off, 100 a year of cost against 50 a year of value: never pays back, even
    /// though both lines start at zero.
    #[test]
    fn annual_costs_alone_do_not_count_as_paid_back() {
        let points = [point(0, 0.0, 0.0), point(1, 50.0, 100.0), point(2, 100.0, 200.0)];
        assert_eq!(payback_months(&points), None);
        // The same, but value overtakes in year 2: gap −50 → +50, so 12·(1 + 0.5) = 18 months.
        let later = [point(0, 0.0, 0.0), point(1, 50.0, 100.0), point(2, 250.0, 200.0)];
        assert!((payback_months(&later).unwrap() - 18.0).abs() < 1e-9);
    }

    #[test]
    fn payback_is_none_when_never_reached_and_zero_without_investment() {
        let never = [point(0, 0.0, 100.0), point(1, 10.0, 120.0)];
        assert_eq!(payback_months(&never), None);
        let free = [point(0, 0.0, 0.0), point(1, 10.0, 0.0)];
        assert_eq!(payback_months(&free), Some(0.0));
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
            vec![investment(1000.0, 0.0, None), investment(0.0, 100.0, Some("a"))],
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
    }
}
