//! Reading input files: where they may be, size limit, UTF-8 check, fingerprint.
//!
//! Every input is read through a [`Folder`], which holds the rule on symbolic links: a
//! project folder may come from someone else, and a link in it (`assets/logo.svg →
//! /etc/passwd`, `workshops → another client's notes`) would put files from outside the
//! project into the report. By default every input, and every folder on its way, must be
//! a real file or folder inside the project; `--allow-symlinks` relaxes that for links
//! whose target stays inside the project.

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Position};

/// No project file needs more; a larger one is refused before it is read,
/// so a stray 100 MB export cannot stall `check`.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// An input file's text, as read.
#[derive(Debug)]
pub struct SourceText {
    /// Relative to the project folder.
    pub rel: PathBuf,
    pub text: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A project folder, and which links inside it may be followed.
#[derive(Clone, Copy, Debug)]
pub struct Folder<'a> {
    pub root: &'a Path,
    pub links: Links,
}

/// Which symbolic links are followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// None: the default for a project folder.
    Refuse,
    /// Those whose target lies inside the folder (`--allow-symlinks`).
    Inside,
    /// All: for a file the user names on the command line, which is theirs to choose.
    Any,
}

/// What a located path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
}

impl Folder<'_> {
    /// The full path of input `rel`, after checking that neither it nor any folder on its
    /// way is a link (or, with [`Links::Inside`], a link that leaves the project), and that
    /// it is a `kind`; `Ok(None)` when nothing is there.
    pub fn locate(&self, rel: &Path, kind: Kind) -> Result<Option<PathBuf>, Diagnostic> {
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Diagnostic::new(rel, "the path leaves the project folder")
                .hint("give a path inside the project, without `..` or a leading `/`"));
        }
        let mut path = self.root.to_path_buf();
        let mut walked = PathBuf::new();
        for part in rel.components() {
            path.push(part);
            walked.push(part);
            let meta = match fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(Diagnostic::new(&walked, format!("cannot read the file: {e}"))),
            };
            if meta.file_type().is_symlink() && self.links != Links::Any {
                self.check_link(&path, &walked)?;
            }
        }
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Diagnostic::new(rel, format!("cannot read the file: {e}"))),
        };
        match kind {
            Kind::File if !meta.is_file() => {
                Err(Diagnostic::new(rel, "is not a regular file").hint("project inputs must be plain files"))
            }
            Kind::Folder if !meta.is_dir() => Err(Diagnostic::new(rel, "is not a folder")),
            _ => Ok(Some(path)),
        }
    }

    /// A link is refused, or with [`Links::Inside`] followed when it stays inside.
    fn check_link(&self, path: &Path, walked: &Path) -> Result<(), Diagnostic> {
        let target = fs::read_link(path).map_or_else(|_| "?".to_owned(), |t| t.display().to_string());
        if self.links == Links::Refuse {
            return Err(Diagnostic::new(walked, format!("is a symbolic link (to `{target}`)")).hint(
                "project inputs must be real files inside the project: copy the file in, or pass \
                 --allow-symlinks if the link stays inside the project",
            ));
        }
        let inside = match (fs::canonicalize(path), fs::canonicalize(self.root)) {
            (Ok(resolved), Ok(root)) => resolved.starts_with(root),
            _ => false,
        };
        if inside {
            Ok(())
        } else {
            Err(Diagnostic::new(walked, format!("is a symbolic link to `{target}`, outside the project"))
                .hint("--allow-symlinks follows only links that stay inside the project; copy the file in"))
        }
    }

    /// Reads input `rel` as UTF-8 text of at most [`MAX_FILE_BYTES`]; `Ok(None)` when the
    /// file does not exist.
    pub fn read(&self, rel: &Path) -> Result<Option<SourceText>, Diagnostic> {
        self.read_text(rel, MAX_FILE_BYTES, "project files")
    }

    /// Reads input `rel` as UTF-8 text of at most `limit` bytes (`what` names the kind of
    /// file in the message); `Ok(None)` when the file does not exist.
    pub fn read_text(&self, rel: &Path, limit: u64, what: &str) -> Result<Option<SourceText>, Diagnostic> {
        let Some((bytes, sha256)) = self.read_bytes(rel, limit, what)? else {
            return Ok(None);
        };
        text(rel, bytes, sha256).map(Some)
    }

    /// Reads input `rel` whole, refusing more than `limit` bytes before reading them; the
    /// bytes and their SHA-256, or `Ok(None)` when the file does not exist.
    pub fn read_bytes(
        &self,
        rel: &Path,
        limit: u64,
        what: &str,
    ) -> Result<Option<(Vec<u8>, String)>, Diagnostic> {
        Ok(self.read_unhashed(rel, limit, what)?.map(|bytes| {
            let sha256 = hex(&Sha256::digest(&bytes));
            (bytes, sha256)
        }))
    }

    /// [`Self::read_bytes`] without the SHA-256, for a reader that records no source: hashing
    /// a large summary costs a sixth as much again as reading and parsing it.
    pub fn read_unhashed(&self, rel: &Path, limit: u64, what: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
        let Some(path) = self.locate(rel, Kind::File)? else {
            return Ok(None);
        };
        let io_error = |e: io::Error| Diagnostic::new(rel, format!("cannot read the file: {e}"));
        let meta = fs::metadata(&path).map_err(io_error)?;
        if meta.len() > limit {
            return Err(too_large(rel, meta.len(), limit, what));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // `take` guards against a file that grows between the size check and the read.
        fs::File::open(&path)
            .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
            .map_err(io_error)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(rel, bytes.len() as u64, limit, what));
        }
        Ok(Some(bytes))
    }
}

impl Folder<'_> {
    /// The size and lower-case hex SHA-256 of file `rel`, read in pieces (a transaction
    /// log may be a gigabyte), under the same rule on links as every read; `None` when it
    /// is missing, refused, larger than `limit` or unreadable: the read that follows says
    /// why.
    pub fn fingerprint(&self, rel: &Path, limit: u64) -> Option<(u64, String)> {
        self.fingerprint_unless(rel, limit, &AtomicBool::new(false))
    }

    /// [`Self::fingerprint`], giving up (`None`) once `stop` is set, between pieces.
    pub fn fingerprint_unless(&self, rel: &Path, limit: u64, stop: &AtomicBool) -> Option<(u64, String)> {
        let path = self.locate(rel, Kind::File).ok()??;
        let file = fs::File::open(path).ok()?;
        // A file over its limit is refused by its size, as the read refuses it, not read first.
        if file.metadata().ok()?.len() > limit {
            return None;
        }
        let mut file = file.take(limit.saturating_add(1));
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 1 << 16];
        let mut bytes = 0u64;
        loop {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buffer[..n]);
                    bytes += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        (bytes <= limit).then(|| (bytes, hex(&hasher.finalize())))
    }
}

/// The bytes of `rel` as UTF-8 text, without a byte-order mark.
fn text(rel: &Path, bytes: Vec<u8>, sha256: String) -> Result<SourceText, Diagnostic> {
    let len = bytes.len() as u64;
    let mut text =
        String::from_utf8(bytes).map_err(|e| not_utf8(rel, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(SourceText { rel: rel.to_path_buf(), text, bytes: len, sha256 })
}

fn too_large(rel: &Path, bytes: u64, limit: u64, what: &str) -> Diagnostic {
    #[allow(clippy::cast_precision_loss)]
    let (mib, limit_mib) = (bytes as f64 / 1024.0 / 1024.0, limit as f64 / 1024.0 / 1024.0);
    Diagnostic::new(rel, format!("the file is {mib:.1} MiB; {what} are limited to {limit_mib} MiB"))
        .hint("is this the right file? Keep large exports out of the project's YAML files, and images small")
}

fn not_utf8(rel: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = bytecount_newlines(before) + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    let position = Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    };
    Diagnostic::new(rel, "the file is not valid UTF-8")
        .at(Some(position))
        .hint("save the file as UTF-8 (in Excel or Notepad: \"Save as… UTF-8\")")
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count() - 1
}
