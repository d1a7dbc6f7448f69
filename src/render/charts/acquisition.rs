//! What a krone does: customer value per krone of acquisition against per krone of loyalty.

use super::axes::{Series, grouped_bars};
use super::{Area, BLUE, Chart, ORANGE, render};
use crate::analysis::SegmentMetrics;
use crate::render::locale::Localizer;

pub fn acquisition(segments: &[SegmentMetrics], l: &Localizer) -> Chart {
    let title = l.t("chart-acquisition");
    let show = |x: Option<f64>| x.map_or_else(|| l.t("not-available"), |v| l.number(v, 1));
    let desc = segments
        .iter()
        .map(|s| {
            let args = vec![
                ("segment", s.name.clone().into()),
                ("acquisition", show(s.acquisition.value_per_acquisition_krone).into()),
                ("loyalty", show(s.value_per_loyalty_krone).into()),
            ];
            l.t_with("desc-acquisition-item", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let loyalty_wins = segments
        .iter()
        .filter(|s| match (s.value_per_loyalty_krone, s.acquisition.value_per_acquisition_krone) {
            (Some(loyalty), Some(acquisition)) => loyalty > acquisition,
            _ => false,
        })
        .count();
    let caption =
        l.t_with("cap-acquisition", vec![("count", loyalty_wins.into()), ("total", segments.len().into())]);
    render("chart-acquisition", &title, &desc, &caption, (900, 460), |area: &Area| {
        let names = [l.t("chart-acquisition-series"), l.t("chart-loyalty-series")];
        let series = [
            Series {
                name: &names[0],
                colour: ORANGE,
                values: segments.iter().map(|s| s.acquisition.value_per_acquisition_krone).collect(),
            },
            Series {
                name: &names[1],
                colour: BLUE,
                values: segments.iter().map(|s| s.value_per_loyalty_krone).collect(),
            },
        ];
        let categories: Vec<String> = segments.iter().map(|s| s.name.clone()).collect();
        let y_fmt = |v: &f64| l.number(*v, 1);
        let y_desc = l.t_with("chart-acquisition-axis", vec![("currency", l.currency().into())]);
        grouped_bars(area, &title, &y_desc, &y_fmt, &categories, &series)
    })
}
