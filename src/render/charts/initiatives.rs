//! Each initiative's value against its cost, with the break-even line: above it an
//! initiative returns more than it costs, below it less; left of zero it frees money.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{Axes, cartesian};
use super::{Area, BLUE, Chart, GREY, GREY_TEXT, LINE, TEXT, VERMILLION, font, padded, render};
use crate::analysis::InitiativeValue;
use crate::render::locale::Localizer;

/// The chart of `ranked` (highest net value first), each point numbered as in the table.
pub fn value_against_cost(ranked: &[InitiativeValue], l: &Localizer) -> Chart {
    let title = l.t("chart-initiatives");
    let desc = ranked
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let args = vec![
                ("number", (i + 1).into()),
                ("name", x.name.clone().into()),
                ("value", l.money_short(x.value).into()),
                ("cost", l.money_short(x.cost_pv).into()),
            ];
            l.t_with("desc-initiative", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let paying = ranked.iter().filter(|x| x.cost_pv > 0.0 && x.net_value >= 0.0).count();
    let costing = ranked.iter().filter(|x| x.cost_pv > 0.0).count();
    let caption = if costing == 0 {
        l.t("cap-initiatives-none")
    } else {
        l.t_with("cap-initiatives", vec![("count", paying.into()), ("total", costing.into())])
    };
    render("chart-initiatives", &title, &desc, &caption, (900, 560), |area: &Area| {
        let costs = ranked.iter().map(|x| x.cost_pv);
        let (x_lo, x_hi) = padded(costs.clone().fold(0.0, f64::min), costs.fold(0.0, f64::max));
        let top = ranked.iter().map(|x| x.value.max(x.cost_pv)).fold(0.0, f64::max);
        // A lever that lowers value (a negative lever) gives an initiative a negative value.
        let bottom = ranked.iter().map(|x| x.value).fold(0.0, f64::min);
        let (y_lo, y_hi) = padded(bottom, top.max(1.0));
        let y_lo = if bottom < 0.0 { y_lo } else { 0.0 };
        let fmt = |v: &f64| l.money_short(*v);
        let x_desc = l.t_with("chart-initiatives-x", vec![("currency", l.currency().into())]);
        let y_desc = l.t_with("chart-initiatives-y", vec![("currency", l.currency().into())]);
        let axes = Axes::numbered(&x_desc, &y_desc, &fmt, &fmt, 96);
        let mut chart = cartesian(area, &title, (x_lo, x_hi), (y_lo, y_hi), &axes)?;
        // Break-even: value = cost, from where cost is zero (or the left edge) up and right.
        let start = x_lo.max(y_lo).max(0.0);
        let end = x_hi.min(y_hi);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(start, start), (end, end)],
            GREY.stroke_width(2),
        )))?;
        // The line's key in the upper left, where an initiative would need a negative cost
        // and a high value.
        let (kx, ky) = chart.backend_coord(&(x_lo, y_hi));
        let (kx, ky) = (kx + 14, ky + 18);
        area.draw(&PathElement::new(vec![(kx, ky), (kx + 28, ky)], GREY.stroke_width(2)))?;
        let style = font(TEXT).color(&GREY_TEXT).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(l.t("chart-initiatives-break-even"), (kx + 36, ky), style))?;
        // Every point first, then the numbers beside them, each moved up a line where it
        // would cover a point or another number.
        let at: Vec<(i32, i32)> = ranked.iter().map(|x| chart.backend_coord(&(x.cost_pv, x.value))).collect();
        for (x, centre) in ranked.iter().zip(&at) {
            let colour = if x.net_value >= 0.0 { BLUE } else { VERMILLION };
            area.draw(&Circle::new(*centre, 8, colour.filled()))?;
        }
        let mut taken: Vec<(i32, i32)> = at.iter().map(|(x, y)| (x - 12, *y)).collect();
        for (i, (px, py)) in at.iter().enumerate() {
            let mut label = (px + 12, *py);
            while taken.iter().any(|(lx, ly)| (lx - label.0).abs() < 24 && (ly - label.1).abs() < LINE) {
                label.1 -= LINE;
            }
            taken.push(label);
            let style = font(TEXT).pos(Pos::new(HPos::Left, VPos::Center));
            area.draw(&Text::new((i + 1).to_string(), label, style))?;
        }
        Ok(())
    })
}
