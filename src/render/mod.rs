//! The report: view structs, safe Markdown, SVG charts and Tera templates → one HTML file.
//!
//! The output is self-contained (styles inline, logo as a `data:` URI, charts as
//! inline SVG), runs no script (a Content-Security-Policy forbids every script
//! and every external load) and is byte-for-byte the same for the same input.

pub mod charts;
pub mod labels;
pub mod locale;
pub mod markdown;
pub mod templates;
pub mod view;

use std::path::Path;

use base64::Engine as _;

pub use locale::{Language, Localizer};

use crate::analysis::Metrics;
use crate::error::Error;
use crate::model::Project;

/// Renders the report of the project in `dir` to HTML, in `language`; with `since`, the
/// changes against an earlier revision (and its label) follow the executive summary.
pub fn report(
    dir: &Path,
    project: &Project,
    metrics: &Metrics,
    language: Language,
    since: Option<(&crate::analysis::diff::Diff, &str)>,
) -> Result<String, Error> {
    let logo = project.brand.logo.as_ref().map(data_uri);
    let localizer = Localizer::new(language, &project.meta.currency);
    let view = view::build(project, metrics, logo, since, &localizer);
    let mut tera = templates::load(dir)?;
    tera.register_function("t", templates::translate(localizer.catalogue.clone()));
    let context = tera::Context::from_serialize(&view).map_err(|e| Error::Template(templates::chain(&e)))?;
    tera.render("report.html", &context).map_err(|e| Error::Template(templates::chain(&e)))
}

/// The logo as a `data:` URI, typed by its extension.
fn data_uri(logo: &crate::model::Logo) -> String {
    let (bytes, path) = (&logo.bytes, &logo.path);
    let mime = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    };
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}
