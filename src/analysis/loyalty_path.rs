//! The path from first purchase to a loyal customer, per segment: how many reach each stage,
//! where the path breaks down most against the other segments (the bottleneck) and what
//! converting as well as the best segment would be worth, and how many lapsed customers came
//! back. Definitions in plain words: docs/metrics.md, "The loyalty path".

use serde::Serialize;

use crate::model::{LoyaltyCounts, LoyaltyPathSettings, Project};

/// A segment is the benchmark for a transition only with at least this many customers at its
/// start: a best conversion of 3 out of 3 is luck, not a standard to hold others to.
pub const MIN_BENCHMARK_CUSTOMERS: u64 = 30;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoyaltyPath {
    /// The window a stage must be reached in, and the gap that makes a lapse, in days.
    pub window_days: u32,
    pub lapse_days: u32,
    /// Customers new to the company whose whole window after the first purchase has been
    /// observed: the path's base.
    pub eligible: u64,
    /// The segment's other customers, and why they are not on the path.
    pub left_out: LeftOut,
    pub stages: Vec<Stage>,
    /// The transition that breaks down most against the same transition in all segments;
    /// `null` when no transition has customers at its start.
    pub bottleneck: Option<Bottleneck>,
    /// With a category column: the integrated stage against the eligible customers, and
    /// the step to it from loyal against the best segment (the "low product integration"
    /// problem area); `null` without categories.
    pub integrated: Option<Integrated>,
    pub win_back: WinBack,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Integrated {
    /// The categories a loyal customer bought from within the window to be integrated.
    pub categories: u32,
    pub customers: u64,
    /// `customers / eligible`; `null` with no eligible customer.
    pub share: Option<f64>,
    /// Loyal → integrated, measured as a bottleneck is; `null` when no customer is loyal.
    pub step: Option<Bottleneck>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// First bought within `lapse_days` of the data's first day: may have bought before it.
    pub before_data: u64,
    /// New, but their window has not ended by the observation end.
    pub window_not_observed: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    /// `first_purchase`, `repeat`, `regular`, `loyal` or `integrated`.
    pub name: &'static str,
    /// The purchase day that marks it (integrated: loyal's).
    pub purchases: u32,
    /// Eligible customers who reached it within the window.
    pub customers: u64,
    /// Of the customers at the stage before, the share who reached this one; `null` for the
    /// first stage and when no one reached the one before.
    pub conversion: Option<f64>,
    /// Median days from the first purchase to this stage's purchase day; `null` when no one
    /// reached it.
    pub median_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bottleneck {
    pub from: &'static str,
    pub to: &'static str,
    /// This segment's conversion from `from` to `to`.
    pub conversion: f64,
    /// The same conversion over the customers of all segments together.
    pub all_segments_conversion: f64,
    /// The highest conversion of a segment with at least [`MIN_BENCHMARK_CUSTOMERS`] at
    /// `from`, and which segment it is (this one's own when no other qualifies).
    pub best_conversion: f64,
    pub best_segment: String,
    /// `(best − conversion) × customers at from`: who would reach `to` at the best conversion.
    pub additional_customers: f64,
    /// Margin in the window of a customer who reaches `to`, less that of one who stops at
    /// `from`: the window's net revenue per customer × the segment's gross margin; not below 0.
    /// `null` when no customer of the segment reached `to`, or all did: there is nothing to
    /// compare.
    pub value_per_customer: Option<f64>,
    /// `additional_customers × value_per_customer`: the margin within their first window that
    /// the customers counted (all first-purchase years together) would have brought.
    pub value_at_stake: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WinBack {
    /// Customers with a gap longer than the lapse between purchase days or before the
    /// observation end.
    pub lapsed: u64,
    /// Of them, those who bought again after such a gap.
    pub returned: u64,
    /// `returned / lapsed`; `null` when no one lapsed.
    pub share: Option<f64>,
}

/// Each segment's loyalty path, in segments.yaml's order; `None` where the data has no
/// counts for it (a summary without the path's columns, or no customer of the segment). A segment without a customer on
/// the path still has its win-back and what was left out.
pub fn analyse(project: &Project) -> Vec<Option<LoyaltyPath>> {
    let Some(set) = &project.data else { return vec![None; project.segments.len()] };
    let counts: Vec<Option<&LoyaltyCounts>> = project
        .segments
        .iter()
        .enumerate()
        .map(|(i, _)| set.segments.get(i).filter(|d| d.customers > 0).and_then(|d| d.loyalty.as_ref()))
        .collect();
    let names: Vec<&str> = project.segments.iter().map(|s| s.id.as_str()).collect();
    counts
        .iter()
        .zip(&project.segments)
        .map(|(own, segment)| {
            let own = (*own)?;
            let margin = segment.drivers.gross_margin;
            Some(path((own, &segment.id), &counts, &names, margin, &project.settings.loyalty_path))
        })
        .collect()
}

/// Customers at each stage (integrated: 0 without categories).
fn reached(counts: &LoyaltyCounts) -> [u64; 5] {
    counts.days_to_stage.each_ref().map(|days| days.len() as u64)
}

#[allow(clippy::cast_precision_loss)] // customer counts far below 2^53
fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// One segment's path (its counts and id), against all segments' counts.
fn path(
    (own, id): (&LoyaltyCounts, &str),
    all: &[Option<&LoyaltyCounts>],
    names: &[&str],
    margin: f64,
    settings: &LoyaltyPathSettings,
) -> LoyaltyPath {
    let at = reached(own);
    let count = settings.stages();
    let stages = (0..count)
        .map(|k| Stage {
            name: LoyaltyPathSettings::STAGES[k],
            purchases: settings.purchases[k.min(3)],
            customers: at[k],
            conversion: if k == 0 { None } else { ratio(at[k], at[k - 1]) },
            median_days: median(&own.days_to_stage[k]),
        })
        .collect();
    LoyaltyPath {
        window_days: settings.window_days,
        lapse_days: settings.lapse_days,
        eligible: own.eligible,
        left_out: LeftOut { before_data: own.before_data, window_not_observed: own.window_not_observed },
        stages,
        bottleneck: bottleneck((own, id), all, names, margin, count),
        integrated: settings.categories.map(|categories| Integrated {
            categories,
            customers: at[4],
            share: ratio(at[4], own.eligible),
            step: at[3].gt(&0).then(|| step(3, (own, id), (all, &pooled(all)), names, margin)),
        }),
        win_back: WinBack {
            lapsed: own.lapsed,
            returned: own.returned,
            share: ratio(own.returned, own.lapsed),
        },
    }
}

/// Every segment's customers at each stage, added up.
fn pooled(all: &[Option<&LoyaltyCounts>]) -> [u64; 5] {
    all.iter().flatten().map(|c| reached(c)).fold([0; 5], |mut sum, r| {
        for (s, x) in sum.iter_mut().zip(r) {
            *s += x;
        }
        sum
    })
}

/// The transition, of the `stages` counted, whose conversion is lowest relative to all
/// segments' together; on a tie, the lower conversion, then the earlier transition.
fn bottleneck(
    (own, id): (&LoyaltyCounts, &str),
    all: &[Option<&LoyaltyCounts>],
    names: &[&str],
    margin: f64,
    stages: usize,
) -> Option<Bottleneck> {
    let at = reached(own);
    let pooled = pooled(all);
    let (k, _, _) = (0..stages - 1)
        .filter_map(|k| {
            let conversion = ratio(at[k + 1], at[k])?;
            let overall = ratio(pooled[k + 1], pooled[k])?;
            let relative = if overall > 0.0 { conversion / overall } else { 1.0 };
            Some((k, conversion, relative))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)))?;
    Some(step(k, (own, id), (all, &pooled), names, margin))
}

/// The step from stage `k` to the next, for a segment with customers at `k`: against all
/// segments, against the best with at least [`MIN_BENCHMARK_CUSTOMERS`] there, and what
/// converting as well as the best would be worth.
#[allow(clippy::cast_precision_loss)]
fn step(
    k: usize,
    (own, id): (&LoyaltyCounts, &str),
    (all, pooled): (&[Option<&LoyaltyCounts>], &[u64; 5]),
    names: &[&str],
    margin: f64,
) -> Bottleneck {
    let at = reached(own);
    let conversion = ratio(at[k + 1], at[k]).unwrap_or(0.0);
    let overall = ratio(pooled[k + 1], pooled[k]).unwrap_or(0.0);
    let (best_segment, best_conversion) = all
        .iter()
        .zip(names)
        .filter_map(|(c, name)| {
            let r = reached((*c)?);
            (r[k] >= MIN_BENCHMARK_CUSTOMERS).then(|| (*name, ratio(r[k + 1], r[k]).unwrap_or(0.0)))
        })
        .fold(None, |best: Option<(&str, f64)>, (name, x)| match best {
            Some((_, b)) if b >= x => best,
            _ => Some((name, x)),
        })
        .filter(|(_, best)| *best > conversion)
        .unwrap_or((id, conversion));
    let additional_customers = (best_conversion - conversion) * at[k] as f64;
    let revenue = &own.window_revenue_by_furthest;
    let stopped = at[k] - at[k + 1];
    // Both groups must have customers for their difference to be measured.
    let value_per_customer = (stopped > 0 && at[k + 1] > 0).then(|| {
        let mean_stopped = revenue[k] / stopped as f64;
        let mean_reached = revenue[k + 1..].iter().sum::<f64>() / at[k + 1] as f64;
        ((mean_reached - mean_stopped) * margin).max(0.0)
    });
    Bottleneck {
        from: LoyaltyPathSettings::STAGES[k],
        to: LoyaltyPathSettings::STAGES[k + 1],
        conversion,
        all_segments_conversion: overall,
        best_conversion,
        best_segment: best_segment.to_owned(),
        additional_customers,
        value_per_customer,
        value_at_stake: value_per_customer.map(|v| additional_customers * v + 0.0),
    }
}

/// The middle of sorted `days`, or the mean of the two middle ones.
#[allow(clippy::cast_precision_loss)]
fn median(days: &[u32]) -> Option<f64> {
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(days[n / 2])),
        _ => Some(f64::midpoint(f64::from(days[n / 2 - 1]), f64::from(days[n / 2]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts with `reached[k]` customers at each stage (each reaching it on day `10·k`),
    /// `revenue` in the window by furthest stage, and `(lapsed, returned)`.
    fn counts(reached: [u64; 4], revenue: [f64; 4], (lapsed, returned): (u64, u64)) -> LoyaltyCounts {
        let [r0, r1, r2, r3] = reached;
        let [v0, v1, v2, v3] = revenue;
        integrated_counts([r0, r1, r2, r3, 0], [v0, v1, v2, v3, 0.0], (lapsed, returned))
    }

    /// As [`counts`], with a fifth stage, integrated.
    fn integrated_counts(
        reached: [u64; 5],
        revenue: [f64; 5],
        (lapsed, returned): (u64, u64),
    ) -> LoyaltyCounts {
        LoyaltyCounts {
            eligible: reached[0],
            before_data: 0,
            window_not_observed: 0,
            days_to_stage: [0, 1, 2, 3, 4]
                .map(|k| vec![10 * k; usize::try_from(reached[k as usize]).unwrap()]),
            window_revenue_by_furthest: revenue,
            lapsed,
            returned,
        }
    }

    /// Two segments. `a`: 100 → 60 → 30 → 10; `b`: 50 → 40 → 30 → 20. All together:
    /// 150 → 100 → 60 → 30, conversions 2/3, 0.6, 0.5. `a` converts 0.6, 0.5, 1/3: relative
    /// to all 0.9, 0.833, 0.667, so its bottleneck is regular → loyal. `b` (30 at regular,
    /// enough to be the benchmark) converts 2/3 there: 10 more of `a`'s 30 would be loyal.
    /// `a`'s 10 loyal customers took 10,000 in the window (1,000 each), the 20 who stopped at
    /// regular 10,000 (500 each): at a 50 % margin, 250 a customer, 2,500 at stake.
    #[test]
    fn the_bottleneck_worked_by_hand() {
        let a = counts([100, 60, 30, 10], [4_000.0, 9_000.0, 10_000.0, 10_000.0], (50, 10));
        let b = counts([50, 40, 30, 20], [0.0; 4], (0, 0));
        let settings = LoyaltyPathSettings::default();
        let p = path((&a, "a"), &[Some(&a), Some(&b)], &["a", "b"], 0.5, &settings);
        assert_eq!(p.eligible, 100);
        let conversions: Vec<Option<f64>> = p.stages.iter().map(|s| s.conversion).collect();
        assert_eq!(conversions, [None, Some(0.6), Some(0.5), Some(1.0 / 3.0)]);
        assert_eq!(p.stages[2].median_days, Some(20.0));
        let neck = p.bottleneck.unwrap();
        assert_eq!((neck.from, neck.to, neck.best_segment.as_str()), ("regular", "loyal", "b"));
        assert_eq!((neck.all_segments_conversion, neck.best_conversion), (0.5, 2.0 / 3.0));
        assert!((neck.additional_customers - 10.0).abs() < 1e-12);
        assert!((neck.value_per_customer.unwrap() - 250.0).abs() < 1e-9);
        assert!((neck.value_at_stake.unwrap() - 2_500.0).abs() < 1e-9);
        assert_eq!(p.win_back, WinBack { lapsed: 50, returned: 10, share: Some(0.2) });
    }

    /// The best segment at its own bottleneck has nothing to gain from converting as well as
    /// itself; a segment too small to be the benchmark is not one.
    #[test]
    fn the_best_segment_and_small_segments() {
        let a = counts([100, 60, 30, 10], [0.0; 4], (0, 0));
        let b = counts([50, 40, 30, 20], [0.0; 4], (0, 0));
        let tiny = counts([5, 5, 5, 5], [0.0; 4], (0, 0));
        let all = [Some(&a), Some(&b), Some(&tiny)];
        let own = path((&b, "b"), &all, &["a", "b", "tiny"], 0.5, &LoyaltyPathSettings::default())
            .bottleneck
            .unwrap();
        assert_eq!(
            (own.best_segment.as_str(), own.additional_customers, own.value_at_stake),
            ("b", 0.0, Some(0.0))
        );
        let neck = path((&a, "a"), &all, &["a", "b", "tiny"], 0.5, &LoyaltyPathSettings::default())
            .bottleneck
            .unwrap();
        assert_eq!(neck.best_segment, "b", "`tiny` converts every customer, but only 5");
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[1, 2, 3, 4]), Some(2.5));
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[]), None);
    }

    /// A segment none of whose customers reached the next stage cannot say what reaching it
    /// is worth: the value is unknown, not 0.
    #[test]
    fn a_step_no_one_took_has_no_measured_value() {
        let a = counts([40, 0, 0, 0], [4_000.0, 0.0, 0.0, 0.0], (0, 0));
        let b = counts([50, 40, 30, 20], [0.0; 4], (0, 0));
        let neck = path((&a, "a"), &[Some(&a), Some(&b)], &["a", "b"], 0.5, &LoyaltyPathSettings::default())
            .bottleneck
            .unwrap();
        assert_eq!((neck.from, neck.to), ("first_purchase", "repeat"));
        assert!((neck.additional_customers - 32.0).abs() < 1e-12);
        assert_eq!((neck.value_per_customer, neck.value_at_stake), (None, None));
    }

    /// With categories, integrated is a fifth stage. `a`: 100 → 60 → 30 → 10 → 2, `b`:
    /// 100 → 80 → 60 → 40 → 20. All together 200 → 140 → 90 → 50 → 22: `a` converts 0.6,
    /// 0.5, 1/3, 0.2 against 0.7, 9/14, 5/9, 0.44 — relative 0.86, 0.78, 0.6, 0.45, so its
    /// bottleneck is loyal → integrated. `b` (40 loyal) converts 0.5 there: 3 more of `a`'s
    /// 10 loyal customers. `a`'s 2 integrated took 4,000 in the window (2,000 each), its 8
    /// loyal but not integrated 8,000 (1,000 each): at 50 %, 500 a customer, 1,500 at stake.
    #[test]
    fn the_integrated_stage_worked_by_hand() {
        let a = integrated_counts([100, 60, 30, 10, 2], [0.0, 0.0, 0.0, 8_000.0, 4_000.0], (0, 0));
        let b = integrated_counts([100, 80, 60, 40, 20], [0.0; 5], (0, 0));
        let settings = LoyaltyPathSettings { categories: Some(3), ..LoyaltyPathSettings::default() };
        let p = path((&a, "a"), &[Some(&a), Some(&b)], &["a", "b"], 0.5, &settings);
        let names: Vec<&str> = p.stages.iter().map(|s| s.name).collect();
        assert_eq!(names, ["first_purchase", "repeat", "regular", "loyal", "integrated"]);
        assert_eq!((p.stages[4].purchases, p.stages[4].conversion), (8, Some(0.2)));
        let integrated = p.integrated.as_ref().unwrap();
        assert_eq!((integrated.categories, integrated.customers, integrated.share), (3, 2, Some(0.02)));
        let step = integrated.step.as_ref().unwrap();
        assert_eq!((step.from, step.to, step.best_segment.as_str()), ("loyal", "integrated", "b"));
        assert_eq!((step.conversion, step.all_segments_conversion, step.best_conversion), (0.2, 0.44, 0.5));
        assert!((step.additional_customers - 3.0).abs() < 1e-12);
        assert!((step.value_per_customer.unwrap() - 500.0).abs() < 1e-9);
        assert!((step.value_at_stake.unwrap() - 1_500.0).abs() < 1e-9);
        assert_eq!(p.bottleneck.as_ref(), Some(step), "the weakest step is the last");
        let without =
            path((&a, "a"), &[Some(&a), Some(&b)], &["a", "b"], 0.5, &LoyaltyPathSettings::default());
        assert_eq!((without.stages.len(), without.integrated), (4, None));
        assert_eq!(without.bottleneck.unwrap().to, "loyal");
    }
}
