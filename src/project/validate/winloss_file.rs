//! `winloss.yaml` → win/loss counts, reasons and upsell per segment, as one snapshot or per
//! period.

use std::collections::BTreeMap;

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::Position;
use crate::model::{Period, WinLoss, WinLossCounts, WinLossSegment};
use crate::project::raw::{Num, NumField, RawUpsell, RawWinLoss, RawWinLossPeriod, RawWinLossSegment, Sp};

pub fn validate(raw: &RawWinLoss, c: &mut Checker, segment_ids: &KnownIds) -> Option<WinLoss> {
    let top = Some(Position { line: 1, column: 1 });
    let all = c.required(&raw.segments, "segments", top)?;
    c.unique_ids(
        all.value
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((format!("segments[{i}].segment"), s.value.segment.as_ref()?))),
    );
    let segments = list(&all.value, |i, sp| segment(sp, c, i, segment_ids))?;
    one_kind_of_period(&all.value, &segments, c).then_some(WinLoss { segments })
}

/// The fields a snapshot and a period share.
struct RawCounts<'a> {
    won: &'a NumField,
    lost: &'a NumField,
    reasons_won: &'a BTreeMap<String, Sp<Num>>,
    reasons_lost: &'a BTreeMap<String, Sp<Num>>,
    upsell: &'a Option<Sp<RawUpsell>>,
}

fn segment(
    sp: &Sp<RawWinLossSegment>,
    c: &mut Checker,
    i: usize,
    segment_ids: &KnownIds,
) -> Option<WinLossSegment> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("segments[{i}].{f}");
    let segment = c
        .required(&raw.segment, &path("segment"), at)
        .and_then(|s| c.refer(s, &path("segment"), segment_ids, "segment"));
    let snapshot = RawCounts {
        won: &raw.won,
        lost: &raw.lost,
        reasons_won: &raw.reasons_won,
        reasons_lost: &raw.reasons_lost,
        upsell: &raw.upsell,
    };
    let Some(periods) = &raw.periods else {
        let counts = counts(&snapshot, c, &path(""), at);
        return Some(WinLossSegment { segment: segment?, counts: counts?, periods: Vec::new() });
    };
    // Reported at the first snapshot count written beside the periods.
    let reasons = raw.reasons_won.values().chain(raw.reasons_lost.values());
    let snapshot_at = [&**snapshot.won, &**snapshot.lost]
        .into_iter()
        .flatten()
        .chain(reasons)
        .map(|n| c.pos(n))
        .chain(raw.upsell.iter().map(|u| c.pos(u)))
        .next();
    if let Some(snapshot_at) = snapshot_at {
        c.error(
            snapshot_at,
            &path("periods"),
            "counts both as one snapshot and per period",
            Some("write `won`, `lost`, the reasons and `upsell` in each period only: the segment's figures are their sums".into()),
        );
        return None;
    }
    if periods.value.is_empty() {
        let hint = "give each period's counts, e.g. `- {period: 2026-Q1, won: 14, lost: 15}`, or leave `periods:` out";
        c.error(c.pos(periods), &path("periods"), "lists no period", Some(hint.into()));
        return None;
    }
    let read = list(&periods.value, |k, p| period(p, c, &path(&format!("periods[{k}]"))));
    let read = in_order(&periods.value, read?, c, &path("periods"))?;
    let counts = WinLossCounts::total(read.iter().map(|(_, counts)| counts));
    Some(WinLossSegment { segment: segment?, counts, periods: read })
}

fn period(sp: &Sp<RawWinLossPeriod>, c: &mut Checker, path: &str) -> Option<(Period, WinLossCounts)> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let period =
        c.required(&raw.period, &format!("{path}.period"), at).and_then(|p| parse_period(p, c, path));
    let counts = counts(
        &RawCounts {
            won: &raw.won,
            lost: &raw.lost,
            reasons_won: &raw.reasons_won,
            reasons_lost: &raw.reasons_lost,
            upsell: &raw.upsell,
        },
        c,
        &format!("{path}."),
        at,
    );
    Some((period?, counts?))
}

/// `2026`, `2026-Q3` or `2026-09`, in the years a business case looks at.
fn parse_period(sp: &Sp<Num>, c: &mut Checker, path: &str) -> Option<Period> {
    let hint = Some("write e.g. 2026, 2026-Q3 or 2026-09".to_owned());
    let text = match &sp.value {
        // YAML reads `2026.10` as the number 2026.1: say so rather than show a period not written.
        Num::Number(x) if x.fract() != 0.0 => {
            let problem =
                format!("{x} is a number with decimals, not a period; a month is written with a hyphen");
            c.error(c.pos(sp), &format!("{path}.period"), problem, hint);
            return None;
        }
        Num::Number(x) => x.to_string(),
        Num::Text(t) => t.trim().to_owned(),
    };
    // Digits only: `+1` would parse as a number, but it is not how a period is written.
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let year =
        |y: &str| digits(y, 4).then(|| y.parse::<i32>().ok()).flatten().filter(|y| (1990..=2100).contains(y));
    let found = match text.split_once('-') {
        None => year(&text).map(Period::Year),
        Some((y, q)) if q.starts_with(['Q', 'q']) && digits(&q[1..], 1) => year(y)
            .zip(q[1..].parse::<u8>().ok().filter(|q| (1..=4).contains(q)))
            .map(|(y, q)| Period::Quarter(y, q)),
        Some((y, m)) if digits(m, 2) => year(y)
            .zip(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)))
            .map(|(y, m)| Period::Month(y, m)),
        Some(_) => None,
    };
    if found.is_none() {
        c.error(
            c.pos(sp),
            &format!("{path}.period"),
            format!("`{text}` is not a year, a quarter or a month"),
            hint,
        );
    }
    found
}

/// The periods as read, when each follows the one before; otherwise `None`, with the first
/// period out of order or repeated reported.
fn in_order(
    raw: &[Sp<RawWinLossPeriod>],
    read: Vec<(Period, WinLossCounts)>,
    c: &mut Checker,
    path: &str,
) -> Option<Vec<(Period, WinLossCounts)>> {
    for (k, pair) in read.windows(2).enumerate() {
        let (before, this) = (pair[0].0, pair[1].0);
        if this.same_kind(before) && this > before {
            continue;
        }
        let at = raw.get(k + 1).and_then(|p| p.value.period.as_ref()).and_then(|p| c.pos(p));
        let (problem, hint) = if !this.same_kind(before) {
            (
                format!("{this} is not of the same kind as {before}"),
                "count a segment by years, by quarters or by months, not a mix",
            )
        } else if this == before {
            (format!("{this} is given twice"), "give each period once")
        } else {
            (format!("{this} comes after {before}"), "list the periods oldest first")
        };
        c.error(at, &format!("{path}[{}].period", k + 1), problem, Some(hint.into()));
        return None;
    }
    Some(read)
}

/// Every period in the file is of the first period's kind: a trend of quarters beside one of
/// years would not line up.
fn one_kind_of_period(raw: &[Sp<RawWinLossSegment>], segments: &[WinLossSegment], c: &mut Checker) -> bool {
    let Some(first) = segments.iter().flat_map(|s| &s.periods).map(|(p, _)| *p).next() else { return true };
    for (i, (r, s)) in raw.iter().zip(segments).enumerate() {
        let Some(k) = s.periods.iter().position(|(p, _)| !p.same_kind(first)) else { continue };
        let at = r.value.periods.as_ref().and_then(|l| l.value.get(k)).and_then(|p| p.value.period.as_ref());
        c.error(
            at.and_then(|p| c.pos(p)),
            &format!("segments[{i}].periods[{k}].period"),
            format!("{} is not of the same kind as {first}, the file's first period", s.periods[k].0),
            Some("count every segment by years, by quarters or by months alike".into()),
        );
        return false;
    }
    true
}

/// Won, lost, the reasons (each at most the count it explains) and the upsell; `prefix` is
/// the field path up to the counts (`segments[0].` or `segments[0].periods[1].`).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // counts are whole and ≥ 0
fn counts(raw: &RawCounts, c: &mut Checker, prefix: &str, at: Option<Position>) -> Option<WinLossCounts> {
    let path = |f: &str| format!("{prefix}{f}");
    let won = c.number(raw.won, &path("won"), at, Kind::Count);
    let lost = c.number(raw.lost, &path("lost"), at, Kind::Count);
    let reasons_won = reasons(raw.reasons_won, (won, "won"), c, &path("reasons_won"));
    let reasons_lost = reasons(raw.reasons_lost, (lost, "lost"), c, &path("reasons_lost"));
    let upsell = match raw.upsell {
        None => Some(None),
        Some(u) => {
            let u_at = c.pos(u);
            let customers = c.number(&u.value.customers, &path("upsell.customers"), u_at, Kind::Count);
            let upsold = c.number(&u.value.upsold, &path("upsell.upsold"), u_at, Kind::Count);
            match (customers, upsold) {
                (Some(n), Some(k)) if k > n => {
                    c.error(
                        u_at,
                        &path("upsell.upsold"),
                        format!("{k} upsold is more than the {n} customers"),
                        None,
                    );
                    None
                }
                (Some(n), Some(k)) => Some(Some((n as u64, k as u64))),
                _ => None,
            }
        }
    };
    Some(WinLossCounts {
        won: won? as u64,
        lost: lost? as u64,
        reasons_won: reasons_won?,
        reasons_lost: reasons_lost?,
        upsell: upsell?,
    })
}

/// Each reason's count, at most `of` (the customers won or lost it explains, and which).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn reasons(
    raw: &BTreeMap<String, Sp<Num>>,
    (of, which): (Option<f64>, &str),
    c: &mut Checker,
    path: &str,
) -> Option<Vec<(String, u64)>> {
    let mut seen = std::collections::BTreeSet::new();
    let counted: Vec<Option<(String, u64)>> = raw
        .iter()
        .map(|(reason, n)| {
            let field = format!("{path}[{reason}]");
            let name = reason.trim();
            let problem = if name.is_empty() {
                Some("a reason without a name".to_owned())
            } else if !seen.insert(name.to_owned()) {
                Some(format!("`{name}` is given twice (the names differ only in spaces)"))
            } else {
                None
            };
            if let Some(problem) = problem {
                c.error(c.pos(n), &field, problem, Some("give each reason once, by its name".into()));
                return None;
            }
            let count = c.value(n, &field, Kind::Count)?;
            if let Some(of) = of.filter(|of| count > *of) {
                c.error(
                    c.pos(n),
                    &field,
                    format!("{count} customers gave this reason, more than the {of} it explains"),
                    Some(format!(
                        "a reason counts customers, at most the {of} {which}; lower it or raise `{which}`"
                    )),
                );
                return None;
            }
            Some((name.to_owned(), count as u64))
        })
        .collect();
    counted.into_iter().collect()
}
