//! The workers' rows grouped by customer and summed per day: each worker's rows renumbered
//! and cut into buckets of customers where they lie, then the buckets' rows dealt to their
//! customers and summed by day on all cores, a wave of buckets at a time.

use std::ops::Range;

use super::DayTotal;
use super::days::Days;
use super::rows::{self, Entry, NO_CATEGORY};
use super::worker::{MAX_CATEGORIES, Part};

/// Groups the rows by customer and sums the rows of one day: returns the days (with their
/// margins when `E` has them) and each customer's run of days among them.
///
/// Three steps: each worker's rows renumbered and cut into [`BUCKETS`] runs of customers
/// by swaps in place ([`rows::permute`]), a thread per worker ([`cut_part`]); then, a wave
/// of buckets at a time, `threads` threads each take a run of the wave's buckets, deal each
/// bucket's rows from every worker's list to its customers ([`group_run`]), sort and sum
/// each customer's rows by day, and write the day totals to a list of their own ([`Days`]).
/// After each wave the workers' lists give the wave's rows back, so rows and days together
/// take the memory of the rows plus a wave of at most [`WAVE`] rows.
pub fn group<E: Entry>(
    mut parts: Vec<Part<E>>,
    remap: &[Vec<u32>],
    categories: &[Vec<u8>],
    customers: usize,
    threads: usize,
) -> (Days, Vec<Range<usize>>) {
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
    let mut lists: Vec<Vec<E>> = parts.into_iter().map(|p| p.rows).collect();
    let bucket_rows: Vec<usize> = (0..buckets).map(|b| sizes.iter().map(|s| s[b]).sum()).collect();
    let layout = Layout { per, customers, counts: &counts };
    let (mut days, mut kept) = (Days::default(), Vec::with_capacity(customers));
    let mut first_bucket = 0;
    while first_bucket < buckets {
        // The wave: buckets from the first on, as many as WAVE rows hold, one at least.
        let mut end = first_bucket + 1;
        let mut wave_rows = bucket_rows[first_bucket];
        while end < buckets && wave_rows + bucket_rows[end] <= WAVE {
            wave_rows += bucket_rows[end];
            end += 1;
        }
        let wave = first_bucket..end;
        // Each list's rows in the wave, at its end.
        let taken: Vec<usize> = sizes.iter().map(|s| s[wave.clone()].iter().sum()).collect();
        let slices = wave_slices(&mut lists, (&sizes, &taken), wave.clone());
        let runs = runs(&bucket_rows[wave.clone()], threads);
        let mut slices = slices.into_iter();
        let work: Vec<(usize, Vec<Vec<&mut [E]>>)> = runs
            .windows(2)
            .map(|run| {
                ((first_bucket + run[0]) * per, slices.by_ref().take(run[1] - run[0]).collect::<Vec<_>>())
            })
            .filter(|(_, buckets)| !buckets.is_empty())
            .collect();
        let layout = &layout;
        let done: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .into_iter()
                .map(|(first_customer, buckets)| {
                    scope.spawn(move || group_run(buckets, first_customer, layout))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a grouping thread panicked")).collect()
        });
        for (run_days, run_margins, run_kept) in done {
            days.push(run_days, run_margins);
            kept.extend(run_kept);
        }
        // The wave's rows are summed: their lists give their memory back (`realloc` shrinks
        // a list where it lies; glibc moves the pages of a large one, copying nothing).
        for (list, n) in lists.iter_mut().zip(taken) {
            list.truncate(list.len() - n);
            list.shrink_to_fit();
        }
        first_bucket = end;
    }
    debug_assert!(lists.iter().all(Vec::is_empty), "every row grouped");
    debug_assert_eq!(kept.len(), customers, "every customer grouped");
    let mut start = 0;
    let ranges = kept
        .into_iter()
        .map(|n| {
            start += n;
            start - n..start
        })
        .collect();
    (days, ranges)
}

/// Each of `wave`'s buckets as its rows in each list (`sizes` gives each list's rows per
/// bucket, `taken` its rows in the wave): the lists end with the wave's buckets, the first
/// last.
fn wave_slices<'a, E>(
    lists: &'a mut [Vec<E>],
    (sizes, taken): (&[Vec<usize>], &[usize]),
    wave: Range<usize>,
) -> Vec<Vec<&'a mut [E]>> {
    let mut slices: Vec<Vec<&mut [E]>> = wave.clone().map(|_| Vec::with_capacity(lists.len())).collect();
    for ((list, size), &n) in lists.iter_mut().zip(sizes).zip(taken) {
        let at = list.len() - n;
        let mut rest = &mut list[at..];
        for (b, bucket) in wave.clone().zip(&mut slices) {
            let (head, slice) = rest.split_at_mut(rest.len() - size[b]);
            bucket.push(slice);
            rest = head;
        }
        debug_assert!(rest.is_empty(), "the wave's buckets fill the list's tail");
    }
    slices
}

/// Where `threads` runs of buckets with about equal numbers of rows begin, and where the
/// last ends: `rows[b]` is bucket `b`'s. Runs may be empty.
fn runs(rows: &[usize], threads: usize) -> Vec<usize> {
    let total: usize = rows.iter().sum();
    let threads = threads.clamp(1, rows.len().max(1));
    let mut before = Vec::with_capacity(rows.len());
    let mut sum = 0;
    for &n in rows {
        before.push(sum);
        sum += n;
    }
    (0..=threads)
        .map(|t| if t == threads { rows.len() } else { before.partition_point(|&s| s < total * t / threads) })
        .collect()
}

// A customer-day's categories are the low 32 bits of a summed key, below its day; the
// key's 6-bit category field must tell them apart from "none".
const _: () = assert!(MAX_CATEGORIES <= 32 && MAX_CATEGORIES < NO_CATEGORY as usize);

/// Buckets of customers that rows are first cut into: few enough for their write positions
/// to stay in the caches, many enough for a bucket's rows to fit them.
const BUCKETS: usize = 256;

/// The most rows a wave of buckets takes (one bucket larger than this is a wave of its
/// own): 16 MiB of plain rows, the memory the days may take beside the rows.
#[cfg(not(test))]
const WAVE: usize = 1 << 20;

/// In tests, fewer: a test's thousands of rows then take several waves.
#[cfg(test)]
const WAVE: usize = 2_000;

/// The most rows of a bucket that [`group_run`] deals to their customers through a copy,
/// per thread: 16 MiB of plain rows, 24 with margins. A log of ten million rows has
/// buckets of some 40,000 rows, one at the 1 GiB limit of a few hundred thousand; only a
/// customer of millions of rows makes a bucket larger, which is then grouped in place.
#[cfg(not(test))]
const DEAL_MAX: usize = 1 << 20;

/// In tests, whose buckets are small, fewer: a test's customer with thousands of rows is
/// then grouped in place, and both ways are tested.
#[cfg(test)]
const DEAL_MAX: usize = 1_000;

/// Room each thread's day list starts with, at least: with glibc, a block of more than
/// 32 MiB is a mapping of its own, given back to the system when freed, while a smaller one
/// may come from a thread's heap, which keeps its memory once it is freed. Room never
/// written takes no memory, and the list is shrunk to its days.
const MAPPED: usize = 33 << 20;

/// What [`group_run`] needs to know of the customers: `per` to a bucket, how many in all,
/// and each worker's rows per customer.
struct Layout<'a> {
    per: usize,
    customers: usize,
    counts: &'a [Vec<u32>],
}

impl Layout<'_> {
    /// Where each of the customers `range` begins among their rows, and where the last
    /// ends, counting the rows of the workers `of` (all, or one).
    fn bounds(&self, range: Range<usize>, of: Range<usize>) -> Vec<usize> {
        let mut at = 0;
        let mut bounds = Vec::with_capacity(range.len() + 1);
        bounds.push(0);
        for c in range {
            at += self.counts[of.clone()].iter().map(|counts| counts[c] as usize).sum::<usize>();
            bounds.push(at);
        }
        bounds
    }
}

/// Groups a run of buckets whose first customer is `first_customer`, each bucket given as
/// its rows in each worker's list. Returns the day totals of the run's customers in order,
/// their margins (none unless `E` has them), and how many days each customer has.
///
/// A bucket's rows are dealt to their customers into a copy, which keeps them in the order
/// they lie and stays in or near the caches (some 640 KB of a 10 M-row log's bucket); each
/// customer's rows are then sorted and summed there. A bucket past [`DEAL_MAX`] rows (one
/// customer of millions of rows, such as a till's walk-in account) is not copied: each
/// worker's slice of it is cut by customer and summed per day where it lies, and only the
/// day totals of a customer are copied, to be merged across workers.
fn group_run<E: Entry>(
    buckets: Vec<Vec<&mut [E]>>,
    first_customer: usize,
    layout: &Layout,
) -> (Vec<DayTotal>, Vec<i64>, Vec<usize>) {
    let row_count: usize = buckets.iter().flatten().map(|s| s.len()).sum();
    let mut days = Vec::with_capacity(row_count.max(MAPPED / size_of::<DayTotal>()));
    let mut margins = if E::HAS_MARGIN { Vec::with_capacity(row_count.max(MAPPED / 8)) } else { Vec::new() };
    let mut kept = Vec::with_capacity(buckets.len() * layout.per);
    let mut emit = |summed: &[E]| {
        days.extend(summed.iter().map(day_total));
        if E::HAS_MARGIN {
            margins.extend(summed.iter().map(Entry::margin));
        }
        summed.len()
    };
    let mut scratch: Vec<E> = Vec::new();
    for (i, mut sources) in buckets.into_iter().enumerate() {
        let first = first_customer + i * layout.per;
        let customers = first..(first + layout.per).min(layout.customers);
        let customer = |row: &E| rows::customer(row.key()) as usize - first;
        let n: usize = sources.iter().map(|s| s.len()).sum();
        if n <= DEAL_MAX {
            let bounds = layout.bounds(customers, 0..layout.counts.len());
            if scratch.len() < n {
                scratch.resize(n, E::new(0, 0, 0));
            }
            let dealt = &mut scratch[..n];
            rows::deal(sources.iter().map(|s| &**s), &bounds, customer, dealt);
            for run in bounds.windows(2) {
                let run = &mut dealt[run[0]..run[1]];
                let n = sum_per_day(run);
                kept.push(emit(&run[..n]));
            }
        } else {
            let bounds: Vec<Vec<usize>> =
                (0..sources.len()).map(|w| layout.bounds(customers.clone(), w..w + 1)).collect();
            for (slice, bounds) in sources.iter_mut().zip(&bounds) {
                rows::permute(slice, bounds, customer);
            }
            for c in 0..customers.len() {
                scratch.clear();
                for (slice, bounds) in sources.iter_mut().zip(&bounds) {
                    let run = &mut slice[bounds[c]..bounds[c + 1]];
                    let n = sum_per_day(run);
                    scratch.extend_from_slice(&run[..n]);
                }
                let n = merge_summed(&mut scratch);
                kept.push(emit(&scratch[..n]));
            }
        }
    }
    // The lists were made room for every row; their days are fewer.
    days.shrink_to_fit();
    margins.shrink_to_fit();
    (days, margins, kept)
}

/// Keys a worker's rows by the customer's number among all `customers` (`map`) and the
/// category's (`categories`), counts each customer's rows, and cuts the rows into buckets
/// of `per` customers where they lie, the last bucket first: [`group`] takes the first
/// buckets from the end of the list, which then gives their memory back. Returns the rows
/// per customer, and per bucket in bucket order.
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

/// Merges one customer's day totals summed apart ([`sum_per_day`]'s entries, each keyed by
/// its day and categories, each run sorted by day): sorts them by day and adds those of one
/// day into the first. Returns how many days remain.
fn merge_summed<E: Entry>(entries: &mut [E]) -> usize {
    let day = |e: &E| e.key() >> 32;
    entries.sort_unstable_by_key(day);
    let mut kept = 0;
    for i in 0..entries.len() {
        let entry = entries[i];
        if kept > 0 && day(&entries[kept - 1]) == day(&entry) {
            let sum = &mut entries[kept - 1];
            sum.add(&entry);
            sum.set_key(sum.key() | entry.key());
        } else {
            entries[kept] = entry;
            kept += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::rows::{PlainRow, RowWithMargin};

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
    fn day_totals_summed_apart_are_merged_by_day() {
        // One customer's days summed on two workers: days 3 and 5 on both, 4 and 9 on one.
        let summed = |day: u64, categories: u64, amount, margin| {
            RowWithMargin::new((day << 32) | categories, amount, margin)
        };
        let mut entries = vec![
            summed(3, 0b01, 10, 1),
            summed(5, 0b10, 7, 2),
            summed(9, 0, -4, -1),
            summed(3, 0b10, 5, 3),
            summed(4, 0, 1, 0),
            summed(5, 0b10, 2, 4),
        ];
        let kept = merge_summed(&mut entries);
        let days: Vec<(DayTotal, i64)> = entries[..kept].iter().map(|e| (day_total(e), e.margin())).collect();
        let total = |day, categories, amount, margin| (DayTotal { day, categories, amount }, margin);
        assert_eq!(
            days,
            [total(3, 0b11, 15, 4), total(4, 0, 1, 0), total(5, 0b10, 9, 6), total(9, 0, -4, -1)]
        );
        assert_eq!(merge_summed::<PlainRow>(&mut []), 0);
    }

    #[test]
    fn grouping_sorts_each_customers_rows_on_any_number_of_threads() {
        // Many customers with a few rows each (more customers than buckets: buckets small
        // enough to be dealt), a few with many rows (fewer than buckets), buckets of two
        // customers of 600 rows each (past `DEAL_MAX`: cut in place), such buckets among
        // small ones in one wave, two buckets of exactly a wave, one customer with every
        // row, and none.
        let shapes: [Shape; 7] = [
            (5_000, |c| c % 7),
            (3, |c| c * 40 + 1),
            (260, |_| 600),
            (300, |c| if c % 50 == 0 { 1_200 } else { c % 4 }),
            (2, |_| 1_000),
            (1, |_| 3_000),
            (0, |_| 0),
        ];
        const {
            assert!(2 * 600 > DEAL_MAX && 260 > BUCKETS && 7 * 5_000 / BUCKETS < DEAL_MAX);
            assert!(1_200 > DEAL_MAX && 1_200 + 2 * 3 < WAVE && 2 * 1_000 == WAVE && 1_000 <= DEAL_MAX);
        };
        for (customers, rows_of) in shapes {
            check_grouping(customers, rows_of);
        }
    }

    /// A number of customers, and how many rows customer `c` has.
    type Shape = (u32, fn(u32) -> u32);

    /// A row: customer, day, amount, category (`NO_CATEGORY` for none).
    type TestRow = (u32, i32, i64, u8);

    /// A customer's day: day, amount, margin, categories.
    type TestDay = (i32, i64, i64, u32);

    /// `customers`' rows in a scrambled order (customer `c`'s `rows_of(c)` rows on the days
    /// `c % 5` plus 0, 0, 1, 1, 2, …, each in one of four categories or none), grouped from
    /// three workers' lists and a fourth worker's empty one, each worker numbering customers
    /// and categories its own way.
    fn check_grouping(customers: u32, rows_of: fn(u32) -> u32) {
        let mut all: Vec<TestRow> = (0..customers)
            .flat_map(|c| {
                (0..rows_of(c)).map(move |i| {
                    let category = if i % 5 == 4 { NO_CATEGORY } else { u8::try_from((c + i) % 4).unwrap() };
                    (c, i32::try_from(c % 5 + i / 2).unwrap(), i64::from(c + i) - 2, category)
                })
            })
            .collect();
        all.sort_by_key(|&(c, day, amount, _)| {
            (u64::from(c) * 2_654_435_761 + u64::try_from(amount + 2).unwrap()) % 10_007
                + u64::try_from(day).unwrap()
        });
        // Each customer's days, each row's margin a third of its amount (rounded toward
        // zero): a day's margin is then the sum of its rows', not a third of its amount. A
        // row's category counts when its amount is above zero.
        let mut expected: Vec<Vec<TestDay>> = vec![Vec::new(); customers as usize];
        for &(c, day, amount, category) in &all {
            let bought = if amount > 0 && category != NO_CATEGORY { 1 << category } else { 0 };
            let days = &mut expected[c as usize];
            match days.iter_mut().find(|d| d.0 == day) {
                Some(d) => (d.1, d.2, d.3) = (d.1 + amount, d.2 + amount / 3, d.3 | bought),
                None => days.push((day, amount, amount / 3, bought)),
            }
        }
        for days in &mut expected {
            days.sort_unstable();
        }
        let without_margins: Vec<Vec<TestDay>> = expected
            .iter()
            .map(|days| days.iter().map(|&(day, amount, _, bought)| (day, amount, 0, bought)).collect())
            .collect();
        for threads in [1, 2, 3, 8] {
            let plain = grouped_by_workers::<PlainRow>(&all, customers, threads);
            assert_eq!(plain, without_margins, "{customers} customers, {threads} threads");
            let with_margins = grouped_by_workers::<RowWithMargin>(&all, customers, threads);
            assert_eq!(with_margins, expected, "{customers} customers, {threads} threads, margins");
        }
    }

    /// `all` dealt to three workers in turn (a fourth gets none), worker `w` numbering
    /// customer `c` as `(c + 7w) % customers` and category `k` as `(k + w) % 4`, and grouped
    /// on `threads`: each customer's days, the margin 0 without one.
    fn grouped_by_workers<E: Entry>(all: &[TestRow], customers: u32, threads: usize) -> Vec<Vec<TestDay>> {
        const WORKERS: u32 = 4;
        let mut parts: Vec<Part<E>> = (0..WORKERS).map(|_| Part::default()).collect();
        for (i, &(c, day, amount, category)) in all.iter().enumerate() {
            let w = u32::try_from(i % 3).unwrap();
            let number = (c + 7 * w) % customers;
            let category =
                if category == NO_CATEGORY { NO_CATEGORY } else { (category + u8::try_from(w).unwrap()) % 4 };
            parts[w as usize].rows.push(Entry::new(rows::key(number, day, category), amount, amount / 3));
        }
        let remap: Vec<Vec<u32>> = (0..WORKERS)
            .map(|w| {
                let back = |n: u32| (i64::from(n) - 7 * i64::from(w)).rem_euclid(i64::from(customers));
                (0..customers).map(|n| u32::try_from(back(n)).unwrap()).collect()
            })
            .collect();
        let categories: Vec<Vec<u8>> = (0..WORKERS)
            .map(|w| (0..4u8).map(|k| (k + 4 - u8::try_from(w).unwrap()) % 4).collect())
            .collect();
        let (days, ranges) = group(parts, &remap, &categories, customers as usize, threads);
        assert_eq!(days.len(), ranges.last().map_or(0, |r| r.end), "the days are the customers' only");
        ranges
            .into_iter()
            .map(|r| {
                let (days, margins) = days.get(r);
                assert_eq!(margins.len(), if E::HAS_MARGIN { days.len() } else { 0 });
                days.iter()
                    .enumerate()
                    .map(|(i, d)| (d.day, d.amount, margins.get(i).copied().unwrap_or(0), d.categories))
                    .collect()
            })
            .collect()
    }
}
