//! Reading input files: size limit, UTF-8 check, fingerprint.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

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

/// Reads `dir/rel` as UTF-8 text; `Ok(None)` when the file does not exist.
pub fn read(dir: &Path, rel: &Path) -> Result<Option<SourceText>, Diagnostic> {
    let Some((bytes, sha256)) = read_bytes(dir, rel, MAX_FILE_BYTES, "project files")? else {
        return Ok(None);
    };
    let len = bytes.len() as u64;
    let mut text =
        String::from_utf8(bytes).map_err(|e| not_utf8(rel, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(Some(SourceText { rel: rel.to_path_buf(), text, bytes: len, sha256 }))
}

/// Reads `dir/rel` whole, refusing more than `limit` bytes before reading them; the bytes
/// and their SHA-256, or `Ok(None)` when the file does not exist.
pub fn read_bytes(
    dir: &Path,
    rel: &Path,
    limit: u64,
    what: &str,
) -> Result<Option<(Vec<u8>, String)>, Diagnostic> {
    let path = dir.join(rel);
    let io_error = |e: io::Error| Diagnostic::new(rel, format!("cannot read the file: {e}"));
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    if !meta.is_file() {
        return Err(Diagnostic::new(rel, "is not a regular file").hint("project inputs must be plain files"));
    }
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
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok(Some((bytes, sha256)))
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
