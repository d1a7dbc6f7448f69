//! The customer journey: the map by phase and the touchpoint gap list.

use serde::Serialize;

use crate::analysis::{Metrics, TouchpointAnalysis, TouchpointGap};
use std::collections::HashMap;

use crate::model::{Project, Touchpoint};
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
    /// Whether the gap list shows the value of the initiatives on each touchpoint.
    pub initiative_values: bool,
    /// The markets side by side, when journey.yaml lists markets.
    pub markets: Option<MarketsView>,
}

/// The gap analysis of each market: the quadrants side by side and where they disagree.
#[derive(Debug, Serialize)]
pub struct MarketsView {
    /// The columns of the disagreement table: the markets, and with only one market, the
    /// journey's own scores first.
    pub names: Vec<String>,
    pub ipa: Chart,
    /// The touchpoints whose priority or action differs most between markets, at most ten.
    pub disagreements: Vec<DisagreementRow>,
}

#[derive(Debug, Serialize)]
pub struct DisagreementRow {
    /// The touchpoint's number in the overall gap list.
    pub number: usize,
    pub name: String,
    /// Per market, in `names`' order: "priority · action".
    pub by_market: Vec<String>,
    /// The largest priority less the smallest.
    pub spread: String,
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
    /// The value the initiatives on this touchpoint carry (an initiative on several
    /// touchpoints split equally); empty when none names it.
    pub initiative_value: String,
    /// Each market whose scores differ from the touchpoint's own: "Norway 5 / 2".
    pub market_scores: Vec<String>,
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
    let journey = project.journey.as_ref()?;
    Some(JourneyView {
        phases: phases(project, &gaps),
        ipa: m.touchpoints.as_ref().map(|t| charts::importance_performance(t, l)),
        resources: m.touchpoints.as_ref().map(|t| charts::resource_share(t, l)),
        initiative_values: m.initiative_summary.is_some(),
        markets: m.touchpoints.as_ref().and_then(|t| markets(&journey.markets, t, &gaps, l)),
        gaps,
    })
}

fn markets(names: &[String], t: &TouchpointAnalysis, gaps: &[GapRow], l: &Localizer) -> Option<MarketsView> {
    let by_market: Vec<(String, &TouchpointAnalysis)> =
        names.iter().filter_map(|n| Some((n.clone(), t.by_market.get(n)?))).collect();
    if by_market.is_empty() {
        return None;
    }
    // One market has no other to differ from: it is compared with the journey's own scores.
    let mut compared = by_market.clone();
    if compared.len() == 1 {
        compared.insert(0, (l.t("journey-markets-overall"), t));
    }
    let index: Vec<HashMap<&str, &TouchpointGap>> =
        compared.iter().map(|(_, a)| a.ranked.iter().map(|x| (x.id.as_str(), x)).collect()).collect();
    let mut rows: Vec<(f64, bool, DisagreementRow)> = gaps
        .iter()
        .filter_map(|g| {
            let scores: Vec<&TouchpointGap> =
                index.iter().filter_map(|m| m.get(g.id.as_str()).copied()).collect();
            let priorities = scores.iter().map(|x| x.priority);
            let spread = priorities.clone().fold(f64::MIN, f64::max) - priorities.fold(f64::MAX, f64::min);
            let actions_differ = scores.windows(2).any(|w| w[0].action != w[1].action);
            (spread > 0.0 || actions_differ).then(|| {
                let by_market = scores
                    .iter()
                    .map(|x| format!("{} · {}", l.number(x.priority, 1), action_name(l, x.action)))
                    .collect();
                let row = DisagreementRow {
                    number: g.number,
                    name: g.name.clone(),
                    by_market,
                    spread: l.number(spread, 1),
                };
                (spread, actions_differ, row)
            })
        })
        .collect();
    // The largest difference in priority first, a different action before the same.
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.number.cmp(&b.2.number)));
    rows.truncate(10);
    Some(MarketsView {
        names: compared.iter().map(|(name, _)| name.clone()).collect(),
        ipa: charts::importance_performance_by_market(t, &by_market, l),
        disagreements: rows.into_iter().map(|(_, _, row)| row).collect(),
    })
}

pub fn gaps(project: &Project, m: &Metrics, l: &Localizer) -> Vec<GapRow> {
    let Some(t) = &m.touchpoints else { return Vec::new() };
    let by_touchpoint = m.initiative_summary.as_ref().map(|s| s.by_touchpoint.as_slice()).unwrap_or_default();
    let carried: HashMap<&str, f64> =
        by_touchpoint.iter().map(|x| (x.touchpoint.as_str(), x.value)).collect();
    let initiative_value = |id: &str| carried.get(id).map(|v| l.money(*v)).unwrap_or_default();
    let touchpoints: HashMap<&str, &Touchpoint> =
        project.journey.iter().flat_map(|j| &j.touchpoints).map(|t| (t.id.as_str(), t)).collect();
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
            initiative_value: initiative_value(&g.id),
            market_scores: touchpoints
                .get(g.id.as_str())
                .map(|t| market_scores(project, t, l))
                .unwrap_or_default(),
        })
        .collect()
}

/// "Norway 5 / 2" for each market whose importance, performance or presence differs from
/// the touchpoint's own, in the order the markets are listed.
fn market_scores(project: &Project, t: &Touchpoint, l: &Localizer) -> Vec<String> {
    let Some(journey) = &project.journey else { return Vec::new() };
    journey
        .markets
        .iter()
        .filter_map(|market| {
            let s = t.by_market.get(market)?;
            let differs =
                s.importance != t.importance || s.performance != t.performance || s.present != t.present;
            differs.then(|| {
                l.t_with(
                    if s.present { "touchpoint-market-scores" } else { "touchpoint-market-absent" },
                    vec![
                        ("market", market.clone().into()),
                        ("importance", l.number(s.importance.get(), 1).into()),
                        ("performance", l.number(s.performance.get(), 1).into()),
                    ],
                )
            })
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
                .filter(|(_, w)| w.phases.iter().any(|phase| *phase == p.id))
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
