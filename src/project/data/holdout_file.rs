//! The holdout summary: each customer as of the calibration end and their purchase days
//! after it (`uplift summarise --holdout`), for `uplift fit` to validate the models on, or a
//! warehouse to compute (docs/metrics.md, "Holdout validation"). `uplift fit` recognises it
//! by its header.

use std::path::Path;

use super::csv::{NamedRow, first_record, row_problem, sorted_once, summary_rows};
use super::fields;
use super::segment_names::SegmentNames;
use crate::csv_field::{push_exact, push_number};
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{Calibration, CalibrationCustomer};

/// The columns, in order.
pub const COLUMNS: [&str; 7] =
    ["customer", "segment", "frequency", "recency", "T", "holdout_frequency", "holdout_days"];

/// The longest span of days a row may give: a century. The days bound the frequencies, which
/// size the fit's tables (docs/security.md).
pub const MAX_DAYS: u32 = 36_525;

/// Whether `text` starts with this summary's header.
pub fn is_holdout_summary(text: &[u8]) -> bool {
    let header = first_record(text).0;
    let header = header.strip_prefix(b"\xef\xbb\xbf").unwrap_or(header);
    fields::trim(header) == COLUMNS.join(",").as_bytes()
}

/// Customers formatted before each write by [`write`]: a few megabytes of text, so that a
/// summary of millions of customers is never held whole.
const WRITE_BATCH: usize = 1 << 16;

/// Writes the summary of `calibration` to `out`, segment indices written as `segment_ids`.
pub fn write(
    calibration: &Calibration,
    segment_ids: &[String],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut text = COLUMNS.join(",");
    text.push('\n');
    for customers in calibration.customers.chunks(WRITE_BATCH) {
        for c in customers {
            push_exact(&mut text, &c.id, ',');
            text.push(',');
            if let Some(id) = c.segment.and_then(|s| segment_ids.get(s)) {
                push_exact(&mut text, id, ',');
            }
            for n in [c.frequency, c.recency, c.age, c.holdout_frequency, calibration.holdout_days] {
                text.push(',');
                push_number(&mut text, u64::from(n));
            }
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    out.write_all(text.as_bytes())
}

/// A holdout summary read: the customers, the segment each index names, and the holdout's
/// length in days.
#[derive(Debug)]
pub struct Holdouts {
    pub customers: Vec<CalibrationCustomer>,
    pub segments: Vec<String>,
    pub holdout_days: u32,
}

/// Reads the summary: every row's problems located by line and column, all in one go.
pub fn read(text: &[u8], rel: &Path) -> Result<Holdouts, Vec<Diagnostic>> {
    if !is_holdout_summary(text) {
        return Err(vec![
            Diagnostic::new(rel, "the header is not that of a holdout summary")
                .at(Some(Position { line: 1, column: 1 }))
                .hint(format!("the first line must be `{}`", COLUMNS.join(","))),
        ]);
    }
    let (mut segments, mut customers) = (SegmentNames::open(), Vec::new());
    let mut days: Option<u32> = None;
    let mut problems = summary_rows(text, rel, COLUMNS.len(), |fields, line| {
        let (c, d) = row(fields, &mut segments).map_err(|p| row_problem(rel, line, p))?;
        if let Some(e) = days.filter(|e| *e != d) {
            let problem = (6, format!("holdout_days is {d} here but {e} on earlier rows"));
            return Err(
                row_problem(rel, line, problem).hint("count every customer's holdout over the same days")
            );
        }
        days = Some(d);
        customers.push(c);
        Ok(())
    })?;
    let Some(holdout_days) = days.filter(|_| problems.is_empty()) else {
        if problems.is_empty() {
            problems.push(
                Diagnostic::new(rel, "the file has a header but no rows").hint("export the summary again"),
            );
        }
        return Err(problems);
    };
    sorted_once(&mut customers, |c| &c.id, rel)?;
    Ok(Holdouts { customers, segments: segments.into_names(), holdout_days })
}

/// One row and its `holdout_days`; the error holds the field index and the problem.
fn row(
    f: &super::csv::Fields,
    segments: &mut SegmentNames,
) -> Result<(CalibrationCustomer, u32), (usize, String)> {
    if f.len() != COLUMNS.len() {
        return Err((0, super::csv::field_count_problem(f.len(), COLUMNS.len())));
    }
    let row = NamedRow::new(f, &COLUMNS);
    let (id, segment) = row.customer_and_segment(segments)?;
    let count = |i: usize| row.count(i);
    let (frequency, recency, age) = (count(2)?, count(3)?, count(4)?);
    let (holdout_frequency, days) = (count(5)?, count(6)?);
    if let Some((i, v)) =
        [age, days].into_iter().zip([4, 6]).find(|(v, _)| *v > MAX_DAYS).map(|(v, i)| (i, v))
    {
        return Err((i, format!("{} {v} is more than {MAX_DAYS} days (a century)", COLUMNS[i])));
    }
    if recency > age {
        return Err((3, format!("recency {recency} is longer than T {age}")));
    }
    if frequency > recency {
        return Err((
            2,
            format!("frequency {frequency} is more than recency {recency}: at most one purchase day a day"),
        ));
    }
    if frequency == 0 && recency != 0 {
        return Err((3, "a customer without repeat purchases has recency 0".into()));
    }
    if days == 0 {
        return Err((6, "holdout_days must be at least 1".into()));
    }
    if holdout_frequency > days {
        return Err((
            5,
            format!("holdout_frequency {holdout_frequency} is more than the {days} days of the holdout"),
        ));
    }
    let customer =
        CalibrationCustomer { id: id.to_owned(), segment, frequency, recency, age, holdout_frequency };
    Ok((customer, days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back_and_locates_problems() {
        let calibration = Calibration {
            end: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            holdout_days: 273,
            customers: vec![
                CalibrationCustomer {
                    id: "=1+1".into(),
                    segment: Some(0),
                    frequency: 2,
                    recency: 40,
                    age: 100,
                    holdout_frequency: 3,
                },
                CalibrationCustomer {
                    id: "b".into(),
                    segment: None,
                    frequency: 0,
                    recency: 0,
                    age: 30,
                    holdout_frequency: 0,
                },
            ],
            first_purchase_in_holdout: Vec::new(),
            weekly_purchases: Vec::new(),
        };
        let mut written = Vec::new();
        write(&calibration, &["installers".to_owned()], &mut written).unwrap();
        let text = String::from_utf8(written).unwrap();
        assert!(text.starts_with("customer,segment,frequency,recency,T,holdout_frequency,holdout_days\n=1+1,installers,2,40,100,3,273\n"), "{text}");
        let back = read(text.as_bytes(), Path::new("h.csv")).unwrap();
        assert_eq!((back.customers, back.holdout_days), (calibration.customers, 273));

        let bad = "customer,segment,frequency,recency,T,holdout_frequency,holdout_days\na,s,3,2,9,0,10\nb,s,1,5,9,11,10\nc,s,0,0,9,0,12\n";
        let problems = read(bad.as_bytes(), Path::new("h.csv")).unwrap_err();
        let found: Vec<(u32, u32)> =
            problems.iter().map(|d| (d.position.unwrap().line, d.position.unwrap().column)).collect();
        assert_eq!(found, [(2, 3), (3, 6)], "{problems:?}");
    }

    /// A summary of more customers than a batch holds is every line once, in order.
    #[test]
    fn a_summary_longer_than_a_batch_is_written_whole_and_in_order() {
        let customers: Vec<CalibrationCustomer> = (0..u32::try_from(WRITE_BATCH).unwrap() + 3)
            .map(|i| CalibrationCustomer {
                id: format!("c{i}"),
                segment: Some(0),
                frequency: i % 5,
                recency: i % 7,
                age: 400,
                holdout_frequency: i % 3,
            })
            .collect();
        let lines = customers
            .iter()
            .map(|c| format!("{},s,{},{},400,{},90\n", c.id, c.frequency, c.recency, c.holdout_frequency));
        let expected: String = std::iter::once(format!("{}\n", COLUMNS.join(","))).chain(lines).collect();
        let calibration = Calibration {
            end: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            holdout_days: 90,
            customers,
            first_purchase_in_holdout: Vec::new(),
            weekly_purchases: Vec::new(),
        };
        let mut written = Vec::new();
        write(&calibration, &["s".to_owned()], &mut written).unwrap();
        assert!(String::from_utf8(written).unwrap() == expected, "the written summary differs");
    }
}
