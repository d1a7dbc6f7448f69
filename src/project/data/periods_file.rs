//! The per-customer summary of a discrete-time business, for the BG/BB model: how many of
//! `periods` opportunities (years, renewals, events) each customer transacted at, and the
//! last. `uplift fit` recognises it by its header.

use std::path::Path;

use super::csv::{NamedRow, first_record, row_problem, sorted_once, summary_rows};
use super::fields;
use super::segment_names::SegmentNames;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::PeriodHistory;

/// The columns, in order; `count` is optional (an aggregated summary, as the donations data
/// set of Fader, Hardie & Shang 2010 is).
pub const COLUMNS: [&str; 5] = ["customer", "segment", "frequency", "recency", "periods"];

/// The most opportunities a history may span: each is a term of its likelihood, every
/// evaluation (docs/security.md). A thousand is twenty years of weeks.
pub const MAX_PERIODS: u32 = 1_000;

/// Whether `text` starts with this summary's header.
pub fn is_periods_summary(text: &[u8]) -> bool {
    let header = first_record(text).0;
    let header = header.strip_prefix(b"\xef\xbb\xbf").unwrap_or(header);
    header.starts_with(COLUMNS.join(",").as_bytes())
}

/// The histories read, and the segment each index names.
#[derive(Debug)]
pub struct Periods {
    pub histories: Vec<PeriodHistory>,
    pub segments: Vec<String>,
}

/// Reads the summary: every row's problems located by line and column, all in one go.
pub fn read(text: &[u8], rel: &Path) -> Result<Periods, Vec<Diagnostic>> {
    let header = first_record(text).0;
    let bom = if header.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let names: Vec<&str> =
        std::str::from_utf8(fields::trim(&header[bom..])).unwrap_or_default().split(',').collect();
    let counted = names.len() == COLUMNS.len() + 1 && names[COLUMNS.len()] == "count";
    if names.get(..COLUMNS.len()) != Some(&COLUMNS[..]) || !(names.len() == COLUMNS.len() || counted) {
        return Err(vec![
            Diagnostic::new(rel, "the header is not that of a periods summary")
                .at(Some(Position { line: 1, column: 1 }))
                .hint(format!(
                    "the first line must be `{}`, optionally followed by `,count`",
                    COLUMNS.join(",")
                )),
        ]);
    }
    let (mut segments, mut histories) = (SegmentNames::open(), Vec::new());
    let mut problems = summary_rows(text, rel, names.len(), |fields, line| {
        histories.push(row(fields, &names, &mut segments).map_err(|p| row_problem(rel, line, p))?);
        Ok(())
    })?;
    if histories.is_empty() && problems.is_empty() {
        problems
            .push(Diagnostic::new(rel, "the file has a header but no rows").hint("export the summary again"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    sorted_once(&mut histories, |h| &h.id, rel)?;
    Ok(Periods { histories, segments: segments.into_names() })
}

/// One row; the error holds the field index and the problem.
fn row(
    f: &super::csv::Fields,
    names: &[&str],
    segments: &mut SegmentNames,
) -> Result<PeriodHistory, (usize, String)> {
    if f.len() != names.len() {
        return Err((0, super::csv::field_count_problem(f.len(), names.len())));
    }
    let row = NamedRow::new(f, names);
    let (id, segment) = row.customer_and_segment(segments)?;
    let count = |i: usize| row.count(i);
    let (frequency, recency, periods) = (count(2)?, count(3)?, count(4)?);
    if periods > MAX_PERIODS {
        return Err((
            4,
            format!(
                "periods {periods} is more than the {MAX_PERIODS} opportunities a periods summary may span"
            ),
        ));
    }
    if recency > periods {
        return Err((3, format!("recency {recency} is later than the last opportunity, periods {periods}")));
    }
    if frequency > recency {
        return Err((
            2,
            format!(
                "frequency {frequency} is more than recency {recency}: at most one transaction per opportunity"
            ),
        ));
    }
    if (frequency == 0) != (recency == 0) {
        return Err((3, "recency is 0 exactly when frequency is 0 (no transaction after the first)".into()));
    }
    let weight = if names.len() > COLUMNS.len() {
        let t = row.text(5)?;
        t.parse()
            .ok()
            .filter(|&n: &u64| n > 0)
            .ok_or_else(|| (5, format!("count must be a whole number ≥ 1, got `{t}`")))?
    } else {
        1
    };
    Ok(PeriodHistory { id: id.to_owned(), segment, frequency, recency, periods, count: weight })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_aggregated_summary_and_locates_every_problem() {
        let text = b"customer,segment,frequency,recency,periods,count\nh1,,0,0,6,3464\nh2,,1,1,6,1091\n";
        assert!(is_periods_summary(text));
        let periods = read(text, Path::new("d.csv")).unwrap();
        assert_eq!(periods.histories.len(), 2);
        assert_eq!(periods.histories[0].count, 3464);

        let bad = b"customer,segment,frequency,recency,periods\na,s,3,2,6\nb,s,1,7,6\nc,s,0,2,6\nd,s,x,1,6\n";
        let problems = read(bad, Path::new("d.csv")).unwrap_err();
        let found: Vec<(u32, u32)> =
            problems.iter().map(|d| (d.position.unwrap().line, d.position.unwrap().column)).collect();
        assert_eq!(found, [(2, 3), (3, 4), (4, 4), (5, 3)], "{problems:?}");
        // Windows line endings count one line each, the header's too.
        let crlf = String::from_utf8_lossy(bad).replace('\n', "\r\n");
        let problems = read(crlf.as_bytes(), Path::new("d.csv")).unwrap_err();
        let found_crlf: Vec<(u32, u32)> =
            problems.iter().map(|d| (d.position.unwrap().line, d.position.unwrap().column)).collect();
        assert_eq!(found_crlf, found, "{problems:?}");
        assert!(!is_periods_summary(b"customer,segment,frequency,recency,T,monetary_value\n"));
    }
}
