//! Markdown → safe HTML for notes and business-case texts.
//!
//! Consultants paste text from clients; none of it may run or load anything in a
//! leader's browser. Raw HTML is shown as text, never passed through. Links and
//! images may only point inside the report: an external link becomes its text
//! followed by the address, an image becomes its alt text, and a `javascript:`
//! or other scheme is dropped.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

/// Renders `text` as HTML that loads nothing and runs nothing. Footnote ids get
/// `id_prefix`, so two notes can both have a footnote 1; headings start at `<h4>`,
/// below the report's own.
pub fn to_html(text: &str, id_prefix: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut events = Vec::new();
    // The address of each open link to outside, shown after its text.
    let mut open_links: Vec<Option<CowStr>> = Vec::new();
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
            // An image's alt text stays, as text; the image itself is never loaded.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
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
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
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
        to_html(text, "n")
    }

    #[test]
    fn footnote_ids_are_prefixed_and_headings_demoted() {
        let html = to_html("# Title\n\nText[^1]\n\n[^1]: note\n", "note-2");
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
    fn tables_footnotes_strikethrough_and_task_lists_render() {
        let html = to_html_test(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: note\n\n- [x] done\n- [ ] open\n",
        );
        assert!(html.contains("<table>") && html.contains("<th>a</th>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }
}
