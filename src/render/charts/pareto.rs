//! Pareto of loss reasons over all segments: bars by count, line for the running share.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::axes::{Axes, cartesian, category_labels};
use super::{Area, Chart, INK, VERMILLION, render};
use crate::analysis::WinLossMetrics;
use crate::render::locale::Localizer;

/// The loss reasons of all segments, summed and ranked (count, then name).
pub fn loss_reasons(winloss: &[WinLossMetrics]) -> Vec<(String, u64)> {
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for s in winloss {
        for r in &s.reasons_lost {
            *totals.entry(&r.reason).or_default() += r.count;
        }
    }
    let mut ranked: Vec<(String, u64)> = totals.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}

#[allow(clippy::cast_precision_loss)]
pub fn loss_pareto(winloss: &[WinLossMetrics], l: &Localizer) -> Chart {
    let reasons = loss_reasons(winloss);
    let total: u64 = reasons.iter().map(|r| r.1).sum();
    let title = l.t("chart-pareto");
    let desc = reasons.iter().map(|(r, c)| format!("{r}: {c}")).collect::<Vec<_>>().join("; ");
    let caption = pareto_caption(&reasons, total, l);
    render("chart-loss-pareto", &title, &desc, &caption, (900, 420), |area: &Area| {
        let top = reasons.first().map_or(1.0, |r| r.1 as f64);
        let y_fmt = |v: &f64| l.number(*v, 0);
        let y_desc = l.t("chart-pareto-y");
        let axes = Axes::categories(&y_desc, &y_fmt, 60);
        let n = reasons.len().max(1) as f64;
        let mut chart = cartesian(area, &title, (0.0, n), (0.0, top * 1.15), &axes)?;
        chart.draw_series(reasons.iter().enumerate().map(|(i, (_, c))| {
            Rectangle::new([(i as f64 + 0.15, 0.0), (i as f64 + 0.85, *c as f64)], VERMILLION.filled())
        }))?;
        // The running share of all lost deals, drawn as a line over the bars and labelled.
        let mut running = 0;
        let shares: Vec<f64> = reasons
            .iter()
            .map(|(_, c)| {
                running += c;
                running as f64 / total.max(1) as f64
            })
            .collect();
        let points: Vec<(f64, f64)> =
            shares.iter().enumerate().map(|(i, s)| (i as f64 + 0.5, top * 1.1 * s)).collect();
        chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(2)))?;
        for (share, point) in shares.iter().zip(&points) {
            let (px, py) = chart.backend_coord(point);
            area.draw(&Text::new(l.percent(*share, 0), (px - 12, py - 20), super::font(12)))?;
        }
        let labels: Vec<String> = reasons.iter().map(|(r, _)| r.clone()).collect();
        category_labels(area, &chart, &labels, 0.0)
    })
}

/// The fewest reasons that together explain four fifths of the losses, as a sentence: the
/// Pareto chart's one message.
#[allow(clippy::cast_precision_loss)] // counts far below 2^53
fn pareto_caption(reasons: &[(String, u64)], total: u64, l: &Localizer) -> String {
    if total == 0 {
        return l.t("cap-pareto-none");
    }
    let mut covered = 0;
    let mut count = 0;
    for (_, n) in reasons {
        covered += n;
        count += 1;
        if covered as f64 >= 0.8 * total as f64 {
            break;
        }
    }
    l.t_with(
        "cap-pareto",
        vec![
            ("count", count.into()),
            ("total", reasons.len().into()),
            ("share", l.percent(covered as f64 / total as f64, 0).into()),
        ],
    )
}
