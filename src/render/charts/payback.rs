//! Cumulative discounted value uplift against cumulative investment, with the payback point.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, legend};
use super::{Area, BLUE, Chart, INK, VERMILLION, font, render};
use crate::analysis::ProgrammeScenario;
use crate::render::format::{money_short, number};

pub fn payback(likely: &ProgrammeScenario, currency: &str) -> Chart {
    let title = "Cumulative discounted value against investment (likely scenario)";
    let end = likely.cumulative.last();
    let desc = format!(
        "After {} years: value uplift {}, investment {}. {}",
        end.map_or(0, |p| p.year),
        money_short(end.map_or(0.0, |p| p.cumulative_value_uplift), currency),
        money_short(end.map_or(0.0, |p| p.cumulative_investment), currency),
        likely.payback_months.map_or(
            "The programme does not pay back within the horizon.".to_owned(),
            |m| format!("Payback after {} months.", number(m, 0))
        )
    );
    render("chart-payback", title, &desc, (900, 400), |area: &Area| {
        let years = f64::from(end.map_or(1, |p| p.year.max(1)));
        let top = likely
            .cumulative
            .iter()
            .map(|p| p.cumulative_value_uplift.max(p.cumulative_investment))
            .fold(0.0, f64::max);
        let bottom = likely.cumulative.iter().map(|p| p.cumulative_value_uplift).fold(0.0, f64::min);
        let y_fmt = |v: &f64| money_short(*v, currency);
        let x_fmt = |v: &f64| format!("{v:.0}");
        let axes = Axes {
            x_desc: "Years from programme start",
            y_desc: &format!("Cumulative, discounted ({currency})"),
            x_fmt: &x_fmt,
            y_fmt: &y_fmt,
            x_labels: true,
            y_label_width: 96,
        };
        let mut chart = cartesian(area, title, (0.0, years), (bottom, top * 1.1), &axes)?;
        let line = |f: fn(&crate::analysis::YearPoint) -> f64| {
            likely.cumulative.iter().map(move |p| (f64::from(p.year), f(p))).collect::<Vec<_>>()
        };
        chart
            .draw_series(LineSeries::new(line(|p| p.cumulative_value_uplift), BLUE.stroke_width(3)))?
            .label("Value uplift")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLUE.stroke_width(3)));
        chart
            .draw_series(LineSeries::new(line(|p| p.cumulative_investment), VERMILLION.stroke_width(3)))?
            .label("Investment")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], VERMILLION.stroke_width(3)));
        if let Some(months) = likely.payback_months {
            let x = months / 12.0;
            let y = interpolate(likely, x);
            chart.draw_series(std::iter::once(Circle::new((x, y), 6, INK.filled())))?;
            let (px, py) = chart.backend_coord(&(x, y));
            area.draw(&Text::new(
                format!("Payback: {} months", number(months, 0)),
                (px + 10, py + 6),
                font(13),
            ))?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// The investment line's height at `x` years.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn interpolate(s: &ProgrammeScenario, x: f64) -> f64 {
    let i = (x.floor() as usize).min(s.cumulative.len().saturating_sub(2));
    let (a, b) = (&s.cumulative[i], &s.cumulative[(i + 1).min(s.cumulative.len() - 1)]);
    a.cumulative_investment + (x - f64::from(a.year)) * (b.cumulative_investment - a.cumulative_investment)
}
