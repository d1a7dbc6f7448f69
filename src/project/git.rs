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
//! - lazy fetching of missing objects (a "promisor" remote, which could name any program as
//!   its transport) is off, and no transport protocol is allowed;
//! - the repository must be the project's own: its git folder is the `.git` folder of a
//!   work tree that holds the project, not one a `.git` file points to elsewhere (another
//!   client's repository on the same machine);
//! - each call runs under a memory and CPU limit and a wall-clock deadline (a FIFO or
//!   `/dev/zero` planted in `.git` would otherwise hang git or let it eat memory), with
//!   nothing on its standard input, so nothing can prompt.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::process;

/// Settings that would otherwise let the repository run a program, each turned off, and
/// pack windows small enough for the memory limit below.
const SAFE_SETTINGS: &[&str] = &[
    "core.packedGitWindowSize=32m",
    "core.packedGitLimit=256m",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.gitProxy=",
    "core.alternateRefsCommand=",
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

/// How long one git call may take: each reads a few small objects.
const DEADLINE: Duration = Duration::from_secs(5);
/// Memory (address space, KiB) and CPU seconds of one git call, set by `ulimit` in the
/// shell that then becomes git.
const LIMITS: &str = "ulimit -v 1048576 && ulimit -t 5 && exec git \"$@\"";
/// The most a listing may print.
const MAX_OUTPUT: u64 = 64 << 20;

/// A `git -C dir …` command that reads the repository and runs nothing of it.
fn command(dir: &Path) -> Command {
    let mut command = Command::new("sh");
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_ALLOW_PROTOCOL", "none")
        .env("LC_ALL", "C")
        .args(["-c", LIMITS, "git"]);
    for setting in SAFE_SETTINGS {
        command.arg("-c").arg(setting);
    }
    command.arg("-C").arg(dir);
    command
}

/// Runs `git -C dir args…` with its output going as `output` says.
fn call<S: AsRef<OsStr>>(dir: &Path, args: &[S], output: process::Output) -> Result<Vec<u8>, String> {
    let mut git = command(dir);
    git.args(args);
    match process::run(git, Vec::new(), DEADLINE, output) {
        Ok(done) if done.status.success() => Ok(done.stdout),
        Ok(done) => Err(done.stderr.trim().to_owned()),
        Err(process::Failure::Start(e)) => Err(format!("cannot run git: {e}")),
        Err(process::Failure::Timeout) => Err(format!("git took longer than {} s", DEADLINE.as_secs())),
        Err(process::Failure::TooMuchOutput) => Err("git printed more than a project's history holds".into()),
    }
}

/// Standard output of `git -C dir args…`, or git's complaint.
pub fn run<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Result<Vec<u8>, String> {
    call(dir, args, process::Output::Capture(MAX_OUTPUT))
}

/// Why a folder's repository is not read.
#[derive(Debug)]
pub enum NotRead {
    /// No work tree, no git, or git refused (another user's repository): git's words.
    NoRepository(String),
    /// The repository is elsewhere: a `.git` file points to it.
    NotOwn { git_dir: String },
}

/// Whether `dir` lies in a work tree whose own `.git` folder is the repository: the only
/// kind of repository `uplift` reads, so that a `.git` file in a received folder cannot
/// make it read another client's repository on the same machine.
pub fn own_repository(dir: &Path) -> Result<(), NotRead> {
    let answer =
        run(dir, &["rev-parse", "--absolute-git-dir", "--show-toplevel"]).map_err(NotRead::NoRepository)?;
    let answer = String::from_utf8_lossy(&answer);
    let mut lines = answer.lines();
    let (Some(git_dir), Some(top)) = (lines.next(), lines.next()) else {
        return Err(NotRead::NoRepository("not in a git work tree".into()));
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let own_dir = Path::new(top).join(".git");
    let own = own_dir.is_dir() && canonical(Path::new(git_dir)) == canonical(&own_dir);
    let inside = match (canonical(dir), canonical(Path::new(top))) {
        (Some(dir), Some(top)) => dir.starts_with(top),
        _ => false,
    };
    if own && inside { Ok(()) } else { Err(NotRead::NotOwn { git_dir: git_dir.to_owned() }) }
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
    call(dir, &["cat-file", "blob", oid], process::Output::File(file)).map(|_| ())
}
