//! Journey map, gap list, win/loss, jobs and workshop notes.

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::Project;
use crate::render::labels::{action_key, action_name, job_label, quadrant_name};
use crate::render::locale::Localizer;
use crate::render::markdown;

#[derive(Clone, Debug, Serialize)]
pub struct GapRow {
    /// Rank in the gap list, also the touchpoint's number in the quadrant chart.
    pub number: usize,
    pub id: String,
    pub name: String,
    pub phase: String,
    pub channel: String,
    pub present: bool,
    pub importance: String,
    pub performance: String,
    pub gap: String,
    pub priority: String,
    /// Unformatted, to pick the rows with a shortfall.
    #[serde(skip)]
    pub priority_value: f64,
    pub cost: String,
    pub resource_share: String,
    pub importance_share: String,
    pub quadrant: String,
    pub action: String,
    /// `invest`, `keep`, `reduce`, `add`: a CSS class.
    pub action_class: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub goal: String,
    pub customer_needs: String,
    pub touchpoints: Vec<GapRow>,
    /// (anchor, title) of the workshop notes about this phase.
    pub workshops: Vec<(String, String)>,
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

#[derive(Clone, Debug, Serialize)]
pub struct WorkshopView {
    pub anchor: String,
    pub title: String,
    pub date: String,
    pub market: String,
    pub participants: String,
    pub phases: String,
    /// The note rendered safely.
    pub html: String,
}

pub fn gaps(project: &Project, m: &Metrics, l: &Localizer) -> Vec<GapRow> {
    let Some(t) = &m.touchpoints else { return Vec::new() };
    let phase_name = |id: &str| {
        project
            .journey
            .as_ref()
            .and_then(|j| j.phases.iter().find(|p| p.id == id))
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    t.ranked
        .iter()
        .enumerate()
        .map(|(i, g)| GapRow {
            number: i + 1,
            id: g.id.clone(),
            name: g.name.clone(),
            phase: phase_name(&g.phase),
            channel: g.channel.clone(),
            present: g.present,
            importance: l.number(g.importance, 1),
            performance: l.number(g.performance, 1),
            gap: l.number(g.gap, 1),
            priority: l.number(g.priority, 1),
            priority_value: g.priority,
            cost: l.money(g.cost),
            resource_share: l.percent(g.resource_share, 1),
            importance_share: l.percent(g.importance_share, 1),
            quadrant: quadrant_name(l, g.quadrant),
            action: action_name(l, g.action),
            action_class: action_key(g.action).to_owned(),
        })
        .collect()
}

pub fn phases(project: &Project, m: &Metrics, l: &Localizer) -> Vec<PhaseView> {
    let Some(journey) = &project.journey else { return Vec::new() };
    let rows = gaps(project, m, l);
    let by_id: std::collections::HashMap<&str, &GapRow> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    journey
        .phases
        .iter()
        .map(|p| {
            // Touchpoints in the order journey.yaml lists them.
            let touchpoints = journey
                .touchpoints
                .iter()
                .filter(|t| t.phase == p.id)
                .filter_map(|t| by_id.get(t.id.as_str()).map(|r| (*r).clone()))
                .collect();
            let workshops = project
                .workshops
                .iter()
                .enumerate()
                .filter(|(_, w)| w.phases.contains(&p.id))
                .map(|(i, w)| (anchor(i, &w.file), w.title.clone()))
                .collect();
            PhaseView {
                id: p.id.clone(),
                name: p.name.clone(),
                goal: p.goal.clone(),
                customer_needs: p.customer_needs.clone(),
                touchpoints,
                workshops,
            }
        })
        .collect()
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

pub fn workshops(project: &Project, l: &Localizer) -> Vec<WorkshopView> {
    let phase_name = |id: &String| {
        project
            .journey
            .as_ref()
            .and_then(|j| j.phases.iter().find(|p| &p.id == id))
            .map_or_else(|| id.clone(), |p| p.name.clone())
    };
    project
        .workshops
        .iter()
        .enumerate()
        .map(|(i, w)| WorkshopView {
            html: markdown::to_html(&w.body, &anchor(i, &w.file)),
            anchor: anchor(i, &w.file),
            title: w.title.clone(),
            date: l.date(w.date),
            market: w.market.clone(),
            participants: w.participants.join(", "),
            phases: w.phases.iter().map(phase_name).collect::<Vec<_>>().join(", "),
        })
        .collect()
}

/// A stable, unique `id` for the `index`-th workshop note, readable from its file name.
fn anchor(index: usize, file: &std::path::Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("workshop-{}-{slug}", index + 1)
}
