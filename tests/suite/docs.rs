//! The docs' examples of real output are the example project's real output: the abridged
//! JSON of docs/metrics.md §5.1 and the summary rows of docs/warehouse.md are checked
//! against what `uplift` prints for example-project today, value by value.

use crate::common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use common::{example, text, uplift};

fn doc(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).unwrap()
}

/// The first fenced block of `language` after the heading that starts with `heading`.
fn block_after(markdown: &str, heading: &str, language: &str) -> String {
    let from = markdown.find(heading).unwrap_or_else(|| panic!("no heading `{heading}`"));
    let fence = format!("```{language}\n");
    let start = from + markdown[from..].find(&fence).expect("a fenced block") + fence.len();
    let end = start + markdown[start..].find("```").expect("a closed block");
    markdown[start..end].to_owned()
}

/// Stands for what the excerpt cut: a key of an object, an entry of a list.
const CUT: &str = "…";

/// The abridged excerpt as JSON. A line that is only `…` becomes a [`CUT`] entry (a key in
/// an object, an item in a list), `{ … }` an object shown empty.
fn parse_abridged(excerpt: &str) -> Value {
    let mut json = String::new();
    let mut open: Vec<char> = Vec::new();
    for line in excerpt.replace("{ … }", "{}").lines() {
        if matches!(line.trim(), "…" | "…,") {
            json.push_str(if open.last() == Some(&'[') { "\"…\",\n" } else { "\"…\": null,\n" });
            continue;
        }
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => open.push(c),
                '}' | ']' if !in_string => {
                    open.pop();
                }
                _ => {}
            }
        }
        json.push_str(line);
        json.push('\n');
    }
    while let Some(at) = dangling_comma(&json) {
        json.remove(at);
    }
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("the excerpt does not parse once cut: {e}\n{json}"))
}

/// A comma followed only by white space and then a closing bracket.
fn dangling_comma(json: &str) -> Option<usize> {
    json.char_indices()
        .filter(|&(_, c)| c == ',')
        .map(|(i, _)| i)
        .find(|&i| json[i + 1..].trim_start().starts_with(['}', ']']))
}

/// Every value of `excerpt` is in `real` at the same place: objects by key; lists by
/// position, the entries before a cut from the start, those after it from the end.
fn assert_within(excerpt: &Value, real: &Value, path: &str, mismatches: &mut Vec<String>) {
    match (excerpt, real) {
        (Value::Object(e), Value::Object(r)) => {
            for (key, value) in e.iter().filter(|(key, _)| *key != CUT) {
                match r.get(key) {
                    Some(real_value) => {
                        assert_within(value, real_value, &format!("{path}.{key}"), mismatches);
                    }
                    None => mismatches.push(format!("{path}.{key}: not in the output")),
                }
            }
        }
        (Value::Array(e), Value::Array(r)) => {
            let cut = e.iter().position(|v| v == CUT);
            let (head, tail) = match cut {
                Some(at) => (&e[..at], &e[at + 1..]),
                None => (&e[..], &e[..0]),
            };
            if head.len() + tail.len() > r.len() || (cut.is_none() && e.len() != r.len()) {
                mismatches.push(format!("{path}: {} entries shown, {} in the output", e.len(), r.len()));
                return;
            }
            for (i, value) in head.iter().enumerate() {
                assert_within(value, &r[i], &format!("{path}[{i}]"), mismatches);
            }
            for (k, value) in tail.iter().enumerate() {
                let i = r.len() - tail.len() + k;
                assert_within(value, &r[i], &format!("{path}[{i}]"), mismatches);
            }
        }
        (e, r) if e == r || same_number(e, r) => {}
        (e, r) => mismatches.push(format!("{path}: the docs say {e}, the output is {r}")),
    }
}

/// Numbers agree to 12 significant digits: the last bits of a long sum may differ between
/// an optimised and a debug build (docs/metrics.md says so beside the excerpt).
fn same_number(docs: &Value, real: &Value) -> bool {
    match (docs.as_f64(), real.as_f64()) {
        (Some(a), Some(b)) => common::same_number(a, b),
        _ => false,
    }
}

#[test]
fn the_metrics_excerpt_in_the_docs_is_the_examples_output() {
    let excerpt = parse_abridged(&block_after(&doc("metrics.md"), "### 5.1 An abridged real output", "json"));
    let out = uplift(&["metrics", example().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let real: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut mismatches = Vec::new();
    assert_within(&excerpt, &real, "", &mut mismatches);
    assert!(
        mismatches.is_empty(),
        "docs/metrics.md §5.1 no longer matches `uplift metrics example-project`:\n{}",
        mismatches.join("\n")
    );
    // The check can fail: a changed figure is found.
    let mut changed = excerpt.clone();
    changed["segments"][0]["baseline"]["clv"] = Value::from(1.0);
    let mut found = Vec::new();
    assert_within(&changed, &real, "", &mut found);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn the_summary_rows_in_the_warehouse_docs_are_the_examples_own() {
    let markdown = doc("warehouse.md");
    let shown = block_after(&markdown, "one row per customer, sorted", "");
    let out = uplift(&["summarise", example().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let mut lines = shown.lines();
    assert_eq!(lines.next(), summary.lines().next(), "the header");
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 3, "{rows:?}");
    for row in rows {
        assert!(
            summary.lines().any(|l| l == row),
            "docs/warehouse.md shows `{row}`, which `uplift summarise example-project` does not print"
        );
    }
}

/// The queries `docs/warehouse.md` shows are the ones `scripts/check_warehouse.py` runs.
#[test]
fn the_warehouse_docs_show_the_checked_queries() {
    let markdown = doc("warehouse.md");
    for (file, heading) in
        [("warehouse_summary.sql", "## The query"), ("warehouse_holdout.sql", "### The holdout summary")]
    {
        let script = fs::read_to_string(example().parent().unwrap().join("scripts").join(file)).unwrap();
        let query = &script[script.find("WITH params AS (").unwrap()..];
        let shown = block_after(&markdown, heading, "sql");
        assert_eq!(shown.trim_end(), query.trim_end(), "docs/warehouse.md, {heading} shows {file}");
    }
}

/// Each row of the dialect table in `docs/warehouse.md` is what `scripts/warehouse_sql.py`
/// prints for that dialect: its day number, its quoting of the output names and its type.
#[test]
fn the_warehouse_dialect_table_is_what_the_script_prints() {
    let markdown = doc("warehouse.md");
    let table = &markdown[markdown.find("| dialect | day number of x |").expect("the dialect table")..];
    let script = example().parent().unwrap().join("scripts/warehouse_sql.py");
    // A cell is code: `x`, or `` `x` `` where the code holds a backtick.
    let cell = |c: &str| {
        let c = c.trim();
        match c.strip_prefix("`` ").and_then(|c| c.strip_suffix(" ``")) {
            Some(code) => code.to_owned(),
            None => c.trim_matches('`').to_owned(),
        }
    };
    let mut dialects = 0;
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<String> = row.split(" | ").map(cell).collect();
        let [dialect, day_number, name, double, sorting] = &cells[..] else { panic!("{row}") };
        let dialect = dialect.trim_start_matches("| ").trim_matches('`');
        for holdout in [false, true] {
            let mut command = std::process::Command::new("python3");
            command.arg(&script).args(["--dialect", dialect]);
            if holdout {
                command.arg("--holdout");
            }
            let out = command.output().expect("python3 runs");
            assert!(out.status.success(), "{dialect}: {}", text(&out.stderr));
            let sql = text(&out.stdout);
            let code: String = sql.lines().map(|l| l.split("--").next().unwrap_or("")).collect();
            assert!(code.contains(&day_number.replace('x', "t.purchase_date")), "{dialect}: {day_number}");
            assert!(code.contains(&format!("AS {name}")), "{dialect}: {name}");
            if !holdout {
                assert!(code.contains(&format!("AS {double})")), "{dialect}: {double}");
            }
            let collated = sorting.contains("COLLATE");
            assert_eq!(code.contains("COLLATE \"C\""), collated, "{dialect}: {sorting}");
        }
        dialects += 1;
    }
    assert_eq!(dialects, 5, "five dialects in the table");
}

#[test]
fn an_abridged_excerpt_is_read_without_its_cuts() {
    let excerpt =
        "{\n  \"a\": [\n    1,\n    …\n    9\n  ],\n  \"b\": {\"c\": \"[{\"},\n  \"d\": { … },\n  …\n}";
    let parsed = parse_abridged(excerpt);
    assert_eq!(parsed, serde_json::json!({"a": [1, CUT, 9], "b": {"c": "[{"}, "d": {}, CUT: null}));
    let real = serde_json::json!({"a": [1, 2, 3, 9], "b": {"c": "[{"}, "d": {"e": 1}, "f": 0});
    let mut mismatches = Vec::new();
    assert_within(&parsed, &real, "", &mut mismatches);
    assert!(mismatches.is_empty(), "{mismatches:?}");
    let shorter = serde_json::json!({"a": [1, 8], "b": {"c": "[{"}, "d": {}});
    assert_within(&parsed, &shorter, "", &mut mismatches);
    assert_eq!(mismatches, [".a[1]: the docs say 9, the output is 8"]);
}

/// The object → fields table of docs/templates.md, as written.
fn documented_view_fields() -> Vec<(String, Vec<String>)> {
    let guide = doc("templates.md");
    let from = guide.find("<!-- fields:").expect("the fields table's marker");
    let table = &guide[from..];
    table
        .lines()
        .skip_while(|line| !line.starts_with("| `"))
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let object = cells[1].split('`').nth(1).expect("an object name").to_owned();
            let fields = cells[2].split(", ").map(|f| f.split('`').nth(1).expect("a field name").to_owned());
            (object, fields.collect())
        })
        .collect()
}

/// docs/templates.md lists, for every section's object, exactly the fields a template sees:
/// `uplift templates view` on both examples, in both editions, is compared with it.
#[test]
fn the_template_guide_lists_every_field_of_the_view() {
    let documented = documented_view_fields();
    assert!(documented.len() >= 11, "{documented:?}");
    let shared = ["lang", "edition", "leadership", "titles", "own"];
    let mut seen = std::collections::BTreeSet::new();
    let examples = [example(), example().with_file_name("example-project-da")];
    for dir in &examples {
        for edition in ["full", "leadership"] {
            let out = uplift(&["templates", "view", dir.to_str().unwrap(), "--edition", edition]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            let view: Value = serde_json::from_slice(&out.stdout).unwrap();
            for (key, value) in view.as_object().unwrap() {
                if shared.contains(&key.as_str()) {
                    continue;
                }
                let Some((_, fields)) = documented.iter().find(|(object, _)| object == key) else {
                    panic!("docs/templates.md does not list `{key}`")
                };
                let Some(actual) = value.as_object() else {
                    assert!(value.is_null(), "`{key}` is neither an object nor absent");
                    continue;
                };
                let mut actual: Vec<&str> = actual.keys().map(String::as_str).collect();
                let mut listed: Vec<&str> = fields.iter().map(String::as_str).collect();
                actual.sort_unstable();
                listed.sort_unstable();
                assert_eq!(listed, actual, "docs/templates.md: the fields of `{key}`");
                seen.insert(key.clone());
            }
        }
    }
    let unchecked: Vec<&str> =
        documented.iter().map(|(o, _)| o.as_str()).filter(|o| !seen.contains(*o)).collect();
    assert_eq!(unchecked, ["changes"], "objects neither example shows");
}
