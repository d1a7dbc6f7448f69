//! The version stamp: a project in git carries its commit; outside git, nothing.

use crate::common;

use std::fs;
use std::path::Path;

use common::{TempDir, copy_tree, example, git_commit_all, text, uplift};

fn version_of(dir: &Path) -> serde_json::Value {
    let out = uplift(&["metrics", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["version"].clone()
}

#[test]
fn a_project_in_git_is_stamped_with_its_commit_and_dirty_state() {
    let repo = TempDir::new("git-version");
    let project = repo.path().join("client");
    copy_tree(&example(), &project);
    // Outside git: no stamp.
    assert!(version_of(&project).is_null());

    git_commit_all(repo.path(), "first");
    let clean = version_of(&project);
    assert_eq!(clean["uncommitted_changes"], false);
    assert_eq!(clean["commit"].as_str().unwrap().len(), 7, "{clean}");
    assert_eq!(clean["date"].as_str().unwrap().len(), 10, "{clean}");

    // A change of the same size is found by hashing; one of another size and a new input
    // by the tree listing alone: each is uncommitted, and undoing it is clean again.
    let segments = project.join("segments.yaml");
    let committed = fs::read_to_string(&segments).unwrap();
    let same_size = committed.replacen("customers: 2100", "customers: 2200", 1);
    assert_eq!(same_size.len(), committed.len());
    for text in [same_size.clone(), format!("{committed}\n")] {
        fs::write(&segments, text).unwrap();
        assert_eq!(version_of(&project)["uncommitted_changes"], true);
        fs::write(&segments, &committed).unwrap();
        assert_eq!(version_of(&project)["uncommitted_changes"], false);
    }
    let note = project.join("workshops/2027-03-stockholm.md");
    fs::copy(project.join("workshops/2027-02-oslo.md"), &note).unwrap();
    assert_eq!(version_of(&project)["uncommitted_changes"], true);
    fs::remove_file(&note).unwrap();
    fs::write(&segments, same_size).unwrap();
    assert_eq!(version_of(&project)["uncommitted_changes"], true);

    // The report says so on its cover.
    let out = project.join("report.html");
    let built = uplift(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let html = fs::read_to_string(&out).unwrap();
    // In words a reader knows: the version and its date, a draft while changes are uncommitted.
    let stamp = format!("<dd>{}, ", clean["commit"].as_str().unwrap());
    assert!(html.contains(&stamp), "cover shows the version");
    assert!(html.contains(" (draft)</dd>"), "and that it is a draft");

    // `report: {show_version: false}` leaves the stamp off the cover (the metrics keep it).
    let yaml = project.join("project.yaml");
    let hidden = fs::read_to_string(&yaml).unwrap().replacen("report:", "report:\n  show_version: false", 1);
    fs::write(&yaml, hidden).unwrap();
    let built = uplift(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let html = fs::read_to_string(project.join("report.html")).unwrap();
    assert!(!html.contains(&stamp), "no stamp");
    assert!(!version_of(&project).is_null());
}

/// `check` and `summarise` show no version, so they ask git for none: its three runs, one
/// after the other, were a sixth of the `summarise` of a 2 M-row log. A `git` first on the
/// PATH that notes each run and hands it on to the real one tells which commands run it.
#[test]
fn check_and_summarise_run_no_git_and_metrics_does() {
    let (repo, project) = common::committed_client("git-unasked");
    let found = std::process::Command::new("sh").args(["-c", "command -v git"]).output().unwrap();
    let real = text(&found.stdout).trim().to_owned();
    assert!(found.status.success() && !real.is_empty(), "a git on the PATH");
    let bin = repo.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let noted = repo.path().join("git-runs");
    let script = format!("#!/bin/sh\necho \"$@\" >> '{}'\nexec '{real}' \"$@\"\n", noted.display());
    fs::write(bin.join("git"), script).unwrap();
    let mut permissions = fs::metadata(bin.join("git")).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(bin.join("git"), permissions).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let runs = |args: &[&str]| {
        let _ = fs::remove_file(&noted);
        let out = common::command().env("PATH", &path).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        fs::read_to_string(&noted).unwrap_or_default().lines().count()
    };
    let dir = project.to_str().unwrap();
    let summary = repo.path().join("summary.csv");
    assert!(runs(&["metrics", dir, "--no-cache"]) > 0, "metrics asks git for the commit");
    assert_eq!(runs(&["check", dir, "--no-cache"]), 0);
    assert_eq!(runs(&["summarise", dir, "--no-cache", "-o", summary.to_str().unwrap()]), 0);
}
