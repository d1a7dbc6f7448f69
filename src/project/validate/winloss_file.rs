//! `winloss.yaml` → win/loss counts, reasons and upsell per segment.

use std::collections::BTreeMap;

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::Position;
use crate::model::{WinLoss, WinLossSegment};
use crate::project::raw::{Num, RawWinLoss, RawWinLossSegment, Sp};

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
    Some(WinLoss { segments })
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // counts are whole and ≥ 0
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
    let won = c.number(&raw.won, &path("won"), at, Kind::Count);
    let lost = c.number(&raw.lost, &path("lost"), at, Kind::Count);
    let reasons_won = reasons(&raw.reasons_won, c, &path("reasons_won"));
    let reasons_lost = reasons(&raw.reasons_lost, c, &path("reasons_lost"));
    let upsell = match &raw.upsell {
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
    Some(WinLossSegment {
        segment: segment?,
        won: won? as u64,
        lost: lost? as u64,
        reasons_won: reasons_won?,
        reasons_lost: reasons_lost?,
        upsell: upsell?,
    })
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn reasons(raw: &BTreeMap<String, Sp<Num>>, c: &mut Checker, path: &str) -> Option<Vec<(String, u64)>> {
    let counted: Vec<Option<(String, u64)>> = raw
        .iter()
        .map(|(reason, n)| {
            Some((reason.trim().to_owned(), c.value(n, &format!("{path}[{reason}]"), Kind::Count)? as u64))
        })
        .collect();
    counted.into_iter().collect()
}
