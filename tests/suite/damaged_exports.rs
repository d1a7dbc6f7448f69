//! Damaged copies of the example's export: stray quotes, amounts written with the other
//! decimal sign, blank lines. Each gives exact counts that reconcile with the file's lines
//! and a clear message; no row is lost without being counted, and no amount is misread.

use crate::common;

use std::fs;
use std::path::Path;

use common::{TempDir, example, example_copy, text, uplift};

const LOG: &str = "data/transactions.csv";

/// The example with its log rewritten line by line by `edit` (line numbers 1-based).
fn damaged(label: &str, edit: impl Fn(usize, &str) -> Option<String>) -> TempDir {
    let dir = example_copy(label);
    let path = dir.path().join(LOG);
    let original = fs::read_to_string(example().join(LOG)).unwrap();
    let lines: Vec<String> = original
        .lines()
        .enumerate()
        .map(|(i, line)| edit(i + 1, line).unwrap_or_else(|| line.to_owned()))
        .collect();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    dir
}

/// `check --skip-bad-rows`: its `lines:` summary as (lines, header, used, bad, blank,
/// continuation lines).
fn reconciled(dir: &Path) -> (u64, u64, u64, u64, u64, u64) {
    let out = uplift(&["check", dir.to_str().unwrap(), "--skip-bad-rows"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}{stdout}", text(&out.stderr));
    let line = stdout.lines().find(|l| l.starts_with("lines: ")).expect("a lines: summary");
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let (lines, header, used, bad, blank, continued) = match numbers[..] {
        [lines, header, used, bad, blank] => (lines, header, used, bad, blank, 0),
        [lines, header, used, bad, blank, continued] => (lines, header, used, bad, blank, continued),
        _ => panic!("{line}"),
    };
    assert_eq!(lines, header + used + bad + blank + continued, "the counts reconcile: {line}");
    (lines, header, used, bad, blank, continued)
}

fn example_rows() -> u64 {
    fs::read_to_string(example().join(LOG)).unwrap().lines().count() as u64 - 1
}

#[test]
fn the_example_reconciles() {
    let dir = example_copy("reconcile");
    assert_eq!(reconciled(dir.path()), (example_rows() + 1, 1, example_rows(), 0, 0, 0));
}

#[test]
fn a_stray_quote_costs_its_own_line_only() {
    for at in [2, 60_001, 79_848] {
        let dir = damaged("stray-quote", |line, text| (line == at).then(|| text.replacen(';', ";\"", 1)));
        let (lines, _, used, bad, _, continued) = reconciled(dir.path());
        assert_eq!(
            (lines, used, bad, continued),
            (example_rows() + 1, example_rows() - 1, 1, 0),
            "quote at {at}"
        );
        let out = uplift(&["check", dir.path().to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("data/transactions.csv:{at}:1: the line opens a quote")),
            "{stderr}"
        );
    }
}

#[test]
fn stray_quotes_in_many_places_each_cost_one_line() {
    let lines_with_quotes = [3, 50, 51, 4_000, 30_000, 30_040, 70_000];
    let dir = damaged("stray-quotes", |line, text| {
        lines_with_quotes.contains(&line).then(|| text.replacen(';', ";\"", 1))
    });
    let (_, _, used, bad, _, continued) = reconciled(dir.path());
    assert_eq!((used, bad, continued), (example_rows() - 7, 7, 0));
}

#[test]
fn a_quoted_field_with_a_line_break_is_one_row() {
    // The segment field of line 10 is quoted and broken over two lines: one row (whose
    // segment is then unknown), two lines.
    let dir = damaged("multiline", |line, text| {
        (line == 10).then(|| {
            let fields: Vec<&str> = text.split(';').collect();
            let (rest, segment, category) = (fields[..4].join(";"), fields[4], fields[5]);
            format!("{rest};\"{segment}\n\";{category}")
        })
    });
    let (lines, _, used, bad, _, continued) = reconciled(dir.path());
    assert_eq!((lines, used, bad, continued), (example_rows() + 2, example_rows() - 1, 1, 1));
}

#[test]
fn amounts_with_the_other_decimal_sign_are_never_misread() {
    // `6078,76` written as `6078.76` or `6.078.76`: a bad row naming the value, not 607,876.
    let dir = damaged("decimal-row", |line, text| (line == 2).then(|| text.replace("6078,76", "6078.76")));
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "`6078.76` is not a number with `decimal: \",\"`; it would be one with `decimal: \".\"`"
        ),
        "{stderr}"
    );
    let dir =
        damaged("decimal-grouping", |line, text| (line == 2).then(|| text.replace("6078,76", "6.078.76")));
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read `6.078.76` as an amount: a thousands separator belongs"),
        "{stderr}"
    );
}

#[test]
fn a_file_written_with_the_other_decimal_sign_is_told_once_at_the_top() {
    let dir = damaged("decimal-file", |line, text| (line > 1).then(|| text.replace(',', ".")));
    let out = uplift(&["check", dir.path().to_str().unwrap(), "--skip-bad-rows"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(stderr.contains("data/transactions.csv:1:1:"), "{stderr}");
    assert!(stderr.contains("hold numbers written with `.` as the decimal sign"), "{stderr}");
    assert!(stderr.contains("set `decimal: \".\"` under `data:`"), "{stderr}");
}

#[test]
fn blank_lines_are_counted() {
    let dir = damaged("blank", |line, text| (line == 100 || line == 200).then(|| format!("{text}\n   ")));
    let (lines, _, used, bad, blank, _) = reconciled(dir.path());
    assert_eq!((lines, used, bad, blank), (example_rows() + 3, example_rows(), 0, 2));
}

#[test]
fn a_date_before_1990_is_a_bad_row() {
    // `01.11.2023` typed as `01.11.1923`.
    let dir = damaged("old-date", |line, text| (line == 5).then(|| text.replacen(".20", ".19", 1)));
    let original = fs::read_to_string(example().join(LOG)).unwrap();
    let fifth = original.lines().nth(4).unwrap();
    assert!(fifth.contains(".2023;") || fifth.contains(".2024;"), "{fifth}");
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("data/transactions.csv:5:"), "{stderr}");
    assert!(stderr.contains("is before 1990"), "{stderr}");
}

#[test]
fn a_windows_1252_export_read_as_utf8_says_which_encoding_to_set() {
    let dir = example_copy("windows-1252");
    let path = dir.path().join(LOG);
    let utf8 = fs::read_to_string(&path).unwrap();
    // The export as older Nordic systems write it.
    fs::write(&path, common::windows_1252(&utf8)).unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("set `encoding: windows-1252` under `data:`"), "{stderr}");
}

#[test]
fn a_huge_garbage_header_is_quoted_short() {
    let dir = example_copy("garbage-header");
    let garbage = "x;".repeat(200_000);
    fs::write(dir.path().join(LOG), format!("{garbage}\n1;2;3\n")).unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.len() < 20_000, "{} bytes of messages", stderr.len());
}

#[test]
fn carriage_returns_alone_are_named() {
    // Every line ending a carriage return alone: the file reads as one line.
    let dir = example_copy("cr-only");
    let path = dir.path().join(LOG);
    fs::write(&path, fs::read_to_string(&path).unwrap().replace('\n', "\r")).unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("the file's lines end with a carriage return alone"), "{stderr}");
    // One stray carriage return inside a row.
    let dir = damaged("stray-cr", |line, text| {
        (line == 7).then(|| text.replacen(';', ";\r", 3).replacen(";\r", ";", 2))
    });
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("data/transactions.csv:7:"), "{stderr}");
    assert!(stderr.contains("holds a carriage return: the file mixes line endings"), "{stderr}");
}

#[test]
fn amounts_that_add_up_past_what_a_log_may_hold_are_refused_not_summed() {
    // A thousand rows of 999,999,999,999.99 each, as a customer number read as the amount
    // might give: in ten-thousandths they add up past what a 64-bit sum holds.
    let big = "999999999999,99";
    let dir = damaged("money-past-the-cap", |line, text| {
        (2..=1001).contains(&line).then(|| {
            let mut fields: Vec<&str> = text.split(';').collect();
            fields[2] = big;
            fields.join(";")
        })
    });
    // The total the message names, worked from the file: every row's amount and margin
    // (both with two decimals, as the example writes them), each without its sign.
    let cents = |field: &str| -> u64 { field.trim_start_matches('-').replace(',', "").parse().unwrap() };
    let log = fs::read_to_string(dir.path().join(LOG)).unwrap();
    let total: u64 =
        log.lines().skip(1).map(|line| line.split(';').skip(2).take(2).map(cents).sum::<u64>()).sum();
    assert_eq!(log.matches(big).count(), 1000);
    let expected = format!(
        "data/transactions.csv: the rows' amounts and margins, each without its sign, add up to {}: past the cap of 100000000000000 on a file's money",
        total / 100
    );
    let d = dir.path().to_str().unwrap();
    let out_file = dir.path().join("summary.csv");
    let o = out_file.to_str().unwrap();
    for args in [
        vec!["check", d],
        vec!["summarise", d, "--no-cache", "-o", o],
        vec!["summarise", d, "--no-cache", "--memory-limit", "1", "-o", o],
    ] {
        let out = uplift(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&expected), "{args:?}: {expected}\n{stderr}");
        assert!(!out_file.exists(), "{args:?} wrote nothing");
    }
}
