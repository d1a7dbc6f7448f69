//! Win/loss per segment and the jobs customers hire the company to do.

use serde::Serialize;

use super::optional;
use crate::analysis::Metrics;
use crate::render::charts::{self, Chart};
use crate::render::labels::job_label;
use crate::render::locale::Localizer;

/// The win/loss and jobs-to-be-done section.
#[derive(Debug, Serialize)]
pub struct WinLossJobsView {
    /// The section's title, naming only the analyses the project has.
    pub title: String,
    pub winloss: Option<Vec<WinLossRow>>,
    pub jobs: Option<Vec<JobRow>>,
    pub pareto: Option<Chart>,
    pub jobs_chart: Option<Chart>,
    /// Win/loss per period, when winloss.yaml gives periods: a row per segment and period.
    pub periods: Option<Vec<PeriodRow>>,
    /// The win/loss and upsell ratios over the periods, per segment.
    pub trend: Option<Chart>,
    /// Per segment with two periods or more, how its ratios moved.
    pub trend_notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodRow {
    pub segment: String,
    pub period: String,
    pub won: u64,
    pub lost: u64,
    pub win_rate: String,
    pub win_loss_ratio: String,
    pub upsell_ratio: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct WinLossRow {
    pub segment: String,
    pub won: u64,
    pub lost: u64,
    pub win_rate: String,
    pub win_loss_ratio: String,
    pub upsell_ratio: String,
    pub top_loss_reason: String,
    pub top_win_reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct JobRow {
    pub number: usize,
    pub statement: String,
    pub segment: String,
    pub importance: String,
    pub satisfaction: String,
    pub opportunity: String,
    pub label: String,
}

/// The section, when the project has win/loss or jobs.
pub fn build(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Option<WinLossJobsView> {
    let title = match (m.winloss.is_some(), m.jobs.is_some()) {
        (true, true) => "section-winloss-jobs",
        (true, false) => "section-winloss",
        (false, true) => "section-jobs",
        (false, false) => return None,
    };
    Some(WinLossJobsView {
        title: l.t(title),
        winloss: winloss(m, segment_name, l),
        jobs: jobs(m, segment_name, l),
        pareto: m.winloss.as_deref().map(|w| charts::loss_pareto(w, l)),
        jobs_chart: m.jobs.as_deref().map(|j| charts::opportunity_landscape(j, l)),
        periods: periods(m, segment_name, l),
        trend: m.winloss.as_deref().and_then(|w| charts::winloss_trend(w, segment_name, l)),
        trend_notes: m.winloss.iter().flatten().filter_map(|w| trend_note(w, segment_name, l)).collect(),
    })
}

fn periods(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Option<Vec<PeriodRow>> {
    let rows: Vec<PeriodRow> = m
        .winloss
        .iter()
        .flatten()
        .flat_map(|w| {
            w.periods.iter().map(move |p| PeriodRow {
                segment: segment_name(&w.segment),
                period: p.period.clone(),
                won: p.won,
                lost: p.lost,
                win_rate: optional(p.win_rate, |x| l.percent(x, 0)),
                win_loss_ratio: optional(p.win_loss_ratio, |x| l.number(x, 2)),
                upsell_ratio: optional(p.upsell_ratio, |x| l.percent(x, 0)),
            })
        })
        .collect();
    (!rows.is_empty()).then_some(rows)
}

/// "Danish installers: win/loss ratio 1.60 in 2026-Q4, +0.35 on 2026-Q3 and +0.60 since
/// 2026-Q1; upsell ratio 24 % (+3.0 pts, +6.0 pts)."
fn trend_note(
    w: &crate::analysis::WinLossMetrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Option<String> {
    let t = w.trend.as_ref()?;
    let last = w.periods.last()?;
    let signed =
        |x: Option<f64>| optional(x, |x| format!("{}{}", if x > 0.0 { "+" } else { "" }, l.number(x, 2)));
    let points = |x: Option<f64>| optional(x, |x| l.change(x, true));
    Some(l.t_with(
        "winloss-trend-note",
        vec![
            ("segment", segment_name(&w.segment).into()),
            ("last", last.period.clone().into()),
            ("ratio", optional(last.win_loss_ratio, |x| l.number(x, 2)).into()),
            ("before", t.last_period.since.clone().into()),
            ("ratio_last", signed(t.last_period.win_loss_ratio).into()),
            ("first", t.whole_span.since.clone().into()),
            ("ratio_span", signed(t.whole_span.win_loss_ratio).into()),
            ("upsell", optional(last.upsell_ratio, |x| l.percent(x, 0)).into()),
            ("upsell_last", points(t.last_period.upsell_ratio).into()),
            ("upsell_span", points(t.whole_span.upsell_ratio).into()),
        ],
    ))
}

pub fn winloss(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Option<Vec<WinLossRow>> {
    let rate = |x: Option<f64>| optional(x, |v| l.percent(v, 0));
    m.winloss.as_ref().map(|rows| {
        rows.iter()
            .map(|w| WinLossRow {
                segment: segment_name(&w.segment),
                won: w.won,
                lost: w.lost,
                win_rate: rate(w.win_rate),
                win_loss_ratio: optional(w.win_loss_ratio, |r| l.number(r, 2)),
                upsell_ratio: rate(w.upsell_ratio),
                top_loss_reason: w
                    .reasons_lost
                    .first()
                    .map_or_else(String::new, |r| format!("{} ({})", r.reason, l.percent(r.share, 0))),
                top_win_reason: w
                    .reasons_won
                    .first()
                    .map_or_else(String::new, |r| format!("{} ({})", r.reason, l.percent(r.share, 0))),
            })
            .collect()
    })
}

pub fn jobs(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Option<Vec<JobRow>> {
    m.jobs.as_ref().map(|jobs| {
        jobs.iter()
            .enumerate()
            .map(|(i, j)| JobRow {
                number: i + 1,
                statement: j.statement.clone(),
                segment: j.segment.as_deref().map_or_else(|| l.t("jobs-all-segments"), segment_name),
                importance: l.number(j.importance, 1),
                satisfaction: l.number(j.satisfaction, 1),
                opportunity: l.number(j.opportunity, 1),
                label: job_label(l, j.label),
            })
            .collect()
    })
}
