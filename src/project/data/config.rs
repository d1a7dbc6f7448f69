//! `data:` in project.yaml, validated: where the client's export is and how to read it.
//! Loader-only settings: nothing after loading needs to know how a CSV was laid out.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{DateFormat, Encoding};
use crate::diagnostic::Position;

/// `data:` in project.yaml, validated: where the export is and how to read it.
#[derive(Clone, Debug)]
pub struct DataConfig {
    pub input: DataInput,
    pub columns: Columns,
    pub format: CsvFormat,
    /// The last day observed; `None` = the last date in the data.
    pub observation_end: Option<NaiveDate>,
    /// The last day of the calibration period of holdout validation; transactions only.
    pub calibration_end: Option<NaiveDate>,
    /// Where `calibration_end` is written in project.yaml: whether it leaves room for a
    /// holdout is known only once the data is read, and the message points there.
    pub calibration_end_at: WrittenAt,
    pub model: crate::model::ModelChoice,
    pub skip_bad_rows: bool,
}

/// Where a setting is written, for a message about it found later. It is left out of the
/// setting's `{:?}`, which names the cached results of reading the data (`memo::key`): a
/// line added above the setting moves it, and must not make the whole export read again.
#[derive(Clone, Copy, Default)]
pub struct WrittenAt(pub Option<Position>);

impl std::fmt::Debug for WrittenAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WrittenAt")
    }
}

/// What the consultant gave: a transaction log, or a summary computed in a warehouse.
#[derive(Clone, Debug)]
pub enum DataInput {
    Transactions {
        log: PathBuf,
        /// Customer → segment, when the log has no segment column.
        customers: Option<PathBuf>,
    },
    /// One row per customer, as `docs/warehouse.md` computes it.
    Summary(PathBuf),
}

/// The client's column names for each value read.
#[derive(Clone, Debug)]
pub struct Columns {
    pub customer: String,
    pub date: String,
    pub amount: String,
    pub margin: Option<Margin>,
    pub segment: Option<String>,
    /// A product or service category per row, for the loyalty path's "integrated" stage.
    pub category: Option<String>,
}

/// A margin column: money per row, or a rate of the row's amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Margin {
    Money(String),
    Rate(String),
}

#[derive(Clone, Debug)]
pub struct CsvFormat {
    /// `,`, `;` or tab.
    pub delimiter: u8,
    /// `.` or `,`.
    pub decimal: u8,
    pub date_format: DateFormat,
    pub encoding: Encoding,
}
