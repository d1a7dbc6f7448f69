//! Which commit a project's inputs come from, so every printed report can be traced.
//!
//! Reads the repository with the `git` program rather than a library: every machine
//! that versions projects has it, it answers exactly as the consultant's own `git`
//! does, and it keeps a large dependency out of the build. Outside a work tree, or
//! without `git`, nothing is stamped and nothing fails.

use std::path::Path;
use std::process::Command;

use serde::Serialize;

/// The commit a project folder is at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Abbreviated commit hash.
    pub commit: String,
    /// Commit date, `YYYY-MM-DD`.
    pub date: String,
    /// Whether files in the project folder differ from that commit.
    pub uncommitted_changes: bool,
}

/// The version of the project in `dir`, when it is inside a git work tree with a commit.
pub fn version(dir: &Path) -> Option<Version> {
    let head = git(dir, &["log", "-1", "--format=%h %cs"])?;
    let (commit, date) = head.trim().split_once(' ')?;
    let status = git(dir, &["status", "--porcelain", "--untracked-files=normal", "--", "."])?;
    Some(Version {
        commit: commit.to_owned(),
        date: date.to_owned(),
        uncommitted_changes: !status.trim().is_empty(),
    })
}

/// `git -C dir args…`'s standard output, or `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
