//! A progress line on stderr for long reads, when stderr is a terminal; silent otherwise,
//! so logs, pipes and tests see nothing.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Files smaller than this read too fast for a progress line to help.
const WORTH_SHOWING: u64 = 64 << 20;

pub struct Progress {
    /// `None` when silent.
    shown: Option<Shown>,
}

struct Shown {
    name: String,
    total: u64,
    done: u64,
    last: Instant,
}

impl Progress {
    pub fn new(file: &Path, total: u64) -> Self {
        let show = total >= WORTH_SHOWING && std::io::stderr().is_terminal();
        let shown = show.then(|| Shown {
            name: crate::terminal::escape(&file.display().to_string()).into_owned(),
            total,
            done: 0,
            last: Instant::now().checked_sub(Duration::from_secs(1)).unwrap_or_else(Instant::now),
        });
        Self { shown }
    }

    pub fn advance(&mut self, bytes: u64) {
        let Some(s) = &mut self.shown else { return };
        s.done += bytes;
        if s.last.elapsed() >= Duration::from_millis(100) {
            s.last = Instant::now();
            let width: u64 = 30;
            let filled = usize::try_from(s.done.min(s.total) * width / s.total.max(1)).unwrap_or(0);
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(30_usize.saturating_sub(filled)));
            let mb = |b: u64| b / (1 << 20);
            let _ =
                write!(std::io::stderr(), "\rreading {} {bar} {} / {} MiB", s.name, mb(s.done), mb(s.total));
        }
    }

    /// Clears the line.
    pub fn finish(&mut self) {
        if self.shown.take().is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
