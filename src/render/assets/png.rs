//! A chart as a PNG for a slide, drawn in-process with `resvg` at twice its size.
//!
//! The text is set in DejaVu Sans, embedded in the binary (`fonts/`, with its licence): the
//! machine's own fonts are never asked for, so a machine with no fonts installed draws the
//! same letters, and the same chart gives the same bytes everywhere.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::Error;

/// The embedded font, DejaVu Sans 2.37.
const FONT: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
/// Its family name, which every generic family (`sans-serif`, …) maps to.
const FAMILY: &str = "DejaVu Sans";
/// Slides want sharper pictures than the screen: two pixels per SVG unit.
const SCALE: f32 = 2.0;

/// The fonts every chart is drawn with: the embedded one only.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT.to_vec());
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// `svg`, a standalone chart, as PNG bytes at twice its size. A failure is a fault in the
/// chart's drawing, never the project's, and is reported as one.
pub fn render(svg: &[u8]) -> Result<Vec<u8>, Error> {
    let fail = |what: String| Error::Tool(format!("cannot draw a chart as PNG: {what}"));
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: fonts(),
        // A chart refers to nothing outside itself; should one ever try, nothing is loaded.
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &options).map_err(|e| fail(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = size
        .scale_by(SCALE)
        .and_then(|s| tiny_skia::Pixmap::new(s.width(), s.height()))
        .ok_or_else(|| fail(format!("it has no area ({} × {})", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(SCALE, SCALE), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" \
        viewBox=\"0 0 120 40\"><rect width=\"120\" height=\"40\" fill=\"#fff\"/>\
        <text x=\"4\" y=\"28\" font-family=\"sans-serif\" font-size=\"20\">Kø æ</text></svg>";

    /// The pixels of a PNG, decoded.
    fn pixels(png: &[u8]) -> tiny_skia::Pixmap {
        tiny_skia::Pixmap::decode_png(png).unwrap()
    }

    #[test]
    fn a_chart_is_drawn_at_twice_its_size_with_its_text() {
        let png = render(SVG.as_bytes()).unwrap();
        let image = pixels(&png);
        assert_eq!((image.width(), image.height()), (240, 80));
        // The text is drawn with the embedded font: dark pixels where the letters are, on a
        // machine with no fonts as on any other.
        let dark = image.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 200, "only {dark} dark pixels: the text was not drawn");
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        assert_eq!(render(SVG.as_bytes()).unwrap(), render(SVG.as_bytes()).unwrap());
    }

    #[test]
    fn an_svg_that_does_not_parse_is_an_error_not_a_panic() {
        assert!(matches!(render(b"<svg"), Err(Error::Tool(_))));
    }
}
