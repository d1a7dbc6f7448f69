//! Subscription segments: a monthly fee and a monthly churn in place of purchases per year,
//! order value and retention, converted exactly (`model::Subscription` says how).

use super::checker::Checker;
use super::number::Kind;
use super::segments_file::percent;
use crate::diagnostic::Position;
use crate::model::{ChurnChange, Estimate, PerDriver, Subscription};
use crate::project::raw::{Num, RawEstimate, RawSegment, Sp};

/// The fields a subscription segment's monthly figures replace, and what replaces each.
const REPLACED: [(&str, &str); 3] = [
    ("purchases_per_year", "a subscription is paid 12 times a year"),
    ("average_order_value", "`monthly_price` gives it"),
    ("retention_rate", "`monthly_churn` gives it"),
];

/// The segment's monthly price and churn; `Ok(None)` when it gives neither (an ordinary
/// segment), `Err` after reporting a problem.
pub fn figures(
    raw: &RawSegment,
    c: &mut Checker,
    i: usize,
    at: Option<Position>,
) -> Result<Option<(f64, f64)>, ()> {
    if raw.monthly_price.is_none() && raw.monthly_churn.is_none() {
        return Ok(None);
    }
    let path = |f: &str| format!("segments[{i}].{f}");
    let mut sound = true;
    let typed = [&*raw.purchases_per_year, &*raw.average_order_value, &*raw.retention_rate];
    for (field, (name, why)) in typed.into_iter().zip(REPLACED) {
        if let Some(sp) = field {
            c.error(
                c.pos(sp),
                &path(name),
                format!(
                    "a segment given as a subscription (`monthly_price`, `monthly_churn`) has no `{name}`: {why}"
                ),
                Some(format!(
                    "remove `{name}`, or give the segment as purchases, order value and retention instead"
                )),
            );
            sound = false;
        }
    }
    let price = c.number(&raw.monthly_price, &path("monthly_price"), at, Kind::Positive);
    let churn = c.number(&raw.monthly_churn, &path("monthly_churn"), at, Kind::Rate);
    if let (Some(rate), Some(sp)) = (churn, &**raw.monthly_churn) {
        let problem = if rate <= 0.0 {
            Some(
                "monthly churn must be above 0: with nobody ever cancelling, a subscription is worth the horizon's every month",
            )
        } else if rate >= 1.0 {
            Some("monthly churn must be below 100 %: at 100 % every subscriber cancels after the first month")
        } else {
            None
        };
        if let Some(message) = problem {
            c.error(
                c.pos(sp),
                &path("monthly_churn"),
                message,
                Some("use the share of subscribers who cancel in an average month, e.g. 0.01 or 1% for one in a hundred".into()),
            );
            sound = false;
        }
    }
    match (price, churn) {
        (Some(p), Some(ch)) if sound => Ok(Some((p, ch))),
        _ => Err(()),
    }
}

/// A change in monthly churn, as written and as the retention lever it converts to. Its
/// points run from pessimistic to optimistic, so from the smallest reduction to the largest:
/// `low ≥ likely ≥ high`. Every projected churn must stay above 0 and below 1.
pub fn churn_lever(
    sp: &Sp<RawEstimate>,
    c: &mut Checker,
    field: &str,
    churn: f64,
) -> Option<(ChurnChange, Estimate)> {
    let at = c.pos(sp);
    let change = match &sp.value {
        RawEstimate::One(num) => {
            let located = Sp { value: num.clone(), referenced: sp.referenced, defined: sp.defined };
            let x = c.value(&located, field, Kind::Delta)?;
            ChurnChange { low: x, likely: x, high: x }
        }
        RawEstimate::Three { low, likely, high } => {
            let point = |c: &mut Checker, v: &Option<Sp<Num>>, name: &str| {
                c.number(v, &format!("{field}.{name}"), at, Kind::Delta)
            };
            let (lo, mid, hi) = (point(c, low, "low"), point(c, likely, "likely"), point(c, high, "high"));
            let change = ChurnChange { low: lo?, likely: mid?, high: hi? };
            if !(change.low >= change.likely && change.likely >= change.high) {
                c.error(
                    at,
                    field,
                    format!(
                        "needs low ≥ likely ≥ high for a change in churn, got {} / {} / {}",
                        change.low, change.likely, change.high
                    ),
                    Some("low is the pessimistic point, the smallest reduction: e.g. `{low: -0.002, likely: -0.005, high: -0.01}`".into()),
                );
                return None;
            }
            change
        }
    };
    for x in [change.low, change.high] {
        let projected = churn + x;
        if projected <= 0.0 || projected >= 1.0 {
            c.error(
                at,
                field,
                format!("projected monthly churn {} must stay above 0 % and below 100 %", percent(projected)),
                Some(
                    "the change in points must leave some subscribers cancelling, and not all of them".into(),
                ),
            );
            return None;
        }
    }
    let retention = |x: f64| Subscription::retention_change(churn, x);
    Some((
        change,
        Estimate {
            low: retention(change.low),
            likely: retention(change.likely),
            high: retention(change.high),
        },
    ))
}

/// A subscription's own `benchmarks`, with a problem for a purchases or order-value benchmark:
/// its purchases are its 12 payments a year and its order value its monthly price, which no
/// such benchmark measures.
pub fn own_benchmarks(
    raw: &RawSegment,
    c: &mut Checker,
    i: usize,
    own: Option<PerDriver<Option<f64>>>,
) -> Option<PerDriver<Option<f64>>> {
    let Some(b) = &raw.benchmarks else { return own };
    let typed = [
        ("purchases_per_year", &*b.value.purchases_per_year),
        ("average_order_value", &*b.value.average_order_value),
    ];
    let mut sound = true;
    for (name, field) in typed {
        if let Some(v) = field {
            c.error(
                c.pos(v),
                &format!("segments[{i}].benchmarks.{name}"),
                format!(
                    "a subscription segment is not measured against a benchmark of `{name}`: it is paid 12 times a year at its monthly price"
                ),
                Some("remove it; benchmarks of retention_rate and gross_margin apply to a subscription".into()),
            );
            sound = false;
        }
    }
    own.filter(|_| sound)
}

/// The project's benchmarks that apply to a subscription: retention and gross margin.
pub fn applying(project: &PerDriver<Option<f64>>) -> PerDriver<Option<f64>> {
    PerDriver { purchases_per_year: None, average_order_value: None, ..*project }
}
