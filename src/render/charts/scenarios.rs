//! CLV today and in each scenario, per segment: grouped bars.

use super::axes::{Series, grouped_bars};
use super::{Area, BLUE, Chart, GREEN, GREY, SKY, render};
use crate::analysis::SegmentMetrics;
use crate::render::locale::Localizer;

pub fn clv_scenarios(segments: &[SegmentMetrics], l: &Localizer) -> Chart {
    let desc = segments
        .iter()
        .map(|s| {
            let (today, likely) =
                (l.money_short(s.baseline.clv), l.money_short(s.scenarios.likely.value.clv));
            l.t_with(
                "desc-clv-item",
                vec![("segment", s.name.clone().into()), ("today", today.into()), ("likely", likely.into())],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = l.t("chart-clv");
    let caption = segments
        .iter()
        .filter_map(|s| s.scenarios.likely.uplift.map(|u| (s, u)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or_else(String::new, |(s, uplift)| {
            l.t_with(
                "cap-clv",
                vec![("segment", s.name.clone().into()), ("uplift", l.percent(uplift, 1).into())],
            )
        });
    render("chart-clv-scenarios", &title, &desc, &caption, (900, 480), |area: &Area| {
        let values = |f: fn(&SegmentMetrics) -> f64| segments.iter().map(|s| Some(f(s))).collect();
        let names = [l.t("chart-today"), l.t("th-low"), l.t("th-likely"), l.t("th-high")];
        let series = [
            Series { name: &names[0], colour: GREY, values: values(|s| s.baseline.clv) },
            Series { name: &names[1], colour: SKY, values: values(|s| s.scenarios.low.value.clv) },
            Series { name: &names[2], colour: BLUE, values: values(|s| s.scenarios.likely.value.clv) },
            Series { name: &names[3], colour: GREEN, values: values(|s| s.scenarios.high.value.clv) },
        ];
        let categories: Vec<String> = segments.iter().map(|s| s.name.clone()).collect();
        let y_fmt = |v: &f64| l.money_short(*v);
        let y_desc = l.t_with("chart-clv-axis", vec![("currency", l.currency().into())]);
        grouped_bars(area, &title, &y_desc, &y_fmt, &categories, &series)
    })
}
