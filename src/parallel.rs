//! Work shared across the machine's cores in plain scoped threads.
//!
//! Results come back in the order of the input, and every sum over them is of integers or
//! done in that order, so the output never depends on how many cores did the work.

/// Threads to use: one per core, at most eight.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8)
}

/// Applies `f` to runs of `items`, one run per thread, and returns the results in order.
pub fn map_runs<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let run = items.len().div_ceil(threads()).max(1);
    if items.len() <= run {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(run).map(|chunk| scope.spawn(move || f(chunk))).collect();
        handles.into_iter().map(|h| h.join().expect("a worker thread panicked")).collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_come_back_in_order_and_cover_everything() {
        let items: Vec<u32> = (0..1001).collect();
        let runs = super::map_runs(&items, <[u32]>::to_vec);
        assert_eq!(runs.concat(), items);
        assert_eq!(super::map_runs(&[] as &[u32], <[u32]>::len), [0]);
    }
}
