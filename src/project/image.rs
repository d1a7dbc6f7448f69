//! Images the report embeds, checked to be what they claim.
//!
//! The logo is copied into every report as a `data:` URI. A file named `logo.svg` could
//! be anything — a link to `/etc/passwd` once was — so the bytes decide: a PNG or JPEG by
//! its signature, an SVG by parsing it. An SVG may carry script, event handlers and
//! references to other files or servers; one that does is refused with the element or
//! attribute named, rather than silently altered, so what the consultant sees in the
//! report is exactly the file they chose.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::ImageKind;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SIGNATURE: &[u8] = b"\xff\xd8\xff";

/// SVG elements that run code or embed other documents.
const FORBIDDEN_ELEMENTS: &[&str] =
    &["script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler", "listener"];

/// What `bytes` (from `rel`) are, or why they cannot be embedded.
pub fn check(rel: &Path, bytes: &[u8]) -> Result<ImageKind, Diagnostic> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok(ImageKind::Png);
    }
    if bytes.starts_with(JPEG_SIGNATURE) {
        return Ok(ImageKind::Jpeg);
    }
    let not_an_image = || {
        Diagnostic::new(rel, "is not a PNG, JPEG or SVG image")
            .hint("export it as PNG, JPEG or SVG from the original artwork")
    };
    let text = std::str::from_utf8(bytes).map_err(|_| not_an_image())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = roxmltree::Document::parse(text).map_err(|e| {
        if text.contains("<svg") {
            Diagnostic::new(rel, format!("the SVG cannot be read: {e}"))
                .hint("save it again from the drawing program as plain SVG")
        } else {
            not_an_image()
        }
    })?;
    if !document.root_element().tag_name().name().eq_ignore_ascii_case("svg") {
        return Err(not_an_image());
    }
    match document.descendants().filter(roxmltree::Node::is_element).find_map(|node| unsafe_part(&node)) {
        Some(what) => Err(Diagnostic::new(rel, format!("the SVG holds {what}")).hint(
            "a picture in the report must be a plain drawing: remove scripts, event handlers and links to other files \
             (in Inkscape: File → Save As… → Optimized SVG)",
        )),
        None => Ok(ImageKind::Svg),
    }
}

/// The first thing in `node` that could run code or load something, described.
fn unsafe_part(node: &roxmltree::Node) -> Option<String> {
    let name = node.tag_name().name();
    if FORBIDDEN_ELEMENTS.iter().any(|f| name.eq_ignore_ascii_case(f)) {
        return Some(format!("a `<{name}>` element (line {})", line_of(node)));
    }
    if name.eq_ignore_ascii_case("style") {
        let css: String =
            node.descendants().filter(roxmltree::Node::is_text).filter_map(|n| n.text()).collect();
        if let Some(what) = crate::css::forbidden(&css) {
            return Some(format!("a style that {what} (line {})", line_of(node)));
        }
    }
    node.attributes().find_map(|attribute| {
        let (key, value) = (attribute.name(), attribute.value());
        let line = line_of(node);
        if key.len() > 2 && key[..2].eq_ignore_ascii_case("on") {
            Some(format!("an event handler `{key}` on `<{name}>` (line {line})"))
        } else if key.eq_ignore_ascii_case("href") || key.eq_ignore_ascii_case("src") {
            (!value.trim_start().starts_with('#'))
                .then(|| format!("a reference to `{value}` on `<{name}>` (line {line})"))
        } else {
            crate::css::external_reference_in(value)
                .map(|reference| format!("a reference to `{reference}` in `{key}` (line {line})"))
        }
    })
}

fn line_of(node: &roxmltree::Node) -> u32 {
    node.document().text_pos_at(node.range().start).row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> Result<ImageKind, String> {
        check(Path::new("assets/logo.svg"), bytes).map_err(|d| d.message)
    }

    #[test]
    fn images_are_told_by_their_bytes_not_their_name() {
        assert_eq!(kind(b"\x89PNG\r\n\x1a\nrest"), Ok(ImageKind::Png));
        assert_eq!(kind(b"\xff\xd8\xff\xe0rest"), Ok(ImageKind::Jpeg));
        let svg =
            br##"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/><use href="#a"/></svg>"##;
        assert_eq!(kind(svg), Ok(ImageKind::Svg));
        assert_eq!(kind(b"root:x:0:0:root:/root:/bin/bash\n"), Err("is not a PNG, JPEG or SVG image".into()));
        assert_eq!(kind(b"<html><body>hi</body></html>"), Err("is not a PNG, JPEG or SVG image".into()));
    }

    #[test]
    fn svg_with_script_handlers_or_external_references_is_refused() {
        let cases = [
            ("<svg><script>alert(1)</script></svg>", "a `<script>` element (line 1)"),
            ("<svg>\n<rect onload=\"x()\"/></svg>", "an event handler `onload` on `<rect>` (line 2)"),
            (
                "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://evil.test/p.png\"/></svg>",
                "a reference to `https://evil.test/p.png` on `<image>` (line 1)",
            ),
            ("<svg><foreignObject><p/></foreignObject></svg>", "a `<foreignObject>` element (line 1)"),
            (
                "<svg><style>@import 'https://evil.test/x.css';</style></svg>",
                "a style that holds `@import` (line 1)",
            ),
            (
                "<svg><rect style=\"fill:url(https://e.test/a)\"/></svg>",
                "a reference to `https://e.test/a` in `style` (line 1)",
            ),
        ];
        for (svg, what) in cases {
            assert_eq!(kind(svg.as_bytes()), Err(format!("the SVG holds {what}")), "{svg}");
        }
    }

    #[test]
    fn svg_entity_expansion_is_refused() {
        let bomb = "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><svg>&b;</svg>";
        assert!(kind(bomb.as_bytes()).unwrap_err().starts_with("the SVG cannot be read"));
    }
}
