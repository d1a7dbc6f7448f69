//! Win/loss per segment and the jobs customers hire the company to do.

use serde::Serialize;

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
    })
}

pub fn winloss(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Option<Vec<WinLossRow>> {
    let rate = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |v| l.percent(v, 0));
    m.winloss.as_ref().map(|rows| {
        rows.iter()
            .map(|w| WinLossRow {
                segment: segment_name(&w.segment),
                won: w.won,
                lost: w.lost,
                win_rate: rate(w.win_rate),
                win_loss_ratio: w.win_loss_ratio.map_or_else(|| "–".to_owned(), |r| l.number(r, 2)),
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
