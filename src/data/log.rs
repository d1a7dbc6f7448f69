//! The transaction log → one purchase history per customer, read in parallel.
//!
//! The file is streamed in blocks cut at record boundaries; each worker thread parses the
//! blocks it takes into its own per-customer table, and the tables are merged at the end.
//! Only per-customer, per-day totals are kept, never the rows, so memory follows the number
//! of customers and purchase days, not the file size. Money is summed in whole
//! ten-thousandths, so the result is the same whichever thread read which block.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, sync_channel};

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use super::bad_rows::{BadRow, BadRows, Problem, SHOWN};
use super::csv::{Fields, Records, Splitter, last_record_end};
use super::fields::{self, FieldError};
use super::header::{Header, read_header};
use super::progress::Progress;
use crate::diagnostic::Diagnostic;
use crate::model::{Columns, CsvFormat, Margin};

/// Bytes handed to a worker at a time.
const BLOCK: usize = 4 << 20;

/// How each customer's segment is known.
pub enum Segments<'a> {
    /// The data does not say.
    None,
    /// A column of the log holds segment ids; these are the project's, in order.
    Column(&'a [String]),
    /// The customers file maps each customer to a segment index.
    Customers(&'a FxHashMap<Box<[u8]>, usize>),
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
}

/// One customer's net purchases, per day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    pub id: String,
    pub segment: Option<usize>,
    /// Sorted by day, one entry per day with any row.
    pub days: Vec<DayTotal>,
}

/// A customer's rows on one day, summed. Money in ten-thousandths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayTotal {
    pub day: i32,
    pub amount: i64,
    pub margin: i64,
}

/// The log, read.
#[derive(Debug)]
pub struct Log {
    /// Sorted by id.
    pub customers: Vec<History>,
    /// Rows used.
    pub rows: u64,
    /// First and last day of the rows used; `None` when no row was usable.
    pub days: Option<(i32, i32)>,
    pub bad: BadRows,
    /// The file's size and SHA-256, hashed while it streamed past.
    pub bytes: u64,
    pub sha256: String,
}

/// Reads the whole log; `Err` for problems with the file itself (missing, not CSV, columns
/// not found) and for customers placed in two segments. Bad rows are returned, not judged.
pub fn read(spec: &LogSpec) -> Result<Log, Vec<Diagnostic>> {
    let diagnostic = |message: String| vec![Diagnostic::new(spec.rel, message)];
    let mut file = File::open(spec.path).map_err(|e| diagnostic(format!("cannot open the file: {e}")))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut first = vec![0; BLOCK];
    let filled = fill(&mut file, &mut first).map_err(|e| diagnostic(format!("cannot read the file: {e}")))?;
    first.truncate(filled);
    let header = read_header(&first, spec.rel, spec.columns, spec.format)?;
    let mut hasher = Sha256::new();
    hasher.update(&first[..header.length]);
    let body = first.split_off(header.length);

    let workers = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
    let (sender, receiver) = sync_channel::<(u32, Vec<u8>)>(workers * 2);
    let receiver = Mutex::new(receiver);
    let mut progress = Progress::new(spec.rel, size);
    let (parts, read_result) = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..workers).map(|_| scope.spawn(|| Worker::new(spec, &header).run(&receiver))).collect();
        let result = stream(&mut file, body, |index, block| {
            progress.advance(block.len() as u64);
            hasher.update(&block);
            sender.send((index, block)).is_ok()
        });
        drop(sender);
        let parts: Vec<Part> =
            handles.into_iter().map(|h| h.join().expect("a reader thread panicked")).collect();
        (parts, result)
    });
    progress.finish();
    read_result.map_err(|e| diagnostic(format!("cannot read the file: {e}")))?;
    let mut log = merge(parts, spec)?;
    log.bytes = size;
    log.sha256 = format!("{:x}", hasher.finalize());
    Ok(log)
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

/// Cuts the rest of the file into blocks of whole records and hands each to `send`.
fn stream(
    file: &mut File,
    mut carry: Vec<u8>,
    mut send: impl FnMut(u32, Vec<u8>) -> bool,
) -> std::io::Result<()> {
    let mut index = 0;
    loop {
        let start = carry.len();
        carry.resize(start.max(BLOCK) + BLOCK, 0);
        let n = fill(file, &mut carry[start..])?;
        carry.truncate(start + n);
        let at_end = n == 0;
        let cut = if at_end { carry.len() } else { last_record_end(&carry).unwrap_or(0) };
        if cut > 0 {
            let rest = carry.split_off(cut);
            if !send(index, std::mem::replace(&mut carry, rest)) {
                return Ok(());
            }
            index += 1;
        }
        if at_end {
            return Ok(());
        }
    }
}

/// A block and line within it, ordered as in the file.
type Loc = (u32, u32);

/// One customer as one worker saw them.
struct Entry {
    segment: Option<usize>,
    /// Where the customer's first row in this worker's blocks is, with its segment.
    first: Loc,
    /// Other segments the customer's rows named, each with its first row.
    other_segments: Vec<(Option<usize>, Loc)>,
    days: Vec<DayTotal>,
}

/// What one worker read.
struct Part {
    customers: FxHashMap<Box<[u8]>, Entry>,
    /// Lines per block it read.
    lines: Vec<(u32, u32)>,
    bad: Vec<(Loc, BadRow)>,
    counts: FxHashMap<Problem, u64>,
    rows: u64,
    days: Option<(i32, i32)>,
}

struct Worker<'a> {
    splitter: Splitter,
    state: State<'a>,
}

/// A worker's state apart from its splitter, which lends the fields of the current row.
struct State<'a> {
    spec: &'a LogSpec<'a>,
    header: &'a Header,
    /// The last date text read and its day: exports are sorted by date, so most rows repeat it.
    last_date: (Vec<u8>, i32),
    /// The last segment text read and its index: rows of one customer come together, so
    /// most rows repeat it, and decoding it for every row would allocate in the hot loop.
    last_segment: (Vec<u8>, usize),
    part: Part,
}

/// A bad row before its line is known: problem, column name, column, message.
type Bad = (Problem, Option<String>, u32, String);

impl<'a> Worker<'a> {
    fn new(spec: &'a LogSpec<'a>, header: &'a Header) -> Self {
        let part = Part {
            customers: FxHashMap::default(),
            lines: Vec::new(),
            bad: Vec::new(),
            counts: FxHashMap::default(),
            rows: 0,
            days: None,
        };
        Self {
            splitter: Splitter::new(spec.format.delimiter),
            state: State { spec, header, last_date: (Vec::new(), 0), last_segment: (Vec::new(), 0), part },
        }
    }

    fn run(mut self, receiver: &Mutex<Receiver<(u32, Vec<u8>)>>) -> Part {
        loop {
            let next = receiver.lock().map(|r| r.recv());
            let Ok(Ok((index, block))) = next else { break };
            let mut line = 0;
            for (record, lines) in Records::new(&block) {
                line += lines;
                if !fields::trim(record).is_empty() {
                    let fields = self.splitter.split(record);
                    self.state.row(&fields, (index, line - lines + 1));
                }
            }
            self.state.part.lines.push((index, line));
        }
        self.state.part
    }
}

impl State<'_> {
    fn row(&mut self, fields: &Fields, at: Loc) {
        let header = self.header;
        let located = |problem, column: Option<usize>, message: String| -> Bad {
            let name = column.map(|i| header.names[i].clone());
            (problem, name, column.map_or(1, |i| fields.column(i)), message)
        };
        let row = match parse_row(fields, &header.columns, header.names.len(), self.spec, &mut self.last_date)
        {
            Ok(row) => row,
            Err((problem, column, message)) => return self.bad(at, located(problem, column, message)),
        };
        match self.segment(fields, row.customer) {
            Ok(segment) => self.record(&row, segment, at),
            Err((problem, message)) => {
                let column = header.columns.segment.or(Some(header.columns.customer));
                self.bad(at, located(problem, column, message));
            }
        }
    }

    /// The customer's segment from the segment column or the customers file.
    fn segment(&mut self, fields: &Fields, customer: &[u8]) -> Result<Option<usize>, (Problem, String)> {
        let format = self.spec.format;
        match self.spec.segments {
            Segments::None => Ok(None),
            Segments::Customers(map) => map.get(customer).map(|&s| Some(s)).ok_or_else(|| {
                let id = format.encoding.decode(customer).unwrap_or_default();
                (Problem::UnknownCustomer, format!("customer `{id}` is not in the customers file"))
            }),
            Segments::Column(ids) => {
                let column = self.header.columns.segment.expect("a segment column is mapped");
                let value = fields::trim(fields.get(column));
                if value.is_empty() {
                    return Err((Problem::MissingSegment, "the segment is empty".into()));
                }
                if value == self.last_segment.0.as_slice() {
                    return Ok(Some(self.last_segment.1));
                }
                let text = format.encoding.decode(value).unwrap_or_default();
                if let Some(i) = ids.iter().position(|id| *id == text) {
                    self.last_segment.0.clear();
                    self.last_segment.0.extend_from_slice(value);
                    self.last_segment.1 = i;
                    return Ok(Some(i));
                }
                let hint = crate::diagnostic::did_you_mean(&text, ids.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                Err((Problem::UnknownSegment, format!("`{text}` is not a segment id in segments.yaml{hint}")))
            }
        }
    }

    fn record(&mut self, row: &Row, segment: Option<usize>, at: Loc) {
        let part = &mut self.part;
        part.rows += 1;
        part.days = Some(part.days.map_or((row.day, row.day), |(lo, hi)| (lo.min(row.day), hi.max(row.day))));
        let total = DayTotal { day: row.day, amount: row.amount, margin: row.margin };
        if let Some(entry) = part.customers.get_mut(row.customer) {
            if entry.segment != segment && !entry.other_segments.iter().any(|(s, _)| *s == segment) {
                entry.other_segments.push((segment, at));
            }
            match entry.days.last_mut() {
                Some(last) if last.day == row.day => {
                    last.amount += row.amount;
                    last.margin += row.margin;
                }
                _ => entry.days.push(total),
            }
        } else {
            let entry = Entry { segment, first: at, other_segments: Vec::new(), days: vec![total] };
            part.customers.insert(row.customer.into(), entry);
        }
    }

    fn bad(&mut self, at: Loc, (problem, field, column, message): Bad) {
        *self.part.counts.entry(problem).or_default() += 1;
        // Blocks arrive in file order, so a worker's first rows are its earliest.
        if self.part.bad.len() < SHOWN {
            self.part.bad.push((at, BadRow { line: 0, column, field, problem, message }));
        }
    }
}

/// A row's values, read.
struct Row<'r> {
    customer: &'r [u8],
    day: i32,
    amount: i64,
    margin: i64,
}

type RowError = (Problem, Option<usize>, String);

fn parse_row<'r>(
    fields: &Fields<'r>,
    columns: &super::header::ColumnIndex,
    expected: usize,
    spec: &LogSpec,
    last_date: &mut (Vec<u8>, i32),
) -> Result<Row<'r>, RowError> {
    let format = spec.format;
    if fields.len() != expected {
        return Err((
            Problem::FieldCount,
            None,
            format!(
                "the row has {} fields, the header {expected} (check the delimiter and quotes)",
                fields.len()
            ),
        ));
    }
    let customer = fields::trim(fields.get(columns.customer));
    if customer.is_empty() {
        return Err((Problem::MissingCustomer, Some(columns.customer), "the customer id is empty".into()));
    }
    if !format.encoding.is_valid(customer) {
        return Err((
            Problem::NotText,
            Some(columns.customer),
            "the customer id is not UTF-8 text (older Nordic exports are Windows-1252: set `encoding: windows-1252`)".into(),
        ));
    }
    let date = fields.get(columns.date);
    let day = if date == last_date.0.as_slice() {
        last_date.1
    } else {
        let day = format.date_format.parse(date).map_err(|_| {
            (
                Problem::Date,
                Some(columns.date),
                format!(
                    "cannot read `{}` as a date in the format `{}`",
                    lossy(date),
                    format.date_format.pattern()
                ),
            )
        })?;
        last_date.0.clear();
        last_date.0.extend_from_slice(date);
        last_date.1 = day;
        day
    };
    if let Some(end) = spec.end {
        if day > end {
            return Err((
                Problem::AfterEnd,
                Some(columns.date),
                format!("{} is after the observation end {}", fields::date_of(day), fields::date_of(end)),
            ));
        }
    }
    let amount = money(fields, columns.amount, format.decimal, Problem::Amount)?;
    let margin = match (&spec.columns.margin, columns.margin) {
        (Some(Margin::Money(_)), Some(i)) => money(fields, i, format.decimal, Problem::Margin)?,
        (Some(Margin::Rate(_)), Some(i)) => {
            let rate = fields::rate(fields.get(i), format.decimal)
                .map_err(|e| (Problem::Margin, Some(i), field_message(&e, fields.get(i), "margin rate")))?;
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            let margin = (amount as f64 * rate).round() as i64;
            margin
        }
        _ => 0,
    };
    Ok(Row { customer, day, amount, margin })
}

fn money(fields: &Fields, i: usize, decimal: u8, problem: Problem) -> Result<i64, RowError> {
    let what = if problem == Problem::Margin { "margin" } else { "amount" };
    fields::amount(fields.get(i), decimal)
        .map_err(|e| (problem, Some(i), field_message(&e, fields.get(i), what)))
}

fn field_message(e: &FieldError, raw: &[u8], what: &str) -> String {
    match e {
        FieldError::Empty => format!("the {what} is empty"),
        FieldError::TooLarge => format!("the {what} `{}` is too large", lossy(raw)),
        FieldError::NotANumber | FieldError::NotADate => format!(
            "cannot read `{}` as an {what} (check `decimal:` in project.yaml: `1.234,50` needs `decimal: \",\"`)",
            lossy(raw)
        )
        .replace("an margin", "a margin"),
    }
}

/// Shows bytes of unknown encoding as text, for messages.
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(40).collect()
}

/// Joins the workers' tables: line numbers become file lines, each customer's days are
/// sorted and summed per day, and customers placed in two segments are reported.
fn merge(parts: Vec<Part>, spec: &LogSpec) -> Result<Log, Vec<Diagnostic>> {
    let mut block_lines: Vec<(u32, u32)> = parts.iter().flat_map(|p| p.lines.iter().copied()).collect();
    block_lines.sort_unstable();
    // The header is line 1; block 0 starts on line 2.
    let mut first_line = vec![0u64; block_lines.len()];
    let mut line = 1;
    for (i, (_, lines)) in block_lines.iter().enumerate() {
        first_line[i] = line;
        line += u64::from(*lines);
    }
    let file_line = |(block, line): Loc| first_line[block as usize] + u64::from(line);

    let mut bad = BadRows::default();
    let mut rows = 0;
    let mut days: Option<(i32, i32)> = None;
    let mut customers: FxHashMap<Box<[u8]>, Entry> = FxHashMap::default();
    for part in parts {
        let first = part.bad.into_iter().map(|(at, row)| BadRow { line: file_line(at), ..row }).collect();
        bad.merge(BadRows { first, counts: part.counts.into_iter().collect() });
        rows += part.rows;
        if let Some((lo, hi)) = part.days {
            days = Some(days.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        }
        if customers.is_empty() {
            customers = part.customers;
            continue;
        }
        for (id, entry) in part.customers {
            match customers.get_mut(&id) {
                Some(known) => known.absorb(entry),
                None => {
                    customers.insert(id, entry);
                }
            }
        }
    }

    let mut conflicts = Vec::new();
    let mut histories: Vec<History> = Vec::with_capacity(customers.len());
    for (id, mut entry) in customers {
        let text = spec.format.encoding.decode(&id).unwrap_or_default();
        if !entry.other_segments.is_empty() {
            conflicts.push((text, entry.segment_lines(file_line)));
            continue;
        }
        entry.days.sort_unstable_by_key(|d| d.day);
        entry.days.dedup_by(|later, earlier| {
            let same = later.day == earlier.day;
            if same {
                earlier.amount += later.amount;
                earlier.margin += later.margin;
            }
            same
        });
        histories.push(History { id: text, segment: entry.segment, days: entry.days });
    }
    if !conflicts.is_empty() {
        return Err(conflict_diagnostics(conflicts, spec));
    }
    histories.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Ok(Log { customers: histories, rows, days, bad, bytes: 0, sha256: String::new() })
}

impl Entry {
    /// Adds what another worker saw of the same customer.
    fn absorb(&mut self, other: Entry) {
        let mut seen = std::mem::take(&mut self.other_segments);
        seen.push((self.segment, self.first));
        seen.push((other.segment, other.first));
        seen.extend(other.other_segments);
        seen.sort_by_key(|(_, at)| *at);
        let mut distinct: Vec<(Option<usize>, Loc)> = Vec::new();
        for (segment, at) in seen {
            if !distinct.iter().any(|(s, _)| *s == segment) {
                distinct.push((segment, at));
            }
        }
        (self.segment, self.first) = distinct[0];
        self.other_segments = distinct.split_off(1);
        self.days.extend(other.days);
    }

    fn segment_lines(&self, file_line: impl Fn(Loc) -> u64) -> Vec<(Option<usize>, u64)> {
        let mut all: Vec<(Option<usize>, u64)> = std::iter::once((self.segment, self.first))
            .chain(self.other_segments.iter().copied())
            .map(|(s, at)| (s, file_line(at)))
            .collect();
        all.sort_by_key(|(_, line)| *line);
        all
    }
}

/// A customer in more than one segment: their id, and each segment with its first line.
type Conflict = (String, Vec<(Option<usize>, u64)>);

fn conflict_diagnostics(mut conflicts: Vec<Conflict>, spec: &LogSpec) -> Vec<Diagnostic> {
    conflicts.sort_by(|a, b| a.1[0].1.cmp(&b.1[0].1).then_with(|| a.0.cmp(&b.0)));
    let ids: &[String] = match spec.segments {
        Segments::Column(ids) => ids,
        _ => &[],
    };
    let name = |s: Option<usize>| s.and_then(|i| ids.get(i)).map_or("(none)", String::as_str);
    let total = conflicts.len();
    let mut out: Vec<Diagnostic> = conflicts
        .into_iter()
        .take(SHOWN)
        .map(|(id, lines)| {
            let (_, first_line) = lines[0];
            let places: Vec<String> = lines.iter().map(|(s, line)| format!("`{}` on line {line}", name(*s))).collect();
            Diagnostic::new(spec.rel, format!("customer `{id}` is in more than one segment: {}", places.join(", ")))
                .at(Some(crate::diagnostic::Position { line: u32::try_from(first_line).unwrap_or(u32::MAX), column: 1 }))
                .hint("a customer belongs to one segment: correct the export, or map customers to segments in a customers file (`customers:` under `data:`)")
        })
        .collect();
    if total > SHOWN {
        out.push(Diagnostic::new(
            spec.rel,
            format!("{total} customers are in more than one segment; the first {SHOWN} are listed"),
        ));
    }
    out
}
