//! The customers of a BG/NBD-family fit as the likelihood reads them: the distinct times
//! they were observed at, in order, and each customer's history `(x, tₓ, T)` with its
//! times as places in that order, sorted so that equal histories lie together.
//!
//! A million customers have a thousand or so distinct times (whole days) and few repeat
//! purchases each, so both steps count instead of comparing: times in whole days are
//! placed through a table indexed by the day, and the histories sorted by counting, one
//! pass per field. Other times (fractions of a day, or too large for the table) are placed
//! by a hash of their bits, and a history list too wide to count is sorted by comparing:
//! either way the result is the same list.

use rustc_hash::FxHashMap;

use super::bg_nbd::Rfm;

/// A history: repeat purchases, and the places of `tₓ` and `T` among the distinct times.
pub type History = (u32, u32, u32);

/// Days up to this are placed through a table (4 bytes per day).
const MAX_TABLE_DAY: u32 = 1 << 20;

/// The distinct times of `customers` (their `tₓ` and `T`) in ascending order, and each
/// customer's history, sorted.
pub fn sorted(customers: &[Rfm]) -> (Vec<f64>, Vec<History>) {
    let (times, mut histories) = match last_whole_day(customers) {
        Some(last) => by_day(customers, last),
        None => by_bits(customers),
    };
    let max_x = histories.iter().map(|h| h.0).max().unwrap_or(0) as usize;
    if max_x <= histories.len() {
        sort_by_counting(&mut histories, times.len(), max_x);
    } else {
        histories.sort_unstable();
    }
    (times, histories)
}

/// `t` as a whole day the table can hold; `None` for anything else (a fraction, −0, NaN).
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
fn by_day(customers: &[Rfm], last: u32) -> (Vec<f64>, Vec<History>) {
    const UNSEEN: u32 = u32::MAX;
    let day = |t: f64| whole_day(t).unwrap_or(0) as usize;
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

/// Any times: the distinct ones by their bits (equal bits, equal place), then sorted.
fn by_bits(customers: &[Rfm]) -> (Vec<f64>, Vec<History>) {
    let mut places: FxHashMap<u64, u32> = FxHashMap::default();
    for c in customers {
        places.entry(c.t_x.to_bits()).or_default();
        places.entry(c.t.to_bits()).or_default();
    }
    let mut times: Vec<f64> = places.keys().map(|&bits| f64::from_bits(bits)).collect();
    times.sort_unstable_by(f64::total_cmp);
    for (place, t) in (0u32..).zip(&times) {
        places.insert(t.to_bits(), place);
    }
    let place = |t: f64| places[&t.to_bits()];
    let histories = customers.iter().map(|c| (c.x, place(c.t_x), place(c.t))).collect();
    (times, histories)
}

/// Sorts by `T`, then stably by `tₓ`, then by `x`, each pass counting the values of one
/// field (`places` times, `x` up to `max_x`): the histories end up in ascending order.
fn sort_by_counting(histories: &mut Vec<History>, places: usize, max_x: usize) {
    let mut spare = vec![(0, 0, 0); histories.len()];
    // Each pass: which field, and how many values it takes.
    let passes: [(usize, usize); 3] = [(2, places), (1, places), (0, max_x + 1)];
    for (index, values) in passes {
        let field = |h: &History| [h.0, h.1, h.2][index];
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

    /// The plain way: every time sorted, each placed by searching, the histories compared.
    fn by_comparing(customers: &[Rfm]) -> (Vec<f64>, Vec<History>) {
        let mut times: Vec<f64> = customers.iter().flat_map(|c| [c.t_x, c.t]).collect();
        times.sort_unstable_by(f64::total_cmp);
        times.dedup_by(|a, b| a.to_bits() == b.to_bits());
        let place = |t: f64| u32::try_from(times.partition_point(|s| s.total_cmp(&t).is_lt())).unwrap();
        let mut histories: Vec<History> = customers.iter().map(|c| (c.x, place(c.t_x), place(c.t))).collect();
        histories.sort_unstable();
        (times, histories)
    }

    fn bits(times: &[f64]) -> Vec<u64> {
        times.iter().map(|t| t.to_bits()).collect()
    }

    fn customers(n: u32, time: impl Fn(u32) -> f64, x: impl Fn(u32) -> u32) -> Vec<Rfm> {
        (0..n).map(|i| Rfm { x: x(i), t_x: time(i * 7 % 13), t: time(13 + i * 31 % 997) }).collect()
    }

    #[test]
    fn every_path_gives_the_plain_result() {
        let cases = [
            // Whole days: the table, then counting.
            customers(5_000, f64::from, |i| i * 17 % 23),
            // Fractions of a day and −0: the hash.
            customers(5_000, |d| f64::from(d) / 7.0, |i| i % 5),
            customers(50, |d| if d == 0 { -0.0 } else { f64::from(d) }, |i| i % 3),
            // Days past the table, and more repeat purchases than customers: comparing.
            customers(300, |d| f64::from(MAX_TABLE_DAY) + f64::from(d), |i| i * 1_000),
            Vec::new(),
        ];
        for case in cases {
            let (times, histories) = sorted(&case);
            let (expected_times, expected) = by_comparing(&case);
            assert_eq!(bits(&times), bits(&expected_times));
            assert_eq!(histories, expected);
        }
        // Both placings of the same whole days agree.
        let days = customers(1_000, f64::from, |i| i % 4);
        assert_eq!(by_day(&days, 13 + 996), by_bits(&days));
    }

    #[test]
    fn counting_sorts_in_ascending_order() {
        let mut histories: Vec<History> =
            (0..2_000u32).map(|i| (i * 7 % 5, i * 11 % 9, i * 13 % 9)).collect();
        let mut expected = histories.clone();
        expected.sort_unstable();
        sort_by_counting(&mut histories, 9, 4);
        assert_eq!(histories, expected);
    }
}
