//! The workers' reads joined into one log: one numbering of customers in id order
//! ([`Numbering`]), rows grouped by customer and summed per day ([`group`]), bad rows
//! given their file lines, and customers whose rows name two segments reported.

use rustc_hash::FxHashMap;

use super::group::group;
use super::numbering::Numbering;
use super::rows::Entry;
use super::worker::{MAX_CATEGORIES, Part};
use super::{Customer, Loc, Log, LogSpec, NO_SEGMENT, Segments};
use crate::diagnostic::{Diagnostic, Position};
use crate::model::LineCounts;
use crate::project::data::bad_rows::{BadRow, BadRows, SHOWN};

/// Joins the parts; `threads` threads may share the work.
pub fn merge<E: Entry>(mut parts: Vec<Part<E>>, spec: &LogSpec, threads: usize) -> Log {
    let lines = FileLines::new(&parts, spec.part);
    let categories = Categories::new(&parts, &lines);
    let mut bad = BadRows::default();
    let mut period: Option<(i32, i32)> = None;
    for part in &mut parts {
        let first = std::mem::take(&mut part.bad)
            .into_iter()
            .map(|(at, row)| BadRow { line: lines.of(at), ..row })
            .collect();
        bad.merge(BadRows { first, counts: std::mem::take(&mut part.counts).into_iter().collect() });
        if let Some((lo, hi)) = part.period {
            period = Some(period.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        }
    }
    let numbering = Numbering::new(&mut parts, threads);
    let conflicts =
        if numbering.conflicted.is_empty() { Vec::new() } else { conflicts(&numbering, &parts, &lines) };
    let rows = parts.iter().map(|p| p.rows.len() as u64).sum();
    let blank_lines = parts.iter().map(|p| p.blank_lines).sum();
    let continuation_lines = parts.iter().map(|p| p.continuation_lines).sum();
    let body_lines = parts.iter().flat_map(|p| &p.lines).map(|&(_, n)| u64::from(n)).sum();
    let (days, ranges) = group(parts, &numbering.remap, &categories.remap, numbering.id_ends.len(), threads);
    let customers = numbering
        .id_ends
        .iter()
        .scan(0, |start, &end| Some(std::mem::replace(start, end)..end))
        .zip(numbering.segments)
        .zip(ranges)
        .map(|((id, segment), days)| Customer { id, segment: segment_of(segment), days })
        .collect();
    Log {
        customers,
        ids: numbering.ids,
        days,
        rows,
        lines: LineCounts {
            header: 1,
            body: body_lines,
            blank: blank_lines,
            continuation: continuation_lines,
        },
        period,
        bad,
        conflicts,
        categories: categories.firsts,
        bytes: 0,
        sha256: String::new(),
    }
}

/// The categories of all workers, numbered in name order.
struct Categories {
    /// Per worker: its category numbers → these.
    remap: Vec<Vec<u8>>,
    /// Each category at the line where it first appears, in file order, the first
    /// [`MAX_CATEGORIES`] + 1 only: enough to name the first one too many.
    firsts: Vec<(u64, String)>,
}

impl Categories {
    fn new<E>(parts: &[Part<E>], lines: &FileLines) -> Self {
        let mut names: Vec<String> = parts.iter().flat_map(|p| p.category_names.iter().cloned()).collect();
        names.sort_unstable();
        names.dedup();
        // Each worker kept the first ones it met, so the first ones of the file are among them.
        let located = parts.iter().flat_map(|p| {
            p.category_firsts.iter().map(|&at| lines.of(at)).zip(p.category_names.iter().cloned())
        });
        let firsts = first_categories(located);
        // Past MAX_CATEGORIES a number still fits a row's key (`rows::key` caps it) and buys
        // no bit; such a log is refused by its reader ([`super::too_many_categories`]).
        let remap = parts
            .iter()
            .map(|p| {
                p.category_names
                    .iter()
                    .map(|n| u8::try_from(names.binary_search(n).unwrap_or(0)).unwrap_or(u8::MAX))
                    .collect()
            })
            .collect();
        Self { remap, firsts }
    }
}

/// Each category of `located` (line, name) at its first line, in file order, the first
/// [`MAX_CATEGORIES`] + 1 only.
pub fn first_categories(located: impl Iterator<Item = (u64, String)>) -> Vec<(u64, String)> {
    let mut all: Vec<(u64, String)> = located.collect();
    all.sort_unstable();
    let mut seen: Vec<(u64, String)> = Vec::new();
    for (line, name) in all {
        if seen.len() > MAX_CATEGORIES {
            break;
        }
        if !seen.iter().any(|(_, n)| *n == name) {
            seen.push((line, name));
        }
    }
    seen
}

fn segment_of(segment: u32) -> Option<usize> {
    (segment != NO_SEGMENT).then_some(segment as usize)
}

/// The file line of each block's first line, so a row's place becomes a line number; for
/// a part of a larger log, whose blocks are frames of rows, one row a line, its line there.
struct FileLines<'a> {
    first: Vec<u64>,
    part: Option<&'a super::LineMap>,
}

impl<'a> FileLines<'a> {
    fn new<E>(parts: &[Part<E>], part: Option<&'a super::LineMap>) -> Self {
        let mut blocks: Vec<(u32, u32)> = parts.iter().flat_map(|p| p.lines.iter().copied()).collect();
        blocks.sort_unstable();
        // The header is line 1; block 0 starts on line 2.
        let mut line = 1;
        let first = blocks
            .into_iter()
            .map(|(_, lines)| {
                let first = line;
                line += u64::from(lines);
                first
            })
            .collect();
        Self { first, part }
    }

    fn of(&self, (block, line): Loc) -> u64 {
        let line = self.first[block as usize] + u64::from(line);
        self.part.map_or(line, |map| map.line(line))
    }
}

/// Each customer `numbering` found in two segments with each segment their rows name, at
/// its first line.
fn conflicts<E>(numbering: &Numbering, parts: &[Part<E>], lines: &FileLines) -> Vec<Conflict> {
    let mut places: FxHashMap<u32, Vec<(u32, Loc)>> = FxHashMap::default();
    for (part, map) in parts.iter().zip(&numbering.remap) {
        for (local, number) in map.iter().enumerate() {
            if numbering.conflicted.contains(number) {
                places.entry(*number).or_default().push(part.firsts[local]);
            }
        }
        for &(local, segment, at) in &part.others {
            places.entry(map[local as usize]).or_default().push((segment, at));
        }
    }
    places
        .into_iter()
        .map(|(number, mut seen)| {
            // Each segment where it first appears, in file order. Sorted, not searched:
            // a customer may name every one of a thousand segments.
            seen.sort_unstable();
            seen.dedup_by_key(|(segment, _)| *segment);
            seen.sort_unstable_by_key(|(_, at)| *at);
            let distinct =
                seen.into_iter().map(|(segment, at)| (segment_of(segment), lines.of(at))).collect();
            (numbering.id(number).to_owned(), distinct)
        })
        .collect()
}

/// A customer in more than one segment: their id, and each segment with its first line.
pub type Conflict = (String, Vec<(Option<usize>, u64)>);

/// The problems of customers in more than one segment: the first [`SHOWN`] by line, and
/// how many there are when more.
pub fn conflict_diagnostics(mut conflicts: Vec<Conflict>, spec: &LogSpec) -> Vec<Diagnostic> {
    if conflicts.is_empty() {
        return Vec::new();
    }
    conflicts.sort_by(|a, b| a.1[0].1.cmp(&b.1[0].1).then_with(|| a.0.cmp(&b.0)));
    let ids: &[String] = match spec.segments {
        Segments::Column(names) => names.names(),
        _ => &[],
    };
    let name = |s: Option<usize>| s.and_then(|i| ids.get(i)).map_or("(none)", String::as_str);
    let total = conflicts.len();
    let mut out: Vec<Diagnostic> = conflicts
        .into_iter()
        .take(SHOWN)
        .map(|(id, lines)| {
            let (_, first_line) = lines[0];
            let places: Vec<String> = lines.iter().map(|(s, line)| format!("`{}` on line {line}", name(*s))).collect();
            Diagnostic::new(spec.rel, format!("customer `{id}` is in more than one segment: {}", places.join(", ")))
                .at(Some(Position { line: u32::try_from(first_line).unwrap_or(u32::MAX), column: 1 }))
                .hint("a customer belongs to one segment: correct the export, or map customers to segments in a customers file (`customers:` under `data:`)")
        })
        .collect();
    if total > SHOWN {
        out.push(Diagnostic::new(
            spec.rel,
            format!("{total} customers are in more than one segment; the first {SHOWN} are listed"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::numbering::listing_part;

    #[test]
    fn customers_in_two_segments_are_found_across_and_within_workers() {
        let long = "a-customer-id-of-more-than-fifteen-bytes";
        // One thread merges every id; two or more cut them into ranges.
        for threads in 1..=3 {
            let mut parts = vec![
                // Block 0 is file lines 2–11, block 1 lines 12–21, block 2 lines 22–31.
                listing_part(0, &[("A", 0, (0, 1)), (long, 1, (0, 2))], &[(1, 0, (0, 7))]),
                listing_part(1, &[("C", 1, (1, 1)), ("A", 0, (1, 3))], &[]),
                listing_part(2, &[("A", 1, (2, 5)), ("C", 1, (2, 6))], &[]),
            ];
            let numbering = Numbering::new(&mut parts, threads);
            // Byte order: `C` (0x43) before `a` (0x61).
            assert_eq!([0, 1, 2].map(|n| numbering.id(n)), ["A", "C", long]);
            // The segment of the last list naming the customer: one named in two fails the
            // read, whichever is kept.
            assert_eq!(numbering.segments, [1, 1, 1]);
            assert_eq!(numbering.remap, [vec![0, 2], vec![1, 0], vec![0, 1]]);
            let mut conflicts = conflicts(&numbering, &parts, &FileLines::new(&parts, None));
            conflicts.sort();
            assert_eq!(
                conflicts,
                [
                    ("A".to_owned(), vec![(Some(0), 2), (Some(1), 26)]),
                    (long.to_owned(), vec![(Some(1), 3), (Some(0), 8)]),
                ],
                "on {threads} threads"
            );
        }
    }
}
