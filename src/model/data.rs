//! What was read from the client's data: coverage, per-customer summaries, per-segment figures.

use chrono::NaiveDate;
use serde::Serialize;

/// A bad row's reason, counted per kind when rows are skipped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SkippedRows {
    /// What was wrong, e.g. "unreadable date".
    pub reason: String,
    pub rows: u64,
}

/// Where the data came from and how much of it was used.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// Relative to the project folder, with `/` separators.
    pub files: Vec<String>,
    /// Rows read (transactions, or customers for a summary), skipped rows not counted.
    pub rows: u64,
    /// The transaction log's lines, which reconcile with the rows; `None` for a summary.
    pub lines: Option<LineCounts>,
    /// Customers with at least one purchase day.
    pub customers: u64,
    /// Customers left out because every day of theirs nets to a return.
    pub customers_returns_only: u64,
    pub first_date: NaiveDate,
    /// The observation end: set in project.yaml, or the last date in the data.
    pub observation_end: NaiveDate,
    /// Empty unless `on_bad_rows: skip`.
    pub skipped: Vec<SkippedRows>,
    /// Whether the input was a per-customer summary rather than transactions.
    pub from_summary: bool,
}

/// How the lines of a transaction log were used. They reconcile:
/// `header + body` is every line, and `body = rows used + bad rows + blank + continuation`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineCounts {
    /// The header's lines (one).
    pub header: u64,
    /// Every line after the header.
    pub body: u64,
    /// Lines holding nothing but spaces.
    pub blank: u64,
    /// Lines that continue a row begun on an earlier line (a quoted field with line breaks).
    pub continuation: u64,
}

/// One customer's purchase history, reduced to what the customer-base models use
/// (the summary of `docs/warehouse.md`). Days are whole days.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerSummary {
    pub id: String,
    /// Index into the project's segments; `None` when the data names no segment.
    pub segment: Option<usize>,
    /// Purchase days after the first (repeat purchases).
    pub frequency: u32,
    /// Days from the first to the last purchase.
    pub recency: u32,
    /// Days from the first purchase to the observation end.
    pub age: u32,
    /// Average net amount per repeat purchase day; 0 without repeat purchases.
    pub monetary: f64,
    pub first_purchase: NaiveDate,
    pub last_purchase: NaiveDate,
    /// The customer's steps on the loyalty path; `None` from a summary without its columns.
    pub path: Option<PathFields>,
}

/// One customer of a discrete-time business — a yearly donation, renewal or event — as the
/// BG/BB model sees them: `frequency` transactions in `periods` opportunities after the
/// first, the last at opportunity `recency`; `count` customers with this history (an
/// aggregated summary lists each history once). Read so that `frequency ≤ recency ≤
/// periods`, `recency = 0` exactly when `frequency = 0`, and `count ≥ 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodHistory {
    pub id: String,
    /// Index into the segments named; `None` when the row names none.
    pub segment: Option<usize>,
    pub frequency: u32,
    pub recency: u32,
    pub periods: u32,
    pub count: u64,
}

/// One customer on the loyalty path, as the summary carries it (docs/warehouse.md) and as
/// the path is counted from (docs/metrics.md, "The loyalty path"), under one project's
/// `loyalty_path` settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PathFields {
    /// The longest gap between two consecutive purchase days, in days; 0 with one.
    pub longest_gap: u32,
    /// Days from the first purchase to the `purchases[1]`-, `[2]`- and `[3]`-th purchase
    /// day, each when it falls in the window.
    pub stage_days: [Option<u32>; 3],
    /// With categories: days from the first purchase to the day the `categories`-th
    /// category was first bought, when in the window.
    pub categories_day: Option<u32>,
    /// Net amount of all days in the window, in ten-thousandths.
    pub window_revenue: i64,
}

/// What the transactions say about one segment.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SegmentData {
    /// Customers with a purchase in the data.
    pub customers: u64,
    /// Customers with a purchase in the last 365 days.
    pub active_customers: u64,
    /// The figures that need the transactions themselves; `None` from a summary, or when
    /// there is nothing to divide by (no active customer, no revenue).
    pub purchases_per_year: Option<f64>,
    pub average_order_value: Option<f64>,
    pub gross_margin: Option<f64>,
    pub retention_rate: Option<f64>,
    /// Customers active in a year, and of those, active again in the next, over the pairs of
    /// years the retention rate pools.
    pub retention_base: u64,
    pub retained: u64,
    /// By first-purchase calendar year; empty from a summary.
    pub cohorts: Vec<Cohort>,
    /// Share of net revenue from the top 20 % of customers by net revenue.
    pub top_share: Option<f64>,
    /// Customers lost and still alive at each tenure, for the shifted-beta-geometric model.
    pub survival: Survival,
    /// The path from first purchase to a loyal customer, counted; `None` from a summary.
    /// The metrics show it as `loyalty_path`, with the conversions worked out.
    #[serde(skip)]
    pub loyalty: Option<LoyaltyCounts>,
}

/// One segment's customers on the path to loyalty, counted in one pass over the log
/// (docs/metrics.md, "The loyalty path"). Money in the project currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoyaltyCounts {
    /// Customers new to the company whose whole window after the first purchase has been
    /// observed: the path's base.
    pub eligible: u64,
    /// Customers left out because they first bought within the lapse of the data's start,
    /// so may have bought before it.
    pub before_data: u64,
    /// New customers left out because their window has not ended by the observation end.
    pub window_not_observed: u64,
    /// Per stage (the fifth, integrated, only with categories), the eligible customers who
    /// reached it: their days from the first purchase to the day it was reached, sorted.
    pub days_to_stage: [Vec<u32>; 5],
    /// Per stage, the eligible customers whose furthest stage it is, and their net revenue
    /// within the window, summed.
    pub window_revenue_by_furthest: [f64; 5],
    /// Customers with a gap between purchase days, or before the observation end, longer
    /// than the lapse; of them, those who bought again after such a gap.
    pub lapsed: u64,
    pub returned: u64,
}

/// Customers first buying in one calendar year, and how many bought in each later year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cohort {
    pub year: i32,
    pub customers: u64,
    /// `active[k]` = customers of the cohort buying in year `year + k`; the first is all.
    pub active: Vec<u64>,
    /// Whether the last year is cut short by the observation end.
    pub last_year_partial: bool,
}

/// Tenure counts for the shifted-beta-geometric model, in whole years since the first
/// purchase: `lost[t]` customers were lost at renewal `t + 1` (seen alive for `t + 1`
/// years, then a full year with no purchase), `alive[t]` were still alive after `t + 1`
/// years when observation ended (censored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Survival {
    pub lost: Vec<u64>,
    pub alive: Vec<u64>,
}

/// Everything read from the data, ready for the analysis.
#[derive(Clone, Debug)]
pub struct DataSet {
    pub coverage: Coverage,
    /// Sorted by id.
    pub customers: Vec<CustomerSummary>,
    /// Per project segment, in the order of segments.yaml.
    pub segments: Vec<SegmentData>,
    /// Which purchase model values the customers (`data: model:`).
    pub model: ModelChoice,
    /// The data split for holdout validation (`data: calibration_end:`), from a log only.
    pub calibration: Option<Calibration>,
}

/// `data: model:` in project.yaml: the purchase model that values each segment's customers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelChoice {
    /// Per segment, the model with the lowest holdout error, or without a holdout the
    /// lowest BIC.
    Auto,
    #[default]
    BgNbd,
    ParetoNbd,
    MbgNbd,
}

/// The transactions split at `end` (docs/metrics.md, "Holdout validation"): the customers
/// as of that day, and what each then did up to the observation end.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    pub end: NaiveDate,
    /// Days after `end` up to and including the observation end.
    pub holdout_days: u32,
    /// Customers whose first purchase day is on or before `end`, sorted by id.
    pub customers: Vec<CalibrationCustomer>,
    /// Per project segment, customers whose first purchase day fell in the holdout: not part
    /// of the validation, counted so that none is left out unsaid.
    pub first_purchase_in_holdout: Vec<u64>,
    /// Per project segment: the purchase days its calibration customers made in each week
    /// of the holdout (the last week may be shorter).
    pub weekly_purchases: Vec<Vec<u64>>,
}

/// One customer as of the calibration end, and their purchase days after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalibrationCustomer {
    pub id: String,
    pub segment: Option<usize>,
    /// Repeat purchase days, days from the first to the last, and from the first to the
    /// calibration end, as [`CustomerSummary`] counts them.
    pub frequency: u32,
    pub recency: u32,
    pub age: u32,
    /// Purchase days after the calibration end, up to the observation end.
    pub holdout_frequency: u32,
}
