//! A chart as a PNG for a slide, drawn in-process with `resvg` at twice its size.
//!
//! The text is set in DejaVu Sans, embedded in the binary (`fonts/`, with its licence): the
//! machine's own fonts are never asked for, so a machine with no fonts installed draws the
//! same letters, and the same chart gives the same bytes with the same binary.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::Error;

/// The embedded font, DejaVu Sans 2.37.
const FONT: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
/// Its family name, which every generic family (`sans-serif`, …) maps to.
const FAMILY: &str = "DejaVu Sans";
/// Slides want sharper pictures than the screen: two pixels per SVG unit.
const SCALE: f32 = 2.0;
/// At most this many pixels a picture (16 MB of pixmap): a chart of very many rows is drawn
/// at a smaller scale instead of taking the memory budget of docs/security.md.
const MAX_PIXELS: f32 = 4_000_000.0;

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
    #[allow(clippy::cast_precision_loss)] // chart sizes far below 2^24
    let area = (size.width() as f32) * (size.height() as f32);
    let scale = SCALE.min((MAX_PIXELS / area.max(1.0)).sqrt());
    let mut pixmap = size
        .scale_by(scale)
        .and_then(|s| tiny_skia::Pixmap::new(s.width(), s.height()))
        .ok_or_else(|| fail(format!("it has no area ({} × {})", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
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
    fn a_very_tall_chart_is_drawn_smaller_within_the_pixel_budget() {
        let tall = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"60000\" \
            viewBox=\"0 0 900 60000\"><rect width=\"900\" height=\"60000\" fill=\"#fff\"/></svg>";
        let image = pixels(&render(tall.as_bytes()).unwrap());
        let drawn = f64::from(image.width()) * f64::from(image.height());
        assert!(drawn <= f64::from(MAX_PIXELS) * 1.01, "{} × {}", image.width(), image.height());
        assert!(image.height() > image.width(), "the proportions are kept");
    }

    /// A chart cannot make the drawing read a file or a font of the machine: an image
    /// pointing at a file and a font family the machine has draw as if they were not there.
    #[test]
    fn nothing_outside_the_chart_is_loaded() {
        let dir = std::env::temp_dir().join(format!("uplift-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let picture = dir.join("p.png");
        std::fs::write(&picture, render(SVG.as_bytes()).unwrap()).unwrap();
        let serif = SVG.replace("font-family=\"sans-serif\"", "font-family=\"DejaVu Serif\"");
        let image = format!("<image href=\"{}\" width=\"120\" height=\"40\"/><text", picture.display());
        let with_outside = serif.replace("<text", &image);
        let plain = serif;
        assert_eq!(render(with_outside.as_bytes()).unwrap(), render(plain.as_bytes()).unwrap());
        assert_eq!(render(plain.as_bytes()).unwrap(), render(SVG.as_bytes()).unwrap(), "no machine font");
        std::fs::remove_dir_all(dir).unwrap();
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
