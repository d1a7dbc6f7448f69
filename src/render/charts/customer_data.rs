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
    let desc = l.t_with("desc-cohorts", vec![("cohorts", cohorts.len().to_string().into())]);
    let id = format!("chart-cohorts-{segment_id}");
    render(&id, &title, &desc, &desc, (900, 480), |area: &Area| {
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

/// Customers by the BG/NBD probability that they are still active, per segment.
pub fn p_alive(segments: &[&SegmentDataMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-p-alive");
    let desc = l.t("desc-p-alive");
    render("chart-p-alive", &title, &desc, &desc, (900, 440), |area: &Area| {
        let bins = crate::analysis::models::P_ALIVE_BINS;
        #[allow(clippy::cast_precision_loss)]
        let categories: Vec<String> = (0..bins)
            .map(|k| {
                format!(
                    "{}–{}",
                    l.percent(k as f64 / bins as f64, 0),
                    l.percent((k + 1) as f64 / bins as f64, 0)
                )
            })
            .collect();
        let series: Vec<Series> = segments
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let m = s.models.as_ref()?;
                let total: u64 = m.p_alive.iter().sum();
                #[allow(clippy::cast_precision_loss)]
                let values = m.p_alive.iter().map(|n| Some(*n as f64 / total.max(1) as f64)).collect();
                Some(Series { name: &s.name, colour: PALETTE[k % PALETTE.len()], values })
            })
            .collect();
        let y_fmt = |v: &f64| l.percent(*v, 0);
        grouped_bars(area, &title, &l.t("chart-p-alive-y"), &y_fmt, &categories, &series)
    })
}

/// Retention at each renewal: observed (points) and the shifted-beta-geometric fit (line).
pub fn tenure(segments: &[&SegmentDataMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-tenure");
    let desc = l.t("desc-tenure");
    render("chart-tenure", &title, &desc, &desc, (900, 440), |area: &Area| {
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
