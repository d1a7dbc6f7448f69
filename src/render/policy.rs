//! What a report may hold, checked on the rendered HTML, whatever produced it.
//!
//! A project may override the report's templates, so the templates cannot be trusted to
//! keep the report inert. The policy is therefore enforced on the output: the report is
//! tokenised as a browser tokenises it (WHATWG, with `html5gum`) and refused if it holds
//! anything that runs, loads or navigates — `<script>`, an event-handler attribute, a
//! `javascript:` or external URL, `<meta http-equiv>`, `<base>`, `<iframe>`, `<object>`,
//! `<embed>`, a form, a linked resource, CSS that loads something. Only then does the
//! renderer put its own Content-Security-Policy first in `<head>`, as a second wall.

use html5gum::{Token, Tokenizer};

/// The report's Content-Security-Policy: no script and no load from anywhere but the
/// report itself (`data:` images, inline styles).
pub const CSP: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Elements that run code, embed other documents, submit, redirect or link resources.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link", "portal",
    "noembed", "handler", "listener",
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
];

/// Why a rendered report was refused: what was found, and roughly where.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation {
    pub what: String,
    /// 1-based line of the rendered report.
    pub line: usize,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (line {} of the rendered report)", self.what, self.line)
    }
}

/// Checks `html`, then inserts the Content-Security-Policy right after `<head>`.
pub fn enforce(html: &str) -> Result<String, Violation> {
    check(html)?;
    let head = head_end(html).ok_or(Violation {
        what: "the report must begin with `<!DOCTYPE html>`, `<html>` and `<head>`".into(),
        line: 1,
    })?;
    let meta = format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let mut out = String::with_capacity(html.len() + meta.len());
    out.push_str(&html[..head]);
    out.push_str(&meta);
    out.push_str(&html[head..]);
    Ok(out)
}

/// The first thing in `html` that could run, load or navigate.
pub fn check(html: &str) -> Result<(), Violation> {
    // Switch to raw text inside <style>, <textarea>, <title>… as a browser's tree builder would.
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(html, emitter);
    let mut in_style = false;
    let mut line = 1usize;
    for token in tokenizer {
        let Ok(token) = token;
        let here = line;
        let at = move |what: String| Violation { what, line: here };
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(what) = forbidden_element(&name, &tag.attributes) {
                    return Err(at(what));
                }
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(value);
                    if let Some(what) = forbidden_attribute(&name, &key, &value) {
                        return Err(at(what));
                    }
                }
                in_style = name == "style";
            }
            Token::EndTag(_) => in_style = false,
            Token::String(text) => {
                if in_style && let Some(what) = forbidden_css(&String::from_utf8_lossy(&text)) {
                    return Err(at(format!("a style that {what}")));
                }
                line += memchr::memchr_iter(b'\n', &text).count();
            }
            Token::Comment(text) => line += memchr::memchr_iter(b'\n', &text).count(),
            _ => {}
        }
    }
    Ok(())
}

fn forbidden_element(
    name: &str,
    attributes: &std::collections::BTreeMap<html5gum::HtmlString, html5gum::HtmlString>,
) -> Option<String> {
    if FORBIDDEN_ELEMENTS.contains(&name) {
        return Some(format!("a `<{name}>` element"));
    }
    let has = |key: &str| attributes.keys().any(|k| k.eq_ignore_ascii_case(key.as_bytes()));
    if name == "meta" && has("http-equiv") {
        return Some("a `<meta http-equiv>` element".into());
    }
    // SVG animation can set an `href` to a script URL after every check has run.
    let animates_link = attributes.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case(b"attributename")
            && String::from_utf8_lossy(v).to_ascii_lowercase().contains("href")
    });
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
        // Browsers ignore ASCII whitespace and control characters around and inside a scheme.
        let url: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
        let lower = url.to_ascii_lowercase();
        let allowed = lower.is_empty()
            || lower.starts_with('#')
            || (matches!(key, "src" | "href" | "xlink:href")
                && crate::css::DATA_IMAGES.iter().any(|d| lower.starts_with(d)));
        if !allowed {
            let shown: String = value.chars().take(80).collect();
            return Some(format!("a link or load `{shown}` in `{key}` on `<{element}>`"));
        }
    }
    if key == "style" {
        return forbidden_css(value).map(|what| format!("a `style` attribute on `<{element}>` that {what}"));
    }
    None
}

/// What in a piece of CSS loads something or runs script.
fn forbidden_css(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if let Some(reference) = crate::css::external_reference(css) {
        return Some(format!("loads `{reference}`"));
    }
    ["expression(", "javascript:", "-moz-binding", "behavior:"]
        .iter()
        .find(|p| lower.contains(*p))
        .map(|p| format!("holds `{p}`"))
}

/// The byte offset just after the `<head …>` start tag, which must come first: after
/// nothing but a doctype and an `<html …>` tag, so that no comment or other markup can
/// hide it and the policy surely lands in the document's head.
fn head_end(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.trim_start_matches('\u{feff}').trim_start();
    if let Some(after) = rest.strip_prefix("<!doctype html>") {
        rest = after.trim_start();
    }
    if let Some(after) = rest.strip_prefix("<html").filter(|a| a.starts_with(['>', ' ', '\n', '\t'])) {
        let end = after.find(['<', '>'])?;
        if after.as_bytes()[end] != b'>' {
            return None;
        }
        rest = after[end + 1..].trim_start();
    }
    let after = rest.strip_prefix("<head")?;
    let end = after.find(['<', '>'])?;
    if after.as_bytes()[end] != b'>' || !(end == 0 || after.starts_with([' ', '\n', '\t'])) {
        return None;
    }
    Some(html.len() - after.len() + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(html: &str) -> String {
        check(html).expect_err(html).what
    }

    #[test]
    fn the_built_in_kinds_of_content_pass() {
        let html = r##"<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>:root { --brand: #123456; } .a { background: url(#g); } .b { background: url("data:image/png;base64,AA"); }</style></head>
<body><a href="#summary">x</a><img src="data:image/svg+xml;base64,AA" alt="">
<svg><defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: #fff"/><use href="#g"/></svg>
<p>&lt;script&gt;alert(1)&lt;/script&gt; onload=x javascript:</p></body></html>"##;
        assert_eq!(check(html), Ok(()));
    }

    #[test]
    fn what_runs_loads_or_navigates_is_refused() {
        let cases = [
            ("<head></head><script>alert(1)</script>", "a `<script>` element"),
            ("<head></head><SCRIPT src=x></SCRIPT>", "a `<script>` element"),
            ("<head></head><img src=x onerror=alert(1)>", "an event handler `onerror` on `<img>`"),
            ("<head></head><svg><rect onclick='x()'/></svg>", "an event handler `onclick` on `<rect>`"),
            (
                "<head></head><a href=\"javascript:alert(1)\">x</a>",
                "a link or load `javascript:alert(1)` in `href` on `<a>`",
            ),
            (
                "<head></head><a href=\" java\tscript:alert(1)\">x</a>",
                "a link or load ` java\tscript:alert(1)` in `href` on `<a>`",
            ),
            (
                "<head></head><img src=\"https://evil.test/pixel.png\">",
                "a link or load `https://evil.test/pixel.png` in `src` on `<img>`",
            ),
            (
                "<head></head><img src=\"//evil.test/p\">",
                "a link or load `//evil.test/p` in `src` on `<img>`",
            ),
            (
                "<head><meta http-equiv=\"refresh\" content=\"0;url=https://evil.test\"></head>",
                "a `<meta http-equiv>` element",
            ),
            ("<head><base href=\"https://evil.test/\"></head>", "a `<base>` element"),
            ("<head></head><iframe src=\"#\"></iframe>", "a `<iframe>` element"),
            ("<head></head><object data=\"x\"></object>", "a `<object>` element"),
            ("<head></head><embed src=\"x\">", "a `<embed>` element"),
            ("<head></head><form><input></form>", "a `<form>` element"),
            (
                "<head></head><button formaction=\"https://e.test\">b</button>",
                "a link or load `https://e.test` in `formaction` on `<button>`",
            ),
            ("<head><link rel=stylesheet href=\"https://e.test/x.css\"></head>", "a `<link>` element"),
            (
                "<head><style>@import url(https://e.test/x.css);</style></head>",
                "a style that loads `@import url(https://e.test/x.css);`",
            ),
            (
                "<head><style>body{background:url( 'https://e.test/p')}</style></head>",
                "a style that loads `'https://e.test/p'`",
            ),
            (
                "<head></head><p style=\"background:url(https://e.test/p)\">",
                "a `style` attribute on `<p>` that loads `https://e.test/p`",
            ),
            (
                "<head></head><a href=\"data:text/html,<script>x</script>\">x</a>",
                "a link or load `data:text/html,<script>x</script>` in `href` on `<a>`",
            ),
            (
                "<head></head><svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
                "a `<set>` element that changes a link",
            ),
            (
                "<head></head><svg><image xlink:href=\"https://e.test/p.png\"/></svg>",
                "a link or load `https://e.test/p.png` in `xlink:href` on `<image>`",
            ),
        ];
        for (html, what) in cases {
            assert_eq!(refused(html), what, "{html}");
        }
    }

    #[test]
    fn a_script_hidden_after_a_closed_style_is_found() {
        // What `</style>` in a style override would produce.
        let html = "<head><style>a{}</style><meta http-equiv=\"refresh\" content=\"0\"></style></head>";
        assert_eq!(refused(html), "a `<meta http-equiv>` element");
    }

    #[test]
    fn the_policy_goes_first_in_head() {
        let html = enforce("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>")
            .unwrap();
        assert!(html.starts_with(&format!(
            "<!DOCTYPE html><html><head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><meta charset"
        )));
        let no_head = "the report must begin with `<!DOCTYPE html>`, `<html>` and `<head>`";
        assert_eq!(enforce("<html><body></body></html>").unwrap_err().what, no_head);
        // `<header>` is not `<head>`, and a `<head>` in a comment is not the head.
        assert_eq!(enforce("<html><header></header>").unwrap_err().what, no_head);
        assert_eq!(enforce("<!-- <head> --><html><head></head>").unwrap_err().what, no_head);
        assert!(enforce("<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<title>").is_ok());
    }
}
