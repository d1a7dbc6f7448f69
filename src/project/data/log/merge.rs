//! The workers' reads joined into one log: one numbering of customers in id order, rows
//! grouped by customer and summed per day, bad rows given their file lines, and customers
//! whose rows name two segments reported.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::ids::Key;
use super::worker::{MAX_CATEGORIES, Part};
use super::{Customer, DayTotal, Loc, Log, LogSpec, NO_SEGMENT, Segments};
use crate::diagnostic::{Diagnostic, Position};
use crate::model::LineCounts;
use crate::project::data::bad_rows::{BadRow, BadRows, SHOWN};

/// Joins the parts; `threads` threads may share the work. `Err` when the log holds more
/// categories than a customer-day's set can.
pub fn merge(mut parts: Vec<Part>, spec: &LogSpec, threads: usize) -> Result<Log, Diagnostic> {
    let lines = FileLines::new(&parts);
    let categories = Categories::new(&parts, spec, &lines)?;
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
    let numbering = Numbering::new(&mut parts);
    let conflicts = if numbering.conflicted.is_empty() {
        Vec::new()
    } else {
        conflict_diagnostics(numbering.conflicts(&parts, &lines), spec)
    };
    let rows = parts.iter().map(|p| p.rows.len() as u64).sum();
    let blank_lines = parts.iter().map(|p| p.blank_lines).sum();
    let continuation_lines = parts.iter().map(|p| p.continuation_lines).sum();
    let body_lines = parts.iter().flat_map(|p| &p.lines).map(|&(_, n)| u64::from(n)).sum();
    let (days, ranges) = group(parts, &numbering.remap, &categories.remap, numbering.ids.len(), threads);
    let customers = numbering
        .ids
        .into_iter()
        .zip(numbering.segments)
        .zip(ranges)
        .map(|((id, segment), days)| Customer { id, segment: segment_of(segment), days })
        .collect();
    Ok(Log {
        customers,
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
        bytes: 0,
        sha256: String::new(),
    })
}

/// The categories of all workers, numbered in name order.
struct Categories {
    /// Per worker: its category numbers → these.
    remap: Vec<Vec<u8>>,
}

impl Categories {
    /// `Err` past [`MAX_CATEGORIES`], at the line where the first one too many appears.
    fn new(parts: &[Part], spec: &LogSpec, lines: &FileLines) -> Result<Self, Diagnostic> {
        let mut names: Vec<String> = parts.iter().flat_map(|p| p.category_names.iter().cloned()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() > MAX_CATEGORIES {
            // In file order, each category where it first appears; each worker kept the
            // first ones it met, so the first one too many is among them.
            let mut firsts: Vec<(Loc, &str)> = parts
                .iter()
                .flat_map(|p| {
                    p.category_firsts.iter().copied().zip(p.category_names.iter().map(String::as_str))
                })
                .collect();
            firsts.sort_unstable();
            let mut seen: Vec<(Loc, &str)> = Vec::new();
            for &(at, name) in &firsts {
                if !seen.iter().any(|(_, n)| *n == name) {
                    seen.push((at, name));
                }
            }
            let (at, extra) = seen[MAX_CATEGORIES];
            let column = spec.columns.category.as_deref().unwrap_or("category");
            let listed: Vec<String> = seen[..MAX_CATEGORIES].iter().map(|(_, n)| format!("`{n}`")).collect();
            return Err(Diagnostic::new(
                spec.rel,
                format!(
                    "`{extra}` is category number {} in the column `{column}`, which may hold at most {MAX_CATEGORIES}; the first {MAX_CATEGORIES}: {}",
                    MAX_CATEGORIES + 1,
                    listed.join(", ")
                ),
            )
            .at(Some(Position { line: u32::try_from(lines.of(at)).unwrap_or(u32::MAX), column: 1 }))
            .field(column)
            .hint(format!(
                "the loyalty path counts a customer's categories for its integrated stage and tells at most {MAX_CATEGORIES} apart: export a coarser category (e.g. the assortment's top level), or remove `category` from `data: columns`"
            )));
        }
        let remap = parts
            .iter()
            .map(|p| {
                p.category_names
                    .iter()
                    .map(|n| u8::try_from(names.binary_search(n).unwrap_or(0)).unwrap_or(0))
                    .collect()
            })
            .collect();
        Ok(Self { remap })
    }
}

fn segment_of(segment: u32) -> Option<usize> {
    (segment != NO_SEGMENT).then_some(segment as usize)
}

/// The file line of each block's first line, so a row's place becomes a line number.
struct FileLines {
    first: Vec<u64>,
}

impl FileLines {
    fn new(parts: &[Part]) -> Self {
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
        Self { first }
    }

    fn of(&self, (block, line): Loc) -> u64 {
        self.first[block as usize] + u64::from(line)
    }
}

/// The customers of all workers, numbered in id order.
struct Numbering {
    ids: Vec<String>,
    segments: Vec<u32>,
    /// Per worker: its customer numbers → these.
    remap: Vec<Vec<u32>>,
    /// Customers whose rows name more than one segment.
    conflicted: FxHashSet<u32>,
}

impl Numbering {
    /// Merges the workers' sorted id lists.
    fn new(parts: &mut [Part]) -> Self {
        let lists: Vec<Vec<(Key, u32)>> = parts.iter_mut().map(|p| std::mem::take(&mut p.ids)).collect();
        let mut remap: Vec<Vec<u32>> = parts.iter().map(|p| vec![0; p.firsts.len()]).collect();
        let most = lists.iter().map(Vec::len).max().unwrap_or(0);
        let (mut ids, mut segments) = (Vec::with_capacity(most), Vec::with_capacity(most));
        let mut conflicted = FxHashSet::default();
        let mut at = vec![0; lists.len()];
        let mut buffer = [0; 16];
        loop {
            let mut smallest: Option<&Key> = None;
            for (list, &i) in lists.iter().zip(&at) {
                if let Some((key, _)) = list.get(i) {
                    if smallest.is_none_or(|s| key < s) {
                        smallest = Some(key);
                    }
                }
            }
            let Some(key) = smallest else { break };
            let number = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            ids.push(String::from_utf8_lossy(key.bytes(&mut buffer)).into_owned());
            let mut segment = None;
            for (w, list) in lists.iter().enumerate() {
                let Some((k, local)) = list.get(at[w]) else { continue };
                if k != key {
                    continue;
                }
                at[w] += 1;
                remap[w][*local as usize] = number;
                let here = parts[w].firsts[*local as usize].0;
                if segment.is_some_and(|s| s != here) {
                    conflicted.insert(number);
                }
                segment = Some(here);
            }
            segments.push(segment.unwrap_or(NO_SEGMENT));
        }
        for (part, map) in parts.iter().zip(&remap) {
            conflicted.extend(part.others.iter().map(|&(local, _, _)| map[local as usize]));
        }
        Self { ids, segments, remap, conflicted }
    }

    /// Each conflicted customer with each segment their rows name, at its first line.
    fn conflicts(&self, parts: &[Part], lines: &FileLines) -> Vec<Conflict> {
        let mut places: FxHashMap<u32, Vec<(u32, Loc)>> = FxHashMap::default();
        for (part, map) in parts.iter().zip(&self.remap) {
            for (local, number) in map.iter().enumerate() {
                if self.conflicted.contains(number) {
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
                seen.sort_by_key(|(_, at)| *at);
                let mut distinct: Vec<(Option<usize>, u64)> = Vec::new();
                for (segment, at) in seen {
                    let segment = segment_of(segment);
                    if !distinct.iter().any(|(s, _)| *s == segment) {
                        distinct.push((segment, lines.of(at)));
                    }
                }
                (self.ids[number as usize].clone(), distinct)
            })
            .collect()
    }
}

/// Groups the rows by customer (a counting sort on the customer number), then sorts each
/// customer's rows by day and sums the rows of one day. Returns the days and each customer's
/// run of them. `threads` threads share the work, each taking a run of customers.
fn group(
    mut parts: Vec<Part>,
    remap: &[Vec<u32>],
    categories: &[Vec<u8>],
    customers: usize,
    threads: usize,
) -> (Vec<DayTotal>, Vec<Range<usize>>) {
    // Each worker's rows renumbered in place and counted per customer, a thread per worker.
    let counts: Vec<Vec<u32>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter_mut()
            .zip(remap)
            .map(|(part, map)| {
                scope.spawn(move || {
                    let mut counts = vec![0u32; customers];
                    for row in &mut part.rows {
                        row.customer = map[row.customer as usize];
                        counts[row.customer as usize] += 1;
                    }
                    counts
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a grouping thread panicked")).collect()
    });
    let mut starts = Vec::with_capacity(customers + 1);
    let mut total = 0;
    starts.push(total);
    for customer in 0..customers {
        total += counts.iter().map(|c| c[customer] as usize).sum::<usize>();
        starts.push(total);
    }
    drop(counts);

    // Runs of customers with about equal numbers of rows, one per thread.
    let threads = threads.max(1);
    let bounds: Vec<usize> = (0..=threads)
        .map(|t| if t == threads { customers } else { starts.partition_point(|&s| s < total * t / threads) })
        .collect();
    let mut days = vec![DayTotal::default(); total];
    let (parts, starts) = (&parts, &starts);
    let ranges = std::thread::scope(|scope| {
        let mut rest: &mut [DayTotal] = &mut days;
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|run| {
                let (first, end) = (run[0], run[1]);
                let (mine, tail) = std::mem::take(&mut rest).split_at_mut(starts[end] - starts[first]);
                rest = tail;
                scope.spawn(move || group_run(mine, (parts, categories), starts, first..end))
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a grouping thread panicked")).collect()
    });
    (days, ranges)
}

/// Fills `days` with the rows of `customers`, whose runs start at `starts` (offsets into the
/// whole list, of which `days` is the part from `starts[customers.start]`), then sorts and
/// sums each customer's run. A row's category, renumbered by `categories`, is its day's
/// one bit when its amount is above zero (a return buys nothing).
fn group_run(
    days: &mut [DayTotal],
    (parts, categories): (&[Part], &[Vec<u8>]),
    starts: &[usize],
    customers: Range<usize>,
) -> Vec<Range<usize>> {
    let base = starts[customers.start];
    let mut next: Vec<usize> = starts[customers.clone()].iter().map(|s| s - base).collect();
    if customers.is_empty() {
        return Vec::new();
    }
    for (part, remap) in parts.iter().zip(categories) {
        let mut place = |row: &super::worker::Row, bought: u32| {
            let customer = row.customer as usize;
            if customers.contains(&customer) {
                let slot = &mut next[customer - customers.start];
                days[*slot] =
                    DayTotal { day: row.day, amount: row.amount, margin: row.margin, categories: bought };
                *slot += 1;
            }
        };
        // Two loops, so a log without categories pays nothing for them.
        if part.categories.is_empty() {
            part.rows.iter().for_each(|row| place(row, 0));
        } else {
            debug_assert_eq!(part.rows.len(), part.categories.len(), "a category per row");
            for (row, &category) in part.rows.iter().zip(&part.categories) {
                // A return buys nothing (and may have no category).
                let bought = remap.get(usize::from(category)).filter(|_| row.amount > 0);
                place(row, bought.map_or(0, |&k| 1u32 << k));
            }
        }
    }
    customers
        .map(|c| {
            let kept = sum_per_day(&mut days[starts[c] - base..starts[c + 1] - base]);
            starts[c]..starts[c] + kept
        })
        .collect()
}

/// Sorts `days` by day and sums entries of the same day into the first ones; returns how
/// many days remain.
fn sum_per_day(days: &mut [DayTotal]) -> usize {
    days.sort_unstable_by_key(|d| d.day);
    let mut kept = 0;
    for i in 0..days.len() {
        if kept > 0 && days[kept - 1].day == days[i].day {
            days[kept - 1].amount += days[i].amount;
            days[kept - 1].margin += days[i].margin;
            days[kept - 1].categories |= days[i].categories;
        } else {
            days[kept] = days[i];
            kept += 1;
        }
    }
    kept
}

/// A customer in more than one segment: their id, and each segment with its first line.
type Conflict = (String, Vec<(Option<usize>, u64)>);

fn conflict_diagnostics(mut conflicts: Vec<Conflict>, spec: &LogSpec) -> Vec<Diagnostic> {
    conflicts.sort_by(|a, b| a.1[0].1.cmp(&b.1[0].1).then_with(|| a.0.cmp(&b.0)));
    let ids: &[String] = match spec.segments {
        Segments::Column(ids) => ids,
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

    fn day(day: i32, amount: i64) -> DayTotal {
        DayTotal { day, amount, margin: amount / 2, categories: 0 }
    }

    /// A worker's part that met `ids` (id, segment of its first row, where that row is), with
    /// `others` (number, segment, place) and blocks of ten lines.
    fn part(block: u32, ids: &[(&str, u32, Loc)], others: &[(u32, u32, Loc)]) -> Part {
        let key = |id: &str| {
            super::super::ids::pack(id.as_bytes())
                .map_or_else(|| Key::Long(id.as_bytes().into()), Key::Packed)
        };
        let mut keys: Vec<(Key, u32)> =
            ids.iter().zip(0..).map(|((id, _, _), number)| (key(id), number)).collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        Part {
            ids: keys,
            firsts: ids.iter().map(|(_, segment, at)| (*segment, *at)).collect(),
            others: others.to_vec(),
            rows: Vec::new(),
            categories: Vec::new(),
            category_names: Vec::new(),
            category_firsts: Vec::new(),
            lines: vec![(block, 10)],
            bad: Vec::new(),
            counts: FxHashMap::default(),
            blank_lines: 0,
            continuation_lines: 0,
            period: None,
        }
    }

    #[test]
    fn customers_in_two_segments_are_found_across_and_within_workers() {
        let long = "a-customer-id-of-more-than-fifteen-bytes";
        let mut parts = vec![
            // Block 0 is file lines 2–11, block 1 lines 12–21, block 2 lines 22–31.
            part(0, &[("A", 0, (0, 1)), (long, 1, (0, 2))], &[(1, 0, (0, 7))]),
            part(1, &[("C", 1, (1, 1)), ("A", 0, (1, 3))], &[]),
            part(2, &[("A", 1, (2, 5)), ("C", 1, (2, 6))], &[]),
        ];
        let numbering = Numbering::new(&mut parts);
        // Byte order: `C` (0x43) before `a` (0x61).
        assert_eq!(numbering.ids, ["A", "C", long]);
        assert_eq!(numbering.remap, [vec![0, 2], vec![1, 0], vec![0, 1]]);
        let mut conflicts = numbering.conflicts(&parts, &FileLines::new(&parts));
        conflicts.sort();
        assert_eq!(
            conflicts,
            [
                ("A".to_owned(), vec![(Some(0), 2), (Some(1), 26)]),
                (long.to_owned(), vec![(Some(1), 3), (Some(0), 8)]),
            ]
        );
    }

    #[test]
    fn rows_of_one_day_are_summed_and_days_sorted() {
        let mut days = [day(5, 10), day(3, 4), day(5, -2), day(3, 6), day(9, 1)];
        let kept = sum_per_day(&mut days);
        assert_eq!(
            &days[..kept],
            [day(3, 10), DayTotal { day: 5, amount: 8, margin: 4, categories: 0 }, day(9, 1)]
        );
    }
}
