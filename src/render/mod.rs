//! The report: view structs, safe Markdown, SVG charts and Tera templates → one HTML file.
//!
//! The output is self-contained (styles inline, logo as a `data:` URI, charts as
//! inline SVG), runs no script and loads nothing ([`policy`] checks the rendered HTML,
//! whatever template produced it, and puts a Content-Security-Policy first in its head)
//! and is byte-for-byte the same for the same input.

pub mod assets;
pub mod charts;
pub mod confined;
pub mod labels;
pub mod locale;
pub mod markdown;
pub mod policy;
pub mod templates;
pub mod view;

use base64::Engine as _;

pub use locale::{Language, Localizer};

use crate::analysis::Metrics;
use crate::error::Error;
use crate::memo::Memo;
use crate::model::Project;

/// The built-in templates, parsed on a thread of their own from [`BuiltIn::start`] on: a
/// command that renders the report starts it before it reads and analyses the project,
/// which takes about as long.
pub struct BuiltIn(std::thread::JoinHandle<Result<templates::Parsed, Error>>);

impl BuiltIn {
    /// Starts parsing. Whether the project brings templates of its own is known only once it
    /// is read; then this parse is not used (its 20 ms ran beside the reading).
    pub fn start() -> Self {
        Self(std::thread::spawn(|| templates::parse(&[])))
    }

    /// The parsed templates; a panic while parsing is the caller's, as it would have been
    /// parsing here.
    fn parsed(self) -> Result<templates::Parsed, Error> {
        self.0.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Renders the report of `project` to HTML, in `language`; with `since`, the changes
/// against an earlier revision (and its label) follow the executive summary. The built-in
/// templates are `built_in`'s, when started, else parsed here. The report's safety check is
/// recalled from `memo` for a rendering it has checked before.
pub fn report(
    project: &Project,
    metrics: &Metrics,
    language: Language,
    edition: crate::model::Edition,
    since: Option<(&crate::analysis::diff::Diff, &str)>,
    built_in: Option<BuiltIn>,
    memo: &dyn Memo,
) -> Result<String, Error> {
    let logo = project.brand.logo.as_ref().map(data_uri);
    let localizer = Localizer::new(language, &project.meta.currency);
    let view = view::build(project, metrics, view::Extras { logo, since, edition }, &localizer);
    let context = tera::Context::from_serialize(&view).map_err(|e| Error::Template(templates::chain(&e)))?;
    let html = if project.templates.is_empty() {
        let parsed = built_in.map_or_else(|| templates::parse(&[]), BuiltIn::parsed)?;
        let tera = templates::with_functions(parsed, localizer.catalogue.clone());
        templates::render(&tera, &context)?
    } else {
        confined::render(&project.templates, language, context)?
    };
    enforce(&html, memo).map_err(|v| {
        Error::Template(format!(
            "the report would hold {v}; a report may not run script, load or link anything outside itself, \
             or redirect the reader, so nothing was written"
        ))
    })
}

/// [`policy::enforce`] on `html`, or what it wrote for the same text before, kept in `memo`
/// under the text's SHA-256. The check is a function of the text alone, and its two parses
/// are most of a build whose figures the cache holds (half of the example's, and more than a
/// second of a large project's). Only what passed is kept; what is kept is signed, so a received
/// folder cannot plant a report that skipped the check (`cmd/cache.rs`).
fn enforce(html: &str, memo: &dyn Memo) -> Result<String, policy::Violation> {
    if !memo.enabled() {
        return policy::enforce(html);
    }
    let key = crate::memo::key_with("report policy", &(), html.as_bytes());
    if let Some(written) = crate::memo::recall::<String>(memo, &key) {
        return Ok(written);
    }
    let written = policy::enforce(html)?;
    crate::memo::keep(memo, &key, &written);
    Ok(written)
}

/// The view the templates of `project`'s report see, as indented JSON: what a template
/// author can name.
pub fn view_json(
    project: &Project,
    metrics: &Metrics,
    language: Language,
    edition: crate::model::Edition,
) -> Result<String, Error> {
    let logo = project.brand.logo.as_ref().map(data_uri);
    let localizer = Localizer::new(language, &project.meta.currency);
    let view = view::build(project, metrics, view::Extras { logo, since: None, edition }, &localizer);
    serde_json::to_string_pretty(&view).map(|json| json + "\n").map_err(|e| Error::Template(e.to_string()))
}

/// Checks that the project's template overrides compile: the syntax of each, and that
/// every template they include or import exists.
pub fn check_templates(project: &Project) -> Result<(), Error> {
    if project.templates.is_empty() {
        return Ok(());
    }
    templates::compile(&project.templates, locale::Catalogue::new(project.meta.language)).map(|_| ())
}

/// The logo as a `data:` URI, typed by what its bytes were checked to be.
fn data_uri(logo: &crate::model::Logo) -> String {
    format!(
        "data:{};base64,{}",
        logo.kind.mime(),
        base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::models::{Choice, ChoiceReason, Model};
    use crate::analysis::{DataMetrics, SegmentDataMetrics};
    use crate::model::fixture::{drivers, project, segment};
    use crate::model::{Edition, PerDriver};

    /// The data section's templates show each segment's customers without a P(alive), as
    /// the view words them, in a note of its own per segment that has any, in every
    /// language: 1,234 of them (the written report spells a no-break space `&nbsp;`), and
    /// one customer in the singular.
    #[test]
    fn customers_without_a_p_alive_are_named_in_the_report() {
        let seg = segment("installers", 500.0, drivers(1.0, 100.0, 0.5, 0.5), PerDriver::default(), true);
        let p = project(vec![seg], vec![], 2, 0.0);
        let mut metrics = crate::analysis::analyse(&p);
        let chosen = Some(Choice { model: Model::ParetoNbd, reason: ChoiceReason::Setting });
        let segments = vec![
            SegmentDataMetrics::with_p_alive("Installers", chosen, vec![1; 10], 1234),
            SegmentDataMetrics::with_p_alive("Utilities", chosen, vec![1; 10], 0),
            SegmentDataMetrics::with_p_alive("Depots", chosen, vec![1; 10], 1),
        ];
        // One customer, in the singular: "1 customer", "1 kunde", "1 kund".
        let one = ["1 customer (", "1 kunde (", "1 kunde (", "1 kund ("];
        metrics.data = Some(DataMetrics { coverage: None, segments });
        for ((l, count), one) in crate::render::locale::each_language_with_1234().into_iter().zip(one) {
            let html = report(&p, &metrics, l.language, Edition::Full, None, None, &crate::memo::Nothing)
                .unwrap_or_else(|e| panic!("{e}"));
            let notes = html.split("<p class=\"note\">").skip(1).filter_map(|n| n.split_once("</p>"));
            let named: Vec<&str> = notes
                .map(|(note, _)| note)
                .filter(|n| ["Installers", "Utilities", "Depots"].iter().any(|s| n.starts_with(s)))
                .collect();
            assert_eq!(named.len(), 2, "{:?}: {named:?}", l.language);
            assert!(named[1].starts_with("Depots") && named[1].contains(one), "{}", named[1]);
            assert!(
                named[0].starts_with("Installers — Pareto/NBD")
                    && named[0].contains(&count.replace('\u{a0}', "&nbsp;")),
                "{}",
                named[0]
            );
        }
    }
}
