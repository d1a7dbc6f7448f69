//! The report's Tera templates: built in, and overridable file by file.
//!
//! The built-in templates are embedded in the binary so `uplift` works from any
//! folder. A project may place a file of the same name in its own `templates/`
//! folder to replace one (a theme, in the manner of zola): the project's file
//! wins, the rest stay built in.

use std::fs;
use std::path::Path;

use std::collections::HashMap;

use tera::{Tera, Value};

use super::locale::{Arg, Catalogue};

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

/// The template function `t(key="…", name=value, …)`: the message `key` in the report's
/// language, with any other arguments passed to it (strings as text, numbers for plurals).
pub fn translate(catalogue: Catalogue) -> impl tera::Function {
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        let mut rest: Vec<(&String, &Value)> =
            args.iter().filter(|(name, _)| name.as_str() != "key").collect();
        rest.sort_by(|a, b| a.0.cmp(b.0));
        if rest.is_empty() {
            return Ok(Value::String(catalogue.t(key)));
        }
        let message_args = rest
            .into_iter()
            .map(|(name, value)| {
                let arg = match value {
                    Value::Number(n) => Arg::Number(n.as_f64().unwrap_or_default()),
                    Value::String(s) => Arg::Text(s.clone()),
                    other => Arg::Text(other.to_string()),
                };
                (name.as_str(), arg)
            })
            .collect();
        Ok(Value::String(catalogue.t_with(key, message_args)))
    }
}
