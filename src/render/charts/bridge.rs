//! The value bridge: today's average focus-segment CLV to the projected one, lever by lever.

use std::fmt::Write as _;

use plotters::prelude::*;

use super::axes::{Axes, cartesian, category_labels};
use super::{Area, BLUE, Chart, GREY, VERMILLION, centred, render};
use crate::analysis::ValueBridge;
use crate::render::format::{money, money_short};
use crate::render::labels::lever_name;

#[allow(clippy::cast_precision_loss)]
pub fn bridge(b: &ValueBridge, currency: &str) -> Chart {
    let title = "Value bridge: average focus-segment customer value, today to likely";
    let mut desc = format!("Today {}", money(b.start, currency));
    for s in &b.steps {
        let _ = write!(desc, ", {} {}", lever_name(s.lever), money(s.change, currency));
    }
    let _ = write!(desc, ", projected {}.", money(b.end, currency));
    render("chart-bridge", title, &desc, (900, 420), |area: &Area| {
        // Bars: today, each step floating from the running total, projected.
        let mut bars = vec![("Today".to_owned(), 0.0, b.start, GREY)];
        let mut running = b.start;
        for s in &b.steps {
            let colour = if s.change >= 0.0 { BLUE } else { VERMILLION };
            bars.push((lever_name(s.lever).to_owned(), running, running + s.change, colour));
            running += s.change;
        }
        bars.push(("Projected".to_owned(), 0.0, b.end, GREY));
        let top = bars.iter().map(|(_, a, z, _)| a.max(*z)).fold(0.0, f64::max);
        // The steps are small against the totals: start the axis just below the smallest
        // level (said in the axis title), so each lever's bar can be read.
        let lowest = bars
            .iter()
            .skip(1)
            .take(bars.len() - 2)
            .map(|(_, a, z, _)| a.min(*z))
            .fold(b.start.min(b.end), f64::min);
        let floor = if lowest > 0.0 { nice_floor(lowest * 0.9) } else { lowest * 1.1 };
        let y_fmt = |v: &f64| money_short(*v, currency);
        let y_desc = if floor > 0.0 {
            format!("CLV per customer ({currency}); axis starts at {}", money_short(floor, currency))
        } else {
            format!("CLV per customer ({currency})")
        };
        let axes = Axes {
            x_desc: "",
            y_desc: &y_desc,
            x_fmt: &|_| String::new(),
            y_fmt: &y_fmt,
            x_labels: false,
            y_label_width: 96,
        };
        let mut chart =
            cartesian(area, title, (0.0, bars.len() as f64), (floor, top + (top - floor) * 0.12), &axes)?;
        let base = |v: f64| if v == 0.0 { floor } else { v };
        chart.draw_series(bars.iter().enumerate().map(|(i, (_, a, z, c))| {
            Rectangle::new([(i as f64 + 0.15, base(a.min(*z))), (i as f64 + 0.85, a.max(*z))], c.filled())
        }))?;
        for (i, (_, a, z, _)) in bars.iter().enumerate() {
            let value = if i == 0 || i + 1 == bars.len() { *z } else { z - a };
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, a.max(*z)));
            let label = if i == 0 || i + 1 == bars.len() {
                money_short(value, currency)
            } else {
                format!("+{}", money_short(value, currency)).replace("+−", "−")
            };
            area.draw(&Text::new(label, (px, py - 12), centred(13)))?;
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
