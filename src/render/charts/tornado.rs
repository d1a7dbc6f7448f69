//! Tornado: how far programme NPV swings as each lever runs from low to high.

use plotters::prelude::*;

use super::axes::{Axes, cartesian, legend, row_label};
use super::{Area, BLUE, Chart, INK, ORANGE, padded, render};
use crate::analysis::TornadoBar;
use crate::model::Driver;
use crate::render::locale::Localizer;

/// Bars shown: the widest swings.
const SHOWN: usize = 10;

#[allow(clippy::cast_precision_loss)]
pub fn tornado(
    bars: &[TornadoBar],
    likely_npv: f64,
    segment_name: &dyn Fn(&str) -> String,
    lever_name: &dyn Fn(&str, Driver) -> String,
    l: &Localizer,
) -> Chart {
    let shown = &bars[..bars.len().min(SHOWN)];
    let label = |b: &TornadoBar| format!("{}: {}", segment_name(&b.segment), lever_name(&b.segment, b.lever));
    let desc = shown
        .iter()
        .map(|b| {
            let args = vec![
                ("lever", label(b).into()),
                ("low", l.money_short(b.npv_low).into()),
                ("high", l.money_short(b.npv_high).into()),
            ];
            l.t_with("desc-tornado-item", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = l.t("chart-tornado");
    let height = u32::try_from(150 + 50 * shown.len().max(1)).unwrap_or(u32::MAX);
    let caption = shown.first().map_or_else(String::new, |b| {
        l.t_with(
            "cap-tornado",
            vec![
                ("lever", mid_sentence(&lever_name(&b.segment, b.lever)).into()),
                ("segment", segment_name(&b.segment).into()),
                ("low", l.money_short(b.npv_low).into()),
                ("high", l.money_short(b.npv_high).into()),
            ],
        )
    });
    render("chart-tornado", &title, &desc, &caption, (900, height), |area: &Area| {
        let lo = shown.iter().map(|b| b.npv_low.min(b.npv_high)).fold(likely_npv, f64::min);
        let hi = shown.iter().map(|b| b.npv_low.max(b.npv_high)).fold(likely_npv, f64::max);
        let (lo, hi) = padded(lo, hi);
        let x_fmt = |v: &f64| l.money_short(*v);
        let x_desc = l.t_with("chart-npv-x", vec![("currency", l.currency().into())]);
        let axes = Axes::rows(&x_desc, &x_fmt);
        let rows = shown.len().max(1) as f64;
        let mut chart = cartesian(area, &title, (lo, hi), (rows, 0.0), &axes)?;
        for (i, b) in shown.iter().enumerate() {
            let y = i as f64;
            chart.draw_series([
                Rectangle::new(
                    [(b.npv_low.min(likely_npv), y + 0.2), (likely_npv, y + 0.8)],
                    ORANGE.filled(),
                ),
                Rectangle::new([(likely_npv, y + 0.2), (b.npv_high.max(likely_npv), y + 0.8)], BLUE.filled()),
            ])?;
            let (px, py) = chart.backend_coord(&(lo, y + 0.5));
            row_label(area, (px, py - 7), &label(b))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(likely_npv, 0.0), (likely_npv, rows)],
            INK.stroke_width(2),
        )))?;
        for (name, colour) in [(l.t("th-low"), ORANGE), (l.t("th-high"), BLUE)] {
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

/// A lever's name inside a sentence: "Retention" becomes "retention"; a name that starts
/// with an abbreviation ("NPS") stays as it is.
fn mid_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::mid_sentence;

    #[test]
    fn a_lever_name_is_lower_cased_inside_a_sentence_unless_it_starts_with_an_abbreviation() {
        assert_eq!(mid_sentence("Retention"), "retention");
        assert_eq!(mid_sentence("Købsfrekvens"), "købsfrekvens");
        assert_eq!(mid_sentence("NPS"), "NPS");
        assert_eq!(mid_sentence(""), "");
    }
}
