//! A log too large to read in the memory allowed, cut into parts by customer id.
//!
//! Each part holds every usable row of a range of ids, in file order: read on its own
//! ([`parsed::read`]), a part gives its customers whole, and they come after the customers
//! of the part before in id order. So the parts' summaries, one after the other, are the
//! log's summary.
//!
//! The cut reads every row as the whole read does ([`RowReader`]) and writes each usable
//! one to its part as the values read ([`parsed`]), not as text. So the bad rows, blank
//! lines and lines that continue a row are judged and counted here, once, with their lines
//! in the log, and no part is parsed again.
//!
//! The ranges are cut at ids sampled evenly through the file, so the parts hold about
//! equal numbers of rows; one customer's rows always stay together, however many they are.
//! Every row's line in the log is kept beside the part ([`LineMap`]), so every problem a
//! part's customers have (one in two segments, the first line of a category) names the
//! log's line.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use rustc_hash::FxHashMap;

use super::blocks::{Blocks, on_every_core};
use super::ids::word_of;
use super::parsed::{self, FrameWriter};
use super::worker::{BlockTally, ReadRow, RowReader, RowSink, keep_bad, key_text};
use super::{LogSpec, fill, stream, varint};
use crate::diagnostic::Diagnostic;
use crate::model::LineCounts;
use crate::project::data::bad_rows::{BadRow, BadRows, Problem, SHOWN};
use crate::project::data::csv::{Record, Records, Splitter};
use crate::project::data::header::{Header, read_header};
use crate::project::data::progress::Progress;

/// The most parts a log is cut into: each keeps two files open while it is written.
pub const MAX_PARTS: usize = 256;

/// Places in the file where ids are sampled to choose the ranges…
const SAMPLES: u64 = 512;
/// …and the bytes read at each.
const SAMPLE_BYTES: usize = 16 << 10;

/// Each part file's write buffer.
const WRITE_BUFFER: usize = 64 << 10;

/// Bytes read for each block the cut hands to a worker: more than the whole read's
/// ([`super::READ_BLOCK`]), as each block's rows are cut into a run per part, written in
/// block order. Cut in blocks of 1 MiB, the 100 M-row log took 25.3 s instead of 18.5 s
/// (when the parts were text; not measured again since).
const CUT_BLOCK: usize = 4 << 20;

/// A log cut into parts, in a private temporary folder removed when this is dropped, or on
/// Ctrl-C, SIGTERM or SIGHUP.
pub struct Parts {
    // Fields drop in order: the folder is removed before it is forgotten, so a signal in
    // between still finds it registered.
    _folder: tempfile::TempDir,
    _pending: crate::interrupt::Pending,
    /// Each part's file of rows ([`parsed`]), in id order, and the file of its rows'
    /// lines in the log ([`LineMap`]).
    pub files: Vec<(PathBuf, PathBuf)>,
    /// The bytes of the log's rows each part holds: each row's text and a byte for its
    /// line ending.
    pub text: Vec<u64>,
    /// The log's bad rows.
    pub bad: BadRows,
    /// The log's lines.
    pub lines: LineCounts,
}

/// Each row of a part at its line in the log (its first, when it spans more), stored as the
/// differences from the line before (1, the header's, before the first), LEB128 numbers
/// ([`varint`]), with a start every [`LineMap::EVERY`] rows. A part's reader numbers its
/// rows as a file's after a header: 2, 3, … ([`LineMap::line`]).
pub struct LineMap {
    deltas: Vec<u8>,
    /// The byte and the line before every `EVERY`-th row.
    starts: Vec<(usize, u64)>,
    /// The rows mapped.
    rows: u64,
}

impl LineMap {
    const EVERY: usize = 1024;

    /// The map written beside a part.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let deltas = std::fs::read(path)?;
        let mut starts = Vec::new();
        let (mut at, mut line, mut k) = (0, 1u64, 0usize);
        while at < deltas.len() {
            if k % Self::EVERY == 0 {
                starts.push((at, line));
            }
            let not_a_map =
                || std::io::Error::new(std::io::ErrorKind::InvalidData, "a part's line map is cut short");
            let (delta, next) = varint::read(&deltas, at).ok_or_else(not_a_map)?;
            line = line.checked_add(delta).ok_or_else(not_a_map)?;
            at = next;
            k += 1;
        }
        Ok(Self { deltas, starts, rows: k as u64 })
    }

    /// The rows mapped.
    pub fn len(&self) -> u64 {
        self.rows
    }

    /// The log's line of the part's row numbered `line` (from 2; 1 is the log's line 1).
    pub fn line(&self, line: u64) -> u64 {
        let Some(index) = line.checked_sub(2).and_then(|i| usize::try_from(i).ok()) else { return line };
        let past = || {
            debug_assert!(false, "line {line} is past the part's map");
            line
        };
        let Some(&(mut at, mut value)) = self.starts.get(index / Self::EVERY) else { return past() };
        for _ in 0..=index % Self::EVERY {
            if at >= self.deltas.len() {
                return past();
            }
            let Some((delta, next)) = varint::read(&self.deltas, at) else { return past() };
            value += delta;
            at = next;
        }
        value
    }
}

/// What one block of the log holds for the parts.
#[derive(Default)]
struct CutBlock {
    /// Its lines, and its rows' money.
    tally: BlockTally,
    parts: Vec<PartPiece>,
    /// The block's first bad rows, each at its line in the block, and how many of each
    /// problem it holds.
    bad: Vec<(u32, BadRow)>,
    counts: FxHashMap<Problem, u64>,
}

/// What one block holds for one part: a frame of rows ([`parsed`]), and the block lines
/// they start on: the first, the last, and the differences between them (LEB128).
#[derive(Default)]
struct PartPiece {
    rows: Vec<u8>,
    frame: FrameWriter,
    /// The bytes of the rows in the log, as [`Parts::text`] counts them.
    text: u64,
    first: Option<u32>,
    last: u32,
    deltas: Vec<u8>,
}

impl PartPiece {
    /// Adds a row read from `text` bytes of the log that start on the block's line `line`.
    fn push(&mut self, row: &ReadRow, text: usize, line: u32, with_margin: bool) {
        self.frame.push(&mut self.rows, row, with_margin);
        self.text += text as u64 + 1;
        match self.first {
            None => self.first = Some(line),
            Some(_) => varint::push(&mut self.deltas, u64::from(line - self.last)),
        }
        self.last = line;
    }
}

/// The ids at which the parts' ranges begin, sorted, and apart their first eight bytes as
/// numbers ([`word_of`]: ordered as the bytes are, but for ties, which the whole ids
/// decide), so that placing a row mostly compares numbers: up to [`COUNTED`] of them all
/// at once, without a branch to mispredict, more by a binary search.
struct Bounds {
    words: Vec<u64>,
    ids: Vec<Vec<u8>>,
}

/// The most bounds whose first words [`Bounds::part`] compares all with an id's: a log
/// read in the default parts has a dozen. A log cut into up to [`MAX_PARTS`] parts, where
/// comparing all would cost a few hundred comparisons a row, is searched instead.
const COUNTED: usize = 32;

impl Bounds {
    fn new(ids: Vec<Vec<u8>>) -> Self {
        debug_assert!(ids.is_sorted(), "bounds in order");
        Self { words: ids.iter().map(|id| word_of(id)).collect(), ids }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The part of `id`: the number of bounds at or below it. Those of a smaller first word
    /// are, and come first; after them, those of the same first word (rarely any) are when
    /// their whole id is.
    fn part(&self, id: &[u8]) -> usize {
        let word = word_of(id);
        let below = if self.words.len() <= COUNTED {
            self.words.iter().map(|&w| usize::from(w < word)).sum::<usize>()
        } else {
            self.words.partition_point(|&w| w < word)
        };
        let tied = self.words[below..].iter().take_while(|&&w| w == word).count();
        below + self.ids[below..below + tied].iter().filter(|b| b.as_slice() <= id).count()
    }
}

/// Cuts the log `spec` names into parts of about `part_bytes` each, in a temporary folder
/// under `temporary`. `Err` for problems with the file itself, as [`super::read`] gives them,
/// and when the parts cannot be written. A log that would need more than [`MAX_PARTS`]
/// parts is refused with `advice` for parts of the smallest size that would do, in bytes:
/// the caller knows what sets the part size.
pub fn split(
    spec: &LogSpec,
    (part_bytes, advice): (u64, &dyn Fn(u64) -> String),
    temporary: &Path,
) -> Result<Parts, Vec<Diagnostic>> {
    split_in_blocks(spec, (part_bytes, advice), temporary, CUT_BLOCK)
}

/// [`split`], reading `block` bytes at a time: tests cut a small log in many blocks.
fn split_in_blocks(
    spec: &LogSpec,
    (part_bytes, advice): (u64, &dyn Fn(u64) -> String),
    temporary: &Path,
    block: usize,
) -> Result<Parts, Vec<Diagnostic>> {
    let diagnostic = |message: String| vec![Diagnostic::new(spec.rel, message)];
    let read_error = |e: std::io::Error| diagnostic(format!("cannot read the file: {e}"));
    let mut file = File::open(spec.path).map_err(|e| diagnostic(format!("cannot open the file: {e}")))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut first = vec![0; block];
    let filled = fill(&mut file, &mut first).map_err(read_error)?;
    first.truncate(filled);
    let header = read_header(&first, spec.rel, spec.columns, spec.format)?;
    let body_bytes = size.saturating_sub(header.length as u64);
    let wanted = usize::try_from(body_bytes.div_ceil(part_bytes.max(1))).unwrap_or(usize::MAX).max(1);
    if wanted > MAX_PARTS {
        let smallest = body_bytes.div_ceil(MAX_PARTS as u64);
        return Err(vec![
            Diagnostic::new(
                spec.rel,
                format!(
                    "the file is {} MiB: in parts of {} KiB it would take {wanted} parts, and a log is cut into at most {MAX_PARTS}",
                    size >> 20,
                    part_bytes >> 10
                ),
            )
            .hint(advice(smallest)),
        ]);
    }
    let bounds = Bounds::new(if wanted == 1 {
        Vec::new()
    } else {
        let samples = sample_ids(&mut file, &header, spec, size).map_err(read_error)?;
        bounds(&samples, wanted)
    });
    file.seek(SeekFrom::Start(first.len() as u64)).map_err(read_error)?;
    let write_error =
        |e: std::io::Error| diagnostic(format!("cannot write its parts to {}: {e}", temporary.display()));
    let (pending, folder) = crate::interrupt::create(
        || tempfile::Builder::new().prefix("uplift-parts-").tempdir_in(temporary),
        tempfile::TempDir::path,
    )
    .map_err(write_error)?;
    let mut writers = Vec::with_capacity(bounds.len() + 1);
    let mut files = Vec::with_capacity(bounds.len() + 1);
    for k in 0..=bounds.len() {
        let rows = folder.path().join(format!("part-{k}.rows"));
        let map = folder.path().join(format!("part-{k}.lines"));
        let out = BufWriter::with_capacity(WRITE_BUFFER, File::create_new(&rows).map_err(write_error)?);
        let lines = BufWriter::with_capacity(WRITE_BUFFER, File::create_new(&map).map_err(write_error)?);
        writers.push(PartWriter { rows: out, lines, last: 1, text: 0 });
        files.push((rows, map));
    }
    let body = first.split_off(header.length);
    let (cut, written) = cut_and_write(spec, &header, (&mut file, body, size, block), &bounds, &mut writers);
    cut.map_err(read_error)?;
    let Judged { bad, lines, money } = written.map_err(write_error)?;
    if let Some(problem) = super::too_much_money(money, spec) {
        return Err(vec![problem]);
    }
    let mut text = Vec::with_capacity(writers.len());
    for writer in writers {
        writer.rows.into_inner().map_err(|e| write_error(e.into_error()))?;
        writer.lines.into_inner().map_err(|e| write_error(e.into_error()))?;
        text.push(writer.text);
    }
    Ok(Parts { _pending: pending, _folder: folder, files, text, bad, lines })
}

/// An open part.
struct PartWriter {
    /// Its frames of rows.
    rows: BufWriter<File>,
    /// Its line map.
    lines: BufWriter<File>,
    /// The log line of the last row written to it (1, the header's, before the first).
    last: u64,
    /// The bytes of the log's rows written to it.
    text: u64,
}

/// Streams the body through the workers, which cut each block by the ids' ranges, and
/// writes the blocks' pieces to the parts in file order. Returns the reading's result and
/// the writing's, with the lines judged and counted.
fn cut_and_write(
    spec: &LogSpec,
    header: &Header,
    (file, body, size, block): (&mut File, Vec<u8>, u64, usize),
    bounds: &Bounds,
    writers: &mut [PartWriter],
) -> (std::io::Result<()>, std::io::Result<Judged>) {
    let (cut_sender, cut_receiver) = sync_channel::<(u32, CutBlock)>(crate::parallel::threads() * 2);
    // Set when the writing failed: the reading stops, and the workers only take the blocks
    // already sent, so that no send waits for a worker that is gone.
    let failed = AtomicBool::new(false);
    // Set once the log's first bad rows are known: rows of the blocks after are not shown.
    let shown_all = AtomicBool::new(false);
    let mut progress = Progress::new(spec.rel, size);
    let shape = (spec.format.delimiter, header.names.len());
    std::thread::scope(|scope| {
        let shown = &shown_all;
        // The receiver goes with the thread: once it stops, the workers' sends fail.
        let writing = scope.spawn(move || write_in_order(&cut_receiver, writers, shown));
        let outlets = Outlets { cut: &cut_sender, failed: &failed, shown_all: &shown_all };
        let (_, read) = on_every_core(
            |blocks| cut_blocks(spec, header, bounds, blocks, &outlets),
            |feed| {
                stream(file, (body, block), shape, &feed.spares, |index, block| {
                    progress.advance(block.len() as u64);
                    !failed.load(Ordering::Relaxed) && feed.send(index, block)
                })
            },
        );
        drop(cut_sender);
        let written = writing.join().expect("the thread writing the parts panicked");
        progress.finish();
        (read, written)
    })
}

/// Where a cutting worker sends the blocks it cut, and learns that the writing failed, or
/// that no bad row of the blocks still to come is shown.
struct Outlets<'a> {
    cut: &'a SyncSender<(u32, CutBlock)>,
    failed: &'a AtomicBool,
    shown_all: &'a AtomicBool,
}

/// A worker: reads each block it takes and cuts its rows into the parts' pieces.
fn cut_blocks(spec: &LogSpec, header: &Header, bounds: &Bounds, blocks: &Blocks, outlets: &Outlets) {
    let mut splitter = Splitter::new(spec.format.delimiter);
    let mut reader = RowReader::new(spec, header);
    let with_margin = spec.columns.margin.is_some();
    while let Some((index, block)) = blocks.next() {
        if outlets.failed.load(Ordering::Relaxed) {
            continue; // the writing failed: the block is only taken off the queue
        }
        // The parts are of about equal size: room for a share of the block each, and some
        // more, so that a piece rarely grows (each growth copies it). A row takes about two
        // fifths of its text, its line's difference from the line before one byte.
        let share = block.len() / (bounds.len() + 1) / 2;
        // Each made afresh: a clone of an empty list has no room.
        let parts = (0..=bounds.len()).map(|_| PartPiece {
            rows: Vec::with_capacity(share),
            deltas: Vec::with_capacity(share / 16),
            ..PartPiece::default()
        });
        let mut cut = CutBlock { parts: parts.collect(), ..CutBlock::default() };
        let mut sink = CutSink { cut: &mut cut, bounds, with_margin, shown_all: outlets.shown_all };
        cut.tally = reader.read_block(&block, &mut splitter, &mut sink);
        blocks.give_back(block);
        if outlets.cut.send((index, cut)).is_err() {
            outlets.failed.store(true, Ordering::Relaxed);
        }
    }
}

/// A block being cut: each row goes to its part's piece.
struct CutSink<'a> {
    cut: &'a mut CutBlock,
    bounds: &'a Bounds,
    with_margin: bool,
    shown_all: &'a AtomicBool,
}

impl RowSink for CutSink<'_> {
    fn shown(&self) -> bool {
        // Within the block's first, and not once the log's first are known.
        self.cut.bad.len() < SHOWN && !self.shown_all.load(Ordering::Relaxed)
    }

    fn row(&mut self, line: u32, text: usize, row: &ReadRow) {
        let k = self.bounds.part(row.id);
        self.cut.parts[k].push(row, text, line, self.with_margin);
    }

    fn bad(&mut self, line: u32, row: BadRow) {
        keep_bad(&mut self.cut.counts, &mut self.cut.bad, line, row);
    }
}

/// Finds rows' customer ids as the reader keys them, for the sample.
struct Ids {
    splitter: Splitter,
    /// An id decoded from Windows-1252.
    decoded: String,
}

impl Ids {
    /// The id of `record`, trimmed and decoded; empty when the row has none, or too few
    /// fields to have one.
    fn of<'a>(&'a mut self, record: &Record<'a>, header: &Header, spec: &LogSpec) -> &'a [u8] {
        let column = header.columns.customer;
        // Without a quote in its block, a field lies between delimiters: no need to split
        // the others.
        let field = if record.quoted {
            let fields = self.splitter.split_record(record);
            if column < fields.len() { fields.get(column) } else { &[] }
        } else {
            let mut start = 0;
            let ends = memchr::memchr_iter(spec.format.delimiter, record.bytes).chain([record.bytes.len()]);
            ends.map(|end| &record.bytes[std::mem::replace(&mut start, end + 1)..end])
                .nth(column)
                .unwrap_or_default()
        };
        key_text(field, spec.format.encoding, &mut self.decoded)
    }
}

/// What the cut judged of the whole log: its first bad rows and their counts, its lines,
/// and its usable rows' money ([`BlockTally::money`]).
struct Judged {
    bad: BadRows,
    lines: LineCounts,
    money: u64,
}

/// Writes the blocks' pieces to the parts in block order, whichever worker cut them first,
/// and gathers the blocks' bad rows, lines and money.
fn write_in_order(
    receiver: &Receiver<(u32, CutBlock)>,
    writers: &mut [PartWriter],
    shown_all: &AtomicBool,
) -> std::io::Result<Judged> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    let mut bad = BadRows::default();
    let mut lines = LineCounts { header: 1, ..LineCounts::default() };
    let mut money = 0u64;
    let mut first = Vec::new();
    for (index, cut) in receiver {
        waiting.insert(index, cut);
        while let Some(cut) = waiting.remove(&next) {
            let before = 1 + lines.body;
            for (piece, writer) in cut.parts.iter().zip(writers.iter_mut()) {
                let Some(line) = piece.first else { continue };
                parsed::write_frame(&mut writer.rows, &piece.rows)?;
                first.clear();
                varint::push(&mut first, before + u64::from(line) - writer.last);
                writer.lines.write_all(&first)?;
                writer.lines.write_all(&piece.deltas)?;
                writer.last = before + u64::from(piece.last);
                writer.text += piece.text;
            }
            for (problem, count) in cut.counts {
                *bad.counts.entry(problem).or_default() += count;
            }
            // Blocks in file order, and each block's rows: the log's first bad rows.
            let room = SHOWN.saturating_sub(bad.first.len());
            let located = cut.bad.into_iter().take(room);
            bad.first.extend(located.map(|(line, row)| BadRow { line: before + u64::from(line), ..row }));
            if bad.first.len() == SHOWN {
                shown_all.store(true, Ordering::Relaxed);
            }
            lines.body += u64::from(cut.tally.lines);
            lines.blank += cut.tally.blank;
            lines.continuation += cut.tally.continuation;
            money = money.saturating_add(cut.tally.money);
            next += 1;
        }
    }
    Ok(Judged { bad, lines, money })
}

/// Customer ids read at [`SAMPLES`] places spread evenly through the body, sorted.
fn sample_ids(file: &mut File, header: &Header, spec: &LogSpec, size: u64) -> std::io::Result<Vec<Vec<u8>>> {
    let start = header.length as u64;
    let mut ids_of = Ids { splitter: Splitter::new(spec.format.delimiter), decoded: String::new() };
    let mut buffer = vec![0; SAMPLE_BYTES];
    let mut ids = Vec::new();
    for k in 0..SAMPLES {
        let at = start + (size - start) * k / SAMPLES;
        file.seek(SeekFrom::Start(at))?;
        let n = fill(file, &mut buffer)?;
        let window = &buffer[..n];
        // Whole lines only: from the first line that starts in the window (the body's
        // first at the start) to the last that ends in it.
        let from = if k == 0 { 0 } else { memchr::memchr(b'\n', window).map_or(n, |i| i + 1) };
        let to = memchr::memrchr(b'\n', window).map_or(0, |i| i + 1);
        if from >= to {
            continue;
        }
        for record in Records::new(&window[from..to], spec.format.delimiter, Some(header.names.len())) {
            let id = if record.unbalanced { &[][..] } else { ids_of.of(&record, header, spec) };
            if !id.is_empty() {
                ids.push(id.to_vec());
            }
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// The ids at which `parts` ranges begin (the first range begins with the smallest id):
/// the sample's quantiles, each once. Fewer parts when the sample has too few ids.
fn bounds(samples: &[Vec<u8>], parts: usize) -> Vec<Vec<u8>> {
    let mut bounds: Vec<Vec<u8>> =
        (1..parts).filter_map(|k| samples.get(samples.len() * k / parts).cloned()).collect();
    bounds.dedup();
    // A bound at the smallest id sampled would leave the first range with no sampled id.
    if bounds.first().is_some_and(|b| Some(b) == samples.first()) {
        bounds.remove(0);
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::{Log, Segments, first_categories};
    use crate::project::data::fields::{MAX_AMOUNT, UNITS_PER_CURRENCY};
    use crate::project::data::segment_names::SegmentNames;
    use crate::project::data::{Columns, CsvFormat, DateFormat, Encoding, Margin, day_of};

    /// What a test log is read with: its columns `id,date,amount,segment,category`, UTF-8
    /// with `,` and `.`, and the segments `a` and `b`.
    struct Setting {
        columns: Columns,
        format: CsvFormat,
        names: SegmentNames,
    }

    impl Setting {
        fn new() -> Self {
            let columns = Columns {
                customer: "id".into(),
                date: "date".into(),
                amount: "amount".into(),
                margin: None,
                segment: Some("segment".into()),
                category: Some("category".into()),
            };
            let format = CsvFormat {
                delimiter: b',',
                decimal: b'.',
                date_format: DateFormat::new("%Y-%m-%d").unwrap(),
                encoding: Encoding::Utf8,
            };
            Self { columns, format, names: SegmentNames::of(&["a".into(), "b".into()]) }
        }

        /// The same, with a margin read from the column `margin` names, after `category`.
        fn with_margin(margin: Margin) -> Self {
            let mut setting = Self::new();
            setting.columns.margin = Some(margin);
            setting
        }

        fn spec<'a>(&'a self, path: &'a Path, part: Option<&'a LineMap>, end: Option<i32>) -> LogSpec<'a> {
            LogSpec {
                path,
                rel: Path::new("data/log.csv"),
                columns: &self.columns,
                format: &self.format,
                end,
                segments: Segments::Column(&self.names),
                part,
                fingerprint: false,
            }
        }
    }

    /// 4,000 rows of 400 customers with ids of four shapes, and among them every kind a
    /// cut could misplace: runs of 18 and 30 bad amounts, an unknown segment a guess names, rows
    /// after the end, a blank line, a quote that does not close, categories with a line
    /// break, returns without a category, and a customer who changes segment late.
    fn log_text() -> String {
        use std::fmt::Write as _;
        let mut text = String::from("id,date,amount,segment,category\n");
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            seed >> 33
        };
        let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for i in 0..4000u64 {
            let c = next() % 400;
            let id = match c % 4 {
                0 => format!("c{c}"),
                1 => format!("customer-with-a-long-id-{c}-{}", "z".repeat(30)),
                2 => format!("{c:08x}-6dab-4cba-9196-{c:012x}"),
                _ => format!("k{c:05}"),
            };
            let mut segment = if c % 2 == 0 { "a" } else { "b" };
            if i % 997 == 0 {
                segment = "aa";
            }
            if i == 3000 && c % 2 == 0 {
                segment = "b";
            }
            let date = first + chrono::Days::new(i / 10);
            let (amount, category) = match i {
                100..118 | 1500..1530 => ("12x".to_owned(), "c1".to_owned()),
                _ if i % 53 == 0 => ("-5.00".to_owned(), String::new()),
                _ if i % 97 == 0 => {
                    (format!("{}.{:02}", next() % 1000, next() % 100), "\"line\nbreak\"".to_owned())
                }
                _ => (format!("{}.{:02}", next() % 1000, next() % 100), format!("c{}", next() % 5)),
            };
            writeln!(text, "{id},{date},{amount},{segment},{category}").unwrap();
            if i % 401 == 0 {
                text.push('\n');
            }
            if i == 2000 {
                text.push_str("\"c1,2024-02-01,1.00,a,c1\n");
            }
        }
        text
    }

    /// What a log's parts read, put together as the log read whole gives it.
    struct Together {
        histories: Vec<String>,
        rows: u64,
        period: Option<(i32, i32)>,
        conflicts: Vec<super::super::Conflict>,
        categories: Vec<(u64, String)>,
    }

    fn histories(log: &Log) -> Vec<String> {
        log.histories().map(|h| format!("{h:?}")).collect()
    }

    #[test]
    fn a_log_cut_in_many_blocks_reads_in_parts_as_it_reads_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        let text = log_text();
        std::fs::write(&path, &text).unwrap();
        let setting = Setting::new();
        let end = day_of(chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
        let mut whole = super::super::read(&setting.spec(&path, None, Some(end))).unwrap();
        // The log holds what the test is about.
        assert!(whole.bad.total() > 60 && whole.bad.first.len() == SHOWN, "{:?}", whole.bad.counts);
        for problem in [Problem::Amount, Problem::UnknownSegment, Problem::AfterEnd, Problem::Quote] {
            assert!(whole.bad.counts.contains_key(&problem), "{problem:?}");
        }
        // The 20th row shown is a guess's, many blocks past the 19 before it, and 30 bad rows
        // follow it in a run: no block may stop guessing before it is known.
        assert!(whole.bad.first[SHOWN - 1].message.contains("did you mean `a`"), "{:?}", whole.bad.first);
        assert!(whole.bad.first[SHOWN - 1].line > 900 && whole.bad.first[SHOWN - 2].line < 200);
        assert!(!whole.conflicts.is_empty() && whole.categories.len() > 5);
        assert!(whole.lines.blank > 5 && whole.lines.continuation > 10, "{:?}", whole.lines);
        whole.conflicts.sort();

        let advice = |_: u64| String::new();
        let part_bytes = text.len() as u64 / 6;
        for block in [4096, 1 << 20] {
            let parts = split_in_blocks(
                &setting.spec(&path, None, Some(end)),
                (part_bytes, &advice),
                dir.path(),
                block,
            )
            .unwrap();
            assert!(parts.files.len() >= 5, "{} parts", parts.files.len());
            let mut together = Together {
                histories: Vec::new(),
                rows: 0,
                period: None,
                conflicts: Vec::new(),
                categories: Vec::new(),
            };
            for ((rows, lines), &bytes) in parts.files.iter().zip(&parts.text) {
                assert!(
                    bytes > 0 && std::fs::metadata(rows).unwrap().len() < bytes,
                    "rows take less than their text"
                );
                let map = LineMap::read(lines).unwrap();
                let mut part = parsed::read(&setting.spec(rows, Some(&map), Some(end))).unwrap();
                together.histories.extend(histories(&part));
                together.rows += part.rows;
                together.period = match (together.period, part.period) {
                    (Some((a, b)), Some((lo, hi))) => Some((a.min(lo), b.max(hi))),
                    (period, None) | (None, period) => period,
                };
                together.conflicts.append(&mut part.conflicts);
                together.categories.append(&mut part.categories);
            }
            together.conflicts.sort();
            assert_eq!(together.histories, histories(&whole), "blocks of {block}");
            assert_eq!(together.rows, whole.rows);
            assert_eq!(together.period, whole.period);
            assert_eq!(together.conflicts, whole.conflicts);
            assert_eq!(first_categories(together.categories.into_iter()), whole.categories);
            assert_eq!(parts.bad.first, whole.bad.first, "blocks of {block}");
            assert_eq!(parts.bad.counts, whole.bad.counts);
            assert_eq!(parts.lines, whole.lines);
        }
    }

    /// A part's file of `frames` frames, each of the rows `frame` gives, with a line map of
    /// `mapped` rows.
    fn part_file(dir: &Path, frames: usize, frame: &dyn Fn() -> Vec<u8>, mapped: u64) -> (PathBuf, PathBuf) {
        let (rows, lines) = (dir.join("part.rows"), dir.join("part.lines"));
        let mut out = Vec::new();
        for _ in 0..frames {
            parsed::write_frame(&mut out, &frame()).unwrap();
        }
        std::fs::write(&rows, out).unwrap();
        let mut map = Vec::new();
        for _ in 0..mapped {
            varint::push(&mut map, 1);
        }
        std::fs::write(&lines, map).unwrap();
        (rows, lines)
    }

    #[test]
    fn a_part_file_that_does_not_read_as_the_cut_wrote_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let setting = Setting::new();
        let day = day_of(chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap());
        let with_margin = Setting::with_margin(Margin::Money("margin".into()));
        // Two rows of `amount`, and of `margin` when written with one.
        let rows_of = |day: i32, amount: i64, margin: Option<i64>| {
            move || {
                let mut bytes = Vec::new();
                let mut writer = FrameWriter::default();
                let row = ReadRow {
                    id: b"c1",
                    segment: 0,
                    day,
                    amount,
                    margin: margin.unwrap_or(0),
                    category: Some("c1"),
                };
                writer.push(&mut bytes, &row, margin.is_some());
                writer.push(&mut bytes, &ReadRow { id: b"c2", ..row }, margin.is_some());
                bytes
            }
        };
        let read_as = |setting: &Setting, (rows, lines): &(PathBuf, PathBuf)| {
            let map = LineMap::read(lines).unwrap();
            parsed::read(&setting.spec(rows, Some(&map), None)).map(|log| log.rows)
        };
        let read = |file: &(PathBuf, PathBuf)| read_as(&setting, file);
        // As the cut writes it, 40 frames of two rows read, with the most money a row may hold too.
        assert_eq!(read(&part_file(dir.path(), 40, &rows_of(day, 100, None), 80)).unwrap(), 80);
        assert_eq!(read(&part_file(dir.path(), 40, &rows_of(day, MAX_AMOUNT, None), 80)).unwrap(), 80);
        let most = rows_of(day, -MAX_AMOUNT, Some(MAX_AMOUNT));
        assert_eq!(read_as(&with_margin, &part_file(dir.path(), 20, &most, 40)).unwrap(), 40);
        // Every frame's rows out of reach of a log: a day before 1990, an amount or a margin
        // past what a row may hold, more money in all than a log may hold (400 rows of the
        // most); every collector stops at its first, and the read ends.
        for (frames, bad) in [
            (40, rows_of(5, 100, None)),
            (40, rows_of(day, MAX_AMOUNT + 1, None)),
            (200, rows_of(day, MAX_AMOUNT, None)),
        ] {
            assert!(read(&part_file(dir.path(), frames, &bad, 2 * frames as u64)).is_err());
        }
        let past = rows_of(day, 100, Some(-MAX_AMOUNT - 1));
        assert!(read_as(&with_margin, &part_file(dir.path(), 40, &past, 80)).is_err());
        // More rows than the line map places.
        assert!(read(&part_file(dir.path(), 40, &rows_of(day, 100, None), 79)).is_err());
        // The file cut inside its last frame, or a frame's length far past the file's end.
        let file = part_file(dir.path(), 40, &rows_of(day, 100, None), 80);
        let bytes = std::fs::read(&file.0).unwrap();
        std::fs::write(&file.0, &bytes[..bytes.len() - 1]).unwrap();
        assert!(read(&file).is_err());
        let mut huge = bytes.clone();
        huge.extend_from_slice(&(u64::MAX / 2).to_le_bytes());
        huge.extend_from_slice(b"short");
        std::fs::write(&file.0, huge).unwrap();
        assert!(read(&file).is_err());
    }

    #[test]
    fn a_log_holding_more_money_than_a_log_may_is_refused_whole_and_in_parts_before_a_sum_overflows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        let setting = Setting::with_margin(Margin::Money("margin".into()));
        let spec = setting.spec(&path, None, None);
        let advice = |_: u64| String::new();
        let cut = || split_in_blocks(&spec, (1 << 20, &advice), dir.path(), 4096);
        // `rows` rows of one customer's day, each of `amount` and `margin`, spread through
        // 100,000 rows of nothing, so that the whole read's blocks and workers share them.
        let write = |rows: u64, (amount, margin): (&str, &str)| {
            let row = format!("c1,2024-05-01,{amount},a,c1,{margin}\n");
            let nothing = "c2,2024-05-01,0.00,a,,0.00\n".repeat(usize::try_from(100_000 / rows).unwrap());
            let body = (row + &nothing).repeat(usize::try_from(rows).unwrap());
            std::fs::write(&path, format!("id,date,amount,segment,category,margin\n{body}")).unwrap();
            assert!(body.len() > 2 * super::super::READ_BLOCK, "read whole in several blocks");
        };
        // A hundred rows of the most a row may hold are the most a log may: their day sums
        // exactly, read whole or cut.
        let most = "1000000000000.00";
        write(100, (most, "0"));
        let whole = super::super::read(&spec).unwrap();
        assert_eq!(whole.histories().next().unwrap().days[0].amount, 100 * MAX_AMOUNT);
        assert!(cut().is_ok());
        // One row more, a thousand (whose sum an i64 does not hold), a thousand returns, and
        // margins past the cap on amounts within it.
        let cases = [
            (101, (most, "0"), 101_000_000_000_000_u64),
            (1000, (most, "0"), 1_000_000_000_000_000),
            (1000, ("-1000000000000.00", "0"), 1_000_000_000_000_000),
            (101, ("1.00", most), 101_000_000_000_101),
        ];
        for (rows, money, total) in cases {
            write(rows, money);
            let whole = super::super::read(&spec).unwrap_err();
            let parts = cut().err().expect("the cut refuses it too");
            for problems in [whole, parts] {
                assert_eq!(problems.len(), 1, "{problems:?}");
                let expected =
                    format!("add up to {total}: past the cap of 100000000000000 on a file's money");
                assert!(problems[0].message.contains(&expected), "{}", problems[0].message);
            }
        }
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["log.csv"], "no part is left behind");
    }

    #[test]
    fn a_margin_rate_that_makes_more_money_than_a_row_may_hold_is_a_bad_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        let setting = Setting::with_margin(Margin::Rate("rate".into()));
        let rows = [
            "c1,2024-05-01,100.00,a,c1,0.31",
            "c1,2024-05-01,100.00,a,c1,31%",
            "c2,2024-05-01,1000000000000.00,a,c1,1.0001",
            "c3,2024-05-01,5.00,a,c1,300000000000",
            "c4,2024-05-01,-1000000000000.00,a,,-1",
        ];
        std::fs::write(&path, format!("id,date,amount,segment,category,rate\n{}\n", rows.join("\n")))
            .unwrap();
        let log = super::super::read(&setting.spec(&path, None, None)).unwrap();
        let margins: Vec<_> = log.histories().map(|h| (h.id.to_owned(), h.margin(0))).collect();
        // A row's margin is the rate times its amount, rounded; a return's is negative.
        let units = UNITS_PER_CURRENCY;
        assert_eq!(margins, [("c1".to_owned(), 62 * units), ("c4".to_owned(), MAX_AMOUNT)]);
        assert_eq!(log.bad.counts.get(&Problem::Margin), Some(&2), "{:?}", log.bad.first);
        let lines: Vec<_> = log.bad.first.iter().map(|b| (b.line, b.field.as_deref())).collect();
        assert_eq!(lines, [(4, Some("rate")), (5, Some("rate"))]);
        assert!(
            log.bad.first[0]
                .message
                .contains("the margin rate `1.0001` makes a margin of more than 1000000000000")
        );
    }

    #[test]
    fn a_line_map_gives_back_every_line_written() {
        // Lines far apart and close together, past several starts, and one past 2^32.
        let mut lines: Vec<u64> = (0..5000u64).map(|k| 2 + k * k % 7 + k * 3).collect();
        lines.push(5 << 32);
        let mut deltas = Vec::new();
        let mut last = 1;
        for &line in &lines {
            varint::push(&mut deltas, line - last);
            last = line;
        }
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &deltas).unwrap();
        let map = LineMap::read(file.path()).unwrap();
        assert_eq!(map.line(1), 1, "the header");
        for (k, &line) in lines.iter().enumerate() {
            assert_eq!(map.line(k as u64 + 2), line, "the part's line {}", k + 2);
        }
        // A map cut inside its last number is refused.
        std::fs::write(file.path(), &deltas[..deltas.len() - 1]).unwrap();
        assert!(LineMap::read(file.path()).is_err());
    }

    #[test]
    fn ids_fall_in_the_range_their_bytes_sort_into() {
        let ids: Vec<&[u8]> = vec![
            b"",
            b"\0",
            b"a",
            b"a\0",
            b"a\0\0\0",
            b"abcdefg0",
            b"abcdefg00",
            b"abcdefg55x",
            b"abcdefg99",
            b"abcdefgh",
            b"abcdefgh\0",
            b"abcdefgh0",
            b"abcdefgi",
            b"b",
            b"\xc3\xa6",
            b"z",
            b"zzzzzzzzzz",
        ];
        // Bounds alone, two, three sharing their first eight bytes between others, short
        // ones told apart by a NUL byte only, and more than are counted at once.
        let tied: Vec<Vec<u8>> =
            [&b"a"[..], b"abcdefgh", b"abcdefgh\0", b"abcdefgh0", b"abcdefgi"].map(<[u8]>::to_vec).into();
        let many: Vec<Vec<u8>> = (0..100).map(|i| format!("abcdefg{i:02}").into_bytes()).collect();
        let with_nul: Vec<Vec<u8>> = [&b"a"[..], b"a\0", b"a\0\0"].map(<[u8]>::to_vec).into();
        assert!(many.len() > COUNTED);
        for bound_ids in [
            vec![b"abcdefgh".to_vec()],
            vec![b"abcdefgh0".to_vec(), b"b".to_vec()],
            vec![b"a".to_vec()],
            tied,
            many,
            with_nul,
        ] {
            let bounds = Bounds::new(bound_ids.clone());
            for id in &ids {
                let expected = bound_ids.iter().filter(|b| b.as_slice() <= *id).count();
                assert_eq!(
                    bounds.part(id),
                    expected,
                    "{:?} among {bound_ids:?}",
                    String::from_utf8_lossy(id)
                );
            }
        }
    }

    #[test]
    fn ranges_are_cut_at_the_samples_quantiles_each_once() {
        let samples: Vec<Vec<u8>> = (0..100u32).map(|k| format!("{k:03}").into_bytes()).collect();
        assert_eq!(bounds(&samples, 4), [b"025".to_vec(), b"050".to_vec(), b"075".to_vec()]);
        // A sample of one id everywhere leaves one range.
        assert!(bounds(&vec![b"same".to_vec(); 50], 4).is_empty());
        assert!(bounds(&[], 4).is_empty());
    }
}
