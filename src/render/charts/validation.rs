//! Charts of holdout validation, per segment: the tracking plot (cumulative repeat
//! purchases in the holdout, predicted by each model against actual) and the conditional
//! expectations (mean holdout purchases by calibration frequency).

use plotters::prelude::*;

use super::axes::{Axes, cartesian, legend};
use super::{Area, BLUE, Chart, GREEN, GREY, VERMILLION, render};
use crate::analysis::models::{Model, Validation};
use crate::render::locale::Localizer;

/// One colour per purchase model, the same in both charts.
fn colour(model: Model) -> RGBColor {
    match model {
        Model::ParetoNbd => VERMILLION,
        Model::MbgNbd => GREEN,
        _ => BLUE,
    }
}

/// Cumulative repeat purchases by week of the holdout: each model's prediction as a line,
/// what happened as grey dots.
pub fn tracking(segment_id: &str, segment_name: &str, v: &Validation, chosen: Model, l: &Localizer) -> Chart {
    let segment = || segment_name.to_owned().into();
    let title = l.t_with("chart-tracking", vec![("segment", segment())]);
    let actual = v.models.values().next().and_then(|m| m.tracking.last()).map_or(0, |p| p.actual_cumulative);
    let predictions = v
        .models
        .values()
        .map(|m| format!("{} {}", m.model.name(), l.number(m.predicted, 0)))
        .collect::<Vec<_>>()
        .join(", ");
    let weeks = v.holdout_days.div_ceil(7);
    let predicted = v.models.get(&chosen).map_or(0.0, |m| m.predicted);
    #[allow(clippy::cast_precision_loss)] // counts far below 2^53
    let caption = l.t_with(
        "cap-tracking",
        vec![
            ("segment", segment()),
            ("actual", l.number(actual as f64, 0).into()),
            ("model", chosen.name().into()),
            ("predicted", l.number(predicted, 0).into()),
        ],
    );
    let desc = format!("{} {predictions}.", l.t("desc-tracking"));
    render(&format!("chart-tracking-{segment_id}"), &title, &desc, &caption, (900, 400), |area: &Area| {
        #[allow(clippy::cast_precision_loss)]
        let top = v
            .models
            .values()
            .flat_map(|m| m.tracking.iter().map(|p| p.predicted_cumulative.max(p.actual_cumulative as f64)))
            .fold(1.0, f64::max);
        let x_fmt = |x: &f64| l.number(*x, 0);
        let y_fmt = |y: &f64| l.number(*y, 0);
        let (x_desc, y_desc) = (l.t("chart-tracking-x"), l.t("chart-tracking-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 80);
        let mut chart = cartesian(area, &title, (0.0, f64::from(weeks) + 0.5), (0.0, top * 1.05), &axes)?;
        for m in v.models.values() {
            let c = colour(m.model);
            let line = m.tracking.iter().map(|p| (f64::from(p.week), p.predicted_cumulative));
            chart
                .draw_series(LineSeries::new(line, c.stroke_width(3)))?
                .label(m.model.name())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(3)));
        }
        if let Some(m) = v.models.values().next() {
            #[allow(clippy::cast_precision_loss)]
            let dots = m
                .tracking
                .iter()
                .map(|p| Circle::new((f64::from(p.week), p.actual_cumulative as f64), 4, GREY.filled()));
            chart
                .draw_series(dots)?
                .label(l.t("legend-actual"))
                .legend(|(x, y)| Circle::new((x + 8, y), 4, GREY.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// Mean repeat purchases in the holdout by calibration frequency 0, 1, …, 7+: each model's
/// prediction as a line, what happened as grey dots.
pub fn by_frequency(segment_id: &str, segment_name: &str, v: &Validation, l: &Localizer) -> Chart {
    let title = l.t_with("chart-by-frequency", vec![("segment", segment_name.to_owned().into())]);
    let caption = l.t("cap-by-frequency");
    let values = v
        .models
        .values()
        .next()
        .map(|m| {
            m.by_frequency
                .iter()
                .map(|b| format!("{}: {}", bin_label(b.frequency), l.number(b.actual_mean, 2)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let desc = format!("{} {values}.", l.t("desc-by-frequency"));
    render(&format!("chart-by-frequency-{segment_id}"), &title, &desc, &caption, (900, 400), |area: &Area| {
        let top = v
            .models
            .values()
            .flat_map(|m| m.by_frequency.iter().map(|b| b.predicted_mean.max(b.actual_mean)))
            .fold(1.0, f64::max);
        let x_fmt = |x: &f64| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bin = x.round().max(0.0) as u32;
            if (x - x.round()).abs() < 1e-9 { bin_label(bin) } else { String::new() }
        };
        let y_fmt = |y: &f64| l.number(*y, 1);
        let (x_desc, y_desc) = (l.t("chart-by-frequency-x"), l.t("chart-by-frequency-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &x_fmt, &y_fmt, 60);
        let last = f64::from(crate::analysis::models::validation::FREQUENCY_BINS - 1);
        let mut chart = cartesian(area, &title, (-0.5, last + 0.5), (0.0, top * 1.1), &axes)?;
        for m in v.models.values() {
            let c = colour(m.model);
            let line = m
                .by_frequency
                .iter()
                .filter(|b| b.customers > 0)
                .map(|b| (f64::from(b.frequency), b.predicted_mean));
            chart
                .draw_series(LineSeries::new(line, c.stroke_width(3)))?
                .label(m.model.name())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(3)));
        }
        if let Some(m) = v.models.values().next() {
            let dots = m
                .by_frequency
                .iter()
                .filter(|b| b.customers > 0)
                .map(|b| Circle::new((f64::from(b.frequency), b.actual_mean), 5, GREY.filled()));
            chart
                .draw_series(dots)?
                .label(l.t("legend-actual"))
                .legend(|(x, y)| Circle::new((x + 8, y), 4, GREY.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// "0", "1", …, "7+".
fn bin_label(frequency: u32) -> String {
    if frequency + 1 == crate::analysis::models::validation::FREQUENCY_BINS {
        format!("{frequency}+")
    } else {
        frequency.to_string()
    }
}
