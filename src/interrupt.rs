//! Ctrl-C, or a request to terminate: leave nothing behind.
//!
//! Outputs are written through temporary files, `diff` and `build --pdf` use scratch
//! folders, and `summarise` cuts a large log into parts under `$TMPDIR`. Without a
//! handler, Ctrl-C ends the process where it stands and leaves them (a hidden 161 MB
//! temporary summary once). [`install`] sets one handler for the whole process, for
//! SIGINT (Ctrl-C) and for SIGTERM and SIGHUP (a `kill`, a closed terminal, a job
//! scheduler's time limit): it removes every temporary path still registered
//! ([`create`]) and exits with 130, the shell's code for an interrupt, whichever of the
//! three it was (the handler is not told) — unless a command asked to stop gracefully
//! ([`graceful`], used by `watch`), which then sees [`requested`] and ends its loop. A
//! signal that ends the process at once and cannot be handled here (SIGKILL, SIGQUIT, an
//! abort) still leaves them.
//!
//! The registry is the one piece of global state in `uplift`: a signal arrives on its
//! own thread and can reach nothing else.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static REQUESTED: AtomicBool = AtomicBool::new(false);
static GRACEFUL: AtomicBool = AtomicBool::new(false);

/// Exit code after an interrupt (128 + SIGINT), and after SIGTERM or SIGHUP too.
pub const EXIT_CODE: i32 = 130;

/// Installs the process's handler of Ctrl-C, SIGTERM and SIGHUP; call once, first thing.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        REQUESTED.store(true, Ordering::SeqCst);
        if GRACEFUL.load(Ordering::SeqCst) {
            return;
        }
        // Held until `exit`, so that nothing is registered after the removal and left
        // behind; other threads' `Pending::drop` wait on it, harmlessly.
        let pending = locked();
        remove(&pending);
        std::process::exit(EXIT_CODE);
    });
}

/// From now on Ctrl-C, SIGTERM and SIGHUP only set [`requested`]; the caller stops by itself.
pub fn graceful() {
    GRACEFUL.store(true, Ordering::SeqCst);
}

/// Whether Ctrl-C was pressed (or SIGTERM or SIGHUP sent).
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Waits for the handler to end the process when it is doing so: the command's own result,
/// success or error, came after the signal and means nothing now. An error then is most
/// likely the handler's removal of a file the command was still using ("No such file"),
/// which must not be printed nor race the handler's exit code.
pub fn await_handler() {
    if requested() && !GRACEFUL.load(Ordering::SeqCst) {
        // The handler calls `exit` once it has removed what it must.
        loop {
            std::thread::park();
        }
    }
}

/// A temporary file or folder to remove if the process is interrupted or terminated; it is
/// forgotten when the guard is dropped (by then it was renamed into place or removed).
#[must_use = "the path is forgotten when the guard is dropped"]
pub struct Pending(PathBuf);

/// Creates a temporary file or folder with `make` and registers it (the path `path_of`
/// gives) for removal on Ctrl-C, SIGTERM or SIGHUP, in one step. The registry stays locked
/// while it is made, so a signal's handler waits until the new path is on the list:
/// made first and registered after, a signal in between left it behind. `make` must
/// neither call this nor drop a [`Pending`] (the lock is not re-entrant), and should be
/// quick: Ctrl-C waits for it.
///
/// Bind the result as `(_pending, made)`: locals are dropped last to first, so the
/// temporary is removed (when dropping it does) before its path is forgotten, and a signal
/// in between finds it still registered.
pub fn create<T>(
    make: impl FnOnce() -> std::io::Result<T>,
    path_of: impl FnOnce(&T) -> &Path,
) -> std::io::Result<(Pending, T)> {
    let mut pending = locked();
    let made = make()?;
    let path = path_of(&made).to_path_buf();
    pending.push(path.clone());
    Ok((Pending(path), made))
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = locked();
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// The registry, even after a panic while it was held: a list of paths cannot be left
/// half-changed by one.
fn locked() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every path in `pending`. The other threads run on while this one removes: a
/// folder may gain a file after its listing, and its removal then fails. It is tried
/// again, a bounded number of times, until it is gone: nothing can be created in a folder
/// that no longer exists.
fn remove(pending: &[PathBuf]) {
    const ATTEMPTS: usize = 100;
    for path in pending {
        for _ in 0..ATTEMPTS {
            let removed =
                if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
            if removed.is_ok() || std::fs::symlink_metadata(path).is_err() {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_temporary_path_is_on_the_list_before_a_handler_can_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("temporary");
        // A stand-in for the signal's handler: it reads the list while the file is made.
        let seen = std::thread::scope(|scope| {
            let mut reader = None;
            let made = create(
                || {
                    let path = &path;
                    reader = Some(scope.spawn(move || locked().contains(path)));
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    std::fs::File::create(path)?;
                    Ok(path.clone())
                },
                PathBuf::as_path,
            );
            let (pending, _) = made.unwrap();
            let seen = reader.unwrap().join().unwrap();
            drop(pending);
            seen
        });
        assert!(seen, "the handler found the new file unregistered");
        assert!(!locked().contains(&path), "a dropped guard forgets its path");
    }
}
