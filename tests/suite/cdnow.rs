//! CDNOW, the real data set of the customer-base literature (Fader, Hardie & Lee 2005), as
//! the `lifetimes` wheel ships it: the 1/10 sample of 2,357 customers and 6,919 purchases,
//! January 1997 to June 1998. Eight of its customers made one order of $0.00; a zero-value
//! order is an order, so every one of the 2,357 customers is counted.
//!
//! `.ci/run` extracts `CDNOW_sample.txt` from the wheel into `target/datasets/` (or set
//! `UPLIFT_CDNOW` to the file). Without it the test skips loudly on a developer machine and
//! fails in CI (`CI=1`).

use crate::common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, text, uplift};

fn cdnow_sample() -> Option<PathBuf> {
    let path = std::env::var_os("UPLIFT_CDNOW").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/datasets/CDNOW_sample.txt"),
        PathBuf::from,
    );
    if path.is_file() {
        return Some(path);
    }
    assert!(std::env::var("CI").is_err(), "CI=1 but {} is missing (.ci/run extracts it)", path.display());
    eprintln!("\n!!! SKIPPED: the CDNOW test needs {} (see .ci/run)\n", path.display());
    None
}

/// CDNOW's `id index yyyymmdd cds dollars` lines as a CSV log with ISO dates.
fn as_csv(cdnow: &str) -> String {
    let mut csv = String::from("customer,date,amount\n");
    for line in cdnow.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let date = fields[2];
        let _ = writeln!(csv, "{},{}-{}-{},{}", fields[0], &date[..4], &date[4..6], &date[6..], fields[4]);
    }
    csv
}

#[test]
fn every_cdnow_customer_is_counted_zero_value_orders_included() {
    let Some(sample) = cdnow_sample() else { return };
    let dir = TempDir::new("cdnow");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/generate_project.py");
    let options = ["--segments", "1", "--touchpoints", "1", "--jobs", "1", "--workshops", "1"];
    let generated = Command::new("python3").arg(script).arg(dir.path()).args(options).output().unwrap();
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    fs::create_dir_all(dir.path().join("data")).unwrap();
    fs::write(dir.path().join("data/cdnow.csv"), as_csv(&fs::read_to_string(sample).unwrap())).unwrap();
    let mut project = fs::read_to_string(dir.path().join("project.yaml")).unwrap();
    project.push_str(
        "data:\n  transactions: data/cdnow.csv\n  columns: {customer: customer, date: date, amount: amount}\n  \
         delimiter: \",\"\n  decimal: \".\"\n  observation_end: 1998-06-30\n",
    );
    fs::write(dir.path().join("project.yaml"), project).unwrap();

    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}{stdout}", text(&out.stderr));
    assert!(stdout.contains("data: 6919 rows, 2357 customers, 1997-01-01 to 1998-06-30"), "{stdout}");
    assert!(stdout.contains("lines: 6920 = 1 header + 6919 rows used + 0 bad + 0 blank"), "{stdout}");

    let out = uplift(&["summarise", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert_eq!(summary.lines().count(), 1 + 2357);
    // The eight customers whose every order was $0.00 are in the summary.
    let cdnow = fs::read_to_string(cdnow_sample().unwrap()).unwrap();
    let mut totals: std::collections::BTreeMap<&str, f64> = std::collections::BTreeMap::new();
    for fields in cdnow.lines().map(|l| l.split_whitespace().collect::<Vec<_>>()).filter(|f| f.len() == 5) {
        *totals.entry(fields[0]).or_default() += fields[4].parse::<f64>().unwrap();
    }
    let zero: Vec<&str> = totals.iter().filter(|(_, total)| **total == 0.0).map(|(id, _)| *id).collect();
    assert_eq!(zero.len(), 8, "{zero:?}");
    for id in zero {
        assert!(summary.lines().any(|l| l.starts_with(&format!("{id},"))), "customer {id} is missing");
    }
}
