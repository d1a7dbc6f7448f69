//! The per-customer summary: written by `uplift summarise`, or computed in a warehouse
//! (docs/warehouse.md) and read instead of the transactions.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::csv::{Records, Splitter};
use super::fields;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::CustomerSummary;

/// The columns, in order.
pub const COLUMNS: [&str; 8] =
    ["customer", "segment", "frequency", "recency", "T", "monetary_value", "first_purchase", "last_purchase"];

/// The largest summary read: it is read whole (a million customers take about 60 MB).
pub const MAX_BYTES: u64 = 4 << 30;

/// Writes `customers` as CSV, naming segments by their ids. Runs of customers are written
/// on all cores and joined in order.
pub fn write(customers: &[CustomerSummary], segment_ids: &[String]) -> String {
    let runs = crate::parallel::map_runs(customers, |run| {
        let mut text = String::with_capacity(run.len() * 72);
        for c in run {
            let segment = c.segment.and_then(|i| segment_ids.get(i)).map_or("", String::as_str);
            crate::csv_field::push_exact(&mut text, &c.id, ',');
            text.push(',');
            crate::csv_field::push_exact(&mut text, segment, ',');
            let _ = writeln!(
                text,
                ",{},{},{},{:.6},{},{}",
                c.frequency, c.recency, c.age, c.monetary, c.first_purchase, c.last_purchase
            );
        }
        text
    });
    let mut out = COLUMNS.join(",");
    out.push('\n');
    out.reserve(runs.iter().map(String::len).sum());
    for run in runs {
        out.push_str(&run);
    }
    out
}

/// A summary file read: the customers and the observation end they imply.
#[derive(Debug)]
pub struct Summary {
    pub customers: Vec<CustomerSummary>,
    pub observation_end: NaiveDate,
    /// The segment each index names.
    pub segments: Vec<String>,
}

/// Reads a summary, checking each row is consistent: `recency ≤ T`, the last purchase
/// `recency` days after the first, and every customer observed to the same end date.
///
/// With `segment_ids`, every segment must be one of them; without, each new segment name
/// seen gets the next index.
pub fn read(text: &[u8], rel: &Path, segment_ids: Option<&[String]>) -> Result<Summary, Vec<Diagnostic>> {
    let mut segments: Vec<String> = segment_ids.map(<[String]>::to_vec).unwrap_or_default();
    let open = segment_ids.is_none();
    if text.is_empty() {
        return Err(vec![Diagnostic::new(rel, "the file is empty").hint("export the summary again")]);
    }
    let header = Records::new(text, b',', None).next().map(|r| r.bytes).unwrap_or_default();
    let bom = if header.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let expected = COLUMNS.join(",");
    if fields::trim(&header[bom..]) != expected.as_bytes() {
        return Err(vec![
            Diagnostic::new(rel, "the header is not that of a customer summary")
                .at(Some(Position { line: 1, column: 1 }))
                .hint(format!("the first line must be `{expected}` (see docs/warehouse.md)")),
        ]);
    }
    let mut splitter = Splitter::new(b',');
    let mut customers = Vec::new();
    let mut problems = Vec::new();
    let mut end: Option<(NaiveDate, u32)> = None;
    let mut line = 1;
    let body = &text[(header.len() + 1).min(text.len())..];
    for record in Records::new(body, b',', Some(COLUMNS.len())) {
        line += record.lines;
        if record.unbalanced {
            problems.push(
                Diagnostic::new(rel, super::csv::UNBALANCED_QUOTE)
                    .at(Some(Position { line, column: 1 }))
                    .hint(super::csv::UNBALANCED_QUOTE_HINT),
            );
            continue;
        }
        if fields::trim(record.bytes).is_empty() {
            continue;
        }
        match row(&splitter.split(record.bytes), &mut segments, open) {
            Ok(c) => {
                let this_end = c.first_purchase + chrono::Days::new(u64::from(c.age));
                match end {
                    Some((e, _)) if e != this_end => problems.push(
                        Diagnostic::new(
                            rel,
                            format!("first_purchase + T is {this_end} here but {e} on earlier rows"),
                        )
                        .at(Some(Position { line, column: 1 }))
                        .hint("compute T for every customer against the same observation end"),
                    ),
                    Some(_) => {}
                    None => end = Some((this_end, line)),
                }
                customers.push(c);
            }
            Err((column, message)) => {
                let column = u32::try_from(column).unwrap_or(0);
                problems.push(Diagnostic::new(rel, message).at(Some(Position { line, column: column + 1 })));
            }
        }
        if problems.len() > super::bad_rows::SHOWN {
            problems.push(Diagnostic::new(rel, "more problems follow; correct these first"));
            return Err(problems);
        }
    }
    let Some((observation_end, _)) = end else {
        problems
            .push(Diagnostic::new(rel, "the file has a header but no rows").hint("export the summary again"));
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    customers.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(w) = customers.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(vec![Diagnostic::new(rel, format!("customer `{}` is listed twice", w[0].id))]);
    }
    Ok(Summary { customers, observation_end, segments })
}

/// One row; the error holds the field index and the problem.
fn row(
    f: &super::csv::Fields,
    segments: &mut Vec<String>,
    open: bool,
) -> Result<CustomerSummary, (usize, String)> {
    if f.len() != COLUMNS.len() {
        return Err((0, super::csv::field_count_problem(f.len(), COLUMNS.len())));
    }
    let text = |i: usize| -> Result<&str, (usize, String)> {
        std::str::from_utf8(fields::trim(f.get(i)))
            .map_err(|_| (i, format!("`{}` is not UTF-8 text", COLUMNS[i])))
    };
    let count = |i: usize| -> Result<u32, (usize, String)> {
        let t = text(i)?;
        t.parse().map_err(|_| (i, format!("{} must be a whole number ≥ 0, got `{t}`", COLUMNS[i])))
    };
    let date = |i: usize| -> Result<NaiveDate, (usize, String)> {
        let t = text(i)?;
        iso_date(t).ok_or_else(|| (i, format!("{} must be a date YYYY-MM-DD, got `{t}`", COLUMNS[i])))
    };
    let id = text(0)?;
    if id.is_empty() {
        return Err((0, "the customer id is empty".into()));
    }
    let segment_text = text(1)?;
    let segment = match segments.iter().position(|s| s == segment_text) {
        _ if segment_text.is_empty() => None,
        Some(i) => Some(i),
        None if open => {
            segments.push(segment_text.to_owned());
            Some(segments.len() - 1)
        }
        None => {
            return Err((
                1,
                format!(
                    "`{segment_text}` is not a segment id in segments.yaml (use one of: {})",
                    segments.join(", ")
                ),
            ));
        }
    };
    let (frequency, recency, age) = (count(2)?, count(3)?, count(4)?);
    let m = text(5)?;
    let monetary: f64 = m
        .parse()
        .ok()
        .filter(|x: &f64| x.is_finite())
        .ok_or_else(|| (5, format!("monetary_value must be a number, got `{m}`")))?;
    let (first_purchase, last_purchase) = (date(6)?, date(7)?);
    if recency > age {
        return Err((3, format!("recency {recency} is longer than T {age}")));
    }
    if first_purchase + chrono::Days::new(u64::from(recency)) != last_purchase {
        return Err((7, format!("last_purchase must be first_purchase + recency days ({recency})")));
    }
    if frequency > recency {
        return Err((
            2,
            format!(
                "frequency {frequency} is more than recency {recency}: repeat purchases are counted in days, at most one a day after the first"
            ),
        ));
    }
    if frequency == 0 && recency != 0 {
        return Err((3, "a customer without repeat purchases has recency 0".into()));
    }
    Ok(CustomerSummary {
        id: id.to_owned(),
        segment,
        frequency,
        recency,
        age,
        monetary,
        first_purchase,
        last_purchase,
    })
}

/// A `YYYY-MM-DD` date. The common exact form is read directly (chrono's general parser
/// takes a tenth of a second per million dates); any other text goes to chrono.
fn iso_date(t: &str) -> Option<NaiveDate> {
    if let [y @ .., b'-', m1, m2, b'-', d1, d2] = t.as_bytes() {
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
        };
        if y.len() == 4 {
            if let (Some(year), Some(month), Some(day)) =
                (number(y), number(&[*m1, *m2]), number(&[*d1, *d2]))
            {
                return NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day);
            }
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}
