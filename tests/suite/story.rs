//! The consultant's story in the report: project.yaml's `report:` (headline, key messages,
//! next steps, action titles), own sections (`sections/*.md`) and the project's pictures in
//! Markdown, each shown in its place.

use crate::common;

use std::fs;
use std::path::Path;

use common::{example_copy, text, uplift};

/// A real 1×1 PNG in the example's blue.
const PNG: [u8; 69] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 144,
    119, 83, 222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 4, 0, 1, 118, 0, 231, 182, 143,
    83, 86, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// The PNG's `data:` URI.
const PNG_URI: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQ96sEAAF2AOe2j1NWAAAAAElFTkSuQmCC";

fn build(dir: &Path) -> String {
    let out = dir.join("report.html");
    let result = uplift(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    fs::read_to_string(out).unwrap()
}

/// Replaces the example's `report:` block with `block`.
fn set_report(dir: &Path, block: &str) {
    let file = dir.join("project.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    let start = yaml.find("report:").expect("the example has a report block");
    let end = start + yaml[start..].find("\n\n").unwrap();
    fs::write(&file, format!("{}{block}{}", &yaml[..start], &yaml[end..])).unwrap();
}

/// The position of `part` in `html`, which must hold it.
fn at(html: &str, part: &str) -> usize {
    html.find(part).unwrap_or_else(|| panic!("the report holds {part}"))
}

#[test]
fn the_consultants_words_replace_and_join_the_generated_ones_in_place() {
    let dir = example_copy("story");
    let generated = build(dir.path());
    set_report(
        dir.path(),
        r#"report:
  headline: "Keep installers past their **third order**, and the business case pays back in two years."
  key_messages: ["First *message*", "Second message"]
  next_steps: ["Approve the pilot on **3 March**", "Name an owner for the first 90 days"]
  section_titles:
    summary: "What leadership decides on 10 March"
    value: "Two segments carry the upside""#,
    );
    fs::create_dir_all(dir.path().join("assets")).unwrap();
    fs::write(dir.path().join("assets/pilot.png"), PNG).unwrap();
    fs::write(
        dir.path().join("sections/00-pilot.md"),
        "---\ntitle: \"The pilot\"\nafter: summary\n---\nSixty installers from March.\n\n![Pilot plan](../assets/pilot.png)\n",
    )
    .unwrap();
    let html = build(dir.path());

    // The headline and next steps are the consultant's, in place of the generated ones.
    assert!(html.contains("<p class=\"headline\">Keep installers past their <strong>third order</strong>, and the business case pays back in two years.</p>"));
    let generated_headline = &generated[at(&generated, "<p class=\"headline\">")..];
    let generated_headline = &generated_headline[..at(generated_headline, "</p>")];
    assert!(!html.contains(generated_headline), "the generated headline is gone");
    assert!(html.contains(
        "<li>Approve the pilot on <strong>3 March</strong></li><li>Name an owner for the first 90 days</li>"
    ));
    let generated_steps = &generated[at(&generated, "<ol class=\"next-steps\">")..];
    let first_generated_step = &generated_steps[at(generated_steps, "<li>")..at(generated_steps, "</li>")];
    assert!(!html.contains(first_generated_step), "the generated next steps are gone");
    // The key messages follow the headline, in order.
    assert!(
        html.contains(
            "<ul class=\"key-messages\">\n    <li>First <em>message</em></li><li>Second message</li>"
        )
    );
    assert!(at(&html, "class=\"headline\"") < at(&html, "class=\"key-messages\""));

    // An action title sits right above its section's standard title.
    assert!(html.contains(
        "<p class=\"action-title\">What leadership decides on 10 March</p>\n  <h2>Executive summary</h2>"
    ));
    assert!(html.contains("<p class=\"action-title\">Two segments carry the upside</p>\n  <h2>"));
    assert!(at(&html, "Two segments carry the upside") > at(&html, "<section id=\"uplift\">"));

    // The own section follows the summary, before the business case, after the example's own
    // section order is kept (00- before 01-).
    let own = at(&html, "<section class=\"own-section\" id=\"own-1-00-pilot\">");
    assert!(at(&html, "<section id=\"summary\">") < own && own < at(&html, "<section id=\"business-case\">"));
    assert!(html.contains("<h2>The pilot</h2>"));
    // Its picture is embedded from the project, with its alt text.
    assert!(html.contains(&format!("<img src=\"{PNG_URI}\" alt=\"Pilot plan\"")), "the picture is embedded");
    // And listed with the inputs, hashed.
    assert!(html.contains("<code>assets/pilot.png</code>"));
}

#[test]
fn own_sections_after_one_section_follow_in_file_name_order_and_notes_show_pictures() {
    let dir = example_copy("story-order");
    for (file, title) in [("b.md", "Second"), ("a.md", "First")] {
        fs::write(
            dir.path().join("sections").join(file),
            format!("---\ntitle: {title}\nafter: economics\n---\nText.\n"),
        )
        .unwrap();
    }
    fs::write(dir.path().join("assets/chart.png"), PNG).unwrap();
    let note = dir.path().join("workshops/2027-01-copenhagen.md");
    let body = fs::read_to_string(&note).unwrap() + "\n![Quote times by week](../assets/chart.png)\n";
    fs::write(&note, body).unwrap();
    let html = build(dir.path());
    let (first, second) = (at(&html, "<h2>First</h2>"), at(&html, "<h2>Second</h2>"));
    assert!(at(&html, "<section id=\"economics\">") < first && first < second);
    assert!(second < at(&html, "<section id=\"uplift\">"));
    assert!(html.contains(&format!("<img src=\"{PNG_URI}\" alt=\"Quote times by week\"")));
}

#[test]
fn a_picture_that_cannot_be_shown_is_a_located_problem_and_nothing_is_written() {
    let dir = example_copy("story-bad-picture");
    fs::write(
        dir.path().join("sections/02-extra.md"),
        "---\ntitle: Extra\nafter: value\n---\n\nSee ![the map](../../map.png).\n",
    )
    .unwrap();
    let out = dir.path().join("report.html");
    let _ = common::Run::new(&["build", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()])
        .code(1)
        .stderr_has("sections/02-extra.md:6:5: the picture `../../map.png` is outside the project folder");
    assert!(!out.exists());
}

#[test]
fn the_readme_report_block_is_valid_and_shown() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let story = &readme[at(&readme, "**The consultant's story.**")..];
    let block = &story[at(story, "```yaml\n") + 8..];
    let block = &block[..at(block, "```")];
    let dir = example_copy("story-readme");
    set_report(dir.path(), block.trim_end());
    let html = build(dir.path());
    assert!(html.contains("Keep installers past their <strong>third order</strong>"));
    assert!(html.contains("<li>Approve the pilot on 3 March</li>"));
}
