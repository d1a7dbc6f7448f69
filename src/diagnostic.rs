//! Problems found in a project folder, each tied to its place.
//!
//! Loading and validation never stop at the first problem: they push a
//! [`Diagnostic`] per problem into [`Diagnostics`] and carry on, so a consultant
//! fixes everything in one pass. Each diagnostic names the file, line and column,
//! the field path (`segments[2].retention_rate`), what is wrong and, where we can
//! tell, how to fix it. Rendering shows the offending source line with a caret,
//! in the style of rustc and `just`.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    /// Converts a serde-saphyr location, which uses line 0 for "unknown".
    pub fn from_yaml(location: serde_saphyr::Location) -> Option<Self> {
        (location.line() > 0).then(|| Self {
            line: u32::try_from(location.line()).unwrap_or(u32::MAX),
            column: u32::try_from(location.column()).unwrap_or(u32::MAX),
        })
    }
}

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the project folder.
    pub file: PathBuf,
    pub position: Option<Position>,
    /// The field path inside the file, e.g. `segments[2].retention_rate`.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { file: file.into(), position: None, field: None, message: message.into(), hint: None }
    }

    #[must_use]
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, Option<Position>) {
        (&self.file, self.position)
    }

    /// Renders the diagnostic; with the file's text, also the source line and a caret.
    pub fn render(&self, source: Option<&str>) -> String {
        self.render_as("error", source)
    }

    /// Renders the diagnostic as a warning: the run goes on.
    pub fn render_warning(&self, source: Option<&str>) -> String {
        self.render_as("warning", source)
    }

    fn render_as(&self, label: &str, source: Option<&str>) -> String {
        let mut out = format!("{label}: {}", self.file.display());
        if let Some(p) = self.position {
            let _ = write!(out, ":{}:{}", p.line, p.column);
        }
        out.push_str(": ");
        if let Some(field) = &self.field {
            let _ = write!(out, "{field}: ");
        }
        out.push_str(&self.message);
        out.push('\n');
        if let (Some(p), Some(text)) = (self.position, source) {
            out.push_str(&snippet(text, p));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(None).trim_end())
    }
}

/// Widest part of a source line shown in a snippet.
const WIDTH: usize = 100;

/// The source line at `p` with a caret under the column, after the line before it
/// (parsers often notice a mistake only on the next line); empty when out of range.
fn snippet(text: &str, p: Position) -> String {
    let index = p.line.saturating_sub(1) as usize;
    let Some(line) = text.lines().nth(index) else {
        return String::new();
    };
    // Long lines would flood the terminal: show a window of at most WIDTH characters
    // around the column, marking what was cut with `…`.
    let column = p.column.saturating_sub(1) as usize;
    let start = column.saturating_sub(WIDTH / 2);
    let width = p.line.to_string().len();
    let pad = " ".repeat(width);
    let mut out = format!("{pad} |\n");
    if let Some(previous) =
        index.checked_sub(1).and_then(|i| text.lines().nth(i)).filter(|l| !l.trim().is_empty())
    {
        let _ = writeln!(out, "{:>width$} | {}", p.line - 1, window(previous, start));
    }
    let shown = window(line, start);
    let caret_col = (column - start + usize::from(start > 0)).min(shown.chars().count());
    let _ = write!(out, "{} | {shown}\n{pad} | {}^\n", p.line, " ".repeat(caret_col));
    out
}

/// The part of `line` from character `start`, at most `WIDTH` long, with `…` where cut.
fn window(line: &str, start: usize) -> String {
    let mut shown: String = line.chars().skip(start).take(WIDTH).collect();
    if line.chars().count() > start + WIDTH {
        shown.push('…');
    }
    if start > 0 {
        shown.insert(0, '…');
    }
    shown
}

/// Every problem found in one run, in file order once sorted.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Keeps only the problems `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems sorted by file and position (stable for equal places).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items
    }

    /// The problems, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
///
/// Uses the Levenshtein distance, accepting at most a third of the word's length
/// (and at least one edit), which catches `retension_rate` → `retention_rate`
/// without suggesting unrelated names.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field_for_a_typo() {
        let fields = ["retention_rate", "gross_margin", "customers"];
        assert_eq!(did_you_mean("retension_rate", fields), Some("retention_rate"));
        assert_eq!(did_you_mean("customer", fields), Some("customers"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("same", "same"), 0);
    }

    #[test]
    fn renders_location_snippet_and_hint() {
        let d = Diagnostic::new("segments.yaml", "rate 78 is out of range")
            .at(Some(Position { line: 2, column: 21 }))
            .field("segments[0].retention_rate")
            .hint("write 0.78 or 78%");
        let text = "segments:\n  - retention_rate: 78\n";
        let shown = d.render(Some(text));
        assert_eq!(
            shown,
            "error: segments.yaml:2:21: segments[0].retention_rate: rate 78 is out of range\n  |\n1 | segments:\n2 |   - retention_rate: 78\n  |                     ^\n  = hint: write 0.78 or 78%\n"
        );
    }

    #[test]
    fn sorts_by_file_then_position() {
        let mut all = Diagnostics::default();
        let at = |line| Some(Position { line, column: 1 });
        all.push(Diagnostic::new("segments.yaml", "b").at(at(9)));
        all.push(Diagnostic::new("project.yaml", "c").at(at(3)));
        all.push(Diagnostic::new("segments.yaml", "a").at(at(2)));
        let order: Vec<_> = all.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["c", "a", "b"]);
    }
}

/// A project that failed to load: every problem, and the texts to quote them from.
#[derive(Debug)]
pub struct Invalid {
    pub diagnostics: Vec<Diagnostic>,
    pub texts: BTreeMap<PathBuf, String>,
}

/// How many problems of one file are shown in full.
pub const PROBLEMS_SHOWN_PER_FILE: usize = 100;

impl Invalid {
    /// The problems rendered with source snippets, in file order: the first
    /// [`PROBLEMS_SHOWN_PER_FILE`] of each file, then how many more that file has, so a
    /// file that is wrong on every line gives a readable screen, not megabytes.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        for file in self.diagnostics.chunk_by(|a, b| a.file == b.file) {
            let text = self.texts.get(&file[0].file).map(String::as_str);
            out.extend(file.iter().take(PROBLEMS_SHOWN_PER_FILE).map(|d| d.render(text)));
            if let Some(more) = file.len().checked_sub(PROBLEMS_SHOWN_PER_FILE).filter(|&n| n > 0) {
                out.push(format!(
                    "… and {more} more {} in {} (fix these first: they are often one mistake repeated)\n",
                    plural(more, "problem", "problems"),
                    slash_path(&file[0].file)
                ));
            }
        }
        out.join("\n")
    }
}

/// `p` with `/` separators, as the report and the metrics name files on every system.
pub fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `one` or `many` by count, for grammatical messages.
pub fn plural<'a, N: Copy + PartialEq + From<u8>>(n: N, one: &'a str, many: &'a str) -> &'a str {
    if n == N::from(1) { one } else { many }
}
