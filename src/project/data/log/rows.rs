//! A row as the reader keeps it between reading and grouping, and the two ways grouping
//! puts rows into buckets: in place ([`permute`]) and through a copy ([`deal`]).
//!
//! A log holds ten rows per customer or more, so the rows are the reader's memory: 16 bytes
//! each (24 with a margin column), the customer, day and category packed into one key.
//! Grouping cuts them into buckets of customers where they lie, and copies only one bucket
//! at a time per thread, to [`deal`] it to its customers; the rows of a wave of buckets are
//! given back as their day totals are written (`group`), so the memory a log takes is its
//! rows once, plus a wave, plus what its customers take.

/// A row's customer number, day and category in one integer whose order is
/// (customer, day): bits 63–32 the customer, 31–6 the day, 5–0 the category.
///
/// The day (days since 1970) fits 26 bits: dates have four-digit years, and 9999-12-31 is
/// day 2,932,896 < 2²⁶. The category is a worker's or the log's index (at most
/// [`super::worker::MAX_CATEGORIES`]), or [`NO_CATEGORY`].
pub type SortKey = u64;

/// The category field of a row that names none (no category column, or a return without one).
pub const NO_CATEGORY: u8 = 63;

const DAY_BITS: u32 = 26;
const CATEGORY_BITS: u32 = 6;

/// Whether `day` fits a key: every day of a four-digit year from 1970 on does.
pub fn fits(day: i32) -> bool {
    (0..1 << DAY_BITS).contains(&day)
}

pub fn key(customer: u32, day: i32, category: u8) -> SortKey {
    debug_assert!(fits(day), "day {day} fits the key");
    #[allow(clippy::cast_sign_loss)] // days of four-digit years are positive
    let day = u64::from(day as u32) & ((1 << DAY_BITS) - 1);
    (u64::from(customer) << 32) | (day << CATEGORY_BITS) | u64::from(category.min(NO_CATEGORY))
}

pub fn customer(key: SortKey) -> u32 {
    #[allow(clippy::cast_possible_truncation)] // the high 32 bits
    let customer = (key >> 32) as u32;
    customer
}

pub fn day(key: SortKey) -> i32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // 26 bits
    let day = ((key >> CATEGORY_BITS) & ((1 << DAY_BITS) - 1)) as i32;
    day
}

pub fn category(key: SortKey) -> u8 {
    #[allow(clippy::cast_possible_truncation)] // 6 bits
    let category = (key & ((1 << CATEGORY_BITS) - 1)) as u8;
    category
}

/// What grouping needs of a row, whichever the row type.
pub trait Entry: Copy + Send + Sync {
    /// Whether rows of this type carry a margin.
    const HAS_MARGIN: bool;
    fn new(key: SortKey, amount: i64, margin: i64) -> Self;
    /// The row's [`SortKey`]; once grouping has summed a day into it, the day and the
    /// day's set of categories instead (see `group::sum_per_day`).
    fn key(&self) -> SortKey;
    fn set_key(&mut self, key: SortKey);
    fn amount(&self) -> i64;
    fn margin(&self) -> i64;
    /// Adds `other`'s money to this row's.
    fn add(&mut self, other: &Self);
}

/// A row: its key and amount, and a margin of type `M` — `i64` for a log with a margin
/// column, `()` (no bytes) for one without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row<M> {
    key: SortKey,
    amount: i64,
    margin: M,
}

/// A row of a log without a margin column: 16 bytes.
pub type PlainRow = Row<()>;

/// A row of a log with a margin column: 24 bytes.
pub type RowWithMargin = Row<i64>;

/// A row's margin, or its absence.
pub trait Margin: Copy + Send + Sync {
    const PRESENT: bool;
    fn of(margin: i64) -> Self;
    fn get(self) -> i64;
}

impl Margin for () {
    const PRESENT: bool = false;
    fn of(_: i64) -> Self {}
    fn get(self) -> i64 {
        0
    }
}

impl Margin for i64 {
    const PRESENT: bool = true;
    fn of(margin: i64) -> Self {
        margin
    }
    fn get(self) -> i64 {
        self
    }
}

impl<M: Margin> Entry for Row<M> {
    const HAS_MARGIN: bool = M::PRESENT;
    fn new(key: SortKey, amount: i64, margin: i64) -> Self {
        Self { key, amount, margin: M::of(margin) }
    }
    fn key(&self) -> SortKey {
        self.key
    }
    fn set_key(&mut self, key: SortKey) {
        self.key = key;
    }
    fn amount(&self) -> i64 {
        self.amount
    }
    fn margin(&self) -> i64 {
        self.margin.get()
    }
    fn add(&mut self, other: &Self) {
        self.amount += other.amount;
        self.margin = M::of(self.margin.get() + other.margin.get());
    }
}

/// Moves every entry into its bucket's range, in place (an American flag sort):
/// `bounds[b]..bounds[b + 1]` is bucket `b`'s range, and must hold exactly as many entries
/// as `bucket_of` puts into it. Entries keep no order within a bucket. Only `bounds.len()`
/// write positions are live, so the moves stay in the caches when the buckets are few.
///
/// Each bucket's places not yet holding its entries are visited in turn, in rounds until
/// every bucket is full (as in `ska_sort`): the entry found is swapped to the next free
/// place of its own bucket, where it stays. The next swap's entry is already known, so the
/// CPU overlaps their loads; carrying one entry along its cycle instead made each move wait
/// for the load of the one before, and took twice the time.
pub fn permute<E: Copy>(entries: &mut [E], bounds: &[usize], bucket_of: impl Fn(&E) -> usize) {
    let buckets = bounds.len().saturating_sub(1);
    // Bucket `b`'s places before `next[b]` hold its entries; those from there to its end do not yet.
    let mut next: Vec<usize> = bounds[..buckets].to_vec();
    let mut unfilled: Vec<usize> = (0..buckets).filter(|&b| next[b] < bounds[b + 1]).collect();
    while !unfilled.is_empty() {
        unfilled.retain(|&b| {
            for at in next[b]..bounds[b + 1] {
                // Its bucket has a free place as long as one of its entries lies elsewhere;
                // for bucket `b` itself, that place is `at` or before it.
                let target = bucket_of(&entries[at]);
                debug_assert!(
                    next[target] < bounds[target + 1],
                    "more entries for bucket {target} than room"
                );
                entries.swap(at, next[target]);
                next[target] += 1;
            }
            next[b] < bounds[b + 1]
        });
    }
}

/// Puts the entries of `sources`, one list after the other, into their buckets' ranges of
/// `into` (as [`permute`] bounds them), each to the next free place of its bucket, so that
/// entries keep their order within a bucket: for entries few enough that `into` stays in
/// or near the caches.
pub fn deal<'a, E: Copy + 'a>(
    sources: impl IntoIterator<Item = &'a [E]>,
    bounds: &[usize],
    bucket_of: impl Fn(&E) -> usize,
    into: &mut [E],
) {
    let mut next: Vec<usize> = bounds[..bounds.len().saturating_sub(1)].to_vec();
    for entry in sources.into_iter().flatten() {
        let bucket = bucket_of(entry);
        into[next[bucket]] = *entry;
        next[bucket] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_orders_by_customer_then_day_and_gives_its_parts_back() {
        let last_day = crate::project::data::day_of(chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
        for (customer, day, category) in [(0, 0, 0), (7, 20_000, 5), (u32::MAX, last_day, 32), (3, 1, 255)] {
            let k = key(customer, day, category);
            assert_eq!(
                (super::customer(k), super::day(k), super::category(k)),
                (customer, day, category.min(63))
            );
        }
        assert!(key(1, 5, 0) < key(1, 6, 0) && key(1, 9_999, 63) < key(2, 0, 0));
    }

    #[test]
    fn a_row_takes_16_bytes_and_a_day_total_the_same() {
        // The rows are the reader's memory: a day total takes no more than a plain row.
        assert_eq!(std::mem::size_of::<PlainRow>(), 16);
        assert_eq!(std::mem::size_of::<super::super::DayTotal>(), 16);
        assert_eq!(std::mem::size_of::<RowWithMargin>(), 24);
    }

    #[test]
    fn permuting_puts_every_entry_into_its_bucket_and_loses_none() {
        // Entries are their bucket times ten plus a serial, in a scrambled order.
        let mut entries: Vec<u32> = (0..200u32).map(|i| (i * 37) % 200).map(|i| (i % 7) * 1000 + i).collect();
        let mut counts = [0usize; 7];
        for e in &entries {
            counts[(e / 1000) as usize] += 1;
        }
        let mut bounds = vec![0];
        for c in counts {
            bounds.push(bounds.last().unwrap() + c);
        }
        let mut before = entries.clone();
        let mut dealt = vec![0; entries.len()];
        // Dealt from two lists, the first 77 entries and the rest.
        let (head, tail) = before.split_at(77);
        deal([head, tail], &bounds, |e| (e / 1000) as usize, &mut dealt);
        permute(&mut entries, &bounds, |e| (e / 1000) as usize);
        for b in 0..7 {
            assert!(entries[bounds[b]..bounds[b + 1]].iter().all(|e| (e / 1000) as usize == b), "bucket {b}");
            // Dealt, a bucket keeps the order its entries came in.
            let came: Vec<u32> = before.iter().copied().filter(|e| (e / 1000) as usize == b).collect();
            assert_eq!(dealt[bounds[b]..bounds[b + 1]], came, "bucket {b} dealt");
        }
        before.sort_unstable();
        entries.sort_unstable();
        assert_eq!(entries, before);
    }

    #[test]
    fn permuting_fills_every_bucket_whatever_the_order_and_sizes() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        // Sizes and orders: one bucket, empty buckets, entries already in place or in
        // reverse, and random ones into 256 buckets.
        for case in 0..60 {
            let buckets = [1, 2, 3, 17, 256][case % 5];
            let n = [0, 1, 5, 1_000, 100_000][case / 12];
            let mut entries: Vec<u64> =
                (0..n).map(|_| random(buckets as u64) * 1_000_000 + random(999_999)).collect();
            match case % 3 {
                1 => entries.sort_unstable(),
                2 => entries.sort_unstable_by(|a, b| b.cmp(a)),
                _ => {}
            }
            let bucket_of = |e: &u64| usize::try_from(e / 1_000_000).unwrap();
            let mut bounds = vec![0; buckets + 1];
            for e in &entries {
                bounds[bucket_of(e) + 1] += 1;
            }
            for b in 0..buckets {
                bounds[b + 1] += bounds[b];
            }
            let mut expected = entries.clone();
            permute(&mut entries, &bounds, bucket_of);
            for b in 0..buckets {
                assert!(entries[bounds[b]..bounds[b + 1]].iter().all(|e| bucket_of(e) == b), "case {case}");
            }
            expected.sort_unstable();
            entries.sort_unstable();
            assert_eq!(entries, expected, "case {case}");
        }
    }
}
