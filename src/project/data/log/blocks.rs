//! Blocks of a file handed to workers on every core and given back to be read into again:
//! the thread setup the whole read, the cut into parts and the read of a part share.
//!
//! One thread reads the file into blocks and sends each with its number ([`Feed`]); the
//! workers take them in turn from one queue ([`Blocks`]) and give each back when done, so
//! that the reader fills a block it already has instead of a new one, which would be zeroed
//! and its pages faulted in afresh.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A block of the file and its number, in file order.
type Numbered = (u32, Vec<u8>);

/// Where a worker takes blocks and gives them back.
pub struct Blocks {
    /// The queue, until the last worker stops: then the reader's sends fail instead of
    /// waiting for ever for a worker that is gone (one that panicked).
    queue: Mutex<Option<Receiver<Numbered>>>,
    give_back: SyncSender<Vec<u8>>,
    /// Workers still taking blocks.
    working: AtomicUsize,
}

impl Blocks {
    /// The next block and its number, or `None` once the reader is done and every block
    /// taken.
    pub fn next(&self) -> Option<Numbered> {
        self.queue().as_ref()?.recv().ok()
    }

    /// Gives a block that is done with back to be read into again. A full channel, or a
    /// reader gone, only means the block is freed instead.
    pub fn give_back(&self, block: Vec<u8>) {
        let _ = self.give_back.try_send(block);
    }

    /// The queue, locked; a worker that panicked holding it left nothing half done.
    fn queue(&self) -> MutexGuard<'_, Option<Receiver<Numbered>>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A worker's hold on the queue: the last to let go, however it stops, closes it.
struct Working<'a>(&'a Blocks);

impl Drop for Working<'_> {
    fn drop(&mut self) {
        if self.0.working.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.queue().take();
        }
    }
}

/// Where the reader sends the blocks, and finds those given back.
pub struct Feed {
    sender: SyncSender<Numbered>,
    /// The blocks given back, to read into again.
    pub spares: Receiver<Vec<u8>>,
}

impl Feed {
    /// Sends the block `index`, waiting while the workers have enough in hand; `false`
    /// once every worker has stopped.
    pub fn send(&self, index: u32, block: Vec<u8>) -> bool {
        self.sender.send((index, block)).is_ok()
    }
}

/// Runs `work` on a worker per core ([`crate::parallel::threads`]), each taking blocks from
/// one queue, while `read` on this thread reads the blocks into it; returns what each
/// worker gave and what `read` did.
///
/// Once `read` returns, no block is read any more: those given back from then on are freed
/// at once, not kept through the workers' last steps and what the caller does next, the
/// read's peak. A worker that stops early while others go on must still take its share of
/// the blocks off the queue; once every worker has stopped, `read`'s sends fail.
pub fn on_every_core<T: Send, R>(
    work: impl Fn(&Blocks) -> T + Sync,
    read: impl FnOnce(&Feed) -> R,
) -> (Vec<T>, R) {
    let workers = crate::parallel::threads();
    let (sender, queue) = sync_channel(workers * 2);
    // Room for every block that can be about at once (in the queue, in the workers' hands,
    // and one being read), so that one given back is rarely freed for want of room.
    let (give_back, spares) = sync_channel(workers * 3 + 2);
    let blocks = Blocks { queue: Mutex::new(Some(queue)), give_back, working: AtomicUsize::new(workers) };
    let feed = Feed { sender, spares };
    std::thread::scope(|scope| {
        let (blocks, work) = (&blocks, &work);
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let _working = Working(blocks);
                    work(blocks)
                })
            })
            .collect();
        let read = read(&feed);
        drop(feed);
        let done = handles.into_iter().map(|h| h.join().expect("a reader thread panicked")).collect();
        (done, read)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_reaches_one_worker_and_comes_back_to_be_read_into() {
        let (taken, reused) = on_every_core(
            |blocks| {
                let mut taken = Vec::new();
                while let Some((index, block)) = blocks.next() {
                    taken.push((index, block[0]));
                    blocks.give_back(block);
                }
                taken
            },
            |feed| {
                let mut reused = 0;
                for index in 0..1000u32 {
                    let mut block = feed.spares.try_recv().map_or_else(
                        |_| Vec::new(),
                        |b| {
                            reused += 1;
                            b
                        },
                    );
                    block.clear();
                    block.push(u8::try_from(index % 251).unwrap());
                    assert!(feed.send(index, block));
                }
                reused
            },
        );
        let mut taken: Vec<(u32, u8)> = taken.concat();
        taken.sort_unstable();
        let expected: Vec<(u32, u8)> = (0..1000).map(|i| (i, u8::try_from(i % 251).unwrap())).collect();
        assert_eq!(taken, expected, "each block once, as sent");
        assert!(reused > 0, "blocks given back are read into again");
    }

    #[test]
    fn once_every_worker_has_stopped_the_reader_is_told_not_left_waiting() {
        // Each worker takes one block and stops: the reader's sends fail soon after, well
        // before its thousand blocks, where they would wait for ever on a full queue.
        let (taken, sent) = on_every_core(
            |blocks| blocks.next().is_some(),
            |feed| (0..1000u32).take_while(|&index| feed.send(index, Vec::new())).count(),
        );
        assert!(taken.iter().all(|&took| took), "{taken:?}");
        assert!(sent < 1000 && sent >= taken.len(), "{sent} blocks sent");
    }
}
