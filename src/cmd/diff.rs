//! `uplift diff`: what changed between two versions of a project, and by how much.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::load;
use crate::analysis::diff::{Diff, Kind, diff};
use crate::analysis::{Metrics, analyse};
use crate::cli::Format;
use crate::error::Error;
use crate::model::{Language, Project};
use crate::project::history::{self, HistoryError};
use crate::render::Localizer;

/// What the user asked to compare.
pub struct Request {
    pub from: Option<String>,
    pub to: Option<String>,
    pub dir: Option<PathBuf>,
    pub format: Format,
}

#[derive(Serialize)]
struct Labelled<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(flatten)]
    diff: &'a Diff,
}

pub fn run(request: Request) -> Result<(), Error> {
    let (from, to, dir) = resolve(request.from, request.to, request.dir);
    let (old, old_metrics) = at_revision(&dir, &from)?;
    let (new, new_metrics, to_label) = if let Some(rev) = &to {
        let (p, m) = at_revision(&dir, rev)?;
        (p, m, history::short(&dir, rev))
    } else {
        let cache = super::cache::Store::none();
        let p = load(&dir, crate::project::Options::default(), &cache)?;
        let m = analyse(&p);
        (p, m, "the working tree".to_owned())
    };
    let changes = diff(&old, &old_metrics, &new, &new_metrics);
    let from_label = history::short(&dir, &from);
    let text = match request.format {
        Format::Json => {
            let labelled = Labelled { from: &from_label, to: &to_label, diff: &changes };
            let mut json = serde_json::to_string_pretty(&labelled).map_err(|e| Error::Tool(e.to_string()))?;
            json.push('\n');
            json
        }
        Format::Text => table(&changes, &from_label, &to_label, &new.meta.currency),
    };
    std::io::stdout()
        .lock()
        .write_all(crate::terminal::escape(&text).as_bytes())
        .map_err(Error::io("write", "standard output"))
}

/// The changes from `rev` to the loaded `project` (the working tree), with `rev`'s short label.
pub fn since(dir: &Path, rev: &str, project: &Project, metrics: &Metrics) -> Result<(Diff, String), Error> {
    let (old, old_metrics) = at_revision(dir, rev)?;
    Ok((diff(&old, &old_metrics, project, metrics), history::short(dir, rev)))
}

/// `[REV_A] [REV_B] [DIR]` with the folder allowed in any free position: an argument
/// that names an existing folder (and no revision is needed there) is the folder.
fn resolve(a: Option<String>, b: Option<String>, dir: Option<PathBuf>) -> (String, Option<String>, PathBuf) {
    let is_dir = |s: &Option<String>| s.as_deref().is_some_and(|s| Path::new(s).is_dir());
    match (a, b, dir) {
        (a, b, Some(dir)) => (a.unwrap_or_else(|| "HEAD".into()), b, dir),
        (Some(a), None, None) if is_dir(&Some(a.clone())) => ("HEAD".into(), None, PathBuf::from(a)),
        (a, Some(b), None) if is_dir(&Some(b.clone())) => {
            (a.unwrap_or_else(|| "HEAD".into()), None, PathBuf::from(b))
        }
        (a, b, None) => (a.unwrap_or_else(|| "HEAD".into()), b, PathBuf::from(".")),
    }
}

/// The project and its figures as they were at `rev`, read from git history.
fn at_revision(dir: &Path, rev: &str) -> Result<(Project, Metrics), Error> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("the project folder {} does not exist", dir.display())));
    }
    // A private scratch folder (mode 0700, random name), removed on every way out.
    let (_pending, scratch) = crate::interrupt::create(
        || tempfile::Builder::new().prefix("uplift-diff-").tempdir(),
        tempfile::TempDir::path,
    )
    .map_err(Error::io("create", "a scratch folder"))?;
    let exported = history::export(dir, rev, scratch.path());
    let loaded = exported.map(|()| crate::project::load(scratch.path()));
    drop(scratch);
    match loaded {
        Ok(Ok(project)) => {
            let metrics = analyse(&project);
            Ok((project, metrics))
        }
        // The revision is given correctly but its project is invalid input (exit 1).
        Ok(Err(invalid)) => Err(Error::Tool(format!(
            "the project at `{rev}` is invalid ({} {}); run `git stash` or check it out to fix it:\n{}",
            invalid.diagnostics.len(),
            crate::diagnostic::plural(invalid.diagnostics.len(), "problem", "problems"),
            invalid.render().trim_end()
        ))),
        Err(e @ (HistoryError::UnknownRevision(_) | HistoryError::NoProject(_))) => {
            Err(Error::Usage(e.to_string()))
        }
        Err(e) => Err(Error::Tool(e.to_string())),
    }
}

/// The readable table: inputs, added and removed entries, figures, rankings.
fn table(d: &Diff, from: &str, to: &str, currency: &str) -> String {
    let l = Localizer::new(Language::En, currency);
    let show = |kind: Kind, x: f64| match kind {
        Kind::Rate => l.percent(x, 1),
        Kind::Money => l.money_short(x),
        Kind::Number => l.exact(x, 4),
        Kind::Months => format!("{} months", l.number(x, 1)),
    };
    let change = |kind: Kind, x: f64| {
        let sign = if x > 0.0 { "+" } else { "" };
        match kind {
            Kind::Rate => format!("{sign}{} pts", l.number(x * 100.0, 1)),
            _ => format!("{sign}{}", show(kind, x)),
        }
    };
    let mut out = format!("What changed from {from} to {to}\n");
    if d.is_empty() {
        out.push_str("\nNothing: the inputs and every figure are the same.\n");
        return out;
    }
    if !d.inputs.is_empty() || !d.added.is_empty() || !d.removed.is_empty() {
        let rows: Vec<[String; 3]> = d
            .inputs
            .iter()
            .map(|c| [format!("{}: {}", c.file, c.field), show(c.kind, c.old), show(c.kind, c.new)])
            .chain(d.added.iter().map(|e| [e.label(), "–".into(), "added".into()]))
            .chain(d.removed.iter().map(|e| [e.label(), "removed".into(), "–".into()]))
            .collect();
        out.push_str("\nInputs\n");
        columns(&mut out, &["input", "before", "after"], &rows);
    }
    if !d.figures.is_empty() {
        let rows: Vec<[String; 4]> = d
            .figures
            .iter()
            .map(|f| {
                let or_dash = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |v| show(f.kind, v));
                let moved = match (f.change, f.relative) {
                    (Some(c), Some(r)) if f.kind != Kind::Rate => {
                        format!("{} ({})", change(f.kind, c), l.percent(r, 1))
                    }
                    (Some(c), _) => change(f.kind, c),
                    _ => "–".to_owned(),
                };
                [figure_name(f.figure, f.segment.as_deref()), or_dash(f.old), or_dash(f.new), moved]
            })
            .collect();
        out.push_str("\nFigures\n");
        columns(&mut out, &["figure", "before", "after", "change"], &rows);
    }
    if !d.rankings.is_empty() {
        let rank = |r: Option<usize>| r.map_or_else(|| "–".to_owned(), |n| format!("#{n}"));
        let rows: Vec<[String; 4]> = d
            .rankings
            .iter()
            .map(|r| [r.ranking.to_owned(), r.entry.clone(), rank(r.old_rank), rank(r.new_rank)])
            .collect();
        out.push_str("\nRankings\n");
        columns(&mut out, &["ranking", "entry", "before", "after"], &rows);
    }
    out
}

/// The English name of a figure in the terminal table.
fn figure_name(key: &str, segment: Option<&str>) -> String {
    let segment = segment.unwrap_or_default();
    match key {
        "programme_uplift" => "programme uplift (likely)".to_owned(),
        "npv" => "NPV (likely)".to_owned(),
        "roi" => "ROI (likely)".to_owned(),
        "payback_months" => "payback (likely)".to_owned(),
        "probability_reaching_target" => "chance of reaching the target".to_owned(),
        "segment_clv" => format!("CLV {segment}"),
        "segment_uplift" => format!("uplift {segment} (likely)"),
        "integration_value_at_stake" => format!("low product integration at stake, {segment}"),
        "option_npv" => format!("NPV option {segment} (likely)"),
        other => other.to_owned(),
    }
}

/// Left-aligned columns, two spaces apart, with a header.
fn columns<const N: usize>(out: &mut String, header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> =
            cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}", w = *w)).collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(header.to_vec()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
}
