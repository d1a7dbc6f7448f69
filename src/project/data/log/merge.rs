//! The workers' reads joined into one log: one numbering of customers in id order, rows
//! sorted in place by customer and day and summed per day, bad rows given their file
//! lines, and customers whose rows name two segments reported.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::ids::{self, Key, KeyBuffer, Listed, WIDE};
use super::rows::{self, Entry, NO_CATEGORY};
use super::worker::{MAX_CATEGORIES, Part};
use super::{Customer, DayTotal, Loc, Log, LogSpec, NO_SEGMENT, Segments};
use crate::diagnostic::{Diagnostic, Position};
use crate::model::LineCounts;
use crate::project::data::bad_rows::{BadRow, BadRows, SHOWN};

/// Joins the parts; `threads` threads may share the work.
pub fn merge<E: Entry>(mut parts: Vec<Part<E>>, spec: &LogSpec, threads: usize) -> Log {
    let lines = FileLines::new(&parts, spec.part.map(|p| &p.lines));
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
        if numbering.conflicted.is_empty() { Vec::new() } else { numbering.conflicts(&parts, &lines) };
    let rows = parts.iter().map(|p| p.rows.len() as u64).sum();
    let blank_lines = parts.iter().map(|p| p.blank_lines).sum();
    let continuation_lines = parts.iter().map(|p| p.continuation_lines).sum();
    let body_lines = parts.iter().flat_map(|p| &p.lines).map(|&(_, n)| u64::from(n)).sum();
    let (days, margins, ranges) =
        group(parts, &numbering.remap, &categories.remap, numbering.id_ends.len(), threads);
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
        margins,
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
/// a part of a larger log, its line there.
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

/// The customers of all workers, numbered in id order.
struct Numbering {
    /// The ids one after the other, each ending at its entry of `id_ends`.
    ids: String,
    id_ends: Vec<u32>,
    segments: Vec<u32>,
    /// Per worker: its customer numbers → these.
    remap: Vec<Vec<u32>>,
    /// Customers whose rows name more than one segment.
    conflicted: FxHashSet<u32>,
}

impl Numbering {
    /// Merges the workers' sorted id lists on up to `threads` threads: the ids are cut into
    /// ranges at the quantiles of the longest list, each range of every list is merged on a
    /// thread of its own, and then each worker's numbers are mapped to these on a thread of
    /// its own. On one thread, the merge of a 10 M-row log's two lists of a million ids
    /// each took a twentieth of a second while the other core waited.
    fn new<E>(parts: &mut [Part<E>], threads: usize) -> Self {
        let lists: Vec<Vec<Listed>> = parts.iter_mut().map(|p| std::mem::take(&mut p.ids)).collect();
        let bounds = range_bounds(&lists, threads);
        let mut merged: Vec<Merged> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..bounds[0].len() - 1)
                .map(|r| {
                    let lists: Vec<&[Listed]> =
                        lists.iter().zip(&bounds).map(|(list, b)| &list[b[r]..b[r + 1]]).collect();
                    scope.spawn(move || merge_range(&lists))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a merging thread panicked")).collect()
        });
        let customers = merged.iter().map(|m| m.segments.len()).sum();
        let mut ids = String::with_capacity(merged.iter().map(|m| m.ids.len()).sum());
        let (mut id_ends, mut segments) = (Vec::with_capacity(customers), Vec::with_capacity(customers));
        let mut conflicted = FxHashSet::default();
        // The number of each range's first customer.
        let mut first_numbers = Vec::with_capacity(merged.len());
        for m in &mut merged {
            // Fits: a log read whole is at most 1 GiB, as is a part of a larger one; its ids
            // decoded from Windows-1252 at most 3 GiB.
            let text_start = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            let first = u32::try_from(id_ends.len()).unwrap_or(u32::MAX);
            first_numbers.push(first);
            // Taken, not copied: the ranges' texts are not held beside the joined one.
            ids.push_str(&std::mem::take(&mut m.ids));
            id_ends.extend(std::mem::take(&mut m.id_ends).into_iter().map(|end| text_start + end));
            segments.append(&mut m.segments);
            conflicted.extend(m.conflicted.iter().map(|n| first + n));
        }
        let remap = remap_lists(&lists, &bounds, parts, (&merged, &first_numbers));
        for (part, map) in parts.iter().zip(&remap) {
            conflicted.extend(part.others.iter().map(|&(local, _, _)| map[local as usize]));
        }
        Self { ids, id_ends, segments, remap, conflicted }
    }

    /// The id of customer `number`.
    fn id(&self, number: u32) -> &str {
        let end = self.id_ends[number as usize] as usize;
        let start = number.checked_sub(1).map_or(0, |n| self.id_ends[n as usize] as usize);
        &self.ids[start..end]
    }

    /// Each conflicted customer with each segment their rows name, at its first line.
    fn conflicts<E>(&self, parts: &[Part<E>], lines: &FileLines) -> Vec<Conflict> {
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
                // Each segment where it first appears, in file order. Sorted, not searched:
                // a customer may name every one of a thousand segments.
                seen.sort_unstable();
                seen.dedup_by_key(|(segment, _)| *segment);
                seen.sort_unstable_by_key(|(_, at)| *at);
                let distinct =
                    seen.into_iter().map(|(segment, at)| (segment_of(segment), lines.of(at))).collect();
                (self.id(number).to_owned(), distinct)
            })
            .collect()
    }
}

/// Where each of `lists` is cut into ranges of ids, up to `threads` of them, at the
/// quantiles of the longest list: a range ends before the first id not below its cut, so
/// that an id falls in the same range in every list. Each list's bounds start with 0 and
/// end with its length.
fn range_bounds(lists: &[Vec<Listed>], threads: usize) -> Vec<Vec<usize>> {
    let longest = lists.iter().map(Vec::as_slice).max_by_key(|l| l.len()).unwrap_or_default();
    let ranges = threads.clamp(1, longest.len().max(1));
    let cuts: Vec<&Key> = (1..ranges).map(|r| &longest[longest.len() * r / ranges].key).collect();
    lists
        .iter()
        .map(|list| {
            let inner = cuts.iter().map(|&cut| list.partition_point(|l| l.key < *cut));
            std::iter::once(0).chain(inner).chain([list.len()]).collect()
        })
        .collect()
}

/// Each worker's numbers → the merged ones, a thread per worker: range by range, each
/// entry of its list gets its range's first number plus its number within the range.
fn remap_lists<E>(
    lists: &[Vec<Listed>],
    bounds: &[Vec<usize>],
    parts: &[Part<E>],
    (merged, first_numbers): (&[Merged], &[u32]),
) -> Vec<Vec<u32>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = lists
            .iter()
            .zip(bounds)
            .zip(parts)
            .enumerate()
            .map(|(w, ((list, bounds), part))| {
                let len = part.firsts.len();
                scope.spawn(move || {
                    let mut map = vec![0; len];
                    for (r, m) in merged.iter().enumerate() {
                        for (listed, &n) in list[bounds[r]..bounds[r + 1]].iter().zip(&m.numbers[w]) {
                            map[listed.number as usize] = first_numbers[r] + n;
                        }
                    }
                    map
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a numbering thread panicked")).collect()
    })
}

/// One range of ids merged from every worker's list, numbered from 0: their text, where
/// each ends in it, their segments, the number each list's entries get, and the customers
/// whose rows name two segments.
struct Merged {
    ids: String,
    id_ends: Vec<u32>,
    segments: Vec<u32>,
    /// Per list, in its order.
    numbers: Vec<Vec<u32>>,
    conflicted: Vec<u32>,
}

/// Merges the sorted `lists` into one numbering, taking the smallest id each time.
fn merge_range(lists: &[&[Listed]]) -> Merged {
    let most = lists.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut m = Merged {
        ids: String::new(),
        id_ends: Vec::with_capacity(most),
        segments: Vec::with_capacity(most),
        numbers: lists.iter().map(|l| Vec::with_capacity(l.len())).collect(),
        conflicted: Vec::new(),
    };
    let mut at = vec![0; lists.len()];
    let mut buffer: KeyBuffer = [0; 8 * WIDE];
    loop {
        let heads = lists.iter().zip(&at).map(|(list, &i)| list.get(i).map(|l| &l.key));
        let Some((_, key)) = ids::smallest(heads) else { return m };
        let number = u32::try_from(m.id_ends.len()).unwrap_or(u32::MAX);
        m.ids.push_str(&String::from_utf8_lossy(key.bytes(&mut buffer)));
        m.id_ends.push(u32::try_from(m.ids.len()).unwrap_or(u32::MAX));
        let mut segment = None;
        for (w, list) in lists.iter().enumerate() {
            let Some(listed) = list.get(at[w]).filter(|l| l.key == *key) else { continue };
            at[w] += 1;
            m.numbers[w].push(number);
            if segment.is_some_and(|s| s != listed.segment) {
                m.conflicted.push(number);
            }
            segment = Some(listed.segment);
        }
        m.segments.push(segment.unwrap_or(NO_SEGMENT));
    }
}

/// Groups the rows by customer and sums the rows of one day: returns the days, their
/// margins (empty unless `E` has them) and each customer's run of days.
///
/// The rows are sorted where they lie, in three steps: each worker's rows renumbered and
/// cut into [`BUCKETS`] runs of customers by moving each row once ([`rows::permute`]), a
/// thread per worker ([`cut_part`]); the workers' lists joined bucket by bucket
/// ([`join_buckets`]); then `threads` threads take runs of buckets, deal each bucket's
/// rows to its customers ([`rows::deal`], through a copy of at most [`DEAL_MAX`] rows per
/// thread), and sort and sum each customer's rows by day. No second list of the rows is
/// made beside the first, so grouping takes the memory of the rows once.
fn group<E: Entry>(
    mut parts: Vec<Part<E>>,
    remap: &[Vec<u32>],
    categories: &[Vec<u8>],
    customers: usize,
    threads: usize,
) -> (Vec<DayTotal>, Vec<i64>, Vec<Range<usize>>) {
    // Buckets of `per` customers each.
    let per = customers.div_ceil(BUCKETS).max(1);
    let buckets = customers.div_ceil(per);
    // Each worker's rows keyed by the customer's number among all, counted per customer, and
    // cut into the buckets where they lie, a thread per worker.
    let (counts, sizes): (Vec<Vec<u32>>, Vec<Vec<usize>>) = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter_mut()
            .zip(remap.iter().zip(categories))
            .map(|(part, (map, categories))| {
                scope.spawn(move || cut_part(&mut part.rows, (map, categories), (customers, per)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a grouping thread panicked")).unzip()
    });
    let mut starts = Vec::with_capacity(customers + 1);
    let mut total = 0;
    starts.push(total);
    for customer in 0..customers {
        total += counts.iter().map(|c| c[customer] as usize).sum::<usize>();
        starts.push(total);
    }
    drop(counts);
    let bucket_starts: Vec<usize> = (0..=buckets).map(|b| starts[(b * per).min(customers)]).collect();
    let lists = parts.into_iter().map(|p| p.rows).zip(sizes).collect();
    let mut all = join_buckets(lists, total);
    debug_assert_eq!(all.len(), total, "every row joined");

    // Runs of buckets with about equal numbers of rows, one per thread.
    let threads = threads.max(1);
    let bounds: Vec<usize> =
        (0..=threads)
            .map(|t| {
                if t == threads {
                    buckets
                } else {
                    bucket_starts.partition_point(|&s| s < total * t / threads)
                }
            })
            .collect();
    let starts = &starts;
    let kept: Vec<usize> = std::thread::scope(|scope| {
        let mut rest: &mut [E] = &mut all;
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|run| {
                let (first, end) = (run[0], run[1]);
                let customers = (first * per).min(customers)..(end * per).min(customers);
                let (mine, tail) =
                    std::mem::take(&mut rest).split_at_mut(starts[customers.end] - starts[customers.start]);
                rest = tail;
                scope.spawn(move || group_run(mine, starts, customers, per))
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a grouping thread panicked")).collect()
    });
    let ranges = kept.iter().enumerate().map(|(c, &n)| starts[c]..starts[c] + n).collect();
    let margins = if E::HAS_MARGIN { all.iter().map(Entry::margin).collect() } else { Vec::new() };
    // Row and day total are both 16 bytes (without a margin), so this reuses the rows'
    // memory; from 24-byte rows it leaves a third unused, given back here.
    let mut days: Vec<DayTotal> = all.into_iter().map(|row| day_total(&row)).collect();
    days.shrink_to_fit();
    (days, margins, ranges)
}

// A customer-day's categories are the low 32 bits of a summed key, below its day; the
// key's 6-bit category field must tell them apart from "none".
const _: () = assert!(MAX_CATEGORIES <= 32 && MAX_CATEGORIES < NO_CATEGORY as usize);

/// Buckets of customers that rows are first cut into: few enough for their write positions
/// to stay in the caches, many enough for a bucket's rows to fit them.
const BUCKETS: usize = 256;

/// The most rows of a bucket that [`group_run`] copies to deal them to their customers,
/// per thread: 16 MiB of plain rows, 24 with margins. A log of ten million rows has
/// buckets of some 40,000 rows, one at the 1 GiB limit of a few hundred thousand; only a
/// customer of millions of rows makes a bucket larger, which is then cut in place.
#[cfg(not(test))]
const DEAL_MAX: usize = 1 << 20;

/// In tests, whose buckets are small, fewer: a test's customer with thousands of rows is
/// then cut in place, and both ways are tested.
#[cfg(test)]
const DEAL_MAX: usize = 1_000;

/// Groups the rows of `customers` (whole buckets of `per`), which `entries` holds from
/// `starts[customers.start]` on, and sums each customer's rows per day. Returns how many
/// days each customer keeps, at the start of their run.
fn group_run<E: Entry>(
    entries: &mut [E],
    starts: &[usize],
    customers: Range<usize>,
    per: usize,
) -> Vec<usize> {
    let mut kept = Vec::with_capacity(customers.len());
    // A bucket's rows, copied out to be dealt to their customers: a bucket is small enough
    // for its copy to stay in or near the caches (some 640 KB of a 10 M-row log's bucket),
    // so the copy costs less than moving the rows along their cycles in place, each move
    // waiting for the one before. A bucket past
    // [`DEAL_MAX`] rows (one customer of millions of rows, such as a till's walk-in
    // account) is cut in place instead, so that the copy stays small beside the rows.
    let mut scratch = Vec::new();
    let mut first = customers.start;
    while first < customers.end {
        let end = (first + per).min(customers.end);
        let base = starts[first];
        let bucket = &mut entries[base - starts[customers.start]..starts[end] - starts[customers.start]];
        let bounds: Vec<usize> = starts[first..=end].iter().map(|s| s - base).collect();
        let customer = |row: &E| rows::customer(row.key()) as usize - first;
        if bucket.len() <= DEAL_MAX {
            rows::deal(bucket, &bounds, customer, &mut scratch);
        } else {
            rows::permute(bucket, &bounds, customer);
        }
        for c in first..end {
            kept.push(sum_per_day(&mut bucket[starts[c] - base..starts[c + 1] - base]));
        }
        first = end;
    }
    kept
}

/// Keys a worker's rows by the customer's number among all `customers` (`map`) and the
/// category's (`categories`), counts each customer's rows, and cuts the rows into buckets
/// of `per` customers where they lie, the last bucket first: [`join_buckets`] takes the
/// first bucket from the end of the list. Returns the rows per customer, and per bucket in
/// bucket order.
fn cut_part<E: Entry>(
    rows: &mut [E],
    (map, categories): (&[u32], &[u8]),
    (customers, per): (usize, usize),
) -> (Vec<u32>, Vec<usize>) {
    let mut counts = vec![0u32; customers];
    for row in rows.iter_mut() {
        let key = row.key();
        let customer = map[rows::customer(key) as usize];
        let category = categories.get(usize::from(rows::category(key))).copied();
        row.set_key(rows::key(customer, rows::day(key), category.unwrap_or(NO_CATEGORY)));
        counts[customer as usize] += 1;
    }
    let sizes: Vec<usize> = counts.chunks(per).map(|c| c.iter().map(|&n| n as usize).sum()).collect();
    let last = sizes.len().saturating_sub(1);
    let mut bounds = vec![0];
    for size in sizes.iter().rev() {
        bounds.push(bounds.last().unwrap_or(&0) + size);
    }
    rows::permute(rows, &bounds, |row| last - rows::customer(row.key()) as usize / per);
    (counts, sizes)
}

/// Lists whose emptied tails are given back to the allocator once this many entries are
/// free: 16 MiB of plain rows.
const GIVE_BACK: usize = 1 << 20;

/// Joins lists of `total` rows, each cut into the same buckets the last bucket first, with
/// its number of rows per bucket in bucket order, into one list of the buckets in order.
///
/// The rows are never held twice: the list is made empty with room for all of them, which
/// takes memory only as it is written, and filled bucket by bucket from the ends of the
/// lists, which give their memory back as they empty. Rows keep no order within a bucket,
/// and need not: grouping sorts each customer's rows by their key and sums whole
/// ten-thousandths, which no order changes.
fn join_buckets<E: Copy>(mut lists: Vec<(Vec<E>, Vec<usize>)>, total: usize) -> Vec<E> {
    let mut all = Vec::with_capacity(total);
    let buckets = lists.iter().map(|(_, sizes)| sizes.len()).max().unwrap_or(0);
    for b in 0..buckets {
        for (list, sizes) in &mut lists {
            let cut = list.len() - sizes.get(b).copied().unwrap_or(0);
            all.extend_from_slice(&list[cut..]);
            list.truncate(cut);
            if list.capacity() - list.len() >= GIVE_BACK {
                list.shrink_to_fit();
            }
        }
    }
    all
}

/// Sorts one customer's rows by day and sums the rows of each day into the first ones; a
/// row's category is its day's one bit when its amount is above zero (a return buys
/// nothing). A summed entry's key holds its day and its set of categories (see
/// [`day_total`]). Returns how many days remain.
fn sum_per_day<E: Entry>(entries: &mut [E]) -> usize {
    entries.sort_unstable_by_key(Entry::key);
    let mut kept = 0;
    let mut last_day = -1;
    for i in 0..entries.len() {
        let row = entries[i];
        let key = row.key();
        let bought = match rows::category(key) {
            k if usize::from(k) < MAX_CATEGORIES && row.amount() > 0 => 1u64 << k,
            _ => 0,
        };
        if kept > 0 && rows::day(key) == last_day {
            let sum = &mut entries[kept - 1];
            sum.add(&row);
            sum.set_key(sum.key() | bought);
        } else {
            last_day = rows::day(key);
            let mut sum = row;
            #[allow(clippy::cast_sign_loss)] // days of four-digit years are positive
            sum.set_key(((last_day as u64) << 32) | bought);
            entries[kept] = sum;
            kept += 1;
        }
    }
    kept
}

/// A summed entry of [`sum_per_day`] as the day total it holds.
fn day_total<E: Entry>(sum: &E) -> DayTotal {
    let key = sum.key();
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // what sum_per_day wrote
    DayTotal { day: (key >> 32) as i32, categories: key as u32, amount: sum.amount() }
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

    use super::super::ids::pack_uuid;
    use super::super::rows::{PlainRow, RowWithMargin};

    #[test]
    fn joined_buckets_hold_exactly_their_rows() {
        // Three lists of rows `bucket * 1000 + serial`, each with 4 buckets of its own sizes
        // (some empty), the last bucket first, the largest list not first.
        let sizes = [vec![2, 0, 3, 1], vec![5, 4, 0, 6], vec![0, 1, 1, 0]];
        let mut serial = 0;
        let lists: Vec<(Vec<u32>, Vec<usize>)> = sizes
            .iter()
            .map(|sizes| {
                let mut rows = Vec::new();
                for (bucket, &n) in (0u32..4).zip(sizes).rev() {
                    for _ in 0..n {
                        serial += 1;
                        rows.push(bucket * 1000 + serial);
                    }
                }
                (rows, sizes.clone())
            })
            .collect();
        let mut starts = vec![0];
        for b in 0..4 {
            starts.push(starts[b] + sizes.iter().map(|s| s[b]).sum::<usize>());
        }
        let mut expected: Vec<u32> = lists.iter().flat_map(|(rows, _)| rows.iter().copied()).collect();
        let mut joined = join_buckets(lists, starts[4]);
        assert_eq!(joined.len(), starts[4]);
        for b in 0..4 {
            let bucket = u32::try_from(b).unwrap();
            assert!(
                joined[starts[b]..starts[b + 1]].iter().all(|row| row / 1000 == bucket),
                "bucket {b}: {joined:?}"
            );
        }
        joined.sort_unstable();
        expected.sort_unstable();
        assert_eq!(joined, expected, "no row lost or repeated");
        assert!(join_buckets::<u32>(Vec::new(), 0).is_empty());
        assert!(join_buckets(vec![(Vec::<u32>::new(), Vec::new())], 0).is_empty());
    }

    #[test]
    fn a_part_is_cut_into_its_buckets_the_last_first() {
        // Customers 0–4 in buckets of two, numbered 4, 3, … here; rows in scrambled order.
        let customers: [u32; 9] = [3, 0, 4, 1, 1, 2, 0, 4, 4];
        let mut rows: Vec<PlainRow> =
            customers.iter().map(|&c| Entry::new(rows::key(4 - c, 0, NO_CATEGORY), 1, 0)).collect();
        let (counts, sizes) = cut_part(&mut rows, (&[4, 3, 2, 1, 0], &[]), (5, 2));
        assert_eq!(counts, [2, 2, 1, 1, 3]);
        assert_eq!(sizes, [4, 2, 3]);
        let buckets: Vec<usize> = rows.iter().map(|r| rows::customer(r.key()) as usize / 2).collect();
        assert_eq!(buckets, [2, 2, 2, 1, 1, 0, 0, 0, 0]);
    }

    /// A worker's part that met `ids` (id, segment of its first row, where that row is), with
    /// `others` (number, segment, place) and blocks of ten lines.
    fn part(block: u32, ids: &[(&str, u32, Loc)], others: &[(u32, u32, Loc)]) -> Part<PlainRow> {
        let key = |id: &str| Key::of(id.as_bytes());
        let mut keys: Vec<Listed> = ids
            .iter()
            .zip(0..)
            .map(|((id, segment, _), number)| Listed { key: key(id), number, segment: *segment })
            .collect();
        keys.sort_by(|a, b| a.key.cmp(&b.key));
        Part {
            ids: keys,
            firsts: ids.iter().map(|(_, segment, at)| (*segment, *at)).collect(),
            others: others.to_vec(),
            rows: Vec::new(),
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
    fn ids_of_every_width_are_numbered_alike_on_any_number_of_threads() {
        // 600 ids of 4 to 60 bytes (packed in two words, as a UUID, in six, or kept as bytes),
        // each met by some of four workers, each worker numbering them in an order of its own.
        let ids: Vec<String> = (0..600_u32)
            .map(|i| match i % 5 {
                0 => format!("{i:03}{i:05x}-6dab-4cba-9196-{:012x}", i + 1),
                _ => format!("{i:03}-{}", "x".repeat(usize::try_from(i * 7 % 57).unwrap())),
            })
            .collect();
        let mets: Vec<Vec<(&str, u32, Loc)>> = (0..4_u32)
            .map(|w| {
                let met = ids
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (u32::try_from(*i).unwrap() * 31 + w * 17) % 7 < 3);
                met.map(|(i, id)| (id.as_str(), 0, (w, u32::try_from(i).unwrap()))).rev().collect()
            })
            .collect();
        let build =
            || -> Vec<Part<PlainRow>> { (0..4).zip(&mets).map(|(w, met)| part(w, met, &[])).collect() };
        let mut parts = build();
        let one = Numbering::new(&mut parts, 1);
        let numbered: Vec<&str> = (0..one.id_ends.len()).map(|n| one.id(u32::try_from(n).unwrap())).collect();
        let met: std::collections::BTreeSet<&str> = numbered.iter().copied().collect();
        assert_eq!(met.len(), numbered.len(), "each id once");
        assert!(numbered.windows(2).all(|w| w[0] < w[1]), "in byte order");
        assert!(
            numbered.len() > 400
                && numbered.iter().any(|id| id.len() > 47)
                && numbered.iter().any(|id| (16..48).contains(&id.len()))
                && numbered.iter().filter(|id| pack_uuid(id.as_bytes()).is_some()).count() == 120
        );
        // Each worker's number for an id maps to that id's number.
        for (map, met) in one.remap.iter().zip(&mets) {
            assert!(met.iter().zip(map).all(|((id, _, _), &n)| one.id(n) == *id));
        }
        for threads in 2..=8 {
            let mut parts = build();
            let many = Numbering::new(&mut parts, threads);
            assert_eq!((&many.ids, &many.id_ends, &many.segments), (&one.ids, &one.id_ends, &one.segments));
            assert_eq!(many.remap, one.remap, "on {threads} threads");
        }
    }

    #[test]
    fn customers_in_two_segments_are_found_across_and_within_workers() {
        let long = "a-customer-id-of-more-than-fifteen-bytes";
        // One thread merges every id; two or more cut them into ranges.
        for threads in 1..=3 {
            let mut parts = vec![
                // Block 0 is file lines 2–11, block 1 lines 12–21, block 2 lines 22–31.
                part(0, &[("A", 0, (0, 1)), (long, 1, (0, 2))], &[(1, 0, (0, 7))]),
                part(1, &[("C", 1, (1, 1)), ("A", 0, (1, 3))], &[]),
                part(2, &[("A", 1, (2, 5)), ("C", 1, (2, 6))], &[]),
            ];
            let numbering = Numbering::new(&mut parts, threads);
            // Byte order: `C` (0x43) before `a` (0x61).
            assert_eq!([0, 1, 2].map(|n| numbering.id(n)), ["A", "C", long]);
            // The segment of the last list naming the customer: one named in two fails the
            // read, whichever is kept.
            assert_eq!(numbering.segments, [1, 1, 1]);
            assert_eq!(numbering.remap, [vec![0, 2], vec![1, 0], vec![0, 1]]);
            let mut conflicts = numbering.conflicts(&parts, &FileLines::new(&parts, None));
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

    #[test]
    fn rows_of_one_day_are_summed_and_days_sorted() {
        // Customer 4's rows: (day, amount, margin, category); a return buys no category.
        let rows = [(5, 10, 5, 1), (3, 4, 2, 0), (5, -2, -1, 2), (3, 6, 3, 0), (9, 1, 0, NO_CATEGORY)];
        let mut entries: Vec<RowWithMargin> = rows
            .iter()
            .map(|&(day, amount, margin, k)| Entry::new(rows::key(4, day, k), amount, margin))
            .collect();
        let kept = sum_per_day(&mut entries);
        let days: Vec<(DayTotal, i64)> = entries[..kept].iter().map(|e| (day_total(e), e.margin())).collect();
        let total = |day, categories, amount, margin| (DayTotal { day, categories, amount }, margin);
        assert_eq!(days, [total(3, 0b1, 10, 5), total(5, 0b10, 8, 4), total(9, 0, 1, 0)]);
    }

    #[test]
    fn grouping_sorts_each_customers_rows_on_any_number_of_threads() {
        // Many customers with a few rows each (more customers than buckets: buckets small
        // enough to be dealt), a few with many rows (fewer than buckets), buckets of two
        // customers of 600 rows each (past `DEAL_MAX`: cut in place), one with every row,
        // and none.
        let shapes: [Shape; 5] =
            [(5_000, |c| c % 7), (3, |c| c * 40 + 1), (260, |_| 600), (1, |_| 3_000), (0, |_| 0)];
        const { assert!(2 * 600 > DEAL_MAX && 260 > BUCKETS && 7 * 5_000 / BUCKETS < DEAL_MAX) };
        for (customers, rows_of) in shapes {
            check_grouping(customers, rows_of);
        }
    }

    /// A number of customers, and how many rows customer `c` has.
    type Shape = (u32, fn(u32) -> u32);

    /// Three workers' rows of `customers`, numbered alike (the identity), in a scrambled
    /// order: customer c has `rows_of(c)` rows on days c % 5 + 0, 0, 1, 1, 2, ….
    fn check_grouping(customers: u32, rows_of: fn(u32) -> u32) {
        let mut all: Vec<(u32, i32, i64)> = (0..customers)
            .flat_map(|c| {
                (0..rows_of(c)).map(move |i| (c, i32::try_from(c % 5 + i / 2).unwrap(), i64::from(c + i)))
            })
            .collect();
        all.sort_by_key(|&(c, day, amount)| {
            (u64::from(c) * 2_654_435_761 + u64::try_from(amount).unwrap()) % 10_007
                + u64::try_from(day).unwrap()
        });
        let mut expected: Vec<Vec<(i32, i64)>> = vec![Vec::new(); customers as usize];
        for &(c, day, amount) in &all {
            let days = &mut expected[c as usize];
            match days.iter_mut().find(|d| d.0 == day) {
                Some(d) => d.1 += amount,
                None => days.push((day, amount)),
            }
        }
        for days in &mut expected {
            days.sort_unstable();
        }
        for threads in [1, 2, 3, 8] {
            let mut parts: Vec<Part<PlainRow>> = (0..3).map(|b| part(b, &[], &[])).collect();
            for (i, &(c, day, amount)) in all.iter().enumerate() {
                parts[i % 3].rows.push(Entry::new(rows::key(c, day, NO_CATEGORY), amount, 0));
            }
            let identity: Vec<Vec<u32>> = (0..3).map(|_| (0..customers).collect()).collect();
            let (days, margins, ranges) =
                group(parts, &identity, &[vec![], vec![], vec![]], customers as usize, threads);
            assert!(margins.is_empty());
            let grouped: Vec<Vec<(i32, i64)>> =
                ranges.into_iter().map(|r| days[r].iter().map(|d| (d.day, d.amount)).collect()).collect();
            assert_eq!(grouped, expected, "{customers} customers, {threads} threads");
        }
    }
}
