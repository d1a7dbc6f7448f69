//! Resource share against importance share: where effort and customer value part ways.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, legend, row_label};
use super::{Area, BLUE, Chart, ORANGE, render};
use crate::analysis::TouchpointAnalysis;
use crate::render::locale::Localizer;

/// Touchpoints shown: the largest imbalances either way.
const SHOWN: usize = 12;

#[allow(clippy::cast_precision_loss)]
pub fn resource_share(t: &TouchpointAnalysis, l: &Localizer) -> Chart {
    let mut rows: Vec<_> = t.ranked.iter().collect();
    rows.sort_by(|a, b| {
        b.investment_balance.abs().total_cmp(&a.investment_balance.abs()).then_with(|| a.id.cmp(&b.id))
    });
    rows.truncate(SHOWN);
    rows.sort_by(|a, b| b.investment_balance.total_cmp(&a.investment_balance).then_with(|| a.id.cmp(&b.id)));
    let title = l.t("chart-resources");
    let desc = rows
        .iter()
        .map(|r| {
            let args = vec![
                ("touchpoint", r.name.clone().into()),
                ("resources", l.percent(r.resource_share, 1).into()),
                ("importance", l.percent(r.importance_share, 1).into()),
            ];
            l.t_with("desc-resources-item", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let height = u32::try_from(160 + 50 * rows.len().max(1)).unwrap_or(u32::MAX);
    let over = t.ranked.iter().filter(|g| g.investment_balance > 0.0).count();
    let caption =
        match t.ranked.iter().max_by(|a, b| {
            a.investment_balance.total_cmp(&b.investment_balance).then_with(|| b.id.cmp(&a.id))
        }) {
            Some(most) if over > 0 => l.t_with(
                "cap-resources",
                vec![
                    ("count", over.into()),
                    ("total", t.ranked.len().into()),
                    ("touchpoint", most.name.clone().into()),
                ],
            ),
            _ => l.t("cap-resources-none"),
        };
    render("chart-resources", &title, &desc, &caption, (900, height), |area: &Area| {
        let top = rows.iter().map(|r| r.resource_share.max(r.importance_share)).fold(0.01, f64::max) * 1.1;
        let x_fmt = |v: &f64| l.percent(*v, 0);
        let x_desc = l.t("chart-resources-x");
        let axes = Axes::rows(&x_desc, &x_fmt);
        let n = rows.len().max(1) as f64;
        let mut chart = cartesian(area, &title, (0.0, top), (n, 0.0), &axes)?;
        for (i, r) in rows.iter().enumerate() {
            let y = i as f64;
            chart.draw_series([
                Rectangle::new([(0.0, y + 0.12), (r.resource_share, y + 0.48)], ORANGE.filled()),
                Rectangle::new([(0.0, y + 0.52), (r.importance_share, y + 0.88)], BLUE.filled()),
            ])?;
            let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
            row_label(area, (px, py - 7), &r.name)?;
        }
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label(l.t("chart-resources-series"))
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], ORANGE.filled()));
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label(l.t("chart-importance-series"))
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BLUE.filled()));
        legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    })
}
