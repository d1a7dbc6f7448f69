//! The corpus of broken projects: each folder under tests/broken/ overlays one or more
//! files on a copy of the example project (and may list files to `remove`); `uplift check`
//! must exit 1 without panicking, print every line of the case's `expected` file and none
//! of its `absent` file (a problem that would only repeat another), and print exactly its
//! snapshot `check.stderr` (the project's folder written `[PROJECT]`), so that a changed,
//! added, missing or reordered message shows in review. A differing run writes
//! `check.stderr.new` beside it; `UPLIFT_UPDATE_SNAPSHOTS=1 cargo test broken` accepts all.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, example_copy, text, uplift};

const CONTROL_FILES: [&str; 5] = ["expected", "absent", "remove", SNAPSHOT, "check.stderr.new"];

/// The full standard error of `uplift check` on the case.
const SNAPSHOT: &str = "check.stderr";

#[test]
fn every_broken_project_gets_clear_located_errors() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut cases: Vec<_> =
        fs::read_dir(&corpus).expect("tests/broken exists").map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus has only {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|case| run_case(case).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let dir = example_copy(&name);
    copy_tree(case, dir.path());
    for control in CONTROL_FILES {
        let _ = fs::remove_file(dir.path().join(control));
    }
    if let Ok(list) = fs::read_to_string(case.join("remove")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(dir.path().join(rel.trim()))
                .map_err(|e| format!("{name}: cannot remove {rel}: {e}"))?;
        }
    }
    let expected =
        fs::read_to_string(case.join("expected")).map_err(|e| format!("{name}: no `expected` file: {e}"))?;
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("exit code {:?}, expected 1", out.status.code()));
    }
    if stderr.contains("panicked") {
        problems.push("the binary panicked".to_owned());
    }
    for line in expected.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !stderr.contains(line) {
            problems.push(format!("missing: {line}"));
        }
    }
    if let Err(problem) = matches_snapshot(case, &stderr.replace(dir.path().to_str().unwrap(), "[PROJECT]")) {
        problems.push(problem);
    }
    let absent = fs::read_to_string(case.join("absent")).unwrap_or_default();
    for line in absent.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if stderr.contains(line) {
            problems.push(format!("present, but should not be: {line}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}: {}\n--- stderr ---\n{stderr}", problems.join("; ")))
    }
}

/// Compares `stderr` with the case's snapshot (see [`common::snapshot`]).
fn matches_snapshot(case: &Path, stderr: &str) -> Result<(), String> {
    common::snapshot(&case.join(SNAPSHOT), stderr, |a, b| a == b)
}
