//! `uplift check`: validate, summarise, and warn about figures a reviewer would question
//! (the analysis runs for that; `--deny-warnings` makes any warning a failure).
//!
//! A project with its own templates is also rendered, so that what the report policy would
//! refuse at `build` (a `<script>`, a link out) is a problem here already; the built-in
//! templates need no such run.

use std::path::Path;

use super::load;
use crate::diagnostic::plural;
use crate::error::Error;

pub fn run(dir: &Path, options: crate::project::Options, deny_warnings: bool) -> Result<(), Error> {
    let cache = super::cache::Store::open(dir, options.cache);
    let project = load(dir, options, &cache)?;
    // The figures are computed to warn about those a reviewer would question.
    let metrics = super::analyse(&project, &cache);
    if !project.templates.is_empty() {
        let (language, edition) = (project.meta.language, project.story.edition);
        crate::render::report(&project, &metrics, language, edition, None, None, &cache)?;
    }
    let focus = project.segments.iter().filter(|s| s.focus).count();
    let touchpoints = project.journey.as_ref().map_or(0, |j| j.touchpoints.len());
    let n = project.segments.len();
    crate::say!(
        "ok: {} — {n} {} ({focus} in focus), {touchpoints} {}, {} workshop {}, {}{} input files",
        project.meta.title,
        plural(n, "segment", "segments"),
        plural(touchpoints, "touchpoint", "touchpoints"),
        project.workshops.len(),
        plural(project.workshops.len(), "note", "notes"),
        match project.options.len() {
            0 => String::new(),
            k => format!("{k} programme {}, ", plural(k, "option", "options")),
        },
        project.sources.len(),
    );
    if let Some(data) = &project.data {
        let c = &data.coverage;
        crate::say!(
            "data: {} rows, {} customers, {} to {} ({})",
            c.rows,
            c.customers,
            c.first_date,
            c.observation_end,
            c.files.join(", ")
        );
        if let Some(lines) = &c.lines {
            let bad: u64 = c.skipped.iter().map(|s| s.rows).sum();
            let continued = if lines.continuation > 0 {
                format!(" + {} continuation lines of quoted fields", lines.continuation)
            } else {
                String::new()
            };
            crate::say!(
                "lines: {} = {} header + {} rows used + {bad} bad + {} blank{continued}",
                lines.header + lines.body,
                lines.header,
                c.rows,
                lines.blank
            );
        }
        for note in left_out(c) {
            crate::say!("{note}");
        }
    }
    // On standard error: what the project says stays the same whatever the cache held.
    if let Some(line) = cache.summary() {
        crate::warn!("{line}");
    }
    let warnings = project.warnings.len() + metrics.plausibility.len();
    if deny_warnings && warnings > 0 {
        return Err(Error::Tool(format!(
            "{warnings} {} above, and --deny-warnings makes any warning a failure",
            plural(warnings, "warning", "warnings")
        )));
    }
    cache.save();
    Ok(())
}

/// One line per reason something in the data was left out: customers with returns only,
/// and each kind of skipped row, with counts.
pub fn left_out(c: &crate::model::Coverage) -> Vec<String> {
    let customers = (c.customers_returns_only > 0).then(|| {
        format!(
            "left out: {} {} with returns only (no day of purchases)",
            c.customers_returns_only,
            plural(c.customers_returns_only, "customer", "customers")
        )
    });
    let rows = c
        .skipped
        .iter()
        .map(|s| format!("skipped: {} {} ({})", s.rows, plural(s.rows, "row", "rows"), s.reason));
    customers.into_iter().chain(rows).collect()
}
