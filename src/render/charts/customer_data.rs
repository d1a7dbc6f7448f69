//! Charts of "What the data says": cohort retention, P(alive) and retention by tenure.

use plotters::prelude::*;

use super::axes::{Axes, Series, cartesian, grouped_bars, legend};
use super::{Area, BLUE, Chart, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILLION, render};
use crate::analysis::SegmentDataMetrics;
use crate::model::Cohort;
use crate::render::locale::Localizer;

const PALETTE: [RGBColor; 6] = [BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY];

/// Share of each first-purchase cohort buying again in each later calendar year.
pub fn cohorts(segment_id: &str, segment_name: &str, cohorts: &[Cohort], l: &Localizer) -> Chart {
    let title = l.t_with("chart-cohorts", vec![("segment", segment_name.to_owned().into())]);
    let share = |n: u64, of: u64| {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^53
        l.percent(n as f64 / of.max(1) as f64, 0)
    };
    let values = cohorts
        .iter()
        .map(|c| {
            let shares = c.active.iter().map(|n| share(*n, c.customers)).collect::<Vec<_>>().join(" → ");
            l.t_with(
                "desc-cohorts-item",
                vec![("year", c.year.to_string().into()), ("shares", shares.into())],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let guide = l.t_with("desc-cohorts", vec![("cohorts", cohorts.len().to_string().into())]);
    let desc = format!("{guide} {values}.");
    // The oldest cohort seen for two years or more: how many of it bought again.
    let caption = cohorts.iter().find(|c| c.active.len() >= 2).map_or_else(
        || guide.clone(),
        |c| {
            l.t_with(
                "cap-cohorts",
                vec![
                    ("segment", segment_name.to_owned().into()),
                    ("year", c.year.to_string().into()),
                    ("share", share(c.active[1], c.customers).into()),
                ],
            )
        },
    );
    let id = format!("chart-cohorts-{segment_id}");
    render(&id, &title, &desc, &caption, (900, 480), |area: &Area| {
        let longest = cohorts.iter().map(|c| c.active.len()).max().unwrap_or(1).max(2);
        #[allow(clippy::cast_precision_loss)]
        let x_max = (longest - 1) as f64;
        let x_fmt = |v: &f64| l.number(*v, 0);
        let y_fmt = |v: &f64| l.percent(*v, 0);
        let (x_desc, y_desc) = (l.t("chart-cohorts-x"), l.t("chart-cohorts-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 70).whole_x(longest - 1);
        let mut chart = cartesian(area, &title, (0.0, x_max), (0.0, 1.05), &axes)?;
        for (k, cohort) in cohorts.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            #[allow(clippy::cast_precision_loss)]
            let points: Vec<(f64, f64)> = cohort
                .active
                .iter()
                .enumerate()
                .map(|(i, n)| (i as f64, *n as f64 / cohort.customers.max(1) as f64))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))?
                .label(cohort.year.to_string())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(3)));
            chart.draw_series(points.into_iter().map(|p| Circle::new(p, 4, colour.filled())))?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// Customers by the chosen purchase model's probability that they are still active, per
/// segment.
pub fn p_alive(segments: &[&SegmentDataMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-p-alive");
    // Per segment: the share of customers in each tenth, and the share below one half.
    // Per segment also the customers the model gives no P(alive), whom the shares leave out.
    let shares: Vec<(&str, Vec<f64>, u64)> = segments
        .iter()
        .filter_map(|s| {
            let m = s.models.as_ref()?;
            let total: u64 = m.p_alive.iter().sum();
            #[allow(clippy::cast_precision_loss)] // counts far below 2^53
            let tenths = m.p_alive.iter().map(|n| *n as f64 / total.max(1) as f64).collect();
            Some((s.name.as_str(), tenths, m.customers_without_p_alive))
        })
        .collect();
    let below_half = |tenths: &[f64]| tenths.iter().take(tenths.len() / 2).sum::<f64>();
    let values = shares
        .iter()
        .map(|(name, tenths, unknown)| {
            let shown = tenths.iter().map(|x| l.percent(*x, 0)).collect::<Vec<_>>().join(", ");
            let mut args = vec![("segment", (*name).into()), ("shares", shown.into())];
            if *unknown == 0 {
                return l.t_with("desc-p-alive-item", args);
            }
            args.push(("customers", (*unknown).into()));
            l.t_with("desc-p-alive-item-left-out", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let guide = l.t("desc-p-alive");
    let desc = format!("{guide} {values}.");
    let caption = shares.iter().max_by(|a, b| below_half(&a.1).total_cmp(&below_half(&b.1))).map_or_else(
        || guide.clone(),
        |(name, tenths, _)| {
            l.t_with(
                "cap-p-alive",
                vec![("segment", (*name).into()), ("share", l.percent(below_half(tenths), 0).into())],
            )
        },
    );
    render("chart-p-alive", &title, &desc, &caption, (900, 440), |area: &Area| {
        let bins = crate::analysis::models::P_ALIVE_BINS;
        #[allow(clippy::cast_precision_loss)]
        let categories: Vec<String> = (0..bins)
            // "10–20%": the per-cent sign once, so ten ranges fit side by side.
            .map(|k| {
                format!(
                    "{}–{}",
                    l.number(100.0 * k as f64 / bins as f64, 0),
                    l.percent((k + 1) as f64 / bins as f64, 0)
                )
            })
            .collect();
        let series: Vec<Series> = shares
            .iter()
            .enumerate()
            .map(|(k, (name, tenths, _))| Series {
                name,
                colour: PALETTE[k % PALETTE.len()],
                values: tenths.iter().copied().map(Some).collect(),
            })
            .collect();
        let y_fmt = |v: &f64| l.percent(*v, 0);
        grouped_bars(area, &title, &l.t("chart-p-alive-y"), &y_fmt, &categories, &series)
    })
}

/// Retention at each renewal: observed (points) and the shifted-beta-geometric fit (line).
pub fn tenure(segments: &[&SegmentDataMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-tenure");
    let guide = l.t("desc-tenure");
    let values = segments
        .iter()
        .filter_map(|s| {
            let t = s.retention_by_tenure.as_ref()?;
            let shown = t.fitted.iter().map(|r| l.percent(*r, 0)).collect::<Vec<_>>().join(" → ");
            Some(l.t_with(
                "desc-tenure-item",
                vec![("segment", s.name.clone().into()), ("shares", shown.into())],
            ))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = format!("{guide} {values}.");
    // The first segment with a curve: retention at the first renewal and at the last shown.
    let caption = segments
        .iter()
        .find_map(|s| {
            let t = s.retention_by_tenure.as_ref()?;
            let (first, last) = (t.fitted.first()?, t.fitted.last()?);
            (t.fitted.len() >= 2).then(|| {
                l.t_with(
                    "cap-tenure",
                    vec![
                        ("segment", s.name.clone().into()),
                        ("first", l.percent(*first, 0).into()),
                        ("last", l.percent(*last, 0).into()),
                        ("renewal", t.fitted.len().to_string().into()),
                    ],
                )
            })
        })
        .unwrap_or_else(|| guide.clone());
    render("chart-tenure", &title, &desc, &caption, (900, 440), |area: &Area| {
        let curves: Vec<_> =
            segments.iter().filter_map(|s| Some((s, s.retention_by_tenure.as_ref()?))).collect();
        let renewals = curves.iter().map(|(_, t)| t.fitted.len()).max().unwrap_or(1).max(2);
        let low = curves
            .iter()
            .flat_map(|(_, t)| t.fitted.iter().copied().chain(t.observed.iter().flatten().copied()))
            .fold(1.0, f64::min);
        let x_fmt = |v: &f64| l.number(*v, 0);
        let y_fmt = |v: &f64| l.percent(*v, 0);
        let (x_desc, y_desc) = (l.t("chart-tenure-x"), l.t("chart-tenure-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 70);
        #[allow(clippy::cast_precision_loss)]
        let mut chart =
            cartesian(area, &title, (0.5, renewals as f64 + 0.5), ((low - 0.05).max(0.0), 1.0), &axes)?;
        for (k, (segment, t)) in curves.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let fitted =
                t.fitted.iter().enumerate().map(|(i, r)| (f64::from(u32::try_from(i).unwrap_or(0) + 1), *r));
            chart
                .draw_series(LineSeries::new(fitted, colour.stroke_width(3)))?
                .label(segment.name.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(3)));
            let observed = t.observed.iter().enumerate().filter_map(|(i, r)| {
                r.map(|r| Circle::new((f64::from(u32::try_from(i).unwrap_or(0) + 1), r), 5, GREY.filled()))
            });
            chart.draw_series(observed)?;
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shares are of the customers with a P(alive); the description says how many more
    /// the model gave none, in every language, and says nothing of the kind when none are.
    #[test]
    fn the_p_alive_chart_says_whom_its_shares_leave_out() {
        let bins = vec![0, 0, 0, 0, 0, 1, 1, 0, 0, 2];
        let segments = [
            SegmentDataMetrics::with_p_alive("Installers", None, bins.clone(), 1234),
            SegmentDataMetrics::with_p_alive("Utilities", None, bins, 0),
        ];
        let shown: Vec<&SegmentDataMetrics> = segments.iter().collect();
        for (l, count) in crate::render::locale::each_language_with_1234() {
            let language = l.language;
            let desc = p_alive(&shown, &l).desc;
            let (installers, utilities) = desc.split_once("; ").expect("two segments");
            assert!(installers.contains(count), "{language:?}: {desc}");
            assert!(installers.contains("25"), "{language:?}: the shares of the customers with one: {desc}");
            assert!(!utilities.contains('('), "{language:?}: nobody left out: {desc}");
            assert!(!desc.contains('⟦'), "{language:?}: a message is missing: {desc}");
        }
    }
}
