//! What a krone does: customer value per krone of acquisition against per krone of loyalty.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, category_labels};
use super::{Area, BLUE, Chart, ORANGE, clip, font, render};
use crate::analysis::SegmentMetrics;
use crate::render::format::number;

#[allow(clippy::cast_precision_loss)]
pub fn acquisition(segments: &[SegmentMetrics], currency: &str) -> Chart {
    let title = "Value per krone: acquisition against loyalty";
    let show = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| number(v, 1));
    let desc = segments
        .iter()
        .map(|s| {
            format!(
                "{}: acquisition {}, loyalty {}",
                s.name,
                show(s.acquisition.value_per_acquisition_krone),
                show(s.value_per_loyalty_krone)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    render("chart-acquisition", title, &desc, (900, 400), |area: &Area| {
        let top = segments
            .iter()
            .flat_map(|s| [s.acquisition.value_per_acquisition_krone, s.value_per_loyalty_krone])
            .flatten()
            .fold(1.0, f64::max);
        let y_fmt = |v: &f64| number(*v, 1);
        let axes = Axes {
            x_desc: "",
            y_desc: &format!("Customer value per {currency} spent"),
            x_fmt: &|_| String::new(),
            y_fmt: &y_fmt,
            x_labels: false,
            y_label_width: 70,
        };
        let mut chart = cartesian(area, title, (0.0, segments.len() as f64), (0.0, top * 1.15), &axes)?;
        for (k, (name, colour)) in
            [("Acquisition: CLV ÷ CAC", ORANGE), ("Loyalty: value uplift ÷ investment", BLUE)]
                .into_iter()
                .enumerate()
        {
            let bars = segments.iter().enumerate().filter_map(move |(i, s)| {
                let v = if k == 0 {
                    s.acquisition.value_per_acquisition_krone
                } else {
                    s.value_per_loyalty_krone
                }?;
                let x0 = i as f64 + 0.15 + 0.36 * k as f64;
                Some(Rectangle::new([(x0, 0.0), (x0 + 0.34, v.max(0.0))], colour.filled()))
            });
            chart
                .draw_series(bars)?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        chart
            .configure_series_labels()
            .label_font(font(13))
            .background_style(WHITE.mix(0.9))
            .border_style(super::LIGHT)
            .position(SeriesLabelPosition::UpperRight)
            .draw()?;
        let labels: Vec<String> = segments.iter().map(|s| clip(&s.name, 22)).collect();
        category_labels(area, &chart, &labels, 0.0)
    })
}
