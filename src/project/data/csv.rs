//! Records and fields of delimiter-separated text, as spreadsheets and CRM systems write it.
//!
//! Fields may be quoted (`"Nielsen; Hansen"`), with `""` for a quote inside, and a quoted
//! field may span lines. Line endings are `\n` or `\r\n`. This is the common dialect of
//! RFC 4180 with a configurable delimiter; nothing more is guessed. A quote that does not
//! close costs its own line only, never the lines after it (see [`Records`]).

use memchr::{memchr, memchr_iter, memrchr};

/// One record's fields, borrowed from the line or from the splitter's scratch buffer.
pub struct Fields<'a> {
    buffer: &'a [u8],
    ranges: &'a [(u32, u32)],
    /// Byte offset of each field in the original line, for column numbers; empty when the
    /// record holds no quote, as each field then starts where its range does.
    starts: &'a [u32],
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn get(&self, i: usize) -> &'a [u8] {
        let (start, end) = self.ranges[i];
        &self.buffer[start as usize..end as usize]
    }

    /// The 1-based byte column where field `i` starts in its line.
    pub fn column(&self, i: usize) -> u32 {
        let start = if self.starts.is_empty() {
            self.ranges.get(i).map(|r| r.0)
        } else {
            self.starts.get(i).copied()
        };
        start.map_or(1, |s| s + 1)
    }

    /// Field `i` as text, when the record is UTF-8 throughout: `whole` is the record's
    /// [`Fields::as_text`], so that a row of many fields is checked once, not per field.
    /// `None` when the field is not text.
    fn text_in(&self, whole: Option<&'a str>, i: usize) -> Option<&'a str> {
        let (start, end) = self.ranges[i];
        match whole {
            Some(text) => text.get(start as usize..end as usize),
            None => std::str::from_utf8(self.get(i)).ok(),
        }
    }

    /// The bytes the fields are cut from as one text, when they are UTF-8: the record
    /// itself, or for a quoted record its fields one after the other without their quotes.
    fn as_text(&self) -> Option<&'a str> {
        std::str::from_utf8(self.buffer).ok()
    }
}

/// Splits records into fields, reusing its buffers from record to record.
pub struct Splitter {
    delimiter: u8,
    scratch: Vec<u8>,
    ranges: Vec<(u32, u32)>,
    starts: Vec<u32>,
}

impl Splitter {
    pub fn new(delimiter: u8) -> Self {
        Self { delimiter, scratch: Vec::new(), ranges: Vec::new(), starts: Vec::new() }
    }

    /// The fields of `record` (one record without its final line ending).
    pub fn split<'a>(&'a mut self, record: &'a [u8]) -> Fields<'a> {
        self.split_as(record, memchr(b'"', record).is_some())
    }

    /// The fields of a record of [`Records`], which found whether it holds a quote: a
    /// search per row saved.
    pub fn split_record<'a>(&'a mut self, record: &Record<'a>) -> Fields<'a> {
        self.split_as(record.bytes, record.quoted)
    }

    /// The fields of `record`, which holds a quote when `quoted`.
    fn split_as<'a>(&'a mut self, record: &'a [u8], quoted: bool) -> Fields<'a> {
        self.ranges.clear();
        self.starts.clear();
        if quoted {
            self.split_quoted(record);
            return Fields { buffer: &self.scratch, ranges: &self.ranges, starts: &self.starts };
        }
        // Without quotes, the fields lie between the delimiters, where they start.
        let (mut start, ranges) = (0, &mut self.ranges);
        each_position(record, self.delimiter, |end| {
            ranges.push((offset(start), offset(end)));
            start = end + 1;
        });
        ranges.push((offset(start), offset(record.len())));
        Fields { buffer: record, ranges: &self.ranges, starts: &[] }
    }

    /// The slow path: copies each field into the scratch buffer without its quotes.
    fn split_quoted(&mut self, record: &[u8]) {
        self.scratch.clear();
        let mut i = 0;
        loop {
            self.starts.push(offset(i));
            let start = self.scratch.len();
            let mut quoted = record.get(i) == Some(&b'"');
            if quoted {
                i += 1;
            }
            while i < record.len() {
                let b = record[i];
                if quoted {
                    if b == b'"' {
                        if record.get(i + 1) == Some(&b'"') {
                            self.scratch.push(b'"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                        i += 1;
                        continue;
                    }
                } else if b == self.delimiter {
                    break;
                }
                self.scratch.push(b);
                i += 1;
            }
            self.ranges.push((offset(start), offset(self.scratch.len())));
            if i >= record.len() {
                break;
            }
            i += 1; // the delimiter
        }
    }
}

/// The problem of a line whose quote does not close, worded the same for every file.
pub const UNBALANCED_QUOTE: &str = "the line opens a quote (`\"`) that does not close into a whole row; \
     the rest of the file is read from the next line";

/// The hint for [`UNBALANCED_QUOTE`].
pub const UNBALANCED_QUOTE_HINT: &str =
    "remove the stray `\"`, or write a quote inside a quoted field as `\"\"`";

/// The problem of a record with the wrong number of fields, worded the same for every file.
pub fn field_count_problem(found: usize, expected: usize) -> String {
    format!(
        "the row has {found} {}, the header {expected} (check the delimiter and quotes)",
        crate::diagnostic::plural(found, "field", "fields")
    )
}

fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Calls `found` with the position of each `byte` in `text`, in order, looking at eight
/// bytes at a time: a record's fields are short, and a search call per field, or a branch
/// per byte, costs more than the word arithmetic.
fn each_position(text: &[u8], byte: u8, mut found: impl FnMut(usize)) {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from_ne_bytes([byte; 8]);
    let mut words = text.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let v = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ pattern;
        // The high bit of each byte of `equal` is set exactly when that byte of `v` is 0,
        // i.e. the text's byte is `byte`: `(v & LOW) + LOW` cannot carry into the next
        // byte, so no byte is marked for its neighbour's sake.
        let mut equal = !(((v & LOW) + LOW) | v | LOW);
        while equal != 0 {
            found(at + (equal.trailing_zeros() / 8) as usize);
            equal &= equal - 1;
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == byte {
            found(at + i);
        }
    }
}

/// The most lines one record may span. A quoted field with line breaks (an address, a
/// comment) is rare and short; a quote that never closes must not swallow the rest of the
/// file, and looking this far ahead for its partner keeps reading linear in the file's size.
pub const MAX_RECORD_LINES: u32 = 64;

/// One record of a block: its bytes (without the final line ending) and the lines it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    pub bytes: &'a [u8],
    pub lines: u32,
    /// The line opens a quote that does not close into a record of the expected shape
    /// within [`MAX_RECORD_LINES`] lines: a bad row, and reading goes on at the next line.
    pub unbalanced: bool,
    /// Whether the record holds a quote (`"`), found while its end was: a record without
    /// one need not be searched for one again ([`Splitter::split_record`]).
    pub quoted: bool,
}

/// What a record of a log is to its readers, in the order they judge it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// Its quote does not close: a bad row ([`UNBALANCED_QUOTE`]).
    Unbalanced,
    /// Nothing but spaces: counted, not read.
    Blank,
    /// A row to read.
    Row,
}

impl Record<'_> {
    /// What the record is. The whole read and the cut into parts both judge records by
    /// this, so that a log gives the same rows either way.
    pub fn kind(&self) -> RecordKind {
        if self.unbalanced {
            RecordKind::Unbalanced
        } else if super::fields::trim(self.bytes).is_empty() {
            RecordKind::Blank
        } else {
            RecordKind::Row
        }
    }
}

/// The records of a block that starts on a record boundary.
///
/// A line whose quotes balance is a record. A line that opens a quote is joined with the
/// lines after it until the quotes balance — a field with line breaks, as RFC 4180 allows —
/// but only if that happens within [`MAX_RECORD_LINES`] lines and the joined record has the
/// expected number of fields; otherwise the line alone is an [`Record::unbalanced`] record.
/// The same bytes always give the same records, which is what lets a file be cut into
/// blocks (see [`complete_records_end`]) and read in parallel.
pub struct Records<'a> {
    rest: &'a [u8],
    /// Whether the block holds a quote at all: if not, every line is a record.
    has_quotes: bool,
    delimiter: u8,
    /// Fields a record must have (the header's); `None` for the header itself.
    fields: Option<usize>,
    /// Whether the block ends the text: if not, a record that runs into its end is left
    /// for the next block rather than judged.
    complete: bool,
}

impl<'a> Records<'a> {
    /// The records of `block`, which ends the text (or ends on a record boundary).
    pub fn new(block: &'a [u8], delimiter: u8, fields: Option<usize>) -> Self {
        Self::with_end(block, delimiter, fields, true)
    }

    fn with_end(block: &'a [u8], delimiter: u8, fields: Option<usize>, complete: bool) -> Self {
        Self { rest: block, has_quotes: memchr(b'"', block).is_some(), delimiter, fields, complete }
    }

    /// The bytes not yet read.
    fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Where the line that starts at `from` ends (its `\n`), or `None` at the block's end.
    fn line_end(&self, from: usize) -> Option<usize> {
        memchr(b'\n', &self.rest[from..]).map(|n| from + n)
    }

    /// The record starting the block and the bytes it takes (with its line ending), or
    /// `None` when the block ends inside it and more text follows.
    fn next_record(&self) -> Option<(Record<'a>, usize)> {
        let first_end = match self.line_end(0) {
            Some(end) => end,
            None if self.complete => self.rest.len(),
            None => return None,
        };
        let mut quotes = if self.has_quotes { memchr_iter(b'"', &self.rest[..first_end]).count() } else { 0 };
        let quoted = quotes > 0;
        let single = |unbalanced| {
            let bytes = strip_cr(&self.rest[..first_end]);
            (Record { bytes, lines: 1, unbalanced, quoted }, first_end + 1)
        };
        if quotes % 2 == 0 {
            return Some(single(false));
        }
        // An open quote: look for the line that closes it.
        let (mut end, mut lines) = (first_end, 1);
        while lines < MAX_RECORD_LINES && end < self.rest.len() {
            let next_end = match self.line_end(end + 1) {
                Some(e) => e,
                None if self.complete => self.rest.len(),
                None => return None,
            };
            quotes += memchr_iter(b'"', &self.rest[end..next_end]).count();
            end = next_end;
            lines += 1;
            if quotes % 2 == 0 {
                let bytes = strip_cr(&self.rest[..end]);
                let shaped = well_formed_fields(bytes, self.delimiter)
                    .is_some_and(|count| self.fields.is_none_or(|n| count == n));
                return Some(if shaped {
                    (Record { bytes, lines, unbalanced: false, quoted: true }, end + 1)
                } else {
                    single(true)
                });
            }
        }
        if end >= self.rest.len() && !self.complete {
            return None;
        }
        Some(single(true))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let (record, taken) = self.next_record()?;
        self.rest = self.rest.get(taken..).unwrap_or_default();
        Some(record)
    }
}

/// Where a block that starts on a record boundary may be cut so that both parts hold whole
/// records: just after the last record that ends inside it, as [`Records`] reads it.
pub fn complete_records_end(block: &[u8], delimiter: u8, fields: usize) -> usize {
    if memchr(b'"', block).is_none() {
        return memrchr(b'\n', block).map_or(0, |n| n + 1);
    }
    let mut records = Records::with_end(block, delimiter, Some(fields), false);
    while records.next().is_some() {}
    block.len() - records.remaining()
}

/// `line` without a final carriage return.
fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The number of fields of `record` when it is well formed as RFC 4180 has it: a quote
/// opens a field only at its start, closes it only before a delimiter or the record's end,
/// and appears inside it only doubled. A record joined across lines must be, or a stray
/// quote could join lines that were never one row.
fn well_formed_fields(record: &[u8], delimiter: u8) -> Option<usize> {
    let mut count = 1;
    let mut i = 0;
    loop {
        if record.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let quote = i + memchr(b'"', &record[i..])?;
                if record.get(quote + 1) == Some(&b'"') {
                    i = quote + 2;
                    continue;
                }
                i = quote + 1;
                break;
            }
            match record.get(i) {
                None => return Some(count),
                Some(&b) if b == delimiter => {}
                Some(_) => return None,
            }
        } else {
            let end = memchr(delimiter, &record[i..]).map_or(record.len(), |n| i + n);
            if memchr(b'"', &record[i..end]).is_some() {
                return None;
            }
            if end == record.len() {
                return Some(count);
            }
            i = end;
        }
        i += 1;
        count += 1;
    }
}

/// A row of a summary file read by its columns' names: each problem comes with the index of
/// the field it is in, for its column number.
pub struct NamedRow<'a> {
    fields: &'a Fields<'a>,
    pub names: &'a [&'a str],
    /// The record as text, checked once ([`Fields::as_text`]); `None` when it is not UTF-8
    /// throughout, and each field is then checked on its own to name the one that is not.
    whole: Option<&'a str>,
}

impl<'a> NamedRow<'a> {
    pub fn new(fields: &'a Fields<'a>, names: &'a [&'a str]) -> Self {
        Self { fields, names, whole: fields.as_text() }
    }

    /// Field `i` as trimmed text.
    pub fn text(&self, i: usize) -> Result<&'a str, (usize, String)> {
        self.fields
            .text_in(self.whole, i)
            .map(super::fields::trim_text)
            .ok_or_else(|| (i, format!("`{}` is not UTF-8 text", self.names[i])))
    }

    /// Field `i` as a whole number ≥ 0.
    pub fn count(&self, i: usize) -> Result<u32, (usize, String)> {
        let t = self.text(i)?;
        t.parse().map_err(|_| (i, format!("{} must be a whole number ≥ 0, got `{t}`", self.names[i])))
    }

    /// The customer id (field 0, not empty) and the segment (field 1): its number in
    /// `segments`, a name not seen before numbered when they are open; `None` when empty.
    pub fn customer_and_segment(
        &self,
        segments: &mut super::segment_names::SegmentNames,
    ) -> Result<(&'a str, Option<usize>), (usize, String)> {
        let id = self.text(0)?;
        if id.is_empty() {
            return Err((0, "the customer id is empty".into()));
        }
        let segment = segments.of_field(self.text(1)?).map_err(|problem| (1, problem))?;
        Ok((id, segment))
    }
}

/// The rows after the header of a summary file of `width` columns, each passed with its line
/// to `row` unless blank; a quote left open is a problem of its own. Every problem `row`
/// gives is collected: `Ok` with them all once the file is read, `Err` when more than
/// [`super::bad_rows::SHOWN`] stop the reading early.
pub fn summary_rows(
    text: &[u8],
    rel: &std::path::Path,
    width: usize,
    row: impl FnMut(&Fields, u32) -> Result<(), crate::diagnostic::Diagnostic>,
) -> Result<Vec<crate::diagnostic::Diagnostic>, Vec<crate::diagnostic::Diagnostic>> {
    first_problems(read_piece(summary_body(text), 1, rel, width, row))
}

/// A summary file's text after its header.
fn summary_body(text: &[u8]) -> &[u8] {
    &text[first_record(text).1..]
}

/// The first record of a comma-separated `text` (its header, without the line ending), and
/// the bytes it takes with its line ending. Only the lines a record may span
/// ([`MAX_RECORD_LINES`]) are read: a million-row file is not searched for quotes to find
/// its first line.
pub fn first_record(text: &[u8]) -> (&[u8], usize) {
    let lines = memchr_iter(b'\n', text).nth(MAX_RECORD_LINES as usize - 1);
    let head = &text[..lines.map_or(text.len(), |n| n + 1)];
    match Records::new(head, b',', None).next_record() {
        Some((record, taken)) => (record.bytes, taken.min(text.len())),
        None => (&[], 0),
    }
}

/// The records of `piece`, whose first line is `line + 1` of the file, passed to `row` as
/// [`summary_rows`] says; returns the problems, stopping after the first one more than
/// [`super::bad_rows::SHOWN`].
fn read_piece(
    piece: &[u8],
    mut line: u32,
    rel: &std::path::Path,
    width: usize,
    mut row: impl FnMut(&Fields, u32) -> Result<(), crate::diagnostic::Diagnostic>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::{Diagnostic, Position};
    let mut splitter = Splitter::new(b',');
    let mut problems = Vec::new();
    for record in Records::new(piece, b',', Some(width)) {
        line += record.lines;
        if record.unbalanced {
            problems.push(
                Diagnostic::new(rel, UNBALANCED_QUOTE)
                    .at(Some(Position { line, column: 1 }))
                    .hint(UNBALANCED_QUOTE_HINT),
            );
        } else if !super::fields::trim(record.bytes).is_empty()
            && let Err(problem) = row(&splitter.split(record.bytes), line)
        {
            problems.push(problem);
        }
        if problems.len() > super::bad_rows::SHOWN {
            break;
        }
    }
    problems
}

/// The problems of a file, in file order, as [`summary_rows`] reports them: `Ok` with up to
/// [`super::bad_rows::SHOWN`], `Err` with the first one more and a note that more follow.
pub fn first_problems(
    mut problems: Vec<crate::diagnostic::Diagnostic>,
) -> Result<Vec<crate::diagnostic::Diagnostic>, Vec<crate::diagnostic::Diagnostic>> {
    if problems.len() <= super::bad_rows::SHOWN {
        return Ok(problems);
    }
    let rel = problems[0].file.clone();
    problems.truncate(super::bad_rows::SHOWN + 1);
    problems.push(crate::diagnostic::Diagnostic::new(rel, "more problems follow; correct these first"));
    Err(problems)
}

/// What one piece of a summary file read by [`summary_pieces`] gave.
pub struct Piece<T, S> {
    /// The rows `row` made, and the line of each.
    pub rows: Vec<T>,
    pub lines: Vec<u32>,
    pub problems: Vec<crate::diagnostic::Diagnostic>,
    /// The piece's own state, as `row` left it.
    pub state: S,
}

/// How many pieces [`summary_pieces`] should cut `text` into: one per core, each of a
/// megabyte or more, so a small file is read at once.
pub fn pieces_for(text: &[u8]) -> usize {
    crate::parallel::threads().min(summary_body(text).len() / (1 << 20) + 1)
}

/// The rows of a summary file as [`summary_rows`] reads them, but in `wanted` pieces (fewer
/// when the file has fewer records; see [`pieces_for`]) cut at record boundaries and read on
/// all cores: a million-customer summary is 70 MB of text. Each piece starts with `state()`
/// for `row` to keep what it learns (new segment names); the pieces come back in file order
/// for the caller to join. A piece stops after one problem more than
/// [`super::bad_rows::SHOWN`], so a file wrong on every line costs little.
pub fn summary_pieces<T: Send, S: Send>(
    wanted: usize,
    text: &[u8],
    rel: &std::path::Path,
    width: usize,
    state: impl Fn() -> S + Sync,
    row: impl Fn(&Fields, u32, &mut S) -> Result<T, crate::diagnostic::Diagnostic> + Sync,
) -> Vec<Piece<T, S>> {
    let body = summary_body(text);
    let mut cuts = vec![0];
    for k in 1..wanted {
        let (start, target) = (cuts[cuts.len() - 1], body.len() * k / wanted);
        if target > start {
            let cut = start + complete_records_end(&body[start..target], b',', width);
            if cut > start {
                cuts.push(cut);
            }
        }
    }
    cuts.push(body.len());
    // The header is line 1, as in `summary_rows`.
    let mut lines = vec![1];
    for w in cuts.windows(2).take(cuts.len().saturating_sub(2)) {
        let before = lines[lines.len() - 1];
        lines.push(before + u32::try_from(memchr_iter(b'\n', &body[w[0]..w[1]]).count()).unwrap_or(u32::MAX));
    }
    let pieces: Vec<(&[u8], u32)> = cuts.windows(2).map(|w| &body[w[0]..w[1]]).zip(lines).collect();
    let (state, row) = (&state, &row);
    crate::parallel::map_runs(&pieces, |run| {
        run.iter()
            .map(|&(piece, line)| {
                let (mut rows, mut lines, mut own) = (Vec::new(), Vec::new(), state());
                let problems = read_piece(piece, line, rel, width, |fields, line| {
                    rows.push(row(fields, line, &mut own)?);
                    lines.push(line);
                    Ok(())
                });
                Piece { rows, lines, problems, state: own }
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// A row's problem from `(field index, message)`, located at `line` and the field's column.
pub fn row_problem(
    rel: &std::path::Path,
    line: u32,
    (field, message): (usize, String),
) -> crate::diagnostic::Diagnostic {
    let column = u32::try_from(field).unwrap_or(0) + 1;
    crate::diagnostic::Diagnostic::new(rel, message).at(Some(crate::diagnostic::Position { line, column }))
}

/// Sorts `items` by their customer id; a problem naming the first id listed twice.
pub fn sorted_once<T>(
    items: &mut [T],
    id: impl Fn(&T) -> &str,
    rel: &std::path::Path,
) -> Result<(), Vec<crate::diagnostic::Diagnostic>> {
    // A summary is usually written sorted: then one pass finds each id after the one before.
    if items.windows(2).all(|w| id(&w[0]) < id(&w[1])) {
        return Ok(());
    }
    items.sort_by(|a, b| id(a).cmp(id(b)));
    match items.windows(2).find(|w| id(&w[0]) == id(&w[1])) {
        Some(w) => Err(vec![crate::diagnostic::Diagnostic::new(
            rel,
            format!("customer `{}` is listed twice", id(&w[0])),
        )]),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header found in its own lines is the one a reading of the whole text finds, with
    /// the bytes it takes: a quoted header over several lines, with either line ending, a
    /// header alone without a line ending, and a quote that never closes.
    #[test]
    fn the_first_record_is_found_without_reading_the_rest() {
        let rows = "a,1\n".repeat(200);
        let unclosed = format!("\"a,b\n{}", "x\n".repeat(100));
        for text in [
            "id,\"two\nlines\"\r\nrest\n".to_owned(),
            format!("h1,h2\r\n{rows}"),
            "h1,h2".to_owned(),
            unclosed,
        ] {
            let whole = Records::new(text.as_bytes(), b',', None).next_record().unwrap();
            assert_eq!(first_record(text.as_bytes()), (whole.0.bytes, whole.1.min(text.len())), "{text:?}");
        }
        assert_eq!(first_record(b"id,x\r\nrow,1\r\n"), (&b"id,x"[..], 6));
        assert_eq!(first_record(b""), (&b""[..], 0));
    }

    fn fields(line: &str, delimiter: u8) -> Vec<String> {
        let mut splitter = Splitter::new(delimiter);
        let f = splitter.split(line.as_bytes());
        (0..f.len()).map(|i| String::from_utf8(f.get(i).to_vec()).unwrap()).collect()
    }

    #[test]
    fn ids_are_sorted_once_and_the_first_repeated_one_is_named() {
        fn check(ids: &[&'static str]) -> Result<Vec<&'static str>, String> {
            let mut items = ids.to_vec();
            let rel = std::path::Path::new("summary.csv");
            sorted_once(&mut items, |s| s, rel).map(|()| items).map_err(|p| p[0].message.clone())
        }
        assert_eq!(check(&["a", "b", "c"]), Ok(vec!["a", "b", "c"]));
        assert_eq!(check(&["c", "a", "b"]), Ok(vec!["a", "b", "c"]));
        assert_eq!(check(&["a", "b", "b", "c"]), Err("customer `b` is listed twice".to_owned()));
        assert_eq!(check(&["d", "c", "a", "c", "a"]), Err("customer `a` is listed twice".to_owned()));
        assert_eq!(check(&[]), Ok(vec![]));
    }

    /// Eight bytes at a time finds every delimiter and nothing else, wherever it lies: the
    /// bytes most like it (one bit off, the high bit set, zero) are the likeliest to be
    /// mistaken for it by word arithmetic.
    #[test]
    fn each_delimiter_is_found_and_nothing_else() {
        for delimiter in [b',', b';', b'\t', b'|'] {
            let alphabet =
                [delimiter, delimiter ^ 1, delimiter ^ 0x80, delimiter.wrapping_sub(1), 0, 0xff, b'a'];
            for len in 0..40usize {
                for seed in 0..alphabet.len() * 3 {
                    let text: Vec<u8> =
                        (0..len).map(|i| alphabet[(i * 5 + seed + i * i * seed) % alphabet.len()]).collect();
                    let mut found = Vec::new();
                    each_position(&text, delimiter, |at| found.push(at));
                    let expected: Vec<usize> = (0..len).filter(|&i| text[i] == delimiter).collect();
                    assert_eq!(found, expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_field_is_located_at_its_column_quoted_or_not() {
        let mut splitter = Splitter::new(b',');
        let plain = splitter.split(b"id,2024-01-05,12.5");
        assert_eq!((0..4).map(|i| plain.column(i)).collect::<Vec<_>>(), [1, 4, 15, 1]);
        let whole = plain.as_text();
        assert_eq!(plain.text_in(whole, 1), Some("2024-01-05"));
        let quoted = splitter.split(br#""a,b",x,"c""d""#);
        assert_eq!((0..3).map(|i| quoted.column(i)).collect::<Vec<_>>(), [1, 7, 9]);
        assert_eq!(quoted.text_in(quoted.as_text(), 2), Some(r#"c"d"#));
        let latin = splitter.split(b"caf\xe9,1");
        assert_eq!(
            (latin.as_text(), latin.text_in(None, 0), latin.text_in(None, 1)),
            (None, None, Some("1"))
        );
    }

    #[test]
    fn plain_and_quoted_fields() {
        assert_eq!(fields("a;b;;c", b';'), ["a", "b", "", "c"]);
        assert_eq!(
            fields(r#"1,"Hansen, Jens","say ""hi""",4"#, b','),
            ["1", "Hansen, Jens", r#"say "hi""#, "4"]
        );
        assert_eq!(fields("", b','), [""]);
        assert_eq!(fields("a,", b','), ["a", ""]);
    }

    #[test]
    fn columns_point_into_the_original_line() {
        let mut splitter = Splitter::new(b',');
        let f = splitter.split(br#""x,y",abc"#);
        assert_eq!((f.column(0), f.column(1)), (1, 7));
    }

    fn records(block: &[u8]) -> Vec<(&[u8], u32, bool)> {
        Records::new(block, b',', Some(2)).map(|r| (r.bytes, r.lines, r.unbalanced)).collect()
    }

    #[test]
    fn records_say_whether_they_hold_a_quote_and_split_as_split_does() {
        let block: &[u8] = b"a,b\n\"c,d\",e\r\nf,\"g\nh\"\n\"open,x\nplain,y\r\n";
        let got: Vec<(&[u8], bool, bool)> =
            Records::new(block, b',', Some(2)).map(|r| (r.bytes, r.quoted, r.unbalanced)).collect();
        let expected: [(&[u8], bool, bool); 5] = [
            (b"a,b", false, false),
            (b"\"c,d\",e", true, false),
            (b"f,\"g\nh\"", true, false),
            (b"\"open,x", true, true),
            (b"plain,y", false, false),
        ];
        assert_eq!(got, expected);
        let (mut by_record, mut by_bytes) = (Splitter::new(b','), Splitter::new(b','));
        for record in Records::new(block, b',', Some(2)) {
            let (a, b) = (by_record.split_record(&record), by_bytes.split(record.bytes));
            let fields =
                |f: &Fields| (0..f.len()).map(|i| (f.get(i).to_vec(), f.column(i))).collect::<Vec<_>>();
            assert_eq!(fields(&a), fields(&b), "{:?}", String::from_utf8_lossy(record.bytes));
        }
    }

    #[test]
    fn records_span_quoted_newlines_and_drop_carriage_returns() {
        let block = b"a,b\r\n\"multi\nline\",c\nlast,x";
        assert_eq!(
            records(block),
            [(&b"a,b"[..], 1, false), (&b"\"multi\nline\",c"[..], 2, false), (&b"last,x"[..], 1, false)]
        );
    }

    #[test]
    fn a_stray_quote_is_one_bad_line_and_reading_goes_on() {
        // The quote never closes: its line is bad, every other line is read.
        let block = b"a,b\nc,5\" screws\nd,e\nf,g\n";
        assert_eq!(
            records(block),
            [
                (&b"a,b"[..], 1, false),
                (&b"c,5\" screws"[..], 1, true),
                (&b"d,e"[..], 1, false),
                (&b"f,g"[..], 1, false)
            ]
        );
        // Two stray quotes lines apart balance, but not into a well-formed record.
        let block = b"a,\"b\nc,d\ne\"f\ng,h";
        let got = records(block);
        assert_eq!(got.iter().map(|r| r.2).collect::<Vec<_>>(), [true, false, true, false]);
        assert_eq!(got.iter().map(|r| r.1).sum::<u32>(), 4, "every line is counted once");
    }

    #[test]
    fn joined_lines_must_form_a_well_formed_record() {
        assert_eq!(well_formed_fields(b"a,\"b\nc\",d", b','), Some(3));
        assert_eq!(well_formed_fields(b"\"say \"\"hi\"\"\",", b','), Some(2));
        // The closing quote is not followed by a delimiter.
        assert_eq!(well_formed_fields(b"a,\"b\nc,\"d,e", b','), None);
        // A quote inside an unquoted field.
        assert_eq!(well_formed_fields(b"a\"b,c", b','), None);
        // Never closed.
        assert_eq!(well_formed_fields(b"a,\"b", b','), None);
    }

    #[test]
    fn a_quote_left_open_is_judged_within_a_bounded_number_of_lines() {
        let mut block = b"x,\"open\n".to_vec();
        for _ in 0..MAX_RECORD_LINES + 10 {
            block.extend_from_slice(b"p,q\n");
        }
        let got = records(&block);
        assert!(got[0].2, "the open quote is a bad row");
        assert_eq!(got.len(), MAX_RECORD_LINES as usize + 11);
    }

    #[test]
    fn blocks_are_cut_after_the_last_whole_record() {
        assert_eq!(complete_records_end(b"a\nb\nc", b',', 1), 4);
        // The last record may still close in the next block: it waits for it.
        assert_eq!(complete_records_end(b"a,b\n\"c\nd", b',', 2), 4);
        assert_eq!(complete_records_end(b"abc", b',', 1), 0);
        // A cut never falls where reading the whole text would not end a record.
        let text = b"h,i\nx,\"y\nz\",w\nstray\",q\nok,1\nlast,2\n";
        for cut in 0..text.len() {
            let end = complete_records_end(&text[..cut], b',', 2);
            let whole: Vec<_> = Records::new(text, b',', Some(2)).collect();
            let first: Vec<_> = Records::new(&text[..end], b',', Some(2)).collect();
            let rest: Vec<_> = Records::new(&text[end..], b',', Some(2)).collect();
            assert_eq!([first, rest].concat(), whole, "cut at {cut}");
        }
    }

    #[test]
    fn a_summary_read_in_pieces_gives_every_row_and_problem_as_read_at_once() {
        use std::fmt::Write as _;
        // Quoted fields (one spanning two lines), blank lines, a bad row and an open quote.
        let mut text = String::from("customer,n\n");
        for i in 0..200 {
            match i % 37 {
                5 => text.push_str("\"multi\nline\",5\n"),
                11 => text.push('\n'),
                17 => text.push_str("bad,x\n"),
                23 => text.push_str("\"open,7\n"),
                _ => {
                    let _ = writeln!(text, "\"c{i}, quoted\",{i}");
                }
            }
        }
        let rel = std::path::Path::new("s.csv");
        let read = |wanted| {
            let pieces = summary_pieces(
                wanted,
                text.as_bytes(),
                rel,
                2,
                || 0usize,
                |f, line, seen: &mut usize| {
                    *seen += 1;
                    let n = std::str::from_utf8(f.get(1)).unwrap();
                    n.parse::<u32>().map(|n| (String::from_utf8(f.get(0).to_vec()).unwrap(), n)).map_err(
                        |_| {
                            crate::diagnostic::Diagnostic::new(rel, "not a number")
                                .at(Some(crate::diagnostic::Position { line, column: 2 }))
                        },
                    )
                },
            );
            let count = pieces.len();
            let rows: Vec<_> =
                pieces.iter().flat_map(|p| p.rows.iter().cloned().zip(p.lines.iter().copied())).collect();
            let problems: Vec<String> =
                pieces.iter().flat_map(|p| &p.problems).map(ToString::to_string).collect();
            let seen: usize = pieces.iter().map(|p| p.state).sum();
            (count, rows, problems, seen)
        };
        let (one, rows, problems, seen) = read(1);
        assert_eq!(one, 1);
        // Of 200 lines, residues 5 and 11 come 6 times, 17 and 23 five times.
        assert_eq!(rows.len(), 200 - 6 - 5 - 5, "every row but the blank, bad and open ones");
        assert!(rows.iter().any(|((id, n), line)| id == "multi\nline" && *n == 5 && *line == 8));
        assert_eq!(problems.len(), 10, "{problems:?}");
        for wanted in [2, 3, 7, 500] {
            let (count, r, p, s) = read(wanted);
            assert!(count > 1, "{wanted} pieces wanted, {count} read");
            assert_eq!((r, p, s), (rows.clone(), problems.clone(), seen), "{wanted} pieces");
        }
    }
}
