//! A part's rows as the cut into parts read them ([`super::split`]), and the read of a part.
//!
//! The cut reads every row of the log once, as the whole read does
//! ([`super::worker::RowReader`]): its bad rows are judged there, and each usable row goes
//! to its part as the values it read, not as text, about two fifths of the bytes. Reading a
//! part then only numbers its customers and groups their rows ([`Collector`]), which the
//! whole read does too: a part is not parsed a second time, and its file is less than half
//! as large to write and read back.
//!
//! A part's file is frames, one per block of the log that had rows for it, in the log's
//! order: each the length of its rows in bytes (eight bytes, little-endian), then its rows.
//! A row is its id's length and bytes, its segment + 1 (0 for none), its day less the
//! frame's row before's (the first's less 0), its amount, its margin when the log has a
//! margin column, and its category: 0 for none, 1 for the category the frame named last,
//! or its length + 2 and its text. Numbers are LEB128 ([`varint`]), signed ones zigzagged.
//! The files are the reader's own, in a private folder. A file that does not read as this
//! (a row cut short, a day, amount or margin no row of a log can hold, more money in all
//! than a log may hold, rows in a number other than its line map's) is refused; a segment
//! is not checked against the project's, as a number past them names no segment wherever
//! it is looked up.

use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;

use super::blocks::{Blocks, on_every_core};
use super::rows::{self, Entry, PlainRow, RowWithMargin};
use super::worker::{Collector, FIRST_PLAUSIBLE_DAY, Part, ReadRow};
use super::{Log, LogSpec, merge, varint};
use crate::project::data::fields::{MAX_AMOUNT, MAX_LOG_MONEY};

/// What a frame's rows are written against: the day and category of the row before.
#[derive(Default)]
pub struct FrameWriter {
    day: i32,
    category: Option<String>,
}

impl FrameWriter {
    /// Appends `row` to `out`, the frame's rows so far, the margin when `with_margin`.
    pub fn push(&mut self, out: &mut Vec<u8>, row: &ReadRow, with_margin: bool) {
        varint::push(out, row.id.len() as u64);
        out.extend_from_slice(row.id);
        varint::push(out, u64::from(row.segment.wrapping_add(1)));
        varint::push(out, varint::zigzag(i64::from(row.day) - i64::from(self.day)));
        self.day = row.day;
        varint::push(out, varint::zigzag(row.amount));
        if with_margin {
            varint::push(out, varint::zigzag(row.margin));
        }
        match row.category {
            None => out.push(0),
            Some(text) if self.category.as_deref() == Some(text) => out.push(1),
            Some(text) => {
                varint::push(out, text.len() as u64 + 2);
                out.extend_from_slice(text.as_bytes());
                let kept = self.category.get_or_insert_with(String::new);
                text.clone_into(kept);
            }
        }
    }
}

/// The rows of one frame, in order; after a row that does not read, nothing.
struct FrameRows<'a> {
    bytes: &'a [u8],
    at: usize,
    with_margin: bool,
    day: i32,
    category: Option<&'a str>,
}

impl<'a> FrameRows<'a> {
    fn new(bytes: &'a [u8], with_margin: bool) -> Self {
        Self { bytes, at: 0, with_margin, day: 0, category: None }
    }

    fn number(&mut self) -> io::Result<u64> {
        let (value, next) = varint::read(self.bytes, self.at).ok_or_else(not_a_part)?;
        self.at = next;
        Ok(value)
    }

    fn text(&mut self, length: u64) -> io::Result<&'a [u8]> {
        let end = usize::try_from(length).ok().and_then(|n| self.at.checked_add(n));
        let text = end.and_then(|end| self.bytes.get(self.at..end)).ok_or_else(not_a_part)?;
        self.at += text.len();
        Ok(text)
    }

    fn row(&mut self) -> io::Result<ReadRow<'a>> {
        let length = self.number()?;
        let id = self.text(length)?;
        let segment = u32::try_from(self.number()?).map_err(|_| not_a_part())?.wrapping_sub(1);
        let day = i64::from(self.day).checked_add(varint::unzigzag(self.number()?));
        self.day = day
            .and_then(|day| i32::try_from(day).ok())
            .filter(|&day| day >= *FIRST_PLAUSIBLE_DAY && rows::fits(day))
            .ok_or_else(not_a_part)?;
        let amount = varint::unzigzag(self.number()?);
        let margin = if self.with_margin { varint::unzigzag(self.number()?) } else { 0 };
        if amount.unsigned_abs().max(margin.unsigned_abs()) > MAX_AMOUNT.unsigned_abs() {
            return Err(not_a_part());
        }
        let category = match self.number()? {
            0 => None,
            1 => Some(self.category.ok_or_else(not_a_part)?),
            length => {
                let text = self.text(length - 2)?;
                let text = std::str::from_utf8(text).map_err(|_| not_a_part())?;
                self.category = Some(text);
                Some(text)
            }
        };
        Ok(ReadRow { id, segment, day: self.day, amount, margin, category })
    }
}

impl<'a> Iterator for FrameRows<'a> {
    type Item = io::Result<ReadRow<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let row = self.row();
        if row.is_err() {
            self.at = self.bytes.len(); // nothing after a row that does not read is read
        }
        Some(row)
    }
}

/// The error of a part's file that does not read as the cut writes them.
fn not_a_part() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "a part's file is not as the cut wrote it")
}

/// Reads the part `spec` names, a file of frames the cut wrote, with its line map
/// ([`LogSpec::part`]): the log of its rows, as the whole read would have read them, but
/// for the bad rows, blank lines and continued lines, which the cut counted.
pub fn read(spec: &LogSpec) -> io::Result<Log> {
    let mut file = File::open(spec.path)?;
    if spec.columns.margin.is_some() {
        read_rows::<RowWithMargin>(spec, &mut file)
    } else {
        read_rows::<PlainRow>(spec, &mut file)
    }
}

/// Streams the frames through collectors on every core, and merges what they kept.
fn read_rows<E: Entry>(spec: &LogSpec, file: &mut File) -> io::Result<Log> {
    // Set when a frame does not read: no more are read, and the collectors only take those
    // already sent, so that no send waits for a collector that is gone.
    let failed = AtomicBool::new(false);
    let (parts, read) = on_every_core(
        |blocks| collect::<E>(blocks, &failed),
        |feed| {
            frames(file, &feed.spares, |index, frame| {
                !failed.load(Ordering::Relaxed) && feed.send(index, frame)
            })
        },
    );
    read?;
    let parts = parts.into_iter().collect::<io::Result<Vec<_>>>()?;
    // Each row has its line in the map, and each line of the map its row.
    let rows: u64 = parts.iter().flat_map(|p| &p.lines).map(|&(_, n)| u64::from(n)).sum();
    // The cut held the whole log's money to the cap: a part past it is not as written.
    if spec.part.is_some_and(|map| map.len() != rows) || super::money(&parts) > MAX_LOG_MONEY {
        return Err(not_a_part());
    }
    Ok(merge::merge(parts, spec, crate::parallel::threads()))
}

/// A collector's thread: keeps the rows of each frame it takes, each at its place in the
/// frame (the frame's number, the row's from 1), and gives the frame back. After a frame
/// that does not read, it only takes the frames off the queue.
fn collect<E: Entry>(blocks: &Blocks, failed: &AtomicBool) -> io::Result<Part<E>> {
    let mut collector = Collector::<E>::default();
    let mut read = Ok(());
    while let Some((index, frame)) = blocks.next() {
        if read.is_ok() && !failed.load(Ordering::Relaxed) {
            read = collect_frame(&mut collector, index, &frame);
            if read.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
        }
        blocks.give_back(frame);
    }
    read.map(|()| collector.finish())
}

/// Keeps the rows of the frame `index`.
fn collect_frame<E: Entry>(collector: &mut Collector<E>, index: u32, frame: &[u8]) -> io::Result<()> {
    let mut rows = 0u32;
    for row in FrameRows::new(frame, E::HAS_MARGIN) {
        rows = rows.checked_add(1).ok_or_else(not_a_part)?;
        let row = row?;
        collector.part.money = collector.part.money.saturating_add(row.money());
        collector.add(&row, (index, rows));
    }
    collector.part.lines.push((index, rows));
    Ok(())
}

/// Reads the frames of `file` in turn, each into a buffer `spares` gives back when it has
/// one, and hands each to `send` with its number until it says to stop. A frame is read
/// as far as the file holds it: a length read wrongly asks for no more memory than that.
fn frames(
    file: &mut File,
    spares: &Receiver<Vec<u8>>,
    mut send: impl FnMut(u32, Vec<u8>) -> bool,
) -> io::Result<()> {
    for index in 0..=u32::MAX {
        let mut length = [0u8; 8];
        match file.read(&mut length[..1])? {
            0 => return Ok(()),
            _ => file.read_exact(&mut length[1..])?,
        }
        let length = u64::from_le_bytes(length);
        let mut frame = spares.try_recv().unwrap_or_default();
        frame.clear();
        let read = (&mut *file).take(length).read_to_end(&mut frame)?;
        if read as u64 != length {
            return Err(not_a_part());
        }
        if !send(index, frame) {
            return Ok(());
        }
    }
    Err(not_a_part())
}

/// Writes a frame of `rows` (a frame's rows, as [`FrameWriter`] wrote them) to `out`.
pub fn write_frame(out: &mut impl io::Write, rows: &[u8]) -> io::Result<()> {
    out.write_all(&(rows.len() as u64).to_le_bytes())?;
    out.write_all(rows)
}

#[cfg(test)]
mod tests {
    use super::super::NO_SEGMENT;
    use super::*;

    fn row<'a>(id: &'a str, segment: u32, day: i32, amount: i64, category: Option<&'a str>) -> ReadRow<'a> {
        ReadRow { id: id.as_bytes(), segment, day, amount, margin: -amount / 3, category }
    }

    #[test]
    fn a_frames_rows_read_back_as_written_and_a_cut_frame_does_not_read() {
        let long = "x".repeat(300);
        let rows = [
            row("C1", 0, 19_000, 121_434_400, Some("VVS")),
            row("C2", NO_SEGMENT, 19_000, -500, None),
            row("C1", 7, 18_990, 0, Some("VVS")),
            row(&long, 1000, 2_932_896, MAX_AMOUNT, Some("rør og fittings")),
            row("æøå", 2, 7305, -MAX_AMOUNT, Some("VVS")),
            row("C3", 1, 7305, 1, None),
            row("C4", 1, 7306, 1, Some("rør og fittings")),
        ];
        for with_margin in [false, true] {
            let mut bytes = Vec::new();
            let mut writer = FrameWriter::default();
            for r in &rows {
                writer.push(&mut bytes, r, with_margin);
            }
            let read: Vec<ReadRow> = FrameRows::new(&bytes, with_margin).map(Result::unwrap).collect();
            let expected: Vec<ReadRow> = rows
                .iter()
                .map(|r| ReadRow { margin: if with_margin { r.margin } else { 0 }, ..*r })
                .collect();
            assert_eq!(read, expected, "with a margin: {with_margin}");
            // Cut anywhere inside a row, the frame is refused, never misread.
            let ends: Vec<usize> = {
                let mut frame = FrameRows::new(&bytes, with_margin);
                std::iter::from_fn(|| frame.next().map(|_| frame.at)).collect()
            };
            for cut in 1..bytes.len() {
                let read: Vec<io::Result<ReadRow>> = FrameRows::new(&bytes[..cut], with_margin).collect();
                let whole = ends.iter().filter(|&&end| end <= cut).count();
                assert!(read[..whole].iter().all(Result::is_ok), "cut at {cut}");
                assert_eq!(read.len() > whole, !ends.contains(&cut), "cut at {cut}");
                if read.len() > whole {
                    assert!(read[whole].is_err(), "cut at {cut}: the row cut short is refused");
                }
            }
        }
        // A first row that names the category before it, with none before it, is refused
        // (below); so are a day before 1990 (day 7305 is 1 January 1990), one past the key's
        // 26 bits, or money past the cap.
        let first = |row: &ReadRow| {
            let mut bytes = Vec::new();
            FrameWriter::default().push(&mut bytes, row, false);
            FrameRows::new(&bytes, false).next().unwrap().map(|r| r.day)
        };
        assert_eq!(first(&rows[4]).unwrap(), 7305);
        for wrong in [
            ReadRow { day: 7304, ..rows[4] },
            ReadRow { day: 2_932_897 + (1 << 26), ..rows[4] },
            ReadRow { amount: MAX_AMOUNT + 1, ..rows[4] },
            ReadRow { amount: -MAX_AMOUNT - 1, ..rows[4] },
        ] {
            assert!(first(&wrong).is_err(), "{wrong:?}");
        }
        let mut bytes = Vec::new();
        FrameWriter::default().push(&mut bytes, &ReadRow { category: None, ..rows[4] }, false);
        assert!(FrameRows::new(&bytes, false).next().unwrap().is_ok());
        *bytes.last_mut().unwrap() = 1;
        assert!(FrameRows::new(&bytes, false).next().unwrap().is_err());
    }
}
