//! Opportunity landscape: importance against satisfaction, with the under-served region shaded.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::axes::{Axes, cartesian};
use super::{Area, BLUE, Chart, GREY, ORANGE, TEXT, VERMILLION, VERMILLION_TEXT, font, render};
use crate::analysis::{JobLabel, JobMetrics};
use crate::render::locale::Localizer;

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
pub fn opportunity_landscape(jobs: &[JobMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-jobs");
    let desc = l.t_with("desc-jobs", vec![("count", jobs.len().into())]);
    let under_served = jobs
        .iter()
        .filter(|j| matches!(j.label, JobLabel::UnderServed | JobLabel::ExtremelyUnderServed))
        .count();
    let caption = l.t_with("cap-jobs", vec![("under", under_served.into()), ("count", jobs.len().into())]);
    render("chart-jobs", &title, &desc, &caption, (900, 600), |area: &Area| {
        let fmt = |v: &f64| format!("{v:.0}");
        let (x_desc, y_desc) = (l.t("chart-jobs-x"), l.t("chart-jobs-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &fmt, &fmt, 60);
        let mut chart = cartesian(area, &title, (0.0, 10.0), (0.0, 10.0), &axes)?;
        // importance + (importance − satisfaction) ≥ k  ⇔  satisfaction ≤ 2·importance − k
        chart.draw_series([
            Polygon::new(vec![(0.0, 5.0), (0.0, 10.0), (10.0, 10.0)], ORANGE.mix(0.18).filled()),
            Polygon::new(vec![(0.0, 7.5), (0.0, 10.0), (5.0, 10.0)], VERMILLION.mix(0.22).filled()),
        ])?;
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (10.0, 10.0)], GREY)))?;
        let mut groups: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
        for (i, j) in jobs.iter().enumerate() {
            groups
                .entry(((j.satisfaction * 10.0).round() as i64, (j.importance * 10.0).round() as i64))
                .or_default()
                .push(i + 1);
        }
        for ((sx, iy), numbers) in &groups {
            let (x, y) = (*sx as f64 / 10.0, *iy as f64 / 10.0);
            chart.draw_series(std::iter::once(Circle::new((x, y), 6, BLUE.filled())))?;
            let (cx, cy) = chart.backend_coord(&(x, y));
            let text = numbers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            area.draw(&Text::new(text, (cx + 9, cy - 7), font(TEXT)))?;
        }
        let (lx, ly) = chart.backend_coord(&(0.2, 9.7));
        area.draw(&Text::new(l.t("chart-under-served"), (lx, ly), font(TEXT).color(&VERMILLION_TEXT)))?;
        Ok(())
    })
}
