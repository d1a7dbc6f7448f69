//! Cumulative discounted value uplift against cumulative investment, with the payback point.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{Axes, cartesian, legend};
use super::{Area, BLUE, Chart, INK, TEXT, VERMILLION, font, render};
use crate::analysis::{ProgrammeScenario, YearPoint};
use crate::render::locale::Localizer;

pub fn payback(likely: &ProgrammeScenario, l: &Localizer) -> Chart {
    let title = l.t("chart-payback");
    let end = likely.cumulative.last();
    let mut desc = l.t_with(
        "desc-payback",
        vec![
            ("years", end.map_or(0, |p| p.year).to_string().into()),
            ("value", l.money_short(end.map_or(0.0, |p| p.cumulative_value_uplift)).into()),
            ("investment", l.money_short(end.map_or(0.0, |p| p.cumulative_investment)).into()),
        ],
    );
    desc.push(' ');
    let paid_back = |year: u32| l.t_with("chart-payback-point", vec![("year", year.to_string().into())]);
    desc.push_str(&likely.payback_year.map_or_else(|| l.t("desc-payback-never"), paid_back));
    let caption = likely.payback_year.map_or_else(
        || l.t_with("cap-payback-never", vec![("years", end.map_or(0, |p| p.year).to_string().into())]),
        |year| l.t_with("cap-payback", vec![("year", year.to_string().into())]),
    );
    render("chart-payback", &title, &desc, &caption, (900, 460), |area: &Area| {
        let years = f64::from(end.map_or(1, |p| p.year.max(1)));
        let top = likely
            .cumulative
            .iter()
            .map(|p| p.cumulative_value_uplift.max(p.cumulative_investment))
            .fold(0.0, f64::max);
        let bottom = likely.cumulative.iter().map(|p| p.cumulative_value_uplift).fold(0.0, f64::min);
        let y_fmt = |v: &f64| l.money_short(*v);
        let x_fmt = |v: &f64| l.number(*v, 0);
        let (x_desc, y_desc) =
            (l.t("chart-payback-x"), l.t_with("chart-payback-y", vec![("currency", l.currency().into())]));
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 96);
        let mut chart = cartesian(area, &title, (0.0, years), (bottom, top * 1.1), &axes)?;
        let line = |f: fn(&YearPoint) -> f64| {
            likely.cumulative.iter().map(move |p| (f64::from(p.year), f(p))).collect::<Vec<_>>()
        };
        chart
            .draw_series(LineSeries::new(line(|p| p.cumulative_value_uplift), BLUE.stroke_width(3)))?
            .label(l.t("chart-value-uplift"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLUE.stroke_width(3)));
        chart
            .draw_series(LineSeries::new(line(|p| p.cumulative_investment), VERMILLION.stroke_width(3)))?
            .label(l.t("chart-investment"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], VERMILLION.stroke_width(3)));
        // Paid back at the end of a year: the marker sits on that year's value.
        if let Some(point) = likely.payback_year.and_then(|y| likely.cumulative.iter().find(|p| p.year == y))
        {
            let (x, y) = (f64::from(point.year), point.cumulative_value_uplift);
            chart.draw_series(std::iter::once(Circle::new((x, y), 6, INK.filled())))?;
            let (px, py) = chart.backend_coord(&(x, y));
            // Above and left of the marker, clear of both lines: before payback the value line
            // runs below the investment, and both run below the marker.
            let style = font(TEXT).pos(Pos::new(HPos::Right, VPos::Bottom));
            area.draw(&Text::new(paid_back(point.year), (px - 10, py - 10), style))?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}
