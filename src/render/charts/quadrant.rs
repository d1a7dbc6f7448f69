//! Importance–performance quadrant: every touchpoint, numbered as in the gap list.
//!
//! Scores are small whole numbers, so many touchpoints share a point: they are
//! drawn once, sized by how many share it, and labelled with all their numbers.

use std::collections::{BTreeMap, HashMap};

use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{Axes, Plot, cartesian};
use super::{
    Area, BLUE, Chart, DrawResult, GREY, GREY_TEXT, LINE, TEXT, VERMILLION, draw_lines, font, render,
};
use crate::analysis::{Quadrant, TouchpointAnalysis, TouchpointGap};
use crate::render::labels::quadrant_name;
use crate::render::locale::Localizer;

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
pub fn importance_performance(t: &TouchpointAnalysis, l: &Localizer) -> Chart {
    let title = l.t("chart-ipa");
    let desc = l.t_with(
        "desc-ipa",
        vec![
            ("count", t.ranked.len().into()),
            ("importance", l.number(t.mean_importance, 2).into()),
            ("performance", l.number(t.mean_performance, 2).into()),
        ],
    );
    let concentrate = t.ranked.iter().filter(|g| g.quadrant == Quadrant::ConcentrateHere).count();
    let caption = l.t_with("cap-ipa", vec![("count", concentrate.into()), ("total", t.ranked.len().into())]);
    render("chart-ipa", &title, &desc, &caption, (900, 600), |area: &Area| {
        let fmt = |v: &f64| if (v.fract()).abs() < 1e-9 { format!("{v:.0}") } else { String::new() };
        let (x_desc, y_desc) = (l.t("chart-ipa-x"), l.t("chart-ipa-y"));
        let axes = Axes::numbered(&x_desc, &y_desc, &fmt, &fmt, 60);
        let mut chart = cartesian(area, &title, (0.5, 5.5), (0.5, 5.5), &axes)?;
        let (mx, my) = (t.mean_performance, t.mean_importance);
        chart.draw_series([
            PathElement::new(vec![(mx, 0.5), (mx, 5.5)], GREY.stroke_width(2)),
            PathElement::new(vec![(0.5, my), (5.5, my)], GREY.stroke_width(2)),
        ])?;
        for (text, x, y) in [
            (quadrant_name(l, crate::analysis::Quadrant::ConcentrateHere), 0.6, 5.4),
            (quadrant_name(l, crate::analysis::Quadrant::KeepUpTheGoodWork), mx + 0.1, 5.4),
            (quadrant_name(l, crate::analysis::Quadrant::LowPriority), 0.6, 0.75),
            (quadrant_name(l, crate::analysis::Quadrant::PossibleOverkill), mx + 0.1, 0.75),
        ] {
            let (px, py) = chart.backend_coord(&(x, y));
            area.draw(&Text::new(text, (px, py), font(TEXT + 1).color(&GREY_TEXT)))?;
        }
        let numbers: Vec<usize> = (1..=t.ranked.len()).collect();
        points(area, &chart, &t.ranked, &numbers, 3)?;
        // The key sits under the plot, left of the axis description, where no point or
        // quadrant name can be.
        let (_, h) = area.dim_in_pixel();
        let (lx, ly) = (24, i32::try_from(h).unwrap_or(400) - 20);
        area.draw(&Circle::new((lx, ly), 6, VERMILLION.filled()))?;
        area.draw(&Text::new(l.t("chart-not-present"), (lx + 10, ly - 7), font(TEXT)))?;
        Ok(())
    })
}

/// The quadrant of each market side by side, two to a row: every touchpoint numbered as in
/// the overall gap list (`overall`), the cross-hairs at that market's means.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn importance_performance_by_market(
    overall: &TouchpointAnalysis,
    markets: &[(String, &TouchpointAnalysis)],
    l: &Localizer,
) -> Chart {
    let title = l.t("chart-ipa-markets");
    // Each touchpoint's number in the overall gap list, by id.
    let numbers: HashMap<&str, usize> =
        overall.ranked.iter().enumerate().map(|(i, g)| (g.id.as_str(), i + 1)).collect();
    let number_in = |id: &str| numbers.get(id).copied().unwrap_or(0);
    let desc = markets
        .iter()
        .map(|(name, t)| {
            let concentrate: Vec<String> = t
                .ranked
                .iter()
                .filter(|g| g.quadrant == Quadrant::ConcentrateHere)
                .map(|g| number_in(&g.id).to_string())
                .collect();
            l.t_with(
                "desc-ipa-market",
                vec![
                    ("market", name.clone().into()),
                    ("importance", l.number(t.mean_importance, 2).into()),
                    ("performance", l.number(t.mean_performance, 2).into()),
                    ("numbers", concentrate.join(", ").into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let caption = l.t("cap-ipa-markets");
    let rows = markets.len().div_ceil(2).max(1) as u32;
    let (panel_w, panel_h, head) = (450, 440, 44);
    render("chart-ipa-markets", &title, &desc, &caption, (900, head + rows * panel_h), |area: &Area| {
        let style = font(super::title_size(&title)).pos(Pos::new(HPos::Center, VPos::Top));
        area.draw(&Text::new(title.clone(), (450, 8), style))?;
        let fmt = |v: &f64| if (v.fract()).abs() < 1e-9 { format!("{v:.0}") } else { String::new() };
        let (x_desc, y_desc) = (l.t("chart-ipa-markets-x"), l.t("chart-ipa-markets-y"));
        for (k, (name, t)) in markets.iter().enumerate() {
            let (col, row) = ((k % 2) as u32, (k / 2) as u32);
            let panel = area.clone().shrink((col * panel_w, head + row * panel_h), (panel_w, panel_h));
            let axes = Axes::numbered(&x_desc, &y_desc, &fmt, &fmt, 30);
            let mut chart = cartesian(&panel, name, (0.5, 5.5), (0.5, 5.5), &axes)?;
            let (mx, my) = (t.mean_performance, t.mean_importance);
            chart.draw_series([
                PathElement::new(vec![(mx, 0.5), (mx, 5.5)], GREY.stroke_width(2)),
                PathElement::new(vec![(0.5, my), (5.5, my)], GREY.stroke_width(2)),
            ])?;
            let numbers: Vec<usize> = t.ranked.iter().map(|g| number_in(&g.id)).collect();
            // The chart's coordinates are the whole drawing's: points go on it, not the panel.
            points(area, &chart, &t.ranked, &numbers, 3)?;
        }
        Ok(())
    })
}

/// Every touchpoint of `ranked` as a point, those sharing a point drawn once, sized by how
/// many share it and labelled with all their `numbers`, `per_line` to a line; vermillion
/// where none is present.
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
fn points(
    area: &Area,
    chart: &Plot,
    ranked: &[TouchpointGap],
    numbers: &[usize],
    per_line: usize,
) -> DrawResult {
    let mut groups: BTreeMap<(i64, i64), Vec<(usize, bool)>> = BTreeMap::new();
    for (tp, number) in ranked.iter().zip(numbers) {
        let key = ((tp.performance * 100.0).round() as i64, (tp.importance * 100.0).round() as i64);
        groups.entry(key).or_default().push((*number, tp.present));
    }
    for ((px100, py100), members) in &mut groups {
        members.sort_unstable();
        let (x, y) = (*px100 as f64 / 100.0, *py100 as f64 / 100.0);
        let absent = members.iter().all(|(_, present)| !present);
        let colour = if absent { VERMILLION } else { BLUE };
        let radius = 5 + 2 * i32::try_from(members.len().min(6)).unwrap_or(6);
        area.draw(&Circle::new(chart.backend_coord(&(x, y)), radius, colour.filled()))?;
        let labels: Vec<String> = members.iter().map(|(n, _)| n.to_string()).collect();
        // `per_line` numbers a line, two lines at most ("+N" for the rest), so a crowded
        // point's list does not run into the next.
        let mut lines: Vec<String> = labels.chunks(per_line).map(|c| c.join(", ")).collect();
        if lines.len() > 2 {
            lines.truncate(2);
            lines[1] = format!("{} +{}", lines[1], labels.len() - 2 * per_line);
        }
        let (cx, cy) = chart.backend_coord(&(x, y));
        draw_lines(area, &lines, (cx + radius + 4, cy - 8), &font(TEXT), LINE)?;
    }
    Ok(())
}
