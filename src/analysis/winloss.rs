//! Win/loss per segment: win rate, win/loss ratio, reasons ranked, upsell ratio, and how the
//! ratios moved from period to period.

use serde::Serialize;

use super::order::ratio;
use crate::model::{WinLossCounts, WinLossSegment};

#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub reason: String,
    pub count: u64,
    /// Share of all reasons of this kind in the segment.
    pub share: f64,
    /// Running share down the ranked list (the Pareto curve).
    pub cumulative_share: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct WinLossMetrics {
    pub segment: String,
    pub won: u64,
    pub lost: u64,
    /// `won / (won + lost)`.
    pub win_rate: Option<f64>,
    /// `won / lost`.
    pub win_loss_ratio: Option<f64>,
    /// Most frequent first; ties by reason.
    pub reasons_won: Vec<Reason>,
    pub reasons_lost: Vec<Reason>,
    /// `upsold / customers`.
    pub upsell_ratio: Option<f64>,
    /// Each period's figures, oldest first, when winloss.yaml gives periods (the figures above
    /// are then over all of them); empty for a snapshot.
    pub periods: Vec<PeriodFigures>,
    /// How the ratios moved, with two periods or more.
    pub trend: Option<Trend>,
}

/// One period's counts and ratios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// `2026`, `2026-Q3` or `2026-09` (a quarter written `2026-q3` is shown `2026-Q3`).
    pub period: String,
    pub won: u64,
    pub lost: u64,
    pub win_rate: Option<f64>,
    pub win_loss_ratio: Option<f64>,
    pub upsell_ratio: Option<f64>,
}

/// The last period's ratios against the period before it and against the first period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    pub last_period: Change,
    pub whole_span: Change,
}

/// The last period's ratio less the ratio of `since`; `null` where either has none.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub since: String,
    pub win_rate: Option<f64>,
    pub win_loss_ratio: Option<f64>,
    pub upsell_ratio: Option<f64>,
}

pub fn analyse(segments: &[WinLossSegment]) -> Vec<WinLossMetrics> {
    segments
        .iter()
        .map(|s| {
            let c = &s.counts;
            let (win_rate, win_loss_ratio, upsell_ratio) = ratios(c);
            let periods: Vec<PeriodFigures> =
                s.periods.iter().map(|(p, c)| figures(p.to_string(), c)).collect();
            WinLossMetrics {
                segment: s.segment.id().to_owned(),
                won: c.won,
                lost: c.lost,
                win_rate,
                win_loss_ratio,
                reasons_won: ranked(&c.reasons_won),
                reasons_lost: ranked(&c.reasons_lost),
                upsell_ratio,
                trend: trend(&periods),
                periods,
            }
        })
        .collect()
}

/// The win rate, the win/loss ratio and the upsell ratio of `c`.
#[allow(clippy::cast_precision_loss)] // counts far below 2^53
fn ratios(c: &WinLossCounts) -> (Option<f64>, Option<f64>, Option<f64>) {
    (
        ratio(c.won as f64, (c.won + c.lost) as f64),
        ratio(c.won as f64, c.lost as f64),
        c.upsell.and_then(|(customers, upsold)| ratio(upsold as f64, customers as f64)),
    )
}

fn figures(period: String, c: &WinLossCounts) -> PeriodFigures {
    let (win_rate, win_loss_ratio, upsell_ratio) = ratios(c);
    PeriodFigures { period, won: c.won, lost: c.lost, win_rate, win_loss_ratio, upsell_ratio }
}

fn trend(periods: &[PeriodFigures]) -> Option<Trend> {
    let (first, last) = (periods.first()?, periods.last()?);
    let before = periods.get(periods.len().checked_sub(2)?)?;
    let change = |since: &PeriodFigures| {
        let minus = |a: Option<f64>, b: Option<f64>| Some(a? - b? + 0.0);
        Change {
            since: since.period.clone(),
            win_rate: minus(last.win_rate, since.win_rate),
            win_loss_ratio: minus(last.win_loss_ratio, since.win_loss_ratio),
            upsell_ratio: minus(last.upsell_ratio, since.upsell_ratio),
        }
    };
    Some(Trend { last_period: change(before), whole_span: change(first) })
}

#[allow(clippy::cast_precision_loss)]
fn ranked(reasons: &[(String, u64)]) -> Vec<Reason> {
    let mut sorted: Vec<&(String, u64)> = reasons.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: u64 = reasons.iter().map(|r| r.1).sum();
    let mut running = 0;
    sorted
        .into_iter()
        .map(|(reason, count)| {
            running += count;
            Reason {
                reason: reason.clone(),
                count: *count,
                share: ratio(*count as f64, total as f64).unwrap_or(0.0),
                cumulative_share: ratio(running as f64, total as f64).unwrap_or(0.0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn counts(won: u64, lost: u64, upsell: Option<(u64, u64)>) -> WinLossCounts {
        WinLossCounts { won, lost, reasons_won: vec![], reasons_lost: vec![], upsell }
    }

    fn snapshot(counts: WinLossCounts) -> WinLossSegment {
        WinLossSegment { segment: crate::model::fixture::reference(0, "a"), counts, periods: vec![] }
    }

    /// 30 won, 10 lost: win rate 0.75, ratio 3; 12 of 80 upsold = 0.15;
    /// loss reasons Price 6, Slow 3, Quality 1 → shares 0.6, 0.3, 0.1; cumulative 0.6, 0.9, 1.0.
    #[test]
    fn win_loss_figures_by_hand() {
        let mut c = counts(30, 10, Some((80, 12)));
        c.reasons_lost = vec![("Price".into(), 6), ("Quality".into(), 1), ("Slow".into(), 3)];
        let m = &analyse(&[snapshot(c)])[0];
        assert_eq!((m.win_rate, m.win_loss_ratio, m.upsell_ratio), (Some(0.75), Some(3.0), Some(0.15)));
        let names: Vec<_> = m.reasons_lost.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(names, ["Price", "Slow", "Quality"]);
        assert!((m.reasons_lost[1].cumulative_share - 0.9).abs() < 1e-12);
        assert!((m.reasons_lost[2].share - 0.1).abs() < 1e-12);
        assert!(m.periods.is_empty() && m.trend.is_none());
    }

    #[test]
    fn no_losses_means_no_ratio() {
        let m = &analyse(&[snapshot(counts(5, 0, None))])[0];
        assert_eq!((m.win_rate, m.win_loss_ratio, m.upsell_ratio), (Some(1.0), None, None));
    }

    /// Three quarters: 10/10 (ratio 1, upsell 5 of 50), 12/8 (1.5, 10 of 50), 15/5 (3, 20 of
    /// 50). Over the last quarter the ratio rose 1.5 and the upsell ratio 0.2; over the span
    /// 2 and 0.3. The segment's own figures are over all three: 37 won, 23 lost, 35 of 150.
    #[test]
    fn the_trend_over_periods_worked_by_hand() {
        let quarters = vec![
            (Period::Quarter(2026, 1), counts(10, 10, Some((50, 5)))),
            (Period::Quarter(2026, 2), counts(12, 8, Some((50, 10)))),
            (Period::Quarter(2026, 3), counts(15, 5, Some((50, 20)))),
        ];
        let total = WinLossCounts::total(quarters.iter().map(|(_, c)| c));
        assert_eq!(total, counts(37, 23, Some((150, 35))));
        let s = WinLossSegment {
            segment: crate::model::fixture::reference(0, "a"),
            counts: total,
            periods: quarters,
        };
        let m = &analyse(&[s])[0];
        assert_eq!(
            m.periods.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
            ["2026-Q1", "2026-Q2", "2026-Q3"]
        );
        assert_eq!(m.periods[2].win_loss_ratio, Some(3.0));
        let t = m.trend.as_ref().unwrap();
        assert_eq!((t.last_period.since.as_str(), t.whole_span.since.as_str()), ("2026-Q2", "2026-Q1"));
        assert_eq!((t.last_period.win_loss_ratio, t.whole_span.win_loss_ratio), (Some(1.5), Some(2.0)));
        assert!((t.last_period.upsell_ratio.unwrap() - 0.2).abs() < 1e-12);
        assert!((t.whole_span.upsell_ratio.unwrap() - 0.3).abs() < 1e-12);
        assert!((t.whole_span.win_rate.unwrap() - 0.25).abs() < 1e-12);
        assert_eq!((m.won, m.lost), (37, 23));
    }

    #[test]
    fn reasons_add_up_across_periods() {
        let mut a = counts(3, 2, None);
        a.reasons_lost = vec![("Price".into(), 2)];
        let mut b = counts(1, 4, Some((10, 1)));
        b.reasons_lost = vec![("Price".into(), 1), ("Slow".into(), 3)];
        let total = WinLossCounts::total([&a, &b]);
        assert_eq!(total.reasons_lost, vec![("Price".into(), 3), ("Slow".into(), 3)]);
        assert_eq!(total.upsell, Some((10, 1)));
    }
}
