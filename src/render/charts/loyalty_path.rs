//! The path to a loyal customer as a funnel: one bar per stage, the conversion between them,
//! the bottleneck in vermillion.

use plotters::prelude::*;

use super::{
    Area, BLUE, Chart, GREY_TEXT, LIGHT, TEXT, VERMILLION, VERMILLION_TEXT, centred, font, grown, render,
    title_size,
};
use crate::analysis::LoyaltyPath;
use crate::render::locale::Localizer;

/// One segment's funnel: the share of its eligible customers at each stage.
#[allow(clippy::cast_precision_loss)] // customer counts far below 2^53
pub fn funnel(segment_id: &str, segment_name: &str, path: &LoyaltyPath, l: &Localizer) -> Chart {
    let title = l.t_with("chart-loyalty-path", vec![("segment", segment_name.to_owned().into())]);
    let stage = |name: &str| l.t(&format!("stage-{name}"));
    let share = |n: u64| n as f64 / path.eligible.max(1) as f64;
    // The bottleneck is marked only where another segment shows it can be done better.
    let gain = path.bottleneck.as_ref().filter(|b| b.additional_customers > 0.0);
    let neck = gain.map(|b| b.to);
    let desc = path
        .stages
        .iter()
        .map(|s| {
            l.t_with(
                "desc-loyalty-stage",
                vec![
                    ("stage", stage(s.name).into()),
                    ("customers", s.customers.into()),
                    ("share", l.percent(share(s.customers), 0).into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    // The caption speaks of loyal customers, the fourth stage, with or without integrated.
    let last = path.stages.get(3).map_or(0, |s| s.customers);
    let caption = match gain {
        Some(b) => l.t_with(
            "cap-loyalty-path",
            vec![
                ("segment", segment_name.to_owned().into()),
                ("share", l.percent(share(last), 0).into()),
                ("from", stage(b.from).to_lowercase().into()),
                ("to", stage(b.to).to_lowercase().into()),
            ],
        ),
        None => l.t_with(
            "cap-loyalty-path-best",
            vec![("segment", segment_name.to_owned().into()), ("share", l.percent(share(last), 0).into())],
        ),
    };
    let id = format!("chart-loyalty-path-{segment_id}");
    render(&id, &title, &format!("{desc}."), &caption, (900, 420), |area: &Area| {
        let mut chart = ChartBuilder::on(area)
            .caption(&title, font(title_size(&title)))
            .margin(14)
            .x_label_area_size(grown(50))
            .y_label_area_size(grown(20))
            .build_cartesian_2d(0.0..path.stages.len() as f64, 0.0..1.18)?;
        chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(LIGHT).draw()?;
        for (k, s) in path.stages.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = k as f64;
            let colour = if neck == Some(s.name) { VERMILLION } else { BLUE };
            let height = share(s.customers);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.22, 0.0), (x + 0.78, height)],
                colour.filled(),
            )))?;
            let (px, top) = chart.backend_coord(&(x + 0.5, height));
            area.draw(&Text::new(l.number(s.customers as f64, 0), (px, top - 14), centred(TEXT)))?;
            let (_, base) = chart.backend_coord(&(x + 0.5, 0.0));
            area.draw(&Text::new(stage(s.name), (px, base + 16), centred(TEXT)))?;
            let purchases = match (s.name, &path.integrated) {
                ("integrated", Some(i)) => {
                    l.t_with("stage-categories", vec![("n", f64::from(i.categories).into())])
                }
                _ => l.t_with("stage-purchase-day", vec![("n", f64::from(s.purchases).into())]),
            };
            area.draw(&Text::new(purchases, (px, base + 40), centred(TEXT).color(&GREY_TEXT)))?;
            if let Some(conversion) = s.conversion {
                // Between this bar and the one before, at the height of the lower.
                let (gx, gy) = chart.backend_coord(&(x, height / 2.0));
                let style =
                    if neck == Some(s.name) { centred(TEXT).color(&VERMILLION_TEXT) } else { centred(TEXT) };
                area.draw(&Text::new(
                    format!("→ {}", l.percent(conversion, 0)),
                    (gx, gy.min(base - 16)),
                    style,
                ))?;
            }
        }
        Ok(())
    })
}
