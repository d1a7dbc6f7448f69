//! One reader thread: parses the blocks it is handed into rows of customer numbers, days and
//! amounts, numbering customers as it meets them. The two steps are apart: [`RowReader`]
//! reads a row's fields, which the cut into parts does too ([`super::split`]), and
//! [`Collector`] numbers and keeps the rows, which a part's reader does too
//! ([`super::parsed`]).
//!
//! Rows are appended to one flat list, never to a per-customer list: appending is a write to
//! memory just written, while a per-customer list would be a cache miss per row. The only
//! random access per row is the customer's table lookup (see `ids`).

use rustc_hash::FxHashMap;

use super::blocks::Blocks;
use super::ids::{BATCH, Found, Intern, Interner, Listed, NARROW, Packing, Pending, WIDE};
use super::rows::{self, Entry, NO_CATEGORY};
use super::{Loc, LogSpec, NO_SEGMENT, Segments};
use crate::project::data::Margin;
use crate::project::data::bad_rows::{BadRow, Problem, SHOWN};
use crate::project::data::csv::{Fields, RecordKind, Records, Splitter};
use crate::project::data::fields::{self, Encoding, FieldError};
use crate::project::data::header::{ColumnIndex, Header};

/// A usable row's values before its customer is numbered: the day, money in
/// ten-thousandths, and the category.
#[derive(Clone, Copy)]
struct Values {
    day: i32,
    amount: i64,
    margin: i64,
    category: u8,
}

/// What one worker read, its rows of type `E` (see [`super::rows`]).
pub struct Part<E> {
    /// The customer ids it met, sorted, each with its number and first segment.
    pub ids: Vec<Listed>,
    /// Per customer number: the segment of their first row here, and where that row is.
    pub firsts: Vec<(u32, Loc)>,
    /// Other segments a customer's rows named here: number, segment, the first row naming it.
    pub others: Vec<(u32, u32, Loc)>,
    /// Keyed by the customer's number here, the day, and the category (an index into
    /// `category_names`, or [`NO_CATEGORY`]).
    pub rows: Vec<E>,
    /// The categories it met, in the order met; one more than [`MAX_CATEGORIES`] at most,
    /// enough to tell the file has too many.
    pub category_names: Vec<String>,
    /// Where each of `category_names` first appears here.
    pub category_firsts: Vec<Loc>,
    /// Lines per block it read (rows per frame, for a part: [`super::parsed`]).
    pub lines: Vec<(u32, u32)>,
    pub bad: Vec<(Loc, BadRow)>,
    pub counts: FxHashMap<Problem, u64>,
    /// Lines that hold nothing but spaces.
    pub blank_lines: u64,
    /// Lines that continue a row begun on an earlier line (a quoted field with line breaks).
    pub continuation_lines: u64,
    /// First and last day of its usable rows.
    pub period: Option<(i32, i32)>,
    /// Its usable rows' amounts and margins, each without its sign, added up: stopped at
    /// `u64::MAX`, which is past [`fields::MAX_LOG_MONEY`] all the same.
    pub money: u64,
}

/// An empty part: a worker's before it reads.
impl<E> Default for Part<E> {
    fn default() -> Self {
        Self {
            ids: Vec::new(),
            firsts: Vec::new(),
            others: Vec::new(),
            rows: Vec::new(),
            category_names: Vec::new(),
            category_firsts: Vec::new(),
            lines: Vec::new(),
            bad: Vec::new(),
            counts: FxHashMap::default(),
            blank_lines: 0,
            continuation_lines: 0,
            period: None,
            money: 0,
        }
    }
}

/// A reader thread of the whole log: reads each row's fields ([`RowReader`]) and keeps
/// the rows ([`Collector`]).
pub struct Worker<'a, E> {
    reader: RowReader<'a>,
    collector: Collector<E>,
}

impl<'a, E: Entry> Worker<'a, E> {
    pub fn new(spec: &'a LogSpec<'a>, header: &'a Header) -> Self {
        Self { reader: RowReader::new(spec, header), collector: Collector::default() }
    }

    /// Reads blocks until the last is taken, giving each back once read; the ids come
    /// back sorted.
    pub fn run(mut self, blocks: &Blocks) -> Part<E> {
        let mut splitter = Splitter::new(self.reader.spec.format.delimiter);
        while let Some((index, block)) = blocks.next() {
            let mut sink = (&mut self.collector, index);
            let tally = self.reader.read_block(&block, &mut splitter, &mut sink);
            let part = &mut self.collector.part;
            part.continuation_lines += tally.continuation;
            part.blank_lines += tally.blank;
            part.money = part.money.saturating_add(tally.money);
            part.lines.push((index, tally.lines));
            blocks.give_back(block);
        }
        self.collector.finish()
    }
}

/// A collector takes a block's rows at their places: the block's number and their line in it.
impl<E: Entry> RowSink for (&mut Collector<E>, u32) {
    fn shown(&self) -> bool {
        // Blocks arrive in file order, so a worker's first rows are its earliest.
        self.0.part.bad.len() < SHOWN
    }

    fn row(&mut self, line: u32, _text: usize, row: &ReadRow) {
        self.0.add(row, (self.1, line));
    }

    fn bad(&mut self, line: u32, row: BadRow) {
        let part = &mut self.0.part;
        keep_bad(&mut part.counts, &mut part.bad, (self.1, line), row);
    }
}

/// Counts a bad row and keeps it, at its place `at`, while fewer than [`SHOWN`] are kept:
/// blocks arrive in file order, so the first kept are a reader's earliest.
pub(super) fn keep_bad<L>(
    counts: &mut FxHashMap<Problem, u64>,
    kept: &mut Vec<(L, BadRow)>,
    at: L,
    row: BadRow,
) {
    *counts.entry(row.problem).or_default() += 1;
    if kept.len() < SHOWN {
        kept.push((at, row));
    }
}

/// Where [`RowReader::read_block`] puts a block's rows, each at the block line it starts on.
pub(super) trait RowSink {
    /// Whether a bad row met now may still be shown, and so is worth a guess at what was
    /// meant.
    fn shown(&self) -> bool;
    /// A usable row, read from `text` bytes of the log (its line ending left out).
    fn row(&mut self, line: u32, text: usize, row: &ReadRow);
    fn bad(&mut self, line: u32, row: BadRow);
}

/// A block's lines, and those of them blank or continuing a row begun on the line before;
/// and its usable rows' money.
#[derive(Default)]
pub(super) struct BlockTally {
    pub lines: u32,
    pub blank: u64,
    pub continuation: u64,
    /// The rows' amounts and margins, each without its sign ([`ReadRow::money`]), added up
    /// to at most `u64::MAX`: enough to tell a log past [`fields::MAX_LOG_MONEY`].
    pub money: u64,
}

/// The bad row of a line whose quote does not close, before its line is known.
fn unbalanced_quote() -> BadRow {
    let message = crate::project::data::csv::UNBALANCED_QUOTE.to_owned();
    BadRow { line: 0, column: 1, field: None, problem: Problem::Quote, message }
}

/// A usable row, read: its customer's id as the customer is keyed ([`key_text`]), their
/// segment ([`NO_SEGMENT`] for none), the day, money in ten-thousandths, and the category's
/// text (`None` without a category column, or for a row of zero or less that names none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadRow<'r> {
    pub id: &'r [u8],
    pub segment: u32,
    pub day: i32,
    pub amount: i64,
    pub margin: i64,
    pub category: Option<&'r str>,
}

impl ReadRow<'_> {
    /// Its amount and margin, each without its sign: what it adds to the money a log may
    /// hold ([`fields::MAX_LOG_MONEY`]).
    pub fn money(&self) -> u64 {
        self.amount.unsigned_abs().saturating_add(self.margin.unsigned_abs())
    }
}

/// Reads a row's fields into a [`ReadRow`], or says why it is a bad row. The whole read and
/// the cut into parts both read rows with this, so that a log gives the same rows and the
/// same bad rows either way.
pub struct RowReader<'a> {
    spec: &'a LogSpec<'a>,
    header: &'a Header,
    /// The last date text read and its day: exports are sorted by date, so most rows repeat it.
    last_date: (Vec<u8>, i32),
    /// Segment texts read, as in the file, with their indexes: the first
    /// [`KNOWN_SEGMENTS`] − 1 met, and the latest other one. A log sorted by date names its
    /// few segments in turn, and
    /// decoding each row's and searching the project's names for it took a twentieth of
    /// the read; comparing its bytes with these does not.
    known_segments: Vec<(Vec<u8>, u32)>,
    /// The last category read, as in the file and as text, for the same reason.
    last_category: (Vec<u8>, String),
    /// An id decoded from Windows-1252, so ids are keyed by their text in every encoding.
    decoded: String,
}

impl<'a> RowReader<'a> {
    pub fn new(spec: &'a LogSpec<'a>, header: &'a Header) -> Self {
        Self {
            spec,
            header,
            last_date: (Vec::new(), 0),
            known_segments: Vec::new(),
            last_category: (Vec::new(), String::new()),
            decoded: String::new(),
        }
    }

    /// Reads the records of `block` (which starts on a record boundary) into `sink`, as the
    /// whole read and the cut into parts both do: a line whose quote does not close is a
    /// bad row, blank lines are counted, every other record is a row or a bad row.
    #[allow(clippy::inline_always)] // as `read`
    #[inline(always)]
    pub fn read_block(
        &mut self,
        block: &[u8],
        splitter: &mut Splitter,
        sink: &mut impl RowSink,
    ) -> BlockTally {
        let mut tally = BlockTally::default();
        let (delimiter, fields) = (self.spec.format.delimiter, self.header.names.len());
        for record in Records::new(block, delimiter, Some(fields)) {
            let line = tally.lines + 1;
            tally.lines += record.lines;
            tally.continuation += u64::from(record.lines - 1);
            match record.kind() {
                RecordKind::Unbalanced => sink.bad(line, unbalanced_quote()),
                RecordKind::Blank => tally.blank += u64::from(record.lines),
                RecordKind::Row => match self.read(&splitter.split_record(&record), sink.shown()) {
                    Ok(row) => {
                        tally.money = tally.money.saturating_add(row.money());
                        sink.row(line, record.bytes.len(), &row);
                    }
                    Err(row) => sink.bad(line, row),
                },
            }
        }
        tally
    }

    /// The row of `fields`, or the bad row it is (its line not yet known). `shown`: whether
    /// a bad row's message may still be shown, and so is worth a guess at what was meant.
    // Inlined into the readers' loops, as the three steps of a row were one function before
    // they were split into a reader and a collector: as calls, the 2 M-row log took 3 %
    // longer (15 alternating runs, 224.6 → 231.7 ms median).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn read<'r>(&'r mut self, fields: &Fields<'r>, shown: bool) -> Result<ReadRow<'r>, BadRow> {
        let header = self.header;
        let located = |(problem, column, message): RowError| {
            let field = column.map(|i| header.names[i].clone());
            let column = column.map_or(1, |i| fields.column(i));
            BadRow { line: 0, column, field, problem, message }
        };
        let parsed = parse_row(fields, &header.columns, header.names.len(), self.spec, &mut self.last_date)
            .map_err(located)?;
        let segment = self.segment(fields, parsed.customer, shown).map_err(|(problem, message)| {
            let column = header.columns.segment.unwrap_or(header.columns.customer);
            located((problem, Some(column), message))
        })?;
        let category = match header.columns.category {
            Some(column) => self
                .category(fields.get(column), parsed.amount)
                .map_err(|(problem, message)| located((problem, Some(column), message)))?,
            None => false,
        };
        let id = key_text(parsed.customer, self.spec.format.encoding, &mut self.decoded);
        Ok(ReadRow {
            id,
            segment,
            day: parsed.day,
            amount: parsed.amount,
            margin: parsed.margin,
            category: category.then_some(self.last_category.1.as_str()),
        })
    }

    /// The customer's segment from the segment column or the customers file.
    #[inline]
    fn segment(&mut self, fields: &Fields, customer: &[u8], shown: bool) -> Result<u32, (Problem, String)> {
        let format = self.spec.format;
        match self.spec.segments {
            Segments::None => Ok(NO_SEGMENT),
            Segments::Customers(map) => map.get(customer).map(|&s| index(s)).ok_or_else(|| {
                let id = format.encoding.decode(customer).unwrap_or_default();
                (Problem::UnknownCustomer, format!("customer `{id}` is not in the customers file"))
            }),
            Segments::Column(names) => {
                let column = self.header.columns.segment.expect("a segment column is mapped");
                let value = fields::trim(fields.get(column));
                if value.is_empty() {
                    return Err((Problem::MissingSegment, "the segment is empty".into()));
                }
                if let Some(&(_, known)) =
                    self.known_segments.iter().find(|(text, _)| fields::same_bytes(text, value))
                {
                    return Ok(known);
                }
                let text = format.encoding.decode(value).unwrap_or_default();
                if let Some(i) = names.find(&text) {
                    // Past the first segments met, the last place holds the latest, so that a
                    // run of rows of one segment still finds it there.
                    if self.known_segments.len() == KNOWN_SEGMENTS {
                        self.known_segments.pop();
                    }
                    self.known_segments.push((value.to_vec(), index(i)));
                    return Ok(index(i));
                }
                // Among a thousand segments the guess costs a thousand comparisons: made only
                // for the rows whose message is kept, not for every row of a file wrong on
                // every line.
                let guess = shown.then(|| {
                    crate::diagnostic::did_you_mean(&text, names.names().iter().map(String::as_str))
                });
                let hint = guess.flatten().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                Err((Problem::UnknownSegment, format!("`{text}` is not a segment id in segments.yaml{hint}")))
            }
        }
    }

    /// Whether the row names a category, then [`Self::last_category`]'s text. A row of
    /// `amount` zero or less buys nothing and may leave it empty.
    fn category(&mut self, raw: &[u8], amount: i64) -> Result<bool, (Problem, String)> {
        let value = fields::trim(raw);
        if value.is_empty() {
            if amount <= 0 {
                return Ok(false);
            }
            return Err((
                Problem::MissingCategory,
                "the category is empty (a row above zero needs one: it is what the customer bought)".into(),
            ));
        }
        // The cache starts empty: an empty category never reaches it.
        if fields::same_bytes(value, &self.last_category.0) {
            return Ok(true);
        }
        let Some(text) = self.spec.format.encoding.decode(value) else {
            return Err((Problem::NotText, "the category is not UTF-8 text (older Nordic exports are Windows-1252: set `encoding: windows-1252`)".into()));
        };
        // Into the buffers kept, not a new text: in a log sorted by date the category
        // changes from nearly every row to the next.
        self.last_category.1.clear();
        self.last_category.1.push_str(&text);
        self.last_category.0.clear();
        self.last_category.0.extend_from_slice(value);
        Ok(true)
    }
}

/// Numbers the customers of the rows it is given, in the order met, and keeps their rows:
/// the part of a reader thread, of the whole log or of a part's rows as the cut read them.
pub struct Collector<E> {
    ids: Interner,
    /// Customer number and segment → first row, for rows naming another segment than the
    /// customer's first row did (rare: the run then fails). Unkeyed, unlike the id table:
    /// the keys are numbers this reader gives in order, not text from the file.
    others: FxHashMap<(u32, u32), Loc>,
    /// The last category numbered and its number: a log sorted by date names few in turn.
    last_category: (String, u8),
    /// Rows read but not yet looked up, with their packed ids (see [`Intern`]): ids of up
    /// to 15 bytes, UUIDs, and other ids of up to 47.
    narrow: Batch<NARROW>,
    uuids: Batch<NARROW>,
    wide: Batch<WIDE>,
    found: Vec<Found>,
    pub part: Part<E>,
}

impl<E> Default for Collector<E> {
    fn default() -> Self {
        Self {
            ids: Interner::default(),
            others: FxHashMap::default(),
            last_category: (String::new(), 0),
            narrow: Batch::new(Interner::intern_narrow),
            uuids: Batch::new(Interner::intern_uuids),
            wide: Batch::new(Interner::intern_wide),
            found: Vec::with_capacity(BATCH),
            part: Part::default(),
        }
    }
}

impl<E: Entry> Collector<E> {
    /// Keeps the row read at `at`.
    #[allow(clippy::inline_always)] // as `RowReader::read`
    #[inline(always)]
    pub fn add(&mut self, row: &ReadRow, at: Loc) {
        let category = match row.category {
            Some(text) => self.category(text, at),
            None => NO_CATEGORY,
        };
        let values = Values { day: row.day, amount: row.amount, margin: row.margin, category };
        let segment = row.segment;
        match Packing::of(row.id) {
            Packing::Narrow(key) => self.queue(|c| &mut c.narrow, (key, segment), (at, values)),
            Packing::Uuid(key) => self.queue(|c| &mut c.uuids, (key, segment), (at, values)),
            Packing::Wide(key) => self.queue(|c| &mut c.wide, (key, segment), (at, values)),
            Packing::Long => {
                let found = self.ids.intern_long(row.id, segment);
                record(&mut self.part, &mut self.others, found, segment, at, values);
            }
        }
    }

    /// The part, every row looked up, its ids sorted.
    pub fn finish(mut self) -> Part<E> {
        self.flush(|c| &mut c.narrow);
        self.flush(|c| &mut c.uuids);
        self.flush(|c| &mut c.wide);
        self.part.others = self.others.into_iter().map(|((c, s), at)| (c, s, at)).collect();
        self.part.ids = self.ids.into_sorted();
        self.part
    }

    /// Adds a row to the batch `of` the collector, looking the batch up when full.
    fn queue<const W: usize>(
        &mut self,
        of: fn(&mut Self) -> &mut Batch<W>,
        key: Pending<W>,
        row: (Loc, Values),
    ) {
        let batch = of(self);
        batch.keys.push(key);
        batch.rows.push(row);
        if batch.keys.len() == BATCH {
            self.flush(of);
        }
    }

    /// Looks up the customers of the batch `of` the collector in its table, and records its rows.
    fn flush<const W: usize>(&mut self, of: fn(&mut Self) -> &mut Batch<W>) {
        let batch = of(self);
        let (keys, rows, intern) =
            (std::mem::take(&mut batch.keys), std::mem::take(&mut batch.rows), batch.intern);
        self.found.clear();
        intern(&mut self.ids, &keys, &mut self.found);
        for ((&(_, segment), &found), &(at, values)) in keys.iter().zip(&self.found).zip(&rows) {
            record(&mut self.part, &mut self.others, found, segment, at, values);
        }
        let batch = of(self);
        (batch.keys, batch.rows) = (keys, rows);
        batch.keys.clear();
        batch.rows.clear();
    }

    /// The category's number, in the order this collector met them. Past
    /// [`MAX_CATEGORIES`] every new one shares one number: the file then has too many, which
    /// the merge reports.
    fn category(&mut self, text: &str, at: Loc) -> u8 {
        if !self.last_category.0.is_empty() && self.last_category.0 == text {
            return self.last_category.1;
        }
        let part = &mut self.part;
        let index = part.category_names.iter().position(|n| n == text).unwrap_or_else(|| {
            if part.category_names.len() <= MAX_CATEGORIES {
                part.category_names.push(text.to_owned());
                part.category_firsts.push(at);
            }
            part.category_names.len() - 1
        });
        let index = u8::try_from(index).unwrap_or(u8::MAX);
        text.clone_into(&mut self.last_category.0);
        self.last_category.1 = index;
        index
    }
}

/// The first day a transaction may carry: earlier dates are typing mistakes or placeholders
/// (`01.01.1900`), not purchases.
pub(super) static FIRST_PLAUSIBLE_DAY: std::sync::LazyLock<i32> = std::sync::LazyLock::new(|| {
    fields::day_of(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default())
});

/// A bad row before its line is known: problem, column index, message.
type RowError = (Problem, Option<usize>, String);

/// The segment texts a row reader keeps ([`RowReader::known_segments`]): a project's segments are
/// few; past these, each new one takes the last place, and the names are searched.
const KNOWN_SEGMENTS: usize = 16;

/// The distinct categories a log may hold: each is a bit of a customer-day's set
/// ([`super::DayTotal::categories`]).
pub const MAX_CATEGORIES: usize = 32;

/// Rows waiting to be looked up together in one of the interner's tables, their ids packed
/// into `W` words: each batch is made with the function that searches its table, so that
/// a batch is always looked up where its ids belong.
struct Batch<const W: usize> {
    keys: Vec<Pending<W>>,
    rows: Vec<(Loc, Values)>,
    intern: Intern<W>,
}

impl<const W: usize> Batch<W> {
    fn new(intern: Intern<W>) -> Self {
        Self { keys: Vec::new(), rows: Vec::new(), intern }
    }
}

/// Adds a looked-up row to the part: a customer's first row gives their segment, a later
/// row naming another segment is noted for the error.
#[allow(clippy::inline_always)] // as `RowReader::read`
#[inline(always)]
fn record<E: Entry>(
    part: &mut Part<E>,
    others: &mut FxHashMap<(u32, u32), Loc>,
    found: Found,
    segment: u32,
    at: Loc,
    values: Values,
) {
    if found.new {
        part.firsts.push((segment, at));
    } else if found.first_segment != segment {
        others.entry((found.number, segment)).or_insert(at);
    }
    let day = values.day;
    part.period = Some(part.period.map_or((day, day), |(lo, hi)| (lo.min(day), hi.max(day))));
    // The day fits the key: the date formats read four-digit years only (see `rows::SortKey`).
    part.rows.push(E::new(rows::key(found.number, day, values.category), values.amount, values.margin));
}

/// A segment index as the worker stores it.
fn index(segment: usize) -> u32 {
    u32::try_from(segment).unwrap_or(NO_SEGMENT)
}

/// A customer's key from their id field: trimmed, then UTF-8 ids as they are and
/// Windows-1252 ids decoded when they hold a non-ASCII byte, so the same customer is one
/// key and ids sort by their text. The whole read and the cut into parts both key ids by
/// this, so that a customer's rows all fall in one part.
pub(super) fn key_text<'b>(field: &'b [u8], encoding: Encoding, decoded: &'b mut String) -> &'b [u8] {
    let id = fields::trim(field);
    if encoding == Encoding::Utf8 || id.is_ascii() {
        return id;
    }
    *decoded = encoding.decode(id).unwrap_or_default().into_owned();
    decoded.as_bytes()
}

/// A row's values, read.
struct Parsed<'r> {
    customer: &'r [u8],
    day: i32,
    amount: i64,
    margin: i64,
}

fn parse_row<'r>(
    fields: &Fields<'r>,
    columns: &ColumnIndex,
    expected: usize,
    spec: &LogSpec,
    last_date: &mut (Vec<u8>, i32),
) -> Result<Parsed<'r>, RowError> {
    let format = spec.format;
    if fields.len() != expected {
        return Err((
            Problem::FieldCount,
            None,
            crate::project::data::csv::field_count_problem(fields.len(), expected),
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
    // The cache starts empty: an empty date must not match it.
    let day = if !date.is_empty() && fields::same_bytes(date, &last_date.0) {
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
        if day < *FIRST_PLAUSIBLE_DAY {
            return Err((
                Problem::BeforeData,
                Some(columns.date),
                format!(
                    "{} is before 1990: no client's transactions go back that far (a date typed wrongly, or a placeholder)",
                    fields::date_of(day)
                ),
            ));
        }
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
            let raw = fields.get(i);
            let rate = fields::rate(raw, format.decimal)
                .map_err(|e| number_error(&e, raw, format.decimal, Problem::Margin, i, "margin rate"))?;
            #[allow(clippy::cast_precision_loss)]
            let margin = (amount as f64 * rate).round();
            // A rate that makes more money than a row may hold is no margin rate.
            #[allow(clippy::cast_precision_loss)]
            if margin.abs() > fields::MAX_AMOUNT as f64 {
                let message = format!(
                    "the margin rate `{}` makes a margin of more than {} on this row's amount: a rate is a fraction (0.31) or a percentage (31%)",
                    lossy(raw),
                    fields::MAX_AMOUNT / fields::UNITS_PER_CURRENCY
                );
                return Err((Problem::Margin, Some(i), message));
            }
            #[allow(clippy::cast_possible_truncation)] // within ±MAX_AMOUNT
            let margin = margin as i64;
            margin
        }
        _ => 0,
    };
    Ok(Parsed { customer, day, amount, margin })
}

fn money(fields: &Fields, i: usize, decimal: u8, problem: Problem) -> Result<i64, RowError> {
    let what = if problem == Problem::Margin { "margin" } else { "amount" };
    let raw = fields.get(i);
    fields::amount(raw, decimal).map_err(|e| number_error(&e, raw, decimal, problem, i, what))
}

/// A number that cannot be read: when it reads with the other decimal sign, that is the
/// problem to name (and count, so a file written with the other sign is told once).
fn number_error(e: &FieldError, raw: &[u8], decimal: u8, problem: Problem, i: usize, what: &str) -> RowError {
    let other = fields::other_decimal(decimal);
    if matches!(e, FieldError::Grouping | FieldError::NotANumber) && fields::amount(raw, other).is_ok() {
        let message = format!(
            "`{}` is not a number with `decimal: \"{}\"`; it would be one with `decimal: \"{}\"`",
            lossy(raw),
            decimal as char,
            other as char
        );
        return (Problem::DecimalSign, Some(i), message);
    }
    (problem, Some(i), field_message(e, raw, what))
}

fn field_message(e: &FieldError, raw: &[u8], what: &str) -> String {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    if raw.contains(&b'\r') {
        return format!(
            "the {what} `{}` holds a carriage return: the file mixes line endings; save it with \
             Windows (CRLF) or Unix (LF) line endings",
            lossy(raw).replace('\r', "\\r")
        );
    }
    match e {
        FieldError::Empty => format!("the {what} is empty"),
        FieldError::TooLarge => format!("the {what} `{}` is too large", lossy(raw)),
        FieldError::Grouping => format!(
            "cannot read `{}` as {article} {what}: a thousands separator belongs between groups of three digits",
            lossy(raw)
        ),
        FieldError::NotANumber | FieldError::NotADate => format!(
            "cannot read `{}` as {article} {what} (check `decimal:` in project.yaml: `1.234,50` needs `decimal: \",\"`)",
            lossy(raw)
        ),
    }
}

/// Shows bytes of unknown encoding as text, for messages.
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(40).collect()
}
