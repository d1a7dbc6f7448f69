//! The customers of a BG/NBD-family fit as the likelihood reads them: the distinct times
//! they were observed at, in order, and each customer's history `(x, tₓ, T)` with its
//! times as places in that order, sorted so that equal histories lie together.
//!
//! A million customers have a thousand or so distinct times (whole days) and few repeat
//! purchases each, so both steps count instead of comparing: whole-day times are placed
//! through a table indexed by the day, and the histories sorted by counting, one pass per
//! field. Anything else — fractions of a day, days far beyond the customers' number, more
//! repeat purchases than customers — is sorted by comparing, as before: the result is the
//! same list either way, only slower.

use super::bg_nbd::Rfm;

/// A history: repeat purchases, and the places of `tₓ` and `T` among the distinct times.
pub type HistoryKey = (u32, u32, u32);

/// The table of days is at most this long (4 bytes a day: 4 MiB, some 2,870 years)…
const MAX_TABLE_DAY: u32 = 1 << 20;

/// …and at most this many days longer than the customers are many, so that a summary of
/// a few customers with one far-off day costs no large table.
const TABLE_DAYS_PER_CUSTOMER: usize = 8;

/// The distinct times of `customers` (their `tₓ` and `T`) in ascending order, and each
/// customer's history, sorted.
pub fn sorted(customers: &[Rfm]) -> (Vec<f64>, Vec<HistoryKey>) {
    let table_fits = |last: u32| last as usize <= TABLE_DAYS_PER_CUSTOMER * customers.len() + 4096;
    let Some(last) = last_whole_day(customers).filter(|&last| table_fits(last)) else {
        return by_comparing(customers);
    };
    let (times, mut histories) = by_day(customers, last);
    let max_x = histories.iter().map(|h| h.0).max().unwrap_or(0) as usize;
    if max_x <= histories.len() {
        sort_by_counting(&mut histories, times.len(), max_x);
    } else {
        histories.sort_unstable();
    }
    (times, histories)
}

/// `t` as a whole day the table can hold; `None` for anything else (a fraction, −0, NaN,
/// an infinity, a negative number, a day past the table).
fn whole_day(t: f64) -> Option<u32> {
    let whole = t.fract() == 0.0 && t.is_sign_positive() && t <= f64::from(MAX_TABLE_DAY);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just above
    whole.then_some(t as u32)
}

/// The last day among the customers' times when every time is a whole day the table holds.
fn last_whole_day(customers: &[Rfm]) -> Option<u32> {
    customers.iter().try_fold(0, |last, c| Some(last.max(whole_day(c.t_x)?).max(whole_day(c.t)?)))
}

/// Times all whole days up to `last`: a table marks the days seen, and numbers them in order.
fn by_day(customers: &[Rfm], last: u32) -> (Vec<f64>, Vec<HistoryKey>) {
    const UNSEEN: u32 = u32::MAX;
    let day = |t: f64| whole_day(t).map_or(0, |d| d as usize);
    let mut places = vec![UNSEEN; last as usize + 1];
    for c in customers {
        places[day(c.t_x)] = 0;
        places[day(c.t)] = 0;
    }
    let mut times = Vec::new();
    for (d, place) in (0u32..).zip(&mut places) {
        if *place != UNSEEN {
            *place = u32::try_from(times.len()).unwrap_or(UNSEEN);
            times.push(f64::from(d));
        }
    }
    let histories = customers.iter().map(|c| (c.x, places[day(c.t_x)], places[day(c.t)])).collect();
    (times, histories)
}

/// Any times: every time sorted (equal bits, equal place: `total_cmp` orders by the
/// bits), each placed by searching, the histories sorted by comparing.
fn by_comparing(customers: &[Rfm]) -> (Vec<f64>, Vec<HistoryKey>) {
    let mut times: Vec<f64> = customers.iter().flat_map(|c| [c.t_x, c.t]).collect();
    times.sort_unstable_by(f64::total_cmp);
    times.dedup_by(|a, b| a.to_bits() == b.to_bits());
    let place = |t: f64| {
        let i = times.partition_point(|s| s.total_cmp(&t).is_lt());
        u32::try_from(i).unwrap_or(u32::MAX)
    };
    let mut histories: Vec<HistoryKey> = customers.iter().map(|c| (c.x, place(c.t_x), place(c.t))).collect();
    histories.sort_unstable();
    (times, histories)
}

/// Sorts by `T`, then stably by `tₓ`, then by `x`, each pass counting the values of one
/// field (`places` times, `x` up to `max_x`): the histories end up in ascending order.
fn sort_by_counting(histories: &mut Vec<HistoryKey>, places: usize, max_x: usize) {
    let mut spare = vec![(0, 0, 0); histories.len()];
    // Each pass: which field, and how many values it takes.
    let passes: [(usize, usize); 3] = [(2, places), (1, places), (0, max_x + 1)];
    for (index, values) in passes {
        let field = |h: &HistoryKey| [h.0, h.1, h.2][index];
        let mut next = vec![0usize; values];
        for h in histories.iter() {
            next[field(h) as usize] += 1;
        }
        let mut start = 0;
        for n in &mut next {
            (start, *n) = (start + *n, start);
        }
        for h in histories.iter() {
            let at = &mut next[field(h) as usize];
            spare[*at] = *h;
            *at += 1;
        }
        std::mem::swap(histories, &mut spare);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bits(times: &[f64]) -> Vec<u64> {
        times.iter().map(|t| t.to_bits()).collect()
    }

    /// `sorted` and the plain way agree, bit for bit.
    fn agree(customers: &[Rfm]) {
        let (times, histories) = sorted(customers);
        let (expected_times, expected) = by_comparing(customers);
        assert_eq!(bits(&times), bits(&expected_times));
        assert_eq!(histories, expected);
    }

    fn customers(n: u32, time: impl Fn(u32) -> f64, x: impl Fn(u32) -> u32) -> Vec<Rfm> {
        (0..n).map(|i| Rfm { x: x(i), t_x: time(i * 7 % 13), t: time(13 + i * 31 % 997) }).collect()
    }

    #[test]
    fn the_table_and_counting_give_the_plain_result() {
        // Whole days: the table, then counting (x up to the customers' number, and past it).
        agree(&customers(5_000, f64::from, |i| i * 17 % 23));
        agree(&customers(300, f64::from, |i| i * 1_000));
        agree(&customers(1, f64::from, |_| 1));
        agree(&[]);
        // The last day the table holds, for enough customers; one past it, or one far-off
        // day among few customers: compared.
        let last = f64::from(MAX_TABLE_DAY);
        agree(&customers(200_000, |d| if d == 1_009 { last } else { f64::from(d) }, |i| i % 5));
        agree(&customers(300, |d| last + f64::from(d), |i| i % 5));
        agree(&customers(300, |d| if d == 1_009 { 1e5 } else { f64::from(d) }, |i| i % 5));
        assert!(last_whole_day(&customers(300, |d| f64::from(d) + 0.5, |_| 0)).is_none());
    }

    #[test]
    fn counting_sorts_in_ascending_order() {
        let mut histories: Vec<HistoryKey> =
            (0..2_000u32).map(|i| (i * 7 % 5, i * 11 % 9, i * 13 % 9)).collect();
        let mut expected = histories.clone();
        expected.sort_unstable();
        sort_by_counting(&mut histories, 9, 4);
        assert_eq!(histories, expected);
    }

    /// A time from anywhere: small whole days mostly, and any bits at all (−0, NaN,
    /// infinities, fractions, huge and negative numbers).
    fn any_time() -> impl Strategy<Value = f64> {
        prop_oneof![4 => (0u32..400).prop_map(f64::from), 1 => any::<u64>().prop_map(f64::from_bits)]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        #[test]
        fn any_times_give_the_plain_result(
            raw in prop::collection::vec((0u32..60, any_time(), any_time()), 0..300),
        ) {
            let customers: Vec<Rfm> = raw.into_iter().map(|(x, t_x, t)| Rfm { x, t_x, t }).collect();
            agree(&customers);
        }
    }
}
