//! Win/loss and upsell over time: the win/loss ratio and the upsell ratio of each segment,
//! period by period, side by side — the monitoring the method asks for.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, legend};
use super::{Area, BLUE, Chart, GREEN, ORANGE, PURPLE, SKY, VERMILLION, render};
use crate::analysis::{PeriodFigures, WinLossMetrics};
use crate::render::locale::Localizer;

const PALETTE: [RGBColor; 6] = [BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY];

/// One of the two panels: where it is drawn, its heading, how its values are written and
/// which value of a period it shows.
type Panel<'a, 'b> = (&'a Area<'b>, String, &'a dyn Fn(&f64) -> String, fn(&PeriodFigures) -> Option<f64>);

/// The segments given per period, with `name` for each segment id; `None` when none is.
#[allow(clippy::cast_precision_loss)] // a handful of periods
pub fn winloss_trend(
    winloss: &[WinLossMetrics],
    name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Option<Chart> {
    let segments: Vec<&WinLossMetrics> = winloss.iter().filter(|w| w.periods.len() >= 2).collect();
    let mut periods: Vec<&str> =
        segments.iter().flat_map(|w| w.periods.iter().map(|p| p.period.as_str())).collect();
    periods.sort_unstable();
    periods.dedup();
    if segments.is_empty() {
        return None;
    }
    let title = l.t("chart-winloss-trend");
    let desc = segments
        .iter()
        .map(|w| {
            let points = w
                .periods
                .iter()
                .map(|p| {
                    let ratio = p.win_loss_ratio.map_or_else(|| "–".to_owned(), |r| l.number(r, 2));
                    let upsell = p.upsell_ratio.map_or_else(|| "–".to_owned(), |r| l.percent(r, 0));
                    format!("{} {ratio} / {upsell}", p.period)
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}: {points}", name(&w.segment))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let caption = l.t_with(
        "cap-winloss-trend",
        vec![("first", periods[0].to_owned().into()), ("last", periods[periods.len() - 1].to_owned().into())],
    );
    let x_max = (periods.len() - 1) as f64;
    let at = |period: &str| periods.iter().position(|p| *p == period).unwrap_or(0) as f64;
    Some(render("chart-winloss-trend", &title, &format!("{desc}."), &caption, (900, 460), |area: &Area| {
        let (left, right) = area.split_horizontally(450);
        // A tick at each period's place shows its name; ticks between places show nothing.
        let x_fmt = |v: &f64| {
            let k = v.round();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a whole place ≥ 0
            let name = ((v - k).abs() < 1e-9 && k >= 0.0).then(|| periods.get(k as usize)).flatten();
            name.map_or_else(String::new, |p| (*p).to_owned())
        };
        let ratio_fmt = |v: &f64| l.number(*v, 1);
        let share_fmt = |v: &f64| l.percent(*v, 0);
        let x_desc = l.t("chart-winloss-trend-x");
        let panels: [Panel; 2] = [
            (&left, l.t("th-win-loss-ratio"), &ratio_fmt, |p| p.win_loss_ratio),
            (&right, l.t("th-upsell-ratio"), &share_fmt, |p| p.upsell_ratio),
        ];
        for (k, (panel, heading, y_fmt, value)) in panels.into_iter().enumerate() {
            let top =
                segments.iter().flat_map(|w| w.periods.iter().filter_map(value)).fold(0.0_f64, f64::max);
            let axes = Axes::numbered(&x_desc, &heading, y_fmt, y_fmt, 60).whole_x(periods.len() - 1);
            let axes = Axes { x_fmt: &x_fmt, ..axes };
            let mut chart =
                cartesian(panel, &heading, (-0.2, x_max + 0.2), (0.0, (top * 1.15).max(0.01)), &axes)?;
            for (i, w) in segments.iter().enumerate() {
                let colour = PALETTE[i % PALETTE.len()];
                let points: Vec<(f64, f64)> =
                    w.periods.iter().filter_map(|p| Some((at(&p.period), value(p)?))).collect();
                let drawn = chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))?;
                if k == 1 {
                    drawn.label(name(&w.segment)).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(3))
                    });
                }
                chart.draw_series(points.into_iter().map(|p| Circle::new(p, 4, colour.filled())))?;
            }
            if k == 1 {
                legend(&mut chart, SeriesLabelPosition::LowerRight)?;
            }
        }
        Ok(())
    }))
}
