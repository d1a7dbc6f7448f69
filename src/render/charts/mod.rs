//! Charts as inline SVG, drawn with plotters' SVG backend.
//!
//! plotters is built without font loading (a fresh machine has no fonts): it
//! estimates text extents itself and leaves the rendering of text to the
//! browser. Every chart gets a `<title>` and `<desc>` for screen readers and
//! scales to its container. One colour-blind-safe palette (Okabe & Ito) serves
//! the whole report.

mod acquisition;
mod axes;
mod bridge;
mod customer_data;
mod gantt;
mod histogram;
mod initiatives;
mod jobs;
mod loyalty_path;
mod pareto;
mod payback;
mod quadrant;
mod resources;
mod scenarios;
mod tornado;
mod validation;
mod winloss_trend;

pub use acquisition::acquisition;
pub use bridge::bridge;
pub use customer_data::{cohorts, p_alive, tenure};
pub use gantt::gantt;
pub use histogram::npv_histogram;
pub use initiatives::value_against_cost;
pub use jobs::opportunity_landscape;
pub use loyalty_path::funnel as loyalty_funnel;
pub use pareto::loss_pareto;
pub use payback::payback;
pub use quadrant::{importance_performance, importance_performance_by_market};
pub use resources::resource_share;
pub use scenarios::clv_scenarios;
pub use tornado::tornado;
pub use validation::{by_frequency as validation_by_frequency, tracking as validation_tracking};
pub use winloss_trend::winloss_trend;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
// The Okabe–Ito colours, told apart by readers with any colour vision; orange and sky blue
// darkened so that every mark stands out from the white page at 3:1 or more (WCAG 1.4.11).
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const ORANGE: RGBColor = RGBColor(185, 119, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const SKY: RGBColor = RGBColor(47, 143, 207);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub const GREY: RGBColor = RGBColor(120, 120, 120);
/// Vermillion and grey for text: 4.5:1 or more on white and on the charts' light shading
/// (WCAG 1.4.3), where the mark colours above reach only 3:1.
pub const VERMILLION_TEXT: RGBColor = RGBColor(160, 64, 0);
pub const GREY_TEXT: RGBColor = RGBColor(95, 95, 95);
/// The size of chart text as plotters takes it (it writes 1/1.24 of it into the SVG): a
/// 900-unit-wide chart prints 184 mm wide on A4, so text of 19 prints at 8.9 pt, and at 8 pt
/// or more on a chart shrunk to the print height limit (templates/style.css; a test keeps
/// every chart's text at 8 pt or more when printed).
pub const TEXT: u32 = 19;
/// The height of a line of chart text, in SVG units.
pub const LINE: i32 = 21;
/// The size of a chart's title.
pub const TITLE: u32 = 24;

/// `units` of a layout first drawn for text of 13, grown with the text: label areas and
/// offsets keep their proportion to the letters.
pub fn grown(units: u32) -> u32 {
    units * TEXT / 13
}

/// The size of a chart's title: [`TITLE`], or smaller for a long title (a Danish one can run
/// to 100 characters) so that it fits a 900-unit chart whole, never below [`TEXT`].
pub fn title_size(title: &str) -> u32 {
    let chars = u32::try_from(title.chars().count()).unwrap_or(u32::MAX).max(1);
    // A character is about 0.55 of the size wide, and plotters writes 1/1.24 of the size.
    (860 * 124 / (55 * chars)).clamp(TEXT, TITLE)
}

/// About how many characters of chart text fit in `width` SVG units (a character is about
/// 0.55 of the text's size wide).
pub fn chars_in(width: u32) -> usize {
    usize::try_from(width * 124 / (55 * TEXT)).unwrap_or(8)
}
pub const INK: RGBColor = RGBColor(34, 34, 34);
pub const LIGHT: RGBColor = RGBColor(232, 232, 232);

/// The type plotters drawing functions work on.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
pub type DrawResult = Result<(), Box<dyn std::error::Error + 'static>>;

/// A drawn chart and what it shows, in words.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// Every value the chart shows, for screen readers (the SVG's `<desc>`).
    pub desc: String,
    /// What the chart shows and the one thing to take from it, printed under it. The values
    /// belong in the tables and the appendix, not here.
    pub caption: String,
    /// Inline SVG markup.
    pub svg: String,
}

/// Text in the report's font at `size` pixels.
pub fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// Text anchored at its centre.
pub fn centred(size: u32) -> TextStyle<'static> {
    font(size).pos(Pos::new(HPos::Center, VPos::Center))
}

/// Draws a chart of `width × height` user units and wraps it for the report.
pub fn render(
    id: &str,
    title: &str,
    desc: &str,
    caption: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Area) -> DrawResult,
) -> Chart {
    let mut svg = String::new();
    let drawn = {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        area.fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&area))
            .and_then(|()| area.present().map_err(Into::into))
    };
    if let Err(e) = drawn {
        // Drawing only fails on an internal inconsistency; show it rather than abort the report.
        svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 40\"><text x=\"4\" y=\"24\">chart unavailable: {}</text></svg>",
            escape(&e.to_string())
        );
    }
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        desc: desc.to_owned(),
        caption: caption.to_owned(),
        svg: accessible(&svg, id, title, desc, size),
    }
}

/// Adds `role`, `<title>` and `<desc>`, and lets the chart scale to its container.
fn accessible(svg: &str, id: &str, title: &str, desc: &str, (w, h): (u32, u32)) -> String {
    let Some(open_end) = svg.find('>') else { return svg.to_owned() };
    // A chart taller than two thirds of its width may take a whole printed page, so that its
    // text is not shrunk below 8 pt with it.
    let class = if 3 * h > 2 * w { "chart tall" } else { "chart" };
    let body = &svg[open_end + 1..];
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}",
        escape(title),
        escape(desc)
    )
}

/// Escapes text for SVG/HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Shortens a label to `max` characters with an ellipsis, so labels never run into each other.
pub fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// `label` broken into at most `max_lines` lines of at most `width` characters, so that a
/// long name is read whole rather than cut: at spaces, after a hyphen or dash ("OEM-" /
/// "maskinproducenter"), and inside a word longer than a line, with a hyphen
/// ("forsyningsselska-" / "ber"), as a Danish or Norwegian compound needs. Only text beyond
/// the last line is cut, with `…`.
pub fn wrap(label: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    // A piece joins the line before it with a space, or without one after a hyphen.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in label.split_whitespace() {
        let mut spaced = true;
        for part in word.split_inclusive(['-', '–']) {
            let chars: Vec<char> = part.chars().collect();
            if chars.len() <= width {
                pieces.push((part.to_owned(), spaced));
            } else {
                let chunks: Vec<&[char]> = chars.chunks(width - 1).collect();
                for (i, chunk) in chunks.iter().enumerate() {
                    let hyphen = if i + 1 < chunks.len() { "-" } else { "" };
                    pieces.push((format!("{}{hyphen}", chunk.iter().collect::<String>()), spaced && i == 0));
                }
            }
            spaced = false;
        }
    }
    for (piece, spaced) in pieces {
        let joined = lines
            .last()
            .map_or(usize::MAX, |l| l.chars().count() + usize::from(spaced) + piece.chars().count());
        match lines.last_mut() {
            Some(line) if joined <= width => {
                if spaced {
                    line.push(' ');
                }
                line.push_str(&piece);
            }
            _ => lines.push(piece),
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", kept.trim_end_matches([' ', '-']));
        }
    }
    lines
}

/// Draws `lines` one below the other, `line_height` apart, the block's middle at `y`.
pub fn draw_lines(
    area: &Area,
    lines: &[String],
    (x, y): (i32, i32),
    style: &TextStyle,
    line_height: i32,
) -> DrawResult {
    let count = i32::try_from(lines.len()).unwrap_or(1);
    let top = y - line_height * (count - 1) / 2;
    for (i, line) in lines.iter().enumerate() {
        let offset = line_height * i32::try_from(i).unwrap_or(0);
        area.draw(&Text::new(line.clone(), (x, top + offset), style.clone()))?;
    }
    Ok(())
}

/// `(lo, hi)` widened by 5 % each side (and never empty), for an axis.
pub fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let span = (hi - lo).abs().max(hi.abs() * 0.1).max(1e-9);
    (lo - span * 0.05, hi + span * 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_label_wraps_at_spaces_and_is_cut_only_past_its_last_line() {
        assert_eq!(wrap("Facility management companies", 18, 3), ["Facility", "management", "companies"]);
        assert_eq!(wrap("No follow-up after first order", 40, 2), ["No follow-up after first order"]);
        assert_eq!(
            wrap("Norwegian installers (via partner wholesalers)", 24, 2),
            ["Norwegian installers", "(via partner…"]
        );
        // A word longer than a line is broken with a hyphen, and cut only past the last line.
        assert_eq!(wrap("Supercalifragilistic", 8, 2), ["Superca-", "lifragi…"]);
        assert!(wrap("", 10, 2).is_empty());
    }

    #[test]
    fn a_compound_breaks_after_its_hyphen_or_inside_the_word() {
        assert_eq!(wrap("OEM-maskinproducenter", 17, 3), ["OEM-", "maskinproducenter"]);
        assert_eq!(
            wrap("Kommunale og offentlige forsyningsselskaber", 17, 4),
            ["Kommunale og", "offentlige", "forsyningsselska-", "ber"]
        );
        assert_eq!(
            wrap("Kommunale og offentlige forsyningsselskaber", 17, 3),
            ["Kommunale og", "offentlige", "forsyningsselska…"]
        );
        assert_eq!(
            wrap("Facility management-virksomheder", 17, 3),
            ["Facility", "management-", "virksomheder"]
        );
    }

    #[test]
    fn a_long_title_is_set_smaller_to_fit_and_a_short_one_at_full_size() {
        assert_eq!(title_size("Programme timeline"), TITLE);
        let danish = "Hvad påvirker nettonutidsværdien mest: hver løftestang fra lav til høj, de øvrige på forventet niveau";
        let size = title_size(danish);
        assert!((TEXT..TITLE).contains(&size), "{size}");
        // At that size the title is narrower than the chart.
        assert!(danish.chars().count() * 55 * size as usize / 124 <= 860);
    }
}
