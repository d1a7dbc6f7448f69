//! A project folder as it was at a git revision, read straight from history.
//!
//! Files are read with `git show REV:./path` into a scratch folder, so nothing is
//! checked out and the work tree is never touched; the normal loader then reads the
//! scratch folder, with all its checks.

use std::fs;
use std::path::Path;
use std::process::Command;

/// Why a revision could not be read.
#[derive(Debug)]
pub enum HistoryError {
    /// `git` is missing, or the folder is not in a git work tree.
    NoRepository(String),
    /// The revision does not name a commit.
    UnknownRevision(String),
    /// The commit exists but holds no project.yaml in this folder.
    NoProject(String),
    /// Writing the scratch copy failed.
    Io(String),
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HistoryError::NoRepository(why) => {
                write!(f, "the project folder is not in a git repository ({why})")
            }
            HistoryError::UnknownRevision(rev) => write!(f, "`{rev}` is not a commit in this repository"),
            HistoryError::NoProject(rev) => {
                write!(f, "the project did not exist at `{rev}`: it has no project.yaml there")
            }
            HistoryError::Io(why) => write!(f, "cannot copy the revision's files: {why}"),
        }
    }
}

/// Writes the files of the project in `dir` as they were at `rev` into `into`.
pub fn export(dir: &Path, rev: &str, into: &Path) -> Result<(), HistoryError> {
    let commit = format!("{rev}^{{commit}}");
    git(dir, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| HistoryError::UnknownRevision(rev.to_owned()))?;
    let listing =
        git(dir, &["ls-tree", "-r", "--name-only", rev, "--", "."]).map_err(HistoryError::NoRepository)?;
    let files: Vec<&str> = listing.lines().filter(|f| !f.is_empty()).collect();
    if !files.contains(&"project.yaml") {
        return Err(HistoryError::NoProject(rev.to_owned()));
    }
    for file in files {
        let bytes =
            git_bytes(dir, &["show", &format!("{rev}:./{file}")]).map_err(HistoryError::NoRepository)?;
        let target = into.join(file);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| HistoryError::Io(e.to_string()))?;
        }
        fs::write(&target, bytes).map_err(|e| HistoryError::Io(e.to_string()))?;
    }
    Ok(())
}

/// The short hash of `rev`, for labels.
pub fn short(dir: &Path, rev: &str) -> String {
    git(dir, &["rev-parse", "--short", rev]).map_or_else(|_| rev.to_owned(), |s| s.trim().to_owned())
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    git_bytes(dir, args).map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}
