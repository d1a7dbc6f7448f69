//! The customers file: customer id → segment, when the log itself has no segment column.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::csv::{Records, Splitter};
use super::fields;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::project::data::CsvFormat;

/// The largest customers file read: it is read whole.
pub const MAX_BYTES: u64 = 1 << 30;

/// Reads the customers file's `text`: its `customer` and `segment` columns map every customer to one of `ids`.
pub fn read(
    text: &[u8],
    rel: &Path,
    customer_column: &str,
    segment_column: &str,
    format: &CsvFormat,
    ids: &[String],
) -> Result<FxHashMap<Box<[u8]>, usize>, Vec<Diagnostic>> {
    let wanted = [("customer", customer_column), ("segment", segment_column)];
    let (length, names, found) = super::header::locate(text, rel, format, &wanted)?;
    let (customer, segment) = (found[0], found[1]);
    let mut map = FxHashMap::default();
    let mut problems = Vec::new();
    let mut splitter = Splitter::new(format.delimiter);
    let mut line = 1;
    for record in Records::new(&text[length..], format.delimiter, Some(names.len())) {
        line += record.lines;
        let row = line - record.lines + 1;
        if record.unbalanced {
            problems.push(
                Diagnostic::new(rel, super::csv::UNBALANCED_QUOTE)
                    .at(Some(Position { line: row, column: 1 }))
                    .hint(super::csv::UNBALANCED_QUOTE_HINT),
            );
            continue;
        }
        if fields::trim(record.bytes).is_empty() {
            continue;
        }
        let f = splitter.split(record.bytes);
        let at = |column: usize| Some(Position { line: row, column: f.column(column) });
        if f.len() != names.len() {
            problems
                .push(Diagnostic::new(rel, super::csv::field_count_problem(f.len(), names.len())).at(at(0)));
            continue;
        }
        let id = fields::trim(f.get(customer));
        let value = format.encoding.decode(fields::trim(f.get(segment))).unwrap_or_default();
        if id.is_empty() {
            problems.push(
                Diagnostic::new(rel, "the customer id is empty").at(at(customer)).field(customer_column),
            );
            continue;
        }
        let Some(index) = ids.iter().position(|s| *s == value) else {
            let close = did_you_mean(&value, ids.iter().map(String::as_str));
            let d = Diagnostic::new(rel, format!("`{value}` is not a segment id in segments.yaml"))
                .at(at(segment))
                .field(segment_column);
            problems.push(match close {
                Some(c) => d.hint(format!("did you mean `{c}`?")),
                None => d.hint(format!("use one of: {}", ids.join(", "))),
            });
            continue;
        };
        if let Some(&before) = map.get(id) {
            if before != index {
                problems.push(
                    Diagnostic::new(
                        rel,
                        format!(
                            "customer `{}` is listed again, now in segment `{value}` (before: `{}`)",
                            String::from_utf8_lossy(id),
                            ids[before]
                        ),
                    )
                    .at(at(customer))
                    .hint("list each customer once"),
                );
            }
            continue;
        }
        map.insert(Box::from(id), index);
    }
    if problems.is_empty() && map.is_empty() {
        problems.push(
            Diagnostic::new(rel, "the file has a header but no rows").hint("export the customers again"),
        );
    }
    if problems.is_empty() { Ok(map) } else { Err(problems) }
}
