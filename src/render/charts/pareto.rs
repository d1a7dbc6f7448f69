//! Pareto of loss reasons over all segments: a row per reason, most frequent first, its
//! count and the running share of all lost deals at the bar's end.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::axes::{Axes, cartesian, row_label};
use super::{Area, Chart, TEXT, VERMILLION, font, render};
use crate::analysis::WinLossMetrics;
use crate::render::locale::Localizer;

/// Reasons drawn as rows; the rest are summed into one "other reasons" row.
const SHOWN: usize = 14;

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
    // The most frequent reasons as rows; the rest, if any, together in one last row.
    let mut shown: Vec<(String, u64)> = reasons.iter().take(SHOWN).cloned().collect();
    let rest: u64 = reasons.iter().skip(SHOWN).map(|r| r.1).sum();
    if reasons.len() > SHOWN {
        shown.push((l.t_with("chart-pareto-other", vec![("count", (reasons.len() - SHOWN).into())]), rest));
    }
    let height = u32::try_from(160 + 44 * shown.len().max(1)).unwrap_or(u32::MAX);
    render("chart-loss-pareto", &title, &desc, &caption, (900, height), |area: &Area| {
        // Reasons as rows, most frequent first, so that every name is read whole; at each
        // bar's end its count and the running share of all lost deals (the Pareto line, as
        // figures).
        let top = reasons.first().map_or(1.0, |r| r.1 as f64) * 1.25;
        let x_fmt = |v: &f64| l.number(*v, 0);
        let x_desc = l.t("chart-pareto-y");
        let axes = Axes::rows(&x_desc, &x_fmt);
        let n = shown.len().max(1) as f64;
        let mut chart = cartesian(area, &title, (0.0, top), (n, 0.0), &axes)?;
        let mut running = 0;
        for (i, (reason, count)) in shown.iter().enumerate() {
            let y = i as f64;
            chart.draw_series([Rectangle::new(
                [(0.0, y + 0.2), (*count as f64, y + 0.8)],
                VERMILLION.filled(),
            )])?;
            running += count;
            let share = l.percent(running as f64 / total.max(1) as f64, 0);
            let (ex, ey) = chart.backend_coord(&(*count as f64, y + 0.5));
            area.draw(&Text::new(format!("{count} · {share}"), (ex + 6, ey - 8), font(TEXT)))?;
            let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
            row_label(area, (px, py - 8), reason)?;
        }
        Ok(())
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
    let mut count = 0usize;
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
