//! Work shared across the machine's cores in plain scoped threads.
//!
//! Results come back in the order of the input, and every sum over them is of integers or
//! done in that order, so the output never depends on how many cores did the work.

/// Threads to use: one per core, at most eight. Asked once per run: each question reads the
/// cgroup files of the process, and a run asks hundreds of times.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8))
}

/// Drops `value` on a thread of its own, so that the caller need not wait while it is
/// freed: for a large result a command is done with just before its process ends, which
/// frees all memory at once and ends that thread too.
pub fn drop_aside<T: Send + 'static>(value: T) {
    // A thread the system refuses drops the value here, with the closure that holds it.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Applies `f` to runs of `items`, one run per thread, and returns the results in order.
pub fn map_runs<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    map_runs_on(threads(), items, f)
}

/// [`map_runs`] on `threads` threads.
fn map_runs_on<T: Sync, R: Send>(threads: usize, items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    if items.len() <= run_length(threads, items) {
        return vec![f(items)];
    }
    spawn_runs(threads, items, f, || ())
}

/// [`map_runs`], each run on a thread of its own, while this thread does `beside`: work it
/// has to do anyway, which would otherwise wait for the runs or keep them waiting.
pub fn map_runs_beside<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T]) -> R + Sync,
    beside: impl FnOnce(),
) -> Vec<R> {
    spawn_runs(threads(), items, f, beside)
}

/// The items per run of [`map_runs_on`].
fn run_length<T>(threads: usize, items: &[T]) -> usize {
    items.len().div_ceil(threads.max(1)).max(1)
}

/// Applies `f` to runs of `items` on `threads` threads while this one does `beside`.
fn spawn_runs<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    f: impl Fn(&[T]) -> R + Sync,
    beside: impl FnOnce(),
) -> Vec<R> {
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(run_length(threads, items)).map(|chunk| scope.spawn(move || f(chunk))).collect();
        beside();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Applies `f` to each item on all cores, each free thread taking the next item in order,
/// and returns the results in the order of `items`. For a few items of unequal work (the
/// segments of a summary, each fitted on its own), where [`map_runs`]' equal runs would
/// leave a core idle while another fits the largest segments one after the other.
pub fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_each_on(threads(), items, f)
}

/// [`map_each`] on `threads` threads.
fn map_each_on<T: Sync, R: Send>(threads: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { return done };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Items per chunk of [`sum_chunks`]: fixed, so the chunks, and with them every
/// floating-point sum, are the same on any number of cores.
const CHUNK: usize = 4096;

/// Sums the `K` values `f` gives for fixed-size chunks of `items`, the chunks spread over
/// the cores and their sums added in order: the result is the same, bit for bit, on any
/// machine.
pub fn sum_chunks<T: Sync, const K: usize>(items: &[T], f: impl Fn(&[T]) -> [f64; K] + Sync) -> [f64; K] {
    sum_chunks_on(threads(), items, f)
}

/// [`sum_chunks`] on `threads` threads.
fn sum_chunks_on<T: Sync, const K: usize>(
    threads: usize,
    items: &[T],
    f: impl Fn(&[T]) -> [f64; K] + Sync,
) -> [f64; K] {
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    let sums: Vec<[f64; K]> =
        map_runs_on(threads, &chunks, |run| run.iter().map(|chunk| f(chunk)).collect::<Vec<_>>()).concat();
    let mut total = [0.0; K];
    for sum in sums {
        for (t, s) in total.iter_mut().zip(sum) {
            *t += s;
        }
    }
    total
}

/// The lists one after the other, in order, moved into the first non-empty one: results
/// of a million customers are not copied into a second list beside the runs that made them.
pub fn concat<T>(lists: Vec<Vec<T>>) -> Vec<T> {
    let total: usize = lists.iter().map(Vec::len).sum();
    let mut joined = Vec::new();
    for mut list in lists {
        if joined.is_empty() {
            joined = list;
            joined.reserve_exact(total - joined.len());
        } else {
            joined.append(&mut list);
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    #[test]
    fn concat_keeps_the_order_and_moves_into_the_first_list() {
        let joined = super::concat(vec![Vec::new(), vec![1, 2], vec![3], Vec::new(), vec![4, 5]]);
        assert_eq!(joined, [1, 2, 3, 4, 5]);
        assert_eq!(joined.capacity(), 5, "grown once, to the total");
        assert!(super::concat(Vec::<Vec<u8>>::new()).is_empty());
    }

    #[test]
    fn runs_come_back_in_order_and_cover_everything() {
        let items: Vec<u32> = (0..1001).collect();
        let runs = super::map_runs(&items, <[u32]>::to_vec);
        assert_eq!(runs.concat(), items);
        assert_eq!(super::map_runs(&[] as &[u32], <[u32]>::len), [0]);
        let mut beside = 0;
        let runs = super::map_runs_beside(&items, <[u32]>::to_vec, || beside += 1);
        assert_eq!((runs.concat(), beside), (items, 1), "every run, and the work beside them once");
        let none = super::map_runs_beside(&[] as &[u32], <[u32]>::len, || beside += 1);
        assert_eq!((none.len(), beside), (0, 2));
    }

    #[test]
    fn each_item_comes_back_in_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..37).collect();
        // Unequal work, so that threads finish out of order.
        let work = |&i: &u64| (0..(37 - i) * 10_000).fold(i, |a, k| a ^ k.wrapping_mul(a | 1));
        let serial: Vec<u64> = items.iter().map(work).collect();
        for threads in [1, 2, 3, 8, 64] {
            assert_eq!(super::map_each_on(threads, &items, work), serial, "{threads} threads");
        }
        assert!(super::map_each(&[] as &[u64], work).is_empty());
    }

    #[test]
    fn chunk_sums_are_the_same_bits_on_any_number_of_threads() {
        let items: Vec<f64> = (0..100_000).map(|i| 1.0 / (f64::from(i) + 1.0)).collect();
        let sum = |threads| super::sum_chunks_on(threads, &items, |c| [c.iter().sum::<f64>()])[0].to_bits();
        for threads in [2, 3, 8] {
            assert_eq!(sum(threads), sum(1), "{threads} threads");
        }
        // Summed in one pass instead, the total differs in its last bits: the chunking matters.
        assert_ne!(items.iter().sum::<f64>().to_bits(), sum(1));
    }
}
