//! `build/.cache`: an unchanged project's slow results are recalled, bit for bit; a changed
//! byte or setting is computed afresh; an altered, foreign or misplaced entry is never
//! trusted; a failed run and `--no-cache` write nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{TempDir, example_copy, text};

/// The example keeps six results: its data, two segments' models, and the simulations of
/// the base case and of its two programme options.
const RESULTS: usize = 6;

/// Runs uplift with its signing key under `home` (not the user's own).
fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_uplift"))
        .args(args)
        .env("XDG_CACHE_HOME", home)
        .output()
        .expect("run uplift")
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The `cache:` line of a successful `check` (on standard error).
fn cache_line(home: &Path, dir: &Path) -> String {
    let out = run(home, &["check", arg(dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    stderr
        .lines()
        .find(|l| l.starts_with("cache: "))
        .unwrap_or_else(|| panic!("no cache line:\n{stderr}"))
        .to_owned()
}

/// `uplift metrics`, with the cache or without.
fn metrics(home: &Path, dir: &Path, cache: bool) -> Vec<u8> {
    let mut args = vec!["metrics", arg(dir)];
    if !cache {
        args.push("--no-cache");
    }
    let out = run(home, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    out.stdout
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir.join("build/.cache"))
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn an_unchanged_project_is_recalled_bit_for_bit() {
    let (home, dir) = (TempDir::new("cache-home"), example_copy("cache-same"));
    assert_eq!(
        cache_line(home.path(), dir.path()),
        format!("cache: 0 results reused, {RESULTS} computed (build/.cache; --no-cache computes all)")
    );
    assert_eq!(entries(dir.path()).len(), RESULTS);
    assert_eq!(
        cache_line(home.path(), dir.path()),
        format!("cache: {RESULTS} results reused, 0 computed (build/.cache; --no-cache computes all)")
    );
    assert_eq!(metrics(home.path(), dir.path(), true), metrics(home.path(), dir.path(), false));
    let (recalled, computed) = (dir.path().join("recalled.html"), dir.path().join("computed.html"));
    for (report, extra) in [(&recalled, None), (&computed, Some("--no-cache"))] {
        let mut args = vec!["build", arg(dir.path()), "-o", arg(report)];
        args.extend(extra);
        let out = run(home.path(), &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert!(fs::read(&recalled).unwrap() == fs::read(&computed).unwrap(), "the reports differ");
    // The signing key: 32 bytes, readable by this user alone.
    let key = home.path().join("uplift/cache-key");
    assert_eq!(fs::read(&key).unwrap().len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// One byte of the export, or one setting, changed: the results that depend on it are
/// computed afresh, and equal what no cache gives.
#[test]
fn a_changed_byte_or_setting_is_computed_afresh() {
    let (home, dir) = (TempDir::new("cache-home"), example_copy("cache-changed"));
    let before = metrics(home.path(), dir.path(), true);
    // A comment line added at the top moves every setting but changes none: all recalled.
    let project = dir.path().join("project.yaml");
    let yaml = fs::read_to_string(&project).unwrap();
    fs::write(&project, format!("# reviewed with the client\n{yaml}")).unwrap();
    let line = cache_line(home.path(), dir.path());
    assert!(line.starts_with(&format!("cache: {RESULTS} results reused, 0 computed")), "{line}");
    // The last row's amount, one cent more.
    let export = dir.path().join("data/transactions.csv");
    let changed = fs::read_to_string(&export).unwrap().replace(
        "10886;31.10.2026;4689,78;1563,09;facility-management;El-materiel",
        "10886;31.10.2026;4689,79;1563,09;facility-management;El-materiel",
    );
    fs::write(&export, changed).unwrap();
    // The installers' models are unchanged; the data, the facility-management customers'
    // models and the three simulations (their average order value moved) are not.
    let line = cache_line(home.path(), dir.path());
    assert!(line.starts_with("cache: 1 result reused, 5 computed"), "{line}");
    let after = metrics(home.path(), dir.path(), true);
    assert!(after != before, "a changed amount must change the figures");
    assert!(after == metrics(home.path(), dir.path(), false), "recalled figures differ from computed ones");
    // One setting: the discount rate, which values the customers and the levers.
    let project = dir.path().join("project.yaml");
    let yaml = fs::read_to_string(&project).unwrap();
    assert!(yaml.contains("discount_rate: 0.09 "));
    fs::write(&project, yaml.replace("discount_rate: 0.09 ", "discount_rate: 0.091 ")).unwrap();
    let line = cache_line(home.path(), dir.path());
    assert!(line.starts_with("cache: 1 result reused, 5 computed"), "only the data is unchanged: {line}");
    let discounted = metrics(home.path(), dir.path(), true);
    assert!(discounted != after);
    assert!(
        discounted == metrics(home.path(), dir.path(), false),
        "recalled figures differ from computed ones"
    );
}

/// An entry altered by a bit, or signed with another user's key, is ignored, recomputed
/// and replaced: never trusted.
#[test]
fn an_altered_or_foreign_entry_is_never_trusted() {
    let (home, dir) = (TempDir::new("cache-home"), example_copy("cache-altered"));
    let computed = metrics(home.path(), dir.path(), false);
    assert_eq!(metrics(home.path(), dir.path(), true), computed);
    for entry in entries(dir.path()) {
        let mut bytes = fs::read(&entry).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&entry, bytes).unwrap();
    }
    assert_eq!(
        cache_line(home.path(), dir.path()),
        format!(
            "cache: 0 results reused, {RESULTS} computed; {RESULTS} untrusted entries ignored \
             (build/.cache; --no-cache computes all)"
        )
    );
    // Replaced: trusted again.
    assert!(cache_line(home.path(), dir.path()).starts_with(&format!("cache: {RESULTS} results reused")));
    assert_eq!(metrics(home.path(), dir.path(), true), computed);
    // Another user (another key) trusts none of them.
    let other = TempDir::new("cache-other-home");
    assert!(
        cache_line(other.path(), dir.path())
            .starts_with(&format!("cache: 0 results reused, {RESULTS} computed; {RESULTS} untrusted"))
    );
}

/// The report's safety check is kept for the text it passed. `check` renders a project
/// with templates of its own, so its second run recalls the check; a build with the check
/// recalled writes what one without the cache writes; a kept check altered by one byte in
/// the middle (the report's text) is not trusted, and the report is checked afresh.
#[test]
fn a_reports_safety_check_is_recalled_only_as_signed() {
    let (home, dir) = (TempDir::new("cache-home"), example_copy("cache-policy"));
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    let css = format!("{}\n.own-theme {{ color: red; }}\n", include_str!("../../templates/style.css"));
    fs::write(dir.path().join("templates/style.css"), css).unwrap();
    let kept = RESULTS + 1;
    let line = cache_line(home.path(), dir.path());
    assert!(line.starts_with(&format!("cache: 0 results reused, {kept} computed")), "{line}");
    let line = cache_line(home.path(), dir.path());
    assert!(line.starts_with(&format!("cache: {kept} results reused, 0 computed")), "{line}");
    let build = |name: &str, extra: Option<&str>| {
        let report = dir.path().join(name);
        let mut args = vec!["build", arg(dir.path()), "-o", arg(&report)];
        args.extend(extra);
        let out = run(home.path(), &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        fs::read(report).unwrap()
    };
    let computed = build("computed.html", Some("--no-cache"));
    assert!(build("recalled.html", None) == computed, "a recalled check wrote another report");
    for entry in entries(dir.path()) {
        let mut bytes = fs::read(&entry).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        fs::write(&entry, bytes).unwrap();
    }
    let line = cache_line(home.path(), dir.path());
    assert!(
        line.starts_with(&format!("cache: 0 results reused, {kept} computed; {kept} untrusted")),
        "{line}"
    );
    assert!(build("checked-again.html", None) == computed, "an altered check wrote another report");
    // A template that adds a script is refused each time, with the cache as without it, and
    // its refusal leaves no entry to recall.
    let before = entries(dir.path());
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/template-adds-script/templates/report.html"),
        dir.path().join("templates/report.html"),
    )
    .unwrap();
    for _ in 0..2 {
        let report = dir.path().join("refused.html");
        let out = run(home.path(), &["build", arg(dir.path()), "-o", arg(&report)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("the report would hold a `<script>` element"),
            "{}",
            text(&out.stderr)
        );
        assert!(!report.exists());
    }
    assert_eq!(entries(dir.path()), before, "a refused report was kept");
}

/// A failed run, `--no-cache`, and a cache folder that is a link write nothing.
#[test]
fn a_failed_run_no_cache_and_a_linked_cache_write_nothing() {
    let home = TempDir::new("cache-home");
    let dir = example_copy("cache-failed");
    let jobs = dir.path().join("jobs.yaml");
    fs::write(&jobs, format!("{}\n  - [unclosed\n", fs::read_to_string(&jobs).unwrap())).unwrap();
    let out = run(home.path(), &["check", arg(dir.path())]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!dir.path().join("build").exists(), "a failed run wrote build/");

    // Valid, but failed by --deny-warnings: a benchmark far from the segment's own figure.
    let dir = example_copy("cache-denied");
    let segments = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(&segments).unwrap();
    assert!(yaml.contains("average_order_value: 8600,"));
    fs::write(&segments, yaml.replace("average_order_value: 8600,", "average_order_value: 86000,")).unwrap();
    let out = run(home.path(), &["check", "--deny-warnings", arg(dir.path())]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--deny-warnings"), "{}", text(&out.stderr));
    assert!(!dir.path().join("build").exists(), "a run failed by --deny-warnings wrote build/");

    let dir = example_copy("cache-off");
    let out = run(home.path(), &["check", "--no-cache", arg(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("cache:"));
    assert!(!dir.path().join("build").exists(), "--no-cache wrote build/");

    #[cfg(unix)]
    {
        let outside = TempDir::new("cache-outside");
        let dir = example_copy("cache-linked");
        fs::create_dir(dir.path().join("build")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("build/.cache")).unwrap();
        let out = run(home.path(), &["check", arg(dir.path())]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr)
                .contains("cache: off, every result computed: build or build/.cache is a symbolic link"),
            "{}",
            text(&out.stderr)
        );
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0, "written through the link");
    }
}
