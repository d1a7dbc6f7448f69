//! What a krone does: customer value per krone of acquisition against per krone of loyalty.

use super::axes::{Series, grouped_bars};
use super::{Area, BLUE, Chart, ORANGE, clip, render};
use crate::analysis::SegmentMetrics;
use crate::render::format::number;

pub fn acquisition(segments: &[SegmentMetrics], currency: &str) -> Chart {
    let title = "Value per krone: acquisition against loyalty";
    let show = |x: Option<f64>| x.map_or("n/a".to_owned(), |v| number(v, 1));
    let desc = segments
        .iter()
        .map(|s| {
            let (acquisition, loyalty) =
                (s.acquisition.value_per_acquisition_krone, s.value_per_loyalty_krone);
            format!("{}: acquisition {}, loyalty {}", s.name, show(acquisition), show(loyalty))
        })
        .collect::<Vec<_>>()
        .join("; ");
    render("chart-acquisition", title, &desc, (900, 400), |area: &Area| {
        let series = [
            Series {
                name: "Acquisition: CLV ÷ CAC",
                colour: ORANGE,
                values: segments.iter().map(|s| s.acquisition.value_per_acquisition_krone).collect(),
            },
            Series {
                name: "Loyalty: value uplift ÷ investment",
                colour: BLUE,
                values: segments.iter().map(|s| s.value_per_loyalty_krone).collect(),
            },
        ];
        let categories: Vec<String> = segments.iter().map(|s| clip(&s.name, 22)).collect();
        let y_fmt = |v: &f64| number(*v, 1);
        grouped_bars(
            area,
            title,
            &format!("Customer value per {currency} spent"),
            &y_fmt,
            &categories,
            &series,
        )
    })
}
