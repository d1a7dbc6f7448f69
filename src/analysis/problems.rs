//! Problem areas: how much value each weak driver leaves on the table.
//!
//! For each segment and driver with a benchmark, the value at stake is
//! `N·(CLV with that driver at the benchmark − CLV)`, zero when the segment
//! already meets the benchmark. With a ramp-up the gap closes along it, as a programme's
//! lever would: the driver reaches the benchmark at the ramp-up's pace. A driver without a
//! benchmark is not scored: segments differ too much for "the best segment" to be a fair
//! yardstick.

use serde::Serialize;

use super::value::{clv, projected_clv};
use crate::model::{BenchmarkSource, Driver, PerDriver, Segment, Settings};

#[derive(Clone, Debug, Serialize)]
pub struct ProblemArea {
    pub segment: String,
    pub driver: Driver,
    /// The method's name for the problem, e.g. "short customer relationships".
    pub problem: &'static str,
    pub current: f64,
    pub benchmark: f64,
    pub benchmark_source: BenchmarkSource,
    /// `N·(CLV at benchmark − CLV)`, ≥ 0.
    pub value_at_stake: f64,
}

/// Why a driver is not scored: no benchmark was given for it.
pub const NO_BENCHMARK: &str = "no benchmark for this segment or the project";
/// Why a driver is not scored: a subscription's purchases are its 12 payments a year and its
/// order value its monthly price, which no purchase or order benchmark measures.
pub const SUBSCRIPTION: &str = "a subscription segment: paid 12 times a year at its monthly price";

#[derive(Clone, Debug, Serialize)]
pub struct NotScored {
    pub segment: String,
    pub driver: Driver,
    pub reason: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProblemAreas {
    /// Largest value at stake first; ties by segment id, then driver.
    pub ranked: Vec<ProblemArea>,
    pub not_scored: Vec<NotScored>,
    /// Problem areas the client's transaction data scores directly, beside the drivers:
    /// "low product integration" from the loyalty path's categories. Their value at stake
    /// is margin within the first window of the new customers in the data, not a CLV
    /// difference, so they are not ranked with `ranked`. Largest first; empty without a
    /// category column.
    pub from_data: Vec<DataProblemArea>,
}

/// A segment whose loyal customers become integrated (buy from the project's number of
/// categories within the window) less often than in the best segment.
#[derive(Clone, Debug, Serialize)]
pub struct DataProblemArea {
    pub segment: String,
    /// "low product integration".
    pub problem: &'static str,
    /// The share of the segment's loyal new customers who became integrated.
    pub current: f64,
    /// The best segment's share (at least `MIN_BENCHMARK_CUSTOMERS` loyal), and which it is.
    pub benchmark: f64,
    pub benchmark_segment: String,
    /// Loyal customers who would have become integrated at the benchmark.
    pub additional_customers: f64,
    /// `additional_customers ×` the first-window margin an integrated customer brings over
    /// one who stayed loyal only; `null` when the segment has no customer on one side.
    pub value_at_stake: Option<f64>,
}

/// The data's problem areas, from each segment's loyalty path: a segment whose step from
/// loyal to integrated falls short of the best segment's.
pub fn from_data(data: Option<&super::DataMetrics>) -> Vec<DataProblemArea> {
    let segments = data.map(|d| d.segments.as_slice()).unwrap_or_default();
    let mut areas: Vec<DataProblemArea> = segments
        .iter()
        .filter_map(|s| {
            let step = s.loyalty_path.as_ref()?.integrated.as_ref()?.step.as_ref()?;
            (step.best_conversion > step.conversion).then(|| DataProblemArea {
                segment: s.id.clone(),
                problem: INTEGRATION,
                current: step.conversion,
                benchmark: step.best_conversion,
                benchmark_segment: step.best_segment.clone(),
                additional_customers: step.additional_customers,
                value_at_stake: step.value_at_stake,
            })
        })
        .collect();
    areas.sort_by(|a, b| {
        let value = |x: &DataProblemArea| x.value_at_stake.unwrap_or(-1.0);
        value(b).total_cmp(&value(a)).then_with(|| a.segment.cmp(&b.segment))
    });
    areas
}

/// The method's name for the problem area the categories score.
pub const INTEGRATION: &str = "low product integration";

pub fn problem_areas(segments: &[Segment], settings: &Settings) -> ProblemAreas {
    let mut ranked = Vec::new();
    let mut not_scored = Vec::new();
    for seg in segments {
        let today = clv(&seg.drivers, settings.horizon_years, settings.discount_rate.get());
        for driver in Driver::ALL {
            let Some(benchmark) = seg.benchmarks.get(driver) else {
                let paid_monthly = seg.subscription.is_some()
                    && matches!(driver, Driver::PurchasesPerYear | Driver::AverageOrderValue);
                let reason = if paid_monthly { SUBSCRIPTION } else { NO_BENCHMARK };
                not_scored.push(NotScored { segment: seg.id.clone(), driver, reason });
                continue;
            };
            let gain = clv_at_benchmark(seg, driver, benchmark.value, settings) - today;
            ranked.push(ProblemArea {
                segment: seg.id.clone(),
                driver,
                problem: driver.problem(),
                current: *seg.drivers.get(driver),
                benchmark: benchmark.value,
                benchmark_source: benchmark.source,
                value_at_stake: (seg.customers.get() * gain).max(0.0),
            });
        }
    }
    ranked.sort_by(|a, b| {
        b.value_at_stake
            .total_cmp(&a.value_at_stake)
            .then_with(|| a.segment.cmp(&b.segment))
            .then_with(|| a.driver.cmp(&b.driver))
    });
    ProblemAreas { ranked, not_scored, from_data: Vec::new() }
}

/// The segment's CLV with `driver` at `benchmark`, reached along the project's ramp-up.
fn clv_at_benchmark(seg: &Segment, driver: Driver, benchmark: f64, settings: &Settings) -> f64 {
    let (h, d) = (settings.horizon_years, settings.discount_rate);
    if settings.ramp_up.is_empty() {
        let mut at_benchmark = *seg.drivers;
        *at_benchmark.get_mut(driver) = benchmark;
        return clv(&at_benchmark, h, d.get());
    }
    // The gap as a lever: points for a rate, per cent for a volume (volumes are above 0).
    let current = *seg.drivers.get(driver);
    let gap = if driver.lever_is_absolute() { benchmark - current } else { benchmark / current - 1.0 };
    let mut levers = PerDriver::default();
    *levers.get_mut(driver) = gap;
    projected_clv(&seg.drivers, &levers, &settings.ramp_up, h, d.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{drivers, project, segment};
    use crate::model::{Benchmark, PerDriver};

    /// 10 customers, M = 2·50·0.5 = 50, r = 0.5, H = 1, d = 0: CLV = 25.
    /// Retention benchmark 0.7 → CLV 35, at stake 10·10 = 100.
    /// Purchases benchmark 1 (below today's 2) → 0 at stake.
    /// Order value and margin have no benchmark → not scored.
    #[test]
    fn value_at_stake_by_hand() {
        let mut s = segment("s", 10.0, drivers(2.0, 50.0, 0.5, 0.5), PerDriver::default(), true);
        s.benchmarks.retention_rate = Some(Benchmark { value: 0.7, source: BenchmarkSource::Segment });
        s.benchmarks.purchases_per_year = Some(Benchmark { value: 1.0, source: BenchmarkSource::Project });
        let p = project(vec![s], vec![], 1, 0.0);
        let areas = problem_areas(&p.segments, &p.settings);
        assert_eq!(areas.ranked.len(), 2);
        assert_eq!(areas.ranked[0].driver, Driver::RetentionRate);
        assert!((areas.ranked[0].value_at_stake - 100.0).abs() < 1e-9);
        assert!(areas.ranked[1].value_at_stake.abs() < 1e-12);
        let not_scored: Vec<_> = areas.not_scored.iter().map(|n| n.driver).collect();
        assert_eq!(not_scored, [Driver::AverageOrderValue, Driver::GrossMargin]);
    }

    /// The same segment over 2 years, d = 0, with `ramp_up: [0.5]`: retention is 0.6 in every
    /// year (half of the 0.2 gap), so CLV at the benchmark is 50·0.6 + 50·0.6·0.6 = 48 against
    /// 25 + 12.5 = 37.5 today: 10·10.5 = 105 at stake, not the 10·(35 + 24.5 − 37.5) = 220
    /// of a gap closed on day one.
    #[test]
    fn a_ramp_up_closes_the_gap_at_its_pace() {
        let mut s = segment("s", 10.0, drivers(2.0, 50.0, 0.5, 0.5), PerDriver::default(), true);
        s.benchmarks.retention_rate = Some(Benchmark { value: 0.7, source: BenchmarkSource::Segment });
        let mut p = project(vec![s], vec![], 2, 0.0);
        let at_once = problem_areas(&p.segments, &p.settings).ranked[0].value_at_stake;
        assert!((at_once - 220.0).abs() < 1e-9, "{at_once}");
        p.settings.ramp_up = vec![0.5];
        let ramped = problem_areas(&p.segments, &p.settings).ranked[0].value_at_stake;
        assert!((ramped - 105.0).abs() < 1e-9, "{ramped}");
    }
}
