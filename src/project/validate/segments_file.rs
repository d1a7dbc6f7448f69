//! `segments.yaml` → segments with their drivers, benchmarks and levers.

use std::collections::BTreeSet;

use super::checker::Checker;
use super::number::Kind;
use super::project_file::{benchmarks, list};
use crate::diagnostic::Position;
use crate::model::{Benchmark, BenchmarkSource, Driver, Drivers, Estimate, PerDriver, Segment};
use crate::project::raw::{RawEstimate, RawLevers, RawSegment, RawSegmentsFile, Sp};

/// The ids the file declares, read before validation so other files can refer to them.
pub fn declared_ids(raw: &RawSegmentsFile) -> BTreeSet<String> {
    let segments = raw.segments.as_ref().map(|s| s.value.as_slice()).unwrap_or_default();
    segments.iter().filter_map(|s| s.value.id.as_ref()).map(|id| id.value.trim().to_owned()).collect()
}

pub fn validate(
    raw: &RawSegmentsFile,
    c: &mut Checker,
    project_benchmarks: &PerDriver<Option<f64>>,
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
    let segments = list(&all.value, |i, sp| segment(sp, c, i, project_benchmarks))?;
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
) -> Option<Segment> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("segments[{i}].{f}");
    let id = c.text(&raw.id, &path("id"), at);
    let name = c.text(&raw.name, &path("name"), at);
    let customers = c.number(&raw.customers, &path("customers"), at, Kind::Count);
    let drivers = drivers(raw, c, i, at);
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
    let levers = match (&raw.levers, drivers) {
        (Some(l), Some(d)) => levers(&l.value, c, &path("levers"), &d),
        (None, _) => Some(PerDriver::default()),
        (Some(_), None) => None,
    };
    let own = own?;
    Some(Segment {
        id: id?,
        name: name?,
        customers: customers?,
        drivers: drivers?,
        focus: raw.focus.as_ref().is_some_and(|f| f.value),
        new_customers_per_year: new_customers?,
        acquisition_spend_per_year: spend?,
        products_per_customer: products.ok()?,
        benchmarks: PerDriver::from_fn(|d| merge_benchmark(*own.get(d), *project_benchmarks.get(d))),
        levers: levers?,
    })
}

/// The segment's own benchmark wins over the project's.
fn merge_benchmark(own: Option<f64>, project: Option<f64>) -> Option<Benchmark> {
    own.map(|value| Benchmark { value, source: BenchmarkSource::Segment })
        .or(project.map(|value| Benchmark { value, source: BenchmarkSource::Project }))
}

fn drivers(raw: &RawSegment, c: &mut Checker, i: usize, at: Option<Position>) -> Option<Drivers> {
    let path = |f: &str| format!("segments[{i}].{f}");
    let f = c.number(&raw.purchases_per_year, &path("purchases_per_year"), at, Kind::Positive);
    let v = c.number(&raw.average_order_value, &path("average_order_value"), at, Kind::Positive);
    let m = c.number(&raw.gross_margin, &path("gross_margin"), at, Kind::Rate);
    let mut r = c.number(&raw.retention_rate, &path("retention_rate"), at, Kind::Rate);
    if let (Some(rate), Some(sp)) = (r, &raw.retention_rate) {
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

fn levers(raw: &RawLevers, c: &mut Checker, path: &str, base: &Drivers) -> Option<PerDriver<Estimate>> {
    let fields = PerDriver {
        retention_rate: &raw.retention_rate,
        purchases_per_year: &raw.purchases_per_year,
        average_order_value: &raw.average_order_value,
        gross_margin: &raw.gross_margin,
    };
    let results: PerDriver<Option<Estimate>> = PerDriver::from_fn(|d| match fields.get(d) {
        Some(sp) => lever(sp, c, &format!("{path}.{}", d.key()), d, base),
        None => Some(Estimate::default()),
    });
    Some(PerDriver {
        retention_rate: results.retention_rate?,
        purchases_per_year: results.purchases_per_year?,
        average_order_value: results.average_order_value?,
        gross_margin: results.gross_margin?,
    })
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

fn percent(x: f64) -> String {
    let s = format!("{:.2}", x * 100.0);
    format!("{} %", s.trim_end_matches('0').trim_end_matches('.'))
}
