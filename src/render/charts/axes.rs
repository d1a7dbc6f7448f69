//! Shared axis set-up: every cartesian chart uses the same fonts, grid and labels.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::{
    Area, DrawResult, LIGHT, LINE, TEXT, centred, chars_in, draw_lines, font, grown, title_size, wrap,
};

/// The width of the row labels left of a rows chart's bars, for text of 13 (see `grown`).
const ROW_LABELS: u32 = 270;

pub type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Axis descriptions and label formatters of a chart.
pub struct Axes<'f> {
    pub x_desc: &'f str,
    pub y_desc: &'f str,
    pub x_fmt: &'f dyn Fn(&f64) -> String,
    pub y_fmt: &'f dyn Fn(&f64) -> String,
    /// Hide the x tick labels (categories are labelled by hand).
    pub x_labels: bool,
    /// At most this many x tick labels.
    pub x_ticks: usize,
    pub y_label_width: u32,
}

/// No tick labels on an axis whose categories or rows are labelled by hand.
#[allow(clippy::trivially_copy_pass_by_ref)] // the shape plotters asks label formatters to have
fn blank(_: &f64) -> String {
    String::new()
}

impl<'f> Axes<'f> {
    /// Both axes numbered (scatter plots, distributions, lines over time).
    pub fn numbered(
        x_desc: &'f str,
        y_desc: &'f str,
        x_fmt: &'f dyn Fn(&f64) -> String,
        y_fmt: &'f dyn Fn(&f64) -> String,
        y_label_width: u32,
    ) -> Self {
        Self { x_desc, y_desc, x_fmt, y_fmt, x_labels: true, x_ticks: 8, y_label_width }
    }

    /// An x axis of whole numbers from 0 to `max`: one tick per number, so no tick repeats a
    /// rounded label (`0 1 1 2 2`).
    #[must_use]
    pub fn whole_x(mut self, max: usize) -> Self {
        self.x_ticks = max + 1;
        self
    }

    /// Categories along x, labelled by hand under the axis; values up the y axis.
    pub fn categories(y_desc: &'f str, y_fmt: &'f dyn Fn(&f64) -> String, y_label_width: u32) -> Self {
        Self { x_desc: "", y_desc, x_fmt: &blank, y_fmt, x_labels: false, x_ticks: 0, y_label_width }
    }

    /// Rows down the y axis, labelled by hand in a margin of `label_width`; values along x.
    pub fn rows(x_desc: &'f str, x_fmt: &'f dyn Fn(&f64) -> String) -> Self {
        Self {
            x_desc,
            y_desc: "",
            x_fmt,
            y_fmt: &blank,
            x_labels: true,
            // The values share the width with the row labels: fewer ticks, none touching.
            x_ticks: 5,
            y_label_width: ROW_LABELS,
        }
    }
}

/// Writes a row's `label` in the margin of [`Axes::rows`], its middle at `(x, y)` (the row's
/// point on the value axis), wrapped to the margin in up to three lines.
pub fn row_label(area: &Area, (x, y): (i32, i32), label: &str) -> DrawResult {
    let left = i32::try_from(grown(ROW_LABELS)).unwrap_or(0) - 8;
    draw_lines(area, &wrap(label, chars_in(grown(ROW_LABELS) - 16), 3), (x - left, y), &font(TEXT), LINE)
}

/// A cartesian chart with a caption, a light grid and labelled axes.
pub fn cartesian<'a, 'b>(
    area: &'a Area<'b>,
    caption: &str,
    x: (f64, f64),
    y: (f64, f64),
    axes: &Axes,
) -> Result<Plot<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, font(title_size(caption)))
        .margin(14)
        .x_label_area_size(grown(if axes.x_labels { 48 } else { 76 }))
        .y_label_area_size(grown(axes.y_label_width))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .x_label_formatter(axes.x_fmt)
        .y_label_formatter(axes.y_fmt)
        .label_style(font(TEXT))
        .axis_desc_style(font(TEXT + 1))
        .light_line_style(WHITE)
        .bold_line_style(LIGHT)
        .x_labels(if axes.x_labels { axes.x_ticks } else { 0 })
        .y_labels(8);
    if !axes.x_labels {
        mesh.disable_x_mesh();
    }
    mesh.draw()?;
    Ok(chart)
}

/// Writes `labels[i]` under category `i` (centred at `x = i + 0.5`), below the x axis,
/// wrapped to the width of a category in up to four lines.
pub fn category_labels(
    area: &Area,
    chart: &Plot,
    labels: &[String],
    y_axis: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let step = chart.backend_coord(&(1.0, y_axis)).0 - chart.backend_coord(&(0.0, y_axis)).0;
    let width = chars_in(u32::try_from(step).unwrap_or(0));
    for (i, label) in labels.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y_axis));
        let lines = wrap(label, width, 4);
        for (k, line) in lines.iter().enumerate() {
            let dy = LINE * (i32::try_from(k).unwrap_or(0) + 1);
            area.draw(&Text::new(line.clone(), (px, py + dy), centred(TEXT)))?;
        }
    }
    Ok(())
}

/// The legend, in the same place and style on every chart.
pub fn legend<'a, 'b: 'a>(
    chart: &mut Plot<'a, 'b>,
    position: SeriesLabelPosition,
) -> Result<(), Box<dyn std::error::Error>> {
    chart
        .configure_series_labels()
        .label_font(font(TEXT))
        .background_style(WHITE.mix(0.9))
        .border_style(LIGHT)
        .position(position)
        .draw()?;
    Ok(())
}

/// One series of a grouped bar chart: a value (or none) per category.
pub struct Series<'s> {
    pub name: &'s str,
    pub colour: RGBColor,
    pub values: Vec<Option<f64>>,
}

/// Bars grouped by category — one bar per series in each group — with a legend and the
/// category names below the axis.
pub fn grouped_bars(
    area: &Area,
    title: &str,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
    categories: &[String],
    series: &[Series],
) -> Result<(), Box<dyn std::error::Error>> {
    let top = series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0, |a: f64, b| a.max(*b));
    let axes = Axes::categories(y_desc, y_fmt, 96);
    #[allow(clippy::cast_precision_loss)]
    let (n, width) = (categories.len() as f64, 0.8 / series.len().max(1) as f64);
    let mut chart = cartesian(area, title, (0.0, n), (0.0, top.max(1e-9) * 1.15), &axes)?;
    for (k, s) in series.iter().enumerate() {
        let colour = s.colour;
        #[allow(clippy::cast_precision_loss)]
        let bars = s.values.iter().enumerate().filter_map(|(i, v)| {
            let x0 = i as f64 + 0.1 + width * k as f64;
            v.map(|v| Rectangle::new([(x0, 0.0), (x0 + width * 0.92, v.max(0.0))], colour.filled()))
        });
        chart
            .draw_series(bars)?
            .label(s.name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
    }
    // The legend goes over the lower end, clear of the tallest bars (P(alive) peaks at the
    // right, the segments' CLV wherever the largest segment stands).
    let tallest =
        |i: usize| series.iter().filter_map(|s| s.values.get(i).copied().flatten()).fold(0.0, f64::max);
    let side = if tallest(categories.len().saturating_sub(1)) > tallest(0) {
        SeriesLabelPosition::UpperLeft
    } else {
        SeriesLabelPosition::UpperRight
    };
    legend(&mut chart, side)?;
    category_labels(area, &chart, categories, 0.0)
}
