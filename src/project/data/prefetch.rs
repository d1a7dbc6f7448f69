//! The data files' fingerprints, taken on a second thread while the rest of the project is
//! read. An unchanged project's results are found by them (`build/.cache`), and hashing the
//! example's 4.4 MB export is the longest step of a run that recalls them; the YAML read
//! meanwhile takes about as long.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::project::source::Folder;

/// Each file started with, with its size limit, and its size and SHA-256 (`None` where
/// [`Folder::fingerprint`] gives none: the read that follows says why).
pub type Taken = Vec<((PathBuf, u64), Option<(u64, String)>)>;

/// Fingerprints being taken. Dropped unused — the project had a problem before its data
/// was read — the thread is told to stop and waited for: it gives up after the 64 KiB it
/// is hashing, and no thread outlives the load.
pub struct Prefetch {
    thread: Option<JoinHandle<Taken>>,
    stop: Arc<AtomicBool>,
}

impl Prefetch {
    /// Starts fingerprinting `files` (relative to `folder`, each under its size limit) on a
    /// second thread, under `folder`'s rule on links as every read.
    pub fn start(folder: &Folder, files: Vec<(PathBuf, u64)>) -> Self {
        let (root, links) = (folder.root.to_path_buf(), folder.links);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let taking = move || -> Taken {
            let folder = Folder { root: &root, links };
            let fingerprint = |(rel, limit): (PathBuf, u64)| {
                let taken = folder.fingerprint_unless(&rel, limit, &stopped);
                ((rel, limit), taken)
            };
            files.into_iter().map(fingerprint).collect()
        };
        // Without a thread, the caller takes the fingerprints itself.
        let thread = std::thread::Builder::new().name("fingerprints".into()).spawn(taking).ok();
        Self { thread, stop }
    }

    /// The fingerprints, once taken; none when the thread could not start or panicked.
    pub fn taken(mut self) -> Taken {
        self.thread.take().and_then(|thread| thread.join().ok()).unwrap_or_default()
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::source::Links;
    use std::path::Path;

    /// Each file's fingerprint is the one taken in place: a file, a missing one, one past
    /// its limit and a link out of the folder, which is refused as every read refuses it.
    #[test]
    fn the_fingerprints_taken_aside_are_those_taken_in_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/log.csv"), "customer_id,date,amount\nc1,2026-01-02,5\n")
            .unwrap();
        std::fs::write(dir.path().join("big.csv"), "x".repeat(100)).unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link.csv")).unwrap();
        let folder = Folder { root: dir.path(), links: Links::Refuse };
        let files: Vec<(PathBuf, u64)> =
            [("data/log.csv", 1 << 20), ("missing.csv", 10), ("big.csv", 99), ("link.csv", 10)]
                .into_iter()
                .map(|(rel, limit)| (PathBuf::from(rel), limit))
                .collect();
        let taken = Prefetch::start(&folder, files.clone()).taken();
        let in_place: Taken = files
            .into_iter()
            .map(|(rel, limit)| ((rel.clone(), limit), folder.fingerprint(&rel, limit)))
            .collect();
        assert_eq!(taken, in_place);
        assert!(taken[0].1.as_ref().is_some_and(|(bytes, _)| *bytes == 40), "{taken:?}");
        assert!(taken[1..].iter().all(|(_, f)| f.is_none()), "{taken:?}");
    }

    /// Once told to stop, a fingerprint is given up: a prefetch dropped unused does not go on
    /// hashing a gigabyte.
    #[test]
    fn a_stopped_fingerprint_is_given_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("log.csv"), "a,b\n").unwrap();
        let folder = Folder { root: dir.path(), links: Links::Refuse };
        assert!(folder.fingerprint_unless(Path::new("log.csv"), 10, &AtomicBool::new(false)).is_some());
        assert_eq!(folder.fingerprint_unless(Path::new("log.csv"), 10, &AtomicBool::new(true)), None);
    }
}
