//! The value bridge: today's average focus-segment CLV to the projected one, lever by lever.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, category_labels};
use super::{Area, BLUE, Chart, GREY, TEXT, VERMILLION, centred, render};
use crate::analysis::ValueBridge;
use crate::render::labels::lever_name;
use crate::render::locale::Localizer;

#[allow(clippy::cast_precision_loss)]
pub fn bridge(b: &ValueBridge, l: &Localizer) -> Chart {
    let title = l.t("chart-bridge");
    let steps = b
        .steps
        .iter()
        .map(|s| format!("{} {}", lever_name(l, s.lever), l.money(s.change)))
        .collect::<Vec<_>>()
        .join(", ");
    let desc = l.t_with(
        "desc-bridge",
        vec![("start", l.money(b.start).into()), ("steps", steps.into()), ("end", l.money(b.end).into())],
    );
    let total: f64 = b.steps.iter().map(|s| s.change).sum();
    let caption = match b.steps.iter().max_by(|x, y| x.change.total_cmp(&y.change)) {
        Some(top) if total > 0.0 && top.change > 0.0 => l.t_with(
            "cap-bridge",
            vec![
                ("lever", lever_name(l, top.lever).into()),
                ("share", l.percent(top.change / total, 0).into()),
            ],
        ),
        _ => l.t("cap-bridge-none"),
    };
    render("chart-bridge", &title, &desc, &caption, (900, 480), |area: &Area| {
        // Bars: today, each step floating from the running total, projected.
        let mut bars = vec![(l.t("chart-today"), 0.0, b.start, GREY)];
        let mut running = b.start;
        for s in &b.steps {
            let colour = if s.change >= 0.0 { BLUE } else { VERMILLION };
            bars.push((lever_name(l, s.lever), running, running + s.change, colour));
            running += s.change;
        }
        bars.push((l.t("chart-projected"), 0.0, b.end, GREY));
        let top = bars.iter().map(|(_, a, z, _)| a.max(*z)).fold(0.0, f64::max);
        // The steps are small against the totals: start the axis just below the smallest
        // level (said in the axis title), so each lever's bar can be read.
        let lowest = bars
            .iter()
            .map(|(_, a, z, _)| if *a == 0.0 { *z } else { a.min(*z) })
            .fold(f64::INFINITY, f64::min);
        let floor = if lowest > 0.0 { nice_floor(lowest * 0.9) } else { lowest * 1.1 };
        let y_desc = l.t_with(
            "chart-bridge-axis",
            vec![("currency", l.currency().into()), ("floor", l.money_short(floor).into())],
        );
        let y_fmt = |v: &f64| l.money_short(*v);
        let axes = Axes::categories(&y_desc, &y_fmt, 96);
        let mut chart =
            cartesian(area, &title, (0.0, bars.len() as f64), (floor, top + (top - floor) * 0.12), &axes)?;
        let base = |v: f64| if v == 0.0 { floor } else { v };
        chart.draw_series(bars.iter().enumerate().map(|(i, (_, a, z, c))| {
            Rectangle::new([(i as f64 + 0.15, base(a.min(*z))), (i as f64 + 0.85, a.max(*z))], c.filled())
        }))?;
        let last = bars.len() - 1;
        for (i, (_, a, z, _)) in bars.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, a.max(*z)));
            let label = if i == 0 || i == last {
                l.money_short(*z)
            } else {
                let change = z - a;
                format!("{}{}", if change >= 0.0 { "+" } else { "" }, l.money_short(change))
            };
            area.draw(&Text::new(label, (px, py - 12), centred(TEXT)))?;
        }
        let labels: Vec<String> = bars.iter().map(|(n, ..)| n.clone()).collect();
        category_labels(area, &chart, &labels, floor)
    })
}

/// The largest "round" number (1, 2 or 5 times a power of ten) at or below `x > 0`.
fn nice_floor(x: f64) -> f64 {
    let magnitude = 10f64.powf(x.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|k| k * magnitude).find(|v| *v <= x).unwrap_or(magnitude)
}
