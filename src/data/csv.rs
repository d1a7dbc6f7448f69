//! Records and fields of delimiter-separated text, as spreadsheets and CRM systems write it.
//!
//! Fields may be quoted (`"Nielsen; Hansen"`), with `""` for a quote inside, and a quoted
//! field may span lines. Line endings are `\n` or `\r\n`. This is the common dialect of
//! RFC 4180 with a configurable delimiter; nothing more is guessed.

use memchr::{memchr, memchr_iter, memrchr};

/// One record's fields, borrowed from the line or from the splitter's scratch buffer.
pub struct Fields<'a> {
    buffer: &'a [u8],
    ranges: &'a [(u32, u32)],
    /// Byte offset of each field in the original line, for column numbers.
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
        self.starts.get(i).map_or(1, |s| s + 1)
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
        self.ranges.clear();
        self.starts.clear();
        // A plain byte loop: records are short, and a search call per field costs more
        // than it saves.
        let mut start = 0;
        for (i, &b) in record.iter().enumerate() {
            if b == self.delimiter {
                self.ranges.push((offset(start), offset(i)));
                self.starts.push(offset(start));
                start = i + 1;
            } else if b == b'"' {
                self.ranges.clear();
                self.starts.clear();
                self.split_quoted(record);
                return Fields { buffer: &self.scratch, ranges: &self.ranges, starts: &self.starts };
            }
        }
        self.ranges.push((offset(start), offset(record.len())));
        self.starts.push(offset(start));
        Fields { buffer: record, ranges: &self.ranges, starts: &self.starts }
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

/// The problem of a record with the wrong number of fields, worded the same for every file.
pub fn field_count_problem(found: usize, expected: usize) -> String {
    format!(
        "the row has {found} {}, the header {expected} (check the delimiter and quotes)",
        crate::error::plural(found, "field", "fields")
    )
}

fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Iterates the records of a block that starts and ends on record boundaries, yielding each
/// record (without its line ending) and the number of lines it spans.
pub struct Records<'a> {
    rest: &'a [u8],
    /// Whether the block holds a quote at all: if not, every line is a record.
    has_quotes: bool,
}

impl<'a> Records<'a> {
    pub fn new(block: &'a [u8]) -> Self {
        Self { rest: block, has_quotes: memchr(b'"', block).is_some() }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (&'a [u8], u32);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let mut end = memchr(b'\n', self.rest).unwrap_or(self.rest.len());
        let mut lines = 1;
        if self.has_quotes {
            // A newline inside quotes belongs to the field: extend until the quotes balance.
            while memchr_iter(b'"', &self.rest[..end]).count() % 2 == 1 && end < self.rest.len() {
                end = memchr(b'\n', &self.rest[end + 1..]).map_or(self.rest.len(), |n| end + 1 + n);
                lines += 1;
            }
        }
        let mut record = &self.rest[..end];
        self.rest = self.rest.get(end + 1..).unwrap_or_default();
        if let [rest @ .., b'\r'] = record {
            record = rest;
        }
        Some((record, lines))
    }
}

/// Where a block may be cut so both parts hold whole records: just after the last line
/// ending that is not inside quotes, counting quotes from the block's start (a record
/// boundary). `None` when no such line ending exists yet.
pub fn last_record_end(block: &[u8]) -> Option<usize> {
    let mut quotes_before = memchr_iter(b'"', block).count();
    let mut search = block.len();
    while let Some(newline) = memrchr(b'\n', &block[..search]) {
        quotes_before -= memchr_iter(b'"', &block[newline..search]).count();
        if quotes_before % 2 == 0 {
            return Some(newline + 1);
        }
        search = newline;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str, delimiter: u8) -> Vec<String> {
        let mut splitter = Splitter::new(delimiter);
        let f = splitter.split(line.as_bytes());
        (0..f.len()).map(|i| String::from_utf8(f.get(i).to_vec()).unwrap()).collect()
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

    #[test]
    fn records_span_quoted_newlines_and_drop_carriage_returns() {
        let block = b"a,b\r\n\"multi\nline\",c\nlast";
        let records: Vec<(&[u8], u32)> = Records::new(block).collect();
        assert_eq!(records, [(&b"a,b"[..], 1), (&b"\"multi\nline\",c"[..], 2), (&b"last"[..], 1)]);
    }

    #[test]
    fn blocks_are_cut_outside_quotes() {
        assert_eq!(last_record_end(b"a\nb\nc"), Some(4));
        assert_eq!(last_record_end(b"a\n\"b\nc"), Some(2));
        assert_eq!(last_record_end(b"abc"), None);
    }
}
