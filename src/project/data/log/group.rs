//! The workers' rows grouped by customer and summed per day, in place: each worker's rows
//! renumbered and cut into buckets of customers, the buckets joined, and each bucket's rows
//! dealt to their customers and summed by day on all cores.

use std::ops::Range;

use super::DayTotal;
use super::rows::{self, Entry, NO_CATEGORY};
use super::worker::{MAX_CATEGORIES, Part};

/// Groups the rows by customer and sums the rows of one day: returns the days, their
/// margins (empty unless `E` has them) and each customer's run of days.
///
/// The rows are sorted where they lie, in three steps: each worker's rows renumbered and
/// cut into [`BUCKETS`] runs of customers by swaps in place ([`rows::permute`]), a
/// thread per worker ([`cut_part`]); the workers' lists joined bucket by bucket
/// ([`join_buckets`]); then `threads` threads take runs of buckets, deal each bucket's
/// rows to its customers ([`rows::deal`], through a copy of at most [`DEAL_MAX`] rows per
/// thread), and sort and sum each customer's rows by day. No second list of the rows is
/// made beside the first, so grouping takes the memory of the rows once.
pub fn group<E: Entry>(
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
    // A bucket's rows, copied out and dealt to their customers, keep their order: the
    // file's, by date, which each customer's sort by day then finds nearly done. A bucket
    // is small enough for its copy to stay in or near the caches (some 640 KB of a 10 M-row
    // log's bucket); cut in place instead, the 10 M-row log took as long. A bucket past
    // [`DEAL_MAX`] rows (one customer of millions of rows, such as a till's walk-in
    // account) is cut in place, so that the copy stays small beside the rows.
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

#[cfg(test)]
mod tests {
    use super::*;

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
            let mut parts: Vec<Part<PlainRow>> = (0..3).map(|_| Part::default()).collect();
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
