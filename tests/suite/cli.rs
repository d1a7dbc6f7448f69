//! The commands end to end, on the example project and on scaffolded ones.

use crate::common;

use std::fmt::Write as _;

use std::fs;

use common::{TempDir, example, example_copy, text, uplift};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn check_accepts_the_example_with_a_short_summary() {
    let out = uplift(&["check", path(&example())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // One line for the project, one for the data it read, one reconciling its lines.
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.starts_with("ok: "), "{stdout}");
    assert!(stdout.lines().nth(1).unwrap().starts_with("data: 79847 rows, 3566 customers"), "{stdout}");
    assert_eq!(stdout.lines().nth(2).unwrap(), "lines: 79848 = 1 header + 79847 rows used + 0 bad + 0 blank");
    assert!(stdout.contains("5 segments (3 in focus), 28 touchpoints, 2 workshop notes"), "{stdout}");
    // The example's programme options are counted too.
    let _ = common::Run::new(&["check", path(&example())]).code(0).stdout_has("2 programme options, ");
}

#[test]
fn metrics_are_byte_identical_across_runs() {
    let first = uplift(&["metrics", path(&example())]);
    let second = uplift(&["metrics", path(&example())]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(first.stdout, second.stdout);
}

/// The installers segment recomputed by hand from segments.yaml and project.yaml:
/// M = 9.2 · 4,800 · 0.31 = 13,689.6; q = 0.79 / 1.09; CLV = M · (q + q² + … + q⁵).
#[test]
fn metrics_match_the_example_worked_by_hand() {
    let out = uplift(&["metrics", path(&example())]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let seg = &json["segments"][0];
    assert_eq!(seg["id"], "installers");
    let m = 9.2 * 4800.0 * 0.31;
    let q: f64 = 0.79 / 1.09;
    let clv = m * (1..=5).map(|t| q.powi(t)).sum::<f64>();
    let reported = seg["baseline"]["clv"].as_f64().unwrap();
    assert!((reported - clv).abs() < 1e-6, "{reported} vs {clv}");
    assert!((seg["baseline"]["annual_margin"].as_f64().unwrap() - m).abs() < 1e-9);
    // The likely programme uplift of the three focus segments lands inside the 10–20 % target.
    let likely = &json["programme"]["scenarios"]["likely"];
    let uplift = likely["uplift"].as_f64().unwrap();
    assert!((0.10..=0.20).contains(&uplift), "{uplift}");
    assert_eq!(likely["within_target"], true);
    assert_eq!(json["schema_version"], 2);
}

#[test]
fn metrics_writes_the_output_file_and_nothing_on_failure() {
    let dir = TempDir::new("metrics-out");
    let file = dir.path().join("metrics.json");
    let out = uplift(&["metrics", path(&example()), "-o", path(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let written = fs::read(&file).expect("metrics written");
    assert_eq!(written, uplift(&["metrics", path(&example())]).stdout);

    // A broken project leaves the previous file untouched.
    let broken = example_copy("metrics-broken");
    fs::write(broken.path().join("segments.yaml"), "segments: [").unwrap();
    let out = uplift(&["metrics", path(broken.path()), "-o", path(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&file).unwrap(), written);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp files left behind");
}

#[test]
fn new_scaffolds_a_clean_project_that_checks_and_refuses_to_overwrite() {
    let dir = TempDir::new("new");
    let target = dir.path().join("client");
    let out = uplift(&["new", path(&target)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let check = uplift(&["check", path(&target)]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    // Nothing of the fictional client: no data, no names from the example.
    assert!(!target.join("data").exists());
    let project = fs::read_to_string(target.join("project.yaml")).unwrap();
    assert!(!project.contains("\ndata:") && !project.contains("Nordkyst"), "{project}");
    // The editor schemas each file names on its first line are there.
    for file in ["project", "segments", "journey", "winloss", "jobs"] {
        let yaml = fs::read_to_string(target.join(format!("{file}.yaml"))).unwrap();
        let schema = format!("schemas/{file}.schema.json");
        assert!(yaml.starts_with(&format!("# yaml-language-server: $schema={schema}")), "{file}");
        assert!(target.join(&schema).is_file(), "{schema}");
    }
    assert!(fs::read_to_string(target.join(".gitignore")).unwrap().contains("build/"));

    // --example copies the full example: the same figures.
    let copy = dir.path().join("example-copy");
    assert!(uplift(&["new", path(&copy), "--example"]).status.success());
    let figures = |dir: &std::path::Path| {
        let mut json: serde_json::Value =
            serde_json::from_slice(&uplift(&["metrics", path(dir)]).stdout).unwrap();
        json.as_object_mut().unwrap().remove("version");
        json
    };
    assert_eq!(figures(&copy), figures(&example()));
    assert!(copy.join("schemas/segments.schema.json").is_file());

    let again = uplift(&["new", path(&target)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"), "{}", text(&again.stderr));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(uplift(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(uplift(&["check", "/definitely/not/here"]).status.code(), Some(2));
    assert_eq!(uplift(&["metrics", "--bogus"]).status.code(), Some(2));
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = example_copy("huge");
    let big = "# padding\n".repeat(2_000_000); // 20 MB
    fs::write(dir.path().join("project.yaml"), big).unwrap();
    let started = std::time::Instant::now();
    let out = uplift(&["check", path(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("project.yaml: the file is 19.1 MiB; project files are limited to 16 MiB"),
        "{stderr}"
    );
    // Not a timing assertion on speed, only a guard against a hang.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let dir = example_copy("many");
    let project = fs::read_to_string(dir.path().join("project.yaml")).unwrap();
    fs::write(dir.path().join("project.yaml"), project.replace("currency: DKK", "currency: dkk")).unwrap();
    let journey = fs::read_to_string(dir.path().join("journey.yaml")).unwrap();
    fs::write(dir.path().join("journey.yaml"), journey.replacen("importance: 2,", "importance: 7,", 1))
        .unwrap();
    let out = uplift(&["check", path(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("currency: `dkk` is not an ISO 4217 currency code"), "{stderr}");
    assert!(stderr.contains("touchpoints[0].importance: score 7 is outside 1–5"), "{stderr}");
    assert!(stderr.contains("2 problems found; nothing was written."), "{stderr}");
}

#[test]
fn an_oversized_logo_is_refused_at_check_time() {
    let dir = example_copy("big-logo");
    fs::write(dir.path().join("assets/logo.svg"), vec![b' '; 1536 * 1024]).unwrap();
    let out = uplift(&["check", path(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("assets/logo.svg: the file is 1.5 MiB; logos are limited to 1 MiB"), "{stderr}");
}

#[test]
fn a_periods_summary_with_impossible_rows_is_refused_with_each_located() {
    let dir = common::TempDir::new("periods-bad");
    let summary = dir.path().join("periods.csv");
    let rows = "customer,segment,frequency,recency,periods\na,s,3,2,6\nb,s,1,7,6\nc,s,0,0,6\n";
    std::fs::write(&summary, rows).unwrap();
    let out = uplift(&["fit", path(&summary)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("periods.csv:2:3: frequency 3 is more than recency 2"), "{stderr}");
    assert!(
        stderr.contains("periods.csv:3:4: recency 7 is later than the last opportunity, periods 6"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing is fitted from a summary with errors");
}

#[test]
fn fit_names_each_segment_it_cannot_fit_and_exits_1_after_printing_the_others() {
    let dir = common::TempDir::new("unfit");
    let summary = dir.path().join("summary.csv");
    // Segment `a` is the example's installers; segment `b` has two customers: nothing to fit.
    let (rows, end) = common::installers_summary();
    let mut csv = rows.join("\n").replace(",installers,", ",a,") + "\n";
    let first = end - chrono::Days::new(100);
    let _ = writeln!(csv, "b1,b,0,0,100,0,{first},{first}\nb2,b,0,0,100,0,{first},{first}");
    std::fs::write(&summary, csv).unwrap();
    let out = uplift(&["fit", path(&summary)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the fits are printed");
    let segment =
        |name: &str| json["segments"].as_array().unwrap().iter().find(|s| s["segment"] == name).cloned();
    assert!(segment("a").unwrap()["bg_nbd"]["r"].is_number(), "segment a is fitted: {json}");
    assert!(segment("a").unwrap()["bg_nbd"]["gradient"].as_f64().unwrap() < 1e-6, "convergence is reported");
    assert!(segment("a").unwrap()["bg_nbd"]["iterations"].as_u64().unwrap() > 0);
    assert!(segment("a").unwrap().get("not_fitted").is_none());
    let b = segment("b").unwrap();
    assert!(b["bg_nbd"].is_null());
    assert_eq!(b["not_fitted"][0]["model"], "bg_nbd");
    assert_eq!(b["not_fitted"][0]["reason"], "too_few_customers");
    assert_eq!(b["not_fitted"][0]["needed"], 30);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "BG/NBD could not be fitted to segment `b`: 2 customers, and the model needs at least 30"
        ),
        "{stderr}"
    );
}

/// A copy of the example whose segments.yaml has its first `from` written as `to`.
fn example_with(label: &str, from: &str, to: &str) -> common::TempDir {
    let dir = common::TempDir::new(label);
    common::copy_tree(&example(), dir.path());
    let segments = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(&segments).unwrap();
    assert!(yaml.contains(from), "the example has no `{from}`");
    fs::write(&segments, yaml.replacen(from, to, 1)).unwrap();
    dir
}

#[test]
fn money_written_with_a_thousands_dot_is_a_warning_naming_the_other_reading() {
    let dir = example_with("three-decimals", "average_order_value: 4800\n", "average_order_value: 4.800\n");
    let out = uplift(&["check", path(dir.path())]);
    assert!(out.status.success(), "a warning, not an error: {}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: segments.yaml:22:26: average_order_value: `4.800` reads as 4.8"),
        "{stderr}"
    );
    assert!(stderr.contains("if you meant 4800, write it without the dot"), "{stderr}");
    let denied = uplift(&["check", path(dir.path()), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied.stderr));
    assert!(text(&denied.stderr).contains("--deny-warnings makes any warning a failure"));
}

#[test]
fn a_benchmark_unlike_the_segment_is_a_warning_naming_it_and_fails_only_when_denied() {
    let mine = "average_order_value: 5000, gross_margin: 0.34}";
    let dir = example_with("far-benchmark", mine, "average_order_value: 15000, gross_margin: 0.34}");
    let out = uplift(&["check", path(dir.path())]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "a warning, not an error: {stderr}");
    assert!(
        stderr.contains("warning: segments.yaml: segments[0].benchmarks.average_order_value: the average_order_value benchmark of `installers` (15000) is more than 50 % away from its own figure (4800)"),
        "{stderr}"
    );
    assert_eq!(uplift(&["check", path(dir.path()), "--deny-warnings"]).status.code(), Some(1));
    let clean = uplift(&["check", path(&example()), "--deny-warnings"]);
    assert!(clean.status.success(), "the example itself warns: {}", text(&clean.stderr));
}

/// A subscription segment appended to a copy of the example: its metrics JSON.
fn metrics_with_segment(label: &str, segment: &str) -> serde_json::Value {
    let dir = common::TempDir::new(label);
    common::copy_tree(&example(), dir.path());
    let file = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    fs::write(&file, yaml + segment).unwrap();
    let out = uplift(&["metrics", path(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for volatile in ["version", "sources"] {
        json.as_object_mut().unwrap().remove(volatile);
    }
    json
}

#[test]
fn a_subscription_segment_has_the_figures_of_its_converted_form() {
    let subscription = "
  - id: pump-monitoring
    name: Pump monitoring subscribers
    customers: 400
    monthly_price: 349
    monthly_churn: 2.5%
    gross_margin: 0.6
    focus: true
    levers:
      monthly_churn: {low: -0.002, likely: -0.005, high: -0.008}
      monthly_price: 0.03
";
    let mut entered = metrics_with_segment("subscription", subscription);
    // The same segment converted: f = 12, v = 349, r = (1 − 0.025)¹², and each change x in
    // churn as (1 − 0.025 − x)¹² − (1 − 0.025)¹², written with Rust's shortest round-trip
    // digits so the typed numbers are the converted ones to the last bit.
    let r = uplift::model::Subscription::annual_retention;
    let change = |x: f64| r(0.025 + x) - r(0.025);
    let converted = format!(
        "
  - id: pump-monitoring
    name: Pump monitoring subscribers
    customers: 400
    purchases_per_year: 12
    average_order_value: 349
    retention_rate: {:?}
    gross_margin: 0.6
    focus: true
    levers:
      retention_rate: {{low: {:?}, likely: {:?}, high: {:?}}}
      average_order_value: 0.03
",
        r(0.025),
        change(-0.002),
        change(-0.005),
        change(-0.008)
    );
    // Worked by hand (40-digit decimals): 0.975¹² = 0.73799834582665116…, and half a point
    // less churn adds 0.98¹² − 0.975¹² = 0.04671837790814887… to retention.
    assert!((r(0.025) - 0.737_998_345_826_651_2).abs() < 1e-15);
    assert!((change(-0.005) - 0.046_718_377_908_148_87).abs() < 1e-15);
    let typed = metrics_with_segment("subscription-converted", &converted);
    let segment = entered["segments"][5].as_object_mut().unwrap();
    let monthly = segment.remove("subscription").expect("the entered figures are kept");
    assert_eq!(monthly["monthly_price"], 349.0);
    assert_eq!(monthly["monthly_churn"], 0.025);
    assert_eq!(monthly["churn_lever"]["likely"], -0.005);
    // A subscription is not measured against the project's purchase and order-value
    // benchmarks (it is paid 12 times a year at its monthly price); its converted twin is, so
    // the problem areas and the warnings they raise differ by design. Every other figure agrees.
    let mut typed = typed;
    for json in [&mut entered, &mut typed] {
        for benchmarked in ["problem_areas", "plausibility"] {
            json.as_object_mut().unwrap().remove(benchmarked);
        }
    }
    let differences = differences(&entered, &typed, "");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Where two JSON values differ, by path.
fn differences(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Vec<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .flat_map(|k| {
                    let (va, vb) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                    differences(va, vb, &format!("{path}.{k}"))
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (va, vb))| differences(va, vb, &format!("{path}[{i}]")))
            .collect(),
        _ if a == b => Vec::new(),
        _ => vec![format!("{path}: {a} ≠ {b}")],
    }
}

#[test]
fn a_subscription_segment_takes_its_own_fields_and_levers_only() {
    let mixed = "
  - id: pump-monitoring
    name: Pump monitoring subscribers
    customers: 400
    monthly_price: 349
    monthly_churn: 0
    retention_rate: 0.7
    gross_margin: 0.6
    levers:
      retention_rate: 0.01
      monthly_churn: {low: -0.01, likely: -0.005, high: -0.002}
";
    let dir = common::TempDir::new("subscription-mixed");
    common::copy_tree(&example(), dir.path());
    let file = dir.path().join("segments.yaml");
    fs::write(&file, fs::read_to_string(&file).unwrap() + mixed).unwrap();
    let _ = common::Run::new(&["check", path(dir.path())])
        .code(1)
        .stderr_has("segments[5].retention_rate: a segment given as a subscription (`monthly_price`, `monthly_churn`) has no `retention_rate`")
        .stderr_has("segments[5].monthly_churn: monthly churn must be above 0");
    // With the figures fixed, the levers are checked against them.
    let fixed = mixed
        .replace("    monthly_churn: 0\n", "    monthly_churn: 0.02\n")
        .replace("    retention_rate: 0.7\n", "");
    fs::write(&file, fs::read_to_string(example().join("segments.yaml")).unwrap() + &fixed).unwrap();
    let stderr = text(&uplift(&["check", path(dir.path())]).stderr);
    for expected in [
        "segments[5].levers.retention_rate: a lever this segment does not take",
        "hint: a subscription segment's levers act on what it enters",
        "segments[5].levers.monthly_churn: needs low ≥ likely ≥ high for a change in churn, got -0.01 / -0.005 / -0.002",
    ] {
        assert!(stderr.contains(expected), "missing {expected}:\n{stderr}");
    }
    // A churn lever that would take churn to 0 or below.
    let to_zero = fixed
        .replace("      retention_rate: 0.01\n", "")
        .replace("{low: -0.01, likely: -0.005, high: -0.002}", "{low: -0.01, likely: -0.015, high: -0.025}");
    fs::write(&file, fs::read_to_string(example().join("segments.yaml")).unwrap() + &to_zero).unwrap();
    let stderr = text(&uplift(&["check", path(dir.path())]).stderr);
    assert!(
        stderr.contains("projected monthly churn -0.5 % must stay above 0 % and below 100 %"),
        "{stderr}"
    );
    // A monthly churn of 1 is 100 %, not 1 %.
    let all_leave = fixed.replace("    monthly_churn: 0.02\n", "    monthly_churn: 1\n");
    fs::write(&file, fs::read_to_string(example().join("segments.yaml")).unwrap() + &all_leave).unwrap();
    let stderr = text(&uplift(&["check", path(dir.path())]).stderr);
    assert!(stderr.contains("segments[5].monthly_churn: monthly churn must be below 100 %"), "{stderr}");
    // Purchases and order value benchmarks do not measure a subscription.
    let benchmarked = to_zero.replace("{low: -0.01, likely: -0.015, high: -0.025}", "-0.005").replace(
        "    gross_margin: 0.6\n",
        "    gross_margin: 0.6\n    benchmarks: {average_order_value: 399, retention_rate: 0.8}\n",
    );
    fs::write(&file, fs::read_to_string(example().join("segments.yaml")).unwrap() + &benchmarked).unwrap();
    let stderr = text(&uplift(&["check", path(dir.path())]).stderr);
    assert!(
        stderr.contains("segments[5].benchmarks.average_order_value: a subscription segment is not measured against a benchmark of `average_order_value`"),
        "{stderr}"
    );
    // Without it, the project's order-value and purchase benchmarks are not applied either.
    let plain = benchmarked.replace("average_order_value: 399, ", "");
    fs::write(&file, fs::read_to_string(example().join("segments.yaml")).unwrap() + &plain).unwrap();
    let out = uplift(&["metrics", path(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let metrics: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let areas = &metrics["problem_areas"];
    let scored: Vec<&str> = areas["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["segment"] == "pump-monitoring")
        .map(|a| a["driver"].as_str().unwrap())
        .collect();
    assert_eq!(scored, ["retention_rate"]);
    let unscored: Vec<(&str, &str)> = areas["not_scored"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["segment"] == "pump-monitoring")
        .map(|n| (n["driver"].as_str().unwrap(), n["reason"].as_str().unwrap()))
        .collect();
    let monthly = "a subscription segment: paid 12 times a year at its monthly price";
    assert_eq!(
        unscored,
        [
            ("purchases_per_year", monthly),
            ("average_order_value", monthly),
            ("gross_margin", "no benchmark for this segment or the project")
        ]
    );
    // An ordinary segment does not take the subscription levers.
    let dir2 = example_with(
        "churn-lever-on-ordinary",
        "      gross_margin: 0.004 ",
        "      monthly_churn: -0.01\n      gross_margin: 0.004 ",
    );
    let stderr = text(&uplift(&["check", path(dir2.path())]).stderr);
    assert!(
        stderr.contains("segments[0].levers.monthly_churn: a lever this segment does not take"),
        "{stderr}"
    );
    assert!(stderr.contains("only a subscription segment"), "{stderr}");
}

#[test]
fn templates_export_writes_the_built_in_templates_and_never_overwrites() {
    let dir = TempDir::new("templates-export");
    let target = dir.path().join("templates");
    let out = uplift(&["templates", "export", path(&target)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let built_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for name in ["report.html", "style.css", "macros.html", "sections/summary.html", "sections/appendix.html"]
    {
        assert_eq!(fs::read(target.join(name)).unwrap(), fs::read(built_in.join(name)).unwrap(), "{name}");
    }
    // An exported section dropped into a project changes nothing but the list of inputs.
    let project = example_copy("templates-export-project");
    fs::create_dir_all(project.path().join("templates/sections")).unwrap();
    fs::copy(target.join("sections/value.html"), project.path().join("templates/sections/value.html"))
        .unwrap();
    assert!(uplift(&["check", path(project.path())]).status.success());

    fs::write(target.join("style.css"), "/* mine */").unwrap();
    let again = uplift(&["templates", "export", path(&target)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("14 templates are already there"), "{}", text(&again.stderr));
    assert_eq!(fs::read_to_string(target.join("style.css")).unwrap(), "/* mine */");
}

/// A monthly churn so small that a year's retention rounds to exactly 100 % passes each
/// field's own check; the segment as a whole is refused with a message, never silently.
#[test]
fn a_churn_that_rounds_to_no_churn_is_refused_with_a_message() {
    let tiny = "
  - id: pump-monitoring
    name: Pump monitoring subscribers
    customers: 400
    monthly_price: 2000
    monthly_churn: 1e-20
    gross_margin: 0.6
";
    let dir = common::TempDir::new("subscription-tiny-churn");
    common::copy_tree(&example(), dir.path());
    let file = dir.path().join("segments.yaml");
    fs::write(&file, fs::read_to_string(&file).unwrap() + tiny).unwrap();
    let run = common::Run::new(&["check", path(dir.path())])
        .code(1)
        .stderr_has("segments[5]: the drivers give a retention of 1, 12 purchases a year")
        .stderr_has("1 problem found");
    assert!(!run.stderr().contains("0 problems"), "{}", run.stderr());
}

/// A reader that went away — `uplift check 2>&1 | head` — does not make a command panic
/// (exit 101): its messages are dropped, and the exit code still says how it ended. The
/// example's `check` writes three lines to standard output, a project with nothing in it
/// its problems to standard error.
#[test]
fn a_closed_pipe_does_not_make_a_command_panic() {
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        writer
    };
    let (example, empty) = (example(), TempDir::new("closed-pipe"));
    let cases = [(vec!["check", path(&example)], 0), (vec!["check", path(&empty.0)], 1)];
    for (args, code) in cases {
        let out =
            common::command().args(&args).stdout(closed()).stderr(closed()).output().expect("run uplift");
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}
