//! `uplift summarise` of a log read whole when nothing is cached: the summary written as
//! it is made.
//!
//! Read for the other commands, a log's customers become summaries held in memory, with
//! each segment's figures and loyalty path ([`super::customer_base::derive`]), and the
//! result is cached. The summary file needs the summaries alone, once. So here each batch
//! of customers is summarised straight into its rows on all cores, while this thread
//! writes the batch before: no summary is held, no segment figure counted, and the writing
//! overlaps the summarising. The rows are the ones [`summary_file::write`] writes of
//! `derive`'s summaries, byte for byte (the tests hold the two equal).

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use super::customer_base::{figures, log_coverage};
use super::in_parts::{Failure, not_a_log};
use super::{DataConfig, Input, Log, read, summary_file};
use crate::model::{Coverage, LoyaltyPathSettings};
use crate::project::LogFingerprint;
use crate::project::source::Folder;

/// Customers summarised per batch: some 3 MB of rows. Small enough that the first batch,
/// whose summarising nothing overlaps, is short; large enough that the threads started
/// for each batch cost little beside it.
const BATCH: usize = 1 << 15;

/// A log read whole and judged, to be summarised: its rows, the last day of its
/// observation, and the files read.
pub struct WholeLog {
    log: Log,
    end: i32,
    files: Vec<crate::model::Source>,
}

/// Reads the log `config` names, whole, and judges it: `Err` with its problems.
pub fn read_whole(
    dir: &Folder,
    config: &DataConfig,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
) -> Result<WholeLog, Failure> {
    // Nothing is cached nor lists its inputs: the log is not hashed.
    match read(dir, config, segment_ids, (path, LogFingerprint::ForCache))? {
        Input::Transactions { log, end, files } => Ok(WholeLog { log, end, files }),
        Input::Summary { .. } => Err(not_a_log()),
    }
}

/// Writes the summary of a log read whole to `out`, and says what it covers.
pub fn write_whole(
    read: &WholeLog,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
    out: &mut dyn Write,
) -> std::io::Result<Coverage> {
    let WholeLog { log, end, files } = read;
    let summarised = write_summary(log, *end, (segment_ids, path), out)?;
    let customers = log.customers.len() as u64;
    Ok(log_coverage(log, (*end, files), (summarised, customers - summarised)))
}

/// Writes the summary of `log`, header and rows, `T` counted to day `end`, and returns
/// how many customers have a row.
fn write_summary(
    log: &Log,
    end: i32,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
    out: &mut dyn Write,
) -> std::io::Result<u64> {
    // The loyalty path's columns head a summary with rows only, as `summary_file::write`'s.
    out.write_all(summary_file::header(any_summarised(log, end, path), path).as_bytes())?;
    write_rows(log, end, (segment_ids, path), out)
}

/// Whether any of `log`'s customers has a summary row: a purchase day.
pub fn any_summarised(log: &Log, end: i32, path: &LoyaltyPathSettings) -> bool {
    log.histories().any(|h| figures(&h, end, path).is_some())
}

/// Writes the summary rows of `log`'s customers, `T` counted to day `end`, and returns how
/// many there are: the customers with a purchase day.
pub fn write_rows(
    log: &Log,
    end: i32,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
    out: &mut dyn Write,
) -> std::io::Result<u64> {
    let summarised = AtomicU64::new(0);
    let rows = |run: &[super::Customer]| {
        let mut text = String::with_capacity(run.len() * 96);
        let mut n = 0;
        for customer in run {
            let history = log.history(customer);
            if let Some(figures) = figures(&history, end, path) {
                summary_file::push_row(&mut text, history.id, &figures, (segment_ids, path));
                n += 1;
            }
        }
        summarised.fetch_add(n, Ordering::Relaxed);
        text.into_bytes()
    };
    summary_file::format_in_batches(&log.customers, BATCH, rows, out)?;
    Ok(summarised.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CustomerSummary;
    use crate::project::data::DayTotal;
    use crate::project::data::customer_base::summarise;
    use crate::project::data::log::TestHistory;

    /// The summary `uplift summarise` writes of the summaries the other commands hold.
    fn held(log: &Log, end: i32, (ids, path): (&[String], &LoyaltyPathSettings)) -> Vec<u8> {
        let customers: Vec<CustomerSummary> =
            log.histories().filter_map(|h| summarise(&h, end, path)).collect();
        let mut out = Vec::new();
        summary_file::write(&customers, ids, path, &mut out).unwrap();
        out
    }

    fn streamed(log: &Log, end: i32, settings: (&[String], &LoyaltyPathSettings)) -> (Vec<u8>, u64) {
        let mut out = Vec::new();
        let summarised = write_summary(log, end, settings, &mut out).unwrap();
        (out, summarised)
    }

    #[test]
    fn a_summary_written_as_it_is_made_is_the_summary_of_the_held_summaries() {
        // Over two batches of customers and more, each split into runs on every core:
        // customers with returns only, days of returns, categories, no segment and ids that
        // need quoting, under the loyalty path with and without categories.
        let end = 20_000;
        let ids = ["north".to_owned(), "south".to_owned()];
        let n = BATCH * 2 + 1_234;
        let histories: Vec<TestHistory> = (0..n)
            .map(|i| {
                let k = i32::try_from(i).unwrap();
                // Up to nine days in the two years before the end, each once, in order.
                let days: std::collections::BTreeMap<i32, DayTotal> = (0..=k % 9)
                    .map(|j| {
                        let day = end - 1_990 + (k * 37 + j * 211) % 1_990;
                        let amount =
                            if k % 11 == 0 { -1_000 } else { i64::from((k * 7 + j * 13) % 90_000 - 500) };
                        (day, DayTotal { day, categories: 1 << ((k + j) % 5), amount })
                    })
                    .collect();
                let id = if k % 97 == 0 { format!("c{i:06}, \"q\"") } else { format!("c{i:06}") };
                let segment = (k % 5 != 0).then_some(i % 2);
                (id, segment, days.into_values().collect(), Vec::new())
            })
            .collect();
        let log = Log::of(histories, Some((end - 2_000, end)));
        for categories in [None, Some(3)] {
            let path = LoyaltyPathSettings { categories, ..LoyaltyPathSettings::default() };
            let settings = (&ids[..], &path);
            let (written, summarised) = streamed(&log, end, settings);
            let expected = held(&log, end, settings);
            assert!(written == expected, "the rows differ (categories {categories:?})");
            let rows = memchr::memchr_iter(b'\n', &expected).count() - 1;
            assert_eq!(summarised, rows as u64);
            assert!(summarised > BATCH as u64 && summarised < n as u64, "{summarised} of {n} summarised");
        }
    }

    #[test]
    fn a_log_of_returns_only_gives_the_header_alone_as_the_held_summary_does() {
        let returns = vec![DayTotal { day: 100, categories: 0, amount: -5 }];
        let log = Log::of(vec![("c1".to_owned(), None, returns, Vec::new())], Some((100, 100)));
        let path = LoyaltyPathSettings::default();
        let (written, summarised) = streamed(&log, 200, (&[], &path));
        assert_eq!((written, summarised), (held(&log, 200, (&[], &path)), 0));
        assert_eq!(
            streamed(&Log::of(Vec::new(), None), 200, (&[], &path)).0,
            held(&Log::of(Vec::new(), None), 200, (&[], &path))
        );
    }
}
