//! The transaction-data pipeline end to end: the example's export, bad rows, wrong files,
//! and the warehouse SQL against `uplift summarise`.

use crate::common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TempDir, example, example_copy, text, uplift};

const LOG: &str = "data/transactions.csv";

/// The example project with its log's `line`s (1-based, header = 1) replaced.
fn with_lines(label: &str, replacements: &[(usize, &str)]) -> TempDir {
    let dir = example_copy(label);
    let path = dir.path().join(LOG);
    let original = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    for (line, text) in replacements {
        (*text).clone_into(&mut lines[line - 1]);
    }
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    dir
}

#[test]
fn bad_rows_fail_with_their_lines_and_can_be_skipped() {
    let dir = with_lines(
        "bad-rows",
        &[
            // An empty date on the first row: never taken for the (empty) last date read.
            (2, "10004;;100,00;30,00;installers;VVS"),
            (5, "10001;31.02.2024;100,00;30,00;installers;VVS"),
            (9, "10002;01.03.2024;12x;30,00;installers;VVS"),
            (12, "10003;01.03.2024;100,00"),
            (20, ";01.03.2024;100,00;30,00;installers;VVS"),
        ],
    );
    let d = dir.path().to_str().unwrap();
    let out = uplift(&["check", d]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "data/transactions.csv:5:",
        "cannot read `31.02.2024` as a date in the format `%d.%m.%Y`",
        "data/transactions.csv:9:",
        "cannot read `12x` as an amount",
        "data/transactions.csv:12:1: the row has 3 fields, the header 6",
        "data/transactions.csv:20:1: Kundenr: the customer id is empty",
        "data/transactions.csv:2:",
        "cannot read `` as a date",
        "5 bad rows in all",
        "on_bad_rows: skip",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    let skipped = uplift(&["check", d, "--skip-bad-rows"]);
    let out = text(&skipped.stdout);
    assert!(skipped.status.success(), "{}", text(&skipped.stderr));
    assert!(
        out.contains("skipped: 2 rows (unreadable date)")
            && out.contains("skipped: 1 row (wrong number of fields)"),
        "{out}"
    );
    // The report says it too.
    let report = dir.path().join("r.html");
    assert!(uplift(&["build", d, "--skip-bad-rows", "-o", report.to_str().unwrap()]).status.success());
    assert!(fs::read_to_string(report).unwrap().contains("unreadable amount"));
}

/// A row without a category is a bad row, located, and can be skipped like any other; a log
/// with more categories than a customer-day's set holds is refused as a whole, naming them.
#[test]
fn a_missing_category_is_a_bad_row_and_too_many_categories_an_error() {
    // A return buys nothing and may leave the category empty (line 4); a purchase may not.
    let dir = with_lines(
        "category-empty",
        &[(3, "10004;01.11.2023;100,00;30,00;installers;"), (4, "10004;01.11.2023;-10,00;-3,00;installers;")],
    );
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data/transactions.csv:3:") && err.contains("Varegruppe: the category is empty"),
        "{err}"
    );
    assert!(err.contains("1 bad row in all"), "{err}");

    let many: Vec<(usize, String)> =
        (0..33).map(|k| (k + 2, format!("10004;01.11.2023;100,00;30,00;installers;Gruppe {k:02}"))).collect();
    let many: Vec<(usize, &str)> = many.iter().map(|(line, text)| (*line, text.as_str())).collect();
    let dir = with_lines("categories-too-many", &many);
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Line 34 brings the 33rd: `Gruppe 32`.
    assert!(
        err.contains("data/transactions.csv:34:1: Varegruppe: `Gruppe 32` is category number 33 in the column `Varegruppe`, which may hold at most 32; the first 32: `Gruppe 00`"),
        "{err}"
    );
    assert!(err.contains("export a coarser category"), "{err}");
}

#[test]
fn files_that_are_not_a_transaction_log_get_one_clear_error_each() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty", b"", "the file is empty"),
        (
            "header-only",
            "Kundenr;Dato;Beløb;Dækningsbidrag;Segment;Varegruppe\n".as_bytes(),
            "has a header but no rows",
        ),
        (
            "xlsx",
            b"PK\x03\x04\x14\x00\x06\x00rest-of-a-workbook",
            "this is an Excel workbook, not a CSV file",
        ),
        (
            "renamed-column",
            "Kunde;Dato;Beløb;Dækningsbidrag;Segment\n1;01.01.2025;1;1;installers\n".as_bytes(),
            "no column `Kundenr`",
        ),
    ];
    for (label, bytes, expected) in cases {
        let dir = example_copy(label);
        fs::write(dir.path().join(LOG), bytes).unwrap();
        let out = uplift(&["check", dir.path().to_str().unwrap()]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{label}: {err}");
        assert!(
            err.contains(expected) && err.contains("data/transactions.csv"),
            "{label}: missing `{expected}` in:\n{err}"
        );
    }
}

/// `uplift summarise` writes each customer's steps on the loyalty path, and a project
/// reading that summary instead of the log counts the same path, stage for stage and krone
/// for krone — as long as both read it under the same settings, which the summary's column
/// names carry.
#[test]
fn the_loyalty_path_from_a_summary_equals_the_one_from_the_log() {
    let metrics = |dir: &Path| -> serde_json::Value {
        let out = uplift(&["metrics", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // The log opens with a day of returns only, before anyone's first purchase, and without
    // a category (a return needs none): the path's first day is still the first purchase day.
    let opened_with_a_return = |label: &str| {
        let dir = example_copy(label);
        let log = fs::read_to_string(dir.path().join(LOG)).unwrap();
        let (header, rows) = log.split_once('\n').unwrap();
        fs::write(
            dir.path().join(LOG),
            format!("{header}\n99999;15.10.2023;-50,00;-15,00;installers;\n{rows}"),
        )
        .unwrap();
        dir
    };
    let log_dir = opened_with_a_return("path-from-log");
    let from_log = metrics(log_dir.path());
    let dir = opened_with_a_return("path-from-summary");
    let written = dir.path().join("written.csv");
    let out = uplift(&["summarise", dir.path().to_str().unwrap(), "-o", written.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    fs::rename(&written, dir.path().join("data/summary.csv")).unwrap();
    // The summary in place of the log, with the figures only a log gives typed as derived.
    let project = fs::read_to_string(dir.path().join("project.yaml")).unwrap();
    let (start, end) = (project.find("\ndata:").unwrap(), project.find("\nreport:").unwrap());
    let data = "\ndata:\n  summary: data/summary.csv\n\nloyalty_path:\n  categories: 3\n";
    fs::write(dir.path().join("project.yaml"), format!("{}{data}{}", &project[..start], &project[end..]))
        .unwrap();
    let mut segments = fs::read_to_string(dir.path().join("segments.yaml")).unwrap();
    for segment in from_log["data"]["segments"].as_array().unwrap() {
        for figure in segment["figures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["from_data"] == true && f["field"] != "customers")
        {
            let field = figure["field"].as_str().unwrap();
            segments =
                segments.replacen(&format!("{field}: from_data"), &format!("{field}: {}", figure["used"]), 1);
        }
    }
    fs::write(dir.path().join("segments.yaml"), segments).unwrap();
    let from_summary = metrics(dir.path());
    let paths = |m: &serde_json::Value| -> Vec<serde_json::Value> {
        m["data"]["segments"].as_array().unwrap().iter().map(|s| s["loyalty_path"].clone()).collect()
    };
    assert!(paths(&from_log).iter().all(|p| p["integrated"]["customers"].as_u64().unwrap() > 0));
    assert_eq!(paths(&from_summary), paths(&from_log));
    assert_eq!(from_summary["problem_areas"]["from_data"], from_log["problem_areas"]["from_data"]);

    // Read under other settings than the summary's, the columns would mean something else.
    let project = fs::read_to_string(dir.path().join("project.yaml")).unwrap();
    fs::write(dir.path().join("project.yaml"), project.replace("  categories: 3\n", "  window_days: 180\n"))
        .unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data/summary.csv:1:1: the summary's loyalty path columns count purchase days 2, 4, 8 within 365 days; project.yaml's `loyalty_path` counts 2, 4, 8 within 180"),
        "{err}"
    );
}

#[test]
fn from_data_without_a_data_section_is_located() {
    let dir = example_copy("no-data-section");
    let project = fs::read_to_string(dir.path().join("project.yaml")).unwrap();
    let start = project.find("data:").unwrap();
    let end = project.find("simulation:").unwrap();
    fs::write(dir.path().join("project.yaml"), format!("{}{}", &project[..start], &project[end..])).unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("segments.yaml:")
            && err.contains("segments[1].customers: `from_data`, but project.yaml has no `data:` section"),
        "{err}"
    );
}

/// `uplift summarise` and the warehouse SQL (docs/warehouse.md) give the same summary and
/// holdout summary, row for row, on the example's export, on every engine the check runs:
/// `DuckDB`, Spark SQL (local mode) and `PostgreSQL` (the server at `DATABASE_URL`). Outside CI an
/// engine that is not installed is skipped loudly; in CI none may be.
#[test]
fn warehouse_sql_matches_uplift_summarise() {
    let dir = TempDir::new("warehouse");
    let summary = dir.path().join("summary.csv");
    let holdout = dir.path().join("holdout.csv");
    let example_dir = example();
    let example_dir = example_dir.to_str().unwrap();
    let out = uplift(&["summarise", example_dir, "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = uplift(&["summarise", example_dir, "--holdout", "-o", holdout.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    check_on_every_engine(
        &example().join(LOG),
        &[(&summary, &["--category", "Varegruppe"]), (&holdout, &["--calibration-end", "2026-01-31"])],
    );
}

/// Customer ids that sort differently by bytes than by any language's rules — upper and
/// lower case, digits of different lengths, letters beyond ASCII — come out of every engine
/// in the order `uplift summarise` writes them: byte order.
#[test]
fn warehouse_sql_sorts_ids_in_byte_order_as_uplift_does() {
    let project = example_copy("warehouse-ids");
    let log = project.path().join(LOG);
    let original = fs::read_to_string(&log).unwrap();
    let mut renamed = String::new();
    for (i, line) in original.lines().enumerate() {
        let (id, rest) = line.split_once(';').unwrap();
        let id = match (i, id.parse::<u32>()) {
            (0, _) | (_, Err(_)) => id.to_owned(),
            // One id per customer still (each form keeps n), in forms that interleave, each
            // keyed its own way by the reader: short ids, lowercase UUIDs (as values),
            // uppercase ones and those whose last half is zero (in six words), and ids too
            // long for any table.
            (_, Ok(n)) => match n % 10 {
                0 => format!("a{n}"),
                1 => format!("A{n}"),
                2 => format!("ø{n}"),
                3 => format!("{}", n.saturating_sub(10_000)),
                4 => format!("Z-{n}"),
                5 => format!("{n:08x}-6dab-4cba-9196-{:012x}", n + 1),
                6 => format!("{n:08X}-6DAB-4CBA-9196-{:012X}", n + 1),
                7 => format!("{n:08x}-6dab-4cba-0000-000000000000"),
                8 => format!("customer-{n}-of-a-crm-whose-ids-run-past-forty-seven-bytes"),
                _ => format!("é{n}"),
            },
        };
        writeln!(renamed, "{id};{rest}").unwrap();
    }
    fs::write(&log, renamed).unwrap();
    let summary = project.path().join("summary.csv");
    let out = uplift(&["summarise", project.path().to_str().unwrap(), "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = fs::read_to_string(&summary).unwrap();
    let ids: Vec<&str> = written.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let starts = |c: char| ids.iter().any(|id| id.starts_with(c));
    let short = ids.iter().any(|id| id.len() == 1);
    assert!(ids.is_sorted() && starts('A') && starts('a') && starts('ø') && short, "{:?}", &ids[..20]);
    // More customers of each UUID form and of long ids than a reader looks up at once (16).
    let count = |shaped: &dyn Fn(&str) -> bool| ids.iter().filter(|id| shaped(id)).count();
    assert!(count(&|id| id.contains("-6dab-4cba-9196-")) > 100);
    assert!(count(&|id| id.contains("-6DAB-4CBA-9196-")) > 100);
    assert!(count(&|id| id.ends_with("-0000-000000000000")) > 100);
    assert!(count(&|id| id.len() > 47) > 100);
    check_on_every_engine(&log, &[(&summary, &["--category", "Varegruppe"])]);
}

/// Runs `scripts/check_warehouse.py` on `log` (the example's format) against each summary
/// with its extra arguments, on `DuckDB`, Spark SQL and `PostgreSQL`; an engine that is not
/// installed is skipped loudly outside CI and fails the test in CI.
fn check_on_every_engine(log: &Path, checks: &[(&Path, &[&str])]) {
    let script = example().parent().unwrap().join("scripts/check_warehouse.py");
    let mut skipped = Vec::new();
    for engine in ["duckdb", "spark", "postgresql"] {
        for (file, extra) in checks {
            let check = Command::new("python3")
                .arg(&script)
                .arg(log)
                .arg(file)
                .args(["--engine", engine, "--end", "2026-10-31", "--delimiter", ";", "--decimal", ","])
                .args(["--date-format", "%d.%m.%Y", "--columns", "Kundenr,Dato,Beløb,Segment"])
                .args(*extra)
                .output()
                .expect("python3 runs");
            if check.status.code() == Some(3) {
                assert!(std::env::var_os("CI").is_none(), "CI needs {engine}: {}", text(&check.stderr));
                skipped.push(format!("{engine}: {}", text(&check.stderr).trim()));
                break;
            }
            assert!(
                check.status.success(),
                "{engine} {}: {}{}",
                file.display(),
                text(&check.stdout),
                text(&check.stderr)
            );
            assert!(text(&check.stdout).contains("customers agree"), "{}", text(&check.stdout));
        }
    }
    for reason in skipped {
        eprintln!("\n!!! SKIPPED the warehouse check on {reason} !!!\n");
    }
}

#[test]
fn fit_prints_parameters_per_segment() {
    let dir = TempDir::new("fit");
    let summary = dir.path().join("summary.csv");
    assert!(
        uplift(&["summarise", example().to_str().unwrap(), "-o", summary.to_str().unwrap()]).status.success()
    );
    let out = uplift(&["fit", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let segments = json["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 2);
    for s in segments {
        assert!(
            s["bg_nbd"]["r"].as_f64().unwrap() > 0.0 && s["gamma_gamma"]["q"].as_f64().unwrap() > 1.0,
            "{s}"
        );
        // Every model of a customer summary, with standard errors under the parameters'
        // names and the information criteria of the same log-likelihood.
        for (model, params) in [
            ("bg_nbd", ["r", "alpha", "a", "b"]),
            ("pareto_nbd", ["r", "alpha", "s", "beta"]),
            ("mbg_nbd", ["r", "alpha", "a", "b"]),
        ] {
            let m = &s[model];
            for p in params {
                assert!(
                    m[p].as_f64().unwrap() > 0.0 && m["standard_errors"][p].as_f64().unwrap() > 0.0,
                    "{model}.{p}: {m}"
                );
            }
            let ll = m["log_likelihood"].as_f64().unwrap();
            assert!((m["aic"].as_f64().unwrap() - (8.0 - 2.0 * ll)).abs() < 1e-6 * ll.abs(), "{m}");
            assert_eq!(m["time_unit"], "day");
        }
    }
}

/// `uplift summarise --holdout` writes the example's customers as of the calibration end
/// with their holdout purchases, and `uplift fit` validates every model on it to the same
/// figures as `uplift metrics` computes from the log.
#[test]
fn fit_validates_the_models_on_a_holdout_summary_as_the_project_does() {
    let dir = TempDir::new("holdout");
    let summary = dir.path().join("holdout.csv");
    let out =
        uplift(&["summarise", example().to_str().unwrap(), "--holdout", "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("as of 2026-01-31 with their purchases in the 273 days after"));
    let fit = uplift(&["fit", summary.to_str().unwrap()]);
    assert!(fit.status.success(), "{}", text(&fit.stderr));
    let fit: serde_json::Value = serde_json::from_slice(&fit.stdout).unwrap();
    let metrics = uplift(&["metrics", example().to_str().unwrap()]);
    let metrics: serde_json::Value = serde_json::from_slice(&metrics.stdout).unwrap();
    let mut compared = 0;
    for segment in fit["segments"].as_array().unwrap() {
        let id = segment["segment"].as_str().unwrap();
        let project = metrics["data"]["segments"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap();
        let (from_fit, from_log) = (&segment["validation"], &project["validation"]);
        assert_eq!(from_fit["holdout_days"], from_log["holdout_days"]);
        assert_eq!(segment["customers"], from_log["customers"]);
        for model in ["bg_nbd", "pareto_nbd", "mbg_nbd"] {
            let (a, b) = (&from_fit["models"][model], &from_log["models"][model]);
            assert_eq!(a["actual"], b["actual"], "{id} {model}");
            for field in ["predicted", "mean_absolute_error"] {
                let (x, y) = (a[field].as_f64().unwrap(), b[field].as_f64().unwrap());
                assert!((x - y).abs() <= 1e-9 * y.abs(), "{id} {model} {field}: {x} vs {y}");
            }
            assert_eq!(a["by_frequency"], b["by_frequency"], "{id} {model}");
            assert!(a["tracking"].as_array().unwrap().is_empty(), "no weekly purchases in a summary");
            assert_eq!(b["tracking"].as_array().unwrap().len(), 39);
            compared += 1;
        }
    }
    assert_eq!(compared, 6);
}

/// A small deterministic generator (64-bit LCG), so the test needs no crate and no seed file.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One customer of a generated log, as the plain summary needs them.
#[derive(Default)]
struct PlainCustomer {
    segment: &'static str,
    /// Net amount per day, in hundredths.
    per_day: std::collections::BTreeMap<i64, i64>,
    /// The day and category of each row above zero.
    bought: Vec<(i64, usize)>,
}

impl PlainCustomer {
    /// The customer's summary line, computed the plain way from the definitions of
    /// docs/warehouse.md (days counted from `start`, observed to `end`); `None` without a
    /// purchase day.
    fn summary_line(&self, id: &str, start: chrono::NaiveDate, end: chrono::NaiveDate) -> Option<String> {
        let purchases: Vec<i64> =
            self.per_day.iter().filter(|(_, net)| **net >= 0).map(|(day, _)| *day).collect();
        let &first = purchases.first()?;
        let last = *purchases.last().unwrap();
        let repeat: i64 = self.per_day.range(first + 1..).map(|(_, net)| net).sum();
        let frequency = purchases.len() - 1;
        #[allow(clippy::cast_precision_loss)]
        let monetary = if frequency > 0 { repeat as f64 * 100.0 / 10_000.0 / frequency as f64 } else { 0.0 };
        let date = |day: i64| start + chrono::Days::new(day.unsigned_abs());
        // The loyalty path's fields, under the default settings: a 365-day window.
        let in_window = |day: i64| (first..first + 365).contains(&day);
        let longest_gap = purchases.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let nth = |n: usize| {
            purchases
                .get(n - 1)
                .filter(|&&d| in_window(d))
                .map(|d| (d - first).to_string())
                .unwrap_or_default()
        };
        let revenue: i64 = self.per_day.iter().filter(|(day, _)| in_window(**day)).map(|(_, net)| net).sum();
        let mut firsts: Vec<i64> = (0..3)
            .filter_map(|k| {
                self.bought.iter().filter(|(d, c)| *c == k && in_window(*d)).map(|(d, _)| *d).min()
            })
            .collect();
        firsts.sort_unstable();
        let categories = if firsts.len() == 3 { (firsts[2] - first).to_string() } else { String::new() };
        let sign = if revenue < 0 { "-" } else { "" };
        let revenue = format!("{sign}{}.{:02}0000", revenue.abs() / 100, revenue.abs() % 100);
        Some(format!(
            "{id},{},{frequency},{},{},{monetary:.6},{},{},{longest_gap},{},{},{},{revenue},{categories}",
            self.segment,
            last - first,
            (end - date(first)).num_days(),
            date(first),
            date(last),
            nth(2),
            nth(4),
            nth(8)
        ))
    }
}

/// A log of several blocks (the reader hands out 4 MiB at a time), rows in no order, ids of
/// every width the reader keys differently (up to 15 bytes, up to 47, longer), returns and
/// several rows on one day: `uplift summarise` must equal a
/// summary computed here the plain way, customer by customer.
#[test]
fn a_log_read_in_parallel_equals_a_plain_summary() {
    use std::collections::BTreeMap;
    let start = chrono::NaiveDate::from_ymd_opt(2023, 11, 1).unwrap();
    let days = 1096;
    let mut rng = Lcg(20_261_123);
    let id = |i: u64| match i % 3 {
        0 => format!("customer-{i:05}-of-the-northern-region"),
        1 => format!("customer-{i:05}-of-the-northern-region-served-from-bergen"),
        _ => format!("{}", 10_000 + i),
    };
    let segment = |i: u64| if i % 2 == 0 { "installers" } else { "facility-management" };
    let mut csv = String::from("Kundenr;Dato;Beløb;Dækningsbidrag;Segment;Varegruppe\n");
    let mut expected: BTreeMap<String, PlainCustomer> = BTreeMap::new();
    while csv.len() < 13 << 20 {
        // A quarter of the rows go to 500 frequent buyers, who reach the path's later stages.
        let customer = if rng.below(4) == 0 { rng.below(500) } else { rng.below(100_000) };
        let day = i64::try_from(rng.below(days)).unwrap();
        let cents = i64::try_from(rng.below(600_000)).unwrap() - 50_000;
        let date = start + chrono::Days::new(day.unsigned_abs());
        let sign = if cents < 0 { "-" } else { "" };
        let amount = format!("{sign}{},{:02}", cents.abs() / 100, cents.abs() % 100);
        let k = usize::try_from(rng.below(3)).unwrap();
        let category = ["VVS", "Kabler", "Værktøj"][k];
        writeln!(
            csv,
            "{};{};{amount};0,00;{};{category}",
            id(customer),
            date.format("%d.%m.%Y"),
            segment(customer)
        )
        .unwrap();
        let entry = expected
            .entry(id(customer))
            .or_insert_with(|| PlainCustomer { segment: segment(customer), ..PlainCustomer::default() });
        *entry.per_day.entry(day).or_default() += cents;
        if cents > 0 {
            entry.bought.push((day, k));
        }
    }
    let dir = example_copy("parallel");
    fs::write(dir.path().join(LOG), &csv).unwrap();
    let summary = dir.path().join("summary.csv");
    let out = uplift(&["summarise", dir.path().to_str().unwrap(), "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let end = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let mut plain = String::from(
        "customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase,longest_gap,days_to_purchase_2,days_to_purchase_4,days_to_purchase_8,revenue_in_365_days,days_to_3_categories\n",
    );
    for line in expected.iter().filter_map(|(id, c)| c.summary_line(id, start, end)) {
        plain.push_str(&line);
        plain.push('\n');
    }
    let written = fs::read_to_string(&summary).unwrap();
    assert!(written.lines().count() > 50_000, "too few customers: the test would prove little");
    let reached = |column: usize| {
        plain.lines().skip(1).filter(|l| !l.split(',').nth(column).unwrap().is_empty()).count()
    };
    assert!(
        [reached(10), reached(11), reached(12), reached(13)].iter().all(|&n| n > 100),
        "too few customers on the path: the test would prove little"
    );
    for (line, (a, b)) in written.lines().zip(plain.lines()).enumerate() {
        assert_eq!(a, b, "line {}", line + 1);
    }
    assert_eq!(written.lines().count(), plain.lines().count());
    // Read in parts of a third of 4 MiB, the log gives the same summary.
    let in_parts = dir.path().join("in-parts.csv");
    let out = uplift(&[
        "summarise",
        dir.path().to_str().unwrap(),
        "--memory-limit",
        "4",
        "-o",
        in_parts.to_str().unwrap(),
    ]);
    assert!(text(&out.stderr).contains("read the log in 10 parts"), "{}", text(&out.stderr));
    assert!(fs::read_to_string(&in_parts).unwrap() == written, "the summary read in parts differs");

    // The same customer in another segment far down the file is found, with both lines.
    let first_line = csv.lines().nth(1).unwrap().to_owned();
    let moved = if first_line.contains(";installers;") {
        first_line.replace(";installers;", ";facility-management;")
    } else {
        first_line.replace(";facility-management;", ";installers;")
    };
    let lines = csv.lines().count();
    // A bad row as well: both problems are reported in one run.
    fs::write(dir.path().join(LOG), format!("{csv}{moved}\n10001;01.03.2024\n")).unwrap();
    let out = uplift(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is in more than one segment"), "{err}");
    assert!(err.contains("1 bad row in all") && err.contains("the row has 2 fields, the header 6"), "{err}");
    assert!(err.contains(&format!("on line {}", lines + 1)), "{err}");
}

/// Without a cache, `summarise` writes each customer's row as it is made, reading only
/// project.yaml, segments.yaml and the data; with one (here without a key, so none is
/// kept), it writes the summaries the project holds for the other commands. The two write
/// the same bytes, say the same about what was left out, and fail on the same problems in
/// the data and the two files; no input of the project is a place for the summary.
#[test]
fn a_summary_written_as_it_is_made_is_the_one_the_project_holds() {
    let edits = [
        (2, "10004;;100,00;30,00;installers;VVS"),
        (50, "10003;01.03.2024;12x;30,00;installers;VVS"),
        (60, ""),
        (70, "99998;01.03.2024;-100,00;-30,00;facility-management;VVS"),
    ];
    let dir = with_lines("streamed", &edits);
    let d = dir.path().to_str().unwrap();
    let (streamed_file, held_file) = (dir.path().join("streamed.csv"), dir.path().join("held.csv"));
    let streamed =
        uplift(&["summarise", d, "--no-cache", "--skip-bad-rows", "-o", streamed_file.to_str().unwrap()]);
    let held = uplift(&["summarise", d, "--skip-bad-rows", "-o", held_file.to_str().unwrap()]);
    let (streamed_err, held_err) = (text(&streamed.stderr), text(&held.stderr));
    assert!(streamed.status.success() && held.status.success(), "{streamed_err}\n{held_err}");
    assert!(fs::read(&streamed_file).unwrap() == fs::read(&held_file).unwrap(), "the summaries differ");
    assert_eq!(streamed_err, held_err);
    assert!(streamed_err.contains("skipped"), "{streamed_err}");
    assert!(streamed_err.contains("left out: 1 customer with returns only"), "{streamed_err}");
    let stdout = uplift(&["summarise", d, "--no-cache", "--skip-bad-rows"]);
    assert!(stdout.stdout == fs::read(&held_file).unwrap(), "standard output differs from the file");

    // Not skipped, the bad rows fail both, with the same problems, and nothing is written.
    fs::remove_file(&streamed_file).unwrap();
    let streamed = uplift(&["summarise", d, "--no-cache", "-o", streamed_file.to_str().unwrap()]);
    let held = uplift(&["summarise", d]);
    assert_eq!((streamed.status.code(), held.status.code()), (Some(1), Some(1)));
    assert_eq!(text(&streamed.stderr), text(&held.stderr));
    assert!(text(&streamed.stderr).contains("data/transactions.csv:50:"), "{}", text(&streamed.stderr));
    assert!(!streamed_file.exists(), "a failed summary leaves no file");

    // A problem in project.yaml's `data:` fails both alike; one in journey.yaml, which the
    // summary does not depend on, only the run that reads the whole project.
    for (file, from, to, streamed_code) in [
        ("project.yaml", "date_format:", "date_fromat:", Some(1)),
        ("journey.yaml", "touchpoints:", "touchponts:", Some(0)),
    ] {
        let path = dir.path().join(file);
        let before = fs::read_to_string(&path).unwrap();
        assert!(before.contains(from), "{file} has no `{from}`");
        fs::write(&path, before.replacen(from, to, 1)).unwrap();
        let streamed = uplift(&["summarise", d, "--no-cache", "--skip-bad-rows"]);
        let held = uplift(&["summarise", d, "--skip-bad-rows"]);
        assert_eq!((streamed.status.code(), held.status.code()), (streamed_code, Some(1)), "{file}");
        assert!(text(&held.stderr).contains(to.trim_end_matches(':')), "{}", text(&held.stderr));
        if streamed_code == Some(1) {
            assert_eq!(text(&streamed.stderr), text(&held.stderr));
        } else {
            assert!(streamed.stdout == fs::read(&held_file).unwrap(), "{file}: the summary differs");
        }
        fs::write(&path, before).unwrap();
    }

    // No input is a place for the summary: not the logo nor a note's picture, which only
    // the whole project reads, nor the log; nor the logo, default or named, when a problem
    // outside `data:` keeps the whole project from reading it.
    let yaml = dir.path().join("project.yaml");
    let valid = fs::read_to_string(&yaml).unwrap();
    fs::copy(dir.path().join("assets/logo.svg"), dir.path().join("assets/brand.svg")).unwrap();
    let named = valid.replace("brand: {primary_color: \"#1f4e79\"}", "brand: {logo: assets/brand.svg}");
    assert_ne!(named, valid, "the example's brand line changed");
    for (config, input) in [
        (valid.clone(), "assets/logo.svg"),
        (valid.clone(), "assets/welcome-process.svg"),
        (valid.clone(), LOG),
        (valid.replace("currency: DKK", "currency: dkk"), "assets/logo.svg"),
        (named.replace("currency: DKK", "currency: dkk"), "assets/brand.svg"),
    ] {
        fs::write(&yaml, config).unwrap();
        let path = dir.path().join(input);
        let before = fs::read(&path).unwrap();
        let refused =
            uplift(&["summarise", d, "--no-cache", "--skip-bad-rows", "-o", path.to_str().unwrap()]);
        assert_eq!(refused.status.code(), Some(2), "{input}: {}", text(&refused.stderr));
        assert_eq!(fs::read(&path).unwrap(), before, "{input}");
    }
}

/// `summarise` of a log larger than its memory limit reads it in parts by customer id; what
/// it writes and every problem it finds are those of the log read whole. The example's
/// 4.4 MB log with a memory limit of 1 MiB goes in 13 parts of about a third of a MiB.
#[test]
fn a_log_read_in_parts_gives_what_the_whole_read_gives() {
    // With a cache asked for (none is kept without a key), the log read whole gives the
    // summaries the project holds, not rows written as they are made, as the parts' are.
    let summarise = |dir: &Path, extra: &[&str]| {
        let mut args = vec!["summarise", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        uplift(&args)
    };
    let parts_line = |err: &str| err.lines().find(|l| l.contains("read the log in")).map(str::to_owned);
    let without_parts_line =
        |err: &str| err.lines().filter(|l| !l.contains("read the log in")).collect::<Vec<_>>().join("\n");

    // Rows of every kind a part could misplace or misread, spread over the file: bad rows,
    // a blank line, a line whose quote does not close, a row with a line break in a quoted
    // field, and a quoted id holding the delimiter.
    let lines = fs::read_to_string(example().join(LOG)).unwrap().lines().count();
    let far = |k: usize| k * lines / 10;
    let edits = [
        (2, "10004;;100,00;30,00;installers;VVS".to_owned()),
        (far(1), "10001;31.02.2024;100,00;30,00;installers;VVS".to_owned()),
        (far(2), String::new()),
        (far(3), "10002;01.03.2024;12x;30,00;installers;VVS".to_owned()),
        (far(4), "10003;01.03.2024;\"100,00;30,00;installers;VVS".to_owned()),
        (far(5), "10005;01.03.2024;100,00;30,00;facility-management;\"VVS\nog rør\"".to_owned()),
        (far(6), "\"10;006\";01.03.2024;100,00;30,00;installers;VVS".to_owned()),
        (far(7), "10003;01.03.2024;100,00".to_owned()),
        (far(9), ";01.03.2024;100,00;30,00;installers;VVS".to_owned()),
        // A carriage return of its own before the line ending, and a NUL byte past the
        // first 64 KiB of the log, where no header check looks, but in the first rows of the
        // last part (the id sorts last): both read as the whole read reads them.
        (far(9) + 1, "10004;01.03.2024;100,00;30,00;installers;VVS\r\r".to_owned()),
        (2000, "99999;01.03.2024;100,00;30,00;installers;V\u{0}VS".to_owned()),
    ];
    let edits: Vec<(usize, &str)> = edits.iter().map(|(line, text)| (*line, text.as_str())).collect();
    let dir = with_lines("in-parts", &edits);
    let whole = summarise(dir.path(), &["--skip-bad-rows"]);
    let parts = summarise(dir.path(), &["--skip-bad-rows", "--memory-limit", "1"]);
    let (whole_err, parts_err) = (text(&whole.stderr), text(&parts.stderr));
    assert!(whole.status.success() && parts.status.success(), "{whole_err}\n{parts_err}");
    assert_eq!(parts_line(&whole_err), None, "{whole_err}");
    let said = parts_line(&parts_err).unwrap_or_else(|| panic!("not read in parts:\n{parts_err}"));
    assert!(said.contains("13 parts of at most ") && said.contains(" KiB each"), "{said}");
    assert!(text(&whole.stdout).contains("\n10;006,installers,"), "the quoted id is summarised");
    assert_eq!(text(&parts.stdout), text(&whole.stdout));
    // Read in parts, only project.yaml and segments.yaml are checked besides the data; the
    // project's other inputs are still no place for the summary: not journey.yaml, read by
    // its name, nor a note's picture, which only the whole project reads.
    let picture = dir.path().join("assets/welcome-process.svg");
    let kept = fs::read(&picture).unwrap();
    let refused =
        summarise(dir.path(), &["--skip-bad-rows", "--memory-limit", "1", "-o", picture.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert_eq!(fs::read(&picture).unwrap(), kept);
    let journey = dir.path().join("journey.yaml");
    let before = fs::read(&journey).unwrap();
    let refused =
        summarise(dir.path(), &["--skip-bad-rows", "--memory-limit", "1", "-o", journey.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("is the project's input journey.yaml"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(fs::read(&journey).unwrap(), before);
    let summarised = |err: &str| {
        err.lines().filter(|l| !l.contains("read the log in")).map(str::to_owned).collect::<Vec<_>>()
    };
    assert!(summarised(&whole_err).iter().any(|l| l.contains("skipped")), "{whole_err}");
    for line in summarised(&parts_err) {
        assert!(whole_err.contains(&line), "`{line}` is not in:\n{whole_err}");
    }
    // Both ways for the notes on the data; the whole project's run notes its other files too.
    let about_data = ["summarised ", "skipped", "left out"];
    let on_data: Vec<String> =
        summarised(&whole_err).into_iter().filter(|l| about_data.iter().any(|s| l.starts_with(s))).collect();
    assert!(on_data.len() >= 2, "{whole_err}");
    for line in on_data {
        assert!(parts_err.contains(line.as_str()), "`{line}` is not in:\n{parts_err}");
    }

    // Not skipped, the bad rows fail both runs with the same problems and lines.
    let whole = summarise(dir.path(), &[]);
    let parts = summarise(dir.path(), &["--memory-limit", "1"]);
    let (whole_err, parts_err) = (text(&whole.stderr), text(&parts.stderr));
    assert_eq!((whole.status.code(), parts.status.code()), (Some(1), Some(1)), "{whole_err}\n{parts_err}");
    assert!(whole_err.contains("6 bad rows in all"), "{whole_err}");
    assert!(whole_err.contains(&format!("data/transactions.csv:{}:", far(4))), "{whole_err}");
    assert_eq!(without_parts_line(&parts_err), without_parts_line(&whole_err));

    // A customer in two segments, found in one part, and categories past the limit, which
    // no part holds too many of alone: the same problems at the same lines.
    let first = fs::read_to_string(example().join(LOG)).unwrap().lines().nth(1).unwrap().to_owned();
    let moved = if first.contains(";installers;") {
        first.replace(";installers;", ";facility-management;")
    } else {
        first.replace(";facility-management;", ";installers;")
    };
    let dir = with_lines("in-parts-conflict", &[(far(8), moved.as_str())]);
    let whole = summarise(dir.path(), &[]);
    let parts = summarise(dir.path(), &["--memory-limit", "1"]);
    let whole_err = text(&whole.stderr);
    assert!(whole_err.contains("is in more than one segment"), "{whole_err}");
    assert_eq!(text(&parts.stderr), whole_err);
    // New customers with ids spread over the example's (10001 to 13566), so the
    // categories fall into different parts.
    let many: Vec<(usize, String)> = (0..33)
        .map(|k| {
            let id = 10_001 + k * 108;
            (2 + k * (lines - 40) / 33, format!("{id}-new;01.11.2023;100,00;30,00;installers;Gruppe {k:02}"))
        })
        .collect();
    let many: Vec<(usize, &str)> = many.iter().map(|(line, text)| (*line, text.as_str())).collect();
    let dir = with_lines("in-parts-categories", &many);
    let whole = summarise(dir.path(), &[]);
    let parts = summarise(dir.path(), &["--memory-limit", "1"]);
    let whole_err = text(&whole.stderr);
    assert!(whole_err.contains("`Gruppe 24` is category number 33"), "{whole_err}");
    assert_eq!(text(&parts.stderr), whole_err);
}

/// The cut into parts reads every row as the whole read does, whatever shape the ids
/// take (UUIDs, ids longer than 47 bytes with letters past ASCII), in Windows-1252, with rows
/// after the observation end, and with segments from a customers file: the parts give the
/// whole read's summary and notes.
#[test]
fn a_log_read_in_parts_reads_every_encoding_id_and_segment_source_as_the_whole_read() {
    let compare = |dir: &Path, label: &str| {
        let d = dir.to_str().unwrap();
        let whole = uplift(&["summarise", d, "--skip-bad-rows"]);
        let parts = uplift(&["summarise", d, "--skip-bad-rows", "--memory-limit", "1"]);
        let (whole_err, parts_err) = (text(&whole.stderr), text(&parts.stderr));
        assert!(whole.status.success() && parts.status.success(), "{label}: {whole_err}\n{parts_err}");
        let parts_read = parts_err.split("read the log in ").nth(1).and_then(|rest| rest.split(' ').next());
        assert!(
            parts_read.and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n > 10),
            "{label}: {parts_err}"
        );
        assert!(whole.stdout == parts.stdout, "{label}: the summaries differ");
        // The notes on the data; the whole project's run notes its other files too.
        let notes = |err: &str| {
            let about_data = ["summarised ", "skipped", "left out"];
            err.lines().filter(|l| about_data.iter().any(|s| l.starts_with(s))).collect::<Vec<_>>().join("\n")
        };
        assert!(notes(&whole_err).lines().count() >= 2, "{label}: {whole_err}");
        assert_eq!(notes(&parts_err), notes(&whole_err), "{label}");
        (text(&whole.stdout), whole_err)
    };

    // Ids of three shapes, the log in Windows-1252, and two rows after the observation end.
    let dir = example_copy("in-parts-shapes");
    let log = fs::read_to_string(dir.path().join(LOG)).unwrap();
    let mut lines: Vec<String> = log.lines().map(str::to_owned).collect();
    for line in lines.iter_mut().skip(1) {
        let (id, rest) = line.split_once(';').unwrap();
        let n: u64 = id.parse().unwrap();
        *line = match n % 3 {
            0 => format!("{n:08x}-6dab-4cba-9196-0000{n:08x};{rest}"),
            1 => format!("kunde-æøå-{n}-{};{rest}", "x".repeat(40)),
            _ => line.clone(),
        };
    }
    lines.push("10002;05.11.2026;100,00;30,00;installers;VVS".into());
    lines.push("kunde-æøå-10003-not-in-the-log;05.11.2026;100,00;30,00;installers;VVS".into());
    fs::write(dir.path().join(LOG), common::windows_1252(&(lines.join("\n") + "\n"))).unwrap();
    let yaml = dir.path().join("project.yaml");
    let config = fs::read_to_string(&yaml).unwrap();
    let with_encoding =
        config.replacen("  delimiter: \";\"", "  encoding: windows-1252\n  delimiter: \";\"", 1);
    assert_ne!(with_encoding, config, "the example's delimiter line changed");
    fs::write(&yaml, with_encoding).unwrap();
    let (summary, notes) = compare(dir.path(), "shapes");
    let count = |start: &str| summary.lines().filter(|l| l.starts_with(start)).count();
    assert!(count("kunde-æøå-") > 1000, "the long ids are summarised as text");
    assert!(count("0000") > 1000 && summary.contains("-6dab-4cba-9196-0000"), "the UUIDs are summarised");
    assert!(notes.contains("after the observation end"), "{notes}");

    // Segments from a customers file, which leaves one customer of the log out.
    let dir = example_copy("in-parts-customers");
    let log = fs::read_to_string(dir.path().join(LOG)).unwrap();
    let mut segment_of = std::collections::BTreeMap::new();
    for line in log.lines().skip(1) {
        let fields: Vec<&str> = line.split(';').collect();
        segment_of.entry(fields[0].to_owned()).or_insert_with(|| fields[4].to_owned());
    }
    let left_out = segment_of.keys().nth(100).unwrap().clone();
    let mut customers = String::from("Kundenr;Segment\n");
    for (id, segment) in segment_of.iter().filter(|(id, _)| **id != left_out) {
        writeln!(customers, "{id};{segment}").unwrap();
    }
    fs::write(dir.path().join("data/customers.csv"), customers).unwrap();
    let yaml = dir.path().join("project.yaml");
    let config = fs::read_to_string(&yaml).unwrap();
    let with_customers = config.replacen(
        "  transactions: data/transactions.csv\n",
        "  transactions: data/transactions.csv\n  customers: data/customers.csv\n",
        1,
    );
    assert_ne!(with_customers, config, "the example's transactions line changed");
    fs::write(&yaml, with_customers).unwrap();
    let (summary, notes) = compare(dir.path(), "customers file");
    assert!(!summary.contains(&format!("\n{left_out},")), "{left_out} is not in the customers file");
    assert!(notes.contains("skipped"), "{notes}");
}

/// Written to a file, a part's rows go out as soon as it is summarised, `T` counted to the
/// observation end project.yaml sets; without one, only once the last part has told the
/// log's last day. Either way they are the whole read's bytes, and a log whose problems are
/// found only after rows went out leaves no file.
#[test]
fn a_log_read_in_parts_to_a_file_gives_the_whole_reads_bytes_or_nothing() {
    let dir = with_lines("in-parts-file", &[(9, "10002;01.03.2024;12x;30,00;installers;VVS")]);
    let d = dir.path().to_str().unwrap();
    let output = TempDir::new("in-parts-output");
    let file = output.path().join("summary.csv");
    let f = file.to_str().unwrap();
    let yaml = dir.path().join("project.yaml");
    let config = fs::read_to_string(&yaml).unwrap();
    let set = "  observation_end: 2026-10-31\n";
    assert!(config.contains(set), "the example sets its observation end");
    let mut by_end = Vec::new();
    for end in ["  observation_end: 2026-11-30\n", ""] {
        fs::write(&yaml, config.replace(set, end)).unwrap();
        // The whole read as the project holds it, not as it is written out without a cache.
        let whole = uplift(&["summarise", d, "--skip-bad-rows"]);
        let parts =
            uplift(&["summarise", d, "--no-cache", "--skip-bad-rows", "--memory-limit", "1", "-o", f]);
        assert!(whole.status.success() && parts.status.success(), "{}", text(&parts.stderr));
        assert!(text(&parts.stderr).contains("read the log in 13 parts"), "{}", text(&parts.stderr));
        assert!(
            fs::read_to_string(&file).unwrap() == text(&whole.stdout),
            "with `{end}`: the summaries differ"
        );
        by_end.push(text(&whole.stdout));
    }
    assert_ne!(by_end[0], by_end[1], "the two ends give the same `T`s: the test would prove little");
    fs::remove_file(&file).unwrap();
    for end in [set, ""] {
        fs::write(&yaml, config.replace(set, end)).unwrap();
        let whole = uplift(&["summarise", d]);
        let failed = uplift(&["summarise", d, "--no-cache", "--memory-limit", "1", "-o", f]);
        assert_eq!(failed.status.code(), Some(1), "{}", text(&failed.stderr));
        let problems =
            |err: &str| err.lines().filter(|l| !l.contains("read the log in")).collect::<Vec<_>>().join("\n");
        assert!(text(&whole.stderr).contains("data/transactions.csv:9:"), "{}", text(&whole.stderr));
        assert_eq!(problems(&text(&failed.stderr)), problems(&text(&whole.stderr)));
        assert_eq!(fs::read_dir(output.path()).unwrap().count(), 0, "a summary or a temporary file is left");
    }
}

/// Read in parts with its observation end set, a summary going to a file that can be undone
/// takes each part's rows before the log is judged; standard output takes nothing until
/// then. A target that fails stops the run with its own error, not the log's.
#[test]
fn read_in_parts_with_its_end_set_the_rows_go_out_before_the_log_is_judged() {
    use uplift::project::data::in_parts::{Failure, Target};
    /// A disk that is full from the first byte.
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("the disk is full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // A bad row, which fails the log only once every part is read.
    let dir = with_lines("in-parts-early", &[(9, "10002;01.03.2024;12x;30,00;installers;VVS")]);
    let scratch = TempDir::new("in-parts-early-tmp");
    let data = uplift::project::load_data_only(dir.path(), uplift::project::Options::default())
        .expect("project.yaml and segments.yaml read");
    let summarise = |out: &mut dyn std::io::Write, undoable: bool| {
        data.summarise_in_parts(dir.path(), (1 << 20, scratch.path()), Target { out, undoable })
    };
    for undoable in [true, false] {
        let mut out = Vec::new();
        let result = summarise(&mut out, undoable);
        assert!(matches!(result, Err(Failure::Invalid(_))), "undoable {undoable}: the bad row fails the log");
        let header = "customer,segment,frequency,recency,T,";
        assert_eq!(
            out.starts_with(header.as_bytes()) && out.len() > 100_000,
            undoable,
            "undoable {undoable}"
        );
    }
    let result = summarise(&mut Full, true);
    assert!(matches!(&result, Err(Failure::Output(e)) if e.to_string() == "the disk is full"));
    assert_eq!(fs::read_dir(scratch.path()).unwrap().count(), 0, "the parts are removed");
}

/// `check` and `summarise` leave out the log's SHA-256 (the reading is faster without
/// it); the report and the metrics, with a cache or without, must still list it.
#[test]
fn the_report_and_metrics_list_the_logs_fingerprint_with_or_without_a_cache() {
    use sha2::Digest as _;
    let dir = example_copy("log-fingerprint");
    let d = dir.path().to_str().unwrap();
    let log = fs::read(dir.path().join(LOG)).unwrap();
    let sha = uplift::project::source::hex(&sha2::Sha256::digest(&log));
    let out = dir.path().join("build/report.html");
    let o = out.to_str().unwrap();
    // A home of its own for the cache's key: `uplift()` runs without a cache.
    let home = TempDir::new("log-fingerprint-home");
    let run = |args: &[&str], cache: bool| {
        let mut command = common::command();
        command.args(args);
        if cache {
            command.env("XDG_CACHE_HOME", home.path());
        } else {
            command.arg("--no-cache");
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        output
    };
    for (label, cache) in [("without a cache", false), ("with a cache", true)] {
        // A `check` first: with a cache the build then recalls the data `check` kept,
        // which `check` without one would not have hashed.
        let checked = text(&run(&["check", d], cache).stderr);
        let kept = checked.lines().any(|l| l.starts_with("cache: 0 results reused, 6 computed"));
        assert_eq!(kept, cache, "{label}: {checked}");
        run(&["build", d, "-o", o], cache);
        let html = fs::read_to_string(&out).unwrap();
        assert!(html.contains(&format!("<code>{LOG}</code>")), "{label}: the log is listed");
        assert!(html.contains(&sha), "{label}: the log is listed with its SHA-256");
        let metrics = run(&["metrics", d], cache);
        assert!(text(&metrics.stdout).contains(&format!("\"sha256\": \"{sha}\"")), "{label}: in the metrics");
    }
}

/// A log that would need more than 256 parts under its memory limit is refused before a
/// byte of its body is read, and the limit the advice names is enough: the example's rows
/// 21 times over (93 MB) under 1 MiB would take 267 parts of a third of a MiB.
#[test]
fn a_log_needing_too_many_parts_is_refused_with_a_limit_that_works() {
    let dir = example_copy("too-many-parts");
    let path = dir.path().join(LOG);
    let log = fs::read_to_string(&path).unwrap();
    let (header, body) = log.split_once('\n').unwrap();
    fs::write(&path, format!("{header}\n{}", body.repeat(21))).unwrap();
    let d = dir.path().to_str().unwrap();
    let summarise = |limit: &str| uplift(&["summarise", d, "--no-cache", "--memory-limit", limit, "-o", "-"]);
    let refused = summarise("1");
    let err = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("it would take 267 parts, and a log is cut into at most 256"), "{err}");
    let advised = err.split("give `--memory-limit ").nth(1).and_then(|rest| rest.split('`').next());
    let advised = advised.unwrap_or_else(|| panic!("no limit advised:\n{err}"));
    assert!(advised.parse::<u64>().is_ok_and(|mib| mib > 1), "{err}");
    let read = summarise(advised);
    let err = text(&read.stderr);
    assert!(read.status.success(), "{err}");
    let parts = err.split("read the log in ").nth(1).and_then(|rest| rest.split(' ').next());
    assert!(parts.and_then(|n| n.parse::<usize>().ok()).is_some_and(|n| (2..=256).contains(&n)), "{err}");
}
