//! The budgets a project folder must stay within, checked once it is read.
//!
//! A project folder may come from someone else, and `uplift` promises that every command
//! on a valid project finishes within 10 seconds and 1 GB on a 2-core machine
//! (docs/security.md). Each figure below is the largest size measured to keep that
//! promise with room to spare (`scripts/budget.sh` measures a project at every limit,
//! and the commands that read it twice; docs/security.md has the figures). A project beyond one is
//! refused up front with the limit named, before any analysis or rendering starts.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::plural;
use crate::model::{Driver, Estimate, PerDriver, Project};

/// Segments in segments.yaml.
pub const MAX_SEGMENTS: usize = 1_000;
/// Touchpoints in journey.yaml.
pub const MAX_TOUCHPOINTS: usize = 10_000;
/// Markets in journey.yaml: each is a whole gap analysis and a panel of the report's chart.
pub const MAX_MARKETS: usize = 12;
/// A touchpoint's scores for one market (`by_market` entries), over all touchpoints: a market
/// writes the scores that differ from the touchpoint's own.
pub const MAX_MARKET_SCORES: usize = 2_000;
/// Initiatives in journey.yaml.
pub const MAX_INITIATIVES: usize = 100;
/// Touchpoints named and levers delivered, over all initiatives together.
pub const MAX_INITIATIVE_REFERENCES: usize = 1_000;
/// Journey phases in journey.yaml.
pub const MAX_PHASES: usize = 200;
/// Jobs in jobs.yaml.
pub const MAX_JOBS: usize = 1_000;
/// Win/loss periods in winloss.yaml, over all segments: each is a row of the report's table.
pub const MAX_WINLOSS_PERIODS: usize = 2_000;
/// Different periods in winloss.yaml: the places along the trend chart (five years of months).
pub const MAX_DISTINCT_PERIODS: usize = 60;
/// Workshop notes in workshops/.
pub const MAX_WORKSHOPS: usize = 500;
/// Own report sections in sections/.
pub const MAX_OWN_SECTIONS: usize = 50;
/// Investment lines, risks and timeline activities in project.yaml, each.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Programme options in options/: each is simulated like the base case.
pub const MAX_OPTIONS: usize = 10;
/// Monte Carlo work: draws × uncertain levers, summed over the base case and every option
/// (10,000 draws of 4 levers in 1,000 segments).
pub const MAX_SIMULATED_LEVERS: u64 = 30_000_000;
/// All text inputs together (YAML files, notes, templates); data files have their own limits.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// A counted list: its file, its field, how many it holds, the most allowed, and what one
/// and several of its entries are called.
type Counted = (String, &'static str, usize, usize, (&'static str, &'static str));

/// Every list a limit applies to, counted.
fn counted(project: &Project) -> Vec<Counted> {
    let mut counts: Vec<Counted> = Vec::new();
    let mut count = |file: &str, field, n, max, what| counts.push((file.to_owned(), field, n, max, what));
    count("segments.yaml", "segments", project.segments.len(), MAX_SEGMENTS, ("segment", "segments"));
    if let Some(journey) = &project.journey {
        count(
            "journey.yaml",
            "touchpoints",
            journey.touchpoints.len(),
            MAX_TOUCHPOINTS,
            ("touchpoint", "touchpoints"),
        );
        count("journey.yaml", "phases", journey.phases.len(), MAX_PHASES, ("phase", "phases"));
        count("journey.yaml", "markets", journey.markets.len(), MAX_MARKETS, ("market", "markets"));
        let scored = journey.touchpoints.iter().map(|t| t.by_market.len()).sum();
        count(
            "journey.yaml",
            "touchpoints",
            scored,
            MAX_MARKET_SCORES,
            ("score by market", "scores by market"),
        );
        let initiatives = &journey.initiatives;
        count(
            "journey.yaml",
            "initiatives",
            initiatives.len(),
            MAX_INITIATIVES,
            ("initiative", "initiatives"),
        );
        let named = initiatives.iter().map(|i| i.touchpoints.len()).sum();
        let what = ("named touchpoint", "named touchpoints");
        count("journey.yaml", "initiatives", named, MAX_INITIATIVE_REFERENCES, what);
        let delivered = initiatives.iter().map(|i| i.delivers.len()).sum();
        count(
            "journey.yaml",
            "initiatives",
            delivered,
            MAX_INITIATIVE_REFERENCES,
            ("delivery", "deliveries"),
        );
    }
    count("jobs.yaml", "jobs", project.jobs.as_ref().map_or(0, Vec::len), MAX_JOBS, ("job", "jobs"));
    let periods: Vec<_> = project
        .winloss
        .iter()
        .flat_map(|w| &w.segments)
        .flat_map(|s| s.periods.iter().map(|(p, _)| *p))
        .collect();
    count("winloss.yaml", "periods", periods.len(), MAX_WINLOSS_PERIODS, ("period", "periods"));
    let distinct = periods.into_iter().collect::<std::collections::BTreeSet<_>>().len();
    let what = ("different period", "different periods");
    count("winloss.yaml", "periods", distinct, MAX_DISTINCT_PERIODS, what);
    count("workshops", "notes", project.workshops.len(), MAX_WORKSHOPS, ("note", "notes"));
    count("project.yaml", "investment", project.investments.len(), MAX_LIST_ITEMS, ("line", "lines"));
    for option in &project.options {
        let lines = option.investments.as_ref().map_or(0, Vec::len);
        count(&option.file, "investment", lines, MAX_LIST_ITEMS, ("line", "lines"));
    }
    count("project.yaml", "risks", project.risks.len(), MAX_LIST_ITEMS, ("risk", "risks"));
    count("project.yaml", "timeline", project.timeline.len(), MAX_LIST_ITEMS, ("activity", "activities"));
    counts
}

/// Every budget `project` exceeds, as problems naming the limit; `text_bytes` is the size
/// of its text inputs.
pub fn check(project: &Project, text_bytes: u64) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = counted(project)
        .into_iter()
        .filter(|(_, _, n, max, _)| n > max)
        .map(|(file, field, n, max, (one, many))| {
            Diagnostic::new(file, format!("{n} {}; a project may have at most {max}", plural(n, one, many)))
                .field(field)
                .hint("this limit keeps every command within 10 s and 1 GB (docs/security.md); split the project")
        })
        .collect();
    let uncertain_in = |levers: &mut dyn Iterator<Item = &PerDriver<Estimate>>| -> u64 {
        levers.map(|l| Driver::ALL.iter().filter(|&&d| l.get(d).is_uncertain()).count() as u64).sum()
    };
    let uncertain = uncertain_in(&mut project.segments.iter().map(|s| &s.levers))
        + project
            .options
            .iter()
            .map(|o| uncertain_in(&mut o.segments.iter().map(|s| &s.levers)))
            .sum::<u64>();
    let work = u64::from(project.settings.draws) * uncertain;
    if work > MAX_SIMULATED_LEVERS {
        problems.push(
            Diagnostic::new("project.yaml", format!(
                "{} draws × {uncertain} uncertain levers{} is {work} lever draws; a simulation may have at most {MAX_SIMULATED_LEVERS}",
                project.settings.draws,
                if project.options.is_empty() { "" } else { " (the base case and its options together)" }
            ))
            .field("simulation.draws")
            .hint(format!(
                "lower `draws` to {} or fewer: 10,000 draws already give P10 and P90 to a tenth of a per cent",
                MAX_SIMULATED_LEVERS / uncertain.max(1)
            )),
        );
    }
    if text_bytes > MAX_TEXT_BYTES {
        problems.push(
            Diagnostic::new(Path::new("."), format!(
                "the project's YAML files, notes and templates hold {} MiB; together they may hold at most {} MiB",
                text_bytes >> 20,
                MAX_TEXT_BYTES >> 20
            ))
            .hint("keep exports under data/ (they have their own limits) and notes to what the report should show"),
        );
    }
    problems
}
