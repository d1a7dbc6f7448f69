//! The transaction log → one purchase history per customer, read in parallel.
//!
//! The file is streamed in blocks cut at record boundaries; each worker thread parses the
//! blocks it takes into a flat list of 16-byte rows and numbers the customers it meets
//! (`worker`, `rows`). The workers' numberings are then joined in id order, and the rows
//! grouped by customer and summed per day, a wave of customers at a time, each wave's rows
//! given back as its day totals are written (`merge`, `group`, `days`). Only per-customer,
//! per-day totals outlive the read, never the text, so memory follows the number of rows
//! (16 bytes each, 24 with a margin column) and customers, not the file size. Money is
//! summed in whole ten-thousandths, so the result is the same whichever thread read which
//! block.

mod blocks;
mod days;
mod group;
mod ids;
mod merge;
mod numbering;
mod parsed;
mod parts;
mod rows;
mod uuid;
mod varint;
mod worker;

pub use merge::{Conflict, conflict_diagnostics, first_categories};
pub use parsed::read as read_part;
pub use parts::{LineMap, Parts, split};

use blocks::on_every_core;
use days::Days;

use std::fs::File;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::mpsc::Receiver;

use sha2::{Digest, Sha256};

use super::bad_rows::BadRows;
use super::csv::complete_records_end;
use super::customers_file::SegmentOf;
use super::header::{Header, read_header};
use super::progress::Progress;
use super::segment_names::SegmentNames;
use crate::diagnostic::Diagnostic;
use crate::model::LineCounts;
use crate::project::data::{Columns, CsvFormat};

/// Bytes read for each block handed to a worker (plus the part record carried over) when
/// the log is read whole. The blocks in flight (read, queued, parsed) are new memory until
/// the first are given back: with blocks of 4 MiB they faulted in some 40 MB of pages, and
/// the 2 M-row log took 8 % longer (11 alternating runs: 303 → 279 ms median). The cut into
/// parts reads larger blocks ([`parts`]).
const READ_BLOCK: usize = 1 << 20;

/// How each customer's segment is known.
pub enum Segments<'a> {
    /// The data does not say.
    None,
    /// A column of the log holds segment ids; these are the project's.
    Column(&'a SegmentNames),
    /// The customers file maps each customer to a segment index.
    Customers(&'a SegmentOf),
}

/// What to read and how.
pub struct LogSpec<'a> {
    /// The file, and its name relative to the project for messages.
    pub path: &'a Path,
    pub rel: &'a Path,
    pub columns: &'a Columns,
    pub format: &'a CsvFormat,
    /// Rows after this day are bad rows.
    pub end: Option<i32>,
    pub segments: Segments<'a>,
    /// When the file is one part of a larger log ([`split`], [`read_part`]): each of its
    /// rows' line in that log.
    pub part: Option<&'a LineMap>,
    /// Whether to take the file's SHA-256 as it streams past ([`Log::sha256`]). Only the
    /// report, the metrics and the cache use it, and on a 435 MB log it takes a third of a
    /// second of a core the parse could use.
    pub fingerprint: bool,
}

/// A customer as the log has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    /// Where their id is in [`Log::ids`]: one text for all ids, not an allocation each,
    /// which a million customers would pay for twice over in memory.
    id: Range<u32>,
    pub segment: Option<usize>,
    /// Their days' numbers in [`Log::days`], which lie in one of its lists.
    pub days: Range<usize>,
}

/// One customer's net purchases, per day: a view into a [`Log`].
#[derive(Clone, Copy, Debug)]
pub struct History<'a> {
    pub id: &'a str,
    pub segment: Option<usize>,
    /// Sorted by day, one entry per day with any row.
    pub days: &'a [DayTotal],
    /// The margin of each of `days`; empty when the log has no margin column.
    pub margins: &'a [i64],
}

impl History<'_> {
    /// The margin of `days[i]`: 0 without a margin column.
    pub fn margin(&self, i: usize) -> i64 {
        self.margins.get(i).copied().unwrap_or(0)
    }

    /// The history of the first `n` days only.
    #[must_use]
    pub fn first_days(&self, n: usize) -> Self {
        Self { days: &self.days[..n], margins: self.margins.get(..n).unwrap_or(&[]), ..*self }
    }
}

/// A customer's rows on one day, summed. Money in ten-thousandths. The margin is kept
/// apart ([`History::margins`]), so a log without one takes 16 bytes per day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayTotal {
    pub day: i32,
    /// The categories bought that day (rows with an amount above zero), bit `k` for the
    /// `k`-th of the log's categories in name order; 0 without a category column.
    pub categories: u32,
    pub amount: i64,
}

/// The log, read.
#[derive(Debug)]
pub struct Log {
    /// Sorted by id.
    pub customers: Vec<Customer>,
    /// Every customer's id, one after the other (`Customer::id`).
    ids: String,
    /// Every customer's days and their margins, each customer's in one run
    /// (`Customer::days`), the runs in the customers' order.
    days: Days,
    /// Rows used.
    pub rows: u64,
    /// The file's lines, which reconcile: `header + body`, and the body is the rows used,
    /// the bad rows' lines and the blank lines.
    pub lines: LineCounts,
    /// First and last day of the rows used; `None` when no row was usable.
    pub period: Option<(i32, i32)>,
    pub bad: BadRows,
    /// Customers whose rows name more than one segment: the caller reports them together
    /// with the bad rows ([`conflict_diagnostics`]).
    pub conflicts: Vec<Conflict>,
    /// Each category at its first line, in file order, at most [`worker::MAX_CATEGORIES`]
    /// \+ 1: more than the maximum fail the read ([`too_many_categories`]).
    pub categories: Vec<(u64, String)>,
    /// The file's size and SHA-256, hashed while it streamed past; empty unless
    /// [`LogSpec::fingerprint`] asked for it.
    pub bytes: u64,
    pub sha256: String,
}

impl Log {
    /// Each customer with their days, in id order.
    pub fn histories(&self) -> impl ExactSizeIterator<Item = History<'_>> {
        self.customers.iter().map(|c| self.history(c))
    }

    /// One customer (of this log) with their days.
    pub fn history<'a>(&'a self, customer: &'a Customer) -> History<'a> {
        let (days, margins) = self.days.get(customer.days.clone());
        History {
            id: &self.ids[customer.id.start as usize..customer.id.end as usize],
            segment: customer.segment,
            days,
            margins,
        }
    }

    /// Forgets the customers from `at` on and gives the memory of their ids and days back:
    /// a reader done with the last customers hands their memory on to what it made of them.
    /// Each customer's id and days lie after those of the customers before them, so the
    /// lists are cut where the first forgotten customer's begin.
    pub fn truncate(&mut self, at: usize) {
        let Some(first) = self.customers.get(at) else { return };
        let (id_end, days_end) = (first.id.start as usize, first.days.start);
        debug_assert!(
            self.customers[..at].iter().all(|c| c.id.end as usize <= id_end && c.days.end <= days_end),
            "a customer kept has an id or days after the cut"
        );
        self.customers.truncate(at);
        self.customers.shrink_to_fit();
        self.ids.truncate(id_end);
        self.ids.shrink_to_fit();
        self.days.truncate(days_end);
    }

    /// A log of the given customers and days (each sorted by day) with the days' margins
    /// (none, or one per day), for tests.
    #[cfg(test)]
    pub fn of(histories: Vec<TestHistory>, period: Option<(i32, i32)>) -> Self {
        let mut log = Log {
            customers: Vec::new(),
            ids: String::new(),
            days: Days::default(),
            rows: 0,
            lines: LineCounts::default(),
            period,
            bad: BadRows::default(),
            conflicts: Vec::new(),
            categories: Vec::new(),
            bytes: 0,
            sha256: String::new(),
        };
        let with_margins = histories.first().is_some_and(|h| !h.3.is_empty());
        let (mut all_days, mut all_margins) = (Vec::new(), Vec::new());
        for (id, segment, days, margins) in histories {
            let start = all_days.len();
            log.rows += days.len() as u64;
            assert_eq!(
                margins.len(),
                if with_margins { days.len() } else { 0 },
                "margins for every day, or none"
            );
            all_margins.extend(margins);
            all_days.extend(days);
            let at = u32::try_from(log.ids.len()).unwrap();
            log.ids.push_str(&id);
            let id = at..u32::try_from(log.ids.len()).unwrap();
            log.customers.push(Customer { id, segment, days: start..all_days.len() });
        }
        log.days.push(all_days, all_margins);
        log
    }
}

/// A customer for [`Log::of`]: id, segment, days, and the days' margins (or none).
#[cfg(test)]
pub type TestHistory = (String, Option<usize>, Vec<DayTotal>, Vec<i64>);

/// A row's place: its block and its line within the block, ordered as in the file.
type Loc = (u32, u32);

/// A worker's segment index for "no segment".
const NO_SEGMENT: u32 = u32::MAX;

/// Reads the whole log; `Err` for problems with the file itself (missing, not CSV, columns
/// not found, more money than a file may hold: [`super::fields::MAX_LOG_MONEY`]). Bad
/// rows, customers placed in two segments and too many categories are returned, not
/// judged.
pub fn read(spec: &LogSpec) -> Result<Log, Vec<Diagnostic>> {
    let diagnostic = |message: String| vec![Diagnostic::new(spec.rel, message)];
    let mut file = File::open(spec.path).map_err(|e| diagnostic(format!("cannot open the file: {e}")))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut first = vec![0; READ_BLOCK];
    let filled = fill(&mut file, &mut first).map_err(|e| diagnostic(format!("cannot read the file: {e}")))?;
    first.truncate(filled);
    let header = read_header(&first, spec.rel, spec.columns, spec.format)?;
    let mut hasher = Sha256::new();
    hasher.update(&first[..header.length]);
    let body = first.split_off(header.length);

    let mut log = if spec.columns.margin.is_some() {
        read_rows::<rows::RowWithMargin>(spec, &mut file, (&header, body, size), &mut hasher)?
    } else {
        read_rows::<rows::PlainRow>(spec, &mut file, (&header, body, size), &mut hasher)?
    };
    log.bytes = size;
    if spec.fingerprint {
        log.sha256 = format!("{:x}", hasher.finalize());
    }
    Ok(log)
}

/// The problem of a log with more categories than a customer-day's set tells apart, at the
/// line where the first one too many appears; `firsts` as [`Log::categories`] lists them.
pub fn too_many_categories(firsts: &[(u64, String)], spec: &LogSpec) -> Option<Diagnostic> {
    use worker::MAX_CATEGORIES;
    let (line, extra) = firsts.get(MAX_CATEGORIES)?;
    let column = spec.columns.category.as_deref().unwrap_or("category");
    let listed: Vec<String> = firsts[..MAX_CATEGORIES].iter().map(|(_, n)| format!("`{n}`")).collect();
    Some(Diagnostic::new(
        spec.rel,
        format!(
            "`{extra}` is category number {} in the column `{column}`, which may hold at most {MAX_CATEGORIES}; the first {MAX_CATEGORIES}: {}",
            MAX_CATEGORIES + 1,
            listed.join(", ")
        ),
    )
    .at(Some(crate::diagnostic::Position { line: u32::try_from(*line).unwrap_or(u32::MAX), column: 1 }))
    .field(column)
    .hint(format!(
        "the loyalty path counts a customer's categories for its integrated stage and tells at most {MAX_CATEGORIES} apart: export a coarser category (e.g. the assortment's top level), or remove `category` from `data: columns`"
    )))
}

/// Reads the body after the header into rows of type `E`, hashing it as it streams past
/// when the spec asks.
fn read_rows<E: rows::Entry>(
    spec: &LogSpec,
    file: &mut File,
    (header, body, size): (&Header, Vec<u8>, u64),
    hasher: &mut Sha256,
) -> Result<Log, Vec<Diagnostic>> {
    let diagnostic = |message: String| vec![Diagnostic::new(spec.rel, message)];
    let mut progress = Progress::new(spec.rel, size);
    let shape = (spec.format.delimiter, header.names.len());
    let (parts, read_result) = on_every_core(
        |blocks| worker::Worker::<E>::new(spec, header).run(blocks),
        |feed| {
            stream(file, (body, READ_BLOCK), shape, &feed.spares, |index, block| {
                progress.advance(block.len() as u64);
                if spec.fingerprint {
                    hasher.update(&block);
                }
                feed.send(index, block)
            })
        },
    );
    progress.finish();
    read_result.map_err(|e| diagnostic(format!("cannot read the file: {e}")))?;
    if let Some(problem) = too_much_money(money(&parts), spec) {
        return Err(vec![problem]);
    }
    Ok(merge::merge(parts, spec, crate::parallel::threads()))
}

/// The money of the workers' rows ([`worker::Part::money`]), added up to at most `u64::MAX`.
fn money<E>(parts: &[worker::Part<E>]) -> u64 {
    parts.iter().fold(0, |sum, part| sum.saturating_add(part.money))
}

/// The problem of a log whose usable rows hold more money than a file may
/// ([`super::too_much_money`]): `total` their amounts and margins, as [`money`] adds them.
fn too_much_money(total: u64, spec: &LogSpec) -> Option<Diagnostic> {
    let hint = "check `amount` and `margin` under `data: columns:` in project.yaml";
    super::too_much_money(spec.rel, "the rows' amounts and margins", total, hint)
}

/// Reads as much as fits into `buffer`, returning how much was read.
fn fill(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Cuts the rest of the file, after the bytes of `buffer`, into blocks of whole records,
/// reading `block` bytes at a time, and hands each to `send`.
///
/// Each block is read into one that `spares` gives back once a worker is done with it, when
/// there is one: a new block would be zeroed before the read overwrote it, and its pages
/// faulted in afresh (some 4 % of the processor time of the cut of a 100 M-row log). Only
/// the bytes of a block up to its length are its own; a buffer given back is longer than
/// the text it next holds.
fn stream(
    file: &mut File,
    (mut buffer, block): (Vec<u8>, usize),
    (delimiter, fields): (u8, usize),
    spares: &Receiver<Vec<u8>>,
    mut send: impl FnMut(u32, Vec<u8>) -> bool,
) -> std::io::Result<()> {
    let mut index = 0;
    // The bytes of `buffer` read and not yet sent.
    let mut filled = buffer.len();
    loop {
        if buffer.len() < filled + block {
            buffer.resize(filled + block, 0);
        }
        let n = fill(file, &mut buffer[filled..filled + block])?;
        filled += n;
        let at_end = n == 0;
        let cut = if at_end { filled } else { complete_records_end(&buffer[..filled], delimiter, fields) };
        if cut > 0 {
            // The record the block ends inside starts the next.
            let rest = &buffer[cut..filled];
            let mut next = spares.try_recv().unwrap_or_default();
            if next.len() >= rest.len() {
                next[..rest.len()].copy_from_slice(rest);
            } else {
                next.clear();
                next.extend_from_slice(rest);
            }
            filled = rest.len();
            buffer.truncate(cut);
            if !send(index, std::mem::replace(&mut buffer, next)) {
                return Ok(());
            }
            index += 1;
        }
        if at_end {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streams `text` (one record per line) as [`read_rows`] does, each block given back at
    /// once when `give_back` (so that every block after the first few is read into one
    /// given back), and returns the blocks' texts.
    fn streamed(text: &[u8], give_back: bool) -> Vec<Vec<u8>> {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, text).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let (back, spares) = std::sync::mpsc::sync_channel(8);
        let mut blocks = Vec::new();
        stream(&mut file, (Vec::new(), READ_BLOCK), (b',', 2), &spares, |index, block| {
            assert_eq!(index as usize, blocks.len(), "blocks in order");
            blocks.push(block.clone());
            if give_back {
                back.try_send(block).unwrap();
            }
            true
        })
        .unwrap();
        blocks
    }

    #[test]
    fn blocks_read_into_blocks_given_back_hold_the_text_and_end_on_records() {
        // Some 13 MiB of lines of many lengths, so that blocks end inside lines.
        let mut text = Vec::new();
        let mut k = 0_u64;
        while text.len() < 13 << 20 {
            text.extend_from_slice(
                format!("id-{k},{}\n", "x".repeat(usize::try_from(k % 97).unwrap())).as_bytes(),
            );
            k += 1;
        }
        for give_back in [false, true] {
            let blocks = streamed(&text, give_back);
            assert!(blocks.len() >= 4, "{} blocks", blocks.len());
            assert!(blocks.iter().all(|b| b.ends_with(b"\n")), "each block ends on a record");
            assert_eq!(blocks.concat(), text, "given back: {give_back}");
        }
    }

    fn days(first: i32, n: i32) -> Vec<DayTotal> {
        (0..n).map(|k| DayTotal { day: first + k, categories: 0, amount: i64::from(k) }).collect()
    }

    #[test]
    fn truncating_keeps_the_first_customers_as_they_were() {
        for with_margins in [false, true] {
            let histories: Vec<TestHistory> = (0..4)
                .map(|i| {
                    let d = days(10 * i, i + 1);
                    let margins =
                        if with_margins { d.iter().map(|d| d.amount * 2).collect() } else { Vec::new() };
                    (format!("customer-{i}"), Some(0), d, margins)
                })
                .collect();
            let mut log = Log::of(histories, None);
            let before: Vec<String> = log.histories().take(2).map(|h| format!("{h:?}")).collect();
            log.truncate(9);
            assert_eq!(log.customers.len(), 4, "a cut past the end forgets nobody");
            log.truncate(2);
            assert_eq!(log.histories().map(|h| format!("{h:?}")).collect::<Vec<_>>(), before);
            // Customers 0 and 1 have 1 + 2 days and ids of 10 characters each.
            assert_eq!((log.days.len(), log.ids.len()), (3, 20));
            assert_eq!(log.days.get(0..3).1.len(), if with_margins { 3 } else { 0 });
            log.truncate(0);
            assert!(log.customers.is_empty() && log.days.len() == 0 && log.ids.is_empty());
        }
    }
}
