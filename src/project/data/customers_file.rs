//! The customers file: customer id → segment, when the log itself has no segment column.

use std::collections::HashMap;
use std::path::Path;

use super::bad_rows::SHOWN;
use super::csv::{Records, Splitter};
use super::fields;
use super::segment_names::SegmentNames;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::project::data::CsvFormat;

/// The largest customers file read: it is read whole.
pub const MAX_BYTES: u64 = 1 << 30;

/// Customer id → index of their segment. Keyed with std's random per-table key, as the ids
/// are the client's and could be chosen to collide under a hash anyone can compute.
pub type SegmentOf = HashMap<Box<[u8]>, usize>;

/// Reads the customers file's `text`: its `customer` and `segment` columns map every customer to one of `segments`.
pub fn read(
    text: &[u8],
    rel: &Path,
    customer_column: &str,
    segment_column: &str,
    format: &CsvFormat,
    segments: &SegmentNames,
) -> Result<SegmentOf, Vec<Diagnostic>> {
    let ids = segments.names();
    let wanted = [("customer", customer_column), ("segment", segment_column)];
    let (length, names, found) = super::header::locate(text, rel, format, &wanted)?;
    let (customer, segment) = (found[0], found[1]);
    let mut map = SegmentOf::default();
    let mut problems = Problems::default();
    let mut splitter = Splitter::new(format.delimiter);
    let mut line = 1;
    for record in Records::new(&text[length..], format.delimiter, Some(names.len())) {
        line += record.lines;
        let row = line - record.lines + 1;
        if record.unbalanced {
            problems.add(|| {
                Diagnostic::new(rel, super::csv::UNBALANCED_QUOTE)
                    .at(Some(Position { line: row, column: 1 }))
                    .hint(super::csv::UNBALANCED_QUOTE_HINT)
            });
            continue;
        }
        if fields::trim(record.bytes).is_empty() {
            continue;
        }
        let f = splitter.split(record.bytes);
        let at = |column: usize| Some(Position { line: row, column: f.column(column) });
        if f.len() != names.len() {
            problems.add(|| {
                Diagnostic::new(rel, super::csv::field_count_problem(f.len(), names.len())).at(at(0))
            });
            continue;
        }
        let id = fields::trim(f.get(customer));
        let value = format.encoding.decode(fields::trim(f.get(segment))).unwrap_or_default();
        if id.is_empty() {
            problems.add(|| {
                Diagnostic::new(rel, "the customer id is empty").at(at(customer)).field(customer_column)
            });
            continue;
        }
        let Some(index) = segments.find(&value) else {
            problems.add(|| {
                let d = Diagnostic::new(rel, format!("`{value}` is not a segment id in segments.yaml"))
                    .at(at(segment))
                    .field(segment_column);
                match did_you_mean(&value, ids.iter().map(String::as_str)) {
                    Some(c) => d.hint(format!("did you mean `{c}`?")),
                    None => d.hint(format!("use one of: {}", ids.join(", "))),
                }
            });
            continue;
        };
        if let Some(&before) = map.get(id) {
            if before != index {
                problems.add(|| {
                    Diagnostic::new(
                        rel,
                        format!(
                            "customer `{}` is listed again, now in segment `{value}` (before: `{}`)",
                            String::from_utf8_lossy(id),
                            ids[before]
                        ),
                    )
                    .at(at(customer))
                    .hint("list each customer once")
                });
            }
            continue;
        }
        map.insert(Box::from(id), index);
    }
    if problems.total == 0 && map.is_empty() {
        problems.add(|| {
            Diagnostic::new(rel, "the file has a header but no rows").hint("export the customers again")
        });
    }
    if problems.total == 0 { Ok(map) } else { Err(problems.into_vec(rel)) }
}

/// A file's problems: the first [`SHOWN`] in full and a count of them all. A problem past
/// those is only counted, never made: a file wrong on each of its millions of lines must
/// not fill the memory with messages, nor guess among a thousand segment names per line.
#[derive(Default)]
struct Problems {
    first: Vec<Diagnostic>,
    total: usize,
}

impl Problems {
    fn add(&mut self, problem: impl FnOnce() -> Diagnostic) {
        self.total += 1;
        if self.first.len() < SHOWN {
            self.first.push(problem());
        }
    }

    /// The problems shown, then how many there are in all when that is more.
    fn into_vec(self, rel: &Path) -> Vec<Diagnostic> {
        let mut shown = self.first;
        if self.total > SHOWN {
            shown.push(Diagnostic::new(
                rel,
                format!("{} problems in all; the first {SHOWN} are listed", self.total),
            ));
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::project::data::fields::{DateFormat, Encoding};

    fn read_text(text: &str) -> Result<SegmentOf, Vec<Diagnostic>> {
        let format = CsvFormat {
            delimiter: b',',
            decimal: b'.',
            date_format: DateFormat::iso(),
            encoding: Encoding::Utf8,
        };
        let segments = SegmentNames::of(&["installers".to_owned(), "utilities".to_owned()]);
        read(text.as_bytes(), Path::new("data/customers.csv"), "id", "segment", &format, &segments)
    }

    #[test]
    fn each_customer_maps_to_their_segment_and_each_problem_is_located() {
        let map = read_text("id,segment\nC1,utilities\nC2,installers\nC1,utilities\n").unwrap();
        assert_eq!((map[b"C1".as_slice()], map[b"C2".as_slice()], map.len()), (1, 0, 2));
        let problems =
            read_text("id,segment\nC1,utilities\nC2,instalers\nC1,installers\n,utilities\n").unwrap_err();
        let shown: Vec<String> = problems
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} ({})",
                    d.position.unwrap().line,
                    d.position.unwrap().column,
                    d.message,
                    d.hint.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "3:4 `instalers` is not a segment id in segments.yaml (did you mean `installers`?)",
                "4:1 customer `C1` is listed again, now in segment `installers` (before: `utilities`) (list each customer once)",
                "5:1 the customer id is empty ()",
            ]
        );
    }

    /// A file wrong on every line costs a count, not a message per line.
    #[test]
    fn a_file_wrong_on_every_line_shows_the_first_problems_and_counts_them_all() {
        let mut text = String::from("id,segment\n");
        for i in 0..50_000 {
            let _ = writeln!(text, "C{i},nowhere");
        }
        let problems = read_text(&text).unwrap_err();
        assert_eq!(problems.len(), SHOWN + 1);
        assert_eq!(problems[SHOWN - 1].position.unwrap().line, u32::try_from(SHOWN).unwrap() + 1);
        assert_eq!(problems[SHOWN].message, format!("50000 problems in all; the first {SHOWN} are listed"));
    }
}
