//! Markdown → safe HTML for notes, own sections, the business case and the story.
//!
//! Consultants paste text from clients; none of it may run or load anything in a
//! leader's browser. Raw HTML is shown as text, never passed through. Links and
//! images may only point inside the report: an external link becomes its text
//! followed by the address, and a `javascript:` or other scheme is dropped. A picture
//! of the project (read and checked when the project was loaded) is embedded as a
//! `data:` URI; any other picture shows its alt text (`check` has reported it).

use base64::Engine as _;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::model::{Image, image_path};

/// The pictures a text may show: the project's, found relative to the text's file.
#[derive(Clone, Copy)]
pub struct Pictures<'a> {
    /// The file the text was written in, relative to the project (`/` separated).
    pub file: &'a str,
    /// Sorted by path.
    pub images: &'a [Image],
}

impl Pictures<'_> {
    /// A text that shows no pictures (alt texts only).
    pub const NONE: Pictures<'static> = Pictures { file: "", images: &[] };

    /// The `data:` URI of the picture `dest` points at, when the project has it.
    fn data_uri(&self, dest: &str) -> Option<String> {
        let path = image_path(self.file, dest)?;
        let i = self.images.binary_search_by(|image| image.path.as_str().cmp(&path)).ok()?;
        let image = &self.images[i];
        Some(format!(
            "data:{};base64,{}",
            image.kind.mime(),
            base64::engine::general_purpose::STANDARD.encode(&image.bytes)
        ))
    }
}

/// Markdown for one line of the report (a headline, a bullet) as inline HTML: emphasis,
/// code, links and pictures are kept; paragraphs, lists, headings, tables and footnotes
/// are not (their text stays), so the result fits inside a `<p>` or an `<li>`.
pub fn inline(text: &str, pictures: Pictures) -> String {
    let mut started = false;
    // Inside a footnote's definition, whose text belongs to no line.
    let mut in_footnote = false;
    let events = safe_events(text, "inline", pictures).into_iter().filter_map(|event| {
        match &event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
            _ => {}
        }
        let keep = !in_footnote
            && match &event {
                Event::Start(tag) => is_inline(tag),
                Event::End(end) => is_inline_end(*end),
                Event::Text(_) | Event::Code(_) | Event::HardBreak => true,
                _ => false,
            };
        // A line break, or the edge of a block, is a space.
        let edge = !in_footnote && matches!(event, Event::SoftBreak | Event::Rule | Event::End(_));
        started |= keep;
        if keep { Some(event) } else { (edge && started).then(|| Event::Text(" ".into())) }
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out.trim_end().to_owned()
}

fn is_inline(tag: &Tag) -> bool {
    matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(end, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
}

/// Renders `text` as HTML that loads nothing and runs nothing. Footnote ids get
/// `id_prefix`, so two notes can both have a footnote 1; headings start at `<h4>`,
/// below the report's own.
pub fn to_html(text: &str, id_prefix: &str, pictures: Pictures) -> String {
    let mut out = String::new();
    html::push_html(&mut out, safe_events(text, id_prefix, pictures).into_iter());
    out
}

/// The events of `text` with everything that could run or load made inert (see [`to_html`]).
fn safe_events<'t>(text: &'t str, id_prefix: &str, pictures: Pictures) -> Vec<Event<'t>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut events = Vec::new();
    // The address of each open link to outside, shown after its text.
    let mut open_links: Vec<Option<CowStr>> = Vec::new();
    // Whether each open image is shown (or only its alt text).
    let mut open_images: Vec<bool> = Vec::new();
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if is_internal(&dest_url) {
                    open_links.push(None);
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                } else {
                    let shown = (is_web(&dest_url) && link_type != LinkType::Autolink).then_some(dest_url);
                    open_links.push(Some(shown.unwrap_or(CowStr::Borrowed(""))));
                }
            }
            Event::End(TagEnd::Link) => match open_links.pop().flatten() {
                None => events.push(Event::End(TagEnd::Link)),
                Some(url) if !url.is_empty() => events.push(Event::Text(format!(" ({url})").into())),
                Some(_) => {}
            },
            // A project picture is embedded; any other keeps only its alt text.
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => match pictures.data_uri(&dest_url)
            {
                Some(uri) => {
                    open_images.push(true);
                    events.push(Event::Start(Tag::Image { link_type, dest_url: uri.into(), title, id }));
                }
                None => open_images.push(false),
            },
            Event::End(TagEnd::Image) => {
                if open_images.pop() == Some(true) {
                    events.push(Event::End(TagEnd::Image));
                }
            }
            Event::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(format!("{id_prefix}-{label}").into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(format!("{id_prefix}-{label}").into())));
            }
            Event::Start(Tag::Heading { level, id: _, classes, attrs }) => {
                events.push(Event::Start(Tag::Heading { level: demote(level), id: None, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => events.push(Event::End(TagEnd::Heading(demote(level)))),
            // A task's box as a character, not a form control: a checkbox in a printed
            // report cannot be ticked, and an unlabelled one fails WCAG's label rule.
            Event::TaskListMarker(done) => events.push(Event::Text(if done { "☑ " } else { "☐ " }.into())),
            other => events.push(other),
        }
    }
    events
}

/// Moves a note's heading three levels down (`#` → `<h4>`), capped at `<h6>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A link to another place in the report.
fn is_internal(url: &str) -> bool {
    url.starts_with('#')
}

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_test(text: &str) -> String {
        to_html(text, "n", Pictures::NONE)
    }

    #[test]
    fn footnote_ids_are_prefixed_and_headings_demoted() {
        let html = to_html("# Title\n\nText[^1]\n\n[^1]: note\n", "note-2", Pictures::NONE);
        assert!(html.contains("<h4>Title</h4>"), "{html}");
        assert!(html.contains("id=\"note-2-1\""), "{html}");
        assert!(html.contains("href=\"#note-2-1\""), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html_test("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    }

    #[test]
    fn links_and_images_never_point_outside() {
        let html = to_html_test(
            "[site](https://example.com) [bad](javascript:alert(1)) ![logo](https://x/y.png) [up](#top)",
        );
        assert!(!html.contains("href=\"https"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("site (https://example.com)"), "{html}");
        assert!(html.contains("logo"), "{html}");
        assert!(html.contains("<a href=\"#top\">up</a>"), "{html}");
    }

    #[test]
    fn a_project_picture_is_embedded_and_any_other_shows_its_alt_text() {
        let images =
            [Image { path: "assets/c.png".into(), kind: crate::model::ImageKind::Png, bytes: vec![1, 2, 3] }];
        let pictures = Pictures { file: "sections/a.md", images: &images };
        let html = to_html("![Churn by month](../assets/c.png) ![Gone](../assets/d.png)", "n", pictures);
        assert!(html.contains("<img src=\"data:image/png;base64,AQID\" alt=\"Churn by month\""), "{html}");
        assert!(html.contains("Gone") && html.matches("<img").count() == 1, "{html}");
        let outside = to_html("![x](/etc/passwd)", "n", pictures);
        assert!(!outside.contains("<img"), "{outside}");
    }

    #[test]
    fn inline_text_has_no_paragraph() {
        assert_eq!(inline("Raise **value** by 12%", Pictures::NONE), "Raise <strong>value</strong> by 12%");
        let blocks = inline("# One\n\n- two\n- *three*[^1]\n\n[^1]: four", Pictures::NONE);
        assert!(!blocks.contains("<p") && !blocks.contains("<li") && !blocks.contains("<h"), "{blocks}");
        assert!(
            blocks.contains("One") && blocks.contains("two") && blocks.contains("<em>three</em>"),
            "{blocks}"
        );
    }

    #[test]
    fn tables_footnotes_strikethrough_and_task_lists_render() {
        let html = to_html_test(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: note\n\n- [x] done\n- [ ] open\n",
        );
        assert!(html.contains("<table>") && html.contains("<th>a</th>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
        assert!(html.contains("☑ done") && html.contains("☐ open"), "{html}");
        assert!(!html.contains("<input"), "{html}");
    }
}
