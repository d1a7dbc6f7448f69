//! The report's Tera templates: built in, and overridable file by file.
//!
//! The built-in templates are embedded in the binary so `uplift` works from any
//! folder. A project may place a file of the same name in its own `templates/`
//! folder to replace one (a theme, in the manner of zola): the project's file
//! wins, the rest stay built in.

use std::fs;
use std::path::Path;

use tera::Tera;

use crate::error::Error;

/// Every template the report uses, with its built-in text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("macros.html", include_str!("../../templates/macros.html")),
];

/// The templates for a project: built-in ones, replaced by any in `<project>/templates/`.
pub fn load(project_dir: &Path) -> Result<Tera, Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let mut sources = Vec::with_capacity(BUILT_IN.len());
    for (name, built_in) in BUILT_IN {
        let own = project_dir.join("templates").join(name);
        let text = if own.is_file() {
            fs::read_to_string(&own).map_err(Error::io("read", &own))?
        } else {
            (*built_in).to_owned()
        };
        sources.push((*name, text));
    }
    tera.add_raw_templates(sources).map_err(|e| Error::Template(chain(&e)))?;
    Ok(tera)
}

/// Tera's message and its whole cause chain, where the useful detail (line, column) hides.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str("\n  caused by: ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
