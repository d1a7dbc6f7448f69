//! "What changed since REV": the diff of two project versions, ready to print.

use serde::Serialize;

use crate::analysis::diff::{Diff, Entry, InputChange, Kind, RankChange};
use crate::model::{Driver, Project};
use crate::render::labels::problem_name;
use crate::render::locale::Localizer;

#[derive(Clone, Debug, Serialize)]
pub struct ChangeRow {
    pub name: String,
    pub before: String,
    pub after: String,
    pub change: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangesView {
    pub revision: String,
    pub inputs: Vec<ChangeRow>,
    pub figures: Vec<ChangeRow>,
    pub rankings: Vec<ChangeRow>,
}

fn value(l: &Localizer, kind: Kind, x: f64) -> String {
    match kind {
        Kind::Rate => l.percent(x, 1),
        Kind::Money => l.money(x),
        Kind::Number | Kind::Months => l.exact(x, 2),
    }
}

fn moved(l: &Localizer, kind: Kind, change: f64, relative: Option<f64>) -> String {
    let sign = if change > 0.0 { "+" } else { "" };
    let absolute = match kind {
        Kind::Rate => l.change(change, true),
        _ => format!("{sign}{}", value(l, kind, change)),
    };
    match (kind, relative) {
        (Kind::Rate, _) | (_, None) => absolute,
        (_, Some(r)) => format!("{absolute} ({})", l.change(r, false)),
    }
}

/// The names a reader knows the project's entries by: a segment's, touchpoint's, job's or
/// option's name for its id, as the current version has it (an entry removed since keeps
/// its id, the only name left of it).
struct Names<'a>(&'a Project);

impl Names<'_> {
    fn segment(&self, id: &str) -> String {
        crate::render::labels::segment_name(self.0, id)
    }

    fn touchpoint(&self, id: &str) -> String {
        let touchpoints = self.0.journey.iter().flat_map(|j| &j.touchpoints);
        touchpoints.into_iter().find(|t| t.id == id).map_or_else(|| id.to_owned(), |t| t.name.clone())
    }

    fn job(&self, id: &str) -> String {
        let jobs = self.0.jobs.iter().flatten();
        jobs.into_iter().find(|j| j.id == id).map_or_else(|| id.to_owned(), |j| j.statement.clone())
    }

    fn option(&self, id: &str) -> String {
        self.0.options.iter().find(|o| o.id == id).map_or_else(|| id.to_owned(), |o| o.name.clone())
    }

    fn initiative(&self, id: &str) -> String {
        let initiatives = self.0.journey.iter().flat_map(|j| &j.initiatives);
        initiatives.into_iter().find(|i| i.id == id).map_or_else(|| id.to_owned(), |i| i.name.clone())
    }

    /// An entry of `list` by its id.
    fn entry(&self, list: &str, id: &str) -> String {
        match list {
            "segments" => self.segment(id),
            "touchpoints" => self.touchpoint(id),
            "initiatives" => self.initiative(id),
            "jobs" => self.job(id),
            "options" => self.option(id),
            _ => id.to_owned(),
        }
    }
}

/// What the report calls a changed input: "Danish installers: Retention lever (likely)",
/// "Discount rate" — never a field path.
fn input_name(c: &InputChange, names: &Names, l: &Localizer) -> String {
    let field = field_name(&c.key, names, l);
    match (c.list, c.entry.as_deref()) {
        (Some(list), Some(id)) => format!("{}: {field}", names.entry(list, id)),
        _ => field,
    }
}

fn field_name(key: &str, names: &Names, l: &Localizer) -> String {
    let lever = |k: &str| l.t(&format!("lever-{k}"));
    let is_driver =
        |k: &str| Driver::ALL.iter().any(|d| d.key() == k) || k == "monthly_price" || k == "monthly_churn";
    // A segment id or a market's name may hold dots: the field is what follows the last one.
    if let Some((segment, driver)) = key.strip_prefix("delivers.").and_then(|rest| rest.rsplit_once('.')) {
        return l.t_with(
            "change-field-share",
            vec![("lever", lever(driver).into()), ("segment", names.segment(segment).into())],
        );
    }
    if let Some((market, field)) = key.strip_prefix("by_market.").and_then(|rest| rest.rsplit_once('.')) {
        return l.t_with(
            "change-field-market",
            vec![("market", market.into()), ("field", l.t(&format!("change-field-{field}")).into())],
        );
    }
    match key.split('.').collect::<Vec<_>>().as_slice() {
        ["levers", driver, scenario] if is_driver(driver) => l.t_with(
            "change-field-lever",
            vec![
                ("lever", lever(driver).into()),
                ("scenario", l.t(&format!("th-{scenario}")).to_lowercase().into()),
            ],
        ),
        [driver] if is_driver(driver) => lever(driver),
        _ => {
            let id = match key {
                "investment (total one-off)" => "investment-one-off",
                "investment (total annual)" => "investment-annual",
                other => other,
            };
            l.t(&format!("change-field-{}", id.replace('.', "-")))
        }
    }
}

/// An added or removed segment, touchpoint or job: "Touchpoint: Structured welcome process".
fn entry_name(e: &Entry, names: &Names, l: &Localizer) -> String {
    let kind = l.t(&format!("change-entry-{}", e.list));
    format!("{kind}: {}", names.entry(e.list, &e.id))
}

/// A ranked entry by its name: "Danish installers: Few purchases", a touchpoint, a job.
fn ranked_name(r: &RankChange, names: &Names, l: &Localizer) -> String {
    match r.ranking {
        "problem_areas" => r.entry.split_once(" / ").map_or_else(
            || r.entry.clone(),
            |(segment, driver)| {
                let problem = Driver::ALL.into_iter().find(|d| d.key() == driver);
                let problem = problem.map_or_else(|| driver.to_owned(), |d| problem_name(l, d));
                format!("{}: {problem}", names.segment(segment))
            },
        ),
        "touchpoint_gaps" => names.touchpoint(&r.entry),
        "jobs" => names.job(&r.entry),
        _ => r.entry.clone(),
    }
}

pub fn build(diff: &Diff, revision: &str, project: &Project, l: &Localizer) -> ChangesView {
    let names = Names(project);
    let dash = || "–".to_owned();
    let inputs = diff
        .inputs
        .iter()
        .map(|c| ChangeRow {
            name: input_name(c, &names, l),
            before: value(l, c.kind, c.old),
            after: value(l, c.kind, c.new),
            change: moved(l, c.kind, c.new - c.old, (c.old != 0.0).then(|| c.new / c.old - 1.0)),
        })
        .chain(diff.added.iter().map(|e| ChangeRow {
            name: entry_name(e, &names, l),
            before: dash(),
            after: l.t("changes-added"),
            change: dash(),
        }))
        .chain(diff.removed.iter().map(|e| ChangeRow {
            name: entry_name(e, &names, l),
            before: l.t("changes-removed"),
            after: dash(),
            change: dash(),
        }))
        .collect();
    let figures = diff
        .figures
        .iter()
        .map(|f| {
            let id = f.segment.as_deref().unwrap_or_default();
            let entry = if f.figure == "option_npv" { names.option(id) } else { names.segment(id) };
            let name = l.t_with(&format!("change-fig-{}", f.figure), vec![("segment", entry.into())]);
            let show = |x: Option<f64>| x.map_or_else(dash, |v| value(l, f.kind, v));
            ChangeRow {
                name,
                before: show(f.old),
                after: show(f.new),
                change: f.change.map_or_else(dash, |c| moved(l, f.kind, c, f.relative)),
            }
        })
        .collect();
    let rank = |r: Option<usize>| r.map_or_else(dash, |n| format!("#{n}"));
    let rankings = diff
        .rankings
        .iter()
        .map(|r| ChangeRow {
            name: l.t(&format!("change-ranking-{}", r.ranking)),
            before: rank(r.old_rank),
            after: rank(r.new_rank),
            change: ranked_name(r, &names, l),
        })
        .collect();
    ChangesView { revision: revision.to_owned(), inputs, figures, rankings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{drivers, project, segment};
    use crate::model::{Language, PerDriver};

    /// A market's name and a segment id may hold dots: the field is what follows the last.
    #[test]
    fn dotted_market_and_segment_names_keep_their_dots() {
        let seg = segment("dk.installers", 10.0, drivers(1.0, 100.0, 0.5, 0.5), PerDriver::default(), true);
        let p = project(vec![seg], vec![], 2, 0.0);
        let l = Localizer::new(Language::En, "DKK");
        let names = Names(&p);
        assert_eq!(field_name("by_market.St. Gallen.importance", &names, &l), "St. Gallen: Importance");
        assert_eq!(
            field_name("delivers.dk.installers.retention_rate", &names, &l),
            format!("Share of the {} lever in {}", l.t("lever-retention_rate"), p.segments[0].name)
        );
    }
}
