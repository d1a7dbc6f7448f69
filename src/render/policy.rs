//! What a report may hold, checked on the rendered HTML, whatever produced it.
//!
//! A project may override the report's templates, so the templates cannot be trusted to
//! keep the report inert. The policy is therefore enforced on the output: the report is
//! tokenised as a browser tokenises it (WHATWG, with `html5gum`) and refused if it holds
//! anything that runs, loads or navigates — `<script>`, an event-handler attribute, a
//! `javascript:` or external URL, `<meta http-equiv>`, `<base>`, `<iframe>`, `<object>`,
//! `<embed>`, a form, a linked resource, CSS that loads something. Only then does the
//! renderer put the character set and its own Content-Security-Policy first in `<head>`, as
//! a second wall.
//!
//! A tokenizer without a tree builder can disagree with a browser about where raw text
//! (`<style>`, `<title>`, …) begins and ends — inside `<svg>`, after a misspelt element,
//! around a comment. So the report is tokenised twice: once switching to raw text where an
//! HTML parser would, once never, so that markup is checked whichever way a browser reads
//! it; and it may hold no comment and no parse error, where readings diverge most.

use html5gum::{Token, Tokenizer};

/// The report's Content-Security-Policy: no script and no load from anywhere but the
/// report itself (`data:` images, inline styles).
pub const CSP: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Elements that run code, embed other documents, submit, redirect or link resources.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link", "portal",
    "noembed", "noscript", "noframes", "handler", "listener",
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

/// The head's first lines, written by the renderer whatever the template says: the first
/// character set declared is the one a browser uses, and the policy applies from here on.
fn head_start() -> String {
    format!("\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")
}

/// Checks `html`, then inserts the character set and the Content-Security-Policy right
/// after `<head>`.
pub fn enforce(html: &str) -> Result<String, Violation> {
    check(html)?;
    let head = head_end(html).ok_or(Violation {
        what: "the report must begin with `<!DOCTYPE html>`, `<html …>` and `<head>`".into(),
        line: 1,
    })?;
    let start = head_start();
    let mut out = String::with_capacity(html.len() + start.len());
    out.push_str(&html[..head]);
    out.push_str(&start);
    out.push_str(&html[head..]);
    Ok(out)
}

/// The first thing in `html` that could run, load or navigate, or that a browser could
/// read differently from this check.
pub fn check(html: &str) -> Result<(), Violation> {
    scan(html, true)?;
    scan(html, false)
}

/// One pass over the tokens of `html`; with `raw_text`, switching to raw text inside
/// `<style>`, `<title>`, `<textarea>`… as an HTML parser does outside SVG and `MathML`.
fn scan(html: &str, raw_text: bool) -> Result<(), Violation> {
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(raw_text);
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
                // A style is CSS to its end: markup inside it is read differently by every
                // parser, and would hide the CSS after it from this check.
                if in_style {
                    return Err(at(format!("a `<{name}>` element inside a `<style>` element")));
                }
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
            Token::EndTag(tag) => in_style &= !tag.name.eq_ignore_ascii_case(b"style"),
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                if in_style && let Some(what) = crate::css::forbidden(&text) {
                    return Err(at(format!("a style that {what}")));
                }
                line += text.matches('\n').count();
            }
            Token::Comment(_) => return Err(at("an HTML comment (a template comment is `{# … #}`)".into())),
            Token::Error(error) => return Err(at(format!("malformed HTML ({error})"))),
            Token::Doctype(_) => {}
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
    let utf8 = |v: &html5gum::HtmlString| String::from_utf8_lossy(v).trim().eq_ignore_ascii_case("utf-8");
    if name == "meta" && attributes.iter().any(|(k, v)| k.eq_ignore_ascii_case(b"charset") && !utf8(v)) {
        return Some("a `<meta charset>` other than utf-8".into());
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
        // A link goes within the report; only an image source may be a `data:` image (a
        // link to one could be saved and opened as a page, with its script).
        let allowed = lower.is_empty()
            || lower.starts_with('#')
            || (key == "src" && crate::css::DATA_IMAGES.iter().any(|d| lower.starts_with(d)));
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

/// The byte offset just after the `<head>` tag, which must come first — after nothing
/// but a doctype and an `<html …>` tag whose attributes hold no `<`, `>` or quote trickery —
/// and be written exactly `<head>`, so that no comment or attribute value can carry the
/// renderer's additions out of the head.
fn head_end(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    // Only ASCII white space: other space (a no-break space) is text to a browser, which
    // then opens the head and the body by itself, before the template's `<head>`.
    let skip = |s: &str| s.trim_start_matches(|c: char| c.is_ascii_whitespace()).to_owned();
    let mut rest = skip(lower.strip_prefix('\u{feff}').unwrap_or(&lower));
    if let Some(after) = rest.strip_prefix("<!doctype html>") {
        rest = skip(after);
    }
    if let Some(after) = rest.strip_prefix("<html").filter(|a| a.starts_with(['>', ' ', '\n', '\t'])) {
        let close = after.find('>')?;
        let attributes = &after[..close];
        if attributes.contains(['<', '\'']) || attributes.matches('"').count() % 2 == 1 {
            return None;
        }
        rest = skip(&after[close + 1..]);
    }
    let after = rest.strip_prefix("<head>")?;
    Some(html.len() - after.len())
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
                "a style that holds `@import`",
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
    fn where_a_browser_could_read_the_report_differently_it_is_refused() {
        let refresh = "a `<meta http-equiv>` element";
        let handler = "an event handler `onerror` on `<img>`";
        let cases = [
            // A misspelt raw-text element: raw text to a naive tokenizer, markup to a browser.
            ("<head></head><noframe><meta http-equiv=\"refresh\" content=\"0\"></noframe>", refresh),
            // `<title>` and `<style>` inside SVG are markup to a browser.
            ("<head></head><svg><title><img src=x onerror=alert(1)></title></svg>", handler),
            (
                "<head></head><svg><style><img src=x onerror=alert(1)></style></svg>",
                "a `<img>` element inside a `<style>` element",
            ),
            // A comment start inside a style is text to a browser, which then ends the style.
            ("<head><style>a{}<!--</style><img src=x onerror=alert(1)>--></style></head>", handler),
            ("<head></head><!-- x -->", "an HTML comment (a template comment is `{# … #}`)"),
            ("<head></head><plaintext><img src=x onerror=alert(1)>", handler),
            ("<head><meta charset=\"iso-2022-jp\"></head>", "a `<meta charset>` other than utf-8"),
            (
                "<head></head><svg><rect fill=\"url(https://e.test/p)\"/></svg>",
                "a load `https://e.test/p` in `fill` on `<rect>`",
            ),
            (
                "<head></head><p style=\"background:u\\72l(https://e.test/p)\">",
                "a `style` attribute on `<p>` that loads `https://e.test/p`",
            ),
            (
                "<head></head><svg><rect mask=\"u\\72l(https://e.test/p)\"/></svg>",
                "a load `https://e.test/p` in `mask` on `<rect>`",
            ),
            // CSS after markup inside a style, and a reference decoded only outside raw text.
            (
                "<head></head><svg><style><g></g>svg{background:&#117;rl(https://e.test/p)}</style></svg>",
                "a `<g>` element inside a `<style>` element",
            ),
            (
                "<head></head><svg><style>svg{background:&#117;rl(https://e.test/p)}</style></svg>",
                "a style that loads `https://e.test/p`",
            ),
            ("<head></head><noscript><p>x</p></noscript>", "a `<noscript>` element"),
            (
                "<head></head><a href=\"data:image/svg+xml;base64,AA\">x</a>",
                "a link or load `data:image/svg+xml;base64,AA` in `href` on `<a>`",
            ),
        ];
        for (html, what) in cases {
            assert_eq!(refused(html), what, "{html}");
        }
        assert!(refused("<head></head><p a=1 a=2>x</p>").starts_with("malformed HTML"));
    }

    #[test]
    fn a_script_hidden_after_a_closed_style_is_found() {
        // What `</style>` in a style override would produce.
        let html = "<head><style>a{}</style><meta http-equiv=\"refresh\" content=\"0\"></style></head>";
        assert_eq!(refused(html), "a `<meta http-equiv>` element");
    }

    #[test]
    fn the_policy_goes_first_in_head() {
        let html = enforce("<!DOCTYPE html><html><head><title>t</title></head><body></body></html>").unwrap();
        assert!(html.starts_with(&format!(
            "<!DOCTYPE html><html><head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><title>"
        )));
        let no_head = "the report must begin with `<!DOCTYPE html>`, `<html …>` and `<head>`";
        assert_eq!(enforce("<html><body></body></html>").unwrap_err().what, no_head);
        // `<header>` is not `<head>`.
        assert_eq!(enforce("<html><header></header>").unwrap_err().what, no_head);
        // An attribute value cannot carry the additions out of the head.
        assert_eq!(enforce("<html><head title=\"a>b\"></head>").unwrap_err().what, no_head);
        assert_eq!(enforce("<html title=\"<head>\"><head></head>").unwrap_err().what, no_head);
        // Only ASCII white space before the head: a no-break space opens the body.
        assert_eq!(enforce("<!DOCTYPE html>\n\u{a0}<html><head></head>").unwrap_err().what, no_head);
        assert_eq!(enforce("\u{feff}\u{feff}<html><head></head>").unwrap_err().what, no_head);
        assert!(enforce("<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<title>t</title></head>").is_ok());
    }
}
