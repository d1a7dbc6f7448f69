//! `uplift watch`: rebuild the report whenever a project file changes.
//!
//! A burst of saves (an editor writing several files, or a file twice) gives one
//! rebuild: after the first change we wait until the folder has been quiet for a
//! moment. An invalid project prints its problems and leaves the last good report in
//! place (reports are written atomically, and only when the build succeeds). Ctrl-C
//! (or SIGTERM, SIGHUP) stops it cleanly between rebuilds.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::build::{build, target};
use crate::error::Error;
use crate::model::Language;
use crate::output::Destination;

/// How long the folder must be quiet before a rebuild.
const QUIET: Duration = Duration::from_millis(300);
/// How often the loop looks at the Ctrl-C flag.
const TICK: Duration = Duration::from_millis(100);

pub fn run(
    dir: &Path,
    output: Option<&Path>,
    language: Option<Language>,
    options: crate::project::Options,
) -> Result<(), Error> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("the project folder {} does not exist", dir.display())));
    }
    let Destination::File(report) = target(dir, output) else {
        return Err(Error::Usage("watch writes the report to a file; give -o FILE, not -o -".into()));
    };
    crate::interrupt::graceful();
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|e| Error::Tool(format!("cannot watch {}: {e}", dir.display())))?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| Error::Tool(format!("cannot watch {}: {e}", dir.display())))?;
    let report = std::path::absolute(&report).unwrap_or(report);
    crate::say!("watching {} (Ctrl-C to stop)", dir.display());
    rebuild(dir, output, language, options, 1);
    let mut builds = 1;
    while !crate::interrupt::requested() {
        match events.recv_timeout(TICK) {
            Ok(Ok(event)) if matters(&event, &report, dir) => {
                // Let the burst settle: one rebuild for many saves.
                while events.recv_timeout(QUIET).is_ok() {}
                builds += 1;
                rebuild(dir, output, language, options, builds);
            }
            Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::Tool("the file watcher stopped".into()));
            }
        }
    }
    crate::say!("stopped watching {}", dir.display());
    Ok(())
}

/// Whether an event is a change to a project file: not the report, not a hidden or
/// temporary file or anything in a hidden folder of the project (`.git/`, whose lock and
/// index files git touches on its own), not the build folder.
fn matters(event: &Event, report: &Path, dir: &Path) -> bool {
    let changes = matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_));
    changes
        && event.paths.iter().any(|path| {
            let inside = path.strip_prefix(dir).unwrap_or(path);
            let hidden = inside.components().any(
            |c| matches!(c, std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.')),
        );
            let in_build = path.components().any(|c| c.as_os_str() == "build");
            let is_report = std::path::absolute(path).is_ok_and(|p| p == report);
            !hidden && !in_build && !is_report
        })
}

fn rebuild(
    dir: &Path,
    output: Option<&Path>,
    language: Option<Language>,
    options: crate::project::Options,
    number: usize,
) {
    let outputs = super::build::Outputs { report: output, ..Default::default() };
    match build(dir, outputs, super::build::Choices { language, ..Default::default() }, None, options) {
        Ok(super::build::Built { target: Destination::File(path), bytes, .. }) => {
            crate::say!("build {number}: wrote {} ({} KB)", path.display(), bytes.div_ceil(1024));
        }
        Ok(super::build::Built { target: Destination::Stdout, .. }) => {
            crate::say!("build {number}: written to standard output");
        }
        Err(e) => {
            crate::warn!("{e}");
            crate::say!("build {number}: failed; the last good report stays in place");
        }
    }
}
