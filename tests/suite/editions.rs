//! Editions: `build --edition leadership` (or `report.edition`) writes what a board reads —
//! cover, summary, business case, value, journey gaps, own sections — without the audit
//! trail, and with the same figures as the full edition.

use crate::common;

use std::fs;
use std::path::Path;

use common::{TempDir, example, example_copy, text, uplift};

fn build(dir: &Path, extra: &[&str]) -> String {
    let tmp = TempDir::new("edition");
    let out = tmp.path().join("report.html");
    let mut args = vec!["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = uplift(&args);
    assert!(result.status.success(), "{}", text(&result.stderr));
    fs::read_to_string(out).unwrap()
}

/// The text of every `class="card-value"` span: the summary's key figures.
fn card_values(html: &str) -> Vec<&str> {
    html.split("<span class=\"card-value\">").skip(1).map(|s| &s[..s.find("</span>").unwrap()]).collect()
}

/// Every `href="#…"` target, and every `id="…"`.
fn anchors(html: &str) -> (Vec<&str>, Vec<&str>) {
    let values = |marker: &str| -> Vec<&str> {
        html.split(marker).skip(1).map(|s| &s[..s.find('"').unwrap()]).collect()
    };
    (values("href=\"#"), values(" id=\""))
}

#[test]
fn the_leadership_edition_leaves_out_the_audit_trail_and_keeps_the_figures() {
    let full = build(&example(), &[]);
    let lead = build(&example(), &["--edition", "leadership"]);
    for kept in [
        "id=\"summary\"",
        "id=\"business-case\"",
        "id=\"uplift\"",
        "id=\"journey\"",
        "id=\"options\"",
        "class=\"own-section\"",
    ] {
        assert!(lead.contains(kept), "the leadership edition has {kept}");
    }
    for left_out in [
        "id=\"economics\"",
        "id=\"data\"",
        "id=\"winloss-jobs\"",
        "id=\"appendix\"",
        "href=\"#derivation",
        "class=\"hash\"",
        "class=\"journey-map\"",
        "segments[",
        "20261102",
    ] {
        assert!(full.contains(left_out), "the full edition has {left_out}");
        assert!(!lead.contains(left_out), "the leadership edition has no {left_out}");
    }
    // The same figures, and every link lands in the report.
    assert_eq!(card_values(&lead), card_values(&full));
    assert!(card_values(&lead).len() >= 5);
    let (links, ids) = anchors(&lead);
    for link in links {
        assert!(ids.contains(&link), "#{link} has no target in the leadership edition");
    }
}

#[test]
fn project_yaml_chooses_the_edition_and_the_command_line_overrides_it() {
    let dir = example_copy("edition-yaml");
    let file = dir.path().join("project.yaml");
    let yaml = fs::read_to_string(&file).unwrap().replacen("report:", "report:\n  edition: leadership", 1);
    fs::write(&file, yaml).unwrap();
    let chosen = build(dir.path(), &[]);
    assert!(!chosen.contains("id=\"appendix\""));
    assert!(build(dir.path(), &["--edition", "full"]).contains("id=\"appendix\""));

    let bad = fs::read_to_string(&file).unwrap().replacen("edition: leadership", "edition: boardroom", 1);
    fs::write(&file, bad).unwrap();
    let _ = common::Run::new(&["check", dir.path().to_str().unwrap()])
        .code(1)
        .stderr_has("report.edition: unknown edition `boardroom`; use `full` or `leadership`");
    let _ = common::Run::new(&["build", example().to_str().unwrap(), "--edition", "short"])
        .code(2)
        .stderr_has("unknown edition `short`");
}
