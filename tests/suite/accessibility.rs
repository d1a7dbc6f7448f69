//! Readable by every reader: axe-core finds no WCAG 2.2 A/AA violation in the reports of both
//! examples, in every language and edition; `build --pdf` writes a tagged PDF with bookmarks.
//!
//! axe-core runs inside a real headless Chromium. It is a script, and the report forbids
//! every script: only here, in a copy of the report, is its Content-Security-Policy taken
//! out and axe-core put in. axe-core comes from npm (`.ci/run` installs it under
//! `target/npm`); without it, or without Chromium, these tests skip loudly on a developer's
//! machine and fail in CI.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TempDir, example, text, uplift};
use uplift::cmd::build::{find_browser, headless};

/// axe-core's script, from `npm install --prefix target/npm axe-core`.
fn axe() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm/node_modules/axe-core/axe.min.js");
    let ci = std::env::var_os("CI").is_some();
    if !path.is_file() {
        assert!(!ci, "CI needs axe-core: npm install --prefix target/npm axe-core@4.14.1");
        eprintln!(
            "\n!!! SKIPPED: accessibility tests need axe-core (npm install --prefix target/npm axe-core) !!!\n"
        );
        return None;
    }
    if find_browser().is_none() {
        assert!(
            std::env::var("UPLIFT_REQUIRE_BROWSER").as_deref() != Ok("1") && !ci,
            "the accessibility tests need Chromium (apt-get install chromium)"
        );
        eprintln!("\n!!! SKIPPED: accessibility tests need Chromium (apt-get install chromium) !!!\n");
        return None;
    }
    Some(path)
}

/// The report at `html` with its policy taken out and axe-core run over it when it loads;
/// the violations land, as JSON, in a `<pre id="axe-result">` for `--dump-dom` to show.
fn with_axe(html: &str, axe: &str) -> String {
    let policy_start =
        html.find("<meta http-equiv=\"Content-Security-Policy\"").expect("the report's policy");
    let policy_end = policy_start + html[policy_start..].find('>').unwrap() + 1;
    let runner = r"<script>
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
                   resultTypes: ['violations']}).then(function (r) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {rule: v.id, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};
  }));
  document.body.appendChild(pre);
});
</script>";
    let scripted = format!("{}{}", &html[..policy_start], &html[policy_end..]);
    scripted.replacen("</body>", &format!("<script>{axe}</script>{runner}</body>"), 1)
}

/// The violations axe-core finds in the report `page`, as `rule: element: why` lines.
fn violations(browser: &Path, page: &Path, scratch: &Path) -> Vec<String> {
    let profile = scratch.join(format!("profile-{}", page.file_stem().unwrap().to_string_lossy()));
    let mut chromium = headless(browser, &profile).unwrap();
    // The product's profile blocks JavaScript; this one, for axe-core alone, allows it.
    fs::write(profile.join("Default/Preferences"), "{}").unwrap();
    let out = chromium
        .args(["--virtual-time-budget=60000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = text(&out.stdout);
    let Some((json, _)) =
        dom.split_once("<pre id=\"axe-result\">").and_then(|(_, rest)| rest.split_once("</pre>"))
    else {
        panic!("axe-core gave no result for {}: {}", page.display(), text(&out.stderr));
    };
    let json = json.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    let found: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    found
        .iter()
        .flat_map(|v| {
            let rule = v["rule"].as_str().unwrap_or_default().to_owned();
            v["nodes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |n| format!("{rule}: {n}"))
        })
        .collect()
}

#[test]
fn axe_core_finds_no_wcag_violation_in_any_language_or_edition() {
    let Some(axe_path) = axe() else { return };
    let browser = find_browser().unwrap();
    let axe_script = fs::read_to_string(axe_path).unwrap();
    let tmp = TempDir::new("axe");
    let projects = [example(), example().with_file_name("example-project-da")];
    let mut pages = Vec::new();
    for (p, project) in projects.iter().enumerate() {
        for edition in ["full", "leadership"] {
            for language in ["en", "da", "nb", "sv"] {
                let html = tmp.path().join(format!("report-{p}-{edition}-{language}.html"));
                let built = uplift(&[
                    "build",
                    project.to_str().unwrap(),
                    "--edition",
                    edition,
                    "--language",
                    language,
                    "-o",
                    html.to_str().unwrap(),
                ]);
                assert!(built.status.success(), "{}", text(&built.stderr));
                let page = tmp.path().join(format!("axe-{p}-{edition}-{language}.html"));
                fs::write(&page, with_axe(&fs::read_to_string(&html).unwrap(), &axe_script)).unwrap();
                pages.push(page);
            }
        }
    }
    // Two browsers at a time.
    let found: Vec<(PathBuf, Vec<String>)> = std::thread::scope(|s| {
        pages
            .chunks(pages.len().div_ceil(2))
            .map(|chunk| {
                let (browser, scratch) = (&browser, tmp.path());
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|page| (page.clone(), violations(browser, page, scratch)))
                        .collect::<Vec<_>>()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(found.len(), 16);
    let failures: Vec<String> = found
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(page, v)| format!("{}:\n  {}", page.file_name().unwrap().to_string_lossy(), v.join("\n  ")))
        .collect();
    assert!(failures.is_empty(), "WCAG 2.2 A/AA violations:\n{}", failures.join("\n"));
}

/// axe-core itself finds what the test must find: a page with the faults the report once had.
#[test]
fn axe_core_finds_a_planted_violation() {
    let Some(axe_path) = axe() else { return };
    let browser = find_browser().unwrap();
    let tmp = TempDir::new("axe-planted");
    let page = tmp.path().join("planted.html");
    let html = "<!DOCTYPE html><html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" \
        content=\"default-src 'none'\"><title>t</title></head><body><main><p style=\"color:#aaa\">grey on white</p>\
        <ul><li><input type=\"checkbox\" disabled> task</li></ul></main></body></html>";
    fs::write(&page, with_axe(html, &fs::read_to_string(axe_path).unwrap())).unwrap();
    let found = violations(&browser, &page, tmp.path());
    assert!(found.iter().any(|v| v.starts_with("color-contrast")), "{found:?}");
    assert!(found.iter().any(|v| v.starts_with("label")), "{found:?}");
}

#[test]
fn the_pdf_is_tagged_and_has_bookmarks() {
    if find_browser().is_none() {
        let required =
            std::env::var("UPLIFT_REQUIRE_BROWSER").as_deref() == Ok("1") || std::env::var_os("CI").is_some();
        assert!(!required, "CI needs Chromium");
        eprintln!("\n!!! SKIPPED: the PDF test needs Chromium (apt-get install chromium) !!!\n");
        return;
    }
    let tmp = TempDir::new("tagged-pdf");
    let html = tmp.path().join("report.html");
    let built = uplift(&["build", example().to_str().unwrap(), "-o", html.to_str().unwrap(), "--pdf"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let pdf = fs::read(tmp.path().join("report.pdf")).unwrap();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    // Tagged: a structure tree and the mark that says so; bookmarks: an outline.
    assert!(has(b"/StructTreeRoot") && has(b"/MarkInfo"), "the PDF is not tagged");
    assert!(has(b"/Outlines"), "the PDF has no bookmarks");
}

/// A number in `css` right after `before`, up to the unit `unit`: `svg.chart { max-height: 118mm`.
fn css_mm(css: &str, before: &str) -> f64 {
    let start = css.find(before).unwrap_or_else(|| panic!("{before} in style.css")) + before.len();
    let rest = &css[start..];
    rest[..rest.find("mm").unwrap()].trim().parse().unwrap()
}

/// Every chart's text prints at 8 pt or more on A4: its SVG units scale to the printed width
/// (the page less its side margins) or, for a tall chart, to the print height limit — both
/// read from the report's style sheet, so a change there is checked too.
#[test]
fn chart_text_prints_at_eight_points_or_more() {
    let css = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/style.css")).unwrap();
    let side_margin = css_mm(&css, "@page { size: A4; margin: 16mm ");
    let max_height = css_mm(&css, "svg.chart { max-height: ");
    let max_height_tall = css_mm(&css, "svg.chart.tall { max-height: ");
    let width = 210.0 - 2.0 * side_margin;
    let tmp = TempDir::new("chart-text");
    let html = tmp.path().join("report.html");
    assert!(uplift(&["build", example().to_str().unwrap(), "-o", html.to_str().unwrap()]).status.success());
    let html = fs::read_to_string(html).unwrap();
    let charts: Vec<&str> =
        html.split("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").skip(1).collect();
    assert!(charts.len() >= 14);
    for chart in charts {
        let chart = &chart[..chart.find("</svg>").unwrap()];
        let (w, rest) = chart.split_once(' ').unwrap();
        let h = &rest[..rest.find('"').unwrap()];
        let (w, h): (f64, f64) = (w.parse().unwrap(), h.parse().unwrap());
        let tall = chart[..chart.find('>').unwrap()].contains("class=\"chart tall\"");
        let mm_per_unit = (width / w).min(if tall { max_height_tall } else { max_height } / h);
        let smallest = chart
            .split("font-size=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap())
            .fold(f64::INFINITY, f64::min);
        let points = smallest * mm_per_unit / 25.4 * 72.0;
        let id = &chart[chart.find("id=\"").unwrap() + 4..][..30];
        assert!(points >= 8.0, "{id}: text prints at {points:.1} pt");
    }
}
