//! Charts and tables for the slide deck (`build --assets DIR`): every chart as SVG and PNG, every
//! table as CSV in the report language's conventions, and all tables in one workbook.
//!
//! The tables carry numbers, not the report's formatted text: a consultant pastes them into
//! a chart or a slide table and formats them there. Each is built from the same metrics
//! as the report, so the figures agree to the last digit shown.

mod csv;
mod png;
mod tables;
mod workbook;

pub use tables::{Cell, Column, Kind, Table};

use crate::analysis::Metrics;
use crate::error::Error;
use crate::model::{Edition, Project};
use crate::render::locale::{Language, Localizer};
use crate::render::view;

/// Every asset of the report of `project` in `language`: file name and bytes, in a fixed
/// order — the charts (`.png` at twice the size, and `.svg`), the tables (`.csv`) and `tables.xlsx`.
pub fn assets(
    project: &Project,
    metrics: &Metrics,
    language: Language,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let l = Localizer::new(language, &project.meta.currency);
    let extras = view::Extras { logo: None, since: None, edition: Edition::Full };
    let report = view::build(project, metrics, extras, &l);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for chart in charts(&report) {
        let name = file_name(&chart.id);
        let svg = standalone(&chart.svg);
        files.push((format!("{name}.png"), png::render(&svg)?));
        files.push((format!("{name}.svg"), svg));
    }
    let tables = tables::all(project, metrics, &l);
    for table in &tables {
        files.push((format!("{}.csv", table.file), csv::write(table, language).into_bytes()));
    }
    files.push(("tables.xlsx".to_owned(), workbook::write(&tables, project.meta.date)?));
    Ok(files)
}

/// Every chart of the full report, in the report's order.
fn charts(r: &view::Report) -> Vec<&crate::render::charts::Chart> {
    let mut out: Vec<&crate::render::charts::Chart> = Vec::new();
    out.extend(&r.business_case.timeline);
    out.push(&r.economics.acquisition);
    if let Some(d) = &r.data {
        out.extend(&d.charts.cohorts);
        out.extend(&d.charts.p_alive);
        out.extend(d.validation.iter().flat_map(|v| [&v.tracking, &v.by_frequency]));
        out.extend(&d.charts.tenure);
        out.extend(d.loyalty_path.iter().flat_map(|p| &p.charts));
    }
    let v = &r.value;
    out.extend([&v.clv_scenarios, &v.bridge, &v.payback, &v.npv, &v.tornado]);
    if let Some(j) = &r.journey {
        out.extend(&j.ipa);
        out.extend(&j.resources);
        out.extend(j.markets.as_ref().map(|m| &m.ipa));
    }
    out.extend(r.initiatives.as_ref().map(|i| &i.chart));
    if let Some(w) = &r.winloss_jobs {
        out.extend(&w.pareto);
        out.extend(&w.trend);
        out.extend(&w.jobs_chart);
    }
    out
}

/// The file name a chart is saved under: what it shows, in English, so that the names stay
/// the same whatever the report's language.
pub fn file_name(chart_id: &str) -> String {
    let id = chart_id.strip_prefix("chart-").unwrap_or(chart_id);
    let named = [
        ("timeline", "programme-timeline"),
        ("acquisition", "acquisition-against-loyalty"),
        ("p-alive", "probability-still-active"),
        ("tenure", "retention-by-tenure"),
        ("clv-scenarios", "clv-by-scenario"),
        ("bridge", "value-bridge"),
        ("payback", "payback"),
        ("npv-distribution", "npv-distribution"),
        ("tornado", "npv-tornado"),
        ("ipa", "importance-performance"),
        ("resources", "resources-against-importance"),
        ("ipa-markets", "importance-performance-by-market"),
        ("initiatives", "initiatives-value-against-cost"),
        ("loss-pareto", "loss-reasons"),
        ("winloss-trend", "win-loss-and-upsell-over-time"),
        ("jobs", "jobs-opportunity-landscape"),
    ];
    if let Some((_, name)) = named.iter().find(|(from, _)| *from == id) {
        return (*name).to_owned();
    }
    // One chart per segment: the segment's id cut to 60 characters, so the name stays
    // within every file system's limit.
    let per_segment = [
        ("cohorts-", "cohort-retention-"),
        ("loyalty-path-", "loyalty-path-"),
        ("tracking-", "holdout-tracking-"),
        ("by-frequency-", "holdout-by-frequency-"),
    ];
    per_segment
        .iter()
        .find_map(|(from, to)| {
            id.strip_prefix(from)
                .map(|segment| format!("{to}{}", segment.chars().take(60).collect::<String>()))
        })
        .unwrap_or_else(|| id.chars().take(80).collect())
}

/// A chart's inline SVG as a file a slide program opens: with its XML declaration, and a
/// size in pixels (inline, it takes the width of its container).
fn standalone(svg: &str) -> Vec<u8> {
    let sized = match viewbox_size(svg) {
        Some((w, h)) => svg.replacen("<svg ", &format!("<svg width=\"{w}\" height=\"{h}\" "), 1),
        None => svg.to_owned(),
    };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{sized}\n").into_bytes()
}

/// The width and height of the first `viewBox="0 0 W H"`.
fn viewbox_size(svg: &str) -> Option<(&str, &str)> {
    let start = svg.find("viewBox=\"0 0 ")? + "viewBox=\"0 0 ".len();
    let rest = &svg[start..];
    let end = rest.find('"')?;
    rest[..end].split_once(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_files_are_named_for_what_they_show() {
        assert_eq!(file_name("chart-bridge"), "value-bridge");
        assert_eq!(file_name("chart-cohorts-installers"), "cohort-retention-installers");
        assert_eq!(file_name("chart-loss-pareto"), "loss-reasons");
    }

    #[test]
    fn a_standalone_chart_has_its_size_and_declaration() {
        let svg = standalone(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 900 400\" class=\"chart\"></svg>",
        );
        let text = String::from_utf8(svg).unwrap();
        assert!(text.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg width=\"900\" height=\"400\" xmlns="
        ));
    }
}
