//! Reports in English, Danish, Norwegian and Swedish: the catalogues stay in step, every
//! fixed text is translated, and a non-English report carries no English fixed text.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{TempDir, example, text, uplift};

const LANGUAGES: [&str; 4] = ["en", "da", "nb", "sv"];

fn catalogue(lang: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang).join("report.ftl"))
        .unwrap()
}

/// `(id, value)` of every message; a multi-line value is given as its first line.
fn messages(ftl: &str) -> Vec<(String, String)> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" = ").or_else(|| l.split_once('=')))
        .map(|(id, value)| (id.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

fn ids(lang: &str) -> BTreeSet<String> {
    messages(&catalogue(lang))
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| !id.starts_with("currency-"))
        .collect()
}

#[test]
fn every_catalogue_has_exactly_the_same_message_ids() {
    let english = ids("en");
    assert!(english.len() > 200, "{} ids", english.len());
    for lang in &LANGUAGES[1..] {
        let other = ids(lang);
        let missing: Vec<_> = english.difference(&other).collect();
        let stray: Vec<_> = other.difference(&english).collect();
        assert!(missing.is_empty() && stray.is_empty(), "{lang}: missing {missing:?}, stray {stray:?}");
    }
}

/// The Danish example when it exists (its consultant texts are Danish), else the English one.
fn project_for(lang: &str) -> std::path::PathBuf {
    let danish = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project-da");
    if lang != "en" && danish.is_dir() { danish } else { example() }
}

fn build(lang: &str) -> String {
    let dir = TempDir::new(&format!("lang-{lang}"));
    let out = dir.path().join("report.html");
    let project = project_for(lang);
    let result =
        uplift(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--language", lang]);
    assert!(result.status.success(), "{lang}: {}", text(&result.stderr));
    fs::read_to_string(out).unwrap()
}

#[test]
fn every_language_builds_a_complete_report() {
    for lang in LANGUAGES {
        let html = build(lang);
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}: lang attribute");
        assert!(
            !html.contains('⟦'),
            "{lang}: untranslated message {}",
            &html[html.find('⟦').unwrap()..][..60]
        );
        // The Danish example counts win/loss as one snapshot, so it has no trend chart.
        let charts = if lang == "en" { 24 } else { 23 };
        assert_eq!(html.matches("<svg ").count(), charts, "{lang}: every chart");
    }
}

/// Tera escapes `/` and `'` in text it prints; compare like with like.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

/// Messages that may read the same as in English: a formula, and "Business case", which
/// Danish and Norwegian business language uses as it is.
const SAME_AS_ENGLISH: [(&str, &str); 5] = [
    ("da", "section-business-case"),
    ("nb", "section-business-case"),
    ("da", "der-clv-formula"),
    ("nb", "der-clv-formula"),
    ("sv", "der-clv-formula"),
];

#[test]
fn non_english_reports_carry_no_english_fixed_text() {
    let english: Vec<(String, String)> = messages(&catalogue("en"))
        .into_iter()
        .filter(|(_, v)| {
            !v.contains('{')
                && v.split_whitespace().count() >= 2
                && v.chars().filter(|c| c.is_alphabetic()).count() >= 8
        })
        .collect();
    assert!(english.len() > 80, "{} English phrases to look for", english.len());
    for lang in &LANGUAGES[1..] {
        let html = build(lang);
        let leftovers: Vec<&str> = english
            .iter()
            .filter(|(id, _)| !SAME_AS_ENGLISH.contains(&(*lang, id.as_str())))
            .filter(|(_, v)| html.contains(v.as_str()) || html.contains(&escaped(v)))
            .map(|(_, v)| v.as_str())
            .collect();
        assert!(leftovers.is_empty(), "{lang}: English fixed text in the report: {leftovers:?}");
    }
}

#[test]
fn the_language_flag_overrides_project_yaml_and_bad_codes_are_usage_errors() {
    let result = uplift(&["build", example().to_str().unwrap(), "--language", "fr", "-o", "/dev/null"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(text(&result.stderr).contains("unsupported language `fr`"), "{}", text(&result.stderr));
}

#[test]
fn the_templates_hold_no_fixed_text_outside_the_catalogues() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut files: Vec<_> = walk(&dir);
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    for file in files.iter().filter(|f| f.extension().is_some_and(|x| x == "html")) {
        let source = std::fs::read_to_string(file).unwrap();
        // What a reader sees: the template without its tags, expressions, statements and comments.
        let mut shown = String::new();
        let mut rest = source.as_str();
        while let Some(start) = rest.find(['<', '{']) {
            shown.push_str(&rest[..start]);
            let close = match &rest[start..start + 2.min(rest.len() - start)] {
                "{{" => "}}",
                "{%" => "%}",
                "{#" => "#}",
                _ if rest[start..].starts_with("<style") => "</style>",
                s if s.starts_with('<') => ">",
                _ => {
                    shown.push('{');
                    rest = &rest[start + 1..];
                    continue;
                }
            };
            rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
        }
        shown.push_str(rest);
        let words: Vec<&str> = shown
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic) && *w != "SHA-256")
            .collect();
        assert!(words.is_empty(), "{}: fixed text {words:?}; put it in locales/*/report.ftl", file.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() { walk(&path) } else { vec![path] }
        })
        .collect()
}

/// A chart's caption says what the chart shows and the one thing to take from it — one
/// sentence of at most two figures — in every language; every value it shows is in the
/// SVG's description for screen readers, not repeated under the chart.
#[test]
fn every_chart_caption_is_one_short_takeaway_in_every_language() {
    for lang in LANGUAGES {
        let html = build(lang);
        let figures: Vec<&str> = html.split("<figure class=\"chart-figure\"").skip(1).collect();
        assert!(figures.len() >= 14, "{lang}: {} charts", figures.len());
        for figure in figures {
            let figure = &figure[..figure.find("</figure>").unwrap()];
            let caption = figure
                .split_once("<figcaption>")
                .and_then(|(_, rest)| rest.split_once("</figcaption>"))
                .map_or_else(|| panic!("{lang}: a chart without a caption: {}", &figure[..80]), |(c, _)| c);
            assert!(
                caption.chars().count() <= 200,
                "{lang}: a caption of {} characters: {caption}",
                caption.chars().count()
            );
            // Numbers in the caption: runs of digits (a date counts its day and year).
            let numbers = caption
                .split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .count();
            assert!(numbers <= 4, "{lang}: {numbers} figures in the caption: {caption}");
            assert!(!caption.contains(".."), "{lang}: a doubled full stop: {caption}");
            // The description carries the values, the caption the takeaway: never the same text.
            let desc = figure.split_once("<desc").and_then(|(_, d)| d.split_once('>')).map(|(_, d)| d);
            let desc = desc.and_then(|d| d.split_once("</desc>")).map_or("", |(d, _)| d);
            assert!(!desc.is_empty() && desc != caption, "{lang}: caption and description alike: {caption}");
        }
    }
}
