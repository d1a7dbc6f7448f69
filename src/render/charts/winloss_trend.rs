//! Win/loss and upsell over time: the win/loss ratio and the upsell ratio of each segment,
//! period by period, side by side — the monitoring the method asks for.

use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{Axes, cartesian};
use super::{
    Area, BLUE, Chart, GREEN, LINE, ORANGE, PURPLE, SKY, TEXT, VERMILLION, chars_in, clip, font, render,
};
use crate::analysis::{PeriodFigures, WinLossMetrics};
use crate::render::locale::Localizer;

const PALETTE: [RGBColor; 6] = [BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY];

/// Segments drawn at most.
const SHOWN: usize = 12;

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
    let all: Vec<&WinLossMetrics> = winloss.iter().filter(|w| w.periods.len() >= 2).collect();
    // Lines beyond a dozen cannot be told apart; the table under the chart lists every one.
    let segments: Vec<&WinLossMetrics> = all.iter().take(SHOWN).copied().collect();
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
    let mut caption = l.t_with(
        "cap-winloss-trend",
        vec![("first", periods[0].to_owned().into()), ("last", periods[periods.len() - 1].to_owned().into())],
    );
    if all.len() > SHOWN {
        let more = vec![("count", all.len().into()), ("shown", SHOWN.into())];
        // One sentence: a caption says one thing (and stays short).
        caption = l.t_with("cap-winloss-trend-more", more);
    }
    // A name at every period while they fit, else at every second, third, …
    let every = periods.len().div_ceil(8);
    let x_max = (periods.len() - 1) as f64;
    let at = |period: &str| periods.iter().position(|p| *p == period).unwrap_or(0) as f64;
    // The panels, then a legend line per segment under both, so that long names are read whole.
    let legend_top = 400;
    let height = legend_top + u32::try_from(LINE as usize * segments.len()).unwrap_or(u32::MAX) + 16;
    Some(render(
        "chart-winloss-trend",
        &title,
        &format!("{desc}."),
        &caption,
        (900, height),
        |area: &Area| {
            let (panels_area, legend_area) = area.split_vertically(legend_top);
            let (left, right) = panels_area.split_horizontally(450);
            // A tick at each period's place shows its name; ticks between places show nothing.
            let x_fmt = |v: &f64| {
                let k = v.round();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a whole place ≥ 0
                let name = ((v - k).abs() < 1e-9 && k >= 0.0 && (k as usize) % every == 0)
                    .then(|| periods.get(k as usize))
                    .flatten();
                name.map_or_else(String::new, |p| (*p).to_owned())
            };
            let ratio_fmt = |v: &f64| l.number(*v, 1);
            let share_fmt = |v: &f64| l.percent(*v, 0);
            let x_desc = l.t("chart-winloss-trend-x");
            let panels: [Panel; 2] = [
                (&left, l.t("th-win-loss-ratio"), &ratio_fmt, |p| p.win_loss_ratio),
                (&right, l.t("th-upsell-ratio"), &share_fmt, |p| p.upsell_ratio),
            ];
            for (panel, heading, y_fmt, value) in panels {
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
                    chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))?;
                    chart.draw_series(points.into_iter().map(|p| Circle::new(p, 4, colour.filled())))?;
                }
            }
            for (i, w) in segments.iter().enumerate() {
                let colour = PALETTE[i % PALETTE.len()];
                let y = LINE * i32::try_from(i).unwrap_or(0) + LINE / 2 + 4;
                legend_area.draw(&PathElement::new(vec![(80, y), (112, y)], colour.stroke_width(3)))?;
                legend_area.draw(&Circle::new((96, y), 4, colour.filled()))?;
                let label = clip(&name(&w.segment), chars_in(760));
                legend_area.draw(&Text::new(
                    label,
                    (124, y),
                    font(TEXT).pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
            Ok(())
        },
    ))
}
