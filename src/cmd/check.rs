//! `uplift check`: validate and summarise.

use std::path::Path;

use super::load;
use crate::error::{Error, plural};

pub fn run(dir: &Path, options: crate::project::Options) -> Result<(), Error> {
    let project = load(dir, options)?;
    let focus = project.segments.iter().filter(|s| s.focus).count();
    let touchpoints = project.journey.as_ref().map_or(0, |j| j.touchpoints.len());
    let n = project.segments.len();
    crate::say!(
        "ok: {} — {n} {} ({focus} in focus), {touchpoints} {}, {} workshop {}, {} input files",
        project.meta.title,
        plural(n, "segment", "segments"),
        plural(touchpoints, "touchpoint", "touchpoints"),
        project.workshops.len(),
        plural(project.workshops.len(), "note", "notes"),
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
        if c.customers_returns_only > 0 {
            crate::say!(
                "left out: {} {} with returns only (no day of purchases)",
                c.customers_returns_only,
                plural(c.customers_returns_only, "customer", "customers")
            );
        }
        for skipped in &c.skipped {
            crate::say!(
                "skipped: {} {} ({})",
                skipped.rows,
                plural(skipped.rows, "row", "rows"),
                skipped.reason
            );
        }
    }
    Ok(())
}
