//! The customer journey: the map by phase and the touchpoint gap list.

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::Project;
use crate::render::charts::{self, Chart};
use crate::render::labels::{action_key, action_name, quadrant_name};
use crate::render::locale::Localizer;

/// The customer journey section: the map by phase, the gap list and its charts.
#[derive(Debug, Serialize)]
pub struct JourneyView {
    pub phases: Vec<PhaseView>,
    pub gaps: Vec<GapRow>,
    pub ipa: Option<Chart>,
    pub resources: Option<Chart>,
}

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

/// The section, when the project has a journey; `gaps` are the rows of [`gaps`].
pub fn build(project: &Project, m: &Metrics, gaps: Vec<GapRow>, l: &Localizer) -> Option<JourneyView> {
    project.journey.as_ref()?;
    Some(JourneyView {
        phases: phases(project, &gaps),
        ipa: m.touchpoints.as_ref().map(|t| charts::importance_performance(t, l)),
        resources: m.touchpoints.as_ref().map(|t| charts::resource_share(t, l)),
        gaps,
    })
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

fn phases(project: &Project, rows: &[GapRow]) -> Vec<PhaseView> {
    let Some(journey) = &project.journey else { return Vec::new() };
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
                .map(|(i, w)| (super::appendix::anchor(i, &w.file), w.title.clone()))
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
