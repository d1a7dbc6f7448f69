//! Helpers shared by the integration tests: temp project folders and running the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("uplift-test-{}-{label}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project")
}

/// Copies every file below `from` into `to`, keeping relative paths; not `from`'s `build`
/// folder, the outputs (and `build/.cache`) other runs leave there.
pub fn copy_tree(from: &Path, to: &Path) {
    let outputs = from.join("build");
    for entry in
        walkdir::WalkDir::new(from).sort_by_file_name().into_iter().filter_entry(|e| e.path() != outputs)
    {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("relative");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A temp copy of the example project.
pub fn example_copy(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    copy_tree(&example(), dir.path());
    dir
}

/// `text` as older Nordic systems write it: æ, ø, å as single Windows-1252 bytes (every
/// other character must be Latin-1).
pub fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'æ' => 0xe6,
            'ø' => 0xf8,
            'å' => 0xe5,
            c => u8::try_from(c).unwrap(),
        })
        .collect()
}

/// The example's customers of segment `installers` as a summary of the eight base columns
/// (header first), and the observation end they are counted to: real enough data for
/// every customer-base model to fit.
pub fn installers_summary() -> (Vec<String>, chrono::NaiveDate) {
    let dir = TempDir::new("installers-summary");
    let summary = dir.path().join("summary.csv");
    let out = uplift(&["summarise", example().to_str().unwrap(), "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let text = std::fs::read_to_string(&summary).unwrap();
    let base = |line: &str| line.split(',').take(8).collect::<Vec<_>>().join(",");
    let mut lines = text.lines();
    let mut rows = vec![base(lines.next().unwrap())];
    rows.extend(lines.filter(|l| l.split(',').nth(1) == Some("installers")).map(base));
    let first: Vec<&str> = rows[1].split(',').collect();
    let start: chrono::NaiveDate = first[6].parse().unwrap();
    let end = start + chrono::Days::new(first[4].parse().unwrap());
    (rows, end)
}

/// The uplift binary, to run without `build/.cache`: every figure computed, nothing
/// written into the example or a key into the user's home. The key's home is a file,
/// where no key can be made (tests/suite/cache.rs gives its runs a home of their own).
pub fn command() -> Command {
    static NO_KEY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let home = NO_KEY.get_or_init(|| {
        let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-cache-key-here");
        fs::write(&file, b"").expect("write a file in the target's temp folder");
        file
    });
    let mut command = Command::new(env!("CARGO_BIN_EXE_uplift"));
    command.env("XDG_CACHE_HOME", home);
    command
}

pub fn uplift(args: &[&str]) -> Output {
    command().args(args).output().expect("run uplift")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One run of `uplift`, checked step by step; every failed check shows the whole output:
/// `Run::new(&["check", dir]).code(1).stderr_has("segments.yaml:21:5")`.
pub struct Run {
    args: Vec<String>,
    pub out: Output,
}

impl Run {
    pub fn new(args: &[&str]) -> Self {
        Self { args: args.iter().map(|a| (*a).to_owned()).collect(), out: uplift(args) }
    }

    pub fn stdout(&self) -> String {
        text(&self.out.stdout)
    }

    pub fn stderr(&self) -> String {
        text(&self.out.stderr)
    }

    /// Asserts the exit code.
    #[must_use]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(self.out.status.code(), Some(expected), "{}", self.context());
        self
    }

    /// Asserts that standard error holds `part`.
    #[must_use]
    pub fn stderr_has(self, part: &str) -> Self {
        assert!(self.stderr().contains(part), "stderr lacks {part:?}\n{}", self.context());
        self
    }

    /// Asserts that standard output holds `part`.
    #[must_use]
    pub fn stdout_has(self, part: &str) -> Self {
        assert!(self.stdout().contains(part), "stdout lacks {part:?}\n{}", self.context());
        self
    }

    fn context(&self) -> String {
        format!(
            "uplift {}\n--- exit {:?} ---\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.out.status.code(),
            self.stdout(),
            self.stderr()
        )
    }
}

/// A repository whose `client/` folder is a copy of the example, committed: the project
/// and the repository it lives in.
pub fn committed_client(label: &str) -> (TempDir, PathBuf) {
    let repo = TempDir::new(label);
    let project = repo.path().join("client");
    copy_tree(&example(), &project);
    git_commit_all(repo.path(), "first");
    (repo, project)
}

/// A new repository in `dir` with everything in it committed as `message`.
pub fn git_commit_all(dir: &Path, message: &str) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Runs `git` in `dir` with a throw-away identity, failing the test on error.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

/// Two computed numbers agree to 12 significant digits: an optimised and a debug build may
/// differ in the last bits of a long floating-point sum.
pub fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// Compares `actual` with the snapshot in `file` by `same`. When they differ (or there is no
/// snapshot yet), writes `actual` beside it as `<file>.new` for review and says how to accept
/// it; with `UPLIFT_UPDATE_SNAPSHOTS=1`, writes the snapshot itself. Reviewing needs nothing
/// but the files: no network, no tool.
pub fn snapshot(file: &Path, actual: &str, same: impl Fn(&str, &str) -> bool) -> Result<(), String> {
    let fresh = PathBuf::from(format!("{}.new", file.display()));
    if std::env::var_os("UPLIFT_UPDATE_SNAPSHOTS").is_some() {
        fs::write(file, actual).expect("write the snapshot");
        let _ = fs::remove_file(&fresh);
        return Ok(());
    }
    match fs::read_to_string(file) {
        Ok(expected) if same(&expected, actual) => {
            let _ = fs::remove_file(&fresh);
            Ok(())
        }
        found => {
            fs::write(&fresh, actual).expect("write the new snapshot");
            Err(format!(
                "{} differs from its snapshot ({}): compare it with {}, and accept with UPLIFT_UPDATE_SNAPSHOTS=1",
                file.display(),
                if found.is_ok() { "changed" } else { "no snapshot yet" },
                fresh.display()
            ))
        }
    }
}
