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
/// No report template needs more; the built-in report.html is about 20 KiB.
pub const TEMPLATE_MAX_BYTES: u64 = 256 * 1024;

/// The names of the files in `templates/`, sorted; hidden files (`.gitkeep`) are not inputs.
pub fn files(folder: &Folder, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = match folder.locate(Path::new(TEMPLATES_DIR), Kind::Folder) {
        Ok(Some(dir)) => dir,
        Ok(None) => return Vec::new(),
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect(),
        Err(e) => {
            diagnostics.push(Diagnostic::new(TEMPLATES_DIR, format!("cannot list the folder: {e}")));
            return Vec::new();
        }
    };
    names.sort();
    names.into_iter().map(|name| Path::new(TEMPLATES_DIR).join(name)).collect()
}

/// Reads one override, or says why it cannot be used.
pub fn read(folder: &Folder, rel: &Path) -> Result<Option<(SourceText, TemplateOverride)>, Diagnostic> {
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
