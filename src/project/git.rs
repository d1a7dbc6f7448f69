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
//! - the repository must be the project's own (see [`own_repository`]): a real `.git`
//!   folder of a work tree that holds the project, with nothing in it but plain files and
//!   folders and nothing borrowed from another repository — a `.git` file, a link, a
//!   `commondir` or `alternates` file could otherwise make git read another client's
//!   repository on the same machine;
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

/// The largest `.git/config` read: a project's is a few hundred bytes, and git reads it
/// on every call (300 MB of comments made each call take seconds).
const CONFIG_MAX_BYTES: u64 = 64 * 1024;
/// The largest `.git/packed-refs` read.
const PACKED_REFS_MAX_BYTES: u64 = 16 << 20;

/// Whether `dir` lies in a work tree whose own `.git` folder is the repository: the only
/// kind of repository `uplift` reads, so that a received folder cannot make it read another
/// client's repository on the same machine (a `.git` file or link, a `commondir` or
/// `alternates` file, a linked `objects` or `refs` folder) or make git slow (a huge or
/// including config).
pub fn own_repository(dir: &Path) -> Result<(), NotRead> {
    let git_dir = find_git_dir(dir).ok_or_else(|| NotRead::NoRepository("not in a git work tree".into()))?;
    let shown = git_dir.display().to_string();
    let not_own = || NotRead::NotOwn { git_dir: shown.clone() };
    let meta = std::fs::symlink_metadata(&git_dir).map_err(|e| NotRead::NoRepository(e.to_string()))?;
    if !meta.is_dir() {
        return Err(not_own());
    }
    for borrowed in ["commondir", "objects/info/alternates"] {
        if std::fs::symlink_metadata(git_dir.join(borrowed)).is_ok() {
            return Err(not_own());
        }
    }
    if !only_plain_entries(&git_dir) {
        return Err(not_own());
    }
    let config = std::fs::read(git_dir.join("config")).unwrap_or_default();
    let size = |name: &str| std::fs::metadata(git_dir.join(name)).map_or(0, |m| m.len());
    if config.len() as u64 > CONFIG_MAX_BYTES
        || size("packed-refs") > PACKED_REFS_MAX_BYTES
        || String::from_utf8_lossy(&config).to_ascii_lowercase().contains("[include")
    {
        return Err(NotRead::NoRepository(format!(
            "{shown} has a configuration or reference list larger than a project's, or includes other files"
        )));
    }
    let answer = run(dir, &["rev-parse", "--path-format=absolute", "--absolute-git-dir", "--git-common-dir"])
        .map_err(NotRead::NoRepository)?;
    let answer = String::from_utf8_lossy(&answer);
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let expected = canonical(&git_dir);
    if expected.is_some()
        && answer.lines().count() == 2
        && answer.lines().all(|line| canonical(Path::new(line)) == expected)
    {
        Ok(())
    } else {
        Err(not_own())
    }
}

/// The most entries a project's `.git` folder is walked through; a larger one is not read.
const GIT_DIR_MAX_ENTRIES: usize = 200_000;

/// Whether everything in `git_dir` is a plain file or folder: a link anywhere in it (an
/// `objects/ab` folder linked to another client's repository) could lend git another
/// repository's history, and a FIFO or device could hang it.
fn only_plain_entries(git_dir: &Path) -> bool {
    let mut entries = 0;
    for entry in walkdir::WalkDir::new(git_dir).follow_links(false) {
        let Ok(entry) = entry else { return false };
        let kind = entry.file_type();
        entries += 1;
        if !(kind.is_file() || kind.is_dir()) || entries > GIT_DIR_MAX_ENTRIES {
            return false;
        }
    }
    true
}

/// The `.git` of the nearest folder at or above `dir` that has one, as git finds it.
fn find_git_dir(dir: &Path) -> Option<std::path::PathBuf> {
    let start = std::fs::canonicalize(dir).ok()?;
    start.ancestors().map(|folder| folder.join(".git")).find(|git| std::fs::symlink_metadata(git).is_ok())
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
