//! What the client's data says: per-customer summaries, and per segment the figures a
//! consultant would otherwise type by hand (docs/metrics.md, "What the data says").
//!
//! Conventions, each in plain words in docs/metrics.md:
//! - A customer's rows are summed per day; returns (negative amounts) net on their day.
//!   A *purchase day* is a day whose net amount is zero or more: a zero-value order is an
//!   order, as in the literature (CDNOW's $0.00 orders); a day of returns only is not.
//! - A customer without a purchase day (returns only) has no summary, and is counted.
//! - The *last year* is the 365 days ending on the observation end; earlier years are
//!   the 365-day windows before it.
//! - A customer is *active* in a window with at least one purchase day in it.

use crate::model::{
    Calibration, CalibrationCustomer, Cohort, Coverage, CustomerSummary, DataSet, LoyaltyCounts,
    LoyaltyPathSettings, ModelChoice, PathFields, SegmentData, Survival,
};
use crate::project::data::{self, Customer, History, Input, Log, UNITS_PER_CURRENCY, year_of};

/// Days in a year of the windows.
pub const YEAR: i32 = 365;

/// Customers summarised per step before their days are given back ([`derive`]): at least
/// this many, whose summaries take a few megabytes…
const MIN_STEP: usize = 32_768;

/// …and in at most this many steps: each run of a step sets up its own totals (per segment,
/// and per holdout week with a holdout), which a thousand segments and a long holdout make
/// worth counting. A million customers take 31 steps.
const MAX_STEPS: usize = 32;

/// How many customers of a log of so many each step summarises.
type StepOf = fn(usize) -> usize;

/// The step [`derive`] takes for a log of `customers`.
fn step_of(customers: usize) -> usize {
    MIN_STEP.max(customers.div_ceil(MAX_STEPS))
}

/// Retention pools at most this many pairs of consecutive years.
const RETENTION_PAIRS: i32 = 3;

/// The top share of customers whose share of revenue is reported.
const TOP_SHARE: f64 = 0.2;

/// How the customers are modelled: `data: model:` and `data: calibration_end:` (as a day).
#[derive(Clone, Copy, Debug, Default)]
pub struct Modelling {
    pub model: ModelChoice,
    pub calibration_end: Option<i32>,
}

/// Derives the data set from what was read, for a project with `segments` segments.
/// `has_margin` says whether the log carries a margin column; `path` how the loyalty path is
/// read.
pub fn derive(
    input: Input,
    segments: usize,
    has_margin: bool,
    path: &LoyaltyPathSettings,
    modelling: Modelling,
) -> DataSet {
    match input {
        Input::Transactions { log, end, files } => {
            from_log(log, (end, &files), (segments, has_margin), path, modelling, step_of)
        }
        Input::Summary { summary, file } => {
            let end = data::day_of(summary.observation_end);
            let first =
                summary.customers.iter().map(|c| c.first_purchase).min().unwrap_or(summary.observation_end);
            let mut per_segment: Vec<SegmentData> = (0..segments).map(|_| SegmentData::default()).collect();
            for c in &summary.customers {
                if let Some(s) = c.segment.and_then(|s| per_segment.get_mut(s)) {
                    s.customers += 1;
                    let last = data::day_of(c.last_purchase);
                    s.active_customers += u64::from(end - last < YEAR);
                    survive(&mut s.survival, data::day_of(c.first_purchase), last, end);
                }
            }
            if summary.path.is_some() {
                for (s, counts) in
                    per_segment.iter_mut().zip(loyalty_counts(&summary.customers, segments, end, path))
                {
                    s.loyalty = Some(counts);
                }
            }
            let coverage = Coverage {
                files: vec![file.path],
                rows: summary.customers.len() as u64,
                lines: None,
                customers: summary.customers.len() as u64,
                customers_returns_only: 0,
                first_date: first,
                observation_end: summary.observation_end,
                skipped: Vec::new(),
                from_summary: true,
            };
            DataSet {
                coverage,
                customers: summary.customers,
                segments: per_segment,
                model: modelling.model,
                calibration: None,
            }
        }
    }
}

/// The data set of a transaction log ending on day `end`, read from `files`, summarising a
/// log of `n` customers `step(n)` at a time.
fn from_log(
    log: Log,
    (end, files): (i32, &[crate::model::Source]),
    (segments, has_margin): (usize, bool),
    path: &LoyaltyPathSettings,
    modelling: Modelling,
    step: StepOf,
) -> DataSet {
    let first_day = log.period.map_or(end, |(first, _)| first);
    let read = log_coverage(&log, (end, files), (0, 0));
    let how =
        Reading { segments, end, first_day, path, split: modelling.calibration_end.map(|cal| (cal, end)) };
    let step = step(log.customers.len());
    let (customers, totals) = summarise_log(log, &how, step);
    let coverage =
        Coverage { customers: customers.len() as u64, customers_returns_only: totals.returns_only, ..read };
    let loyalty = loyalty_counts(&customers, segments, end, path);
    let segments = totals
        .per_segment
        .into_iter()
        .zip(loyalty)
        .map(|(a, counts)| SegmentData { loyalty: Some(counts), ..a.finish(end, has_margin) })
        .collect();
    let calibration = totals.holdout.map(HoldoutAccumulator::finish);
    DataSet { coverage, customers, segments, model: modelling.model, calibration }
}

/// What a log read whole from `files` and ending on day `end` covers, with its customers
/// counted: `summarised` with a purchase day, `returns_only` without one.
pub fn log_coverage(
    log: &Log,
    (end, files): (i32, &[crate::model::Source]),
    (summarised, returns_only): (u64, u64),
) -> Coverage {
    let first_day = log.period.map_or(end, |(first, _)| first);
    Coverage {
        files: files.iter().map(|f| f.path.clone()).collect(),
        rows: log.rows,
        lines: Some(log.lines),
        customers: summarised,
        customers_returns_only: returns_only,
        first_date: data::date_of(first_day),
        observation_end: data::date_of(end),
        skipped: log.bad.skipped(),
        from_summary: false,
    }
}

/// How a log's customers are summarised: the project's segments, the observation end, the
/// first day of the data, the loyalty path, and the calibration and observation ends of a
/// holdout.
struct Reading<'a> {
    segments: usize,
    end: i32,
    first_day: i32,
    path: &'a LoyaltyPathSettings,
    split: Option<(i32, i32)>,
}

/// What a run of a log's customers adds up to besides their summaries.
struct Totals {
    per_segment: Vec<Accumulator>,
    returns_only: u64,
    holdout: Option<HoldoutAccumulator>,
}

impl Totals {
    fn new(how: &Reading) -> Self {
        Totals {
            per_segment: (0..how.segments).map(|_| Accumulator::default()).collect(),
            returns_only: 0,
            holdout: how.split.map(|(cal, end)| HoldoutAccumulator::new(how.segments, cal, end)),
        }
    }

    /// Adds the totals of another run. Every total is a sum of integers or a list sorted
    /// when finished, so the order the runs are taken in does not show.
    fn absorb(&mut self, other: Totals) {
        self.returns_only += other.returns_only;
        for (acc, run) in self.per_segment.iter_mut().zip(other.per_segment) {
            acc.absorb(run);
        }
        if let (Some(h), Some(run)) = (self.holdout.as_mut(), other.holdout) {
            h.absorb(run);
        }
    }
}

/// Summarises every customer of the log, in its order, with their totals.
///
/// From the last customers to the first, `step` at a time, each step's ids and days given
/// back ([`Log::truncate`]) before the next: the summaries take the memory the days free, so
/// the peak stays near the log's size instead of the log's and the summaries' together. The
/// summaries are collected last first and turned round at the end. With glibc, shrinking a
/// large list gives its end back in place (`mremap`); an allocator that copied instead
/// would still give the same result.
///
/// Each step's results are taken in while the next step is summarised (one step's
/// summaries, a few megabytes, wait meanwhile): taking them in writes memory not touched
/// before, and done between the steps it left a core idle for a third of the time.
fn summarise_log(mut log: Log, how: &Reading, step: usize) -> (Vec<CustomerSummary>, Totals) {
    let mut customers = Vec::with_capacity(log.customers.len());
    let mut totals = Totals::new(how);
    let mut take_in = |runs: Vec<(Vec<CustomerSummary>, Totals)>| {
        for (run_customers, run_totals) in runs.into_iter().rev() {
            customers.extend(run_customers.into_iter().rev());
            totals.absorb(run_totals);
        }
    };
    let mut done = Vec::new();
    while !log.customers.is_empty() {
        let at = log.customers.len().saturating_sub(step.max(1));
        let (shared, earlier) = (&log, std::mem::take(&mut done));
        done = crate::parallel::map_runs_beside(
            &shared.customers[at..],
            |run| summarise_run(shared, run, how),
            || take_in(earlier),
        );
        log.truncate(at);
    }
    take_in(done);
    customers.reverse();
    customers.shrink_to_fit();
    (customers, totals)
}

/// The summaries of a part of a larger log's customers ([`super::in_parts`]), in id order,
/// and how many have none (returns only), for a log whose observation end only its last
/// part tells: their `T`, counted to no day yet, is written once the end is known.
pub fn summaries(log: Log, path: &LoyaltyPathSettings) -> (Vec<CustomerSummary>, u64) {
    // No segments: the per-segment totals are the whole read's business, not a part's.
    let how = Reading { segments: 0, end: i32::MAX, first_day: 0, path, split: None };
    let step = step_of(log.customers.len());
    let (customers, totals) = summarise_log(log, &how, step);
    (customers, totals.returns_only)
}

/// The summaries of a run of the log's customers, in order, and their totals.
fn summarise_run(log: &Log, run: &[Customer], how: &Reading) -> (Vec<CustomerSummary>, Totals) {
    let mut customers = Vec::with_capacity(run.len());
    let mut totals = Totals::new(how);
    for customer in run {
        let history = log.history(customer);
        if let Some(h) = totals.holdout.as_mut() {
            h.add(&history);
        }
        let Some(summary) = summarise(&history, how.end, how.path) else {
            totals.returns_only += 1;
            continue;
        };
        if let Some(acc) = history.segment.and_then(|s| totals.per_segment.get_mut(s)) {
            acc.add(&history, &summary, how.end, how.first_day);
        }
        customers.push(summary);
    }
    (customers, totals)
}

/// The customers split at the calibration end, accumulated over a run of customers.
struct HoldoutAccumulator {
    calibration_end: i32,
    end: i32,
    customers: Vec<CalibrationCustomer>,
    first_purchase_in_holdout: Vec<u64>,
    weekly: Vec<Vec<u64>>,
}

impl HoldoutAccumulator {
    fn new(segments: usize, calibration_end: i32, end: i32) -> Self {
        let weeks = usize::try_from((end - calibration_end + 6) / 7).unwrap_or(0);
        Self {
            calibration_end,
            end,
            customers: Vec::new(),
            first_purchase_in_holdout: vec![0; segments],
            weekly: vec![vec![0; weeks]; segments],
        }
    }

    /// One customer: their summary as of the calibration end (from the days up to it, as
    /// [`summarise`] counts them), and their purchase days after it.
    fn add(&mut self, history: &History) {
        let cut = history.days.partition_point(|d| d.day <= self.calibration_end);
        let before = history.first_days(cut);
        let Some(at_end) = summarise_rfm(&before, self.calibration_end) else {
            if history.days[cut..].iter().any(|d| is_purchase(d.amount) && d.day <= self.end) {
                if let Some(n) = history.segment.and_then(|s| self.first_purchase_in_holdout.get_mut(s)) {
                    *n += 1;
                }
            }
            return;
        };
        let mut holdout_frequency = 0;
        for d in history.days[cut..].iter().filter(|d| is_purchase(d.amount) && d.day <= self.end) {
            holdout_frequency += 1;
            if let Some(weeks) = history.segment.and_then(|s| self.weekly.get_mut(s)) {
                let week = usize::try_from((d.day - self.calibration_end - 1) / 7).unwrap_or(0);
                weeks[week] += 1;
            }
        }
        let (frequency, recency, age) = at_end;
        let id = history.id.to_owned();
        self.customers.push(CalibrationCustomer {
            id,
            segment: history.segment,
            frequency,
            recency,
            age,
            holdout_frequency,
        });
    }

    fn absorb(&mut self, other: Self) {
        self.customers.extend(other.customers);
        for (a, b) in self.first_purchase_in_holdout.iter_mut().zip(other.first_purchase_in_holdout) {
            *a += b;
        }
        for (into, from) in self.weekly.iter_mut().zip(other.weekly) {
            for (a, b) in into.iter_mut().zip(from) {
                *a += b;
            }
        }
    }

    fn finish(mut self) -> Calibration {
        self.customers.sort_by(|a, b| a.id.cmp(&b.id));
        Calibration {
            end: data::date_of(self.calibration_end),
            holdout_days: u32::try_from(self.end - self.calibration_end).unwrap_or(0),
            customers: self.customers,
            first_purchase_in_holdout: self.first_purchase_in_holdout,
            weekly_purchases: self.weekly,
        }
    }
}

/// Each segment's loyalty path (index = segment), counted from the customers' summaries,
/// whether they come from a log or a summary file. The path's first day of data is the
/// earliest first purchase: a summary shows no earlier day, so a log is read the same way.
fn loyalty_counts(
    customers: &[CustomerSummary],
    segments: usize,
    end: i32,
    path: &LoyaltyPathSettings,
) -> Vec<LoyaltyCounts> {
    let start = customers.iter().map(|c| data::day_of(c.first_purchase)).min().unwrap_or(end);
    let empty = || (0..segments).map(|_| LoyaltyAccumulator::default()).collect::<Vec<_>>();
    // A run of customers per core; every total is a count, a sum of integers or a list
    // sorted when finished, so the runs' order does not show.
    let runs = crate::parallel::map_runs(customers, |run| {
        let mut per_segment = empty();
        for c in run {
            if let Some(acc) = c.segment.and_then(|s| per_segment.get_mut(s)) {
                acc.add(c, (start, end), path);
            }
        }
        per_segment
    });
    let mut runs = runs.into_iter();
    let mut per_segment = runs.next().unwrap_or_else(empty);
    for run in runs {
        for (acc, other) in per_segment.iter_mut().zip(run) {
            acc.absorb(other);
        }
    }
    per_segment.into_iter().map(LoyaltyAccumulator::finish).collect()
}

/// Whether a day with this net amount is a purchase day: zero or more. A zero-value order
/// is an order; a day of returns only is not.
fn is_purchase(amount: i64) -> bool {
    amount >= 0
}

/// `(frequency, recency, age)` as of day `end`, as [`summarise`] counts them; `None`
/// without any purchase day.
fn summarise_rfm(history: &History, end: i32) -> Option<(u32, u32, u32)> {
    let (first, count, last) = purchase_span(history)?;
    Some((count, u32::try_from(last - first).unwrap_or(0), u32::try_from(end - first).unwrap_or(0)))
}

/// The first purchase day, the purchase days after it, and the last; `None` without any.
fn purchase_span(history: &History) -> Option<(i32, u32, i32)> {
    let mut purchases = history.days.iter().filter(|d| is_purchase(d.amount));
    let first = purchases.next()?.day;
    let (count, last) = purchases.fold((0u32, first), |(n, _), d| (n + 1, d.day));
    Some((first, count, last))
}

/// The customer's summary as of day `end`, with their steps on the loyalty path read
/// under `path`; `None` without any purchase day.
pub fn summarise(history: &History, end: i32, path: &LoyaltyPathSettings) -> Option<CustomerSummary> {
    let figures = figures(history, end, path)?;
    Some(CustomerSummary { id: history.id.to_owned(), ..figures })
}

/// [`summarise`] but for the id, left empty (an empty `String` takes no allocation): for a
/// summary written out as soon as it is made, with the history's id.
pub fn figures(history: &History, end: i32, path: &LoyaltyPathSettings) -> Option<CustomerSummary> {
    let (first, count, last) = purchase_span(history)?;
    let repeat_amount: i64 = history.days.iter().filter(|d| d.day > first).map(|d| d.amount).sum();
    #[allow(clippy::cast_precision_loss)] // exact to 2^53 ten-thousandths (900 billion), then to 15 digits
    let monetary =
        if count > 0 { repeat_amount as f64 / UNITS_PER_CURRENCY as f64 / f64::from(count) } else { 0.0 };
    Some(CustomerSummary {
        id: String::new(),
        segment: history.segment,
        frequency: count,
        recency: u32::try_from(last - first).unwrap_or(0),
        age: u32::try_from(end - first).unwrap_or(0),
        monetary,
        first_purchase: data::date_of(first),
        last_purchase: data::date_of(last),
        path: Some(path_fields(history, first, path)),
    })
}

/// The customer's steps on the loyalty path, from their first purchase day `first`, in
/// one pass over their days.
fn path_fields(history: &History, first: i32, path: &LoyaltyPathSettings) -> PathFields {
    let window = i32::try_from(path.window_days).unwrap_or(i32::MAX);
    let needed = path.categories.unwrap_or(u32::MAX);
    let mut fields = PathFields::default();
    let (mut count, mut last, mut bought) = (1u32, first, 0u32);
    for d in history.days {
        let offset = d.day - first;
        let in_window = (0..window).contains(&offset);
        if in_window {
            fields.window_revenue += d.amount;
            bought |= d.categories;
            if fields.categories_day.is_none() && bought.count_ones() >= needed {
                fields.categories_day = u32::try_from(offset).ok();
            }
        }
        if offset > 0 && is_purchase(d.amount) {
            count += 1;
            fields.longest_gap = fields.longest_gap.max(u32::try_from(d.day - last).unwrap_or(0));
            last = d.day;
            if let Some(k) = path.purchases[1..].iter().position(|&n| n == count)
                && in_window
            {
                fields.stage_days[k] = u32::try_from(offset).ok();
            }
        }
    }
    fields
}

/// Which 365-day window before `end` a day falls in (0 = the last year).
fn window(day: i32, end: i32) -> i32 {
    (end - day) / YEAR
}

/// Adds one customer's tenure to the survival counts: seen alive for `years` years (the
/// year of the last purchase counted from the first); lost if a whole year without a
/// purchase followed before `end`, still alive otherwise.
fn survive(survival: &mut Survival, first: i32, last: i32, end: i32) {
    let years = usize::try_from((last - first) / YEAR).unwrap_or(0) + 1;
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let lost = first + YEAR * (years as i32 + 1) - 1 <= end;
    let counts = if lost { &mut survival.lost } else { &mut survival.alive };
    if counts.len() < years {
        counts.resize(years, 0);
    }
    counts[years - 1] += 1;
}

/// Running totals for one segment.
#[derive(Default)]
struct Accumulator {
    data: SegmentData,
    /// Purchase days, net revenue and margin in the last year (ten-thousandths).
    last_year_purchases: u64,
    last_year_revenue: i64,
    last_year_margin: i64,
    /// Net revenue per customer, for the top-20 % share.
    revenues: Vec<i64>,
    /// Per first-purchase year: customers, and customers active in each later year.
    cohorts: std::collections::BTreeMap<i32, Vec<u64>>,
}

/// Running totals of one segment's loyalty path.
#[derive(Default)]
struct LoyaltyAccumulator {
    eligible: u64,
    before_data: u64,
    window_not_observed: u64,
    days_to_stage: [Vec<u32>; 5],
    /// Ten-thousandths.
    window_revenue_by_furthest: [i64; 5],
    lapsed: u64,
    returned: u64,
}

impl LoyaltyAccumulator {
    /// Adds one customer: their stages if they are new and their window has been observed,
    /// and whether they lapsed and came back. The data runs from `data_start` to `end`.
    fn add(&mut self, c: &CustomerSummary, (data_start, end): (i32, i32), settings: &LoyaltyPathSettings) {
        let Some(fields) = &c.path else { return };
        let window = i32::try_from(settings.window_days).unwrap_or(i32::MAX);
        let lapse = settings.lapse_days;
        let first = data::day_of(c.first_purchase);
        // New to the company: the `lapse` days before the first purchase lie in the data and
        // hold none (a customer first seen sooner may have bought before the export begins).
        // And their window, the `window` days starting with the first purchase day, has been
        // observed in full.
        let new = first - data_start >= i32::try_from(lapse).unwrap_or(i32::MAX);
        let observed = first + window - 1 <= end;
        self.before_data += u64::from(!new);
        self.window_not_observed += u64::from(new && !observed);
        if new && observed {
            // The day each stage was reached; integrated: loyal and the categories bought,
            // on the later of the two days.
            let integrated = match (settings.categories, fields.stage_days[2], fields.categories_day) {
                (Some(_), Some(loyal), Some(categories)) => Some(loyal.max(categories)),
                _ => None,
            };
            let mut furthest = 0;
            self.days_to_stage[0].push(0);
            for (k, day) in fields.stage_days.iter().chain([&integrated]).enumerate() {
                if let Some(day) = day {
                    self.days_to_stage[k + 1].push(*day);
                    furthest = k + 1;
                }
            }
            self.eligible += 1;
            self.window_revenue_by_furthest[furthest] += fields.window_revenue;
        }
        let came_back = fields.longest_gap > lapse;
        self.lapsed += u64::from(came_back || c.age - c.recency > lapse);
        self.returned += u64::from(came_back);
    }

    /// Adds the totals of another run of customers.
    fn absorb(&mut self, other: Self) {
        self.eligible += other.eligible;
        self.before_data += other.before_data;
        self.window_not_observed += other.window_not_observed;
        for (days, more) in self.days_to_stage.iter_mut().zip(other.days_to_stage) {
            days.extend(more);
        }
        for (sum, more) in self.window_revenue_by_furthest.iter_mut().zip(other.window_revenue_by_furthest) {
            *sum += more;
        }
        self.lapsed += other.lapsed;
        self.returned += other.returned;
    }

    #[allow(clippy::cast_precision_loss)] // exact to 2^53 ten-thousandths (900 billion), then to 15 digits
    fn finish(mut self) -> LoyaltyCounts {
        for days in &mut self.days_to_stage {
            days.sort_unstable();
        }
        LoyaltyCounts {
            eligible: self.eligible,
            before_data: self.before_data,
            window_not_observed: self.window_not_observed,
            days_to_stage: self.days_to_stage,
            window_revenue_by_furthest: self
                .window_revenue_by_furthest
                .map(|units| units as f64 / UNITS_PER_CURRENCY as f64),
            lapsed: self.lapsed,
            returned: self.returned,
        }
    }
}

impl Accumulator {
    fn add(&mut self, history: &History, summary: &CustomerSummary, end: i32, first_day: i32) {
        let d = &mut self.data;
        d.customers += 1;
        let mut active_windows: u64 = 0;
        let mut years: u64 = 0;
        let first_year = year_of(data::day_of(summary.first_purchase));
        for (i, day) in history.days.iter().enumerate() {
            if window(day.day, end) == 0 {
                self.last_year_revenue += day.amount;
                self.last_year_margin += history.margin(i);
                self.last_year_purchases += u64::from(is_purchase(day.amount));
            }
            if is_purchase(day.amount) {
                let w = window(day.day, end);
                if w < 64 {
                    active_windows |= 1 << w;
                }
                let k = year_of(day.day) - first_year;
                if (0..64).contains(&k) {
                    years |= 1 << k;
                }
            }
        }
        self.revenues.push(history.days.iter().map(|d| d.amount).sum());
        d.active_customers += active_windows & 1;
        for w in 0..RETENTION_PAIRS {
            // Pair (w + 1 → w) counts only when year w + 1 lies wholly inside the data.
            if end - YEAR * (w + 2) + 1 < first_day {
                break;
            }
            if active_windows & (1 << (w + 1)) != 0 {
                d.retention_base += 1;
                d.retained += u64::from(active_windows & (1 << w) != 0);
            }
        }
        let cohort = self.cohorts.entry(first_year).or_default();
        let span = usize::try_from(year_of(end) - first_year).unwrap_or(0) + 1;
        if cohort.len() < span {
            cohort.resize(span, 0);
        }
        for (k, count) in cohort.iter_mut().enumerate() {
            *count += (years >> k) & 1;
        }
        survive(
            &mut d.survival,
            data::day_of(summary.first_purchase),
            data::day_of(summary.last_purchase),
            end,
        );
    }

    /// Adds the totals of another run of customers.
    fn absorb(&mut self, other: Accumulator) {
        let (d, o) = (&mut self.data, other.data);
        d.customers += o.customers;
        d.active_customers += o.active_customers;
        d.retention_base += o.retention_base;
        d.retained += o.retained;
        add_counts(&mut d.survival.lost, &o.survival.lost);
        add_counts(&mut d.survival.alive, &o.survival.alive);
        self.last_year_purchases += other.last_year_purchases;
        self.last_year_revenue += other.last_year_revenue;
        self.last_year_margin += other.last_year_margin;
        self.revenues.extend(other.revenues);
        for (year, active) in other.cohorts {
            add_counts(self.cohorts.entry(year).or_default(), &active);
        }
    }

    #[allow(clippy::cast_precision_loss)] // counts, and money exact to 2^53 ten-thousandths, then to 15 digits
    fn finish(mut self, end: i32, has_margin: bool) -> SegmentData {
        let units = UNITS_PER_CURRENCY as f64;
        let d = &mut self.data;
        let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
        d.purchases_per_year = ratio(self.last_year_purchases as f64, d.active_customers as f64);
        d.average_order_value = ratio(self.last_year_revenue as f64 / units, self.last_year_purchases as f64);
        d.gross_margin = if has_margin {
            ratio(self.last_year_margin as f64, self.last_year_revenue as f64)
        } else {
            None
        };
        d.retention_rate = ratio(d.retained as f64, d.retention_base as f64);
        d.top_share = top_share(&mut self.revenues);
        let partial =
            data::date_of(end) != chrono::NaiveDate::from_ymd_opt(year_of(end), 12, 31).unwrap_or_default();
        d.cohorts = self
            .cohorts
            .into_iter()
            .map(|(year, active)| Cohort { year, customers: active[0], active, last_year_partial: partial })
            .collect();
        self.data
    }
}

/// Share of the total of the largest 20 % of `revenues` (rounded up to whole customers);
/// `None` when the total is not positive.
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn top_share(revenues: &mut [i64]) -> Option<f64> {
    let total: i64 = revenues.iter().sum();
    if total <= 0 {
        return None;
    }
    let top = ((revenues.len() as f64 * TOP_SHARE).ceil() as usize).min(revenues.len());
    // The largest `top` in front, in no order: their sum is exact in any (a selection,
    // not a sort: a segment of a million customers took milliseconds to sort).
    if top < revenues.len() {
        revenues.select_nth_unstable_by(top, |a, b| b.cmp(a));
    }
    Some(revenues[..top].iter().sum::<i64>() as f64 / total as f64)
}

/// Adds `from` to `into` element by element, lengthening `into` as needed.
fn add_counts(into: &mut Vec<u64>, from: &[u64]) {
    if into.len() < from.len() {
        into.resize(from.len(), 0);
    }
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::data::{DayTotal, Log, day_of};
    use chrono::NaiveDate;

    #[test]
    fn the_top_share_is_the_largest_fifths_share_of_the_total() {
        // 1..=10: the top two (20 %) are 10 and 9, 19 of 55, in any order of the list.
        let mut revenues: Vec<i64> = vec![3, 10, 1, 7, 9, 2, 8, 4, 6, 5];
        assert_eq!(top_share(&mut revenues), Some(19.0 / 55.0));
        // Eleven customers: the top 2.2 round up to three, ties counted once each.
        let mut revenues: Vec<i64> = vec![5, 5, 5, 5, -3, 0, 5, 1, 2, 5, 5];
        assert_eq!(top_share(&mut revenues), Some(15.0 / 35.0));
        // Against a sort, on lists of every length up to 200 with many ties.
        for n in 1..200_i64 {
            let mut revenues: Vec<i64> = (0..n).map(|i| (i * 7_919) % 13 - 2).collect();
            let mut sorted = revenues.clone();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            let total: i64 = sorted.iter().sum();
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let top = (n as f64 * TOP_SHARE).ceil() as usize;
            #[allow(clippy::cast_precision_loss)]
            let expected = (total > 0).then(|| sorted[..top].iter().sum::<i64>() as f64 / total as f64);
            assert_eq!(top_share(&mut revenues), expected, "{n} customers");
        }
        assert_eq!(top_share(&mut []), None);
    }

    fn day(s: &str) -> i32 {
        day_of(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    fn days(days: &[(&str, i64)]) -> Vec<DayTotal> {
        days.iter()
            .map(|(d, a)| DayTotal { day: day(d), categories: 0, amount: a * UNITS_PER_CURRENCY })
            .collect()
    }

    fn history(days: &[DayTotal]) -> History<'_> {
        History { id: "c", segment: Some(0), days, margins: &[] }
    }

    #[test]
    fn summary_follows_the_lifetimes_conventions() {
        // Purchases on 1 Jan, 11 Jan and 31 Jan; a return on 20 Jan nets into the repeat spend.
        let d = days(&[("2024-01-01", 100), ("2024-01-11", 50), ("2024-01-20", -20), ("2024-01-31", 70)]);
        let s = summarise(&history(&d), day("2024-03-01"), &LoyaltyPathSettings::default()).unwrap();
        assert_eq!((s.frequency, s.recency, s.age), (2, 30, 60));
        // The loyalty path's fields: the second purchase day on day 10 (the third, day 30,
        // marks no stage of [1, 2, 4, 8]), the longest gap 11 → 31 Jan, and the net of every
        // day in the window, the return included.
        let path = s.path.unwrap();
        assert_eq!(
            (path.stage_days, path.longest_gap, path.categories_day),
            ([Some(10), None, None], 20, None)
        );
        assert_eq!(path.window_revenue, 200 * UNITS_PER_CURRENCY);
        // (50 − 20 + 70) / 2 repeat purchases
        assert!((s.monetary - 50.0).abs() < 1e-12);
        assert_eq!(s.last_purchase, NaiveDate::from_ymd_opt(2024, 1, 31).unwrap());
    }

    #[test]
    fn a_customer_with_only_returns_has_no_summary() {
        assert_eq!(
            summarise(
                &history(&days(&[("2024-01-01", -10)])),
                day("2024-02-01"),
                &LoyaltyPathSettings::default()
            ),
            None
        );
    }

    #[test]
    fn a_zero_value_order_is_an_order() {
        // CDNOW's customers whose one order was $0.00: one purchase day, no repeat.
        let s = summarise(
            &history(&days(&[("2024-01-01", 0)])),
            day("2024-02-01"),
            &LoyaltyPathSettings::default(),
        )
        .unwrap();
        assert_eq!((s.frequency, s.recency, s.age), (0, 0, 31));
        // A later zero-value order is a repeat purchase of value 0.
        let s = summarise(
            &history(&days(&[("2024-01-01", 100), ("2024-01-11", 0)])),
            day("2024-02-01"),
            &LoyaltyPathSettings::default(),
        )
        .unwrap();
        assert_eq!((s.frequency, s.recency), (1, 10));
        assert!(s.monetary.abs() < 1e-12);
    }

    #[test]
    fn segment_figures_worked_by_hand() {
        // End 2024-12-31; the data start 2022-01-01, so years w0 = 2024-01-02..2024-12-31
        // (2024 is a leap year), w1, w2 lie inside the data and two pairs count.
        let end = day("2024-12-31");
        let customers = [
            days(&[("2022-03-01", 100), ("2023-06-01", 100), ("2024-06-01", 200), ("2024-07-01", 200)]),
            days(&[("2023-02-01", 300)]),
            // A zero-value order on a day of its own: a purchase day all the same.
            days(&[("2024-05-01", 400), ("2024-05-10", 0)]),
        ];
        // Each day's margin is 30 % of its amount.
        let histories = customers
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let margins = d.iter().map(|d| d.amount * 3 / 10).collect();
                (format!("c{i}"), Some(0), d, margins)
            })
            .collect();
        let log = Log::of(histories, Some((day("2022-01-01"), end)));
        let file = crate::model::Source { path: "t.csv".into(), bytes: 0, sha256: String::new() };
        let set = derive(
            Input::Transactions { log, end, files: vec![file] },
            1,
            true,
            &LoyaltyPathSettings::default(),
            Modelling::default(),
        );
        let s = &set.segments[0];
        assert_eq!((s.customers, s.active_customers), (3, 2));
        // Last year: 4 purchase days (two by the first customer, two by the third) by 2 customers.
        assert_eq!(s.purchases_per_year, Some(2.0));
        // Revenue 200 + 200 + 400 + 0 over 4 purchase days; margin 30 %.
        assert!((s.average_order_value.unwrap() - 800.0 / 4.0).abs() < 1e-9);
        assert!((s.gross_margin.unwrap() - 0.3).abs() < 1e-12);
        // w1 → w0: customers 1 and 2 active in w1, customer 1 again in w0;
        // w2 → w1: customer 1 active in w2 (2022-01-02..2023-01-01) and in w1.
        assert_eq!(window(day("2022-03-01"), end), 2);
        assert_eq!((s.retention_base, s.retained), (3, 2));
        assert_eq!(s.retention_rate, Some(2.0 / 3.0));
        // Cohorts by first-purchase year: 2022 (customer 1: active 2022, 2023, 2024),
        // 2023 (customer 2), 2024 (customer 3).
        assert_eq!(
            s.cohorts[0],
            Cohort { year: 2022, customers: 1, active: vec![1, 1, 1], last_year_partial: false }
        );
        assert_eq!(s.cohorts[1].active, vec![1, 0]);
        // Top 20 % of 3 customers = 1 customer: the first, 600 of 1300.
        assert!((s.top_share.unwrap() - 600.0 / 1300.0).abs() < 1e-12);
        // Survival: customer 1 was seen in tenure year 2 (853 days after the first purchase):
        // alive for 3 years, still alive. Customers 2 and 3 were seen in tenure year 0 only,
        // and their tenure year 1 has not ended by 2024-12-31: both still alive after 0 years.
        assert_eq!(s.survival, Survival { lost: vec![], alive: vec![2, 0, 1] });
    }

    #[test]
    fn a_log_takes_at_most_max_steps_of_at_least_min_step() {
        for n in [1, MIN_STEP, MIN_STEP * MAX_STEPS + 1, 1_048_998, 20_000_000] {
            let step = step_of(n);
            assert!(step >= MIN_STEP && n.div_ceil(step) <= MAX_STEPS, "{n} customers");
        }
        assert_eq!(1_000_000usize.div_ceil(step_of(1_000_000)), 31);
    }

    /// A log read a few customers at a time, from the last to the first, gives the same data
    /// set as read in one pass: every summary in the log's order, every total, the loyalty
    /// path and the holdout.
    #[test]
    fn a_log_read_in_steps_gives_what_one_pass_gives() {
        let (start, cal, end) = (day("2023-01-01"), day("2024-06-30"), day("2024-12-31"));
        let histories: Vec<_> = (0..1_000)
            .map(|i| {
                let first = start + i % 300;
                let days: Vec<DayTotal> = if i % 11 == 0 {
                    vec![DayTotal { day: first, categories: 0, amount: -10 }]
                } else {
                    (0..=i % 4)
                        .map(|k| DayTotal {
                            day: first + k * (20 + i % 90),
                            categories: 0,
                            amount: i64::from(i % 97) * UNITS_PER_CURRENCY,
                        })
                        .collect()
                };
                let margins = days.iter().map(|d| d.amount / 3).collect();
                let segment = (i % 7 != 0).then_some(usize::try_from(i % 3).unwrap());
                (format!("c{i:06}"), segment, days, margins)
            })
            .collect();
        let path = LoyaltyPathSettings { window_days: 200, lapse_days: 60, ..LoyaltyPathSettings::default() };
        let modelling = Modelling { calibration_end: Some(cal), ..Modelling::default() };
        let read = |step: StepOf| {
            let log = Log::of(histories.clone(), Some((start, end)));
            let file = crate::model::Source { path: "t.csv".into(), bytes: 0, sha256: String::new() };
            from_log(log, (end, &[file]), (3, true), &path, modelling, step)
        };
        let whole = read(|_| usize::MAX);
        // One pass gives each history's summary, in the log's order.
        let log = Log::of(histories.clone(), Some((start, end)));
        let expected: Vec<CustomerSummary> =
            log.histories().filter_map(|h| summarise(&h, end, &path)).collect();
        assert_eq!(whole.customers, expected);
        assert!(whole.coverage.customers > 800 && whole.coverage.customers_returns_only > 80);
        assert!(whole.calibration.as_ref().is_some_and(|c| c.customers.len() > 500));
        let steps: [(StepOf, &str); 4] =
            [(|_| 1, "1"), (|_| 7, "7"), (|_| 999, "999"), (step_of, "the default")];
        for (step, name) in steps {
            assert_eq!(format!("{:?}", read(step)), format!("{whole:?}"), "in steps of {name}");
        }
    }

    /// Day `n` after 2024-01-01 with `amount` and the bits of the `categories` bought.
    fn on(n: i32, amount: i64, categories: u32) -> DayTotal {
        DayTotal { day: day("2024-01-01") + n, categories, amount: amount * UNITS_PER_CURRENCY }
    }

    /// The loyalty counts of one segment of `customers`, the data running from 2023-10-01
    /// (the path's first day is the earliest purchase day among them) to 2024-12-31, with `purchases: [1, 2, 3, 4]`, a 100-day window, a 50-day lapse and
    /// `categories`.
    fn loyalty_of(customers: Vec<Vec<DayTotal>>, categories: Option<u32>) -> LoyaltyCounts {
        let end = day("2024-12-31");
        let histories = customers
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("c{i}"), Some(0), d, Vec::new()))
            .collect();
        let log = Log::of(histories, Some((day("2023-10-01"), end)));
        let file = crate::model::Source { path: "t.csv".into(), bytes: 0, sha256: String::new() };
        let path =
            LoyaltyPathSettings { purchases: [1, 2, 3, 4], window_days: 100, lapse_days: 50, categories };
        let set = derive(
            Input::Transactions { log, end, files: vec![file] },
            1,
            false,
            &path,
            Modelling::default(),
        );
        set.segments[0].loyalty.clone().unwrap()
    }

    /// A small log worked by hand, with the path `[1, 2, 3, 4]`, a 100-day window and a
    /// 50-day lapse; the data run from 2023-10-01 to 2024-12-31 (day numbers below count
    /// from 2024-01-01, so the data start on day −92):
    /// - `a`: days 0, 10, 20 (net 0: an order returned the same day is still a purchase day),
    ///   a return only on day 30, then 150 and 160 — three purchase days in the window
    ///   (stage 3 "regular" at day 20), gap 20 → 150 of 130 days: lapsed and came back;
    /// - `b`: days 0, 99 and 100 — the 100-day window is days 0..=99, so the second purchase
    ///   counts (day 99) and the third does not; the gap 0 → 99 is a lapse it came back from
    ///   (and it lapses again: its last purchase is 265 days before the end);
    /// - `c`: first purchase on 2024-09-30 (day 273): its window ends on day 372, after the
    ///   observation end, so it is not counted on the path; 92 days before the end: lapsed;
    /// - `d`: returns only, no purchase day: not on the path, not lapsed;
    /// - `e`: first bought on day −60, 32 days into the data: it may have bought before the
    ///   data begin, so it is left out of the path (`before_data`); its gap −60 → 0 is a
    ///   lapse it came back from.
    #[test]
    fn loyalty_counts_worked_by_hand() {
        let l = loyalty_of(
            vec![
                vec![
                    on(0, 100, 0),
                    on(10, 50, 0),
                    on(20, 0, 0),
                    on(30, -40, 0),
                    on(150, 70, 0),
                    on(160, 10, 0),
                ],
                vec![on(0, 200, 0), on(99, 20, 0), on(100, 30, 0)],
                vec![on(273, 500, 0)],
                vec![on(5, -10, 0)],
                vec![on(-60, 80, 0), on(0, 10, 0)],
            ],
            None,
        );
        assert_eq!((l.eligible, l.before_data, l.window_not_observed), (2, 1, 1));
        assert_eq!(l.days_to_stage, [vec![0, 0], vec![10, 99], vec![20], vec![], vec![]]);
        // Furthest stage: `b` repeat (200 + 20 in the window), `a` regular (100 + 50 + 0 − 40).
        let expected = [0.0, 220.0, 110.0, 0.0, 0.0];
        assert!(
            l.window_revenue_by_furthest.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-9),
            "{l:?}"
        );
        // `a`, `b` and `e` came back; `c` (and `b`, `e` again) lapsed before the end.
        assert_eq!((l.lapsed, l.returned), (4, 3));
    }

    /// The integrated stage, with `purchases: [1, 2, 3, 4]`, a 100-day window and two
    /// categories (bits: A = 1, B = 2, C = 4; a day's bits are those of its rows above zero,
    /// as the reader sets them), the four customers new (a fifth bought 90 days before them,
    /// the data's first purchase day) and observed:
    /// - `a`: A on days 0 and 10, B on 20, A on 30: loyal on day 30, two categories since day
    ///   20, so integrated on day 30 (the later of the two);
    /// - `b`: A on days 0, 5, 6, 7, B on day 150: loyal on day 7, but B falls outside the
    ///   window: not integrated;
    /// - `c`: A and B on day 0, then days 1 and 2: two categories, but only regular: not
    ///   integrated (the stage needs loyal);
    /// - `d`: A on days 0, 10, 20, 40, then day 60, a net return (C bought, more of A
    ///   returned): not a purchase day, but C was bought: integrated on day 60.
    #[test]
    fn the_integrated_stage_worked_by_hand() {
        let l = loyalty_of(
            vec![
                vec![on(0, 10, 1), on(10, 10, 1), on(20, 10, 2), on(30, 10, 1)],
                vec![on(0, 10, 1), on(5, 10, 1), on(6, 10, 1), on(7, 10, 1), on(150, 10, 2)],
                vec![on(0, 10, 3), on(1, 10, 1), on(2, 10, 1)],
                vec![on(0, 10, 1), on(10, 10, 1), on(20, 10, 1), on(40, 10, 1), on(60, -20, 4)],
                // The data's first purchase day, 90 days before the others: they are new.
                vec![on(-90, 10, 1)],
            ],
            Some(2),
        );
        assert_eq!(l.eligible, 4);
        assert_eq!(l.days_to_stage[3], [7, 30, 40]);
        assert_eq!(l.days_to_stage[4], [30, 60]);
        // Furthest stage: `c` regular (30), `b` loyal (40 in the window), `a` and `d`
        // integrated (40, and 40 − 20).
        let expected = [0.0, 0.0, 30.0, 40.0, 60.0];
        assert!(
            l.window_revenue_by_furthest.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-9),
            "{l:?}"
        );
    }
}
