//! The project's own report templates (`templates/*`), read as inputs like any other.
//!
//! A template override changes markup and style, never policy: here it is read under the
//! same rules as every input (no links out of the project, a size cap, UTF-8), its name
//! must be one the report uses, and a style sheet may not close its `<style>` element or
//! load anything. Tera syntax, macro recursion and the rendered output are checked by the
//! renderer, which knows the built-in templates.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{TEMPLATE_NAMES, TemplateOverride};

use super::source::{Folder, Kind, SourceText};

/// Where a project keeps its templates.
pub const TEMPLATES_DIR: &str = "templates";
/// Where a project keeps the report sections it replaces, inside `templates/`.
pub const SECTIONS_DIR: &str = "sections";
/// No report template needs more; the built-in report.html is about 20 KiB.
pub const TEMPLATE_MAX_BYTES: u64 = 256 * 1024;

/// The files of `templates/` and of its `sections/` folder, sorted; hidden files (`.gitkeep`)
/// are not inputs.
pub fn files(folder: &Folder, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in [Path::new(TEMPLATES_DIR).to_path_buf(), Path::new(TEMPLATES_DIR).join(SECTIONS_DIR)] {
        let dir = match folder.locate(&sub, Kind::Folder) {
            Ok(Some(dir)) => dir,
            Ok(None) => continue,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                diagnostics.push(Diagnostic::new(&sub, format!("cannot list the folder: {e}")));
                continue;
            }
        };
        let mut names: Vec<(String, bool)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.file_type().is_ok_and(|t| t.is_dir())))
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        names.sort();
        // `templates/sections/` is the sections' folder, not a template.
        let is_sections =
            |name: &str, dir: bool| dir && sub == Path::new(TEMPLATES_DIR) && name == SECTIONS_DIR;
        files.extend(names.into_iter().filter(|(n, d)| !is_sections(n, *d)).map(|(name, _)| sub.join(name)));
    }
    files
}

/// Reads one override, or says why it cannot be used.
pub fn read(folder: &Folder, rel: &Path) -> Result<Option<(SourceText, TemplateOverride)>, Diagnostic> {
    // The template's name is its path below `templates/`, e.g. `sections/summary.html`.
    let name = rel.strip_prefix(TEMPLATES_DIR).map(crate::diagnostic::slash_path).unwrap_or_default();
    if !TEMPLATE_NAMES.contains(&name.as_str()) {
        let hint = match did_you_mean(&name, TEMPLATE_NAMES.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("a project can replace {}", TEMPLATE_NAMES.join(", ")),
        };
        return Err(Diagnostic::new(rel, "is not a report template").hint(hint));
    }
    let Some(source) = folder.read_text(rel, TEMPLATE_MAX_BYTES, "templates")? else {
        return Ok(None);
    };
    if Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("css")) {
        check_style(rel, &source.text)?;
    }
    let template = TemplateOverride { name, text: source.text.clone() };
    Ok(Some((source, template)))
}

/// A style sheet goes inside the report's `<style>` element: it may neither end that
/// element (and so write markup) nor load anything from outside the report.
fn check_style(rel: &Path, css: &str) -> Result<(), Diagnostic> {
    let lower = css.to_ascii_lowercase();
    if let Some(at) = lower.find("</style").or_else(|| lower.find("<!--")) {
        let line = u32::try_from(css[..at].matches('\n').count() + 1).unwrap_or(u32::MAX);
        let column = u32::try_from(css[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1)
            .unwrap_or(u32::MAX);
        return Err(Diagnostic::new(rel, "a style sheet may not hold `</style` or `<!--`")
            .at(Some(crate::diagnostic::Position { line, column }))
            .hint("these would end the report's <style> element; a style sheet holds CSS only"));
    }
    if let Some(what) = crate::css::forbidden(css) {
        return Err(Diagnostic::new(rel, format!("the style sheet {what}")).hint(
            "the report is one self-contained file that loads nothing: put images into the project \
             as data, leave fonts to the reader's system, and write CSS without escapes",
        ));
    }
    Ok(())
}
