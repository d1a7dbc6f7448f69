//! What a report may hold, checked on the rendered HTML, whatever produced it.
//!
//! A project may override the report's templates, so the templates cannot be trusted to
//! keep the report inert. The policy is therefore enforced on the output, and on the output
//! as a browser reads it: the report is parsed into a document tree by a WHATWG parser
//! (`html5ever`, the tree builder of Servo), the tree is checked, and the *tree* — not the
//! template's text — is written out. Checking text with a tokenizer alone proved open to
//! the ways a browser's tree builder reinterprets markup (raw text inside SVG, foster
//! parenting, misspelt elements); checking the tree that is then written closes that gap.
//!
//! The tree is refused, with nothing written, if it holds anything that runs, loads or
//! navigates: `<script>`, an event-handler attribute, a link to anything but `#id`, an image
//! source other than a `data:` image, `<meta http-equiv>` (a redirect), `<base>`, frames,
//! `<object>`, `<embed>`, `<link>`, `<noscript>`, `<template>`, a form or `formaction`,
//! `srcdoc`, SVG animation of a link, markup inside a `<style>`, a comment, or CSS that loads
//! something (see [`crate::css`]). Then the renderer puts `<meta charset="utf-8">` and its
//! Content-Security-Policy first in the tree's `<head>` — which the parser always makes —
//! and writes the tree. Finally the written report is parsed again and must write out the
//! same: what a browser builds from the file is the tree that was checked.

use std::cell::RefCell;
use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use html5ever::{Attribute, LocalName, QualName, local_name, namespace_url, ns};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom, SerializableHandle};

/// The report's Content-Security-Policy: no script and no load from anywhere but the
/// report itself (`data:` images, inline styles).
pub const CSP: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Elements that run code, embed other documents, submit, redirect, link resources or hold
/// markup a browser reads later (`<template>`, `<noscript>`).
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link", "portal",
    "noembed", "noscript", "noframes", "template", "handler", "listener",
];

/// Attributes whose value is a URL a browser may load or follow.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "lowsrc",
    "dynsrc",
    "usemap",
    "attributionsrc",
];

/// Why a rendered report was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation {
    pub what: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

fn violation(what: impl Into<String>) -> Violation {
    Violation { what: what.into() }
}

/// Checks `html` as a browser would build it, then writes that document with the character
/// set and the Content-Security-Policy first in its head.
pub fn enforce(html: &str) -> Result<String, Violation> {
    // One tree at a time: a report at the size limit makes a tree of several hundred MB.
    let written = {
        let dom = parse(html);
        check_node(&dom.document, false, 0)?;
        prepend_to_head(&dom.document)?;
        write(&dom.document)
    };
    // What a browser builds from the written file must be the tree that was checked.
    if write(&parse(&written).document) != written {
        return Err(violation("markup that a browser would read differently once written out"));
    }
    Ok(written)
}

/// The first thing in `html` that could run, load or navigate, as a browser would build it.
pub fn check(html: &str) -> Result<(), Violation> {
    check_node(&parse(html).document, false, 0)
}

/// The deepest nesting of elements checked; a report needs a few dozen levels, and the
/// check walks the tree recursively.
const MAX_DEPTH: usize = 512;

fn parse(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), html5ever::ParseOpts::default()).one(html)
}

fn write(document: &Handle) -> String {
    let mut out = Vec::with_capacity(1 << 16);
    let handle = SerializableHandle::from(document.clone());
    // Writing to memory cannot fail.
    let _ = html5ever::serialize(&mut out, &handle, html5ever::serialize::SerializeOpts::default());
    String::from_utf8(out).unwrap_or_default()
}

/// Checks `node` and everything below it; `in_style` when inside a `<style>`, `depth` levels
/// below the document.
fn check_node(node: &Handle, in_style: bool, depth: usize) -> Result<(), Violation> {
    if depth > MAX_DEPTH {
        return Err(violation(format!("elements nested more than {MAX_DEPTH} deep")));
    }
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            let element = name.local.to_string().to_ascii_lowercase();
            if in_style {
                return Err(violation(format!("a `<{element}>` element inside a `<style>` element")));
            }
            let attrs = attrs.borrow();
            if let Some(what) = forbidden_element(&element, &attrs) {
                return Err(violation(what));
            }
            for attribute in attrs.iter() {
                let key = attribute_name(&attribute.name);
                if let Some(what) = forbidden_attribute(&element, &key, &attribute.value) {
                    return Err(violation(what));
                }
            }
            if element == "style" {
                let css = text_of(node);
                if let Some(what) = crate::css::forbidden(&css) {
                    return Err(violation(format!("a style that {what}")));
                }
            }
            for child in node.children.borrow().iter() {
                check_node(child, element == "style", depth + 1)?;
            }
            Ok(())
        }
        NodeData::Comment { .. } => Err(violation("an HTML comment (a template comment is `{# … #}`)")),
        NodeData::ProcessingInstruction { .. } => Err(violation("a processing instruction")),
        NodeData::Document | NodeData::Doctype { .. } | NodeData::Text { .. } => {
            node.children.borrow().iter().try_for_each(|child| check_node(child, in_style, depth + 1))
        }
    }
}

/// An attribute's name as written, with its namespace prefix (`xlink:href`).
fn attribute_name(name: &QualName) -> String {
    match &name.prefix {
        Some(prefix) => format!("{}:{}", prefix, name.local).to_ascii_lowercase(),
        None => name.local.to_string().to_ascii_lowercase(),
    }
}

/// The text directly in `node`, in order (the CSS of a `<style>`, whose element children are
/// refused on their own).
fn text_of(node: &Handle) -> String {
    let mut text = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            text.push_str(&contents.borrow());
        }
    }
    text
}

/// Puts `<meta charset="utf-8">` and the policy first in the document's `<head>`.
fn prepend_to_head(document: &Handle) -> Result<(), Violation> {
    let head = find(document, "head").ok_or_else(|| violation("a report without a head"))?;
    let meta = |attributes: Vec<(&str, &str)>| {
        let attrs = attributes
            .into_iter()
            .map(|(key, value)| Attribute {
                name: QualName::new(None, ns!(), LocalName::from(key)),
                value: value.into(),
            })
            .collect();
        Node::new(NodeData::Element {
            name: QualName::new(None, ns!(html), local_name!("meta")),
            attrs: RefCell::new(attrs),
            template_contents: RefCell::new(None),
            mathml_annotation_xml_integration_point: false,
        })
    };
    let charset = meta(vec![("charset", "utf-8")]);
    let policy = meta(vec![("http-equiv", "Content-Security-Policy"), ("content", CSP)]);
    for node in [&charset, &policy] {
        node.parent.set(Some(Rc::downgrade(&head)));
    }
    let mut children = head.children.borrow_mut();
    children.insert(0, policy);
    children.insert(0, charset);
    Ok(())
}

/// The first element named `name` in document order.
fn find(node: &Handle, name: &str) -> Option<Handle> {
    if let NodeData::Element { name: q, .. } = &node.data
        && q.ns == ns!(html)
        && &*q.local == name
    {
        return Some(node.clone());
    }
    node.children.borrow().iter().find_map(|child| find(child, name))
}

fn forbidden_element(name: &str, attributes: &[Attribute]) -> Option<String> {
    if FORBIDDEN_ELEMENTS.contains(&name) {
        return Some(format!("a `<{name}>` element"));
    }
    let value =
        |key: &str| attributes.iter().find(|a| attribute_name(&a.name) == key).map(|a| a.value.to_string());
    if name == "meta" && value("http-equiv").is_some() {
        return Some("a `<meta http-equiv>` element".into());
    }
    if name == "meta" && value("charset").is_some_and(|v| !v.trim().eq_ignore_ascii_case("utf-8")) {
        return Some("a `<meta charset>` other than utf-8".into());
    }
    // SVG animation can set an `href` to a script URL after every check has run.
    let animates_link = value("attributename").is_some_and(|v| v.to_ascii_lowercase().contains("href"));
    (matches!(name, "animate" | "set" | "animatemotion" | "animatetransform") && animates_link)
        .then(|| format!("a `<{name}>` element that changes a link"))
}

fn forbidden_attribute(element: &str, key: &str, value: &str) -> Option<String> {
    if key.starts_with("on") {
        return Some(format!("an event handler `{key}` on `<{element}>`"));
    }
    if key == "srcdoc" {
        return Some(format!("a `srcdoc` document on `<{element}>`"));
    }
    if URL_ATTRIBUTES.contains(&key) {
        // As the URL standard reads it: C0 controls and spaces trimmed at both ends, tabs and
        // line breaks removed inside; any other control character left (DEL, C1) is refused
        // rather than guessed at.
        let trimmed = value.trim_matches(|c: char| c <= ' ');
        let url: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let lower = url.to_ascii_lowercase();
        // A link goes within the report; only an image source may be a `data:` image (a
        // link to one could be saved and opened as a page, with its script).
        let allowed = !url.chars().any(char::is_control)
            && (lower.is_empty()
                || lower.starts_with('#')
                || (key == "src" && crate::css::DATA_IMAGES.iter().any(|d| lower.starts_with(d))));
        if !allowed {
            let shown: String = value.chars().take(80).collect();
            return Some(format!("a link or load `{shown}` in `{key}` on `<{element}>`"));
        }
    }
    if key == "style" {
        return crate::css::forbidden(value)
            .map(|what| format!("a `style` attribute on `<{element}>` that {what}"));
    }
    // SVG presentation attributes (`fill`, `mask`, `cursor`, …) take `url(…)` too.
    crate::css::external_reference_in(value)
        .map(|reference| format!("a load `{reference}` in `{key}` on `<{element}>`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(html: &str) -> String {
        check(html).expect_err(html).what
    }

    #[test]
    fn the_built_in_kinds_of_content_pass() {
        let html = r##"<!DOCTYPE html><html><head><title>t</title>
<style>:root { --brand: #123456; } .a { background: url(#g); } .b { background: url("data:image/png;base64,AA"); }</style></head>
<body><a href="#summary">x</a><img src="data:image/svg+xml;base64,AA" alt="">
<svg><defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: #fff"/><use href="#g"/></svg>
<p>&lt;script&gt;alert(1)&lt;/script&gt; onload=x javascript: a &lt; b</p></body></html>"##;
        assert_eq!(check(html), Ok(()));
        assert!(enforce(html).is_ok());
    }

    #[test]
    fn what_runs_loads_or_navigates_is_refused() {
        let cases = [
            ("<script>alert(1)</script>", "a `<script>` element"),
            ("<SCRIPT src=x></SCRIPT>", "a `<script>` element"),
            ("<img onerror=alert(1)>", "an event handler `onerror` on `<img>`"),
            ("<svg><rect onclick='x()'/></svg>", "an event handler `onclick` on `<rect>`"),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "a link or load `javascript:alert(1)` in `href` on `<a>`",
            ),
            (
                "<a href=\" java\tscript:alert(1)\">x</a>",
                "a link or load ` java\tscript:alert(1)` in `href` on `<a>`",
            ),
            (
                "<img src=\"https://evil.test/p.png\">",
                "a link or load `https://evil.test/p.png` in `src` on `<img>`",
            ),
            ("<img src=\"//evil.test/p\">", "a link or load `//evil.test/p` in `src` on `<img>`"),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.test\">",
                "a `<meta http-equiv>` element",
            ),
            ("<base href=\"https://evil.test/\">", "a `<base>` element"),
            ("<iframe src=\"#\"></iframe>", "a `<iframe>` element"),
            ("<object data=\"x\"></object>", "a `<object>` element"),
            ("<embed src=\"x\">", "a `<embed>` element"),
            ("<form><input></form>", "a `<form>` element"),
            (
                "<button formaction=\"https://e.test\">b</button>",
                "a link or load `https://e.test` in `formaction` on `<button>`",
            ),
            ("<link rel=stylesheet href=\"https://e.test/x.css\">", "a `<link>` element"),
            ("<style>@import url(https://e.test/x.css);</style>", "a style that holds `@import`"),
            (
                "<style>body{background:url( 'https://e.test/p')}</style>",
                "a style that loads `'https://e.test/p'`",
            ),
            (
                "<p style=\"background:url(https://e.test/p)\">",
                "a `style` attribute on `<p>` that loads `https://e.test/p`",
            ),
            (
                "<a href=\"data:image/svg+xml;base64,AA\">x</a>",
                "a link or load `data:image/svg+xml;base64,AA` in `href` on `<a>`",
            ),
            (
                "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
                "a `<set>` element that changes a link",
            ),
            (
                "<svg><image xlink:href=\"https://e.test/p.png\"/></svg>",
                "a link or load `https://e.test/p.png` in `xlink:href` on `<image>`",
            ),
            (
                "<svg><rect mask=\"u\\72l(https://e.test/p)\"/></svg>",
                "a load `https://e.test/p` in `mask` on `<rect>`",
            ),
            ("<noscript><p>x</p></noscript>", "a `<noscript>` element"),
            ("<a href=\"&#x7f;#x\">x</a>", "a link or load `\u{7f}#x` in `href` on `<a>`"),
            ("<template shadowrootmode=open><img onerror=alert(1)></template>", "a `<template>` element"),
            ("<!-- x -->", "an HTML comment (a template comment is `{# … #}`)"),
            ("<meta charset=\"iso-2022-jp\">", "a `<meta charset>` other than utf-8"),
        ];
        for (html, what) in cases {
            assert_eq!(refused(html), what, "{html}");
        }
    }

    #[test]
    fn markup_is_judged_as_the_browser_builds_it() {
        // Raw text inside HTML inside SVG: a tokenizer sees an attribute, a browser a redirect.
        let xmp = "<svg><title><xmp><p title=\"</xmp><meta http-equiv=refresh content=0;url=http://e.test/>\"></p></xmp></title></svg>";
        assert_eq!(refused(xmp), "a `<meta http-equiv>` element");
        // A misspelt raw-text element is markup to a browser.
        assert_eq!(
            refused("<noframe><meta http-equiv=\"refresh\" content=\"0\"></noframe>"),
            "a `<meta http-equiv>` element"
        );
        // `<title>` inside SVG is markup.
        assert_eq!(
            refused("<svg><title><img onerror=alert(1)></title></svg>"),
            "an event handler `onerror` on `<img>`"
        );
        // A stray end tag inside an SVG style is dropped by the browser, joining the CSS again.
        assert_eq!(
            refused("<svg><style>rect{fill:ur</x>l(http://e.test/p)}</style></svg>"),
            "a style that loads `http://e.test/p`"
        );
        // A comment start inside a style is text, and the style then ends.
        assert_eq!(
            refused("<style>a{}<!--</style><img onerror=alert(1)>--></style>"),
            "an event handler `onerror` on `<img>`"
        );
        assert_eq!(
            refused("<svg><style><g></g>svg{fill:red}</style></svg>"),
            "a `<g>` element inside a `<style>` element"
        );
        assert_eq!(
            refused("<svg><style>svg{background:&#117;rl(https://e.test/p)}</style></svg>"),
            "a style that loads `https://e.test/p`"
        );
    }

    #[test]
    fn the_policy_goes_first_in_the_head_the_browser_builds() {
        let start = format!(
            "<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        );
        let html = enforce("<!DOCTYPE html><html><head><title>t</title></head><body></body></html>").unwrap();
        assert!(html.starts_with(&format!("<!DOCTYPE html><html>{start}<title>")), "{html}");
        // Whatever the template writes before, around or instead of its head.
        for template in [
            "<html><body>no head</body></html>",
            "<!DOCTYPE html>\n\u{a0}<html><head><title>t</title></head></html>",
            "<html><head title=\"a>b\"><title>t</title></head></html>",
            "<p>text first</p>",
        ] {
            let html = enforce(template).unwrap();
            let head = html.find("<head").unwrap();
            let body = html.find("<body").unwrap();
            let policy = html
                .find(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"))
                .unwrap();
            assert!(head < policy && policy < body, "{template}: {html}");
            assert_eq!(html.matches("http-equiv").count(), 1);
        }
    }
}
