//! The per-customer summary: written by `uplift summarise`, or computed in a warehouse
//! (docs/warehouse.md) and read instead of the transactions.

use std::path::Path;

use chrono::NaiveDate;

use super::bad_rows::SHOWN;
use super::csv::{
    NamedRow, Piece, first_problems, first_record, pieces_for, row_problem, sorted_once, summary_pieces,
};
use super::fields;
use super::segment_names::{NotNumbered, SegmentNames};
use crate::csv_field::{push_date, push_exact, push_number, push_padded, push_six_places};
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{CustomerSummary, LoyaltyPathSettings, PathFields};

/// The columns, in order.
pub const COLUMNS: [&str; 8] =
    ["customer", "segment", "frequency", "recency", "T", "monetary_value", "first_purchase", "last_purchase"];

/// The largest summary read: it is read whole (a million customers take about 60 MB).
pub const MAX_BYTES: u64 = 4 << 30;

/// The loyalty path's columns after [`COLUMNS`], named for the settings they were read
/// under, so that a summary is never counted under other settings than its own.
pub fn path_columns(path: &LoyaltyPathSettings) -> Vec<String> {
    let mut names = vec!["longest_gap".to_owned()];
    names.extend(path.purchases[1..].iter().map(|n| format!("days_to_purchase_{n}")));
    names.push(format!("revenue_in_{}_days", path.window_days));
    names.extend(path.categories.map(|n| format!("days_to_{n}_categories")));
    names
}

/// The settings a summary's loyalty columns were read under, from their names.
fn path_settings(names: &[&str]) -> Option<LoyaltyPathSettings> {
    let number = |name: &str, prefix: &str, suffix: &str| -> Option<u32> {
        name.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok().filter(|&n| n > 0)
    };
    let (fixed, categories) = match names {
        [fixed @ .., last] if last.ends_with("_categories") => {
            (fixed, Some(number(last, "days_to_", "_categories")?))
        }
        _ => (names, None),
    };
    let ["longest_gap", p2, p3, p4, revenue] = fixed else { return None };
    let purchases = [p2, p3, p4].map(|p| number(p, "days_to_purchase_", ""));
    Some(LoyaltyPathSettings {
        purchases: [1, purchases[0]?, purchases[1]?, purchases[2]?],
        window_days: number(revenue, "revenue_in_", "_days")?,
        lapse_days: LoyaltyPathSettings::default().lapse_days,
        categories,
    })
}

/// Customers formatted per batch by [`write`]: some ten megabytes of text, so that the
/// summary of ten million customers goes out as it is made instead of being held whole
/// (some 700 MB, on top of the summaries themselves).
const WRITE_BATCH: usize = 1 << 17;

/// Writes `customers` as CSV to `out`, naming segments by their ids, with the loyalty
/// path's columns under `path`. Each batch of customers is formatted on all cores, in runs
/// joined in order, while the batch before it is written.
pub fn write(
    customers: &[CustomerSummary],
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_in_batches(customers, segment_ids, path, WRITE_BATCH, out)
}

/// [`write`], `batch` customers at a time.
fn write_in_batches(
    customers: &[CustomerSummary],
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    batch: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(header(customers.first().is_some_and(|c| c.path.is_some()), path).as_bytes())?;
    rows_in_batches(customers, segment_ids, path, batch, out)
}

/// The rows of `customers` without the header, `batch` customers at a time.
fn rows_in_batches(
    customers: &[CustomerSummary],
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    batch: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    format_in_batches(customers, batch, |run| rows_text(run, segment_ids, path).into_bytes(), out)
}

/// Writes what `format` makes of `items`, `batch` at a time: each batch formatted on all
/// cores, in runs joined in order, on a thread of its own while this one writes the batch
/// before.
pub fn format_in_batches<T: Sync>(
    items: &[T],
    batch: usize,
    format: impl Fn(&[T]) -> Vec<u8> + Sync,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let (sender, formatted) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
        let format = &format;
        scope.spawn(move || {
            for items in items.chunks(batch.max(1)) {
                if sender.send(crate::parallel::map_runs(items, format)).is_err() {
                    return; // the writing failed
                }
            }
        });
        for runs in formatted {
            for run in runs {
                out.write_all(&run)?;
            }
        }
        Ok(())
    })
}

/// The header line: [`COLUMNS`], and the loyalty path's columns under `path` when the
/// rows have them.
pub fn header(with_path: bool, path: &LoyaltyPathSettings) -> String {
    let mut header = COLUMNS.join(",");
    if with_path {
        for name in path_columns(path) {
            header.push(',');
            header.push_str(&name);
        }
    }
    header.push('\n');
    header
}

/// The rows of `customers`, one line each.
fn rows_text(customers: &[CustomerSummary], segment_ids: &[String], path: &LoyaltyPathSettings) -> String {
    let mut text = String::with_capacity(customers.len() * 72);
    for c in customers {
        push_row(&mut text, &c.id, c, (segment_ids, path));
    }
    text
}

/// Appends the row of customer `id` summarised by `c` (whose own `id` is not read: a
/// summary made to be written at once has none), with its line ending.
pub fn push_row(
    text: &mut String,
    id: &str,
    c: &CustomerSummary,
    (segment_ids, path): (&[String], &LoyaltyPathSettings),
) {
    push_head(text, id, c, segment_ids);
    push_number(text, u64::from(c.age));
    push_tail(text, c, path);
}

/// A row up to its `T`: id, segment, frequency and recency, each with its comma.
fn push_head(text: &mut String, id: &str, c: &CustomerSummary, segment_ids: &[String]) {
    let segment = c.segment.and_then(|i| segment_ids.get(i)).map_or("", String::as_str);
    push_exact(text, id, ',');
    text.push(',');
    push_exact(text, segment, ',');
    for n in [c.frequency, c.recency] {
        text.push(',');
        push_number(text, u64::from(n));
    }
    text.push(',');
}

/// A row after its `T`, to its line ending.
fn push_tail(text: &mut String, c: &CustomerSummary, path: &LoyaltyPathSettings) {
    text.push(',');
    push_six_places(text, c.monetary);
    text.push(',');
    push_date(text, c.first_purchase);
    text.push(',');
    push_date(text, c.last_purchase);
    if let Some(f) = &c.path {
        text.push(',');
        push_number(text, u64::from(f.longest_gap));
        for day in f.stage_days {
            push_day(text, day);
        }
        text.push(',');
        push_exact_money(text, f.window_revenue);
        if path.categories.is_some() {
            push_day(text, f.categories_day);
        }
    }
    text.push('\n');
}

/// Writes `customers` as frames: each row formatted but for its `T`, which counts the days
/// from the first purchase to an observation end not yet known. A frame is the length of
/// the row's head (to its `T`) and the first purchase's day number, 4 bytes each, then the
/// head and the rest of the row, which ends with the row's only line ending after the id.
/// [`write_from_frames`] writes the rows once the end is known.
pub fn write_frames(
    customers: &[CustomerSummary],
    segment_ids: &[String],
    path: &LoyaltyPathSettings,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let frames = |run: &[CustomerSummary]| {
        let (mut frames, mut text) = (Vec::with_capacity(run.len() * 80), String::new());
        for c in run {
            text.clear();
            push_head(&mut text, &c.id, c, segment_ids);
            let head = u32::try_from(text.len()).unwrap_or(u32::MAX);
            push_tail(&mut text, c, path);
            frames.extend_from_slice(&head.to_le_bytes());
            frames.extend_from_slice(&crate::project::data::day_of(c.first_purchase).to_le_bytes());
            frames.extend_from_slice(text.as_bytes());
        }
        frames
    };
    format_in_batches(customers, WRITE_BATCH, frames, out)
}

/// Writes the rows of `frames` ([`write_frames`]), each `T` counted to day `end`. `Err`
/// for a frame cut short.
pub fn write_from_frames(frames: &[u8], end: i32, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cut_short = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "a summary frame is cut short");
    let mut rows: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut rest = frames;
    let mut number = itoa::Buffer::new();
    while !rest.is_empty() {
        let (lengths, after) = rest.split_at_checked(8).ok_or_else(cut_short)?;
        let (size, first) = lengths.split_at(4);
        let size = u32::from_le_bytes(size.try_into().unwrap_or_default()) as usize;
        let first = i32::from_le_bytes(first.try_into().unwrap_or_default());
        let (head, after) = after.split_at_checked(size).ok_or_else(cut_short)?;
        let tail = memchr::memchr(b'\n', after).ok_or_else(cut_short)? + 1;
        rows.extend_from_slice(head);
        rows.extend_from_slice(number.format(u32::try_from(end - first).unwrap_or(0)).as_bytes());
        rows.extend_from_slice(&after[..tail]);
        rest = &after[tail..];
        if rows.len() >= 1 << 20 {
            out.write_all(&rows)?;
            rows.clear();
        }
    }
    out.write_all(&rows)
}

/// Appends `,` and the day, or nothing after it when there is none.
fn push_day(text: &mut String, day: Option<u32>) {
    text.push(',');
    if let Some(day) = day {
        push_number(text, u64::from(day));
    }
}

/// Appends ten-thousandths as a decimal with six places, exactly: `-12.500000`.
fn push_exact_money(text: &mut String, units: i64) {
    if units < 0 {
        text.push('-');
    }
    let (whole, part) = (units.unsigned_abs() / 10_000, units.unsigned_abs() % 10_000);
    push_number(text, whole);
    text.push('.');
    push_padded(text, part, 4);
    text.push_str("00");
}

/// A summary file read: the customers and the observation end they imply.
#[derive(Debug)]
pub struct Summary {
    pub customers: Vec<CustomerSummary>,
    pub observation_end: NaiveDate,
    /// The segment each index names.
    pub segments: Vec<String>,
    /// The settings its loyalty path's columns were read under (`lapse_days` is not one of
    /// them); `None` without those columns.
    pub path: Option<LoyaltyPathSettings>,
}

/// Reads a summary, checking each row is consistent: `recency ≤ T`, the last purchase
/// `recency` days after the first, and every customer observed to the same end date.
///
/// With `segment_ids`, every segment must be one of them; without, each new segment name
/// seen gets the next index.
pub fn read(text: &[u8], rel: &Path, segment_ids: Option<&[String]>) -> Result<Summary, Vec<Diagnostic>> {
    let mut segments = segment_ids.map_or_else(SegmentNames::open, SegmentNames::of);
    if text.is_empty() {
        return Err(vec![Diagnostic::new(rel, "the file is empty").hint("export the summary again")]);
    }
    let header = first_record(text).0;
    let bom = if header.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let expected = COLUMNS.join(",");
    let names: Vec<&str> =
        std::str::from_utf8(fields::trim(&header[bom..])).unwrap_or_default().split(',').collect();
    let extra = names.get(COLUMNS.len()..).unwrap_or_default();
    let path = if extra.is_empty() { None } else { path_settings(extra) };
    if names.get(..COLUMNS.len()) != Some(&COLUMNS[..]) || (!extra.is_empty() && path.is_none()) {
        return Err(vec![
            Diagnostic::new(rel, "the header is not that of a customer summary")
                .at(Some(Position { line: 1, column: 1 }))
                .hint(format!(
                    "the first line must be `{expected}`, optionally followed by the loyalty path's columns `{}` (see docs/warehouse.md)",
                    path_columns(&LoyaltyPathSettings::default()).join(",")
                )),
        ]);
    }
    // Each piece of the file starts from the project's segments, or from none, and names
    // new ones in its own list when open; joined in file order, they number the segments
    // as one reading from the top would.
    let pieces = summary_pieces(
        pieces_for(text),
        text,
        rel,
        names.len(),
        || segments.clone(),
        |fields, line, own: &mut SegmentNames| {
            row(fields, own, (&names, path.as_ref())).map_err(|p| row_problem(rel, line, p))
        },
    );
    // Each piece's segments in the file's numbering, numbered piece by piece as a reading
    // from the top would; `Err` with the problem for a name past the limit, which only the
    // pieces together may pass: each of its rows is then a problem.
    let renumbered: Vec<Vec<Numbered>> = pieces
        .iter()
        .map(|piece| {
            let own = piece.state.names().iter();
            own.map(|name| segments.number(name).map_err(|_| segments.problem(NotNumbered::TooMany, name)))
                .collect()
        })
        .collect();
    // Every customer must be observed to the same end as the first whose segment is known.
    let end = pieces.iter().zip(&renumbered).find_map(|(piece, numbers)| {
        let first = piece.rows.iter().find(|c| c.segment.is_none_or(|own| numbers[own].is_ok()))?;
        Some(observation_end_of(first))
    });
    // The rows checked against it on all cores: the date arithmetic of a million rows.
    let checks: Vec<(&SummaryPiece, &[Numbered])> =
        pieces.iter().zip(renumbered.iter().map(Vec::as_slice)).collect();
    let found = crate::parallel::map_each(&checks, |&(piece, numbers)| {
        end.map_or_else(Vec::new, |end| piece_problems(piece, numbers, end, rel))
    });
    let mut customers: Vec<Vec<CustomerSummary>> = Vec::with_capacity(pieces.len());
    let mut problems = Vec::new();
    for ((mut piece, numbers), found) in pieces.into_iter().zip(renumbered).zip(found) {
        problems.extend(piece.problems);
        problems.extend(found);
        // In file order, as one reading from the top finds them; later pieces hold later
        // lines only, so what is past the first one too many here stays past it.
        problems.sort_by_key(|p| p.position.map_or(0, |at| at.line));
        problems.truncate(SHOWN + 1);
        for c in &mut piece.rows {
            if let Some(Ok(number)) = c.segment.map(|own| &numbers[own]) {
                c.segment = Some(*number);
            }
        }
        customers.push(piece.rows);
    }
    let mut customers = crate::parallel::concat(customers);
    let mut problems = first_problems(problems)?;
    let Some(observation_end) = end else {
        problems
            .push(Diagnostic::new(rel, "the file has a header but no rows").hint("export the summary again"));
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    sorted_once(&mut customers, |c| &c.id, rel)?;
    if let Some(problem) = path.as_ref().and_then(|path| too_much_window_revenue(&customers, path, rel)) {
        return Err(vec![problem]);
    }
    Ok(Summary { customers, observation_end, segments: segments.into_names(), path })
}

/// The problem of a summary whose customers' revenue in the loyalty path's window, each
/// row's at most [`fields::MAX_AMOUNT`], adds up past what a file's money may
/// ([`super::too_much_money`]): the path sums it per stage.
fn too_much_window_revenue(
    customers: &[CustomerSummary],
    path: &LoyaltyPathSettings,
    rel: &Path,
) -> Option<Diagnostic> {
    let fields = customers.iter().filter_map(|c| c.path.as_ref());
    let total = fields.fold(0u64, |sum, f| sum.saturating_add(f.window_revenue.unsigned_abs()));
    let column = path_columns(path).into_iter().find(|name| name.starts_with("revenue_in_"))?;
    let what = format!("the column `{column}`");
    super::too_much_money(rel, &what, total, "export the summary again, as docs/warehouse.md computes it")
}

/// A piece of a summary as read, its segments numbered its own way.
type SummaryPiece = Piece<CustomerSummary, SegmentNames>;

/// A piece's segment in the file's numbering, or the problem with its name.
type Numbered = Result<usize, String>;

/// The day a summary row says its customer was observed to: `first_purchase + T`.
fn observation_end_of(c: &CustomerSummary) -> NaiveDate {
    c.first_purchase + chrono::Days::new(u64::from(c.age))
}

/// The problems of a piece's rows, in row order: a segment past the limit (`numbers` has
/// the piece's segments in the file's numbering), or an observation end other than `end`.
/// The first one more than [`SHOWN`] of each kind is enough to find the file's first ones:
/// a summary wrong on every row must not make a message per row.
fn piece_problems(piece: &SummaryPiece, numbers: &[Numbered], end: NaiveDate, rel: &Path) -> Vec<Diagnostic> {
    let (mut problems, mut end_problems, mut segment_problems) = (Vec::new(), 0, 0);
    for (c, &line) in piece.rows.iter().zip(&piece.lines) {
        if let Some(Err(problem)) = c.segment.map(|own| &numbers[own]) {
            segment_problems += 1;
            if segment_problems <= SHOWN + 1 {
                problems.push(row_problem(rel, line, (1, problem.clone())));
            }
            continue;
        }
        let this_end = observation_end_of(c);
        if this_end != end {
            end_problems += 1;
            if end_problems <= SHOWN + 1 {
                problems.push(
                    Diagnostic::new(
                        rel,
                        format!("first_purchase + T is {this_end} here but {end} on earlier rows"),
                    )
                    .at(Some(Position { line, column: 1 }))
                    .hint("compute T for every customer against the same observation end"),
                );
            }
        }
    }
    problems
}

/// Checks that the summary's loyalty columns were read under the project's `path`
/// settings, its category column included; a summary without them has no loyalty path,
/// unless the project counts categories.
pub fn match_path(
    summary: Summary,
    rel: &Path,
    path: &LoyaltyPathSettings,
) -> Result<Summary, Vec<Diagnostic>> {
    let header = Some(Position { line: 1, column: 1 });
    let fix = "compute the summary again under the project's `loyalty_path` (`uplift summarise`, or the query's `params`), or set `loyalty_path` in project.yaml to the summary's";
    let named =
        |n: Option<u32>| n.map_or("no category column".to_owned(), |n| format!("`days_to_{n}_categories`"));
    let problem = match &summary.path {
        None if path.categories.is_some() => Some(
            "`loyalty_path.categories` counts categories, but the summary has no loyalty path columns"
                .to_owned(),
        ),
        Some(own) if own.purchases != path.purchases || own.window_days != path.window_days => Some(format!(
            "the summary's loyalty path columns count purchase days {} within {} days; project.yaml's `loyalty_path` counts {} within {}",
            own.purchases[1..].iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
            own.window_days,
            path.purchases[1..].iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
            path.window_days
        )),
        // A category column the project does not count would be dropped unseen.
        Some(own) if own.categories != path.categories => Some(format!(
            "the summary has {}, project.yaml's `loyalty_path` counts {}",
            named(own.categories),
            path.categories.map_or("no categories".to_owned(), |n| format!("{n} categories"))
        )),
        None | Some(_) => None,
    };
    if let Some(problem) = problem {
        return Err(vec![Diagnostic::new(rel, problem).at(header).hint(fix)]);
    }
    Ok(summary)
}

/// One row of a summary whose header has `names`, and loyalty columns read under `path`;
/// the error holds the field index and the problem.
fn row(
    f: &super::csv::Fields,
    segments: &mut SegmentNames,
    (names, path): (&[&str], Option<&LoyaltyPathSettings>),
) -> Result<CustomerSummary, (usize, String)> {
    if f.len() != names.len() {
        return Err((0, super::csv::field_count_problem(f.len(), names.len())));
    }
    let row = NamedRow::new(f, names);
    let count = |i: usize| row.count(i);
    let date = |i: usize| -> Result<NaiveDate, (usize, String)> {
        let t = row.text(i)?;
        iso_date(t).ok_or_else(|| (i, format!("{} must be a date YYYY-MM-DD, got `{t}`", names[i])))
    };
    let (id, segment) = row.customer_and_segment(segments)?;
    let (frequency, recency, age) = (count(2)?, count(3)?, count(4)?);
    let m = row.text(5)?;
    let monetary: f64 = m
        .parse()
        .ok()
        .filter(|x: &f64| x.is_finite())
        .ok_or_else(|| (5, format!("monetary_value must be a number, got `{m}`")))?;
    let (first_purchase, last_purchase) = (date(6)?, date(7)?);
    // Every later date is the first purchase plus days: it must exist.
    if first_purchase.checked_add_days(chrono::Days::new(u64::from(age))).is_none() {
        return Err((4, format!("T {age} puts the observation end beyond the calendar")));
    }
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
    let path = match path {
        Some(settings) => Some(loyalty_fields(&row, settings, (frequency, recency, age))?),
        None => None,
    };
    Ok(CustomerSummary {
        id: id.to_owned(),
        segment,
        frequency,
        recency,
        age,
        monetary,
        first_purchase,
        last_purchase,
        path,
    })
}

/// The loyalty path's columns of one row, read under `settings`: a day is empty when the
/// step was not reached in the window. Each must fit the row's own figures — a stage on a
/// later day than the one before, within the window and the recency, and no more stages
/// than purchase days — so a summary edited by hand or computed wrongly cannot inflate the
/// path.
fn loyalty_fields(
    row: &NamedRow,
    settings: &LoyaltyPathSettings,
    (frequency, recency, age): (u32, u32, u32),
) -> Result<PathFields, (usize, String)> {
    let (count, text, names) = (|i| row.count(i), |i| row.text(i), row.names);
    let at = COLUMNS.len();
    let window = settings.window_days;
    let day = |i: usize| -> Result<Option<u32>, (usize, String)> {
        if text(i)?.is_empty() { Ok(None) } else { count(i).map(Some) }
    };
    let longest_gap = count(at)?;
    if longest_gap > recency || (longest_gap == 0) != (frequency == 0) {
        return Err((
            at,
            format!("longest_gap {longest_gap} does not fit recency {recency} and frequency {frequency}"),
        ));
    }
    let stage_days = [day(at + 1)?, day(at + 2)?, day(at + 3)?];
    let mut previous = 0;
    for (k, stage) in stage_days.iter().enumerate() {
        let column = at + 1 + k;
        let Some(d) = *stage else {
            if let Some(later) = (k + 1..3).find(|&j| stage_days[j].is_some()) {
                return Err((
                    at + 1 + later,
                    format!("{} is given, but {} is empty", names[at + 1 + later], names[column]),
                ));
            }
            continue;
        };
        let problem = if d <= previous {
            Some(format!("must be after the stage before ({previous})"))
        } else if d >= window || d > recency {
            Some(format!("must be less than the window ({window}) and at most recency ({recency})"))
        } else if settings.purchases[k + 1] > frequency + 1 {
            Some(format!("needs {} purchase days; the row has {}", settings.purchases[k + 1], frequency + 1))
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err((column, format!("{} {d} {problem}", names[column])));
        }
        previous = d;
    }
    let categories_day = if names.len() > at + 5 { day(at + 5)? } else { None };
    if let Some(d) = categories_day.filter(|&d| d >= window || d > age) {
        return Err((
            at + 5,
            format!("{} {d} must be less than the window ({window}) and at most T ({age})", names[at + 5]),
        ));
    }
    let revenue = text(at + 4)?;
    let window_revenue = fields::amount(revenue.as_bytes(), b'.')
        .map_err(|_| (at + 4, format!("{} must be a number, got `{revenue}`", names[at + 4])))?;
    Ok(PathFields { longest_gap, stage_days, categories_day, window_revenue })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_give_the_rows_written_whole_once_the_end_is_known() {
        let end = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let path = LoyaltyPathSettings::default();
        let customers: Vec<CustomerSummary> =
            ["C1", "with,comma", "with \"quote\"\nand a line break", "=1+2"]
                .iter()
                .enumerate()
                .map(|(k, id)| {
                    let k = u32::try_from(k).unwrap();
                    let first = end - chrono::Days::new(400 * u64::from(k) + 3);
                    CustomerSummary {
                        id: (*id).to_owned(),
                        segment: Some(k as usize % 2),
                        frequency: k,
                        recency: 2 * k,
                        age: u32::try_from((end - first).num_days()).unwrap(),
                        monetary: 12.5 * f64::from(k),
                        first_purchase: first,
                        last_purchase: first + chrono::Days::new(2 * u64::from(k)),
                        path: Some(PathFields {
                            longest_gap: k,
                            window_revenue: -1234,
                            ..PathFields::default()
                        }),
                    }
                })
                .collect();
        let ids = ["installers".to_owned(), "oem".to_owned()];
        let mut whole = Vec::new();
        write(&customers, &ids, &path, &mut whole).unwrap();
        let mut frames = Vec::new();
        write_frames(&customers, &ids, &path, &mut frames).unwrap();
        let mut rows = header(true, &path).into_bytes();
        write_from_frames(&frames, crate::project::data::day_of(end), &mut rows).unwrap();
        assert_eq!(String::from_utf8(rows).unwrap(), String::from_utf8(whole).unwrap());
        // A frame cut short is an error, not a short summary.
        for cut in [3, 8, frames.len() - 1] {
            assert!(write_from_frames(&frames[..cut], 0, &mut Vec::new()).is_err(), "cut at {cut}");
        }
    }

    fn customer(path: Option<PathFields>) -> CustomerSummary {
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        CustomerSummary {
            id: "c1".into(),
            segment: Some(0),
            frequency: 2,
            recency: 9,
            age: 20,
            monetary: 12.5,
            first_purchase: day(1),
            last_purchase: day(10),
            path,
        }
    }

    /// Each problem is at its line and column, with Unix and with Windows line endings: a
    /// bad number, and an observation end other than the first row's.
    #[test]
    fn problems_are_located_with_either_line_ending() {
        let text = "customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase\n\
                    a,s,1,10,100,5.0,2024-01-01,2024-01-11\n\
                    b,s,x,10,100,5.0,2024-01-01,2024-01-11\n\
                    c,s,1,10,99,5.0,2024-01-01,2024-01-11\n";
        for text in [text.to_owned(), text.replace('\n', "\r\n")] {
            let problems = read(text.as_bytes(), Path::new("s.csv"), None).unwrap_err();
            let found: Vec<(u32, u32)> =
                problems.iter().map(|d| (d.position.unwrap().line, d.position.unwrap().column)).collect();
            assert_eq!(found, [(3, 3), (4, 1)], "{text:?}: {problems:?}");
            assert!(problems[1].message.contains("2024-04-09 here but 2024-04-10"), "{problems:?}");
        }
    }

    /// The loyalty columns are written and read back exactly, their names carry the
    /// settings, and a header whose extra columns are not the path's is refused.
    #[test]
    fn the_loyalty_columns_round_trip_under_their_settings() {
        let settings = LoyaltyPathSettings {
            purchases: [1, 3, 6, 12],
            window_days: 180,
            lapse_days: 365,
            categories: Some(2),
        };
        let fields = PathFields {
            longest_gap: 7,
            stage_days: [Some(4), None, None],
            categories_day: Some(9),
            window_revenue: -12_345_678,
        };
        let text = written(&[customer(Some(fields))], &settings, WRITE_BATCH);
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase,longest_gap,days_to_purchase_3,days_to_purchase_6,days_to_purchase_12,revenue_in_180_days,days_to_2_categories",
                "c1,s,2,9,20,12.500000,2026-01-01,2026-01-10,7,4,,,-1234.567800,9",
            ]
        );
        let read = read(text.as_bytes(), Path::new("s.csv"), Some(&["s".to_owned()])).unwrap();
        assert_eq!(read.customers, [customer(Some(fields))]);
        assert_eq!(read.path, Some(settings));
        let plain = written(&[customer(None)], &settings, WRITE_BATCH);
        assert_eq!(read_plain(&plain).path, None);
        // A stage after the last purchase day cannot have been reached.
        let inflated = text.replace(",7,4,,,", ",7,15,,,");
        let err = super::read(inflated.as_bytes(), Path::new("s.csv"), None).unwrap_err();
        assert!(
            err[0]
                .message
                .contains("days_to_purchase_3 15 must be less than the window (180) and at most recency (9)"),
            "{err:?}"
        );
        // A T past the calendar's end is a located error, not a crash.
        let far = text.replace(",2,9,20,", ",2,9,4294967295,");
        let err = super::read(far.as_bytes(), Path::new("s.csv"), None).unwrap_err();
        assert!(
            err[0].message.contains("T 4294967295 puts the observation end beyond the calendar"),
            "{err:?}"
        );
        let odd = text.replacen("longest_gap", "longest_pause", 1);
        assert!(super::read(odd.as_bytes(), Path::new("s.csv"), None).is_err());
    }

    /// `customers` of segment `s` as [`write_in_batches`] writes them, `batch` at a time.
    fn written(customers: &[CustomerSummary], settings: &LoyaltyPathSettings, batch: usize) -> String {
        let mut out = Vec::new();
        write_in_batches(customers, &["s".to_owned()], settings, batch, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The file is the same bytes however many customers each batch holds.
    #[test]
    fn batches_are_written_in_order_and_change_nothing() {
        let settings = LoyaltyPathSettings::default();
        let customers: Vec<CustomerSummary> =
            (0..7).map(|i| CustomerSummary { id: format!("c{i}"), frequency: i, ..customer(None) }).collect();
        let whole = written(&customers, &settings, customers.len());
        assert_eq!(whole.lines().count(), 8, "{whole}");
        assert!(whole.lines().nth(7).is_some_and(|l| l.starts_with("c6,s,6,")), "{whole}");
        for batch in [1, 2, 3, 6, 100] {
            assert_eq!(written(&customers, &settings, batch), whole, "batches of {batch}");
        }
        assert_eq!(written(&[], &settings, 3), format!("{}\n", COLUMNS.join(",")));
    }

    /// A destination that fails part of the way stops the writing, which returns its error
    /// rather than waiting on the batches still to be formatted.
    #[test]
    fn a_failing_destination_stops_the_writing() {
        struct FullAfter(usize);
        impl std::io::Write for FullAfter {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                if bytes.len() > self.0 {
                    return Err(std::io::Error::other("the disk is full"));
                }
                self.0 -= bytes.len();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let customers: Vec<CustomerSummary> = (0..1_000).map(|_| customer(None)).collect();
        let settings = LoyaltyPathSettings::default();
        let error =
            write_in_batches(&customers, &["s".to_owned()], &settings, 1, &mut FullAfter(500)).unwrap_err();
        assert_eq!(error.to_string(), "the disk is full");
    }

    #[test]
    fn window_revenue_past_the_cap_on_a_files_money_is_refused_before_it_is_summed() {
        let settings = LoyaltyPathSettings::default();
        // Customers each with the most a row may hold in the window, returns or purchases.
        let summary = |n: usize, sign: i64| {
            let fields = PathFields {
                longest_gap: 7,
                stage_days: [Some(4), None, None],
                categories_day: None,
                window_revenue: sign * fields::MAX_AMOUNT,
            };
            let customers: Vec<CustomerSummary> = (0..n)
                .map(|i| CustomerSummary { id: format!("c{i:04}"), ..customer(Some(fields)) })
                .collect();
            written(&customers, &settings, WRITE_BATCH)
        };
        let read_back = |text: String| read(text.as_bytes(), Path::new("s.csv"), None);
        // A hundred are the cap itself; one more, or a thousand (whose sum an i64 does not
        // hold), pass it.
        assert_eq!(read_back(summary(100, 1)).unwrap().customers.len(), 100);
        for (n, sign) in [(101, 1), (1000, 1), (1000, -1)] {
            let problems = read_back(summary(n, sign)).unwrap_err();
            let expected = format!(
                "the column `revenue_in_365_days`, each without its sign, add up to {}: past the cap of 100000000000000",
                n * 1_000_000_000_000
            );
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].message.contains(&expected), "{}", problems[0].message);
        }
    }

    fn read_plain(text: &str) -> Summary {
        read(text.as_bytes(), Path::new("s.csv"), None).unwrap()
    }
}
