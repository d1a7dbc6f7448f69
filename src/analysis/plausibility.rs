//! Figures a reviewer would question: valid input, but a result that needs a reason before
//! it goes in front of a client's CFO. Warnings, not errors: each names the input behind
//! it and says why it looks odd (docs/metrics.md, "Plausibility warnings").

use serde::Serialize;

use super::Metrics;
use crate::model::{BenchmarkSource, Driver, Project, Scenario};

/// Projected retention at or above this is close to "nobody ever leaves".
pub const RETENTION_CEILING: f64 = 0.97;
/// A segment whose customers become more than twice as valuable.
pub const SEGMENT_UPLIFT_CEILING: f64 = 1.0;
/// A benchmark this far from the segment's own figure (as a share of it) compares unlike
/// with unlike: a student discount is not a "small purchases" problem.
pub const BENCHMARK_DISTANCE: f64 = 0.5;
/// NPV this many times the investment's present value.
pub const NPV_MULTIPLE: f64 = 20.0;
/// A chance of reaching the target outside this range is a foregone conclusion either way.
pub const PROBABILITY_RANGE: (f64, f64) = (0.05, 0.95);

/// One figure to question.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Doubt {
    /// Retention with the programme (high scenario) at or above 97 %.
    RetentionNearCertain { segment: String, index: usize, retention: f64 },
    /// A segment's likely uplift above 100 %.
    SegmentUpliftAboveDouble { segment: String, index: usize, uplift: f64 },
    /// A problem area's value at stake above the segment's whole customer value today.
    StakeAboveSegmentValue {
        segment: String,
        index: usize,
        driver: Driver,
        value_at_stake: f64,
        segment_value: f64,
    },
    /// A benchmark more than 50 % away from the segment's own figure.
    BenchmarkFarAway {
        segment: String,
        index: usize,
        driver: Driver,
        current: f64,
        benchmark: f64,
        source: BenchmarkSource,
    },
    /// Likely NPV more than 20 times the investment.
    NpvManyTimesInvestment { npv: f64, investment: f64 },
    /// A chance of reaching the target above 95 % or below 5 %.
    TargetProbabilityExtreme { probability: f64 },
    /// An initiative reduces or stops a touchpoint of at least average importance to
    /// customers (the gap analysis's "important" half).
    ReducesImportantTouchpoint { initiative: String, index: usize, touchpoint: String, importance: f64 },
}

impl Doubt {
    /// The input file and field the figure comes from.
    pub fn place(&self) -> (&'static str, String) {
        match self {
            Doubt::RetentionNearCertain { index, .. } => {
                ("segments.yaml", format!("segments[{index}].levers.retention_rate"))
            }
            Doubt::SegmentUpliftAboveDouble { index, .. } => {
                ("segments.yaml", format!("segments[{index}].levers"))
            }
            Doubt::StakeAboveSegmentValue { index, driver, .. } => benchmark_place(*index, *driver, None),
            Doubt::BenchmarkFarAway { index, driver, source, .. } => {
                benchmark_place(*index, *driver, Some(*source))
            }
            Doubt::NpvManyTimesInvestment { .. } => ("project.yaml", "investment".to_owned()),
            Doubt::TargetProbabilityExtreme { .. } => ("project.yaml", "target_uplift".to_owned()),
            Doubt::ReducesImportantTouchpoint { index, .. } => {
                ("journey.yaml", format!("initiatives[{index}].touchpoints"))
            }
        }
    }

    /// What looks odd and why, for the terminal.
    pub fn describe(&self) -> String {
        let pct = |x: f64| format!("{:.1} %", x * 100.0);
        match self {
            Doubt::RetentionNearCertain { segment, retention, .. } => format!(
                "retention in `{segment}` reaches {} in the high scenario: almost no customer would ever leave",
                pct(*retention)
            ),
            Doubt::SegmentUpliftAboveDouble { segment, uplift, .. } => format!(
                "the likely uplift of `{segment}` is {}: its customers would become more than twice as valuable",
                pct(*uplift)
            ),
            Doubt::StakeAboveSegmentValue { segment, driver, value_at_stake, segment_value, .. } => format!(
                "{} of `{segment}` puts {value_at_stake:.0} at stake, more than the segment's whole customer value today ({segment_value:.0}): is the benchmark comparable?",
                driver.key()
            ),
            Doubt::BenchmarkFarAway { segment, driver, current, benchmark, .. } => format!(
                "the {} benchmark of `{segment}` ({benchmark}) is more than 50 % away from its own figure ({current}): is it the same kind of customer?",
                driver.key()
            ),
            Doubt::NpvManyTimesInvestment { npv, investment } => format!(
                "the likely NPV ({npv:.0}) is {:.0} times the investment ({investment:.0}): is every cost of the programme counted?",
                npv / investment
            ),
            Doubt::TargetProbabilityExtreme { probability } => format!(
                "the chance of reaching the target is {}: a target this {} is not a decision leadership needs to take",
                pct(*probability),
                if *probability > PROBABILITY_RANGE.1 { "safe" } else { "far off" }
            ),
            Doubt::ReducesImportantTouchpoint { initiative, touchpoint, importance, .. } => format!(
                "initiative `{initiative}` reduces `{touchpoint}`, which customers rate {importance} of 5, at or above the average: is the effort really too much?"
            ),
        }
    }
}

/// Where a benchmark was written: the segment's own, or the project's.
fn benchmark_place(index: usize, driver: Driver, source: Option<BenchmarkSource>) -> (&'static str, String) {
    match source {
        Some(BenchmarkSource::Project) => ("project.yaml", format!("benchmarks.{}", driver.key())),
        _ => ("segments.yaml", format!("segments[{index}].benchmarks.{}", driver.key())),
    }
}

/// The figures of `m` a reviewer would question, in segment order, then the programme's.
pub fn doubts(project: &Project, m: &Metrics) -> Vec<Doubt> {
    let mut found = Vec::new();
    for (index, (seg, x)) in project.segments.iter().zip(&m.segments).enumerate() {
        let segment = seg.id.clone();
        let retention = seg.drivers.with_levers(&seg.levers.at(Scenario::High)).retention_rate;
        if retention >= RETENTION_CEILING && seg.levers.retention_rate.high > 0.0 {
            found.push(Doubt::RetentionNearCertain { segment: segment.clone(), index, retention });
        }
        if let Some(uplift) = x.scenarios.likely.uplift.filter(|u| *u > SEGMENT_UPLIFT_CEILING) {
            found.push(Doubt::SegmentUpliftAboveDouble { segment: segment.clone(), index, uplift });
        }
        let segment_value = seg.customers.get() * x.baseline.clv;
        for p in m.problem_areas.ranked.iter().filter(|p| p.segment == seg.id) {
            if p.value_at_stake > segment_value {
                let (driver, value_at_stake) = (p.driver, p.value_at_stake);
                found.push(Doubt::StakeAboveSegmentValue {
                    segment: segment.clone(),
                    index,
                    driver,
                    value_at_stake,
                    segment_value,
                });
            }
        }
        for driver in Driver::ALL {
            let Some(b) = seg.benchmarks.get(driver) else { continue };
            let current = *seg.drivers.get(driver);
            if current > 0.0 && (b.value - current).abs() > BENCHMARK_DISTANCE * current {
                found.push(Doubt::BenchmarkFarAway {
                    segment: segment.clone(),
                    index,
                    driver,
                    current,
                    benchmark: b.value,
                    source: b.source,
                });
            }
        }
    }
    let (npv, investment) = (m.programme.scenarios.likely.npv, m.programme.investment.pv);
    if investment > 0.0 && npv > NPV_MULTIPLE * investment {
        found.push(Doubt::NpvManyTimesInvestment { npv, investment });
    }
    let probability = m.simulation.probability_reaching_target;
    if m.simulation.uncertain_levers > 0
        && !(PROBABILITY_RANGE.0..=PROBABILITY_RANGE.1).contains(&probability)
    {
        found.push(Doubt::TargetProbabilityExtreme { probability });
    }
    found.extend(reduced_important_touchpoints(project, m));
    found
}

/// Each touchpoint an initiative reduces or stops that customers rate at or above the mean
/// importance, the cross-hair of the gap analysis.
fn reduced_important_touchpoints(project: &Project, m: &Metrics) -> Vec<Doubt> {
    let (Some(journey), Some(t)) = (&project.journey, &m.touchpoints) else { return Vec::new() };
    let mut found = Vec::new();
    for (index, initiative) in journey.initiatives.iter().enumerate().filter(|(_, i)| i.action.frees()) {
        for id in &initiative.touchpoints {
            let Some(gap) = t.ranked.iter().find(|g| *id == g.id) else { continue };
            if super::order::reaches(gap.importance, t.mean_importance) {
                found.push(Doubt::ReducesImportantTouchpoint {
                    initiative: initiative.id.clone(),
                    index,
                    touchpoint: id.id().to_owned(),
                    importance: gap.importance,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{drivers, initiative, investment, journey, project, segment, touchpoint};
    use crate::model::{Benchmark, Estimate, InitiativeAction, PerDriver};

    fn kinds(doubts: &[Doubt]) -> Vec<String> {
        doubts.iter().map(|d| serde_json::to_value(d).unwrap()["kind"].as_str().unwrap().to_owned()).collect()
    }

    /// One segment per warning, each tripping it and nothing else it can help.
    #[test]
    fn every_warning_fires_on_a_project_built_to_trip_it() {
        let lever = |r: Estimate, f: Estimate| PerDriver {
            retention_rate: r,
            purchases_per_year: f,
            ..PerDriver::default()
        };
        let small = Estimate { low: 0.0, likely: 0.01, high: 0.02 };
        // Retention 0.95 + 0.03 at the high point: 98 %.
        let near = segment(
            "near",
            100.0,
            drivers(4.0, 100.0, 0.3, 0.95),
            lever(Estimate { low: 0.0, likely: 0.01, high: 0.03 }, small),
            true,
        );
        // Purchases tripled: uplift above 100 %.
        let double = segment(
            "double",
            100.0,
            drivers(4.0, 100.0, 0.3, 0.7),
            lever(small, Estimate::certain(2.0)),
            false,
        );
        // A retention benchmark of 0.99 against 0.3 today: far away, and worth more than the segment.
        let mut far = segment("far", 100.0, drivers(4.0, 100.0, 0.3, 0.3), lever(small, small), false);
        far.benchmarks.retention_rate = Some(Benchmark { value: 0.99, source: BenchmarkSource::Segment });
        let mut p = project(vec![near, double, far], vec![investment(10.0, 0.0, None)], 5, 0.08);
        p.settings.draws = 200;
        // Reducing a touchpoint rated 5 (above the mean of 3): questioned; the one rated 1 is not.
        let reduce = initiative("cut", InitiativeAction::Reduce, &["minor", "vital"], (0.0, -10.0, 0.0));
        p.journey = Some(journey(
            vec![touchpoint("minor", 1.0, 0.0, 0.0), touchpoint("vital", 5.0, 0.0, 0.0)],
            vec![reduce],
        ));
        let m = crate::analysis::analyse(&p);
        let found = kinds(&m.plausibility);
        for kind in [
            "retention_near_certain",
            "segment_uplift_above_double",
            "stake_above_segment_value",
            "benchmark_far_away",
            "npv_many_times_investment",
            "target_probability_extreme",
            "reduces_important_touchpoint",
        ] {
            assert!(found.contains(&kind.to_owned()), "{kind} missing from {found:?}");
        }
        let reduced: Vec<&Doubt> =
            m.plausibility.iter().filter(|d| matches!(d, Doubt::ReducesImportantTouchpoint { .. })).collect();
        assert_eq!(reduced.len(), 1, "only the important touchpoint: {reduced:?}");
        assert_eq!(reduced[0].place(), ("journey.yaml", "initiatives[0].touchpoints".to_owned()));
        let places: Vec<(&str, String)> = m.plausibility.iter().map(Doubt::place).collect();
        assert!(places.contains(&("segments.yaml", "segments[2].benchmarks.retention_rate".to_owned())));
        assert!(places.contains(&("segments.yaml", "segments[0].levers.retention_rate".to_owned())));
    }

    /// A sober project warns about nothing.
    #[test]
    fn a_sober_project_has_no_warnings() {
        let lever = PerDriver {
            retention_rate: Estimate { low: 0.0, likely: 0.02, high: 0.04 },
            ..PerDriver::default()
        };
        let a = segment("a", 1000.0, drivers(4.0, 500.0, 0.3, 0.7), lever, true);
        let mut p = project(vec![a], vec![investment(400_000.0, 50_000.0, None)], 5, 0.08);
        p.settings.draws = 500;
        let m = crate::analysis::analyse(&p);
        assert!(m.plausibility.is_empty(), "{:?}", m.plausibility);
    }
}
