//! Win/loss per segment: win rate, win/loss ratio, reasons ranked, upsell ratio.

use serde::Serialize;

use super::order::ratio;
use crate::model::WinLossSegment;

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
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^53
pub fn analyse(segments: &[WinLossSegment]) -> Vec<WinLossMetrics> {
    segments
        .iter()
        .map(|s| WinLossMetrics {
            segment: s.segment.id().to_owned(),
            won: s.won,
            lost: s.lost,
            win_rate: ratio(s.won as f64, (s.won + s.lost) as f64),
            win_loss_ratio: ratio(s.won as f64, s.lost as f64),
            reasons_won: ranked(&s.reasons_won),
            reasons_lost: ranked(&s.reasons_lost),
            upsell_ratio: s.upsell.and_then(|(customers, upsold)| ratio(upsold as f64, customers as f64)),
        })
        .collect()
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

    /// 30 won, 10 lost: win rate 0.75, ratio 3; 12 of 80 upsold = 0.15;
    /// loss reasons Price 6, Slow 3, Quality 1 → shares 0.6, 0.3, 0.1; cumulative 0.6, 0.9, 1.0.
    #[test]
    fn win_loss_figures_by_hand() {
        let s = WinLossSegment {
            segment: crate::model::fixture::reference(0, "a"),
            won: 30,
            lost: 10,
            reasons_won: vec![],
            reasons_lost: vec![("Price".into(), 6), ("Quality".into(), 1), ("Slow".into(), 3)],
            upsell: Some((80, 12)),
        };
        let m = &analyse(&[s])[0];
        assert_eq!((m.win_rate, m.win_loss_ratio, m.upsell_ratio), (Some(0.75), Some(3.0), Some(0.15)));
        let names: Vec<_> = m.reasons_lost.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(names, ["Price", "Slow", "Quality"]);
        assert!((m.reasons_lost[1].cumulative_share - 0.9).abs() < 1e-12);
        assert!((m.reasons_lost[2].share - 0.1).abs() < 1e-12);
    }

    #[test]
    fn no_losses_means_no_ratio() {
        let s = WinLossSegment {
            segment: crate::model::fixture::reference(0, "a"),
            won: 5,
            lost: 0,
            reasons_won: vec![],
            reasons_lost: vec![],
            upsell: None,
        };
        let m = &analyse(&[s])[0];
        assert_eq!((m.win_rate, m.win_loss_ratio, m.upsell_ratio), (Some(1.0), None, None));
    }
}
