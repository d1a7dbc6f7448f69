//! CLV today and in each scenario, per segment: grouped bars.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, category_labels};
use super::{Area, BLUE, Chart, GREEN, GREY, SKY, clip, render};
use crate::analysis::SegmentMetrics;
use crate::render::format::money_short;

const SERIES: [(&str, RGBColor); 4] = [("Today", GREY), ("Low", SKY), ("Likely", BLUE), ("High", GREEN)];

#[allow(clippy::cast_precision_loss)]
pub fn clv_scenarios(segments: &[SegmentMetrics], currency: &str) -> Chart {
    let desc = segments
        .iter()
        .map(|s| {
            format!(
                "{}: today {}, likely {}",
                s.name,
                money_short(s.baseline.clv, currency),
                money_short(s.scenarios.likely.value.clv, currency)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = "Customer lifetime value per segment, today and by scenario";
    render("chart-clv-scenarios", title, &desc, (900, 420), |area: &Area| {
        let max = segments.iter().map(|s| s.scenarios.high.value.clv.max(s.baseline.clv)).fold(0.0, f64::max);
        let y_fmt = |v: &f64| money_short(*v, currency);
        let axes = Axes {
            x_desc: "",
            y_desc: &format!("CLV per customer ({currency})"),
            x_fmt: &|_| String::new(),
            y_fmt: &y_fmt,
            x_labels: false,
            y_label_width: 96,
        };
        let mut chart = cartesian(area, title, (0.0, segments.len() as f64), (0.0, max * 1.08), &axes)?;
        for (k, (name, colour)) in SERIES.into_iter().enumerate() {
            let bars = segments.iter().enumerate().map(move |(i, s)| {
                let value = match k {
                    0 => s.baseline.clv,
                    1 => s.scenarios.low.value.clv,
                    2 => s.scenarios.likely.value.clv,
                    _ => s.scenarios.high.value.clv,
                };
                let x0 = i as f64 + 0.1 + 0.2 * k as f64;
                Rectangle::new([(x0, 0.0), (x0 + 0.18, value)], colour.filled())
            });
            chart
                .draw_series(bars)?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        chart
            .configure_series_labels()
            .label_font(super::font(13))
            .background_style(WHITE.mix(0.9))
            .border_style(super::LIGHT)
            .position(SeriesLabelPosition::UpperRight)
            .draw()?;
        let labels: Vec<String> = segments.iter().map(|s| clip(&s.name, 22)).collect();
        category_labels(area, &chart, &labels, 0.0)
    })
}
