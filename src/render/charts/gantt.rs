//! The programme timeline as a Gantt chart.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use super::{Area, BLUE, Chart, LIGHT, draw_lines, font, render, wrap};
use crate::model::Activity;
use crate::render::locale::Localizer;

#[allow(clippy::cast_precision_loss)]
pub fn gantt(activities: &[Activity], l: &Localizer) -> Chart {
    let desc = activities
        .iter()
        .map(|a| {
            let args = vec![
                ("activity", a.activity.clone().into()),
                ("start", l.date(a.start).into()),
                ("end", l.date(a.end).into()),
            ];
            l.t_with("desc-timeline-item", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = l.t("chart-timeline");
    let height = u32::try_from(90 + 34 * activities.len().max(1)).unwrap_or(u32::MAX);
    let start = activities.iter().map(|a| a.start).min();
    let end = activities.iter().map(|a| a.end).max();
    let caption = match (start, end) {
        (Some(start), Some(end)) => {
            l.t_with("cap-timeline", vec![("start", l.date(start).into()), ("end", l.date(end).into())])
        }
        _ => String::new(),
    };
    render("chart-timeline", &title, &desc, &caption, (900, height), |area: &Area| {
        let (Some(first), Some(last)) =
            (activities.iter().map(|a| a.start).min(), activities.iter().map(|a| a.end).max())
        else {
            return Ok(());
        };
        let start = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
        let day = |d: NaiveDate| (d - start).num_days() as f64;
        let end = day(last) + 1.0;
        let rows = activities.len() as f64;
        let mut chart = ChartBuilder::on(area)
            .caption(&title, font(20))
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(250)
            .build_cartesian_2d(0.0..end, rows..0.0)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(0)
            .bold_line_style(LIGHT)
            .light_line_style(WHITE)
            .draw()?;
        // Month ticks: a line and a label at each first of the month.
        let mut month = start;
        while day(month) < end {
            let x = day(month);
            chart.draw_series(std::iter::once(PathElement::new(vec![(x, 0.0), (x, rows)], LIGHT)))?;
            let (px, py) = chart.backend_coord(&(x, rows));
            let name = l.month_short(month.month());
            let label =
                if month.month() == 1 || month == start { format!("{name} {}", month.year()) } else { name };
            area.draw(&Text::new(label, (px + 2, py + 8), font(12)))?;
            match month.checked_add_months(chrono::Months::new(1)) {
                Some(next) => month = next,
                None => break,
            }
        }
        for (i, a) in activities.iter().enumerate() {
            let y = i as f64;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(day(a.start), y + 0.2), (day(a.end) + 1.0, y + 0.8)],
                BLUE.filled(),
            )))?;
            let (_, py) = chart.backend_coord(&(0.0, y + 0.5));
            draw_lines(
                area,
                &wrap(&format!("{} ({})", a.activity, a.owner), 44, 2),
                (14, py - 7),
                &font(13),
                14,
            )?;
        }
        Ok(())
    })
}
