//! Running `git` on a folder that may come from someone else, without running their code.
//!
//! A repository's own configuration can name programs that git runs on the user's
//! behalf: `core.fsmonitor` (run by `status`), hooks (`post-index-change` when the index
//! is refreshed), clean and smudge filters from `.gitattributes`, diff and text-conversion
//! drivers, a pager, signature verification. A project folder received from a colleague or
//! a client must never get to run any of them. So:
//!
//! - only plumbing that reads objects is used (`log -1` with a fixed format, `ls-tree`,
//!   `cat-file blob`, `hash-object --no-filters`): none of them refreshes the index,
//!   applies attributes or starts a pager; `status` is never run;
//! - every setting that names a program is forced off on the command line, which wins
//!   over the repository's configuration;
//! - the environment is cleared but for `PATH`, so no `GIT_DIR`, `GIT_CONFIG_*` or
//!   `GIT_EXTERNAL_DIFF` of the user's shell leaks in, and the system and global
//!   configuration are not read (so a repository owned by another user is refused by
//!   git's own ownership check rather than allowed by a `safe.directory` rule);
//! - standard input is closed, so nothing can prompt.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

/// Settings that would otherwise let the repository run a program, each turned off.
const DEFANG: &[&str] = &[
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.editor=false",
    "core.askPass=",
    "core.untrackedCache=false",
    "diff.external=",
    "log.showSignature=false",
    "gpg.program=false",
    "credential.helper=",
    "protocol.allow=never",
    "submodule.recurse=false",
];

/// A `git -C dir …` command that reads the repository and runs nothing of it.
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    for setting in DEFANG {
        command.arg("-c").arg(setting);
    }
    command.arg("-C").arg(dir);
    command
}

/// Standard output of `git -C dir args…`, or git's complaint.
pub fn run<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Vec<u8>, String> {
    let output = command(dir).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// One entry of `git ls-tree -r -l -z`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeEntry {
    /// `100644`, `100755`, `120000` (a link), `160000` (a submodule).
    pub mode: String,
    pub oid: String,
    /// Size in bytes; `None` for what is not a blob.
    pub size: Option<u64>,
    /// Relative to the folder git ran in, with `/` separators.
    pub path: String,
}

impl TreeEntry {
    /// A plain file, not a link or a submodule.
    pub fn is_regular_file(&self) -> bool {
        self.mode == "100644" || self.mode == "100755"
    }
}

/// Every file below `dir` at revision `rev`, with sizes, read without opening one.
pub fn tree(dir: &Path, rev: &str) -> Result<Vec<TreeEntry>, String> {
    let listing = run(dir, &["ls-tree", "-r", "-l", "-z", rev, "--", "."])?;
    Ok(listing.split(|&b| b == 0).filter(|e| !e.is_empty()).filter_map(parse_tree_entry).collect())
}

/// `<mode> SP <type> SP <oid> SP+ <size> TAB <path>`.
fn parse_tree_entry(entry: &[u8]) -> Option<TreeEntry> {
    let text = std::str::from_utf8(entry).ok()?;
    let (meta, path) = text.split_once('\t')?;
    let mut parts = meta.split_whitespace();
    let (mode, _kind, oid, size) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    Some(TreeEntry {
        mode: mode.to_owned(),
        oid: oid.to_owned(),
        size: size.parse().ok(),
        path: path.to_owned(),
    })
}

/// Writes blob `oid` into the new file `to`, streamed: git's output goes straight to the
/// file, so a large blob never sits in memory. The caller has checked its size.
pub fn write_blob(dir: &Path, oid: &str, to: &Path) -> Result<(), String> {
    let file = std::fs::File::create_new(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let output = command(dir)
        .args(["cat-file", "blob", oid])
        .stdout(Stdio::from(file))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}
