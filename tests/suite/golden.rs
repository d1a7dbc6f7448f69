//! The examples' full outputs, kept as reviewed snapshots in tests/golden/: the metrics JSON
//! and the report of both example projects. A change of structure or of any figure or byte
//! shows in review; a refactor that should change nothing is checked to change nothing.
//! Numbers agree to 12 significant digits (an optimised and a debug build may differ in the
//! last bits of a long floating-point sum); everything else, and the report, byte for byte.
//! `UPLIFT_UPDATE_SNAPSHOTS=1 cargo test golden` accepts a change.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, TempDir, copy_tree, text, uplift};

const EXAMPLES: [&str; 2] = ["example-project", "example-project-da"];

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Whether two JSON documents are the same, numbers to 12 significant digits.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => common::same_number(x, y),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn the_examples_give_their_reviewed_outputs() {
    let mut problems = Vec::new();
    for example in EXAMPLES {
        // A copy outside any repository: no version stamp, which changes with every commit.
        let dir = TempDir::new(example);
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(example), dir.path());
        let out = uplift(&["metrics", dir.path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let metrics = text(&out.stdout);
        let parsed = |s: &str| serde_json::from_str::<Value>(s).ok();
        let same = |a: &str, b: &str| parsed(a).zip(parsed(b)).is_some_and(|(a, b)| same_json(&a, &b));
        problems.extend(common::snapshot(&golden(&format!("{example}.metrics.json")), &metrics, same).err());
        let report = dir.path().join("report.html");
        let out = uplift(&["build", dir.path().to_str().unwrap(), "-o", report.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let html = fs::read_to_string(&report).unwrap();
        problems
            .extend(common::snapshot(&golden(&format!("{example}.report.html")), &html, |a, b| a == b).err());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_json_comparison_allows_the_last_bits_only() {
    let v = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    assert!(same_json(&v(r#"{"a": [1.0000000000000002]}"#), &v(r#"{"a": [1.0]}"#)));
    assert!(!same_json(&v(r#"{"a": [1.000001]}"#), &v(r#"{"a": [1.0]}"#)));
    assert!(!same_json(&v(r#"{"a": 1, "b": 2}"#), &v(r#"{"a": 1}"#)));
}
