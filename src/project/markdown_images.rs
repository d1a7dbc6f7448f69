//! The pictures Markdown texts show: found, read from the project and checked.
//!
//! A consultant writes `![Churn by month](assets/churn.png)` in a note, an own section or
//! the business case. The file is read here, like every input — inside the project, never
//! through a link that leaves it, size-capped, its type told by its bytes and an SVG free of
//! script and outside references — and embedded in the report as a `data:` URI. A picture
//! that cannot be shown is a problem naming the file and line, never a silent gap.

use std::collections::BTreeMap;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::image;
use super::source::Folder;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{Image, Source, image_path};

/// One picture's largest size: a chart exported at print resolution is some 300 KiB.
pub const IMAGE_MAX_BYTES: u64 = 2 * 1024 * 1024;
/// All pictures together: the report must stay small enough to e-mail.
pub const IMAGES_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Whether `rel` is named like a picture a Markdown text could show (`.png`, `.jpg`,
/// `.jpeg`, `.svg`, in any case).
pub fn is_picture(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| ["png", "jpg", "jpeg", "svg"].iter().any(|p| x.eq_ignore_ascii_case(p)))
}

/// A Markdown text and where it was written.
pub struct Text<'a> {
    /// The file, relative to the project (`/` separated): pictures are found relative to it.
    pub file: &'a str,
    /// The field of a YAML file (`business_case.challenge`), or `None` for a Markdown file.
    pub field: Option<String>,
    pub markdown: &'a str,
    /// The whole file's text, to give each picture's line.
    pub source: &'a str,
}

/// Every picture `texts` show, each read once, sorted by path; with their sources and the
/// problems of those that cannot be shown.
pub fn read(folder: &Folder, texts: &[Text]) -> (Vec<Image>, Vec<Source>, Vec<Diagnostic>) {
    // Each file once: the picture, or why it cannot be shown (message, hint).
    let mut images: BTreeMap<String, Result<Image, (String, String)>> = BTreeMap::new();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for text in texts {
        for (dest, offset) in references(text.markdown) {
            let at = place(text, &dest, offset);
            let problem = |message: String, hint: &str| {
                let d = Diagnostic::new(text.file, message).at(at).hint(hint);
                match &text.field {
                    Some(field) => d.field(field.clone()),
                    None => d,
                }
            };
            let Some(path) = image_path(text.file, &dest) else {
                problems.push(outside(&dest, &problem));
                continue;
            };
            let image = images.entry(path.clone()).or_insert_with(|| {
                let (image, source) = picture(folder, &path)?;
                sources.push(source);
                Ok(image)
            });
            if let Err((why, hint)) = image {
                problems.push(problem(format!("the picture `{dest}` cannot be shown: {why}"), hint));
            }
        }
    }
    let total: u64 = sources.iter().map(|s| s.bytes).sum();
    if total > IMAGES_MAX_BYTES {
        problems.push(
            Diagnostic::new(".", format!("the pictures together are {} KiB; a report embeds at most {} MiB", total >> 10, IMAGES_MAX_BYTES >> 20))
                .hint("export the pictures smaller (PNG at 150 dpi, or SVG) so the report stays small enough to e-mail"),
        );
    }
    (images.into_values().filter_map(Result::ok).collect(), sources, problems)
}

/// The picture at `path`, checked, and its source; or why it cannot be shown, and how to fix it.
fn picture(folder: &Folder, path: &str) -> Result<(Image, Source), (String, String)> {
    let rel = Path::new(path);
    let explain = |d: Diagnostic| (format!("{path}: {}", d.message), d.hint.unwrap_or_default());
    let read = folder.read_bytes(rel, IMAGE_MAX_BYTES, "pictures").map_err(explain)?;
    let Some((bytes, sha256)) = read else {
        return Err((
            format!("{path}: no such file"),
            "put the file into the project (e.g. assets/) and give its path relative to this file".to_owned(),
        ));
    };
    let kind = image::check(rel, &bytes).map_err(explain)?;
    let source = Source { path: path.to_owned(), bytes: bytes.len() as u64, sha256 };
    Ok((Image { path: path.to_owned(), kind, bytes }, source))
}

/// Why a picture that has no path in the project cannot be shown.
fn outside(dest: &str, problem: &dyn Fn(String, &str) -> Diagnostic) -> Diagnostic {
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//") {
        problem(
            format!("the picture `{dest}` is on the web; the report loads nothing from outside itself"),
            "download it into the project (e.g. assets/) and point at that file",
        )
    } else if dest.trim().is_empty() {
        problem(
            "a picture has no file".into(),
            "write the path of a picture in the project, e.g. ![Churn](assets/churn.png)",
        )
    } else {
        problem(
            format!("the picture `{dest}` is outside the project folder"),
            "copy it into the project (e.g. assets/) and give its path relative to this file, without a leading `/`",
        )
    }
}

/// Every picture reference in `markdown`: its address as written, and where it starts.
pub fn references(markdown: &str) -> Vec<(String, usize)> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url.into_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// Where a reference is: exact in a Markdown file (whose body ends its text); in a YAML
/// field, whose text the parser has unfolded, the first mention of the address.
fn place(text: &Text, dest: &str, offset: usize) -> Option<Position> {
    let at = if text.field.is_none() && text.source.ends_with(text.markdown) {
        Some(text.source.len() - text.markdown.len() + offset)
    } else {
        text.source.find(dest)
    }?;
    let before = &text.source[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Some(Position {
        line: number(before.matches('\n').count() + 1),
        column: number(before[line_start..].chars().count() + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_with_their_place() {
        let md = "Intro\n\n![Churn](assets/churn.png) and ![](<my chart.svg>)\n\n[not a picture](x.png)\n";
        let refs = references(md);
        assert_eq!(refs, vec![("assets/churn.png".to_owned(), 7), ("my chart.svg".to_owned(), 38)]);
    }

    #[test]
    fn a_reference_in_a_markdown_file_is_placed_on_its_line() {
        let source = "---\ntitle: A\n---\nText\n\n![x](a.png)\n";
        let markdown = &source[17..];
        let text = Text { file: "sections/a.md", field: None, markdown, source };
        let (dest, offset) = references(markdown).remove(0);
        assert_eq!(place(&text, &dest, offset), Some(Position { line: 6, column: 1 }));
    }
}
