//! CSS from a project file, and what in it would load something or run script.
//!
//! Style sheets, `style` attributes, SVG `<style>` elements and SVG presentation attributes
//! (`fill="url(…)"`) can fetch from anywhere. A report is one self-contained file that loads
//! nothing, so the only references allowed are to an element of the same document
//! (`url(#gradient)`) and to a `data:` image. CSS escapes (`u\72l(`) would let a reference
//! hide from a plain search, so escapes are decoded first, as a browser decodes them. Used
//! on template overrides, on the logo and on the rendered report, one rule for all.

/// `data:` image types a report may embed, as they start a URI.
pub const DATA_IMAGES: &[&str] =
    &["data:image/png;", "data:image/jpeg;", "data:image/svg+xml;", "data:image/gif;"];

/// Constructs refused wherever CSS appears, lower case.
const FORBIDDEN: &[&str] = &[
    "@import",
    "@font-face",
    "image-set(",
    "src(",
    "attr(",
    "expression(",
    "javascript:",
    "-moz-binding",
    "behavior:",
];

/// What in `css` loads something or runs script, described; `None` when it is inert.
pub fn forbidden(css: &str) -> Option<String> {
    let css = decode_escapes(css);
    let lower = css.to_ascii_lowercase();
    if let Some(construct) = FORBIDDEN.iter().find(|f| lower.contains(*f)) {
        return Some(format!("holds `{construct}`"));
    }
    external_reference(&css).map(|reference| format!("loads `{reference}`"))
}

/// The first `url(…)` in `text`, escapes decoded, to anything but `#id` or a `data:` image;
/// for attributes that are not CSS as a whole but may hold a `url(…)` (SVG's `fill`).
pub fn external_reference_in(text: &str) -> Option<String> {
    external_reference(&decode_escapes(text))
}

/// `css` with its escapes decoded as CSS Syntax §4.3.7 has it: `\` and one to six hex
/// digits (and one optional white space) is that code point, `\` and any other character
/// is that character, and a `\` that ends a line continues it.
fn decode_escapes(css: &str) -> std::borrow::Cow<'_, str> {
    if !css.contains('\\') {
        return std::borrow::Cow::Borrowed(css);
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            hex.extend(chars.next());
        }
        if hex.is_empty() {
            match chars.next() {
                Some('\n') | None => {}
                Some(other) => out.push(other),
            }
            continue;
        }
        if chars.peek().is_some_and(char::is_ascii_whitespace) {
            chars.next();
        }
        let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
        out.push(if code == '\0' { '\u{fffd}' } else { code });
    }
    std::borrow::Cow::Owned(out)
}

/// The first `url(…)` in `text` to anything but `#id` or a `data:` image; at most 60
/// characters of it, to name in a message.
pub fn external_reference(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("url(").map(|i| from + i + 4) {
        let target = lower[at..].trim_start().trim_start_matches(['"', '\'']);
        if !(target.starts_with('#') || DATA_IMAGES.iter().any(|d| target.starts_with(d))) {
            return Some(text[at..].trim_start().chars().take_while(|&c| c != ')').take(60).collect());
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{external_reference, forbidden};

    #[test]
    fn only_references_inside_the_report_pass() {
        assert_eq!(
            external_reference("a { fill: url(#g); background: URL( 'data:image/png;base64,AA') }"),
            None
        );
        assert_eq!(
            external_reference("a { background: url( 'https://e.test/p') }").as_deref(),
            Some("'https://e.test/p'")
        );
        assert_eq!(external_reference("a { background: url(//e.test/p) }").as_deref(), Some("//e.test/p"));
        assert_eq!(
            external_reference("a { background: url(data:text/html,x) }").as_deref(),
            Some("data:text/html,x")
        );
    }

    #[test]
    fn loads_hidden_by_escapes_or_other_functions_are_refused() {
        for (css, what) in [
            ("@IMPORT 'x.css';", "holds `@import`"),
            ("a { background: u\\72l(https://e.test/p) }", "loads `https://e.test/p`"),
            ("a { background: U\\52 L(https://e.test/p) }", "loads `https://e.test/p`"),
            ("a { background: \\75\\72\\6c(https://e.test/p) }", "loads `https://e.test/p`"),
            ("@font-f\\61 ce { src: x }", "holds `@font-face`"),
            ("a { background: image-set(\"https://e.test/p\" 1x) }", "holds `image-set(`"),
            ("a { background: -webkit-image-set(\"https://e.test/p\" 1x) }", "holds `image-set(`"),
            ("@font-face { font-family: x; src: local(x) }", "holds `@font-face`"),
            ("a { background-image: src(\"https://e.test/p\") }", "holds `src(`"),
            ("a { background-image: attr(data-u url) }", "holds `attr(`"),
            ("a { width: expression(alert(1)) }", "holds `expression(`"),
            ("a { background: url(https://e.test/p) }", "loads `https://e.test/p`"),
        ] {
            assert_eq!(forbidden(css).as_deref(), Some(what), "{css}");
        }
        assert_eq!(forbidden(":root { --brand: #1f4e79; } a > b { fill: url(#g) }"), None);
        // An escaped text, as the report's footer writes the client's name, is no load.
        assert_eq!(forbidden("@page { @bottom-left { content: \"Nordkyst Teknik A\\2f S\" } }"), None);
    }
}
