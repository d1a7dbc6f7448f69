//! The programme timeline as a Gantt chart.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use super::{
    Area, BLUE, Chart, LIGHT, LINE, TEXT, chars_in, draw_lines, font, grown, render, title_size, wrap,
};
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
    let height = u32::try_from(120 + 48 * activities.len().max(1)).unwrap_or(u32::MAX);
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
            .caption(&title, font(title_size(&title)))
            .margin(14)
            .x_label_area_size(grown(40))
            .y_label_area_size(grown(250))
            .build_cartesian_2d(0.0..end, rows..0.0)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(0)
            .bold_line_style(LIGHT)
            .light_line_style(WHITE)
            .draw()?;
        // Month ticks: a line at each first of the month; a label at every month, or every
        // second or third when a long programme leaves too little room; the year under the
        // first month and under each January.
        let width = chart.backend_coord(&(end, rows)).0 - chart.backend_coord(&(0.0, rows)).0;
        let months = (end / 30.4).ceil().max(1.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 1 ≤ every ≤ months
        let every = (months * 56.0 / f64::from(width.max(1))).ceil().max(1.0) as u32;
        let mut month = start;
        let mut index = 0_u32;
        while day(month) < end {
            let x = day(month);
            chart.draw_series(std::iter::once(PathElement::new(vec![(x, 0.0), (x, rows)], LIGHT)))?;
            let (px, py) = chart.backend_coord(&(x, rows));
            if index % every == 0 {
                area.draw(&Text::new(l.month_short(month.month()), (px + 2, py + 8), font(TEXT)))?;
            }
            if month.month() == 1 || month == start {
                area.draw(&Text::new(month.year().to_string(), (px + 2, py + 8 + LINE), font(TEXT)))?;
            }
            index += 1;
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
                &wrap(&format!("{} ({})", a.activity, a.owner), chars_in(grown(250) - 20), 2),
                (14, py - 7),
                &font(TEXT),
                LINE,
            )?;
        }
        Ok(())
    })
}
