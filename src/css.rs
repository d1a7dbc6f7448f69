//! CSS from a project file, and what in it would load something.
//!
//! Style sheets, `style` attributes and SVG `<style>` elements can fetch from anywhere with
//! `@import` and `url(…)`. A report is one self-contained file that loads nothing, so the
//! only references allowed are to an element of the same document (`url(#gradient)`) and
//! to a `data:` image. Used on template overrides, on the logo and on the rendered report.

/// `data:` image types a report may embed, as they start a URI.
pub const DATA_IMAGES: &[&str] =
    &["data:image/png;", "data:image/jpeg;", "data:image/svg+xml;", "data:image/gif;"];

/// The first `@import`, or `url(…)` to anything but `#id` or a `data:` image, in `css`;
/// at most 60 characters of it, to name in a message.
pub fn external_reference(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if let Some(at) = lower.find("@import") {
        return Some(css[at..].chars().take(60).collect());
    }
    let mut from = 0;
    while let Some(at) = lower[from..].find("url(").map(|i| from + i + 4) {
        let target = lower[at..].trim_start().trim_start_matches(['"', '\'']);
        if !(target.starts_with('#') || DATA_IMAGES.iter().any(|d| target.starts_with(d))) {
            return Some(css[at..].trim_start().chars().take_while(|&c| c != ')').take(60).collect());
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::external_reference;

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
        assert_eq!(external_reference("@IMPORT 'x.css';").as_deref(), Some("@IMPORT 'x.css';"));
    }
}
