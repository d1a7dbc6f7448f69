//! `uplift summarise` of a log larger than the memory it may take: the log is cut into
//! parts by customer id ([`log::split`]), each part read and its customers summarised on
//! its own, so the memory taken is a part's, not the log's. A summary's `T` counts the days
//! to the observation end, the log's last day, which only the last part read tells: each
//! part's summaries are therefore kept on disk, formatted but for `T`, and written out in
//! id order once every part has been read. The result is the summary of the log read
//! whole, byte for byte, and so are its problems.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use super::log::{self, LineMap};
use super::{DataConfig, DataInput, LOG_MAX_BYTES, LogLimit, LogRead, LogSetup, date_of, summary_file};
use crate::diagnostic::{Diagnostic, slash_path};
use crate::model::{Coverage, LineCounts, LoyaltyPathSettings};
use crate::project::LogFingerprint;
use crate::project::source::{Folder, Kind};

/// A log larger than the memory limit is read in parts of at most this share of it:
/// reading a part takes up to about four fifths of its size at the peak (16 bytes per row,
/// a few hundred per customer), and the part before it is summarised meanwhile (its days,
/// then its summaries). A log within the limit is read whole, which takes those four
/// fifths once.
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

/// A log summarised part by part, waiting to be written ([`Summarised::write`]).
pub struct Summarised {
    /// The log's parts, kept for their temporary folder, which holds the summaries.
    _parts: log::Parts,
    /// Each part's summaries, in id order ([`summary_file::write_frames`]).
    frames: Vec<PathBuf>,
    header: String,
    /// The observation end, as a day number.
    end: i32,
    pub coverage: Coverage,
    /// Parts read, and the most bytes one of them held.
    pub parts: (usize, u64),
}

/// Summarises the log `config` names part by part, each of at most [`part_bytes`] of
/// `memory_limit` (apart from one customer's rows, which stay together), its temporary
/// files under `temporary`. `Err` with the problems the log read whole would give.
pub fn summarise(
    dir: &Folder,
    config: &DataConfig,
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    (memory_limit, temporary): (u64, &Path),
) -> Result<Summarised, Vec<Diagnostic>> {
    let DataInput::Transactions { log: rel, customers } = &config.input else {
        return Err(vec![Diagnostic::new(
            Path::new(crate::model::PROJECT_YAML),
            "the data is not a transaction log",
        )]);
    };
    let setup = LogSetup::new(dir, config, segment_ids, (rel, customers.as_deref()), LogLimit::InParts)?;
    // Nothing here is cached nor lists its inputs: neither the log nor a part is hashed.
    let spec = setup.spec(rel, config, LogFingerprint::ForCache);
    let advice = |smallest: u64| {
        let limit = memory_limit_for(smallest);
        format!("give `--memory-limit {limit}` or more, so that each part may hold its share of the log")
    };
    let mut parts = log::split(&spec, (part_bytes(memory_limit), &advice), temporary)?;
    let io = |e: std::io::Error| vec![Diagnostic::new(rel, format!("cannot read or write its parts: {e}"))];

    let mut bad = std::mem::take(&mut parts.bad);
    let (mut rows, mut period, mut continuation) = (0, None::<(i32, i32)>, 0);
    let (mut conflicts, mut categories) = (Vec::new(), Vec::new());
    let mut largest = 0;
    // Each part's customers are summarised and written on a thread of their own while the
    // next part is read: one part waits at most, so two are in memory at once.
    let (sender, received) = sync_channel::<(log::Log, PathBuf)>(0);
    let summarised = std::thread::scope(|scope| {
        let writing = scope.spawn(move || -> std::io::Result<Written> {
            let mut written = Written::default();
            for (part, file) in received {
                let (summaries, none) = super::customer_base::summaries(part, path);
                written.customers += summaries.len() as u64;
                written.returns_only += none;
                let mut out = BufWriter::new(File::create_new(&file)?);
                summary_file::write_frames(&summaries, segment_ids, path, &mut out)?;
                out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                written.frames.push(file);
            }
            Ok(written)
        });
        let read = (|| {
            for (k, (csv, lines)) in parts.files.iter().enumerate() {
                let bytes = std::fs::metadata(csv).map_or(0, |m| m.len());
                if bytes > LOG_MAX_BYTES {
                    return Err(too_large_part(rel, bytes));
                }
                largest = largest.max(bytes);
                let part = log::Part { header: parts.header, lines: LineMap::read(lines).map_err(io)? };
                let part_spec = log::LogSpec {
                    path: csv,
                    part: Some(&part),
                    ..setup.spec(rel, config, LogFingerprint::ForCache)
                };
                let mut part = log::read(&part_spec)?;
                // Its text is not needed again, and a file removed soon after it was written
                // may never reach the disk.
                let _ = (std::fs::remove_file(csv), std::fs::remove_file(lines));
                rows += part.rows;
                continuation += part.lines.continuation;
                if let Some((lo, hi)) = part.period {
                    period = Some(period.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
                }
                bad.merge(std::mem::take(&mut part.bad));
                conflicts.append(&mut part.conflicts);
                categories.append(&mut part.categories);
                if sender.send((part, csv.with_file_name(format!("part-{k}.summary")))).is_err() {
                    break; // the writing failed, and says why below
                }
            }
            Ok(())
        })();
        drop(sender);
        let written = writing.join().expect("the thread summarising the parts panicked");
        read.and_then(|()| written.map_err(io))
    })?;
    let categories = log::first_categories(categories.into_iter());
    let read = LogRead { rows, period, bad: &bad, conflicts, categories: &categories };
    let end = read.judge(&spec, config)?;
    let first_day = period.map_or(end, |(first, _)| first);
    let coverage = Coverage {
        files: std::iter::once(slash_path(rel)).chain(setup.files.iter().map(|f| f.path.clone())).collect(),
        rows,
        lines: Some(LineCounts { continuation, ..parts.lines }),
        customers: summarised.customers,
        customers_returns_only: summarised.returns_only,
        first_date: date_of(first_day),
        observation_end: date_of(end),
        skipped: bad.skipped(),
        from_summary: false,
    };
    let header = summary_file::header(summarised.customers > 0, path);
    let count = parts.files.len();
    Ok(Summarised {
        _parts: parts,
        frames: summarised.frames,
        header,
        end,
        coverage,
        parts: (count, largest),
    })
}

/// What the summarising thread wrote: the frames' files, in id order, and the customers
/// with and without a summary.
#[derive(Default)]
struct Written {
    frames: Vec<PathBuf>,
    customers: u64,
    returns_only: u64,
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

impl Summarised {
    /// Writes the summary: the header, then each part's customers with their `T`.
    pub fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.header.as_bytes())?;
        for file in &self.frames {
            let frames = std::fs::read(file)?;
            let _ = std::fs::remove_file(file);
            summary_file::write_from_frames(&frames, self.end, out)?;
        }
        Ok(())
    }
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
