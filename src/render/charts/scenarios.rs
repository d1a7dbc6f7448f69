//! CLV today and in each scenario, per segment: grouped bars.

use super::axes::{Series, grouped_bars};
use super::{Area, BLUE, Chart, GREEN, GREY, SKY, clip, render};
use crate::analysis::SegmentMetrics;
use crate::render::format::money_short;

pub fn clv_scenarios(segments: &[SegmentMetrics], currency: &str) -> Chart {
    let desc = segments
        .iter()
        .map(|s| {
            let (today, likely) = (s.baseline.clv, s.scenarios.likely.value.clv);
            format!(
                "{}: today {}, likely {}",
                s.name,
                money_short(today, currency),
                money_short(likely, currency)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = "Customer lifetime value per segment, today and by scenario";
    render("chart-clv-scenarios", title, &desc, (900, 420), |area: &Area| {
        let values = |f: fn(&SegmentMetrics) -> f64| segments.iter().map(|s| Some(f(s))).collect();
        let series = [
            Series { name: "Today", colour: GREY, values: values(|s| s.baseline.clv) },
            Series { name: "Low", colour: SKY, values: values(|s| s.scenarios.low.value.clv) },
            Series { name: "Likely", colour: BLUE, values: values(|s| s.scenarios.likely.value.clv) },
            Series { name: "High", colour: GREEN, values: values(|s| s.scenarios.high.value.clv) },
        ];
        let categories: Vec<String> = segments.iter().map(|s| clip(&s.name, 22)).collect();
        let y_fmt = |v: &f64| money_short(*v, currency);
        grouped_bars(area, title, &format!("CLV per customer ({currency})"), &y_fmt, &categories, &series)
    })
}
