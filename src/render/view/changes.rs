//! "What changed since REV": the diff of two project versions, ready to print.

use serde::Serialize;

use crate::analysis::diff::{Diff, Kind};
use crate::model::Project;
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

pub fn build(diff: &Diff, revision: &str, project: &Project, l: &Localizer) -> ChangesView {
    let segment_name = |id: &str| {
        project.segments.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let dash = || "–".to_owned();
    let inputs = diff
        .inputs
        .iter()
        .map(|c| ChangeRow {
            name: format!("{}: {}", c.file, c.field),
            before: value(l, c.kind, c.old),
            after: value(l, c.kind, c.new),
            change: moved(l, c.kind, c.new - c.old, (c.old != 0.0).then(|| c.new / c.old - 1.0)),
        })
        .chain(diff.added.iter().map(|e| ChangeRow {
            name: format!("{}: {}", e.file, e.id),
            before: dash(),
            after: l.t("changes-added"),
            change: dash(),
        }))
        .chain(diff.removed.iter().map(|e| ChangeRow {
            name: format!("{}: {}", e.file, e.id),
            before: l.t("changes-removed"),
            after: dash(),
            change: dash(),
        }))
        .collect();
    let figures = diff
        .figures
        .iter()
        .map(|f| {
            let name = l.t_with(
                &format!("change-fig-{}", f.figure),
                vec![("segment", segment_name(f.segment.as_deref().unwrap_or_default()).into())],
            );
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
            change: r.entry.clone(),
        })
        .collect();
    ChangesView { revision: revision.to_owned(), inputs, figures, rankings }
}
