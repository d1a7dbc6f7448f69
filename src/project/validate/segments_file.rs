//! `segments.yaml` → segments with their drivers, benchmarks and levers.

use super::checker::Checker;
use super::number::Kind;
use super::project_file::{benchmarks, list};
use super::subscription;
use crate::diagnostic::Position;
use crate::model::{
    Benchmark, BenchmarkSource, ChurnChange, DataSet, Driver, Drivers, Economics, Estimate, Money, PerDriver,
    Quantity, RetentionCurve, Segment, SegmentData, Subscription,
};
use crate::project::raw::{Num, RawCurve, RawEstimate, RawLevers, RawSegment, RawSegmentsFile, Sp};

/// What `from_data` can draw on.
pub enum DataState<'a> {
    /// project.yaml has no `data:` section.
    Absent,
    /// The data has problems of its own, already reported.
    Unreadable,
    Read(&'a DataSet),
}

/// The segment ids in file order, blank where an entry has none, so that position `i`
/// is the `i`-th segment (the data refers to segments by position).
pub fn ids_in_order(raw: &RawSegmentsFile) -> Vec<String> {
    declared_ids(raw).into_iter().map(Option::unwrap_or_default).collect()
}

/// The segment ids the file declares, in order.
pub fn declared_ids(raw: &RawSegmentsFile) -> Vec<Option<String>> {
    super::checker::declared(raw.segments.as_ref(), |s| s.id.as_ref())
}

pub fn validate(
    raw: &RawSegmentsFile,
    c: &mut Checker,
    project_benchmarks: &PerDriver<Option<f64>>,
    data: &DataState,
) -> Option<Vec<Segment>> {
    let top = Some(Position { line: 1, column: 1 });
    let all = c.required(&raw.segments, "segments", top)?;
    if all.value.is_empty() {
        c.error(c.pos(all), "segments", "no segments defined", Some("add at least one segment".into()));
        return None;
    }
    c.unique_ids(
        all.value
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((format!("segments[{i}].id"), s.value.id.as_ref()?))),
    );
    let segments = list(&all.value, |i, sp| segment(sp, c, i, project_benchmarks, data))?;
    if !segments.iter().any(|s| s.focus) {
        c.error(
            c.pos(all),
            "segments",
            "no segment is in focus",
            Some("set `focus: true` on the segments the programme targets".into()),
        );
        return None;
    }
    Some(segments)
}

fn segment(
    sp: &Sp<RawSegment>,
    c: &mut Checker,
    i: usize,
    project_benchmarks: &PerDriver<Option<f64>>,
    data: &DataState,
) -> Option<Segment> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("segments[{i}].{f}");
    let id = c.text(&raw.id, &path("id"), at);
    let name = c.text(&raw.name, &path("name"), at);
    let mut from_data = Vec::new();
    let mut source = Sourced { data, segment: i, used: &mut from_data };
    let customers = source.number(c, &raw.customers, &path("customers"), at, Kind::Count);
    let monthly = subscription::figures(raw, c, i, at);
    let drivers = match monthly {
        Ok(None) => drivers(raw, c, i, at, &mut source),
        Ok(Some((price, churn))) => {
            let m = source.number(c, &raw.gross_margin, &path("gross_margin"), at, Kind::Rate);
            m.map(|m| Drivers {
                retention_rate: Subscription::annual_retention(churn),
                purchases_per_year: Subscription::PAYMENTS_PER_YEAR,
                average_order_value: price,
                gross_margin: m,
            })
        }
        Err(()) => {
            source.number(c, &raw.gross_margin, &path("gross_margin"), at, Kind::Rate);
            None
        }
    };
    let churn = monthly.ok().flatten().map(|(_, churn)| churn);
    let curve = retention_curve(raw, c, &path("retention_curve"), data, i);
    let (new_customers, spend) = match &raw.acquisition {
        Some(a) => {
            let a_at = c.pos(a);
            (
                c.number(
                    &a.value.new_customers_per_year,
                    &path("acquisition.new_customers_per_year"),
                    a_at,
                    Kind::Amount,
                ),
                c.number(&a.value.spend_per_year, &path("acquisition.spend_per_year"), a_at, Kind::Amount),
            )
        }
        None => (Some(0.0), Some(0.0)),
    };
    let products =
        c.optional_number(&raw.products_per_customer, &path("products_per_customer"), Kind::Positive);
    let own = match &raw.benchmarks {
        Some(b) => benchmarks(&b.value, c, &path("benchmarks")),
        None => Some(PerDriver::default()),
    };
    let (own, project_benchmarks) = match monthly {
        Ok(Some(_)) => {
            (subscription::own_benchmarks(raw, c, i, own), &subscription::applying(project_benchmarks))
        }
        _ => (own, project_benchmarks),
    };
    let levers = match (&raw.levers, drivers) {
        (Some(l), Some(d)) => levers(&l.value, c, &path("levers"), &d, &PerDriver::default(), churn),
        (None, _) => Some((PerDriver::default(), ChurnChange::default())),
        (Some(_), None) => None,
    };
    let (levers, churn_lever) = levers?;
    let own = own?;
    Some(Segment {
        id: id?,
        name: name?,
        customers: Quantity::new(customers?)?,
        drivers: economics(drivers?, c, at, i)?,
        focus: raw.focus.as_ref().is_some_and(|f| f.value),
        new_customers_per_year: Quantity::new(new_customers?)?,
        acquisition_spend_per_year: Money::new(spend?)?,
        products_per_customer: match products.ok()? {
            Some(x) => Some(Quantity::new(x)?),
            None => None,
        },
        benchmarks: PerDriver::from_fn(|d| merge_benchmark(*own.get(d), *project_benchmarks.get(d))),
        levers,
        from_data,
        retention_curve: curve.ok()?,
        subscription: monthly.ok().flatten().map(|(monthly_price, monthly_churn)| Subscription {
            monthly_price,
            monthly_churn,
            churn_lever,
        }),
    })
}

/// Reads segment figures that may be typed or written `from_data`.
struct Sourced<'a, 'd> {
    data: &'a DataState<'d>,
    segment: usize,
    /// The fields taken from the data, in the order read.
    used: &'a mut Vec<&'static str>,
}

/// The keyword that takes a figure from the data.
const FROM_DATA: &str = "from_data";

fn is_from_data(v: &Sp<Num>) -> bool {
    matches!(&v.value, Num::Text(t) if t.trim() == FROM_DATA)
}

impl Sourced<'_, '_> {
    /// A required number: typed, or derived from the data when written `from_data`.
    fn number(
        &mut self,
        c: &mut Checker,
        raw: &Option<Sp<Num>>,
        field: &str,
        at: Option<Position>,
        kind: Kind,
    ) -> Option<f64> {
        let Some(v) = raw.as_ref().filter(|v| is_from_data(v)) else {
            return c.number(raw, field, at, kind);
        };
        let key = field_key(field);
        let segment = segment_data(c, v, field, self.data, self.segment)?;
        let Some(derived) = derived(segment, key) else {
            let DataState::Read(set) = self.data else { return None };
            c.error(
                c.pos(v),
                field,
                format!("the data gives no {}", key.replace('_', " ")),
                Some(why_missing(key, set)),
            );
            return None;
        };
        self.used.push(key);
        // The derived figure must pass the same checks as a typed one.
        c.value(
            &Sp { value: Num::Number(derived), referenced: v.referenced, defined: v.defined },
            field,
            kind,
        )
    }
}

/// The segment's data, or a problem saying why there is none.
fn segment_data<'d, T>(
    c: &mut Checker,
    v: &Sp<T>,
    field: &str,
    data: &DataState<'d>,
    i: usize,
) -> Option<&'d SegmentData> {
    match data {
        DataState::Absent => {
            c.error(
                c.pos(v),
                field,
                "`from_data`, but project.yaml has no `data:` section",
                Some("add a `data:` section naming the client's transaction export (see the README), or type the figure".into()),
            );
            None
        }
        DataState::Unreadable => None,
        DataState::Read(set) => {
            let found = set.segments.get(i).filter(|s| s.customers > 0);
            if found.is_none() {
                c.error(
                    c.pos(v),
                    field,
                    format!("no customer of this segment in {}", set.coverage.files.join(", ")),
                    Some("the data must give each customer's segment by its id (a `segment` column, or a customers file)".into()),
                );
            }
            found
        }
    }
}

/// `segments[2].gross_margin` → `gross_margin`, as a static key.
fn field_key(field: &str) -> &'static str {
    const KEYS: [&str; 5] =
        ["customers", "purchases_per_year", "average_order_value", "gross_margin", "retention_rate"];
    let last = field.rsplit('.').next().unwrap_or(field);
    KEYS.into_iter().find(|k| *k == last).unwrap_or("customers")
}

#[allow(clippy::cast_precision_loss)] // customer counts far below 2^53
fn derived(s: &SegmentData, key: &str) -> Option<f64> {
    match key {
        "customers" => Some(s.active_customers as f64),
        "purchases_per_year" => s.purchases_per_year,
        "average_order_value" => s.average_order_value,
        "gross_margin" => s.gross_margin,
        _ => s.retention_rate,
    }
}

fn why_missing(key: &str, set: &DataSet) -> String {
    if set.coverage.from_summary {
        return format!(
            "a warehouse summary holds no transactions to derive {key} from: type it, or give the transaction log"
        );
    }
    match key {
        "gross_margin" => "the log has no margin: map `margin` or `margin_rate` under `data.columns`, or type the margin".into(),
        "retention_rate" => "retention needs two full years of data before the observation end; type it until the data covers them".into(),
        _ => "no customer of this segment bought in the last 365 days of the data".into(),
    }
}

/// `retention_curve:`: typed counts (non-increasing, starting above 0) or `from_data`.
fn retention_curve(
    raw: &RawSegment,
    c: &mut Checker,
    field: &str,
    data: &DataState,
    i: usize,
) -> Result<Option<RetentionCurve>, ()> {
    let Some(sp) = &raw.retention_curve else { return Ok(None) };
    match &sp.value {
        RawCurve::Text(t) if t.trim() == FROM_DATA => {
            segment_data(c, sp, field, data, i).ok_or(())?;
            Ok(Some(RetentionCurve::FromData))
        }
        RawCurve::Text(t) => {
            c.error(
                c.pos(sp),
                field,
                format!("`{t}` is neither a list of counts nor `from_data`"),
                Some("e.g. `retention_curve: [1000, 631, 468, 382]`".into()),
            );
            Err(())
        }
        RawCurve::Counts(items) => {
            let counts: Vec<Option<f64>> = items
                .iter()
                .enumerate()
                .map(|(k, n)| c.value(n, &format!("{field}[{k}]"), Kind::Count))
                .collect();
            let counts: Vec<f64> = counts.into_iter().collect::<Option<_>>().ok_or(())?;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole counts ≥ 0
            let counts: Vec<u64> = counts.into_iter().map(|n| n as u64).collect();
            // The shifted-beta-geometric model needs a curve it can identify: two counts fix
            // one year's retention but not how it changes; a curve that never falls, or
            // falls to nobody, puts its estimate at the edge of what it can be.
            let problem = if counts.len() < 3 {
                Some(
                    "needs at least three counts: customers at the start and after each of two or more years",
                )
            } else if counts[0] == 0 {
                Some("the first count (customers at the start) must be above 0")
            } else if counts.windows(2).any(|w| w[1] > w[0]) {
                Some("counts must not rise: they are customers still active after each year")
            } else if counts.last() == Some(&0) {
                Some("the last count is 0: with every customer lost, the retention model has nothing to fit")
            } else if counts.first() == counts.last() {
                Some(
                    "the counts never fall: with no customer lost, the retention model cannot estimate churn",
                )
            } else {
                None
            };
            if let Some(message) = problem {
                c.error(
                    c.pos(sp),
                    field,
                    message,
                    Some("e.g. `retention_curve: [1000, 631, 468, 382]`".into()),
                );
                return Err(());
            }
            Ok(Some(RetentionCurve::Typed(counts)))
        }
    }
}

/// The segment's own benchmark wins over the project's.
fn merge_benchmark(own: Option<f64>, project: Option<f64>) -> Option<Benchmark> {
    own.map(|value| Benchmark { value, source: BenchmarkSource::Segment })
        .or(project.map(|value| Benchmark { value, source: BenchmarkSource::Project }))
}

fn drivers(
    raw: &RawSegment,
    c: &mut Checker,
    i: usize,
    at: Option<Position>,
    source: &mut Sourced,
) -> Option<Drivers> {
    let path = |f: &str| format!("segments[{i}].{f}");
    let f = source.number(c, &raw.purchases_per_year, &path("purchases_per_year"), at, Kind::Positive);
    let v = source.number(c, &raw.average_order_value, &path("average_order_value"), at, Kind::Positive);
    let m = source.number(c, &raw.gross_margin, &path("gross_margin"), at, Kind::Rate);
    let mut r = source.number(c, &raw.retention_rate, &path("retention_rate"), at, Kind::Rate);
    if let (Some(rate), Some(sp)) = (r, &**raw.retention_rate) {
        if rate >= 1.0 {
            c.error(
                c.pos(sp),
                &path("retention_rate"),
                "retention must be below 100 %",
                Some("no segment keeps every customer forever; use e.g. 0.95".into()),
            );
            r = None;
        }
    }
    Some(Drivers { retention_rate: r?, purchases_per_year: f?, average_order_value: v?, gross_margin: m? })
}

/// The drivers as one checked whole. Each was checked alone; this catches what only their
/// combination can give: a monthly churn so small that a year's retention rounds to 100 %.
fn economics(drivers: Drivers, c: &mut Checker, at: Option<Position>, i: usize) -> Option<Economics> {
    let economics = Economics::new(drivers);
    if economics.is_none() {
        c.error(
            at,
            &format!("segments[{i}]"),
            format!(
                "the drivers give a retention of {}, {} purchases a year, an order value of {} and a margin of {}: retention must stay below 100 % and purchases and order value above 0",
                drivers.retention_rate, drivers.purchases_per_year, drivers.average_order_value, drivers.gross_margin
            ),
            Some("a monthly churn this close to 0 is no churn at all; write a churn of at least 0.0001".into()),
        );
    }
    economics
}

/// The levers written in `raw`, each checked against the segment's drivers `base`; a lever
/// not written takes its value from `unwritten`. `churn` is a subscription segment's monthly
/// churn: its levers are written on the monthly price and churn, and converted; the change in
/// churn is returned as written (zero when not written).
pub fn levers(
    raw: &RawLevers,
    c: &mut Checker,
    path: &str,
    base: &Drivers,
    unwritten: &PerDriver<Estimate>,
    churn: Option<f64>,
) -> Option<(PerDriver<Estimate>, ChurnChange)> {
    let subscription_levers = [("monthly_price", &raw.monthly_price), ("monthly_churn", &raw.monthly_churn)];
    let (wrong, hint) = match churn {
        None => (
            subscription_levers.to_vec(),
            "only a subscription segment (one with `monthly_price` and `monthly_churn`) takes this lever; write the change on `average_order_value` or `retention_rate`",
        ),
        Some(_) => (
            vec![
                ("retention_rate", &raw.retention_rate),
                ("purchases_per_year", &raw.purchases_per_year),
                ("average_order_value", &raw.average_order_value),
            ],
            "a subscription segment's levers act on what it enters: write `monthly_price` (relative change) or `monthly_churn` (change in points, negative = fewer cancel)",
        ),
    };
    let mut sound = true;
    for (name, sp) in wrong {
        if let Some(sp) = sp {
            c.error(
                c.pos(sp),
                &format!("{path}.{name}"),
                "a lever this segment does not take",
                Some(hint.into()),
            );
            sound = false;
        }
    }
    let fields = PerDriver {
        retention_rate: if churn.is_some() { &None } else { &raw.retention_rate },
        purchases_per_year: if churn.is_some() { &None } else { &raw.purchases_per_year },
        average_order_value: if churn.is_some() { &raw.monthly_price } else { &raw.average_order_value },
        gross_margin: &raw.gross_margin,
    };
    let name = |d: Driver| d.lever_key(churn.is_some()).unwrap_or(d.key());
    let mut results: PerDriver<Option<Estimate>> = PerDriver::from_fn(|d| match fields.get(d) {
        Some(sp) => lever(sp, c, &format!("{path}.{}", name(d)), d, base),
        None => Some(*unwritten.get(d)),
    });
    let mut change = Some(ChurnChange::default());
    if let (Some(monthly), Some(sp)) = (churn, &raw.monthly_churn) {
        let converted = subscription::churn_lever(sp, c, &format!("{path}.monthly_churn"), monthly);
        change = converted.map(|(written, _)| written);
        results.retention_rate = converted.map(|(_, retention)| retention);
    }
    sound.then_some(())?;
    Some((
        PerDriver {
            retention_rate: results.retention_rate?,
            purchases_per_year: results.purchases_per_year?,
            average_order_value: results.average_order_value?,
            gross_margin: results.gross_margin?,
        },
        change?,
    ))
}

fn lever(
    sp: &Sp<RawEstimate>,
    c: &mut Checker,
    field: &str,
    driver: Driver,
    base: &Drivers,
) -> Option<Estimate> {
    let at = c.pos(sp);
    let estimate = match &sp.value {
        RawEstimate::One(num) => {
            let located = Sp { value: num.clone(), referenced: sp.referenced, defined: sp.defined };
            let x = c.value(&located, field, Kind::Delta)?;
            Estimate::certain(x)
        }
        RawEstimate::Three { low, likely, high } => {
            let lo = c.number(low, &format!("{field}.low"), at, Kind::Delta);
            let mid = c.number(likely, &format!("{field}.likely"), at, Kind::Delta);
            let hi = c.number(high, &format!("{field}.high"), at, Kind::Delta);
            let e = Estimate { low: lo?, likely: mid?, high: hi? };
            if !(e.low <= e.likely && e.likely <= e.high) {
                c.error(
                    at,
                    field,
                    format!("needs low ≤ likely ≤ high, got {} / {} / {}", e.low, e.likely, e.high),
                    Some("order the three points from pessimistic to optimistic".into()),
                );
                return None;
            }
            e
        }
    };
    for point in [estimate.low, estimate.high] {
        if let Err((message, hint)) = projected_is_sound(driver, base, point) {
            c.error(at, field, message, Some(hint.into()));
            return None;
        }
    }
    Some(estimate)
}

/// Whether a driver stays meaningful with a lever applied.
fn projected_is_sound(driver: Driver, base: &Drivers, delta: f64) -> Result<(), (String, &'static str)> {
    let projected = *base.with_lever(driver, delta).get(driver);
    match driver {
        Driver::RetentionRate if projected >= 1.0 => Err((
            format!("projected retention {} reaches 100 % or more", percent(projected)),
            "lower the lever so retention + change stays below 1",
        )),
        Driver::RetentionRate | Driver::GrossMargin if projected < 0.0 => Err((
            format!("projected {} {} is below 0 %", driver.key(), percent(projected)),
            "raise the lever",
        )),
        Driver::GrossMargin if projected > 1.0 => Err((
            format!("projected margin {} is above 100 %", percent(projected)),
            "lower the lever so margin + change stays at or below 1",
        )),
        Driver::PurchasesPerYear | Driver::AverageOrderValue if projected <= 0.0 => Err((
            format!("a change of {} wipes out {}", percent(delta), driver.key()),
            "a relative change must stay above −100 %",
        )),
        _ => Ok(()),
    }
}

pub fn percent(x: f64) -> String {
    let s = format!("{:.2}", x * 100.0);
    format!("{} %", s.trim_end_matches('0').trim_end_matches('.'))
}
