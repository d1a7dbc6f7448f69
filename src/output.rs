//! Writing outputs: atomically, never over an input, never through a link or into a device.
//!
//! A failed or interrupted run never leaves a half-written file and never destroys the
//! previous one: bytes go to a temporary file with a random name beside the target
//! (removed on every error and on Ctrl-C, SIGTERM or SIGHUP, see [`crate::interrupt`]),
//! which is then renamed into place with the permissions of the file it replaces. Before
//! that, the target is checked: an output may not replace one of the project's inputs or
//! anything in its `data/` folder (`build -o project.yaml`, `summarise -o
//! data/transactions.csv`), and it must be a regular file or nothing yet — not a folder, a
//! device such as `/dev/full`, a FIFO or a symbolic link, each of which the rename would
//! silently replace.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Source;

/// Where a text output goes: `-o -` is standard output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// `-o FILE` as given, with `-` for standard output; `None` when `-o` was not given.
    pub fn from_arg(arg: Option<&Path>) -> Option<Self> {
        arg.map(|p| if p == Path::new("-") { Self::Stdout } else { Self::File(p.to_path_buf()) })
    }

    /// Writes `bytes` to standard output, or atomically to the file.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        self.write_with(|out| out.write_all(bytes))
    }

    /// Writes what `fill` writes, as [`Destination::write`] does: for an output made in
    /// pieces, which is then never held whole.
    pub fn write_with(&self, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
        match self {
            Self::Stdout => {
                let mut out = std::io::stdout().lock();
                fill(&mut out).and_then(|()| out.flush()).map_err(Error::io("write", "standard output"))
            }
            Self::File(path) => write_atomically_with(path, fill),
        }
    }
}

/// A project's folder and inputs, which no output may replace.
#[derive(Clone, Copy, Debug)]
pub struct Protected<'a> {
    pub dir: &'a Path,
    pub inputs: &'a [Source],
}

/// The folder of the client's data, which no output may be written into.
const DATA_DIR: &str = "data";

/// Refuses `target` when it is an input of `project`, lies in its `data/` folder, or is
/// something other than a regular file.
pub fn check_target(target: &Path, project: Option<Protected>) -> Result<(), Error> {
    if let Ok(meta) = fs::symlink_metadata(target) {
        let kind = if meta.file_type().is_symlink() {
            Some("a symbolic link")
        } else if meta.is_dir() {
            Some("a folder")
        } else if !meta.is_file() {
            Some("a device, FIFO or socket")
        } else {
            None
        };
        if let Some(kind) = kind {
            return Err(Error::Usage(format!(
                "{} is {kind}; give the path of a regular file to write",
                target.display()
            )));
        }
    }
    let Some(project) = project else { return Ok(()) };
    let Some(resolved) = resolve(target) else { return Ok(()) };
    let canonical = |rel: &Path| fs::canonicalize(project.dir.join(rel)).ok();
    if let Some(input) =
        project.inputs.iter().find(|s| canonical(Path::new(&s.path)).is_some_and(|p| p == resolved))
    {
        return Err(Error::Usage(format!(
            "{} is the project's input {}; write the output somewhere else",
            target.display(),
            input.path
        )));
    }
    if canonical(Path::new(DATA_DIR)).is_some_and(|data| resolved.starts_with(data)) {
        return Err(Error::Usage(format!(
            "{} is inside the project's data folder, which holds the client's exports; write the output somewhere else",
            target.display()
        )));
    }
    Ok(())
}

/// Where `target` lies inside the folder `dir`, `/`-separated, once both are resolved;
/// `None` outside it.
pub fn place_in(dir: &Path, target: &Path) -> Option<String> {
    let (root, resolved) = (fs::canonicalize(dir).ok()?, resolve(target)?);
    Some(crate::diagnostic::slash_path(resolved.strip_prefix(root).ok()?))
}

/// `path` resolved through its nearest existing folder: the file, and folders the build
/// will create, may not exist yet (`-o data/new/x.html` is still inside `data/`).
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let existing = absolute.ancestors().skip(1).find(|a| a.exists())?;
    let rest = absolute.strip_prefix(existing).ok()?;
    Some(fs::canonicalize(existing).ok()?.join(rest))
}

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it,
/// keeping the permissions of the file it replaces.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// [`write_atomically`] of what `fill` writes; on its error, the temporary file is removed
/// and `path` left as it was.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    check_target(path, None)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    set_permissions(&mut builder, path);
    let (_pending, mut temp) =
        crate::interrupt::create(|| builder.tempfile_in(dir), tempfile::NamedTempFile::path)
            .map_err(Error::io("write", path))?;
    let mut out = SyncedAsWritten { file: temp.as_file_mut(), unsynced: 0 };
    fill(&mut out).and_then(|()| temp.as_file().sync_all()).map_err(Error::io("write", path))?;
    temp.persist(path).map_err(|e| Error::io("write", path)(e.error))?;
    Ok(())
}

/// A file written in pieces, whose bytes are sent to the disk every [`SYNC_EVERY`] bytes,
/// so that the `sync_all` that ends the write waits for the last few only. Each sync
/// blocks the writing thread, but a writer that makes its next pieces on other threads
/// meanwhile (the summary's, `summary_file::format_in_batches`) loses nothing: for the
/// 19 MB summary of a 2 M-row log, the sync at the end took some 10 ms of an otherwise
/// finished run.
struct SyncedAsWritten<'a> {
    file: &'a mut fs::File,
    /// Bytes written since the last sync.
    unsynced: usize,
}

/// Bytes between the syncs of [`SyncedAsWritten`].
const SYNC_EVERY: usize = 4 << 20;

impl Write for SyncedAsWritten<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.unsynced += n;
        if self.unsynced >= SYNC_EVERY {
            self.file.sync_data()?;
            self.unsynced = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// The mode of the file being replaced, or the usual one (less the umask) for a new file.
#[cfg(unix)]
fn set_permissions(builder: &mut tempfile::Builder, path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
    builder.permissions(fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_permissions(_: &mut tempfile::Builder, _: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_synced_as_it_is_written_holds_every_piece_in_order() {
        // Past three syncs, in pieces of many sizes, some larger than the distance between syncs.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let pieces: Vec<Vec<u8>> = (0..200_usize)
            .map(|k| {
                let len = if k % 50 == 7 { SYNC_EVERY + 3 } else { k * 997 % 70_001 };
                (0..len).map(|i| u8::try_from((i * 31 + k) % 251).unwrap()).collect()
            })
            .collect();
        write_atomically_with(&path, |out| pieces.iter().try_for_each(|p| out.write_all(p))).unwrap();
        let written = fs::read(&path).unwrap();
        assert!(written.len() > 3 * SYNC_EVERY, "{} bytes", written.len());
        assert!(written == pieces.concat(), "the file differs from what was written");
    }

    #[test]
    fn a_rewrite_keeps_the_permissions_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomically(&path, b"one").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read(&path).unwrap(), b"two");
        // Nothing else is left in the folder.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_file_as_it_was_and_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.csv");
        write_atomically(&path, b"before").unwrap();
        let failed = write_atomically_with(&path, |out| {
            out.write_all(b"half of it")?;
            Err(std::io::Error::other("the disk is full"))
        });
        assert!(failed.unwrap_err().to_string().contains("the disk is full"));
        assert_eq!(fs::read(&path).unwrap(), b"before");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn links_folders_and_devices_are_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink("/tmp/elsewhere", &link).unwrap();
        for target in [link.as_path(), dir.path(), Path::new("/dev/null")] {
            let error = write_atomically(target, b"x").unwrap_err().to_string();
            assert!(error.contains("give the path of a regular file"), "{error}");
        }
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }
}
