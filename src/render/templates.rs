//! The report's Tera templates: built in, and overridable file by file.
//!
//! The built-in templates are embedded in the binary so `uplift` works from any
//! folder. A project may place a file of the same name in its own `templates/`
//! folder to replace one (a theme, in the manner of zola): the project's file
//! wins, the rest stay built in.
//!
//! Templates are data, not code: no template function reads the environment, a file,
//! the clock or a random source (`get_env`, `now` and `get_random` are replaced by
//! functions that refuse), `range` is capped, output is capped, and a project's own
//! templates are rendered in a confined process ([`super::confined`]) with a time and
//! memory budget. What any template produces is then checked by [`super::policy`].

use std::collections::HashMap;
use std::io::Write;

use tera::{Tera, Value};

use super::locale::{Arg, Catalogue};

use crate::error::Error;
use crate::model::TemplateOverride;

/// Every template the report uses, with its built-in text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("sections/cover.html", include_str!("../../templates/sections/cover.html")),
    ("sections/summary.html", include_str!("../../templates/sections/summary.html")),
    ("sections/changes.html", include_str!("../../templates/sections/changes.html")),
    ("sections/business_case.html", include_str!("../../templates/sections/business_case.html")),
    ("sections/economics.html", include_str!("../../templates/sections/economics.html")),
    ("sections/data.html", include_str!("../../templates/sections/data.html")),
    ("sections/value.html", include_str!("../../templates/sections/value.html")),
    ("sections/journey.html", include_str!("../../templates/sections/journey.html")),
    ("sections/initiatives.html", include_str!("../../templates/sections/initiatives.html")),
    ("sections/winloss_jobs.html", include_str!("../../templates/sections/winloss_jobs.html")),
    ("sections/appendix.html", include_str!("../../templates/sections/appendix.html")),
];

/// The folder of the section partials: a partial's final newline is not output, so that a
/// section written by an editor that ends every file with one renders like the built-in.
const SECTIONS: &str = "sections/";

/// The largest report written; the example's is about 0.5 MiB.
pub const REPORT_MAX_BYTES: usize = 32 << 20;
/// The most items `range()` gives a template.
pub const RANGE_MAX_ITEMS: usize = 10_000;

/// The report's templates, the project's `overrides` in place of the built-in ones of the
/// same name, with the report's functions for `catalogue`'s language.
pub fn compile(overrides: &[TemplateOverride], catalogue: Catalogue) -> Result<Tera, Error> {
    Ok(with_functions(parse(overrides)?, catalogue))
}

/// Templates parsed but not yet renderable: they still have Tera's own `get_env`, `now`,
/// `get_random` and uncapped `range`, which only [`with_functions`] replaces.
pub struct Parsed(Tera);

/// The report's templates, parsed, without the functions they call: parsing is the slow
/// part (Tera's parser reads the 80 KB of built-in templates at a few MB/s, a third of a
/// build whose figures the cache holds), and needs no language, so it can start first.
pub fn parse(overrides: &[TemplateOverride]) -> Result<Parsed, Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let sources = BUILT_IN.iter().map(|(name, built_in)| {
        let text = overrides.iter().find(|o| o.name == *name).map_or(*built_in, |o| o.text.as_str());
        let text = if name.starts_with(SECTIONS) { text.strip_suffix('\n').unwrap_or(text) } else { text };
        (*name, text)
    });
    tera.add_raw_templates(sources).map_err(|e| Error::Template(chain(&e)))?;
    Ok(Parsed(tera))
}

/// Parsed templates with the report's functions, for `catalogue`'s language; the functions
/// that would read the environment, the clock or a random source refuse.
pub fn with_functions(Parsed(mut tera): Parsed, catalogue: Catalogue) -> Tera {
    for name in ["get_env", "now", "get_random"] {
        tera.register_function(name, refused(name));
    }
    tera.register_function("range", capped_range);
    tera.register_function("t", translate(catalogue));
    tera
}

/// Renders `report.html`, refusing output past [`REPORT_MAX_BYTES`].
pub fn render(tera: &Tera, context: &tera::Context) -> Result<String, Error> {
    let mut out = Capped { bytes: Vec::with_capacity(1 << 19), limit: REPORT_MAX_BYTES, overflowed: false };
    tera.render_to("report.html", context, &mut out)
        .map_err(|e| if out.overflowed { too_large() } else { Error::Template(chain(&e)) })?;
    String::from_utf8(out.bytes).map_err(|_| Error::Template("the rendered report is not UTF-8".into()))
}

/// The error for a report past its size limit.
pub fn too_large() -> Error {
    Error::Template(format!(
        "the report would be larger than {} MiB, the limit for one self-contained file",
        REPORT_MAX_BYTES >> 20
    ))
}

/// A writer that fails once `limit` bytes have been written.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
    overflowed: bool,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.overflowed = true;
            return Err(std::io::Error::other("output limit reached"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A template function that only says it is not available.
fn refused(name: &'static str) -> impl tera::Function {
    move |_: &HashMap<String, Value>| -> tera::Result<Value> {
        Err(tera::Error::msg(format!(
            "`{name}()` is not available in report templates: a report shows the project's inputs only"
        )))
    }
}

/// Tera's `range(start, end, step_by)`, refusing more than [`RANGE_MAX_ITEMS`] items.
fn capped_range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |key: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(key) {
            Some(v) => {
                v.as_u64().ok_or_else(|| tera::Error::msg(format!("range(): `{key}` must be a whole number")))
            }
            None => default.ok_or_else(|| tera::Error::msg("range() needs `end`")),
        }
    };
    let (start, end, step) =
        (number("start", Some(0))?, number("end", None)?, number("step_by", Some(1))?.max(1));
    let count = end.saturating_sub(start).div_ceil(step);
    if count > RANGE_MAX_ITEMS as u64 {
        return Err(tera::Error::msg(format!(
            "range() would give {count} items; report templates may loop at most {RANGE_MAX_ITEMS} times"
        )));
    }
    let step = usize::try_from(step).unwrap_or(usize::MAX);
    Ok(Value::Array((start..end).step_by(step).map(Value::from).collect()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, TEMPLATE_NAMES};

    fn rendered(report: &str) -> Result<String, String> {
        let overrides = [TemplateOverride { name: "report.html".into(), text: report.into() }];
        let tera = compile(&overrides, Catalogue::new(Language::En)).map_err(|e| e.to_string())?;
        render(&tera, &tera::Context::new()).map_err(|e| e.to_string())
    }

    #[test]
    fn the_built_in_names_are_the_ones_a_project_may_replace() {
        let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, TEMPLATE_NAMES);
    }

    #[test]
    fn no_template_reads_the_environment_or_the_clock() {
        for call in ["get_env(name=\"PATH\")", "now()", "get_random(end=10)"] {
            let error = rendered(&format!("{{{{ {call} }}}}")).unwrap_err();
            assert!(error.contains("is not available in report templates"), "{call}: {error}");
        }
    }

    #[test]
    fn range_is_capped() {
        assert_eq!(
            rendered("{% for i in range(start=2, end=9, step_by=3) %}{{ i }},{% endfor %}").unwrap(),
            "2,5,8,"
        );
        let error = rendered("{% for i in range(end=100000000) %}{% endfor %}").unwrap_err();
        assert!(error.contains("range() would give 100000000 items"), "{error}");
    }

    #[test]
    fn output_past_the_limit_is_refused() {
        let error = rendered(
            "{% for i in range(end=10000) %}{% for j in range(end=10000) %}xxxxxxxx{% endfor %}{% endfor %}",
        )
        .unwrap_err();
        assert!(error.contains("larger than 32 MiB"), "{error}");
    }
}
