//! The Monte Carlo distribution of programme NPV, with P10, P50 and P90 marked.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{Axes, cartesian};
use super::{Area, BLUE, Chart, INK, TEXT, VERMILLION, font, padded, render};
use crate::analysis::Simulation;
use crate::render::locale::Localizer;

#[allow(clippy::cast_precision_loss)]
pub fn npv_histogram(sim: &Simulation, target_min: f64, l: &Localizer) -> Chart {
    let title = l.t("chart-npv");
    let chance = l.t_with(
        "chart-npv-target",
        vec![
            ("chance", l.probability(sim.probability_reaching_target).into()),
            ("target", l.percent_exact(target_min).into()),
        ],
    );
    let summary = l.t_with(
        "desc-npv",
        vec![
            ("draws", l.number(f64::from(sim.draws), 0).into()),
            ("p10", l.money_short(sim.npv.p10).into()),
            ("p50", l.money_short(sim.npv.p50).into()),
            ("p90", l.money_short(sim.npv.p90).into()),
        ],
    );
    let desc = format!("{summary} {chance}.");
    let caption = l.t_with(
        "cap-npv",
        vec![
            ("chance", l.probability(sim.probability_reaching_target).into()),
            ("target", l.percent_exact(target_min).into()),
            ("p10", l.money_short(sim.npv.p10).into()),
        ],
    );
    render("chart-npv-distribution", &title, &desc, &caption, (900, 460), |area: &Area| {
        let h = &sim.npv_histogram;
        let (lo, hi) = padded(*h.edges.first().unwrap_or(&0.0), *h.edges.last().unwrap_or(&1.0));
        let draws = f64::from(sim.draws.max(1));
        let top = f64::from(h.counts.iter().copied().max().unwrap_or(1)) / draws;
        let x_fmt = |v: &f64| l.money_short(*v);
        let y_fmt = |v: &f64| l.percent(*v, 0);
        let x_desc = l.t_with("chart-npv-x", vec![("currency", l.currency().into())]);
        let y_desc = l.t("chart-npv-y");
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 70);
        let mut chart = cartesian(area, &title, (lo, hi), (0.0, top * 1.32), &axes)?;
        chart.draw_series(h.counts.iter().enumerate().map(|(i, c)| {
            Rectangle::new(
                [(h.edges[i], 0.0), (h.edges[i + 1], f64::from(*c) / draws)],
                BLUE.mix(0.8).filled(),
            )
        }))?;
        // P10 labelled left of its line, P90 right of it, P50 above both: they never collide.
        for (label, x, colour, height, anchor, shift) in [
            ("P10", sim.npv.p10, INK, 1.08, HPos::Right, -4),
            ("P50", sim.npv.p50, VERMILLION, 1.2, HPos::Center, 0),
            ("P90", sim.npv.p90, INK, 1.08, HPos::Left, 4),
        ] {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, top * height)],
                colour.stroke_width(2),
            )))?;
            let (px, py) = chart.backend_coord(&(x, top * height));
            let style = font(TEXT).pos(Pos::new(anchor, VPos::Bottom));
            area.draw(&Text::new(format!("{label} {}", l.money_short(x)), (px + shift, py - 2), style))?;
        }
        Ok(())
    })
}
