//! The first line of a CSV export: is this CSV at all, and where are the mapped columns?

use std::path::Path;

use super::csv::{Records, Splitter};
use super::fields;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::project::data::{Columns, CsvFormat, Margin};

/// Positions of the mapped columns.
#[derive(Clone, Debug)]
pub struct ColumnIndex {
    pub customer: usize,
    pub date: usize,
    pub amount: usize,
    pub margin: Option<usize>,
    pub segment: Option<usize>,
    pub category: Option<usize>,
}

/// The header line, read.
#[derive(Clone, Debug)]
pub struct Header {
    /// Bytes up to and including the header's line ending (and a byte-order mark).
    pub length: usize,
    /// Every column name, in order.
    pub names: Vec<String>,
    pub columns: ColumnIndex,
}

/// Reads the header from the start of a file, mapping `columns` to positions.
pub fn read_header(
    start: &[u8],
    file: &Path,
    columns: &Columns,
    format: &CsvFormat,
) -> Result<Header, Vec<Diagnostic>> {
    let mut wanted =
        vec![("customer", columns.customer.as_str()), ("date", &columns.date), ("amount", &columns.amount)];
    match &columns.margin {
        Some(Margin::Money(name)) => wanted.push(("margin", name)),
        Some(Margin::Rate(name)) => wanted.push(("margin_rate", name)),
        None => {}
    }
    if let Some(name) = &columns.segment {
        wanted.push(("segment", name));
    }
    if let Some(name) = &columns.category {
        wanted.push(("category", name));
    }
    let (length, names, found) = locate(start, file, format, &wanted)?;
    let optional = |key: &str| wanted.iter().position(|(k, _)| k.starts_with(key)).map(|i| found[i]);
    let columns = ColumnIndex {
        customer: found[0],
        date: found[1],
        amount: found[2],
        margin: optional("margin"),
        segment: optional("segment"),
        category: optional("category"),
    };
    Ok(Header { length, names, columns })
}

/// Reads the header line of a CSV file and finds each `(key, column name)` of `wanted`;
/// the header's length in bytes, every column name, and the position of each wanted one.
///
/// Catches the usual wrong files before any row is read: an empty file, a spreadsheet
/// saved as `.xlsx` or `.xls` instead of CSV, another binary file, a delimiter other than
/// the one configured, and mapped column names not in the header.
pub fn locate(
    start: &[u8],
    file: &Path,
    format: &CsvFormat,
    wanted: &[(&str, &str)],
) -> Result<(usize, Vec<String>, Vec<usize>), Vec<Diagnostic>> {
    let whole = |message: &str, hint: &str| vec![Diagnostic::new(file, message).hint(hint)];
    if start.is_empty() {
        return Err(whole("the file is empty", "export the data again; the file has no header and no rows"));
    }
    if start.starts_with(b"PK\x03\x04") || start.starts_with(b"\xd0\xcf\x11\xe0") {
        return Err(whole(
            "this is an Excel workbook, not a CSV file",
            "open it in Excel and save it as \"CSV UTF-8\" (or export CSV from the source system)",
        ));
    }
    if is_utf16(start) {
        return Err(whole(
            "the file is UTF-16 text",
            "save it as UTF-8 (in Excel: \"CSV UTF-8\"), or convert it: `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`",
        ));
    }
    if start.iter().take(64 * 1024).any(|&b| b == 0) {
        return Err(whole("this is not a text file (it holds NUL bytes)", "export the data as CSV text"));
    }
    let bom = if start.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let Some(line) = Records::new(&start[bom..], format.delimiter, None).next().map(|r| r.bytes) else {
        return Err(whole("the file is empty", "export the data again"));
    };
    if line.contains(&b'\r') {
        return Err(whole(
            "the file's lines end with a carriage return alone (the old Mac format), so it reads as one line",
            "save it with Windows (CRLF) or Unix (LF) line endings, e.g. `tr '\\r' '\\n' < in.csv > out.csv`",
        ));
    }
    let length = bom + line.len() + usize::from(start.get(bom + line.len()) == Some(&b'\r')) + 1;
    let mut splitter = Splitter::new(format.delimiter);
    let split = splitter.split(line);
    let names: Vec<String> = (0..split.len())
        .map(|i| {
            let name = fields::trim(split.get(i));
            format.encoding.decode(name).unwrap_or_else(|| String::from_utf8_lossy(name)).into_owned()
        })
        .collect();
    let at = Some(Position { line: 1, column: 1 });
    if wanted.len() > 1 {
        if let Some(d) = wrong_delimiter(file, at, &names, line, format.delimiter) {
            return Err(vec![d]);
        }
    }
    let mut problems = Vec::new();
    let mut found = Vec::with_capacity(wanted.len());
    for (key, name) in wanted {
        match names.iter().position(|n| n == name) {
            Some(i) => found.push(i),
            None => problems.push(missing_column(file, at, key, name, &names)),
        }
    }
    if problems.is_empty() { Ok((length.min(start.len()), names, found)) } else { Err(problems) }
}

/// A header read as one column although it holds another delimiter: the configured
/// delimiter is wrong, which is one problem, not one per mapped column.
/// UTF-16 by its byte-order mark, or by every other byte of the first line being NUL.
fn is_utf16(start: &[u8]) -> bool {
    if start.starts_with(b"\xff\xfe") || start.starts_with(b"\xfe\xff") {
        return true;
    }
    let sample = &start[..start.len().min(64)];
    sample.len() >= 8
        && (sample.iter().skip(1).step_by(2).all(|&b| b == 0) || sample.iter().step_by(2).all(|&b| b == 0))
}

fn wrong_delimiter(
    file: &Path,
    at: Option<Position>,
    names: &[String],
    line: &[u8],
    delimiter: u8,
) -> Option<Diagnostic> {
    if names.len() != 1 {
        return None;
    }
    let other = [b',', b';', b'\t'].into_iter().find(|&d| d != delimiter && line.contains(&d))?;
    let shown = if other == b'\t' { "tab".to_owned() } else { char::from(other).to_string() };
    let configured = if delimiter == b'\t' { "tab".to_owned() } else { char::from(delimiter).to_string() };
    Some(
        Diagnostic::new(file, format!("the header is one column when split at `{configured}`"))
            .at(at)
            .field("delimiter")
            .hint(format!(
                "the header has one column only: the file seems to separate fields with `{shown}`; set `delimiter: \"{shown}\"` under `data:`"
            )),
    )
}

/// How much of a header is quoted in a message: a garbage "header" can be megabytes long.
const HEADER_SHOWN: usize = 200;

fn missing_column(file: &Path, at: Option<Position>, key: &str, name: &str, names: &[String]) -> Diagnostic {
    let d = Diagnostic::new(file, format!("no column `{name}` (mapped as `columns.{key}` in project.yaml)"))
        .at(at);
    let mut listed = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    if listed.chars().count() > HEADER_SHOWN {
        listed = listed.chars().take(HEADER_SHOWN).collect::<String>() + " …";
    }
    // Text that is not UTF-8 shows as U+FFFD: the likely cause is the file's encoding.
    let encoding = if names.iter().any(|n| n.contains('\u{fffd}')) {
        " The header is not UTF-8: an older Nordic export is Windows-1252, set `encoding: windows-1252` under `data:`."
    } else {
        ""
    };
    match did_you_mean(name, names.iter().map(String::as_str)) {
        Some(close) => d.hint(format!("did you mean `{close}`? The header has {listed}.{encoding}")),
        None => d.hint(format!("the header has {listed}.{encoding}")),
    }
}
