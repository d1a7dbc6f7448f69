//! The client's own data: a CRM or ERP export of transactions, or a per-customer summary
//! computed in a warehouse.
//!
//! This is loading only: files → per-customer histories or summaries. What they say about
//! each segment is derived in `customer_base`, for the segments' `from_data` figures.

mod bad_rows;
mod config;
mod csv;
pub mod customer_base;
mod customers_file;
mod fields;
mod header;
pub mod holdout_file;
pub mod in_parts;
mod log;
pub mod periods_file;
mod prefetch;
mod progress;
mod segment_names;
pub mod streamed;
mod summary_file;

use std::path::{Path, PathBuf};

pub use bad_rows::{BadRows, Problem};
pub use config::{Columns, CsvFormat, DataConfig, DataInput, Margin, WrittenAt};
pub use customers_file::MAX_BYTES as CUSTOMERS_MAX_BYTES;
pub use fields::{DateFormat, Encoding, UNITS_PER_CURRENCY, date_of, day_of, year_of};
pub use log::{Customer, DayTotal, History, Log};
pub use prefetch::Prefetch;
pub use summary_file::{
    COLUMNS as SUMMARY_COLUMNS, MAX_BYTES as SUMMARY_MAX_BYTES, Summary, read as read_summary,
    write as write_summary,
};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::slash_path;
use crate::model::Source;
use crate::project::LogFingerprint;
use crate::project::source::{Folder, Kind};

/// The shortest holdout of holdout validation: a week.
pub const MIN_HOLDOUT_DAYS: i32 = 7;

/// The largest transaction log read whole; a larger one is summarised in parts
/// (`uplift summarise`) or in the warehouse.
pub const LOG_MAX_BYTES: u64 = 1 << 30;

/// The largest transaction log `uplift summarise` reads in parts.
pub const LOG_IN_PARTS_MAX_BYTES: u64 = 16 << 30;

/// The problem of a file whose money passes [`fields::MAX_LOG_MONEY`]: `total` is the
/// money `what` names, in ten-thousandths, each amount without its sign, added up to at
/// most `u64::MAX`. Told before any of it is summed, so that no sum overflows.
fn too_much_money(rel: &Path, what: &str, total: u64, hint: &str) -> Option<Diagnostic> {
    (total > fields::MAX_LOG_MONEY).then(|| {
        let whole = |units: u64| units / UNITS_PER_CURRENCY.unsigned_abs();
        let more = if total == u64::MAX { " or more" } else { "" };
        Diagnostic::new(
            rel,
            format!(
                "{what}, each without its sign, add up to {}{more}: past the cap of {} on a file's money",
                whole(total),
                whole(fields::MAX_LOG_MONEY)
            ),
        )
        .hint(format!("a column read as money holds something else, such as an id or a barcode: {hint}"))
    })
}

/// The data as read, before analysis.
#[derive(Debug)]
pub enum Input {
    Transactions {
        log: Log,
        /// The observation end, as a day number.
        end: i32,
        /// The files read, with their fingerprints.
        files: Vec<Source>,
    },
    Summary {
        summary: Summary,
        file: Source,
    },
}

impl Input {
    /// The files read, with their fingerprints.
    pub fn sources(&self) -> Vec<Source> {
        match self {
            Self::Transactions { files, .. } => files.clone(),
            Self::Summary { file, .. } => vec![file.clone()],
        }
    }
}

/// Reads the data `config` names, inside project folder `dir`. Segment values must be
/// among `segment_ids`. Bad rows fail the read unless the config skips them. A log is
/// hashed as it is read when `fingerprint` is [`LogFingerprint::Always`] (the caller with a
/// cache asks for it); its [`Source::sha256`] is empty otherwise.
pub fn read(
    dir: &Folder,
    config: &DataConfig,
    segment_ids: &[String],
    (path, fingerprint): (&crate::model::LoyaltyPathSettings, LogFingerprint),
) -> Result<Input, Vec<Diagnostic>> {
    match &config.input {
        DataInput::Summary(rel) => {
            let (text, file) = read_file(dir, rel, summary_file::MAX_BYTES, "summaries")?;
            let summary = summary_file::read(&text, rel, Some(segment_ids))?;
            let summary = summary_file::match_path(summary, rel, path)?;
            Ok(Input::Summary { summary, file })
        }
        DataInput::Transactions { log: rel, customers } => {
            let setup =
                LogSetup::new(dir, config, segment_ids, (rel, customers.as_deref()), LogLimit::Whole)?;
            let spec = setup.spec(rel, config, fingerprint);
            let mut log = log::read(&spec)?;
            let read = LogRead {
                rows: log.rows,
                period: log.period,
                bad: &log.bad,
                conflicts: std::mem::take(&mut log.conflicts),
                categories: &log.categories,
            };
            let end = read.judge(&spec, config)?;
            let mut files = setup.files;
            files.insert(0, Source { path: slash_path(rel), bytes: log.bytes, sha256: log.sha256.clone() });
            Ok(Input::Transactions { log, end, files })
        }
    }
}

/// How a log is read, which sets the largest it may be.
#[derive(Clone, Copy)]
enum LogLimit {
    /// Whole, by every command: [`LOG_MAX_BYTES`].
    Whole,
    /// In parts, by `uplift summarise`: [`LOG_IN_PARTS_MAX_BYTES`].
    InParts,
}

impl LogLimit {
    fn bytes(self) -> u64 {
        match self {
            Self::Whole => LOG_MAX_BYTES,
            Self::InParts => LOG_IN_PARTS_MAX_BYTES,
        }
    }

    /// The problem of a log of `bytes` over the limit, with where to summarise it instead.
    fn refusal(self, rel: &Path, bytes: u64) -> Diagnostic {
        let (even, hint) = match self {
            Self::Whole => (
                "",
                format!(
                    "summarise it with `uplift summarise` (without `--holdout`), which reads a log of up to {} GiB in parts, or in the warehouse (docs/warehouse.md), and name the summary as `data: summary:`",
                    LOG_IN_PARTS_MAX_BYTES >> 30
                ),
            ),
            Self::InParts => (
                " even in parts",
                "summarise it in the warehouse (docs/warehouse.md) and name the summary as `data: summary:`"
                    .to_owned(),
            ),
        };
        Diagnostic::new(
            rel,
            format!(
                "the file is {} MiB; a transaction log is limited to {} MiB{even}",
                bytes >> 20,
                self.bytes() >> 20
            ),
        )
        .hint(hint)
    }
}

/// What reading a transaction log takes besides the log: where it is, the customers file's
/// segments, and the columns read.
struct LogSetup {
    path: PathBuf,
    names: segment_names::SegmentNames,
    customer_map: Option<customers_file::SegmentOf>,
    columns: Columns,
    /// The customers file, when one is read.
    files: Vec<Source>,
}

impl LogSetup {
    /// Reads the customers file, if any, and finds the log, within `limit`.
    fn new(
        dir: &Folder,
        config: &DataConfig,
        segment_ids: &[String],
        (rel, customers): (&Path, Option<&Path>),
        limit: LogLimit,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut files = Vec::new();
        let names = segment_names::SegmentNames::of(segment_ids);
        let customer_map = match customers {
            Some(c) => {
                let segment_column = config.columns.segment.as_deref().unwrap_or("segment");
                let (text, source) = read_file(dir, c, customers_file::MAX_BYTES, "customers files")?;
                files.push(source);
                let map = customers_file::read(
                    &text,
                    c,
                    &config.columns.customer,
                    segment_column,
                    &config.format,
                    &names,
                )?;
                Some(map)
            }
            None => None,
        };
        // With a customers file, the segment column is the customers file's, not the log's.
        let columns = Columns {
            segment: if customers.is_some() { None } else { config.columns.segment.clone() },
            ..config.columns.clone()
        };
        let path = dir
            .locate(rel, Kind::File)
            .map_err(|d| vec![d])?
            .ok_or_else(|| vec![Diagnostic::new(rel, "the file does not exist")])?;
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        if bytes > limit.bytes() {
            return Err(vec![limit.refusal(rel, bytes)]);
        }
        Ok(Self { path, names, customer_map, columns, files })
    }

    /// How to read the log `rel`.
    fn spec<'a>(
        &'a self,
        rel: &'a Path,
        config: &'a DataConfig,
        fingerprint: LogFingerprint,
    ) -> log::LogSpec<'a> {
        let segments = match (&self.customer_map, &self.columns.segment) {
            (Some(map), _) => log::Segments::Customers(map),
            (None, Some(_)) => log::Segments::Column(&self.names),
            (None, None) => log::Segments::None,
        };
        log::LogSpec {
            path: &self.path,
            rel,
            columns: &self.columns,
            format: &config.format,
            end: config.observation_end.map(day_of),
            segments,
            part: None,
            fingerprint: fingerprint == LogFingerprint::Always,
        }
    }
}

/// A log's rows as read, before they are judged.
struct LogRead<'a> {
    rows: u64,
    period: Option<(i32, i32)>,
    bad: &'a BadRows,
    conflicts: Vec<log::Conflict>,
    categories: &'a [(u64, String)],
}

impl LogRead<'_> {
    /// The problems that fail the read, as one list, or else the observation end (a day).
    /// Too many categories and the wrong decimal sign are reported alone; bad rows (unless
    /// skipped) and customers in two segments together.
    fn judge(self, spec: &log::LogSpec, config: &DataConfig) -> Result<i32, Vec<Diagnostic>> {
        let rel = spec.rel;
        if let Some(d) = log::too_many_categories(self.categories, spec) {
            return Err(vec![d]);
        }
        let bad = self.bad.total();
        if let Some(d) = wrong_decimal_sign(self.bad, self.rows, rel, config.format.decimal) {
            return Err(vec![d]);
        }
        let mut problems =
            if bad > 0 && !config.skip_bad_rows { self.bad.diagnostics(rel) } else { Vec::new() };
        problems.extend(log::conflict_diagnostics(self.conflicts, spec));
        if !problems.is_empty() {
            return Err(problems);
        }
        let Some((first, last)) = self.period else {
            let message = if bad > 0 {
                format!("none of the {bad} rows could be used")
            } else {
                "the file has a header but no rows".to_owned()
            };
            return Err(vec![Diagnostic::new(rel, message).hint("export the transactions again")]);
        };
        let end = config.observation_end.map_or(last, day_of);
        if let Some(calibration_end) = config.calibration_end {
            check_calibration_end(calibration_end, config.calibration_end_at.0, first, end)?;
        }
        Ok(end)
    }
}

/// The files a `data:` section names — transaction log, customers file, summary — each
/// with the size limit of its kind, in the order [`Input::sources`] lists them.
pub fn named_files(
    log: Option<&Path>,
    customers: Option<&Path>,
    summary: Option<&Path>,
) -> Vec<(PathBuf, u64)> {
    let kinds =
        [(log, LOG_MAX_BYTES), (customers, customers_file::MAX_BYTES), (summary, summary_file::MAX_BYTES)];
    kinds.into_iter().filter_map(|(rel, limit)| Some((rel?.to_path_buf(), limit))).collect()
}

/// The files `config` reads, in the order [`Input::sources`] lists them, with their
/// fingerprints; `None` when one cannot be fingerprinted (the read then says why). Those
/// `prefetched` took are not taken again.
pub fn fingerprints(dir: &Folder, config: &DataConfig, prefetched: Option<Prefetch>) -> Option<Vec<Source>> {
    let files = match &config.input {
        DataInput::Summary(rel) => named_files(None, None, Some(rel)),
        DataInput::Transactions { log, customers } => named_files(Some(log), customers.as_deref(), None),
    };
    let taken = prefetched.map(Prefetch::taken).unwrap_or_default();
    files
        .into_iter()
        .map(|file| {
            let known = taken.iter().find(|(named, _)| *named == file).map(|(_, f)| f.clone());
            let (bytes, sha256) = known.unwrap_or_else(|| dir.fingerprint(&file.0, file.1))?;
            Some(Source { path: slash_path(&file.0), bytes, sha256 })
        })
        .collect()
}

/// A calibration end inside the data and at least [`MIN_HOLDOUT_DAYS`] before its end.
fn check_calibration_end(
    calibration_end: chrono::NaiveDate,
    at: Option<crate::diagnostic::Position>,
    first: i32,
    end: i32,
) -> Result<(), Vec<Diagnostic>> {
    let day = day_of(calibration_end);
    if day >= first && end - day >= MIN_HOLDOUT_DAYS {
        return Ok(());
    }
    Err(vec![
        Diagnostic::new(
            Path::new(crate::model::PROJECT_YAML),
            format!(
                "{calibration_end} leaves no room for a holdout: the data runs from {} to {}",
                date_of(first),
                date_of(end)
            ),
        )
        .at(at)
        .field("data.calibration_end")
        .hint(format!(
            "choose a day in the data at least {MIN_HOLDOUT_DAYS} days before the observation end, e.g. {}",
            date_of(first.max(end - 273).min(end - MIN_HOLDOUT_DAYS))
        )),
    ])
}

/// One problem, at the top, when most rows only read with the other decimal sign: the
/// setting is wrong, not the rows, and skipping them would leave little of the file.
fn wrong_decimal_sign(bad: &BadRows, rows: u64, rel: &Path, decimal: u8) -> Option<Diagnostic> {
    let wrong = bad.counts.get(&Problem::DecimalSign).copied().unwrap_or(0);
    if wrong == 0 || wrong * 2 <= rows + bad.total() {
        return None;
    }
    let other = fields::other_decimal(decimal) as char;
    Some(
        Diagnostic::new(
            rel,
            format!(
                "{wrong} of {} rows hold numbers written with `{other}` as the decimal sign; project.yaml says `decimal: \"{}\"`",
                rows + bad.total(),
                decimal as char
            ),
        )
        .at(Some(crate::diagnostic::Position { line: 1, column: 1 }))
        .hint(format!("set `decimal: \"{other}\"` under `data:` in project.yaml")),
    )
}

/// Reads a whole data file of at most `limit` bytes (the project's own reader, with its
/// size check), with its fingerprint for the report's list of sources.
pub fn read_file(
    dir: &Folder,
    rel: &Path,
    limit: u64,
    what: &str,
) -> Result<(Vec<u8>, Source), Vec<Diagnostic>> {
    match dir.read_bytes(rel, limit, what) {
        Ok(Some((bytes, sha256))) => {
            let source = Source { path: slash_path(rel), bytes: bytes.len() as u64, sha256 };
            Ok((bytes, source))
        }
        Ok(None) => Err(missing(rel)),
        Err(d) => Err(vec![d]),
    }
}

/// [`read_file`] without the fingerprint, for a reader that lists no sources (`uplift fit`).
pub fn read_file_unhashed(
    dir: &Folder,
    rel: &Path,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    dir.read_unhashed(rel, limit, what).map_err(|d| vec![d])?.ok_or_else(|| missing(rel))
}

fn missing(rel: &Path) -> Vec<Diagnostic> {
    vec![Diagnostic::new(rel, "the file does not exist")]
}
