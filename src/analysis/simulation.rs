//! Monte Carlo over the three-point levers, and the tornado of single levers.
//!
//! Each uncertain lever follows its PERT distribution (a Beta distribution scaled to
//! low…high with its mode at likely, weight 4). Levers of one programme move together: a
//! late welcome process holds back retention, frequency and order value alike. So the
//! draws come from a Gaussian copula with one common programme factor: per draw
//! `Z ~ N(0,1)`, per lever `ε ~ N(0,1)`, and the lever takes its PERT quantile at
//! `Φ(√ρ·Z + √(1−ρ)·ε)` ([`super::pert`]), ρ being `simulation.lever_correlation`. ρ = 0 is
//! independent levers, ρ = 1 moves every lever to the same quantile.
//!
//! The same `Z` and `ε` are also valued at ρ = 0 and ρ = 1, so that the sensitivity to
//! the assumption is read from common random numbers, not from three different samples.
//! The generator is xoshiro256++ seeded from the project's `seed`; draws are cut into
//! fixed blocks, block `k` using the generator advanced by `k` jumps, so the figures are
//! the same whatever the number of threads and on every machine with IEEE-754 doubles.

use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::Serialize;

use super::order::reaches;
use super::pert::Pert;
use super::programme::uplift_of_totals;
use super::segments::SegmentMetrics;
use super::value::projected_clv;
use crate::memo::{self, Memo};
use crate::model::{Driver, Drivers, PerDriver, Project, Scenario, Segment, Settings};

/// Draws per block: each block has its own independent stream.
const BLOCK: usize = 1024;
/// Bars in the NPV histogram.
const BINS: usize = 40;

#[derive(Clone, Debug, Serialize)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub mean: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Histogram {
    /// `BINS + 1` edges, lowest first.
    pub edges: Vec<f64>,
    pub counts: Vec<u32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Simulation {
    pub draws: u32,
    pub seed: u64,
    /// ρ: how strongly the levers move together (0 independent, 1 in lockstep).
    pub lever_correlation: f64,
    /// Levers with low < high: with fewer than two, ρ changes nothing but sampling noise.
    pub uncertain_levers: usize,
    pub npv: Percentiles,
    pub uplift: Percentiles,
    /// Share of draws whose programme uplift reaches `target_uplift.min`.
    pub probability_reaching_target: f64,
    pub npv_histogram: Histogram,
    /// The same draws with independent levers (ρ = 0), the project's ρ, and levers in
    /// lockstep (ρ = 1), lowest ρ first.
    pub sensitivity: Vec<Sensitivity>,
}

impl Simulation {
    /// The figures with independent levers (ρ = 0), always in `sensitivity`, first.
    pub fn independent(&self) -> &Sensitivity {
        &self.sensitivity[0]
    }

    /// The figures with levers in lockstep (ρ = 1), always in `sensitivity`, last.
    pub fn lockstep(&self) -> &Sensitivity {
        &self.sensitivity[self.sensitivity.len() - 1]
    }
}

/// The headline figures of the simulation at one lever correlation.
#[derive(Clone, Debug, Serialize)]
pub struct Sensitivity {
    pub lever_correlation: f64,
    pub probability_reaching_target: f64,
    pub npv: Percentiles,
    pub uplift: Percentiles,
}

/// A lever's NPV swing from low to high with every other lever at likely.
#[derive(Clone, Debug, Serialize)]
pub struct TornadoBar {
    pub segment: String,
    pub lever: Driver,
    pub npv_low: f64,
    pub npv_high: f64,
    /// `|npv_high − npv_low|`.
    pub swing: f64,
}

// Kept in `build/.cache` (`crate::memo`): each struct with all its fields.
crate::codec_struct!(Simulation {
    draws,
    seed,
    lever_correlation,
    uncertain_levers,
    npv,
    uplift,
    probability_reaching_target,
    npv_histogram,
    sensitivity
});
crate::codec_struct!(Percentiles { p10, p50, p90, mean });
crate::codec_struct!(Histogram { edges, counts });
crate::codec_struct!(Sensitivity { lever_correlation, probability_reaching_target, npv, uplift });

/// The uncertain levers, as (segment index, driver, distribution).
fn uncertain_levers(segments: &[Segment]) -> Vec<(usize, Driver, Pert)> {
    let mut levers = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        for driver in Driver::ALL {
            let e = seg.levers.get(driver);
            if e.is_uncertain() {
                // Validation guarantees low ≤ likely ≤ high and low < high, which is all Pert needs.
                if let Some(pert) = Pert::new(e.low, e.likely, e.high) {
                    levers.push((i, driver, pert));
                }
            }
        }
    }
    levers
}

/// The correlations the draws are valued at: the project's first, then 0 and 1.
#[allow(clippy::float_cmp)] // 0 and 1 are exact values a project writes, not results
fn correlations(rho: f64) -> Vec<f64> {
    let mut all = vec![rho];
    all.extend([0.0, 1.0].into_iter().filter(|&c| c != rho));
    all
}

pub fn simulate(
    project: &Project,
    segments: &[SegmentMetrics],
    investment_pv: f64,
    memo: &dyn Memo,
) -> Simulation {
    let rhos = correlations(project.settings.lever_correlation.get());
    simulate_at(project, segments, investment_pv, &rhos, memo)
}

/// What every draw shares: today's value of the focus segments, and the value uplift and
/// projected focus value of the segments that have no uncertain lever (not in `moving`), which
/// keep their likely CLV in every draw, so they are added up once and a draw values the others.
fn fixed_part(
    project_segments: &[Segment],
    segments: &[SegmentMetrics],
    baseline: &[f64],
    moving: &[usize],
) -> (f64, f64, f64) {
    let today: f64 = project_segments
        .iter()
        .zip(baseline)
        .filter(|(s, _)| s.focus)
        .map(|(s, b)| s.customers.get() * b)
        .sum();
    let (mut fixed_value, mut fixed_projected) = (0.0, 0.0);
    for (i, (seg, m)) in project_segments.iter().zip(segments).enumerate() {
        if moving.binary_search(&i).is_err() {
            let projected = m.scenarios.likely.value.clv;
            fixed_value += seg.customers.get() * (projected - baseline[i]);
            if seg.focus {
                fixed_projected += seg.customers.get() * projected;
            }
        }
    }
    (today, fixed_value, fixed_projected)
}

/// The simulation valued at the lever correlations `rhos`, the project's own first. Every ρ
/// values the same draws, so the project's figures do not depend on which others are asked
/// for: comparing options asks for the project's ρ alone.
pub fn simulate_at(
    project: &Project,
    segments: &[SegmentMetrics],
    investment_pv: f64,
    rhos: &[f64],
    memo: &dyn Memo,
) -> Simulation {
    // What the draws read, and nothing else: the key covers all of it.
    let (settings, project_segments) = (&project.settings, project.segments.as_slice());
    let key = || memo::key("simulation", &(settings, project_segments, segments, investment_pv, rhos));
    memo::memoised(memo, key, || draw(settings, project_segments, segments, investment_pv, rhos))
}

/// [`simulate_at`], computed.
fn draw(
    settings: &Settings,
    project_segments: &[Segment],
    segments: &[SegmentMetrics],
    investment_pv: f64,
    rhos: &[f64],
) -> Simulation {
    let draws = settings.draws as usize;
    let levers = uncertain_levers(project_segments);
    let likely: Vec<PerDriver<f64>> =
        project_segments.iter().map(|s| s.levers.at(Scenario::Likely)).collect();
    let baseline: Vec<f64> = segments.iter().map(|m| m.baseline.clv).collect();
    let ramp = &settings.ramp_up;

    let mut moving: Vec<usize> = levers.iter().map(|(i, ..)| *i).collect();
    moving.dedup();
    let (today, fixed_value, fixed_projected) = fixed_part(project_segments, segments, &baseline, &moving);
    // What a draw reads of each segment with an uncertain lever, side by side in memory: the
    // draws read it millions of times.
    let moving: Vec<(usize, Drivers, f64, f64, bool)> = moving
        .iter()
        .map(|&i| {
            let seg = &project_segments[i];
            (i, *seg.drivers, seg.customers.get(), baseline[i], seg.focus)
        })
        .collect();
    // (NPV, programme uplift) at a point of every segment's levers.
    let outcome = |point: &[PerDriver<f64>]| {
        let (mut value, mut projected) = (fixed_value, fixed_projected);
        for (i, drivers, customers, baseline, focus) in &moving {
            let clv = projected_clv(
                drivers,
                &point[*i],
                ramp,
                settings.horizon_years,
                settings.discount_rate.get(),
            );
            value += customers * (clv - baseline);
            if *focus {
                projected += customers * clv;
            }
        }
        (value - investment_pv, uplift_of_totals(today, projected))
    };
    let blocks: Vec<usize> = (0..draws.div_ceil(BLOCK)).collect();
    let run_block = |k: usize| {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
        for _ in 0..k {
            rng.jump();
        }
        let n = BLOCK.min(draws - k * BLOCK);
        let mut out: Vec<Vec<(f64, f64)>> = rhos.iter().map(|_| Vec::with_capacity(n)).collect();
        let mut point = likely.clone();
        let mut own = vec![0.0; levers.len()];
        for _ in 0..n {
            let common: f64 = StandardNormal.sample(&mut rng);
            for e in &mut own {
                *e = StandardNormal.sample(&mut rng);
            }
            for (rho, out) in rhos.iter().zip(&mut out) {
                let (shared, alone) = (rho.sqrt(), (1.0 - rho).sqrt());
                for ((i, driver, pert), e) in levers.iter().zip(&own) {
                    *point[*i].get_mut(*driver) = pert.at(shared * common + alone * e);
                }
                out.push(outcome(&point));
            }
        }
        out
    };
    let results =
        crate::parallel::map_runs(&blocks, |run| run.iter().map(|&k| run_block(k)).collect::<Vec<_>>());
    let mut by_rho: Vec<Vec<(f64, f64)>> = rhos.iter().map(|_| Vec::with_capacity(draws)).collect();
    for block in results.into_iter().flatten() {
        for (all, part) in by_rho.iter_mut().zip(block) {
            all.extend(part);
        }
    }
    // The project's own ρ comes first: its sorted NPVs make the histogram.
    let (mut sensitivity, mut sorted_npv): (Vec<Sensitivity>, Vec<Vec<f64>>) = rhos
        .iter()
        .zip(by_rho)
        .map(|(&rho, outcomes)| figures_at(rho, outcomes, settings.target_min.get()))
        .unzip();
    let npv_at_rho = std::mem::take(&mut sorted_npv[0]);
    let main = sensitivity[0].clone();
    sensitivity.sort_by(|a, b| a.lever_correlation.total_cmp(&b.lever_correlation));
    Simulation {
        draws: settings.draws,
        seed: settings.seed,
        lever_correlation: settings.lever_correlation.get(),
        uncertain_levers: levers.len(),
        npv_histogram: histogram(&npv_at_rho),
        npv: main.npv,
        uplift: main.uplift,
        probability_reaching_target: main.probability_reaching_target,
        sensitivity,
    }
}

/// The headline figures of the (NPV, uplift) outcomes drawn at lever correlation `rho`, and
/// the NPVs sorted (for the histogram).
fn figures_at(rho: f64, outcomes: Vec<(f64, f64)>, target_min: f64) -> (Sensitivity, Vec<f64>) {
    let (mut npv, mut uplift): (Vec<f64>, Vec<f64>) = outcomes.into_iter().unzip();
    #[allow(clippy::cast_precision_loss)]
    let reaching =
        uplift.iter().filter(|&&u| reaches(u, target_min)).count() as f64 / uplift.len().max(1) as f64;
    npv.sort_by(f64::total_cmp);
    uplift.sort_by(f64::total_cmp);
    let figures = Sensitivity {
        lever_correlation: rho,
        probability_reaching_target: reaching,
        npv: percentiles(&npv),
        uplift: percentiles(&uplift),
    };
    (figures, npv)
}

/// P10, P50, P90 of sorted values, interpolating linearly between order statistics.
pub fn percentiles(sorted: &[f64]) -> Percentiles {
    #[allow(clippy::cast_precision_loss)]
    let mean = sorted.iter().sum::<f64>() / sorted.len().max(1) as f64;
    Percentiles { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), mean }
}

/// The `p` quantile of sorted values: position `p·(n−1)`, interpolated (the default of `NumPy`).
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return 0.0;
    };
    let h = p * last as f64;
    let below = h.floor() as usize;
    let above = (below + 1).min(last);
    sorted[below] + (h - below as f64) * (sorted[above] - sorted[below])
}

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn histogram(sorted: &[f64]) -> Histogram {
    let (lo, hi) = (sorted.first().copied().unwrap_or(0.0), sorted.last().copied().unwrap_or(0.0));
    let width = if hi > lo { (hi - lo) / BINS as f64 } else { 1.0 };
    let edges = (0..=BINS).map(|i| lo + width * i as f64).collect();
    let mut counts = vec![0u32; BINS];
    for &x in sorted {
        let bin = (((x - lo) / width) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    Histogram { edges, counts }
}

/// Each uncertain lever's NPV at its low and high point, others at likely; widest swing first.
pub fn tornado(project: &Project, segments: &[SegmentMetrics], investment_pv: f64) -> Vec<TornadoBar> {
    let s = &project.settings;
    let likely_npv: f64 =
        segments.iter().map(|m| m.scenarios.likely.value_uplift).sum::<f64>() - investment_pv;
    let mut bars = Vec::new();
    for (seg, m) in project.segments.iter().zip(segments) {
        let likely = seg.levers.at(Scenario::Likely);
        for driver in Driver::ALL {
            let e = seg.levers.get(driver);
            if !e.is_uncertain() {
                continue;
            }
            let npv_at = |x: f64| {
                let mut levers = likely;
                *levers.get_mut(driver) = x;
                let projected =
                    projected_clv(&seg.drivers, &levers, &s.ramp_up, s.horizon_years, s.discount_rate.get());
                let this_segment = seg.customers.get() * (projected - m.baseline.clv);
                likely_npv - m.scenarios.likely.value_uplift + this_segment
            };
            let (npv_low, npv_high) = (npv_at(e.low), npv_at(e.high));
            bars.push(TornadoBar {
                segment: seg.id.clone(),
                lever: driver,
                npv_low,
                npv_high,
                swing: (npv_high - npv_low).abs(),
            });
        }
    }
    bars.sort_by(|a, b| {
        b.swing
            .total_cmp(&a.swing)
            .then_with(|| a.segment.cmp(&b.segment))
            .then_with(|| a.lever.cmp(&b.lever))
    });
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((quantile(&v, 0.5) - 3.0).abs() < 1e-12);
        // position 0.9·4 = 3.6 → 4 + 0.6·(10 − 4) = 7.6
        assert!((quantile(&v, 0.9) - 7.6).abs() < 1e-12);
        // position 0.1·4 = 0.4 → 1 + 0.4·1 = 1.4
        assert!((quantile(&v, 0.1) - 1.4).abs() < 1e-12);
    }

    use crate::analysis::pert::tests::beta_quantile_whole;
    use crate::analysis::programme::focus_uplift;
    use crate::analysis::segments::segment_metrics;
    use crate::model::fixture::{drivers, project, segment};
    use crate::model::{Estimate, PerDriver};

    /// Two focus segments with three uncertain levers of whole PERT shapes each:
    /// (0, 0.02, 0.08) is 0.08·Beta(2, 4), (0, 0.05, 0.1) is 0.1·Beta(3, 3).
    fn two_segments(rho: f64, draws: u32) -> (Project, Vec<SegmentMetrics>) {
        let levers = PerDriver {
            retention_rate: Estimate { low: 0.0, likely: 0.02, high: 0.08 },
            purchases_per_year: Estimate { low: 0.0, likely: 0.05, high: 0.1 },
            average_order_value: Estimate { low: 0.0, likely: 0.02, high: 0.08 },
            gross_margin: Estimate::certain(0.0),
        };
        let a = segment("a", 1000.0, drivers(4.0, 500.0, 0.3, 0.7), levers, true);
        let b = segment("b", 3000.0, drivers(2.0, 900.0, 0.25, 0.8), levers, true);
        let mut p = project(vec![a, b], vec![], 5, 0.08);
        p.settings.draws = draws;
        p.settings.lever_correlation = crate::model::fixture::rate(rho);
        let metrics = p.segments.iter().map(|s| segment_metrics(s, 0.0, &p.settings)).collect();
        (p, metrics)
    }

    /// The programme uplift with every lever at its PERT quantile `q`, computed from the
    /// exact Beta quantiles.
    fn uplift_at_quantile(p: &Project, metrics: &[SegmentMetrics], q: f64) -> f64 {
        let point = |e: Estimate, a: u32, b: u32| e.low + (e.high - e.low) * beta_quantile_whole(q, a, b);
        let clvs: Vec<(&crate::model::Segment, f64, f64)> = p
            .segments
            .iter()
            .zip(metrics)
            .map(|(s, m)| {
                let l = &s.levers;
                let at = PerDriver {
                    retention_rate: point(l.retention_rate, 2, 4),
                    purchases_per_year: point(l.purchases_per_year, 3, 3),
                    average_order_value: point(l.average_order_value, 2, 4),
                    gross_margin: 0.0,
                };
                let projected = projected_clv(
                    &s.drivers,
                    &at,
                    &p.settings.ramp_up,
                    p.settings.horizon_years,
                    p.settings.discount_rate.get(),
                );
                (s, m.baseline.clv, projected)
            })
            .collect();
        focus_uplift(clvs.into_iter())
    }

    /// With levers in lockstep the uplift is a rising function of one quantile, so its P10
    /// and P90 are the uplift with every lever at its 10th and 90th percentile.
    #[test]
    fn levers_in_lockstep_put_the_p10_at_every_levers_10th_percentile() {
        let (p, metrics) = two_segments(1.0, 20_000);
        let sim = simulate(&p, &metrics, 0.0, &crate::memo::Nothing);
        for (got, q) in [(sim.uplift.p10, 0.1), (sim.uplift.p50, 0.5), (sim.uplift.p90, 0.9)] {
            let exact = uplift_at_quantile(&p, &metrics, q);
            // Sampling error of a quantile at 20,000 draws: well under 1 % of the value here.
            assert!((got - exact).abs() < 0.01 * exact, "q {q}: simulated {got}, exact {exact}");
        }
    }

    /// Independent levers average out: the spread is narrower than in lockstep, and the
    /// same draws give all three correlations.
    #[test]
    fn the_spread_widens_as_levers_move_together_on_the_same_draws() {
        let (p, metrics) = two_segments(0.5, 5_000);
        let sim = simulate(&p, &metrics, 0.0, &crate::memo::Nothing);
        let rhos: Vec<f64> = sim.sensitivity.iter().map(|s| s.lever_correlation).collect();
        assert_eq!(rhos, [0.0, 0.5, 1.0]);
        let spread: Vec<f64> = sim.sensitivity.iter().map(|s| s.uplift.p90 - s.uplift.p10).collect();
        assert!(spread[0] < spread[1] && spread[1] < spread[2], "{spread:?}");
        assert_eq!(sim.uplift.p10.to_bits(), sim.sensitivity[1].uplift.p10.to_bits());
        let reaching = |s: &Sensitivity| s.probability_reaching_target.to_bits();
        assert_eq!(sim.probability_reaching_target.to_bits(), reaching(&sim.sensitivity[1]));
        assert_eq!((sim.independent().lever_correlation, sim.lockstep().lever_correlation), (0.0, 1.0));
        // The project's own run is the same whether 0.5 is asked for alone or with 0 and 1.
        let again = simulate(&p, &metrics, 0.0, &crate::memo::Nothing);
        assert_eq!(again.npv.p10.to_bits(), sim.npv.p10.to_bits());
        // At ρ = 0, the independent levers: the P10 lies well above the all-at-P10 uplift.
        let all_low = uplift_at_quantile(&p, &metrics, 0.1);
        assert!(
            sim.sensitivity[0].uplift.p10 > all_low * 1.05,
            "{} vs {all_low}",
            sim.sensitivity[0].uplift.p10
        );
        let (independent, _) = two_segments(0.0, 5_000);
        let alone = simulate(&independent, &metrics, 0.0, &crate::memo::Nothing);
        assert_eq!(alone.sensitivity.len(), 2);
        assert_eq!(alone.uplift.p10.to_bits(), sim.sensitivity[0].uplift.p10.to_bits());
    }

    /// At the project's ρ the lever draws have the Gaussian copula's rank correlation,
    /// `(6/π)·asin(ρ/2)`, and each keeps its PERT mean.
    #[test]
    fn lever_draws_have_the_copulas_rank_correlation_and_their_own_mean() {
        let pert = Pert::new(0.0, 0.02, 0.08).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let rho: f64 = 0.5;
        let n = 50_000;
        let (mut xs, mut ys) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let z: f64 = StandardNormal.sample(&mut rng);
            let e1: f64 = StandardNormal.sample(&mut rng);
            let e2: f64 = StandardNormal.sample(&mut rng);
            xs.push(pert.at(rho.sqrt() * z + (1.0 - rho).sqrt() * e1));
            ys.push(pert.at(rho.sqrt() * z + (1.0 - rho).sqrt() * e2));
        }
        #[allow(clippy::cast_precision_loss)]
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!((mean - 0.08 / 3.0).abs() < 2e-4, "PERT mean (0 + 4·0.02 + 0.08)/6: {mean}");
        let rank = |v: &[f64]| {
            let mut order: Vec<usize> = (0..v.len()).collect();
            order.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
            let mut r = vec![0.0; v.len()];
            for (k, i) in order.into_iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let k = k as f64;
                r[i] = k;
            }
            r
        };
        let (rx, ry) = (rank(&xs), rank(&ys));
        #[allow(clippy::cast_precision_loss)]
        let m = (n as f64 - 1.0) / 2.0;
        let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - m) * (b - m)).sum();
        let var: f64 = rx.iter().map(|a| (a - m).powi(2)).sum();
        let spearman = cov / var;
        let expected = 6.0 / std::f64::consts::PI * (rho / 2.0).asin();
        assert!((spearman - expected).abs() < 0.01, "{spearman} vs {expected}");
    }

    #[test]
    fn histogram_counts_every_value_once() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let h = histogram(&v);
        assert_eq!(h.counts.iter().sum::<u32>(), 100);
        assert_eq!(h.edges.len(), BINS + 1);
    }
}
