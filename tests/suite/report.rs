//! `uplift build`: one self-contained, safe, deterministic HTML file.

use crate::common;

use std::collections::BTreeMap;
use std::fs;

use common::{TempDir, example, example_copy, text, uplift};

fn build(dir: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    uplift(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()])
}

fn built_example() -> String {
    let tmp = TempDir::new("report");
    let out = tmp.path().join("report.html");
    let result = build(&example(), &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    fs::read_to_string(out).unwrap()
}

#[test]
fn the_same_project_gives_the_same_bytes() {
    assert_eq!(built_example(), built_example());
}

#[test]
fn every_section_and_chart_is_there() {
    let html = built_example();
    for id in [
        "cover",
        "summary",
        "business-case",
        "economics",
        "data",
        "uplift",
        "journey",
        "initiatives",
        "winloss-jobs",
        "appendix",
        "derivations",
        "derivation-initiative",
        "methodology",
        "assumptions",
        "sources",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id} missing");
    }
    for chart in [
        "timeline",
        "clv-scenarios",
        "bridge",
        "payback",
        "npv-distribution",
        "tornado",
        "acquisition",
        "ipa",
        "resources",
        "ipa-markets",
        "initiatives",
        "loss-pareto",
        "winloss-trend",
        "jobs",
        "cohorts-installers",
        "cohorts-facility-management",
        "loyalty-path-installers",
        "loyalty-path-facility-management",
        "p-alive",
        "tracking-installers",
        "by-frequency-installers",
        "tracking-facility-management",
        "by-frequency-facility-management",
        "tenure",
    ] {
        assert!(
            html.contains(&format!("<figure class=\"chart-figure\" id=\"chart-{chart}\">")),
            "chart {chart} missing"
        );
    }
    assert_eq!(html.matches("<svg ").count(), 24, "one inline SVG per chart");
    assert!(html.contains("<title id=\"chart-tornado-title\">"), "charts carry an accessible title");
    assert!(html.len() <= 1_500_000, "the report is {} bytes", html.len());
}

#[test]
fn the_report_loads_nothing_from_outside_and_runs_no_script() {
    let html = built_example();
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("@import"));
    for attr in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attr) {
            let value = &html[i + attr.len()..];
            assert!(
                value.starts_with("data:") || value.starts_with('#'),
                "{attr}{}",
                &value[..value.len().min(60)]
            );
        }
    }
    for (i, _) in html.match_indices("url(") {
        assert!(html[i + 4..].starts_with("data:"), "external url(): {}", &html[i..i + 40]);
    }
}

/// Tags balance (void elements aside), ids are unique and every table has header cells.
#[test]
fn the_html_is_well_formed_and_valid() {
    let html = built_example();
    let mut ids = BTreeMap::new();
    for (i, _) in html.match_indices(" id=\"") {
        let id = html[i + 5..].split('"').next().unwrap();
        *ids.entry(id.to_owned()).or_insert(0) += 1;
    }
    let duplicates: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(duplicates.is_empty(), "duplicate ids: {duplicates:?}");
    for table in html.split("<table").skip(1) {
        let body = table.split("</table>").next().unwrap();
        assert!(body.contains("<th"), "a table without header cells: {}", &body[..body.len().min(200)]);
    }
    assert_eq!(unbalanced_tags(&html), Vec::<String>::new());
}

/// Open and close tags that do not pair up, outside `<style>` and void elements.
fn unbalanced_tags(html: &str) -> Vec<String> {
    const VOID: [&str; 8] = ["meta", "img", "br", "hr", "input", "link", "!doctype", "col"];
    let start = html.find("<body").expect("a body");
    let end = html.rfind("</body>").expect("a closed body") + "</body>".len();
    let body = &html[start..end];
    let mut stack: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for piece in body.split('<').skip(1) {
        let tag = piece.split(['>', ' ', '\n', '/']).next().unwrap_or("").to_lowercase();
        let self_closing = piece.split('>').next().is_some_and(|t| t.ends_with('/'));
        if let Some(closing) = piece.strip_prefix('/') {
            let name = closing.split('>').next().unwrap_or("").trim().to_lowercase();
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
        } else if !tag.is_empty() && !VOID.contains(&tag.as_str()) && !self_closing {
            stack.push(tag);
        }
    }
    problems.extend(stack.into_iter().map(|t| format!("<{t}> never closed")));
    problems
}

#[test]
fn pasted_html_never_reaches_the_browser_as_markup() {
    let dir = example_copy("inject");
    let note = dir.path().join("workshops/2027-01-copenhagen.md");
    let mut text_of_note = fs::read_to_string(&note).unwrap();
    text_of_note.push_str(
        "\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n",
    );
    fs::write(&note, text_of_note).unwrap();
    let project = dir.path().join("project.yaml");
    let yaml = fs::read_to_string(&project).unwrap().replacen(
        "title: \"",
        "title: \"<b onmouseover=alert(1)>x</b> ",
        1,
    );
    fs::write(&project, yaml).unwrap();
    let out = dir.path().join("report.html");
    let result = build(dir.path(), &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(out).unwrap();
    assert!(!html.contains("<script"), "script passed through");
    assert!(!html.contains("<img src=x"), "raw img passed through");
    assert!(!html.contains("<b onmouseover"), "title markup passed through");
    assert!(!html.contains("javascript:"), "javascript link passed through");
    assert!(html.contains("&lt;script&gt;alert("), "the pasted text is still shown, as text");
}

#[test]
fn a_project_template_overrides_the_built_in_one() {
    let dir = example_copy("override");
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    let css =
        format!("{}\n.uplift-theme-marker {{ color: red; }}\n", include_str!("../../templates/style.css"));
    fs::write(dir.path().join("templates/style.css"), css).unwrap();
    let out = dir.path().join("report.html");
    let result = build(dir.path(), &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(fs::read_to_string(&out).unwrap().contains(".uplift-theme-marker"));

    // A broken override names the template and line, and the previous report survives.
    let before = fs::read(&out).unwrap();
    fs::write(
        dir.path().join("templates/macros.html"),
        "{% macro chart(c) %}\n{{ c.svg | safe }\n{% endmacro chart %}\n",
    )
    .unwrap();
    let result = build(dir.path(), &out);
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("macros.html") && stderr.contains("2:"), "{stderr}");
    assert_eq!(fs::read(&out).unwrap(), before);
}

#[test]
fn one_section_can_be_replaced_alone() {
    let dir = example_copy("section-override");
    let unchanged = dir.path().join("unchanged.html");
    assert!(build(dir.path(), &unchanged).status.success());
    let unchanged = fs::read_to_string(&unchanged).unwrap();
    fs::create_dir_all(dir.path().join("templates/sections")).unwrap();
    // The consultant's own summary: the built-in one with a sentence of theirs on top.
    let own = include_str!("../../templates/sections/summary.html")
        .replace("<h2>{{ t(key=\"section-summary\") }}</h2>", "<h2>{{ t(key=\"section-summary\") }}</h2>\n  <p class=\"own-summary\">Three segments carry the upside.</p>");
    fs::write(dir.path().join("templates/sections/summary.html"), own).unwrap();
    let out = dir.path().join("report.html");
    let result = build(dir.path(), &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("<p class=\"own-summary\">Three segments carry the upside.</p>"));
    // Every other section is the built-in one, byte for byte: the report differs by that
    // line alone (and by the stamp of the inputs it lists).
    let added = html.lines().filter(|l| !unchanged.lines().any(|u| u == *l)).collect::<Vec<_>>();
    assert!(added.iter().any(|l| l.contains("own-summary")), "{added:?}");
    assert!(
        added.iter().all(|l| l.contains("own-summary")
            || l.contains("templates/sections/summary.html")
            || l.contains("<code class=\"hash\">")),
        "{added:?}"
    );

    // A misspelt section is named, with the one meant.
    fs::write(dir.path().join("templates/sections/sumary.html"), "x").unwrap();
    let _ = common::Run::new(&["check", dir.path().to_str().unwrap()])
        .code(1)
        .stderr_has("templates/sections/sumary.html: is not a report template")
        .stderr_has("did you mean `sections/summary.html`?");
}

#[test]
fn build_writes_to_the_project_build_folder_by_default() {
    let dir = example_copy("default-out");
    let result = uplift(&["build", dir.path().to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(dir.path().join("build/report.html").is_file());
}

#[test]
fn pdf_without_a_browser_is_a_clear_error_and_the_html_is_kept() {
    let dir = TempDir::new("no-browser");
    let out = dir.path().join("report.html");
    let result = crate::common::command()
        .args(["build", example().to_str().unwrap(), "-o", out.to_str().unwrap(), "--pdf"])
        .env("PATH", dir.path())
        .env_remove("UPLIFT_CHROMIUM")
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(
        stderr.contains("--pdf needs a Chromium browser") && stderr.contains("apt-get install chromium"),
        "{stderr}"
    );
    assert!(out.is_file(), "the HTML report is still written");
    assert!(!dir.path().join("report.pdf").exists());
}

/// Every derivation in the appendix must reproduce its result from the numbers it shows,
/// to the precision it shows them: a CFO recomputes these by hand.
#[test]
fn derivations_reproduce_their_results() {
    let html = built_example();
    let unescape = |s: &str| s.replace("&#x2F;", "/").replace("&amp;", "&");
    let number =
        |s: &str| s.trim().replace(',', "").parse::<f64>().unwrap_or_else(|_| panic!("not a number: {s:?}"));
    let section = |id: &str| {
        let start = html.find(&format!("id=\"{id}\"")).unwrap();
        let block = &html[start..];
        let sub = block.split("<p class=\"substituted\">= ").nth(1).unwrap().split("</p>").next().unwrap();
        let result =
            block.split("<p class=\"result\">= <strong>").nth(1).unwrap().split("</strong>").next().unwrap();
        (unescape(sub), unescape(result))
    };
    // PV = one-off + annual × annuity factor.
    let (sub, result) = section("derivation-pv");
    let parts: Vec<f64> = sub.split(['+', '×']).map(number).collect();
    assert!((parts[0] + parts[1] * parts[2] - number(&result)).abs() < 0.01, "{sub} = {result}");
    // NPV = value uplift − PV.
    let (sub, result) = section("derivation-npv");
    let (a, b) = sub.split_once('−').unwrap();
    assert!((number(a) - number(b) - number(&result)).abs() < 0.006, "{sub} = {result}");
    // Each CLV: f × v × m × Σ (r / (1+d))^t for t = 1..H; along the example's ramp-up, the
    // projected one year by year: Σ Mₜ × (r₁·…·rₜ) / (1+d)^t.
    let (sub, _) = section("derivation-clv-installers");
    let mut ramped = 0;
    for side in sub.split(";  ") {
        let formula = side.split_once(": ").unwrap().1;
        if !formula.contains(" × Σ (") {
            let (terms, shown) = formula.rsplit_once(" = ").unwrap();
            let clv: f64 = terms
                .split(" + ")
                .map(|term| {
                    let (margin, rest) = term.split_once(" × ").unwrap();
                    let (retained, rest) = rest.split_once(" / ").unwrap();
                    let (base, year) = rest.split_once('^').unwrap();
                    number(margin) * number(retained) / number(base).powi(year.trim().parse().unwrap())
                })
                .sum();
            assert!((clv - number(shown)).abs() < 0.006, "{side}: recomputed {clv}");
            ramped += 1;
            continue;
        }
        let (product, rest) = formula.split_once(" × Σ (").unwrap();
        let factors: f64 = product.split(" × ").map(number).product();
        let (ratio, rest) = rest.split_once(")^t, t = 1..").unwrap();
        let (r, d) = ratio.split_once(" / ").unwrap();
        let (horizon, shown) = rest.split_once(" = ").unwrap();
        let q = number(r) / number(d);
        let clv = factors * (1..=horizon.trim().parse::<i32>().unwrap()).map(|t| q.powi(t)).sum::<f64>();
        assert!((clv - number(shown)).abs() < 0.006, "{side}: recomputed {clv}");
    }
    assert_eq!(ramped, 1, "the example's ramp-up is written out year by year");
}

#[test]
fn the_win_loss_and_jobs_section_is_named_for_what_the_project_has() {
    let dir = example_copy("winloss-only");
    fs::remove_file(dir.path().join("jobs.yaml")).unwrap();
    let out = dir.path().join("report.html");
    let result = build(dir.path(), &out);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(out).unwrap();
    assert!(html.contains("<h2>Win/loss</h2>"));
    assert!(!html.contains("jobs to be done"), "no jobs, so no word of them");
}

/// A journey scored for one market compares that market with the journey's own scores:
/// there is no other market to differ from.
#[test]
fn a_single_market_is_compared_with_the_journeys_own_scores() {
    let dir = example_copy("one-market");
    let journey = fs::read_to_string(dir.path().join("journey.yaml")).unwrap();
    let journey = journey
        .replacen("markets: [Denmark, Norway]", "markets: [Norway]", 1)
        .replace("Denmark: {importance: 1, present: false}, ", "");
    fs::write(dir.path().join("journey.yaml"), journey).unwrap();
    let note = dir.path().join("workshops/2027-01-copenhagen.md");
    let moved = fs::read_to_string(&note).unwrap().replacen("market: Denmark", "market: Norway", 1);
    fs::write(&note, moved).unwrap();
    let out = dir.path().join("report.html");
    let result = uplift(&["build", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(out).unwrap();
    let table = html.split("<table class=\"compact markets\">").nth(1).expect("the disagreement table");
    let head = table.split("</thead>").next().unwrap();
    assert!(head.contains(">Overall</th>") && head.contains(">Norway</th>"), "{head}");
}
