//! `uplift summarise` of a log larger than the memory it may take: the log is read and
//! cut into parts by customer id ([`log::split`]), each part's customers then numbered and
//! summarised on their own, so the memory taken is a part's, not the log's. The parts'
//! customers, one part after the other, are the log's in id order: the result is the
//! summary of the log read whole, byte for byte, and so are its problems.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::bad_rows::BadRows;
use super::log::{self, LineMap};
use super::{
    DataConfig, DataInput, LOG_MAX_BYTES, LogLimit, LogRead, LogSetup, date_of, day_of, streamed,
    summary_file,
};
use crate::diagnostic::{Diagnostic, Diagnostics, Invalid, slash_path};
use crate::model::{Coverage, LoyaltyPathSettings};
use crate::project::LogFingerprint;
use crate::project::source::{Folder, Kind};

/// A log larger than the memory limit is read in parts of at most this share of it, in
/// the log's bytes: reading a part takes up to about four fifths of that at the peak (16
/// bytes per row, a few hundred per customer), and the part before it is summarised
/// meanwhile (its days, then its summaries). A log within the limit is read whole, which
/// takes those four fifths once.
const PART_SHARE: u64 = 3;

/// The part size for a memory limit of `memory_limit` bytes: never more than a log read
/// whole may be, which the reader's tables are sized for.
pub fn part_bytes(memory_limit: u64) -> u64 {
    (memory_limit / PART_SHARE).min(LOG_MAX_BYTES)
}

/// The smallest memory limit, in MiB, whose parts hold `part_bytes` each.
fn memory_limit_for(part_bytes: u64) -> u64 {
    (part_bytes * PART_SHARE).div_ceil(1 << 20)
}

/// Whether the data `config` names is a transaction log larger than `memory_limit` bytes,
/// or than a log read whole may be, to be read in parts. `false` when it cannot be found:
/// the whole read then says why.
pub fn needs_parts(dir: &Folder, config: &DataConfig, memory_limit: u64) -> bool {
    let DataInput::Transactions { log, .. } = &config.input else { return false };
    let Ok(Some(path)) = dir.locate(log, Kind::File) else { return false };
    std::fs::metadata(path).is_ok_and(|m| m.len() > memory_limit.min(LOG_MAX_BYTES))
}

/// Where [`summarise`] writes the summary.
pub struct Target<'a> {
    pub out: &'a mut dyn Write,
    /// Whether rows may go out before the whole log is judged: a temporary file, removed
    /// when the log turns out to have problems, may take them; standard output may not.
    pub undoable: bool,
}

/// Why [`summarise`] wrote no whole summary.
#[derive(Debug)]
pub enum Failure {
    /// The log's problems, as the log read whole would give them.
    Invalid(Invalid),
    /// The target could not be written to.
    Output(std::io::Error),
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(problems: Vec<Diagnostic>) -> Self {
        // Ordered as a whole project's problems are.
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        Self::Invalid(Invalid { diagnostics: diagnostics.into_sorted(), texts: BTreeMap::new() })
    }
}

/// The problem of a project whose data, named in project.yaml, is a summary, not a log.
pub(super) fn not_a_log() -> Failure {
    Failure::from(vec![Diagnostic::new(
        Path::new(crate::model::PROJECT_YAML),
        "the data is not a transaction log",
    )])
}

/// What [`summarise`] read, once the summary is written.
pub struct Summarised {
    pub coverage: Coverage,
    /// The parts read.
    pub parts: usize,
    /// The most bytes of the log one part held.
    pub largest: u64,
}

/// Summarises the log `config` names part by part, each of at most [`part_bytes`] of
/// `memory_limit` (apart from one customer's rows, which stay together), its temporary
/// files under `temporary`, and writes the summary to `target`. `Err` with the problems the
/// log read whole would give, or the target's error; `target` then holds nothing, or rows
/// to undo.
///
/// A summary's `T` counts the days to the observation end. When project.yaml sets it and
/// `target` is undoable, each part's rows go out as soon as its customers are summarised.
/// Otherwise each part's summaries are kept on disk, formatted but for `T`
/// ([`summary_file::write_frames`]), and written out once every part has been read and the
/// log judged: without a set end, the end is the log's last day, which only the last part
/// read tells.
pub fn summarise(
    dir: &Folder,
    config: &DataConfig,
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    (memory_limit, temporary): (u64, &Path),
    target: Target,
) -> Result<Summarised, Failure> {
    let DataInput::Transactions { log: rel, customers } = &config.input else { return Err(not_a_log()) };
    let setup = LogSetup::new(dir, config, segment_ids, (rel, customers.as_deref()), LogLimit::InParts)?;
    // Nothing here is cached nor lists its inputs: neither the log nor a part is hashed.
    let spec = setup.spec(rel, config, LogFingerprint::ForCache);
    let advice = |smallest: u64| {
        let limit = memory_limit_for(smallest);
        format!("give `--memory-limit {limit}` or more, so that each part may hold its share of the log")
    };
    let mut parts = log::split(&spec, (part_bytes(memory_limit), &advice), temporary)?;
    let io = parts_error(rel);

    // The end each part's rows are written with as soon as the part is summarised: set in
    // project.yaml, and for a target that can be undone. Otherwise the rows wait as frames.
    let end_up_front = config.observation_end.map(day_of).filter(|_| target.undoable);
    let bad = std::mem::take(&mut parts.bad);
    // Each part is read on a thread of its own while this one summarises and writes the
    // part before: one part waits at most, so two are in memory at once.
    let (sender, received) = sync_channel::<(log::Log, usize)>(0);
    let (read, written) = std::thread::scope(|scope| {
        let (parts, setup) = (&parts, &setup);
        // It owns the sender: the writing's loop ends when the reading does.
        let reading = scope.spawn(move || read_parts(parts, setup, (config, rel), bad, &sender));
        let written =
            write_parts(&received, end_up_front, (segment_ids, path), (parts, &mut *target.out, rel));
        // A failed write takes no more parts: the reading stops once the part it is on is read.
        drop(received);
        (reading.join().expect("the thread reading the parts panicked"), written)
    });
    // The log's problems first, as the whole read gives them, even when the writing failed too.
    let read = read?;
    let written = written?;
    let categories = log::first_categories(read.categories.into_iter());
    let judged = LogRead {
        rows: read.rows,
        period: read.period,
        bad: &read.bad,
        conflicts: read.conflicts,
        categories: &categories,
    };
    let end = judged.judge(&spec, config)?;
    let out = target.out;
    // The rows are out when the end was known, after the header unless none was.
    if !written.header {
        out.write_all(summary_file::header(written.customers > 0, path).as_bytes())
            .map_err(Failure::Output)?;
    }
    for file in &written.frames {
        let frames = std::fs::read(file).map_err(io)?;
        let _ = std::fs::remove_file(file);
        summary_file::write_from_frames(&frames, end, out).map_err(Failure::Output)?;
    }
    let first_day = read.period.map_or(end, |(first, _)| first);
    let coverage = Coverage {
        files: std::iter::once(slash_path(rel)).chain(setup.files.iter().map(|f| f.path.clone())).collect(),
        rows: read.rows,
        lines: Some(parts.lines),
        customers: written.customers,
        customers_returns_only: written.returns_only,
        first_date: date_of(first_day),
        observation_end: date_of(end),
        skipped: read.bad.skipped(),
        from_summary: false,
    };
    Ok(Summarised { coverage, parts: parts.files.len(), largest: read.largest })
}

/// What the parts' reading found, besides their customers: summed over the parts, as the
/// log read whole would find it.
#[derive(Default)]
struct Read {
    rows: u64,
    period: Option<(i32, i32)>,
    /// The bad rows the cut found.
    bad: BadRows,
    conflicts: Vec<log::Conflict>,
    categories: Vec<(u64, String)>,
    /// The most bytes of the log a part held.
    largest: u64,
}

/// Reads each part in turn and sends it, with its number, to be summarised; `bad` holds
/// what the cut found. Stops at the first part that cannot be read, and when nothing takes
/// the parts any more.
fn read_parts(
    parts: &log::Parts,
    setup: &LogSetup,
    (config, rel): (&DataConfig, &Path),
    bad: BadRows,
    sender: &SyncSender<(log::Log, usize)>,
) -> Result<Read, Vec<Diagnostic>> {
    let io = parts_error(rel);
    let mut read = Read { bad, ..Read::default() };
    for (k, ((rows, lines), &bytes)) in parts.files.iter().zip(&parts.text).enumerate() {
        if bytes > LOG_MAX_BYTES {
            return Err(too_large_part(rel, bytes));
        }
        read.largest = read.largest.max(bytes);
        let map = LineMap::read(lines).map_err(io)?;
        let part_spec = log::LogSpec {
            path: rows,
            part: Some(&map),
            ..setup.spec(rel, config, LogFingerprint::ForCache)
        };
        let mut part = log::read_part(&part_spec).map_err(io)?;
        // Its rows are not needed again, and a file removed soon after it was written
        // may never reach the disk.
        let _ = (std::fs::remove_file(rows), std::fs::remove_file(lines));
        // The cut judged the rows: a part's read finds no bad ones, nor blank lines.
        read.rows += part.rows;
        if let Some((lo, hi)) = part.period {
            read.period = Some(read.period.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        }
        read.conflicts.append(&mut part.conflicts);
        read.categories.append(&mut part.categories);
        if sender.send((part, k)).is_err() {
            break; // the writing failed, and says why
        }
    }
    Ok(read)
}

/// What [`write_parts`] wrote.
#[derive(Default)]
struct Written {
    /// Each part's frames, in id order, when the rows wait for the end.
    frames: Vec<PathBuf>,
    /// Whether the summary's header is out: before the first row, when rows go out at once.
    header: bool,
    customers: u64,
    returns_only: u64,
}

/// Summarises each part received, in order, and writes its customers: their rows to `out`,
/// `T` counted to `end_up_front`, or without it their frames to a file beside the part's.
fn write_parts(
    received: &Receiver<(log::Log, usize)>,
    end_up_front: Option<i32>,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
    (parts, out, rel): (&log::Parts, &mut dyn Write, &Path),
) -> Result<Written, Failure> {
    let mut written = Written::default();
    for (part, k) in received {
        if let Some(end) = end_up_front {
            // Summarised straight into their rows, as a log read whole is (`streamed`).
            let mut write = |out: &mut dyn Write| {
                if !written.header && streamed::any_summarised(&part, end, path) {
                    out.write_all(summary_file::header(true, path).as_bytes())?;
                    written.header = true;
                }
                streamed::write_rows(&part, end, (segment_ids, path), out)
            };
            let summarised = write(&mut *out).map_err(Failure::Output)?;
            written.customers += summarised;
            written.returns_only += part.customers.len() as u64 - summarised;
        } else {
            let (summaries, none) = super::customer_base::summaries(part, path);
            written.customers += summaries.len() as u64;
            written.returns_only += none;
            let file = parts.files[k].0.with_file_name(format!("part-{k}.summary"));
            let write = || -> std::io::Result<()> {
                let mut frames = BufWriter::new(File::create_new(&file)?);
                summary_file::write_frames(&summaries, segment_ids, path, &mut frames)?;
                frames.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                Ok(())
            };
            write().map_err(parts_error(rel))?;
            written.frames.push(file);
        }
    }
    Ok(written)
}

/// The problem of the log `rel` whose parts, or the summaries kept beside them, could not
/// be read or written.
fn parts_error(rel: &Path) -> impl Fn(std::io::Error) -> Vec<Diagnostic> + Copy + '_ {
    move |e| vec![Diagnostic::new(rel, format!("cannot read or write its parts: {e}"))]
}

/// The problem of a part larger than a log read whole may be: its customers' rows, or a
/// range of ids the sample missed, hold that much.
fn too_large_part(rel: &Path, bytes: u64) -> Vec<Diagnostic> {
    vec![
        Diagnostic::new(
            rel,
            format!(
                "one range of customer ids holds {} MiB of rows, more than the {} MiB a part may hold",
                bytes >> 20,
                LOG_MAX_BYTES >> 20
            ),
        )
        .hint("a few customers hold most of the rows (a till's walk-in account?): summarise the log in the warehouse (docs/warehouse.md)"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_advised_for_a_part_size_gives_parts_that_large() {
        for part in [1, 1000, 349_525, 349_526, 371_000, 64 << 20, LOG_MAX_BYTES] {
            let limit = memory_limit_for(part);
            assert!(part_bytes(limit << 20) >= part, "{part} bytes: {limit} MiB is not enough");
            assert!(
                limit == 1 || part_bytes((limit - 1) << 20) < part,
                "{part} bytes: {limit} MiB is more than needed"
            );
        }
    }
}
