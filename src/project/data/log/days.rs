//! Every customer's day totals, in the lists grouping wrote them to.
//!
//! Grouping sums the rows a wave of customers at a time, each thread into a list of its own
//! (`group`), so the days come in several lists, one after the other in customer order.
//! Joining them into one would copy every day once more, single-threaded, into memory not
//! touched before; looking a customer's days up costs a binary search among the lists
//! (a wave's per thread: two dozen for the 10 M-row log on two cores).

use std::ops::Range;

use super::DayTotal;

/// Day totals numbered 0, 1, 2, … across lists that follow one another; a customer's days
/// are a range of these numbers that lies in one list.
#[derive(Debug, Default)]
pub struct Days {
    lists: Vec<List>,
}

/// One list: the number of its first day, its days, and their margins (empty when the log
/// has no margin column, else one per day).
#[derive(Debug)]
struct List {
    first: usize,
    days: Vec<DayTotal>,
    margins: Vec<i64>,
}

impl List {
    fn end(&self) -> usize {
        self.first + self.days.len()
    }
}

impl Days {
    /// Adds a list after the others: its days are numbered on from [`Days::len`].
    pub fn push(&mut self, days: Vec<DayTotal>, margins: Vec<i64>) {
        debug_assert!(margins.is_empty() || margins.len() == days.len(), "a margin per day, or none");
        if !days.is_empty() {
            self.lists.push(List { first: self.len(), days, margins });
        }
    }

    /// How many days there are.
    pub fn len(&self) -> usize {
        self.lists.last().map_or(0, List::end)
    }

    /// The days numbered `range`, and their margins (empty without a margin column). The
    /// range must lie in one list, as every customer's days do.
    pub fn get(&self, range: Range<usize>) -> (&[DayTotal], &[i64]) {
        if range.is_empty() {
            return (&[], &[]);
        }
        let list = &self.lists[self.lists.partition_point(|l| l.end() <= range.start)];
        debug_assert!(range.end <= list.end(), "days {range:?} lie in one list");
        let local = range.start - list.first..range.end - list.first;
        let margins = if list.margins.is_empty() { &[][..] } else { &list.margins[local.clone()] };
        (&list.days[local], margins)
    }

    /// Keeps the first `len` days and gives the memory of the others back.
    pub fn truncate(&mut self, len: usize) {
        self.lists.retain(|l| l.first < len);
        if let Some(last) = self.lists.last_mut() {
            let keep = len - last.first;
            if keep < last.days.len() {
                last.days.truncate(keep);
                last.days.shrink_to_fit();
                last.margins.truncate(keep);
                last.margins.shrink_to_fit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(from: i32, n: i32) -> Vec<DayTotal> {
        (from..from + n).map(|day| DayTotal { day, categories: 0, amount: i64::from(day) * 10 }).collect()
    }

    #[test]
    fn days_are_numbered_on_across_lists_and_found_in_theirs() {
        let mut all = Days::default();
        all.push(days(0, 3), vec![1, 2, 3]);
        all.push(Vec::new(), Vec::new());
        all.push(days(100, 2), vec![4, 5]);
        all.push(days(200, 4), vec![6, 7, 8, 9]);
        assert_eq!(all.len(), 9);
        let day_numbers = |r: Range<usize>| all.get(r).0.iter().map(|d| d.day).collect::<Vec<_>>();
        assert_eq!(day_numbers(0..3), [0, 1, 2]);
        assert_eq!(day_numbers(3..5), [100, 101]);
        assert_eq!(day_numbers(5..6), [200]);
        assert_eq!(day_numbers(6..9), [201, 202, 203]);
        assert_eq!(all.get(4..5).1, [5]);
        assert_eq!(all.get(3..3), (&[][..], &[][..]));
    }

    #[test]
    fn truncating_keeps_the_first_days_and_drops_whole_lists_after_them() {
        let mut all = Days::default();
        all.push(days(0, 3), Vec::new());
        all.push(days(100, 2), Vec::new());
        all.push(days(200, 4), Vec::new());
        all.truncate(4);
        assert_eq!(all.len(), 4);
        assert_eq!(all.get(3..4).0[0].day, 100);
        assert!(all.get(3..4).1.is_empty(), "no margins without a margin column");
        all.truncate(9);
        assert_eq!(all.len(), 4, "a cut past the end keeps every day");
        all.truncate(3);
        assert_eq!((all.len(), all.lists.len()), (3, 1));
        all.truncate(0);
        assert_eq!((all.len(), all.lists.len()), (0, 0));

        // Margins go with their days.
        let mut all = Days::default();
        all.push(days(0, 2), vec![1, 2]);
        all.push(days(100, 3), vec![3, 4, 5]);
        all.truncate(3);
        assert_eq!(all.get(2..3), (&days(100, 1)[..], &[3][..]));
        assert_eq!(all.lists[1].margins.capacity(), 1, "the rest given back");
    }
}
